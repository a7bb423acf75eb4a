"""plan report: the year-end completion summary (年终工作总结) in the terminal, plain text,
Markdown, JSON or Word. The content comes from ``report.year_end_report``; this module only picks the format
and writes the file."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .. import store
from ..texts import label
from .app import Pager, PartOption, command, say_conflicts, session
from .outfile import Force, deliver, may_overwrite, output_and_format

# The width of a report written as text (--format txt): a terminal's, as plan report > 总结.txt
# gives it at 80 columns; not the width of the terminal it was typed in.
TEXT_WIDTH = 80


class ReportFormat(StrEnum):
    terminal = "terminal"
    txt = "txt"
    md = "md"
    json = "json"
    docx = "docx"


SUFFIX_FORMATS = {
    ".txt": ReportFormat.txt,
    ".md": ReportFormat.md,
    ".markdown": ReportFormat.md,
    ".json": ReportFormat.json,
    ".docx": ReportFormat.docx,
}


@command()
def report(
    ctx: typer.Context,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="Report on the plan as it stood at the end of this day, replayed from the trace (截至日期); default: the plan as it is now, its pace judged at the plan's end or today if earlier; past the plan's end with changes recorded after it, its As of line names the day its records go to (--as-of the plan's last day gives the plan as it stood then).",
            show_default=False,
        ),
    ] = None,
    part: PartOption = None,
    owner: Annotated[
        str | None,
        typer.Option(
            "--owner",
            metavar="TEXT",
            help="Only tasks whose lead, lead unit, supporting unit or owner (on the task or its goals) contains this text (责任单位/责任人).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            help="terminal (default), txt (the terminal's text, 80 columns, no colour), md (Markdown), json, or docx (Word, needs --out); with --out alone, taken from its suffix.",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Write to this file (输出文件) instead of printing (- prints); asks before "
            "overwriting.",
            show_default=False,
        ),
    ] = None,
    force: Force = False,
    pager: Pager = False,
) -> None:
    """The year-end completion summary (年终工作总结): overview, achievements, problems, next
    steps and the ledger, drafted from the plan."""
    out, chosen = output_and_format(
        out, output_format, ReportFormat.terminal, (ReportFormat.docx,), _format
    )
    # Every item's table; of the plan as it is now (no --as-of: a replay reads whole logs),
    # each long log cut to what the report reads of it (``Session``).
    from .change import _seen_text

    # An empty filter ("$OWNER" unset) is refused, not taken for no filter.
    owner = _seen_text(owner, "--owner") if owner is not None else None
    part = _seen_text(part, "--part") if part is not None else None
    run = session(ctx, whole=part is None, report=as_of is None)
    lang = run.lang()
    plan, day = run.plan_at(as_of)
    scope = run.find_at(plan, part, day) if part is not None else None
    if out is not None:
        store.refuse_output_path(out, run.source)
        may_overwrite(out, force, lang)

    from ..report import year_end_report

    # A plan with records after its end is reported to the latest (dated then, not today)
    latest = run.latest_recorded
    content = year_end_report(plan, day, lang, part=scope, owner=owner, recorded_to=latest)
    if chosen is ReportFormat.terminal:
        from ..terminal.plain import draw
        from ..terminal.report_view import report_view

        draw(report_view(content), pager)
        say_conflicts(plan, lang, err=True)
        return
    data: str | bytes
    if chosen is ReportFormat.txt:
        from ..terminal.console import as_text
        from ..terminal.report_view import report_view

        if out is None:
            data = as_text(report_view(content), TEXT_WIDTH)
        else:  # (a UTF-8 file: ⑪ as it is, not as standard output in GBK writes it)
            from ..output_streams import laid_out_for_a_file

            with laid_out_for_a_file():
                data = as_text(report_view(content), TEXT_WIDTH)
        if out is not None:  # a BOM: Notepad before Windows 10 1903 reads GBK without one;
            # and CRLF: Notepad before Windows 10 1809 (Windows 7) shows bare LFs as one line
            data = "\ufeff" + data.replace("\r\n", "\n").replace("\n", "\r\n")
    elif chosen is ReportFormat.md:
        from ..report import to_markdown

        data = to_markdown(content)
    elif chosen is ReportFormat.json:
        from ..report import to_json

        data = to_json(content, None if out else getattr(sys.stdout, "encoding", None))
    else:
        from ..report.docx import docx_bytes

        data = docx_bytes(content)
    deliver(data, out, lambda: label(lang, "report_written").format(path=out), lang)
    say_conflicts(plan, lang, err=True)  # a summary of figures not settled yet is not final


def _format(chosen: ReportFormat | None, out: Path | None) -> ReportFormat:
    """The format asked for, or the one --out's suffix names; a bad pair is a usage error."""
    if chosen is None:
        if out is None:
            return ReportFormat.terminal
        by_suffix = SUFFIX_FORMATS.get(out.suffix.lower())
        if by_suffix is None:
            from .usage import UsageProblem

            raise UsageProblem(
                f"无法从文件名“{out.name}”判断报告格式：请加 --format txt、md、json 或 docx，或把"
                "文件命名为 .txt、.md、.json 或 .docx，例如 plan report --out 2023年终总结.docx。",
                f"cannot tell the format from {out.name!r}: add --format txt, md, json or "
                "docx, or name the file .txt, .md, .json or .docx.",
                "--out",
            )
        return by_suffix
    if chosen is ReportFormat.docx and out is None:
        from .usage import UsageProblem

        raise UsageProblem(
            "Word 文档要写入文件，不能显示在终端上：请加 --out，例如 plan report --format docx "
            "--out 2023年终总结.docx。",
            "a Word document is written to a file: add --out FILE.docx.",
            "--format docx",
        )
    if chosen is ReportFormat.terminal and out is not None:
        from .usage import UsageProblem

        raise UsageProblem(
            "终端视图不能写入文件：写文件请用 --format txt、md、json 或 docx，例如 plan report "
            "--format txt --out 2023年终总结.txt。",
            "the terminal view is not written to a file: use --format txt, md, json or docx "
            "with --out.",
            "--out",
        )
    return chosen
