"""Leaked HTML, CSS, JavaScript and template code shown as text."""

import re

#: A tag with attributes or a closing tag, an HTML entity run, CSS rules, JS statements,
#: template braces.
#:
#: Every branch starts with a literal character (a word boundary is checked just after it, as
#: in ``f(?<=\bf)unction``): then the regex engine skips, at C speed, the positions where no
#: branch can start, instead of trying each branch at each character of a paragraph (6x).
MARKUP = re.compile(
    r"<[a-zA-Z][a-zA-Z0-9-]*\s+[a-zA-Z-]+=|</[a-zA-Z][a-zA-Z0-9]*>|<(?:br|hr|img|div|span|p|a)\b"
    r"|\{\s*[a-z-]+\s*:\s*[^;{}]+;|@media\s|f(?<=\bf)unction\s*\(|v(?<=\bv)ar\s+\w+\s*="
    r"|w(?<=\bw)indow\.\w+|d(?<=\bd)ocument\.(?:write|getElementById|querySelector)|googletag"
    r"|j(?<=\bj)Query\b|\$\(\s*['\"]|\{\{[^}]*\}\}|\{%[^%]*%\}|<!--|-->|&(?:nbsp|amp|quot|lt|gt);",
)
