"""The Word house style of the documents the tool writes (the year-end report, the county's
notice): A4 and the rules for government documents (GB/T 9704), fonts and sizes, the styles, the
page number, the core properties, text made safe for Word and measured in millimetres, and the
table of a landscape page. python-docx is imported inside the functions, as in ``docx``.

Fonts. Word has no fallback list for a run: each run names one East Asian font
(``w:rFonts/@w:eastAsia``), and where that font is missing Word and WPS substitute a face of
their own choosing. So the document names the faces every Chinese Windows and WPS install
has: 仿宋 (FangSong), 楷体 (KaiTi), 黑体 (SimHei) and 宋体 (SimSun). 仿宋 and 楷体 are the same
designs as 仿宋_GB2312 and 楷体_GB2312 (the same foundry; the GB2312 files only cover fewer
characters and are no longer shipped with Windows), so nothing is lost. 方正小标宋简体, the
usual title face, never ships with Windows: the title is 宋体 in bold, which is how offices
without it set their titles; an office that has it changes the 标题 (Title) style once. The
levels do not rely on the faces alone: the title is bold, larger and centred, first-level
and second-level headings are bold, so that where every face falls back to one font
(LibreOffice with only Noto CJK, a Windows without the Chinese supplemental fonts) headings still
stand out of the body, and their numbers (一、 （一）) tell the levels apart.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from ..controls import visible
from ..texts import LONGEST_PARAGRAPH, cut_long

if TYPE_CHECKING:
    from .content import Report

TITLE_FONT = "宋体"  # in bold: the stand-in for 方正小标宋简体 every Windows has
HEADING_FONTS = ("黑体", "楷体")  # 一、 and （一）; the levels below are set in the body face
BODY_FONT = "仿宋"
TABLE_FONT = "宋体"
TABLE_HEADER_FONT = "黑体"
LATIN_FONT = "Times New Roman"
FONTS = (TITLE_FONT, *HEADING_FONTS, BODY_FONT, TABLE_FONT, TABLE_HEADER_FONT)

BODY_SIZE = 16  # 三号
TITLE_SIZE = 22  # 二号
TABLE_SIZE = 10.5  # 五号
LINE_PITCH = 28
# The 公文 page (GB/T 9704, 5.2.2): 22 lines of 28 characters of 三号. The 156 mm (442.25 pt)
# between the margins hold 27 characters of 16 pt; the body is set 紧缩 0.25 pt (w:spacing),
# 15.75 pt a character, so a line holds 28 (441 pt) in Word, WPS and LibreOffice alike. (A
# document grid of 28 characters a line, w:docGrid linesAndChars, does it in Word only:
# LibreOffice sets each 16 pt character of a 15.79 pt grid over two of its cells, the title
# spread across the page and a gap after every figure.) 22 lines: ``LINE_PITCH`` exactly.
# A mark that cannot begin a line (。，；）) after a full line hangs past the margin, as Word
# and WPS set it; LibreOffice 7.4 drops a mark it hangs at the end of a justified line (the
# tightening is not the cause: untightened on a 448 pt line it loses them too). Its import
# reads w:overflowPunct the other way round from Word (it hangs where the value is 0), so the
# body says overflowPunct 1, which is Word's default (ISO 29500, 17.3.1.21): Word and WPS hang
# as before, LibreOffice does not hang and takes the last character before the mark down with
# it (that line 27 characters, spread to the margin). Tested with LibreOffice 7.4.
BODY_LINE_EMS = 28
BODY_SPACING = -0.25  # pt between characters: in twentieths of a point, -5
BODY_PITCH = BODY_SIZE + BODY_SPACING
# What the file says made it (docProps/app.xml), instead of the template's "Microsoft Macintosh
# Word"; Word and WPS write their own name when they save it.
APPLICATION = "quanhu-plan"

# 红黄绿灯 as the shading of the status cell: the light red and yellow of Excel's highlight rules,
# under which black text stays readable.
LIGHT_SHADES = {"red": "FFC7CE", "yellow": "FFEB9C"}
HEADER_SHADE = "F2F2F2"

# The appendix is a landscape A4 section: the portrait page turned so that its binding edge
# (left, 28 mm) is at the top; 297 - 37 - 35 = 225 mm between the side margins.
LANDSCAPE_MARGINS = {"top": 28, "bottom": 26, "left": 35, "right": 37}  # mm

# A row that may not break across pages and is taller than the page: Word cuts it off at the
# page's foot (LibreOffice breaks it anyway). So a row is kept whole only while it takes less
# than about two thirds of the landscape page's body (210 - 28 - 26 = 156 mm, less the heading
# and the header row); a taller one (a title of 200 characters and more in the narrowest task
# column) breaks across pages, the header repeated above its rest. Its height is estimated from
# its text: a wide character (汉字) one em of the 五号 table font, others about half; lines of
# single spacing in a CJK face about 1.45 em; the cell's padding 1.9 mm a side (Table Grid).
WHOLE_ROW_MM = 100
CELL_PADDING_MM = 2 * 1.9
LINE_EMS = 1.45
MM_PER_PT = 25.4 / 72


def text_ems(text: str) -> float:
    """About how wide ``text`` is on one line, in ems: a wide character (汉字) one, others
    (Latin, digits, in Times New Roman, bold or not) about half."""
    from unicodedata import east_asian_width

    return sum(1.0 if east_asian_width(ch) in "WFA" else 0.55 for ch in text)


def text_lines(text: str, width_mm: float, size: float = TABLE_SIZE) -> int:
    """About how many lines ``text`` takes in a table cell ``width_mm`` wide, set in ``size``
    points (``WHOLE_ROW_MM``)."""
    from math import ceil

    per_line = max(1.0, (width_mm - CELL_PADDING_MM) / (size * MM_PER_PT))
    return sum(max(1, ceil(text_ems(line) / per_line)) for line in text.split("\n"))


def fitting_width_mm(text: str, size: float = TABLE_SIZE) -> float:
    """The width of a cell that holds ``text`` on one line."""
    return text_ems(text) * size * MM_PER_PT + CELL_PADDING_MM


def spaced_width_mm(text: str, size: float = TABLE_SIZE) -> float:
    """``fitting_width_mm`` with the space Word and LibreOffice put between a 汉字 and a digit or
    Latin letter (about a quarter of an em each: 2024 年 3 月 31 日), which a date or a figure
    with its unit has several of."""
    from unicodedata import east_asian_width

    wide = [east_asian_width(ch) in "WFA" for ch in text]
    changes = sum(1 for a, b in zip(wide, wide[1:], strict=False) if a != b)
    return fitting_width_mm(text, size) + changes * 0.25 * size * MM_PER_PT


# Times New Roman Bold's advance widths in thousandths of an em (Liberation Serif Bold, which
# LibreOffice sets in its place, has the same): a table header's Latin words are bold, and
# ``text_ems``'s half em a letter is too little for Rank, Done or Red (Ran/k in a 12 mm cell).
_BOLD_LATIN = dict(
    zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,/-()%",
        (722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944)
        + (722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667)
        + (500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833)
        + (556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444)
        + (500,) * 10
        + (250, 250, 250, 278, 333, 333, 333, 1000),
        strict=True,
    )
)


def bold_width_mm(text: str, size: float = TABLE_SIZE) -> float:
    """The width of a cell that holds ``text`` on one line in bold (a header): a wide
    character (汉字) one em, a Latin one its width in Times New Roman Bold (any other, one)."""
    from unicodedata import east_asian_width

    ems = sum(
        1.0 if east_asian_width(ch) in "WFA" else _BOLD_LATIN.get(ch, 1000) / 1000 for ch in text
    )
    return ems * size * MM_PER_PT + CELL_PADDING_MM


def header_lines(text: str, width_mm: float) -> str:
    """A header as its cell shows it: too wide for one line, two names joined by a slash
    (目标值/完成值, Unit / owner) break after the slash, not wherever the line is full
    (目标值/完成 and 值 under it)."""
    before, slash, after = text.partition("/")
    if not slash or fitting_width_mm(text) <= width_mm:
        return text
    return f"{before.strip()}/\n{after.strip()}"


# The least a header is set in where a word of it is wider than its column (Points in 11 mm).
HEADER_SMALLEST = 6.5  # 小六


def header_size(text: str, width_mm: float) -> float:
    """The size a header is set in: TABLE_SIZE, or smaller where a word of Latin letters is
    too wide for its column (a ledger of many columns: Poin / ts, Comple / tion), down to
    HEADER_SMALLEST; 汉字 fold between any two and keep the size."""
    words = [word for word in re.findall(r"[\x21-\x7e]+", text) if len(word) > 1]
    size = TABLE_SIZE
    for word in words:
        while size > HEADER_SMALLEST and _header_word_mm(word, size) > width_mm:
            size = max(HEADER_SMALLEST, size - 0.5)
    return size


# A header word's measured width, and this much more, keeps it whole as LibreOffice sets it.
HEADER_MARGIN = 1.05


def _header_word_mm(word: str, size: float) -> float:
    return (bold_width_mm(word, size) - CELL_PADDING_MM) * HEADER_MARGIN + CELL_PADDING_MM


def header_words(text: str) -> list[str]:
    """The pieces a header is set in at its narrowest, none of which breaks: each line
    ``header_lines`` may break it into, the slash kept with the first (责任单位/ and 责任人, not
    责任单位 with the slash alone under it), and the words of a line of Latin ones (Unit, /,
    owner)."""
    return [word for line in header_lines(text, 0.0).split("\n") for word in line.split()]


def row_height_mm(texts: list[str], widths_mm: list[float], size: float = TABLE_SIZE) -> float:
    """About how tall a table row holding ``texts`` is (``text_lines``)."""
    lines = max(
        (text_lines(text, width, size) for text, width in zip(texts, widths_mm, strict=True)),
        default=1,
    )
    return lines * LINE_EMS * size * MM_PER_PT + 1


# The children of w:tcPr in their schema order (ECMA-376 CT_TcPr).
TC_PR_ORDER = (
    "w:cnfStyle",
    "w:tcW",
    "w:gridSpan",
    "w:hMerge",
    "w:vMerge",
    "w:tcBorders",
    "w:shd",
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
    "w:headers",
    "w:cellIns",
    "w:cellDel",
    "w:cellMerge",
    "w:tcPrChange",
)
_AFTER_SHADING = TC_PR_ORDER[TC_PR_ORDER.index("w:shd") + 1 :]

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
    text = _NOT_XML.sub("", visible(cut_long(text, LONGEST_PARAGRAPH)))
    if text.count("\n") > MAX_LINE_BREAKS:
        lines = text.split("\n")
        text = "\n".join(lines[:MAX_LINE_BREAKS]) + " " + " ".join(lines[MAX_LINE_BREAKS:])
    return text


# The most a core property (title, author) holds: python-docx refuses more with a ValueError.
LONGEST_PROPERTY = 255


def property_text(text: str) -> str:
    """Text for a core property: as ``xml_text``, cut to what a property holds with an
    ellipsis (the document's own title and 落款 keep it whole)."""
    text = xml_text(text)
    if len(text) <= LONGEST_PROPERTY:
        return text
    from ..controls import cut_before  # (not inside what reads as one character: 🇨🇳, é)

    return cut_before(text, LONGEST_PROPERTY - 1) + "…"


def set_fonts(style_or_run: Any, latin: str, east_asian: str) -> None:
    """Name the font of a style or run for Latin and for East Asian text, dropping the theme
    fonts that would otherwise win over the names."""
    from docx.oxml.ns import qn

    style_or_run.font.name = latin
    fonts = style_or_run.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asian)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


