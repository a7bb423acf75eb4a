"""The one module that owns the terminal: consoles, tables, trees, colours.

Everything the user typed (titles, notes, names) goes into rich as ``Text``, never as markup,
so a title like ``[x] 修塘`` prints as written, and through ``controls.visible`` (``user_text``),
so an escape sequence in it prints as text (``\x1b[2J``) instead of clearing the screen; the
console itself checks every piece it writes once more (``Shown``). Rich measures CJK characters as two cells, so
tables line up; output that is not a terminal (a pipe, a file) gets no colour codes.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console, Group
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from fractions import Fraction

    from rich.tree import Tree

from .controls import json_text, visible
from .model import ITEM_FIELDS, Item, Plan, everyone_responsible
from .records import ListFilter, StatusRow, select
from .rollup import PACE_CLASSES, Rollup, expected_completion, pace, rollup, task_completion
from .texts import (
    format_date,
    format_percent,
    format_value,
    label,
    pace_label,
    round_half_up,
    status_label,
)

PACE_STYLES = {
    "done": "green",
    "ahead": "cyan",
    "on_pace": "",
    "behind": "yellow",
    "overdue": "bold red",
    "dropped": "dim",
}

STATUS_MARKS = {"todo": "[ ]", "doing": "[~]", "done": "[x]", "blocked": "[!]", "dropped": "[-]"}

BAR_WIDTH = 6


class Shown:
    """A renderable as drawn, with any control character left in a piece of text shown (the
    net under ``user_text``, which escapes user text before layout so columns stay right)."""

    def __init__(self, renderable: Any):
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: Any) -> Any:
        for segment in console.render(self.renderable, options):
            if segment.control is None:
                text = visible(segment.text)
                if text is not segment.text:
                    segment = Segment(text, segment.style)
            yield segment


class PlanConsole(Console):
    """The console of every command: what it prints passes through ``Shown``."""

    def print(self, *objects: Any, **options: Any) -> None:
        # No cropping: every view fits its lines to the width already, and rich's cropping
        # splits the output line by line (copying what follows at each line end).
        options.setdefault("crop", False)
        super().print(*(Shown(o) for o in objects), **options)


def console(stderr: bool = False) -> Console:
    return PlanConsole(stderr=stderr, highlight=False, emoji=False)


# A text longer than this (some fifty pages) is cut in a table cell or a line: rich lays out a
# cell character by character, seconds for a megabyte. Paragraphs (the report) show it whole,
# as do --json, Markdown and Word.
LONGEST_CELL = 100_000


def user_text(text: str, style: str = "", **options: Any) -> Text:
    """Text someone typed (a title, a note, a name, an id) with its control characters shown;
    beyond LONGEST_CELL characters, cut, saying how long it is."""
    return Text(shown(text), style=style, **options)


def shown(text: str) -> str:
    """User text as a line or a cell shows it: control characters as escapes, cut beyond
    LONGEST_CELL characters with its length said."""
    if len(text) > LONGEST_CELL:
        text = f"{text[:LONGEST_CELL]}…（共 {len(text):,} 字 / {len(text):,} characters）"
    return visible(text)


def bar(share: Fraction | None, width: int = BAR_WIDTH) -> Text:
    if share is None:
        return Text("")
    filled = int(round_half_up(share * width))
    return Text.assemble(("━" * filled, "green"), ("━" * (width - filled), "bright_black"))


def _count(value: int, style: str = "") -> Text:
    return Text(str(value), style=style) if value else Text("0", style="dim")


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
    from .trace import untraced_fields

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
    from .trace import history

    trace = history(plan, item.id)
    if trace:
        parts.append(trace_table(trace, lang, title=label(lang, "log"), with_item=not item.is_task))
    return Group(*parts)


# ---------------------------------------------------------------- Chinese paragraphs

# Closing punctuation never starts a line, opening punctuation never ends one (避头尾).
_NO_LINE_START = set("，。、；：！？）》」』】〕”’…—%％,.;:!?)]}")
_NO_LINE_END = set("（《「『【〔“‘([{")
_UNBROKEN = re.compile(r"[A-Za-z0-9.%_/+\-]+|\s+|.", re.S)


def wrap_units(text: str) -> list[str]:
    """Pieces a line may break between: a run of Latin letters and digits stays whole (3.2万亩
    keeps 3.2, 90% stays 90%); closing punctuation sticks to what comes before it, opening
    punctuation to what comes after. Linear in the length of the text."""
    units: list[list[str]] = []  # the pieces of each unit, joined once at the end
    glue_next = False
    for match in _UNBROKEN.finditer(text):
        piece = match.group()
        if units and (glue_next or piece[0] in _NO_LINE_START):
            units[-1].append(piece)
        else:
            units.append([piece])
        glue_next = piece[-1] in _NO_LINE_END
    return ["".join(pieces) for pieces in units]


def wrap_lines(text: str, width: int) -> list[tuple[int, int]]:
    """Line spans of ``text`` fitted to ``width`` cells, breaking only between units
    (``wrap_units``; a unit wider than a whole line is cut by characters, a run of spaces where
    a line breaks is dropped).

    Linear in the length of the text, with little work per character: the cells are summed
    once (``itertools.accumulate``), each line's end found by bisection, and only the few
    characters before it looked at for a place to break. A 1 MB title wraps in a fraction of a
    second. Joiners and emoji variation selectors, whose width depends on their neighbours, are
    measured unit by unit instead (``_wrap_by_units``, the same rules)."""
    if "\u200d" in text or "\ufe0f" in text:
        return _wrap_by_units(text, width)
    from bisect import bisect_right
    from itertools import accumulate

    from rich.cells import _is_single_cell_widths, get_character_cell_size

    size = len(text)
    cells: Any = (
        range(size + 1)  # cells[n]: the width of text[:n]
        if _is_single_cell_widths(text)
        else list(accumulate(map(get_character_cell_size, text), initial=0))
    )
    lines: list[tuple[int, int]] = []
    start = 0
    while True:
        # The furthest end that fits, then back to the nearest place a line may break.
        fits = bisect_right(cells, cells[start] + width, start) - 1
        if fits >= size:
            lines.append((start, size))
            return lines
        end = fits
        while end > start and not (_breaks_at(text, end) and cells[end] > cells[start]):
            if text[end - 1] in _LATIN and text[end] in _LATIN:  # to the start of the word
                word = _LATIN_TAIL.search(text, start, end)
                end = word.start() if word else end - 1
            else:
                end -= 1
        if end == start:  # one unit wider than the line: cut it by characters
            end = fits if cells[fits] > cells[start] else fits + 1  # at least one character
            lines.append((start, end))
            start = end
            if start >= size:
                return lines
            continue
        lines.append((start, end))
        start = end
        if text[end].isspace():  # a break eats a run of spaces (not one glued to a 。)
            after = end + 1
            while after < size and text[after].isspace():
                after += 1
            if after == size or text[after] not in _NO_LINE_START:
                start = after
        if start >= size:
            return lines


_LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.%_/+-")
_LATIN_TAIL = re.compile(r"[A-Za-z0-9.%_/+\-]+\Z")  # the word a span ends in (_UNBROKEN)


def _breaks_at(text: str, n: int) -> bool:
    """Whether a line may break between ``text[n - 1]`` and ``text[n]`` (0 < n < len): not
    inside a run of Latin letters and digits or of spaces, not before closing punctuation, not
    after opening punctuation (the rules of ``wrap_units``)."""
    before, after = text[n - 1], text[n]
    if before in _LATIN and after in _LATIN:
        return False
    if before.isspace() and after.isspace():
        return False
    return after not in _NO_LINE_START and before not in _NO_LINE_END


def _wrap_by_units(text: str, width: int) -> list[tuple[int, int]]:
    """``wrap_lines`` measured unit by unit with rich's ``cell_len``, for text whose width
    depends on neighbouring characters (zero width joiners, variation selectors)."""
    from rich.cells import cell_len

    lines: list[tuple[int, int]] = []
    start = used = position = 0
    for unit in wrap_units(text):
        size = cell_len(unit)
        if used and used + size > width:
            lines.append((start, position))
            start, used = position, 0
            if unit.isspace():  # a break eats the space
                position += len(unit)
                start = position
                continue
        if size > width and used == 0:  # longer than a line: cut it by characters
            offset = 0
            while size > width:
                cut, taken = offset, 0
                while cut < len(unit) and taken + (cells := cell_len(unit[cut])) <= width:
                    taken += cells
                    cut += 1
                if cut == offset:  # one character wider than the line: it goes alone
                    taken = cell_len(unit[cut])
                    cut += 1
                lines.append((position + offset if offset else start, position + cut))
                size -= taken
                offset = cut
            start = position + offset
        position += len(unit)
        used += size
    if position > start or not lines:
        lines.append((start, position))
    return lines


class Paragraph:
    """A paragraph of Chinese (or English) text, indented and wrapped by ``wrap_lines``: rich
    alone would break 90% into 9 and 0% and start a line with 。."""

    def __init__(self, text: Text, indent: int = 0):
        self.text, self.indent = text, indent

    def __rich_console__(self, console: Console, options: Any) -> Any:
        width = max(options.max_width - self.indent, 8)
        spans: list[tuple[int, int]] = []
        offset = 0
        plain = self.text.plain
        for line in plain.split("\n"):  # a newline the user typed stays a line break
            spans += [(offset + start, offset + end) for start, end in wrap_lines(line, width)]
            offset += len(line) + 1
        if self.text.spans:  # styled pieces: cut the Text once at every line's ends
            cuts = sorted({edge for span in spans for edge in span})
            pieces = self.text.divide(cuts)
            piece_at = {cut: number + 1 for number, cut in enumerate(cuts)}
            for start, end in spans:
                yield Text(" " * self.indent) + pieces[piece_at[start]] if end > start else Text("")
            return
        # One style for the whole text (every paragraph of the report): the lines go out as
        # one segment, so rich neither copies the Text per line nor wraps each line again.
        style = console.get_style(self.text.style) if self.text.style else None
        pad = " " * self.indent
        yield Segment("".join(f"{pad}{plain[start:end]}\n" for start, end in spans), style)


# ---------------------------------------------------------------- messages


def print_json(payload: Any) -> None:
    print(json_text(payload))


# ---------------------------------------------------------------- report


def report_view(report: Any) -> Group:
    """The year-end report (``report.Report``) for the terminal: sections under rules, parts and
    goals indented by depth, the ledger as a table without the columns no task fills."""
    from rich.rule import Rule

    from .report import GoalEntry, numbered

    def para(text: str, indent: int = 0, style: str = "") -> Paragraph:
        return Paragraph(Text(visible(text), style=style), indent)  # whole, however long

    def section(key: str) -> list[Any]:
        return [Text(""), Rule(Text(report.headings[key], style="bold"), align="left", style="dim")]

    out: list[Any] = [user_text(report.title, style="bold", justify="center")]
    for line in (report.organisation, report.as_of_text, report.scope):
        if line:
            out.append(user_text(line, style="dim", justify="center"))

    out += section("overview")
    out += [para(paragraph) for paragraph in report.overview.paragraphs]
    out += [para(line.sentence, 2) for line in report.overview.parts]

    def goal(entry: GoalEntry) -> list[Any]:
        indent = 2 * entry.level
        lines: list[Any] = [para(numbered(entry.number, entry.title), indent, "bold")]
        for sub in entry.entries:
            if isinstance(sub, GoalEntry):
                lines += goal(sub)
            else:
                lines.append(para(numbered(sub.number, sub.sentence), indent + 2))
        if entry.note:
            lines.append(para(entry.note, indent + 2, "dim"))
        return lines

    out += section("achievements")
    for part in report.achievements:
        out += goal(part)

    out += section("problems")
    for problem in report.problems:
        out.append(para(problem.sentence, 2, PACE_STYLES.get(problem.pace, "")))
    if report.problems_note:
        out.append(para(report.problems_note, 2))

    out += section("next_steps")
    out.append(para(report.next_steps_intro))
    for group in report.next_steps:
        out.append(para(numbered(group.number, group.title), 0, "bold"))
        out += [para(numbered(step.number, step.sentence), 2) for step in group.steps]

    out += section("ledger")
    rows = [row.cells() for row in report.ledger]
    shown = [n for n in range(len(report.ledger_columns)) if n < 2 or any(r[n] for r in rows)]
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    wide = {1: 3, 2: 2}  # task and responsible share what the other columns leave
    for n in shown:
        if n in wide:
            table.add_column(report.ledger_columns[n], ratio=wide[n], overflow="fold")
        else:
            table.add_column(
                report.ledger_columns[n], no_wrap=n != 4, justify="right" if n == 5 else "left"
            )
    for row, cells in zip(report.ledger, rows, strict=True):
        style = "dim" if row.status == "dropped" else ""
        table.add_row(*(user_text(cells[n]) for n in shown), style=style)
    out.append(table)
    out.append(para(report.ledger_note, 0, "dim"))
    return Group(*out)


# ---------------------------------------------------------------- history (plan log)


def trace_table(
    rows: list[Any], lang: str, title: str | None = None, with_item: bool = True
) -> Table | Text:
    """``plan log`` and ``plan show``: one row per trace entry (``trace.TraceRow``), in the
    order given; undone changes dimmed and marked."""
    from .changes import show_value
    from .texts import action_label
    from .trace import changed_fields

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
