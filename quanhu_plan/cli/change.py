"""Commands that change the plan: done, reopen, start, block, drop, progress, record, note, add,
edit, move, rm, undo; and log, which shows the trace they leave.

Each command parses its arguments (a malformed one is a usage error, exit 2), then makes the
change through ``store.update``: under the lock, on the file as it is on disk now, written back
atomically. The change itself is ``quanhu_plan.changes``; the command prints the one line its
outcome says, in the session's language.

Unlike read.py, this module keeps ``from __future__ import annotations``: with fifteen commands,
evaluating every annotation at import costs more (about 4 ms a start, measured) than typer
evaluating the strings of the one command a run builds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .. import store
from .app import (
    Pager,
    ask,
    command,
    complete_item_id,
    parse_date,
    parse_period,
    print_after_save,
    say,
    session,
)

if TYPE_CHECKING:
    from ..changes import Outcome, Stamp
    from ..model import Item, Plan

ItemArg = Annotated[
    str,
    typer.Argument(
        help="Id or a fragment of the title (编号或名称片段).",
        autocompletion=complete_item_id,
        metavar="ID",
        show_default=False,
    ),
]
By = Annotated[
    str | None,
    typer.Option(
        "--by",
        help="Who makes the change, for the trace (记录人); default: your login name.",
        metavar="NAME",
        show_default=False,
    ),
]
Note = Annotated[
    str | None,
    typer.Option(
        "--note",
        "-n",
        help="A note kept with the change (说明/进展情况).",
        metavar="TEXT",
        show_default=False,
    ),
]
On = Annotated[
    str | None,
    typer.Option(
        "--on",
        help="The day it happened, YYYY-MM-DD (日期); default: today.",
        metavar="DATE",
        show_default=False,
    ),
]
Reason = Annotated[
    str,
    typer.Option(
        "--reason", "-r", help="Why (原因); required.", metavar="TEXT", show_default=False
    ),
]
Yes = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask; answer yes (不再询问).")]

# How many entries plan log shows without --limit or --all: a year's trace has thousands.
LOG_LIMIT = 50

# Negative numbers ("-5") reach the argument and get a clear message instead of "no such option".
NUMBER_ARGS = {"ignore_unknown_options": True}


def login_name() -> str:
    import getpass

    try:
        return getpass.getuser() or "unknown"
    except Exception:  # no USER/LOGNAME and no password entry (e.g. a bare container)
        return "unknown"


def _stamp(by: str | None) -> Stamp:
    from ..changes import Stamp

    name = login_name() if by is None else by.strip()
    if not name:
        from .usage import UsageProblem

        raise UsageProblem(
            "--by 是记录人，不能为空：写上做这次修改的人，例如 --by 张三。",
            "give a name (记录人不能为空).",
            "--by",
        )
    return Stamp.current(name)


def _date(value: str | None, option: str = "--on") -> dt.date | None:
    return parse_date(value, option) if value is not None else None


def _period(value: str | None, option: str) -> dt.date | str | None:
    role = "start" if option == "--start" else "due"
    return parse_period(value, option, role) if value is not None else None


def _direction(value: str | None) -> str | None:
    """up or down; the Chinese words a plan uses are taken too."""
    if value is None:
        return None
    word = value.strip().lower()
    if word in ("down", "下降", "越小越好"):
        return "down"
    if word in ("up", "上升", "越大越好"):
        return "up"
    from .usage import UsageProblem

    raise UsageProblem(
        f"--direction 的值“{value}”不是方向：写 down（越小越好）或 up（越大越好），例如 "
        "--direction down。",
        f"{value!r} is not a direction (方向): write down (越小越好) or up (越大越好).",
        "--direction",
    )


def _text(value: str, hint: str) -> str:
    if not value.strip():
        from .usage import UsageProblem

        raise UsageProblem(
            f"{hint} 不能为空：请写上内容，含空格的文字用引号括起来。",
            "must not be empty (不能为空).",
            hint,
        )
    return value.strip()


def parse_figure(
    value: str,
    hint: str,
    *,
    low: float | None = 0,
    high: float | None = None,
    above: bool = False,
) -> tuple[int | float, str]:
    """A number the user typed and the unit written after it, '' if none: '40', '3.3', '-2.5',
    '1,800', full-width digits, '1800亩', '95%' (inputs.read_number). A bad one is exit 2, and
    so is one of 10^15 or more in size (a plan file holds none such: see
    validate.NUMBER_LIMIT). ``low`` None: any sign (a growth rate can fall)."""
    from ..errors import shown_value
    from ..inputs import InputError, read_number
    from ..validate import NUMBER_LIMIT, is_number

    shown = shown_value(value)
    try:
        number, unit = read_number(value)
    except InputError:
        raise typer.BadParameter(f"{shown} is not a number (不是数字).", param_hint=hint) from None
    if number != number:  # nan
        raise typer.BadParameter(f"{shown} is not a number (不是数字).", param_hint=hint)
    if not is_number(number) or abs(number) >= NUMBER_LIMIT:
        raise typer.BadParameter(
            f"{shown} is too large: a number must be below 10^15 in size (数字过大，"
            "绝对值应小于 10 的 15 次方).",
            param_hint=hint,
        )
    ok = low is None or (number > low if above else number >= low)
    if high is not None:
        ok = ok and number <= high
    if not ok:
        if high is not None:
            wanted = f"from {low:g} to {high:g} (应在 {low:g} 到 {high:g} 之间)"
        elif above:
            wanted = f"above {low:g} (应大于 {low:g})"
        else:
            wanted = f"{low:g} or more (不能小于 {low:g})"
        raise typer.BadParameter(
            f"{shown} is out of range: use a number {wanted}.", param_hint=hint
        )
    return number, unit


def parse_number(
    value: str,
    hint: str,
    *,
    low: float | None = 0,
    high: float | None = None,
    above: bool = False,
    percent: bool = False,
) -> int | float:
    """A number the user typed, as parse_figure reads it, with no unit after it: a percent
    (``percent``) may end in %."""
    number, unit = parse_figure(value, hint, low=low, high=high, above=above)
    if unit:
        check_unit(value, number, unit, "%" if percent else None, hint, percent=percent)
    return number


def check_unit(
    value: str,
    number: int | float,
    unit: str,
    measure: str | None,
    hint: str,
    item: tuple[str, str] | None = None,
    *,
    percent: bool = False,
) -> None:
    """A unit typed after a number must be the measure (亩 for 亩, % for a percent); another is
    a usage error (exit 2) naming both. ``item`` (id, title): whose measure it is."""
    from ..inputs import same_unit, wrong_unit
    from .usage import UsageProblem

    if measure and same_unit(unit, measure):
        return
    error = wrong_unit(value, number, unit, measure, item, percent=percent)
    raise UsageProblem(f"{hint} {error.zh}", error.en, hint=hint)


def _figures(
    values: dict[str, str | None], measure: str | None, current: Callable[[], Item | None]
) -> tuple[dict[str, Any], str | None]:
    """``--target`` and ``--baseline`` as typed (an empty one, for an existing item: None, to
    remove it), and the
    measure a unit typed after them gives an item that has none. A unit must be ``measure``
    when given, else the measure of the ``current`` item (None: a new item)."""
    numbers: dict[str, Any] = {}
    adopted: str | None = None
    for name, value in values.items():
        if value is None:
            continue
        if not value.strip() and current() is not None:
            numbers[name] = None
            continue
        number, unit = parse_figure(value, f"--{name}", low=None)
        numbers[name] = number
        if not unit:
            continue
        item = current()
        if measure is not None:  # given with the same command
            check_unit(value, number, unit, measure.strip(), f"--{name}")
        elif adopted is not None or (item is not None and item.get("measure")):
            owner = (item.id, item.title) if item is not None else None
            wanted = adopted or (item.get("measure") if item is not None else None)
            check_unit(value, number, unit, wanted, f"--{name}", owner)
        else:  # no unit yet: the one typed becomes its measure
            adopted = unit
    return numbers, adopted


def _apply(ctx: typer.Context, change: Callable[[Plan], Outcome]) -> Outcome:
    """Make the change under the lock on fresh content; print its warnings and its line."""
    run = session(ctx)
    fresh: list[Plan] = []
    notices: list[Any] = []

    def on_fresh(plan: Plan) -> Outcome:
        fresh[:] = [plan]
        return change(plan)

    from ..guard import checked  # no change writes a plan that loses an item or is invalid

    later: list[Callable[[], None]] = []  # the parse cache is filled once the user is told
    outcome = store.update(
        run.source, lambda plan: checked(plan, on_fresh), notices=notices, later=later
    )
    lang = run.lang(fresh[0])
    lines = [(notice.message(lang), True) for notice in [*notices, *outcome.warnings]]
    print_after_save([*lines, (outcome.message(lang), False)])
    for job in later:
        job()
    return outcome


def _writable_plan(ctx: typer.Context) -> Plan:
    """The plan as it is now, for a question asked before the change; refuses the embedded
    plan first, so nobody answers a question for a change that cannot be made."""
    from ..errors import ReadOnlyPlan

    run = session(ctx)
    if run.source.embedded:
        raise ReadOnlyPlan("embedded plan is read-only")
    return run.plan()


# ---------------------------------------------------------------- status


@command()
def done(
    ctx: typer.Context,
    items: Annotated[
        list[str],
        typer.Argument(
            help="Ids or title fragments of the tasks (编号或名称片段); several at once.",
            autocompletion=complete_item_id,
            metavar="ID...",
            show_default=False,
        ),
    ],
    on: On = None,
    note: Note = None,
    evidence: Annotated[
        list[str] | None,
        typer.Option(
            "--evidence",
            "-e",
            help="What proves it (销号依据: a file name, a link); repeatable, added to the list.",
            metavar="TEXT",
            show_default=False,
        ),
    ] = None,
    all_tasks: Annotated[
        bool,
        typer.Option("--all", help="For a goal: tick off every open task under it (全部销号)."),
    ] = False,
    by: By = None,
) -> None:
    """Tick tasks off (销号).

    The day is --on, default today; a day outside the plan period is accepted with a warning.
    A goal needs --all, which ticks off every open task under it. On a task already done,
    --evidence adds to its evidence (补充销号依据)."""
    from .. import changes

    day = _date(on)
    stamp = _stamp(by)
    _apply(
        ctx,
        lambda plan: changes.done(
            plan, items, stamp, on=day, note=note, evidence=evidence or (), all_tasks=all_tasks
        ),
    )


@command()
def reopen(
    ctx: typer.Context, item: ItemArg, on: On = None, note: Note = None, by: By = None
) -> None:
    """Reopen a done, blocked or dropped task (重新打开).

    It goes back to 进行中 if it has progress or a figure, else to 未开始; its done date and
    the reason of a block or drop are removed."""
    from .. import changes

    day = _date(on)
    stamp = _stamp(by)
    _apply(ctx, lambda plan: changes.reopen(plan, item, stamp, on=day, note=note))


@command()
def start(
    ctx: typer.Context, item: ItemArg, on: On = None, note: Note = None, by: By = None
) -> None:
    """Mark a task in progress (开始/进行中)."""
    from .. import changes

    day = _date(on)
    stamp = _stamp(by)
    _apply(ctx, lambda plan: changes.start(plan, item, stamp, on=day, note=note))


@command()
def block(
    ctx: typer.Context,
    item: ItemArg,
    reason: Reason,
    on: On = None,
    note: Note = None,
    by: By = None,
) -> None:
    """Mark a task blocked (受阻), with the reason."""
    from .. import changes

    reason = _text(reason, "--reason")
    day = _date(on)
    stamp = _stamp(by)
    _apply(ctx, lambda plan: changes.block(plan, item, stamp, reason=reason, on=day, note=note))


@command()
def drop(
    ctx: typer.Context,
    item: ItemArg,
    reason: Reason,
    on: On = None,
    note: Note = None,
    by: By = None,
) -> None:
    """Drop a task (取消), with the reason; it no longer counts in completion."""
    from .. import changes

    reason = _text(reason, "--reason")
    day = _date(on)
    stamp = _stamp(by)
    _apply(ctx, lambda plan: changes.drop(plan, item, stamp, reason=reason, on=day, note=note))


@command(context_settings=NUMBER_ARGS)
def progress(
    ctx: typer.Context,
    item: ItemArg,
    percent: Annotated[
        str,
        typer.Argument(
            help="Progress in percent, 0-100 (进度%).", metavar="PERCENT", show_default=False
        ),
    ],
    on: On = None,
    note: Note = None,
    by: By = None,
) -> None:
    """Set a task's progress in percent (填报进度); a task not started is then in progress."""
    from .. import changes

    value = parse_number(percent, "PERCENT", low=0, high=100, percent=True)
    day = _date(on)
    stamp = _stamp(by)
    _apply(ctx, lambda plan: changes.progress(plan, item, value, stamp, on=day, note=note))


