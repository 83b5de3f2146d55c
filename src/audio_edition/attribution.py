"""Finds who says a quote: the speech verb, the noun phrase of the speaker, and the name it means.

Three places are searched, in this order: the words right after the closing mark
(``„…“, sagte X`` / ``"…," X said`` / ``« … », a déclaré X``), the clause before an introducing
colon (``X sagte: „…“``), and the sentences just before the quote. A noun phrase is reduced to
the name in it (``Vorstandschefin Maria Lehmann`` is ``Maria Lehmann``); a bare last name is
completed from the names met earlier in the article (:class:`NameBook`). A phrase without a name
(``ein Sprecher des Ministeriums``) is kept as written, minus its article. Nothing is guessed:
when no phrase is found, the speaker stays ``None``.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass, field

from audio_edition import languages

log = logging.getLogger(__name__)

# --- lexicons -------------------------------------------------------------------------------

# Speech verbs come from each fully written language's module in languages/.
_VERBS = {code: set(languages.get(code).speech_verbs) for code in languages.full_codes()}
_VERBS_AND_EN = {lang: verbs | _VERBS["en"] for lang, verbs in _VERBS.items()}
_ALL_VERBS = set().union(*_VERBS.values()) - {"so", "dit", "note", "lance", "juge", "gab", "gibt",
                                               "macht", "machte", "sieht", "sah", "weiß", "heißt"}

_PRONOUNS = {
    "de": {"er", "sie"},
    "en": {"he", "she", "they"},
    "fr": {"il", "elle"},
}
for _code in languages.full_codes():
    if _code not in _PRONOUNS:
        _PRONOUNS[_code] = set(languages.get(_code).pronouns)
_ALL_PRONOUNS = {"er", "sie", "he", "she", "il", "elle"}
"""The pronouns a German, English or French text may name a speaker with (a German article
quotes English and French people too)."""


def _pronouns(lang: str) -> set[str]:
    """Returns the pronouns that may name a speaker in a text in ``lang``: its own and
    English ones (Italian's ``il`` is an article, not French's pronoun)."""
    if lang in ("de", "en", "fr"):
        return _ALL_PRONOUNS
    return _PRONOUNS.get(lang, set()) | {"he", "she"}

_DETERMINERS = {
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen",
    "sein", "seine", "seiner", "seinem", "ihr", "ihre", "ihrer", "ihrem", "dessen", "deren",
    "the", "a", "an", "his", "her", "their", "its",
    "le", "la", "les", "l", "un", "une", "son", "sa", "ses", "leur",
    *(w for c in languages.full_codes() for w in languages.get(c).determiners),
}
_GENITIVE = {"des", "der", "eines", "einer", "of", "de", "du", "des", "d", "from", "for", "at",
             "von", "vom", "bei", "beim"}

# Honorifics are dropped from a name; titles of office make the rest of the phrase a name.
_HONORIFICS = {"herr", "frau", "mr", "mrs", "ms", "miss", "sir", "dame", "m", "mme", "mlle", "dr",
               "prof", "professor", "professorin", "monsieur", "madame", "lord", "lady",
               *(w for c in languages.full_codes() for w in languages.get(c).honorifics)}
_ROLE_SUFFIXES = (
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
_ROLE_EXACT = {"dr.", "prof.", "st.", "sankt"}
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
_STATEMENT_NOUNS = {
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

_NAME_PARTICLES = {"von", "van", "de", "der", "den", "zu", "al", "el", "bin", "ibn", "ben", "da",
                   "di", "du", "del", "della", "dos", "le", "la", "ter", "ten", "vom", "zur", "y",
                   "st.", "mc", "o’", "d’"}

# Particles that are also articles join a name only after another particle: "van der", "de la".
_ARTICLE_PARTICLES = {"der", "den", "la", "le", "y"}

# Words that end a noun phrase: prepositions, adverbs of time and manner, conjunctions.
_NP_STOP = set("""
am im in bei beim auf gegenüber vor nach mit zu zum zur über laut während für seit ohne um
gestern heute morgen dazu jedoch auch noch weiter zudem ebenfalls damals bereits schon nun
jetzt dann aber und oder sowie sondern denn dass weil wenn als wie so nicht nur außerdem
am zuletzt kürzlich inzwischen erneut mittlerweile einst vergangene vergangenen letzte letzten
on in at to with before after during for yesterday today last this on, and or but that when as
who which while earlier later also too in reporters
à au aux dans en pour par sur avec lors devant après avant hier aujourd'hui et ou mais que qui
""".split())
_TIME_WORDS = {"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
               "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
               "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
               "abend", "morgen", "mittag", "nachmittag", "vormittag", "wochenende"}
_TIME_WORDS |= {day + part for day in ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag",
                                       "sonntag")
                for part in ("morgen", "vormittag", "mittag", "nachmittag", "abend", "nacht")}

_TOKEN = re.compile(r"(?:Dr|Prof|St|Mr|Mrs|Ms|Jr|Sr|Mme|Mlle|Hr|Fr|[A-ZÄÖÜ])\.(?=\s)|[\w][\w’'\-]*\w|\w|[^\s\w]")
_CAP = re.compile(r"^(?:[A-ZÄÖÜÀ-ÞĀ-Ž]|[a-zäöü]+-[A-ZÄÖÜ])[\w’'\-]*\.?$")  # "taz-Homepage" is a noun too


@dataclass
class Token:
    """A word or punctuation character with its position in the text."""

    text: str
    """The characters of the token."""
    start: int
    """Offset in the text."""

    @property
    def end(self) -> int:
        """Offset just past the token."""
        return self.start + len(self.text)

    @property
    def low(self) -> str:
        """The token lower-cased, without a trailing full stop."""
        return self.text.lower().rstrip(".")


def tokenize(text: str) -> list[Token]:
    """Returns the words and punctuation of ``text`` with their offsets."""
    return [Token(m.group(), m.start()) for m in _TOKEN.finditer(text)]


def _is_cap(tok: Token) -> bool:
    return bool(_CAP.match(tok.text)) and not tok.text.isdigit()


@functools.lru_cache(maxsize=8192)
def is_role(word: str) -> bool:
    """Whether ``word`` names an office or a job (``Vorstandschefin``, ``SPD-Chef``, ``Dr.``)."""
    low = word.lower()
    if low in _ROLE_EXACT or low.rstrip(".") in _HONORIFICS or low in _ROLE_SUFFIXES:
        return True
    if word[:1].isupper() and re.search(r"(erin|istin|antin|entin|eurin|login|loge|ologe)$", low):
        return True  # Apothekerin, Pianistin, Praktikantin, Soziologe
    last = low.split("-")[-1].rstrip(".")
    # inflected forms: "des Abgeordneten", "vom Präsidenten", "Experten", "des Sprechers"
    forms = {last, last[:-1] if last[-1:] in ("n", "s") else last, last[:-2] if last.endswith("en") else last}
    return any(f.endswith(s) for f in forms for s in _ROLE_SUFFIXES) and len(last) >= 3


def is_speaker_noun(word: str) -> bool:
    """Whether ``word`` can head a description of a speaker: an office, a person or a body."""
    if is_role(word):
        return True
    last = word.lower().split("-")[-1].rstrip(".")
    if last in _DOCUMENT_PARTS:
        return True
    return any(f.endswith(s) for f in _forms(last) for s in _INSTITUTION_SUFFIXES + _DOCUMENT_SUFFIXES) \
        and len(last) >= 3


def _forms(low: str) -> set[str]:
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
    return any(f.endswith(s) for f in _forms(last) for s in _DOCUMENT_SUFFIXES) and len(last) >= 4


def is_first_name(word: str) -> bool:
    """Whether ``word`` is a common given name."""
    return word.lower().split("-")[0] in _FIRST_NAMES


# --- gender, for pronouns -------------------------------------------------------------------

# Common given names whose gender is clear in German, English and French texts. Names used for
# both (Andrea, Kim, Sascha, Camille, Claude, Dominique …) are in neither list: their bearer's
# gender is unknown unless the text says it.
_FEMALE_NAMES = set("""
agnes alexandra alice alina amelie amélie ana angela angelika anja anna anne annette astrid
barbara beate bettina bianca birgit brigitte carla carmen caroline catherine charlotte christa
christiane christina christine claire clara claudia constanze cornelia daniela diana doris
dorothea edith elena elisabeth elke ella emilia emily emma eva franziska gabriele gisela greta
hannah hanna heike helen helena helga hilde ida ilse inge ingrid irene isabel isabelle jana
jessica johanna judith julia juliane karin karla katharina kathrin katja katrin kristina lara
laura lea lena leonie lisa louise lucie luise magdalena manuela margarete maria marie marion
marta martha martina melanie michaela miriam monika nadine natalie nicole nina nora paula petra
rebecca regina renate rita rosa ruth sabine sabrina sandra sara sarah silke simone sofia sophie
stefanie susanne svenja sylvie tanja ulrike ursula vera veronika zoe ines nele gudrun hildegard
jutta annika anke antje dagmar elfriede erika gertrud hannelore heidi irmgard kerstin marianne
mareike maren meike sonja stephanie ute waltraud wiebke yvonne mary patricia jennifer linda
elizabeth susan margaret karen nancy betty dorothy ashley kimberly donna michelle carol amanda
melissa deborah sharon cynthia kathleen amy shirley brenda pamela katherine virginia samantha
debra janet rachel carolyn heather diane julie joyce evelyn frances joan kelly victoria lauren
cheryl megan ann jacqueline kathryn olivia gloria teresa janice grace judy theresa rose beverly
denise marilyn amber madison danielle brittany abigail jane lori tiffany kayla priya fatima
leila yuki mei sofía lucía giulia chiara olga natalia tatiana nathalie sandrine valérie céline
aurélie émilie hélène chloé léa manon inès jeanne marguerite juliette agathe margaux élise anaïs
mathilde brigitte françoise martine monique nathalie sylvie sophie véronique christelle corinne
delphine florence isabelle laurence patricia pascale virginie ségolène anne-marie marie-claire
elodie élodie camila emmanuelle geneviève josiane mireille odile solène
""".split())
_MALE_NAMES = set("""
aaron adam adrian alain albert alexander alexandre alfred ali andreas andré andrew anton antoine
antonio arne arthur bastian ben benedikt benjamin bernd bernhard björn boris bruno carl carlos
charles chen christian christoph christopher daniel david denis dennis dieter dirk dominik elias
elmar emil eric erik ernst fabian felix florian frank franz françois frederik friedrich georg
george gerhard gregor guido günter günther hannes hans harald heinrich heinz henri henrik henry
herbert hermann horst hugo jakob jan jens joachim jochen johann johannes jonas josef joseph
julian julien jürgen karl klaus konrad lars leon lorenz lothar louis luca lucas ludwig luis lukas
lutz manfred manuel marc marcel marco markus martin mathias matthias max maximilian michael
michel moritz niklas nicolas noah olaf oliver otto pascal patrick paul peter philipp pierre
rainer ralf ralph reinhard richard robert roland rolf samuel sebastian simon stefan steffen
stephan sven theo thomas tim tobias tom torsten ulrich uwe valentin viktor volker walter werner
wilhelm wolfgang yannick yusuf urs orhan achim axel detlef eckhard egon erich fritz gerd gustav
hartmut helmut holger ingo kurt norbert reiner rüdiger siegfried thorsten udo ulf wilfried
james john william matthew anthony donald steven kenneth kevin brian edward ronald timothy jason
jeffrey ryan jacob gary nicholas jonathan stephen larry justin scott brandon gregory raymond jack
jerry tyler douglas nathan zachary kyle harold jeremy keith roger gerald ethan terry sean
lawrence austin joe jesse bryan billy bruce willie dylan alan gabriel roy juan wayne eugene
logan randy russell vincent philip bobby johnny bradley raj omar ahmed mohammed mohamed hassan
amir hiroshi kenji josé miguel javier pablo diego giuseppe francesco alessandro matteo paolo
ivan sergei dmitri jacques philippe sébastien mathieu guillaume thierry laurent stéphane yves
hervé gilles olivier benoît arnaud cédric jérôme maxime bernard jean-pierre jean-luc jean-marc
jean-claude jean-paul emmanuel gérard patrice didier christophe frédéric xavier bertrand
""".split())
# Given names whose gender depends on the language: Jean is a man in French, a woman in English.
_NAME_BY_LANG = {"jean": {"fr": "m", "en": "f"}}

_FEMALE_HONORIFICS = {"frau", "mrs", "ms", "miss", "madame", "mme", "mlle", "mademoiselle", "lady", "dame"}
_MALE_HONORIFICS = {"herr", "herrn", "mr", "monsieur", "sir", "lord"}
_FEMALE_OFFICES = {
    "spokeswoman", "chairwoman", "congresswoman", "businesswoman", "councilwoman", "policewoman",
    "actress", "queen", "princess", "duchess", "countess", "baroness", "headmistress",
    "présidente", "directrice", "députée", "sénatrice", "avocate", "chercheuse", "ambassadrice",
    "conseillère", "adjointe", "fondatrice", "candidate", "militante", "porte-parole-adjointe",
    "rätin", "landrätin", "stadträtin", "ärztin", "anwältin", "rechtsanwältin", "bäuerin", "beamtin",
}
_MALE_OFFICES = {
    "spokesman", "chairman", "congressman", "businessman", "councilman", "policeman", "actor",
    "king", "prince", "duke",
    "président", "directeur", "député", "sénateur", "avocat", "chercheur", "ambassadeur",
    "conseiller", "adjoint", "fondateur", "candidat", "militant",
    "landrat", "stadtrat", "arzt", "anwalt", "rechtsanwalt", "beamter", "bischof", "papst",
    "kardinal", "rabbiner", "kapitän", "obmann",
}
# Offices that take either gender; only the article before them tells (die/der Vorsitzende,
# la/le ministre).
_COMMON_OFFICES = {"ministre", "maire", "juge", "porte-parole", "secrétaire", "vorsitzende",
                   "abgeordnete", "beauftragte", "angestellte", "delegierte", "bundestagsabgeordnete"}
_FEMALE_DETERMINERS = {"die", "eine", "la", "une"}
_MALE_DETERMINERS = {"der", "ein", "le", "un"}

PRONOUN_GENDER = {"er": "m", "sie": "f", "he": "m", "she": "f", "il": "m", "elle": "f"}
"""The gender each resolvable pronoun refers to; other pronouns (``they``) are never resolved."""


def given_name_gender(name: str, lang: str) -> str | None:
    """Returns ``"f"`` or ``"m"`` for a name whose given name is in the table, else None."""
    words = name.split()
    if len(words) < 2:
        return None  # a bare last name
    first = words[0].lower()
    by_lang = _NAME_BY_LANG.get(first.split("-")[0])
    if by_lang is not None:
        return by_lang.get(lang)
    for key in (first, first.split("-")[0]):
        female, male = key in _FEMALE_NAMES, key in _MALE_NAMES
        if female != male:
            return "f" if female else "m"
    return None


def office_gender(word: str, determiner: str = "") -> str | None:
    """Returns the gender an office noun shows (``Sprecherin`` f, ``Sprecher`` m, ``die
    Vorsitzende`` f, ``spokesman`` m), or None when it shows none."""
    low = word.lower().rstrip(".")
    det = determiner.lower()
    last = low.split("-")[-1]
    for key in (low, last):
        if key in _FEMALE_OFFICES:
            return "f"
        if key in _MALE_OFFICES:
            return "m"
        if key in _COMMON_OFFICES or key.rstrip("r") in _COMMON_OFFICES and key.endswith("er"):
            if key.endswith("er") and key[:-1] in _COMMON_OFFICES:
                return "m"  # "Vorsitzender"
            return "f" if det in _FEMALE_DETERMINERS else "m" if det in _MALE_DETERMINERS else None
    if not is_role(word) or low.rstrip(".") in _HONORIFICS | _ROLE_EXACT:
        return None
    suffixes = [s for s in _ROLE_SUFFIXES if last.endswith(s)]
    suffix = max(suffixes, key=len) if suffixes else ""
    if suffix.endswith("in") and suffix[:-2] in _ROLE_SUFFIXES \
            or not suffix and re.search(r"(erin|istin|antin|entin|eurin|login)$", last):
        return "f"
    if suffix and suffix + "in" in _ROLE_SUFFIXES or not suffix and re.search(r"(ist|ant|ent|eur|loge)$", last):
        return "m"
    return None


@dataclass
class Mention:
    """A noun phrase that can say something: a name, a description or a pronoun."""

    text: str
    """The phrase as written, without its leading article."""
    kind: str
    """``name``, ``role`` (a description without a name) or ``pronoun``."""
    name: str | None = None
    """The name in the phrase, when there is one (``Maria Lehmann``)."""
    start: int = 0
    """Offset of the phrase in the text it was found in."""
    end: int = 0
    """Offset just past the phrase."""

    @property
    def label(self) -> str:
        """What to show as the speaker: the name, else the description or pronoun."""
        return self.name or self.text


# --- noun phrases ---------------------------------------------------------------------------

def name_run(toks: list[Token], i: int) -> int:
    """Returns the index past a run of capitalised tokens (and name particles) from ``i``."""
    j = i
    while j < len(toks):
        t = toks[j]
        if _is_cap(t) and t.low not in _NP_STOP and t.low not in _TIME_WORDS:
            j += 1
        elif t.low in _NAME_PARTICLES and j > i and j + 1 < len(toks) and _is_cap(toks[j + 1]) \
                and toks[j + 1].low not in _TIME_WORDS and t.text[:1].islower() \
                and (t.low not in _ARTICLE_PARTICLES or toks[j - 1].low in _NAME_PARTICLES):
            j += 1
        else:
            break
    # A particle never ends a name.
    while j > i and toks[j - 1].low in _NAME_PARTICLES:
        j -= 1
    return j


def _split_name(words: list[str]) -> str | None:
    """Returns the personal name at the end of a run like ``Vorstandschefin Maria Lehmann``."""
    start = 0
    for k, w in enumerate(words):
        if is_role(w) or w.lower().rstrip(".") in _HONORIFICS:
            start = k + 1
    for k, w in enumerate(words[start:], start):
        if is_first_name(w):
            start = k
            break
    rest = words[start:]
    if not rest:
        return None
    if rest[0].lower() in _NAME_PARTICLES and not (len(rest) >= 3 and rest[1].lower() in _NAME_PARTICLES):
        return None  # "Premierministerin von Queensland": a place, not a person
    return " ".join(rest)


_FUNCTION_WORDS = set("""
trotz wegen nach seit während laut gemäß dank statt aufgrund infolge angesichts bezüglich zufolge
außer gegen ohne durch für um bis ab aus von mit zu bei unter über vor hinter neben zwischen an auf
in im am beim vom zum zur als wie da weil wenn ob dass doch auch noch nur schon dann damit deshalb
daher dabei dazu darauf danach davor trotzdem zudem außerdem allerdings jedoch insbesondere vor
allem bereits erst heute gestern derzeit zuletzt mittlerweile inzwischen seitdem bislang bisher
""".split())


_NOMINAL = re.compile(r"(ung|heit|keit|schaft|tät|ion|nis|tum|ismus|ment|enz|anz|ik|ur|ei|chen|lein)s?$")
_ADJECTIVAL = re.compile(r"(liche|lichen|liches|ische|ischen|ige|igen|ene|enen|te|ten|e)$")


def is_name_like(name: str, book: NameBook) -> bool:
    """Whether a capitalised run without an article is a name rather than a noun or an adverb.

    A single word must be known as a name in the article; a longer run must not start with a
    preposition or adverb, which German capitalises at the start of a sentence.
    """
    words = name.split()
    if not words:
        return False
    if len(words) == 1:
        return book.is_name(words[0])
    if any(book.is_name(w) for w in words):
        return True
    if words[0].lower() in _FUNCTION_WORDS:
        return False
    # German nouns and adjectives at the start of a sentence: "Jegliche Mitverantwortung"
    return not any(_NOMINAL.search(w.lower()) for w in words) and not _ADJECTIVAL.search(words[0].lower())


_CONTRACTED = {"im", "vom", "beim", "zum", "zur", "am", "ins"}
# adverbs elsewhere, adjectives after an article: "im letzten Absatz"
_ORDER_ADJECTIVES = {"letzte", "letzten", "vergangene", "vergangenen"}
_PREPOSITIONS = {"vor", "mit", "nach", "bei", "beim", "auf", "an", "in", "im", "aus", "über",
                 "unter", "zu", "zum", "zur", "gegen", "für", "um", "von", "vom", "hinter", "neben",
                 "zwischen", "während", "wegen", "trotz", "seit", "ohne", "durch", "am", "ins"}


# Words that point back to a person named before; the labelled news set writes them as the
# speaker, like a personal pronoun.
_DEMONSTRATIVES = {"dieser", "diese", "jener", "jene", "letzterer", "letztere", "ersterer", "erstere"}
# "der" and "die" point back only where no noun follows: "sagte der." / "so die:"
_SHORT_DEMONSTRATIVES = {"der", "die"}


def _demonstrative_at(toks: list[Token], i: int) -> bool:
    """Whether ``toks[i]`` is a German demonstrative standing for a person: followed by a mark
    that ends the clause, or (the long forms) by a speech verb (``Letztere betonte:``)."""
    low = toks[i].low
    if low not in _DEMONSTRATIVES and low not in _SHORT_DEMONSTRATIVES:
        return False
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is None or nxt.text in ".,;:!?":
        return True
    # "sagte dieser am Abend", "Letztere betonte:"
    return low in _DEMONSTRATIVES and (nxt.low in _VERBS["de"] and nxt.low != "so"
                                       or nxt.text[:1].islower() and nxt.low in _NP_STOP)


_PARTICIPLE_ADVERBS = {"gestern", "vorgestern", "heute", "kürzlich", "zuvor", "eigens", "erst", "bereits"}


def _skip_participle_adverb(toks: list[Token], j: int) -> int:
    """Returns the index past an adverb of time that modifies a participle after an article
    (``einer gestern verbreiteten``, ``der am Montag veröffentlichten``), else ``j``."""
    k = j
    if k < len(toks) and toks[k].low in _PARTICIPLE_ADVERBS:
        k += 1
    elif k + 1 < len(toks) and toks[k].low == "am" and toks[k + 1].low in _TIME_WORDS:
        k += 2
    else:
        return j
    if k < len(toks) and toks[k].text[:1].islower() and re.search(r"(t|en)(e|en|er|es|em)$", toks[k].low):
        return k
    return j


def parse_np(text: str, toks: list[Token], i: int, lang: str,
             book: NameBook | None = None, contracted: bool = False) -> tuple[Mention | None, int]:
    """Parses a speaker noun phrase starting at token ``i``.

    With ``book``, a lone capitalised word counts as a name only when the article uses it as one
    elsewhere: German capitalises every noun, and "Begründung" is no speaker. With
    ``contracted``, a preposition fused with an article (``im``, ``vom``) counts as the article.
    A document with an author (``einer Pressemitteilung des CCC``) is reduced to the author
    (``CCC``); a statement (``das Fazit der Betreiber``) to whoever made it.
    Returns the mention (or None) and the index of the first token after the phrase.
    """
    n = len(toks)
    if i >= n:
        return None, i
    t = toks[i]
    if lang == "de" and _demonstrative_at(toks, i):
        # "„…“, so letztere." / "sagte dieser:" / "Dieser betonte:": kept as written, like "er"
        return Mention(t.text, "pronoun", None, t.start, t.end), i + 1
    if t.low in _pronouns(lang) and (i + 1 >= n or not _is_cap(toks[i + 1]) or t.low == "er"):
        if t.low == "sie" and lang == "de" and t.text == "Sie" and i > 0 and toks[i - 1].text not in ".!?":
            return None, i  # polite "Sie" in the middle of a sentence is the reader
        return Mention(t.text, "pronoun", None, t.start, t.end), i + 1
    j = i
    det = False
    if toks[j].low in _DETERMINERS or toks[j].low in ("l’", "l'") or contracted and toks[j].low in _CONTRACTED:
        det = True
        j += 1
    if det and lang == "de" and j < n and re.fullmatch(r"\d+-Jährige[nr]?", toks[j].text):
        # "sagte der 52-Jährige": an age used as a noun describes the speaker
        return Mention(toks[j].text, "role", None, toks[i].start, toks[j].end), j + 1
    # adjectives: lower-case words before the head ("der stellvertretende SPD-Chef")
    adj_start = j
    if det and lang == "de":
        j = _skip_participle_adverb(toks, j)  # "einer gestern verbreiteten Erklärung"
    while j < n and j - adj_start < 3 and (toks[j].text[:1].islower() or re.match(r"\d+-[a-zäöü]", toks[j].text)) \
            and not _is_cap(toks[j]) \
            and (toks[j].low not in _NP_STOP or toks[j].low in _ORDER_ADJECTIVES) \
            and toks[j].low not in _ALL_VERBS and re.search(r"(e|en|er|es|em|ige|ische|al|ive|ent)$", toks[j].low) \
            and det and lang == "de":
        j += 1
    quoted = j < n and toks[j].text in "„“\"»«"
    if quoted:
        j += 1
    head_start = j
    # English/French modifiers are lower case: "council leader Owen Pritchard", "Water board
    # chair Helen Osei"; the name is the capitalised run that ends the phrase.
    if lang != "de" and j < n:
        k = j
        last_run: tuple[int, int] | None = None
        while k < n and k - j < 6 and toks[k].low not in _NP_STOP and toks[k].low not in _ALL_VERBS \
                and toks[k].low not in _DETERMINERS and re.match(r"\w", toks[k].text):
            if _is_cap(toks[k]):
                e = name_run(toks, k)
                if e == k:
                    # a capitalised word that opens no name ("Monday", a lone particle "Van",
                    # "De facto") ends the modifiers; stepping on from k would never advance
                    break
                assert e > k, "parse_np: the modifiers loop did not advance"
                last_run = (k, e)
                k = e
            else:
                k += 1
        if last_run is not None and last_run[0] > j and last_run[1] == k:
            head_start = j
            j = last_run[0]
        elif toks[j].text[:1].islower() and is_role(toks[j].text):
            j += 1
            while j < n and toks[j].text[:1].islower() and is_role(toks[j].text):
                j += 1
    end = name_run(toks, j)
    if end == head_start:
        return None, i
    words = [x.text for x in toks[head_start:end]]
    if lang != "de" and end > j > head_start:
        words = [x.text for x in toks[j:end]]
    name = _split_name(words)
    kind = "name"
    known = book is not None and len(words) == 1 and book.is_last_name(words[0])
    if name is None or (det and lang == "de" and len(words) == 1 and not is_first_name(words[0])
                        and not (known and j > adj_start)) \
            or (name and all(is_role(w) for w in name.split())) \
            or (lang == "de" and len(words) == 1 and (book is None or not book.is_name(words[0]))
                and _PERSON_PLURALS.search(words[0].lower())):
        name, kind = None, "role"
    if kind == "name" and not det and not quoted and book is not None and not is_name_like(name or "", book):
        return None, i
    j = end
    if quoted and j < n and toks[j].text in "“”\"«»":
        j += 1
        if kind == "role" and len(words) >= 1:
            kind, name = "name", " ".join(words)
    if kind == "role" and lang == "de" and words[-1].lower() in _STATEMENT_NOUNS:
        # "so das Fazit der Betreiber von X", "nach Ansicht des Gerichts": the complement speaks
        if j + 1 < n and toks[j].low in _GENITIVE:
            # "der Betreiber", "vom Verband": the article opens the complement; "von X" does not
            at = j if toks[j].low in _DETERMINERS or toks[j].low in _CONTRACTED else j + 1
            inner, k = parse_np(text, toks, at, lang, book, contracted=toks[j].low in _CONTRACTED)
            if inner is not None and inner.kind != "pronoun":
                return Mention(inner.text, inner.kind, inner.name, toks[i].start, inner.end), k
        return None, i
    # a noun that names no speaker ("Bruder") makes a speaker only with a name in apposition:
    # "Der ältere Bruder der Ministerin, Lothar Roth,"
    unknown_head = kind == "role" and not any(is_speaker_noun(w) for w in words)
    if unknown_head and (lang != "de" or not det):
        return None, i
    gen_at = None
    # genitive or "von"/"of" complement of a description: "Sprecher des Unternehmens"
    if kind == "role" and j + 1 < n and toks[j].low in _GENITIVE:
        gen_at = j + 1
        k = j + 1
        if k < n and toks[k].low in _DETERMINERS:
            k += 1
        while k < n and toks[k].text[:1].islower() and toks[k].low not in _NP_STOP and k - j < 4 \
                and toks[k].low not in _ALL_VERBS:
            k += 1
        k2 = name_run(toks, k)
        if k2 > k:
            j = k2
            tail = [x.text for x in toks[k + 1:k2]]
            if tail and is_first_name(tail[0]) and len(tail) >= 2:
                # "Abgeordneter des Kreistags Malte Isenbeck": the name closes the complement
                name, kind = " ".join(tail), "name"
        elif k > j + 1 and (toks[k - 1].low not in _DETERMINERS) and lang != "de":
            j = k
    if kind == "role" and gen_at is not None and j > gen_at and lang == "de" and is_document(words[-1]):
        # the author of a document is the speaker: "Pressemitteilung des CCC" is the CCC
        inner, k = parse_np(text, toks, gen_at, lang, book)
        if inner is not None and inner.kind != "pronoun" and k <= j:
            return Mention(inner.text, inner.kind, inner.name, toks[i].start, toks[j - 1].end), j
        k = gen_at + (toks[gen_at].low in _DETERMINERS)
        if k < j:
            return Mention(text[toks[k].start:toks[j - 1].end], "role", None, toks[i].start, toks[j - 1].end), j
    # apposition with the name: "der Vorsitzende des Verbandes (im Bundestag), Elmar Gesse"
    comma = j
    if kind == "role":
        while comma < n and comma - j < 5 and toks[comma].text not in ",.!?:;„“\"»«":
            comma += 1
    if kind == "role" and comma + 1 < n and toks[comma].text == ",":
        k = comma + 1
        k2 = name_run(toks, k)
        words2 = [x.text for x in toks[k:k2]]
        if 1 <= len(words2) <= 4 and (len(words2) >= 2 or lang != "de") and not any(is_role(w) for w in words2) \
                and (k2 >= n or toks[k2].text in ",.;:!?()“”\"»«" or toks[k2].low in _NP_STOP
                     or toks[k2].text[:1].islower()):
            name, kind, j = " ".join(words2), "name", k2
    if unknown_head and kind == "role":
        return None, i
    # a party in brackets: "Maria Lehmann (SPD)"
    if j + 2 < n and toks[j].text == "(" and toks[j + 2].text == ")":
        j += 3
    phrase = text[toks[head_start].start:toks[j - 1].end].strip(" ,")
    if kind == "role" and phrase.lower() in _HONORIFICS:
        return None, i
    return Mention(phrase, kind, name, toks[i].start, toks[j - 1].end), j


# --- name book ------------------------------------------------------------------------------

@dataclass
class NameBook:
    """The full names met in an article, to complete a later bare last name."""

    full: list[str] = field(default_factory=list)
    """Full names (two or more words) in order of first mention."""
    lang: str = "de"
    """Language of the article: outside German, a capitalised word mid-sentence is a name."""
    evidence: set[str] = field(default_factory=set)
    """Single words seen used as names: in a full name, after an office or a speech verb."""
    lower: set[str] = field(default_factory=set)
    """Words seen written in lower case: no German name is (``besorgt``, ``laut``)."""
    _index: _NameIndex = field(default=None, repr=False, compare=False)  # type: ignore[assignment]

    def _names(self) -> _NameIndex:
        """Returns the index of ``full``, brought up to date with names appended since: an
        article that names thousands of people must not be searched name by name."""
        if self._index is None or self._index.count > len(self.full):
            self._index = _NameIndex()
        index = self._index
        for name in self.full[index.count:]:
            index.known.add(name)
            words = name.split()
            index.by_last.setdefault(words[-1], []).append(name)
            for word in dict.fromkeys(words):
                index.by_word.setdefault(word, []).append(name)
        index.count = len(self.full)
        return index

    def knows(self, name: str) -> bool:
        """Whether ``name`` is one of the full names met."""
        return name in self._names().known

    def is_last_name(self, word: str) -> bool:
        """Whether a full name met ends in ``word``."""
        return word in self._names().by_last

    def with_word(self, word: str) -> list[str]:
        """Returns the full names that have ``word`` as one of their words, in order."""
        return self._names().by_word.get(word, [])

    def add(self, name: str | None) -> None:
        """Remembers ``name`` when it has at least two words."""
        if name and len(name.split()) >= 2 and not self.knows(name):
            self.full.append(name)
        if name:
            self.evidence.update(name.split())

    def scan(self, text: str) -> None:
        """Remembers the names in ``text`` that start with a given name or follow an office."""
        toks = tokenize(text)
        self.lower.update(t.text for t in toks if t.text[:1].islower())
        i = 0
        while i < len(toks):
            t = toks[i]
            if i and _is_cap(t) and t.low not in _DETERMINERS and t.low not in _NP_STOP:
                prev = toks[i - 1]
                if prev.low in _ALL_VERBS or is_role(prev.text) and _is_cap(prev) \
                        or self.lang != "de" and prev.text[:1].islower() and prev.low not in _DETERMINERS:
                    self.evidence.add(t.text)
            if self.lang != "de" and i and _is_cap(t) and toks[i - 1].text[:1].islower() \
                    and toks[i - 1].low not in _DETERMINERS:
                end = name_run(toks, i)
                if end - i >= 2:
                    self.add(" ".join(x.text for x in toks[i:end]))
            if _is_cap(t) and (is_first_name(t.text) or is_role(t.text)):
                end = name_run(toks, i)
                words = [x.text for x in toks[i:end]]
                name = _split_name(words)
                if name and not any(is_role(w) for w in name.split()):
                    self.add(name)
                i = max(end, i + 1)
            else:
                i += 1

    def is_name(self, word: str) -> bool:
        """Whether ``word`` has been seen used as a name, or is a given name."""
        return word in self.evidence or is_first_name(word)

    def resolve(self, name: str) -> str:
        """Returns the full name that ``name`` (a last name, or a full name) stands for."""
        words = name.split()
        last = words[-1]
        matches = [f for f in self._names().by_last.get(last, []) if f != name
                   and (len(words) == 1 or f.endswith(name))]
        if len(words) == 1 and len({m for m in matches}) == 1:
            return matches[0]
        return name

    def holder(self, office: str, text: str) -> str | None:
        """Returns the one person ``text`` names with ``office`` in front (``Bundestrainer
        Christian Prokop`` for a later ``der Bundestrainer``), or None when it names nobody or
        more than one person so."""
        if not is_role(office) or " " in office:
            return None
        key = (office, text)
        found_runs = self._names().holders.get(key)
        if found_runs is None:
            # the text is the whole article: search it once per office, not once per quote
            found_runs = []
            for m in re.finditer(rf"(?<![\w-]){re.escape(office)}\s+((?:[A-ZÄÖÜ](?:\.|[\w\-]*)\s+){{0,3}}"
                                 rf"[A-ZÄÖÜ][\w\-]+)", text):
                words = m.group(1).split()
                found_runs.append([" ".join(words[a:b]) for a in range(len(words))
                                   for b in range(len(words), a, -1)])
            self._names().holders[key] = found_runs
        found = set()
        for runs in found_runs:
            name = next((r for r in runs if self.knows(r)), None)
            if name:
                found.add(name)
        return found.pop() if len(found) == 1 else None


@dataclass
class _NameIndex:
    """The names of a :class:`NameBook` by word and by last word."""

    count: int = 0
    """How many names of ``full`` are indexed."""
    known: set[str] = field(default_factory=set)
    """The names indexed."""
    by_word: dict[str, list[str]] = field(default_factory=dict)
    """Each word of a name -> the names that have it, in order."""
    by_last: dict[str, list[str]] = field(default_factory=dict)
    """Each last word -> the names that end in it, in order."""
    holders: dict[tuple[str, str], list[list[str]]] = field(default_factory=dict)
    """(office, text) -> the runs of capitalised words after each mention of the office."""


# --- where the speaker is -------------------------------------------------------------------

def _verb_at(toks: list[Token], i: int, lang: str) -> int:
    """Returns the index past a speech verb at token ``i`` (with French inversion), else -1."""
    if i >= len(toks):
        return -1
    t = toks[i]
    low = t.low
    verbs = _VERBS_AND_EN.get(lang, _VERBS_AND_EN["de"])
    if lang == "fr":
        # a déclaré, avait dit, a-t-il déclaré, déclare-t-elle
        if low in ("a", "avait", "aurait") and i + 1 < len(toks) and toks[i + 1].low in _VERBS["fr"]:
            return i + 2
        m = re.match(r"^(a|avait|\w+?)-t-(il|elle)$", low) or re.match(r"^(\w+)-(il|elle)$", low)
        if m:
            if m.group(1) in ("a", "avait") and i + 1 < len(toks) and toks[i + 1].low in _VERBS["fr"]:
                return i + 2
            return i + 1
    if lang == "de" and low in ("zeigt", "zeigen") and i + 1 < len(toks) and toks[i + 1].low == "sich":
        return i + 1  # "In der ARD zeigt sich der Trainer zufrieden:" (zeigte is a past tense below)
    aux = languages.get(lang).auxiliaries
    if low in aux and i + 1 < len(toks) and toks[i + 1].low in _VERBS.get(lang, ()):
        return i + 2  # "ha detto", "heeft gezegd": the participle after the auxiliary
    if low in verbs or low in _VERBS["de"] and lang == "de":
        if low == "according" and i + 1 < len(toks) and toks[i + 1].low == "to":
            return i + 2
        return i + 1
    if lang == "de" and re.fullmatch(r"[a-zäöüß]{3,}te", t.text) and low not in _NP_STOP:
        return i + 1  # a weak verb in the past tense: ätzte, konterte
    if lang == "de" and _fused_particle_verb(low):
        return i + 1  # a separable verb at the end of a clause: feststellt, mitteilte, bekanntgab
    return -1


_PARTICLES = ("hinzu", "bekannt", "fest", "klar", "mit", "ein", "zu", "aus", "dar", "weiter")


def _fused_particle_verb(low: str) -> bool:
    """Whether ``low`` is a speech verb with its particle in front, as German writes it at the end
    of a subordinate clause: ``feststellt``, ``mitteilte``, ``hinzufügte``, ``bekanntgab``."""
    for particle in _PARTICLES:
        if low.startswith(particle) and len(low) > len(particle) + 2:
            stem = low[len(particle):]
            if stem in _VERBS["de"] and stem not in ("so", "heißt", "hieß", "lautet", "lautete", "weiß",
                                                      "sieht", "sah", "findet", "fand", "glaubt", "glaubte"):
                return True
    return False


_SKIP_AFTER_VERB = {"sich", "auch", "dazu", "jedoch", "gestern", "heute", "damals", "weiter",
                    "zudem", "ebenfalls", "noch", "nun", "dann", "also", "then", "later", "dem",
                    "den", "am", "im", "bei", "beim", "in", "gegenüber", "zufolge", "einst"}


def _np_after(text: str, toks: list[Token], j: int, lang: str, window: int = 6,
              book: NameBook | None = None) -> Mention | None:
    """Returns the first speaker phrase within ``window`` tokens from ``j``, skipping adverbials."""
    k = j
    limit = min(len(toks), j + window)
    while k < limit:
        t = toks[k]
        if t.text in "„»\"“" and k == j and lang == "de":
            # a publication in marks right after the verb: "schrieb „Der Landbote“"
            mention, _ = parse_np(text, toks, k, lang, book)
            return mention if mention is not None and mention.kind == "name" else None
        if t.text in ".!?;:„“”\"«»":
            return None
        mention, _ = parse_np(text, toks, k, lang, book)
        if mention is not None and not (k > j and toks[k - 1].low in ("dem", "den", "to", "à", "au")):
            return mention
        if lang == "de":
            past = _skip_prepositional(toks, k, limit)
            if past > k:
                k = past
                continue
        if t.low in _SKIP_AFTER_VERB or t.low in _TIME_WORDS or t.text == "," or t.text[:1].islower() \
                or t.text[:1].isdigit():
            k += 1
            continue
        # a capitalised dative object such as "dem Spiegel" or a place after "in"
        if k > j and toks[k - 1].low in ("dem", "den", "der", "in", "im", "am", "to", "à", "au"):
            k += 1
            continue
        return None
    return None


def _skip_prepositional(toks: list[Token], k: int, limit: int) -> int:
    """Returns the index past a German prepositional phrase at ``k`` (``vor einem großen
    Einkaufszentrum``), or ``k`` when there is none: the object of a preposition is no speaker."""
    if toks[k].low not in _PREPOSITIONS:
        return k
    m = k + 1
    while m < limit and (toks[m].text[:1].islower() or toks[m].text[:1].isdigit()) \
            and toks[m].low not in _ALL_VERBS and toks[m].low not in _PREPOSITIONS:
        m += 1
    # the head noun only: "vor Journalisten Landrat Martin Oberle" leaves the Landrat
    return m + 1 if m < limit and _is_cap(toks[m]) else k


_ES_ADVERBS = {"es", "dazu", "darin", "dort", "weiter", "weiterhin", "wörtlich", "auch", "etwa",
               "unter", "anderem", "so", "ferner", "außerdem", "zudem", "abschließend", "nun",
               "jetzt", "jedoch", "aber", "schließlich", "ebenfalls", "gestern", "heute",
               "bereits", "damals", "denn", "ergänzend", "später", "zuletzt", "offiziell"}
_SOURCE_PREPOSITIONS = {"in", "im", "von", "vom", "bei", "beim", "seitens", "aus", "auf"}


def _source_after_es(text: str, toks: list[Token], j: int, lang: str,
                     book: NameBook | None) -> Mention | None:
    """Returns the source after ``heißt es`` / ``hieß es``: ``… in einer Mitteilung der Stadt``,
    ``… vom Abgeordneten Viktor Oserow``, ``… aus dem Ministerium``; None when none is named."""
    k = j
    while k < len(toks):
        if toks[k].low in _ES_ADVERBS or toks[k].low in _TIME_WORDS:
            k += 1
        elif toks[k].low in ("am", "an") and k + 1 < len(toks) and toks[k + 1].low in _TIME_WORDS:
            k += 2  # "hieß es am Sonntag von der Polizei"
        else:
            break
    if k + 1 < len(toks) and toks[k].low in _SOURCE_PREPOSITIONS:
        fused = toks[k].low in _CONTRACTED
        mention, _ = parse_np(text, toks, k if fused else k + 1, lang, book, contracted=fused)
        if mention is not None and mention.kind != "pronoun":
            return mention
    return None


_WITH_THESE_WORDS = re.compile(
    r"^\s*(?:[,–—-]\s*)?(?:mit\s+(?:diesen|den|jenen|solchen)\s+Worten|with\s+(?:these|those)\s+words|"
    r"par\s+ces\s+mots|en\s+ces\s+termes)\b", re.I)


def speaker_after(after: str, lang: str, book: NameBook | None = None) -> tuple[Mention | None, int]:
    """Returns the speaker named right after a quote, and the offset where that clause ends.

    Handles ``, sagte X`` / ``, so X`` / ``, X sagte`` (German), ``, said X`` / ``X said``
    (English), ``, a déclaré X`` / ``, a-t-il dit`` (French). The offset is 0 when nothing is found.
    """
    toks = tokenize(after[:300])
    if not toks:
        return None, 0
    i = 0
    if toks[0].text in (",", "–", "—", "-"):
        i = 1
    if i >= len(toks):
        return None, 0
    words = _WITH_THESE_WORDS.match(after[:300])
    if words:
        # "„…“, mit diesen Worten meldete er sich zurück": any verb, then its subject
        k = next((n for n, t in enumerate(toks) if t.start >= words.end()), len(toks))
        if lang != "de":
            k += k < len(toks) and toks[k].text == ","  # "with these words, the mayor opened"
            mention, _ = parse_np(after, toks, k, lang, book) if k < len(toks) else (None, k)
        elif k < len(toks) and toks[k].text[:1].islower():
            mention = _np_after(after, toks, k + 1, lang, window=4, book=book)
        else:
            mention = None
        if mention is not None:
            return mention, mention.end
    # verb first: ", sagte Maria Lehmann", ", said the minister", ", a déclaré Paul Durand"
    j = _verb_at(toks, i, lang)
    if j > 0:
        if toks[i].low in ("heißt", "hieß", "lautet", "lautete"):
            source = _source_after_es(after, toks, j, lang, book)
            return source, source.end if source is not None else toks[j - 1].end
        if toks[i].low in _CITING:
            # "„…“, zitiert die Zeitung den Minister.": the one quoted is the object
            end = re.search(r"[.!?;](?=\s|$)", after[:300])
            cited = cited_person(after[:end.start() if end else 300], lang, book)
            if cited is not None:
                return cited, cited.end
        # "fügte X hinzu", "sagte X": the phrase follows the verb
        if lang == "fr" and "-" in toks[j - 1].text and re.search(r"-(il|elle)$", toks[j - 1].low):
            p = toks[j - 1].text.rsplit("-", 1)[1]
            return Mention(p, "pronoun", None, toks[j - 1].start, toks[j - 1].end), toks[j - 1].end
        if lang == "fr" and j - 2 >= 0 and re.search(r"-t-(il|elle)$", toks[j - 2].low):
            p = toks[j - 2].text.rsplit("-", 1)[1]
            return Mention(p, "pronoun", None, toks[j - 2].start, toks[j - 2].end), toks[j - 1].end
        mention = _np_after(after, toks, j, lang, book=book)
        if mention is not None:
            return mention, mention.end
        if lang == "de" and i == 1 and j + 1 < len(toks) and toks[j + 1].text in ".,;!?" and _bare_name(toks[j], book):
            # "„…“, so Barth." / "„…“, sagte Oberhuber.": a word in the speaker's slot is a name
            return Mention(toks[j].text, "name", toks[j].text, toks[j].start, toks[j].end), toks[j].end
        if i == 1 and toks[i].low in _ALL_VERBS | {"so"}:
            return None, toks[j - 1].end  # a speech verb, but no speaker named
        return None, 0
    if lang == "de" and i == 1 and toks[1].low == "wie":
        # "„…“, wie der Trainer sagte.": the subject of the speech verb that closes the clause
        mention = speaker_in_sentence(after[toks[1].start:], lang, book)
        if mention is not None and mention.start + toks[1].start < len(after) \
                and _verb_ends_clause(after, toks, mention.end + toks[1].start, lang):
            return Mention(mention.text, mention.kind, mention.name, mention.start + toks[1].start,
                           mention.end + toks[1].start), mention.end + toks[1].start
    if lang == "de" and i == 1 and toks[1].low in ("war", "ist", "sei", "waren") and len(toks) > 3 \
            and toks[2].low in ("von", "vom", "aus", "bei", "beim"):
        # "„…“, war aus dem Ministerium zu hören": the source after the preposition
        m = re.match(r"[^.!?;]*?\bzu\s+(?:hören|lesen|vernehmen|erfahren)\b", after[toks[2].start:])
        if m:
            fused = toks[2].low in _CONTRACTED
            mention, _ = parse_np(after, toks, 2 if fused else 3, lang, book, contracted=fused)
            if mention is None and not fused:
                mention, _ = _group_subject(after, toks, 3)
            if mention is not None and mention.kind != "pronoun":
                return mention, mention.end
    if lang == "de" and i == 1 and _finite_verb_like(toks[1]):
        # "„…“, strich X heraus", "ließ ein Sprecher verlauten", "schrieb „Die Zeitung“": the
        # verb-second slot of an inverted main clause, with its subject right after the verb
        mention = _subject_right_after(after, toks, 2, lang, book)
        if mention is not None:
            return mention, mention.end
    # subject first: '"…," Maria Lehmann said', '« … », Paul Durand a dit'
    mention, k = parse_np(after, toks, i, lang, book)
    if mention is not None and k < len(toks):
        j = _verb_at(toks, k, lang)
        if j < 0 and k + 1 < len(toks) and toks[k].text == ",":
            # an apposition between subject and verb: "Lehmann, the chief executive, said"
            m = k + 1
            while m < len(toks) and m - k < 10 and toks[m].text != ",":
                m += 1
            if m + 1 < len(toks):
                j = _verb_at(toks, m + 1, lang)
        if j > 0 and lang != "de" or j > 0 and toks[j - 1].low in ("so", "zufolge"):
            return mention, toks[j - 1].end
        if j > 0 and lang == "de" and toks[i - 1].text == "," if i else False:
            return mention, toks[j - 1].end
    # German postposition: ", Lehmann zufolge"
    return None, 0


# lower-case words after a comma that are no finite verb: "„…“, besonders die Jugend"
_NOT_VERB_ADVERBS = {"besonders", "insbesondere", "etwa", "also", "nämlich", "sprich", "genauer",
                     "bzw", "beziehungsweise", "darunter", "zumal", "wobei", "womit", "eben", "gerade",
                     "dagegen", "hingegen", "stattdessen", "ebenso", "sowohl", "weder", "entweder",
                     "vielleicht", "wohl", "genau", "lediglich", "bloß", "selbst", "sogar", "allen",
                     "vor", "einst", "heute", "damals", "einmal", "immer", "ganz", "mal", "sagen"}


def _verb_ends_clause(text: str, toks: list[Token], at: int, lang: str) -> bool:
    """Whether a speech verb follows offset ``at`` within a few words and before the clause ends
    (``wie der Trainer am Montag sagte,``)."""
    for k, t in enumerate(toks):
        if t.start < at:
            continue
        if t.text in ",.;:!?„“\"»«" or k - next(n for n, x in enumerate(toks) if x.start >= at) > 6:
            return False
        if _verb_at(toks, k, lang) > 0:
            return True
    return False


def _finite_verb_like(tok: Token) -> bool:
    """Whether ``tok``, the first word after the comma that follows a quote, can be the finite
    verb of an inverted main clause (``strich``, ``ließ``, ``hat``): a lower-case word that is no
    conjunction, relative pronoun, article, preposition or adverb (``, weil``, ``, die``, ``, und``)."""
    low = tok.low
    return tok.text.isalpha() and tok.text[:1].islower() and len(low) >= 2 \
        and low not in _NOT_FINITE_VERBS | _RELATIVES | _DETERMINERS | _CONJUNCTIONS | _PREPOSITIONS \
        and low not in _NP_STOP | _FUNCTION_WORDS | _NOT_VERB_ADVERBS | _TIME_WORDS \
        and not re.search(r"(lich|ig|isch|weise|mals|end|ens)$", low)


def _subject_right_after(text: str, toks: list[Token], k: int, lang: str,
                         book: NameBook | None) -> Mention | None:
    """Returns the subject that directly follows the finite verb of an inverted clause at token
    ``k``: a name, a description, a publication in marks (``„Die Zeitung“``) or ``er``/``sie``
    (``sie`` not after a plural verb); None when no such phrase starts there."""
    if k >= len(toks):
        return None
    mention, _ = parse_np(text, toks, k, lang, book)
    if mention is None:
        return None
    if mention.kind == "pronoun":
        verb = toks[k - 1].low
        if mention.text.lower() == "sie" and verb.endswith("en") or mention.text.lower() not in ("er", "sie"):
            return None
    return mention


# "^\W*" takes the spaces and a dash too; "\W*\s*" was quadratic on a long run of spaces
_STATEMENT_AFTER = re.compile(r"^\W*(?:[Dd]as|[Dd]ies|[Ss]o)\s+(?:ist|war|lautet|lautete)\s+")


def statement_after(after: str, lang: str, book: NameBook | None = None) -> Mention | None:
    """Returns the source named by a sentence that follows a quote and calls it a statement:
    ``„…“ Das ist die zentrale Aussage einer Studie …`` gives ``Studie``. Only a statement noun
    with a complement names a source (see ``parse_np``); else None."""
    m = _STATEMENT_AFTER.match(after[:300])
    if lang != "de" or m is None:
        return None
    toks = tokenize(after[:300])
    k = next((n for n, t in enumerate(toks) if t.start >= m.end()), len(toks))
    if k >= len(toks) or not any(t.low in _STATEMENT_NOUNS for t in toks[k:k + 4]):
        return None
    mention, _ = parse_np(after, toks, k, lang, book)
    return mention if mention is not None and mention.kind != "pronoun" else None


_DESCRIBING = {"beschreibt", "beschrieb", "schildert", "schilderte", "formuliert", "formulierte"}
_SAID_AFTER = re.compile(r"^\W*(?:[Dd]as|[Dd]ies|[Ss]o)\s+(?=[a-zäöü])")


def said_after(after: str, lang: str, book: NameBook | None = None) -> Mention | None:
    """Returns the speaker of a sentence that follows a quote and says who said it:
    ``„…“ Das sagte sie am Abend.``, ``„…“ So beschreibt es der Trainer.`` gives ``sie`` and
    ``Trainer``. Only a speech verb right after ``Das``/``Dies``/``So``; else None."""
    m = _SAID_AFTER.match(after[:300])
    if lang != "de" or m is None:
        return None
    toks = tokenize(after[:300])
    k = next((n for n, t in enumerate(toks) if t.start >= m.end()), len(toks))
    j = k + 1 if k < len(toks) and toks[k].low in _DESCRIBING else _verb_at(toks, k, lang)
    if j < 0 or toks[k].low in ("so", "ist", "war", "lautet", "lautete"):
        return None
    if j < len(toks) and toks[j].low in ("es", "das", "dies"):
        j += 1  # "So beschreibt es der Trainer"
    return _np_after(after, toks, j, lang, window=4, book=book)


_LIST_INTRO = re.compile(
    r"(?:Zitate?|Aussagen|Antworten|Stimmen|Sätze|quotes?|remarks|words|citations?|propos|paroles)"
    r"\s+(?:von|vom|der|des|from|by|of|de|du|d[’'])\s*(.+?)\s*[:.]?\s*$", re.I)
_LAUT = re.compile(r"\b(?:laut|nach\s+Angaben\s+von|according\s+to|selon|d[’']après)\s+(.+)$", re.I)


_ACCORDING = re.compile(
    r"\b(?:[Nn]ach\s+(?:(?:eigenen|offiziellen|ersten)\s+)?(?:Angaben|Auskunft|Ansicht|Einschätzung|Darstellung|"
    r"Informationen|Meinung|Aussagen?|Worten|Auffassung)|[Ll]aut|[Gg]emäß)\s+")


def according_to(sentence: str, lang: str, book: NameBook | None = None) -> Mention | None:
    """Returns the source a German sentence gives for what it reports: ``nach Angaben des
    Vereins`` (the complement), ``laut dem Finanzamt``, ``laut Polizei``, ``der Stadtverwaltung
    zufolge``; None when the sentence names none. The first one wins."""
    if lang != "de":
        return None
    toks = tokenize(sentence)
    for m in _ACCORDING.finditer(sentence):
        k = next((n for n, t in enumerate(toks) if t.start >= m.end()), len(toks))
        if k >= len(toks):
            continue
        if toks[k].low in ("von", "vom"):
            fused = toks[k].low == "vom"
            k += 0 if fused else 1
            mention, _ = parse_np(sentence, toks, k, lang, book, contracted=fused)
        else:
            mention, _ = parse_np(sentence, toks, k, lang, book)
        if mention is None and k < len(toks) and _is_cap(toks[k]) and is_speaker_noun(toks[k].text):
            mention = Mention(toks[k].text, "role", None, toks[k].start, toks[k].end)  # "laut Polizei"
        if mention is not None and mention.kind != "pronoun":
            return mention
    for z, t in enumerate(toks):
        if t.low != "zufolge":
            continue
        for s in range(z - 1, max(-1, z - 8), -1):
            if toks[s].low in _DETERMINERS or s == z - 1 and _is_cap(toks[s]):
                mention, end = parse_np(sentence, toks, s, lang, book)
                if mention is not None and end == z and mention.kind != "pronoun":
                    return mention
            if toks[s].text in ",.;:„“\"»«":
                break
    return None


def list_owner(text: str, lang: str, book: NameBook | None = None) -> Mention | None:
    """Returns whose quotes a list introduction such as ``Zitate von Anna Beispiel:`` announces."""
    m = _LIST_INTRO.search(text)
    if not m:
        return None
    toks = tokenize(m.group(1))
    mention, _ = parse_np(m.group(1), toks, 0, lang, book)
    return mention


def _plausible_subject(mention: Mention, toks: list[Token], i: int, book: NameBook | None) -> bool:
    """Whether a phrase at the start of a sentence is a speaker and not a capitalised adverb."""
    if mention.kind != "name" or book is None:
        return True
    words = (mention.name or mention.text).split()
    if len(words) >= 2 or i > 0 and toks[i - 1].low in _DETERMINERS:
        return True
    return book.is_name(words[0])


def _es_source(clause: str, toks: list[Token], lang: str, book: NameBook | None) -> Mention | None:
    """Returns the source of ``In dem Antrag heißt es:`` / ``So hieß es in der Mitteilung der
    Stadt:``, else None."""
    for v, t in enumerate(toks):
        perfect = t.low in ("hatte", "hat", "hätte") and any(x.low == "geheißen" for x in toks[v:])
        if (t.low in ("heißt", "hieß") or perfect) and v + 1 < len(toks) and toks[v + 1].low == "es":
            found = _source_after_es(clause, toks, v + 1, lang, book)
            if found is not None:
                return found
            k = 1 if toks[0].low in ("so", "und", "auch", "doch") else 0
            if k < v and toks[k].low in _SOURCE_PREPOSITIONS:
                fused = toks[k].low in _CONTRACTED
                mention, end = parse_np(clause, toks, k if fused else k + 1, lang, book, contracted=fused)
                if mention is not None and end < v and toks[end].text == "(":
                    # "Im letzten Satz der Anordnung (Subpoena), die …, heißt es:"
                    close = next((x for x in range(end, v) if toks[x].text == ")"), None)
                    end = close + 1 if close is not None else end
                if mention is not None and end < v and toks[end].text == "," and toks[v - 1].text == "," \
                        and end + 1 < v and toks[end + 1].low in _RELATIVES:
                    end = v  # "Im Schreiben der Behörde, das am Montag einging, heißt es:"
                if mention is not None and mention.kind != "pronoun" and end <= v \
                        and all(x.low in _ES_ADVERBS | _TIME_WORDS | {"vom", "am", "von"} for x in toks[end:v]):
                    return mention  # "In einer Erklärung des Rats vom Montag hatte es geheißen:"
            return None
    return None


_NOT_VERBS_HERE = {"so", "heißt", "hieß", "gibt", "gab", "macht", "machte", "sieht", "sah", "weiß",
                   "wusste", "findet", "fand", "stellt", "stellte", "lautet", "lautete", "glaubt",
                   "glaubte", "according", "says", "say", "thinks", "thought"}


def _bare_name(tok: Token, book: NameBook | None = None) -> bool:
    """Whether a capitalised word without an article, next to a speech verb, reads as a name
    (``Wiedeking sagte:``) rather than an adverb, a participle or a noun (``Abschließend sagte``,
    ``Besorgt äußerte sich``)."""
    low = tok.low
    if book is not None and low in book.lower:
        return False
    if re.match(r"(ge|be|ver|er|ent|zer|über|un)\w+(t|en)$", low):
        return False  # participles and adjectives: besorgt, erfreut, verärgert, ungehalten
    return _is_cap(tok) and low not in _FUNCTION_WORDS and low not in _NP_STOP \
        and low not in _TIME_WORDS and low not in _DETERMINERS and low not in _ALL_PRONOUNS \
        and not _NOMINAL.search(low) and not re.search(r"(end|lich|weise|ens|falls|mals)$", low)


def _subject_of_last_verb(clause: str, toks: list[Token], i: int, lang: str,
                          book: NameBook | None) -> Mention | None:
    """Returns the phrase that ends right before the last speech verb of ``clause``: the subject
    of ``…, die Sprecherin der Fraktion, Sandra Boll, erklärte:`` or ``Wiedeking sagte:``."""
    if lang != "de":
        return None
    v = -1
    particle = bool(toks) and toks[-1].low in _CLOSING_PARTICLES
    for k in range(i, len(toks)):
        low = toks[k].low
        if low in _VERBS["de"] and low not in _NOT_VERBS_HERE \
                or particle and low in _PARTICLE_VERBS or _fused_particle_verb(low):
            v = k
    if v <= i:
        return None
    for s in range(i, v):
        if s > i and toks[s - 1].low in _FUNCTION_WORDS | {"dem", "den"}:
            continue  # the object of a preposition is no subject
        opens = s == i or toks[s - 1].text == "," or _opens_subject(toks, i, s)
        mention, end = parse_np(clause, toks, s, lang, book)
        if mention is not None and s > i and toks[s - 1].low in _CONJUNCTIONS and mention.kind != "name":
            opens = False  # "die Rolle der Fraktions- und Parteivorsitzenden betont"
        if mention is None and opens and (toks[s].low in _DETERMINERS or toks[s].low in _PARTITIVES):
            group, gend = _group_subject(clause, toks, s)
            if group is not None and gend == v:
                return group
        if mention is None and s == i:
            # an unknown name introduced by its office: "Houcine Abassi, der Generalsekretär …"
            run = name_run(toks, s)
            if 2 <= run - s <= 3 and run + 1 < v and toks[run].text == "," \
                    and not any(is_role(t.text) for t in toks[s:run]):
                office, _ = parse_np(clause, toks, run + 1, lang, book)
                if office is not None and office.kind == "role" \
                        and (toks[run + 1].low in _DETERMINERS or is_role(toks[run + 1].text)):
                    mention = Mention(clause[toks[s].start:toks[run - 1].end], "name",
                                      clause[toks[s].start:toks[run - 1].end], toks[s].start, toks[run - 1].end)
                    end = run
        if mention is None and end == s and s + 1 == v and (s == i or toks[s - 1].text == ",") \
                and _bare_name(toks[s], book):
            return Mention(toks[s].text, "name", toks[s].text, toks[s].start, toks[s].end)
        if mention is None or mention.kind == "pronoun":
            continue
        if end < v and toks[end].text == "," and mention.kind == "name" and v - end <= 25 \
                and (s == i or toks[s - 1].text == ",") \
                and sum(t.text == "," for t in toks[end:v]) <= 3 \
                and not any(t.text in ".!?;:" for t in toks[end:v]):
            # a name and its apposition or relative clause: "Henk Meijer, Laborleiter der Firma,
            # sagte:", "Abassi, der Generalsekretär der UGIT sagte:"
            return mention
        if end == v or end + 1 == v and toks[end].text == ",":
            if opens:
                return mention
    return None


# "gab … bekannt", "stellte … fest", "machte … deutlich": a verb that speaks with its particle
_PARTICLE_VERBS = {"gab", "gibt", "geben", "gaben", "stellt", "stellte", "stellten", "macht", "machte",
                   "machten"}
_CLOSING_PARTICLES = {"bekannt", "fest", "klar", "deutlich", "zu"}
_CONJUNCTIONS = {"und", "sowie", "oder", "aber", "doch"}


def _opens_subject(toks: list[Token], i: int, s: int) -> bool:
    """Whether the phrase at ``s`` can be the subject of a clause: it follows a conjunction
    (``… und Minister X sagte``), or an article whose modifiers reach up to it from the start of
    a clause (``und der als Gegner bekannte Unternehmer X rief``)."""
    if toks[s - 1].low in _CONJUNCTIONS:
        return True
    for d in range(s - 1, max(i, s - 12) - 1, -1):
        t = toks[d]
        if t.text in ".!?;:„“”\"»«" or t.low in _ALL_VERBS and t.low not in _DETERMINERS:
            return False
        if t.low in ("der", "die", "ein", "eine") and (d == i or toks[d - 1].text == ","
                                                         or toks[d - 1].low in _CONJUNCTIONS):
            return d < s - 1 and toks[s - 1].text[:1].islower()
    return False


_PARTITIVES = {"einer", "eine", "eines", "einige", "viele", "mehrere", "manche", "zahlreiche", "zwei", "drei",
               "einigen", "vielen", "mehreren", "zahlreichen"}
_PERSON_PLURALS = re.compile(
    r"(männer|frauen|leute|kräfte|helfer|bürger|einwohner|anwohner|teilnehmer|mitglieder|"
    r"zuschauer|besucher|fans|eltern|kinder|schüler|studenten|demonstranten|arbeiter|"
    r"beschäftigte|beschäftigten|angestellte|angestellten|retter|sanitäter|ärzte|experten|"
    r"beobachter|kritiker|gegner|befürworter|anhänger|vertreter|kollegen|passanten|zeugen|"
    r"kunden|nutzer|bewohner|soldaten|polizisten|beamte|beamten|abgeordnete|abgeordneten)n?$")


def _group_subject(clause: str, toks: list[Token], s: int) -> tuple[Mention | None, int]:
    """Parses a group or one of a group as a subject: ``Einer der 13 beteiligten
    Feuerwehrmänner``, ``Viele Anwohner``, ``die Sanitäter``. Returns the mention (the phrase as
    written, without a leading definite article) and the index past it, or (None, s)."""
    k = s
    if toks[k].low in _PARTITIVES and k + 1 < len(toks) and toks[k + 1].low in ("der", "von"):
        k += 2
    elif toks[k].low in _DETERMINERS or toks[k].low in _PARTITIVES:
        k += 1
    while k < len(toks) and (toks[k].text[:1].islower() or toks[k].text.isdigit()) \
            and toks[k].low not in _ALL_VERBS and toks[k].low not in _NP_STOP and k - s < 6:
        k += 1
    if k >= len(toks) or not _is_cap(toks[k]) or not _PERSON_PLURALS.search(toks[k].low):
        return None, s
    start = s + 1 if toks[s].low in ("der", "die", "das", "den") else s
    return Mention(clause[toks[start].start:toks[k].end], "role", None, toks[s].start, toks[k].end), k + 1


_PLACE_VERBS = {"steht", "stand", "stehen", "standen", "findet", "fand", "fanden", "finden", "lesen",
                "nachzulesen", "liest"}
_PLACE_PREPOSITIONS = {"in", "im", "auf", "unter"}


def place_source(clause: str, lang: str, book: NameBook | None = None,
                 toks: list[Token] | None = None) -> Mention | None:
    """Returns the text a quote is read from: ``In dem Entwurf steht:``, ``steht in dem Entwurf
    noch der Satz:``, ``In der Zeitung fand sich die Feststellung``, ``Auf der Website war zu
    lesen:``. Only a document or a publication counts; else None."""
    if lang != "de":
        return None
    toks = tokenize(clause) if toks is None else toks
    if not any(t.low in _PLACE_VERBS for t in toks):
        return None
    for k, t in enumerate(toks[:-1]):
        if t.low not in _PLACE_PREPOSITIONS or k and toks[k - 1].low in _DETERMINERS:
            continue
        if k >= 2 and toks[k - 1].text == "," and toks[k + 1].low in _RELATIVES:
            # "an der Tür musste ein Zettel kleben, auf dem geschrieben stand:"
            for head in toks[max(0, k - 4):k - 1][::-1]:
                if _is_cap(head) and _is_publication(head.text):
                    return Mention(head.text, "role", None, head.start, head.end)
        fused = t.low in _CONTRACTED
        mention, _ = parse_np(clause, toks, k if fused else k + 1, lang, book, contracted=fused)
        phrase = clause[mention.start:mention.end].split() if mention is not None else []
        if mention is not None and mention.kind == "role" \
                and any(is_document(w) or _is_publication(w) for w in phrase):
            return mention  # the author of a document stands for it: "auf der Website des Vereins"
    return None


_PUBLICATIONS = ("zeitung", "magazin", "zeitschrift", "blatt", "website", "webseite", "homepage",
                 "seite", "ausgabe", "gesetz", "gesetzbuch", "vertrag", "satzung", "verordnung",
                 # things that carry writing
                 "transparent", "plakat", "schild", "banner", "zettel", "aufschrift", "tafel")


def _is_publication(word: str) -> bool:
    last = word.lower().split("-")[-1]
    return any(f.endswith(p) for f in _forms(last) for p in _PUBLICATIONS)


def name_at_end(text: str, lang: str, book: NameBook | None = None) -> Mention | None:
    """Returns the personal name that ends ``text`` right after a comma, a conjunction or an
    office (``…, so der Bürgermeister A, die Landrätin B und der Abgeordnete C``, ``Auch die
    Vorsitzende, Karin Beil``), else None."""
    toks = tokenize(text)
    n = len(toks)
    for s in range(max(0, n - 8), n):
        if s and toks[s - 1].text not in (",", "(") and toks[s - 1].low not in _CONJUNCTIONS \
                and toks[s - 1].low not in _DETERMINERS:
            continue
        mention, end = parse_np(text, toks, s, lang, book)
        if mention is not None and end == n and mention.kind == "name" and mention.name \
                and (len(mention.name.split()) >= 2 or book is not None and book.is_name(mention.name)):
            return mention
    return None


_CITING = {"zitiert", "zitierte", "zitieren", "zitierten"}
_FOR_WHOM = {"ist", "war", "sei", "steht", "stand", "scheint", "bleibt", "gilt"}


def cited_person(clause: str, lang: str, book: NameBook | None = None) -> Mention | None:
    """Returns who is quoted in a clause with ``zitieren``, the object rather than the subject:
    ``Die Zeitung zitiert den Minister mit den Worten``, ``zitiert die Zeitung den Minister``
    (verb first, after a quote), ``Der Minister wird mit den Worten zitiert`` (passive) all give
    ``Minister``. None when the clause has no such verb or no phrase in the object's place."""
    if lang != "de":
        return None
    toks = tokenize(clause)
    v = next((n for n, t in enumerate(toks) if t.low in _CITING), None)
    if v is None:
        return None
    i = 1 if toks and toks[0].text in (",", "–", "—", "-") else 0
    if any(t.low in _PASSIVE for t in toks[i:v]):
        mention, _ = parse_np(clause, toks, i, lang, book)
        return mention
    first, k = parse_np(clause, toks, v + 1, lang, book)
    if first is None or v > i:
        return first  # "Die Zeitung zitiert den Minister": the phrase after the verb
    second, _ = parse_np(clause, toks, k, lang, book)
    return second


