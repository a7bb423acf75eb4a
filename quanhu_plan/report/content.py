"""The report's content as plain data: what every format lays out (terminal, Markdown, JSON,
Word), so all of them say the same thing."""

from __future__ import annotations

import dataclasses
import datetime as dt
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


def to_json(report: Report) -> str:
    """The report as JSON text (``plan report --format json``)."""
    from ..controls import json_text

    return json_text(report.to_dict()) + "\n"
