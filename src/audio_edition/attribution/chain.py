"""The strategy chain: :func:`attribute` tries the finders in order until one names the speaker
of a quote.

1. A quote in a list of quotes belongs to the list's owner (``Zitate von Anna Beispiel:``).
2. The words right after the closing mark: ``„…“, sagte X`` / ``"…," X said`` /
   ``« … », a déclaré X``, and the language's own (German ``„…“ Das sagte sie.``).
3. The clause before an introducing colon (``X sagte: „…“``) or around an embedded quote:
   the subject, ``laut X``, a place a quote is read in, a pronoun after a fronted verb.
4. At the start of a sentence: the sentence before, its one person, or the subject that opened
   a run of reported speech.
5. Else the speaker of the quote just before, in this paragraph or the one before.

Nothing is guessed: when no finder names anyone, the speaker stays None. The language's own
finders come from :func:`.grammar.of`; the steps ask it, never which language it is.
"""

from __future__ import annotations

import re

from audio_edition.attribution import grammar
from audio_edition.attribution.clauses import speaker_in_sentence
from audio_edition.attribution.context import COLONS, clause_before, sentence_start
from audio_edition.attribution.coreference import gender_of, label
from audio_edition.attribution.finders import (
    first_name_in,
    list_owner,
    name_at_end,
    speaker_after,
    speaker_before,
)
from audio_edition.attribution.gender import PRONOUN_GENDER
from audio_edition.attribution.memory import Memory, same, Who
from audio_edition.attribution.nouns import Mention
from audio_edition.model import BlockKind


def note_reported_speech(text: str, memory: Memory, pos: int) -> None:
    """Remembers the subject of reported speech (``X sagte, …``) for the quotes that follow."""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if len(sentence) < 8:
            continue
        mention = speaker_in_sentence(sentence, memory.lang, memory.names)
        if mention is not None and mention.kind == "name":
            memory.last_speaker = memory.names.resolve(mention.name or mention.text)
            memory.last_speaker_unit = pos
            memory.last_who = same(memory.last_speaker)


