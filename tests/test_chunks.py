"""Chunked encoding: where chunks are cut, what their keys cover, and that joined chunks make a
correct MP3 whose timings, duration and frames agree (checked with ffprobe)."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from audio_edition import chunks, mp3, synth, workers
from audio_edition.build import prepare
from audio_edition.config import load_voices
from audio_edition.errors import AudioError, ConfigError
from audio_edition.jingles import Sound
from audio_edition.synth import SegmentCache

from conftest import episode_file, ffprobe

PARAGRAPHS = [
    "Die Fähre am Nordufer fährt seit dem Frühjahr wieder jede halbe Stunde. Die Gemeinde hatte "
    "den Betrieb zwei Jahre lang ruhen lassen, weil das alte Boot nicht mehr sicher war.",
    "Das neue Boot ist kleiner und leiser. Es bietet Platz für dreißig Menschen und acht "
    "Fahrräder, und an Bord gibt es eine Bank, die vor Regen schützt.",
    "„Wir wollten die Verbindung nicht aufgeben“, sagte Bürgermeisterin Ilse Brandt. „Viele "
    "Menschen am Ufer haben kein Auto, und der Umweg über die Brücke dauert eine Stunde.“",
    "Im ersten Monat zählte die Gemeinde mehr Fahrgäste als erwartet. Besonders morgens sind "
    "Schülerinnen und Pendler unterwegs, am Wochenende vor allem Ausflügler mit Rädern.",
    "Die Kosten teilen sich die beiden Orte an den Ufern. Ein Förderverein sammelt zusätzlich "
    "Spenden für einen Steg, an dem auch Rollstühle bequem an Bord kommen.",
    "Der Fährmann kennt viele seiner Gäste beim Namen. Er sagt, die Überfahrt sei kurz, aber "
    "sie reiche für ein Gespräch über das Wetter und die Neuigkeiten im Dorf.",
    "Im Herbst soll ein Fahrplan für den Winter folgen. Dann fährt das Boot seltener, aber "
    "weiterhin an jedem Tag der Woche, auch an Feiertagen.",
    "Wer Fragen zum Angebot hat, erreicht die Gemeinde werktags am Vormittag. Die Fahrpreise "
    "bleiben bis zum Ende des Jahres unverändert.",
]


# sixteen paragraphs: the eight above, then the same with a closing line each
PARAGRAPHS += [f"{p} So steht es im Bericht der Gemeinde, Abschnitt {k + 1}."
               for k, p in enumerate(PARAGRAPHS)]


def _article(folder: Path, paragraphs: list[str]) -> Path:
    path = folder / "faehre.txt"
    path.write_text("Die Fähre fährt wieder\n\n" + "\n\n".join(paragraphs) + "\n",
                    encoding="utf-8")
    return path


@pytest.fixture
def book(silent_voices):
    return load_voices(silent_voices)


def _render(prep, cache, workdir, jobs=1, sound=Sound()):
    voices = [c.voice for c in prep.script.segments]
    levels = chunks.level_keys(voices, sound, -16.0, -1.0, cache)
    return chunks.render(prep.script, prep.utterances, levels,
                         lambda: chunks.gain_plan(voices, sound, -16.0, -1.0, cache),
                         sound, 1, workdir, jobs, cache)


def test_chunks_start_at_paragraphs_and_cover_every_utterance(tmp_path, book):
    prep = prepare(_article(tmp_path, PARAGRAPHS), book, "de")
    bounds = chunks.split(prep.script, prep.utterances)
    assert len(bounds) >= 3
    assert bounds[0][0] == 0 and bounds[-1][1] == len(prep.utterances)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    for start, _ in bounds[1:]:
        here = prep.script.segments[prep.utterances[start].segment].segment.block
        before = prep.script.segments[prep.utterances[start - 1].segment].segment.block
        assert here != before  # never inside a paragraph
    assert chunks.split(prep.script, prep.utterances, keep=len(prep.utterances)) == \
        [(0, len(prep.utterances))]


def test_editing_one_paragraph_changes_only_its_own_cuts(tmp_path, book):
    prep = prepare(_article(tmp_path, PARAGRAPHS), book, "de")
    edited = PARAGRAPHS.copy()
    edited[4] = edited[4].replace("Spenden", "Geld")
    other = prepare(_article(tmp_path, edited), book, "de")

    def cut_texts(p):
        return [p.utterances[a].spoken for a, _ in chunks.split(p.script, p.utterances)]

    before, after = cut_texts(prep), cut_texts(other)
    changed = set(before) ^ set(after)
    assert len(changed) <= 2 and all("Geld" in t or "Spenden" in t or t in PARAGRAPHS[5]
                                     for t in changed)


def test_joined_chunks_make_one_exact_mp3(tmp_path, book):
    prep = prepare(_article(tmp_path, PARAGRAPHS), book, "de")
    cache = SegmentCache(tmp_path / "cache")
    encoded = _render(prep, cache, tmp_path)
    assert encoded.chunks >= 3 and encoded.encoded == encoded.chunks
    out = tmp_path / "episode.mp3"
    mp3.join(encoded.parts, out)
    frames = sum(mp3.count_frames(p.read_bytes()) for p in encoded.parts)
    counted = subprocess.run(["ffprobe", "-v", "error", "-count_frames", "-select_streams", "a:0",
                              "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0",
                              str(out)], capture_output=True, text=True, check=True).stdout
    assert int(counted) == frames
    assert float(ffprobe(out, "format=duration")) == pytest.approx(encoded.duration, abs=0.03)
    subprocess.run(["ffmpeg", "-v", "error", "-xerror", "-i", str(out), "-f", "null", "-"],
                   check=True)
    starts = [t.start for t in encoded.timings]
    assert len(encoded.timings) == len(prep.utterances)
    assert starts == sorted(starts) and all(t.end > t.start for t in encoded.timings)
    assert encoded.timings[-1].end < encoded.duration


def test_gains_are_measured_only_when_a_chunk_is_encoded(tmp_path, book):
    prep = prepare(_article(tmp_path, PARAGRAPHS[:4]), book, "de")
    cache = SegmentCache(tmp_path / "cache")
    _render(prep, cache, tmp_path)
    calls = []
    voices = [c.voice for c in prep.script.segments]
    levels = chunks.level_keys(voices, Sound(), -16.0, -1.0, cache)
    again = chunks.render(prep.script, prep.utterances, levels, lambda: calls.append(1),
                          Sound(), 1, tmp_path, 1, cache)
    assert again.encoded == 0 and not calls


def test_an_edit_reencodes_only_the_chunks_it_touches(tmp_path, book):
    cache = SegmentCache(tmp_path / "cache")
    first = _render(prepare(_article(tmp_path, PARAGRAPHS), book, "de"), cache, tmp_path)
    same = _render(prepare(_article(tmp_path, PARAGRAPHS), book, "de"), cache, tmp_path)
    assert same.encoded == 0 and same.parts == first.parts and same.timings == first.timings
    edited = PARAGRAPHS.copy()
    edited[4] = edited[4].replace("Spenden", "Geld")
    again = _render(prepare(_article(tmp_path, edited), book, "de"), cache, tmp_path)
    assert 1 <= again.encoded <= 2 < again.chunks
    assert len(set(again.parts) & set(first.parts)) >= again.chunks - 2


def test_workers_make_the_same_mp3(tmp_path, book):
    prep = prepare(_article(tmp_path, PARAGRAPHS), book, "de")
    outputs = []
    for jobs in (1, 2):
        cache = SegmentCache(tmp_path / f"cache-{jobs}")
        encoded = _render(prep, cache, tmp_path, jobs=jobs)
        out = tmp_path / f"j{jobs}.mp3"
        mp3.join(encoded.parts, out)
        outputs.append((out.read_bytes(), encoded.timings))
    workers.shutdown_pool()
    assert outputs[0] == outputs[1]


def test_without_a_cache_chunks_go_to_the_work_folder(tmp_path, book):
    prep = prepare(_article(tmp_path, PARAGRAPHS[:3]), book, "de")
    work = tmp_path / "work"
    work.mkdir()
    encoded = _render(prep, None, work)
    assert encoded.parts and all(p.parent == work for p in encoded.parts)


def test_voice_levels_are_measured_once(tmp_path, book):
    prep = prepare(_article(tmp_path, PARAGRAPHS[:2]), book, "de")
    voices = [c.voice for c in prep.script.segments]
    cache = SegmentCache(tmp_path / "cache")
    plan = chunks.gain_plan(voices, Sound(), -16.0, -1.0, cache)
    assert set(plan.gains_db) == {v.name for v in voices}
    again = SegmentCache(tmp_path / "cache")
    assert chunks.gain_plan(voices, Sound(), -16.0, -1.0, again).gains_db == plan.gains_db
    assert again.misses == 0 and again.hits == 0  # not even read back from the segments
    louder = chunks.gain_plan(voices, Sound(), -14.0, -1.0, again)
    assert all(louder.gains_db[v] > plan.gains_db[v] for v in plan.gains_db)


def test_a_worker_measures_the_likely_voices_while_the_article_is_read(tmp_path, book):
    from audio_edition.casting import likely_voices

    likely = likely_voices(book.for_lang("de"))
    assert [v.name for v in likely] == ["de-narrator", "de-quote-1"]
    cache = SegmentCache(tmp_path / "cache")
    keys = chunks.level_keys(likely, Sound(), -16.0, -1.0, cache)
    chunks.start_ahead(2, {"pyttsx3"}, likely, -16.0, -1.0, cache)
    prep = prepare(_article(tmp_path, PARAGRAPHS[:3]), book, "de")
    voices = [c.voice for c in prep.script.segments]
    plan = chunks.gain_plan(voices, Sound(), -16.0, -1.0, cache)  # waits for the worker
    workers.shutdown_pool()
    assert set(keys.values()) <= set(cache.levels())
    assert cache.misses == 0  # every calibration sentence was spoken by the worker
    assert plan.gains_db == chunks.gain_plan(voices, Sound(), -16.0, -1.0, None).gains_db
    chunks.start_ahead(1, {"pyttsx3"}, likely, -16.0, -1.0, cache)  # one job: nothing to overlap
    assert not chunks._ahead and not workers.pool_size()


def test_calibration_speaks_the_voice_language(book):
    voice = book.for_lang("de").narrator
    utts = chunks.calibration_utterances(voice)
    assert len(utts) >= 3 and utts[0].spoken.startswith("Guten Abend")
    swedish = chunks.calibration_utterances(dataclasses.replace(voice, lang="sv"))
    assert swedish[0].spoken.startswith("januari, februari")  # a generic language: CLDR's months


def test_count_frames_rejects_what_is_not_mp3(tmp_path):
    with pytest.raises(AudioError):
        mp3.count_frames(b"RIFF" + bytes(600))


def test_a_cache_smaller_than_an_episode_still_builds_it(work, silent_voices, tmp_path):
    from audio_edition.build import BuildOptions, build
    from audio_edition.config import load_edition

    out = tmp_path / "out"
    config = load_edition(out, {"base_url": "http://127.0.0.1:8000/"})
    cache = SegmentCache(tmp_path / "cache", max_bytes=20_000)
    res = build([_article(work, PARAGRAPHS)], out, config, silent_voices,
                BuildOptions(cache=cache))
    assert not res.failures
    mp3_file = episode_file(out, "faehre")
    assert float(ffprobe(mp3_file, "format=duration")) > 30
    assert cache.size() <= 20_000


def test_join_takes_parts_from_any_folder_name(tmp_path, book):
    prep = prepare(_article(tmp_path, PARAGRAPHS), book, "de")
    odd = tmp_path / "a|b"
    odd.mkdir()
    encoded = _render(prep, None, odd)
    assert len(encoded.parts) >= 2
    out = tmp_path / "joined.mp3"
    mp3.join(encoded.parts, out)
    assert float(ffprobe(out, "format=duration")) == pytest.approx(encoded.duration, abs=0.03)


def test_the_info_header_gives_every_reader_the_same_duration(tmp_path, book):
    from mutagen.mp3 import MP3

    prep = prepare(_article(tmp_path, PARAGRAPHS[:8]), book, "de")
    encoded = _render(prep, None, tmp_path)
    out = tmp_path / "joined.mp3"
    mp3.join(encoded.parts, out)
    head = out.read_bytes()[:400]
    assert b"Info" in head and b"Xing" not in head
    info = MP3(str(out)).info
    assert info.length == pytest.approx(encoded.duration, abs=1e-6)
    assert info.bitrate == 96000
    assert float(ffprobe(out, "format=duration")) == pytest.approx(encoded.duration, abs=0.001)
    with pytest.raises(AudioError):
        mp3.join([], out)


def test_join_trusts_a_given_frame_count_and_counts_otherwise(tmp_path, book):
    prep = prepare(_article(tmp_path, PARAGRAPHS[:8]), book, "de")
    encoded = _render(prep, None, tmp_path)
    counted, given = tmp_path / "counted.mp3", tmp_path / "given.mp3"
    mp3.join(encoded.parts, counted)
    mp3.join(encoded.parts, given, encoded.frames)
    assert counted.read_bytes() == given.read_bytes()


def test_with_two_jobs_this_process_makes_chunks_beside_one_worker(tmp_path, book, monkeypatch):
    """``-j 2`` is this process and one worker: both make chunks, each taking the longest one
    left, so that the last ones made are the shortest."""
    prep = prepare(_article(tmp_path, PARAGRAPHS * 3), book, "de")
    here = []
    make = chunks._make

    def counted(chunk, utts, *args, **kwargs):
        here.append(sum(len(u.spoken) for u in utts))  # a worker appends to its own copy
        return make(chunk, utts, *args, **kwargs)

    monkeypatch.setattr(chunks, "_make", counted)
    encoded = _render(prep, None, tmp_path, jobs=2)
    size = workers._pool_size
    workers.shutdown_pool()
    assert size == 1
    assert encoded.encoded == encoded.chunks >= 3
    assert 1 <= len(here) < encoded.chunks
    assert here == sorted(here, reverse=True)


@pytest.mark.parametrize("ahead", [True, False])
def test_this_process_speaks_its_first_chunk_while_a_worker_measures_ahead(
        tmp_path, book, monkeypatch, ahead):
    """With the voices being measured ahead in a worker, this process does not wait for the
    gains before it speaks: it waits only to master its first chunk. Without, it measures
    first, while the workers speak."""
    import concurrent.futures as cf

    prep = prepare(_article(tmp_path, PARAGRAPHS * 3), book, "de")
    voices = [c.voice for c in prep.script.segments]
    spoken = []
    synthesize = chunks.synth.synthesize
    monkeypatch.setattr(chunks.synth, "synthesize",  # in this process only
                        lambda *a, **k: spoken.append(1) or synthesize(*a, **k))
    spoken_before_plan = []

    def plan():
        spoken_before_plan.append(len(spoken))
        return chunks.gain_plan(voices, Sound(), -16.0, -1.0, None)

    if ahead:
        measured = cf.Future()
        measured.set_result([])
        chunks._ahead.append(measured)  # what start_ahead leaves for gain_plan
    levels = chunks.level_keys(voices, Sound(), -16.0, -1.0, None)
    encoded = chunks.render(prep.script, prep.utterances, levels, plan, Sound(), 1, tmp_path, 2,
                            None)
    workers.shutdown_pool()
    assert encoded.encoded == encoded.chunks >= 3
    assert spoken_before_plan == ([1] if ahead else [0])
    assert not chunks._ahead


def _worker_fds() -> list[str]:
    return sorted(os.readlink(f"/proc/self/fd/{fd}") for fd in os.listdir("/proc/self/fd")
                  if os.path.exists(f"/proc/self/fd/{fd}"))


def test_no_worker_process_is_forked_from_the_build(tmp_path):
    """A process forked from the build copies every file descriptor it holds at that moment,
    such as the pipes of an ffmpeg another thread is starting: issue 15's hang. Workers come
    from the fork server instead, and hold none of the build's pipes, whichever thread starts
    them and whatever runs here."""
    assert workers.START_METHOD in ("forkserver", "spawn")
    read, write = os.pipe()  # as Popen's pipes: close-on-exec, which a fork does not honour
    try:
        ours = {os.readlink(f"/proc/self/fd/{fd}") for fd in (read, write)}
        busy = threading.Thread(target=time.sleep, args=(0.5,))
        busy.start()  # the old pool forked when only this thread ran: now it does not matter
        pool = workers.worker_pool(1)
        seen = pool.submit(_worker_fds).result(timeout=120)
        busy.join()
    finally:
        os.close(read)
        os.close(write)
        workers.shutdown_pool()
    assert pool._mp_context.get_start_method() == workers.START_METHOD
    assert not ours & set(seen), seen


_STRESS = r"""
import sys, threading
from pathlib import Path
from audio_edition import chunks, loudness, synth, workers
from audio_edition.build import prepare
from audio_edition.config import load_voices
from audio_edition.jingles import Sound

