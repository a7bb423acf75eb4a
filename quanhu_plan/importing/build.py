"""Rows of a sheet into a plan document (pure: the sheets are already read). Here: which sheet
is read, the plan's own table (title, year, organisation from the lines above the header), and
the steps in order, which share one ``reading.Reading``: ``rows`` nests the rows into a tree
(category rows 一、… （一）… 1. （1） become parts and goals, task rows go under the latest
category), ``cells`` reads each cell into a field (the plan's own, or one named after its
column), ``items`` gives ids ("1", "1.2", "1.2.3", or the 序号 column's own) and makes the items.
Cells that cannot be read are gathered and reported together, by address."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections import Counter
from typing import Any

from ..inputs import InputError, plan_year, shown
from ..model import OFFICE_KEY, WEIGHT_HEADER, held_all_year
from ..shell_words import quote
from ..texts import one_line
from .above import (
    AS_OF_NOTE,
    SINCE_JANUARY,
    as_of,
    distinct_values,
    filled_on,
    is_title,
    months_through,
    organisation,
    period,
    period_reported,
    place_after_year,
    place_of_title,
    place_opening_title,
    reporting_office,
    stated_year,
    town_of_office,
    worded_period,
    year_in,
)
from .campaign import (
    began_the_year_before,
    campaign_notice,
    campaign_period,
    first_of_two_years,
)
from .dates import read_period, years_in
from .done_days import assumed_done_days
from .errors import BadCells, CellProblem, NoRows, NoSuchSheet, Notice, address_order
from .fill_lights import lights_from_fills, lit_by_fill
from .goal_column import targets_beside_titles
from .headers import Column, Header, bare_name, find_header, normalise
from .heading_counts import miscounted, miscounted_notice
from .heading_units import heading_units, heading_units_notice
from .items import ids_from_seq, own_ids, plan_items
from .light_compare import unlike_lights
from .note_columns import period_notes_label, period_notes_notice
from .notices import ledger_lights
from .other_sheets import other_sheets
from .reading import Reading, has_computed_columns
from .rows import tree
from .sheets import Sheet, column_letter
from .standard_targets import standard_column, standard_targets
from .title_targets import (
    title_targets,
    title_targets_notice,
    units_from_titles,
    units_from_titles_notice,
)
from .tree_passes import group_points, inherit, own_figures
from .unit_column import units_headed_unit
from .values import as_text


class DayWithoutYear:
    """``--on`` typed without a year (6月30日): read in the plan's period once it is known,
    and said back (``--on 6月30日 读作 2023-06-30``)."""

    __slots__ = ("month", "day", "text")

    def __init__(self, month: int, day: int, text: str):
        self.month, self.day, self.text = month, day, text


class NoSuchNoteDay(InputError):
    """``--on`` without a year that is no day of the plan's period (2月29日 in 2023)."""


class Options:
    """What the command line says: the plan's title and year, the day of imported notes (a
    ``DayWithoutYear`` until the plan's year is known), the sheet to read, and today (for a
    default year and note day)."""

    __slots__ = ("title", "year", "on", "sheet", "today", "file_name")

    def __init__(
        self,
        file_name: str,
        today: dt.date,
        title: str | None = None,
        year: int | None = None,
        on: dt.date | DayWithoutYear | None = None,
        sheet: str | None = None,
    ):
        self.file_name, self.today = file_name, today
        self.title, self.year, self.on, self.sheet = title, year, on, sheet

    def for_sheet(self, sheet: str, year: int | None = None) -> Options:
        """The same options for one sheet (and the year, when given)."""
        year = self.year if year is None else year
        return Options(self.file_name, self.today, self.title, year, self.on, sheet)


class ImportResult:
    """The document made, the sheet it came from, and what the user should be told; ``rows``
    gives each item's row in the sheet (1-based). ``sheets``: the names of the sheets read,
    when several were (``--sheet 全部``), each a part. ``by_export``: the table is one ``plan
    export`` wrote (its rows and columns a plan's: one missing is the office's trimming)."""

    __slots__ = ("doc", "sheet", "notices", "header_row", "rows", "sheets", "by_export")

    def __init__(
        self,
        doc: dict[str, Any],
        sheet: str,
        notices: list[Notice],
        header_row: int,
        rows: dict[str, int] | None = None,
        sheets: list[str] | None = None,
    ):
        self.doc, self.sheet, self.notices, self.header_row = doc, sheet, notices, header_row
        self.rows = rows or {}
        self.sheets = sheets or []
        self.by_export = False

    @property
    def items(self) -> int:
        return len(self.doc["item"])

    @property
    def tasks(self) -> int:
        items = self.doc["item"]
        parents = {item.get("parent", item["id"].rpartition(".")[0]) for item in items}
        return sum(1 for item in items if item["id"] not in parents)


