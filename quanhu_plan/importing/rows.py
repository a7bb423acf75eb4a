"""The rows of a sheet into the tree of nodes (pure): which rows are items (not a blank row, a
footnote, a 合计 or the header again), how they nest (by numbering, dotted 序号, or a title
merged down over rows of measures), and a category's deadline written onto its tasks."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ..texts import one_line
from .cells import kept, read_cell
from .errors import (
    ERROR_VALUES,
    SOME_ERROR,
    CellProblem,
    CellUnreadable,
    RowsOutOfPlace,
    UnclearRows,
)
from .goal_column import target_of_named_task
from .headers import (
    POINTS_NAMES,
    SKIP,
    Column,
    bare_name,
    named_by_ending,
    names_tasks,
    normalise,
)
from .nesting import DOTTED, UnclearLayout, nest, seq_level, spelled_numeral, without_numeral
from .reading import FIELD_ORDER, Node, Reading
from .sheets import Value, column_letter
from .unmerged import titles_left_blank
from .values import as_text, read_figure

# Columns that count when deciding whether a numbered row is a category row or a task.
DATA_FIELDS = (
    *(f for f in FIELD_ORDER if f not in ("id", "title", "target_text", "direction")),
    "note",
)

# (and their English, as an English report's table ends: "Note: a done task counts 100%; …")
_FOOTNOTE = re.compile(
    r"^(?:注\d*|说明|备注|填表人|填报人|审核人|审核|制表人?|联系电话|负责人|填报日期|日期"
    r"|notes?|remarks?|(?:prepared|filled in|checked|reviewed|approved) by|contact|tel"
    r"|telephone|phone)\s*[:：]",
    re.IGNORECASE,
)
# 合计, 合 计, and with what it sums up: 合计：2项, 小计（3项）, 总计:
_TOTALS = re.compile(r"^[合总小]\s*计\s*(?:[:：(（].*)?$")


def tree(reading: Reading) -> list[Node]:
    """The nodes of the sheet's item rows, nested; the roots."""
    sheet, header = reading.sheet, reading.header
    _figures_guessed(reading)
    titles_left_blank(reading)
    nodes: list[Node] = []
    seqs: list[str] = []
    for row in range(header.first_data_row, len(sheet.rows)):
        node = _row(reading, row)
        if node is None:
            continue
        seq = _seq(reading, row)
        node.sparse = _sparse(reading, row)
        node.indent = sheet.indents.get((row, reading.title_column.index), 0)
        nodes.append(node)
        seqs.append(seq)
    # A table plan export wrote (the figures the plan computes beside the others, every row
    # with a 序号 of its own) says the tree by its titles' indents, and its 序号 are the plan's
    # ids and its titles the plan's own: a part whose id is 一 is no category marked in the
    # 序号 of a hand-made 台账, nor is a title starting 第二部分 or 一是 a heading's numbering.
    # Its workbook says so (``Sheet.by_export``); a table that does not (a CSV, a workbook
    # saved as another) is taken for one where its indents show more than one level.
    ids_in_seq = (
        reading.written_by_export()
        and (reading.sheet.by_export or len({node.indent for node in nodes}) > 1)
        and all(seqs)
        and len(set(seqs)) == len(seqs)
    )
    for node, seq in zip(nodes, seqs, strict=True):
        if ids_in_seq:
            node.numeral = node.marker = None
            if seq_level(seq) is not None:
                node.plain_seq = seq  # the part's id (items.own_ids)
        elif node.numeral is None and seq_level(seq) is not None and not _seq_above(reading, node):
            node.numeral, node.marker = seq_level(seq), seq
        elif node.numeral is None and _heading_across(reading, node.row):
            node.numeral, node.marker = HEADING_ACROSS, None
    dotted_mode = any("." in seq and DOTTED.match(seq) for seq in seqs)
    if not ids_in_seq and not dotted_mode:
        _points_in_seq(nodes, seqs)
    if not dotted_mode:
        for node, seq in zip(nodes, seqs, strict=True):
            node.numbered = bool(re.fullmatch(r"\d+[、.．]?", seq))
            if seq.isascii() and seq.isdigit():
                node.plain_seq = seq  # (an id, where the other rows' 序号 are: items.own_ids)
    if dotted_mode:
        for node, seq in zip(nodes, _trailing_zeros(reading, nodes, seqs), strict=True):
            if DOTTED.match(seq):
                node.seq = seq
    groups: dict[tuple[int, int, int, int], Node] = {}
    # In a 考核 table (分值 its points) whose merged titles are goals over their 具体措施 (a
    # 考核内容 over its 考核指标), a title over one row with a 具体措施 is such a goal too, of
    # one task named by it: not a task named by its category, its indicator only in its
    # detail. (A project over one row of a 实事 台账 stays one task, its 建设内容 its detail.)
    weight = reading.columns.get("weight")
    goals_over_details = (
        weight is not None
        and bare_name(weight.name) in POINTS_NAMES
        and not reading.written_by_export()
        and any(
            (found := _group(reading, node.row)) is not None and found[1] == "detail"
            for node in nodes
        )
    )

    def place_plain(siblings: list[Node], node: Node) -> None:
        found = _group(reading, node.row)
        if found is None and goals_over_details and node.fields.get("detail") and node.title:
            goal = Node(node.row, node.title)
            siblings.append(goal)
            siblings = goal.children
            node.title = _measure_title(node.fields.pop("detail"))
        if found is not None:
            group, apart = found
            shared = _weight_over(reading, group)
            if group not in groups:
                goal = Node(node.row, node.title)
                if shared and "weight" in node.fields:
                    goal.fields["weight"] = node.fields["weight"]
                siblings.append(goal)
                groups[group] = goal
            if shared:
                node.fields.pop("weight", None)
            siblings = groups[group].children
            if apart == "detail":
                detail = node.fields.pop("detail", None)
                if detail:
                    node.title = _measure_title(detail)
                    target_of_named_task(reading, node, detail)  # 接待游客45万人次以上
            elif node.fields.get(apart):  # 农村改厕（木棠村）
                names = node.fields[apart]
                joined = "、".join(names) if isinstance(names, list) else str(names)
                node.title = f"{node.title}（{joined}）"
        siblings.append(node)

    try:
        roots = nest(nodes, place_plain)
    except UnclearLayout as unclear:
        raise UnclearRows(reading.path, sheet.name, unclear.examples) from None
    if reading.written_by_export():
        _rows_in_place(reading, roots)
    return roots


