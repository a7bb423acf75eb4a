"""What a change did to a plan, found without a deep copy of the plan. Pure: no I/O.

A change edits the plan's tables in place, but never a value inside them: it sets a key to a new
value, a log grows as a new list, an entry marked undone is a new dict (see ``changes``, "Changes
set, never edit in place"). So a shallow copy of every table, taken before the change in a few
passes that run in C, is each table as it was; after the change, a table equal to its copy was
not touched (and every table a change touches gets a log entry, so its log differs). ``Before``
holds those copies, the tree (items in order with their parents) and the header, the other
top-level tables and the archive; ``Before.delta`` says which tables changed and whether the
change was *structural*: items came, went or moved, an id or a parent changed, the archive or
another top-level table changed. A change that is not structural touched a few tables, each
still where it was in the file, and only those need checking (``guard``) and rewriting
(``patch.patch_changed``); a structural one takes the whole way, with the document as it was
read rebuilt from the copies (``Before.read_doc``).

The store takes the copies when it makes a change (``plan_file.update``) and makes them known to
``guard.checked`` for that plan (``taking``/``taken``): the plan it read is valid, so checking
what changed is checking the whole. A plan nobody vouched for is checked whole.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from itertools import compress, islice
from typing import Any

from .model import Item, Plan
from .slotted import Plain

ARCHIVE = "removed"

_DATA = operator.attrgetter("data")
_SKETCH = operator.attrgetter("sketch")
_MISSING = object()


class Delta(Plain):
    """What a change did: ``structural`` (see the module), else the items whose tables changed
    (tree order), each with its table as it was, and whether the header ([plan]) changed.
    ``added``: of a structural change that did nothing but add one item with nothing under it
    (``plan add``), that item: every other item is where it was, under the same parent, with
    its table as read, and the header, the archive and the other top-level tables are as read
    (``guard`` checks the new item alone, ``plan_file`` writes its block alone)."""

    __slots__ = ("structural", "changed", "meta", "added")

    def __init__(
        self,
        structural: bool,
        changed: list[tuple[Item, dict[str, Any]]] | None = None,
        meta: bool = False,
        added: Item | None = None,
    ):
        self.structural = structural
        self.changed = [] if changed is None else changed
        self.meta = meta
        self.added = added

    @property
    def nothing(self) -> bool:
        return not self.structural and not self.changed and not self.meta


def changed_keys(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """The keys of a table given a new value, added or removed (a value set anew counts, equal
    or not: a change sets only what it changes)."""
    return [
        key
        for key in dict.fromkeys([*old, *new])
        if old.get(key, _MISSING) is not new.get(key, _MISSING)
    ]


def _nones(values: list[Any]) -> list[int]:
    """Where None is among ``values``, in order: found by ``list.index``, which makes no number
    for each place passed over as ``compress(range(...))`` does (most of the 7 M instructions
    of finding the few items of 10,000 whose tables a change loaded)."""
    places: list[int] = []
    index, at = values.index, -1
    try:
        while True:
            at = index(None, at + 1)
            places.append(at)
    except ValueError:
        return places


class Before:
    """A plan as it was before a change (see the module). ``items``: its items in tree order,
    where the caller has them (``cache.recalled_tree``); ``after``: those once the change is
    made (``delta``)."""

    def __init__(self, plan: Plan, items: list[Item] | None = None, unloaded: bool = False):
        self.plan = plan
        self._delta: Delta | None = None
        self.items = plan.item_list() if items is None else items
        self.after: list[Item] | None = None
        # (a list made by a comprehension: Python reads a slot of each item faster so than
        # through an attrgetter, 1.5 M instructions against 3.7 M at 10,000 tasks)
        self.parents = [item.parent for item in self.items]
        # Items recalled from the parse cache whose tables are not loaded (``model.Item``):
        # None here, their copies taken as they load (``_loaded``) while the change is made. An
        # item loaded later (after the change) or never is as it was read. ``unloaded``: the
        # items as recalled, no table loaded yet (``cache.recalled_tree``): each has its sketch,
        # and none is looked at for one.
        self.lazy = bool(self.items) if unloaded else any(map(_SKETCH, self.items))
        # The tables loaded while the change is made, with their copies, by ``id`` of their
        # item (``_loaded``), until ``_settled`` puts them in their places: no map of every
        # item's place is made for the few loaded.
        self._early: dict[int, tuple[dict[str, Any], dict[str, Any]]] = {}
        if self.lazy:
            self.tables: list[Any] = [None] * len(self.items)
            self.copies: list[Any] = [None] * len(self.items)
            if not unloaded:
                self._settled()
        else:
            self.tables = list(map(_DATA, self.items))
            self.copies = list(map(dict.copy, self.tables))
        self.meta = plan.meta
        self.meta_copy = dict(plan.meta)
        self.extra = dict(plan.extra)
        records = plan.extra.get(ARCHIVE)
        self.records = list(records) if isinstance(records, list) else None
        self.archived = [(table, dict(table)) for table in _archived(self.records)]

    def delta(self) -> Delta:
        """What the change made of the plan since these copies (worked out once: call it when
        the change is done)."""
        if self._delta is None:
            self._delta = self._find()
            if self._delta.structural:
                # Written whole (``plan_file.save``), never stored in the parse cache from
                # here: a chunk of tables loaded from now on is not kept as its bytes to be
                # stored again (``store.cache_stored.Chunk``), as for a read (12 MB at 100,000 tasks).
                from .sketches import LOAD_WATCHERS

                if self._loaded in LOAD_WATCHERS:
                    LOAD_WATCHERS.remove(self._loaded)
        return self._delta

    def _loaded(self, items: list[Item]) -> None:
        """Copies of the tables of these items, just loaded (as they were read). Once the
        change is done (``delta`` found), a table loaded is as read: no copy is taken
        (``_copy``), and ``_settled`` finds it, as it finds any item loaded."""
        if self._delta is not None:
            return
        early = self._early
        for item in items:
            table = item.data
            early[id(item)] = (table, dict.copy(table))

    def _copy(self, table: dict[str, Any]) -> dict[str, Any]:
        """The copy of a table loaded since these copies were taken and not yet copied: while
        the change is made, a copy; once it is done (``delta`` found), the table itself, as
        read (a table loaded after the change was not changed; nothing edits it since): a
        structural change of a long plan, which loads every table, takes no second copy."""
        return table if self._delta is not None else dict.copy(table)

    def _settled(self) -> list[int]:
        """The places of the items whose tables are loaded, their tables and copies filled in
        for those loaded since the change (as read: a table loaded after the change was not
        changed); the other items' tables are as read, unloaded."""
        if not self.lazy:
            return list(range(len(self.items)))
        places = _nones([item.sketch for item in self.items])  # (see ``parents``)
        early = self._early
        for n in places:
            if self.tables[n] is None:
                item = self.items[n]
                taken = early.pop(id(item), None) if early else None
                if taken is not None:  # loaded while the change was made: copied then
                    self.tables[n], self.copies[n] = taken
                else:
                    table = item.data
                    self.tables[n], self.copies[n] = table, self._copy(table)
        return places

    def _whole(self) -> None:
        """Every table loaded and copied (for what needs them all)."""
        if self.lazy:
            for n, item in enumerate(self.items):
                if self.tables[n] is None:
                    item.data  # noqa: B018 - loaded (copied as it loads, during the change)
            self._settled()
            self.lazy = False

    def _find(self) -> Delta:
        plan = self.plan
        items = self.after = plan.item_list()
        places = self._settled()
        added = _one_added(items, self.items)
        if added is not None:  # the other items, to be compared with those before
            items = [item for item in items if item is not added]
        if (
            items != self.items  # Items compare as themselves
            or [item.parent for item in items] != self.parents  # (each its own: as ``is``)
            or not all(
                map(
                    operator.is_,
                    map(_DATA, map(items.__getitem__, places)),
                    map(self.tables.__getitem__, places),
                )
            )
            or plan.meta is not self.meta
            or plan.extra != self.extra
            or not _same_records(plan.extra.get(ARCHIVE), self.records)
            or any(table != copy for table, copy in self.archived)
        ):
            return Delta(True)
        if len(places) == len(items):
            changed = [
                (self.items[n], self.copies[n])
                for n in compress(range(len(items)), map(operator.ne, self.copies, self.tables))
            ]
        else:  # an item whose table was never loaded was not changed
            changed = [
                (self.items[n], self.copies[n]) for n in places if self.copies[n] != self.tables[n]
            ]
        if added is not None:
            meta_changed = plan.meta != self.meta_copy
            return Delta(True, added=None if changed or meta_changed else added)
        for item, old in changed:
            keys = changed_keys(old, item.data)
            if "id" in keys or "parent" in keys:
                return Delta(True)
        return Delta(False, changed, plan.meta != self.meta_copy)

    def read_doc(self) -> dict[str, Any]:
        """The document as the file was read (``Plan.file_doc`` before the change): the copies,
        in the file's order."""
        self._whole()
        places = [-1 if item.index is None else item.index for item in self.items]
        order = sorted(range(len(self.items)), key=places.__getitem__)
        extra = dict(self.extra)
        if self.records is not None:
            copies = {id(table): copy for table, copy in self.archived}
            extra[ARCHIVE] = [_record_as_read(record, copies) for record in self.records]
        return {"plan": self.meta_copy, "item": [self.copies[n] for n in order], **extra}

    def ids_read(self) -> list[Any]:
        """Every item id as read, live and archived (``guard.item_counts`` before the change)."""
        self._settled()
        ids = [
            copy.get("id") if copy is not None else item.id  # (an item not loaded: its sketch says)
            for copy, item in zip(self.copies, self.items, strict=True)
        ]
        ids += [copy.get("id") for _, copy in self.archived]
        return ids

    def as_read(self) -> set[int]:
        """The ``id`` of the tables of the items (in the plan now) that are as they were read,
        the same table unchanged (``guard``: valid as read); call it when the change is done."""
        places = self._settled()
        items, tables, copies = self.items, self.tables, self.copies
        return {
            id(tables[n])
            for n in places
            if items[n].data is tables[n] and (copies[n] is tables[n] or copies[n] == tables[n])
        }

    def in_conflict(self, tables: list[dict[str, Any]] | None = None) -> list:
        """``merging.conflicts.pending`` as it was before the change: the tables (of
        ``tables``, by default all) that had a ``conflict`` key, with their logs' lengths."""
        from .sketches import CONFLICT, SKETCH_CONFLICT
        from .trace import log_of

        found = [(self.meta, self.meta_copy)] if CONFLICT in self.meta_copy else []
        if tables is None:
            if self.lazy:  # the tables of items in conflict loaded (their sketches say which)
                for item, table in zip(self.items, self.tables, strict=True):
                    sketch = item.sketch
                    if table is None and sketch is not None:
                        if sketch[4] & SKETCH_CONFLICT:
                            item.data  # noqa: B018 - loaded
                self._settled()
            found += [
                (t, c)
                for t, c in zip(self.tables, self.copies, strict=True)
                if c is not None and CONFLICT in c
            ]
            found += [(t, c) for t, c in self.archived if CONFLICT in c]
        else:
            # The copies of the tables asked about: those the change touched are known to the
            # delta (a long plan's ten thousand are not put in a dict for them), else all.
            changed = self._delta.changed if self._delta is not None else []
            copies = {id(item.data): copy for item, copy in changed}
            copies.update((id(table), copy) for table, copy in self.archived)
            if any(id(t) not in copies for t in tables):
                self._settled()
                copies.update(
                    (id(t), c)
                    for t, c in zip(self.tables, self.copies, strict=True)
                    if t is not None
                )
            found += [(t, copies[id(t)]) for t in tables if CONFLICT in copies.get(id(t), {})]
        return [(table, len(log_of(copy))) for table, copy in found]


