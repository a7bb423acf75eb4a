"""Reading a workbook (.xlsx, with openpyxl, imported here alone and only when a workbook is
read) or a CSV table (UTF-8 with or without a BOM, UTF-16 as Excel's "Unicode text", or GBK /
GB18030 as Excel on Chinese Windows saves it) into sheets: grids of cell values in which a
merged cell's value stands in every cell it spans, each cell named like ``Sheet1!F12``."""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..controls import visible_undone
from .errors import UnreadableSheetFile, refuse_owner_file
from .fill_lights import colour_rgb, light_of, theme_colours
from .table_bytes import read_table_bytes as _read_bytes

# A cell value as a sheet holds it: text, a number, a date, a truth value, or nothing.
Value = str | int | float | dt.date | bool | None

SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt")
# Documents: a Word document's tables are read (word_tables), any other is refused there.
DOCUMENT_SUFFIXES = tuple(".docx .docm .dotx .dotm .doc .dot .wps .wpt .pdf .rtf".split())


def column_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA'."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# The largest table read: a cell holding anything beyond it is refused, not read (a county's
# 任务分解表 has some hundreds of rows and a score of columns; a stray mark at XFD1048576 would
# otherwise make a grid of seventeen billion cells).
MAX_ROWS = 100_000
MAX_COLUMNS = 200

Span = tuple[int, int, int, int]


# The day before day 1 of Excel's date systems: 1900 (Windows, the default) and 1904 (a workbook
# made on an old Mac, or set so in Excel's options): 45291 is 2023-12-31 in one, 43829 in the other.
EXCEL_1900 = dt.date(1899, 12, 30)
EXCEL_1904 = dt.date(1904, 1, 1)


