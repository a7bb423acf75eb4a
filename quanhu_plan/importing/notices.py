"""What an import says it did beyond reading fields (on stderr, with the tree): columns kept
as they are, figures it does not read, deadlines written onto tasks, rows skipped… Each is
gathered while the sheet is read and said once."""

from __future__ import annotations

import datetime as dt
import re

from ..controls import cut_before
from ..errors import shown_value
from ..shell_words import quote
from .errors import Notice, address_order, cell_words
from .header_names import LEDGER_LIGHTS
from .headers import Column, bare_name
from .sheets import column_letter


class Findings:
    """What the reading of one sheet noticed, by row (0-based) or cell address."""

    def __init__(self) -> None:
        self.skipped: list[tuple[int, str]] = []  # rows that are not tasks, with their text
        self.computed_seen: set[str] = set()  # headers of figures the plan computes
        self.kept_unknown: list[Column | int] = []  # columns kept under their own name
        self.unit_clashes: list[str] = []  # targets in another unit than the measure
        # tasks' targets of words with no number: (row, the words, the actual beside them)
        self.words_for_targets: list[tuple[int, str, float | None]] = []
        self.goal_figures: list[int] = []  # category rows whose figures were not read
        self.own_figures: list[int] = []  # goal rows whose figures became a task of their own
        # goal rows whose target stays on the goal: (row, the goal's id, the target as shown)
        self.goal_targets: list[tuple[int, str, str]] = []
        self.progress_from_completion: list[int] = []  # tasks whose 完成率 is their progress
        self.started_by_investment: list[int] = []  # projects 进行中 by the investment made
        # 完成率 cells typed over the one the task's figure gives: (address, typed, the figure's)
        self.completion_over_figure: list[tuple[str, float, object]] = []
        self.inherited: dict[int, int] = {}  # a category row -> tasks given its deadline
        # milestone cells kept as words: (address, the column's key, the cell as text)
        self.milestone_words: list[tuple[str, str, str]] = []
        self.hidden_rows: list[int] = []  # rows Excel hides that became items
        self.hidden_columns: set[int] = set()  # columns Excel hides whose cells were read
        # days held as Excel's bare number (45291): (address, the cell's value, the day)
        self.serial_dates: list[tuple[str, object, dt.date]] = []
        # figures a formula gave, read as its saved value: (address, the formula, the value)
        self.formula_figures: list[tuple[str, str, object]] = []
        self.noted_days: list[int] = []  # rows whose note is dated by their 更新日期
        self.undated_notes: list[int] = []  # rows with a note not dated so
        # rows whose note is a status word, read as status: (row, item id, status, the words)
        self.status_notes: list[tuple[int, str, str, str]] = []
        # rows whose note speaks of completion in more words, read as none: (row, id, words)
        self.finished_words: list[tuple[int, str, str]] = []
        self.fraction_progress: list[str] = []  # 进度 cells holding 0.6 for 60%, by address
        self.cut_cells: list[str] = []  # cells plan export cut to Excel's limit, by address
        self.title_tails: list[int] = []  # rows whose title ended with its unit, deadline…
        self.telephones: list[int] = []  # rows whose unit or person was given with a telephone
        # 办结时限 counted from the 交办日期: (row, the words, the day given, the due, the unit)
        self.counted_dues: list[tuple[int, str, dt.date, dt.date, str]] = []
        # deadlines that recur (每季度), read as the last time: (row, the words, the due, the
        # key the words are kept under)
        self.recurring_dues: list[tuple[int, str, object, str]] = []
        self.progress_notes: list[str] = []  # 进展 cells holding a percentage: progress
        self.assumed_done_days: list[tuple[int, str]] = []  # done, no day: (row, item id)
        self.tails_alone: list[int] = []  # rows holding only （责任单位：…；完成时限：…）
        # a title left blank below one, read as merged down over them: (its row, the rows, it,
        # the columns beside it merged down with it: 责任科室, 资金来源)
        self.titles_merged: list[tuple[int, list[int], str, list[str]]] = []
        # rows whose title ends with a deadline that cannot be read: (row, the part, why)
        self.tails_unread: list[tuple[int, str, str, str]] = []
        # cells of kept columns holding an error value (#N/A): (address, the value)
        self.kept_errors: list[tuple[str, str]] = []
        # period columns' words that recur (每月, 持续推进), kept as the period's note: (row, column)
        self.period_words: list[tuple[int, str]] = []

    def said(
        self,
        keys: dict[int, str],
        completion: Column | None,
        ids: dict[int, str] | None = None,
        title: int | None = None,
        note: str | None = None,
    ) -> list[Notice]:
        """The notices, in a fixed order; ``keys`` are the names columns are kept under,
        ``ids`` the item each row became, ``title`` the title's column, ``note`` the header
        of the 进展情况 column."""
        out: list[Notice] = []
        say = out.append
        if self.hidden_rows:
            say(_hidden_rows(self.hidden_rows, ids or {}))
        if self.hidden_columns:
            say(_hidden_columns(sorted(self.hidden_columns), keys, title))
        computed = set(self.computed_seen)
        if self.kept_unknown:
            shown = [
                f"“{keys[c.index]}”" if isinstance(c, Column) else f"“{column_letter(c)}列”"
                for c in self.kept_unknown
            ]
            named = [  # 'Budget', column F
                repr(keys[c.index]) if isinstance(c, Column) else f"column {column_letter(c)}"
                for c in self.kept_unknown
            ]
            english = (
                f"Column {named[0]} is not known: kept as it is, as a field of the same name "
                "on each item (--map COLUMN=FIELD says what it holds)."
                if len(named) == 1
                else f"Columns {', '.join(named[:-1])} and {named[-1]} are not known: kept as "
                "they are, as fields of the same name on each item (--map COLUMN=FIELD says "
                "what they hold)."
            )
            say(
                Notice(
                    f"不认得的列 {'、'.join(shown)} 已原样保留，作为事项的同名字段（用 --map 列名=字段 "
                    "可以指定它们的含义）。",
                    english,
                )
            )
        if completion is not None and self.progress_from_completion:
            rows = "、".join(str(r + 1) for r in self.progress_from_completion)
            say(
                Notice(
                    f"第 {rows} 行的任务没有可比的目标值和完成值，它们的“{completion.name}”就是"
                    "进度，已作为进度（progress）导入。",
                    f"The tasks on {_rows_en(self.progress_from_completion)} have no target "
                    f"and actual to compare: their {completion.name!r} is their progress, "
                    "imported as such."
                    if len(self.progress_from_completion) > 1
                    else f"The task on {_rows_en(self.progress_from_completion)} has no target "
                    f"and actual to compare: its {completion.name!r} is its progress, imported "
                    "as such.",
                )
            )
        elif completion is not None:
            computed.add(completion.name)
        if self.started_by_investment:
            rows = "、".join(str(r + 1) for r in self.started_by_investment)
            many = len(self.started_by_investment) > 1
            say(
                Notice(
                    f"第 {rows} 行的项目已填报完成投资，没有状态或进度，导入为进行中。",
                    f"The {'projects' if many else 'project'} on "
                    f"{_rows_en(self.started_by_investment)} "
                    f"{'state' if many else 'states'} investment made and no status or "
                    "progress: imported as in progress.",
                )
            )
        if completion is not None and self.completion_over_figure:
            say(_completion_over_figure(completion.name, self.completion_over_figure))
        if computed:
            shown = [f"“{name}”" for name in sorted(computed)]
            computed_en = _and([repr(name) for name in sorted(computed)])
            say(
                Notice(
                    f"{'、'.join(shown)} 是由计划算出的数字（完成率、序时进度、红黄绿灯），导入时不读取。",
                    f"{computed_en} {'is a figure' if len(computed) == 1 else 'are figures'} the plan "
                    "computes (completion, pace, warning colour): not imported.",
                )
            )
        if self.kept_errors:
            cells_kept = sorted(self.kept_errors, key=lambda cell: address_order(cell[0]))
            shown_zh = "、".join(f"{address} {value}" for address, value in cells_kept[:10])
            shown_en = ", ".join(f"{address} {value}" for address, value in cells_kept[:10])
            if len(cells_kept) > 10:
                shown_zh += f" 等 {len(cells_kept)} 个"
                shown_en += f" and {len(cells_kept) - 10} more"
            say(
                Notice(
                    f"这些单元格是公式算出的错误值，不是填写的内容，已原样保留为文字：{shown_zh}；"
                    "请在表格中核对公式。",
                    "These cells hold an error value a formula gave, not words anyone typed, "
                    f"and are kept as they are: {shown_en}; check the formulas in the table.",
                )
            )
        if self.goal_figures:
            rows = "、".join(str(r + 1) for r in self.goal_figures)
            say(
                Notice(
                    f"第 {rows} 行是分类（目标）行，它们的状态、进度、完成值由下属任务算出，没有导入。",
                    f"Row(s) {rows.replace('、', ', ')} are category (goal) rows: their status, "
                    "progress and actual come from their tasks and were not imported.",
                )
            )
        if self.inherited:
            rows = "、".join(str(r + 1) for r in sorted(self.inherited))
            count = sum(self.inherited.values())
            say(
                Notice(
                    f"第 {rows} 行（分类行）写的完成时限（或开工时间）已写到其下没有写时限的 "
                    f"{count} 项任务上。",
                    f"The deadline (or start) written on category row(s) "
                    f"{rows.replace('、', ', ')} was written onto the {count} task{'s' if count != 1 else ''} under them "
                    "that state none.",
                )
            )
        if self.milestone_words:
            say(_milestone_words(self.milestone_words))
        if self.period_words:
            say(_period_words(self.period_words))
        if self.unit_clashes:
            listed = "；".join(self.unit_clashes)
            say(
                Notice(
                    f"目标值的单位与计量单位不同，只保留了原文（target_text），没有读成数字：{listed}。",
                    f"Target(s) written in another unit than the measure were kept as words "
                    f"(target_text), not as a number: {listed}.",
                )
            )
        if self.words_for_targets:
            say(_words_for_targets(self.words_for_targets))
        if self.serial_dates:
            say(_serial_dates(self.serial_dates))
        if self.formula_figures:
            say(_formula_figures(self.formula_figures))
        if self.fraction_progress:
            cells = self.fraction_progress
            listed = "、".join(cells[:5]) + (f" 等 {len(cells)} 格" if len(cells) > 5 else "")
            listed_en = ", ".join(cells[:5]) + (
                f" and {len(cells) - 5} more" if len(cells) > 5 else ""
            )
            say(
                Notice(
                    f"进度一栏的数都在 0 到 1 之间，按小数读作百分数（0.6 即 60%）：{listed}；请核对。",
                    "The progress column's numbers are all from 0 to 1: read as fractions "
                    f"(0.6 is 60%): {listed_en}; please check.",
                )
            )
        if self.cut_cells:
            cells = self.cut_cells
            listed = "、".join(cells[:5]) + (f" 等 {len(cells)} 格" if len(cells) > 5 else "")
            listed_en = ", ".join(cells[:5]) + (
                f" and {len(cells) - 5} more" if len(cells) > 5 else ""
            )
            say(
                Notice(
                    f"{listed} 的文字在导出时按 Excel 单元格的上限截断了（末尾注明了原长），"
                    "导入的只是截断后的部分：全文在导出这张表的计划文件里，请从那里复制。",
                    f"The text of {listed_en} was cut on export to what an Excel cell holds "
                    "(its length said at its end), and only that part is imported: the "
                    "whole text is in the plan file the table was exported from; copy it from "
                    "there.",
                )
            )
        if self.title_tails:
            say(_title_tails(self.title_tails))
        if self.telephones:
            say(_telephones(self.telephones))
        if self.counted_dues:
            say(_counted_dues(self.counted_dues))
        if self.recurring_dues:
            say(_recurring_dues(self.recurring_dues))
        if self.tails_alone:
            say(_tails_alone(self.tails_alone))
        if self.titles_merged and title is not None:
            say(_titles_merged(self.titles_merged, keys[title]))
        for row, part, why_zh, why_en in self.tails_unread:
            say(
                Notice(
                    f"第 {row + 1} 行名称末尾的“{part}”读不出完成时限（{why_zh}），名称照原样保留，"
                    "其中的责任单位、完成时限等没有读取；请核对，可在表格里改正后重新导入，"
                    "或导入后用 plan edit 补上。",
                    f"The end of row {row + 1}'s title, {part!r}, gives no deadline that can be "
                    f"read ({why_en}): the title is kept as written and nothing is read from "
                    "it; correct it in the table and import again, or use plan edit.",
                )
            )
        if self.progress_notes and note is not None:
            cells_zh, cells_en = _first_ten(self.progress_notes)
            count = len(self.progress_notes)
            say(
                Notice(
                    f"“{note}”一栏只写了百分数的 {count} 格读作进度（progress）：{cells_zh}。",
                    f"{count} {'cell' if count == 1 else 'cells'} of {note!r} holding a "
                    f"percentage alone {'is' if count == 1 else 'are'} read as progress: "
                    f"{cells_en}.",
                )
            )
        if self.status_notes and note is not None:
            say(_status_notes(self.status_notes, note))
        if self.finished_words and note is not None:
            say(_finished_words(self.finished_words, note))
        if self.skipped:
            listed = "；".join(f"第 {r + 1} 行 {shown_value(t)}" for r, t in self.skipped)
            listed_en = "; ".join(f"row {r + 1} {shown_value(t)}" for r, t in self.skipped)
            say(
                Notice(
                    f"这些行不是任务（合计、说明、重复的表头或只有序号），没有导入：{listed}。",
                    f"These rows are not tasks (totals, notes, the header again, or a number "
                    f"alone) and were not imported: {listed_en}.",
                )
            )
        return out


