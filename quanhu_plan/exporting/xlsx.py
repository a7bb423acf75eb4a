"""The 推进情况表 as an Excel workbook, ready to print and hand in: the title row, the 填报单位
line, a styled header frozen with the 序号 and 工作任务 columns, parts and goals as shaded bold
grouping rows, wrapped text in columns as wide as their text (an East Asian wide character
counts 2), 红黄绿灯 filled in their colours, A4 landscape fitted to the page's width with the
header repeated on every page and the pages numbered.

The one place that writes a workbook: openpyxl is imported inside ``xlsx_bytes``, so only an
export (and ``plan import``, which reads one) pays for loading it.

Cells are safe to open: every text cell is text (never a formula, also when it starts with =;
one starting with = + - @ is marked as typed with a leading ' too, so Excel keeps it text when
it is edited), and control characters were shown as escapes already (``rows.inert``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from fractions import Fraction
from typing import Any

from .rows import EXPORT_PROPERTY, Column, Percent, ProgressTable, Row, quote_guarded

FONT = "宋体"  # SimSun: what Chinese Windows and WPS have; others fall back to their CJK font
TITLE_FONT = "黑体"
BODY_SIZE = 10
TITLE_SIZE = 16

HEADER_FILL = "D9D9D9"
PART_FILL = "D9E1F2"
GOAL_FILL = "F2F2F2"
# The light fills Excel's own "good / neutral / bad" styles use, as the Word ledger does.
LIGHT_FILLS = {"red": "FFC7CE", "yellow": "FFEB9C", "green": "C6EFCE"}
LIGHT_FONTS = {"red": "9C0006", "yellow": "9C5700", "green": "006100"}

# A4 landscape between the margins holds about 150 characters of the sheet at 100 %. A wider
# table is scaled down to the page's width (fitToWidth), never cut; above this budget the
# columns of running text (titles, notes) wrap more instead, so the print stays readable
# (about 75 % at the least: the 10 pt font printed at 7.5 pt).
WIDTH_BUDGET = 200
PADDING = 2
# A column of text is at least as wide as its longest word of up to this; a link or a file name
# longer than that is broken, as it would be anyway, and sets no width (it held 销号依据 at 20
# and left the parts' 具体内容 four 汉字 a line).
WORD_WIDEST = 20


def display_width(text: str) -> int:
    """How many columns ``text``'s longest line takes: a wide or full-width East Asian
    character (汉字, （）, ，) counts 2, and so does one of ambiguous width (“”, ‰, ℃), which
    宋体 draws as wide as a 汉字."""
    return max(
        (
            sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in line)
            for line in text.split("\n")
        ),
        default=0,
    )


def header_text(column: Column, lang: str, width: int | None = None) -> str:
    """The header as the workbook shows it: a bracket on a line of its own (序时进度 /
    （应完成%）), and a Chinese header too wide for its column in two halves (责任 / 领导),
    rather than wrapped wherever the line ends. ``plan import`` reads it all the same."""
    lines = column.header(lang).replace("（", "\n（").split("\n")
    if lang == "zh" and width is not None:
        lines = [
            _halves(line) if display_width(line) + PADDING > width and _halved(line) else line
            for line in lines
        ]
    elif width is not None:  # Completion in a column of 100%: Comple- / tion
        lines = [
            " ".join(
                _hyphened(word) if display_width(word) + PADDING > width else word
                for word in line.split(" ")
            )
            for line in lines
        ]
    return "\n".join(lines)


def _halved(line: str) -> bool:
    """Whether a header's line may take two: a word of four characters or more may, a unit in
    its brackets not ((万元) broken as （万 / 元）): the column is as wide as the bracket."""
    return len(line) > 3 and not line.startswith("（")


# Where a Chinese header of more than four characters takes two lines: between its words
# (县级任务 / 编号), not at its middle character (县级任 / 务编号, as LibreOffice showed it).
HEADER_BREAKS = {"县级任务编号": 4, "时间节点安排": 4, "下一步措施": 3}


def _halves(text: str) -> str:
    """Two lines: a group's header over its own (an imported 工作进度安排/一季度) at its /,
    else between the words named above, else at the middle."""
    middle = HEADER_BREAKS.get(text, (len(text) + 1) // 2)
    if "/" in text.strip("/"):
        middle = text.index("/", 1) + 1
    return f"{text[:middle]}\n{text[middle:]}"


def _header_floor(column: Column, lang: str, hyphened: bool = False) -> int:
    """The narrowest a column may be for its header: a Chinese header of four characters or
    more may take two lines, an English one wraps at its spaces (``hyphened``: and its long
    words at their hyphen, ``HYPHENS``)."""
    lines = header_text(column, lang).split("\n")
    if lang == "zh":
        return max(display_width(_halves(t) if _halved(t) else t) for t in lines) + PADDING
    words = [word for line in lines for word in line.split()]
    if hyphened:
        words = [piece for word in words for piece in _hyphened(word).split("\n")]
    return max(display_width(word) for word in words) + PADDING


# Where an English header's long word breaks when its column is narrower than the word (a
# column of figures: 100%, 3.2): Excel does not hyphenate, so the header says where. ``plan
# import`` joins a word so broken again (importing/headers.normalise).
HYPHENS = {
    "Completion": "Comple-tion",
    "Baseline": "Base-line",
    "Expected": "Ex-pected",
    "Problems": "Prob-lems",
    "Progress": "Prog-ress",
    "Support": "Sup-port",
    "Milestones": "Mile-stones",
    "Evidence": "Evi-dence",
    "Scoring": "Scor-ing",
    "Remarks": "Re-marks",
}


def _hyphened(word: str) -> str:
    # Only at the breaks above: a name's own hyphen (a column of the plan's own, Follow-up)
    # broken there would be read back joined, Followup, a field the plan never had.
    return HYPHENS[word].replace("-", "-\n") if word in HYPHENS else word


# Row heights, in points: Excel and LibreOffice do not fit a row to wrapped text they did not
# lay out themselves, so the workbook says how tall each row is.
LINE_HEIGHT = 13.5
ROW_PADDING = 3.0
# The tallest row Excel has (409 points): a taller height in the file is beyond what Excel takes
# (it may offer to repair the workbook); a longer text scrolls within its cell there.
TALLEST_ROW = 409.0


def lines_in(text: str, width: int, indent: int = 0) -> int:
    """How many lines ``text`` takes in a column ``width`` characters wide, less its indent
    (about 1.5 characters a level), wrapped at any wide character or at a space: a word
    (Revitalisation, G107) goes to the next line whole unless it is longer than a line. A wide
    character takes 2, as 宋体 does in Excel (LibreOffice's fallback font is a little
    narrower, so there a row may have a line to spare)."""
    usable = max(1, width - PADDING - (3 * indent + 1) // 2)
    return sum(_wrapped_lines(line, usable) for line in text.split("\n"))


def _words(line: str) -> list[tuple[int, bool, bool]]:
    """``line``'s words: (width, whether a space comes before it, whether it is one wide
    character). A word is a run of characters neither wide nor a space (Revitalisation, G107,
    12.5), or one wide character (a line may break after any 汉字)."""
    words: list[tuple[int, bool, bool]] = []
    run, spaced = 0, False
    for ch in line:
        if ch.isspace():
            if run:
                words.append((run, spaced, False))
            run, spaced = 0, True
        elif unicodedata.east_asian_width(ch) in "WFA":
            if run:
                words.append((run, spaced, False))
                spaced = False
            words.append((2, spaced, True))
            run, spaced = 0, False
        else:
            run += 1
    if run:
        words.append((run, spaced, False))
    return words


def _wrapped_lines(line: str, usable: int) -> int:
    """Lines of ``line`` in ``usable`` columns: a word that does not fit goes to the next line
    whole (broken only when longer than a line); wide characters run on, counted by their
    columns (宋体's 汉字 in Excel are a little under 2 columns each)."""
    lines, used = 1, 0
    for word, spaced, wide in _words(line):
        gap = 1 if used and spaced else 0
        if used + gap + word <= usable:
            used += gap + word
        elif wide:
            lines, used = lines + 1, used + gap + word - usable
        else:
            if used:
                lines, used = lines + 1, 0
            full, used = divmod(word, usable)  # a word longer than a line is broken
            lines += full - (1 if used == 0 else 0)
            used = used or usable
    return lines


def longest_word(text: str) -> int:
    """The width of ``text``'s longest word: the narrowest its column can be without breaking
    the word in two (Excel breaks a word longer than its column anywhere)."""
    return max((word for line in text.split("\n") for word, _, _ in _words(line)), default=0)


def row_height(texts: list[tuple[str, int, int]]) -> float:
    """The height of a row whose cells hold (text, column width, indent)."""
    lines = max((lines_in(text, width, indent) for text, width, indent in texts if text), default=1)
    return min(lines * LINE_HEIGHT + ROW_PADDING, TALLEST_ROW)


# The title row: one line of the 16-point title font, with room above and below it.
TITLE_ROW = 30.0
TITLE_LINE_HEIGHT = 21.0


def title_row(ws: Any, row: int, text: str, widths: list[int]) -> None:
    """The title, bold and centred in a row merged across the table's columns (``widths``, in
    characters of the 10-point body font), wrapped there: a title wider than the table would run off
    both sides of the page. The row is as tall as its lines (the title font is 1.6 times as
    wide as the body's)."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    cell = ws.cell(row, 1)
    _text_cell(cell, text)
    cell.font = Font(name=TITLE_FONT, size=TITLE_SIZE, bold=True)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.merge_cells(f"A{row}:{get_column_letter(len(widths))}{row}")
    usable = max(1, sum(widths) - PADDING) * BODY_SIZE
    lines = sum(max(1, -(-display_width(line) * TITLE_SIZE // usable)) for line in text.split("\n"))
    height = TITLE_ROW + (lines - 1) * TITLE_LINE_HEIGHT
    ws.row_dimensions[row].height = min(height, TALLEST_ROW)


# A target as the plan words it (3.3万亩以上, 下降10%) is one phrase: its column is not squeezed
# below its longest that fits the column's widest to keep the sheet within the page, where the
# figure would part from its unit (3.3万 / 亩以上); running text gives up the width instead. (A
# longer one wraps whatever the width: it gives up width as running text does.)
PHRASE_KEYS = ("target",)


def column_widths(table: ProgressTable) -> list[int]:
    """Each column as wide as its widest cell, kept between the column's narrowest (and what
    its header needs) and widest; text wider than that wraps. When the whole is wider than
    ``WIDTH_BUDGET``, the running-text columns give up width where it costs the fewest lines
    (``_Wrapping``), each weighed by its share."""
    floors, widths = [], []
    hyphened: list[tuple[int, int]] = []  # each column's floor and width, its header hyphened
    columns = table.columns
    wrapping: dict[int, _Wrapping] = {}
    for index, column in enumerate(columns):
        values = [row.values(columns)[index] for row in table.rows]
        shown = [_shown(value) for value in values]
        natural = max((display_width(text) for text in shown), default=0) + PADDING
        texts = [value for value in values if isinstance(value, str)]
        if column.kind == "text":
            wrapping[index] = _Wrapping(shown, column.share)
        depths = [row.depth if column.key == "title" else 0 for row in table.rows]
        floor = _least(column, _header_floor(column, table.lang), texts, shown, depths)
        floors.append(floor)
        widths.append(max(floor, min(column.widest, natural)))
        if table.lang != "zh":
            header = _header_floor(column, table.lang, hyphened=True)
            floor = _least(column, header, texts, shown, depths)
            hyphened.append((floor, max(floor, min(column.widest, natural))))
    # An English header's long word (Completion, Baseline) over a column of 100% or 3.2 took
    # the width a title needed: over the budget, those words are hyphened (Comple- / tion)
    # before any text gives up its width.
    if sum(widths) > WIDTH_BUDGET and table.lang != "zh":
        floors = [floor for floor, _ in hyphened]
        widths = [width for _, width in hyphened]
    # Over the budget, a running-text column gives up a character at a time: the one where
    # it adds the fewest lines to the sheet for its share, so a column of long sentences (the
    # parts' 具体内容) keeps its width while one of a short note gives up its own; where the
    # lines are the same, the one widest for its share (a unit's name wraps before a title).
    excess = sum(widths) - WIDTH_BUDGET
    while excess > 0:
        roomy = [index for index in wrapping if widths[index] > floors[index]]
        if not roomy:
            break
        cheapest = min(
            roomy,
            key=lambda i: (
                wrapping[i].cost(widths[i]),
                -Fraction(widths[i], columns[i].share),
                i,
            ),
        )
        widths[cheapest] -= 1
        excess -= 1
    return widths


def _least(
    column: Column, header: int, texts: list[str], shown: list[str], depths: list[int]
) -> int:
    """The narrowest ``column`` may be: its own narrowest, ``header`` (what its header needs),
    its longest word, a target's phrase whole, its longest text within Excel's tallest row."""
    floor = max(column.narrowest, header)
    # Revitalisation, 12.10.10.10 whole, not Revitalisat / ion, 12.10.10.1 / 0. (A figure,
    # a date or a percentage is a number: Excel never wraps it.)
    word = max((longest_word(text) for text in texts), default=0) + PADDING
    if word <= WORD_WIDEST:  # (a link longer is broken at any width: it holds none)
        floor = max(floor, word)
    if column.key in PHRASE_KEYS:  # 3.3万亩以上 whole, not 3.3万亩以 / 上
        phrases = [display_width(text) + PADDING for text in texts]
        floor = max([floor, *(width for width in phrases if width <= column.widest)])
    if column.key == "milestone":  # 2026-Q2：6次 whole, not 2026-Q2：6 / 次 (a note may wrap)
        heads = [display_width(head) + PADDING for text in texts for head in _milestone_heads(text)]
        floor = max([floor, *(width for width in heads if width <= column.widest)])
    if column.kind == "text":
        floor = _whole_in_tallest_row(shown, depths, floor, column.widest)
    return floor


# A milestone line's due and figure (exporting/rows.py: 2026-Q2：6次（…）, 2023-09: 50% (…)):
# one phrase, kept on one line; the note after it wraps.
_MILESTONE_HEAD = re.compile(r"\S+?(?:：|: )-?[\d.]+(?:%|[^\s（(\d，,；;：:]{1,4})?")


def _milestone_heads(text: str) -> list[str]:
    """The due and figure each milestone line of a 时间节点安排 cell starts with."""
    return [found.group() for line in text.split("\n") if (found := _MILESTONE_HEAD.match(line))]


def _whole_in_tallest_row(texts: list[str], depths: list[int], floor: int, widest: int) -> int:
    """The narrowest a text column may be, from ``floor``, for its longest cell to fit in
    Excel's tallest row (``TALLEST_ROW``): a note of a few hundred characters in a column of 14
    took 57 lines, and what the row had no room for was never printed. Up to the column's
    widest: a longer text, shown as far as it goes there, scrolls within its cell."""
    most = int((TALLEST_ROW - ROW_PADDING) // LINE_HEIGHT)
    # A text of fewer characters than the lines, and no line breaks, takes fewer lines.
    long = [(t, d) for t, d in zip(texts, depths, strict=True) if len(t) + t.count("\n") >= most]
    if not long:
        return floor

    def fits(width: int) -> bool:
        return all(lines_in(text, width, depth) <= most for text, depth in long)

    if fits(floor):
        return floor
    if not fits(widest):
        return max(floor, widest)
    low, high = floor, widest  # low does not fit, high does
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if fits(middle) else (middle, high)
    return high


class _Wrapping:
    """A text column's cells, to tell what narrowing it costs: about as many lines as its
    cells' text over the line's width, a cell at least one (``lines_in`` less its word
    breaks, counted from the widths alone, so that a plan of 10,000 tasks is weighed at once)."""

    __slots__ = ("share", "widths", "after")

    def __init__(self, texts: list[str], share: int):
        from itertools import accumulate

        self.share = share
        self.widths = sorted(display_width(text) for text in texts if text)
        # The total width of the cells from each on: those wider than a line.
        self.after = [*accumulate(reversed(self.widths), initial=0)][::-1]

    def lines(self, width: int) -> Fraction:
        from bisect import bisect_right

        usable = max(1, width - PADDING)
        fitting = bisect_right(self.widths, usable)
        return fitting + Fraction(self.after[fitting], usable)

    def cost(self, width: int) -> Fraction:
        """The lines one character less adds, weighed by the share: 0 for a column whose
        cells all fit one less."""
        return (self.lines(width - 1) - self.lines(width)) * self.share


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Percent):
        return value.text
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def house_workbook() -> Any:
    """A new workbook whose own default font (its Normal style, font 0) is the sheet's 宋体 at
    the body's size, not openpyxl's Calibri 11: a cell the office types into later (a row
    added under the table, a note beside it) is 宋体 as the tool's are, and Excel counts the
    column widths in 宋体's digits (as wide as Calibri 11's: the widths stay as they were)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils.indexed_list import IndexedList

    book = Workbook()
    # charset 134 (GB2312) and family 3 (modern) are what Excel writes for its own 宋体.
    default = Font(name=FONT, size=BODY_SIZE, charset=134, family=3)
    book._fonts = IndexedList([default])  # font 0, which every unstyled cell has
    normal = next(style for style in book._named_styles if style.name == "Normal")
    normal.font = default  # recalculated against the list above: font 0 again
    return book


