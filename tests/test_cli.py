"""The CLI: output on stdout, one-line errors on stderr, exit codes."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import feedparser
import pytest

from click.testing import CliRunner

from audio_edition.cli import cli


def test_script_json(fixtures, silent_voices):
    res = CliRunner().invoke(cli, ["script", str(fixtures / "kurz.txt"), "--json",
                                   "--voices", str(silent_voices)])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert set(rows[0]) >= {"role", "speaker", "voice", "text"}
    first = rows[0]
    assert (first["role"], first["speaker"], first["voice"], first["text"]) == (
        "narrator", None, "de-narrator", "Neuer Fahrplan für die Inselfähre")
    assert any(r["role"] == "quote" for r in rows)


def test_script_shows_a_pronoun_and_the_person_it_means(tmp_path, silent_voices):
    src = tmp_path / "faehre.md"
    src.write_text("---\ntitle: Die Fähre\nlang: de\n---\n\n"
                   "Betriebsleiter Jan Ortmann ist zufrieden. „Der Takt hat sich bewährt“, sagte er.\n\n"
                   "Mit an Bord waren Kapitän Paul Brenner und Ortmann. „Wir fahren trotzdem“, sagte er.\n",
                   encoding="utf-8")
    args = ["script", str(src), "--voices", str(silent_voices)]
    res = CliRunner().invoke(cli, [*args, "--json"])
    assert res.exit_code == 0, res.output
    quotes = [(r["speaker"], r["person"]) for r in json.loads(res.stdout) if r["role"] == "quote"]
    assert quotes == [("er", "Jan Ortmann"), ("er", None)]
    table = CliRunner().invoke(cli, args).stdout
    assert "er → Jan Ortmann" in table and "er (?)" in table


def test_script_table(fixtures, silent_voices):
    res = CliRunner().invoke(cli, ["script", str(fixtures / "kurz.txt"),
                                   "--voices", str(silent_voices)])
    assert res.exit_code == 0
    assert res.stdout.splitlines()[0].split() == ["ROLE", "SPEAKER", "VOICE", "TEXT", "AS", "SPOKEN"]


def test_build_summary(work, silent_voices, tmp_path):
    res = CliRunner().invoke(cli, ["build", str(work / "kurz.txt"), "--out", str(tmp_path),
                                   "--base-url", "http://127.0.0.1:8000/",
                                   "--voices", str(silent_voices)])
    assert res.exit_code == 0, res.output
    assert "audio/kurz." in res.stdout and " segments " in res.stdout and "de-narrator" in res.stdout


def _run(*args, cwd=None):
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run([sys.executable, "-m", "audio_edition", *args], capture_output=True,
                          text=True, cwd=cwd, env=env)


def test_errors_are_one_line_without_traceback(tmp_path, silent_voices):
    empty = tmp_path / "leer.txt"
    empty.write_text("")
    res = _run("script", str(empty), "--voices", str(silent_voices))
    assert res.returncode == 1
    assert res.stderr.strip() == f"Error: {empty}: file is empty"
    assert "Traceback" not in res.stderr
    res = _run("build", str(tmp_path / "missing.txt"), "--out", str(tmp_path),
               "--base-url", "http://x/", "--voices", str(silent_voices))
    assert res.returncode == 1 and res.stderr.count("\n") == 1 and "Traceback" not in res.stderr


def test_bad_base_url(tmp_path, fixtures, silent_voices):
    res = _run("build", str(fixtures / "kurz.txt"), "--out", str(tmp_path), "--base-url",
               "localhost:8000", "--voices", str(silent_voices))
    assert res.returncode == 1
    assert res.stderr.startswith("Error: --base-url: expected an absolute http")
    assert not (tmp_path / "audio").exists()


def test_debug_shows_traceback(tmp_path, silent_voices):
    empty = tmp_path / "leer.txt"
    empty.write_text("")
    res = _run("--debug", "script", str(empty), "--voices", str(silent_voices))
    assert res.returncode == 1 and "Traceback" in res.stderr


def test_voices_lists_profiles_and_engines():
    res = CliRunner().invoke(cli, ["voices", "--lang", "de"])
    assert res.exit_code == 0
    assert "de-narrator" in res.stdout and "pyttsx3" in res.stdout and "silent" in res.stdout


def test_script_shows_spoken_form(fixtures, silent_voices):
    """Dates, numbers, abbreviations and lexicon entries reach the engine spoken out."""
    def spoken(name):
        res = CliRunner().invoke(cli, ["script", str(fixtures / name), "--json",
                                       "--voices", str(silent_voices)])
        assert res.exit_code == 0, res.output
        return " ".join(r["spoken"] for r in json.loads(res.stdout))

    de = spoken("zahlen.md")
    for phrase in ("dritten Oktober zweitausendsechsundzwanzig", "Weidenwärt", "Prozent",
                   "zum Beispiel", "Punkt", "A-R-D", "Doktor"):
        assert phrase.lower() in de.lower(), phrase
    assert not any(ch.isdigit() for ch in de)
    en = spoken("numbers.md")
    for phrase in ("third of October", "Lenna", "percent", "for example", "B-B-C", "dot"):
        assert phrase.lower() in en.lower(), phrase
    assert not any(ch.isdigit() for ch in en)


# -- hostile input: every failure is one line naming the file, and costs nothing else -------

def _errors(res) -> list[str]:
    """Returns the Error lines of a run, after checking there is no traceback."""
    assert "Traceback" not in res.stderr, res.stderr
    return [line for line in res.stderr.splitlines() if line.startswith("Error:")]


def _build(*args, cwd=None, base_url="http://127.0.0.1:8000/"):
    flags = ["--base-url", base_url] if base_url else []
    return _run("build", *map(str, args), *flags, "-q", "-j", "1", cwd=cwd)


def test_one_bad_date_among_24_articles_costs_only_that_article(tmp_path, silent_voices):
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    for n in range(24):
        date = "2026-13-45" if n == 7 else f"2026-11-{n + 1:02d}"
        (src / f"meldung-{n:02d}.md").write_text(
            f"---\ntitle: Meldung {n}\ndate: {date}\nlang: de\n---\n\nDer Hafen hat {n} "
            "neue Liegeplätze.\n", encoding="utf-8")
    res = _build(src, "--out", out, "--voices", silent_voices)
    assert res.returncode == 1
    assert _errors(res) == [f"Error: {src / 'meldung-07.md'}: front matter: date: expected a "
                            "date like 2026-11-28 but got '2026-13-45'"]
    assert "23 built, 0 unchanged, 1 failed" in res.stdout
    assert len(feedparser.parse((out / "feed" / "feed.xml").read_bytes()).entries) == 23


def _hostile_articles(folder) -> dict[str, bytes]:
    """Articles that must each fail with one line, by name."""
    rng = random.Random(15)
    files = {
        "random.txt": bytes(rng.randrange(256) for _ in range(3000)),
        "random.md": b"---\n" + bytes(rng.randrange(256) for _ in range(3000)),
        "random.html": bytes(rng.randrange(256) for _ in range(3000)),
        "nul.txt": b"Titel\n\nText\x00mit Null.\n",
        "utf16-nobom.txt": "Titel\n\nText.\n".encode("utf-16-le"),
        "utf16-badbom.md": b"\xff\xfe" + "---\ntitle: x\n".encode("utf-16-le")[:-1],
        "sjis.txt": "見出し\n\n本文です。\n".encode("shift_jis"),
        "empty.md": b"",
        "blank.txt": b" \n\t\n",
        "title-only.md": b"---\ntitle: Nur ein Titel\nlang: de\n---\n",
        "title-only.txt": "Nur ein Titel\n".encode(),
        "unclosed.md": b"---\ntitle: T\n\nText.\n",
        "huge-front.md": b"---\ntitle: T\n" + b"k: " + b"v" * 70_000 + b"\n---\n\nText.\n",
        "bomb.md": ("---\ntitle: B\na0: &a0 [l, l, l, l, l, l, l, l, l]\n" + "".join(
            f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10))
            + "---\n\nText.\n").encode(),
        "recursive.md": b"---\ntitle: &x T\nr: &r [1, *r]\n---\n\nText.\n",
        "python-tag.md": b"---\ntitle: !!python/object/apply:os.system ['true']\n---\n\nText.\n",
        "unhashable.md": b"---\n? [a, b]\n: c\n---\n\nText.\n",
        "list.md": b"---\n- a\n- b\n---\n\nText.\n",
        "bad-lang.md": b"---\ntitle: T\nlang: xx\n---\n\nText hier.\n",
        "html-empty.html": b"<html><body></body></html>",
        "only-dashes.txt": "---\n\n… – …\n".encode(),
    }
    for key, value in [("title", "[1, 2]"), ("title", "{a: 1}"), ("subtitle", "[1]"),
                       ("author", "{a: b}"), ("date", "[1]"), ("date", "2026-02-30"),
                       ("date", "yesterday"), ("date", "12"), ("lang", "5"), ("lang", "[de]"),
                       ("source", "[x]"), ("description", "{x: 1}"), ("id", "[1]"),
                       ("guid", "{a: b}"), ("id", "true"), ("id", "'" + "x" * 300 + "'")]:
        name = f"wrong-{key}-{sum(map(ord, value)) % 1000}.md"
        title = "" if key == "title" else "title: T\n"
        files[name] = f"---\n{title}{key}: {value}\n---\n\n# Kopf\n\nText hier.\n".encode()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return files


def test_every_hostile_article_is_one_error_line_and_the_others_are_published(tmp_path,
                                                                            silent_voices):
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    bad = _hostile_articles(src)
    for name in ("kurz.txt", "short.md", "page.html"):
        shutil.copy(Path(__file__).parent / "fixtures" / name, src / name)
    (src / "cut.txt").write_bytes("Titel\n\nDie Fähre fährt öfter. Zuletzt: ä".encode()[:-1])
    res = _build(src, "--out", out, "--voices", silent_voices)
    assert res.returncode == 1
    errors = _errors(res)
    named = sorted(line.split(": ", 2)[1] for line in errors)
    assert named == sorted(str(src / name) for name in bad), "\n".join(errors)
    assert all(len(line.split(": ", 2)) == 3 for line in errors)
    titles = {e.title for e in feedparser.parse((out / "feed" / "feed.xml").read_bytes()).entries}
    assert len(titles) == 4 and "Titel" in titles  # the three fixtures and the cut-off one
    assert f"{len(bad)} failed" in res.stdout


def _settings_case(tmp_path, silent_voices, name):
    """Returns (output folder, voices folder, the file the error must name) for one hostile
    settings file."""
    out, voices = tmp_path / "out", tmp_path / "voices"
    out.mkdir()
    shutil.copytree(silent_voices, voices)
    noise = bytes(random.Random(name).randrange(256) for _ in range(500))
    settings, voice_file, lexicon = out / "edition.toml", voices / "de.toml", \
        voices / "lexicon" / "de.toml"
    good_voices = voice_file.read_text(encoding="utf-8")
    cases = {
        "edition-noise": (settings, noise),
        "edition-latin1": (settings, 'title = "Größe"\n'.encode("latin-1")),
        "edition-types": (settings, b'title = [1]\nexplicit = "no"\n[episode]\nseason = "x"\n'),
        "edition-query": (settings, b'base_url = "https://example.org/?x=1"\n'),
        "edition-cover-type": (settings, b"cover = 5\n"),
        "edition-cover-outside": (settings, b'cover = "../../../etc/hostname"\n'),
        "edition-cover-dir": (settings, b'cover = "audio"\n'),
        "voices-noise": (voice_file, noise),
        "voices-voice-str": (voice_file, b'lang = "de"\nvoice = "str"\n'),
        "voices-speakers": (voice_file, b'speakers = 5\n'
                            + good_voices.split("[speakers]")[0].encode()),
        "voices-lang": (voice_file, b'lang = 5\n'),
        "lexicon-noise": (lexicon, noise),
        "lexicon-words": (lexicon, b"words = 5\n"),
        "lexicon-entry": (lexicon, b'[words]\n"Hafen" = 5\n'),
        "lexicon-table": (lexicon, b'[words]\n"Hafen" = { say = 5, ignore_case = "ja" }\n'),
    }
    path, data = cases[name]
    (out / "audio").mkdir()
    path.write_bytes(data)
    return out, voices, path


@pytest.mark.parametrize("name", [
    "edition-noise", "edition-latin1", "edition-types", "edition-query", "edition-cover-type",
    "edition-cover-outside", "edition-cover-dir", "voices-noise", "voices-voice-str",
    "voices-speakers", "voices-lang", "lexicon-noise", "lexicon-words", "lexicon-entry",
    "lexicon-table",
])
def test_every_hostile_settings_file_is_one_error_line_naming_it(tmp_path, silent_voices,
                                                                 fixtures, name):
    out, voices, path = _settings_case(tmp_path, silent_voices, name)
    res = _build(fixtures / "kurz.txt", "--out", out, "--voices", voices,
                 base_url=None if name == "edition-query" else "http://127.0.0.1:8000/")
    assert res.returncode == 1
    (line,) = _errors(res)
    assert line.startswith(f"Error: {path}: "), line
    assert not (out / "feed").exists()


def test_one_segment_is_not_plural(tmp_path):
    from audio_edition.cli import _count

    assert (_count(1, "segment"), _count(2, "segment"), _count(0, "segment")) == (
        "1 segment", "2 segments", "0 segments")
    voices = tmp_path / "voices"  # one language, so nothing is detected among several
    voices.mkdir()
    shutil.copy(Path(__file__).parent / "fixtures" / "voices-silent" / "de.toml", voices)
    article = tmp_path / "kurz.md"
    article.write_text("---\ntitle: Kurz\nlang: de\n---\n\nEin Satz.\n", encoding="utf-8")
    res = _build(article, "--out", tmp_path / "out", "--voices", voices)
    assert res.returncode == 0, res.stderr
    assert "  2 segments  " in res.stdout


def _espeak_voices(tmp_path, narrator_id):
    folder = tmp_path / "voices-typo"
    folder.mkdir()
    (folder / "de.toml").write_text(
        f'lang = "de"\n[voice.de-narrator]\nrole = "narrator"\nengine = "pyttsx3"\n'
        f'id = "{narrator_id}"\n[voice.de-quote]\nrole = "quote"\nengine = "pyttsx3"\n'
        'id = "gmw/de"\nvariant = "f3"\n', encoding="utf-8")
    return folder


def test_script_and_voices_refuse_a_mistyped_voice_id_as_build_does(tmp_path, fixtures):
    voices = _espeak_voices(tmp_path, "gmw/dee")
    problem = "voice de-narrator: unknown pyttsx3 voice id 'gmw/dee' (see: audio-edition voices)"
    res = _run("script", str(fixtures / "kurz.txt"), "--voices", str(voices))
    assert res.returncode == 1 and _errors(res) == [
        f"Error: {fixtures / 'kurz.txt'}: {problem}"]
    res = _run("voices", "--voices", str(voices), "--lang", "de")
    assert res.returncode == 1
    assert f"      unusable: {problem}" in res.stdout.splitlines()
    assert _errors(res) == [f"Error: {voices}: 1 voice profile cannot be used: {problem}"]
    res = _build(fixtures / "kurz.txt", "--out", tmp_path / "out", "--voices", voices)
    assert _errors(res) == [f"Error: {fixtures / 'kurz.txt'}: {problem}"]
    (tmp_path / "good").mkdir()
    good = _espeak_voices(tmp_path / "good", "gmw/de")
    assert _run("voices", "--voices", str(good), "--lang", "de").returncode == 0


def test_the_owner_email_warning_comes_once_per_folder_and_names_real_files(tmp_path, fixtures,
                                                                            silent_voices):
    out = tmp_path / "out"

    def warnings(res):
        assert res.returncode == 0, res.stderr
        return [line for line in res.stderr.splitlines() if "owner_email" in line]

    first = warnings(_build(fixtures / "kurz.txt", "--out", out, "--voices", silent_voices))
    assert first == [f"WARNING audio_edition.build: {out}: owner_email is not set (in "
                     f"{out / 'edition.toml'}); Apple Podcasts needs it in itunes:owner, so the "
                     "feed has no itunes:owner"]
    assert warnings(_build(fixtures / "kurz.txt", "--out", out, "--voices", silent_voices,
                           "--force")) == []
    (out / "edition.toml").write_text('owner_email = "pod@example.org"\n', encoding="utf-8")
    assert warnings(_build(fixtures / "kurz.txt", "--out", out, "--voices", silent_voices)) == []
    (out / "edition.toml").write_text('title = "Hafenfunk"\n', encoding="utf-8")  # removed again
    assert warnings(_build(fixtures / "kurz.txt", "--out", out, "--voices", silent_voices)) == [
        f"WARNING audio_edition.build: {out / 'edition.toml'}: owner_email is not set; Apple "
        "Podcasts needs it in itunes:owner, so the feed has no itunes:owner"]
    res = _build(fixtures / "kurz.txt", "--out", tmp_path / "bare", "--voices", silent_voices,
                 base_url=None)
    assert _errors(res) == [f"Error: {tmp_path / 'bare'}: no base URL: pass --base-url or set "
                            "base_url in edition.toml"]


# -- issue 15 through the command line: identity, failed builds, the default feed ------------

def _feed(out):
    return feedparser.parse((out / "feed" / "feed.xml").read_bytes())


def _by_guid(out) -> dict[str, str]:
    """The feed's enclosure URL of every episode, by guid."""
    return {e.id: e.enclosures[0].href for e in _feed(out).entries}


