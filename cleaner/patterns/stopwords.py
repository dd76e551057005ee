"""Function words of the main European languages: running prose is full of them, menus and
headline lists are not. One merged set; the share of a block's words in it is a prose signal
that does not care which of these languages the page is in."""

from cleaner.patterns import word_set

_LISTS = {
    "en": """the of and to a in is it that for on was with he as i his be at by they this had
        not are but from or have an she which you were her all their we been has would there
        if will when who more its one so about out them into can than then could some what
        these our also only other after over such no may him most those any our your my do
        did how where just do its our we'd it's it’s isn't""",
    "de": """der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als
        auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem
        über einen so zum war haben nur oder aber vor zur bis mehr durch man sein wurde sei
        ich wir ihr ihre kann""",
    "fr": """de la le et les des en un du une que est pour qui dans a par plus pas au sur ne
        se ce il sont ou avec son aux mais elle nous leur ont été cette sa ses comme on tout
        aussi être fait dont ces je vous y""",
    "es": """de la que el en y a los se del las un por con no una su para es al lo como más
        pero sus le ya o este ha si porque esta son entre cuando muy sin sobre también me hasta
        hay donde quien desde todo nos durante uno ni contra ese eso""",
    "it": """di e il la che in a per un è del non una sono le si con da i al come ma anche più
        dei della gli nel alla lo ha se questo tra cui ci loro delle quando suo sua essere
        stato molto""",
    "pt": """de a o que e do da em um para é com não uma os no se na por mais as dos como mas
        foi ao ele das tem à seu sua ou ser quando muito há nos já está eu também só pelo
        pela até isso ela entre""",
    "nl": """de en van het een in is dat op te zijn voor met die niet aan er om ook als dan maar
        bij of uit nog wel naar kan tot hij ze zich was wordt werd heeft deze door""",
    "sv": """och i att det som en på är av för med till den har de inte om ett han men var jag
        sig från vi så kan man när år säger hon under också efter eller nu""",
    "pl": """i w na z się że do nie to jest o jak a po co tak za od ale jego przez być już są
        tylko który może dla jej jako lub""",
    "ru": """и в не на что с он я как а то все она так его но по это к у же вы за бы о из ему
        от было мы только когда для""",
}

STOPWORDS = word_set(" ".join(_LISTS.values()).split())