@command(context_settings=NUMBER_ARGS)
def record(
    ctx: typer.Context,
    item: ItemArg,
    value: Annotated[
        str,
        typer.Argument(
            help="The figure reached, in the task's unit (完成值), e.g. 3.3.",
            metavar="VALUE",
            show_default=False,
        ),
    ],
    on: On = None,
    note: Note = None,
    yes: Annotated[
        bool,
        typer.Option(
            "--yes", "-y", help="If the target is reached, tick the task off without asking."
        ),
    ] = False,
    by: By = None,
) -> None:
    """Record a metric's actual figure (填报完成值).

    For example plan record 5.5.1 3.3 for 3.3万亩. Reaching the target asks whether to tick the
    task off as well (no answer means no; --yes means yes)."""
    from .. import changes
    from ..texts import format_number, label

    number, unit = parse_figure(value, "VALUE", low=None)
    day = _date(on)
    stamp = _stamp(by)
    run = session(ctx)
    tick = False
    # Asked before taking the lock (nobody waits on a question); the change re-checks.
    plan = _writable_plan(ctx)
    found = plan.find(item)
    if unit:  # 1800亩 for a task measured in 亩
        check_unit(value, number, unit, found.get("measure"), "VALUE", (found.id, found.title))
    if changes.reaches_target(found, number):
        if yes:
            tick = True
        else:
            target = format_number(found.get("target")) + found.get("measure", "")
            lang = run.lang(plan)
            question = label(lang, "ask_tick").format(id=found.id, title=found.title, target=target)
            tick = ask(question, lang)
    _apply(
        ctx,
        lambda fresh: changes.record(fresh, item, number, stamp, on=day, note=note, tick=tick),
    )


