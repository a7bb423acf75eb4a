"""The year-end report as a Word document an office can file (``plan report --format docx``).

python-docx is imported here only, inside the functions, so no other command pays for it. The
layout follows the rules for government documents (GB/T 9704): A4, margins 37/35/28/26 mm,
the title 二号 (22 pt), the body 三号 (16 pt) at a fixed 28 pt line, first-level headings
(一、) in 黑体, second-level ones (（一）) in 楷体, the third and fourth levels (1. （1）) in the
body's 仿宋 like the body, so that a goal and a task at the same level look the same; the page
number "— 1 —" in 4号 宋体, odd pages at the right and even pages at the left; the 落款
(organisation, and the date two characters further right) at the end; then the appendix (附表) in a landscape section of its own, a Word table whose grid and
cells agree, whose rows do not break across pages (unless one is too tall for a page) and whose
header row repeats.

The house style (fonts, page, styles, the landscape table) is ``docx_layout``'s.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..texts import LONGEST_PARAGRAPH, cut_long
from .content import GoalEntry, LedgerRow, Report, SummaryEntry, TaskEntry
from .docx_layout import (
    BODY_LINE_EMS,
    LIGHT_SHADES,
    TITLE_SIZE,
    body_chars,
    bold_width_mm,
    dates_kept_whole,
    east_asian_hints,
    fitting_width_mm,
    header_words,
    house_styles,
    landscape_table,
    page_setup,
    set_properties,
    signature_indents,
    spaced_width_mm,
    text_ems,
    xml_text,
)
from .ledger_text import DONE_ON, DUE, OWN_COLUMNS, RATE, grouped_rows, ledger_cells
from .title import COUNTED, LIVELIHOOD
from .words import numbered, phrase

TITLE_LINE_EMS = 156 / (TITLE_SIZE * 25.4 / 72)  # the title's line: about 20 ems of 二号
KEPT_WITH_SIGNATURE_LINES = 8  # a last paragraph up to this long goes over with the 落款


def figure_lines(row: LedgerRow, width_mm: float) -> str:
    """目标值/完成值 as its cell shows them: too wide for one line, the target with the slash
    on one line and the figure reached under it (下降10%/ over 下降5%), as ``header_lines``
    sets the header, not broken wherever the line is full (下降10%/下 over 降5%). Measured
    with the space Word sets between a digit and a 汉字, as ``figure_width_mm`` measures: 5万元/3万元
    measured without it was kept on a line it did not fit, and Word broke it inside the unit
    (5万元/3万 over 元)."""
    text = row.figures
    if spaced_width_mm(text) <= width_mm or not text.endswith(row.actual_figure):
        return text
    target = text[: len(text) - len(row.actual_figure)].rstrip()
    return f"{figure_apart(target, width_mm)}\n{row.actual_figure}"


# A character that makes one word with the figure after it: 前30位 (the top thirty), 第5名, 约3万亩.
FIGURE_LEADS = "前第约近超逾"


def figure_apart(line: str, width_mm: float) -> str:
    """A target worded at length and too wide for its line (完成投资1200万元以上/, wider than the
    column can grow) broken before its figure, the words before it on a line of their own
    (完成投资 over 1200万元以上/), not where the line is full, inside the unit (…万元以 over 上/)."""
    if spaced_width_mm(line) <= width_mm:
        return line
    from unicodedata import east_asian_width

    for at in range(1, len(line)):
        if line[at].isdigit() and east_asian_width(line[at - 1]) in "WFA":
            if at > 1 and line[at - 1] in FIGURE_LEADS:  # 前30位, 第5名, 约3万亩: one word
                at -= 1
            return f"{line[:at]}\n{line[at:]}"
        if line[at].isdigit():
            break  # a figure after a Latin word (G107): Word breaks English at its spaces
    return line


def unit_lines(text: str, width_mm: float) -> str:
    """责任单位/责任人 as its cell shows it: too wide for one line, broken after the slash that
    joins the units and the owners (财政所/ over 李四), as ``header_lines`` sets the header, not
    wherever the line is full (财政所/李 over 四, a name broken)."""
    before, slash, after = text.rpartition("/")
    if not (before and slash and after) or spaced_width_mm(text) <= width_mm:
        return text
    return f"{before}/\n{after}"


def figure_width_mm(row: LedgerRow, whole: bool = False) -> float:
    """The width 目标值/完成值 needs for ``row``: each line ``figure_lines`` may break it into
    on one line (103192平方米, not 103192平方 over 米); ``whole``: the figure on one line."""
    text, actual = row.figures, row.actual_figure
    if whole:
        return spaced_width_mm(text)
    lines = (
        [text[: len(text) - len(actual)].rstrip(), actual]
        if actual and text.endswith(actual)
        else [text]
    )
    return max(spaced_width_mm(line) for line in lines)


# Column widths of the ledger in millimetres, in the order of ``Report.ledger_columns``; they
# add up to the 225 mm between the landscape margins. The task is the widest; a column no task
# fills is left out (as in the terminal) and its width goes to the task.
LEDGER_WIDTHS = (15, 47, 20, 28, 26, 22, 30, 15, 22)
NUMBER_COLUMN, TASK_COLUMN, UNIT_COLUMN, FIGURES_COLUMN, STATUS_COLUMN = 0, 1, 3, 4, 6
NUMBER_WIDEST_MM = 30  # 序号 widens to its longest number up to this (eight levels or so)
FIGURES_WIDEST_MM = 40  # 目标值/完成值 widens to its longest figure up to this,
DATE_COLUMNS = (DUE, DONE_ON)  # 完成时限, 完成日期
DATE_WIDEST_MM = 36  # widen to their longest date (2024年12月31日) up to this,
TASK_NARROWEST_MM = 30  # these as long as the task column keeps this much
OWN_NARROWEST_MM, OWN_WIDEST_MM = 14, 30  # the plan's own columns (分值, 总投资)
OWN_HEADER_MM = 20  # their header's lines kept whole up to this (总投资, （万元）)
OWN_LEAVE_MM = 15  # what they leave the task column beyond its narrowest, for the others
ALWAYS_SHOWN = (0, 1, 6, 7)  # 序号, 任务, 状态, 完成率
CENTRED_COLUMNS = (0, 5, 8)  # 序号, 完成时限, 完成日期
RIGHT_COLUMNS = (RATE,)  # 完成率: figures line up on their last digit


# The columns whose text folds into lines where it must (任务, 责任领导, 牵头单位/责任人): they
# share what the others leave, each as its text needs (``_follow_the_text``). 状态 is a short
# phrase (未开始（逾期，红灯）) that reads best whole: it keeps its width, or its longest line.
TEXT_COLUMNS = (TASK_COLUMN, 2, UNIT_COLUMN)
LINE_MARGIN = 1.05  # a line's measured width, and this much more, keeps it on one line
# What a line breaks between: a run of Latin letters, digits and their marks is one word, any
# other character (a 汉字) a unit of its own.
_UNBROKEN = re.compile(r"[0-9A-Za-z.,:;%()\-'’/&+]+|\S")
# A header's unit in brackets at its end (总投资（万元）), set on a line of its own.
_HEADER_UNIT = re.compile(r"\s*(（[^（）]*）)$")


# The 责任 columns (责任领导, 牵头单位/责任人) hold names: a leader's (王建国, 党工委副书记) or a
# unit's (党建工作办公室) is read as one word and is not broken across lines (王建 / 国), up to
# this width (about ten 汉字); a longer one breaks where the line is full. Where the page has not
# room for every name whole, the shorter ones stay whole (a person's, 王建国) and the longer
# break (农业综合服务 / 中心).
NAME_COLUMNS = (2, UNIT_COLUMN)
NAME_WIDEST_MM = 42
_NAME = r"[^、，,;；/\n]+[、，,;；/]?"  # (a str: ``re`` compiles it at first use)


def _name_units(line: str) -> list[str]:
    """A 责任 line in its names, each with the mark after it (农业综合服务中心/, 李明)."""
    return [name.strip() for name in re.findall(_NAME, line) if name.strip()]


def _whole_names(line: str, widest_mm: float = NAME_WIDEST_MM) -> list[str]:
    """The names of ``line`` kept whole: those with a 汉字 in them (Latin names break at their
    spaces, as any English text) no wider than ``widest_mm``."""
    return [
        name
        for name in _name_units(line)
        if re.search(_CJK_NAME, name) and spaced_width_mm(name) <= widest_mm
    ]


_CJK_NAME = "[\u3400-\u9fff\uf900-\ufaff]"


class _LineNeed:
    """The widest unit of one line of a ledger cell, measured once, for any width up to which
    its names are kept whole (``widest``): the line's words (``_UNBROKEN``) when none is kept;
    else each name kept whole (``_whole_names``: one with a 汉字, no wider) and the words of the
    others."""

    __slots__ = ("broken", "kept", "pieces_after", "others")

    def __init__(self, line: str, names: bool):
        from itertools import accumulate

        self.broken = _widest_unit(_UNBROKEN.findall(line))
        keepable: list[tuple[float, float]] = []  # (width, widest word) of a name with a 汉字
        self.others = 0.0  # the widest word of the names never kept whole (Latin ones)
        for name in _name_units(line) if names else []:
            width, words = spaced_width_mm(name), _widest_unit(_UNBROKEN.findall(name))
            if re.search(_CJK_NAME, name):
                keepable.append((width, words))
            else:
                self.others = max(self.others, words)
        keepable.sort()
        self.kept = [width for width, _ in keepable]
        # the widest word of the keepable names from each on (those too wide to keep, below)
        after = accumulate(reversed([words for _, words in keepable]), max, initial=0.0)
        self.pieces_after = list(after)[::-1]

    def widest(self, names_widest_mm: float) -> float:
        from bisect import bisect_right

        whole = bisect_right(self.kept, names_widest_mm)  # the names kept whole: the first
        if not whole:
            return self.broken
        return max(self.kept[whole - 1], self.pieces_after[whole], self.others)


def _widest_unit(units: list[str]) -> float:
    return max(map(spaced_width_mm, set(units)), default=0.0)


def _follow_the_text(
    widths: list[float], shown: list[int], headers: list[str], rows: list[list[str]]
) -> None:
    """Column widths as the ledger's text needs them (a browser's auto layout): a column whose
    every line fits in less gives the rest up; the text columns then share the width, each at
    least its longest word and its header's, in proportion to their longest lines (so that
    each folds into about as many lines). Set for Chinese, the widths left an English task column
    30 mm: a 100-character title took 10 lines beside columns half empty."""
    text = [i for i, n in enumerate(shown) if n in TEXT_COLUMNS]
    task = shown.index(TASK_COLUMN)

    def lines(i: int) -> list[str]:
        return [line for cells in rows for line in cells[shown[i]].split("\n") if line.strip()]

    def header_need(i: int) -> float:
        words = header_words(headers[i])
        # (bold, and as measured where the rules above set the width: Completion whole; a
        # 汉字 header a hair wider, or 责任领导 folds to 责任领 / 导)
        widest = max((max(bold_width_mm(w), fitting_width_mm(w)) for w in words), default=0.0)
        return widest * LINE_MARGIN

    freed = 0.0
    for i in range(len(shown)):
        if i in text or shown[i] == NUMBER_COLUMN:  # (序号 keeps its 15 mm, or its number)
            continue
        need = max([header_need(i), *(spaced_width_mm(line) * LINE_MARGIN for line in lines(i))])
        if need < widths[i]:  # (a column never widens here: its own rules set its width)
            freed += widths[i] - need
            widths[i] = need
    room = sum(widths[i] for i in text) + freed

    # Each line measured once: every width below is tried against these (a long web address
    # in a title tries them all, and 2,000 names were measured again for each).
    needs = {i: [_LineNeed(line, shown[i] in NAME_COLUMNS) for line in lines(i)] for i in text}

    def narrowest(i: int, names_widest_mm: float) -> float:
        """The least width of column ``i``: its header, its longest word, and in the 责任
        columns each name up to ``names_widest_mm`` wide with the mark after it (党建工作办公室,
        农业综合服务中心/)."""
        widest = (need.widest(names_widest_mm) * LINE_MARGIN for need in needs[i])
        least = max([header_need(i), *widest])
        return max(least, TASK_NARROWEST_MM) if i == task else least

    # Every name whole where that leaves room, else all but the longest, and so on.
    names = {
        spaced_width_mm(name)
        for i in text
        if shown[i] in NAME_COLUMNS
        for line in lines(i)
        for name in _whole_names(line)
    }
    for widest in sorted(names | {0.0}, reverse=True):
        least = {i: narrowest(i, widest) for i in text}
        if sum(least.values()) <= room:
            break
    most = {}
    for i in text:
        # (a line measured to fit may yet fold, by a hair: 孙永峰、李先俊、卢伯瑛等同 / 志)
        longest = max((spaced_width_mm(line) for line in lines(i)), default=0.0)
        most[i] = max(least[i], longest * LINE_MARGIN + 1)
    if sum(least.values()) > room:  # no layout keeps every word whole: the widths as set
        widths[task] += freed
        return
    if sum(most.values()) <= room:  # every line on one line: the rest to the task
        for i in text:
            widths[i] = most[i]
        widths[task] += room - sum(most.values())
        return
    # Each as a like share of its longest line, so that each folds into about as many lines
    # (the row's height is its tallest cell's), none below its least: the share that fills
    # the room, found by halving.
    low, high = 0.0, 1.0
    for _ in range(50):
        share = (low + high) / 2
        if sum(max(least[i], share * most[i]) for i in text) <= room:
            low = share
        else:
            high = share
    for i in text:
        widths[i] = max(least[i], low * most[i])
    widths[task] += room - sum(widths[i] for i in text)  # (what the halving leaves, a hair)


def _figures_whole(
    widths: list[float], shown: list[int], rows: list[list[str]], report: Report
) -> None:
    """目标值/完成值 wide enough for each figure on one line (500万元/5万元, not 500万元/ over
    5万元) where the longest fits in FIGURES_WIDEST_MM and the task column has that much to
    spare: more than its every line on one line needs (``_follow_the_text`` gives it what the
    other text columns leave once each of theirs is on one line too)."""
    column, task = shown.index(FIGURES_COLUMN), shown.index(TASK_COLUMN)
    longest = max((figure_width_mm(row, whole=True) for row in report.ledger), default=0.0)
    lines = [line for cells in rows for line in cells[TASK_COLUMN].split("\n") if line.strip()]
    task_needs = max(
        [TASK_NARROWEST_MM, *(spaced_width_mm(line) * LINE_MARGIN + 1 for line in lines)]
    )
    more = longest - widths[column]
    if longest <= FIGURES_WIDEST_MM and more > 0 and widths[task] - more >= task_needs:
        widths[column] += more
        widths[task] -= more


def docx_bytes(report: Report, now: dt.datetime | None = None) -> bytes:
    """The report as the bytes of a .docx file. ``now``: the time the document says it was
    created and last modified (default: the clock's)."""
    from io import BytesIO

    from docx import Document

    document = Document()
    page_setup(document)
    house_styles(document, report.lang)
    set_properties(document, report, now or dt.datetime.now(dt.UTC))

    _title(document, report)
    document.add_heading(xml_text(report.headings["overview"]), level=1)
    for paragraph in report.overview.paragraphs:
        document.add_paragraph(xml_text(paragraph))
    for line in report.overview.parts:
        document.add_paragraph(xml_text(line.sentence))

    document.add_heading(xml_text(report.headings["achievements"]), level=1)
    for part in report.achievements:
        _goal(document, part)
    if report.achievements_note:
        document.add_paragraph(xml_text(report.achievements_note))

    document.add_heading(xml_text(report.headings["problems"]), level=1)
    for problem in report.problems:
        _marked_paragraph(document, problem.sentence, report.lang)
    # (problems_unexplained is data: each problem with no reason says so in place)
    if report.problems_note:
        document.add_paragraph(xml_text(report.problems_note))

    document.add_heading(xml_text(report.headings["next_steps"]), level=1)
    intro = document.add_paragraph(xml_text(report.next_steps_intro))
    # 以下15项任务尚未完成，…： introduces the list: not left with the heading at a page's foot.
    intro.paragraph_format.keep_with_next = bool(report.next_steps)
    for group in report.next_steps:
        if group.title:
            document.add_heading(xml_text(numbered(group.number, group.title)), level=2)
        for step in group.lines or group.steps:
            document.add_paragraph(xml_text(numbered(step.number, step.sentence)))

    _signature(document, report)
    _ledger(document, report)
    east_asian_hints(document, report.lang)
    dates_kept_whole(document)

    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _marked_paragraph(document: Any, text: str, lang: str) -> None:
    """A paragraph whose gaps left for the drafter (【原因待补充】) are highlighted, as a
    drafter's own marks are, so Word shows at a glance what is still to be written."""
    from docx.enum.text import WD_COLOR_INDEX

    mark = phrase(lang, "reason_missing")
    paragraph = document.add_paragraph()
    for n, piece in enumerate(text.split(mark)):
        if n:
            paragraph.add_run(xml_text(mark)).font.highlight_color = WD_COLOR_INDEX.YELLOW
        if piece:
            paragraph.add_run(xml_text(piece))


def _title(document: Any, report: Report) -> None:
    """The title, centred, and under it the day and the scope (the organisation signs at the
    end, in the 落款)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    heading = document.add_paragraph(style="Title")
    title = title_lines(report.title)
    for number, part in enumerate(title, 1):
        run = heading.add_run(xml_text(part))
        if number < len(title):
            run.add_break()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in (report.as_of_text, report.scope):
        if line:
            paragraph = document.add_paragraph(xml_text(line))
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.first_line_indent = Pt(0)
    document.add_paragraph()


def title_lines(title: str) -> list[str]:
    """The title as set on its lines: one where it fits the 二号 line, else broken between its
    words, before 工作计划 (泗洲头镇2024年上半年 / 工作计划完成情况总结), not wherever the line ends
    (a 结 alone under it); GB/T 9704 回行: 词意完整. An English title after its colon (泉湖镇 2023
    work plan: / report on the first half), not with "half" alone on the second line."""
    if text_ems(title) <= TITLE_LINE_EMS:
        return [title]
    if ": " in title and not re.search(r"[\u3400-\u9fff]{2}$", title):  # (English)
        at = title.rindex(": ") + 1
        return [title[:at], title[at + 1 :]]
    # before what the plan is; a count stays with what it counts (洋县2024年 / 十大民生实事…)
    kinds = list(re.finditer(rf"(?:{COUNTED})?(?:{LIVELIHOOD}|工作计划)", title))
    if not kinds:  # (巡察审计反馈问题整改 / 完成情况总结: before what the report is)
        kinds = list(re.finditer(r"(?:阶段性)?完成情况总结", title))
    at = kinds[-1].start() if kinds else -1
    return [title[:at], title[at:]] if at > 0 else [title]


def _goal(document: Any, goal: GoalEntry) -> None:
    """A part as a second-level heading (（一）, 楷体); a goal below it as a body paragraph like
    the tasks beside it (1. （1） ①, 仿宋), followed by its own progress note."""
    text = xml_text(numbered(goal.number, goal.title))
    if not text:  # the tasks of a plan of tasks alone: no heading
        pass
    elif goal.level <= 1:
        document.add_heading(text, level=2)
    else:
        document.add_paragraph(text).paragraph_format.keep_with_next = True
    if goal.note:
        document.add_paragraph(xml_text(goal.note))
    for entry in goal.entries:
        if isinstance(entry, GoalEntry):
            _goal(document, entry)
        else:
            _task(document, entry)


def _task(document: Any, task: TaskEntry | SummaryEntry) -> None:
    document.add_paragraph(xml_text(numbered(task.number, task.sentence)))


def _signature(document: Any, report: Report) -> None:
    """落款: a blank line, then the organisation and the date under it, right-aligned two
    characters in from the margin."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    if not report.signature:
        return
    # The 落款 is on the page of the body's last lines, never alone on a page of its own: the
    # last paragraph and the blank line go with it. Only a paragraph short enough to move whole:
    # LibreOffice moves a paragraph kept with the next whole, and one of pages (the summary
    # form's lists) it moves to a page of its own and then splits the 落款 itself.
    if document.paragraphs:
        last = document.paragraphs[-1]
        if text_ems(last.text) <= KEPT_WITH_SIGNATURE_LINES * BODY_LINE_EMS:
            last.paragraph_format.keep_with_next = True
    document.add_paragraph().paragraph_format.keep_with_next = True
    lines = [xml_text(line) for line in report.signature]
    for line, indent in zip(lines, signature_indents(lines), strict=True):
        paragraph = document.add_paragraph(line)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        layout = paragraph.paragraph_format
        layout.first_line_indent = Pt(0)
        layout.right_indent = body_chars(indent)
        layout.keep_with_next = line != lines[-1]


def _give_task_room(widths: list[float], task: int) -> None:
    """The task column back to TASK_NARROWEST_MM, the others narrowed alike to make room (a
    plan with many columns of its own: its figures fold)."""
    others = sum(width for i, width in enumerate(widths) if i != task)
    share = (others - (TASK_NARROWEST_MM - widths[task])) / others
    for i in range(len(widths)):
        widths[i] = TASK_NARROWEST_MM if i == task else widths[i] * share


def _own_least(rows: list[list[str]], n: int, header: str) -> float:
    """The least width of a column of the plan's own: its longest word, of its cells and of
    its header (a 汉字 each)."""
    words = [word for cells in rows for word in _UNBROKEN.findall(cells[n])]
    widest = max((spaced_width_mm(word) for word in words), default=0.0)
    heading = max((bold_width_mm(word) for word in _header_unbroken(header)), default=0.0)
    return max(widest, heading) * LINE_MARGIN + 2


def _header_unbroken(header: str) -> list[str]:
    """What a header of the plan's own breaks between at its narrowest: its 汉字 and Latin
    words, its unit in brackets (（万元）) whole, as the 推进情况表 keeps it; （万 / 元） read as
    two words of nothing."""
    unit = _HEADER_UNIT.search(header)
    if unit is None:
        return _UNBROKEN.findall(header)
    return [*_UNBROKEN.findall(header[: unit.start()]), unit.group(1)]


def _own_width(rows: list[list[str]], n: int, header: str) -> float:
    """A column of the plan's own (分值, 总投资（万元）): its widest figure on one line and its
    header's words and unit (总投资 / （万元）) up to OWN_HEADER_MM, within OWN_WIDEST_MM and not
    below OWN_NARROWEST_MM."""
    longest = max((spaced_width_mm(cells[n]) * LINE_MARGIN + 2 for cells in rows), default=0.0)
    lines = _HEADER_UNIT.sub(r"\n\1", header).split("\n")
    heading = min(max(bold_width_mm(line) * LINE_MARGIN + 2 for line in lines), OWN_HEADER_MM)
    return min(max(longest, heading, OWN_NARROWEST_MM), OWN_WIDEST_MM)


def _ledger(document: Any, report: Report) -> None:
    """附表 on a new landscape page (``landscape_table``), the status cell of a red or yellow
    task shaded."""
    # (each cell cut as xml_text cuts it: measured whole, a title of megabytes took minutes)
    rows = [[cut_long(cell, LONGEST_PARAGRAPH) for cell in cells] for cells in ledger_cells(report)]
    shown = [
        n
        for n in range(len(report.ledger_columns))
        if n in ALWAYS_SHOWN or any(cells[n] for cells in rows)
    ]
    spare: float = sum(width for n, width in enumerate(LEDGER_WIDTHS) if n not in shown)
    # The plan's own columns after the nine (分值, 总投资): as wide as their figures, from the
    # task column's width.
    own = {n: _own_width(rows, n, report.ledger_columns[n]) for n in shown if n >= OWN_COLUMNS}
    room = LEDGER_WIDTHS[TASK_COLUMN] + spare - TASK_NARROWEST_MM - OWN_LEAVE_MM
    if own and sum(own.values()) > room:  # too many to keep whole: each folds to its share
        # (no narrower than its longest word: 30.5 / million / yuan)
        own = {n: max(_own_least(rows, n, report.ledger_columns[n]), room / len(own)) for n in own}
    spare -= sum(own.values())
    widths: list[float] = [
        own[n] if n in own else LEDGER_WIDTHS[n] + (spare if n == TASK_COLUMN else 0) for n in shown
    ]
    # A column at least as wide as the longest word of its header (Completion, not Compl and
    # etion in English); the task column gives the width.
    # 序号 as wide as its longest number (2.1.1.1.2.1 on one line), up to NUMBER_WIDEST_MM.
    task = shown.index(TASK_COLUMN)
    for index, n in enumerate(shown):
        words = header_words(report.ledger_columns[n])
        if n >= OWN_COLUMNS:  # (2025年计划投资（万元）folds between its 汉字, not its unit's)
            words = _header_unbroken(report.ledger_columns[n])
        needed = max((max(bold_width_mm(w), fitting_width_mm(w)) for w in words), default=0.0)
        if n == NUMBER_COLUMN:
            longest = max((fitting_width_mm(cells[n]) for cells in rows), default=0.0)
            needed = max(needed, min(longest, NUMBER_WIDEST_MM))
        if n != TASK_COLUMN and needed > widths[index]:
            widths[task] -= needed - widths[index]
            widths[index] = needed

    def widen(index: int, longest: float, widest: float) -> None:
        """A column as wide as its longest text, up to ``widest``, from the task column while
        that keeps TASK_NARROWEST_MM."""
        needed = min(longest, widest, widths[index] + widths[task] - TASK_NARROWEST_MM)
        if needed > widths[index]:
            widths[task] -= needed - widths[index]
            widths[index] = needed

    # A figure and its unit, a date of another year (2024年3月31日, 2024年第一季度) not broken
    # across lines.
    if FIGURES_COLUMN in shown:
        longest = max((figure_width_mm(row) for row in report.ledger), default=0.0)
        widen(shown.index(FIGURES_COLUMN), longest, FIGURES_WIDEST_MM)
    for n in DATE_COLUMNS:
        if n in shown:
            longest = max((spaced_width_mm(cells[n]) for cells in rows), default=0.0)
            widen(shown.index(n), longest, DATE_WIDEST_MM)
            # Still too narrow (every column wanted): the year on a line of its own.
            width = widths[shown.index(n)]
            for cells in rows:
                if spaced_width_mm(cells[n]) > width:
                    cells[n] = cells[n].replace("年", "年\n", 1)
    # (a header of the plan's own: its unit on a line of its own, 总投资 / （万元）)
    headers = [
        _HEADER_UNIT.sub(r"\n\1", name) if n >= OWN_COLUMNS else name
        for n, name in enumerate(report.ledger_columns)
    ]
    _follow_the_text(widths, shown, [headers[n] for n in shown], rows)
    if FIGURES_COLUMN in shown:
        _figures_whole(widths, shown, rows, report)
    if UNIT_COLUMN in shown:
        width = widths[shown.index(UNIT_COLUMN)]
        for cells in rows:
            cells[UNIT_COLUMN] = unit_lines(cells[UNIT_COLUMN], width)
    if FIGURES_COLUMN in shown:
        width = widths[shown.index(FIGURES_COLUMN)]
        for row, cells in zip(report.ledger, rows, strict=True):
            cells[FIGURES_COLUMN] = figure_lines(row, width)
    if own and widths[task] < TASK_NARROWEST_MM:  # the plan's own columns took too much
        _give_task_room(widths, task)
    status = shown.index(STATUS_COLUMN)
    # The words say the light too, for a grey print.
    lit = iter(
        {status: LIGHT_SHADES[r.light]} if r.light in LIGHT_SHADES else {} for r in report.ledger
    )
    table = grouped_rows(report, rows)
    landscape_table(
        document,
        report.headings["ledger"],
        widths,
        [headers[n] for n in shown],
        [[texts[n] for n in shown] for _, texts in table],
        centred={i for i, n in enumerate(shown) if n in CENTRED_COLUMNS},
        right={i for i, n in enumerate(shown) if n in RIGHT_COLUMNS or n >= OWN_COLUMNS},
        shades=[{} if group else next(lit) for group, _ in table],
        note=report.ledger_note,
        spans={index for index, (group, _) in enumerate(table) if group},
        note_in_table=True,
    )
