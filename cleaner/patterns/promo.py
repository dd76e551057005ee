"""Promotions: newsletters, subscriptions, donations, ads, cookie and paywall notices."""

import re

from cleaner.patterns import Phrases

PROMO_LINE = Phrases("promo line", [
    "advertisement", "advertising", "ad", "ads", "sponsored", "sponsored content", "promoted",
    "sponsored links", "paid content", "partner content", "newsletter", "newsletters",
    "subscribe", "subscribe now", "donate", "donate now", "support us", "contribute",
    "sign up", "sign up now", "join now", "get the app", "download the app", "free trial",
    "anzeige", "werbung", "publicité", "publicidad", "pubblicità", "publicidade", "advertentie",
    "reklama", "реклама", "continue reading",
    "story continues below advertisement", "article continues below",
])
#: Phrases that mark a sentence as a call to action, wherever they appear in a short block.
PROMO_PHRASE = Phrases("promo phrase", [
    "subscribe to", "subscribe for", "subscribe now", "subscribe today", "sign up for",
    "sign up to", "sign up now", "newsletter", "our newsletter", "get the newsletter",
    "delivered to your inbox", "in your inbox", "to your inbox", "support our journalism",
    "support independent journalism", "support us", "become a member", "become a patron",
    "donate", "make a donation", "to read the full story", "to continue reading",
    "already a subscriber", "subscribers only", "for subscribers", "create a free account",
    "download our app", "get our app", "we use cookies", "this site uses cookies",
    "this website uses cookies", "accept cookies", "cookie settings", "cookie policy",
    "accept all", "manage preferences", "by submitting this form", "you agree to receive",
    "privacy settings", "your privacy choices",
    "advertisement", "sponsored content", "paid post", "affiliate links",
    "earn a commission", "may earn", "this post may contain affiliate", "free trial",
    "newsletter abonnieren", "jetzt abonnieren", "abonnez-vous", "inscrivez-vous",
    "suscríbete", "suscribirse", "iscriviti", "assine", "inscreva-se", "abonneer",
])

#: Notices about the reader's browser or the page's widgets, never part of the content.
BROWSER_NOTICE = Phrases("browser notice", [
    "enable javascript", "javascript is disabled", "javascript is required",
    "javascript is not enabled", "javascript disabled", "support javascript",
    "turn on javascript", "javascript must be enabled", "requires javascript",
    "your browser is out of date", "update your browser", "unsupported browser",
    "your browser does not support", "you are using an outdated browser",
    "javascript aktivieren", "activer javascript",
    "activa javascript", "abilita javascript",
])
#: Blocks up to this many words that hold a browser notice are one.
BROWSER_NOTICE_MAX_WORDS = 40
COOKIE_WORDS = Phrases("cookie words", ["cookie", "cookies"])
#: Cookie banners and consent dialogs, however long their explanations run.
COOKIE_NOTICE = re.compile(
    r"\b(?:uses?|using|use of|accept|allow|necessary|essential|functional|analytics|"
    r"performance|advertising|advertisement|third-party|these|our|store|blocking)\s+cookies\b"
    r"|\bcookies?\s+(?:policy|settings|preferences|consent|banner|notice|to improve|help us"
    r"|collect|are small|are used)"
    r"|\bcookie-?einstellungen\b|\bverwendet cookies\b|\butilise des cookies\b"
    r"|\butiliza(?:mos)? cookies\b|\butilizza(?:iamo)? (?:i )?cookie",
    re.IGNORECASE,
)
