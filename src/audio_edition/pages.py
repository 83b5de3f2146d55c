"""The listening site beside the feed: the podcast's page, a page per episode and an embeddable
player, static HTML that any web server can serve.

    index.html                  cover, title, description, how to subscribe, every episode
    episodes/<slug>.html        the player, chapters, the transcript that follows along,
                                downloads and the code to embed the player
    embed/<slug>.html           a compact player for an <iframe>
    assets/audio-edition.css    shared by all pages (with the script, well under 30 KB)
    assets/audio-edition.js

Every page works without JavaScript: the ``<audio>`` element, the chapters and the whole
transcript are in the HTML; the script adds the player's controls, the highlighting of the
sentence being read and the keyboard.

The transcript comes from the script, not from the VTT: :func:`paragraphs` groups the
utterances by the article's paragraphs, each sentence with the seconds it is heard and who
reads it, and the build keeps that beside the MP3 (``<slug>.paragraphs.json``), so the page of
an episode that a build skips can still be written, with new templates too. Episodes built
before that file existed get a transcript made from their VTT cues, one paragraph per speaker.

The pages are Jinja2 templates shipped in ``audio_edition/site/``; a file of the same name in
``templates/`` of the output folder replaces one (the stylesheet and the script too). The
words on the pages come from :mod:`audio_edition.ui_words`, in the episode's language.

A page is only written when its content changes, and always through :mod:`fsutil`, so a build
that fails writes none.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Sequence
from urllib.parse import quote

import jinja2

from audio_edition import fsutil, ui_words
from audio_edition.config import EditionConfig
from audio_edition.config import url as ascii_url
from audio_edition.errors import ConfigError
from audio_edition.feed import feed_url, url_for
from audio_edition.model import BlockKind, Episode, Role, Script, Timing, Utterance
from audio_edition.transcripts import NARRATOR, UNNAMED

log = logging.getLogger(__name__)

INDEX = "index.html"
"""The podcast's page, at the root of the output folder."""
ASSETS_DIR = "assets"
"""Where the stylesheet and the script go."""
PAGE_DIRS = ("episodes", "embed")
"""Folders of the episodes' pages (``<slug>.html``)."""
SITE_DIRS = (*PAGE_DIRS, ASSETS_DIR)
"""Folders of the output that hold nothing but the site."""
_PAGE_NAME = re.compile(r"^[a-z0-9-]+\.html$")
"""The name of an episode's page: its slug (:func:`audio_edition.identity.slugify`)."""
TEMPLATES_DIR = "templates"
"""A folder in the output root whose files replace the shipped templates and assets."""
PACKAGE_SITE = Path(__file__).parent / "site"
"""The shipped templates, stylesheet and script."""
PAGES = ("index.html", "episode.html", "embed.html")
"""The templates the site is rendered from (others are included by them)."""
ASSETS = ("audio-edition.css", "audio-edition.js")
"""The files copied to :data:`ASSETS_DIR`."""
PARAGRAPHS_VERSION = 1
"""Version of the ``<slug>.paragraphs.json`` format."""
SPEEDS = (0.75, 1.0, 1.25, 1.5, 1.75, 2.0)
"""Playback speeds offered."""
EMBED_HEIGHT = 210
"""Pixels the embed snippet's ``<iframe>`` is high."""
SHORT_DESCRIPTION = 220
"""Characters of an episode's description shown in the list of episodes."""


# -- the transcript by paragraph -------------------------------------------------------------------

@dataclass(frozen=True)
class Sentence:
    """One utterance as the page shows it."""

    text: str
    """As written in the article."""
    start: float
    """Seconds from the start of the episode to its first sound."""
    end: float
    """Seconds to its last sound."""


@dataclass(frozen=True)
class Run:
    """Consecutive sentences read by one voice in one role: a quote, or narration."""

    role: str
    """``narrator`` or ``quote``."""
    speaker: str | None
    """Who says a quote: the person, never a pronoun; None for narration and for a quote
    nobody is credited with."""
    sentences: tuple[Sentence, ...]
    """In order."""


