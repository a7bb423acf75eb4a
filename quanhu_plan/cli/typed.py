"""Values typed on the command line, read for the commands: a date, a deadline or start
(2023-06-30, 6月30日, 二季度 …: ``inputs``) in the plan's year, any value whose reading fails as
a usage error (exit 2) in the output language; and where a new plan file goes (``--out``)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from typer._click.types import IntRange

from .. import store
from ..errors import PlanFileError
from ..errors.files import writing
from .app import Session

T = TypeVar("T")


class YearRange(IntRange):
    """A year option or argument (``plan new``, ``--year``): 1900 to 2999, typed as an office
    types it too (２０２４, 2024年, 二〇二四年: ``inputs.typed_year``); click's range and its
    refusal otherwise."""

    def __init__(self) -> None:
        from ..validate import YEARS

        super().__init__(YEARS[0], YEARS[1])

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        if isinstance(value, str):
            from ..inputs import typed_year

            value = typed_year(value)
        return super().convert(value, param, ctx)


def typed(option: str, read: Callable[[], T], only: type[Exception] | None = None) -> T:
    """``read()`` a value the user typed (quanhu_plan.inputs); one it cannot read is a usage
    error (exit 2) whose message, in the output language, lists the forms that work. ``only``:
    that kind of InputError alone (a ``read`` that does more than read the option)."""
    from ..inputs import InputError

    try:
        return read()
    except InputError as exc:
        if only is not None and not isinstance(exc, only):
            raise
        from .usage import UsageProblem  # (only for a value it cannot read: 0.5 ms)

        raise UsageProblem(f"{option} {exc.zh}", exc.en, hint=option) from None


def plan_year_of(month: int, day: int) -> int:
    """The year a day typed without one (6月30日, 6-30, 二季度) falls in: the plan's."""
    from ..inputs import plan_year

    plan = (Session.latest or Session()).plan()
    return plan_year(plan.meta.get("year"), plan.start, plan.end)(month, day)


def parse_date(
    value: str, option: str, year_of: Callable[[int, int], int] | None = None
) -> dt.date:
    """A date the user typed (2023-06-30, 2023/6/30, 2023年6月30日, 6月30日 in the plan's year or
    the one ``year_of`` gives, 今天…: inputs.read_date); a bad one is a usage error (exit 2)."""
    from ..inputs import read_date

    return typed(option, lambda: read_date(value, dt.date.today(), year_of or plan_year_of))


def parse_period(
    value: str,
    option: str,
    role: str = "due",
    *,
    task_due: bool = False,
    today: dt.date | None = None,
) -> dt.date | str:
    """A deadline (``role`` "due") or start ("start") the user typed: a date, a month (2023-05,
    2023年5月, 5月) or a quarter (2023-Q2, 二季度), as the file keeps it (inputs.read_period); a
    bad one is a usage error (exit 2). ``task_due``: a task's --due (add, edit), whose refusal
    names the more it takes (15个工作日内, 长期坚持 kept as words: ``inputs.DUE_FORMS``).
    ``today``: the command's day (its --on), from which 春节前 is the coming one; default today."""
    from ..inputs import DUE_FORMS, PERIOD_FORMS, read_period

    forms = DUE_FORMS if task_due else PERIOD_FORMS
    day = today or dt.date.today()
    found = typed(option, lambda: read_period(value, day, plan_year_of, role, forms))
    if day != dt.date.today():
        _counted_from_which_day(value, option, found, day, role)
    return found


def _counted_from_which_day(
    value: str, option: str, found: dt.date | str, on: dt.date, role: str
) -> None:
    """A day counted from today (明天, 下周五, 明天前) typed with --on another day: from which
    day? Read from --on's, ``plan add 1 修桥 --on 昨天 --due 明天`` kept today as the deadline,
    its --on counted from the clock's today in the same line. Refused with both days."""
    from ..inputs import from_today

    text = value.strip()
    if not (from_today(text) or from_today(text.removesuffix("前"))):
        return
    from ..inputs import InputError, read_period
    from .usage import UsageProblem

    try:
        clock = read_period(value, dt.date.today(), plan_year_of, role)
    except InputError:
        return
    if clock == found:
        return
    from ..controls import typed_shown

    shown = typed_shown(value)
    raise UsageProblem(
        f"{option} 的值“{shown}”从哪天算起？从今天算是 {clock}，从 --on 的 {on.isoformat()} "
        f"算是 {found}：请写日期。",
        f"'{shown}' counted from which day? From today it is {clock}, from --on's "
        f"{on.isoformat()} it is {found}: write the date.",
        option,
    )


def resolve_output_path(path: Path) -> Path:
    try:
        return path / store.PLAN_FILE_NAME if path.is_dir() else path
    except OSError as exc:  # a name too long, a folder one may not look into
        raise PlanFileError(
            str(path), writing(exc.errno), exc.strerror or str(exc), exc.errno
        ) from None


