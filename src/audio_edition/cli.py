"""The command line: parse options, call the orchestrator, print results. Nothing else.

The orchestrator (:mod:`audio_edition.build`) and the web stage are imported by the commands
that run them, not here: ``--help``, ``voices`` and ``serve`` start in a third of the time, and
``build`` first starts the fork server of its worker processes, which imports what a worker
runs while this process imports the build (:func:`audio_edition.workers.start_server`)."""

from __future__ import annotations

import gc
import json
import logging
import sys
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import click

from audio_edition import __version__, http, workers
from audio_edition import voices as voice_catalogue
from audio_edition.errors import ConfigError, EditionError
from audio_edition.model import Episode, Reporter
from audio_edition.synth import SegmentCache, default_cache_dir, default_jobs
from audio_edition.workers import shutdown_pool
from audio_edition.config import load_edition
from audio_edition.paths import default_voices_dir

if TYPE_CHECKING:  # pragma: no cover - imported by the commands that run it (build first
    # starts the workers' fork server: workers.start_server)
    from audio_edition.build import BuildResult

log = logging.getLogger("audio_edition")

_voices_option = click.option(
    "--voices", "voices_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Folder of voice profiles [default: ./voices, else the bundled ones].")


def _count(n: int, noun: str) -> str:
    """Returns ``1 segment``, ``2 segments``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _fmt_duration(seconds: float) -> str:
    m, s = divmod(int(round(seconds)), 60)
    return f"{m}:{s:02d}"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="audio-edition")
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logging.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Turn written articles into a narrated podcast episode and feed."""
    ctx.obj = {"debug": debug}
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


class _Reporter(Reporter):
    """Progress for a person: a bar per article on a terminal, plain lines otherwise."""

    def __init__(self, out_dir: Path, total: int, bars: bool) -> None:
        self.out_dir = out_dir
        self.total = total
        self.bars = bars
        self.count = 0
        self._bar = None

    def article_started(self, path: Path, utterances: int) -> None:
        if self.bars:
            label = f"[{self.count + 1}/{self.total}] {path.name[:30]}"
            self._bar = click.progressbar(length=utterances, label=label, show_eta=True,
                                          show_pos=True, file=sys.stderr)
            self._bar.__enter__()

    def utterances_done(self, done: int) -> None:
        if self._bar is not None:
            self._bar.update(done - self._bar.pos)

    def _close_bar(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None

    def article_finished(self, episode: Episode, rebuilt: bool) -> None:
        self._close_bar()
        self.count += 1
        note = "" if rebuilt else "  (unchanged)"
        click.echo(f"{self.out_dir / episode.audio_file}  {_fmt_duration(episode.duration)}  "
                   f"{_count(episode.segments, 'segment')}  voices: {', '.join(episode.voices)}"
                   f"{note}")

    def article_failed(self, error: EditionError) -> None:
        self._close_bar()
        self.count += 1

    def sources_found(self, count: int) -> None:
        self.total = count


class _Duration(click.ParamType):
    """A time: ``90``, ``90s``, ``10m``, ``1h``, as seconds; at least one second."""

    name = "duration"
    _UNITS = {"": 1, "s": 1, "m": 60, "min": 60, "h": 3600}

    def convert(self, value, param, ctx) -> float:
        if isinstance(value, (int, float)):
            return float(value)
        text = str(value).strip().lower()
        number = text.rstrip("minsh")
        unit = text[len(number):]
        try:
            seconds = float(number) * self._UNITS[unit]
        except (ValueError, KeyError):
            self.fail(f"expected a time like 600, 90s, 10m or 1h but got {value!r}", param, ctx)
        if not seconds >= 1:
            self.fail(f"expected at least one second but got {value!r}", param, ctx)
        return seconds


def _sources(values: tuple[str, ...]) -> list[Path | str]:
    """Returns the command line's sources: URLs as they are, everything else as a path."""
    return [v.strip() if http.is_url(v) else Path(v) for v in values]


_limit_option = click.option(
    "--limit", type=click.IntRange(min=1), default=None, metavar="N",
    help="Of a feed, only the newest N items [default: all].")
_timeout_option = click.option(
    "--timeout", type=click.FloatRange(min=0.1), default=http.DEFAULT_TIMEOUT, show_default=True,
    metavar="SECONDS", help="Most a request for a feed or page may take, from connecting to "
                            "the last byte.")


@cli.command()
@click.argument("sources", nargs=-1)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("."), show_default=True,
              help="Output folder: gets audio/<slug>.mp3 and feed/feed.xml.")
