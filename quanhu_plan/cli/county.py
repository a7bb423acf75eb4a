"""plan county: many towns' plans in one table (县级汇总): a row per plan with its ``plan status``
figures, the ranking, the towns that did not report, and the 通报 as Markdown, Word or Excel.
The view is ``quanhu_plan.county``'s; the files are the store's; this module reads them (on
both cores when there are many), picks the format and writes the file."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Annotated, Any

import typer

from .. import store
from ..errors import PlanError
from ..texts import LANGS, counted
from .app import command, say, session
from .language import lang_of_env
from .outfile import Force, deliver, may_overwrite, output_and_format
from .typed import typed


class CountyFormat(StrEnum):
    md = "md"
    docx = "docx"
    xlsx = "xlsx"


SUFFIX_FORMATS = {
    ".md": CountyFormat.md,
    ".markdown": CountyFormat.md,
    ".docx": CountyFormat.docx,
    ".xlsx": CountyFormat.xlsx,
}

# From this many plans on, they are read by two processes (on a machine with two cores or
# more, where a process can be forked): a plan of a thousand tasks takes some 15 ms to load and
# add up, and a county has up to thirty.
PARALLEL_FROM = 8


@command("county")
def county(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Plan files, or folders: every plan file under a folder (default: this folder).",
            metavar="PATH...",
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="Every plan as it stood at the end of this day, replayed from its trace "
            "(截至日期); default: each plan as it is now, judged today or at its end if earlier.",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    output_format: Annotated[
        CountyFormat | None,
        typer.Option(
            "--format",
            help="Write the 通报: md (Markdown), docx (Word) or xlsx (Excel; docx and xlsx need "
            "--out); with --out alone, taken from its suffix.",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Write the 通报 to this file (输出文件; - prints it); asks before overwriting.",
            show_default=False,
        ),
    ] = None,
    force: Force = False,
    key: Annotated[
        str | None,
        typer.Option(
            "--key",
            metavar="KEY",
            help="Show one county task across the plans: the items whose key (县级任务编号) is KEY.",
            show_default=False,
        ),
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            "-s",
            metavar="STATUS",
            help="List the tasks of this status across the plans (状态), e.g. blocked or 受阻, "
            "as plan list takes it. Repeatable.",
            show_default=False,
        ),
    ] = None,
    pace: Annotated[
        list[str] | None,
        typer.Option(
            "--pace",
            "-p",
            metavar="PACE",
            help="List the tasks of this pace class across the plans (序时进度), e.g. overdue "
            "or 逾期, as plan list takes it. Repeatable.",
            show_default=False,
        ),
    ] = None,
    report_day: Annotated[
        str | None,
        typer.Option(
            "--report-day",
            metavar="DAY",
            help='Reports are due by this day of each month (报送日), e.g. 25, "每月25日前" or '
            "月底; default: county.toml's, else the 25th of each month.",
            show_default=False,
        ),
    ] = None,
    stale_days: Annotated[
        int | None,
        typer.Option(
            "--stale-days",
            metavar="N",
            min=1,
            max=3660,
            help="Instead of --report-day: flag a plan with nothing recorded in the last N days.",
            show_default=False,
        ),
    ] = None,
    weights: Annotated[
        str | None,
        typer.Option(
            "--weights",
            metavar="W",
            help="Rank by a score instead of completion (权重), e.g. "
            "completion=0.6,on_pace=0.4,overdue=2; default: county.toml's, else by completion.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Many plans in one table (县级汇总): a row per plan with its completion, pace, lights and
    newest record, ranked, the plans not reported (未按要求报送), and the 通报.

    A folder means every *.toml under it with a [plan] table; county.toml there sets the
    reporting rule and the ranking weights. A bad file is named and left out, the others are
    still counted, and the exit code is 1. --key, --status and --pace list tasks across the
    plans instead: one county task, or the overdue (逾期) or blocked (受阻) tasks of every
    town."""
    from ..county.reporting import ReportingRule

    lang_asked = session(ctx).lang_option or lang_of_env()
    given = paths or [Path(".")]
    files, aside = store.plan_files(given)
    # A mistake found before the plans are read is told in their language too (English when
    # all of them are): read for it only then, since the plans are read below anyway.
    session(ctx).spoken = lambda: _language(lang_asked, _plans_langs(files))
    if key is not None:  # an empty one ("$KEY" unset) is refused, not taken for no --key
        from .change import _seen_text

        key = _seen_text(key, "--key")
    pick = _pick(key, status, pace)
    chosen: CountyFormat | None
    if as_json or pick is not None:  # no 通报: _format says what does not go with them
        chosen = _format(output_format, out, as_json, pick)
    else:
        out, chosen = output_and_format(
            out,
            output_format,
            CountyFormat.md,
            (CountyFormat.docx, CountyFormat.xlsx),
            lambda given, file: _format(given, file, as_json, pick),
        )
    rule = _rule(report_day, stale_days)
    weighting = _weights(weights)
    day = _day(as_of) if as_of is not None else dt.date.today()
    if out is not None:
        _refuse(out, [path for path, _ in files])
        may_overwrite(out, force, session(ctx).lang)
    settings = store.county_settings(given)
    issuer = None
    if settings is not None:  # in use: not a file left aside; the options go before it
        from ..county.settings import read_settings

        aside = [(path, why) for path, why in aside if not store.same_file(path, settings)]
        said_rule, said_weights, issuer = read_settings(
            store.parse_toml(store.read_text(settings), str(settings)), str(settings)
        )
        rule = rule or said_rule
        weighting = weighting or said_weights

    results = _read_all(files, day if as_of is not None else None, pick)
    from ..county.view import County, LeftOut

    rows, errors = [], []
    skipped = [LeftOut(str(path), why) for path, why in aside]
    for path, result in zip(files, results, strict=True):
        kind, value = result
        if kind == "row":
            rows.append(value)
        elif kind == "skip":
            skipped.append(LeftOut(str(path[0]), value))
        else:
            errors.append((str(path[0]), value))
    _identify_namesakes(rows)
    if not rows and not errors:
        from ..county.view import NoPlans

        files_skipped = sum(1 for left in skipped if left.why != "no_plans")
        raise NoPlans([str(path.absolute()) for path in given], files_skipped)
    if not rows and not as_json:  # no table or 通报 of nothing: the bad files are the message
        from ..county.view import NothingCounted

        raise NothingCounted(errors, str(out) if out is not None else None)
    lang = _language(lang_asked, rows)
    if lang_asked is None:  # (PLAN_LANG=fr: said, as by every command)
        from .setting_notes import note_unknown_lang

        lang = note_unknown_lang(session(ctx), lang)
    session(ctx).spoken = lambda: lang
    county_view = County(
        rows,
        day,
        rule or ReportingRule(),
        weighting,
        skipped,
        [LeftOut(file, "error", messages[lang]) for file, messages in errors],
        lang,
        as_of_given=as_of is not None,
        pick=pick,
        issuer=issuer,
    )
    _show(county_view, chosen, out, as_json)
    if chosen is not None:  # the terminal shows no table: why the exit code is 1
        from ..county.words import errors_said

        left_out = errors_said(county_view)
        if left_out:
            say(left_out, err=True, fold=True)
    for row in county_view.rows:
        if row.conflicts:  # the commands it advises name the town's file, as a bad file's do
            from .advice import naming_file

            said = _in_conflict(row.file, row.conflicts, lang)
            say(naming_file(said, row.file), err=True, fold=True)
    if errors:
        raise typer.Exit(1)


