"""Tests for attribution/clauses.py: speech verbs and where the subject stands around them."""

from __future__ import annotations

import pytest

from audio_edition.attribution import NameBook, tokenize
from audio_edition.attribution.clauses import (
    finite_verb_like,
    group_subject,
    np_after,
    singular_pronoun_verb,
    verb_at,
)


@pytest.mark.parametrize("lang, text, at", [
    ("de", "sagte Maria Lehmann", 1), ("en", "said the minister", 1),
    ("fr", "a déclaré Paul Durand", 2),   # the auxiliary and the participle
    ("es", "dijo la ministra", 1), ("de", "Haus am See", -1),
])
def test_a_speech_verb_is_found_where_it_stands(lang: str, text: str, at: int) -> None:
    assert verb_at(tokenize(text), 0, lang) == at


def test_the_phrase_after_a_speech_verb_is_its_subject() -> None:
    text = "sagte die Ministerin Eva Lorenz am Abend"
    toks = tokenize(text)
    mention = np_after(text, toks, verb_at(toks, 0, "de"), "de", book=NameBook())
    assert mention.name == "Eva Lorenz"


def test_a_group_is_one_of_many_not_a_person() -> None:
    text = "Einer der Feuerwehrmänner sagte"
    mention, _ = group_subject(text, tokenize(text), 0)
    assert mention is not None and mention.text.startswith("Einer der Feuerwehrmänner")


def test_finite_verbs_and_their_number() -> None:
    er, ist, sind = tokenize("er ist sind")
    assert finite_verb_like(ist) and not finite_verb_like(tokenize("und")[0])
    assert singular_pronoun_verb(er, ist) and not singular_pronoun_verb(tokenize("sie")[0], sind)
