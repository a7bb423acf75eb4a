"""A task's target written only in its title (新增市场主体3000户以上, 完成造林1200亩, 培训农民
不少于500人次) in a table with no 目标值 column (pure): read as the task's target where the
title states exactly one figure with a unit; a title of two (新建2座桥、改造5公里道路) stays words,
said."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..magnitudes import in_measure
from ..typed_numbers import same_unit
from .errors import CellUnreadable, Notice, cell_words
from .reading import Node
from .values import COUNTED, numbers_in, read_target

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
# An escape sequence or a control character a cell may hold (a title copied from a terminal):
# no figures of the text's, its digits (\x1b[31m) not read as one.
_CONTROLS = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|.)|[\x00-\x1f\x7f]"
)


def visible(text: str) -> str:
    """The text without escape sequences and control characters, for its figures."""
    return _CONTROLS.sub("", text) if any(ord(ch) < 32 or ord(ch) == 127 for ch in text) else text


_LONG = ("人次", "户次", "场次", "批次", "公里", "千米", "公顷", "平方米", "平方公里", "立方米")


def _counts_in(unit: str) -> bool:
    bare = unit.lstrip("万千百亿") or unit
    if COUNTED.fullmatch(bare[1:]) and bare[:1] == "个":  # 个村 (values.COUNTED)
        return True
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
        if names_a_project(node.title):
            continue
        if len(numbers_in(visible(node.title))) >= 2:
            left.append((node.row, node.title))
            continue
        found = figure_target(visible(node.title), node.fields.get("measure"))
        if found is not None:
            node.fields.update(found[0])
            read.append((node.row, node.title, found[1]))


def units_from_titles(nodes: list[Node], read: list[tuple[int, str, str]]) -> None:
    """A target typed as a bare number (目标值 10) whose title states the same figure with
    its unit (完成10个村居环境整治): the unit is the title's (个村居), where no 计量单位 gives
    one. ``read``: (row, unit, the figure's words), to be said."""
    for node in nodes:
        if node.children:
            units_from_titles(node.children, read)
            continue
        target = node.fields.get("target")
        if not isinstance(target, int | float) or node.fields.get("measure"):
            continue
        if any(unit[0] == "target" for unit in node.units):  # 5公里: its own unit, no bare 5
            continue
        if names_a_project(node.title) or len(numbers_in(visible(node.title))) != 1:
            continue
        found = figure_target(visible(node.title), None)
        if found is None or found[0].get("target") != target or not found[0].get("measure"):
            continue
        node.fields["measure"] = found[0]["measure"]
        read.append((node.row, found[0]["measure"], found[1]))


def units_from_titles_notice(read: list[tuple[int, str, str]]) -> Notice:
    """The units taken from titles, by row."""
    shown = read[:10]
    zh = "；".join(f"第 {row + 1} 行“{figure}”→ {unit}" for row, unit, figure in shown)
    en = "; ".join(f"row {row + 1} {figure!r} → {unit}" for row, unit, figure in shown)
    if len(read) > len(shown):
        zh, en = f"{zh} 等 {len(read)} 行", f"{en} and {len(read) - len(shown)} more"
    return Notice(
        f"这些目标值只写了数字，计量单位取自标题中的同一个数：{zh}。读错的，用 plan edit 编号 "
        "--measure 单位 改。",
        f"These targets are bare numbers: their unit was taken from the same figure in the "
        f"title: {en}. Where that is wrong, set it with plan edit ID --measure UNIT.",
    )


# The name of one project (泽库县2个村发展新型农村集体经济项目, 小口机井工程（二期）): a figure in
# it says where the project is or what it is, not a count for the year to reach.
_PROJECT_NAME = re.compile(r"(?:项目|工程)\s*(?:[(（][^()（）]*[)）])?\s*$")


# ... but a figure just before the word counts the projects (新开工5个项目, 实施3个重点水利工程).
_PROJECTS_COUNTED = re.compile(r"\d\s*[个项批处座]?\s*(?:以上|左右)?\s*\S{0,4}(?:项目|工程)\s*$")


def names_a_project(title: str) -> bool:
    return bool(_PROJECT_NAME.search(title)) and not _PROJECTS_COUNTED.search(title)


def no_total(text: str) -> bool:
    """Whether a text's one figure is a time allowed (3个月内办结) or a figure per period or
    place (每周2次): no count for the year to reach."""
    found = numbers_in(text)
    if len(found) != 1:
        return False
    number = found[0]
    return bool(_DURATION.match(text[number.end() :]) or _PER.search(text[: number.start()]))


def _half(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch)


def figure_target(text: str, measure: str | None) -> tuple[dict[str, Any], str] | None:
    """The target fields (target, measure, target_text, direction) of a text that states
    exactly one figure with a unit a task counts in (3000户以上, 不少于500人次), and that
    figure's words; None for any other text, or a figure in another unit than ``measure``."""
    found = numbers_in(text)
    if len(found) != 1 or text[: found[0].start()].endswith("第"):
        return None
    number = found[0]
    if no_total(text):
        return None
    before = _BEFORE.search(text[: number.start()])
    start = before.start() if before else number.start()
    try:
        target = read_target(text[start:])
    except CellUnreadable:  # (a figure too large to be one: the text stays words)
        return None
    if target.value is None or not _counts_in(target.measure):
        return None
    # the figure's own words: 3000户以上, 不少于500人次 (read_target says where its unit ends)
    rest = text[number.end() :]
    # (its unit as read is in half-width: 8个村（居） reads 个村(居))
    last = target.measure[-1:]
    unit_end = next((i + 1 for i, ch in enumerate(rest) if last and _half(ch) == last), 0)
    after = _AFTER.match(rest[unit_end:])
    figure = text[start : number.end() + unit_end + (after.end() if after else 0)]
    target = read_target(figure)  # (read whole above: this part of it reads too)
    if target.value is None:
        return None
    value, unit = in_measure(target.value, target.measure, measure)  # 2千亩: 2000 亩
    if measure and not same_unit(unit, measure):
        return None  # the 计量单位 column says another unit: the figure is no target
    fields: dict[str, Any] = {"target": value}
    if not measure:
        fields["measure"] = unit
    if target.text is not None:
        fields["target_text"] = target.text
    if target.down:
        fields["direction"] = "down"
    return fields, figure


def title_targets_notice(
    read: list[tuple[int, str, str]], left: list[tuple[int, str]], column: str | None = None
) -> list[Notice]:
    """What the import says of the targets it read from titles, and of titles left as words;
    or, given the header of the ``column`` they were read from (工作标准), of its cells."""
    where_zh = "标题" if column is None else f"“{column}”"
    where_en = "a title" if column is None else f"the {column!r} column"
    notices = []
    if read:
        shown = read[:10]
        more = f" 等 {len(read)} 行" if len(read) > len(shown) else ""
        more_en = f" and {len(read) - len(shown)} more" if len(read) > len(shown) else ""
        zh = "；".join(f"第 {row + 1} 行“{figure}”" for row, _, figure in shown) + more
        en = "; ".join(f"row {row + 1} {figure!r}" for row, _, figure in shown) + more_en
        notices.append(
            Notice(
                f"表中没有目标值列，{where_zh}里写的目标读作任务的目标值：{zh}。读错的，用 plan edit "
                "编号 --target 数字 改。",
                f"The table has no target column: the target {where_en} states was read as "
                f"the task's target: {en}. Where that is wrong, set it with plan edit ID "
                "--target NUMBER.",
            )
        )
    if left:
        shown_left = left[:10]
        zh = "；".join(f"第 {row + 1} 行“{cell_words(title)}”" for row, title in shown_left)
        en = "; ".join(f"row {row + 1} {cell_words(title)!r}" for row, title in shown_left)
        if len(left) > len(shown_left):
            zh, en = f"{zh} 等 {len(left)} 行", f"{en} and {len(left) - len(shown_left)} more"
        notices.append(
            Notice(
                f"{where_zh}里有两个以上的数字，没有读成目标值，只保留在{where_zh}里：{zh}。这些"
                "任务的完成率按进度计；要按完成值计，导入后用 plan edit 编号 --target 数字 设上"
                "目标值，或拆成几项任务。",
                (
                    "Title(s) stating two or more figures were not read as a target and stay "
                    "words in the title"
                    if column is None
                    else f"Cells of {column!r} stating two or more figures were not read as a "
                    "target and stay words there"
                )
                + f": {en}. Their completion is their progress: to count a figure, set one "
                "after with plan edit ID --target NUMBER, or split the task.",
            )
        )
    return notices