def _measure_title(detail: Any) -> str:
    """A task named by its 具体措施, without the numbering the measure starts with (一是提升村级
    规范化建设 under 抓好基层党建): as a title's own is not kept, the plan's ids number it, and
    the report's 一是、二是 would say it twice."""
    return without_numeral(one_line(as_text(detail)))[0]


def _figures_guessed(reading: Reading) -> None:
    """A column taken for the figure reached by its header's ending alone (1-6月完成 in a
    台账): where a cell of it holds words, no figure (已完成主体工程), it is no 完成值 column,
    and it is kept as written (an unknown column, said so), not every such cell refused."""
    column = reading.columns.get("actual")
    if column is None or column.mapped or not named_by_ending(column.name.split("/")[-1]):
        return
    for row in range(reading.header.first_data_row, len(reading.sheet.rows)):
        value = reading.sheet.value(row, column.index)
        if not isinstance(value, str) or not value.strip():
            continue
        if value.strip().casefold() in _NOTHING or value.strip() in _SAME_AS_ABOVE:
            continue
        try:
            read_figure(value)
        except CellUnreadable:
            column.field = None
            del reading.columns["actual"]
            return


def _rows_in_place(reading: Reading, roots: list[Node]) -> None:
    """In a table ``plan export`` wrote, only a goal's row holds others, and a goal's row has
    no 状态 and holds rows (a goal without tasks is a task): a row with a status (a task's)
    holding rows its 序号 does not number under it, or a row without one holding none where
    rows numbered under it are elsewhere, is a row moved since (the table sorted by its 牵头单位
    or 完成率, a task typed into an inserted row without its neighbours' indent). Read by the
    indents, tasks would become goals and lose their figures, and goals tasks: the import
    stops, naming the rows."""
    column = reading.columns.get("status")
    if column is None:
        return
    nodes: list[Node] = []
    stack = list(roots)
    while stack:
        node = stack.pop()
        nodes.append(node)
        stack += node.children
    first_under: dict[str, Node] = {}  # a 序号's first row among the rows numbered under it
    for node in sorted(nodes, key=lambda n: n.row):
        if node.seq is not None and "." in node.seq:
            first_under.setdefault(node.seq.rpartition(".")[0], node)
    examples: list[tuple[int, str, str | None, int, str]] = []
    for node in nodes:
        if "status" not in node.figures:
            under = first_under.get(node.seq) if node.seq is not None else None
            if not node.children and under is not None:
                examples.append((node.row, node.title, None, under.row, under.seq or ""))
            continue
        for child in node.children:
            if child.seq is not None and child.seq.rpartition(".")[0] != (node.seq or ""):
                written = one_line(as_text(reading.sheet.value(node.row, column.index)))
                examples.append((node.row, node.title, written, child.row, child.seq))
                break
    if examples:
        examples.sort()
        raise RowsOutOfPlace(reading.path, reading.sheet.name, examples[:3])


