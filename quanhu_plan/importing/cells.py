"""A row's cells into the fields of its node (pure): each column's field has its reader (names,
deadlines, figures with their units, targets, statuses, milestones); a column the plan has no
field for is kept as written, under its header; a cell that cannot be read is recorded by its
address, for the import to report with the others."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ..exporting.cell_text import LONGEST_CELL, was_cut
from .dates import Due, in_period, read_in_period, recurs
from .deadline_cells import a_day, deadline, done_day
from .errors import CellUnreadable
from .headers import POINTS_NAMES, SKIP, Column, bare_name, normalise, period_of
from .nesting import is_numbering, outline_level
from .note_columns import in_order
from .reading import Node, Reading
from .sheets import Value
from .telephones import TELEPHONE_KEY, take_telephones
from .values import Reading as NumberReading
from .values import (
    as_text,
    as_written,
    names,
    numbers_in,
    one_or_many,
    read_figure,
    read_number,
    read_progress,
    read_status,
    read_target,
    read_weight,
)


def read_cell(reading: Reading, node: Node, column: Column, value: Value) -> None:
    """The cell of ``column`` in the node's row, read into the node."""
    field = column.field
    if isinstance(value, str) and len(value) > LONGEST_CELL // 2 and was_cut(value):
        reading.found.cut_cells.append(reading.address(node.row, column))
    if field == "seq":
        if not is_numbering(as_text(value)):  # not a 序号 but something to keep
            node.extra[reading.keys[column.index]] = kept(value)
        return
    if field == "computed":
        reading.found.computed_seen.add(column.name)
        return
    if field == SKIP:  # --map COLUMN=skip
        return
    if field == "completion":
        node.completion = value
        return
    if field in ("keep", None):
        key = reading.keys[column.index]
        own = kept(value)
        if key == TELEPHONE_KEY and key in node.extra and own is not None:
            # numbers a 责任单位 cell before it gave, kept beside the column's own
            numbers = [as_text(own), *as_text(node.extra[key]).split("、")]
            own = "、".join(dict.fromkeys(number for number in numbers if number))
        node.extra[key] = own
        if field is None and column not in reading.found.kept_unknown:
            reading.found.kept_unknown.append(column)
        return
    if field == "note" and column.note_month is not None:
        if text := as_written(value):  # one period's progress; the newest is the task's own
            node.dated_notes.append((column.note_month, text))
            # (newest by the day its period ends: 二季度 after 四季度 in a July-to-June plan)
            node.note = max(node.dated_notes, key=lambda n: in_order(n[0], reading.period))[1]
        return
    if field == "note":
        percent = _bare_percent(value)
        if percent is not None:  # 30% under 进展: how far the task is, not a note of it
            node.figures.setdefault("progress", percent)
            reading.found.progress_notes.append(reading.address(node.row, column))
            return
        node.note = as_written(value)
        return
    if field == "noted_on":
        node.noted = (column, value, a_day(reading, node, column, value))
        return
    reader = _READERS[field]
    if (
        field in ("due", "start", "done_on")
        and isinstance(value, int | float)
        and _beyond_dates(reading, node, column)
    ):
        reading.problem(
            node.row,
            column,
            value,
            CellUnreadable(
                "这个单元格设为日期格式，但其中的数字超出了 Excel 能表示的日期（Excel 中显示为"
                " ####），读不出是哪一天；请改填日期，如 2024-06-30",
                "the cell is formatted as a date but its number is beyond the dates Excel can "
                "show (Excel shows ####), so it names no day; type the date, such as 2024-06-30",
            ),
        )
        return
    try:
        reader(reading, node, column, value)
    except CellUnreadable as exc:
        reading.problem(node.row, column, value, exc)
        return
    if field in FORMULA_FIGURES:
        span = reading.sheet.span(node.row, column.index)
        formula = reading.sheet.computed.get(span[:2] if span else (node.row, column.index))
        if formula is not None:
            found = (reading.address(node.row, column), formula, value)
            if found not in reading.found.formula_figures:  # (a merged cell, once)
                reading.found.formula_figures.append(found)


# Figures a formula may give, taken as the value the spreadsheet saved and said: a formula
# over the wrong cell (=B2*2 on the 填报单位 line) saves 0 in LibreOffice, no error.
FORMULA_FIGURES = ("actual", "baseline", "target", "progress", "weight")


