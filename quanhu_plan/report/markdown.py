"""The report as Markdown (``plan report --format md``): everything from the plan escaped."""

from __future__ import annotations

import re

from ..controls import visible
from .content import GoalEntry, Report
from .ledger_text import OWN_COLUMNS, RATE, grouped_rows, ledger_cells
from .words import numbered

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")
_MD_LINE_START = re.compile(r"^([-+=]|\d+(?=[.)](?:\s|$)))")
# (Not a lone carriage return: a control, shown as ``\x0d`` as every other output shows it;
# only a Windows line end, CR LF, is a line break.)
_LINE_BREAK = re.compile("\r\n|[\u2028\u2029]")


def md_escape(text: str, line_start: bool = True) -> str:
    """User text made inert in Markdown: no heading, list, link, emphasis, HTML or table cell
    boundary can come out of it, it stays on one line, and a control character shows as an
    escape (``controls.visible``). ``line_start=False`` for text after a heading's ``#`` or
    inside a table cell, where "1." cannot start a list."""
    # A line or paragraph separator (U+2028, U+2029, pasted from Word) is a line break too:
    # joined here, before ``visible`` would make it one inside a table row or a heading.
    lines = _LINE_BREAK.sub("\n", str(text)).split("\n")
    text = " ".join(lines).strip()
    text = visible(text)  # its backslash is escaped below: ESC renders as the text \x1b
    text = _MD_SPECIAL.sub(r"\\\1", text)
    match = _MD_LINE_START.match(text) if line_start else None
    if match:  # "- x" would start a list, "1. x" a numbered one, "= x" underline a heading
        mark = match.group(1)
        text = f"{mark}\\{text[len(mark) :]}" if mark.isdigit() else f"\\{text}"
    return text


def _md_inline(text: str) -> str:
    return md_escape(text, line_start=False)


# A line break inside a paragraph (the byline, the 落款): CommonMark's backslash, not two
# trailing spaces, which editors strip and which leave every line of piped output clean.
HARD_BREAK = "\\\n"


def to_markdown(report: Report) -> str:
    """The report as Markdown: headings for the sections (##) and the parts under them (###),
    a paragraph for each goal and task below (numbered 1.（1）①, the same whether goal or task),
    the 落款, then the ledger as a table. Everything from the plan is escaped."""
    out: list[str] = [f"# {_md_inline(report.title)}", ""]
    byline = [md_escape(text) for text in (report.organisation, report.as_of_text) if text]
    if report.scope:
        byline.append(md_escape(report.scope))
    if byline:
        out += [HARD_BREAK.join(byline), ""]

    out += [f"## {_md_inline(report.headings['overview'])}", ""]
    for paragraph in report.overview.paragraphs:
        out += [md_escape(paragraph), ""]
    if report.overview.parts:
        out += [f"- {md_escape(line.sentence)}" for line in report.overview.parts] + [""]

    out += [f"## {_md_inline(report.headings['achievements'])}", ""]
    for part in report.achievements:
        out += _md_goal(part)
    if report.achievements_note:
        out += [md_escape(report.achievements_note), ""]

    out += [f"## {_md_inline(report.headings['problems'])}", ""]
    for problem in report.problems:
        out += [md_escape(problem.sentence), ""]
    # (problems_unexplained is data: each problem with no reason says so in place)
    if report.problems_note:
        out += [md_escape(report.problems_note), ""]

    out += [f"## {_md_inline(report.headings['next_steps'])}", ""]
    out += [md_escape(report.next_steps_intro), ""]
    for group in report.next_steps:
        if group.title:
            out += [f"### {_md_inline(numbered(group.number, group.title))}", ""]
        for step in group.lines or group.steps:
            out += [md_escape(numbered(step.number, step.sentence)), ""]
    if report.signature:
        out += [HARD_BREAK.join(md_escape(line) for line in report.signature), ""]

    out += [f"## {_md_inline(report.headings['ledger'])}", ""]
    out.append("| " + " | ".join(_md_inline(c) for c in report.ledger_columns) + " |")
    # 完成率 right-aligned, as in the Word ledger and the workbook: the figures line up.
    out.append(
        "|"
        + "|".join(
            "---:" if n == RATE or n >= OWN_COLUMNS else "---"
            for n in range(len(report.ledger_columns))
        )
        + "|"
    )
    for heading, cells in grouped_rows(report, ledger_cells(report)):
        texts = [_md_inline(cell) for cell in cells]
        if heading:  # a part or goal above its tasks: **2.2** | **落实防返贫监测帮扶**
            texts = [f"**{text}**" if text else "" for text in texts]
        out.append("| " + " | ".join(texts) + " |")
    out += ["", md_escape(report.ledger_note), ""]
    return "\n".join(out)


def _md_goal(goal: GoalEntry) -> list[str]:
    """A part as a ### heading, a goal below it as a paragraph like its sibling tasks; its own
    progress note follows it."""
    line = numbered(goal.number, goal.title)
    out = [f"### {_md_inline(line)}" if goal.level <= 1 else md_escape(line), ""] if line else []
    if goal.note:
        out += [md_escape(goal.note), ""]
    for entry in goal.entries:
        if isinstance(entry, GoalEntry):
            out += _md_goal(entry)
        else:
            out += [md_escape(numbered(entry.number, entry.sentence)), ""]
    return out
