"""The quick look of ``validate._plain_fields`` taken a field at a time over all of a plan's
item tables, as a column: for a plan as the tool writes it (every field plainly right), a few
passes at C speed for each field instead of a Python step for each field of each table. It
says that every table without a log is plainly right, or nothing where any field of any such
table is not plainly so, or where it is not sure: then each table is looked at alone
(``validate.check_item``), as before. Pure: no I/O."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from functools import partial
from itertools import chain
from operator import attrgetter, itemgetter, lt
from typing import Any

from .validate import (
    _ANY_TEXT,
    _DATES,
    _DRAWN_BLANK,
    _KNOWN,
    _LIMITED,
    _NON_BLANK,
    LIST_FIELDS,
    NAME_FIELDS,
    NUMBER_LIMIT,
    STATUSES,
    TINY,
    YEARS,
    _no_blank_letters,
    _plain_fields,
)

# Below this many tables each is looked at alone: a column's few passes cost more than that.
FROM = 64

_BLANK = frozenset(_DRAWN_BLANK)
_FIRST, _YEAR = itemgetter(0), attrgetter("year")
_STATUSES, _DIRECTIONS = frozenset(STATUSES), frozenset(("up", "down"))
_NAMES = frozenset((*LIST_FIELDS, *NAME_FIELDS))


def plainly_right(tables: Any) -> set[int]:
    """The ``id`` of each of ``tables`` (the document's [[item]] tables) that has an ``id``, a
    ``title`` and no ``log`` and whose every field is plainly right (``_plain_fields`` says so:
    ``check_item`` finds nothing wrong with it), found a field at a time; not always all such
    tables (a shape whose first table is not plainly right is left to be checked alone). The
    others are checked alone (``check_item``): a log entry by entry, a slip for its message."""
    if type(tables) is not list or len(tables) < FROM or set(map(type, tables)) != {dict}:
        return set()
    # The tables by their keys in order (a long plan has few such shapes): a shape's values
    # are taken out a column at a time (``itemgetter``, ``zip``), each table looked up once.
    shapes: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for table, shape in zip(tables, map(tuple, tables), strict=True):
        alike = shapes.get(shape)
        if alike is None:
            shapes[shape] = [table]
        else:
            alike.append(table)
    columns: dict[str, list[Any]] = {}
    plain: list[dict[str, Any]] = []
    for shape, alike in shapes.items():
        if "log" in shape or "id" not in shape or "title" not in shape:
            continue
        if not _plain_fields(alike[0]):
            continue  # (a shape of a slip, as a month written for a due day: each alone)
        plain += alike
        rows = map(itemgetter(*shape), alike)  # (a tuple each: a shape has an id and a title)
        for field, column in zip(shape, zip(*rows, strict=True), strict=True):
            columns.setdefault(field, []).extend(column)
    odd: set[tuple[str, int]] = set()  # a field, and a value in it not plainly right (its id)
    for field, values in columns.items():
        kinds = set(map(type, values))
        for kind in kinds:
            same = values if len(kinds) == 1 else [v for v in values if type(v) is kind]
            if not _column_plain(field, kind, same):  # which: a value at a time
                odd.update((field, id(v)) for v in same if not _column_plain(field, kind, [v]))
    if odd:  # the tables holding such a value are checked alone, each
        plain = [table for table in plain if odd.isdisjoint(_field_values(table))]
    return set(map(id, plain))


def _field_values(table: dict[str, Any]) -> Iterator[tuple[str, int]]:
    return zip(table, map(id, table.values()), strict=True)


def _column_plain(field: str, kind: type, values: list[Any]) -> bool:
    """Whether each of ``values`` (all of type ``kind``, never empty) is plainly right in
    ``field``, as ``_plain_fields`` judges one."""
    if kind is str:
        if field in _ANY_TEXT or field not in _KNOWN:
            return True
        if field == "status":
            return _STATUSES.issuperset(values)
        if field == "direction":
            return _DIRECTIONS.issuperset(values)
        if field not in _NON_BLANK or not all(values) or not "".join(values).isprintable():
            return False  # (printable, each of them, when all of them joined are)
        if field == "id":  # no space at either end (of those ``str.strip`` takes, the one
            lines = "\n".join(values)  # printable is " ": lines of the ids, none with one)
            edges = " \n" not in lines and "\n " not in lines and lines.strip(" ") == lines
            return edges and _no_blank_letters(lines)  # (1.1<U+034F> reads as 1.1)
        # Not blank once drawn: its first character is not one of those (else ask each).
        return _BLANK.isdisjoint(map(_FIRST, values))
    if kind is dt.date:
        if field not in _KNOWN:
            return True
        years = set(map(_YEAR, values))
        return field in _DATES and YEARS[0] <= min(years) and max(years) <= YEARS[1]
    if kind is int or kind is float:
        if kind is float and not all(map(math.isfinite, values)):
            return False  # (nan, inf: min and max cannot say; ``_plain_fields`` refuses them)
        low, high = min(values), max(values)
        if field == "progress":
            small = kind is float and min(filter(partial(lt, 0), values), default=1) < TINY
            return 0 <= low and high <= 100 and not small
        if field in _LIMITED:
            small = kind is float and min(filter(None, map(abs, values)), default=1) < TINY
            positive = field != "weight" or low > 0
            return -NUMBER_LIMIT < low and high < NUMBER_LIMIT and positive and not small
        return field not in _KNOWN
    if kind is bool or kind is dt.datetime or kind is dt.time:
        return field not in _KNOWN
    if kind is list and field in _NAMES:
        if set(map(type, chain.from_iterable(values))) - {str}:
            return False
        return field in LIST_FIELDS or all(values)
    return False