def _for_whom(toks: list[Token], clause: str, lang: str, book: NameBook | None) -> Mention | None:
    """``Für Jens Olsen ist die Sache klar:``: the person after ``Für`` holds the view."""
    if lang != "de" or len(toks) < 3 or toks[0].low != "für":
        return None
    mention, k = parse_np(clause, toks, 1, lang, book)
    if mention is None or mention.kind == "pronoun" or k >= len(toks) or toks[k].low not in _FOR_WHOM:
        return None
    return mention


def speaker_before(clause: str, lang: str, book: NameBook | None = None) -> Mention | None:
    """Returns the speaker of a quote introduced by ``clause``, the text before its colon.

    Tries ``Zitat von X``, ``laut X``, then a subject at the start of the clause that is followed
    by a verb, then the phrase after the first speech verb. Returns None when none is found.
    """
    owner = list_owner(clause, lang, book)
    if owner is not None:
        return owner
    toks = tokenize(clause)
    if not toks:
        return None
    source = _es_source(clause, toks, lang, book) or place_source(clause, lang, book, toks) \
        or cited_person(clause, lang, book) or _for_whom(toks, clause, lang, book)
    if source is not None:
        return source
    m = _LAUT.search(clause)
    if m:
        sub = tokenize(m.group(1))
        mention, _ = parse_np(m.group(1), sub, 0, lang, book)
        if mention is not None:
            return mention
    i = 0
    while i < len(toks) and toks[i].low in ("auch", "doch", "und", "aber", "so", "also", "and",
                                             "but", "et", "mais", "dann", "then", ",", "–", "—"):
        i += 1
    if lang == "de" and i + 2 < len(toks) and toks[i + 2].low in ("er", "sie") and toks[i + 1].text[:1].islower() \
            and _is_cap(toks[i]) and toks[i].low not in _DETERMINERS \
            and (toks[i].low in _FUNCTION_WORDS | _ES_ADVERBS
                 or toks[i + 2].low == "er" and _finite_verb_like(toks[i + 1])):
        # "Dabei griff sie den Präsidenten an:": the pronoun after the verb is the subject
        return Mention(toks[i + 2].text, "pronoun", None, toks[i + 2].start, toks[i + 2].end)
    subject = _subject_of_last_verb(clause, toks, i, lang, book)
    if subject is not None and subject.kind == "role" and toks[i].low == "der" and lang == "de":
        # "Der Zeitung sagte Bernd Kolbe:": a dative in front, the subject after the verb
        for v in range(i + 1, min(len(toks), i + 8)):
            j = _verb_at(toks, v, lang)
            if j > 0:
                after = _np_after(clause, toks, j, lang, window=4, book=book)
                if after is not None and after.kind == "name" and subject.end <= toks[v].start:
                    return after
                break
    if subject is not None:
        return subject
    # subject first: "Maria Lehmann sagte:", "Die Ministerin betonte am Montag:"
    mention, k = parse_np(clause, toks, i, lang, book)
    if mention is not None and mention.kind == "pronoun" and lang == "de" and k < len(toks):
        if toks[k].low == "selbst":
            k += 1  # "Er selbst sagte:"
        elif toks[k].text == "," and k + 1 < len(toks) and toks[k + 1].low in _RELATIVES:
            # "Er, der seit 2001 im Amt ist, sagte:": past the relative clause to the verb
            close = next((m for m in range(k + 2, min(len(toks), k + 30)) if toks[m].text == ","), None)
            if close is not None and close + 1 < len(toks) and _verb_at(toks, close + 1, lang) > 0:
                return mention
    if mention is not None and k >= len(toks) and _plausible_subject(mention, toks, i, book):
        return mention  # "BKA-Präsident Ziercke: „…“"
    if mention is not None and k < len(toks) and (toks[k].text[:1].islower() or toks[k].text == ",") \
            and _plausible_subject(mention, toks, i, book):
        if mention.kind != "pronoun" or toks[k].low in _VERBS.get(lang, set()) | _ALL_VERBS \
                or re.fullmatch(r"[a-zäöüß]+te", toks[k].low) or toks[k].low in ("hat", "hatte", "has", "had", "a"):
            return mention
        if lang == "de" and k == i + 1 and _singular_pronoun_verb(toks[i], toks[k]):
            return mention  # "Er ist sich sicher:", "Sie bleibt dabei:": any verb after er/sie
    nominal = _nominalised_subject(clause, toks, i, lang)
    if nominal is not None:
        return nominal
    # verb first: "Dazu erklärte Hartmann:", "Then said the minister:"
    for v in range(len(toks)):
        j = _verb_at(toks, v, lang)
        if j > 0:
            if toks[v].low == "so":
                # "…, so A, B und C:" names a list; the colon follows the one who speaks
                last = name_at_end(clause, lang, book)
                if last is not None:
                    return last
            found = _np_after(clause, toks, j, lang, window=8, book=book)
            if found is not None:
                return found
            break
    # "Das Angebot lehnt er jedoch ab:": no speech verb, but the subject is a pronoun after the verb
    found = inverted_pronoun(clause, lang)
    if found is None and lang == "de" and i < len(toks) and toks[i].low in _PREPOSITIONS:
        # "Nach dem Spiel war er zufrieden:": a fronted phrase, then the verb and its pronoun
        for k in range(i + 2, min(len(toks), i + 10)):
            if toks[k].text == ",":
                break
            if toks[k].low in ("er", "sie") and _singular_pronoun_verb(toks[k], toks[k - 1]):
                return Mention(toks[k].text, "pronoun", None, toks[k].start, toks[k].end)
    return found


