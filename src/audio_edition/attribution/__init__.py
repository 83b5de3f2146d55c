"""Who says a quote: the speaker, the noun phrase naming them, and the person it means.

The segmenter decides what is speech; this package names its speaker. Its modules, from the
bottom up:

- :mod:`.tokens`: words and punctuation with where they stand;
- :mod:`.lexicon`: the words looked for, from :mod:`audio_edition.languages` and shared tables;
- :mod:`.gender`: the gender a given name, an honorific or an office shows;
- :mod:`.nouns`: noun phrases reduced to the name in them (``Vorstandschefin Maria Lehmann`` is
  ``Maria Lehmann``; ``ein Sprecher des Ministeriums`` is kept, minus its article), and the
  :class:`NameBook` of names met, which completes a bare last name;
- :mod:`.clauses`: speech verbs and where the subject stands around them;
- :mod:`.grammar` and a module per language that needs finders of its own (:mod:`.de`);
- :mod:`.finders`: the finders every language shares;
- :mod:`.context`, :mod:`.memory`, :mod:`.coreference`: the text around a quote, what is
  remembered from one quote to the next, and the person a pronoun or an office means;
- :mod:`.chain`: :func:`attribute`, the strategy chain that tries the finders in order.

Nothing is guessed: when no phrase is found, the speaker stays None.
"""

from __future__ import annotations

from audio_edition.attribution.chain import attribute, note_list_owner, note_reported_speech
from audio_edition.attribution.context import COLONS, CONTEXT_CHARS, clause_before, sentence_start, tail
from audio_edition.attribution.coreference import antecedent, gender_of, label
from audio_edition.attribution.clauses import speaker_in_sentence
from audio_edition.attribution.finders import (
    first_name_in,
    list_owner,
    name_at_end,
    speaker_after,
    speaker_before,
)
from audio_edition.attribution.gender import PRONOUN_GENDER, given_name_gender, office_gender
from audio_edition.attribution.grammar import Grammar
from audio_edition.attribution.memory import Memory, Who, remember, same
from audio_edition.attribution.nouns import Mention, NameBook, parse_np
from audio_edition.attribution.tokens import Token, tokenize

__all__ = [
    "COLONS", "CONTEXT_CHARS", "PRONOUN_GENDER", "Grammar", "Memory", "Mention", "NameBook", "Token", "Who",
    "antecedent", "attribute", "clause_before", "first_name_in", "gender_of", "given_name_gender",
    "label", "list_owner", "name_at_end", "note_list_owner", "note_reported_speech",
    "office_gender", "parse_np", "remember", "same", "sentence_start", "speaker_after",
    "speaker_before", "speaker_in_sentence", "tail", "tokenize",
]
