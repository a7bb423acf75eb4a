"""The trace as a table, for ``plan log`` and the log of ``plan show``: one row per entry, its
time, item, action, what changed and who; undone changes dimmed and marked. Drawn as plain runs
(``grid``), without rich where the output is not a terminal (``plain``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..model import ITEM_FIELDS
from ..texts import format_clock_time, format_date, label
from .grid import ByWidth, Cell, Column, Grid, cell
from .styles import shown

# Entries whose ``on`` (the day the fact happened) the trace shows.
_DATED = ("done", "note", "progress", "record", "start", "block", "drop", "reopen")


# Below this width the trace puts the time under the day, the id before the title and each
# change on a line of its own, so that no column is squeezed at 80 columns.
NARROW_TRACE_BELOW = 110


def trace_table(
    rows: list[Any], lang: str, title: str | None = None, with_item: bool = True
) -> ByWidth | str:
    """``plan log`` and ``plan show``: one row per trace entry (``trace.TraceRow``), in the
    order given; undone changes dimmed and marked."""
    from ..outcome import show_value
    from ..texts import action_label
    from ..trace import changed_fields

    if not rows:
        return label(lang, "no_history")  # our words, no markup in them
    entries = []
    for row in rows:
        entry = row.entry
        when = entry.get("at") or entry.get("on")
        if isinstance(when, dt.datetime):
            when_text = format_clock_time(when)
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
            title=cell((title or label(lang, "history"), "bold")),
            title_left=True,
            indent=0,
        )
        undone_words = f"({label(lang, 'undone')})"
        removed_words = f" ({label(lang, 'removed')})"
        for row, when_text, parts in entries:
            entry = row.entry
            undone = "undone" in entry
            words = shown(action_label(lang, str(entry.get("action", ""))))
            action: str | Cell = words
            if undone:
                action = cell((words, ""), (("\n" if narrow else " ") + undone_words, "dim"))
            name = shown(row.item_title)
            title_runs = [(name, "")] + ([(removed_words, "dim")] if row.removed else [])
            if not with_item:
                item_cells: list[str | Cell] = []
            elif narrow:
                item_cells = [cell((shown(row.item_id + " "), "bold"), *title_runs)]
            else:
                item_cells = [shown(row.item_id), cell(*title_runs) if row.removed else name]
            grid.add_row(
                when_text.replace(" ", "\n") if narrow else when_text,
                *item_cells,
                action,
                shown(("\n" if narrow else "; ").join(parts)),
                shown(str(entry.get("by", ""))),
                style="dim" if undone else "",
            )
        return grid

    return ByWidth(NARROW_TRACE_BELOW, lambda: table(True), lambda: table(False))