def xlsx_bytes(table: ProgressTable, now: dt.datetime | None = None) -> bytes:
    """The workbook's bytes. ``now``: its created and modified time (default: now)."""
    import io

    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    book = house_workbook()
    ws = book.active
    ws.title = table.sheet_name
    columns = table.columns
    last = get_column_letter(len(columns))
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)

    def fill(colour: str) -> PatternFill:
        return PatternFill(fill_type="solid", start_color=colour, end_color=colour)

    widths = column_widths(table)
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width

    # Title and the lines under it, each merged across the table, wrapped within it.
    row = 1
    title_row(ws, row, table.title, widths)
    for line in table.lines:
        row += 1
        _text_cell(ws.cell(row, 1), line)
        ws.cell(row, 1).font = Font(name=FONT, size=BODY_SIZE)
        ws.cell(row, 1).alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
        ws.merge_cells(f"A{row}:{last}{row}")
        ws.row_dimensions[row].height = row_height([(line, sum(widths), 0)])

    # The header.
    row += 1
    header_row = row
    headers = [
        header_text(column, table.lang, width)
        for column, width in zip(columns, widths, strict=True)
    ]
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(row, col)
        _text_cell(cell, text)
        cell.font = Font(name=FONT, size=BODY_SIZE, bold=True)
        cell.fill = fill(HEADER_FILL)
        cell.border = border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[row].height = row_height(
        [(t, w, 0) for t, w in zip(headers, widths, strict=True)]
    )

    # The rows.
    styles: dict[tuple[Any, ...], Any] = {}
    for data in table.rows:
        row += 1
        _write_row(ws, row, columns, data, styles, border, fill, Font, Alignment)
        ws.row_dimensions[row].height = row_height(
            [
                (_shown(value), width, data.depth if column.key == "title" else 0)
                for column, value, width in zip(columns, data.values(columns), widths, strict=True)
            ]
        )

    # The header's filter buttons: an office picks out its unit's tasks, the red ones, the late.
    ws.auto_filter.ref = f"A{header_row}:{last}{row}"
    print_setup(ws, header_row, table.lang)

    # openpyxl writes the time as UTC (…Z), whatever zone it is in: the clock's in UTC.
    when = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(tzinfo=None)
    book.properties.title = table.title
    book.properties.creator = table.organisation or "quanhu-plan"
    book.properties.lastModifiedBy = table.organisation or "quanhu-plan"
    book.properties.created = book.properties.modified = when
    from openpyxl.packaging.custom import StringProperty

    from .. import __version__

    book.custom_doc_props.append(StringProperty(name=EXPORT_PROPERTY, value=__version__))
    out = io.BytesIO()
    book.save(out)
    if row > header_row:
        return text_on_purpose(out.getvalue(), f"A{header_row + 1}:{last}{row}")
    return out.getvalue()