def _beyond_dates(reading: Reading, node: Node, column: Column) -> bool:
    """Whether the cell (a merged one by its first cell) is a date Excel cannot show."""
    span = reading.sheet.span(node.row, column.index)
    return (span[:2] if span else (node.row, column.index)) in reading.sheet.beyond_dates


# A plain number as a CSV holds it (every cell of a CSV is text): 260, -3, 12.5; not 007, a
# 身份证号 or a long code (digits past Excel's 15 would be lost), nor 1,200 or 50%.
_CSV_NUMBER = re.compile(r"-?(?:0|[1-9]\d{0,11})(?:\.\d{1,6})?")


def kept(value: Value) -> Any:
    """A cell kept as written: text with its spaces tidied (as_text), a number or day as is;
    a text that is a plain number is the number, as Excel reads it from a CSV (总投资（万元）
    260 is the same figure from the table's CSV as from its workbook)."""
    if isinstance(value, str):
        text = as_text(value)
        if _CSV_NUMBER.fullmatch(text):
            return float(text) if "." in text else int(text)
        return text
    return value


def milestone_as_words(reading: Reading, node: Node, column: Column, value: Value) -> None:
    """A milestone cell the plan cannot follow, kept as written and said."""
    node.extra[reading.keys[column.index]] = kept(value)
    words = (reading.address(node.row, column), reading.keys[column.index], as_text(value))
    reading.found.milestone_words.append(words)


def _text(reading: Reading, node: Node, column: Column, value: Value) -> None:
    node.fields[column.field or ""] = as_written(value)


def _names(reading: Reading, node: Node, column: Column, value: Value) -> None:
    found = one_or_many(_without_telephones(reading, node, value))
    if found is not None:
        node.fields[column.field or ""] = found


def _list(reading: Reading, node: Node, column: Column, value: Value) -> None:
    found = names(value)
    if found:  # after the units a 责任单位 cell named 配合 (_units)
        field = column.field or ""
        node.fields[field] = list(dict.fromkeys([*node.fields.get(field, []), *found]))


# A 责任单位 cell that names both: "牵头单位：交通站；配合单位：财政所、自然资源所",
# "牵头：教育办\n配合：财政所", or "党政办（牵头），经发办".
_LEAD_LABEL = r"牵头单位|牵头部门|牵头科室|牵头|主责单位|主办单位|责任单位"
_SUPPORT_LABEL = r"配合单位|配合部门|配合科室|配合|协办单位|协同单位|协办|参与单位"
_LABELS = re.compile(rf"({_LEAD_LABEL}|{_SUPPORT_LABEL})\s*[:：]")
_MARK = re.compile(r"\s*[（(]\s*(牵头|配合|协办)\s*[）)]$")


def _units(reading: Reading, node: Node, column: Column, value: Value) -> None:
    """牵头单位 (lead_unit): the units it names, those it labels 配合 going to the
    supporting units."""
    value = _without_telephones(reading, node, value)
    text = as_text(value)
    parts = _LABELS.split(text)
    lead: list[str] = []
    support: list[str] = []
    if len(parts) > 1:
        lead += names(parts[0].strip(" ；;，,、\n"))
        for label, content in zip(parts[1::2], parts[2::2], strict=True):
            found = names(content.strip(" ；;，,、\n"))
            (support if re.fullmatch(_SUPPORT_LABEL, label) else lead).extend(found)
    else:
        found = names(value)
        if any(_MARK.search(name) for name in found):
            for name in found:
                mark = _MARK.search(name)
                bare = _MARK.sub("", name)
                (lead if mark and mark.group(1) == "牵头" else support).append(bare)
        else:
            lead = found
    lead = list(dict.fromkeys(lead))
    if lead:
        node.fields["lead_unit"] = lead[0] if len(lead) == 1 else lead
    if support:
        before = node.fields.get("support_units", [])
        node.fields["support_units"] = list(dict.fromkeys([*support, *before]))