def _hidden_rows(rows: list[int], ids: dict[int, str]) -> Notice:
    """Rows hidden in Excel (by hand, in a collapsed group, or by a filter) that were imported:
    hiding is not deleting, but what an office hid may be what it did not mean to hand over."""
    shown = rows[:10]
    more = len(rows) - len(shown)
    zh = "、".join(f"第 {r + 1} 行" + (f"（事项 {ids[r]}）" if r in ids else "") for r in shown)
    en = ", ".join(f"row {r + 1}" + (f" (item {ids[r]})" if r in ids else "") for r in shown)
    zh += f" 等 {len(rows)} 行" if more else ""
    en += f" and {more} more" if more else ""
    example = quote(next((ids[r] for r in shown if r in ids), "1"))
    return Notice(
        f"这些行在表格中是隐藏的（或被筛选隐藏），仍照常导入了：{zh}。隐藏不等于删除；"
        f"如果它们不该在计划里，用 plan rm 编号 删去（如 plan rm {example}），"
        "或在 Excel 中取消隐藏、删去这些行后重新导入。",
        f"These rows are hidden in the sheet (or filtered out) and were imported all the same: "
        f"{en}. Hiding is not deleting: if they do not belong in the plan, remove them with "
        f"plan rm ID (e.g. plan rm {example}), or unhide and delete the rows in Excel and "
        "import again.",
    )


