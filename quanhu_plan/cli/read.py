"""Commands that read the plan: status, list, show, check; and init (which copies it) and fmt
(which lays its file out canonically)."""

from __future__ import annotations

import datetime as dt
import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from .. import store
from ..texts import label, parse_pace, parse_status, plural_s
from .app import (
    Pager,
    PartOption,
    command,
    complete_item_id,
    lock_waiting,
    no_conflicts,
    print_after_save,
    say,
    say_conflicts,
    say_folded,
    session,
)
from .typed import filter_choice, output_plan_path, parse_period


def _blank_id(ctx: typer.Context, value: Any) -> Any:
    """``item_argument.refuse_blank_id``, loaded when ``show`` runs (a status loads no
    ``item_argument``)."""
    from .item_argument import refuse_blank_id

    return refuse_blank_id(ctx, value)


AS_OF_HELP = (
    "The plan as it stood at the end of this day, replayed from the trace (截至日期); "
    "default: the plan as it is now, judged today or at the plan's end if earlier."
)
JSON_HELP = "Print JSON instead of a table (same content)."

AsOf = Annotated[
    str | None, typer.Option("--as-of", metavar="DATE", help=AS_OF_HELP, show_default=False)
]
Json = Annotated[bool, typer.Option("--json", help=JSON_HELP)]


class GroupBy(StrEnum):
    unit = "unit"
    lead = "lead"
    owner = "owner"


@command()
def status(
    ctx: typer.Context,
    as_of: AsOf = None,
    by: Annotated[
        GroupBy | None,
        typer.Option(
            "--by",
            help="Group by who is responsible: unit (牵头单位), lead (责任领导) or owner (责任人).",
            show_default=False,
        ),
    ] = None,
    as_json: Json = False,
    pager: Pager = False,
) -> None:
    """Completion and pace of every part and goal (完成情况与序时进度)."""
    from ..records import missed_milestones, status_record, status_rows

    run = session(ctx)
    if as_of is None and by is None and not as_json:  # the plan as it is now, parts and goals
        goals = run.goals()  # (from the cache, no task's item made, where that can be)
        if goals is not None and _status_of_goals(run, goals, pager):
            return
    plan, day = run.plan_at(as_of)
    sketched = run.sketched(plan)  # what every item's sketch says, once
    group = by.value if by else None
    if as_json:
        from ..terminal import print_json

        record = status_record(plan, day, group, sketched)
        conflicts = _conflicts(plan, sketched)
        if conflicts:
            record["conflicts"] = conflicts
        print_json(record)
        return
    from ..collector import paused
    from ..terminal.plain import draw, output_width
    from ..terminal.status_view import status_table

    with paused():  # the figures and the table's rows: objects that live until it is drawn
        rows, total = status_rows(plan, day, group)
        missed = missed_milestones(plan, day, sketched)
        width = output_width()
        view = status_table(
            plan, rows, total, day, run.lang(), group, run.recorded_to, missed, width
        )
    draw(view, pager)
    say_conflicts(plan, run.lang(), sketched=sketched)


def _status_of_goals(run: Any, goals: Any, pager: bool) -> bool:
    """``status`` of the plan as it is now, drawn of its parts and goals alone
    (``goal_figures``): what the status above draws of the whole plan, said the same way
    (``Session.plan_at``, ``records.status_rows``). False, with nothing drawn, where the plan's
    merge conflicts are to be looked for item by item: the status reads the whole plan."""
    from ..collector import paused
    from ..goal_figures import goal_status_rows
    from ..terminal.plain import draw, output_width
    from ..terminal.status_view import status_table

    plan = goals
    if not no_conflicts(plan, goals.marks):
        return False
    day = run.judged_now(plan, goals.marks)
    lang = run.lang(plan)
    with paused():  # the figures and the table's rows: objects that live until it is drawn
        rows, total = goal_status_rows(goals, day)
        width = output_width()
        view = status_table(plan, rows, total, day, lang, None, run.recorded_to, [], width)
    draw(view, pager)  # (no conflict to say under it: ``no_conflicts`` said so above)
    return True


