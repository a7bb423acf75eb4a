"""Reading a CSV table (UTF-8 with or without a BOM, UTF-16 as Excel's "Unicode text", or GBK /
GB18030 as Excel on Chinese Windows saves it) into a sheet, as ``sheets`` reads a workbook."""

from __future__ import annotations

from pathlib import Path

from .errors import ERROR_VALUES, UnreadableSheetFile
from .sheets import (
    IDEOGRAPHIC_SPACE,
    MAX_COLUMNS,
    MAX_ROWS,
    Sheet,
    Value,
    _too_large,
    trimmed,
    typed_indent,
    unquoted,
)
from .table_bytes import LARGEST_TABLE
from .table_bytes import read_table_bytes as _read_bytes


def read_csv(path: Path) -> Sheet:
    """A CSV table (UTF-8 with or without a BOM, UTF-16, GBK / GB18030) as one sheet named by
    the file."""
    import csv
    import io

    text = _decode(path, _read_bytes(path))
    # csv refuses a cell over 131,072 characters (a document pasted into 具体内容), which a
    # workbook's cell is read with: any cell of a file small enough to read is read.
    csv.field_size_limit(max(csv.field_size_limit(), LARGEST_TABLE))
    delimiter = _delimiter(text)
    rows: list[list[Value]] = []
    indents: dict[tuple[int, int], int] = {}
    errors: dict[tuple[int, int], str] = {}  # Excel saves a formula's error as its text
    try:
        # Lines end only at \n, \r\n or \r, as csv knows them: str.splitlines would also
        # end one at \x0b, \x0c, \x85 or \u2028 inside a cell.
        lines = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for index, cells in enumerate(lines):
            row: list[Value] = [unquoted(trimmed(cell) or "") or None for cell in cells]
            for c, cell in enumerate(cells):
                if cell[:1] == IDEOGRAPHIC_SPACE and row[c] is not None:
                    indents[(index, c)] = typed_indent(cell)
            while row and row[-1] is None:
                row.pop()
            for c, value in enumerate(row):
                if isinstance(value, str) and value.upper() in ERROR_VALUES:
                    errors[(index, c)] = value
            if len(row) > MAX_COLUMNS:
                beyond = next(c for c in range(MAX_COLUMNS, len(row)) if row[c] is not None)
                raise _too_large(str(path), path.name, index, beyond)
            if index >= MAX_ROWS:
                if row:
                    first = next(c for c, value in enumerate(row) if value is not None)
                    raise _too_large(str(path), path.name, index, first)
                continue  # blank lines at the end of a file: nothing to keep
            rows.append(row)
    except csv.Error as exc:
        raise UnreadableSheetFile(
            str(path), f"它不是有效的 CSV 表格（{exc}）", f"it is not a valid CSV table ({exc})"
        ) from None
    while rows and not rows[-1]:
        rows.pop()
    return Sheet(path.name, rows, indents=indents, errors=errors)


def _delimiter(text: str) -> str:
    """Tab for text Excel saved as "Unicode text" or "text (tab delimited)", else the comma:
    judged on the first lines that hold either, not on the first alone (often a title)."""
    tabs = commas = 0
    for line in text.splitlines()[:50]:
        tabs += "\t" in line
        commas += "," in line
    return "\t" if tabs > commas else ","


def _decode(path: Path, data: bytes) -> str:
    """UTF-8 (a BOM or not), UTF-16 with its BOM, else GB18030 (which reads GBK and GB2312)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # (its BOM says so: no other text starts so)
        # A half of a character alone is U+FFFD, as in a workbook's cell (``_paired``): read
        # as GBK, the file was called "neither UTF-8 nor GBK (line 1, byte 1)".
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    import codecs

    codecs.register_error(_EURO_OF_936, _euro_of_936)
    try:
        return data.decode("gb18030", _EURO_OF_936)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UnreadableSheetFile(
            str(path),
            f"它既不是 UTF-8 也不是 GBK 编码的文本（第 {line} 行，第 {exc.start + 1} 字节），请在 "
            "Excel 或 WPS 中另存为“CSV UTF-8”或 .xlsx 后再导入",
            f"it is neither UTF-8 nor GBK text (line {line}, byte {exc.start + 1}); save it as "
            "CSV UTF-8 or .xlsx in Excel or WPS, then import that",
        ) from None


_EURO_OF_936 = "quanhu-euro-of-936"


def _euro_of_936(error: UnicodeError) -> tuple[str, int]:
    """A decoding error handler: the byte 0x80 alone is €, as Windows' code page 936 (what
    Excel on Chinese Windows saves a CSV in) writes it and GB18030 does not; any other byte it
    cannot read stays an error."""
    if isinstance(error, UnicodeDecodeError) and error.object[error.start : error.start + 1] == (
        b"\x80"
    ):
        return "€", error.start + 1
    raise error
