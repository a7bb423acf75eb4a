"""What ``plan check`` points out without refusing the file (warnings, not problems): deadlines,
starts and milestones outside the plan's period or out of order, a county task number on two
items. Pure: no I/O. What a file may not hold at all is validate.py's."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .answering import stated_count
from .errors import Problem
from .model import (
    ITEM_FIELDS,
    LOG_FIELDS,
    METRIC_FIELDS,
    PLAN_FIELDS,
    TASK_STATE_FIELDS,
    implied_parent,
    smaller_is_better,
)
from .periods import outside_year, period_in_year, span_of
from .shell_words import quote
from .validate import YEARS, is_date, is_number


def plan_warnings(
    doc: dict[str, Any], today: dt.date | None = None, *, counts: bool = True
) -> list[Problem]:
    """What ``plan check`` points out without refusing the file: a period outside the plan's
    year, a deadline or a start outside the plan's period, a start after the deadline, a milestone after its task's deadline, a
    county task number (``key``) on two items, a field that is most likely a slip for one the
    plan knows (``progres = 50``: kept, but the task shows no progress), a trace entry of a
    fact dated after ``today`` (the clock's, given by the caller) or long before the plan
    starts (``_entry_days``), a part's title counting more or fewer tasks than are under it
    (``counts``: plan import says it of the sheet's rows already)."""
    found_meta = doc.get("plan")
    meta: dict[str, Any] = found_meta if isinstance(found_meta, dict) else {}
    year = meta.get("year")
    start = meta.get("start") if is_date(meta.get("start")) else None
    end = meta.get("end") if is_date(meta.get("end")) else None
    if isinstance(year, int) and YEARS[0] <= year <= YEARS[1]:
        start = start or dt.date(year, 1, 1)
        end = end or dt.date(year, 12, 31)
    warnings: list[Problem] = []
    if start and end and isinstance(year, int) and not period_in_year(year, start, end):
        # Pace and deadlines run in the period; the report and plan county file it by its year.
        field = "start" if start.year != year else "end"
        apart = outside_year(year, start, end)
        words = {"zh": apart["zh"] + "。", "en": apart["en"] + "."}
        warnings.append(Problem(None, field, meta.get(field), words))
    from .controls import visible_key  # (a key named on one line: owner\n)

    for field in [f for f in meta if f not in _KNOWN_HEADER]:  # organization for organisation
        meant = _meant_field(field, _HEADER_FIELDS)
        if meant is not None:
            warnings.append(
                Problem(
                    None,
                    field,
                    meta.get(field),
                    {
                        "zh": f"计划表头的 {visible_key(field)} 不是计划的字段，原样保留但不起作用；"
                        f"是不是要写 {meant}？",
                        "en": f"{visible_key(field)} in the plan's header is not a field of a "
                        "plan: it is "
                        f"kept as it is but does nothing; was {meant} meant?",
                    },
                )
            )
    keys: dict[str, str] = {}  # a county task number -> the first item that has it
    found_items = doc.get("item")
    tables: list[Any] = found_items if isinstance(found_items, list) else []
    goal_ids = {_parent_id(table) for table in tables if isinstance(table, dict)}
    shape: list[dict[str, list[str]]] = []  # the tree, where a title counts its tasks
    for index, table in enumerate(tables):
        if not isinstance(table, dict):
            continue
        item_id = table.get("id") if isinstance(table.get("id"), str) else None

        def warn(
            field: str,
            zh: str,
            en: str,
            table: dict[str, Any] = table,
            item_id: str | None = item_id,
            index: int = index,
        ) -> None:
            found = table.get(field)
            warnings.append(Problem(item_id, field, found, {"zh": zh, "en": en}, index))

        if item_id and not item_id.isascii() and _WIDE_NUMBERING.search(item_id):
            plain = item_id.translate(_NARROW_NUMBERING)
        else:
            plain = None
        if plain is not None and not any(  # (an id that is another's once typed: refused)
            isinstance(other, dict) and other.get("id") == plain for other in tables
        ):
            warn(
                "id",
                f"编号 {item_id} 用了全角的数字或点（中文输入法打出的），不按层级排在上级下面，"
                f'输入 {plain} 也找不到它；是不是要写 id = "{plain}"？',
                f"the id {item_id} has full-width digits or dots (typed with a Chinese input "
                f"method): it is not placed under a parent, and {plain} typed does not find it; "
                f'was id = "{plain}" meant?',
            )
        for field in [f for f in table if f not in _KNOWN_FIELDS]:  # (most tables: none)
            meant = _meant_field(field, ITEM_FIELDS, table, table[field])
            if meant is not None:
                warn(
                    field,
                    # (a key of a line break of its own, "owner\n", named on one line: \n)
                    f"字段 {visible_key(field)} 不是计划的字段，原样保留但不起作用；是不是要写 "
                    f"{meant}？",
                    f"{visible_key(field)} is not a field of a plan: it is kept as it is but does "
                    f"nothing; was {meant} meant?",
                )
            elif isinstance(table[field], dict) and (put := _fields_put_in(table[field])):
                # [item.extra] status = "done": a field of the item typed in a table of its own
                warn(field, *_fields_put_in_words(field, item_id, put))
            elif isinstance(table[field], str) and _names_a_note(field):
                # 进展 typed as a field of the item: kept, a column of its own, no 进展情况
                to = f"plan note {quote(item_id)} " if item_id else "plan note 编号 "
                warn(
                    field,
                    f"字段 {field} 原样保留，但它不是进展情况：推进情况表的进展情况栏、年终总结和 "
                    "plan log 都不用它。进展情况记在事项的 [[item.log]] 里，请用 "
                    f'{to}"…" --on 日期 记下（或手写一条 [[item.log]]，写 on 和 note），'
                    "再删去这一行。",
                    f"{field} is kept, but it is no progress note: the export's progress "
                    "column, the year-end report and plan log do not use it. A progress note "
                    f"goes in the item's [[item.log]]: record it with "
                    f'{to.replace("编号", "ID")}"…" --on DATE (or write a [[item.log]] entry '
                    "with on and note by hand), then delete this line.",
                )
        if isinstance(table.get("log"), list):
            warnings.extend(_log_warnings(table["log"], item_id, index))
        if (
            counts
            and item_id
            and item_id in goal_ids
            and (said := _count_said(table, item_id, tables, shape))
        ):
            warn("title", *said)
        key = table.get("key")
        if isinstance(key, str) and key.strip():
            from .inputs import same_key

            plain = same_key(key)  # as plan county --key compares
            if plain in keys:
                warn(
                    "key",
                    f"县级任务编号 {key} 已用于事项 {keys[plain]}；plan county --key 会把两项都列出。",
                    f"the county's task number {key} is on item {keys[plain]} too; "
                    "plan county --key lists both.",
                )
            else:
                keys[plain] = str(item_id)
        typed: Any = table.get("progress")
        if is_number(typed) and 0 < typed < 1:
            # 0.8 as a spreadsheet holds 80% (copied from a cell shown as a percent)
            from .texts import format_number

            shown, percent = format_number(typed), format_number(typed * 100)
            warn(
                "progress",
                f"进度 {shown} 是 {shown}%（进度按百分数写，0 到 100）；如果是 {percent}%，"
                f"请写 progress = {percent}。",
                f"a progress of {shown} is {shown}% (a progress is a percent, 0 to 100); for "
                f"{percent}%, write progress = {percent}.",
            )
        stated = range_stated(table)
        if stated is not None:
            # 20-25个 is met anywhere in it (its least the target, as plan import reads it;
            # its most where less is better): a target of its other end counts 22 as 88%,
            # short of a target the ledger shows as met (目标值/完成值 20-25个/22个).
            from .texts import format_number

            words, meant = table["target_text"], format_number(stated)
            typed_target = format_number(table["target"])
            end_zh, end_en = ("上限", "most") if smaller_is_better(table) else ("下限", "least")
            warn(
                "target",
                f"目标原文“{words}”是一个区间，目标值应为区间的{end_zh} {meant}（达到区间即达到目标，"
                f"导入时也这样读）；现在的目标值 {typed_target} 使完成率按 {typed_target} 计算。"
                f"请改为 target = {meant}。",
                f"the target's words “{words}” state a range, whose {end_en}, {meant}, is the "
                f"target (anywhere in the range meets it, as an import reads it); completion is "
                f"now reckoned against {typed_target}. Write target = {meant}.",
            )
        if table.get("status") == "todo" and is_number(typed) and typed > 0:
            # A status written stays (docs/format.md): 未开始 beside 完成率60% in every view.
            from .texts import format_number

            warn(
                "status",
                f"状态写的是未开始（todo），但进度为 {format_number(typed)}%：各处都显示为"
                "未开始。已开工的请改为 doing，或删去 status（有进度即为进行中）。",
                f"the status is todo (not started) but the progress is "
                f"{format_number(typed)}%: it reads not started everywhere. Write doing, or "
                "leave the status out (progress makes it in progress).",
            )
        reached = work_done_words(table, today) if table.get("status") == "blocked" else None
        if reached and item_id not in goal_ids:
            # 受阻 stays as the office set it (funds, acceptance may still be missing), but
            # beside 完成率100% in every view it is to be looked at: resolved, or what is missing.
            to = quote(item_id) if item_id else "ID"
            warn(
                "status",
                f"状态写的是受阻（blocked），但{reached[0]}：各处仍显示为受阻，"
                f"总结列入存在的问题。受阻已解决的，核实后用 plan done {to} 销号，或用 plan start "
                f"{to} 改回进行中；仍受阻的，可用 plan note {to} 写明还差什么。",
                f"the status is blocked, but {reached[1]}: it reads blocked everywhere "
                f"and the report lists it among the problems. If the block is resolved, check "
                f"and tick it off with plan done {to}, or set it back in progress with plan start "
                f"{to}; if not, say what is still missing with plan note {to}.",
            )
        own = [field for field in TASK_STATE_FIELDS if field in table]
        if own and item_id in goal_ids:
            # plan show lists them as written, while every figure is its tasks' (and plan
            # done/drop/progress refuse a goal): 状态 已完成 beside 完成率20%.
            from .texts import label

            names = [label("en", field).lower() for field in own]
            warn(
                own[0],
                f"事项 {item_id} 是目标（其下有事项），它自己的"
                f"{'、'.join(label('zh', field) for field in own)}不起作用：目标的状态和完成率由"
                f"其下的任务汇总而来，各处都按任务计（plan show 标为不计入），可在文件里删去；要销号或取消，请对其下的任务操作"
                f"（plan list --part {quote(str(item_id))}）。",
                f"item {item_id} is a goal (items are under it): its own {_listed(names)} "
                f"{'does' if len(own) == 1 else 'do'} nothing, since a goal's status and "
                f"completion come from its tasks in every view (plan show marks "
                f"{'it' if len(own) == 1 else 'them'} not counted), and may be deleted from the "
                "file; to tick off or drop, change its "
                f"tasks (plan list --part {quote(str(item_id))}).",
            )
        log = table.get("log")
        if isinstance(log, list) and item_id is not None:
            warnings.extend(_entry_days(log, item_id, index, (start, end), today))
        if "milestone" in table and item_id in goal_ids:
            # Pace, and the 时间节点 status warns of, are each task's: a goal's own do nothing.
            warn(
                "milestone",
                f"事项 {item_id} 是目标（其下有事项），它自己的时间节点不起作用：序时进度和到期提醒"
                f"按其下每项任务自己的时间节点计；请写在任务上（plan list --part {quote(str(item_id))}），"
                "或从目标删去。",
                f"item {item_id} is a goal (items are under it): its own milestones do nothing, "
                "since pace and the milestone reminders follow each task's own; set them on its "
                f"tasks (plan list --part {quote(str(item_id))}), or delete them from the goal.",
            )
        due_span = span_of(table.get("due"))
        start_span = span_of(table.get("start"))
        if due_span and start and due_span[1] < start:
            warn(
                "due",
                f"完成时限早于计划开始 {start}。",
                f"the deadline is before the plan starts ({start}).",
            )
        if due_span and end and due_span[1] > end:
            warn(
                "due",
                f"完成时限晚于计划结束 {end}。",
                f"the deadline is after the plan ends ({end}).",
            )
        if start_span and end and start_span[0] > end:
            warn(
                "start",
                f"开工日期晚于计划结束 {end}。",
                f"the start is after the plan ends ({end}).",
            )
        if start_span and due_span and start_span[0] > due_span[1]:
            warn("start", "开工日期晚于完成时限。", "the start is after the deadline.")
        milestones = table.get("milestone")
        last = due_span[1] if due_span else end  # without a deadline: the plan's end
        first = start_span[0] if start_span else start
        percents: list[tuple[dt.date, Any]] = []
        for milestone in milestones if isinstance(milestones, list) else []:
            span = span_of(milestone.get("due")) if isinstance(milestone, dict) else None
            if span is None:
                continue
            due_words = milestone.get("due")
            if last and span[1] > last:
                warn(
                    "milestone",
                    f"时间节点 {due_words} 晚于完成时限。",
                    f"the milestone {due_words} is after the deadline.",
                )
            if first and span[1] <= first:
                warn(
                    "milestone",
                    f"时间节点 {due_words} 不晚于开工或计划开始（{first}），不起作用。",
                    f"the milestone {due_words} is not after the start ({first}); it has no effect.",
                )
            if "value" in milestone and not is_number(table.get("target")):
                warn(
                    "milestone",
                    f"时间节点 {due_words} 写的是 value，但事项没有目标值（target），不起作用；"
                    "请改写 progress（进度%）或补上目标值。",
                    f"the milestone {due_words} gives a value but the item has no target, so it "
                    "has no effect; give a progress (percent) or a target.",
                )
            value: Any = milestone.get("value")
            target: Any = table.get("target")
            if is_number(value) and is_number(target) and value > target:
                from .texts import format_number

                # (where less is the aim, more is no aim; 0.30000000000000004, a sum a
                # spreadsheet made, is the target 0.3 as every view shows it: nothing beyond it)
                if not smaller_is_better(table) and format_number(value) != format_number(target):
                    warn(
                        "milestone",
                        f"时间节点 {due_words} 的数值 {format_number(value)} 超过目标值 "
                        f"{format_number(target)}，届时按达到目标值计（100%）：请核对目标值或"
                        "时间节点。",
                        f"the milestone {due_words} gives {format_number(value)}, beyond the "
                        f"target {format_number(target)}: it counts as the target reached (100%). "
                        "Check the target or the milestone.",
                    )
            if is_number(milestone.get("progress")):
                percents.append((span[1], milestone["progress"]))
        percents.sort(key=lambda point: point[0])
        if any(b[1] < a[1] for a, b in zip(percents, percents[1:], strict=False)):
            warn(
                "milestone",
                "时间节点的进度随时间下降（后一个低于前一个）。",
                "the milestones' progress falls over time (a later one is lower).",
            )
    return warnings


# The fields of a trace entry, and the actions the commands write (a hand-written note may say
# none: ``trace.note_rows``); a field a hand may name otherwise.
_LOG_KNOWN = frozenset(LOG_FIELDS)
_LOG_ALIASES = {"date": "on", "day": "on", "who": "by", "user": "by", "author": "by"}
_ACTION_WORDS = {"完成": "done", "进展情况": "note", "备注": "note"}  # beside the labels
# The actions the commands write: texts_changes.ACTION_LABELS's (kept in step by a test), and merge.
_ACTIONS = frozenset(
    (
        "note", "done", "reopen", "start", "block", "drop", "progress", "record", "add",
        "edit", "move", "remove", "undo", "carry", "resolve", "renumber", "merge",
    )
)  # fmt: skip


def _log_warnings(log: list[Any], item_id: str | None, index: int) -> list[Problem]:
    """A trace entry typed by hand with a field the trace does not read (notes for note, who
    for by: the entry shows without it) or an action no command writes (完成 for done: undo
    passes it by)."""
    warnings: list[Problem] = []
    actions = _ACTIONS
    known = _LOG_KNOWN
    for number, entry in enumerate(log):
        if type(entry) is not dict:
            continue
        action = entry.get("action")
        if (action is None or (type(action) is str and action in actions)) and known.issuperset(
            entry
        ):
            continue  # (every entry the commands wrote, at C speed)
        odd = [field for field in entry if field not in known]
        place = (("item", index), ("log", number))
        for field in odd:
            meant = _LOG_ALIASES.get(field.lower()) if isinstance(field, str) else None
            if meant is None:
                meant = _meant_field(field, LOG_FIELDS)
            if meant is None or meant in entry:
                continue
            zh = f"进展记录的字段 {field} 不是记录的字段，原样保留但不起作用；是不是要写 {meant}？"
            en = f"{field} is not a field of a trace entry: it is kept but does nothing; was {meant} meant?"
            warnings.append(
                Problem(item_id, field, entry[field], {"zh": zh, "en": en}, index, None, place)
            )
        if isinstance(action, str) and action not in actions:
            from .texts_changes import ACTION_LABELS

            named = {label: name for name, label in ACTION_LABELS["zh"].items()}
            meant = (named | _ACTION_WORDS).get(action.strip()) or _meant_field(
                action, tuple(sorted(actions))
            )
            plain = "、".join(sorted(actions - {"merge", "carry", "renumber", "resolve"}))
            zh = (
                f'action = "{action}" 不是哪条命令写的操作，plan undo 不认它（撤销不了）'
                + (f'；是不是要写 action = "{meant}"？' if meant else "")
                + f'（操作是 {plain} 之一；手写的进展记录写 action = "note" 或不写 action。）'
            )
            en = (
                f'action = "{action}" is no action a command writes: plan undo '
                "passes it by"
                + (f'; was action = "{meant}" meant?' if meant else "")
                + f" (an action is one of {plain.replace('、', ', ')}; a note written by "
                'hand says action = "note" or no action.)'
            )
            warnings.append(
                Problem(item_id, "action", action, {"zh": zh, "en": en}, index, None, place)
            )
    return warnings


# The entries that say a fact happened on their day (``on``): a note, a status change, a
# progress or a figure; an entry written by hand has no action. (Adding an item to a plan drawn
# up months ahead, a move or an edit, says nothing of the work.)
_FACTS = (None, "note", "progress", "record", "start", "done", "block", "drop", "reopen")
# How long before the plan starts a fact may have happened without a word: work begun in the
# weeks before (a December survey for next year's pond); a quarter and more before, the day is
# more likely a clock running behind or a year typed wrong (2022 on a 2024 plan).
EARLY_DAYS = 92
# How far past the day it was recorded a command's entry may be dated without a word from
# check: a tick-off due next week, recorded ahead on purpose (the command said so once). A
# month and more ahead, the month or the year is more likely a slip.
AHEAD_DAYS = 31


def _entry_days(
    log: list[Any],
    item_id: str,
    index: int,
    period: tuple[dt.date | None, dt.date | None],
    today: dt.date | None,
) -> list[Problem]:
    """An item's trace entries of a fact (``_FACTS``, not undone) dated after ``today``, which
    today's views count as the plan is now (``--as-of`` an earlier day leaves them out): typed
    by hand; or recorded by a command (stamped ``at``) for a day after the plan's ``end`` or
    more than AHEAD_DAYS after the day it was recorded (the command warned once as it wrote
    it; a day a week ahead, on purpose, said again on every check until it came, was noise,
    but a slip of the month or the year skews every view till then); or more than EARLY_DAYS
    before the plan's ``start``."""
    start, end = period
    found: list[Problem] = []
    for number, entry in enumerate(log):
        if not isinstance(entry, dict) or "undone" in entry or entry.get("action") not in _FACTS:
            continue
        on = entry.get("on")
        if not is_date(on) or isinstance(on, dt.datetime):
            continue
        place = (("item", index), ("log", number))
        if today is not None and on > today:
            why = _ahead_why(entry, on, end)
            if why is None:
                continue  # recorded by a command, which warned of the day as it wrote it
            # plan undo takes back the newest change, which by the time check is run is
            # likely another: named only for that case, and not for an entry typed by hand.
            by_command = isinstance(entry.get("at"), dt.datetime)
            undo = (
                (
                    "（若它是最近的一次修改，也可用 plan undo 撤销后重新填报）",
                    " (if it is the latest change, plan undo takes it back, then record it again)",
                )
                if by_command
                else ("", "")
            )
            texts = {
                "zh": f"这条记录的日期晚于今天（{today}）{why[0]}：今天的视图已把它算在现状里，按 "
                f"--as-of 查看 {on} 之前的日子时不计入。如果不是有意提前记下的，是不是月份或年份写错"
                f"了？请在计划文件里把它的 on 改为正确的日子{undo[0]}。",
                "en": f"the entry is dated after today ({today}){why[1]}: today's views count it "
                f"in the plan as it is, and --as-of a day before {on} leaves it out. Unless it "
                "was dated ahead on purpose, is the month or the year a slip? Correct its on in "
                f"the plan file{undo[1]}.",
            }
            found.append(Problem(item_id, "on", on, texts, index, None, place))
        elif start is not None and on < start - dt.timedelta(days=EARLY_DAYS):
            texts = {
                "zh": f"这条记录的日期早于计划开始 {start} 三个月以上：是不是电脑时钟慢了，或年份"
                "写错了？请改正 on。",
                "en": f"the entry is dated more than three months before the plan starts "
                f"({start}): was the computer's clock behind, or the year a slip? Correct "
                "its on.",
            }
            found.append(Problem(item_id, "on", on, texts, index, None, place))
    return found


def _ahead_why(entry: dict[str, Any], on: dt.date, end: dt.date | None) -> tuple[str, str] | None:
    """What makes an entry dated after today worth a word on every check, in words to follow
    "dated after today": ("", "") for one typed by hand (no ``at``: no command warned of it);
    for one a command recorded, a day after the plan's ``end``, or more than AHEAD_DAYS after
    the day it was recorded; else None."""
    at = entry.get("at")
    if not isinstance(at, dt.datetime):
        return ("", "")
    if end is not None and on > end:
        return (f"，也在计划期结束（{end}）之后", f" and after the plan's period ends ({end})")
    ahead = (on - at.date()).days
    if ahead > AHEAD_DAYS:
        return (
            f"，比录入那天（{at.date()}）晚 {ahead} 天",
            f", {ahead} days after the day it was recorded ({at.date()})",
        )
    return None


def work_done_words(table: dict[str, Any], today: dt.date | None) -> tuple[str, str] | None:
    """What says a task's work is done, in words (完成值 42处 已达到目标值 40处 / the progress
    is 100%), where its figure has reached its target or, without a figure, its progress is
    100%; None otherwise, and for a figure held all year before its deadline (held so far, not
    reached: ``records.limits_held``; with no ``today``, before it)."""
    from .model import held_all_year
    from .rollup import _ratio
    from .texts import format_number

    target: Any = table.get("target")
    actual: Any = table.get("actual")
    if is_number(target) and is_number(actual):
        if _ratio(target, actual, None, smaller_is_better(table)) != (1, 1):
            return None
        span = span_of(table.get("due"))
        if held_all_year(table) and (today is None or span is None or today < span[1]):
            return None
        unit = str(table.get("measure") or "")
        shown, aim = format_number(actual) + unit, format_number(target) + unit
        return (
            f"完成值 {shown} 已达到目标值 {aim}（完成率100%）",
            f"the figure {shown} has reached the target {aim} (100%)",
        )
    progress: Any = table.get("progress")
    if is_number(progress) and progress >= 100 and not is_number(actual):
        return ("进度为 100%", "the progress is 100%")
    return None


def _children(tables: list[Any]) -> dict[str, list[str]]:
    """The ids right under each id, of the file's item tables."""
    children: dict[str, list[str]] = {}
    for table in tables:
        if isinstance(table, dict) and isinstance(table.get("id"), str):
            parent = _parent_id(table)
            if parent is not None:
                children.setdefault(parent, []).append(table["id"])
    return children


def _count_said(
    table: dict[str, Any], item_id: str, tables: list[Any], shape: list[dict[str, list[str]]]
) -> tuple[str, str] | None:
    """A part whose title counts its tasks (（8项）, as the imported heading said) where
    neither the items right under it nor its tasks are that many now: a task added or removed
    since, and the title left as it was."""
    title = table.get("title")
    if not isinstance(title, str) or (found := stated_count(title)) is None:
        return None
    stated = int(found.group(1))
    if not shape:  # the tree, made once, where a title counts
        shape.append(_children(tables))
    children = shape[0]

    def count(node: str, seen: frozenset[str]) -> int:  # (an id that is its own parent: 1)
        if node not in children or node in seen:
            return 1
        return sum(count(child, seen | {node}) for child in children[node])

    under, tasks = len(children.get(item_id, [])), count(item_id, frozenset())
    if stated in (under, tasks):
        return None
    fixed = title[: found.start(1)] + str(tasks) + title[found.end(1) :]
    from .shell_words import quote

    command = f"plan edit {item_id} --title {quote(fixed)}"
    return (
        f"名称写明 {stated} 项，其下现有 {tasks} 项任务：请核对是否少了或多了任务；名称里的项数"
        f"要改的话：{command}",
        f"the title counts {stated} tasks, but {tasks} are under it now: check whether a task "
        f"is missing or extra; to change the count: {command}",
    )


def _parent_id(table: dict[str, Any]) -> str | None:
    """The id of the item ``table`` stands under, as the plan reads it ('' at the top)."""
    parent, item_id = table.get("parent"), table.get("id")
    if isinstance(parent, str):
        return parent
    return implied_parent(item_id) if isinstance(item_id, str) else None


def _listed(words: list[str]) -> str:
    """Words in an English list: status, progress and actual."""
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else words[0]


# Digits and dots of an id typed with a Chinese input method (５．５．１, 5。5。1); full-width
# brackets are the plan's own numbering ((（一）.2), and stay.
_WIDE = "０１２３４５６７８９．。"
_WIDE_NUMBERING = re.compile(f"[{_WIDE}]")
_NARROW_NUMBERING = str.maketrans(_WIDE, "0123456789..")
_KNOWN_FIELDS = frozenset(ITEM_FIELDS)
# The [plan] table's: its fields, and the tables it holds (``validate_header.check_meta``).
_HEADER_FIELDS = (*PLAN_FIELDS, "warning", "workdays", "conflict", "log")
_KNOWN_HEADER = frozenset(_HEADER_FIELDS)


def _fields_put_in(inner: dict[str, Any]) -> list[tuple[str, str]]:
    """The keys of a table under an item that the plan does not know (``[item.extra]``) which are
    the item's fields, or slips for them (ownr), each with the field meant: kept, they do
    nothing there. A key of the table's own (来源, a custom column) is none of them."""
    return [
        (key, meant)
        for key in inner
        if (meant := key if key in _KNOWN_FIELDS else _meant_field(key, ITEM_FIELDS)) is not None
    ]


def _fields_put_in_words(
    field: str, item_id: str | None, put: list[tuple[str, str]]
) -> tuple[str, str]:
    """What ``plan check`` says of ``_fields_put_in``: (zh, en)."""
    where = f"[item.{field}]"
    item = item_id or "?"
    keys = "、".join(key for key, _ in put)
    meant = "、".join(dict.fromkeys(m for _, m in put))
    return (
        f"{where} 是事项 {item} 下的一张表，其中的 {keys} 不是这个事项的字段，原样保留但不起作用；"
        f"要起作用，请直接写在 [[item]] 下（{meant}），再删去这张表里的这几行。",
        f"{where} is a table under item {item}: {', '.join(k for k, _ in put)} in it are no "
        f"fields of the item, kept as they are but doing nothing; for them to count, write "
        f"them in the [[item]] itself ({', '.join(dict.fromkeys(m for _, m in put))}) and "
        "delete those lines from the table.",
    )


def _meant_field(
    field: Any, known: tuple[str, ...], table: dict[str, Any] | None = None, value: Any = None
) -> str | None:
    """The field of ``known`` a field nobody knows is most likely a slip for (``progres``,
    ``Status``, ``organization``), or the field a Chinese name stands for ("责任人" for owner,
    ``field_named``) where ``table`` has not that field and its ``value`` is no mere words for a
    figure, or None: a field kept on purpose (an import's 备注, a second column of 联系人 beside 责任人's
    owner, a custom column, the words of a 1-6月完成 column: no figure) goes without a word."""
    if not isinstance(field, str) or field.endswith(" (as written)"):
        return None  # (an import's deadline words, "Deadline (as written)": kept on purpose)
    if field.lower() in known:
        return field.lower()
    from difflib import get_close_matches

    close = get_close_matches(field.lower(), known, n=1, cutoff=0.8)
    if close:
        return close[0]
    if value is True and _DATED_SLIPS.get(field.lower()) == "done_on":
        # done = true: a task ticked by hand, which ticked nothing (its status says)
        return None if (table or {}).get("status") == "done" else 'status = "done"'
    dated = _DATED_SLIPS.get(field.lower()) if isinstance(value, dt.date) else None
    if dated is not None and dated in known and dated not in (table or {}):
        return dated  # done = 2023-06-30: no date it is done, the task's list said nothing
    named = field_named(field)
    if named is None and field.isascii():  # dealine: a slip for a column's English name
        from .importing.headers import english_names, normalise

        close = get_close_matches(normalise(field), english_names(), n=1, cutoff=0.85)
        named = field_named(close[0]) if close else None
    if named == "milestone":
        # A period (3月, 一季度): the words a milestone column held (设计, 完工), which
        # plan import keeps under the column's header; no slip for the milestone table.
        return None
    if named is None or named not in known or named in (table or {}):
        return None
    if table is not None and named in _FIGURE_FIELDS and isinstance(value, str):
        if not any(char.isdigit() for char in value):
            return None  # words kept under a figure's column name: no slip for the figure
    return named


_FIGURE_FIELDS = frozenset(("progress", "weight", *METRIC_FIELDS))

# The names a date is written under by hand for the fields that hold one, too far from them
# for a slip of the keyboard (done is no slip for done_on to ``get_close_matches``).
_DATED_SLIPS = {
    **dict.fromkeys(
        ("done", "done_at", "done_date", "finish", "finished", "finished_on", "completed"),
        "done_on",
    ),
    **dict.fromkeys(("completed_on", "completion", "completion_date"), "done_on"),
    **dict.fromkeys(("due_on", "due_at", "end", "end_on", "ends", "until"), "due"),
    **dict.fromkeys(("start_on", "starts", "started_on", "begin", "begins"), "start"),
}


# A progress note typed by hand as a field of the item (a column plan import keeps beside the
# one it reads as 进展情况 has a longer name: 1-6月进展情况).
_NOTE_NAMES = frozenset(("note", "notes", "进展", "进展情况", "工作进展"))


def _names_a_note(field: Any) -> bool:
    """Whether a field of an item is named as a progress note is (note, "进展情况")."""
    return isinstance(field, str) and field.strip().lower() in _NOTE_NAMES


def field_named(name: str) -> str | None:
    """The plan's field a column name of a 任务分解表 or 工作台账 stands for (责任人 owner,
    完成时限 due, 进度 progress, deadline due: ``importing.headers``), as someone editing the
    file by hand may write it as a field's name; None for a name that is no field of an
    item's."""
    from .importing.headers import recognise  # (only for a name nobody knows: rarely)

    field, _ = recognise(name)
    return field if field in ITEM_FIELDS and field not in ("id", "log") else None


# Two numbers in a target's words: a range may be among them (a cheap look before the reading).
_TWO_NUMBERS = r"\d[^\d]+\d"  # (compiled when first used)


def range_stated(table: dict[str, Any]) -> Any:
    """The end of a range in a task's target words (20-25个, 500～800亩) its ``target`` should
    be, where it is another number: the least, or the most where less is better, as ``plan
    import`` reads the words (``importing.values.read_target``; the report judges a figure
    within the range as met). None where the words state no range or the target is that end."""
    words, target = table.get("target_text"), table.get("target")
    if not isinstance(words, str) or not is_number(target) or not re.search(_TWO_NUMBERS, words):
        return None
    from .importing.values import stated_range

    found = stated_range(words)
    if found is None:
        return None
    least, most, _ = found
    end = most if smaller_is_better(table) else least
    return None if end == target else end
