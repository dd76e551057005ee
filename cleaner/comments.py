"""A comment section as posts: who wrote each, when, what, and how deep in the thread it sits.

A post is one of two or more same-tag sibling elements laid out alike that hold the section's
blocks (the ``<li>`` of a comment list, the repeated ``<div>`` or ``<article>``); an element of
the same tag and layout inside a post is a reply, one level deeper. In a post, a short block
with a date is its date, the short block before the text its author, and action lines
("Reply", "3 Likes") and the section's headings and form are left out. Where no elements
repeat (a flat section, a text dump), posts start at header lines that name someone and a
date and time.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from cleaner.blocks import Block
from cleaner.parse.element_paths import PathSteps, path_steps
from cleaner.patterns import words_of
from cleaner.patterns.comments import (
    COMMENT_COUNT,
    COMMENTS_HEADING,
    MEMBER_FIELD,
    POST_ACTIONS,
    POST_AGE,
    REPLY_LINE,
    SAYS,
    looks_like_comment_header,
)
from cleaner.patterns.dates import find_date

#: A block of at most this many words can be a post's author or date line.
HEADER_MAX_WORDS = 8
#: A counter or action line ("12 Likes", "Reply") has at most this many words.
ACTION_MAX_WORDS = 5
#: A line ending so is the start of the post's text ("Hello,", "Any ideas?"), not its author.
SENTENCE_ENDS = (".", "?", "!", ",", ";")
_TWO_LETTERS = re.compile(r"[^\W\d_]{2}")
#: "Posted by " before an author's name.
_POSTED_BY = re.compile(r"^\s*(?:posted by|post by|by)\s+(?=\S)", re.IGNORECASE)
#: Same-tag siblings are posts when they hold this many blocks each on average (author, text).
MIN_BLOCKS_PER_POST = 1.5



@dataclass(frozen=True, slots=True)
class Post:
    """One comment (or forum post): its author and date as the page shows them (None when it
    shows none), its text, and its reply depth (0: a reply to the page itself)."""

    author: str | None
    date: str | None
    text: str
    depth: int

    def to_dict(self) -> dict[str, object]:
        return {"author": self.author, "date": self.date, "text": self.text,
                "depth": self.depth}


def comment_posts(blocks: Sequence[Block], headers: Sequence[Block] = ()) -> list[Post]:
    """The posts of the comment blocks of one page, in page order (``blocks``: those labelled
    comments, or a forum thread's): by the page's repeated elements, else (a flat list, a
    text dump) by the header lines that start posts ("Ana on May 4, 2024 at 9:12 am"); empty
    when neither. ``headers``: the page's other blocks, which can give a post its author and
    date line (a forum shows them beside the post's text) but never its text; given them, a
    short line of ``blocks`` is an author only beside a date."""
    placed = [(block, path_steps(block.dom.path)) for block in blocks if block.dom is not None]
    found = _top_posts(placed)
    if found is None:
        return _posts_by_headers(blocks)
    around = [(block, path_steps(block.dom.path)) for block in headers if block.dom is not None]
    posts: list[Post] = []
    at, groups = found
    for members in groups:
        _add_post(members, at, 0, _inside(around, members[0][1][:at + 1]), posts,
                  beside_date=bool(headers))
    return posts


def _inside(placed: list[tuple[Block, PathSteps]], element: PathSteps,
            ) -> list[tuple[Block, PathSteps]]:
    """The blocks of ``placed`` inside the element at path ``element``."""
    return [item for item in placed if item[1][:len(element)] == element]


def _posts_by_headers(blocks: Sequence[Block]) -> list[Post]:
    """Posts that each start at a header line naming someone and a date and time."""
    posts: list[Post] = []
    header: Block | None = None
    texts: list[str] = []
    for block in [*blocks, None]:
        words = words_of(block.text) if block is not None else ()
        if block is None or looks_like_comment_header(block.text, words):
            if header is not None and texts:
                author, date = _split_header(header.text)
                posts.append(Post(author, date, "\n\n".join(texts), 0))
            header, texts = block, []
        elif header is not None and not _is_action(block.text, words):
            texts.append(block.text)
    return posts


def _split_header(text: str) -> tuple[str | None, str | None]:
    """"Ana on May 4, 2024 at 9:12 am" → ("Ana", "May 4, 2024 at 9:12 am")."""
    found = find_date(text, words_of(text))
    if found is None:
        return text, None
    author = text[:found.start()].strip(" ,-–—|·").removesuffix(" on").removesuffix(" says")
    return author.strip() or None, text[found.start():].strip()


def _top_posts(placed: list[tuple[Block, PathSteps]],
               ) -> tuple[int, list[list[tuple[Block, PathSteps]]]] | None:
    """Where the posts are: of the levels of same-tag siblings holding the blocks, the one
    with the most siblings laid out alike (their first blocks at the same place inside them:
    posts repeat one layout, the parts of one post do not), each holding MIN_BLOCKS_PER_POST
    blocks on average (headings are not posts); its step depth and each sibling's blocks.
    None when no level has two siblings alike."""
    if len(placed) < 2:
        return None
    depth = _common_depth([steps for _, steps in placed])
    best: tuple[int, list[list[tuple[Block, PathSteps]]]] | None = None
    best_alike = 1
    while len(placed) >= 2:
        children: dict[tuple[str, int], list[tuple[Block, PathSteps]]] = {}
        for item in placed:
            if len(item[1]) > depth:
                children.setdefault(item[1][depth], []).append(item)
        if not children:
            break
        by_tag: dict[str, list[list[tuple[Block, PathSteps]]]] = {}
        for (tag, _), members in children.items():
            by_tag.setdefault(tag, []).append(members)
        for groups in by_tag.values():
            if sum(map(len, groups)) < MIN_BLOCKS_PER_POST * len(groups):
                continue
            shapes = Counter(_shape(members[0][1], depth) for members in groups)
            alike = max(shapes.values())
            if alike > best_alike:
                best, best_alike = (depth, groups), alike
        placed = max(children.values(), key=len)
        depth += 1
    return best


def _add_post(members: list[tuple[Block, PathSteps]], at: int, depth: int,
              headers: list[tuple[Block, PathSteps]], posts: list[Post],
              beside_date: bool) -> None:
    """The post whose element is step ``at`` of its blocks' paths, then its replies: elements
    inside it of the same tag whose first block sits as the post's own first block does (so a
    wrapper <div> inside a <div> post is part of the post, a nested comment a reply).
    ``headers``: the other blocks inside the post's element (comment_posts)."""
    tag = members[0][1][at][0]
    shape = _shape(members[0][1], at)
    candidates: dict[PathSteps, list[tuple[Block, PathSteps]]] = {}
    for item in members[1:]:
        steps = item[1]
        for position in range(at + 1, len(steps)):
            if steps[position][0] == tag:
                candidates.setdefault(steps[:position + 1], []).append(item)
    replies: list[tuple[int, list[tuple[Block, PathSteps]], list[tuple[Block, PathSteps]]]] = []
    in_reply: set[int] = set()
    for key, group in candidates.items():  # shallower elements first, in page order
        if id(group[0][0]) in in_reply or _shape(group[0][1], len(key) - 1) != shape:
            continue
        fresh = [item for item in group if id(item[0]) not in in_reply]
        reply_headers = [item for item in _inside(headers, key) if id(item[0]) not in in_reply]
        replies.append((len(key) - 1, fresh, reply_headers))
        in_reply.update(id(block) for block, _ in fresh + reply_headers)
    own = [block for block, _ in members if id(block) not in in_reply]
    own_headers = [block for block, _ in headers if id(block) not in in_reply]
    post = _post(own, depth, own_headers, beside_date)
    if post is not None:
        posts.append(post)
    for nested, group, reply_headers in replies:
        _add_post(group, nested, depth + 1, reply_headers, posts, beside_date)


def _shape(steps: PathSteps, at: int) -> tuple[str, ...]:
    """The tags from the element at step ``at`` down to a block (its place in the element)."""
    return tuple(tag for tag, _ in steps[at + 1:])


def _post(blocks: Sequence[Block], depth: int, headers: Sequence[Block] = (),
          beside_date: bool = False) -> Post | None:
    """Author, date and text of one post's own blocks (and ``headers``: blocks that can be
    its author or date line, never its text), in page order; None when no text is left.
    ``beside_date``: a short line of ``blocks`` is the author only next to the date line."""
    author = date = None
    texts: list[str] = []
    header_ids = {id(block) for block in headers}
    ordered = sorted([*blocks, *headers], key=lambda block: block.index) if headers \
        else list(blocks)
    for position, block in enumerate(ordered):
        words = words_of(block.text)
        short = len(words) <= HEADER_MAX_WORDS
        only_header = id(block) in header_ids
        if _is_action(block.text, words) or (short and MEMBER_FIELD.match(block.text)):
            continue
        if author is None and date is None and not texts \
                and looks_like_comment_header(block.text, words):
            author, date = _split_header(block.text)
            continue
        if short and date is None and _is_date_line(block.text, words):
            date = block.text
            continue
        if short and author is None and _can_name(block.text) \
                and not _is_date_line(block.text, words) \
                and not block.text.rstrip().endswith(SENTENCE_ENDS) \
                and (not texts or (only_header and ordered[position - 1].text == date)) \
                and (only_header or not beside_date or date is not None
                     or _next_is_date(ordered, position)):
            author = _without_says(block.text, words)
            continue
        if not only_header:
            texts.append(block.text)
    if not texts:
        return None
    return Post(author, date, "\n\n".join(texts), depth)


def _can_name(text: str) -> bool:
    """Whether a line can be someone's name: two letters in a row (not an avatar's initial,
    a post number or a vote count)."""
    return _TWO_LETTERS.search(text) is not None


def _is_date_line(text: str, words: Sequence[str]) -> bool:
    return find_date(text, words) is not None or POST_AGE.match(text) is not None


def _next_is_date(blocks: Sequence[Block], position: int) -> bool:
    """Whether the block after ``position`` is a short date line (an author's beside it)."""
    if position + 1 >= len(blocks):
        return False
    text = blocks[position + 1].text
    words = words_of(text)
    return len(words) <= HEADER_MAX_WORDS and _is_date_line(text, words)


def _is_action(text: str, words: Sequence[str]) -> bool:
    """An action or counter line ("Reply", "12 Likes"), or the section's own heading."""
    if len(words) > ACTION_MAX_WORDS:
        return False
    if text.strip().isdigit():  # a vote or like count
        return True
    return (REPLY_LINE.is_whole(words) or POST_ACTIONS.is_whole(words)
            or COMMENTS_HEADING.is_whole(words)
            or COMMENT_COUNT.match(text) is not None
            or (bool(words) and words[0].isdigit() and REPLY_LINE.is_whole(words[1:])))


def _without_says(text: str, words: Sequence[str]) -> str:
    """"Ana says:" → "Ana", "Posted by Ana" → "Ana"."""
    text = _POSTED_BY.sub("", text, count=1) or text
    if words and SAYS.is_whole(words[-1:]):
        cut = text.rstrip(" :").rsplit(" ", 1)[0]
        return cut or text
    return text


def _common_depth(paths: Sequence[PathSteps]) -> int:
    """How many leading steps all ``paths`` share."""
    first = paths[0]
    depth = 0
    while depth < len(first) and all(len(path) > depth and path[depth] == first[depth]
                                     for path in paths):
        depth += 1
    return depth