@click.option("--base-url", default=None,
              help="Absolute URL the output folder is served at [default: base_url in edition.toml].")
@click.option("--title", default=None, help="Podcast title [default: title in edition.toml].")
@click.option("--strict", is_flag=True, help="Stop at the first article that fails.")
@click.option("--edition", default=None, metavar="TITLE",
              help="Make all SOURCES one episode called TITLE: an intro, then each article.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes that speak, master and encode the chunks of an episode: "
                   "this one and N-1 workers; 1 does it all in this process "
                   "[default: the number of CPUs]. Not used with --scheduler.")
@click.option("--scheduler", envvar="AUDIO_EDITION_SCHEDULER", default=None, metavar="ADDRESS",
              help="Have a Dask cluster speak, master and encode the chunks: tcp://HOST:PORT "
                   "of a running scheduler, or local:N to start N worker processes here "
                   "[env: AUDIO_EDITION_SCHEDULER]. This process still reads the articles and "
                   "writes the output; needs pip install 'audio-edition[dask]'.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Cache of segments and encoded chunks "
                   "[default: $XDG_CACHE_HOME/audio-edition].")
@click.option("--no-cache", is_flag=True, help="Synthesize everything; neither read nor fill the cache.")
@click.option("--force", is_flag=True, help="Rebuild episodes even when nothing changed.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar; plain output only.")
@click.option("--watch", is_flag=True,
              help="After building, keep watching the articles, voices and edition.toml, and "
                   "build again whenever one changes; look at URLs again every --interval. "
                   "Ctrl-C stops.")
@click.option("--interval", type=_Duration(), default="10m", show_default=True,
              metavar="TIME",
              help="With --watch, the time between two looks at the feeds and pages (with "
                   "conditional requests): seconds, or a number with s, m or h.")
@_limit_option
@_timeout_option
@_voices_option
def build(sources: tuple[str, ...], out_dir: Path, base_url: str | None, title: str | None,
          strict: bool, edition: str | None, jobs: int | None, scheduler: str | None,
          cache_dir: Path | None, no_cache: bool, force: bool, quiet: bool, watch: bool,
          interval: float, limit: int | None, timeout: float, voices_dir: Path | None) -> None:
    """Build SOURCES into MP3s and a feed: files, folders, or http(s) URLs of a feed (RSS,
    Atom or JSON Feed: each item is an article) or of a page (default: articles/).

    Unchanged articles are skipped; changed ones re-synthesize only the sentences that changed.
    A URL is asked for conditionally (the ETag and Last-Modified of the last answer are kept
    in the cache): an unchanged feed or page costs one short request and rebuilds nothing.
    With --edition, the articles are read as one episode with one chapter per article.
    With --watch, the process stays, so a rebuild starts with everything loaded (the
    language model too) and the speech engine running. With --scheduler, a Dask cluster's
    workers make the audio, and Ctrl-C cancels their tasks.
    """
    if edition is not None and not edition.strip():
        raise click.UsageError("--edition: expected a title but got ''")
    if not scheduler and (jobs or default_jobs()) > 1:
        workers.start_server()  # before the build is imported: see the module's docstring
    inputs = _sources(sources) or [Path("articles")]
    overrides = {"base_url": base_url, "title": title}
    cache = None if no_cache else SegmentCache(cache_dir or default_cache_dir())
    session = None
    if scheduler:
        from audio_edition.cluster import Session

        if jobs is not None:
            log.warning("--jobs is not used with --scheduler: the cluster's workers make the "
                        "chunks")
        session = Session(scheduler)

    def once() -> BuildResult:
        from audio_edition.build import BuildOptions
        from audio_edition.build import build as run_build

        config = load_edition(out_dir, overrides)
        reporter = _Reporter(out_dir, 0, bars=not quiet and sys.stderr.isatty())
        options = BuildOptions(jobs=jobs or default_jobs(), cache=cache, force=force,
                               strict=strict, reporter=reporter, cluster=session, limit=limit,
                               timeout=timeout)
        started = time.perf_counter()
        result = run_build(inputs, out_dir, config, voices_dir, options, edition=edition)
        if result.feed is not None:  # else nothing was published
            click.echo(f"feed: {result.feed}")
        if result.requests:
            click.echo(f"{_count(result.requests, 'HTTP request')}, "
                       f"{result.not_modified} answered 'not modified'")
        stages = ", ".join(f"{k} {v:.1f} s" for k, v in result.seconds.items())
        click.echo(f"{len(result.episodes)} built, {len(result.unchanged)} unchanged, "
                   f"{len(result.failures)} failed in {time.perf_counter() - started:.1f} s"
                   + (f" ({stages})" if stages else ""))
        for failure in result.failures:
            click.echo(f"Error: {failure.format_message()}", err=True)
        return result

    def ready() -> None:  # what the rebuild after an edit would load, while nothing changes
        from audio_edition.build import BuildOptions, ready_for_changes

        ready_for_changes(voices_dir, BuildOptions(cache=cache))

    try:
        if watch:
            _watch(once, inputs, out_dir, voices_dir, interval, ready)
        elif once().failures:
            sys.exit(1)
    finally:
        shutdown_pool()
        if session is not None:
            session.close()  # cancels the build's tasks when it was interrupted


