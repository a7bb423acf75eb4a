"""The year-end completion report (年终工作总结): its whole content as plain data.

Pure: no I/O, no rich, no docx. ``year_end_report`` reads the plan at an as-of date and writes
every sentence the report says, in the report's language; the renderers (Markdown and JSON
below, the terminal in ``terminal.py``, Word in ``report_docx.py``) only lay the content out,
so all formats say the same thing.

The structure follows the summaries town governments write at year end: title, 总体情况
(overview), 主要成绩 (achievements, part by part in plan order with the plan's numbering
一、(一)1.(1)), 存在的问题 (problems, 一是、二是…), 下一步打算 (next steps), and the ledger as
an appendix table. Every figure comes from the plan; numbers are written as the town writes
them (3.2万亩, 98.4万元, 4755平方米).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .controls import visible
from .lights import Rules, light, thresholds
from .model import (
    Item,
    Plan,
    is_number,
    is_rank_metric,
    is_responsible,
    responsible_names,
    smaller_is_better,
)
from .periods import long_form, written
from .records import Milestones, MilestoneState
from .rollup import (
    exact,
    group_rollup,
    pace,
    rollups,
    task_completion,
    task_shares,
)
from .texts import (
    chinese_numeral,
    format_long_date,
    format_number,
    format_percent,
    light_label,
    pace_label,
    round_half_up,
    share_value,
    status_label,
)
from .trace import effective_day

# ---------------------------------------------------------------- the content


@dataclass
class Metric:
    """A task's figure. ``rate`` is actual/target, not capped (a task can beat its target)."""

    measure: str
    actual: float | None
    target: float | None
    baseline: float | None
    rate: Fraction | None  # None without a positive target and an actual
    change: Fraction | None  # actual - baseline; for a rank, negative means it moved up
    rank: bool  # a place in a ranking (第36位): smaller is better
    down: bool = False  # less is the aim (direction = "down", or a rank)
    target_text: str | None = None  # the target in the document's own words (3万亩以上)


@dataclass
class TaskEntry:
    """A done task under 主要成绩, as one sentence."""

    number: str  # its place among its siblings in the plan: "1." / "（二）"; "" for a lone part
    id: str
    title: str
    sentence: str
    done_on: dt.date | None
    metric: Metric | None
    note: str | None  # the latest progress note
    evidence: list[str]
    kind: str = "task"


@dataclass
class GoalEntry:
    """A part (level 0) or goal under 主要成绩, with the done tasks under it."""

    number: str  # "一、" for a part, "（一）" for a goal, then "1.", "（1）"
    id: str
    title: str
    level: int
    entries: list[GoalEntry | TaskEntry]
    note: str | None = None  # said when a part has no done task
    kind: str = "goal"


@dataclass
class PartLine:
    """One line of the overview: a part and its completion."""

    number: str
    id: str
    title: str
    total: int
    done: int
    completion: Fraction | None
    sentence: str


@dataclass
class Overview:
    total: int  # tasks not dropped
    done: int
    doing: int
    todo: int
    blocked: int
    dropped: int
    behind: int
    overdue: int
    completion: Fraction | None
    paragraphs: list[str]
    parts: list[PartLine]


@dataclass
class ProblemEntry:
    """An unfinished (or dropped) task under 存在的问题."""

    number: str  # 一是、二是…
    id: str
    title: str
    status: str
    pace: str
    completion: Fraction | None
    due: dt.date | None
    responsible: str
    reason: str | None
    note: str | None
    sentence: str
    light: str | None = None  # 红黄绿灯


@dataclass
class NextStep:
    number: str
    id: str
    title: str
    sentence: str


@dataclass
class NextStepGroup:
    """The unfinished tasks of one part, to carry on."""

    number: str
    id: str
    title: str
    steps: list[NextStep]


@dataclass
class LedgerRow:
    """A row of the appendix table (台账): one task."""

    id: str
    title: str
    responsible: str
    due: dt.date | None  # the last day of a deadline written as a month or quarter
    due_text: str  # the deadline as the plan writes it: 2023-06-30, 2023-05, 2023-Q2
    status: str
    status_text: str  # the status, with the pace and the light when behind or overdue
    light: str | None  # 红黄绿灯: red, yellow, green; None for a dropped task
    completion: Fraction | None
    done_on: dt.date | None

    def cells(self) -> list[str]:
        """The row as the table shows it, in the order of ``Report.ledger_columns``."""
        return [
            self.id,
            self.title,
            self.responsible,
            self.due_text,
            self.status_text,
            format_percent(self.completion),
            self.done_on.isoformat() if self.done_on else "",
        ]


@dataclass
class Report:
    lang: str
    title: str
    organisation: str
    as_of: dt.date
    as_of_text: str  # 截至2023年12月31日
    scope: str | None  # the --part / --owner filter, said in words; None for the whole plan
    plan_title: str
    headings: dict[str, str]  # overview, achievements, problems, next_steps, ledger
    overview: Overview
    achievements: list[GoalEntry]
    problems: list[ProblemEntry]
    problems_note: str | None  # said when there is no problem
    next_steps_intro: str
    next_steps: list[NextStepGroup]
    ledger_columns: list[str]
    ledger: list[LedgerRow]
    ledger_note: str
    kind: str = field(default="year_end_report")

    def to_dict(self) -> dict[str, Any]:
        """The content as JSON-ready data: dates as ISO text."""
        return _plain(dataclasses.asdict(self))