def import_sheets(
    path: str, sheets: list[Sheet], maps: dict[str, str], options: Options
) -> ImportResult:
    """The plan a workbook (or CSV table) describes; raises a SheetError for a sheet it cannot
    read, with every unreadable cell named."""
    # A hidden sheet (last year's table, a lookup list) is read only when named.
    candidates = [s for s in sheets if not s.hidden] or sheets
    if options.sheet is not None and all(s.name != options.sheet for s in sheets):
        from .several import EVERY_SHEET, import_every_sheet

        if normalise(options.sheet) in EVERY_SHEET:
            hidden = [s for s in sheets if s not in candidates]
            return import_every_sheet(path, candidates, maps, options, hidden)
    if options.sheet is not None:
        candidates = [s for s in sheets if s.name == options.sheet] or [
            s for s in sheets if normalise(s.name) == normalise(options.sheet)
        ]
        if not candidates:
            raise NoSuchSheet(path, options.sheet, [s.name for s in sheets])
        candidates = candidates[:1]
    header = find_header(path, candidates, maps)
    refused = header.sheet.too_large(path)
    if refused is not None:
        raise refused
    notices: list[Notice] = []
    if header.sheet.hidden:
        notices.append(_hidden_sheet(header.sheet.name))
    if options.sheet is None:
        if (others := other_sheets(header, sheets, maps)) is not None:
            notices.append(others)
    return build_sheet(path, header, options, notices)


def _zeros(zeros: list[tuple[int, str, str]]) -> Notice:
    """序号 read with the zeros a spreadsheet took off (1.1 after 1.9 read as 1.10)."""
    zh = "、".join(f"第 {row} 行的 {seq} 读作 {read}" for row, seq, read in zeros[:5])
    en = ", ".join(f"{seq} in row {row} as {read}" for row, seq, read in zeros[:5])
    more = len(zeros) - 5
    if more > 0:
        zh, en = f"{zh} 等 {len(zeros)} 处", f"{en} and {more} more"
    return Notice(
        f"序号一栏有编号与别的行重复、又比上一行的小，像是表格软件把 1.10 当作数字存成了 1.1：{zh}。"
        "如读错了，在表格中把序号设为文本后重新导入。",
        "Some numbers in the 序号 column repeat another row's and are smaller than the row's "
        "before, as when a "
        f"spreadsheet saves 1.10 as the number 1.1: read {en}. If that is wrong, make the "
        "序号 column text in the table and import again.",
    )


def _hidden_sheet(name: str) -> Notice:
    """The sheet read is one the workbook hides (named by --sheet, or every sheet is hidden)."""
    return Notice(
        f"工作表“{name}”在工作簿中是隐藏的，仍照常导入了：隐藏不等于删除；"
        "如果导错了表，用 --sheet 指定要导入的工作表重新导入。",
        f"Sheet {name!r} is hidden in the workbook and was imported all the same: hiding is not "
        "deleting; if it is the wrong sheet, import again with --sheet naming the right one.",
    )


