"""Commands that change a task's status: done, reopen, start, block, drop, progress, record,
note; and what every command that changes the plan shares: the --by, --note and --on options,
the stamp, the numbers typed, and ``_apply``, which makes the change. The structure commands
(add, edit, move, rm) are in structure.py; undo, and log, which shows the trace every change
leaves, in trace.py.

Each command parses its arguments (a malformed one is a usage error, exit 2), then makes the
change through ``store.update``: under the lock, on the file as it is on disk now, written back
atomically. The change itself is ``quanhu_plan.changes``; the command prints the one line its
outcome says, in the session's language.

Like every command module, it keeps ``from __future__ import annotations``: evaluating every
command's annotations at import costs more than evaluating those of the one command a run
builds, once (``cli._annotations_evaluated``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .. import store
from .app import (
    ask,
    command,
    complete_item_id,
    echo,
    lock_waiting,
    print_after_save,
    say,
    session,
)
from .item_argument import refuse_blank_id
from .speaking import FigureCommand
from .typed import parse_date

if TYPE_CHECKING:
    from ..changes import Outcome, Stamp
    from ..model import Plan
    from ..store.locating import PlanSource

ItemArg = Annotated[
    str,
    typer.Argument(
        help="Id or a fragment of the title (编号或名称片段).",
        autocompletion=complete_item_id,
        metavar="ID",
        show_default=False,
        callback=refuse_blank_id,
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
        help="The day it happened (日期): 2023-06-30, 2023/6/30, 6月30日, 今天…; default: today.",
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


def login_name() -> str:
    from ..store.lock_holder import user_name

    try:
        return user_name() or "unknown"
    except Exception:  # no USER/LOGNAME and no password entry (e.g. a bare container)
        return "unknown"


def _stamp(by: str | None) -> Stamp:
    from ..changes import Stamp

    name = login_name() if by is None else by.strip()
    if not name or (not name.isprintable() and not _drawn(name)):  # (a zero-width space alone)
        from .usage import UsageProblem

        raise UsageProblem(
            "--by 是记录人，不能为空：写上做这次修改的人，例如 --by 张三。",
            "give a name: who made this change, e.g. --by Zhang.",
            "--by",
        )
    return Stamp.current(name)


def _drawn(text: str) -> bool:
    from ..validate import title_drawn

    return title_drawn(text)


def _date(value: str | None, option: str = "--on") -> dt.date | None:
    if value is None:
        return None
    day = iso_day(value)
    return day if day is not None else parse_date(value, option)


def iso_day(value: str) -> dt.date | None:
    """A day typed as 2023-06-30 (the form scripts and most people type), read without loading
    ``inputs`` (its patterns and Unicode tables: about a millisecond): the day ``parse_date``
    reads from it. None for any other text, and for such a day that does not exist or whose
    year no plan has, which ``parse_date`` then reads or refuses with its message."""
    if len(value) != 10 or value[4] != "-" or value[7] != "-" or not value.isascii():
        return None
    if not (value[:4] + value[5:7] + value[8:]).isdigit():
        return None
    from ..validate import YEARS

    try:
        day = dt.date(int(value[:4]), int(value[5:7]), int(value[8:]))
    except ValueError:
        return None
    return day if YEARS[0] <= day.year <= YEARS[1] else None


def _text(value: str, hint: str) -> str:
    if not value.strip():
        from .usage import UsageProblem, subject_zh

        raise UsageProblem(
            f"{subject_zh(hint)}不能为空：请写上内容，含空格的文字用引号括起来。",
            "must not be empty: write the text, in quotes if it has spaces.",
            hint,
        )
    return value.strip()


def _several_numbers(value: str) -> list[str]:
    """The numbers a text holds where it holds more than one (分别增长6%、9%以上: 6, 9; 5.8%、
    6.1%, which read as 5.8 in a unit 、6.1%), else []; 1,80 is one number badly written and
    1/2 a fraction (both refused as no number), 1e5 one number, not two."""
    import re
    import unicodedata

    # Full-width digits as digits, but not a unit's (㎡ is m2 to NFKC, 1200m2 is m²: a digit
    # after a letter is the unit's).
    text = "".join(unicodedata.normalize("NFKC", ch) if ch in _WIDE_DIGITS else ch for ch in value)
    if re.search(r"[0-9]\s*[/⁄]\s*[0-9]|[0-9][eE][-+]?[0-9]", text):
        return []
    # (1 800: one number with a space, refused as none; 6% 9% and 6%，9% two, as 6%、9% is)
    found = re.findall(
        r"(?<![A-Za-z0-9.])(?<![0-9.][,，\s])[0-9](?:[0-9,，]|\s+(?=[0-9]))*(?:\.[0-9]+)?", text
    )
    return found if len(found) > 1 else []


_WIDE_DIGITS = "０１２３４５６７８９．"


def _seen_text(value: str, hint: str) -> str:
    """``_text`` that shows something: a reason or a note of a zero-width space alone (pasted
    from WeChat) would be a blank one in the log, the report and the table."""
    text = _text(value, hint)
    if not text.isprintable() and not _drawn(text):
        from .usage import UsageProblem, subject_zh

        raise UsageProblem(
            f"{subject_zh(hint)}只有看不见的字符（零宽空格、方向控制符等），显示出来是空白："
            "请写上内容。",
            "has invisible characters alone (zero-width spaces, direction marks), which show as "
            "blank: write the text.",
            hint,
        )
    return text


def parse_figure(
    value: str,
    hint: str,
    *,
    low: float | None = 0,
    high: float | None = None,
    above: bool = False,
) -> tuple[int | float, str]:
    """A number the user typed and the unit written after it, '' if none: '40', '3.3', '-2.5',
    '1,800', full-width digits, '1800亩', '95%' (typed_numbers.read_number). A bad one is exit 2, and
    so is one of 10^15 or more in size (a plan file holds none such: see
    validate.NUMBER_LIMIT). ``low`` None: any sign (a growth rate can fall)."""
    from math import inf

    from ..errors import shown_value
    from ..inputs import InputError
    from ..texts import format_number
    from ..typed_numbers import in_digits, miswritten_number, read_number
    from ..validate import NUMBER_LIMIT, is_number

    shown = shown_value(value)
    miswritten = miswritten_number(value)
    if miswritten:  # (before the count of numbers: 1_0 is not 1 and 0)
        zh, en = miswritten
        raise typer.BadParameter(
            f"{shown} is not a number: {en} (不是数字：{zh}).", param_hint=hint
        )
    several = _several_numbers(value)
    if several:  # 分别增长6%、9%以上: the document's sentence for two aims
        zh, en = "、".join(several), ", ".join(several)
        raise typer.BadParameter(
            f"{shown} holds {len(several)} numbers ({en}): which one? A task has one "
            f"figure: make a task of each (有 {len(several)} 个数（{zh}），不知道是哪一个；"
            "一项任务只记一个指标：几个指标请分成几项任务).",
            param_hint=hint,
        )
    try:
        number, unit = read_number(value)
    except InputError:
        digits = in_digits(value)  # 三十五, 五万亩: the figure in digits, to type instead
        if digits is not None:
            raise typer.BadParameter(
                f"{shown} is not a number: write it in digits, {digits} "
                f"(不是数字，要用阿拉伯数字写，如 {digits}).",
                param_hint=hint,
            ) from None
        raise typer.BadParameter(f"{shown} is not a number (不是数字).", param_hint=hint) from None
    from ..magnitudes import whole_if_exponent

    number = whole_if_exponent(number, value)  # 1e3: 1000, as typed in full
    # nan, and inf typed as a word (1e400 is a number, too large: said below)
    if number != number or (number in (inf, -inf) and not any(c.isdigit() for c in value)):
        raise typer.BadParameter(f"{shown} is not a number (不是数字).", param_hint=hint)
    if number == 0 and _not_zero(value, unit):  # 5e-400: no float holds it, it would be 0
        raise typer.BadParameter(
            f"{shown} is too small: it would be kept as 0 (数字太小，会变成 0).", param_hint=hint
        )
    if not is_number(number) or abs(number) >= NUMBER_LIMIT:
        raise typer.BadParameter(
            f"{shown} is too large: a number must be below 10^15 in size (数字过大，"
            "绝对值应小于 10 的 15 次方).",
            param_hint=hint,
        )
    if number != 0 and format_number(number) == "0":  # 1e-20: kept, but shown as 0 everywhere
        raise typer.BadParameter(
            f"{shown} is too small: every view would show it as 0 (数字太小，显示出来都是 0).",
            param_hint=hint,
        )
    if number == 0:  # -0 and -0.0 are 0: no figure is written or shown as -0
        number = abs(number)
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


def _not_zero(value: str, unit: str) -> bool:
    """Whether the number typed before ``unit`` has a digit other than 0 before its exponent."""
    from ..inputs import normalised

    typed = normalised(value, lower=False, units=True).strip()
    number = typed[: typed.rfind(unit)] if unit else typed
    return any(digit in "123456789" for digit in number.lower().partition("e")[0])


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
    from ..typed_numbers import same_unit, wrong_unit
    from .usage import UsageProblem, subject_zh

    if measure and same_unit(unit, measure):
        return
    error = wrong_unit(value, number, unit, measure, item, percent=percent)
    raise UsageProblem(f"{subject_zh(hint)}{error.zh}", error.en, hint=hint)


def refuse_while_unmerged(source: PlanSource) -> None:
    """No change (nor plan fmt) to a plan a git pull stopped on: it would be lost to the
    advice's git merge --abort, or make the file no longer git's ours, which plan check then
    takes for a file being settled."""
    if not source.embedded:
        from .git_unmerged import refused_while_unmerged, stopped_on

        stopped = stopped_on(source.path)
        if stopped is not None:
            raise refused_while_unmerged(source.label, stopped)


def _apply(
    ctx: typer.Context,
    change: Callable[[Plan], Outcome],
    interrupted: str = "saved_before_interrupt",
) -> Outcome:
    """Make the change under the lock on fresh content; print its warnings and its line.
    ``interrupted``: what a Ctrl-C after the save says (``say_if_saved``)."""
    run = session(ctx)
    refuse_while_unmerged(run.source)
    fresh: list[Plan] = []
    notices: list[Any] = []

    def on_fresh(plan: Plan) -> Outcome:
        fresh[:] = [plan]
        run.changed = plan
        return change(plan)

    from ..guard import checked  # no change writes a plan that loses an item or is invalid

    later: list[Callable[[], None]] = []  # the parse cache is filled once the user is told
    from ..store.files import watch_landing

    watch_landing(True)
    try:
        outcome = store.update(
            run.source,
            lambda plan: checked(plan, on_fresh),
            notices=notices,
            later=later,
            waiting=lock_waiting(run.lang_apart),
        )
        lang = run.lang(fresh[0])
        lines = [(notice.message(lang), True) for notice in [*notices, *outcome.warnings]]
        print_after_save([*lines, (outcome.message(lang), False)])
    except KeyboardInterrupt:  # (Ctrl-C; SIGTERM and SIGHUP come as it)
        say_if_saved(run.lang_apart(), interrupted)
        raise
    finally:
        watch_landing(False)
    for job in later:
        job()
    return outcome


def say_if_saved(lang: str, key: str, **params: str) -> None:
    """A Ctrl-C that came once the change was on disk, before the line saying so: it is said
    (exit 130 all the same), in the words of ``key`` (texts_changes), or the user makes the
    change again (a note written twice, an undo that takes back one more change)."""
    from ..store.files import landed
    from ..texts import label

    if not landed():
        return
    try:
        echo("", err=True)  # after the ^C the terminal shows, on a line of its own
        say(label(lang, key).format(**params), err=True, fold=True)  # (a path in it: shown)
    except (OSError, ValueError):  # stderr gone (a closed terminal)
        pass


def _writable_plan(ctx: typer.Context) -> Plan:
    """The plan as it is now, for a question asked before the change; refuses the embedded
    plan first, so nobody answers a question for a change that cannot be made."""
    run = session(ctx)
    store.refuse_changes(run.source)
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
            callback=refuse_blank_id,
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

    for given in evidence or ():  # -e "$FILE" with no file: said, not passed over
        _text(given, "--evidence")
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

    It goes back to in progress (进行中) if it has progress or a figure, else to not started
    (未开始); its done date and the reason of a block or drop are removed."""
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

    reason = _seen_text(reason, "--reason")
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

    reason = _seen_text(reason, "--reason")
    day = _date(on)
    stamp = _stamp(by)
    _apply(ctx, lambda plan: changes.drop(plan, item, stamp, reason=reason, on=day, note=note))


