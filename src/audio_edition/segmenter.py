"""Splits an article into narrator and quote segments and names the speaker of each quote.

The pipeline per article:

1. :func:`quotes.pair_quotes` pairs the marks of every block; a quote left open at the end of a
   paragraph whose next paragraph opens with a mark again runs on over both (the English
   convention for quotes over several paragraphs).
2. :func:`_is_speech` keeps a paired span with the narrator unless it is direct speech: titles,
   single terms, scare quotes, marks glued to a compound and short embedded partial quotes stay
   with the narrator.
3. :mod:`attribution` finds the speaker: after the quote, before its colon, in the owner of a
   list of quotes, or carried over from the quote before.

Every word of the article lands in exactly one segment, in order; quote segments hold the text
between the marks, narrator segments the text as written around them.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from audio_edition import languages
from audio_edition.attribution import (
    PRONOUN_GENDER,
    according_to,
    Mention,
    NameBook,
    given_name_gender,
    inverted_pronoun,
    office_gender,
    first_name_in,
    list_owner,
    name_at_end,
    place_source,
    pronoun_subject,
    speaker_of_embedded,
    speaker_after,
    said_after,
    speaker_before,
    statement_after,
    speaker_in_sentence,
    tokenize,
)
from audio_edition.model import Article, Block, BlockKind, Role, Segment
from audio_edition.quotes import QuoteSpan, dialogue_spans, pair_quotes, starts_with_opener

log = logging.getLogger(__name__)

PARTIAL_MIN_WORDS = 6
"""Default: an embedded partial quote of at least this many words gets the quote voice."""

_WORD = re.compile(r"\w+")
# (?<!…) starts a run of marks at its first one: a long run is tried once, not from every mark
_TERMINAL = re.compile(r"(?<![.!?…])[.!?…]+[)\]]?$|\.\.\.$|\[…\]$|\(…\)$")
_SENTENCE_END = re.compile(r"[.!?…:]$")
_GLUED_AFTER = re.compile(r"^-\w")
_GLUED_BEFORE = re.compile(r"\w-$")
_TITLE_CUES = re.compile(
    r"\b(Titel[sn]?|titel|Motto|Buch(?:es|s)?|Roman[s]?|Film[s]?|Kinofilm|Dokumentation|Lied(?:es|s)?|"
    r"Song[s]?|Album[s]?|Single|Stück(?:es|s)?|Theaterstück|Serie|Sendung|Show|Magazin[s]?|"
    r"Zeitschrift|Zeitung|Blatt(?:es)?|Studie|Gesetz(?:es)?|Verordnung|Programm[s]?|Projekt[s]?|"
    r"Kampagne|Aktion|Initiative|Organisation|Bündnis(?:ses)?|Verein[s]?|Partei|Gruppe|Band|"
    r"Ausstellung|Preis(?:es)?|Auszeichnung|Wettbewerb[s]?|Namen[s]?|namens|genannt|heißt|hieß|"
    r"Spitznamen|Beinamen|Schlagzeile|Überschrift|Kolumne|Podcast|Musical[s]?|Oper|Rubrik|"
    r"Operation|Marke|Firma|Unternehmen[s]?|Restaurant[s]?|Hotel[s]?|Schiff(?:es|s)?|Mission|"
    r"Themen|Thema|Reihe|Festival[s]?|Konzept[s]?|Modell[s]?|Plan(?:es|s)?|Rede|Vortrag(?:es|s)?|"
    r"Gedicht(?:es|s)?|Werk(?:es|s)?|Hashtag|Slogan[s]?|Kategorie|Ehrentitel|Wort des Jahres|"
    r"magazine|newspaper|book|novel|film|movie|song|album|show|series|titled|entitled|called|"
    r"named|dubbed|headline|column|podcast|programme|program|campaign|play|poem|hashtag|slogan|"
    r"journal|livre|roman|chanson|émission|série|intitulée?|baptisée?|appelée?|nommée?|"
    r"surnommée?|quotidien|hebdomadaire|revue|pièce|devise|mot d'ordre)[\s:,(]*$", re.I)
_SPEECH_CUES = re.compile(
    r"\b(Worten?|Satz|Sätze[n]?|Feststellung|Aussage|Behauptung|Parole|Spr[üu]che?|Forderung|"
    r"Appell|Warnung|Fazit|Botschaft|Kommentar|Erklärung|Ruf|Rufe[n]?|wie folgt|zitiert|"
    r"words|statement|message|remarks?|mots|propos|phrase|déclaration|message)[\s:,(]*$", re.I)
_SPEECH_VERBS = (
    r"\b(sagte|sagt|erklärte|erklärt|betonte|betont|warnte|warnt|meinte|meint|kommentierte|"
    r"schrieb|schreibt|fügte|ergänzte|rief|ruft|forderte|fordert|said|says|wrote|added|told|"
    r"declared|a déclaré|a dit|déclare|explique|a expliqué|écrit|a écrit)\b")
_SPEECH_VERB_BEFORE = re.compile(_SPEECH_VERBS + r"[^.!?]{0,40}$", re.I)
_SPEECH_VERB = re.compile(_SPEECH_VERBS, re.I)
# a cue word as the genitive complement of a phrase: "der Geschäftsführer des Unternehmens"
_GENITIVE_CUE = re.compile(r"\b(?:des|eines)\s+(?:[a-zäöüß]\w*\s+){0,2}[A-ZÄÖÜ][\w\-]*\s*$")
_ARTICLE_BEFORE = re.compile(
    r"\b(der|die|das|des|dem|den|ein|eine|eines|einer|einem|einen|im|vom|zum|zur|beim|am|the|a|an|"
    r"le|la|les|du|des|au|aux|un|une)\s+(?:[a-zäöüß][\w\-]*(?:e|en|er|es|em)\s+){0,3}$", re.I)
_NOUN_BEFORE = re.compile(r"\b[A-ZÄÖÜ][\w\-]+\s*$")
_COORD_BEFORE = re.compile(r"^\s*(,|und|oder|sowie|and|or|et|ou)\s*$")
_LEADING_PUNCT = re.compile(r"^[\s,;.]+")
_ENDS_OPEN_SENTENCE = re.compile(r"(^|[.!?…:;)\]]|[.!?…]\s*[“”\"»«’'])\s*$|[–—]\s*$")


class _Who(NamedTuple):
    """Who says a quote: the mention as the text attributes it, and the person it refers to."""

    speaker: str
    """The name or description, or a pronoun as written (``er``)."""
    person: str | None
    """The person after resolution; None for a pronoun that does not resolve."""
    last: str | None = None
    """How the text names them last, when a later mention repeats ``speaker`` (the ``sie`` of
    ``X sagte: „…“, betonte sie.``); a quote that goes on takes this one."""


def _same(name: str | None) -> _Who | None:
    """Returns the speaker ``name`` as a mention that is the person itself."""
    return _Who(name, name) if name else None


@dataclass
class _Quote:
    """A stretch of one unit read in the quote voice."""

    start: int
    """Offset where the narrator text before it stops (its opening mark)."""
    end: int
    """Offset where the narrator text after it resumes (past its closing mark)."""
    inner_start: int
    """Offset of the first quoted character."""
    inner_end: int
    """Offset past the last quoted character."""
    who: _Who | None = None
    """Who says it, or None when the text names no one."""

    @property
    def speaker(self) -> str | None:
        """The mention as written, or None."""
        return self.who.speaker if self.who else None

    @property
    def person(self) -> str | None:
        """The resolved person, or None."""
        return self.who.person if self.who else None


@dataclass
class _Unit:
    """The title, the teaser or one body block, with what the segmenter learns about it."""

    index: int
    """-2 for the title, -1 for the teaser, else the index into ``article.blocks``."""
    kind: BlockKind
    """The kind of block."""
    text: str
    """Its text."""
    block: Block | None = None
    """The block itself, for the author's overrides; None for title and teaser."""
    spans: list[QuoteSpan] = field(default_factory=list)
    """Top-level closed quote spans."""
    unclosed: list[QuoteSpan] = field(default_factory=list)
    """Openers left unclosed at the end of the unit, outermost first."""
    quotes: list[_Quote] = field(default_factory=list)
    """The spans read in the quote voice, in order."""