def _watch(once: Callable[[], BuildResult], sources: list[Path | str], out_dir: Path,
           voices_dir: Path | None, interval: float,
           ready: Callable[[], None] = lambda: None) -> None:
    """Runs ``once()`` now and again whenever an input changes, and, when some sources are
    URLs, every ``interval`` seconds, until Ctrl-C or SIGTERM. A build that fails says why in
    one line, and the watching goes on. ``ready()`` runs once the watching has begun, to load
    what the next build would otherwise load first."""
    import signal

    from audio_edition import watch

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    # SIGTERM (a service manager, `kill`) stops the watching as Ctrl-C does; and so does SIGINT
    # even when the shell started us with it ignored, as it does for a background job.
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    voices = voices_dir or default_voices_dir()

    def look() -> watch.Snapshot:
        return watch.snapshot(watch.inputs(sources, out_dir, voices))

    urls = [s for s in sources if isinstance(s, str)]
    state = look()  # before the build: a change made while it runs starts the next
    try:
        while True:
            started = time.monotonic()
            try:
                once()
            except EditionError as exc:
                click.echo(f"Error: {exc.format_message()}", err=True)
            polled = f" and {_count(len(urls), 'URL')} every {interval:g} s" if urls else ""
            click.echo(f"Watching {_count(len(state), 'file')}{polled}; Ctrl-C stops.")
            ready()
            state, paths = watch.wait(look, state,
                                      until=started + interval if urls else None)
            if not paths:
                click.echo("Looking at the URLs again.")
                continue
            click.echo("Changed: " + ", ".join(str(p) for p in paths[:5])
                       + (f" and {len(paths) - 5} more" if len(paths) > 5 else ""))
    except KeyboardInterrupt:
        click.echo("Stopped watching.", err=True)


@cli.group()
def cache() -> None:
    """Manage the segment cache."""


@cache.command("clear")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Segment cache [default: $XDG_CACHE_HOME/audio-edition].")
def cache_clear(cache_dir: Path | None) -> None:
    """Remove every cached segment, encoded chunk, measured voice level and spoken form, and
    the pages and feeds kept from the web (the next build fetches them again in full)."""
    store = SegmentCache(cache_dir or default_cache_dir())
    from audio_edition import web

    fetched = web.clear(store.root / web.STATE_DIR)
    removed = store.clear()
    click.echo(f"removed {removed} cached segments and chunks and {fetched} fetched responses "
               f"and articles from {store.root}")


@cli.command()
@click.argument("source")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of segments.")
@click.option("--lang", default="de", show_default=True,
              help="Language when the article does not say and detection cannot tell.")
