"""The year-end report (``report.Report``) drawn for the terminal."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.text import Text

from ..controls import visible
from .console import LIGHT_STYLES, PACE_STYLES, user_text
from .grid import Column, Grid
from .paragraphs import Paragraph


def report_view(report: Any) -> Group:
    """The year-end report (``report.Report``) for the terminal: sections under rules, parts and
    goals indented by depth, the ledger as a table without the columns no task fills."""
    from rich.rule import Rule

    from ..report import GoalEntry, numbered

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
    wide = {1: 3, 2: 2}  # task and responsible share what the other columns leave
    table = Grid(
        [
            Column(
                report.ledger_columns[n],
                wrap=n in wide,
                ratio=wide.get(n, 1),
                min_width=4,
                justify="right" if n == 5 else "left",
            )
            for n in shown
        ],
        indent=0,
    )
    status_column = 4
    for row, cells in zip(report.ledger, rows, strict=True):
        style = "dim" if row.status == "dropped" else ""
        table.add_row(
            *(
                user_text(cells[n], LIGHT_STYLES[row.light])
                if n == status_column and row.light in ("red", "yellow")
                else user_text(cells[n])
                for n in shown
            ),
            style=style,
        )
    out.append(table)
    out.append(para(report.ledger_note, 0, "dim"))
    return Group(*out)