def _plain(value: Any, key: str = "") -> Any:
    """Dates as ISO text; shares (completion, rate) to 4 places as ``plan status --json`` gives
    them, other numbers without float noise (0.1, not 0.09999999999999964), rounded half up."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float | Fraction):
        return share_value(value, 4 if key in ("completion", "rate") else 6)
    if isinstance(value, dict):
        return {name: _plain(item, name) for name, item in value.items()}
    if isinstance(value, list):
        return [_plain(item, key) for item in value]
    return value


# ---------------------------------------------------------------- words

_WORDS = {
    "zh": {
        "title": "{place}{year}年工作计划完成情况总结",
        "as_of": "截至{date}",
        "scope_part": "范围：{id} {title}",
        "scope_owner": "责任：{owner}",
        "scope_sep": "；",
        "overview": "一、总体情况",
        "achievements": "二、主要成绩",
        "problems": "三、存在的问题",
        "next_steps": "四、下一步打算",
        "ledger": "附表：任务完成情况台账",
        "col_id": "序号",
        "col_task": "任务",
        "col_responsible": "责任单位/责任人",
        "col_due": "完成时限",
        "col_status": "状态",
        "col_completion": "完成率",
        "col_done_on": "完成日期",
        "ledger_note": (
            "注：已完成的任务计100%；未完成的任务按完成值与目标值之比计算，没有目标值的按填报"
            "进度计算；已取消的任务不计入。部分和全计划的综合完成率按下级事项的权重加权平均。"
        ),
        "lights_rule": "黄灯：落后序时进度超过{yellow}个百分点；红灯：落后超过{red}个百分点{share}或逾期。",
        "lights_share": "、完成不到序时应完成的{share}",
        "no_tasks": "{as_of}，没有符合条件的任务。",
        "overview_head": "{as_of}，{plan}共安排任务{total}项",
        "overview_head_scoped": "{as_of}，{plan}中在本范围内的任务共{total}项",
        "overview_dropped": "（另有{n}项已取消）",
        "overview_done": "，已完成{n}项",
        "overview_doing": "，进行中{n}项",
        "overview_todo": "，未开始{n}项",
        "overview_blocked": "，受阻{n}项",
        "overview_rate": "，综合完成率{rate}。",
        "count": "{label}{n}项",
        "among": "其中",
        "none_of": "无{labels}的任务。",
        "list_sep": "、",
        "clause_sep": "，",
        "semi_sep": "；",
        "all_done": "全部任务均已完成。",
        "part_line": "{number}{title}：任务{total}项，已完成{done}项，完成率{rate}",
        "part_none": "本部分暂无已完成的任务。",
        "problem_none": "未发现欠进度、逾期、受阻或未完成的任务。",
        "due": "完成时限{date}",
        "responsible": "责任：{names}",
        "reason": "原因：{reason}",
        "no_reason": "未记录原因",
        "dropped_reason": "取消原因：{reason}",
        "no_dropped_reason": "未记录取消原因",
        "note": "进展情况：{note}",
        "latest_note": "最新进展：{note}",
        "evidence": "销号依据：{items}",
        "done_on": "（{date}完成）",
        "completion": "完成率{rate}",
        "next_intro_end": "以下{n}项任务尚未完成，结转{year}年继续推进：",
        "next_intro": "以下{n}项任务尚未完成，下一步抓紧推进：",
        "next_none": "全部任务均已完成，下一步巩固工作成效。",
        "next_blocked": "协调解决受阻问题后继续推进",
        "next_carry": "结转{year}年继续推进",
        "next_overdue": "抓紧推进，尽快完成",
        "next_behind": "加快进度，确保按期完成",
        "next_on": "按计划推进，确保按期完成",
        "next_line": "{title}：目前{state}；{action}。",
        "remaining": "尚差{amount}",
        "milestone_missed": "时间节点{due}应达{expected}、届时完成{done}，未达到",
    },
    "en": {
        "title": "{place} {year} work plan: completion report",
        "as_of": "As of {date}",
        "scope_part": "Scope: {id} {title}",
        "scope_owner": "responsible: {owner}",
        "scope_sep": "; ",
        "overview": "1. Overview",
        "achievements": "2. Achievements",
        "problems": "3. Problems",
        "next_steps": "4. Next steps",
        "ledger": "Appendix: task ledger",
        "col_id": "No.",
        "col_task": "Task",
        "col_responsible": "Unit / owner",
        "col_due": "Due",
        "col_status": "Status",
        "col_completion": "Completion",
        "col_done_on": "Done on",
        "ledger_note": (
            "Note: a done task counts 100%; an unfinished one its actual against its target, or "
            "its reported progress when it has no target; dropped tasks are left out. Parts and "
            "the whole plan are the weighted mean of the items under them."
        ),
        "lights_rule": (
            "Yellow: more than {yellow} points behind the expected progress; red: more than "
            "{red} points behind{share}, or overdue."
        ),
        "lights_share": ", or less than {share} of the expected progress done",
        "no_tasks": "{as_of}, no task matches.",
        "overview_head": "{as_of}, {plan} has {total} tasks",
        "overview_head_scoped": "{as_of}, {total} tasks of {plan} are in scope",
        "overview_dropped": " (and {n} dropped)",
        "overview_done": ": {n} done",
        "overview_doing": ", {n} in progress",
        "overview_todo": ", {n} not started",
        "overview_blocked": ", {n} blocked",
        "overview_rate": "; overall completion {rate}.",
        "count": "{n} {label}",
        "among": "Of them: ",
        "none_of": "none {labels}.",
        "list_sep": ", ",
        "clause_sep": ", ",
        "semi_sep": "; ",
        "all_done": "Every task is done.",
        "part_line": "{number} {title}: {done} of {total} tasks done, completion {rate}",
        "part_none": "No task of this part is done yet.",
        "problem_none": "No task is behind, overdue, blocked or unfinished.",
        "due": "due {date}",
        "responsible": "responsible: {names}",
        "reason": "Reason: {reason}",
        "no_reason": "No reason recorded",
        "dropped_reason": "Reason for dropping: {reason}",
        "no_dropped_reason": "No reason recorded for dropping it",
        "note": "Progress: {note}",
        "latest_note": "Latest progress: {note}",
        "evidence": "Evidence: {items}",
        "done_on": " (done {date})",
        "completion": "completion {rate}",
        "next_intro_end": "These {n} tasks are not done and carry over into {year}:",
        "next_intro": "These {n} tasks are not done yet:",
        "next_none": "Every task is done.",
        "next_blocked": "resolve what blocks it, then carry on",
        "next_carry": "carry over into {year}",
        "next_overdue": "finish it as soon as possible",
        "next_behind": "speed up to finish on time",
        "next_on": "carry on as planned",
        "next_line": "{title}: now {state}; {action}.",
        "remaining": "{amount} to go",
        "milestone_missed": "milestone {due} ({expected} due, {done} done by then) missed",
    },
}

# Actions whose log note tells how the work went (not edits of the plan itself).
_NOTE_ACTIONS = {"note", "done", "progress", "record", "start", "block", "drop", "reopen"}

# Units of local government, for the short place name in the title: 衡南县泉湖镇 -> 泉湖镇.
_ORG_SUFFIXES = (
    "人民政府",
    "人民代表大会",
    "村民委员会",
    "居民委员会",
    "委员会",
    "办事处",
    "党委",
    "政府",
)
_ADMIN_UNIT = re.compile(r".+?(?:自治县|自治州|街道|社区|省|市|县|区|旗|镇|乡|村)")


def _w(lang: str, key: str, **values: Any) -> str:
    return _WORDS[lang][key].format(**values)


def _sentence(lang: str, text: str) -> str:
    """End a sentence once: '…' -> '…。' / '….'; text ending in a stop stays as it is."""
    text = text.strip()
    if not text or text[-1] in "。！？!?.；;":
        return text
    return text + ("。" if lang == "zh" else ".")


def _join(lang: str, parts: list[str]) -> str:
    return (
        "".join(_sentence(lang, p) for p in parts if p)
        if lang == "zh"
        else " ".join(_sentence(lang, p) for p in parts if p)
    )


def number_label(lang: str, level: int, position: int) -> str:
    """The numbering of the n-th item at a depth: 一、 (一) 1. (1) ①… in Chinese; 1. (1) (a) in
    English."""
    if lang == "zh":
        if level == 0:
            return f"{chinese_numeral(position)}、"
        if level == 1:
            return f"（{chinese_numeral(position)}）"
        if level == 2:
            return f"{position}."
        return f"（{position}）"
    if level == 0:
        return f"{position}."
    if level == 1:
        return f"({position})"
    if level == 2 and position <= 26:
        return f"({chr(ord('a') + position - 1)})"
    return f"{position})"


def numbered(number: str, text: str) -> str:
    """A number before its text: '一、' and '（一）' join directly; '1.' and '(1)' take a space,
    so that '3.' before '18个村' cannot read as 3.18."""
    if not number:
        return text
    return f"{number} {text}" if number[-1] in ".)" else f"{number}{text}"


def problem_label(lang: str, position: int) -> str:
    return f"{chinese_numeral(position)}是" if lang == "zh" else f"({position})"


def place_name(plan: Plan) -> str:
    """The organisation's short place name (衡南县泉湖镇人民政府 -> 泉湖镇), else what the plan's
    title says before its year (泉湖镇2023年工作计划 -> 泉湖镇)."""
    name = plan.organisation.strip()
    for suffix in _ORG_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
            break
    if name:
        units = _ADMIN_UNIT.findall(name)
        return units[-1] if units and "".join(units) == name else name
    before_year = re.match(r"(.*?)\s*\d{4}\s*年?", plan.title)
    return before_year.group(1).strip() if before_year else ""


def report_title(plan: Plan, lang: str) -> str:
    """泉湖镇2023年工作计划完成情况总结 / 泉湖镇 2023 work plan: completion report."""
    return _w(lang, "title", place=place_name(plan), year=plan.year).strip()


# ---------------------------------------------------------------- metrics


def metric_of(task: Item) -> Metric | None:
    values = {key: task.get(key) for key in ("actual", "target", "baseline")}
    values = {key: (value if is_number(value) else None) for key, value in values.items()}
    target_text = task.get("target_text") if isinstance(task.get("target_text"), str) else None
    if all(value is None for value in values.values()) and not target_text:
        return None
    actual, target, baseline = values["actual"], values["target"], values["baseline"]
    measure = str(task.get("measure") or "")
    rank = is_rank_metric(task)
    rate = exact(actual) / exact(target) if actual is not None and target else None
    change = (
        exact(actual) - exact(baseline) if actual is not None and baseline is not None else None
    )
    down = smaller_is_better(task)
    return Metric(measure, actual, target, baseline, rate, change, rank, down, target_text)


def _amount(lang: str, value: float | Fraction, measure: str) -> str:
    """40处, 3.2万亩, 100% / 40 ponds, 100%."""
    number = format_number(value)
    if lang == "zh" or not measure or measure == "%":
        return f"{number}{measure}"
    return f"{number} {measure}"


def _change_measure(measure: str, lang: str) -> str:
    """A change of a percentage is in percentage points."""
    if measure == "%":
        return "个百分点" if lang == "zh" else " percentage points"
    return measure


def _ordinal(lang: str, value: float, measure: str) -> str:
    if lang == "zh":
        unit = "名" if "名" in measure else "位"
        return f"第{format_number(value)}{unit}"
    return f"#{format_number(value)}"


def _same(a: float | Fraction, b: float | Fraction) -> bool:
    """Equal as the report writes numbers (to 6 places): 3.3000000000000003 is 3.3."""
    return round_half_up(a, 6) == round_half_up(b, 6)


def _states_figure(title: str, value: float, measure: str) -> bool:
    """Whether the title already says the figure with its unit ("修塘40余处" for 40 处)."""
    figure = re.escape(format_number(value))
    unit = re.escape(measure[:1]) if measure else r"(?![\d.])"
    return re.search(rf"(?<![\d.]){figure}\s*(?:余|多)?\s*{unit}", title) is not None


def achievement_sentence(task: Item, metric: Metric | None, lang: str) -> str:
    """What a done task achieved, with its figure against target and last year, and its date."""
    title = task.title.strip()
    text = title if metric is None else _metric_text(title, metric, lang)
    if task.get("done_on"):
        text += _w(lang, "done_on", date=format_long_date(lang, task.get("done_on")))
    return _sentence(lang, text)


def _metric_text(title: str, m: Metric, lang: str) -> str:
    zh = lang == "zh"
    sep = "，" if zh else ", "
    if m.rank:
        return _rank_text(title, m, lang)
    unit = m.measure
    parts: list[str] = []
    if m.actual is None:
        head = title
    elif _states_figure(title, m.actual, unit):
        head = title
    elif zh and not re.search(r"\d", title):
        head = f"{title}{_amount(lang, m.actual, unit)}"
    else:
        head = f"{title}{'，完成' if zh else ': '}{_amount(lang, m.actual, unit)}"
    if m.target is not None:
        if m.actual is None:
            parts.append(
                f"目标{_amount(lang, m.target, unit)}（未记录完成值）"
                if zh
                else f"target {_amount(lang, m.target, unit)} (no actual figure recorded)"
            )
        elif m.target > 0:
            assert m.rate is not None
            target = _amount(lang, m.target, unit)
            rate = format_percent(m.rate)
            parts.append(
                f"目标{target}，完成率{rate}" if zh else f"target {target}, {rate} of target"
            )
            if _same(m.actual, m.target):
                pass
            elif m.actual > m.target:
                over = _amount(lang, m.actual - m.target, unit)
                parts.append(f"超出目标{over}" if zh else f"{over} above target")
            else:
                short = _amount(lang, m.target - m.actual, unit)
                parts.append(f"距目标差{short}" if zh else f"{short} short of target")
        elif _same(m.actual, 0):
            parts.append("达到目标" if zh else "target met")
        else:
            over = _amount(lang, m.actual, unit)
            parts.append(
                f"目标{_amount(lang, 0, unit)}，超出{over}"
                if zh
                else f"target {_amount(lang, 0, unit)}, {over} over it"
            )
    if m.change is not None:
        change_unit = _change_measure(unit, lang)
        if _same(m.change, 0):
            parts.append("与上年持平" if zh else "the same as last year")
        elif m.change > 0:
            amount = _amount(lang, m.change, change_unit)
            parts.append(f"较上年增加{amount}" if zh else f"up {amount} on last year")
        else:
            amount = _amount(lang, -m.change, change_unit)
            parts.append(f"较上年减少{amount}" if zh else f"down {amount} on last year")
    return sep.join([head, *parts])


def _rank_text(title: str, m: Metric, lang: str) -> str:
    """由上年第149位上升至第36位，前进113位 — a smaller place is better."""
    zh = lang == "zh"
    unit = "名" if "名" in m.measure else "位"
    parts: list[str] = []
    if m.actual is None:
        parts.append(title)
    elif m.baseline is not None and m.change is not None:
        before, now = _ordinal(lang, m.baseline, m.measure), _ordinal(lang, m.actual, m.measure)
        steps = format_number(abs(m.change))
        if _same(m.change, 0):
            parts.append(
                f"{title}保持{now}，与上年持平" if zh else f"{title}: {now}, the same as last year"
            )
        elif m.change < 0:
            parts.append(
                f"{title}由上年{before}上升至{now}，前进{steps}{unit}"
                if zh
                else f"{title}: from {before} last year to {now}, up {steps} places"
            )
        else:
            parts.append(
                f"{title}由上年{before}下降至{now}，后退{steps}{unit}"
                if zh
                else f"{title}: from {before} last year to {now}, down {steps} places"
            )
    elif _states_figure(title, m.actual, unit):
        parts.append(title)
    else:
        now = _ordinal(lang, m.actual, m.measure)
        parts.append(f"{title}位列{now}" if zh else f"{title}: {now}")
    if m.target is not None and m.actual is not None:
        goal = _ordinal(lang, m.target, m.measure)
        if m.actual <= m.target or _same(m.actual, m.target):
            parts.append(f"达到{goal}的目标" if zh else f"target {goal} met")
        else:
            parts.append(f"未达到{goal}的目标" if zh else f"target {goal} not met")
    return ("，" if zh else ", ").join(parts)


def _metric_state(m: Metric, lang: str) -> str:
    """Where an unfinished task's figure stands: 已完成20处，目标40处 / 目前第40位."""
    zh = lang == "zh"
    parts = []
    if m.rank:
        if m.actual is not None:
            now = _ordinal(lang, m.actual, m.measure)
            parts.append(f"目前{now}" if zh else f"now {now}")
        if m.target is not None:
            goal = _ordinal(lang, m.target, m.measure)
            parts.append(f"目标{goal}" if zh else f"target {goal}")
    else:
        if m.actual is not None:
            amount = _amount(lang, m.actual, m.measure)
            level = m.down or m.actual < 0  # a level (4.2‰, -1%), not an amount done
            parts.append(
                (f"目前{amount}" if level else f"已完成{amount}")
                if zh
                else (f"now {amount}" if level else f"{amount} done")
            )
        if m.target is not None or m.target_text:
            target = _target_words(m, lang)
            parts.append(f"目标{target}" if zh else f"target {target}")
    return ("，" if zh else ", ").join(parts)


