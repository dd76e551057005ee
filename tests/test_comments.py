"""Comments as posts: author, date, text and reply depth, with buttons and counters out, and
``--label`` writing one label's text (issue 19)."""

import json
from pathlib import Path

from helpers import run_cli

from cleaner import clean
from cleaner.blocks import Block
from cleaner.comments import Post, comment_posts
from cleaner.labels import Label
from cleaner.parse import parse_page
from cleaner.result import Decision, build_result

WRITTEN = Path(__file__).parent.parent / "fixtures" / "written"


def _posts(html: str) -> list[Post]:
    return comment_posts(parse_page(f"<html><body>{html}</body></html>", "html").blocks)


def test_a_threaded_list_becomes_posts_with_reply_depth():
    result = clean((WRITTEN / "tide-gauge-guide" / "input.html").read_text(encoding="utf-8"))
    assert [(p.author, p.date, p.depth) for p in result.comments] == [
        ("Tomas Lind", "5 March 2026 at 09:12", 0),
        ("Maren Odegaard", "5 March 2026 at 11:40", 1),
        ("Ines Paredes", "6 March 2026 at 17:03", 0),
    ]
    assert result.comments[1].text == "Not yet, but we clean it every three months to be safe."
    assert result.to_dict()["comments"][2]["author"] == "Ines Paredes"


def test_wrapper_divs_stay_in_their_post_and_nested_comment_divs_are_replies():
    def comment(name: str, text: str, replies: str = "") -> str:
        return (f"<div class='comment'><div class='meta'><span>{name}</span></div>"
                f"<div class='body'><p>{text}</p><p>12</p><a>Reply</a></div>{replies}</div>")
    html = ("<section><h3>2 Comments</h3>"
            + comment("Ana", "First comment text.",
                      "<div class='children'>" + comment("Bo", "A reply to Ana.") + "</div>")
            + comment("Cy", "Second comment text.") + "</section>")
    assert _posts(html) == [Post("Ana", None, "First comment text.", 0),
                            Post("Bo", None, "A reply to Ana.", 1),
                            Post("Cy", None, "Second comment text.", 0)]


def test_a_flat_section_is_split_at_its_header_lines():
    blocks = [Block(index=0, text="3 Comments"),
              Block(index=1, text="Peter Lund on March 4, 2024 at 9:12 am"),
              Block(index=2, text="Great news for the whole town."),
              Block(index=3, text="Reply"),
              Block(index=4, text="Ines Paredes on March 5, 2024 at 10:30 am"),
              Block(index=5, text="I will take the ferry tomorrow.")]
    assert comment_posts(blocks) == [
        Post("Peter Lund", "March 4, 2024 at 9:12 am", "Great news for the whole town.", 0),
        Post("Ines Paredes", "March 5, 2024 at 10:30 am", "I will take the ferry tomorrow.", 0),
    ]


def _forum_thread() -> str:
    def post(name: str, when: str, text: str) -> str:
        return (f"<div class='post'><div class='card'><p>{name[0]}</p><p>{name}</p>"
                f"<p>Joined: Feb 2019</p><p>Posts: 133</p></div><div class='message'>"
                f"<p>{when}</p><p>{text}</p><p>Hello, thanks for reading.</p>"
                "<a>Quote</a></div></div>")
    return ("<main>" + post("Ana Lind", "Mar 6, 2024", "How do I reset the tide gauge?")
            + post("Bo Paredes", "Mar 7, 2024", "Hold the button for ten seconds.")
            + "</main>")


