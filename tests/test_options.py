"""Settings declared once: a field's type, default, check and docstring, and the checks every
settings file needs."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pytest

from audio_edition import options
from audio_edition.model import VoiceProfile


@dataclass
class _Example:
    """Settings of a made-up file."""

    name: str = options.setting(check=options.nonempty)
    """What it is called."""
    level: float = options.setting(-6.0, options.number(-40, 0), key="mix.level")
    """dB | relative to the speech."""
    quiet: bool | None = options.setting(None, options.boolean)
    """Whether it is quiet;
    unset: the file's."""
    note: str = ""
    """Not a setting: no check."""


@pytest.mark.parametrize("check, good, cleaned", [
    (options.text, "  a b ", "a b"),
    (options.text, "", ""),
    (options.nonempty, " x ", "x"),
    (options.optional_text, " f3 ", "f3"),
    (options.optional_text, "  ", None),
    (options.boolean, False, False),
    (options.number(0, 1), 1, 1.0),
    (options.number(-12, 0), -0.5, -0.5),
    (options.whole(60, 500), 170.9, 170),
])
def test_each_check_cleans_a_good_value(check, good, cleaned):
    assert check(good) == cleaned
    assert type(check(good)) is type(cleaned)


@pytest.mark.parametrize("check, bad, expected", [
    (options.text, 5, "expected text"),
    (options.text, ["a"], "expected text"),
    (options.nonempty, "   ", "expected non-empty text"),
    (options.nonempty, None, "expected text"),
    (options.optional_text, {"a": 1}, "expected text"),
    (options.boolean, "yes", "expected true or false"),
    (options.boolean, 0, "expected true or false"),
    (options.number(0, 1), True, "expected a number from 0 to 1"),
    (options.number(0, 1), 1.5, "expected a number from 0 to 1"),
    (options.number(0, 1), math.nan, "expected a number from 0 to 1"),
    (options.number(-36, -6), "-16", "expected a number from -36 to -6"),
    (options.whole(60, 500), math.inf, "expected a number from 60 to 500"),
    (options.whole(0, 100), 101, "expected a number from 0 to 100"),
])
def test_each_check_refuses_a_bad_value_saying_what_it_expected(check, bad, expected):
    with pytest.raises(ValueError) as info:
        check(bad)
    assert str(info.value) == expected


def test_the_declared_settings_are_the_fields_with_a_check_under_their_keys():
    declared = options.declared(_Example)
    assert list(declared) == ["name", "mix.level", "quiet"]
    assert declared["mix.level"].name == "level"
    assert options.required(_Example) == ["name"]
    assert _Example(name="x").level == -6.0  # the default is the dataclass's own


def test_docstrings_are_read_from_below_each_field_as_one_line():
    assert options.docstrings(_Example) == {
        "name": "What it is called.", "level": "dB | relative to the speech.",
        "quiet": "Whether it is quiet; unset: the file's.", "note": "Not a setting: no check."}


def test_the_reference_table_has_a_row_per_setting_with_type_default_and_docstring():
    rows = options.reference(_Example).splitlines()
    assert rows[0] == "| Key | Type | Default | Meaning |"
    assert rows[2:] == [
        "| `name` | str | required | What it is called. |",
        "| `quiet` | bool | unset | Whether it is quiet; unset: the file's. |",
    ]
    # a table's keys have a table of their own, named as they are written in the file
    assert options.reference(_Example, table="mix").splitlines()[2:] == [
        "| `[mix] level` | float | `-6` | dB / relative to the speech. |"]


def test_a_voice_profile_declares_the_keys_of_a_voice_table_with_their_checks():
    declared = options.declared(VoiceProfile)
    assert list(declared) == ["engine", "id", "variant", "rate", "pitch", "volume", "native_id"]
    assert options.required(VoiceProfile) == ["engine", "id"]
    documented = options.docstrings(VoiceProfile)
    for key, f in declared.items():
        assert documented.get(f.name), key
        if f.default is not None and f.default is not options.dataclasses.MISSING:
            assert f.metadata["check"](f.default) == f.default, key