class Sheet:
    """A sheet as a grid: ``rows[r][c]`` is the value of the cell on row r+1, column c+1, with
    a merged cell's value repeated in every cell of its range. ``span(r, c)`` is the merged
    range a cell is in, ``(first_row, first_col, last_row, last_col)``, 0-based. ``formulas``
    holds the cells whose formula has no saved value (a workbook a program wrote and no one
    opened), with the formula's text; ``errors`` the cells holding an error value (#REF!,
    #N/A: a formula whose reference broke), with it; ``beyond_dates`` the cells formatted as a
    date whose number no date is (Excel shows ####).

    Rows are as long as their last value (not padded to the widest): a stray value far to the
    right costs one row, not a column down the whole sheet. ``beyond`` names the first cell
    past MAX_ROWS or MAX_COLUMNS that holds something (not read; an import of this sheet is
    refused), and ``hidden`` says the workbook hides the sheet. ``hidden_rows`` and
    ``hidden_columns`` are the rows and columns (0-based) Excel hides, by hand, in a collapsed
    group or under a filter: read as any other (hiding is not deleting), and said. ``indents``:
    the cells indented, in levels: a workbook's alignment indent, and ideographic spaces (　)
    typed before the text (``typed_indent``): how ``plan export`` shows a title's level in the
    tree."""

    __slots__ = (
        "name",
        "rows",
        "width",
        "formulas",
        "computed",
        "beyond",
        "hidden",
        "hidden_rows",
        "hidden_columns",
        "indents",
        "errors",
        "by_export",
        "escapes_read",
        "epoch",
        "beyond_dates",
        "fills",
        "inks",
        "_merges",
    )

    def __init__(
        self,
        name: str,
        rows: list[list[Value]],
        merges: list[Span] | tuple[Span, ...] = (),
        formulas: dict[tuple[int, int], str] | None = None,
        beyond: tuple[int, int] | None = None,
        hidden: bool = False,
        hidden_rows: frozenset[int] = frozenset(),
        hidden_columns: frozenset[int] = frozenset(),
        indents: dict[tuple[int, int], int] | None = None,
        errors: dict[tuple[int, int], str] | None = None,
        epoch: dt.date = EXCEL_1900,
        beyond_dates: frozenset[tuple[int, int]] = frozenset(),
        fills: dict[tuple[int, int], str] | None = None,
        inks: dict[tuple[int, int], str] | None = None,
    ):
        self.name = name
        self.width = max((len(row) for row in rows), default=0)
        self.rows = rows
        self.formulas = formulas or {}
        # Cells a formula fills whose value was saved (the value is the cell's), with the
        # formula: a figure read from one is said (cells.read_cell), for the office to check.
        self.computed: dict[tuple[int, int], str] = {}
        self.beyond, self.hidden = beyond, hidden
        self.hidden_rows, self.hidden_columns = hidden_rows, hidden_columns
        self.indents = indents or {}
        self.errors = errors or {}
        # Of a workbook ``plan export`` wrote (its custom property, ``EXPORT_PROPERTY``).
        self.by_export = False
        self.escapes_read = False  # (``read_escapes_back``: once)
        # The day Excel's day numbers count from: the workbook's own date system (1900 or 1904),
        # for the days a General cell holds as a bare number (``dates.excel_serial``).
        self.epoch = epoch
        # Cells in a date format whose number is past the dates Excel can show (####): the
        # number is their value, and a deadline there is told so (cells.read_cell).
        self.beyond_dates = beyond_dates
        # The cells filled with a light's colour (red, orange, yellow, green, blue: a ledger
        # lit by fill alone, ``fill_lights``), empty or not; ``inks`` those whose font has such
        # a colour (a ● in red).
        self.fills, self.inks = fills or {}, inks or {}
        # Each row's merged ranges, not each cell's: a range down a whole column costs a row.
        self._merges: dict[int, list[Span]] = {}
        for merged in merges:
            for r in range(merged[0], merged[2] + 1):
                self._merges.setdefault(r, []).append(merged)

    def read_escapes_back(self) -> None:
        """Each text's escapes ``plan export`` shows hidden characters as (``\\x1b``,
        ``\\u202e``, a backslash of the text before one doubled: ``controls.visible_exactly``)
        read back as the characters: for a table plan export wrote (``build._by_export``), never
        a ledger typed by hand, whose ``C:\\资料\\x86驱动`` or ``\\\\`` is the office's text."""
        if self.escapes_read:
            return
        self.escapes_read = True
        for row in self.rows:
            for c, value in enumerate(row):
                if isinstance(value, str) and "\\" in value:
                    row[c] = visible_undone(value)

    def __repr__(self) -> str:
        return f"Sheet({self.name!r}, {len(self.rows)} rows)"

    def address(self, row: int, col: int) -> str:
        """The cell as Excel names it: ``Sheet1!F12`` (0-based row and column given)."""
        name = self.name
        if any(ch in name for ch in " !'-()（）") or not name:
            name = "'" + name.replace("'", "''") + "'"
        return f"{name}!{column_letter(col)}{row + 1}"

    def value(self, row: int, col: int) -> Value:
        if 0 <= row < len(self.rows) and 0 <= col < len(self.rows[row]):
            return self.rows[row][col]
        return None

    def too_large(self, path: str) -> UnreadableSheetFile | None:
        """The refusal to import this sheet when something lies beyond the limits."""
        if self.beyond is None:
            return None
        return _too_large(path, self.name, *self.beyond)

    def merge_down(self, first: int, last: int, col: int) -> None:
        """Merge the cell of ``first`` down to ``last`` in column ``col``, as the sheet had it
        before it was unmerged: its value in every cell of the range."""
        value = self.value(first, col)
        for r in range(first + 1, last + 1):
            row = self.rows[r]
            row.extend([None] * (col + 1 - len(row)))
            row[col] = value
        merged = (first, col, last, col)
        for r in range(first, last + 1):
            self._merges.setdefault(r, []).append(merged)

    def span(self, row: int, col: int) -> Span | None:
        for merged in self._merges.get(row, ()):
            if merged[1] <= col <= merged[3]:
                return merged
        return None


