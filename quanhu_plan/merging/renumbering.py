"""Items added on both sides of a merge with the same id (both ran ``plan add`` under the same
goal): both are kept, the one added later renumbered to the next free id there, with what hangs
under it (``three_way``). Pure: no I/O."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from ..model import MAX_ID_DIGITS, id_order, same_value
from ..trace import log_of, sort_time
from .sides import Side


def _id_order(item_id: str) -> tuple[int, list[tuple[int, int, str]]]:
    """Shallower first, then as numbered (``model.id_order``)."""
    return item_id.count(".") + 1, id_order(item_id)


def _added_at(table: dict[str, Any] | None) -> dt.datetime:
    log = log_of(table or {})
    adds = [e for e in log if e.get("action") == "add"] or log
    return min((sort_time(e) for e in adds), default=sort_time({}))


def _same_item(
    a: dict[str, Any] | None, b: dict[str, Any] | None, no_ancestor: bool = False
) -> bool:
    """Whether two items with one id, both new since the base, are the same item (a change
    both sides took from elsewhere): the same table, or the same ``add`` entry. With no common
    ancestor (two clones each made the plan, by plan init or import, before either pushed),
    also two that no plan add made: both are the item of the plan both were made from."""
    if a is None or b is None or same_value(a, b):
        return True
    first = [next((e for e in log_of(t) if e.get("action") == "add"), None) for t in (a, b)]
    if no_ancestor and first == [None, None]:
        return True
    return (
        first[0] is not None
        and first[1] is not None
        and same_value(first[0].get("at"), first[1].get("at"))
        and same_value(first[0].get("by"), first[1].get("by"))
    )


def _fresh_id(item_id: str, taken: set[str]) -> str:
    """The next free id beside ``item_id``: one more than the highest number used under its
    parent (1.4 -> 1.6 when 1.5 is used anywhere); ``A`` -> ``A-2`` for an id not numbered."""

    def free(candidate: str) -> bool:
        return candidate not in taken and not any(t.startswith(candidate + ".") for t in taken)

    parent, _, last = item_id.rpartition(".")
    prefix = parent + "." if parent else ""
    if last.isascii() and last.isdigit():
        numbers = [
            int(rest)
            for t in taken
            if t.startswith(prefix)
            and (rest := t[len(prefix) :]).isascii()
            and rest.isdigit()
            and len(rest) <= MAX_ID_DIGITS  # (as plan add counts: structure.next_id)
        ]
        number = max(numbers, default=0) + 1
        while not free(f"{prefix}{number}"):  # pragma: no cover - max + 1 is free
            number += 1
        return f"{prefix}{number}"
    number = 2
    while not free(f"{item_id}-{number}"):
        number += 1
    return f"{item_id}-{number}"


def _renumber(
    b: Side, o: Side, t: Side, by: str, at: dt.datetime, keep_ids: str | None = None
) -> tuple[Side, Side, list[tuple[str, str]]]:
    """Give the later of two different items added with one id on both sides a fresh id (on a
    copy of that side: the documents given are not changed); with ``keep_ids`` ("ours" or
    "theirs"), the other side's, whichever was added first (that side's is shared already:
    pushed, or a cherry-pick's HEAD)."""
    base_ids = b.ids()
    no_ancestor = not b.doc
    done: list[tuple[str, str]] = []
    copied: set[int] = set()
    while True:
        new_ours, new_theirs = o.ids() - base_ids, t.ids() - base_ids
        clashes = sorted(
            (
                item_id
                for item_id in new_ours & new_theirs
                if not _same_item(o.state(item_id)[1], t.state(item_id)[1], no_ancestor)
            ),
            key=_id_order,
        )
        if not clashes:
            return o, t, done
        item_id = clashes[0]
        if keep_ids is not None:
            theirs_moves = keep_ids == "ours"
        else:
            theirs_moves = _added_at(t.state(item_id)[1]) >= _added_at(o.state(item_id)[1])
        if theirs_moves:
            if id(t) not in copied:
                t = Side(copy.deepcopy(t.doc))
                copied.add(id(t))
            later = t
        else:
            if id(o) not in copied:
                o = Side(copy.deepcopy(o.doc))
                copied.add(id(o))
            later = o
        new_id = _fresh_id(item_id, base_ids | o.ids() | t.ids())
        mapping = {
            old: new_id + old[len(item_id) :]
            for old in later.ids() - base_ids
            if old == item_id or old.startswith(item_id + ".")
        }
        _rename(later, mapping, by, at)
        done += sorted(mapping.items(), key=lambda pair: _id_order(pair[0]))


def _identity(table: dict[str, Any] | None) -> tuple[Any, Any] | None:
    """Which item a table is, whatever its id: when and by whom plan add made it."""
    added = next((e for e in log_of(table or {}) if e.get("action") == "add"), None)
    if added is None or not isinstance(added.get("at"), dt.datetime):
        return None
    return added["at"], added.get("by")