def _target_words(m: Metric, lang: str) -> str:
    """The target as the document said it (3万亩以上, 控制在5‰以内), else its figure."""
    if m.target_text:
        return m.target_text
    return _amount(lang, m.target, m.measure) if m.target is not None else ""


def _remaining(m: Metric | None, lang: str) -> str | None:
    """尚差: what is left to the target, when a figure was recorded (a task measured by its
    progress alone has no figure to subtract; its completion says how far it is)."""
    if m is None or m.rank or m.target is None or m.actual is None:
        return None
    left = exact(m.target) - exact(m.actual)
    if m.down:  # what is still to come down
        left = -left
    return _w(lang, "remaining", amount=_amount(lang, left, m.measure)) if left > 0 else None


# ---------------------------------------------------------------- the tasks in scope


def responsible_text(task: Item) -> str:
    """责任单位/责任人 of the ledger: the lead unit (else the lead) and the owner that answer for
    the task (``model.responsible_names``: the nearest ones stated)."""
    unit = responsible_names(task, "lead_unit") or responsible_names(task, "lead")
    owner = responsible_names(task, "owner")
    return "/".join(name for name in ("、".join(unit), "、".join(owner)) if name)


def _latest_note(task: Item) -> str | None:
    """The progress note of the latest day (a note written later about an earlier day is not
    the latest); one taken back with ``plan undo`` is no longer said."""
    notes = [
        (n, entry)
        for n, entry in enumerate(task.log)
        if "undone" not in entry
        and isinstance(entry.get("note"), str)
        and entry["note"].strip()
        and entry.get("action", "note") in _NOTE_ACTIONS  # a hand-written note may say none
    ]
    if not notes:
        return None
    _, latest = max(notes, key=lambda pair: (effective_day(pair[1]) or dt.date.min, pair[0]))
    return str(latest["note"]).strip()