# What the schema puts after ignoredErrors in a sheet, should openpyxl write any of it.
_AFTER_IGNORED_ERRORS = (b"<smartTags", b"<drawing", b"<legacyDrawing", b"<tableParts", b"<extLst")


def text_on_purpose(workbook: bytes, ref: str) -> bytes:
    """The workbook with its sheet saying that the numbers stored as text in ``ref`` are so on
    purpose (``ignoredErrors``, as Excel records "ignore error"): a 序号 1, 1.1, 2.2 is text,
    and Excel marked each with a green triangle whose "convert to number" turns 2.10 into 2.1.
    openpyxl does not write the element, so it goes into the saved sheet's XML, where the
    schema has it: after the page setup and the footer, before any drawing."""
    import io
    import zipfile

    sheet = "xl/worksheets/sheet1.xml"
    element = f'<ignoredErrors><ignoredError sqref="{ref}" numberStoredAsText="1"/></ignoredErrors>'
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(workbook)) as given,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as made,
    ):
        for info in given.infolist():
            data = given.read(info)
            if info.filename == sheet:
                at = min(
                    (data.find(tag) for tag in _AFTER_IGNORED_ERRORS if tag in data),
                    default=data.rfind(b"</worksheet>"),
                )
                data = data[:at] + element.encode() + data[at:]
            made.writestr(info, data)
    return out.getvalue()


