"""Gives each segment a voice: the narrator's, or a quote voice chosen per speaker.

Named speakers listed under ``[speakers]`` in ``voices/<lang>.toml`` always get their voice.
Every other distinct speaker in an article gets the next voice of the language's quote pool, and
keeps it throughout the article; unattributed quotes share the first pool voice. The narrator's
voice is never used for a quote.
"""

from __future__ import annotations

import functools
import logging
import re
from pathlib import Path

from audio_edition import cachefile
from audio_edition.config import LanguageVoices, VoiceBook
from audio_edition.errors import ConfigError
from audio_edition.model import Article, CastSegment, Role, Script, Segment, VoiceProfile

log = logging.getLogger(__name__)

MIN_DETECT_CHARS = 40
"""Below this many characters of text, detection is a guess; the edition language is used."""
FUNCTION_WORDS = {
    "de": frozenset("der die das und ist nicht ein eine zu mit den von auf für sich dem im auch "
                    "es wir".split()),
    "en": frozenset("the and of to is in that it for on with as was are this by be at we not"
                    .split()),
    "fr": frozenset("le la les et est un une des du en que qui dans pour pas au sur il nous ce"
                    .split()),
}
"""The twenty commonest short words of each language that has a table here."""
CLEAR_HITS = 30
"""A text with at least this many function words of one language..."""
CLEAR_RATIO = 4.0
"""...and this many times as many as of any other is in that language without further ado."""
_WORD = re.compile(r"[^\W\d_]+")


def detect_lang(article: Article, book: VoiceBook, fallback: str,
                model_dir: Path | None = None) -> str:
    """Returns the article's language: from its metadata, else detected among ``book``'s languages.

    ``model_dir`` is where the language model may be kept unpacked (see :func:`_identifier`).

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
    clear = _clear_lang(text, book.languages)
    if clear:
        log.debug("%s: language %s by its function words", article.path, clear)
        return clear
    identifier = _identifier(tuple(sorted(book.languages)), model_dir)
    lang, prob = identifier.classify(text)
    log.debug("%s: detected language %s (p=%.2f)", article.path, lang, prob)
    return lang


def _clear_lang(text: str, langs) -> str | None:
    """Returns the language of ``text`` when its commonest words leave no doubt, else None.

    Only when every one of ``langs`` has a :data:`FUNCTION_WORDS` table: a language without one
    could look like one with. The language-identification model, which takes most of a second
    to load, is then needed only for short or mixed texts.
    """
    if not all(lang in FUNCTION_WORDS for lang in langs):
        return None
    counts = dict.fromkeys(langs, 0)
    for m in _WORD.finditer(text[:20000]):
        word = m.group().lower()
        for lang in langs:
            if word in FUNCTION_WORDS[lang]:
                counts[lang] += 1
    ranked = sorted(counts.values(), reverse=True)
    best = max(counts, key=counts.get)
    runner_up = ranked[1] if len(ranked) > 1 else 0
    if ranked[0] >= CLEAR_HITS and ranked[0] >= CLEAR_RATIO * runner_up:
        return best
    return None


@functools.lru_cache(maxsize=4)
def _identifier(langs: tuple[str, ...], model_dir: Path | None = None):
    """Returns py3langid's identifier restricted to ``langs``.

    py3langid ships its model LZMA-compressed, and unpacking it takes most of a second. With
    ``model_dir`` (the segment cache), the model restricted to ``langs`` is kept there
    uncompressed, which loads in a tenth of the time.
    """
    from importlib.metadata import version

    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    cached = None
    if model_dir is not None:
        cached = model_dir / (f"langid-{version('py3langid')}-{'-'.join(langs)}."
                              f"{cachefile.FORMAT}.npz")
        identifier = _load_identifier(cached)
        if identifier is not None:
            return identifier
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    known = [code for code in langs if code in identifier.nb_classes]
    identifier.set_languages(known or None)
    if cached is not None and known:
        _save_identifier(identifier, cached)
    return identifier


def _save_identifier(identifier, path: Path) -> None:
    import io

    import numpy as np

    buf = io.BytesIO()
    np.savez(buf, ptc=identifier.nb_ptc, pc=identifier.nb_pc,
             classes=np.array(identifier.nb_classes), nextmove=np.asarray(identifier.tk_nextmove),
             row=np.asarray(identifier.tk_row), output=np.asarray(identifier.tk_output))
    try:
        cachefile.write(path, buf.getvalue(), path.name)
    except OSError as exc:
        log.debug("cannot keep the language model at %s: %s", path, exc)


def _load_identifier(path: Path):
    import io
    from array import array

    import numpy as np
    from py3langid.langid import LanguageIdentifier

    data = cachefile.read(path, path.name)
    if data is None:
        return None
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
            return LanguageIdentifier(
                arrays["ptc"], arrays["pc"], arrays["classes"].tolist(),
                array("I", arrays["nextmove"].astype(np.uint32).tobytes()),
                arrays["output"].tolist(), norm_probs=True,
                tk_row=array("H", arrays["row"].astype(np.uint16).tobytes()))
    except Exception as exc:  # whatever the checksum let through is a miss, never an error
        cachefile.note_damaged(path, f"{type(exc).__name__}: {exc}")
        return None


def _match_speaker(speaker: str, table: dict[str, str]) -> str | None:
    if speaker in table:
        return table[speaker]
    last = speaker.split()[-1].lower()
    for name, voice in table.items():
        if name.split()[-1].lower() == last:
            return voice
    return None


def _quote_pools(voices: LanguageVoices) -> tuple[list[VoiceProfile], list[VoiceProfile]]:
    """Returns the quote voices besides the narrator's, and those of them not reserved for a
    named speaker (all of them when every one is), in the order they are handed out."""
    pool = [v for v in voices.quotes if v.name != voices.narrator.name]
    reserved = set(voices.speakers.values())
    return pool, [v for v in pool if v.name not in reserved] or pool


def likely_voices(voices: LanguageVoices) -> list[VoiceProfile]:
    """Returns the voices most articles in the language are read by, as far as can be told
    before reading one: the narrator, and the quote voice the first quoted person gets unless
    a voice is reserved for them."""
    return [voices.narrator, *_quote_pools(voices)[1][:1]]


def cast(article: Article, segments: list[Segment], voices: LanguageVoices) -> Script:
    """Returns the script: every segment paired with the voice that reads it.

    Raises ConfigError when the language has no quote voice besides the narrator's.
    """
    pool, free = _quote_pools(voices)
    if not pool:
        raise ConfigError(f"language {voices.lang!r} has no quote voice besides the narrator")
    assigned: dict[str | None, VoiceProfile] = {}
    by_name = {v.name: v for v in pool}
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
        # the person, never a bare pronoun: an unresolved "er" is an unattributed quote
        voice = voices.narrator if seg.role is Role.NARRATOR else voice_for(seg.person)
        out.append(CastSegment(seg, voice))
    return Script(article=article, lang=voices.lang, segments=out)