def _renumbered_before(
    b: Side, o: Side, t: Side, by: str, at: dt.datetime
) -> tuple[Side, Side, Side, list[tuple[str, str]]]:
    """Follow a renumbering an earlier merge made on one side since the base: in git pull
    --rebase, each of our commits is merged in turn, and once the first has renumbered our
    1.1.3 to 1.1.4 (theirs took 1.1.3), the next still has our item as 1.1.3, and its
    changes to it would go to theirs. The base and the other side get the new id too (on
    copies), where the item at the old id is the one renumbered (the same add entry). Also
    returned: the (old, new) ids of the items of the other side that made way for it."""
    sides = [b, o, t]
    made_way: list[tuple[str, str]] = []
    for this, other in ((1, 2), (2, 1)):
        mapping: dict[str, tuple[str, Any]] = {}
        for table in sides[this].tables():
            now_id = table.get("id")
            for entry in log_of(table):
                before = entry.get("before")
                if entry.get("action") != "renumber" or not isinstance(before, dict):
                    continue
                old, who = before.get("id"), _identity(table)
                if (
                    isinstance(old, str)
                    and isinstance(now_id, str)
                    and old != now_id
                    and who is not None
                    # renumbered since the base: there it is still at the old id (its new id
                    # may be another item's there, one renumbered after it: 1.4 -> 1.5 -> 1.6)
                    and _identity(b.state(old)[1]) == who
                ):
                    mapping[old] = (now_id, who)
        for k in (0, other):
            renamed = {
                old: new
                for old, (new, who) in mapping.items()
                if _identity(sides[k].state(old)[1]) == who
            }
            children: dict[str, str] = {}
            if k == other:
                # An item this side added under the renumbered one since the base (1.4.1,
                # by plan add after the renumbering merge, or in a later commit of a rebase)
                # hangs under it by its id: it is renumbered with it, and says so in its log.
                children = {
                    child: new + child[len(old) :]
                    for old, new in renamed.items()
                    for child in sides[k].ids() - b.ids()
                    if child.startswith(old + ".") and child not in renamed
                }
            if renamed or children:
                sides[k] = Side(copy.deepcopy(sides[k].doc))
                # This side's own item at a new id (its next add took 1.1.4 while 1.1.3 was
                # still its own) makes way first: it gets the next free id, as a clash would.
                moving = {**renamed, **children}
                made = _made_way(sides[k], moving, [b, o, t])
                _rename(sides[k], made, by, at)
                made_way += made.items()
                _rename(sides[k], renamed, by, at, traced=False)
                _rename(sides[k], children, by, at)
    return sides[0], sides[1], sides[2], made_way


def _made_way(side: Side, moving: dict[str, str], sides: list[Side]) -> dict[str, str]:
    """Fresh ids for the items of ``side`` that stand where ``moving`` takes others (at a new
    id or under it), with what hangs under them."""
    taken = set(moving.values()).union(*(s.ids() for s in sides))
    standing = sorted(
        (
            item_id
            for item_id in side.ids()
            if item_id not in moving
            and any(item_id == new or item_id.startswith(new + ".") for new in moving.values())
        ),
        key=_id_order,
    )
    made: dict[str, str] = {}
    for item_id in standing:
        above = next((old for old in made if item_id.startswith(old + ".")), None)
        if above is not None:  # under one that made way: it goes with it
            made[item_id] = made[above] + item_id[len(above) :]
            continue
        made[item_id] = _fresh_id(item_id, taken)
        taken.add(made[item_id])
    return made


def _lang(doc: dict[str, Any]) -> str:
    meta = doc.get("plan")
    return "en" if isinstance(meta, dict) and meta.get("lang") == "en" else "zh"


def _rename(
    side: Side, mapping: dict[str, str], by: str, at: dt.datetime, traced: bool = True
) -> None:
    for table in side.tables():
        old = table.get("id")
        parent = table.get("parent")
        if isinstance(parent, str) and parent in mapping:
            table["parent"] = mapping[parent]
        for entry in log_of(table):
            for key in ("before", "after"):
                fields = entry.get(key)
                if isinstance(fields, dict) and fields.get("parent") in mapping:
                    fields["parent"] = mapping[fields["parent"]]
        if isinstance(old, str) and old in mapping:
            table["id"] = mapping[old]
            log = table.setdefault("log", []) if traced else None
            if isinstance(log, list):
                log.append(
                    {
                        "at": at,
                        "by": by,
                        "action": "renumber",
                        "note": (
                            f"合并时编号 {old} 已被另一方新增的事项使用，改为 {mapping[old]}。"
                            if _lang(side.doc) == "zh"
                            else f"Renumbered in a merge: {old} was taken by an item added "
                            f"on the other side; now {mapping[old]}."
                        ),
                        "before": {"id": old},
                        "after": {"id": mapping[old]},
                    }
                )
    for record in side.records:
        if record.get("parent") in mapping:
            record["parent"] = mapping[record["parent"]]
    side.index()
