"""The finders of German grammar: sources after ``heißt es``, ``laut``/``zufolge``, reported
speech, subjects after a fronted verb, places a quote is read in. They plug into the shared
finders and the chain through :data:`GRAMMAR` (see :mod:`.grammar`)."""

from __future__ import annotations

import re

from audio_edition.attribution.clauses import (
    bare_name,
    finite_verb_like,
    group_subject,
    np_after,
    opens_subject,
    singular_pronoun_verb,
    speaker_in_sentence,
    subject_right_after,
    verb_at,
    verb_ends_clause,
)
from audio_edition.attribution.grammar import Grammar
from audio_edition.attribution.lexicon import (
    ALL_VERBS,
    CITING,
    CONJUNCTIONS,
    CONTRACTED,
    DETERMINERS,
    ES_ADVERBS,
    FUNCTION_WORDS,
    NOMINAL,
    NOT_FINITE_VERBS,
    NP_STOP,
    PARTITIVES,
    PREPOSITIONS,
    RELATIVES,
    STATEMENT_NOUNS,
    TIME_WORDS,
    VERBS,
    forms,
    is_document,
    is_role,
    is_speaker_noun,
)
from audio_edition.attribution.nouns import Mention, name_run, NameBook, parse_np
from audio_edition.attribution.tokens import is_cap, Token, tokenize


_SOURCE_PREPOSITIONS = {"in", "im", "von", "vom", "bei", "beim", "seitens", "aus", "auf"}


def source_after_es(text: str, toks: list[Token], j: int, lang: str,
                     book: NameBook | None) -> Mention | None:
    """Returns the source after ``heißt es`` / ``hieß es``: ``… in einer Mitteilung der Stadt``,
    ``… vom Abgeordneten Viktor Oserow``, ``… aus dem Ministerium``; None when none is named."""
    k = j
    while k < len(toks):
        if toks[k].low in ES_ADVERBS or toks[k].low in TIME_WORDS:
            k += 1
        elif toks[k].low in ("am", "an") and k + 1 < len(toks) and toks[k + 1].low in TIME_WORDS:
            k += 2  # "hieß es am Sonntag von der Polizei"
        else:
            break
    if k + 1 < len(toks) and toks[k].low in _SOURCE_PREPOSITIONS:
        fused = toks[k].low in CONTRACTED
        mention, _ = parse_np(text, toks, k if fused else k + 1, lang, book, contracted=fused)
        if mention is not None and mention.kind != "pronoun":
            return mention
    return None


# "^\W*" takes the spaces and a dash too; "\W*\s*" was quadratic on a long run of spaces
_STATEMENT_AFTER = re.compile(r"^\W*(?:[Dd]as|[Dd]ies|[Ss]o)\s+(?:ist|war|lautet|lautete)\s+")


def statement_after(after: str, lang: str, book: NameBook | None = None) -> Mention | None:
    """Returns the source named by a sentence that follows a quote and calls it a statement:
    ``„…“ Das ist die zentrale Aussage einer Studie …`` gives ``Studie``. Only a statement noun
    with a complement names a source (see ``parse_np``); else None."""
    m = _STATEMENT_AFTER.match(after[:300])
    if m is None:
        return None
    toks = tokenize(after[:300])
    k = next((n for n, t in enumerate(toks) if t.start >= m.end()), len(toks))
    if k >= len(toks) or not any(t.low in STATEMENT_NOUNS for t in toks[k:k + 4]):
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
    if m is None:
        return None
    toks = tokenize(after[:300])
    k = next((n for n, t in enumerate(toks) if t.start >= m.end()), len(toks))
    j = k + 1 if k < len(toks) and toks[k].low in _DESCRIBING else verb_at(toks, k, lang)
    if j < 0 or toks[k].low in ("so", "ist", "war", "lautet", "lautete"):
        return None
    if j < len(toks) and toks[j].low in ("es", "das", "dies"):
        j += 1  # "So beschreibt es der Trainer"
    return np_after(after, toks, j, lang, window=4, book=book)