def read_sheets(path: Path) -> list[Sheet]:
    """Every sheet of the file, in the workbook's order (a CSV file is one sheet named by the
    file). A file that cannot be read as a table raises UnreadableSheetFile."""
    from .. import collector
    from ..store.files import refuse_pasted_path

    refuse_pasted_path(path)  # "D:\\表.xlsx" pasted with its quotes: not "not a .xlsx"
    collector.started()  # a workbook's many objects come and go: the collector on for them
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_workbook(path)
    if suffix in (".csv", ".txt"):
        return [_read_csv(path)]
    if suffix in DOCUMENT_SUFFIXES:
        from .word_tables import read_document  # a Word document's tables (表1 第3行第2列)

        return read_document(path)
    if suffix in (".xls", ".et", ".ods"):
        raise UnreadableSheetFile(
            str(path),
            f"不能直接读取 {suffix} 格式的表格，请在 Excel 或 WPS 中“另存为” .xlsx（Excel 工作簿）"
            "或 .csv 后再导入",
            f"{suffix} files cannot be read; save it as .xlsx (Excel workbook) or .csv in Excel "
            "or WPS, then import that",
        )
    raise UnreadableSheetFile(
        str(path),
        "只能导入 .xlsx（Excel 工作簿）、.csv 表格或 .docx（Word 文档）里的表格",
        "only .xlsx (Excel workbooks), .csv tables and the tables of .docx (Word) documents "
        "can be imported",
    )


# ---------------------------------------------------------------- workbooks


def _read_workbook(path: Path) -> list[Sheet]:
    import io
    import warnings
    import zipfile

    import openpyxl  # only here: plan import and the exports pay for it, no other command

    data = _read_bytes(path)
    _refuse_other_kinds(str(path), data)
    from .damaged import DAMAGED, unreadable

    try:
        _refuse_unpacked_beyond_limit(str(path), zipfile.ZipFile(io.BytesIO(data)))
        # Read-only: each sheet's XML is read as it streams, so only the cells that hold
        # something cost memory (not the range a stray styled cell far away would span).
        with warnings.catch_warnings():
            # openpyxl warns of what it leaves out (a drop-down list's extension, a shape, a
            # date beyond its range): Python's warning lines, naming openpyxl's own source,
            # are no message for an office, and none of it is what an import reads.
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                sheets = [_read_worksheet(str(path), book, ws) for ws in book.worksheets]
            finally:
                book.close()
        from ..exporting.rows import EXPORT_PROPERTY

        by_export = any(p.name == EXPORT_PROPERTY for p in book.custom_doc_props)
        for sheet in sheets:
            sheet.by_export = by_export
        return sheets
    except DAMAGED:  # said as what the file is, not as the exception met
        raise unreadable(str(path), data, "xlsx") from None


# The most a workbook's parts may hold unpacked. A table of MAX_ROWS rows is some tens of MB
# (a county's 任务分解表, well under one); a zip bomb (a sheet or shared strings of hundreds of
# MB that pack into a few hundred KB) would keep openpyxl busy for many minutes, or use up the
# memory. A zip's stated sizes bind: zipfile stops reading a part there.
UNPACKED_LIMIT = 100 * 2**20


def _refuse_unpacked_beyond_limit(path: str, archive: Any) -> None:
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > UNPACKED_LIMIT:
        size, limit = f"{unpacked / 2**20:,.0f}", f"{UNPACKED_LIMIT // 2**20}"
        raise UnreadableSheetFile(
            path,
            f"工作簿解压后有 {size} MB，超出了能导入的大小（{limit} MB，足够 {MAX_ROWS} 行的表格）；"
            "它可能已损坏或被做了手脚。请把任务表复制到一个新的工作簿，另存为 .xlsx 后再导入",
            f"the workbook unpacks to {size} MB, more than an import reads ({limit} MB, enough "
            f"for a table of {MAX_ROWS} rows); it may be damaged or made to do harm. Copy the "
            "task table into a new workbook, save it as .xlsx and import that",
        )


