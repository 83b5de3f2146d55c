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
from typing import TYPE_CHECKING

from audio_edition import languages

if TYPE_CHECKING:  # the finders' types; the modules that define them ask this one
    from audio_edition.attribution.nouns import Mention


def _nothing(*_args, **_kwargs) -> None:
    return None


def _not_embedded(*_args, **_kwargs) -> tuple[bool, Mention | None]:
    return False, None


def _no(*_args, **_kwargs) -> bool:
    return False


def _yes(*_args, **_kwargs) -> bool:
    return True


def _no_verb(*_args, **_kwargs) -> int:
    return -1


def _no_skip(_toks, k: int, _limit: int) -> int:
    return k


def _not_subject(_toks, _i: int, k: int) -> tuple[bool, int]:
    return False, k


@dataclass(frozen=True)
class Grammar:
    """A language's own finders, the traits of its grammar the shared rules depend on, and the
    words that mark speech where no speech verbs are listed. Each finder takes the text (or its
    tokens) and the language code like the shared finders, plus the name book where it resolves
    names, and returns a :class:`Mention` or None unless its description says otherwise; a
    field left at its default finds nothing."""

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

    # What the shared rules ask about the language's grammar instead of its code.
    nouns_capitalised: bool = False
    """Whether every noun is written with a capital (German): then a capitalised word in
    mid-sentence is no sign of a name, a lone capitalised word after an article is a noun, and
    the modifiers before a noun are inflected adjectives, not lower-case nouns (``council leader
    Owen Pritchard``)."""
    verb_second: bool = False
    """Whether a main clause puts its finite verb second and the subject after it when anything
    else comes first (German ``„…“, mit diesen Worten meldete er sich``)."""
    speech_verb_at: Callable[..., int] = _no_verb
    """``(toks, i) -> end``: a speech verb of the language's own shapes at token ``i`` (French
    ``a-t-il dit``, German ``mitteilte`` or a past tense in *-te*); the index past it, else -1.
    Asked after the verbs of :mod:`audio_edition.languages` and their auxiliaries."""
    pronoun_in_verb: Callable[..., tuple[Mention, int] | None] = _nothing
    """``(toks, j)``: a subject pronoun joined to the speech verb that ends before ``j``
    (French ``déclare-t-elle``), with the offset where it ends; else None."""
    stands_for_person: Callable[..., bool] = _no
    """``(toks, i)``: whether the word at ``i`` is a demonstrative that stands for a person
    named before (German ``so letztere``, ``Dieser betonte:``), read like a pronoun."""
    addresses_reader: Callable[..., bool] = _no
    """``(toks, i)``: whether the pronoun at ``i`` addresses the reader (German polite ``Sie``
    in mid-sentence) and names nobody."""
    skip_prepositional: Callable[..., int] = _no_skip
    """``(toks, k, limit) -> k``: past a prepositional phrase at ``k`` between a speech verb and
    its subject (``sagte in der Sendung X``); ``k`` when there is none."""
    after_quote: Callable[..., Mention | None] = _nothing
    """``(after, toks, i, lang, book)``: the speaker of the language's own clauses right after a
    quote when no speech verb follows its comma (German ``„…“, wie der Trainer sagte``)."""
    name_in_speaker_slot: Callable[..., Mention | None] = _nothing
    """``(toks, i, j, book)``: a bare word right after the speech verb that ends the clause,
    read as a name (German ``„…“, so Barth.``)."""
    subject_first_after_quote: Callable[..., bool] = _yes
    """``(toks, i, j)``: whether a subject followed by a speech verb (ending at ``j``) right
    after a quote names its speaker. A verb-second language allows it only after ``so``,
    ``zufolge`` or a comma."""
    subject_before_colon: Callable[..., Mention | None] = _nothing
    """``(clause, toks, i, lang, book)``: the subject of the language's own clause shapes before
    an introducing colon (German ``…, Sandra Boll, erklärte:``, ``Der Zeitung sagte X:``)."""
    pronoun_is_subject: Callable[..., tuple[bool, int]] = _not_subject
    """``(toks, i, k)``: whether the pronoun at ``i`` (its phrase ending at ``k``) is surely the
    subject of the clause, and where its verb is looked for (German ``Er selbst sagte:``,
    ``Er, der …, sagte:``, ``Sie bleibt dabei:``)."""
    quotative: re.Pattern[str] | None = None
    """For a language whose speech verbs no module lists: the words right after a closing mark
    that make the quote speech (Japanese ``「…」と述べた``, Chinese ``“…”部长说。``); its group
    ``speaker``, where it matches, names who speaks. None: only the shape of the clause tells
    (see :func:`.finders.reporting_clause`)."""
    topic: re.Pattern[str] | None = None
    """The phrase a particle marks as the subject or topic of the sentence before a quote, in
    the first of its named groups that matches (Japanese ``田中花子区長は``: 田中花子, Korean
    ``김민수 장관은``: 김민수): it says the quote when nothing after the quote names anyone."""
    pronoun_after_fronted_phrase: Callable[..., Mention | None] = _nothing
    """``(toks, i)``: a pronoun after a fronted phrase and its verb (German ``Nach dem Spiel war
    er zufrieden:``)."""


NONE = Grammar()
"""The grammar of a language without finders of its own: the shared finders alone."""


# languages whose grammar module has another code: Mandarin is written Chinese
_SAME_GRAMMAR = {"cmn": "zh"}


@functools.cache
def of(lang: str) -> Grammar:
    """Returns the grammar of the language ``lang``: its module's, else :data:`NONE`."""
    code = languages.base_code(lang)
    code = _SAME_GRAMMAR.get(code, code)
    if not re.fullmatch(r"[a-z]{2,3}", code) \
            or importlib.util.find_spec(f"{__package__}.{code}") is None:
        return NONE
    return importlib.import_module(f"{__package__}.{code}").GRAMMAR