def pronoun_subject(sentence: str, lang: str) -> Mention | None:
    """Returns ``er`` or ``sie`` when a German sentence opens with it as a singular subject
    (``Er bleibt gelassen.``, ``Doch sie widerspricht.``), else None."""
    toks = tokenize(sentence)
    i = 0
    while i < len(toks) and toks[i].low in ("auch", "doch", "und", "aber"):
        i += 1
    if lang != "de" or i + 1 >= len(toks) or not _singular_pronoun_verb(toks[i], toks[i + 1]):
        return None
    return Mention(toks[i].text, "pronoun", None, toks[i].start, toks[i].end)


def _singular_pronoun_verb(pronoun: Token, verb: Token) -> bool:
    """Whether ``pronoun`` (er, sie) and ``verb`` beside it read as a singular subject and its
    finite verb: ``er ist``, ``war er``, ``sie bleibt``; not ``sie sind`` or ``lobten sie``
    (plural, or ``sie`` the object)."""
    if pronoun.low not in ("er", "sie") or not _finite_verb_like(verb):
        return False
    return pronoun.low == "er" or not (verb.low.endswith("en") or verb.low in ("sind", "waren"))


# a person named by an adjective or participle used as a noun: "Ein Übertrittswilliger",
# "Eine Betroffene", "Der Reisende", "Ein Beteiligter"
_NOMINALISED_PERSON = re.compile(r"(?:ig|en|end|[lgzmhck]t)(?:e|er|en)$")


