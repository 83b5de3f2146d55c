"""Podcast cover art: the configured image, or one generated with Pillow from the title."""

from __future__ import annotations

import hashlib
import io
import textwrap
import threading
import unicodedata
import warnings
from pathlib import Path

from audio_edition.errors import ConfigError
from audio_edition import fsutil
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


_FONTS = (
    "DejaVuSans-Bold.ttf",  # found by name in the usual font folders on Linux
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
    "/System/Library/Fonts/Supplemental/Arial Bold.ttf",
    "/Library/Fonts/Arial Bold.ttf",
    "C:/Windows/Fonts/arialbd.ttf",
)
_ASCII = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue",
                        "ß": "ss", "…": "...", "–": "-", "—": "-", "„": '"', "“": '"', "”": '"',
                        "‚": "'", "‘": "'", "’": "'", "«": '"', "»": '"'})


def _font_loader():
    """Returns (load(size) -> font, whether the font has more than ASCII letters).

    Pillow's built-in font has no umlauts or accents, so a system TrueType font is used when
    there is one; otherwise titles are transliterated to ASCII before drawing.
    """
    from PIL import ImageFont

    for name in _FONTS:
        try:
            ImageFont.truetype(name, 12)
        except OSError:
            continue
        return (lambda size, name=name: ImageFont.truetype(name, size)), True
    return (lambda size: ImageFont.load_default(size=size)), False


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_ASCII))
    return text.encode("ascii", "ignore").decode("ascii")


