"""The view of plan show (status: ``status_view``; list: ``list_view``; the trace of plan log
and plan show: ``trace_view``), made of runs of text and style (``runs``), not rich's ``Text``:
it is written without rich to a terminal too (``ansi``), as to a pipe (``plain``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    pass

from ..answering import ROLES, stated_above
from ..controls import visible_key
from ..lights import light
from ..model import ITEM_FIELDS, TASK_STATE_FIELDS, Item, Plan
from ..records import Milestones, at_full_not_ticked_off, blocked_at_full, limits_held
from ..rollup import PACE_CLASSES, expected_ratio, metric_ratio, pace
from ..rollup_tree import rollup
from ..texts import (
    as_of_words,
    format_value,
    label,
    light_label,
    one_line,
    pace_label,
    percent_of,
    status_label,
)
from .fitting import Fitted
from .grid import Cell, Column, Grid, Stack, text_width
from .paragraphs import Paragraph
from .status_view import milestone_words
from .styles import LIGHT_STYLES, PACE_STYLES, STATUS_MARKS, bar_runs, shown
from .trace_view import trace_table


def runs(*parts: str | tuple[str, str] | Cell) -> Cell:
    """Text in runs of a style each, as rich's ``Text.assemble`` takes them (a str, a (text,
    style) pair, a cell), without rich: a view of them is written without it at a terminal
    too (``ansi``)."""
    made = Cell()
    for part in parts:
        if isinstance(part, str):
            if part:
                made.append((part, ""))
        elif isinstance(part, tuple):
            if part[0]:
                made.append(part)
        else:
            made += part
    return made


def user_runs(text: str, style: str = "") -> Cell:
    """``console.user_text`` as runs: someone's text made safe, in one style."""
    return runs((shown(text), style))


def joined(separator: str, cells: list[Cell]) -> Cell:
    """``Text(separator).join(cells)``."""
    made = Cell()
    for n, part in enumerate(cells):
        if n:
            made.append((separator, ""))
        made += part
    return made


def split_lines(cell: Cell) -> list[Cell]:
    """``Text.split("\\n")``: a cell's lines, the runs kept, none after a last line break."""
    lines = [Cell()]
    for text, style in cell:
        for n, piece in enumerate(text.split("\n")):
            if n:
                lines.append(Cell())
            if piece:
                lines[-1].append((piece, style))
    if len(lines) > 1 and cell.text.endswith("\n"):
        lines.pop()
    return lines


def light_text(lang: str, colour: str | None) -> Cell:
    """A light in words, in its colour: 红灯 / red light (the words stay where colour is off)."""
    return runs((light_label(lang, colour), LIGHT_STYLES.get(colour or "", "")))


# ---------------------------------------------------------------- show


def _children_view(item: Item, below: list[Item], plan: Plan, as_of: dt.date, lang: str) -> Fitted:
    """The items under ``item`` (``plan show``): a table of id, title and figures where it
    fits, else (below some 35 columns) each item's figures under its title."""
    rows = []
    for child in below:
        figures = rollup(child, plan, as_of)
        mark = STATUS_MARKS[child.status] + " " if child.is_task else ""
        indent = "  " * (child.depth - item.depth - 1)
        done_total = "" if child.is_task else f"{figures.done}/{figures.total}"
        rows.append((child.id, indent, mark + child.title, done_total, figures.ratio))
    title = runs((label(lang, "children"), "bold"))

    def table() -> Grid:
        children = Grid(
            [
                Column(label(lang, "id"), wrap=True, min_width=5),  # a long id folds, as in status
                Column(label(lang, "title"), wrap=True, phrases=True, no_lone_char="last"),
                Column(label(lang, "done_total"), justify="right", optional=True),
                Column(label(lang, "completion"), justify="right"),
            ],
            title=title,
            title_left=True,
            indent=0,
        )
        for child_id, indent, name, done_total, completion in rows:
            children.add_row(
                user_runs(child_id),
                user_runs(indent + name),
                done_total,
                percent_of(completion),
            )
        return children

    def stacked() -> Grid:
        children = Grid(
            [
                Column(
                    label(lang, "title"), wrap=True, min_width=1, phrases=True, no_lone_char="last"
                )
            ],
            title=title,
            title_left=True,
            indent=0,
        )
        for child_id, indent, name, done_total, completion in rows:
            figures = [f"{label(lang, 'completion')} {percent_of(completion)}"]
            if done_total:
                figures.insert(0, f"{label(lang, 'done_total')} {done_total}")
            children.add_row(
                runs(
                    indent,
                    (shown(child_id) + " ", "dim"),
                    shown(name),
                    ("\n  " + " · ".join(figures), "dim"),
                )
            )
        return children

    return Fitted([(0, table), (0, stacked)])


