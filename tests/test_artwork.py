"""Cover art: generated or configured, checked against Apple's rules, embedded small."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from audio_edition.artwork import (
    EMBED_SIZE, GENERATED, Cover, check_cover, embedded_cover, render_cover,
)
from audio_edition.errors import ConfigError
from conftest import episode_file


def ensure_cover(out_dir, title, configured=""):
    # What a build does with its cover, in one call: check it, draw it if need be, write it.
    cover = Cover(out_dir, title, configured)
    cover.save()
    return cover.path


def _image(path, size, fmt="PNG", noise=False):
    img = Image.effect_noise(size, 80).convert("RGB") if noise else Image.new("RGB", size, "navy")
    img.save(path, format=fmt)
    return path


def test_generated_cover_meets_apples_rules(tmp_path):
    rel = ensure_cover(tmp_path, "Größere Fähre für Weidenwerth")
    assert rel == GENERATED
    with Image.open(tmp_path / rel) as img:
        assert img.format == "PNG" and img.mode == "RGB" and img.size == (1400, 1400)
    check_cover(tmp_path / rel)
    # stable: the same title gives the same file, which is not rewritten
    mtime = (tmp_path / rel).stat().st_mtime_ns
    ensure_cover(tmp_path, "Größere Fähre für Weidenwerth")
    assert (tmp_path / rel).stat().st_mtime_ns == mtime
    assert render_cover("A") != render_cover("B")


def test_very_long_titles_still_render():
    data = render_cover("Donaudampfschifffahrtsgesellschaftskapitänsmütze " * 6)
    with Image.open(io.BytesIO(data)) as img:
        assert img.size == (1400, 1400)


def test_configured_cover(tmp_path):
    _image(tmp_path / "cover.jpg", (1600, 1600), "JPEG")
    assert ensure_cover(tmp_path, "T", "cover.jpg") == "cover.jpg"


@pytest.mark.parametrize("name, size, fmt, message", [
    ("small.png", (1000, 1000), "PNG", "expected a square of 1400 to 3000 px but got 1000x1000"),
    ("wide.png", (2000, 1400), "PNG", "but got 2000x1400"),
    ("cover.gif", (1400, 1400), "GIF", "expected JPEG or PNG but got GIF"),
])
def test_bad_covers_are_refused_with_the_value(tmp_path, name, size, fmt, message):
    _image(tmp_path / name, size, fmt)
    with pytest.raises(ConfigError, match=message):
        ensure_cover(tmp_path, "T", name)


def test_cover_outside_the_output_folder_or_missing(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    _image(tmp_path / "c.png", (1400, 1400))
    with pytest.raises(ConfigError, match="must be inside the output folder but got '../c.png'"):
        ensure_cover(out, "T", "../c.png")
    with pytest.raises(ConfigError, match="cover: file not found: 'nope.png'"):
        ensure_cover(out, "T", "nope.png")


def test_embedded_cover_is_small(tmp_path):
    small = _image(tmp_path / "s.png", (1400, 1400))
    data, mime = embedded_cover(small)
    assert mime == "image/png" and data == small.read_bytes()
    big = _image(tmp_path / "b.png", (1600, 1600), noise=True)
    assert big.stat().st_size > 512 * 1024
    data, mime = embedded_cover(big)
    assert mime == "image/jpeg" and len(data) < big.stat().st_size
    with Image.open(io.BytesIO(data)) as img:
        assert img.format == "JPEG" and img.size == (EMBED_SIZE, EMBED_SIZE)


def test_a_new_picture_under_the_same_name_is_embedded_in_every_episode(work, silent_voices,
                                                                         tmp_path):
    from audio_edition.build import build
    from audio_edition.config import load_edition
    from audio_edition.tagging import read_tags

    out = tmp_path / "out"
    out.mkdir()
    _image(out / "cover.png", (1400, 1400))
    (out / "edition.toml").write_text('cover = "cover.png"\n', encoding="utf-8")
    config = load_edition(out, {"base_url": "http://127.0.0.1:8000/"})
    build([work / "kurz.txt"], out, config, silent_voices)
    before = read_tags(episode_file(out, "kurz")).getall("APIC")[0].data
    assert not build([work / "kurz.txt"], out, config, silent_voices).episodes  # unchanged
    Image.new("RGB", (1400, 1400), "darkred").save(out / "cover.png", format="PNG")
    res = build([work / "kurz.txt"], out, config, silent_voices)
    assert [e.slug for e in res.episodes] == ["kurz"]
    after = read_tags(episode_file(out, "kurz")).getall("APIC")[0].data
    assert after != before and after == (out / "cover.png").read_bytes()


def test_a_generated_cover_is_known_before_it_is_drawn(tmp_path):
    cover = Cover(tmp_path, "Größere Fähre für Weidenwerth")
    assert cover.path == GENERATED and not (tmp_path / GENERATED).exists()
    assert cover.identity == Cover(tmp_path, "Größere Fähre für Weidenwerth").identity
    assert cover.identity != Cover(tmp_path, "Kleinere Fähre").identity
    cover.start()  # drawn in a thread
    data, mime = cover.embedded()
    assert mime == "image/png" and data == render_cover("Größere Fähre für Weidenwerth")
    assert not (tmp_path / GENERATED).exists()  # written only by save(), in the build's order
    cover.save()
    assert (tmp_path / GENERATED).read_bytes() == data
    mtime = (tmp_path / GENERATED).stat().st_mtime_ns
    again = Cover(tmp_path, "Größere Fähre für Weidenwerth")
    again.save()  # up to date: read, not drawn or written again (and no thread was needed)
    assert again.embedded() == (data, "image/png")
    assert (tmp_path / GENERATED).stat().st_mtime_ns == mtime


def test_a_configured_cover_is_known_by_its_bytes(tmp_path):
    _image(tmp_path / "cover.png", (1400, 1400))
    first = Cover(tmp_path, "T", "cover.png")
    assert first.path == "cover.png"
    assert first.identity == Cover(tmp_path, "Other title", "cover.png").identity
    first.start()
    assert first.embedded() == ((tmp_path / "cover.png").read_bytes(), "image/png")
    Image.new("RGB", (1400, 1400), "darkred").save(tmp_path / "cover.png", format="PNG")
    second = Cover(tmp_path, "T", "cover.png")
    assert second.identity != first.identity
    second.save()  # nothing to write: the file is the user's
    _image(tmp_path / "small.png", (1000, 1000))
    with pytest.raises(ConfigError, match="cover: expected a square"):  # checked at once
        Cover(tmp_path, "T", "small.png")


def test_a_cover_that_fails_in_its_thread_fails_where_it_is_used(tmp_path):
    _image(tmp_path / "cover.png", (1400, 1400))
    cover = Cover(tmp_path, "T", "cover.png")
    (tmp_path / "cover.png").write_bytes(b"not a picture any more")
    cover.start()
    with pytest.raises(ConfigError, match="cover: not a readable image"):
        cover.embedded()


def _png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` pixels, with next to no pixel data."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0"))
            + chunk(b"IEND", b""))


@pytest.mark.parametrize("side", [20000, 10000])
def test_a_decompression_bomb_cover_is_refused_by_its_size(tmp_path, side, recwarn):
    (tmp_path / "huge.png").write_bytes(_png_header(side, side))
    with pytest.raises(ConfigError) as info:
        ensure_cover(tmp_path, "T", "huge.png")
    assert info.value.path == str(tmp_path / "huge.png")
    assert info.value.problem.startswith("cover: expected a square of 1400 to 3000 px but got ")
    assert not [w for w in recwarn if "DecompressionBomb" in str(w.category)]


@pytest.mark.parametrize("outside", ["../missing.png", "../notes.txt", "../fifo.png",
                                     "/etc/hostname"])
def test_a_cover_outside_the_folder_is_refused_before_it_is_opened(tmp_path, outside):
    import os

    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "notes.txt").write_text("not a picture")
    os.mkfifo(tmp_path / "fifo.png")  # opening it would block: the check must come first
    with pytest.raises(ConfigError) as info:
        ensure_cover(out, "T", outside)
    assert info.value.problem == f"cover: must be inside the output folder but got {outside!r}"