def _refuse_other_kinds(path: str, data: bytes) -> None:
    """A file named .xlsx that is something else, said as what it is: a workbook with an
    opening password (Excel encrypts it into an OLE compound file holding EncryptedPackage),
    an old .xls (an OLE file too) renamed, or a web page (HTML) that a system exported as
    "Excel"."""
    refuse_owner_file(path, data, "Excel", ("工作簿", "workbook"))
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise UnreadableSheetFile(
                path,
                "这个工作簿设置了打开密码，无法读取；请在 Excel 或 WPS 中输入密码打开，取消密码"
                "（文件→信息→保护工作簿→用密码进行加密，清空密码）后另存为 .xlsx 再导入",
                "the workbook has an opening password and cannot be read; open it in Excel or "
                "WPS with the password, remove the password, save it as .xlsx and import that",
            )
        raise UnreadableSheetFile(
            path,
            "它其实是旧的 .xls 格式或 WPS 表格的 .et 格式（只是改了扩展名）；"
            "请在 Excel 或 WPS 中打开，“另存为” .xlsx（Excel 工作簿）后再导入",
            "it is really an old .xls workbook or a WPS .et sheet (renamed); open it in Excel or "
            "WPS, save it as .xlsx (Excel workbook) and import that",
        )
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<table")) and (
        b"<table" in data[:65536].lower() or b"<html" in head
    ):
        raise UnreadableSheetFile(
            path,
            "它其实是一个网页（HTML）表格，只是扩展名为 .xlsx（有些系统这样“导出 Excel”）；"
            "请在 Excel 或 WPS 中打开，“另存为” .xlsx（Excel 工作簿）后再导入",
            "it is really a web page (HTML) table with an .xlsx name (some systems export "
            '"Excel" that way); open it in Excel or WPS, save it as .xlsx (Excel workbook) and '
            "import that",
        )