_CHINESE = re.compile("[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]")


def east_asian_hints(document: Any, lang: str) -> None:
    """Mark runs as East Asian text (``w:rFonts/@w:hint="eastAsia"``): Word sets the
    punctuation Chinese shares with Western text (“ ” ‘ ’ — … · ×) in the Latin font
    (Times New Roman: narrow quotes, a short dash) unless the run says so (MS-OI29500,
    rFonts). Latin letters and digits keep the Latin font. In a Chinese document every run
    (the footer's "— 1 —" too); in an English one, each run that holds Chinese."""
    from docx.oxml.ns import qn

    parts = [document.element.body]
    parts += [section.footer._element for section in document.sections]
    for part in parts:
        for run in part.iter(qn("w:r")):
            if lang != "zh":
                text = "".join(t.text or "" for t in run.iter(qn("w:t")))
                if not _CHINESE.search(text):
                    continue
            run.get_or_add_rPr().get_or_add_rFonts().set(qn("w:hint"), "eastAsia")


# A day, a month or a quarter written with hyphens: 2023-07-05, 2023-06, 2023-Q3.
_HYPHENED_DATE = re.compile(r"\d{4}-(?:\d{1,2}-\d{1,2}|\d{1,2}|Q[1-4])(?![\d-])")


def dates_kept_whole(document: Any) -> None:
    """The hyphens of each date in the body made non-breaking (``w:noBreakHyphen``, which Word
    and python-docx read as "-"): LibreOffice and Word broke a line after one, "blocked since
    2023-07-" at a line's end and "05" under it."""
    from copy import deepcopy

    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for text_element in list(document.element.body.iter(qn("w:t"))):
        text = text_element.text or ""
        if "-" not in text:  # (most runs: no search)
            continue
        found = _HYPHENED_DATE.finditer(text)
        hyphens = [at for m in found for at in range(m.start(), m.end()) if text[at] == "-"]
        if not hyphens:
            continue
        replacement: list[Any] = []
        for n, (start, end) in enumerate(zip([-1, *hyphens], [*hyphens, len(text)], strict=True)):
            if n:
                replacement.append(OxmlElement("w:noBreakHyphen"))
            if text[start + 1 : end]:
                piece = deepcopy(text_element)
                piece.text = text[start + 1 : end]
                if piece.text != piece.text.strip():  # (a space at an end is kept)
                    piece.set(qn("xml:space"), "preserve")
                replacement.append(piece)
        first, *rest = replacement
        text_element.getparent().replace(text_element, first)
        for element in reversed(rest):
            first.addnext(element)


