"""The tree of nodes into the plan's items (pure): ids by position ("1", "1.2", "1.2.3") unless
the 序号 column holds such ids itself (or, in a table ``plan export`` wrote of a plan whose ids
are not dotted, those ids), a task's figures and milestones, its measure settled
against the units its figures are written in, and its note as the first entry of its log."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..typed_numbers import same_unit
from .cells import kept, milestone_as_words
from .dates import recurs
from .done_days import done_day
from .errors import CellProblem, CellUnreadable, Notice
from .finished import says_finished
from .headers import normalise
from .note_columns import in_order, period_end
from .reading import FIELD_ORDER, Node, Reading
from .sheets import Value
from .values import as_text, read_progress, read_status


def ids_from_seq(roots: list[Node], notices: list[Notice]) -> bool:
    """Whether the 序号 column's dotted ids can be the items' ids: every item has one, none
    twice, and each is its parent's id and one more number. Where some are given but they do
    not fit, a notice says the items are numbered by position instead."""
    seen: set[str] = set()

    def fits(nodes: list[Node], prefix: str) -> bool:
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
    notices.append(
        Notice(
            "序号一栏的编号与各行的上下级不完全对应，事项编号按位置重新编排（1、1.1、1.1.1…）。",
            "The 序号 column's numbers do not all match the rows' places in the tree, so "
            "the items are numbered by position (1, 1.1, 1.1.1…).",
        )
    )
    return False


def own_ids(reading: Reading, roots: list[Node], notices: list[Notice]) -> dict[int, str] | None:
    """The ids a table ``plan export`` wrote gives in its 序号 column, by ``id`` of each node,
    whatever they say of the tree (jc, jc-dj; 1.9 moved under 2): where the rows nest by their
    titles' indents (a workbook, ``nesting``), or the workbook says plan export wrote it (a
    plan of top-level tasks has no indent), and every row has a 序号 that is a valid id, none
    twice — or, in a table with the columns plan export writes, a row without one, a task an
    office typed into a row it inserted, which gets the next free id under its parent (said),
    the others keeping theirs. Else None."""
    column = reading.columns.get("seq")
    if column is None:
        return None
    key = reading.keys[column.index]
    nodes: list[Node] = []
    parents: dict[int, Node | None] = {}
    stack: list[tuple[Node, Node | None]] = [(node, None) for node in reversed(roots)]
    while stack:
        node, parent = stack.pop()
        nodes.append(node)
        parents[id(node)] = parent
        stack += [(child, node) for child in reversed(node.children)]
    if not any(node.indent for node in nodes) and not reading.sheet.by_export:
        return None
    from ..validate import field_problem

    # A dotted 序号 is the node's ``seq``, a plain number its ``plain_seq``; any other is kept
    # as a field of its own (``cells``).
    ids: list[str | None] = [
        node.seq if node.seq is not None else node.extra.get(key, node.plain_seq) for node in nodes
    ]
    written = [i for i in ids if i is not None]
    if None in ids and not reading.written_by_export():
        return None
    if any(not isinstance(i, str) or field_problem("id", i) is not None for i in written):
        return None
    if not written or len(set(written)) != len(written):
        return None
    if all(str(i).isdigit() for i in written):  # a count of the rows, not ids
        return None
    if None in ids:
        ids = _free_ids(nodes, ids, parents, notices)
    # A table as plan export writes it: its titles are the plan's own, a numbering one starts
    # with (一是…, 1、…) too, the table's numbering being its 序号.
    exported = reading.written_by_export()
    for node in nodes:  # (the id itself, not a field kept beside it)
        node.extra.pop(key, None)
        if exported:
            node.title = node.written
    return {id(node): str(item_id) for node, item_id in zip(nodes, ids, strict=True)}


def _free_ids(
    nodes: list[Node],
    ids: list[str | None],
    parents: dict[int, Node | None],
    notices: list[Notice],
) -> list[str | None]:
    """``ids`` (of ``nodes``, parents first) with each row that has none given the next number
    under its parent's id after every id there (2.2.4 after 2.2.1 … 2.2.3), said by row."""
    by_node = {id(node): item_id for node, item_id in zip(nodes, ids, strict=True)}
    used = {str(i) for i in ids if i is not None}
    given: list[tuple[int, str]] = []
    for node in nodes:
        if by_node[id(node)] is not None:
            continue
        parent = parents[id(node)]
        prefix = f"{by_node[id(parent)]}." if parent is not None else ""
        under = [i[len(prefix) :] for i in used if i.startswith(prefix)]
        number = max((int(n) for n in under if n.isdigit()), default=0) + 1
        while f"{prefix}{number}" in used:
            number += 1
        item_id = f"{prefix}{number}"
        by_node[id(node)] = item_id
        used.add(item_id)
        given.append((node.row + 1, item_id))
    shown_zh = "、".join(f"第 {row} 行编为 {item_id}" for row, item_id in given)
    shown_en = ", ".join(f"row {row} is {item_id}" for row, item_id in given)
    notices.append(
        Notice(
            f"这些行没有序号，各编为其上级之下的下一个编号，其他事项保留原编号：{shown_zh}。",
            f"These rows have no 序号 and each got the next number under its parent, the "
            f"other items keeping theirs: {shown_en}.",
        )
    )
    return [by_node[id(node)] for node in nodes]


