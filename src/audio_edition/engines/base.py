"""The interface every TTS engine implements, and the registry of engines."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from audio_edition.model import VoiceProfile


@dataclass
class Audio:
    """Synthesized speech as raw samples."""

    pcm: bytes
    """16-bit signed little-endian mono samples."""
    sample_rate: int
    """Samples per second of ``pcm``."""

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return len(self.pcm) / 2 / self.sample_rate


@dataclass
class EngineVoice:
    """A voice an engine offers, as listed by ``audio-edition voices``."""

    id: str
    """The identifier to put in a voice profile."""
    name: str
    """A human-readable name."""
    languages: list[str]
    """Language codes the voice speaks."""
    gender: str | None = None
    """"male", "female" or None when the engine does not say."""


class Engine(Protocol):
    """A text-to-speech engine.

    ``name`` is what voice profiles put in ``engine =``. ``available()`` returns None when the
    engine can be used, else one line saying what is missing and how to install it.
    """

    name: str

    def available(self) -> str | None: ...

    def version(self) -> str: ...

    def voices(self) -> list[EngineVoice]: ...

    def check_voice(self, voice: VoiceProfile) -> None:
        """Raises ConfigError when ``voice`` names a voice this engine does not have."""

    def synthesize(self, text: str, voice: VoiceProfile) -> Audio:
        """Returns the speech for ``text``; raises SynthesisError when none was produced."""
