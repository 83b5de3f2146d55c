"""Text normalization: the words a TTS engine should say for what an article wrote.

Engines read digits, abbreviations, initialisms and web addresses badly or not at all, and they
do it differently from one another. :func:`speakable` turns text into plain spoken words before
any engine sees it, so every engine gets the same input:

- the user's pronunciation lexicon (``voices/lexicon/<lang>.toml``, see :func:`load_lexicon`),
- web addresses and e-mail addresses (``example.TV`` -> ``example Punkt T-V``),
- abbreviations (``z. B.`` -> ``zum Beispiel``, ``Dr.`` -> ``Doctor``, ``Mme`` -> ``Madame``),
- times, dates, currency amounts, percentages, ordinals, years and other numbers, read with
  num2words (``am 3. Oktober 2026`` -> ``am dritten Oktober zweitausendsechsundzwanzig``),
- initialisms spelled letter by letter (``ARD`` -> ``A-R-D``) unless they are read as words
  (``NATO``).

German (``de``), English (``en``) and French (``fr``) have rules; text in any other language only
gets the lexicon. Letters that are spelled are joined with hyphens: espeak-ng, which also
phonemizes for Piper, then says each letter's name, where a lone ``A`` between spaces would be
read as the English article.

The text is handled as a list of pieces. A rule rewrites the parts of the unfrozen pieces it
matches; the lexicon and web addresses freeze what they produce so that no later rule reads into
it, and since no rule leaves digits behind, running :func:`speakable` on its own output changes
nothing.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path


from audio_edition import languages
from audio_edition.config import load_toml
from audio_edition.errors import ConfigError

log = logging.getLogger(__name__)

__all__ = ["Lexicon", "LexiconEntry", "load_lexicon", "speakable", "LEXICON_DIR"]

LEXICON_DIR = "lexicon"
"""Folder inside ``voices/`` that holds one ``<lang>.toml`` lexicon per language."""


# --------------------------------------------------------------------------------------------
# Lexicon


@dataclass(frozen=True)
class LexiconEntry:
    """One word the engines mispronounce, and what to give them instead."""

    written: str
    """The word as articles write it; matched as a whole word."""
    spoken: str
    """What the engine receives instead, as it is: no further normalization is applied."""
    ignore_case: bool = False
    """Whether ``written`` also matches in other capitalizations (``NVIDIA``, ``nvidia``)."""


@dataclass
class Lexicon:
    """A language's pronunciation lexicon, applied before any other rule and any engine."""

    lang: str
    """ISO 639-1 code of the language the lexicon is for."""
    entries: list[LexiconEntry] = field(default_factory=list)
    """The entries, in file order."""
    path: Path | None = None
    """The file it was loaded from, or None for an empty or hand-made lexicon."""

    def __len__(self) -> int:
        return len(self.entries)

    def apply(self, text: str) -> str:
        """Returns ``text`` with every lexicon word replaced by its spoken form."""
        return "".join(p.text for p in _apply_lexicon([_Piece(text)], self))

    def _matcher(self) -> tuple[re.Pattern[str] | None, dict[str, str], dict[str, str]]:
        # Cached on the instance: entries are not expected to change after loading, and a
        # changed list is detected by comparing it with the one the cache was built from.
        cached = getattr(self, "_cache", None)
        if cached is not None and cached[0] == self.entries:
            return cached[1]
        exact: dict[str, str] = {}
        folded: dict[str, str] = {}
        alternatives = []
        # Longest first, so that "New York Times" wins over "New York".
        for entry in sorted(self.entries, key=lambda e: -len(e.written)):
            if entry.ignore_case:
                folded.setdefault(entry.written.casefold(), entry.spoken)
                alternatives.append(f"(?i:{re.escape(entry.written)})")
            else:
                exact.setdefault(entry.written, entry.spoken)
                alternatives.append(re.escape(entry.written))
        pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")
            if alternatives
            else None
        )
        result = (pattern, exact, folded)
        object.__setattr__(self, "_cache", (list(self.entries), result))
        return result


_LEXICON_ENTRY_KEYS = {"say", "ignore_case"}


def load_lexicon(voices_dir: Path, lang: str) -> Lexicon:
    """Returns the lexicon in ``voices_dir/lexicon/<lang>.toml``.

    A regional code such as ``de-AT`` uses ``de-AT.toml`` when there is one, else ``de.toml``.
    A missing file gives an empty lexicon. The file has one table, ``[words]``; each key is a
    word as written and each value either the spoken form (``"Nvidia" = "En-vidia"``, matched
    with its exact capitalization) or an inline table
    ``{ say = "En-vidia", ignore_case = true }`` to match any capitalization.

    Raises ConfigError, naming the file, when it cannot be read, is not valid TOML, or has a bad
    entry (the message names every bad key and quotes its value). Unknown top-level keys are
    logged as warnings and ignored.
    """
    code = languages.base_code(lang)
    folder = Path(voices_dir) / LEXICON_DIR
    candidates = [folder / f"{lang.strip()}.toml"]
    if lang.strip().lower() != code:
        candidates.append(folder / f"{code}.toml")
    path = next((p for p in candidates if p.is_file()), None)
    if path is None:
        log.debug("no lexicon for %s in %s", lang, folder)
        return Lexicon(lang=code)
    data = load_toml(path)
    for key in data:
        if key != "words":
            log.warning("%s: unknown key %r ignored; entries belong in [words]", path, key)
    words = data.get("words", {})
    if not isinstance(words, dict):
        raise ConfigError(f"words: expected a table but got {words!r}", path)

    errors: list[str] = []
    entries: list[LexiconEntry] = []
    for written, value in words.items():
        where = f"words: {written!r}"
        if not written.strip() or written != written.strip():
            errors.append(f"{where}: a word must be non-empty, without surrounding spaces")
            continue
        spoken: object = value
        ignore_case: object = False
        if isinstance(value, dict):
            unknown = sorted(set(value) - _LEXICON_ENTRY_KEYS)
            if unknown:
                errors.append(f"{where}: unknown key {unknown[0]!r}; expected 'say', 'ignore_case'")
                continue
            if "say" not in value:
                errors.append(f"{where}: missing 'say' in {value!r}")
                continue
            spoken = value["say"]
            ignore_case = value.get("ignore_case", False)
        if not isinstance(spoken, str) or not spoken.strip():
            errors.append(
                f"{where}: expected the spoken form as a non-empty string but got {spoken!r}"
            )
            continue
        if not isinstance(ignore_case, bool):
            errors.append(f"{where}: ignore_case: expected true or false but got {ignore_case!r}")
            continue
        entries.append(LexiconEntry(written, spoken.strip(), ignore_case))
    if errors:
        raise ConfigError("; ".join(errors), path)
    log.debug("loaded %d lexicon entries from %s", len(entries), path)
    return Lexicon(lang=code, entries=entries, path=path)


