"""The speaker finders every language uses: after the quote, before its colon, in the sentence
around it, in the owner of a list of quotes."""

from __future__ import annotations

import re

from audio_edition import languages
from audio_edition.attribution import grammar
from audio_edition.attribution.clauses import np_after, plausible_subject, verb_at
from audio_edition.attribution.lexicon import (
    ADJECTIVAL,
    ALL_VERBS,
    CITING,
    CONJUNCTIONS,
    DETERMINERS,
    FUNCTION_WORDS,
    VERBS,
    pronouns,
)
from audio_edition.attribution.nouns import Mention, NameBook, parse_np
from audio_edition.attribution.tokens import Token, is_cap, tokenize


_WITH_THESE_WORDS = re.compile(
    r"^\s*(?:[,–—-]\s*)?(?:mit\s+(?:diesen|den|jenen|solchen)\s+Worten|with\s+(?:these|those)\s+words|"
    r"par\s+ces\s+mots|en\s+ces\s+termes)\b", re.I)


# lower-case words that may join the parts of a name: "João da Silva", "Anna van Dijk"
_JOINING_PARTICLES = {"da", "de", "do", "dos", "das", "di", "del", "della", "van", "von", "der",
                      "den", "ter", "la", "le", "y", "e", "bin", "al"}


def _name_word(tok: Token) -> bool:
    """Whether ``tok`` can be part of a name: capitalised (any script), not all capitals."""
    return is_cap(tok) and not tok.text.isupper()


def _name_at(toks: list[Token], k: int) -> int:
    """Returns the index past a name of two to four capitalised words (particles between them
    allowed) starting at ``k``, else ``k``."""
    end = k
    caps = 0
    j = k
    while j < len(toks) and j - k < 6:
        if _name_word(toks[j]):
            caps += 1
            j += 1
            end = j
        elif toks[j].low in _JOINING_PARTICLES and caps and j + 1 < len(toks) \
                and _name_word(toks[j + 1]):
            j += 1
        else:
            break
    return end if 2 <= caps <= 4 else k


def _name(text: str, toks: list[Token], first: int, end: int) -> Mention:
    """Returns the name made of ``toks[first:end]`` in ``text``."""
    name = text[toks[first].start:toks[end - 1].end]
    return Mention(name, "name", name, toks[first].start, toks[end - 1].end)


def reporting_clause(after: str) -> tuple[Mention | None, int]:
    """Returns the speaker named in a short reporting clause right after a quote, told by its
    shape alone, and the offset where the clause ends; (None, 0) when there is none.

    For a language whose speech verbs no module lists: a comma or dash (or none, when the
    quote's own comma closed it), at most three lower-case words and a name of two to four
    capitalised words (``“…”, disse João Pereira.``, ``„…“ – powiedział Jan Kowalski.``), or the
    name first and then one or two lower-case words (``“…”, João Pereira disse.``), and then the
    end of the sentence, a comma, or a few more lower-case words before it (``disse João
    Pereira na segunda-feira.``). A script without capitals (Chinese, Arabic) has no such
    shape."""
    toks = tokenize(after[:240])
    i = 0
    while i < min(2, len(toks)) and toks[i].text in (",", "–", "—", "-"):
        i += 1  # ", —" (Russian) opens the clause as "," or "–" alone does

    def lower(k: int) -> bool:
        return k < len(toks) and toks[k].text[:1].islower()

    def ends(k: int, tail: int) -> bool:
        # the sentence ends, or a comma opens an apposition, or lower-case words run to its end
        for m in range(k, min(len(toks), k + tail + 1)):
            if toks[m].text in (".", "!", "?", ",", ";", "…"):
                return True
            if not lower(m):
                return False
        return k >= len(toks)

    k = i
    while lower(k) and k - i < 3:
        k += 1
    if k > i:
        end = _name_at(toks, k)
        if end > k and ends(end, 6):
            return _name(after, toks, k, end), toks[end - 1].end
    end = _name_at(toks, i)
    if end > i and lower(end) and ends(end + 1, 3):
        last = next((m for m in range(end, len(toks)) if not lower(m)), len(toks))
        return _name(after, toks, i, end), toks[last - 1].end
    return None, 0


