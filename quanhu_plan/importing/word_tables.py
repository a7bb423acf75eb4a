"""Reading the tables of a Word document (.docx, with python-docx, imported here alone and only
when a document is read) into sheets, as ``sheets.read_sheets`` reads a workbook: each table a
grid whose merged cells (w:gridSpan, w:vMerge) repeat their value, a table Word continued across
a page (a second table with the header repeated) joined to the first, and the paragraphs above
a table (附件 / ××镇2023年重点工作任务分解表) kept as the lines above its header. A cell is named
as the office finds it in Word: 表1 第3行第2列 (Table 1, row 3, column 2), ``said_of_tables``."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import TO_A_TABLE, PlanError, SheetError, UnreadableSheetFile, refuse_owner_file
from .sheets import (
    IDEOGRAPHIC_SPACE,
    MAX_COLUMNS,
    MAX_ROWS,
    UNPACKED_LIMIT,
    Sheet,
    Span,
    Value,
    trimmed,
    typed_indent,
)
from .table_bytes import read_table_bytes

# Word's own documents, read here; the old binary ones (.doc, WPS 文字's .wps) are refused.
WORD_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm")
OLD_WORD_SUFFIXES = (".doc", ".dot", ".wps", ".wpt")

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_VAL = _W + "val"

# The paragraphs above a table read as its title lines: the few just above it (附件, the title,
# 填报单位：…, 截至…), not the notice's body a 附件 follows.
_LINES_ABOVE = 6
_BODY_TEXT = 80  # a paragraph longer than this is body text, not a title line


class WordTable(Sheet):
    """A table of a Word document as a sheet. ``places[r]`` is (the table's number in the
    document, its row there) of grid row r: a table continued on the next page is one sheet of
    two tables. ``lines_above``: the paragraphs just above the table, read as a sheet's rows
    above its header are (the title, the year, 截至…)."""

    __slots__ = ("places", "lines_above")

    def __init__(
        self,
        name: str,
        rows: list[list[Value]],
        merges: list[Span],
        places: list[tuple[int, int]],
        lines_above: list[str],
        indents: dict[tuple[int, int], int],
        fills: dict[tuple[int, int], str] | None = None,
        inks: dict[tuple[int, int], str] | None = None,
    ):
        super().__init__(name, rows, merges, indents=indents, fills=fills, inks=inks)
        self.places, self.lines_above = places, lines_above

    @property
    def caption(self) -> str | None:
        """The title just above the table, without its numbering (一、民生实事 → 民生实事): what
        ``--sheet 全部`` names its part (several.py), where 表2 would say nothing."""
        from .above import AS_OF_NOTE, is_title
        from .nesting import without_numeral

        titles = [line for line in self.lines_above if is_title(line)]
        if not titles:
            return None
        return without_numeral(AS_OF_NOTE.sub("", " ".join(titles[-1].split())))[0] or None

    def address(self, row: int, col: int) -> str:
        """表1 第3行第2列 (0-based row and column given): the column counted in the table's grid,
        a merged cell as the first it spans. Said in English by ``said_of_tables``."""
        table, number = self.places[row] if 0 <= row < len(self.places) else (0, row + 1)
        return f"表{table} 第{number}行第{col + 1}列"


_PLACE = re.compile(r"表(\d+) 第(\d+)行第(\d+)列")


def said_of_tables(text: str, lang: str, places: list[tuple[int, int]] | None = None) -> str:
    """What an import says of a workbook's sheets, said of a Word document's tables: 表1, not
    工作表“表1”, a table (表格) not a sheet, the document not the workbook; its cells (表1
    第3行第2列) in English as Table 1, row 3, column 2. ``places``: those of the one table read
    (``WordTable.places``), whose rows on a later page (a second table) are said as in it."""
    if places and places[-1][0] != places[0][0]:
        text = _rows_as_placed(text, lang, places)
    if lang != "en":
        text = re.sub(r"工作表“(表\d+)”", r"\1", text)
        # (not within “…”: a title or a header quoted is the user's, as typed)
        parts = re.split(r"(“[^”]*”)", text)
        return "".join(
            part
            if part.startswith("“")
            else part.replace("工作表", "表格").replace("工作簿", "文档")
            for part in parts
        )
    text = _PLACE.sub(r"Table \1, row \2, column \3", text)
    text = re.sub(r"\b[Ss]heet(?:\(s\)|s)? '表(\d+)'", r"Table \1", text)
    text = re.sub(r"'表(\d+)'", r"Table \1", text)
    text = re.sub(r"(?<!--)\bsheet(\(s\)|s)?\b", r"table\1", text)  # (not --sheet)
    text = re.sub(r"\bSheet(\(s\)|s)?\b", r"Table\1", text)
    return text.replace("workbook", "document")


def _rows_as_placed(text: str, lang: str, places: list[tuple[int, int]]) -> str:
    """第 9 行 of a table continued on the next page as 表2 第 5 行 (row 9: Table 2, row 5)."""

    def placed(found: re.Match[str]) -> str:
        row = int(found[1])
        if not 1 <= row <= len(places) or places[row - 1][0] == places[0][0]:
            return found[0]
        table, number = places[row - 1]
        return f"表{table} 第 {number} 行" if lang != "en" else f"Table {table}, row {number}"

    return re.sub(r"第 (\d+) 行" if lang != "en" else r"\brow (\d+)\b", placed, text)


def table_named(typed: str | None, sheets: list[Sheet]) -> str | None:
    """``--sheet`` as typed, Table 2 (as the English messages name it) as 表2, and a table
    that goes on from the one before it (表2 after 表1 on the next page) as the one it is part
    of (表1)."""
    found = re.fullmatch(r"\s*(?:table|表)\s*(\d+)\s*", typed or "", re.IGNORECASE)
    if not found:
        return typed
    number = int(found[1])
    for sheet in sheets:
        if number in {table for table, _ in getattr(sheet, "places", ())}:
            return sheet.name
    return f"表{number}"


class SaidOfWordTables(SheetError):
    """An import error about a Word document's tables, said of tables (``said_of_tables``)."""

    def __init__(self, error: PlanError):
        super().__init__(str(error))
        self.error = error
        self.exit_code = error.exit_code

    def message(self, lang: str) -> str:
        return said_of_tables(self.error.message(lang), lang)


