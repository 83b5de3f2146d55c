"""The words attribution looks for, gathered from the language modules in :mod:`audio_edition.languages`
(speech verbs, pronouns, determiners, honorifics, offices) and the tables shared by the languages
with written rules: titles of office, bodies and documents that can speak, first names, and
the words that end a noun phrase."""

from __future__ import annotations

import functools
import re

from audio_edition import languages



# Speech verbs come from each fully written language's module in languages/.
VERBS = {code: set(languages.get(code).speech_verbs) for code in languages.full_codes()}
VERBS_AND_EN = {lang: verbs | VERBS["en"] for lang, verbs in VERBS.items()}
ALL_VERBS = set().union(*VERBS.values()) - {"so", "dit", "note", "lance", "juge", "gab", "gibt",
                                               "macht", "machte", "sieht", "sah", "weiß", "heißt"}

_PRONOUNS = {
    "de": {"er", "sie"},
    "en": {"he", "she", "they"},
    "fr": {"il", "elle"},
}
for _code in languages.full_codes():
    if _code not in _PRONOUNS:
        _PRONOUNS[_code] = set(languages.get(_code).pronouns)
ALL_PRONOUNS = {"er", "sie", "he", "she", "il", "elle"}
"""The pronouns a German, English or French text may name a speaker with (a German article
quotes English and French people too)."""


def pronouns(lang: str) -> set[str]:
    """Returns the pronouns that may name a speaker in a text in ``lang``: its own and
    English ones (Italian's ``il`` is an article, not French's pronoun)."""
    if lang in ("de", "en", "fr"):
        return ALL_PRONOUNS
    return _PRONOUNS.get(lang, set()) | {"he", "she"}

DETERMINERS = {
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen",
    "sein", "seine", "seiner", "seinem", "ihr", "ihre", "ihrer", "ihrem", "dessen", "deren",
    "the", "a", "an", "his", "her", "their", "its",
    "le", "la", "les", "l", "un", "une", "son", "sa", "ses", "leur",
    *(w for c in languages.full_codes() for w in languages.get(c).determiners),
}

# Honorifics are dropped from a name; titles of office make the rest of the phrase a name.
HONORIFICS = {"herr", "frau", "mr", "mrs", "ms", "miss", "sir", "dame", "m", "mme", "mlle", "dr",
               "prof", "professor", "professorin", "monsieur", "madame", "lord", "lady",
               *(w for c in languages.full_codes() for w in languages.get(c).honorifics)}