@_limit_option
@_timeout_option
@_voices_option
def script(source: str, as_json: bool, lang: str, limit: int | None, timeout: float,
           voices_dir: Path | None) -> None:
    """Show who reads what in SOURCE, before rendering anything: a file, or the URL of a page
    or of a feed (then every item, each under its title).

    The table shows each segment as it will be spoken (numbers, dates and abbreviations written
    out, the lexicon applied); --json gives both "text" as written and "spoken", exactly what
    the engine receives (for a feed: an array of its items, each with "url", "title" and
    "segments").
    """
    from audio_edition.readers import origin

    book = voice_catalogue.load(voices_dir)
    failures: list[EditionError] = []
    is_feed = False
    from audio_edition import web
    from audio_edition.build import blame, check_voices, prepare

    if web.is_url(source):
        found = web.fetch([source.strip()], default_cache_dir() / web.STATE_DIR, limit, timeout)
        if found.failures and not found.paths:
            raise found.failures[0]
        paths, failures, is_feed = found.paths, found.failures, bool(found.feeds)
    else:
        paths = [Path(source)]
    listed = []
    for path in paths:
        url = origin(path) if path.suffix == ".article" else None
        try:
            prep = prepare(path, book, lang)
            with blame(url or path):  # a voice the build would refuse is refused here too
                check_voices(c.voice for c in prep.script.segments)
        except EditionError as exc:
            error = type(exc)(exc.problem, url) if url and exc.path == str(path) else exc
            if not is_feed:
                raise error from None
            failures.append(error)
            continue
        listed.append((prep.article.meta.url, prep, _rows(prep)))
    if as_json:
        data = [{"url": url, "title": prep.article.title, "segments": rows}
                for url, prep, rows in listed] if is_feed else listed[0][2]
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        for url, prep, rows in listed:
            if is_feed:
                click.echo(f"== {prep.article.title}" + (f"  <{url}>" if url else ""))
            _table(rows)
    for failure in failures:
        click.echo(f"Error: {failure.format_message()}", err=True)
    if failures:
        sys.exit(1)


def _rows(prep) -> list[dict]:
    """Returns the segments of a prepared article as rows of ``script``."""
    spoken: dict[int, list[str]] = {}
    for utt in prep.utterances:
        spoken.setdefault(utt.segment, []).append(utt.spoken)
    return [{"role": c.segment.role.value, "speaker": c.segment.speaker,
             "person": c.segment.person, "voice": c.voice.name, "text": c.segment.text,
             "spoken": " ".join(spoken.get(i, []))}
            for i, c in enumerate(prep.script.segments)]


def _table(rows: list[dict]) -> None:
    width = max(20, min(100, (click.get_terminal_size()[0] if sys.stdout.isatty() else 120) - 50))
    click.echo(f"{'ROLE':<9} {'SPEAKER':<24} {'VOICE':<13} TEXT AS SPOKEN")
    for row in rows:
        text = row["spoken"] or row["text"]
        text = text if len(text) <= width else text[: width - 1] + "…"
        click.echo(f"{row['role']:<9} {_who(row['speaker'], row['person'])[:24]:<24} "
                   f"{row['voice'][:13]:<13} {text}")


def _who(speaker: str | None, person: str | None) -> str:
    """Returns the speaker column: the speaker, ``er → Jan Ortmann`` for a resolved pronoun,
    ``er (?)`` for an unresolved one, ``-`` for none."""
    if not speaker:
        return "-"
    if person == speaker:
        return speaker
    return f"{speaker} → {person}" if person else f"{speaker} (?)"


def _same_lang(code: str, lang: str | None) -> bool:
    """Whether language code ``code`` (``de``, ``en_US``, ``*``) is one ``lang`` asks for."""
    if not lang:
        return True
    want = lang.replace("_", "-").lower()
    have = code.replace("_", "-").lower()
    # --lang de takes de_DE and de_CH; --lang de-CH only de_CH
    return have == "*" or have == want or have.split("-")[0] == want


@cli.group(invoke_without_command=True)
@click.option("--lang", default=None, help="Only voices for this language (e.g. de).")
@click.option("--json", "as_json", is_flag=True,
              help="Print the profiles casting uses, as a JSON array.")