def _hidden_columns(columns: list[int], keys: dict[int, str], title: int | None) -> Notice:
    """Columns hidden in Excel whose cells were read into the plan (a column without a
    header is kept under its letter). The --map that leaves one out names a column with a
    header (--map takes a header's name), never the title's (without it no header is found)."""
    zh = "、".join(
        f"{column_letter(c)} 列" + (f"“{keys[c]}”" if c in keys else "") for c in columns
    )
    en = ", ".join(column_letter(c) + (f" {keys[c]!r}" if c in keys else "") for c in columns)
    # (--map names a column by its header: of two columns of one name, no one of them)
    names = [re.sub(r"（[A-Z]+列）$", "", key) for key in keys.values()]
    named = next(
        (keys[c] for c in columns if c in keys and c != title and names.count(keys[c]) == 1),
        None,
    )
    skip_zh = f"重新导入时加 --map {named}=skip 不导入这一列，或" if named else ""
    skip_en = f"import again with --map {named}=skip to leave a column out, or " if named else ""
    return Notice(
        f"这些列在表格中是隐藏的，仍照常导入了（作为事项的字段）：{zh}。隐藏不等于删除；"
        f"如果它们不该在计划里，{skip_zh}在 Excel 中取消隐藏、删去这些列后重新导入。",
        f"These columns are hidden in the sheet and were imported all the same (as fields of "
        f"the items): {en}. Hiding is not deleting: if they do not belong in the plan, "
        f"{skip_en}unhide and delete the columns in Excel and import again.",
    )