def output_plan_path(named: str, make: bool = True) -> Path:
    """Where a new plan file goes, as typed: a folder gets plan.toml in it, and a folder typed
    with a trailing slash that is not there yet (2024/; a Path forgets the slash) is made, if
    its parent is (not in a dry run: ``make`` False). A name a Windows PC cannot hold, the file's
    or the folder's to be made, is refused before either is (``store.refuse_unportable_name``)."""
    if named == "-":  # the terminal for report, export and county (outfile): a file so is a trap
        from .usage import UsageProblem

        raise UsageProblem(
            "“-” 在 plan 里指终端（标准输出，如 plan report --out -），计划不能写到那里，"
            "也不会建一个名叫 - 的文件：请写出计划的文件名，例如 plan-2024.toml。",
            '"-" is the terminal (standard output, as in plan report --out -) to plan: a plan '
            "cannot be written there, and no file named - is made. Give the plan file's name, "
            "e.g. plan-2024.toml.",
        )
    path = Path(named)
    if named.endswith(("/", os.sep)) and os.path.lexists(path) and not os.path.isdir(path):
        from ..errors import PathThroughFile  # notes.txt/: a file, where a folder was meant

        raise PathThroughFile(str(path / store.PLAN_FILE_NAME), "create", str(path))
    if named.endswith(("/", os.sep)) and not os.path.exists(path):  # (a name too long: False)
        store.refuse_unportable_name(named)
        if not make:
            return path / store.PLAN_FILE_NAME
        try:
            path.mkdir()
        except (FileNotFoundError, NotADirectoryError):  # its parent missing, or a file: said
            pass  # as for any missing folder (``store.create``)
        except OSError as exc:
            raise PlanFileError(
                str(path), writing(exc.errno), exc.strerror or str(exc), exc.errno
            ) from None
        return path / store.PLAN_FILE_NAME
    target = resolve_output_path(path)
    if target is path and not os.path.lexists(path):  # (a new file: not a folder, nor --force)
        store.refuse_unportable_name(named)
    return target


def filter_choice(value: str, parse, option: str, command: str = "list") -> str:  # type: ignore[no-untyped-def]
    """A --status or --pace value as typed (进行中, doing), as its key; else a usage error
    whose example is of ``plan {command}``. A pace given to --status (欠进度, 滞后: words
    ``plan import`` reads as in progress in a status cell) is refused with the --pace to
    type: read as a status, it listed every task in progress, ahead and on pace too."""
    if option in ("--status", "--pace"):
        _the_other_filter(value, option, command)
    key = parse(value)
    if key is None:
        from ..controls import typed_quoted, typed_shown
        from .usage import UsageProblem

        allowed = {
            "--status": "未开始、进行中、已完成、受阻、已取消（或 todo、doing、done、blocked、dropped）",
            "--pace": "已完成、超进度、达进度、欠进度、逾期、已取消（或 done、ahead、on_pace、behind、"
            "overdue、dropped）",
        }.get(option, "plan list --help 中列出的值")
        raise UsageProblem(
            f"{option} 的值“{typed_shown(value)}”不可用：可以写 {allowed}。例如：plan {command} {option} "
            f"{'进行中' if option == '--status' else '欠进度'}。",
            f"{typed_quoted(value)} is not one of the allowed values: write "
            + {
                "--status": "todo, doing, done, blocked or dropped (or not started, in progress, "
                f"done, blocked, dropped). For example: plan {command} --status doing.",
                "--pace": "done, ahead, on_pace, behind, overdue or dropped (on pace too). For "
                f"example: plan {command} --pace behind.",
            }.get(option, "one listed in plan list --help."),
            option,
        )
    return key


def _the_other_filter(value: str, option: str, command: str) -> None:
    """A pace given to --status (欠进度) or a status to --pace (进行中), refused with the option
    that takes it; a word both take alike (已完成, 已取消) is left to ``parse``."""
    from ..texts import parse_pace, parse_status

    other, parse, zh, en = (
        ("--pace", parse_pace, "序时进度，不是状态", "a pace, not a status")
        if option == "--status"
        else ("--status", parse_status, "状态，不是序时进度", "a status, not a pace")
    )
    if option == "--pace" and parse_pace(value):  # (first: parse_status loads the import's)
        return  # (超进度 is a word a status cell is read as in progress from, and a pace)
    if parse(value) in (None, "done", "dropped"):
        return
    from ..controls import typed_shown
    from .usage import UsageProblem

    shown = typed_shown(value)
    raise UsageProblem(
        f"{option} 的值“{shown}”是{zh}：请用 {other}，如 plan {command} {other} {shown}。",
        f"'{shown}' is {en}: use {other}, e.g. plan {command} {other} {shown}.",
        option,
    )
