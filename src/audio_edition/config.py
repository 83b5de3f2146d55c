"""Loading and validating ``edition.toml`` and the voice profiles in ``voices/``.

Like mkdocs' config options, every setting is declared once with its type, default and check.
All problems of a file are collected and reported together, each naming the key and quoting the
bad value; unknown keys are warned about, not fatal.
"""

from __future__ import annotations

import logging
import re
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from audio_edition import options, paths
from audio_edition.errors import ConfigError
from audio_edition.model import VoiceProfile
# the checks every settings file needs (options), by the short names the declarations use
from audio_edition.options import boolean as _bool
from audio_edition.options import nonempty as _nonempty
from audio_edition.options import number as _number
from audio_edition.options import setting
from audio_edition.options import text as _text

log = logging.getLogger(__name__)

EDITION_FILE = "edition.toml"

APPLE_CATEGORIES: dict[str, tuple[str, ...]] = {
    "Arts": ("Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"),
    "Business": ("Careers", "Entrepreneurship", "Investing", "Management", "Marketing",
                 "Non-Profit"),
    "Comedy": ("Comedy Interviews", "Improv", "Stand-Up"),
    "Education": ("Courses", "How To", "Language Learning", "Self-Improvement"),
    "Fiction": ("Comedy Fiction", "Drama", "Science Fiction"),
    "Government": (),
    "History": (),
    "Health & Fitness": ("Alternative Health", "Fitness", "Medicine", "Mental Health",
                         "Nutrition", "Sexuality"),
    "Kids & Family": ("Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"),
    "Leisure": ("Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies",
                "Home & Garden", "Video Games"),
    "Music": ("Music Commentary", "Music History", "Music Interviews"),
    "News": ("Business News", "Daily News", "Entertainment News", "News Commentary", "Politics",
             "Sports News", "Tech News"),
    "Religion & Spirituality": ("Buddhism", "Christianity", "Hinduism", "Islam", "Judaism",
                                "Religion", "Spirituality"),
    "Science": ("Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics",
                "Natural Sciences", "Nature", "Physics", "Social Sciences"),
    "Society & Culture": ("Documentary", "Personal Journals", "Philosophy", "Places & Travel",
                          "Relationships"),
    "Sports": ("Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf",
               "Hockey", "Rugby", "Running", "Soccer", "Swimming", "Tennis", "Volleyball",
               "Wilderness", "Wrestling"),
    "Technology": (),
    "True Crime": (),
    "TV & Film": ("After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"),
}
"""Apple Podcasts categories and their subcategories."""

_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")


def load_toml(path: Path) -> dict[str, Any]:
    """Returns the parsed TOML file; raises ConfigError with the line of a syntax error."""
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", path) from None
    except UnicodeDecodeError:
        raise ConfigError("not UTF-8 text", path) from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror or exc}", path) from None


# -- checks: each returns the cleaned value or raises ValueError with what was expected --------

def _email(v: Any) -> str:
    v = _text(v)
    if v and not _EMAIL.match(v):
        raise ValueError("expected an email address")
    return v


def _lang(v: Any) -> str:
    v = _text(v)
    if not _LANG.match(v):
        raise ValueError("expected a language code such as 'de' or 'en-US'")
    return v


def url(v: Any) -> str:
    """Returns ``v`` as an absolute http(s) URL in ASCII: a non-ASCII host in IDNA, anything
    else non-ASCII (or not allowed in a URL) percent-encoded. Raises ValueError otherwise."""
    v = _text(v)
    parts = urlsplit(v)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname \
            or any(c.isspace() for c in v):
        raise ValueError("expected an absolute http:// or https:// URL")
    try:
        port = parts.port
    except ValueError:
        raise ValueError("expected an absolute http:// or https:// URL with a port number "
                         "after ':'") from None
    try:
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError:
        raise ValueError("expected an absolute http:// or https:// URL with a valid host "
                         "name") from None
    netloc = (f"[{host}]" if ":" in host else host) + (f":{port}" if port is not None else "")
    userinfo = parts.netloc.rpartition("@")[0]
    if userinfo:
        netloc = quote(_ESCAPE.sub("%25", userinfo), safe="%:!$&'()*+,;=-._~") + "@" + netloc
    return urlunsplit((parts.scheme.lower(), netloc, _encode(parts.path or "/"),
                       _encode(parts.query), _encode(parts.fragment)))


_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def _encode(part: str) -> str:
    # Percent-encodes what a URL may not hold as it is; an existing %XX escape stays.
    return quote(_ESCAPE.sub("%25", part), safe="/%:@!$&'()*+,;=-._~?")