def _words_for_targets(found: list[tuple[int, str, float | None]]) -> Notice:
    """Targets of words with no number (十批次, 批次), kept as words: a figure reported beside
    one counts for nothing."""
    from ..texts import format_number

    shown = found[:10]  # (a ledger of 200 such rows: ten said, and how many, as of others)
    more = len(found) - len(shown)
    zh = "；".join(
        f"第 {row + 1} 行“{words}”"
        + (f"（完成值 {format_number(actual)}）" if actual is not None else "")
        for row, words, actual in shown
    ) + (f" 等 {len(found)} 行" if more else "")
    en = "; ".join(
        f"row {row + 1} {words!r}"
        + (f" (actual {format_number(actual)})" if actual is not None else "")
        for row, words, actual in shown
    ) + (f" and {more} more" if more else "")
    return Notice(
        f"目标值里没有数字（要用阿拉伯数字写），只保留了原文（target_text），没有目标值：{zh}。"
        "这些任务的完成值不计入完成率，完成率按进度计；要按完成值计，把目标值用阿拉伯数字写"
        "（如 10批次）后重新导入，或导入后用 plan edit 编号 --target 数字 设上目标值。",
        f"Target(s) with no number in them (a number is written in digits) were kept as words "
        f"(target_text) and set no target: {en}. A figure reported for these tasks does not "
        "count in their completion, which is their progress: to count it, write the target in "
        "digits (10批次) and import again, or set it after with plan edit ID --target NUMBER.",
    )


