"""Commands that change the plan's structure: add, edit, move and rm (adding, editing, moving
and removing items). The change itself is ``quanhu_plan.structure``; each is made the way every
change is (change.py: the shared options, the stamp, the numbers typed, ``_apply``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .app import ask, command, complete_item_id, session
from .change import (
    By,
    ItemArg,
    Note,
    On,
    _apply,
    _date,
    _stamp,
    _text,
    _writable_plan,
    check_unit,
    parse_figure,
    parse_number,
)
from .typed import parse_period

if TYPE_CHECKING:
    from ..model import Item, Plan
    from ..outcome import Notice, Outcome
    from ..workdays import OfficeDays

Yes = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask; answer yes (不再询问).")]


def _period(value: str | None, option: str, today: dt.date | None = None) -> dt.date | str | None:
    role = "start" if option == "--start" else "due"
    return parse_period(value, option, role, today=today) if value is not None else None


def _due_and_words(
    due: str, today: dt.date | None = None
) -> tuple[dt.date | str | None, str | None]:
    """A --due and the words to keep beside it as worded (完成时限原文), as ``plan import`` keeps
    a deadline cell's: words that say there is none (长期坚持, 常态化, 持续推进) are no
    deadline, the words kept; a deadline with why it is so in brackets (6月底（视天气）,
    ``importing.dates.deadline_and_reason``) is the deadline before them, the words kept whole;
    any other as ``parse_period`` reads it, no words kept. (A deadline counted from a day,
    10个工作日内, is ``_due_counted``'s, its words kept too.) ``today``: the command's --on."""
    from ..inputs import says_no_deadline

    if says_no_deadline(due):
        return None, due.strip()
    if any(mark in due for mark in ("立", "即", "马上")):  # 立行立改: no day, the words kept
        from ..importing.dates import says_at_once

        if says_at_once(due):
            return None, due.strip()
    recurring = _recurring_due(due)
    if recurring is not None:
        return recurring[0], due.strip()
    # (most: the import's reader not loaded; English words after a deadline, "by June 30
    # complete the main works", read as 6月30日前完成主体工程 is)
    if not any(mark in due for mark in "（(前") and not (due.isascii() and " " in due.strip()):
        return parse_period(due, "--due", task_due=True, today=today), None
    from ..importing.dates import deadline_and_reason

    found = deadline_and_reason(due)
    if found is None:
        return parse_period(due, "--due", task_due=True, today=today), None
    from ..inputs import InputError, read_period
    from .typed import plan_year_of

    try:  # (words in brackets that read as a deadline themselves: none to keep)
        return read_period(due, today or dt.date.today(), plan_year_of, "due"), None
    except InputError:
        if says_no_deadline(found[0]):  # 长期坚持（汛期重点）: none, the words kept whole
            return None, due.strip()
        return parse_period(found[0], "--due", task_due=True, today=today), due.strip()


def _recurring_due(due: str) -> tuple[dt.date | str | None] | None:
    """A --due that comes round again (每季度, 每月底前, 每年6月底前; 每周: standing work, none)
    read as ``plan import`` reads such a 完成时限 cell, its last time in the plan's period
    (``importing.recurring_dues``, the one reading of them); None for any other --due."""
    if not any(mark in due for mark in "每按逐定") and not (due.isascii() and "ly" in due):
        return None  # (a date, month or quarter: the import's reader not loaded for it)
    from ..importing.recurring_dues import recurring_due
    from .app import Session

    plan = (Session.latest or Session()).plan()
    return recurring_due(due, (plan.start, plan.end))


def _recurring_said(typed: str, due: dt.date | str | None, plan: Plan) -> list[Notice]:
    """What a new task's line does not show of a recurring --due: the deadline it was read
    as (or none, standing work) and where its words are kept."""
    from ..model import DUE_WORDS_KEYS
    from ..outcome import Notice

    key = DUE_WORDS_KEYS[1] if plan.meta.get("lang") == "en" else DUE_WORDS_KEYS[0]
    if due is None:
        return [Notice("note_recurring_standing", {"typed": typed, "key": key})]
    shown = due.isoformat() if isinstance(due, dt.date) else due
    return [Notice("note_recurring_due", {"typed": typed, "due": shown, "key": key})]


def _due_counted(
    due: str | None,
    start: dt.date | str | None,
    given: Callable[[], Any],
    plan: Callable[[], Plan],
    *,
    say_day: bool,
) -> tuple[dt.date, list[Notice]] | None:
    """A --due counted from the day the matter was given (15个工作日内, 交办后3日内), as a
    督查督办台账 writes it and ``plan import`` reads it: from --start, else the item's own start
    (``given()``), 工作日 with the ``plan()``'s own days off and worked besides the notices'
    ([plan.workdays]), with the notices to print (``say_day``: the day it came to, for ``add``,
    whose line names no deadline; and where 工作日 of a year the tool has no holiday notice
    for were counted Monday to Friday); None for any other --due. A count with no day to
    count from is a usage error saying what to add."""
    if due is None or not any(
        word in due for word in ("工作日", "日内", "天内", "月内", "后", "限")
    ):
        return None  # (a date, month or quarter: the reader of counts not loaded for it)
    from ..importing.within_days import counted_from, within

    limit = within(due)
    if limit is None:
        return None
    if start is None:
        start = given()
    if not isinstance(start, dt.date):
        from .usage import UsageProblem

        begins = plan().meta.get("start")  # (an example day of the plan's own year)
        day = f"{begins.year}-04-07" if isinstance(begins, dt.date) else "2025-04-07"
        raise UsageProblem(
            f"--due “{due}”从交办日期算起，请同时用 --start 给出交办日期（某一天）：如 "
            f'--start {day} --due "{due}"；或把完成时限写成某一天。',
            f"{due!r} counts from the day the matter was given: give that day with --start, "
            f'e.g. --start {day} --due "{due}"; or give the deadline as a day.',
            hint="--due",
        )
    from ..workdays import office_days

    office = office_days(plan().meta.get("workdays")) if limit[1] == "workdays" else None
    counted = counted_from(start, *limit, office)
    unscheduled = _unscheduled(due.strip(), start, counted, office)
    how = "days" if unscheduled else limit[1]  # (not "holidays left out" beside "Monday to Friday")
    own = office[:2] if office else ()
    if how == "workdays" and any(start < day <= counted for days in own for day in days):
        how = "own_workdays"  # the plan's [plan.workdays] counted too: said
    return counted, _count_notices(due.strip(), start, counted, how, say_day) + unscheduled


def _count_notices(
    due: str, given: dt.date, counted: dt.date, unit: str, say_day: bool
) -> list[Notice]:
    """What to say of a --due counted from ``given`` (``say_day``): the day it came to and how
    工作日 were counted."""
    from ..outcome import Notice

    if not say_day:
        return []
    params = {"typed": due, "given": given.isoformat(), "due": counted.isoformat()}
    key = {"workdays": "note_workdays_counted", "own_workdays": "note_own_workdays_counted"}
    return [Notice(key.get(unit, "note_days_counted"), params)]


def _unscheduled(
    due: str, given: dt.date, counted: dt.date, office: OfficeDays | None
) -> list[Notice]:
    """That 工作日 of a year with no holiday notice here (nor days in the plan's
    [plan.workdays]) were counted Monday to Friday; nothing for a count of days (``office``
    None) or of known years."""
    from ..workdays import unscheduled_years

    years = unscheduled_years(given, counted, office) if office is not None else ()
    if not years:
        return []
    from ..outcome import Notice

    params = {"typed": due, "due": counted.isoformat(), "years_zh": "、".join(map(str, years))}
    params["years_en"] = ", ".join(map(str, years))
    return [Notice("warn_workdays_unscheduled", params)]


def _told(outcome: Outcome, notices: list[Notice]) -> Outcome:
    outcome.warnings[:0] = notices
    return outcome


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
        f"{value!r} is not a direction: write down (less is better) or up (more is better).",
        "--direction",
    )


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
        worded = _worded_target(value) if name == "target" else None
        if worded is not None:  # 3.2万亩以上: 3.2 in 万亩, the words kept as target_text
            number, unit = worded.value, worded.measure
            numbers["target_text"] = worded.text
            numbers["direction"] = "down" if worded.down else None
        else:
            number, unit = parse_figure(value, f"--{name}", low=None)
        item = current() if unit else None
        if unit:  # 2千亩: 2000 亩, unless the measure is 千亩 (magnitudes)
            from ..magnitudes import in_measure

            given = measure.strip() if measure is not None else None
            owned = item.get("measure") if item is not None else None
            number, unit = in_measure(number, unit, given or adopted or owned)
        numbers[name] = number
        if not unit:
            continue
        if measure is not None:  # given with the same command
            check_unit(value, number, unit, measure.strip(), f"--{name}")
        elif adopted is not None or (item is not None and item.get("measure")):
            owner = (item.id, item.title) if item is not None else None
            wanted = adopted or (item.get("measure") if item is not None else None)
            check_unit(value, number, unit, wanted, f"--{name}", owner)
        else:  # no unit yet: the one typed becomes its measure
            adopted = unit
    return numbers, adopted


def _worded_target(value: str) -> Any:
    """A target typed as a document words it (3.2万亩以上, 不低于95%, 下降10%, 控制在5‰以内), read
    as plan import reads a 目标值 cell (importing.values.read_target); None for a bare figure
    (1800亩, 95%) or words without one number, which parse_figure reads or refuses."""
    from ..importing.errors import CellUnreadable
    from ..importing.values import read_target

    try:
        target = read_target(value)
    except CellUnreadable:
        return None
    if target.value is None or target.text is None:
        return None
    return target


def _option(help_text: str, *names: str, metavar: str = "TEXT") -> Any:
    return typer.Option(*names, help=help_text, metavar=metavar, show_default=False)


Lead = Annotated[str | None, _option("Lead (责任领导).", "--lead")]
Unit = Annotated[str | None, _option("Lead unit (牵头单位).", "--unit")]
Owner = Annotated[str | None, _option("Owner, the person responsible (责任人).", "--owner")]
Due = Annotated[
    str | None,
    _option(
        "Deadline (完成时限): a date 2023-06-30, a month 2023-05 (its end) or a quarter 2023-Q2; or as a document words it, 6月底前, 年底前, 春节前, 汛期前 (3月31日), 主汛期前 (5月31日), 七一前, 国庆前 (the day before); or a limit from --start, 15个工作日内 (holidays left out, 调休 days worked counted); or 长期坚持, 常态化 (no deadline, the words kept).",
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
    on: On = None,
    note: Note = None,
    by: By = None,
) -> None:
    """Add a task or goal (新增) under PARENT.

    It comes last under PARENT with the next free id there: 1.3 after 1.1 and 1.2; ids of
    removed items are not reused. PARENT "" or top makes a new part. Adding under a task makes
    that task a goal. --on is the day it was added (default today): views --as-of an earlier
    day leave it out."""
    from .. import structure

    title = _text(title, "TITLE")
    day = _date(on)  # (the day a typed 春节前 is the coming one from)
    figures, adopted = _figures({"target": target, "baseline": baseline}, measure, lambda: None)
    fields: dict[str, Any] = {
        "lead": lead,
        "lead_unit": unit,
        "support_units": _units(support) or None,
        "owner": owner,
        "start": _period(start, "--start", day),
        "detail": detail,
        "target": figures.get("target"),
        "target_text": target_text if target_text is not None else figures.get("target_text"),
        "direction": _direction(direction) if direction is not None else figures.get("direction"),
        "measure": adopted or measure,  # --target 3万亩 without --measure: 万亩
        "baseline": figures.get("baseline"),
        "key": key.strip() or None if key is not None else None,
    }
    counted = _due_counted(
        due, fields["start"], lambda: None, lambda: session(ctx).plan(), say_day=True
    )
    due_words = due.strip() if counted and due is not None else None
    if counted:
        fields["due"] = counted[0]
    elif due is not None:
        fields["due"], due_words = _due_and_words(due, day)
    notices = counted[1] if counted else []
    if not counted and due_words is not None and _recurring_due(due_words) is not None:
        notices = _recurring_said(due_words, fields["due"], session(ctx).plan())
    stamp = _stamp(by)
    _apply(
        ctx,
        lambda plan: _told(
            structure.add(
                plan, parent, title, stamp, fields=fields, note=note, on=day, due_words=due_words
            ),
            notices,
        ),
    )


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
    on: On = None,
    note: Note = None,
    by: By = None,
) -> None:
    """Change an item's fields (修改).

    An empty value ("") removes the field, e.g. --owner "". The id never changes; status,
    progress and figures have their own commands; the plan's own title, year and period:
    plan header. --on is the day of the change (default today)."""
    from .. import structure

    day = _date(on)  # (the day a typed 春节前 is the coming one from)
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
    if start is not None:
        given["start"] = _period(start, "--start", day) if start.strip() else None
    notices: list[Notice] = []
    due_words = None
    if due is not None:  # 15个工作日内: counted from --start, else from the item's own start
        counted = _due_counted(
            due,
            given.get("start"),
            lambda: session(ctx).plan().find(item).data.get("start"),
            lambda: session(ctx).plan(),
            say_day=False,  # (its line shows the deadline: 完成时限 2025-04-21 → 2025-04-27)
        )
        if counted:
            given["due"], due_words = counted[0], due.strip()
        elif due.strip():
            given["due"], due_words = _due_and_words(due, day)
        else:
            given["due"] = None
        notices = counted[1] if counted else []
    if direction is not None:
        given["direction"] = _direction(direction) if direction.strip() else None
    figures, adopted = _figures(
        {"target": target, "baseline": baseline}, measure, lambda: session(ctx).plan().find(item)
    )
    for implied in ("target_text", "direction"):  # what --target 下降10% says, unless typed
        if implied in figures and implied in given:
            del figures[implied]
        elif implied in figures and figures[implied] is None:
            del figures[implied]  # a bare figure leaves them as they are
    given.update(figures)
    if adopted:  # --target 1800亩 on an item with no measure yet
        given["measure"] = adopted
    if weight is not None:
        given["weight"] = parse_number(weight, "--weight", above=True) if weight.strip() else None
    if not given:
        from .usage import UsageProblem

        raise UsageProblem(
            "请指定要修改的字段，例如 plan edit 1.1.1 --owner 张三；可改的字段见 plan edit --help。",
            "Say what to change: plan edit takes the fields to change as options (--title, "
            "--owner, --due…; see plan edit --help). For example: plan edit 1.1.1 --owner Zhang.",
        )
    stamp = _stamp(by)
    _apply(
        ctx,
        lambda plan: _told(
            structure.edit(plan, item, given, stamp, note=note, on=day, due_words=due_words),
            notices,
        ),
    )


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
    on: On = None,
    note: Note = None,
    by: By = None,
) -> None:
    """Move an item and what is under it to another parent (移动).

    It comes last under the new parent. Its id stays the same; the file then names the parent
    explicitly (parent = "…"). --on is the day it was moved (default today)."""
    from .. import structure

    day = _date(on)
    stamp = _stamp(by)
    _apply(ctx, lambda plan: structure.move(plan, item, parent, stamp, note=note, on=day))


@command("rm")
def remove(
    ctx: typer.Context,
    item: ItemArg,
    yes: Yes = False,
    recursive: Annotated[
        bool,
        typer.Option("--recursive", "-r", help="Also remove everything under it (连同下级)."),
    ] = False,
    on: On = None,
    note: Note = None,
    by: By = None,
) -> None:
    """Remove an item (删除); asks first unless --yes.

    The item and its history go to the file's archive of removed items ([[removed]]): plan log
    still shows them and plan undo brings them back. --on is the day it was removed (default
    today): views --as-of an earlier day still have it."""
    from .. import structure
    from ..errors import ChangeDeclined
    from ..texts import counted, label, title_in_line

    day = _date(on)
    stamp = _stamp(by)
    run = session(ctx)
    plan = _writable_plan(ctx)
    found = plan.find(item)
    under = sum(1 for _ in found.walk()) - 1
    if not yes and (recursive or not under):
        lang = run.lang(plan)
        extra = (
            label(lang, "ask_remove_under").format(count=under, items=counted(under, "item"))
            if under
            else ""
        )
        question = label(lang, "ask_remove").format(
            id=found.id, title=title_in_line(found.title), under=extra
        )
        from .prompts import can_ask

        if not can_ask():  # a script's next line is no answer
            key = "not_removed_unasked"
            raise ChangeDeclined(label("zh", key), label("en", key))
        if not ask(question, lang):
            raise ChangeDeclined(label("zh", "not_removed"), label("en", "not_removed"))
    del plan, found
    run.let_go()  # the change reads the plan again, under the lock
    _apply(
        ctx,
        lambda fresh: structure.remove(fresh, item, stamp, recursive=recursive, note=note, on=day),
    )


def _units(given: list[str] | None) -> list[str]:
    """--support values as a list of units: "农业股、水利站" typed in one is two, as the file
    and the importer read it (``model.split_names``), each once."""
    from ..names import split_names

    return list(dict.fromkeys(name for text in given or [] for name in split_names(text)))