def _nominalised_subject(clause: str, toks: list[Token], i: int, lang: str) -> Mention | None:
    """Returns the subject of ``Ein Übertrittswilliger begründete seine Entscheidung so:``: an
    article, a noun made from an adjective or participle and a speech verb right after it, with
    no other subject after the verb (``Die Lage beschrieb er so:``, ``Das Urteil begründete das
    Gericht so:``); else None."""
    if lang != "de" or i + 2 >= len(toks) or toks[i].low not in ("ein", "eine", "der", "die"):
        return None
    head, verb = toks[i + 1], toks[i + 2]
    if not _is_cap(head) or len(head.low) < 6 or not _NOMINALISED_PERSON.search(head.low) \
            or _NOMINAL.search(head.low) or _verb_at(toks, i + 2, lang) < 0 or verb.low == "so":
        return None
    nxt = toks[i + 3] if i + 3 < len(toks) else None
    if nxt is not None and (nxt.low in ("der", "die", "das", "ein", "eine", "er", "sie", "es") or _is_cap(nxt)):
        return None
    return Mention(clause[head.start:head.end], "role", None, toks[i].start, head.end)


_RELATIVES = {"der", "die", "das", "dem", "den", "deren", "dessen", "welcher", "welche", "who", "which",
              "qui", "que", "dont"}


