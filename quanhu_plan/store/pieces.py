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

Where only items' own pieces changed in place (the common hand edit: the same pieces in the same
order, the first one as it was), ``recall_edited`` does not even unpickle the unchanged tables:
the changed tables go into their chunks of the entry, which is stored anew and recalled as any
warm entry is (``cache_stale.edited_entry``).
"""

from __future__ import annotations

import re
from itertools import accumulate, compress
from operator import ne
from pathlib import Path
from typing import Any

from ..building import build_plan
from ..model import Plan
from . import cache, cache_stale
from .plan_text import _toml_reader

_CUT = b"\n[[item]]"
# A line that starts with [ and is not an item's header or one of its sub-tables' headers.
_OTHER_TABLE = re.compile(rb"\n[ \t]*\[(?!\[?item[.\]])")
# More changed pieces than this share of all (and than a few), and a whole parse is as quick.
_MOST, _FEW = 8, 16


def reread(real: Path, raw: bytes) -> Plan | None:
    """The plan the bytes ``raw`` (UTF-8 text: ``decoding.decode`` said so) hold, made with the
    unchanged item tables of the stale cache entry of the file at ``real``; None when it is
    better read the usual way (no entry, too much changed) or must be (anything but a valid
    plan read exactly so)."""
    from .. import collector

    with collector.paused():  # a long plan's items are many new objects that stay
        return _reread(real, raw)


def _reread(real: Path, raw: bytes) -> Plan | None:
    stale = cache_stale.stale(real)
    if stale is None:
        return None
    kept = _reusable(stale)
    if not kept:
        return None
    pieces = raw.split(_CUT)
    count = len(pieces) - 1
    found: list[Any] = [None, *map(kept.get, pieces[1:])]  # the entry's table of each piece
    changed = [k for k, table in enumerate(found) if table is None and k]
    del kept
    stale.raw = b""  # what a long plan needs no more: its memory back
    if not count or len(changed) > max(_FEW, count // _MOST):
        return None
    if pieces[-1].endswith(b"\r"):  # a CR at the very end: no line end, the whole read says
        return None
    parsed = _parsed(pieces, changed)
    del pieces
    if parsed is None:
        return None
    first, new, extra = parsed
    reused = set(map(id, found))
    reused.discard(id(None))
    if len(reused) != count - len(changed):  # the same bytes twice: one item given twice
        return None
    for k, table in new.items():
        found[k] = table
    tables: list[dict[str, Any]] = found[1:]
    doc = {**first, "item": tables, **extra}
    if _same_tree(tables, stale.tables):
        plan = _on_the_same_tree(doc, new, stale)
    else:
        plan, problems = build_plan(doc, checked=reused)
        if problems:
            plan = None
    if plan is None:
        return None  # read the usual way, for the messages
    cache.stored_as(plan, stale.stored)
    return plan


def recall_edited(
    real: Path, raw: bytes, st: Any, whole: bool = False, goals: bool = False
) -> Plan | None:
    """The plan of a file whose items were edited in place since its cache entry was made (or
    that was written again as it was), as
    ``cache.recall`` recalls it (``whole``, ``goals`` as there): the entry stored anew with the
    tables of the changed pieces put into their chunks, the other chunks as they were
    (``cache_stale.edited_entry``), and recalled from that. None where it cannot be made so
    (then ``reread``): the file has the entry's pieces in its order, the same first piece and
    the same number of items; each changed piece defines its item's table alone, with the id
    and parent it had, and with no problem (a problem is read the usual way, for its message)."""
    from .. import collector

    with collector.paused():  # (as ``reread``)
        return _recall_edited(real, raw, st, whole, goals)


def _recall_edited(real: Path, raw: bytes, st: Any, whole: bool, goals: bool) -> Plan | None:
    opened = cache_stale.opened_stale(real)
    if opened is None:
        return None
    old = opened.raw
    if b'"""' in old or b"'''" in old:  # (see the module's text)
        return None
    pieces, old_pieces = raw.split(_CUT), old.split(_CUT)
    count = len(pieces) - 1
    if len(old_pieces) != len(pieces) or count != len(opened.indexes):
        return None
    # (none changed: the same bytes written again, their time changed: ``git checkout``)
    changed = list(compress(range(len(pieces)), map(ne, pieces, old_pieces)))
    if changed[:1] == [0] or len(changed) > max(_FEW, count // _MOST):
        return None
    if pieces[-1].endswith(b"\r"):  # (as ``_reread``)
        return None
    if _holding_other_tables(old, old_pieces).intersection(changed):
        return None  # (their other tables are the plan's header or archive: a whole read)
    layout = _layout_after(opened, old_pieces, pieces, changed)
    del old_pieces
    parsed = _parsed(pieces, changed, first_too=False)
    del pieces
    if parsed is None or parsed[2]:
        return None
    from ..validate import check_item

    tables = {k - 1: parsed[1][k] for k in changed}  # by their place among the file's items
    if any(check_item(table, index) for index, table in tables.items()):
        return None
    return cache_stale.edited_entry(
        opened, real, raw, st, tables, _same_place, whole, goals, layout
    )


_ITEM_HEADER = _CUT[1:]  # (the [[item]] of a cut, without the line end before it)


def _layout_after(
    opened: cache_stale.OpenedStale, old: list[bytes], new: list[bytes], changed: list[int]
) -> tuple[int, ...] | None:
    """``toml_blocks.layout_facts`` of the bytes the pieces ``new`` make (without a BOM), from
    those kept beside the entry of the pieces ``old`` (``cache.layout_of``) and the changed
    pieces (item pieces, never the first): each changed piece, with its [[item]] line and the
    line end after it, is a run of lines replaced. None where none were kept."""
    from ..toml_layout import facts_after
    from .cache_files import stored_layout

    facts = stored_layout(opened.entry, opened.token)
    if facts is None:
        return None
    at = -3 if old[0].startswith(b"\xef\xbb\xbf") else 0  # (where piece ``done`` starts)
    done, last = 0, len(old) - 1
    replaced = []
    for k in changed:  # (each piece k >= 1 starts right after a cut's [[item]])
        at += sum(map(len, old[done:k])) + (k - done) * len(_CUT)  # (in C: 10,000 pieces)
        done = k
        start, end = at - len(_ITEM_HEADER), at + len(old[k]) + (k < last)
        replaced.append((start, end, _ITEM_HEADER + new[k] + (b"\n" if k < last else b"")))
    return facts_after(facts, replaced)


def _holding_other_tables(raw: bytes, pieces: list[bytes]) -> set[int]:
    """The pieces of ``raw`` with a line starting with [ that is not their item's (see the
    module's text)."""
    other = [match.start() for match in _OTHER_TABLE.finditer(raw)]
    if not other:
        return set()
    import bisect

    starts = list(accumulate((len(piece) + len(_CUT) for piece in pieces), initial=0))
    return {bisect.bisect_right(starts, position) - 1 for position in other}


def _same_place(table: dict[str, Any], was: dict[str, Any]) -> bool:
    """Whether an item's table read anew has the id and parent (or none) it had (``was``)."""
    return (
        type(table.get("id")) is str
        and table.get("id") == was["id"]
        and ("parent" in table) == ("parent" in was)
        and type(table.get("parent", "")) is str
        and table.get("parent") == was.get("parent")
    )


def _same_tree(tables: list[dict[str, Any]], old: list[dict[str, Any]]) -> bool:
    """Whether the items are those of the entry, in its order, each with the id and parent
    (or none) it had there: only what they say of themselves changed."""
    if len(tables) != len(old):
        return False
    for table, was in zip(tables, old, strict=True):
        if table is not was and not _same_place(table, was):
            return False
    return True


def _on_the_same_tree(
    doc: dict[str, Any], new: dict[int, dict[str, Any]], stale: cache_stale.Stale
) -> Plan | None:
    """The plan of ``doc``, whose items have the ids and parents of the entry's, in its order
    (``_same_tree``), on the entry's tree: what ``build_plan`` gives when it finds no problem,
    which is the case when the header, the changed items and the other tables have none (the
    entry's items had none, and their ids, and so their links and depths, are as they were);
    None when one has a problem."""
    from ..validate import check_item
    from ..validate_archive import check_top_level
    from ..validate_header import check_meta

    meta = doc.get("plan")
    if type(meta) is not dict or check_meta(meta) or check_top_level(doc):
        return None
    if any(check_item(table, k - 1) for k, table in new.items()):
        return None
    tables = doc["item"]
    in_tree = [tables[index] for index in stale.indexes]
    extra = {key: value for key, value in doc.items() if key not in ("plan", "item")}
    return Plan.unpacked((meta, in_tree, stale.parents, stale.indexes, extra, None, False))


def _reusable(stale: cache_stale.Stale) -> dict[bytes, dict[str, Any]]:
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
    for k in _holding_other_tables(raw, pieces):
        if k > 0:
            kept.pop(pieces[k], None)
    return kept


def _parsed(
    pieces: list[bytes], changed: list[int], first_too: bool = True
) -> tuple[dict[str, Any], dict[int, dict[str, Any]], dict[str, Any]] | None:
    """The first piece's document (without ``first_too``: none, the first piece is as it
    was), the item table of each changed piece and the other top-level tables they define,
    each piece parsed alone; None when one does not parse alone, or the pieces do not put
    together as the whole text would be read. A piece's text is what the whole text has
    there: UTF-8 is decoded alike piece by piece, cut before an ASCII line (and a BOM is taken
    off the first)."""
    if any(b"\n<<<<<<<" in pieces[k] for k in changed):  # git's markers, in a string
        return None  # that reads: the whole read refuses them
    texts = {k: pieces[k].decode("utf-8") for k in changed}
    reader = _toml_reader()
    new: dict[int, dict[str, Any]] = {}
    extra: dict[str, Any] = {}
    try:
        first = reader.loads(_ended(pieces[0].decode("utf-8-sig"))) if first_too else {}
        if "item" in first:
            return None
        last = len(pieces) - 1
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
