"""Gives each segment a voice: the narrator's, or a quote voice chosen per speaker.

Named speakers listed under ``[speakers]`` in ``voices/<lang>.toml`` always get their voice.
Every other distinct speaker in an article gets the next voice of the language's quote pool, and
keeps it throughout the article; unattributed quotes share the first pool voice. The narrator's
voice is never used for a quote.
"""

from __future__ import annotations

import functools
import logging

from audio_edition.config import LanguageVoices, VoiceBook
from audio_edition.errors import ConfigError
from audio_edition.model import Article, CastSegment, Role, Script, Segment, VoiceProfile

log = logging.getLogger(__name__)

MIN_DETECT_CHARS = 40
"""Below this many characters of text, detection is a guess; the edition language is used."""


def detect_lang(article: Article, book: VoiceBook, fallback: str) -> str:
    """Returns the article's language: from its metadata, else detected among ``book``'s languages.

    Raises ConfigError when the metadata names a language that has no voices.
    """
    if article.lang:
        if article.lang not in book.languages:
            known = ", ".join(sorted(book.languages))
            raise ConfigError(f"no voices for language {article.lang!r} (voices exist for: "
                              f"{known})", article.path)
        return article.lang
    text = article.full_text()
    if len(text) < MIN_DETECT_CHARS or len(book.languages) == 1:
        return fallback if fallback in book.languages else next(iter(book.languages))
    identifier = _identifier(tuple(sorted(book.languages)))
    lang, prob = identifier.classify(text)
    log.debug("%s: detected language %s (p=%.2f)", article.path, lang, prob)
    return lang


@functools.lru_cache(maxsize=4)
def _identifier(langs: tuple[str, ...]):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    known = [code for code in langs if code in identifier.nb_classes]
    identifier.set_languages(known or None)
    return identifier


def _match_speaker(speaker: str, table: dict[str, str]) -> str | None:
    if speaker in table:
        return table[speaker]
    last = speaker.split()[-1].lower()
    for name, voice in table.items():
        if name.split()[-1].lower() == last:
            return voice
    return None


def cast(article: Article, segments: list[Segment], voices: LanguageVoices) -> Script:
    """Returns the script: every segment paired with the voice that reads it.

    Raises ConfigError when the language has no quote voice besides the narrator's.
    """
    pool = [v for v in voices.quotes if v.name != voices.narrator.name]
    if not pool:
        raise ConfigError(f"language {voices.lang!r} has no quote voice besides the narrator")
    assigned: dict[str | None, VoiceProfile] = {}
    by_name = {v.name: v for v in pool}
    reserved = set(voices.speakers.values())
    free = [v for v in pool if v.name not in reserved] or pool
    next_free = 0

    def voice_for(speaker: str | None) -> VoiceProfile:
        nonlocal next_free
        if speaker in assigned:
            return assigned[speaker]
        named = _match_speaker(speaker, voices.speakers) if speaker else None
        if named:
            voice = by_name[named]
        else:
            voice = free[next_free % len(free)]
            next_free += 1
        assigned[speaker] = voice
        return voice

    out = []
    for seg in segments:
        voice = voices.narrator if seg.role is Role.NARRATOR else voice_for(seg.speaker)
        out.append(CastSegment(seg, voice))
    return Script(article=article, lang=voices.lang, segments=out)