def build_sheet(
    path: str, header: Header, options: Options, notices: list[Notice], prefix: str = ""
) -> ImportResult:
    """The plan of the sheet under ``header``: its rows into the tree (rows), each row's cells
    into fields (cells), the tree into items (items); every unreadable cell raised together."""
    if _by_export(header):  # (pasted into Word, opened and saved by Excel: its header says so)
        header.sheet.read_escapes_back()
    meta, on_day, guessed = plan_table(header, options, notices)
    lit, light_column = lights_from_fills(header, meta["lang"])  # 亮灯情况 as fill colours
    if (goals := targets_beside_titles(header)) is not None:
        notices.append(goals)
    if (offices := units_headed_unit(header)) is not None:  # 单位 | 交通站: not a measure
        notices.append(offices)
    if guessed:
        notices.append(this_years(meta["year"]))
    if (lone := _lone_since_january(header)) is not None:
        notices.append(lone)
    if OFFICE_KEY in meta and not _by_export(header):  # (an export says both, as they were)
        notices.append(_office(meta))
    reading = Reading(path, header, meta["year"])
    reading.period = (meta["start"], meta["end"])
    reading.on_given = options.on is not None
    origin = _day_origin(options, on_day, meta["start"], meta["end"])
    # a task marked done on no day is done on the ledger's day, or today within the period
    reading.done_day = on_day if origin in ("on", "file", "today") else None
    reading.note_days = (reading.note_days[0], min(reading.note_days[1], options.today))
    unsaved = None if options.title is not None else _unsaved_title(header)
    if unsaved is not None:
        reading.problems[unsaved.address] = unsaved
    roots = tree(reading)
    if not roots and not reading.problems:
        raise NoRows(path, header.sheet.name, header.row + 1)
    given = own_ids(reading, roots, notices) if not prefix else None
    if given is None:  # (a table whose 序号 are the ids has every item it says, no more)
        own_figures(reading, roots)
    if given is None or not reading.written_by_export():  # (the plan's items inherit nothing)
        inherit(reading, roots, {})
        if led := heading_units(roots):
            notices.append(heading_units_notice(led))
        if wrong := miscounted(roots):
            notices.append(miscounted_notice(wrong))
    group_points(reading, roots)
    if "target" not in reading.columns and not reading.written_by_export():
        from_titles: list[tuple[int, str, str]] = []
        left_in_titles: list[tuple[int, str]] = []
        if (standard := standard_column(reading)) is not None:  # 工作标准: 建成3个
            from_cells: list[tuple[int, str, str]] = []
            left_in_cells: list[tuple[int, str]] = []
            standard_targets(reading, roots, standard, from_cells, left_in_cells)
            notices += title_targets_notice(from_cells, left_in_cells, standard.name)
        title_targets(roots, from_titles, left_in_titles)
        notices += title_targets_notice(from_titles, left_in_titles)
    elif not reading.written_by_export():  # 目标值 10 beside 完成10个村居环境整治: 个村居
        units: list[tuple[int, str, str]] = []
        units_from_titles(roots, units)
        if units:
            notices.append(units_from_titles_notice(units))
    weight = reading.columns.get("weight")
    if weight is not None and bare_name(weight.name) not in ("权重", "weight"):
        meta[WEIGHT_HEADER] = one_line(weight.name).strip()  # 考核分值: export's word again
    if reading.zeros:
        notices.append(_zeros(reading.zeros))
    dotted = given is None and ids_from_seq(roots, notices)
    items, rows = plan_items(reading, roots, dotted, on_day, prefix, given)
    if reading.problems:
        raise BadCells(
            path,
            sorted(reading.problems.values(), key=lambda problem: address_order(problem.address)),
        )
    ids: dict[int, str] = {}
    for item_id, row in rows.items():  # a title merged over rows: the goal, which holds them
        ids.setdefault(row - 1, item_id)
    note = reading.columns.get("note")
    notices += reading.found.said(
        reading.keys,
        reading.columns.get("completion"),
        ids,
        reading.title_column.index,
        period_notes_label(header.columns, reading.period)
        or (note.name if note is not None else None),
    )
    notices += [_second(reading, c) for c in header.columns if c.second is not None]
    imported = set(rows.values())
    if lit := [r for r in lit if r + 1 in imported]:  # (not a 合计 row's, nor a note's)
        notices.append(lit_by_fill(lit, light_column))
    if (lights := ledger_lights(header.columns)) is not None:
        notices.append(lights)
        # (set beside the plan's only on a day known: --on, 截至…, or today in the period)
        known = origin in ("on", "file", "today")
        if known and (unlike := unlike_lights({"plan": meta, "item": items}, rows, on_day)):
            notices.append(unlike)
    if (by_periods := period_notes_notice(header.columns, reading.period)) is not None:
        notices.append(by_periods)
    if reading.found.own_figures:
        notices.append(_own_figures(reading.found.own_figures, rows))
    if reading.found.goal_targets and not reading.written_by_export():  # (the plan's own)
        notices.append(_goal_targets(reading.found.goal_targets))
    noted = reading.columns.get("noted_on")
    if noted is not None and reading.found.noted_days:
        notices.append(_noted_days(noted.name, reading, on_day))
    reached = _reached_not_done(items)
    if reached:
        notices.append(_reached(reached, None if on_day == options.today else on_day))
    if reading.found.assumed_done_days:
        notices.append(assumed_done_days(reading.found.assumed_done_days, on_day, origin))
    slipped = _done_days(items, (meta["start"], meta["end"]), options.today)
    if slipped is not None:
        notices.append(slipped)
    doc = {"plan": meta, "item": items}
    result = ImportResult(doc, header.sheet.name, notices, header.row + 1, rows)
    result.by_export = reading.written_by_export()
    return result


