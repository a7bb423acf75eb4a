"""A merged cell put back where a CSV, or a sheet whose cells were unmerged to filter it,
left it in its first row alone (pure): a title over the rows of its 具体措施, and beside it
who answers for it and by when."""

from __future__ import annotations

from .cells import kept
from .reading import Reading
from .values import as_text


def titles_left_blank(reading: Reading) -> None:
    """A title merged down over rows whose 具体措施 differ, as Excel leaves it once the cells
    are unmerged or the table is saved as CSV: the title in its first row, the rows under it
    blank beside their own 具体措施 (提质提效现代农业 over 粮食播种面积, 油菜, 烟叶). Merged
    back, they read as the merge did: a goal over a task per row (``_group``), not rows
    refused for having no title."""
    detail = reading.columns.get("detail")
    if detail is None:
        return
    sheet, column = reading.sheet, reading.title_column.index

    def cell(row: int, col: int) -> str:
        return as_text(sheet.value(row, col)).strip()

    first: int | None = None
    last = -1
    for row in range(reading.header.first_data_row, len(sheet.rows) + 1):
        unmerged = row < len(sheet.rows) and sheet.span(row, column) is None
        if first is not None and unmerged and not cell(row, column) and cell(row, detail.index):
            last = row
            continue
        if first is not None and last > first:
            sheet.merge_down(first, last, column)
            rows = list(range(first + 1, last + 1))
            beside = _merged_beside(reading, first, last)
            reading.found.titles_merged.append((first, rows, cell(first, column), beside))
        titled = unmerged and cell(row, column) and cell(row, detail.index)
        first, last = (row, row) if titled else (None, -1)


# Who answers for a title and by when, merged beside it over its rows as the title is (责任科室
# and 完成时限 over a project's roads): merged back with it. Never a figure: a row's own.
_MERGED_WITH_TITLE = ("lead", "lead_unit", "support_units", "owner", "start", "due")


def _merged_beside(reading: Reading, first: int, last: int) -> list[str]:
    """The cells beside a title merged back down over rows ``first``..``last`` (a CSV's, or an
    unmerged sheet's) that hold who answers for it and by when in its first row alone, blank
    on every row under it: merged back down too, as the sheet had them. The names of their
    columns, for the notice to say what the rows under it were given."""
    sheet = reading.sheet
    merged: list[str] = []
    for field in _MERGED_WITH_TITLE:
        column = reading.columns.get(field)
        if column is None or not as_text(sheet.value(first, column.index)).strip():
            continue
        below = range(first + 1, last + 1)
        if all(
            sheet.span(row, column.index) is None
            and not as_text(sheet.value(row, column.index)).strip()
            for row in below
        ):
            sheet.merge_down(first, last, column.index)
            merged.append(reading.keys[column.index])
    # A column the plan keeps as written (资金来源 over a project's roads): its words merged
    # back the same way, as the workbook gives them to every row. A number is a row's own
    # (总投资 250 and 100, one a road), and so is a 备注 or 下一步措施 (a field of its own).
    for column in reading.header.columns:
        if column.field is not None or column.index == reading.title_column.index:
            continue
        words = sheet.value(first, column.index)
        if not isinstance(kept(words), str) or not as_text(words).strip():
            continue
        if all(
            sheet.span(row, column.index) is None
            and not as_text(sheet.value(row, column.index)).strip()
            for row in range(first + 1, last + 1)
        ):
            sheet.merge_down(first, last, column.index)
            merged.append(reading.keys[column.index])
    return merged
