"""The check every change passes before it is written: the plan it leaves loses no item and is a
valid plan file. Pure: no I/O.

A change works on the tree in memory, and the file is written from that tree; an item the tree
no longer reaches (a parent loop made by undoing a hand-edited trace) would simply not be
written. So every change command runs its change through ``checked``: the items, live and
archived, are counted before and after (a removal archives, so it loses nothing either), and the
document that would be written is validated exactly as the next command will read it. Either
failing refuses the change with a message, and nothing is written. So does a change to an
item with a merge conflict not yet settled (``merging.conflicts``), other than settling it.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections import Counter
from collections.abc import Callable
from typing import Any, TypeVar

from .delta import Delta, changed_keys, taken
from .errors import BadChange, Problem
from .model import Item, Plan, implied_parent
from .texts import plural_s
from .trace import archived_tables
from .validate import MAX_TREE_DEPTH, check_item

T = TypeVar("T")


def item_counts(plan: Plan) -> Counter[str]:
    """How many times each id is held: by a live item, or by an item in the archive."""
    counts = Counter(item.id for item in plan.items())
    counts.update(
        table["id"] for _, table in archived_tables(plan) if isinstance(table.get("id"), str)
    )
    return counts


def checked(plan: Plan, change: Callable[[Plan], T]) -> T:
    """Make ``change`` on ``plan``; refuse (BadChange) if it would lose an item or leave a plan
    that is not valid. The caller writes nothing when this raises.

    On a plan the store took copies of (``delta.taken``: valid as read), a change that is not
    structural is checked where it changed: the tables it touched and the header, which is the
    whole check, since nothing else changed (see ``_problems_in``). Any problem found there,
    and every structural change, is checked whole, so the refusal and its message are those of
    the whole check."""
    before = taken(plan)
    if before is None:
        return _checked_whole(plan, change)
    result = change(plan)
    found = before.delta()
    if found.structural:
        if found.added is not None and _fits(found.added, before.after or []):
            return result  # nothing else changed: no table in conflict was written to
        _refuse_changes_in_conflict(before.in_conflict())
        before_counts = Counter(i for i in before.ids_read() if isinstance(i, str))
        return _verdict(plan, result, before_counts, before.as_read)
    _refuse_changes_in_conflict(before.in_conflict([i.data for i, _ in found.changed]))
    if _problems_in(plan, found):
        return _verdict(plan, result, None)
    return result


def _fits(item: Item, items: list[Item]) -> bool:
    """Whether one item added to a plan valid as read (``Delta.added``: nothing else changed)
    leaves it valid, as ``build_plan`` of the whole would find: its own table has no problem,
    its id is text no other item has, its parent is the one its id implies (it names none) and
    it is no deeper than the tree may go. ``items``: the plan's, the new one among them; their
    ids come from their sketches (no table loaded). The archive is as read (an id taken there
    is no problem of the plan's: ``structure.next_id`` passes it by). Where this says no, the
    whole check is made, for its verdict and message."""
    table = item.data
    item_id = table.get("id")
    if not isinstance(item_id, str) or not item_id.strip() or "parent" in table:
        return False
    parent = item.parent
    if implied_parent(item_id) != (parent.id if parent is not None else ""):
        return False
    depth, above = 1, parent
    while above is not None:
        depth, above = depth + 1, above.parent
    if depth > MAX_TREE_DEPTH or check_item(table):
        return False
    return sum(1 for other in items if other.id == item_id) == 1  # its id, held by it alone


def _refuse_changes_in_conflict(before: list[tuple[dict[str, Any], int]]) -> None:
    """``merging.conflicts.refuse_changes_in_conflict``, which has nothing to refuse when no
    table had a conflict."""
    if before:
        from .merging.conflicts import refuse_changes_in_conflict

        refuse_changes_in_conflict(before)


def _checked_whole(plan: Plan, change: Callable[[Plan], T]) -> T:
    before = item_counts(plan)
    from .merging.conflicts import pending, refuse_changes_in_conflict

    in_conflict = pending(plan)
    result = change(plan)
    refuse_changes_in_conflict(in_conflict)  # an item in a merge conflict waits for resolve
    return _verdict(plan, result, before)


def _verdict(
    plan: Plan,
    result: T,
    before: Counter[str] | None,
    as_read: Callable[[], set[int]] | None = None,
) -> T:
    """Refuse a result that lost an item (of ``before``, when given) or left an invalid plan.
    ``as_read``: the ``id`` of the item tables the change left as they were read (valid), only
    whose place in the tree needs checking; the whole plan is checked as written (the
    canonical document, ``to_doc``) only when that finds a problem, so that the refusal and its
    message are those of the whole check. A structural change of a long plan then makes no
    second copy of every table."""
    from .building import build_plan  # (only here: a change checked where it changed needs none)

    action = getattr(result, "action", "")
    if before is not None:
        after = item_counts(plan)
        lost = [item_id for item_id, count in before.items() if after[item_id] < count]
        del after
        if lost:
            raise _lost(lost, action)
    if as_read is not None:
        tables = [item.data for item in plan.item_list()]
        doc = {"plan": plan.meta, "item": tables, **plan.extra}
        built, problems = build_plan(doc, as_read())
        _let_go(built)
        del doc, tables, built
        if not problems:
            return result
    _, problems = build_plan(plan.to_doc())
    if problems:
        raise _invalid(problems, action, getattr(result, "undone", None))
    return result


def _let_go(plan: Plan | None) -> None:
    """A plan built only to be checked, its items let go of as soon as it is: each item's list
    of children emptied, no item refers to another both ways, and they go with the plan, the
    collector being off while a change is made (``collector.paused``)."""
    if plan is not None:
        for item in plan.item_list():
            item.children.clear()


def _problems_in(plan: Plan, found: Delta) -> bool:
    """Whether what a change that is not structural touched breaks a rule: each changed key of
    each table it changed (a log: the entries it added, or all of it when it changed others),
    and the header if it changed. The other rules of ``build_plan`` are about ids, parents and
    the tree (the same, or the change is structural) and the other top-level tables (so too);
    the rest of the plan was valid as read."""
    for item, old in found.changed:
        table = item.data
        part: dict[str, Any] = {"id": table.get("id"), "title": table.get("title")}
        for key in changed_keys(old, table):
            if key == "log":
                part["log"] = _new_entries(old.get("log"), table.get("log"))
            elif key in table:
                part[key] = table[key]
        if check_item(part):
            return True
    if not found.meta:
        return False
    from .validate_header import check_meta

    return bool(check_meta(plan.meta))


def _new_entries(old: Any, new: Any) -> Any:
    """The entries a log gained, when it only grew (else the whole log, to be checked)."""
    if (
        isinstance(old, list)
        and isinstance(new, list)
        and len(new) >= len(old)
        and all(map(operator.is_, old, new))
    ):
        return new[len(old) :]
    return new


def _ids(ids: list[str]) -> str:
    shown = ", ".join(ids[:10])
    return shown + (f" … ({len(ids)})" if len(ids) > 10 else "")


def _lost(ids: list[str], action: str) -> BadChange:
    return BadChange(
        f"没有写入：这次修改（{action}）会让事项 {_ids(ids)} 从计划文件中消失（既不在计划中，"
        "也不在删除存档 [[removed]] 里），原文件没有改动。请用 plan check 检查计划文件；"
        "如果它没有问题，这是本工具的缺陷，请连同计划文件和所用命令一起报告。",
        f"Not written: this change ({action}) would make the item{plural_s(len(ids))} {_ids(ids)} vanish from "
        "the plan file (neither in the plan nor in the [[removed]] archive); the file is "
        "unchanged. Run plan check on the plan; if it finds nothing, this is a defect of the "
        "tool: please report it with the plan file and the command.",
    )


def _invalid(problems: list[Problem], action: str, undone: dict[str, Any] | None) -> BadChange:
    listed_zh = "\n".join(f"  - {p.message('zh')}" for p in problems)
    listed_en = "\n".join(f"  - {p.message('en')}" for p in problems)
    if action == "undo" and undone is not None:
        at = undone.get("at")
        when = at.isoformat() if isinstance(at, dt.date) else str(at)
        return BadChange(
            f"不能撤销：撤销 {when} 的这次修改（{undone.get('action')}）后，计划文件会有下列问题，"
            f"之后的每条命令都会拒绝它：\n{listed_zh}\n这条修改记录（log 中 at = {when} 的一条）"
            "或删除存档可能被手工改过。没有写入任何内容；请在计划文件中改正该记录，或手工改回"
            "要撤销的字段。",
            f"Cannot undo: undoing the change made at {when} ({undone.get('action')}) would "
            f"leave these problems in the plan file, and every later command would refuse it:"
            f"\n{listed_en}\nThat log entry (at = {when}) or the archive may have been edited by "
            "hand. Nothing was written; correct that entry in the plan file, or set the fields "
            "back by hand.",
        )
    return BadChange(
        f"没有写入：修改后的计划文件会有下列问题，之后的每条命令都会拒绝它：\n{listed_zh}\n"
        "原文件没有改动。请用 plan check 检查计划文件并改正后重试。",
        f"Not written: after this change the plan file would have these problems, and every "
        f"later command would refuse it:\n{listed_en}\nThe file is unchanged. Run plan check, "
        "correct the plan, then try again.",
    )
