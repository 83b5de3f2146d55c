#!/usr/bin/env python3
"""What issue 15's reliability costs: how worker processes start, and checking the cache.

    .venv/bin/python bench/reliability_cost.py [--sizes 1 4] [--turns 5]

1. Cold `build -j 2` with the workers started by ``fork`` (the old way: ready at once, but a
   worker forked while another thread starts ffmpeg inherits its pipes and the build can hang
   for ever), by the fork server (the default now) and by ``spawn``, in turns in the same run;
   the figures are ratios against ``fork`` in the same turn, wall and CPU.
2. Checking the cache's checksums on a warm rebuild: after a cold build, the time to read and
   verify what a rebuild after an edit reads (every chunk of the episode, the voices' levels,
   the spoken forms, the language model, the segments of one chunk), against reading the same
   files without checking. A no-op rebuild reads no cache entry (unchanged articles are
   skipped before they are read), so checking costs it nothing.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_speed import BASE, ROOT, scaled  # noqa: E402
from build_speed import run as run_and_wait  # noqa: E402

from audio_edition import cachefile  # noqa: E402

STARTED_BY = ("import sys; from audio_edition import workers; "
              "workers.START_METHOD = sys.argv.pop(1); "
              "from audio_edition.__main__ import run; run()")
METHODS = ("fork", "forkserver", "spawn")


def adopt_orphans() -> None:
    """Makes this process the subreaper of what it starts: the fork server outlives the build
    that started it by a moment and is never waited for by it, so its CPU and its workers'
    would otherwise be missing from RUSAGE_CHILDREN."""
    import ctypes

    PR_SET_CHILD_SUBREAPER = 36
    if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        sys.exit("cannot become a subreaper: the CPU of forkserver workers would be missed")


def run(cmd: list, **kw) -> tuple[float, float]:
    """build_speed.run, plus the CPU of the build's orphaned descendants (the fork server and
    its workers), reaped here once they have ended."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, _ = run_and_wait(cmd, **kw)
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            break
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def cold(article: Path, out: Path, cache: Path, method: str) -> tuple[float, float]:
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    return run([sys.executable, "-c", STARTED_BY, method, "build", article, "--out", out,
                "--base-url", BASE, "--cache-dir", cache, "-j", "2", "-q"], cwd=ROOT)


def check_cost(cache: Path) -> tuple[float, float, int]:
    """Returns (ms reading and checking, ms only reading, bytes) for what an edit rebuild of
    the one episode in ``cache`` reads; each the best of five."""
    chunks = sorted(cache.glob("mp3/*/*.mp3"))
    segments = sorted(cache.glob("*/*.pcm"))[:12]  # about one chunk's sentences
    others = [*cache.glob("levels.*.json"), *cache.glob("spoken/*.json"),
              *cache.glob("langid-*.npz")]
    size = sum(p.stat().st_size for p in [*chunks, *segments, *others]) + sum(
        p.with_suffix(".json").stat().st_size for p in chunks)

    def checked() -> None:
        for p in chunks:
            cachefile.read(p.with_suffix(".json"), p.stem)
            cachefile.file_digest(p)
        for p in segments:
            cachefile.read(p, p.stem)
        for p in others:
            cachefile.read(p, p.stem if p.parent.name == "spoken" else p.name)

    def plain() -> None:
        for p in [*chunks, *segments, *others]:
            p.read_bytes()
        for p in chunks:
            p.with_suffix(".json").read_bytes()

    def best(f) -> float:
        times = []
        for _ in range(5):
            t = time.perf_counter()
            f()
            times.append(time.perf_counter() - t)
        return 1000 * min(times)

    plain()  # in the page cache, as on a rebuild
    return best(checked), best(plain), size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 4])
    ap.add_argument("--turns", type=int, default=5)
    args = ap.parse_args()
    compileall.compile_dir(ROOT / "src" / "audio_edition", quiet=1)
    adopt_orphans()
    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, load "
          f"{os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        print("\n1. cold build -j 2: workers started by fork, the fork server, spawn")
        for n in args.sizes:
            art = scaled(n, work)
            ratios: dict[str, list[tuple[float, float]]] = {m: [] for m in METHODS[1:]}
            for turn in range(args.turns):
                order = METHODS[turn % 3:] + METHODS[:turn % 3]  # each goes first in turn
                got = {m: cold(art, work / f"out-{m}", work / f"cache-{m}", m) for m in order}
                line = ", ".join(f"{m} {got[m][0]:.2f} s ({got[m][1]:.2f} s CPU)"
                                 for m in METHODS)
                print(f"{n:>3}x turn {turn + 1}: {line}")
                for m in METHODS[1:]:
                    ratios[m].append((got[m][0] / got["fork"][0], got[m][1] / got["fork"][1]))
            for m, r in ratios.items():
                print(f"{n:>3}x {m} / fork: median wall {statistics.median(w for w, _ in r):.3f}x"
                      f" ({', '.join(f'{w:.2f}' for w, _ in r)}), CPU "
                      f"{statistics.median(c for _, c in r):.3f}x")

        print("\n2. checking the cache on a rebuild after an edit")
        for n in sorted({*args.sizes, 16}):
            art = scaled(n, work)
            cache = work / f"check-{n}"
            cold(art, work / "out-check", cache, "forkserver")
            ms_checked, ms_plain, size = check_cost(cache)
            print(f"{n:>3}x: {size / 1e6:.1f} MB read; reading and checking {ms_checked:.1f} ms, "
                  f"reading alone {ms_plain:.1f} ms: checking costs {ms_checked - ms_plain:.1f} ms")


if __name__ == "__main__":
    main()