if __name__ == "__main__":
    folder, voices, rounds = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    art = folder / "fähre.txt"
    art.write_text("Die Fähre\n\n" + "\n\n".join(
        f"Absatz {k}. Die Fähre fährt jede halbe Stunde, sagt die Gemeinde am Ufer. " * 3
        for k in range(6)) + "\n", encoding="utf-8")
    prep = prepare(art, load_voices(voices), "de")
    vs = [c.voice for c in prep.script.segments]
    levels = chunks.level_keys(vs, Sound(), -16.0, -1.0, None)
    noise = [b"\x10\x00\xf0\xff" * 22050]
    stop = threading.Event()

    def measure():
        # another thread starting ffmpeg again and again, as the cover or a second build may
        while not stop.is_set():
            loudness.block_loudness(noise, 22050, 2.0)

    for r in range(2 * rounds):
        side = None
        if r >= rounds:  # the second half with ffmpeg started beside, and pools of two sizes
            side = threading.Thread(target=measure)
            side.start()
        jobs = 2 if r < rounds or r % 2 else 3
        # No cache: this process measures the voices with ffmpeg while the feeder thread
        # starts the workers (the first submit starts them), every round in a new pool.
        enc = chunks.render(prep.script, prep.utterances, levels,
                            lambda: chunks.gain_plan(vs, Sound(), -16.0, -1.0, None),
                            Sound(), 1, folder, jobs, None)
        assert enc.encoded == enc.chunks >= 2
        workers.shutdown_pool()
        stop.set()
        if side:
            side.join()
        stop.clear()
        print(r, flush=True)