def name_before_colon(clause: str) -> Mention | None:
    """Returns the speaker named in the clause before an introducing colon, told by its shape
    alone, for a language whose speech verbs no module lists: a name of two to four capitalised
    words and at most three lower-case words after it (``Директор Анна Смирнова сказала:``), or
    a name that ends the clause after at most three words (``Powiedział Jan Kowalski:``). The
    capitalised first word of the sentence is no part of a longer name (a title or a verb).
    None when the clause has no such shape."""
    clause = clause[-300:]  # a reporting clause is short; a run-on line must stay linear
    toks = tokenize(clause)
    start = max((n + 1 for n, t in enumerate(toks) if not re.match(r"\w", t.text)), default=0)
    for k in range(start, len(toks)):
        end = _name_at(toks, k)
        if end == k:
            continue
        if k == start and end - k >= 3:
            k += 1  # "Директор Анна Смирнова": the title or verb that opens the sentence
        after = [t.text for t in toks[end:]]
        if len(after) <= 3 and all(w[:1].islower() for w in after) and (after or k - start <= 3):
            return _name(clause, toks, k, end)
        break
    return None


def speaker_after(after: str, lang: str, book: NameBook | None = None) -> tuple[Mention | None, int]:
    """Returns the speaker named right after a quote, and the offset where that clause ends.

    Handles ``, sagte X`` / ``, so X`` / ``, X sagte`` (German), ``, said X`` / ``X said``
    (English), ``, a déclaré X`` / ``, a-t-il dit`` (French). The offset is 0 when nothing is found.
    """
    if lang not in VERBS:
        # a language without a module: no speech verbs known, the clause's shape tells, or a
        # quotative its grammar knows ("と述べた")
        mention, end = reporting_clause(after)
        quotative = grammar.of(lang).quotative
        m = quotative.match(after) if end == 0 and quotative is not None else None
        if m is not None:
            end = m.end()
            who = m.groupdict().get("speaker")
            if who:
                mention = Mention(who, "name", who, m.start("speaker"), m.end("speaker"))
        return mention, end
    toks = tokenize(after[:300])
    if not toks:
        return None, 0
    i = 0
    if toks[0].text in (",", "–", "—", "-"):
        i = 1
    if i >= len(toks):
        return None, 0
    own = grammar.of(lang)
    words = _WITH_THESE_WORDS.match(after[:300])
    if words:
        # "„…“, mit diesen Worten meldete er sich zurück": any verb, then its subject
        k = next((n for n, t in enumerate(toks) if t.start >= words.end()), len(toks))
        if not own.verb_second:
            k += k < len(toks) and toks[k].text == ","  # "with these words, the mayor opened"
            mention, _ = parse_np(after, toks, k, lang, book) if k < len(toks) else (None, k)
        elif k < len(toks) and toks[k].text[:1].islower():
            mention = np_after(after, toks, k + 1, lang, window=4, book=book)
        else:
            mention = None
        if mention is not None:
            return mention, mention.end
    if i + 2 < len(toks) and toks[i].low in languages.get(lang).auxiliaries \
            and toks[i + 1].low in pronouns(lang) and toks[i + 2].low in VERBS.get(lang, ()):
        # an auxiliary, the subject pronoun, the participle: "heeft hij gezegd", "ha egli detto"
        p = toks[i + 1]
        return Mention(p.text, "pronoun", None, p.start, p.end), toks[i + 2].end
    # verb first: ", sagte Maria Lehmann", ", said the minister", ", a déclaré Paul Durand"
    j = verb_at(toks, i, lang)
    if j > 0:
        if toks[i].low in ("heißt", "hieß", "lautet", "lautete"):
            source = own.source_after_es(after, toks, j, lang, book)
            return source, source.end if source is not None else toks[j - 1].end
        if toks[i].low in CITING:
            # "„…“, zitiert die Zeitung den Minister.": the one quoted is the object
            end = re.search(r"[.!?;](?=\s|$)", after[:300])
            cited = own.cited_person(after[:end.start() if end else 300], lang, book)
            if cited is not None:
                return cited, cited.end
        # "fügte X hinzu", "sagte X": the phrase follows the verb
        joined = own.pronoun_in_verb(toks, j)  # "a-t-il dit", "déclare-t-elle"
        if joined is not None:
            return joined
        mention = np_after(after, toks, j, lang, book=book)
        if mention is not None:
            return mention, mention.end
        slot = own.name_in_speaker_slot(toks, i, j, book)  # "„…“, so Barth."
        if slot is not None:
            return slot, slot.end
        if i == 1 and (toks[i].low in ALL_VERBS | {"so"} or toks[j - 1].low in ALL_VERBS):
            # a speech verb (or an auxiliary and its participle: "ha aggiunto"), but no
            # speaker named: the subject is the one of the sentence before
            return None, toks[j - 1].end
        return None, 0
    # no speech verb after the comma: the language's own clauses ("„…“, wie der Trainer sagte")
    mention = own.after_quote(after, toks, i, lang, book)
    if mention is not None:
        return mention, mention.end
    # subject first: '"…," Maria Lehmann said', '« … », Paul Durand a dit'
    mention, k = parse_np(after, toks, i, lang, book)
    if mention is not None and k < len(toks):
        j = verb_at(toks, k, lang)
        if j < 0 and k + 1 < len(toks) and toks[k].text == ",":
            # an apposition between subject and verb: "Lehmann, the chief executive, said"
            m = k + 1
            while m < len(toks) and m - k < 10 and toks[m].text != ",":
                m += 1
            if m + 1 < len(toks):
                j = verb_at(toks, m + 1, lang)
        if j > 0 and own.subject_first_after_quote(toks, i, j):  # also ", Lehmann zufolge"
            return mention, toks[j - 1].end
    return None, 0