def _read_worksheet(path: str, book: Any, ws: Any) -> Sheet:
    """One sheet of a read-only workbook: the cells that hold a value, the merged ranges over
    them, and the formulas without a saved value. openpyxl's own sheet parser does the reading
    (what its read-only worksheets use), told to keep formulas it finds without a value."""
    from openpyxl.cell.read_only import ReadOnlyCell
    from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser

    formulas: dict[tuple[int, int], str] = {}
    computed: dict[tuple[int, int], str] = {}
    errors: dict[tuple[int, int], str] = {}
    beyond_dates: set[tuple[int, int]] = set()

    class Parser(WorkSheetParser):  # type: ignore[misc]
        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell: dict[str, Any] = super().parse_cell(element)
            if element.get("t") == "e" and cell["value"] is not None:
                errors[(cell["row"] - 1, cell["column"] - 1)] = str(cell["value"])
            elif cell["data_type"] == "e" and element.get("t") in (None, "n"):
                # A number in a date format past Excel's dates (after 9999-12-31, or below
                # 0; Excel shows ####): openpyxl makes it the error #VALUE!, which no one
                # typed. The number is the cell's, and where a day is read it is said.
                try:
                    cell["value"] = float(element.findtext(VALUE_TAG) or "")
                except ValueError:
                    return cell
                cell["data_type"] = "n"
                beyond_dates.add((cell["row"] - 1, cell["column"] - 1))
            formula = element.find(FORMULA_TAG)
            if formula is not None and cell["value"] is not None:
                # (a shared formula's cells after its first hold no text of their own)
                computed[(cell["row"] - 1, cell["column"] - 1)] = "=" + (formula.text or "…")
            if formula is not None and cell["value"] is None:
                saved = element.find(VALUE_TAG)
                # A formula whose saved value is "" (t="str") has a value: nothing.
                if saved is None or element.get("t") not in ("str", "s", "inlineStr"):
                    formulas[(cell["row"] - 1, cell["column"] - 1)] = "=" + (formula.text or "")
            return cell

    values: list[tuple[int, int, Value]] = []
    formats: dict[int, str] = {}
    months: dict[int, bool] = {}  # a style shows a date as its month alone
    indent_of: dict[int, int] = {}  # a style's indent, in levels
    indents: dict[tuple[int, int], int] = {}
    lights_of: dict[int, tuple[str | None, str | None]] = {}  # a style's fill and font colours
    fills: dict[tuple[int, int], str] = {}
    inks: dict[tuple[int, int], str] = {}
    themes: list[str] | None = None
    beyond: tuple[int, int] | None = None
    with ws._get_source() as source:
        parser = Parser(
            source,
            ws._shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=_date_styles(book),
            timedelta_formats=book._timedelta_formats,
        )
        for _, cells in parser.parse():
            if beyond is not None and beyond[0] >= MAX_ROWS:
                break  # rows come in order: the rest are past the limit too, not to be read
            for cell in cells:
                raw = cell["value"]
                if cell["style_id"]:  # (a fill only a style gives; an empty cell's too)
                    if cell["style_id"] not in lights_of:
                        if themes is None:
                            themes = theme_colours(getattr(book, "loaded_theme", None))
                        lights_of[cell["style_id"]] = _style_lights(ws, cell, themes)
                    fill, ink = lights_of[cell["style_id"]]
                    at = (cell["row"] - 1, cell["column"] - 1)
                    if at[0] < MAX_ROWS and at[1] < MAX_COLUMNS:
                        if fill is not None:
                            fills[at] = fill
                        if ink is not None and raw is not None:
                            inks[at] = ink
                if raw is None:
                    continue
                if isinstance(raw, str):
                    raw = _unescaped(raw)
                style = cell["style_id"] or 0
                if isinstance(raw, int | float) and not isinstance(raw, bool):
                    if style not in formats:
                        formats[style] = ReadOnlyCell(ws, **cell).number_format
                    value = _cell_value(raw, formats[style])
                elif isinstance(raw, dt.datetime) and raw.day == 1 and raw.time() == dt.time(0):
                    if style not in months:
                        months[style] = _month_only(book, ReadOnlyCell(ws, **cell), style)
                    value = f"{raw.year:04d}-{raw.month:02d}" if months[style] else raw.date()
                elif isinstance(raw, str) and raw[:1] == "'" and _quote_prefixed(book, style):
                    value = trimmed(raw)  # marked as text: the ' is the text's own
                else:
                    value = _cell_value(raw, "")
                if value is None:
                    continue
                r, c = cell["row"] - 1, cell["column"] - 1
                if r >= MAX_ROWS or c >= MAX_COLUMNS:
                    beyond = min(beyond or (r, c), (r, c))
                    continue
                values.append((r, c, value))
                if style:
                    if style not in indent_of:
                        indent_of[style] = _indent(book, style)
                    typed = typed_indent(raw) if isinstance(raw, str) else 0
                    if indent_of[style] or typed:
                        indents[(r, c)] = indent_of[style] + typed
                elif isinstance(raw, str) and raw[:1] == IDEOGRAPHIC_SPACE:
                    indents[(r, c)] = typed_indent(raw)
        merged_cells = parser.merged_cells
        by_default = getattr(getattr(parser, "sheet_format", None), "zeroHeight", None)
        row_dimensions, column_dimensions = parser.row_dimensions, parser.column_dimensions
    for r, c in list(formulas):
        if r >= MAX_ROWS or c >= MAX_COLUMNS:
            beyond = min(beyond or (r, c), (r, c))
            del formulas[(r, c)]
    height = max((r for r, _, _ in values), default=-1) + 1
    width = max((c for _, c, _ in values), default=-1) + 1
    height = max(height, *(r + 1 for r, _ in formulas)) if formulas else height
    width = max(width, *(c + 1 for _, c in formulas)) if formulas else width
    hidden_rows, hidden_columns = _hidden(
        row_dimensions, column_dimensions, height if by_default else 0
    )
    rows: list[list[Value]] = [[] for _ in range(height)]
    for r, c, value in values:
        _put(rows[r], c, value)
    merges: list[Span] = []
    for merged in getattr(merged_cells, "mergeCell", None) or ():
        span = _merged_range(merged.ref, height, width)
        if span is None:
            continue
        r0, c0, r1, c1 = span
        merges.append(span)
        top_left = rows[r0][c0] if c0 < len(rows[r0]) else None
        if top_left is not None:
            for r in range(r0, r1 + 1):
                _put(rows[r], c1, None)
                rows[r][c0 : c1 + 1] = [top_left] * (c1 + 1 - c0)
    hidden = getattr(ws, "sheet_state", "visible") != "visible"
    sheet = Sheet(
        ws.title,
        rows,
        merges,
        formulas,
        beyond,
        hidden,
        hidden_rows,
        hidden_columns,
        indents,
        {at: error for at, error in errors.items() if at[0] < MAX_ROWS and at[1] < MAX_COLUMNS},
        EXCEL_1904 if book.epoch.year == 1904 else EXCEL_1900,
        frozenset(beyond_dates),
        fills,
        inks,
    )
    sheet.computed = {
        at: f for at, f in computed.items() if at[0] < MAX_ROWS and at[1] < MAX_COLUMNS
    }
    return sheet


