"""Where the ledger's printed pages end, so that a part or goal row (一、…, （一）…) never stands
at a page's foot with its tasks on the next page: Excel and LibreOffice have no keep-with-next
for rows, so the workbook says where each page breaks (``rowBreaks``), from the page setup
``xlsx.print_setup`` writes and the row heights ``xlsx`` gives every row.

Pure arithmetic: no openpyxl here.
"""

from __future__ import annotations

from math import floor

# A4 landscape in points, less the margins print_setup sets (0.4 in at the sides, 0.6 in above
# and below, the footer within the bottom one).
PAGE_WIDTH_PT = 297 / 25.4 * 72 - 2 * 0.4 * 72
PAGE_HEIGHT_PT = 210 / 25.4 * 72 - 2 * 0.6 * 72
# A column width of one (a digit of the 10 pt 宋体, the workbook's default font) prints about
# seven pixels, 5.25 points, wide.
POINTS_PER_WIDTH = 7 * 0.75
# The pages are laid out a little shorter than they are, so that each ends at its break and
# never a row or two before it at one of the spreadsheet's own (a row Excel sets a shade
# taller, a scale LibreOffice rounds otherwise): a page with two rows on it would be worse
# than the part row alone.
ROOM_USED = 0.94


def print_scale(widths: list[int]) -> float:
    """The scale fitToWidth prints the sheet at: the page's width over the table's, in whole
    percent as Excel sets it, never more than 100 %."""
    table = sum(widths) * POINTS_PER_WIDTH
    if table <= PAGE_WIDTH_PT:
        return 1.0
    return floor(PAGE_WIDTH_PT / table * 100) / 100


def page_breaks(
    above: list[float], header: float, rows: list[tuple[float, bool]], scale: float
) -> list[int]:
    """The rows (counted from 0, the first row under the header) that begin a new page: a
    page holds the rows ``above`` the header on the first page only, the header on every page,
    and the rows (height in points, whether it is a part or goal row) that fit in
    ``ROOM_USED`` of it at ``scale``; a run of part and goal rows goes over with the first
    task under it."""
    room = PAGE_HEIGHT_PT / scale * ROOM_USED
    used = sum(above) + header
    breaks: list[int] = []
    index = 0
    while index < len(rows):
        # The rows that go together: part and goal rows and the first row after them.
        end = index
        while end < len(rows) - 1 and rows[end][1]:
            end += 1
        together = sum(height for height, _ in rows[index : end + 1])
        if used + together > room and used > header:
            breaks.append(index)
            used = header
        if used + together > room:  # taller than a page: the rows one by one
            end = index
            together = rows[index][0]
        used += together
        index = end + 1
    return breaks
