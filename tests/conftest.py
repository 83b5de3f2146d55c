"""Shared fixtures: our own small articles, and voices for the fast silent engine."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent


def shared_dir() -> Path | None:
    """The folder shared between the projects (a quote scorer, labelled German news; CC
    BY-NC-SA, read where it lies and never copied into the project): ``$AUDIO_EDITION_SHARED``,
    else a ``shared`` folder beside the repository or beside any folder above it; None when
    there is none, and the tests that need it skip saying so."""
    if os.environ.get("AUDIO_EDITION_SHARED"):
        return Path(os.environ["AUDIO_EDITION_SHARED"])
    for folder in ROOT.resolve().parents:
        if (folder / "shared").is_dir():
            return folder / "shared"
    return None


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Every test gets its own segment cache, so none reads what another synthesized; and its
    own (empty) folder of installed voices, so that none hears the voices installed on this
    machine. The voice catalogue points at a closed port: no test reaches the internet."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data")))
    monkeypatch.delenv("AUDIO_EDITION_PIPER_VOICES", raising=False)
    monkeypatch.setenv("AUDIO_EDITION_VOICE_URL", "http://127.0.0.1:9/")


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def silent_voices() -> Path:
    """A voices/ folder whose profiles use the silent engine (no TTS needed)."""
    return FIXTURES / "voices-silent"


@pytest.fixture
def espeak_voices(tmp_path_factory) -> Path:
    """The shipped voices/ folder as espeak-ng alone speaks it: its files without
    ``prefer_installed``, so that the neural voices installed with the tests (the joe package)
    do not narrate. For tests whose point is espeak-ng's own behaviour."""
    folder = tmp_path_factory.mktemp("voices-espeak")
    for toml in (ROOT / "voices").glob("*.toml"):
        text = toml.read_text(encoding="utf-8")
        (folder / toml.name).write_text(text.replace("prefer_installed = true", ""),
                                        encoding="utf-8")
    return folder


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A temporary folder holding copies of the fixture articles, as mediafile's tests do."""
    for name in ("kurz.txt", "short.md", "page.html"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    return tmp_path


def episode_file(out: Path, slug: str, key: str = "audio_file") -> Path:
    """Returns the file of the episode ``slug`` that the manifest in ``out`` names (the MP3 by
    default; ``vtt_file``, ``srt_file``, ``chapters_file``): its name carries a version."""
    data = json.loads((out / "feed" / "episodes.json").read_text(encoding="utf-8"))
    episode = next(e for e in data["episodes"] if e["slug"] == slug)
    return out / episode[key]


def ffprobe(path: Path, *entries: str) -> str:
    """Returns ffprobe's value for ``entries`` (e.g. format=duration) of ``path``'s audio."""
    exe = shutil.which("ffprobe")
    if exe is None:
        pytest.skip("ffprobe not installed (apt-get install ffmpeg)")
    out = subprocess.run(
        [exe, "-v", "error", "-select_streams", "a:0", "-show_entries", ":".join(entries), "-of",
         "default=noprint_wrappers=1:nokey=1", str(path)],
        capture_output=True, text=True, check=True)
    return out.stdout.strip()
