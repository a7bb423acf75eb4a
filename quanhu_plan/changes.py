"""The pure core of every change to a plan: ticking off, progress, figures, notes, adding,
editing, moving, removing, and undoing any of them. No I/O, no terminal.

Each change mutates a ``Plan`` in place (the store has read it afresh under the lock and writes it
back) and appends a trace entry to the log of every item it touches::

    at      when, an aware date-time with microseconds; one command = one ``at`` (a command that
            ticks off three tasks writes three entries with the same ``at``, undone together)
    by      who (the login name, or --by)
    action  note, done, reopen, start, block, drop, progress, record, add, edit, move, remove, undo
    on      the day the fact happened (--on), where the command has one
    note    the text of --note (or of ``plan note``)
    before  the fields the change touched, with their old values; a field missing here did not
    after   exist before (missing from ``after``: it was removed)

``at`` only moves forward within a plan: if the clock says a time not after the newest entry
already in the file (another PC's clock is ahead), the entry gets that time plus 1 µs. So the
order of the ``at`` stamps is the order the changes were made, which is what ``undo`` relies on.

Removed items are not deleted: their tables, logs included, move to the top-level ``[[removed]]``
archive (``ARCHIVE``) with the parent and position they had, so that ``undo`` can put them back
and ``plan log`` still shows their history. Ids are never reused, also not those of removed items.

Undo reverts the newest change not yet undone, across the whole plan and the archive: fields get
their ``before`` values (only if they still hold the ``after`` values; otherwise the undo is
refused rather than overwrite a later edit made by hand), an added item goes to the archive, a
removed one comes back where it was, a moved one goes back to its old parent and position. The
entry is kept and marked ``undone``; the undo itself is recorded as an ``undo`` entry. A ``note``
is a change too: undoing it marks it undone (it stays in the trace, and is no longer a 进展情况).
Undo entries are never undone themselves: running undo again walks further back.

Changes set, never edit in place: a change gives a table's key a new value (``_apply`` sets
deep copies), a log grows as a new list (``_log``), an entry marked undone is a new dict in a new
list (``_mark_undone``); only the tree's ``children`` lists and the archive's list of records are
edited in place. So a shallow copy of each table taken before a change is the table as it was,
and ``delta`` finds what a change touched by comparing those copies with the tables, without a
deep copy of the plan (and of its trace). Every table a change touches also gets an entry in its
log.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .errors import BadChange, NothingToUndo
from .model import (
    Item,
    Plan,
    check_item,
    implied_parent,
    is_number,
)
from .outcome import (
    Notice,
    Outcome,
    PartFigures,
    _field_name,
    _place,
    show_value,
)
from .rollup import plan_rollup, rollup
from .texts import action_label, format_number
from .trace import (
    ARCHIVE,
    archived_tables,
    changed_fields,
    log_of,
    newest_at,
    sort_time,
    wrote_at,
)

CHANGE_ACTIONS = (
    "note",
    "done",
    "reopen",
    "start",
    "block",
    "drop",
    "progress",
    "record",
    "add",
    "edit",
    "move",
    "remove",
    "resolve",  # settling a merge conflict (quanhu_plan/merging/conflicts.py)
)

# Names of the top level for ``add`` and ``move`` ("0" only while no item has the id "0").
TOP_LEVEL_NAMES = ("", "top", "顶层", "0")

# Fields ``plan edit`` may change. Not id (ids are stable), parent (``move``), status, progress,
# actual, done_on (the status commands), log (the trace).
EDITABLE_FIELDS = (
    "title",
    "key",
    "evidence",
    "detail",
    "lead",
    "lead_unit",
    "support_units",
    "owner",
    "due",
    "start",
    "measure",
    "baseline",
    "target",
    "target_text",
    "direction",
    "weight",
    "reason",
)

# Fields ``plan add`` may set besides the title.
ADDABLE_FIELDS = tuple(f for f in EDITABLE_FIELDS if f not in ("title", "reason", "evidence"))

ONE_MICROSECOND = dt.timedelta(microseconds=1)


@dataclass(frozen=True)
class Stamp:
    """Who makes a change and the time by their clock (aware); one per command."""

    by: str
    now: dt.datetime

    @classmethod
    def current(cls, by: str) -> Stamp:
        return cls(by, dt.datetime.now().astimezone())

    @property
    def today(self) -> dt.date:
        return self.now.date()


def _entry_at(plan: Plan, stamp: Stamp) -> dt.datetime:
    """The ``at`` of a new change: now, but after every entry already in the plan. The newest
    is read from the trace once and kept with the plan (``trace.newest_at``)."""
    newest = newest_at(plan)
    at = stamp.now
    if newest is not None and not at > newest:
        at = (newest + ONE_MICROSECOND).astimezone(stamp.now.tzinfo)
    wrote_at(plan, at)
    return at


def _log(item_data: dict[str, Any], entry: dict[str, Any]) -> None:
    """Append ``entry`` to a table's log: as a new list (see "Changes set, never edit in
    place" above), so the log the plan was read with is still the old one."""
    log = item_data.get("log", [])
    if not isinstance(log, list):  # pragma: no cover - validation refuses such a plan
        raise BadChange("事项的 log 不是列表。", "the item's log is not a list.")
    item_data["log"] = [*log, entry]


def _mark_undone(table: dict[str, Any], entry: dict[str, Any], at: dt.datetime) -> None:
    """Mark a log entry undone: a copy with ``undone`` takes its place (never edited in place)."""
    log = table.get("log")
    if isinstance(log, list):
        table["log"] = [{**e, "undone": at} if e is entry else e for e in log]


