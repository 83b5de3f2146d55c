"""edition.toml and voices/ validation: every error names the key and the bad value."""

from __future__ import annotations

from pathlib import Path

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


def test_a_base_url_with_a_query_is_refused(tmp_path):
    for url in ("https://example.org/pod/?token=1", "https://example.org/pod/#top",
                "https://example.org/pod/?"):
        with pytest.raises(ConfigError, match="--base-url: expected a URL the files' paths can be added to, without a query"):
            load_edition(tmp_path, {"base_url": url})
    (tmp_path / "edition.toml").write_text('link = "https://example.org/?p=1"\n',
                                           encoding="utf-8")
    assert load_edition(tmp_path).link == "https://example.org/?p=1"  # a link may have one


@pytest.mark.parametrize("given, written", [
    ("https://bücher.example/hörbuch", "https://xn--bcher-kva.example/h%C3%B6rbuch/"),
    ("https://example.org/Größe Fähre/".replace(" ", "%20"),
     "https://example.org/Gr%C3%B6%C3%9Fe%20F%C3%A4hre/"),
    ("HTTP://Example.ORG:8080/a%zz/", "http://example.org:8080/a%25zz/"),
    ("http://[::1]:8000", "http://[::1]:8000/"),
])
def test_a_base_url_is_written_in_ascii(tmp_path, given, written):
    assert load_edition(tmp_path, {"base_url": given}).base_url == written


