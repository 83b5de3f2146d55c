"""The gender a given name, an honorific or a title of office shows, for resolving pronouns."""

from __future__ import annotations

import re

from audio_edition import languages
from audio_edition.attribution.lexicon import HONORIFICS, ROLE_EXACT, ROLE_SUFFIXES, is_role



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

PRONOUN_GENDER = {p: g for code in languages.full_codes()
                  for p, g in languages.get(code).pronoun_gender.items()}
"""The gender each resolvable pronoun refers to, from every full language's module (``er``,
``she``, ``elle``, ``lei``, ``hij``); other pronouns (``they``) are never resolved."""


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
    if not is_role(word) or low.rstrip(".") in HONORIFICS | ROLE_EXACT:
        return None
    suffixes = [s for s in ROLE_SUFFIXES if last.endswith(s)]
    suffix = max(suffixes, key=len) if suffixes else ""
    if suffix.endswith("in") and suffix[:-2] in ROLE_SUFFIXES \
            or not suffix and re.search(r"(erin|istin|antin|entin|eurin|login)$", last):
        return "f"
    if suffix and suffix + "in" in ROLE_SUFFIXES or not suffix and re.search(r"(ist|ant|ent|eur|loge)$", last):
        return "m"
    return None


def honorific_gender(word: str) -> str | None:
    """Returns the gender a form of address shows (``Frau`` f, ``Mr`` m), or None."""
    low = word.lower().rstrip(".")
    return "f" if low in _FEMALE_HONORIFICS else "m" if low in _MALE_HONORIFICS else None