def _style_lights(
    ws: Any, cell: dict[str, Any], themes: list[str]
) -> tuple[str | None, str | None]:
    """The lights a cell's style shows: its solid fill's colour and its font's, each or None."""
    from openpyxl.cell.read_only import ReadOnlyCell

    try:
        styled = ReadOnlyCell(ws, **cell)
        fill, font = styled.fill, styled.font
    except (IndexError, AttributeError, TypeError):  # (a style the workbook does not hold)
        return None, None
    solid = getattr(fill, "fill_type", None) == "solid"
    return (
        _colour_light(getattr(fill, "fgColor", None), themes) if solid else None,
        _colour_light(getattr(font, "color", None), themes),
    )


def _colour_light(colour: Any, themes: list[str]) -> str | None:
    if colour is None:
        return None
    kind = getattr(colour, "type", None)
    value = getattr(colour, kind, None) if kind in ("rgb", "theme", "indexed") else None
    return light_of(colour_rgb(kind, value, getattr(colour, "tint", 0.0) or 0.0, themes))


# Number formats Excel does not write into the file but takes from its locale: in Chinese
# Excel (and WPS), 27-31, 36 and 50-58 are dates such as yyyy"年"m"月"d"日" (31) or m"月"d"日"
# (58); openpyxl knows only the international ones, and would read such a cell as a number.
_LOCALE_DATE_FORMATS = frozenset({27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58})


# The locale's built-in formats (zh-CN) that show a date as its year and month: yyyy"年"m"月".
_LOCALE_MONTH_FORMATS = frozenset({27, 36, 50, 52, 57})


def _month_only(book: Any, cell: Any, style: int) -> bool:
    """Whether a date cell's format shows its year and month but no day (yyyy"年"m"月", mmm-yy):
    how Excel and WPS keep a typed 2023年10月, or a CSV's 2023-10 opened in them. Such a cell
    is the month (read as "2023-10"), not the month's first day."""
    styles = getattr(book, "_cell_styles", ())
    if style < len(styles) and getattr(styles[style], "numFmtId", None) in _LOCALE_MONTH_FORMATS:
        return True
    shown = str(cell.number_format or "").split(";")[0]
    # What the format writes as it is: "quoted text", \-escaped characters, [colours], _ and *.
    code = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.', "", shown).lower()
    return "y" in code and "m" in code and not any(letter in code for letter in "dhs")


def _date_styles(book: Any) -> set[int]:
    """The styles whose cells hold dates: openpyxl's, and those of the locale's date formats."""
    styles = set(book._date_formats)
    for index, style in enumerate(getattr(book, "_cell_styles", ())):
        if getattr(style, "numFmtId", None) in _LOCALE_DATE_FORMATS:
            styles.add(index)
    return styles


def _hidden(
    row_dimensions: dict[str, dict[str, str]],
    column_dimensions: dict[str, dict[str, str]],
    hidden_by_default: int = 0,
) -> tuple[frozenset[int], frozenset[int]]:
    """The rows and columns (0-based) a sheet hides, from the attributes of its <row> elements
    (the parser keeps only those with more than a number and spans) and its <col> ranges.
    ``hidden_by_default``: a sheet whose rows are hidden unless they say otherwise
    (<sheetFormatPr zeroHeight="1">, as Excel saves it after "hide every row below the
    table") gives the number of its rows with values; of those, only a row that states a
    height of its own shows."""

    def hides(attrs: dict[str, str]) -> bool:
        return attrs.get("hidden", "").strip().lower() in ("1", "true")

    def shows(attrs: dict[str, str] | None) -> bool:
        try:
            return attrs is not None and not hides(attrs) and float(attrs.get("ht", "0")) > 0
        except ValueError:
            return False

    rows: set[int] = {
        row for row in range(hidden_by_default) if not shows(row_dimensions.get(str(row + 1)))
    }
    for number, attrs in row_dimensions.items():
        if hides(attrs):
            try:
                row = int(number) - 1
            except ValueError:
                continue
            if 0 <= row < MAX_ROWS:
                rows.add(row)
    columns: set[int] = set()
    for attrs in column_dimensions.values():
        if hides(attrs):
            try:
                first, last = int(attrs["min"]), int(attrs.get("max") or attrs["min"])
            except (KeyError, ValueError):
                continue
            columns.update(range(max(first, 1) - 1, min(last, MAX_COLUMNS)))
    return frozenset(rows), frozenset(columns)