def _pick(key: str | None, status: list[str] | None, pace: list[str] | None) -> Any:
    """What --key, --status and --pace pick across the plans (``county.view.Pick``); None: the
    ranking."""
    if key is None and not status and not pace:
        return None
    from ..county.view import Pick
    from ..texts import parse_pace, parse_status
    from .typed import filter_choice

    return Pick(
        key,
        tuple(filter_choice(v, parse_status, "--status", "county") for v in status or ()),
        tuple(filter_choice(v, parse_pace, "--pace", "county") for v in pace or ()),
    )


def _in_conflict(file: str, count: int, lang: str) -> str:
    """Said (on stderr, beside the table or the 通报) of a plan counted with merge conflicts
    open, as plan status and plan report say it of one plan: its row is not final."""
    if lang == "zh":
        return (
            f"注意：{file} 有 {count} 处合并冲突未解决，它这一行的数字暂以合并时保留的值（--ours）计，"
            "尚无定论。"
            f"在该计划中 plan check 列出双方的值，plan resolve 解决。"
        )
    return (
        f"Note: {file} has {counted(count, 'merge conflict')} not settled; its row counts the "
        "values the merge kept for now (--ours) and is not final. plan check in that plan lists "
        "both values; plan resolve settles them."
    )


def _day(as_of: str) -> dt.date:
    """--as-of as typed (2023-06-30, 2023年6月30日, 今天…: inputs.read_date). Without a year it
    is refused: the plans may be of different years, so none of them gives it."""
    from ..inputs import read_date

    return typed("--as-of", lambda: read_date(as_of, dt.date.today(), None))


