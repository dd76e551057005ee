"""Data for telling a text's language cheaply: the commonest short words of languages written
in Latin script, and the scripts that name a language (or a family) by themselves."""

from __future__ import annotations

#: ISO 639-1 code → its most frequent function words (lower-cased). Words shared by several
#: languages count for each; the best score wins.
STOPWORDS: dict[str, frozenset[str]] = {
    code: frozenset(words.split()) for code, words in {
        "en": "the and of to in is that for it with as was on are be this by not or have "
              "from at which but they his her you we an were has their been would will",
        "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine "
              "als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch",
        "fr": "le la les de des et en un une du est que pour dans qui au sur pas par plus ce "
              "avec il elle sont ne se aux ou son sa mais nous vous leur cette été",
        "es": "el la de que y en los del se las por un una para con no es al lo como más "
              "pero sus le ya o fue este ha sí porque esta entre cuando muy sin sobre",
        "it": "il di che è e la per un in una sono del della non si con le da dei gli al "
              "nel anche come più ma ha delle alla nella questo essere ci lo",
        "pt": "de que e o a do da em um para é com não uma os no se na por mais as dos como "
              "mas foi ao ele das tem à seu sua ou ser quando muito há nos já está",
        "nl": "de het een en van in is dat op te zijn voor met die niet aan er om ook als "
              "bij maar door dan naar nog wordt uit worden kan tot wel heeft",
        "sv": "och i att det som en på är av för med till den har de inte om ett han men var "
              "jag sig från vi så kan när nu eller efter under också",
        "da": "og i at det er en til på som af med for den har de ikke et om var der han "
              "vi men fra kan også så efter når eller være blev",
        "no": "og i er det som en på til av for med at har ikke den de et om var jeg men "
              "fra kan også så etter når eller være ble vi",
        "fi": "ja on ei se että oli hän ovat kun mutta tai myös joka sen kuin niin ole "
              "jos vain nyt olla voi mitä tämä siitä",
        "pl": "i w na z się nie do że to jest o jak po co ale tak dla od przez jego są już "
              "czy tylko może być jej ich oraz także",
        "cs": "a v se na je že o s z do to jako pro by ale ve jsou k od po za tak jeho také "
              "už jen byl bylo jsem které který",
        "ro": "și de în a la cu o că nu pe un din este se mai pentru sau care ca sunt au "
              "fost lui dar acest această",
        "hu": "a az és hogy nem is egy van meg de már csak mint el ki még ez volt azt ha "
              "vagy lesz pedig minden után",
        "tr": "ve bir bu da de için ile çok daha ne gibi olan ama en mi kadar sonra her "
              "olarak var değil ya ki",
        "id": "yang dan di ini itu dengan untuk dari dalam tidak akan ke pada juga ada "
              "adalah oleh atau bisa karena sudah mereka kami",
    }.items()
}
#: Unicode script ranges (first, last code point) → the language they name: scripts used
#: by one language, or by one most of all on the web.
SCRIPTS: tuple[tuple[int, int, str], ...] = (
    (0x3040, 0x30FF, "ja"),    # hiragana and katakana (checked before the shared ideographs)
    (0xAC00, 0xD7AF, "ko"),    # hangul syllables
    (0x4E00, 0x9FFF, "zh"),    # CJK ideographs without kana
    (0x0400, 0x04FF, "ru"),    # Cyrillic
    (0x0370, 0x03FF, "el"),    # Greek
    (0x0590, 0x05FF, "he"),    # Hebrew
    (0x0600, 0x06FF, "ar"),    # Arabic
    (0x0900, 0x097F, "hi"),    # Devanagari
    (0x0E00, 0x0E7F, "th"),    # Thai
)
