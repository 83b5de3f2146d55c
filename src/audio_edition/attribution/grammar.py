"""The finders a language adds to the ones every language shares.

Some ways of naming a speaker belong to one language's grammar: German names a source with
``In der Mitteilung heißt es:``, reports speech in the subjunctive (``Es sei …``), puts the
subject after a fronted verb (``Dazu erklärte sie:``). A language whose grammar needs finders
of its own has a module in this package named by its code (``de.py``) that defines
``GRAMMAR``, a :class:`Grammar`; :func:`of` finds it. Every other language gets :data:`NONE`,
whose finders find nothing, so the shared finders and the chain in :mod:`.chain` ask a
language for what it has and never test which language it is.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import re
from collections.abc import Callable
from dataclasses import dataclass

from audio_edition import languages
from audio_edition.attribution.nouns import Mention


def _nothing(*_args, **_kwargs) -> None:
    return None


def _not_embedded(*_args, **_kwargs) -> tuple[bool, Mention | None]:
    return False, None


@dataclass(frozen=True)
class Grammar:
    """A language's own finders. Each takes the text and the language code like the shared
    finders, plus the name book where it resolves names, and returns a :class:`Mention` or
    None."""

    statement_after: Callable[..., Mention | None] = _nothing
    """``„…“ Das ist das Fazit des Ministers.``: the owner of a statement named after a quote."""
    said_after: Callable[..., Mention | None] = _nothing
    """``„…“ Das sagte sie am Abend.``: a sentence after the quote that says who said it."""
    according_to: Callable[..., Mention | None] = _nothing
    """``laut dem Finanzamt``, ``nach Angaben des Vereins``, ``X zufolge``: a sentence's source."""
    place_source: Callable[..., Mention | None] = _nothing
    """``In der Zeitung stand:``: the text a quote is read in."""
    cited_person: Callable[..., Mention | None] = _nothing
    """``zitiert die Zeitung den Minister``: the one quoted, an object."""
    speaker_of_embedded: Callable[..., tuple[bool, Mention | None]] = _not_embedded
    """A partial quote inside a clause: (whether the clause has the shape, its speaker)."""
    source_after_es: Callable[..., Mention | None] = _nothing
    """The source after an impersonal ``heißt es``."""
    es_source: Callable[..., Mention | None] = _nothing
    """A clause ``In dem Antrag heißt es:`` and its source."""
    for_whom: Callable[..., Mention | None] = _nothing
    """``Für den Trainer ist klar:``: the one for whom something holds."""
    subject_of_last_verb: Callable[..., Mention | None] = _nothing
    """The phrase right before the clause's last speech verb (``…, Sandra Boll, erklärte:``)."""
    nominalised_subject: Callable[..., Mention | None] = _nothing
    """A noun made from an adjective as subject (``Ein Übertrittswilliger begründete es so:``)."""
    inverted_pronoun: Callable[..., Mention | None] = _nothing
    """A pronoun after a fronted verb (``Ursprünglich wollte er „…“``)."""
    pronoun_subject: Callable[..., Mention | None] = _nothing
    """A pronoun that opens a sentence with its verb (``Er bleibt gelassen.``)."""
    reported_speech: re.Pattern[str] | None = None
    """Finite verbs of the mood of reported speech (German subjunctive I): a run of such
    sentences goes on in the voice of the subject that opened it. None: the language has no
    such mood."""
    pointing_back: re.Pattern[str] | None = None
    """Adverbs that point back to a text named in the sentence before (``dort``, ``darin``)."""


NONE = Grammar()
"""The grammar of a language without finders of its own: the shared finders alone."""


@functools.cache
def of(lang: str) -> Grammar:
    """Returns the grammar of the language ``lang``: its module's, else :data:`NONE`."""
    code = languages.base_code(lang)
    if code not in languages.full_codes() \
            or importlib.util.find_spec(f"{__package__}.{code}") is None:
        return NONE
    return importlib.import_module(f"{__package__}.{code}").GRAMMAR