_ACCORDING = re.compile(
    r"\b(?:[Nn]ach\s+(?:(?:eigenen|offiziellen|ersten)\s+)?(?:Angaben|Auskunft|Ansicht|Einschätzung|Darstellung|"
    r"Informationen|Meinung|Aussagen?|Worten|Auffassung)|[Ll]aut|[Gg]emäß)\s+")


def according_to(sentence: str, lang: str, book: NameBook | None = None) -> Mention | None:
    """Returns the source a German sentence gives for what it reports: ``nach Angaben des
    Vereins`` (the complement), ``laut dem Finanzamt``, ``laut Polizei``, ``der Stadtverwaltung
    zufolge``; None when the sentence names none. The first one wins."""
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
        if mention is None and k < len(toks) and is_cap(toks[k]) and is_speaker_noun(toks[k].text):
            mention = Mention(toks[k].text, "role", None, toks[k].start, toks[k].end)  # "laut Polizei"
        if mention is not None and mention.kind != "pronoun":
            return mention
    for z, t in enumerate(toks):
        if t.low != "zufolge":
            continue
        for s in range(z - 1, max(-1, z - 8), -1):
            if toks[s].low in DETERMINERS or s == z - 1 and is_cap(toks[s]):
                mention, end = parse_np(sentence, toks, s, lang, book)
                if mention is not None and end == z and mention.kind != "pronoun":
                    return mention
            if toks[s].text in ",.;:„“\"»«":
                break
    return None


def es_source(clause: str, toks: list[Token], lang: str, book: NameBook | None) -> Mention | None:
    """Returns the source of ``In dem Antrag heißt es:`` / ``So hieß es in der Mitteilung der
    Stadt:``, else None."""
    for v, t in enumerate(toks):
        perfect = t.low in ("hatte", "hat", "hätte") and any(x.low == "geheißen" for x in toks[v:])
        if (t.low in ("heißt", "hieß") or perfect) and v + 1 < len(toks) and toks[v + 1].low == "es":
            found = source_after_es(clause, toks, v + 1, lang, book)
            if found is not None:
                return found
            k = 1 if toks[0].low in ("so", "und", "auch", "doch") else 0
            if k < v and toks[k].low in _SOURCE_PREPOSITIONS:
                fused = toks[k].low in CONTRACTED
                mention, end = parse_np(clause, toks, k if fused else k + 1, lang, book, contracted=fused)
                if mention is not None and end < v and toks[end].text == "(":
                    # "Im letzten Satz der Anordnung (Subpoena), die …, heißt es:"
                    close = next((x for x in range(end, v) if toks[x].text == ")"), None)
                    end = close + 1 if close is not None else end
                if mention is not None and end < v and toks[end].text == "," and toks[v - 1].text == "," \
                        and end + 1 < v and toks[end + 1].low in RELATIVES:
                    end = v  # "Im Schreiben der Behörde, das am Montag einging, heißt es:"
                if mention is not None and mention.kind != "pronoun" and end <= v \
                        and all(x.low in ES_ADVERBS | TIME_WORDS | {"vom", "am", "von"} for x in toks[end:v]):
                    return mention  # "In einer Erklärung des Rats vom Montag hatte es geheißen:"
            return None
    return None


_NOT_VERBS_HERE = {"so", "heißt", "hieß", "gibt", "gab", "macht", "machte", "sieht", "sah", "weiß",
                   "wusste", "findet", "fand", "stellt", "stellte", "lautet", "lautete", "glaubt",
                   "glaubte", "according", "says", "say", "thinks", "thought"}


