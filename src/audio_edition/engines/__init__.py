"""TTS engines, looked up by the name a voice profile gives in ``engine =``."""

from __future__ import annotations

from audio_edition.engines.base import Audio, Engine, EngineVoice
from audio_edition.errors import ConfigError

ENGINE_NAMES = ("pyttsx3", "piper", "silent")
"""Every engine audio-edition knows, whether or not it works on this machine."""


def voice_identity(voice) -> str:
    """Returns what identifies the model behind ``voice`` beyond its profile (Piper: the digest
    of the model file), or "" for engines whose voices come with their version."""
    engine = get_engine(voice.engine)
    identity = getattr(engine, "voice_identity", None)
    return identity(voice) if identity is not None else ""


def get_engine(name: str) -> Engine:
    """Returns the process-wide instance of engine ``name``.

    Raises ConfigError for a name audio-edition does not know.
    """
    if name == "pyttsx3":
        from audio_edition.engines.pyttsx_engine import get_engine as _get

        return _get()
    if name == "silent":
        from audio_edition.engines.silent import SilentEngine

        return _cached(name, SilentEngine)
    if name == "piper":
        try:
            from audio_edition.engines.piper_engine import PiperEngine
        except ImportError as exc:
            return _cached(name, lambda: _Unavailable(name, f"cannot load: {exc}"))
        return _cached(name, PiperEngine)
    raise ConfigError(f"unknown engine {name!r} (expected one of {', '.join(ENGINE_NAMES)})")


def started() -> bool:
    """Whether an engine with native state of its own has started in this process: espeak
    (which can be initialised only once per process) or Piper (an ONNX session and its
    threads). A process forked after that would inherit the state half-copied."""
    import sys

    pyttsx = sys.modules.get("audio_edition.engines.pyttsx_engine")  # not imported: not started
    return (pyttsx is not None and pyttsx.started()) or "piper" in _instances


class _Unavailable:
    """Stands in for an engine whose module cannot be imported, saying why."""

    def __init__(self, name: str, why: str) -> None:
        self.name = name
        self._why = why

    def available(self) -> str | None:
        return self._why

    def version(self) -> str:
        return "unavailable"

    def voices(self) -> list[EngineVoice]:
        return []

    def check_voice(self, voice) -> None:
        raise ConfigError(f"voice {voice.name}: engine {self.name} unavailable: {self._why}")

    def synthesize(self, text: str, voice) -> Audio:
        raise ConfigError(f"voice {voice.name}: engine {self.name} unavailable: {self._why}")


_instances: dict[str, Engine] = {}


def _cached(name: str, factory) -> Engine:
    if name not in _instances:
        _instances[name] = factory()
    return _instances[name]


__all__ = ["Audio", "ENGINE_NAMES", "Engine", "EngineVoice", "get_engine", "voice_identity"]