"""


def test_the_workers_path_survives_many_pool_starts_beside_ffmpeg(tmp_path, silent_voices):
    """Issue 15: the feeder thread forked a worker while this process was starting ffmpeg; the
    worker held ffmpeg's stdin and Popen's status pipe, and the build waited for ever. The
    workers' path, run again and again with a new pool each time, this process measuring the
    voices with ffmpeg as the workers start, then another thread starting ffmpeg beside it.
    The old pool hung within the first dozen rounds in three runs out of four."""
    script = tmp_path / "stress.py"
    script.write_text(_STRESS, encoding="utf-8")
    rounds = 15
    try:
        res = subprocess.run([sys.executable, str(script), str(tmp_path), str(silent_voices),
                              str(rounds)], capture_output=True, text=True, cwd=tmp_path,
                             timeout=300)
    except subprocess.TimeoutExpired as exc:
        done = (exc.stdout or b"").decode().split()
        pytest.fail(f"hung after {len(done)} of {2 * rounds} rounds")
    assert res.returncode == 0, res.stderr[-3000:]
    assert res.stdout.split() == [str(r) for r in range(2 * rounds)]


# Run as the main module, so that the fork server imports it and every worker has its patch
# of _make: a worker that dies (or stops) where the test says, as a real one would when it is
# killed or stuck. This process makes its own chunks as usual.
_WORKER_FAULT = r"""
import multiprocessing, os, signal, sys, time
from pathlib import Path
from audio_edition import chunks, synth, workers