def _reached_not_done(items: list[dict[str, Any]]) -> list[str]:
    """The tasks whose 完成值 reaches their 目标值 (油菜 1200 of 1200亩) with no 状态 saying
    they are done: not ticked off, they are 逾期 once their deadline passes. A figure held all
    year (a limit, a rate's floor: 按时办结率≥98%) is no such task: within it, it is held."""
    parents = {str(item["id"]).rpartition(".")[0] for item in items}
    found = []
    for item in items:
        if item["id"] in parents or item.get("status") in ("done", "dropped"):
            continue
        target, actual = _figure(item.get("target")), _figure(item.get("actual"))
        if target is None or actual is None or item.get("direction") == "down":
            continue
        if held_all_year(item):
            continue
        if 0 < target <= actual:
            found.append(str(item["id"]))
    return found


def _figure(value: Any) -> float | None:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _reached(ids: list[str], on_day: dt.date | None) -> Notice:
    """``on_day``: the day the table's figures stand on, where it is not today (a 1-6月 台账
    imported in July, last year's ledger): the tick-off advised is dated then, not late today."""
    listed = " ".join(map(quote, ids)) + (
        f" --on {on_day.isoformat()}" if on_day is not None else ""
    )
    return Notice(
        f"{'、'.join(ids)} 的完成值已达到目标值，表中没有写明已完成，没有销号（过了完成时限即算"
        f"逾期）；核实后用 plan done {listed} 销号。",
        f"{', '.join(ids)} reached the target, and the table does not say done: not ticked off "
        f"(overdue once past the deadline); check, then tick off with plan done {listed}.",
    )


def _day_origin(options: Options, on_day: dt.date, start: dt.date, end: dt.date) -> str:
    """Where the day the table stands on comes from: on (--on), today, end or start (today
    outside the plan's period, the period's end or start instead), else file (截至, 填报)."""
    if options.on is not None:
        return "on"
    if on_day == options.today:
        return "today"
    if on_day == min(max(options.today, start), end):
        return "end" if on_day == end else "start"
    return "file"


def _done_days(
    items: list[dict[str, Any]], period: tuple[dt.date, dt.date], today: dt.date
) -> Notice | None:
    """The tick-offs the table dates (完成日期, 已完成（2024-05-01）) outside the plan's period
    or after today, as plan done --on such a day is warned of (``status_dated``): ticked off
    as the table says, but views --as-of count them only from that day, and a year typed wrong
    keeps them 未完成 in every view of the year."""
    start, end = period
    found = [
        (str(item["id"]), day)
        for item in items
        if isinstance(day := item.get("done_on"), dt.date) and not start <= day <= min(end, today)
    ]
    if not found:
        return None
    zh = "、".join(f"{item_id}（{day.isoformat()}）" for item_id, day in found)
    en = ", ".join(f"{item_id} ({day.isoformat()})" for item_id, day in found)
    first = quote(found[0][0])
    return Notice(
        f"这些任务的完成日期不在计划期 {start} 至 {end} 内，或晚于今天（{today}）：{zh}。已按表中"
        "所写销号，按 --as-of 查看时从完成日期起才算完成；是不是年份写错了？请核对，可在表格里改正"
        f"后重新导入，或用 plan reopen {first}，再 plan done {first} --on 正确的日期。",
        f"These tasks' done dates are outside the plan's period {start} to {end}, or after "
        f"today ({today}): {en}. Ticked off as the table says, views --as-of count them done "
        f"only from that day; is the year a slip? Check: correct the table and import again, "
        f"or plan reopen {first}, then plan done {first} --on the right day.",
    )


def _unsaved_title(header: Header) -> CellProblem | None:
    """A formula without a saved value above the header where no text gives the title (a
    workbook a program wrote): the plan's title and year would be the file's and this year's
    without a word, so it is reported."""
    sheet = header.sheet
    above = [(r, c) for r, c in sheet.formulas if r < header.row]
    rows = sheet.rows[: header.row]
    if not above or any(is_title(as_text(v)) for row in rows for v in distinct_values(row)):
        return None
    r, c = min(above)
    return CellProblem(
        sheet.address(r, c),
        "表头上方的标题",
        sheet.formulas[(r, c)],
        "这是一个没有保存计算结果的公式（表格由程序生成，未在 Excel 中打开保存过），读不出计划名称"
        "和年度；请用 Excel 或 WPS 打开这个工作簿并保存后再导入，或用 --title 和 --year 给出计划"
        "名称和年度",
        "a formula with no saved value (the workbook was written by a program and never saved "
        "in Excel), so the plan's title and year cannot be read; open and save the workbook in "
        "Excel or WPS, or give them with --title and --year",
    )