# Points numbered in the 序号 column alone, as a title's numbering would number them: （1）, ①.
_POINT_SEQ = ((4, re.compile(r"[（(]\d+[）)]")), (5, re.compile(r"[①-⑳]")))


def _points_in_seq(nodes: list[Node], seqs: list[str]) -> None:
    """Rows whose 序号 alone numbers them as points (① ② under 1, 2: the titles unnumbered)
    nest as the same numbering at the start of their titles would: the plain numbers (1, 2)
    then number the rows the points are under, as 1. would. Without such points a plain 序号
    only counts rows (``nesting``), as before."""
    levels = [
        next(
            (level for level, pattern in _POINT_SEQ if pattern.fullmatch(spelled_numeral(seq))),
            None,
        )
        for seq in seqs
    ]
    if not any(lv is not None and n.numeral is None for n, lv in zip(nodes, levels, strict=True)):
        return
    for node, seq, level in zip(nodes, seqs, levels, strict=True):
        if node.numeral is not None:
            continue
        if level is None and re.fullmatch(r"\d+[、.．]?", seq):
            level = 3
        if level is not None:
            node.numeral, node.marker = level, seq


def _numbered(reading: Reading, row: int) -> bool:
    """Whether the row's 序号 holds a number or id (a task titled "Task" in an English export,
    1.1), as the header repeated further down (序号 | 工作任务) does not."""
    seq = reading.columns.get("seq")
    if seq is None:
        return False
    text = as_text(reading.sheet.value(row, seq.index))
    return bool(text) and normalise(text) != normalise(seq.name)