def _write_row(
    ws: Any,
    row: int,
    columns: tuple[Column, ...],
    data: Row,
    styles: dict[tuple[Any, ...], Any],
    border: Any,
    fill: Any,
    Font: Any,
    Alignment: Any,
) -> None:
    """The row's cells. A table has few different cell styles (a column, a kind of row, a
    light), so each is made once and copied to the cells that have it: openpyxl compares
    every style it is given with those it has, which would cost seconds for a long plan."""
    from copy import copy

    group = data.kind != "task"
    shade = PART_FILL if data.kind == "part" else GOAL_FILL if data.kind == "goal" else None
    for col, (column, value) in enumerate(zip(columns, data.values(columns), strict=True), start=1):
        cell = ws.cell(row, col)
        kind = _value(cell, value)
        key = (
            col,
            data.kind,
            data.light if column.kind == "light" else None,
            data.depth if column.key == "title" else 0,
            kind,
        )
        made = styles.get(key)
        if made is not None:
            cell._style = copy(made)  # the style openpyxl made for the first such cell
            continue
        if kind == "percent":
            cell.number_format = "0%"
        elif kind == "date":
            cell.number_format = "yyyy-mm-dd"
        elif kind == "formula-like":
            cell.quotePrefix = True
        cell.border = border
        cell.font = Font(name=FONT, size=BODY_SIZE, bold=group)
        cell.alignment = _alignment(Alignment, column, data, kind)
        if shade is not None:
            cell.fill = fill(shade)
        if column.kind == "light" and data.light in LIGHT_FILLS:
            cell.fill = fill(LIGHT_FILLS[data.light])
            cell.font = Font(name=FONT, size=BODY_SIZE, color=LIGHT_FONTS[data.light])
        styles[key] = copy(cell._style)