# ---------------------------------------------------------------- the report


def year_end_report(
    plan: Plan,
    as_of: dt.date,
    lang: str,
    part: Item | None = None,
    owner: str | None = None,
    recorded_to: dt.date | None = None,
) -> Report:
    """The report at ``as_of``: of the whole plan, or of the tasks under ``part`` and/or whose
    responsible names (lead, lead unit, supporting units, owner, also set on their goals)
    contain ``owner``. ``recorded_to``: the plan is as it is now, past the day its pace is
    judged at (the plan's end); the report then says its records go to that day."""
    owner = owner.strip() if owner else None
    tasks = [
        task
        for task in plan.tasks()
        if (part is None or task.is_within(part)) and (not owner or is_responsible(task, owner))
    ]
    scoped = {task.id for task in tasks}
    paces = {task.id: pace(task, plan, as_of) for task in tasks}
    # The plan as it is now, past its end (changes recorded after the end are in it): the
    # report says to which day its records go.
    told = recorded_to if recorded_to is not None and recorded_to > as_of else as_of
    as_of_text = _w(lang, "as_of", date=format_long_date(lang, told))

    scope_parts = []
    if part is not None:
        scope_parts.append(_w(lang, "scope_part", id=part.id, title=part.title))
    if owner:
        scope_parts.append(_w(lang, "scope_owner", owner=owner))

    rules = thresholds(plan)
    parts = [
        (position, root)
        for position, root in enumerate(plan.roots, 1)
        if any(task.id in scoped for task in root.tasks())
    ]
    return Report(
        lang=lang,
        title=report_title(plan, lang),
        organisation=plan.organisation,
        as_of=as_of,
        as_of_text=as_of_text,
        scope=_w(lang, "scope_sep").join(scope_parts) or None,
        plan_title=plan.title,
        headings={
            key: _w(lang, key)
            for key in ("overview", "achievements", "problems", "next_steps", "ledger")
        },
        overview=_overview(
            plan, as_of, lang, tasks, scoped, paces, parts, as_of_text, bool(scope_parts)
        ),
        achievements=[_achievement_part(root, n, scoped, lang) for n, root in parts],
        **_problems(plan, as_of, lang, tasks, paces),
        **_next_steps(plan, as_of, lang, tasks, paces, parts),
        ledger_columns=[
            _w(lang, key)
            for key in (
                "col_id",
                "col_task",
                "col_responsible",
                "col_due",
                "col_status",
                "col_completion",
                "col_done_on",
            )
        ],
        ledger=[
            _ledger_row(task, paces[task.id], light(task, plan, as_of, rules), lang)
            for task in tasks
        ],
        ledger_note=_w(lang, "ledger_note") + _lights_rule(lang, rules),
    )