def base_url(v: Any) -> str:
    """Returns ``v`` as the URL the output folder is served at: an absolute http(s) URL in
    ASCII (see :func:`url`) without a query or fragment, ending in ``/``. Raises ValueError
    otherwise."""
    given = _text(v)
    v = url(given)
    if "?" in given or "#" in given:
        raise ValueError("expected a URL the files' paths can be added to, without a query "
                         "(?...) or fragment (#...),")
    return v if v.endswith("/") else v + "/"


def _category(v: Any) -> str:
    v = _text(v)
    main, _, sub = (p.strip() for p in v.partition("/"))
    if main not in APPLE_CATEGORIES:
        raise ValueError(f"expected one of {', '.join(APPLE_CATEGORIES)}")
    if sub and sub not in APPLE_CATEGORIES[main]:
        raise ValueError(f"expected {main} / one of {', '.join(APPLE_CATEGORIES[main])}")
    return f"{main} / {sub}" if sub else main


def _show_type(v: Any) -> str:
    v = _text(v)
    if v not in ("episodic", "serial"):
        raise ValueError("expected 'episodic' or 'serial'")
    return v


def _episode_type(v: Any) -> str:
    v = _text(v)
    if v not in ("full", "trailer", "bonus"):
        raise ValueError("expected 'full', 'trailer' or 'bonus'")
    return v


def _season(v: Any) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or v < 1:
        raise ValueError("expected a whole number from 1")
    return v


def _uuid(v: Any) -> str:
    v = _text(v)
    try:
        return str(uuid.UUID(v))
    except ValueError:
        raise ValueError("expected a UUID such as 'ead4c236-bf58-58c6-a2c6-a6b28d128cb6'") from None


def _table(v: Any) -> dict:
    raise ValueError("expected a table ([episode] with type, explicit, season)")


def _path(v: Any) -> str:
    v = _text(v)
    if not v:
        raise ValueError("expected a file path")
    return v


@dataclass
class EditionConfig:
    """The podcast's settings, from ``edition.toml`` at the output root and the CLI.

    Each setting is declared once, here: its type, its default, the check a value must pass
    (:func:`setting`) and, below it, its docstring. The keys ``edition.toml`` accepts, their
    checks and the error messages all come from these declarations."""

    title: str = setting("audio-edition", _nonempty)
    """Podcast title (channel title, ID3 TALB)."""
    description: str = setting("Articles read aloud, produced offline with audio-edition.",
                               _nonempty)
    """Channel description."""
    author: str = setting("audio-edition", _nonempty)
    """itunes:author, and TPE1 when an article names no author."""
    owner_name: str = setting("", _text)
    """itunes:owner name; the author when empty."""
    owner_email: str = setting("", _email)
    """itunes:owner email."""
    language: str = setting("de", _lang)
    """Channel language; episodes carry their own."""
    category: str = setting("News", _category)
    """An Apple Podcasts category, optionally 'Main / Sub'."""
    explicit: bool = setting(False, _bool)
    """itunes:explicit."""
    show_type: str = setting("episodic", _show_type)
    """itunes:type: 'episodic' or 'serial'."""
    cover: str = setting("", _path)
    """Cover image path, relative to the output folder; generated when empty."""
    base_url: str = setting("", base_url)
    """Absolute URL the output folder is served at; enclosure URLs start with it."""
    link: str = setting("", url)
    """The website the podcast belongs to; base_url when empty."""
    copyright: str = setting("", _text)
    """Channel copyright line."""
    guid: str = setting("", _uuid)
    """podcast:guid; empty: the UUIDv5 of the feed URL. Set it to keep the podcast's identity
    when the feed moves to another address."""
    locked: bool = setting(True, _bool)
    """podcast:locked: whether other hosting platforms must refuse to import the feed."""
    episode_type: str = setting("full", _episode_type, key="episode.type")
    """``[episode] type``: itunes:episodeType of every episode: full, trailer or bonus."""
    episode_explicit: bool | None = setting(None, _bool, key="episode.explicit")
    """``[episode] explicit``: itunes:explicit of every episode; the channel's when unset."""
    episode_season: int | None = setting(None, _season, key="episode.season")
    """``[episode] season``: itunes:season of every episode; none when unset."""
    loudness: float = setting(-16.0, _number(-36, -6))
    """Target integrated loudness of each episode, in LUFS."""
    intro: str = setting("", _text)
    """Jingle played before each episode (audio file, relative to the output folder)."""
    outro: str = setting("", _text)
    """Jingle played after each episode."""
    bed: str = setting("", _text)
    """Music under the spoken intro (headline and teaser, or an edition's intro)."""
    bed_level: float = setting(-16.0, _number(-40, 0))
    """dB of the music bed under speech, relative to the speech."""
    bed_open: float = setting(-6.0, _number(-40, 0))
    """dB of the music bed between words, relative to the speech."""
    true_peak: float = setting(-1.0, _number(-12, 0))
    """Highest true peak allowed, in dBTP."""

    path: Path | None = field(default=None, repr=False)
    """The file these settings came from, or None for defaults."""


