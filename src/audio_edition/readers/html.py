"""HTML articles: the article of a web page, read once, without the page around it.

How a page becomes an :class:`~audio_edition.model.Article`:

1. The page is parsed with lxml (no network, no entities, nesting up to libxml2's limit of a few
   thousand levels; words lost deeper than that are reported, never dropped silently).
2. readability-lxml picks the main content. On the article-extraction benchmark it read more of
   the article than trafilatura did (docs/QUALITY.md, "Web pages").
3. That content is walked once, in document order, into blocks: every run of text becomes a
   block, whatever element holds it (``p``, bare ``div`` text, table cells, ``<br><br>``
   paragraphs), so nothing is read twice and nothing is dropped. Headings and list items keep
   their kind; a table whose cells are short text is read row by row, left to right. Prose in
   ``<pre>`` is read; a code block is skipped with a warning. Captions, image credits, share
   and "read more" furniture are left out, and a block repeated on the page is read once.
4. The page's meta tags and JSON-LD supply the author, date and site name (htmldate reads a
   date in another form); the headline is
   the ``<h1>`` that agrees with the page's title, else ``og:title``/``<title>``, else the
   first sentence. The language comes from ``<html lang>`` or the page's metadata.

:func:`read_markup` reads markup that did not come from a file (a fetched page, a feed item's
``content:encoded``); :func:`read` reads a file with it.
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
import re
from pathlib import Path

from audio_edition import languages
from audio_edition.errors import ReaderError
from audio_edition.model import Article, ArticleMeta, Block, BlockKind
from audio_edition.readers.common import clean, iso_date, read_text

log = logging.getLogger(__name__)

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = _HEADINGS | {
    "p", "div", "section", "article", "main", "header", "blockquote", "li", "ul", "ol", "dl",
    "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "pre", "figure",
    "center", "address", "hr", "details", "summary", "body", "html", "hgroup", "fieldset",
}
"""Elements whose start and end break the text into separate blocks."""
_SKIP = {
    "script", "style", "noscript", "template", "svg", "math", "button", "form", "nav", "aside",
    "footer", "figcaption", "iframe", "object", "embed", "select", "input", "textarea", "label",
    "audio", "video", "canvas", "map", "picture", "img", "head", "title", "meta", "link",
}
"""Elements that are never read: page furniture, media, captions, forms."""
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|related|read-?more|newsletter|subscribe|promo|"
    r"advert|advertisement|ad|ads|sponsor(?:ed)?|caption|credits?|copyright|outbrain|taboola|"
    r"recommended|breadcrumbs?|sharedaddy|jp-relatedposts|comments?|byline|dateline|"
    r"timestamp|tags)(?:$|[\s_-])",
    re.IGNORECASE,
)
"""Class or id words of page furniture inside the main content."""
_CODE_CLASS = re.compile(r"code|highlight|language-|lang-|brush|sourceCode|syntax", re.I)
_CODE_CHARS = re.compile(r"[{}\[\]();=<>$#|\\/*+&^~`]")

_CREDIT_WORDS = (
    r"Bild(?:er)?|Fotos?|Photos?|Photograph(?:y|s)?|Images?|Pictures?|Credits?|Grafik|"
    r"Illustrations?|Quelle|Source|Crédits?|Crédit photo|Foto\s?credit"
)
_CREDIT_IN_TEXT = re.compile(rf"\s*\((?:{_CREDIT_WORDS})\s*:[^()]{{1,80}}\)", re.IGNORECASE)
"""An image credit in parentheses at the end of a caption or paragraph: ``(Bild: Hersteller)``."""
_CREDIT_BLOCK = re.compile(
    rf"^(?:\(?(?:{_CREDIT_WORDS})(?:\s+credit)?\s*:.{{1,80}}|"
    r"(?:Photo|Image|Picture|Foto|Bild)s?\s+(?:by|courtesy of|via|von)\s.{1,80})$",
    re.IGNORECASE,
)
"""A block that is nothing but a credit line: ``Foto: dpa``, ``Photo by A. B./Getty``."""
_TEASER_LINK = re.compile(
    r"^(?:read more|read next|read also|also read|see also|related|more:|more from|"
    r"recommended|advertisement|anzeige|werbung|lesen sie auch|mehr zum thema|auch interessant|"
    r"lire aussi|à lire aussi|voir aussi|publicité|click here|sign up|subscribe|share this|"
    r"follow us)\b",
    re.IGNORECASE,
)
"""A block that points elsewhere instead of saying something."""
_LABEL = re.compile(
    r"^(?:filed under|tags?|tagged|tagged with|categories|category|themen|schlagwörter|"
    r"schlagworte|mots-clés|étiquettes|etiquetas|like this|like loading|comments|kommentare|"
    r"commentaires|comentários|comentarios|caption|close|back to gallery|next|previous|"
    r"image \d+ of\b.*|\d+ / \d+)\s*(?::|$|\.\.\.)|"
    r"(?:reading time|min read|minute read|lesezeit|tempo de leitura|temps de lecture|"
    r"tiempo de lectura|tempo di lettura)",
    re.IGNORECASE,
)
"""A label of the page's own furniture: tags, categories, comment counters, reading time."""
_CONTRIBUTED = re.compile(
    r"^\(?(?:additional |with )?(?:reporting|writing|editing|research) by\b|"
    r"\bcontributed (?:reporting )?to this (?:report|story|article)\W*$|"
    r"^\(?(?:mit material von|mitarbeit:|avec l'afp\b|con información de)",
    re.IGNORECASE,
)
"""The credits at the end of a wire story: ``(Reporting by …; editing by …)``."""
_BYLINE = re.compile(
    r"^(?:by|von|par|por|di|door|av|af|posted by|written by|geschrieben von|verfasst von)\s+\w",
    re.IGNORECASE)
