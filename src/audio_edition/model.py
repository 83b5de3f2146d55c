"""The typed objects handed from one pipeline stage to the next.

readers -> :class:`Article` -> segmenter -> :class:`Segment` -> casting -> :class:`CastSegment`
-> engines + assembly -> :class:`Rendered` -> mp3 + tags -> :class:`Episode` -> feed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from audio_edition import options

if TYPE_CHECKING:  # pragma: no cover
    from audio_edition.errors import EditionError


class BlockKind(str, Enum):
    """What a block of an article is, which decides the pause around it."""

    TITLE = "title"
    TEASER = "teaser"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    CREDIT = "credit"


class Role(str, Enum):
    """Who reads a segment."""

    NARRATOR = "narrator"
    QUOTE = "quote"


@dataclass
class Block:
    """One structural unit of an article's body."""

    kind: BlockKind
    """Heading, paragraph, list item or credit."""
    text: str
    """The block's text, whitespace-normalised, with inline markup removed."""
    number: int | None = None
    """The item number of a numbered list item, else None."""
    role: Role | None = None
    """A role forced by the author (Markdown override), else None: the segmenter decides."""
    speaker: str | None = None
    """A speaker forced by the author (Markdown override), else None."""


@dataclass
class ArticleMeta:
    """What is known about an article besides its text."""

    author: str | None = None
    """The author or publication, used for ID3 TPE1 and the feed."""
    date: dt.datetime | None = None
    """Publication date, timezone-aware; None means the file's modification time."""
    lang: str | None = None
    """ISO 639-1 code from front matter, or None to detect it from the text."""
    source: str | None = None
    """The credit or source line (``example.TV``)."""
    subtitle: str | None = None
    """A subtitle from front matter."""
    description: str | None = None
    """A description for the feed, when it should differ from the teaser."""
    id: str | None = None
    """The identity the source declares for itself (``id:`` or ``guid:`` in front matter), which
    keeps its episode when the file is renamed or moved; None: the file's path identifies it."""
    categories: list[str] = field(default_factory=list)
    """Categories or tags (a feed item's ``category``), in the order given; may be empty."""
    url: str | None = None
    """Where the article is on the web (a fetched page, a feed item's link), else None."""


@dataclass
class Article:
    """A parsed input file: what every reader produces."""

    path: Path
    """The source file."""
    title: str
    """The headline."""
    teaser: str | None
    """The line under the headline, possibly itself a quote; None when absent."""
    blocks: list[Block]
    """The body in reading order."""
    meta: ArticleMeta = field(default_factory=ArticleMeta)
    """Front matter and other metadata."""

    @property
    def lang(self) -> str | None:
        """The language from the metadata, if any."""
        return self.meta.lang

    def full_text(self) -> str:
        """Returns the whole article as plain text: title, teaser and blocks, one per line."""
        parts = [self.title]
        if self.teaser:
            parts.append(self.teaser)
        for b in self.blocks:
            parts.append(f"{b.number}. {b.text}" if b.number is not None else b.text)
        return "\n\n".join(parts)


_SAME: Any = object()
"""The default of :attr:`Segment.person`: the same as the speaker."""


@dataclass
class Segment:
    """A stretch of text read by one voice."""

    role: Role
    """Narrator or quote."""
    text: str
    """The text as written in the article."""
    speaker: str | None = None
    """The speaker as the text attributes the quote: a name (``Maria Lehmann`` for
    ``Vorstandschefin Maria Lehmann``), a description, or a pronoun as written (``er``,
    ``she``); None for the narrator and for unattributed quotes."""
    block: int = 0
    """Index of the block the segment comes from: -2 title, -1 teaser, 0.. body blocks."""
    kind: BlockKind = BlockKind.PARAGRAPH
    """The kind of that block, which decides the pause before the segment."""
    person: str | None = _SAME  # type: ignore[assignment]
    """Who the speaker is: the person a pronoun refers to, None while it is unresolved. Casting
    and transcripts use this, never a bare pronoun. Defaults to :attr:`speaker`."""

    def __post_init__(self) -> None:
        if self.person is _SAME:
            self.person = self.speaker


