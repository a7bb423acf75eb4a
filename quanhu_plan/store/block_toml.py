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

from datetime import date, datetime
from typing import Any

# No regular expression: a block is a few lines, and compiling patterns for them would cost
# more (3.4 M instructions) than reading them with string methods. A value's shape is its
# text with each ASCII digit made a ``D`` (``_DIGITS``), compared with the shapes TOML writes
# (a day, a time to the second or the microsecond with ``Z`` or an offset); the ranges are
# left to ``fromisoformat``, which refuses what TOML's grammar refuses (month 13, day 32 or
# 02-30, hour 24, minute or second 60, an offset of 24 hours) but an offset's minute of 60 or
# more (+08:60), refused below.
_BARE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
_DIGITS = str.maketrans("0123456789", "DDDDDDDDDD")
_DAY = "DDDD-DD-DD"
_MOMENTS = {
    _DAY + between + "DD:DD:DD" + fraction + offset
    for between in "T "
    for fraction in ("", ".DDDDDD")
    for offset in ("Z", "+DD:DD", "-DD:DD")
}
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
            key, equals, _ = line.partition(" = ")
            if not equals or not _bare(key) or key in table:
                return None
            value, end = _value(line, len(key) + 3, len(line))
            if value is _ABSENT or end != len(line):
                return None
            table[key] = value
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
    return bool(key) and not key.strip(_BARE)


def _value(line: str, pos: int, end: int) -> tuple[Any, int]:
    """The value at ``pos`` of ``line`` and where it ends, or ``_ABSENT``; ``end``: where a
    value not quoted ends (the line's end; in an inline table, the next ``,`` or `` }``)."""
    first = line[pos : pos + 1]
    if first == '"':
        close = line.find('"', pos + 1)
        if close < 0:
            return _ABSENT, pos
        text = line[pos + 1 : close]
        if "\\" in text or not (text.isprintable() or _no_controls(text)):
            return _ABSENT, pos
        return text, close + 1
    if first == "{":
        return _inline(line, pos)
    token = line[pos:end]
    shape = token.translate(_DIGITS)
    if shape == _DAY:
        return date.fromisoformat(token), end
    if shape in _MOMENTS:
        if shape[-6] in "+-" and token[-2:] >= "60":
            return _ABSENT, pos
        return datetime.fromisoformat(token), end
    whole = shape[1:] if shape.startswith("-") else shape
    if (
        whole
        and whole.count("D") == len(whole) <= 18
        and (whole == "D" or token[-len(whole)] != "0")
    ):
        return int(token), end
    if token in ("true", "false"):
        return token == "true", end
    return _ABSENT, pos


def _no_controls(text: str) -> bool:
    """Whether ``text`` (not all printable) holds none of the characters a TOML string
    without escapes may not hold: controls but the tab."""
    return not any(c < " " and c != "\t" or c == "\x7f" for c in text)


def _inline(line: str, pos: int) -> tuple[Any, int]:
    """An inline table of plain values at ``pos`` (``{ a = 1, b = "x" }`` or ``{}``)."""
    if line.startswith("{}", pos):
        return {}, pos + 2
    if not line.startswith("{ ", pos):
        return _ABSENT, pos
    table: dict[str, Any] = {}
    pos += 2
    while True:
        equals = line.find(" = ", pos)
        key = line[pos:equals]
        if equals < 0 or not _bare(key) or key in table or line.startswith("{", equals + 3):
            return _ABSENT, pos
        pos = equals + 3
        stops = [at for at in (line.find(",", pos), line.find(" }", pos)) if at >= 0]
        value, pos = _value(line, pos, min(stops) if stops else len(line))
        if value is _ABSENT:
            return _ABSENT, pos
        table[key] = value
        if line.startswith(" }", pos):
            return table, pos + 2
        if not line.startswith(", ", pos):
            return _ABSENT, pos
        pos += 2