def _row(reading: Reading, row: int) -> Node | None:
    """The row as a node with its fields read, or None for a row that is not an item (blank,
    a footnote, a 合计, the header again), noted in ``skipped`` where it held anything."""
    sheet, title_column, found = reading.sheet, reading.title_column, reading.found
    title_text = one_line(as_text(sheet.value(row, title_column.index)))
    others = [
        (column, _own(reading, row, column))
        for column in reading.header.columns
        if column is not title_column
    ]
    seq = reading.columns.get("seq")
    title_from = title_column
    if not title_text and seq is not None:
        # A category written in the 序号 column ("一、打牢一个基础" in A5, B5 empty).
        written = one_line(as_text(sheet.value(row, seq.index)))
        rest, level, _ = without_numeral(written)
        if level is not None and rest != written:
            title_text, title_from = written, seq
            others = [(c, None if c is seq else v) for c, v in others]
    detail = reading.columns.get("detail")
    if not title_text and detail is not None and names_tasks(detail):
        # 重点工作 left blank beside the 具体任务 under a category row of its own: the task is
        # the one the 具体任务 names (a title merged down over it is read by ``_group``)
        written = one_line(as_text(sheet.value(row, detail.index)))
        if (
            written
            and not _from_above(reading, row, detail)
            and not _from_above(reading, row, title_column)
        ):
            title_text, title_from = written, detail
            others = [(c, None if c is detail else v) for c, v in others]
    stray = _stray(reading, row)
    filled = [(c, v) for c, v in others if v is not None and as_text(v)]
    if not title_text and _unsaved_formula(reading, row, title_column):
        return None  # the title is a formula never computed: said, not guessed
    if title_text and _error_value(reading, row, title_column):
        return None  # #REF! is no title: said, not made a task
    if not title_text:
        # A merged cell reaching down from a row above into this one is not this row's.
        filled = [(c, v) for c, v in filled if not _from_above(reading, row, c)]
        if not filled and not stray:
            return None
        if all(c.field in ("seq", "computed", "completion", SKIP) for c, _ in filled) and not stray:
            found.skipped.append((row, as_text(filled[0][1])))
            return None
        first = _first_text(reading, row)
        # 填报人：… in the 序号 column, 审核人：… further on; 合计 in the 序号 column
        if _FOOTNOTE.match(first) or _TOTALS.match(first):
            found.skipped.append((row, first))
            return None
        reading.problem(
            row,
            title_column,
            None,
            CellUnreadable(
                "这一行有内容，但没有任务名称；请填上任务名称，或删去这一行",
                "the row has cells filled but no task title; write the title, or delete the row",
            ),
        )
        return None
    if (
        _FOOTNOTE.match(title_text)
        or _TOTALS.match(title_text)
        or (normalise(title_text) == normalise(title_column.name) and not _numbered(reading, row))
    ):
        found.skipped.append((row, title_text))
        return None
    node = Node(row, title_text)
    unread: list[Column] = []
    for column, value in others:
        if value is None or not as_text(value):
            unread.append(column)
            continue
        if column.field not in ("keep", None) and _error_value(reading, row, column):
            continue
        if column.field in ("keep", None) and _kept_error(reading, row, column):
            reading.found.kept_errors.append((reading.address(row, column), as_text(value)))
        read_cell(reading, node, column, value)
    _title_tail(reading, node, title_from)
    _none_under_a_limit(reading, node)
    measured = "target" in node.fields and "actual" in node.figures
    for column in unread:
        # 完成率 counts only for a task no figure measures (items.progress_from_completion).
        if column.field != "completion" or not measured:
            _unsaved_formula(reading, row, column)
    for col, value in stray:
        node.extra.setdefault(f"{column_letter(col)}列", kept(value))
        if col not in found.kept_unknown:
            found.kept_unknown.append(col)
    if sheet.hidden_rows or sheet.hidden_columns:
        _hidden(reading, row, [title_from, *(c for c, _ in filled)], [col for col, _ in stray])
    return node


def _title_tail(reading: Reading, node: Node, column: Column) -> None:
    """Who answers for the row's task and by when, where its title ends with them
    (（责任单位：农业办；完成时限：6月底前）, as a pasted 工作要点 has them): read as their
    columns' cells would be, and taken off the title. Where the row's own columns state any of
    them, the title is left as written (the table's columns say it); so is a title in a table
    ``plan export`` wrote (it is the plan's own) and one whose deadline there cannot be read
    (said)."""
    from .title_tail import labelled_tail

    if reading.written_by_export():
        return
    found = labelled_tail(node.title)
    if found is None:
        return
    title, parts = found
    if not title.strip():
        # A line of its own after a task's points (① …, ② …): whose it is, is not guessed.
        reading.found.tails_alone.append(node.row)
        return
    if any(field in node.fields or field in node.stated for _, field, _ in parts):
        return
    from .dates import read_deadline
    from .recurring_dues import recurring_due

    for label, field, text in parts:
        if field == "due" and recurring_due(text, reading.period) is not None:
            continue  # 完成时限：每月: its last time, as in a 完成时限 column (deadline_cells._recurring)
        if field in ("due", "start"):
            try:
                read_deadline(text, reading.year)
            except CellUnreadable as exc:
                # （时间节点：6月底前完成主体） may be the title's own words: kept as written, said.
                reading.found.tails_unread.append((node.row, f"{label}：{text}", exc.zh, exc.en))
                return
    if node.written.endswith(node.title):
        node.written = node.written[: len(node.written) - len(node.title)] + title
    node.title = title
    taken: set[str] = set()
    for label, field, text in parts:
        if field in taken:
            # （牵头单位：…；责任单位：…）: the first is read, the second kept under its label, as
            # a table with both columns keeps its second (build.py)
            node.extra.setdefault(label, kept(text))
            continue
        taken.add(field)
        read_cell(reading, node, Column(column.index, label, field), text)
    reading.found.title_tails.append(node.row)


