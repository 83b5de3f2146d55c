"""The orchestrator: the order of the pipeline's stages is visible in :func:`build_article`.

readers -> segmenter -> casting -> engines -> assembly -> mp3 + tags -> feed
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import json
import logging
import os
import re
import signal
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from audio_edition import (
    __version__, assembly, cachefile, casting, chapters, chunks, editions, fsutil, identity,
    jingles, mp3, pages, segmenter, synth, tagging, transcripts, web, workers,
    voices as voice_catalogue,
)
from audio_edition.artwork import Cover
from audio_edition.config import EDITION_FILE, EditionConfig, VoiceBook
from audio_edition.engines import get_engine
from audio_edition.errors import ClusterError, ConfigError, EditionError, ReaderError
from audio_edition.feed import FEED_DIR, FEED_FILE, load_manifest, merge, save_manifest, write_feed
from audio_edition.fsutil import atomic_write
from audio_edition.identity import SLUG_MAX, Claim, Slot, slugify
from audio_edition.normalize import load_lexicon, speakable
from audio_edition.paths import cache_dir as user_cache_dir
from audio_edition.model import (
    Article, Encoded, Episode, Reporter, Script, Utterance, VoiceProfile,
)
from audio_edition.synth import SegmentCache
from audio_edition.readers import declared_id, is_article, origin, read_article, source_id

log = logging.getLogger(__name__)

AUDIO_DIR = "audio"
VERSION_LEN = 10
"""Hex digits of the content hash in an episode's file names (``<slug>.<version>.mp3``)."""
_EPISODE_FILE = re.compile(r"^(?P<slug>[a-z0-9-]+)(?:\.(?P<version>[0-9a-f]{%d}))?"
                           r"\.(?:mp3|vtt|srt|chapters\.json|paragraphs\.json)$" % VERSION_LEN)


def find_sources(sources: Iterable[Path]) -> list[Path]:
    """Returns the article files among ``sources``, each once; folders are searched (not
    recursively).

    Raises ReaderError for a path that does not exist or a folder with no articles.
    """
    out: dict[Path, Path] = {}
    for src in sources:
        if src.is_dir():
            found = sorted(p for p in src.iterdir() if p.is_file() and is_article(p))
            if not found:
                raise ReaderError("no articles (.txt, .md, .html) in this folder", src)
        elif src.exists():
            found = [src]
        else:
            raise ReaderError("no such file or folder", src)
        for path in found:
            out.setdefault(path.resolve(), path)
    return list(out.values())


@contextlib.contextmanager
def blame(path: Path | str) -> Iterator[None]:
    """Makes every error of the block one that names ``path``, the article it concerns: an
    EditionError without a file gets it, and any other exception becomes an EditionError
    with its type and text (the traceback is logged for ``--debug``). OSError passes as it is:
    it concerns the output folder or the machine (a full disk), not the article."""
    try:
        yield
    except EditionError as exc:
        if exc.path:
            raise
        raise type(exc)(exc.problem, path) from None
    except OSError:
        raise
    except Exception as exc:  # noqa: BLE001 (one bad article must not cost the others)
        log.debug("%s: unexpected error", path, exc_info=True)
        text = str(exc).strip().splitlines()
        raise EditionError(f"unexpected {type(exc).__name__}"
                           + (f": {text[0][:300]}" if text else ""), path) from exc


@dataclass
class Prepared:
    """An article read, segmented and cast, ready for synthesis."""

    article: Article
    """The source."""
    script: Script
    """Segments with voices."""
    utterances: list[Utterance]
    """What the engines will be asked to say."""


TEXT_STAGE_LIMIT = 30.0
"""Seconds the text stage of one article (read, segment, cast, normalize) may take. A long
article takes well under a second; more means input the rules cannot cope with, and that
article fails with the paragraph the stage was at, while the others go on."""


def _excerpt(text: str) -> str:
    """Returns the first words of ``text`` to name a paragraph by (``Every Monday the…``)."""
    words = text.split()
    short = " ".join(words[:3])[:40]
    return short + ("…" if len(short) < len(" ".join(words)) else "")


class _TextClock:
    """Stops the text stage of one article that runs past its limit, and names the paragraph
    it was at: cooperatively whenever a stage reaches the next paragraph (:meth:`at`), and by
    SIGALRM, on the main thread, for a loop that never gets there."""

    def __init__(self, path: Path, limit: float) -> None:
        self.path = path
        self.limit = limit
        self.deadline = time.monotonic() + limit
        self.article: Article | None = None
        self.block: int | None = None
        self._previous: object = None
        self._armed = False

    def at(self, block: int) -> None:
        """Notes that the stage has reached ``block``; raises ReaderError past the deadline."""
        self.block = block
        if time.monotonic() > self.deadline:
            raise self.error()

    def error(self) -> ReaderError:
        """Returns the error that names where the stage was when time ran out."""
        return ReaderError(f"text stage took longer than {self.limit:g} s {self._where()}", self.path)

    def _where(self) -> str:
        article, block = self.article, self.block
        if article is None:
            return "while reading the file"
        if block is None or block < -2 or block >= len(article.blocks):
            return "after reading the file"
        if block == -2:
            return f'at the title ("{_excerpt(article.title)}")'
        if block == -1:
            return f'at the teaser ("{_excerpt(article.teaser or "")}")'
        return f'at paragraph {block + 1} ("{_excerpt(article.blocks[block].text)}")'

    def _fire(self, signum, frame) -> None:
        # again in a second, should the error be swallowed by an "except Exception" on the way
        signal.setitimer(signal.ITIMER_REAL, 1.0)
        raise self.error()

    def __enter__(self) -> _TextClock:
        if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread() \
                and signal.getitimer(signal.ITIMER_REAL)[0] == 0:  # nobody else's timer running
            self._previous = signal.signal(signal.SIGALRM, self._fire)
            signal.setitimer(signal.ITIMER_REAL, max(self.limit, 0.001))
            self._armed = True
        return self

    def __exit__(self, *exc: object) -> None:
        if self._armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous)
            self._armed = False


