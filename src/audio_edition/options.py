"""Settings declared once, as mkdocs' config options are: a dataclass field holds a setting's
type (its annotation), its default, the check a value must pass and, in the line below it, its
docstring. Loaders, error messages and the README's tables of settings all read these
declarations, so no second table of keys and checks sits beside the dataclass.

A leaf module: the data model declares the voice profile's settings with it, the config module
those of ``edition.toml``.
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import math
import re
import textwrap
from typing import Any, Callable

Check = Callable[[Any], Any]
"""Turns a value read from a file or given on the command line into the setting's value, or
raises ValueError saying what was expected (``expected a number from 0 to 1``)."""


def setting(default: Any = dataclasses.MISSING, check: Check | None = None,
            key: str | None = None) -> Any:
    """Returns the dataclass field of one setting: its ``default`` (none: the key is required),
    the ``check`` its value must pass, and its ``key`` in the file when that is not the field's
    name (``episode.type`` for the ``type`` key of ``[episode]``, ``id`` for ``voice_id``)."""
    return dataclasses.field(default=default, metadata={"check": check, "key": key})


def declared(cls: type) -> dict[str, dataclasses.Field]:
    """Returns each key of ``cls``'s settings with its field, in declaration order: the fields
    declared with :func:`setting` and a check."""
    return {f.metadata.get("key") or f.name: f for f in dataclasses.fields(cls)
            if f.metadata.get("check") is not None}


def required(cls: type) -> list[str]:
    """Returns the keys of ``cls``'s settings that have no default."""
    return [key for key, f in declared(cls).items()
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]


def docstrings(cls: type) -> dict[str, str]:
    """Returns the docstring below each field of ``cls``, by field name, as one line."""
    body = ast.parse(textwrap.dedent(inspect.getsource(cls))).body[0].body
    return {node.target.id: " ".join(after.value.value.split())
            for node, after in zip(body, body[1:])
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
            and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)}


def reference(cls: type, table: str | None = None) -> str:
    """Returns a Markdown table of ``cls``'s settings: key, type, default and docstring. Without
    ``table`` the keys at the top of the file; with it, those of that table (``episode.type``
    shown as ``[episode] type``)."""
    docs = docstrings(cls)
    rows = ["| Key | Type | Default | Meaning |", "|---|---|---|---|"]
    for key, f in declared(cls).items():
        where, _, name = key.rpartition(".")
        if where != (table or ""):
            continue
        if f.default is dataclasses.MISSING:
            default = "required"
        elif f.default is None:
            default = "unset"
        else:
            default = f"`{_toml(f.default)}`"
        kind = str(f.type).replace(" | None", "").replace("|", "or")
        shown = f"[{table}] {name}" if table else key
        rows.append(f"| `{shown}` | {kind} | {default} | {_markdown(docs.get(f.name, ''), shown)} |")
    return "\n".join(rows) + "\n"


def _markdown(doc: str, key: str) -> str:
    # reStructuredText markup as Markdown, without the key the docstring may start with
    doc = re.sub(r":\w+:`([^`]*)`", r"`\1`", doc).replace("``", "`").replace("|", "/")
    return doc.removeprefix(f"`{key}`: ")


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return f"{value:g}" if isinstance(value, float) else str(value)


# -- checks every kind of settings file needs -----------------------------------------------------

def text(v: Any) -> str:
    """Returns ``v`` stripped; raises ValueError unless it is text."""
    if not isinstance(v, str):
        raise ValueError("expected text")
    return v.strip()


def nonempty(v: Any) -> str:
    """Returns ``v`` stripped; raises ValueError unless it is text with something in it."""
    v = text(v)
    if not v:
        raise ValueError("expected non-empty text")
    return v


def optional_text(v: Any) -> str | None:
    """Returns ``v`` stripped, None when empty; raises ValueError unless it is text."""
    return text(v) or None


def boolean(v: Any) -> bool:
    """Returns ``v``; raises ValueError unless it is true or false."""
    if not isinstance(v, bool):
        raise ValueError("expected true or false")
    return v


def number(lo: float, hi: float) -> Check:
    """Returns the check of a number from ``lo`` to ``hi`` (a float; never NaN, never a bool)."""
    def check(v: Any) -> float:
        if isinstance(v, bool) or not isinstance(v, (int, float)) or math.isnan(v) \
                or not lo <= v <= hi:
            raise ValueError(f"expected a number from {lo:g} to {hi:g}")
        return float(v)

    return check


def whole(lo: int, hi: int) -> Check:
    """Returns the check of a number from ``lo`` to ``hi``, taken as a whole number (a fraction
    is dropped: a rate of 170.5 words per minute is 170)."""
    in_range = number(lo, hi)

    def check(v: Any) -> int:
        return int(in_range(v))

    return check


__all__ = ["Check", "boolean", "declared", "docstrings", "nonempty", "number",
           "optional_text", "reference", "required", "setting", "text", "whole"]