def _overview(
    plan: Plan,
    as_of: dt.date,
    lang: str,
    tasks: list[Item],
    scoped: set[str],
    paces: dict[str, str],
    parts: list[tuple[int, Item]],
    as_of_text: str,
    filtered: bool,
) -> Overview:
    statuses = [task.status for task in tasks]
    dropped = statuses.count("dropped")
    total = len(tasks) - dropped
    done, doing, todo, blocked = (statuses.count(s) for s in ("done", "doing", "todo", "blocked"))
    behind = sum(1 for kind in paces.values() if kind == "behind")
    overdue = sum(1 for kind in paces.values() if kind == "overdue")
    # Parts and the whole are weighted as in the plan (``rollup.group_rollup``): a report on
    # every task shows exactly what plan status shows, one on a unit what status --by shows.
    every = rollups(plan, as_of)
    shares = task_shares(plan, every)
    figures = [
        (root, group_rollup([t for t in tasks if t.part is root], plan, as_of, shares, every))
        for _, root in parts
    ]
    everything = group_rollup(tasks, plan, as_of, shares, every)

    paragraphs = []
    if not tasks:
        paragraphs.append(_w(lang, "no_tasks", as_of=as_of_text))
    else:
        key = "overview_head_scoped" if filtered else "overview_head"
        head = _w(lang, key, as_of=as_of_text, plan=plan.title, total=total)
        if dropped:
            head += _w(lang, "overview_dropped", n=dropped)
        head += _w(lang, "overview_done", n=done)
        for key, n in (("overview_doing", doing), ("overview_todo", todo)):
            if n:
                head += _w(lang, key, n=n)
        head += _w(lang, "overview_rate", rate=format_percent(everything.completion))
        paragraphs.append(head)
        counted = [
            (pace_label(lang, "behind"), behind),
            (pace_label(lang, "overdue"), overdue),
            (status_label(lang, "blocked"), blocked),
            (status_label(lang, "dropped"), dropped),
        ]
        said = [_w(lang, "count", label=name, n=n) for name, n in counted if n]
        zero = [name for name, n in counted if not n]
        tail = _w(lang, "clause_sep").join(said)
        if tail:
            tail = _w(lang, "among") + tail
        if zero:
            none = _w(lang, "none_of", labels=_w(lang, "list_sep").join(zero))
            tail = f"{tail}{_w(lang, 'semi_sep')}{none}" if tail else none
        if done == total and not dropped:
            tail = _w(lang, "all_done")
        tail = tail[:1].upper() + tail[1:]  # "none …" may start the sentence
        paragraphs.append(_sentence(lang, tail))

    lines = []
    for (position, root), (_, part_figures) in zip(parts, figures, strict=True):
        assert part_figures is not None
        number = number_label(lang, 0, position)
        sentence = _w(
            lang,
            "part_line",
            number=number,
            title=root.title,
            total=part_figures.total,
            done=part_figures.done,
            rate=format_percent(part_figures.completion),
        )
        extra = [
            _w(lang, "count", label=pace_label(lang, kind), n=part_figures.paces[kind])
            for kind in ("behind", "overdue")
            if part_figures.paces[kind]
        ]
        if part_figures.blocked:
            extra.append(
                _w(lang, "count", label=status_label(lang, "blocked"), n=part_figures.blocked)
            )
        if part_figures.dropped:
            extra.append(
                _w(lang, "count", label=status_label(lang, "dropped"), n=part_figures.dropped)
            )
        if extra:
            sentence += _w(lang, "clause_sep") + _w(lang, "clause_sep").join(extra)
        lines.append(
            PartLine(
                number=number,
                id=root.id,
                title=root.title,
                total=part_figures.total,
                done=part_figures.done,
                completion=part_figures.completion,
                sentence=_sentence(lang, sentence),
            )
        )
    return Overview(
        total=total,
        done=done,
        doing=doing,
        todo=todo,
        blocked=blocked,
        dropped=dropped,
        behind=behind,
        overdue=overdue,
        completion=everything.completion,
        paragraphs=paragraphs,
        parts=lines,
    )


