"""The podcast feed: an episode manifest, and the RSS 2.0 feed written from it.

The list of episodes lives in ``feed/episodes.json``, written atomically; ``feed/feed.xml`` is
regenerated from it on every build. The existing XML is never parsed, so a damaged or hostile
feed file cannot break or steer a build, and a crash between two writes never drops an episode.

The feed follows RSS 2.0, Apple's podcast tags (``itunes:``) and the Podcasting 2.0 namespace
(``podcast:guid``, ``podcast:locked``, and per item ``podcast:transcript`` and
``podcast:chapters``); docs/FEED.md lists every element and the validator rules it meets.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import email.utils
import json
import logging
import re
import uuid
from pathlib import Path
from urllib.parse import quote

from lxml import etree

from audio_edition import languages
from audio_edition.chapters import JSON_TYPE as CHAPTERS_TYPE
from audio_edition.config import EditionConfig
from audio_edition.config import url as ascii_url
from audio_edition.errors import FeedError
from audio_edition.fsutil import atomic_write
from audio_edition.model import Episode
from audio_edition.transcripts import SRT_TYPE, VTT_TYPE

log = logging.getLogger(__name__)

FEED_DIR = "feed"
FEED_FILE = "feed.xml"
MANIFEST_FILE = "episodes.json"
MANIFEST_VERSION = 2
"""2: each episode records its ``source``; 1 (read too): episodes known by their slug."""

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
# gPodder's parser recognises only the GitHub-URL form of the Podcasting 2.0 namespace.
PODCAST = "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"
DC = "http://purl.org/dc/elements/1.1/"
"""Dublin Core: RSS 2.0 has a language for the channel only; ``dc:language`` gives an item its
own (an English episode in a German feed), and feed readers such as feedparser read it."""
NSMAP = {"itunes": ITUNES, "atom": ATOM, "content": CONTENT, "podcast": PODCAST, "dc": DC}
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
"""The namespace UUID the Podcasting 2.0 spec defines for ``podcast:guid``."""

# Characters XML 1.0 does not allow, even escaped.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: object) -> str:
    """Returns ``value`` as text that is legal inside XML (control characters removed)."""
    return _XML_ILLEGAL.sub("", str(value))


# -- manifest -------------------------------------------------------------------------------------

def _episode_to_json(ep: Episode) -> dict:
    data = dataclasses.asdict(ep)
    data["pub_date"] = ep.pub_date.isoformat()
    return data


def _episode_from_json(data: dict) -> Episode:
    known = {f.name for f in dataclasses.fields(Episode)}
    values = {k: v for k, v in data.items() if k in known}
    values["pub_date"] = dt.datetime.fromisoformat(values["pub_date"])
    return Episode(**values)


def load_manifest(out_dir: Path) -> list[Episode]:
    """Returns the episodes recorded in ``out_dir/feed/episodes.json`` (empty when absent).

    Raises FeedError when the manifest exists but is damaged.
    """
    path = out_dir / FEED_DIR / MANIFEST_FILE
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [_episode_from_json(e) for e in data["episodes"]]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise FeedError(f"damaged episode manifest ({exc}); restore it from a backup", path) from None


def save_manifest(out_dir: Path, episodes: list[Episode]) -> None:
    """Writes the manifest atomically, newest episode first; an unchanged one is left as it
    is."""
    path = out_dir / FEED_DIR / MANIFEST_FILE
    data = {"version": MANIFEST_VERSION, "episodes": [_episode_to_json(e) for e in episodes]}
    text = (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    try:
        if path.read_bytes() == text:
            return
    except OSError:
        pass
    atomic_write(path, text)


def merge(existing: list[Episode], new: list[Episode]) -> list[Episode]:
    """Returns ``existing`` with ``new`` added or replacing the same guid, newest first.

    Every episode gets a number (itunes:episode) once: a replaced episode keeps the one it had,
    and episodes without one are numbered after the highest, oldest first. Numbers never change
    afterwards, even when an older episode is added later.
    """
    by_guid = {e.guid: e for e in existing}
    for e in new:
        old = by_guid.get(e.guid)
        if e.number is None and old is not None and old.number is not None:
            e = dataclasses.replace(e, number=old.number)
        by_guid[e.guid] = e
    episodes = sorted(by_guid.values(), key=lambda e: (e.pub_date, e.guid))
    taken = max((e.number for e in episodes if e.number is not None), default=0)
    for i, e in enumerate(episodes):
        if e.number is None:
            taken += 1
            episodes[i] = dataclasses.replace(e, number=taken)
    return episodes[::-1]


# -- RSS ------------------------------------------------------------------------------------------

def url_for(config: EditionConfig, relative: str) -> str:
    """Returns the absolute URL of a file in the output folder."""
    return config.base_url + quote(relative)


def feed_url(config: EditionConfig) -> str:
    """Returns the URL apps subscribe to: ``base_url`` + ``feed/feed.xml``."""
    return url_for(config, f"{FEED_DIR}/{FEED_FILE}")


def podcast_guid(url: str) -> str:
    """Returns the ``podcast:guid`` of the feed at ``url``: the UUIDv5, in the Podcasting 2.0
    namespace, of the URL without its scheme and trailing slashes."""
    bare = re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*://", "", url.strip()).rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare))


def _sub(parent: etree._Element, tag: str, text: object | None = None,
         attrs: dict[str, str] | None = None, **kw: str):
    values = {**(attrs or {}), **kw}
    el = etree.SubElement(parent, tag, {k: xml_text(v) for k, v in values.items()})
    if text is not None:
        el.text = xml_text(text)
    return el


def _rfc2822(when: dt.datetime) -> str:
    return email.utils.format_datetime(when.astimezone(dt.timezone.utc))


def render_feed(config: EditionConfig, episodes: list[Episode], cover: str,
                build_date: dt.datetime) -> bytes:
    """Returns the RSS document for ``episodes`` (newest first) as UTF-8 bytes.

    ``cover`` is the cover image's path relative to the output folder.
    """
    rss = etree.Element("rss", nsmap=NSMAP, version="2.0")
    ch = _sub(rss, "channel")
    _sub(ch, "title", config.title)
    _sub(ch, "link", config.link or config.base_url)
    _sub(ch, "description", config.description)
    _sub(ch, "language", config.language)
    if config.copyright:
        _sub(ch, "copyright", config.copyright)
    _sub(ch, "lastBuildDate", _rfc2822(build_date))
    _sub(ch, "generator", "audio-edition")
    _sub(ch, f"{{{ATOM}}}link", href=feed_url(config), rel="self", type="application/rss+xml")
    _sub(ch, f"{{{ITUNES}}}author", config.author)
    if config.owner_email:  # the validator requires the email in itunes:owner
        owner = _sub(ch, f"{{{ITUNES}}}owner")
        _sub(owner, f"{{{ITUNES}}}name", config.owner_name or config.author)
        _sub(owner, f"{{{ITUNES}}}email", config.owner_email)
    _sub(ch, f"{{{ITUNES}}}image", href=url_for(config, cover))
    image = _sub(ch, "image")
    _sub(image, "url", url_for(config, cover))
    _sub(image, "title", config.title)
    _sub(image, "link", config.link or config.base_url)
    main, _, sub = (p.strip() for p in config.category.partition("/"))
    cat = _sub(ch, f"{{{ITUNES}}}category", attrs={"text": main})
    if sub:
        _sub(cat, f"{{{ITUNES}}}category", attrs={"text": sub})
    _sub(ch, f"{{{ITUNES}}}explicit", "true" if config.explicit else "false")
    _sub(ch, f"{{{ITUNES}}}type", config.show_type)
    _sub(ch, f"{{{PODCAST}}}guid", config.guid or podcast_guid(feed_url(config)))
    locked = {"owner": config.owner_email} if config.owner_email else {}
    _sub(ch, f"{{{PODCAST}}}locked", "yes" if config.locked else "no", attrs=locked)
    for ep in episodes:
        _item(ch, config, ep)
    return etree.tostring(rss, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _item(ch: etree._Element, config: EditionConfig, ep: Episode) -> None:
    item = _sub(ch, "item")
    _sub(item, "title", ep.title)
    _sub(item, "link", url_for(config, ep.page_file))  # the listening page (pages.py)
    _sub(item, "description", ep.description or ep.title)
    for name in ep.categories:
        _sub(item, "category", name)
    _sub(item, "guid", ep.guid, isPermaLink="false")
    _sub(item, "pubDate", _rfc2822(ep.pub_date))
    if ep.lang:
        _sub(item, f"{{{DC}}}language", languages.feed_tag(ep.lang))
    _sub(item, "enclosure", url=url_for(config, ep.audio_file), length=str(ep.size),
         type="audio/mpeg")
    _sub(item, f"{{{ITUNES}}}title", ep.title)
    if ep.author:
        _sub(item, f"{{{ITUNES}}}author", ep.author)
    _sub(item, f"{{{ITUNES}}}duration", str(int(round(ep.duration))))
    explicit = config.explicit if config.episode_explicit is None else config.episode_explicit
    _sub(item, f"{{{ITUNES}}}explicit", "true" if explicit else "false")
    _sub(item, f"{{{ITUNES}}}episodeType", config.episode_type)
    if ep.number is not None:
        _sub(item, f"{{{ITUNES}}}episode", str(ep.number))
    if config.episode_season is not None:
        _sub(item, f"{{{ITUNES}}}season", str(config.episode_season))
    for path, kind in ((ep.vtt_file, VTT_TYPE), (ep.srt_file, SRT_TYPE)):
        if path:
            _sub(item, f"{{{PODCAST}}}transcript", url=url_for(config, path), type=kind,
                 language=languages.feed_tag(ep.lang), rel="captions")
    if ep.chapters_file:
        _sub(item, f"{{{PODCAST}}}chapters", url=url_for(config, ep.chapters_file),
             type=CHAPTERS_TYPE)


def write_feed(out_dir: Path, config: EditionConfig, episodes: list[Episode], cover: str) -> Path:
    """Writes ``out_dir/feed/feed.xml`` atomically and returns its path.

    ``lastBuildDate`` only moves when the feed's content changes, so an unchanged rebuild leaves
    the file byte-identical.
    """
    path = out_dir / FEED_DIR / FEED_FILE
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    fresh = render_feed(config, episodes, cover, now)
    if path.exists():
        old = path.read_bytes()
        old_date = _last_build_date(old)
        if old_date is not None and render_feed(config, episodes, cover, old_date) == old:
            return path
    atomic_write(path, fresh)
    return path


def _last_build_date(feed: bytes) -> dt.datetime | None:
    m = re.search(rb"<lastBuildDate>([^<]{1,64})</lastBuildDate>", feed)
    if not m:
        return None
    try:
        return email.utils.parsedate_to_datetime(m.group(1).decode("ascii", "replace"))
    except (TypeError, ValueError):
        return None
