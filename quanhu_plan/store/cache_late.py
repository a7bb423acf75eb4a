"""The chunks of tables of a parse-cache entry recalled for a change, read only when the change
loads them (``cache.recall`` with ``lazy``): where each is (``Unread``), and the tables of one
that is not there any more when it is (``tables_from_text``). Loaded by a change alone: a
status reads its chunks as it recalls them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from .cache_stored import Stored


class Unread:
    """A chunk of tables of an entry recalled for a change (``cache.recall`` with ``lazy``) and
    not read yet: where it starts in the entry's file, its length and its CRC-32 as the
    entry's header says. It is read and checked when first loaded or stored again
    (``Stored.table_bytes``): a change of one item of a plan with a year's trace reads one
    chunk of 1.2 MB of them. The file is opened again for it, not held open since the recall:
    an entry is rewritten in place (``cache_files.write``), so a descriptor kept would not keep
    the bytes recalled either, and the checksum tells them; nor does one kept open stop Windows
    from removing the entry."""

    __slots__ = ("start", "length", "crc")

    def __init__(self, start: int, length: int, crc: int):
        self.start, self.length, self.crc = start, length, crc

    def read(self, entry: Path) -> bytes:
        """The chunk's bytes, read from ``entry`` now; OSError where they are not there
        (the entry removed, cut, damaged or stored anew since it was recalled)."""
        import errno
        import os
        import zlib

        from .cache_files import opened_file

        with opened_file(entry) as handle:
            pread = getattr(os, "pread", None)  # (not on Windows)
            if pread is not None:
                data = pread(handle.fileno(), self.length, self.start)
            else:  # pragma: no cover - Windows
                handle.seek(self.start)
                data = handle.read(self.length)
        if len(data) != self.length or zlib.crc32(data) != self.crc:
            raise OSError(errno.EIO, "a chunk not as its entry's header says", str(entry))
        return data


def tables_from_text(stored: Stored, n: int, at: int) -> list[Any]:
    """The tables of chunk ``n`` (its items from ``at`` in the entry's order) as the text
    of the bytes the plan was recalled for reads them: its chunk, read only now
    (``Unread``), was not what the entry said (damaged, or the entry stored anew since).
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
