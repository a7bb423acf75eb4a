"""The three-way merge of a plan document: the common ancestor (base), ours and theirs, item by
item and field by field. Pure: no I/O.

- Items are matched by id, live or in the ``[[removed]]`` archive. A field changed on one side
  only takes that side's value; changed on both sides to the same value, that value; changed to
  different values, ours stays in the field and the two values are recorded in an
  ``[[item.conflict]]`` table (``field``, ``ours``, ``theirs`` and who set each, when) for
  ``plan resolve``. Unknown fields merge the same way, so they survive.
- Items added on both sides with the same id (both ran ``plan add`` under the same goal) are
  both kept: the one added later gets the next free id there, with what hangs under it, and a
  ``renumber`` entry in its log says so.
- Items keep our order, but for those only their side moved (a ``plan move``, tables
  reordered by hand), which take their place.
- With no common ancestor (two clones each made the plan before either pushed), two items
  with one id that no ``plan add`` made are one item, merged field by field.
- Logs are merged as sets: every entry of either side is kept once, those of the base in their
  order, the new ones among them in time order; an ``undone`` mark made on either side stays.
- An item removed on one side (moved to the archive) stays removed; if the other side changed
  it meanwhile, its changes and log go into the archive with it (``kept_in_archive``), and
  items the other side added under it follow it there. An item restored on one side (an undone
  removal) is live. An item deleted from the file by hand on one side is gone, unless the other
  side changed it or an item kept hangs under it: then it is kept (``kept_deleted``).
- The ``[plan]`` header merges field by field too (a conflict there is an
  ``[[plan.conflict]]`` table); other top-level tables by key (ours where both changed one).
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..model import implied_parent, same_value
from ..trace import ARCHIVE, is_record, log_of, sort_time
from .ordering import _Added, _in_order, _moved, _new_in_id_order
from .renumbering import _identity, _renumber, _renumbered_before
from .sides import MISSING, Side, fingerprint, record_tables
from .workdays import merged_workdays

ONE_MICROSECOND = dt.timedelta(microseconds=1)


@dataclass
class MergeResult:
    doc: dict[str, Any]
    # (item id, or None for the [plan] header; the conflict table written)
    conflicts: list[tuple[str | None, dict[str, Any]]] = field(default_factory=list)
    renumbered: list[tuple[str, str]] = field(default_factory=list)  # (old id, new id)
    kept_in_archive: list[str] = field(default_factory=list)
    # Deleted from the file by hand on one side, kept for the other's change, or for an item
    # the other side added under it (``plan rm`` archives: ``kept_in_archive``).
    kept_deleted: list[str] = field(default_factory=list)
    kept_ours: list[str] = field(default_factory=list)  # top-level tables both sides changed
    # Items a move of theirs was not taken for, as it would hang them under themselves with
    # ours' moves: their parent conflict is no "both set one field" (_break_loops).
    move_loops: list[str] = field(default_factory=list)
    # Every item id of base, ours and theirs as merged, after their renumbering: the ids the
    # merged document must hold (less those deleted by hand), renumbered ones by their new id.
    side_ids: list[set[str]] = field(default_factory=list)
    # Each side ("ours", "theirs") an item of which the merge gave a new id, and those old
    # ids: in that side's text such an id's table is another item's now (or none), with the
    # comments typed there.
    renumbered_on: dict[str, set[str]] = field(default_factory=dict)
    # The same, each as (its table's place among that side's tables, live then archived; its
    # id there; the id the merge gave it): what ``renamed_text`` writes into that side's text.
    renamed_on: dict[str, list[tuple[int, str, str]]] = field(default_factory=dict)
    # The side ("ours", "theirs") that kept the ids of the items added on both sides with one
    # id, whichever was added first (``merge``'s ``keep_ids``), and why (``ids_kept_for``:
    # "applied", the branch's in a git cherry-pick; "pushed", already on a remote's branch).
    ids_kept_by: str | None = None
    ids_kept_for: str = ""
    # Whether two different items were added with one id (a clash the merge settled), not
    # only ids following a renumbering an earlier merge made (``renumbered`` holds both).
    ids_clashed: bool = False


def merge(
    base: dict[str, Any] | None,
    ours: dict[str, Any],
    theirs: dict[str, Any],
    *,
    by: str,
    now: dt.datetime,
    keep_ids: str | None = None,
) -> MergeResult:
    """Merge ``ours`` and ``theirs``, both descended from ``base`` (None or {}: no common
    ancestor). The documents are not changed, but the merged one shares their tables and
    values where it takes them as they are (a plan of a thousand items merges in a moment):
    copy it before changing it. ``by`` and ``now`` stamp the trace entries the merge writes (a
    renumbering). With ``keep_ids`` ("ours" or "theirs": that side's is shared already, pushed,
    or the branch's in a git cherry-pick), an item added on both sides with one id keeps it on
    that side, whichever was added later; the other side's is renumbered."""
    b, o, t = (Side(doc or {}) for doc in (base, ours, theirs))
    result = MergeResult({}, ids_kept_by=keep_ids)
    at = _merge_at(now, [o, t])
    given = o, t
    b, o, t, made_way = _renumbered_before(b, o, t, by, at)
    o, t, result.renumbered = _renumber(b, o, t, by, at, keep_ids)
    result.ids_clashed = bool(result.renumbered)
    result.renumbered[:0] = made_way
    # (a side is copied when the merge gives any of its items a new id)
    for name, was, side in zip(("ours", "theirs"), given, (o, t), strict=True):
        if side is not was:
            result.renumbered_on[name] = {
                i for i in was.ids() if _who_is(was.state(i)[1]) != _who_is(side.state(i)[1])
            }
            # (a copy keeps the tables in their places: each renamed in place)
            result.renamed_on[name] = [
                (place, str(before.get("id")), after["id"])
                for place, (before, after) in enumerate(
                    zip(was.tables(), side.tables(), strict=False)
                )
                if before.get("id") != after.get("id") and isinstance(after.get("id"), str)
            ]
    result.side_ids = [side.ids() for side in (b, o, t)]

    doc: dict[str, Any] = {}
    for key in _keys(o.doc, t.doc, b.doc):
        if key == "plan":
            meta = _merge_header(b.doc.get(key), o.doc.get(key), t.doc.get(key), result)
            if meta is not MISSING:
                doc[key] = meta
        elif key == "item":
            doc[key] = []
        elif key == ARCHIVE:
            continue
        else:
            bv, ov, tv = (side.doc.get(key, MISSING) for side in (b, o, t))
            value, clash = _three_way(bv, ov, tv)
            if clash:
                result.kept_ours.append(key)
            if value is not MISSING:
                doc[key] = value
    items, records = _merge_items(b, o, t, result, by, at)
    if items:  # (none: no ``item = []`` line above ``[plan]``)
        doc["item"] = items
    if records:
        doc[ARCHIVE] = records
    result.doc = doc
    return result


def _who_is(table: dict[str, Any] | None) -> Any:
    """Which item a table is, whatever its id: its add entry, else its title."""
    return _identity(table) or (table or {}).get("title")


def _keys(*tables: Any) -> list[str]:
    keys: dict[str, None] = {}
    for table in tables:
        if isinstance(table, dict):
            keys.update(dict.fromkeys(table))
    return list(keys)


def _three_way(base: Any, ours: Any, theirs: Any) -> tuple[Any, bool]:
    """(the merged value, whether both sides changed it differently: then ours)."""
    if same_value(ours, theirs):
        return ours, False
    if same_value(ours, base):
        return theirs, False
    if same_value(theirs, base):
        return ours, False
    return ours, True


def _merge_at(now: dt.datetime, sides: list[Side]) -> dt.datetime:
    """The ``at`` of entries the merge writes: now, but after every entry of either side."""
    newest = max(
        (
            sort_time(entry)
            for side in sides
            for table in side.tables()
            for entry in log_of(table)
            if isinstance(entry.get("at"), dt.datetime)
        ),
        default=None,
    )
    if newest is not None and not now > newest:
        return (newest + ONE_MICROSECOND).astimezone(now.tzinfo)
    return now


# ---------------------------------------------------------------- fields and logs


def _merge_header(base: Any, ours: Any, theirs: Any, result: MergeResult) -> Any:
    if not isinstance(ours, dict) or not isinstance(theirs, dict):
        value, _ = _three_way(base, ours, theirs)
        return copy.deepcopy(value)
    base = base if isinstance(base, dict) else {}
    # [plan.workdays] merges day by day; where it does, both sides hold the merged days.
    days = merged_workdays(*(t.get("workdays", MISSING) for t in (base, ours, theirs)))
    if days is not None:
        ours, theirs = ({**t, "workdays": days} for t in (ours, theirs))
        if days is MISSING:
            ours, theirs = ({k: v for k, v in t.items() if k != "workdays"} for t in (ours, theirs))
    # The header has its log too ([[plan.log]]: plan header, plan resolve [plan]), merged as
    # an item's is, and it says who set each value of a conflict.
    merged, clashes = _merge_fields(base, ours, theirs, ours, theirs, base)
    conflicts = _merge_conflict_lists(base, ours, theirs) + clashes
    if conflicts:
        merged["conflict"] = conflicts
    log = _merge_log(base, ours, theirs)
    if log or _keeps_key("log", base, ours, theirs):
        merged["log"] = log
    result.conflicts += [(None, c) for c in clashes]
    return merged


def _merge_item(
    base: dict[str, Any] | None, ours: dict[str, Any], theirs: dict[str, Any], result: MergeResult
) -> dict[str, Any]:
    base = base or {}
    merged, clashes = _merge_fields(base, ours, theirs, ours, theirs, base)
    conflicts = _merge_conflict_lists(base, ours, theirs) + clashes
    if conflicts:
        merged["conflict"] = conflicts
    log = _merge_log(base, ours, theirs)
    if log or _keeps_key("log", base, ours, theirs):
        merged["log"] = log
    result.conflicts += [(str(merged.get("id")), c) for c in clashes]
    return merged


def _keeps_key(
    key: str, base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any]
) -> bool:
    """Does the merged table hold ``key`` (left empty by the merge), as a field merges: one side
    took it out (next year's plan from plan new has no header log), it goes; one side wrote it
    (``log = []`` typed by hand), it stays."""
    return (key in theirs) if (key in ours) == (key in base) else (key in ours)


