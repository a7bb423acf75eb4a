"""A 目标任务 column beside the task's own name: the target, where its cells state figures.

A 重点工作任务分解表 often heads its columns 重点工作 | 目标任务 | 责任领导 …, the second holding
what each task is to reach (45万人次以上, 2200万元, 生产安全事故控制在0起). Both headers name a
task, so the second was read as the task's detail: the plan had no target, no 完成率 by figure,
and the quarterly figures beside it (10, 25, 35, 45 万人次) no measure to be milestones in. Where
most of such a column's cells state one figure, it is the target column (its words kept as
``target_text``); where they mostly describe (478盏路灯刷漆出新 beside 完成主体及配套工程 and a
road per row), it stays the detail. Behind a 具体措施 (重点任务 | 具体措施 | 目标任务, as 皂户李镇's
ledger runs) the 目标任务 is a third title column, kept aside as a copy of the detail; it is the
target column all the same."""

from __future__ import annotations

import re

from ..shell_words import quote
from ..texts import one_line
from .cells import read_cell
from .errors import CellUnreadable, Notice
from .headers import Column, Header, bare_name, recognise
from .reading import Node, Reading
from .sheets import Sheet, Value
from .title_targets import no_total
from .values import as_text, read_target


def targets_beside_titles(header: Header) -> Notice | None:
    """Read as the target a column named for a goal (目标任务, 工作目标, 具体目标) that settled
    as the detail beside the title, where the table has no target column and most of its
    filled cells state one figure; the notice says so and how to keep it the detail."""
    fields = {column.field for column in header.columns}
    if "target" in fields:
        return None
    _task_before_goal(header)
    for column in header.columns:
        if not _beside_title(column) or column.mapped or "目标" not in bare_name(column.name):
            continue
        if recognise(column.name)[0] != "title":
            continue
        cells = [
            header.sheet.value(row, column.index)
            for row in range(header.first_data_row, len(header.sheet.rows))
            if not _part_row(header.sheet, row, column.index)
        ]
        filled = [value for value in cells if value is not None and as_text(value).strip()]
        figures = [value for value in filled if _one_figure(value)]
        if not filled or len(figures) * 2 <= len(filled) or _tells_apart(header, column.index):
            continue
        column.field, column.second = "target", None
        return _notice(column.name, len(figures), len(filled), one_line(as_text(figures[0])))
    return None


# Headers that name the task itself, ranked after a goal column (目标任务) but its name where
# both stand in a row (具体任务 | 目标任务 with 村集体经济收入达到10万元); not a 具体措施, the
# measures a 目标任务 is reached by.
_TASK_NAMES = frozenset(
    "具体任务 主要任务 任务 任务名称 工作内容 工作事项 重要工作事项 重点工作事项 主要工作事项 "
    "主要工作 具体工作 工作项目 任务事项 主要工作任务".split()
)


def _task_before_goal(header: Header) -> None:
    """Where a goal column (目标任务) settled as the title beside a column naming the tasks
    (具体任务), and most of its cells state one figure, the tasks' own column is the title and
    the goal column beside it, which the caller reads as the target."""
    title = next((c for c in header.columns if c.field == "title"), None)
    detail = next((c for c in header.columns if c.field == "detail"), None)
    if title is None or detail is None or title.mapped or detail.mapped:
        return
    if "目标" not in bare_name(title.name) or bare_name(detail.name) not in _TASK_NAMES:
        return
    cells = [
        header.sheet.value(row, title.index)
        for row in range(header.first_data_row, len(header.sheet.rows))
        if not _part_row(header.sheet, row, title.index)
    ]
    filled = [value for value in cells if value is not None and as_text(value).strip()]
    if filled and len([value for value in filled if _one_figure(value)]) * 2 > len(filled):
        named = [
            header.sheet.value(row, detail.index)
            for row in range(header.first_data_row, len(header.sheet.rows))
            if not _part_row(header.sheet, row, title.index)
        ]
        steps = [value for value in named if value is not None and _steps(as_text(value))]
        if len(steps) * 2 < len([value for value in named if value is not None]):
            title.field, detail.field = "detail", "title"


def _steps(text: str) -> bool:
    """Words listing a task's steps or measures (1.完成项目选址；2.完成招投标), not its name."""
    text = text.strip()
    return re.search(r"[；;。\n]|^[1１①一][.．、)）]", text) is not None or len(text) > 40


def target_of_named_task(reading: Reading, node: Node, words: Value) -> None:
    """A task named by its 目标任务 (a 重点工作 merged over rows whose 目标任务 differ, each row a
    task: rows.py): the one figure its words state is its target, the words kept as
    ``target_text``, as where the column is the table's target column (``targets_beside_titles``);
    words that state no one figure (完善旅游配套设施) name the task alone."""
    column = reading.columns.get("detail")
    if column is None or "目标" not in bare_name(column.name) or "target" in reading.columns:
        return
    if "target" in node.fields or not _one_figure(words):
        return
    read_cell(reading, node, Column(column.index, column.name, "target"), words)


def _beside_title(column: Column) -> bool:
    """The detail, or a column kept aside as a second detail (a 具体措施 before it)."""
    if column.field == "detail":
        return True
    return column.second is not None and column.second.field == "detail"


def _part_row(sheet: Sheet, row: int, col: int) -> bool:
    """Whether the cell holds a copy of a part's title merged across the row from a column
    before it (一、打好“三大战役” over A:H): no task's target, stated or not."""
    span = sheet.span(row, col)
    return span is not None and span[1] < col <= span[3]


def _tells_apart(header: Header, index: int) -> bool:
    """Whether the column tells apart the rows of one title — a 重点工作 merged (or typed again,
    or left blank below its first row) over rows whose 目标任务 differ: those rows are a goal's
    tasks, each named by its 目标任务 (rows.py), which the column must stay the detail for."""
    title = next((c.index for c in header.columns if c.field == "title"), None)
    if title is None:
        return False
    sheet = header.sheet
    before: tuple[str, str] | None = None
    for row in range(header.first_data_row, len(sheet.rows)):
        named, own = as_text(sheet.value(row, title)).strip(), as_text(sheet.value(row, index))
        if own.strip() and before is not None and named in ("", before[0]) and own != before[1]:
            return True
        before = (named or (before[0] if before else ""), own) if named or own.strip() else None
    return False


def _one_figure(value: Value) -> bool:
    """A cell stating one figure to reach (2200万元, 建成3个), not the time a task may take
    (3个月内办结) nor a figure per period (每季度1次)."""
    try:
        return read_target(value).value is not None and not no_total(as_text(value))
    except CellUnreadable:
        return False


def _notice(name: str, figures: int, filled: int, first: str) -> Notice:
    shown = name.replace("\n", "")
    typed = quote(f"{shown}=detail")
    return Notice(
        f"“{shown}”一列的 {filled} 格中有 {figures} 格写的是一个数字（如“{first}”），读作各项"
        f"任务的目标值（原文保留）；如果这一列应是任务的具体内容，重新导入时加 --map {typed}。",
        f"Of the {filled} filled cells of column {shown!r}, {figures} state one figure (such as "
        f"{first!r}): read as each task's target (the words kept); if the column is the tasks' "
        f"detail, import again with --map {typed}.",
    )