@dataclass
class _State:
    """What the segmenter remembers while it walks through an article."""

    names: NameBook
    """Full names met in the article."""
    lang: str
    """Language code."""
    last_speaker: str | None = None
    """The speaker of the most recent attributed quote or reported sentence."""
    last_speaker_unit: int = -99
    """The unit where ``last_speaker`` was set."""
    last_who: _Who | None = None
    """How the text named ``last_speaker`` (``er`` for a resolved pronoun), handed on with it."""
    prev_text: str = ""
    """The text of the unit before the current one."""
    list_owner: _Who | None = None
    """The person a list of quotes belongs to (``Zitate von Anna Beispiel:``)."""
    attributed: list[str] = field(default_factory=list)
    """Every speaker found, in order, to pick the main speaker of the article."""
    text: str = ""
    """The whole article, where the gender of a person is looked up."""
    genders: dict[str, str | None] = field(default_factory=dict)
    """The gender found for each person (``f``, ``m`` or None when unknown or contradictory)."""
    tokens: list | None = None
    """The tokens of ``text``, once something needs them."""
    token_at: dict[str, list[int]] = field(default_factory=dict)
    """Each token text of ``tokens`` -> where it stands."""


def segment(article: Article, lang: str, *, partial_min_words: int | None = PARTIAL_MIN_WORDS,
            resolve_pronouns: bool = True,
            progress: Callable[[int], None] | None = None) -> list[Segment]:
    """Returns the segments of ``article`` in reading order.

    ``partial_min_words``: an embedded partial quote (a few quoted words that are part of the
    narrator's sentence) gets the quote voice only when it has at least this many words; None
    keeps every partial quote with the narrator. A quote attributed to ``er``/``she``/``il`` keeps
    the pronoun as its ``speaker``; its ``person`` is the person the pronoun unambiguously means
    (see :func:`_antecedent`), else None; ``resolve_pronouns=False`` leaves it None.
    ``progress(block)`` is called as each block is reached, with its index (-2 the title, -1
    the teaser): a caller can stop a segmentation that takes too long and name the paragraph.
    """
    lang = languages.base_code(lang) or "de"
    units = [_Unit(-2, BlockKind.TITLE, article.title)]
    if article.teaser:
        units.append(_Unit(-1, BlockKind.TEASER, article.teaser))
    units += [_Unit(i, b.kind, b.text, b) for i, b in enumerate(article.blocks)]
    state = _State(NameBook(lang=lang), lang, text="\n\n".join(u.text for u in units))
    for u in units:
        if progress is not None:
            progress(u.index)
        state.names.scan(u.text)
        u.spans, u.unclosed = pair_quotes(u.text, lang)
        if u.kind is not BlockKind.TITLE and not u.unclosed:
            # a line of dialogue: its spoken parts, unless marks already quote what it says
            lines = dialogue_spans(u.text, lang)
            if lines and not any(s.start < d.end and d.start < s.end
                                 for s in u.spans for d in lines):
                u.spans = sorted([*u.spans, *lines], key=lambda sp: sp.start)

    multi = _chain_paragraphs(units, lang)
    for pos, u in enumerate(units):
        if u.kind is BlockKind.TITLE:
            continue
        if progress is not None:
            progress(u.index)
        _find_quotes(u, pos, units, multi, state, partial_min_words, resolve_pronouns)
        _remember_owner(u, state)
        state.prev_text = u.text
    _assign_teaser(units, state)

    out: list[Segment] = []
    for u in units:
        out.extend(_segments(u))
    return out


