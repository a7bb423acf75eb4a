"""The views of the read commands: status, list (tree and table), show, and the trace of
plan log and plan show."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from fractions import Fraction

    from rich.tree import Tree

from ..model import ITEM_FIELDS, Item, Plan, everyone_responsible
from ..records import ListFilter, StatusRow, select
from ..rollup import PACE_CLASSES, Rollup, expected_completion, pace, rollup, task_completion
from ..texts import format_date, format_percent, format_value, label, pace_label, status_label
from .console import PACE_STYLES, STATUS_MARKS, _count, bar, shown, user_text

# ---------------------------------------------------------------- status


def _share(share: Fraction | None) -> Text:
    return Text.assemble(format_percent(share).rjust(4), " ", bar(share))


def _gap(cell: str | Text) -> Text:
    """A cell with one space before it: with the box's own separator, two between columns."""
    return Text(" ") + (cell if isinstance(cell, Text) else Text(cell))


def status_table(
    plan: Plan, rows: list[StatusRow], total: Rollup, as_of: dt.date, lang: str, by: str | None
) -> Table:
    heading = f"{plan.title} · {label(lang, 'as_of')} {as_of.isoformat()}"
    if by:
        heading += f" · {label(lang, 'by_' + by)}"
    # No cell padding: rich wraps every padded cell in a Padding, which doubles the time of
    # drawing this table (`plan status` is started by hand many times a day); the columns get
    # their space from _gap instead.
    table = Table(
        title=user_text(heading, style="bold"),
        box=box.SIMPLE_HEAD,
        show_footer=True,
        pad_edge=False,
        padding=0,
    )
    first = label(lang, "group_" + by) if by else label(lang, "title")
    if not by:
        table.add_column(label(lang, "id"), footer="", no_wrap=True)
    table.add_column(
        _gap(first) if not by else first,
        footer=_gap(label(lang, "total")) if not by else label(lang, "total"),
        min_width=12,
        overflow="fold",
    )
    table.add_column(
        _gap(label(lang, "done_total")),
        justify="right",
        no_wrap=True,
        footer=_gap(f"{total.done}/{total.total}"),
    )
    table.add_column(
        _gap(label(lang, "completion")), no_wrap=True, footer=_gap(_share(total.completion))
    )
    for kind in ("ahead", "on_pace", "behind", "overdue"):
        table.add_column(
            _gap(pace_label(lang, kind)),
            justify="right",
            no_wrap=True,
            footer=_gap(_count(total.paces[kind], PACE_STYLES[kind])),
        )
    for number, row in enumerate(rows):
        figures = row.figures
        if number and row.depth == 0 and not by:
            table.add_section()
        name = user_text(
            row.title or label(lang, "unassigned"), style="bold" if row.depth == 0 else ""
        )
        if row.depth:
            name = Text("  " * row.depth) + name
        cells: list[Text] = (
            [] if by else [user_text(row.id, style="bold" if row.depth == 0 else "dim")]
        )
        cells.append(name if by else _gap(name))
        cells += [
            _gap(f"{figures.done}/{figures.total}"),
            _gap(_share(figures.completion)),
            *(
                _gap(_count(figures.paces[k], PACE_STYLES[k]))
                for k in ("ahead", "on_pace", "behind", "overdue")
            ),
        ]
        table.add_row(*cells)
    return table


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