def _value_text(field: str, value: Any, lang: str) -> Cell:
    return user_runs(format_value(field, value, lang))


def _figure_not_measuring(task: Item) -> bool:
    """An unfinished task with a figure that does not measure it (no target number, or signs
    that make a ratio say nothing): its completion is its reported progress."""
    actual = task.data.get("actual")
    return (
        task.status not in ("done", "dropped")
        and isinstance(actual, int | float)
        and not isinstance(actual, bool)
        and metric_ratio(task) is None
    )


# How many of its newest trace entries ``plan show`` of a goal or a part lists without --all
# (a part's trace gathers every change to its tasks: hundreds of lines by the year's end), and
# of a task (one with a note a day has hundreds too; ``plan log``'s default).
SHOW_HISTORY = 5
SHOW_TASK_HISTORY = 50


# Below this many columns ``plan show`` puts a field's value under its name: beside the names
# it would have too few columns to hold a date and a word.
STACKED_FIELDS_BELOW = 24
# A field name typed into the file (a column of the table it was imported from: 总投资（万元）,
# 形象进度/一季度) widens the names column up to this many cells, from USER_FIELD_NAMES_FROM
# columns on (narrower, for its widest piece between slashes and spaces alone, so that it
# folds there: 工作进度安排/ | 一季度, not inside a word: 工作进度安 | 排); a longer one folds.
USER_FIELD_NAME_WIDEST = 16
USER_FIELD_NAMES_FROM = 60


def _widest_piece(name: str) -> int:
    """The cells of the widest piece of a field name between slashes (each kept with the slash
    that ends it) and spaces: 工作进度安排/ of 工作进度安排/一季度."""
    import re

    return max((text_width(piece) for piece in re.split(r"(?<=[/／])|\s+", name)), default=0)


def _name_lines(name: str) -> list[str]:
    """A field name wider than its column in lines at its slashes (进度要求/ | 12月底前) where
    its pieces fit, rather than folded wherever the column ends (进度要求/12月底 | 前)."""
    import re

    if text_width(name) <= USER_FIELD_NAME_WIDEST:
        return [name]
    pieces = re.split(r"(?<=[/／])", name)
    if len(pieces) < 2 or any(text_width(p) > USER_FIELD_NAME_WIDEST for p in pieces):
        return [name]
    lines = [""]
    for piece in pieces:
        if lines[-1] and text_width(lines[-1] + piece) > USER_FIELD_NAME_WIDEST:
            lines.append(piece)
        else:
            lines[-1] += piece
    return lines


