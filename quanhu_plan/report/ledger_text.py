"""The ledger's cells as the Word, Markdown and terminal (txt) reports print them: in Chinese,
the deadline and the day done as a Chinese table writes them (6月30日, 5月底, 第三季度; the
report's year goes without saying, as the title states it), not as the plan file does
(2023-06-30, 2023-05, 2023-Q3). JSON keeps the file's forms (``LedgerRow.cells``)."""

from __future__ import annotations

import datetime as dt
import re

from ..periods import table_form
from .content import LedgerRow, Report

DUE, RATE, DONE_ON = 5, 7, 8  # in the order of ``Report.ledger_columns``
# The first of the plan's own columns after the nine (分值, 总投资: ``ledger_columns``): figures,
# right-aligned as 完成率 is.
OWN_COLUMNS = 9
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def ledger_cells(report: Report) -> list[list[str]]:
    """Each row's cells (``LedgerRow.cells``), its dates said as a Chinese table says them."""
    rows = [row.cells() for row in report.ledger]
    if report.lang != "zh":
        return rows
    year = report.year  # the plan's, as the title states it (not the --as-of day's)
    for row, cells in zip(report.ledger, rows, strict=True):
        cells[DUE] = table_due(row, year)
        cells[DONE_ON] = table_day(row.done_on, year) if row.done_on else ""
    return rows


def table_due(row: LedgerRow, year: int | None) -> str:
    """完成时限: 6月30日, 5月底, 第三季度; 2024年3月31日 in another year."""
    text = row.due.strip()
    if not text:
        return row.due_words  # 长期坚持: as worded
    if _DAY.fullmatch(text):
        try:
            return table_day(dt.date.fromisoformat(text), year)
        except ValueError:
            return row.due
    said = table_form(text, year)
    return said.removesuffix("底") if row.month_long else said  # (1月份: 1月, not 1月底)


def table_day(day: dt.date, year: int | None) -> str:
    """A day: 5月1日; 2024年3月31日 in another year."""
    return table_form(day, year)


def grouped_rows(report: Report, rows: list[list[str]]) -> list[tuple[bool, list[str]]]:
    """The ledger's rows with the rows of its parts and goals (the summary form's
    ``Report.ledger_groups``) above their tasks: (is a group, cells); a group's cells are its
    id and its title, the rest empty."""
    above: dict[int, list[list[str]]] = {}
    width = len(report.ledger_columns)
    for group in report.ledger_groups:
        cells = [group.id, group.title] + [""] * (width - 2)
        above.setdefault(group.before, []).append(cells)
    out: list[tuple[bool, list[str]]] = []
    for index, cells in enumerate(rows):
        out += [(True, group) for group in above.get(index, [])]
        out.append((False, cells))
    return out
