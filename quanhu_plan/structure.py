"""The structure changes: adding, editing, moving and removing items (``plan add``, ``edit``,
``move``, ``rm``), with the ids and tree operations they rest on. Pure: no I/O, no terminal.

Each writes its trace entry the way every change does (``changes``: the entry, its ``at``, the
rules every change keeps); ``undoing`` reverts them, with ``_detach`` and ``_attach`` here.

Removed items are not deleted: their tables, logs included, move to the top-level ``[[removed]]``
archive (``ARCHIVE``) with the parent and position they had, so that ``undo`` can put them back
and ``plan log`` still shows their history. Ids are never reused, also not those of removed items.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from itertools import chain
from typing import Any

from . import periods
from .backdated import changed_later, moved_later, subtree_kept, there_on
from .changes import (
    Stamp,
    _apply,
    _changed,
    _check,
    _entry,
    _entry_at,
    _log,
    _parts,
    _period_warning,
    _text,
    _unchanged,
)
from .errors import BadChange
from .model import (
    DUE_WORDS_KEYS,
    MAX_ID_DIGITS,
    Item,
    Plan,
    implied_parent,
    is_deadline_words_key,
)
from .outcome import Notice, Outcome, _place
from .shell_words import quote
from .texts import counted, one_line, title_in_line
from .trace import ARCHIVE, archived_tables

# Names of the top level for ``add`` and ``move``, each only while no item has it as its id:
# an item a hand-written or imported plan numbers "0" or "top" is the one named.
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

# ---------------------------------------------------------------- parents and ids


def find_parent(plan: Plan, name: str) -> Item | None:
    """The item named, or None for the top level ('', 'top', '顶层' or '0', where no item has
    that id: ``plan add top …`` added beside the item "top", never under it)."""
    key = name.strip()
    if key in TOP_LEVEL_NAMES and not (key and key in plan.by_id()):
        return None
    return plan.find(key)


def _parent_id(item: Item) -> str:
    return item.parent.id if item.parent else ""


def _archived_ids(plan: Plan) -> set[str]:
    return {str(table.get("id")) for _, table in archived_tables(plan)}


def next_id(plan: Plan, parent: Item | None) -> str:
    """The next free id under ``parent``: one more than the highest number used there, counting
    removed items too, so an id is never reused ('1' -> '1.4' after 1.1-1.3; top -> '3')."""
    from .inputs import typed_id

    prefix = parent.id + "." if parent else ""
    # Only the ids of the form ``prefix`` + a number are kept (what a new id could clash with):
    # no map or set of every id of a long plan (at 100,000 tasks, 10 MB of a ``plan add``'s
    # peak). An item's id comes from its sketch: no table is loaded.
    written = chain((item.id for item in plan.items()), _archived_ids(plan))
    # (an id in full-width or other digits, 1.３, is taken as the id it reads as once typed,
    # 1.3: beside it, that one would be refused as the same id, ``building._ids_alike``)
    ids = (item_id if item_id.isascii() else typed_id(item_id) for item_id in written)
    size = len(prefix)
    taken = {
        item_id
        for item_id in ids
        if item_id.startswith(prefix) and (rest := item_id[size:]).isascii() and rest.isdigit()
    }
    # A number too long for int() (a paste gone wrong: 4,300 digits) is no numbering to go
    # on from; the new id is still not one of them (``taken``).
    numbers = [int(item_id[size:]) for item_id in taken if len(item_id) - size <= MAX_ID_DIGITS]
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


# ---------------------------------------------------------------- structure changes


def add(
    plan: Plan,
    parent_name: str,
    title: str,
    stamp: Stamp,
    *,
    fields: dict[str, Any] | None = None,
    note: str | None = None,
    on: dt.date | None = None,
    due_words: str | None = None,
) -> Outcome:
    """A new item, last under its parent, with the next free id there (see ``next_id``);
    added on ``on`` (--on: the day it was added, default today), as every change is dated.
    ``due_words``: the deadline as typed where ``due`` cannot say all of it (10个工作日内,
    6月底（视天气）), kept beside it as ``plan import`` keeps a cell's (完成时限原文); with no
    ``due``, the words that say there is none (长期坚持)."""
    title = _text(title, "名称", "title")
    parent = find_parent(plan, parent_name)
    if parent is not None:
        there_on(plan, on, parent, ("在 {who} 之下新增事项", "add an item under {who}"))
    data: dict[str, Any] = {"id": next_id(plan, parent), "title": title}
    for name, value in (fields or {}).items():
        if name not in ADDABLE_FIELDS:
            raise ValueError(f"plan add cannot set {name}")
        value = _typed(value)
        if value is not None:
            data[name] = copy.deepcopy(value)
    if due_words:  # (with no due: words that say there is none, 长期坚持)
        data[_due_words_key(plan)] = due_words
    _check(data)
    warnings = []
    if parent is not None and parent.is_task:
        warnings.append(
            Notice(
                "warn_task_becomes_goal", {"id": parent.id, "title": title_in_line(parent.title)}
            )
        )
    if "due" in data or "start" in data:  # (plan check's code loads for a day typed alone)
        warnings += _date_slips(plan, data, {})
    item = Item(data)
    _attach(plan, item, parent)
    warnings += _counts_said(item)
    if "target_text" in data:
        warnings += _target_words_alone(item)
    at = _entry_at(plan, stamp)
    after = {k: copy.deepcopy(v) for k, v in data.items() if k != "log"}
    _log(data, _entry(at, stamp, "add", on=on, note=note, after=after))
    return Outcome(
        "add",
        [(item.id, item.title)],
        on=on,
        parent=(parent.id, parent.title) if parent else ("", ""),
        parts=_parts(plan, stamp, [item]),
        warnings=_dated(plan, on, stamp) + warnings,
    )


def _typed(value: Any) -> Any:
    """A typed text as a field keeps it: without spaces at its ends, and None (no value: the
    field goes) where it shows nothing, spaces or a zero-width space alone (pasted from WeChat
    or a web page), as "" does; a list of texts without such texts. Any other value as given."""
    from .validate import title_drawn

    if isinstance(value, str):
        return value.strip() if title_drawn(value) else None
    if isinstance(value, list):
        return [_typed(v) for v in value if _typed(v) is not None] or None
    return value


def edit(
    plan: Plan,
    name: str,
    changes: dict[str, Any],
    stamp: Stamp,
    *,
    note: str | None = None,
    on: dt.date | None = None,
    due_words: str | None = None,
) -> Outcome:
    """Change an item's own fields; a value of None (or '' or []) removes the field. ``on``:
    the day it was changed (--on), default today. ``due_words``: a new deadline as typed,
    kept beside it (``add``); with no ``due``, the words that say there is none. A new ``due``,
    or its removal, takes the words of the old one away."""
    item = plan.find(name)
    there_on(plan, on, item, ("修改 {who}", "edit {who}"))
    new: dict[str, Any] = {}
    for field_name, value in changes.items():
        if field_name not in EDITABLE_FIELDS:
            raise BadChange(
                f"plan edit 不能修改 {field_name}。",
                f"plan edit cannot change {field_name}.",
            )
        if field_name == "title":
            value = _text(value, "名称", "title")
        else:
            value = _typed(value)
        new[field_name] = value
    # A new deadline, words that say there is none, or none at all (--due ""): the words for
    # the old one do not hold.
    if "due" in new:
        new.update(dict.fromkeys(_deadline_words(item.data)))
        if due_words:  # (with no due: words that say there is none, 长期坚持)
            new[_due_words_key(plan)] = due_words
    was = dict(item.data)
    before, after = _apply(item.data, new)
    if not before and not after:
        raise _unchanged(item, "的这些字段已是这些值", "has these values already")
    _check(item.data)
    named = str(was.get("title", "")) if "title" in new else None  # (as in the file)
    changed_later(item, on, [*before, *after], ("修改 {who}", "edit {who}"), title=named)
    at = _entry_at(plan, stamp)
    _log(item.data, _entry(at, stamp, "edit", on=on, note=note, before=before, after=after))
    outcome = Outcome(
        "edit",
        [(item.id, item.title)],
        fields=_changed(before, after),
        on=on,
        parts=_parts(plan, stamp, [item]),
        measure=item.get("measure", ""),
        warnings=_dated(plan, on, stamp),
    )
    if "due" in new or "start" in new:
        outcome.warnings += _date_slips(plan, item.data, was)
    if "target_text" in new or "target" in new:
        outcome.warnings += _target_words_alone(item)
    return outcome


def _due_words_key(plan: Plan) -> str:
    """Where a deadline's words go: 完成时限原文, as plan import names the 完成时限 column's;
    "Deadline (as written)" in an English plan."""
    return DUE_WORDS_KEYS[1] if plan.meta.get("lang") == "en" else DUE_WORDS_KEYS[0]


def _deadline_words(data: dict[str, Any]) -> list[str]:
    """The fields where the import kept a deadline as the office worded it (办结时限原文 =
    "长期坚持", 完成时限原文 = "11月20日前（土地封冻前）", "Deadline (as written)";
    ``importing.deadline_cells._keep_words``), which a new ``due`` leaves saying another deadline."""
    return [key for key in data if isinstance(key, str) and is_deadline_words_key(key)]


def _counts_said(item: Item) -> list[Notice]:
    """The parts above a new item whose titles count their tasks (县示范区管委会牵头工作（8项）,
    as the imported heading said) and now count wrong: said at once, with the title to set
    (plan check says it too); the title is the office's words, not changed for it."""
    from .answering import stated_count
    from .shell_words import quote

    said = []
    node = item.parent
    while node is not None:
        found = stated_count(node.title)
        if found is not None:
            tasks = len(list(node.tasks()))
            if int(found.group(1)) not in (len(node.children), tasks):
                fixed = node.title[: found.start(1)] + str(tasks) + node.title[found.end(1) :]
                params = {"id": node.id, "title": node.title, "count": str(tasks)}
                params["command"] = f"plan edit {node.id} --title {quote(fixed)}"
                said.append(Notice("warn_count_in_title", params))
        node = node.parent
    return said


