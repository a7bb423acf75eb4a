"""The ledger's columns a plan has beyond a 工作计划's nine (pure): a 考核 plan's points (分值,
under the header the import read them by) and those earned where it records them (自评得分);
a 重点项目 plan's 总投资, the year's 计划投资 and 完成投资 (``investment.investment_of``). Each
only where some task holds it, after the nine, so a 工作计划's ledger is as it was."""

from __future__ import annotations

import re
from collections.abc import Callable
from fractions import Fraction

from ..model import WEIGHT_HEADER, Item, Plan, is_number
from ..texts import format_number
from .investment import Investment, amount_words, investment_of

# A task's points earned, kept under the plan's own header (自评得分, 考核得分, 得分（分）).
# Exactly so (fullmatch): a key with a line break after it ("自评得分\n", which ``$`` and ``\s``
# let through) is a field of its own, not this column.
_EARNED = re.compile(
    r"(?:自评|考核|实际|最终|综合)?得分[ \u3000]*(?:[（(][ \u3000]*分[ \u3000]*[）)])?"
)

_NAMES = {
    "zh": {"points": "分值", "total": "总投资", "year": "年度计划投资", "spent": "完成投资"},
    "en": {
        "points": "Points",
        "earned": "Earned",
        "total": "Total investment",
        "year": "Planned for the year",
        "spent": "Investment made",
    },
}

Amount = tuple[Fraction, str]


def extra_columns(plan: Plan, tasks: list[Item], lang: str) -> tuple[list[str], list[list[str]]]:
    """The names of the columns beyond the nine that some task of ``tasks`` fills, and each
    task's cells under them (in the order of ``tasks``)."""
    names: list[str] = []
    cells: list[list[str]] = [[] for _ in tasks]

    def add(name: str, cell: Callable[[Item], str]) -> None:
        column = [cell(task) for task in tasks]
        if any(column):
            names.append(name)
            for row, text in zip(cells, column, strict=True):
                row.append(text)

    words = _NAMES["zh" if lang == "zh" else "en"]
    points_header = plan.meta.get(WEIGHT_HEADER)
    if isinstance(points_header, str) and points_header:  # 分值, not a 权重: the plan's points
        add(points_header if lang == "zh" else words["points"], _points)
        earned = _earned_key(tasks)
        if earned is not None:
            add(earned if lang == "zh" else words["earned"], lambda t: _number(t.get(earned)))
    found = {task.id: investment_of(task) for task in tasks}
    if any(found.values()):
        for key, side in (("total", _total), ("year", _year_part), ("spent", _spent)):
            amounts = [side(found[task.id]) for task in tasks]
            header = _money_header(key, [found[t.id] for t in tasks], lang) or words[key]
            add(*_money_column(header, amounts, tasks, lang))
    return names, cells


def _points(task: Item) -> str:
    return _number(task.data.get("weight"))


def _number(value: object) -> str:
    return format_number(value) if is_number(value) else ""  # type: ignore[arg-type]


def _earned_key(tasks: list[Item]) -> str | None:
    """The header the plan keeps its points earned under (自评得分), the first a task holds."""
    for task in tasks:
        for key, value in task.data.items():
            if isinstance(key, str) and _EARNED.fullmatch(key) and is_number(value):
                return key
    return None


def _total(found: Investment | None) -> Amount | None:
    return found.total if found is not None and not found.yearly else None


def _year_part(found: Investment | None) -> Amount | None:
    """The year's part of the cost: beside a 总投资 (2025年计划投资), or the only figure (年度
    投资)."""
    if found is None:
        return None
    if found.year_part is not None:
        return found.year_part[1]
    return found.total if found.yearly else None


def _spent(found: Investment | None) -> Amount | None:
    return found.spent if found is not None else None


def _money_header(key: str, found: list[Investment | None], lang: str) -> str:
    """The year's column as the table headed it (2025年计划投资) where the tasks agree; ""
    for the common name."""
    if key != "year" or lang != "zh":
        return ""
    said = {inv.year_part[0] for inv in found if inv is not None and inv.year_part is not None}
    return said.pop() if len(said) == 1 else ""


def _money_column(
    header: str, amounts: list[Amount | None], tasks: list[Item], lang: str
) -> tuple[str, Callable[[Item], str]]:
    """A column of money: in Chinese, the unit in the header where every amount has the same
    (总投资（万元）: 1000), else beside each; in English, as the sentences say it."""
    by_task = {task.id: amount for task, amount in zip(tasks, amounts, strict=True)}
    units = {amount[1] for amount in amounts if amount is not None}
    if lang == "zh" and len(units) == 1 and (unit := units.pop()):
        header = f"{header}（{unit}）"

        def cell(task: Item) -> str:
            amount = by_task[task.id]
            return format_number(amount[0]) if amount is not None else ""

        return header, cell

    def worded(task: Item) -> str:
        amount = by_task[task.id]
        return amount_words(lang, amount) if amount is not None else ""

    return header, worded


def points_sentence(plan: Plan, tasks: list[Item], lang: str) -> str:
    """A 考核 plan's score in the overview: the points its tasks (those counted: not dropped)
    carry and those earned where the plan records them (5项任务分值合计30分，自评得分合计28分);
    "" for a plan without points."""
    header = plan.meta.get(WEIGHT_HEADER)
    scored = [task for task in tasks if is_number(task.data.get("weight"))]
    if not isinstance(header, str) or not header or not scored:
        return ""
    total = sum((Fraction(str(task.data["weight"])) for task in scored), Fraction(0))
    key = _earned_key(scored)
    earned = [Fraction(str(t.data[key])) for t in scored if key and is_number(t.data.get(key))]
    n, points = len(scored), format_number(total)
    if lang == "zh":
        text = f"{n}项任务{header}合计{points}分"
        if earned:
            recorded = "" if len(earned) == n else f"（{len(earned)}项填报）"
            text += f"，{key}合计{format_number(sum(earned, Fraction(0)))}分{recorded}"
        return text + "。"
    tasks_said = "The task carries" if n == 1 else f"The {n} tasks carry"
    text = f"{tasks_said} {points} points in all"
    if earned:
        text += f"; {format_number(sum(earned, Fraction(0)))} points earned"
        if len(earned) != n:
            text += f" ({len(earned)} {'task' if len(earned) == 1 else 'tasks'} recording them)"
    return text + "."
