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
        count = r"[（(]\s*(?:共|计)?\s*(?:分解)?(?:任务)?\s*\d+\s*项\s*(?:任务)?\s*[）)]"
        _PATTERN = re.compile(
            rf"^(?:由)?(?P<unit>[^，,。；;：:、\s（(]{{2,30}}?)牵头"
            rf"(?:的)?(?:(?:重点)?(?:工作任务|工作事项|工作|任务|事项)(?:{count})?|{count})$"
        )
    return _PATTERN


# A leader named by post leads a group as its 责任领导, not a unit: 王丹县长牵头重点工作,
# 曹惠明常务副县长牵头重点工作 (海盐县's 责任分解), 张三书记牵头工作.
_LEADER = re.compile(r"[\u4e00-\u9fff]{2,4}?(?:常务)?副?(?:[县市区镇乡旗]长|书记|主席)")


def heading_units(nodes: list[Node]) -> list[tuple[int, str, str]]:
    """Gives each category whose heading names the unit that leads it, and that has no 牵头单位
    of its own, that unit (its tasks answer to it unless they name their own: the model looks
    up the tree, as for a sheet named after a unit), or the leader it names (a 县长) as its
    责任领导; the rows so read, with their names and the field each went to."""
    rows: list[tuple[int, str, str]] = []
    for node in nodes:
        if not node.children:
            continue
        found = _heading().match(node.title.strip())
        if found is not None:
            role = "lead" if _LEADER.fullmatch(found["unit"]) else "lead_unit"
            if not node.fields.get(role):
                node.fields[role] = found["unit"]
                rows.append((node.row, found["unit"], role))
        rows += heading_units(node.children)
    return rows


def heading_units_notice(named: list[tuple[int, str, str]]) -> Notice:
    leaders = sorted((row, name) for row, name, role in named if role == "lead")
    rows = sorted((row, name) for row, name, role in named if role != "lead")
    if not rows:
        return _leaders_notice(leaders)
    notice = _units_notice(rows)
    if leaders:
        more = _leaders_notice(leaders)
        notice = Notice(notice.zh + more.zh, f"{notice.en} {more.en}")
    return notice


def _leaders_notice(rows: list[tuple[int, str]]) -> Notice:
    shown = "、".join(str(row + 1) for row, _ in rows)
    leaders = list(dict.fromkeys(name for _, name in rows))
    return Notice(
        f"第 {shown} 行（分类行）的名称写明了牵头的领导（{'、'.join(leaders)}），已作为该部分的"
        "责任领导：其下没有写责任领导的任务都由其负责。",
        f"Category {'rows' if len(rows) > 1 else 'row'} {shown.replace('、', ', ')} "
        f"{'name' if len(rows) > 1 else 'names'} the {'leaders' if len(leaders) > 1 else 'leader'} "
        f"who {'lead them' if len(rows) > 1 else 'leads it'} ({', '.join(leaders)}): taken as "
        "the leader of that part, whom its tasks that name none answer to.",
    )


def _units_notice(rows: list[tuple[int, str]]) -> Notice:
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
