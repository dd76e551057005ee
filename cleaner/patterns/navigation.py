"""Site navigation: menus, breadcrumbs, skip links, sign-in links, date strips."""

import re

from cleaner.patterns import Phrases

NAVIGATION_LINE = Phrases("navigation line", [
    "home", "homepage", "home page", "menu", "main menu", "open menu", "close menu", "toggle menu",
    "toggle navigation", "navigation", "skip to content", "skip to main content",
    "skip to navigation", "skip to footer", "jump to content", "search", "search for",
    "sign in", "sign up", "log in", "login", "log out", "register", "my account", "account",
    "sections", "categories", "topics", "more", "close", "open", "back", "go", "submit",
    "subscribe sign in", "sign in subscribe", "english", "edition", "all sections", "explore",
    "startseite", "anmelden", "suche", "accueil", "connexion", "rechercher", "inicio",
    "buscar", "iniciar sesión", "cerca", "accedi", "início", "entrar", "pesquisar", "zoeken",
    "inloggen",
])
#: Breadcrumb separators: a short line with two or more is a trail ("Home » News » ...").
BREADCRUMB_SEPARATOR = re.compile(r"\s(?:»|›|>|/|\||→|::)\s")
#: Form widgets and placeholders as text dumps show them: "[          ]", "[Go]", "(BUTTON)".
FORM_WIDGET = re.compile(r"\[\s{3,}\]|\[(?:go|search|submit|ok)\]|\(button\)|^\s*\[\s*\]\s*$",
                         re.IGNORECASE)