_make = chunks._make
FAULT, MARK = os.environ["FAULT"], Path(os.environ["MARK"])


def faulty(chunk, utts, *args, **kwargs):
    if multiprocessing.parent_process() is not None:  # in a worker
        if FAULT == "die-once" and not MARK.exists():
            MARK.write_text("died")
            os.kill(os.getpid(), signal.SIGKILL)
        if FAULT == "die":
            os.kill(os.getpid(), signal.SIGKILL)
        if FAULT == "stick":
            MARK.write_text(str(os.getpid()))
            time.sleep(3600)
    return _make(chunk, utts, *args, **kwargs)


chunks._make = faulty
chunks.WORKER_TIMEOUT, chunks.WORKER_TIMEOUT_PER_CHAR = 3.0, 0.0

if __name__ == "__main__":
    from audio_edition import mp3
    from audio_edition.build import prepare
    from audio_edition.config import load_voices
    from audio_edition.errors import EditionError
    from audio_edition.jingles import Sound

    article, voices, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    prep = prepare(article, load_voices(voices), "de")
    vs = [c.voice for c in prep.script.segments]
    levels = chunks.level_keys(vs, Sound(), -16.0, -1.0, None)
    try:
        enc = chunks.render(prep.script, prep.utterances, levels,
                            lambda: chunks.gain_plan(vs, Sound(), -16.0, -1.0, None),
                            Sound(), 1, out.parent, 2, None)
    except EditionError as exc:
        print("Error:", exc.format_message())
        sys.exit(1)
    finally:
        workers.shutdown_pool()
    mp3.join(enc.parts, out)
    print("chunks", enc.chunks, "duration", enc.duration)