@command("note")
def add_note(
    ctx: typer.Context,
    item: ItemArg,
    text: Annotated[
        str,
        typer.Argument(help="The progress note (进展情况).", metavar="TEXT", show_default=False),
    ],
    on: On = None,
    by: By = None,
) -> None:
    """Add a dated progress note (进展情况) to a task or goal; its status stays as it is."""
    from .. import changes

    text = _text(text, "TEXT")
    day = _date(on)
    stamp = _stamp(by)
    _apply(ctx, lambda plan: changes.add_note(plan, item, text, stamp, on=day))


# ---------------------------------------------------------------- structure


def _option(help_text: str, *names: str, metavar: str = "TEXT") -> Any:
    return typer.Option(*names, help=help_text, metavar=metavar, show_default=False)


Lead = Annotated[str | None, _option("Lead (责任领导).", "--lead")]
Unit = Annotated[str | None, _option("Lead unit (牵头单位).", "--unit")]
Owner = Annotated[str | None, _option("Owner, the person responsible (责任人).", "--owner")]
Due = Annotated[
    str | None,
    _option(
        "Deadline (完成时限): a date 2023-06-30, a month 2023-05 (its end) or a quarter 2023-Q2.",
        "--due",
        metavar="DATE",
    ),
]
Start = Annotated[
    str | None,
    _option(
        "Start (开工): a date, a month or a quarter; its pace is reckoned from then.",
        "--start",
        metavar="DATE",
    ),
]
TargetText = Annotated[
    str | None,
    _option("The target in the document's words, e.g. 3万亩以上 (目标表述).", "--target-text"),
]
Direction = Annotated[
    str | None,
    _option(
        "down: less is better (控制在…以内、下降、名次); up: more is better (the default).",
        "--direction",
        metavar="up|down",
    ),
]
Detail = Annotated[str | None, _option("What exactly is to be done (具体内容).", "--detail")]
Target = Annotated[
    str | None, _option("Target figure of the metric (目标值).", "--target", metavar="NUMBER")
]
Measure = Annotated[str | None, _option("Unit of the metric, e.g. 万亩 (计量单位).", "--measure")]
Baseline = Annotated[
    str | None, _option("Last year's figure (基数).", "--baseline", metavar="NUMBER")
]
Key = Annotated[
    str | None,
    _option(
        "The county's number of the task (县级任务编号), the same in every town's plan; "
        "plan county --key shows it across the towns.",
        "--key",
        metavar="KEY",
    ),
]
Support = Annotated[
    list[str] | None,
    _option("A supporting unit (配合单位); repeatable.", "--support"),
]