def _first_ten(cells: list[str]) -> tuple[str, str]:
    """The first ten cells said, and how many there are in all where there are more (zh, en)."""
    shown, more = cells[:10], len(cells) - 10
    zh = "、".join(shown) + (f" 等 {len(cells)} 个" if more > 0 else "")
    en = ", ".join(shown) + (f" and {more} more" if more > 0 else "")
    return zh, en


def _serial_dates(cells: list[tuple[str, object, dt.date]]) -> Notice:
    """Cells that hold a day as Excel's number for it (a date cell formatted as General), read
    as that day: said, for a number may be a slip."""
    ordered = sorted(cells, key=lambda cell: address_order(cell[0]))
    zh, en = _first_ten([f"{a} {shown_value(v)} → {d.isoformat()}" for a, v, d in ordered])
    return Notice(
        "这些单元格是一个数字，按 Excel 的日期序号读作日期（单元格设为“常规”格式的日期就是这样）："
        f"{zh}；请核对。",
        "These cells hold a number, read as the day Excel numbers so (a date cell formatted as "
        f"General holds one): {en}; check them.",
    )


def _formula_figures(cells: list[tuple[str, str, object]]) -> Notice:
    """Figures a formula gave, read as the value the spreadsheet saved: said, for a formula over
    the wrong cell gives a figure no one typed (LibreOffice saves =B2*2 over text as 0)."""
    ordered = sorted(cells, key=lambda cell: address_order(cell[0]))
    zh, en = _first_ten([f"{a} {f} → {shown_value(v)}" for a, f, v in ordered])
    return Notice(
        f"这些数字是公式算出的，导入的是表格保存的计算结果：{zh}；请核对（公式引用错了格子时，"
        "结果可能是 0）。",
        f"These figures are a formula's, imported as the result the workbook saved: {en}; "
        "check them (a formula over the wrong cell can give 0).",
    )


def _title_tails(rows: list[int]) -> Notice:
    """Rows whose titles ended with who answers for the task and by when, read into their
    fields: said, for the office to check what was taken off its titles."""
    shown = "、".join(str(r + 1) for r in rows[:10]) + (f" 等 {len(rows)} " if rows[10:] else " ")
    listed = (  # rows 4, 5 … 20 and 4 more
        f"rows {', '.join(str(r + 1) for r in rows[:10])} and {len(rows) - 10} more"
        if rows[10:]
        else _rows_en(rows)
    )
    return Notice(
        f"第 {shown}行的名称末尾写有责任领导、责任单位、完成时限等（如“（责任单位：…；完成时限：…）”），"
        "已读入相应的栏目，并从名称中去掉；请核对。",
        f"The {'title' if len(rows) == 1 else 'titles'} of {listed} "
        f"{'ends' if len(rows) == 1 else 'end'} with who answers for the task or its "
        "deadline (（责任单位：…；完成时限：…）): read into those fields and taken off "
        f"{'the title' if len(rows) == 1 else 'the titles'}; please check.",
    )


def ledger_lights(columns: list[Column]) -> Notice | None:
    """A 亮灯情况 column, the ledger's own lights, kept as written beside the plan's."""
    names = [c.name for c in columns if c.field == "keep" and bare_name(c.name) in LEDGER_LIGHTS]
    if not names:
        return None
    zh = "、".join(f"“{name}”" for name in names)
    return Notice(
        f"{zh}是台账填报时的红黄绿灯，已原样保留为事项的同名字段；计划的红黄绿灯由 plan status "
        "按序时进度算出，可与之对照。",
        f"{_and([repr(n) for n in names])} {'is' if len(names) == 1 else 'are'} the ledger's "
        "own lights on the day it was filled in: kept as written, a field of the same name on "
        "each item; the plan works out its own (plan status), by the expected progress.",
    )


