"""The views of the read commands: status, list (tree and table), show, and the trace of
plan log and plan show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.text import Text

if TYPE_CHECKING:
    from fractions import Fraction

from ..lights import light, thresholds
from ..model import ITEM_FIELDS, Item, Plan, everyone_responsible
from ..periods import written
from ..records import ListFilter, Milestones, MilestoneState, StatusRow, select
from ..rollup import (
    PACE_CLASSES,
    Rollup,
    expected_completion,
    pace,
    rollup,
    rollups,
    task_completion,
)
from ..texts import (
    as_of_words,
    format_date,
    format_number,
    format_percent,
    format_value,
    label,
    light_label,
    pace_label,
    status_label,
)
from .console import LIGHT_STYLES, PACE_STYLES, STATUS_MARKS, _count, bar, shown, user_text
from .grid import ByWidth, Column, Grid, Tree
from .paragraphs import Paragraph

# ---------------------------------------------------------------- status


def _share(share: Fraction | None, width: int = 6) -> Text:
    if not width:
        return Text(format_percent(share).rjust(4))
    return Text.assemble(format_percent(share).rjust(4), " ", bar(share, width))


def _lights(counts: Mapping[str, int]) -> Text:
    """红/黄 counts of a row: "2/3", each in its colour; "0/0" dim."""
    red, yellow = counts["red"], counts["yellow"]
    if not red and not yellow:
        return Text("0/0", style="dim")
    return Text.assemble(
        (str(red), LIGHT_STYLES["red"] if red else "dim"),
        "/",
        (str(yellow), LIGHT_STYLES["yellow"] if yellow else "dim"),
    )


def light_text(lang: str, colour: str | None) -> Text:
    """A light in words, in its colour: 红灯 / red light (the words stay where colour is off)."""
    return Text(light_label(lang, colour), style=LIGHT_STYLES.get(colour or "", ""))


PACE_COLUMNS = ("ahead", "on_pace", "behind", "overdue")

# Below this width the four pace counts share one column (超/达/欠/逾 0/1/2/0), so that titles
# keep room at 80 columns.
FOLD_PACES_BELOW = 100


def _paces(counts: Mapping[str, int], folded: bool) -> list[Text]:
    if not folded:
        return [_count(counts[k], PACE_STYLES[k]) for k in PACE_COLUMNS]
    parts: list[Any] = []
    for n, kind in enumerate(PACE_COLUMNS):
        if n:
            parts.append("/")
        parts.append(_count(counts[kind], PACE_STYLES[kind]))
    return [Text.assemble(*parts)]


def status_table(
    plan: Plan,
    rows: list[StatusRow],
    total: Rollup,
    as_of: dt.date,
    lang: str,
    by: str | None,
    recorded_to: dt.date | None = None,
    missed: list[tuple[Item, MilestoneState]] | None = None,
    width: int = FOLD_PACES_BELOW,
) -> Group | Grid:
    folded = width < FOLD_PACES_BELOW
    bar_width = STATUS_BAR if width >= BARS_FROM else 0
    heading = f"{plan.title} · {as_of_words(lang, as_of, recorded_to)}"
    if by:
        heading += f" · {label(lang, 'by_' + by)}"
    columns = [] if by else [Column(label(lang, "id"))]
    columns.append(
        Column(label(lang, "group_" + by) if by else label(lang, "title"), wrap=True, min_width=12)
    )
    columns += [
        Column(label(lang, "done_total"), justify="right"),
        Column(label(lang, "completion")),
        *(
            [Column(label(lang, "paces_column"), justify="right")]
            if folded
            else [Column(pace_label(lang, kind), justify="right") for kind in PACE_COLUMNS]
        ),
        Column(label(lang, "lights_column"), justify="right"),
    ]
    table = Grid(columns, title=user_text(heading, style="bold"))
    for number, row in enumerate(rows):
        figures = row.figures
        if number and row.depth == 0 and not by:
            table.add_section()
        name = user_text(
            "  " * row.depth + (row.title or label(lang, "unassigned")),
            style="bold" if row.depth == 0 else "",
        )
        cells: list[str | Text] = (
            [] if by else [user_text(row.id, style="bold" if row.depth == 0 else "dim")]
        )
        cells += [
            name,
            f"{figures.done}/{figures.total}",
            _share(figures.completion, bar_width),
            *_paces(figures.paces, folded),
            _lights(figures.lights),
        ]
        table.add_row(*cells)
    table.set_footer(
        *([] if by else [""]),
        label(lang, "total"),
        f"{total.done}/{total.total}",
        _share(total.completion, bar_width),
        *_paces(total.paces, folded),
        _lights(total.lights),
    )
    if not missed:
        return table
    lines: list[Any] = [table, Text("")]
    for task, milestone in missed:
        lines.append(
            Paragraph(user_text(milestone_sentence(lang, task, milestone), style="yellow"))
        )
    return Group(*lines)


# The status table's bars are narrower than show's: its columns must fit 80 cells; below
# BARS_FROM cells (60) it shows the percentages alone.
STATUS_BAR = 4
BARS_FROM = 70


def milestone_words(lang: str, task: Item, milestone: MilestoneState) -> str:
    """How a milestone stands: 2023-Q2（应达 60%）未达到，届时完成 40%; a milestone set as a
    figure says it (应达 2.4万亩 80%), and its note follows."""
    expected = format_percent(milestone.share)
    if milestone.value is not None:
        expected = f"{format_number(milestone.value)}{task.get('measure', '')} {expected}"
    words = label(lang, "milestone_" + milestone.state).format(
        due=written(milestone.due), expected=expected, done=format_percent(milestone.done)
    )
    if milestone.note:
        words += ("：" if lang == "zh" else ": ") + milestone.note
    return words


def milestone_sentence(lang: str, task: Item, milestone: MilestoneState) -> str:
    """1.2 修路：2023-Q2（应达 60%）未达到，届时完成 40%."""
    words = milestone_words(lang, task, milestone)
    return f"{task.id} {task.title}{'：' if lang == 'zh' else ': '}{words}"


# ---------------------------------------------------------------- list


def _responsible(item: Item) -> str:
    return " / ".join(everyone_responsible(item))


def _task_cells(task: Item, plan: Plan, as_of: dt.date, lang: str) -> tuple[Text, Text, Text]:
    kind = pace(task, plan, as_of)
    return (
        Text(status_label(lang, task.status)),
        Text(pace_label(lang, kind), style=PACE_STYLES[kind]),
        Text(format_percent(task_completion(task))),
    )


def _heading(plan: Plan, as_of: dt.date, lang: str, recorded_to: dt.date | None) -> Text:
    return user_text(f"{plan.title} · {as_of_words(lang, as_of, recorded_to)}", style="bold")


def list_tree(
    plan: Plan, as_of: dt.date, lang: str, keep: ListFilter, recorded_to: dt.date | None = None
) -> Tree | Text:
    items = select(plan, as_of, keep)
    if not items:
        return Text(label(lang, "no_items"))
    figures = rollups(plan, as_of)
    rules = thresholds(plan)
    tree = Tree(_heading(plan, as_of, lang, recorded_to))
    nodes: dict[str, list[Any]] = {}
    for item in items:
        node_label = Text()
        details: list[str] = []
        if item.is_task:
            status, kind, share = _task_cells(item, plan, as_of, lang)
            node_label.append(STATUS_MARKS[item.status] + " ", style=kind.style)
            node_label.append(f"{shown(item.id)} ", style="dim")
            node_label.append(shown(item.title))
            colour = light(item, plan, as_of, rules)
            if colour in ("red", "yellow"):
                node_label.append("  ")
                node_label.append_text(light_text(lang, colour))
            details = [status.plain, kind.plain]
            if item.get("progress") is not None or item.get("actual") is not None:
                details.append(share.plain)
            details += _who_and_due(item, lang)
        else:
            counts = figures[item.id]
            node_label.append(f"{shown(item.id)} ", style="dim")
            node_label.append(shown(item.title), style="bold")
            details = [f"{counts.done}/{counts.total}", format_percent(counts.completion)]
        parent = nodes.get(item.parent.id) if item.parent else None
        nodes[item.id] = tree.add(parent, node_label, details)
    return tree


def _who_and_due(task: Item, lang: str) -> list[str]:
    """责任: 王副镇长 / 镇农业综合服务中心 / 李明 and 完成时限: 2023-06-30, as far as set."""
    details = []
    if everyone_responsible(task):
        details.append(shown(f"{label(lang, 'responsible')}: {_responsible(task)}"))
    if task.due:
        details.append(f"{label(lang, 'due')}: {written(task.get('due'))}")
    return details


# Below this width ``list --flat`` puts who is responsible and the deadline under the title
# instead of in columns of their own, so that titles keep their room at 80 columns.
NARROW_LIST_BELOW = 110


def list_table(
    plan: Plan, as_of: dt.date, lang: str, keep: ListFilter, recorded_to: dt.date | None = None
) -> ByWidth | Text:
    tasks = [item for item in select(plan, as_of, keep) if item.is_task]
    if not tasks:
        return Text(label(lang, "no_items"))
    heading = _heading(plan, as_of, lang, recorded_to)
    rules = thresholds(plan)
    rows = [(task, *_task_cells(task, plan, as_of, lang)) for task in tasks]

    def table(narrow: bool) -> Grid:
        columns = [
            Column(""),
            Column(label(lang, "id"), wrap=True, min_width=5),  # a deep id folds at 80 columns
            Column(
                label(lang, "title"), wrap=True, min_width=8, ratio=2 if narrow else 3, phrases=True
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
        for task, status, kind, share in rows:
            title = user_text(task.title)
            if narrow:
                details = _who_and_due(task, lang)
                if details:
                    title.append("".join("\n" + line for line in details), style="dim")
            cells: list[str | Text] = [
                STATUS_MARKS[task.status],
                user_text(task.id),
                title,
                status,
                kind,
                share,
                light_text(lang, light(task, plan, as_of, rules)),
            ]
            if not narrow:
                cells += [
                    user_text(_responsible(task)),
                    written(task.get("due")) if task.get("due") is not None else "",
                ]
            grid.add_row(*cells)
        return grid

    return ByWidth(NARROW_LIST_BELOW, lambda: table(True), lambda: table(False))


# ---------------------------------------------------------------- show


def _value_text(field: str, value: Any, lang: str) -> Text:
    return user_text(format_value(field, value, lang))


# How many of its newest trace entries ``plan show`` of a goal or a part lists without --all
# (a part's trace gathers every change to its tasks: hundreds of lines by the year's end).
SHOW_HISTORY = 5


def show_item(
    item: Item,
    plan: Plan,
    as_of: dt.date,
    lang: str,
    recorded_to: dt.date | None = None,
    everything: bool = False,
) -> Group:
    """One item: its fields, figures and trace. A goal or part is summarised: its tasks
    counted by status and pace, the items right under it, its newest trace entries;
    ``everything`` lists every item under it and its whole trace."""
    kind = label(lang, "kind_task" if item.is_task else "kind_goal")
    heading = Text.assemble(
        (f"{shown(item.id)} ", "bold dim"), (shown(item.title), "bold"), (f"  ({kind})", "dim")
    )
    fields = Grid([Column(), Column(wrap=True, min_width=10)], header=False, indent=0)

    def field_row(name: str | Text, value: str | Text) -> None:
        fields.add_row(name if isinstance(name, Text) else Text(name, style="dim"), value)

    if item.parent:
        field_row(label(lang, "parent"), user_text(f"{item.parent.id} {item.parent.title}"))
    shown_apart = ("id", "title", "parent", "log", "milestone", "conflict")  # conflict: cli/read
    known = [f for f in ITEM_FIELDS if f not in shown_apart]
    for field in known + [f for f in item.data if f not in ITEM_FIELDS]:
        if field in item.data:
            name = user_text(label(lang, field) if field in ITEM_FIELDS else field, style="dim")
            field_row(name, _value_text(field, item.data[field], lang))
    if item.is_task and "status" not in item.data:
        field_row(label(lang, "status"), Text(status_label(lang, item.status)))
    figures = rollup(item, plan, as_of)
    field_row(
        label(lang, "completion"),
        Text.assemble(format_percent(figures.completion), " ", bar(figures.completion)),
    )
    if item.is_task:
        kind_name = pace(item, plan, as_of)
        field_row(
            label(lang, "pace"), Text(pace_label(lang, kind_name), style=PACE_STYLES[kind_name])
        )
        expected = format_percent(expected_completion(item, plan, as_of))
        field_row(label(lang, "expected"), f"{expected} ({as_of_words(lang, as_of, recorded_to)})")
        colour = light(item, plan, as_of)
        if colour is not None:
            field_row(label(lang, "light"), light_text(lang, colour))
        for milestone in Milestones(plan, as_of).of(item):
            field_row(
                label(lang, "milestones"),
                Text(
                    milestone_words(lang, item, milestone),
                    style={"met": "green", "missed": "yellow"}.get(milestone.state, ""),
                ),
            )
    else:
        field_row(label(lang, "done_total"), f"{figures.done}/{figures.total}")
        statuses = [task.status for task in item.tasks()]
        field_row(
            label(lang, "status"),
            " · ".join(
                f"{status_label(lang, status)} {statuses.count(status)}"
                for status in STATUS_MARKS
                if status in statuses
            ),
        )
        counts = " · ".join(
            f"{pace_label(lang, k)} {figures.paces[k]}" for k in PACE_CLASSES if figures.paces[k]
        )
        field_row(label(lang, "pace"), counts)
    parts: list[Any] = [Paragraph(heading), fields]
    from ..trace import untraced_fields

    untraced = untraced_fields(item.data)
    if untraced:
        names = ("、" if lang == "zh" else ", ").join(label(lang, name) for name in untraced)
        parts.append(
            Paragraph(Text(label(lang, "untraced_note").format(fields=names), style="dim"))
        )
    if item.children:
        children = Grid(
            [
                Column(label(lang, "id")),
                Column(label(lang, "title"), wrap=True, phrases=True),
                Column(label(lang, "done_total"), justify="right", optional=True),
                Column(label(lang, "completion"), justify="right"),
            ],
            title=Text(label(lang, "children"), style="bold"),
            title_left=True,
            indent=0,
        )
        below = list(item.walk())[1:] if everything else item.children
        for child in below:
            counts_of = rollup(child, plan, as_of)
            mark = STATUS_MARKS[child.status] + " " if child.is_task else ""
            indent = "  " * (child.depth - item.depth - 1)
            children.add_row(
                user_text(child.id),
                user_text(indent + mark + child.title),
                "" if child.is_task else f"{counts_of.done}/{counts_of.total}",
                format_percent(counts_of.completion),
            )
        parts += [Text(""), children]
    from ..trace import history

    trace = history(plan, item.id)
    if trace:
        cut = not everything and not item.is_task and len(trace) > SHOW_HISTORY
        shown_trace = trace[:SHOW_HISTORY] if cut else trace
        table = trace_table(shown_trace, lang, title=label(lang, "log"), with_item=not item.is_task)
        parts += [Text(""), table]
        if cut:
            more = label(lang, "show_cut").format(
                shown=SHOW_HISTORY, total=len(trace), id=shown(item.id)
            )
            parts.append(Paragraph(Text(more, style="dim")))
    return Group(*parts)


# ---------------------------------------------------------------- history (plan log)

# Entries whose ``on`` (the day the fact happened) the trace shows.
_DATED = ("done", "note", "progress", "record", "start", "block", "drop", "reopen")


# Below this width the trace puts the time under the day, the id before the title and each
# change on a line of its own, so that no column is squeezed at 80 columns.
NARROW_TRACE_BELOW = 110


def trace_table(
    rows: list[Any], lang: str, title: str | None = None, with_item: bool = True
) -> ByWidth | Text:
    """``plan log`` and ``plan show``: one row per trace entry (``trace.TraceRow``), in the
    order given; undone changes dimmed and marked."""
    from ..changes import show_value
    from ..texts import action_label
    from ..trace import changed_fields

    if not rows:
        return Text(label(lang, "no_history"))
    entries = []
    for row in rows:
        entry = row.entry
        when = entry.get("at") or entry.get("on")
        if isinstance(when, dt.datetime):
            when_text = when.astimezone().strftime("%Y-%m-%d %H:%M")
        else:
            when_text = format_date(when) if isinstance(when, dt.date) else ""
        parts = []
        if entry.get("on") and entry.get("action") in _DATED:
            parts.append(f"{label(lang, 'log_on')} {format_date(entry['on'])}")
        if entry.get("note"):
            parts.append(str(entry["note"]))
        if entry.get("action") not in ("add", "remove"):
            for name, (old, new) in changed_fields(row.item_id, entry).items():
                shown_name = label(lang, name) if name in ITEM_FIELDS else name
                if getattr(row, "header", False):  # [[plan.log]]: the plan's header
                    from ..header import field_name

                    shown_name = field_name(name, lang)
                parts.append(
                    f"{shown_name}: {show_value(name, old, lang)} → {show_value(name, new, lang)}"
                )
        entries.append((row, when_text, parts))

    def table(narrow: bool) -> Grid:
        columns = [Column(label(lang, "log_at"))]
        if with_item and narrow:
            columns.append(Column(label(lang, "log_item"), wrap=True, min_width=8))
        elif with_item:
            columns += [Column(label(lang, "id")), Column(label(lang, "log_item"), wrap=True)]
        columns += [
            Column(label(lang, "log_action")),
            Column(label(lang, "log_change"), wrap=True, min_width=12, ratio=2, phrases=True),
            Column(  # a long name folds
                label(lang, "log_by"),
                wrap=True,
                min_width=4,
                max_width=10 if narrow and with_item else 16,
                phrases=True,
            ),
        ]
        grid = Grid(
            columns,
            title=Text(title or label(lang, "history"), style="bold"),
            title_left=True,
            indent=0,
        )
        for row, when_text, parts in entries:
            entry = row.entry
            undone = "undone" in entry
            action = user_text(action_label(lang, str(entry.get("action", ""))))
            if undone:
                action.append(("\n" if narrow else " ") + f"({label(lang, 'undone')})", style="dim")
            item_title = user_text(row.item_title)
            if row.removed:
                item_title.append(f" ({label(lang, 'removed')})", style="dim")
            if not with_item:
                item_cells: list[str | Text] = []
            elif narrow:
                item_cells = [Text.assemble(user_text(row.item_id + " ", "bold"), item_title)]
            else:
                item_cells = [user_text(row.item_id), item_title]
            grid.add_row(
                when_text.replace(" ", "\n") if narrow else when_text,
                *item_cells,
                action,
                user_text(("\n" if narrow else "; ").join(parts)),
                user_text(str(entry.get("by", ""))),
                style="dim" if undone else "",
            )
        return grid

    return ByWidth(NARROW_TRACE_BELOW, lambda: table(True), lambda: table(False))
