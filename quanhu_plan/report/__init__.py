"""The year-end completion report (年终工作总结): its content as plain data, and its formats.

Pure but for ``docx`` (which alone imports python-docx, inside its functions): no I/O, no rich.
``year_end_report`` (``build``) reads the plan at an as-of date and writes every sentence the
report says, in the report's language (``words``), into the dataclasses of ``content``; the
renderers (``markdown``, ``content.to_json``, ``docx`` for Word, and ``terminal.report_view``)
only lay the content out, so all formats say the same thing.

The structure follows the summaries town governments write at year end: title, 总体情况
(overview), 主要成绩 (achievements, part by part in plan order with the plan's numbering
一、(一)1.(1)), 存在的问题 (problems, 一是、二是…), 下一步打算 (next steps), and the ledger as
an appendix table. Every figure comes from the plan; numbers are written as the town writes
them (3.2万亩, 98.4万元, 4755平方米).
"""

from .build import year_end_report
from .content import (
    GoalEntry,
    LedgerRow,
    Metric,
    NextStep,
    NextStepGroup,
    Overview,
    PartLine,
    ProblemEntry,
    Report,
    TaskEntry,
    to_json,
)
from .figures import achievement_sentence, metric_of
from .markdown import md_escape, to_markdown
from .naming import responsible_text
from .title import place_name, report_title
from .words import number_label, numbered, problem_label

__all__ = [
    "GoalEntry",
    "LedgerRow",
    "Metric",
    "NextStep",
    "NextStepGroup",
    "Overview",
    "PartLine",
    "ProblemEntry",
    "Report",
    "TaskEntry",
    "achievement_sentence",
    "md_escape",
    "metric_of",
    "number_label",
    "numbered",
    "place_name",
    "problem_label",
    "report_title",
    "responsible_text",
    "to_json",
    "to_markdown",
    "year_end_report",
]