_PASSIVE = {"wurde", "wurden", "wird", "werden", "worden"}
_CALLING = re.compile(r"^[\s“”\"»«,]*(?:\w+\s+){0,2}(bezeichnet|genannt|beschrieben|kritisiert|gelobt|"
                      r"gewertet|eingestuft|kommentiert|beschimpft|zitiert)\b")


def speaker_of_embedded(clause: str, after: str, lang: str, book: NameBook | None = None) -> tuple[bool, Mention | None]:
    """Returns who says a quote embedded in a German sentence when the sentence's subject does
    not: in the passive (``wurde von Kritikern als „…“ bezeichnet``) the agent after ``von`` or
    the publication it appeared in, and in a relative clause (``ein Kommentar, der den Plan als
    „…“ bezeichnet``) the noun the clause belongs to. The first value says whether one of these
    shapes was found; the second is the speaker, or None when the shape names nobody."""
    if lang != "de":
        return False, None
    toks = tokenize(clause)
    if not toks:
        return False, None
    if any(t.low in _PASSIVE for t in toks) and _CALLING.match(after):
        for k, t in enumerate(toks[:-1]):
            if t.low in ("von", "vom", "in", "im") and (k == 0 or toks[k - 1].low not in _DETERMINERS):
                fused = t.low in _CONTRACTED
                mention, _ = parse_np(clause, toks, k if fused else k + 1, lang, book, contracted=fused)
                if mention is None and not fused:
                    mention, _ = _group_subject(clause, toks, k + 1)  # "von mehreren Anwohnern"
                if mention is None or mention.kind == "pronoun":
                    continue
                quoted = clause[mention.start:mention.end].lstrip("imvo ").startswith(("„", "\"", "»"))
                if t.low in ("von", "vom") or quoted or _is_publication(mention.text.split()[-1]):
                    return True, mention
        return True, None  # the subject is what was called something, not who called it
    commas = [k for k, t in enumerate(toks) if t.text == ","]
    if commas and commas[-1] + 1 < len(toks) and toks[commas[-1] + 1].low in ("der", "die", "das") \
            and _CALLING.match(after) and commas[-1] >= 1:
        head = toks[commas[-1] - 1]
        if _is_cap(head) and (is_speaker_noun(head.text) or head.low in _STATEMENT_NOUNS):
            return True, Mention(head.text, "role", None, head.start, head.end)
    return False, None


