"""Articles fetched from the web, as :mod:`audio_edition.web` keeps them: one ``.article`` file
each, holding the article already extracted (JSON), with the source id that identifies its
episode and the URL it came from.

Keeping the extracted article rather than the page means a page whose furniture changed (an
advert, a date in the sidebar) but whose article did not gives the same file, and so rebuilds
nothing. The bytes are the same for the same article: keys sorted, no time of fetching.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from audio_edition.errors import ReaderError
from audio_edition.model import Article, ArticleMeta, Block, BlockKind, Role
from audio_edition.readers.common import MAX_BYTES

SUFFIX = ".article"
"""The extension of a fetched article's file."""
FORMAT = 1
"""Written into every file; a file of another format is refused (fetch it again)."""


def dumps(article: Article, source: str, origin: str) -> bytes:
    """Returns the file that keeps ``article``: identified by the source id ``source``
    (:mod:`audio_edition.identity`), fetched from ``origin`` (the URL messages name)."""
    meta = article.meta
    data = {
        "format": FORMAT,
        "source": source,
        "origin": origin,
        "title": article.title,
        "teaser": article.teaser,
        "blocks": [{"kind": b.kind.value, "text": b.text, "number": b.number,
                    "role": b.role.value if b.role else None, "speaker": b.speaker}
                   for b in article.blocks],
        "meta": {"author": meta.author, "date": meta.date.isoformat() if meta.date else None,
                 "lang": meta.lang, "source": meta.source, "subtitle": meta.subtitle,
                 "description": meta.description, "id": meta.id,
                 "categories": list(meta.categories), "url": meta.url},
    }
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0) + "\n").encode()


def _load(path: Path) -> dict:
    try:
        if path.stat().st_size > 4 * MAX_BYTES:
            raise ReaderError("fetched article file is too large", path)
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise ReaderError("no such file", path) from None
    except OSError as exc:
        raise ReaderError(f"cannot read: {exc.strerror or exc}", path) from None
    except ValueError as exc:
        raise ReaderError(f"damaged fetched article ({exc}); build again to fetch it anew",
                          path) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ReaderError("fetched article of another format; build again to fetch it anew",
                          path)
    return data


def read(path: Path) -> Article:
    """Returns the article kept in ``path``; its :attr:`Article.path` is ``path``.

    Raises ReaderError, naming the URL it came from, when the file is damaged.
    """
    data = _load(path)
    try:
        meta = dict(data["meta"])
        date = dt.datetime.fromisoformat(meta.pop("date")) if meta.get("date") else None
        meta.pop("date", None)
        blocks = [Block(kind=BlockKind(b["kind"]), text=b["text"], number=b["number"],
                        role=Role(b["role"]) if b["role"] else None, speaker=b["speaker"])
                  for b in data["blocks"]]
        return Article(path=path, title=data["title"], teaser=data["teaser"], blocks=blocks,
                       meta=ArticleMeta(date=date, **meta))
    except (KeyError, TypeError, ValueError) as exc:
        raise ReaderError(f"damaged fetched article ({type(exc).__name__}: {exc}); build "
                          "again to fetch it anew", data.get("origin") or path) from None


def source_id(path: Path) -> str | None:
    """Returns the source id the file at ``path`` records (a feed item's GUID, a page's URL).

    Raises ReaderError when the file is damaged."""
    source = _load(path).get("source")
    return source if isinstance(source, str) and source else None


def origin(path: Path) -> str | None:
    """Returns the URL the article in ``path`` was fetched from, which messages name."""
    try:
        value = _load(path).get("origin")
    except ReaderError:
        return None
    return value if isinstance(value, str) and value else None
