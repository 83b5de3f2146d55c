"""HTML articles: the main content is found with readability-lxml, then read block by block.

Navigation, footers and other page furniture are dropped by readability. Headings, paragraphs,
list items and block quotes of the main content become blocks; the title comes from ``<h1>``,
``og:title`` or ``<title>``, and the language from ``<html lang>``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from audio_edition.errors import ReaderError
from audio_edition.model import Article, ArticleMeta, Block, BlockKind
from audio_edition.readers.common import clean, parse_date, read_text

log = logging.getLogger(__name__)

_BLOCK_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "figcaption", "pre"}


def _parse(markup: str):
    # HTMLParser never resolves external entities or loads DTDs; no_network is belt and braces.
    import lxml.html

    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    return lxml.html.document_fromstring(markup, parser=parser)


def _meta(doc, *names: str) -> str | None:
    for name in names:
        for el in doc.xpath("//meta[@name=$n or @property=$n]", n=name):
            value = clean(el.get("content") or "")
            if value:
                return value
    return None


def read(path: Path) -> Article:
    """Returns the Article in the HTML file ``path``.

    Raises ReaderError when the page has no readable main content.
    """
    from lxml import etree
    from readability import Document

    markup = read_text(path)
    try:
        doc = _parse(markup)
        summary = Document(markup).summary(html_partial=True)
        main = _parse(summary)
    except (etree.ParserError, ValueError) as exc:
        raise ReaderError(f"cannot parse HTML: {exc}", path) from None

    lang = doc.get("lang") or _meta(doc, "og:locale", "language")
    lang = lang.lower().replace("_", "-").split("-")[0] if lang else None
    h1 = next((clean(h.text_content()) for h in doc.iter("h1")), None)
    title = h1 or _meta(doc, "og:title") or clean(doc.findtext(".//title") or "")
    if not title:
        raise ReaderError("no title: the page has no <h1>, og:title or <title>", path)

    blocks: list[Block] = []
    for el in main.iter(*_BLOCK_TAGS):
        if el.tag == "pre" or any(a.tag in _BLOCK_TAGS for a in el.iterancestors()) and el.tag != "li":
            continue
        text = clean(el.text_content())
        if not text:
            continue
        if el.tag.startswith("h"):
            if text == title and not blocks:
                continue
            blocks.append(Block(BlockKind.HEADING, text))
        elif el.tag == "li":
            parent = el.getparent()
            number = None
            if parent is not None and parent.tag == "ol":
                start = int(parent.get("start", "1")) if parent.get("start", "1").isdigit() else 1
                number = start + [c for c in parent if c.tag == "li"].index(el)
            blocks.append(Block(BlockKind.LIST_ITEM, text, number=number))
        else:
            blocks.append(Block(BlockKind.PARAGRAPH, text))
    if not blocks:
        raise ReaderError("no readable main content found in the page", path)

    teaser = _meta(doc, "description", "og:description")
    if teaser and blocks and blocks[0].text.startswith(teaser[:40]):
        teaser = None  # the description only repeats the lead paragraph
    meta = ArticleMeta(
        author=_meta(doc, "author", "article:author"),
        date=parse_date(_meta(doc, "article:published_time", "date"), path),
        lang=lang,
        source=_meta(doc, "og:site_name"),
    )
    return Article(path=path, title=title, teaser=teaser, blocks=blocks, meta=meta)
