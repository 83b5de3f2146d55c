"""Tests for attribution/fr.py: French inversion, a speech verb and its pronoun joined."""

from __future__ import annotations

import pytest

from audio_edition.attribution import NameBook, speaker_after, tokenize
from audio_edition.attribution.fr import GRAMMAR, pronoun_in_verb, speech_verb_at


@pytest.mark.parametrize("after, end, pronoun", [
    (", a-t-il déclaré.", 3, "il"),
    (", déclare-t-elle.", 2, "elle"),
    (", poursuit-il.", 2, "il"),
])
def test_a_verb_and_its_pronoun_joined_by_hyphens_name_the_speaker(after, end, pronoun):
    toks = tokenize(after)
    assert speech_verb_at(toks, 1) == end
    mention, _ = pronoun_in_verb(toks, end)
    assert mention.text == pronoun and mention.kind == "pronoun"
    assert speaker_after(after, "fr", NameBook(lang="fr"))[0].text == pronoun


def test_the_compound_past_is_one_speech_verb():
    toks = tokenize("avait dit Paul Durand")
    assert speech_verb_at(toks, 0) == 2
    assert speaker_after(", avait dit Paul Durand.", "fr", NameBook(lang="fr"))[0].name == "Paul Durand"


def test_french_has_no_verb_second_nor_capitalised_nouns():
    assert not GRAMMAR.verb_second and not GRAMMAR.nouns_capitalised
