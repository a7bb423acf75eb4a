"""The trace as a table, for ``plan log`` and the log of ``plan show``: one row per entry, its
time, item, action, what changed and who; undone changes dimmed and marked. Drawn as plain runs
(``grid``), without rich where the output is not a terminal (``plain``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..model import ITEM_FIELDS, METRIC_FIELDS
from ..texts import format_clock_time, format_date, label, labelled
from .fitting import Fitted
from .grid import Cell, Column, Grid, cell
from .styles import shown

# Entries whose ``on`` (the day the fact happened) the trace shows.
_DATED = (
    *("done", "note", "progress", "record", "start", "block", "drop", "reopen"),
    *("add", "edit", "move", "remove"),  # (--on, as the status commands)
)


# Below this width the trace puts the time under the day, the id before the title and each
# change on a line of its own, so that no column is squeezed at 80 columns.
NARROW_TRACE_BELOW = 110
# Below this width the log puts an entry under its time (a change beside it had too few
# columns for a date).
STACKED_TRACE_FROM = 30


def entry_units(plan: Any, rows: list[Any]) -> dict[int, tuple[str, str]]:
    """The unit (``measure``) each entry's figures had before and after it, by ``id`` of the
    entry, for the rows that change a figure (target, actual, baseline): the item's unit now,
    walked back through its log (an entry that changed the unit gives its ``before``), so a
    figure recorded in 万亩 reads in 万亩 after the unit became 亩."""
    wanted = {
        row.item_id
        for row in rows
        if not getattr(row, "header", False) and _changes_a_figure(row.entry)
    }
    if not wanted:
        return {}
    from ..trace import archived_tables

    # (``item.id``: a table not loaded, asked of its sketch: ``plan log`` loads only some)
    tables = [item.data for item in plan.items() if item.id in wanted]
    tables += [table for _, table in archived_tables(plan) if table.get("id") in wanted]
    units: dict[int, tuple[str, str]] = {}
    for table in tables:
        log = table.get("log")
        if not isinstance(log, list):
            continue
        unit = _unit(table.get("measure"))
        for entry in reversed(log):
            if not isinstance(entry, dict):
                continue
            after = unit
            before, later = entry.get("before"), entry.get("after")
            if any(isinstance(side, dict) and "measure" in side for side in (before, later)):
                unit = _unit(before.get("measure")) if isinstance(before, dict) else ""
            units[id(entry)] = (unit, after)
    return units


def _unit(value: Any) -> str:
    return value if isinstance(value, str) else ""


# The changes of one entry side by side in the wide log: 日期 2023-03-01；事项：A → B.
_SEPARATOR = {"zh": "；", "en": "; "}
# What an undo that changed no field undid (``_undid``).
_UNDID = {"zh": "{at} 的{action}", "en": "the {action} of {at}"}


def _undid(row: Any, rows: list[Any], plan: Any, lang: str) -> list[str]:
    """What an undo that changed no field undid (the undo of a note): 撤销 2023-03-02 09:00
    的进展：完成选址. The undone entry is looked for among the rows shown, else in its item's
    log (a log cut to its newest entries may not hold it); [] when it is not found."""
    from ..texts_changes import action_label

    undoes = row.entry.get("undoes")
    if undoes is None:
        return []
    undone = next(
        (
            other.entry
            for other in rows
            if other.item_id == row.item_id and other.entry.get("at") == undoes
        ),
        None,
    )
    if undone is None and plan is not None and not row.removed and not row.header:
        from ..errors import UnknownItem
        from ..trace import log_of

        try:
            item = plan.find(row.item_id)
        except UnknownItem:
            item = None
        if item is not None and item.id == row.item_id:
            undone = next((e for e in log_of(item.data) if e.get("at") == undoes), None)
    if undone is None:
        return []
    at = format_clock_time(undoes) if isinstance(undoes, dt.datetime) else str(undoes)
    words = _UNDID[lang].format(at=at, action=action_label(lang, str(undone.get("action", ""))))
    note = undone.get("note")
    return [labelled(lang, words, str(note)) if note else words]


def bracketed(lang: str, words: str) -> str:
    """Words set after a name in brackets: 销号（已撤销） in Chinese, done (undone) in English."""
    return f"（{words}）" if lang == "zh" else f" ({words})"


def _changes_a_figure(entry: dict[str, Any]) -> bool:
    return any(
        isinstance(side, dict) and any(name in side for name in METRIC_FIELDS)
        for side in (entry.get("before"), entry.get("after"))
    )


def trace_table(
    rows: list[Any],
    lang: str,
    title: str | None = None,
    with_item: bool = True,
    plan: Any = None,
) -> Fitted | str:
    """``plan log`` and ``plan show``: one row per trace entry (``trace.TraceRow``), in the
    order given; undone changes dimmed and marked. Given the ``plan``, a figure's change reads
    with its unit on each side (``entry_units``)."""
    # outcome.show_value is format_value with SHOWN_VALUE_LIMIT: taken from texts, which is
    # loaded already, not through outcome (its dataclasses take 2 ms to make, for show and log).
    from ..texts import SHOWN_VALUE_LIMIT, format_value, with_unit
    from ..texts_changes import action_label
    from ..trace import changed_fields

    if not rows:
        return label(lang, "no_history")  # our words, no markup in them
    units = entry_units(plan, rows) if plan is not None else {}
    statuses: dict[str, dict[int, tuple[str, str]]] = {}  # by task: statuses_read, once

    def status_read(row: Any, side: int) -> str | None:
        """The status the row's task read as on a side of its change where none is written."""
        if plan is None or row.removed or getattr(row, "header", False):
            return None
        if row.item_id not in statuses:
            from ..errors import UnknownItem
            from ..trace import statuses_read

            try:
                item = plan.find(row.item_id)
            except UnknownItem:
                item = None
            found = item is not None and item.id == row.item_id and item.is_task
            statuses[row.item_id] = statuses_read(item.data) if found else {}
        read = statuses[row.item_id].get(id(row.entry))
        return None if read is None else read[side]

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
                if name == "title":  # Title: A → B (the column of items is "Item")
                    shown_name = label(lang, "title_field")
                if getattr(row, "header", False):  # [[plan.log]]: the plan's header
                    from ..header import field_name

                    shown_name = field_name(name, lang)
                    if lang == "en":  # at the head of its line, as the items' Owner: A → B
                        shown_name = shown_name[:1].upper() + shown_name[1:]
                if name == "status":  # none written: the task read as its work said then
                    old = old if old is not None else status_read(row, 0)
                    new = new if new is not None else status_read(row, 1)
                    if old == new:  # written where it read so already: no change, as said then
                        continue
                header = bool(getattr(row, "header", False))
                old_text = format_value(name, old, lang, SHOWN_VALUE_LIMIT, header=header)
                new_text = format_value(name, new, lang, SHOWN_VALUE_LIMIT, header=header)
                if name == "status":  # a status folds whole: not started, never not / started
                    old_text, new_text = (
                        old_text.replace(" ", "\xa0"),
                        new_text.replace(" ", "\xa0"),
                    )
                unit_before, unit_after = units.get(id(entry), ("", ""))
                if name in METRIC_FIELDS:  # a figure reads with its unit, as it stood then
                    if old is not None:
                        old_text = with_unit(lang, old_text, unit_before)
                    if new is not None:
                        new_text = with_unit(lang, new_text, unit_after)
                parts.append(labelled(lang, shown_name, f"{old_text} → {new_text}"))
        if not parts and entry.get("action") == "undo":
            parts = _undid(row, rows, plan, lang)
        entries.append((row, when_text, parts))

    def table(narrow: bool) -> Grid:
        columns = [Column(label(lang, "log_at"))]
        if with_item and narrow:
            columns.append(
                Column(label(lang, "log_item"), wrap=True, min_width=8, no_lone_char="last")
            )
        elif with_item:
            columns += [
                Column(label(lang, "id")),
                Column(label(lang, "log_item"), wrap=True, no_lone_char="last"),
            ]
        columns += [
            Column(label(lang, "log_action")),
            Column(
                label(lang, "log_change"),
                wrap=True,
                min_width=12,
                ratio=2,
                phrases=True,
                no_lone_char="last",
            ),
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
        undone_words = bracketed(lang, label(lang, "undone")).lstrip()
        removed_words = bracketed(lang, label(lang, "removed"))
        for row, when_text, parts in entries:
            entry = row.entry
            undone = "undone" in entry
            words = shown(action_label(lang, str(entry.get("action", ""))))
            action: str | Cell = words
            if undone:
                space = "\n" if narrow else (" " if lang != "zh" else "")
                action = cell((words, ""), (space + undone_words, "dim"))
            name = shown(row.item_title)
            title_runs = [(name, "")] + ([(removed_words, "dim")] if row.removed else [])
            if not with_item:
                item_cells: list[str | Cell] = []
            elif narrow:
                # (the header has no id: its title is not set a space in)
                item_cells = [
                    cell((shown(row.item_id + " " if row.item_id else ""), "bold"), *title_runs)
                ]
            else:
                item_cells = [shown(row.item_id), cell(*title_runs) if row.removed else name]
            grid.add_row(
                when_text.replace(" ", "\n") if narrow else when_text,
                *item_cells,
                action,
                shown(("\n" if narrow else _SEPARATOR[lang]).join(parts)),
                shown(str(entry.get("by", ""))),
                style="dim" if undone else "",
            )
        return grid

    def stacked(under: bool = False) -> Grid:
        """Below the narrow table's least width (40 columns): the time, then in one column the
        item, the action and who, and each change on a line of its own; with ``under`` (below
        STACKED_TRACE_FROM columns), all that under the time, indented, where beside it a
        change had some 8 columns and cut a date (2026-12- | 01)."""
        columns = [
            Column(
                label(lang, "log_change"), wrap=True, min_width=1, phrases=True, no_lone_char="last"
            )
        ]
        grid = Grid(
            columns if under else [Column(label(lang, "log_at")), *columns],
            title=cell((title or label(lang, "history"), "bold")),
            title_left=True,
            indent=0,
            header=not under,
        )
        undone_words = bracketed(lang, label(lang, "undone"))
        removed_words = bracketed(lang, label(lang, "removed"))
        for row, when_text, parts in entries:
            entry = row.entry
            undone = "undone" in entry
            runs: list[tuple[str, str]] = []
            if with_item:
                runs += [(shown(row.item_id + " " if row.item_id else ""), "bold")]
                runs.append((shown(row.item_title), ""))
                runs += [(removed_words, "dim")] if row.removed else []
                runs.append(("\n", ""))
            runs.append((shown(action_label(lang, str(entry.get("action", "")))), ""))
            runs += [(undone_words, "dim")] if undone else []
            by = shown(str(entry.get("by", "")))
            runs += [(" · " + by, "dim")] if by else []
            runs += [("\n" + shown(part), "") for part in parts]
            style = "dim" if undone else ""
            if under:
                indented = [(text.replace("\n", "\n  "), run_style) for text, run_style in runs]
                grid.add_row(cell((when_text + "\n  ", "dim"), *indented), style=style)
            else:
                grid.add_row(when_text.replace(" ", "\n"), cell(*runs), style=style)
        return grid

    return Fitted(
        [
            (NARROW_TRACE_BELOW, lambda: table(False)),
            (0, lambda: table(True)),
            (STACKED_TRACE_FROM, stacked),
            (0, lambda: stacked(under=True)),
        ]
    )
