"""Reading a plan file that changed since its parse cache entry was made (edited by hand, or by
``git pull``): the item tables of the blocks that did not change are taken from the entry, and
only the blocks that did are parsed. The plan is then checked as a whole, as any plan read.

The text is cut before each line that starts ``[[item]]`` (a *piece*: an item's block, with its
sub-tables and whatever follows it up to the next such line; the first piece is what comes
before the first item). The plan read so is the plan a parse of the whole text gives, because:

- Every piece parsed on its own (the first one as it is, each other one with its ``[[item]]``
  line) is parsed as it is in the whole text. TOML is read statement by statement, each ending
  at a line's end; if a piece parses on its own, no string or array of it is left open where the
  next piece starts, so the next ``[[item]]`` line is a header there as well (and a CR before it
  is a line end either way). An ``[[item]]`` line starts a new, empty table, whose keys and
  sub-tables are its own.
- So the whole text is read as: the first piece's tables, then an array ``item`` of one table
  per piece, then the other top-level tables some pieces may define (``[[removed]]``). When no
  two pieces name the same top-level table and the first piece has no ``item``, these are all
  different tables, and the document is them put together in that order.
- A piece whose bytes are those of a piece of the entry's text is parsed as that piece was. The
  entry's text was a plan, in which each piece was one item's table (the entry's tables, in the
  file's order), when that text has no multi-line strings (then every ``[[item]]`` line is a
  header: inside an array it would not be TOML) and as many such lines as items (then there is
  no other header of an item). Its pieces that have no other line starting with ``[`` than the
  item's own sub-tables hold the item's table and nothing else.

Anything else (a piece that does not parse alone, or defines a table another one does, or a
plan with a problem) is read the usual way, by ``plan_text``, so that errors and their lines are
exactly those of a whole read.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..model import Plan, build_plan
from . import cache
from .plan_text import _toml_reader

_CUT = b"\n[[item]]"
_TEXT_CUT = "\n[[item]]"
# A line that starts with [ and is not an item's header or one of its sub-tables' headers.
_OTHER_TABLE = re.compile(rb"\n[ \t]*\[(?!\[?item[.\]])")
# More changed pieces than this share of all (and than a few), and a whole parse is as quick.
_MOST, _FEW = 8, 16


def reread(real: Path, raw: bytes, text: str) -> Plan | None:
    """The plan ``text`` (the decoded ``raw``) holds, made with the unchanged item tables of
    the stale cache entry of the file at ``real``; None when it is better read the usual way
    (no entry, too much changed) or must be (anything but a valid plan read exactly so)."""
    stale = cache.stale(real)
    if stale is None:
        return None
    kept = _reusable(stale)
    if not kept:
        return None
    pieces = raw.split(_CUT)
    count = len(pieces) - 1
    changed = [k for k in range(1, count + 1) if pieces[k] not in kept]
    if not count or len(changed) > max(_FEW, count // _MOST):
        return None
    if pieces[-1].endswith(b"\r"):  # a CR at the very end: no line end, the whole read says
        return None
    texts = text.split(_TEXT_CUT)
    if len(texts) != len(pieces):  # pragma: no cover - the cut is ASCII: never
        return None
    parsed = _parsed(texts, changed)
    if parsed is None:
        return None
    first, new, extra = parsed
    tables: list[dict[str, Any]] = []
    reused: set[int] = set()
    for k in range(1, count + 1):
        table = new.get(k)
        if table is None:
            table = kept[pieces[k]]
            if id(table) in reused:  # the same bytes twice: one item given twice
                return None
            reused.add(id(table))
        tables.append(table)
    doc = {**first, "item": tables, **extra}
    plan, problems = build_plan(doc, checked=reused)
    if problems or plan is None:
        return None  # read the usual way, for the messages
    cache.stored_as(plan, stale)
    return plan


def _reusable(stale: cache.Stale) -> dict[bytes, dict[str, Any]]:
    """The pieces of the entry's text that hold an item's table and nothing else, with the
    table (see the module's docstring); none when its text does not show which they are."""
    raw = stale.raw
    if b'"""' in raw or b"'''" in raw:
        return {}
    pieces = raw.split(_CUT)
    if len(pieces) - 1 != len(stale.tables):
        return {}
    kept = dict(zip(pieces[1:], stale.tables, strict=True))
    if len(kept) != len(stale.tables):  # pragma: no cover - two such pieces: one id twice
        return {}
    other = [match.start() for match in _OTHER_TABLE.finditer(raw)]
    if other:
        starts, at = [], 0
        for piece in pieces:
            starts.append(at)
            at += len(piece) + len(_CUT)
        import bisect

        for position in other:
            k = bisect.bisect_right(starts, position) - 1
            if k > 0:
                kept.pop(pieces[k], None)
    return kept


def _parsed(
    texts: list[str], changed: list[int]
) -> tuple[dict[str, Any], dict[int, dict[str, Any]], dict[str, Any]] | None:
    """The first piece's document, the item table of each changed piece and the other
    top-level tables they define, each piece parsed alone; None when one does not parse
    alone, or the pieces do not put together as the whole text would be read."""
    from .. import collector

    reader = _toml_reader()
    new: dict[int, dict[str, Any]] = {}
    extra: dict[str, Any] = {}
    try:
        with collector.paused():
            first = reader.loads(_ended(texts[0]))
            if "item" in first:
                return None
            last = len(texts) - 1
            for k in changed:
                part = reader.loads("[[item]]" + (_ended(texts[k]) if k < last else texts[k]))
                found = part.pop("item")
                if type(found) is not list or len(found) != 1:
                    return None
                for key, value in part.items():
                    if key in first or key in extra:
                        return None
                    extra[key] = value
                new[k] = cache._shared(found[0])
    except (reader.TOMLDecodeError, ValueError, RecursionError):
        return None
    return first, new, extra


def _ended(piece: str) -> str:
    """A piece followed by another as it reads alone: a CR that ends it is half of the line end
    the next piece's ``[[item]]`` line starts with (the text's lines end in CRLF)."""
    return piece[:-1] if piece.endswith("\r") else piece