def subject_of_last_verb(clause: str, toks: list[Token], i: int, lang: str,
                          book: NameBook | None) -> Mention | None:
    """Returns the phrase that ends right before the last speech verb of ``clause``: the subject
    of ``…, die Sprecherin der Fraktion, Sandra Boll, erklärte:`` or ``Wiedeking sagte:``."""
    v = -1
    particle = bool(toks) and toks[-1].low in _CLOSING_PARTICLES
    for k in range(i, len(toks)):
        low = toks[k].low
        if low in VERBS["de"] and low not in _NOT_VERBS_HERE \
                or particle and low in _PARTICLE_VERBS or fused_particle_verb(low):
            v = k
    if v <= i:
        return None
    for s in range(i, v):
        if s > i and toks[s - 1].low in FUNCTION_WORDS | {"dem", "den"}:
            continue  # the object of a preposition is no subject
        opens = s == i or toks[s - 1].text == "," or opens_subject(toks, i, s)
        mention, end = parse_np(clause, toks, s, lang, book)
        if mention is not None and s > i and toks[s - 1].low in CONJUNCTIONS and mention.kind != "name":
            opens = False  # "die Rolle der Fraktions- und Parteivorsitzenden betont"
        if mention is None and opens and (toks[s].low in DETERMINERS or toks[s].low in PARTITIVES):
            group, gend = group_subject(clause, toks, s)
            if group is not None and gend == v:
                return group
        if mention is None and s == i:
            # an unknown name introduced by its office: "Houcine Abassi, der Generalsekretär …"
            run = name_run(toks, s)
            if 2 <= run - s <= 3 and run + 1 < v and toks[run].text == "," \
                    and not any(is_role(t.text) for t in toks[s:run]):
                office, _ = parse_np(clause, toks, run + 1, lang, book)
                if office is not None and office.kind == "role" \
                        and (toks[run + 1].low in DETERMINERS or is_role(toks[run + 1].text)):
                    mention = Mention(clause[toks[s].start:toks[run - 1].end], "name",
                                      clause[toks[s].start:toks[run - 1].end], toks[s].start, toks[run - 1].end)
                    end = run
        if mention is None and end == s and s + 1 == v and (s == i or toks[s - 1].text == ",") \
                and bare_name(toks[s], book):
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


_PLACE_VERBS = {"steht", "stand", "stehen", "standen", "findet", "fand", "fanden", "finden", "lesen",
                "nachzulesen", "liest"}
_PLACE_PREPOSITIONS = {"in", "im", "auf", "unter"}


def place_source(clause: str, lang: str, book: NameBook | None = None,
                 toks: list[Token] | None = None) -> Mention | None:
    """Returns the text a quote is read from: ``In dem Entwurf steht:``, ``steht in dem Entwurf
    noch der Satz:``, ``In der Zeitung fand sich die Feststellung``, ``Auf der Website war zu
    lesen:``. Only a document or a publication counts; else None."""
    toks = tokenize(clause) if toks is None else toks
    if not any(t.low in _PLACE_VERBS for t in toks):
        return None
    for k, t in enumerate(toks[:-1]):
        if t.low not in _PLACE_PREPOSITIONS or k and toks[k - 1].low in DETERMINERS:
            continue
        if k >= 2 and toks[k - 1].text == "," and toks[k + 1].low in RELATIVES:
            # "an der Tür musste ein Zettel kleben, auf dem geschrieben stand:"
            for head in toks[max(0, k - 4):k - 1][::-1]:
                if is_cap(head) and _is_publication(head.text):
                    return Mention(head.text, "role", None, head.start, head.end)
        fused = t.low in CONTRACTED
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
    return any(f.endswith(p) for f in forms(last) for p in _PUBLICATIONS)
_FOR_WHOM = {"ist", "war", "sei", "steht", "stand", "scheint", "bleibt", "gilt"}


def cited_person(clause: str, lang: str, book: NameBook | None = None) -> Mention | None:
    """Returns who is quoted in a clause with ``zitieren``, the object rather than the subject:
    ``Die Zeitung zitiert den Minister mit den Worten``, ``zitiert die Zeitung den Minister``
    (verb first, after a quote), ``Der Minister wird mit den Worten zitiert`` (passive) all give
    ``Minister``. None when the clause has no such verb or no phrase in the object's place."""
    toks = tokenize(clause)
    v = next((n for n, t in enumerate(toks) if t.low in CITING), None)
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


def for_whom(toks: list[Token], clause: str, lang: str, book: NameBook | None) -> Mention | None:
    """``Für Jens Olsen ist die Sache klar:``: the person after ``Für`` holds the view."""
    if len(toks) < 3 or toks[0].low != "für":
        return None
    mention, k = parse_np(clause, toks, 1, lang, book)
    if mention is None or mention.kind == "pronoun" or k >= len(toks) or toks[k].low not in _FOR_WHOM:
        return None
    return mention


