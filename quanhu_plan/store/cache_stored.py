"""A parse cache entry as recalled (``cache``): what stands for its chunks while a plan read
from it is used (``Stored``), and what loads a chunk of tables the first time one of its items'
table is asked for (``Chunk``)."""

from __future__ import annotations

import operator
from itertools import accumulate, repeat
from typing import TYPE_CHECKING, Any, NoReturn

from .cache_chunks import tables_of
from .cache_files import blocks_of, text_of

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from pathlib import Path

    from ..model import Plan

HEAD_BYTES = 1 << 16  # read first: the header pickle is within it (else read on: ``cache._read``)


class Chunk:
    """What loads one chunk of a recalled plan's tables: the first time an item of it is
    asked for its table (``model.LazyItem.data``), every item of the chunk gets its table."""

    __slots__ = ("stored", "n")

    def __init__(self, stored: Stored, n: int):
        self.stored, self.n = stored, n

    def looked_at(self, plan: Plan, items: list[Any]) -> Iterator[dict[str, Any]]:
        """``looked_at`` (of the plan whose item this loads: the pure core asks an item's
        source, knowing nothing of the cache)."""
        from .cache import looked_at

        return looked_at(plan, items)

    def load(self) -> None:
        from .. import sketches
        from ..collector import in_program, paused

        stored, n = self.stored, self.n
        at = sum(stored.counts[:n])
        # A chunk's tables are many new objects that stay: in the program, never walked again.
        with paused(freeze=in_program()):
            try:
                chunk = stored.table_bytes(n)
            except OSError:  # (read only now, and gone or damaged since the recall)
                tables = stored.tables_from_text(n, at)
                items = (stored.items or [])[at : at + len(tables)]
            else:
                try:
                    tables = tables_of(chunk)
                    items = (stored.items or [])[at : at + len(tables)]
                    if (
                        type(tables) is not list
                        or not len(items) == len(tables) == stored.counts[n]
                        or set(map(type, tables)) != {dict}
                        or not _their_ids(items, tables, self)
                    ):
                        raise ValueError("a cache entry whose chunk does not hold its items")
                except Exception:  # its checksum held: not a disk's damage, a wrong writer's
                    stored.damaged()
            count = len(tables)
            stored.loaded[n] = True
            if sketches.LOAD_WATCHERS:  # a change is being made: it may store the chunk again
                stored.tables[at : at + count] = tables
            else:  # a read, which never stores a plan from the cache: they are let go
                stored.table_chunks[n] = None
            if all(map(operator.is_, map(_SOURCE, items), repeat(self, count))):
                # (every item of the chunk, as always: ``data`` is only ever assigned on an
                # item whose table was loaded)
                came = items
                for name, values in (("data", tables), ("sketch", _NONES), ("source", _NONES)):
                    any(map(setattr, items, repeat(name, count), values))  # (each gives None)
            else:
                came = []
                for item, table in zip(items, tables, strict=True):
                    if item.source is self:
                        item.data, item.sketch, item.source = table, None, None
                        came.append(item)
        for watcher in sketches.LOAD_WATCHERS:
            watcher(came)


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
        import os
        import zlib

        from .cache_files import opened_fd

        fd = opened_fd(entry)  # (a file of this user's, as the recall read: ``opened_file``)
        try:
            pread = getattr(os, "pread", None)  # (not on Windows)
            if pread is not None:
                data = pread(fd, self.length, self.start)
            else:  # pragma: no cover - Windows
                os.lseek(fd, self.start, os.SEEK_SET)
                data = os.read(fd, self.length)
        finally:
            os.close(fd)
        if len(data) != self.length or zlib.crc32(data) != self.crc:
            import errno

            raise OSError(errno.EIO, "a chunk not as its entry's header says", str(entry))
        return data


_SOURCE = operator.attrgetter("source")
_ID = operator.itemgetter(0)  # (of a sketch: the item's id)
_SKETCH = operator.attrgetter("sketch")


def _their_ids(items: list[Any], tables: list[Any], source: Any) -> bool:
    """Whether each of ``tables`` has the id its item's sketch says, for the items ``source``
    loads (a chunk of other items' tables, as many, whose sums a wrong writer made to match,
    would put a change on another item than the one asked for)."""
    if all(map(operator.is_, map(_SOURCE, items), repeat(source, len(items)))):
        sketches = list(map(_SKETCH, items))  # (every item of the chunk, as always)
        if None not in sketches:  # (at C speed: 20 us a chunk of a thousand tables)
            return list(map(_ID, sketches)) == list(map(dict.get, tables, repeat("id")))
    sketched = [item.sketch if item.source is source else None for item in items]
    ids = [
        table.get("id") if sketch is not None else None
        for table, sketch in zip(tables, sketched, strict=True)
    ]
    return ids == [None if sketch is None else _ID(sketch) for sketch in sketched]


