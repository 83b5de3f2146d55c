"""Tests for paths.py: where audio-edition keeps things, by the XDG base directories."""

from __future__ import annotations

from pathlib import Path

from audio_edition import paths


def test_the_cache_and_data_folders_follow_the_xdg_variables(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "c"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "d"))
    assert paths.cache_dir() == tmp_path / "c" / "audio-edition"
    assert paths.data_dir() == tmp_path / "d" / "audio-edition"
    assert paths.installed_voices_dir() == tmp_path / "d" / "audio-edition" / "voices"


def test_an_unset_or_relative_xdg_variable_falls_back_to_the_home_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", "relative/data")  # invalid by the specification
    assert paths.cache_dir() == tmp_path / ".cache" / "audio-edition"
    assert paths.data_dir() == tmp_path / ".local" / "share" / "audio-edition"


def test_the_voices_folder_is_the_working_folders_else_the_shipped_one(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    shipped = paths.default_voices_dir()
    assert (shipped / "de.toml").is_file()  # the profiles that come with the package
    (tmp_path / "voices").mkdir()
    assert paths.default_voices_dir() == Path.cwd() / "voices"