@_voices_option
@click.pass_context
def voices(ctx: click.Context, lang: str | None, as_json: bool, voices_dir: Path | None) -> None:
    """List the voice profiles casting uses and every engine's voices, and whether each engine
    works; or manage the neural voices installed from Piper's catalogue (see the commands).

    The profiles are those of the voices folder, with the installed neural voices of a
    language first where its profiles say prefer_installed = true.
    """
    if ctx.invoked_subcommand is not None:
        return
    from audio_edition.build import check_voices
    from audio_edition.engines import ENGINE_NAMES, get_engine
    from audio_edition.languages import base_code

    book = voice_catalogue.load(voices_dir)
    if lang:
        book.for_lang(lang)  # generated profiles when there is no file; an error when unspoken
    chosen = [lv for code, lv in sorted(book.languages.items())
              if not lang or code == base_code(lang)]
    if as_json:
        click.echo(json.dumps([p for lv in chosen for p in voice_catalogue.describe(lv)],
                              ensure_ascii=False, indent=1))
        return
    click.echo(f"Profiles in {book.root} (generated where a language has no file; installed "
               "neural voices first where a language prefers them):")
    unusable: list[str] = []
    for lv in chosen:
        for v, p in zip([lv.narrator, *lv.quotes], voice_catalogue.describe(lv)):
            speaker = p["speaker"] or p["variant"]
            notes = f"  for {', '.join(p['people'])}" if p["people"] else ""
            notes += f"  licence: {p['licence']}" if p["licence"] else ""
            click.echo(f"  {p['name']:<24} {p['language']:<3} {p['role']:<8} "
                       f"{p['engine']}:{p['id']}{'#' + speaker if speaker else ''} "
                       f"rate={p['rate']} pitch={p['pitch']}{notes}")
            try:  # what build would refuse
                check_voices([v])
            except EditionError as exc:
                click.echo(f"      unusable: {exc.problem}")
                unusable.append(exc.problem)
    licences = {v.name: voice_catalogue.licence(v.model)
                for v in voice_catalogue.installed_voices(book.root)}
    for name in ENGINE_NAMES:
        engine = get_engine(name)
        missing = engine.available()
        if missing:
            click.echo(f"{name}: unavailable: {missing}")
            continue
        click.echo(f"{name} ({engine.version()}):")
        for v in engine.voices():
            if lang and not any(x == "*" or base_code(x) == base_code(lang)
                                for x in v.languages):
                continue
            licence = f"  licence: {licences[v.id]}" if licences.get(v.id) else ""
            click.echo(f"  {v.id:<24} {v.name:<28} {','.join(v.languages)}{licence}")
    if unusable:
        raise ConfigError(f"{_count(len(unusable), 'voice profile')} cannot be used: "
                          + "; ".join(unusable), book.root)


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e5 else f"{n / 1e3:.0f} kB"


@voices.command("available")
@click.option("--lang", default=None, help="Only voices for this language (e.g. de, de_DE).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of voices.")
def voices_available(lang: str | None, as_json: bool) -> None:
    """List the voices of Piper's catalogue: name, language, quality, size, speakers, licence,
    and whether each is installed. The licence is the one each voice's model card states.

    The catalogue is read from $AUDIO_EDITION_VOICE_URL, by default Piper's voice
    repository on Hugging Face.
    """
    from audio_edition import catalogue, http

    with http.client() as session:
        found = catalogue.fetch(session)
        listed = sorted((v for v in found.values()
                         if _same_lang(v.locale, lang) or _same_lang(v.family, lang)),
                        key=lambda v: v.key)
        licences = catalogue.licences(session, listed)
    # installed by us (whether or not the Piper engine is there to speak them) or shipped
    here = {key: str(v.folder.parent) for key, v in catalogue.installed().items()}
    here.update({v.name: v.source for v in voice_catalogue.installed_voices()})
    if as_json:
        click.echo(json.dumps([{**catalogue.as_dict(v), "licence": licences[v.key],
                                "installed": here.get(v.key)} for v in listed],
                              ensure_ascii=False, indent=1))
        return
    if not listed:
        click.echo(f"no voices for {lang!r} in the catalogue" if lang else "the catalogue is empty")
        return
    click.echo(f"{'NAME':<34} {'LANGUAGE':<30} {'QUALITY':<7} {'SIZE':>9} {'SPEAKERS':>8}  "
               f"{'LICENCE':<24} INSTALLED")
    for v in listed:
        click.echo(f"{v.key:<34} {(v.locale + ' ' + v.language)[:30]:<30} {v.quality:<7} "
                   f"{_size(v.size):>9} {v.speakers:>8}  {licences[v.key][:24]:<24} "
                   f"{'yes' if v.key in here else ''}")


_dir_option = click.option(
    "--dir", "folder", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Folder the voices are installed in [default: $XDG_DATA_HOME/audio-edition/voices]; "
         "another one must be named in $AUDIO_EDITION_PIPER_VOICES for builds to find it.")


