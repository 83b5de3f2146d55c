"""Tokens of a sentence: words, abbreviations with their dot, and punctuation, with where each
stands, for the finders to walk over."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"(?:Dr|Prof|St|Mr|Mrs|Ms|Jr|Sr|Mme|Mlle|Hr|Fr|[A-ZÄÖÜ])\.(?=\s)|[\w][\w’'\-]*\w|\w|[^\s\w]")
_WORD_SHAPE = re.compile(r"^[^\W\d_][\w’'\-]*\.?$")
_PREFIXED_NOUN = re.compile(r"^[a-zäöü]+-[A-ZÄÖÜ]")  # "taz-Homepage" is a noun too


@dataclass
class Token:
    """A word or punctuation character with its position in the text."""

    text: str
    """The characters of the token."""
    start: int
    """Offset in the text."""

    @property
    def end(self) -> int:
        """Offset just past the token."""
        return self.start + len(self.text)

    @property
    def low(self) -> str:
        """The token lower-cased, without a trailing full stop."""
        return self.text.lower().rstrip(".")


def tokenize(text: str) -> list[Token]:
    """Returns the words and punctuation of ``text`` with their offsets."""
    return [Token(m.group(), m.start()) for m in _TOKEN.finditer(text)]


def is_cap(tok: Token) -> bool:
    """Whether the token is a capitalised word, in any script with capitals (``Maria``,
    ``Ärger``, ``Иван``, ``Σοφία``), or a noun with a lower-case prefix (``taz-Homepage``)."""
    text = tok.text
    return bool(_WORD_SHAPE.match(text)) and (text[:1].isupper() or bool(_PREFIXED_NOUN.match(text)))
