"""Rows of a sheet into a plan document (pure: the sheets are already read). Category rows
(一、… （一）… 1. （1）) become parts and goals, task rows go under the latest category, ids are
given by position ("1", "1.2", "1.2.3") unless the 序号 column holds such ids itself, and every
cell lands in a field: the plan's own, or one named after its column. Cells that cannot be
read are gathered and reported together, by address."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from ..model import ITEM_FIELDS
from .above import AS_OF_NOTE, as_of, distinct_values, is_title, organisation, year_in
from .dates import Due, read_deadline, years_in
from .errors import (
    BadCells,
    CellProblem,
    CellUnreadable,
    NoRows,
    NoSuchSheet,
    Notice,
    UnclearRows,
    address_order,
)
from .headers import Column, Header, find_header, normalise
from .nesting import DOTTED, Level, UnclearLayout, is_numbering, nest, seq_level, without_numeral
from .notices import Findings
from .sheets import Sheet, Value, column_letter
from .values import (
    as_text,
    names,
    one_line,
    one_or_many,
    read_number,
    read_progress,
    read_status,
    read_target,
    read_weight,
)

# The fields of an item in the order the file lists them; the fields a sheet gives that are
# not here (unknown columns) come after them, and the log last.
FIELD_ORDER = tuple(f for f in ITEM_FIELDS if f not in ("parent", "milestone", "log"))
# Fields the file has that a column must not be kept under (a header "log" or "id").
RESERVED = {*ITEM_FIELDS}

# Columns that count when deciding whether a numbered row is a category row or a task.
DATA_FIELDS = (
    *(f for f in FIELD_ORDER if f not in ("id", "title", "target_text", "direction")),
    "note",
)
# Figures of a goal are computed from its tasks: a category row's cells for them are not read.
TASK_ONLY = ("status", "progress", "actual", "done_on")

_FOOTNOTE = re.compile(
    r"^(?:注\d*|说明|备注|填表人|填报人|审核人|审核|制表人?|联系电话|负责人|填报日期|日期)\s*[:：]"
)
_TOTALS = {"合计", "总计", "小计", "合 计", "总 计"}


class Options:
    """What the command line says: the plan's title and year, the day of imported notes, the
    sheet to read, and today (for a default year and note day)."""

    __slots__ = ("title", "year", "on", "sheet", "today", "file_name")

    def __init__(
        self,
        file_name: str,
        today: dt.date,
        title: str | None = None,
        year: int | None = None,
        on: dt.date | None = None,
        sheet: str | None = None,
    ):
        self.file_name, self.today = file_name, today
        self.title, self.year, self.on, self.sheet = title, year, on, sheet


class ImportResult:
    """The document made, the sheet it came from, and what the user should be told; ``rows``
    gives each item's row in the sheet (1-based)."""

    __slots__ = ("doc", "sheet", "notices", "header_row", "rows")

    def __init__(
        self,
        doc: dict[str, Any],
        sheet: str,
        notices: list[Notice],
        header_row: int,
        rows: dict[str, int] | None = None,
    ):
        self.doc, self.sheet, self.notices, self.header_row = doc, sheet, notices, header_row
        self.rows = rows or {}

    @property
    def items(self) -> int:
        return len(self.doc["item"])

    @property
    def tasks(self) -> int:
        ids = [item["id"] for item in self.doc["item"]]
        parents = {item_id.rpartition(".")[0] for item_id in ids}
        return sum(1 for item_id in ids if item_id not in parents)


def import_sheets(
    path: str, sheets: list[Sheet], maps: dict[str, str], options: Options
) -> ImportResult:
    """The plan a workbook (or CSV table) describes; raises a SheetError for a sheet it cannot
    read, with every unreadable cell named."""
    candidates = sheets
    if options.sheet is not None:
        candidates = [s for s in sheets if s.name == options.sheet] or [
            s for s in sheets if normalise(s.name) == normalise(options.sheet)
        ]
        if not candidates:
            raise NoSuchSheet(path, options.sheet, [s.name for s in sheets])
        candidates = candidates[:1]
    header = find_header(path, candidates, maps)
    notices: list[Notice] = []
    if options.sheet is None:
        others = [s.name for s in sheets if s is not header.sheet and _has_values(s)]
        if others:
            notices.append(_other_sheets(header.sheet.name, others))
    return _Builder(path, header, options, notices).build()


