"""A side's text with the ids a merge gave its items (``three_way.MergeResult.renamed_on``):
each renumbered item's ``id = "…"`` line, live or archived, says its new id, and nothing else
changes. The merge can then be written on that text line by line (``store.save``): the
comments typed in or above a renumbered item's table stay with that item, and the file keeps
its layout, where rewritten whole every comment went. Pure: no I/O.

The tables are matched by their place, as the merge matched them: the k-th ``[[item]]`` table
of the text is the k-th item of the document, the archived ones (``[[removed.item]]``) after
them in order. Where the text does not show every table so (an array written inline), or a
table's id is not the one the merge read there, there is no such text (None): the caller
writes the merge as before.
"""

from __future__ import annotations

from ..toml_text import Unreadable, scan

ITEM_PATH = ("item",)
ARCHIVED_PATH = ("removed", "item")


def with_ids_renamed(text: str, renamed: list[tuple[int, str, str]]) -> str | None:
    """``text`` with each (place among the side's tables, old id, new id) of ``renamed`` said
    in its table's ``id`` line, in the quotes the file used; None where that cannot be done
    for certain."""
    if not renamed:
        return text
    try:
        tables = scan(text)
    except Unreadable:
        return None
    live = [t for t in tables if t.path == ITEM_PATH]
    archived = [t for t in tables if t.path == ARCHIVED_PATH]
    ordered = live + archived
    edits: list[tuple[int, int, str]] = []
    for place, old, new in renamed:
        if not 0 <= place < len(ordered):
            return None
        try:
            statement = ordered[place].statement("id")
        except Unreadable:
            return None
        if statement is None:
            return None
        written = text[statement.value_start : statement.value_end]
        quote = written[:1]
        if quote not in ("'", '"') or written != f"{quote}{old}{quote}" or not _plain(new):
            return None
        edits.append((statement.value_start, statement.value_end, f"{quote}{new}{quote}"))
    out: list[str] = []
    at = 0
    for start, end, value in sorted(edits):
        if start < at:  # (one table named twice)
            return None
        out += [text[at:start], value]
        at = end
    out.append(text[at:])
    return "".join(out)


def _plain(item_id: str) -> bool:
    """An id written between quotes as it is (no quote, backslash or control character)."""
    return item_id.isprintable() and not any(c in item_id for c in "\"'\\")
