"""Noun phrases that name a speaker, reduced to the name in them, and the book of names met in an
article (a bare last name is completed from it)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from audio_edition.attribution import grammar
from audio_edition.attribution.lexicon import (
    ADJECTIVAL,
    ALL_VERBS,
    CONTRACTED,
    DETERMINERS,
    FUNCTION_WORDS,
    HONORIFICS,
    NOMINAL,
    NP_STOP,
    PERSON_PLURALS,
    STATEMENT_NOUNS,
    TIME_WORDS,
    is_document,
    is_first_name,
    is_role,
    is_speaker_noun,
    pronouns,
)
from audio_edition.attribution.tokens import is_cap, Token, tokenize


_GENITIVE = {"des", "der", "eines", "einer", "of", "de", "du", "des", "d", "from", "for", "at",
             "von", "vom", "bei", "beim"}

_NAME_PARTICLES = {"von", "van", "de", "der", "den", "zu", "al", "el", "bin", "ibn", "ben", "da",
                   "di", "du", "del", "della", "dos", "le", "la", "ter", "ten", "vom", "zur", "y",
                   "st.", "mc", "o’", "d’"}

# Particles that are also articles join a name only after another particle: "van der", "de la".
_ARTICLE_PARTICLES = {"der", "den", "la", "le", "y"}


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
        if is_cap(t) and t.low not in NP_STOP and t.low not in TIME_WORDS:
            j += 1
        elif t.low in _NAME_PARTICLES and j > i and j + 1 < len(toks) and is_cap(toks[j + 1]) \
                and toks[j + 1].low not in TIME_WORDS and t.text[:1].islower() \
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
        if is_role(w) or w.lower().rstrip(".") in HONORIFICS:
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
    if words[0].lower() in FUNCTION_WORDS:
        return False
    # German nouns and adjectives at the start of a sentence: "Jegliche Mitverantwortung"
    return not any(NOMINAL.search(w.lower()) for w in words) and not ADJECTIVAL.search(words[0].lower())
# adverbs elsewhere, adjectives after an article: "im letzten Absatz"
_ORDER_ADJECTIVES = {"letzte", "letzten", "vergangene", "vergangenen"}


# Words that point back to a person named before; the labelled news set writes them as the
# speaker, like a personal pronoun.
_PARTICIPLE_ADVERBS = {"gestern", "vorgestern", "heute", "kürzlich", "zuvor", "eigens", "erst", "bereits"}


def _skip_participle_adverb(toks: list[Token], j: int) -> int:
    """Returns the index past an adverb of time that modifies a participle after an article
    (``einer gestern verbreiteten``, ``der am Montag veröffentlichten``), else ``j``."""
    k = j
    if k < len(toks) and toks[k].low in _PARTICIPLE_ADVERBS:
        k += 1
    elif k + 1 < len(toks) and toks[k].low == "am" and toks[k + 1].low in TIME_WORDS:
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
    own = grammar.of(lang)
    caps = own.nouns_capitalised
    if own.stands_for_person(toks, i):
        # "„…“, so letztere." / "sagte dieser:" / "Dieser betonte:": kept as written, like "er"
        return Mention(t.text, "pronoun", None, t.start, t.end), i + 1
    if t.low in pronouns(lang) and (i + 1 >= n or not is_cap(toks[i + 1]) or t.low == "er"):
        if own.addresses_reader(toks, i):
            return None, i  # polite "Sie" in the middle of a sentence is the reader
        return Mention(t.text, "pronoun", None, t.start, t.end), i + 1
    j = i
    det = False
    if toks[j].low in DETERMINERS or toks[j].low in ("l’", "l'") or contracted and toks[j].low in CONTRACTED:
        det = True
        j += 1
    if det and caps and j < n and re.fullmatch(r"\d+-Jährige[nr]?", toks[j].text):
        # "sagte der 52-Jährige": an age used as a noun describes the speaker
        return Mention(toks[j].text, "role", None, toks[i].start, toks[j].end), j + 1
    # adjectives: lower-case words before the head ("der stellvertretende SPD-Chef")
    adj_start = j
    if det and caps:
        j = _skip_participle_adverb(toks, j)  # "einer gestern verbreiteten Erklärung"
    while j < n and j - adj_start < 3 and (toks[j].text[:1].islower() or re.match(r"\d+-[a-zäöü]", toks[j].text)) \
            and not is_cap(toks[j]) \
            and (toks[j].low not in NP_STOP or toks[j].low in _ORDER_ADJECTIVES) \
            and toks[j].low not in ALL_VERBS and re.search(r"(e|en|er|es|em|ige|ische|al|ive|ent)$", toks[j].low) \
            and det and caps:
        j += 1
    quoted = j < n and toks[j].text in "„“\"»«"
    if quoted:
        j += 1
    head_start = j
    # English/French modifiers are lower case: "council leader Owen Pritchard", "Water board
    # chair Helen Osei"; the name is the capitalised run that ends the phrase.
    if not caps and j < n:
        k = j
        last_run: tuple[int, int] | None = None
        while k < n and k - j < 6 and toks[k].low not in NP_STOP and toks[k].low not in ALL_VERBS \
                and toks[k].low not in DETERMINERS and re.match(r"\w", toks[k].text):
            if is_cap(toks[k]):
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
    if end == head_start and det and not caps:
        # "el arquitecto municipal, Jorge Salinas": a description in lower case, then the name
        # in apposition
        k = j
        while k < n and k - j < 4 and toks[k].text[:1].islower() and toks[k].low not in NP_STOP \
                and toks[k].low not in ALL_VERBS:
            k += 1
        if j < k < n - 1 and toks[k].text == ",":
            e = name_run(toks, k + 1)
            if 2 <= e - k - 1 <= 4 and (e >= n or toks[e].text in ",.;:!?") \
                    and not any(is_role(x.text) for x in toks[k + 1:e]):
                name = text[toks[k + 1].start:toks[e - 1].end]
                return Mention(name, "name", name, toks[i].start, toks[e - 1].end), e
    if end == head_start:
        return None, i
    words = [x.text for x in toks[head_start:end]]
    if not caps and end > j > head_start:
        words = [x.text for x in toks[j:end]]
    name = _split_name(words)
    kind = "name"
    known = book is not None and len(words) == 1 and book.is_last_name(words[0])
    if name is None or (det and caps and len(words) == 1 and not is_first_name(words[0])
                        and not (known and j > adj_start)) \
            or (name and all(is_role(w) for w in name.split())) \
            or (caps and len(words) == 1 and (book is None or not book.is_name(words[0]))
                and PERSON_PLURALS.search(words[0].lower())):
        name, kind = None, "role"
    if kind == "name" and not det and not quoted and book is not None and not is_name_like(name or "", book):
        return None, i
    j = end
    if quoted and j < n and toks[j].text in "“”\"«»":
        j += 1
        if kind == "role" and len(words) >= 1:
            kind, name = "name", " ".join(words)
    if kind == "role" and caps and words[-1].lower() in STATEMENT_NOUNS:
        # "so das Fazit der Betreiber von X", "nach Ansicht des Gerichts": the complement speaks
        if j + 1 < n and toks[j].low in _GENITIVE:
            # "der Betreiber", "vom Verband": the article opens the complement; "von X" does not
            at = j if toks[j].low in DETERMINERS or toks[j].low in CONTRACTED else j + 1
            inner, k = parse_np(text, toks, at, lang, book, contracted=toks[j].low in CONTRACTED)
            if inner is not None and inner.kind != "pronoun":
                return Mention(inner.text, inner.kind, inner.name, toks[i].start, inner.end), k
        return None, i
    # a noun that names no speaker ("Bruder") makes a speaker only with a name in apposition:
    # "Der ältere Bruder der Ministerin, Lothar Roth,"
    unknown_head = kind == "role" and not any(is_speaker_noun(w) for w in words)
    if unknown_head and not det:
        return None, i
    gen_at = None
    # genitive or "von"/"of" complement of a description: "Sprecher des Unternehmens"
    if kind == "role" and j + 1 < n and toks[j].low in _GENITIVE:
        gen_at = j + 1
        k = j + 1
        if k < n and toks[k].low in DETERMINERS:
            k += 1
        while k < n and toks[k].text[:1].islower() and toks[k].low not in NP_STOP and k - j < 4 \
                and toks[k].low not in ALL_VERBS:
            k += 1
        k2 = name_run(toks, k)
        if k2 > k:
            j = k2
            tail = [x.text for x in toks[k + 1:k2]]
            if tail and is_first_name(tail[0]) and len(tail) >= 2:
                # "Abgeordneter des Kreistags Malte Isenbeck": the name closes the complement
                name, kind = " ".join(tail), "name"
        elif k > j + 1 and (toks[k - 1].low not in DETERMINERS) and not caps:
            j = k
    if kind == "role" and gen_at is not None and j > gen_at and caps and is_document(words[-1]):
        # the author of a document is the speaker: "Pressemitteilung des CCC" is the CCC
        inner, k = parse_np(text, toks, gen_at, lang, book)
        if inner is not None and inner.kind != "pronoun" and k <= j:
            return Mention(inner.text, inner.kind, inner.name, toks[i].start, toks[j - 1].end), j
        k = gen_at + (toks[gen_at].low in DETERMINERS)
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
        if 1 <= len(words2) <= 4 and (len(words2) >= 2 or not caps) and not any(is_role(w) for w in words2) \
                and (k2 >= n or toks[k2].text in ",.;:!?()“”\"»«" or toks[k2].low in NP_STOP
                     or toks[k2].text[:1].islower()):
            name, kind, j = " ".join(words2), "name", k2
    if unknown_head and kind == "role":
        return None, i
    # a party in brackets: "Maria Lehmann (SPD)"
    if j + 2 < n and toks[j].text == "(" and toks[j + 2].text == ")":
        j += 3
    phrase = text[toks[head_start].start:toks[j - 1].end].strip(" ,")
    if kind == "role" and phrase.lower() in HONORIFICS:
        return None, i
    return Mention(phrase, kind, name, toks[i].start, toks[j - 1].end), j


# --- name book ------------------------------------------------------------------------------

@dataclass
class NameBook:
    """The full names met in an article, to complete a later bare last name."""

    full: list[str] = field(default_factory=list)
    """Full names (two or more words) in order of first mention."""
    lang: str = "de"
    """Language of the article: where not every noun is capitalised (outside German), a
    capitalised word in mid-sentence is a name."""
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
        caps = grammar.of(self.lang).nouns_capitalised
        i = 0
        while i < len(toks):
            t = toks[i]
            if i and is_cap(t) and t.low not in DETERMINERS and t.low not in NP_STOP:
                prev = toks[i - 1]
                if prev.low in ALL_VERBS or is_role(prev.text) and is_cap(prev) \
                        or not caps and prev.text[:1].islower() and prev.low not in DETERMINERS:
                    self.evidence.add(t.text)
            if not caps and i and is_cap(t) and toks[i - 1].text[:1].islower() \
                    and toks[i - 1].low not in DETERMINERS:
                end = name_run(toks, i)
                run = " ".join(x.text for x in toks[i:end])
                if end - i >= 2 and self._known_with_particle(run) is None:
                    self.add(run)  # not "De Boer" again after "Pieter de Boer"
            if is_cap(t) and (is_first_name(t.text) or is_role(t.text)):
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
        known = self._known_with_particle(name)
        return known if known is not None else name

    def _known_with_particle(self, name: str) -> str | None:
        """Returns the one full name met that ``name`` ends, when ``name`` opens with a name
        particle capitalised as a sentence or a mention without the given name writes it:
        ``De Boer`` is ``Pieter de Boer``, ``Van Dijk`` is ``Anna van Dijk``; else None."""
        words = name.split()
        if len(words) < 2 or words[0].lower() not in _NAME_PARTICLES:
            return None
        tail = " " + name.lower()
        found = {f for f in self._names().by_last.get(words[-1], [])
                 if f.lower().endswith(tail) and f != name}
        return found.pop() if len(found) == 1 else None

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
