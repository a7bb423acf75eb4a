"""The 牵头单位 a category's heading names (县示范区管委会牵头工作（8项）): a 任务清单 grouped by the
unit that leads each group names the unit once, there, and not on its tasks."""

from __future__ import annotations

import re

from .errors import Notice
from .reading import Node

_PATTERN: re.Pattern[str] | None = None


def _heading() -> re.Pattern[str]:
    """县示范区管委会牵头工作（8项）, 由县发改局牵头的工作, 县住建局牵头（12项）, 县农业农村局牵头
    工作任务（计5项）: a unit, 牵头, and a word for the work or its count. (Compiled when first
    used, not at import.)"""
    global _PATTERN
    if _PATTERN is None:
        # (the count as heading_counts reads it: 共 or 计 before it)
        count = r"[（(]\s*(?:共|计)?\s*\d+\s*项\s*[）)]"
        _PATTERN = re.compile(
            rf"^(?:由)?(?P<unit>[^，,。；;：:、\s（(]{{2,30}}?)牵头"
            rf"(?:的)?(?:(?:重点)?(?:工作任务|工作事项|工作|任务|事项)(?:{count})?|{count})$"
        )
    return _PATTERN


def heading_units(nodes: list[Node]) -> list[tuple[int, str]]:
    """Gives each category whose heading names the unit that leads it, and that has no 牵头单位
    of its own, that unit (its tasks answer to it unless they name their own: the model looks
    up the tree, as for a sheet named after a unit); the rows so read, with their units."""
    rows: list[tuple[int, str]] = []
    for node in nodes:
        if not node.children:
            continue
        found = _heading().match(node.title.strip())
        if found is not None and not node.fields.get("lead_unit"):
            node.fields["lead_unit"] = found["unit"]
            rows.append((node.row, found["unit"]))
        rows += heading_units(node.children)
    return rows


def heading_units_notice(rows: list[tuple[int, str]]) -> Notice:
    rows = sorted(rows)
    numbers = [str(row + 1) for row, _ in rows]
    shown = "、".join(numbers)
    units = list(dict.fromkeys(unit for _, unit in rows))
    return Notice(
        f"第 {shown} 行（分类行）的名称写明了牵头单位（{'、'.join(units)}），已作为该部分的"
        "牵头单位：其下没有写牵头单位的任务都由它牵头。",
        (
            f"Category row {shown} names the unit that leads it ({units[0]}): taken as the lead "
            "unit of that part, which its tasks that name none answer to."
            if len(rows) == 1
            else f"Category rows {', '.join(numbers[:-1])} and {numbers[-1]} name the units that lead them "
            f"({', '.join(units)}): each taken as the lead unit of its part, which its tasks "
            "that name none answer to."
        ),
    )
