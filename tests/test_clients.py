"""Acceptance with the real engine and real podcast clients, over the served feed on 127.0.0.1.

Two episodes are built with the real voices: an article with three sections, and an edition of
two articles. ``audio-edition serve`` serves them. Then gPodder subscribes and downloads,
newsboat reads the feed, mp3val and ffprobe look at the MP3s, and the chapters and transcripts
are compared with where speech is actually heard in the decoded audio.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from mutagen.id3 import ID3, CTOCFlags

from conftest import FIXTURES, ROOT, episode_file
from feedcheck import problems
from media import decode, ffprobe_json

pytestmark = pytest.mark.slow

TOLERANCE = 0.050
"""Seconds a chapter or cue may be off from where the audio starts or ends."""
ARTICLE = "ferry"
EDITION_TITLE = "Riverside Weekly, 14 November"
EDITION = "riverside-weekly-14-november"
SECTIONS = ["The river ferry now runs on sunshine", "How the panels work", "What passengers say"]
ARTICLES = ["The river ferry now runs on sunshine", "The night market moves to the harbour"]


def _tool(name: str, package: str) -> str:
    exe = shutil.which(name)
    if exe is None:
        pytest.skip(f"{name} not installed (apt-get install {package}; .ci/run installs it)")
    return exe


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: int = 600):
    res = subprocess.run(list(args), capture_output=True, text=True, timeout=timeout,
                         cwd=cwd or ROOT, env={**os.environ, **(env or {})})
    assert res.returncode == 0, f"{args}: {res.stdout}\n{res.stderr}"
    return res


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The output folder with both episodes, served by ``audio-edition serve``."""
    out = tmp_path_factory.mktemp("podcast")
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    (out / "edition.toml").write_text(
        'title = "Riverside Audio"\n'
        'description = "Local news from the Lenne valley, read aloud."\n'
        'author = "Riverside Post"\n'
        'owner_email = "audio@riverside.example"\n'
        'language = "en"\n'
        'category = "News / Daily News"\n'
        f'base_url = "{base}"\n', encoding="utf-8")
    src = out / "src"
    src.mkdir()
    for name in ("ferry.md", "market.md"):
        shutil.copy(FIXTURES / name, src / name)
    cli = [sys.executable, "-m", "audio_edition"]
    _run(*cli, "build", str(src / "ferry.md"), "--out", str(out), "-q", "--no-cache")
    _run(*cli, "build", str(src / "ferry.md"), str(src / "market.md"), "--edition", EDITION_TITLE,
         "--out", str(out), "-q", "--no-cache")
    server = subprocess.Popen([*cli, "serve", str(out), "--port", str(port)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        line = server.stdout.readline()
        assert f"{base}feed/feed.xml" in line, line + (server.stderr.read()
                                                        if server.poll() is not None else "")
        yield out, base
    finally:
        server.terminate()
        server.wait(timeout=10)


def _get(base: str, path: str, headers: dict | None = None):
    host, port = re.match(r"http://([^:/]+):(\d+)/", base).groups()
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        conn.request("GET", path, headers=headers or {})
        res = conn.getresponse()
        return res.status, dict(res.getheaders()), res.read()
    finally:
        conn.close()


def test_the_served_feed_passes_the_validator_rules(site):
    out, base = site
    status, headers, xml = _get(base, "/feed/feed.xml")
    assert status == 200 and headers["Content-Type"] == "application/rss+xml"
    assert xml == (out / "feed" / "feed.xml").read_bytes()
    assert problems(xml, f"{base}feed/feed.xml") == []


def test_the_w3c_validator_finds_no_errors(site):
    """Runs w3c/feedvalidator when a checkout is named in FEEDVALIDATOR (its src/ folder)."""
    src = os.environ.get("FEEDVALIDATOR")
    if not src:
        pytest.skip("the W3C feed validator is not on PyPI or in Debian; set FEEDVALIDATOR to "
                    "a w3c/feedvalidator checkout's src/ (and FEEDVALIDATOR_PYTHON to a Python "
                    "with html5lib) to run it; tests/feedcheck.py encodes its rules meanwhile")
    _, base = site
    script = (
        "import sys, urllib.request\n"
        f"sys.path.insert(0, {src!r})\n"
        "import feedvalidator\n"
        "from feedvalidator.logging import Error, Warning\n"
        "from feedvalidator.formatter.text_plain import Formatter\n"
        "events = feedvalidator.validateURL(sys.argv[1], firstOccurrenceOnly=1)['loggedEvents']\n"
        "bad = [e for e in events if isinstance(e, (Error, Warning))]\n"
        "print('\\n'.join(Formatter(bad)))\n"
        "sys.exit(1 if bad else 0)\n")
    python = os.environ.get("FEEDVALIDATOR_PYTHON", sys.executable)
    res = subprocess.run([python, "-c", script, f"{base}feed/feed.xml"], capture_output=True,
                         text=True, timeout=120)
    assert res.returncode == 0, res.stdout + res.stderr


def test_gpodder_downloads_byte_identical_episodes(site, tmp_path):
    gpo = _tool("gpo", "gpodder")
    out, base = site
    env = {"GPODDER_HOME": str(tmp_path / "home"), "GPODDER_DOWNLOAD_DIR": str(tmp_path / "dl"),
           "HOME": str(tmp_path)}
    _run(gpo, "subscribe", f"{base}feed/feed.xml", env=env, timeout=120)
    res = _run(gpo, "update", env=env, timeout=120)
    assert "2 new episodes" in res.stdout, res.stdout
    _run(gpo, "download", env=env, timeout=300)
    downloaded = {p.name: p.read_bytes() for p in (tmp_path / "dl").rglob("*.mp3")}
    assert downloaded == {mp3.name: mp3.read_bytes()
                          for mp3 in (episode_file(out, ARTICLE), episode_file(out, EDITION))}


def test_newsboat_reads_the_feed_and_finds_the_enclosures(site, tmp_path):
    newsboat = _tool("newsboat", "newsboat")
    out, base = site
    (tmp_path / "urls").write_text(f"{base}feed/feed.xml\n")
    (tmp_path / "config").write_text("")
    cache = tmp_path / "cache.db"
    _run(newsboat, "-u", str(tmp_path / "urls"), "-c", str(cache), "-C", str(tmp_path / "config"),
         "-x", "reload", env={"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path),
                              "XDG_DATA_HOME": str(tmp_path)}, timeout=120)
    with sqlite3.connect(cache) as db:
        rows = db.execute("SELECT title, enclosure_url, enclosure_type FROM rss_item").fetchall()
    assert sorted(rows) == sorted([
        (EDITION_TITLE, f"{base}audio/{episode_file(out, EDITION).name}", "audio/mpeg"),
        (ARTICLES[0], f"{base}audio/{episode_file(out, ARTICLE).name}", "audio/mpeg"),
    ])


@pytest.mark.parametrize("slug", [ARTICLE, EDITION])
def test_mp3val_finds_no_problems(site, slug):
    mp3val = _tool("mp3val", "mp3val")
    out, _ = site
    res = _run(mp3val, str(episode_file(out, slug)))
    assert not re.search(r"^(WARNING|ERROR)", res.stdout, re.M), res.stdout


@pytest.mark.parametrize("slug, titles", [(ARTICLE, SECTIONS), (EDITION, ARTICLES)])
def test_ffprobe_lists_the_chapters_and_ctoc_orders_them(site, slug, titles):
    out, _ = site
    mp3 = episode_file(out, slug)
    chapters = ffprobe_json(mp3, "-show_chapters")["chapters"]
    assert [c["tags"]["title"] for c in chapters] == titles
    tag = ID3(str(mp3), translate=False)
    assert tag.version == (2, 3, 0)
    (toc,) = tag.getall("CTOC")
    assert toc.flags & CTOCFlags.TOP_LEVEL and toc.flags & CTOCFlags.ORDERED
    by_id = {c.element_id: str(c.sub_frames["TIT2"]) for c in tag.getall("CHAP")}
    assert [by_id[i] for i in toc.child_element_ids] == titles
    assert tag.getall("APIC")[0].type == 3


def _loud(samples, lo: float, hi: float, threshold: int = 300) -> tuple[float, float] | None:
    # first and last time the level exceeds ~-41 dBFS between lo and hi seconds (espeak-ng ends
    # many words in a soft tail near -35 dBFS, which belongs to the speech)
    a, b = max(0, int(lo * 44100)), min(len(samples), int(hi * 44100))
    idx = [i for i in range(a, b) if abs(samples[i]) > threshold]
    return (idx[0] / 44100, (idx[-1] + 1) / 44100) if idx else None


def _vtt_cues(text: str) -> list[tuple[float, float, str]]:
    def secs(t):
        h, m, s = t.split(":")
        return int(h) * 3600 + int(m) * 60 + float(s)

    header, *blocks = text.rstrip("\n").split("\n\n")
    assert header == "WEBVTT"
    cues = []
    for block in blocks:
        timing, *lines = block.split("\n")
        start, end = re.fullmatch(r"(\S+) --> (\S+)", timing).groups()
        speaker = re.match(r"<v ([^>]+)>", lines[0]).group(1)
        cues.append((secs(start), secs(end), speaker))
    return cues


@pytest.mark.parametrize("slug, titles", [(ARTICLE, SECTIONS), (EDITION, ARTICLES)])
def test_chapters_and_transcript_match_the_audio(site, slug, titles, record_property):
    out, _ = site
    samples = decode(episode_file(out, slug))
    doc = json.loads(episode_file(out, slug, "chapters_file").read_text())
    assert doc["version"] == "1.2.0"
    assert [c["title"] for c in doc["chapters"]] == titles
    id3 = sorted(ID3(str(episode_file(out, slug))).getall("CHAP"), key=lambda c: c.start_time)
    deltas = []
    for ch, frame in zip(doc["chapters"], id3):
        assert frame.start_time == round(ch["startTime"] * 1000)
        # the section is silent just before its chapter starts, and speech begins at it
        assert _loud(samples, ch["startTime"] - 0.3, ch["startTime"] - TOLERANCE) is None
        heard = _loud(samples, ch["startTime"] - 0.3, ch["startTime"] + 0.5)
        deltas.append(abs(heard[0] - ch["startTime"]))
    assert max(deltas) <= TOLERANCE, deltas
    record_property("chapter_max_delta_ms", round(max(deltas) * 1000, 1))

    cues = _vtt_cues(episode_file(out, slug, "vtt_file").read_text(encoding="utf-8"))
    assert {s for _, _, s in cues} >= {"Narrator", "Anton Reyes", "Lena Park"}
    starts, ends = [], []
    for n, (start, end, _) in enumerate(cues):
        before = cues[n - 1][1] if n else 0.0
        after = cues[n + 1][0] if n + 1 < len(cues) else end + 1.0
        if start - before >= 0.15:  # the cue begins after a pause: speech must begin with it
            heard = _loud(samples, max(before + 0.02, start - 0.3), start + 0.3)
            starts.append(abs(heard[0] - start))
        if after - end >= 0.15:  # it ends before a pause: speech must end with it
            heard = _loud(samples, end - 0.3, min(after - 0.02, end + 0.3))
            ends.append(abs(heard[1] - end))
    assert len(starts) >= len(cues) // 2
    assert max(starts) <= TOLERANCE and max(ends) <= TOLERANCE, (max(starts), max(ends))
    record_property("cue_start_max_delta_ms", round(max(starts) * 1000, 1))
    record_property("cue_end_max_delta_ms", round(max(ends) * 1000, 1))
    print(f"{slug}: chapters max {max(deltas) * 1000:.1f} ms; cue starts max "
          f"{max(starts) * 1000:.1f} ms over {len(starts)}; cue ends max {max(ends) * 1000:.1f} ms")
    duration = len(samples) / 44100
    assert doc["chapters"][-1]["endTime"] == pytest.approx(duration, abs=0.1)


def test_range_request_returns_exactly_the_bytes(site):
    out, base = site
    mp3 = episode_file(out, ARTICLE)
    data = mp3.read_bytes()
    status, headers, body = _get(base, f"/audio/{mp3.name}", {"Range": "bytes=1000-4999"})
    assert status == 206
    assert headers["Content-Range"] == f"bytes 1000-4999/{len(data)}"
    assert body == data[1000:5000]
    status, headers, _ = _get(base, f"/audio/{mp3.name}", {"Range": f"bytes={len(data)}-"})
    assert status == 416 and headers["Content-Range"] == f"bytes */{len(data)}"


@pytest.mark.parametrize("key, media_type", [
    ("vtt_file", "text/vtt"), ("srt_file", "application/x-subrip"),
    ("chapters_file", "application/json"),
])
def test_transcripts_and_chapters_are_served_at_the_feed_urls(site, key, media_type):
    out, base = site
    _, _, xml = _get(base, "/feed/feed.xml")
    name = episode_file(out, EDITION, key).name
    assert f"{base}audio/{name}".encode() in xml
    status, headers, _ = _get(base, f"/audio/{name}")
    assert status == 200 and headers["Content-Type"] == media_type
