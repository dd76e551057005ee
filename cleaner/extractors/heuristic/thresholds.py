"""Every number the heuristic labeller uses, in one place, each with why it has its value."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Tuned on the dev halves of ../shared/bench (aeb-dev, modern-dev); see the README table."""

    #: Blocks with more words than this are never read as menu items, share bars or headings.
    short_words: int = 25
    #: A block with at least this many words that ends like a sentence reads as prose.
    prose_words: int = 8
    #: ...and one this long reads as prose even without sentence punctuation.
    long_prose_words: int = 20
    #: Region score of a prose block: a base plus a per-word weight, capped, so a few very long
    #: paragraphs cannot outweigh everything else.
    prose_base: float = 1.0
    prose_per_word: float = 0.1
    prose_word_cap: int = 100
    #: Region score of a short sentence (4+ words with end punctuation): mildly positive.
    short_sentence_score: float = 0.3
    #: Region score of any other short block: one menu line cancels a few words of prose.
    short_penalty: float = -1.0
    #: Prose in a list item counts this much (lists of teasers look like prose; an article's
    #: own list items are usually framed by paragraphs anyway).
    list_prose_weight: float = 0.5
    #: Prose not set off by a blank line on either side counts this much: in dumps, paragraphs
    #: come separated by blank lines, while teaser and widget text is packed line after line.
    tight_prose_weight: float = 0.5
    #: Region score of a block with boilerplate evidence.
    evidence_penalty: float = -3.0
    #: Region score of a figure's caption (HTML <figcaption>): the article runs on across it.
    caption_score: float = 0.0
    #: Region score of a section heading (comments, related, trending...): the article does not
    #: run across one.
    barrier_penalty: float = -25.0
    #: A second run of prose counts as part of the main content (a forum's replies, a product
    #: page's description blocks) when it scores at least this share of the main run...
    secondary_share: float = 0.2
    #: ...and at least this much.
    secondary_min_score: float = 5.0
    #: A page is an article when prose makes up at least this share of its words, or its
    #: article runs hold at least this share of its prose; otherwise it is a page of short
    #: pieces (shop grid, listing, product page) and its content is kept broadly.
    article_min_prose_share: float = 0.6
    article_min_run_share: float = 0.5
    #: On such a page the footer zone reaches at most this many blocks above its topmost
    #: footer or share line (the short pieces above it are the page's content).
    broad_footer_gap: int = 3
    #: How many blocks before the article the title may sit.
    title_search_blocks: int = 12
    #: Title length in words.
    title_min_words: int = 2
    title_max_words: int = 30
    #: A related/trending section ends at a prose block this long (teasers are shorter).
    section_prose_words: int = 40
    #: Word count at which a comment header's following text is still taken as a comment.
    comment_max_words: int = 400
    #: A list of teasers (headline, author, date line, excerpt, again and again) ending the
    #: article region: at least this many date lines, each within this many blocks of the
    #: next, the last this close to the region's end...
    teaser_min_dates: int = 3
    teaser_gap: int = 4
    #: ...after an article of at least this many paragraphs of this many words (a listing
    #: page made of teasers alone keeps them).
    teaser_article_paragraphs: int = 3
    teaser_paragraph_words: int = 40


DEFAULT_THRESHOLDS = Thresholds()