def _value(cell: Any, value: Any) -> str | None:
    """Put the value in the cell; what kind it is: percent, date, number, text, formula-like
    (text to mark as text: ``quote_guarded``), or None for an empty cell."""
    if value is None:
        return None
    if isinstance(value, Percent):
        # A number Excel can add up, shown as the plan shows it (58%).
        cell.value = float(value.whole / 100)
        return "percent"
    if isinstance(value, dt.date):
        cell.value = value  # a date Excel can sort and filter, shown as the plan writes it
        return "date"
    if isinstance(value, int | float):
        cell.value = value
        return "number"
    cell.value = as_stored(value)
    cell.data_type = "s"  # never a formula, also when it starts with =
    return "formula-like" if quote_guarded(value) else "text"


def _text_cell(cell: Any, text: str) -> None:
    """Text, never a formula: openpyxl takes a text starting with = for one, so the type is
    set back; one a spreadsheet would read as a formula, or that starts with ', is marked
    with Excel's hidden ' (``quote_guarded``)."""
    cell.value = as_stored(text)
    cell.data_type = "s"
    if quote_guarded(text):
        cell.quotePrefix = True


# What a workbook's XML reads as an escaped character (_x000D_ is a carriage return), which
# openpyxl writes as it is given.
_LIKE_AN_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")