@command("list")
def list_items(
    ctx: typer.Context,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            "-s",
            metavar="STATUS",
            help="Only tasks with this status (状态): todo, doing, done, blocked, dropped or 未开始/进行中/已完成/受阻/已取消. Repeatable.",
            show_default=False,
        ),
    ] = None,
    pace: Annotated[
        list[str] | None,
        typer.Option(
            "--pace",
            "-p",
            metavar="PACE",
            help="Only tasks of this pace class (序时进度): done, ahead, on_pace, behind, overdue, dropped, ongoing or 已完成/超进度/达进度/欠进度/逾期/已取消/常态推进. Repeatable.",
            show_default=False,
        ),
    ] = None,
    who: Annotated[
        str | None,
        typer.Option(
            "--who",
            "-w",
            metavar="TEXT",
            help="Only tasks whose lead, lead unit, supporting unit or owner contains this text (责任).",
            show_default=False,
        ),
    ] = None,
    due_before: Annotated[
        str | None,
        typer.Option(
            "--due-before",
            metavar="DATE",
            help="Only tasks due before this date, or before a month (2023-07) or quarter "
            "(2023-Q3) begins (完成时限早于).",
            show_default=False,
        ),
    ] = None,
    part: PartOption = None,
    flat: Annotated[
        bool, typer.Option("--flat", help="A table of tasks instead of the tree (平铺).")
    ] = False,
    as_of: AsOf = None,
    as_json: Json = False,
    pager: Pager = False,
) -> None:
    """The plan's tree with check marks, status, who is responsible and due dates (任务清单)."""
    from ..records import ListFilter, item_record, select
    from .change import _seen_text

    # An empty filter ("$WHO" unset) is refused, not taken for no filter.
    who = _seen_text(who, "--who") if who is not None else None
    part = _seen_text(part, "--part") if part is not None else None
    run = session(ctx, whole=part is None)  # every item's table (``Session``)
    plan, day = run.plan_at(as_of)
    keep = ListFilter(
        statuses=tuple(filter_choice(v, parse_status, "--status") for v in status or ()),
        paces=tuple(filter_choice(v, parse_pace, "--pace") for v in pace or ()),
        who=who,
        due_before=_first_day(parse_period(due_before, "--due-before", "start"))
        if due_before is not None
        else None,
        part=run.find_at(plan, part, day) if part is not None else None,
    )
    if as_json:
        from ..terminal import print_json

        cut = day if as_of is not None else None  # (the trace up to that day: item_record)
        print_json([item_record(item, plan, day, trace_to=cut) for item in select(plan, day, keep)])
        return
    from ..terminal.list_view import list_table, list_tree
    from ..terminal.plain import draw

    view = list_table if flat else list_tree
    draw(view(plan, day, run.lang(), keep, run.recorded_to), pager)
    say_conflicts(plan, run.lang())


