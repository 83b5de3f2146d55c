"""Finds and pairs quotation marks in one block of text, language-aware.

This module only knows about marks: which character may open or close a quote, which marks
pair up, and which quotes are left open at the end of a block (a quote running over several
paragraphs). Whether a paired span is speech or a title is decided in :mod:`segmenter`.

Conventions handled, in any language (German articles quote English and vice versa):

- German ``„…“`` with ``‚…‘`` nested, and ``»…«`` with ``›…‹`` nested;
- Swiss ``«…»`` and French ``« … »`` (with no-break or narrow no-break spaces);
- English ``“…”`` with ``‘…’`` nested, and British ``‘…’``;
- ASCII ``"…"`` and ``'…'``, and the wiki-style ``''…''``.

Apostrophes (``geht’s``, ``company’s``, ``Lenz’``), inch marks (``27"``) and unbalanced marks
never open a quote: an opener without a partner is dropped at the end of its block, so it can
never swallow the rest of the article.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from audio_edition import languages

log = logging.getLogger(__name__)

DOUBLE = "double"
"""Family of ``„ “ ” " ''``: any of these closers may close any of these openers."""
SINGLE = "single"
"""Family of ``‚ ‘ ’ '``."""
GUILLEMET = "guillemet"
"""Family of ``« »``."""
SINGLE_GUILLEMET = "single_guillemet"
"""Family of ``‹ ›``."""
DASH = "dash"
"""Lines of dialogue opened by a dash (Spanish: ``—Ya voy —dijo Ana—. Espera.``)."""
CORNER = "corner"
"""Family of ``「 」``: Japanese and traditional Chinese quotation marks (CLDR), one direction."""
WHITE_CORNER = "white_corner"
"""Family of ``『 』``, the corner brackets for a quote inside a quote."""
_CORNERS = {"「": (CORNER, True), "」": (CORNER, False), "『": (WHITE_CORNER, True),
            "』": (WHITE_CORNER, False)}
"""Corner bracket -> (family, whether it opens)."""

MARKS = ("''", ",,", "„", "“", "”", "‚", "‘", "’", "»", "«", "›", "‹", '"', "'", *_CORNERS)
"""Every character (or pair) that can open or close a quote, in any convention."""

_MARK = re.compile("|".join(re.escape(m) for m in MARKS))
_ELISION = re.compile(r"(ne|nen|n|s|til|em|cause|bout|round|tis|twas|\d\d)\b", re.I)
_SPACES = " \t\n\u00a0\u202f\u2009\u2007\u200a"
# Characters after which a mark starts a quote rather than ends one.
_OPEN_CONTEXT = set(_SPACES) | set("([{—–-/„‚»«›‹“‘\"'")
# Characters before which a mark ends a quote rather than starts one.
_CLOSE_CONTEXT = set(_SPACES) | set(".,;:!?)]}…—–-/“”’‘«»‹›\"'")


@dataclass
class QuoteSpan:
    """A pair of matching quotation marks in a block's text."""

    open_at: int
    """Index of the opening mark in the text."""
    open_len: int
    """Length of the opening mark (2 for ``''`` and ``,,``)."""
    close_at: int
    """Index of the closing mark, or ``len(text)`` for a quote left open at the block's end."""
    close_len: int
    """Length of the closing mark; 0 when the quote is left open."""
    family: str
    """Which marks pair up: :data:`DOUBLE`, :data:`SINGLE`, :data:`GUILLEMET` ..."""
    depth: int = 0
    """0 for a top-level quote, 1 for a quote inside it, and so on."""
    children: list[QuoteSpan] = field(default_factory=list)
    """Quotes nested inside this one."""
    ends_with_block: bool = False
    """Closed by the end of its block, as a line of dialogue is (:func:`dialogue_spans`)."""

    @property
    def start(self) -> int:
        """Index of the first character of the span, its opening mark included."""
        return self.open_at

    @property
    def end(self) -> int:
        """Index just past the span, its closing mark included."""
        return self.close_at + self.close_len

    @property
    def inner_start(self) -> int:
        """Index of the first character inside the marks."""
        return self.open_at + self.open_len

    @property
    def inner_end(self) -> int:
        """Index just past the last character inside the marks."""
        return self.close_at

    @property
    def is_open(self) -> bool:
        """Whether the quote was never closed in this block (it may go on in the next one)."""
        return self.close_len == 0 and not self.ends_with_block

    def inner(self, text: str) -> str:
        """Returns the quoted text, without the marks and the spaces next to them."""
        return text[self.inner_start:self.inner_end].strip(_SPACES)


@dataclass
class _Mark:
    at: int
    char: str
    prev: str
    next: str

    @property
    def length(self) -> int:
        return len(self.char)


def _guillemet_opener(text: str, lang: str) -> str:
    """Returns the guillemet that opens quotes in ``text``: ``«`` (French, Swiss) or ``»``."""
    language = languages.get(lang)
    if language.guillemets_fixed:
        return language.guillemet_opener
    first = next((c for c in text if c in "«»"), None)
    if first == "«" and "»" in text[text.index("«"):]:
        return "«"
    # The language's own convention (CLDR): «…» in French, Swiss German, Italian, Spanish; a
    # lone mark is paired that way too.
    return language.guillemet_opener


