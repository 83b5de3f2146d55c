"""Who says a quote (:class:`Who`), and what attribution remembers from one quote to the next
(:class:`Memory`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from audio_edition.attribution.nouns import NameBook


class Who(NamedTuple):
    """Who says a quote: the mention as the text attributes it, and the person it refers to."""

    speaker: str
    """The name or description, or a pronoun as written (``er``)."""
    person: str | None
    """The person after resolution; None for a pronoun that does not resolve."""
    last: str | None = None
    """How the text names them last, when a later mention repeats ``speaker`` (the ``sie`` of
    ``X sagte: „…“, betonte sie.``); a quote that goes on takes this one."""


def same(name: str | None) -> Who | None:
    """Returns the speaker ``name`` as a mention that is the person itself."""
    return Who(name, name) if name else None


@dataclass
class Memory:
    """What attribution remembers while the segmenter walks through an article: the names
    met, who spoke last and how the text named them, the owner of a list of quotes."""

    names: NameBook
    """Full names met in the article."""
    lang: str
    """Language code."""
    last_speaker: str | None = None
    """The speaker of the most recent attributed quote or reported sentence."""
    last_speaker_unit: int = -99
    """The unit where ``last_speaker`` was set."""
    last_who: Who | None = None
    """How the text named ``last_speaker`` (``er`` for a resolved pronoun), handed on with it."""
    prev_text: str = ""
    """The text of the unit before the current one."""
    list_owner: Who | None = None
    """The person a list of quotes belongs to (``Zitate von Anna Beispiel:``)."""
    attributed: list[str] = field(default_factory=list)
    """Every speaker found, in order, to pick the main speaker of the article."""
    text: str = ""
    """The whole article, where the gender of a person is looked up."""
    genders: dict[str, str | None] = field(default_factory=dict)
    """The gender found for each person (``f``, ``m`` or None when unknown or contradictory)."""
    tokens: list | None = None
    """The tokens of ``text``, once something needs them."""
    token_at: dict[str, list[int]] = field(default_factory=dict)
    """Each token text of ``tokens`` -> where it stands."""


def remember(memory: Memory, who: Who | None, pos: int) -> None:
    """Notes ``who`` as the last speaker, in the unit at ``pos``, for the quotes that follow."""
    if who is None or who.person is None:
        return  # an unresolved "er" is nobody to hand on to the next quote
    memory.attributed.append(who.person)
    memory.last_speaker = who.person
    memory.last_speaker_unit = pos
    memory.last_who = Who(who.last, who.person) if who.last else who