# --------------------------------------------------------------------------------------------
# Per-language tables


@dataclass(frozen=True, eq=False)
class _Rules:
    """A language's :class:`~audio_edition.languages.Reading` with its code and month names:
    what the rules below read. Unknown attributes are looked up on the reading."""

    code: str
    """The base language code (num2words' language)."""
    months: tuple[str, ...]
    """Month names, January first."""
    reading: languages.Reading
    """How the language reads numbers, dates, money and abbreviations."""

    def __getattr__(self, name: str):
        if name == "reading":  # not yet set (while copying): no reading to look in
            raise AttributeError(name)
        return getattr(self.reading, name)


@cache
def _rules_for(code: str) -> _Rules | None:
    """Returns the rules of the language ``code`` (a base code), or None when it has none."""
    language = languages.get(code)
    if language.reading is None:
        return None
    return _Rules(language.code, language.months, language.reading)


# fmt: off
# Address endings that mark "word.word" as a web address. Lower case or all capitals only: a
# capitalized "Es" after a missing space ("Haus.Es") is a sentence, not Spain.
_TLDS = ("com", "net", "org", "info", "biz", "edu", "gov", "int", "eu", "de", "at", "ch", "fr",
         "be", "nl", "lu", "it", "es", "pt", "uk", "us", "ca", "au", "io", "ai", "tv", "fm",
         "me", "app", "dev", "news", "online", "shop", "blog", "berlin", "hamburg", "swiss")



# --------------------------------------------------------------------------------------------
# The piece machinery


@dataclass
class _Piece:
    """A stretch of the text being normalized."""

    text: str
    """The text."""
    frozen: bool = False
    """Whether the text is final: no later rule may change it."""


_Repl = Callable[[re.Match[str]], str | None]


def _sub(
    pieces: list[_Piece], pattern: re.Pattern[str], repl: _Repl, *, freeze: bool = False
) -> list[_Piece]:
    """Returns ``pieces`` with ``repl(match)`` put in place of each match outside frozen pieces.

    The pattern runs over the whole text, so lookarounds and ``repl`` (through ``m.string``)
    see frozen neighbours as context; a match that overlaps a frozen piece is skipped. ``repl``
    returns None to leave a match alone. With ``freeze`` the replacements are frozen. Adjacent
    unfrozen pieces are merged, so later rules see rewritten text as one string.
    """
    text = "".join(p.text for p in pieces)
    if pattern.search(text) is None and not any(
            not a.frozen and not b.frozen for a, b in zip(pieces, pieces[1:])):
        return pieces  # nothing to replace and nothing to merge: most rules, most sentences
    bounds: list[tuple[int, int, bool]] = []
    offset = 0
    for piece in pieces:
        bounds.append((offset, offset + len(piece.text), piece.frozen))
        offset += len(piece.text)
    frozen_spans = [(start, end) for start, end, frozen in bounds if frozen]
    out: list[_Piece] = []

    def add(chunk: str, frozen: bool) -> None:
        if not chunk:
            return
        if out and not frozen and not out[-1].frozen:
            out[-1].text += chunk
        else:
            out.append(_Piece(chunk, frozen))

    def copy(start: int, end: int) -> None:
        for piece_start, piece_end, frozen in bounds:
            lo, hi = max(start, piece_start), min(end, piece_end)
            if lo < hi:
                add(text[lo:hi], frozen)

    pos = 0
    for m in pattern.finditer(text):
        if any(start < m.end() and m.start() < end for start, end in frozen_spans):
            continue
        spoken = repl(m)
        if spoken is None:
            continue
        copy(pos, m.start())
        add(spoken, freeze)
        pos = m.end()
    copy(pos, len(text))
    return out


def _apply_lexicon(pieces: list[_Piece], lexicon: Lexicon) -> list[_Piece]:
    """Returns ``pieces`` with the lexicon's words replaced by their frozen spoken forms."""
    pattern, exact, folded = lexicon._matcher()
    if pattern is None:
        return pieces

    def repl(m: re.Match[str]) -> str | None:
        word = m.group(0)
        return exact.get(word) or folded.get(word.casefold())

    return _sub(pieces, pattern, repl, freeze=True)


# --------------------------------------------------------------------------------------------
# Numbers


@cache
def _number_pattern(code: str) -> str:
    """Returns the regex text of a written number in language ``code`` (no sign, no context)."""
    rules = _rules_for(code)
    group = re.escape(rules.group)
    # A grouped number needs whole groups of three, so "1.5" and "10 12" are not read as one.
    # At most five groups (the trillions), with no group next to them: "99 100 101 102 …" is a
    # list of numbers, not one number.
    integer = rf"(?<!\d[{group}])\d{{1,3}}(?:[{group}]\d{{3}}){{1,4}}(?!\d|[{group}]\d)|\d+"
    return rf"(?:{integer})(?:{re.escape(rules.decimal)}\d+)?"