"""


def _faulty_workers(tmp_path, silent_voices, fault: str) -> subprocess.CompletedProcess:
    script = tmp_path / "faulty.py"
    script.write_text(_WORKER_FAULT, encoding="utf-8")
    article = _article(tmp_path, PARAGRAPHS)
    return subprocess.run([sys.executable, str(script), str(article), str(silent_voices),
                           str(tmp_path / "out.mp3")], capture_output=True, text=True,
                          cwd=tmp_path, timeout=180,
                          env={**os.environ, "FAULT": fault, "MARK": str(tmp_path / "mark")})


def test_a_worker_killed_while_making_a_chunk_is_replaced(tmp_path, book, silent_voices):
    res = _faulty_workers(tmp_path, silent_voices, "die-once")
    assert res.returncode == 0, res.stdout + res.stderr[-3000:]
    assert (tmp_path / "mark").exists()  # a worker did die
    assert "a worker process died while making chunk" in res.stderr
    subprocess.run(["ffmpeg", "-v", "error", "-xerror", "-i", str(tmp_path / "out.mp3"), "-f",
                    "null", "-"], check=True)
    clean = _render(prepare(_article(tmp_path, PARAGRAPHS), book, "de"), None, tmp_path)
    assert f"duration {clean.duration}" in res.stdout


def test_workers_that_keep_dying_fail_the_build_naming_the_chunk(tmp_path, silent_voices):
    res = _faulty_workers(tmp_path, silent_voices, "die")
    assert res.returncode == 1, res.stdout + res.stderr[-3000:]
    assert re.fullmatch(r"Error: chunk \d+ \(sentences \d+–\d+\): a worker process died while "
                        r"making it\n", res.stdout), res.stdout


def test_a_stuck_worker_fails_the_build_naming_its_chunk(tmp_path, silent_voices):
    started = time.monotonic()
    res = _faulty_workers(tmp_path, silent_voices, "stick")
    assert res.returncode == 1, res.stdout + res.stderr[-3000:]
    assert re.fullmatch(r"Error: chunk \d+ \(sentences \d+–\d+\): a worker process did not "
                        r"finish it within 3 s\n", res.stdout), res.stdout
    assert time.monotonic() - started < 120
    stuck = int((tmp_path / "mark").read_text())
    assert not Path(f"/proc/{stuck}").exists() or "Z" in Path(
        f"/proc/{stuck}/stat").read_text().split()[2]  # killed, not left behind


def test_a_stuck_ffmpeg_fails_the_article_naming_the_chunk(tmp_path, work, silent_voices,
                                                           monkeypatch):
    """Every wait for a child has a deadline (:mod:`audio_edition.procutil`), scaled with the
    audio: here it is made too short for the real ffmpeg to meet, once the voices' levels are
    in the cache and an edit leaves one chunk to encode."""
    from audio_edition import procutil
    from audio_edition.build import BuildOptions, build
    from audio_edition.config import load_edition

    out, cache = tmp_path / "out", SegmentCache(tmp_path / "cache")
    cfg = load_edition(out, {"base_url": "http://127.0.0.1:8000/", "owner_email": "a@b.de"})
    article = _article(work, PARAGRAPHS)
    build([article], out, cfg, silent_voices, BuildOptions(jobs=1, cache=cache))
    article.write_text(article.read_text(encoding="utf-8").replace("Spenden", "Geld"),
                       encoding="utf-8")
    monkeypatch.setattr(procutil, "BASE_TIMEOUT", 0.0)
    monkeypatch.setattr(procutil, "PER_AUDIO_SECOND", 0.0)
    res = build([article], out, cfg, silent_voices, BuildOptions(jobs=1, cache=cache))
    assert not res.episodes and len(res.failures) == 1
    message = res.failures[0].format_message()
    assert re.fullmatch(r".*faehre\.txt: chunk \d+ \(sentences \d+–\d+\): ffmpeg did not "
                        r"finish within 0 s", message), message


def test_workers_stop_when_the_gains_cannot_be_measured(tmp_path, book):
    """The workers wait for the gains the build measures; when that fails, they give up at
    once instead of waiting, and the build gets the measurement's error."""
    prep = prepare(_article(tmp_path, PARAGRAPHS), book, "de")
    voices = [c.voice for c in prep.script.segments]

    def broken():
        raise AudioError("cannot measure", "levels")

    levels = chunks.level_keys(voices, Sound(), -16.0, -1.0, None)
    started = time.monotonic()
    with pytest.raises(AudioError, match="cannot measure"):
        chunks.render(prep.script, prep.utterances, levels, broken, Sound(), 1, tmp_path, 2,
                      None)
    # The pool is still usable: the workers finished their chunks with an error.
    again = _render(prep, None, tmp_path, jobs=2)
    workers.shutdown_pool()
    assert again.encoded == again.chunks
    assert time.monotonic() - started < 120


