"""edition.toml and voices/ validation: every error names the key and the bad value."""

from __future__ import annotations

import pytest

from audio_edition.config import load_edition, load_voices
from audio_edition.errors import ConfigError


def test_defaults_without_file(tmp_path):
    cfg = load_edition(tmp_path)
    assert cfg.path is None and cfg.category == "News" and cfg.base_url == ""


def test_file_and_overrides(tmp_path):
    (tmp_path / "edition.toml").write_text(
        'title = "Hafenfunk"\nbase_url = "https://example.org/pod"\ncategory = "News / Daily News"\n'
        'explicit = false\nowner_email = "redaktion@example.org"\n', encoding="utf-8")
    cfg = load_edition(tmp_path, {"title": None, "base_url": "http://127.0.0.1:8000"})
    assert cfg.title == "Hafenfunk"
    assert cfg.base_url == "http://127.0.0.1:8000/"
    assert cfg.category == "News / Daily News"


def test_all_errors_reported_with_key_and_value(tmp_path):
    (tmp_path / "edition.toml").write_text(
        'category = "Newz"\nexplicit = "no"\nbase_url = "ftp://x"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_edition(tmp_path)
    msg = info.value.format_message()
    assert "edition.toml" in msg
    assert "category: expected one of" in msg and "'Newz'" in msg
    assert "explicit: expected true or false but got 'no'" in msg
    assert "base_url: expected an absolute http" in msg


def test_bad_base_url_flag(tmp_path):
    with pytest.raises(ConfigError, match="--base-url: expected an absolute"):
        load_edition(tmp_path, {"base_url": "127.0.0.1:8000"})


def test_invalid_toml(tmp_path):
    (tmp_path / "edition.toml").write_text('title = "unclosed\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_edition(tmp_path)


def test_voice_profile_errors(tmp_path):
    (tmp_path / "de.toml").write_text(
        'lang = "de"\n[voice.n]\nrole = "narrator"\nengine = "festival"\nid = "x"\n'
        '[voice.q]\nrole = "quote"\nengine = "silent"\nid = "x"\npitch = 300\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_voices(tmp_path)
    msg = info.value.format_message()
    assert "voice.n.engine: expected one of pyttsx3, piper, silent but got 'festival'" in msg
    assert "voice.q.pitch: expected a number from 0 to 100 but got 300" in msg


def test_episode_defaults_and_podcast_keys(tmp_path):
    (tmp_path / "edition.toml").write_text(
        'locked = false\nguid = "917393E3-1B1E-5CEF-ACE4-EDAA54E1F810"\n'
        '[episode]\ntype = "bonus"\nexplicit = true\nseason = 2\n', encoding="utf-8")
    cfg = load_edition(tmp_path)
    assert (cfg.episode_type, cfg.episode_explicit, cfg.episode_season) == ("bonus", True, 2)
    assert cfg.locked is False and cfg.guid == "917393e3-1b1e-5cef-ace4-edaa54e1f810"
    assert load_edition(tmp_path.parent / "nowhere-such").episode_explicit is None


def test_episode_errors_name_the_key_and_value(tmp_path):
    (tmp_path / "edition.toml").write_text(
        'guid = "abc"\n[episode]\ntype = "special"\nseason = 0\nexplicit = "yes"\n',
        encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_edition(tmp_path)
    msg = info.value.format_message()
    assert "episode.type: expected 'full', 'trailer' or 'bonus' but got 'special'" in msg
    assert "episode.season: expected a whole number from 1 but got 0" in msg
    assert "episode.explicit: expected true or false but got 'yes'" in msg
    assert "guid: expected a UUID" in msg and "'abc'" in msg
    (tmp_path / "edition.toml").write_text('episode = "full"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="episode: expected a table"):
        load_edition(tmp_path)
