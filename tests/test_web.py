"""Feeds and pages by URL, against local HTTP servers the tests start: the three feed formats,
items with full content and with links only, failures one per item, conditional requests,
robots.txt, the limits on size, time, redirects and requests at once; then whole builds and
`build --watch` through the command line."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner

from audio_edition import __version__, web
from audio_edition.cli import cli
from audio_edition.http import NetworkError
from audio_edition.readers import fetched

FIXTURES = Path(__file__).parent / "fixtures" / "web"


class Counter:
    """Requests open at once across several sites, and the most there ever were."""

    def __init__(self) -> None:
        self.now = 0
        self.most = 0
        self.lock = threading.Lock()

    def step(self, by: int) -> None:
        with self.lock:
            self.now += by
            self.most = max(self.most, self.now)


class Site:
    """A web site served from tests/fixtures/web (``{base}`` in a file becomes the site's
    URL), with pages that can be changed, and every request recorded."""

    def __init__(self, etags: bool = True, delay: float = 0.0,
                 shared: Counter | None = None) -> None:
        self.etags = etags
        self.delay = delay
        self.shared = shared or Counter()
        self.pages: dict[str, tuple[bytes, str]] = {}
        self.changed: dict[str, float] = {}
        self.requests: list[tuple[str, str | None, str | None]] = []
        self.inflight = 0
        self.most_inflight = 0
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        for path in FIXTURES.rglob("*"):
            if path.is_file():
                self.put("/" + path.relative_to(FIXTURES).as_posix(),
                         path.read_text(encoding="utf-8"))
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def put(self, path: str, text: str, content_type: str | None = None) -> None:
        """Serves ``text`` at ``path`` from now on, as changed now."""
        if content_type is None:
            content_type = {".xml": "application/rss+xml", ".json": "application/feed+json",
                            ".txt": "text/plain"}.get(Path(path).suffix, "text/html; charset=utf-8")
        self.pages[path] = (text.replace("{base}", self.url).encode("utf-8"), content_type)
        # a second later than any earlier version: HTTP dates have whole seconds
        self.changed[path] = max(time.time(), self.changed.get(path, 0) + 1)

    def paths(self) -> list[str]:
        return [p for p, _, _ in self.requests]

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                with site.lock:
                    site.requests.append((self.path, self.headers.get("If-None-Match"),
                                          self.headers.get("If-Modified-Since")))
                    site.inflight += 1
                    site.most_inflight = max(site.most_inflight, site.inflight)
                site.shared.step(1)
                try:
                    if site.delay:
                        time.sleep(site.delay)
                    self._answer()
                finally:
                    site.shared.step(-1)
                    with site.lock:
                        site.inflight -= 1

            def _send(self, status: int, body: bytes = b"", headers: dict | None = None):
                self.send_response(status)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except OSError:
                    pass  # the client gave up (the slow page): that is the point

            def _answer(self) -> None:
                if self.path == "/slow":
                    time.sleep(3)
                    return self._send(200, b"<p>too late</p>", {"Content-Type": "text/html"})
                if self.path == "/loop":
                    return self._send(302, headers={"Location": "/loop"})
                if self.path == "/huge":  # no Content-Length: the limit is found by reading
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Connection", "close")
                    self.end_headers()
                    self.close_connection = True
                    chunk = b"<p>" + b"word " * 20000 + b"</p>\n"
                    try:
                        for _ in range(6 * 1024 * 1024 // len(chunk) + 2):
                            self.wfile.write(chunk)
                    except OSError:
                        pass
                    return
                if self.path not in site.pages:
                    return self._send(404, b"not here", {"Content-Type": "text/plain"})
                body, kind = site.pages[self.path]
                tag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                stamp = int(site.changed[self.path])
                headers = {"Content-Type": kind, "Last-Modified": formatdate(stamp, usegmt=True)}
                if site.etags:
                    headers["ETag"] = tag
                asked_tag = self.headers.get("If-None-Match")
                asked_time = self.headers.get("If-Modified-Since")
                if site.etags and asked_tag is not None:
                    fresh = asked_tag == tag
                elif asked_time is not None:
                    from email.utils import parsedate_to_datetime

                    fresh = parsedate_to_datetime(asked_time).timestamp() >= stamp
                else:
                    fresh = False
                if fresh:
                    return self._send(304, headers={k: v for k, v in headers.items()
                                                    if k != "Content-Type"})
                self._send(200, body, headers)

        return Handler

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    s = Site()
    yield s
    s.close()


def _fetch(site: Site, *paths: str, state: Path, **kwargs) -> web.Fetched:
    return web.fetch([site.url + p for p in paths], state, **kwargs)


def _articles(found: web.Fetched) -> list:
    return [fetched.read(p) for p in found.paths]


# -- telling feeds apart, and what items carry ---------------------------------------------------

def test_the_three_feed_formats_are_told_apart_by_content_not_by_the_url(site):
    site.put("/a.txt", (FIXTURES / "atom.xml").read_text(), "text/plain")
    site.put("/j", (FIXTURES / "feed.json").read_text(), "text/plain")
    site.put("/r.html", (FIXTURES / "rss.xml").read_text(), "text/html")
    with web.Fetcher(Path(os.devnull)) as fetcher:
        kinds = []
        for path in ("/a.txt", "/j", "/r.html", "/posts/market.html"):
            response = fetcher.get(site.url + path)
            feed = web.parse_feed(response.body, response.url, response.content_type)
            kinds.append(feed.format if feed else "page")
    assert kinds == ["atom", "json", "rss", "page"]


def test_items_with_full_content_are_read_from_the_feed_and_carry_its_metadata(site, tmp_path):
    found = _fetch(site, "/rss.xml", state=tmp_path, limit=6, timeout=1)
    lamp = next(a for a in _articles(found) if a.title == "The lighthouse gets a new lamp")
    assert lamp.meta.author == "Ada Quill"
    assert lamp.meta.date == dt.datetime(2026, 11, 2, 8, 0, tzinfo=dt.timezone.utc)
    assert lamp.meta.categories == ["Harbour", "Heritage"]
    assert lamp.meta.lang == "en"  # the item has none: the feed's en-GB
    assert lamp.meta.url == site.url + "/posts/lamp.html"
    assert lamp.blocks[0].text.startswith("After forty years the old lamp")
    assert "summary" not in " ".join(b.text for b in lamp.blocks)
    assert "/posts/lamp.html" not in site.paths()  # full content: its page is not fetched


def test_items_with_a_link_only_are_read_from_their_page(site, tmp_path):
    found = _fetch(site, "/rss.xml", state=tmp_path, timeout=1)
    market = next(a for a in _articles(found) if a.title == "Market moves to the quay")
    assert [b.text[:24] for b in market.blocks] == ["From next Saturday the w", "Traders said the quay gi"]
    assert market.meta.author == "Ben Rowe"  # the item has none; the page has
    assert market.meta.date == dt.datetime(2026, 11, 3, 9, 30, tzinfo=dt.timezone.utc)
    assert "Home" not in market.full_text()  # extracted as an .html file is


def test_atom_and_json_feed_items_carry_title_author_date_categories_and_language(site, tmp_path):
    atom = {a.title: a for a in _articles(_fetch(site, "/atom.xml", state=tmp_path))}
    banks = atom["Neue Bänke am Ufer"]
    assert (banks.meta.author, banks.meta.lang, banks.meta.categories) == \
        ("Jonas Weber", "de", ["Stadt"])
    assert banks.meta.date == dt.datetime(2026, 11, 4, 6, 15, tzinfo=dt.timezone.utc)
    ferry = atom["Fähre fährt im Winter seltener"]  # a summary only: read from its page
    assert ferry.blocks[0].text.startswith("Von Dezember an legt die Fähre")
    assert ferry.meta.author == "Redaktion Hafenblatt"  # the feed's
    orchard = {a.title: a for a in _articles(_fetch(site, "/feed.json", state=tmp_path))}
    apples = orchard["Apple harvest starts early"]
    assert (apples.meta.author, apples.meta.categories, apples.meta.lang) == \
        ("Iris Penn", ["Farming", "Weather"], "en")
    assert orchard["Cider press reopens"].blocks[0].text.startswith("The village cider press")
    note = orchard["A note in plain text"]
    assert [b.text for b in note.blocks] == ["The orchard office is closed on Friday.",
                                             "It opens again on Monday at nine."]


def test_limit_takes_the_newest_items(site, tmp_path):
    found = _fetch(site, "/feed.json", state=tmp_path, limit=2)
    assert [a.title for a in _articles(found)] == ["A note in plain text", "Cider press reopens"]


def test_the_item_guid_is_the_source_and_the_page_url_for_a_page(site, tmp_path):
    found = _fetch(site, "/atom.xml", "/posts/market.html", state=tmp_path)
    assert sorted(fetched.source_id(p) for p in found.paths) == [
        "id:tag:hafenblatt.example,2026:banks", "id:tag:hafenblatt.example,2026:ferry",
        f"url:{site.url}/posts/market.html"]
    assert fetched.origin(found.paths[0]) == f"{site.url}/posts/baenke.html"


# -- failures, each alone, each one line ---------------------------------------------------------

def test_each_item_that_cannot_be_had_fails_alone_naming_its_url(site, tmp_path):
    started = time.monotonic()
    found = _fetch(site, "/rss.xml", state=tmp_path, timeout=1)
    assert time.monotonic() - started < 2.9  # the slow page was given up on, not waited for
    assert len(found.paths) == 2
    messages = sorted(e.format_message() for e in found.failures)
    assert messages == sorted([
        f"{site.url}/posts/gone.html: HTTP 404 Not Found",
        f"{site.url}/slow: the server stopped sending for 1 s",
        f"{site.url}/loop: more than 5 redirects",
        f"{site.url}/huge: response too large: more than 5.0 MB",
    ])


def test_a_declared_size_over_the_limit_is_refused_before_reading(site, tmp_path):
    site.put("/big.html", "<p>" + "x" * (web.MAX_BYTES + 10) + "</p>")
    with web.Fetcher(tmp_path) as fetcher, pytest.raises(NetworkError) as err:
        fetcher.get(site.url + "/big.html")
    assert err.value.problem == "response too large: 5.0 MB, the limit is 5.0 MB"


def test_only_http_and_https_are_fetched(tmp_path):
    found = web.fetch(["ftp://example.org/feed.xml", "file:///etc/passwd"], tmp_path)
    assert [e.format_message() for e in found.failures] == [
        "ftp://example.org/feed.xml: not an http:// or https:// URL",
        "file:///etc/passwd: not an http:// or https:// URL"]
    assert found.requests == 0


def test_a_feed_that_cannot_be_fetched_fails_alone(site, tmp_path):
    found = _fetch(site, "/nothing.xml", "/feed.json", state=tmp_path)
    assert [e.format_message() for e in found.failures] == \
        [f"{site.url}/nothing.xml: HTTP 404 Not Found"]
    assert len(found.paths) == 3


# -- politeness ----------------------------------------------------------------------------------

def test_requests_name_the_tool_and_a_second_fetch_is_conditional(site, tmp_path):
    seen = []
    with web.Fetcher(tmp_path) as fetcher:
        fetcher.session.event_hooks["request"].append(lambda r: seen.append(r.headers))
        first = fetcher.get(site.url + "/feed.json")
    with web.Fetcher(tmp_path) as fetcher:
        second = fetcher.get(site.url + "/feed.json")
        assert (fetcher.requests, fetcher.not_modified) == (1, 1)
    assert seen[0]["User-Agent"].startswith(f"audio-edition/{__version__} ")
    assert first.modified and not second.modified and second.body == first.body
    assert site.requests[-1][1] is not None  # If-None-Match
    assert site.paths().count("/robots.txt") == 1  # kept for a day


def test_cache_clear_forgets_what_was_fetched_so_the_next_fetch_is_in_full(site, tmp_path):
    root = tmp_path / "c"
    found = _fetch(site, "/feed.json", state=root / web.STATE_DIR)
    assert found.paths and not found.failures
    res = CliRunner().invoke(cli, ["cache", "clear", "--cache-dir", str(root)])
    assert res.exit_code == 0, res.output
    kept = len(found.paths) + len({p for p, _, _ in site.requests if p != "/robots.txt"})
    assert f"and {kept} fetched responses and articles from {root}" in res.output
    assert list(root.iterdir()) == []
    first = len(site.requests)
    again = _fetch(site, "/feed.json", state=root / web.STATE_DIR)
    assert len(again.paths) == len(found.paths)
    assert all(tag is None and since is None for p, tag, since in site.requests[first:]
               if p != "/robots.txt")


def test_a_server_without_etags_is_asked_if_modified_since(tmp_path):
    site = Site(etags=False)
    try:
        with web.Fetcher(tmp_path) as fetcher:
            fetcher.get(site.url + "/rss.xml")
        with web.Fetcher(tmp_path) as fetcher:
            assert not fetcher.get(site.url + "/rss.xml").modified
        site.put("/rss.xml", (FIXTURES / "rss.xml").read_text().replace("Weekly", "Daily"))
        with web.Fetcher(tmp_path) as fetcher:
            response = fetcher.get(site.url + "/rss.xml")
        assert response.modified and b"Lantern Bay Daily" in response.body
        asked = [(tag, since) for path, tag, since in site.requests if path == "/rss.xml"]
        assert asked[0] == (None, None)
        assert all(tag is None and since for tag, since in asked[1:])
    finally:
        site.close()


def test_robots_txt_is_obeyed_for_pages(site, tmp_path):
    site.put("/robots.txt", "User-agent: *\nDisallow: /posts/\n")
    found = _fetch(site, "/feed.json", state=tmp_path)
    assert [e.format_message() for e in found.failures] == [
        f"{site.url}/posts/cider.html: robots.txt does not allow audio-edition to fetch it"]
    assert "/posts/cider.html" not in site.paths()
    assert len(found.paths) == 2  # the items with their content


def test_at_most_two_requests_per_host_and_four_at_once(tmp_path):
    shared = Counter()
    sites = [Site(delay=0.3, shared=shared) for _ in range(3)]
    try:
        for s in sites:
            for i in range(4):
                s.put(f"/p{i}.html", (FIXTURES / "posts" / "cider.html").read_text()
                      .replace("Cider press reopens", f"Cider press {i} reopens"))
        items = [{"id": f"{n}-{i}", "url": f"{s.url}/p{i}.html", "title": f"Item {n} {i}"}
                 for n, s in enumerate(sites) for i in range(4)]
        sites[0].put("/many.json", json.dumps(
            {"version": "https://jsonfeed.org/version/1.1", "title": "Many", "items": items}))
        found = web.fetch([sites[0].url + "/many.json"], tmp_path)
        assert len(found.paths) == 12 and not found.failures
        assert [s.most_inflight for s in sites] == [web.MAX_PER_HOST] * 3
        assert shared.most == web.MAX_AT_ONCE
    finally:
        for s in sites:
            s.close()


# -- whole builds through the command line ---------------------------------------------------------

def _build(site: Site, out: Path, voices: Path, *sources: str, extra: tuple = ()):
    args = ["build", *[site.url + s for s in sources], "--out", str(out),
            "--base-url", "http://127.0.0.1:8000/", "--voices", str(voices), "-j", "1", "-q",
            "--timeout", "1", *extra]
    return CliRunner().invoke(cli, args)


def _feed(out: Path):
    return feedparser.parse((out / "feed" / "feed.xml").read_bytes())


def _mp3s(out: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted((out / "audio").glob("*.mp3"))}


def test_a_feed_builds_an_episode_per_readable_item_and_one_error_per_other(
        site, tmp_path, silent_voices):
    res = _build(site, tmp_path, silent_voices, "/rss.xml")
    assert res.exit_code == 1, res.output
    errors = sorted(res.stderr.strip().splitlines())
    assert errors == sorted([
        f"Error: {site.url}/posts/gone.html: HTTP 404 Not Found",
        f"Error: {site.url}/slow: the server stopped sending for 1 s",
        f"Error: {site.url}/loop: more than 5 redirects",
        f"Error: {site.url}/huge: response too large: more than 5.0 MB",
    ])
    feed = _feed(tmp_path)
    assert [(e.title, e.published_parsed[:5]) for e in feed.entries] == [
        ("Market moves to the quay", (2026, 11, 3, 9, 30)),
        ("The lighthouse gets a new lamp", (2026, 11, 2, 8, 0)),
    ]
    lamp = feed.entries[1]
    assert [t.term for t in lamp.tags] == ["Harbour", "Heritage"]
    assert lamp.author == "Ada Quill"
    # the item links its episode page, and the page the article on the web
    assert lamp.link.startswith("http://127.0.0.1:8000/episodes/")
    page = (tmp_path / lamp.link.removeprefix("http://127.0.0.1:8000/")).read_text()
    assert f'<a href="{site.url}/posts/lamp.html">Read the article</a>' in page
    assert "2 built, 0 unchanged, 4 failed" in res.stdout


@pytest.mark.parametrize("path, titles", [
    ("/atom.xml", ["Neue Bänke am Ufer", "Fähre fährt im Winter seltener"]),
    ("/feed.json", ["A note in plain text", "Cider press reopens",
                    "Apple harvest starts early"]),
])
def test_atom_and_json_feeds_build_every_item(site, tmp_path, silent_voices, path, titles):
    res = _build(site, tmp_path, silent_voices, path)
    assert res.exit_code == 0, res.output
    assert [e.title for e in _feed(tmp_path).entries] == titles


def test_a_second_build_makes_only_conditional_requests_and_rebuilds_nothing(
        site, tmp_path, silent_voices):
    assert _build(site, tmp_path, silent_voices, "/feed.json").exit_code == 0
    before = _mp3s(tmp_path)
    feed_before = (tmp_path / "feed" / "feed.xml").read_bytes()
    first = len(site.requests)
    res = _build(site, tmp_path, silent_voices, "/feed.json")
    assert res.exit_code == 0, res.output
    second = site.requests[first:]
    assert sorted(p for p, _, _ in second) == ["/feed.json", "/posts/cider.html"]
    assert all(tag and since for _, tag, since in second)  # If-None-Match, If-Modified-Since
    assert "2 HTTP requests, 2 answered 'not modified'" in res.stdout
    assert "0 built, 3 unchanged, 0 failed" in res.stdout
    assert _mp3s(tmp_path) == before
    assert (tmp_path / "feed" / "feed.xml").read_bytes() == feed_before


def test_a_changed_item_is_rebuilt_alone_and_a_retitled_one_keeps_its_episode(
        site, tmp_path, silent_voices):
    assert _build(site, tmp_path, silent_voices, "/feed.json").exit_code == 0
    before = _mp3s(tmp_path)
    guids = {e.title: e.id for e in _feed(tmp_path).entries}
    text = (FIXTURES / "feed.json").read_text()
    site.put("/feed.json", text.replace("two weeks earlier", "three weeks earlier")
             .replace("Cider press reopens", "The cider press is open again"))
    res = _build(site, tmp_path, silent_voices, "/feed.json")
    assert res.exit_code == 0, res.output
    assert "2 built, 1 unchanged" in res.stdout  # the changed text, the changed title
    after = _mp3s(tmp_path)
    kept = set(before) & set(after)
    assert len(kept) == 1 and before[next(iter(kept))] == after[next(iter(kept))]
    entries = {e.title: e.id for e in _feed(tmp_path).entries}
    assert len(entries) == 3
    assert entries["The cider press is open again"] == guids["Cider press reopens"]
    assert entries["Apple harvest starts early"] == guids["Apple harvest starts early"]


def test_a_changed_page_is_rebuilt_alone(site, tmp_path, silent_voices):
    assert _build(site, tmp_path, silent_voices, "/feed.json").exit_code == 0
    site.put("/posts/cider.html", (FIXTURES / "posts" / "cider.html").read_text()
             .replace("every weekend", "every Saturday"))
    res = _build(site, tmp_path, silent_voices, "/feed.json")
    assert "1 built, 2 unchanged" in res.stdout, res.output


def test_a_page_whose_furniture_changed_rebuilds_nothing(site, tmp_path, silent_voices):
    assert _build(site, tmp_path, silent_voices, "/feed.json").exit_code == 0
    site.put("/posts/cider.html", (FIXTURES / "posts" / "cider.html").read_text()
             .replace('<a href="/">Orchard Letters</a>', '<a href="/">Orchard Letters</a> '
                      '<a href="/shop">Shop</a>'))
    res = _build(site, tmp_path, silent_voices, "/feed.json")
    assert "0 built, 3 unchanged" in res.stdout, res.output


def test_an_unreachable_feed_changes_nothing(site, tmp_path, silent_voices):
    assert _build(site, tmp_path, silent_voices, "/feed.json").exit_code == 0
    files = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    del site.pages["/feed.json"]
    res = _build(site, tmp_path, silent_voices, "/feed.json")
    assert res.exit_code == 1
    assert res.stderr.strip() == f"Error: {site.url}/feed.json: HTTP 404 Not Found"
    site.close()
    res = _build(site, tmp_path, silent_voices, "/feed.json")
    assert res.exit_code == 1 and res.stderr.startswith(f"Error: {site.url}/feed.json: ")
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == files


def test_a_page_url_is_one_article_and_keeps_its_episode(site, tmp_path, silent_voices):
    res = _build(site, tmp_path, silent_voices, "/posts/market.html")
    assert res.exit_code == 0, res.output
    entries = _feed(tmp_path).entries
    assert [(e.title, e.author) for e in entries] == [("Market moves to the quay", "Ben Rowe")]
    assert (tmp_path / "audio").glob("market.*.mp3")
    manifest = json.loads((tmp_path / "feed" / "episodes.json").read_text())
    assert manifest["episodes"][0]["source"] == f"url:{site.url}/posts/market.html"


def test_urls_and_files_build_together(site, tmp_path, silent_voices, fixtures):
    res = CliRunner().invoke(cli, [
        "build", str(fixtures / "kurz.txt"), site.url + "/atom.xml", "--out", str(tmp_path),
        "--base-url", "http://127.0.0.1:8000/", "--voices", str(silent_voices), "-q"])
    assert res.exit_code == 0, res.output
    assert len(_feed(tmp_path).entries) == 3


def test_script_reads_a_page_url_like_a_file_and_a_feed_item_by_item(site, silent_voices):
    page = CliRunner().invoke(cli, ["script", site.url + "/posts/market.html", "--json",
                                    "--voices", str(silent_voices)])
    assert page.exit_code == 0, page.output
    rows = json.loads(page.stdout)
    assert rows[0]["text"] == "Market moves to the quay"
    assert rows[1]["text"].startswith("From next Saturday")
    feed = CliRunner().invoke(cli, ["script", site.url + "/feed.json", "--json", "--limit", "2",
                                    "--voices", str(silent_voices)])
    assert feed.exit_code == 0, feed.output
    assert [(i["url"], i["title"]) for i in json.loads(feed.stdout)] == [
        (None, "A note in plain text"), (site.url + "/posts/cider.html", "Cider press reopens")]
    table = CliRunner().invoke(cli, ["script", site.url + "/rss.xml", "--timeout", "1",
                                     "--voices", str(silent_voices)])
    assert table.exit_code == 1
    assert f"== Market moves to the quay  <{site.url}/posts/market.html>" in table.stdout
    assert f"Error: {site.url}/posts/gone.html: HTTP 404 Not Found" in table.stderr


def test_build_watch_polls_a_feed_and_builds_new_items(site, tmp_path, silent_voices):
    text = json.loads((FIXTURES / "feed.json").read_text())
    first, rest = text["items"][:1], text["items"][1:]
    site.put("/feed.json", json.dumps({**text, "items": first}))
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "audio_edition", "build", site.url + "/feed.json", "--out",
         str(tmp_path), "--base-url", "http://127.0.0.1:8000/", "--voices", str(silent_voices),
         "-j", "1", "-q", "--watch", "--interval", "1s"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True)
    reader.start()
    try:
        assert _until(lambda: any("1 built" in line for line in lines), 60), lines
        assert _until(lambda: any("1 URL every 1 s" in line for line in lines), 30), lines
        site.put("/feed.json", json.dumps({**text, "items": first + rest}))
        assert _until(lambda: any("2 built, 1 unchanged" in line for line in lines), 60), lines
        assert len(_feed(tmp_path).entries) == 3
        assert _until(lambda: any("0 built, 3 unchanged" in line for line in lines), 60)
        polls = [tag for path, tag, _ in site.requests if path == "/feed.json"]
        assert len(polls) >= 3 and all(polls[1:])  # every look after the first is conditional
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0 and "Stopped watching." in err


def _until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False
