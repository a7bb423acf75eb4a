"""Whether a plan's text that does not read as a plan looks cut off at its end (a save, copy or
sync stopped part-way), as the message then says besides what is wrong: its last line, with no
line end, the start of the lines of its kind written whole above it (due = 2023-07-2 where
due = 2023-07-28 is), or its last item stopped, in the order plan writes an item's fields,
before the id or title every item has, in a long plan (``LONG_PLAN``); an ``[[item]]`` header
alone at the end of any. Only that evidence: a slip typed by hand is not called a cut (and is
said all the same where there is). Pure: the text alone."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..errors import Problem

# The lines of a kind looked at (a long plan's thousands of due = lines: the first are enough).
_LOOKED_AT = 2000
# A plan of this many items is kept by plan, not typed: its last line begun, or its last item
# stopped after a field, is a cut, more likely than a slip typed at its end (due = 2023-06 in
# a file Notepad saved with no line end after it; an item added by hand without its title). A
# shorter one is told its slip alone; an [[item]] header alone at its end is a cut in any.
LONG_PLAN = 50


def is_long(text: str) -> bool:
    """Whether the text holds ``LONG_PLAN`` items or more."""
    return text.count("[[item]]", 0) >= LONG_PLAN


def _shape(value: str) -> str:
    """A value with each digit a 0: 2023-07-2 is the start of 2023-11-28's shape."""
    return re.sub(r"[0-9]", "0", value)


def cut_in_last_line(text: str) -> int | None:
    """The number of the text's last line where it ends with no line end and that line is the
    start of a longer one of its kind above it: a field's value (due = 2023-07-2, 2023-11,
    2023; milestone = tru) or a table's header ([[item]); None where not."""
    if not text or text.endswith(("\n", "\r")):
        return None
    start = text.rfind("\n") + 1
    said = text[start:].strip(" \t")
    if not said or said.startswith("#"):
        return None
    key, equals, value = said.partition("=")
    key, value = key.strip(" \t"), value.strip(" \t")
    line = text.count("\n", 0, start) + 1
    if not equals or not value:  # a header or a key cut short: a longer line begins so
        begun = re.compile(rf"^[ \t]*{re.escape(said)}[^\r\n]", re.M)
        return line if begun.search(text, 0, start) else None
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", key):
        return None
    shape = _shape(value)
    written = re.compile(rf"^[ \t]*{re.escape(key)}[ \t]*=[ \t]*([^\r\n#]*[^\s#])", re.M)
    for n, found in enumerate(written.finditer(text, 0, start)):
        whole = found.group(1)
        if len(whole) > len(value) and _shape(whole).startswith(shape):
            return line
        if n >= _LOOKED_AT:
            break
    return None


_ITEM_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*item[ \t]*\]\][ \t]*(?:#[^\n]*)?\r?$", re.M)
_ANY_HEADER = re.compile(r"^[ \t]*\[", re.M)
_KEY = re.compile(r"^[ \t]*([A-Za-z0-9_-]+)[ \t]*=", re.M)


def cut_in_last_item(text: str) -> tuple[int, str | None, list[str]] | None:
    """Where the text's last table is an ``[[item]]`` (not its first) whose fields, in the
    order plan writes them, stop before the id or the title every item has: (the line of its
    header, the last field it has or None, the fields it lacks); None where not."""
    from ..model import ITEM_FIELDS

    headers = list(_ITEM_HEADER.finditer(text))
    if len(headers) < 2:
        return None
    last = headers[-1]
    if _ANY_HEADER.search(text, last.end()):  # a table after it: its log, or another
        return None
    keys = _KEY.findall(text, last.end())
    missing = [field for field in ("id", "title") if field not in keys]
    if not missing or any(key not in ITEM_FIELDS for key in keys):
        return None
    places = [ITEM_FIELDS.index(key) for key in keys]
    if places != sorted(set(places)) or (places and places[-1] > ITEM_FIELDS.index(missing[0])):
        return None
    return text.count("\n", 0, last.start()) + 1, keys[-1] if keys else None, missing


def cut_evidence(text: str, problems: list[Problem]) -> tuple[str, ...] | None:
    """What says a text whose ``problems`` (placed on their lines) make it no plan was cut off:
    ("line", its number) for a last line begun (``cut_in_last_line``) that the problems are
    all on; ("item", header line, last field or "", lacking…) for a last item stopped short
    (``cut_in_last_item``) that they are all of; None where they are not."""
    if not problems:
        return None
    line = cut_in_last_line(text) if is_long(text) else None
    if line is not None and all(problem.line == line for problem in problems):
        return ("line", str(line))
    stopped = cut_in_last_item(text)
    if stopped is None:
        return None
    header, last, missing = stopped
    if last is not None and not is_long(text):
        return None
    if all(
        problem.field in missing and problem.found is None and (problem.line or 0) >= header
        for problem in problems
    ):
        return ("item", str(header), last or "", *missing)
    return None
