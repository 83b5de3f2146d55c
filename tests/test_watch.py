"""Watching: which files a build reads, how a change is seen, and `build --watch` run as a user
runs it, with the real speech engine, until Ctrl-C."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import feedparser
import pytest
from mutagen.mp3 import MP3

from audio_edition import watch
from conftest import episode_file

ARTICLE = ("Neue Fähre im Hafen\n\n"
           "Die neue Fähre fuhr am Morgen zum ersten Mal über die Bucht. "
           "„Wir sind sehr zufrieden“, sagte die Kapitänin Ilka Brandt.\n")


def _touch(path: Path, text: str) -> None:
    """Writes ``text`` and moves the modification time on, so that a change within the file
    system's time resolution is seen as well."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns <= before:
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


def test_inputs_are_the_articles_voices_settings_and_named_files(tmp_path, silent_voices):
    arts, out = tmp_path / "articles", tmp_path / "out"
    arts.mkdir()
    out.mkdir()
    (arts / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (arts / "notes.odt").write_text("not an article", encoding="utf-8")
    single = tmp_path / "b.md"
    single.write_text("# B\n\nText.\n", encoding="utf-8")
    (out / "edition.toml").write_text('title = "T"\ncover = "bild.png"\nintro = "intro.mp3"\n',
                                      encoding="utf-8")
    files = watch.inputs([arts, single], out, silent_voices)
    assert arts / "a.txt" in files and single in files
    assert arts / "notes.odt" not in files
    assert {p for p in silent_voices.iterdir() if p.is_file()} <= set(files)
    assert {out / "edition.toml", out / "bild.png", out / "intro.mp3"} <= set(files)
    assert not any(p.is_relative_to(out / "audio") or p.is_relative_to(out / "feed")
                   for p in files)
    (out / "templates").mkdir()
    (out / "templates" / "episode.html").write_text("{{ ep.title }}", encoding="utf-8")
    (out / "templates" / ".episode.html.swp").write_text("", encoding="utf-8")
    (out / "episodes").mkdir()
    (out / "episodes" / "a.html").write_text("", encoding="utf-8")
    files = watch.inputs([arts, single], out, silent_voices)
    assert out / "templates" / "episode.html" in files
    assert not any(p.name.startswith(".") or p.is_relative_to(out / "episodes") for p in files)


def test_a_change_a_new_article_and_a_deleted_one_are_seen(tmp_path, silent_voices):
    arts = tmp_path / "articles"
    arts.mkdir()
    a, b = arts / "a.txt", arts / "b.txt"
    a.write_text(ARTICLE, encoding="utf-8")

    def look() -> watch.Snapshot:
        return watch.snapshot(watch.inputs([arts], tmp_path, silent_voices))

    first = look()
    assert first[tmp_path / "edition.toml"] is None  # missing is a state too
    assert watch.changed(first, look()) == []
    _touch(a, ARTICLE + "\nNoch ein Satz.\n")
    second = look()
    assert watch.changed(first, second) == [a]
    b.write_text(ARTICLE, encoding="utf-8")
    third = look()
    assert watch.changed(second, third) == [b]
    a.unlink()
    assert watch.changed(third, look()) == [a]
    (tmp_path / "edition.toml").write_text('title = "T"\n', encoding="utf-8")
    assert tmp_path / "edition.toml" in watch.changed(third, look())


def test_wait_returns_at_the_first_look_that_differs():
    states = iter([{Path("a"): (1, 1)}, {Path("a"): (1, 1)}, {Path("a"): (2, 1)}])
    naps: list[float] = []
    after, paths = watch.wait(lambda: next(states), {Path("a"): (1, 1)}, interval=0.5,
                              sleep=naps.append)
    assert paths == [Path("a")] and after == {Path("a"): (2, 1)}
    assert naps == [0.5, 0.5, 0.5]


class _Lines:
    """The lines a process writes to one of its pipes, read by a thread, waited for with a
    timeout."""

    def __init__(self, pipe) -> None:
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=lambda: [self.lines.put(x) for x in pipe], daemon=True).start()

    def until(self, start: str, timeout: float = 60.0) -> str:
        end = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.01, end - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no line starting {start!r} in {timeout} s; "
                                     f"saw {self.seen}") from None
            self.seen.append(line)
            if line.startswith(start):
                return line


