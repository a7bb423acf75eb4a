"""A block a change wrote (an ``[[item]]`` table as edited, the ``[[item.log]]`` entries added,
``[plan]``), read back as the TOML reader reads it, or None where it is anything this is not
sure of, and the TOML reader reads it instead (``plan_file._write``'s check before the disk is
touched). A change writes a few lines, in the layout the store writes: reading them here spares
loading the TOML reader (compiled tomli: 8 M instructions, 1.5 ms) for the one block of each
``done``, and ``quick_toml`` (a long plan's reader) is no cheaper to load, its pattern being
larger, and leaves a log entry's fractional time and inline tables to the TOML reader anyway.

What it reads: blank lines; the headers ``[[name]]``, ``[[name.sub]]`` and ``[name]``, each
written exactly so; ``key = value`` lines (a bare key, `` = `` and the value at the line's
end) whose value is a string without an escape, an integer of 18 digits at most, ``true`` or
``false``, a date, a time with its offset (to the second or the microsecond), or an inline
table ``{ key = value, ... }`` of those. Anything else declines the whole block: another
spelling of any of these (blanks, a comment, ``+1``, ``1_000``, a lower-case ``t``), floats,
arrays, escapes, a key or a table given twice, a lone or paired CR. Pure: no I/O."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

# One value at ``pos``: TOML's own ranges (as the TOML reader's patterns); a day or a time the
# calendar has not (02-30) is refused by ``fromisoformat`` as by the reader's ``date``.
_HOURS, _SIXTY = r"(?:[01][0-9]|2[0-3])", r"[0-5][0-9]"
_VALUE = re.compile(
    r'"([^"\\\x00-\x08\x0a-\x1f\x7f]*)"'  # 1 a string without escapes
    r"|([0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"  # 2 a date, or a time:
    rf"(?:[T ]{_HOURS}:{_SIXTY}:{_SIXTY}(?:\.[0-9]{{6}})?(?:Z|[+-]{_HOURS}:{_SIXTY}))?)"
    r"|(-?(?:0|[1-9][0-9]{0,17}))"  # 3 an integer
    r"|(true|false)"  # 4
)
_KEY = re.compile(r"([A-Za-z0-9_-]+) = ")
_ABSENT = object()


def loads(text: str) -> dict[str, Any] | None:
    """``text`` as the TOML reader reads it, or None: not sure, let it read."""
    if "\r" in text:
        return None
    root: dict[str, Any] = {}
    table = root
    made: set[int] = set()  # the arrays of tables headers made (not ``key = [...]``)
    headed: set[int] = set()  # the tables [name] headers made (not ``key = {...}``)
    try:
        for line in text.split("\n"):
            if not line:
                continue
            if line[0] == "[":
                table = _header(line, root, made, headed)  # type: ignore[assignment]
                if table is None:
                    return None
                continue
            key = _KEY.match(line)
            if key is None or key[1] in table:
                return None
            value, end = _value(line, key.end())
            if value is _ABSENT or end != len(line):
                return None
            table[key[1]] = value
    except ValueError:  # a date that is no day (2023-02-30)
        return None
    return root


def _header(
    line: str, root: dict[str, Any], made: set[int], headed: set[int]
) -> dict[str, Any] | None:
    """The table a header line opens (made where the TOML reader makes it), or None."""
    if line.startswith("[[") and line.endswith("]]"):
        parts = line[2:-2].split(".")
        if len(parts) > 2 or not all(_bare(part) for part in parts):
            return None
        parent = root
        if len(parts) == 2:
            above = root.get(parts[0], _ABSENT)
            if id(above) in made:
                parent = above[-1]  # type: ignore[index]
            elif id(above) in headed:
                parent = above  # type: ignore[assignment]
            else:
                return None
        tables = parent.get(parts[-1], _ABSENT)
        if tables is _ABSENT:
            tables = parent[parts[-1]] = []
            made.add(id(tables))
        elif id(tables) not in made:
            return None
        table: dict[str, Any] = {}
        tables.append(table)  # type: ignore[attr-defined]
        return table
    name = line[1:-1]
    if line[-1] != "]" or not _bare(name) or name in root:
        return None
    table = root[name] = {}
    headed.add(id(table))
    return table


def _bare(key: str) -> bool:
    """Whether ``key`` is a bare key, whole."""
    found = _KEY.match(key + " = ")
    return found is not None and found.end() == len(key) + 3


def _value(line: str, pos: int) -> tuple[Any, int]:
    """The value at ``pos`` of ``line`` and where it ends, or ``_ABSENT``."""
    if line.startswith("{", pos):
        return _inline(line, pos)
    found = _VALUE.match(line, pos)
    if found is None:
        return _ABSENT, pos
    text, moment, integer, truth = found.groups()
    if text is not None:
        return text, found.end()
    if moment is not None:
        if len(moment) == 10:
            return date.fromisoformat(moment), found.end()
        return datetime.fromisoformat(moment), found.end()
    if integer is not None:
        return int(integer), found.end()
    return truth == "true", found.end()


def _inline(line: str, pos: int) -> tuple[Any, int]:
    """An inline table of plain values at ``pos`` (``{ a = 1, b = "x" }`` or ``{}``)."""
    if line.startswith("{}", pos):
        return {}, pos + 2
    if not line.startswith("{ ", pos):
        return _ABSENT, pos
    table: dict[str, Any] = {}
    pos += 2
    while True:
        key = _KEY.match(line, pos)
        if key is None or key[1] in table or line.startswith("{", key.end()):
            return _ABSENT, pos
        value, pos = _value(line, key.end())
        if value is _ABSENT:
            return _ABSENT, pos
        table[key[1]] = value
        if line.startswith(" }", pos):
            return table, pos + 2
        if not line.startswith(", ", pos):
            return _ABSENT, pos
        pos += 2