def _without_telephones(reading: Reading, node: Node, value: Value) -> Value:
    """A 责任单位 or 责任人 cell without the telephone numbers it gives, which are kept as the
    task's 联系电话 (after a 联系电话 column's own), not read as a unit or a person."""
    if not isinstance(value, str):
        return value
    rest, numbers = take_telephones(value)
    if not numbers:
        return value
    kept = node.extra.get(TELEPHONE_KEY)
    before = [] if kept is None else as_text(kept).split("、")
    node.extra[TELEPHONE_KEY] = "、".join(dict.fromkeys([*before, *numbers]))
    if node.row not in reading.found.telephones:
        reading.found.telephones.append(node.row)
    return rest


def _bare_percent(value: Value) -> Any:
    """The progress a 进展 cell gives where it holds a percentage and nothing else (30%, 45 ％;
    a percent-formatted 0.3 reads as "30%"), else None."""
    if not isinstance(value, str):
        return None
    text = unicodedata.normalize("NFKC", value).strip()
    if not re.fullmatch(r"\d+(?:\.\d+)?\s*%", text):
        return None
    try:
        return read_progress(text.replace(" ", ""))
    except CellUnreadable:  # 120%: no progress, kept as the note it was written as
        return None


def _measure(reading: Reading, node: Node, column: Column, value: Value) -> None:
    node.fields["measure"] = as_text(value)


def _metric(reading: Reading, node: Node, column: Column, value: Value) -> None:
    number = read_figure(value)
    field = column.field or ""
    (node.figures if field == "actual" else node.fields)[field] = number.value
    if number.unit:
        node.units.append(
            (field, number.unit, column.name, value, reading.address(node.row, column))
        )
    if number.more:  # "3.2万余亩": the number is read, the words are kept
        node.extra.setdefault(reading.keys[column.index], as_text(value))


# A target plan export wrote with no words: 3.3, -2.5 (a CSV's text), ≤5, ≥0.
_DIRECTION_MARK = re.compile(r"[≤≥]?-?\d+(?:\.\d+)?")
# And with words that do not say it, after it in brackets: 100（应建尽建）, 12000 (1.2亿元).
_WITH_WORDS = re.compile(r"(?s)([≤≥]?-?\d+(?:\.\d+)?)\s*[（(](.+)[）)]")