def list_tree(plan: Plan, as_of: dt.date, lang: str, keep: ListFilter) -> Tree | Text:
    items = select(plan, as_of, keep)
    if not items:
        return Text(label(lang, "no_items"))
    from rich.tree import Tree  # only `plan list` draws a tree

    tree = Tree(
        user_text(f"{plan.title} · {label(lang, 'as_of')} {as_of.isoformat()}", style="bold")
    )
    nodes: dict[str, Tree] = {}
    for item in items:
        parent = nodes.get(item.parent.id) if item.parent else tree
        node_label = Text()
        if item.is_task:
            status, kind, share = _task_cells(item, plan, as_of, lang)
            node_label.append(
                STATUS_MARKS[item.status] + " ", style=PACE_STYLES[pace(item, plan, as_of)]
            )
            node_label.append(f"{shown(item.id)} ", style="dim")
            node_label.append(shown(item.title))
            details = [status.plain, kind.plain]
            if item.get("progress") is not None or item.get("actual") is not None:
                details.append(share.plain)
            if everyone_responsible(item):
                details.append(f"{label(lang, 'responsible')}: {_responsible(item)}")
            if item.due:
                details.append(f"{label(lang, 'due')}: {format_date(item.due)}")
            node_label.append(shown("  " + " · ".join(details)), style="dim")
        else:
            figures = rollup(item, plan, as_of)
            node_label.append(f"{shown(item.id)} ", style="dim")
            node_label.append(shown(item.title), style="bold")
            node_label.append(
                f"  {figures.done}/{figures.total} · {format_percent(figures.completion)}",
                style="dim",
            )
        nodes[item.id] = (parent or tree).add(node_label)
    return tree


