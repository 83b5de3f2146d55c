"""From a script to one stream of samples: utterances, designed pauses, clean joins.

:func:`plan` cuts every segment into sentences and decides the pause before each, from the kind
of block and the role change at that point. :func:`assemble` takes the engine's audio for each
utterance, trims the engine's own leading and trailing silence, brings it to the episode's sample
rate, fades the edges so nothing clicks, and joins everything once (``b"".join``), never with
pydub's quadratic ``a + b``. Loudness is set later, per voice (:mod:`audio_edition.loudness`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Callable, Sequence

from audio_edition import languages
from audio_edition.engines.base import Audio
from audio_edition.model import BlockKind, Rendered, Script, Timing, Utterance

SAMPLE_RATE = 44100
"""Sample rate of every episode."""


@dataclass(frozen=True)
class Pauses:
    """Seconds of silence placed between utterances."""

    lead_in: float = 0.4
    """Before the very first word."""
    tail: float = 1.0
    """After the last word."""
    sentence: float = 0.35
    """Between sentences of one segment."""
    phrase: float = 0.2
    """Between narrator and quote inside a sentence (the quote's in/out edges)."""
    quote_edge: float = 0.3
    """Added where a quote starts or ends at a sentence boundary."""
    paragraph: float = 0.75
    """Before a new paragraph or list item."""
    heading: float = 1.1
    """Before a heading (a new section)."""
    after_heading: float = 0.6
    """After a heading or the title, before the text under it."""
    after_title: float = 1.0
    """After the headline."""
    credit: float = 1.0
    """Before the closing credit."""


DEFAULT_PAUSES = Pauses()

FADE_MS = 8
"""Fade at each utterance's edges: long enough to remove clicks, too short to hear."""
SILENCE_DBFS = -50.0
"""Below this level, the start and end of an engine's output count as silence and are trimmed."""

# A sentence ends at . ! ? … (optionally followed by closing quotes or brackets), then space and
# a capital letter, digit or opening quote. Abbreviations and ordinals ("3. Oktober") don't.
# (?<!…) starts at the first mark of a run, so a long run of dots is tried once, not per dot.
_SENTENCE_END = re.compile(r"(?<![.!?…])([.!?…]+[\"'“”»«’)\]]*)\s+(?=[\"'„“«»‘(\[]?[A-ZÄÖÜÀ-Ý0-9])")


MAX_UTTERANCE_CHARS = 400
"""Longest text, as written, given to an engine in one call. A longer sentence is cut (see
:func:`split_long`): engines need memory and time that grow faster than the text (a Piper
voice's attention over a sentence without a full stop), and a line without punctuation is no
sentence a listener can follow anyway."""

_PHRASE_END = re.compile(r"[,;:)\]]+(?=\s)|\s[–—-](?=\s)")
_SPACE = re.compile(r"\s+")


def split_long(sentence: str, limit: int = MAX_UTTERANCE_CHARS) -> list[str]:
    """Returns ``sentence`` in pieces of at most ``limit`` characters; their concatenation with
    spaces is ``sentence`` (up to runs of spaces).

    A piece ends at the last comma, semicolon, colon or dash that leaves it at least a third of
    ``limit`` long, else at the last space; never inside a word, unless a single word is longer
    than ``limit`` (then it is no word: a run of junk is cut at ``limit``)."""
    sentence = sentence.strip()
    out: list[str] = []
    start = 0
    n = len(sentence)
    while n - start > limit:
        end = start + limit
        cut = None
        for m in _PHRASE_END.finditer(sentence, start + limit // 3, end + 1):
            cut = m.end()
        if cut is None:
            for m in _SPACE.finditer(sentence, start + 1, end + 1):
                cut = m.start()
        if cut is None or cut <= start:
            cut = end  # one "word" longer than the limit
        piece = sentence[start:cut].strip()
        if piece:
            out.append(piece)
        m = _SPACE.match(sentence, cut)
        new_start = m.end() if m else cut
        assert new_start > start, "split_long did not advance"
        start = new_start
    tail = sentence[start:].strip()
    if tail:
        out.append(tail)
    return out


@functools.cache
def _abbreviations(lang: str | None) -> frozenset[str]:
    """Returns the words before which a full stop ends no sentence in a text in ``lang``.

    Its own abbreviations, and English ones (articles quote English: "Mr." in a German text)
    unless they are common words of the language (Spanish "no"). Without a language, those of
    every fully written language except their common words ("on", "no")."""
    english = languages.get("en").abbreviations
    if lang is not None:
        language = languages.get(lang)
        return language.abbreviations | (english - language.function_words)
    every = [languages.get(code) for code in languages.full_codes()]
    return (frozenset().union(*(x.abbreviations for x in every))
            - frozenset().union(*(x.function_words for x in every)))


def split_sentences(text: str, lang: str | None = None) -> list[str]:
    """Returns the sentences of ``text``; their concatenation with spaces is ``text`` (for a
    generic language, up to the spaces between them).

    A fully written language (or no ``lang``) is split after ``.!?…`` followed by a space and a
    capital, except after an abbreviation, an ordinal or a single letter; a generic language by
    ICU's sentence rules, which know other scripts' full stops (:func:`languages.generic.sentences`).
    """
    language = languages.get(lang) if lang else None
    if language is not None and not language.full:
        from audio_edition.languages import generic

        return generic.sentences(text, language.code)
    abbreviations = _abbreviations(language.code if language is not None else None)
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        # the last word only: a text of thousands of "z. B." must not be re-read from its start
        before = text[max(start, m.start() - 64):m.start()].rsplit(None, 1)
        last = before[-1].lower().strip("(\"'„“«»") if before else ""
        if m.group(1) == "." and (last.rstrip(".") in abbreviations or last.isdigit()
                                  or len(last) == 1):
            continue
        out.append(text[start:m.end(1)].strip())
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


def plan(script: Script, speak: Callable[[str, str], str] | None = None,
         pauses: Pauses = DEFAULT_PAUSES,
         progress: Callable[[int], None] | None = None) -> list[Utterance]:
    """Returns the utterances of ``script`` in order, each with the pause before it.

    Each sentence is one utterance; a sentence longer than :data:`MAX_UTTERANCE_CHARS` is cut
    into several (:func:`split_long`). ``speak(text, lang)`` turns written text into what the
    engine should say; by default the text is read as written. Utterances with nothing to say
    are dropped. ``progress(block)`` is called before each segment with its block's index (a
    caller can stop a text stage that takes too long, naming the paragraph).
    """
    speak = speak or (lambda text, lang: text)
    out: list[Utterance] = []
    prev = None
    for index, cast in enumerate(script.segments):
        seg = cast.segment
        if progress is not None:
            progress(seg.block)
        lang = cast.voice.lang or script.lang
        pieces = [(n, k, piece) for n, sentence in enumerate(split_sentences(seg.text, lang))
                  for k, piece in enumerate(split_long(sentence))]
        for n, k, sentence in pieces:
            # a passage cast in another language's voice is read by that language's rules
            spoken = speak(sentence, lang).strip()
            if not any(ch.isalnum() for ch in spoken):
                continue
            if prev is None:
                pause = pauses.lead_in
            elif k > 0:
                pause = pauses.phrase  # the next piece of an overlong sentence
            elif n > 0:
                pause = pauses.sentence
            elif seg.block != prev.block:
                pause = _block_pause(seg.kind, prev.kind, pauses)
            else:
                pause = pauses.phrase
                if prev.role is not seg.role and prev.text.rstrip()[-1:] in ".!?…:":
                    pause = pauses.sentence
            if prev is not None and prev.role is not seg.role:
                pause += pauses.quote_edge if seg.block == prev.block else 0.0
            out.append(Utterance(index, sentence, spoken, cast.voice, round(pause, 3)))
            prev = seg
    return out


def _block_pause(kind: BlockKind, prev_kind: BlockKind, pauses: Pauses) -> float:
    if prev_kind is BlockKind.TITLE:
        return pauses.after_title
    if kind is BlockKind.HEADING:
        return pauses.heading
    if prev_kind is BlockKind.HEADING:
        return pauses.after_heading
    if kind is BlockKind.CREDIT:
        return pauses.credit
    return pauses.paragraph


def _speech(x, rate: int):
    """Returns the samples ``x`` without the engine's leading and trailing silence: 5 ms
    windows whose RMS is below :data:`SILENCE_DBFS`."""
    import numpy as np

    w = max(1, rate // 200)
    n = len(x) // w
    if not n:
        return x[:0]
    frames = x[: n * w].astype(np.float32).reshape(n, w)
    rms = np.sqrt(np.mean(frames * frames, axis=1)) / 32768.0
    loud = np.flatnonzero(rms > 10 ** (SILENCE_DBFS / 20))
    if not len(loud):
        return x[:0]
    return x[loud[0] * w: min(len(x), (loud[-1] + 1) * w)]


def _resample(pcm: bytes, rate: int, target: int) -> bytes:
    # soxr band-limits properly; pydub's audioop.ratecv leaves spectral images above the old
    # Nyquist frequency, which sound harsh and which the MP3 encoder then cuts, lowering the
    # loudness we measured.
    import numpy as np
    import soxr

    x = np.frombuffer(pcm, dtype="<i2")
    return soxr.resample(x, rate, target, quality="HQ").astype("<i2").tobytes()


def prepare(audio: Audio, sample_rate: int = SAMPLE_RATE) -> bytes:
    """Returns ``audio`` trimmed of edge silence, at ``sample_rate``, with faded edges."""
    import numpy as np

    x = _speech(np.frombuffer(audio.pcm, dtype="<i2"), audio.sample_rate)
    if not len(x):
        return b""
    if audio.sample_rate != sample_rate:
        x = np.frombuffer(_resample(x.tobytes(), audio.sample_rate, sample_rate), dtype="<i2")
    # A linear fade of FADE_MS at each edge, shorter for a very short sound.
    fade = min(FADE_MS * sample_rate // 1000, len(x) // 4)
    if fade:
        x = x.copy()
        ramp = np.arange(fade, dtype=np.float32) / fade
        x[:fade] = np.round(x[:fade] * ramp).astype("<i2")
        x[-fade:] = np.round(x[-fade:] * ramp[::-1]).astype("<i2")
    return x.astype("<i2", copy=False).tobytes()


def assemble(utterances: Sequence[Utterance], audios: Sequence[Audio],
             sample_rate: int = SAMPLE_RATE, pauses: Pauses = DEFAULT_PAUSES,
             tail: bool = True) -> Rendered:
    """Returns the pieces of the episode (or of a part of it) and where each utterance sits.

    ``audios[i]`` is the engine's output for ``utterances[i]``. Pieces are kept in a list and
    streamed to the encoder; nothing is ever joined with pydub's quadratic ``a + b``. With
    ``tail`` the closing silence of an episode follows the last utterance.
    """
    pieces: list[tuple[bytes | None, int, str | None]] = []
    timings: list[Timing] = []
    pos = 0  # in samples
    for i, (utt, audio) in enumerate(zip(utterances, audios, strict=True)):
        gap = int(round(utt.pause * sample_rate))
        pieces.append((None, gap, None))
        pos += gap
        pcm = prepare(audio, sample_rate)
        n = len(pcm) // 2
        if n:
            pieces.append((pcm, n, utt.voice.name))
        timings.append(Timing(i, pos / sample_rate, (pos + n) / sample_rate))
        pos += n
    if tail:
        pieces.append((None, int(pauses.tail * sample_rate), None))
    return Rendered(pieces=pieces, sample_rate=sample_rate, timings=timings)


__all__ = ["DEFAULT_PAUSES", "MAX_UTTERANCE_CHARS", "Pauses", "SAMPLE_RATE", "assemble", "plan",
           "prepare", "split_long", "split_sentences"]