def speaker_in_sentence(sentence: str, lang: str, book: NameBook | None = None,
                        any_verb: bool = False) -> Mention | None:
    """Returns the subject of a sentence of reported speech (``X sagte, …``), else None.

    Used to carry a speaker over to the quotes that follow an indirect quote.
    """
    toks = tokenize(sentence)
    if not toks:
        return None
    i = 0
    while i < len(toks) and toks[i].low in ("auch", "doch", "und", "aber", "and", "but", "et", "mais"):
        i += 1
    if i < len(toks) and toks[i].low in ("wie", "as", "comme"):
        # "Wie die Premierministerin, Anna Bligh, erklärte, …"
        mention, k = parse_np(sentence, toks, i + 1, lang, book)
        if mention is not None and mention.kind != "pronoun":
            if k + 1 < len(toks) and toks[k].text == "," and toks[k + 1].low in _RELATIVES:
                # "Wie Ulrike Sandmann, die den Verein berät, dazu feststellt, …"
                m = k + 1
                while m < len(toks) and m - k < 40 and (toks[m].text not in ",.!?;:"
                                                         or toks[m].text == "." and toks[m - 1].text.isdigit()):
                    m += 1
                if m < len(toks) and toks[m].text == ",":
                    k = m + 1
            start = k
            while k < len(toks) and k - start < 8 and _verb_at(toks, k, lang) < 0 and toks[k].text not in ".!?":
                k += 1
            if k < len(toks) and _verb_at(toks, k, lang) > 0:
                return mention
    mention, k = parse_np(sentence, toks, i, lang, book)
    if mention is not None and mention.kind != "pronoun" and k < len(toks) \
            and _plausible_subject(mention, toks, i, book):
        if k < len(toks) and toks[k].text == ",":
            # skip an apposition: "Sadiq Khan, einer der Abgeordneten, verurteilte …"
            m = k + 1
            while m < len(toks) and m - k < 12 and toks[m].text != ",":
                m += 1
            if m < len(toks) - 1 and toks[m].text == "," and not toks[k + 1].text[:1].islower():
                k = m + 1
            else:
                k += 1
        j = _verb_at(toks, k, lang)
        if j > 0 and toks[k].low not in ("so",) or any_verb and toks[k].text[:1].islower():
            return mention
    for v in range(min(len(toks), 12)):
        j = _verb_at(toks, v, lang)
        if j > 0 and toks[v].low not in ("so", "heißt", "hieß", "gab", "gibt", "sah", "sieht", "fand",
                                          "findet", "macht", "machte", "stellt", "stellte"):
            found = _np_after(sentence, toks, j, lang, window=5, book=book)
            if found is not None and found.kind != "pronoun":
                return found
            return None
    return None