@command()
def add(
    ctx: typer.Context,
    parent: Annotated[
        str,
        typer.Argument(
            help='Where: the id or a title fragment of the parent; "" or top (顶层) for a new part.',
            autocompletion=complete_item_id,
            metavar="PARENT",
            show_default=False,
        ),
    ],
    title: Annotated[
        str, typer.Argument(help="Its title (名称).", metavar="TITLE", show_default=False)
    ],
    lead: Lead = None,
    unit: Unit = None,
    support: Support = None,
    owner: Owner = None,
    due: Due = None,
    start: Start = None,
    detail: Detail = None,
    target: Target = None,
    target_text: TargetText = None,
    direction: Direction = None,
    measure: Measure = None,
    baseline: Baseline = None,
    key: Key = None,
    note: Note = None,
    by: By = None,
) -> None:
    """Add a task or goal (新增) under PARENT.

    It comes last under PARENT with the next free id there: 1.3 after 1.1 and 1.2; ids of
    removed items are not reused. PARENT "" or top makes a new part. Adding under a task makes
    that task a goal."""
    from .. import changes

    title = _text(title, "TITLE")
    figures, adopted = _figures({"target": target, "baseline": baseline}, measure, lambda: None)
    fields: dict[str, Any] = {
        "lead": lead,
        "lead_unit": unit,
        "support_units": _units(support) or None,
        "owner": owner,
        "due": _period(due, "--due"),
        "start": _period(start, "--start"),
        "detail": detail,
        "target": figures.get("target"),
        "target_text": target_text,
        "direction": _direction(direction),
        "measure": adopted or measure,  # --target 3万亩 without --measure: 万亩
        "baseline": figures.get("baseline"),
        "key": key.strip() or None if key is not None else None,
    }
    stamp = _stamp(by)
    _apply(ctx, lambda plan: changes.add(plan, parent, title, stamp, fields=fields, note=note))


