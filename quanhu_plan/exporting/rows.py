"""The rows and cells of the monthly 推进情况表 for a plan at a date. Pure: no I/O.

Every figure comes from the plan as it stood on the day (``replay.plan_as_of``, which the CLI
asks for as every ``--as-of`` view does) and from the functions every view uses: ``rollup``
(completion, the expected share by now, the roll-up of a goal), ``lights`` (红黄绿灯) and
``trace.latest_note`` (进展情况). Nothing is computed here; the cells only say it.

The columns are the ones a county's 推进情况表 has, plus 计量单位 and 基数, so that ``plan
import`` of the table gives back the plan (see docs/reference.md, "Export / 导出"). Each cell
holds what the plan holds: a task's own names (a name stated on a goal shows on the goal's row, as a
任务分解表 states it), the deadline as written, the target in the document's words where it
has them, the numbers as numbers.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..lights import Rules, light, thresholds
from ..model import (
    ITEM_FIELDS,
    OFFICE_KEY,
    WEIGHT_HEADER,
    Item,
    Plan,
    deadline_words,
    is_deadline_words_key,
    is_number,
)
from ..periods import table_form, written
from ..records import ListFilter, select
from ..rollup import Rollup, expected_completion, pace, window
from ..rollup_tree import rollups
from ..texts import (
    format_long_date,
    light_label,
    pace_label,
    round_half_up,
    short_of_whole,
    status_label,
)
from ..trace import latest_note
from .cell_text import (  # noqa: F401 - (their home was here: callers import them from rows)
    LONGEST_CELL,
    excel_length,
    inert,
    looks_like_formula,
    quote_guarded,
    was_cut,
)


class Percent:
    """A share shown as a whole percentage, rounded half up once (``texts.round_half_up``) as
    every view shows it: the workbook holds ``whole / 100`` formatted 0%, the CSV ``58%``."""

    __slots__ = ("whole",)

    def __init__(self, share: Fraction):
        self.whole: Decimal = short_of_whole(share, round_half_up(share * 100), 100)

    def __repr__(self) -> str:
        return f"Percent({self.whole}%)"

    @property
    def text(self) -> str:
        return f"{self.whole}%"


# A cell of the table: text, a number as the plan holds it, a percentage, a day, or nothing.
Cell = str | int | float | Percent | dt.date | None


class Column:
    """A column: its key, its header in each language, what its cells hold (``text`` wraps,
    ``short`` is a word or a date, ``number``, ``percent``, ``light``), how wide it may be in
    characters of the sheet (an East Asian wide character counts 2), and, for running text,
    its claim on the width when the table is too wide for the page (``share``: a title or a
    note keeps more than a unit's name)."""

    __slots__ = ("key", "zh", "en", "kind", "narrowest", "widest", "share", "optional")

    def __init__(
        self,
        key: str,
        zh: str,
        en: str,
        kind: str,
        narrowest: int,
        widest: int,
        share: int = 2,
        optional: bool = False,
    ):
        self.key, self.zh, self.en, self.kind = key, zh, en, kind
        self.narrowest, self.widest, self.share = narrowest, widest, share
        # A column of a field few plans use: in the table only when a row has a cell in it.
        self.optional = optional

    def __repr__(self) -> str:
        return f"Column({self.key!r})"

    def header(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


# The headers are names ``plan import`` knows (importing/headers.py), so the table reads back.
# The optional columns hold what a county's table has no column for, but the plan does
# (具体内容, 开工时间, 时间节点, 销号依据, 权重, 县级任务编号): without them the import would not
# give the plan back. A plan that uses none of them gets the county's columns alone.
COLUMNS = (
    Column("seq", "序号", "No.", "short", 5, 9),
    Column("title", "工作任务", "Task", "text", 18, 40, share=5),
    Column("detail", "具体内容", "Detail", "text", 10, 30, share=4, optional=True),
    Column("lead", "责任领导", "Lead", "text", 6, 10),
    Column("lead_unit", "牵头单位", "Lead unit", "text", 6, 14),
    Column("support_units", "配合单位", "Support units", "text", 6, 14),
    Column("owner", "责任人", "Owner", "text", 6, 10),
    Column("start", "开工时间", "Start", "short", 6, 11, optional=True),
    Column("due", "完成时限", "Due", "short", 6, 11),
    Column("milestone", "时间节点安排", "Milestones", "text", 10, 24, share=3, optional=True),
    Column("measure", "计量单位", "Unit", "short", 5, 8),
    Column("baseline", "基数", "Baseline", "number", 5, 9),
    Column("target", "目标值", "Target", "text", 6, 14),
    Column("actual", "完成值", "Actual", "number", 6, 9),
    Column("completion", "完成率", "Completion", "percent", 6, 7),
    Column("expected", "序时进度", "Expected by now", "percent", 6, 8),
    Column("status", "状态", "Status", "short", 6, 16),
    Column("light", "红黄绿灯", "Light", "light", 6, 10),
    Column("note", "进展情况", "Progress note", "text", 14, 40, share=5),
    Column("problems", "存在问题", "Problems", "text", 8, 20, share=3),
    Column("next_steps", "下一步措施", "Next steps", "text", 8, 20, share=3),
    Column("evidence", "销号依据", "Evidence", "text", 8, 20, share=2, optional=True),
    Column("weight", "权重", "Weight", "number", 5, 8, optional=True),
    Column("scoring", "评分标准", "Scoring rule", "text", 8, 24, share=3, optional=True),
    Column("key", "县级任务编号", "County key", "short", 6, 12, optional=True),
    Column("remarks", "备注", "Remarks", "text", 8, 20, share=2, optional=True),
)

# An item field holding 下一步措施 — there is no such field in the format; an imported table's
# column is kept under its header's own name (importing/reading.py), and shows again here.
# The custom document property ``plan export`` marks its workbook with (Excel, WPS and
# LibreOffice keep it through an edit): ``plan import`` takes the 序号 of such a table as the
# plan's ids even where the tree is one level (importing.rows.tree).
EXPORT_PROPERTY = "quanhu-plan"
NEXT_STEP_FIELDS = ("下一步措施", "下一步打算", "下步打算", "下步措施", "Next steps", "next steps")
# The 备注 an imported table brought in, kept the same way: the office's remarks (县重点项目),
# last, as a county's table has them.
REMARK_FIELDS = ("备注", "Remarks", "remarks")
# The 评分标准 a 目标管理考核 table brought in (beside its 分值, the weight), kept the same way.
SCORING_FIELDS = (
    "评分标准",
    "考核办法",
    "评分办法",
    "计分办法",
    "考核标准",
    "评分细则",
    "Scoring rule",
    "scoring rule",
)


class Row:
    """A row of the table: ``part`` (a top-level item), ``goal`` or ``task``; its depth in the
    tree; its cells by column key; the task's light (red, yellow, green; None otherwise)."""

    __slots__ = ("kind", "depth", "cells", "light", "dropped")

    def __init__(
        self,
        kind: str,
        depth: int,
        cells: dict[str, Cell],
        light: str | None = None,
        dropped: bool = False,
    ):
        self.kind, self.depth, self.cells, self.light = kind, depth, cells, light
        self.dropped = dropped  # a dropped task's row: not among the tasks status counts

    def __repr__(self) -> str:
        return f"Row({self.kind!r}, {self.cells.get('seq')!r})"

    def values(self, columns: tuple[Column, ...]) -> list[Cell]:
        """The cells under ``columns`` (a table's: ``ProgressTable.columns``)."""
        return [self.cells.get(column.key) for column in columns]


class ProgressTable:
    """The whole table: its title row, the lines under it (填报单位, the scope), the header and
    the rows, in the language it is written in."""

    __slots__ = (
        "lang",
        "as_of",
        "day",
        "title",
        "lines",
        "sheet_name",
        "organisation",
        "rows",
        "columns",
    )

    def __init__(
        self,
        lang: str,
        as_of: dt.date,
        title: str,
        lines: list[str],
        organisation: str,
        rows: list[Row],
        day: dt.date | None = None,
        words: dict[str, str] | None = None,
    ):
        self.lang, self.as_of, self.title, self.lines = lang, as_of, title, lines
        self.day = day or as_of  # the day the title names (截至…): the records' last day
        self.organisation, self.rows = organisation, rows
        self.sheet_name = "推进情况表" if lang == "zh" else "Progress"
        kept = _kept_columns(rows)
        # A plan that keeps columns of its own table (a 民生实事 推进表's 总投资, 资金来源) goes
        # back as that table: the county's columns only where a row fills them, not a pile of
        # empty ones it never had. 序号 and the title always; the computed ones always fill.
        own_table = bool(kept)
        # A kept column headed as a title or detail (具体措施 beside 工作任务) reads back as kept
        # only after a 具体内容 column, which the import reads as the detail first.
        after_detail = any(_reads_as_text_of_task(column.header(lang)) for column in kept)
        columns = [
            column
            for column in COLUMNS
            if not (column.optional or (own_table and column.key not in ("seq", "title")))
            or any(row.cells.get(column.key) is not None for row in rows)
            or (column.key == "detail" and after_detail)
        ]
        # The table's own columns (投资额（万元）, 资金来源) go before its 备注, last, as they were.
        at = next((n for n, c in enumerate(columns) if c.key == "remarks"), len(columns))
        columns = columns[:at] + kept + columns[at:]
        # Headers the plan words its own way (model.WEIGHT_HEADER: 考核分值 for 权重).
        self.columns = tuple(_worded(column, (words or {}).get(column.key)) for column in columns)

    @property
    def headers(self) -> list[str]:
        return [column.header(self.lang) for column in self.columns]

    @property
    def tasks(self) -> int:
        """The task rows, dropped ones included (``counted`` and ``dropped`` say them apart)."""
        return sum(1 for row in self.rows if row.kind == "task")

    @property
    def dropped(self) -> int:
        return sum(1 for row in self.rows if row.kind == "task" and row.dropped)

    @property
    def counted(self) -> int:
        """The tasks as status and the report count them: the dropped ones not."""
        return self.tasks - self.dropped


def progress_table(
    plan: Plan,
    as_of: dt.date,
    lang: str,
    *,
    part: Item | None = None,
    who: str | None = None,
    recorded_to: dt.date | None = None,
) -> ProgressTable:
    """The 推进情况表 of ``plan`` (the plan as it stood on ``as_of``) judged at ``as_of``: every
    task under ``part`` (a part, goal or task; None for all) that ``who`` answers for (a
    fragment of a lead's, unit's or owner's name, as ``list --who``), with the parts and goals
    above them. ``recorded_to``: the plan is as it is now, past its end (see ``Session``); the
    title then says the day its records go to."""
    chosen = select(plan, as_of, ListFilter(who=who, part=part))
    figures = rollups(plan, as_of)
    rules = thresholds(plan)
    rows: list[Row] = []
    for item in chosen:
        if item.is_task:
            rows.append(_task_row(item, plan, as_of, figures[item.id], rules, lang))
        else:
            rows.append(_group_row(item, plan, figures[item.id], lang))
    day = recorded_to if recorded_to is not None and recorded_to > as_of else as_of
    # The day as a Chinese heading writes it (截至2023年6月30日); plan import reads it back.
    title = (
        f"{plan.title}（截至{format_long_date(lang, day)}）"
        if lang == "zh"
        else f"{plan.title} (as of {day})"
    )
    return ProgressTable(
        lang,
        as_of,
        inert(title),
        [inert(line) for line in _lines(plan, lang, part, who)],
        inert(plan.organisation),
        rows,
        day,
        _own_words(plan),
    )


def _worded(column: Column, word: str | None) -> Column:
    """``column`` headed ``word`` (in either language), where the plan has one for it."""
    if not word:
        return column
    c = column
    return Column(c.key, word, word, c.kind, c.narrowest, c.widest, c.share, c.optional)


def _own_words(plan: Plan) -> dict[str, str]:
    """The headers the plan keeps its own word for: its weight's, as plan import read it."""
    said = plan.meta.get(WEIGHT_HEADER)
    return {"weight": inert(said)} if isinstance(said, str) and said.strip() else {}


def _lines(plan: Plan, lang: str, part: Item | None, who: str | None) -> list[str]:
    """The line under the title: 填报单位 (which ``plan import`` reads back as the
    organisation), the plan's year where its title does not say it and its period where it is
    not that calendar year (read back too: importing/above.py), and what the table is limited
    to."""
    zh = lang == "zh"
    said = []
    office = plan.meta.get(OFFICE_KEY)
    office = office.strip() if isinstance(office, str) else ""
    if office == plan.organisation.strip():
        office = ""
    if plan.organisation.strip():
        # An office that filled the town's ledger in (its 填报单位, kept apart on import) is
        # said after the town, for plan import to read both back.
        word = ("单位：" if office else "填报单位：") if zh else "Organisation: "
        said.append(word + plan.organisation.strip())
    if office:
        said.append(("填报单位：" if zh else "Filled in by: ") + office)
    if _first_year(plan.title) != plan.year:
        said.append(("年度：" if zh else "Year: ") + str(plan.year))
    if (plan.start, plan.end) != (dt.date(plan.year, 1, 1), dt.date(plan.year, 12, 31)):
        period = f"{plan.start.isoformat()}{'至' if zh else ' to '}{plan.end.isoformat()}"
        said.append(("计划期：" if zh else "Period: ") + period)
    if part is not None:
        said.append(("范围：" if zh else "Scope: ") + f"{part.id} {part.title}")
    if who:
        said.append(("责任：" if zh else "Responsible: ") + who.strip())
    return ["\u3000\u3000".join(said) if zh else "; ".join(said)] if said else []


def _first_year(title: str) -> int | None:
    """The first year a title names in digits (泉湖镇2023年工作计划; 2022-2023年度: 2022), which
    ``plan import`` takes for the plan's year where no 年度 line says it."""
    found = re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", unicodedata.normalize("NFKC", title))
    return int(found.group()) if found else None


# ---------------------------------------------------------------- rows


# The keys under which plan import keeps the words of this table's 完成时限 column (its header
# and 原文, importing/cells.py), and those plan add and edit keep a --due's words under
# (model.DUE_WORDS_KEYS: "Deadline (as written)" in an English plan): words kept so need no
# column of their own beside it, where the item has no day; under another name (办结时限原文)
# they keep theirs, to come back under it.
_DUE_WORDS_READ_BACK = ("完成时限原文", "Due (as written)", "Deadline (as written)")


def _own_cells(item: Item, plan: Plan, lang: str) -> dict[str, Cell]:
    """The cells an item states itself: id, title, who answers for it, deadline, the metric
    and the notes (the same for a goal and a task)."""
    cells: dict[str, Cell] = {"seq": inert(item.id), "title": inert(item.title)}
    for field in ("lead", "lead_unit", "support_units", "owner"):
        cells[field] = _names(item.get(field), lang)
    words = deadline_words(item.data)  # 长期坚持: no day, the words are the deadline
    if item.get("due") is not None and item.due is not None:
        cells["due"] = _due_cell(item.get("due"), plan, lang)
        worded = _due_as_worded(item, plan, lang)
        if worded is not None:  # 6月底（视天气）: the office's own words, no column of ours
            cells["due"], words = inert(worded), worded
    elif words:
        cells["due"] = inert(words)
    measure = item.get("measure")
    cells["measure"] = inert(measure) if isinstance(measure, str) and measure.strip() else None
    cells["baseline"] = _number(item.get("baseline"))
    cells["target"] = _target_cell(item, lang)
    cells.update(_plan_only_cells(item, lang))
    reason = item.get("reason")
    cells["problems"] = inert(reason) if isinstance(reason, str) and reason.strip() else None
    cells["next_steps"] = next(
        (inert(v) for f in NEXT_STEP_FIELDS if isinstance(v := item.get(f), str) and v.strip()),
        None,
    )
    cells["scoring"] = next(
        (inert(v) for f in SCORING_FIELDS if isinstance(v := item.get(f), str) and v.strip()),
        None,
    )
    cells["remarks"] = next(
        (inert(v) for f in REMARK_FIELDS if isinstance(v := item.get(f), str) and v.strip()),
        None,
    )
    for name, value in item.data.items():
        if _kept_column(name):
            if words and name in _DUE_WORDS_READ_BACK:
                continue  # said in 完成时限, which plan import reads back as these words
            if isinstance(value, str) and value.strip():
                cells[KEPT + name] = inert(value)
            elif is_number(value):
                cells[KEPT + name] = value
    return cells


# The key of a column an imported table had and the plan has no field for (投资额（万元）,
# 资金来源: kept on each item under the header's own name, importing/reading.py): the
# table sent back has it again, and its import keeps it again.
KEPT = "kept:"
_WRITTEN_ELSEWHERE = {*NEXT_STEP_FIELDS, *REMARK_FIELDS, *SCORING_FIELDS}


_SECOND_WHO = ("lead", "lead_unit", "support_units", "owner")


def _kept_column(name: object) -> bool:
    """Whether an item's field is such a column's: no field of the plan's, none this table
    writes already, and a header ``plan import`` does not read as a field (a month's 形象进度,
    3月, would be read as a milestone)."""
    if not isinstance(name, str) or name in ITEM_FIELDS or name in _WRITTEN_ELSEWHERE:
        return False
    if not name.strip():
        return False
    from ..importing.headers import recognise  # (no openpyxl: names alone)

    # A milestone column's words (选址, 建成1个 under 1-3月): read back as words again. A
    # second title column the import kept under its name (具体措施 beside 工作任务): read back
    # so again, after the 具体内容 column (Table).
    # The deadline's words (完成时限原文), a 工作台账's own lights (亮灯情况) and the standard a
    # task is to meet (工作标准): the import keeps them as written, and so again.
    # A second unit or person column the import kept beside the first (责任单位 beside
    # 牵头单位): read back so again, after this table's own column of that field.
    return (
        recognise(name)[0] in (None, "milestone", "keep", *_SECOND_WHO)
        or _reads_as_text_of_task(name)
        or is_deadline_words_key(name)
    )


def _reads_as_text_of_task(name: str) -> bool:
    """Whether ``plan import`` reads a header as the task's title or detail (具体措施)."""
    from ..importing.headers import recognise  # (no openpyxl: names alone)

    return recognise(name)[0] in ("title", "detail")


def _kept_columns(rows: list[Row]) -> list[Column]:
    """A column for each field of ``_kept_column`` some row has, in the order first found:
    numbers where every cell is one (Excel adds them up), else text."""
    found: dict[str, bool] = {}
    for row in rows:
        for key, value in row.cells.items():
            if key.startswith(KEPT) and value is not None:
                found[key] = found.get(key, True) and not isinstance(value, str)
    columns = []
    for key in _in_calendar_order(list(found)):
        numbers = found[key]
        header = inert(key[len(KEPT) :])  # a name is user text too
        if numbers:
            columns.append(Column(key, header, header, "number", 6, 10, optional=True))
        else:
            columns.append(Column(key, header, header, "text", 8, 20, optional=True))
    return columns


def _in_calendar_order(keys: list[str]) -> list[str]:
    """Kept columns in the order first found, but those named by a period (一季度 … 四季度 an
    imported table kept in words) in the calendar's order among the places they take: a task
    with words for 四季度 alone, above one with words for 二季度, 三季度 and 四季度, put
    四季度 before 三季度."""
    ends = {key: _period_order(key[len(KEPT) :]) for key in keys}
    places = [at for at, key in enumerate(keys) if ends[key] is not None]
    periods = sorted((keys[at] for at in places), key=lambda key: ends[key] or (0, 0, 0))
    ordered = list(keys)
    for at, key in zip(places, periods, strict=True):
        ordered[at] = key
    return ordered


def _period_order(name: str) -> tuple[int, int, int] | None:
    """Where in the year the period a header names ends (year, month, day; 0 and 99 where it
    names none): Q3 -> (0, 9, 99), 2023-06-30 -> (2023, 6, 30); None for another header.
    A header kept under its group's (进度要求/8月底前) is the period its own part names."""
    from ..importing.headers import recognise  # (no openpyxl: names alone)

    field, period = recognise(name)
    if field != "milestone" and "/" in name:
        field, period = recognise(name.rsplit("/", 1)[1])
    found = re.fullmatch(r"(?:(\d{4})-)?(?:Q(\d)|(\d{2})(?:-(\d{2}))?)", period or "")
    if field != "milestone" or found is None:
        return None
    year, quarter, month, day = found.groups()
    return (
        int(year or 0),
        int(quarter) * 3 if quarter else int(month),
        int(day) if day else 99,
    )


def _plan_only_cells(item: Item, lang: str) -> dict[str, Cell]:
    """The cells of the optional columns: what an item states that a county's table has no
    column for, written so that ``plan import`` reads it back (importing/cells.py)."""
    cells: dict[str, Cell] = {}
    detail = item.get("detail")
    cells["detail"] = inert(detail) if isinstance(detail, str) and detail.strip() else None
    start = item.get("start")
    if isinstance(start, dt.date):
        cells["start"] = start
    elif isinstance(start, str) and start.strip():
        cells["start"] = inert(written(start, lang))
    cells["milestone"] = _milestones(item, lang)
    evidence = item.get("evidence")
    if isinstance(evidence, list):
        # One a line: a file name or a link may hold 、 or a comma.
        shown = [str(entry).strip() for entry in evidence if str(entry).strip()]
        cells["evidence"] = inert("\n".join(shown)) if shown else None
    cells["weight"] = _number(item.get("weight"))
    key = item.get("key")
    cells["key"] = inert(key) if isinstance(key, str) and key.strip() else None
    return cells


# The indent of a milestone note's second line and after, in 时间节点安排 (importing/cells.py).
MILESTONE_NOTE_INDENT = "  "


# What a milestone line writes before a figure of a task measured in percent (2023-06：达到50%),
# which a line of progress (2023-06：50%) does not (importing/cells.py reads both).
VALUE_IN_PERCENT = {"zh": "达到", "en": "reach "}


def _milestones(item: Item, lang: str) -> str | None:
    """时间节点安排: a milestone a line, its due as the plan writes it, then the progress due
    by then (50%) or the figure in the task's measure (2.4万亩; 达到95% in percent), then its
    note in brackets: 2023-09：50%（完成招投标）; in English 2023-09: 50% (完成招投标). A step with
    no share, its note alone: 2023-Q1：完成选址."""
    milestones = item.get("milestone")
    if not isinstance(milestones, list):
        return None
    measure = item.get("measure")
    unit = measure.strip() if isinstance(measure, str) else ""
    if re.search(r"[（(\n]", unit):
        unit = ""  # (公里（硬化）: the note's bracket would be taken for the unit's)
    zh = lang == "zh"
    lines = []
    for milestone in milestones:
        if not isinstance(milestone, dict) or milestone.get("due") is None:
            continue
        progress, value = _number(milestone.get("progress")), _number(milestone.get("value"))
        if progress is not None:
            figure = f"{exact_number(progress)}%"
        elif value is not None and unit == "%":
            # A figure in percent (参保率 50%) is no progress of 50%: said so, as import reads it
            figure = f"{VALUE_IN_PERCENT[lang]}{exact_number(value)}%"
        elif value is not None:
            figure = exact_number(value) + (unit if zh else f" {unit}" if unit else "")
        else:
            figure = ""  # a step with no share: its note alone (2023-Q1：完成选址)
        line = f"{written(milestone['due'], lang)}{'：' if zh else ': '}{figure}"
        note = milestone.get("note")
        if not figure and not (isinstance(note, str) and note.strip()):
            continue
        if not figure:
            assert isinstance(note, str)
            line += note.strip().replace("\n", "\n" + MILESTONE_NOTE_INDENT)
        elif isinstance(note, str) and note.strip():
            # A line of the note goes on indented: no new milestone starts there.
            note = note.replace("\n", "\n" + MILESTONE_NOTE_INDENT)
            line += f"（{note}）" if zh else f" ({note})"
        lines.append(line)
    return inert("\n".join(lines)) if lines else None


def exact_number(value: int | float) -> str:
    """A number exactly as the plan holds it, without an exponent: 3.3, -2.5, 0.00001 (and
    -0.0 as 0: there is no figure -0)."""
    if isinstance(value, int) or value == 0:
        return str(int(value))
    text = format(Decimal(repr(value)), "f")
    return text[:-2] if text.endswith(".0") else text


def _due_as_worded(item: Item, plan: Plan, lang: str) -> str | None:
    """The words a deadline with its reason was given in (完成时限原文 = 6月底（视天气）), where
    ``plan import`` reads them in a 完成时限 cell back as the same due and words: the office's
    table says them where it wrote them, not the day under 完成时限 and the words again in a
    column of the tool's name. None otherwise (10个工作日内 is counted from a start: the day
    stays, the words beside it)."""
    if lang != "zh" or plan.start.year != plan.end.year:
        return None
    words = item.get(_DUE_WORDS_READ_BACK[0])
    if not isinstance(words, str) or not words.strip():
        return None
    from ..importing.dates import deadline_and_reason, read_text  # (no openpyxl: text alone)
    from ..importing.errors import CellUnreadable

    split = deadline_and_reason(words)
    if split is None:
        return None
    try:
        due, _ = read_text(split[0], plan.year)
    except CellUnreadable:
        return None
    return words if due == item.get("due") else None


def _due_cell(due: dt.date | str, plan: Plan, lang: str) -> Cell:
    """完成时限: a day a date (a workbook sorts and filters it); a month or quarter as the
    report's ledger writes it in Chinese (10月底, 第二季度; 2024年3月底 in another year than
    the plan's), which ``plan import`` reads back, else as the file writes it (2023-10)."""
    if isinstance(due, dt.date):
        return due
    if lang != "zh":
        return inert(written(due, lang))
    return inert(table_form(due, plan.year if plan.start.year == plan.end.year else None))


def _task_row(
    task: Item, plan: Plan, as_of: dt.date, figures: Rollup, rules: Rules, lang: str
) -> Row:
    cells = _own_cells(task, plan, lang)
    if task.get("start") is None:
        # Paced from the day it was added (``rollup.window``): said as its start, which the
        # table's reader needs to make sense of 序时进度 and ``plan import`` reads back.
        # Not where it was added after its deadline: the pace does not count that day then,
        # and a start after the deadline is one plan check warns of.
        paced_from, due = window(task, plan)
        if plan.start != paced_from < due:
            cells["start"] = paced_from
    cells["actual"] = _number(task.get("actual"))
    dropped = task.status == "dropped"
    if figures.completion is not None:
        cells["completion"] = Percent(figures.completion)
    if figures.kind == "ongoing":  # standing work: no window, no share expected (nor a light)
        cells["expected"] = pace_label(lang, "ongoing")
    elif not dropped:
        cells["expected"] = Percent(expected_completion(task, plan, as_of))
    cells["status"] = _status(task, lang)
    colour = light(task, plan, as_of, rules)
    if colour is not None:
        words = light_label(lang, colour)
        if pace(task, plan, as_of) == "overdue":
            words += "（逾期）" if lang == "zh" else " (overdue)"
        cells["light"] = words
    cells["note"] = _note(task)
    return Row("task", task.depth, cells, colour, dropped)


def _group_row(item: Item, plan: Plan, figures: Rollup, lang: str) -> Row:
    cells = _own_cells(item, plan, lang)
    if figures.completion is not None:
        cells["completion"] = Percent(figures.completion)
    counts = [(colour, figures.lights[colour]) for colour in ("red", "yellow")]
    said = [(colour, n) for colour, n in counts if n]
    if said:
        if lang == "zh":
            cells["light"] = "、".join(f"{light_label(lang, c)}{n}项" for c, n in said)
        else:
            cells["light"] = ", ".join(f"{n} {light_label(lang, c)}" for c, n in said)
    cells["note"] = _note(item)
    return Row("part" if item.parent is None else "goal", item.depth, cells)


def _status(task: Item, lang: str) -> str:
    """状态 in words; a done task with the day it was done, on a line of its own (which
    ``plan import`` reads back as ``done_on``): 已完成（2023-10-20）."""
    words = status_label(lang, task.status)
    done_on = task.get("done_on")
    if task.status == "done" and isinstance(done_on, dt.date):
        words += f"\n（{done_on.isoformat()}）" if lang == "zh" else f"\n({done_on.isoformat()})"
    return words


def _note(item: Item) -> str | None:
    """进展情况: the latest progress note up to the day; for a task done since, only a note
    about the day it was done or later (an older one told how the work stood before)."""
    found = latest_note(item.data, indented=True)  # (the 　　 of its first paragraph kept)
    if found is None:
        return None
    day, text = found
    done_on = item.get("done_on")
    if item.status == "done" and isinstance(done_on, dt.date) and day is not None:
        if day < done_on:
            return None
    return inert(text)


def _names(value: Any, lang: str) -> str | None:
    """Names as the item states them: one text as written, a list joined with 、."""
    if isinstance(value, str):
        return inert(value) if value.strip() else None
    if isinstance(value, list):
        names = [str(name).strip() for name in value if str(name).strip()]
        return inert(("、" if lang == "zh" else ", ").join(names)) if names else None
    return None


def _number(value: Any) -> int | float | None:
    return value if is_number(value) else None


def cut_cells(table: ProgressTable) -> list[tuple[str, str]]:
    """The cells of ``table`` cut to what Excel keeps: (the row's 序号, the column's header)."""
    return [
        (str(row.cells.get("seq") or ""), column.header(table.lang))
        for row in table.rows
        for column in table.columns
        if was_cut(row.cells.get(column.key))
    ]


def cut_notice(cut: list[tuple[str, str]], lang: str) -> str:
    """What ``plan export`` says on stderr of the cells it cut, where each is."""
    places = [f"{seq} {header}" for seq, header in cut[:10]]
    more = len(cut) - len(places)
    if lang == "zh":
        rest = f" 等 {len(cut)} 处" if more else ""
        return (
            f"plan: {'、'.join(places)}{rest}的文字超过 Excel 一个单元格的上限（32,767 个字符，"
            "表情等算 2 个），已截断，单元格末尾注明了原长；全文仍在计划文件里。"
        )
    rest = f" and {more} more" if more else ""
    return (
        f"plan: cut to what an Excel cell holds (32,767 UTF-16 units; an emoji counts 2): "
        f"{'; '.join(places)}{rest}. Each cell ends saying how long the text was; the plan "
        "file keeps it whole."
    )


def _target_cell(item: Item, lang: str) -> Cell:
    """The 目标值: the document's words (3万亩以上), else the number (``_bare_target``); both
    where the words do not say the number (应建尽建 for 100 %, 1.2亿元 for 12000 万元): the
    number first, the words after it in brackets, 100（应建尽建）, which plan import reads back
    as both (importing/cells.py), not as words alone that would lose the figure."""
    words = item.get("target_text")
    if not isinstance(words, str) or not words.strip():
        return _bare_target(item)
    target = item.get("target")
    if not is_number(target) or _says_target(words, target, item.get("measure")):
        return inert(words)
    bare = _bare_target(item)
    number = bare if isinstance(bare, str) else exact_number(target)
    return inert(f"{number}（{words}）" if lang == "zh" else f"{number} ({words})")


def _says_target(words: str, target: Any, measure: Any) -> bool:
    """Whether plan import reads ``words`` as the target: its number, in the measure."""
    from ..importing.values import CellUnreadable, read_target  # (no openpyxl: text alone)

    try:
        read = read_target(words)
    except CellUnreadable:
        return False
    if read.value is None or Fraction(str(read.value)) != Fraction(str(target)):
        return False
    from ..typed_numbers import same_unit

    return not read.measure or not isinstance(measure, str) or same_unit(read.measure, measure)


def _bare_target(item: Item) -> Cell:
    """A target with no words of its own: the number, and where the plan states the way it
    should go, ≤ (less is better) or ≥ before it, so that plan import reads the same direction
    back (a bare number states none)."""
    cell = _number(item.get("target"))
    direction = item.get("direction")
    target = item.get("target")
    if cell is None or not is_number(target):
        return cell
    if direction == "down":
        return inert(f"≤{exact_number(target)}")
    if direction == "up":
        return inert(f"≥{exact_number(target)}")
    return cell
