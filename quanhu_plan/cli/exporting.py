"""plan export: the monthly 推进情况表 as an Excel workbook or a CSV table (导出推进情况表). The
table's content is ``quanhu_plan.exporting``'s; this module picks the format, checks where the
file goes (the report's rules: never onto the plan, never over a file without --force) and
writes it through the store."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from .. import store
from ..errors import OutputIsThePlan
from .app import PartOption, command, say_conflicts, session
from .outfile import Force, deliver, may_overwrite, output_and_format


class ExportFormat(StrEnum):
    xlsx = "xlsx"
    csv = "csv"


SUFFIX_FORMATS = {".xlsx": ExportFormat.xlsx, ".csv": ExportFormat.csv}


@command("export")
def export(
    ctx: typer.Context,
    output_format: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            help="xlsx (Excel workbook, needs --out) or csv (UTF-8 with a BOM); default: taken "
            "from --out's suffix, else csv.",
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="The plan as it stood at the end of this day, replayed from the trace "
            "(截至日期); default: the plan as it is now, judged today or at the plan's end if "
            "earlier; past the plan's end with changes recorded after it, the title's As of names "
            "the day its records go to (--as-of the plan's last day gives the plan as it stood "
            "then).",
            show_default=False,
        ),
    ] = None,
    part: PartOption = None,
    who: Annotated[
        str | None,
        typer.Option(
            "--who",
            "-w",
            metavar="TEXT",
            help="Only tasks whose lead, lead unit, supporting unit or owner (on the task or "
            "its goals) contains this text (责任).",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Write to this file (输出文件); without it (or with -), CSV goes to standard "
            "output. Asks before overwriting.",
            show_default=False,
        ),
    ] = None,
    force: Force = False,
) -> None:
    """The monthly 推进情况表 in Excel (.xlsx) or CSV (导出推进情况表): a row per task under
    its parts and goals, with who answers for it, the deadline, target and figure, completion
    (完成率), expected progress (序时进度), status, light (红黄绿灯) and the latest progress
    note, as the plan stood on --as-of.

    plan import reads the table back into the same plan (see docs/reference.md, Export)."""
    out, chosen = output_and_format(
        out, output_format, ExportFormat.csv, (ExportFormat.xlsx,), _format
    )
    from .change import _seen_text

    # An empty filter ("$WHO" unset) is refused, not taken for no filter.
    who = _seen_text(who, "--who") if who is not None else None
    part = _seen_text(part, "--part") if part is not None else None
    run = session(ctx, whole=part is None)  # every item's table (``Session``)
    lang = run.lang()
    plan, day = run.plan_at(as_of)
    scope = run.find_at(plan, part, day) if part is not None else None
    if out is not None:
        _refuse(out, run.source)

    from ..exporting.errors import NothingToExport
    from ..exporting.rows import progress_table

    # Dated as the year-end report is: a plan with records after its end at the latest of
    # them, not today (the table of a finished plan stands at its last record).
    latest = run.latest_recorded
    table = progress_table(plan, day, lang, part=scope, who=who, recorded_to=latest)
    if not table.tasks:
        raise NothingToExport(part, who)
    from ..exporting.rows import cut_cells, cut_notice

    cut = cut_cells(table)
    if cut:  # what was cut and where: the cell says how long, this says which cells
        from .app import say

        say(cut_notice(cut, lang), err=True)
    if chosen is ExportFormat.xlsx:
        from ..exporting.xlsx import xlsx_bytes

        data = xlsx_bytes(table)
    else:
        from ..exporting.csv_table import csv_bytes

        data = csv_bytes(table)
    if out is not None:
        may_overwrite(out, force, lang)
    # Printed as bytes: the BOM and CRLF as they are.
    deliver(data, out, lambda: _written(lang, out, table.counted, table.dropped, table.day), lang)
    say_conflicts(plan, lang, err=True)  # a table of figures not settled yet is not final


def _format(chosen: ExportFormat | None, out: Path | None) -> ExportFormat:
    """The format asked for, or the one --out's suffix names (CSV to standard output without
    --out); a bad pair is a usage error."""
    by_suffix = SUFFIX_FORMATS.get(out.suffix.lower()) if out is not None else None
    if chosen is None:
        if out is None:
            return ExportFormat.csv
        if by_suffix is None:
            from .usage import UsageProblem

            raise UsageProblem(
                f"无法从文件名“{out.name}”判断导出格式：请加 --format xlsx 或 csv，或把文件命名为 "
                ".xlsx 或 .csv，例如 plan export --out 推进情况表.xlsx。",
                f"cannot tell the format from {out.name!r}: add "
                "--format xlsx or csv, or name the file .xlsx or .csv.",
                "--out",
            )
        return by_suffix
    if chosen is ExportFormat.xlsx and out is None:
        from .usage import UsageProblem

        raise UsageProblem(
            "Excel 工作簿要写入文件，不能输出到终端：请加 --out，例如 plan export --out "
            "推进情况表.xlsx；或改用 --format csv。",
            "an Excel workbook is written to a file, not to the terminal: add --out FILE.xlsx, "
            "or use --format csv.",
            "--format xlsx",
        )
    if by_suffix is not None and by_suffix is not chosen:
        assert out is not None
        from .usage import UsageProblem

        raise UsageProblem(
            f"文件名“{out.name}”是 {by_suffix.value} 文件，但 --format 是 {chosen.value}，两者不符："
            f"请把文件命名为 .{chosen.value}，或去掉 --format。",
            f"{out.name!r} names a {by_suffix.value} file but --format is {chosen.value} "
            f"(the names do not agree): name the file .{chosen.value}, or leave --format out.",
            "--out",
        )
    return chosen


def _refuse(out: Path, source: store.PlanSource) -> None:
    """Never onto the plan in use, its lock or journal, the embedded plan (through links), nor
    a folder, a FIFO or a device."""
    from ..exporting.errors import ExportOntoPlan

    try:
        store.refuse_output_path(out, source)
    except OutputIsThePlan as exc:
        raise ExportOntoPlan(exc.out, exc.target, exc.what) from None
    embedded = store.embedded_plan_path()
    if store.same_file(out, embedded):
        raise ExportOntoPlan(str(out), str(embedded), "embedded")


def _written(lang: str, out: Path | None, tasks: int, dropped: int, day: dt.date) -> str:
    """What was written: the tasks as status and the report count them, the dropped apart."""
    if lang == "zh":
        apart = f"，另有 {dropped} 项已取消" if dropped else ""
        return f"已写入 {out}（{tasks} 项任务{apart}，截至 {day}）。"
    from ..texts import plural_s

    apart = f" and {dropped} dropped" if dropped else ""
    return f"Wrote {out} ({tasks} task{plural_s(tasks)}{apart}, as of {day})."