def _hidden(reading: Reading, row: int, filled: list[Column], stray: list[int]) -> None:
    """An item row Excel hides, and the hidden columns whose cells it filled (the title's
    among them) or that have no header, for the import to say: what an office hid may be what
    it did not mean to hand over. Figures the plan computes are not read; 完成率 is said where
    it is read as progress (items)."""
    sheet, found = reading.sheet, reading.found
    if row in sheet.hidden_rows:
        found.hidden_rows.append(row)
    if not sheet.hidden_columns:
        return
    read = [c.index for c in filled if c.field not in ("computed", "completion", SKIP)] + stray
    found.hidden_columns.update(col for col in read if col in sheet.hidden_columns)


def _first_text(reading: Reading, row: int) -> str:
    """The row's first filled cell, left to right, on one line."""
    cells = reading.sheet.rows[row] if row < len(reading.sheet.rows) else []
    return next((one_line(as_text(v)) for v in cells if v is not None and as_text(v)), "")


def _unsaved_formula(reading: Reading, row: int, column: Column) -> bool:
    """A cell read for the plan whose formula has no saved value (a workbook a program
    wrote, that no one has opened in Excel or WPS since) holds nothing to read: reported,
    so that its task or figure is not silently left out. Formulas in cells the import does
    not read (合计 rows, 完成率, the title row) do not matter, nor a 序号 numbered by a
    formula (=ROW()-2): the items are numbered by their places as well."""
    formula = reading.sheet.formulas.get((row, column.index))
    if formula is None or column.field in ("computed", "seq", SKIP):
        return False
    address = reading.sheet.address(row, column.index)
    reading.problems[address] = CellProblem(
        address,
        column.name,
        formula,
        "这是一个没有保存计算结果的公式（表格由程序生成，未在 Excel 中打开保存过）；"
        "请用 Excel 或 WPS 打开这个工作簿并保存后再导入，或直接填入数值",
        "a formula with no saved value (the workbook was written by a program and never "
        "saved in Excel); open and save the workbook in Excel or WPS, or type the value",
    )
    return True


def _error_value(reading: Reading, row: int, column: Column) -> bool:
    """A cell read for the plan that holds an error value (#REF!, #N/A, #VALUE!: a formula
    whose reference broke, a lookup that found nothing): reported, not read as a title, a
    unit or a figure. Kept columns (备注, unknown ones) keep it as written; figures the plan
    computes and the 序号 are not read."""
    if column.field in ("computed", "completion", "seq", SKIP):
        return False
    span = reading.sheet.span(row, column.index)
    error = reading.sheet.errors.get((span[0], span[1]) if span else (row, column.index))
    if error is None:
        return False
    address = reading.address(row, column)
    zh, en = ERROR_VALUES.get(error.upper(), SOME_ERROR)
    reading.problems.setdefault(
        address,
        CellProblem(
            address,
            column.name,
            error,
            f"这是公式算出的错误值 {error}（{zh}），不是内容；请在表格中改正公式，或直接填入内容",
            f"an error value {error} a formula gave ({en}); correct the formula in the table, "
            "or type the value",
        ),
    )
    return True


def _kept_error(reading: Reading, row: int, column: Column) -> bool:
    """Whether a cell of a column kept as written (备注, an unknown one) holds an error value:
    kept, and said, so that #N/A is not taken for the office's own words."""
    span = reading.sheet.span(row, column.index)
    return (span[:2] if span else (row, column.index)) in reading.sheet.errors


def _trailing_zeros(reading: Reading, nodes: list[Node], seqs: list[str]) -> list[str]:
    """The 序号 with the zeros a spreadsheet took off put back: Excel, WPS and LibreOffice open
    a CSV's 1.10 as the number 1.1 and save it so. A 序号 another row has too, whose last
    number is not above the sibling's before it (1.1 after 1.9, 1.2 after 1.11) and ends in
    no 0, is read with the
    fewest zeros that make it the larger (1.10, 1.20), where no row has that 序号 already;
    a row without a dotted 序号 (a category, 一、) starts the count afresh.
    Each is recorded in ``reading.zeros`` as (row, as written, as read)."""
    taken = set(seqs)
    shared = {seq for seq, times in Counter(seqs).items() if times > 1}
    last: dict[str, int] = {}  # a parent's 序号 -> its latest child's number
    read: list[str] = []
    for node, seq in zip(nodes, seqs, strict=True):
        if DOTTED.match(seq) and "." in seq:
            head, _, tail = seq.rpartition(".")
            number, before = int(tail), last.get(head)
            if seq in shared and before is not None and number <= before and tail[-1] != "0":
                zeros = tail + "0"
                while int(zeros) <= before:
                    zeros += "0"
                if f"{head}.{zeros}" not in taken:
                    reading.zeros.append((node.row + 1, seq, f"{head}.{zeros}"))
                    seq, number = f"{head}.{zeros}", int(zeros)
                    taken.add(seq)
            last[head] = number
        elif not DOTTED.match(seq):
            last.clear()  # a category row (一、): the numbers under it may start again
        read.append(seq)
    return read


