"""What every reader shares: decoding bytes safely and tidying whitespace."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from audio_edition.errors import ReaderError

MAX_BYTES = 5 * 1024 * 1024
"""Largest article accepted, in bytes. Five megabytes is several books; more is a mistake."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def read_text(path: Path) -> str:
    """Returns the decoded text of ``path``, with Unix newlines and no BOM.

    UTF-8 is expected; text that is not valid UTF-8 but decodes as cp1252 (what Windows editors
    save German in) is accepted, since Latin-1/cp1252 bytes almost never form valid UTF-8.

    Raises ReaderError for a missing, empty, oversized or binary file.
    """
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReaderError(
                f"file is {size / 1e6:.1f} MB; articles are limited to {MAX_BYTES / 1e6:.0f} MB",
                path,
            )
        data = path.read_bytes()
    except ReaderError:
        raise
    except IsADirectoryError:
        raise ReaderError("is a directory, not an article", path) from None
    except FileNotFoundError:
        raise ReaderError("no such file", path) from None
    except OSError as exc:
        raise ReaderError(f"cannot read: {exc.strerror or exc}", path) from None
    if not data.strip():
        raise ReaderError("file is empty", path)
    if b"\x00" in data[:8192]:
        raise ReaderError("binary file, not text", path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise ReaderError("not UTF-8 text, and not cp1252/Latin-1 either", path) from None
    if len(_CONTROL.findall(text)) > max(8, len(text) // 100):
        raise ReaderError("binary file, not text", path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def clean(text: str) -> str:
    """Returns ``text`` with control characters and runs of whitespace made one space."""
    text = _CONTROL.sub(" ", text)
    return _SPACE.sub(" ", text.replace("\n", " ")).strip()


def parse_date(value: object, path: Path, field: str = "date") -> dt.datetime | None:
    """Returns a timezone-aware datetime from a front-matter value (date, datetime or ISO text).

    A date without time is taken as midnight UTC. Raises ReaderError for text that is not a date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.timezone.utc)
    if isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise ReaderError(
                f"front matter: {field}: expected a date like 2026-11-28 but got {value!r}", path
            ) from None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.timezone.utc)
    raise ReaderError(f"front matter: {field}: expected a date but got {value!r}", path)