@command()
def edit(
    ctx: typer.Context,
    item: ItemArg,
    title: Annotated[str | None, _option("New title (名称).", "--title")] = None,
    lead: Lead = None,
    unit: Unit = None,
    support: Support = None,
    owner: Owner = None,
    due: Due = None,
    start: Start = None,
    detail: Detail = None,
    target: Target = None,
    target_text: TargetText = None,
    direction: Direction = None,
    measure: Measure = None,
    baseline: Baseline = None,
    key: Key = None,
    weight: Annotated[
        str | None,
        _option("Weight in the roll-up, above 0 (权重; default 1).", "--weight", metavar="NUMBER"),
    ] = None,
    reason: Annotated[
        str | None, _option("Why it is blocked, dropped or late (原因).", "--reason")
    ] = None,
    evidence: Annotated[
        list[str] | None,
        _option('Evidence (销号依据); repeatable, replaces the list ("" clears it).', "--evidence"),
    ] = None,
    note: Note = None,
    by: By = None,
) -> None:
    """Change an item's fields (修改).

    An empty value ("") removes the field, e.g. --owner "". The id never changes; status,
    progress and figures have their own commands; the plan's own title, year and period:
    plan header."""
    from .. import changes

    given: dict[str, Any] = {}
    if title is not None:
        given["title"] = _text(title, "--title")
    for name, value in (
        ("lead", lead),
        ("lead_unit", unit),
        ("owner", owner),
        ("detail", detail),
        ("measure", measure),
        ("target_text", target_text),
        ("reason", reason),
        ("key", key),
    ):
        if value is not None:
            given[name] = value.strip() or None
    if support is not None:
        given["support_units"] = _units(support) or None
    if evidence is not None:
        given["evidence"] = [e.strip() for e in evidence if e.strip()] or None
    for name, value in (("due", due), ("start", start)):
        if value is not None:
            given[name] = _period(value, f"--{name}") if value.strip() else None
    if direction is not None:
        given["direction"] = _direction(direction) if direction.strip() else None
    figures, adopted = _figures(
        {"target": target, "baseline": baseline}, measure, lambda: session(ctx).plan().find(item)
    )
    given.update(figures)
    if adopted:  # --target 1800亩 on an item with no measure yet
        given["measure"] = adopted
    if weight is not None:
        given["weight"] = parse_number(weight, "--weight", above=True) if weight.strip() else None
    if not given:
        from .usage import UsageProblem

        raise UsageProblem(
            "请指定要修改的字段，例如 plan edit 1.1.1 --owner 张三；可改的字段见 plan edit --help。",
            "say what to change, e.g. --title or --owner (请指定要修改的字段); see plan edit --help.",
            "options",
        )
    stamp = _stamp(by)
    _apply(ctx, lambda plan: changes.edit(plan, item, given, stamp, note=note))


