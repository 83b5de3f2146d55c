"""Failure is safe: bad input gives one line and changes nothing, killed builds lose nothing,
and two builds never write into one folder at once."""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import feedparser
import pytest

from audio_edition.build import LOCK_FILE, build
from audio_edition.config import load_edition
from audio_edition.errors import EditionError

BASE = "http://127.0.0.1:8000/"


def _cli(*args, env=None, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "audio_edition", *map(str, args)],
                          capture_output=True, text=True, env={**os.environ, **(env or {})},
                          cwd=cwd, timeout=300)


def _snapshot(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes()
            for p in sorted(out.rglob("*")) if p.is_file() and p.name != LOCK_FILE}


@pytest.fixture(scope="module")
def _published_once(tmp_path_factory):
    """Two episodes built once for the module (with the silent engine)."""
    from conftest import FIXTURES

    root = tmp_path_factory.mktemp("published")
    out = root / "out"
    out.mkdir()
    (out / "edition.toml").write_text('title = "Hafenfunk"\nowner_email = "pod@example.org"\n',
                                      encoding="utf-8")
    for name in ("kurz.txt", "short.md"):
        shutil.copy(FIXTURES / name, root / name)
    res = _cli("build", root / "kurz.txt", root / "short.md", "--out", out, "--base-url", BASE,
               "--voices", FIXTURES / "voices-silent", "-q",
               env={"XDG_CACHE_HOME": str(root / "cache")})
    assert res.returncode == 0, res.stderr
    return out


@pytest.fixture
def published(_published_once, tmp_path):
    """A copy of an output folder with two episodes already published, and its files' bytes."""
    out = tmp_path / "out"
    shutil.copytree(_published_once, out)
    return out, _snapshot(out)


def _one_line_error(res: subprocess.CompletedProcess) -> str:
    assert res.returncode == 1, (res.stdout, res.stderr)
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), res.stderr
    assert "Traceback" not in res.stderr
    return lines[0]


def _write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


@pytest.mark.parametrize("name, content, problem", [
    ("leer.txt", b"", "file is empty"),
    ("bild.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
    ("gross.txt", b"Titel\n\n" + b"Wort " * (4 * 1024 * 1024), "articles are limited to"),
    ("kaputt.md", "---\ntitle: [x\n---\n\nText.\n", "front matter"),
    ("sprache.md", "---\ntitle: T\nlang: xx\n---\n\nText.\n", "no installed engine speaks language 'xx'"),
    ("utf16.txt", "Titel\n\nText mit Umlauten: äöü.\n".encode("utf-16-le"),
     "looks like UTF-16LE without a byte-order mark"),
    ("shiftjis.txt", "見出し\n\n本文です。\n".encode("shift_jis"), "not UTF-8 text (invalid"),
    ("striche.txt", "---\n\n… – …\n", "nothing to read aloud"),
])
def test_bad_article_is_one_line_and_changes_nothing(published, silent_voices, tmp_path, name,
                                                      content, problem):
    out, before = published
    bad = _write(tmp_path / name, content)
    line = _one_line_error(_cli("build", bad, "--out", out, "--base-url", BASE,
                                "--voices", silent_voices, "-q"))
    assert str(bad) in line and problem in line
    assert _snapshot(out) == before


def test_latin1_article_is_decoded(tmp_path, silent_voices):
    art = _write(tmp_path / "alt.txt", "Größere Fähre für Weidenwerth\n\nDie Fähre fährt "
                 "öfter, sagt der Fährmann.\n".encode("latin-1"))
    res = _cli("script", art, "--json", "--voices", silent_voices)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)[0]["text"] == "Größere Fähre für Weidenwerth"


def _voices(tmp_path: Path, engine: str, voice_id: str) -> Path:
    d = tmp_path / "voices-bad"
    d.mkdir()
    (d / "de.toml").write_text(
        f'lang = "de"\n[voice.n]\nrole = "narrator"\nengine = "{engine}"\nid = "{voice_id}"\n'
        f'[voice.q]\nrole = "quote"\nengine = "{engine}"\nid = "{voice_id}"\npitch = 80\n',
        encoding="utf-8")
    return d


def test_unknown_voice_id(published, work, tmp_path):
    out, before = published
    line = _one_line_error(_cli("build", work / "kurz.txt", "--out", out, "--base-url", BASE,
                                "--voices", _voices(tmp_path, "pyttsx3", "gmw/xx"), "-q"))
    assert "unknown pyttsx3 voice id 'gmw/xx'" in line and "kurz.txt" in line
    assert _snapshot(out) == before


def test_unknown_engine(published, work, tmp_path):
    out, before = published
    line = _one_line_error(_cli("build", work / "kurz.txt", "--out", out, "--base-url", BASE,
                                "--voices", _voices(tmp_path, "festival", "x"), "-q"))
    assert "engine: expected one of pyttsx3, piper, silent but got 'festival'" in line
    assert _snapshot(out) == before


def test_missing_engine_library(published, work, tmp_path):
    """pyttsx3 cannot be imported: the user is told what to install."""
    out, before = published
    shadow = tmp_path / "shadow" / "pyttsx3"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError(\"No module named 'pyttsx3'\")\n")
    env = {"PYTHONPATH": str(shadow.parent)}
    line = _one_line_error(_cli("build", work / "kurz.txt", "--out", out, "--base-url", BASE,
                                "--voices", _voices(tmp_path, "pyttsx3", "gmw/de"), "-q",
                                env=env))
    assert "pyttsx3 is not installed: pip install pyttsx3" in line
    assert _snapshot(out) == before