def _md(path, title, text="Die Fähre fährt heute öfter als sonst."):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: {title}\nlang: de\n---\n\n{text}\n", encoding="utf-8")
    return path


def test_through_the_cli_no_episode_replaces_another_and_a_rebuild_only_its_own(tmp_path,
                                                                                silent_voices):
    src, out = tmp_path / "src", tmp_path / "out"
    names = ["a b.md", "a-b.md", "dup.md", "dup.txt", "!!!.md", "....md"]
    for n, name in enumerate(names):
        _md(src / name, f"Meldung {n}")
    (src / "dup.txt").write_text("Meldung 3\n\nDer Text der Textdatei.\n", encoding="utf-8")
    library = [_md(tmp_path / "x" / "night-library.md", "Die Bibliothek bleibt offen"),
               _md(tmp_path / "y" / "night-library.md", "Die andere Bibliothek")]
    res = _build(src, *library, "--out", out, "--voices", silent_voices)
    assert res.returncode == 0, res.stderr
    assert "8 built, 0 unchanged, 0 failed" in res.stdout
    first = _by_guid(out)
    assert len(first) == 8 and len(set(first.values())) == 8
    assert all((out / "audio" / url.rsplit("/", 1)[1]).is_file() for url in first.values())
    # an edition with the title of an article episode replaces nothing, built twice
    for _ in range(2):
        res = _build("--edition", "Night Library", library[0], src / "dup.md", "--out", out,
                     "--voices", silent_voices, "--force")
        assert res.returncode == 0, res.stderr
        assert {k: v for k, v in _by_guid(out).items() if k in first} == first
        assert len(_by_guid(out)) == 9
    edition = _by_guid(out).keys() - first.keys()
    # a rebuilt source replaces its own episode, and only it; run from another folder
    _md(src / "dup.md", "Meldung 2", "Ein ganz anderer Text über den Hafen.")
    res = _build("src", *library, "--out", "out", "--voices", silent_voices, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert "1 built, 7 unchanged, 0 failed" in res.stdout
    now = _by_guid(out)
    changed = {guid for guid in first if now[guid] != first[guid]}
    assert len(changed) == 1 and now.keys() == first.keys() | edition
    (guid,) = changed
    assert not (out / "audio" / first[guid].rsplit("/", 1)[1]).exists()  # the old version
    assert sorted(p.name for p in (out / "audio").glob("*.mp3")) == sorted(
        url.rsplit("/", 1)[1] for url in now.values())


def test_through_the_cli_a_failed_build_changes_nothing(tmp_path, fixtures, silent_voices):
    out = tmp_path / "out"
    assert _build(fixtures / "kurz.txt", "--out", out, "--voices", silent_voices).returncode == 0

    def snapshot():
        return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
                if p.is_file() and p.name not in {".audio-edition.lock", "edition.toml",
                                                  "noise.mp3"}}

    before = snapshot()
    (out / "noise.mp3").write_bytes(b"not audio at all" * 100)
    (out / "edition.toml").write_text('title = "Neuer Titel"\nintro = "noise.mp3"\n',
                                      encoding="utf-8")
    res = _build(fixtures / "kurz.txt", fixtures / "short.md", "--out", out, "--voices",
                 silent_voices, "--force")
    assert res.returncode == 1
    (line,) = _errors(res)
    assert line.startswith(f"Error: {out / 'noise.mp3'}: "), line
    assert snapshot() == before  # not the feed's title, not the cover, not the MP3
    (out / "edition.toml").write_text('title = "Neuer Titel"\n', encoding="utf-8")
    (tmp_path / "leer.txt").write_bytes(b"")
    (tmp_path / "kaputt.md").write_text("---\ntitle: [\n---\n\nText.\n", encoding="utf-8")
    res = _build(tmp_path / "leer.txt", tmp_path / "kaputt.md", "--out", out, "--voices",
                 silent_voices)
    assert res.returncode == 1 and len(_errors(res)) == 2
    assert snapshot() == before  # every article failed: the new title is not published either


