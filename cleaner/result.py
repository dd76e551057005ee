"""The outcome of cleaning one document: labelled blocks, and everything derived from them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, partial
from typing import Any, NamedTuple

from cleaner.blocks import NO_META, Block, PageMeta
from cleaner.comments import Post, comment_posts
from cleaner.deadline import NO_DEADLINE, Deadline
from cleaner.labels import Label
from cleaner.language import guess_language
from cleaner.options import InputType
from cleaner.render import markdown, plain_text
from cleaner.structure import structure


class Decision(NamedTuple):
    """An extractor's verdict on one block, with the rule or evidence that decided it."""

    label: Label
    reason: str


#: The PageKind.kind of a forum thread: its body is posts (Result.posts).
FORUM_KIND = "forum"


@dataclass(frozen=True, slots=True)
class PageKind:
    """What kind of page this is (article, collection, documentation, forum, listing,
    product, service) and how sure the learned model is (its probability)."""

    kind: str
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "confidence": round(self.confidence, 3)}


class LabelledBlock(NamedTuple):
    """A block with its label and the reason for it."""

    block: Block
    label: Label
    reason: str


#: LabelledBlock without the NamedTuple constructor's Python frame (one per block).
_new_labelled = partial(tuple.__new__, LabelledBlock)


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of consecutive blocks with the same label."""

    label: Label
    text: str
    #: Text input: 1-based inclusive input lines the segment covers; None for HTML.
    start_line: int | None
    end_line: int | None
    #: HTML input: element path of the segment's first block; None for text.
    path: str | None
    #: Index of the first and last block in the page.
    first_block: int
    last_block: int

    def to_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "label": self.label.value,
            "text": self.text,
            "start_line": self.start_line,
            "end_line": self.end_line,
        }
        if self.path is not None:
            record["path"] = self.path
        return record


@dataclass(frozen=True)
class Result:
    """Body text, title and labelled segments of one document (see DESIGN.md, "Formats").

    ``segments`` are derived from ``blocks`` on first use (most callers only want ``text``).
    """

    source: str | None
    input_type: InputType
    extractor: str
    title: str | None
    #: The article body (plus the title when Options.include_title), paragraphs separated by
    #: blank lines.
    text: str
    blocks: tuple[LabelledBlock, ...]
    url: str | None = None
    #: From the page's metadata (HTML), None when it names none.
    author: str | None = None
    #: Publication date from the page's metadata (HTML), ISO 8601, None when it gives none.
    date: str | None = None
    #: The page's kind, from the learned extractor (None from the others).
    page_kind: PageKind | None = None
    #: Whether ``text`` (and ``markdown``) start with the title (Options.include_title).
    include_title: bool = False
    #: What the page says about itself (HTML; None or empty where it says nothing):
    site_name: str | None = None
    description: str | None = None
    #: The language the page declares (``language`` guesses one where it declares none).
    declared_language: str | None = None
    tags: tuple[str, ...] = ()
    image: str | None = None
    #: The page's own address (its canonical link, else og:url), beside ``url``, the one given.
    canonical_url: str | None = None

    @cached_property
    def segments(self) -> tuple[Segment, ...]:
        """Runs of consecutive blocks with one label, in page order."""
        return tuple(_segments(self.blocks))

    @cached_property
    def language(self) -> str | None:
        """The declared language, else one guessed from the body's words (cleaner.language):
        guessed on first use, not for every page cleaned."""
        return self.declared_language or guess_language(self.text)

    @cached_property
    def markdown(self) -> str:
        """The body as Markdown: headings, nested and numbered lists, pipe tables, fenced code
        (the title as a level-1 heading above it when Options.include_title)."""
        return markdown(structure(self.blocks_of(Label.BODY)),
                        self.title if self.include_title else None)

    def blocks_of(self, *labels: Label | str) -> list[Block]:
        """Every block with one of ``labels``, in page order."""
        wanted = {Label(label) for label in labels}
        return [item.block for item in self.blocks if item.label in wanted]

    def text_of(self, *labels: Label | str) -> str:
        """Text of every block with one of ``labels``, e.g. ``result.text_of("comments")``."""
        return render_blocks(self.blocks_of(*labels))

    @cached_property
    def comments(self) -> tuple[Post, ...]:
        """The comment section as posts (author, date, text, reply depth), in page order;
        empty when the page has none, or its comments are not laid out as posts."""
        return tuple(comment_posts(self.blocks_of(Label.COMMENTS)))

    @cached_property
    def posts(self) -> tuple[Post, ...] | None:
        """A forum page's thread as posts (its body and comments, in page order): who wrote
        each, when, what; None when the page is not a forum thread (see ``comments``)."""
        if self.page_kind is None or self.page_kind.kind != FORUM_KIND:
            return None
        thread = {Label.BODY, Label.COMMENTS}
        return tuple(comment_posts(
            self.blocks_of(*thread),
            headers=[item.block for item in self.blocks if item.label not in thread]))

    def markdown_of(self, *labels: Label | str) -> str:
        """Markdown of every block with one of ``labels``, e.g. ``markdown_of("comments")``."""
        return markdown(structure(self.blocks_of(*labels)))

    @property
    def empty_body(self) -> bool:
        """True when no block is body: the page's article was not found (or it has none)."""
        return all(item.label is not Label.BODY for item in self.blocks)

    def to_dict(self) -> dict[str, Any]:
        """The JSON record: source, url, input_type, extractor, title, author, date, the
        page's other metadata, page_kind, text, markdown, comments, posts, empty_body,
        segments."""
        return {
            "source": self.source,
            "url": self.url,
            "input_type": self.input_type,
            "extractor": self.extractor,
            "title": self.title,
            "author": self.author,
            "date": self.date,
            "site_name": self.site_name,
            "description": self.description,
            "language": self.language,
            "tags": list(self.tags) or None,
            "image": self.image,
            "canonical_url": self.canonical_url,
            "page_kind": self.page_kind.to_dict() if self.page_kind else None,
            "text": self.text,
            "markdown": self.markdown,
            "comments": [post.to_dict() for post in self.comments],
            "posts": None if self.posts is None else [post.to_dict() for post in self.posts],
            "empty_body": self.empty_body,
            "segments": [segment.to_dict() for segment in self.segments],
        }