def set_properties(document: Any, report: Report, now: dt.datetime) -> None:
    """Title, author (the organisation), created and modified now; none of the template's
    description ("generated by python-docx"), application, dates or thumbnail."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.ns import qn

    moment = now.astimezone(dt.UTC).replace(microsecond=0, tzinfo=None)
    properties = document.core_properties
    properties.title = property_text(report.title)
    properties.author = property_text(report.organisation)
    properties.last_modified_by = property_text(report.organisation)
    properties.created = properties.modified = moment
    properties.revision = 1
    properties.language = "zh-CN" if report.lang == "zh" else "en-GB"
    core = properties._element
    for tag in ("dc:description", "dc:subject", "cp:keywords", "cp:category"):
        for element in core.findall(qn(tag)):
            core.remove(element)

    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rel_id]
    for part in package.parts:
        if str(part.partname) == "/docProps/app.xml":
            part._blob = _app_xml(report.organisation)


def _app_xml(organisation: str) -> bytes:
    from xml.sax.saxutils import escape

    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'docPropsVTypes"><Application>{APPLICATION}</Application>'
        f"<Company>{escape(xml_text(organisation))}</Company></Properties>"
    ).encode()


# The page number (GB/T 9704, 7.5): 4号 (14 pt) 宋体 between two 一字线, odd pages one character
# in from the right, even pages one character in from the left, its line's top about 7 mm under
# the text: the footer's foot is the bottom margin less 7 mm less the line (about 6 mm).
PAGE_NUMBER_FONT = "宋体"
PAGE_NUMBER_SIZE = 14  # 4号
PAGE_NUMBER_GAP_MM = 7
PAGE_NUMBER_LINE_MM = 6


def footer_distance_mm(bottom_margin_mm: float) -> float:
    return bottom_margin_mm - PAGE_NUMBER_GAP_MM - PAGE_NUMBER_LINE_MM


def page_setup(document: Any) -> None:
    from docx.shared import Mm

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(footer_distance_mm(35))
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], odd=True)
    _page_number(section.even_page_footer.paragraphs[0], odd=False)
    _lines_before_a_break_not_spread(document)


def _lines_before_a_break_not_spread(document: Any) -> None:
    """A note typed on two lines keeps its line break (w:br) in the justified body; Word and
    LibreOffice spread the line before such a break across the width (村 “ 四 香 ” 产 业)
    unless w:compat says doNotExpandShiftReturn (first of the template's children there,
    before w:useFELayout, as the schema orders them)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    compat = document.settings.element.find(qn("w:compat"))  # (python-docx's template has one)
    if compat is not None:
        compat.insert(0, OxmlElement("w:doNotExpandShiftReturn"))