def as_stored(text: str) -> str:
    """Text as a cell stores it so that a spreadsheet (and ``plan import``) reads it back as
    written: a ``_xHHHH_`` in it has its _ written as _x005F_, as Excel saves one typed."""
    return _LIKE_AN_ESCAPE.sub("_x005F_", text) if "_x" in text else text


def _alignment(Alignment: Any, column: Column, data: Row, kind: str | None) -> Any:
    # 目标值 holds numbers and the document's words (1万亩, 6个以上): all to the right, as a
    # column of figures, or 0.8 | 1万亩 beside the 基数 reads 0.81万亩.
    if column.kind in ("number", "percent") or kind in ("number", "percent"):
        return Alignment(horizontal="right", vertical="center", wrap_text=True)
    if column.key == "target":  # (its words, as its numbers above)
        return Alignment(horizontal="right", vertical="center", wrap_text=True)
    if column.kind in ("short", "light"):
        return Alignment(horizontal="center", vertical="center", wrap_text=True)
    indent = data.depth if column.key == "title" else 0
    return Alignment(horizontal="left", vertical="center", wrap_text=True, indent=indent)


def print_setup(ws: Any, header_row: int, lang: str) -> None:
    """A table sheet as every workbook of the tool sets it: on screen the header stays, and so
    do the first two columns (序号, the name) when scrolling right; on paper A4 landscape, as
    wide as the page, the header on every page, pages numbered.

    The pages break where the spreadsheet breaks them: no manual breaks (rowBreaks). Set from
    the row heights so that a part or goal row went over with its first task (session 33),
    they printed each break as a page when the office filtered the sheet (LibreOffice: 159 of
    1,060 rows on 56 pages, 7 without them), and unfiltered the ledger on 58 pages where
    LibreOffice fills 42. A ledger to print without a filter's gaps is ``plan export --who``;
    one with every heading kept with its tasks, the Word report's 附表."""
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.freeze_panes = ws.cell(header_row + 1, 3).coordinate
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.oddFooter.center.text = "第 &P 页，共 &N 页" if lang == "zh" else "Page &P of &N"
    ws.oddFooter.center.size = 9
    # In the sheet's face, named: a spreadsheet may set a footer without one in a face of its
    # own choosing (LibreOffice's Liberation Sans, 第 页 共 页 then from a fallback font).
    ws.oddFooter.center.font = f"{FONT},Regular"
