"""Gives each segment a voice: the narrator's, or a quote voice chosen per speaker.

Named speakers listed under ``[speakers]`` in ``voices/<lang>.toml`` always get their voice.
Every other distinct speaker in an article gets the next voice of the language's quote pool, and
keeps it throughout the article; unattributed quotes share the first pool voice. The narrator's
voice is never used for a quote.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import math
import re
from pathlib import Path
from typing import Callable

from audio_edition import cachefile, languages
from audio_edition.config import LanguageVoices, VoiceBook
from audio_edition.errors import ConfigError
from audio_edition.model import Article, BlockKind, CastSegment, Role, Script, Segment, VoiceProfile

log = logging.getLogger(__name__)

MIN_DETECT_CHARS = 40
"""Below this many characters of text, detection is a guess; the edition language is used."""
MIN_PASSAGE_CHARS = 60
"""A segment needs this many characters before its own language is detected (item 5)."""
PASSAGE_CONFIDENCE = 0.99
"""...and the detector must be this sure that it is in another language that can be spoken."""
CLEAR_HITS = 30
"""A text with at least this many function words of one language..."""
CLEAR_RATIO = 4.0
"""...and this many times as many as of any other is in that language without further ado."""
EDITION_RATIO = 2.0
"""A text with :data:`CLEAR_HITS` function words of the edition's language and this many times
as many as of any other fully written language is in the edition's language (464 of the 2,817
texts of our quote sets and the shared German set, tried with three edition languages; the
model read none of them otherwise)."""
PASSAGE_OWN_HITS = 2
"""A passage with at least this many function words of its article's language..."""
PASSAGE_OWN_RATIO = 2.0
"""...and this many times as many as of any other fully written language stays in the article's
language without the model (1,450 of the 1,816 passages of 60 characters or more in our quote
sets and the shared German set; none of them read otherwise by the model)."""
_WORD = re.compile(r"[^\W\d_]+")


def detect_lang(article: Article, book: VoiceBook, fallback: str,
                model_dir: Path | None = None) -> str:
    """Returns the article's language: from its metadata, else the edition's language
    (``fallback``) when the text's function words plainly agree with it, else detected among
    every language that can be spoken (:meth:`VoiceBook.speakable`).

    ``model_dir`` is where the language model may be kept unpacked (see :func:`_identifier`).

    Raises ConfigError when the metadata names a language no installed engine speaks.
    """
    if article.lang:
        code = languages.base_code(article.lang)
        try:
            book.for_lang(code)
        except ConfigError as exc:
            raise ConfigError(exc.problem, article.path) from None
        return code
    text = article.full_text()
    if len(text) < MIN_DETECT_CHARS:
        return fallback if fallback in book.languages else next(iter(book.languages))
    candidates = book.speakable()
    clear = _clear_lang(text, candidates)
    if clear:
        log.debug("%s: language %s by its function words", article.path, clear)
        return clear
    prior = languages.base_code(fallback)
    if prior in candidates and _agrees(text, prior, CLEAR_HITS, EDITION_RATIO):
        # the edition's language, and the text's commonest words say the same: the model, most
        # of a second to load, is not needed (a text in a close relative of the edition's
        # language, Luxembourgish in a German edition, is read as the edition's then)
        log.debug("%s: language %s, the edition's, by its function words", article.path, prior)
        return prior
    identifier = _identifier(tuple(candidates), model_dir)
    lang, prob = identifier.classify(text)
    log.debug("%s: detected language %s (p=%.2f)", article.path, lang, prob)
    return lang


def ready(book: VoiceBook, model_dir: Path | None = None) -> None:
    """Loads what :func:`detect_lang` and :func:`passage_lang` use for ``book``'s languages
    (each language's function words, the language-identification model) ahead of the first
    text that needs them."""
    candidates = book.speakable()
    for lang in candidates:
        languages.get(lang)
    _identifier(tuple(candidates), model_dir)


