"""Scores how much of a web page's article we read, against gold article text.

Usage: .venv/bin/python bench/extraction.py PAGES GOLD.json [--split dev|held-out|all]
       [--extractor ours readability trafilatura] [--timeout S] [-v] [--only ID ...]

PAGES is a folder of pages named ``<id>.html`` or ``<id>.html.gz``; GOLD.json maps each id to
an object whose ``articleBody`` is the article's text (the layout of the public
article-extraction benchmark: fetch it, unpack ``html/`` and ``ground-truth.json`` somewhere
outside the project, and point this script at them; never commit its pages). Pages are decoded
as UTF-8, written to a temporary ``.html`` file and read through the real reader.

Extractors:

- ``ours``: ``audio_edition.readers.html.read``; the words read are the teaser and every block,
  the headline is not counted (the gold text has none);
- ``readability``: readability-lxml's ``Document.summary()``, its text content;
- ``trafilatura``: ``trafilatura.extract()`` with its default settings, plain text (install
  trafilatura for it; the project does not depend on it).

Scoring, per page:

- words: ``re.findall(r"\\w+", text.lower())``, Unicode word characters, so "don't" is two
  words and "3.5" is two; a bag (multiset) of these;
- matched: the size of the multiset intersection of gold words and words read; a word read
  twice counts once unless the gold text has it twice;
- recall = matched / gold words (the share of the article that is read);
- junk = (words read - matched) / words read (the share of what is read that is not the
  article; 0 when nothing is read);
- a failure is an exception, nothing read, or a page over the time limit (--timeout, 15 s).

The split is fixed by the page id: ids whose first hex digit is even form the development half,
odd the held-out half. Each page runs in a worker process that is killed and restarted when a
page exceeds twice the time limit, so a hang cannot stop the run. Prints one line per page with
-v, then per extractor the median recall and junk, the failures and the slowest page.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing as mp
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

_WORD = re.compile(r"\w+")
EXTRACTORS = ("ours", "readability", "trafilatura")


def words(text: str) -> Counter:
    """Returns the bag of lowercased word tokens in ``text``."""
    return Counter(_WORD.findall(text.lower()))


def score(gold: str, read: str) -> tuple[float, float]:
    """Returns (recall, junk) of the text ``read`` against the ``gold`` article text."""
    g, r = words(gold), words(read)
    matched = sum((g & r).values())
    n_gold, n_read = sum(g.values()), sum(r.values())
    recall = matched / n_gold if n_gold else 1.0
    junk = (n_read - matched) / n_read if n_read else 0.0
    return recall, junk


def split_of(page_id: str) -> str:
    """Returns ``dev`` or ``held-out`` for a page id (a hex digest)."""
    return "dev" if int(page_id[0], 16) % 2 == 0 else "held-out"


def _extract(name: str, markup: str, tmp: Path, page_id: str) -> tuple[str, str]:
    """Returns (headline, body text) of one page by the extractor ``name``."""
    if name == "ours":
        from audio_edition.readers import html

        path = tmp / f"{page_id}.html"
        path.write_text(markup, encoding="utf-8")
        art = html.read(path)
        parts = ([art.teaser] if art.teaser else []) + [b.text for b in art.blocks]
        return art.title, "\n".join(parts)
    if name == "readability":
        import lxml.html
        from readability import Document

        doc = Document(markup)
        summary = doc.summary(html_partial=True)
        return doc.short_title(), lxml.html.fromstring(summary).text_content()
    if name == "trafilatura":
        import trafilatura

        return "", trafilatura.extract(markup) or ""
    raise ValueError(name)


def _worker(conn) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        while True:
            job = conn.recv()
            if job is None:
                return
            name, markup, page_id = job
            start = time.perf_counter()
            try:
                title, text = _extract(name, markup, Path(tmp), page_id)
                error = None
            except Exception as exc:  # noqa: BLE001 - a failure is what we measure
                title, text, error = "", "", f"{type(exc).__name__}: {exc}"
            conn.send((title, text, error, time.perf_counter() - start))


class _Pool:
    """One worker process, restarted when a page takes too long."""

    def __init__(self) -> None:
        self._ctx = mp.get_context("spawn")
        self._start()

    def _start(self) -> None:
        self._conn, child = self._ctx.Pipe()
        self._proc = self._ctx.Process(target=_worker, args=(child,), daemon=True)
        self._proc.start()

    def run(self, name: str, markup: str, page_id: str, timeout: float):
        self._conn.send((name, markup, page_id))
        if self._conn.poll(timeout):
            return self._conn.recv()
        self._proc.kill()
        self._proc.join()
        self._start()
        return "", "", f"no result after {timeout:.0f} s", timeout

    def close(self) -> None:
        self._conn.send(None)
        self._proc.join(5)


def _load(pages: Path, gold_file: Path) -> dict[str, tuple[str, str]]:
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    found: dict[str, tuple[str, str]] = {}
    for path in sorted(pages.iterdir()):
        name = path.name
        if name.endswith(".html.gz"):
            page_id, data = name[: -len(".html.gz")], gzip.decompress(path.read_bytes())
        elif name.endswith(".html"):
            page_id, data = name[: -len(".html")], path.read_bytes()
        else:
            continue
        if page_id in gold:
            found[page_id] = (data.decode("utf-8", errors="replace"), gold[page_id]["articleBody"])
    return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pages", type=Path)
    ap.add_argument("gold", type=Path)
    ap.add_argument("--split", choices=("dev", "held-out", "all"), default="all")
    ap.add_argument("--extractor", nargs="+", choices=EXTRACTORS, default=list(EXTRACTORS))
    ap.add_argument("--timeout", type=float, default=15.0, help="seconds a page may take")
    ap.add_argument("--only", nargs="+", help="page ids (or prefixes) to run")
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per page")
    args = ap.parse_args(argv)

    pages = _load(args.pages, args.gold)
    if args.only:
        pages = {k: v for k, v in pages.items() if any(k.startswith(p) for p in args.only)}
    splits = ("dev", "held-out") if args.split == "all" else (args.split,)
    pool = _Pool()
    try:
        for name in args.extractor:
            for split in splits:
                ids = [k for k in pages if split_of(k) == split]
                if not ids:
                    continue
                recalls, junks, failures, slowest = [], [], [], (0.0, "")
                for page_id in ids:
                    markup, gold = pages[page_id]
                    title, text, error, seconds = pool.run(
                        name, markup, page_id, 2 * args.timeout)
                    slowest = max(slowest, (seconds, page_id))
                    if error is None and not text.strip():
                        error = "nothing read"
                    if error is None and seconds > args.timeout:
                        error = f"took {seconds:.1f} s"
                    recall, junk = score(gold, text) if error is None else (0.0, 1.0)
                    recalls.append(recall)
                    junks.append(junk)
                    if error:
                        failures.append(f"{page_id[:12]} {error}")
                    if args.verbose:
                        print(f"{name:12} {split:8} {page_id[:12]} recall {recall:.3f} "
                              f"junk {junk:.3f} {seconds:6.2f} s  {title[:50]!r}"
                              + (f"  FAIL {error}" if error else ""), flush=True)
                print(f"{name:12} {split:8} pages {len(ids):3}  "
                      f"median recall {statistics.median(recalls):.3f}  "
                      f"median junk {statistics.median(junks):.3f}  "
                      f"mean recall {statistics.fmean(recalls):.3f}  "
                      f"mean junk {statistics.fmean(junks):.3f}  "
                      f"failures {len(failures)}  "
                      f"slowest {slowest[0]:.2f} s ({slowest[1][:12]})", flush=True)
                for line in failures:
                    print(f"    failure: {line}")
    finally:
        pool.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