def _put(row: list[Value], col: int, value: Value) -> None:
    """A value into a row that is as long as its last value."""
    if len(row) <= col:
        row.extend([None] * (col + 1 - len(row)))
    if value is not None:
        row[col] = value


def _merged_range(ref: Any, height: int, width: int) -> Span | None:
    """A merged range as 0-based (first_row, first_col, last_row, last_col), cut to the cells
    that hold anything (the rest of it holds nothing); None if it lies beyond them all."""
    from openpyxl.utils.cell import range_boundaries

    try:
        min_col, min_row, max_col, max_row = range_boundaries(str(ref))
    except (ValueError, TypeError):
        return None
    if None in (min_col, min_row, max_col, max_row):
        return None
    r0, c0 = min_row - 1, min_col - 1
    if r0 >= height or c0 >= width or r0 < 0 or c0 < 0:
        return None
    r1, c1 = min(max_row - 1, height - 1), min(max_col - 1, width - 1)
    if r1 < r0 or c1 < c0 or (r0, c0) == (r1, c1):
        return None
    return (r0, c0, r1, c1)


def _too_large(path: str, sheet: str, row: int, col: int) -> UnreadableSheetFile:
    where = f"{sheet}!{column_letter(col)}{row + 1}"
    return UnreadableSheetFile(
        path,
        f"工作表“{sheet}”在 {where} 有内容，超出了能导入的范围（最多 {MAX_ROWS} 行、"
        f"{MAX_COLUMNS} 列）；请删去表格之外的内容，或把任务表复制到一个新的工作簿后再导入",
        f"sheet {sheet!r} holds something at {where}, beyond what can be imported (at most "
        f"{MAX_ROWS} rows and {MAX_COLUMNS} columns); delete what lies outside the table, or copy "
        "the table into a new workbook, and import that",
    )


# A title typed indented in a cell, as offices do and as ``plan export`` writes a CSV: an
# ideographic space (　) a level.
IDEOGRAPHIC_SPACE = "\u3000"


def trimmed(text: str) -> str | None:
    """A cell's text without the spaces and line ends at its ends, None if that is all it
    holds. The ideographic spaces it starts with stay: a title's typed indent (read apart,
    ``typed_indent``; a title is read tidied) and the 　　 a paragraph of a note starts with,
    which a note keeps as written (``values.as_written``)."""
    if not text.strip():
        return None
    return text.strip(" \t\r\n")


def typed_indent(text: str) -> int:
    """How many levels a text is indented by the ideographic spaces typed before it."""
    return len(text) - len(text.lstrip(IDEOGRAPHIC_SPACE))


def _indent(book: Any, style: int) -> int:
    """A cell style's indent, in levels (0 where it has none)."""
    try:
        indent = book._alignments[book._cell_styles[style].alignmentId].indent
        return max(0, int(indent or 0))
    except (AttributeError, IndexError, TypeError, ValueError, OverflowError):
        return 0


def _quote_prefixed(book: Any, style: int) -> bool:
    """Whether a cell style carries Excel's hidden ' (a "quote prefix": the cell is text as
    typed). ``plan export`` marks a text starting with ' so (exporting/rows.py
    ``quote_guarded``): its own ' is then no guard to take off (``unquoted``)."""
    try:
        return bool(book._cell_styles[style].quotePrefix)
    except (AttributeError, IndexError, TypeError):  # a workbook without such a style
        return False


