"""The view of ``plan list``: the tree with check marks, status, who is responsible and due
dates, or (``--flat``) a table of tasks. Drawn as plain runs (``grid``), node by node and row by
row, in time linear in the tasks; without rich where the output is not a terminal (``plain``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from ..answering import everyone_responsible, responsible_names
from ..collector import paused
from ..model import Item, Plan, deadline_words, task_status
from ..names import split_names
from ..periods import written
from ..records import ListFilter, select
from ..rollup import Rollup
from ..rollup_tree import rollups
from ..texts import (
    as_of_words,
    label,
    labelled,
    light_label,
    pace_label,
    percent_of,
    status_label,
)
from .fitting import Fitted
from .grid import Cell, Column, Grid, cell
from .styles import LIGHT_STYLES, PACE_STYLES, STATUS_MARKS, shown
from .tree import Tree


class _Responsible:
    """``everyone_responsible`` of many tasks, with the names of the goals and parts above them
    worked out once: in a role an item does not state, it has its parent's names
    (``responsible_names`` looks up the tree)."""

    def __init__(self) -> None:
        self.memo: dict[tuple[int, str], list[str]] = {}
        self.everyone: dict[int, list[str]] = {}
        self.split: dict[str, list[str]] = {}  # the names each text gives (split_names)
        self.texts: dict[tuple[Any, ...], str] = {}

    def names(self, item: Item, role: str) -> list[str]:
        parent = item.parent
        value = item.data.get(role)
        if isinstance(value, str):  # responsible_names' rule, the text split once
            own = self.split.get(value)
            if own is None:
                own = self.split[value] = list(dict.fromkeys(split_names(value)))
            if own or parent is None:
                return own
        elif parent is None or role in item.data:
            return responsible_names(item, role)
        key = (id(parent), role)
        names = self.memo.get(key)
        if names is None:
            names = self.memo[key] = self.names(parent, role)
        return names

    def joined(self, item: Item) -> str:
        """Everyone responsible for ``item`` as a list shows them: 王五 / 镇农业办; the same
        for the items under one parent that state the same names."""
        get = item.data.get
        units = get("support_units")
        if isinstance(units, list):
            units = tuple(units)
        key = (id(item.parent), get("lead"), get("lead_unit"), get("owner"), units)
        try:
            text = self.texts.get(key)
        except TypeError:  # a value no key can hold (not names, found by plan check)
            return " / ".join(self.of(item))
        if text is None:
            text = self.texts[key] = " / ".join(self.of(item))
        return text

    def of(self, item: Item) -> list[str]:
        parent = item.parent
        if parent is not None and _ROLE_SET.isdisjoint(item.data):
            names = self.everyone.get(id(parent))
            if names is None:
                names = self.everyone[id(parent)] = self.of(parent)
            return names
        everyone = [name for role in _ROLES for name in self.names(item, role)]
        return list(dict.fromkeys(everyone))


# The roles in the order ``everyone_responsible`` lists their names.
_ROLES = ("lead", "lead_unit", "owner", "support_units")
_ROLE_SET = frozenset(_ROLES)


class _Percents(dict[Any, str]):
    """``format_percent`` of each figures' completion, worked out once: tasks share few values
    (0 %, 50 %, the same progress figures). Looked up by the completion's whole numbers, which
    hash faster than the fraction."""

    def of(self, figures: Rollup) -> str:
        text = self.get(figures.ratio)
        if text is None:
            text = self[figures.ratio] = percent_of(figures.ratio)
        return text


def _responsible(item: Item, names: _Responsible | None = None) -> str:
    return names.joined(item) if names else " / ".join(everyone_responsible(item))


def _heading(plan: Plan, as_of: dt.date, lang: str, recorded_to: dt.date | None) -> Cell:
    return cell((shown(f"{plan.title} · {as_of_words(lang, as_of, recorded_to)}"), "bold"))


def _shape(items: list[Item]) -> list[tuple[int, bool]]:
    """Each item's depth in the tree of ``items`` (tree order, every item's parent among them
    or none) and whether it is the last child of its parent there."""
    depths: dict[int, int] = {}  # by the item's identity, as the parents below
    parents: list[int | None] = []
    shape: list[tuple[int, bool]] = []
    for item in items:
        above = id(item.parent) if item.parent is not None else None
        parent = above if above in depths else None
        depths[id(item)] = 0 if parent is None else depths[parent] + 1
        parents.append(parent)
    later: set[int | None] = set()
    for item, parent in zip(reversed(items), reversed(parents), strict=True):
        shape.append((depths[id(item)], parent not in later))
        later.add(parent)
    shape.reverse()
    return shape


def list_tree(
    plan: Plan, as_of: dt.date, lang: str, keep: ListFilter, recorded_to: dt.date | None = None
) -> Tree | str:
    """The tree of the kept tasks and the goals above them; each node drawn as it is reached
    (``tree.Tree``), so that ten thousand tasks take little memory."""
    items = select(plan, as_of, keep)
    if not items:
        return label(lang, "no_items")  # our words, no markup in them
    with paused():
        figures = rollups(plan, as_of)  # a task's say its pace class (kind) and light
        shape = _shape(items)
    names = _Responsible()
    statuses = {status: status_label(lang, status) for status in STATUS_MARKS}
    paces = {kind: pace_label(lang, kind) for kind in PACE_STYLES}
    lights = {colour: light_label(lang, colour) for colour in ("red", "yellow")}
    responsible, due = label(lang, "responsible"), label(lang, "due")
    percents = _Percents()

    def nodes(colour: bool) -> Iterator[tuple[int, bool, str | Cell, list[str]]]:
        marks = {status: mark + " " for status, mark in STATUS_MARKS.items()}
        dates: dict[Any, str] = {}
        awaiting, held = label(lang, "awaiting_short"), label(lang, "held_short")
        blocked = label(lang, "blocked_short")
        for item, (depth, last) in zip(items, shape, strict=True):
            data = item.data  # read straight, not through Item's properties: 10,000 times
            key = shown(data["id"])
            if not item.children:  # a task
                own = figures[data["id"]]
                kind, signal = own.kind or "", own.light or ""
                status = data.get("status") or task_status(data)
                warning = lights.get(signal)  # red and yellow are shown
                node: str | Cell
                if not colour:  # the label as plain text
                    node = f"{marks[status]}{key} {shown(data['title'])}"
                    if warning:
                        node += "  " + warning
                else:
                    node = Cell(
                        [
                            (marks[status], PACE_STYLES[kind]),
                            (key + " ", "dim"),
                            (shown(data["title"]), ""),
                        ]
                    )
                    if warning:
                        node += [("  ", ""), (warning, LIGHT_STYLES[signal])]
                # A done (or dropped) task's pace class is its status again: said once.
                details = [statuses[status]]
                if paces[kind] != details[0]:
                    details.append(paces[kind])
                if data.get("progress") is not None or data.get("actual") is not None:
                    details.append(percents.of(own))
                who = names.joined(item)
                if who:
                    details.append(shown(labelled(lang, responsible, who)))
                deadline = data.get("due")
                if deadline is not None and item.due:
                    words = dates.get(deadline)
                    if words is None:
                        words = dates[deadline] = labelled(lang, due, written(deadline))
                    details.append(words)
                elif said := deadline_words(data):  # 长期坚持: no day, its words
                    details.append(shown(labelled(lang, due, said)))
            else:
                counts = figures[data["id"]]
                if not colour:
                    node = f"{key} {shown(data['title'])}"
                else:
                    node = Cell([(key + " ", "dim"), (shown(data["title"]), "bold")])
                details = [f"{counts.done}/{counts.total}", percents.of(counts)]
                waiting = counts.total - counts.done - counts.blocked - counts.held
                if counts.ratio == (1, 1):  # 0/2 · 100%: say why (as status)
                    if waiting > 0:
                        details.append(awaiting.format(n=waiting))
                    if counts.held:  # figures held all year, nothing to tick off yet
                        details.append(held.format(n=counts.held))
                    if counts.blocked:  # still blocked, as the office set it
                        details.append(blocked.format(n=counts.blocked))
            yield depth, last, node, details

    return Tree(_heading(plan, as_of, lang, recorded_to), nodes)


def _who_and_due(task: Item, lang: str, names: _Responsible | None = None) -> list[str]:
    """责任: 王副镇长 / 镇农业综合服务中心 / 李明 and 完成时限: 2023-06-30, as far as set."""
    details = []
    who = _responsible(task, names)
    if who:
        details.append(shown(labelled(lang, label(lang, "responsible"), who)))
    if task.due:
        details.append(labelled(lang, label(lang, "due"), written(task.get("due"))))
    elif said := deadline_words(task.data):  # 长期坚持
        details.append(shown(labelled(lang, label(lang, "due"), said)))
    return details


# Below this width ``list --flat`` puts who is responsible and the deadline under the title
# instead of in columns of their own, so that titles keep their room at 80 columns.
NARROW_LIST_BELOW = 110


def list_table(
    plan: Plan, as_of: dt.date, lang: str, keep: ListFilter, recorded_to: dt.date | None = None
) -> Fitted | str:
    tasks = [item for item in select(plan, as_of, keep) if item.is_task]
    if not tasks:
        return label(lang, "no_items")  # our words, no markup in them
    heading = _heading(plan, as_of, lang, recorded_to)
    with paused():
        figures = rollups(plan, as_of)
    names = _Responsible()
    statuses = {status: status_label(lang, status) for status in STATUS_MARKS}
    paces = {kind: Cell([(pace_label(lang, kind), PACE_STYLES[kind])]) for kind in PACE_STYLES}
    percents = _Percents()
    lights = {
        colour: Cell([(light_label(lang, colour), LIGHT_STYLES.get(colour or "", ""))])
        for colour in ("red", "yellow", "green", None)
    }

    def stacked() -> Grid:
        """Below the narrow table's least width (40 columns): the status, pace, completion and
        light under each title, then who is responsible and the deadline."""
        title = Column(
            label(lang, "title"), wrap=True, min_width=1, phrases=True, no_lone_char="last"
        )
        grid = Grid([Column(""), title], title=heading)
        for task in tasks:
            own = figures[task.id]
            runs = [(shown(task.id) + " ", "dim"), (shown(task.title), "")]
            light = lights[own.light]
            state = [[(statuses[task.status], "")]]
            pace = paces[own.kind or ""]
            if pace.text != statuses[task.status]:  # a done task's pace is its status again
                state.append(list(pace))
            state += [[(percents.of(own), "")]] + ([list(light)] if light else [])
            for n, phrase in enumerate(state):
                runs.append(("\n" if n == 0 else " · ", "" if n == 0 else "dim"))
                runs += phrase
            runs += [("\n" + line, "dim") for line in _who_and_due(task, lang, names)]
            grid.add_row(STATUS_MARKS[task.status], cell(*runs))
        return grid

    def table(narrow: bool) -> Grid:
        columns = [
            Column(""),
            Column(label(lang, "id"), wrap=True, min_width=5),  # a deep id folds at 80 columns
            Column(
                label(lang, "title"),
                wrap=True,
                min_width=8,
                ratio=2 if narrow else 3,
                phrases=True,
                no_lone_char="last",
            ),
            Column(label(lang, "status")),
            Column(label(lang, "pace")),
            Column(label(lang, "completion"), justify="right"),
            Column(label(lang, "light"), optional=True),
        ]
        if not narrow:
            columns += [
                Column(label(lang, "who"), wrap=True, min_width=6, optional=True, phrases=True),
                Column(label(lang, "due"), optional=True),
            ]
        grid = Grid(columns, title=heading)
        for task in tasks:
            own = figures[task.id]
            title: str | Cell = shown(task.title)
            if narrow:
                details = _who_and_due(task, lang, names)
                if details:
                    more = "".join("\n" + line for line in details)
                    title = Cell([(shown(task.title), ""), (more, "dim")])
            cells: list[str | Cell] = [
                STATUS_MARKS[task.status],
                shown(task.id),
                title,
                statuses[task.status],
                paces[own.kind or ""],
                percents.of(own),
                lights[own.light],
            ]
            if not narrow:
                cells += [
                    shown(_responsible(task, names)),
                    written(task.get("due"))
                    if task.get("due") is not None
                    else shown(deadline_words(task.data)),
                ]
            grid.add_row(*cells)
        return grid

    return Fitted(
        [(NARROW_LIST_BELOW, lambda: table(False)), (0, lambda: table(True)), (0, stacked)]
    )