def render_cover(title: str, size: int = COVER_SIZE) -> bytes:
    """Returns a square PNG showing ``title`` on a plain background."""
    from PIL import Image, ImageDraw

    load_font, unicode_ok = _font_loader()
    bg, accent = _palette(title)
    if not unicode_ok:
        title = _ascii(title) or title
    img = Image.new("RGB", (size, size), bg)
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, size * 0.78, size, size * 0.8], fill=accent)
    lines = textwrap.wrap(title, width=14) or [title]
    if len(lines) > 5:
        lines = lines[:5]
        lines[-1] = lines[-1][:13] + "…"
    font_size = int(size / (4.5 + max(len(lines), 2)))
    font = load_font(font_size)
    # A line of wide letters must still fit: shrink until the widest line does.
    while font_size > 12 and max(font.getlength(x) for x in lines) > size * 0.84:
        font_size = int(font_size * 0.9)
        font = load_font(font_size)
    y = size * 0.12
    for line in lines:
        draw.text((size * 0.08, y), line, font=font, fill=(255, 255, 255))
        y += font_size * 1.2
    small = load_font(size // 22)
    draw.text((size * 0.08, size * 0.84), "audio edition", font=small, fill=accent)
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text(_STAMP_KEY, _stamp(title))
    buf = io.BytesIO()
    img.save(buf, format="PNG", compress_level=6, pnginfo=info)  # optimize=True: +0.13 s for 4% less
    return buf.getvalue()


_STAMP_KEY = "audio-edition-cover"


def _stamp(title: str) -> str:
    """Identifies what a generated cover shows, so an unchanged one is not drawn again."""
    from audio_edition import __version__

    return hashlib.sha256(f"{__version__}\0{title}".encode("utf-8")).hexdigest()[:16]


def _stamped(path: Path, title: str) -> bool:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as img:  # reads the chunks before the pixels, not the pixels
            return img.info.get(_STAMP_KEY) == _stamp(title)  # (``img.text`` decodes them)
    except (OSError, UnidentifiedImageError, AttributeError, ValueError, SyntaxError,
            Image.DecompressionBombError):
        return False


def _configured_path(out_dir: Path, configured: str) -> str:
    """Returns the configured cover's path relative to ``out_dir``. Raises ConfigError when it
    is outside ``out_dir`` (checked first: such a file is never opened), missing, or not a
    usable JPEG/PNG."""
    settings = out_dir / "edition.toml"
    path = (out_dir / configured).resolve()
    try:
        relative = path.relative_to(out_dir.resolve()).as_posix()
    except ValueError:
        raise ConfigError(f"cover: must be inside the output folder but got {configured!r}",
                          settings) from None
    if not path.is_file():
        raise ConfigError(f"cover: file not found: {configured!r}", settings)
    check_cover(path)
    return relative


class Cover:
    """The cover of one build: where it is, what identifies its picture, and what every MP3
    embeds.

    Nothing is drawn or decoded until :meth:`start`, which does it in a thread: a generated
    cover is checked and, when missing or out of date, drawn (about a tenth of a second, spent
    while the build speaks); a configured one is prepared for embedding. :meth:`embedded` and
    :meth:`save` wait for that thread, or do its work when it was not started. The
    :attr:`identity` is known at once, so the build can tell what to rebuild before anything is
    drawn.
    """

    def __init__(self, out_dir: Path, title: str, configured: str = "") -> None:
        """Raises ConfigError when the configured cover is missing or not a usable JPEG/PNG."""
        self.path = _configured_path(out_dir, configured) if configured else GENERATED
        """Where the cover is, relative to ``out_dir``."""
        self._file = out_dir / self.path
        self._title = title
        self.generated = not configured
        """Whether the cover is drawn from the title (else it is the configured file)."""
        # what a generated cover shows is decided by the title and the drawing code
        self.identity = (f"generated {_stamp(title)}" if self.generated
                         else hashlib.sha256(fsutil.read_bytes(self._file)).hexdigest())
        """Changes whenever the picture does."""
        self._thread: threading.Thread | None = None
        self._result: tuple[tuple[bytes, str], bool] | None = None
        self._error: BaseException | None = None

    def start(self) -> None:
        """Begins drawing or preparing the cover in a thread, if that has not begun."""
        if self._thread is None and self._result is None:
            self._thread = threading.Thread(target=self._run, name="cover", daemon=True)
            self._thread.start()

    def embedded(self) -> tuple[bytes, str]:
        """Returns the bytes and media type of the picture every MP3 embeds (ID3 APIC).
        Raises ConfigError for an unreadable configured image."""
        return self._done()[0]

    def save(self) -> None:
        """Writes a generated cover that was missing or out of date (atomically)."""
        (data, _), drawn = self._done()
        if drawn:
            atomic_write(self._file, data)

    def _done(self) -> tuple[tuple[bytes, str], bool]:
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        elif self._result is None and self._error is None:
            self._run()
        if self._error is not None:
            raise self._error
        return self._result

    def _run(self) -> None:
        try:
            if not self.generated:
                self._result = embedded_cover(self._file), False
            elif self._file.exists() and _stamped(self._file, self._title):
                self._result = (fsutil.read_bytes(self._file), "image/png"), False
            else:
                self._result = (render_cover(self._title), "image/png"), True
        except BaseException as exc:  # raised again in the thread that asks for the cover
            self._error = exc


EMBED_MAX_BYTES = 512 * 1024
"""A cover larger than this is scaled down before it is embedded in every MP3."""
EMBED_SIZE = 1400
"""Edge length of a scaled-down embedded cover."""


def embedded_cover(path: Path) -> tuple[bytes, str]:
    """Returns the bytes and media type of the cover to embed in MP3s (ID3 APIC).

    A small cover is embedded as it is; a larger one is scaled to 1400 px and stored as JPEG,
    so that it does not add megabytes to every episode. Raises ConfigError for an unreadable
    image.
    """
    from PIL import Image, UnidentifiedImageError

    data = fsutil.read_bytes(path)  # the cover may be new in this very build
    try:
        with Image.open(io.BytesIO(data)) as img:
            fmt = img.format
            if len(data) <= EMBED_MAX_BYTES and fmt in ("JPEG", "PNG"):
                return data, "image/jpeg" if fmt == "JPEG" else "image/png"
            small = img.convert("RGB")
            small.thumbnail((EMBED_SIZE, EMBED_SIZE))
            buf = io.BytesIO()
            small.save(buf, format="JPEG", quality=85, optimize=True)
            return buf.getvalue(), "image/jpeg"
    except (OSError, UnidentifiedImageError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise ConfigError("cover: not a readable image", path) from None


def check_cover(path: Path) -> None:
    """Raises ConfigError unless ``path`` is a square JPEG or PNG of 1400 to 3000 px.

    Only the image's header is read; an image too large to decode safely is refused by its
    size.
    """
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():  # only the header is read: no bomb to warn about
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                fmt, (w, h) = img.format, img.size
    except Image.DecompressionBombError as exc:
        raise ConfigError(f"cover: expected a square of 1400 to 3000 px but got a far larger "
                          f"image ({exc})", path) from None
    except (OSError, UnidentifiedImageError, ValueError, SyntaxError):
        raise ConfigError("cover: not a readable image", path) from None
    if fmt not in ("JPEG", "PNG"):
        raise ConfigError(f"cover: expected JPEG or PNG but got {fmt}", path)
    if w != h or not 1400 <= w <= 3000:
        raise ConfigError(f"cover: expected a square of 1400 to 3000 px but got {w}x{h}", path)