def test_through_the_cli_the_default_feed_has_no_itunes_owner_and_no_validator_error(
        tmp_path, fixtures, silent_voices):
    from lxml import etree

    from feedcheck import errors, problems

    out = tmp_path / "out"
    res = _build(fixtures / "kurz.txt", fixtures / "short.md", "--out", out, "--voices",
                 silent_voices)
    assert res.returncode == 0, res.stderr
    xml = (out / "feed" / "feed.xml").read_bytes()
    ns = {"itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd"}
    assert etree.fromstring(xml).xpath("channel/itunes:owner", namespaces=ns) == []
    location = "http://127.0.0.1:8000/feed/feed.xml"
    assert errors(xml, location) == []
    assert problems(xml, location) == ["warning: channel: missing itunes:owner/itunes:email"]
    (out / "edition.toml").write_text('owner_email = "pod@example.org"\n', encoding="utf-8")
    assert _build(fixtures / "kurz.txt", "--out", out, "--voices", silent_voices).returncode == 0
    owner = etree.fromstring((out / "feed" / "feed.xml").read_bytes()).xpath(
        "channel/itunes:owner/itunes:email/text()", namespaces=ns)
    assert owner == ["pod@example.org"]


def test_through_the_cli_a_non_ascii_base_url_is_encoded_and_a_query_refused(tmp_path, fixtures,
                                                                            silent_voices):
    out = tmp_path / "out"
    res = _build(fixtures / "kurz.txt", "--out", out, "--voices", silent_voices,
                 base_url="https://bücher.example/hörfunk/")
    assert res.returncode == 0, res.stderr
    xml = (out / "feed" / "feed.xml").read_text(encoding="utf-8")
    urls = re.findall(r'https?://[^\s"<]+', xml)
    assert len(urls) >= 4 and all(u.isascii() for u in urls), urls
    (href,) = [e.enclosures[0].href for e in _feed(out).entries]
    assert href.startswith("https://xn--bcher-kva.example/h%C3%B6rfunk/audio/kurz.")
    for url in ("https://example.org/?x=1", "https://example.org/?", "https://example.org/#a"):
        res = _build(fixtures / "kurz.txt", "--out", tmp_path / "q", "--voices", silent_voices,
                     base_url=url)
        assert res.returncode == 1 and not (tmp_path / "q" / "feed").exists()
        (line,) = _errors(res)
        assert line.startswith("Error: --base-url: ") and repr(url) in line, line


