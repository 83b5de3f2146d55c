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
import logging
import re
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from audio_edition import languages
from audio_edition.errors import ReaderError
from audio_edition.model import Article, ArticleMeta, Block, BlockKind, Role
from audio_edition.readers.common import clean, parse_date, read_text

log = logging.getLogger(__name__)

FRONT_MATTER_KEYS = {"title", "subtitle", "author", "date", "lang", "source", "description",
                     "id", "guid"}
"""Keys the front matter may hold; others (a static site generator's, say) are ignored."""
DECLARED_ID_MAX = 200
"""Longest ``id`` (or ``guid``) the front matter may declare, in characters."""

FRONT_MATTER_MAX = 64 * 1024
"""Longest front matter accepted, in characters: a few dozen lines is usual."""
FRONT_MATTER_NODES = 10_000
"""Most values the front matter may hold, counting each use of an alias (``*name``) as a copy
of what it refers to: aliases nested in aliases would otherwise grow without bound."""

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
# ISO 639 codes, and the longer ones espeak-ng has for languages without one ("piqd")
_LANG = re.compile(r"^[a-z]{2,8}([-_][A-Za-z0-9]{2,8})*$")
_DIRECTIVE = re.compile(r"^\s*<!--\s*(quote|narrator|speaker)\s*(?::\s*(.*?))?\s*-->\s*$", re.I | re.S)

_md = MarkdownIt("commonmark")

MAX_NESTING = _md.options.maxNesting
"""How deep block quotes and lists are parsed as such (markdown-it's commonmark preset: 20
levels, a list level counting two). markdown-it skips whatever lies deeper, silently; here it is
read as plain paragraphs instead (:func:`_tokenize_block`), one per marked line, and a warning
says so."""

_MARKERS = re.compile(r"^(?:[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))+[ \t]*")
_parse_blocks = _md.block.tokenize


def _tokenize_block(state, start: int, end: int) -> None:
    """markdown-it's block tokenizer, except that text nested deeper than it parses becomes
    paragraphs: each line that opens a deeper quote or list item starts one, and the lines that
    follow it (without a marker of their own) continue it."""
    if state.level < MAX_NESTING:
        _parse_blocks(state, start, end)
        return
    line = start
    lines: list[list[str]] = []
    first = None
    while line < end:
        if state.isEmpty(line):
            line += 1
            continue
        if state.sCount[line] < state.blkIndent:
            break  # the line belongs to an outer block, as in markdown-it's own loop
        raw = state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]]
        text = _MARKERS.sub("", raw)
        if first is None:
            first = line
        if text.strip():
            if lines and text == raw and not state.isEmpty(line - 1):
                lines[-1].append(text)  # a continuation line
            else:
                lines.append([text])
        line += 1
    for group in lines:
        state.push("paragraph_open", "p", 1).map = [first, line]
        inline = state.push("inline", "", 0)
        inline.content = "\n".join(group).strip()
        inline.map = [first, line]
        inline.children = []
        state.push("paragraph_close", "p", -1)
    if first is not None:
        state.env.setdefault("flattened", first)
    state.line = line


_md.block.tokenize = _tokenize_block  # the rules for quotes and lists call it for what is inside


def split_front_matter(text: str, path: Path) -> tuple[dict, str]:
    """Returns the front matter as a dict and the Markdown body after it.

    Raises ReaderError when the front matter is too long, not valid YAML or not a mapping;
    the message gives the line in the file.
    """
    if not text.startswith("---"):
        return {}, text
    m = _FRONT.match(text)
    if not m:
        raise ReaderError("front matter: opening '---' has no closing '---'", path)
    yaml_text = m.group(1) or ""
    if len(yaml_text) > FRONT_MATTER_MAX:
        raise ReaderError(f"front matter: {len(yaml_text):,} characters; at most "
                          f"{FRONT_MATTER_MAX:,} are read", path)
    try:
        data = _load_yaml(yaml_text)
    except yaml.YAMLError as exc:
        raise ReaderError(f"front matter: {_yaml_problem(exc)}", path) from None
    if not isinstance(data, dict):
        raise ReaderError(f"front matter: expected key: value pairs but got {data!r}"[:200], path)
    return data, text[m.end():]


def _yaml_problem(exc: yaml.YAMLError) -> str:
    """Returns what is wrong in the front matter and on which line of the file: the YAML
    starts on line 2, after the opening ``---``. A problem found only at the end of the front
    matter (an unclosed bracket or quote) is shown where the unclosed part begins."""
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0] or "invalid YAML"
    mark = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context", None)
    context_mark = getattr(exc, "context_mark", None)
    if mark is None:
        return problem
    where = f"line {mark.line + 2}"
    if context and context_mark is not None and context_mark.line != mark.line:
        where += f" ({context} that starts on line {context_mark.line + 2})"
    return f"{where}: {problem}"