def _edition_settings() -> dict[str, tuple[str, options.Check]]:
    """Returns each key ``edition.toml`` accepts with its field and check, from the
    declarations of :class:`EditionConfig`."""
    return {k: (f.name, f.metadata["check"]) for k, f in options.declared(EditionConfig).items()}


def load_edition(out_dir: Path, overrides: dict[str, Any] | None = None) -> EditionConfig:
    """Returns the settings from ``out_dir/edition.toml`` (if present) with ``overrides`` on top.

    Overrides whose value is None are ignored, so CLI flags override only when given.
    The ``[episode]`` table holds the defaults of every episode; its keys are named
    ``episode.<key>`` in messages. Raises ConfigError listing every bad key with its value,
    each named by where it came from: ``edition.toml: key: ...`` for the file, ``--key: ...``
    for an override (a command-line flag).
    """
    path = out_dir / EDITION_FILE
    raw: dict[str, Any] = load_toml(path) if path.is_file() else {}
    if isinstance(raw.get("episode"), dict):
        raw = {**{k: v for k, v in raw.items() if k != "episode"},
               **{f"episode.{k}": v for k, v in raw["episode"].items()}}
    source = path if path.is_file() else None
    given = {k: v for k, v in (overrides or {}).items() if v is not None}
    merged = {**raw, **given}
    values, in_file, in_flags = {}, [], []
    settings = _edition_settings()
    for key, value in merged.items():
        if key == "episode":  # a value that is not a table: [episode] is flattened above
            try:
                _table(value)
            except ValueError as exc:
                in_file.append(f"episode: {exc} but got {value!r}")
            continue
        if key not in settings:
            log.warning("%s: unknown key %r ignored", path, key)
            continue
        name, check = settings[key]
        try:
            values[name] = check(value)
        except ValueError as exc:
            if key in given:
                in_flags.append(f"--{key.replace('_', '-')}: {exc} but got {value!r}")
            else:
                in_file.append(f"{key}: {exc} but got {value!r}")
    if in_flags:  # the file's problems follow, named with the file
        raise ConfigError("; ".join(in_flags + [f"{path}: {p}" for p in in_file]))
    if in_file:
        raise ConfigError("; ".join(in_file), source)
    return EditionConfig(path=source, **values)


# -- voices --------------------------------------------------------------------------------------

@dataclass
class LanguageVoices:
    """The voices of one language: a file ``voices/<lang>.toml``, whose settings outside its
    ``[voice.<name>]`` and ``[speakers]`` tables are declared here with their checks."""

    lang: str = setting(check=_lang)
    """Language code (``de``, ``en-GB``); the voices serve articles of its base language
    (kept here as the ISO 639-1 code)."""
    narrator: VoiceProfile
    """Reads everything that is not a quote."""
    quotes: list[VoiceProfile]
    """The pool quote voices are drawn from, in order."""
    speakers: dict[str, str] = field(default_factory=dict)
    """Speaker name -> voice profile name, for people who always get the same voice."""
    prefer_installed: bool = setting(False, _bool)
    """Whether installed neural voices of the language come before these profiles (the
    file's ``prefer_installed = true``; see :mod:`audio_edition.voices`), or these profiles
    are used exactly as written."""