@command()
def show(
    ctx: typer.Context,
    item: Annotated[
        str,
        typer.Argument(
            help="Id or a fragment of the title (编号或名称片段).",
            metavar="ID",
            autocompletion=complete_item_id,
            callback=_blank_id,
        ),
    ],
    as_of: AsOf = None,
    everything: Annotated[
        bool,
        typer.Option(
            "--all",
            "-a",
            help="The whole log, and for a goal or part every item under it, not the newest "
            "entries and the items right under it (全部).",
        ),
    ] = False,
    as_json: Json = False,
    pager: Pager = False,
) -> None:
    """Everything about one goal or task, with its log (事项详情).

    A goal or part is summarised: its tasks counted, the items right under it, its newest log
    entries; a task shows its newest 50 entries; --all shows everything under it and its whole
    log."""
    from ..records import item_record

    run = session(ctx)
    plan, day = run.plan_at(as_of)
    found = run.find_at(plan, item, day)
    if as_json:
        from ..terminal import print_json

        print_json(item_record(found, plan, day, trace_to=day if as_of is not None else None))
        return
    from ..terminal.plain import draw
    from ..terminal.views import show_item
    from .advice import advising

    cut = day if as_of is not None else None  # (the trace up to that day: item_record)
    shown = show_item(found, plan, day, run.lang(), run.recorded_to, everything, advising, cut)
    draw(shown, pager)
    from ..merging.conflicts import OpenConflict, under_itself

    lang = run.lang()
    for record in found.data.get("conflict", []):  # checked: a list of tables
        loop = under_itself(found, record, plan)
        conflict = OpenConflict(found.id, found.title, record, loop=loop)
        # (a value over lines shown over lines, as the fields above show theirs)
        message = conflict.message(lang, over_lines=True)
        said = ("合并冲突：" if lang == "zh" else "Merge conflict: ") + message
        say(said, fold=True)  # (under a view drawn to the width: folded to it too)


@command()
def init(
    ctx: typer.Context,
    named: Annotated[
        str,
        typer.Argument(
            help="Where to write the plan (a file, or a folder for plan.toml in it).",
            metavar="PATH",
        ),
    ] = store.PLAN_FILE_NAME,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Write plan.toml even where the folder holds a plan under another name "
            "(never overwrites).",
        ),
    ] = False,
) -> None:
    """Write the embedded 2023 plan to a file to start from (复制内置计划); never overwrites."""
    run = session(ctx)
    from typer._click.core import ParameterSource

    from_env = None
    default = ctx.get_parameter_source("named") is ParameterSource.DEFAULT
    if default and run.file:
        named = run.file  # plan -f 镇计划.toml init: the file named, not plan.toml
    elif default and os.environ.get(store.PLAN_FILE_ENV):
        if not os.environ[store.PLAN_FILE_ENV].strip():
            from ..errors import BlankPlanFileSetting

            raise BlankPlanFileSetting()
        # PLAN_FILE set (the guide's 总用同一个文件): the file every other command reads,
        # not a plan.toml here that none of them would find while it is set
        named = from_env = os.environ[store.PLAN_FILE_ENV]
    if named == "-" and not default:  # plan init -: the terminal, as plan new and import say
        output_plan_path(named)
    # ~ the home folder, a web address and - refused, as every command reads --file, PLAN_FILE
    from ..store.locating import named_path

    path = named_path(named, store.PLAN_FILE_ENV if from_env else None)
    if named.startswith("~"):  # (kept a string: a trailing slash still makes a folder)
        named = os.path.expanduser(named)
        from_env = named if from_env else None
    if default and not run.file and not from_env:
        if path.is_dir():  # plan.toml here is a folder, where plan's search would stop
            from ..errors import NotAFile

            raise NotAFile(named, "folder", "init")
        elif path.is_file() and store.is_code_folder(Path.cwd()):
            from ..errors import PlanInCodeFolder

            raise PlanInCodeFolder(str(path.resolve()), init=True)
    target = output_plan_path(named)  # plan init 2024/: the folder made, plan.toml in it
    if target.name == store.PLAN_FILE_NAME and not (from_env or force or target.exists()):
        # A plan here under another name: the plan.toml written would be used in its place.
        from ..store.folders import plans_beside

        if beside := plans_beside(target.parent):
            from ..errors.init_beside import PlanBesideInit

            raise PlanBesideInit(str(target.parent), beside)
    text = store.read_text(store.embedded_plan_path())
    from ..controls import path_shown
    from ..errors import FileExists, PlanFileError
    from .outfile import said_if_written

    lang = run.lang()
    with said_if_written(
        lang, "plan_written_before_interrupt", path=path_shown(str(target)), command="plan init"
    ):
        try:
            _write_embedded(target, text, from_env, path, lang)
        except (FileExists, PlanFileError) as exc:  # named shortened, as it is said written
            if exc.path == str(target):
                exc.path = path_shown(exc.path)
            raise