def prepare(path: Path, book: VoiceBook, fallback_lang: str,
            model_dir: Path | None = None, memo_dir: Path | None = None) -> Prepared:
    """Returns the script of the article at ``path``: read, segmented, cast and planned.

    ``model_dir`` is where the language-identification model may be kept unpacked;
    ``memo_dir`` (the segment cache) where the spoken form of each sentence is remembered.

    Every utterance carries the text the engine will receive: numbers, dates, abbreviations
    and addresses written out, and the language's pronunciation lexicon applied.
    Raises EditionError subclasses, naming the file, for unreadable articles, articles with
    no words to read after the title, and missing voices; any other error is turned into one
    (:func:`blame`); ReaderError naming the paragraph when all this takes longer than
    :data:`TEXT_STAGE_LIMIT`.
    """
    with blame(path), _TextClock(path, TEXT_STAGE_LIMIT) as clock:
        article = read_article(path)
        clock.article = article
        lang = casting.detect_lang(article, book, fallback_lang, model_dir)
        segments = segmenter.segment(article, lang, progress=clock.at)
        script = casting.cast(article, segments, book.for_lang(lang), book, model_dir)
        lexicon = load_lexicon(book.root, lang)
        memo = _SpokenMemo(memo_dir, path, lang, lexicon)
        utterances = assembly.plan(script, lambda text, code: memo.get(
            text, code, lambda: speakable(text, code, lexicon)), progress=clock.at)
        if not utterances:
            raise ReaderError("nothing to read aloud: no words in the title or text", path)
        if not any(script.segments[u.segment].segment.block >= 0 for u in utterances):
            # a title alone would make an episode of two seconds
            raise ReaderError("nothing to read aloud: no text after the title", path)
        memo.save()
    return Prepared(article, script, utterances)


class _SpokenMemo:
    """The spoken form of every sentence of one article as the last build normalized it, kept
    in the cache folder, so that a rebuild after an edit normalizes only the sentences that
    changed. Keyed by the article's path, its language, the lexicon and the normalizer's own
    code; it holds exactly the sentences of the latest build, so it never grows."""

    def __init__(self, cache_dir: Path | None, path: Path, lang: str, lexicon) -> None:
        self.file = None
        self.known: dict[str, str] = {}
        self.used: dict[str, str] = {}
        if cache_dir is None:
            return
        entries = [dataclasses.astuple(e) for e in (lexicon.entries if lexicon else [])]
        key = hashlib.sha256(json.dumps([str(path.resolve()), lang, entries, _normalizer_id(),
                                         cachefile.FORMAT],
                                        ensure_ascii=False).encode()).hexdigest()[:32]
        self.file = cache_dir / "spoken" / f"{key}.json"
        self.name = key
        known = cachefile.read_json(self.file, key)
        if isinstance(known, dict) and all(isinstance(v, str) for v in known.values()):
            self.known = known
        elif known is not None:
            cachefile.note_damaged(self.file, "not an object of strings")

    def get(self, text: str, lang: str, compute: Callable[[], str]) -> str:
        """Returns the spoken form of ``text``, from the memo or from ``compute()``."""
        spoken = self.known.get(f"{lang}\0{text}")
        if not isinstance(spoken, str):
            spoken = compute()
        self.used[f"{lang}\0{text}"] = spoken
        return spoken

    def save(self) -> None:
        """Keeps this build's sentences (a cache that cannot be written is only logged)."""
        if self.file is None or self.used == self.known:
            return
        try:
            cachefile.write_json(self.file, self.used, self.name)
        except OSError as exc:
            log.warning("cannot write the segment cache at %s: %s", self.file.parent, exc)


@functools.lru_cache(maxsize=1)
def _normalizer_id() -> str:
    """Identifies the code that makes text speakable: normalize, the languages package and
    num2words (by the names, sizes and times of its files: found without importing it or
    reading its metadata, which a rebuild that normalizes one sentence should not pay for)."""
    import importlib.util

    from audio_edition import languages, normalize

    # the rules are in normalize, the words and tables of each language in languages/
    source = Path(normalize.__file__).read_bytes() + b"".join(
        p.read_bytes() for p in sorted(Path(languages.__file__).parent.glob("*.py")))
    spec = importlib.util.find_spec("num2words")
    n2w = "?"
    if spec is not None and spec.origin:
        files = sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns)
                       for e in os.scandir(Path(spec.origin).parent) if e.name.endswith(".py"))
        n2w = hashlib.sha256(repr(files).encode()).hexdigest()[:16]
    return hashlib.sha256(source).hexdigest()[:16] + "/" + __version__ + "/" + n2w


