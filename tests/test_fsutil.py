"""Crash-safe output: atomic writes, transactions that publish all or nothing, cache entries."""

from __future__ import annotations

import pytest

from audio_edition import fsutil


def test_atomic_write_replaces_or_leaves_the_old_file(tmp_path):
    target = tmp_path / "feed.xml"
    fsutil.atomic_write(target, "old")
    with pytest.raises(RuntimeError):
        with fsutil.atomic_path(target) as tmp:
            tmp.write_text("half")
            raise RuntimeError("disk gone")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["feed.xml"]
    fsutil.atomic_write(target, "new")
    assert target.read_text() == "new"


def test_a_transaction_publishes_everything_at_the_end_or_nothing(tmp_path):
    a, b = tmp_path / "a.mp3", tmp_path / "b.mp3"
    fsutil.atomic_write(a, "old a")
    with fsutil.transaction():
        fsutil.atomic_write(a, "new a")
        fsutil.atomic_write(b, "new b")
        assert a.read_text() == "old a" and not b.exists()  # held back
        assert fsutil.read_bytes(a) == b"new a"  # but this build sees its own writes
    assert a.read_text() == "new a" and b.read_text() == "new b"
    with pytest.raises(KeyError):
        with fsutil.transaction():
            fsutil.atomic_write(a, "newer a")
            raise KeyError("bad article")
    assert a.read_text() == "new a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.mp3", "b.mp3"]


def test_a_scope_drops_only_its_own_files(tmp_path):
    with fsutil.transaction():
        fsutil.atomic_write(tmp_path / "good.mp3", "good")
        with pytest.raises(ValueError):
            with fsutil.scope():
                fsutil.atomic_write(tmp_path / "bad.mp3", "bad")
                raise ValueError("this article fails")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.mp3"]


def test_cache_write_is_immediate_even_inside_a_transaction(tmp_path):
    entry = tmp_path / "ab" / "abcdef.pcm"
    with fsutil.transaction():
        fsutil.cache_write(entry, b"samples")
        assert entry.read_bytes() == b"samples"
    assert [p.name for p in entry.parent.iterdir()] == ["abcdef.pcm"]


def test_remove_stale_takes_only_temporary_files(tmp_path):
    (tmp_path / f".episode.mp3.x1{fsutil.TMP_SUFFIX}").write_text("left by a killed build")
    (tmp_path / "episode.mp3").write_text("published")
    assert fsutil.remove_stale(tmp_path) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["episode.mp3"]
    assert fsutil.remove_stale(tmp_path / "missing") == 0


def test_a_commit_renames_in_order_and_removes_only_after_every_rename(tmp_path, monkeypatch):
    steps = []
    real_rename, real_remove = fsutil._commit_rename, fsutil._commit_remove
    monkeypatch.setattr(fsutil, "_commit_rename",
                        lambda tmp, target: (steps.append(("rename", target.name)),
                                             real_rename(tmp, target)))
    monkeypatch.setattr(fsutil, "_commit_remove",
                        lambda path: (steps.append(("remove", path.name)), real_remove(path)))
    audio, feed = tmp_path / "audio", tmp_path / "feed"
    fsutil.atomic_write(audio / "ep.v1.mp3", "old version")
    with fsutil.transaction():
        fsutil.remove_on_commit(audio / "ep.v1.mp3")  # asked for first, done last
        fsutil.atomic_write(audio / "ep.v2.mp3", "new version")
        fsutil.atomic_write(feed / "feed.xml", "names ep.v2.mp3")
        assert (audio / "ep.v1.mp3").exists()
    assert steps == [("rename", "ep.v2.mp3"), ("rename", "feed.xml"), ("remove", "ep.v1.mp3")]
    assert sorted(p.name for p in audio.iterdir()) == ["ep.v2.mp3"]


def test_a_failing_scope_keeps_the_files_it_would_have_removed(tmp_path):
    fsutil.atomic_write(tmp_path / "ep.v1.mp3", "published")
    with fsutil.transaction():
        with pytest.raises(ValueError):
            with fsutil.scope():
                fsutil.atomic_write(tmp_path / "ep.v2.mp3", "new")
                fsutil.remove_on_commit(tmp_path / "ep.v1.mp3")
                raise ValueError("this episode fails")
    assert [p.name for p in tmp_path.iterdir()] == ["ep.v1.mp3"]


def test_a_staged_file_is_named_by_its_content(tmp_path):
    with fsutil.transaction():
        with fsutil.staged(tmp_path) as staged:
            staged.tmp.write_text("content")
            staged.target = tmp_path / f"ep.{len(staged.tmp.read_text())}.mp3"
        assert not (tmp_path / "ep.7.mp3").exists()
    assert (tmp_path / "ep.7.mp3").read_text() == "content"
    with pytest.raises(ValueError, match="no target"):
        with fsutil.staged(tmp_path) as staged:
            staged.tmp.write_text("nameless")
    assert [p.name for p in tmp_path.iterdir()] == ["ep.7.mp3"]


def test_file_digest_is_the_sha256_of_the_bytes_then_of_each_addition(tmp_path):
    import hashlib

    path = tmp_path / "a.bin"
    path.write_bytes(b"x" * (3 << 20))  # more than one block
    assert fsutil.file_digest(path) == hashlib.sha256(b"x" * (3 << 20)).hexdigest()
    assert fsutil.file_digest(path, b"vtt", b"srt") == \
        hashlib.sha256(b"x" * (3 << 20) + b"\0vtt" + b"\0srt").hexdigest()