def _exported_target(node: Node, value: Value) -> bool:
    """A target as plan export writes one with no words of its own (exporting/rows.py
    ``_target_cell``): a number, which states no direction, or ≤5 and ≥0, which state the
    plan's; or such a figure with the document's words after it in brackets, 100（应建尽建）.
    Read so (its number is read already); False for the document's words."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return True
    if not isinstance(value, str):
        return False
    text = value.strip()
    with_words = _WITH_WORDS.fullmatch(text)
    if with_words:
        text = with_words.group(1)
        node.fields["target"] = read_target(text).value
        node.fields["target_text"] = with_words.group(2).strip()
    elif not _DIRECTION_MARK.fullmatch(text):
        return False
    if text[0] in "≤≥":
        node.fields["direction"] = "down" if text[0] == "≤" else "up"
    return True


def _target(reading: Reading, node: Node, column: Column, value: Value) -> None:
    target = read_target(value)
    if target.value is not None:
        node.fields["target"] = target.value
    if reading.written_by_export() and _exported_target(node, value):
        return
    if target.text is not None:
        node.fields["target_text"] = target.text
    if target.down:
        node.fields["direction"] = "down"
    elif target.value == 0:
        # 不低于0, ≥0, 增长0%: at least none; a bare 0 would count as less being better
        # (model.smaller_is_better).
        node.fields["direction"] = "up"
    if target.measure and target.value is not None:
        node.units.append(
            ("target", target.measure, column.name, value, reading.address(node.row, column))
        )


_DONE_BY = re.compile(r"^\s*(?:累计)?(?:完成|达到)\s*(?=[\d.])")


# A step with its share, as a 季度形象进度 writes one: 完成可研（10%）, 获批专项债，进度30%,
# 30%（获批专项债）; the words are the milestone's note. Words with a share of their own
# (完成排查（10%）、整治（20%）) are no one milestone.
_STEP_AND_SHARE: re.Pattern[str] | None = None
_SHARE = r"(?:进度|完成|形象进度)?(?:达到?|为)?\s*(?P<share{n}>\d+(?:\.\d+)?)\s*[%％]"


def _step_and_share(value: Value) -> tuple[str, float | int] | None:
    """The words and the percent of a milestone cell that gives both, else None."""
    global _STEP_AND_SHARE
    if not isinstance(value, str):
        return None
    if _STEP_AND_SHARE is None:  # compiled at first use, not at import
        _STEP_AND_SHARE = re.compile(
            rf"(?P<step>[^%％]+?)\s*(?:[（(]\s*{_SHARE.format(n=1)}\s*[）)]"
            rf"|[，,；;]\s*{_SHARE.format(n=2)})"
            rf"|{_SHARE.format(n=3)}\s*[（(](?P<after>[^%％]+)[）)]"
        )
    found = _STEP_AND_SHARE.fullmatch(value.strip())
    if found is None:
        return None
    step = (found.group("step") or found.group("after") or "").strip(" ，,；;、")
    share = found.group("share1") or found.group("share2") or found.group("share3")
    if not step or numbers_in(step):
        return None
    number = float(share)
    return step, int(number) if number.is_integer() else number


def _milestone(reading: Reading, node: Node, column: Column, value: Value) -> None:
    """A 季度形象进度 / 时间节点 cell: a percent is the progress due by the column's period,
    a figure the value due by then, a step with its percent (完成可研（10%）) the progress
    with the step as its note; words beside the row's other milestones a step with no share
    (items.py); the column's own period before them (第一季度：完成30%) is left out."""
    # (the cell as written stays ``value``: words are kept as written)
    own = _without_period(value, column) if isinstance(value, str) else value
    if isinstance(own, str) and recurs(own):
        # 每月, 每月2次, 持续推进: how the work goes in that period, its note; no share or
        # figure due by its end (2 a month is not 2 by March)
        due = _period_due(column.period, reading.year, reading.period)
        node.milestones.append((column, value, {"due": due, "note": as_written(own).strip()}, ""))
        reading.found.period_words.append((node.row, reading.keys[column.index]))
        return
    stepped = _step_and_share(own)
    if stepped is not None and 0 <= stepped[1] <= 100:
        due = _period_due(column.period, reading.year, reading.period)
        milestone = {"due": due, "progress": stepped[1], "note": stepped[0]}
        node.milestones.append((column, value, milestone, ""))
        return
    number = None
    if not isinstance(own, bool | dt.date):
        # 完成60%, 累计完成3个: the progress or figure due by then, as a 形象进度 writes it.
        figure = _DONE_BY.sub("", own, count=1) if isinstance(own, str) else own
        try:
            number = read_number(figure)
        except CellUnreadable:
            number = None
        if number is None or number.more:
            number = _after_target_words(node, own) or number
    due = _period_due(column.period, reading.year, reading.period)
    if number is None or number.more:
        inside = _share_inside(own)
        if inside is not None:  # 完成年度工程量50%以上: the share, the words its note
            node.milestones.append(
                (column, value, {"due": due, "progress": inside, "note": as_written(own)}, "")
            )
            return
        # Words (一季度：完成选址): a step with no share, beside the row's other milestones
        # (items.py keeps it so where the row has some, else as written); words with a share
        # of their own (完成排查（10%）、整治（20%）) stay as written.
        if isinstance(own, str) and not re.search(r"[%％]", own):
            step = {"due": due, "note": as_written(own).strip()}
            node.milestones.append((column, value, step, ""))
        else:
            milestone_as_words(reading, node, column, value)
        return
    if number.unit == "%":
        if not 0 <= number.value <= 100:
            raise CellUnreadable(
                "应为 0 到 100 之间的进度百分数", "expected a percent from 0 to 100"
            )
        node.milestones.append((column, value, {"due": due, "progress": number.value}, ""))
    else:
        node.milestones.append((column, value, {"due": due, "value": number.value}, number.unit))


# A share written inside a step's words, as a plan's 进度要求 words one: 完成年度工程量50%以上,
# 完成投资额的60%左右 (one percent, no other number; 以上/左右 after it).
_SHARE_INSIDE = re.compile(
    r"(?P<words>[^\d%％]*[^\d%％\s])\s*(?P<share>\d+(?:\.\d+)?)\s*[%％]\s*(?:以上|左右)?[。.]?"
)