def _target_words_alone(item: Item) -> list[Notice]:
    """A task whose target is words alone (--target-text 十批次, or 10批次 with no --target):
    kept as the office wrote it and shown so, but it sets no figure, so a figure reported
    later would count for nothing and the task stay at its progress (0% until one is given).
    Said at once, with the command that sets the figure: an office that meant a figure
    learns it now, not from a red light in the monthly report."""
    from .importing.errors import CellUnreadable
    from .importing.values import read_target
    from .validate import is_number

    words = item.get("target_text")
    if not item.is_task or not isinstance(words, str) or is_number(item.get("target")):
        return []
    try:
        found = read_target(words)
    except CellUnreadable:
        found = None
    params = {"id": item.id, "words": one_line(words)}
    if found is None or found.value is None:
        # 十批次 -> 批次: the unit the words count in, for the example (none in 与经济增长同步)
        unit = re.sub(
            r"^[约近〇零一二两三四五六七八九十百千万亿]+|(?:以上|以内|左右|余|多)$", "", words
        )
        params["unit_example"] = unit if 0 < len(unit) <= 3 and unit.isalpha() else ""
        return [Notice("warn_target_words_no_number", params)]
    params["figure"] = quote(words)  # (--target reads the words as a 目标值 cell is read)
    return [Notice("warn_target_words_unset", params)]


