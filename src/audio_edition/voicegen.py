"""Voice profiles for a language that has no ``voices/<lang>.toml``: generated from the voices
espeak-ng has installed.

A generated language gets a narrator and three quote voices, told apart by espeak variant and
pitch like the shipped ones, and named the same way (``es-narrator``, ``es-quote-1`` …). The
list of languages is read from espeak-ng's data folder, so nothing is started to read it (espeak
can be initialised only once per process).
"""

from __future__ import annotations

import functools
import logging
import os
from pathlib import Path

from audio_edition import languages
from audio_edition.model import VoiceProfile

log = logging.getLogger(__name__)

_DATA_DIRS = ("/usr/lib/x86_64-linux-gnu/espeak-ng-data", "/usr/lib/aarch64-linux-gnu/espeak-ng-data",
              "/usr/lib/espeak-ng-data", "/usr/share/espeak-ng-data", "/usr/local/share/espeak-ng-data",
              "/opt/homebrew/share/espeak-ng-data")
"""Where distributions put espeak-ng's data; ESPEAK_DATA_PATH and espeakng-loader's come first."""

_LOOKS = (  # (role, variant, rate, pitch): the narrator and three quote voices
    ("narrator", None, 165, 42),
    ("quote", "f3", 160, 68),
    ("quote", "m3", 155, 25),
    ("quote", "f5", 170, 60),
)


def _data_dirs() -> list[Path]:
    dirs = [os.environ.get("ESPEAK_DATA_PATH", "")]
    dirs += list(_DATA_DIRS)
    try:
        import espeakng_loader

        dirs.append(espeakng_loader.get_data_path())
    except ImportError:  # not on Linux
        pass
    out = []
    for d in filter(None, dirs):
        path = Path(d)
        if path.name != "espeak-ng-data" and (path / "espeak-ng-data").is_dir():
            path = path / "espeak-ng-data"
        if (path / "lang").is_dir():
            out.append(path)
    return out


@functools.cache
def espeak_voices() -> dict[str, str]:
    """Returns base language code -> espeak-ng voice id (``es`` -> ``roa/es``) of every language
    the installed espeak-ng speaks; the voice whose tag is the bare code wins over a regional one.
    Empty when no espeak-ng data folder is found."""
    found: dict[str, tuple[int, str]] = {}
    for data in _data_dirs()[:1]:
        root = data / "lang"
        for path in sorted(root.rglob("*")):
            if not path.is_file():
                continue
            try:
                lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                continue
            for line in lines:
                parts = line.split()
                if len(parts) >= 2 and parts[0] == "language":
                    tag = parts[1].lower()
                    code = languages.base_code(tag)
                    rank = 0 if tag == code else 1
                    voice_id = path.relative_to(root).as_posix()
                    if code not in found or rank < found[code][0]:
                        found[code] = (rank, voice_id)
                    break
    return {code: voice_id for code, (_, voice_id) in sorted(found.items())}


def generated_profiles(lang: str, engine: str = "pyttsx3") -> list[VoiceProfile]:
    """Returns the narrator and three quote voices for ``lang`` (a base code), or an empty list
    when espeak-ng does not speak it. ``engine`` "silent" makes silent ones (for tests)."""
    voice_id = espeak_voices().get(lang)
    if voice_id is None:
        return []
    if engine == "silent":
        voice_id = "tone"
    out = []
    for n, (role, variant, rate, pitch) in enumerate(_LOOKS):
        name = f"{lang}-narrator" if role == "narrator" else f"{lang}-quote-{n}"
        out.append(VoiceProfile(name=name, engine=engine, voice_id=voice_id, lang=lang,
                                variant=variant if engine != "silent" else None, rate=rate,
                                pitch=pitch))
    return out
