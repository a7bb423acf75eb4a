"""Commands over the trace every change leaves: undo (the newest change not yet undone:
``quanhu_plan.undoing``) and log (the history, newest first: ``quanhu_plan.trace``).
"""

from __future__ import annotations

from typing import Annotated

import typer

from .app import Pager, command, complete_item_id, say, session
from .change import _apply, _date, _stamp
from .item_argument import refuse_blank_id

# How many entries plan log shows without --limit or --all: a year's trace has thousands.
LOG_LIMIT = 50


@command()
def undo(
    ctx: typer.Context,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            help="Whose change to undo, and who undoes it, for the trace (记录人); default: "
            "your login name.",
            metavar="NAME",
            show_default=False,
        ),
    ] = None,
    anyone: Annotated[
        bool,
        typer.Option("--anyone", help="Undo the most recent change whoever made it (任何人的)."),
    ] = False,
) -> None:
    """Undo your most recent change to the plan (撤销).

    The most recent change not yet undone that you made (--by, default your login name), also
    after a git merge brought in colleagues' changes: theirs are never taken back unless
    --anyone. Run it again for the one before. The undo is recorded too; a removed item comes
    back with its history."""

    stamp = _stamp(by)
    from ..undoing import undo as undo_newest

    # (a second undo after a Ctrl-C takes back the change before: said so)
    _apply(
        ctx,
        lambda plan: undo_newest(plan, stamp, anyone=anyone),
        interrupted="undo_saved_before_interrupt",
    )


@command("log")
def show_log(
    ctx: typer.Context,
    item: Annotated[
        str | None,
        typer.Argument(
            help="Only this item and what is under it (an id or title fragment; a removed "
            "item by its id).",
            autocompletion=complete_item_id,
            metavar="ID",
            show_default=False,
            callback=refuse_blank_id,
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Only what happened on or after this day (起始日期): the day of the fact (--on), else the day it was recorded.",
            metavar="DATE",
            show_default=False,
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            help="Only what happened on or before this day (截止日期).",
            metavar="DATE",
            show_default=False,
        ),
    ] = None,
    recorded: Annotated[
        bool,
        typer.Option(
            "--recorded",
            help="--since and --until compare the day each change was recorded (记录日期), not the day it happened.",
        ),
    ] = False,
    limit: Annotated[
        int,
        typer.Option(
            "--limit",
            "-n",
            help="Show the newest N entries (最新N条).",
            metavar="N",
            min=1,
        ),
    ] = LOG_LIMIT,
    show_all: Annotated[bool, typer.Option("--all", "-a", help="Show every entry (全部).")] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON instead of a table (same content).")
    ] = False,
    pager: Pager = False,
) -> None:
    """The history of changes, newest first (修改记录/全程留痕).

    Of the whole plan, removed items included, or of one item and what is under it; the newest
    50 entries unless --limit or --all."""
    from typer._click.core import ParameterSource

    from ..texts import label

    if show_all and ctx.get_parameter_source("limit") is ParameterSource.COMMANDLINE:
        from .usage import UsageProblem

        raise UsageProblem(  # not one taken over the other without a word
            f"--all（全部）和 --limit {limit}（最新 {limit} 条）只能用一个：例如 plan log --all，"
            f"或 plan log --limit {limit}。",
            f"--all (every entry) and --limit {limit} (the newest {limit}) cannot go together: "
            f"e.g. plan log --all, or plan log --limit {limit}.",
            "--all",
        )
    # The newest entries of the whole plan: only the tables that can hold one are loaded
    # (``trace.newest_rows``); any other view reads every item's table (``Session``).
    newest = item is None and since is None and until is None and not show_all
    run = session(ctx, whole=item is None and not newest)
    first, last = _date(since, "--since"), _date(until, "--until")
    if first is not None and last is not None and first > last:  # not "no history"
        from .usage import UsageProblem

        raise UsageProblem(
            f"--since {first} 晚于 --until {last}，两者之间不会有任何记录：请把两个日期对调，"
            f"例如 plan log --since {last} --until {first}。",
            f"--since {first} is after --until {last}, so nothing can be in between: swap "
            f"them, e.g. plan log --since {last} --until {first}.",
            "--since",
        )
    plan = run.plan()
    if newest:
        from ..trace import newest_rows

        shown, total = newest_rows(plan, limit)
    else:
        from ..trace import history_rows, newest_first

        rows = history_rows(plan, item, since=first, until=last, recorded=recorded)
        shown, total = newest_first(rows, None if show_all else limit), len(rows)
    lang = run.lang(plan)
    if as_json:
        from ..terminal import print_json

        print_json([row.to_dict() for row in shown])
        # The entries alone, but cut to 50 unasked (plan log --json > trace.json): said.
        if ctx.get_parameter_source("limit") is ParameterSource.COMMANDLINE:
            return
    else:
        from ..terminal.plain import draw
        from ..terminal.trace_view import trace_table

        draw(trace_table(shown, lang, plan=plan), pager)
    if len(shown) < total:
        say(label(lang, "log_cut").format(shown=len(shown), total=total), err=True, fold=True)