def _merge_fields(
    base: dict[str, Any],
    ours: dict[str, Any],
    theirs: dict[str, Any],
    ours_item: dict[str, Any] | None,
    theirs_item: dict[str, Any] | None,
    base_item: dict[str, Any] | None = None,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    merged: dict[str, Any] = {}
    clashes: list[dict[str, Any]] = []
    for key in _keys(ours, theirs, base):
        if key in ("log", "conflict"):
            continue
        bv, ov, tv = (table.get(key, MISSING) for table in (base, ours, theirs))
        value, clash = _three_way(bv, ov, tv)
        if clash:
            clashes.append(_conflict_record(key, ov, tv, ours_item, theirs_item, base_item))
        if value is not MISSING:
            merged[key] = value
    return merged, clashes


def _conflict_record(
    key: str,
    ours: Any,
    theirs: Any,
    ours_item: dict[str, Any] | None,
    theirs_item: dict[str, Any] | None,
    base_item: dict[str, Any] | None,
) -> dict[str, Any]:
    """The ``[[item.conflict]]`` table: the field, both values (a side without the field has
    none), and who set each and when, where the trace says."""
    record: dict[str, Any] = {"field": key}
    for name, value, item in (("ours", ours, ours_item), ("theirs", theirs, theirs_item)):
        if value is not MISSING:
            record[name] = copy.deepcopy(value)
        who = _who(item, base_item, key) if item is not None else None
        if who is not None:
            record[f"{name}_by"], record[f"{name}_at"] = who
    return record


def _who(
    table: dict[str, Any], base: dict[str, Any] | None, key: str
) -> tuple[str, dt.datetime] | None:
    """Who set ``key`` on this side, and when: its newest entry since the base that changed it.
    Not an undo, which sets back what the change it undid found (``trace.is_record``): the
    value is the one set before, by whom and when it was set; naming the undo dated the
    conflict at it, so that no view of the days between had it."""
    old = {fingerprint(e) for e in log_of(base or {})}
    for entry in reversed(log_of(table)):
        if fingerprint(entry) in old or not is_record(entry):
            continue
        sides = [entry.get(side) for side in ("before", "after")]
        if any(isinstance(s, dict) and key in s for s in sides):
            by, at = entry.get("by"), entry.get("at")
            if isinstance(by, str) and isinstance(at, dt.datetime):
                return by, at
            return None
    return None


def _merge_conflict_lists(
    base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any]
) -> list[dict[str, Any]]:
    """Conflicts recorded before: one settled on either side is gone, a new one on either side
    is kept."""

    def listed(table: dict[str, Any]) -> list[dict[str, Any]]:
        value = table.get("conflict")
        return [c for c in value if isinstance(c, dict)] if isinstance(value, list) else []

    base_keys = {fingerprint(c) for c in listed(base)}
    ours_keys = {fingerprint(c) for c in listed(ours)}
    theirs_keys = {fingerprint(c) for c in listed(theirs)}
    kept = [
        c for c in listed(ours) if fingerprint(c) not in base_keys or fingerprint(c) in theirs_keys
    ]
    kept += [
        c
        for c in listed(theirs)
        if fingerprint(c) not in base_keys and fingerprint(c) not in ours_keys
    ]
    return copy.deepcopy(kept)


