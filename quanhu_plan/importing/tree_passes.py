"""Passes over the tree of rows once it is nested (pure): a row's own figures moved to a task of
its own (``own_figures``), a category's deadline written onto its tasks (``inherit``), and a
category's points in a 考核 table (``group_points``)."""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Any

from .header_names import LEDGER_LIGHTS
from .headers import POINTS_NAMES, bare_name
from .reading import Node, Reading

# A row's figures: what measures a task, which a goal does not carry (its completion is its
# tasks'). Moved, with the row's deadline copied, to the task ``own_figures`` makes.
_FIGURE_FIELDS = ("measure", "baseline", "target", "target_text", "direction")


def own_figures(reading: Reading, nodes: list[Node]) -> None:
    """A row that states a target (or an actual) of its own and has rows under it (1. 完成高标准
    农田建设3.35万亩, then ① ② its steps) is a goal, whose figures the plan would neither show
    nor add up: they go to a task of its own, titled as it is, after its rows, so that the
    figure the office typed is followed as every other; not a total of its rows' targets
    (``_subtotal``). Said, by row and id (``build``)."""
    for node in nodes:
        if not node.children:
            continue
        own_figures(reading, node.children)
        if not isinstance(node.fields.get("target"), int | float) and "actual" not in node.figures:
            continue
        if _subtotal(node):
            continue
        task = Node(node.row, node.written)
        task.title, task.numeral, task.marker = node.title, None, None
        for field in _FIGURE_FIELDS:
            if field in node.fields:
                task.fields[field] = node.fields.pop(field)
        for field in ("due", "start"):
            if field in node.fields:
                task.fields[field] = node.fields[field]
        task.stated = set(node.stated)
        task.figures, node.figures = node.figures, {}
        task.units, node.units = node.units, []
        task.milestones, node.milestones = node.milestones, []
        task.completion, node.completion = node.completion, None
        task.note, node.note = node.note, None
        task.dated_notes, node.dated_notes = node.dated_notes, []
        task.noted, node.noted = node.noted, None
        for key in [k for k in node.extra if bare_name(k) in LEDGER_LIGHTS]:
            task.extra[key] = node.extra.pop(key)  # (the row's light judged those figures)
        if node.seq is not None:  # the next of its rows' dotted 序号 (1.3 after 1.1, 1.2)
            last = [c.seq.rpartition(".")[2] for c in node.children if c.seq is not None]
            task.seq = f"{node.seq}.{max((int(n) for n in last if n.isdigit()), default=0) + 1}"
        node.children.append(task)
        reading.found.own_figures.append(node.row)


def _subtotal(node: Node) -> bool:
    """Whether the row's target is the sum of its rows' (高标准农田建设3万亩 over each village's
    share, in one measure): a total the plan adds up itself, as a 合计, not a figure of its own."""
    target = node.fields.get("target")
    shares: list[float] = []
    for child in node.children:
        share = child.fields.get("target")
        if not isinstance(share, int | float):
            return False
        shares.append(share)
    measure = node.fields.get("measure")
    if any(child.fields.get("measure", measure) != measure for child in node.children):
        return False
    return isinstance(target, int | float) and math.isclose(sum(shares), target, rel_tol=1e-9)


def inherit(reading: Reading, nodes: list[Node], above: dict[str, tuple[Any, int]]) -> None:
    """A 完成时限 (or 开工时间) written on a category row is its tasks' when they state none,
    as the sheet means it: it is written onto each (a plan's items do not inherit)."""
    found = reading.found
    for node in nodes:
        if node.children:
            mine = dict(above)
            for field in ("due", "start"):
                if field in node.fields:
                    mine[field] = (node.fields[field], node.row)
                elif field in node.stated:  # 长期 on the category: none for its tasks
                    mine.pop(field, None)
            inherit(reading, node.children, mine)
            continue
        given = False
        for field, (value, _) in above.items():
            if field not in node.stated and field not in node.fields:
                node.fields[field] = value
                given = True
        if given:
            source = (above.get("due") or above.get("start") or (None, -1))[1]
            found.inherited[source] = found.inherited.get(source, 0) + 1


# The points a category's heading states: 基层党建（30分）, （满分20分）.
_HEADING_POINTS = re.compile(r"[（(]\s*(?:满分|共|计)?\s*(\d+(?:\.\d+)?)\s*分\s*[）)]\s*$")


def group_points(reading: Reading, nodes: list[Node]) -> None:
    """In a 考核 table whose 分值 are a row's points, a category row that states none has the
    points its heading states (一、基层党建（30分）), else the sum of its rows' (基层党建 over
    10 + 20 分 is 30): its weight beside a row of 8 分 is what it counts for in the score, not
    1. The sum only where every row under it has points."""
    column = reading.columns.get("weight")
    if column is None or bare_name(column.name) not in POINTS_NAMES:
        return
    if reading.written_by_export():  # the plan's own weights, headed in its word (考核分值)
        return
    for node in nodes:
        if not node.children:
            continue
        group_points(reading, node.children)
        written = _HEADING_POINTS.search(node.title or "")
        if written and "weight" not in node.fields:  # 一、基层党建（30分）: its points, as stated
            points = Decimal(written.group(1))
            node.fields["weight"] = int(points) if points == int(points) else float(points)
        weights = [child.fields.get("weight") for child in node.children]
        if "weight" in node.fields or any(weight is None for weight in weights):
            continue
        total = sum((Decimal(str(weight)) for weight in weights), Decimal(0))
        node.fields["weight"] = int(total) if total == int(total) else float(total)
