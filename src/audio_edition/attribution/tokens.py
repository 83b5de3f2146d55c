"""Tokens of a sentence: words, abbreviations with their dot, and punctuation, with where each
stands, for the finders to walk over."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"(?:Dr|Prof|St|Mr|Mrs|Ms|Jr|Sr|Mme|Mlle|Hr|Fr|[A-ZÄÖÜ])\.(?=\s)|[\w][\w’'\-]*\w|\w|[^\s\w]")
_CAP = re.compile(r"^(?:[A-ZÄÖÜÀ-ÞĀ-Ž]|[a-zäöü]+-[A-ZÄÖÜ])[\w’'\-]*\.?$")  # "taz-Homepage" is a noun too


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
    return bool(_CAP.match(tok.text)) and not tok.text.isdigit()
