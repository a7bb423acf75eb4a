"""The figure a 工作标准 (目标任务, 工作目标) column states for a task, read as its target
(pure), as a title's is (``title_targets``): a cell stating exactly one figure with a unit a
task counts in (建成3个, 不少于500人次) gives the target, its words kept where they were; a cell
of two or more figures (新建2座桥、改造5公里道路) stays words, said. Where most of a 目标任务
column's cells state one figure the whole column is the target column (``goal_column``); this
reads the few that do in a column that mostly describes."""

from __future__ import annotations

from .headers import Column, bare_name
from .reading import Node, Reading
from .title_targets import figure_target, visible
from .values import as_text, numbers_in

# A column of the standard a task is to meet, kept as written (header_names: keep).
STANDARD_NAMES = ("工作标准", "完成标准", "目标标准", "建设标准")


def standard_column(reading: Reading) -> Column | None:
    """The column of the tasks' standards in a table with no target column, if it has one."""
    if "target" in reading.columns:
        return None
    for column in reading.header.columns:
        name = bare_name(column.name)
        if column.mapped:
            continue
        if column.field == "keep" and name in STANDARD_NAMES:
            return column
        if column.field == "detail" and "目标" in name:
            return column
    return None


def standard_targets(
    reading: Reading,
    nodes: list[Node],
    column: Column,
    read: list[tuple[int, str, str]],
    left: list[tuple[int, str]],
) -> None:
    """Set the target of each task whose cell in ``column`` states one figure; add (row, the
    cell, the figure) to ``read`` and (row, the cell) of a cell of several figures to ``left``."""
    for node in nodes:
        if node.children:
            standard_targets(reading, node.children, column, read, left)
            continue
        if "target" in node.fields or "target_text" in node.fields:
            continue
        text = visible(as_text(reading.sheet.value(node.row, column.index))).strip()
        if not text:
            continue
        if len(numbers_in(text)) >= 2:
            left.append((node.row, text))
            continue
        found = figure_target(text, node.fields.get("measure"))
        if found is not None:
            node.fields.update(found[0])
            read.append((node.row, text, found[1]))
