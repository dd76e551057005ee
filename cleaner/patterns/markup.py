"""Leaked HTML, CSS, JavaScript and template code shown as text."""

import re

#: A tag with attributes or a closing tag, an HTML entity run, CSS rules, JS statements,
#: template braces.
MARKUP = re.compile(
    r"<[a-zA-Z][a-zA-Z0-9-]*\s+[a-zA-Z-]+=|</[a-zA-Z][a-zA-Z0-9]*>|<(?:br|hr|img|div|span|p|a)\b"
    r"|\{\s*[a-z-]+\s*:\s*[^;{}]+;|@media\s|\bfunction\s*\(|\bvar\s+\w+\s*=|\bwindow\.\w+"
    r"|\bdocument\.(?:write|getElementById|querySelector)|googletag|\bjQuery\b|\$\(\s*['\"]"
    r"|\{\{[^}]*\}\}|\{%[^%]*%\}|<!--|-->|&(?:nbsp|amp|quot|lt|gt);",
)