def _parse_number(written: str, rules: _Rules) -> Decimal:
    """Returns the value of a number as written in ``rules``' language."""
    integer, _, fraction = written.partition(rules.decimal)
    integer = re.sub(rf"[{re.escape(rules.group)}]", "", integer)
    try:
        return Decimal(f"{integer}.{fraction}" if fraction else integer)
    except InvalidOperation:  # pragma: no cover - the regex only lets digits through
        raise ValueError(f"not a number: {written!r}") from None


MAX_NUMBER_DIGITS = 15
"""Most digits a number may have to be read as a number (up to the trillions); a longer run of
digits is a code, a hash or junk, and is read one digit at a time. num2words has no words past
its largest scale and Python refuses to convert more than 4300 digits to an int."""


@cache
def _digit_names(code: str) -> tuple[str, ...]:
    """Returns the words for 0 to 9 in language ``code``."""
    from num2words import num2words

    return tuple(num2words(d, lang=code) for d in range(10))


def _digit_words(written: str, rules: _Rules) -> str:
    """Returns the digits of ``written`` read one at a time (``030`` -> ``null drei null``);
    any other character (a dot, a comma) is read as the language's word for a dot."""
    names = _digit_names(rules.code)
    return " ".join(names[int(c)] if c.isdecimal() else rules.dot for c in written)


def _integer_words(digits: str, rules: _Rules, to: str = "cardinal") -> str:
    """Returns a run of digits read as a number, or digit by digit when it is too long to be
    one (see :data:`MAX_NUMBER_DIGITS`)."""
    if len(digits.lstrip("0")) > MAX_NUMBER_DIGITS:
        return _digit_words(digits, rules)
    return _words(int(digits), rules, to)


def _words(value: Decimal | int, rules: _Rules, to: str = "cardinal") -> str:
    """Returns num2words' reading of ``value``; English loses the commas num2words puts in.
    A value with more than :data:`MAX_NUMBER_DIGITS` digits before the point is read digit by
    digit."""
    if isinstance(value, Decimal):
        if value.adjusted() >= MAX_NUMBER_DIGITS:
            return _digit_words(format(value, "f"), rules)
        if value == value.to_integral_value() and "." not in str(value):
            value = int(value)
    elif abs(value) >= 10 ** MAX_NUMBER_DIGITS:
        return _digit_words(str(abs(value)), rules)
    from num2words import num2words  # imported when a number is first read: 40 ms

    if rules.decimal_word and to == "cardinal" and isinstance(value, Decimal):
        integer, _, fraction = format(abs(value), "f").partition(".")
        zeros = len(fraction) - len(fraction.lstrip("0"))
        said = [num2words(int(integer), lang=rules.code), rules.decimal_word]
        said += [rules.zero] * zeros + ([num2words(int(fraction), lang=rules.code)]
                                       if fraction.strip("0") else [])
        return " ".join(said)  # the sign is said by the caller (_sign_word)
    # num2words groups English thousands with commas, which an engine would pause at
    return num2words(value, lang=rules.code, to=to).replace(",", "")


def _cardinal(value: Decimal | int, rules: _Rules, next_word: str = "") -> str:
    """Returns the cardinal for ``value`` as said before ``next_word``."""
    is_whole_one = value == 1 and not (isinstance(value, Decimal) and str(value) != "1")
    if rules.one_before_noun and is_whole_one and next_word[:1].isupper():
        # German "eins" only stands alone; before a noun it is "ein"/"eine".
        masculine, feminine = rules.one_before_noun
        return feminine if next_word in rules.feminine_nouns else masculine
    return _words(value, rules)


def _next_word(m: re.Match[str]) -> str:
    """Returns the word after match ``m``, or an empty string."""
    rest = m.string[m.end() :]
    found = re.match(r"\s*([\w][\w-]*)", rest)
    return found.group(1) if found else ""


def _previous_words(m: re.Match[str], count: int = 1) -> list[str]:
    """Returns up to ``count`` words (with their dots and commas) before match ``m``."""
    before = m.string[: m.start()]
    return re.findall(r"[\w.,–-]+", before)[-count:]


def _year_words(year: int, rules: _Rules) -> str:
    """Returns ``year`` read as a year (``nineteen ninety``)."""
    return _words(year, rules, to="year")


# --------------------------------------------------------------------------------------------
# Rules


def _kept_full_stop(m: re.Match[str]) -> str:
    """Returns "." when the dot ending match ``m`` also ends a sentence, else "".

    "usw." or "a.m." at the end of a sentence carries the sentence's full stop too, and the
    engine needs it for the pause and the falling tone.
    """
    if not m.group(0).endswith("."):
        return ""
    after = m.string[m.end() :]
    if not after.strip() or re.match(r"[ \t]*\n|\s+[\"“”»]?[A-ZÄÖÜÀ-Ý]", after):
        return "."
    return ""


def _abbreviation_pattern(written: str) -> str:
    """Returns a regex for an abbreviation that also matches it with spaces after inner dots.

    ``z.B.`` matches ``z.B.``, ``z. B.`` and ``z.\u00a0B.``; the dot of ``Dr.`` is required,
    and an abbreviation without a final dot must end at a word boundary.
    """
    parts = [re.escape(p) for p in re.split(r"(?<=\.)", written) if p]
    body = r"[ \u00a0\u202f]?".join(parts)
    start = r"(?<![\w.])"
    end = "" if written.endswith(".") else r"(?![\w])"
    return start + body + end


@cache
def _abbreviation_rules(code: str) -> list[tuple[re.Pattern[str], str, bool]]:
    """Returns (pattern, spoken form, may end a sentence) for each abbreviation of ``code``."""
    rules = _rules_for(code)
    table = []
    # Longest first: "Mmes" before "Mme", "Dipl.-Ing." before anything shorter.
    for written, spoken, ends in sorted(rules.abbreviations, key=lambda a: -len(a[0])):
        table.append((re.compile(_abbreviation_pattern(written)), spoken, ends))
    return table


@cache
def _any_abbreviation(code: str) -> re.Pattern[str]:
    """Returns one pattern that finds any abbreviation of ``code``: most sentences have none,
    and then the rules need not run one by one."""
    return re.compile("|".join(f"(?:{p.pattern})" for p, _, _ in _abbreviation_rules(code)))