@contextmanager
def said_of_word_tables() -> Iterator[None]:
    """Import errors raised within, about a Word document's tables, said of its tables with
    their cells named in the message's language."""
    try:
        yield
    except SheetError as error:
        raise SaidOfWordTables(error) from None


def read_document(path: Path) -> list[Sheet]:
    """The tables of a document ``read_sheets`` was given: a Word document's read, an old
    binary one's (.doc, .wps) or a PDF's refused, saying what to do."""
    suffix = path.suffix.lower()
    if suffix in WORD_SUFFIXES:
        return read_word_tables(path)
    if suffix in OLD_WORD_SUFFIXES:
        return _refuse_old_word(path)
    raise UnreadableSheetFile(
        str(path),
        f"这是一份文档（PDF 或 RTF），不是表格；plan import 只读 Excel 表格、.csv 和 Word 文档"
        f"（.docx）里的表格。{TO_A_TABLE[0]}",
        f"it is a document (PDF or RTF), not a table; plan import reads Excel workbooks, .csv "
        f"files and the tables of Word documents (.docx): {TO_A_TABLE[1]}",
    )


def read_word_tables(path: Path) -> list[Sheet]:
    """Every table of the document as a sheet, in the document's order (表1, 表2…: a nested
    table is its cell's text, a continued table part of the one it continues). A document
    that cannot be read, or holds no table, raises UnreadableSheetFile."""
    data = read_table_bytes(path)
    _refuse_other_kinds(str(path), data)
    body = _body(str(path), data)
    tables = _tables_with_lines_above(str(path), body)
    if not tables:
        raise UnreadableSheetFile(
            str(path),
            f"这份 Word 文档里没有表格，任务分解表应是文档中的一张表格。{TO_A_TABLE[0]}",
            f"the Word document holds no table, where a task table is a table in it; "
            f"{TO_A_TABLE[1]}",
        )
    return _sheets(tables)