def body_chars(count: float) -> Any:
    """``count`` characters of the body as a length: an indent (首行缩进两字, the 落款's
    右空二字) of the body's characters, 15.75 pt each, not of 16 pt ems."""
    from docx.shared import Pt

    return Pt(BODY_PITCH * count)


def _condensed(style: Any) -> None:
    """The body's characters set BODY_SPACING apart (紧缩): python-docx has no API for
    w:spacing in a run's properties, which goes before the size (w:sz) in their order."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = style.element.get_or_add_rPr()
    spacing = properties.find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        size = properties.find(qn("w:sz"))
        if size is not None:
            size.addprevious(spacing)
        else:
            properties.append(spacing)
    spacing.set(qn("w:val"), str(round(BODY_SPACING * 20)))


# The children of w:pPr that come after w:overflowPunct (ECMA-376 CT_PPrBase).
_AFTER_OVERFLOW_PUNCT = (
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def _marks_kept_inside(style: Any) -> None:
    """``w:overflowPunct`` 1 on a paragraph style: LibreOffice then does not hang a line-end
    mark (and so does not lose it, see BODY_LINE_EMS); Word and WPS hang it as by default."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = style.element.get_or_add_pPr()
    overflow = properties.find(qn("w:overflowPunct"))
    if overflow is None:
        overflow = OxmlElement("w:overflowPunct")
        properties.insert_element_before(overflow, *_AFTER_OVERFLOW_PUNCT)
    overflow.set(qn("w:val"), "1")