def _expand_abbreviations(pieces: list[_Piece], rules: _Rules) -> list[_Piece]:
    """Returns ``pieces`` with the language's abbreviations written out."""
    text = "".join(p.text for p in pieces)
    rules_for_text = _abbreviation_rules(rules.code) if _any_abbreviation(rules.code).search(
        text) else []
    for pattern, spoken, may_end in rules_for_text:

        def repl(m: re.Match[str], spoken: str = spoken, may_end: bool = may_end) -> str:
            return spoken + (_kept_full_stop(m) if may_end else "")

        pieces = _sub(pieces, pattern, repl)
    for pattern, spoken in rules.context_abbreviations:
        pieces = _sub(pieces, re.compile(pattern), lambda m, spoken=spoken: spoken)
    return pieces


def _spell(letters: str) -> str:
    """Returns capital letters joined by hyphens, which espeak-ng reads letter by letter."""
    return "-".join(letters.upper())


def _speak_host(host: str, rules: _Rules) -> str:
    """Returns a host name as words: short endings and capitals spelled, dots said."""
    labels = host.split(".")
    spoken = []
    for i, label in enumerate(labels):
        last = i == len(labels) - 1
        if label.lower() == "www":
            spoken.append(_spell(label))
        elif last and label.lower() in rules.web_words:
            spoken.append(label.lower())
        elif last and len(label) <= 3 and label.isalpha():
            spoken.append(_spell(label))
        elif label.isalpha() and label.isupper() and len(label) <= 5:
            spoken.append(_spell(label))
        else:
            spoken.append(_speak_address_part(label, rules))
    return f" {rules.dot} ".join(spoken)