def pronoun_subject(sentence: str, lang: str) -> Mention | None:
    """Returns ``er`` or ``sie`` when a German sentence opens with it as a singular subject
    (``Er bleibt gelassen.``, ``Doch sie widerspricht.``), else None."""
    toks = tokenize(sentence)
    i = 0
    while i < len(toks) and toks[i].low in ("auch", "doch", "und", "aber"):
        i += 1
    if i + 1 >= len(toks) or not singular_pronoun_verb(toks[i], toks[i + 1]):
        return None
    return Mention(toks[i].text, "pronoun", None, toks[i].start, toks[i].end)


# a person named by an adjective or participle used as a noun: "Ein Übertrittswilliger",
# "Eine Betroffene", "Der Reisende", "Ein Beteiligter"
_NOMINALISED_PERSON = re.compile(r"(?:ig|en|end|[lgzmhck]t)(?:e|er|en)$")


def nominalised_subject(clause: str, toks: list[Token], i: int, lang: str) -> Mention | None:
    """Returns the subject of ``Ein Übertrittswilliger begründete seine Entscheidung so:``: an
    article, a noun made from an adjective or participle and a speech verb right after it, with
    no other subject after the verb (``Die Lage beschrieb er so:``, ``Das Urteil begründete das
    Gericht so:``); else None."""
    if i + 2 >= len(toks) or toks[i].low not in ("ein", "eine", "der", "die"):
        return None
    head, verb = toks[i + 1], toks[i + 2]
    if not is_cap(head) or len(head.low) < 6 or not _NOMINALISED_PERSON.search(head.low) \
            or NOMINAL.search(head.low) or verb_at(toks, i + 2, lang) < 0 or verb.low == "so":
        return None
    nxt = toks[i + 3] if i + 3 < len(toks) else None
    if nxt is not None and (nxt.low in ("der", "die", "das", "ein", "eine", "er", "sie", "es") or is_cap(nxt)):
        return None
    return Mention(clause[head.start:head.end], "role", None, toks[i].start, head.end)


_PASSIVE = {"wurde", "wurden", "wird", "werden", "worden"}
_CALLING = re.compile(r"^[\s“”\"»«,]*(?:\w+\s+){0,2}(bezeichnet|genannt|beschrieben|kritisiert|gelobt|"
                      r"gewertet|eingestuft|kommentiert|beschimpft|zitiert)\b")


def speaker_of_embedded(clause: str, after: str, lang: str, book: NameBook | None = None) -> tuple[bool, Mention | None]:
    """Returns who says a quote embedded in a German sentence when the sentence's subject does
    not: in the passive (``wurde von Kritikern als „…“ bezeichnet``) the agent after ``von`` or
    the publication it appeared in, and in a relative clause (``ein Kommentar, der den Plan als
    „…“ bezeichnet``) the noun the clause belongs to. The first value says whether one of these
    shapes was found; the second is the speaker, or None when the shape names nobody."""
    toks = tokenize(clause)
    if not toks:
        return False, None
    if any(t.low in _PASSIVE for t in toks) and _CALLING.match(after):
        for k, t in enumerate(toks[:-1]):
            if t.low in ("von", "vom", "in", "im") and (k == 0 or toks[k - 1].low not in DETERMINERS):
                fused = t.low in CONTRACTED
                mention, _ = parse_np(clause, toks, k if fused else k + 1, lang, book, contracted=fused)
                if mention is None and not fused:
                    mention, _ = group_subject(clause, toks, k + 1)  # "von mehreren Anwohnern"
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
        if is_cap(head) and (is_speaker_noun(head.text) or head.low in STATEMENT_NOUNS):
            return True, Mention(head.text, "role", None, head.start, head.end)
    return False, None


