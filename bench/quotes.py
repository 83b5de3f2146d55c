"""Scores the quote segmentation and speaker attribution against labelled passages.

Usage: .venv/bin/python bench/quotes.py [CASES.jsonl] [-v] [--split] [--partial N] [--keep-pronouns]

CASES.jsonl defaults to the project's own set, tests/quotes/passages.jsonl; pass
../shared/data/spkatt-de/train.jsonl for the shared news set. The scoring is the function of
../shared/tools/quote_eval.py, imported from there, so both tools count the same way; the cases
go through the real readers (each is written to a Markdown file with ``title`` and ``lang``
front matter, or to a .txt file for cases marked ``"format": "txt"``) and the real segmenter,
in process, without the CLI.

Prints span-level precision, recall, F1 and speaker accuracy. With ``--split``, also for the
held-out part (every 5th case) and the rest, to see whether tuning generalises.

Speaker accuracy scores ``speaker``, the mention as the text attributes the quote (a pronoun as
written), as ``quote_eval.py`` does. Person accuracy scores ``person``, who that is after
pronoun resolution, against a gold quote's ``person`` (its ``speaker`` when it has none). The
shared set labels no persons, so there a gold ``er`` never matches a person: its person accuracy
is what the speaker accuracy was while ``speaker`` held the resolved person.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
_TOOLS = ROOT.parent / "shared" / "tools"
sys.path.insert(0, str(_TOOLS))

from audio_edition.readers import read_article  # noqa: E402
from audio_edition.segmenter import PARTIAL_MIN_WORDS, segment  # noqa: E402

DEFAULT = ROOT / "tests" / "quotes" / "passages.jsonl"


def _scorer():
    """Returns quote_eval.score, or exits with a message when the shared tool is missing."""
    try:
        import quote_eval  # type: ignore[import-not-found]
    except ImportError:
        sys.exit(f"bench/quotes.py: cannot import quote_eval from {_TOOLS}")
    return quote_eval.score


def run_case(case: dict, folder: Path, **options) -> list[dict]:
    """Returns the segments of one case as the dicts the CLI prints."""
    if case.get("format") == "txt":
        path = folder / f"{case['id']}.txt"
        path.write_text(case["text"], encoding="utf-8")
    else:
        path = folder / f"{case['id']}.md"
        title = case.get("title", "Testfall")
        path.write_text(f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\nlang: {case['lang']}\n---\n\n"
                        f"{case['text']}\n", encoding="utf-8")
    article = read_article(path)
    segs = segment(article, case["lang"], **options)
    return [{"role": s.role.value, "speaker": s.speaker, "person": s.person, "text": s.text}
            for s in segs]


def _as_persons(case: dict, segs: list[dict]) -> tuple[dict, list[dict]]:
    """Returns the case and segments with every speaker replaced by the person it refers to."""
    quotes = [{**q, "speaker": q.get("person", q["speaker"])} for q in case["quotes"]]
    return {**case, "quotes": quotes}, [{**s, "speaker": s["person"]} for s in segs]


def evaluate(cases: list[dict], verbose: bool = False, **options) -> dict:
    """Scores ``cases``; returns precision, recall, f1, speaker accuracy and the counts."""
    score = _scorer()
    found = missed = right = wrong = 0
    speakers: list[bool] = []
    persons: list[bool] = []
    exact = 0
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases:
            segs = run_case(case, Path(tmp), **options)
            f, m, r, w, spk, _ = score(case, segs)
            found += f
            missed += m
            right += r
            wrong += w
            speakers += spk
            persons += score(*_as_persons(case, segs))[4]
            ok = m == 0 and w == 0 and all(spk)
            exact += ok
            if verbose and not ok:
                print(f"--- {case['id']}: found={f} missed={m} false={w} speakers={sum(spk)}/{len(spk)}")
                for q in case["quotes"]:
                    print(f"    gold  {q['speaker']!s:30.30} | {q['text'][:90]}")
                for s in segs:
                    if s["role"] == "quote":
                        who = s["speaker"] if s["person"] == s["speaker"] else f"{s['speaker']} → {s['person']}"
                        print(f"    got   {who!s:30.30} | {s['text'][:90]}")
    p = right / max(1, right + wrong)
    r = found / max(1, found + missed)
    f1 = 2 * p * r / max(1e-9, p + r)
    return {"precision": p, "recall": r, "f1": f1, "speaker_acc": sum(speakers) / max(1, len(speakers)),
            "person_acc": sum(persons) / max(1, len(persons)),
            "cases": len(cases), "exact": exact, "found": found, "missed": missed, "right": right,
            "wrong": wrong, "speakers": len(speakers)}


def _line(name: str, res: dict) -> str:
    return (f"{name:10} cases {res['cases']:4}  precision {res['precision']:.3f}  recall {res['recall']:.3f}  "
            f"F1 {res['f1']:.3f}  speaker-acc {res['speaker_acc']:.3f}  person-acc {res['person_acc']:.3f}  "
            f"exact {res['exact']}/{res['cases']}")


def main(argv: list[str] | None = None) -> int:
    """Runs the benchmark; returns 0."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("cases", nargs="?", default=str(DEFAULT))
    ap.add_argument("-v", "--verbose", action="store_true", help="print the cases that are not exact")
    ap.add_argument("--split", action="store_true", help="also score every 5th case apart (held out)")
    ap.add_argument("--partial", type=int, default=PARTIAL_MIN_WORDS,
                    help="partial-quote threshold in words (0: never)")
    ap.add_argument("--keep-pronouns", action="store_true",
                    help="do not resolve er/she/il to persons (person stays null)")
    a = ap.parse_args(argv)
    cases = [json.loads(line) for line in open(a.cases, encoding="utf-8") if line.strip()]
    options = {"partial_min_words": a.partial or None, "resolve_pronouns": not a.keep_pronouns}
    print(_line("all", evaluate(cases, a.verbose, **options)))
    if a.split:
        held = [c for k, c in enumerate(cases) if k % 5 == 4]
        rest = [c for k, c in enumerate(cases) if k % 5 != 4]
        print(_line("tuning", evaluate(rest, False, **options)))
        print(_line("held-out", evaluate(held, False, **options)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
