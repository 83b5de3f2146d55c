"""Transcripts from the script itself: no speech recognition, every word exactly as written.

Each utterance (a sentence, or the part of a sentence one voice reads) becomes one or more
cues. The cue starts at the utterance's first sample of speech and the last cue of an utterance
ends at its last; when a sentence is too long for one cue, it is cut between words and the time
is shared out in proportion to the characters, which is how evenly a TTS voice speaks. Every
cue names its speaker: :data:`NARRATOR`, the quoted person, or :data:`UNNAMED` for a quote
nobody is credited with.

Two formats, each with its own line rules (:class:`LineRules`):

- WebVTT, which Apple Podcasts ingests: the speaker as a voice span ``<v Name>``, at most two
  lines of 42 characters (the namespace recommends no more than 65).
- SRT, as the Podcasting 2.0 transcript notes ask for podcasts: at most two lines of 32
  characters, the speaker's name and a colon in front of the text, counted in the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from audio_edition.model import CastSegment, Role, Script, Timing, Utterance

NARRATOR = "Narrator"
"""The speaker of everything the narrator voice reads."""
UNNAMED = "Quote"
"""The speaker of a quote the article does not attribute to anyone."""
VTT_TYPE = "text/vtt"
"""Media type of WebVTT."""
SRT_TYPE = "application/x-subrip"
"""Media type of SRT, as the Podcasting 2.0 namespace names it."""


@dataclass(frozen=True)
class LineRules:
    """How much text one cue may show."""

    max_chars: int
    """Characters per line, the speaker prefix included when there is one."""
    max_lines: int
    """Lines per cue."""
    speaker_prefix: bool
    """Whether the first line of a cue starts with ``Name: `` (SRT) rather than carrying the
    speaker out of band (WebVTT's voice span)."""


VTT_RULES = LineRules(max_chars=42, max_lines=2, speaker_prefix=False)
"""WebVTT: two lines of 42 characters, the broadcast caption convention."""
SRT_RULES = LineRules(max_chars=32, max_lines=2, speaker_prefix=True)
"""SRT: two lines of 32 characters including ``Name: ``, per the Podcasting 2.0 notes."""


@dataclass(frozen=True)
class Cue:
    """A piece of text on screen for a stretch of time."""

    start: float
    """Seconds from the start of the episode."""
    end: float
    """Seconds from the start of the episode; greater than ``start``."""
    speaker: str
    """Who says it."""
    lines: tuple[str, ...]
    """The text, already broken into lines that follow the format's rules."""


def speaker_of(cast: CastSegment) -> str:
    """Returns the name a transcript gives the reader of ``cast``."""
    seg = cast.segment
    if seg.role is Role.NARRATOR:
        return NARRATOR
    return seg.person or UNNAMED  # never a bare pronoun


def cues(script: Script, utterances: Sequence[Utterance], timings: Sequence[Timing],
         rules: LineRules) -> list[Cue]:
    """Returns the cues of the whole episode, in order, following ``rules``.

    ``timings[i]`` is where ``utterances[i]`` is heard. Utterances without audio are skipped.
    """
    out: list[Cue] = []
    for utt, timing in zip(utterances, timings):
        if timing.end <= timing.start:
            continue
        speaker = speaker_of(script.segments[utt.segment])
        words = utt.text.split()
        if not words:
            continue
        first, lines_left = _budget(speaker, rules)
        groups = _pack(words, first, rules.max_chars, lines_left)
        total = sum(len(" ".join(g)) for g in groups) + len(groups) - 1
        span = timing.end - timing.start
        done = 0
        for n, group in enumerate(groups):
            start = timing.start + span * done / total
            done += len(" ".join(group)) + 1  # a cue's share includes the space after it
            end = timing.end if n == len(groups) - 1 else timing.start + span * done / total
            lines = _wrap(group, first, rules.max_chars, lines_left)
            out.append(Cue(round(start, 3), round(end, 3), speaker, tuple(lines)))
    return out


MIN_FIRST_LINE = 10
"""Fewer characters than this left beside ``Name: `` put the name on a line of its own."""


def _budget(speaker: str, rules: LineRules) -> tuple[int, int]:
    # Returns the first line's room for text and how many lines the text may use.
    if not rules.speaker_prefix:
        return rules.max_chars, rules.max_lines
    room = rules.max_chars - len(_label(speaker, rules))
    if room >= MIN_FIRST_LINE or rules.max_lines < 2:
        return max(room, 1), rules.max_lines
    return rules.max_chars, rules.max_lines - 1


def _label(speaker: str, rules: LineRules) -> str:
    label = f"{speaker}: "
    if len(label) > rules.max_chars:
        label = speaker[: rules.max_chars - 3] + "…: "
    return label


def _split_long(words: list[str], limit: int) -> list[str]:
    # A word longer than a line (a long web address) is cut into pieces that fit.
    out = []
    for w in words:
        while len(w) > limit:
            out.append(w[:limit])
            w = w[limit:]
        if w:
            out.append(w)
    return out


def _wrap(words: Sequence[str], first: int, rest: int, max_lines: int) -> list[str] | None:
    """Returns ``words`` as at most ``max_lines`` lines (the first at most ``first`` characters,
    the others ``rest``), as evenly long as possible; None when they do not fit."""
    text = " ".join(words)
    if len(text) <= first:
        return [text]
    if max_lines == 1:
        return None
    if max_lines == 2:
        best = None
        for k in range(1, len(words)):
            a, b = " ".join(words[:k]), " ".join(words[k:])
            if len(a) <= first and len(b) <= rest:
                score = max(len(a), len(b))
                if best is None or score < best[0]:
                    best = (score, [a, b])
        if best:
            return best[1]
        return [text] if len(text) <= first else None
    lines: list[str] = []
    for w in words:
        limit = first if not lines else rest
        if lines and len(lines[-1]) + 1 + len(w) <= limit:
            lines[-1] += " " + w
        else:
            lines.append(w)
    return lines if len(lines) <= max_lines and all(len(x) <= rest for x in lines[1:]) \
        and len(lines[0]) <= first else None


def _pack(words: list[str], first: int, rest: int, max_lines: int) -> list[list[str]]:
    """Returns ``words`` in groups, each of which fits one cue; the last two groups are
    balanced so that a sentence does not end with a cue of one lonely word."""
    words = _split_long(words, min(first, rest))
    groups: list[list[str]] = []
    current: list[str] = []
    for w in words:
        if current and _wrap(current + [w], first, rest, max_lines) is None:
            groups.append(current)
            current = []
        current.append(w)
    if current:
        groups.append(current)
    if len(groups) >= 2:
        a, b = groups[-2], groups[-1]
        while len(a) > 1 and len(" ".join(b)) < len(" ".join(a)) - len(a[-1]):
            moved = [a[-1]] + b
            if _wrap(moved, first, rest, max_lines) is None:
                break
            a, b = a[:-1], moved
        groups[-2:] = [a, b]
    return groups


def _timestamp(seconds: float, sep: str) -> str:
    ms = int(round(seconds * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def _vtt_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_vtt(cue_list: Sequence[Cue]) -> str:
    """Returns a WebVTT document: every cue opens with its speaker's voice span."""
    parts = ["WEBVTT", ""]
    for cue in cue_list:
        parts.append(f"{_timestamp(cue.start, '.')} --> {_timestamp(cue.end, '.')}")
        lines = [_vtt_escape(line) for line in cue.lines]
        lines[0] = f"<v {_vtt_escape(cue.speaker)}>{lines[0]}"
        parts.extend(lines)
        parts.append("")
    return "\n".join(parts)


_ARROW = re.compile(r"-->")


def to_srt(cue_list: Sequence[Cue], rules: LineRules = SRT_RULES) -> str:
    """Returns an SRT document: every cue starts with ``Speaker: ``, on the first line of text
    when there is room for it under ``rules``, else on a line of its own."""
    parts = []
    for n, cue in enumerate(cue_list, 1):
        parts.append(str(n))
        parts.append(f"{_timestamp(cue.start, ',')} --> {_timestamp(cue.end, ',')}")
        lines = [_ARROW.sub("->", line) for line in cue.lines]
        label = _label(cue.speaker, rules)
        if len(label) + len(lines[0]) <= rules.max_chars:
            lines[0] = label + lines[0]
        else:
            lines.insert(0, label.rstrip())
        parts.extend(lines)
        parts.append("")
    return "\n".join(parts)


__all__ = ["Cue", "LineRules", "NARRATOR", "SRT_RULES", "SRT_TYPE", "UNNAMED", "VTT_RULES",
           "VTT_TYPE", "cues", "speaker_of", "to_srt", "to_vtt"]
