"""Tests for audio_edition.languages: the language tag, the full and the generic languages, and
an article in every language espeak-ng speaks, read through the real ``script`` path."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from audio_edition import languages
from audio_edition.config import load_voices
from audio_edition.languages import generic

def _espeak_only(folder: Path) -> Path:
    """A copy of the shipped voices/ without ``prefer_installed``: the joe Piper voice the tests
    install would narrate English, and these tests are about espeak-ng's languages."""
    import tempfile

    copy = Path(tempfile.mkdtemp(prefix="voices-espeak-"))
    for toml in folder.glob("*.toml"):
        copy.joinpath(toml.name).write_text(
            toml.read_text(encoding="utf-8").replace("prefer_installed = true", ""),
            encoding="utf-8")
    return copy


REPO_VOICES = _espeak_only(Path(__file__).resolve().parents[1] / "voices")


# -- the tag and the two kinds of language ----------------------------------------------------

@pytest.mark.parametrize("tag, code", [("de-AT", "de"), ("pt_BR", "pt"), (" EN ", "en"),
                                       ("cmn", "cmn"), ("", ""), (None, "")])
def test_base_code_is_the_one_normalizer_of_language_tags(tag, code):
    assert languages.base_code(tag) == code


def test_the_full_languages_are_the_modules_of_the_package():
    assert languages.full_codes() == ("de", "en", "es", "fr", "it", "nl")
    for code in languages.full_codes():
        language = languages.get(code)
        assert language.full and language.code == code and language.reading is not None
        assert len(language.months) == 12 and len(language.weekdays) == 7
        assert language.calibration and language.intro and language.function_words


def test_a_regional_tag_gets_its_full_language():
    assert languages.get("es-MX") is languages.get("es")


@pytest.mark.parametrize("code, opening, closing", [
    ("ru", "«", "»"), ("ja", "「", "」"), ("pl", "„", "”"), ("sv", "”", "”"), ("cs", "„", "“"),
])
def test_a_generic_language_takes_its_quotation_marks_from_cldr(code, opening, closing):
    language = languages.get(code)
    assert not language.full and language.reading is None
    assert language.quotes[0] == (opening, closing)


def test_a_generic_language_has_its_iso_codes_and_month_names_from_cldr():
    sw = languages.get("sw")
    assert (sw.iso639_2, sw.name) == ("swa", "Swahili")
    assert sw.months[0] == "Januari" and sw.weekdays[0] == "Jumatatu"  # Monday first
    assert languages.get("cmn").months[0] == "一月"  # espeak's Mandarin is CLDR's Chinese


@pytest.mark.parametrize("code, n2w", [("sw", None), ("pt", "pt"), ("nb", "no"), ("kk", "kz"), ("cmn", None),
                                       ("ja", "ja"), ("hi", None)])
def test_num2words_spells_where_it_knows_the_language(code, n2w):
    assert languages.get(code).num2words == n2w


def test_icu_splits_sentences_of_scripts_without_latin_full_stops():
    assert generic.sentences("وصل القطار. هل أنت هنا؟ نعم.", "ar") == [
        "وصل القطار.", "هل أنت هنا؟", "نعم."]
    assert generic.sentences("こんにちは。元気ですか？", "ja") == ["こんにちは。", "元気ですか？"]


# -- an article in every language espeak-ng speaks --------------------------------------------

