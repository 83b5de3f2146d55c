"""Readers turn an input file into an :class:`~audio_edition.model.Article`.

Each reader module registers the file extensions it handles; :func:`read_article` picks the
reader by extension, so adding a format means adding a module here.
"""

from __future__ import annotations

from pathlib import Path

from audio_edition.errors import ReaderError
from audio_edition.model import Article
from audio_edition.readers import html, markdown, text
from audio_edition.readers.common import MAX_BYTES

READERS = {
    ".txt": text.read,
    ".text": text.read,
    ".md": markdown.read,
    ".markdown": markdown.read,
    ".html": html.read,
    ".htm": html.read,
}
"""File extension -> reader function."""


def is_article(path: Path) -> bool:
    """Returns whether ``path`` has an extension some reader handles."""
    return path.suffix.lower() in READERS


def read_article(path: str | Path) -> Article:
    """Reads ``path`` with the reader for its extension.

    Raises ReaderError when the extension is unknown or the file cannot be read.
    """
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise ReaderError(f"unsupported file type {path.suffix!r} (expected one of {known})", path)
    return reader(path)


__all__ = ["MAX_BYTES", "READERS", "is_article", "read_article"]
