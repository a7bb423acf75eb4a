"""Reading a workbook (.xlsx, with openpyxl, imported here alone and only when a workbook is
read) or a CSV table (UTF-8 with or without a BOM, UTF-16 as Excel's "Unicode text", or GBK /
GB18030 as Excel on Chinese Windows saves it) into sheets: grids of cell values in which a
merged cell's value stands in every cell it spans, each cell named like ``Sheet1!F12``."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from pathlib import Path
from typing import Any

from .errors import UnreadableSheetFile

# A cell value as a sheet holds it: text, a number, a date, a truth value, or nothing.
Value = str | int | float | dt.date | bool | None

SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt")


def column_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA'."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


class Sheet:
    """A sheet as a grid: ``rows[r][c]`` is the value of the cell on row r+1, column c+1, with
    a merged cell's value repeated in every cell of its range. ``spans`` maps each cell of a
    merged range to the range, ``(first_row, first_col, last_row, last_col)``, 0-based."""

    __slots__ = ("name", "rows", "spans", "width")

    def __init__(
        self,
        name: str,
        rows: list[list[Value]],
        spans: dict[tuple[int, int], tuple[int, int, int, int]] | None = None,
    ):
        self.name = name
        self.width = max((len(row) for row in rows), default=0)
        self.rows = [row + [None] * (self.width - len(row)) for row in rows]
        self.spans = spans or {}

    def __repr__(self) -> str:
        return f"Sheet({self.name!r}, {len(self.rows)} rows)"

    def address(self, row: int, col: int) -> str:
        """The cell as Excel names it: ``Sheet1!F12`` (0-based row and column given)."""
        name = self.name
        if any(ch in name for ch in " !'-()（）") or not name:
            name = "'" + name.replace("'", "''") + "'"
        return f"{name}!{column_letter(col)}{row + 1}"

    def value(self, row: int, col: int) -> Value:
        if 0 <= row < len(self.rows) and 0 <= col < self.width:
            return self.rows[row][col]
        return None

    def span(self, row: int, col: int) -> tuple[int, int, int, int] | None:
        return self.spans.get((row, col))


def read_sheets(path: Path) -> list[Sheet]:
    """Every sheet of the file, in the workbook's order (a CSV file is one sheet named by the
    file). A file that cannot be read as a table raises UnreadableSheetFile."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_workbook(path)
    if suffix in (".csv", ".txt"):
        return [_read_csv(path)]
    if suffix in (".xls", ".et", ".wps", ".ods"):
        raise UnreadableSheetFile(
            str(path),
            f"不能直接读取 {suffix} 格式的表格，请在 Excel 或 WPS 中“另存为” .xlsx（Excel 工作簿）"
            "或 .csv 后再导入",
            f"{suffix} files cannot be read; save it as .xlsx (Excel workbook) or .csv in Excel "
            "or WPS, then import that",
        )
    raise UnreadableSheetFile(
        str(path),
        "只能导入 .xlsx（Excel 工作簿）或 .csv 表格",
        "only .xlsx (Excel workbooks) and .csv tables can be imported",
    )


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise UnreadableSheetFile(str(path), "文件不存在", "there is no such file") from None
    except IsADirectoryError:
        raise UnreadableSheetFile(
            str(path), "这是一个文件夹，不是表格文件", "it is a folder, not a table"
        ) from None
    except OSError as exc:
        raise UnreadableSheetFile(
            str(path), f"无法读取（{exc.strerror}）", f"it cannot be read ({exc.strerror})"
        ) from None


# ---------------------------------------------------------------- workbooks


def _read_workbook(path: Path) -> list[Sheet]:
    import io
    import zipfile

    import openpyxl  # only here: plan import and the exports pay for it, no other command

    data = _read_bytes(path)
    try:
        # Not read_only: read-only worksheets do not expose their merged cells.
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError) as exc:
        raise UnreadableSheetFile(
            str(path),
            f"它不是有效的 Excel 工作簿（{type(exc).__name__}），可能已损坏，或只是改了扩展名；"
            "请用 Excel 或 WPS 打开后另存为 .xlsx 再试",
            f"it is not a valid Excel workbook ({type(exc).__name__}): it may be damaged or just "
            "renamed; open it in Excel or WPS, save it as .xlsx and try again",
        ) from None
    sheets = []
    for ws in book.worksheets:
        rows: list[list[Value]] = []
        for cells in ws.iter_rows():
            rows.append([_cell_value(cell) for cell in cells])
        spans: dict[tuple[int, int], tuple[int, int, int, int]] = {}
        for merged in ws.merged_cells.ranges:
            r0, c0, r1, c1 = (
                merged.min_row - 1,
                merged.min_col - 1,
                merged.max_row - 1,
                merged.max_col - 1,
            )
            while len(rows) <= r1:
                rows.append([])
            top_left = rows[r0][c0] if c0 < len(rows[r0]) else None
            for r in range(r0, r1 + 1):
                row = rows[r]
                if len(row) <= c1:
                    row.extend([None] * (c1 + 1 - len(row)))
                for c in range(c0, c1 + 1):
                    row[c] = top_left
                    spans[(r, c)] = (r0, c0, r1, c1)
        sheets.append(Sheet(ws.title, rows, spans))
    return sheets


def _cell_value(cell: Any) -> Value:
    """A cell's value: text stripped, a date-time at midnight as a date, a number formatted as
    a percentage as the text Excel shows ("60%"), an error value (#REF!) as its text."""
    value = cell.value
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time(0) else value
    if isinstance(value, dt.time | dt.timedelta):
        return str(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            return str(value)
        if "%" in str(getattr(cell, "number_format", "") or ""):
            shown = (Decimal(repr(value)) * 100).normalize()
            return f"{shown:f}%"
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
            return int(value)
        return value
    if value is None:
        return None
    return str(value).strip() or None


# ---------------------------------------------------------------- CSV


def _read_csv(path: Path) -> Sheet:
    import csv

    text = _decode(path, _read_bytes(path))
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    try:
        rows = [
            [unquoted(cell.strip()) or None for cell in row]
            for row in csv.reader(text.splitlines(keepends=True), delimiter=delimiter)
        ]
    except csv.Error as exc:
        raise UnreadableSheetFile(
            str(path), f"它不是有效的 CSV 表格（{exc}）", f"it is not a valid CSV table ({exc})"
        ) from None
    return Sheet(path.name, rows)  # type: ignore[arg-type]


def unquoted(cell: str) -> str:
    """A CSV cell without the ' that guards it against formula injection: ``plan export``
    (and OWASP's advice) puts one before a text starting with = + - @ (or with ' itself), so
    that a spreadsheet shows it as text; the text is what follows."""
    if cell.startswith("'") and cell[1:].lstrip()[:1] in ("=", "+", "-", "@", "'"):
        return cell[1:]
    return cell


def _decode(path: Path, data: bytes) -> str:
    """UTF-8 (a BOM or not), UTF-16 with its BOM, else GB18030 (which reads GBK and GB2312)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise UnreadableSheetFile(
            str(path),
            f"它既不是 UTF-8 也不是 GBK 编码的文本（第 {exc.start} 字节），请在 Excel 或 WPS 中"
            "另存为“CSV UTF-8”或 .xlsx 后再导入",
            f"it is neither UTF-8 nor GBK text (byte {exc.start}); save it as CSV UTF-8 or .xlsx "
            "in Excel or WPS, then import that",
        ) from None
