"""plan header: show the plan's header (title, organisation, year, period, language) or change
it, traced in [[plan.log]] and undone by plan undo like any change (``quanhu_plan.header``)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer

from ..periods import a_year_from
from .app import command, say_folded, session
from .change import By, Note, _apply, _stamp
from .typed import YearRange, parse_date


def _option(help_text: str, name: str, metavar: str = "TEXT") -> Any:
    return typer.Option(name, help=help_text, metavar=metavar, show_default=False)


@command("header")
def header(
    ctx: typer.Context,
    title: Annotated[str | None, _option("New title (计划名称).", "--title")] = None,
    organisation: Annotated[
        str | None, _option('Organisation (单位); "" removes it.', "--organisation")
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            help="Year (年度); the period written in the file moves with it unless --start or "
            "--end is given.",
            metavar="YEAR",
            click_type=YearRange(),
            show_default=False,
        ),
    ] = None,
    start: Annotated[
        str | None,
        _option(
            'First day of the period (开始日期): 2023-01-01, 2023/1/1, 1月1日…; "" for 1 January.',
            "--start",
            "DATE",
        ),
    ] = None,
    end: Annotated[
        str | None,
        _option(
            'Last day of the period (结束日期): 2023-12-31, 2023/12/31, 12月31日…; "" for 31 December.',
            "--end",
            "DATE",
        ),
    ] = None,
    language: Annotated[
        str | None,
        _option(
            "The plan's own language, zh or en (计划语言): what its output uses unless --lang "
            "or $PLAN_LANG says otherwise.",
            "--language",
            "zh|en",
        ),
    ] = None,
    note: Note = None,
    by: By = None,
) -> None:
    """Show or change the plan's header (计划表头): title, organisation, year, period, language.

    Without options it shows the header. A change is traced (plan log) and undone by plan undo
    like any other; fields it does not know ([plan.warning], source) stay as they are."""
    from .. import header as core
    from ..texts import label, labelled
    from .usage import UsageProblem

    given: dict[str, Any] = {}
    if title is not None:
        if not title.strip():
            raise UsageProblem("--title 不能为空：请写计划名称。", "must not be empty.", "--title")
        given["title"] = title
    if organisation is not None:
        given["organisation"] = organisation
    if year is not None:
        given["year"] = year
    run = session(ctx)
    for name, value in (("start", start), ("end", end)):
        if value is not None:
            year_of = _year_of(run, year, given.get("start"))
            given[name] = parse_date(value, f"--{name}", year_of) if value.strip() else None
    if language is not None:
        if language.strip() not in ("zh", "en", ""):
            raise UsageProblem(
                '--language 只能是 zh（中文）或 en（English）；写 "" 则去掉（即中文）。',
                'use zh (Chinese) or en (English); "" removes it (then zh).',
                "--language",
            )
        given["lang"] = language
    if not given:
        plan = run.plan()
        lang = run.lang(plan)
        for name in core.HEADER_FIELDS:
            value = plan.meta.get(name)
            shown = core.header_value(value, lang)
            if value is None and name in ("year", "start", "end", "lang"):
                implied = {"year": plan.year, "start": plan.start, "end": plan.end}
                shown = core.header_value(implied.get(name, plan.lang), lang)
            field = core.field_name(name, lang)  # (in English a label, as the log has it:
            say_folded(labelled(lang, field[:1].upper() + field[1:], shown), hang=2)  # Title: …)
        # the embedded plan by name: its path is a file of the installation, not one's own
        shown = label(lang, "embedded") if run.source.embedded else run.source.label
        say_folded(labelled(lang, "文件" if lang == "zh" else "File", shown), hang=2)
        return
    stamp = _stamp(by)
    _apply(ctx, lambda plan: core.edit_header(plan, given, stamp, note=note))


def _year_of(run: Any, year: int | None, start: dt.date | None) -> Any:
    """The year of a day typed without one (7月1日) that comes with --year or --start: in the
    new year's period (the plan's moved with it), and an end within a year of the start typed
    (--start 2024-07-01 --end 6-30 ends in 2025); else the plan's, as for any day typed."""
    if year is None and start is None:
        return None

    def year_of(month: int, day: int) -> int:
        from ..header import shifted
        from ..inputs import plan_year

        plan = run.plan()
        moved = (year or plan.year) - plan.year
        first = start or shifted(plan.start, moved)
        last = a_year_from(start) if start else shifted(plan.end, moved)
        return plan_year(year or plan.year, first, last)(month, day)

    return year_of