def _task_entry(task: Item, number: str, lang: str) -> TaskEntry:
    metric = metric_of(task)
    note = _latest_note(task)
    evidence = [str(e) for e in task.get("evidence", [])]
    sentence = achievement_sentence(task, metric, lang)
    extra = []
    if note:
        extra.append(_w(lang, "note", note=note))
    if evidence:
        extra.append(_w(lang, "evidence", items=("；" if lang == "zh" else "; ").join(evidence)))
    if extra:
        sentence = _join(lang, [sentence, *extra])
    return TaskEntry(
        number=number,
        id=task.id,
        title=task.title,
        sentence=sentence,
        done_on=task.get("done_on"),
        metric=metric,
        note=note,
        evidence=evidence,
    )


def _achievement_entries(
    item: Item, level: int, scoped: set[str], lang: str
) -> list[GoalEntry | TaskEntry]:
    """The done tasks in scope under ``item``, and the goals holding them, numbered by their
    place in the plan (so the numbers match the plan even where an item is left out)."""
    entries: list[GoalEntry | TaskEntry] = []
    for position, child in enumerate(item.children, 1):
        number = number_label(lang, level, position)
        if child.is_task:
            if child.id in scoped and child.status == "done":
                entries.append(_task_entry(child, number, lang))
            continue
        below = _achievement_entries(child, level + 1, scoped, lang)
        if below:
            entries.append(GoalEntry(number, child.id, child.title, level, below))
    return entries


