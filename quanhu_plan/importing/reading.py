"""One sheet being read into a plan (pure): the node each row becomes on its way to an item, and
what the steps of the reading share (``Reading``): the sheet and its columns, the plan's year,
the name each column's cells are kept under, the cells that cannot be read, and what the import
will say it did."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..model import ITEM_FIELDS
from .errors import CellProblem, CellUnreadable
from .headers import Column, Header
from .nesting import Level, without_numeral
from .notices import Findings
from .sheets import Value, column_letter

# The fields of an item in the order the file lists them; the fields a sheet gives that are
# not here (unknown columns) come after them, and the log last.
FIELD_ORDER = tuple(f for f in ITEM_FIELDS if f not in ("parent", "milestone", "log"))
# Fields the file has that a column must not be kept under (a header "log" or "id").
RESERVED = {*ITEM_FIELDS}
# Figures of a goal are computed from its tasks: a category row's cells for them are not read.
TASK_ONLY = ("status", "progress", "actual", "done_on")


class Node:
    """A row on its way to becoming an item."""

    __slots__ = (
        "row",
        "title",
        "numeral",
        "marker",
        "sparse",
        "stated",
        "fields",
        "extra",
        "note",
        "seq",
        "level",
        "children",
        "figures",
        "units",
        "numbered",
        "completion",
        "milestones",
        "noted",
        "indent",
        "plain_seq",
        "written",
        "dated_notes",
    )

    def __init__(self, row: int, title: str):
        self.row = row
        self.title, self.numeral, self.marker = without_numeral(title)
        self.written = title  # the title with the numbering it starts with (items.own_ids)
        self.sparse = False  # leaves most data columns empty (see nesting)
        self.stated: set[str] = set()  # due, start: written, if only as 长期 (no deadline)
        self.fields: dict[str, Any] = {}
        self.extra: dict[str, Any] = {}  # kept columns, by key
        self.note: str | None = None
        # (month, note) of each progress column of one period's (note_columns)
        self.dated_notes: list[tuple[int, str]] = []
        self.seq: str | None = None  # a dotted 序号 (1, 1.2), when the 序号 give the tree
        self.level: Level | None = None
        self.children: list[Node] = []
        self.figures: dict[str, Any] = {}  # status, progress… read from the row (TASK_ONLY)
        # (field, unit, column name, value, address) of each figure written with a unit
        self.units: list[tuple[str, str, str, Value, str]] = []
        self.numbered = False  # numbered by a plain 序号 (1, 2, 3) of its own
        self.indent = 0  # the title cell's indent in a workbook, in levels (see nesting)
        # its 序号 where that is a plain number (1, 12), or in an export a part's id (一)
        self.plain_seq: str | None = None
        self.completion: Value = None  # 完成率, the progress of a task no figure measures
        # (column, cell value, the milestone table, the unit of its value) of each 时间节点
        self.milestones: list[tuple[Column, Value, dict[str, Any], str]] = []
        # (column, cell value, the day it names or None) of an 更新日期 cell
        self.noted: tuple[Column, Value, Any] | None = None


def has_computed_columns(header: Header) -> bool:
    """Whether a header has the columns a plan computes (序时进度, 红黄绿灯) beside a 状态, as
    ``plan export`` writes them. A 考核台账 an office keeps by hand may have a 序时进度 beside
    its 1-6月完成 and no 状态: it is no table of a plan's own (its 填报单位 an office of the
    town, its 考核指标 under the 考核项目 merged over them)."""
    fields = {column.field for column in header.columns}
    return "computed" in fields and "status" in fields


class Reading:
    """The reading of one sheet under its header, for a plan of ``year``: the rows into the
    tree (``rows``), the cells into fields (``cells``) and the tree into items (``items``) all
    add to its ``problems`` (every unreadable cell, by address, reported together) and to
    ``found`` (what the import says it did beyond the fields)."""

    def __init__(self, path: str, header: Header, year: int):
        self.path, self.header, self.year = path, header, year
        self.sheet = header.sheet
        self.columns = header.by_field()
        self.title_column = self.columns["title"]
        self.keys = _column_keys(header)
        self.problems: dict[str, CellProblem] = {}
        self.found = Findings()
        self.same_as_above: dict[tuple[int, int], Value] = {}  # 同上 cells, resolved
        self.zeros: list[tuple[int, str, str]] = []  # 序号 read with their zeros back (rows)
        # (level, numbering) down the county's outline a 县级编号 column writes (cells._key)
        self.county_outline: list[tuple[Level, str]] = []
        self.fraction_columns: dict[int, bool] = {}  # 进度 columns holding 0.6 for 60%
        self.on_given = False
        # The day a task marked done on no day is taken to be done (done_days); None: no day
        # is known (a ledger of a past year that states none).
        self.done_day: dt.date | None = (
            None  # --on dates every note, whatever a row's 更新日期 says
        )
        # The days a row's 更新日期 may date its note: in the plan's year (or the next, for the
        # year's last report), and not after today.
        self.note_days = (dt.date(year, 1, 1), dt.date(year + 1, 12, 31))
        # The plan's period, in which a deadline without a year of its own falls (build_sheet
        # sets a July-to-June one).
        self.period = (dt.date(year, 1, 1), dt.date(year, 12, 31))

    def written_by_export(self) -> bool:
        """Whether the table has the figures a plan computes beside the others (完成率, 序时进度,
        红黄绿灯), as ``plan export`` writes them: with ids in its 序号 (``items.own_ids``), a
        table of the plan's own."""
        return has_computed_columns(self.header)

    def address(self, row: int, column: Column) -> str:
        """A cell by its address; a merged cell by its first cell, the one to correct."""
        span = self.sheet.span(row, column.index)
        return self.sheet.address(*((span[0], span[1]) if span else (row, column.index)))

    def problem(self, row: int, column: Column, value: Value, exc: CellUnreadable) -> None:
        address = self.address(row, column)
        self.problems.setdefault(address, CellProblem(address, column.name, value, exc.zh, exc.en))


def _column_keys(header: Header) -> dict[int, str]:
    """The field name each column's cells are kept under when they are kept (an unknown
    column, 备注, the words of a figure such as "3.2万余亩"): the header as written, made
    unique (a second 备注 is 备注（H列）), never a field the file itself has."""
    keys: dict[int, str] = {}
    used: set[str] = set(RESERVED)
    for column in header.columns:
        key = column.name.replace("\n", " ")
        if key in used:
            key = f"{key}（{column_letter(column.index)}列）"
        used.add(key)
        keys[column.index] = key
    return keys