def _refuse_old_word(path: Path) -> list[Sheet]:
    """A .doc or .wps: read if it is really a .docx renamed, else refused, saying what to do."""
    data = read_table_bytes(path)
    if data.startswith(b"PK\x03\x04"):
        return read_word_tables(path)
    _refuse_encrypted(str(path), data)
    suffix = path.suffix.lower()
    raise UnreadableSheetFile(
        str(path),
        f"不能直接读取 {suffix} 格式（旧版 Word 或 WPS 文字）的文档；请在 Word 或 WPS 中打开，"
        "“另存为” .docx（Word 文档）后再导入，或把任务表复制到 Excel 另存为 .xlsx 后导入",
        f"{suffix} documents (old Word or WPS Writer) cannot be read; open it in Word or WPS, "
        "save it as .docx (Word document) and import that, or copy the task table into Excel "
        "and save it as .xlsx",
    )


# ---------------------------------------------------------------- the file


def _refuse_encrypted(path: str, data: bytes) -> None:
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") and (
        "EncryptedPackage".encode("utf-16-le") in data
    ):
        raise UnreadableSheetFile(
            path,
            "这份文档设置了打开密码，无法读取；请在 Word 或 WPS 中输入密码打开，取消密码"
            "（文件→信息→保护文档→用密码进行加密，清空密码）后另存为 .docx 再导入",
            "the document has an opening password and cannot be read; open it in Word or WPS "
            "with the password, remove the password, save it as .docx and import that",
        )


def _refuse_other_kinds(path: str, data: bytes) -> None:
    """A file named .docx that is something else: encrypted (an OLE file holding
    EncryptedPackage), an old .doc or .wps renamed (an OLE file too), or the owner file Word
    keeps beside a document it has open (~$分解表.docx)."""
    refuse_owner_file(path, data, "Word", ("文档", "document"))
    _refuse_encrypted(path, data)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise UnreadableSheetFile(
            path,
            "它其实是旧版 Word 的 .doc 或 WPS 文字的 .wps 文档（只是改了扩展名）；请在 Word 或 "
            "WPS 中打开，“另存为” .docx（Word 文档）后再导入",
            "it is really an old Word .doc or a WPS Writer .wps document (renamed); open it in "
            "Word or WPS, save it as .docx (Word document) and import that",
        )


def _body(path: str, data: bytes) -> Any:
    """The document's w:body element."""
    import zipfile

    from docx.opc.package import OpcPackage  # only here: plan import pays for it, no other
    from docx.oxml import parse_xml

    from .damaged import DAMAGED, unreadable

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > UNPACKED_LIMIT:
            size, limit = f"{unpacked / 2**20:,.0f}", f"{UNPACKED_LIMIT // 2**20}"
            raise UnreadableSheetFile(
                path,
                f"文档解压后有 {size} MB，超出了能导入的大小（{limit} MB）；它可能已损坏或被做了手脚。"
                "请把任务表复制到一个新的文档，另存为 .docx 后再导入",
                f"the document unpacks to {size} MB, more than an import reads ({limit} MB); it "
                "may be damaged or made to do harm. Copy the task table into a new document, "
                "save it as .docx and import that",
            )
        # The main part whatever its kind (a .docm or a template too: python-docx's Document
        # takes a plain .docx alone).
        part = OpcPackage.open(io.BytesIO(data)).main_document_part
        element = getattr(part, "element", None)
        if element is None:
            element = parse_xml(part.blob)
        body = element.find(_W + "body")
        if body is None:
            raise ValueError("no w:body")
        _write_numbers(
            body, _related(part, "numbering", parse_xml), _related(part, "styles", parse_xml)
        )
        return body
    except UnreadableSheetFile:
        raise
    except DAMAGED:  # said as what the file is, not as the exception met
        raise unreadable(path, data, "docx") from None


