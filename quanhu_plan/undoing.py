"""Undo: the newest change not yet undone, across the whole plan and the archive, reverted.
Pure: no I/O, no terminal.

Fields get their ``before`` values (only if they still hold the ``after`` values; otherwise the
undo is refused rather than overwrite a later edit made by hand, with the command that would set
them back), an added item goes to the archive, a removed one comes back where it was, a moved
one goes back to its old parent and position. The entry is kept and marked ``undone``; the undo
itself is recorded as an ``undo`` entry. A ``note`` is a change too: undoing it marks it undone.
Undo entries are never undone themselves: running undo again walks further back. The trace
entries and the rules every change keeps are in ``changes``.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .changes import (
    CHANGE_ACTIONS,
    Stamp,
    _apply,
    _changed,
    _entry,
    _entry_at,
    _log,
    _mark_undone,
    _parts,
    _same,
    _shown_changes,
    can_undo,
    later_change,
    made_by,
)
from .errors import BadChange, NothingToUndo
from .model import Item, Plan, implied_parent, shows_work, task_status
from .outcome import Notice, Outcome, _field_name, show_value
from .shell_words import quote
from .structure import EDITABLE_FIELDS, _attach, _detach, _parent_field, _parent_id
from .texts import format_clock_time, format_number, title_in_line
from .texts_changes import action_label
from .trace import ARCHIVE, archived_tables, changed_fields, log_of, sort_time


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
    # Every entry that can be undone, as where it is (an item's place in the tree, or -1 for
    # the archive and the header, with the _Found), which of its log, its time and whether it
    # is ``by``'s; each found again only for the few entries that are undone or named.
    items = plan.item_list()
    found: list[tuple[int, int, Any, bool, _Found | None]] = []
    for n, table in enumerate(_tables(plan, items)):
        for k, entry in enumerate(table.get("log", [])):
            if can_undo(entry):
                found.append((n, k, sort_time(entry), by is None or entry.get("by") == by, None))
    others: list[_Found] = []
    for record, table in archived_tables(plan):
        others += [_Found(e, table, None, record) for e in log_of(table)]
    others += [_Found(e, plan.meta, None, None, header=True) for e in log_of(plan.meta)]
    found += [
        (-1, 0, sort_time(f.entry), by is None or f.entry.get("by") == by, f)
        for f in others
        if can_undo(f.entry)
    ]

    def of(place: tuple[int, int, Any, bool, _Found | None]) -> _Found:
        n, k, _, _, kept = place
        if kept is not None:
            return kept
        item = items[n]
        return _Found(item.log[k], item.data, item, None)

    mine = [f for f in found if f[3]]
    if not mine:
        newest_of_all = max(found, key=_TIME, default=None)
        if newest_of_all is None:
            raise NothingToUndo()
        raise _not_yours(by or "", of(newest_of_all))
    newest = max(map(_TIME, mine))
    later = [f for f in found if f[2] > newest]
    skipped = max(later, key=_TIME, default=None)
    group = [of(f) for f in mine if f[2] == newest]
    return group, of(skipped) if skipped is not None else None


_TIME = operator.itemgetter(2)


def _tables(plan: Plan, items: list[Item]) -> Iterator[dict[str, Any]]:
    """Each item's table, as ``data`` gives it; those of a plan recalled from the parse cache
    without being loaded into their items (``store.cache.looked_at``, asked through an item's
    source: this module knows nothing of the cache): undo looks at every log of a long plan and
    changes one or two tables, which alone are loaded (and copied by the change, ``delta``)."""
    source = next((item.source for item in items if item.source is not None), None)
    if source is None:
        return (item.data for item in items)
    looked: Iterator[dict[str, Any]] = source.looked_at(plan, items)
    return looked


def _found_name(found: _Found) -> str:
    if found.header:
        return f"[plan] {found.table.get('title')}"
    return f"{found.table.get('id')} {found.table.get('title')}"


def _not_yours(by: str, newest: _Found) -> BadChange:
    """Undo refused: every change not yet undone is someone else's (after a merge, say)."""
    entry = newest.entry
    at = entry.get("at")
    when = format_clock_time(at) if isinstance(at, dt.datetime) else ""
    other = str(entry.get("by") or "").strip()
    item = _found_name(newest)
    action = str(entry.get("action", ""))
    # A hand-edited entry may name nobody, or no time: said so, not left as a gap.
    who_zh, who_en = (other, f" by {other}") if other else ("未署名的人", " by nobody named")
    when_zh, when_en = (f" 于 {when}", f" at {when}") if when else ("", "")
    in_name_zh = f"（或 plan undo --by {quote(other)}，以其名义）" if other else ""
    in_name_en = f" (or plan undo --by {quote(other)}, in their name)" if other else ""
    return BadChange(
        f"没有撤销：{by} 没有可以撤销的修改。最新的修改是 {who_zh}{when_zh} 对 {item} 的"
        f"{action_label('zh', action)}；撤销只撤销自己的修改，不会悄悄撤销同事的修改。确要撤销它，"
        f"请运行 plan undo --anyone{in_name_zh}。",
        f"Nothing undone: {by} has no change left to undo. The newest change is the "
        f"{action_label('en', action)} of {item}{who_en}{when_en}; undo takes back only your "
        f"own changes, never a colleague's silently. To undo it all the same, run plan undo "
        f"--anyone{in_name_en}.",
    )