ROLE_SUFFIXES = (
    "chef", "chefin", "minister", "ministerin", "sprecher", "sprecherin", "präsident",
    "präsidentin", "vorsitzende", "vorsitzender", "leiter", "leiterin", "direktor", "direktorin",
    "experte", "expertin", "trainer", "trainerin", "kanzler", "kanzlerin", "sekretär",
    "sekretärin", "beauftragte", "beauftragter", "meisterin", "abgeordnete",
    "abgeordneter", "mitglied", "politiker", "politikerin", "analyst", "analystin", "ökonom", "ökonomin",
    "forscher", "forscherin", "wissenschaftler", "wissenschaftlerin", "anwalt", "anwältin",
    "richter", "richterin", "senator", "senatorin", "kommissar", "kommissarin", "gouverneur",
    "botschafter", "botschafterin", "general", "manager", "managerin", "gründer", "gründerin",
    "bürgermeister", "weltmeister", "europameister", "baumeister",
    "inhaber", "inhaberin", "führer", "führerin", "intendant", "intendantin", "autor", "autorin",
    "sänger", "sängerin", "spieler", "spielerin", "kapitän", "pfarrer", "pfarrerin", "bischof",
    "papst", "kardinal", "rabbiner", "arzt", "ärztin", "ermittler", "ermittlerin", "mitarbeiter",
    "mitarbeiterin", "vertreter", "vertreterin", "redakteur", "redakteurin", "moderator",
    "moderatorin", "journalist", "journalistin", "regisseur", "regisseurin", "schauspieler",
    "schauspielerin", "künstler", "künstlerin", "musiker", "musikerin", "historiker",
    "historikerin", "lehrer", "lehrerin", "unternehmer", "unternehmerin", "berater",
    "beraterin", "aktivist", "aktivistin", "kandidat", "kandidatin", "premier", "boss", "star",
    "koordinator", "koordinatorin", "referent", "referentin", "senatorin", "stadtrat", "rätin",
    "vorstand", "bürgermeister", "bürgermeisterin", "landrat", "landrätin", "ceo", "lady",
    "legende", "stürmer", "torwart", "kommandeur", "offizier", "beamter", "beamtin", "polizist",
    "polizistin", "biologe", "biologin", "ingenieur", "ingenieurin", "pilot", "pilotin", "bäuerin", "winzer", "winzerin", "professor", "professorin", "dekan", "dekanin", "chemiker",
    "chemikerin", "physiker", "physikerin", "mediziner", "medizinerin", "kurator", "kuratorin",
    "gewerkschafter", "gewerkschafterin", "ministerpräsident", "ministerpräsidentin", "innensenator",
    "bundestrainer", "vize", "stellvertreter", "stellvertreterin", "sprecherin", "obmann", "inspektor", "inspektorin", "agent", "agentin", "diplomat", "diplomatin", "chair",
    # English and French (lower case in running text, but they open names: "Minister Jane Roe")
    "president", "spokesman", "spokeswoman", "spokesperson", "director", "mayor", "governor",
    "chairman", "chairwoman", "secretary", "chancellor", "executive", "officer", "coach",
    "ministre", "maire", "président", "présidente", "judge", "librarian", "manager", "leader",
    "captain", "rep", "chef", "teacher", "officer", "councillor", "pensioner", "winner", "directeur", "directrice", "porte-parole", "député",
    "députée", "sénateur", "sénatrice", "juge", "avocat", "avocate", "chercheur", "chercheuse",
    *(w for c in languages.full_codes() for w in languages.get(c).offices),
)
ROLE_EXACT = {"dr.", "prof.", "st.", "sankt"}
_INSTITUTION_SUFFIXES = (
    "gericht", "ministerium", "regierung", "kammer", "firma", "unternehmen", "agentur", "behörde",
    "polizei", "verband", "partei", "zeitung", "sender", "konzern", "universität", "amt", "kommission",
    "stiftung", "organisation", "gewerkschaft", "staatsanwaltschaft", "bundesregierung", "text",
    "erklärung", "mitteilung", "pressemitteilung", "bericht", "studie", "fraktion", "vorstand",
    "court", "ministry", "government", "company", "agency", "police", "union", "statement",
    "tribunal", "ministère", "gouvernement", "entreprise", "agence", "syndicat", "communiqué",
    "sportler", "sportlerin", "athlet", "athletin", "zeuge", "zeugin", "opfer", "bewohner",
    "bewohnerin", "anwohner", "anwohnerin", "besucher", "besucherin", "kunde", "kundin", "schüler",
    "betreiber", "betreiberin", "verfasser", "verfasserin", "kommentator", "kommentatorin",
    "veranstalter", "veranstalterin", "rat", "ausschuss", "bündnis", "verein", "club", "klub",
    "institut", "bundesamt", "landesamt", "rathaus", "senat", "vorstand", "komitee", "kommando",
    "schülerin", "student", "studentin", "mutter", "vater", "tochter", "kollege", "kollegin",
    "freund", "freundin", "nachbar", "nachbarin", "bäcker", "bäckerin", "wirt", "wirtin", "chor",
    "initiative", "bewegung", "netzwerk", "gruppe", "vereinigung", "gesellschaft", "genossenschaft",
    "koalition", "allianz", "bündnis", "forum", "zentrum", "kirche", "gemeinde", "stadtverwaltung",
    "verwaltung", "feuerwehr", "armee", "staatskanzlei", "botschaft", "bank", "klinik", "krankenhaus",
)