def _related(part: Any, kind: str, parse_xml: Any) -> Any:
    """The XML of the document's part of a kind (numbering, styles), None where it has none."""
    for rel in part.rels.values():
        if rel.reltype.endswith("/" + kind) and not rel.is_external:
            target = rel.target_part
            element = getattr(target, "element", None)
            return element if element is not None else parse_xml(target.blob)
    return None


def _write_numbers(body: Any, numbering: Any, styles: Any) -> None:
    """Each numbered paragraph's label (一、 （一） 1.: Word's automatic numbering) written into
    it as a run of text before its own, as the office sees it: the text is then read as any."""
    from docx.oxml import OxmlElement

    from .word_numbering import numbered_labels

    for paragraph, label in numbered_labels(body, numbering, styles).items():
        if not label:
            continue
        run, text = OxmlElement("w:r"), OxmlElement("w:t")
        text.text = label
        run.append(text)
        properties = paragraph.find(_W + "pPr")
        paragraph.insert(0 if properties is None else paragraph.index(properties) + 1, run)


# ---------------------------------------------------------------- the tables


class _Grid:
    """One table of the document read into a grid: its rows' values, the merged ranges, and
    the paragraphs between it and what comes before it."""

    __slots__ = (
        "path",
        "number",
        "rows",
        "merges",
        "lines_above",
        "between",
        "indents",
        "fills",
        "inks",
    )

    def __init__(self, path: str, number: int, lines_above: list[str], between: list[str]):
        self.path, self.number = path, number
        self.rows: list[list[Value]] = []
        self.merges: list[Span] = []
        self.lines_above = lines_above
        self.between = between  # every paragraph's text since the table before it
        self.indents: dict[tuple[int, int], int] = {}
        # The cells shaded in a light's colour, and those whose text is (fill_lights).
        self.fills: dict[tuple[int, int], str] = {}
        self.inks: dict[tuple[int, int], str] = {}

    def texts(self, row: int) -> tuple[str, ...]:
        """A row's texts without their spaces: a header typed again on the next page."""
        return tuple("".join(str(v).split()) for v in self.rows[row] if v is not None)


def _tables_with_lines_above(path: str, body: Any) -> list[_Grid]:
    grids: list[_Grid] = []
    paragraphs: list[Any] = []
    opening: str | None = None  # the document's first line, before any table
    for child in _blocks(body):
        if child.tag == _W + "p":
            paragraphs.append(child)
            if opening is None and not grids:
                opening = _paragraph_text(child).strip() or None
        elif child.tag == _W + "tbl":
            between = [_paragraph_text(p) for p in paragraphs]
            lines = _lines_above(paragraphs)
            if grids and not lines and not any(t.strip() for t in between):
                # nothing but empty paragraphs since the table before (a 填报单位 table under
                # the title): the title above that one is this one's too
                lines = grids[-1].lines_above + _offices(grids[-1])
            lines = _with_document_title(lines, opening)
            grid = _Grid(path, len(grids) + 1, lines, between)
            _read_table(child, grid)
            grids.append(grid)
            paragraphs = []
    return grids


# A small table of labels and their values above the tasks (填报单位 | 城关镇人民政府 | 联系人 | …).
_OFFICE_LABELS = ("填报单位", "报送单位")


def _offices(grid: _Grid) -> list[str]:
    """The office a small table of labels names, as the line above a table says it
    (填报单位：城关镇人民政府): read as the reporting office, as that line is."""
    if len(grid.rows) > 3:
        return []
    lines = []
    for row in grid.rows:
        texts = ["".join(str(v).split()) for v in row if v is not None and str(v).strip()]
        for label, value in zip(texts, texts[1:], strict=False):
            if label.rstrip(":：") in _OFFICE_LABELS and value.rstrip(":：") not in _OFFICE_LABELS:
                lines.append(f"{label.rstrip(':：')}：{value}")
    return lines[:1]


