"""Where the speaker stands in a clause: speech verbs, the phrase after a verb, the subject
before one. Shared by the finders of every language."""

from __future__ import annotations

import re

from audio_edition import languages
from audio_edition.attribution import grammar
from audio_edition.attribution.lexicon import (
    ALL_PRONOUNS,
    ALL_VERBS,
    CONJUNCTIONS,
    DETERMINERS,
    FUNCTION_WORDS,
    NOMINAL,
    NOT_FINITE_VERBS,
    NP_STOP,
    PARTITIVES,
    PERSON_PLURALS,
    PREPOSITIONS,
    RELATIVES,
    TIME_WORDS,
    VERBS,
    VERBS_AND_EN,
)
from audio_edition.attribution.nouns import Mention, NameBook, parse_np
from audio_edition.attribution.tokens import is_cap, Token, tokenize



def verb_at(toks: list[Token], i: int, lang: str) -> int:
    """Returns the index past a speech verb at token ``i``, else -1: a verb of the language's
    list (or English), an auxiliary and its participle (``ha detto``, ``a dit``), or a shape of
    the language's own grammar (:attr:`.grammar.Grammar.speech_verb_at`)."""
    if i >= len(toks):
        return -1
    own = grammar.of(lang).speech_verb_at(toks, i)
    if own > 0:
        return own
    low = toks[i].low
    aux = languages.get(lang).auxiliaries
    if low in aux and i + 1 < len(toks) and toks[i + 1].low in VERBS.get(lang, ()):
        return i + 2  # "ha detto", "heeft gezegd": the participle after the auxiliary
    if low in VERBS_AND_EN.get(lang, VERBS_AND_EN["de"]):
        if low == "according" and i + 1 < len(toks) and toks[i + 1].low == "to":
            return i + 2
        return i + 1
    return -1


_SKIP_AFTER_VERB = {"sich", "auch", "dazu", "jedoch", "gestern", "heute", "damals", "weiter",
                    "zudem", "ebenfalls", "noch", "nun", "dann", "also", "then", "later", "dem",
                    "den", "am", "im", "bei", "beim", "in", "gegenüber", "zufolge", "einst"}


def np_after(text: str, toks: list[Token], j: int, lang: str, window: int = 6,
              book: NameBook | None = None) -> Mention | None:
    """Returns the first speaker phrase within ``window`` tokens from ``j``, skipping adverbials."""
    own = grammar.of(lang)
    k = j
    limit = min(len(toks), j + window)
    while k < limit:
        t = toks[k]
        if t.text in "„»\"“" and k == j and own.nouns_capitalised:
            # a publication in marks right after the verb: "schrieb „Der Landbote“"
            mention, _ = parse_np(text, toks, k, lang, book)
            return mention if mention is not None and mention.kind == "name" else None
        if t.text in ".!?;:„“”\"«»":
            return None
        mention, _ = parse_np(text, toks, k, lang, book)
        if mention is not None and not (k > j and toks[k - 1].low in ("dem", "den", "to", "à", "au")):
            return mention
        past = own.skip_prepositional(toks, k, limit)
        if past > k:
            k = past
            continue
        if t.low in _SKIP_AFTER_VERB or t.low in TIME_WORDS or t.text == "," or t.text[:1].islower() \
                or t.text[:1].isdigit():
            k += 1
            continue
        # a capitalised dative object such as "dem Spiegel" or a place after "in"
        if k > j and toks[k - 1].low in ("dem", "den", "der", "in", "im", "am", "to", "à", "au"):
            k += 1
            continue
        return None
    return None


_NOT_VERB_ADVERBS = {"besonders", "insbesondere", "etwa", "also", "nämlich", "sprich", "genauer",
                     "bzw", "beziehungsweise", "darunter", "zumal", "wobei", "womit", "eben", "gerade",
                     "dagegen", "hingegen", "stattdessen", "ebenso", "sowohl", "weder", "entweder",
                     "vielleicht", "wohl", "genau", "lediglich", "bloß", "selbst", "sogar", "allen",
                     "vor", "einst", "heute", "damals", "einmal", "immer", "ganz", "mal", "sagen"}


def verb_ends_clause(text: str, toks: list[Token], at: int, lang: str) -> bool:
    """Whether a speech verb follows offset ``at`` within a few words and before the clause ends
    (``wie der Trainer am Montag sagte,``)."""
    for k, t in enumerate(toks):
        if t.start < at:
            continue
        if t.text in ",.;:!?„“\"»«" or k - next(n for n, x in enumerate(toks) if x.start >= at) > 6:
            return False
        if verb_at(toks, k, lang) > 0:
            return True
    return False


def finite_verb_like(tok: Token) -> bool:
    """Whether ``tok``, the first word after the comma that follows a quote, can be the finite
    verb of an inverted main clause (``strich``, ``ließ``, ``hat``): a lower-case word that is no
    conjunction, relative pronoun, article, preposition or adverb (``, weil``, ``, die``, ``, und``)."""
    low = tok.low
    return tok.text.isalpha() and tok.text[:1].islower() and len(low) >= 2 \
        and low not in NOT_FINITE_VERBS | RELATIVES | DETERMINERS | CONJUNCTIONS | PREPOSITIONS \
        and low not in NP_STOP | FUNCTION_WORDS | _NOT_VERB_ADVERBS | TIME_WORDS \
        and not re.search(r"(lich|ig|isch|weise|mals|end|ens)$", low)