@dataclass
class VoiceBook:
    """Every voice profile found in a ``voices/`` folder."""

    root: Path
    """The folder."""
    languages: dict[str, LanguageVoices]
    """Language code -> its voices."""
    identity: str = ""
    """What the voices depend on besides the files in :attr:`root` (the installed voices they
    were chosen from), for the build's fingerprint of its settings."""
    cast: Callable[[LanguageVoices], LanguageVoices] | None = field(
        default=None, repr=False, compare=False)
    """Applied to the voices generated for a language without a file: puts the installed
    neural voices first (see :func:`audio_edition.voices.load`)."""

    def for_lang(self, lang: str) -> LanguageVoices:
        """Returns the voices of ``lang``: its profiles, else profiles generated from the voices
        espeak-ng has for it (see :mod:`audio_edition.voicegen`).

        Raises ConfigError when no installed engine speaks the language.
        """
        from audio_edition import languages

        code = languages.base_code(lang)
        if code not in self.languages:
            generated = self.generate(code)
            if generated is None:
                known = ", ".join(sorted(self.languages)) or "none"
                raise ConfigError(f"no installed engine speaks language {lang!r} (no voices/"
                                  f"{code}.toml and no espeak-ng voice; profiles exist for: "
                                  f"{known})", self.root)
            if self.cast is not None:
                generated = self.cast(generated)
            self.languages[code] = generated
        return self.languages[code]

    def generate(self, code: str) -> LanguageVoices | None:
        """Returns generated voices for ``code``, or None when espeak-ng does not speak it.
        They use the silent engine when every profile of the folder does (test folders), and
        prefer installed neural voices when a file of the folder does."""
        from audio_edition import voicegen

        engines = {v.engine for lv in self.languages.values() for v in [lv.narrator, *lv.quotes]}
        profiles = voicegen.generated_profiles(code, "silent" if engines == {"silent"} else "pyttsx3")
        if not profiles:
            return None
        prefer = any(lv.prefer_installed for lv in self.languages.values())
        return LanguageVoices(code, profiles[0], profiles[1:], {}, prefer)

    def speakable(self) -> list[str]:
        """Returns every language code that can be spoken: with profiles or generated ones."""
        from audio_edition import voicegen

        return sorted(set(self.languages) | set(voicegen.espeak_voices()))

    def profile(self, name: str) -> VoiceProfile:
        """Returns the profile called ``name``; raises ConfigError when there is none."""
        for lv in self.languages.values():
            for v in [lv.narrator, *lv.quotes]:
                if v.name == name:
                    return v
        raise ConfigError(f"unknown voice {name!r}", self.root)


def _role(v: Any) -> str:
    if v not in ("narrator", "quote"):
        raise ValueError("expected 'narrator' or 'quote'")
    return v


def _voice_keys() -> dict[str, tuple[str, options.Check]]:
    """Returns each key a ``[voice.<name>]`` table accepts with the field it sets and its check:
    ``role``, which says where the profile goes, and the settings :class:`VoiceProfile`
    declares (``id`` for ``voice_id``)."""
    return {"role": ("role", _role),
            **{k: (f.name, f.metadata["check"]) for k, f in options.declared(VoiceProfile).items()}}


def _piper_model(voice_id: str, root: Path) -> str:
    # A model named relative to this voices folder is pinned to an absolute path here, so that
    # --voices DIR and the worker processes (whose working folder may differ) find it.
    from audio_edition.engines.piper_engine import resolve_model

    try:
        return str(resolve_model(voice_id, root))
    except ConfigError:
        return voice_id  # the engine reports it, with the places it searched, when used