def _blocks(parent: Any) -> Any:
    """The paragraphs and tables of the body in order, those inside a content control
    (w:sdt) or custom XML too."""
    for child in parent:
        if child.tag in (_W + "sdt", _W + "customXml"):
            content = child.find(_W + "sdtContent") if child.tag == _W + "sdt" else child
            if content is not None:
                yield from _blocks(content)
        elif child.tag in (_W + "p", _W + "tbl"):
            yield child


def _lines_above(paragraphs: list[Any]) -> list[str]:
    """The title lines just above a table: the paragraphs back to a page or section break, a
    paragraph of body text (long, or ending in 。), or six of them."""
    lines: list[str] = []
    for paragraph in reversed(paragraphs):
        properties = paragraph.find(_W + "pPr")
        if properties is not None and properties.find(_W + "sectPr") is not None:
            break  # the last paragraph of the section before
        text = _paragraph_text(paragraph, after_page_break=True)
        line = text.strip()
        if len(line) > _BODY_TEXT or line.endswith("。"):
            break
        if line:
            lines.append(line)
        if _breaks_page(paragraph) or len(lines) == _LINES_ABOVE:
            break
    return lines[::-1]


def _with_document_title(lines: list[str], opening: str | None) -> list[str]:
    """The lines above a table, the document's title first where the nearest title over the
    table is a heading of the document's own (一、专项整治安排表, after a paragraph of why):
    the plan is the notice's (徐庄镇2017年度安全生产专项整治工作计划), not its section's."""
    from .above import is_title
    from .nesting import without_numeral

    titles = [line for line in lines if is_title(line)]
    if not titles or any(without_numeral(line)[2] is None for line in titles):
        return lines
    if opening is None or opening in lines or not is_title(opening):
        return lines
    if len(opening) > _BODY_TEXT or opening.endswith("。") or without_numeral(opening)[2]:
        return lines  # (body text, or a heading itself: no title of the document's)
    return [opening, *lines]


def _breaks_page(paragraph: Any) -> bool:
    if any(br.get(_W + "type") == "page" for br in paragraph.iter(_W + "br")):
        return True
    properties = paragraph.find(_W + "pPr")
    before = properties.find(_W + "pageBreakBefore") if properties is not None else None
    return before is not None and before.get(_VAL) not in ("0", "false", "off")


def _read_table(table: Any, grid: _Grid) -> None:
    # Open vertical merges by grid column: the row they start on and how many columns wide.
    open_merges: dict[int, list[int]] = {}
    for r, tr in enumerate(_rows(table)):
        if r >= MAX_ROWS:
            raise _too_large(grid, r, 0)
        row: list[Value] = []
        col = max(0, _number(tr.find(_W + "trPr"), "gridBefore"))
        continued: set[int] = set()
        for tc in _cells(tr):
            properties = tc.find(_W + "tcPr")
            span = max(1, _number(properties, "gridSpan", 1))
            if col + span > MAX_COLUMNS:  # (Word makes 63 at most: a damaged or hostile file)
                raise _too_large(grid, r, col + span - 1)
            vmerge = properties.find(_W + "vMerge") if properties is not None else None
            hmerge = properties.find(_W + "hMerge") if properties is not None else None
            if vmerge is not None and vmerge.get(_VAL) != "restart" and col in open_merges:
                above = grid.rows[open_merges[col][0]]  # the merge's first cell holds its text
                value = above[col] if col < len(above) else None
                open_merges[col][2] = r
                continued.add(col)
            elif hmerge is not None and hmerge.get(_VAL) != "restart" and row:
                value = row[-1]  # (Word 97's horizontal merge, still met in old tables)
                last = grid.merges[-1] if grid.merges else None
                if last is not None and last[0] == r and last[3] == col - 1:
                    grid.merges[-1] = (r, last[1], r, col + span - 1)
                else:
                    grid.merges.append((r, col - 1, r, col + span - 1))
            else:
                text = _cell_text(tc)
                value = trimmed(text)
                typed = text.lstrip(" \t\r\n")
                if value is not None and typed[:1] == IDEOGRAPHIC_SPACE:
                    grid.indents[(r, col)] = typed_indent(typed)
                shaded, ink = _cell_lights(tc, properties)
                if shaded is not None:
                    grid.fills[(r, col)] = shaded
                if ink is not None and value is not None:
                    grid.inks[(r, col)] = ink
                if vmerge is not None:  # the first cell of a merge down (or one that says so)
                    if col in open_merges:  # the merge above it in the column ends there
                        _close(grid, col, open_merges.pop(col))
                    open_merges[col] = [r, span, r]
                elif span > 1:
                    grid.merges.append((r, col, r, col + span - 1))
            _put_span(row, col, span, value)
            col += span
        for start, merge in list(open_merges.items()):
            if start not in continued and merge[0] != r:
                _close(grid, start, merge)
                del open_merges[start]
        while row and row[-1] is None:
            row.pop()
        grid.rows.append(row)
    for start, merge in open_merges.items():
        _close(grid, start, merge)


