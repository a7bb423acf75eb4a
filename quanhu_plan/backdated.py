"""A structure change dated ``--on`` a day the trace contradicts (``plan add``, ``edit``,
``move``, ``rm``): refused before anything is written, since ``--as-of`` replays the trace
(``replay``) and the views of the days between would lose or misplace what the change touched.
Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .errors import BadChange
from .model import Item, Plan
from .texts import one_line


def there_on(plan: Plan, on: dt.date | None, item: Item, doing: tuple[str, str]) -> Plan | None:
    """Refuse a change dated ``on`` (--on) to an item that was not in the plan at the end of
    that day, as ``--as-of`` replays it: added later (it, or a goal it hangs under). Made, the
    change would contradict the trace, and the views of the days between would lose what it
    moved or added (the replay takes the later add back, and with it all under it). Returns
    the plan as it stood then (None without ``on``)."""
    if on is None:
        return None
    from .replay import plan_as_of

    then = plan_as_of(plan, on)
    if item.id in then.by_id():
        return then
    added = _added_after(item, on)
    node, day = added if added is not None else (item, None)
    who = f"{item.id} {one_line(item.title)}"
    when = on.isoformat()
    zh = f"不能在 {when} {doing[0].format(who=who)}：那天它还不在计划中"
    en = f"Cannot {doing[1].format(who=who)} on {when}: it was not in the plan on that day"
    if day is not None:
        shown = day.isoformat()
        if node is item:
            zh += f"（它是 {shown} 才新增的）"
            en += f" (it was added on {shown})"
        else:
            zh += f"（它所在的 {node.id} {one_line(node.title)} 是 {shown} 才新增的）"
            en += f" (it hangs under {node.id} {one_line(node.title)}, added on {shown})"
    zh += f"，按 --as-of 查看那天时没有它；见 plan log {node.id}。没有写入任何内容。"
    en += (
        f", and views --as-of that day do not have it; see plan log {node.id}. Nothing was written."
    )
    if day is not None:
        zh += (
            f"请把 --on 改为 {shown} 或以后；如果 {node.id} 其实早已有了，可先用 plan undo 撤销"
            f"那次新增（须是最近的一次修改），再用 plan add … --on 写上它新增的日期。"
        )
        en += (
            f" Give --on {shown} or later; if {node.id} was there before, undo adding it (plan "
            "undo, where that is the latest change) and add it again with --on the day it was "
            "added."
        )
    raise BadChange(zh, en)


def _added_after(
    item: Item, on: dt.date, upward: bool = True
) -> tuple[Item, dt.date | None] | None:
    """The item, or the nearest goal above it, whose add counts after ``on``, and that day.
    ``upward``: look at the goals above it too (else the item alone)."""
    from .trace import counts_by, effective_day, log_of

    node: Item | None = item
    while node is not None:
        for entry in log_of(node.data):
            if entry.get("action") == "add" and "undone" not in entry:
                if not counts_by(entry, on):
                    return node, effective_day(entry)
        node = node.parent if upward else None
    return None


def moved_later(item: Item, on: dt.date | None) -> None:
    """Refuse a move dated ``on`` of an item a move already in the trace moves on a later day:
    the replay takes moves back in the order they were written, so the days between would
    show it under neither parent the office meant."""
    if on is None:
        return
    from .trace import counts_by, effective_day, log_of

    for entry in log_of(item.data):
        if entry.get("action") == "move" and "undone" not in entry and not counts_by(entry, on):
            day = effective_day(entry)
            shown = day.isoformat() if day else ""
            who = f"{item.id} {one_line(item.title)}"
            raise BadChange(
                f"不能在 {on.isoformat()} 移动 {who}：修改记录中已有它在 {shown} 的一次移动（更晚的"
                f"日子），更早的移动要记在它之前。没有写入任何内容。请把 --on 改为 {shown} 或以后；"
                f"或先撤销那次移动（plan log {item.id} 可查看），按日期先后重新移动。",
                f"Cannot move {who} on {on.isoformat()}: the trace already has it moved on "
                f"{shown}, a later day, and an earlier move must come before it. Nothing was "
                f"written. Give --on {shown} or later, or undo that move first (plan log "
                f"{item.id} shows it) and make the moves in the order of their days.",
            )


def subtree_kept(plan: Plan, on: dt.date | None, item: Item, then: Plan | None) -> None:
    """Refuse removing an item on ``on`` (--on) when what hung under it then is not what hangs
    under it now: an item moved out of it since (plan move, after that day) would have gone with
    it, and one moved in since was elsewhere then; the replay of the days between would lose
    them, though they are in the plan. ``then``: the plan at the end of that day (``there_on``).
    Items added under it since, or removed from under it since, are no such contradiction."""
    if on is None or then is None:
        return
    now_ids = {node.id for node in item.walk()}
    then_ids = {node.id for node in then.by_id()[item.id].walk()}
    in_plan, was_in_plan = plan.by_id(), then.by_id()
    moved_out = sorted(i for i in then_ids - now_ids if i in in_plan)
    moved_in = sorted(i for i in now_ids - then_ids if i in was_in_plan)
    if not moved_out and not moved_in:
        return
    who = f"{item.id} {one_line(item.title)}"
    when = on.isoformat()
    zh_parts, en_parts = [], []
    if moved_out:
        zh_parts.append(f"{'、'.join(moved_out)} 当时在它下面，之后移走了")
        en_parts.append(f"{', '.join(moved_out)} hung under it then and were moved out since")
    if moved_in:
        zh_parts.append(f"{'、'.join(moved_in)} 是之后才移到它下面的")
        en_parts.append(f"{', '.join(moved_in)} were moved under it since")
    raise BadChange(
        f"不能在 {when} 删除 {who}：{'；'.join(zh_parts)}（见 plan log {item.id}）。按这一天删除，"
        "与修改记录对不上，按 --as-of 查看时这些事项会不知去向。没有写入任何内容。请把 --on "
        "改为这些移动之后的日子；或先把它们移回原处，再按那一天删除。",
        f"Cannot remove {who} on {when}: {'; '.join(en_parts)} (see plan log {item.id}). "
        "Removed on that day, it would contradict the trace, and views --as-of the days between "
        "would lose those items. Nothing was written. Give --on a day after those moves, or move "
        "them back first and then remove it on that day.",
    )


# A status change that starts a task (plan start; progress or a figure on a task not started).
_STARTS = ((None, "doing"), ("todo", "doing"))
# What a tick-off, a start and a reopen set between them.
_TICK_OFF = ("status", "done_on", "reason")
_REDONE = ("done", "reopen")


def changed_later(
    item: Item,
    on: dt.date | None,
    names: Iterable[str],
    doing: tuple[str, str],
    ticks_off: bool = False,
    title: str | None = None,
) -> None:
    """Refuse a change dated ``on`` (--on) of fields (``names``) a change already in the trace
    changes on a later day. The replay gives a field the value of the last change written that
    counts (``replay.fields_as_of``), so the earlier one, written after, would stand from its
    day on: every view after the later day would show it, not the later value, the current
    value would not be the last in the trace, and its "before" would be a value the field had
    only later. A note changes no field and is never refused. ``ticks_off``: the change ticks
    the task off, which a later start (progress reported today on a task done in March, told
    late) does not contradict, nor a later tick-off or reopen (a task reopened to tick it off
    again on its right day). ``title``: the item's title as it stands in the file, where the
    refused change has already set ``item`` a new one (plan edit --title): the refusal names
    the item the user can find, not the one the edit would have made."""
    if on is None:
        return
    from .texts import LABELS, format_clock_time
    from .trace import changed_fields, counts_by, effective_day, log_of

    wanted = set(names)
    for entry in log_of(item.data):
        if "undone" in entry or entry.get("action") in ("note", "undo") or counts_by(entry, on):
            continue
        fields = changed_fields(item.id, entry)
        touched = [name for name in fields if name in wanted]
        if ticks_off and (fields.get("status") in _STARTS or entry.get("action") in _REDONE):
            # A start leads to done; a tick-off reopened since, then ticked off on another day,
            # is how a done date is changed (plan done's own refusal says so).
            touched = [name for name in touched if name not in _TICK_OFF]
        if not touched:
            continue
        day = effective_day(entry)
        shown = day.isoformat() if day else ""
        who = f"{item.id} {one_line(item.title if title is None else title)}"
        when = on.isoformat()
        zh_fields = "、".join(LABELS["zh"].get(name, name) for name in touched)
        en_fields = ", ".join(LABELS["en"].get(name, name).lower() for name in touched)
        at = entry.get("at")
        written = f"（{format_clock_time(at)} 记录）" if isinstance(at, dt.datetime) else ""
        raise BadChange(
            f"不能在 {when} {doing[0].format(who=who)}：修改记录中它的{zh_fields}在更晚的 "
            f"{shown} 已有一次修改{written}。更早的修改写在后面，按 --as-of 查看 {shown} 以后的"
            f"日子时会盖过那次修改，现在的值也不再是修改记录中最后的值。没有写入任何内容。请把 "
            f"--on 改为 {shown} 或以后；或先撤销那次修改（plan log {item.id} 可查看，plan undo "
            "撤销最近的一次），再按日期先后重新填报。",
            f"Cannot {doing[1].format(who=who)} on {when}: the trace already has its "
            f"{en_fields} changed on {shown}, a later day. Written after it, the earlier change "
            f"would override it in views --as-of {shown} and later, and the value now would not "
            f"be the last in the trace. Nothing was written. Give --on {shown} or later, or undo "
            f"that change first (plan log {item.id} shows it; plan undo takes back the latest) "
            "and make the changes in the order of their days.",
        )