def plan_items(
    reading: Reading,
    roots: list[Node],
    dotted: bool,
    on_day: dt.date,
    prefix: str = "",
    given: dict[int, str] | None = None,
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The items of the tree in file order (a parent before its children), and each item's
    row in the sheet (1-based) by id; ``dotted``: the ids are the 序号 column's; ``given``:
    each node's id (``own_ids``); ``on_day``: the day of each imported note."""
    items: list[dict[str, Any]] = []
    rows: dict[str, int] = {}

    def emit(nodes: list[Node], prefix: str, parent: str, above: Node | None = None) -> None:
        for position, node in enumerate(nodes, start=1):
            if given is not None:
                item_id = given[id(node)]
            elif dotted and node.seq:
                item_id = f"{top}{node.seq}"
            else:
                item_id = f"{prefix}{position}"
            item = _item(reading, node, item_id, on_day)
            village = _village_share(node, nodes, above)
            if village:
                item["title"] = f"{node.title}（{village}）"
            if given is not None and item_id.rpartition(".")[0] != parent:
                item["parent"] = parent  # (an id that does not say its parent: jc-dj)
            items.append(item)
            rows[item_id] = node.row + 1
            emit(node.children, f"{item_id}.", item_id, node)

    top = prefix  # the part a sheet's items go under (several sheets), before each id
    emit(roots, prefix, prefix.rstrip("."))
    return items, rows


def _village_share(node: Node, siblings: list[Node], above: Node | None) -> str | None:
    """The village (嘎查村, 村, 社区) a row names whose title repeats its goal's or a sibling's,
    as a 乡's 清单 shares a task among its 村 (玉米单产提升 | 哈日干图嘎查): the share is told by
    its village, or two tasks read 玉米单产提升 alike in every view."""
    title = normalise(node.title)
    if (above is None or normalise(above.title) != title) and not any(
        other is not node and normalise(other.title) == title for other in siblings
    ):
        return None
    for name, value in node.extra.items():
        if isinstance(value, str) and value.strip() and _names_village(name):
            return " ".join(value.split())
    return None


def _names_village(header: str) -> bool:
    """Whether a header is a village's (or a 社区's): 嘎查村, 村, 行政村, 村名, 村（社区）, 所在村."""
    bare = re.sub(r"[()（）]", "", normalise(header))
    return (
        re.fullmatch(r"(?:所在|行政|责任)?(?:嘎查村?|村|社区|村社区|村居|苏木)(?:名称?)?", bare)
        is not None
    )


def _milestone_order(node: Node) -> Any:
    """Milestones in the order of their columns, as the row gives them (a step kept after the
    figures were taken would otherwise come last)."""
    place = {id(m): n for n, (_, _, m, _) in enumerate(node.milestones)}
    return lambda milestone: place.get(id(milestone), len(place))


def _item(reading: Reading, node: Node, item_id: str, on_day: dt.date) -> dict[str, Any]:
    fields = dict(node.fields)
    read_from = None
    if node.children:
        if any(v is not None for v in node.figures.values()):
            reading.found.goal_figures.append(node.row)
        target = _target_shown(fields)
        if target is not None:
            reading.found.goal_targets.append((node.row, item_id, target))
    else:
        fields.update(node.figures)
        _status_from_note(reading, node, fields, item_id)
        _progress_from_completion(reading, node, fields)
        _started_by_investment(reading, node, fields)
        read_from = done_day(reading, node, fields, item_id)
    _settle_measure(reading, fields, node.units)
    if not node.children and "target_text" in fields and "target" not in fields:
        _target_without_number(reading, node, fields)
    milestones = []
    steps = []  # (words in a period column: kept as steps where the row has other milestones)
    for column, value, milestone, unit in node.milestones:
        # A figure measures a task by its target: without one (or in another unit) it
        # says nothing the plan can follow, and is kept as written.
        figure = "value" in milestone
        if figure and unit and not _same_unit(unit, fields.get("measure"), value):
            from ..magnitudes import in_measure

            milestone["value"], unit = in_measure(milestone["value"], unit, fields.get("measure"))
        if node.children or (
            figure
            and (
                not isinstance(fields.get("target"), int | float)
                or not _same_unit(unit, fields.get("measure"), value)
            )
        ):
            milestone_as_words(reading, node, column, value)
        elif column.field == "milestone" and "progress" not in milestone and not figure:
            steps.append((column, value, milestone))
        else:
            milestones.append(milestone)
    beside = any(c.field == "milestone" and m in milestones for c, _, m, _ in node.milestones)
    for column, value, milestone in steps:
        if beside or recurs(milestone["note"]):  # (每月, 持续推进: the period's note)
            milestones.append(milestone)
        else:  # words alone in the period columns (设计, 施工, 验收): kept as written
            milestone_as_words(reading, node, column, value)
    milestones.sort(key=_milestone_order(node))
    table: dict[str, Any] = {"id": item_id, "title": node.title}
    for key in FIELD_ORDER:
        if key in fields and key not in table:
            table[key] = fields[key]
    # cells kept as written, in the order of their columns (a milestone's words kept once the
    # row's figures were read would otherwise come after those kept on reading)
    place = {key: n for n, key in reading.keys.items()}
    table.update(sorted(node.extra.items(), key=lambda kept: place.get(kept[0], len(place))))
    if not node.children and read_from is not None:
        del table[read_from]  # (the 完成时间 of a task done: its done_on)
    if milestones:
        table["milestone"] = milestones
    noted_day = None
    if node.noted is not None:  # 更新日期: the note's day, else kept as written
        column, value, day = node.noted
        first, last = reading.note_days
        if (
            node.note
            and not node.dated_notes
            and day is not None
            and not reading.on_given
            and first <= day <= last
        ):
            noted_day = day
        else:
            table[reading.keys[column.index]] = kept(value)
    if node.dated_notes:  # a note per period column, each dated at its period's end
        table["log"] = [
            {"on": period_end(month, reading.period, reading.note_days[1]), "note": note}
            for month, note in sorted(
                node.dated_notes, key=lambda n: (in_order(n[0], reading.period), n[1])
            )
        ]
    elif node.note:
        (reading.found.noted_days if noted_day else reading.found.undated_notes).append(node.row)
        table["log"] = [{"on": noted_day or on_day, "note": node.note}]
    return table


def _target_shown(fields: dict[str, Any]) -> str | None:
    """A row's target as the sheet words it (确保完成), else its number and unit; None
    without one."""
    if "target_text" in fields:
        return str(fields["target_text"])
    if "target" not in fields:
        return None
    from ..texts import format_number

    return f"{format_number(fields['target'])}{fields.get('measure', '')}"


def _status_from_note(reading: Reading, node: Node, fields: dict[str, Any], item_id: str) -> None:
    """A 完成情况 (进展情况) cell that holds a status and nothing more (已完成, 正在推进, 未开工),
    in a ledger without a 状态 column: the task's status (the words stay its note). One that
    says more (主体已完工，正在装修) sets nothing, as a reading of it could tick off a task not
    done; where it speaks of completion it is said, for the office to tick the task off."""
    if not node.note or "status" in fields:
        return
    try:
        status, day = read_status(node.note)
    except CellUnreadable:
        if says_finished(node.note):
            reading.found.finished_words.append((node.row, item_id, node.note))
        return
    fields["status"] = status
    if day is not None:
        fields.setdefault("done_on", day)
    reading.found.status_notes.append((node.row, item_id, status, node.note))


def _started_by_investment(reading: Reading, node: Node, fields: dict[str, Any]) -> None:
    """A project whose row states investment made (1-6月完成投资 4800万元, 已完成投资) and no
    status, progress or figure of its own is under way: 进行中, not the 未开始 the report would
    say beside 已完成投资4800万元."""
    from ..model import Item, shows_work

    if "status" in fields or shows_work(fields) or not node.extra:
        return
    from ..report.investment import investment_of  # (pure: the report's reading of them)

    found = investment_of(Item(dict(node.extra)))
    if found is None or found.spent is None or found.spent[0] <= 0:
        return
    fields["status"] = "doing"
    reading.found.started_by_investment.append(node.row)


def _progress_from_completion(reading: Reading, node: Node, fields: dict[str, Any]) -> None:
    """完成率 is what the plan computes, and for a task that no figure measures (no target
    number and actual to compare) it is the task's progress: read so, where the row gives
    no 进度 of its own, the task is neither done nor dropped, and it is above 0."""
    if node.completion is None or "progress" in fields:
        return
    if fields.get("status") in ("done", "dropped"):
        return
    from ..model import Item
    from ..rollup import metric_completion
    from ..texts import round_half_up, short_of_whole

    figure = metric_completion(Item(fields))
    try:
        progress = read_progress(node.completion)
    except CellUnreadable:  # "—", or words: a computed column is no reason to refuse
        return
    if figure is not None:
        # The figure gives the completion: one typed over it (80% where 150 of 280 is 54%)
        # is not the task's, but said by its cell, else the office's edit is lost unseen.
        shown = short_of_whole(figure, round_half_up(figure * 100), 100)
        if abs(round_half_up(progress) - shown) >= 1:
            address = reading.address(node.row, reading.columns["completion"])
            reading.found.completion_over_figure.append((address, progress, shown))
        return
    if progress:
        fields["progress"] = progress
        reading.found.progress_from_completion.append(node.row)
        column = reading.columns["completion"]
        if column.index in reading.sheet.hidden_columns:
            reading.found.hidden_columns.add(column.index)


# A count in Chinese numerals (十批次, 三批, 约两个以上): meant as a figure, read as words.
_NUMERAL_COUNT = re.compile(
    r"(?:约|近)?[〇一二两三四五六七八九十百千万亿]+[\u4e00-\u9fff]{0,3}?(?:以上|以内|左右|余)?"
)


def _target_without_number(reading: Reading, node: Node, fields: dict[str, Any]) -> None:
    """A task's target of words with no number in them (十批次, 批次) is kept as words and sets
    no figure: a 完成值 beside it counts for nothing, and a count in Chinese numerals was meant
    as one. Said (``Findings.words_for_targets``), with how to write it, else the task sits at
    0% unseen."""
    from ..validate import is_number
    from .values import read_target

    words = str(fields["target_text"])
    try:
        if read_target(words).value is not None:
            return  # (a number in another unit than the measure: said as a unit clash)
    except CellUnreadable:
        pass
    actual = fields.get("actual")
    if is_number(actual) or _NUMERAL_COUNT.fullmatch(words):
        reading.found.words_for_targets.append(
            (node.row, words, actual if is_number(actual) else None)
        )


def _settle_measure(
    reading: Reading, fields: dict[str, Any], units: list[tuple[str, str, str, Value, str]]
) -> None:
    """The measure: the 计量单位 column's, else the unit the target (or a figure) was written
    in, else the one the header gives in brackets (目标值（万亩）). A figure in another unit
    than the measure cannot be compared with it: a target's number is then left out (its
    words stay in target_text), a baseline or actual is reported."""
    measure = fields.get("measure")
    units = [_in_measure(fields, unit, measure) for unit in units]  # 2千亩: 2000 亩
    if measure is None and units:
        measure = units[0][1]
    if measure is None:
        for field in ("target", "baseline", "actual"):
            column = reading.columns.get(field)
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
            reading.found.unit_clashes.append(f"{address} {as_text(value)}（{measure}）")
        else:
            fields.pop(field, None)
            reading.problems.setdefault(
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


def _in_measure(
    fields: dict[str, Any], written: tuple[str, str, str, Value, str], measure: str | None
) -> tuple[str, str, str, Value, str]:
    """A figure written with 千 or 百 before its unit (2千亩) as that many of the unit (2000
    亩, in ``fields``), unless the measure is the unit as written (magnitudes.in_measure)."""
    from ..magnitudes import in_measure

    field, unit, column_name, value, address = written
    if not isinstance(fields.get(field), int | float) or (
        measure and _same_unit(unit, measure, value)
    ):
        return written
    fields[field], unit = in_measure(fields[field], unit, measure)
    return field, unit, column_name, value, address


def _same_unit(unit: str, measure: str | None, value: Value = None) -> bool:
    """Whether a figure written with ``unit`` is in the measure: the same unit, none, or the
    measure written out after the number ("0.5吨标准煤", whose unit is read as 吨)."""
    if not measure or not unit:
        return True
    if same_unit(normalise(unit), normalise(measure)):
        return True  # (万平米 is 万平方米; 个村 is 个)
    written = normalise(as_text(value))
    return normalise(measure).startswith(normalise(unit)) and normalise(measure) in written