_PARENT = operator.attrgetter("parent")
_NONES: Any = repeat(None)


class Stored:
    """How the tables of a plan read from the cache are stored: the entry, which entry it was
    (``token``), how many tables each chunk holds, where each item of the tree is in the
    entry's order of tables (``inverse``: the entry keeps the tables of the items with items
    under them first, then the others, each in the tree's order), each chunk's sketches and
    tables as stored (bytes), and the tables in that order as they came out of it, when they
    did (``loaded``); not their items' sketches (a chunk stored anew unpickles those of the
    tables left alone from its bytes: ``kept_sketches``). A
    recalled plan's items are ``items`` in that order and ``tree`` in the tree's; a stale
    entry (``stale``) has none."""

    __slots__ = (
        "entry",
        "token",
        "counts",
        "inverse",
        "sketch_chunks",
        "table_chunks",
        "tables",
        "loaded",
        "items",
        "tree",
        "parents",
        "loaders",
        "sums",
        "read_from",
        "from_text",
    )

    def __init__(
        self,
        entry: Path,
        token: bytes,
        counts: list[int],
        inverse: Sequence[int],
        sketch_chunks: list[Any],
        table_chunks: list[Any],
    ):
        self.entry, self.token, self.counts, self.inverse = entry, token, counts, inverse
        self.sketch_chunks, self.table_chunks = sketch_chunks, table_chunks
        if len(inverse) != sum(counts) or len(table_chunks) != len(counts):
            raise ValueError("a cache entry whose chunks do not match")
        self.tables: list[Any] = [None] * len(inverse)
        self.loaded = [False] * len(counts)
        self.items: list[Any] | None = None
        self.tree: list[Any] | None = None
        self.parents: Sequence[int] | None = None  # of the tree as recalled
        self.loaders = [Chunk(self, n) for n in range(len(counts))]
        # Each chunk's CRC-32 as read and checked (head, sketches, tables), where known; a
        # chunk not read yet (``Unread``): as the header says, checked when it is read.
        self.sums: list[int] | None = None
        # Where chunks are read only when loaded (``Unread``): the plan file's path and the
        # bytes the plan was recalled for, whose text gives the tables of a chunk that is
        # not there any more (``tables_from_text``), and those tables once read so.
        self.read_from: tuple[Path, bytes] | None = None
        self.from_text: dict[Any, Any] | None = None

    def table_bytes(self, n: int) -> Any:
        """Chunk ``n`` of tables as stored (bytes), read now if it was not (``Unread``), or
        None where it was let go of once loaded; OSError where it was read only now and is
        not what the entry said any more."""
        chunk = self.table_chunks[n]
        if type(chunk) is Unread:
            chunk = self.table_chunks[n] = chunk.read(self.entry)
        return chunk

    def read_all(self) -> None:
        """Every chunk of tables not read yet read now (one not there any more: loaded, its
        tables from the text), and the text let go of, with the tables read from it: before
        an entry is stored of them (``cache.remember``), which at 100,000 tasks would hold a
        file of 16 MB beside everything it pickles."""
        if self.read_from is None:
            return
        for n, chunk in enumerate(self.table_chunks):
            if type(chunk) is Unread:
                try:
                    self.table_bytes(n)
                except OSError:
                    self.loaders[n].load()
        self.read_from = self.from_text = None

    def tables_from_text(self, n: int, at: int) -> list[Any]:
        """``cache_lost.tables_from_text`` of chunk ``n`` (its items from ``at``)."""
        from .cache_lost import tables_from_text

        return tables_from_text(self, n, at)

    def damaged(self) -> NoReturn:
        """A chunk that passed the entry's checksum and is not its items' tables: the entry
        goes (the next command reads the file afresh) and the command stops, as nothing can
        be told of the items without their tables."""
        from ..errors import CacheEntryDamaged
        from .cache_goals import digest_file

        for path in (
            self.entry,
            text_of(self.entry),
            blocks_of(self.entry),
            digest_file(self.entry),
        ):
            try:
                path.unlink()
            except OSError:
                pass
        raise CacheEntryDamaged(str(self.entry))

    def looked_at(self, items: list[Any]) -> Iterator[dict[str, Any]]:
        """``cache.looked_at`` of the items of the plan recalled with these chunks, as
        recalled (``same_tree``)."""
        from ..collector import paused

        starts = [0, *accumulate(self.counts)]
        inverse = self.inverse
        looked: dict[int, list[Any]] = {}  # the chunks unpickled last, the newest last
        for at, item in zip(inverse, items, strict=True):
            source = item.source
            if source is None or source.stored is not self:
                yield item.data
                continue
            n = source.n
            tables = looked.pop(n, None)
            if tables is None:
                if len(looked) >= 4:  # (a part's goals and its tasks are in chunks of their own)
                    del looked[next(iter(looked))]
                try:
                    with paused():
                        chunk = self.table_bytes(n)  # (read now, if not yet)
                        tables = tables_of(chunk) if chunk is not None else None
                except Exception:  # (checked as ``Chunk.load`` checks it, just below)
                    tables = None
                if (
                    type(tables) is not list
                    or len(tables) != self.counts[n]
                    or set(map(type, tables)) != {dict}
                ):
                    yield item.data  # (``data`` says what is wrong with the chunk)
                    continue
            looked[n] = tables
            table = tables[at - starts[n]]
            sketch = item.sketch
            if sketch is not None and table.get("id") != _ID(sketch):
                yield item.data  # (not its table: ``data`` loads the chunk, and says so)
                continue
            yield table

    def same_tree(self, items: list[Any]) -> bool:
        """Whether ``items`` (in tree order) are the tree as it was recalled: the same items,
        each under the same parent."""
        tree, parents = self.tree, self.parents
        if tree is None or parents is None or len(items) != len(tree):
            return False
        if not all(map(operator.is_, items, tree)):
            return False
        return list(map(_PARENT, items)) == list(map([*tree, None].__getitem__, parents))

    def in_order(self, items: list[Any]) -> list[Any]:
        """The items of the tree (in its order) in the entry's order of tables."""
        if self.tree is not None and len(items) == len(self.tree):
            if all(map(operator.is_, items, self.tree)):
                return self.items or []  # the tree as recalled
        out: list[Any] = [None] * len(items)
        for item, at in zip(items, self.inverse, strict=True):
            out[at] = item
        return out

    def reused(self, n: int, members: list[Any], at: int) -> bool:
        """Whether chunk ``n`` as stored still holds the tables of ``members`` (the items now
        at its places): the same items, none loaded since, or each with the very table that
        came out of it (a change replaces a table it changed: ``remember``)."""
        count = len(members)
        if self.table_chunks[n] is None:  # let go of, once loaded (``Chunk.load``)
            return False
        if self.items is not None:
            if not all(map(operator.is_, members, self.items[at : at + count])):
                return False
            if not self.loaded[n]:
                return self._readable(n)  # nothing loaded: nothing changed (``model.Item``)
        tables = [member.data for member in members]
        return all(map(operator.is_, tables, self.tables[at : at + count])) and self._readable(n)

    def _readable(self, n: int) -> bool:
        """Whether chunk ``n``'s bytes are to be had (read now, if not yet: ``Unread``); one
        not there any more is pickled anew of its tables (``tables_from_text``)."""
        try:
            return self.table_bytes(n) is not None
        except OSError:
            return False

    def kept_sketches(self, n: int, tables: list[Any], at: int) -> list[Any] | None:
        """For chunk ``n`` stored anew with ``tables`` at its places (from ``at`` in the
        entry's order): the sketch of each table that is the very one that came out of it
        (loaded while a change was made, ``Chunk.load``), as the entry keeps it, else None;
        None for all when none is. A table a change left alone has the sketch it had, and
        is not sketched anew (an item with a long log: a few of its newest entries pickled);
        the sketches are unpickled from the chunk's bytes for this alone, not kept since
        loaded (a change of a plan of 100,000 tasks would keep them all)."""
        was = self.tables[at : at + len(tables)]
        same = list(map(operator.is_, tables, was))
        if not any(same) or self.sketch_chunks[n] is None:
            return None
        from _pickle import loads

        try:
            sketches = loads(self.sketch_chunks[n])
        except Exception:  # (the entry's checksum held: only a wrong writer's)
            return None
        if type(sketches) is not list or len(sketches) != len(tables):
            return None
        return [sketch if kept else None for sketch, kept in zip(sketches, same, strict=True)]