# --- multi-paragraph quotes -----------------------------------------------------------------

def _chain_paragraphs(units: list[_Unit], lang: str) -> dict[int, tuple[int, int, bool]]:
    """Finds quotes that run over several paragraphs.

    Returns ``{unit position: (start offset, end offset, closes here)}`` for each paragraph of
    such a quote. A chain counts only when its last paragraph closes the quote.
    """
    out: dict[int, tuple[int, int, bool]] = {}
    body = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)
    pos = 0
    while pos < len(units):
        u = units[pos]
        if u.kind not in body or not u.unclosed or pos in out:
            pos += 1
            continue
        opener = u.unclosed[0]
        chain = {pos: (opener.open_at, len(u.text), False)}
        nxt = pos + 1
        closed = False
        while nxt < len(units) and units[nxt].kind in body:
            v = units[nxt]
            lead = starts_with_opener(v.text, opener.family, lang)
            if not lead:
                break
            if v.spans and v.spans[0].inner_start == lead:
                chain[nxt] = (v.spans[0].start, v.spans[0].end, True)
                closed = True
                break
            if v.unclosed and v.unclosed[0].inner_start == lead:
                chain[nxt] = (v.unclosed[0].open_at, len(v.text), False)
                nxt += 1
                continue
            break
        if closed:
            out.update(chain)
            pos = max(chain) + 1
        else:
            pos += 1
    return out


# --- speech or not --------------------------------------------------------------------------

def _words(text: str) -> int:
    return len(_WORD.findall(text))


CONTEXT_CHARS = 400
"""How far back the cues that end right before a quote are looked for (an article, a title
word, a speech verb, the end of a sentence). Each such cue is a few words long; searching the
whole paragraph before every quote made a paragraph of thousands of quotes quadratic."""


def _tail(before: str, size: int = CONTEXT_CHARS) -> str:
    """Returns the end of ``before``: at most ``size`` characters starting at a word, and the
    whitespace after them, so that a regex anchored at the end (``…$``) finds what it finds in
    the whole text."""
    if len(before) <= size:
        return before
    text = before.rstrip()
    cut = text[-size:]
    space = re.search(r"\s", cut) if len(text) > size else None
    return (cut[space.end():] if space else cut) + before[len(text):]


def _sentence_start(before: str) -> bool:
    """Whether a quote after ``before`` starts a sentence (or follows a colon or dash)."""
    stripped = before.rstrip()
    return not stripped or bool(_ENDS_OPEN_SENTENCE.search(_tail(stripped)))


def _is_speech(text: str, span: QuoteSpan, prev_speech: _Quote | None, prev_span: QuoteSpan | None,
               prev_was_title: bool, lang: str, partial_min_words: int | None,
               after_speaker: bool) -> bool:
    """Decides whether a paired span is direct speech, read in the quote voice.

    Titles, single terms, scare quotes, compounds and short embedded partial quotes are not.
    """
    inner = span.inner(text)
    n = _words(inner)
    if n == 0:
        return False
    before = _tail(text[:span.start])
    after = text[span.end:span.end + CONTEXT_CHARS]
    if _GLUED_AFTER.match(after) or _GLUED_BEFORE.search(before):
        return False  # „Work-Life-Balance“-Debatte
    stripped_before = before.rstrip()
    title_cue = bool(_TITLE_CUES.search(stripped_before))
    colon = stripped_before.endswith(":")
    first_alpha = next((c for c in inner if c.isalpha()), "")
    lower = first_alpha.islower()
    terminal = bool(_TERMINAL.search(inner.rstrip(" \u00a0\u202f")))
    after_s = after.lstrip()
    ends_sentence = not after_s or after_s[0] in ".!?…(" or after_s[0] in "„“”\"«»‚‘'–—-"
    # An interrupted quote: „A“, sagt X, „B“ — the second part continues the first.
    if prev_speech is not None and prev_span is not None:
        between = text[prev_span.end:span.start]
        if _interruption(between):
            return True
    if title_cue and not colon:
        return False
    if prev_was_title and prev_span is not None and _COORD_BEFORE.match(text[prev_span.end:span.start]):
        return False  # a list of titles: „A“, „B“ oder „C“
    if _sentence_start(before):
        if after_speaker and not (n == 1 and lower):
            return True
        if colon:
            clause = _clause_before(text, span.start)
            told = title_cue and terminal and n >= 4 and (
                _SPEECH_VERB_BEFORE.search(clause)
                # "sagte X, der Geschäftsführer des Unternehmens:": the cue is a genitive
                # complement of the speaker's apposition, no title announced
                or _GENITIVE_CUE.search(clause) and _SPEECH_VERB.search(clause))
            if title_cue and not told \
                    or re.search(r"\b(auf Deutsch|übersetzt|deutsch|English|in English|en français)\W*$", clause, re.I):
                return False  # "trägt den Titel:", but not "sagte der Zeitschrift:"
            if terminal or _SPEECH_VERB_BEFORE.search(clause) or n >= 4:
                return True
            return False
        if terminal and n >= 2:
            return True
        if ends_sentence and n >= 3 and not lower and (terminal or "," in inner or n >= _threshold(partial_min_words)):
            return True
        if not ends_sentence and not terminal:
            # „Resilienz“ ist das Wort des Jahres: the quote is a noun in the narrator's sentence
            return _partial(inner, n, before, lower, terminal, lang, partial_min_words, after_speaker)
        return n >= 2 and (terminal or after_speaker)
    return _partial(inner, n, before, lower, terminal, lang, partial_min_words, after_speaker)


