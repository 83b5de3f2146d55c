"""The finders of French grammar: a speech verb and its subject pronoun joined by hyphens
(``a-t-il dit``, ``déclare-t-elle``, ``poursuit-il``). They plug into the shared finders through
:data:`GRAMMAR` (see :mod:`.grammar`)."""

from __future__ import annotations

import re

from audio_edition.attribution.grammar import Grammar
from audio_edition.attribution.lexicon import VERBS
from audio_edition.attribution.nouns import Mention
from audio_edition.attribution.tokens import Token


_AUXILIARIES = ("a", "avait", "aurait")
_INVERTED = re.compile(r"^(a|avait|\w+?)-t-(il|elle)$")
_JOINED = re.compile(r"^(\w+)-(il|elle)$")


def speech_verb_at(toks: list[Token], i: int) -> int:
    """Returns the index past a French speech verb at ``i`` in the shapes of inversion and the
    compound past: ``a déclaré``, ``avait dit``, ``a-t-il déclaré``, ``déclare-t-elle``; else -1."""
    low = toks[i].low
    if low in _AUXILIARIES and i + 1 < len(toks) and toks[i + 1].low in VERBS["fr"]:
        return i + 2
    m = _INVERTED.match(low) or _JOINED.match(low)
    if m:
        if m.group(1) in _AUXILIARIES[:2] and i + 1 < len(toks) and toks[i + 1].low in VERBS["fr"]:
            return i + 2
        return i + 1
    return -1


def pronoun_in_verb(toks: list[Token], j: int) -> tuple[Mention, int] | None:
    """Returns the subject pronoun joined to the speech verb that ends before ``j``
    (``déclare-t-elle``, or ``a-t-il`` before its participle), with the offset where the verb
    ends; else None."""
    last = toks[j - 1]
    if "-" in last.text and re.search(r"-(il|elle)$", last.low):
        return Mention(last.text.rsplit("-", 1)[1], "pronoun", None, last.start, last.end), last.end
    if j - 2 >= 0 and re.search(r"-t-(il|elle)$", toks[j - 2].low):
        aux = toks[j - 2]
        return Mention(aux.text.rsplit("-", 1)[1], "pronoun", None, aux.start, aux.end), last.end
    return None


GRAMMAR = Grammar(speech_verb_at=speech_verb_at, pronoun_in_verb=pronoun_in_verb)
"""French's own finders (see :mod:`.grammar`)."""