def _write_embedded(target: Path, text: str, from_env: str | None, path: Path, lang: str) -> None:
    """Write the embedded plan to ``target`` (a new file) and say so."""
    from ..controls import path_shown

    store.create(target, text)
    items = sum(1 for _ in store.plan_from_text(text, str(target)).items())
    shown = path_shown(str(target))  # (a deep one by its start and its end)
    if from_env and not store.same_file(target, Path(store.PLAN_FILE_NAME)):
        say(label(lang, "init_written_env").format(path=shown, items=items), fold=True)
        return
    if target.name == store.PLAN_FILE_NAME:
        say(label(lang, "init_written").format(path=shown, items=items), fold=True)
        return
    from ..shell_words import quote

    # Only plan.toml is found by itself (store.locate): another name is used with -f.
    said = label(lang, "init_written_named")  # (the command to copy names it whole)
    say(said.format(path=shown, items=items, name=quote(str(path))), fold=True)


@command()
def check(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            help="The file to check; default: the plan in use.", metavar="PATH", show_default=False
        ),
    ] = None,
) -> None:
    """Validate a plan file and list every problem found (检查计划文件)."""
    run = session(ctx)
    source = store.PlanSource(path) if path else run.source
    label_text = source.label
    text = store.read_text(source.path)
    if not source.embedded:  # as every view does (store.load): a killed change's leftovers
        from ..store.lock_holder import tidy_after_crash

        tidy_after_crash(source.path)
    plan, problems, warnings = store.check_text(text, label_text, dt.date.today())
    lang = run.lang(plan)
    if source.embedded:  # not its path deep in the install, which no command changes
        embedded = label(lang, "embedded")
        label_text = embedded[:1].upper() + embedded[1:]
    if problems:
        s = plural_s(len(problems))  # 1 problem, 2 problems
        say_folded(label(lang, "check_problems").format(path=label_text, count=len(problems), s=s))
        _listed([problem.message(lang) for problem in problems])
        from ..store.cut_off import cut_evidence

        cut = cut_evidence(text, problems)  # (its end cut off: said, as every command says it)
        if cut is not None:
            from ..errors.reading import cut_note

            say_folded(cut_note(label_text, cut, lang).lstrip())
        raise typer.Exit(1)
    assert plan is not None
    if not source.embedded:  # a git pull stopped on it: one side only, whatever it holds
        from .git_unmerged import stopped_on, unmerged_message

        stopped = stopped_on(source.path)
        if stopped is not None:
            say_folded(unmerged_message(label_text, stopped, lang))
            raise typer.Exit(1)
    from ..merging.conflicts import kinds_said, open_conflicts

    conflicts = open_conflicts(plan)
    if conflicts:  # readable, but not settled: a problem to fix, as git's own conflicts are
        kinds = kinds_said(conflicts, lang)
        say_folded(
            f"{label_text}：有 {len(conflicts)} 处合并冲突未解决（{kinds}）："
            if lang == "zh"
            else f"{label_text}: {len(conflicts)} merge conflict{plural_s(len(conflicts))}"
            f" not settled ({kinds}):"
        )
        _listed([conflict.message(lang) for conflict in conflicts])
        raise typer.Exit(1)
    # The tasks as status and the report count them, the dropped apart (as export says them)
    dropped = sum(1 for task in plan.tasks() if task.status == "dropped")
    tasks = sum(1 for _ in plan.tasks()) - dropped
    items = sum(1 for _ in plan.items())
    counts = {
        "items": items,
        "tasks": tasks,
        "items_s": plural_s(items),
        "tasks_s": plural_s(tasks),
        "dropped": label(lang, "check_dropped").format(count=dropped) if dropped else "",
    }
    say_folded(label(lang, "check_ok").format(path=label_text, **counts))
    if warnings:  # worth a look, but not a reason to refuse the file
        s = plural_s(len(warnings))
        say_folded(label(lang, "check_warnings").format(count=len(warnings), s=s))
        _listed([warning.message(lang) for warning in warnings])