def _is_alnum(c: str) -> bool:
    return c.isalnum()


def _left_flanking(m: _Mark) -> bool:
    """Whether the mark looks like an opener: after a space or bracket, before a word."""
    return (m.prev == "" or m.prev in _OPEN_CONTEXT) and m.next != "" and m.next not in _SPACES \
        and m.next not in ".,;:!?"


def _right_flanking(m: _Mark) -> bool:
    """Whether the mark looks like a closer: after a word, before a space or punctuation."""
    return m.prev != "" and m.prev not in _SPACES and (m.next == "" or m.next in _CLOSE_CONTEXT)


def _marks(text: str) -> list[_Mark]:
    out = []
    for m in _MARK.finditer(text):
        i, j = m.start(), m.end()
        out.append(_Mark(i, m.group(), text[i - 1] if i else "", text[j] if j < len(text) else ""))
    return out


def _has_later_closer(marks: list[_Mark], k: int, chars: str, limit: int) -> bool:
    """Whether a mark in ``chars`` that can close follows mark ``k`` within ``limit`` chars."""
    start = marks[k].at
    for n in range(k + 1, len(marks)):  # no slice: a block may hold many thousands of marks
        m = marks[n]
        if m.at - start > limit:
            return False
        if m.char in chars and not (_is_alnum(m.prev) and _is_alnum(m.next)) and m.prev not in _SPACES:
            return True
    return False


_DIALOGUE_DASHES = "—―"
# a dash that opens the narrator's words inside a line: " —dijo", " —explicó la bibliotecaria"
_INSERT_OPEN = re.compile(r"[ \u00a0]([—―])\s*(?=[^\W\d_])")
_AFTER_INSERT = re.compile(r"[.,;:]?[ \u00a0]*")


def dialogue_spans(text: str, lang: str) -> list[QuoteSpan]:
    """Returns the spoken parts of a line of dialogue in a language that writes dialogue with
    dashes (:attr:`languages.Language.dialogue_dash`): a block that opens with a dash is
    speech up to a dash that opens the narrator's words (`` —dijo Barreiro``, a lower-case
    word after it), which run to the next dash; after that dash the speech goes on. Empty for
    a block that is not such a line."""
    stripped = text.lstrip(_SPACES)
    if not stripped or stripped[0] not in _DIALOGUE_DASHES or \
            not languages.get(lang).dialogue_dash:
        return []
    spans = []
    at, open_len = len(text) - len(stripped), 1
    while at < len(text):
        insert = _INSERT_OPEN.search(text, at + open_len)
        if insert is None or not text[insert.end():insert.end() + 1].islower():
            close = len(text.rstrip(_SPACES))
            spans.append(QuoteSpan(at, open_len, close, 0, DASH, ends_with_block=True))
            break
        spans.append(QuoteSpan(at, open_len, insert.start(1), 1, DASH))
        back = text.find(insert.group(1), insert.end())  # the dash that closes the insertion
        if back < 0:
            break
        rest = _AFTER_INSERT.match(text, back + 1)
        if rest.end() >= len(text.rstrip(_SPACES)):
            break
        at, open_len = rest.end(), 0  # the speech resumes after the dash and its stop
    return [sp for sp in spans if sp.inner(text)]


