"""Podcast cover art: the configured image, or one generated with Pillow from the title."""

from __future__ import annotations

import hashlib
import io
import textwrap
from pathlib import Path

from audio_edition.errors import ConfigError
from audio_edition.fsutil import atomic_write

COVER_SIZE = 1400
"""Apple asks for 1400 to 3000 px square; 1400 keeps the file small."""
GENERATED = "feed/cover.png"


def _palette(title: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    # A stable colour per podcast title, dark enough for white text.
    h = hashlib.sha256(title.encode("utf-8")).digest()
    bg = (30 + h[0] % 60, 40 + h[1] % 70, 70 + h[2] % 80)
    accent = (230, 180 + h[3] % 60, 60 + h[4] % 80)
    return bg, accent


def render_cover(title: str, size: int = COVER_SIZE) -> bytes:
    """Returns a square PNG showing ``title`` on a plain background."""
    from PIL import Image, ImageDraw, ImageFont

    bg, accent = _palette(title)
    img = Image.new("RGB", (size, size), bg)
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, size * 0.78, size, size * 0.8], fill=accent)
    lines = textwrap.wrap(title, width=14)[:5] or [title]
    font_size = int(size / (4.5 + max(len(lines), 2)))
    font = ImageFont.load_default(size=font_size)
    y = size * 0.12
    for line in lines:
        draw.text((size * 0.08, y), line, font=font, fill=(255, 255, 255))
        y += font_size * 1.2
    small = ImageFont.load_default(size=size // 22)
    draw.text((size * 0.08, size * 0.84), "audio edition", font=small, fill=accent)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def ensure_cover(out_dir: Path, title: str, configured: str = "") -> str:
    """Returns the cover's path relative to ``out_dir``, generating one when none is configured.

    Raises ConfigError when the configured cover is missing or not a usable JPEG/PNG.
    """
    if configured:
        path = (out_dir / configured).resolve()
        if not path.is_file():
            raise ConfigError(f"cover: file not found: {configured!r}", out_dir / "edition.toml")
        check_cover(path)
        try:
            return path.relative_to(out_dir.resolve()).as_posix()
        except ValueError:
            raise ConfigError(f"cover: must be inside the output folder but got {configured!r}",
                              out_dir / "edition.toml") from None
    target = out_dir / GENERATED
    data = render_cover(title)
    if not target.exists() or target.read_bytes() != data:
        atomic_write(target, data)
    return GENERATED


def check_cover(path: Path) -> None:
    """Raises ConfigError unless ``path`` is a square JPEG or PNG of 1400 to 3000 px."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as img:
            fmt, (w, h) = img.format, img.size
    except (OSError, UnidentifiedImageError):
        raise ConfigError("cover: not a readable image", path) from None
    if fmt not in ("JPEG", "PNG"):
        raise ConfigError(f"cover: expected JPEG or PNG but got {fmt}", path)
    if w != h or not 1400 <= w <= 3000:
        raise ConfigError(f"cover: expected a square of 1400 to 3000 px but got {w}x{h}", path)