def passage_lang(text: str, lang: str, book: VoiceBook, model_dir: Path | None = None) -> str:
    """Returns the language a passage of an article in ``lang`` is read in: another language
    that can be spoken when the passage is long enough and clearly in it, else ``lang``."""
    if len(text) < MIN_PASSAGE_CHARS or _agrees(text, lang, PASSAGE_OWN_HITS, PASSAGE_OWN_RATIO):
        return lang  # short, or plainly in the article's language by its commonest words
    identifier = _identifier(tuple(book.speakable()), model_dir)
    other, prob = identifier.classify(text)
    if other == lang or prob < PASSAGE_CONFIDENCE:
        return lang
    # Function words must agree where both languages have them: the model alone mistakes a
    # German sentence full of English loan words for English now and then.
    words = {m.group().lower() for m in _WORD.finditer(text)}
    own, theirs = languages.get(lang).function_words, languages.get(other).function_words
    if own and theirs and len(words & theirs) <= len(words & own):
        return lang
    log.debug("passage in %s (p=%.3f) in a %s article: %.40r", other, prob, lang, text)
    return other


def _agrees(text: str, lang: str, hits: int, ratio: float) -> bool:
    """Whether ``text`` has at least ``hits`` of ``lang``'s function words, and ``ratio`` times
    as many as of any other fully written language's: plainly in ``lang``, by its commonest
    words. Always False for a language without function words (a generic one)."""
    if not languages.get(lang).function_words:
        return False
    counts = _function_word_counts(text, languages.full_codes())
    mine = counts.pop(lang, 0)  # only a fully written language has function words
    return mine >= hits and mine >= ratio * max(counts.values(), default=0)


def _function_word_counts(text: str, langs) -> dict[str, int]:
    """Returns how many of each of ``langs``' function words the start of ``text`` has."""
    tables = {lang: languages.get(lang).function_words for lang in langs}
    counts = dict.fromkeys(tables, 0)
    for m in _WORD.finditer(text[:20000]):
        word = m.group().lower()
        for lang, table in tables.items():
            if word in table:
                counts[lang] += 1
    return counts


def _clear_lang(text: str, langs) -> str | None:
    """Returns the language of ``text`` when its commonest words leave no doubt, else None.

    Only when every one of ``langs`` has function words (a full language): a generic language
    could look like one with them. The language-identification model, which takes most of a second
    to load, is then needed only for short or mixed texts.
    """
    if not all(languages.get(lang).function_words for lang in langs):
        return None
    counts = _function_word_counts(text, langs)
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
    ``model_dir``, the model restricted to ``langs`` is kept there uncompressed (57 MB), and
    loaded again without unpacking or copying its tables (:func:`_load_identifier`).
    """
    from importlib.metadata import version

    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    cached = None
    if model_dir is not None:
        digest = hashlib.sha1("-".join(langs).encode()).hexdigest()[:12]
        cached = model_dir / (f"langid-{version('py3langid')}-{digest}."
                              f"{cachefile.FORMAT}.{MODEL_LAYOUT}.bin")
        identifier = _load_identifier(cached)
        if identifier is not None:
            return identifier
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    known = [code for code in langs if code in identifier.nb_classes]
    identifier.set_languages(known or None)
    if cached is not None and known:
        _save_identifier(identifier, cached)
    return identifier


MODEL_LAYOUT = "raw1"
"""How a kept model is laid out (part of its file name): a line of JSON naming the languages and
where each table starts, then the tables' bytes one after the other, in this machine's order."""
_TABLES = {"ptc": "nb_ptc", "pc": "nb_pc", "nextmove": "tk_nextmove", "row": "tk_row",
           "output": "tk_output"}
"""The tables of py3langid's model, by the attribute of its identifier that holds them."""
_TYPECODES = {"nextmove": "I", "row": "H", "output": "q"}
"""The tables the identifier indexes one item at a time, and the items' types: a view of the
loaded bytes serves them as well as py3langid's own arrays."""