@dataclass(frozen=True)
class Paragraph:
    """A block of the article: its kind and what is read of it."""

    kind: str
    """A :class:`~audio_edition.model.BlockKind` value: title, teaser, heading, paragraph,
    list_item or credit."""
    runs: tuple[Run, ...]
    """In order."""


def paragraphs(script: Script, utterances: Sequence[Utterance],
               timings: Sequence[Timing]) -> list[Paragraph]:
    """Returns the episode's transcript grouped by the article's paragraphs.

    ``timings[i]`` is where ``utterances[i]`` is heard. A new paragraph begins wherever the
    block the segments come from changes (in an edition, every article's blocks follow its
    own title); a new run wherever the segment does.
    """
    out: list[Paragraph] = []
    block_key = None
    seg_index = None
    runs: list[Run] = []
    sentences: list[Sentence] = []
    role, speaker, kind = Role.NARRATOR.value, None, BlockKind.PARAGRAPH.value

    def close_run() -> None:
        if sentences:
            runs.append(Run(role, speaker, tuple(sentences)))
            sentences.clear()

    def close_paragraph() -> None:
        close_run()
        if runs:
            out.append(Paragraph(kind, tuple(runs)))
            runs.clear()

    for utt, timing in zip(utterances, timings):
        seg = script.segments[utt.segment].segment
        key = (seg.block, seg.kind)
        if key != block_key:
            close_paragraph()
            block_key = key
            kind = seg.kind.value
        if utt.segment != seg_index:
            close_run()
            seg_index = utt.segment
            role = seg.role.value
            speaker = seg.person if seg.role is Role.QUOTE else None
        sentences.append(Sentence(utt.text, round(timing.start, 3),
                                  round(max(timing.end, timing.start), 3)))
    close_paragraph()
    return out


def paragraphs_json(paras: Sequence[Paragraph]) -> str:
    """Returns ``paras`` as the ``<slug>.paragraphs.json`` document."""
    doc = {"version": PARAGRAPHS_VERSION, "paragraphs": [asdict(p) for p in paras]}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"


def paragraphs_from_json(text: str) -> list[Paragraph]:
    """Returns the paragraphs of a ``<slug>.paragraphs.json`` document.

    Raises ValueError when it is not one (damaged, or another version).
    """
    try:
        doc = json.loads(text)
        if doc.get("version") != PARAGRAPHS_VERSION:
            raise ValueError(f"version {doc.get('version')!r}")
        return [
            Paragraph(str(p["kind"]), tuple(
                Run(str(r["role"]), r["speaker"] if r["speaker"] is None else str(r["speaker"]),
                    tuple(Sentence(str(s["text"]), float(s["start"]), float(s["end"]))
                          for s in r["sentences"]))
                for r in p["runs"]))
            for p in doc["paragraphs"]
        ]
    except (AttributeError, KeyError, TypeError) as exc:
        raise ValueError(f"unexpected structure ({exc})") from None


_CUE_TIME = re.compile(r"^(?:(\d+):)?(\d\d):(\d\d)\.(\d{3})\s+-->\s+(?:(\d+):)?(\d\d):(\d\d)\.(\d{3})")
_VOICE = re.compile(r"^<v(?:\.[^ >]*)?\s+([^>]*)>")


def _seconds(h: str | None, m: str, s: str, ms: str) -> float:
    return int(h or 0) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000