def inverted_pronoun(clause: str, lang: str) -> Mention | None:
    """Returns the pronoun that is the subject of a German main clause in which something else
    comes first and the pronoun follows the finite verb: ``Aktuell lässt sie dort … erklären``,
    ``Das Angebot …, lehnt er jedoch ab``, ``Ursprünglich wollte er``. Only the verb-second
    slot counts: the verb follows a single word at the start of the sentence or a comma that
    closes a fronted clause, and it is no conjunction, relative pronoun or preposition (``, dass
    er``, ``, die er``). ``sie`` counts only after a singular verb (not ``sagten sie``). Returns
    None when the clause has no such pronoun; the last one wins."""
    toks = tokenize(clause)
    start = 0
    while start < len(toks) and toks[start].low in ("und", "aber", "doch", "auch", "–", "—", "-"):
        start += 1
    found = None
    for k in range(start + 2, len(toks)):
        pronoun, verb, front = toks[k], toks[k - 1], toks[k - 2]
        if pronoun.low not in ("er", "sie") or not verb.text.isalpha() or not verb.text[:1].islower():
            continue
        if verb.low in NOT_FINITE_VERBS | RELATIVES | DETERMINERS:
            continue
        if pronoun.low == "sie" and (verb.low.endswith("en") or k + 1 < len(toks) and is_cap(toks[k + 1])):
            continue  # "lobten sie", "lobte sie Maria": plural, or "sie" is the object
        first = k - 2 == start and (is_cap(front) or start > 0) and front.low not in DETERMINERS
        if first or front.text == ",":
            found = Mention(pronoun.text, "pronoun", None, pronoun.start, pronoun.end)
    return found


_DEMONSTRATIVES = {"dieser", "diese", "jener", "jene", "letzterer", "letztere", "ersterer", "erstere"}
# "der" and "die" point back only where no noun follows: "sagte der." / "so die:"
_SHORT_DEMONSTRATIVES = {"der", "die"}


_PARTICLES = ("hinzu", "bekannt", "fest", "klar", "mit", "ein", "zu", "aus", "dar", "weiter")


def fused_particle_verb(low: str) -> bool:
    """Whether ``low`` is a speech verb with its particle in front, as German writes it at the end
    of a subordinate clause: ``feststellt``, ``mitteilte``, ``hinzufügte``, ``bekanntgab``."""
    for particle in _PARTICLES:
        if low.startswith(particle) and len(low) > len(particle) + 2:
            stem = low[len(particle):]
            if stem in VERBS["de"] and stem not in ("so", "heißt", "hieß", "lautet", "lautete", "weiß",
                                                      "sieht", "sah", "findet", "fand", "glaubt", "glaubte"):
                return True
    return False


def skip_prepositional(toks: list[Token], k: int, limit: int) -> int:
    """Returns the index past a German prepositional phrase at ``k`` (``vor einem großen
    Einkaufszentrum``), or ``k`` when there is none: the object of a preposition is no speaker."""
    if toks[k].low not in PREPOSITIONS:
        return k
    m = k + 1
    while m < limit and (toks[m].text[:1].islower() or toks[m].text[:1].isdigit()) \
            and toks[m].low not in ALL_VERBS and toks[m].low not in PREPOSITIONS:
        m += 1
    # the head noun only: "vor Journalisten Landrat Martin Oberle" leaves the Landrat
    return m + 1 if m < limit and is_cap(toks[m]) else k


# lower-case words after a comma that are no finite verb: "„…“, besonders die Jugend"


# --- shapes of German clauses the shared finders ask for -------------------------------------

def speech_verb_at(toks: list[Token], i: int) -> int:
    """Returns the index past a German speech verb of a shape no word list holds: ``zeigt sich``
    (``In der ARD zeigt sich der Trainer zufrieden:``), a weak verb in the past tense (``ätzte``,
    ``konterte``), a separable verb at the end of a clause (``feststellt``, ``mitteilte``); else -1."""
    t = toks[i]
    low = t.low
    if low in ("zeigt", "zeigen") and i + 1 < len(toks) and toks[i + 1].low == "sich":
        return i + 1
    if re.fullmatch(r"[a-zäöüß]{3,}te", t.text) and low not in NP_STOP:
        return i + 1
    if fused_particle_verb(low):
        return i + 1
    return -1