def list_table(plan: Plan, as_of: dt.date, lang: str, keep: ListFilter) -> Table | Text:
    tasks = [item for item in select(plan, as_of, keep) if item.is_task]
    if not tasks:
        return Text(label(lang, "no_items"))
    table = Table(
        title=user_text(f"{plan.title} · {label(lang, 'as_of')} {as_of.isoformat()}", style="bold"),
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column("", no_wrap=True)
    table.add_column(label(lang, "id"), no_wrap=True)
    table.add_column(label(lang, "title"), ratio=2, min_width=10, overflow="fold")
    table.add_column(label(lang, "status"), no_wrap=True)
    table.add_column(label(lang, "pace"), no_wrap=True)
    table.add_column(label(lang, "completion"), justify="right", no_wrap=True)
    table.add_column(label(lang, "responsible"), ratio=1, overflow="fold")
    table.add_column(label(lang, "due"), no_wrap=True)
    for task in tasks:
        status, kind, share = _task_cells(task, plan, as_of, lang)
        table.add_row(
            Text(STATUS_MARKS[task.status]),
            user_text(task.id),
            user_text(task.title),
            status,
            kind,
            share,
            user_text(_responsible(task)),
            Text(format_date(task.due)),
        )
    return table


# ---------------------------------------------------------------- show


def _value_text(field: str, value: Any, lang: str) -> Text:
    return user_text(format_value(field, value, lang))


def show_item(item: Item, plan: Plan, as_of: dt.date, lang: str) -> Group:
    kind = label(lang, "kind_task" if item.is_task else "kind_goal")
    heading = Text.assemble(
        (f"{shown(item.id)} ", "bold dim"), (shown(item.title), "bold"), (f"  ({kind})", "dim")
    )
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    if item.parent:
        grid.add_row(label(lang, "parent"), user_text(f"{item.parent.id} {item.parent.title}"))
    known = [f for f in ITEM_FIELDS if f not in ("id", "title", "parent", "log")]
    for field in known + [f for f in item.data if f not in ITEM_FIELDS]:
        if field in item.data:
            name = user_text(label(lang, field) if field in ITEM_FIELDS else field)
            grid.add_row(name, _value_text(field, item.data[field], lang))
    if item.is_task and "status" not in item.data:
        grid.add_row(label(lang, "status"), Text(status_label(lang, item.status)))
    figures = rollup(item, plan, as_of)
    grid.add_row(
        label(lang, "completion"),
        Text.assemble(format_percent(figures.completion), " ", bar(figures.completion)),
    )
    if item.is_task:
        kind_name = pace(item, plan, as_of)
        grid.add_row(
            label(lang, "pace"), Text(pace_label(lang, kind_name), style=PACE_STYLES[kind_name])
        )
        grid.add_row(
            label(lang, "expected"),
            Text(
                f"{format_percent(expected_completion(item, plan, as_of))} ({label(lang, 'as_of')} {as_of.isoformat()})"
            ),
        )
    else:
        grid.add_row(label(lang, "done_total"), Text(f"{figures.done}/{figures.total}"))
        counts = " · ".join(
            f"{pace_label(lang, k)} {figures.paces[k]}" for k in PACE_CLASSES if figures.paces[k]
        )
        grid.add_row(label(lang, "pace"), Text(counts))
    parts: list[Any] = [heading, grid]
    from ..trace import untraced_fields

    untraced = untraced_fields(item.data)
    if untraced:
        names = ("、" if lang == "zh" else ", ").join(label(lang, name) for name in untraced)
        parts.append(Text(label(lang, "untraced_note").format(fields=names), style="dim"))
    if item.children:
        children = Table(
            box=box.SIMPLE_HEAD,
            title=Text(label(lang, "children"), style="bold"),
            title_justify="left",
            pad_edge=False,
        )
        children.add_column(label(lang, "id"), no_wrap=True)
        children.add_column(label(lang, "title"), ratio=1, overflow="fold")
        children.add_column(label(lang, "completion"), justify="right", no_wrap=True)
        for child in item.children:
            share = rollup(child, plan, as_of).completion
            mark = STATUS_MARKS[child.status] + " " if child.is_task else ""
            children.add_row(
                user_text(child.id), user_text(mark + child.title), format_percent(share)
            )
        parts.append(children)
    from ..trace import history

    trace = history(plan, item.id)
    if trace:
        parts.append(trace_table(trace, lang, title=label(lang, "log"), with_item=not item.is_task))
    return Group(*parts)


# ---------------------------------------------------------------- history (plan log)


def trace_table(
    rows: list[Any], lang: str, title: str | None = None, with_item: bool = True
) -> Table | Text:
    """``plan log`` and ``plan show``: one row per trace entry (``trace.TraceRow``), in the
    order given; undone changes dimmed and marked."""
    from ..changes import show_value
    from ..texts import action_label
    from ..trace import changed_fields

    if not rows:
        return Text(label(lang, "no_history"))
    table = Table(
        box=box.SIMPLE_HEAD,
        title=Text(title or label(lang, "history"), style="bold"),
        title_justify="left",
        pad_edge=False,
    )
    table.add_column(label(lang, "log_at"), no_wrap=True)
    if with_item:
        table.add_column(label(lang, "id"), no_wrap=True)
        table.add_column(label(lang, "log_item"), ratio=1, overflow="fold")
    table.add_column(label(lang, "log_action"), no_wrap=True)
    table.add_column(label(lang, "log_change"), ratio=2, overflow="fold")
    table.add_column(label(lang, "log_by"), max_width=16, overflow="fold")  # a long name folds
    for row in rows:
        entry = row.entry
        undone = "undone" in entry
        when = entry.get("at") or entry.get("on")
        if isinstance(when, dt.datetime):
            when_text = when.astimezone().strftime("%Y-%m-%d %H:%M")
        else:
            when_text = format_date(when) if isinstance(when, dt.date) else ""
        item_title = user_text(row.item_title)
        if row.removed:
            item_title.append(f" ({label(lang, 'removed')})", style="dim")
        action = user_text(action_label(lang, str(entry.get("action", ""))))
        if undone:
            action.append(f" ({label(lang, 'undone')})", style="dim")
        parts = []
        if entry.get("on") and entry.get("action") in ("done", "note", "progress", "record"):
            parts.append(f"{label(lang, 'log_on')} {format_date(entry['on'])}")
        if entry.get("note"):
            parts.append(str(entry["note"]))
        if entry.get("action") not in ("add", "remove"):
            for name, (old, new) in changed_fields(row.item_id, entry).items():
                shown = label(lang, name) if name in ITEM_FIELDS else name
                parts.append(
                    f"{shown}: {show_value(name, old, lang)} → {show_value(name, new, lang)}"
                )
        item_cells = [user_text(row.item_id), item_title] if with_item else []
        table.add_row(
            Text(when_text),
            *item_cells,
            action,
            user_text("; ".join(parts)),
            user_text(str(entry.get("by", ""))),
            style="dim" if undone else "",
        )
    return table
