"""Related content: "Related posts", "Read next", previous/next article links, "More from"."""

from cleaner.patterns import Phrases

RELATED_HEADING = Phrases("related heading", [
    "related", "related posts", "related articles", "related stories", "related content",
    "related news", "related topics", "related coverage", "related reading", "related links",
    "read more", "read next", "read also", "also read", "see also", "you may also like",
    "you might also like", "you may like", "you might be interested in", "more stories",
    "more news", "more articles", "more like this", "recommended", "recommended for you",
    "recommended stories", "recommended articles", "don't miss", "up next", "what to read next",
    "further reading", "keep reading", "more to explore", "in this series",
    "weitere artikel", "ähnliche artikel", "ähnliche beiträge", "verwandte artikel",
    "mehr zum thema", "das könnte sie auch interessieren", "lesen sie auch",
    "à lire aussi", "lire aussi", "sur le même sujet", "vous aimerez aussi",
    "artículos relacionados", "noticias relacionadas", "te puede interesar", "leer más",
    "articoli correlati", "leggi anche", "potrebbe interessarti", "artigos relacionados",
    "leia também", "gerelateerde artikelen", "lees ook", "читайте также", "相关阅读",
    "相关文章", "相关新闻", "关联阅读", "関連記事", "関連ニュース", "관련기사", "관련 기사",
])
#: Lines that open with these name the section they belong to ("More from The Times", ...).
RELATED_START = Phrases("related start", [
    "previous article", "next article", "previous post", "next post", "previous story",
    "next story", "older post", "newer post", "older posts", "newer posts", "prev", "previous",
    "next", "more from", "more in", "more on", "more about", "related:", "read more:",
    "read also:", "see also:", "also on", "vorheriger artikel", "nächster artikel",
    "article précédent", "article suivant", "artículo anterior", "artículo siguiente",
    "articolo precedente", "articolo successivo",
])