@command()
def move(
    ctx: typer.Context,
    item: ItemArg,
    parent: Annotated[
        str,
        typer.Argument(
            help='The new parent: an id or title fragment; "" or top (顶层) for the top level.',
            autocompletion=complete_item_id,
            metavar="PARENT",
            show_default=False,
        ),
    ],
    note: Note = None,
    by: By = None,
) -> None:
    """Move an item and what is under it to another parent (移动).

    It comes last under the new parent. Its id stays the same; the file then names the parent
    explicitly (parent = "…")."""
    from .. import changes

    stamp = _stamp(by)
    _apply(ctx, lambda plan: changes.move(plan, item, parent, stamp, note=note))


@command("rm")
def remove(
    ctx: typer.Context,
    item: ItemArg,
    yes: Yes = False,
    recursive: Annotated[
        bool,
        typer.Option("--recursive", "-r", help="Also remove everything under it (连同下级)."),
    ] = False,
    note: Note = None,
    by: By = None,
) -> None:
    """Remove an item (删除); asks first unless --yes.

    The item and its history go to the file's archive of removed items ([[removed]]): plan log
    still shows them and plan undo brings them back."""
    from .. import changes
    from ..errors import ChangeDeclined
    from ..texts import label

    stamp = _stamp(by)
    run = session(ctx)
    plan = _writable_plan(ctx)
    found = plan.find(item)
    under = sum(1 for _ in found.walk()) - 1
    if not yes and (recursive or not under):
        lang = run.lang(plan)
        extra = label(lang, "ask_remove_under").format(count=under) if under else ""
        question = label(lang, "ask_remove").format(id=found.id, title=found.title, under=extra)
        if not ask(question, lang):
            raise ChangeDeclined(label("zh", "not_removed"), label("en", "not_removed"))
    _apply(
        ctx,
        lambda fresh: changes.remove(fresh, item, stamp, recursive=recursive, note=note),
    )


# ---------------------------------------------------------------- trace


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

    _apply(ctx, lambda plan: undo_newest(plan, stamp, anyone=anyone))


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
    from ..texts import label
    from ..trace import history

    run = session(ctx)
    first, last = _date(since, "--since"), _date(until, "--until")
    plan = run.plan()
    rows = history(plan, item, since=first, until=last, recorded=recorded)
    shown = rows if show_all else rows[:limit]
    if as_json:
        from ..terminal import print_json

        print_json([row.to_dict() for row in shown])
        return
    from ..terminal.plain import draw
    from ..terminal.trace_view import trace_table

    lang = run.lang(plan)
    draw(trace_table(shown, lang), pager)
    if len(shown) < len(rows):
        say(label(lang, "log_cut").format(shown=len(shown), total=len(rows)), err=True)


def _units(given: list[str] | None) -> list[str]:
    """--support values as a list of units: "农业股、水利站" typed in one is two, as the file
    and the importer read it (``model.split_names``), each once."""
    from ..model import split_names

    return list(dict.fromkeys(name for text in given or [] for name in split_names(text)))