def check_voices(voices: Iterable[VoiceProfile]) -> None:
    """Raises ConfigError or SynthesisError when an engine or voice is unusable."""
    for voice in {v.name: v for v in voices}.values():
        engine = get_engine(voice.engine)
        missing = engine.available()
        if missing:
            raise ConfigError(f"voice {voice.name}: engine {voice.engine} unavailable: {missing}")
        engine.check_voice(voice)


@dataclass
class BuildOptions:
    """How a build runs, as opposed to what it produces."""

    jobs: int = 1
    """Processes that make the chunks of an episode: this one and ``jobs - 1`` workers (not
    used with a cluster)."""
    cache: SegmentCache | None = None
    """The segment cache, or None to synthesize everything."""
    force: bool = False
    """Rebuild episodes even when nothing they depend on changed."""
    strict: bool = False
    """Stop at the first article that fails."""
    reporter: Reporter = field(default_factory=Reporter)
    """Where progress goes."""
    root: Path = Path(".")
    """The output folder, against which files named in edition.toml are resolved."""
    cluster: Any = None
    """The Dask cluster that makes the chunks and measures the voices
    (:class:`audio_edition.cluster.Session`), or None to do it here."""
    limit: int | None = None
    """Of each feed among the sources, build only the newest this many items; None: all."""
    timeout: float = web.DEFAULT_TIMEOUT
    """Seconds an HTTP request for a feed or page may take in all."""


@dataclass
class BuildResult:
    """What a build did."""

    episodes: list[Episode] = field(default_factory=list)
    """Episodes built in this run."""
    failures: list[EditionError] = field(default_factory=list)
    """Articles that could not be built, with why."""
    unchanged: list[Episode] = field(default_factory=list)
    """Episodes skipped because nothing they depend on changed."""
    feed: Path | None = None
    """The feed written."""
    site: Path | None = None
    """The podcast's page (``index.html``) of the listening site written beside the feed."""
    seconds: dict[str, float] = field(default_factory=dict)
    """Wall time per stage."""
    requests: int = 0
    """HTTP requests made for feeds and pages given as URLs."""
    not_modified: int = 0
    """Of those, how many were answered 304 Not Modified (nothing to fetch again)."""


def _pub_date(article: Article, previous: Episode | None) -> dt.datetime:
    if article.meta.date:
        return article.meta.date
    if previous:
        return previous.pub_date  # stays put across rebuilds
    mtime = article.path.stat().st_mtime
    return dt.datetime.fromtimestamp(int(mtime), dt.timezone.utc)


def _description(article: Article) -> str:
    if article.meta.description:
        return article.meta.description
    if article.teaser:
        return article.teaser
    first = next((b.text for b in article.blocks if b.kind.value == "paragraph"), article.title)
    return first if len(first) <= 400 else first[:397].rsplit(" ", 1)[0] + " …"


@dataclass
class _Render:
    """What :func:`chunks.render` needs besides the script and the utterances."""

    levels: dict[str, str]
    """The level keys of the voices and jingles."""
    plan: Callable[[], Any]
    """Returns the gain plan (measuring the voices not in the cache)."""
    sound: jingles.Sound
    """The jingles."""
    intro: int
    """How many utterances the music bed plays under."""


def _job(prep: Prepared, config: EditionConfig, options: BuildOptions, timer: dict[str, float],
         intro_segments: int | None = None) -> _Render:
    """Returns what rendering ``prep`` needs; see :func:`render`."""
    check_voices(c.voice for c in prep.script.segments)
    sound = jingles.from_config(config, options.root)
    voices = [c.voice for c in prep.script.segments]
    levels = chunks.level_keys(voices, sound, config.loudness, config.true_peak, options.cache)
    measure = options.cluster.measure if options.cluster is not None else None

    def plan():
        # In this process (check_voices has started its engines), while the workers speak
        # their first chunks.
        t = time.perf_counter()
        gains = chunks.gain_plan(voices, sound, config.loudness, config.true_peak, options.cache,
                                 measure)
        timer["loudness"] = timer.get("loudness", 0) + time.perf_counter() - t
        return gains

    if intro_segments is None:
        intro_segments = next((i for i, c in enumerate(prep.script.segments)
                               if c.segment.block >= 0), len(prep.script.segments))
    intro = sum(1 for u in prep.utterances if u.segment < intro_segments)
    return _Render(levels, plan, sound, intro)


def render(prep: Prepared, config: EditionConfig, options: BuildOptions,
           timer: dict[str, float], workdir: Path,
           intro_segments: int | None = None) -> Encoded:
    """Returns the encoded audio of a prepared article: engines, assembly, loudness and the MP3
    encoder, chunk by chunk (:mod:`audio_edition.chunks`), here or on ``options.cluster``;
    chunks not in the cache are written to ``workdir``.

    The first ``intro_segments`` segments are the spoken intro the music bed plays under (by
    default the headline and the teaser). Raises ConfigError or SynthesisError when a voice
    cannot be used or synthesis fails, AudioError when ffmpeg fails.
    """
    job = _job(prep, config, options, timer, intro_segments)
    options.reporter.article_started(prep.article.path, len(prep.utterances))
    return chunks.render(prep.script, prep.utterances, job.levels, job.plan, job.sound, job.intro,
                         workdir, options.jobs, options.cache, options.reporter.utterances_done,
                         timer, make=options.cluster.make if options.cluster is not None else None)