def _one_added(items: list[Item], before: list[Item]) -> Item | None:
    """The one item of ``items`` (the tree after a change, in its order) that is not in
    ``before`` (the tree before it) when the others are those of ``before`` in the same order:
    a new item, loaded (its own table), with nothing under it; else None. (Whether each item is still under the same parent is for the caller.)"""
    if len(items) != len(before) + 1:
        return None
    at = next(
        (n for n, same in enumerate(map(operator.is_, items, before)) if not same), len(before)
    )
    item = items[at]
    if item.children or item.sketch is not None:
        return None
    if not all(map(operator.is_, islice(items, at + 1, None), islice(before, at, None))):
        return None
    return item


def _archived(records: list[Any] | None) -> Iterator[dict[str, Any]]:
    for record in records or []:
        if isinstance(record, dict) and isinstance(record.get("item"), list):
            for table in record["item"]:
                if isinstance(table, dict):
                    yield table


def _same_records(now: Any, then: list[Any] | None) -> bool:
    if then is None:
        return now is None
    return (
        isinstance(now, list)
        and len(now) == len(then)
        and all(map(operator.is_, now, then))  # a record is never edited in place
    )


def _record_as_read(record: Any, copies: dict[int, dict[str, Any]]) -> Any:
    if not (isinstance(record, dict) and isinstance(record.get("item"), list)):
        return record
    tables = [copies.get(id(t), t) if isinstance(t, dict) else t for t in record["item"]]
    return {**record, "item": tables}


# The copies the store took of the plan a change is being made on (see ``taking``).
_TAKEN: ContextVar[Before | None] = ContextVar("quanhu_plan_before", default=None)


@contextmanager
def taking(plan: Plan, items: list[Item] | None = None, unloaded: bool = False) -> Iterator[Before]:
    """Copies of ``plan`` (valid, as read; ``items`` and ``unloaded``: see ``Before``) known to
    ``taken`` while the change is made."""
    from .sketches import LOAD_WATCHERS

    before = Before(plan, items, unloaded)
    token = _TAKEN.set(before)
    if before.lazy:
        LOAD_WATCHERS.append(before._loaded)
    try:
        yield before
    finally:
        _TAKEN.reset(token)
        if before._loaded in LOAD_WATCHERS:
            LOAD_WATCHERS.remove(before._loaded)


def taken(plan: Plan) -> Before | None:
    """The copies taken of this very plan by ``taking``, else None."""
    before = _TAKEN.get()
    return before if before is not None and before.plan is plan else None
