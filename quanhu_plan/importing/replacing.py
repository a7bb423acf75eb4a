"""What a table imported over a plan (``plan import --force`` onto the plan it was exported
from) would take away: the tasks the table has no row for, and the changes the plan recorded
that the new plan does not hold. A row deleted in the sheet is no task removed unless the user
says so (``--replace``); the CLI refuses otherwise. Pure: two documents in, the loss out."""

from __future__ import annotations

from typing import Any

from ..errors import PlanError
from ..texts import counted

# Shown by id and title; the rest counted.
SHOWN_TASKS = 5


class Loss:
    """The items (id, title) the table lacks, how many recorded changes would go, and the
    fields no item of the table has (a column deleted) with how many items hold them."""

    __slots__ = ("items", "changes", "fields")

    def __init__(
        self,
        items: list[tuple[str, str]],
        changes: int,
        fields: list[tuple[str, int]] | None = None,
    ):
        self.items, self.changes, self.fields = items, changes, fields or []

    def __bool__(self) -> bool:
        return bool(self.items or self.changes or self.fields)

    def __repr__(self) -> str:
        return f"Loss({self.items!r}, {self.changes}, {self.fields!r})"


# Fields an import writes of its own (status) or are the item's name (id, title) or its trace.
_NOT_A_COLUMN = ("id", "title", "status", "log", "parent")
# A field's column as the exported table heads it, where the field is not named so itself.
_HEADED = {"reason": "problems", "milestones": "milestone", "target_text": "target"}


def _items(doc: dict[str, Any]) -> list[dict[str, Any]]:
    items = doc.get("item")
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def _entry(entry: Any) -> Any:
    """A log entry as the two plans can share it: when it was written and by whom aside (an
    import writes its notes anew, at its own time, as the user running it)."""
    if not isinstance(entry, dict):
        return repr(entry)
    return repr(sorted((k, repr(v)) for k, v in entry.items() if k not in ("at", "by")))


def loss_in_replacing(old: dict[str, Any], new: dict[str, Any], by_export: bool = True) -> Loss:
    """What replacing the plan ``old`` by ``new`` loses: its items whose id ``new`` lacks, in
    the plan's order (where ``new`` is its table: some item there by id and title), and the changes its commands recorded (log entries with an action; the
    archive of removed items too) that ``new`` does not hold on the same id."""
    kept = {str(item.get("id")): item for item in _items(new)}
    # Rows and columns missing from the plan's own table (one ``plan export`` wrote, with an
    # item there under its id and title): another table over a plan only imported (the wrong
    # sheet first, a county's table trimmed and read again) is a new plan, as --force says.
    own = by_export and any(
        str(item.get("id")) in kept and kept[str(item.get("id"))].get("title") == item.get("title")
        for item in _items(old)
    )
    missing = [
        (str(item.get("id")), str(item.get("title", "")))
        for item in _items(old)
        if own and str(item.get("id")) not in kept
    ]
    changes = 0
    for item in _items(old):
        log = item.get("log")
        if not isinstance(log, list):
            continue
        there = kept.get(str(item.get("id")), {}).get("log")
        held = [_entry(e) for e in there] if isinstance(there, list) else []
        for entry in log:
            if isinstance(entry, dict) and "action" not in entry:
                continue  # a note an import wrote (the table's 进展情况): the table has it again
            key = _entry(entry)
            if key in held:
                held.remove(key)
            else:
                changes += 1
    removed = old.get("removed")
    if isinstance(removed, list):
        changes += len(removed)
    return Loss(missing, changes, _columns_gone(old, kept) if own else [])


# Shown one by one; the rest counted.
SHOWN_EDITS = 12


def edits_in_replacing(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, str, str]]:
    """What the table changes in the plan, in the table's order, for a dry run to show before
    it replaces the plan: (item id, the field, or "" for an item added, its words). The trace aside; an item's ``status`` todo is the same as none."""
    before = {str(item.get("id")): item for item in _items(old)}
    edits: list[tuple[str, str, str]] = []
    for item in _items(new):
        item_id = str(item.get("id"))
        was = before.get(item_id)
        if was is None:
            edits.append((item_id, "", str(item.get("title", ""))))
            continue
        for field in dict.fromkeys([*was, *item]):
            if field in ("id", "log", "parent"):
                continue
            a, b = was.get(field), item.get(field)
            if field == "status":
                a, b = a or "todo", b or "todo"
            if a != b:
                edits.append((item_id, field, f"{_shown(a)} → {_shown(b)}"))
    return edits


