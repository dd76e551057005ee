"""Dates, times and weekday/month names (for bylines, date strips and headline+date lists)."""

import re
from collections.abc import Sequence

from cleaner.patterns import alternation, word_set

MONTHS = """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    januar februar märz april mai juni juli august september oktober november dezember
    janvier février mars avril mai juin juillet août septembre octobre novembre décembre
    enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
    gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre
    janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro
    januari februari maart april mei juni juli augustus september oktober november december
""".split()
WEEKDAYS = """
    monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun
    montag dienstag mittwoch donnerstag freitag samstag sonntag
    lundi mardi mercredi jeudi vendredi samedi dimanche
    lunes martes miércoles jueves viernes sábado domingo
    lunedì martedì mercoledì giovedì venerdì sabato domenica
    segunda terça quarta quinta sexta sábado domingo
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
""".split()

MONTH_WORDS = word_set(MONTHS)
#: Words of relative times ("3 hours ago", "vor 2 Stunden", "il y a", "hace").
RELATIVE_WORDS = word_set("ago vor il hace".split())
_MONTH = alternation(MONTHS)
_WEEKDAY = alternation(WEEKDAYS)
#: Any date: "February 1, 2024", "1 February 2024", "Feb. 1", "2024-02-01", "01.02.2024", "1/2/24".
DATE = re.compile(
    rf"(?<!\w)(?:(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:de\s+)?(?:{_MONTH})\.?(?:\s+(?:de\s+)?\d{{4}})?"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}"
    rf"|(?:{_MONTH})\s+\d{{4}}"
    # Chinese and Japanese "2025年3月12日", Korean "2025년 3월 12일"
    rf"|\d{{4}}\s*[年년]\s*\d{{1,2}}\s*[月월](?:\s*\d{{1,2}}\s*[日일])?)(?!\w)",
    re.IGNORECASE,
)
TIME = re.compile(r"(?<!\w)\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|uhr|h)?(?!\w)",
                  re.IGNORECASE)
WEEKDAY = re.compile(rf"(?<!\w)(?:{_WEEKDAY})(?!\w)", re.IGNORECASE)
#: Relative times: "3 hours ago", "vor 2 Stunden", "il y a 3 jours".
RELATIVE_TIME = re.compile(
    r"\b\d+\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|[smhdwy])"
    r"\s+ago\b|\bvor\s+\d+\s+\w+|\bil\s+y\s+a\s+\d+\s+\w+|\bhace\s+\d+\s+\w+",
    re.IGNORECASE,
)

_DIGIT = re.compile(r"\d")
_NUMERIC_DATE = re.compile(r"\d[./-]\d|\d\s*[年년]")


def find_date(text: str, words: Sequence[str]) -> re.Match[str] | None:
    """The first date or relative time in ``text`` (``words``: its lower-cased words).

    The full patterns are costly, so they only run when a digit and a month name, a numeric
    date or a relative-time word make a date possible.
    """
    if _DIGIT.search(text) is None:
        return None
    if MONTH_WORDS.isdisjoint(words) and RELATIVE_WORDS.isdisjoint(words) \
            and _NUMERIC_DATE.search(text) is None:
        return None
    return DATE.search(text) or RELATIVE_TIME.search(text)
