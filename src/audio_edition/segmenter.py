"""Splits an article into narrator and quote segments and names the speaker of each quote.

The pipeline per article:

1. :func:`quotes.pair_quotes` pairs the marks of every block; a quote left open at the end of a
   paragraph whose next paragraph opens with a mark again runs on over both (the English
   convention for quotes over several paragraphs).
2. :func:`_is_speech` keeps a paired span with the narrator unless it is direct speech: titles,
   single terms, scare quotes, marks glued to a compound and short embedded partial quotes stay
   with the narrator.
3. :func:`attribution.attribute` finds the speaker: after the quote, before its colon, in the
   owner of a list of quotes, or carried over from the quote before. What it remembers from one
   quote to the next is an :class:`attribution.Memory`; the segmenter keeps whether a span is
   speech and the emitting of segments.

Every word of the article lands in exactly one segment, in order; quote segments hold the text
between the marks, narrator segments the text as written around them.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from audio_edition import languages
from audio_edition.attribution import (
    COLONS,
    CONTEXT_CHARS,
    Memory,
    NameBook,
    Who,
    attribute,
    clause_before,
    grammar,
    label,
    note_list_owner,
    note_reported_speech,
    remember,
    same,
    sentence_start,
    speaker_after,
    tail,
)
from audio_edition.model import Article, Block, BlockKind, Role, Segment
from audio_edition.quotes import QuoteSpan, dialogue_spans, pair_quotes, starts_with_opener

log = logging.getLogger(__name__)

PARTIAL_MIN_WORDS = 6
"""Default: an embedded partial quote of at least this many words gets the quote voice."""

_WORD = re.compile(r"\w+")
# Chinese and Japanese write no spaces between words: each character of theirs counts as one
_COUNTED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|"
                      r"[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_COMMA = re.compile(r"[,，、]")
# (?<!…) starts a run of marks at its first one: a long run is tried once, not from every mark
_TERMINAL = re.compile(r"(?<![.!?…。！？])[.!?…。！？]+[)\]]?$|\.\.\.$|\[…\]$|\(…\)$")
_SENTENCE_END = re.compile(r"[.!?…:。！？：]$")
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
    who: Who | None = None
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


def segment(article: Article, lang: str, *, partial_min_words: int | None = PARTIAL_MIN_WORDS,
            resolve_pronouns: bool = True,
            progress: Callable[[int], None] | None = None) -> list[Segment]:
    """Returns the segments of ``article`` in reading order.

    ``partial_min_words``: an embedded partial quote (a few quoted words that are part of the
    narrator's sentence) gets the quote voice only when it has at least this many words; None
    keeps every partial quote with the narrator. A quote attributed to ``er``/``she``/``il`` keeps
    the pronoun as its ``speaker``; its ``person`` is the person the pronoun unambiguously means
    (see :func:`attribution.antecedent`), else None; ``resolve_pronouns=False`` leaves it None.
    ``progress(block)`` is called as each block is reached, with its index (-2 the title, -1
    the teaser): a caller can stop a segmentation that takes too long and name the paragraph.
    """
    lang = languages.base_code(lang) or "de"
    units = [_Unit(-2, BlockKind.TITLE, article.title)]
    if article.teaser:
        units.append(_Unit(-1, BlockKind.TEASER, article.teaser))
    units += [_Unit(i, b.kind, b.text, b) for i, b in enumerate(article.blocks)]
    state = Memory(NameBook(lang=lang), lang, text="\n\n".join(u.text for u in units))
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
        note_list_owner(u.text, u.kind, state)
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
    """Returns how many words ``text`` has; a Chinese or Japanese character counts as one."""
    return len(_COUNTED.findall(text))


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
    before = tail(text[:span.start])
    after = text[span.end:span.end + CONTEXT_CHARS]
    if _GLUED_AFTER.match(after) or _GLUED_BEFORE.search(before):
        return False  # „Work-Life-Balance“-Debatte
    quotative = grammar.of(lang).quotative
    if quotative is not None and quotative.match(after):
        return True  # "…"라고 말했다, 「…」と述べた: reported as said, however short
    stripped_before = before.rstrip()
    title_cue = bool(_TITLE_CUES.search(stripped_before))
    colon = stripped_before.endswith(COLONS)
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
    if sentence_start(before):
        if after_speaker and not (n == 1 and lower):
            return True
        if colon:
            clause = clause_before(text, span.start)
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
        if ends_sentence and n >= 3 and not lower and (terminal or _COMMA.search(inner) or n >= _threshold(partial_min_words)):
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
    if grammar.of(lang).nouns_capitalised and _NOUN_BEFORE.search(stripped) and not stripped.endswith(","):
        return False  # die Gewerkschaft „Öffentliche Dienste, Transport und Verkehr“
    return terminal or bool(_COMMA.search(inner)) or after_speaker


def _find_quotes(u: _Unit, pos: int, units: list[_Unit], multi: dict[int, tuple[int, int, bool]],
                 state: Memory, partial_min_words: int | None, resolve_pronouns: bool) -> None:
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
            u.quotes = [_Quote(s.start, s.end, s.inner_start, s.inner_end, same(forced_speaker))]
        else:
            u.quotes = [_Quote(0, len(text), 0, len(text), same(forced_speaker))]
        remember(state, same(forced_speaker), pos)
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
            q.who = attribute(text, start, end, state, pos, u.kind is BlockKind.LIST_ITEM,
                              resolve_pronouns, closes)
        if closes and q.who is None:
            found, _ = speaker_after(text[end:], state.lang, state.names)
            q.who = label(found, state, pos, text[:start], resolve_pronouns)
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
        remember(state, q.who, pos)
        return
    u.quotes = _speech_spans(u, u.spans, pos, state, partial_min_words, resolve_pronouns)
    if forced_speaker:
        for q in u.quotes:
            q.who = same(forced_speaker)


def _family_at(u: _Unit, start: int) -> str:
    for s in u.unclosed + u.spans:
        if s.open_at == start:
            return s.family
    return "double"


def _speech_spans(u: _Unit, spans: list[QuoteSpan], pos: int, state: Memory,
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
        note_reported_speech(text[last_end:s.start], state, pos)
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
            q.who = attribute(text, s.start, s.end, state, pos, u.kind is BlockKind.LIST_ITEM,
                              resolve_pronouns, True, found)
        if interrupted and prev_speech.who is None and q.who:
            prev_speech.who = q.who
        remember(state, q.who, pos)
        out.append(q)
        prev_speech = q
        prev_span = s
        last_end = s.end
    return out


def _assign_teaser(units: list[_Unit], state: Memory) -> None:
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
                q.who = Who(q.speaker, main) if pronoun else same(main)


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