def subject_right_after(text: str, toks: list[Token], k: int, lang: str,
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


def plausible_subject(mention: Mention, toks: list[Token], i: int, book: NameBook | None) -> bool:
    """Whether a phrase at the start of a sentence is a speaker and not a capitalised adverb."""
    if mention.kind != "name" or book is None:
        return True
    words = (mention.name or mention.text).split()
    if len(words) >= 2 or i > 0 and toks[i - 1].low in DETERMINERS:
        return True
    return book.is_name(words[0])


def bare_name(tok: Token, book: NameBook | None = None) -> bool:
    """Whether a capitalised word without an article, next to a speech verb, reads as a name
    (``Wiedeking sagte:``) rather than an adverb, a participle or a noun (``Abschließend sagte``,
    ``Besorgt äußerte sich``)."""
    low = tok.low
    if book is not None and low in book.lower:
        return False
    if re.match(r"(ge|be|ver|er|ent|zer|über|un)\w+(t|en)$", low):
        return False  # participles and adjectives: besorgt, erfreut, verärgert, ungehalten
    return is_cap(tok) and low not in FUNCTION_WORDS and low not in NP_STOP \
        and low not in TIME_WORDS and low not in DETERMINERS and low not in ALL_PRONOUNS \
        and not NOMINAL.search(low) and not re.search(r"(end|lich|weise|ens|falls|mals)$", low)


def opens_subject(toks: list[Token], i: int, s: int) -> bool:
    """Whether the phrase at ``s`` can be the subject of a clause: it follows a conjunction
    (``… und Minister X sagte``), or an article whose modifiers reach up to it from the start of
    a clause (``und der als Gegner bekannte Unternehmer X rief``)."""
    if toks[s - 1].low in CONJUNCTIONS:
        return True
    for d in range(s - 1, max(i, s - 12) - 1, -1):
        t = toks[d]
        if t.text in ".!?;:„“”\"»«" or t.low in ALL_VERBS and t.low not in DETERMINERS:
            return False
        if t.low in ("der", "die", "ein", "eine") and (d == i or toks[d - 1].text == ","
                                                         or toks[d - 1].low in CONJUNCTIONS):
            return d < s - 1 and toks[s - 1].text[:1].islower()
    return False


def group_subject(clause: str, toks: list[Token], s: int) -> tuple[Mention | None, int]:
    """Parses a group or one of a group as a subject: ``Einer der 13 beteiligten
    Feuerwehrmänner``, ``Viele Anwohner``, ``die Sanitäter``. Returns the mention (the phrase as
    written, without a leading definite article) and the index past it, or (None, s)."""
    k = s
    if toks[k].low in PARTITIVES and k + 1 < len(toks) and toks[k + 1].low in ("der", "von"):
        k += 2
    elif toks[k].low in DETERMINERS or toks[k].low in PARTITIVES:
        k += 1
    while k < len(toks) and (toks[k].text[:1].islower() or toks[k].text.isdigit()) \
            and toks[k].low not in ALL_VERBS and toks[k].low not in NP_STOP and k - s < 6:
        k += 1
    if k >= len(toks) or not is_cap(toks[k]) or not PERSON_PLURALS.search(toks[k].low):
        return None, s
    start = s + 1 if toks[s].low in ("der", "die", "das", "den") else s
    return Mention(clause[toks[start].start:toks[k].end], "role", None, toks[s].start, toks[k].end), k + 1


def singular_pronoun_verb(pronoun: Token, verb: Token) -> bool:
    """Whether ``pronoun`` (er, sie) and ``verb`` beside it read as a singular subject and its
    finite verb: ``er ist``, ``war er``, ``sie bleibt``; not ``sie sind`` or ``lobten sie``
    (plural, or ``sie`` the object)."""
    if pronoun.low not in ("er", "sie") or not finite_verb_like(verb):
        return False
    return pronoun.low == "er" or not (verb.low.endswith("en") or verb.low in ("sind", "waren"))


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
            if k + 1 < len(toks) and toks[k].text == "," and toks[k + 1].low in RELATIVES:
                # "Wie Ulrike Sandmann, die den Verein berät, dazu feststellt, …"
                m = k + 1
                while m < len(toks) and m - k < 40 and (toks[m].text not in ",.!?;:"
                                                         or toks[m].text == "." and toks[m - 1].text.isdigit()):
                    m += 1
                if m < len(toks) and toks[m].text == ",":
                    k = m + 1
            start = k
            while k < len(toks) and k - start < 8 and verb_at(toks, k, lang) < 0 and toks[k].text not in ".!?":
                k += 1
            if k < len(toks) and verb_at(toks, k, lang) > 0:
                return mention
    mention, k = parse_np(sentence, toks, i, lang, book)
    if mention is not None and mention.kind != "pronoun" and k < len(toks) \
            and plausible_subject(mention, toks, i, book):
        if k < len(toks) and toks[k].text == ",":
            # skip an apposition: "Sadiq Khan, einer der Abgeordneten, verurteilte …"
            m = k + 1
            while m < len(toks) and m - k < 12 and toks[m].text != ",":
                m += 1
            if m < len(toks) - 1 and toks[m].text == "," and not toks[k + 1].text[:1].islower():
                k = m + 1
            else:
                k += 1
        j = verb_at(toks, k, lang)
        if j > 0 and toks[k].low not in ("so",) or any_verb and toks[k].text[:1].islower():
            return mention
    for v in range(min(len(toks), 12)):
        j = verb_at(toks, v, lang)
        if j > 0 and toks[v].low not in ("so", "heißt", "hieß", "gab", "gibt", "sah", "sieht", "fand",
                                          "findet", "macht", "machte", "stellt", "stellte"):
            found = np_after(sentence, toks, j, lang, window=5, book=book)
            if found is not None and found.kind != "pronoun":
                return found
            return None
    return None