def pair_quotes(text: str, lang: str) -> tuple[list[QuoteSpan], list[QuoteSpan]]:
    """Pairs the quotation marks of one block.

    Returns ``(spans, unclosed)``: the top-level closed quotes in text order (nested quotes are
    in their ``children``), and the openers left unclosed at the end of the block, outermost
    first, as spans with ``is_open`` set. Unclosed openers are not in ``spans``: the caller
    decides whether they start a quote that goes on in the next paragraph.
    """
    g_open = _guillemet_opener(text, lang)
    g_close = "»" if g_open == "«" else "«"
    sg_open = "‹" if g_open == "«" else "›"
    sg_close = "›" if g_open == "«" else "‹"
    marks = _marks(text)
    stack: list[tuple[_Mark, str]] = []
    closed: list[QuoteSpan] = []

    # how many openers of each family are on the stack: a block of thousands of unclosed marks
    # must not make every later mark scan the whole stack
    open_count: dict[str, int] = {}

    def families_open() -> dict[str, int]:
        return {fam: n for fam, n in open_count.items() if n}

    def push(m: _Mark, fam: str) -> None:
        stack.append((m, fam))
        open_count[fam] = open_count.get(fam, 0) + 1

    def close(m: _Mark, fam: str) -> bool:
        """Closes the innermost open quote of ``fam``, dropping unclosed quotes inside it."""
        if not open_count.get(fam):
            return False
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][1] == fam:
                opener = stack[k][0]
                if k < len(stack) - 1:
                    log.debug("dropping unclosed marks inside %r at %d", opener.char, opener.at)
                for _, dropped in stack[k:]:
                    open_count[dropped] -= 1
                del stack[k:]
                closed.append(QuoteSpan(opener.at, opener.length, m.at, m.length, fam))
                return True
        return False

    for k, m in enumerate(marks):
        c = m.char
        if c in ("„", ",,"):
            if c == ",," and (m.next in _SPACES or m.next == ""):
                continue
            push(m, DOUBLE)
        elif c == "‚":
            if m.next and m.next not in _SPACES and not (m.prev.isdigit() and m.next.isdigit()):
                push(m, SINGLE)
        elif c == "“":
            if DOUBLE in families_open() and not (
                    _left_flanking(m) and not _right_flanking(m)
                    and _has_later_closer(marks, k, "”", 400) and stack[-1][0].char == "„"):
                close(m, DOUBLE)
            elif _left_flanking(m) or not _right_flanking(m):
                push(m, DOUBLE)
        elif c == "”":
            if DOUBLE in families_open():
                close(m, DOUBLE)
            elif _left_flanking(m) and not _right_flanking(m) and _has_later_closer(marks, k, "”", 400):
                push(m, DOUBLE)  # Swedish and Finnish open with ” too
        elif c in ('"', "''"):
            if c == '"' and m.prev.isdigit() and not _left_flanking(m):
                # 27" is an inch mark unless it plainly closes an open quote.
                if DOUBLE not in families_open() or _has_later_closer(marks, k, '"“”', 300):
                    continue
            if stack and stack[-1][1] == DOUBLE and not (_left_flanking(m) and not _right_flanking(m)):
                close(m, DOUBLE)
            elif _left_flanking(m):
                push(m, DOUBLE)
            elif DOUBLE in families_open():
                close(m, DOUBLE)
        elif c == "‘":
            if _is_alnum(m.prev) and _is_alnum(m.next):
                continue  # a typographic apostrophe typed with the wrong mark
            if stack and stack[-1][1] == SINGLE and stack[-1][0].char == "‚":
                close(m, SINGLE)
            elif _left_flanking(m):
                push(m, SINGLE)
            elif SINGLE in families_open():
                close(m, SINGLE)
        elif c in ("’", "'"):
            if _is_alnum(m.prev) and _is_alnum(m.next):
                continue  # geht’s, company’s, don't
            if SINGLE in families_open() and not (_left_flanking(m) and not _right_flanking(m)):
                # An s’ at a word end is a possessive when a later mark can close the quote.
                if m.prev in "sSxzß" and _has_later_closer(marks, k, "’'‘", 300):
                    continue
                close(m, SINGLE)
            elif c == "'" and _left_flanking(m) and not _is_alnum(m.prev):
                # 'ne, 'n and 'til are elisions; an opener needs a closer nearby.
                if not _ELISION.match(text, m.at + 1) and _has_later_closer(marks, k, "'", 600):
                    push(m, SINGLE)
        elif c == g_open:
            push(m, GUILLEMET)
        elif c == g_close:
            close(m, GUILLEMET)
        elif c == sg_open:
            push(m, SINGLE_GUILLEMET)
        elif c == sg_close:
            close(m, SINGLE_GUILLEMET)
        elif c in _CORNERS:
            family, opens = _CORNERS[c]
            if opens:
                push(m, family)
            else:
                close(m, family)

    unclosed = [QuoteSpan(m.at, m.length, len(text), 0, fam) for m, fam in stack
                if fam in (DOUBLE, GUILLEMET, CORNER) or m.char in ("‘", "‚")]
    return _nest(closed), unclosed


def _nest(spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """Returns the top-level spans in order, each with the spans inside it as children."""
    spans = sorted(spans, key=lambda s: (s.start, -s.end))
    top: list[QuoteSpan] = []
    stack: list[QuoteSpan] = []
    for s in spans:
        while stack and s.start >= stack[-1].end:
            stack.pop()
        if stack and s.end <= stack[-1].end:
            s.depth = stack[-1].depth + 1
            stack[-1].children.append(s)
        else:
            stack.clear()
            top.append(s)
        stack.append(s)
    return top


def starts_with_opener(text: str, family: str, lang: str) -> int:
    """Returns the length of the opening mark of ``family`` that ``text`` starts with, else 0.

    Used for quotes over several paragraphs, where every paragraph opens with a mark.
    """
    stripped = text.lstrip(_SPACES)
    if not stripped:
        return 0
    lead = len(text) - len(stripped)
    if family == DOUBLE:
        for mark in ("''", ",,", "„", "“", '"', "”"):
            if stripped.startswith(mark):
                return lead + len(mark)
    elif family == SINGLE:
        if stripped[0] in "‘‚":
            return lead + 1
    elif family in (CORNER, WHITE_CORNER):
        if stripped[0] == ("「" if family == CORNER else "『"):
            return lead + 1
    elif family == GUILLEMET:
        g_open = _guillemet_opener(text, lang)
        if stripped[0] == g_open or stripped[0] in "«»" and not languages.get(lang).guillemets_fixed:
            return lead + 1
    return 0