def _share_inside(value: Value) -> float | int | None:
    """The percent of a milestone's words that hold one share (完成年度工程量50%以上), else None."""
    if not isinstance(value, str):
        return None
    found = _SHARE_INSIDE.fullmatch(value.strip())
    if found is None or not re.search(r"[\u4e00-\u9fff]{2}", found.group("words")):
        return None
    if re.search(r"增长|下降|增幅|降幅|同比|环比|提高|降低|上年|去年", found.group("words")):
        return None  # 同比增长4%: a rate of growth, no share of the work
    if re.search(r"率|满意度|知晓度|占比|比重", found.group("words")):
        return None  # 参保率达到90%以上: a level the task reaches, no share of the work
    number = float(found.group("share"))
    if not 0 <= number <= 100:
        return None
    return int(number) if number.is_integer() else number


def _without_period(words: str, column: Column) -> str:
    """A milestone's words without the period they start by naming where it is the column's
    own (一季度：完成选址 under 一季度: 完成选址); words naming another period as written."""
    found = re.match(r"\s*([^：:，,\s]{1,10}?)\s*[：:，,]\s*(?=\S)", words)
    if found and period_of(found.group(1)) == column.period:
        return words[found.end() :]
    return words


def _after_target_words(node: Node, value: Value) -> NumberReading | None:
    """A milestone's figure after the words the task's target puts before its own: 完成投资200万元
    under 一季度 beside a target of 完成投资800万元 is 200 万元 due then (so is 累计完成投资500万元).
    None for other words, or where the target (read from a column to the left) has none."""
    target = node.fields.get("target_text")
    if not isinstance(value, str) or not isinstance(target, str):
        return None
    first = re.search(r"\d", target)
    words = target[: first.start()].strip() if first else ""
    if len(words) < 2 or re.search(r"[\d，,；;。：:（()）]", words):
        return None
    found = re.match(rf"\s*(?:累计)?{re.escape(words)}\s*(?=[\d.])", value)
    if found is None:
        return None
    try:
        return read_number(value[found.end() :])
    except CellUnreadable:
        return None


def _period_due(period: str, year: int, plan_period: tuple[dt.date, dt.date]) -> Due:
    """A milestone column's period as a due: "Q2" -> "2023-Q2", "06" -> "2023-06",
    "06-30" -> 2023-06-30 (the plan's year unless the header names one: "2024-Q1"; in a plan
    from July to June, the year that puts it in the period: 一季度 next spring)."""
    found = re.fullmatch(r"(?:(\d{4})-)?(Q\d|\d\d)(?:-(\d\d))?", period)
    assert found is not None, period  # headers.period_of wrote it
    if found.group(1):
        return _due_in(int(found.group(1)), found.group(2), found.group(3))
    due = _due_in(year, found.group(2), found.group(3))
    for other in (plan_period[0].year, plan_period[1].year):
        if not in_period(due, plan_period) and other != year:
            due = _due_in(other, found.group(2), found.group(3), due)
    return due


def _due_in(year: int, period: str, day: str | None, otherwise: Due = None) -> Due:
    """The period in ``year``; ``otherwise`` where that has no such day (02-29)."""
    if not day:
        return f"{year:04d}-{period}"
    try:
        return dt.date(year, int(period), int(day))
    except ValueError:
        if otherwise is None:
            raise
        return otherwise


# A 是否办结 (是否完成) column's answers: yes is done, no says only that it is not.
_YES = ("是", "√", "✓", "✔", "☑", "yes", "y")
_NO = ("否", "×", "✗", "✘", "☒", "☐", "□", "no", "n")


def _status(reading: Reading, node: Node, column: Column, value: Value) -> None:
    if normalise(column.name).startswith("是否"):
        answer = as_text(value).strip().casefold()
        if value is True or answer in _YES:
            node.figures["status"] = "done"
            return
        if value is False or answer in _NO:
            return
    status, day = read_status(value)
    node.figures["status"] = status
    if day is not None:
        node.figures.setdefault("done_on", day)


def _progress(reading: Reading, node: Node, column: Column, value: Value) -> None:
    fraction = _fraction(value)
    if fraction is not None and _fractions_column(reading, column):
        # 0.6 in a column of 0.6, 0.85, 1: 60%, typed as Excel holds a percent.
        shown = (fraction * 100).normalize()
        node.figures["progress"] = read_progress(f"{shown:f}%")
        reading.found.fraction_progress.append(reading.address(node.row, column))
        return
    try:
        node.figures["progress"] = read_progress(value)
    except CellUnreadable:
        # 完成, 已完成, 未开始 in a 完成进度 column, as offices write a state there: the
        # status (a 推进状态 column's own, where the table has one, comes first)
        status = _status_said(value)
        if status is None:
            raise
        node.figures.setdefault("status", status[0])
        if status[1] is not None:
            node.figures.setdefault("done_on", status[1])