def _send(prep: Prepared, config: EditionConfig, options: BuildOptions,
          timer: dict[str, float]) -> dict[str, Any]:
    """With a cluster: sends the chunks of ``prep`` that the cache does not have to it, ahead
    of :func:`render`; returns what :meth:`audio_edition.cluster.Session.send` does."""
    job = _job(prep, config, options, timer)
    found, missing = chunks.chunk_list(prep.script, prep.utterances, job.levels, job.sound,
                                       job.intro, options.cache)
    return options.cluster.send(missing, prep.utterances, job.plan, found[0], found[-1])


def publish(prep: Prepared, rendered: Encoded, slot: Slot, out_dir: Path,
            config: EditionConfig, timer: dict[str, float],
            marks: list[chapters.Mark] | None = None,
            cover: tuple[bytes, str] | None = None) -> Episode:
    """Joins and tags ``rendered`` as ``out_dir/audio/<slug>.<version>.mp3``, writes its
    transcripts and chapters beside it, and returns its Episode, which keeps the guid, number
    and (unless the article gives one) date of ``slot.previous``.

    The version in the file names is a hash of the content (the MP3 and its transcripts), so
    a new version never overwrites a file the published feed names: the files of the previous
    version stay until the feed naming the new ones is in place (see :func:`build`).
    Chapters begin at ``marks`` (by default the article's title and headings) and go into the
    MP3 as ID3 CHAP/CTOC frames and into ``<slug>.<version>.chapters.json``;
    ``<slug>.<version>.vtt`` and ``.srt`` hold the transcript, and
    ``<slug>.<version>.paragraphs.json`` the transcript by paragraph the episode's page is made
    from. ``cover`` (bytes and media type)
    is embedded as APIC. Every file is written to a temporary file and renamed into place.
    """
    t = time.perf_counter()
    article, script = prep.article, prep.script
    previous = slot.previous
    pub_date = _pub_date(article, previous)
    chapter_list = chapters.locate(marks or chapters.article_marks(script), prep.utterances,
                                   rendered.timings, rendered.duration)
    vtt = transcripts.to_vtt(transcripts.cues(prep.script, prep.utterances, rendered.timings,
                                              transcripts.VTT_RULES))
    srt = transcripts.to_srt(transcripts.cues(prep.script, prep.utterances, rendered.timings,
                                              transcripts.SRT_RULES))
    paragraphs = pages.paragraphs_json(pages.paragraphs(prep.script, prep.utterances,
                                                        rendered.timings))
    folder = out_dir / AUDIO_DIR
    with fsutil.staged(folder) as staged:
        mp3.join(rendered.parts, staged.tmp, rendered.frames)
        tagging.write_tags(staged.tmp, tagging.EpisodeTags(
            title=article.title,
            artist=article.meta.author or article.meta.source or config.author,
            album=config.title,
            date=pub_date,
            lang=script.lang,
            comment=_description(article),
            lyrics=article.full_text(),
            chapters=chapter_list,
            cover=cover[0] if cover else b"",
            cover_mime=cover[1] if cover else "image/png",
        ))
        size = staged.tmp.stat().st_size
        stem = f"{slot.slug}.{_version(staged.tmp, vtt, srt, paragraphs)}"
        staged.target = folder / f"{stem}.mp3"
    files = {
        "vtt_file": (f"{AUDIO_DIR}/{stem}.vtt", vtt),
        "srt_file": (f"{AUDIO_DIR}/{stem}.srt", srt),
        "chapters_file": (f"{AUDIO_DIR}/{stem}.chapters.json", chapters.to_json(
            chapter_list, title=article.title, podcast=config.title,
            author=article.meta.author or article.meta.source, file_name=f"{stem}.mp3")),
        "paragraphs_file": (f"{AUDIO_DIR}/{stem}.paragraphs.json", paragraphs),
    }
    for relative, text in files.values():
        atomic_write(out_dir / relative, text)
    timer["encode"] = timer.get("encode", 0) + time.perf_counter() - t
    return Episode(
        guid=slot.guid, slug=slot.slug, title=article.title, description=_description(article),
        lang=script.lang, pub_date=pub_date, audio_file=f"{AUDIO_DIR}/{stem}.mp3", size=size,
        duration=round(rendered.duration, 3), author=article.meta.author or article.meta.source,
        segments=len(script.segments),
        voices=sorted({c.voice.name for c in script.segments}),
        number=previous.number if previous is not None else None,
        source=slot.source, categories=list(article.meta.categories), link=article.meta.url,
        **{key: relative for key, (relative, _) in files.items()},
    )


def _version(mp3_file: Path, *texts: str) -> str:
    """Returns the version of an episode's files: a hash of the MP3 and its transcripts
    (which the chapters follow from)."""
    return fsutil.file_digest(mp3_file, *(t.encode("utf-8") for t in texts))[:VERSION_LEN]