def _interruption(between: str) -> bool:
    """Whether the narrator text between two quotes only names the speaker: „A“, sagt X, „B“."""
    return 0 < _words(between) <= 8 and not re.search(r"[.!?:;]", between) and bool(re.search(r",\s*$", between))


def _threshold(value: int | None) -> int:
    """Returns the partial-quote threshold, with None meaning "never"."""
    return value if value is not None else 10**9


def _partial(inner: str, n: int, before: str, lower: bool, terminal: bool, lang: str,
             partial_min_words: int | None, after_speaker: bool) -> bool:
    """Decides an embedded quote: only long ones that read as speech get the quote voice."""
    if partial_min_words is None or n < partial_min_words:
        return False
    stripped = before.rstrip()
    if _SPEECH_CUES.search(stripped) or _SPEECH_VERB_BEFORE.search(stripped[-30:]):
        return True
    if lower:
        return True
    if _ARTICLE_BEFORE.search(stripped + " "):
        return False  # der „Oberste Rat zur Wiederherstellung der Demokratie“: a name
    if lang == "de" and _NOUN_BEFORE.search(stripped) and not stripped.endswith(","):
        return False  # die Gewerkschaft „Öffentliche Dienste, Transport und Verkehr“
    return terminal or "," in inner or after_speaker


def _clause_before(text: str, at: int) -> str:
    """Returns the text of the sentence before offset ``at``, up to the last sentence end."""
    head = text[:at].rstrip()
    if head.endswith(":"):
        head = head[:-1]
    # Look for the last clause end in a window at the end, widened until one is found: a
    # paragraph of thousands of quotes must not be searched from its start before every quote.
    size = 4 * CONTEXT_CHARS
    while True:
        start = max(0, len(head) - size)
        cut = None
        for m in _CLAUSE_END.finditer(head, start):  # lookbehinds still see the text before
            if not (head[m.start() - 1:m.start()].isdigit() and _MONTH.match(head, m.end())):
                cut = m.end()
        if cut is not None or start == 0:
            return head[cut or 0:].strip()
        size *= 4


# a colon inside ends a clause too: "… kritisierte das Gesetz: So sagte X, Y:" is introduced by Y
_CLAUSE_END = re.compile(r"[.!?…]['\"“”»«’)]*\s+(?=[A-ZÄÖÜ„“\"«»])|[“”\"»«]\s+(?=[A-ZÄÖÜ])|:\s+(?=[A-ZÄÖÜ])")


# "am 20. August": the full stop of an ordinal before a month ends no sentence
_MONTH = re.compile(r"(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|"
                    r"Oktober|November|Dezember)\b")


# --- attribution ----------------------------------------------------------------------------

def _label(mention: Mention | None, state: _State, unit_pos: int, before_text: str,
           resolve_pronouns: bool, after_text: str = "") -> _Who | None:
    """Returns who ``mention`` names: a full name or a description, which is the person too, or a
    pronoun as written with the person it refers to (None when that is not clear)."""
    if mention is None:
        return None
    if mention.kind == "pronoun":
        person = _antecedent(mention.text, before_text, after_text, state, unit_pos) \
            if resolve_pronouns else None
        return _Who(mention.text, person)
    if mention.name:
        full = state.names.resolve(mention.name)
        state.names.add(full)
        return _same(full)
    if mention.kind == "role":
        # "der Bundestrainer" after "Bundestrainer Christian Prokop": the office is the mention
        return _Who(mention.text, state.names.holder(mention.text, state.text) or mention.text)
    return _same(mention.text)


_HONORIFIC_GENDER = {**{w: "f" for w in ("frau", "mrs", "ms", "miss", "madame", "mme", "mlle", "lady", "dame")},
                     **{w: "m" for w in ("herr", "herrn", "mr", "monsieur", "sir", "lord")}}
_SENTENCES = re.compile(r"(?<=[.!?…])[“”\"»«’']*\s+(?=[„“\"«»‘A-ZÄÖÜÉÈ])")
_PLURAL_SIE = re.compile(r"^[\s,–—]*\w+(?:ten|en)\s+sie\b|^[\s,–—]*sie\s+\w+(?:ten|en)\b")


