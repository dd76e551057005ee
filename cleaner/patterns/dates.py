"""Dates, times and weekday/month names (for bylines, date strips and headline+date lists)."""

import re

from cleaner.patterns import alternation

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

_MONTH = alternation(MONTHS)
_WEEKDAY = alternation(WEEKDAYS)
#: Any date: "February 1, 2024", "1 February 2024", "Feb. 1", "2024-02-01", "01.02.2024", "1/2/24".
DATE = re.compile(
    rf"(?<!\w)(?:(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:de\s+)?(?:{_MONTH})\.?(?:\s+(?:de\s+)?\d{{4}})?"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}"
    rf"|(?:{_MONTH})\s+\d{{4}})(?!\w)",
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