def test_an_error_in_a_worker_reaches_the_build(tmp_path, book):
    """A chunk that fails in a worker process fails the build with the worker's own message
    and file, not with a traceback from the pool."""
    prep = prepare(_article(tmp_path, PARAGRAPHS), book, "de")
    bad = [dataclasses.replace(u, voice=dataclasses.replace(u.voice, engine="no-such-engine"))
           for u in prep.utterances]
    voices = [c.voice for c in prep.script.segments]
    levels = chunks.level_keys(voices, Sound(), -16.0, -1.0, None)
    with pytest.raises(ConfigError) as err:
        chunks.render(prep.script, bad, levels,
                      lambda: chunks.gain_plan(voices, Sound(), -16.0, -1.0, None),
                      Sound(), 1, tmp_path, 2, None)
    workers.shutdown_pool()
    assert "no-such-engine" in err.value.problem


@pytest.mark.slow
def test_workers_with_the_real_engine(fixtures, tmp_path):
    """Two worker processes, each with its own espeak: the same chunks, utterances, timings
    and MP3 frames as one process, to the sample (each utterance is spoken by a fresh fork of a
    process that never spoke: :mod:`audio_edition.engines.espeak_fresh`)."""
    prep = prepare(fixtures / "kurz.txt", load_voices(), "de")
    one = _render(prep, SegmentCache(tmp_path / "c1"), tmp_path, jobs=1)
    two = _render(prep, SegmentCache(tmp_path / "c2"), tmp_path, jobs=2)
    workers.shutdown_pool()
    assert one.chunks == two.chunks and one.timings == two.timings
    assert one.duration == two.duration and one.frames == two.frames
    assert [p.read_bytes() for p in one.parts] == [p.read_bytes() for p in two.parts]