def _recurring_dues(dues: list[tuple[int, str, object, str]]) -> Notice:
    """Deadlines that come round again, read as their last time in the period (or none)."""
    zh, _ = _first_ten(
        [
            f"第 {r + 1} 行“{cell_words(w)}”→ {_due_shown(d, '常态化，无完成时限')}"
            for r, w, d, _ in dues
        ]
    )
    _, en = _first_ten(
        [
            f"row {r + 1} {cell_words(w)!r} → {_due_shown(d, 'standing work, no deadline')}"
            for r, w, d, _ in dues
        ]
    )
    key = dues[0][3]  # (完成时限原文, "Deadline (as written)")
    return Notice(
        "这些完成时限是周期性的，读作本期最后一次（每周、每天的读作常态化工作，没有完成时限），"
        f"原文保留在“{key}”：{zh}。每期的要求可写进时间节点；请核对。",
        "These deadlines recur: read as the last time in the plan's period (weekly or daily "
        f"work as standing work, with no deadline), the words kept under {key!r}: "
        f"{en}. Each period's due can go in a milestone; please check.",
    )


def _due_shown(due: object, none: str) -> str:
    return none if due is None else due.isoformat() if isinstance(due, dt.date) else str(due)


def _counted_dues(dues: list[tuple[int, str, dt.date, dt.date, str]]) -> Notice:
    """办结时限 written as a count from the 交办日期 (15个工作日内), read as the day it ends."""
    shown = dues[:5]
    zh = "；".join(
        f"第 {r + 1} 行“{w}”从 {g.isoformat()} 算起为 {d.isoformat()}" for r, w, g, d, _ in shown
    )
    en = "; ".join(
        f"row {r + 1}, {w!r} from {g.isoformat()}: {d.isoformat()}" for r, w, g, d, _ in shown
    )
    more_zh = f" 等 {len(dues)} 处" if dues[5:] else ""
    more_en = f" and {len(dues) - 5} more" if dues[5:] else ""
    workdays = [(g, d) for _, _, g, d, unit in dues if unit == "workdays"]
    how_zh = how_en = ""
    if workdays:
        from ..workdays import unscheduled_years

        how_zh = "（工作日按国务院办公厅的节假日安排计：法定节假日不计，调休上班的周末计入"
        how_en = " (workdays by the State Council's holiday notices: public holidays left out, weekend days worked counted"
        years = sorted({year for g, d in workdays for year in unscheduled_years(g, d)})
        if years:
            how_zh += (
                f"；本版本没有 {'、'.join(map(str, years))} 年的节假日安排，该年按周一至周五计，"
                "如有放假或调休，请升级 quanhu-plan，或在计划文件的 [plan.workdays] 里写上该年的"
                "放假日（off）和调休上班日（worked）后用 plan edit --due 重新推算"
            )
            how_en += (
                f"; this version has no notice for {', '.join(map(str, years))}, counted Monday "
                "to Friday: if that year has holidays or days worked, upgrade quanhu-plan, or "
                "write its days off and worked in the plan file's [plan.workdays] (off, worked) "
                "and count again with plan edit --due"
            )
        how_zh, how_en = how_zh + "）", how_en + ")"
    return Notice(
        f"办结时限按交办日期推算为完成时限：{zh}{more_zh}{how_zh}"
        + "；请核对，需要时用 plan edit --due 改正。",
        f"Deadlines counted from the day the matter was given: {en}{more_en}{how_en}"
        + "; please check, and correct with plan edit --due where needed.",
    )


def _telephones(rows: list[int]) -> Notice:
    """Rows whose 责任单位 or 责任人 gave a telephone number, kept apart from the names."""
    shown = "、".join(str(r + 1) for r in rows[:10]) + (f" 等 {len(rows)} " if rows[10:] else " ")
    listed = (
        f"rows {', '.join(str(r + 1) for r in rows[:10])} and {len(rows) - 10} more"
        if rows[10:]
        else _rows_en(rows)
    )
    return Notice(
        f"第 {shown}行的责任单位或责任人写有电话号码，号码不作为单位或人名，"
        "已作为事项的“联系电话”保留；请核对。",
        f"The responsible unit or person of {listed} gave a telephone number: kept as the "
        "task's 联系电话 (telephone), not as a unit or a person; please check.",
    )