_LIST_INTRO = re.compile(
    r"(?:Zitate?|Aussagen|Antworten|Stimmen|Sätze|quotes?|remarks|words|citations?|propos|paroles)"
    r"\s+(?:von|vom|der|des|from|by|of|de|du|d[’'])\s*(.+?)\s*[:.]?\s*$", re.I)
_LAUT = re.compile(r"\b(?:laut|nach\s+Angaben\s+von|according\s+to|selon|d[’']après)\s+(.+)$", re.I)


def list_owner(text: str, lang: str, book: NameBook | None = None) -> Mention | None:
    """Returns whose quotes a list introduction such as ``Zitate von Anna Beispiel:`` announces."""
    m = _LIST_INTRO.search(text)
    if not m:
        return None
    toks = tokenize(m.group(1))
    mention, _ = parse_np(m.group(1), toks, 0, lang, book)
    return mention


def name_at_end(text: str, lang: str, book: NameBook | None = None) -> Mention | None:
    """Returns the personal name that ends ``text`` right after a comma, a conjunction or an
    office (``…, so der Bürgermeister A, die Landrätin B und der Abgeordnete C``, ``Auch die
    Vorsitzende, Karin Beil``), else None."""
    toks = tokenize(text)
    n = len(toks)
    for s in range(max(0, n - 8), n):
        if s and toks[s - 1].text not in (",", "(") and toks[s - 1].low not in CONJUNCTIONS \
                and toks[s - 1].low not in DETERMINERS:
            continue
        mention, end = parse_np(text, toks, s, lang, book)
        if mention is not None and end == n and mention.kind == "name" and mention.name \
                and (len(mention.name.split()) >= 2 or book is not None and book.is_name(mention.name)):
            return mention
    return None