def _own_figures(goal_rows: list[int], rows: dict[str, int]) -> Notice:
    """The rows whose own target (or actual) went to a task under them (``rows.own_figures``):
    the goal each became and that task, by id (the task is the last item of the row)."""
    pairs = []
    for row in goal_rows:
        ids = [item_id for item_id, at in rows.items() if at == row + 1]
        pairs.append((row + 1, ids[0], ids[-1]))
    zh = "、".join(f"第 {row} 行（{goal} → {task}）" for row, goal, task in pairs)
    en = ", ".join(f"row {row} ({goal} -> {task})" for row, goal, task in pairs)
    one = len(pairs) == 1
    en_states = (
        "states a target or actual of its own and has rows under it: it is"
        if one
        else "state a target or actual of their own and have rows under them: each is"
    )
    return Notice(
        f"{zh}写了自己的目标值或完成值，下面又有分项：这一行导入为目标，分项是它的任务；"
        "目标的完成率由任务汇总，不看它自己的数字，所以这一行的目标值、完成值等放在它下面一项"
        "同名的任务上（排在分项之后），照常填报和汇总。",
        f"{en[0].upper()}{en[1:]} {en_states} imported as a goal, those rows its tasks; a "
        "goal's completion comes from its tasks, not from figures of its own, so the row's "
        "target, actual and the like are on a task of the same title under it (after the "
        "others), recorded and rolled up as any other.",
    )


def _goal_targets(goal_targets: list[tuple[int, str, str]]) -> Notice:
    """The rows whose target stays on the goal they became (a target in words, or one the
    table's own ids give no task for): kept and shown, but no figure the plan follows."""
    zh = "、".join(f"第 {row + 1} 行（{goal}）的“{target}”" for row, goal, target in goal_targets)
    en = ", ".join(f"{target!r} in row {row + 1} ({goal})" for row, goal, target in goal_targets)
    first, one = quote(goal_targets[0][1]), len(goal_targets) == 1
    return Notice(
        f"{zh}是分类（目标）行自己写的目标，记在{'这个目标' if one else '各自的目标'}上"
        f"（plan show {first} 可以看到）；"
        "目标的完成率由下属任务汇总，不看这个目标值。要按它填报完成值，用 plan add 在它下面"
        "加一项任务并给出 --target。",
        f"The target{'' if one else 's'} {en} {'is' if one else 'are'} stated on category (goal) rows and kept "
        f"on the goal (plan show {first} shows it); a goal's completion comes from its tasks, "
        "not from this target. To record an actual against it, add a task under the goal with "
        "plan add and --target.",
    )


def _second(reading: Reading, column: Column) -> Notice:
    """A column whose field the column before it already reads (two 完成情况): kept."""
    first = column.second
    assert first is not None
    count = sum(1 for c in reading.header.columns if c is first or c.second is first)
    key = reading.keys[column.index]
    read, kept = column_letter(first.index), column_letter(column.index)
    if normalise(first.name) != normalise(column.name):  # 责任单位 beside 牵头单位
        return Notice(
            f"“{column.name}”与“{first.name}”读作同一项：读的是 {read} 列“{first.name}”，"
            f"{kept} 列原样保留为“{key}”（用 --map 可以另指定）。",
            f"{column.name!r} and {first.name!r} name the same field: column {read} "
            f"({first.name!r}) is read, column {kept} is kept as it is, as {key!r} (--map can say "
            "otherwise).",
        )
    return Notice(
        f"表头里“{first.name}”有 {count} 列：读的是 {read} 列，{kept} 列原样保留为“{key}”。",
        f"The header has {count} columns named {first.name!r}: column {read} is read, column "
        f"{kept} is kept as it is, as {key!r}.",
    )


