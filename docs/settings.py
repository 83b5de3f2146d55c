"""Writes docs/SETTINGS.md from the settings' declarations (see audio_edition.options).

    .venv/bin/python docs/settings.py
"""

from __future__ import annotations

from pathlib import Path

from audio_edition.config import settings_reference

if __name__ == "__main__":
    target = Path(__file__).resolve().parent / "SETTINGS.md"
    target.write_text(settings_reference(), encoding="utf-8")
    print(target)
