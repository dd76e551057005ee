"""Footers: copyright, legal links, addresses, search prompts."""

import re

from cleaner.patterns import Phrases

#: Words without which a line cannot be a copyright notice (besides a "©").
COPYRIGHT_WORDS = Phrases(
    "copyright words", "c copyright rights droits rechte derechos diritti".split()
)
COPYRIGHT = re.compile(
    r"©|\(c\)\s*\d{4}|\bcopyright\b|\ball rights reserved\b|\btous droits\b"
    r"|\balle rechte\b|\btodos los derechos\b|\btutti i diritti\b",
    re.IGNORECASE,
)
FOOTER_LINE = Phrases("footer line", [
    "about", "about us", "contact", "contact us", "privacy", "privacy policy", "privacy notice",
    "terms", "terms of use", "terms of service", "terms and conditions", "terms & conditions",
    "cookie policy", "cookies", "cookie settings", "accessibility", "sitemap", "site map",
    "careers", "jobs", "advertise", "advertise with us", "help", "faq", "press", "imprint",
    "legal", "disclaimer", "do not sell my personal information", "back to top",
    "return to top", "top", "site index", "rss feeds", "impressum", "datenschutz", "kontakt",
    "agb", "mentions légales", "nous contacter", "aviso legal", "contacto", "privacidad",
    "contatti", "chi siamo", "fale conosco", "privacybeleid", "colofon",
])
#: Separators between the links of a footer row ("Privacy | Terms | Contact").
LINK_SEPARATOR = re.compile(r"\s*[|•·]\s*")
#: A row of links is a footer row when at least this share of its links are FOOTER_LINE ones.
LINK_ROW_MIN_SHARE = 0.5
FOOTER_PHRASE = Phrases("footer phrase", [
    "all rights reserved", "privacy policy", "terms of use", "terms of service",
    "press enter to search", "press esc to cancel", "type above and press enter",
    "powered by", "designed by", "theme by", "proudly powered", "back to top",
    "registered trademark", "do not sell my", "cookie policy",
])