"""A line that starts like a byline (``By Dana Field``); only short lines are tested."""
_BYLINE_WORDS = {
    "by", "and", "von", "und", "par", "et", "por", "y", "writer", "reporter", "staff",
    "correspondent", "editor", "press", "associated", "wire", "services", "news", "ap", "afp",
    "dpa", "reuters", "today", "the", "of", "sports", "political", "national", "auto",
}
"""Words that make up a byline beside the author's and the site's names."""
_DATELINE = re.compile(r"\b\d{1,2}:\d{2}\b|\b(?:19|20)\d{2}\b")
"""A clock time or a year: what a dateline (``Updated 1:39 am EST, Nov. 20, 2019``) has."""
_DATE_WORDS = {
    "updated", "published", "posted", "modified", "last", "on", "at", "am", "pm", "a", "m", "p",
    "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "et", "pt", "ct", "gmt", "utc", "bst",
    "cet", "cest", "mez", "mesz", "uhr", "aktualisiert", "veröffentlicht", "am", "um", "stand",
    "publié", "le", "mis", "à", "jour", "publicado", "actualizado", "el", "de", "of", "the",
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "january", "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "januar", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember",
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
}
"""Words of a dateline besides numbers. (Language tables belong in languages/ once it exists.)"""
_WORD = re.compile(r"\w+")
_TITLE_SEPARATORS = re.compile(r"\s+[|–—·:»-]\s+|\s+::\s+")
_LANG = re.compile(r"^[a-z]{2,3}$")
_MAX_TEASER_WORDS = 80
_REPEAT_WORDS = 12
"""A block of this many words or more is read once however often the page carries it; shorter
ones (``Meal 1``, ``Ingredients``) may rightly recur."""
_MARK = "data-audio-edition-id"
_RESCUED = {"ul", "ol", "dl", "li", "dt", "dd", "table", "pre", "blockquote"}
"""What readability's cleaning drops that is still read: it judges these by length and links,
and a short list or a small table is often the point of a paragraph."""
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def read(path: Path) -> Article:
    """Returns the Article in the HTML file ``path``.

    Raises ReaderError when the file cannot be read or the page has no readable text.
    """
    return read_markup(read_text(path), path)