def _save_identifier(identifier, path: Path) -> None:
    import numpy as np

    index, tables, offset = {}, [], 0
    for name, attr in _TABLES.items():
        code = _TYPECODES.get(name)
        table = np.ascontiguousarray(getattr(identifier, attr), dtype=code and np.dtype(code))
        index[name] = [table.dtype.str, list(table.shape), offset]
        tables.append(table.tobytes())
        offset += table.nbytes
    head = json.dumps({"classes": identifier.nb_classes, "tables": index}).encode("utf-8")
    try:
        cachefile.write(path, head + b"\n" + b"".join(tables), path.name)
        for old in path.parent.glob("langid-*.npz"):  # the layout before, which nothing reads
            old.unlink(missing_ok=True)
    except OSError as exc:
        log.debug("cannot keep the language model at %s: %s", path, exc)


def _load_identifier(path: Path):
    """Returns the identifier kept at ``path``, or None. The file is read once and checked
    (:func:`cachefile.read_view`); the tables are views of those bytes, not copies: the Naive
    Bayes weights a NumPy array, the tokenizer's tables memoryviews, which py3langid indexes
    like its own arrays (a quarter of the time of unpacking them from NumPy's archive)."""
    import numpy as np
    from py3langid.langid import LanguageIdentifier

    data = cachefile.read_view(path, path.name)
    if data is None:
        return None
    try:
        end = data[:1 << 16].tobytes().index(b"\n")
        head, body = json.loads(data[:end].tobytes()), data[end + 1:]
        tables = {}
        for name, (dtype, shape, offset) in head["tables"].items():
            dtype = np.dtype(dtype)
            size = dtype.itemsize * math.prod(shape)
            if not 0 <= offset <= offset + size <= len(body):
                raise ValueError(f"{name}: {size} bytes at {offset} of {len(body)}")
            if name in _TYPECODES:
                if dtype != np.dtype(_TYPECODES[name]):
                    raise ValueError(f"{name}: {dtype} is not this machine's")
                tables[name] = body[offset:offset + size].cast(_TYPECODES[name])
            else:
                tables[name] = np.frombuffer(body, dtype, math.prod(shape), offset).reshape(shape)
        return LanguageIdentifier(tables["ptc"], tables["pc"], list(head["classes"]),
                                  tables["nextmove"], tables["output"].tolist(), norm_probs=True,
                                  tk_row=tables["row"])
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


def cast(article: Article, segments: list[Segment], voices: LanguageVoices,
         book: VoiceBook | None = None, model_dir: Path | None = None) -> Script:
    """Returns the script: every segment paired with the voice that reads it.

    With ``book``, a segment long enough and clearly in another language that can be spoken
    (:func:`passage_lang`) is read by a voice of that language: the English quote in a German
    article by an English quote voice, an English paragraph by the English narrator.

    Raises ConfigError when the language has no quote voice besides the narrator's.
    """
    pool, free = _quote_pools(voices)
    if not pool:
        raise ConfigError(f"language {voices.lang!r} has no quote voice besides the narrator")
    casters: dict[str, Callable[[Segment], VoiceProfile]] = {}

    def caster(lv: LanguageVoices) -> Callable[[Segment], VoiceProfile]:
        pool, free = _quote_pools(lv)
        assigned: dict[str | None, VoiceProfile] = {}
        by_name = {v.name: v for v in pool}
        next_free = 0

        def voice_for(seg: Segment) -> VoiceProfile:
            nonlocal next_free
            if seg.role is Role.NARRATOR or not pool:
                return lv.narrator
            # the person, never a bare pronoun: an unresolved "er" is an unattributed quote
            speaker = seg.person
            if speaker in assigned:
                return assigned[speaker]
            named = _match_speaker(speaker, lv.speakers) if speaker else None
            voice = by_name[named] if named else free[next_free % len(free)]
            if not named:
                next_free += 1
            assigned[speaker] = voice
            return voice

        return voice_for

    casters[voices.lang] = caster(voices)
    out = []
    for seg in segments:
        lang = voices.lang
        if book is not None and seg.kind is not BlockKind.TITLE:
            lang = passage_lang(seg.text, voices.lang, book, model_dir)
        if lang not in casters:
            casters[lang] = caster(book.for_lang(lang))
        out.append(CastSegment(seg, casters[lang](seg)))
    return Script(article=article, lang=voices.lang, segments=out)
