"""The year-end report (``report.Report``) drawn for the terminal."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.text import Text

from ..controls import visible
from ..output_streams import written_here
from ..texts import LONGEST_PARAGRAPH, cut_long
from .console import LIGHT_STYLES, PACE_STYLES, shown, user_text
from .fitting import Fitted
from .grid import Column, Grid
from .paragraphs import Centred, Paragraph, longest_word


class _Heading:
    """A section's heading before its rule (一、总体情况 ────); where it does not fit beside the
    rule, folded over the lines it needs and the rule under it: rich would cut it
    (附表：任务完成情 … ─ at 20 columns)."""

    def __init__(self, title: Text):
        self.title = title

    def __rich_console__(self, console: Any, options: Any) -> Any:
        from rich.rule import Rule

        if self.title.cell_len <= options.max_width - 2:  # (what rich's rule leaves a title)
            yield Rule(self.title, align="left", style="dim")
            return
        yield Paragraph(self.title)
        yield Rule(style="dim")


def report_view(report: Any) -> Group:
    """The year-end report (``report.Report``) for the terminal: sections under rules, the parts
    under them in bold, goals and tasks below indented by level and drawn alike, the 落款 on
    the right, the ledger as a table without the columns no task fills."""
    from ..report import GoalEntry, numbered

    def para(text: str, indent: int = 0, style: str = "") -> Paragraph:
        # whole but beyond LONGEST_PARAGRAPH characters (a title of megabytes), said so
        # (as standard output writes it, its columns counted as written: ⑪ as 11) in GBK)
        shown_here = written_here(visible(cut_long(text, LONGEST_PARAGRAPH)))
        return Paragraph(Text(shown_here, style=style), indent)

    def section(key: str) -> list[Any]:
        return [Text(""), _Heading(Text(report.headings[key], style="bold"))]

    out: list[Any] = [Centred(user_text(report.title, style="bold"))]
    for line in (report.organisation, report.as_of_text, report.scope):
        if line:
            out.append(Centred(user_text(line, style="dim")))

    out += section("overview")
    out += [para(paragraph) for paragraph in report.overview.paragraphs]
    out += [para(line.sentence, 2) for line in report.overview.parts]

    def goal(entry: GoalEntry) -> list[Any]:
        indent = 2 * (entry.level - 1)  # parts at the margin, as the groups of next steps
        style = "bold" if entry.level <= 1 else ""  # below a part, a goal looks like a task
        title = numbered(entry.number, entry.title)
        lines: list[Any] = [para(title, indent, style)] if title else []
        if entry.note:
            lines.append(para(entry.note, indent + 2))
        for sub in entry.entries:
            if isinstance(sub, GoalEntry):
                lines += goal(sub)
            else:
                lines.append(para(numbered(sub.number, sub.sentence), 2 * (sub.level - 1)))
        return lines

    out += section("achievements")
    for part in report.achievements:
        out += goal(part)
    if report.achievements_note:
        out.append(para(report.achievements_note))

    out += section("problems")
    for problem in report.problems:
        out.append(para(problem.sentence, 2, PACE_STYLES.get(problem.pace, "")))
    # (problems_unexplained is data: each problem with no reason says so in place)
    if report.problems_note:
        out.append(para(report.problems_note, 2))

    out += section("next_steps")
    out.append(para(report.next_steps_intro))
    for group in report.next_steps:
        if group.title:
            out.append(para(numbered(group.number, group.title), 0, "bold"))
        out += [
            para(numbered(step.number, step.sentence), 2) for step in group.lines or group.steps
        ]
    if report.signature:
        out.append(Text(""))
        out += [user_text(line, justify="right") for line in report.signature]

    out += section("ledger")
    out.append(_ledger(report))
    out.append(para(report.ledger_note, 0, "dim"))
    return Group(*out)


# The ledger's cells (``LedgerRow.cells``) by position.
_NINE = range(9)
_ID, _TASK, _LEAD, _UNIT, _FIGURES, _DUE, _STATUS, _COMPLETION, _DONE_ON = _NINE


def _own_cell(index: int) -> Any:
    """A row's cell in the plan's ``index``-th own column (``LedgerRow.extra``)."""
    return lambda row: row.extra[index]


STATUS_WIDTH = 14  # 未开始（红灯）: a longer status goes on two lines


# Below this width the ledger keeps four columns (序号, 任务, 状态, 完成率) and writes who is
# responsible, the figures, the deadline and the day done under the task: eight columns at 80
# cells would leave the task six.
NARROW_LEDGER_BELOW = 110


def _ledger(report: Any) -> Fitted:
    return Fitted(
        [
            (NARROW_LEDGER_BELOW, lambda: _wide_ledger(report)),
            (0, lambda: _narrow_ledger(report)),
            (0, lambda: _narrow_ledger(report, stacked=True)),
        ]
    )


def _groups_above(report: Any) -> dict[int, list[Any]]:
    """The parts and goals of the summary form's ledger (``Report.ledger_groups``) by the row
    they stand above."""
    above: dict[int, list[Any]] = {}
    for group in report.ledger_groups:
        above.setdefault(group.before, []).append(group)
    return above


def _status(row: Any) -> str:
    """受阻 over （逾期，红灯）, rather than folded anywhere."""
    from rich.cells import cell_len

    text = row.status_text
    if cell_len(text) <= STATUS_WIDTH:
        return text
    if "（" in text:
        return text.replace("（", "\n（", 1)
    return text.replace(" (", "\n(", 1)  # in progress over (overdue, red)


def _status_cell(row: Any) -> Text:
    return user_text(
        _status(row), LIGHT_STYLES[row.light] if row.light in ("red", "yellow") else ""
    )


def _ledger_dates(report: Any) -> dict[int, tuple[str, str]]:
    """Each row's 完成时限 and 完成日期 as the Word and Markdown ledgers write them (in Chinese
    12月底, 第三季度, 9月20日; the report's year goes without saying), so that the ledger says
    a date as the body above it does, not as the plan file (2023-Q3, 2023-09-20)."""
    from ..report.ledger_text import DONE_ON, DUE, ledger_cells

    cells = ledger_cells(report)
    return {id(row): (c[DUE], c[DONE_ON]) for row, c in zip(report.ledger, cells, strict=True)}


def _narrow_ledger(report: Any, stacked: bool = False) -> Grid:
    """The ledger on a narrow terminal: 序号, the task with its details below it (a line each,
    dim), the status whole, 完成率. ``stacked`` (where even that does not fit, 40 columns): one
    column, each task's 序号 before it and its status and 完成率 on the line under it."""
    from rich.cells import cell_len

    from ..texts import label

    columns = report.ledger_columns
    colon = "：" if report.lang == "zh" else ": "
    dates = _ledger_dates(report)
    if stacked:
        task_column = Column(columns[_TASK], wrap=True, min_width=1, phrases=True)
        table = Grid([task_column], indent=0)
    else:
        # as wide as a date at least (完成日期：2026-12-01 under the task) and its longest
        # word (streetlights), which are never cut: else the ledger stacks
        task_column = Column(
            columns[_TASK], wrap=True, min_width=10, phrases=True, no_lone_char="last"
        )
        table = Grid(
            [
                Column(columns[_ID]),
                task_column,
                Column(columns[_STATUS]),
                Column(columns[_COMPLETION], justify="right"),
            ],
            indent=0,
        )
    above = _groups_above(report)
    for index, row in enumerate(report.ledger):
        for group in above.get(index, []):  # a part or goal above its tasks (summary form)
            if stacked:
                table.add_row(user_text(f"{group.id} {group.title}".strip(), "bold"))
            else:
                table.add_row(user_text(group.id, "bold"), user_text(group.title, "bold"), "", "")
        task = user_text(row.name)
        if stacked:  # 1.1 修塘 / 未开始（逾期，红灯） · 63%
            light = LIGHT_STYLES[row.light] if row.light in ("red", "yellow") else ""
            task = Text.assemble(
                (shown(row.id) + " ", "bold"),
                task,
                "\n",
                (shown(row.status_text), light),
                " · " + shown(row.cells()[_COMPLETION]),
            )
        who = [name.strip() for name in (row.lead, *row.responsible_parts) if name.strip()]
        details = []
        if who:
            details.append(label(report.lang, "responsible") + colon + " / ".join(who))
        if row.figures:  # 目标值：3.3万亩以上  完成值：2.4万亩, a side not recorded left out
            names = (label(report.lang, "target"), label(report.lang, "actual"))
            sides = zip(names, (row.target_figure, row.actual_figure), strict=True)
            details.append(
                "  ".join(name + colon + side for name, side in sides if side and side != "—")
            )
        due, done_on = dates[id(row)]
        dated = [columns[n] + colon + day for n, day in ((_DUE, due), (_DONE_ON, done_on)) if day]
        details += dated
        details += [  # the plan's own columns (分值：8, 总投资（万元）：1000)
            columns[len(_NINE) + n] + colon + text for n, text in enumerate(row.extra) if text
        ]
        for line in details:
            task.append("\n" + shown(line), style="dim")
        if not stacked:
            widest = longest_word([row.name, *details])
            if report.lang == "zh":
                # 完成日期：6月30日 on one line: a line would break it between 6月 and 30日
                widest = max([widest, *(cell_len(line) for line in dated)])
            task_column.min_width = max(task_column.min_width, widest)
        if stacked:
            table.add_row(task, style="dim" if row.status == "dropped" else "")
            continue
        table.add_row(
            user_text(row.id),
            task,
            _status_cell(row),
            user_text(row.cells()[_COMPLETION]),
            style="dim" if row.status == "dropped" else "",
        )
    return table