def _espeak_languages() -> dict[str, set[str]]:
    """Returns base code -> the voice files ``espeak-ng --voices`` lists for it."""
    try:
        listing = subprocess.run(["espeak-ng", "--voices"], capture_output=True, text=True,
                                 timeout=60, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    out: dict[str, set[str]] = {}
    for line in listing.splitlines()[1:]:
        parts = line.split()
        if len(parts) >= 5:
            out.setdefault(languages.base_code(parts[1]), set()).add(parts[4])
    return out


ESPEAK = _espeak_languages()
EVERY = sorted(ESPEAK)
NUMBERS = (35, 47)
SAMPLE = ("ja", "ar", "hi", "sw")
"""Languages synthesized for real: two non-Latin scripts with their own full stops, one whose
numbers num2words does not know, and one African language."""


def _paragraph(code: str) -> tuple[str, str]:
    """Returns a title and a one-paragraph text in ``code`` written from CLDR data alone: the
    language's name for itself, weekday and month names, and two numbers."""
    import icu

    locale = icu.Locale(generic._ICU_ALIASES.get(code, code))
    title = locale.getDisplayLanguage(locale) or code
    language = languages.get(code)
    days, months = language.weekdays, language.months
    a, b = NUMBERS
    return title, f"{days[0]} {a}, {days[2]} {b}. {months[0]}, {months[5]}, {months[10]}."


def _write_articles(folder: Path, codes) -> dict[str, Path]:
    paths = {}
    for code in codes:
        title, text = _paragraph(code)
        path = folder / f"article-{code}.md"
        path.write_text(f"---\ntitle: \"{title}\"\nlang: {code}\n---\n\n{text}\n", encoding="utf-8")
        paths[code] = path
    return paths


_SCRIPT_ALL = textwrap.dedent("""
    import json, sys
    from click.testing import CliRunner
    from audio_edition.cli import cli

    voices, out, *paths = sys.argv[1:]
    runner = CliRunner()
    results = {}
    for path in paths:
        r = runner.invoke(cli, ["script", "--json", "--voices", voices, path])
        results[path] = {"exit": r.exit_code, "stdout": r.stdout, "stderr": r.stderr,
                         "exception": repr(r.exception) if r.exit_code else None}
    with open(out, "w", encoding="utf-8") as f:
        json.dump(results, f, ensure_ascii=False)
""")


@pytest.fixture(scope="module")
def scripts(tmp_path_factory) -> dict[str, dict]:
    """``audio-edition script --json`` of an article in every language, all run in one child
    process: the pyttsx3 engine checks every voice against the real espeak-ng, which can be
    initialised only once per process."""
    if not ESPEAK:
        pytest.skip("espeak-ng is not installed")
    folder = tmp_path_factory.mktemp("every-language")
    paths = _write_articles(folder, EVERY)
    out = folder / "scripts.json"
    subprocess.run([sys.executable, "-c", _SCRIPT_ALL, str(REPO_VOICES), str(out),
                    *map(str, paths.values())], check=True, timeout=600)
    results = json.loads(out.read_text(encoding="utf-8"))
    return {code: results[str(path)] for code, path in paths.items()}


def _english_words() -> set[str]:
    from num2words import num2words

    return {w for n in NUMBERS for w in re.findall(r"[a-z]+", num2words(n, lang="en"))}


@pytest.mark.parametrize("code", EVERY)
def test_an_article_in_every_language_espeak_speaks_is_read_in_that_language(code, scripts):
    result = scripts[code]
    assert result["exit"] == 0, (result["stderr"], result["exception"])
    rows = json.loads(result["stdout"])
    assert rows and all(row["voice"].startswith(f"{code}-") for row in rows), rows
    narrator = load_voices(REPO_VOICES).for_lang(code).narrator
    assert narrator.voice_id.lower() in {f.lower() for f in ESPEAK[code]}
    spoken = " ".join(row["spoken"] for row in rows)
    n2w = languages.get(code).num2words
    if n2w is None:
        # num2words does not know it: the digits go to espeak-ng, which reads them itself
        assert all(str(n) in spoken for n in NUMBERS), spoken
        return
    from num2words import num2words

    assert not re.search(r"\d", spoken), spoken
    for n in NUMBERS:
        assert num2words(n, lang=n2w).replace(",", "") in spoken
    if code != "en":
        assert not _english_words() & set(re.findall(r"[a-z]+", spoken.lower())), spoken


NO_NUMBERS_IN_ESPEAK = {"chr", "cv", "nog", "qya", "sjn", "tk"}
"""Languages espeak-ng 1.51 has no number rules for: it drops the digits without a sound, and
num2words does not know them either."""


@pytest.mark.parametrize("code", [
    pytest.param(c, marks=pytest.mark.xfail(c in NO_NUMBERS_IN_ESPEAK, strict=True,
                                            reason="espeak-ng drops digits in this language"))
    for c in EVERY if languages.get(c).num2words is None])
def test_espeak_reads_the_digits_num2words_cannot_spell_in_the_language_s_own_words(code):
    """Where num2words does not know the language, the engine's own number rules read the
    digits; they must not be English ones."""
    voice = load_voices(REPO_VOICES).for_lang(code).narrator.voice_id

    def phonemes(voice_id: str) -> str:
        return subprocess.run(["espeak-ng", "-q", "-x", "-v", voice_id, "35"], capture_output=True,
                              text=True, timeout=30, check=True).stdout.strip()

    assert phonemes(voice) and phonemes(voice) != phonemes("gmw/en")


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory):
    """A real build of the sample languages' articles with espeak-ng: MP3s and a feed."""
    if not ESPEAK:
        pytest.skip("espeak-ng is not installed")
    work = tmp_path_factory.mktemp("sample")
    paths = _write_articles(work, SAMPLE)
    (work / "site").mkdir()
    (work / "site" / "edition.toml").write_text('title = "Every Tongue"\nlanguage = "de"\n'
                                       'base_url = "http://127.0.0.1:8000/"\n')
    res = subprocess.run([sys.executable, "-m", "audio_edition", "build", "--voices",
                          str(REPO_VOICES), "--out", str(work / "site"), "--no-cache",
                          *map(str, paths.values())], cwd=work, capture_output=True, text=True,
                         timeout=600)
    assert res.returncode == 0, res.stderr
    return work / "site"