@dataclass
class VoiceProfile:
    """One voice from ``voices/``: which engine speaks it and how.

    The fields declared with a check are the keys of a ``[voice.<name>]`` table in a voices
    file (:mod:`audio_edition.options`); the name is the table's, the language the file's."""

    name: str
    """Profile name, unique across ``voices/`` (``de-narrator``)."""
    engine: str = options.setting(check=options.nonempty)
    """Engine name: ``pyttsx3``, ``piper`` or ``silent``."""
    voice_id: str = options.setting(check=options.nonempty, key="id")
    """Engine voice identifier (espeak: ``gmw/de``; Piper: a model name or ``.onnx`` path)."""
    lang: str
    """ISO 639-1 language code."""
    variant: str | None = options.setting(None, options.optional_text)
    """espeak variant appended as ``+variant`` (``f3``, ``klatt``), else None."""
    rate: int = options.setting(170, options.whole(60, 500))
    """Words per minute, 60..500."""
    pitch: int = options.setting(50, options.whole(0, 100))
    """espeak pitch, 0..100."""
    volume: float = options.setting(1.0, options.number(0, 1))
    """Volume, 0.0..1.0."""

    native_id: str | None = options.setting(None, options.optional_text)
    """The voice id on macOS or Windows, where pyttsx3 uses the system's own voices; None
    picks one of the system's voices for :attr:`lang`."""

    @property
    def engine_voice(self) -> str:
        """The identifier handed to the engine, with the variant when there is one."""
        return f"{self.voice_id}+{self.variant}" if self.variant else self.voice_id


@dataclass
class CastSegment:
    """A segment with the voice that will read it."""

    segment: Segment
    """What is said."""
    voice: VoiceProfile
    """Who says it."""


@dataclass
class Script:
    """An article ready to be synthesized: its segments, each with a voice."""

    article: Article
    """The source."""
    lang: str
    """The language used for casting (from metadata or detected)."""
    segments: list[CastSegment]
    """Everything that will be read, in order."""


@dataclass
class Utterance:
    """One call to an engine: a sentence (or a short segment) and the pause before it."""

    segment: int
    """Index of the cast segment in the script that this text belongs to."""
    text: str
    """The text as written in the article."""
    spoken: str
    """Exactly the text the engine receives, after normalization and the lexicon."""
    voice: VoiceProfile
    """The voice that reads it."""
    pause: float
    """Seconds of silence before it."""


@dataclass
class Timing:
    """Where an utterance's audio sits in the episode."""

    utterance: int
    """Index into the list of utterances."""
    start: float
    """Seconds from the start of the episode to the first sample of speech."""
    end: float
    """Seconds from the start of the episode to the last sample of speech."""


def iter_samples(pieces: Iterable[tuple[bytes | None, int, str | None]],
                 apply: Callable[[bytes, str | None], bytes] | None = None,
                 block: int = 1 << 16) -> Iterator[bytes]:
    """Yields the samples of ``pieces`` in order: silence written out in blocks of at most
    ``block`` samples, and each stretch of speech through ``apply(pcm, voice)`` if given."""
    for pcm, n, voice in pieces:
        if pcm is None:
            while n > 0:
                k = min(n, block)
                yield bytes(2 * k)
                n -= k
        else:
            yield apply(pcm, voice) if apply else pcm


@dataclass
class Rendered:
    """The assembled audio of one episode, before encoding, kept as pieces, never one buffer."""

    pieces: list[tuple[bytes | None, int, str | None]]
    """(16-bit mono samples or None for silence, number of samples, voice name or None)."""
    sample_rate: int
    """Samples per second."""
    timings: list[Timing]
    """One entry per utterance, in order."""
    plan: Any = None
    """The loudness plan (:class:`audio_edition.loudness.GainPlan`) applied on the way out."""

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return sum(n for _, n, _ in self.pieces) / self.sample_rate

    def iter_pcm(self) -> Iterator[bytes]:
        """Yields the episode's samples in order, with the loudness plan applied."""
        apply = (lambda pcm, voice: self.plan.apply(pcm, voice, self.sample_rate)) \
            if self.plan else None
        return iter_samples(self.pieces, apply)

    @property
    def pcm(self) -> bytes:
        """All samples as one buffer (for tests and short clips; encoding streams instead)."""
        return b"".join(self.iter_pcm())