def _wide_ledger(report: Any) -> Grid:
    """The ledger at the terminal's width: a column no task fills is left out; 责任领导 and
    责任单位/责任人 share one column (责任), a line each, as the target and the actual do under
    目标值/完成值; the task, who and the status fold."""
    from rich.cells import cell_len

    from ..texts import label

    columns = report.ledger_columns
    dates = _ledger_dates(report)

    def who(row: Any) -> str:  # the lead, the unit, the owner: a line each
        return "\n".join(text for text in (row.lead, *row.responsible_parts) if text)

    # Target over actual where "target/actual" is wider than the column those two lines need.
    sides = [side for row in report.ledger for side in (row.target_figure, row.actual_figure)]
    figures_width = max([cell_len(side) for side in sides] + [cell_len(columns[_FIGURES]) // 2])

    def figures(row: Any) -> str:
        if cell_len(row.figures) <= figures_width:
            return str(row.figures)
        return f"{row.target_figure}\n{row.actual_figure}"

    status = _status
    # 目标值/ over 完成值; Target / actual as Target/ over actual, not over " actual"
    figures_header = "/\n".join(side.strip() for side in columns[_FIGURES].split("/", 1))

    def widest(text: Any) -> int:  # a column that keeps its lines whole folds no further
        lines = [line for row in report.ledger for line in text(row).split("\n")]
        return max((cell_len(line) for line in lines), default=0)

    # (header, the cell's text, narrowest fold or None for none, share of the room when
    # folding, always shown, right-aligned); a cell of several lines (figures, status) is in a
    # folding column that never folds below its widest line.
    layout: list[tuple[str, Any, int | None, int, bool, bool]] = [
        (columns[_ID], lambda r: r.id, None, 1, True, False),
        (columns[_TASK], lambda r: r.name, 4, 3, True, False),
        (label(report.lang, "responsible"), who, 4, 2, False, False),
        (figures_header, figures, widest(figures), 1, False, False),
        (columns[_DUE], lambda r: dates[id(r)][0], None, 1, False, False),
        (columns[_STATUS], status, widest(status), 1, True, False),
        (columns[_COMPLETION], lambda r: r.cells()[_COMPLETION], None, 1, True, True),
        (columns[_DONE_ON], lambda r: dates[id(r)][1], None, 1, False, False),
    ]
    # The plan's own columns after the nine (分值, 总投资): figures, whole; a header's unit on
    # a line of its own (总投资 over （万元）), as 目标值/ over 完成值.
    for n in range(len(_NINE), len(columns)):
        cell = _own_cell(n - len(_NINE))
        header = columns[n].replace("（", "\n（", 1) if columns[n].endswith("）") else columns[n]
        layout.append((header, cell, max(widest(cell), 4), 1, False, True))
    shown = [column for column in layout if column[4] or any(column[1](r) for r in report.ledger)]
    table = Grid(
        [
            Column(
                header,
                wrap=floor is not None,
                min_width=floor or 0,
                ratio=ratio,
                justify="right" if right else "left",
            )
            for header, _, floor, ratio, _, right in shown
        ],
        indent=0,
    )
    above = _groups_above(report)
    for index, row in enumerate(report.ledger):
        for group in above.get(index, []):  # a part or goal above its tasks (summary form)
            blank = [""] * (len(shown) - 2)
            table.add_row(user_text(group.id, "bold"), user_text(group.title, "bold"), *blank)
        style = "dim" if row.status == "dropped" else ""
        table.add_row(
            *(
                user_text(text(row), LIGHT_STYLES[row.light])
                if text is status and row.light in ("red", "yellow")
                else user_text(text(row))
                for _, text, *_ in shown
            ),
            style=style,
        )
    return table