# Word's highlight colours (w:highlight) that a light may be marked with, as rgb.
_HIGHLIGHTS = {
    "red": "FF0000", "darkRed": "8B0000", "yellow": "FFFF00", "darkYellow": "808000",
    "green": "00FF00", "darkGreen": "006400", "blue": "0000FF", "darkBlue": "00008B",
}  # fmt: skip


def _cell_lights(tc: Any, properties: Any) -> tuple[str | None, str | None]:
    """The light a cell's shading shows (or its text's highlight), and its text's colour."""
    from .fill_lights import light_of

    shading = properties.find(_W + "shd") if properties is not None else None
    shaded = light_of(shading.get(_W + "fill")) if shading is not None else None
    ink = None
    for run in tc.iter(_W + "rPr"):
        if shaded is None:
            marked = run.find(_W + "highlight")
            own = run.find(_W + "shd")
            if marked is not None:
                shaded = light_of(_HIGHLIGHTS.get(marked.get(_VAL) or ""))
            elif own is not None:
                shaded = light_of(own.get(_W + "fill"))
        colour = run.find(_W + "color")
        if ink is None and colour is not None:
            ink = light_of(colour.get(_VAL))
    return shaded, ink


def _too_large(grid: _Grid, row: int, col: int) -> UnreadableSheetFile:
    zh, en = f"表{grid.number} 第{row + 1}行第{col + 1}列", f"Table {grid.number}, row {row + 1}"
    return UnreadableSheetFile(
        grid.path,
        f"{zh} 超出了能导入的范围（最多 {MAX_ROWS} 行、{MAX_COLUMNS} 列），文档可能已损坏；"
        "请把任务表复制到一个新的文档或 Excel 工作簿后再导入",
        f"{en}, column {col + 1} lies beyond what can be imported (at most {MAX_ROWS} rows and "
        f"{MAX_COLUMNS} columns); the document may be damaged. Copy the task table into a new "
        "document or an Excel workbook and import that",
    )


def _close(grid: _Grid, col: int, merge: list[int]) -> None:
    first, span, last = merge
    if last > first or span > 1:
        grid.merges.append((first, col, last, col + span - 1))


def _put_span(row: list[Value], col: int, span: int, value: Value) -> None:
    if len(row) < col + span:
        row.extend([None] * (col + span - len(row)))
    for c in range(col, col + span):
        row[c] = value


def _rows(table: Any) -> Any:
    for child in table:
        if child.tag == _W + "tr":
            yield child
        elif child.tag in (_W + "sdt", _W + "customXml"):  # rows inside a content control
            content = child.find(_W + "sdtContent") if child.tag == _W + "sdt" else child
            if content is not None:
                yield from _rows(content)