@dataclass
class Encoded:
    """An episode's audio encoded in chunks of plain MP3 frames, before the final header and tags
    (:mod:`audio_edition.chunks`)."""

    parts: list[Path]
    """The chunks' MP3 frames, in order."""
    timings: list[Timing]
    """One entry per utterance, in order, in seconds of the joined MP3."""
    duration: float
    """Length of the joined MP3 in seconds."""
    frames: int = 0
    """MP3 frames in all the chunks."""
    chunks: int = 0
    """How many chunks the episode has."""
    encoded: int = 0
    """How many of them were encoded in this build (the rest came from the cache)."""


@dataclass
class Episode:
    """A finished, tagged MP3 and what the feed needs to know about it."""

    guid: str
    """Stable identifier, the same across rebuilds."""
    slug: str
    """ASCII file stem of the MP3."""
    title: str
    """Episode title."""
    description: str
    """Plain-text description (the teaser, or the first paragraph)."""
    lang: str
    """ISO 639-1 language code."""
    pub_date: dt.datetime
    """Publication date, timezone-aware."""
    audio_file: str
    """Path of the MP3 relative to the output folder: ``audio/<slug>.<version>.mp3``, where the
    version is made from the content, so a new version never overwrites the file a published
    feed names (``audio/<slug>.mp3`` in manifests from before versions)."""
    size: int
    """Exact byte length of the MP3."""
    duration: float
    """Seconds: the MP3 frames times 1152 samples, which is what its Xing header says."""
    author: str | None = None
    """Author or publication."""
    segments: int = 0
    """How many segments were read."""
    voices: list[str] = field(default_factory=list)
    """Names of the voice profiles used."""
    number: int | None = None
    """itunes:episode: given once, in order of publication, and never changed."""
    chapters_file: str | None = None
    """JSON chapters relative to the output folder (``audio/<slug>.<version>.chapters.json``),
    if any."""
    vtt_file: str | None = None
    """WebVTT transcript relative to the output folder (``audio/<slug>.<version>.vtt``), if
    any."""
    srt_file: str | None = None
    """SRT transcript relative to the output folder (``audio/<slug>.<version>.srt``), if any."""
    paragraphs_file: str | None = None
    """The transcript by paragraph, each sentence with its timing, role and speaker, as JSON
    relative to the output folder (``audio/<slug>.<version>.paragraphs.json``): what the
    episode's page is made from. None for episodes built before the pages were."""
    fingerprint: str = ""
    """Hash of everything the episode was built from; unchanged means no rebuild is needed."""
    source: str = ""
    """What the episode is made from, which identifies it (:mod:`audio_edition.identity`):
    ``file:<path>``, ``id:<declared id>``, ``url:<url>`` or ``edition:<title and members>``.
    Empty for an episode from a manifest written before sources were recorded."""
    categories: list[str] = field(default_factory=list)
    """The article's categories, each an RSS ``category`` of the item."""
    link: str | None = None
    """The article on the web (a fetched page, a feed item's link), shown on the episode's
    page; None for a local file. The feed item's own ``link`` is the episode's page."""

    def files(self) -> list[str]:
        """Returns the paths, relative to the output folder, of the episode's files."""
        return [f for f in (self.audio_file, self.vtt_file, self.srt_file, self.chapters_file,
                            self.paragraphs_file) if f]

    @property
    def page_file(self) -> str:
        """The episode's listening page relative to the output folder (``episodes/<slug>.html``):
        the feed item's link."""
        return f"episodes/{self.slug}.html"

    @property
    def embed_file(self) -> str:
        """The episode's compact player for an ``<iframe>`` (``embed/<slug>.html``)."""
        return f"embed/{self.slug}.html"


class Reporter:
    """Receives progress from the build (:func:`audio_edition.build.build`); the default one says
    nothing. Here, not in the build, so that the command line can define its own without
    importing the build (:func:`audio_edition.workers.start_server`)."""

    def article_started(self, path: Path, utterances: int) -> None:
        """Synthesis of ``path`` begins: ``utterances`` sentences to speak."""

    def utterances_done(self, done: int) -> None:
        """``done`` sentences of the current article are synthesized."""

    def article_finished(self, episode: Episode, rebuilt: bool) -> None:
        """An episode is ready; ``rebuilt`` is False when it was unchanged and skipped."""

    def article_failed(self, error: EditionError) -> None:
        """An article could not be built."""

    def sources_found(self, count: int) -> None:
        """The sources are known (feeds fetched): ``count`` articles or editions to build."""