def _entry_key(entry: dict[str, Any]) -> Any:
    return fingerprint({k: v for k, v in entry.items() if k != "undone"})


def _renumbering(entry: dict[str, Any]) -> Any:
    """What a merge's renumber entry says (the ids before and after, its note), without who
    ran the merge and when; None for any other entry."""
    if entry.get("action") != "renumber":
        return None
    return fingerprint({k: v for k, v in entry.items() if k in ("before", "after", "note")})


def _merge_log(
    base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any]
) -> list[dict[str, Any]]:
    """Every entry once: the base's in their order (an entry deleted by hand on one side
    goes), the new ones of both sides among them in time order; an undo mark from either side stays."""
    ours_log, theirs_log = log_of(ours), log_of(theirs)
    ours_by = {_entry_key(e): e for e in ours_log}
    theirs_by = {_entry_key(e): e for e in theirs_log}

    def marked(entry: dict[str, Any], *others: dict[str, Any] | None) -> dict[str, Any]:
        for other in others:
            if other is not None and "undone" in other and "undone" not in entry:
                return {**entry, "undone": other["undone"]}
        return entry

    merged: list[dict[str, Any]] = []
    base_keys = set()
    for entry in log_of(base):
        key = _entry_key(entry)
        base_keys.add(key)
        if key in ours_by and key in theirs_by:
            merged.append(marked(ours_by[key], theirs_by[key]))
    new = [
        marked(e, theirs_by.get(_entry_key(e))) for e in ours_log if _entry_key(e) not in base_keys
    ]
    # A renumbering both sides' merges made (a criss-cross: each office merged the other's
    # commit before pushing) is one fact, said once: theirs goes where ours says the same.
    ours_renumbered = {_renumbering(e) for e in ours_log} - {None}
    new += [
        e
        for e in theirs_log
        if _entry_key(e) not in base_keys
        and _entry_key(e) not in ours_by
        and _renumbering(e) not in ours_renumbered
    ]
    new.sort(key=sort_time)  # stable: ours first where two were written at the same moment
    # Each new entry goes in its time's place among the base's (heapq.merge keeps the base's
    # order, and the base's first where two tie): an old entry corrected by hand on one side
    # (a typo in a note) is no newer than it was.
    from heapq import merge as in_time

    return list(in_time(merged, new, key=sort_time))