def _date_slips(plan: Plan, table: dict[str, Any], was: dict[str, Any]) -> list[Notice]:
    """What plan check would point out in a deadline or start just typed, and not in the item
    as it was: a deadline before the plan starts or after it ends, a start after the deadline
    (months typed the wrong way round). Allowed, so kept, but said at once, as done --on says
    a day outside the plan's period."""
    from .header import HeaderNotice
    from .plan_warnings import plan_warnings

    def slips(item_table: dict[str, Any]) -> dict[tuple[str, str], Any]:
        found = plan_warnings({"plan": plan.meta, "item": [item_table]})
        return {(p.field, p.allowed["en"]): p for p in found if p.field in ("due", "start")}

    old = slips(was) if was else {}
    new = [problem for key, problem in slips(table).items() if key not in old]
    if not new:
        return []
    names = {"due": ("完成时限", "deadline"), "start": ("开工", "start")}
    title = one_line(str(table.get("title", "")))
    zh = "；".join(
        f"{names[p.field][0]} {periods.written(p.found)}：{p.allowed['zh'].rstrip('。')}"
        for p in new
    )
    en = "; ".join(
        f"{names[p.field][1]} {periods.written(p.found)}: {p.allowed['en'].rstrip('.')}"
        for p in new
    )
    item_id = table["id"]
    typed = quote(item_id)
    return [
        HeaderNotice(
            "",
            {},
            {
                "zh": f"注意：{item_id} {title} 的{zh}。仍按此记录；需要的话用 "
                f"plan edit {typed} --due/--start 改正。",
                "en": f"Note: {item_id} {title}: {en}. Recorded as given; correct it "
                f"with plan edit {typed} --due/--start where needed.",
            },
        )
    ]


