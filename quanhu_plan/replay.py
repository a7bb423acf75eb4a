"""The plan as it stood at the end of a day, replayed from the trace: what every read command
shows with ``--as-of``. Pure: no I/O.

One function, ``plan_as_of``, so that status, list, show, the report and every export agree on
what "as at a date" means:

- a field has the value the last change counting by then gave it (``trace.counts_by``: a change
  counts on its ``on``, else on the day of its ``at``; undone changes never count), in the order
  the changes were written; a field no change touched has the value in the file (typed in by
  hand, it counts from the plan's start); a field whose every change counts has the value in the
  file too, so hand edits made after the last change are kept; and so is a hand edit a later
  change found (its "before"), on the days between the two, so that what a day showed does not
  change with what is done after it;
- items added after the day are absent, items removed after it are present where they were,
  moves after it are not applied: the structural changes after the day are reverted newest
  first, exactly as ``plan undo`` would revert them;
- each item's log keeps the entries up to the day (progress notes, the trace shown by
  ``plan show``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .model import TASK_STATE_FIELDS, Item, Plan, implied_parent, is_number
from .recorded_days import anything_after
from .trace import archive, counts_by, effective_day, in_trace_by, log_of, sort_time

# A field a change's side does not name: it did not exist (``before``) or was removed (``after``).
_ABSENT = object()

# Entries that change no field of their item: a note, an undo (the change it reverts is marked
# undone and skipped instead), a removal (the item leaves the tree; its fields stay).
_NOT_FIELD_CHANGES = ("note", "undo", "remove")


def plan_as_of(plan: Plan, day: dt.date) -> Plan:
    """The plan at the end of ``day``; the plan itself when nothing in its trace is later."""
    if not anything_after(plan, day):
        return _archive_by(plan, day)
    nodes: dict[str, Item] = {}
    roots = [_clone(root, None, nodes) for root in plan.roots]
    tree = _Tree(roots)
    removed_later: list[dict[str, Any]] = []
    events: list[tuple[dict[str, Any], str, str, dict[str, Any]]] = []  # (entry, kind, id, src)
    tables: dict[str, dict[str, Any]] = {item.id: item.data for item in plan.items()}
    for record in archive(plan):
        if not isinstance(record, dict) or not isinstance(record.get("item"), list):
            continue
        if record.get("action") == "remove" and not counts_by(record, day):
            removed_later.append(record)
            events.append((record, "remove", "", record))
        for table in record["item"]:
            if isinstance(table, dict) and isinstance(table.get("id"), str):
                tables.setdefault(table["id"], table)
    for item_id, table in tables.items():
        for entry in log_of(table):
            action = entry.get("action")
            if action in ("add", "move") and not counts_by(entry, day) and "undone" not in entry:
                events.append((entry, str(action), item_id, entry))
    for record in removed_later:
        _archived_subtree(record, nodes)
    # Newest first, as undo would; a remove's record and its log entry share their ``at``.
    order = {id(event[0]): n for n, event in enumerate(events)}
    events.sort(key=lambda event: (sort_time(event[0]), order[id(event[0])]), reverse=True)
    for _, kind, item_id, source in events:
        if kind == "remove":
            _put_back(tree, nodes, source)
        elif kind == "add" and item_id in nodes:
            tree.detach(nodes[item_id])
        elif kind == "move" and item_id in nodes:
            old_parent = _side(source, "before").get("parent", implied_parent(item_id))
            _reattach(tree, nodes, nodes[item_id], old_parent, source.get("position"))
    for item in _walk(tree.roots):
        item.data = fields_as_of(tables.get(item.id, item.data), day)
    extra = dict(plan.extra)
    if "removed" in extra:
        kept = [r for r in archive(plan) if not isinstance(r, dict) or counts_by(r, day)]
        if kept:
            extra["removed"] = kept
        else:
            del extra["removed"]
    # The header too ([[plan.log]]: a title changed later is not yet changed). Its period is
    # not a change that happened on a day but a correction of what the plan always covered
    # (plan header --start 2024-09-01 for a 秋冬季 campaign): as corrected on every day, as a
    # hand edit of the file is; the log still says who corrected it and when.
    meta = fields_as_of(plan.meta, day) if "log" in plan.meta else plan.meta
    if meta is not plan.meta:
        for name in PERIOD_FIELDS:
            if name in plan.meta:
                meta[name] = plan.meta[name]
            else:
                meta.pop(name, None)
    return Plan(meta, tree.roots, extra)


# What an item holds of work done: none of it held before the plan started.
_WORK_FIELDS = (*TASK_STATE_FIELDS, "reason", "evidence", "conflict", "log")


def not_begun(plan: Plan) -> Plan:
    """The plan before its start, as every view of a day before it shows it (a July–June year
    in a county's June notice; 2022-06-30 typed for 2023-06-30, said on stderr): its items as
    the plan as of its first day has them, with nothing done, every task 未开始 (what the file
    holds counts from the plan's first day, not before)."""
    first = plan_as_of(plan, plan.start)
    nodes: dict[str, Item] = {}
    roots = [_clone(root, None, nodes) for root in first.roots]
    for item in nodes.values():
        item.data = {k: v for k, v in item.data.items() if k not in _WORK_FIELDS}
    return Plan(first.meta, roots, first.extra)


def _archive_by(plan: Plan, day: dt.date) -> Plan:
    """The plan itself, as at the end of ``day`` when nothing after it counts; but where its
    archive holds a record of a later day (an add undone since: ``trace.is_record``, no day
    recorded), that record left out, as the replay leaves it: the item and its entries are
    in no trace of that day (``plan show`` of the goal it was under). Only the archive is
    looked at, not the items' logs (views cut those to the day: ``records.item_record``)."""
    records = archive(plan)
    kept = [r for r in records if not isinstance(r, dict) or counts_by(r, day)]
    if len(kept) == len(records):
        return plan
    extra = dict(plan.extra)
    if kept:
        extra["removed"] = kept
    else:
        del extra["removed"]
    then = Plan(plan.meta, plan.roots, extra)
    then.newest_at, then.newest_at_known = plan.newest_at, plan.newest_at_known
    then.logs_cut = plan.logs_cut
    return then


# The header's fields that say the plan's period: a change of them is a correction.
PERIOD_FIELDS = ("year", "start", "end")


def fields_as_of(table: dict[str, Any], day: dt.date) -> dict[str, Any]:
    """An item's table as it stood at the end of ``day`` (see the module's description)."""
    log = log_of(table)
    out = {key: value for key, value in table.items() if key != "log"}
    # One pass over the entries in time order, each judged once: for every field, the side of
    # the change that says its value at the end of the day, and whether a change of it does
    # not count (only then does the file's value not stand). That side is the "after" of its
    # last change that counts; but where the change after that one, which does not count,
    # found a value no change of the field had given or found (a hand edit in between), its
    # "before": the hand edit counts from the change before it, as it does while no change
    # follows, so that a change made later does not alter what an earlier day showed. (A value
    # seen before is a merge's other side, made from the same state: not a hand edit.)
    first: dict[str, dict[str, Any]] = {}
    told: dict[str, dict[str, Any]] = {}
    settled: set[str] = set()  # judged at the first change after the last that counts
    later: set[str] = set()
    statuses: list[tuple[dict[str, Any], dict[str, Any], bool]] = []  # (before, after, counts)
    ordered = _in_time_order(log)
    for at, entry in enumerate(ordered):
        if "undone" in entry or entry.get("action") in _NOT_FIELD_CHANGES:
            continue
        before, after = _side(entry, "before"), _side(entry, "after")
        counts = counts_by(entry, day)
        for name in (*before, *after):
            if name in ("id", "log", "status"):
                continue
            first.setdefault(name, before)
            if counts:
                told[name] = after
                settled.discard(name)
            else:
                later.add(name)
                if name not in settled:
                    settled.add(name)
                    if name not in told or _hand_edited(name, before, told[name], ordered, at):
                        told[name] = before
        names_status = "status" in before or "status" in after
        if names_status or (entry.get("action") in _STARTS and _starts(entry)):
            statuses.append((before, after, counts))
    for name in (name for name in first if name in later):  # in the order first changed
        source = told[name]
        if name in source:
            out[name] = source[name]
        else:
            out.pop(name, None)
    _done_by(out, day, _status_as_of(out, table, statuses))
    if "conflict" in out:
        _conflicts_by(out, log, day)
    # A log whose entries all come later was not in the file yet: no ``log``, as an item never
    # changed has none (its JSON the same as that of one never changed).
    kept = [e for e in log if in_trace_by(e, day)]
    if kept:
        out["log"] = kept
    return out


def _conflicts_by(out: dict[str, Any], log: list[dict[str, Any]], day: dt.date) -> None:
    """Keep the merge conflicts that stood at the end of ``day``: a conflict is made when the
    later of its two sides is set, so one whose side counts only after the day (the change
    whose ``at`` it names, by its ``on``; else the day of that ``at``) was not there yet, and
    the figures of that day owe nothing to it."""
    records = out["conflict"]
    if not isinstance(records, list):
        return
    kept = [
        record
        for record in records
        if not isinstance(record, dict)
        or all(_side_set_by(record.get(f"{side}_at"), log, day) for side in ("ours", "theirs"))
    ]
    if kept:
        out["conflict"] = kept
    else:
        del out["conflict"]


def _side_set_by(at: Any, log: list[dict[str, Any]], day: dt.date) -> bool:
    """Whether a conflict's side set at ``at`` counts by the end of ``day`` (a side without a
    time does)."""
    if not isinstance(at, dt.date):
        return True
    for entry in log:
        if entry.get("at") == at:
            happened = effective_day(entry)
            return happened is None or happened <= day
    return (at.date() if isinstance(at, dt.datetime) else at) <= day


def _hand_edited(
    name: str, found: dict[str, Any], last: dict[str, Any], log: list[dict[str, Any]], at: int
) -> bool:
    """Whether the value a change found (its ``before``) differs from the one the last change
    that counts gave (``last``) and from every value the changes before ``log[at]`` gave or
    found."""
    value = found.get(name, _ABSENT)
    if value == last.get(name, _ABSENT):
        return False  # the usual case: each change finds what the one before it left
    for entry in log[:at]:
        if "undone" in entry or entry.get("action") in _NOT_FIELD_CHANGES:
            continue
        before, after = _side(entry, "before"), _side(entry, "after")
        if name in before or name in after:
            if value in (before.get(name, _ABSENT), after.get(name, _ABSENT)):
                return False
    return True


def _in_time_order(log: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entries by when they were written (``trace.sort_time``; entries written together
    keep their order). A log the tool wrote is in that order already: checked cheaply first."""
    times = [entry.get("at") for entry in log]
    if all(isinstance(t, dt.datetime) and t.tzinfo is not None for t in times):
        if all(a <= b for a, b in zip(times, times[1:], strict=False)):  # type: ignore[operator]
            return log
    return sorted(log, key=sort_time)


# A figure or progress above zero makes a task not yet started 进行中, as the commands do.
_STARTS = ("progress", "record")


def _status_as_of(
    out: dict[str, Any],
    table: dict[str, Any],
    changes: list[tuple[dict[str, Any], dict[str, Any], bool]],
) -> str | None:
    """The status at the end of the day: the changes that set it, and those that set progress
    or a figure on a task not started (which starts it, whether or not that change's entry
    names the status: a fact told late may land before a start recorded earlier). ``changes``
    are those entries as (before, after, whether it counts by the day).

    A tick-off typed by hand (a done with a ``done_on`` that no change made: the file's, or the
    "before" of a later change) is dated by its ``done_on`` (``_done_by``). Returns the status
    the trace had given the task before it, or None when there is no such tick-off."""
    dated = isinstance(out.get("done_on"), dt.date)
    every = all(counts for _, _, counts in changes)
    if every and not (dated and table.get("status") == "done"):
        return None  # the value in the file stands
    explicit = [(b, a) for b, a, _ in changes if "status" in b or "status" in a]
    status = explicit[0][0].get("status") if explicit else table.get("status")
    by_hand: str | None = None
    settled = False  # judged at the first change after the last that counts
    seen: set[str] = set()  # the statuses the changes gave or found
    for before, after, counts in changes:
        names_status = "status" in after or "status" in before
        if not counts:
            # A status a later change found that no change had given or found: a hand edit in
            # between, which counts from the change before it, as for any field
            # (``fields_as_of``); a tick-off typed by hand, from its done_on (``_done_by``).
            if names_status and not settled:
                settled = True
                found = before.get("status") or "todo"
                if found != (status or "todo") and found not in seen:
                    if found == "done" and dated:
                        by_hand = status or "todo"
                    status = before.get("status")  # (none written: none, as the file had it)
        else:
            settled = False
            if names_status:
                status = after.get("status")
            elif status in (None, "todo"):
                status = "doing"
        if names_status:
            seen.update((before.get("status") or "todo", after.get("status") or "todo"))
    if every:  # the file's done stands; the trace had the task so before it
        return (status or "todo") if explicit and status != "done" else None
    # A "todo" written (by hand: no command writes it) stays written, as in the file: the
    # task then reads 未开始 whatever progress it shows, where no status at all would read
    # 进行中 with progress (``model.task_status``).
    if status is None:
        out.pop("status", None)
    else:
        out["status"] = status
    return by_hand


def _starts(entry: dict[str, Any]) -> bool:
    """Progress above 0, or a figure other than 0 (a growth rate of -1 % is a figure too)."""
    after = _side(entry, "after")
    if "progress" in after:
        return is_number(after["progress"]) and after["progress"] > 0
    return is_number(after.get("actual")) and after["actual"] != 0


def _done_by(out: dict[str, Any], day: dt.date, by_hand: str | None = None) -> None:
    """A task ticked off on a later day (its ``done_on``, typed by hand or imported) was not
    done yet at the end of ``day``: as the trace had it before a tick-off typed by hand
    (``by_hand``, see ``_status_as_of``), else in progress if it shows progress or a figure,
    else not started."""
    done_on = out.get("done_on")
    if out.get("status") != "done" or not isinstance(done_on, dt.date) or done_on <= day:
        return
    del out["done_on"]
    if by_hand not in (None, "todo"):
        out["status"] = by_hand
    elif out.get("progress") or out.get("actual"):
        out["status"] = "doing"
    else:
        out.pop("status", None)


def _side(entry: dict[str, Any], key: str) -> dict[str, Any]:
    value = entry.get(key)
    return value if isinstance(value, dict) else {}


# ---------------------------------------------------------------- the tree


class _Tree:
    def __init__(self, roots: list[Item]):
        self.roots = roots

    def siblings(self, parent: Item | None) -> list[Item]:
        return parent.children if parent is not None else self.roots

    def detach(self, item: Item) -> int | None:
        siblings = self.siblings(item.parent)
        for position, sibling in enumerate(siblings):
            if sibling is item:
                del siblings[position]
                item.parent = None
                return position
        return None

    def attach(self, item: Item, parent: Item | None, position: Any) -> None:
        siblings = self.siblings(parent)
        at = position if isinstance(position, int) and 0 <= position else len(siblings)
        siblings.insert(min(at, len(siblings)), item)
        item.parent = parent


def _clone(item: Item, parent: Item | None, nodes: dict[str, Item]) -> Item:
    copy = Item(item.data, item.index)
    copy.parent = parent
    nodes[item.id] = copy
    copy.children = [_clone(child, copy, nodes) for child in item.children]
    return copy


def _archived_subtree(record: dict[str, Any], nodes: dict[str, Item]) -> None:
    """Items for a removal's tables, linked as they were, not yet in the tree."""
    made: dict[str, Item] = {}
    for table in record["item"]:
        if not isinstance(table, dict) or not isinstance(table.get("id"), str):
            continue
        if table["id"] in nodes or table["id"] in made:  # an id in use again (a hand edit)
            continue
        item = Item(table)
        parent = made.get(table.get("parent", implied_parent(table["id"])))
        if parent is not None:
            item.parent = parent
            parent.children.append(item)
        made[item.id] = item
    nodes.update(made)
    record_root = record["item"][0] if record["item"] else None
    if isinstance(record_root, dict):
        root = made.get(str(record_root.get("id")))
        if root is not None:
            root.parent = None


def _put_back(tree: _Tree, nodes: dict[str, Item], record: dict[str, Any]) -> None:
    first = record["item"][0] if record["item"] else None
    root = nodes.get(str(first.get("id"))) if isinstance(first, dict) else None
    if root is None or root.parent is not None or any(r is root for r in tree.roots):
        return
    parent_id = record.get("parent", "")
    parent = nodes.get(parent_id) if parent_id else None
    if parent_id and parent is None:
        return
    tree.attach(root, parent, record.get("position"))


def _reattach(
    tree: _Tree, nodes: dict[str, Item], item: Item, parent_id: Any, position: Any
) -> None:
    parent = nodes.get(parent_id) if isinstance(parent_id, str) and parent_id else None
    if (parent_id and parent is None) or (parent is not None and parent.is_within(item)):
        return  # the old parent is gone or would make a loop (hand edits): leave it where it is
    if tree.detach(item) is not None:
        tree.attach(item, parent, position)


def _walk(items: list[Item]) -> list[Item]:
    out: list[Item] = []
    for item in items:
        out += item.walk()
    return out
