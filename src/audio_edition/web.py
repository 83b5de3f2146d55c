"""Sources on the web: a feed URL whose items become articles, or a page URL that is one.

A URL is told apart by what it serves, not by how it looks: JSON Feed 1.x (a JSON object whose
``version`` is a jsonfeed.org URL), or RSS/Atom (anything feedparser recognises as a feed), or
else a web page. A feed item's full content (RSS ``content:encoded``, Atom ``content``, JSON
Feed ``content_html`` or ``content_text``) is read as the article; an item with none is read
from the page it links to. Either way the article is extracted as an ``.html`` file is
(:func:`audio_edition.readers.html.read_markup`), and then takes its title, author, date,
categories and language from the item (the language from the feed when the item has none).

Each article is kept as a ``.article`` file (:mod:`audio_edition.readers.fetched`) in the
state folder, so the build reads it like any other file; its source id is the item's GUID (an
Atom or JSON Feed ``id``), or the page's URL (:mod:`audio_edition.identity`). The file's bytes
depend only on the article, so an unchanged item rebuilds nothing.

The HTTP is polite and bounded: every response's ``ETag`` and ``Last-Modified`` are kept in the
state folder with its body, and the next request for that URL is conditional (a 304 reuses the
body); robots.txt is obeyed (kept for a day, as RFC 9309 allows); at most
:data:`MAX_AT_ONCE` requests are open at once and :data:`MAX_PER_HOST` to one host; each
response must be complete within the timeout and at most :data:`MAX_BYTES` long; only http and
https are fetched, and at most five redirects followed (:mod:`audio_edition.http`).
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import datetime as dt
import hashlib
import html as html_text
import io
import json
import logging
import re
import threading
import time
import urllib.parse
import urllib.robotparser
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from audio_edition import http, identity, languages
from audio_edition.errors import EditionError, ReaderError
from audio_edition.fsutil import cache_write
from audio_edition.http import DEFAULT_TIMEOUT, NetworkError, is_url
from audio_edition.model import Article
from audio_edition.readers import fetched
from audio_edition.readers.common import iso_date

log = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024
"""Largest response accepted, in bytes: a feed, a page."""
ROBOTS_MAX_BYTES = 512 * 1024
"""robots.txt is read up to this many bytes (RFC 9309 asks for at least 500 KiB)."""
ROBOTS_TTL = 24 * 3600
"""Seconds a robots.txt is trusted before it is asked for again (conditionally)."""
ROBOTS_AGENT = "audio-edition"
"""The product token robots.txt rules are matched against."""
MAX_AT_ONCE = 4
"""Requests open at the same time, in all."""
MAX_PER_HOST = 2
"""Requests open at the same time to one host."""
DEFAULT_INTERVAL = 600.0
"""Seconds between two looks at the feeds with ``build --watch``."""
STATE_DIR = "web"
"""The folder in the cache that holds responses, their validators and the articles."""

_JSON_FEED = "https://jsonfeed.org/version/"
_PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml",
               "text/xml", "")


@dataclass
class Response:
    """A body fetched, or kept from before when the server said it had not changed."""

    url: str
    """Where the body came from, after redirects."""
    body: bytes
    """The bytes."""
    content_type: str
    """The Content-Type header, or ''."""
    modified: bool = True
    """False when the server answered 304 Not Modified and the kept body is returned."""


class Fetcher:
    """Fetches URLs politely (see the module's description); a context manager.

    ``state`` is the folder where responses and their validators are kept between builds;
    ``timeout`` the seconds a request may take in all.
    """

    def __init__(self, state: Path, timeout: float = DEFAULT_TIMEOUT) -> None:
        import httpx

        self.state = state
        self.timeout = timeout
        self.session = http.client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, http.CONNECT_TIMEOUT)),
            limits=httpx.Limits(max_connections=MAX_AT_ONCE,
                                max_keepalive_connections=MAX_AT_ONCE))
        self._all = threading.BoundedSemaphore(MAX_AT_ONCE)
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._robot_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()
        self.requests = 0
        """Requests sent so far."""
        self.not_modified = 0
        """Of those, how many the server answered with 304 Not Modified."""

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.session.close()

    def get(self, url: str, max_bytes: int = MAX_BYTES) -> Response:
        """Returns the body at ``url``, once robots.txt allows fetching it.

        Raises NetworkError naming ``url`` for a URL that is not http(s), one robots.txt
        disallows, an error status, a timeout, too many redirects or too large a body.
        """
        _check_scheme(url)
        if not self._allowed(url):
            raise NetworkError(f"robots.txt does not allow {ROBOTS_AGENT} to fetch it", url)
        return self._request(url, max_bytes)

    def _host(self, url: str) -> threading.BoundedSemaphore:
        parts = urllib.parse.urlsplit(url)
        key = f"{parts.scheme.lower()}://{(parts.netloc or '').lower()}"
        with self._lock:
            return self._hosts.setdefault(key, threading.BoundedSemaphore(MAX_PER_HOST))

    def _files(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]
        folder = self.state / "http" / key[:2]
        return folder / f"{key}.json", folder / f"{key}.body"

    def _kept(self, url: str) -> tuple[dict, bytes] | None:
        meta_file, body_file = self._files(url)
        try:
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
            body = body_file.read_bytes()
        except (OSError, ValueError):
            return None
        if not isinstance(meta, dict) or meta.get("url") != url or \
                meta.get("sha256") != hashlib.sha256(body).hexdigest():
            return None
        return meta, body

    def _keep(self, url: str, meta: dict, body: bytes) -> None:
        meta_file, body_file = self._files(url)
        try:
            cache_write(body_file, body)
            cache_write(meta_file, json.dumps(
                {**meta, "url": url, "sha256": hashlib.sha256(body).hexdigest()}).encode())
        except OSError as exc:
            log.warning("cannot keep the response of %s in %s: %s", url, self.state, exc)

    def _request(self, url: str, max_bytes: int, truncate: bool = False) -> Response:
        """Returns the response to a GET of ``url``, conditional when a copy is kept."""
        import httpx

        kept = self._kept(url)
        headers = {}
        if kept is not None:
            if kept[0].get("etag"):
                headers["If-None-Match"] = kept[0]["etag"]
            if kept[0].get("last_modified"):
                headers["If-Modified-Since"] = kept[0]["last_modified"]
        if not headers:
            kept = None
        with self._host(url), self._all:
            with self._lock:
                self.requests += 1
            deadline = time.monotonic() + self.timeout
            with http.stream(self.session, url, headers) as response:
                if response.status_code == 304 and kept is not None:
                    with self._lock:
                        self.not_modified += 1
                    meta, body = kept
                    return Response(meta.get("final") or url, body,
                                    meta.get("content_type", ""), modified=False)
                if response.status_code != 200:
                    raise NetworkError(f"HTTP {response.status_code} "
                                       f"{response.reason_phrase}".rstrip(), url)
                declared = response.headers.get("Content-Length", "")
                if not truncate and declared.isdigit() and int(declared) > max_bytes:
                    raise NetworkError(f"response too large: {_size(int(declared))}, the "
                                       f"limit is {_size(max_bytes)}", url)
                body = bytearray()
                try:
                    for part in response.iter_bytes():
                        body += part
                        if len(body) > max_bytes:
                            if truncate:
                                del body[max_bytes:]
                                break
                            raise NetworkError(f"response too large: more than "
                                               f"{_size(max_bytes)}", url)
                        if time.monotonic() > deadline:
                            raise NetworkError(f"no complete response within "
                                               f"{self.timeout:g} s", url)
                except httpx.HTTPError as exc:
                    raise NetworkError(http.describe(exc), url) from None
                final = str(response.url)
                meta = {"etag": response.headers.get("ETag"),
                        "last_modified": response.headers.get("Last-Modified"),
                        "final": final, "content_type": response.headers.get("Content-Type", "")}
        body = bytes(body)
        if meta["etag"] or meta["last_modified"]:
            self._keep(url, meta, body)
        return Response(final, body, meta["content_type"])

    def _allowed(self, url: str) -> bool:
        """Returns whether robots.txt of ``url``'s site allows us to fetch it."""
        parts = urllib.parse.urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        with self._lock:
            lock = self._robot_locks.setdefault(origin, threading.Lock())
        with lock:  # one request for robots.txt per site, however many pages wait for it
            rules = self._robots.get(origin)
            if rules is None:
                rules = self._robots[origin] = self._robots_txt(origin)
        return rules.can_fetch(ROBOTS_AGENT, url)

    def _robots_txt(self, origin: str) -> urllib.robotparser.RobotFileParser:
        """Returns the rules of ``origin``'s robots.txt: none when it has none (a 4xx), all
        forbidding when it cannot be had (a 5xx, no connection), as RFC 9309 says."""
        url = origin + "/robots.txt"
        rules = urllib.robotparser.RobotFileParser(url)
        verdict_file = self._files(url)[0].with_suffix(".verdict")
        try:
            verdict = json.loads(verdict_file.read_text(encoding="utf-8"))
            fresh = time.time() - float(verdict["time"]) < ROBOTS_TTL
        except (OSError, ValueError, KeyError, TypeError):
            verdict, fresh = None, False
        if fresh and verdict.get("rules") is not None:
            rules.parse(str(verdict["rules"]).splitlines())
            return rules
        try:
            response = self._request(url, ROBOTS_MAX_BYTES, truncate=True)
        except NetworkError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                text = ""
            else:
                log.warning("%s: %s; no page of this site is fetched", url, exc.problem)
                rules.disallow_all = True
                return rules
        else:
            text = response.body.decode("utf-8", "replace")
        rules.parse(text.splitlines())
        with contextlib.suppress(OSError):
            cache_write(verdict_file, json.dumps({"time": time.time(), "rules": text}).encode())
        return rules


def _check_scheme(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise NetworkError("not an http:// or https:// URL", url)
    if not parts.hostname:
        raise NetworkError("no host in the URL", url)


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n} bytes"


# -- feeds ---------------------------------------------------------------------------------------

@dataclass
class Item:
    """One entry of a feed, whatever its format."""

    id: str | None
    """The GUID (RSS), id (Atom, JSON Feed); None when the item has none."""
    link: str | None
    """The page the item links to, absolute."""
    title: str | None
    """The title, as plain text."""
    author: str | None = None
    """The author's name(s)."""
    date: dt.datetime | None = None
    """When it was published (else updated), timezone-aware."""
    categories: list[str] = field(default_factory=list)
    """Categories or tags."""
    lang: str | None = None
    """The item's language, when it gives one."""
    html: str | None = None
    """The full content as HTML, when the item carries it."""
    text: str | None = None
    """The full content as plain text, when the item carries only that."""


@dataclass
class Feed:
    """A feed: what its items have in common, and the items in the feed's order."""

    format: str
    """``rss``, ``atom`` or ``json``."""
    title: str | None
    """The feed's title."""
    lang: str | None
    """The feed's language."""
    author: str | None
    """The feed's author."""
    items: list[Item]
    """The entries."""


def parse_feed(body: bytes, url: str, content_type: str = "") -> Feed | None:
    """Returns the feed in ``body`` (fetched from ``url``), or None when it is not a feed.

    Recognised by content: a JSON object with a jsonfeed.org ``version``, or what feedparser
    takes for RSS or Atom.
    """
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        try:
            data = json.loads(body.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            data = None
        if isinstance(data, dict) and str(data.get("version", "")).startswith(_JSON_FEED):
            return _json_feed(data, url)
        return None
    import feedparser

    # A stream, never the bytes themselves: feedparser takes a str or bytes that could be a
    # file name for one, and would open it.
    parsed = feedparser.parse(io.BytesIO(body), response_headers={
        "content-location": url, "content-type": content_type or "application/xml"})
    version = parsed.get("version") or ""
    if not version.startswith(("rss", "atom")):
        return None
    return _feedparser_feed(parsed, "atom" if version.startswith("atom") else "rss")


def _plain(value: object) -> str | None:
    """Returns ``value`` as one line of plain text (markup removed), or None when empty."""
    if not isinstance(value, str):
        return None
    if "<" in value or "&" in value:
        import lxml.html

        try:
            value = lxml.html.fromstring(f"<div>{value}</div>").text_content()
        except Exception:  # noqa: BLE001 - not markup after all: keep it as it is
            pass
    text = " ".join(value.split())
    return text or None


def _struct_date(value) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime(*value[:6], tzinfo=dt.timezone.utc)
    except (TypeError, ValueError):
        return None


def _feedparser_feed(parsed, format: str) -> Feed:
    meta = parsed.get("feed", {})
    items = []
    for entry in parsed.get("entries", []):
        html = text = None
        for content in entry.get("content") or []:
            value = (content.get("value") or "").strip()
            if not value:
                continue
            if "html" in (content.get("type") or "html"):
                html = value
                break
            text = text or value
        lang = entry.get("language") or next(
            (c.get("language") for c in entry.get("content") or [] if c.get("language")), None)
        items.append(Item(
            id=(entry.get("id") or "").strip() or None,
            link=entry.get("link") or None,
            title=_plain(entry.get("title")),
            author=_plain(entry.get("author")),
            date=_struct_date(entry.get("published_parsed") or entry.get("updated_parsed")),
            categories=[t for t in (_plain(tag.get("term") or tag.get("label"))
                                    for tag in entry.get("tags") or []) if t],
            lang=lang or (entry.get("title_detail") or {}).get("language"),
            html=html, text=text))
    return Feed(format, _plain(meta.get("title")),
                meta.get("language") or (meta.get("title_detail") or {}).get("language"),
                _plain(meta.get("author")), items)


def _json_authors(obj: dict) -> str | None:
    authors = obj.get("authors")
    if not isinstance(authors, list):
        authors = [obj.get("author")]  # JSON Feed 1.0
    names = [_plain(a.get("name")) for a in authors if isinstance(a, dict)]
    return ", ".join(n for n in names if n) or None


def _json_feed(data: dict, url: str) -> Feed:
    items = []
    for entry in data.get("items") or []:
        if not isinstance(entry, dict):
            continue
        link = entry.get("url") or entry.get("external_url")
        link = urllib.parse.urljoin(url, link) if isinstance(link, str) and link else None
        ident = entry.get("id")
        html = entry.get("content_html")
        text = entry.get("content_text")
        tags = entry.get("tags") if isinstance(entry.get("tags"), list) else []
        items.append(Item(
            id=str(ident).strip() or None if isinstance(ident, (str, int)) else None,
            link=link,
            title=_plain(entry.get("title")),
            author=_json_authors(entry),
            date=iso_date(entry.get("date_published")) or iso_date(
                entry.get("date_modified")),
            categories=[t for t in (_plain(tag) for tag in tags) if t],
            lang=entry.get("language") if isinstance(entry.get("language"), str) else None,
            html=html.strip() or None if isinstance(html, str) else None,
            text=text.strip() or None if isinstance(text, str) else None))
    lang = data.get("language")
    return Feed("json", _plain(data.get("title")), lang if isinstance(lang, str) else None,
                _json_authors(data), items)


def newest(items: list[Item], limit: int | None) -> list[Item]:
    """Returns the ``limit`` newest of ``items`` (all when None), newest first; items
    without a date count as older than any with one and keep the feed's order."""
    floor = dt.datetime.min.replace(tzinfo=dt.timezone.utc)
    ordered = sorted(items, key=lambda i: i.date or floor, reverse=True)
    return ordered if limit is None else ordered[:limit]


# -- articles ------------------------------------------------------------------------------------

def lang_code(value: str | None) -> str | None:
    """Returns the ISO 639 code of a language tag (``de-DE`` -> ``de``), None for anything
    that is not one."""
    code = languages.base_code(value)
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def decode(response: Response) -> str:
    """Returns the text of a page: in the charset its Content-Type or its ``<meta>`` names,
    else UTF-8, else cp1252."""
    body = response.body
    if body.startswith(b"\xef\xbb\xbf"):
        return body[3:].decode("utf-8", "replace")
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        return body.decode("utf-16", "replace")
    names = re.findall(r"charset=[\"']?([A-Za-z0-9._:-]+)", response.content_type)
    m = re.search(rb"<meta[^>]{0,200}charset=[\"']?([A-Za-z0-9._:-]+)", body[:4096], re.I)
    if m:
        names.append(m.group(1).decode("ascii"))
    for name in [*names, "utf-8"]:
        try:
            return body.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("cp1252", "replace")


def _media_type(response: Response) -> str:
    return response.content_type.split(";")[0].strip().lower()


def read_page(response: Response, source: str) -> Article:
    """Returns the article in a fetched page. Raises ReaderError naming ``source`` when it is
    not a page or has no readable text."""
    from audio_edition.readers.html import read_markup

    kind = _media_type(response)
    if kind not in _PAGE_TYPES and not kind.endswith("+xml"):
        raise ReaderError(f"not a web page or a feed but {kind}", source)
    article = read_markup(decode(response), source, url=response.url)
    article.meta.url = response.url
    return article


def _document(item: Item, feed: Feed) -> str:
    """Returns a page holding the item's full content under its title, for the HTML reader."""
    title = html_text.escape(item.title or "")
    if item.html:
        body = item.html
    else:
        body = "\n".join(f"<p>{html_text.escape(' '.join(p.split()))}</p>"
                         for p in re.split(r"\n\s*\n", item.text or "") if p.strip())
    lang = lang_code(item.lang) or lang_code(feed.lang)
    lang_attr = f' lang="{lang}"' if lang else ""
    heading = f"<h1>{title}</h1>\n" if title else ""
    return (f'<!DOCTYPE html>\n<html{lang_attr}><head><meta charset="utf-8">'
            f"<title>{title}</title></head>\n<body><article>\n{heading}{body}\n"
            "</article></body></html>\n")


def item_article(item: Item, feed: Feed, feed_url: str, fetcher: Fetcher) -> Article:
    """Returns the article of a feed item: its full content, else the page it links to, with
    the item's title, author, date, categories and language.

    Raises ReaderError or NetworkError naming the item (its link, else the feed and its id).
    """
    from audio_edition.readers.html import read_markup

    name = item.link or f"{feed_url} (item {item.id or item.title!r})"
    if item.html or item.text:
        article = read_markup(_document(item, feed), name, url=item.link or feed_url)
    elif item.link:
        article = read_page(fetcher.get(item.link), item.link)
    else:
        raise ReaderError("the item has neither content nor a link to read", name)
    meta = article.meta
    article.title = item.title or article.title
    meta.author = item.author or feed.author or meta.author
    meta.date = item.date or meta.date
    meta.lang = lang_code(item.lang) or lang_code(feed.lang) or meta.lang
    meta.categories = list(item.categories)
    meta.url = item.link or meta.url
    meta.id = item.id
    return article


# -- sources --------------------------------------------------------------------------------------

@dataclass
class Fetched:
    """What :func:`fetch` found."""

    paths: list[Path] = field(default_factory=list)
    """The ``.article`` files of the articles fetched, in the order of the sources (a feed's
    items newest first)."""
    failures: list[EditionError] = field(default_factory=list)
    """A feed, page or item that could not be had, each naming its URL."""
    feeds: list[str] = field(default_factory=list)
    """The URLs that were feeds (the others were pages)."""
    requests: int = 0
    """HTTP requests sent."""
    not_modified: int = 0
    """How many of them were answered 304 Not Modified."""


def _slug(title: str | None, link: str | None) -> str:
    """Returns the slug an article would like: from the last part of its link's path when that
    has a word in it, else from its title."""
    if link:
        last = urllib.parse.unquote(urllib.parse.urlsplit(link).path).rstrip("/")
        last = re.sub(r"\.(html?|php|aspx?|jsp)$", "", last.rsplit("/", 1)[-1], flags=re.I)
        if re.search(r"[^\W\d_]{3}", last):
            return identity.slugify(last)
    return identity.slugify(title or "episode")


def keep(state: Path, article: Article, source: str, origin: str, slug: str) -> Path:
    """Writes ``article`` to its ``.article`` file in ``state`` unless that already holds it
    (so its time stays); returns the file's path."""
    folder = state / "articles" / hashlib.sha256(source.encode("utf-8")).hexdigest()[:20]
    path = folder / f"{slug}{fetched.SUFFIX}"
    data = fetched.dumps(article, source, origin)
    try:
        same = path.read_bytes() == data
    except OSError:
        same = False
    if not same:
        cache_write(path, data)
    for other in folder.glob(f"*{fetched.SUFFIX}"):
        if other != path:
            other.unlink(missing_ok=True)
    return path


def clear(state: Path) -> int:
    """Removes the responses kept in ``state`` (with their validators), the robots.txt
    verdicts and the articles made from them; returns how many responses and articles were
    removed. The next build fetches every URL again, unconditionally. Folders are left for the
    cache to remove when empty."""
    n = 0
    for pattern in ("http/*/*.json", "articles/*/*" + fetched.SUFFIX):
        for path in state.glob(pattern):
            path.unlink(missing_ok=True)
            n += 1
    for pattern in ("http/*/*.body", "http/*/*.verdict"):  # a body, a robots.txt verdict
        for path in state.glob(pattern):
            path.unlink(missing_ok=True)
    return n


def _source(url: str, fetcher: Fetcher) -> tuple[Feed | None, Response]:
    response = fetcher.get(url)
    return parse_feed(response.body, response.url, response.content_type), response


def fetch(urls: Sequence[str], state: Path, limit: int | None = None,
          timeout: float = DEFAULT_TIMEOUT) -> Fetched:
    """Fetches the feeds and pages at ``urls`` and keeps each article as a ``.article`` file
    in ``state`` (:func:`keep`); returns the files and the failures.

    A feed gives its ``limit`` newest items (all when None). Failures are per URL: a feed that
    cannot be fetched or parsed fails alone, and an item that cannot be read fails alone. Only
    :data:`MAX_AT_ONCE` requests are open at once (:data:`MAX_PER_HOST` to one host).
    """
    out = Fetched()
    seen: dict[str, str] = {}
    state.mkdir(parents=True, exist_ok=True)
    # More threads than requests may be open: one waiting for a busy host must not keep
    # another host's page waiting. The Fetcher's semaphores bound the requests.
    with Fetcher(state, timeout) as fetcher, \
            concurrent.futures.ThreadPoolExecutor(4 * MAX_AT_ONCE) as pool:
        sources = [pool.submit(_source, url.strip(), fetcher) for url in urls]
        work: list[tuple[str, str, concurrent.futures.Future | EditionError]] = []
        for url, future in zip(urls, sources):
            url = url.strip()
            try:
                feed, response = future.result()
            except EditionError as exc:
                work.append(("", url, exc))
                continue
            if feed is None:
                work.append((identity.url_source(url), url,
                             pool.submit(read_page, response, url)))
                continue
            out.feeds.append(url)
            if not feed.items:
                log.warning("%s: the feed has no items", url)
            for item in newest(feed.items, limit):
                key = item.id or item.link or f"{url}#{item.title}"
                work.append((identity.declared_source(key), item.link or url,
                             pool.submit(item_article, item, feed, url, fetcher)))
        for source, origin, task in work:
            try:
                if isinstance(task, EditionError):
                    raise task
                try:
                    article = task.result()
                except EditionError:
                    raise
                except Exception as exc:  # noqa: BLE001 - one bad item must not cost the others
                    log.debug("%s: unexpected error", origin, exc_info=True)
                    raise ReaderError(f"unexpected {type(exc).__name__}: {exc}", origin) from exc
                if source in seen:
                    log.warning("%s: the same item as %s; read once", origin, seen[source])
                    continue
                seen[source] = origin
                out.paths.append(keep(state, article, source, origin,
                                      _slug(article.title, article.meta.url or origin)))
            except EditionError as exc:
                out.failures.append(exc)
        out.requests, out.not_modified = fetcher.requests, fetcher.not_modified
    return out


__all__ = ["DEFAULT_INTERVAL", "DEFAULT_TIMEOUT", "Feed", "Fetched", "Fetcher", "Item",
           "MAX_AT_ONCE", "MAX_BYTES", "MAX_PER_HOST", "Response", "STATE_DIR", "clear", "decode",
           "fetch", "is_url", "item_article", "keep", "lang_code", "newest", "parse_feed",
           "read_page"]