def _achievement_part(root: Item, position: int, scoped: set[str], lang: str) -> GoalEntry:
    number = number_label(lang, 0, position)
    if root.is_task:  # a part with nothing under it is its own task
        entries: list[GoalEntry | TaskEntry] = (
            [_task_entry(root, "", lang)] if root.status == "done" else []
        )
    else:
        entries = _achievement_entries(root, 1, scoped, lang)
    note = None if entries else _w(lang, "part_none")
    return GoalEntry(number, root.id, root.title, 0, entries, note)


_SEVERITY = {"overdue": 0, "behind": 2}


def _problems(
    plan: Plan, as_of: dt.date, lang: str, tasks: list[Item], paces: dict[str, str]
) -> dict[str, Any]:
    """Unfinished tasks, the worst first (overdue, blocked, behind, the rest), then dropped;
    each with its light (红黄绿灯) and the milestone it missed, if it did."""

    def severity(task: Item) -> int:
        kind = paces[task.id]
        if kind == "overdue":
            return 0
        return 1 if task.status == "blocked" else _SEVERITY.get(kind, 3)

    unfinished = [t for t in tasks if t.status not in ("done", "dropped")]
    unfinished.sort(key=severity)  # stable: plan order within a class
    dropped = [t for t in tasks if t.status == "dropped"]
    rules = thresholds(plan)
    missed = {
        task.id: milestone
        for task, milestone in Milestones(plan, as_of).missed(
            [t for t in unfinished if t.get("milestone")]
        )
    }
    entries = []
    for position, task in enumerate([*unfinished, *dropped], 1):
        colour = light(task, plan, as_of, rules)
        entries.append(
            _problem_entry(
                task,
                problem_label(lang, position),
                paces[task.id],
                lang,
                colour,
                missed.get(task.id),
            )
        )
    return {
        "problems": entries,
        "problems_note": None if entries else _w(lang, "problem_none"),
    }


def _problem_entry(
    task: Item,
    number: str,
    kind: str,
    lang: str,
    colour: str | None = None,
    missed: MilestoneState | None = None,
) -> ProblemEntry:
    zh = lang == "zh"
    sep = _w(lang, "clause_sep")
    reason = (task.get("reason") or "").strip() or None
    note = _latest_note(task)
    responsible = responsible_text(task)
    completion = task_completion(task)
    if task.status == "dropped":
        dropped = status_label(lang, "dropped")
        why = _w(lang, "dropped_reason", reason=reason) if reason else _w(lang, "no_dropped_reason")
        sentence = _join(
            lang,
            [
                f"{number}{task.title}：{dropped}" if zh else f"{number} {task.title}: {dropped}",
                why,
            ],
        )
    else:
        state = [status_label(lang, task.status)]
        if pace_label(lang, kind) != state[0]:
            state.append(pace_label(lang, kind))
        state.append(_w(lang, "completion", rate=format_percent(completion)))
        metric = metric_of(task)
        if metric is not None and (figure := _metric_state(metric, lang)):
            state[-1] += f"（{figure}）" if zh else f" ({figure})"
        if colour in ("red", "yellow"):
            state.append(light_label(lang, colour))
        if task.due:
            state.append(_w(lang, "due", date=long_form(task.get("due"), lang)))
        if missed is not None:
            state.append(
                _w(
                    lang,
                    "milestone_missed",
                    due=long_form(missed.due, lang),
                    expected=format_percent(missed.share),
                    done=format_percent(missed.done),
                )
            )
        if responsible:
            state.append(_w(lang, "responsible", names=responsible))
        head = f"{number}{task.title}：" if zh else f"{number} {task.title}: "
        why = _w(lang, "reason", reason=reason) if reason else _w(lang, "no_reason")
        latest = _w(lang, "latest_note", note=note) if note else ""
        sentence = _join(lang, [head + sep.join(state), why, latest])
    return ProblemEntry(
        number=number,
        id=task.id,
        title=task.title,
        status=task.status,
        pace=kind,
        completion=completion,
        due=task.due,
        responsible=responsible,
        reason=reason,
        note=note,
        sentence=sentence,
        light=colour,
    )


def _next_steps(
    plan: Plan,
    as_of: dt.date,
    lang: str,
    tasks: list[Item],
    paces: dict[str, str],
    parts: list[tuple[int, Item]],
) -> dict[str, Any]:
    """The unfinished tasks, grouped by part, each with what to do about it."""
    unfinished = [t for t in tasks if t.status not in ("done", "dropped")]
    year_over = as_of >= plan.end
    next_year = plan.end.year + 1
    groups = []
    for position, root in parts:
        mine = [t for t in unfinished if t.part is root]
        if not mine:
            continue
        steps = []
        for n, task in enumerate(mine, 1):
            kind = paces[task.id]
            if task.status == "blocked":
                action = _w(lang, "next_blocked")
            elif year_over:
                action = _w(lang, "next_carry", year=next_year)
            elif kind == "overdue":
                action = _w(lang, "next_overdue")
            elif kind == "behind":
                action = _w(lang, "next_behind")
            else:
                action = _w(lang, "next_on")
            state = [
                status_label(lang, task.status),
                _w(lang, "completion", rate=format_percent(task_completion(task))),
            ]
            if left := _remaining(metric_of(task), lang):
                state.append(left)
            if names := responsible_text(task):
                state.append(_w(lang, "responsible", names=names))
            sentence = _w(
                lang,
                "next_line",
                title=task.title,
                state=_w(lang, "clause_sep").join(state),
                action=action,
            )
            steps.append(NextStep(number_label(lang, 2, n), task.id, task.title, sentence))
        groups.append(NextStepGroup(number_label(lang, 0, position), root.id, root.title, steps))
    if unfinished:
        key = "next_intro_end" if year_over else "next_intro"
        intro = _w(lang, key, n=len(unfinished), year=next_year)
    else:
        intro = _w(lang, "next_none")
    return {"next_steps_intro": intro, "next_steps": groups}


