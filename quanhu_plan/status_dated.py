"""The rules a status change dated ``--on`` keeps beyond the change itself (``plan done``,
``reopen``, ``start``, ``block``, ``drop``, ``progress``, ``record``, ``note``): refused on a
day its task was not yet in the plan or was a goal, as ``add``/``rm``/``move``/``edit`` refuse
such a day (``backdated``), since ``--as-of`` replays the trace and no view of that day would
show the change; warned of on a day outside the plan's period or after today. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from .errors import BadChange
from .outcome import Notice
from .texts import one_line

if TYPE_CHECKING:
    from .changes import Stamp
    from .model import Item, Plan


# What each change does to ``who``, in the words of its refusal (backdated.there_on's).
DOING = {
    "done": ("销号 {who}", "tick off {who}"),
    "reopen": ("重新打开 {who}", "reopen {who}"),
    "start": ("开始 {who}", "start {who}"),
    "block": ("把 {who} 标记受阻", "block {who}"),
    "drop": ("取消 {who}", "drop {who}"),
    "progress": ("填报 {who} 的进度", "give {who} a progress"),
    "record": ("填报 {who} 的完成值", "give {who} a figure"),
    "note": ("给 {who} 写进展情况", "add a note to {who}"),
}


def task_there_on(plan: Plan, on: dt.date | None, item: Item, action: str) -> None:
    """Refuse ``action`` dated ``on`` (--on) to an item not in the plan at the end of that day
    (added later: it, or a goal it hangs under), or, but for a note, one that was a goal then
    (tasks under it that were removed or moved out since): the replay of that day would not
    have it, or would sum its status from those tasks, and the change would show nowhere."""
    if on is None:
        return
    from .trace import log_of

    # Replayed only where the trace may say no (a big plan's done --on loads no other task):
    # an add after that day, of it or of a goal above it; a child removed or moved out since.
    # The goals above are looked at only for a task moved since: a task is added under goals
    # there already (``backdated`` refuses an add dated before its goal's), so only a move
    # can have put it under a goal added later (their tables, a year's log each, not loaded).
    # A task its log says was neither added nor moved was in the plan as written (and
    # ``backdated`` is not loaded for it).
    actions = {entry.get("action") for entry in log_of(item.data)}
    if "add" in actions or "move" in actions:
        from .backdated import _added_after, there_on

        if _added_after(item, on, upward="move" in actions) is not None:
            there_on(plan, on, item, DOING[action])  # (refuses)
    if action == "note" or not item.is_task or not _had_children(plan, item):
        return
    from .replay import plan_as_of

    was = plan_as_of(plan, on).by_id().get(item.id)
    if was is None or was.is_task:
        return
    who = f"{item.id} {one_line(item.title)}"
    under = [child.id for child in was.children]
    when = on.isoformat()
    raise BadChange(
        f"不能在 {when} {DOING[action][0].format(who=who)}：那天它是目标（其下有 "
        f"{'、'.join(under)}），按 --as-of 查看那天时它的状态和完成率由其下任务汇总而来；见 "
        f"plan log {item.id}。没有写入任何内容。请把 --on 改为它成为任务（其下事项删除或移走）"
        "之后的日子；或对那天其下的任务操作。",
        f"Cannot {DOING[action][1].format(who=who)} on {when}: it was a goal on that day "
        f"({', '.join(under)} under it), and views --as-of that day sum its status and "
        f"completion from its tasks; see plan log {item.id}. Nothing was written. Give --on a "
        "day after it became a task (what was under it removed or moved out), or change the "
        "tasks under it on that day.",
    )


def changed_later(
    item: Item, on: dt.date | None, before: dict[str, Any], after: dict[str, Any], action: str
) -> None:
    """Refuse ``action`` dated ``on`` (--on) whose fields (``before``, ``after``: what it
    changed) a change in the trace changes on a later day (``backdated.changed_later``)."""
    if on is None or not item.data.get("log"):
        return
    from .backdated import changed_later as refuse_if_changed_later

    ticks_off = after.get("status") == "done"
    refuse_if_changed_later(item, on, [*before, *after], DOING[action], ticks_off)


def _had_children(plan: Plan, item: Item) -> bool:
    """Whether a task may have had items under it once: one removed from under it (its
    ``[[removed]]`` record names it), or one whose id it implies that hangs elsewhere now
    (moved out). Read from the ids and the archive alone, no item's table.

    A task has nothing under it, so any item whose id begins with its own (``2.1.3.``) hangs
    elsewhere, or under one that does: an id alone answers, found among all of them joined in
    one text (in C: the ids of the items not loaded are their sketches', ``model.Item``). An
    id holding a line break (or one that is no text) may say yes wrongly, which only costs
    the replay that decides."""
    from .trace import archive

    if any(
        isinstance(record, dict) and record.get("parent") == item.id for record in archive(plan)
    ):
        return True
    from .delta import taken

    # The items as the store read them for this change (``delta.Before``, from the parse cache
    # without a walk of a big plan): a status change asks this before it changes anything, and
    # changes nothing in the tree. Else walked.
    before = taken(plan)
    items = before.items if before is not None else plan.item_list()
    # (one comprehension: Python reads each item's slot faster so than an attrgetter's maps,
    # 3.4 M instructions against 8.6 M at 10,000 tasks)
    ids = [other.data["id"] if (sketch := other.sketch) is None else sketch[0] for other in items]
    try:
        return f"\n{item.id}." in "\n" + "\n".join(ids)
    except TypeError:  # an id that is no text (a plan not built from a file): the replay says
        return True


def period_warning(plan: Plan, on: dt.date | None, stamp: Stamp) -> list[Notice]:
    """A day typed that may be a slip: outside the plan's period, or after today (a fact not
    yet happened: --as-of replays it from that day, so a view as of today leaves it out while
    the plan as it is now has it); both where both hold (a year typed wrong). No day typed
    (``on`` None): the change is dated today, and where today is outside the plan's period
    (last year's plan brought up to date) that is said once, with how to date it (--on)."""
    warnings = []
    params = {"start": plan.start.isoformat(), "end": plan.end.isoformat()}
    if on is None:
        today = stamp.today
        if not plan.start <= today <= plan.end:
            example = plan.end if today > plan.end else plan.start
            params.update(today=today.isoformat(), example=example.isoformat())
            warnings.append(Notice("warn_today_outside_period", params))
        return warnings
    if not plan.start <= on <= plan.end:
        warnings.append(Notice("warn_outside_period", {"on": on.isoformat(), **params}))
    if on > stamp.today:
        params = {"on": on.isoformat(), "today": stamp.today.isoformat()}
        warnings.append(Notice("warn_after_today", params))
    return warnings
