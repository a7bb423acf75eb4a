"""The pure core of every change to a plan: the trace entry each writes and the rules each
keeps, and the status changes: ticking off, reopening, starting, blocking, dropping, progress,
figures, notes. Adding, editing, moving and removing items: ``structure``; undoing any of them:
``undoing``. No I/O, no terminal.

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

Removed items are not deleted: they move, logs included, to the top-level ``[[removed]]``
archive (``ARCHIVE``; see ``structure``), so that ``undo`` can put them back.

Undo (``undoing``) reverts the newest change not yet undone, from what these entries record.

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
from typing import Any

from .change_notices import blocked_at_full, blocked_warning, figure_measures
from .errors import BadChange
from .local_zone import local
from .model import (
    ITEM_FIELDS,
    Item,
    Plan,
    held_all_year,
    is_number,
    shows_work,
    task_status,
)
from .outcome import (
    Notice,
    Outcome,
    PartFigures,
)
from .rollup import metric_completion, metric_ratio
from .rollup_tree import plan_rollup, rollup
from .shell_words import quote
from .slotted import Frozen
from .status_dated import changed_later, task_there_on
from .status_dated import period_warning as _period_warning
from .texts import counted, format_number
from .trace import (
    ARCHIVE,
    changed_fields,
    log_of,
    newest_at,
    sort_time,
    wrote_at,
)
from .validate import check_item, title_drawn

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

ONE_MICROSECOND = dt.timedelta(microseconds=1)


class Stamp(Frozen):
    """Who makes a change and the time by their clock (aware); one per command."""

    __slots__ = ("by", "now")
    by: str
    now: dt.datetime

    def __init__(self, by: str, now: dt.datetime):
        self._set(by=by, now=now)

    @classmethod
    def current(cls, by: str) -> Stamp:
        return cls(by, local(dt.datetime.now()))

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


def day_made(at: dt.datetime, stamp: Stamp) -> dt.date | None:
    """Today, where the ``at`` of a change falls on another day (an entry in the trace written
    later than this clock: a colleague's clock fast near midnight, a year typed wrong), so that
    the change counts on the day it was made (``trace.effective_day``); else None."""
    return stamp.today if at.date() != stamp.today else None


def _log(item_data: dict[str, Any], entry: dict[str, Any]) -> None:
    """Append ``entry`` to a table's log: as a new list (see "Changes set, never edit in
    place" above), so the log the plan was read with is still the old one."""
    log = item_data.get("log", [])
    if not isinstance(log, list):  # pragma: no cover - validation refuses such a plan
        raise BadChange("事项的 log 不是列表。", "the item's log is not a list.")
    item_data["log"] = [*log, entry]


def can_undo(entry: dict[str, Any]) -> bool:
    """An entry of a change not yet undone."""
    return (
        isinstance(entry.get("at"), dt.datetime)
        and entry.get("action") in CHANGE_ACTIONS
        and "undone" not in entry
    )


def later_change(
    table: dict[str, Any], entry: dict[str, Any], names: list[str]
) -> dict[str, Any] | None:
    """The first change in ``table``'s log (an item's, or the header's ``[[plan.log]]``) newer
    than ``entry``, not undone, that names one of these fields: undo will not take it back."""
    since = sort_time(entry)
    item_id = str(table.get("id"))
    return next(
        (
            other
            for other in log_of(table)
            if other is not entry
            and can_undo(other)
            and sort_time(other) > since
            and not set(changed_fields(item_id, other)).isdisjoint(names)
        ),
        None,
    )


def made_by(entry: dict[str, Any]) -> tuple[str, str]:
    """Who made a change and when, as undo's refusals say it: ("乙 于 2023-06-30 09:00",
    " by 乙 at 2023-06-30 09:00"); each part left out where the entry does not say it."""
    from .texts import format_clock_time

    by = str(entry.get("by") or "").strip()
    at = entry.get("at")
    when = format_clock_time(at) if isinstance(at, dt.datetime) else ""
    zh = " ".join(part for part in (by, f"于 {when}" if when else "") if part)
    en = "".join(part for part in (f" by {by}" if by else "", f" at {when}" if when else ""))
    return zh, en


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
    if on is None:
        on = day_made(at, stamp)
    if on is not None:
        entry["on"] = on
    if note and note.strip() and title_drawn(note):  # (not spaces or a zero-width space alone)
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
    """Alike in type and value; a number and the same number as a float (50 and 50.0, typed
    as 50. or 5e1, or written so by hand) are one figure, shown alike in every view."""
    if is_number(a) and is_number(b):
        return a == b
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
            f"{item.named} 是目标（下有 {count} 项任务），它的状态和完成率由任务汇总而来，"
            f"不能直接{what_zh}。请对其下的任务操作（plan list --part {item.id}）。",
            f"{item.named} is a goal ({counted(count, 'task')} under it): its status and "
            f"completion come from its tasks, so it cannot be {what_en} itself. Change the "
            f"{'task' if count == 1 else 'tasks'} under it (plan list --part {item.id}).",
        )
    return item