def show_item(
    item: Item,
    plan: Plan,
    as_of: dt.date,
    lang: str,
    recorded_to: dt.date | None = None,
    everything: bool = False,
    advice: Callable[[str], str] = str,
    trace_to: dt.date | None = None,
) -> Stack:
    """One item: its fields, figures and trace (``trace_to``: of an ``--as-of`` view, only the
    entries in the trace by that day, ``records.item_record``). A goal or part is summarised: its tasks
    counted by status and pace, the items right under it, its newest trace entries;
    ``everything`` lists every item under it and its whole trace. ``advice``: the words
    advising a command, as the command line said them (the plan file named: cli/advice)."""
    kind = label(lang, "kind_task" if item.is_task else "kind_goal")
    kind_words = f"（{kind}）" if lang == "zh" else f"  ({kind})"  # Chinese brackets in full width
    heading = runs(
        (f"{shown(item.id)} ", "bold dim"), (shown(item.title), "bold"), (kind_words, "dim")
    )
    # A field name typed into the file may be any length: up to USER_FIELD_NAME_WIDEST it
    # stands on one line (总投资（万元） folded inside its bracket, 形象进度/一季度 took two lines
    # each), longer it folds at its pieces; below USER_FIELD_NAMES_FROM columns the column widens
    # only for the widest piece of a name that has pieces (``_widest_piece``, at most as wide),
    # and its value keeps its room. Our own names keep the column as it is without them.
    names_width = {"ours": 4, "typed": 0, "pieces": 0}
    rows: list[tuple[Cell, str | Cell]] = []

    def field_row(name: str | Cell, value: str | Cell, ours: bool = True) -> None:
        plain = name.text if isinstance(name, Cell) else name
        size = text_width(plain.replace("\n", ""))  # (a name in lines at its slashes: whole)
        if ours:
            names_width["ours"] = max(names_width["ours"], size)
        else:
            widest, piece = (
                USER_FIELD_NAME_WIDEST,
                _widest_piece(name.text if isinstance(name, Cell) else name),
            )
            # (too long for one line: folded at its pieces where they fit, else at the widest)
            whole = size if size <= widest else piece if piece <= widest else widest
            names_width["typed"] = max(names_width["typed"], whole)
            if piece < size and piece <= widest:  # (a name of one piece is cut anyway)
                names_width["pieces"] = max(names_width["pieces"], piece)
        rows.append((name if isinstance(name, Cell) else runs((name, "dim")), value))

    def beside(typed: bool = False) -> Grid:
        widest = max(names_width["ours"], names_width["typed" if typed else "pieces"])
        names_column = Column(wrap=True, min_width=4, max_width=widest, phrases=True)
        grid = Grid(
            [names_column, Column(wrap=True, min_width=10, no_lone_char="last")],
            header=False,
            indent=0,
        )
        for name, value in rows:
            grid.add_row(name, value)
        return grid

    def stacked() -> Grid:
        """Each field's name on a line and its value under it: in a column of 10 a value cut
        Completi | on, and left a date's bracket alone on a line (2023-12-31 | ）)."""
        grid = Grid(
            [Column(wrap=True, min_width=1, phrases=True, no_lone_char="last")],
            header=False,
            indent=0,
        )
        for name, value in rows:
            lines = split_lines(value if isinstance(value, Cell) else runs(value))
            grid.add_row(runs(name, "\n  ", joined("\n  ", lines)))
        return grid

    fields = Fitted(
        [
            (USER_FIELD_NAMES_FROM, lambda: beside(typed=True)),
            (STACKED_FIELDS_BELOW, beside),
            (0, stacked),
        ]
    )

    if item.parent:
        field_row(label(lang, "parent"), user_runs(f"{item.parent.id} {item.parent.title}"))
    shown_apart = ("id", "title", "parent", "log", "milestone", "conflict")  # conflict: cli/read
    known = [f for f in ITEM_FIELDS if f not in shown_apart]
    for field in known + [f for f in item.data if f not in ITEM_FIELDS]:
        if field in item.data:
            if field in ITEM_FIELDS:
                name = user_runs(label(lang, field), style="dim")
            else:  # (typed by someone: in lines at its slashes where too wide, _name_lines;
                # a line break of its own shown as \n: the name is one label, "a\nb")
                lines = _name_lines(visible_key(field))
                name = joined("\n", [user_runs(line, "dim") for line in lines])
            value = _value_text(field, item.data[field], lang)
            if not item.is_task and field in TASK_STATE_FIELDS:  # its tasks' figures count
                value.append((label(lang, "not_counted"), "dim"))
            field_row(name, value, field in ITEM_FIELDS)
        elif field in ROLES and (above := stated_above(item, field)) is not None:
            # Who answers for it through a goal or part (县示范区管委会牵头工作): plan list, the
            # report and --who count it so (model.responsible_names), said as that item's.
            value = _value_text(field, above.data[field], lang)  # as written there
            value.append(
                (f"（上级 {above.id} 的）" if lang == "zh" else f" (of {above.id}, above)", "dim")
            )
            field_row(runs((label(lang, field), "dim")), value)
    if item.is_task and "status" not in item.data:
        field_row(label(lang, "status"), runs(status_label(lang, item.status)))
    figures = rollup(item, plan, as_of)
    completion = runs(percent_of(figures.ratio), " ", *bar_runs(figures.ratio))
    if item.is_task and _figure_not_measuring(item):
        # 完成值 3.35 over 完成率 0% read as if 3.35 were 0% of something (the report's words)
        completion.append((label(lang, "by_progress"), "dim"))
    field_row(label(lang, "completion"), completion)
    if item.is_task:
        kind_name = pace(item, plan, as_of)
        field_row(label(lang, "pace"), runs((pace_label(lang, kind_name), PACE_STYLES[kind_name])))
        if kind_name != "ongoing":  # (standing work has no window to have done a share of)
            expected = percent_of(expected_ratio(item, plan, as_of))
            day = as_of_words(lang, as_of, recorded_to)
            # 现状（记录至…，序时按…计）holds its own brackets: not nested in another pair.
            now = recorded_to is not None and recorded_to > as_of
            if not now and lang == "en":  # within the sentence: 56% (as of 2023-07-15)
                day = day[0].lower() + day[1:]
            if now:
                shown_day = f"{expected} · {day}"
            else:  # brackets as the language sets them: 56%（截至 2023-07-15）/ 56% (as of …)
                shown_day = f"{expected}（{day}）" if lang == "zh" else f"{expected} ({day})"
            field_row(label(lang, "expected"), shown_day)
        colour = light(item, plan, as_of)
        if colour is not None:
            field_row(label(lang, "light"), light_text(lang, colour))
        shown_milestones = [
            (
                milestone.day,
                runs(
                    (
                        milestone_words(lang, item, milestone),
                        {"met": "green", "missed": "yellow"}.get(milestone.state, ""),
                    )
                ),
            )
            for milestone in Milestones(plan, as_of).of(item)
        ]
        for milestone_row in sorted(shown_milestones + _steps(item), key=lambda row: row[0]):
            field_row(label(lang, "milestone"), milestone_row[1])
    else:
        done_total = f"{figures.done}/{figures.total}"
        # 0/2 beside 完成率100% would contradict itself unsaid (the report's words).
        tasks = list(item.tasks())
        waiting = len(at_full_not_ticked_off(tasks, plan, as_of))
        held = len(limits_held(tasks, plan, as_of))
        said = [label(lang, "awaiting_count").format(n=waiting)] if waiting else []
        if held:
            said.append(label(lang, "held_count").format(n=held))
        if said:
            done_total += label(lang, "awaiting_said").format(
                said=("，" if lang == "zh" else ", ").join(said)
            )
        field_row(label(lang, "done_total"), done_total)
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
    if item.is_task and blocked_at_full(item, plan, as_of):  # 受阻 beside 完成率100%: say why
        from ..shell_words import quote

        warned = label(lang, "blocked_at_full").format(id=quote(item.id))
        parts.append(Paragraph(runs((warned, "yellow"))))
    from ..trace import untraced_fields

    untraced = untraced_fields(item.data)
    if untraced:
        said = [label(lang, name) for name in untraced]
        if lang == "zh":
            names = "、".join(said)
        else:  # Status, Progress and Reason have no trace
            names = ", ".join(said[:-1]) + " and " + said[-1] if len(said) > 1 else said[0]
        has = "has" if len(said) == 1 else "have"
        note = label(lang, "untraced_note").format(fields=names, has=has)
        parts.append(Paragraph(runs((note, "dim"))))
    if item.children:
        below = list(item.walk())[1:] if everything else item.children
        parts += [Paragraph(""), _children_view(item, below, plan, as_of, lang)]
    from ..trace import history_rows, in_trace_by, newest_first

    trace = history_rows(plan, item.id)
    if trace_to is not None:
        trace = [row for row in trace if in_trace_by(row.entry, trace_to)]
    if trace:
        limit = SHOW_TASK_HISTORY if item.is_task else SHOW_HISTORY
        cut = not everything and len(trace) > limit
        shown_trace = newest_first(trace, limit if cut else None)
        # A task's own rows need no item column; rows of an item once under it (a task that
        # was a goal for a while) do, or their 删除 reads as the task's own.
        others = any(row.item_id != item.id for row in shown_trace)
        table = trace_table(
            shown_trace,
            lang,
            title=label(lang, "log"),
            with_item=not item.is_task or others,
            plan=plan,
        )
        parts += [Paragraph(""), table]
        if cut:
            from ..shell_words import quote

            more = advice(
                label(lang, "show_cut_task" if item.is_task else "show_cut").format(
                    shown=limit, total=len(trace), typed=shown(quote(item.id))
                )
            )
            parts.append(Paragraph(runs((more, "dim"))))
    return Stack(parts)


def _steps(item: Item) -> list[tuple[dt.date, Cell]]:
    """A task's steps with no share (2023-Q1 完成选址, a 季度形象进度 in words), by their day: said
    as written, judged by nothing (pace follows the milestones with a share)."""
    from ..periods import written
    from ..records import milestone_steps

    return [
        (day, runs(f"{written(due)} {one_line(note)}")) for day, due, note in milestone_steps(item)
    ]
