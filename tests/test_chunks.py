"""Chunked encoding: where chunks are cut, what their keys cover, and that joined chunks make a
correct MP3 whose timings, duration and frames agree (checked with ffprobe)."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from audio_edition import chunks, mp3, synth
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
    synth.shutdown_pool()
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
    chunks.measure_ahead(likely, -16.0, -1.0, cache, jobs=2)
    prep = prepare(_article(tmp_path, PARAGRAPHS[:3]), book, "de")
    voices = [c.voice for c in prep.script.segments]
    plan = chunks.gain_plan(voices, Sound(), -16.0, -1.0, cache)  # waits for the worker
    synth.shutdown_pool()
    assert set(keys.values()) <= set(cache.levels())
    assert cache.misses == 0  # every calibration sentence was spoken by the worker
    assert plan.gains_db == chunks.gain_plan(voices, Sound(), -16.0, -1.0, None).gains_db
    chunks.measure_ahead(likely, -16.0, -1.0, cache, jobs=1)  # one job: nothing to overlap
    assert not chunks._ahead


def test_calibration_speaks_the_voice_language(book):
    voice = book.for_lang("de").narrator
    utts = chunks.calibration_utterances(voice)
    assert len(utts) >= 3 and utts[0].spoken.startswith("Guten Abend")
    english = chunks.calibration_utterances(dataclasses.replace(voice, lang="sv"))
    assert english[0].spoken.startswith("Good evening")


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
    size = synth._pool_size
    synth.shutdown_pool()
    assert size == 1
    assert encoded.encoded == encoded.chunks >= 3
    assert 1 <= len(here) < encoded.chunks
    assert here == sorted(here, reverse=True)


_START_METHOD = """
from audio_edition import engines, synth
print(synth.worker_pool(1)._mp_context.get_start_method(), engines.started())
synth.shutdown_pool()
engines.get_engine("pyttsx3").available()  # espeak starts in this process
print(synth.worker_pool(1)._mp_context.get_start_method(), engines.started())
synth.shutdown_pool()
"""


def test_workers_are_forked_only_before_an_engine_starts_here(tmp_path):
    """A forked worker is ready at once, but would inherit espeak's state half-copied: once an
    engine runs in this process, workers are spawned."""
    res = subprocess.run([sys.executable, "-c", _START_METHOD], capture_output=True, text=True,
                         timeout=120)
    assert res.returncode == 0, res.stderr
    assert res.stdout.split() == ["fork", "False", "spawn", "True"]


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
    synth.shutdown_pool()
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
    synth.shutdown_pool()
    assert "no-such-engine" in err.value.problem


@pytest.mark.slow
def test_workers_with_the_real_engine(fixtures, tmp_path):
    """Two worker processes, each with its own espeak: the same chunks, utterances and
    timings to within a few milliseconds of one process (espeak carries state from one
    utterance to the next inside a process, so the bytes differ; see docs/PERFORMANCE.md)."""
    prep = prepare(fixtures / "kurz.txt", load_voices(), "de")
    one = _render(prep, SegmentCache(tmp_path / "c1"), tmp_path, jobs=1)
    two = _render(prep, SegmentCache(tmp_path / "c2"), tmp_path, jobs=2)
    synth.shutdown_pool()
    assert one.chunks == two.chunks and len(one.timings) == len(two.timings)
    for a, b in zip(one.timings, two.timings):
        assert abs(a.start - b.start) < 0.25 and abs(a.end - b.end) < 0.25
    assert abs(one.duration - two.duration) < 0.25


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