def attribute(text: str, start: int, end: int, memory: Memory, pos: int, in_list: bool,
              resolve_pronouns: bool, closed: bool, found: Mention | None = None) -> Who | None:
    """Returns who says the quote at ``text[start:end]`` of the unit at ``pos``, or None when
    no one is named. ``in_list``: the quote is an item of a list; ``closed``: its closing mark is
    in ``text`` (not a quote running on into the next paragraph); ``found``: the speaker the
    caller already found after the quote."""
    before = text[:start]
    own = grammar.of(memory.lang)
    if in_list and memory.list_owner:
        return memory.list_owner
    if found is None and closed:
        found, _ = speaker_after(text[end:], memory.lang, memory.names)
        if found is None:
            found = own.statement_after(text[end:], memory.lang, memory.names)  # „…“ Das ist das Fazit …
        if found is None and not before.rstrip().endswith(COLONS):
            found = own.said_after(text[end:], memory.lang, memory.names)  # „…“ Das sagte sie am Abend.
    if found is None and own.topic is not None:
        # "田中花子区長は会見で「…」と述べた": the topic of the sentence says it
        found = _topic(clause_before(text, start), own.topic)
    if found is not None and found.kind == "pronoun" and resolve_pronouns \
            and before.rstrip().endswith(COLONS):
        # "X sagte: „…“, betonte sie.": the pronoun means the speaker before the colon
        named = speaker_before(clause_before(text, start), memory.lang, memory.names)
        if named is not None and named.kind == "name":
            full = label(named, memory, pos, before, resolve_pronouns)
            if full and gender_of(memory, full.person) in (None, PRONOUN_GENDER.get(found.text.lower())):
                return Who(full.speaker, full.person, found.text)
    if found is not None:
        return label(found, memory, pos, before, resolve_pronouns, text[end:end + 60])
    if not before.strip() and memory.prev_text:
        # A quote that opens a paragraph: the paragraph before may introduce it.
        before = memory.prev_text + " "
        start = len(before)
        text = before
    clause = clause_before(text, start)
    colon = before.rstrip().endswith(COLONS)
    if before.rstrip().endswith("("):
        # "die Vorsitzende, Karin Beil („…“), war gekommen": the quote is the name's aside
        mention = name_at_end(before.rstrip()[:-1], memory.lang, memory.names)
        if mention is not None:
            return label(mention, memory, pos, before, resolve_pronouns)
    if colon or clause:
        mention = speaker_before(clause, memory.lang, memory.names) if colon else None
        if mention is None and not colon and clause:
            # "In der Zeitung fand sich …", "Auf dem Plakat war „…“ zu lesen"
            mention = own.place_source(clause + " " + _rest_of_sentence(text, end), memory.lang, memory.names)
        if mention is None and not colon and clause and not sentence_start(before):
            # "Die Kosten sollen laut dem Finanzamt „…“", "nach Angaben des Vereins", "X zufolge"
            mention = own.according_to(clause + " " + _rest_of_sentence(text, end), memory.lang, memory.names)
        if mention is None and not colon and clause and not sentence_start(before):
            shaped, mention = own.speaker_of_embedded(clause, text[end:end + 80], memory.lang, memory.names)
            if shaped:
                return label(mention, memory, pos, before, resolve_pronouns)
        if mention is None and colon:
            mention = first_name_in(clause, memory.lang, memory.names)
        if mention is None and clause and not sentence_start(before):
            mention = speaker_in_sentence(clause, memory.lang, memory.names, any_verb=True)
        if mention is None and clause and not colon and not sentence_start(before):
            mention = own.inverted_pronoun(clause, memory.lang)  # "Ursprünglich wollte er „…“ vorlegen"
            if mention is None:
                mention = own.pronoun_subject(clause, memory.lang)  # "Er sprach von einem „…“"
        if mention is None and colon and own.reported_speech and own.reported_speech.search(clause):
            # "X bekräftigte … . Die Pflichten seien klar festgelegt: „…“": reported speech goes
            # on from the subject of the sentence before
            previous = _previous_sentence(before[:max(0, before.rfind(clause))])
            previous = previous.rsplit(": ", 1)[-1]  # "… geäußert: Figeľ bekräftigte …"
            mention = speaker_in_sentence(previous, memory.lang, memory.names, any_verb=True) if previous else None
            if mention is not None and mention.kind != "name":
                mention = None
        if mention is None and colon and own.pointing_back and own.pointing_back.search(clause):
            # "Auf ihrer Homepage fanden sich Videos. Auch das Motiv fand sich dort: „…“"
            previous = _previous_sentence(before[:max(0, before.rfind(clause))])
            mention = own.place_source(previous, memory.lang, memory.names) if previous else None
        if mention is not None:
            return label(mention, memory, pos, before, resolve_pronouns)
    if sentence_start(before):
        # A quote that directly follows another one goes on in the same voice.
        if re.search(r"[“”\"»«’‘']\s*$", before) and memory.last_speaker and memory.last_speaker_unit == pos:
            return _handed_on(memory)
        previous = _previous_sentence(before)
        if previous:
            mention = speaker_in_sentence(previous, memory.lang, memory.names, any_verb=True)
            if mention is None:
                mention = _only_person(previous, memory)
            if mention is not None and mention.kind == "name":
                return label(mention, memory, pos, before, resolve_pronouns)
            mention = _opener_of_reported_speech(before, memory, own.reported_speech)
            if mention is None:
                mention = own.pronoun_subject(previous, memory.lang)  # "Er bleibt gelassen. „…“"
            if mention is not None:
                return label(mention, memory, pos, before, resolve_pronouns)
    if memory.last_speaker and pos - memory.last_speaker_unit <= 1:
        return _handed_on(memory)
    return None


