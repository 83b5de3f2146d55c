"""What every reader shares: decoding bytes safely and tidying whitespace."""

from __future__ import annotations

import codecs
import datetime as dt
import logging
import re
import unicodedata
from pathlib import Path

from audio_edition.errors import ReaderError

log = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024
"""Largest article accepted, in bytes. Five megabytes is several books; more is a mistake."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),  # before UTF-16: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


def read_text(path: Path) -> str:
    """Returns the decoded text of ``path``, with Unix newlines and no BOM.

    UTF-8 is expected. A byte-order mark selects UTF-16 or UTF-32 (what some Windows editors
    save as "Unicode"). Text that is not valid UTF-8 but decodes as cp1252 (what Windows
    editors save German in) is accepted, since Latin-1/cp1252 bytes almost never form valid
    UTF-8. UTF-8 cut off inside its last character loses that character, with a warning.

    Raises ReaderError for a missing, empty, oversized or binary file, and for one in another
    encoding, saying what was found.
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
    text = _decode(data, path)
    if not text.strip():
        raise ReaderError("file is empty", path)
    if len(_CONTROL.findall(text)) > max(8, len(text) // 100) or "\x00" in text:
        raise ReaderError("binary file, not text", path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _decode(data: bytes, path: Path) -> str:
    """Returns ``data`` decoded by its byte-order mark, as UTF-8, or as cp1252."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise ReaderError(f"starts with a {name} byte-order mark but is not valid "
                                  f"{name}: {exc.reason} at byte {exc.start}; save it as UTF-8",
                                  path) from None
    if not data.strip():
        return ""
    if b"\x00" in data[:8192]:
        guess = _utf16_without_bom(data)
        if guess:
            raise ReaderError(f"looks like {guess} without a byte-order mark; save it as UTF-8 "
                              "(or as UTF-16 with one)", path)
        raise ReaderError("binary file, not text", path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(data):
            log.warning("%s: ends inside a UTF-8 character (cut off?); that character is "
                        "left out", path)
            return data[:exc.start].decode("utf-8")
        utf8 = f"invalid UTF-8 byte 0x{data[exc.start]:02x} at byte {exc.start}"
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ReaderError(f"not UTF-8 text ({utf8}), and not cp1252/Latin-1 either (byte "
                          f"0x{data[exc.start]:02x} at byte {exc.start}); save it as UTF-8",
                          path) from None


def _utf16_without_bom(data: bytes) -> str | None:
    """Returns "UTF-16LE" or "UTF-16BE" when ``data`` looks like such text without a BOM."""
    head = data[:8192]
    even, odd = head[0::2], head[1::2]
    if odd and odd.count(0) > 0.6 * len(odd) and even.count(0) < 0.1 * len(even):
        return "UTF-16LE"
    if even and even.count(0) > 0.6 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "UTF-16BE"
    return None


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


def iso_date(value: object) -> dt.datetime | None:
    """Returns a timezone-aware datetime from ISO 8601 text (``Z`` allowed; a time without a
    zone is taken as UTC), None for anything else."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.timezone.utc)