def speaker_before(clause: str, lang: str, book: NameBook | None = None) -> Mention | None:
    """Returns the speaker of a quote introduced by ``clause``, the text before its colon.

    Tries ``Zitat von X``, ``laut X``, then a subject at the start of the clause that is followed
    by a verb, then the phrase after the first speech verb. Returns None when none is found.
    """
    owner = list_owner(clause, lang, book)
    if owner is not None:
        return owner
    if lang not in VERBS:
        return name_before_colon(clause)  # no speech verbs known: the clause's shape tells
    toks = tokenize(clause)
    if not toks:
        return None
    own = grammar.of(lang)
    source = own.es_source(clause, toks, lang, book) or own.place_source(clause, lang, book, toks) \
        or own.cited_person(clause, lang, book) or own.for_whom(toks, clause, lang, book)
    if source is not None:
        return source
    m = _LAUT.search(clause)
    if m:
        sub = tokenize(m.group(1))
        mention, _ = parse_np(m.group(1), sub, 0, lang, book)
        if mention is not None:
            return mention
    i = 0
    while i < len(toks) and toks[i].low in ("auch", "doch", "und", "aber", "so", "also", "and",
                                             "but", "et", "mais", "dann", "then", ",", "–", "—"):
        i += 1
    subject = own.subject_before_colon(clause, toks, i, lang, book)
    if subject is not None:
        return subject
    # subject first: "Maria Lehmann sagte:", "Die Ministerin betonte am Montag:"
    mention, k = parse_np(clause, toks, i, lang, book)
    if mention is not None and mention.kind == "pronoun":
        surely, k = own.pronoun_is_subject(toks, i, k)  # "Er selbst sagte:", "Sie bleibt dabei:"
        if surely:
            return mention
    if mention is not None and k >= len(toks) and plausible_subject(mention, toks, i, book):
        return mention  # "BKA-Präsident Ziercke: „…“"
    if mention is not None and k < len(toks) and (toks[k].text[:1].islower() or toks[k].text == ",") \
            and plausible_subject(mention, toks, i, book):
        if mention.kind != "pronoun" or toks[k].low in VERBS.get(lang, set()) | ALL_VERBS \
                or re.fullmatch(r"[a-zäöüß]+te", toks[k].low) or toks[k].low in ("hat", "hatte", "has", "had", "a"):
            return mention
    nominal = own.nominalised_subject(clause, toks, i, lang)
    if nominal is not None:
        return nominal
    # verb first: "Dazu erklärte Hartmann:", "Then said the minister:"
    for v in range(len(toks)):
        j = verb_at(toks, v, lang)
        if j > 0:
            if toks[v].low == "so":
                # "…, so A, B und C:" names a list; the colon follows the one who speaks
                last = name_at_end(clause, lang, book)
                if last is not None:
                    return last
            found = np_after(clause, toks, j, lang, window=8, book=book)
            if found is not None:
                return found
            break
    # "Das Angebot lehnt er jedoch ab:": no speech verb, but the subject is a pronoun after the verb
    # "Nach dem Spiel war er zufrieden:": a pronoun after a fronted phrase and its verb
    return own.inverted_pronoun(clause, lang) or own.pronoun_after_fronted_phrase(toks, i)


_OBJECT_ARTICLES = {"den", "dem", "einen", "einem"}
_POSSESSIVE = re.compile(r"^(?:(mein|dein|sein|ihr|unser|euer|eur)(e|en|em|er|es)?|his|her|their|son|sa|ses|leur|leurs)$")
_OTHER_PREPOSITIONS = {"with", "by", "of", "for", "from", "avec", "par", "pour", "chez", "sans", "auprès"}


def first_name_in(clause: str, lang: str, book: NameBook | None = None) -> Mention | None:
    """Returns the first personal name in ``clause`` that is not the object of a preposition.

    The last resort for a clause that introduces a quote with a colon but has no speech verb:
    ``Zum Abschied hielt Georg Haberland eine Rede:``.
    """
    toks = tokenize(clause)
    dependent = False  # inside a prepositional or genitive phrase: "während einer Rede der Abgeordneten X"
    owned = 0  # lower-case words after a possessive that stay inside the phrase: "son collègue"
    for k, t in enumerate(toks):
        if t.low in FUNCTION_WORDS - {"auch", "doch", "noch", "nur", "als", "wie", "dass", "weil", "wenn", "ob"} \
                or t.low in ("der", "des") and k and is_cap(toks[k - 1]) or t.low in _OTHER_PREPOSITIONS:
            dependent = True
            continue
        if _POSSESSIVE.match(t.low):
            dependent, owned = True, 2
            continue
        if t.text[:1].islower() and owned:
            owned -= 1
            continue
        if t.text in ",;" or t.text[:1].islower() and t.low not in DETERMINERS and not ADJECTIVAL.search(t.low) \
                and t.low not in CONJUNCTIONS:
            # "mit seinen Kollegen Anna Roth und Max Kern": still the object
            dependent = False
        if not is_cap(t) or dependent:
            continue
        if k and toks[k - 1].low in _OBJECT_ARTICLES:
            dependent = True  # "griff den Präsidenten X an": the whole run is an object
            continue
        mention, _ = parse_np(clause, toks, k, lang, book)
        if mention is not None and mention.kind == "name" and book is not None \
                and any(book.is_name(w) for w in (mention.name or "").split()):
            return mention
    return None
