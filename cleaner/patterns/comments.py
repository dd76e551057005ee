"""Comment sections: count headings, reply forms, and the header line of each comment."""

import re
from collections.abc import Sequence

from cleaner.patterns import Phrases, alternation, word_set
from cleaner.patterns.dates import DATE, TIME, find_date

_COUNTED = alternation([
    "comments", "comment", "responses", "response", "replies", "reply", "thoughts on",
    "thought on", "kommentare", "commentaires", "comentarios", "commenti", "comentários",
    "reacties", "комментариев", "комментария",
])
#: "12 Comments", "2 thoughts on “...”", "3 responses to".
COMMENT_COUNT = re.compile(rf"^\W*\d+\s+(?:{_COUNTED})\b", re.IGNORECASE)

COMMENTS_HEADING = Phrases("comments heading", [
    "comments", "comment", "responses", "discussion", "join the discussion",
    "join the conversation", "reader comments", "top comments", "top rated comments",
    "most recent comments", "latest comments", "recent comments", "show comments",
    "view comments", "load comments", "kommentare", "leserkommentare",
    "commentaires", "comentarios", "commenti", "comentários", "reacties", "комментарии",
    "评论", "網友評論", "网友评论", "コメント", "댓글",
])
#: Comment actions and reply forms: links under each comment, or the form after them.
REPLY_LINE = Phrases("reply line", [
    "reply", "report", "log in to reply", "login to reply", "reply to this comment",
    "cancel reply", "like", "likes", "upvote", "flag", "post a comment", "add a comment",
    "leave a comment", "leave a reply", "leave a reply cancel reply", "write a comment",
    "post comment", "submit comment", "antworten", "kommentar schreiben", "répondre",
    "laisser un commentaire", "responder", "deja un comentario", "rispondi",
    "lascia un commento", "deixe um comentário", "beantwoorden", "reageer",
])
#: Buttons and links of one post, beyond REPLY_LINE's: left out of a post's text.
POST_ACTIONS = Phrases("post action", [
    "report this comment", "report comment", "report abuse", "see more comments",
    "load more comments", "view more comments", "show more comments", "view more replies",
    "show more replies", "view replies", "hide replies", "copy link", "permalink", "edit",
    "delete", "quote", "share", "dislike", "dislikes", "downvote", "helpful", "not helpful",
    "was this helpful", "flag as inappropriate", "in reply to", "reply to",
])
#: A field or badge of a forum member's card beside each post ("Joined: Feb 2019",
#: "Posts: 133", "Offline", "Topic author"): not the post's date, author or text.
MEMBER_FIELD = re.compile(
    r"^\W*(?:joined|join date|member since|registered|founded|location|posts|messages|"
    r"reputation|reaction score|points|likes received)\b\s*:?"
    r"|^\W*\d[\d,.]*\s*(?:posts|messages|reactions|points)\s*$"
    r"|^\W*(?:\w\s+)?(?:online|offline)\s*$"
    r"|^\W*(?:topic author|thread starter|discussion starter|original poster|author stats)\W*$",
    re.IGNORECASE)
#: "2mo", "3 h", "5d ago": the compact age a thread shows for a post.
POST_AGE = re.compile(r"^\s*\d+\s*(?:s|m|min|mins|h|hr|hrs|d|w|mo|y|yr|yrs)\b(?:\s+ago)?\s*$",
                      re.IGNORECASE)
#: "12 comments" anywhere in a short line (also inside leaked markup).
COMMENT_COUNT_ANYWHERE = re.compile(
    rf"\b\d+\s+(?:{_COUNTED})\b", re.IGNORECASE
)
#: "NAME says:", "NAME wrote:": a comment header's last word.
SAYS_WORDS = word_set("says said wrote schreibt dit dice escreveu zegt".split())
SAYS = Phrases("says", SAYS_WORDS)
#: A "NAME says:" header has at most this many words.
SAYS_MAX_WORDS = 6


def looks_like_comment_header(text: str, words: Sequence[str]) -> bool:
    """A short line that is a name followed by a date and a time."""
    if not words or len(words) > 14:
        return False
    if ":" not in text or not TIME.search(text) or find_date(text, words) is None:
        return False
    # A comment header names someone: after removing the date and time, a name must be left
    # ("Nov. 19, 2019 8:03 am ET" alone is a dateline).
    rest = TIME.sub(" ", DATE.sub(" ", text))
    return any(word.lower() not in _DATELINE_WORDS for word in _NAME_WORD.findall(rest))


_NAME_WORD = re.compile(r"[^\W\d_]{2,}")
#: Words that accompany a date and time without naming anyone.
_DATELINE_WORDS = word_set("""
    on at am pm et est edt pst pdt cet gmt utc bst updated posted published by the of
    uhr le à el de di um h ist aest
""".split())