def _status_said(value: Value) -> tuple[str, dt.date | None] | None:
    """The status a cell's words say (已完成, 未开始), or None for any other words."""
    if not isinstance(value, str):
        return None
    try:
        return read_status(value)
    except CellUnreadable:
        return None


def _fraction(value: Value) -> Decimal | None:
    """A cell's plain number (no % sign, no unit), as a Decimal; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return Decimal(repr(value)) if math.isfinite(value) else None
    if isinstance(value, str) and _PLAIN_NUMBER.fullmatch(value.strip()):
        return Decimal(value.strip())
    return None


_PLAIN_NUMBER = re.compile(r"\d*\.?\d+")


def _fractions_column(reading: Reading, column: Column) -> bool:
    """Whether a 进度 column holds its percents as fractions: every plain number in it is
    from 0 to 1 and one at least is a fraction (0.6, 0.85, 1), as a percent Excel holds in a
    cell formatted as General or a CSV reads. A column with a plain 60 in it is percents; a
    "60%" typed as text beside them says nothing of the plain numbers (a ledger of text cells
    and number cells alike shows 0.5 beside 50%, and means 50% by both)."""
    known = reading.fraction_columns.get(column.index)
    if known is None:
        numbers = []
        for row in range(reading.header.first_data_row, len(reading.sheet.rows)):
            value = reading.sheet.value(row, column.index)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            number = _fraction(value)
            if number is not None:
                numbers.append(number)
        known = bool(numbers) and all(0 <= n <= 1 for n in numbers)
        known = known and any(0 < n < 1 for n in numbers)
        reading.fraction_columns[column.index] = known
    return known


def _weight(reading: Reading, node: Node, column: Column, value: Value) -> None:
    # A 考核 table's 分值 of 一票否决 or 加分项 gives the row no points: kept as written, the
    # row weighs 1 as one without a 分值 does (a 权重 without a number is a slip: refused).
    text = as_text(value)
    if isinstance(value, str) and not re.search(r"\d", unicodedata.normalize("NFKC", text)):
        if bare_name(column.name) in POINTS_NAMES:
            node.extra[reading.keys[column.index]] = kept(value)
            return
    node.fields["weight"] = read_weight(value)


def _key(reading: Reading, node: Node, column: Column, value: Value) -> None:
    """The county's number of a task (县级任务编号, 县级编号): as written, or where the column
    numbers the county's outline (一、 （一） 1.), the path down it, 一（一）1: a bare 1. is
    the first task of every goal, no key to find one task by across the towns."""
    key = as_text(value).strip()
    if not key:
        return
    level = outline_level(key)
    if level is not None:
        path = reading.county_outline
        while path and path[-1][0] >= level:
            path.pop()
        path.append((level, key.rstrip("、.．。 ")))
        key = "".join(marker for _, marker in path)
    node.fields["key"] = key


def _evidence(reading: Reading, node: Node, column: Column, value: Value) -> None:
    """销号依据: in a table of the plan's own a file name or link a line (one may hold 、 or a
    comma), in another the names a cell lists (会议纪要、验收报告)."""
    if not reading.written_by_export():
        _list(reading, node, column, value)
        return
    found = [line.strip() for line in as_written(value).split("\n") if line.strip()]
    if found:
        node.fields["evidence"] = list(dict.fromkeys(found))


# A line of 时间节点安排 as plan export writes it: the due (2023-09, 2023-Q2, 2023-09-30), the
# progress due by then (50%) or a figure (2.4万亩), and a note in brackets (（完成招投标）); or as
# an office fills the exported table back, the due as a deadline cell words it (2023年12月,
# 12月底, 三季度, 9月30日) and a colon after it.
_MILESTONE_DUE = r"\d{4}-(?:Q[1-4]|\d{2}(?:-\d{2})?)"
_MILESTONE_LINE = re.compile(
    r"(?P<due>[^：:\n（(]{1,24}?)\s*[：:]\s*(?P<reach>达到|(?i:reach)\s*)?"
    r"(?P<number>-?\d+(?:\.\d+)?)\s*(?P<percent>[%％])?"
    r"\s*(?P<unit>[^（(\n]*?)\s*(?:[（(](?P<note>.*)[）)])?",
    re.DOTALL,
)

# A step with no share, its words alone (2023-Q1：完成选址), or its share in words (完成可研（10%）).
_MILESTONE_STEP = re.compile(r"(?P<due>[^：:\n（(]{1,24}?)\s*[：:]\s*(?P<step>\S.*)", re.DOTALL)


# A milestone note's second line and after are indented so (exporting/rows.py).
_NOTE_INDENT = "  "


def _milestones(reading: Reading, node: Node, column: Column, value: Value) -> None:
    """时间节点安排 (``plan export``'s, a milestone a line; a line added or changed by hand with
    its due worded as a deadline cell words it). A cell of other words (6月底前完成招投标), or
    with a line no milestone, is kept as written, and said."""
    text = as_written(value) if isinstance(value, str) else ""
    # A line with no indent starts a milestone (a note's own lines are indented)
    lines = [line for line in re.split(r"\n(?=[^ \n])", text) if line.strip()]
    found = [
        _MILESTONE_LINE.fullmatch(line.strip()) or _MILESTONE_STEP.fullmatch(line.strip())
        for line in lines
    ]
    dues = [_line_due(reading, match["due"]) if match else None for match in found]
    milestone: dict[str, Any]
    if not all(dues) or not found:  # (a number alone, or words: no milestone)
        milestone_as_words(reading, node, column, value)
        return
    for match, due in zip(found, dues, strict=True):
        assert match is not None
        if "step" in match.re.groupindex:
            step = match["step"].replace("\n" + _NOTE_INDENT, "\n").strip()
            stepped = _step_and_share(step)
            if stepped is not None and 0 <= stepped[1] <= 100:
                milestone = {"due": due, "progress": stepped[1], "note": stepped[0]}
            else:
                milestone = {"due": due, "note": step}
            node.milestones.append((column, value, milestone, ""))
            continue
        number = read_number(match["number"]).value
        milestone = {"due": due}
        if match["percent"] and not match["reach"]:
            if not 0 <= number <= 100:
                raise CellUnreadable(
                    "应为 0 到 100 之间的进度百分数", "expected a percent from 0 to 100"
                )
            milestone["progress"] = number
        else:
            milestone["value"] = number
        if match["note"] is not None and match["note"].strip():
            milestone["note"] = match["note"].replace("\n" + _NOTE_INDENT, "\n")
        # 达到95%: a figure in percent, the task's measure (exporting/rows.VALUE_IN_PERCENT)
        unit = ("%" if match["reach"] else "") if match["percent"] else match["unit"].strip()
        node.milestones.append((column, value, milestone, unit))


def _line_due(reading: Reading, text: str) -> Due:
    """The due a milestone line starts with: as the export writes it (2023-09), else as a
    deadline cell words one period's end (2023年12月, 12月底, 三季度, 9月30日) in the plan's
    period; None for words that name no one due (上半年以前, 第一阶段)."""
    words = text.strip()
    if re.fullmatch(_MILESTONE_DUE, words):
        return _milestone_due(words)
    try:
        due, start = read_in_period(words, reading.year, reading.period, reading.sheet.epoch)
    except CellUnreadable:
        return None
    return due if start is None else None


def _milestone_due(text: str) -> Due | None:
    """A milestone's due as the plan writes it: a day as a date, a month or quarter as text."""
    if len(text) == len("2023-09-30"):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    if "Q" not in text and not 1 <= int(text[5:]) <= 12:
        return None
    return text


# The reader of each field a cell can hold; it raises CellUnreadable for a cell it cannot read.
_READERS: dict[str, Callable[[Reading, Node, Column, Value], None]] = {
    "detail": _text,
    "reason": _text,
    "lead": _names,
    "lead_unit": _units,
    "owner": _names,
    "support_units": _list,
    "evidence": _evidence,
    "key": _key,
    "due": deadline,
    "start": deadline,
    "done_on": done_day,
    "measure": _measure,
    "baseline": _metric,
    "actual": _metric,
    "target": _target,
    "status": _status,
    "progress": _progress,
    "weight": _weight,
    "milestone": _milestone,
    "milestones": _milestones,
}
