"""Markdown articles with YAML front matter, parsed with markdown-it-py.

    ---
    title: The headline
    subtitle: The teaser
    author: Jane Doe
    date: 2026-11-28
    lang: en
    source: example.org
    ---

    Paragraphs, ``## headings``, ``1. lists`` and ``> block quotes``.

The title falls back to the first level-1 heading, which is then not read twice.

Authors can force how a passage is read with an HTML comment on its own line just before it
(see docs/QUOTES.md). It applies to the next paragraph, heading or list item, or to every item
of the list that follows; other Markdown renderers hide such comments:

    <!-- quote: Maria Lehmann -->   the quote voice, attributed to Maria Lehmann
    <!-- quote -->                  the quote voice, speaker unknown
    <!-- narrator -->               the narrator, even where marks look like a quote
    <!-- speaker: Maria Lehmann --> keep the segmentation, give its quotes this speaker
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from audio_edition.errors import ReaderError
from audio_edition.model import Article, ArticleMeta, Block, BlockKind, Role
from audio_edition.readers.common import clean, parse_date, read_text

FRONT_MATTER_KEYS = {"title", "subtitle", "author", "date", "lang", "source", "description"}
"""Keys the front matter may hold; others are ignored with a warning."""

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_LANG = re.compile(r"^[a-z]{2,3}([-_][A-Za-z]{2,4})?$")
_DIRECTIVE = re.compile(r"^\s*<!--\s*(quote|narrator|speaker)\s*(?::\s*(.*?))?\s*-->\s*$", re.I | re.S)

_md = MarkdownIt("commonmark")


def split_front_matter(text: str, path: Path) -> tuple[dict, str]:
    """Returns the front matter as a dict and the Markdown body after it.

    Raises ReaderError when the front matter is not valid YAML or not a mapping.
    """
    if not text.startswith("---"):
        return {}, text
    m = _FRONT.match(text)
    if not m:
        raise ReaderError("front matter: opening '---' has no closing '---'", path)
    try:
        data = _load_yaml(m.group(1) or "")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise ReaderError(f"front matter: {problem}{where}", path) from None
    if not isinstance(data, dict):
        raise ReaderError(f"front matter: expected key: value pairs but got {data!r}"[:200], path)
    return data, text[m.end():]


_PLAIN_VALUE = re.compile(r"^([A-Za-z_][\w-]*):[ \t]+([^\s\"'\[{|>&*!%@`#-].*?)[ \t]*$", re.M)


def _load_yaml(text: str) -> object:
    """Returns the parsed front matter.

    ``title: Absturz: Russland erwartet …`` is not valid YAML (a plain value may not hold
    ``': '``), but it is what people write; when that is the only problem, such values are
    read as quoted strings. Raises yaml.YAMLError for anything else.
    """
    try:
        return yaml.safe_load(text) or {}
    except yaml.YAMLError:
        quoted = _PLAIN_VALUE.sub(
            lambda m: f"{m.group(1)}: {json.dumps(m.group(2), ensure_ascii=False)}"
            if ": " in m.group(2) else m.group(0), text)
        if quoted == text:
            raise
        try:
            return yaml.safe_load(quoted) or {}
        except yaml.YAMLError:
            pass
        raise


def _str(data: dict, key: str, path: Path) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, (list, dict)):
        raise ReaderError(f"front matter: {key}: expected text but got {value!r}"[:200], path)
    return clean(str(value)) or None


def read(path: Path) -> Article:
    """Returns the Article in the Markdown file ``path``.

    Raises ReaderError for an empty file or broken front matter.
    """
    front, body = split_front_matter(read_text(path), path)
    lang = _str(front, "lang", path)
    if lang is not None:
        if not _LANG.match(lang):
            raise ReaderError(f"front matter: lang: expected a language code like 'de' but got {lang!r}", path)
        lang = lang.lower().replace("_", "-").split("-")[0]
    meta = ArticleMeta(
        author=_str(front, "author", path),
        date=parse_date(front.get("date"), path),
        lang=lang,
        source=_str(front, "source", path),
        subtitle=_str(front, "subtitle", path),
        description=_str(front, "description", path),
    )
    blocks = list(_blocks(_md.parse(body)))
    title = _str(front, "title", path)
    if title is None:
        first = next((i for i, b in enumerate(blocks) if b.kind is BlockKind.HEADING), None)
        if first is None:
            raise ReaderError("no title: add 'title:' to the front matter or a '# heading'", path)
        title = blocks.pop(first).text
    if not title:
        raise ReaderError("front matter: title: is empty", path)
    return Article(path=path, title=title, teaser=meta.subtitle, blocks=blocks, meta=meta)


def _inline_text(token: Token) -> str:
    """Returns the readable text of an inline token: text, code and link text, no markup."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            continue
    return clean("".join(parts))


def _directive(content: str) -> tuple[Role | None, str | None] | None:
    """Returns (role, speaker) of an override comment such as ``<!-- quote: Maria Lehmann -->``.

    Returns None for any other HTML, which is then skipped like before.
    """
    m = _DIRECTIVE.match(content)
    if not m:
        return None
    word, arg = m.group(1).lower(), clean(m.group(2) or "") or None
    if word == "narrator":
        return Role.NARRATOR, None
    if word == "quote":
        return Role.QUOTE, arg
    return None, arg


def _blocks(tokens: list[Token]):
    """Yields the Blocks of a markdown-it token stream in reading order."""
    list_stack: list[list[int] | None] = []  # [next number] for ordered lists, None for bullets
    item_number: list[int | None] = []
    pending: tuple[Role | None, str | None] | None = None  # an override for the next block
    list_override: list[tuple[Role | None, str | None] | None] = []  # per open list
    for i, tok in enumerate(tokens):
        if tok.type == "html_block":
            found = _directive(tok.content)
            if found is not None:
                pending = found
            continue
        if tok.type in ("ordered_list_open", "bullet_list_open"):
            # An override right before a list covers all of its items.
            list_override.append(pending)
            pending = None
        if tok.type == "ordered_list_open":
            list_stack.append([int(tok.attrGet("start") or 1)])
        elif tok.type == "bullet_list_open":
            list_stack.append(None)
        elif tok.type in ("ordered_list_close", "bullet_list_close"):
            list_stack.pop()
            list_override.pop()
        elif tok.type == "list_item_open":
            counter = list_stack[-1] if list_stack else None
            if counter is not None:
                item_number.append(counter[0])
                counter[0] += 1
            else:
                item_number.append(None)
        elif tok.type == "list_item_close":
            item_number.pop()
        elif tok.type == "inline":
            parent = tokens[i - 1] if i else None
            text = _inline_text(tok)
            if not text or parent is None:
                continue
            if parent.type == "heading_open":
                block = Block(BlockKind.HEADING, text)
            elif item_number:
                block = Block(BlockKind.LIST_ITEM, text, number=item_number[-1])
            else:
                block = Block(BlockKind.PARAGRAPH, text)
            override = pending or next((o for o in reversed(list_override) if o), None)
            pending = None
            if override is not None:
                block.role, block.speaker = override
            yield block
        elif tok.type in ("fence", "code_block"):
            continue  # code is not read aloud