def _page_number(paragraph: Any, odd: bool) -> None:
    """— 1 — one character in from the right (odd pages) or the left (even pages)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    layout = paragraph.paragraph_format
    layout.first_line_indent = Pt(0)
    layout.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if odd:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        layout.right_indent = Pt(PAGE_NUMBER_SIZE)
    else:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        layout.left_indent = Pt(PAGE_NUMBER_SIZE)

    def styled(run: Any) -> Any:
        set_fonts(run, PAGE_NUMBER_FONT, PAGE_NUMBER_FONT)
        run.font.size = Pt(PAGE_NUMBER_SIZE)
        return run

    from docx.text.run import Run

    styled(paragraph.add_run("— "))
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    styled(Run(run, paragraph))
    styled(paragraph.add_run(" —"))


def house_styles(document: Any, lang: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
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
        # East Asian text is Chinese in either language (an English report keeps the plan's
        # titles): marked en-US, LibreOffice set a line of Chinese at the Latin font's height,
        # two-line titles of the ledger touching the cell borders.
        language = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
        if language is not None:
            language.set(qn("w:eastAsia"), "zh-CN")

    normal = styles["Normal"]
    set_fonts(normal, LATIN_FONT, BODY_FONT)
    normal.font.size = Pt(BODY_SIZE)
    _condensed(normal)  # 28 characters a line
    body = normal.paragraph_format
    body.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    body.line_spacing = Pt(LINE_PITCH)
    body.space_before = body.space_after = Pt(0)
    body.first_line_indent = body_chars(2)  # 首行缩进两字
    # 两端对齐, as a 公文 is set: left-aligned, a line of 汉字 and figures stopped where it
    # happened to, a character or so short of the margin (a table's cells set their own). An
    # English report stays left-aligned: justified, a line before a long word spread the
    # 汉字 of a unit's name apart (重 点 项 目 办).
    if lang == "zh":
        body.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.widow_control = True
    _marks_kept_inside(normal)  # (the styles the documents use are all based on Normal)

    for level, east_asian in enumerate(HEADING_FONTS, 1):
        style = styles[f"Heading {level}"]
        set_fonts(style, LATIN_FONT, east_asian)
        style.font.size = Pt(BODY_SIZE)
        # Bold, so that headings stand out of the body even where every face falls back to one
        # font; the levels differ by their face (黑体, 楷体) and their numbers (一、（一）).
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        layout = style.paragraph_format
        layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        layout.line_spacing = Pt(LINE_PITCH)
        layout.space_before = layout.space_after = Pt(0)
        layout.first_line_indent = body_chars(2)
        layout.keep_with_next = True

    title = styles["Title"]
    set_fonts(title, LATIN_FONT, TITLE_FONT)
    title.font.size = Pt(TITLE_SIZE)
    title.font.bold = True
    title.font.color.rgb = RGBColor(0, 0, 0)
    borders = title.element.pPr.find(qn("w:pBdr")) if title.element.pPr is not None else None
    if borders is not None:  # the default template underlines the title in blue
        title.element.pPr.remove(borders)
    layout = title.paragraph_format
    layout.space_before, layout.space_after = Pt(0), Pt(LINE_PITCH)
    layout.first_line_indent = Pt(0)
    layout.line_spacing_rule = WD_LINE_SPACING.SINGLE


def signature_indents(lines: list[str]) -> list[float]:
    """How far in from the right margin, in characters, each line of the 落款 ends (GB/T 9704,
    7.3.5.3): the organisation two characters in, the date under it starting two characters
    right of the organisation's first character; a date too long for that is two characters in
    and the organisation moves left to start two characters before it. An organisation longer
    than a line (中共…委员会、…人民政府) wraps, two characters in, and the date under it is four
    characters in (右空四字): measured from the name's first character, it had no room left.
    A line alone (the date without an organisation) is two characters in. Widths: a 汉字 one
    character, a digit (Times New Roman) half of one."""
    from unicodedata import east_asian_width

    def width(text: str) -> float:
        return sum(1.0 if east_asian_width(ch) in "WFA" else 0.5 for ch in text)

    if len(lines) != 2:
        return [2.0] * len(lines)
    organisation, date = width(lines[0]), width(lines[1])
    if organisation > BODY_LINE_EMS - 2:
        return [2.0, 4.0]
    if date + 2 <= organisation:
        return [2.0, organisation - date]
    return [date + 4 - organisation, 2.0]


def held_with_note(rows: list[Any]) -> list[Any]:
    """The rows (``w:tr``, the header first) kept on one page with the note under the table:
    the last two, or the last alone where the table has one row under its header or the one
    before the last may split across pages (taller than ``WHOLE_ROW_MM``: no ``w:cantSplit``);
    none where the last may split (held, it went over to the next page whole with the note,
    and LibreOffice left the 附表's heading alone on a page: its tail is on the note's page)."""
    from docx.oxml.ns import qn

    def whole(row: Any) -> bool:
        properties = row.trPr
        return properties is not None and properties.find(qn("w:cantSplit")) is not None

    if not whole(rows[-1]):
        return []
    if len(rows) > 2 and whole(rows[-2]):
        return rows[-2:]
    return rows[-1:]


def landscape_table(
    document: Any,
    heading_text: str,
    widths_mm: list[float],
    header: list[str],
    rows: list[list[str]],
    centred: set[int],
    shades: list[dict[int, str]],
    note: str,
    right: frozenset[int] | set[int] = frozenset(),
    spans: frozenset[int] | set[int] = frozenset(),
    note_in_table: bool = False,
) -> None:
    """A table on a new landscape page under its heading, as every document of the tool sets
    one: fixed widths (the grid and every cell the same, so LibreOffice and Word agree), a
    黑体 header row shaded grey and repeated on each page, rows that do not split across
    pages (but for one too tall to print whole: ``WHOLE_ROW_MM``), cells shaded by ``shades`` (row -> column -> fill), and a note under it. Columns
    in ``centred`` are centred, those in ``right`` (figures) right-aligned, the rest left; every
    header is centred. Rows in ``spans`` are headings (a part or goal above its tasks): the
    first cell, then the second across the rest, in bold on grey, kept with the row below.
    ``note_in_table``: the note as the table's last row, kept with the rows above it
    (``docx_note``)."""
    from copy import deepcopy

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
    section.footer_distance = Mm(footer_distance_mm(LANDSCAPE_MARGINS["bottom"]))

    heading = document.add_heading(xml_text(heading_text), level=1)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.paragraph_format.first_line_indent = Pt(0)
    heading.paragraph_format.space_after = Pt(BODY_SIZE / 2)

    widths = [Mm(width) for width in widths_mm]
    table = document.add_table(rows=1, cols=len(widths))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # w:tblLayout fixed: the widths below are kept, not fitted to text
    total = table._tbl.tblPr.find(qn("w:tblW"))  # python-docx's table has one (auto)
    total.set(qn("w:type"), "dxa")
    total.set(qn("w:w"), str(sum(width.twips for width in widths)))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid (w:gridCol)

    def fill(cell: Any, text: str, column: int, is_header: bool = False) -> None:
        cell.width = widths[column]  # the cell (w:tcW), the same as the grid
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = cell.paragraphs[0]
        layout = paragraph.paragraph_format
        layout.first_line_indent = Pt(0)
        layout.line_spacing_rule = WD_LINE_SPACING.SINGLE
        if is_header or column in centred:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif column in right:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        else:  # (not the body's 两端对齐: a few words would stand spaced across the cell)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        run = paragraph.add_run(xml_text(text))
        set_fonts(run, LATIN_FONT, TABLE_HEADER_FONT if is_header else TABLE_FONT)
        run.font.size = Pt(header_size(text, widths_mm[column]) if is_header else TABLE_SIZE)
        run.font.bold = is_header

    def whole(row: Any) -> None:
        """The row is not split across two pages."""
        flag = OxmlElement("w:cantSplit")
        flag.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(flag)

    def shade(cell: Any, colour: str) -> None:
        fill_element = OxmlElement("w:shd")
        fill_element.set(qn("w:val"), "clear")
        fill_element.set(qn("w:color"), "auto")
        fill_element.set(qn("w:fill"), colour)
        # In the order the schema gives w:tcPr's children: before w:vAlign and what follows.
        cell._tc.get_or_add_tcPr().insert_element_before(fill_element, *_AFTER_SHADING)

    first = table.rows[0]
    whole(first)
    flag = OxmlElement("w:tblHeader")  # repeat the header row on every page
    flag.set(qn("w:val"), "true")
    first._tr.get_or_add_trPr().append(flag)
    for column, (cell, text) in enumerate(zip(first.cells, header, strict=True)):
        fill(cell, header_lines(text, widths_mm[column]), column, is_header=True)
        shade(cell, HEADER_SHADE)
    made_like: dict[Any, Any] = {}  # the first row of each kind of row (see below)
    for index, (texts, colours) in enumerate(zip(rows, shades, strict=True)):
        kind: Any = "span"
        if index not in spans:
            kept_whole = row_height_mm([xml_text(t) for t in texts], widths_mm) <= WHOLE_ROW_MM
            kind = (kept_whole, tuple(sorted(colours.items())))
        like = made_like.get(kind)
        if like is not None:
            # A copy of the row made alike (widths, alignment, fonts, shading, a heading's
            # merged cells), its texts put in as ``add_run`` puts them: each cell's formatting
            # made through python-docx took some 1,000 calls, and each merge searched the
            # whole table for its row (minutes for a ledger of 10,000 tasks).
            copied = deepcopy(like)
            for tc, text in zip(copied.tc_lst, texts, strict=False):  # (a heading: two)
                tc.p_lst[0].r_lst[0].text = xml_text(text)
            table._tbl.append(copied)  # (after the last row, as ``add_row`` puts it)
            continue
        added = table.add_row()
        made_like[kind] = added._tr  # (made below)
        if index in spans:
            whole(added)
            cells = added.cells  # each call goes through the whole table: once a row
            first, rest = cells[0], cells[1].merge(cells[-1])
            fill(first, texts[0], 0)
            fill(rest, texts[1], 1)
            rest.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
            rest.width = Mm(sum(widths_mm[1:]))
            for cell in (first, rest):
                shade(cell, HEADER_SHADE)
                paragraph = cell.paragraphs[0]
                paragraph.paragraph_format.keep_with_next = True
                for run in paragraph.runs:
                    run.font.bold = True
            continue
        if kind[0]:
            whole(added)
        cells = added.cells
        for column, (cell, text) in enumerate(zip(cells, texts, strict=True)):
            fill(cell, text, column)
        for column, colour in colours.items():
            shade(cells[column], colour)
    if rows:  # the note never stands alone on a page of its own, nor with a lone row above it:
        # the last two rows go with it (in Word; LibreOffice: ``docx_note``)
        for row in held_with_note(table._tbl.tr_lst):
            for tc in row.tc_lst:
                for paragraph in tc.p_lst:
                    paragraph.get_or_add_pPr().keepNext_val = True

    paragraph = document.add_paragraph(xml_text(note))
    layout = paragraph.paragraph_format
    layout.first_line_indent = Pt(0)
    layout.space_before = Pt(TABLE_SIZE / 2)
    layout.line_spacing_rule = WD_LINE_SPACING.SINGLE
    for run in paragraph.runs:
        run.font.size = Pt(TABLE_SIZE)
    if note_in_table and rows and paragraph.text:
        # In the table, for LibreOffice (``docx_note``); the paragraph Word wants after a
        # table a point high, so that it never makes a page of its own either.
        from .docx_note import note_as_last_row

        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        note_as_last_row(table, paragraph._p)
        layout = document.add_paragraph().paragraph_format
        layout.first_line_indent = Pt(0)
        layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        layout.line_spacing = Pt(1)