def _tails_alone(rows: list[int]) -> Notice:
    """Rows holding only who answers and by when, as a 工作要点 writes them on a line of
    their own after a task's points: imported as written, with the way to give them to their
    task."""
    shown = "、".join(str(r + 1) for r in rows)
    return Notice(
        f"第 {shown} 行只写了责任单位、完成时限等，没有任务名称，已照原样导入为一项任务：请在表格里"
        "把它接在所属任务的名称后面，重新导入；或导入后用 plan rm 删去这一项，"
        "用 plan edit 给所属任务补上。",
        f"{_rows_en(rows).capitalize()} {'holds' if len(rows) == 1 else 'hold'} only who "
        "answers for a task and by when, with no "
        "title: imported as written, as a task. Put it after the title of the task it belongs "
        "to and import again, or remove it with plan rm and give its task those fields with "
        "plan edit.",
    )


def _columns_and_rows(keys: list[str], rows: list[int]) -> tuple[str, str, str, str]:
    """The columns (“形象进度”等 3 列) and the rows (第 3、4 等 12 行; 0-based ``rows``) a notice
    of many cells names, in Chinese and English: the first ten rows, then their count."""
    columns = f"“{keys[0]}”" + (f"等 {len(keys)} 列" if len(keys) > 1 else "列")
    columns_en = repr(keys[0]) + (f" and {len(keys) - 1} more columns" if len(keys) > 1 else "")
    shown = "、".join(str(r + 1) for r in rows[:10]) + (f" 等 {len(rows)} " if rows[10:] else " ")
    shown_en = (
        f"rows {', '.join(str(r + 1) for r in rows[:10])} and {len(rows) - 10} more"
        if rows[10:]
        else _rows_en(rows)
    )
    return columns, columns_en, shown, shown_en


def _period_words(cells: list[tuple[int, str]]) -> Notice:
    """Period columns' words that recur, each the note of its period's milestone."""
    keys = list(dict.fromkeys(key for _, key in cells))
    rows = sorted({row for row, _ in cells})
    columns, columns_en, shown, shown_en = _columns_and_rows(keys, rows)
    if len(keys) > 1:
        columns_en += " (milestones) hold"
    else:
        columns_en = f"column {columns_en} (milestones) holds"
    return Notice(
        f"{columns}（时间节点）第 {shown}行写的是周期性或持续性的工作要求，不是进度"
        "（如“每月”“持续推进”）：记作该期时间节点的说明，不计进度，也不读成数字。",
        f"{columns_en} recurring or ongoing work on {shown_en} "
        "(such as 每月, 持续推进), not progress: kept as that period's note, with no share "
        "or figure due.",
    )


def _milestone_words(cells: list[tuple[str, str, str]]) -> Notice:
    """Milestone cells kept as words, said once: a 推进表's 形象进度 holds words in most of its
    cells (完成设计, 开工建设), and an address each ran to lines of stderr (a CSV's sheet name
    before every one). The columns, the count, one cell as an example, and the rows."""
    ordered = sorted(cells, key=lambda cell: address_order(cell[0]))
    keys = list(dict.fromkeys(key for _, key, _ in ordered))
    rows = sorted({address_order(address)[0] - 1 for address, _, _ in ordered})
    example = next((text for _, _, text in ordered if not text.endswith("%")), ordered[0][2])
    example = example if len(example) <= 20 else cut_before(example, 19) + "…"  # a cell, not a page
    columns, columns_en, shown, shown_en = _columns_and_rows(keys, rows)
    n = len(ordered)
    return Notice(
        f"{columns}（时间节点）有 {n} 格不是进度百分数或与目标同单位的数字"
        f"（如“{example}”）或在分类行上，没有读成时间节点，原样保留在同名字段里（第 {shown}行）。",
        f"{n} {'cell' if n == 1 else 'cells'} of {columns_en} (milestones) "
        f"{'is' if n == 1 else 'are'} neither a percent nor a figure in the target's unit "
        f"(such as {example!r}), or on a category row: not read as milestones, kept as "
        f"written under the column's name ({shown_en}).",
    )