def test_through_the_cli_a_utf16_article_with_a_bom_is_read_and_a_bomb_cover_refused(
        tmp_path, silent_voices):
    import struct
    import zlib

    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "utf16.txt").write_bytes("\ufeffGrüße vom Hafen\n\nDie Fähre fährt öfter.\n"
                                    .encode("utf-16-le"))
    (src / "utf16be.md").write_bytes("\ufeff---\ntitle: Große Fähre\nlang: de\n---\n\nText.\n"
                                     .encode("utf-16-be"))
    res = _build(src, "--out", out, "--voices", silent_voices)
    assert res.returncode == 0, res.stderr
    assert {e.title for e in _feed(out).entries} == {"Grüße vom Hafen", "Große Fähre"}

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    bomb = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 20000, 20000, 8, 2,
                                                               0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b""))
    (out / "huge.png").write_bytes(bomb)
    (out / "edition.toml").write_text('cover = "huge.png"\n', encoding="utf-8")
    feed = (out / "feed" / "feed.xml").read_bytes()
    res = _build(src, "--out", out, "--voices", silent_voices, "--force")
    assert res.returncode == 1
    (line,) = _errors(res)
    assert line.startswith(f"Error: {out / 'huge.png'}: cover: expected a square"), line
    assert (out / "feed" / "feed.xml").read_bytes() == feed


