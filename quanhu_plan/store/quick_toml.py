"""A quick reader for plan files in the layout the tool writes (canonical.py), for the first read
of a long plan after it changed. Pure: no I/O.

A plan file as ``plan`` writes it is a few kinds of line: ``[plan]``, ``[[item]]``,
``[[item.log]]``, ``key = value`` with a plain key, comments and empty lines (ending in LF, or
CR LF as a Windows editor may have saved them). The compiled TOML reader
(store.plan_file._toml_reader) goes through such a file character by character; here one
regular expression splits it into lines, and the common values (text without escapes, dates,
date-times with an offset, whole numbers, true and false, an inline table of one of these) are
made directly; any other value on a line (a float, a text with escapes, an array, a comment
after it) is read by the TOML reader by itself. Anything else (a quoted or dotted key, a header
not alone on its line, a value over several lines, a key or table defined twice, a table made
implicitly, a value that does not read) makes ``read`` return None, and the whole file is read
by the TOML reader, which gives its exact result or error. So ``read`` gives the very document
the TOML reader gives, or None (tests/test_fast_read.py compares them).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any

# One line each: an array-of-tables header, a table header, a key with a text without escapes
# or another value, a comment, or anything else (``odd``, which sends the file to the reader).
# Every line is matched from its start to its newline, so no line is skipped.
_LINE = re.compile(
    r"(?:\[\[([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)\]\]"
    r"|\[([A-Za-z0-9_-]+)\]"
    r'|([A-Za-z0-9_-]+) = (?:("[^"\\\x00-\x08\x0a-\x1f\x7f]*")|([^\n]+))'
    r"|(#[^\x00-\x08\x0a-\x1f\x7f]*)"
    r"|([^\n]+))?\n"
)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")
# A date-time with an offset, as ``plan`` writes the trace's times (2023-06-01T09:00:00+08:00).
_MOMENT = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})[T ]([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9])"
    r"([+-])([01][0-9]|2[0-3]):([0-5][0-9])"
)

# An inline table of one key and a text without escapes, a whole number, a date or a boolean.
_PAIR = re.compile(
    r'\{ ([A-Za-z0-9_-]+) = ("[^"\\\x00-\x08\x0a-\x1f\x7f]*"'
    r"|-?(?:0|[1-9][0-9]{0,17})|true|false|[0-9]{4}-[0-9]{2}-[0-9]{2}) \}"
)


def _simple(value: str) -> Any:
    """A value _PAIR matched (a bad date raises ValueError)."""
    if value[0] == '"':
        return value[1:-1]
    if value == "true" or value == "false":
        return value == "true"
    if len(value) == 10 and value[4] == "-":
        return dt.date.fromisoformat(value)
    return int(value)


class _NotPlain(Exception):
    """The text is not in the plain layout: the TOML reader reads it."""


def read(text: str, value_reader: Callable[[str], dict[str, Any]]) -> dict[str, Any] | None:
    """The document in ``text`` if it is in the plain layout, else None. ``value_reader`` is the
    TOML reader's ``loads``, for the values that are not made here."""
    if "\r" in text:  # a file saved on Windows: CR LF ends each line, a CR alone none
        if text.count("\r") != text.count("\r\n"):
            return None
        text = text.replace("\r\n", "\n")
    if not text.endswith("\n"):
        return None
    try:
        return _read(text, value_reader)
    except Exception:  # not plain, a value that does not read (ValueError, the reader's error):
        return None  # the TOML reader reads the whole file, and names what is wrong


def _read(text: str, value_reader: Callable[[str], dict[str, Any]]) -> dict[str, Any]:
    root: dict[str, Any] = {}
    table = root
    # The tables and arrays of tables made by headers (by id): only these may be gone into or
    # added to by a later header; a table from a key's value may not.
    headed: set[int] = set()
    zones: dict[tuple[str, str, str], dt.timezone] = {}
    date = dt.date.fromisoformat
    for array, name, key, text_value, value, _comment, odd in _lines(text):
        if key:
            if key in table:
                raise _NotPlain  # a key defined twice
            if text_value:
                table[key] = text_value[1:-1]
            elif value == "true" or value == "false":
                table[key] = value == "true"
            elif len(value) == 10 and _DATE.fullmatch(value):
                table[key] = date(value)  # ValueError for a day that does not exist
            elif _INTEGER.fullmatch(value):
                table[key] = int(value)
            else:
                moment = _MOMENT.fullmatch(value)
                pair = None if moment else _PAIR.fullmatch(value)
                if moment:
                    table[key] = _moment(moment.groups(), zones)
                elif pair:  # a change in the trace: after = { progress = 40 }
                    table[key] = {pair[1]: _simple(pair[2])}
                else:
                    table[key] = value_reader(f"v = {value}\n")["v"]
        elif array:
            table = _append_table(root, array.split("."), headed)
        elif name:
            if name in root:
                raise _NotPlain  # a table defined twice, or a key's value
            table = root[name] = {}
            headed.add(id(table))
        elif odd:
            raise _NotPlain
    return root


# Lines are split a piece at a time: the split lines of a whole long file would take as much
# memory again as what is read from them.
_PIECE = 1 << 16


def _lines(text: str) -> Iterator[tuple[str, ...]]:
    start = 0
    while start < len(text):
        stop = text.find("\n", start + _PIECE) + 1 or len(text)
        yield from _LINE.findall(text, start, stop)
        start = stop


def _append_table(root: dict[str, Any], parts: list[str], headed: set[int]) -> dict[str, Any]:
    """The new table of an ``[[a.b]]`` header, appended to its array (made if need be)."""
    container: dict[str, Any] = root
    for part in parts[:-1]:
        node: Any = container.get(part)
        if id(node) not in headed:
            raise _NotPlain  # not made by a header: TOML rules this reader does not follow
        container = node[-1] if type(node) is list else node
    array: Any = container.get(parts[-1])
    if array is None:
        array = container[parts[-1]] = []
        headed.add(id(array))
    elif type(array) is not list or id(array) not in headed:
        raise _NotPlain  # a key's value, or a table: not an array of tables
    table: dict[str, Any] = {}
    array.append(table)
    headed.add(id(table))
    return table


def _moment(groups: tuple[str, ...], zones: dict[tuple[str, str, str], dt.timezone]) -> Any:
    year, month, day, hour, minute, second, sign, zone_hour, zone_minute = groups
    zone = zones.get((sign, zone_hour, zone_minute))
    if zone is None:
        factor = 1 if sign == "+" else -1
        offset = dt.timedelta(hours=factor * int(zone_hour), minutes=factor * int(zone_minute))
        zone = zones[(sign, zone_hour, zone_minute)] = dt.timezone(offset)
    return dt.datetime(
        int(year), int(month), int(day), int(hour), int(minute), int(second), tzinfo=zone
    )