def _status_notes(read: list[tuple[int, str, str, str]], note: str) -> Notice:
    """完成情况 cells read as the status they say alone: each task named with its status and
    the words, and the way back from a tick-off that is not so."""
    from ..texts import status_label

    rows = "、".join(str(row + 1) for row, _, _, _ in read)
    rows_en = _rows_en([row for row, _, _, _ in read])
    zh = "；".join(f"{i} {status_label('zh', s)}（“{w}”）" for _, i, s, w in read)
    en = "; ".join(f"{i} {status_label('en', s)} ({w!r})" for _, i, s, w in read)
    done = [i for _, i, s, _ in read if s == "done"]
    back_zh = (
        f"读错的已完成任务，用 plan reopen 编号改回（如 plan reopen {done[0]}）。" if done else ""
    )
    back_en = f" Where one is not done, reopen it: plan reopen {done[0]}." if done else ""
    return Notice(
        f"第 {rows} 行的“{note}”只写了状态，已读作任务的状态：{zh}。{back_zh}",
        f"The {note!r} of {rows_en} is a status alone, read as the task's status: {en}.{back_en}",
    )


def _finished_words(found: list[tuple[int, str, str]], note: str) -> Notice:
    """完成情况 cells speaking of completion in more words than a status: no status read from
    them (a part, or a step, may be what is done), the words kept as the task's note."""
    rows = "、".join(str(row + 1) for row, _, _ in found)
    ids = " ".join(i for _, i, _ in found)
    example = found[0][2] if len(found[0][2]) <= 20 else cut_before(found[0][2], 19) + "…"
    return Notice(
        f"第 {rows} 行的“{note}”写到完成（如“{example}”），但不只是一个状态，没有据此销号，"
        f"原文作为进展情况保留；确已完成的，用 plan done {ids} --on 完成日期 销号。",
        f"The {note!r} of {_rows_en([row for row, _, _ in found])} speaks of completion "
        f"(such as {example!r}) in more words than a status: not ticked off, the words kept as "
        f"the progress note; where a task is done, tick it off: plan done {ids} --on DAY.",
    )


def _and(names: list[str]) -> str:
    """'A', 'A' and 'B', 'A', 'B' and 'C'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _titles_merged(merged: list[tuple[int, list[int], str, list[str]]], name: str) -> Notice:
    """Titles left blank read as the one above merged down over them: said, since a title
    only forgotten (a row of its own 序号) reads the same; and the cells beside it given to
    those rows with it (责任科室, 资金来源 on the first road's row alone)."""
    zh = "；".join(
        f"第 {'、'.join(str(r + 1) for r in rows)} 行的“{name}”空着，读作第 {row + 1} 行“{title}”"
        "下的任务" + (f"，同行的{'、'.join(f'“{c}”' for c in beside)}也一并补上" if beside else "")
        for row, rows, title, beside in merged
    )
    en = "; ".join(
        f"{_rows_en(rows)} with no {name!r} {'is' if len(rows) == 1 else 'are'} read as "
        f"{'a task' if len(rows) == 1 else 'tasks'} under row {row + 1}'s {title!r}"
        + (f", given its {_and([repr(c) for c in beside])} too" if beside else "")
        for row, rows, title, beside in merged
    )
    return Notice(
        f"{zh}（合并单元格取消合并、或另存为 CSV 后就是这样）。如果是漏填了名称，请在表格里补上后"
        "重新导入。",
        f"{en[:1].upper()}{en[1:]} (as a merged cell is left once unmerged or saved as CSV). "
        "If a title was left out, write it in the table and import again.",
    )


def _rows_en(rows: list[int]) -> str:
    """Row 17, rows 17 and 18 (``rows`` counted from 0)."""
    numbers = [str(r + 1) for r in rows]
    return f"row {numbers[0]}" if len(numbers) == 1 else f"rows {_and(numbers)}"


def _completion_over_figure(name: str, cells: list[tuple[str, float, object]]) -> Notice:
    shown = sorted(cells, key=lambda cell: address_order(cell[0]))
    zh = "；".join(f"{a} 是 {_typed(t)}%，按完成值算是 {f}%" for a, t, f in shown)
    en = "; ".join(f"{a} says {_typed(t)}%, the actual gives {f}%" for a, t, f in shown)
    return Notice(
        f"这些任务的“{name}”由目标值和完成值算出，表中与完成值不符的{name}没有导入（以完成值为准）："
        f"{zh}。改了{name}而没改完成值的，请改“完成值”后重新导入。",
        f"These tasks' {name!r} is computed from their target and actual; where the table's "
        f"does not match the actual it was not imported (the actual counts): {en}. Where the "
        f"{name!r} was changed and the actual not, change the actual and import again.",
    )


def _typed(value: float) -> str:
    """A percent as typed: 80, 62.5."""
    return f"{value:g}"