def _shown(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return "、".join(_shown(v) for v in value)
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    from ..controls import typed_start  # (not inside what reads as one character: é, 🇨🇳)

    return text if len(text) <= 40 else typed_start(text) + "…"


def header_of(field: str, lang: str) -> str:
    """A field as the exported table heads its column (a kept column by its own name)."""
    from ..exporting.rows import COLUMNS  # (no openpyxl: the columns' names)

    key = _HEADED.get(field, field)
    return next((column.header(lang) for column in COLUMNS if column.key == key), field)


def said_edits(edits: list[tuple[str, str, str]], lang: str) -> str:
    """The dry run's line of what the table changes in the plan."""
    shown = edits[:SHOWN_EDITS]
    more = len(edits) - len(shown)
    if lang == "zh":
        parts = [
            f"{i} {header_of(what, lang)} {words}" if what else f"新增 {i} {words}"
            for i, what, words in shown
        ]
        tail = f"；另有 {more} 处" if more else ""
        return f"与计划相比，表格改动了 {len(edits)} 处：{'；'.join(parts)}{tail}。"
    parts = [
        f"{i} {header_of(what, lang)} {words}" if what else f"added {i} {words}"
        for i, what, words in shown
    ]
    tail = f"; and {more} more" if more else ""
    return (
        f"Against the plan, the table changes {counted(len(edits), 'thing')}: "
        f"{'; '.join(parts)}{tail}."
    )


def _columns_gone(old: dict[str, Any], kept: dict[str, dict[str, Any]]) -> list[tuple[str, int]]:
    """The fields of the plan's items that no item of the table has (its column deleted, to fit
    the page): (the column's header, how many of the items the table holds had it)."""
    held = {field for item in kept.values() for field in item}
    counts: dict[str, int] = {}
    for item in _items(old):
        if str(item.get("id")) not in kept:
            continue
        for field, value in item.items():
            if field in _NOT_A_COLUMN or field in held or value in ("", [], None):
                continue
            counts[field] = counts.get(field, 0) + 1
    shown: dict[str, int] = {}  # (target and target_text: one column)
    for field, count in counts.items():
        key = _HEADED.get(field, field)
        shown[key] = max(shown.get(key, 0), count)
    return list(shown.items())


class ReplacingLoses(PlanError):
    """``plan import --force`` onto a plan the table does not hold all of: nothing written."""

    def __init__(self, target: str, table: str, loss: Loss):
        super().__init__(f"importing {table} over {target} would lose tasks or changes")
        self.target, self.table, self.loss = target, table, loss

    def message(self, lang: str) -> str:
        return self._said(lang, dry_run=False)

    def dry_run_message(self, lang: str) -> str:
        """What ``--dry-run`` says of it: what the import would do, not that nothing was."""
        return self._said(lang, dry_run=True)

    def _said(self, lang: str, dry_run: bool) -> str:
        items, changes = self.loss.items, self.loss.changes
        shown = [f"{i} {title}".strip() for i, title in items[:SHOWN_TASKS]]
        more = len(items) - len(shown)
        if lang == "zh":
            lost = []
            if items:
                lost.append(
                    f"表格里没有的 {len(items)} 项（{'，'.join(shown)}"
                    + (f" 等，另有 {more} 项" if more else "")
                    + "）"
                )
            if changes:
                lost.append(f" {changes} 条修改记录（填报、销号、进展各自的日期）")  # 和 13 条
            lost += [
                f" {count} 项的“{header_of(field, lang)}”（表格里没有这一列）"
                for field, count in self.loss.fields
            ]
            opening = "试运行：实际导入时（加 --force）会拒绝：" if dry_run else "没有导入："
            look = (
                ""
                if dry_run
                else "想先看看表格会导入成什么样，用 --dry-run 或 --out 另存一个文件；"
            )
            return (
                f"{opening}{self.target} 是一份计划，从 {self.table} 导入会用新计划整个替换它，"
                f"其中{'、'.join(lost[:-1]) + '和' if lost[1:] else ''}{lost[-1]}都会丢失。表格里删掉一行不等于删除任务：要删除任务，"
                f"用 plan rm 编号；{look}确要整份替换，加 --replace。"
                + ("" if dry_run else "没有写入任何文件。")
            )
        lost = []
        if items:
            lost.append(
                f"{counted(len(items), 'item')} the table has no row for ({', '.join(shown)}"
                + (f", and {more} more" if more else "")
                + ")"
            )
        if changes:
            lost.append(
                f"{counted(changes, 'change')} recorded (the days of records, completions, notes)"
            )
        lost += [
            f"the {header_of(field, lang)!r} of {counted(count, 'item')} (the table has no such column)"
            for field, count in self.loss.fields
        ]
        opening = (
            "Dry run: the import itself (with --force) would refuse: "
            if dry_run
            else "Not imported: "
        )
        look = (
            ""
            if dry_run
            else "to see what the table imports as, use --dry-run or --out another file; "
        )
        return (
            f"{opening}{self.target} is a plan, and importing {self.table} "
            f"{'would replace' if dry_run else 'replaces'} it with a new one, losing "
            f"{', '.join(lost[:-1]) + ' and ' if lost[1:] else ''}{lost[-1]}. A row deleted in the "
            f"table is no task removed: remove one with plan rm ID; {look}to replace the whole "
            "plan, add --replace." + ("" if dry_run else " Nothing was written.")
        )