_NOT_FINITE_VERBS = {
    "dass", "daß", "ob", "weil", "wenn", "als", "wie", "da", "nachdem", "bevor", "obwohl", "damit",
    "sodass", "während", "seit", "seitdem", "bis", "falls", "indem", "wo", "was", "wer", "wen",
    "wem", "womit", "wofür", "worauf", "woran", "wozu", "um", "und", "oder", "aber", "sondern",
    "denn", "doch", "sowie", "nicht", "auch", "nur", "noch", "schon", "so", "für", "gegen", "ohne",
    "mit", "von", "zu", "bei", "nach", "an", "auf", "aus", "in", "über", "unter", "vor", "hinter",
    "neben", "zwischen", "durch", "welche", "welcher", "welches", "man", "es", "sich"}


def inverted_pronoun(clause: str, lang: str) -> Mention | None:
    """Returns the pronoun that is the subject of a German main clause in which something else
    comes first and the pronoun follows the finite verb: ``Aktuell lässt sie dort … erklären``,
    ``Das Angebot …, lehnt er jedoch ab``, ``Ursprünglich wollte er``. Only the verb-second
    slot counts: the verb follows a single word at the start of the sentence or a comma that
    closes a fronted clause, and it is no conjunction, relative pronoun or preposition (``, dass
    er``, ``, die er``). ``sie`` counts only after a singular verb (not ``sagten sie``). Returns
    None when the clause has no such pronoun; the last one wins."""
    if lang != "de":
        return None
    toks = tokenize(clause)
    start = 0
    while start < len(toks) and toks[start].low in ("und", "aber", "doch", "auch", "–", "—", "-"):
        start += 1
    found = None
    for k in range(start + 2, len(toks)):
        pronoun, verb, front = toks[k], toks[k - 1], toks[k - 2]
        if pronoun.low not in ("er", "sie") or not verb.text.isalpha() or not verb.text[:1].islower():
            continue
        if verb.low in _NOT_FINITE_VERBS | _RELATIVES | _DETERMINERS:
            continue
        if pronoun.low == "sie" and (verb.low.endswith("en") or k + 1 < len(toks) and _is_cap(toks[k + 1])):
            continue  # "lobten sie", "lobte sie Maria": plural, or "sie" is the object
        first = k - 2 == start and (_is_cap(front) or start > 0) and front.low not in _DETERMINERS
        if first or front.text == ",":
            found = Mention(pronoun.text, "pronoun", None, pronoun.start, pronoun.end)
    return found


