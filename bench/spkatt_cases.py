#!/usr/bin/env python3
"""Converts a split of the SpkAtt-2023 task-2 data (German WikiNews, CC BY-NC-SA 4.0) into the
case format of ../shared/tools/quote_eval.py, for measurement only: the cases are written
outside the project and never copied into it.

Usage: bench/spkatt_cases.py REPO SPLIT OUT.jsonl

REPO is a git clone of uhh-lt/news-speaker-attribution-2023 (a bare one will do), SPLIT is
``train`` or ``dev``. The rules are those of ../shared/data/spkatt-de/README.md; converting
``train`` reproduces ../shared/data/spkatt-de/train.jsonl byte for byte. docs/QUOTES.md scores
the ``dev`` split as the unseen estimate:

    .venv/bin/python bench/spkatt_cases.py ../news-speaker-attribution-2023 dev /tmp/dev.jsonl
    .venv/bin/python bench/quotes.py /tmp/dev.jsonl
"""
import json, re, subprocess, sys

R = "."  # set by main()
WORD = re.compile(r"\w+", re.UNICODE)

NO_SPACE_BEFORE = set(".,:;?!)]%")
NO_SPACE_AFTER = set("([")
OPEN_Q = {"„", "‚", "»"}
CLOSE_Q = {"“", "”", "’", "«"}
TOGGLE_Q = {'"'}
QUOTE_CHARS = OPEN_Q | CLOSE_Q | TOGGLE_Q | {"‘", "'", "´", "`", "''"}


def load(split):
    out = subprocess.run(["git", "-C", R, "ls-tree", "-r", "-z", "HEAD", f"data/{split}/task2-pretty/"],
                         capture_output=True, check=True).stdout
    docs = []
    for ent in out.split(b"\0"):
        if not ent:
            continue
        meta, path = ent.split(b"\t", 1)
        sha = meta.split()[2].decode()
        blob = subprocess.run(["git", "-C", R, "cat-file", "blob", sha], capture_output=True, check=True).stdout
        docs.append(json.loads(blob))
    return docs


def detok(sentences):
    """Join all tokens into one text; return text and {(sent, tok): (start, end)}."""
    parts = []
    spans = {}
    pos = 0
    glue_next = True  # no space before the first token
    open_state = {}
    for s in sentences:
        sid = s["SentenceId"]
        for ti, t in enumerate(s["Tokens"]):
            space = not glue_next
            glue_after = False
            if t in NO_SPACE_BEFORE:
                space = False
            if t in NO_SPACE_AFTER:
                glue_after = True
            if t in OPEN_Q:
                glue_after = True
            elif t in CLOSE_Q:
                space = False
            elif t in TOGGLE_Q:
                key = t
                if open_state.get(key):
                    space = False
                    open_state[key] = False
                else:
                    glue_after = True
                    open_state[key] = True
            if space:
                parts.append(" ")
                pos += 1
            spans[(sid, ti)] = (pos, pos + len(t))
            parts.append(t)
            pos += len(t)
            glue_next = glue_after
    return "".join(parts), spans


def addr(a):
    s, t = a.split(":")
    return int(s), int(t)


def span_text(text, spans, addrs, strip_quotes=False):
    toks = sorted(addr(a) for a in addrs)
    if strip_quotes:
        toks_text = [(k, text[spans[k][0]:spans[k][1]]) for k in toks]
        while toks_text and toks_text[0][1] in QUOTE_CHARS:
            toks_text.pop(0)
        while toks_text and toks_text[-1][1] in QUOTE_CHARS:
            toks_text.pop()
        toks = [k for k, _ in toks_text]
    if not toks:
        return ""
    return text[spans[toks[0]][0]:spans[toks[-1]][1]]


# quote-marked text (character level, so a mark glued to a token such as 'Eins“-Begegnung' counts)
MARKED = re.compile(r'„([^„“”]*)[“”]|"([^"]*)"|»([^»«]*)«|«([^«»]*)»')
DEDUP = True
DROP_IN_QUOTES = True


def words(s):
    return len(WORD.findall(s))


def convert_doc(d):
    m = re.match(r"(\d+) - (.*) \((\d{4}-\d\d-\d\d)\)$", d["DocumentName"])
    did, title = m.group(1), m.group(2)
    text, spans = detok(d["Sentences"])
    quotes, optional = [], []
    for a in d["Annotations"]:
        if a["Form"] != "Direct":
            continue
        q = span_text(text, spans, a["Message"], strip_quotes=True)
        if not q:
            continue
        if not a["IsNested"] and words(q) >= 6:
            quotes.append({"text": q, "speaker": a.get("SourceText") or None})
        else:
            optional.append(q)
    direct_chars = set()
    for a in d["Annotations"]:
        if a["Form"] == "Direct" and a["Message"]:
            toks = sorted(addr(x) for x in a["Message"])
            direct_chars.add((spans[toks[0]][0], spans[toks[-1]][1]))
    marked = []
    for a in d["Annotations"]:
        if a["Form"] == "Direct" or not a["Message"]:
            continue
        toks = sorted(addr(x) for x in a["Message"])
        lo, hi = spans[toks[0]][0], spans[toks[-1]][1]
        for m in MARKED.finditer(text, lo, hi):
            if (m.start(), m.end()) in direct_chars:
                continue
            inner = next(g for g in m.groups() if g is not None).strip()
            if inner:
                marked.append(inner)
    for m in marked:
        if DEDUP and m in optional:
            continue
        if DROP_IN_QUOTES and any(m in q["text"] for q in quotes):
            continue
        optional.append(m)
    return {"id": did, "lang": "de", "title": title, "text": text, "quotes": quotes, "optional": optional}


def main():
    global R
    if len(sys.argv) != 4:
        sys.exit(__doc__.split("\n\n")[1])
    R, split, out = sys.argv[1:]
    cases = [convert_doc(d) for d in load(split)]
    with open(out, "w", encoding="utf-8") as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    print(f"{len(cases)} cases -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
