"""Bylines: author lines, publication dates, reading time, comment counts next to the title."""

from cleaner.patterns import Phrases

#: "By NAME" in several languages.
BY_AUTHOR = Phrases("by author", [
    "by", "posted by", "written by", "words by", "story by", "author", "authors", "autor",
    "autorin", "von", "par", "por", "di", "door", "av", "af", "publié par", "escrito por",
    "scritto da", "geschrieben von", "reporter", "reported by", "text:", "texto:",
    "记者", "記者", "作者", "文", "编辑", "編集",
])
#: Words that only appear in article metadata lines.
BYLINE_WORDS = Phrases("byline words", [
    "updated", "published", "posted", "last updated", "last modified", "first published",
    "min read", "mins read", "minute read", "minutes read", "min. read", "read time",
    "reading time", "aktualisiert", "veröffentlicht", "lesezeit", "publié", "mis à jour",
    "temps de lecture", "publicado", "actualizado", "tiempo de lectura", "pubblicato",
    "aggiornato", "lettura", "atualizado", "bijgewerkt", "gepubliceerd", "leestijd",
    "staff writer", "contributor", "correspondent", "senior writer", "editor",
])