def build_article(path: Path, out_dir: Path, config: EditionConfig, book: VoiceBook,
                  slot: Slot, options: BuildOptions, timer: dict[str, float],
                  cover: Callable[[], tuple[bytes, str]] | None = None) -> Episode:
    """Builds one article into ``out_dir/audio/<slug>.<version>.mp3`` and returns its Episode.

    The stages in order: read, segment, cast and plan (:func:`prepare`); synthesize and
    assemble (:func:`render`); encode, tag and describe for the feed (:func:`publish`).
    ``cover()`` returns the picture to embed (bytes and media type), once it is needed.
    """
    t = time.perf_counter()
    if options.cluster is not None:  # prepared ahead, its chunks already on the cluster
        prep = options.cluster.prepared(path)
    else:
        prep = prepare(path, book, config.language, _model_dir(options), _memo_dir(options))
    timer["prepare"] = timer.get("prepare", 0) + time.perf_counter() - t
    with tempfile.TemporaryDirectory(prefix="audio-edition-") as work:
        rendered = render(prep, config, options, timer, Path(work))
        episode = publish(prep, rendered, slot, out_dir, config, timer,
                          cover=cover() if cover else None)
    _trim(options)
    return episode


def build_edition(title: str, paths: list[Path], out_dir: Path, config: EditionConfig,
                  book: VoiceBook, slot: Slot, options: BuildOptions,
                  timer: dict[str, float],
                  cover: Callable[[], tuple[bytes, str]] | None = None) -> Episode:
    """Builds the articles at ``paths`` as one episode called ``title``, in
    ``out_dir/audio/<slug>.<version>.mp3`` (the slug is made from the title), and returns its
    Episode.

    The same stages as :func:`build_article`, with :func:`editions.combine` between preparing
    the articles and rendering them: a spoken intro, then each article; one chapter each.
    Raises the EditionError of the first article that cannot be prepared, naming its file.
    """
    t = time.perf_counter()
    preps = [prepare(path, book, config.language, _model_dir(options), _memo_dir(options))
             for path in paths]
    lang = editions.edition_lang([p.script.lang for p in preps], config.language)
    lexicon = load_lexicon(book.root, lang)
    edition = editions.combine(title, preps, config.language,
                               speak=lambda text, code: speakable(text, code, lexicon))
    prep = Prepared(edition.article, edition.script, edition.utterances)
    timer["prepare"] = timer.get("prepare", 0) + time.perf_counter() - t
    intro = edition.marks[0].segment if edition.marks else None  # the bed ends with the intro
    with tempfile.TemporaryDirectory(prefix="audio-edition-") as work:
        rendered = render(prep, config, options, timer, Path(work), intro_segments=intro)
        episode = publish(prep, rendered, slot, out_dir, config, timer,
                          marks=edition.marks, cover=cover() if cover else None)
    _trim(options)
    return episode


def _trim(options: BuildOptions) -> None:
    # Only once the episode is written: its chunks must outlive the join.
    if options.cache is not None:
        options.cache.trim()


def _model_dir(options: BuildOptions) -> Path | None:
    """Returns where the language-identification model is kept unpacked: the user's cache
    folder, shared by every output and segment cache (it depends on the installed py3langid
    and the languages that can be spoken, not on a build), so that unpacking it, most of a
    second of every build's serial start, happens once per machine. None with ``--no-cache``."""
    return user_cache_dir() / "models" if options.cache is not None else None


def ready_for_changes(voices_dir: Path | None, options: BuildOptions) -> None:
    """Readies this process, between two builds of ``build --watch``, for the rebuild an edit
    will start: loads every language's function words and the language-identification model
    (:func:`casting.ready`), which the first article to be read, or the first with a passage
    in doubt, would otherwise load then (0.15 s of the rebuild's wait). Any problem is left for
    the rebuild to report."""
    try:
        book = voice_catalogue.load(voices_dir)
        casting.ready(book, _model_dir(options))
    except Exception as exc:  # noqa: BLE001 - only a head start: the rebuild meets it again
        log.debug("not readied for the next build: %s", exc)


def _memo_dir(options: BuildOptions) -> Path | None:
    return options.cache.root if options.cache is not None else None


def _tree_digest(root: Path) -> str:
    """Returns a hash of every file under ``root`` (names and contents)."""
    h = hashlib.sha256()
    if root.is_dir():
        for p in sorted(root.rglob("*")):
            if p.is_file():
                h.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def fingerprint(path: Path, settings_digest: str) -> str:
    """Returns a hash of the article's bytes and of everything else its episode depends on.
    Raises ReaderError when the file cannot be read."""
    h = hashlib.sha256(settings_digest.encode())
    try:
        h.update(path.read_bytes())
    except OSError as exc:
        raise ReaderError(f"cannot read: {exc.strerror or exc}", path) from None
    return h.hexdigest()


def _settings_digest(config: EditionConfig, book: VoiceBook, cover: str = "",
                     sound: jingles.Sound | None = None) -> str:
    """Returns a hash of everything besides its text that an episode depends on: the
    settings, the voices (and lexicons), the cover's picture and the jingles' bytes."""
    settings = {k: v for k, v in dataclasses.asdict(config).items() if k != "path"}
    sounds = [fsutil.file_digest(p) if p else ""
              for p in (sound.intro, sound.outro, sound.bed)] if sound else []
    data = json.dumps([__version__, settings, _tree_digest(book.root), book.identity, cover,
                       sounds],
                      sort_keys=True, default=str)
    return hashlib.sha256(data.encode()).hexdigest()