def _has_values(sheet: Sheet) -> bool:
    return any(v is not None for row in sheet.rows for v in row)


def _other_sheets(used: str, others: list[str]) -> Notice:
    zh_list = "、".join(f"“{n}”" for n in others)
    en_list = ", ".join(repr(n) for n in others)
    return Notice(
        f"只导入了工作表“{used}”；工作簿中还有 {zh_list}，需要时用 --sheet 指定另行导入。",
        f"Only sheet {used!r} was imported; the workbook also has {en_list}: import one with "
        "--sheet if it is wanted.",
    )


class _Node:
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
        "completion",
        "milestones",
    )

    def __init__(self, row: int, title: str):
        self.row = row
        self.title, self.numeral, self.marker = without_numeral(title)
        self.sparse = False  # leaves most data columns empty (see nesting)
        self.stated: set[str] = set()  # due, start: written, if only as 长期 (no deadline)
        self.fields: dict[str, Any] = {}
        self.extra: dict[str, Any] = {}  # kept columns, by key
        self.note: str | None = None
        self.seq: str | None = None  # a dotted 序号 (1, 1.2), when the 序号 give the tree
        self.level: Level | None = None
        self.children: list[_Node] = []
        self.figures: dict[str, Any] = {}  # status, progress… read from the row (TASK_ONLY)
        # (field, unit, column name, value, address) of each figure written with a unit
        self.units: list[tuple[str, str, str, Value, str]] = []
        self.completion: Value = None  # 完成率, the progress of a task no figure measures
        # (column, cell value, the milestone table, the unit of its value) of each 时间节点
        self.milestones: list[tuple[Column, Value, dict[str, Any], str]] = []


