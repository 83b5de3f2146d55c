"""The engines stage: the segment cache, worker processes and incremental builds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from audio_edition import synth
from audio_edition.build import BuildOptions, build, prepare
from audio_edition.config import load_edition, load_voices
from audio_edition.synth import SegmentCache, default_cache_dir

from conftest import ROOT, episode_file

BASE = "http://127.0.0.1:8000/"


@pytest.fixture
def prepared(fixtures, silent_voices):
    return prepare(fixtures / "kurz.txt", load_voices(silent_voices), "de")


def test_cache_location_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "audio-edition"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_cache_dir() == Path.home() / ".cache" / "audio-edition"


def test_cached_segments_are_not_synthesized_again(prepared, tmp_path):
    cache = SegmentCache(tmp_path / "c")
    first = synth.synthesize(prepared.utterances, cache)
    assert cache.misses == len(prepared.utterances) and cache.hits == 0
    again = SegmentCache(tmp_path / "c")
    second = synth.synthesize(prepared.utterances, again)
    assert again.hits == len(prepared.utterances) and again.misses == 0
    assert [a.pcm for a in first] == [a.pcm for a in second]


def test_key_covers_voice_text_and_engine(prepared, tmp_path):
    cache = SegmentCache(tmp_path / "c")
    u = prepared.utterances[1]
    import dataclasses

    other_voice = dataclasses.replace(u.voice, pitch=u.voice.pitch + 1)
    keys = {cache.key(u.spoken, u.voice), cache.key(u.spoken + ".", u.voice),
            cache.key(u.spoken, other_voice)}
    assert len(keys) == 3


def test_key_is_the_hash_of_everything_it_covers(prepared, tmp_path):
    # The key is built from a per-voice prefix; it must equal the hash of the whole list, so
    # that segments cached by earlier versions are still found.
    import dataclasses
    import hashlib
    import json

    cache = SegmentCache(tmp_path / "c")
    u = prepared.utterances[1]
    version = synth.get_engine(u.voice.engine).version()
    for text in (u.spoken, 'Ein „Zitat“ mit \\ und "Anführung"', ""):
        whole = json.dumps([synth.CACHE_VERSION, u.voice.engine, version,
                            dataclasses.asdict(u.voice), text], sort_keys=True,
                           ensure_ascii=False)
        assert cache.key(text, u.voice) == hashlib.sha256(whole.encode("utf-8")).hexdigest()
    u.voice.rate += 10  # a profile changed in place is a new voice
    assert cache.key(u.spoken, u.voice) != cache.key(u.spoken, dataclasses.replace(
        u.voice, rate=u.voice.rate - 10))


def test_size_cap_and_clear(prepared, tmp_path):
    cache = SegmentCache(tmp_path / "c", max_bytes=60_000)
    synth.synthesize(prepared.utterances, cache)
    assert 0 < cache.size() <= 60_000
    assert cache.clear() > 0 and cache.size() == 0


def test_cache_clear_command(tmp_path, prepared):
    synth.synthesize(prepared.utterances[:3], SegmentCache(tmp_path / "c"))
    memo = tmp_path / "c" / "spoken" / "0123.json"  # the spoken forms of an article's sentences
    memo.parent.mkdir()
    memo.write_text("{}", encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "audio_edition", "cache", "clear",
                          "--cache-dir", str(tmp_path / "c")], capture_output=True, text=True)
    assert res.returncode == 0 and res.stdout.startswith("removed 3 cached segments")
    assert not memo.exists()
    assert list((tmp_path / "c").iterdir()) == []  # no empty folders left behind


def test_cache_clear_keeps_a_folder_that_holds_something_else(tmp_path, prepared):
    synth.synthesize(prepared.utterances[:3], SegmentCache(tmp_path / "c"))
    mine = tmp_path / "c" / "notes" / "keep.txt"
    mine.parent.mkdir()
    mine.write_text("mine", encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "audio_edition", "cache", "clear",
                          "--cache-dir", str(tmp_path / "c")], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert [p.relative_to(tmp_path / "c").as_posix() for p in (tmp_path / "c").rglob("*")] == [
        "notes", "notes/keep.txt"]


def _build(out: Path, sources, voices, cache: Path, **kw):
    cfg = load_edition(out, {"base_url": BASE, "owner_email": "a@b.de"})
    return build(list(sources), out, cfg, voices, BuildOptions(cache=SegmentCache(cache), **kw))


def test_unchanged_article_is_not_rebuilt(work, silent_voices, tmp_path):
    out = tmp_path / "out"
    _build(out, [work / "kurz.txt", work / "short.md"], silent_voices, tmp_path / "c")
    mp3 = episode_file(out, "kurz")
    before = (mp3.read_bytes(), mp3.stat().st_mtime_ns)
    feed_before = (out / "feed" / "feed.xml").read_bytes()
    res = _build(out, [work / "kurz.txt", work / "short.md"], silent_voices, tmp_path / "c")
    assert not res.episodes and len(res.unchanged) == 2
    assert (mp3.read_bytes(), mp3.stat().st_mtime_ns) == before
    assert (out / "feed" / "feed.xml").read_bytes() == feed_before
    # a change to the voices rebuilds
    voices = tmp_path / "voices"
    import shutil

    shutil.copytree(silent_voices, voices)
    (voices / "de.toml").write_text((voices / "de.toml").read_text().replace("pitch = 40",
                                                                            "pitch = 45"))
    res = _build(out, [work / "kurz.txt"], voices, tmp_path / "c")
    assert [e.slug for e in res.episodes] == ["kurz"]


def test_one_paragraph_edit_resynthesizes_only_that_paragraph(work, silent_voices, tmp_path):
    out = tmp_path / "out"
    cache = tmp_path / "c"
    _build(out, [work / "kurz.txt"], silent_voices, cache)
    text = (work / "kurz.txt").read_text(encoding="utf-8")
    (work / "kurz.txt").write_text(text.replace("drei neue Leute", "vier neue Leute"),
                                   encoding="utf-8")
    store = SegmentCache(cache)
    cfg = load_edition(out, {"base_url": BASE, "owner_email": "a@b.de"})
    build([work / "kurz.txt"], out, cfg, silent_voices, BuildOptions(cache=store))
    assert store.misses == 1  # the one sentence that changed
    assert store.hits > 5


def test_progress_is_plain_when_not_a_terminal(work, silent_voices, tmp_path):
    res = subprocess.run([sys.executable, "-m", "audio_edition", "build", str(work / "kurz.txt"),
                          "--out", str(tmp_path), "--base-url", BASE, "--voices",
                          str(silent_voices), "-j", "1"], capture_output=True, text=True,
                         cwd=ROOT, env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "c")})
    assert res.returncode == 0, res.stderr
    assert "\r" not in res.stdout + res.stderr and "ETA" not in res.stderr
    last = res.stdout.strip().splitlines()[-1]
    assert last.startswith("1 built, 0 unchanged, 0 failed in")
    for stage in ("prepare", "loudness", "synthesize", "encode", "feed"):
        assert stage in last


_KILLED_PARENT = """
import os, signal, sys
from pathlib import Path
if __name__ == "__main__":
    from audio_edition import synth
    pool = synth.worker_pool(2)
    for future in [pool.submit(synth._start_engine, "silent") for _ in range(4)]:
        future.result()
    print(" ".join(map(str, pool._processes)), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_workers_exit_when_their_build_is_killed(tmp_path, fixtures, silent_voices):
    script = tmp_path / "killed.py"
    script.write_text(_KILLED_PARENT)
    res = subprocess.run([sys.executable, str(script), str(fixtures / "kurz.txt"),
                          str(silent_voices)], capture_output=True, text=True, cwd=ROOT)
    pids = [int(p) for p in res.stdout.split()]
    assert len(pids) == 2
    import time

    deadline = time.monotonic() + 10
    alive = pids
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [p for p in pids if Path(f"/proc/{p}").exists()
                 and "Z" not in Path(f"/proc/{p}/stat").read_text().split()[2]]
    assert not alive, f"orphaned workers still running: {alive}"
