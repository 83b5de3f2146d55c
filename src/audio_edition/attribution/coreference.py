"""Coreference: the person a mention means. A full name is completed from the names met before
(:class:`~.nouns.NameBook`), an office (``der Bundestrainer``) is the person who held it last,
and a pronoun is the one person around it whose gender fits (:func:`antecedent`); the gender of
a person is read from the whole article (:func:`gender_of`)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator

from audio_edition.attribution.context import last_sentences
from audio_edition.attribution.gender import (
    PRONOUN_GENDER,
    given_name_gender,
    honorific_gender,
    office_gender,
)
from audio_edition.attribution.memory import Memory, same, Who
from audio_edition.attribution.nouns import Mention
from audio_edition.attribution.tokens import tokenize



def label(mention: Mention | None, memory: Memory, unit_pos: int, before_text: str,
           resolve_pronouns: bool, after_text: str = "") -> Who | None:
    """Returns who ``mention`` names: a full name or a description, which is the person too, or a
    pronoun as written with the person it refers to (None when that is not clear)."""
    if mention is None:
        return None
    if mention.kind == "pronoun":
        person = antecedent(mention.text, before_text, after_text, memory, unit_pos) \
            if resolve_pronouns else None
        return Who(mention.text, person)
    if mention.name:
        full = memory.names.resolve(mention.name)
        memory.names.add(full)
        return same(full)
    if mention.kind == "role":
        # "der Bundestrainer" after "Bundestrainer Christian Prokop": the office is the mention
        return Who(mention.text, memory.names.holder(mention.text, memory.text) or mention.text)
    return same(mention.text)


_PLURAL_SIE = re.compile(r"^[\s,–—]*\w+(?:ten|en)\s+sie\b|^[\s,–—]*sie\s+\w+(?:ten|en)\b")


def gender_of(memory: Memory, person: str) -> str | None:
    """Returns ``f`` or ``m`` for ``person`` when the article or the given name shows it and
    nothing contradicts it, else None."""
    if person in memory.genders:
        return memory.genders[person]
    votes = set()
    given = given_name_gender(person, memory.lang)
    if given:
        votes.add(given)
    toks, where = _article_tokens(memory)
    words = person.split()
    n = len(words)
    # only where the name ends or its last word stands: the article is tokenized once
    lasts = where.get(words[-1], ())
    for k in sorted({j - n + 1 for j in lasts if j >= n - 1} | set(lasts)):
        if [t.text for t in toks[k:k + n]] == words:
            end = k + n
        elif n >= 2 and toks[k].text == words[-1] and not (k and toks[k - 1].text in words):
            end = k + 1  # the last name alone
        else:
            continue
        # before the name: an honorific or an office, with its article ("die Sprecherin der
        # Fraktion, Sandra Boll"); stop at a sentence end or another name
        for b in range(k - 1, max(-1, k - 6), -1):
            t = toks[b]
            if t.text in ".!?:;“”„\"«»":
                break
            if honorific_gender(t.low) is not None:
                votes.add(honorific_gender(t.low))
                break
            g = office_gender(t.text, toks[b - 1].low if b else "")
            if g is not None:
                votes.add(g)
                break
            if b < k - 1 and t.text != "," and t.text[:1].isupper() and memory.names.is_name(t.text):
                break
        # after the name: an apposition ("Sandra Boll, Sprecherin der Fraktion")
        if end + 1 < len(toks) and toks[end].text == ",":
            a = end + 1
            det = ""
            if toks[a].low in ("die", "der", "la", "le", "the"):
                det, a = toks[a].low, a + 1
            if a < len(toks):
                g = office_gender(toks[a].text, det)
                if g is not None:
                    votes.add(g)
    gender = votes.pop() if len(votes) == 1 else None
    memory.genders[person] = gender
    return gender


def _article_tokens(memory: Memory) -> tuple[list, dict[str, list[int]]]:
    """Returns the tokens of the whole article and, for each token text, where it stands."""
    if memory.tokens is None:
        memory.tokens = tokenize(memory.text)
        memory.token_at = {}
        for k, t in enumerate(memory.tokens):
            memory.token_at.setdefault(t.text, []).append(k)
    return memory.tokens, memory.token_at


def _mentioned(window: str, memory: Memory) -> Iterator[str]:
    """Yields the persons named in ``window``, most recent first, each once (lazily: a word
    such as a common first name can stand for hundreds of the people an article names)."""
    out: set[str] = set()
    for t in reversed(tokenize(window)):
        people = memory.names.with_word(t.text)
        if not people and memory.last_speaker and t.text == memory.last_speaker:
            people = [memory.last_speaker]  # a speaker known by last name only
        for p in people:
            if p not in out:
                out.add(p)
                yield p


_POSSESSIVE = re.compile(r"^(sein|ihr|his|her|son|sa|ses)(e|en|em|er|es)?$", re.I)


def _possessed(person: str, toks: list) -> bool:
    """Whether every mention of ``person`` in the tokens ``toks`` belongs to someone else: ``mit
    seinen Kollegen Edwin Aldrin und Michael Collins``, ``his lawyer Tom Reed``. Such a person
    is no antecedent of the pronoun that owns them."""
    last = person.split()[-1]
    seen = False
    for k, t in enumerate(toks):
        if t.text != last:
            continue
        seen = True
        owned = False
        lower = 0  # "son collègue Pierre Lacombe", "his colleagues Edwin Marlow and Peter Quist"
        for b in range(k - 1, max(-1, k - 9), -1):
            word = toks[b]
            if _POSSESSIVE.match(word.text):
                owned = True
                break
            if word.text[:1].islower() and word.low not in ("und", "and", "et"):
                lower += 1
            if word.text in ".!?:;„“”\"»«" or lower > 2:
                break
        if not owned:
            return False
    return seen


# demonstratives that point back to the person named last, with the gender they ask for
_POINTING_BACK = {"letztere": "f", "letzterer": "m", "diese": "f", "dieser": "m", "jene": "f",
                  "jener": "m", "die": "f", "der": "m"}


def antecedent(pronoun: str, before_text: str, after_text: str, memory: Memory, unit_pos: int) -> str | None:
    """Returns the person a pronoun means, or None when that is not clear.

    The candidates are the persons named in the sentence of the quote and the two before it
    (across the paragraph break when the quote opens a paragraph), most recent first, then the
    last speaker of the two units before. The pronoun resolves to the most recent one whose
    gender does not contradict it, and only when no other candidate of a compatible gender is in
    those sentences; a candidate of unknown gender only when it is the sole person there.
    """
    wanted = PRONOUN_GENDER.get(pronoun.lower())
    pointing = pronoun.lower() in _POINTING_BACK
    if pointing:
        wanted = _POINTING_BACK[pronoun.lower()]
    if wanted is None:
        return None  # "they": a group, not one person
    if pronoun.lower() == "sie" and _PLURAL_SIE.search(after_text):
        return None  # "sagten sie": plural
    sentences = last_sentences(before_text.strip(), 3)
    if len(sentences) < 3 and memory.prev_text and not before_text.strip():
        sentences = last_sentences(memory.prev_text.strip(), 3) + sentences
    window = " ".join(sentences[-3:])
    mentioned = _mentioned(window, memory)
    first = next(mentioned, None)
    if first is not None:
        candidates: Iterable[str] = itertools.chain([first], mentioned)
    elif memory.last_speaker and unit_pos - memory.last_speaker_unit <= 2:
        candidates = [memory.last_speaker]
    else:
        candidates = []
    toks = tokenize(window)
    # Candidates are looked at lazily and only as far as the answer needs: a window can name
    # many people who share a first name, and each costs a gender lookup.
    candidates_left = (c for c in candidates if not _possessed(c, toks))
    if pointing:
        # "so letztere", "sagte dieser": the person named last whose gender is known to fit
        first_fit = next((c for c in candidates_left if gender_of(memory, c) in (None, wanted)), None)
        return first_fit if first_fit is not None and gender_of(memory, first_fit) == wanted else None
    seen: list[str] = []
    compatible: list[str] = []
    for c in candidates_left:
        seen.append(c)
        if gender_of(memory, c) in (None, wanted):
            compatible.append(c)
            if len(compatible) > 1:
                return None  # more than one who could be meant
    if len(compatible) != 1:
        return None  # nobody who could be meant
    person = compatible[0]
    if gender_of(memory, person) is None and len(seen) > 1:
        return None  # unknown gender: only the sole person around
    return person