def test_speech_sits_where_the_timings_say_with_the_real_engine(tmp_path):
    """espeak-ng's chunks are mastered at its own 22,050 Hz and ffmpeg resamples them while it
    encodes: in the joined, decoded MP3 every utterance is loud between its timings and the
    pause before it is silent, across chunk boundaries too."""
    import numpy as np

    prep = prepare(_article(tmp_path, PARAGRAPHS[:6]), load_voices(), "de")
    audios = synth.synthesize(prep.utterances[:3], SegmentCache(tmp_path / "c0"))
    assert chunks.render_rate(audios, Sound()) == 22050
    assert chunks.render_rate(audios, Sound(intro=tmp_path / "x.mp3")) == 44100
    encoded = _render(prep, SegmentCache(tmp_path / "cache"), tmp_path)
    assert encoded.chunks >= 2
    out = tmp_path / "episode.mp3"
    mp3.join(encoded.parts, out)
    pcm = subprocess.run(["ffmpeg", "-v", "error", "-i", str(out), "-f", "s16le", "-ac", "1",
                          "-ar", "44100", "-"], capture_output=True, check=True).stdout
    x = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768

    def rms(start: float, end: float) -> float:
        part = x[int(start * 44100):int(end * 44100)]
        return float(np.sqrt(np.mean(part ** 2))) if len(part) else 0.0

    errors = []
    for t in encoded.timings:
        assert rms(t.start + 0.02, t.end - 0.02) > 0.02  # speech
        assert rms(t.start - 0.1, t.start - 0.02) < 0.003  # the pause before it
        look = int((t.start - 0.1) * 44100)
        onset = look + int(np.argmax(np.abs(x[look:]) > 0.01))
        errors.append(onset / 44100 - t.start)
    assert max(map(abs, errors)) < 0.012, errors  # the first audible sample, within 12 ms