def _seq(reading: Reading, row: int) -> str:
    column = reading.columns.get("seq")
    if column is None:
        return ""
    value = reading.sheet.value(row, column.index)
    if isinstance(value, float):
        return repr(value)
    text = as_text(value).replace(" ", "")
    # Full-width digits and points (１．２), as a Chinese input method types them; only
    # those: the brackets of （一） stay as the numbering is matched.
    return text.translate(_FULL_WIDTH_DIGITS)


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")


# What offices write in a cell that has nothing to say: 无, 暂无, a dash, a slash.
_NOTHING = frozenset({"无", "暂无", "空", "-", "--", "—", "——", "－", "/", "／", "\\", "n/a", "na"})


_SAME_AS_ABOVE = frozenset({"同上", "同上。", "〃"})

# What a 完成值 under a limit says when none happened (安全生产事故 0起: 无).
_NONE = frozenset({"无", "暂无"})


def _none_under_a_limit(reading: Reading, node: Node) -> None:
    """完成值 无 under a limit (0起, 控制在5起以内: ``smaller_is_better``) is 0, none happened,
    the limit kept; under a target to reach (新建3处) it stays blank, nothing reported."""
    from ..model import smaller_is_better

    column = reading.columns.get("actual")
    if column is None or "actual" in node.figures or not smaller_is_better(node.fields):
        return
    value = reading.sheet.value(node.row, column.index)
    if isinstance(value, str) and value.strip() in _NONE:
        node.figures["actual"] = 0


def _above(reading: Reading, row: int, column: Column) -> Value:
    """What a 同上 cell stands for: the nearest cell above it in the table that says
    something (a 同上 there standing for what it stands for), or None."""
    cache = reading.same_as_above
    key = (row, column.index)
    if key not in cache:
        found: Value = None
        for above in range(row - 1, reading.header.first_data_row - 1, -1):
            if (above, column.index) in cache:
                found = cache[(above, column.index)]
                break
            value = _own(reading, above, column) if _written(reading, above, column) else None
            if value is not None and as_text(value):
                found = value
                break
        cache[key] = found
    return cache[key]


def _written(reading: Reading, row: int, column: Column) -> bool:
    """Whether a cell holds anything but 同上 (which _above walks past)."""
    value = reading.sheet.value(row, column.index)
    return not (isinstance(value, str) and value.strip() in _SAME_AS_ABOVE)


def _own(reading: Reading, row: int, column: Column) -> Value:
    """The cell's value, unless it is only the title cell spilling over (a category row
    merged across the table) or says there is nothing (无, —, /: None)."""
    sheet = reading.sheet
    value = sheet.value(row, column.index)
    if column is reading.title_column or value is None:
        return value
    if isinstance(value, str) and value.strip().casefold() in _NOTHING:
        return None
    if isinstance(value, str) and value.strip() in _SAME_AS_ABOVE:
        return _above(reading, row, column)
    span = sheet.span(row, column.index)
    if span is not None and span == sheet.span(row, reading.title_column.index):
        return None
    return value


def _seq_above(reading: Reading, node: Node) -> bool:
    """Whether the row's 序号 is a cell merged down from a row above (一 over a part's heading
    and its tasks): the category it marks is that row's, the rows below it its tasks."""
    column = reading.columns.get("seq")
    return column is not None and _from_above(reading, node.row, column)


def _from_above(reading: Reading, row: int, column: Column) -> bool:
    span = reading.sheet.span(row, column.index)
    return span is not None and span[0] < row