@pytest.mark.parametrize("code", SAMPLE)
def test_a_sample_is_synthesized_for_real_and_its_feed_item_has_its_language(code, sample_build):
    import feedparser
    from mutagen.mp3 import MP3

    feed = feedparser.parse((sample_build / "feed" / "feed.xml").read_bytes())
    assert feed.feed.language == "de"  # edition.toml's
    entry = next(e for e in feed.entries if e.language == code)
    mp3 = sample_build / "audio" / entry.enclosures[0].href.rsplit("/", 1)[1]
    assert MP3(mp3).info.length > 2.0
    meter = subprocess.run(["ffmpeg", "-nostats", "-i", str(mp3), "-af", "volumedetect", "-f",
                            "null", "-"], capture_output=True, text=True, timeout=60).stderr
    mean = float(re.search(r"mean_volume: (-?[\d.]+) dB", meter).group(1))
    assert mean > -30.0  # speech, not the silence of an engine that read nothing


# -- detection among every language that can be spoken ----------------------------------------

JAPANESE = ("港の天気\n\n今朝は港に霧が出て、最初の船は一時間遅れて出発しました。"
            "昼には霧が晴れて、午後の便はすべて時刻どおりに運航されました。")
ARABIC = ("طقس الميناء\n\nغطى الضباب الميناء صباح اليوم، فتأخرت أول سفينة ساعة كاملة. "
          "وعند الظهر انقشع الضباب، وأبحرت كل رحلات المساء في موعدها.")


def _script(tmp_path: Path, name: str, text: str, *args: str) -> subprocess.CompletedProcess:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "audio_edition", "script", "--json", "--voices",
                           str(REPO_VOICES), *args, str(path)], capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("text, edition_lang, code", [(JAPANESE, "de", "ja"),
                                                      (ARABIC, "en", "ar")])
def test_text_without_a_language_is_read_by_a_voice_of_the_language_it_is_in(
        tmp_path, text, edition_lang, code):
    res = _script(tmp_path, "hafen.txt", text, "--lang", edition_lang)
    assert res.returncode == 0, res.stderr
    rows = json.loads(res.stdout)
    assert {row["voice"] for row in rows} == {f"{code}-narrator"}
    assert len(rows) >= 2


def test_a_language_no_engine_speaks_is_one_error_line(tmp_path):
    res = _script(tmp_path, "klingon.md", "---\ntitle: Qapla'\nlang: tlh\n---\n\nHeghlu'meH QaQ jajvam.\n")
    assert res.returncode == 1
    assert res.stdout == ""
    lines = res.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {tmp_path / 'klingon.md'}: ")
    assert "no installed engine speaks language 'tlh'" in lines[0]