def _parent_field(item_id: str, parent: Item | None) -> str | None:
    """The ``parent`` field an item needs to hang under ``parent`` (None: the id implies it)."""
    parent_id = parent.id if parent else ""
    return None if parent_id == implied_parent(item_id) else parent_id


def move(
    plan: Plan,
    name: str,
    new_parent_name: str,
    stamp: Stamp,
    *,
    note: str | None = None,
    on: dt.date | None = None,
) -> Outcome:
    """Hang an item (with everything under it) last under another parent. Its id stays; the
    item gets an explicit ``parent`` field unless the new parent is the one its id implies."""
    item = plan.find(name)
    parent = find_parent(plan, new_parent_name)
    if parent is not None and parent.is_within(item):
        raise BadChange(
            f"不能把 {item.named} 移到它自己或它的下级 {parent.id} 之下。",
            f"Cannot move {item.named} under itself or under {parent.id}, which is below it.",
        )
    if parent is item.parent:
        where = _place((parent.id, parent.title) if parent else ("", ""), "zh")
        where_en = _place((parent.id, parent.title) if parent else ("", ""), "en")
        raise BadChange(
            f"{item.named} 已在 {where} 之下，没有移动。",
            f"{item.named} is under {where_en} already; nothing moved.",
        )
    there_on(plan, on, item, ("移动 {who}", "move {who}"))
    if parent is not None:
        there_on(plan, on, parent, ("把事项移到 {who} 之下", "move an item under {who}"))
    moved_later(item, on)
    warnings = []
    if parent is not None and parent.is_task:  # as plan add says: its status stops counting
        warnings.append(
            Notice(
                "warn_task_becomes_goal", {"id": parent.id, "title": title_in_line(parent.title)}
            )
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
        _entry(at, stamp, "move", on=on, note=note, position=position, before=before, after=after),
    )
    shown = {"parent": (before["parent"], after["parent"])}
    return Outcome(
        "move",
        [(item.id, item.title)],
        fields=shown,
        on=on,
        parts=_parts(plan, stamp, [old_parent, item] if old_parent else [item]),
        warnings=_dated(plan, on, stamp) + warnings,
    )


def remove(
    plan: Plan,
    name: str,
    stamp: Stamp,
    *,
    recursive: bool = False,
    note: str | None = None,
    on: dt.date | None = None,
) -> Outcome:
    """Take an item out of the plan into the archive (``[[removed]]``), with its history; an
    item with children needs ``recursive``. ``undo`` puts it back where it was."""
    item = plan.find(name)
    under = sum(1 for _ in item.walk()) - 1
    if under and not recursive:
        them = "it" if under == 1 else "them"
        raise BadChange(
            f"{item.named} 下还有 {under} 个事项。要连同它们一起删除，请加 --recursive；"
            f"或先用 plan move 把它们移走。",
            f"{item.named} has {counted(under, 'item')} under it. Add --recursive to "
            f"remove {them} too, or move {them} elsewhere first "
            "(plan move).",
        )
    from .merging.conflicts import refuse_archiving_in_conflict

    refuse_archiving_in_conflict(item)
    subtree_kept(plan, on, item, there_on(plan, on, item, ("删除 {who}", "remove {who}")))
    old_parent = item.parent
    at = _entry_at(plan, stamp)
    parent_id, position = _detach(plan, item)
    before = {k: copy.deepcopy(v) for k, v in item.data.items() if k != "log"}
    entry = _entry(at, stamp, "remove", on=on, note=note, before=before)
    _log(item.data, entry)
    record_ = {
        "at": at,
        "by": stamp.by,
        "action": "remove",
        "parent": parent_id,
        "position": position,
        "item": [node.data for node in item.walk()],
    }
    if "on" in entry:  # the day it was removed (--on, or ``day_made``), as its log entry says:
        record_["on"] = entry["on"]  # the replay puts it back before that day (``replay``)
    plan.extra.setdefault(ARCHIVE, []).append(record_)
    return Outcome(
        "remove",
        [(item.id, item.title)],
        under=under,
        on=on,
        parts=_parts(plan, stamp, [old_parent]),
        warnings=_dated(plan, on, stamp),
    )


def _dated(plan: Plan, on: dt.date | None, stamp: Stamp) -> list[Notice]:
    """What ``done --on`` says of its day, said of a structure change's: a day outside the
    plan's period, or after today; without --on, today outside it (``changes._period_warning``)."""
    return _period_warning(plan, on, stamp)