def _cells(tr: Any) -> Any:
    for child in tr:
        if child.tag == _W + "tc":
            yield child
        elif child.tag in (_W + "sdt", _W + "customXml"):
            content = child.find(_W + "sdtContent") if child.tag == _W + "sdt" else child
            if content is not None:
                yield from _cells(content)


def _number(properties: Any, name: str, default: int = 0) -> int:
    found = properties.find(_W + name) if properties is not None else None
    try:
        return int(found.get(_VAL)) if found is not None else default
    except (TypeError, ValueError):
        return default


# ---------------------------------------------------------------- text


def _cell_text(tc: Any) -> str:
    """A cell's paragraphs joined with a line break; a table nested in it a line a row, its
    cells apart by a space."""
    lines: list[str] = []
    for block in _blocks(tc):
        if block.tag == _W + "p":
            lines.append(_paragraph_text(block))
        else:
            for tr in _rows(block):
                cells = (_cell_text(cell).replace("\n", " ").strip() for cell in _cells(tr))
                lines.append(" ".join(cell for cell in cells if cell))
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


def _paragraph_text(paragraph: Any, after_page_break: bool = False) -> str:
    """A paragraph's text as Word shows it: tabs and line breaks as such, text inserted in
    tracked changes kept and deleted text dropped, a field's result (not its code), a
    hyperlink's words; hidden text, comments and text boxes left out. ``after_page_break``: only
    what follows the last page break in it."""
    out: list[str] = []
    _gather(paragraph, out, after_page_break)
    return "".join(out)


_LEFT_OUT = {
    _W + "del",
    _W + "moveFrom",
    _W + "instrText",
    _W + "delText",
    _W + "delInstrText",
    _W + "pPr",
    _W + "rPr",
    _W + "txbxContent",
    _W + "footnoteReference",
    _W + "endnoteReference",
    _MC + "Fallback",  # the same as its mc:Choice, for older programs
}


def _gather(element: Any, out: list[str], after_page_break: bool) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _LEFT_OUT:
            continue
        if tag == _W + "r" and _hidden(child):
            continue
        if tag == _W + "r" and (marks := _symbol_font(child)) is not None:
            typed: list[str] = []  # ü typed in Wingdings: the ✓ it shows (others as typed)
            _gather(child, typed, after_page_break)
            out.append("".join(marks.get(_code(ch), ch) for ch in "".join(typed)))
            continue
        if tag == _W + "t":
            out.append(child.text or "")
        elif tag in (_W + "tab", _W + "ptab"):
            out.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            if after_page_break and child.get(_W + "type") == "page":
                out.clear()
            else:
                out.append("\n")
        elif tag == _W + "noBreakHyphen":
            out.append("-")
        elif tag == _W + "sym":
            out.append(_symbol(child))
        else:
            _gather(child, out, after_page_break)


# Marks offices insert from a symbol font (Insert > Symbol: a w:sym, not text), by font and
# character, as the Unicode characters they show: a 是否完成 cell's tick is 是, not empty.
_SYMBOLS = {
    "wingdings": {0xFC: "✓", 0xFE: "☑", 0xFB: "✗", 0xFD: "☒", 0xA8: "☐"},
    "wingdings 2": {0x50: "✓", 0x52: "☑", 0x4F: "✗", 0x54: "☒", 0xA3: "☐"},
    "symbol": {0xD6: "√", 0xB4: "×", 0xB3: "≥", 0xA3: "≤"},
    "webdings": {0x61: "✓", 0x72: "✗"},
}


def _symbol(sym: Any) -> str:
    """The character a w:sym shows, where it is a mark known here; else nothing."""
    try:
        code = int(sym.get(_W + "char") or "", 16)
    except ValueError:
        return ""
    if not 0 <= code <= 0x10FFFF:  # (a damaged w:char: no character at all)
        return ""
    font = (sym.get(_W + "font") or "").strip().casefold()
    if font not in _SYMBOLS and 0x20 <= code < 0xE000 and chr(code).isprintable():
        return chr(code)  # a font with Unicode (Segoe UI Symbol's 2713): the character itself
    return _SYMBOLS.get(font, {}).get(_code(chr(code)), "")