_WORD = re.compile(r"\w+")


def _opener_of_reported_speech(before: str, memory: Memory,
                               reported: re.Pattern[str] | None) -> Mention | None:
    """Returns the subject that opens a run of reported speech right before a quote standing
    alone: in ``Der Bundespräsident begründete seine Entscheidung … . Es sei … . Er sei zu dem
    Schluss gekommen, … . „…“`` the quote goes on from ``Bundespräsident``. Only a name or an
    office; None when the sentence before is no reported speech or no subject opens the run,
    or the language has no mood of reported speech (``reported``: its finite verbs)."""
    if reported is None:
        return None
    sentences = [p for p in re.split(r"(?:(?<=[.!?])|(?<=[.!?][“”\"»«]))\s+(?=[A-ZÄÖÜ„])", before.strip()) if p]
    run = 0
    for sentence in reversed(sentences[-6:]):
        if reported.search(sentence):
            run += 1
            continue
        if run == 0:
            return None
        mention = speaker_in_sentence(sentence, memory.lang, memory.names, any_verb=True)
        return mention if mention is not None and mention.kind in ("name", "role") else None
    return None


def _topic(clause: str, topic: re.Pattern[str]) -> Mention | None:
    """Returns the last phrase ``topic`` marks as the subject or topic in ``clause`` (the first
    of its named groups that matched), or None."""
    found = None
    for m in topic.finditer(clause[-300:]):
        found = m
    if found is None:
        return None
    group = next((g for g, v in found.groupdict().items() if v), None)
    if group is None:
        return None
    who = found.group(group)
    return Mention(who, "name", who, found.start(group), found.end(group))


def _handed_on(memory: Memory) -> Who | None:
    """Returns the last speaker as the text last named them: a quote that goes on after
    „…“, sagte er. is still „er“'s."""
    if memory.last_who is not None and memory.last_who.person == memory.last_speaker:
        return memory.last_who
    return same(memory.last_speaker)


def _rest_of_sentence(text: str, at: int) -> str:
    """Returns the text from ``at`` to the end of its sentence, without quoted text in it."""
    m = re.search(r"[.!?](?=\s|$)", text[at:at + 200])
    rest = text[at:at + (m.start() if m else 200)]
    return re.sub(r"[„“”\"»«].*?[“”\"»«]", " ", rest)


def _only_person(sentence: str, memory: Memory) -> Mention | None:
    """Returns the one person named in ``sentence`` when there is exactly one, else None."""
    words = set(_WORD.findall(sentence))
    # only names that share a word with the sentence can be in it
    near = words | {w.strip(".,;:!?()\"'„“”«»") for w in sentence.split()}
    names = {f for w in near for f in memory.names.with_word(w)
             if f in sentence or f.split()[-1] in words}
    if len(names) == 1:
        name = names.pop()
        return Mention(name, "name", name)
    return None


def _previous_sentence(before: str) -> str:
    """Returns the last full sentence of ``before`` (the text ahead of a quote)."""
    head = before.rstrip()
    if not head or head.endswith(COLONS):
        return ""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ])", head)
    last = parts[-1].strip()
    return last if re.search(r"[.!?]$", last) and not re.search(r"[“”\"»«]", last) else ""


def note_list_owner(text: str, kind: BlockKind, memory: Memory) -> None:
    """Sets or clears the owner of a list of quotes as the walk passes a block of ``kind``: a
    list's introduction sets it, a list item keeps it, a heading passes it on, any other block
    ends it."""
    if kind is BlockKind.LIST_ITEM:
        return
    owner = list_owner(text, memory.lang, memory.names) if len(text) < 200 else None
    if owner is not None:
        memory.list_owner = label(owner, memory, 0, "", False)
        if memory.list_owner and memory.list_owner.person:
            memory.attributed.append(memory.list_owner.person)
    elif kind is not BlockKind.HEADING:
        memory.list_owner = None
