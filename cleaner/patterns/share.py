"""Share and follow bars: "Facebook Twitter Email", "Share", "Follow us"."""

from cleaner.patterns import Phrases, word_set

#: Words that make up share/follow bars. A short block made mostly of them is a share bar.
SHARE_BAR_WORDS = word_set("""
    facebook twitter x linkedin reddit pinterest whatsapp telegram email e-mail mail print
    instagram youtube tiktok tumblr flipboard pocket messenger vk xing threads bluesky mastodon
    rss steam snapchat google digg sms weibo wechat line viber skype discord twitch medium
    share shares shared sharing tweet tweets pin it copy link url save bookmark comment comments
    follow us on via subscribe feed podcast apple spotify soundcloud
    teilen partager compartir condividi compartilhar delen dela udostępnij поделиться
    imprimer drucken imprimir stampa 分享 分享到 微信 微博 シェア 공유
""".split())
#: A share bar must have at least this share of its words in SHARE_BAR_WORDS...
SHARE_BAR_MIN_SHARE = 0.8
#: ...and at most this many words.
SHARE_BAR_MAX_WORDS = 16
#: Networks proper (a bar needs at least one of these, or a share verb, not just "email").
SOCIAL_NETWORK_WORDS = """
    facebook twitter linkedin reddit pinterest whatsapp telegram instagram youtube tiktok tumblr
    flipboard pocket messenger vk xing threads bluesky mastodon rss snapchat digg weibo wechat
    share tweet teilen partager compartir condividi compartilhar delen 分享 分享到 微信 微博 シェア
"""
SOCIAL_NETWORKS = word_set(SOCIAL_NETWORK_WORDS.split())
SOCIAL_NETWORK_NAMES = Phrases("social network names", SOCIAL_NETWORK_WORDS.split())

SHARE_LINE = Phrases("share line", [
    "share", "share this", "share this article", "share this story", "share this post",
    "share article", "share on", "share via", "share the article", "shares", "tweet",
    "follow us", "follow", "follow us on", "connect with us", "stay connected", "print",
    "email this", "copy link", "link copied", "sharing is caring", "spread the word",
    "artikel teilen", "diesen artikel teilen", "folgen sie uns", "partager cet article",
    "suivez-nous", "compartir en", "síguenos", "condividi su", "seguici", "compartilhe",
])
SHARE_PHRASE = Phrases("share phrase", [
    "share on facebook", "share on twitter", "share on linkedin", "share via email",
    "share this article", "share this story", "follow us on", "like us on facebook",
    "follow on twitter", "click to share", "opens in new window",
])
