"""The note under a landscape table (注：…) as the table's own last row, held with the row above
the two rows above it so that Word and LibreOffice alike never print it alone on a page of its
own, nor with a lone task row above it.

Word keeps a table's last row with the paragraph after it (keep-with-next on the row's
paragraphs); LibreOffice 7.4 does so only while the table has not yet broken across a page,
and a ledger whose last page was full printed 注 alone on one more page. What both honour is a
cell merged down over two rows (``w:vMerge``): they move the rows it spans together. So the
table has one more grid column, a hair wide and without borders, which the rows above leave
empty (``w:gridAfter``) and where the last two rows and the note's row have one merged cell; the
note fills the rest of its row, with no borders at its sides or foot, set as a paragraph under
the table was. Two rows, not one: held with the last row only, the note went over with it, and
the 附表's last page began with one task under the repeated header (LibreOffice, the 2023
plan's ledger). A row that may split across pages (taller than ``WHOLE_ROW_MM``) is not held
(``held_with_note``); where the last may, the note's row holds nothing but itself.
"""

from __future__ import annotations

from typing import Any

from .docx_layout import TC_PR_ORDER, held_with_note

# The hidden column, in twentieths of a point: too narrow to see, wide enough for Word to keep.
HIDDEN_COLUMN_TWIPS = 4


def _element(tag: str, **attributes: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _put(properties: Any, child: Any) -> None:
    """``child`` into a w:tcPr where the schema orders it."""
    from docx.oxml.ns import qn

    tag = child.tag
    later = TC_PR_ORDER[[qn(t) for t in TC_PR_ORDER].index(tag) + 1 :]
    properties.insert_element_before(child, *later)


def _no_borders(properties: Any, sides: tuple[str, ...]) -> None:
    borders = _element("w:tcBorders")
    for side in ("top", "left", "bottom", "right"):
        if side in sides:
            borders.append(_element(f"w:{side}", val="nil"))
    _put(properties, borders)


def _hidden_cell(restart: bool, edge: bool = True) -> Any:
    """A cell of the hidden column: empty, borderless but at its left in a task row (``edge``:
    the table's right edge there), merged down from the first row held with the note
    (``restart``) into the note's."""
    cell = _element("w:tc")
    properties = _element("w:tcPr")
    cell.append(properties)
    _put(properties, _element("w:tcW", w=str(HIDDEN_COLUMN_TWIPS), type="dxa"))
    _put(properties, _element("w:vMerge", **({"val": "restart"} if restart else {})))
    sides = ("top", "bottom", "right") if edge else ("top", "left", "bottom", "right")
    _no_borders(properties, sides)
    margins = _element("w:tcMar")
    margins.append(_element("w:left", w="0", type="dxa"))
    margins.append(_element("w:right", w="0", type="dxa"))
    _put(properties, margins)
    paragraph = _element("w:p")  # (aligned as every cell of the table says, not justified)
    properties = _element("w:pPr")
    properties.append(_element("w:jc", val="left"))
    paragraph.append(properties)
    cell.append(paragraph)
    return cell


def note_as_last_row(table: Any, note: Any) -> None:
    """The paragraph ``note`` (just added after ``table``) moved into a last row of the table,
    kept with the two rows above it (one where the table has one, or where the one before the
    last may split: see the module's docstring); the table must have a row under its header."""
    from docx.oxml.ns import qn

    tbl = table._tbl
    grid = tbl.tblGrid
    columns = len(grid.findall(qn("w:gridCol")))
    grid.append(_element("w:gridCol", w=str(HIDDEN_COLUMN_TWIPS)))
    width = tbl.tblPr.find(qn("w:tblW"))
    width.set(qn("w:w"), str(int(width.get(qn("w:w"))) + HIDDEN_COLUMN_TWIPS))
    rows = tbl.tr_lst
    held = held_with_note(rows)
    for row in rows[: len(rows) - len(held)]:  # no cell in the hidden column (as they were)
        properties = row.get_or_add_trPr()
        properties.insert(0, _element("w:gridAfter", val="1"))
    for index, row in enumerate(held):
        row.append(_hidden_cell(restart=index == 0))

    row = _element("w:tr")
    row_properties = _element("w:trPr")
    row_properties.append(_element("w:cantSplit", val="true"))
    row.append(row_properties)
    cell = _element("w:tc")
    properties = _element("w:tcPr")
    cell.append(properties)
    note_width = sum(int(column.get(qn("w:w"))) for column in grid.findall(qn("w:gridCol")))
    _put(properties, _element("w:tcW", w=str(note_width - HIDDEN_COLUMN_TWIPS), type="dxa"))
    _put(properties, _element("w:gridSpan", val=str(columns)))
    _no_borders(properties, ("left", "bottom", "right"))
    note.getparent().remove(note)
    cell.append(note)
    row.append(cell)
    row.append(_hidden_cell(restart=not held, edge=False))
    tbl.append(row)
