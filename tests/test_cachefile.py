"""Cache entries with a checksum: what is written reads back, anything else is a miss."""

from __future__ import annotations

import pytest

from audio_edition import cachefile


@pytest.fixture(autouse=True)
def _no_damage_noted_before():
    cachefile.take_damaged()  # what earlier tests in this process left


def test_an_entry_reads_back_as_written(tmp_path):
    path = tmp_path / "ab" / "entry"
    cachefile.write(path, b"\x00\x01 some bytes\n and a newline", "key-1")
    assert cachefile.read(path, "key-1") == b"\x00\x01 some bytes\n and a newline"
    view = cachefile.read_view(path, "key-1")  # the same bytes, as a view of the file's
    assert isinstance(view, memoryview) and view == b"\x00\x01 some bytes\n and a newline"
    assert cachefile.read_view(path, "key-2") is None and cachefile.take_damaged() == [str(path)]
    cachefile.write_json(path, {"a": [1, 2.5, "x"]}, "key-1")
    assert cachefile.read_json(path, "key-1") == {"a": [1, 2.5, "x"]}
    assert cachefile.take_damaged() == []


def test_a_missing_entry_is_a_miss_but_not_damage(tmp_path):
    assert cachefile.read(tmp_path / "none", "k") is None
    assert cachefile.read_json(tmp_path / "none", "k") is None
    assert cachefile.take_damaged() == []


def test_changed_cut_or_foreign_bytes_are_damage(tmp_path):
    good = tmp_path / "good"
    cachefile.write(good, b"0123456789" * 100, "good")
    raw = good.read_bytes()
    cases = {
        "one bit": raw[:-5] + bytes([raw[-5] ^ 1]) + raw[-4:],
        "cut short": raw[:len(raw) // 2],
        "no header": raw.partition(b"\n")[2],
        "empty": b"",
        "random": bytes(range(256)) * 4,
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        assert cachefile.read(tmp_path / name, "good") is None, name
    # the right bytes under another key: a file swapped between two entries
    assert cachefile.read(good, "other") is None
    assert len(cachefile.take_damaged()) == len(cases) + 1
    assert cachefile.take_damaged() == []  # taken once


def test_an_entry_that_is_not_json_is_damage(tmp_path):
    path = tmp_path / "e"
    cachefile.write(path, b"\xff\xfe not json", "e")
    assert cachefile.read_json(path, "e") is None
    assert cachefile.take_damaged() == [str(path)]


def test_damage_found_by_workers_counts_once_per_entry(tmp_path):
    cachefile.note_damaged(tmp_path / "a", "test")
    cachefile.add_damaged([str(tmp_path / "a"), str(tmp_path / "b")])
    assert cachefile.take_damaged() == [str(tmp_path / "a"), str(tmp_path / "b")]