def test_a_paragraph_longer_than_max_chars_is_cut_between_its_sentences(tmp_path, book):
    # a chunk is held in memory whole: one paragraph of 200,000 characters made one chunk of two
    # hours of samples (issue 15)
    long = " ".join(f"Satz {k} über die Fähre und den Steg am Nordufer." for k in range(400))
    prep = prepare(_article(tmp_path, [PARAGRAPHS[0], long, PARAGRAPHS[1]]), book, "de")
    bounds = chunks.split(prep.script, prep.utterances)
    sizes = [sum(len(u.spoken) for u in prep.utterances[a:b]) for a, b in bounds]
    longest = max(len(u.spoken) for u in prep.utterances)
    assert len(bounds) >= sum(sizes) // (2 * chunks.MAX_CHARS)
    assert max(sizes) <= 2 * chunks.MAX_CHARS + longest
    assert bounds[0][0] == 0 and bounds[-1][1] == len(prep.utterances)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    # the same text cuts in the same places, and a paragraph within the limit is still whole
    assert chunks.split(prep.script, prep.utterances) == bounds
    short = prepare(_article(tmp_path, PARAGRAPHS[:3]), book, "de")
    for a, _ in chunks.split(short.script, short.utterances)[1:]:
        here = short.script.segments[short.utterances[a].segment].segment.block
        assert here != short.script.segments[short.utterances[a - 1].segment].segment.block
