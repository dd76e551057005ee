"""Author boxes: "About the author" headings and "NAME is a reporter ..." biographies."""

import re

from cleaner.patterns import Phrases, alternation

BIO_HEADING = Phrases("bio heading", [
    "about the author", "about author", "about the authors", "author bio", "author",
    "the author", "meet the author", "written by", "about the writer", "contributor",
    "über den autor", "über die autorin", "zur person", "à propos de l'auteur", "l'auteur",
    "sobre el autor", "sobre la autora", "l'autore", "sull'autore", "sobre o autor",
    "over de auteur",
])
#: The verbs a biography sentence turns on (a cheap pre-check before the full regex).
BIO_VERBS = Phrases("bio verbs", ["is", "was", "has been", "covers", "writes"])
_ROLES = alternation([
    "reporter", "writer", "journalist", "editor", "correspondent", "columnist", "contributor",
    "author", "freelance", "freelancer", "producer", "photographer", "blogger", "founder",
    "host", "analyst", "critic", "staff writer", "news editor", "intern", "fellow",
    "contributing", "senior", "associate", "professor", "novelist",
])
#: "Justin DelMonico is a reporter for ...", "She is a freelance writer", "Jane covers ...".
BIO_SENTENCE = re.compile(
    rf"^\W*(?:[A-Z][\w'’.-]*\s+){{0,3}}[A-Z][\w'’.-]*\s+(?:is|was|has been|covers|writes)\s+"
    rf"(?:(?:a|an|the|our)\s+)?(?:[\w-]+\s+){{0,4}}(?:{_ROLES})\b",
)