@voices.command("install")
@click.argument("names", nargs=-1, required=True)
@_dir_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bar; one line per file.")
def voices_install(names: tuple[str, ...], folder: Path | None, quiet: bool) -> None:
    """Download voices NAMES from Piper's catalogue and install them.

    Each file is checked against the catalogue's size and MD5 digest; a voice is installed
    completely or not at all. An interrupted download is resumed where it stopped, also by
    running the same command again.
    """
    from audio_edition import catalogue, http, paths

    bars = not quiet and sys.stderr.isatty()
    failed = 0
    with http.client() as session:
        found = catalogue.fetch(session)
        wanted = {}  # every name is checked before anything is downloaded
        for name in names:
            voice = catalogue.find(found, name)
            wanted[voice.key] = voice
        for voice in wanted.values():
            if catalogue.is_installed(voice, folder):
                where = (folder or paths.installed_voices_dir()) / voice.key
                click.echo(f"{voice.key}: already installed in {where}")
                continue
            bar = None

            def progress(file: str, done: int, total: int) -> None:
                nonlocal bar
                if not bars:
                    return
                if bar is None or bar.label != file:
                    if bar is not None:
                        bar.render_finish()
                    bar = click.progressbar(length=total, label=file, file=sys.stderr,
                                            show_eta=True, show_percent=True)
                bar.update(done - bar.pos)

            def checked(file) -> None:
                if not bars:  # one line per file, when it has arrived whole and matched
                    click.echo(f"  {file.name}  {_size(file.size)}  MD5 ok")

            try:
                got = catalogue.install(session, voice, folder, progress=progress,
                                        checked=checked)
            except EditionError as exc:
                failed += 1
                click.echo(f"Error: {exc.format_message()}", err=True)
                continue
            finally:
                if bar is not None:
                    bar.render_finish()
            click.echo(f"{voice.key}: installed in {got.folder} (licence: {got.licence})")
    from audio_edition.engines import get_engine

    missing = get_engine("piper").available()
    if missing and len(wanted) > failed:
        click.echo(f"Warning: the Piper engine, which speaks these voices, is not installed; "
                   f"{missing}", err=True)
    if failed:
        sys.exit(1)


@voices.command("remove")
@click.argument("names", nargs=-1, required=True)
@_dir_option
def voices_remove(names: tuple[str, ...], folder: Path | None) -> None:
    """Remove installed voices NAMES."""
    from audio_edition import catalogue

    for name in names:
        if name not in catalogue.installed(folder):
            shipped = {v.name: v.source for v in voice_catalogue.installed_voices()}
            if shipped.get(name, "").startswith("package "):
                package = shipped[name].split(" ", 1)[1]
                raise click.ClickException(f"{name} comes with the Python package {package}; "
                                           f"remove it with: pip uninstall {package}")
        where = catalogue.remove(name, folder)
        click.echo(f"{name}: removed from {where.parent}")


@cli.command()
@click.argument("directory", required=False, default=Path("."),
                type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 makes the feed reachable from other devices.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on; 0 picks a free one.")
def serve(directory: Path, host: str, port: int) -> None:
    """Serve DIRECTORY (default: .) so podcast apps can subscribe to its feed."""
    from audio_edition.serve import serve as run_server

    def ready(server) -> None:
        click.echo(f"Subscribe to {server.url}feed/feed.xml   (serving {directory.resolve()}; "
                   "Ctrl+C stops)")
        note = _base_url_note(directory, server.url)
        if note:
            click.echo(note, err=True)

    try:
        run_server(directory, host, port, ready)
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
    except KeyboardInterrupt:
        click.echo("Stopped.", err=True)


def _base_url_note(directory: Path, url: str) -> str | None:
    # Apps download what the feed's URLs point to, which is base_url, not this server.
    from audio_edition.errors import ConfigError

    try:
        base = load_edition(directory).base_url
    except ConfigError:
        return None
    if base and base != url:
        return (f"Note: the feed's files point to {base} (base_url in edition.toml); build with "
                f"--base-url {url} to download them from this server.")
    return None


def main() -> None:
    """Entry point: runs the CLI; errors are one ``Error:`` line unless --debug is given."""
    debug = "--debug" in sys.argv[1:]
    try:
        code = cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted!", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        if debug:
            traceback.print_exc()
        exc.show()
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    except Exception as exc:  # an unexpected failure still gets one line, not a traceback
        if debug:
            raise
        click.echo(f"Error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(1)
    # Tearing down the interpreter runs the garbage collector over every object of every
    # module, about 50 ms after a build; frozen objects are left to the exit.
    gc.freeze()
    sys.exit(code if isinstance(code, int) else 0)

