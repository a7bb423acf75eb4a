"""Which column of a sheet holds what: the header row (or two rows, a merged group header over
sub-headers) found by the names real 任务分解表 and 推进情况表 use, tolerant of spaces, line
breaks and full-width brackets in the header cells, and ``--map 列名=field`` for the rest."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from ..model import is_deadline_words_key
from ..texts import one_line
from .errors import HeaderLook, NoHeader, UnknownMapColumn

# The names of the columns, by field (kept apart: the tables are long, the reading is here).
from .header_names import NAMES as NAMES
from .header_names import POINTS_NAMES as POINTS_NAMES
from .header_names import WORKS_END as WORKS_END
from .sheets import Sheet, Value

# A column of 季度形象进度 or 时间节点 names its period: 一季度, 第二季度末, Q3, 6月底, 9月30日,
# 上半年 (with a year, 2023年一季度), perhaps followed by 进度, 形象进度, 目标 or 节点. Such a
# column is a ``milestone`` whose due is that period (see ``period_of``).
_PERIOD = re.compile(
    r"(?:(?P<year>\d{4})年)?(?:第?(?P<quarter>[一二三四1-4])季度|q(?P<q>[1-4])"
    r"|(?P<month>\d{1,2}|十[一二]?|[一二三四五六七八九])月(?:份|(?P<day>\d{1,2})日)?"
    r"|(?P<half>[上下]半年))"
    r"(?:末|底)?前?(?:形象进度|进度目标|目标进度|进度|目标|节点|完成)?"
)
_CN_MONTHS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_MONTHS.update({"十": 10, "十一": 11, "十二": 12})


def period_of(text: str) -> str | None:
    """The period a milestone column's header names, as ``[YYYY-]Qn``, ``[YYYY-]MM`` or
    ``[YYYY-]MM-DD`` (the plan's year fills a missing year); None for another header."""
    text = normalise(text)
    # 1-6月, 1月—6月: the figure due from January to that month's end, as a 目标任务分解表
    # counts it, is the month's milestone; 1-6月完成 is the figure reached (``_ENDINGS``), and
    # 4-6月 one quarter's share alone, no milestone.
    since_january = re.match(r"(\d{4}年)?(?:1|一)月?[-—–~～至到]", text)
    if since_january:
        month = text[since_january.end() :]
        if not re.fullmatch(
            r"(?:\d{1,2}|十[一二]?|[二三四五六七八九])月(?:份|底|末)?(?:目标|计划|任务|进度)?",
            month,
        ):
            return None
        text = (since_january.group(1) or "") + month
    found = _PERIOD.fullmatch(text)
    if not found:
        return None
    year = f"{found['year']}-" if found["year"] else ""
    if found["quarter"] or found["q"]:
        quarter = found["quarter"] or found["q"]
        return f"{year}Q{'一二三四'.index(quarter) + 1 if quarter in '一二三四' else quarter}"
    if found["half"]:  # (下半年: the year's end, as 四季度 is)
        return f"{year}{'06' if found['half'] == '上半年' else '12'}"
    month = found["month"]
    number = int(month) if month.isdigit() else _CN_MONTHS[month]
    if not 1 <= number <= 12:
        return None
    if found["day"]:
        try:
            dt.date(2000, number, int(found["day"]))  # a leap year: 2月29日 is a day
        except ValueError:
            return None
        return f"{year}{number:02d}-{int(found['day']):02d}"
    return f"{year}{number:02d}"


# What --map may name: the fields above (not seq's alternatives), or any header name above.
MAP_FIELDS = tuple(key for key in NAMES if key not in ("computed", "completion"))

_BY_NAME: dict[str, str] = {}
_PRIORITY: dict[str, int] = {}

# How far down a header may be: title rows, a 填报单位 line and a blank row come first.
HEADER_SEARCH_ROWS = 20


def normalise(text: str) -> str:
    """A header cell as compared: full-width forms folded (（）：), spaces, line breaks and
    marks of required columns (*, ★) removed, letters in one case."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[\s*★※]+", "", text)
    return text.rstrip(":").casefold()


def _tables() -> None:
    for field, names in NAMES.items():
        for rank, name in enumerate(names):
            _BY_NAME.setdefault(normalise(name), field)
            if field == "title":
                _PRIORITY[normalise(name)] = rank


_tables()


def bare_name(name: str) -> str:
    """A header as its word alone, compared: ' 分值（分）' -> '分值'."""
    return _bare(normalise(name))[0]


def _bare(text: str) -> tuple[str, str]:
    """A normalised header without its bracketed part, and that part: '目标值(万亩)' ->
    ('目标值', '万亩')."""
    found = re.search(r"\(([^()]*)\)", text)
    if not found:
        return text, ""
    return (text[: found.start()] + text[found.end() :]), found.group(1)


# Headers named by what they end in, a period or a word before it: 1-6月完成情况, 截至目前完成
# 情况, 上半年工作进展 (the progress note); 存在的问题, 存在困难和问题, 问题及建议 (the reason);
# 1-6月完成, 1-6月累计完成数, 累计完成 (the figure reached: a 考核台账's 年度目标 beside it).
_ENDINGS = (
    (
        re.compile(
            r"(?:截至)?(?:\d{1,2}[-－—–~～至]\d{1,2}月(?:份|底)?|前三季度|全年|本年|年度"
            r"|截至目前|目前|累计)(?:累计)?完成(?:数|值|量|数量)?"
        ),
        "actual",
    ),
    (
        # 工作进展、取得成效 (a quarter's 进展情况 table), 工作进展及成效
        re.compile(
            r".*(?:完成情况|进展情况|推进情况|落实情况|整改情况|工作进展)(?:[、及和]?取得成效|及成效)?"
        ),
        "note",
    ),
    (re.compile(r"(?:存在的?)?(?:困难和|困难及)?问题(?:及建议|和建议)?"), "reason"),
)


def english_names() -> list[str]:
    """The English names of columns it knows (deadline, responsibleperson), as compared."""
    return [name for name in _BY_NAME if name.isascii()]


def recognise(text: str) -> tuple[str | None, str]:
    """The field a header names and a unit it gives in brackets ('目标值（万亩）' -> target,
    '万亩'); (None, '') for a header it does not know."""
    key = normalise(text)
    if key in _BY_NAME:
        return _BY_NAME[key], ""
    if is_deadline_words_key(re.sub(r"\s*\n\s*", "", text).strip()):
        # 完成时限原文, "Deadline (as written)": the words plan export wrote beside the
        # deadline, kept so again (not a second deadline, nor a column of no known name)
        return "keep", ""
    period = period_of(text)
    if period is not None:
        return "milestone", period
    bare, inside = _bare(key)
    if bare in _BY_NAME:
        field = _BY_NAME[bare]
        unit = inside if field in ("target", "baseline", "actual") and _is_unit(inside) else ""
        return field, unit
    for pattern, field in _ENDINGS:
        if pattern.fullmatch(bare):
            return field, ""
    return None, ""


def names_tasks(column: Column) -> bool:
    """Whether a column's header is one that names tasks (具体任务, 具体措施), though another
    column ranked before it is the title (``settle`` made it the detail)."""
    return _bare(normalise(column.name.split("/")[-1]))[0] in _PRIORITY


def named_by_ending(text: str) -> bool:
    """Whether a header is known by its ending alone (1-6月完成, 上半年工作进展: ``_ENDINGS``),
    a reading its cells may not bear out, not by a name of its field (完成值)."""
    key = normalise(text)
    bare = _bare(key)[0]
    if key in _BY_NAME or bare in _BY_NAME or period_of(text) is not None:
        return False
    return any(pattern.fullmatch(bare) for pattern, _ in _ENDINGS)


def _is_unit(text: str) -> bool:
    return 0 < len(text) <= 4 and not re.search(r"\d|单位|注|说明", text)


class Column:
    """One column of the table: where it is, its header as written, what it holds; a unit
    its header gives (目标值（万亩）), or for a milestone column the period it names."""

    __slots__ = ("index", "name", "field", "unit", "mapped", "period", "second", "note_month")

    def __init__(self, index: int, name: str, field: str | None, unit: str = ""):
        self.index, self.name, self.field, self.unit = index, name, field, unit
        self.mapped = False  # set by --map
        self.second: Column | None = None  # kept, for the column before it reads its field
        self.period = ""
        self.note_month: int | None = None  # a progress column of one period's (note_columns)
        if field == "milestone":
            self.unit, self.period = "", unit

    def __repr__(self) -> str:
        return f"Column({self.index}, {self.name!r}, {self.field!r})"


class Header:
    """The header of a sheet: its first row, how many rows it takes, and the columns."""

    __slots__ = ("sheet", "row", "height", "columns")

    def __init__(self, sheet: Sheet, row: int, height: int, columns: list[Column]):
        self.sheet, self.row, self.height, self.columns = sheet, row, height, columns

    @property
    def first_data_row(self) -> int:
        return self.row + self.height

    def by_field(self) -> dict[str, Column]:
        """The column of each field; a field two columns name goes to the first (see
        ``settle``, which has already turned the others into kept columns)."""
        found: dict[str, Column] = {}
        for column in self.columns:
            if column.field is not None and column.field not in found:
                found[column.field] = column
        return found


def _text(value: Value) -> str:
    """A header cell on one line, the Chinese way (完成\n时限: 完成时限), an English word
    hyphened at a line's end joined (Comple-\ntion: Completion, as plan export breaks it)."""
    if value is None:
        return ""
    text = re.sub(r"(?<=[A-Za-z])-\n(?=[a-z])", "", str(value))
    return " ".join(one_line(text).split())


def _cell_field(text: str, maps: dict[str, str]) -> tuple[str, str] | None:
    """(field, unit) of one header cell, --map first; None for a header it does not know."""
    if not text:
        return None
    key = normalise(text)
    if key in maps:
        return maps[key], ""
    field, unit = recognise(text)
    return (field, unit) if field is not None else None


def _row_fields(sheet: Sheet, row: int, maps: dict[str, str]) -> dict[int, tuple[str, str]]:
    """Column -> (field, unit) for the recognised cells of one row."""
    found = {}
    for col in range(sheet.width):
        cell = _cell_field(_text(sheet.value(row, col)), maps)
        if cell is not None:
            found[col] = cell
    _rectification(sheet, row, found, maps)
    return found


# A 整改清单's row is a problem fed back (存在问题 | 整改措施 | 整改时限): the problem is the task
# the office ticks off (问题销号), the measure its detail. Beside a column of tasks, 存在问题 is
# what holds a task up (its reason), as a 推进表 has it.
_PROBLEM_NAMES = frozenset(("存在问题", "反馈问题", "问题描述", "具体问题", "问题表现", "问题"))
_MEASURE_NAMES = frozenset(("整改措施", "整改举措", "整改措施及要求", "整改要求"))


def _rectification(
    sheet: Sheet, row: int, found: dict[int, tuple[str, str]], maps: dict[str, str]
) -> None:
    if any(field == "title" for field, _ in found.values()):
        return
    names = {col: normalise(_text(sheet.value(row, col))) for col in range(sheet.width)}
    measures = [c for c, n in names.items() if n in _MEASURE_NAMES and c not in found]
    problems = [c for c, n in names.items() if n in _PROBLEM_NAMES and n not in maps]
    if not measures or not problems:
        return
    found[problems[0]] = ("title", "")
    found[measures[0]] = ("detail", "")


def _group_text(sheet: Sheet, row: int, col: int) -> str:
    """The header row's text over a column, or, where it is blank, the group header it runs
    under: a CSV (or an unmerged sheet) keeps a merged group header (形象进度 over 一季度 |
    二季度 | 三季度 | 四季度) in its first cell alone. Blank cells to its right belong to it
    while the row below names a sub-header under each, and under the group's own cell too."""
    top = _text(sheet.value(row, col))
    if top or sheet.span(row, col) is not None:
        return top
    first = col
    while first > 0 and not _text(sheet.value(row, first)) and sheet.span(row, first) is None:
        if not _text(sheet.value(row + 1, first)):
            return ""
        first -= 1
    if sheet.span(row, first) is not None or not _text(sheet.value(row + 1, first)):
        return ""
    if _is_copy_from_above(sheet, row + 1, first):
        return ""
    return _text(sheet.value(row, first))


def _is_copy_from_above(sheet: Sheet, row: int, col: int) -> bool:
    span = sheet.span(row, col)
    return span is not None and span[0] < row


def _two_row_fields(
    sheet: Sheet, row: int, maps: dict[str, str]
) -> tuple[dict[int, tuple[str, str]], bool]:
    """The fields a header on ``row`` names, with the row below it read as sub-headers when it
    adds fields: a merged group header (责任主体) over 责任领导 | 牵头单位 | 责任人. Returns the
    fields and whether the header takes two rows."""
    top = _row_fields(sheet, row, maps)
    if not top or row + 1 >= len(sheet.rows):
        return top, False
    combined: dict[int, tuple[str, str]] = {}
    added = False
    for col in range(sheet.width):
        below = _text(sheet.value(row + 1, col))
        if below and not _is_copy_from_above(sheet, row + 1, col):
            # A sub-header names its column, whatever the group header above it says; but a
            # target under a period (上半年 | 目标) is the value due by then, a milestone.
            group = _group_text(sheet, row, col)
            cell = _cell_field(below, maps) or _completed(below, group)
            period = period_of(group)
            if cell is not None and cell[0] == "target" and period is not None:
                cell = ("milestone", period)
            if cell is not None:
                combined[col] = cell
                added = True
        elif col in top:
            combined[col] = top[col]
    if added and _score(combined) >= _score(top):
        # A row above a header that names every field by itself (the table's title,
        # XX镇2024年重点工作推进情况, read as a 推进情况 column) is no group header over it.
        own_below = {
            col: cell
            for col, cell in _row_fields(sheet, row + 1, maps).items()
            if not _is_copy_from_above(sheet, row + 1, col)
        }
        if _score(own_below) >= _score(combined):
            return top, False
        return combined, True
    return top, _sub_headers_below(sheet, row, top)


def _sub_headers_below(sheet: Sheet, row: int, top: dict[int, tuple[str, str]]) -> bool:
    """Whether the row below the header holds sub-headers of its own words under a group
    header merged across them (资金来源 over 区级补助 | 街道自筹 | 社会资金), and nothing under
    the columns the header names: then the header takes both rows, each such column named
    by both (资金来源/区级补助), not the group's name with a column letter."""
    under_groups = 0
    for col in range(sheet.width):
        below = _text(sheet.value(row + 1, col))
        if not below or _is_copy_from_above(sheet, row + 1, col):
            continue
        span = sheet.span(row, col)
        if col in top or span is None or span[0] != row or span[1] == span[3]:
            return False
        under_groups += 1
    return under_groups >= 2


# Who and when, as a short sub-header under its group names them: 牵头 | 配合 under 责任单位,
# 开始 | 完成 under 时间安排, 领导 under 责任.
_COMPLETED_FIELDS = ("lead", "lead_unit", "support_units", "owner", "start", "due")


def _completed(below: str, top: str) -> tuple[str, str] | None:
    """A sub-header known only with a word of the group header above it: 牵头 under 责任单位
    is 牵头单位, 完成 under 时间安排 is 完成时间, 全年 under 目标任务 the target."""
    if not top or len(normalise(below)) > 3:
        return None
    if normalise(below) in ("全年", "年度") and "目标" in top:  # 目标任务 over 全年 | 上半年
        return "target", ""
    for text in (below + top[-2:], below + top[:2], top[:2] + below, top[-2:] + below):
        field, unit = recognise(text)
        if field in _COMPLETED_FIELDS:
            return field, unit
    return None


def _score(fields: dict[int, tuple[str, str]]) -> int:
    named = {field for field, _ in fields.values()}
    return len(named) if "title" in named and len(named) >= 2 else 0


def find_header(path: str, sheets: list[Sheet], maps: dict[str, str]) -> Header:
    """The header of the first sheet that has one, settled: each column with its field.
    ``maps`` are the user's ``--map`` (column name as typed -> field)."""
    norm = {normalise(column): field for column, field in maps.items()}
    looks = []
    for sheet in sheets:
        header = _header_of(sheet, norm)
        if header is not None:
            return settle(path, header, maps)
        looks.append(_look(sheet, norm))
    # The title's column left out (…=skip) or taken for another field (工作任务=id): no title.
    titles = [
        (typed, field)
        for typed, field in maps.items()
        if field != "title" and recognise(typed)[0] == "title" and "title" not in maps.values()
    ]
    # A 工作要点 saved as text: each line one cell, no row a table's.
    prose = any(sheet.rows for sheet in sheets) and all(
        sum(1 for value in row if _text(value)) <= 1 for sheet in sheets for row in sheet.rows
    )
    skipped, taken_as = titles[0] if titles else (None, SKIP)
    raise NoHeader(path, looks, skipped, prose and not maps, taken_as)


def sheet_header(sheet: Sheet, maps: dict[str, str]) -> Header | None:
    """The header a sheet has, not yet settled (None: it has none); ``maps`` as typed."""
    return _header_of(sheet, {normalise(column): field for column, field in maps.items()})


def _header_of(sheet: Sheet, maps: dict[str, str]) -> Header | None:
    best: tuple[int, int, bool, dict[int, tuple[str, str]]] | None = None
    for row in range(min(HEADER_SEARCH_ROWS, len(sheet.rows))):
        fields, two = _two_row_fields(sheet, row, maps)
        score = _score(fields)
        if score and (best is None or score > best[0]):
            best = (score, row, two, fields)
    if best is None:
        return None
    _, row, two, fields = best
    columns = []
    for col in range(sheet.width):
        name = _column_name(sheet, row, col, two)
        if not name:
            continue
        field, unit = fields.get(col, (None, ""))
        columns.append(Column(col, name, field, unit))
    return Header(sheet, row, 2 if two else 1, columns)


def _column_name(sheet: Sheet, row: int, col: int, two: bool) -> str:
    """The header as written: '责任主体/牵头单位' for a sub-header under a group header, one
    text when the two rows are one merged cell."""
    top = _text(sheet.value(row, col))
    if not two:
        return top
    top = _group_text(sheet, row, col)
    below = _text(sheet.value(row + 1, col))
    if not below or _is_copy_from_above(sheet, row + 1, col) or below == top:
        return top
    if not top:
        return below
    return f"{top}/{below}"


def settle(
    path: str, header: Header, maps: dict[str, str], unknown: set[str] | None = None
) -> Header:
    """Apply ``--map`` and settle clashes: of two title columns the one ranked first stays the
    title and the next becomes the detail (工作任务 with 具体措施); any other field two columns
    name is read from the first, and the others are kept under their own names. A --map
    naming no column of the header is refused, or added to ``unknown`` when it is given (one
    of several sheets may lack a column the others have)."""
    names = {}
    for column in header.columns:
        names[normalise(column.name)] = column
        for part in column.name.split("/"):
            names.setdefault(normalise(part), column)
    for typed, field in maps.items():
        chosen = names.get(normalise(typed))
        if chosen is None and unknown is not None:
            unknown.add(typed)
            continue
        if chosen is None:
            raise UnknownMapColumn(path, typed, [c.name for c in header.columns])
        chosen.field, chosen.unit, chosen.mapped = field, "", True
    titles = sorted(
        (c for c in header.columns if c.field == "title"),
        key=lambda c: (not c.mapped, _PRIORITY.get(_bare(normalise(c.name))[0], 99), c.index),
    )
    for extra in titles[1:]:
        extra.field = "detail"
    from .note_columns import date_period_notes

    date_period_notes(header.columns)
    seen: dict[str, Column] = {}
    # Of two columns naming one field, the one shown is read before one Excel hides (last
    # month's 完成进度 hidden beside this month's): hiding is not deleting, but not current.
    hidden = header.sheet.hidden_columns
    for column in sorted(
        header.columns, key=lambda c: (not c.mapped, _works_end(c), c.index in hidden, c.index)
    ):
        if column.field in ("keep", "computed", "completion", "milestone", SKIP, None):
            continue
        if column.note_month is not None:  # one of the notes per period, each read
            continue
        if column.field in seen:
            column.field, column.second = "keep", seen[column.field]
            continue
        seen[column.field] = column
    return header


def _works_end(column: Column) -> bool:
    """A 竣工时间 column read as the 完成时限: it yields to one of the deadline itself."""
    return column.field == "due" and _bare(normalise(column.name))[0] in _WORKS_END


_WORKS_END = frozenset(normalise(name) for name in WORKS_END)


def _look(sheet: Sheet, maps: dict[str, str]) -> HeaderLook:
    last = min(HEADER_SEARCH_ROWS, len(sheet.rows))
    found: list[tuple[str, str]] = []
    best_row, best_count = None, 0
    for row in range(last):
        fields = {c: cell for c, cell in _row_fields(sheet, row, maps).items() if cell[0] != SKIP}
        if all(field == "milestone" for field, _ in fields.values()):
            fields = {}  # a row of deadlines (6月底前, 9月30日), not of period headers
        for col in fields:
            if not _is_copy_from_above(sheet, row, col):
                found.append((sheet.address(row, col), _text(sheet.value(row, col))))
        texts = [_text(v) for v in sheet.rows[row] if _text(v)]
        count = len(fields) * 100 + len(texts)
        if texts and count > best_count:
            best_row, best_count = row, count
    best_texts = []
    if best_row is not None:
        best_texts = _distinct([_text(v) for v in sheet.rows[best_row]])
    return HeaderLook(
        sheet.name,
        1,
        last,
        found,
        best_row + 1 if best_row is not None else None,
        best_texts,
    )


def _distinct(texts: list[str]) -> list[str]:
    out: list[str] = []
    for text in texts:
        if text and (not out or out[-1] != text):
            out.append(text)
    return out


# ``--map 列名=skip``: a column left out of the import (an office's working column, 内部备注).
SKIP = "skip"
SKIP_WORDS = (SKIP, "不导入")


def parse_map(option: str) -> tuple[str, str] | None:
    """``列名=field`` -> (column name, field); the field may be a field name (lead_unit), a
    header name the tool knows (牵头单位), or skip (不导入): the column is not read. None: not
    of that form. A Chinese input method's ＝ (备注＝skip) is the = it stands for."""
    if "=" not in option:
        option = option.replace("＝", "=")
    column, sep, field = option.rpartition("=")
    if not sep or not column.strip() or not field.strip():
        return None
    field = field.strip()
    if field in MAP_FIELDS:
        return column.strip(), field
    if field.casefold() in SKIP_WORDS:
        return column.strip(), SKIP
    known = _BY_NAME.get(normalise(field))
    if known is not None and known not in ("computed", "completion"):
        return column.strip(), known
    return None