def stands_for_person(toks: list[Token], i: int) -> bool:
    """Whether ``toks[i]`` is a demonstrative standing for a person: followed by a mark that
    ends the clause, or (the long forms) by a speech verb (``Letztere betonte:``)."""
    low = toks[i].low
    if low not in _DEMONSTRATIVES and low not in _SHORT_DEMONSTRATIVES:
        return False
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is None or nxt.text in ".,;:!?":
        return True
    return low in _DEMONSTRATIVES and (nxt.low in VERBS["de"] and nxt.low != "so"
                                       or nxt.text[:1].islower() and nxt.low in NP_STOP)


def addresses_reader(toks: list[Token], i: int) -> bool:
    """Whether ``toks[i]`` is the polite ``Sie`` in mid-sentence: the reader, nobody quoted."""
    return toks[i].text == "Sie" and i > 0 and toks[i - 1].text not in ".!?"


def after_quote(after: str, toks: list[Token], i: int, lang: str,
                book: NameBook | None) -> Mention | None:
    """Returns the speaker of a German clause right after a quote's comma that opens with no
    speech verb: ``wie der Trainer sagte``, ``war aus dem Ministerium zu hören``, or any verb in
    the verb-second slot with its subject right after it (``strich X heraus``, ``ließ ein
    Sprecher verlauten``, ``schrieb „Die Zeitung“``); else None."""
    if i != 1:
        return None
    if toks[1].low == "wie":
        # "„…“, wie der Trainer sagte.": the subject of the speech verb that closes the clause
        at = toks[1].start
        mention = speaker_in_sentence(after[at:], lang, book)
        if mention is not None and mention.start + at < len(after) \
                and verb_ends_clause(after, toks, mention.end + at, lang):
            return Mention(mention.text, mention.kind, mention.name, mention.start + at, mention.end + at)
    if toks[1].low in ("war", "ist", "sei", "waren") and len(toks) > 3 \
            and toks[2].low in ("von", "vom", "aus", "bei", "beim"):
        # "„…“, war aus dem Ministerium zu hören": the source after the preposition
        m = re.match(r"[^.!?;]*?\bzu\s+(?:hören|lesen|vernehmen|erfahren)\b", after[toks[2].start:])
        if m:
            fused = toks[2].low in CONTRACTED
            mention, _ = parse_np(after, toks, 2 if fused else 3, lang, book, contracted=fused)
            if mention is None and not fused:
                mention, _ = group_subject(after, toks, 3)
            if mention is not None and mention.kind != "pronoun":
                return mention
    if finite_verb_like(toks[1]):
        return subject_right_after(after, toks, 2, lang, book)
    return None


def name_in_speaker_slot(toks: list[Token], i: int, j: int, book: NameBook | None) -> Mention | None:
    """``„…“, so Barth.`` / ``„…“, sagte Oberhuber.``: a bare word right after the verb that
    ends the clause is a name; else None."""
    if i == 1 and j + 1 < len(toks) and toks[j + 1].text in ".,;!?" and bare_name(toks[j], book):
        return Mention(toks[j].text, "name", toks[j].text, toks[j].start, toks[j].end)
    return None


def subject_first_after_quote(toks: list[Token], i: int, j: int) -> bool:
    """Whether a subject and a speech verb (ending at ``j``) after a quote name its speaker: in
    German only ``, Lehmann zufolge``, ``so Lehmann`` or after the quote's comma."""
    return toks[j - 1].low in ("so", "zufolge") or bool(i) and toks[i - 1].text == ","