def test_invalid_edition_toml(published, work, silent_voices):
    out, before = published
    (out / "edition.toml").write_text('owner_email = "pod@example.org"\ncategory = "Newz"\n',
                                      encoding="utf-8")
    before["edition.toml"] = (out / "edition.toml").read_bytes()
    line = _one_line_error(_cli("build", work / "kurz.txt", "--out", out, "--base-url", BASE,
                                "--voices", silent_voices, "-q"))
    assert "edition.toml: category: expected one of" in line and "'Newz'" in line
    assert _snapshot(out) == before


@pytest.mark.parametrize("url", ["127.0.0.1:8000", "ftp://example.org/", "/feed/", "http://"])
def test_base_url_must_be_absolute_http(published, work, silent_voices, url):
    out, before = published
    line = _one_line_error(_cli("build", work / "kurz.txt", "--out", out, "--base-url", url,
                                "--voices", silent_voices, "-q"))
    assert "--base-url: expected an absolute http:// or https:// URL" in line
    assert _snapshot(out) == before


def test_output_folder_that_cannot_be_written(work, silent_voices, tmp_path):
    blocker = _write(tmp_path / "a-file", "not a folder")
    line = _one_line_error(_cli("build", work / "kurz.txt", "--out", blocker / "out",
                                "--base-url", BASE, "--voices", silent_voices, "-q"))
    assert "Not a directory" in line


def test_full_disk_leaves_previous_files(published, work, silent_voices, monkeypatch):
    """The disk fills up while the new episode is written (simulated at fsync)."""
    out, before = published
    (work / "kurz.txt").write_text((work / "kurz.txt").read_text() + "\nEin neuer Absatz.\n")

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("audio_edition.fsutil.os.fsync", full)
    config = load_edition(out, {"base_url": BASE})
    with pytest.raises(EditionError, match="No space left on device"):
        build([work / "kurz.txt"], out, config, silent_voices)
    assert _snapshot(out) == before
    assert not list(out.rglob("*.tmp"))


def test_second_build_into_the_same_folder_is_refused(published, work, silent_voices, tmp_path):
    out, before = published
    long = tmp_path / "lang.txt"
    para = "Die Fähre fährt heute öfter als gestern, und morgen fährt sie noch öfter. " * 6
    long.write_text("Ein langer Artikel\n\n" + "\n\n".join([para] * 40) + "\n", encoding="utf-8")
    args = ["build", long, "--out", out, "--base-url", BASE, "--voices", silent_voices, "-q"]
    procs = [subprocess.Popen([sys.executable, "-m", "audio_edition", *map(str, args)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    results = [p.communicate(timeout=300) + (p.returncode,) for p in procs]
    codes = sorted(r[2] for r in results)
    assert codes == [0, 1], results
    loser = next(r for r in results if r[2] == 1)
    assert loser[1].strip() == f"Error: {out}: another build is running in this folder; " \
                               "try again when it has finished"


def test_sigkill_at_random_points_leaves_previous_files(published, work, silent_voices,
                                                         tmp_path):
    out, before = published
    for name in ("kurz.txt", "short.md"):
        p = work / name
        p.write_text(p.read_text(encoding="utf-8") + "\nA new closing paragraph. Ein neuer "
                     "Schlussabsatz.\n", encoding="utf-8")
    args = [sys.executable, "-m", "audio_edition", "build", work / "kurz.txt",
            work / "short.md", "--out", out, "--base-url", BASE, "--voices", silent_voices,
            "-q", "--force", "--no-cache"]
    # How long a full rebuild takes on this machine, measured on copies: the shorter of two
    # runs, because the first one also warms the machine's caches.
    durations = []
    for n in range(2):
        copy = tmp_path / f"copy-{n}"
        shutil.copytree(out, copy)
        started = time.monotonic()
        subprocess.run([*map(str, args[:7]), copy, *map(str, args[8:])], check=True,
                       capture_output=True, timeout=300)
        durations.append(time.monotonic() - started)
    duration = min(durations)
    rng = random.Random(20261128)
    # Everything is renamed into place in the last milliseconds of a build. The kill points
    # stay well before that, allowing for runs faster than the one measured on this busy
    # machine; a kill after that point meets a finished build, which the last check covers.
    points = sorted(rng.uniform(0.05, 0.6 * duration) for _ in range(8))
    killed = 0
    for point in points:
        proc = subprocess.Popen(list(map(str, args)), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(point)
        finished = proc.poll() is not None
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if finished:  # this run was faster than the one measured: it published; undo that
            for path in out.rglob("*"):
                if path.is_file() and path.name != LOCK_FILE:
                    path.unlink()
            for name, data in before.items():
                (out / name).write_bytes(data)
            continue
        killed += 1
        now = _snapshot(out)
        assert {k: v for k, v in now.items() if not k.endswith(".tmp")} == before, \
            f"files changed after SIGKILL at {point:.2f} s of {duration:.2f} s"
    assert killed >= 4, f"only {killed} of {len(points)} builds were still running when killed"
    # The next build cleans up and publishes, and the result is consistent.
    res = subprocess.run(list(map(str, args)), capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert not list(out.rglob("*.tmp"))
    feed = feedparser.parse((out / "feed" / "feed.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) == 2
    for entry in feed.entries:
        enclosure = entry.enclosures[0]
        assert int(enclosure.length) == (out / "audio" / enclosure.href.rsplit("/", 1)[1]).stat().st_size
