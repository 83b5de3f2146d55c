"""Readers turn an input file into an :class:`~audio_edition.model.Article`.

:data:`READERS` maps each file extension to the reader module that handles it;
:func:`read_article` picks the reader by extension and imports it only then (the Markdown and
HTML parsers take a while to import), so adding a format means adding a module here.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from audio_edition.errors import ReaderError
from audio_edition.model import Article
from audio_edition.readers.common import MAX_BYTES

READERS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".article": "fetched",
}
"""File extension -> the module in this package whose ``read`` function reads it."""


def is_article(path: Path) -> bool:
    """Returns whether ``path`` has an extension some reader handles."""
    return path.suffix.lower() in READERS


def read_article(path: str | Path) -> Article:
    """Reads ``path`` with the reader for its extension.

    Raises ReaderError when the extension is unknown or the file cannot be read.
    """
    path = Path(path)
    module = READERS.get(path.suffix.lower())
    if module is None:
        known = ", ".join(sorted(READERS))
        raise ReaderError(f"unsupported file type {path.suffix!r} (expected one of {known})", path)
    return importlib.import_module(f"audio_edition.readers.{module}").read(path)


def declared_id(path: Path) -> str | None:
    """Returns the identity the file at ``path`` declares for itself (a Markdown article's
    ``id:`` or ``guid:``), or None when its format has no such thing or it declares none.

    Raises ReaderError as :func:`read_article` does for a file it cannot read.
    """
    module = READERS.get(path.suffix.lower())
    if module is None:
        return None
    return getattr(importlib.import_module(f"audio_edition.readers.{module}"), "declared_id",
                   lambda _: None)(path)


def source_id(path: Path) -> str | None:
    """Returns the source id (:mod:`audio_edition.identity`) the file at ``path`` records for
    itself (an article fetched from the web: its feed item's GUID or its page's URL), or None
    when the file is identified otherwise.

    Raises ReaderError as :func:`read_article` does for a file it cannot read.
    """
    return _hook(path, "source_id")


def origin(path: Path) -> str | None:
    """Returns the URL the article at ``path`` was fetched from, or None for one written
    here; messages about the article name it."""
    return _hook(path, "origin")


def _hook(path: Path, name: str):
    module = READERS.get(path.suffix.lower())
    if module is None:
        return None
    return getattr(importlib.import_module(f"audio_edition.readers.{module}"), name,
                   lambda _: None)(path)


__all__ = ["MAX_BYTES", "READERS", "declared_id", "is_article", "origin", "read_article",
           "source_id"]