def _unchanged(prev: Episode | None, fp: str, out_dir: Path) -> bool:
    if prev is None or prev.fingerprint != fp:
        return False
    companions = (prev.vtt_file, prev.srt_file, prev.chapters_file, prev.paragraphs_file)
    if not all(companions) or not all((out_dir / c).is_file() for c in companions):
        return False  # built before transcripts, chapters or pages, or they were deleted
    try:
        return (out_dir / prev.audio_file).stat().st_size == prev.size
    except OSError:
        return False


LOCK_FILE = ".audio-edition.lock"


def _exclusive(func: Callable[..., BuildResult]) -> Callable[..., BuildResult]:
    """Runs a build holding the output folder's lock, as one transaction, with OS errors
    turned into one line.

    A second build into the same folder fails at once, saying why, instead of interleaving its
    writes with the first. The lock is an OS file lock, so a killed build leaves none behind.
    Every file the build writes is renamed into place only when the build has finished, so a
    build that fails or is killed leaves the previous files as they were.
    """
    @functools.wraps(func)
    def wrapper(sources: list[Path], out_dir: Path, *args, **kwargs) -> BuildResult:
        from filelock import FileLock, Timeout

        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            lock = FileLock(out_dir / LOCK_FILE, timeout=0)
            with lock:
                for folder in (AUDIO_DIR, FEED_DIR, *pages.SITE_DIRS):  # left by a killed build
                    fsutil.remove_stale(out_dir / folder)
                fsutil.remove_stale(out_dir, pages.INDEX)
                try:
                    with fsutil.transaction():
                        return func(sources, out_dir, *args, **kwargs)
                finally:
                    workers.leave_lane()  # every CPU again, for whatever comes next
        except Timeout:
            raise EditionError("another build is running in this folder; try again when it "
                               "has finished", out_dir) from None
        except OSError as exc:
            where = exc.filename or out_dir
            raise EditionError(str(exc.strerror or exc), where) from None
    return wrapper


@dataclass
class _Job:
    """One episode to publish in this build: an article, or an edition of several."""

    paths: list[Path]
    """The article, or the edition's articles in order."""
    source: str = ""
    """The source id (:mod:`audio_edition.identity`); empty until identified."""
    claim: Claim | None = None
    """What it asks of :func:`identity.assign`."""
    title: str | None = None
    """The edition's title; None for an article."""
    origins: dict[str, str] = field(default_factory=dict)
    """The URL each article fetched from the web came from, by its file's path: messages name
    the URL, not the file it is kept in."""

    @property
    def blamed(self) -> Path | str:
        """What an error of the job's own (not of one of its articles) is reported for: the
        article, or the edition."""
        if self.title is not None:
            return f"edition {self.title!r}"
        return self.origins.get(str(self.paths[0]), self.paths[0])

    def named(self, exc: EditionError) -> EditionError:
        """Returns ``exc`` naming the URL instead of the file an article fetched from the web
        is kept in."""
        url = self.origins.get(exc.path or "")
        return type(exc)(exc.problem, url) if url else exc


def _identify(job: _Job, out_dir: Path) -> None:
    """Sets the job's source id and claim. Raises ReaderError for an article that cannot be
    read, naming it."""
    ids = []
    for path in job.paths:
        with blame(path):
            recorded = source_id(path)  # an article fetched from the web
            declared = None if recorded else declared_id(path)
            url = origin(path)
        if url:
            job.origins[str(path)] = url
        ids.append(recorded or (identity.declared_source(declared) if declared
                                else identity.file_source(path, out_dir)))
    if job.title is None:
        job.source = ids[0]
        job.claim = Claim(job.source, slugify(job.paths[0].stem))
    else:
        job.source = identity.edition_source(job.title, ids)
        job.claim = Claim(job.source, slugify(job.title), title=job.title)


def _settings_file(out_dir: Path) -> Path:
    """Returns what a settings message names: ``edition.toml`` when there is one, else the
    output folder (whose edition.toml the message may suggest creating)."""
    path = out_dir / EDITION_FILE
    return path if path.is_file() else out_dir


_warned: set[Path] = set()
"""Output folders whose missing owner_email this process has warned about."""


def _warn_owner(out_dir: Path, config: EditionConfig) -> None:
    """Warns that owner_email is missing, once per output folder: when the feed is first
    written without it, or loses it; not on every build (nor twice in one ``--watch``)."""
    if config.owner_email or out_dir.resolve() in _warned:
        return
    _warned.add(out_dir.resolve())
    try:
        old = (out_dir / FEED_DIR / FEED_FILE).read_bytes()
    except OSError:
        old = None
    if old is not None and b"<itunes:email>" not in old:
        return  # published without it before, and warned then
    where = _settings_file(out_dir)
    hint = "" if where.name == EDITION_FILE else f" (in {where / EDITION_FILE})"
    log.warning("%s: owner_email is not set%s; Apple Podcasts needs it in itunes:owner, so "
                "the feed has no itunes:owner", where, hint)


