"""The year-end report as a Word document an office can file (``plan report --format docx``).

python-docx is imported here only, inside the function, so no other command pays for it. The
layout follows the usual rules for government documents (GB/T 9704): A4, margins 37/35/28/26 mm,
the title in 方正小标宋简体 二号 (22 pt), first-level headings in 黑体, second-level in
楷体_GB2312, third-level in bold 仿宋_GB2312, body in 仿宋_GB2312 三号 (16 pt) at a fixed 28 pt
line, the page number centred in the footer as "— 1 —". Each font is set for Latin and East
Asian text alike (``w:ascii``/``w:hAnsi`` and ``w:eastAsia``), with the theme fonts of the
default template removed, so Word shows the named font for Chinese characters. The appendix is
a real Word table with a header row that repeats on every page.
"""

from __future__ import annotations

import re
from typing import Any

from ..controls import visible
from .content import GoalEntry, Report
from .words import numbered

TITLE_FONT = "方正小标宋简体"
HEADING_FONTS = ("黑体", "楷体_GB2312", "仿宋_GB2312", "仿宋_GB2312")
BODY_FONT = "仿宋_GB2312"
TABLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"

BODY_SIZE = 16  # 三号
TITLE_SIZE = 22  # 二号
TABLE_SIZE = 10.5  # 五号
LINE_PITCH = 28

# 红黄绿灯 as the shading of the status cell: the light red and yellow of Excel's highlight rules,
# under which black text stays readable.
LIGHT_SHADES = {"red": "FFC7CE", "yellow": "FFEB9C"}

# Column widths of the ledger in millimetres; they add up to the 156 mm between the margins.
LEDGER_WIDTHS = (14, 46, 28, 20, 18, 12, 18)

# What XML 1.0 cannot hold at all (python-docx refuses it with "All strings must be XML
# compatible"): after ``visible`` nothing should be left, this is the last guard.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


# Line breaks a text keeps in Word; the rest run on as spaces (Word draws each break as its own
# element, and a text with a hundred thousand of them takes minutes to write and pages to print).
MAX_LINE_BREAKS = 200


def xml_text(text: str) -> str:
    """Text for the document: control characters (ESC, NUL, VT, FF…), U+FFFE and U+FFFF shown
    as escapes such as ``\\x1b`` (as in the terminal), anything else XML refuses dropped; past
    MAX_LINE_BREAKS line breaks, the lines run on as spaces (the Markdown report joins every
    line so)."""
    text = _NOT_XML.sub("", visible(text))
    if text.count("\n") > MAX_LINE_BREAKS:
        lines = text.split("\n")
        text = "\n".join(lines[:MAX_LINE_BREAKS]) + " " + " ".join(lines[MAX_LINE_BREAKS:])
    return text


def docx_bytes(report: Report) -> bytes:
    """The report as the bytes of a .docx file."""
    from io import BytesIO

    from docx import Document

    document = Document()
    _page_setup(document)
    _styles(document, report.lang)
    document.core_properties.title = xml_text(report.title)
    document.core_properties.author = xml_text(report.organisation)
    document.core_properties.language = "zh-CN" if report.lang == "zh" else "en-GB"

    _title(document, report)
    document.add_heading(xml_text(report.headings["overview"]), level=1)
    for paragraph in report.overview.paragraphs:
        document.add_paragraph(xml_text(paragraph))
    for line in report.overview.parts:
        document.add_paragraph(xml_text(line.sentence))

    document.add_heading(xml_text(report.headings["achievements"]), level=1)
    for part in report.achievements:
        _goal(document, part)

    document.add_heading(xml_text(report.headings["problems"]), level=1)
    for problem in report.problems:
        document.add_paragraph(xml_text(problem.sentence))
    if report.problems_note:
        document.add_paragraph(xml_text(report.problems_note))

    document.add_heading(xml_text(report.headings["next_steps"]), level=1)
    document.add_paragraph(xml_text(report.next_steps_intro))
    for group in report.next_steps:
        document.add_heading(xml_text(numbered(group.number, group.title)), level=2)
        for step in group.steps:
            document.add_paragraph(xml_text(numbered(step.number, step.sentence)))

    _ledger(document, report)

    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def set_fonts(style_or_run: Any, latin: str, east_asian: str) -> None:
    """Name the font of a style or run for Latin and for East Asian text, dropping the theme
    fonts that would otherwise win over the names."""
    from docx.oxml.ns import qn

    style_or_run.font.name = latin
    fonts = style_or_run.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asian)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _page_setup(document: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)
    footer.add_run(" —")


