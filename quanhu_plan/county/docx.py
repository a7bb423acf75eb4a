"""The 通报 as a Word document (``plan county --format docx``), in the house style of the
year-end report (``report.docx``): its page setup (A4, GB/T 9704 margins, "— 1 —" page numbers),
its styles (仿宋 body, 黑体 and 楷体 headings, 宋体 title), and its table (a landscape section,
fixed widths, 黑体 header shaded grey and repeated on each page, rows that do not break, 红黄
shading). python-docx is imported inside the function."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from ..report.docx_layout import (
    LIGHT_SHADES,
    body_chars,
    bold_width_mm,
    east_asian_hints,
    fitting_width_mm,
    house_styles,
    landscape_table,
    page_setup,
    set_properties,
    signature_indents,
    xml_text,
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
from .xlsx import FIGURES

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
# English words are wider than the Chinese ones these widths were set for (Completion takes
# 24 mm in the table's 10.5 pt, 完成率 15): the English table is laid out by its words
# (``_english_widths``), and its two longest headers say what the terminal's table says.
SHORTER_EN = {"completion": "Compl.", "overdue": "Late"}


class _Said:
    """What ``report.docx_layout.set_properties`` reads of a report: its title, author and
    language."""

    def __init__(self, title: str, organisation: str, lang: str):
        self.title, self.organisation, self.lang = title, organisation, lang


def docx_bytes(county: County, now: dt.datetime | None = None) -> bytes:
    from io import BytesIO

    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    lang = county.lang
    titles = section_titles(lang)
    document = Document()
    page_setup(document)
    house_styles(document, lang)
    said: Any = _Said(notice_title(county), county.issuer or "", lang)
    set_properties(document, said, now or dt.datetime.now(dt.UTC))

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
            document.add_paragraph(xml_text(end_none_line(county, key)))
    document.add_heading(xml_text(titles["not_reported"]), level=1)
    document.add_paragraph(
        xml_text(reporting_words(lang, county.rule, county.day, county.spans, document=True))
    )
    for row in county.not_reported:
        document.add_paragraph(xml_text(not_reported_line(row, lang, document=True)))
    if not county.not_reported and not county.none_owing:  # (the rule's sentence says so)
        document.add_paragraph(none_line(lang))
    for note in notes(county, document=True):
        document.add_paragraph(xml_text(note))
    left = county.errors + county.skipped
    if left:
        document.add_heading(xml_text(titles["left_out"]), level=1)
        for one in left:
            document.add_paragraph(xml_text(left_out_line(one, lang)))
    _signature(document, signature(county))
    _table(document, county)
    east_asian_hints(document, lang)

    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _signature(document: Any, lines: list[str]) -> None:
    """落款, as the year-end report sets it (``signature_indents``, GB/T 9704)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    if not lines:
        return
    document.add_paragraph()
    texts = [xml_text(line) for line in lines]
    for text, indent in zip(texts, signature_indents(texts), strict=True):
        paragraph = document.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.first_line_indent = Pt(0)
        paragraph.paragraph_format.right_indent = body_chars(indent)


def _table(document: Any, county: County) -> None:
    """附表 on a landscape page, laid out as the report's ledger is (``landscape_table``): the
    红/黄 counts shaded where there are any, and 未报送 in red."""
    lang = county.lang
    keys = column_keys(county.weights)
    header = list(columns(lang, county.weights))
    texts = [cells(row, lang, county.weights) for row in county.rows]
    table_rows = [[row_texts[key] for key in keys] for row_texts in texts]
    if lang == "en":
        header = [SHORTER_EN.get(key, text) for key, text in zip(keys, header, strict=True)]
        widths = _english_widths(keys, header, table_rows)
    else:
        spare = TABLE_WIDTH - sum(WIDTHS[key] for key in keys)
        widths = [WIDTHS[key] + (spare if key == "name" else 0) for key in keys]
    shades: list[dict[int, str]] = []
    for row in county.rows:
        colours: dict[int, str] = {}
        for index, key in enumerate(keys):
            if key in ("red", "yellow") and row.figures.lights[key]:
                colours[index] = LIGHT_SHADES[key]
            elif key == "reported" and not row.reported:
                colours[index] = LIGHT_SHADES["red"]
        shades.append(colours)
    landscape_table(
        document,
        section_titles(lang)["table"],
        widths,
        header,
        table_rows,
        centred={index for index, key in enumerate(keys) if key not in ("name", *FIGURES)},
        right={index for index, key in enumerate(keys) if key in FIGURES},
        shades=shades,
        note=ranking_rule(lang, county.weights),
        note_in_table=True,  # (kept with the last row in LibreOffice too: ``docx_note``)
    )


def _english_widths(keys: list[str], header: list[str], rows: list[list[str]]) -> list[float]:
    """Each column as wide as the longest word of its header (bold) and of its cells, to the
    tenth of a mm, so that none breaks inside a word (Yell/ow, not reporte/d); the
    organisation's name takes what is left of TABLE_WIDTH, but never less than its header's
    word (a table with a score's column and long dates may then reach a little into the
    margins, centred, rather than break a word)."""
    from math import ceil

    def widest(text: str, measure: Callable[[str], float] = fitting_width_mm) -> float:
        return max((measure(word) for word in text.split()), default=0.0)

    def fitted(index: int) -> float:
        needed = max([widest(header[index], bold_width_mm), *(widest(row[index]) for row in rows)])
        return ceil(needed * 10) / 10

    widths = [0.0 if key == "name" else fitted(n) for n, key in enumerate(keys)]
    name = keys.index("name")
    widths[name] = max(
        TABLE_WIDTH - sum(widths), ceil(widest(header[name], bold_width_mm) * 10) / 10
    )
    return widths