def _entry(
    at: dt.datetime,
    stamp: Stamp,
    action: str,
    *,
    on: dt.date | None = None,
    note: str | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    entry: dict[str, Any] = {"at": at, "by": stamp.by, "action": action}
    if on is not None:
        entry["on"] = on
    if note and note.strip():
        entry["note"] = note.strip()
    entry.update((k, v) for k, v in extra.items() if v is not None)
    if before:
        entry["before"] = before
    if after:
        entry["after"] = after
    return entry


# ---------------------------------------------------------------- fields


def _apply(item_data: dict[str, Any], new: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Set fields (None = remove the field); return (before, after) of the ones that changed."""
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for name, value in new.items():
        old = item_data.get(name)
        if _same(old, value) and (name in item_data) == (value is not None):
            continue
        if name in item_data:
            before[name] = copy.deepcopy(old)
        if value is None:
            item_data.pop(name, None)
        else:
            item_data[name] = copy.deepcopy(value)
            after[name] = copy.deepcopy(value)
    return before, after


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b


def _changed(before: dict[str, Any], after: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    names = list(dict.fromkeys([*before, *after]))
    return {n: (before.get(n), after.get(n)) for n in names}


def _check(item_data: dict[str, Any]) -> None:
    """Refuse a change that would leave the item breaking the plan format."""
    problems = check_item(item_data)
    if problems:
        raise BadChange(
            "\n".join(p.message("zh") for p in problems),
            "\n".join(p.message("en") for p in problems),
        )


def _text(value: str | None, what_zh: str, what_en: str) -> str:
    text = (value or "").strip()
    if not text:
        raise BadChange(f"{what_zh}不能为空。", f"The {what_en} cannot be empty.")
    return text


def _number(value: Any, what: str, low: float | None = 0, high: float | None = None) -> Any:
    if low is None:  # any sign: a figure may fall below zero (a growth rate)
        if not is_number(value):
            raise BadChange(
                f"{what} 应为数字，收到 {value!r}。", f"{what} must be a number; got {value!r}."
            )
        return value
    if not is_number(value) or value < low or (high is not None and value > high):
        upper_zh = f"到 {format_number(high)} 之间" if high is not None else "或更大"
        upper_en = f" to {format_number(high)}" if high is not None else " or more"
        raise BadChange(
            f"{what} 应为 {format_number(low)} {upper_zh}的数字，收到 {value!r}。",
            f"{what} must be a number from {format_number(low)}{upper_en}; got {value!r}.",
        )
    return value


# ---------------------------------------------------------------- finding


def _task(plan: Plan, name: str, what_zh: str, what_en: str) -> Item:
    item = plan.find(name)
    if not item.is_task:
        count = sum(1 for _ in item.tasks())
        raise BadChange(
            f"{item.id} {item.title} 是目标（下有 {count} 项任务），它的状态和完成率由任务汇总而来，"
            f"不能直接{what_zh}。请对其下的任务操作（plan list --part {item.id}）。",
            f"{item.id} {item.title} is a goal ({count} tasks under it): its status and completion "
            f"come from its tasks, so it cannot be {what_en} itself. Change the tasks under it "
            f"(plan list --part {item.id}).",
        )
    return item


def _not_done(item: Item, what_zh: str, what_en: str) -> None:
    if item.status == "done":
        raise BadChange(
            f"{item.id} {item.title} 已经完成，不能{what_zh}。如确需更改，先运行 plan reopen {item.id}。",
            f"{item.id} {item.title} is done and cannot be {what_en}. Run plan reopen {item.id} first if needed.",
        )
    if item.status == "dropped":
        raise BadChange(
            f"{item.id} {item.title} 已取消，不能{what_zh}。如要恢复，先运行 plan reopen {item.id}。",
            f"{item.id} {item.title} is dropped and cannot be {what_en}. Run plan reopen {item.id} first.",
        )


def _unchanged(item: Item, zh: str, en: str) -> BadChange:
    return BadChange(
        f"{item.id} {item.title} {zh}，没有修改。", f"{item.id} {item.title} {en}; nothing changed."
    )


def find_parent(plan: Plan, name: str) -> Item | None:
    """The item named, or None for the top level ('', 'top', '顶层', or '0' if no item is '0')."""
    key = name.strip()
    if key in TOP_LEVEL_NAMES and not (key == "0" and "0" in plan.by_id()):
        return None
    return plan.find(key)


def _parent_id(item: Item) -> str:
    return item.parent.id if item.parent else ""


def _archived_ids(plan: Plan) -> set[str]:
    return {str(table.get("id")) for _, table in archived_tables(plan)}


def next_id(plan: Plan, parent: Item | None) -> str:
    """The next free id under ``parent``: one more than the highest number used there, counting
    removed items too, so an id is never reused ('1' -> '1.4' after 1.1-1.3; top -> '3')."""
    prefix = parent.id + "." if parent else ""
    taken = set(plan.by_id()) | _archived_ids(plan)
    numbers = [
        int(rest)
        for item_id in taken
        if item_id.startswith(prefix)
        and (rest := item_id[len(prefix) :]).isascii()
        and rest.isdigit()
    ]
    number = max(numbers, default=0) + 1
    while f"{prefix}{number}" in taken:  # pragma: no cover - max + 1 is free
        number += 1
    return f"{prefix}{number}"


# ---------------------------------------------------------------- the tree


def _siblings(plan: Plan, parent: Item | None) -> list[Item]:
    return parent.children if parent is not None else plan.roots


def _detach(plan: Plan, item: Item) -> tuple[str, int]:
    """Take the item (with its subtree) out of the tree; return its old parent id and position."""
    siblings = _siblings(plan, item.parent)
    position = next(n for n, sibling in enumerate(siblings) if sibling is item)
    del siblings[position]
    parent_id = _parent_id(item)
    item.parent = None
    return parent_id, position


def _attach(plan: Plan, item: Item, parent: Item | None, position: int | None = None) -> None:
    siblings = _siblings(plan, parent)
    siblings.insert(len(siblings) if position is None else min(position, len(siblings)), item)
    item.parent = parent


def _parts(plan: Plan, stamp: Stamp, items: Iterable[Item | None]) -> list[PartFigures]:
    """The completion of the parts these items belong to (None: the whole plan)."""
    as_of = plan.default_as_of(stamp.today)
    seen: dict[str, PartFigures] = {}
    for item in items:
        if item is None:
            seen.setdefault("", PartFigures("", "", plan_rollup(plan, as_of)))
            continue
        part = item.part
        if part.id not in seen:
            seen[part.id] = PartFigures(part.id, part.title, rollup(part, plan, as_of))
    return list(seen.values())


def _period_warning(plan: Plan, on: dt.date) -> list[Notice]:
    if plan.start <= on <= plan.end:
        return []
    params = {"on": on.isoformat(), "start": plan.start.isoformat(), "end": plan.end.isoformat()}
    return [Notice("warn_outside_period", params)]


# ---------------------------------------------------------------- status changes


def done(
    plan: Plan,
    names: list[str],
    stamp: Stamp,
    *,
    on: dt.date | None = None,
    note: str | None = None,
    evidence: Iterable[str] = (),
    all_tasks: bool = False,
) -> Outcome:
    """Tick tasks off (销号) on ``on`` (default today). A goal needs ``all_tasks``: then every
    open task under it is ticked off. A task already done gets the ``evidence`` added to its
    销号依据 (an ``edit`` in the trace); without evidence it is refused."""
    evidence = [text for e in evidence if (text := e.strip())]
    targets: dict[str, Item] = {}
    already: dict[str, Item] = {}  # done before: evidence is added
    for name in names:
        item = plan.find(name)
        if item.is_task:
            if item.status == "done":
                done_on = item.get("done_on")
                if not evidence or (on is not None and on != done_on):
                    raise _already_done(item, evidence=bool(evidence))
                already.setdefault(item.id, item)
                continue
            targets.setdefault(item.id, item)
            continue
        open_tasks = [t for t in item.tasks() if t.status not in ("done", "dropped")]
        if not all_tasks:
            listed = "、".join(t.id for t in open_tasks) or "无"
            raise BadChange(
                f"{item.id} {item.title} 是目标，其下未完成的任务有：{listed}。"
                f"要全部销号请加 --all，或逐项写出任务编号。",
                f"{item.id} {item.title} is a goal; its open tasks are: "
                f"{', '.join(t.id for t in open_tasks) or 'none'}. Add --all to tick them all "
                "off, or name the tasks.",
            )
        if not open_tasks:
            raise BadChange(
                f"{item.id} {item.title} 下没有未完成的任务。",
                f"{item.id} {item.title} has no open tasks left.",
            )
        for task in open_tasks:
            targets.setdefault(task.id, task)
    at = _entry_at(plan, stamp)
    day = on or stamp.today
    for task in targets.values():
        new: dict[str, Any] = {"status": "done", "done_on": day}
        if evidence:
            new["evidence"] = _with_evidence(task, evidence)
        before, after = _apply(task.data, new)
        _log(task.data, _entry(at, stamp, "done", on=day, note=note, before=before, after=after))
    fields: dict[str, tuple[Any, Any]] = {}
    for task in already.values():
        before, after = _apply(task.data, {"evidence": _with_evidence(task, evidence)})
        if not after:
            raise _unchanged(task, "已有这些销号依据", "has this evidence already")
        _log(task.data, _entry(at, stamp, "edit", note=note, before=before, after=after))
        fields = _changed(before, after)
    if not targets:
        return Outcome(
            "evidence",
            [(t.id, t.title) for t in already.values()],
            fields=fields if len(already) == 1 else {},
            parts=_parts(plan, stamp, list(already.values())),
        )
    tasks = list(targets.values())
    return Outcome(
        "done",
        [(t.id, t.title) for t in tasks],
        on=day,
        evidence_added=[(t.id, t.title) for t in already.values()],
        parts=_parts(plan, stamp, tasks),
        warnings=_period_warning(plan, day),
    )


def _with_evidence(task: Item, evidence: list[str]) -> list[str]:
    old = [str(e) for e in task.get("evidence", [])]
    return old + [e for e in dict.fromkeys(evidence) if e not in old]


def _already_done(item: Item, *, evidence: bool) -> BadChange:
    done_on = item.get("done_on")
    shown_zh = f"（{done_on}）" if done_on else ""
    shown_en = f" ({done_on})" if done_on else ""
    if evidence:  # evidence with another date
        return BadChange(
            f"{item.id} {item.title} 已于{shown_zh or '此前'}销号，--on 与完成日期不同。补充销号依据时不要写 --on；"
            f"要改完成日期，先 plan reopen {item.id} 再销号。",
            f"{item.id} {item.title} is done already{shown_en}, on another day than --on. Leave out "
            f"--on to add evidence; to change the date, run plan reopen {item.id}, then tick it off again.",
        )
    return BadChange(
        f"{item.id} {item.title} 已经销号{shown_zh}。要补充销号依据，加 --evidence；"
        f"要改完成日期，先 plan reopen {item.id} 再销号。",
        f"{item.id} {item.title} is already done{shown_en}. Add --evidence to add evidence; to "
        f"change the date, run plan reopen {item.id}, then tick it off again.",
    )


def _status_change(
    plan: Plan,
    item: Item,
    stamp: Stamp,
    action: str,
    new: dict[str, Any],
    note: str | None,
    on: dt.date | None,
) -> Outcome:
    before, after = _apply(item.data, new)
    if not before and not after and not note:
        raise _unchanged(item, "已是这个状态", "is in that state already")
    at = _entry_at(plan, stamp)
    _log(item.data, _entry(at, stamp, action, on=on, note=note, before=before, after=after))
    return Outcome(
        action,
        [(item.id, item.title)],
        fields=_changed(before, after),
        on=on,
        parts=_parts(plan, stamp, [item]),
        measure=item.get("measure", ""),
        warnings=_period_warning(plan, on) if on else [],
    )


def reopen(
    plan: Plan, name: str, stamp: Stamp, *, on: dt.date | None = None, note: str | None = None
) -> Outcome:
    """Undo a tick-off, a block or a drop by a new decision: status back to 进行中 when there is
    progress or a figure, else 未开始; done_on goes, and the reason of a block or drop."""
    item = _task(plan, name, "重新打开", "reopened")
    if item.status not in ("done", "blocked", "dropped"):
        raise _unchanged(item, "未完成、未受阻、未取消", "is not done, blocked or dropped")
    started = bool(item.get("progress")) or bool(item.get("actual"))
    new: dict[str, Any] = {"status": "doing" if started else None, "done_on": None}
    if item.status in ("blocked", "dropped"):
        new["reason"] = None
    return _status_change(plan, item, stamp, "reopen", new, note, on)


def start(
    plan: Plan, name: str, stamp: Stamp, *, on: dt.date | None = None, note: str | None = None
) -> Outcome:
    item = _task(plan, name, "开始", "started")
    _not_done(item, "开始", "started")
    if item.status == "doing":
        raise _unchanged(item, "已在进行中", "is in progress already")
    new: dict[str, Any] = {"status": "doing"}
    if item.status == "blocked":
        new["reason"] = None
    return _status_change(plan, item, stamp, "start", new, note, on)


def block(
    plan: Plan,
    name: str,
    stamp: Stamp,
    *,
    reason: str,
    on: dt.date | None = None,
    note: str | None = None,
) -> Outcome:
    reason = _text(reason, "受阻原因", "reason")
    item = _task(plan, name, "标记受阻", "blocked")
    _not_done(item, "标记受阻", "blocked")
    new = {"status": "blocked", "reason": reason}
    return _status_change(plan, item, stamp, "block", new, note, on)


def drop(
    plan: Plan,
    name: str,
    stamp: Stamp,
    *,
    reason: str,
    on: dt.date | None = None,
    note: str | None = None,
) -> Outcome:
    reason = _text(reason, "取消原因", "reason")
    item = _task(plan, name, "取消", "dropped")
    if item.status == "done":
        _not_done(item, "取消", "dropped")
    new = {"status": "dropped", "reason": reason}
    return _status_change(plan, item, stamp, "drop", new, note, on)


def progress(
    plan: Plan,
    name: str,
    percent: float,
    stamp: Stamp,
    *,
    on: dt.date | None = None,
    note: str | None = None,
) -> Outcome:
    """Set a task's progress (0-100 %); a task not started is then in progress."""
    percent = _number(percent, "progress", 0, 100)
    item = _task(plan, name, "填报进度", "given a progress")
    _not_done(item, "填报进度", "given a progress")
    new: dict[str, Any] = {"progress": percent}
    if item.status == "todo" and percent > 0:
        new["status"] = "doing"
    before, after = _apply(item.data, new)
    if not before and not after and not note:
        raise _unchanged(item, f"进度已是 {format_number(percent)}%", "has that progress already")
    at = _entry_at(plan, stamp)
    _log(item.data, _entry(at, stamp, "progress", on=on, note=note, before=before, after=after))
    return Outcome(
        "progress",
        [(item.id, item.title)],
        fields=_changed(before, after),
        on=on,
        parts=_parts(plan, stamp, [item]),
        warnings=_period_warning(plan, on) if on else [],
    )


def reaches_target(item: Item, value: float) -> bool:
    """Would recording ``value`` meet the task's target while it is not yet done? Not asked
    for a ``direction = "down"`` figure, a limit held all year (控制在5‰以内, 下降10%): 4.2‰ in
    March is no reason to tick it off. A rank reached (第28位 for 第30位) is asked."""
    from .rollup import metric_completion

    return (
        item.is_task
        and item.status not in ("done", "dropped")
        and is_number(item.get("target"))
        and item.get("direction") != "down"
        and metric_completion(item, value) == 1
    )


def record(
    plan: Plan,
    name: str,
    value: float,
    stamp: Stamp,
    *,
    on: dt.date | None = None,
    note: str | None = None,
    tick: bool = False,
) -> Outcome:
    """Set a metric's actual figure (完成值); with ``tick`` and the target reached, also tick
    the task off in the same change (one undo reverts both)."""
    value = _number(value, "actual", None)
    item = _task(plan, name, "填报完成值", "given a figure")
    if item.status == "dropped":
        _not_done(item, "填报完成值", "given a figure")
    new: dict[str, Any] = {"actual": value}
    if tick and reaches_target(item, value):
        new.update(status="done", done_on=on or stamp.today)
    elif item.status == "todo" and value != 0:  # a fall to -1 % is a figure reported too
        new["status"] = "doing"
    before, after = _apply(item.data, new)
    if not before and not after and not note:
        raise _unchanged(item, f"完成值已是 {format_number(value)}", "has that figure already")
    at = _entry_at(plan, stamp)
    _log(item.data, _entry(at, stamp, "record", on=on, note=note, before=before, after=after))
    warnings = _period_warning(plan, on or stamp.today) if on or "done_on" in after else []
    return Outcome(
        "record",
        [(item.id, item.title)],
        fields=_changed(before, after),
        on=on,
        parts=_parts(plan, stamp, [item]),
        measure=item.get("measure", ""),
        warnings=warnings,
    )


def add_note(
    plan: Plan, name: str, text: str, stamp: Stamp, *, on: dt.date | None = None
) -> Outcome:
    """A dated progress note (进展情况) on a task or goal, on ``on`` (default today); the
    status stays as it is."""
    text = _text(text, "进展情况", "note")
    item = plan.find(name)
    day = on or stamp.today
    at = _entry_at(plan, stamp)
    _log(item.data, _entry(at, stamp, "note", on=day, note=text))
    return Outcome(
        "note",
        [(item.id, item.title)],
        on=day,
        parts=_parts(plan, stamp, [item]),
        # Today is a fine day for a note on last year's plan; a day typed outside it may be a slip.
        warnings=_period_warning(plan, on) if on else [],
    )


# ---------------------------------------------------------------- structure changes


def add(
    plan: Plan,
    parent_name: str,
    title: str,
    stamp: Stamp,
    *,
    fields: dict[str, Any] | None = None,
    note: str | None = None,
) -> Outcome:
    """A new item, last under its parent, with the next free id there (see ``next_id``)."""
    title = _text(title, "名称", "title")
    parent = find_parent(plan, parent_name)
    data: dict[str, Any] = {"id": next_id(plan, parent), "title": title}
    for name, value in (fields or {}).items():
        if name not in ADDABLE_FIELDS:
            raise ValueError(f"plan add cannot set {name}")
        if value is not None and value != "" and value != []:
            data[name] = copy.deepcopy(value)
    _check(data)
    warnings = []
    if parent is not None and parent.is_task:
        warnings.append(Notice("warn_task_becomes_goal", {"id": parent.id, "title": parent.title}))
    item = Item(data)
    _attach(plan, item, parent)
    at = _entry_at(plan, stamp)
    after = {k: copy.deepcopy(v) for k, v in data.items() if k != "log"}
    _log(data, _entry(at, stamp, "add", note=note, after=after))
    return Outcome(
        "add",
        [(item.id, item.title)],
        parent=(parent.id, parent.title) if parent else ("", ""),
        parts=_parts(plan, stamp, [item]),
        warnings=warnings,
    )


def edit(
    plan: Plan,
    name: str,
    changes: dict[str, Any],
    stamp: Stamp,
    *,
    note: str | None = None,
) -> Outcome:
    """Change an item's own fields; a value of None (or '' or []) removes the field."""
    item = plan.find(name)
    new: dict[str, Any] = {}
    for field_name, value in changes.items():
        if field_name not in EDITABLE_FIELDS:
            raise BadChange(
                f"plan edit 不能修改 {field_name}。",
                f"plan edit cannot change {field_name}.",
            )
        if field_name == "title":
            value = _text(value, "名称", "title")
        elif isinstance(value, str):
            value = value.strip() or None
        elif isinstance(value, list):
            value = [v.strip() for v in value if v.strip()] or None
        new[field_name] = value
    before, after = _apply(item.data, new)
    if not before and not after:
        raise _unchanged(item, "的这些字段已是这些值", "has these values already")
    _check(item.data)
    at = _entry_at(plan, stamp)
    _log(item.data, _entry(at, stamp, "edit", note=note, before=before, after=after))
    return Outcome(
        "edit",
        [(item.id, item.title)],
        fields=_changed(before, after),
        parts=_parts(plan, stamp, [item]),
        measure=item.get("measure", ""),
    )


def _parent_field(item_id: str, parent: Item | None) -> str | None:
    """The ``parent`` field an item needs to hang under ``parent`` (None: the id implies it)."""
    parent_id = parent.id if parent else ""
    return None if parent_id == implied_parent(item_id) else parent_id


def move(
    plan: Plan, name: str, new_parent_name: str, stamp: Stamp, *, note: str | None = None
) -> Outcome:
    """Hang an item (with everything under it) last under another parent. Its id stays; the
    item gets an explicit ``parent`` field unless the new parent is the one its id implies."""
    item = plan.find(name)
    parent = find_parent(plan, new_parent_name)
    if parent is not None and parent.is_within(item):
        raise BadChange(
            f"不能把 {item.id} {item.title} 移到它自己或它的下级 {parent.id} 之下。",
            f"Cannot move {item.id} {item.title} under itself or under {parent.id}, which is below it.",
        )
    if parent is item.parent:
        where = _place((parent.id, parent.title) if parent else ("", ""), "zh")
        where_en = _place((parent.id, parent.title) if parent else ("", ""), "en")
        raise BadChange(
            f"{item.id} {item.title} 已在 {where} 之下，没有移动。",
            f"{item.id} {item.title} is under {where_en} already; nothing moved.",
        )
    old_parent = item.parent
    _, position = _detach(plan, item)
    _apply(item.data, {"parent": _parent_field(item.id, parent)})
    _attach(plan, item, parent)
    at = _entry_at(plan, stamp)
    # The trace names both parents, also one the id implies (the file leaves that unsaid).
    before = {"parent": old_parent.id if old_parent else ""}
    after = {"parent": parent.id if parent else ""}
    _log(
        item.data,
        _entry(at, stamp, "move", note=note, position=position, before=before, after=after),
    )
    shown = {"parent": (before["parent"], after["parent"])}
    return Outcome(
        "move",
        [(item.id, item.title)],
        fields=shown,
        parts=_parts(plan, stamp, [old_parent, item] if old_parent else [item]),
    )


def remove(
    plan: Plan, name: str, stamp: Stamp, *, recursive: bool = False, note: str | None = None
) -> Outcome:
    """Take an item out of the plan into the archive (``[[removed]]``), with its history; an
    item with children needs ``recursive``. ``undo`` puts it back where it was."""
    item = plan.find(name)
    under = sum(1 for _ in item.walk()) - 1
    if under and not recursive:
        raise BadChange(
            f"{item.id} {item.title} 下还有 {under} 个事项。要连同它们一起删除，请加 --recursive；"
            f"或先用 plan move 把它们移走。",
            f"{item.id} {item.title} has {under} item(s) under it. Add --recursive to remove them "
            "too, or move them elsewhere first (plan move).",
        )
    old_parent = item.parent
    at = _entry_at(plan, stamp)
    parent_id, position = _detach(plan, item)
    before = {k: copy.deepcopy(v) for k, v in item.data.items() if k != "log"}
    _log(item.data, _entry(at, stamp, "remove", note=note, before=before))
    record_ = {
        "at": at,
        "by": stamp.by,
        "action": "remove",
        "parent": parent_id,
        "position": position,
        "item": [node.data for node in item.walk()],
    }
    plan.extra.setdefault(ARCHIVE, []).append(record_)
    return Outcome(
        "remove",
        [(item.id, item.title)],
        under=under,
        parts=_parts(plan, stamp, [old_parent]),
    )


# ---------------------------------------------------------------- undo


@dataclass
class _Found:
    entry: dict[str, Any]
    table: dict[str, Any]  # the item's data
    item: Item | None  # None: the item is in the archive
    record: dict[str, Any] | None  # its archive record
    header: bool = False  # an entry of [[plan.log]]: the header changed (see header.py)


def _undoable(plan: Plan, by: str | None = None) -> tuple[list[_Found], _Found | None]:
    """The entries of the newest change not yet undone (several when one command wrote them);
    with ``by``, of the newest change that person made. Also the newest change by someone else
    that is newer still, which is left alone (None if there is none)."""
    found: list[_Found] = []
    for item in plan.items():
        found += [_Found(e, item.data, item, None) for e in item.log]
    for record, table in archived_tables(plan):
        found += [_Found(e, table, None, record) for e in log_of(table)]
    found += [_Found(e, plan.meta, None, None, header=True) for e in log_of(plan.meta)]
    found = [
        f
        for f in found
        if isinstance(f.entry.get("at"), dt.datetime)
        and f.entry.get("action") in CHANGE_ACTIONS
        and "undone" not in f.entry
    ]
    mine = found if by is None else [f for f in found if f.entry.get("by") == by]
    if not mine:
        others = max(found, key=lambda f: sort_time(f.entry), default=None)
        if others is None:
            raise NothingToUndo()
        raise _not_yours(by or "", others)
    newest = max(sort_time(f.entry) for f in mine)
    later = [f for f in found if sort_time(f.entry) > newest]
    skipped = max(later, key=lambda f: sort_time(f.entry), default=None)
    return [f for f in mine if sort_time(f.entry) == newest], skipped


def _found_name(found: _Found) -> str:
    if found.header:
        return f"[plan] {found.table.get('title')}"
    return f"{found.table.get('id')} {found.table.get('title')}"


def _not_yours(by: str, newest: _Found) -> BadChange:
    """Undo refused: every change not yet undone is someone else's (after a merge, say)."""
    entry = newest.entry
    at = entry.get("at")
    when = at.strftime("%Y-%m-%d %H:%M") if isinstance(at, dt.datetime) else ""
    other = str(entry.get("by", ""))
    item = _found_name(newest)
    action = str(entry.get("action", ""))
    return BadChange(
        f"没有撤销：{by} 没有可以撤销的修改。最新的修改是 {other} 于 {when} 对 {item} 的"
        f"{action_label('zh', action)}；撤销只撤销自己的修改，不会悄悄撤销同事的修改。确要撤销它，"
        f"请运行 plan undo --anyone（或 plan undo --by {quote(other)}，以其名义）。",
        f"Nothing undone: {by} has no change left to undo. The newest change is the "
        f"{action_label('en', action)} of {item} by {other} at {when}; undo takes back only your "
        f"own changes, never a colleague's silently. To undo it all the same, run plan undo "
        f"--anyone (or plan undo --by {quote(other)}, in their name).",
    )


def _conflict(
    item_id: str,
    title: str,
    field_name: str,
    now: Any,
    then: Any,
    wanted: Any,
    table: dict[str, Any] | None = None,
) -> BadChange:
    """Undo refused: the field no longer holds what the change wrote; say how to set ``wanted``
    (the value before the change) with a command that exists."""
    started = bool(table and (table.get("progress") or table.get("actual")))
    command = command_to_set(item_id, field_name, wanted, now, started=started)
    if _same(now, wanted) or (field_name == "status" and (now or "todo") == (wanted or "todo")):
        shown_zh, shown_en = (
            show_value(field_name, wanted, "zh"),
            show_value(field_name, wanted, "en"),
        )
        advice_zh = f"它现在已经是撤销要改回的 {shown_zh}，不用再改。"
        advice_en = (
            f"It already holds {shown_en}, the value undo would give it back; nothing to do."
        )
    elif command is None:
        advice_zh, advice_en = (
            "如仍要改回，请在计划文件中手工修改该字段。",
            "To set it back anyway, change that field in the plan file by hand.",
        )
    elif wanted is None:
        advice_zh = f"如仍要清除该字段，请运行：{command}"
        advice_en = f"To clear it anyway, run: {command}"
    else:
        advice_zh = f"如仍要改回 {show_value(field_name, wanted, 'zh')}，请运行：{command}"
        advice_en = (
            f"To set it back to {show_value(field_name, wanted, 'en')} anyway, run: {command}"
        )
    return BadChange(
        f"不能撤销：{item_id} {title} 的 {_field_name(field_name, 'zh')} 在这次修改之后又被改过"
        f"（现在是 {show_value(field_name, now, 'zh')}，这次修改后是 {show_value(field_name, then, 'zh')}），"
        "撤销会覆盖那次改动。" + advice_zh,
        f"Cannot undo: {field_name} of {item_id} {title} was changed after this change (it is "
        f"{show_value(field_name, now, 'en')} now, this change made it {show_value(field_name, then, 'en')}); "
        "undoing would overwrite that. " + advice_en,
    )


def _status_command(item: str, wanted: str, now: str, started: bool) -> str | None:
    """The commands that take a task from status ``now`` to ``wanted``: a done or dropped task
    must be reopened first; reopening gives 进行中 to a task with progress or a figure
    (``started``), else 未开始; nothing takes a task in progress back to 未开始 but a hand edit."""
    reopen = f"plan reopen {item}"
    closed = now in ("done", "dropped")
    if wanted == "todo":
        return reopen if now in ("done", "blocked", "dropped") and not started else None
    if wanted == "doing":
        if closed:
            return reopen if started else f"{reopen} && plan start {item}"
        return f"plan start {item}"
    verb = {"done": "done", "blocked": "block", "dropped": "drop"}.get(wanted)
    if verb is None:
        return None
    step = f"plan {verb} {item}" + (" --reason …" if verb in ("block", "drop") else "")
    return f"{reopen} && {step}" if closed and not (verb == "drop" and now == "dropped") else step


# Characters a shell (POSIX or Windows) reads specially; a word without them needs no quotes.
_SHELL_SPECIAL = re.compile(r"""[\s"'\\$`;&|<>()*?!#~%^]""")


def quote(word: str) -> str:
    """A word as typed on a command line: as it is when it can be (王五, 2023-06-30), else in
    double quotes, which both Windows and POSIX shells read."""
    if word and not _SHELL_SPECIAL.search(word):
        return word
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'


# The options of ``plan edit`` whose name is not the field's.
_EDIT_OPTIONS = {
    "lead_unit": "--unit",
    "support_units": "--support",
    "target_text": "--target-text",
}


def command_to_set(
    item_id: str, field_name: str, value: Any, now: Any = None, *, started: bool = False
) -> str | None:
    """A command line that gives an item's field this value (from ``now``, its value at
    present), or None when no command sets it (the trace, the id, a status no command moves
    to from the present one)."""

    def text(v: Any) -> str:
        if v is None:
            return '""'
        return quote(
            v if field_name == "direction" else show_value(field_name, v, "en", limit=None)
        )

    if field_name == "status":
        return _status_command(quote(item_id), str(value or "todo"), str(now or "todo"), started)
    if field_name == "progress":
        return f"plan progress {quote(item_id)} {format_number(value or 0)}"
    if field_name == "actual":
        return f"plan record {quote(item_id)} {format_number(value)}" if value is not None else None
    if field_name == "done_on":
        reopen = f"plan reopen {quote(item_id)}"
        return (
            reopen
            if value is None
            else f"{reopen} && plan done {quote(item_id)} --on {text(value)}"
        )
    if field_name == "parent":
        return f"plan move {quote(item_id)} {quote(str(value)) if value else 'top'}"
    if field_name == "evidence":
        values = value if isinstance(value, list) else []
        options = " ".join(f"--evidence {quote(str(v))}" for v in values) or '--evidence ""'
        return f"plan edit {quote(item_id)} {options}"
    if field_name == "support_units":
        values = value if isinstance(value, list) else []
        options = " ".join(f"--support {quote(str(v))}" for v in values) or '--support ""'
        return f"plan edit {quote(item_id)} {options}"
    if field_name in EDITABLE_FIELDS:
        option = _EDIT_OPTIONS.get(field_name, "--" + field_name)
        return f"plan edit {quote(item_id)} {option} {text(value)}"
    return None


def _revert_fields(
    table: dict[str, Any], entry: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Put back the ``before`` values if the fields still hold the ``after`` ones."""
    before = entry.get("before", {}) if isinstance(entry.get("before"), dict) else {}
    after = entry.get("after", {}) if isinstance(entry.get("after"), dict) else {}
    for name in ("id", "parent"):
        if name in before or name in after:  # only a hand edit of the trace puts them here
            raise _not_revertible(table, entry, name)
    for name in dict.fromkeys([*before, *after]):
        if name == "log":
            continue
        now, then = table.get(name), after.get(name)
        if not (_same(now, then) and (name in table) == (name in after)):
            raise _conflict(
                str(table.get("id")),
                str(table.get("title")),
                name,
                now,
                then,
                before.get(name),
                table,
            )
    new = {name: before.get(name) for name in dict.fromkeys([*before, *after]) if name != "log"}
    return _apply(table, new)


def _not_revertible(table: dict[str, Any], entry: dict[str, Any], name: str) -> BadChange:
    at = entry.get("at")
    when = at.isoformat() if isinstance(at, dt.datetime) else str(at)
    item = f"{table.get('id')} {table.get('title')}"
    if name == "remove":  # a removal entry on an item that is in the plan, not the archive
        return BadChange(
            f"不能撤销：{item} 的这条删除记录（log 中 at = {when} 的一条）在计划中的事项上，而不在"
            "删除存档 [[removed]] 里，无从恢复；这条记录可能被手工改过。没有写入任何内容；请在"
            "计划文件中删去或改正该记录后重试。",
            f"Cannot undo: the removal entry of {item} at {when} is on an item in the plan, not "
            "in the [[removed]] archive, so there is nothing to restore; the entry may have been "
            "edited by hand. Nothing was written; delete or correct that entry in the plan "
            "file, then try again.",
        )
    why_zh = "编号从不改变" if name == "id" else "上级只由 plan move 改变"
    why_en = "an id never changes" if name == "id" else "only plan move changes a parent"
    return BadChange(
        f"不能撤销：{item} 的这条修改记录（log 中 at = {when} 的一条）写着要改回 {name}，"
        f"而{why_zh}，这条记录可能被手工改过。没有写入任何内容；请在计划文件中从该记录的 "
        f"before/after 里删去 {name} 后重试。",
        f"Cannot undo: the log entry of {item} at {when} would set {name} back, but {why_en}; "
        f"the entry may have been edited by hand. Nothing was written; delete {name} from that "
        "entry's before/after in the plan file, then try again.",
    )


def undo(plan: Plan, stamp: Stamp, *, anyone: bool = False) -> Outcome:
    """Revert the newest change not yet undone that ``stamp.by`` made (``anyone``: whoever
    made it); see the module's description. Newer changes by others are left alone, with a
    warning: undo never silently takes back a colleague's change (one merged in from git)."""
    group, skipped = _undoable(plan, None if anyone else stamp.by)
    at = _entry_at(plan, stamp)
    first = group[0].entry
    outcome = Outcome("undo", [], undone=dict(first))
    if skipped is not None:
        when = skipped.entry.get("at")
        outcome.warnings.append(
            Notice(
                "warn_undo_skipped",
                {
                    "by": str(skipped.entry.get("by", "")),
                    "at": when.strftime("%Y-%m-%d %H:%M") if isinstance(when, dt.datetime) else "",
                    "action_zh": action_label("zh", str(skipped.entry.get("action", ""))),
                    "action_en": action_label("en", str(skipped.entry.get("action", ""))),
                    "item": _found_name(skipped),
                },
            )
        )
    touched: list[Item | None] = []
    before: dict[str, Any]
    after: dict[str, Any]
    for found in reversed(group):
        entry, table = found.entry, found.table
        action = entry["action"]
        if found.item is None and action != "remove" and not found.header:
            raise BadChange(
                f"不能撤销：{table.get('id')} {table.get('title')} 已被删除。",
                f"Cannot undo: {table.get('id')} {table.get('title')} has been removed.",
            )
        if found.item is not None and action == "remove":  # only a hand edit puts it there
            raise _not_revertible(table, entry, "remove")
        undo_entry = _entry(at, stamp, "undo", undoes=entry["at"])
        if found.header:
            from .header import revert

            before, after = revert(plan, entry)
            touched.append(None)
        elif action == "remove":
            touched.append(_restore(plan, found))
            before, after = {}, {}
        elif action == "add":
            item = found.item
            assert item is not None
            if item.children:
                raise BadChange(
                    f"不能撤销新增 {item.id} {item.title}：它下面现在有事项。请先删除或移走它们。",
                    f"Cannot undo adding {item.id} {item.title}: items hang under it now. "
                    "Remove or move them first.",
                )
            touched.append(item.parent)
            before, after = {}, {}
        elif action == "move":
            assert found.item is not None
            touched.append(found.item.parent)
            before, after = _undo_move(plan, found.item, entry)
            touched.append(found.item)
        else:
            before, after = _revert_fields(table, entry)
            touched.append(found.item)
        _mark_undone(table, entry, at)
        if after:
            undo_entry["before"] = before
            undo_entry["after"] = after
        elif before:
            undo_entry["before"] = before
        _log(table, undo_entry)
        if action == "add" and found.item is not None:
            _archive_added(plan, found.item, at, stamp)
        if found.header:
            outcome.header = True
            outcome.items.insert(0, ("", ""))
        else:
            outcome.items.insert(0, (str(table.get("id")), str(table.get("title"))))
        if len(group) == 1:
            outcome.fields = _changed(before, after)
            outcome.measure = str(table.get("measure", ""))
    parts: list[Item | None] = [t for t in touched if t is not None and _in_plan(plan, t)]
    outcome.parts = _parts(plan, stamp, parts or [None])
    return outcome


def _in_plan(plan: Plan, item: Item) -> bool:
    return plan.by_id().get(item.id) is item


def _undo_move(
    plan: Plan, item: Item, entry: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Hang a moved item back under its old parent, at its old place, if it is still where the
    move put it. A parent the entry leaves unsaid is the one the id implies (older files)."""
    old, then = (str(side) for side in changed_fields(item.id, entry)["parent"])
    now = _parent_id(item)
    if now != then:
        raise _conflict(item.id, item.title, "parent", now, then, old)
    parent = plan.by_id().get(old) if old else None
    if old and parent is None:
        raise BadChange(
            f"不能撤销移动：原上级 {old} 已不在计划中。",
            f"Cannot undo the move: the old parent {old} is no longer in the plan.",
        )
    if parent is not None and parent.is_within(item):
        raise BadChange(
            f"不能撤销移动：原上级 {old} 现在在 {item.id} 之下，移回去会形成循环，没有改动任何内容。"
            f"如仍要把 {item.id} 放回 {old} 之下，先把 {old} 移出来（plan move {quote(old)} top），"
            f"再运行 plan move {quote(item.id)} {quote(old)}。",
            f"Cannot undo the move: the old parent {old} is below {item.id} now, and moving it "
            f"back would make a loop; nothing was changed. To hang {item.id} under {old} again, "
            f"move {old} out first (plan move {quote(old)} top), then run plan move "
            f"{quote(item.id)} {quote(old)}.",
        )
    _detach(plan, item)
    _apply(item.data, {"parent": _parent_field(item.id, parent)})
    position = entry.get("position")
    _attach(plan, item, parent, position if isinstance(position, int) else None)
    return {"parent": now}, {"parent": old}


def _archive_added(plan: Plan, item: Item, at: dt.datetime, stamp: Stamp) -> None:
    parent_id, position = _detach(plan, item)
    record_ = {
        "at": at,
        "by": stamp.by,
        "action": "undo",
        "parent": parent_id,
        "position": position,
        "item": [item.data],
    }
    plan.extra.setdefault(ARCHIVE, []).append(record_)


def _restore(plan: Plan, found: _Found) -> Item:
    """Put a removed item (and what was under it) back at its old parent and position."""
    record_ = found.record
    assert record_ is not None
    tables = record_["item"]
    if not tables or tables[0] is not found.table:
        raise BadChange(
            "不能撤销删除：删除记录（[[removed]]）已被改动。",
            "Cannot undo the removal: its record in [[removed]] has been changed.",
        )
    live = plan.by_id()
    clash = [str(t.get("id")) for t in tables if t.get("id") in live]
    if clash:
        raise BadChange(
            f"不能撤销删除：编号 {'、'.join(clash)} 现已被其他事项使用。",
            f"Cannot undo the removal: the id(s) {', '.join(clash)} are in use by other items now.",
        )
    parent_id = str(record_.get("parent", ""))
    parent = live.get(parent_id) if parent_id else None
    if parent_id and parent is None:
        raise BadChange(
            f"不能撤销删除：原上级 {parent_id} 已不在计划中。",
            f"Cannot undo the removal: the old parent {parent_id} is no longer in the plan.",
        )
    items = [Item(table) for table in tables]
    by_id = {item.id: item for item in items}
    root = items[0]
    for item in items[1:]:
        above = by_id.get(item.data.get("parent", implied_parent(item.id)))
        if above is None:  # pragma: no cover - the archive holds whole subtrees
            raise BadChange("删除记录不完整。", "The removal record is incomplete.")
        item.parent = above
        above.children.append(item)
    position = record_.get("position")
    _attach(plan, root, parent, position if isinstance(position, int) else None)
    records = plan.extra[ARCHIVE]
    records.remove(record_)
    if not records:
        del plan.extra[ARCHIVE]
    return root


# ---------------------------------------------------------------- comparing plans


def without_trace(doc: dict[str, Any]) -> dict[str, Any]:
    """A plan document without its trace (every item's log, the header's, the archive of
    removed items): what the plan says, as opposed to how it came to say it. Undoing every
    change since a plan gives back this of the plan."""
    out = {key: value for key, value in doc.items() if key not in ("plan", "item", ARCHIVE)}
    if isinstance(doc.get("plan"), dict):
        out["plan"] = {k: v for k, v in doc["plan"].items() if k != "log"}
    out["item"] = [{k: v for k, v in table.items() if k != "log"} for table in doc["item"]]
    return out


__all__ = [
    "ARCHIVE",
    "CHANGE_ACTIONS",
    "EDITABLE_FIELDS",
    "Outcome",
    "Stamp",
    "add",
    "add_note",
    "block",
    "done",
    "drop",
    "edit",
    "find_parent",
    "move",
    "next_id",
    "progress",
    "reaches_target",
    "record",
    "remove",
    "reopen",
    "start",
    "undo",
    "without_trace",
]