def _not_done(item: Item, what_zh: str, what_en: str) -> None:
    if item.status == "done":
        raise BadChange(
            f"{item.named} 已经完成，不能{what_zh}。如确需更改，先运行 plan reopen {quote(item.id)}。",
            f"{item.named} is done and cannot be {what_en}. Run plan reopen {quote(item.id)} first if needed.",
        )
    if item.status == "dropped":
        raise BadChange(
            f"{item.named} 已取消，不能{what_zh}。如要恢复，先运行 plan reopen {quote(item.id)}。",
            f"{item.named} is dropped and cannot be {what_en}. Run plan reopen {quote(item.id)} first.",
        )


def _unchanged(item: Item, zh: str, en: str) -> BadChange:
    return BadChange(f"{item.named} {zh}，没有修改。", f"{item.named} {en}; nothing changed.")


# ---------------------------------------------------------------- what an outcome carries


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
    evidence = [text for e in evidence if (text := e.strip()) and title_drawn(text)]
    targets: dict[str, Item] = {}
    already: dict[str, Item] = {}  # done before: evidence is added
    with_goal: set[str] = set()  # tasks ticked off only as part of a goal (--all)
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
        if not open_tasks:  # (--all or not: there is nothing to tick off)
            raise BadChange(
                f"{item.named} 下没有未完成的任务。",
                f"{item.named} has no open tasks left.",
            )
        if not all_tasks:
            listed = [t.id for t in open_tasks]
            raise BadChange(
                f"{item.named} 是目标，其下未完成的任务有：{'、'.join(listed)}。"
                f"要全部销号请加 --all，或逐项写出任务编号。",
                f"{item.named} is a goal; its open task is {listed[0]}. Add --all to "
                "tick it off, or name the task."
                if len(listed) == 1
                else f"{item.named} is a goal; its open tasks are: {', '.join(listed)}. "
                "Add --all to tick them all off, or name the tasks.",
            )
        for task in open_tasks:
            if task.id not in targets:
                targets[task.id] = task
                with_goal.add(task.id)
    for task in targets.values():  # all refused before any is ticked off
        task_there_on(plan, on, task, "done")
    at = _entry_at(plan, stamp)
    day = on or stamp.today
    # Blocked tasks ticked off with the rest of a goal: said, so a block nobody settled is not
    # missed (one named on its own was meant).
    blocked = blocked_warning([t for t in targets.values() if t.id in with_goal])
    for task in targets.values():
        new: dict[str, Any] = {"status": "done", "done_on": day}
        if task.status == "blocked":
            new["reason"] = None  # a done task is not blocked by anything (as start does)
        if evidence:
            new["evidence"] = _with_evidence(task, evidence)
        before, after = _apply(task.data, new)
        changed_later(task, on, before, after, "done")
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
        warnings=_period_warning(plan, on, stamp) + blocked,
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
            f"{item.named} 已于{shown_zh or '此前'}销号，--on 与完成日期不同。补充销号依据时不要写 --on；"
            f"要改完成日期，先 plan reopen {quote(item.id)} 再销号。",
            f"{item.named} is done already{shown_en}, on another day than --on. Leave out "
            f"--on to add evidence; to change the date, run plan reopen {quote(item.id)}, then tick it off again.",
        )
    return BadChange(
        f"{item.named} 已经销号{shown_zh}。要补充销号依据，加 --evidence；"
        f"要改完成日期，先 plan reopen {quote(item.id)} 再销号。",
        f"{item.named} is already done{shown_en}. Add --evidence to add evidence; to "
        f"change the date, run plan reopen {quote(item.id)}, then tick it off again.",
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
    task_there_on(plan, on, item, action)
    was = item.status
    before, after = _apply(item.data, new)
    if not before and not after and not note:
        raise _unchanged(item, "已是这个状态", "is in that state already")
    changed_later(item, on, before, after, action)
    at = _entry_at(plan, stamp)
    _log(item.data, _entry(at, stamp, action, on=on, note=note, before=before, after=after))
    return Outcome(
        action,
        [(item.id, item.title)],
        fields=_shown_changes(item.data, was, before, after),
        on=on,
        parts=_parts(plan, stamp, [item]),
        measure=item.get("measure", ""),
        warnings=_period_warning(plan, on, stamp),
    )


def reopen(
    plan: Plan, name: str, stamp: Stamp, *, on: dt.date | None = None, note: str | None = None
) -> Outcome:
    """Undo a tick-off, a block or a drop by a new decision: status back to 进行中 when there is
    progress or a figure, else 未开始; done_on goes, and the reason of a block or drop."""
    item = _task(plan, name, "重新打开", "reopened")
    if item.status not in ("done", "blocked", "dropped"):
        raise _unchanged(item, "未完成、未受阻、未取消", "is not done, blocked or dropped")
    new: dict[str, Any] = {"status": "doing" if shows_work(item.data) else None, "done_on": None}
    if item.status in ("blocked", "dropped"):
        new["reason"] = None
    return _status_change(plan, item, stamp, "reopen", new, note, on)


def start(
    plan: Plan, name: str, stamp: Stamp, *, on: dt.date | None = None, note: str | None = None
) -> Outcome:
    item = _task(plan, name, "开始", "started")
    _not_done(item, "开始", "started")
    if item.get("status") == "doing":  # (one read so by its work alone gets it written)
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
    outcome = _status_change(plan, item, stamp, "block", new, note, on)
    outcome.warnings += blocked_at_full(item, on or stamp.today)
    return outcome


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


def _unwritten_start(item: Item, field: str, value: Any) -> bool:
    """Whether a task reads 进行中 with no status written (its work shows it:
    ``model.task_status``) and ``value`` changes its ``field``: a command that records work on
    it writes the status, as it does on a task 未开始, so that a progress or figure of 0 later
    leaves it 进行中, as one whose status says so."""
    if "status" in item.data or _same(item.data.get(field), value):
        return False
    return item.status == "doing"


def _shown_changes(
    table: dict[str, Any], was: str, before: dict[str, Any], after: dict[str, Any]
) -> dict[str, tuple[Any, Any]]:
    """The fields a change changed, its status as the task read before (``was``) and after
    (``model.task_status``: a status written where it read so already is no change to tell;
    one removed may leave it 进行中)."""
    fields = _changed(before, after)
    if "status" in fields:
        now = task_status(table)
        if now == was:
            del fields["status"]
        else:
            fields["status"] = (was, now)
    return fields


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
    task_there_on(plan, on, item, "progress")
    new: dict[str, Any] = {"progress": percent}
    was = item.status
    if (was == "todo" and percent > 0) or _unwritten_start(item, "progress", percent):
        new["status"] = "doing"
    before, after = _apply(item.data, new)
    if not before and not after and not note:
        raise _unchanged(item, f"进度已是 {format_number(percent)}%", "has that progress already")
    changed_later(item, on, before, after, "progress")
    at = _entry_at(plan, stamp)
    _log(item.data, _entry(at, stamp, "progress", on=on, note=note, before=before, after=after))
    return Outcome(
        "progress",
        [(item.id, item.title)],
        fields=_shown_changes(item.data, was, before, after),
        on=on,
        parts=_parts(plan, stamp, [item]),
        warnings=_period_warning(plan, on, stamp)
        + blocked_at_full(item, on or stamp.today)
        + figure_measures(item, percent),
    )


def reaches_target(plan: Plan, item: Item, value: float, day: dt.date) -> bool:
    """Would recording ``value`` on ``day`` meet the task's target while it is not yet done?
    A less-is-better figure (``smaller_is_better``) is a limit held all year (控制在5‰以内, 零发生, 下降10%): 4.2‰
    in March is no reason to tick it off, but from its deadline (or the plan's end) on, the
    limit has been kept. A rank reached (第28位 for 第30位) is asked whenever it is recorded."""
    if not (
        item.is_task
        and item.status not in ("done", "dropped")
        and is_number(item.get("target"))
        and metric_ratio(item, value) == (1, 1)
    ):
        return False
    if not held_all_year(item):  # a target of 0 is a limit too; a rate ≥98% a floor
        return True
    return day >= (item.due or plan.end)


# The headers plan import reads a 完成值 from (importing.headers.NAMES["actual"]), with a unit
# in brackets or not (完成值（亩）).
_ACTUAL_HEADERS = ("完成值", "完成数", "实际完成", "actual")


def _figure_words(item_data: dict[str, Any]) -> list[str]:
    """The fields in which plan import kept the words around the figure it read from the
    完成值 cell (已完成800亩, 约8公里, under 完成值): they say the figure a new one replaces,
    and shown beside it (完成值 900 and 完成值 已完成800亩) they would contradict it. Only
    words holding that figure itself: a column kept as text (--map 完成值=keep) stays."""
    actual = item_data.get("actual")
    if not isinstance(actual, int | float) or isinstance(actual, bool):
        return []
    import unicodedata  # (here: only a task with a figure looks, 0.4 M instructions a change)

    figure = format_number(actual)
    found = []
    for key, value in item_data.items():
        if key in ITEM_FIELDS or not isinstance(value, str):
            continue
        header = re.split(r"[（(]", key, maxsplit=1)[0].strip().lower()
        words = unicodedata.normalize("NFKC", value).replace(",", "")
        if header in _ACTUAL_HEADERS and re.search(
            rf"(?<![\d.]){re.escape(figure)}(?![\d.])", words
        ):
            found.append(key)
    return found


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
    task_there_on(plan, on, item, "record")
    was = item.status
    new: dict[str, Any] = {"actual": value}
    if not _same(item.data.get("actual"), value):
        new.update(dict.fromkeys(_figure_words(item.data), None))
    if tick and reaches_target(plan, item, value, on or stamp.today):
        new.update(status="done", done_on=on or stamp.today)
    elif (item.status == "todo" and (value != 0 or metric_completion(item, value))) or (
        _unwritten_start(item, "actual", value)
    ):
        # A fall to -1 % is a figure reported too, and so is 0 where it counts (0 accidents
        # for 零事故): a task its figure shows under way is not 未开始.
        new["status"] = "doing"
    before, after = _apply(item.data, new)
    if not before and not after and not note:
        raise _unchanged(item, f"完成值已是 {format_number(value)}", "has that figure already")
    changed_later(item, on, before, after, "record")
    at = _entry_at(plan, stamp)
    _log(item.data, _entry(at, stamp, "record", on=on, note=note, before=before, after=after))
    warnings = _period_warning(plan, on, stamp)
    if not is_number(item.get("target")):  # 60 (家) toward no figure: 完成率 stays its progress
        warnings.append(Notice("warn_no_target", {"id": item.id, "figure": format_number(value)}))
    warnings += blocked_at_full(item, on or stamp.today)
    return Outcome(
        "record",
        [(item.id, item.title)],
        fields=_shown_changes(item.data, was, before, after),
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
    task_there_on(plan, on, item, "note")
    day = on or stamp.today
    at = _entry_at(plan, stamp)
    _log(item.data, _entry(at, stamp, "note", on=day, note=text))
    return Outcome(
        "note",
        [(item.id, item.title)],
        on=day,
        parts=_parts(plan, stamp, [item]),
        # A day typed outside the plan may be a slip; a note of today on last year's plan is
        # said to be dated today, with how to date it (--on).
        warnings=_period_warning(plan, on, stamp),
    )


# ---------------------------------------------------------------- comparing plans


def without_trace(doc: dict[str, Any]) -> dict[str, Any]:
    """A plan document without its trace (every item's log, the header's, the archive of
    removed items): what the plan says, as opposed to how it came to say it. Undoing every
    change since a plan gives back this of the plan."""
    out = {key: value for key, value in doc.items() if key not in ("plan", "item", ARCHIVE)}
    if isinstance(doc.get("plan"), dict):
        out["plan"] = {k: v for k, v in doc["plan"].items() if k != "log"}
    out["item"] = [{k: v for k, v in table.items() if k != "log"} for table in doc.get("item", [])]
    return out


__all__ = [
    "ARCHIVE",
    "CHANGE_ACTIONS",
    "Outcome",
    "Stamp",
    "add_note",
    "block",
    "done",
    "drop",
    "progress",
    "reaches_target",
    "record",
    "reopen",
    "start",
    "without_trace",
]


# The structure changes live in structure.py, taken out when this module grew past its size;
# ``changes.add`` and the rest still name them, for the code and tests that call them so.
MOVED_TO_STRUCTURE = (
    "TOP_LEVEL_NAMES",
    "EDITABLE_FIELDS",
    "ADDABLE_FIELDS",
    "find_parent",
    "next_id",
    "add",
    "edit",
    "move",
    "remove",
)


def __getattr__(name: str) -> Any:
    # undo lives in undoing.py (it grew past this module's size); ``changes.undo`` still names
    # it, for the code and tests that call it so. Both are imported when first named here, so
    # a status change (plan done) loads neither module.
    if name == "undo":
        from .undoing import undo

        return undo
    if name in MOVED_TO_STRUCTURE:
        from . import structure

        return getattr(structure, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