class _Builder:
    def __init__(self, path: str, header: Header, options: Options, notices: list[Notice]):
        self.path, self.header, self.options, self.notices = path, header, options, notices
        self.sheet = header.sheet
        self.columns = header.by_field()
        self.title_column = self.columns["title"]
        self.problems: dict[str, CellProblem] = {}
        self.found = Findings()  # what the import says it did, beyond the fields
        self.rows: dict[str, int] = {}  # item id -> its row in the sheet, 1-based
        self.row = -1  # the row being read
        self.keys = self._column_keys()

    # ------------------------------------------------------------ the whole sheet

    def build(self) -> ImportResult:
        meta, on_day = self._meta()
        self.year, self.on_day = meta["year"], on_day
        self._formulas()
        roots = self._tree()
        if not roots and not self.problems:
            raise NoRows(self.path, self.sheet.name, self.header.row + 1)
        self._inherit(roots, {})
        items: list[dict[str, Any]] = []
        dotted = self._ids_from_seq(roots)
        self._emit(roots, "", items, dotted)
        if self.problems:
            raise BadCells(
                self.path,
                sorted(self.problems.values(), key=lambda problem: address_order(problem.address)),
            )
        self.notices += self.found.said(self.keys, self.columns.get("completion"))
        doc = {"plan": meta, "item": items}
        return ImportResult(doc, self.sheet.name, self.notices, self.header.row + 1, self.rows)

    def _meta(self) -> tuple[dict[str, Any], dt.date]:
        above = [
            as_text(value)
            for row in self.sheet.rows[: self.header.row]
            for value in distinct_values(row)
        ]
        title = self.options.title
        if title is None:
            title = next((t for t in above if is_title(t)), None)
            if title is not None:
                title = AS_OF_NOTE.sub("", one_line(title))
        if not title:
            title = re.sub(r"\.[^.]*$", "", self.options.file_name) or "导入的计划"
        year = self.options.year or year_in(title) or year_in(self.options.file_name)
        if year is None:
            year = self._year_of_deadlines() or self.options.today.year
        meta: dict[str, Any] = {"title": title}
        named = next((o for o in map(organisation, above) if o), None)
        if named:
            meta["organisation"] = named
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        meta.update(year=year, start=start, end=end, lang=self._lang())
        meta["source"] = f"{self.options.file_name}（工作表“{self.sheet.name}”）"
        on_day = self.options.on or next((d for d in map(as_of, above) if d), None)
        if on_day is None:
            on_day = min(max(self.options.today, start), end)
        return meta, on_day

    def _lang(self) -> str:
        """English when every header of the table is in English (as ``plan export --lang en``
        writes it), else Chinese."""
        names = [column.name for column in self.header.columns if column.field is not None]
        return "en" if names and all(name.isascii() for name in names) else "zh"

    def _formulas(self) -> None:
        """A formula whose value was never saved (a workbook a program wrote, that no one has
        opened in Excel or WPS since) holds nothing to read: each such cell is reported, so
        that its task or figure is not silently left out."""
        names = {c.index: c.name for c in self.header.columns}
        for (row, col), formula in sorted(self.sheet.formulas.items()):
            address = self.sheet.address(row, col)
            self.problems[address] = CellProblem(
                address,
                names.get(col, f"{column_letter(col)}列"),
                formula,
                "这是一个没有保存计算结果的公式（表格由程序生成，未在 Excel 中打开保存过）；"
                "请用 Excel 或 WPS 打开这个工作簿并保存后再导入，或直接填入数值",
                "a formula with no saved value (the workbook was written by a program and never "
                "saved in Excel); open and save the workbook in Excel or WPS, or type the value",
            )

    def _year_of_deadlines(self) -> int | None:
        years: Counter[int] = Counter()
        for field in ("due", "start"):
            column = self.columns.get(field)
            if column is None:
                continue
            for row in range(self.header.first_data_row, len(self.sheet.rows)):
                years.update(years_in(self.sheet.value(row, column.index)))
        return years.most_common(1)[0][0] if years else None

    def _column_keys(self) -> dict[int, str]:
        """The field name each column's cells are kept under when they are kept (an unknown
        column, 备注, the words of a figure such as "3.2万余亩"): the header as written, made
        unique (a second 备注 is 备注（H列）), never a field the file itself has."""
        keys: dict[int, str] = {}
        used: set[str] = set(RESERVED)
        for column in self.header.columns:
            key = column.name.replace("\n", " ")
            if key in used:
                key = f"{key}（{column_letter(column.index)}列）"
            used.add(key)
            keys[column.index] = key
        return keys

    # ------------------------------------------------------------ rows into the tree

    def _tree(self) -> list[_Node]:
        nodes: list[_Node] = []
        seqs: list[str] = []
        for row in range(self.header.first_data_row, len(self.sheet.rows)):
            node = self._row(row)
            if node is None:
                continue
            seq = self._seq(row)
            if node.numeral is None and seq_level(seq) is not None:
                node.numeral, node.marker = seq_level(seq), seq
            node.sparse = self._sparse(row)
            nodes.append(node)
            seqs.append(seq)
        dotted_mode = any("." in seq and DOTTED.match(seq) for seq in seqs)
        if dotted_mode:
            for node, seq in zip(nodes, seqs, strict=True):
                if DOTTED.match(seq):
                    node.seq = seq
        groups: dict[tuple[int, int, int, int], _Node] = {}

        def place_plain(siblings: list[_Node], node: _Node) -> None:
            group = self._group(node.row)
            if group is not None:
                if group not in groups:
                    goal = _Node(node.row, node.title)
                    siblings.append(goal)
                    groups[group] = goal
                siblings = groups[group].children
                detail = node.fields.pop("detail", None)
                if detail:
                    node.title = one_line(detail)
            siblings.append(node)

        try:
            return nest(nodes, place_plain)
        except UnclearLayout as unclear:
            raise UnclearRows(self.path, self.sheet.name, unclear.examples) from None

    def _inherit(self, nodes: list[_Node], above: dict[str, tuple[Any, int]]) -> None:
        """A 完成时限 (or 开工时间) written on a category row is its tasks' when they state none,
        as the sheet means it: it is written onto each (a plan's items do not inherit)."""
        for node in nodes:
            if node.children:
                mine = dict(above)
                for field in ("due", "start"):
                    if field in node.fields:
                        mine[field] = (node.fields[field], node.row)
                    elif field in node.stated:  # 长期 on the category: none for its tasks
                        mine.pop(field, None)
                self._inherit(node.children, mine)
                continue
            given = False
            for field, (value, _) in above.items():
                if field not in node.stated and field not in node.fields:
                    node.fields[field] = value
                    given = True
            if given:
                source = (above.get("due") or above.get("start") or (None, -1))[1]
                self.found.inherited[source] = self.found.inherited.get(source, 0) + 1

    def _seq(self, row: int) -> str:
        column = self.columns.get("seq")
        if column is None:
            return ""
        value = self.sheet.value(row, column.index)
        if isinstance(value, float):
            return repr(value)
        return as_text(value).replace(" ", "")

    def _own(self, row: int, column: Column) -> Value:
        """The cell's value, unless it is only the title cell spilling over (a category row
        merged across the table)."""
        value = self.sheet.value(row, column.index)
        if column is self.title_column or value is None:
            return value
        span = self.sheet.span(row, column.index)
        if span is not None and span == self.sheet.span(row, self.title_column.index):
            return None
        return value

    def _row(self, row: int) -> _Node | None:
        """The row as a node with its fields read, or None for a row that is not an item (blank,
        a footnote, a 合计, the header again), noted in ``skipped`` where it held anything."""
        title_text = one_line(as_text(self.sheet.value(row, self.title_column.index)))
        others = [
            (column, self._own(row, column))
            for column in self.header.columns
            if column is not self.title_column
        ]
        seq = self.columns.get("seq")
        if not title_text and seq is not None:
            # A category written in the 序号 column ("一、打牢一个基础" in A5, B5 empty).
            written = one_line(as_text(self.sheet.value(row, seq.index)))
            rest, level, _ = without_numeral(written)
            if level is not None and rest != written:
                title_text = written
                others = [(c, None if c is seq else v) for c, v in others]
        stray = self._stray(row)
        filled = [(c, v) for c, v in others if v is not None and as_text(v)]
        if not title_text:
            # A merged cell reaching down from a row above into this one is not this row's.
            filled = [(c, v) for c, v in filled if not self._from_above(row, c)]
            if not filled and not stray:
                return None
            if all(c.field in ("seq", "computed", "completion") for c, _ in filled) and not stray:
                self.found.skipped.append((row, as_text(filled[0][1])))
                return None
            self._problem(
                row,
                self.title_column,
                None,
                CellUnreadable(
                    "这一行有内容，但没有任务名称；请填上任务名称，或删去这一行",
                    "the row has cells filled but no task title; write the title, or delete the row",
                ),
            )
            return None
        if (
            _FOOTNOTE.match(title_text)
            or title_text.replace(" ", "") in _TOTALS
            or normalise(title_text) == normalise(self.title_column.name)
        ):
            self.found.skipped.append((row, title_text))
            return None
        node = _Node(row, title_text)
        for column, value in others:
            if value is None or not as_text(value):
                continue
            self._read(node, row, column, value)
        for col, value in stray:
            node.extra.setdefault(f"{column_letter(col)}列", _kept(value))
            if col not in self.found.kept_unknown:
                self.found.kept_unknown.append(col)
        return node

    def _from_above(self, row: int, column: Column) -> bool:
        span = self.sheet.span(row, column.index)
        return span is not None and span[0] < row

    def _stray(self, row: int) -> list[tuple[int, Value]]:
        """Cells in columns without a header: kept under the column's letter."""
        named = {c.index for c in self.header.columns}
        found: list[tuple[int, Value]] = []
        title_span = self.sheet.span(row, self.title_column.index)
        for col in range(self.sheet.width):
            if col in named:
                continue
            value = self.sheet.value(row, col)
            if value is None or not as_text(value):
                continue
            if title_span is not None and self.sheet.span(row, col) == title_span:
                continue
            found.append((col, value))
        return found

    def _sparse(self, row: int) -> bool:
        """Whether the row leaves most data columns empty, as a heading does. A cell merged
        down over several rows (a 牵头单位 shared by a part's tasks) is not the row's own."""
        counted = [c for c in self.header.columns if c.field in DATA_FIELDS]
        filled = 0
        for column in counted:
            value = self._own(row, column)
            span = self.sheet.span(row, column.index)
            if value is not None and as_text(value) and (span is None or span[0] == span[2]):
                filled += 1
        return filled * 2 < len(counted) or not counted

    def _group(self, row: int) -> tuple[int, int, int, int] | None:
        """A title cell merged down over several rows whose 具体措施 differ: the merged title is
        a goal and each row a task named by its measure."""
        span = self.sheet.span(row, self.title_column.index)
        detail = self.columns.get("detail")
        if span is None or span[2] == span[0] or detail is None:
            return None
        values = {
            as_text(self.sheet.value(r, detail.index))
            for r in range(span[0], span[2] + 1)
            if as_text(self.sheet.value(r, detail.index))
        }
        return span if len(values) >= 2 else None

    # ------------------------------------------------------------ cells into fields

    def _read(self, node: _Node, row: int, column: Column, value: Value) -> None:
        field = column.field
        if field == "seq":
            if not is_numbering(as_text(value)):  # not a 序号 but something to keep
                node.extra[self.keys[column.index]] = _kept(value)
            return
        if field == "computed":
            self.found.computed_seen.add(column.name)
            return
        if field == "completion":
            node.completion = value
            return
        if field in ("keep", None):
            node.extra[self.keys[column.index]] = _kept(value)
            if field is None and column not in self.found.kept_unknown:
                self.found.kept_unknown.append(column)
            return
        if field == "note":
            node.note = as_text(value)
            return
        reader = _READERS[field]
        self.row = row
        try:
            reader(self, node, column, value)
        except CellUnreadable as exc:
            self._problem(row, column, value, exc)

    def _address(self, row: int, column: Column) -> str:
        """A cell by its address; a merged cell by its first cell, the one to correct."""
        span = self.sheet.span(row, column.index)
        return self.sheet.address(*((span[0], span[1]) if span else (row, column.index)))

    def _problem(self, row: int, column: Column, value: Value, exc: CellUnreadable) -> None:
        address = self._address(row, column)
        self.problems.setdefault(address, CellProblem(address, column.name, value, exc.zh, exc.en))

    def _text(self, node: _Node, column: Column, value: Value) -> None:
        node.fields[column.field or ""] = as_text(value)

    def _names(self, node: _Node, column: Column, value: Value) -> None:
        found = one_or_many(value)
        if found is not None:
            node.fields[column.field or ""] = found

    def _list(self, node: _Node, column: Column, value: Value) -> None:
        found = names(value)
        if found:
            node.fields[column.field or ""] = found

    def _deadline(self, node: _Node, column: Column, value: Value) -> None:
        due, start = read_deadline(value, self.year)
        if column.field == "start":
            node.stated.add("start")
            if due is not None:
                node.fields["start"] = due
            return
        node.stated.add("due")
        if due is not None:
            node.fields["due"] = due
        if start is not None and "start" not in node.fields:
            node.fields["start"] = start

    def _day(self, node: _Node, column: Column, value: Value) -> None:
        due, _ = read_deadline(value, self.year)
        if not isinstance(due, dt.date):
            raise CellUnreadable(
                "应为某一天，如 2023-10-20 或 10月20日", "expected a day, such as 2023-10-20"
            )
        node.figures["done_on"] = due

    def _measure(self, node: _Node, column: Column, value: Value) -> None:
        node.fields["measure"] = as_text(value)

    def _metric(self, node: _Node, column: Column, value: Value) -> None:
        reading = read_number(value)
        field = column.field or ""
        (node.figures if field == "actual" else node.fields)[field] = reading.value
        if reading.unit:
            node.units.append(
                (field, reading.unit, column.name, value, self._address(self.row, column))
            )
        if reading.more:  # "3.2万余亩": the number is read, the words are kept
            node.extra.setdefault(self.keys[column.index], as_text(value))

    def _target(self, node: _Node, column: Column, value: Value) -> None:
        target = read_target(value)
        if target.value is not None:
            node.fields["target"] = target.value
        if target.text is not None:
            node.fields["target_text"] = target.text
        if target.down:
            node.fields["direction"] = "down"
        if target.measure and target.value is not None:
            node.units.append(
                ("target", target.measure, column.name, value, self._address(self.row, column))
            )

    def _milestone(self, node: _Node, column: Column, value: Value) -> None:
        """A 季度形象进度 / 时间节点 cell: a percent is the progress due by the column's period,
        a figure the value due by then; words (完成规划设计) are kept as they are."""
        reading = None
        if not isinstance(value, bool | dt.date):
            try:
                reading = read_number(value)
            except CellUnreadable:
                reading = None
        if reading is None or reading.more:
            self._milestone_as_words(node, column, value)
            return
        due = self._period_due(column.period)
        if reading.unit == "%":
            if not 0 <= reading.value <= 100:
                raise CellUnreadable(
                    "应为 0 到 100 之间的进度百分数", "expected a percent from 0 to 100"
                )
            node.milestones.append((column, value, {"due": due, "progress": reading.value}, ""))
        else:
            node.milestones.append(
                (column, value, {"due": due, "value": reading.value}, reading.unit)
            )

    def _milestone_as_words(self, node: _Node, column: Column, value: Value) -> None:
        node.extra[self.keys[column.index]] = _kept(value)
        self.found.milestone_words.append(self._address(node.row, column))

    def _period_due(self, period: str) -> Due:
        """A milestone column's period as a due: "Q2" -> "2023-Q2", "06" -> "2023-06",
        "06-30" -> 2023-06-30 (the plan's year unless the header names one: "2024-Q1")."""
        found = re.fullmatch(r"(?:(\d{4})-)?(Q\d|\d\d)(?:-(\d\d))?", period)
        assert found is not None, period  # headers.period_of wrote it
        year = int(found.group(1) or self.year)
        if found.group(3):
            return dt.date(year, int(found.group(2)), int(found.group(3)))
        return f"{year:04d}-{found.group(2)}"

    def _status(self, node: _Node, column: Column, value: Value) -> None:
        status, day = read_status(value)
        node.figures["status"] = status
        if day is not None:
            node.figures.setdefault("done_on", day)

    def _progress(self, node: _Node, column: Column, value: Value) -> None:
        node.figures["progress"] = read_progress(value)

    def _weight(self, node: _Node, column: Column, value: Value) -> None:
        node.fields["weight"] = read_weight(value)

    # ------------------------------------------------------------ the tree into items

    def _ids_from_seq(self, roots: list[_Node]) -> bool:
        """Whether the 序号 column's dotted ids can be the items' ids: every item has one, none
        twice, and each is its parent's id and one more number."""
        seen: set[str] = set()

        def fits(nodes: list[_Node], prefix: str) -> bool:
            for node in nodes:
                if node.seq is None or node.seq in seen:
                    return False
                head, _, last = node.seq.rpartition(".")
                if head != prefix or not last.isdigit():
                    return False
                seen.add(node.seq)
                if not fits(node.children, node.seq):
                    return False
            return True

        if not any(node.seq for node in roots):
            return False
        if fits(roots, ""):
            return True
        self.notices.append(
            Notice(
                "序号一栏的编号与各行的上下级不完全对应，事项编号按位置重新编排（1、1.1、1.1.1…）。",
                "The 序号 column's numbers do not all match the rows' places in the tree, so "
                "the items are numbered by position (1, 1.1, 1.1.1…).",
            )
        )
        return False

    def _emit(
        self, nodes: list[_Node], prefix: str, items: list[dict[str, Any]], dotted: bool
    ) -> None:
        for position, node in enumerate(nodes, start=1):
            item_id = node.seq if dotted and node.seq else f"{prefix}{position}"
            items.append(self._item(node, item_id))
            self.rows[item_id] = node.row + 1
            self._emit(node.children, f"{item_id}.", items, dotted)

    def _item(self, node: _Node, item_id: str) -> dict[str, Any]:
        fields = dict(node.fields)
        if node.children:
            if any(v is not None for v in node.figures.values()):
                self.found.goal_figures.append(node.row)
        else:
            fields.update(node.figures)
            self._progress_from_completion(node, fields)
        self._settle_measure(fields, node.units)
        milestones = []
        for column, value, milestone, unit in node.milestones:
            # A figure measures a task by its target: without one (or in another unit) it
            # says nothing the plan can follow, and is kept as written.
            figure = "value" in milestone
            if node.children or (
                figure
                and (
                    not isinstance(fields.get("target"), int | float)
                    or not _same_unit(unit, fields.get("measure"), value)
                )
            ):
                self._milestone_as_words(node, column, value)
            else:
                milestones.append(milestone)
        table: dict[str, Any] = {"id": item_id, "title": node.title}
        for key in FIELD_ORDER[2:]:
            if key in fields:
                table[key] = fields[key]
        table.update(node.extra)
        if milestones:
            table["milestone"] = milestones
        if node.note:
            table["log"] = [{"on": self.on_day, "note": node.note}]
        return table

    def _progress_from_completion(self, node: _Node, fields: dict[str, Any]) -> None:
        """完成率 is what the plan computes, and for a task that no figure measures (no target
        number and actual to compare) it is the task's progress: read so, where the row gives
        no 进度 of its own, the task is neither done nor dropped, and it is above 0."""
        if node.completion is None or "progress" in fields:
            return
        if fields.get("status") in ("done", "dropped"):
            return
        from ..model import Item
        from ..rollup import metric_completion

        if metric_completion(Item(fields)) is not None:
            return
        try:
            progress = read_progress(node.completion)
        except CellUnreadable:  # "—", or words: a computed column is no reason to refuse
            return
        if progress:
            fields["progress"] = progress
            self.found.progress_from_completion.append(node.row)

    def _settle_measure(
        self, fields: dict[str, Any], units: list[tuple[str, str, str, Value, str]]
    ) -> None:
        """The measure: the 计量单位 column's, else the unit the target (or a figure) was written
        in, else the one the header gives in brackets (目标值（万亩）). A figure in another unit
        than the measure cannot be compared with it: a target's number is then left out (its
        words stay in target_text), a baseline or actual is reported."""
        measure = fields.get("measure")
        if measure is None and units:
            measure = units[0][1]
        if measure is None:
            for field in ("target", "baseline", "actual"):
                column = self.columns.get(field)
                if column is not None and column.unit and field in fields:
                    measure = column.unit
                    break
        if measure is not None:
            fields["measure"] = measure
        for field, unit, column_name, value, address in units:
            if _same_unit(unit, measure, value):
                continue
            if field == "target":
                fields.pop("target", None)
                fields.setdefault("target_text", as_text(value))
                self.found.unit_clashes.append(f"{address} {as_text(value)}（{measure}）")
            else:
                fields.pop(field, None)
                self.problems.setdefault(
                    address,
                    CellProblem(
                        address,
                        column_name,
                        value,
                        f"单位“{unit}”与计量单位“{measure}”不一致；请换算成{measure}，或改正计量单位",
                        f"the unit {unit!r} is not the measure {measure!r}; convert it to "
                        f"{measure}, or correct the measure",
                    ),
                )


_READERS: dict[str, Callable[[_Builder, _Node, Column, Value], None]] = {
    "detail": _Builder._text,
    "reason": _Builder._text,
    "lead": _Builder._names,
    "lead_unit": _Builder._names,
    "owner": _Builder._names,
    "support_units": _Builder._list,
    "evidence": _Builder._list,
    "due": _Builder._deadline,
    "start": _Builder._deadline,
    "done_on": _Builder._day,
    "measure": _Builder._measure,
    "baseline": _Builder._metric,
    "actual": _Builder._metric,
    "target": _Builder._target,
    "status": _Builder._status,
    "progress": _Builder._progress,
    "weight": _Builder._weight,
    "milestone": _Builder._milestone,
}


def _same_unit(unit: str, measure: str | None, value: Value = None) -> bool:
    """Whether a figure written with ``unit`` is in the measure: the same unit, none, or the
    measure written out after the number ("0.5吨标准煤", whose unit is read as 吨)."""
    if not measure or not unit:
        return True
    if normalise(unit) == normalise(measure):
        return True
    written = normalise(as_text(value))
    return normalise(measure).startswith(normalise(unit)) and normalise(measure) in written


def _kept(value: Value) -> Any:
    if isinstance(value, str):
        return as_text(value)
    return value