def test_a_forum_post_takes_its_author_from_the_member_card_and_its_text_from_the_body():
    blocks = parse_page(f"<html><body>{_forum_thread()}</body></html>", "html").blocks
    card = {"A", "B", "Ana Lind", "Bo Paredes", "Joined: Feb 2019", "Posts: 133"}
    body = [block for block in blocks if block.text not in card]
    others = [block for block in blocks if block.text in card]
    assert comment_posts(body, headers=others) == [
        Post("Ana Lind", "Mar 6, 2024",
             "How do I reset the tide gauge?\n\nHello, thanks for reading.", 0),
        Post("Bo Paredes", "Mar 7, 2024",
             "Hold the button for ten seconds.\n\nHello, thanks for reading.", 0),
    ]
    # An avatar's initial is not a name.
    assert [post.author for post in comment_posts(body, headers=others[:1])] == [None, None]


def test_result_posts_is_the_thread_on_a_forum_page_and_none_elsewhere():
    from cleaner.result import FORUM_KIND, PageKind

    page = parse_page(f"<html><body>{_forum_thread()}</body></html>", "html")
    card = {"A", "B", "Ana Lind", "Bo Paredes", "Joined: Feb 2019", "Posts: 133"}
    decisions = [Decision(Label.OTHER if block.text in card else Label.BODY, "test")
                 for block in page.blocks]
    forum = build_result(page.blocks, decisions, source=None, input_type="html",
                         extractor="test", include_title=False,
                         page_kind=PageKind(FORUM_KIND, 0.9))
    assert [(post.author, post.date) for post in forum.posts] == [
        ("Ana Lind", "Mar 6, 2024"), ("Bo Paredes", "Mar 7, 2024")]
    assert forum.to_dict()["posts"][1]["author"] == "Bo Paredes"
    article = build_result(page.blocks, decisions, source=None, input_type="html",
                           extractor="test", include_title=False,
                           page_kind=PageKind("article", 0.9))
    assert article.posts is None and article.to_dict()["posts"] is None


def test_paragraphs_of_one_comment_are_not_posts():
    assert _posts("<div><p>Just one comment.</p><p>In two paragraphs.</p></div>") == []


def test_label_writes_that_labels_text_and_comments_as_posts(tmp_path: Path):
    page = WRITTEN / "tide-gauge-guide" / "input.html"
    done = run_cli("clean", str(page), "-o", str(tmp_path / "md"), "--format", "md",
                   "--label", "comments")
    assert done.returncode == 0, done.stderr
    written = (tmp_path / "md" / "input.html.md").read_text(encoding="utf-8")
    assert written.startswith("**Tomas Lind** · 5 March 2026 at 09:12\n\nGreat write-up.")
    assert "> **Maren Odegaard** · 5 March 2026 at 11:40\n>\n> Not yet" in written
    assert "Reply" not in written
    done = run_cli("clean", str(page), "-o", str(tmp_path / "txt"), "--label", "footer")
    assert done.returncode == 0, done.stderr
    assert "© 2026" in (tmp_path / "txt" / "input.html.txt").read_text(encoding="utf-8")
    record = json.loads((tmp_path / "txt" / "cleaner-run.json").read_text(encoding="utf-8"))
    assert record["label"] == "footer"


def test_label_with_a_record_format_is_a_usage_error():
    done = run_cli("clean", "-", "--format", "jsonl", "--label", "comments", stdin=b"text")
    assert done.returncode == 2
    assert b"--label goes with --format txt or md" in done.stderr


def test_a_rerun_with_another_label_is_refused(tmp_path: Path):
    page = WRITTEN / "tide-gauge-guide" / "input.html"
    assert run_cli("clean", str(page), "-o", str(tmp_path), "--label", "comments").returncode == 0
    done = run_cli("clean", str(page), "-o", str(tmp_path))
    assert done.returncode == 2
    assert b'--label "comments" (now null)' in done.stderr


def test_text_of_and_the_label_agree_on_other_labels():
    result = clean((WRITTEN / "tide-gauge-guide" / "input.html").read_text(encoding="utf-8"))
    assert "© 2026 Coastal Workshop Notes" in result.text_of(Label.FOOTER)
    assert result.markdown_of(Label.FOOTER) == result.text_of(Label.FOOTER)
