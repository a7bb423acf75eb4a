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
    """The items (id, title) the table lacks and how many recorded changes would go."""

    __slots__ = ("items", "changes")

    def __init__(self, items: list[tuple[str, str]], changes: int):
        self.items, self.changes = items, changes

    def __bool__(self) -> bool:
        return bool(self.items or self.changes)

    def __repr__(self) -> str:
        return f"Loss({self.items!r}, {self.changes})"


def _items(doc: dict[str, Any]) -> list[dict[str, Any]]:
    items = doc.get("item")
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def _entry(entry: Any) -> Any:
    """A log entry as the two plans can share it: when it was written and by whom aside (an
    import writes its notes anew, at its own time, as the user running it)."""
    if not isinstance(entry, dict):
        return repr(entry)
    return repr(sorted((k, repr(v)) for k, v in entry.items() if k not in ("at", "by")))


def loss_in_replacing(old: dict[str, Any], new: dict[str, Any]) -> Loss:
    """What replacing the plan ``old`` by ``new`` loses: its items whose id ``new`` lacks, in
    the plan's order (where ``new`` is its table: some item there by id and title), and the changes its commands recorded (log entries with an action; the
    archive of removed items too) that ``new`` does not hold on the same id."""
    kept = {str(item.get("id")): item for item in _items(new)}
    # Rows missing from the plan's own table (an item there under its id and title): another
    # table over a plan only imported (the wrong sheet first) is a new plan, as --force says.
    own = any(
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
    return Loss(missing, changes)


class ReplacingLoses(PlanError):
    """``plan import --force`` onto a plan the table does not hold all of: nothing written."""

    def __init__(self, target: str, table: str, loss: Loss):
        super().__init__(f"importing {table} over {target} would lose tasks or changes")
        self.target, self.table, self.loss = target, table, loss

    def message(self, lang: str) -> str:
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
            return (
                f"没有导入：{self.target} 是一份计划，从 {self.table} 导入会用新计划整个替换它，"
                f"其中{'和'.join(lost)}都会丢失。表格里删掉一行不等于删除任务：要删除任务，"
                "用 plan rm 编号；想先看看表格会导入成什么样，用 --dry-run 或 --out 另存一个文件；"
                "确要整份替换，加 --replace。没有写入任何文件。"
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
        return (
            f"Not imported: {self.target} is a plan, and importing {self.table} replaces it "
            f"with a new one, losing {' and '.join(lost)}. A row deleted in the table is no "
            "task removed: remove one with plan rm ID; to see what the table imports as, use "
            "--dry-run or --out another file; to replace the whole plan, add --replace. "
            "Nothing was written."
        )