def _noted_days(column: str, reading: Reading, on_day: dt.date) -> Notice:
    """The notes dated by their row's 更新日期 (and the day of those it dates not)."""
    count = len(reading.found.noted_days)
    zh = f"进展情况按各行“{column}”一栏的日期记入（{count} 行）"
    en = f"Progress notes are dated by each row's {column!r} ({count} row(s))"
    if reading.found.undated_notes:
        zh += (
            "；没有写明某一天的，或那一天不在计划年度内（至多到次年年底）、晚于今天的，"
            f"记为 {on_day.isoformat()}"
        )
        en += (
            "; those without a day there, or with one outside the plan's year (or the next) or "
            f"after today, are dated {on_day.isoformat()}"
        )
    return Notice(zh + "。", en + ".")


def plan_table(
    header: Header, options: Options, notices: list[Notice] | None = None
) -> tuple[dict[str, Any], dt.date, bool]:
    """The plan's own table (title, organisation, year, language, source) from the options
    and the lines above the header, the day of the imported notes, and whether the year is
    only this year's, nothing naming one; a 计划期 in words it could not take for the plan's
    period said in ``notices``."""
    sheet = header.sheet
    # The rows shown first: a row hidden above the header is often last year's title (or
    # 截至 line) kept under this year's; it counts only where no shown row says the same.
    order = sorted(range(min(header.row, len(sheet.rows))), key=lambda r: r in sheet.hidden_rows)
    above = [as_text(value) for r in order for value in distinct_values(sheet.rows[r])]
    above[:0] = getattr(sheet, "lines_above", ())  # a Word table's: the paragraphs over it
    title = options.title
    if title is None:
        title = next((t for t in above if is_title(t)), None)
        if title is not None:
            title = AS_OF_NOTE.sub("", one_line(title))
    if not title:
        title = file_title(options.file_name)
    stated = next((y for y in map(stated_year, above) if y), None)
    year = (
        options.year
        or stated
        or first_of_two_years(title)
        or year_in(title)
        or year_in(options.file_name)
    )
    written = next((w for w in map(worded_period, above) if w), None)  # 计划期：2024年1月至12月
    if year is None and written is not None:
        year = year_in(written)
    if year is None:
        year = _year_of_deadlines(header)
        if year is not None and began_the_year_before(title, header, year):
            year -= 1  # 秋冬季 with only 2025年3月底前 written: the 2024 season's spring
    # 截至2023年6月30日, 截至6月底 (in the plan's year)
    stated_day = next((d for d in (as_of(t, year=year) for t in above) if d), None)
    if year is None and stated_day is not None:
        year = stated_day.year  # (a title without a year: 测试计划（截至2023年12月31日）)
    guessed = year is None
    if year is None:
        year = options.today.year
    reported = period_reported(title, year) if options.title is None else None
    if reported is not None:  # 重点任务第一季度进展情况: the plan's title is the 重点任务
        title = reported[0]
        stated_day = stated_day or reported[1]
    meta: dict[str, Any] = {"title": title}
    named = next((o for o in map(organisation, above) if o), None)
    town = town_of_office(named, title) if named and not _by_export(header) else None
    if named:
        meta["organisation"] = town or named
    elif (
        place := place_of_title(title) or place_opening_title(title) or place_after_year(title)
    ) is not None and not _by_export(header):
        # No 填报单位 line: the place the title names is whose plan it is (else the county's
        # 通报 names the town by the table's title); said, for the office to change.
        meta["organisation"] = place
        if notices is not None:
            where = "before" if place_of_title(title) is not None else "first"
            if where == "first" and place_opening_title(title) is None:
                where = "after"
            notices.append(_organisation_of_title(place, where))
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    given = next((p for p in map(period, above) if p), None)
    if given is None and written is not None:
        given = _one_year(read_period(written, year))
        if given is None or year not in (given[0].year, given[1].year):
            if notices is not None:
                notices.append(_unread_period(written, start, end))
            given = None
        elif not options.year:  # 2023年7月至2024年6月 under a 2024 title: the year it starts in
            year = given[0].year
    if given is None and written is None:  # 秋冬季: 2024-09 to 2025-03, not the calendar year
        campaign = campaign_period(title, header, year)
        if campaign is not None:
            given = campaign.start, campaign.end
            year = campaign.start.year
            if notices is not None:
                notices.append(campaign_notice(campaign, year))
    # (a July-to-June plan, as exported: named by the year it starts or the year it ends in)
    if given is not None and year in (given[0].year, given[1].year):
        start, end = given
    meta.update(year=year, start=start, end=end, lang=_lang(header))
    meta["source"] = (  # in the plan's language: an English sheet makes an English plan
        f"{options.file_name}（工作表“{sheet.name}”）"
        if meta["lang"] == "zh"
        else f"{options.file_name} (sheet {sheet.name!r})"
    )
    if town:  # the office kept as the sheet names it, after the plan's own fields
        meta[OFFICE_KEY] = named
    elif named and (office := next(filter(None, map(reporting_office, above)), None)):
        if office != named:  # 单位：暨阳街道　　填报单位：暨阳街道党政办 (as plan export writes it)
            meta[OFFICE_KEY] = office
    on_day = _note_day(options.on, year, start, end, notices) or stated_day
    on_day = on_day or _reported_through(header, year, start, end)
    on_day = on_day or next((d for d in (filled_on(t, year) for t in above) if d), None)
    if on_day is None:
        on_day = min(max(options.today, start), end)
    return meta, on_day, guessed


