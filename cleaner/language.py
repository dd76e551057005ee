"""A text's language, cheaply: the page's declaration when it makes one, else a guess from the
script its letters are in or, for Latin script, from its commonest short words."""

from __future__ import annotations

import re

from cleaner.patterns.languages import SCRIPTS, STOPWORDS

#: Words (or non-Latin letters) a guess needs before it is made at all.
MIN_WORDS = 20
#: Share of the letters a script must have to name the language.
SCRIPT_SHARE = 0.3
#: Share of the letters in kana that makes ideographs Japanese rather than Chinese.
KANA_SHARE = 0.05
#: Share of the words the best language's common words must make up, and how far ahead of
#: the runner-up it must be, for a Latin-script guess.
STOPWORD_SHARE = 0.15
STOPWORD_LEAD = 1.2
#: Characters of a long text that are read.
SAMPLE_CHARS = 20_000
_WORD = re.compile(r"[^\W\d_]+")
_TAG = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$")


def declared_language(value: str | None) -> str | None:
    """A declared language tag in its usual form ("en-GB", "pt-BR", "de"), None when it is
    not one ("en_US" counts: Open Graph writes locales so)."""
    if not value:
        return None
    tag = value.strip().replace("_", "-").lower().split(",")[0].strip()
    if not _TAG.match(tag):
        return None
    language, _, region = tag.partition("-")
    return f"{language}-{region.upper()}" if len(region) == 2 else language


def guess_language(text: str) -> str | None:
    """The ISO 639-1 code of the language ``text`` is most likely in; None when it is too
    short or no language stands out."""
    sample = text[:SAMPLE_CHARS]
    letters = [character for character in sample if character.isalpha()]
    if not letters:
        return None
    by_script: dict[str, int] = {}
    for character in letters:
        point = ord(character)
        if point < 0x0370:
            continue
        for first, last, language in SCRIPTS:
            if first <= point <= last:
                by_script[language] = by_script.get(language, 0) + 1
                break
    if by_script.get("ja", 0) >= KANA_SHARE * len(letters):
        by_script["ja"] += by_script.pop("zh", 0)  # Japanese writes ideographs beside kana
    if by_script:
        language, count = max(by_script.items(), key=lambda item: item[1])
        if count >= MIN_WORDS and count / len(letters) >= SCRIPT_SHARE:
            return language
    words = _WORD.findall(sample.lower())
    if len(words) < MIN_WORDS:
        return None
    scores = sorted(((sum(1 for word in words if word in common), code)
                     for code, common in STOPWORDS.items()), reverse=True)
    (best, code), (second, _) = scores[0], scores[1]
    if best / len(words) < STOPWORD_SHARE or best < STOPWORD_LEAD * second:
        return None
    return code