def render_blocks(blocks: Iterable[Block], deadline: Deadline = NO_DEADLINE) -> str:
    """Blocks as output text: blank lines between paragraphs, list items on single lines
    (nested ones indented), tables as tab-separated rows, code with its line breaks."""
    return plain_text(structure(list(blocks), deadline))


def build_result(
    blocks: Sequence[Block],
    decisions: Sequence[Decision],
    *,
    source: str | None,
    input_type: InputType,
    extractor: str,
    include_title: bool,
    meta: PageMeta = NO_META,
    url: str | None = None,
    page_kind: PageKind | None = None,
    deadline: Deadline = NO_DEADLINE,
) -> Result:
    """Derive the Result (text, title, segments) from one decision per block.

    The title is the page's own headline when its metadata names one (HTML), else the block
    labelled title.
    """
    if len(blocks) != len(decisions):
        raise ValueError(f"{extractor}: {len(decisions)} decisions for {len(blocks)} blocks")
    # Decisions turned into a column of labels and one of reasons (C loops: once per block).
    labels, reasons = zip(*decisions, strict=True) if decisions else ((), ())
    labelled = tuple(map(_new_labelled, zip(blocks, labels, reasons, strict=True)))
    title = meta.title or (
        blocks[labels.index(Label.TITLE)].text if Label.TITLE in labels else None)
    body = render_blocks([block for block, label in zip(blocks, labels, strict=True)
                          if label is Label.BODY], deadline)
    if include_title and title:
        body = f"{title}\n\n{body}" if body else title
    return Result(
        source=source,
        input_type=input_type,
        extractor=extractor,
        title=title,
        text=body,
        blocks=labelled,
        url=url,
        author=meta.author,
        date=meta.date,
        page_kind=page_kind,
        include_title=include_title,
        site_name=meta.site_name,
        description=meta.description,
        declared_language=meta.language,
        tags=meta.tags,
        image=meta.image,
        canonical_url=meta.url,
    )


def _segments(labelled: Sequence[LabelledBlock]) -> Iterable[Segment]:
    start = 0
    for end in range(1, len(labelled) + 1):
        if end < len(labelled) and labelled[end].label is labelled[start].label:
            continue
        run = [item.block for item in labelled[start:end]]
        first, last = run[0], run[-1]
        yield Segment(
            label=labelled[start].label,
            text="\n".join(map(Block.rendered, run)),
            start_line=first.start_line,
            end_line=last.end_line,
            path=first.dom.path if first.dom else None,
            first_block=first.index,
            last_block=last.index,
        )
        start = end
