"""The layout the store writes (``canonical``), read at the speed of one regular expression:
the same document the TOML reader gives, or None where the text is anything it is not sure of,
and the TOML reader reads it instead.

A long plan is tens of thousands of lines of ``key = value`` under ``[plan]``, ``[[plan.log]]``,
``[[item]]`` and ``[[item.log]]``: a 10,000-task plan is 80,000 lines, which the compiled TOML
reader takes 140 ms over. Here a line is one match of ``_LINE`` (found at C speed) and a store
into a dict: half that time, and half the objects made and freed on the way. Strings without
escapes, dates, integers and times with their offset are read here; every other value (escaped
strings, floats, times without an offset, arrays, inline tables, a value with a comment after
it) is given to the TOML reader, all of them in one text of one line each, so that a value reads
exactly as the TOML reader reads it. What this does not read itself it declines: any other
header (or one of more than 16 parts), a dotted or quoted key, a key given twice, a table given
twice, a line that is none of these, a multi-line string anywhere (a line of one would read as
a line of its own), a lone CR. Pure: no I/O."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

_KEY = r"[A-Za-z0-9_-]+"
_COMMENT = r"(?:#[^\x00-\x08\x0a-\x1f\x7f]*)?"
# The ranges TOML's own grammar allows (as the TOML reader's patterns); a day of the month a
# month has not (02-30) is refused by ``fromisoformat``, as by the reader's ``date``.
_DAY = r"[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
_HOURS, _SIXTY = r"(?:[01][0-9]|2[0-3])", r"[0-5][0-9]"
_MOMENT = _DAY + r"[T ]" + f"{_HOURS}:{_SIXTY}:{_SIXTY}(?:Z|[+-]{_HOURS}:{_SIXTY})"
# The leading blanks of a line are taken once, before its kinds are tried (each kind begins
# with a key, a bracket, a comment or the line's end: none is tried with fewer taken); the line
# end is taken with its line, and blank lines with the header below them, a match each fewer:
# findall sets up the matcher anew for each match (a regular plan is one match a line).
# The layout the store writes is tried first where it is one of several (" = ", the value at
# the line's end, a header's one part): its literal costs the matcher less than a run of
# blanks counted (``[ \t]*``), even of none; each reads the line as the run would.
_EQUALS = r"(?: = (?![ \t])|[ \t]*=[ \t]*)"  # (" = " and a blank after: the run takes it)
_END = r"(?:$|[ \t]+$)"
_HEADER_END = r"(?:$|[ \t]*" + _COMMENT + r"$)"
_LINE = re.compile(
    r"^[ \t]*(?:(" + _KEY + r")" + _EQUALS + r"(?:"  # 1 key
    r'"([^"\\\x00-\x08\x0a-\x1f\x7f]*+)"'
    + _END  # 2 a string with no escape in it
    + r"|("
    + _DAY
    + r")"
    + _END  # 3 a date
    + r"|(-?(?:0|[1-9][0-9]{0,17}))"
    + _END  # 4 an integer (of 18 digits at most)
    + r"|("
    + _MOMENT
    + r")"
    + _END  # 5 a time with its offset, to the second (a log's ``at``)
    + r"|(.+))"  # 6 any other value, for the TOML reader
    # 7 an array of tables: [[item]], [[item.log]], [[removed.item.log]] (the archive); of 16
    # parts at most: tomli refuses a key of more than the recursion limit's (1,000)
    r"|(?:\n[ \t]*)*\[\[[ \t]*("
    + _KEY
    + r"(?:[ \t]*\.[ \t]*"
    + _KEY
    + r"(?:[ \t]*\.[ \t]*"
    + _KEY
    + r"){0,14}|))[ \t]*\]\]"
    + _HEADER_END
    + r"|\[[ \t]*("
    + _KEY
    + r")[ \t]*\]"
    + _HEADER_END  # 8 a table
    # blank lines and comments, a run of them at once (a text of nothing else is read as fast)
    + r"|"
    + _COMMENT
    + r"(?:\n[ \t]*"
    + _COMMENT
    + r")*$"
    r"|(.+))\n?",  # 9 anything else: declined
    re.M,
)
_ABSENT = object()


def loads(
    text: str, reader: Callable[[], Any], rest: tuple[int, Rest] | None = None
) -> dict[str, Any] | None:
    """``text`` as the TOML reader ``reader()`` gives (tomli or tomllib) reads it, or None: not
    sure, let it read. The reader is asked for only when a value needs it: a long plan of
    plain values (texts, days, whole numbers) reads without importing it.
    Its tables are shared as the parse cache keeps a plan's (``sharing``): keys and short texts
    interned, a day one date object, what the reader read copied through a ``Sharing``; the
    store builds a plan of them as they are, without the copy a plan read otherwise needs.
    ``rest``: where a part of ``text`` begins (an ``[[item]]`` header's line) that another
    process has read (``read_ahead``), and what gives its ``[[item]]`` tables, read as this
    function reads that part alone, or None: the part is read here, from there on (it is
    handed the ``item`` read above the part, if any)."""
    if "\r" in text:
        if text.count("\r") != text.count("\r\n"):
            return None
        if rest is not None:  # (its place once each line has lost its \r)
            rest = (rest[0] - text.count("\r", 0, rest[0]), rest[1])
        text = text.replace("\r\n", "\n")  # (no string spans lines here: see below)
    # (Where another process reads the part from ``rest`` on, its pieces are looked at as
    # they are read, each as a text of its own: here only what is above it, a search through
    # all of a long plan's text being 1.5 ms of the program's; the part itself where it is
    # read here after all, below.)
    if _multi_line(text, 0, len(text) if rest is None else rest[0]):
        return None
    root: dict[str, Any] = {}
    table = root
    made: set[int] = set()  # the arrays of tables the headers made (not ``key = [...]``)
    headed: set[int] = set()  # the tables [name] headers made (not ``key = {...}``)
    others: list[tuple[dict[str, Any], str, str]] = []
    from_iso, at_moment = date.fromisoformat, datetime.fromisoformat
    from sys import intern

    from ..sharing import SHORT as short

    days: dict[str, date] = {}
    # The array of tables of the file's top that a header named last (none yet: no header's)
    at_top: str | None = None
    top_tables: list[dict[str, Any]] = []
    try:
        for stretch in _stretches(text) if rest is None else _stretches(text, rest[0]):
            if stretch is _HALFWAY:  # (rest given: the tables of the part from here on)
                tables = rest[1](root.get("item"))  # type: ignore[index]
                if tables is not None:
                    return _with_the_rest(root, made, tables)
                if _multi_line(text, rest[0], len(text)):  # type: ignore[index]
                    return None
                continue  # (or read here)
            for key, plain, day, integer, moment, other, array, name, bad in stretch:
                if key:
                    key = intern(key)
                    if key in table:
                        return None
                    if plain:  # (a text not empty, most lines: one look, not four)
                        table[key] = intern(plain) if len(plain) <= short else plain
                    elif day:
                        when = days.get(day)
                        if when is None:  # (a plan has a few hundred days, each written often)
                            when = days[day] = from_iso(day)
                        table[key] = when
                    elif integer:
                        table[key] = int(integer)
                    elif moment:
                        table[key] = at_moment(moment)
                    elif other:
                        table[key] = None  # its place in the key order, filled below
                        others.append((table, key, other))
                    else:  # an empty text
                        table[key] = intern(plain)
                elif array == at_top:  # (another [[item]]: the array of the one above)
                    table = {}
                    top_tables.append(table)
                elif array:
                    parent = root
                    if "." in array:  # in the last table of each array above, or a [table]
                        *above, array = [part.strip(" \t") for part in array.split(".")]
                        for part in above:
                            tables = parent.get(part, _ABSENT)
                            if id(tables) in made:
                                parent = tables[-1]
                            elif id(tables) in headed:  # [plan], then [[plan.log]]
                                parent = tables
                            else:
                                return None
                    tables = parent.get(array, _ABSENT)
                    if tables is _ABSENT:
                        tables = parent[array] = []
                        made.add(id(tables))
                    elif id(tables) not in made:
                        return None
                    table = {}
                    tables.append(table)
                    if parent is root:  # an array of the file's top: its list stays its own
                        at_top, top_tables = array, tables
                elif name:
                    if name in root:
                        return None
                    table = root[name] = {}
                    headed.add(id(table))
                elif bad:
                    return None
            # Its values left to the TOML reader, read before the next stretch: a value it
            # refuses near the top of a long file declines the file there, not at its end.
            if others:
                if not _read_others(others, reader):
                    return None
                others.clear()
    except ValueError:  # a date that is no day (2023-02-30), a time no time (25:00:00)
        return None
    return root


def _multi_line(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a multi-line string's quotes (``start`` and ``end`` at
    lines' starts, or its ends: none is cut in two there)."""
    return text.find('"""', start, end) >= 0 or text.find("'''", start, end) >= 0


def _stretches(text: str, halfway: int | None = None) -> Any:
    """``_LINE.findall(text)`` a stretch of lines at a time: the tuples of one stretch are
    freed before the next is read, and their memory taken again, not asked anew of the system.
    ``halfway``: a line's start where a stretch ends, and ``_HALFWAY`` is given before the
    next."""
    findall, start, end = _LINE.findall, 0, len(text)
    while start < end:
        stop = text.find("\n", start + _STRETCH)
        stop = end if stop < 0 else stop + 1
        if halfway is not None and start <= halfway <= stop:
            if start < halfway:
                yield findall(text, start, halfway)
            yield _HALFWAY
            stop, halfway = halfway, None
        else:
            yield findall(text, start, stop)
        start = stop


_STRETCH = 1 << 16
_HALFWAY = object()

# What gives the ``[[item]]`` tables of the part another process read (None if it could not),
# handed what the text above made of ``item`` (the tables read here, to look at meanwhile).
Rest = Callable[[Any], "list[dict[str, Any]] | None"]


def _with_the_rest(
    root: dict[str, Any], made: set[int], tables: list[dict[str, Any]]
) -> dict[str, Any] | None:
    """``root`` with the ``[[item]]`` tables read of the part after it, as reading on would
    have made it: added to those of ``[[item]]`` headers above, or the first; None where
    ``item`` above is anything else (``item = [...]``), which a header cannot add to."""
    above = root.get("item", _ABSENT)
    if above is _ABSENT:
        root["item"] = tables
    elif id(above) in made:
        above.extend(tables)
    else:
        return None
    return root


def _read_others(
    others: list[tuple[dict[str, Any], str, str]], toml_reader: Callable[[], Any]
) -> bool:
    """Read the values left to the TOML reader, one line each in one text, into their tables.
    A value that does not end on its line (an array going on below, a string left open)
    makes the next line's ``vN =`` part of it, which no value can hold: refused, or one of
    the keys missing."""
    text = "\n".join([f"v{n} = {value}" for n, (_, _, value) in enumerate(others)])
    reader = toml_reader()
    try:
        values = reader.loads(text)
    except (reader.TOMLDecodeError, ValueError, RecursionError):
        return False
    if len(values) != len(others):
        return False
    from ..sharing import Sharing

    share = Sharing().value
    for n, (table, key, _) in enumerate(others):
        value = values.get(f"v{n}", _ABSENT)
        if value is _ABSENT:
            return False
        try:
            table[key] = share(value)
        except RecursionError:  # a value nested hundreds deep (copied by recursion): the
            return False  # reader reads the whole text, and the plan is built without sharing
    return True