@pytest.mark.parametrize("jobs, stop, ignored", [
    ("1", signal.SIGINT, False),
    ("2", signal.SIGINT, False),  # Ctrl-C reaches the worker too
    ("1", signal.SIGINT, True),  # started as a shell script's background job
    ("1", signal.SIGTERM, False),
])
def test_build_watch_rebuilds_on_each_change_and_stops_on_a_signal(tmp_path, jobs, stop,
                                                                   ignored):
    arts, out = tmp_path / "articles", tmp_path / "out"
    arts.mkdir()
    article = arts / "faehre.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "audio_edition", "build", str(arts), "--out", str(out),
         "--base-url", "http://127.0.0.1:8000/", "-j", jobs, "-q", "--watch"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
        start_new_session=True,  # Ctrl-C goes to the whole group, workers included
        preexec_fn=(lambda: signal.signal(signal.SIGINT, signal.SIG_IGN)) if ignored else None)
    stdout, stderr = _Lines(proc.stdout), _Lines(proc.stderr)
    try:
        assert stdout.until("1 built")  # the first build, with the real engine
        stdout.until("Watching")
        first = MP3(str(episode_file(out, "faehre"))).info.length

        _touch(article, ARTICLE.replace("sagte die Kapitänin Ilka Brandt.",
                                        "sagte die Kapitänin Ilka Brandt nach der Fahrt. "
                                        "Am Abend kehrte die Fähre zurück."))
        assert stdout.until("Changed: ").strip() == f"Changed: {article}"
        assert stdout.until("1 built").startswith("1 built, 0 unchanged, 0 failed")
        stdout.until("Watching")
        mp3 = episode_file(out, "faehre")
        assert MP3(str(mp3)).info.length > first + 1.0
        entry = feedparser.parse(str(out / "feed" / "feed.xml")).entries[0]
        assert entry.enclosures[0].href.endswith("/" + mp3.name)
        assert float(entry.enclosures[0].length) == mp3.stat().st_size

        empty = arts / "leer.txt"
        empty.write_text("  \n", encoding="utf-8")  # a bad article: one line, and go on
        assert stderr.until("Error: ").strip() == f"Error: {empty}: file is empty"
        stdout.until("Watching")
        empty.write_text("Zweite Meldung\n\nDer Hafen bleibt über Ostern geöffnet.\n",
                         encoding="utf-8")
        assert stdout.until("1 built").startswith("1 built, 1 unchanged, 0 failed")
        stdout.until("Watching")
        titles = {e.title for e in feedparser.parse(str(out / "feed" / "feed.xml")).entries}
        assert titles == {"Neue Fähre im Hafen", "Zweite Meldung"}
        assert proc.poll() is None
    finally:
        os.killpg(proc.pid, stop)
        code = proc.wait(timeout=30)
    assert code == 0
    assert stderr.until("Stopped watching.")
    assert not any("Traceback" in line for line in stderr.seen)
    # said at the first build, not again at each of the three that followed
    assert sum("owner_email is not set" in line for line in stderr.seen) == 1


def test_wait_returns_with_nothing_changed_when_it_is_time_to_look_at_the_urls():
    import time as clock

    state = {Path("a"): (1, 1)}
    after, paths = watch.wait(lambda: state, state, interval=0.05, until=clock.monotonic() + 0.2)
    assert (after, paths) == (state, [])
    assert watch.inputs(["https://example.org/feed.xml"], Path("/nonexistent"),
                        Path("/nonexistent")) == [Path("/nonexistent/edition.toml")]
