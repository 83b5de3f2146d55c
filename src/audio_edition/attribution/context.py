"""The text around a quote: where its sentence starts, the clause before it, the last sentences
before it. Shared by the segmenter, which decides what is speech, and the chain, which finds
who speaks; both look only at a window before the quote, so that a paragraph of thousands of
quotes stays linear."""

from __future__ import annotations

import re


COLONS = (":", "：")
"""Colons that introduce a quote: the Latin one and the full-width one of Chinese and Japanese."""
_ENDS_OPEN_SENTENCE = re.compile(r"(^|[.!?…:;)\]。！？：；]|[.!?…。！？]\s*[“”\"»«’'」』])\s*$|[–—]\s*$")


CONTEXT_CHARS = 400
"""How far back the cues that end right before a quote are looked for (an article, a title
word, a speech verb, the end of a sentence). Each such cue is a few words long; searching the
whole paragraph before every quote made a paragraph of thousands of quotes quadratic."""


def tail(before: str, size: int = CONTEXT_CHARS) -> str:
    """Returns the end of ``before``: at most ``size`` characters starting at a word, and the
    whitespace after them, so that a regex anchored at the end (``…$``) finds what it finds in
    the whole text."""
    if len(before) <= size:
        return before
    text = before.rstrip()
    cut = text[-size:]
    space = re.search(r"\s", cut) if len(text) > size else None
    return (cut[space.end():] if space else cut) + before[len(text):]


def sentence_start(before: str) -> bool:
    """Whether a quote after ``before`` starts a sentence (or follows a colon or dash)."""
    stripped = before.rstrip()
    return not stripped or bool(_ENDS_OPEN_SENTENCE.search(tail(stripped)))


def clause_before(text: str, at: int) -> str:
    """Returns the text of the sentence before offset ``at``, up to the last sentence end."""
    head = text[:at].rstrip()
    if head.endswith(COLONS):
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
_SENTENCES = re.compile(r"(?<=[.!?…])[“”\"»«’']*\s+(?=[„“\"«»‘A-ZÄÖÜÉÈ])")


def last_sentences(text: str, count: int) -> list[str]:
    """Returns the last ``count`` sentences of ``text`` (fewer when it has fewer), read from a
    window at its end that is widened until it holds them all."""
    size = 4 * CONTEXT_CHARS
    while True:
        window = text[-size:]
        sentences = _SENTENCES.split(window)
        if len(window) == len(text) or len(sentences) > count:
            return sentences[-count:]
        size *= 4
