"""A task's target written only in its title (新增市场主体3000户以上, 完成造林1200亩, 培训农民
不少于500人次) in a table with no 目标值 column (pure): read as the task's target where the
title states exactly one figure with a unit; a title of two (新建2座桥、改造5公里道路) stays words,
said."""

from __future__ import annotations

import re

from ..inputs import same_unit
from ..magnitudes import in_measure
from .errors import CellUnreadable, Notice
from .reading import Node
from .values import numbers_in, read_target

# The words before a figure that say which way it aims (read_target reads them), and after it.
_BEFORE = re.compile(
    r"(?:不少于|不低于|不小于|至少|超过|突破|达到|控制在|不超过|不高于|不多于|低于|高于|"
    r"下降|降低|减少|降至|降到|提高到|提升到|提高|提升|增长|增加)\s*$"
)
_AFTER = re.compile(r"^\s*(?:以上|以下|以内|左右)")
# Units a task's title counts in: a single one of these, or a unit ``read_target`` reads whole
# (人次, 公里, 平方米…); a letter after a number (5G, G330国道) or 年/月 names no target.
# A figure of time (3个月内, 3个工作日内): how long the work may take, not a count to make.
_DURATION = re.compile(r"^\s*个(?:多|余|半)?(?:月|工作日|小时|星期|季度|半月|年)")
# A figure per period or per place (每周2次, 每季度1次, 每户500元, 按季度1次): its year's total
# is not the figure (每年 is the plan's year: 每年培训干部2次 is its target).
_PER = re.compile(r"每(?!年)|按(?:月|季|周|旬|半年)")
_UNITS = frozenset("户个家人名所座条处项亩台套件场期批本元吨米辆栋间份篇宗起例次株棵头只%‰")
_LONG = ("人次", "户次", "场次", "批次", "公里", "千米", "公顷", "平方米", "平方公里", "立方米")


def _counts_in(unit: str) -> bool:
    bare = unit.lstrip("万千百亿") or unit
    return bare in _UNITS or bare in _LONG or bare == "万元" or unit in ("万元", "亿元")


def title_targets(
    nodes: list[Node], read: list[tuple[int, str, str]], left: list[tuple[int, str]]
) -> None:
    """Set the target of each task (a row with no rows under it) whose title states one figure
    and no target of its own; add (row, title, figure as read) to ``read`` and the rows of a
    title stating two or more figures to ``left``."""
    for node in nodes:
        if node.children:
            title_targets(node.children, read, left)
            continue
        if "target" in node.fields or "target_text" in node.fields:
            continue
        found = numbers_in(node.title)
        if len(found) >= 2:
            left.append((node.row, node.title))
            continue
        if len(found) != 1 or node.title[: found[0].start()].endswith("第"):
            continue
        number = found[0]
        if _DURATION.match(node.title[number.end() :]) or _PER.search(node.title[: number.start()]):
            continue
        before = _BEFORE.search(node.title[: number.start()])
        start = before.start() if before else number.start()
        words = node.title[start:]
        try:
            target = read_target(words)
        except CellUnreadable:  # (a figure too large to be one: the title stays words)
            continue
        if target.value is None or not _counts_in(target.measure):
            continue
        # the figure's own words: 3000户以上, 不少于500人次 (read_target says where its unit ends)
        rest = node.title[number.end() :]
        unit_end = rest.find(target.measure[-1]) + 1 if target.measure else 0
        after = _AFTER.match(rest[unit_end:])
        figure = node.title[start : number.end() + unit_end + (after.end() if after else 0)]
        target = read_target(figure)  # (read whole above: this part of it reads too)
        if target.value is None:
            continue
        measure = node.fields.get("measure")
        value, unit = in_measure(target.value, target.measure, measure)  # 2千亩: 2000 亩
        if measure and not same_unit(unit, measure):
            continue  # the 计量单位 column says another unit: the title's figure is no target
        node.fields["target"] = value
        node.fields.setdefault("measure", unit)
        if target.text is not None:
            node.fields["target_text"] = target.text
        if target.down:
            node.fields["direction"] = "down"
        read.append((node.row, node.title, figure))


def title_targets_notice(
    read: list[tuple[int, str, str]], left: list[tuple[int, str]]
) -> list[Notice]:
    """What the import says of the targets it read from titles, and of titles left as words."""
    notices = []
    if read:
        shown = read[:10]
        more = f" 等 {len(read)} 行" if len(read) > len(shown) else ""
        more_en = f" and {len(read) - len(shown)} more" if len(read) > len(shown) else ""
        zh = "；".join(f"第 {row + 1} 行“{figure}”" for row, _, figure in shown) + more
        en = "; ".join(f"row {row + 1} {figure!r}" for row, _, figure in shown) + more_en
        notices.append(
            Notice(
                f"表中没有目标值列，标题里写的目标读作任务的目标值：{zh}。读错的，用 plan edit "
                "编号 --target 数字 改。",
                f"The table has no target column: the target a title states was read as the "
                f"task's target: {en}. Where that is wrong, set it with plan edit ID --target "
                "NUMBER.",
            )
        )
    if left:
        shown_left = left[:10]
        zh = "；".join(f"第 {row + 1} 行“{title}”" for row, title in shown_left)
        en = "; ".join(f"row {row + 1} {title!r}" for row, title in shown_left)
        if len(left) > len(shown_left):
            zh, en = f"{zh} 等 {len(left)} 行", f"{en} and {len(left) - len(shown_left)} more"
        notices.append(
            Notice(
                f"标题里有两个以上的数字，没有读成目标值，只保留在标题里：{zh}。这些任务的完成率"
                "按进度计；要按完成值计，导入后用 plan edit 编号 --target 数字 设上目标值，或拆成"
                "几项任务。",
                f"Title(s) stating two or more figures were not read as a target and stay words "
                f"in the title: {en}. Their completion is their progress: to count a figure, set "
                "one after with plan edit ID --target NUMBER, or split the task.",
            )
        )
    return notices