def _code(ch: str) -> int:
    """A symbol font's character code: Word writes F0FC (the private use area) for FC."""
    code = ord(ch)
    return code - 0xF000 if 0xF000 <= code <= 0xF0FF else code


def _symbol_font(run: Any) -> dict[int, str] | None:
    """The marks of the symbol font a run's text is typed in (Wingdings…), or None."""
    properties = run.find(_W + "rPr")
    fonts = properties.find(_W + "rFonts") if properties is not None else None
    if fonts is None:
        return None
    name = fonts.get(_W + "ascii") or fonts.get(_W + "hAnsi") or ""
    return _SYMBOLS.get(name.strip().casefold())


def _hidden(run: Any) -> bool:
    properties = run.find(_W + "rPr")
    vanish = properties.find(_W + "vanish") if properties is not None else None
    return vanish is not None and vanish.get(_VAL) not in ("0", "false", "off")


# ---------------------------------------------------------------- the sheets


def _sheets(grids: list[_Grid]) -> list[Sheet]:
    """The grids as sheets, a table continued from the one before it (``_continues``) joined
    to it."""
    groups: list[list[_Grid]] = []
    for grid in grids:
        if groups and _continues(groups[-1][0], grid):
            groups[-1].append(grid)
        else:
            groups.append([grid])
    sheets: list[Sheet] = []
    for group in groups:
        first = group[0]
        rows: list[list[Value]] = []
        merges: list[Span] = []
        places: list[tuple[int, int]] = []
        indents: dict[tuple[int, int], int] = {}
        fills: dict[tuple[int, int], str] = {}
        inks: dict[tuple[int, int], str] = {}
        for grid in group:
            skip = _repeated_header(first, grid) if grid is not first else 0
            offset = len(rows) - skip
            for r in range(skip, len(grid.rows)):
                rows.append(grid.rows[r])
                places.append((grid.number, r + 1))
            for r0, c0, r1, c1 in grid.merges:
                if r1 >= skip:
                    merges.append((max(r0, skip) + offset, c0, r1 + offset, c1))
            for (r, c), level in grid.indents.items():
                if r >= skip:
                    indents[(r + offset, c)] = level
            for own, into in ((grid.fills, fills), (grid.inks, inks)):
                into.update({(r + offset, c): v for (r, c), v in own.items() if r >= skip})
        sheet = WordTable(
            f"表{first.number}", rows, merges, places, first.lines_above, indents, fills, inks
        )
        sheets.append(sheet)
    return sheets


_CONTINUED = re.compile(r"[（(]?\s*续表?\s*\d*\s*[）)]?|续上表|接上表")


def _continues(first: _Grid, grid: _Grid) -> bool:
    """Whether ``grid`` goes on with the table ``first`` began: its header repeated, with
    nothing between them but empty paragraphs, a 续表 line or the title again (泉湖镇…分解表
    （续）); or of the same width under a 续表 line. Another title between (二、民生实事)
    begins another table, and so does one of another header after an empty paragraph (a
    联系人 table after the tasks)."""
    said = [" ".join(t.split()) for t in grid.between if t.strip()]
    if _repeated_header(first, grid):
        return all(_CONTINUED.fullmatch(t) or t in first.lines_above or "续" in t for t in said)
    width = max((len(r) for r in first.rows), default=0)
    continued = bool(said) and all(_CONTINUED.fullmatch(t) for t in said)
    return continued and width > 1 and width == max((len(r) for r in grid.rows), default=0)


def _repeated_header(first: _Grid, grid: _Grid) -> int:
    """How many rows at the top of ``grid`` repeat rows at the top of ``first`` (its header
    and a title row over it, as Word users copy them onto the next page)."""
    top = {first.texts(r) for r in range(min(4, len(first.rows)))} - {()}
    count = 0
    while count < min(4, len(grid.rows)) and grid.texts(count) in top:
        count += 1
    return count
