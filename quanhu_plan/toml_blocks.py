"""Where the blocks of a plan's text laid out simply are, found without cutting all of it into
blocks. Pure: no I/O.

``toml_text.Layout`` cuts a text into blocks header line by header line: for a plan of ten
thousand items, ten thousand lines looked at one by one in Python (6 ms). A change that edited a
few items in place (``patch_bytes.patch_changed_bytes``) needs only where their blocks and the [plan]
block are, once it is known that the text is laid out as ``patch_changed`` follows
(``patch_bytes._changed_blocks``). For a text laid out simply, ``simple_blocks`` finds that with a few
searches that run at C speed, and the spans are those ``Layout`` gives; for any other, it gives
None, and ``Layout`` says how the text is laid out.

Laid out simply: no multi-line string, so that every line that starts with [ (after spaces) is a
header (see ``Layout``); every item's header written ``[[item]]`` at the start of its line; and
no ``[[item.log]]`` line where it would start a block of its own (after the block of another
table). Then the header lines that are neither ``[[item]]`` nor ``[[item.log]]`` lines are few
(the [plan] header, archive records, an odd sub-table), and only these are read, as ``Layout``
reads them: each starts a block unless it is a sub-table of the block above, whose root is that
of the last line that started one; an ``[[item]]`` line always starts one.

That no other header is an item's is what makes the ``n``-th ``[[item]]`` line the header of the
``n``-th item table: each header of an item appends one table to the array, and each is such a
line. An item is found by its id where its block starts with the line ``id = "…"`` (ids are
unique among the items of a plan: ``building.build_plan``), else by counting the lines.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import islice
from typing import Any

from .toml_layout import _FIRST_HEADER, layout_facts
from .toml_layout import _MAY_START_A_HEADER as _MAY_START_A_HEADER  # (tests look at it here)
from .toml_text import Unreadable, _has_keys, _header_at, closes_an_array, newline_of_bytes

ARCHIVE = "removed"
_ITEM = b"\n[[item]]"
_LOG = b"\n[[item.log]]"
_ITEM_LINE = rb"\n\[\[item\]\]"  # compiled when first used (by ``re``'s own cache)
_UNKNOWN: Any = object()  # (``simple_blocks`` given no ``layout_facts``)


class SimpleBlocks:
    """Where the blocks of a text laid out simply are (``simple_blocks``), in its bytes."""

    __slots__ = ("data", "starts", "plan", "newline")

    def __init__(self, data: bytes, starts: list[int], plan: int, newline: bytes):
        self.data = data
        self.starts = starts  # where the header line of each block that is not an item's starts
        self.plan = plan  # where the [plan] header line starts
        self.newline = newline

    def item(self, index: int, item_id: object) -> tuple[int, int]:
        """Where the block of the ``index``-th item table, whose id is ``item_id``, starts and
        ends (``Layout.start`` and ``Layout.end`` of its block)."""
        return self.span(self._item_line(index, item_id))

    def _item_line(self, index: int, item_id: object) -> int:
        data = self.data
        if isinstance(item_id, str) and _written_as_it_is(item_id):
            nl = self.newline
            found = data.find(_ITEM + nl + b'id = "' + item_id.encode("utf-8") + b'"' + nl)
            if found >= 0:
                return found + 1
        line = next(islice(re.finditer(_ITEM_LINE, data), index, None), None)
        # (bytes that read as the plan have an [[item]] line for every item; were one missing,
        # Unreadable sends the change to the whole-file Layout)
        if line is None:  # pragma: no cover
            raise Unreadable(f"no [[item]] line for item {index}")
        return line.start() + 1

    def span(self, at: int) -> tuple[int, int]:
        """Where the block whose header line starts at ``at`` starts and ends."""
        data, starts = self.data, self.starts
        following = []
        item = data.find(_ITEM, at)
        if item >= 0:
            following.append(item + 1)
        k = bisect_right(starts, at)
        if k < len(starts):
            following.append(starts[k])
        if following:
            end = _lead_of(data, min(following))
        else:  # the last block: it ends after the last line that is not blank or a comment
            end = max(_lead_of(data, len(data)), data.find(b"\n", at) + 1 or len(data))
        return _lead_of(data, at), end


def simple_blocks(
    data: bytes, counts: tuple[int, int], facts: Any = _UNKNOWN
) -> SimpleBlocks | None:
    """The blocks of the text ``data`` holds (UTF-8 without a BOM, TOML that reads as a plan
    with ``counts`` item tables and archive records: the bytes of a plan from the parse cache)
    when it is laid out simply and as ``patch_bytes._changed_blocks`` wants it: its [[item]] blocks,
    [[removed]] blocks (each written so) and one [plan] block. None otherwise (see the module).
    Offsets are of bytes, which are those of the text taken a byte a character (latin-1), as
    ``patch_bytes.patch_changed_bytes`` reads it. ``facts``: ``layout_facts(data)`` where known (the
    parse cache keeps them), else not given."""
    first_line = _FIRST_HEADER.match(data)
    if first_line and data.startswith(b"[item", first_line.end()):
        return None  # a text whose first line is an item's header: left to ``Layout``
    found = layout_facts(data) if facts is _UNKNOWN else facts
    if found is None:
        return None  # a multi-line string may start there
    try:
        return _simple_blocks(data, counts, list(found))
    except Unreadable:  # a line that starts with [ and is no header: ``Layout`` says so
        return None


def _simple_blocks(data: bytes, counts: tuple[int, int], others: list[int]) -> SimpleBlocks | None:
    if not others:
        return None
    first = others[0]
    found = data.find(_ITEM, 0, first)
    first = found + 1 if found >= 0 else first
    if data.find(_LOG, 0, first) >= 0 or _has_keys(data[:first].decode("latin-1")):
        return None  # an [[item.log]] line would start the first block; keys before it
    starts: list[int] = []
    plan: list[int] = []
    records = 0
    root = "item" if found >= 0 else None  # that of the last block started
    for n, at in enumerate(others):
        end = others[n + 1] if n + 1 < len(others) else len(data)
        # Each a line's start, in order, in the text: the facts kept beside a cache entry are
        # the user's file (a hand, a bug); one in the middle of a line (a comment's [) is none.
        if not 0 <= at < end or (at and data[at - 1] != 10):
            return None
        header = _header_at(_line(data, at), 0)
        path = header.path
        if path != ("item",) and closes_an_array(data, at):
            return None  # an array's item, not a header: ``Layout`` reads it
        if not (len(path) > 1 and path[0] == root):  # it starts a block
            if path[0] == "item":
                return None  # an item's block that starts otherwise than with [[item]]
            root = path[0]
            starts.append(at)
            if root == "plan":
                plan.append(at)
            elif root == ARCHIVE:
                if not header.array:
                    return None
                records += 1
        item = data.find(_ITEM, at, end)
        if root != "item" and data.find(_LOG, at, item if item >= 0 else end) >= 0:
            return None  # an [[item.log]] line that would start a block
        if item >= 0:
            root = "item"
    if len(plan) != 1 or records != counts[1]:
        return None
    return SimpleBlocks(data, starts, plan[0], newline_of_bytes(data))


def _written_as_it_is(value: str) -> bool:
    """Whether a basic string holds ``value`` as it is: no quote, backslash or character that
    is not printable (a control character) in it, and not empty."""
    return bool(value) and '"' not in value and "\\" not in value and value.isprintable()


def _line(data: bytes, at: int) -> str:
    """The line that starts at ``at``, with its line end, taken a byte a character."""
    return data[at : data.find(b"\n", at) + 1 or len(data)].decode("latin-1")


def _lead_of(data: bytes, line_start: int) -> int:
    """``toml_text._lead`` of the text taken a byte a character, read in its bytes."""
    lead = line_start
    while lead > 0:
        previous = data.rfind(b"\n", 0, lead - 1) + 1
        line = data[previous:lead].decode("latin-1").strip()
        if line and not line.startswith("#"):
            break
        lead = previous
    return lead