# ---------------------------------------------------------------- items and the archive


def _fate(
    b: tuple[str | None, dict[str, Any] | None],
    o: tuple[str | None, dict[str, Any] | None],
    t: tuple[str | None, dict[str, Any] | None],
) -> tuple[str | None, bool]:
    """Where an item ends up: "live", "archived" or None (gone: deleted from the file by hand
    on one side and unchanged on the other); and whether it was removed on one side and
    changed on the other."""
    if o[0] == t[0]:
        return o[0], False
    if o[0] is None or t[0] is None:
        present = o if o[0] is not None else t
        if b[0] is None:
            return present[0], False  # new on one side
        if present[0] == b[0] and same_value(present[1], b[1]):
            return None, False  # deleted by hand on one side, untouched on the other
        return present[0], False
    if b[0] == "archived":
        return "live", False  # a removal undone on one side
    live = o if o[0] == "live" else t
    return "archived", b[0] == "live" and not same_value(live[1], b[1])


def _keep_parents(
    gone: dict[str, tuple[str, dict[str, Any]]],
    fates: dict[str, str],
    tables: dict[str, dict[str, Any]],
    result: MergeResult,
) -> None:
    """An item deleted by hand on one side (``gone``) that an item kept hangs under (one the
    other side added under it, or changed) is kept too, as it was, and its parent so on up:
    without it the merged plan had an item under a parent that is not there, and git was told
    the merge failed."""
    # (Not for an item in the archive: its record keeps it whole, and a goal deleted by hand
    # whose task the other side removed would come back as a task of its own.)
    wanted = [
        table.get("parent", implied_parent(i))
        for i, table in tables.items()
        if fates.get(i) == "live"
    ]
    while wanted:
        parent = wanted.pop()
        if not isinstance(parent, str) or parent not in gone or parent in fates:
            continue
        fates[parent], tables[parent] = gone.pop(parent)
        if fates[parent] == "live":
            result.kept_deleted.append(parent)
        wanted.append(tables[parent].get("parent", implied_parent(parent)))


