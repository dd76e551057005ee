"""Lists of other articles: trending, popular, most read, latest and recent news."""

from cleaner.patterns import Phrases

TRENDING_HEADING = Phrases("trending heading", [
    "trending", "trending now", "trending news", "trending stories", "trending articles",
    "trending topics", "popular", "popular now", "popular posts", "popular stories",
    "popular articles", "most popular", "most popular articles", "most popular stories",
    "most popular videos", "most read", "most viewed", "most shared", "most commented",
    "most emailed", "recent", "recent posts", "recent news", "recent articles",
    "recent stories", "latest", "latest news", "latest posts", "latest articles",
    "latest stories", "latest headlines", "top stories", "top news", "top headlines",
    "headlines", "editor's picks", "editors' picks", "editor’s picks", "featured",
    "featured stories", "breaking news", "just in", "hot topics", "what's hot",
    "meistgelesen", "am meisten gelesen", "neueste artikel", "aktuell", "les plus lus",
    "à la une", "dernières actualités", "lo más leído", "lo más visto", "últimas noticias",
    "più letti", "ultime notizie", "mais lidas", "últimas notícias", "meest gelezen",
    "laatste nieuws", "популярное",
])