def _rule(report_day: str | None, stale_days: int | None) -> Any:
    """The reporting rule the options state (None: none stated)."""
    from ..county.reporting import ReportingRule, parse_report_day

    if report_day is not None and stale_days is not None:
        from .usage import UsageProblem

        raise UsageProblem(  # (not a BadParameter of --stale-days: that is worded as its range)
            "--report-day 和 --stale-days 只能用一个：前者按每月的报送日，后者按最近 N 天有没有"
            "填报。例如：plan county --stale-days 30。",
            "give --report-day or --stale-days, not both: the first is a day of the month, the "
            "second a number of days without any record. For example: plan county --stale-days 30.",
        )
    if stale_days is not None:
        return ReportingRule(None, stale_days, origin="option")
    if report_day is None:
        return None
    day_of_month = parse_report_day(report_day)
    if day_of_month is None:
        raise typer.BadParameter(
            f"{report_day!r} names no day of the month (不是每月的某一天): write 25, "
            '"每月25日前" or 月底.',
            param_hint="--report-day",
        )
    return ReportingRule(day_of_month, origin="option")


def _weights(text: str | None) -> Any:
    from ..county.ranking import BadWeights, parse_weights

    if text is None:
        return None
    try:
        return parse_weights(text)
    except BadWeights as exc:
        from .usage import UsageProblem

        example = "plan county --weights completion=0.6,on_pace=0.4,overdue=2"
        raise UsageProblem(
            f"--weights 的值“{text}”不对：{exc.zh}。例如：{example}。",
            f"{exc.en}. For example: {example}.",
            "--weights",
        ) from None


def _show(county_view: Any, chosen: CountyFormat | None, out: Path | None, as_json: bool) -> None:
    lang = county_view.lang
    if as_json:
        from ..terminal import print_json

        print_json(county_view.key_record() if county_view.pick else county_view.to_dict())
        return
    if chosen is None:
        from ..terminal.console import console
        from ..terminal.county_view import county_table, key_table

        shown = console()
        if county_view.pick:
            shown.print(key_table(county_view, width=shown.width))
        else:
            shown.print(county_table(county_view, width=shown.width))
        return
    data: str | bytes
    if chosen is CountyFormat.md:
        from ..county.markdown import to_markdown

        data = to_markdown(county_view)
    elif chosen is CountyFormat.docx:
        from ..county.docx import docx_bytes

        data = docx_bytes(county_view)
    else:
        from ..county.xlsx import xlsx_bytes

        data = xlsx_bytes(county_view)
    plans = len(county_view.rows)
    deliver(
        data,
        out,
        lambda: (
            f"已写入 {out}（{plans} 个计划）。"
            if lang == "zh"
            else f"Wrote {out} ({counted(plans, 'plan')})."
        ),
        lang,
    )