def _made_after_removal(found: _Found) -> bool:
    """Was the change made to an archived item after its removal, on another copy of the plan
    (a merge brought both)? Its maker's next undo is this change, never that older removal:
    refused, it would stop every later undo of theirs (one login name on every office PC, or
    one clerk's two computers)."""
    record = found.record or {}
    return sort_time(found.entry) > sort_time(record)


def _revert_archived(
    plan: Plan, found: _Found, at: dt.datetime, stamp: Stamp
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Take a change back on an archived item's table (``_made_after_removal``): its fields
    as for an item in the plan; a move by the parent it names (the item comes back under that
    one when the removal is undone); an add by taking the item out of the removal's record
    into one of its own, as undoing an add archives it, so that undoing the removal does not
    bring it back."""
    table, entry = found.table, found.entry
    item_id = str(table.get("id"))
    action = entry.get("action")
    if action == "add":
        record_ = found.record or {}
        tables = record_.get("item") or []
        if any(t.get("parent", implied_parent(str(t.get("id")))) == item_id for t in tables):
            raise BadChange(
                f"不能撤销新增 {item_id} {table.get('title')}：它下面现在有事项。请先撤销或移走它们。",
                f"Cannot undo adding {item_id} {table.get('title')}: items hang under it now. "
                "Undo or move them first.",
            )
        records = plan.extra[ARCHIVE]  # (a record is never edited in place: ``delta``)
        kept = [t for t in tables if not (isinstance(t, dict) and t.get("id") == item_id)]
        records[records.index(record_)] = {**record_, "item": kept}
        parent_id = str(table.get("parent", implied_parent(item_id)))
        record_added = {"at": at, "by": stamp.by, "action": "undo", "parent": parent_id}
        records.append({**record_added, "item": [table]})
        return {}, {}
    if action != "move":
        return _revert_fields(table, entry)
    old, then = (str(side) for side in changed_fields(item_id, entry)["parent"])
    now = str(table.get("parent", implied_parent(item_id)))
    if now != then:
        raise _conflict(item_id, str(table.get("title")), "parent", now, then, old)
    _apply(table, {"parent": None if old == implied_parent(item_id) else old})
    return {"parent": now}, {"parent": old}


def _removed_since(found: _Found) -> BadChange:
    """Undo refused: the item the change was made to has been removed since, by someone else
    (one's own removal is the newer change, undone first). Who and when, and the way on: that
    removal undone first, in its maker's name; refused without it, this change would stop every
    later undo of its maker."""
    record = found.record or {}
    other = str(record.get("by") or "").strip()
    item = f"{found.table.get('id')} {found.table.get('title')}"
    said_zh, said_en = made_by(record)
    by_zh = f"plan undo --by {quote(other)}（以其名义）" if other else "plan undo --anyone"
    by_en = f"plan undo --by {quote(other)} (in their name)" if other else "plan undo --anyone"
    return BadChange(
        f"不能撤销：{item} 已被{f' {said_zh} ' if said_zh else ''}删除。要撤销这次修改，先撤销那次删除："
        f"运行 {by_zh}；之后再运行 plan undo。",
        f"Cannot undo: {item} was removed{said_en}. To undo "
        f"this change, first undo that removal: run {by_en}; then run plan undo again.",
    )


def _conflict(
    item_id: str,
    title: str,
    field_name: str,
    now: Any,
    then: Any,
    wanted: Any,
    table: dict[str, Any] | None = None,
    later: dict[str, Any] | None = None,
) -> BadChange:
    """Undo refused: the field no longer holds what the change wrote, or holds it as set again
    by a ``later`` change (a colleague's, merged in); say how to set ``wanted`` (the value
    before the change) with a command that exists."""
    started = table is not None and shows_work(table)  # as reopen judges it
    steps = command_to_set(item_id, field_name, wanted, now, started=started)
    if _holds(now, wanted) or (field_name == "status" and (now or "todo") == (wanted or "todo")):
        shown_zh, shown_en = (
            show_value(field_name, wanted, "zh"),
            show_value(field_name, wanted, "en"),
        )
        advice_zh = f"它现在已经是撤销要改回的 {shown_zh}，不用再改。"
        advice_en = (
            f"It already holds {shown_en}, the value undo would give it back; nothing to do."
        )
    elif steps is None:
        advice_zh, advice_en = (
            "如仍要改回，请在计划文件中手工修改该字段。",
            "To set it back anyway, change that field in the plan file by hand.",
        )
    elif wanted is None:
        advice_zh = f"如仍要清除该字段，请运行：{_in_words(steps, 'zh')}"
        advice_en = f"To clear it anyway, run: {_in_words(steps, 'en')}"
    else:
        advice_zh = (
            f"如仍要改回 {show_value(field_name, wanted, 'zh')}，请运行：{_in_words(steps, 'zh')}"
        )
        advice_en = (
            f"To set it back to {show_value(field_name, wanted, 'en')} anyway, run: "
            f"{_in_words(steps, 'en')}"
        )
    if later is not None:  # the same value, set again since: who and when, not "now X, then X"
        said_zh, said_en = made_by(later)
        return BadChange(
            f"不能撤销：这次修改之后，{f'{said_zh} 又' if said_zh else '又有一次修改'}把 "
            f"{item_id} {title} 的 {_field_name(field_name, 'zh')}改为 "
            f"{show_value(field_name, now, 'zh')}（与这次修改相同），撤销会覆盖那次改动。"
            + advice_zh,
            f"Cannot undo: {field_name} of {item_id} {title} was set again after this change"
            f"{said_en} (to the same {show_value(field_name, now, 'en')}); undoing would "
            "overwrite that. " + advice_en,
        )
    return BadChange(
        f"不能撤销：{item_id} {title} 的 {_field_name(field_name, 'zh')} 在这次修改之后又被改过"
        f"（现在是 {show_value(field_name, now, 'zh')}，这次修改后是 {show_value(field_name, then, 'zh')}），"
        "撤销会覆盖那次改动。" + advice_zh,
        f"Cannot undo: {field_name} of {item_id} {title} was changed after this change (it is "
        f"{show_value(field_name, now, 'en')} now, this change made it {show_value(field_name, then, 'en')}); "
        "undoing would overwrite that. " + advice_en,
    )


def _holds(now: Any, then: Any) -> bool:
    """Does a field hold the value a change wrote? A number by its value: the 60 a command
    wrote, retyped by hand as 60.0, is the figure every command shows as 60%."""
    if _is_number(now) and _is_number(then):
        return bool(now == then)
    return _same(now, then)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _in_words(steps: list[str], lang: str) -> str:
    """Commands to run one after the other in words, not with ``&&``: Windows PowerShell 5.1,
    an office PC's terminal, refuses it."""
    return ("，再运行 " if lang == "zh" else ", then ").join(steps)


def _status_command(item: str, wanted: str, now: str, started: bool) -> list[str] | None:
    """The commands that take a task from status ``now`` to ``wanted``: a done or dropped task
    must be reopened first; reopening gives 进行中 to a task with progress or a figure
    (``started``), else 未开始; nothing takes a task in progress back to 未开始 but a hand edit."""
    reopen = f"plan reopen {item}"
    closed = now in ("done", "dropped")
    if wanted == "todo":
        return [reopen] if now in ("done", "blocked", "dropped") and not started else None
    if wanted == "doing":
        if closed:
            return [reopen] if started else [reopen, f"plan start {item}"]
        return [f"plan start {item}"]
    verb = {"done": "done", "blocked": "block", "dropped": "drop"}.get(wanted)
    if verb is None:
        return None
    step = f"plan {verb} {item}" + (" --reason …" if verb in ("block", "drop") else "")
    return [reopen, step] if closed and not (verb == "drop" and now == "dropped") else [step]


# The options of ``plan edit`` whose name is not the field's.
_EDIT_OPTIONS = {
    "lead_unit": "--unit",
    "support_units": "--support",
    "target_text": "--target-text",
}


def command_to_set(
    item_id: str, field_name: str, value: Any, now: Any = None, *, started: bool = False
) -> list[str] | None:
    """The command lines that give an item's field this value (from ``now``, its value at
    present), one or two to run one after the other, or None when no command sets it (the
    trace, the id, a status no command moves to from the present one)."""

    def text(v: Any) -> str:
        if v is None:
            return '""'
        return quote(
            v if field_name == "direction" else show_value(field_name, v, "en", limit=None)
        )

    if field_name == "status":
        return _status_command(quote(item_id), str(value or "todo"), str(now or "todo"), started)
    if field_name == "progress":
        return [f"plan progress {quote(item_id)} {format_number(value or 0)}"]
    if field_name == "actual":
        return (
            [f"plan record {quote(item_id)} {format_number(value)}"] if value is not None else None
        )
    if field_name == "done_on":
        reopen = f"plan reopen {quote(item_id)}"
        if value is None:
            return [reopen]
        return [reopen, f"plan done {quote(item_id)} --on {text(value)}"]
    if field_name == "parent":
        return [f"plan move {quote(item_id)} {quote(str(value)) if value else 'top'}"]
    if field_name == "evidence":
        values = value if isinstance(value, list) else []
        options = " ".join(f"--evidence {quote(str(v))}" for v in values) or '--evidence ""'
        return [f"plan edit {quote(item_id)} {options}"]
    if field_name == "support_units":
        values = value if isinstance(value, list) else []
        options = " ".join(f"--support {quote(str(v))}" for v in values) or '--support ""'
        return [f"plan edit {quote(item_id)} {options}"]
    if field_name in EDITABLE_FIELDS:
        option = _EDIT_OPTIONS.get(field_name, "--" + field_name)
        return [f"plan edit {quote(item_id)} {option} {text(value)}"]
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
    if _reverted_by_hand(table, entry, before, after):
        return {}, {}
    for name in dict.fromkeys([*before, *after]):
        if name == "log":
            continue
        now, then = table.get(name), after.get(name)
        # A later change still standing that set the field to the same value (a colleague's,
        # both made apart and merged by git) is overwritten just the same.
        later = later_change(table, entry, [name])
        if not _field_holds(table, after, name) or later is not None:
            raise _conflict(
                str(table.get("id")),
                str(table.get("title")),
                name,
                now,
                then,
                before.get(name),
                table,
                later if _field_holds(table, after, name) else None,
            )
    new = {name: before.get(name) for name in dict.fromkeys([*before, *after]) if name != "log"}
    return _apply(table, new)


def _reverted_by_hand(
    table: dict[str, Any], entry: dict[str, Any], before: dict[str, Any], after: dict[str, Any]
) -> bool:
    """Does every field the change touched hold its ``before`` value again, and no longer the
    ``after`` one (set back in an editor)? Then undo has nothing to overwrite and only records
    itself: refused, it would stop every later plan undo on this change for ever. Not where a
    later change still standing set a field back: that change's own undo would give the field
    this change's value again, with both undone."""
    names = [name for name in dict.fromkeys([*before, *after]) if name != "log"]
    if _set_later(table, entry, names):
        return False
    return (
        bool(names)
        and all(_field_holds(table, before, name) for name in names)
        and not all(_field_holds(table, after, name) for name in names)
    )


def _field_holds(table: dict[str, Any], side: dict[str, Any], name: str) -> bool:
    """Does the item's field hold what a side of a change (``before``, ``after``) says of it,
    the field left out where the side leaves it out?"""
    if name == "status":  # no status is 未开始: status = "todo" typed in by hand says the same
        return (table.get(name) or "todo") == (side.get(name) or "todo")
    return (name in table) == (name in side) and _holds(table.get(name), side.get(name))


def _set_later(table: dict[str, Any], entry: dict[str, Any], names: list[str]) -> bool:
    """Does a change newer than ``entry``, not undone, name one of these fields?"""
    return later_change(table, entry, names) is not None


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
    group, pasted = _pasted_copies_apart(group)
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
                    "at": format_clock_time(when) if isinstance(when, dt.datetime) else "",
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
            if not _made_after_removal(found):
                raise _removed_since(found)
        if found.item is not None and action == "remove":  # only a hand edit puts it there
            raise _not_revertible(table, entry, "remove")
        if action != "resolve":  # (undoing the settling of a conflict opens it again)
            from .merging.conflicts import refuse_in_conflict

            refuse_in_conflict(table)
        undo_entry = _entry(at, stamp, "undo", undoes=entry["at"])
        was: str | None = None
        if found.header:
            from .header import revert

            before, after = revert(plan, entry)
            touched.append(None)
        elif action == "remove":
            touched.append(_restore(plan, found))
            before, after = {}, {}
        elif found.item is None:  # archived before it was made (``_made_after_removal``)
            before, after = _revert_archived(plan, found, at, stamp)
            touched.append(None)
        elif action == "add":
            item = found.item
            assert item is not None
            if item.children:
                raise BadChange(
                    f"不能撤销新增 {item.named}：它下面现在有事项。请先删除或移走它们。",
                    f"Cannot undo adding {item.named}: items hang under it now. "
                    "Remove or move them first.",
                )
            _refuse_if_worked_on(item, entry)
            touched.append(item.parent)
            before, after = {}, {}
        elif action == "move":
            assert found.item is not None
            touched.append(found.item.parent)
            before, after = _undo_move(plan, found.item, entry)
            touched.append(found.item)
        else:
            was = task_status(table)
            before, after = _revert_fields(table, entry)
            touched.append(found.item)
            if not before and not after and _changed_fields_named(entry):
                outcome.warnings.append(
                    Notice("warn_undo_by_hand", {"item": f"{table.get('id')} {table.get('title')}"})
                )
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
            fields = _changed(before, after)
            if was is not None:  # a task's fields: its status as it read before and after
                fields = _shown_changes(table, was, before, after)
            outcome.fields = fields
            outcome.measure = str(table.get("measure", ""))
    for copy in pasted:  # the same change, so undone with it
        _mark_undone(copy.table, copy.entry, at)
    parts: list[Item | None] = [t for t in touched if t is not None and _in_plan(plan, t)]
    outcome.parts = _parts(plan, stamp, parts or [None])
    return outcome


def _changed_fields_named(entry: dict[str, Any]) -> bool:
    """Does the entry name fields it changed (a note names none)?"""
    return any(isinstance(entry.get(side), dict) and entry[side] for side in ("before", "after"))


def _pasted_copies_apart(group: list[_Found]) -> tuple[list[_Found], list[_Found]]:
    """The entries to revert, and those that are a copy of one of them in the same log (a block
    pasted twice in an editor): one change, reverted once; reverting the copy again would find
    the field already set back and refuse for ever."""
    kept: list[_Found] = []
    copies: list[_Found] = []
    for found in group:
        same = (k for k in kept if k.table is found.table and k.entry == found.entry)
        (copies if next(same, None) is not None else kept).append(found)
    return kept, copies


def _refuse_if_worked_on(item: Item, added: dict[str, Any]) -> None:
    """Undoing an add would take the item, and every change made to it since, to the archive:
    refused while such a change stands (a colleague's; one's own are undone first, newest
    first), since undo never silently takes back a colleague's change."""
    since = [
        e
        for e in item.log
        if e is not added
        and isinstance(e.get("at"), dt.datetime)
        and e.get("action") in CHANGE_ACTIONS
        and "undone" not in e
        and sort_time(e) > sort_time(added)
    ]
    if not since:
        return
    newest = max(since, key=sort_time)
    at = newest.get("at")
    when = format_clock_time(at) if isinstance(at, dt.datetime) else ""
    other, action = str(newest.get("by", "")), str(newest.get("action", ""))
    zh_change = f"{other} 于 {when} 的{action_label('zh', action)}"
    en_change = f"the {action_label('en', action)} by {other} at {when}"
    if len(since) == 1:
        zh = f"新增之后它又有一处修改没有撤销（{zh_change}），撤销新增会把它一并移走"
        en = f"a change made to it since stands ({en_change}), and undoing the add would take it"
    else:
        zh = (
            f"新增之后它又有 {len(since)} 处修改没有撤销（最新的是 {zh_change}），"
            "撤销新增会把它们一并移走"
        )
        en = (
            f"{len(since)} changes made to it since stand (the newest: {en_change}), and undoing "
            "the add would take them"
        )
    raise BadChange(
        f"不能撤销新增 {item.named}：{zh}。没有改动任何内容。如确要去掉这个事项，"
        f"请运行 plan rm {quote(item.id)}（可用 plan undo 恢复）。",
        f"Cannot undo adding {item.named}: {en} away too. Nothing was changed. To "
        f"take the item out all the same, run plan rm {quote(item.id)} (plan undo brings it "
        "back).",
    )


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
            f"不能撤销移动：原上级 {old} 已不在计划中（已删除，或在计划文件里改了编号），没有改动"
            f"任何内容。编号改过的，把它改回 {old} 后再撤销；要把 {item.id} 放到别处，用 "
            f"plan move {quote(item.id)} 新上级的编号。",
            f"Cannot undo the move: the old parent {old} is no longer in the plan (removed, or "
            f"its id changed in the plan file); nothing was changed. If its id was changed, "
            f"change it back to {old} and undo again; to put {item.id} elsewhere, run plan move "
            f"{quote(item.id)} NEW-PARENT.",
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
    clash = [live[t["id"]] for t in tables if t.get("id") in live]
    if clash:
        # (plan add takes no removed item's id: a hand edit or a merge gave it anew)
        now = [f"{item.id} 现在是 {title_in_line(item.title)}" for item in clash]
        now_en = [f"{item.id} is now {title_in_line(item.title)}" for item in clash]
        ids = [item.id for item in clash]
        raise BadChange(
            f"不能撤销删除：删除之后又有事项用了同一编号（编号 {'；'.join(now)}），恢复后会有两个"
            "事项编号相同；没有改动任何内容。要恢复删除的事项，先在计划文件里把现在的 "
            f"{'、'.join(ids)} 改成未用过的编号，再撤销；删除的内容留在计划文件的 [[removed]] "
            "记录里。",
            f"Cannot undo the removal: an item took the same id after it (id {'; '.join(now_en)}), "
            "and two items would share it; nothing was changed. To get the removed item back, "
            f"give the item{'s' if len(ids) > 1 else ''} now at {', '.join(ids)} an unused id in "
            "the plan file, then undo; what was removed is kept in the plan file's [[removed]] "
            "record.",
        )
    parent_id = str(record_.get("parent", ""))
    position = record_.get("position")
    # Moved on another copy after this one removed it (a merge): back under that parent.
    moved_to = tables[0].get("parent")
    if isinstance(moved_to, str) and moved_to != parent_id and moved_to in live:
        parent_id, position = moved_to, None
    parent = live.get(parent_id) if parent_id else None
    if parent_id and parent is None:
        removed = str(tables[0].get("id"))
        raise BadChange(
            f"不能撤销删除：{removed} 的原上级 {parent_id} 已不在计划中（已删除，或在计划文件里"
            f"改了编号），没有改动任何内容。编号改过的，把它改回 {parent_id} 后再撤销；"
            f"{removed} 的内容留在计划文件的 [[removed]] 记录里。",
            f"Cannot undo the removal: the old parent {parent_id} of {removed} is no longer in "
            f"the plan (removed, or its id changed in the plan file); nothing was changed. If "
            f"its id was changed, change it back to {parent_id} and undo again; {removed} is "
            "kept in the plan file's [[removed]] record.",
        )
    items = [Item(table) for table in tables]
    by_id = {item.id: item for item in items}
    root = items[0]
    # An item one side of a merge moved out of the subtree the other side removed is kept in
    # its record with the parent it was moved to: it goes back under that parent.
    moved_out: list[tuple[Item, Item]] = []
    for item in items[1:]:
        above_id = str(item.data.get("parent", implied_parent(item.id)))
        above = by_id.get(above_id)
        if above is None:
            if live.get(above_id) is None:
                raise BadChange(
                    f"不能撤销删除：删除记录中的 {item.named} 的上级 {above_id} 既不在"
                    "记录中，也不在计划中。请在计划文件的 [[removed]] 中把它的 parent 改为现有的"
                    "事项后再撤销。",
                    f"Cannot undo the removal: the parent {above_id} of {item.named} "
                    "in its record is neither in the record nor in the plan. Set its parent in "
                    "the [[removed]] record of the file to an item there, then undo again.",
                )
            moved_out.append((item, live[above_id]))
            continue
        item.parent = above
        above.children.append(item)
    _attach(plan, root, parent, position if isinstance(position, int) else None)
    for item, above in moved_out:
        _attach(plan, item, above)
    records = plan.extra[ARCHIVE]
    records.remove(record_)
    if not records:
        del plan.extra[ARCHIVE]
    return root
