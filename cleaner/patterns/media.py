"""Media leftovers: image placeholders, captions and credits, gallery controls, video labels."""

import re

from cleaner.patterns import Phrases

#: What w3m/lynx print for images and embeds: "[IMG]", "[photo-1.jpg]", "[INS::INS]".
IMAGE_PLACEHOLDER = re.compile(r"^\s*(?:\[[^\]]{0,200}\]\s*)+$")
CAPTION_START = re.compile(
    r"^\W*(?:photo|photograph|image|picture|foto|bild|illustration|video|credit|credits|"
    r"image credit|photo credit|source|quelle|crédit|fuente|fonte)\s*(?:credit)?\s*[:|]",
    re.IGNORECASE,
)
CAPTION_PHRASE = Phrases("caption phrase", [
    "getty images", "ap photo", "afp via getty", "shutterstock", "istock", "photo by",
    "photograph by", "image by", "illustration by", "image credit", "photo credit",
    "photo courtesy", "image courtesy", "file photo",
])
#: Gallery counters: "Image 1 of 23", "1 / 23".
GALLERY_COUNTER = re.compile(
    r"^\W*(?:image|photo|slide|bild|foto)?\s*\d+\s*(?:of|/|von|de|di|sur)\s*/?\s*\d+\W*$",
    re.IGNORECASE,
)
GALLERY_WORDS = Phrases("gallery words", [
    "caption", "close", "enlarge", "expand", "back to gallery", "view gallery", "play video",
    "watch video", "gallery", "photos", "fullscreen", "full screen", "zoom", "hide caption",
    "toggle caption", "previous", "next", "prev", "open gallery", "view all photos",
])
MEDIA_LINE = Phrases("media line", [
    "video", "watch", "listen", "audio", "podcast", "play", "pause", "loading", "loading...",
    "please wait", "embed", "transcript", "show transcript",
])