def _listed(messages: list[str]) -> None:
    """What ``check`` found, a message to an item ("  - "). On a terminal each folds at its
    width under its own dash (a long message ran back to the margin, so that the list read as
    a wall of text at 80 columns, or 40); to a pipe or a file each stays on one line, for grep."""
    import os
    import sys

    terminal = os.environ.get("TTY_COMPATIBLE") == "1" or sys.stdout.isatty()
    width = 0
    if terminal:
        import shutil

        width = shutil.get_terminal_size().columns - 4
    for message in messages:
        if width < 20:
            say(f"  - {message}")
            continue
        from ..controls import visible
        from ..terminal.folding import wrap_unbroken
        from .advice import advising

        # Measured as it is shown: the file named in the commands it advises (-f 2024.toml)
        # goes in before the fold, not after it, past the edge; a command stays whole.
        lines = wrap_unbroken(visible(advising(message)), width)
        say("\n".join([f"  - {lines[0]}", *(f"    {line}" for line in lines[1:])]))


@command("fmt")
def format_file(
    ctx: typer.Context,
    force: Annotated[
        bool,
        typer.Option("--force", help="Rewrite even a file with # comments, which are dropped."),
    ] = False,
) -> None:
    """Lay the plan file out canonically (整理格式): fields in order, items in tree order.

    Changes rewrite only the lines they touch and keep the file as written; fmt rewrites the
    whole file (one laid out so already is left untouched), so it refuses a file with #
    comments unless --force."""
    from ..errors import FormatDropsComments

    run = session(ctx)
    source = run.source
    store.refuse_changes(source)
    from .change import refuse_while_unmerged

    refuse_while_unmerged(source)
    text = store.read_text(source.path)
    notices: list[Any] = []
    from ..guard import checked  # the plan written is one the next command reads, all of it
    from ..store.files import watch_landing
    from .change import say_if_saved

    def laid_out(plan: Any) -> None:
        # Refused for its comments once the file reads as a plan: a bad file is told its
        # fault, as every command tells it, not to add --force (which then tells the fault).
        if not force and store.has_comments(text):
            raise FormatDropsComments(source.label, store.comment_lines(text))
        checked(plan, lambda _: None)

    watch_landing(True)
    try:
        store.update(
            source,
            laid_out,
            notices=notices,
            canonical=True,
            waiting=lock_waiting(run.lang_apart),
        )
        lang = run.lang()
        # A file laid out so already is not written (``store.save``): its time stays, and git
        # does not see it touched.
        done = "already_formatted" if store.read_text(source.path) == text else "formatted"
        print_after_save(
            [(notice.message(lang), True) for notice in notices]
            + [(label(lang, done).format(path=source.label), False)]
        )
    except KeyboardInterrupt:  # once written, said so: the file is laid out already
        say_if_saved(run.lang_apart(), "fmt_saved_before_interrupt", path=source.label)
        raise
    finally:
        watch_landing(False)


def _first_day(period: dt.date | str) -> dt.date:
    """Before a month or quarter: before its first day."""
    from ..periods import first_day

    day = first_day(period)
    assert day is not None  # parse_period gives only periods that have days
    return day


def _conflicts(plan: Any, sketched: Any = None) -> list[dict[str, Any]]:
    """The merge conflicts not yet settled, for JSON (``sketched``: see ``say_conflicts``)."""
    from ..merging.conflicts import open_conflicts
    from ..model import json_value

    if no_conflicts(plan, sketched):
        return []

    return [
        {"id": c.where(), "field": c.field, "archived": c.archived, **json_value(c.record)}
        for c in open_conflicts(plan)
    ]
