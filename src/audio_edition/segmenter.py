"""Splits an article into narrator and quote segments.

PLACEHOLDER: naive pairing of „…“ and "…" marks; being replaced by the real segmenter.
"""

from __future__ import annotations

import re

from audio_edition.model import Article, BlockKind, Role, Segment

_QUOTE = re.compile(r'„([^“"]+)[“"]|"([^"]+)"|“([^”]+)”|»([^«]+)«|«\s?([^»]+?)\s?»')


def segment(article: Article, lang: str) -> list[Segment]:
    """Returns the segments of ``article`` in reading order."""
    out = [Segment(Role.NARRATOR, article.title, block=-2, kind=BlockKind.TITLE)]
    units = []
    if article.teaser:
        units.append((-1, BlockKind.TEASER, article.teaser))
    units += [(i, b.kind, b.text) for i, b in enumerate(article.blocks)]
    for index, kind, text in units:
        pos = 0
        for m in _QUOTE.finditer(text):
            inner = next(g for g in m.groups() if g is not None)
            if len(inner.split()) < 4:
                continue
            before = text[pos:m.start()].strip()
            if before:
                out.append(Segment(Role.NARRATOR, before, block=index, kind=kind))
            out.append(Segment(Role.QUOTE, inner.strip(), block=index, kind=kind))
            pos = m.end()
        rest = text[pos:].strip()
        if rest:
            out.append(Segment(Role.NARRATOR, rest, block=index, kind=kind))
    return out