@_exclusive
def build(sources: list[Path | str], out_dir: Path, config: EditionConfig,
          voices_dir: Path | None = None, options: BuildOptions | None = None,
          edition: str | None = None) -> BuildResult:
    """Builds every article in ``sources`` and updates the feed in ``out_dir``.

    A source is a file, a folder of them, or an http(s) URL (a string): a feed, whose items are
    each an article, or a page (:mod:`audio_edition.web`). What is fetched, and the validators
    that make the next request for it conditional, is kept in the cache (a temporary folder
    without one); a URL or item that cannot be had fails alone, like a bad article.
    Each source is one episode, identified by its source (:mod:`audio_edition.identity`),
    never by its file name: rebuilding a source replaces its own episode and no other.
    An article whose text, voices and settings are unchanged since its last build is skipped:
    its MP3 stays byte-identical. A bad article is reported and skipped (``options.strict``
    stops at the first one instead); the others are built and the feed keeps every episode.
    With ``edition`` (a title), all the articles become one episode instead
    (:func:`build_edition`); if one of them is bad, the edition is not built.

    Nothing in ``out_dir`` changes unless the build succeeds: a problem with the settings,
    the voices, a jingle or the cover (which every episode uses) fails the whole build, and so
    does a build in which every source failed. Otherwise every new file is renamed into place
    at the end (:mod:`audio_edition.fsutil`): first the episodes' files, under new names; then
    the manifest and the feed that name them; only then are the files of replaced versions
    removed. So whenever the build is killed, every file the feed names exists as it says.
    Raises ConfigError when ``config.base_url`` is missing or the cover is unusable.
    """
    options = options or BuildOptions()
    options.root = out_dir
    sound = jingles.from_config(config, out_dir)  # a missing jingle fails before any synthesis
    if not config.base_url:
        raise ConfigError("no base URL: pass --base-url or set base_url in edition.toml",
                          _settings_file(out_dir))
    # before any model loads here: with workers, this process has its share of the cores too
    synth.give_threads(synth.core_share(options.jobs))
    book = voice_catalogue.load(voices_dir)  # with the installed neural voices first
    profiles = [v for lv in book.languages.values() for v in [lv.narrator, *lv.quotes]]
    engines = {v.engine for v in profiles}
    result = BuildResult()
    urls = [s for s in sources if web.is_url(s)]
    paths = find_sources([Path(s) for s in sources if not web.is_url(s)])
    if urls:
        paths += _fetch(urls, options, result)
    options.reporter.sources_found(1 if edition is not None else len(paths))
    existing = load_manifest(out_dir)
    cover = Cover(out_dir, config.title, config.cover)
    site = pages.Site(out_dir)  # a broken template fails the build before anything is spoken
    # every MP3 embeds the cover: a new picture under the same file name rebuilds them too
    settings = _settings_digest(config, book, cover.identity, sound)
    shared = {p.resolve() for p in (sound.intro, sound.outro, sound.bed) if p}
    shared |= {(out_dir / EDITION_FILE).resolve(), (out_dir / cover.path).resolve()}
    jobs = [_Job(paths, title=edition)] if edition is not None else [_Job([p]) for p in paths]
    jobs = _claim(jobs, out_dir, options, result)
    slots = identity.assign([job.claim for job in jobs], existing)
    kept: list[Episode] = []  # unchanged, with the source recorded when it was not yet
    started = False

    def unchanged(job: _Job) -> tuple[str, Episode | None, bool]:
        with blame(job.blamed):
            fp = _job_fingerprint(job, settings)
        prev = slots[job.source].previous
        return fp, prev, not options.force and _unchanged(prev, fp, out_dir)

    if options.cluster is not None:  # checks the workers before any work is sent
        options.jobs = 1  # no local workers beside the cluster's
        articles = {job.paths[0]: job for job in jobs if job.title is None}

        def needed(path: Path) -> bool:
            try:
                return not unchanged(articles[path])[2]
            except EditionError:
                return False  # reported in its turn, by the loop below

        options.cluster.begin(
            profiles, list(articles), needed,
            lambda path: prepare(path, book, config.language, _model_dir(options),
                                 _memo_dir(options)),
            lambda prep: _send(prep, config, options, result.seconds))
    for job in jobs:
        slot = slots[job.source]
        try:
            fp, prev, same = unchanged(job)
            if same:
                prev = dataclasses.replace(prev, source=slot.source)
                kept.append(prev)
                result.unchanged.append(prev)
                options.reporter.article_finished(prev, rebuilt=False)
                continue
            if not started:
                started = True
                with blame(job.blamed):
                    _start(options, config, book, engines, cover)
            with fsutil.scope(), blame(job.blamed):  # a failing episode leaves no file behind
                if job.title is None:
                    episode = build_article(job.paths[0], out_dir, config, book, slot, options,
                                            result.seconds, cover=cover.embedded)
                else:
                    episode = build_edition(job.title, job.paths, out_dir, config, book, slot,
                                            options, result.seconds, cover.embedded)
            episode.fingerprint = fp
        except EditionError as exc:
            if exc.path and Path(exc.path).resolve() in shared:
                raise  # a file every episode uses: the build as a whole fails
            _failed(job.named(exc), options, result)
            continue
        result.episodes.append(episode)
        options.reporter.article_finished(episode, rebuilt=True)
    if options.cache is not None:
        options.cache.warn_damaged()  # once per build, however many there were
    if result.failures and not (result.episodes or result.unchanged):
        return result  # nothing succeeded: nothing is published, not even new settings
    t = time.perf_counter()
    episodes = merge(existing, [*kept, *result.episodes])
    save_manifest(out_dir, episodes)
    cover.save()
    _warn_owner(out_dir, config)
    result.site = site.write(config, episodes, cover.path)
    result.feed = write_feed(out_dir, config, episodes, cover.path)
    for relative in _retired(out_dir, existing, episodes):
        fsutil.remove_on_commit(out_dir / relative)
    result.seconds["feed"] = time.perf_counter() - t
    return result