# The XML of a workbook writes a character it cannot hold as _xHHHH_: Excel saves a carriage
# return in a cell (text pasted with CRLF line breaks) as _x000D_, and a typed "_x" as _x005F_x.
# openpyxl hands cell text over as written.
_ESCAPED_CHARACTER = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _unescaped(text: str) -> str:
    """A workbook cell's text as typed: its _xHHHH_ escapes undone, and a carriage return
    (alone or before a line feed) as the line break it is in the cell."""
    if "_x" in text:
        text = _ESCAPED_CHARACTER.sub(lambda found: chr(int(found[1], 16)), text)
        if not text.isprintable() and any("\ud800" <= c <= "\udfff" for c in text):
            text = _paired(text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _paired(text: str) -> str:
    """Text whose escapes gave UTF-16 halves (_xD83D__xDE00_, as some programs write an
    emoji): each pair as the one character it stands for, a half alone as U+FFFD (no file,
    terminal or Word document takes it: writing the plan failed with a traceback)."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


# A number format's first section: what goes before and after the digits, as written
# ("quoted text", \-escaped characters, other characters as they are) beside them.
_WORDS_AROUND = r'((?:"[^"]*"|\\.|[^0#?,.;"\\])*)'
_UNIT_FORMAT = re.compile(_WORDS_AROUND + r"[0#?,]*(?:\.[0#?]*)?" + _WORDS_AROUND)
_LITERAL = re.compile(r'"([^"]*)"|\\(.)|(.)')


def _unit_shown(number_format: str) -> tuple[str, str] | None:
    """The words a number's format shows before and after it where they name a unit (0"万元",
    #,##0.0"万亩", "约"0"个", G/通用格式"亩", 0"%"): words with a % or a character other than
    ASCII in them (not 0.00_ nor 0" "); None for any other format."""
    shown = re.sub(r"\[[^\]]*\]|_.|\*.", "", number_format.split(";")[0])
    shown = re.sub("G/通用格式|General", "0", shown, flags=re.IGNORECASE)  # G/通用格式"万元"
    found = _UNIT_FORMAT.fullmatch(shown)
    if not found or not re.search(r"[0#?]", shown):
        return None
    before, after = ("".join(map("".join, _LITERAL.findall(part))) for part in found.groups())
    if not any(ord(ch) > 127 or ch == "%" for ch in before + after):
        return None
    return before.strip(), after.strip()


def _cell_value(value: Any, number_format: str) -> Value:
    """A cell's value: text stripped, a date-time at midnight as a date, a number formatted as
    a percentage as the text Excel shows ("60%"), an error value (#REF!) as its text. Text
    without the ' a CSV export guards it with (``unquoted``): a spreadsheet that opens that CSV
    keeps the ' as a character, and saves it so into the workbook."""
    if isinstance(value, str):
        return unquoted(trimmed(value) or "") or None
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time(0) else value
    if isinstance(value, dt.time | dt.timedelta):
        return str(value)
    if isinstance(value, bool | dt.date):
        return value
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            return str(value)
        # A percentage format shows 0.6 as 60%; 0"%" or 0\% show 60 as 60%, a % as written.
        if "%" in re.sub(r'"[^"]*"|\\.', "", number_format):
            shown = (Decimal(repr(value)) * 100).normalize()
            return f"{shown:f}%"
        if unit := _unit_shown(number_format):  # 470 formatted 0"万元": 470万元, as Excel shows
            return f"{unit[0]}{Decimal(repr(value)).normalize():f}{unit[1]}"
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
            return int(value)
        return value
    if value is None:
        return None
    return str(value).strip() or None


def unquoted(cell: str) -> str:
    """A cell without the ' that guards it against formula injection: ``plan export``
    (and OWASP's advice) puts one before a text starting with = + - @ (or with ' itself), so
    that a spreadsheet shows it as text; the text is what follows. So with the ' before digits
    a spreadsheet would read as another number (1.10, 0734). (In a CSV the ' follows the
    ideographic spaces that indent a title, ``typed_indent``.)"""
    indent = typed_indent(cell)
    text = cell[indent:]
    if text.startswith("'") and text[1:].lstrip()[:1] in _GUARDED_STARTS:
        return cell[:indent] + text[1:]
    if text.startswith("'") and _DIGITS.fullmatch(text, 1):  # '1.10, '0734: kept as text
        return cell[:indent] + text[1:]
    return cell


# What a CSV export puts a ' before (exporting/rows.py ``looks_like_formula``, and ' itself)
_GUARDED_STARTS = ("=", "+", "-", "@", "＝", "＋", "－", "＠", "'")
# What the ' of a CSV export keeps a spreadsheet from reading as a number (exporting/csv_table.py)
_DIGITS = re.compile(r"\d+(?:\.\d+)*")


# ---------------------------------------------------------------- CSV


def _read_csv(path: Path) -> Sheet:
    from .csv_sheets import read_csv  # (csv_sheets reads with this module's own helpers)

    return read_csv(path)