class _FrontMatterLoader(yaml.SafeLoader):
    """PyYAML's safe loader with two limits for front matter: a value that is not a valid
    date (``2026-13-45``) stays text, for the reader to report, and aliases may not expand
    to more than :data:`FRONT_MATTER_NODES` values (the "billion laughs" document), which is
    refused while composing, before anything is built."""

    def __init__(self, stream) -> None:
        super().__init__(stream)
        self._expanded = 0
        self._sizes: dict[int, int] = {}

    def compose_node(self, parent, index):
        alias = self.check_event(yaml.AliasEvent)
        start = self.peek_event().start_mark
        node = super().compose_node(parent, index)
        if alias:
            size = self._sizes.get(id(node))
            if size is None:  # an alias inside the value it names
                raise yaml.composer.ComposerError(None, None, "an alias refers to the value "
                                                  "it is part of", start)
        else:  # complete, and so are its children
            if isinstance(node, yaml.SequenceNode):
                children = node.value
            elif isinstance(node, yaml.MappingNode):
                children = [n for pair in node.value for n in pair]
            else:
                children = []
            size = 1 + sum(self._sizes[id(child)] for child in children)
            self._sizes[id(node)] = size
        self._expanded += size if alias else 1
        if self._expanded > FRONT_MATTER_NODES or size > FRONT_MATTER_NODES:
            raise yaml.composer.ComposerError(
                None, None, f"more than {FRONT_MATTER_NODES:,} values (an alias counts as a "
                "copy of what it names); front matter holds a few keys", start)
        return node

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp",
                                   _FrontMatterLoader.construct_yaml_timestamp)


def _safe_load(text: str) -> object:
    return yaml.load(text, Loader=_FrontMatterLoader) or {}  # noqa: S506 (a SafeLoader)


_PLAIN_VALUE = re.compile(r"^([A-Za-z_][\w-]*):[ \t]+([^\s\"'\[{|>&*!%@`#-].*?)[ \t]*$", re.M)


def _load_yaml(text: str) -> object:
    """Returns the parsed front matter.

    ``title: Absturz: Russland erwartet …`` is not valid YAML (a plain value may not hold
    ``': '``), but it is what people write; when that is the only problem, such values are
    read as quoted strings. Raises yaml.YAMLError for anything else: the error in the text
    with such values quoted, which has the same lines.
    """
    try:
        return _safe_load(text)
    except yaml.YAMLError:
        quoted = _PLAIN_VALUE.sub(
            lambda m: f"{m.group(1)}: {json.dumps(m.group(2), ensure_ascii=False)}"
            if ": " in m.group(2) else m.group(0), text)
        if quoted == text:
            raise
    return _safe_load(quoted)


def _str(data: dict, key: str, path: Path) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, (list, dict)):
        raise ReaderError(f"front matter: {key}: expected text but got {value!r}"[:200], path)
    return clean(str(value)) or None


def _declared_id(front: dict, path: Path) -> str | None:
    """Returns the ``id`` (or ``guid``) the front matter declares, or None."""
    present = [key for key in ("id", "guid") if front.get(key) not in (None, "")]
    if len(present) > 1 and _str(front, "id", path) != _str(front, "guid", path):
        raise ReaderError(f"front matter: id and guid differ ({front['id']!r}, "
                          f"{front['guid']!r}); give one of them"[:300], path)
    if not present:
        return None
    value = front[present[0]]
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ReaderError(f"front matter: {present[0]}: expected text but got {value!r}"[:200],
                          path)
    text = clean(str(value))
    if not text or len(text) > DECLARED_ID_MAX:
        raise ReaderError(f"front matter: {present[0]}: expected up to {DECLARED_ID_MAX} "
                          f"characters but got {len(text)}", path)
    return text


def declared_id(path: Path) -> str | None:
    """Returns the identity the article at ``path`` declares in its front matter (``id:`` or
    ``guid:``), or None. Reads only the front matter. Raises ReaderError as :func:`read`."""
    front, _ = split_front_matter(read_text(path), path)
    return _declared_id(front, path)


def read(path: Path) -> Article:
    """Returns the Article in the Markdown file ``path``.

    Raises ReaderError for an empty file or broken front matter.
    """
    text = read_text(path)
    front, body = split_front_matter(text, path)
    lang = _str(front, "lang", path)
    if lang is not None:
        if not _LANG.match(lang):
            raise ReaderError(f"front matter: lang: expected a language code like 'de' but got {lang!r}", path)
        lang = languages.base_code(lang)
    meta = ArticleMeta(
        author=_str(front, "author", path),
        date=parse_date(front.get("date"), path),
        lang=lang,
        source=_str(front, "source", path),
        subtitle=_str(front, "subtitle", path),
        description=_str(front, "description", path),
        id=_declared_id(front, path),
    )
    env: dict = {}
    blocks = list(_blocks(_md.parse(body, env)))
    if "flattened" in env:
        line = text[:len(text) - len(body)].count("\n") + env["flattened"] + 1
        log.warning("%s: line %d: block quotes or lists nested deeper than %d levels are read "
                    "as plain paragraphs", path, line, MAX_NESTING)
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