# Documents and statements: a source that speaks for its author. With a genitive or "von"
# complement the author is the speaker ("Pressemitteilung des CCC" is the CCC); alone the document
# is ("in dem Brief" is "Brief").
_DOCUMENT_SUFFIXES = (
    "mitteilung", "erklärung", "schreiben", "brief", "bericht", "antrag", "meldung", "entwurf",
    "stellungnahme", "beschluss", "urteil", "papier", "protokoll", "gutachten", "aufruf", "resolution",
    "kommuniqué", "flugblatt", "blog", "homepage", "website", "webseite", "interview", "studie",
    "umfrage",
    "text", "statement", "communiqué", "report", "letter", "anordnung", "verfügung", "satzung",
    "gesetz", "vertrag", "verordnung", "passus", "absatz",
    "transparent", "plakat", "schild", "banner", "zettel", "aufschrift",
)
# What someone said, not who: "so das Fazit der Betreiber", "nach Ansicht des Gerichts". Only
# the complement names a speaker.
STATEMENT_NOUNS = {
    "fazit", "einschätzung", "ansicht", "meinung", "auffassung", "worte", "worten", "aussage",
    "aussagen", "angaben", "darstellung", "schätzung", "schätzungen", "kommentar", "urteil",
    "bilanz", "forderung", "antwort", "erkenntnissen", "informationen", "überzeugung",
    "kernaussage", "ergebnis", "botschaft", "schlussfolgerung", "tenor",
}

_FIRST_NAMES = set("""
aaron adam adrian agnes alain alba albert alexander alexandra alexandre alfred ali alice alina
amelie amélie ana andrea andreas andré andrew angela angelika anja anna anne annette antoine
anton antonio arne arthur astrid barbara bastian beate ben benedikt benjamin bernd bernhard
bettina bianca birgit björn boris brigitte bruno camille carl carla carlos carmen caroline
catherine charles charlotte chen christa christian christiane christina christine christoph
christopher claire clara claude claudia constanze cornelia daniel daniela david denis dennis
diana dieter dirk dominik doris dorothea edith elena elias elisabeth elke ella elmar emil emilia
emily emma eric erik ernst eva fabian felix florian frank franz françois frederik friedrich
gabriele georg george gerhard gisela greta gregor guido günter günther hana hannah hannes hans
harald heike heinrich heinz helen helena helga helmut henri henrik henry herbert hermann hilde
horst hugo ida ilse inge ingrid irene isabel isabelle jakob jan jana jean jens jessica joachim
jochen johann johanna johannes jonas josef joseph judith julia julian juliane julien jürgen
karin karl karla katharina kathrin katja katrin klaus konrad kristina lara lars laura lea lena
leon leonie lisa lorenz lothar louis louise luca lucas lucie ludwig luis luise lukas lutz magdalena
manfred manuel manuela marc marcel marco margarete maria marie marion mark markus marta martha
martin martina mathias matthias max maximilian melanie michael michaela michel miriam monika
moritz nadine natalie nicolas niklas nicole nina noah nora olaf oliver otto pascal patrick paul
paula peter petra philipp pierre rainer ralf ralph rebecca regina reinhard renate richard rita
robert roland rolf rosa ruth sabine sabrina samuel sandra sara sarah sebastian silke simon simone
sofia sophie stefan stefanie steffen stephan susanne svenja sven sylvie tanja theo thomas tim
tobias tom torsten ulrich ulrike ursula uwe valentin vera veronika viktor volker walter werner
wilhelm wolfgang yannick yusuf zoe james john robert william richard joseph charles thomas
christopher daniel matthew anthony donald steven paul kenneth kevin brian george edward ronald
timothy jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon
frank benjamin gregory raymond samuel patrick alexander jack dennis jerry tyler aaron henry
douglas peter adam nathan zachary walter kyle harold carl jeremy keith roger gerald ethan arthur
terry christian sean lawrence austin joe noah jesse albert bryan billy bruce willie jordan dylan
alan ralph gabriel roy juan wayne eugene logan randy louis russell vincent philip bobby johnny
bradley mary patricia jennifer linda elizabeth susan jessica margaret karen nancy lisa betty
dorothy sandra ashley kimberly donna emily michelle carol amanda melissa deborah stephanie
rebecca laura sharon cynthia kathleen amy shirley angela anna ruth brenda pamela nicole katherine
virginia catherine christine samantha debra janet rachel carolyn emma maria heather diane julie
joyce evelyn frances joan christina kelly victoria lauren martha judith cheryl megan andrea ann
alice jean doris jacqueline kathryn hannah olivia gloria marie teresa sara janice julia grace
judy theresa rose beverly denise marilyn amber madison danielle brittany diana abigail jane
natalie lori tiffany alexis kayla priya raj omar fatima ahmed mohammed mohamed hassan leila
amir yuki hiroshi kenji li wei ming xi mei sofía josé luis carlos miguel javier pablo diego
lucía marta elena giulia giuseppe marco francesco alessandro matteo chiara paolo ivan olga
sergei dmitri natalia tatiana jacques philippe nathalie sébastien mathieu guillaume nicolas
thierry laurent stéphane valérie sandrine isabelle céline aurélie émilie hélène chloé léa manon
inès jeanne marguerite yves hervé gilles olivier benoît arnaud cédric jérôme vincent maxime
antoine lucas hugo théo louise juliette agathe margaux élise anaïs mathilde bernard marcel
""".split())

