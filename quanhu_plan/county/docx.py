"""The 通报 as a Word document (``plan county --format docx``), in the house style of the
year-end report (``report.docx``): its page setup (A4, GB/T 9704 margins, "— 1 —" page numbers),
its styles (仿宋 body, 黑体 and 楷体 headings, 宋体 title), and its table (a landscape section,
fixed widths, 黑体 header shaded grey and repeated on each page, rows that do not break, 红黄
shading). python-docx is imported inside the function."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..report.docx import (
    _AFTER_SHADING,
    BODY_SIZE,
    HEADER_SHADE,
    LANDSCAPE_MARGINS,
    LATIN_FONT,
    LIGHT_SHADES,
    TABLE_FONT,
    TABLE_HEADER_FONT,
    TABLE_SIZE,
    _page_setup,
    _properties,
    _styles,
    set_fonts,
    xml_text,
)
from .view import County
from .words import (
    cells,
    column_keys,
    columns,
    left_out_line,
    none_line,
    not_reported_line,
    notice_title,
    overall_sentences,
    place_line,
    ranking_rule,
    reporting_words,
    section_titles,
    signature,
)

# Column widths in millimetres by column key; they add up to at most the 225 mm between the
# landscape margins, and what is left goes to the organisation's name.
WIDTHS = {
    "rank": 12,
    "name": 26,
    "tasks": 12,
    "done": 12,
    "completion": 16,
    "ahead": 15,
    "on_pace": 15,
    "behind": 15,
    "overdue": 12,
    "red": 12,
    "yellow": 12,
    "green": 12,
    "newest": 24,
    "reported": 15,
    "score": 14,
}
TABLE_WIDTH = 225


class _Said:
    """What ``report.docx._properties`` reads of a report: its title, author and language."""

    def __init__(self, title: str, organisation: str, lang: str):
        self.title, self.organisation, self.lang = title, organisation, lang


def docx_bytes(county: County, now: dt.datetime | None = None) -> bytes:
    from io import BytesIO

    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    lang = county.lang
    titles = section_titles(lang)
    document = Document()
    _page_setup(document)
    _styles(document, lang)
    said: Any = _Said(notice_title(county), county.issuer or "", lang)
    _properties(document, said, now or dt.datetime.now(dt.UTC))

    title = document.add_paragraph(xml_text(notice_title(county)), style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER

    document.add_heading(xml_text(titles["overall"]), level=1)
    for line in overall_sentences(county):
        document.add_paragraph(xml_text(line))
    for key, rows in (("top", county.top), ("bottom", county.bottom)):
        document.add_heading(xml_text(titles[key]), level=1)
        for row in rows:
            document.add_paragraph(xml_text(place_line(row, county)))
        if not rows:
            document.add_paragraph(none_line(lang))
    document.add_heading(xml_text(titles["not_reported"]), level=1)
    document.add_paragraph(xml_text(reporting_words(lang, county.rule, county.day)))
    for row in county.not_reported:
        document.add_paragraph(xml_text(not_reported_line(row, lang)))
    if not county.not_reported:
        document.add_paragraph(none_line(lang))
    left = county.errors + county.skipped
    if left:
        document.add_heading(xml_text(titles["left_out"]), level=1)
        for one in left:
            document.add_paragraph(xml_text(left_out_line(one, lang)))
    _signature(document, signature(county))
    _table(document, county)

    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _signature(document: Any, lines: list[str]) -> None:
    """落款, as the year-end report sets it: right-aligned, two characters in from the margin."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    if not lines:
        return
    document.add_paragraph()
    for line in lines:
        paragraph = document.add_paragraph(xml_text(line))
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.first_line_indent = Pt(0)
        paragraph.paragraph_format.right_indent = Pt(BODY_SIZE * 2)


def _table(document: Any, county: County) -> None:
    """附表 on a landscape page, laid out as the report's ledger is."""
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = (
        Mm(LANDSCAPE_MARGINS["top"]),
        Mm(LANDSCAPE_MARGINS["bottom"]),
    )
    section.left_margin, section.right_margin = (
        Mm(LANDSCAPE_MARGINS["left"]),
        Mm(LANDSCAPE_MARGINS["right"]),
    )
    lang = county.lang
    heading = document.add_heading(xml_text(section_titles(lang)["table"]), level=1)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.paragraph_format.first_line_indent = Pt(0)
    heading.paragraph_format.space_after = Pt(BODY_SIZE / 2)

    keys = column_keys(county.weights)
    spare = TABLE_WIDTH - sum(WIDTHS[key] for key in keys)
    widths = [Mm(WIDTHS[key] + (spare if key == "name" else 0)) for key in keys]
    table = document.add_table(rows=1, cols=len(keys))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    total = table._tbl.tblPr.find(qn("w:tblW"))
    total.set(qn("w:type"), "dxa")
    total.set(qn("w:w"), str(sum(width.twips for width in widths)))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width

    def fill(cell: Any, text: str, index: int, header: bool = False) -> None:
        cell.width = widths[index]
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = cell.paragraphs[0]
        layout = paragraph.paragraph_format
        layout.first_line_indent = Pt(0)
        layout.line_spacing_rule = WD_LINE_SPACING.SINGLE
        if header or keys[index] != "name":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(xml_text(text))
        set_fonts(run, LATIN_FONT, TABLE_HEADER_FONT if header else TABLE_FONT)
        run.font.size = Pt(TABLE_SIZE)
        run.font.bold = header

    def whole(row: Any) -> None:
        flag = OxmlElement("w:cantSplit")
        flag.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(flag)

    def shade(cell: Any, colour: str) -> None:
        element = OxmlElement("w:shd")
        element.set(qn("w:val"), "clear")
        element.set(qn("w:color"), "auto")
        element.set(qn("w:fill"), colour)
        cell._tc.get_or_add_tcPr().insert_element_before(element, *_AFTER_SHADING)

    header = table.rows[0]
    whole(header)
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(repeat)
    for index, (cell, text) in enumerate(
        zip(header.cells, columns(lang, county.weights), strict=True)
    ):
        fill(cell, text, index, header=True)
        shade(cell, HEADER_SHADE)
    for row in county.rows:
        added = table.add_row()
        whole(added)
        texts = cells(row, lang, county.weights)
        for index, (cell, key) in enumerate(zip(added.cells, keys, strict=True)):
            fill(cell, texts[key], index)
            if key in ("red", "yellow") and row.figures.lights[key]:
                shade(cell, LIGHT_SHADES[key])
            elif key == "reported" and not row.reported:
                shade(cell, LIGHT_SHADES["red"])

    note = document.add_paragraph(xml_text(ranking_rule(lang, county.weights)))
    layout = note.paragraph_format
    layout.first_line_indent = Pt(0)
    layout.space_before = Pt(TABLE_SIZE / 2)
    layout.line_spacing_rule = WD_LINE_SPACING.SINGLE
    for run in note.runs:
        run.font.size = Pt(TABLE_SIZE)