# A build whose segmenter hangs on one paragraph, as parse_np did on "Every Monday the …" (issue
# 15): the real command in its own process, with the limit lowered from 30 s to 2 s.
_HANGING_BUILD = """
import sys
import time
from audio_edition import build
from audio_edition.attribution import chain

real = chain.speaker_in_sentence


def hangs_on_monday(sentence, *args, **kwargs):
    while "Monday" in sentence:  # a pure-Python loop that never advances
        pass
    return real(sentence, *args, **kwargs)


chain.speaker_in_sentence = hangs_on_monday
build.TEXT_STAGE_LIMIT = 2.0
from audio_edition.__main__ import run
run()
"""


def test_an_article_whose_text_stage_hangs_fails_with_one_error_line_and_the_others_build(
        tmp_path, silent_voices):
    src = tmp_path / "src"
    src.mkdir()
    for name, body in [("a.md", "The ferry runs again. “We are glad,” she said."),
                       ("b.md", "The harbour was quiet.\n\nEvery Monday the market square filled "
                                "with traders. “We came for the coffee,” she said."),
                       ("c.md", "The bakery opened. “Fresh bread,” he said.")]:
        (src / name).write_text(f"---\ntitle: {name[0]}\nlang: en\n---\n\n{body}\n", encoding="utf-8")
    out = tmp_path / "out"
    started = time.monotonic()
    res = subprocess.run([sys.executable, "-c", _HANGING_BUILD, "build", str(src), "--out", str(out),
                          "--base-url", "http://127.0.0.1:8000/", "--voices", str(silent_voices)],
                         capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTHONWARNINGS": "ignore"})
    assert time.monotonic() - started < 60
    assert res.returncode == 1
    errors = [line for line in res.stderr.splitlines() if line.startswith("Error:")]
    assert errors == [f"Error: {src / 'b.md'}: text stage took longer than 2 s at paragraph 2 "
                      f"(\"Every Monday the…\")"]
    assert "Traceback" not in res.stderr
    assert "2 built, 0 unchanged, 1 failed" in res.stdout
    assert sorted(p.name.split(".")[0] for p in (out / "audio").glob("*.mp3")) == ["a", "c"]
    feed = feedparser.parse((out / "feed" / "feed.xml").read_bytes())
    assert sorted(e.title for e in feed.entries) == ["a", "c"]


def test_the_command_line_imports_the_build_only_in_the_commands_that_run_it():
    """Importing the command line (``--help``, ``voices``, ``serve``) does not import the
    orchestrator or the web stage, nor NumPy: ``build`` starts the workers' fork server first,
    which then imports what a worker runs while this process imports the build."""
    code = ("import sys\n"
            "import audio_edition.cli\n"
            "print(sorted(m for m in ('audio_edition.build', 'audio_edition.web',\n"
            "                         'audio_edition.chunks', 'numpy') if m in sys.modules))\n")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "[]"