def _voice_file(path: Path, root: Path) -> LanguageVoices:
    """Returns the voices of one voice profile file; raises ConfigError naming the file."""
    from audio_edition.engines import ENGINE_NAMES

    data = load_toml(path)
    problems: list[str] = []
    settings = {}
    for key, declared in options.declared(LanguageVoices).items():
        if key not in data and key not in options.required(LanguageVoices):
            settings[declared.name] = declared.default
            continue
        try:
            settings[declared.name] = declared.metadata["check"](data.get(key, ""))
        except ValueError as exc:
            problems.append(f"{key}: {exc} but got {data.get(key)!r}")
    lang, prefer_installed = settings.get("lang", ""), settings.get("prefer_installed", False)
    narrator, quotes = None, []
    keys = _voice_keys()
    voices = data.get("voice", {})
    if not isinstance(voices, dict):
        raise ConfigError(f"voice: expected tables such as [voice.narrator] but got "
                          f"{voices!r}"[:300], path)
    for name, spec in voices.items():
        if not isinstance(spec, dict):
            problems.append(f"voice.{name}: expected a table")
            continue
        values = {}
        for key, value in spec.items():
            if key not in keys:
                problems.append(f"voice.{name}.{key}: unknown key")
                continue
            field_name, check = keys[key]
            try:
                values[field_name] = check(value)
            except ValueError as exc:
                problems.append(f"voice.{name}.{key}: {exc} but got {value!r}")
        for required in ("role", *options.required(VoiceProfile)):
            if required not in spec:
                problems.append(f"voice.{name}: missing {required!r}")
        if values.get("engine") and values["engine"] not in ENGINE_NAMES:
            problems.append(
                f"voice.{name}.engine: expected one of {', '.join(ENGINE_NAMES)} "
                f"but got {values['engine']!r}"
            )
        if problems:
            continue
        role = values.pop("role")
        if values["engine"] == "piper":
            values["voice_id"] = _piper_model(values["voice_id"], root)
        # what the file leaves out keeps VoiceProfile's default
        profile = VoiceProfile(name=name, lang=lang, **values)
        if role == "narrator":
            if narrator is not None:
                problems.append(f"voice.{name}: a second narrator (first: {narrator.name})")
            narrator = profile
        else:
            quotes.append(profile)
    if narrator is None and not problems:
        problems.append("no voice with role = 'narrator'")
    if not quotes and not problems:
        problems.append("no voice with role = 'quote'")
    speakers = data.get("speakers", {})
    if not isinstance(speakers, dict):
        raise ConfigError(f"speakers: expected a table of name = voice but got "
                          f"{speakers!r}"[:300], path)
    names = {q.name for q in quotes}
    for person, voice in speakers.items():
        # with installed voices first, a person may be pinned to one of them, checked when
        # they are known (audio_edition.voices)
        if not isinstance(voice, str) or (voice not in names and not prefer_installed):
            problems.append(f"speakers.{person}: expected one of {', '.join(sorted(names))} but got {voice!r}")
    if problems:
        raise ConfigError("; ".join(problems), path)
    from audio_edition import languages

    # the book is looked up by base code: "en-GB" voices serve "en" articles
    return LanguageVoices(languages.base_code(lang), narrator, quotes, dict(speakers),
                          prefer_installed)


def load_voices(root: Path | None = None) -> VoiceBook:
    """Returns the voice profiles of every ``*.toml`` file directly in ``root``.

    Raises ConfigError naming the file, voice and key of every problem found.
    """
    root = root or paths.default_voices_dir()
    if not root.is_dir():
        raise ConfigError("voices folder not found", root)
    languages: dict[str, LanguageVoices] = {}
    for path in sorted(root.glob("*.toml")):
        try:
            voices = _voice_file(path, root)
        except ConfigError:
            raise
        except Exception as exc:  # a value of a type no check foresaw: still one line
            log.debug("%s: unexpected error", path, exc_info=True)
            raise ConfigError(f"unexpected {type(exc).__name__}: {exc}", path) from exc
        if voices.lang in languages:
            raise ConfigError(f"lang: {voices.lang!r} is already defined by another file", path)
        languages[voices.lang] = voices
    if not languages:
        raise ConfigError("no voice profiles (*.toml) found", root)
    return VoiceBook(root=root, languages=languages)


def edition_fields() -> list[str]:
    """Returns the names of the settings ``edition.toml`` accepts (``episode.type`` for the
    ``type`` key of the ``[episode]`` table)."""
    return list(_edition_settings())


def settings_reference() -> str:
    """Returns docs/SETTINGS.md: a table of every setting of ``edition.toml`` and of a voices
    file ``voices/<lang>.toml`` and its voice tables, with its type, default and meaning, from the declarations
    (``docs/settings.py`` writes it; tests/test_config.py checks that it is current)."""
    from audio_edition.engines import ENGINE_NAMES

    return "".join([
        "# Settings\n\n",
        "Generated from the declarations (`EditionConfig` and `LanguageVoices` in\n"
        "`src/audio_edition/config.py`, `VoiceProfile` in `src/audio_edition/model.py`) by\n"
        "`docs/settings.py`: do not edit.\n\n",
        f"## `{EDITION_FILE}`\n\n",
        "At the root of the output folder. `--base-url` and `--title` override the file.\n\n",
        options.reference(EditionConfig),
        "\nThe `[episode]` table holds the defaults of every episode:\n\n",
        options.reference(EditionConfig, table="episode"),
        "\n## `voices/<lang>.toml`\n\n",
        "A file holds these settings, one `[voice.<name>]` table per voice profile and,\n"
        "optionally, `[speakers]` (a person's name = the quote voice that always reads them):\n\n",
        options.reference(LanguageVoices),
        "\nA voice table has `role` (`\"narrator\"` or `\"quote\"`; one narrator, one or more\n"
        f"quote voices) and these keys; the engines are {', '.join(ENGINE_NAMES)}:\n\n",
        options.reference(VoiceProfile),
    ])