def _note_day(
    on: dt.date | DayWithoutYear | None,
    year: int,
    start: dt.date,
    end: dt.date,
    notices: list[Notice] | None,
) -> dt.date | None:
    """The day ``--on`` gives: as typed, or one typed without a year (6月30日) in the plan's
    period (``inputs.plan_year``: 3月31日 of a July-to-June plan is next March), said back."""
    if not isinstance(on, DayWithoutYear):
        return on
    year_of = plan_year(year, start, end)
    try:
        day = dt.date(year_of(on.month, on.day), on.month, on.day)
    except ValueError:
        raise NoSuchNoteDay(
            f"“{shown(on.text)}”不是计划期（{start} 至 {end}）中的一天：请写全年月日。",
            f"'{shown(on.text)}' is no day of the plan's period ({start} to {end}): write the "
            "year, month and day.",
        ) from None
    said = Notice(
        f"--on {on.text} 读作 {day.isoformat()}（计划期 {start} 至 {end} 中的这一天）；"
        "不对的话，写全年月日重新导入。",
        f"--on {on.text} is read as {day.isoformat()} (that day in the plan's period, {start} "
        f"to {end}); if that is wrong, import again with the year written.",
    )
    if notices is not None and all(n.zh != said.zh for n in notices):
        notices.append(said)
    return day


def _reported_through(header: Header, year: int, start: dt.date, end: dt.date) -> dt.date | None:
    """The end of the months a progress note's header reports on (1-6月完成情况: 6月30日, in
    the plan's period), the day its notes stood on; None for a header naming none."""
    note = header.by_field().get("note")
    month = months_through(note.name) if note is not None else None
    dated = [c.note_month for c in header.columns if c.note_month is not None]
    month = max(dated, default=month)  # a note per period: the newest period's
    if month is None:
        return None
    in_year = plan_year(year, start, end)(month, 1)
    return dt.date(in_year, month, calendar.monthrange(in_year, month)[1])


def _lone_since_january(header: Header) -> Notice | None:
    """A table's only milestone column counted from January (1-6月 alone: no 1-3月, 一季度 or
    1-9月 beside it), read as the milestone due at that month's end: said, for a figure
    reached by then reads the same (--map 1-6月=actual)."""
    columns = [c for c in header.columns if c.field == "milestone"]
    if len(columns) != 1 or columns[0].mapped:
        return None
    name = one_line(columns[0].name).strip()
    found = re.fullmatch(SINCE_JANUARY, re.sub(r"\s+", "", unicodedata.normalize("NFKC", name)))
    if found is None:
        return None
    month, letter, typed = int(found["month"]), column_letter(columns[0].index), quote(name)
    zh_due = "上半年（6月底）" if month == 6 else f"{month}月底"
    en_due = (
        "a half-year milestone (due by 30 June)"
        if month == 6
        else f"a milestone due by the end of month {month}"
    )
    return Notice(
        f"{letter}列“{name}”是表中唯一一列从1月累计的数，读作{zh_due}应达到的时间节点（时间节点的"
        f"数值或进度），不是完成值；如果它是到那时已完成的数，用 --map {typed}=actual 重新导入。",
        f"Column {letter} {name!r} is the table's only column counted from January: it is read as "
        f"{en_due}, the figure or share due by then, not the figure reached; if it is the figure "
        f"reached, import again with --map {typed}=actual.",
    )


def _by_export(header: Header) -> bool:
    """A table ``plan export`` wrote: its 填报单位 is the plan's organisation, as it was."""
    return header.sheet.by_export or has_computed_columns(header)


