"""The investment a plan's items state, as the report says it (pure): a 民生实事 推进表's 总投资
（万元） and 已完成投资（万元）, kept on each item under the table's own header (importing/
reading.py). A 完成情况报告 states what the projects cost and what was spent; the report says
what the items hold and how many hold it, never a figure for the rest."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from ..controls import acting_in
from ..model import Item, is_number
from ..texts import format_number

# The money units a header gives in its brackets, in yuan: said in English as yuan.
_YUAN = {"元": 1, "万元": 10_000, "亿元": 100_000_000}
# A header's unit in brackets at its end: 总投资（万元）, 投资额(万元).
_UNIT: re.Pattern[str] | None = None
# What was spent, beside what was planned (总投资, 投资额, 计划投资): 已完成投资, 累计完成投资,
# 实际投资, 已投资, 到位资金.
_SPENT_WORDS = ("完成", "已", "累计", "实际", "到位")
# A plan's column however worded (年度计划完成投资 is what the year was to spend, not what it
# did), and a share, not money (投资完成率（%）, 完成投资占比).
_PLANNED_WORDS = ("计划", "预计", "拟")
_SHARE_WORDS = ("率", "比例", "占比", "进度")
# A year's part of a project's cost (洋县's 十大民生实事 give 年度投资金额（万元）, 2024年投资):
# said as 年度投资, never as the 总投资 the table did not give.
_YEAR_WORDS = ("年度", "本年", "当年", "今年")
_A_YEAR: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Investment:
    """An item's planned investment and what it has spent, each with its unit; None where the
    item states none."""

    total: tuple[Fraction, str] | None
    spent: tuple[Fraction, str] | None
    yearly: bool = False  # ``total`` is the year's part (年度投资), not the project's cost
    # Beside a 总投资, the year's part as a 重点项目 table gives it (2025年计划投资（万元）): its
    # header's words and the amount. The year is assessed by it.
    year_part: tuple[str, tuple[Fraction, str]] | None = None


def investment_of(item: Item) -> Investment | None:
    """The 总投资 and 已完成投资 an item states under a header of its table's, None without."""
    global _UNIT, _A_YEAR
    if _UNIT is None or _A_YEAR is None:  # compiled at first use, not at import
        _UNIT = re.compile(r"^(.*?)\s*[（(]\s*([^（）()]*)\s*[）)]\s*$")
        _A_YEAR = re.compile(r"(?:19|20)\d\d\s*年")
    total = spent = None
    whole = False  # whether ``total`` is a 总投资
    yearly = False  # whether ``total`` is a year's part of the cost
    year_part = None
    year_words = ""  # the header of the year's part, read before a 总投资
    for name, value in item.data.items():
        if not isinstance(name, str) or "/" in name or not is_number(value):
            continue  # a group's part (资金来源（万元）/区级补助) is a source, not the cost
        if acting_in(name):  # ("总投资\n": a field of its own, not the column it looks like)
            continue
        found = _UNIT.match(name)
        words, unit = (found.group(1), found.group(2).strip()) if found else (name, "")
        if "投资" not in words or unit in ("%", "％", "‰"):
            continue
        if any(word in words for word in _SHARE_WORDS):
            continue
        amount = (Fraction(str(value)), unit)
        planned = any(word in words for word in _PLANNED_WORDS)
        of_a_year = any(word in words for word in _YEAR_WORDS) or bool(_A_YEAR.search(words))
        if any(word in words for word in _SPENT_WORDS) and not planned:
            spent = spent or amount
        elif "总" in words and not whole:  # 总投资 before a year's 计划投资, whichever is first
            if total is not None and yearly and year_part is None:
                year_part = (year_words, total)
            total, whole, yearly = amount, True, False
        elif total is None:
            total, yearly, year_words = amount, of_a_year, words.strip()
        elif whole and of_a_year and year_part is None:
            year_part = (words.strip(), amount)
    if total is None and spent is None:
        return None
    return Investment(total, spent, yearly, year_part)


def _total_name(lang: str, yearly: list[bool]) -> str:
    """What the planned figures are called: 总投资, a year's 年度投资, or, the tasks mixing
    both, just 投资."""
    if all(yearly):
        return "年度投资" if lang == "zh" else "investment for the year"
    if not any(yearly):
        return "总投资" if lang == "zh" else "total investment"
    return "投资" if lang == "zh" else "investment"