def _speak_address_part(part: str, rules: _Rules) -> str:
    """Returns part of an address with its digits as words and ``_``/``+`` as spaces."""
    # Digits inside a frozen address would never reach the number rules.
    text = re.sub(r"\d+", lambda m: f" {_integer_words(m.group(0), rules)} ", part)
    text = re.sub(r"[_+]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _speak_url(url: str, rules: _Rules) -> str:
    """Returns a URL as words: host and path, without scheme, port, query or fragment."""
    rest = re.sub(r"^[a-zA-Z][a-zA-Z+.-]*://", "", url)
    # Query strings and fragments are tracking and navigation, not something to read out.
    rest = re.split(r"[?#]", rest, maxsplit=1)[0]
    host, _, path = rest.partition("/")
    host = host.split("@")[-1].split(":")[0]
    spoken = [_speak_host(host, rules)]
    segments = [s for s in path.split("/") if s]
    if segments:
        segments[-1] = re.sub(r"\.(?:html?|php|aspx?|jsp)$", "", segments[-1])
    for segment in segments:
        words = re.sub(r"[-_.]+", " ", segment)
        spoken.append(rules.slash)
        spoken.append(_speak_address_part(words, rules))
    return " ".join(s for s in spoken if s)


_TLD_ALTERNATIVES = "|".join(
    sorted({t for tld in _TLDS for t in (tld, tld.upper())}, key=lambda t: -len(t))
)
_HOST = rf"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+(?:{_TLD_ALTERNATIVES})"
_PATH_TAIL = r"(?:/(?:[^\s<>\"]*[^\s<>\".,;:!?)\]}»“”’])?)?"
_URL_RE = re.compile(r"(?<![\w@])(?:(?:https?|ftp)://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]}»“”’]")
_DOMAIN_RE = re.compile(rf"(?<![\w@./-]){_HOST}(?![\w@-]|\.\w)" + _PATH_TAIL)
_EMAIL_RE = re.compile(r"(?<![\w.+-])([\w.+-]+)@((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})(?![\w])")


def _speak_addresses(pieces: list[_Piece], rules: _Rules) -> list[_Piece]:
    """Returns ``pieces`` with e-mail and web addresses read out and frozen."""

    def email(m: re.Match[str]) -> str:
        local = f" {rules.dot} ".join(_speak_address_part(p, rules) for p in m.group(1).split("."))
        return f"{local} {rules.at} {_speak_host(m.group(2), rules)}"

    def url(m: re.Match[str]) -> str:
        return _speak_url(m.group(0), rules)

    pieces = _sub(pieces, _EMAIL_RE, email, freeze=True)
    pieces = _sub(pieces, _URL_RE, url, freeze=True)
    return _sub(pieces, _DOMAIN_RE, url, freeze=True)


def _speak_times(pieces: list[_Piece], rules: _Rules) -> list[_Piece]:
    """Returns ``pieces`` with clock times (``14:30 Uhr``, ``2:30 pm``, ``14 h 30``) read out."""
    if rules.clock == "uhr":
        pattern = re.compile(r"(?<![\w.,:])([01]?\d|2[0-3])[:.]([0-5]\d)\s?Uhr(?!\w)")

        def repl(m: re.Match[str]) -> str:
            hours = _cardinal(int(m.group(1)), rules, "Uhr")
            minutes = int(m.group(2))
            return f"{hours} Uhr" + (f" {_words(minutes, rules)}" if minutes else "")

    elif rules.clock == "am_pm":
        # "2:30", "2:30 pm", and a bare hour only with am/pm ("9 pm", "9 a.m."): without it
        # a lone number is no time.
        pattern = re.compile(
            r"(?<![\w.,:])(?:(1[0-2]|0?\d|1\d|2[0-3]):([0-5]\d)(?:\s?([ap])\.?m\.?(?!\w))?"
            r"|(1[0-2]|0?[1-9])\s?([ap])\.?m\.?(?!\w))",
            re.IGNORECASE,
        )

        def repl(m: re.Match[str]) -> str:
            if m.group(4):  # a bare hour with am/pm
                suffix = f" {m.group(5).upper()}-M"
                return f"{_words(int(m.group(4)), rules)}{suffix}{_kept_full_stop(m)}"
            hours = _words(int(m.group(1)), rules)
            minutes = int(m.group(2))
            suffix = f" {m.group(3).upper()}-M" if m.group(3) else ""
            if minutes == 0:
                return f"{hours}{suffix}{_kept_full_stop(m)}" if suffix else f"{hours} o'clock"
            spoken_minutes = _words(minutes, rules)
            if minutes < 10:
                spoken_minutes = f"oh {spoken_minutes}"
            return f"{hours} {spoken_minutes}{suffix}{_kept_full_stop(m)}"

    elif rules.clock == "heures":
        pattern = re.compile(r"(?<![\w.,:])([01]?\d|2[0-3])\s?h\s?([0-5]\d)?(?![\w])")

        def repl(m: re.Match[str]) -> str:
            hours = int(m.group(1))
            spoken = "une heure" if hours == 1 else f"{_words(hours, rules)} heures"
            if m.group(2) and int(m.group(2)):
                spoken += f" {_words(int(m.group(2)), rules)}"
            return spoken

    else:
        return pieces
    return _sub(pieces, pattern, repl)


def _ordinal(number: int, rules: _Rules, ending: str = "") -> str:
    """Returns the ordinal of ``number`` with a case ``ending`` (German) appended."""
    return _words(number, rules, to="ordinal") + ending


def _month_pattern(rules: _Rules) -> str:
    """Returns the regex text matching a month name or abbreviation, longest first."""
    names = sorted(
        [re.escape(m) for m in rules.months] + [re.escape(a) for a in rules.month_abbr],
        key=lambda n: -len(n),
    )
    return "(?:" + "|".join(names) + ")"


def _month_name(written: str, rules: _Rules) -> str:
    """Returns the full month name for a written month or its abbreviation."""
    if written in rules.month_abbr:
        return rules.months[rules.month_abbr[written] - 1]
    return written


def _case_ending(rules: _Rules, before: str, is_date: bool) -> str:
    """Returns the case ending of an ordinal after ``before`` (German), else ""."""
    return rules.ordinal_ending(before, is_date) if rules.ordinal_ending else ""


def _cardinal_date(day: int, month: str, year: str, rules: _Rules) -> str:
    """Returns a date read with its day as a cardinal (``first_day`` for the 1st), in the
    language's order (:attr:`~audio_edition.languages.Reading.date_words`, the year last); without
    a ``year`` the words after the month are dropped too (``cinco de mayo``)."""
    spoken_day = rules.first_day if day == 1 and rules.first_day else _words(day, rules)
    template = rules.date_words
    if not year:
        template = template[: template.index("{month}") + len("{month}")]
    return template.format(day=spoken_day, month=month, year=year)


def _year_or_none(written: str | None, rules: _Rules) -> str:
    """Returns `` <year in words>`` for a written year, or an empty string for None."""
    return f" {_year_words(int(written), rules)}" if written else ""


def _speak_dates(pieces: list[_Piece], rules: _Rules) -> list[_Piece]:
    """Returns ``pieces`` with dates read out: ISO, numeric and with month names."""
    month = _month_pattern(rules)
    year = r"(?P<year>1\d{3}|20\d{2})(?!\d)"

    def iso(m: re.Match[str]) -> str | None:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            return None
        name = rules.months[mo - 1]
        if rules.dates == "german":
            ending = _case_ending(rules, m.string[: m.start()], True)
            return f"{_ordinal(d, rules, ending)} {name} {_year_words(y, rules)}"
        if rules.dates == "english":
            return f"{name} {_ordinal(d, rules)}, {_year_words(y, rules)}"
        return _cardinal_date(d, name, _year_words(y, rules), rules)

    pieces = _sub(pieces, re.compile(r"(?<![\w.-])(\d{4})-(\d{2})-(\d{2})(?![\w-])"), iso)

    if rules.dates == "german":

        def numeric(m: re.Match[str]) -> str | None:
            d, mo = int(m.group("day")), int(m.group("month"))
            if not (1 <= mo <= 12 and 1 <= d <= 31):
                return None
            ending = _case_ending(rules, m.string[: m.start()], True)
            y = m.group("year")
            if y and len(y) == 2:
                y = None if not y else str(2000 + int(y)) if int(y) < 50 else str(1900 + int(y))
            return f"{_ordinal(d, rules, ending)} {rules.months[mo - 1]}{_year_or_none(y, rules)}"

        pieces = _sub(
            pieces,
            re.compile(
                r"(?<![\w.,])(?P<day>\d{1,2})\.\s?(?P<month>\d{1,2})\.(?:\s?(?P<year>\d{4}|\d{2}))?(?![\d])"
            ),
            numeric,
        )

        def named(m: re.Match[str]) -> str:
            ending = _case_ending(rules, m.string[: m.start()], True)
            return (
                f"{_ordinal(int(m.group('day')), rules, ending)} "
                f"{_month_name(m.group('month'), rules)}{_year_or_none(m.group('year'), rules)}"
            )

        return _sub(
            pieces,
            re.compile(rf"(?<![\w.,])(?P<day>\d{{1,2}})\.\s?(?P<month>{month})(?!\w)(?:\s{year})?"),
            named,
        )

    if rules.dates == "english":

        def day_first(m: re.Match[str]) -> str:
            previous = _previous_words(m)
            article = "" if previous and previous[0].lower() == "the" else "the "
            return (
                f"{article}{_ordinal(int(m.group('day')), rules)} of "
                f"{_month_name(m.group('month'), rules)}{_year_or_none(m.group('year'), rules)}"
            )

        pieces = _sub(
            pieces,
            re.compile(
                rf"(?<![\w.,])(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s(?:of\s)?"
                rf"(?P<month>{month})(?!\w)(?:,?\s{year})?"
            ),
            day_first,
        )

        def month_first(m: re.Match[str]) -> str:
            spoken = (
                f"{_month_name(m.group('month'), rules)} {_ordinal(int(m.group('day')), rules)}"
            )
            return spoken + (
                f", {_year_words(int(m.group('year')), rules)}" if m.group("year") else ""
            )

        return _sub(
            pieces,
            re.compile(
                rf"(?<![\w.])(?P<month>{month})\s(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?![\d\w])(?:,?\s{year})?"
            ),
            month_first,
        )

    # The day as a cardinal ("1er" is French for the first).
    def cardinal(m: re.Match[str]) -> str:
        day = m.group("day")
        year = m.group("year")
        return _cardinal_date(1 if day == "1er" else int(day),
                              _month_name(m.group("month"), rules),
                              _year_words(int(year), rules) if year else "", rules)

    pieces = _sub(
        pieces,
        re.compile(rf"(?<![\w.,])(?P<day>1er|\d{{1,2}})\s(?P<month>{month})(?!\w)(?:\s{year})?"),
        cardinal,
    )

    def day_first_numeric(m: re.Match[str]) -> str | None:
        d, mo = int(m.group(1)), int(m.group(2))
        if not (1 <= mo <= 12 and 1 <= d <= 31):
            return None
        return _cardinal_date(d, rules.months[mo - 1], _year_words(int(m.group(3)), rules), rules)

    return _sub(pieces, re.compile(r"(?<![\w./])(\d{1,2})/(\d{1,2})/(\d{4})(?![\w/])"),
                day_first_numeric)


def _speak_ranges(pieces: list[_Piece], rules: _Rules) -> list[_Piece]:
    """Returns ``pieces`` with the dash of a number range replaced by the range word."""
    # "10–12", "1990-1995" and "3.–5. Mai" are ranges; the numbers are read by later rules.
    # Leading zeros and longer chains are codes and phone numbers ("030-1234", "1-2-3").
    pattern = re.compile(
        r"(?<![\w.,-])([1-9]\d{0,3})(\.?)(?:\s?[–—]\s?|-)([1-9]\d{0,3})(?![\d-]|[.,]\d)"
    )
    return _sub(
        pieces, pattern, lambda m: f"{m.group(1)}{m.group(2)} {rules.range_word} {m.group(3)}"
    )


def _speak_money(pieces: list[_Piece], rules: _Rules) -> list[_Piece]:
    """Returns ``pieces`` with amounts of money (symbol or code before or after) read out."""
    number = _number_pattern(rules.code)
    symbols = "|".join(re.escape(s) for s in sorted(rules.currencies, key=lambda s: -len(s)))
    scales = "|".join(re.escape(s) for s in sorted(rules.scales, key=lambda s: -len(s)))
    prefix = re.compile(
        rf"(?<![\w])(?P<sym>{symbols})\s?(?P<num>{number})(?:\s?(?P<scale>{scales})(?![\w]))?"
    )
    suffix = re.compile(
        rf"(?<![\w.,])(?P<num>{number})(?:\s?(?P<scale>{scales}))?\s?(?P<sym>{symbols})(?![\w])"
    )

    def repl(m: re.Match[str]) -> str:
        currency = rules.currencies[m.group("sym")]
        value = _parse_number(m.group("num"), rules)
        scale = m.group("scale")
        if scale:
            spoken_scale = rules.scales[scale]
            amount = _cardinal(value, rules, spoken_scale)
            if rules.scale_of:
                name = currency.many
                joiner = rules.scale_of[1] if name[0] in "aeiouyé" else rules.scale_of[0]
                return f"{amount} {spoken_scale} {joiner}{name}"
            if value != 1:
                spoken_scale = rules.scale_plurals.get(spoken_scale, spoken_scale)
            return f"{amount} {spoken_scale} {currency.many}"
        whole = int(value)
        cents = (value - whole) * 100
        if value != whole and cents == cents.to_integral_value():
            # "5,50 €" is five euros and fifty cents, not five comma five euros.
            cents_int = int(cents)
            name = currency.one if whole == 1 else currency.many
            sub = currency.sub_one if cents_int == 1 else currency.sub_many
            if whole == 0:
                return f"{_words(cents_int, rules)} {sub}"
            return rules.cents_words.format(whole=_cardinal(whole, rules, name), name=name,
                                            cents=_words(cents_int, rules), sub=sub)
        name = currency.one if value == 1 else currency.many
        return f"{_cardinal(value, rules, name)} {name}"

    pieces = _sub(pieces, prefix, repl)
    return _sub(pieces, suffix, repl)


def _speak_percentages(pieces: list[_Piece], rules: _Rules) -> list[_Piece]:
    """Returns ``pieces`` with ``12 %`` and ``12%`` read out."""
    number = _number_pattern(rules.code)
    pattern = re.compile(rf"(?<![\w.,])(?P<sign>[-−+])?(?P<num>{number})\s?%")

    def repl(m: re.Match[str]) -> str:
        value = _parse_number(m.group("num"), rules)
        sign = _sign_word(m.group("sign"), rules)
        return f"{sign}{_cardinal(value, rules, rules.percent)} {rules.percent}"

    return _sub(pieces, pattern, repl)


def _sign_word(sign: str | None, rules: _Rules) -> str:
    """Returns the word for a written sign followed by a space, or an empty string."""
    if sign in ("-", "−"):
        return rules.minus + " "
    if sign == "+":
        return "plus "
    return ""


def _speak_ordinals(pieces: list[_Piece], rules: _Rules) -> list[_Piece]:
    """Returns ``pieces`` with ordinals (``3.``, ``1st``, ``1er``) read out."""
    if rules.ordinals == "english":
        pattern = re.compile(r"(?<![\w.,])(\d{1,15})(st|nd|rd|th)(?!\w)", re.IGNORECASE)
        return _sub(pieces, pattern, lambda m: _ordinal(int(m.group(1)), rules))

    if rules.ordinals == "french":
        pattern = re.compile(r"(?<![\w.,])(\d{1,15})(er|re|ère|e|ème|è|ᵉ|ᵉʳ|nd|nde)(?!\w)")

        def french(m: re.Match[str]) -> str:
            n, suffix = int(m.group(1)), m.group(2)
            if n == 1:
                return "première" if suffix in ("re", "ère") else "premier"
            if n == 2 and suffix in ("nd", "nde"):
                return "second" if suffix == "nd" else "seconde"
            return _ordinal(n, rules)

        return _sub(pieces, pattern, french)

    if rules.ordinals != "dot":
        return pieces
    # German writes ordinals as "3." - the same as a number ending a sentence. It is an ordinal
    # when an article or preposition comes before it, or a lower-case word after it.
    pattern = re.compile(r"(?<![\w.,])(\d{1,4})\.(?=[ \u00a0]+(\S+))")

    def german(m: re.Match[str]) -> str | None:
        following = m.group(2)
        previous = [w.lower() for w in _previous_words(m)]
        is_ordinal = following[:1].islower() or (
            previous and previous[0] in rules.ordinal_cues
        )
        if not is_ordinal:
            return None
        return _ordinal(int(m.group(1)), rules, _case_ending(rules, m.string[: m.start()], False))

    return _sub(pieces, pattern, german)


def _speak_decades(pieces: list[_Piece], rules: _Rules) -> list[_Piece]:
    """Returns ``pieces`` with decades (``1990s``, ``'80s``, ``1990er``) read out."""
    if rules.decades == "s":

        def english(m: re.Match[str]) -> str:
            digits = m.group(2)
            words = (
                _year_words(int(digits), rules) if len(digits) == 4 else _words(int(digits), rules)
            )
            # "nineteen ninety" -> "nineteen nineties"
            return re.sub(r"y$", "ies", words) if words.endswith("y") else words + "s"

        pattern = re.compile(r"(?<![\w.,])(['’])?(\d{3}0|\d0)s(?!\w)")
        return _sub(pieces, pattern, english)
    if rules.decades == "er":

        def german(m: re.Match[str]) -> str:
            digits = m.group(1)
            words = (
                _year_words(int(digits), rules) if len(digits) == 4 else _words(int(digits), rules)
            )
            return words + "er"

        return _sub(pieces, re.compile(r"(?<![\w.,])(\d{3}0|\d0)er(?=[-\s.,;:!?)]|$)"), german)
    return pieces


def _speak_years(pieces: list[_Piece], rules: _Rules) -> list[_Piece]:
    """Returns ``pieces`` with four-digit numbers that are years read as years."""
    if not rules.years:
        return pieces
    pattern = re.compile(r"(?<![\w.,\d-])(1[1-9]\d\d|20\d\d)(?![\w]|[.,]\d)")

    def repl(m: re.Match[str]) -> str | None:
        previous = [w.lower().strip(".,") for w in _previous_words(m)]
        following = _next_word(m)
        if rules.nouns_count:
            cue = bool(previous) and previous[0] in rules.year_cues
            counted = following[:1].isupper() and following not in rules.months
            if counted and not cue:
                return None
        elif following.lower() in rules.count_words:
            return None
        return _year_words(int(m.group(1)), rules)

    return _sub(pieces, pattern, repl)


def _speak_numbers(pieces: list[_Piece], rules: _Rules) -> list[_Piece]:
    """Returns ``pieces`` with every remaining number read out; no digit is left."""
    number = _number_pattern(rules.code)
    # A sign counts only where it cannot be a hyphen: at the start or after a space or bracket.
    pattern = re.compile(
        rf"(?:(?:(?<=[\s(\[])|^)(?P<sign>[-−+])(?=\d)|(?<![\w.,\d-]))(?P<num>{number})(?![.,]\d)",
        re.MULTILINE,
    )

    def repl(m: re.Match[str]) -> str:
        written = m.group("num")
        if len(written) > 1 and written.startswith("0") and written.isdigit():
            # A leading zero marks a code or phone number ("030"): one digit at a time.
            return _digit_words(written, rules)
        value = _parse_number(written, rules)
        spoken = _sign_word(m.group("sign"), rules) + _cardinal(value, rules, _next_word(m))
        # "5km" -> "fünf km": a unit glued to the number is its own word.
        after = m.string[m.end() : m.end() + 1]
        return spoken + " " if after.isalpha() else spoken

    pieces = _sub(pieces, pattern, repl)

    # Whatever digits are left sit inside words or codes ("MP3", "v2.1", "A4"): read each run
    # of digits as a number and the dots between them as the language's word for a dot.
    def leftover(m: re.Match[str]) -> str:
        parts = m.group(0).split(".")
        spoken = f" {rules.dot} ".join(_integer_words(p, rules) for p in parts)
        before = m.string[m.start() - 1 : m.start()]
        after = m.string[m.end() : m.end() + 1]
        return (" " if before.isalpha() else "") + spoken + (" " if after.isalpha() else "")

    return _sub(pieces, re.compile(r"\d+(?:\.\d+)*"), leftover)


_ROMAN = re.compile(r"^(?:X{0,3})(?:IX|IV|V?I{0,3})$")
_INITIALISM = re.compile(r"(?<![\w])([A-ZÄÖÜ]{2,5})(s?)(?![\w])")


def _is_shouted(line: str) -> bool:
    """Returns whether ``line`` is written in capitals, as a shouted headline is.

    Its words are then words, not a row of initialisms. A long capitalized word gives it away:
    initialisms have at most five letters.
    """
    words = re.findall(r"[^\W\d_]{2,}", line)
    capitals = [w for w in words if w.isupper()]
    return any(len(w) > 5 for w in capitals) and len(capitals) >= 0.7 * len(words)


def _spell_initialisms(pieces: list[_Piece], rules: _Rules) -> list[_Piece]:
    """Returns ``pieces`` with all-caps initialisms spelled, except word acronyms."""

    def repl(m: re.Match[str]) -> str | None:
        word, plural = m.group(1), m.group(2)
        if word in rules.word_acronyms or _ROMAN.match(word):
            return None
        line_start = m.string.rfind("\n", 0, m.start()) + 1
        line_end = m.string.find("\n", m.end())
        line = m.string[line_start : line_end if line_end >= 0 else len(m.string)]
        if _is_shouted(line):
            return None
        return _spell(word) + plural

    return _sub(pieces, _INITIALISM, repl)


def _speak_symbols(pieces: list[_Piece], rules: _Rules) -> list[_Piece]:
    """Returns ``pieces`` with ``§``, ``°C``, ``°`` and ``&`` read out."""
    pieces = _sub(pieces, re.compile(r"§§?\s?(?=\d)"), lambda m: rules.paragraph + " ")
    pieces = _sub(pieces, re.compile(r"\s?°\s?C(?!\w)"), lambda m: f" {rules.celsius}")
    pieces = _sub(pieces, re.compile(r"(?<=\d)\s?°(?!\w)"), lambda m: f" {rules.degree}")
    return _sub(pieces, re.compile(r"(?<=\w)\s*&\s*(?=\w)|\s&\s"), lambda m: f" {rules.and_word} ")


def _tidy(text: str) -> str:
    """Returns ``text`` with runs of spaces collapsed and no space before punctuation."""
    text = re.sub(r"[ \t\u00a0\u202f\u2009]+", " ", text)
    text = re.sub(r" +([.,;:!?])(?=\s|$)", r"\1", text)
    return "\n".join(line.strip() for line in text.split("\n"))


# --------------------------------------------------------------------------------------------
# Entry point


def speakable(text: str, lang: str, lexicon: Lexicon | None = None) -> str:
    """Returns ``text`` as the words an engine should say, for language ``lang``.

    This is exactly the text the engine receives. ``lexicon`` entries are applied first and win
    over every other rule. A language without rules of its own (a generic one, see
    :mod:`audio_edition.languages`) gets the lexicon, its plain numbers spelled by num2words where
    it knows the language, and tidied spaces. Line breaks are kept. The result is deterministic, and applying
    :func:`speakable` to it again changes nothing unless a lexicon entry's spoken form contains
    its own written form.
    """
    text = unicodedata.normalize("NFC", text)
    pieces = [_Piece(text)]
    if lexicon is not None and lexicon.entries:
        pieces = _apply_lexicon(pieces, lexicon)
    rules = _rules_for(languages.base_code(lang))
    if rules is None:
        return _tidy(_generic_numbers("".join(p.text for p in pieces), languages.get(lang)))
    # A rule can make work for an earlier one: "6z. B." only becomes "sechs z. B." with a
    # space, where the abbreviation then matches. Repeating until nothing changes makes the
    # result stable; real text settles after the first pass, glued-together text after two.
    text = "".join(p.text for p in pieces)
    for _ in range(_MAX_PASSES):
        pieces = _normalize_pieces(pieces, rules)
        new_text = "".join(p.text for p in pieces)
        if new_text == text:
            break
        text = new_text
    else:
        log.debug("normalization did not settle after %d passes: %r", _MAX_PASSES, text[:80])
    return _tidy(text)


_MAX_PASSES = 4

_SPACED_LETTER = "A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u052f"
"""Latin, Greek and Cyrillic letters: scripts that put spaces between words, so a number glued
to one is part of a code (``MP3``). Chinese and Japanese write ``1月`` with nothing between."""
_GLUED_DIGITS = re.compile(rf"(?<![\d{_SPACED_LETTER}])\d+(?![\d{_SPACED_LETTER}])")
"""A run of digits not glued to a letter, left over after the numbers of :func:`_number_shape`
(``3.10.2026``, ``1.2.3``): each run is spelled as a whole number."""


@functools.lru_cache(maxsize=None)
def _number_shape(decimal: str, group: str) -> re.Pattern[str]:
    """Returns the pattern of a number written with the decimal and group separators of a
    language: ``1.000``, ``12,5`` and ``1.234.567,89`` in Portuguese; not part of a code
    (``MP3``) or of a longer run of dotted numbers (``3.10.2026``)."""
    d, g = re.escape(decimal), re.escape(group)
    if group in ("\u00a0", "\u202f", " "):
        g = "[\u00a0\u202f ]"  # a space groups thousands as well as a no-break space does
    edge = rf"[\d.,{_SPACED_LETTER}]"
    return re.compile(rf"(?<!{edge})(?:\d{{1,3}}(?:{g}\d{{3}})+|\d{{1,15}})(?:{d}\d+)?"
                      rf"(?![\d{_SPACED_LETTER}]|[.,]\d)")


def _generic_numbers(text: str, language: languages.Language) -> str:
    """Returns ``text`` with its numbers spelled by num2words in ``language``, read with the
    language's own decimal and group separators (CLDR's, see :mod:`audio_edition.languages`);
    unchanged when num2words does not know the language (the engine then reads the digits)."""
    if not language.num2words:
        return text
    from num2words import num2words

    def spell(value: int | Decimal, written: str) -> str:
        try:
            return num2words(value, lang=language.num2words)
        except (NotImplementedError, ValueError, TypeError, OverflowError, ArithmeticError):
            return written

    def number(m: re.Match[str]) -> str:
        written = m.group()
        whole, _, fraction = written.partition(language.decimal_sign)
        digits = re.sub(r"\D", "", whole)
        value = Decimal(f"{digits}.{fraction}") if fraction else int(digits)
        return spell(value, written)

    text = _number_shape(language.decimal_sign, language.group_sign).sub(number, text)
    return _GLUED_DIGITS.sub(lambda m: spell(int(m.group()), m.group()), text)


def _normalize_pieces(pieces: list[_Piece], rules: _Rules) -> list[_Piece]:
    """Returns ``pieces`` after one pass of every rule for ``rules``' language."""
    for step in (
        _speak_addresses,
        _expand_abbreviations,
        _speak_symbols,
        _speak_times,
        _speak_ranges,
        _speak_dates,
        _speak_money,
        _speak_percentages,
        _speak_ordinals,
        _speak_decades,
        _speak_years,
        _speak_numbers,
        _spell_initialisms,
    ):
        pieces = step(pieces, rules)
    return pieces