def test_a_bad_value_in_the_file_is_named_with_the_file_not_as_a_flag(tmp_path):
    settings = tmp_path / "edition.toml"
    settings.write_text('title = ["a"]\nbase_url = "127.0.0.1:8000"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:  # flags given as None are not given
        load_edition(tmp_path, {"base_url": None, "title": None})
    assert info.value.path == str(settings)
    assert "--" not in info.value.problem
    assert "base_url: expected an absolute" in info.value.problem
    assert "title: expected text but got ['a']" in info.value.problem
    with pytest.raises(ConfigError) as info:  # a bad flag is the flag's, the file's the file's
        load_edition(tmp_path, {"base_url": "ftp://x", "title": "T"})
    assert info.value.path is None
    assert info.value.problem.startswith("--base-url: expected an absolute")
    assert "--title" not in info.value.problem and "base_url" not in info.value.problem
    settings.write_text('title = ["a"]\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_edition(tmp_path, {"base_url": "ftp://x"})
    assert info.value.problem.startswith("--base-url: expected an absolute")
    assert f"; {settings}: title: expected text" in info.value.problem


def _voices_file(tmp_path, text):
    folder = tmp_path / "voices"
    folder.mkdir(exist_ok=True)
    (folder / "de.toml").write_text(text, encoding="utf-8")
    return folder


_GOOD_VOICES = ('lang = "de"\n[voice.n]\nrole = "narrator"\nengine = "silent"\nid = "x"\n'
                '[voice.q]\nrole = "quote"\nengine = "silent"\nid = "x"\n')


@pytest.mark.parametrize("text, problem", [
    ('lang = "de"\nvoice = "str"\n', "voice: expected tables such as [voice.narrator] but got 'str'"),
    ('lang = "de"\nvoice = [1, 2]\n', "voice: expected tables"),
    ('lang = "de"\n[voice]\nn = 5\n', "voice.n: expected a table"),
    ('lang = ["de"]\n', "lang: expected text but got ['de']"),
    ('lang = 5\n', "lang: expected text but got 5"),
    ('speakers = "Jan"\n' + _GOOD_VOICES, "speakers: expected a table of name = voice"),
    (_GOOD_VOICES + '[speakers]\nJan = 5\n', "speakers.Jan: expected one of q but got 5"),
    (_GOOD_VOICES + '[speakers]\nJan = ["q"]\n', "speakers.Jan: expected one of q but got ['q']"),
    (_GOOD_VOICES.replace('id = "x"\n', 'id = 5\n', 1), "voice.n.id: expected text but got 5"),
    (_GOOD_VOICES.replace('role = "quote"', 'role = ["quote"]'), "voice.q.role: expected"),
    (_GOOD_VOICES + 'rate = "fast"\n', "voice.q.rate: expected a number from 60 to 500"),
    (_GOOD_VOICES + 'rate = inf\n', "voice.q.rate: expected a number from 60 to 500"),
    (_GOOD_VOICES + 'volume = nan\n', "voice.q.volume: expected a number from 0 to 1"),
    (_GOOD_VOICES + 'variant = 3\n', "voice.q.variant: expected text but got 3"),
    (_GOOD_VOICES + 'native_id = {a = 1}\n', "voice.q.native_id: expected text"),
    (_GOOD_VOICES + 'pitch = true\n', "voice.q.pitch: expected a number from 0 to 100"),
])
def test_every_wrong_type_in_a_voices_file_is_one_error_naming_it(tmp_path, text, problem):
    folder = _voices_file(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_voices(folder)
    assert info.value.path == str(folder / "de.toml")
    assert problem in info.value.problem


@pytest.mark.parametrize("key", [
    "title", "description", "author", "owner_name", "owner_email", "language", "category",
    "explicit", "show_type", "cover", "base_url", "link", "copyright", "guid", "locked",
    "episode", "episode.type", "episode.explicit", "episode.season", "loudness", "intro",
    "outro", "bed", "bed_level", "bed_open", "true_peak",
])
@pytest.mark.parametrize("value", ['["a", 1]', "{ x = 1 }", "1979-05-27T07:32:00Z", "nan",
                                   "-inf", "18446744073709551615", '""'])
def test_every_wrong_type_in_edition_toml_is_one_error_naming_the_file(tmp_path, key, value):
    from audio_edition.config import edition_fields

    assert key == "episode" or key in edition_fields()
    table, _, name = key.rpartition(".")
    text = f"[{table}]\n{name} = {value}\n" if table else f"{key} = {value}\n"
    settings = tmp_path / "edition.toml"
    settings.write_text(text, encoding="utf-8")
    try:
        load_edition(tmp_path)
    except ConfigError as exc:
        assert exc.path == str(settings) and exc.problem.startswith(f"{key}: ")
        assert "--" not in exc.problem


def test_each_setting_is_declared_once_with_its_default_check_and_docstring():
    import dataclasses

    from audio_edition import config, options

    declared = [f for f in dataclasses.fields(config.EditionConfig) if "check" in f.metadata]
    assert [f.metadata.get("key") or f.name for f in declared] == config.edition_fields()
    assert len(declared) == len(dataclasses.fields(config.EditionConfig)) - 1  # all but path
    documented = options.docstrings(config.EditionConfig)
    assert all(documented.get(f.name) for f in declared)
    # defaults pass their own checks
    for f in declared:
        if f.default is not None and f.default != "":
            assert f.metadata["check"](f.default) == f.default, f.name


def test_the_readme_names_every_setting_of_edition_toml():
    from audio_edition.config import edition_fields

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    missing = [k for k in edition_fields() if f"`{k.rpartition('.')[2]}`" not in readme]
    assert not missing


def test_a_voice_profile_that_leaves_out_rate_pitch_and_volume_gets_the_profiles_defaults(
        tmp_path):
    from audio_edition.model import VoiceProfile

    (tmp_path / "en.toml").write_text(
        'lang = "en"\n[voice.n]\nrole = "narrator"\nengine = "silent"\nid = "a"\n'
        '[voice.q]\nrole = "quote"\nengine = "silent"\nid = "b"\nrate = 200\n', encoding="utf-8")
    voices = load_voices(tmp_path).languages["en"]
    default = VoiceProfile("x", "silent", "a", "en")
    assert (voices.narrator.rate, voices.narrator.pitch, voices.narrator.volume) == (
        default.rate, default.pitch, default.volume)
    assert voices.quotes[0].rate == 200


def test_a_voice_file_with_a_regional_tag_serves_its_base_language(tmp_path):
    from audio_edition.config import load_voices

    from pathlib import Path

    src = Path(__file__).parent / "fixtures" / "voices-silent" / "en.toml"
    (tmp_path / "en.toml").write_text(src.read_text().replace('lang = "en"', 'lang = "en-GB"'))
    book = load_voices(tmp_path)
    assert list(book.languages) == ["en"]
    assert book.for_lang("en-US").narrator.engine == "silent"  # the file's, not a generated one


@pytest.mark.parametrize("line, problem", [
    # one bad value for each kind of check the declarations use
    ('title = ""', "title: expected non-empty text but got ''"),
    ("owner_name = 5", "owner_name: expected text but got 5"),
    ('owner_email = "redaktion at example.org"',
     "owner_email: expected an email address but got 'redaktion at example.org'"),
    ('language = "Deutsch"',
     "language: expected a language code such as 'de' or 'en-US' but got 'Deutsch'"),
    ('category = "Newz"', "category: expected one of Arts, Business, "),
    ('category = "News / Weather"', "category: expected News / one of Business News, "),
    ('explicit = "no"', "explicit: expected true or false but got 'no'"),
    ('show_type = "daily"', "show_type: expected 'episodic' or 'serial' but got 'daily'"),
    ('cover = " "', "cover: expected a file path but got ' '"),
    ('base_url = "https://example.org/pod?x=1"', "base_url: expected a URL the files' paths "),
    ('link = "ftp://example.org/"',
     "link: expected an absolute http:// or https:// URL but got 'ftp://example.org/'"),
    ('guid = "not-a-uuid"', "guid: expected a UUID such as "),
    ("episode = 5", "episode: expected a table ([episode] with type, explicit, season) but got 5"),
    ('[episode]\ntype = "special"',
     "episode.type: expected 'full', 'trailer' or 'bonus' but got 'special'"),
    ("[episode]\nseason = 0", "episode.season: expected a whole number from 1 but got 0"),
    ("loudness = -3", "loudness: expected a number from -36 to -6 but got -3"),
    ("true_peak = true", "true_peak: expected a number from -12 to 0 but got True"),
])
def test_each_kind_of_check_gives_one_line_naming_the_file_and_the_key(tmp_path, line, problem):
    settings = tmp_path / "edition.toml"
    settings.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_edition(tmp_path)
    message = info.value.format_message()
    assert "\n" not in message
    assert message.startswith(f"{settings}: {problem}")


@pytest.mark.parametrize("line, problem", [
    ('role = "reader"', "voice.q.role: expected 'narrator' or 'quote' but got 'reader'"),
    ('engine = ""', "voice.q.engine: expected non-empty text but got ''"),
    ('engine = "festival"', "voice.q.engine: expected one of pyttsx3, piper, silent but got "),
    ("variant = 3", "voice.q.variant: expected text but got 3"),
    ("rate = 20", "voice.q.rate: expected a number from 60 to 500 but got 20"),
    ("volume = 2", "voice.q.volume: expected a number from 0 to 1 but got 2"),
    ("speed = 2", "voice.q.speed: unknown key"),
])
def test_each_kind_of_check_of_a_voice_table_gives_one_line_naming_the_file_and_the_key(
        tmp_path, line, problem):
    text = _GOOD_VOICES.replace('role = "quote"\nengine = "silent"\nid = "x"\n', "")
    values = {"role": '"quote"', "engine": '"silent"', "id": '"x"'}
    key = line.partition(" =")[0]
    values[key] = line.partition("= ")[2]
    text += "".join(f"{k} = {v}\n" for k, v in values.items())
    folder = _voices_file(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_voices(folder)
    message = info.value.format_message()
    assert "\n" not in message
    assert message.startswith(f"{folder / 'de.toml'}: {problem}")


def test_a_voice_table_without_a_required_key_names_each_missing_one(tmp_path):
    folder = _voices_file(tmp_path, _GOOD_VOICES.replace('engine = "silent"\nid = "x"\n', "", 1))
    with pytest.raises(ConfigError) as info:
        load_voices(folder)
    assert info.value.problem == "voice.n: missing 'engine'; voice.n: missing 'id'"


def test_docs_settings_md_is_generated_from_the_declarations():
    from audio_edition.config import settings_reference

    written = (Path(__file__).parent.parent / "docs" / "SETTINGS.md").read_text(encoding="utf-8")
    assert written == settings_reference(), "run .venv/bin/python docs/settings.py"
    for key in ("`title`", "`true_peak`", "`[episode] season`", "`id`", "`native_id`"):
        assert f"| {key} |" in written


@pytest.mark.parametrize("text, problem", [
    (_GOOD_VOICES.replace('lang = "de"\n', ""),
     "lang: expected a language code such as 'de' or 'en-US' but got None"),
    ('prefer_installed = "yes"\n' + _GOOD_VOICES,
     "prefer_installed: expected true or false but got 'yes'"),
])
def test_each_setting_of_a_voices_file_is_checked_as_declared(tmp_path, text, problem):
    folder = _voices_file(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_voices(folder)
    message = info.value.format_message()
    assert "\n" not in message and message == f"{folder / 'de.toml'}: {problem}"


def test_a_bad_language_and_a_bad_voice_key_in_one_voices_file_are_reported_together(tmp_path):
    folder = _voices_file(tmp_path, _GOOD_VOICES.replace('lang = "de"', 'lang = "Deutsch"')
                          + "pitch = 300\n")
    with pytest.raises(ConfigError) as info:
        load_voices(folder)
    assert info.value.problem == ("lang: expected a language code such as 'de' or 'en-US' but "
                                  "got 'Deutsch'; voice.q.pitch: expected a number from 0 to 100 "
                                  "but got 300")