def _gender(state: _State, person: str) -> str | None:
    """Returns ``f`` or ``m`` for ``person`` when the article or the given name shows it and
    nothing contradicts it, else None."""
    if person in state.genders:
        return state.genders[person]
    votes = set()
    given = given_name_gender(person, state.lang)
    if given:
        votes.add(given)
    toks, where = _article_tokens(state)
    words = person.split()
    n = len(words)
    # only where the name ends or its last word stands: the article is tokenized once
    lasts = where.get(words[-1], ())
    for k in sorted({j - n + 1 for j in lasts if j >= n - 1} | set(lasts)):
        if [t.text for t in toks[k:k + n]] == words:
            end = k + n
        elif n >= 2 and toks[k].text == words[-1] and not (k and toks[k - 1].text in words):
            end = k + 1  # the last name alone
        else:
            continue
        # before the name: an honorific or an office, with its article ("die Sprecherin der
        # Fraktion, Sandra Boll"); stop at a sentence end or another name
        for b in range(k - 1, max(-1, k - 6), -1):
            t = toks[b]
            if t.text in ".!?:;“”„\"«»":
                break
            if t.low in _HONORIFIC_GENDER:
                votes.add(_HONORIFIC_GENDER[t.low])
                break
            g = office_gender(t.text, toks[b - 1].low if b else "")
            if g is not None:
                votes.add(g)
                break
            if b < k - 1 and t.text != "," and t.text[:1].isupper() and state.names.is_name(t.text):
                break
        # after the name: an apposition ("Sandra Boll, Sprecherin der Fraktion")
        if end + 1 < len(toks) and toks[end].text == ",":
            a = end + 1
            det = ""
            if toks[a].low in ("die", "der", "la", "le", "the"):
                det, a = toks[a].low, a + 1
            if a < len(toks):
                g = office_gender(toks[a].text, det)
                if g is not None:
                    votes.add(g)
    gender = votes.pop() if len(votes) == 1 else None
    state.genders[person] = gender
    return gender


def _article_tokens(state: _State) -> tuple[list, dict[str, list[int]]]:
    """Returns the tokens of the whole article and, for each token text, where it stands."""
    if state.tokens is None:
        state.tokens = tokenize(state.text)
        state.token_at = {}
        for k, t in enumerate(state.tokens):
            state.token_at.setdefault(t.text, []).append(k)
    return state.tokens, state.token_at


def _mentioned(window: str, state: _State) -> Iterator[str]:
    """Yields the persons named in ``window``, most recent first, each once (lazily: a word
    such as a common first name can stand for hundreds of the people an article names)."""
    out: set[str] = set()
    for t in reversed(tokenize(window)):
        people = state.names.with_word(t.text)
        if not people and state.last_speaker and t.text == state.last_speaker:
            people = [state.last_speaker]  # a speaker known by last name only
        for p in people:
            if p not in out:
                out.add(p)
                yield p


def _last_sentences(text: str, count: int) -> list[str]:
    """Returns the last ``count`` sentences of ``text`` (fewer when it has fewer), read from a
    window at its end that is widened until it holds them all."""
    size = 4 * CONTEXT_CHARS
    while True:
        window = text[-size:]
        sentences = _SENTENCES.split(window)
        if len(window) == len(text) or len(sentences) > count:
            return sentences[-count:]
        size *= 4


_POSSESSIVE = re.compile(r"^(sein|ihr|his|her|son|sa|ses)(e|en|em|er|es)?$", re.I)


def _possessed(person: str, toks: list) -> bool:
    """Whether every mention of ``person`` in the tokens ``toks`` belongs to someone else: ``mit
    seinen Kollegen Edwin Aldrin und Michael Collins``, ``his lawyer Tom Reed``. Such a person
    is no antecedent of the pronoun that owns them."""
    last = person.split()[-1]
    seen = False
    for k, t in enumerate(toks):
        if t.text != last:
            continue
        seen = True
        owned = False
        lower = 0  # "son collègue Pierre Lacombe", "his colleagues Edwin Marlow and Peter Quist"
        for b in range(k - 1, max(-1, k - 9), -1):
            word = toks[b]
            if _POSSESSIVE.match(word.text):
                owned = True
                break
            if word.text[:1].islower() and word.low not in ("und", "and", "et"):
                lower += 1
            if word.text in ".!?:;„“”\"»«" or lower > 2:
                break
        if not owned:
            return False
    return seen


# demonstratives that point back to the person named last, with the gender they ask for
_POINTING_BACK = {"letztere": "f", "letzterer": "m", "diese": "f", "dieser": "m", "jene": "f",
                  "jener": "m", "die": "f", "der": "m"}


def _antecedent(pronoun: str, before_text: str, after_text: str, state: _State, unit_pos: int) -> str | None:
    """Returns the person a pronoun means, or None when that is not clear.

    The candidates are the persons named in the sentence of the quote and the two before it
    (across the paragraph break when the quote opens a paragraph), most recent first, then the
    last speaker of the two units before. The pronoun resolves to the most recent one whose
    gender does not contradict it, and only when no other candidate of a compatible gender is in
    those sentences; a candidate of unknown gender only when it is the sole person there.
    """
    wanted = PRONOUN_GENDER.get(pronoun.lower())
    pointing = pronoun.lower() in _POINTING_BACK
    if pointing:
        wanted = _POINTING_BACK[pronoun.lower()]
    if wanted is None:
        return None  # "they": a group, not one person
    if pronoun.lower() == "sie" and _PLURAL_SIE.search(after_text):
        return None  # "sagten sie": plural
    sentences = _last_sentences(before_text.strip(), 3)
    if len(sentences) < 3 and state.prev_text and not before_text.strip():
        sentences = _last_sentences(state.prev_text.strip(), 3) + sentences
    window = " ".join(sentences[-3:])
    mentioned = _mentioned(window, state)
    first = next(mentioned, None)
    if first is not None:
        candidates: Iterable[str] = itertools.chain([first], mentioned)
    elif state.last_speaker and unit_pos - state.last_speaker_unit <= 2:
        candidates = [state.last_speaker]
    else:
        candidates = []
    toks = tokenize(window)
    # Candidates are looked at lazily and only as far as the answer needs: a window can name
    # many people who share a first name, and each costs a gender lookup.
    candidates_left = (c for c in candidates if not _possessed(c, toks))
    if pointing:
        # "so letztere", "sagte dieser": the person named last whose gender is known to fit
        first_fit = next((c for c in candidates_left if _gender(state, c) in (None, wanted)), None)
        return first_fit if first_fit is not None and _gender(state, first_fit) == wanted else None
    seen: list[str] = []
    compatible: list[str] = []
    for c in candidates_left:
        seen.append(c)
        if _gender(state, c) in (None, wanted):
            compatible.append(c)
            if len(compatible) > 1:
                return None  # more than one who could be meant
    if len(compatible) != 1:
        return None  # nobody who could be meant
    person = compatible[0]
    if _gender(state, person) is None and len(seen) > 1:
        return None  # unknown gender: only the sole person around
    return person