def read_markup(markup: str, source: str | Path, url: str | None = None) -> Article:
    """Returns the Article in the page ``markup``.

    ``source`` names the page in messages and becomes :attr:`Article.path`; ``url`` is where
    the page came from, if it was fetched (relative links and metadata are resolved against
    it). Raises ReaderError when the markup cannot be parsed or holds no readable text.
    """
    from lxml import etree
    from readability import Document

    try:
        doc = _parse(markup)
    except (etree.ParserError, ValueError) as exc:
        raise ReaderError(f"cannot parse HTML: {exc}", source) from None
    _warn_unparsed(markup, doc, source)
    roots, dropped = _main_content(doc, url)
    meta = _metadata(doc, url, source)

    names = set(_words(f"{meta.author or ''} {meta.source or ''}"))
    blocks, code_blocks = _blocks(roots, names, dropped)
    if code_blocks:
        log.warning("%s: %d code block(s) skipped: code is not read aloud", source, code_blocks)
    title = _headline(doc, roots, meta.source)
    blocks = [b for b in blocks if not (_key(b.text) == _key(title or "") and b.kind in (
        BlockKind.HEADING, BlockKind.PARAGRAPH))]
    if not blocks:
        raise ReaderError("no readable main content found in the page", source)
    if not title:
        title, rest = _first_sentence(blocks[0].text)
        if rest:
            blocks[0].text = rest  # the headline is this sentence: it is read once, as such
        elif rest is not None:
            del blocks[0]
    description = _description(doc)
    teaser = _teaser(doc, blocks, title, description)
    if description and not teaser:
        meta.description = description
    return Article(path=Path(source), title=title, teaser=teaser, blocks=blocks, meta=meta)


def _main_content(doc, url: str | None) -> tuple[list, set]:
    """Returns the elements of ``doc`` that hold the article, in document order, and the
    elements inside them that readability-lxml's cleaning dropped.

    readability chooses the content: its best candidate and the siblings it adds. Its cleaned
    copy is not read as it is, since the cleaning also drops short lists, tables and quotes
    without a trace; each element it kept is found again in ``doc`` by a mark set on a copy
    beforehand. When it finds nothing, the whole body is the content.
    """
    from lxml import etree
    from readability import Document

    originals = list(doc.iter())
    marked = copy.deepcopy(doc)
    for i, el in enumerate(marked.iter()):
        if isinstance(el.tag, str):
            el.set(_MARK, str(i))
    try:
        summary = _parse(Document(marked, url=url).summary(html_partial=True))
    except (etree.ParserError, ValueError):
        summary = None
    roots = []
    kept_marks: set[int] = set()
    if summary is not None:
        # readability moves the siblings it adds into its candidate: an element is a root of
        # the content where its parent in the summary is not its parent in the page.
        for el in summary.iter():
            index = _index(el, len(originals))
            if index is None:
                continue
            kept_marks.add(index)
            parent = _index(el.getparent(), len(originals)) if el.getparent() is not None else None
            if parent is None or originals[parent] is not originals[index].getparent():
                roots.append(index)
    kept: list = []
    for index in sorted(set(roots)):
        el = originals[index]
        if not any(a in kept for a in el.iterancestors()):
            kept.append(el)
    roots = kept
    roots = [r for r in roots if _words(r.text_content())]
    if not roots:
        body = doc.find("body")
        return [body if body is not None else doc], set()
    dropped = {el for r in roots for el in r.iterdescendants()}
    dropped -= {originals[i] for i in kept_marks}
    return roots, dropped


def _index(el, size: int) -> int | None:
    """Returns the position in the page of an element of readability's summary, if marked."""
    mark = el.get(_MARK)
    return int(mark) if mark is not None and mark.isdigit() and int(mark) < size else None


def _parse(markup: str):
    # HTMLParser never resolves external entities or loads DTDs; no_network is belt and braces.
    # huge_tree lifts libxml2's nesting limit from 256 levels to a few thousand.
    import lxml.html

    parser = lxml.html.HTMLParser(
        no_network=True, huge_tree=True, remove_comments=True, remove_pis=True)
    return lxml.html.document_fromstring(markup, parser=parser)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _key(text: str) -> str:
    """The words of ``text``, lowercased, one space apart: what makes two blocks the same."""
    return " ".join(_words(text))