def _rise_refused(value: str, figure_zh: str, figure_en: str) -> str:
    """A progress or an amount typed as a rise (增加10, 增加0.1万亩): how much was added, not
    the figure now, which is what the plan keeps."""
    from ..errors import shown_value

    return (
        f"{shown_value(value)} says how much the {figure_en} rose by: write the {figure_en} "
        f"as it stands now, not what was added (说的是增加了多少：{figure_zh}请写现在达到的数，"
        "不是增加的量)."
    )


@command(cls=FigureCommand)
def progress(
    ctx: typer.Context,
    item: ItemArg,
    percent: Annotated[
        str,
        typer.Argument(
            help="Progress in percent, 0-100 (进度%), or in tenths (五成, 八成五).",
            metavar="PERCENT",
            show_default=False,
        ),
    ],
    on: On = None,
    note: Note = None,
    by: By = None,
) -> None:
    """Set a task's progress in percent (填报进度); a task not started is then in progress."""
    from .. import changes
    from ..typed_numbers import percent_in_tenths, rise_words

    if rise_words(percent):  # 增加10: the progress rose by 10, it is not 10 now
        raise typer.BadParameter(_rise_refused(percent, "进度", "progress"), param_hint="PERCENT")
    tenths = percent_in_tenths(percent)  # 五成: 50
    if tenths is not None and tenths > 100:  # 十成半 (not 10 in a unit 成半)
        from ..controls import typed_shown
        from .usage import UsageProblem

        raise UsageProblem(
            f"PERCENT（进度）的值“{typed_shown(percent)}”即 {tenths}%：进度应在 0 到 100 之间。",
            f"'{typed_shown(percent)}' is {tenths}%: a progress is from 0 to 100.",
            "PERCENT",
        )
    value = (
        parse_number(percent, "PERCENT", low=0, high=100, percent=True)
        if tenths is None
        else tenths
    )
    day = _date(on)
    stamp = _stamp(by)

    def progressed(plan: Plan) -> Outcome:
        outcome = changes.progress(plan, item, value, stamp, on=day, note=note)
        if "%" not in percent and "％" not in percent:  # 0.5, not 0.5%: 50% meant?
            from ..change_notices import fraction_progress

            outcome.warnings.extend(fraction_progress(outcome.items[0][0], value))
        return outcome

    _apply(ctx, progressed)