def _stray(reading: Reading, row: int) -> list[tuple[int, Value]]:
    """Cells in columns without a header: kept under the column's letter."""
    sheet = reading.sheet
    named = {c.index for c in reading.header.columns}
    found: list[tuple[int, Value]] = []
    title_span = sheet.span(row, reading.title_column.index)
    cells = sheet.rows[row] if row < len(sheet.rows) else []
    for col, value in enumerate(cells):
        if col in named:
            continue
        if value is None or not as_text(value):
            continue
        if title_span is not None and sheet.span(row, col) == title_span:
            continue
        found.append((col, value))
    return found


# An unnumbered heading merged across the table (党的建设 over A5:I5, as 任务分解表 mark their
# parts) is a part, as 第一部分 is: above 一、 and every other numbering.
HEADING_ACROSS = 0.5


def _heading_across(reading: Reading, row: int) -> bool:
    """Whether the row is one title merged across every column of the table but the 序号 (and
    nothing else): a heading, whatever numbering it lacks."""
    span = reading.sheet.span(row, reading.title_column.index)
    if span is None or span[0] != row or span[2] != row:
        return False
    across = [c for c in reading.header.columns if c.field != "seq"]
    return len(across) >= 3 and all(span[1] <= c.index <= span[3] for c in across)


def _sparse(reading: Reading, row: int) -> bool:
    """Whether the row leaves most data columns empty, as a heading does. A cell merged
    down over several rows (a 牵头单位 shared by a part's tasks) is not the row's own."""
    counted = [c for c in reading.header.columns if c.field in DATA_FIELDS]
    filled = 0
    for column in counted:
        value = _own(reading, row, column)
        span = reading.sheet.span(row, column.index)
        if value is not None and as_text(value) and (span is None or span[0] == span[2]):
            filled += 1
    return filled * 2 < len(counted) or not counted


def _weight_over(reading: Reading, group: tuple[int, int, int, int]) -> bool:
    """Whether the 权重 (分值) cell is merged over the same rows as the title that makes the
    goal: then it is the goal's (基层党建's 30 分), not each of its tasks'."""
    column = reading.columns.get("weight")
    if column is None:
        return False
    span = reading.sheet.span(group[0], column.index)
    return span is not None and (span[0], span[2]) == (group[0], group[2])


def _repeated(reading: Reading, row: int) -> tuple[int, int, int, int] | None:
    """The run of adjacent rows whose title cell says what this row's does, as a merge
    would be: (first row, column, last row, column); None where the title is not repeated."""
    sheet, column = reading.sheet, reading.title_column.index
    title = as_text(sheet.value(row, column))

    def same(other: int) -> bool:
        return (
            reading.header.first_data_row <= other < len(sheet.rows)
            and sheet.span(other, column) is None
            and as_text(sheet.value(other, column)) == title
        )

    if not title or not (same(row - 1) or same(row + 1)):
        return None
    first, last = row, row
    while same(first - 1):
        first -= 1
    while same(last + 1):
        last += 1
    return first, column, last, column


def _group(reading: Reading, row: int) -> tuple[tuple[int, int, int, int], str] | None:
    """A title cell merged down over several rows whose 具体措施 differ: the merged title is
    a goal and each row a task named by its measure. Without 具体措施 that tell the rows apart,
    rows whose 牵头单位 (else 责任人) differ, a task over a row per village: each row is a task
    named by the title and its unit (农村改厕（木棠村）). With the field that tells them apart."""
    sheet = reading.sheet
    span = sheet.span(row, reading.title_column.index)
    fields: tuple[str, ...] = ("detail", "lead_unit", "owner")
    if span is None:  # the title typed again on each row (a 考核内容 unmerged to filter)
        span, fields = _repeated(reading, row), ("detail",)
    if span is None or span[2] == span[0]:
        return None
    for field in fields:
        column = reading.columns.get(field)
        if column is None:
            continue
        values = [as_text(sheet.value(r, column.index)) for r in range(span[0], span[2] + 1)]
        if field == "detail" and len({value for value in values if value}) >= 2:
            return span, field
        if field != "detail" and all(values) and len(set(values)) == len(values):
            return span, field
    # A 序号 merged over the same rows numbers them as one item (a second deadline on a row
    # of its own): a goal over a task per row, as 具体措施 would make, not a task per row that
    # moves every later row's number on by one.
    seq = reading.columns.get("seq")
    if seq is not None:
        seq_span = sheet.span(row, seq.index)
        if seq_span is not None and (seq_span[0], seq_span[2]) == (span[0], span[2]):
            return span, "detail"
    return None
