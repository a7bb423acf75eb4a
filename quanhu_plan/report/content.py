"""The report's content as plain data: what every format lays out (terminal, Markdown, JSON,
Word), so all of them say the same thing.

Numbers follow the 公文 hierarchy by position in the report (``words.number_label``): level 0 is
the report's sections (一、总体情况), level 1 the parts under a section (（一）), then 1., （1）
and ①. Every numbered entry carries its ``level`` and its ``number``."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..texts import format_percent, share_value


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
    # what the figure counts, in the words of the task's detail where its title names none
    # (化解信访积案 of 化解信访积案5件 under 信访维稳)
    counted_words: str | None = None


@dataclass
class TaskEntry:
    """A done task under 主要成绩, as one sentence; or a task still going on with a figure
    reached (``build.figure_reached``): ``done_on`` None, no note or evidence."""

    number: str  # its place among the entries shown beside it: "1.", "（1）"; "" for a lone part
    id: str
    title: str
    sentence: str
    done_on: dt.date | None
    metric: Metric | None
    note: str | None  # the latest progress note, from its completion on
    evidence: list[str]
    level: int = 2
    kind: str = "task"


@dataclass
class GoalEntry:
    """A part (level 1) or goal (level 2 and below) under 主要成绩, with the done tasks under it
    and its own latest progress note."""

    number: str  # "（一）" for a part, then "1.", "（1）", "①"
    id: str
    title: str
    level: int
    entries: Sequence[GoalEntry | TaskEntry | SummaryEntry]
    note: str | None = None  # the goal's latest progress note, as a sentence (进展情况：…)
    kind: str = "goal"


@dataclass
class PartLine:
    """One line of the overview: a part and its completion (not numbered: a summary line)."""

    id: str
    title: str
    total: int
    done: int
    reached: int  # at 100%, not ticked off (``records.at_full_not_ticked_off``)
    limits_held: int  # within a limit before its deadline (``records.limits_held``)
    completion: Fraction | None
    sentence: str


@dataclass
class Overview:
    total: int  # tasks not dropped
    done: int
    reached: int  # at 100%, not ticked off: counted among doing, todo
    limits_held: int  # within a limit before its deadline, not yet to tick off
    doing: int
    todo: int
    blocked: int
    dropped: int
    behind: int
    overdue: int
    ongoing: int  # standing work not done (常态推进): paced by no window, counted apart
    completion: Fraction | None
    paragraphs: list[str]
    parts: list[PartLine]


@dataclass
class ProblemEntry:
    """An unfinished (or dropped) task under 存在的问题, or one ticked off short of its target
    (``status`` done, ``pace`` done)."""

    number: str  # 一是、二是…
    id: str
    title: str
    name: (
        str  # the title, with its goal where the title alone is not enough (``naming.task_names``)
    )
    status: str
    pace: str
    completion: Fraction | None
    due: str  # as the file writes it: 2023-06-30, 2023-05, 2023-Q2 ("" without one)
    due_day: dt.date | None  # the day it means
    responsible: str
    reason: str | None  # None: said once for all such tasks (``Report.problems_unexplained``)
    note: str | None
    sentence: str
    light: str | None = None  # 红黄绿灯
    # Why a task now under way was held up: the reason of its latest block, which ``plan
    # start`` cleared (``trace.last_block``); None when it is blocked now or never was.
    past_block: str | None = None
    # Ticked off (status done) with its figure short of its target (87 of 90公里): what makes a
    # done task a problem, which status and pace ("done") do not say.
    short_of_target: bool = False


@dataclass
class SummaryEntry:
    """A goal (or a part's own tasks) under 主要成绩 in the summary form: one paragraph, its
    count and the figures of its done tasks (``tasks``: their ids, in the order said)."""

    number: str
    id: str
    title: str
    sentence: str
    done: int
    total: int
    tasks: list[str]
    level: int = 2
    kind: str = "summary"


@dataclass
class ProblemGroup:
    """The problems of one kind in the summary form (受阻, 逾期, 欠进度, 已取消): one paragraph
    naming its tasks (``tasks``: all their ids, also those past ``LISTED``); in the full form
    the tasks with nothing recorded, by part (``shortfalls.untouched_group``)."""

    number: str  # 一是、二是…
    group: str  # blocked, overdue, behind, dropped
    count: int
    tasks: list[str]
    sentence: str
    pace: str = ""  # for the terminal's colour: overdue, behind
    kind: str = "group"
    # The full form's untouched tasks said together (group "untouched"): each task's own entry,
    # its figures and sentence, kept for the JSON; the formats say the group's sentence alone.
    entries: list[ProblemEntry] = field(default_factory=list)


@dataclass
class NextStep:
    number: str  # "1."
    id: str
    title: str
    name: str
    sentence: str
    level: int = 2
    action: str = ""  # what it is to do, where not what the opening line says for all


@dataclass
class NextStepGroup:
    """The unfinished tasks of one part, to carry on."""

    number: str  # "（一）"
    id: str
    title: str
    steps: list[NextStep]  # each task's
    level: int = 1
    # What the documents show, where not ``steps``: the tasks untouched said in one line
    # (修塘、修路、装路灯：目前均尚未开始，完成率0%), numbered as one (``shortfalls``).
    lines: list[NextStep] = field(default_factory=list)


@dataclass
class LedgerRow:
    """A row of the appendix table (台账): one task."""

    id: str
    title: str
    name: str  # the title, with its goal where the title alone is not enough
    lead: str  # 责任领导
    responsible: str  # 责任单位/责任人: the lead unit and the owner
    figures: str  # 目标值/完成值: 40处/35处, 3万亩以上/3.3万亩; "" without a figure
    target_figure: str  # its two sides: 3万亩以上; "—" when not recorded
    actual_figure: str
    # The deadline as the plan writes it (2023-06-30, 2023-05, 2023-Q2), as ``due`` is in every
    # JSON the tool writes, and the day it means (a month's or quarter's last day).
    due: str
    due_day: dt.date | None
    status: str
    status_text: str  # the status, with the pace and the light when behind or overdue
    light: str | None  # 红黄绿灯: red, yellow, green; None for a dropped task
    completion: Fraction | None
    done_on: dt.date | None
    # A task with no deadline day: its deadline as worded (长期坚持, 常态化), which the table
    # shows under 完成时限 (``model.deadline_words``); "" beside a due.
    due_words: str = ""
    # ``responsible``'s two sides (the units, the owners), each as joined there: a terminal
    # line each, not split at a slash a name may hold ([/b], Transport office/Police).
    responsible_parts: tuple[str, ...] = ()
    # The cells of the plan's own columns after the nine (分值, 自评得分, 总投资…:
    # ``ledger_columns.extra_columns``), in the order ``Report.ledger_columns`` names them.
    extra: list[str] = field(default_factory=list)
    # Started and due in the same month (时间安排 1月份: a trade taken in hand that month): the
    # table writes the month (1月), not a deadline at its end the plan never set (1月底).
    month_long: bool = False

    def cells(self) -> list[str]:
        """The row as the table shows it, in the order of ``Report.ledger_columns``."""
        return [
            self.id,
            self.name,
            self.lead,
            self.responsible,
            self.figures,
            self.due or self.due_words,
            self.status_text,
            format_percent(self.completion),
            self.done_on.isoformat() if self.done_on else "",
            *self.extra,
        ]


@dataclass
class LedgerGroup:
    """A part or goal of the ledger in the summary form, a row above its tasks (the body no
    longer lists each task under its goal): its id and title, above ledger row ``before``."""

    id: str
    title: str
    level: int  # 1 for a part, 2 for a goal under it…
    before: int


@dataclass
class Report:
    lang: str
    title: str
    organisation: str
    as_of: dt.date
    as_of_text: str  # 截至2023年12月31日
    period: str  # year, q1, h1, q3, months, to_date (``title.period_of``)
    scope: str | None  # the --part / --owner filter, said in words; None for the whole plan
    plan_title: str
    # The plan's, which the title states: the Chinese ledger's days leave it out. None for a
    # plan over two calendar years (July to June), whose days all keep theirs (10月1日 beside
    # 2024年3月31日 read as if the year were said of some and not of others).
    year: int | None
    headings: dict[str, str]  # overview, achievements, problems, next_steps, ledger
    overview: Overview
    achievements: list[GoalEntry]
    achievements_note: str | None  # the parts with nothing done, or that nothing is done
    problems: Sequence[ProblemEntry | ProblemGroup]  # ProblemGroup in the summary form
    problems_unexplained: str | None  # the problems with no reason recorded, said once
    problems_note: str | None  # said when there is no problem
    next_steps_intro: str
    next_steps: list[NextStepGroup]
    signature: list[str]  # 落款: the organisation and the date, as a 公文 ends
    ledger_columns: list[str]
    ledger: list[LedgerRow]
    ledger_note: str
    # full: a paragraph per done task and per problem; summary: a large plan's body, a
    # paragraph per goal and per kind of problem (``summary``), the detail in the ledger.
    form: str = "full"
    ledger_groups: list[LedgerGroup] = field(default_factory=list)  # the summary form's
    kind: str = field(default="year_end_report")

    def to_dict(self) -> dict[str, Any]:
        """The content as JSON-ready data: dates as ISO text."""
        content = dataclasses.asdict(self)
        del content["year"]  # (said by the title; the JSON gives the days in full)
        for row in content["ledger"]:  # a plan with no column of its own: the nine, as before
            if not row["extra"]:
                del row["extra"]
        return _plain(content)


# Fields that shape what the formats say, not data of the report's own (the JSON leaves out).
_SHAPING = ("counted_words", "responsible_parts", "month_long")


def _plain(value: Any, key: str = "") -> Any:
    """Dates as ISO text; shares (completion, rate) to 4 places as ``plan status --json`` gives
    them, other numbers without float noise (0.1, not 0.09999999999999964), rounded half up."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float | Fraction):
        return share_value(value, 4 if key in ("completion", "rate") else 6)
    if isinstance(value, dict):
        # (counted_words shapes a sentence; the JSON gives the figures and the target's words)
        return {name: _plain(item, name) for name, item in value.items() if name not in _SHAPING}
    if isinstance(value, list):
        return [_plain(item, key) for item in value]
    return value


def to_json(report: Report, encoding: str | None = None) -> str:
    """The report as JSON text (``plan report --format json``), for output in ``encoding``
    (``controls.json_text``: what it lacks written as escapes)."""
    from ..controls import json_text

    return json_text(report.to_dict(), encoding) + "\n"