_RAW_SKIP = re.compile(
    r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>|&#?\w+;",
    re.IGNORECASE | re.S)


def _warn_unparsed(markup: str, doc, source) -> None:
    """Warns when the parser kept clearly fewer words than the markup holds.

    libxml2 drops what is nested deeper than its limit; the words of the raw markup, tags
    stripped, tell how much that was.
    """
    raw = len(_WORD.findall(_RAW_SKIP.sub(" ", markup)))
    body = doc.find("body")
    kept = 0
    if body is not None:
        skipped = {"script", "style", "noscript", "template"}
        kept = sum(
            len(_WORD.findall(t)) for t in body.xpath("//text()")
            if t.getparent() is None or t.getparent().tag not in skipped)
    lost = raw - kept
    if lost > max(3, raw // 50):
        log.warning(
            "%s: %d of %d words of the page could not be parsed and are not read "
            "(markup nested deeper than the parser allows?)", source, lost, raw)


class _Walker:
    """Turns an element tree into blocks in one pass, without recursion."""

    def __init__(self, names: set[str], dropped: set) -> None:
        self.blocks: list[Block] = []
        self.code_blocks = 0
        self._names = names
        self._dropped = dropped
        self._buffer: list[tuple[str, bool]] = []
        self._links = 0
        self._seen: set[str] = set()

    def run(self, root, furniture_limit: int) -> None:
        """Adds the blocks of ``root``; an element marked as furniture is skipped only when it
        holds at most ``furniture_limit`` words."""
        from lxml import etree

        stack: list[tuple[BlockKind, int | None]] = [(BlockKind.PARAGRAPH, None)]
        # Per open element: "kept" by readability, "muted" (dropped by it: not read, but
        # what it holds may be) or "rescued" (a dropped list, table or quote: read).
        states = ["kept"]
        walker = etree.iterwalk(root, events=("start", "end"))
        skipped: set = set()
        for event, el in walker:
            tag = el.tag if isinstance(el.tag, str) else ""
            if event == "start":
                if _skip(el, tag, furniture_limit):
                    skipped.add(el)
                    walker.skip_subtree()
                    continue
                if states[-1] == "rescued":
                    state = "rescued"
                elif el in self._dropped:
                    state = "rescued" if tag in _RESCUED else "muted"
                else:
                    state = states[-1]
                if tag in _BLOCKS:
                    self._flush(stack[-1])
                    if tag == "pre":
                        self._pre(el)
                        skipped.add(el)
                        walker.skip_subtree()
                        continue
                    if tag == "table" and _is_data_table(el):
                        self._table(el)
                        skipped.add(el)
                        walker.skip_subtree()
                        continue
                    stack.append(_context(el, tag, stack[-1]))
                elif tag == "br":
                    self._text("\n")
                elif tag == "a":
                    self._links += 1
                states.append(state)
                if state != "muted":
                    self._text(el.text)
            else:
                if el in skipped:
                    skipped.discard(el)
                else:
                    states.pop()
                    if tag in _BLOCKS:
                        self._flush(stack.pop())
                    elif tag == "a":
                        self._links -= 1
                if states[-1] != "muted":
                    self._text(el.tail)
        self._flush(stack[-1])

    def _text(self, text: str | None) -> None:
        if text:
            if text != "\n":
                text = text.replace("\n", " ").replace("\r", " ")
            self._buffer.append((text, self._links > 0))

    def _flush(self, context: tuple[BlockKind, int | None]) -> None:
        if not self._buffer:
            return
        text = "".join(t for t, _ in self._buffer)
        linked = sum(len(_words(t)) for t, in_link in self._buffer if in_link)
        self._buffer.clear()
        kind, number = context
        link_share = linked / max(1, len(_words(text)))
        for part in re.split(r"\n\s*\n", text):
            self._emit(kind, clean(part), number, link_share)
            number = None  # text after a line break in a list item continues that item

    def _emit(self, kind: BlockKind, text: str, number: int | None = None,
              link_share: float = 0.0, furniture: bool = True) -> None:
        """Adds a block unless it is empty, repeated or (when ``furniture``) page furniture."""
        text = clean(_CREDIT_IN_TEXT.sub("", text))
        if not _words(text) or furniture and _is_furniture_text(
                kind, text, link_share, self._names):
            return
        key = _key(text)
        if key in self._seen and len(key.split()) >= _REPEAT_WORDS:
            return  # the page carries this block twice (a duplicated body, a pull quote)
        self._seen.add(key)
        self.blocks.append(Block(kind, text, number=number))

    def _pre(self, el) -> None:
        text = el.text_content()
        if _is_code(el, text):
            self.code_blocks += 1
            return
        for part in re.split(r"\n\s*\n", text):
            self._emit(BlockKind.PARAGRAPH, clean(part))

    def _table(self, table) -> None:
        for row in table.iter("tr"):
            cells = [clean(c.text_content()) for c in row if c.tag in ("td", "th")]
            cells = [c for c in cells if c]
            if cells:
                self._emit(BlockKind.PARAGRAPH, "; ".join(cells), furniture=False)


def _is_furniture_text(kind: BlockKind, text: str, link_share: float, names: set[str]) -> bool:
    """Returns whether a block is page furniture by its text: a credit, a byline, a dateline,
    a pointer to other pages, a reading time; or a short run of links (related stories)."""
    if _CREDIT_BLOCK.match(text) or _TEASER_LINK.match(text) or _LABEL.match(text):
        return True
    words = _words(text)
    if kind is not BlockKind.HEADING and link_share >= 0.8 and len(words) <= 30:
        return True
    if len(words) > 14 or (text.endswith((".", "!", "?", "…", ":", '"', "”", "»")) and not
                           _DATELINE.search(text[-12:])):
        return _CONTRIBUTED.search(text) is not None
    if _BYLINE.match(text) or _DATELINE.search(text) and _mostly(
            words, _DATE_WORDS, 0.7, numbers=True):
        return True
    return bool(names) and _mostly(words, names | _BYLINE_WORDS, 0.75)


def _mostly(words: list[str], vocabulary: set[str], share: float, numbers: bool = False) -> bool:
    """Returns whether at least ``share`` of ``words`` are in ``vocabulary`` (or numbers)."""
    known = sum(w in vocabulary or numbers and w.isdigit() for w in words)
    return known >= share * len(words)


def _skip(el, tag: str, furniture_limit: int) -> bool:
    if not tag or tag in _SKIP:
        return True
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    if _HIDDEN_STYLE.search(el.get("style") or ""):
        return True
    if tag == "figure":
        return False  # its caption is skipped; a table or quote inside it is read
    names = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(_FURNITURE.search(names)) and len(_words(el.text_content())) <= furniture_limit


def _context(el, tag: str, outer: tuple[BlockKind, int | None]) -> tuple[BlockKind, int | None]:
    """Returns the kind (and item number) of text directly inside the block element ``el``."""
    if tag in _HEADINGS:
        return BlockKind.HEADING, None
    if tag == "li":
        parent = el.getparent()
        if parent is not None and parent.tag == "ol":
            start = parent.get("start", "1").strip()
            first = int(start) if start.isdigit() else 1
            items = [c for c in parent if c.tag == "li"]
            return BlockKind.LIST_ITEM, first + items.index(el)
        return BlockKind.LIST_ITEM, None
    if tag in ("ul", "ol", "dl"):
        return outer if outer[0] is BlockKind.LIST_ITEM else (BlockKind.PARAGRAPH, None)
    if outer[0] is BlockKind.HEADING:
        return outer
    return BlockKind.PARAGRAPH, None


def _is_code(el, text: str) -> bool:
    """Returns whether a ``<pre>`` holds code (read as prose otherwise)."""
    marked = [el] + list(el.iter("code", "kbd", "samp"))
    if any(_CODE_CLASS.search(f"{e.get('class') or ''} {e.get('data-lang') or ''}")
           for e in marked) or any(e.tag != "pre" for e in marked):
        return True
    letters = sum(ch.isalpha() or ch.isspace() for ch in text)
    return len(_CODE_CHARS.findall(text)) > 0.03 * max(letters, 1)


def _is_data_table(table) -> bool:
    """Returns whether ``table`` holds data (short cells) rather than laying out a page."""
    cells = [c for c in table.iter("td", "th")]
    if not cells or any(t.tag == "table" for t in table.iterdescendants("table")):
        return False
    for cell in cells:
        if any(d.tag in _BLOCKS for d in cell.iterdescendants() if isinstance(d.tag, str)):
            return False
        if len(cell.text_content()) > 300:
            return False
    return True


def _blocks(roots: list, names: set[str], dropped: set) -> tuple[list[Block], int]:
    """Returns the blocks of the content elements ``roots`` and the number of code blocks
    skipped. Of the elements in ``dropped`` only lists, tables, quotes and ``<pre>`` are read
    (with all they hold)."""
    walker = _Walker(names, dropped)
    # Furniture is a small part of the content: a class word like "read-more" on the
    # article's own container must not skip the article.
    furniture_limit = sum(len(_words(r.text_content())) for r in roots) // 4
    for root in roots:
        walker.run(root, furniture_limit)
    return walker.blocks, walker.code_blocks


def _meta(doc, *names: str) -> str | None:
    for name in names:
        for el in doc.xpath("//meta[@name=$n or @property=$n or @itemprop=$n]", n=name):
            value = clean(el.get("content") or "")
            if value:
                return value
    return None


def _headline(doc, roots: list, site: str | None) -> str | None:
    """Returns the page's headline, or None when the page names none.

    In this order: the first ``<h1>`` that agrees with the page's own title (``og:title``,
    ``<title>``), since it is the headline as shown, without the site's name; an ``<h1>`` in
    the article itself; that title, stripped of the site's name; the article's first heading.
    Any other ``<h1>`` is a brand or a section name.
    """
    named = _meta(doc, "og:title", "twitter:title") or clean(doc.findtext(".//title") or "")
    named_words = set(_words(named))
    for h in doc.iter("h1"):
        text, words = clean(h.text_content()), _words(h.text_content())
        if words and sum(w in named_words for w in words) >= 0.8 * len(words) and (
                _key(text) != _key(site or "")):
            return text
    inside = [h for r in roots for h in r.iter("h1")] + doc.xpath("//article//h1 | //main//h1")
    for h in inside:
        text = clean(h.text_content())
        if _words(text) and _key(text) != _key(site or ""):
            return text
    if named:
        return _strip_site(named, site)
    for h in (h for r in roots for h in r.iter(*sorted(_HEADINGS))):
        text = clean(h.text_content())
        if _words(text):
            return text
    return None


def _strip_site(title: str, site: str | None) -> str:
    """Returns ``title`` without a site name joined to it (``Headline | Site``)."""
    seps = list(_TITLE_SEPARATORS.finditer(title))
    if not seps:
        return title
    head, tail = title[: seps[-1].start()], title[seps[-1].end():]
    first, rest = title[: seps[0].start()], title[seps[0].end():]
    if site and _key(tail) == _key(site):
        return head
    if site and _key(first) == _key(site):
        return rest
    if len(_words(tail)) <= 4 and len(_words(head)) > len(_words(tail)):
        return head
    return title


def _first_sentence(text: str) -> tuple[str, str | None]:
    """Returns a headline for a page that names none: the first sentence of ``text``, cut at 20
    words, and the rest of ``text`` after that sentence (None when the sentence was cut)."""
    parts = re.split(r"(?<=[.!?…])\s+", text, maxsplit=1)
    words = parts[0].split()
    if len(words) > 20:
        return " ".join(words[:20]) + "…", None
    return parts[0], parts[1] if len(parts) > 1 else ""


def _description(doc) -> str | None:
    return _meta(doc, "description", "og:description", "twitter:description")


def _teaser(doc, blocks: list[Block], title: str, description: str | None) -> str | None:
    """Returns the page's description when it is the article's standfirst, else None.

    A standfirst is shown beside the headline; a description shown nowhere near it is a summary
    for search engines or the site's own blurb, and goes to the feed instead. One that the body
    repeats (most of its three-word runs are in the body) is read with the body.
    """
    words = _words(description or "")
    if not words or len(words) > _MAX_TEASER_WORDS or _key(description) == _key(title):
        return None
    beside = False
    for h in doc.iter("h1"):
        if _key(h.text_content()) != _key(title):
            continue
        for container in list(h.iterancestors())[:3]:
            if _key(description) in _key(container.text_content()):
                beside = True
        break
    if not beside:
        return None
    runs = _runs(words)
    body = set(_runs(_words(" ".join(b.text for b in blocks))))
    if sum(r in body for r in runs) >= 0.5 * len(runs):
        return None
    return description


def _runs(words: list[str]) -> list[tuple[str, ...]]:
    """Returns the three-word runs of ``words`` (the whole list when it is shorter)."""
    return [tuple(words[i: i + 3]) for i in range(max(1, len(words) - 2))]


def _metadata(doc, url: str | None, source) -> ArticleMeta:
    """Returns author, date, site name and language of the page.

    From its meta tags, then its JSON-LD (``author``, ``publisher``); the date, when the page
    gives none in ISO form, from htmldate (the page's own dates only, no guessing from text).
    """
    linked = _json_ld(doc)
    author = _meta(doc, "author", "article:author", "parsely-author", "sailthru.author")
    if not author or author.startswith("http"):
        author = _ld_names(linked, "author") or None
    site = _meta(doc, "og:site_name", "application-name") or _ld_names(linked, "publisher") or None
    date = _date(_meta(doc, "article:published_time", "datePublished", "date", "dc.date"))
    date = date or _date(next((str(n["datePublished"]) for n in linked
                               if n.get("datePublished")), None))
    if date is None:
        try:
            from htmldate import find_date

            date = _date(find_date(copy.deepcopy(doc), url=url, extensive_search=False,
                                   original_date=True))
        except Exception as exc:  # noqa: BLE001 - a date is a nicety; the article is still read
            log.warning("%s: no date read from the page: %s", source, exc)
    return ArticleMeta(author=author, date=date, lang=_language(doc), source=site)


def _json_ld(doc) -> list[dict]:
    """Returns the JSON-LD objects of the page (``@graph`` members included)."""
    import json

    found: list[dict] = []
    for script in doc.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        items = data if isinstance(data, list) else [data]
        for item in items:
            if isinstance(item, dict):
                found.append(item)
                found.extend(g for g in item.get("@graph", []) if isinstance(g, dict))
    return found


def _ld_names(objects: list[dict], field: str) -> str:
    """Returns the names under ``field`` of the JSON-LD ``objects``, joined with commas."""
    for obj in objects:
        value = obj.get(field)
        values = value if isinstance(value, list) else [value]
        names = [clean(v.get("name", "")) if isinstance(v, dict) else clean(v)
                 for v in values if isinstance(v, (dict, str))]
        names = [n for n in names if n and not n.startswith("http")]
        if names:
            return ", ".join(names)
    return ""


def _date(value: str | None) -> dt.datetime | None:
    """Returns a timezone-aware datetime from an ISO date in the page, None for anything else."""
    return iso_date(value)


def _language(doc) -> str | None:
    """Returns the page's ISO 639 language code from ``lang`` or its metadata, else None."""
    candidates = [
        doc.get("lang"), doc.get("{http://www.w3.org/XML/1998/namespace}lang"),
        _meta(doc, "og:locale", "language", "content-language", "dc.language"),
    ]
    candidates += [m.get("content") for m in doc.xpath(
        "//meta[translate(@http-equiv, 'CONTENT-LANGUAGE', 'content-language')"
        "='content-language']")]
    for value in candidates:
        code = languages.base_code(value)
        if _LANG.match(code):
            return code
    return None