@command(cls=FigureCommand)
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
    no: Annotated[
        bool,
        typer.Option(
            "--no", help="If the target is reached, leave the task open without asking or a note."
        ),
    ] = False,
    by: By = None,
) -> None:
    """Record a metric's actual figure (填报完成值).

    For example plan record 5.5.1 3.3 for 3.3万亩. Reaching the target asks at a terminal whether
    to tick the task off as well (no answer means no; --yes means yes, --no no). Run from a
    script, nothing is asked: the task stays open, and a note says so (none with --no)."""
    from .. import changes
    from ..outcome import Notice as OutcomeNotice
    from ..texts import format_number, label, title_in_line, with_unit
    from ..typed_numbers import percent_in_tenths

    if yes and no:
        raise typer.BadParameter("--yes and --no cannot both be given (--yes 与 --no 只能用一个).")
    tenths = percent_in_tenths(value)  # 九成五: 95%, for a figure in % (a unit checked below)
    number, unit = (tenths, "%") if tenths is not None else parse_figure(value, "VALUE", low=None)
    day = _date(on)
    stamp = _stamp(by)
    run = session(ctx)
    tick = False
    unasked: OutcomeNotice | None = None  # reached with nobody at a terminal to ask
    # Asked before taking the lock (nobody waits on a question); the change re-checks.
    plan = _writable_plan(ctx)
    found = plan.find(item)
    from ..typed_numbers import aims_at_change, rise_words

    # 同比增长6.1% of a growth rate is the rate; 增加0.1万亩 of an area is what was added
    if rise_words(value) and not aims_at_change(found.title, found.get("target_text")):
        raise typer.BadParameter(_rise_refused(value, "完成值", "figure"), param_hint="VALUE")
    if unit:  # 1800亩 for a task measured in 亩; 2千亩 is 2000 of them
        from ..magnitudes import in_measure

        number, unit = in_measure(number, unit, found.get("measure"))
        check_unit(value, number, unit, found.get("measure"), "VALUE", (found.id, found.title))
    if not no and changes.reaches_target(plan, found, number, day or stamp.today):
        from .prompts import can_ask

        if yes:
            tick = True
        elif not can_ask():  # a script: its next line is no answer (and a notice needs no lang)
            target, measure = format_number(found.get("target")), found.get("measure", "")
            reached = {"id": found.id, "title": title_in_line(found.title)}
            reached.update({f"target_{to}": with_unit(to, target, measure) for to in ("zh", "en")})
            unasked = OutcomeNotice("warn_tick_unasked", reached)
        else:
            lang = run.lang(plan)
            target = with_unit(lang, format_number(found.get("target")), found.get("measure", ""))
            question = label(lang, "ask_tick").format(
                id=found.id, title=title_in_line(found.title), target=target
            )
            tick = ask(question, lang)
    del plan, found
    run.let_go()  # the change reads the plan again, under the lock
    from ..inputs import shown
    from ..typed_numbers import about_words

    word = about_words(value)  # 约280万元: 280 is kept, and the user told the 约 is not

    def recorded(fresh: Plan) -> Outcome:
        outcome = changes.record(fresh, item, number, stamp, on=day, note=note, tick=tick)
        if word is not None:
            figure = with_unit("zh", format_number(number), fresh.find(item).get("measure", ""))
            typed = {"typed": shown(value.strip()), "figure": figure, "word": word}
            outcome.warnings.append(OutcomeNotice("warn_about_figure", typed))
        if unasked is not None:
            outcome.warnings.append(unasked)
        return outcome

    _apply(ctx, recorded)


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

    text = _seen_text(text, "TEXT")
    day = _date(on)
    stamp = _stamp(by)
    _apply(ctx, lambda plan: changes.add_note(plan, item, text, stamp, on=day))
