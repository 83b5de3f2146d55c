"""The plain-text article format.

    Headline
    "An optional teaser line, possibly a quote"

    Paragraphs separated by blank lines.

    A subheading: one short line without closing punctuation

    Zitate von Name:
      1. Label: "The quote."
      2. Label: "Another one."

    example.TV

The teaser is the line right under the headline, or a lone line after it that is entirely in
quotes. The last block is the credit when it is one short line without closing punctuation.
"""

from __future__ import annotations

import re
from pathlib import Path

from audio_edition.errors import ReaderError
from audio_edition.model import Article, ArticleMeta, Block, BlockKind
from audio_edition.readers.common import clean, read_text

HEADING_MAX = 90
"""Longest line, in characters, still taken for a subheading."""
CREDIT_MAX = 60
"""Longest last line still taken for a credit."""
TEASER_MAX = 300
"""Longest line still taken for a teaser when it is separated from the headline."""

_COMMENT_LINE = re.compile(r"^\s*<!--.*-->\s*$")
_LIST_ITEM = re.compile(r"^\s*(\d{1,3})[.)]\s+(\S.*)$")
_CLOSING = re.compile(r"[.!?:;…,\"'“”«»‘’)\]]$")
_QUOTED = re.compile(r'^\s*["„“”»«‚‘\'].*["“”«»‘’\']\W?\s*$')


def read(path: Path) -> Article:
    """Returns the Article in the plain-text file ``path``.

    Raises ReaderError when the file is empty, binary or undecodable.
    """
    paragraphs = _split_blocks(read_text(path))
    if not paragraphs:
        raise ReaderError("file is empty", path)
    head = paragraphs.pop(0)
    title = clean(head[0])
    teaser = None
    if len(head) > 1:
        teaser = clean(" ".join(head[1:]))
    elif paragraphs and len(paragraphs[0]) == 1 and len(paragraphs[0][0]) <= TEASER_MAX:
        if _QUOTED.match(paragraphs[0][0]):
            teaser = clean(paragraphs.pop(0)[0])
    if not title:
        raise ReaderError("no headline on the first line", path)

    credit = None
    if paragraphs and _is_credit(paragraphs[-1]):
        credit = clean(paragraphs.pop()[0])

    blocks: list[Block] = []
    for lines in paragraphs:
        blocks.extend(_blocks(lines))
    if credit:
        blocks.append(Block(BlockKind.CREDIT, credit))
    return Article(path=path, title=title, teaser=teaser, blocks=blocks,
                   meta=ArticleMeta(source=credit))


def _split_blocks(text: str) -> list[list[str]]:
    """Returns the non-empty lines of ``text`` grouped by blank lines."""
    groups: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        if _COMMENT_LINE.match(line):
            continue  # a Markdown override such as <!-- quote: Name -->: never read aloud
        if line.strip():
            current.append(line.rstrip())
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def _is_heading(line: str) -> bool:
    line = line.strip()
    return 0 < len(line) <= HEADING_MAX and not _CLOSING.search(line) and not _LIST_ITEM.match(line)


def _is_credit(lines: list[str]) -> bool:
    line = lines[0].strip()
    return len(lines) == 1 and len(line) <= CREDIT_MAX and not re.search(r"[.!?:;…\"“”«»]$", line) \
        or len(lines) == 1 and bool(re.match(r"^(Quelle|Source|Credit|Text|Foto)\s*:", line, re.I))


def _blocks(lines: list[str]) -> list[Block]:
    """Returns the blocks of one blank-line-separated group: list items, a heading or a paragraph."""
    if len(lines) == 1 and _is_heading(lines[0]):
        return [Block(BlockKind.HEADING, clean(lines[0]))]
    blocks: list[Block] = []
    prose: list[str] = []

    def flush() -> None:
        if prose:
            blocks.append(Block(BlockKind.PARAGRAPH, clean(" ".join(prose))))
            prose.clear()

    for line in lines:
        m = _LIST_ITEM.match(line)
        if m:
            flush()
            blocks.append(Block(BlockKind.LIST_ITEM, clean(m.group(2)), number=int(m.group(1))))
        elif blocks and blocks[-1].kind is BlockKind.LIST_ITEM and not prose and line[:1].isspace():
            # An indented continuation line of the previous list item.
            blocks[-1].text = clean(blocks[-1].text + " " + line)
        else:
            prose.append(line)
    flush()
    return blocks
