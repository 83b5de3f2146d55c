"""Where audio-edition finds and keeps things: the voice profiles, the cache, installed voices
(the XDG base directory specification).

A leaf module: it imports nothing of the package, so that config, the engines, the cache and the
commands can all ask it without importing each other.
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "audio-edition"
"""The folder name under each base directory."""


def _base(variable: str, fallback: str) -> Path:
    # The specification says a relative path in the variable is invalid and to be ignored.
    value = os.environ.get(variable, "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path(os.path.expanduser("~")) / fallback


def data_dir() -> Path:
    """Returns ``$XDG_DATA_HOME/audio-edition``, or ``~/.local/share/audio-edition``."""
    return _base("XDG_DATA_HOME", ".local/share") / APP


def cache_dir() -> Path:
    """Returns ``$XDG_CACHE_HOME/audio-edition``, or ``~/.cache/audio-edition``."""
    return _base("XDG_CACHE_HOME", ".cache") / APP


def default_voices_dir() -> Path:
    """Returns the voice profiles' folder: ``./voices`` if it exists, else the voices shipped
    with the package."""
    here = Path.cwd() / "voices"
    if here.is_dir():
        return here
    packaged = Path(__file__).parent / "voices"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "voices"  # a source checkout


def installed_voices_dir() -> Path:
    """Returns the folder ``audio-edition voices install`` puts voices in by default:
    ``$XDG_DATA_HOME/audio-edition/voices``. It need not exist."""
    return data_dir() / "voices"


__all__ = ["APP", "cache_dir", "data_dir", "default_voices_dir", "installed_voices_dir"]