def _merge_items(
    b: Side, o: Side, t: Side, result: MergeResult, by: str, at: dt.datetime
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    ids = list(dict.fromkeys([*o.live, *t.live, *b.live, *o.archived, *t.archived, *b.archived]))
    fates: dict[str, str] = {}
    tables: dict[str, dict[str, Any]] = {}
    # Deleted by hand on one side and untouched on the other: gone, unless an item kept
    # hangs under it (below).
    gone: dict[str, tuple[str, dict[str, Any]]] = {}
    for item_id in ids:
        states = b.state(item_id), o.state(item_id), t.state(item_id)
        fate, kept = _fate(*states)
        (base_fate, base_table), (_, ours_table), (_, theirs_table) = states
        if fate is None:
            if base_fate is not None and base_table is not None:
                gone[item_id] = base_fate, base_table
            continue
        fates[item_id] = fate
        if kept:
            result.kept_in_archive.append(item_id)
        if ours_table is None or theirs_table is None:
            present = ours_table if ours_table is not None else theirs_table
            assert present is not None
            tables[item_id] = present
            if base_fate is not None and fate == "live":  # changed on the side that kept it
                result.kept_deleted.append(item_id)
        elif same_value(ours_table, theirs_table) or same_value(theirs_table, base_table):
            tables[item_id] = ours_table  # most items: changed on one side at most
        elif same_value(ours_table, base_table):
            tables[item_id] = theirs_table
        else:
            tables[item_id] = _merge_item(base_table, ours_table, theirs_table, result)

    _break_loops(b, o, t, fates, tables, result)
    _keep_parents(gone, fates, tables, result)

    # An item live here whose parent went to the archive (removed on one side while the other
    # added or moved it there) follows its parent into the archive.
    followers: dict[str, list[str]] = {}
    moved = True
    while moved:
        moved = False
        for item_id, fate in fates.items():
            if fate != "live":
                continue
            table = tables[item_id]
            parent = table.get("parent", implied_parent(item_id))
            if isinstance(parent, str) and fates.get(parent) == "archived":
                fates[item_id] = "archived"
                followers.setdefault(parent, []).append(item_id)
                result.kept_in_archive.append(item_id)
                moved = True

    # Our order, less the items only their side moved (plan move hangs an item last under its
    # new parent; a clerk reorders tables in an editor): those go where theirs has them, as
    # items only they added do, after the item before them in their order.
    theirs_order = [i for i in t.live if fates.get(i) == "live"]
    ours_order = [i for i in o.live if fates.get(i) == "live"]
    moved_by_them = {  # not a move of theirs the merge did not take (a conflict on parent)
        i
        for i in _moved(b, ours_order, theirs_order)
        if same_value(
            tables[i].get("parent", implied_parent(i)),
            t.live[i].get("parent", implied_parent(i)),
        )
    }
    base_ids = b.ids()
    order = _in_order(
        ours_order,
        theirs_order,
        fates,
        moved_by_them,
        lambda i: tables[i].get("parent", implied_parent(i)),
        lambda i: t.live[i].get("parent", implied_parent(i)),
        added=_Added(set(o.live) - base_ids - set(t.live), set(t.live) - base_ids, tables),
    )
    # (and those a merge renumbered before: in a rebase, one of our commits merged earlier,
    # which the base of the next one has)
    renumbered = {i for i in order if any(e.get("action") == "renumber" for e in log_of(tables[i]))}
    order = _new_in_id_order(
        order,
        (set(o.live) | set(t.live)) - base_ids | renumbered,
        lambda i: tables[i].get("parent", implied_parent(i)),
    )
    items = [tables[i] for i in order]

    records: list[dict[str, Any]] = []
    homed: set[str] = set()

    def home(record: dict[str, Any], item_id: str) -> None:
        if item_id in homed or fates.get(item_id) != "archived":
            return
        homed.add(item_id)
        record["item"].append(tables[item_id])

    def followed(record: dict[str, Any]) -> None:
        """The items that follow those of the record into the archive, after them all (an
        item the other side added under a goal removed comes back last under it)."""
        for table in record["item"]:  # (it grows: a follower's own followers come too)
            for follower in followers.get(table["id"], []):
                home(record, follower)

    # The records of one removal on either side, by what they say beside their tables (each
    # record's fingerprint made once: not once a record for every record, a long archive's
    # square).
    versions_of: dict[Any, list[dict[str, Any]]] = {}
    for record in [*o.records, *t.records]:
        key = fingerprint({k: v for k, v in record.items() if k != "item"})
        versions_of.setdefault(key, []).append(record)
    for versions in versions_of.values():
        record = versions[0]
        out = {k: copy.deepcopy(v) for k, v in record.items() if k != "item"}
        out["item"] = []
        for version in versions:
            for table in record_tables(version):
                if isinstance(table.get("id"), str):
                    home(out, table["id"])
        followed(out)
        if out["item"]:
            records.append(out)
    for item_id, fate in fates.items():  # archived, but in no record of either side
        if fate == "archived" and item_id not in homed:
            table = tables[item_id]
            parent = table.get("parent", implied_parent(item_id))
            record = {
                "at": at,
                "by": by,
                "action": "merge",
                "parent": parent if isinstance(parent, str) else "",
                "position": 0,
                "item": [],
            }
            home(record, item_id)
            followed(record)
            records.append(record)
    return items, records


def _break_loops(
    b: Side,
    o: Side,
    t: Side,
    fates: dict[str, str],
    tables: dict[str, dict[str, Any]],
    result: MergeResult,
) -> None:
    """Two moves, each fine on its side, can hang two items under each other (ours moved A
    under B, theirs B under A). Such a move of theirs is not taken: the item keeps our parent,
    and the move is recorded as a conflict on ``parent``."""

    def parent_of(item_id: str) -> Any:
        return tables[item_id].get("parent", implied_parent(item_id))

    for start in list(tables):
        seen: list[str] = []
        node = start
        while fates.get(node) == "live" and node not in seen:
            seen.append(node)
            node = parent_of(node)
        if not isinstance(node, str) or node not in seen:
            continue
        loop = seen[seen.index(node) :]
        moved = [
            i
            for i in loop
            if not same_value(
                tables[i].get("parent", MISSING), o.live.get(i, {}).get("parent", MISSING)
            )
        ]
        for item_id in moved[:1] or loop[:1]:
            table = tables[item_id] = dict(tables[item_id])  # it may be a side's own table
            ours_table, theirs_table = o.state(item_id)[1], t.state(item_id)[1]
            ours_parent = (ours_table or {}).get("parent", MISSING)
            theirs_parent = (theirs_table or {}).get("parent", MISSING)
            if ours_parent is MISSING:
                table.pop("parent", None)
            else:
                table["parent"] = copy.deepcopy(ours_parent)
            if not isinstance(theirs_parent, str):  # pragma: no cover - theirs moved it
                theirs_parent = implied_parent(item_id)
            record = _conflict_record(
                "parent",
                ours_parent if ours_parent is not MISSING else implied_parent(item_id),
                theirs_parent,
                ours_table,
                theirs_table,
                b.state(item_id)[1],
            )
            table["conflict"] = [*(table.get("conflict") or []), record]
            result.conflicts.append((item_id, record))
            result.move_loops.append(item_id)
