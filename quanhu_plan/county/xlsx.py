"""The 通报 as an Excel workbook (``plan county --format xlsx``), in the house style of the
推进情况表 (``exporting.xlsx``): its fonts, title row, grey bordered header repeated on paper
(and frozen on screen while the 通报 above it is short), 红黄 fills, A4 landscape fitted to the
page's width, pages numbered. The sentences of the 通报 stand above the table, the rules under
it. openpyxl is imported inside the function."""

from __future__ import annotations

import datetime as dt

from ..exporting.rows import inert
from ..exporting.xlsx import (
    BODY_SIZE,
    FONT,
    HEADER_FILL,
    LIGHT_FILLS,
    LIGHT_FONTS,
    PADDING,
    _text_cell,
    display_width,
    house_workbook,
    print_setup,
    row_height,
    title_row,
)
from .view import County
from .words import (
    cells,
    column_keys,
    columns,
    end_none_line,
    left_out_line,
    none_line,
    not_reported_line,
    notes,
    notice_title,
    overall_sentences,
    place_line,
    ranking_rule,
    reporting_words,
    section_titles,
    signature,
)

NUMBER_COLUMNS = (
    "tasks",
    "done",
    "ahead",
    "on_pace",
    "behind",
    "overdue",
    "red",
    "yellow",
    "green",
)

# The most the rows frozen at the top may take, in points: about a third of Excel's window at
# 100 % on an office PC's screen. DEFAULT_ROW: the height of a row the file gives none.
FROZEN_MOST = 200
DEFAULT_ROW = 15

# Columns of figures, right-aligned so that they line up on their last digit.
FIGURES = (*NUMBER_COLUMNS, "completion", "score")


def xlsx_bytes(county: County, now: dt.datetime | None = None) -> bytes:
    import io

    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    lang = county.lang
    keys = column_keys(county.weights)
    book = house_workbook()
    ws = book.active
    ws.title = "排名" if lang == "zh" else "Ranking"
    last = get_column_letter(len(keys))
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)

    def fill(colour: str) -> PatternFill:
        return PatternFill(fill_type="solid", start_color=colour, end_color=colour)

    # Columns as wide as their widest cell (a wide character counts 2), 40 at the most.
    texts = [cells(one, lang, county.weights) for one in county.rows]
    headers = columns(lang, county.weights)
    widths = [
        min(max([display_width(text)] + [display_width(t[key]) for t in texts]), 40) + PADDING
        for key, text in zip(keys, headers, strict=True)
    ]
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width

    row = 1
    title_row(ws, row, inert(notice_title(county)), widths)

    def line(text: str, bold: bool = False) -> None:
        nonlocal row
        row += 1
        shown = inert(text)
        _text_cell(ws.cell(row, 1), shown)
        ws.cell(row, 1).font = Font(name=FONT, size=BODY_SIZE, bold=bold)
        ws.cell(row, 1).alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
        ws.merge_cells(f"A{row}:{last}{row}")
        ws.row_dimensions[row].height = row_height([(shown, sum(widths), 0)])

    titles = section_titles(lang)
    line(titles["overall"], bold=True)
    for sentence in overall_sentences(county):
        line(sentence)
    for key, rows in (("top", county.top), ("bottom", county.bottom)):
        line(titles[key], bold=True)
        for placed in rows:
            line(place_line(placed, county))
        if not rows:
            line(end_none_line(county, key))
    line(titles["not_reported"], bold=True)
    for late in county.not_reported:
        line(not_reported_line(late, lang, document=True))
    owing = reporting_words(lang, county.rule, county.day, county.spans, document=True)
    if county.none_owing:  # said here, in place of 无, and not again under the table
        line(owing)
    elif not county.not_reported:
        line(none_line(lang))

    # The table.
    row += 2
    header_row = row
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(row, col)
        _text_cell(cell, text)
        cell.font = Font(name=FONT, size=BODY_SIZE, bold=True)
        cell.fill = fill(HEADER_FILL)
        cell.border = border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[row].height = row_height(
        [(text, width, 0) for text, width in zip(headers, widths, strict=True)]
    )
    for one, values in zip(county.rows, texts, strict=True):
        row += 1
        # As tall as its cells' lines: a name wider than its column (40 at most) wraps, and
        # a row left one line high showed it over the rows around it (LibreOffice, WPS).
        ws.row_dimensions[row].height = row_height(
            [(inert(values[key]), width, 0) for key, width in zip(keys, widths, strict=True)]
        )
        for col, key in enumerate(keys, start=1):
            cell = ws.cell(row, col)
            if key in NUMBER_COLUMNS:
                cell.value = int(values[key])
            elif key == "rank" and one.rank is not None:
                cell.value = one.rank
            elif key == "completion" and one.figures.completion is not None:
                cell.value = float(values[key].rstrip("%")) / 100  # a number Excel can sort
                cell.number_format = "0.0%"
            elif key == "newest" and one.newest is not None:
                cell.value = one.newest  # a date Excel can sort and filter
                cell.number_format = "yyyy-mm-dd"
            elif key == "score" and one.score is not None:
                cell.value = float(values[key])
                cell.number_format = "0.0"
            else:
                _text_cell(cell, inert(values[key]))
            cell.font = Font(name=FONT, size=BODY_SIZE)
            cell.border = border
            horizontal = "left" if key == "name" else "right" if key in FIGURES else "center"
            cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
            if key in ("red", "yellow") and one.figures.lights[key]:
                cell.fill = fill(LIGHT_FILLS[key])
                cell.font = Font(name=FONT, size=BODY_SIZE, color=LIGHT_FONTS[key])
            elif key == "reported" and not one.reported:
                cell.fill = fill(LIGHT_FILLS["red"])
                cell.font = Font(name=FONT, size=BODY_SIZE, color=LIGHT_FONTS["red"])

    row += 1
    for note in (
        ranking_rule(lang, county.weights),
        *([] if county.none_owing else [owing]),
        *notes(county, document=True),
    ):
        line(note)
        ws.cell(row, 1).alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
        ws.row_dimensions[row].height = 13.5 * 3
    left = county.errors + county.skipped
    if left:
        line(titles["left_out"], bold=True)
        for one_left in left:
            line(left_out_line(one_left, lang))

    for said in signature(county):
        line(said)
        ws.cell(row, 1).alignment = Alignment(horizontal="right", vertical="center")

    print_setup(ws, header_row, lang)
    # The header stays in view only while the sentences above it leave the window to the table:
    # frozen with them, a long 通报 (many towns named) fills the window and the table cannot be
    # scrolled into it. On paper the header repeats on every page all the same.
    above = sum(ws.row_dimensions[r].height or DEFAULT_ROW for r in range(1, header_row + 1))
    if above > FROZEN_MOST:
        ws.freeze_panes = None

    # openpyxl writes the time as UTC (…Z), whatever zone it is in: the clock's in UTC.
    when = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(tzinfo=None)
    book.properties.title = notice_title(county)
    # The issuer as the cells show it: a control character raw would make openpyxl refuse.
    book.properties.creator = inert(county.issuer or "") or "quanhu-plan"
    book.properties.created = book.properties.modified = when
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