# Words that end a noun phrase: prepositions, adverbs of time and manner, conjunctions.
NP_STOP = set("""
am im in bei beim auf gegenüber vor nach mit zu zum zur über laut während für seit ohne um
gestern heute morgen dazu jedoch auch noch weiter zudem ebenfalls damals bereits schon nun
jetzt dann aber und oder sowie sondern denn dass weil wenn als wie so nicht nur außerdem
am zuletzt kürzlich inzwischen erneut mittlerweile einst vergangene vergangenen letzte letzten
on in at to with before after during for yesterday today last this on, and or but that when as
who which while earlier later also too in reporters
à au aux dans en pour par sur avec lors devant après avant hier aujourd'hui et ou mais que qui
""".split())
TIME_WORDS = {"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
               "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
               "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
               "abend", "morgen", "mittag", "nachmittag", "vormittag", "wochenende"}
TIME_WORDS |= {day + part for day in ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag",
                                      "sonntag")
               for part in ("morgen", "vormittag", "mittag", "nachmittag", "abend", "nacht")}


@functools.lru_cache(maxsize=8192)
def is_role(word: str) -> bool:
    """Whether ``word`` names an office or a job (``Vorstandschefin``, ``SPD-Chef``, ``Dr.``)."""
    low = word.lower()
    if low in ROLE_EXACT or low.rstrip(".") in HONORIFICS or low in ROLE_SUFFIXES:
        return True
    if word[:1].isupper() and re.search(r"(erin|istin|antin|entin|eurin|login|loge|ologe)$", low):
        return True  # Apothekerin, Pianistin, Praktikantin, Soziologe
    last = low.split("-")[-1].rstrip(".")
    # inflected forms: "des Abgeordneten", "vom Präsidenten", "Experten", "des Sprechers"
    forms = {last, last[:-1] if last[-1:] in ("n", "s") else last, last[:-2] if last.endswith("en") else last}
    return any(f.endswith(s) for f in forms for s in ROLE_SUFFIXES) and len(last) >= 3


def is_speaker_noun(word: str) -> bool:
    """Whether ``word`` can head a description of a speaker: an office, a person or a body."""
    if is_role(word):
        return True
    last = word.lower().split("-")[-1].rstrip(".")
    if last in _DOCUMENT_PARTS:
        return True
    return any(f.endswith(s) for f in forms(last) for s in _INSTITUTION_SUFFIXES + _DOCUMENT_SUFFIXES) \
        and len(last) >= 3


def forms(low: str) -> set[str]:
    """Returns ``low`` and its stems without a genitive or plural ending (``berichts``, ``verbandes``)."""
    out = {low}
    for ending in ("es", "s", "en", "n"):
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            out.add(low[:-len(ending)])
    return out


# parts of a text, as whole words only: "Satz" ends "Einsatz" and "Umsatz" too
_DOCUMENT_PARTS = {"satz", "sätze", "sätzen", "schlusssatz", "zeile", "zeilen"}


