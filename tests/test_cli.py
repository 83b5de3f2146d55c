"""The CLI: output on stdout, one-line errors on stderr, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

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
