"""The speaker finders every language uses: after the quote, before its colon, in the sentence
around it, in the owner of a list of quotes."""

from __future__ import annotations

import re

from audio_edition.attribution.tokens import is_cap, tokenize
from audio_edition.attribution.lexicon import (
    ADJECTIVAL,
    ALL_VERBS,
    CITING,
    CONJUNCTIONS,
    CONTRACTED,
    DETERMINERS,
    ES_ADVERBS,
    FUNCTION_WORDS,
    PREPOSITIONS,
    RELATIVES,
    VERBS,
)
from audio_edition.attribution.nouns import Mention, NameBook, parse_np
from audio_edition.attribution.clauses import (
    bare_name,
    finite_verb_like,
    group_subject,
    np_after,
    plausible_subject,
    singular_pronoun_verb,
    subject_right_after,
    verb_at,
    verb_ends_clause,
)
from audio_edition.attribution import grammar


_WITH_THESE_WORDS = re.compile(
    r"^\s*(?:[,–—-]\s*)?(?:mit\s+(?:diesen|den|jenen|solchen)\s+Worten|with\s+(?:these|those)\s+words|"
    r"par\s+ces\s+mots|en\s+ces\s+termes)\b", re.I)


def speaker_after(after: str, lang: str, book: NameBook | None = None) -> tuple[Mention | None, int]:
    """Returns the speaker named right after a quote, and the offset where that clause ends.

    Handles ``, sagte X`` / ``, so X`` / ``, X sagte`` (German), ``, said X`` / ``X said``
    (English), ``, a déclaré X`` / ``, a-t-il dit`` (French). The offset is 0 when nothing is found.
    """
    toks = tokenize(after[:300])
    if not toks:
        return None, 0
    i = 0
    if toks[0].text in (",", "–", "—", "-"):
        i = 1
    if i >= len(toks):
        return None, 0
    words = _WITH_THESE_WORDS.match(after[:300])
    if words:
        # "„…“, mit diesen Worten meldete er sich zurück": any verb, then its subject
        k = next((n for n, t in enumerate(toks) if t.start >= words.end()), len(toks))
        if lang != "de":
            k += k < len(toks) and toks[k].text == ","  # "with these words, the mayor opened"
            mention, _ = parse_np(after, toks, k, lang, book) if k < len(toks) else (None, k)
        elif k < len(toks) and toks[k].text[:1].islower():
            mention = np_after(after, toks, k + 1, lang, window=4, book=book)
        else:
            mention = None
        if mention is not None:
            return mention, mention.end
    # verb first: ", sagte Maria Lehmann", ", said the minister", ", a déclaré Paul Durand"
    j = verb_at(toks, i, lang)
    if j > 0:
        if toks[i].low in ("heißt", "hieß", "lautet", "lautete"):
            source = grammar.of(lang).source_after_es(after, toks, j, lang, book)
            return source, source.end if source is not None else toks[j - 1].end
        if toks[i].low in CITING:
            # "„…“, zitiert die Zeitung den Minister.": the one quoted is the object
            end = re.search(r"[.!?;](?=\s|$)", after[:300])
            cited = grammar.of(lang).cited_person(after[:end.start() if end else 300], lang, book)
            if cited is not None:
                return cited, cited.end
        # "fügte X hinzu", "sagte X": the phrase follows the verb
        if lang == "fr" and "-" in toks[j - 1].text and re.search(r"-(il|elle)$", toks[j - 1].low):
            p = toks[j - 1].text.rsplit("-", 1)[1]
            return Mention(p, "pronoun", None, toks[j - 1].start, toks[j - 1].end), toks[j - 1].end
        if lang == "fr" and j - 2 >= 0 and re.search(r"-t-(il|elle)$", toks[j - 2].low):
            p = toks[j - 2].text.rsplit("-", 1)[1]
            return Mention(p, "pronoun", None, toks[j - 2].start, toks[j - 2].end), toks[j - 1].end
        mention = np_after(after, toks, j, lang, book=book)
        if mention is not None:
            return mention, mention.end
        if lang == "de" and i == 1 and j + 1 < len(toks) and toks[j + 1].text in ".,;!?" and bare_name(toks[j], book):
            # "„…“, so Barth." / "„…“, sagte Oberhuber.": a word in the speaker's slot is a name
            return Mention(toks[j].text, "name", toks[j].text, toks[j].start, toks[j].end), toks[j].end
        if i == 1 and toks[i].low in ALL_VERBS | {"so"}:
            return None, toks[j - 1].end  # a speech verb, but no speaker named
        return None, 0
    if lang == "de" and i == 1 and toks[1].low == "wie":
        # "„…“, wie der Trainer sagte.": the subject of the speech verb that closes the clause
        mention = speaker_in_sentence(after[toks[1].start:], lang, book)
        if mention is not None and mention.start + toks[1].start < len(after) \
                and verb_ends_clause(after, toks, mention.end + toks[1].start, lang):
            return Mention(mention.text, mention.kind, mention.name, mention.start + toks[1].start,
                           mention.end + toks[1].start), mention.end + toks[1].start
    if lang == "de" and i == 1 and toks[1].low in ("war", "ist", "sei", "waren") and len(toks) > 3 \
            and toks[2].low in ("von", "vom", "aus", "bei", "beim"):
        # "„…“, war aus dem Ministerium zu hören": the source after the preposition
        m = re.match(r"[^.!?;]*?\bzu\s+(?:hören|lesen|vernehmen|erfahren)\b", after[toks[2].start:])
        if m:
            fused = toks[2].low in CONTRACTED
            mention, _ = parse_np(after, toks, 2 if fused else 3, lang, book, contracted=fused)
            if mention is None and not fused:
                mention, _ = group_subject(after, toks, 3)
            if mention is not None and mention.kind != "pronoun":
                return mention, mention.end
    if lang == "de" and i == 1 and finite_verb_like(toks[1]):
        # "„…“, strich X heraus", "ließ ein Sprecher verlauten", "schrieb „Die Zeitung“": the
        # verb-second slot of an inverted main clause, with its subject right after the verb
        mention = subject_right_after(after, toks, 2, lang, book)
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
        if j > 0 and lang != "de" or j > 0 and toks[j - 1].low in ("so", "zufolge"):
            return mention, toks[j - 1].end
        if j > 0 and lang == "de" and toks[i - 1].text == "," if i else False:
            return mention, toks[j - 1].end
    # German postposition: ", Lehmann zufolge"
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
    if lang == "de" and i + 2 < len(toks) and toks[i + 2].low in ("er", "sie") and toks[i + 1].text[:1].islower() \
            and is_cap(toks[i]) and toks[i].low not in DETERMINERS \
            and (toks[i].low in FUNCTION_WORDS | ES_ADVERBS
                 or toks[i + 2].low == "er" and finite_verb_like(toks[i + 1])):
        # "Dabei griff sie den Präsidenten an:": the pronoun after the verb is the subject
        return Mention(toks[i + 2].text, "pronoun", None, toks[i + 2].start, toks[i + 2].end)
    subject = own.subject_of_last_verb(clause, toks, i, lang, book)
    if subject is not None and subject.kind == "role" and toks[i].low == "der" and lang == "de":
        # "Der Zeitung sagte Bernd Kolbe:": a dative in front, the subject after the verb
        for v in range(i + 1, min(len(toks), i + 8)):
            j = verb_at(toks, v, lang)
            if j > 0:
                after = np_after(clause, toks, j, lang, window=4, book=book)
                if after is not None and after.kind == "name" and subject.end <= toks[v].start:
                    return after
                break
    if subject is not None:
        return subject
    # subject first: "Maria Lehmann sagte:", "Die Ministerin betonte am Montag:"
    mention, k = parse_np(clause, toks, i, lang, book)
    if mention is not None and mention.kind == "pronoun" and lang == "de" and k < len(toks):
        if toks[k].low == "selbst":
            k += 1  # "Er selbst sagte:"
        elif toks[k].text == "," and k + 1 < len(toks) and toks[k + 1].low in RELATIVES:
            # "Er, der seit 2001 im Amt ist, sagte:": past the relative clause to the verb
            close = next((m for m in range(k + 2, min(len(toks), k + 30)) if toks[m].text == ","), None)
            if close is not None and close + 1 < len(toks) and verb_at(toks, close + 1, lang) > 0:
                return mention
    if mention is not None and k >= len(toks) and plausible_subject(mention, toks, i, book):
        return mention  # "BKA-Präsident Ziercke: „…“"
    if mention is not None and k < len(toks) and (toks[k].text[:1].islower() or toks[k].text == ",") \
            and plausible_subject(mention, toks, i, book):
        if mention.kind != "pronoun" or toks[k].low in VERBS.get(lang, set()) | ALL_VERBS \
                or re.fullmatch(r"[a-zäöüß]+te", toks[k].low) or toks[k].low in ("hat", "hatte", "has", "had", "a"):
            return mention
        if lang == "de" and k == i + 1 and singular_pronoun_verb(toks[i], toks[k]):
            return mention  # "Er ist sich sicher:", "Sie bleibt dabei:": any verb after er/sie
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
    found = own.inverted_pronoun(clause, lang)
    if found is None and lang == "de" and i < len(toks) and toks[i].low in PREPOSITIONS:
        # "Nach dem Spiel war er zufrieden:": a fronted phrase, then the verb and its pronoun
        for k in range(i + 2, min(len(toks), i + 10)):
            if toks[k].text == ",":
                break
            if toks[k].low in ("er", "sie") and singular_pronoun_verb(toks[k], toks[k - 1]):
                return Mention(toks[k].text, "pronoun", None, toks[k].start, toks[k].end)
    return found