def amount_words(lang: str, amount: tuple[Fraction, str]) -> str:
    """260万元; in English 2.6 million yuan (a unit not of money as written: 260 万)."""
    value, unit = amount
    if lang == "zh":
        return f"{format_number(value)}{unit}"
    if unit not in _YUAN:
        return f"{format_number(value)} {unit}".rstrip()
    yuan = value * _YUAN[unit]
    if abs(yuan) >= 1_000_000:
        return f"{format_number(yuan / 1_000_000)} million yuan"
    return f"{int(yuan):,} yuan" if yuan.denominator == 1 else f"{format_number(yuan)} yuan"


def task_clause(lang: str, item: Item) -> str:
    """What one task states: 总投资260万元，已完成投资250万元 / total investment 2.6 million
    yuan, 2.5 million yuan spent; "" without."""
    found = investment_of(item)
    if found is None:
        return ""
    said = []
    if found.total:
        planned = amount_words(lang, found.total)
        name = _total_name(lang, [found.yearly])
        said.append(f"{name}{planned}" if lang == "zh" else f"{name} {planned}")
    if found.year_part:
        words, amount = found.year_part
        year_amount = amount_words(lang, amount)
        said.append(f"{words}{year_amount}" if lang == "zh" else f"{year_amount} for the year")
    if found.spent:
        spent = amount_words(lang, found.spent)
        said.append(f"已完成投资{spent}" if lang == "zh" else f"{spent} spent")
    return ("，" if lang == "zh" else ", ").join(said)


def _summed(amounts: list[tuple[Fraction, str]]) -> list[tuple[Fraction, str]]:
    """Amounts added up by unit; money in 元, 万元 and 亿元 together, in the unit most use, on
    a tie the larger (310万元, not 3100000元)."""
    money = [a for a in amounts if a[1] in _YUAN]
    others: dict[str, Fraction] = {}
    for value, unit in amounts:
        if unit not in _YUAN:
            others[unit] = others.get(unit, Fraction(0)) + value
    out = []
    if money:
        units = [unit for _, unit in money]
        # Not max over a set: its order, and so the unit a tie gave, changed from run to run
        # (the md said 3100000元, the Word file 310万元).
        unit = max(_YUAN, key=lambda u: (units.count(u), _YUAN[u]))
        out.append((sum((v * _YUAN[u] for v, u in money), Fraction(0)) / _YUAN[unit], unit))
    return out + [(value, unit) for unit, value in others.items()]


def _planned_sentence(
    lang: str, name: str, planned: list[tuple[Item, tuple[Fraction, str]]]
) -> str:
    """N项任务列有总投资，合计…，其中已完成的M项…: the tasks stating ``name`` and its sum."""
    sep = "、" if lang == "zh" else " and "
    whole = sep.join(amount_words(lang, a) for a in _summed([a for _, a in planned]))
    done = [a for task, a in planned if task.status == "done"]
    if lang == "zh":
        text = f"{len(planned)}项任务列有{name}，合计{whole}"
        if done:
            part = sep.join(amount_words(lang, a) for a in _summed(done))
            text += f"，其中已完成的{len(done)}项{part}"
        return text + "。"
    text = (
        f"{len(planned)} {'task states' if len(planned) == 1 else 'tasks state'} "
        f"{'an' if name.startswith('i') else 'a'} {name}, {whole} in all"
    )
    if done:
        part = sep.join(amount_words(lang, a) for a in _summed(done))
        text += f", {part} of it in the {len(done)} done"
    return text + "."


def overview_sentences(lang: str, tasks: list[Item]) -> list[str]:
    """The overview's word on the money: how many of ``tasks`` (those counted: not dropped)
    state a 总投资 and what they come to, the part the done ones hold, and the 已完成投资
    where any is stated. None where no task states one."""
    found = [(task, inv) for task in tasks if (inv := investment_of(task)) is not None]
    planned = [(task, inv.total) for task, inv in found if inv.total]
    name = _total_name(lang, [inv.yearly for _, inv in found if inv.total])
    spent = [inv.spent for _, inv in found if inv.spent]
    sep = "、" if lang == "zh" else " and "
    out = []
    if planned:
        out.append(_planned_sentence(lang, name, planned))
    # The year's part beside the 总投资 (2025年计划投资), named by its own header.
    parts = [(task, inv.year_part) for task, inv in found if inv.year_part]
    if parts:
        words = _total_name(lang, [True]) if lang != "zh" else parts[0][1][0]
        out.append(_planned_sentence(lang, words, [(task, part[1]) for task, part in parts]))
    if spent:
        made = sep.join(amount_words(lang, a) for a in _summed(spent))
        n = len(spent)
        out.append(
            f"已完成投资{made}（{n}项任务填报）。"
            if lang == "zh"
            else f"The investment made: {made} ({n} {'task' if n == 1 else 'tasks'} reporting)."
        )
    return out
