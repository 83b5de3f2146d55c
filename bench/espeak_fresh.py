#!/usr/bin/env python3
"""What speaking each utterance in a fresh fork costs (audio_edition.engines.espeak_fresh),
against espeak-ng speaking in this process, on the same sentences in the same process. Not a
timed test: it prints seconds of synthesis per second of audio for both, and their ratio.

    .venv/bin/python bench/espeak_fresh.py [--sentences 60] [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import time

from audio_edition.engines.pyttsx_engine import get_engine
from audio_edition.model import VoiceProfile

VOICE = VoiceProfile("de-narrator", "pyttsx3", "gmw/de", "de", rate=165, pitch=40)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    texts = [f"Der Hafen bekommt im Frühjahr {n} neue Kräne, sagte Jan Ortmann am Montag."
             for n in range(args.sentences)]
    engine = get_engine()
    problem = engine.available()
    if problem:
        raise SystemExit(problem)
    for fresh in (False, True):  # start both ways before measuring
        engine.fresh = fresh
        engine.synthesize("Start.", VOICE)
    cost: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(args.rounds):
        for fresh in (False, True):  # alternating, so load changes hit both alike
            engine.fresh = fresh
            t, audio = time.perf_counter(), 0.0
            for text in texts:
                audio += engine.synthesize(text, VOICE).duration
            cost[fresh].append((time.perf_counter() - t) / audio)
    ref, new = statistics.median(cost[False]), statistics.median(cost[True])
    print(f"{args.sentences} sentences, {args.rounds} rounds (medians)")
    print(f"in this process:  {ref * 1000:.2f} ms of synthesis per second of audio")
    print(f"a fresh fork each: {new * 1000:.2f} ms per second of audio  ({new / ref:.2f}x)")


if __name__ == "__main__":
    main()