def _styles(document: Any, lang: str) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    styles = document.styles
    # The document defaults name theme fonts too; name the body font there as well.
    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        fonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
        if fonts is not None:
            for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                fonts.attrib.pop(qn(theme), None)
            fonts.set(qn("w:ascii"), LATIN_FONT)
            fonts.set(qn("w:hAnsi"), LATIN_FONT)
            fonts.set(qn("w:eastAsia"), BODY_FONT)
        language = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
        if language is not None and lang == "zh":
            language.set(qn("w:eastAsia"), "zh-CN")

    normal = styles["Normal"]
    set_fonts(normal, LATIN_FONT, BODY_FONT)
    normal.font.size = Pt(BODY_SIZE)
    body = normal.paragraph_format
    body.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    body.line_spacing = Pt(LINE_PITCH)
    body.space_before = body.space_after = Pt(0)
    body.first_line_indent = Pt(BODY_SIZE * 2)  # 首行缩进两字

    for level, east_asian in enumerate(HEADING_FONTS, 1):
        style = styles[f"Heading {level}"]
        set_fonts(style, LATIN_FONT, east_asian)
        style.font.size = Pt(BODY_SIZE)
        style.font.bold = level >= 3
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        layout = style.paragraph_format
        layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        layout.line_spacing = Pt(LINE_PITCH)
        layout.space_before = layout.space_after = Pt(0)
        layout.first_line_indent = Pt(BODY_SIZE * 2)
        layout.keep_with_next = True

    title = styles["Title"]
    set_fonts(title, LATIN_FONT, TITLE_FONT)
    title.font.size = Pt(TITLE_SIZE)
    title.font.color.rgb = RGBColor(0, 0, 0)
    borders = title.element.pPr.find(qn("w:pBdr")) if title.element.pPr is not None else None
    if borders is not None:  # the default template underlines the title in blue
        title.element.pPr.remove(borders)
    layout = title.paragraph_format
    layout.space_before, layout.space_after = Pt(0), Pt(LINE_PITCH)
    layout.first_line_indent = Pt(0)
    layout.line_spacing_rule = WD_LINE_SPACING.SINGLE


def _title(document: Any, report: Report) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    heading = document.add_paragraph(xml_text(report.title), style="Title")
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in (report.organisation, report.as_of_text, report.scope):
        if line:
            paragraph = document.add_paragraph(xml_text(line))
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.first_line_indent = Pt(0)
    document.add_paragraph()


def _goal(document: Any, goal: GoalEntry) -> None:
    level = min(goal.level + 2, 4)  # parts under the section heading, goals below them
    text = xml_text(numbered(goal.number, goal.title))
    if goal.level + 2 <= 4:
        document.add_heading(text, level=level)
    else:  # deeper goals: a bold line rather than a fifth heading level
        document.add_paragraph().add_run(text).bold = True
    for entry in goal.entries:
        if isinstance(entry, GoalEntry):
            _goal(document, entry)
        else:
            document.add_paragraph(xml_text(numbered(entry.number, entry.sentence)))
    if goal.note:
        document.add_paragraph(xml_text(goal.note))


def _ledger(document: Any, report: Report) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document.add_heading(xml_text(report.headings["ledger"]), level=1)
    table = document.add_table(rows=1, cols=len(report.ledger_columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False

    def fill(cell: Any, text: str, bold: bool = False) -> None:
        paragraph = cell.paragraphs[0]
        layout = paragraph.paragraph_format
        layout.first_line_indent = Pt(0)
        layout.line_spacing_rule = WD_LINE_SPACING.SINGLE
        run = paragraph.add_run(xml_text(text))
        set_fonts(run, LATIN_FONT, "黑体" if bold else TABLE_FONT)
        run.font.size = Pt(TABLE_SIZE)
        if bold:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    header = table.rows[0]
    flag = OxmlElement("w:tblHeader")  # repeat the header row on every page
    flag.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(flag)
    for cell, name in zip(header.cells, report.ledger_columns, strict=True):
        fill(cell, name, bold=True)
    status_column = 4
    for row in report.ledger:
        cells = table.add_row().cells
        for cell, text in zip(cells, row.cells(), strict=True):
            fill(cell, text)
        if row.light in LIGHT_SHADES:  # the words say it too, for a grey print
            shade = OxmlElement("w:shd")
            shade.set(qn("w:val"), "clear")
            shade.set(qn("w:color"), "auto")
            shade.set(qn("w:fill"), LIGHT_SHADES[row.light])
            cells[status_column]._tc.get_or_add_tcPr().append(shade)
    for column, width in zip(table.columns, LEDGER_WIDTHS, strict=True):
        for cell in column.cells:
            cell.width = Mm(width)
    note = document.add_paragraph(xml_text(report.ledger_note))
    note.paragraph_format.first_line_indent = Pt(0)
    for run in note.runs:
        run.font.size = Pt(12)
