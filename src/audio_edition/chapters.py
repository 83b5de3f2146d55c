"""Chapters from what only the pipeline knows exactly: which utterance starts each section.

A chapter is a stretch of the episode that begins at a *mark*: the first segment of a section.
In an article the first section begins at the headline and every heading begins another; in an
edition every article begins one (:mod:`audio_edition.editions` makes those marks). The start
of a chapter is the first sample of speech of the section's first utterance, taken from
:class:`~audio_edition.model.Timing`, not the start of the pause before it: that is where a
listener who jumps to the chapter hears its first word, and where the audio of the section can
be measured to start. A chapter ends where the next one starts; the last one ends with the
episode.

The same chapters go into the MP3 (ID3 CHAP/CTOC frames, see :mod:`audio_edition.tagging`) and
into a JSON chapters file (Podcasting 2.0, version 1.2) next to it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Sequence

from audio_edition.model import BlockKind, Script, Timing, Utterance

JSON_VERSION = "1.2.0"
"""The version of the Podcasting 2.0 JSON chapters format written."""
JSON_TYPE = "application/json+chapters"
"""The type the namespace asks ``<podcast:chapters>`` to declare."""


@dataclass(frozen=True)
class Mark:
    """Where a section begins in a script."""

    segment: int
    """Index of the section's first segment in the script."""
    title: str
    """The chapter title: the headline, a heading, or an article's title in an edition."""


@dataclass(frozen=True)
class Chapter:
    """A titled stretch of an episode."""

    title: str
    """What the section is called."""
    start: float
    """Seconds from the start of the episode to the section's first sample of speech."""
    end: float
    """Seconds to where the next chapter starts, or the end of the episode."""


def article_marks(script: Script) -> list[Mark]:
    """Returns the sections of one article: the first starts at the headline (titled with the
    article's title), each heading starts another (titled with the heading's text).

    A heading that a quote splits into several segments starts one section, at its first.
    """
    marks: list[Mark] = []
    blocks = script.article.blocks
    seen: set[int] = set()
    for i, cast in enumerate(script.segments):
        seg = cast.segment
        if not marks:
            marks.append(Mark(i, script.article.title))
        elif seg.kind is BlockKind.HEADING and seg.block not in seen:
            seen.add(seg.block)
            title = blocks[seg.block].text if 0 <= seg.block < len(blocks) else seg.text
            marks.append(Mark(i, title))
    return marks


def locate(marks: Sequence[Mark], utterances: Sequence[Utterance], timings: Sequence[Timing],
           duration: float) -> list[Chapter]:
    """Returns one chapter per mark that has something to say, in order.

    ``timings[i]`` is where ``utterances[i]`` sits in the episode; ``duration`` is the
    episode's length in seconds. A mark whose section has no utterance (a heading of only
    punctuation) is dropped, as is one that would start where the previous one starts.
    """
    ordered = sorted(marks, key=lambda m: m.segment)
    starts: list[tuple[str, float]] = []
    for n, mark in enumerate(ordered):
        stop = ordered[n + 1].segment if n + 1 < len(ordered) else None
        for utt, timing in zip(utterances, timings):
            if utt.segment >= mark.segment and (stop is None or utt.segment < stop):
                if not starts or timing.start > starts[-1][1]:
                    starts.append((mark.title, timing.start))
                break
    chapters = []
    for n, (title, start) in enumerate(starts):
        end = starts[n + 1][1] if n + 1 < len(starts) else max(duration, start)
        chapters.append(Chapter(title=title, start=round(start, 3), end=round(end, 3)))
    return chapters


def to_json(chapters: Sequence[Chapter], *, title: str | None = None,
            podcast: str | None = None, author: str | None = None,
            file_name: str | None = None) -> str:
    """Returns the chapters as a Podcasting 2.0 JSON chapters document (version 1.2).

    Times are seconds with millisecond precision; every chapter has a title and an end time.
    """
    doc: dict[str, object] = {"version": JSON_VERSION}
    for key, value in (("title", title), ("podcastName", podcast), ("author", author),
                       ("fileName", file_name)):
        if value:
            doc[key] = value
    doc["chapters"] = [{"startTime": c.start, "endTime": c.end, "title": c.title}
                       for c in chapters]
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


__all__ = ["Chapter", "JSON_TYPE", "JSON_VERSION", "Mark", "article_marks", "locate", "to_json"]