_OBJECT_ARTICLES = {"den", "dem", "einen", "einem"}
_POSSESSIVE = re.compile(r"^(?:(mein|dein|sein|ihr|unser|euer|eur)(e|en|em|er|es)?|his|her|their|son|sa|ses|leur|leurs)$")
_OTHER_PREPOSITIONS = {"with", "by", "of", "for", "from", "avec", "par", "pour", "chez", "sans", "auprès"}


def first_name_in(clause: str, lang: str, book: NameBook | None = None) -> Mention | None:
    """Returns the first personal name in ``clause`` that is not the object of a preposition.

    The last resort for a clause that introduces a quote with a colon but has no speech verb:
    ``Zum Abschied hielt Georg Haberland eine Rede:``.
    """
    toks = tokenize(clause)
    dependent = False  # inside a prepositional or genitive phrase: "während einer Rede der Abgeordneten X"
    owned = 0  # lower-case words after a possessive that stay inside the phrase: "son collègue"
    for k, t in enumerate(toks):
        if t.low in _FUNCTION_WORDS - {"auch", "doch", "noch", "nur", "als", "wie", "dass", "weil", "wenn", "ob"} \
                or t.low in ("der", "des") and k and _is_cap(toks[k - 1]) or t.low in _OTHER_PREPOSITIONS:
            dependent = True
            continue
        if _POSSESSIVE.match(t.low):
            dependent, owned = True, 2
            continue
        if t.text[:1].islower() and owned:
            owned -= 1
            continue
        if t.text in ",;" or t.text[:1].islower() and t.low not in _DETERMINERS and not _ADJECTIVAL.search(t.low) \
                and t.low not in _CONJUNCTIONS:
            # "mit seinen Kollegen Anna Roth und Max Kern": still the object
            dependent = False
        if not _is_cap(t) or dependent:
            continue
        if k and toks[k - 1].low in _OBJECT_ARTICLES:
            dependent = True  # "griff den Präsidenten X an": the whole run is an object
            continue
        mention, _ = parse_np(clause, toks, k, lang, book)
        if mention is not None and mention.kind == "name" and book is not None \
                and any(book.is_name(w) for w in (mention.name or "").split()):
            return mention
    return None