def _language(asked: str | None, rows: list[Any]) -> str:
    """--lang, else $PLAN_LANG, else English when every plan is in English, else Chinese."""
    if asked in LANGS:
        return str(asked)
    if rows and all(row.lang == "en" for row in rows):
        return "en"
    return "zh"


# ---------------------------------------------------------------- reading the plans


def _read_all(
    files: list[tuple[Path, bool]], as_of: dt.date | None, pick: Any
) -> list[tuple[str, Any]]:
    """Each file's row, or why it is left out, in the order of ``files``."""
    today = dt.date.today()
    jobs = [(str(path), named, as_of, today, pick) for path, named in files]
    if len(jobs) >= PARALLEL_FROM:
        from ..forked import can_fork

        if can_fork(other_threads=True):
            return _read_in_two(jobs)
    return _read_some(jobs)


def _read_in_two(jobs: list[Any]) -> list[tuple[str, Any]]:
    """Read every other plan in a forked copy of this process while this one reads the rest
    (``forked``); the copy sends its rows back. A copy that fails, or dies, leaves its plans
    to this process, which then reads them itself; a Ctrl-C ends it at once."""
    from ..forked import fork_copy

    theirs_jobs, mine_jobs = jobs[1::2], jobs[0::2]
    copy = fork_copy(partial(_read_some, theirs_jobs))
    try:
        mine = _read_some(mine_jobs)
    except BaseException:
        if copy is not None:
            copy.end()
        raise
    theirs = copy.answer() if copy is not None else None
    if type(theirs) is not list or len(theirs) != len(theirs_jobs):
        theirs = _read_some(theirs_jobs)
    merged: list[tuple[str, Any]] = []
    for n in range(len(jobs)):
        merged.append(mine[n // 2] if n % 2 == 0 else theirs[n // 2])
    return merged


def _read_some(
    jobs: list[tuple[str, bool, dt.date | None, dt.date, Any]],
) -> list[tuple[str, Any]]:
    """Read and add up plans with the garbage collector paused: loading a plan from the parse
    cache makes some thirty thousand objects, and each collection it sets off walks every
    object made so far (the loads take half the time without it). What was read is then
    frozen (``gc.freeze``), so that no later collection walks it either: the command ends
    soon after, and it is not garbage before."""
    from ..collector import paused

    with paused(freeze=True):
        return [_read_one(*job) for job in jobs]


def _read_one(
    file: str, named: bool, as_of: dt.date | None, today: dt.date, pick: Any
) -> tuple[str, Any]:
    """("row", PlanRow), ("skip", why) or ("error", {lang: message}): plain data, so that it
    can come back from another process."""
    from ..county.view import plan_row
    from ..errors import PlanInvalid

    path = Path(file)
    try:
        plan = store.load(store.PlanSource(path), tidy=False)
        conflicts = _conflicts_open(plan)
        if as_of is None:
            row = plan_row(file, plan, plan.default_as_of(today), None, pick)
        else:
            from ..replay import not_begun, plan_as_of

            # A plan whose period had not begun has nothing done, whatever its file says.
            then = not_begun(plan) if as_of < plan.start else plan_as_of(plan, as_of)
            row = plan_row(file, then, as_of, as_of, pick, keys_from=plan)
        row.conflicts = conflicts
        return "row", row
    except PlanError as exc:
        if not named and isinstance(exc, PlanInvalid) and not store.has_plan_table(path):
            return "skip", "not_a_plan"
        from ..errors import NotAFile

        if isinstance(exc, NotAFile) and exc.role == "plan":  # said as of a town's file
            exc = NotAFile(exc.path, exc.kind, "county")
        # The command it advises (plan check) names the town's file: run as it is in the
        # county's folder, it would read another plan (and find nothing wrong).
        from .advice import naming_file

        return "error", {lang: naming_file(exc.message(lang), file) for lang in LANGS}


def _conflicts_open(plan: Any) -> int:
    """How many merge conflicts the plan as it is holds open: none looked for item by item
    where what every item's sketch says (recalled with the plan) says there is none."""
    from ..sketches import sketched_marks
    from ..store.cache import marks_as_recalled
    from .app import no_conflicts

    marks = marks_as_recalled(plan)
    if no_conflicts(plan, marks if marks is not None else sketched_marks(plan.roots)):
        return 0
    from ..merging.conflicts import open_conflicts

    return len(open_conflicts(plan))


def _plans_langs(files: list[tuple[Path, bool]]) -> list[Any]:
    """The plans' languages (as rows: ``.lang``), of those that read."""
    from types import SimpleNamespace

    langs = []
    for path, _named in files:
        try:
            langs.append(SimpleNamespace(lang=store.load(store.PlanSource(path), tidy=False).lang))
        except PlanError:
            pass
    return langs


def _identify_namesakes(rows: list[Any]) -> None:
    """Give the plans that share an organisation (or title) and year what tells a copy of one
    (``county.view.identify``); only they can be copies, and they are few, so the others are
    not read again."""
    from ..county.view import identify

    groups: dict[tuple[str, Any], list[Any]] = {}
    for row in rows:
        groups.setdefault((row.own_name, row.year), []).append(row)
    for group in groups.values():
        if len(group) > 1:
            for row in group:
                try:
                    path = Path(row.file)
                    identify(
                        row, store.load(store.PlanSource(path), tidy=False), store.read_text(path)
                    )
                except (PlanError, OSError):  # changed meanwhile: not taken for a copy
                    pass


# ---------------------------------------------------------------- the output file


def _format(
    chosen: CountyFormat | None, out: Path | None, as_json: bool, pick: Any
) -> CountyFormat | None:
    """The 通报's format (None: the terminal or JSON); a bad combination is a usage error."""
    if as_json and (chosen is not None or out is not None):
        raise typer.BadParameter(
            "--json prints to the terminal (JSON 只输出到终端): leave out --format and --out.",
            param_hint="--json",
        )
    if pick is not None and (chosen is not None or out is not None):
        option = "--key" if pick.key is not None else "--status" if pick.statuses else "--pace"
        raise typer.BadParameter(
            f"{option} lists tasks in the terminal or as JSON ({option} 只用于终端或 --json): "
            "leave out --format and --out.",
            param_hint=option,
        )
    by_suffix = SUFFIX_FORMATS.get(out.suffix.lower()) if out is not None else None
    if chosen is None:
        if out is None:
            return None
        if by_suffix is None:
            raise typer.BadParameter(
                f"cannot tell the format from {out.name!r} (无法从文件名判断格式): add "
                "--format md, docx or xlsx, or name the file .md, .docx or .xlsx.",
                param_hint="--out",
            )
        return by_suffix
    if chosen is not CountyFormat.md and out is None:
        raise typer.BadParameter(
            f"a {chosen.value} file is written to a file, not to the terminal (需要输出文件): "
            f"add --out FILE.{chosen.value}.",
            param_hint=f"--format {chosen.value}",
        )
    if by_suffix is not None and by_suffix is not chosen:
        assert out is not None
        raise typer.BadParameter(
            f"{out.name!r} names a {by_suffix.value} file but --format is {chosen.value} "
            f"(文件扩展名与格式不符): name the file .{chosen.value}, or leave --format out.",
            param_hint="--out",
        )
    return chosen


def _refuse(out: Path, plans: list[Path]) -> None:
    """Never onto a plan being read (its lock or journal), nor the embedded plan; nor a folder,
    a FIFO or a device (the report's rules)."""
    from ..errors import OutputIsThePlan

    for plan in plans:
        store.refuse_output_path(out, store.PlanSource(plan))
    embedded = store.embedded_plan_path()
    if store.same_file(out, embedded):
        raise OutputIsThePlan(str(out), str(embedded), "plan")
    if not plans:
        kind = store.output_kind(out)
        if kind is not None:
            from ..errors import NotAFile

            raise NotAFile(str(out), kind, "out")