def is_document(word: str) -> bool:
    """Whether ``word`` names a document or statement (``Pressemitteilung``, ``LSVD-Schreiben``)."""
    last = word.lower().split("-")[-1].rstrip(".")
    if last in _DOCUMENT_PARTS:
        return True
    return any(f.endswith(s) for f in forms(last) for s in _DOCUMENT_SUFFIXES) and len(last) >= 4


def is_first_name(word: str) -> bool:
    """Whether ``word`` is a common given name."""
    return word.lower().split("-")[0] in _FIRST_NAMES


FUNCTION_WORDS = set("""
trotz wegen nach seit während laut gemäß dank statt aufgrund infolge angesichts bezüglich zufolge
außer gegen ohne durch für um bis ab aus von mit zu bei unter über vor hinter neben zwischen an auf
in im am beim vom zum zur als wie da weil wenn ob dass doch auch noch nur schon dann damit deshalb
daher dabei dazu darauf danach davor trotzdem zudem außerdem allerdings jedoch insbesondere vor
allem bereits erst heute gestern derzeit zuletzt mittlerweile inzwischen seitdem bislang bisher
""".split())


NOMINAL = re.compile(r"(ung|heit|keit|schaft|tät|ion|nis|tum|ismus|ment|enz|anz|ik|ur|ei|chen|lein)s?$")
ADJECTIVAL = re.compile(r"(liche|lichen|liches|ische|ischen|ige|igen|ene|enen|te|ten|e)$")


CONTRACTED = {"im", "vom", "beim", "zum", "zur", "am", "ins"}
PREPOSITIONS = {"vor", "mit", "nach", "bei", "beim", "auf", "an", "in", "im", "aus", "über",
                 "unter", "zu", "zum", "zur", "gegen", "für", "um", "von", "vom", "hinter", "neben",
                 "zwischen", "während", "wegen", "trotz", "seit", "ohne", "durch", "am", "ins"}


ES_ADVERBS = {"es", "dazu", "darin", "dort", "weiter", "weiterhin", "wörtlich", "auch", "etwa",
               "unter", "anderem", "so", "ferner", "außerdem", "zudem", "abschließend", "nun",
               "jetzt", "jedoch", "aber", "schließlich", "ebenfalls", "gestern", "heute",
               "bereits", "damals", "denn", "ergänzend", "später", "zuletzt", "offiziell"}
CONJUNCTIONS = {"und", "sowie", "oder", "aber", "doch"}


PARTITIVES = {"einer", "eine", "eines", "einige", "viele", "mehrere", "manche", "zahlreiche", "zwei", "drei",
               "einigen", "vielen", "mehreren", "zahlreichen"}
PERSON_PLURALS = re.compile(
    r"(männer|frauen|leute|kräfte|helfer|bürger|einwohner|anwohner|teilnehmer|mitglieder|"
    r"zuschauer|besucher|fans|eltern|kinder|schüler|studenten|demonstranten|arbeiter|"
    r"beschäftigte|beschäftigten|angestellte|angestellten|retter|sanitäter|ärzte|experten|"
    r"beobachter|kritiker|gegner|befürworter|anhänger|vertreter|kollegen|passanten|zeugen|"
    r"kunden|nutzer|bewohner|soldaten|polizisten|beamte|beamten|abgeordnete|abgeordneten)n?$")


CITING = {"zitiert", "zitierte", "zitieren", "zitierten"}


RELATIVES = {"der", "die", "das", "dem", "den", "deren", "dessen", "welcher", "welche", "who", "which",
              "qui", "que", "dont"}


NOT_FINITE_VERBS = {
    "dass", "daß", "ob", "weil", "wenn", "als", "wie", "da", "nachdem", "bevor", "obwohl", "damit",
    "sodass", "während", "seit", "seitdem", "bis", "falls", "indem", "wo", "was", "wer", "wen",
    "wem", "womit", "wofür", "worauf", "woran", "wozu", "um", "und", "oder", "aber", "sondern",
    "denn", "doch", "sowie", "nicht", "auch", "nur", "noch", "schon", "so", "für", "gegen", "ohne",
    "mit", "von", "zu", "bei", "nach", "an", "auf", "aus", "in", "über", "unter", "vor", "hinter",
    "neben", "zwischen", "durch", "welche", "welcher", "welches", "man", "es", "sich"}