def _office(meta: dict[str, Any]) -> Notice:
    office, town = meta[OFFICE_KEY], meta["organisation"]
    typed = quote(office)  # 泉湖镇经发办(招商办) in quotes, as a shell would read it
    return Notice(
        f"填报单位“{office}”是“{town}”的一个部门，计划的单位记为“{town}”（年终总结以它署名），"
        f"“{office}”另作为“{OFFICE_KEY}”一项保留；如果这就是该部门自己的计划，用 plan header "
        f"--organisation {typed} 改回。",
        f"The reporting office {office!r} is part of {town!r}: the plan's organisation is "
        f"{town!r} (the year-end report is signed so), and {office!r} is kept beside it as "
        f"{OFFICE_KEY!r}; if the plan is that office's own, set it back with plan header "
        f"--organisation {typed}.",
    )


def _organisation_of_title(place: str, where: str = "before") -> Notice:
    """The organisation taken from the title: the place it names before the year, first
    (a title with no year before it), or after the year it opens with."""
    where_zh = {"before": "中年份前", "first": "开头", "after": "中年份后"}[where]
    where_en = {"before": "before the year", "first": "first", "after": "after the year"}[where]
    return Notice(
        f"表中没有填报单位，计划的单位取标题{where_zh}的“{place}”"
        "（年终总结和全县汇总以它署名）；不对的话，用 plan header --organisation 单位名称 改。",
        f"The table names no reporting office (填报单位): the plan's organisation is {place!r}, "
        f"the place its title names {where_en} (the year-end report and the county roll-up "
        "are signed so); to change it, plan header --organisation NAME.",
    )


def _one_year(days: tuple[dt.date, dt.date] | None) -> tuple[dt.date, dt.date] | None:
    """A period that a plan's year can be: a year at most (not 2023-2025年)."""
    from ..periods import a_year_from

    return None if days is None or days[1] > a_year_from(days[0]) else days


def _unread_period(written: str, start: dt.date, end: dt.date) -> Notice:
    """A 计划期 that is no period of a year at most, or not one this reads."""
    return Notice(
        f"表格上方的计划期“{written}”不是能读出的一年以内的起止日期，计划期按 "
        f"{start.isoformat()} 至 {end.isoformat()} 导入；如果不对，用 plan header --start "
        "--end 改。",
        f"The period above the table, {written!r}, is not one of a year at most that can be "
        f"read: the plan runs from {start.isoformat()} to {end.isoformat()}; if that is wrong, "
        "set it with plan header --start and --end.",
    )


def file_title(file_name: str) -> str:
    """The plan's title where nothing above the header gives one: the file's name."""
    return re.sub(r"\.[^.]*$", "", file_name) or "导入的计划"


def this_years(year: int) -> Notice:
    """The plan's year taken from today, nothing in the table naming one."""
    return Notice(
        f"表格的标题、文件名和完成时限都没有写年份，计划年度按今年算作 {year} 年（没写年份的完成"
        "时限也按这一年读）；如果不对，用 --year 指定后重新导入。",
        f"Neither the sheet's title, the file name nor the deadlines name a year: the plan is "
        f"taken to be this year's, {year} (deadlines without a year are read in it too); if it "
        "is not, import again with --year.",
    )


def _lang(header: Header) -> str:
    """English when every header of the table is in English (as ``plan export --lang en``
    writes it), else Chinese."""
    names = [column.name for column in header.columns if column.field is not None]
    return "en" if names and all(name.isascii() for name in names) else "zh"


def _year_of_deadlines(header: Header) -> int | None:
    columns = header.by_field()
    years: Counter[int] = Counter()
    for field in ("due", "start"):
        column = columns.get(field)
        if column is None:
            continue
        for row in range(header.first_data_row, len(header.sheet.rows)):
            years.update(years_in(header.sheet.value(row, column.index), header.sheet.epoch))
    title = columns.get("title")
    if title is not None:  # …（完成时限：2023年4月30日前）: a deadline at the end of a title
        for row in range(header.first_data_row, len(header.sheet.rows)):
            for day in _tail_deadlines(header.sheet.value(row, title.index)):
                years.update(years_in(day, header.sheet.epoch))
    return years.most_common(1)[0][0] if years else None


def _tail_deadlines(value: object) -> list[str]:
    """The deadline and start a title's labelled tail states (title_tail.labelled_tail)."""
    from .title_tail import labelled_tail

    tail = labelled_tail(value) if isinstance(value, str) else None
    return [text for _, field, text in (tail[1] if tail else ()) if field in ("due", "start")]
