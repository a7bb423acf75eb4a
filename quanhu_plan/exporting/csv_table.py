"""The 推进情况表 as a CSV table: UTF-8 with a BOM (so that Excel on Chinese Windows reads it as
UTF-8, not GBK), CRLF line ends and the csv module's quoting; the title and the 填报单位 line
above the header, as in the workbook (``plan import`` reads the 截至 date and the organisation
from them).

A text cell a spreadsheet would take for a formula (starting with = + - @, or ＝ ＋ － ＠) gets a ' in front,
as OWASP advises against CSV injection: Excel and LibreOffice then show it as text, the '
included. ``plan import`` takes that one ' off again (importing/sheets.py ``unquoted``). A text
starting with ' gets one more, so that the ' taken off is always the one added here. Numbers
(基数, 目标值, 完成值: a negative one starts with -) are written as plain numbers; a cell that
is a number alone cannot be a formula.

A text that Calc and Excel would read as a number other than itself gets the ' too: a 序号
1.10 (read as 1.1, the task before it), an area code 0734 (read as 734), a 身份证号
(its last digits lost). ``plan import`` takes
that ' off as well. A text that reads as the same number (1.1, 12) is left as it is.

A title is indented by its level in the tree with ideographic spaces (　), as the workbook
indents its title cells: the import reads the tree from them where the 序号 does not say it
(ids that are not dotted, an item moved).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from .rows import Cell, Percent, ProgressTable, exact_number, quote_guarded

BOM = "\ufeff"
INDENT = "\u3000"  # 　, a level of a title
# Digits a spreadsheet reads as a number shown otherwise: a leading 0 (0734), a 0 ending the
# decimals (1.10, 2.0), or more than 11 digits (Excel shows 1.23457E+11, and past 15 digits a
# 身份证号 loses its last ones).
_ANOTHER_NUMBER = re.compile(r"0\d+(?:\.\d*)?|\d+\.\d*0|\d{12,}")


def csv_bytes(table: ProgressTable) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    width = len(table.columns)
    writer.writerow([_text(table.title)] + [""] * (width - 1))
    for line in table.lines:
        writer.writerow([_text(line)] + [""] * (width - 1))
    # A column an imported table had is named by that table: user text, as a cell's.
    writer.writerow([_text(header) for header in table.headers])
    title = next(n for n, column in enumerate(table.columns) if column.key == "title")
    for row in table.rows:
        cells = [_cell(value) for value in row.values(table.columns)]
        # Indented by level, as the workbook's title cells are (an ideographic space a level,
        # as offices indent a title typed in a cell): ``plan import`` nests by it.
        cells[title] = INDENT * row.depth + cells[title]
        writer.writerow(cells)
    return (BOM + out.getvalue()).encode("utf-8")


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, Percent):
        return value.text
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return exact_number(value)
    return _text(value)


def _text(text: str) -> str:
    guarded = quote_guarded(text) or _ANOTHER_NUMBER.fullmatch(text) is not None
    return "'" + text if guarded else text
