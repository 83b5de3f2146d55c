"""Episode identity: which episode a source is, and the file name it is published under.

An episode is identified by its *source*, never by its file name. A source id is a short
string with a scheme:

- ``file:<path>``: an article file, by its path relative to the output folder (the folder the
  build is for, so the same command run from another working folder finds the same episodes);
- ``id:<value>``: an article that names itself (``id:`` or ``guid:`` in its front matter), so
  that it keeps its episode when the file is renamed or moved;
- ``url:<url>``: a page fetched from the web, by its URL (scheme and host in lower case,
  default port and fragment left out);
- ``edition:<title and members>``: an edition, by its title and the source ids of its articles.

An item of a web feed is identified by its GUID (or Atom/JSON Feed id) with
:func:`declared_source`, like an article that declares ``guid:`` in its front matter, so a
retitled item updates its episode and the same item read from a file with that ``guid:`` is
the same episode.

Each source gets a :class:`Slot` once and keeps it: its guid, and its *slug*, the stem of its
file names. The slug is made from the file name (or the edition's title); when another
episode already has that slug, a suffix made from the source id is added, so the same source
always gets the same suffix, whatever else is built. Manifests written before sources were
recorded identified episodes by their slug alone; such an episode is taken over by the first
source (in the order of source ids) that wants its slug, keeping its guid, so podcast apps do
not see it twice.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
import urllib.parse
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from audio_edition.model import Episode

SLUG_MAX = 80
"""Longest slug, in characters."""
_GUID_NAMESPACE = uuid.UUID("6f1c0e8a-3b7e-5d2a-9a51-4c2f0d7e8b11")
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                     *(f"lpt{i}" for i in range(10))}
_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue",
                           "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "Ø": "O", "ł": "l"})
DECLARED_ID_MAX = 200
"""Longest ``id`` an article may declare, in characters."""


def slugify(text: str, max_len: int = SLUG_MAX) -> str:
    """Returns a safe ASCII file stem for ``text``: ``[a-z0-9-]``, never empty or reserved."""
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLIT))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    slug = slug[:max_len].rstrip("-") or "episode"
    if slug in _WINDOWS_RESERVED:
        slug = f"{slug}-episode"
    return slug


def file_source(path: Path, base: Path) -> str:
    """Returns the source id of the article file ``path``: its path relative to ``base`` (the
    output folder), with symbolic links resolved; absolute when there is no relative path
    (another drive)."""
    target, root = path.resolve(), base.resolve()
    try:
        rel = os.path.relpath(target, root)
    except ValueError:
        rel = str(target)
    return "file:" + Path(rel).as_posix()


def declared_source(value: str) -> str:
    """Returns the source id of an article that declares its own id."""
    return "id:" + value


def url_source(url: str) -> str:
    """Returns the source id of the page at ``url``: the same for spellings of one URL that
    differ only in the case of the scheme or host, a default port or a fragment."""
    parts = urllib.parse.urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if ":" in host:
        host = f"[{host}]"  # IPv6
    default = {"http": 80, "https": 443}.get(scheme)
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, default) else f"{host}:{port}"
    if parts.username or parts.password:
        netloc = parts.netloc.rpartition("@")[0] + "@" + netloc
    return "url:" + urllib.parse.urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def edition_source(title: str, members: Sequence[str]) -> str:
    """Returns the source id of the edition called ``title`` made of the sources
    ``members``, in order."""
    return "edition:" + json.dumps([title.strip(), list(members)], ensure_ascii=False)


def guid_for(source: str) -> str:
    """Returns the guid of a new episode for ``source``: the same on every build."""
    return f"urn:uuid:{uuid.uuid5(_GUID_NAMESPACE, source)}"


def legacy_guid(slug: str) -> str:
    """Returns the guid manifests before sources were recorded gave the episode ``slug``."""
    return f"urn:uuid:{uuid.uuid5(_GUID_NAMESPACE, slug)}"


@dataclass(frozen=True)
class Claim:
    """A source that is to be published in this build."""

    source: str
    """The source id."""
    slug: str
    """The slug it would like: from its file name or its title."""
    title: str | None = None
    """For an edition, its title: an old episode is taken over only by an edition of the same
    title. None for an article."""


@dataclass(frozen=True)
class Slot:
    """Where a source is published: the same for every build of that source."""

    source: str
    """The source id."""
    guid: str
    """The episode's guid."""
    slug: str
    """The stem of the episode's file names."""
    previous: Episode | None
    """The episode the source had before this build, if any."""


def _suffixed(slug: str, source: str, taken: set[str]) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()
    for n in (6, 12, 64):
        candidate = f"{slug[:SLUG_MAX - n - 1].rstrip('-')}-{digest[:n]}"
        if candidate not in taken:
            return candidate
    raise ValueError(f"no free slug for {source!r}")  # 256 bits of hash collided: impossible


def assign(claims: Iterable[Claim], existing: Iterable[Episode]) -> dict[str, Slot]:
    """Returns the slot of every claim, by source id.

    A source that has an episode keeps its guid and slug. Otherwise, an old episode without a
    recorded source whose slug is the one wanted is taken over (for an edition only if the
    titles match). Otherwise the source gets a new guid and the slug it wants, or, when an
    episode or another claim of this build has that slug, the slug with a suffix made from the
    source id. Claims are handled in the order of their source ids, so the result does not
    depend on the order they are given in.
    """
    existing = list(existing)
    by_source = {e.source: e for e in existing if e.source}
    legacy = {e.slug: e for e in existing if not e.source}
    taken = {e.slug for e in existing}
    slots: dict[str, Slot] = {}
    unplaced: list[Claim] = []
    for claim in sorted(set(claims), key=lambda c: (c.source, c.slug, c.title or "")):
        if claim.source in slots:
            continue
        old = by_source.get(claim.source)
        if old is not None:
            slots[claim.source] = Slot(claim.source, old.guid, old.slug, old)
        else:
            unplaced.append(claim)
    for claim in unplaced:
        if claim.source in slots:
            continue
        old = legacy.get(claim.slug)
        if old is not None and (claim.title is None or old.title == claim.title):
            del legacy[claim.slug]
            slots[claim.source] = Slot(claim.source, old.guid, old.slug, old)
    for claim in unplaced:
        if claim.source in slots:
            continue
        slug = claim.slug if claim.slug not in taken else _suffixed(claim.slug, claim.source, taken)
        taken.add(slug)
        slots[claim.source] = Slot(claim.source, guid_for(claim.source), slug, None)
    return slots


__all__ = ["Claim", "SLUG_MAX", "Slot", "assign", "declared_source", "edition_source",
           "file_source", "guid_for", "legacy_guid", "slugify", "url_source"]