def speaker_in_sentence(sentence: str, lang: str, book: NameBook | None = None,
                        any_verb: bool = False) -> Mention | None:
    """Returns the subject of a sentence of reported speech (``X sagte, …``), else None.

    Used to carry a speaker over to the quotes that follow an indirect quote.
    """
    toks = tokenize(sentence)
    if not toks:
        return None
    i = 0
    while i < len(toks) and toks[i].low in ("auch", "doch", "und", "aber", "and", "but", "et", "mais"):
        i += 1
    if i < len(toks) and toks[i].low in ("wie", "as", "comme"):
        # "Wie die Premierministerin, Anna Bligh, erklärte, …"
        mention, k = parse_np(sentence, toks, i + 1, lang, book)
        if mention is not None and mention.kind != "pronoun":
            if k + 1 < len(toks) and toks[k].text == "," and toks[k + 1].low in RELATIVES:
                # "Wie Ulrike Sandmann, die den Verein berät, dazu feststellt, …"
                m = k + 1
                while m < len(toks) and m - k < 40 and (toks[m].text not in ",.!?;:"
                                                         or toks[m].text == "." and toks[m - 1].text.isdigit()):
                    m += 1
                if m < len(toks) and toks[m].text == ",":
                    k = m + 1
            start = k
            while k < len(toks) and k - start < 8 and verb_at(toks, k, lang) < 0 and toks[k].text not in ".!?":
                k += 1
            if k < len(toks) and verb_at(toks, k, lang) > 0:
                return mention
    mention, k = parse_np(sentence, toks, i, lang, book)
    if mention is not None and mention.kind != "pronoun" and k < len(toks) \
            and plausible_subject(mention, toks, i, book):
        if k < len(toks) and toks[k].text == ",":
            # skip an apposition: "Sadiq Khan, einer der Abgeordneten, verurteilte …"
            m = k + 1
            while m < len(toks) and m - k < 12 and toks[m].text != ",":
                m += 1
            if m < len(toks) - 1 and toks[m].text == "," and not toks[k + 1].text[:1].islower():
                k = m + 1
            else:
                k += 1
        j = verb_at(toks, k, lang)
        if j > 0 and toks[k].low not in ("so",) or any_verb and toks[k].text[:1].islower():
            return mention
    for v in range(min(len(toks), 12)):
        j = verb_at(toks, v, lang)
        if j > 0 and toks[v].low not in ("so", "heißt", "hieß", "gab", "gibt", "sah", "sieht", "fand",
                                          "findet", "macht", "machte", "stellt", "stellte"):
            found = np_after(sentence, toks, j, lang, window=5, book=book)
            if found is not None and found.kind != "pronoun":
                return found
            return None
    return None


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