def _find_quotes(u: _Unit, pos: int, units: list[_Unit], multi: dict[int, tuple[int, int, bool]],
                 state: _State, partial_min_words: int | None, resolve_pronouns: bool) -> None:
    """Fills ``u.quotes``: the spans of ``u`` read as speech, each with its speaker."""
    text = u.text
    block = u.block
    forced_role = block.role if block is not None else None
    forced_speaker = block.speaker if block is not None else None
    if forced_role is Role.NARRATOR:
        return
    if forced_role is Role.QUOTE:
        spans = u.spans
        if len(spans) == 1 and not text[:spans[0].start].strip(" ") and not _words(text[spans[0].end:]):
            s = spans[0]
            u.quotes = [_Quote(s.start, s.end, s.inner_start, s.inner_end, _same(forced_speaker))]
        else:
            u.quotes = [_Quote(0, len(text), 0, len(text), _same(forced_speaker))]
        _set_last(state, _same(forced_speaker), pos)
        return

    if pos in multi:
        start, end, closes = multi[pos]
        continued = pos - 1 in multi and not multi[pos - 1][2]
        inner_start = start + (starts_with_opener(text[start:], _family_at(u, start), state.lang) or 1)
        inner_end = end if not closes else next(s.inner_end for s in u.spans if s.start == start)
        q = _Quote(start, end, inner_start, inner_end)
        if continued:
            q.who = units[pos - 1].quotes[-1].who if units[pos - 1].quotes else None
        else:
            q.who = _attribute(text, start, end, state, pos, u, resolve_pronouns, closes)
        if closes and q.who is None:
            found, _ = speaker_after(text[end:], state.lang, state.names)
            q.who = _label(found, state, pos, text[:start], resolve_pronouns)
            if q.who:
                # the whole quote gets the speaker named after its last paragraph
                p = pos - 1
                while p in multi and units[p].quotes:
                    units[p].quotes[-1].who = units[p].quotes[-1].who or q.who
                    p -= 1
        before_spans = [s for s in u.spans if s.end <= start]
        u.quotes = _speech_spans(u, before_spans, pos, state, partial_min_words, resolve_pronouns)
        u.quotes.append(q)
        if closes:
            after_spans = [s for s in u.spans if s.start >= end]
            rest = _speech_spans(u, after_spans, pos, state, partial_min_words, resolve_pronouns,
                                 prev=q)
            u.quotes.extend(rest)
        _set_last(state, q.who, pos)
        return
    u.quotes = _speech_spans(u, u.spans, pos, state, partial_min_words, resolve_pronouns)
    if forced_speaker:
        for q in u.quotes:
            q.who = _same(forced_speaker)


def _family_at(u: _Unit, start: int) -> str:
    for s in u.unclosed + u.spans:
        if s.open_at == start:
            return s.family
    return "double"


def _set_last(state: _State, who: _Who | None, pos: int) -> None:
    if who is None or who.person is None:
        return  # an unresolved "er" is nobody to hand on to the next quote
    state.attributed.append(who.person)
    state.last_speaker = who.person
    state.last_speaker_unit = pos
    state.last_who = _Who(who.last, who.person) if who.last else who


def _speech_spans(u: _Unit, spans: list[QuoteSpan], pos: int, state: _State,
                  partial_min_words: int | None, resolve_pronouns: bool,
                  prev: _Quote | None = None) -> list[_Quote]:
    """Returns the spans of ``spans`` that are speech, attributed, in order."""
    text = u.text
    out: list[_Quote] = []
    prev_span: QuoteSpan | None = None
    prev_speech: _Quote | None = prev
    prev_was_title = False
    last_end = 0
    for s in spans:
        # Reported speech between quotes hands its subject on to the next unattributed quote.
        _note_reported_speech(text[last_end:s.start], state, pos)
        found, said = speaker_after(text[s.end:], state.lang, state.names)
        speech = _is_speech(text, s, prev_speech if prev_span is not None else None, prev_span,
                            prev_was_title, state.lang, partial_min_words, found is not None or said > 0)
        if not speech:
            prev_was_title = True
            prev_span = s
            prev_speech = None
            last_end = s.end
            continue
        prev_was_title = False
        q = _Quote(s.start, s.end, s.inner_start, s.inner_end)
        interrupted = prev_speech is not None and prev_span is not None \
            and _interruption(text[prev_span.end:s.start])
        if interrupted and prev_speech.who:
            q.who = prev_speech.who
        else:
            q.who = _attribute(text, s.start, s.end, state, pos, u, resolve_pronouns, True, found)
        if interrupted and prev_speech.who is None and q.who:
            prev_speech.who = q.who
        _set_last(state, q.who, pos)
        out.append(q)
        prev_speech = q
        prev_span = s
        last_end = s.end
    return out


