"""Editions: several articles read as one episode.

An edition opens with a spoken intro that names it and lists its articles, then reads each
article in turn, with a longer pause between them. It has one chapter per article, starting
where the article's headline is heard, and one transcript for all of it. The intro is not a
chapter of its own: the chapters are exactly the articles, and the intro is what plays before
the first.

:func:`combine` works on articles that are already read, segmented, cast and planned, and
returns one script and one list of utterances, so the edition goes through synthesis, assembly,
tagging and the feed like any single article.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Protocol, Sequence

from audio_edition import assembly, languages
from audio_edition.chapters import Mark
from audio_edition.model import (
    Article, ArticleMeta, Block, BlockKind, CastSegment, Role, Script, Segment, Utterance,
    VoiceProfile,
)

ARTICLE_PAUSE = 2.0
"""Seconds of silence before each article: longer than before a heading inside one."""



class PreparedArticle(Protocol):
    """What :func:`combine` needs of each article: :class:`audio_edition.build.Prepared`."""

    article: Article
    script: Script
    utterances: list[Utterance]


@dataclass
class Edition:
    """Several prepared articles as one script, ready for synthesis."""

    article: Article
    """Stands for the whole edition: its title, and the intro and every article as blocks, so
    that the full text (ID3 USLT) and the description cover all of it."""
    script: Script
    """The intro's segments, then every article's, in order."""
    utterances: list[Utterance]
    """The intro's utterances, then every article's, with segment indices into ``script``."""
    marks: list[Mark]
    """Where each article begins: one chapter each."""


def edition_lang(langs: Sequence[str], preferred: str) -> str:
    """Returns the language of the intro: ``preferred`` (the podcast's) when an article is in
    it, else the language most articles are in (the first article's on a tie)."""
    if preferred in langs:
        return preferred
    counts = Counter(langs)
    return max(langs, key=lambda lang: (counts[lang], -langs.index(lang)))


def _narrator(parts: Sequence[PreparedArticle], lang: str) -> VoiceProfile:
    for part in parts:
        if part.script.lang == lang:
            for cast in part.script.segments:
                if cast.segment.role is Role.NARRATOR:
                    return cast.voice
    return parts[0].script.segments[0].voice


def combine(title: str, parts: Sequence[PreparedArticle], preferred_lang: str,
            pauses: assembly.Pauses = assembly.DEFAULT_PAUSES,
            speak: Callable[[str, str], str] | None = None) -> Edition:
    """Returns the edition called ``title`` made of ``parts``, in the order given.

    The intro is read by the narrator of the edition's language (:func:`edition_lang`), each
    title by the narrator of its article's language. It says
    each article's title exactly as the article itself has it spoken, and the rest as
    ``speak(text, lang)`` gives it (the build's normalization; as written by default). Raises
    ValueError when ``parts`` is empty.
    """
    if not parts:
        raise ValueError("an edition needs at least one article")
    title = " ".join(title.split())
    lang = edition_lang([p.script.lang for p in parts], preferred_lang)
    narrator = _narrator(parts, lang)
    lead = languages.get(lang).intro
    intro = [CastSegment(Segment(Role.NARRATOR, title, block=-2, kind=BlockKind.TITLE), narrator)]
    if lead:  # a generic language has no intro phrase: the titles alone
        intro.append(CastSegment(Segment(Role.NARRATOR, lead, block=0, kind=BlockKind.PARAGRAPH),
                                 narrator))
    # Each title in the voice of its article's language: an English title in a German edition
    # is read by the English narrator.
    intro += [CastSegment(Segment(Role.NARRATOR, p.article.title, block=k + 1,
                                  kind=BlockKind.LIST_ITEM), _narrator(parts, p.script.lang))
              for k, p in enumerate(parts)]
    # A title is said in the intro as it is said at the start of its article.
    spoken_titles = {
        u.text: u.spoken for p in parts for u in p.utterances
        if p.script.segments[u.segment].segment.kind is BlockKind.TITLE
    }
    blocks = [Block(BlockKind.PARAGRAPH, " ".join(filter(None, [lead, "; ".join(
        p.article.title for p in parts)])))]
    article = Article(path=parts[0].article.path, title=title, teaser=None, blocks=blocks,
                      meta=_meta(parts, lang, blocks[0].text))
    intro_script = Script(article, lang, intro)
    speak = speak or (lambda text, _lang: text)
    utterances = assembly.plan(
        intro_script, lambda text, code: spoken_titles.get(text) or speak(text, code), pauses)
    segments = list(intro_script.segments)
    marks = []
    for part in parts:
        offset = len(segments)
        segments.extend(part.script.segments)
        marks.append(Mark(offset, part.article.title))
        for n, utt in enumerate(part.utterances):
            pause = ARTICLE_PAUSE if n == 0 else utt.pause
            utterances.append(dataclasses.replace(utt, segment=utt.segment + offset, pause=pause))
        blocks.append(Block(BlockKind.HEADING, part.article.title))
        if part.article.teaser:
            blocks.append(Block(BlockKind.PARAGRAPH, part.article.teaser))
        blocks.extend(part.article.blocks)
    return Edition(article, Script(article, lang, segments), utterances, marks)


def _meta(parts: Sequence[PreparedArticle], lang: str, description: str) -> ArticleMeta:
    dates = [p.article.meta.date for p in parts if p.article.meta.date]
    authors = []
    for p in parts:
        name = p.article.meta.author or p.article.meta.source
        if name and name not in authors:
            authors.append(name)
    return ArticleMeta(
        author=", ".join(authors) or None,
        # The newest article's date, so the edition sorts where its news is; without dates,
        # the build falls back to the previous build's date or the file's.
        date=max(dates) if len(dates) == len(parts) else None,
        lang=lang,
        description=description,
    )


__all__ = ["ARTICLE_PAUSE", "Edition", "combine", "edition_lang"]