def _lights_rule(lang: str, rules: Rules) -> str:
    """The thresholds of 红黄绿灯 in words, after the ledger note."""
    yellow, red, red_share = rules
    share = _w(lang, "lights_share", share=format_percent(red_share)) if red_share else ""
    rule = _w(
        lang,
        "lights_rule",
        yellow=format_number(round_half_up(yellow * 100, 2)),
        red=format_number(round_half_up(red * 100, 2)),
        share=share,
    )
    return rule if lang == "zh" else " " + rule


def _ledger_row(task: Item, kind: str, colour: str | None, lang: str) -> LedgerRow:
    status_text = status_label(lang, task.status)
    # 黄灯/红灯 say how far behind; 逾期 says why red. In words, for paper and no colour.
    lit = colour in ("red", "yellow")
    said = [pace_label(lang, kind)] if kind == "overdue" or (kind == "behind" and not lit) else []
    if lit:
        said.append(light_label(lang, colour))
    if said:
        words = _w(lang, "clause_sep").join(said)
        status_text += f"（{words}）" if lang == "zh" else f" ({words})"
    due = task.get("due")
    return LedgerRow(
        id=task.id,
        title=task.title,
        responsible=responsible_text(task),
        due=task.due,
        due_text=written(due) if task.due is not None else "",
        status=task.status,
        status_text=status_text,
        light=colour,
        completion=task_completion(task),
        done_on=task.get("done_on"),
    )


# ---------------------------------------------------------------- Markdown and JSON

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")
_MD_LINE_START = re.compile(r"^([-+=]|\d+(?=[.)](?:\s|$)))")


def md_escape(text: str, line_start: bool = True) -> str:
    """User text made inert in Markdown: no heading, list, link, emphasis, HTML or table cell
    boundary can come out of it, it stays on one line, and a control character shows as an
    escape (``controls.visible``). ``line_start=False`` for text after a heading's ``#`` or
    inside a table cell, where "1." cannot start a list."""
    text = " ".join(str(text).replace("\r", "\n").split("\n")).strip()
    text = visible(text)  # its backslash is escaped below: ESC renders as the text \x1b
    text = _MD_SPECIAL.sub(r"\\\1", text)
    match = _MD_LINE_START.match(text) if line_start else None
    if match:  # "- x" would start a list, "1. x" a numbered one, "= x" underline a heading
        mark = match.group(1)
        text = f"{mark}\\{text[len(mark) :]}" if mark.isdigit() else f"\\{text}"
    return text


def _md_inline(text: str) -> str:
    return md_escape(text, line_start=False)


def to_markdown(report: Report) -> str:
    """The report as Markdown: headings for the sections, parts and goals, a paragraph per
    sentence, the ledger as a table. Everything from the plan is escaped."""
    out: list[str] = [f"# {_md_inline(report.title)}", ""]
    byline = [md_escape(text) for text in (report.organisation, report.as_of_text) if text]
    if report.scope:
        byline.append(md_escape(report.scope))
    if byline:
        out += ["  \n".join(byline), ""]

    out += [f"## {_md_inline(report.headings['overview'])}", ""]
    for paragraph in report.overview.paragraphs:
        out += [md_escape(paragraph), ""]
    if report.overview.parts:
        out += [f"- {md_escape(line.sentence)}" for line in report.overview.parts] + [""]

    out += [f"## {_md_inline(report.headings['achievements'])}", ""]
    for part in report.achievements:
        out += _md_goal(part)

    out += [f"## {_md_inline(report.headings['problems'])}", ""]
    for problem in report.problems:
        out += [md_escape(problem.sentence), ""]
    if report.problems_note:
        out += [md_escape(report.problems_note), ""]

    out += [f"## {_md_inline(report.headings['next_steps'])}", ""]
    out += [md_escape(report.next_steps_intro), ""]
    for group in report.next_steps:
        out += [f"### {_md_inline(numbered(group.number, group.title))}", ""]
        for step in group.steps:
            out += [md_escape(numbered(step.number, step.sentence)), ""]

    out += [f"## {_md_inline(report.headings['ledger'])}", ""]
    out.append("| " + " | ".join(_md_inline(c) for c in report.ledger_columns) + " |")
    out.append("|" + "|".join("---" for _ in report.ledger_columns) + "|")
    for row in report.ledger:
        out.append("| " + " | ".join(_md_inline(cell) for cell in row.cells()) + " |")
    out += ["", md_escape(report.ledger_note), ""]
    return "\n".join(out)


def _md_goal(goal: GoalEntry) -> list[str]:
    heading = _md_inline(numbered(goal.number, goal.title))
    level = goal.level + 3  # parts are ###, goals ####, deeper ones bold lines
    out = [f"{'#' * level} {heading}" if level <= 6 else f"**{heading}**", ""]
    for entry in goal.entries:
        if isinstance(entry, GoalEntry):
            out += _md_goal(entry)
        else:
            out += [md_escape(numbered(entry.number, entry.sentence)), ""]
    if goal.note:
        out += [md_escape(goal.note), ""]
    return out


def to_json(report: Report) -> str:
    from .controls import json_text

    return json_text(report.to_dict()) + "\n"