def _note_reported_speech(text: str, state: _State, pos: int) -> None:
    """Remembers the subject of reported speech (``X sagte, …``) for the quotes that follow."""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if len(sentence) < 8:
            continue
        mention = speaker_in_sentence(sentence, state.lang, state.names)
        if mention is not None and mention.kind == "name":
            state.last_speaker = state.names.resolve(mention.name or mention.text)
            state.last_speaker_unit = pos
            state.last_who = _same(state.last_speaker)


def _attribute(text: str, start: int, end: int, state: _State, pos: int, u: _Unit,
               resolve_pronouns: bool, closed: bool, found: Mention | None = None) -> _Who | None:
    """Returns who says the quote at ``text[start:end]``, or None when no one is named."""
    before = text[:start]
    in_list = u.kind is BlockKind.LIST_ITEM and state.list_owner
    if in_list:
        return state.list_owner
    if found is None and closed:
        found, _ = speaker_after(text[end:], state.lang, state.names)
        if found is None:
            found = statement_after(text[end:], state.lang, state.names)  # „…“ Das ist das Fazit …
        if found is None and not before.rstrip().endswith(":"):
            found = said_after(text[end:], state.lang, state.names)  # „…“ Das sagte sie am Abend.
    if found is not None and found.kind == "pronoun" and resolve_pronouns \
            and before.rstrip().endswith(":"):
        # "X sagte: „…“, betonte sie.": the pronoun means the speaker before the colon
        named = speaker_before(_clause_before(text, start), state.lang, state.names)
        if named is not None and named.kind == "name":
            full = _label(named, state, pos, before, resolve_pronouns)
            if full and _gender(state, full.person) in (None, PRONOUN_GENDER.get(found.text.lower())):
                return _Who(full.speaker, full.person, found.text)
    if found is not None:
        return _label(found, state, pos, before, resolve_pronouns, text[end:end + 60])
    if not before.strip() and state.prev_text:
        # A quote that opens a paragraph: the paragraph before may introduce it.
        before = state.prev_text + " "
        start = len(before)
        text = before
    clause = _clause_before(text, start)
    colon = before.rstrip().endswith(":")
    if before.rstrip().endswith("("):
        # "die Vorsitzende, Karin Beil („…“), war gekommen": the quote is the name's aside
        mention = name_at_end(before.rstrip()[:-1], state.lang, state.names)
        if mention is not None:
            return _label(mention, state, pos, before, resolve_pronouns)
    if colon or clause:
        mention = speaker_before(clause, state.lang, state.names) if colon else None
        if mention is None and not colon and clause:
            # "In der Zeitung fand sich …", "Auf dem Plakat war „…“ zu lesen"
            mention = place_source(clause + " " + _rest_of_sentence(text, end), state.lang, state.names)
        if mention is None and not colon and clause and not _sentence_start(before):
            # "Die Kosten sollen laut dem Finanzamt „…“", "nach Angaben des Vereins", "X zufolge"
            mention = according_to(clause + " " + _rest_of_sentence(text, end), state.lang, state.names)
        if mention is None and not colon and clause and not _sentence_start(before):
            shaped, mention = speaker_of_embedded(clause, text[end:end + 80], state.lang, state.names)
            if shaped:
                return _label(mention, state, pos, before, resolve_pronouns)
        if mention is None and colon:
            mention = first_name_in(clause, state.lang, state.names)
        if mention is None and clause and not _sentence_start(before):
            mention = speaker_in_sentence(clause, state.lang, state.names, any_verb=True)
        if mention is None and clause and not colon and not _sentence_start(before):
            mention = inverted_pronoun(clause, state.lang)  # "Ursprünglich wollte er „…“ vorlegen"
            if mention is None:
                mention = pronoun_subject(clause, state.lang)  # "Er sprach von einem „…“"
        if mention is None and colon and _REPORTED.search(clause):
            # "X bekräftigte … . Die Pflichten seien klar festgelegt: „…“": reported speech goes
            # on from the subject of the sentence before
            previous = _previous_sentence(before[:max(0, before.rfind(clause))])
            previous = previous.rsplit(": ", 1)[-1]  # "… geäußert: Figeľ bekräftigte …"
            mention = speaker_in_sentence(previous, state.lang, state.names, any_verb=True) if previous else None
            if mention is not None and mention.kind != "name":
                mention = None
        if mention is None and colon and _THERE.search(clause):
            # "Auf ihrer Homepage fanden sich Videos. Auch das Motiv fand sich dort: „…“"
            previous = _previous_sentence(before[:max(0, before.rfind(clause))])
            mention = place_source(previous, state.lang, state.names) if previous else None
        if mention is not None:
            return _label(mention, state, pos, before, resolve_pronouns)
    if _sentence_start(before):
        # A quote that directly follows another one goes on in the same voice.
        if re.search(r"[“”\"»«’‘']\s*$", before) and state.last_speaker and state.last_speaker_unit == pos:
            return _handed_on(state)
        previous = _previous_sentence(before)
        if previous:
            mention = speaker_in_sentence(previous, state.lang, state.names, any_verb=True)
            if mention is None:
                mention = _only_person(previous, state)
            if mention is not None and mention.kind == "name":
                return _label(mention, state, pos, before, resolve_pronouns)
            mention = _opener_of_reported_speech(before, state)
            if mention is None:
                mention = pronoun_subject(previous, state.lang)  # "Er bleibt gelassen. „…“"
            if mention is not None:
                return _label(mention, state, pos, before, resolve_pronouns)
    if state.last_speaker and pos - state.last_speaker_unit <= 1:
        return _handed_on(state)
    return None