def paragraphs_from_vtt(text: str) -> list[Paragraph]:
    """Returns a transcript made from the cues of one of our WebVTT files, for episodes built
    before ``<slug>.paragraphs.json`` existed: one sentence per cue, one paragraph per speaker
    (their paragraphs are not in the VTT)."""
    cues: list[tuple[str, Sentence]] = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = block.strip().split("\n")
        for n, line in enumerate(lines):
            m = _CUE_TIME.match(line)
            if not m:
                continue
            body = " ".join(lines[n + 1:]).strip()
            voice = _VOICE.match(body)
            speaker = html.unescape(voice.group(1)).strip() if voice else NARRATOR
            body = html.unescape(re.sub(r"<[^>]*>", "", body)).strip()
            if body:
                g = m.groups()
                cues.append((speaker, Sentence(body, _seconds(*g[:4]), _seconds(*g[4:]))))
            break
    out: list[Paragraph] = []
    for speaker, sentence in cues:
        if out and out[-1].runs[0].speaker == _speaker_name(speaker) \
                and out[-1].runs[0].role == _role_of(speaker):
            run = out[-1].runs[0]
            out[-1] = Paragraph(out[-1].kind, (Run(run.role, run.speaker,
                                                    run.sentences + (sentence,)),))
        else:
            out.append(Paragraph(BlockKind.PARAGRAPH.value,
                                 (Run(_role_of(speaker), _speaker_name(speaker), (sentence,)),)))
    return out


def _role_of(vtt_speaker: str) -> str:
    return Role.NARRATOR.value if vtt_speaker == NARRATOR else Role.QUOTE.value


def _speaker_name(vtt_speaker: str) -> str | None:
    return None if vtt_speaker in (NARRATOR, UNNAMED) else vtt_speaker


