"""The tables of a chunk of a parse-cache entry recalled for a change and read only when the
change loads it (``cache_stored.Unread``), where it is not there any more by then: damaged, or
the entry stored anew by another process (``tables_from_text``). Loaded only then."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .cache_stored import Stored


def tables_from_text(stored: Stored, n: int, at: int) -> list[Any]:
    """The tables of chunk ``n`` (its items from ``at`` in the entry's order) as the text
    of the bytes the plan was recalled for reads them: its chunk, read only now
    (``cache_stored.Unread``), was not what the entry said (damaged, or the entry stored anew since).
    A corrupt cache changes no answer: the text is read as a plan with no cache reads it,
    once, and each item given its table from it (by its place among the file's items);
    the chunk is not stored again as it was (``reused``): the change stores the entry
    anew (``cache.remember``), and a read after it finds the damage and reads afresh."""
    stored.table_chunks[n] = None
    if stored.from_text is None:
        if stored.read_from is None:
            stored.damaged()
        try:
            from .decoding import decode
            from .plan_text import plan_from_text

            path, raw = stored.read_from
            plan = plan_from_text(decode(path, raw), str(path), share=True)
            stored.from_text = {item.index: item.data for item in plan.item_list()}
        except Exception:  # (the bytes the entry was stored for: never so)
            stored.damaged()
    items = (stored.items or [])[at : at + stored.counts[n]]
    tables = [stored.from_text.get(item.index) for item in items]
    if len(tables) != stored.counts[n] or None in tables:
        stored.damaged()
    return tables