def _fetch(urls: list[str], options: BuildOptions, result: BuildResult) -> list[Path]:
    """Returns the files of the articles fetched from ``urls``; records what failed. What is
    fetched is kept in the cache's web folder, or, without a cache, in a temporary folder that
    lives as long as the process."""
    t = time.perf_counter()
    if options.cache is not None:
        state = options.cache.root / web.STATE_DIR
    else:
        state = Path(_scratch().name)
    found = web.fetch(urls, state, options.limit, options.timeout)
    result.requests += found.requests
    result.not_modified += found.not_modified
    for exc in found.failures:
        _failed(exc, options, result)
    result.seconds["fetch"] = time.perf_counter() - t
    return found.paths


@functools.lru_cache(maxsize=1)
def _scratch() -> tempfile.TemporaryDirectory:
    # One per process, removed at exit: a build reads its fetched articles after fetching.
    return tempfile.TemporaryDirectory(prefix="audio-edition-web-")


def _claim(jobs: list[_Job], out_dir: Path, options: BuildOptions,
           result: BuildResult) -> list[_Job]:
    """Returns the jobs whose source could be identified, each source once; the others are
    failures (an unreadable article, a second file declaring another's id)."""
    claimed: dict[str, Path] = {}
    out = []
    for job in jobs:
        try:
            _identify(job, out_dir)
            other = claimed.get(job.source)
            if other is not None:
                raise ReaderError(f"front matter: id: {job.source.partition(':')[2]!r} is "
                                  f"already the id of {other}", job.paths[0])
        except EditionError as exc:
            _failed(job.named(exc), options, result)
            continue
        claimed[job.source] = job.blamed
        out.append(job)
    return out


def _job_fingerprint(job: _Job, settings: str) -> str:
    if job.title is None:
        return fingerprint(job.paths[0], settings)
    h = hashlib.sha256(f"edition\0{job.title}".encode())
    for path in job.paths:
        h.update(fingerprint(path, settings).encode())
    return h.hexdigest()


def _retired(out_dir: Path, existing: list[Episode], episodes: list[Episode]) -> set[str]:
    """Returns the files, relative to ``out_dir``, that the build retires: the versions the
    manifest named before and names no more, and episode files no manifest names (left by a
    build killed after it renamed them, or before versions: ``<slug>.mp3`` of an episode whose
    files are now versioned)."""
    keep = {f for e in episodes for f in e.files()}
    retired = {f for e in existing for f in e.files()} - keep
    slugs = {e.slug for e in episodes}
    folder = out_dir / AUDIO_DIR
    for path in folder.iterdir() if folder.is_dir() else ():
        m = _EPISODE_FILE.match(path.name)
        relative = f"{AUDIO_DIR}/{path.name}"
        if m and relative not in keep and (m.group("version") or m.group("slug") in slugs):
            retired.add(relative)
    return retired


def _start(options: BuildOptions, config: EditionConfig, book: VoiceBook, engines: set[str],
           cover: Cover) -> None:
    """Before the first episode that has to be made: starts the worker processes (their
    start-up overlaps reading the article) and has one measure the voices the article will
    likely need (:func:`chunks.start_ahead`), keeps this process to its lane of the CPUs
    (:func:`workers.take_lane`) and starts its espeak-ng helper there (:func:`synth.warm_here`),
    then draws the cover in a thread."""
    voices = book.languages.get(config.language)
    chunks.start_ahead(options.jobs, engines,
                       casting.likely_voices(voices) if voices is not None else [],
                       config.loudness, config.true_peak, options.cache)
    if options.cluster is None:  # on a cluster, this process speaks nothing
        # its own lane of the CPUs, the workers theirs, for the rest of the build; first, so
        # that the helper started next runs in it too
        workers.take_lane(options.jobs)
        synth.warm_here(engines)
    cover.start()


def _failed(exc: EditionError, options: BuildOptions, result: BuildResult) -> None:
    """Records a failed article or edition, or raises it at once with ``--strict`` or when the
    cluster cannot be used."""
    if options.strict or isinstance(exc, ClusterError):
        raise exc from None
    log.debug("%s failed", exc.path, exc_info=True)
    result.failures.append(exc)
    options.reporter.article_failed(exc)


__all__ = ["AUDIO_DIR", "BuildResult", "FEED_DIR", "FEED_FILE", "Reporter", "SLUG_MAX",
           "TEXT_STAGE_LIMIT", "blame", "build", "build_edition", "prepare", "ready_for_changes",
           "slugify"]