# adverbs that point back to a text named in the sentence before
_THERE = re.compile(r"\b(?:dort|darin|ebenda)\b")
# finite verbs of the German subjunctive I, the mood of reported speech
_REPORTED = re.compile(r"\b(?:sei|seien|habe|werde|könne|müsse|dürfe|solle|wolle|gebe|liege|stehe|gehe|"
                       r"sehe|wisse|komme|bleibe|halte|brauche)\b")


def _opener_of_reported_speech(before: str, state: _State) -> Mention | None:
    """Returns the subject that opens a run of reported speech right before a quote standing
    alone: in ``Der Bundespräsident begründete seine Entscheidung … . Es sei … . Er sei zu dem
    Schluss gekommen, … . „…“`` the quote goes on from ``Bundespräsident``. Only a name or an
    office; None when the sentence before is no reported speech or no subject opens the run."""
    sentences = [p for p in re.split(r"(?:(?<=[.!?])|(?<=[.!?][“”\"»«]))\s+(?=[A-ZÄÖÜ„])", before.strip()) if p]
    run = 0
    for sentence in reversed(sentences[-6:]):
        if _REPORTED.search(sentence):
            run += 1
            continue
        if run == 0:
            return None
        mention = speaker_in_sentence(sentence, state.lang, state.names, any_verb=True)
        return mention if mention is not None and mention.kind in ("name", "role") else None
    return None


def _handed_on(state: _State) -> _Who | None:
    """Returns the last speaker as the text last named them: a quote that goes on after
    „…“, sagte er. is still „er“'s."""
    if state.last_who is not None and state.last_who.person == state.last_speaker:
        return state.last_who
    return _same(state.last_speaker)


def _rest_of_sentence(text: str, at: int) -> str:
    """Returns the text from ``at`` to the end of its sentence, without quoted text in it."""
    m = re.search(r"[.!?](?=\s|$)", text[at:at + 200])
    rest = text[at:at + (m.start() if m else 200)]
    return re.sub(r"[„“”\"»«].*?[“”\"»«]", " ", rest)


def _only_person(sentence: str, state: _State) -> Mention | None:
    """Returns the one person named in ``sentence`` when there is exactly one, else None."""
    words = set(_WORD.findall(sentence))
    # only names that share a word with the sentence can be in it
    near = words | {w.strip(".,;:!?()\"'„“”«»") for w in sentence.split()}
    names = {f for w in near for f in state.names.with_word(w)
             if f in sentence or f.split()[-1] in words}
    if len(names) == 1:
        name = names.pop()
        return Mention(name, "name", name)
    return None


def _previous_sentence(before: str) -> str:
    """Returns the last full sentence of ``before`` (the text ahead of a quote)."""
    head = before.rstrip()
    if not head or head.endswith(":"):
        return ""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ])", head)
    last = parts[-1].strip()
    return last if re.search(r"[.!?]$", last) and not re.search(r"[“”\"»«]", last) else ""


def _remember_owner(u: _Unit, state: _State) -> None:
    """Sets or clears the owner of a list of quotes as the walk passes a list's introduction."""
    if u.kind is BlockKind.LIST_ITEM:
        return
    owner = list_owner(u.text, state.lang, state.names) if len(u.text) < 200 else None
    if owner is not None:
        state.list_owner = _label(owner, state, 0, "", False)
        if state.list_owner and state.list_owner.person:
            state.attributed.append(state.list_owner.person)
    elif u.kind is not BlockKind.HEADING:
        state.list_owner = None


def _assign_teaser(units: list[_Unit], state: _State) -> None:
    """Gives a quoted teaser without a speaker to the article's main speaker, if there is one."""
    teaser = next((u for u in units if u.kind is BlockKind.TEASER), None)
    if teaser is None or not teaser.quotes or not state.attributed:
        return
    counts: dict[str, int] = {}
    for name in state.attributed:
        counts[state.names.resolve(name)] = counts.get(state.names.resolve(name), 0) + 1
    main, top = max(counts.items(), key=lambda kv: kv[1])
    if top * 2 > len(state.attributed) and len(main.split()) >= 1:
        for q in teaser.quotes:
            if q.person is None or q.person == state.last_speaker and q.person not in counts:
                # an unresolved "sagte er" keeps its pronoun and now means the main speaker
                pronoun = q.who is not None and q.person is None
                q.who = _Who(q.speaker, main) if pronoun else _same(main)


# --- segments -------------------------------------------------------------------------------

def _segments(u: _Unit) -> list[Segment]:
    """Returns the segments of one unit: narrator text around its quotes."""
    if u.kind is BlockKind.TITLE:
        return [Segment(Role.NARRATOR, u.text, block=u.index, kind=u.kind)]
    out: list[Segment] = []
    pos = 0
    text = u.text
    for q in u.quotes:
        _narrate(out, text[pos:q.start], u, after_quote=pos > 0)
        inner = text[q.inner_start:q.inner_end].strip()
        if _WORD.search(inner):
            out.append(Segment(Role.QUOTE, inner, speaker=q.speaker, block=u.index, kind=u.kind,
                               person=q.person))
        pos = q.end
    _narrate(out, text[pos:], u, after_quote=pos > 0)
    return out


def _narrate(out: list[Segment], text: str, u: _Unit, after_quote: bool) -> None:
    """Appends narrator text, joining it to a narrator segment just before it."""
    if after_quote:
        text = _LEADING_PUNCT.sub("", text)
    text = text.strip()
    if not _WORD.search(text):
        return
    if out and out[-1].role is Role.NARRATOR and out[-1].block == u.index:
        out[-1].text = f"{out[-1].text} {text}"
    else:
        out.append(Segment(Role.NARRATOR, text, block=u.index, kind=u.kind))