def subject_before_colon(clause: str, toks: list[Token], i: int, lang: str,
                         book: NameBook | None) -> Mention | None:
    """Returns the subject of a German clause before an introducing colon: a pronoun after the
    verb (``Dabei griff sie den Präsidenten an:``), the phrase right before the last speech verb
    (:func:`subject_of_last_verb`), or the subject after the verb when a dative stands in front
    (``Der Zeitung sagte Bernd Kolbe:``); else None."""
    if i + 2 < len(toks) and toks[i + 2].low in ("er", "sie") and toks[i + 1].text[:1].islower() \
            and is_cap(toks[i]) and toks[i].low not in DETERMINERS \
            and (toks[i].low in FUNCTION_WORDS | ES_ADVERBS
                 or toks[i + 2].low == "er" and finite_verb_like(toks[i + 1])):
        return Mention(toks[i + 2].text, "pronoun", None, toks[i + 2].start, toks[i + 2].end)
    subject = subject_of_last_verb(clause, toks, i, lang, book)
    if subject is not None and subject.kind == "role" and toks[i].low == "der":
        for v in range(i + 1, min(len(toks), i + 8)):
            j = verb_at(toks, v, lang)
            if j > 0:
                after = np_after(clause, toks, j, lang, window=4, book=book)
                if after is not None and after.kind == "name" and subject.end <= toks[v].start:
                    return after
                break
    return subject


def pronoun_is_subject(toks: list[Token], i: int, k: int) -> tuple[bool, int]:
    """Whether the pronoun at ``i``, its phrase ending at ``k``, is surely the subject before a
    colon, and where its verb is looked for: ``Er selbst sagte:`` (past ``selbst``), ``Er, der
    seit 2001 im Amt ist, sagte:`` (past the relative clause), ``Er ist sich sicher:`` (any
    singular verb right after ``er``/``sie``)."""
    if k >= len(toks):
        return False, k
    if toks[k].low == "selbst":
        return False, k + 1
    if toks[k].text == "," and k + 1 < len(toks) and toks[k + 1].low in RELATIVES:
        close = next((m for m in range(k + 2, min(len(toks), k + 30)) if toks[m].text == ","), None)
        return close is not None and close + 1 < len(toks) and verb_at(toks, close + 1, "de") > 0, k
    if k == i + 1 and (toks[k].text[:1].islower() or toks[k].text == ",") \
            and singular_pronoun_verb(toks[i], toks[k]):
        return True, k
    return False, k


def pronoun_after_fronted_phrase(toks: list[Token], i: int) -> Mention | None:
    """``Nach dem Spiel war er zufrieden:``: a fronted prepositional phrase, then the verb and
    its pronoun; else None."""
    if i >= len(toks) or toks[i].low not in PREPOSITIONS:
        return None
    for k in range(i + 2, min(len(toks), i + 10)):
        if toks[k].text == ",":
            break
        if toks[k].low in ("er", "sie") and singular_pronoun_verb(toks[k], toks[k - 1]):
            return Mention(toks[k].text, "pronoun", None, toks[k].start, toks[k].end)
    return None


# finite verbs of the German subjunctive I, the mood of reported speech
_REPORTED = re.compile(r"\b(?:sei|seien|habe|werde|könne|müsse|dürfe|solle|wolle|gebe|liege|stehe|gehe|"
                       r"sehe|wisse|komme|bleibe|halte|brauche)\b")
# adverbs that point back to a text named in the sentence before
_THERE = re.compile(r"\b(?:dort|darin|ebenda)\b")

GRAMMAR = Grammar(
    statement_after=statement_after,
    said_after=said_after,
    according_to=according_to,
    place_source=place_source,
    cited_person=cited_person,
    speaker_of_embedded=speaker_of_embedded,
    source_after_es=source_after_es,
    es_source=es_source,
    for_whom=for_whom,
    nouns_capitalised=True,
    verb_second=True,
    speech_verb_at=speech_verb_at,
    stands_for_person=stands_for_person,
    addresses_reader=addresses_reader,
    skip_prepositional=skip_prepositional,
    after_quote=after_quote,
    name_in_speaker_slot=name_in_speaker_slot,
    subject_first_after_quote=subject_first_after_quote,
    subject_before_colon=subject_before_colon,
    pronoun_is_subject=pronoun_is_subject,
    pronoun_after_fronted_phrase=pronoun_after_fronted_phrase,
    nominalised_subject=nominalised_subject,
    inverted_pronoun=inverted_pronoun,
    pronoun_subject=pronoun_subject,
    reported_speech=_REPORTED,
    pointing_back=_THERE,
)
"""German's own finders (see :mod:`.grammar`)."""