def load_paragraphs(out_dir: Path, ep: Episode) -> list[Paragraph]:
    """Returns the transcript of ``ep`` by paragraph: from its paragraphs file, else from its
    VTT; empty (with a warning) when neither can be read."""
    for name, parse in ((ep.paragraphs_file, paragraphs_from_json),
                        (ep.vtt_file, paragraphs_from_vtt)):
        if not name:
            continue
        try:
            return parse(fsutil.read_bytes(out_dir / name).decode("utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            log.warning("%s: cannot read the transcript for the episode page: %s",
                        out_dir / name, exc)
    return []


def _chapters(out_dir: Path, ep: Episode) -> list[dict[str, Any]]:
    # The chapters as the JSON chapters file beside the MP3 has them.
    if not ep.chapters_file:
        return []
    try:
        doc = json.loads(fsutil.read_bytes(out_dir / ep.chapters_file))
        return [{"title": str(c["title"]), "start": float(c["startTime"])}
                for c in doc["chapters"]]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("%s: cannot read the chapters for the episode page: %s",
                    out_dir / ep.chapters_file, exc)
        return []


# -- what the templates show ---------------------------------------------------------------------

def clock(seconds: float) -> str:
    """Returns ``seconds`` as a clock reading: ``4:05``, ``1:02:03``."""
    s = max(0, int(seconds))
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def iso_duration(seconds: float) -> str:
    """Returns ``seconds`` as an ISO 8601 duration for ``<time datetime>`` (``PT4M5S``)."""
    s = max(0, int(round(seconds)))
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return "PT" + (f"{h}H" if h else "") + (f"{m}M" if m else "") + f"{s}S"


def short(text: str, limit: int = SHORT_DESCRIPTION) -> str:
    """Returns ``text`` cut at a word to at most ``limit`` characters, with ``…`` if cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def app_links(feed: str, title: str) -> list[tuple[str, str]]:
    """Returns (app, link) pairs that open ``feed`` in the usual podcast apps, as each app
    documents it: Apple Podcasts' ``podcast:`` scheme, Overcast's x-callback-url, Pocket
    Casts' ``pktc:`` scheme, AntennaPod's subscribe deep link and gPodder's ``gpodder:``
    scheme."""
    bare = re.sub(r"^https?://", "", feed)
    enc = quote(feed, safe="")
    return [
        ("Apple Podcasts", f"podcast://{bare}"),
        ("Overcast", f"overcast://x-callback-url/add?url={enc}"),
        ("Pocket Casts", f"pktc://subscribe/{bare}"),
        ("AntennaPod",
         f"https://antennapod.org/deeplink/subscribe?url={enc}&title={quote(title, safe='')}"),
        ("gPodder", f"gpodder:{feed}"),
    ]


def _href(relative: str, depth: int) -> str:
    # A link from a page ``depth`` folders below the root to a file of the output folder.
    return "../" * depth + quote(relative)


def _transcript_view(paras: Sequence[Paragraph]) -> list[dict[str, Any]]:
    """Returns the paragraphs with the element each is shown as and, for each quote, whether
    its speaker is named in front of it (not again for the next quote of the same person in
    the same paragraph)."""
    later_titles = any(p.kind == BlockKind.TITLE.value for p in paras[1:])
    out = []
    for n, p in enumerate(paras):
        if p.kind == BlockKind.TITLE.value:
            tag = "p" if n == 0 else "h3"  # the first is the page's own heading
        elif p.kind == BlockKind.HEADING.value:
            tag = "h4" if later_titles else "h3"
        else:
            tag = "p"
        runs, last = [], None
        for run in p.runs:
            named = run.role == Role.QUOTE.value and run.speaker is not None \
                and run.speaker != last
            if run.role == Role.QUOTE.value:
                last = run.speaker
            runs.append({"role": run.role, "speaker": run.speaker, "named": named,
                         "sentences": run.sentences})
        out.append({"kind": p.kind, "tag": tag, "runs": runs})
    return out


# -- the site ------------------------------------------------------------------------------------

class Site:
    """The templates and assets of one output folder, ready to render its pages.

    Made before anything is synthesized, so that a broken template in ``templates/`` fails the
    build at once. Raises ConfigError naming the template and the line of a syntax error.
    """

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.overrides = out_dir / TEMPLATES_DIR
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(self.overrides),
                                        jinja2.FileSystemLoader(PACKAGE_SITE)]),
            autoescape=jinja2.select_autoescape(["html"]),
            undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
            keep_trailing_newline=True)
        self.env.filters["clock"] = clock
        self.env.filters["iso_duration"] = iso_duration
        self.templates = {name: self._compile(name) for name in PAGES}
        self.assets = {name: self._asset(name) for name in ASSETS}

    def _where(self, name: str) -> Path:
        own = self.overrides / name
        return own if own.is_file() else PACKAGE_SITE / name

    def _compile(self, name: str) -> jinja2.Template:
        try:
            return self.env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            where = Path(exc.filename) if exc.filename else self._where(name)
            raise ConfigError(f"line {exc.lineno}: {exc.message}", where) from None
        except jinja2.TemplateError as exc:
            raise ConfigError(f"template {name}: {exc}", self._where(name)) from None

    def _asset(self, name: str) -> bytes:
        path = self._where(name)
        try:
            return path.read_bytes()
        except OSError as exc:
            raise ConfigError(f"cannot read: {exc.strerror or exc}", path) from None

    def _render(self, name: str, **context: Any) -> bytes:
        try:
            return self.templates[name].render(**context).encode("utf-8")
        except jinja2.TemplateError as exc:
            raise ConfigError(f"{exc}", self._where(name)) from None

    def write(self, config: EditionConfig, episodes: Sequence[Episode], cover: str) -> Path:
        """Writes the podcast's page and every episode's pages (``episodes``: newest first),
        each only when its content changed, and removes the pages of episodes not among them;
        returns the path of ``index.html``.

        ``cover`` is the cover's path relative to the output folder. Raises ConfigError when a
        template fails.
        """
        versions = {}
        for name, data in self.assets.items():
            _write_if_changed(self.out_dir / ASSETS_DIR / name, data)
            versions[name] = hashlib.sha256(data).hexdigest()[:10]
        feed = feed_url(config)
        podcast = {"title": config.title, "description": config.description,
                   "author": config.author, "feed": feed, "cover": cover,
                   "cover_url": url_for(config, cover),
                   "link": config.link, "lang": config.language}

        def common(depth: int, lang: str) -> dict[str, Any]:
            return {
                "podcast": podcast, "lang": lang, "w": SimpleNamespace(**ui_words.words(lang)),
                "href": lambda rel: _href(rel, depth),
                "asset": lambda name: f"{_href(f'{ASSETS_DIR}/{name}', depth)}"
                                      f"?v={versions[name]}",
            }

        listing = []
        for ep in episodes:
            view = self._episode_view(config, ep)
            listing.append(view)
            episode_page = self._render("episode.html", ep=view, speeds=SPEEDS,
                                        **common(1, ep.lang))
            _write_if_changed(self.out_dir / ep.page_file, episode_page)
            embed_page = self._render("embed.html", ep=view, speeds=SPEEDS,
                                      **common(1, ep.lang))
            _write_if_changed(self.out_dir / ep.embed_file, embed_page)
        index = self._render("index.html", episodes=listing,
                             apps=app_links(feed, config.title), **common(0, config.language))
        _write_if_changed(self.out_dir / INDEX, index)
        self._retire_pages({f for ep in episodes for f in (ep.page_file, ep.embed_file)})
        return self.out_dir / INDEX

    def _retire_pages(self, keep: set[str]) -> None:
        """Removes the pages of episodes no longer listed (taken out of the manifest), whose
        files the build retires, when the build commits: such a page would play nothing. Only
        names an episode's page can have are touched."""
        for folder in PAGE_DIRS:
            where = self.out_dir / folder
            for path in sorted(where.iterdir()) if where.is_dir() else ():
                if _PAGE_NAME.match(path.name) and f"{folder}/{path.name}" not in keep:
                    fsutil.remove_on_commit(path)

    def _episode_view(self, config: EditionConfig, ep: Episode) -> dict[str, Any]:
        duration = max(ep.duration, 0.001)
        chapters = [dict(c, pct=round(min(100.0, 100 * c["start"] / duration), 3))
                    for c in _chapters(self.out_dir, ep)]
        embed_url = url_for(config, ep.embed_file)
        snippet = (f'<iframe src="{html.escape(embed_url)}" title="{html.escape(ep.title)}" '
                   f'width="100%" height="{EMBED_HEIGHT}" style="border:0" loading="lazy">'
                   f'</iframe>')
        paras = load_paragraphs(self.out_dir, ep)
        return {
            "slug": ep.slug, "title": ep.title, "description": ep.description,
            "short": short(ep.description), "lang": ep.lang, "author": ep.author,
            "date": ui_words.long_date(ep.pub_date, ep.lang),
            "date_iso": ep.pub_date.date().isoformat(), "duration": ep.duration,
            "page": ep.page_file, "audio": ep.audio_file, "vtt": ep.vtt_file,
            "srt": ep.srt_file, "chapters_file": ep.chapters_file, "chapters": chapters,
            "size_mb": ui_words.megabytes(ep.size, ep.lang),
            "paragraphs": _transcript_view(paras), "page_url": url_for(config, ep.page_file),
            "embed_url": embed_url, "snippet": snippet,
            "date_in_index": ui_words.long_date(ep.pub_date, config.language),
            "article_url": _web_link(ep.link),
        }


def _web_link(link: str | None) -> str | None:
    """Returns the article's own address as a link may carry it (ASCII, http or https only),
    or None."""
    if not link:
        return None
    try:
        url = ascii_url(link)
    except ValueError:
        return None
    return url if url.lower().startswith(("http://", "https://")) else None


def _write_if_changed(target: Path, data: bytes) -> None:
    # An unchanged page keeps its file, its time and what caches know of it.
    try:
        if fsutil.read_bytes(target) == data:
            return
    except OSError:
        pass
    fsutil.atomic_write(target, data)


__all__ = ["ASSETS", "ASSETS_DIR", "INDEX", "PAGES", "PAGE_DIRS", "Paragraph", "Run", "SITE_DIRS",
           "Sentence", "Site", "TEMPLATES_DIR", "app_links", "clock", "iso_duration",
           "load_paragraphs", "paragraphs", "paragraphs_from_json", "paragraphs_from_vtt",
           "paragraphs_json", "short"]
