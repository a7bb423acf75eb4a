"""The Typer app, its global options, and the one place where domain errors become messages.

Exit codes: 0 ok; 1 a domain error (bad plan file, unknown item, refused change); 2 bad usage
(an unknown option, a malformed date or number).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer._click.exceptions import BadOptionUsage, UsageError
from typer.core import TyperGroup

from .. import store
from ..command_line import GLOBAL_OPTIONS_WITH_VALUE, split_command_line
from ..controls import visible
from ..errors import NotInPlanOn, PlanError, UnknownItem
from ..texts import LANGS, label
from .aliases import ALIASES, command_name
from .language import lang_of_env
from .speaking import COMMAND_LINE, PlanCommand, format_help, in_words

if TYPE_CHECKING:  # the model is loaded by the commands that read a plan, not by --help
    from ..model import Item, Plan
    from ..store.lock_holder import Holder


class PlanGroup(TyperGroup):
    """``--file`` and ``--lang`` may follow the command name too (``plan status --lang en``):
    they are moved in front of it before parsing, so they stay global options.

    Click's own errors echo what was typed (``No such option: --x…``, ``Got unexpected extra
    argument (…)``); their message passes through ``visible`` on the way out, like ours."""

    def make_context(self, info_name: Any, args: list[str], *rest: Any, **kwargs: Any) -> Any:
        line = list(args)  # click's parser consumes the list it is given
        # A run begins: its session is made by the group's callback, after the command is
        # looked up, so an unknown command would otherwise be said in the language of the
        # one run before it (a test's CliRunner runs many in one process).
        Session.latest = None
        try:
            return super().make_context(info_name, args, *rest, **kwargs)
        except UsageError as exc:
            raise in_words(exc, line) from None
        except Exception as exc:
            _show_controls_in_message(exc)
            raise

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            spoken = Session.latest is not None and Session.latest.spoken is not None
            lang = Session.latest.lang() if Session.latest is not None and spoken else None
            raise in_words(exc, ctx.meta.get(COMMAND_LINE, []), lang) from None
        except Exception as exc:
            _show_controls_in_message(exc)
            raise

    def _main_shell_completion(
        self, ctx_args: Any, prog_name: str, complete_var: Any = None
    ) -> None:
        """A shell asking for candidates: see cli/completion.py."""
        if os.environ.get(complete_var or f"_{prog_name}_COMPLETE".replace("-", "_").upper()):
            from .completion import prepare

            prepare(self)
        super()._main_shell_completion(ctx_args, prog_name, complete_var)

    def resolve_command(self, ctx: typer.Context, args: list[str]) -> Any:  # type: ignore[override]
        """A Chinese name (``plan 状态``) is its command; a name that is neither is a usage error
        that suggests the closest names."""
        if args and not args[0].startswith("-"):
            name = command_name(args[0])
            if name not in self.commands:
                if ctx.resilient_parsing:  # a shell completing: no error, no candidates
                    return super().resolve_command(ctx, args)
                from difflib import get_close_matches

                from .usage import UnknownCommand

                aliases = [a for a in ALIASES if ALIASES[a] in self.commands]
                if args[0].isascii():
                    close = get_close_matches(args[0], [*self.commands, *aliases])
                    suggestions = list(dict.fromkeys(command_name(word) for word in close))
                else:  # a Chinese name with one character the input method got wrong
                    # (状太 for 状态): half of two characters is close, and said as typed
                    suggestions = get_close_matches(args[0], [*aliases, *self.commands], cutoff=0.5)
                raise UnknownCommand(args[0], suggestions, ctx)
            args = [name, *args[1:]]
        return super().resolve_command(ctx, args)

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        """Command names typed in Chinese complete to Chinese names (状 → 状态)."""
        from .completion import chinese_names

        return [*super().shell_complete(ctx, incomplete), *chinese_names(self, incomplete)]

    def format_help(self, ctx: typer.Context, formatter: Any) -> None:  # type: ignore[override]
        format_help(self, ctx, formatter)

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        args = self._plain_options(args)
        ctx.meta[COMMAND_LINE] = list(args)
        try:
            return self._parse_args(ctx, args)
        except UsageError as exc:
            if exc.ctx is None:  # the parser's own (an option without its value)
                exc.ctx, exc.cmd = ctx, self
            raise

    def _plain_options(self, args: list[str]) -> list[str]:
        """——by (a Chinese input method's --) and the like as --by: see cli/dashes.py."""
        if all(arg.isascii() for arg in args):
            return args
        from .dashes import options_of, plain_options

        group = options_of(self)
        line = plain_options(args, group)  # the global options before the command's name
        before, name, _ = split_command_line(line)
        if name is None:
            return line
        command = self.commands.get(command_name(name))
        rest = args[len(args) - len(split_command_line(line)[2]) :]  # (after a -- too)
        return [*before, name, *plain_options(rest, {**group, **options_of(command)})]

    def _parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        _refuse_undecodable(args)
        _refuse_one_dash_globals(ctx, args)
        before, name, rest = split_command_line(args)
        if name is None:
            return super().parse_args(ctx, args)
        moved: list[str] = []
        kept: list[str] = []
        index = 0
        while index < len(rest):
            arg = rest[index]
            if arg == "--":
                kept += rest[index:]
                break
            if arg in GLOBAL_OPTIONS_WITH_VALUE:
                if index + 1 == len(rest):  # at the end, without its value
                    raise BadOptionUsage(arg, f"Option {arg!r} requires an argument.", ctx)
                moved += rest[index : index + 2]
                index += 2
                continue
            if arg.split("=", 1)[0] in ("--file", "--lang") and "=" in arg:
                moved.append(arg)
            else:
                kept.append(arg)
            index += 1
        return super().parse_args(ctx, [*before, *moved, name, *kept])


def _refuse_one_dash_globals(ctx: typer.Context, args: list[str]) -> None:
    """``-file`` or ``-lang`` for ``--file``/``--lang``, before or after the command: click read
    ``-file plan.toml status`` as ``-f ile`` and the plan's name as the command, and a command
    has no ``-f`` of its own (each command refuses its own options typed so, ``speaking``)."""
    if ctx.resilient_parsing:  # a shell completing the words typed so far
        return
    for word in args:
        if word == "--":
            return
        key = word.split("=", 1)[0]
        if key in ("-file", "-lang"):
            from .usage import OneDashOption

            raise OneDashOption(word, "-" + key, ctx)


def _refuse_undecodable(args: list[str]) -> None:
    """An argument that is not valid text (bytes a terminal set to another encoding sent, which
    Python keeps as lone surrogates) could be written into the plan only as garbage: refuse it
    as a usage error, before anything is read or written."""
    for arg in args:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            from .usage import UsageProblem

            raise UsageProblem(
                f"参数“{shown}”不是有效的 UTF-8 文本：请把终端设为 UTF-8（Windows 上运行 chcp "
                "65001）后重新输入。",
                f'"{shown}" is not valid UTF-8 text: set the terminal to UTF-8 (chcp 65001 on '
                "Windows) and type it again.",
            ) from None


def _show_controls_in_message(exc: Exception) -> None:
    """A click error (usage error, bad parameter…) is printed by click from its ``message``."""
    message = getattr(exc, "message", None)
    if isinstance(message, str):
        exc.message = visible(message)  # type: ignore[attr-defined]


class PlanTyper(typer.Typer):
    """The app. Its commands are registered by importing the modules that define them, and a
    run needs one of them (``cli.main``): ``load_commands``, when set, registers every one
    the first time anything asks for the app's commands, which come in the order of their
    modules in ``module_order`` (``plan --help``), whichever was imported first."""

    load_commands: Callable[[], None] | None = None
    module_order: dict[str, int] = {}

    @property  # type: ignore[override]
    def registered_commands(self) -> list[Any]:
        load, self.load_commands = self.load_commands, None
        if load is not None:
            load()
        commands = self._registered_commands
        order = self.module_order
        if order:
            commands.sort(key=lambda info: order.get(info.callback.__module__, len(order)))
        return commands

    @registered_commands.setter
    def registered_commands(self, value: list[Any]) -> None:
        self._registered_commands = value


app = PlanTyper(
    name="plan",
    cls=PlanGroup,
    help=(
        "quanhu-plan: the town's yearly work plan as a checklist (工作计划台账).\n\n"
        "The plan is one TOML file: --file, else $PLAN_FILE, else plan.toml in this folder or "
        "the nearest one above, else the embedded 2023 plan of Quanhu town (read-only). "
        "--file and --lang may also follow the command name."
    ),
    epilog=(
        "Commands have Chinese names too: plan 状态 is plan status; 列表 list, 查看 show, "
        "销号 done, 进度 progress, 记录 record, 备注 note, 报告 report, 撤销 undo, 日志 log "
        "(all in the README)."
    ),
    # Plain help and errors: rich is imported only by the commands that draw tables, which
    # keeps `plan --help` and every start-up fast (see benchmarks/startup.py).
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


# A plain class, not a dataclass: building a dataclass costs ~1 ms of every start-up.
class Session:
    """What one run of ``plan`` works on: which file, which language."""

    # The session of the command being run, for reading what was typed (parse_date): a process
    # runs one command; a test's CliRunner runs them one after another, each with a new one.
    latest: Session | None = None

    def __init__(self, file: str | None = None, lang_option: str | None = None):
        self.file, self.lang_option = file, lang_option
        self._plan: Plan | None = None
        self._failed: PlanError | None = None  # the file could not be read: said once
        self.recorded_to: dt.date | None = None  # see plan_at
        self.latest_recorded: dt.date | None = None  # see judged_now
        self._sketched: tuple[Plan, Any] | None = None  # see sketched
        # The command reads every item's table (``session(ctx, whole=True)``): a plan from the
        # parse cache comes with them all, not loaded as they are asked for (``store.load``).
        self.whole = False
        # ... for the year-end report of the plan as it is now: each long log cut to the few
        # entries the report reads (``store.load``'s ``report``).
        self.report = False
        # The language a command finds itself, where it is not its plan's (the county's: of
        # the plans it counts); None: the plan's.
        self.spoken: Callable[[], str] | None = None
        # The plan a change was made to, read again under the lock: its texts are what the
        # words said of the change quote (``_quoted``), after ``let_go``.
        self.changed: Plan | None = None
        self._beside_noted = False  # see note_beside
        Session.latest = self

    @property
    def source(self) -> store.PlanSource:
        return store.locate(self.file)

    @property
    def seen(self) -> Plan | None:
        """The plan this run changed or read, if any (not read for the asking)."""
        return self.changed or self._plan

    def let_go(self) -> None:
        """Forget the plan read, its memory let go of (``store.cache.let_go``): a change made
        after a question reads the file again under the lock."""
        plan, self._plan = self._plan, None
        if plan is not None:
            store.cache.let_go(plan)

    def plan(self) -> Plan:
        if self._failed is not None:  # lang() tried already: the same error, not read again
            raise self._failed
        if self._plan is None:
            try:
                self._plan = store.load(self.source, self.whole, report=self.report)
            except PlanError as exc:
                self._failed = exc
                raise
        return self._plan

    def goals(self) -> Any:
        """For a status of the plan as it is now: its parts and goals alone, from the parse
        cache, where that is all the status needs (``goal_figures.Goals``, never kept as the
        session's plan); else None, and the plan is read as for any command (``plan``)."""
        if self._plan is not None or self._failed is not None or self.whole:
            return None
        self.note_beside()
        try:
            loaded = store.load(self.source, goals=True)
        except PlanError as exc:
            self._failed = exc
            raise
        from ..goal_figures import Goals

        if not isinstance(loaded, Goals):
            self._plan = loaded
            return None
        return loaded

    def lang(self, plan: Plan | None = None) -> str:
        """--lang, else $PLAN_LANG, else the plan's own language, else the system's
        (``language.system_lang``)."""
        chosen = self.lang_option or lang_of_env()
        if chosen in LANGS:
            return chosen
        if "PLAN_LANG" in os.environ:  # (set, but to no language: said once)
            from .setting_notes import note_unknown_lang

            return note_unknown_lang(self, self._lang_found(plan))
        return self._lang_found(plan)

    def _lang_found(self, plan: Plan | None) -> str:
        if plan is not None:
            return plan.lang
        if self.spoken is not None:
            return self.spoken()
        if self._plan is None:
            try:
                self.plan()
            except PlanError as exc:  # no plan applies: the system's language
                from .language import system_lang

                return getattr(exc, "lang", None) or system_lang()
        assert self._plan is not None
        return self._plan.lang

    def lang_apart(self) -> str:
        """``lang``, without keeping a plan read to find it: for what is said while a change
        waits for the lock (the plan it changes is read afresh under the lock, and one read
        before that is not the session's plan)."""
        if self._plan is not None or self._failed is not None or self.spoken is not None:
            return self.lang()
        chosen = self.lang_option or lang_of_env()
        if chosen in LANGS:
            return chosen
        try:
            found = store.load(self.source).lang
        except PlanError as exc:
            from .language import system_lang

            found = getattr(exc, "lang", None) or system_lang()
        if "PLAN_LANG" in os.environ:  # (set, but to no language: said once)
            from .setting_notes import note_unknown_lang

            return note_unknown_lang(self, found)
        return found

    def note_beside(self) -> None:
        """Once a run, for a view: ``advice.note_plans_beside``."""
        if not self._beside_noted:
            self._beside_noted = True
            if not self.source.embedded:  # (a plan named or found: nothing to load or say)
                return
            from .advice import note_plans_beside

            note_plans_beside(self.source, self.lang)

    def plan_at(self, as_of: str | None) -> tuple[Plan, dt.date]:
        """The plan a read command shows and the day it is judged at. With ``--as-of``: the
        plan as it stood at the end of that day, replayed from the trace. Without: the plan as
        it is now, judged today (or at the plan's end, if that is earlier: then ``recorded_to``
        is the day of its latest record, and headings say the view is of now, not of that day)."""
        plan = self.plan()
        self.note_beside()
        if as_of is None:  # (an empty --as-of is no date: parse_date says so)
            return plan, self.judged_now(plan, self.sketched(plan))
        from .typed import parse_date

        day = parse_date(as_of, "--as-of")
        if day < plan.start:  # (a slip of the year, mostly: 2022-06-30 for 2023-06-30)
            from ..replay import not_begun
            from .setting_notes import before_start

            say(before_start(day, plan, self.lang(plan)), err=True, fold=True)
            # Nothing was done then: what the file holds counts from the plan's first day,
            # and shown then it would be done already (as plan county shows such a plan).
            return not_begun(plan), day
        from ..replay import plan_as_of

        return plan_as_of(plan, day), day

    def judged_now(self, plan: Plan, sketched: tuple[int, dt.date | None] | None) -> dt.date:
        """The day the plan as it is now is judged at: today, or the plan's end if that is
        earlier. Where the plan holds anything after that day (a change after its end, or one
        dated ahead with ``--on``), it is not the plan as at that day, and ``recorded_to`` says
        how far its records go: the latest day one is dated (``sketched``: its
        ``sketches.sketched_marks``, if known)."""
        from ..recorded_days import latest_after  # (not replay: a status loads none of it)

        today = dt.date.today()
        day = plan.default_as_of(today)
        # Before the plan's start (next year's plan made in December), what is dated on its
        # first day is the plan as it starts (the figures plan new --carry brought), not ahead.
        latest = latest_after(plan, max(day, plan.start), sketched)
        # Said as the day the records go to (记录至): the latest one's, as the year-end report
        # and the export are dated; not today, which a plan finished long ago is not recorded to.
        self.recorded_to = latest
        self.latest_recorded = latest  # (a year-end report is dated at it, not today)
        return day

    def sketched(self, plan: Plan) -> tuple[int, dt.date | None] | None:
        """``sketches.sketched_marks`` of a plan a read command shows, worked out once in a run
        (a read changes no plan): as the cache recalled it, if it did."""
        if self._sketched is None or self._sketched[0] is not plan:
            from ..sketches import sketched_marks
            from ..store.cache import marks_as_recalled
            from ..store.read_ahead import marks_as_read

            marks = marks_as_recalled(plan)
            if marks is None:  # (a long plan just read, each part's said as it was read)
                marks = marks_as_read(plan)
            self._sketched = (plan, marks if marks is not None else sketched_marks(plan.roots))
        return self._sketched[1]

    def find_at(self, plan: Plan, name: str, day: dt.date) -> Item:
        """An item of the plan as it stood on ``day``; one that was not in it then (added
        later, or removed before) is named as such."""
        try:
            return plan.find(name)
        except UnknownItem:
            if plan is self.plan():
                raise
            # Not in the plan now either: the plan's own words (removed, in the archive; or
            # the ids close to it), as without --as-of.
            now = self.plan().find(name)
            raise NotInPlanOn(now.id, now.title, day) from None


def session(ctx: typer.Context, whole: bool = False, report: bool = False) -> Session:
    """The session of this run; ``whole``: the command reads every item's table, ``report``:
    for the year-end report of the plan as it is now (``Session``)."""
    root = ctx.find_root()
    if not isinstance(root.obj, Session):
        root.obj = Session()
    if whole:
        root.obj.whole = True
        root.obj.report = report
    return root.obj


def _check_lang(value: str | None) -> str | None:
    """--lang as typed: zh or en, or as a locale or a person names them (EN, zh-CN, 中文)."""
    if value is None:
        return None
    from .language import lang_named

    named = lang_named(value)
    if named is None:
        from ..controls import typed_quoted, typed_shown
        from .usage import UsageProblem

        raise UsageProblem(
            f"--lang 的值“{typed_shown(value)}”不可用：只能是 zh（中文）或 en（英文）。例如：plan --lang en status。",
            f"--lang cannot be {typed_quoted(value)}: use zh (Chinese) or en (English). For example: "
            "plan --lang en status.",
        )
    return named


def _check_file(value: str | None) -> str | None:
    # An empty --file (a script's unset variable: plan -f "$PLAN" done 1.2) is not "no --file":
    # the plan found otherwise would be changed instead of the one meant.
    if value is not None and not value.strip():
        from .usage import UsageProblem

        raise UsageProblem(
            "--file 的值是空的：请写出计划文件的路径，如 plan --file 泉湖镇.toml status；"
            "不用 --file 时，用 $PLAN_FILE 或当前文件夹的 plan.toml。",
            "--file is empty: give the path of the plan file, as in plan --file plan.toml "
            "status; leave --file out to use $PLAN_FILE or the plan.toml in this folder.",
        )
    return value


FileOption = Annotated[
    str | None,
    typer.Option(
        "--file",
        "-f",
        metavar="FILE",
        help="Plan file to use (计划文件); default: $PLAN_FILE, ./plan.toml or above, the embedded 2023 plan.",
        callback=_check_file,
        show_default=False,
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="zh|en",
        help="Output language: zh (中文) or en; default: $PLAN_LANG, else the plan's own.",
        callback=_check_lang,
        show_default=False,
    ),
]


def _show_version(value: bool) -> None:
    """``plan --version``: what an office reporting a problem is asked first; no plan read."""
    if value:
        from .. import __version__

        typer.echo(f"quanhu-plan {__version__}")
        raise typer.Exit()


VersionOption = Annotated[
    bool,
    typer.Option(
        "--version",
        help="Print the version of quanhu-plan and exit.",
        callback=_show_version,
        is_eager=True,
    ),
]


@app.callback()
def main_options(
    ctx: typer.Context,
    file: FileOption = None,
    lang: LangOption = None,
    version: VersionOption = False,
) -> None:
    ctx.obj = Session(file=file, lang_option=lang)


F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


def command(*args: Any, **kwargs: Any) -> Callable[[F], F]:
    """``app.command`` that turns a PlanError into its message on stderr and exit code 1.

    Commands take ``ctx: typer.Context`` first so the message can be in the session's language.
    """

    def register(func: F) -> F:
        @functools.wraps(func)
        def run(**kw: Any) -> Any:
            try:
                return func(**kw)
            except PlanError as exc:
                from ..errors.setting import message_naming_setting

                run, lang = session(kw["ctx"]), session(kw["ctx"]).lang()
                said = message_naming_setting(exc, lang, run.file, kw["ctx"].command.name)
                fail(said, lang, exc.exit_code)

        kwargs.setdefault("cls", PlanCommand)
        app.command(*args, **kwargs)(run)
        return func

    return register


def say(text: str, err: bool = False, nl: bool = True, fold: bool = False) -> None:
    """Print the tool's words, in which user text is often quoted (a title, a path, a value
    found in the file): every line the CLI prints without rich goes through here, so a
    control character in it shows as an escape (``controls.visible``) and is never obeyed.
    A command it advises names the file the user named (``advice``). ``fold``: folded at a
    terminal's width (``folded_on_terminal``)."""
    from .advice import advising  # (loaded when a line is said)

    shown = visible(advising(text))
    if fold:
        from ..terminal.folding import folded_on_terminal

        shown = folded_on_terminal(shown, err)
    echo(shown, err=err, nl=nl)


def echo(text: str, err: bool = False, nl: bool = True) -> None:
    """``text`` written to ``sys.stdout`` (or ``sys.stderr``) as it stands, wrapper and all:
    Click, left to choose, writes to a Windows console by its handle, past the wrapper that
    draws the wide signs of a Chinese console narrow (``terminal.cjk_console``)."""
    typer.echo(text, file=sys.stderr if err else sys.stdout, nl=nl)


def say_folded(text: str, hang: int = 0) -> None:
    """``say`` with each line folded to the output's width the Chinese way
    (``paragraphs.wrap_lines``), never inside a command to copy (``paragraphs.unbroken``), a
    line's rest indented by ``hang``: a path or a title in a
    sentence stays within a narrow terminal, as the views do (rich is not loaded)."""
    import os

    from ..terminal.paragraphs import unbroken, wrap_lines
    from ..terminal.plain import environment_width
    from .advice import advising

    width = environment_width(os.environ)
    lines: list[str] = []
    for line in visible(advising(text)).split("\n"):  # as shown
        first = unbroken(line, width, wrap_lines)[0] if line else (0, 0)
        lines.append(line[: first[1]])
        rest = line[first[1] :].lstrip()
        if rest:
            room = max(width - hang, 2)
            lines += [" " * hang + rest[a:b] for a, b in unbroken(rest, room, wrap_lines)]
    say("\n".join(lines))


def say_conflicts(plan: Any, lang: str, err: bool = False, sketched: Any = None) -> None:
    """Under a view of figures: which are in a merge conflict, so nobody takes them as final
    (``err``: on stderr, where the output is a document). ``sketched``: the plan's
    ``sketches.sketched_marks``, if known. Folded on a terminal (``folded_on_terminal``): it
    ran past a narrow terminal's edge under a view drawn for it."""
    if no_conflicts(plan, sketched):
        return  # (nor is the code that finds them loaded)
    from ..merging.conflicts import open_conflicts, summary

    conflicts = open_conflicts(plan)
    if conflicts:
        say(summary(conflicts, lang), err=err, fold=True)


def no_conflicts(plan: Any, sketched: Any) -> bool:
    """Whether ``sketched`` (``sketches.sketched_marks``) says that no item is in a merge
    conflict, and the header and the archive hold none either: then nobody need look further
    (no item is looked at)."""
    from ..recorded_days import ARCHIVE  # (trace's: not loaded by a status)
    from ..sketches import CONFLICT, SKETCH_CONFLICT

    if sketched is None or sketched[0] & SKETCH_CONFLICT:
        return False
    return CONFLICT not in plan.meta and not plan.extra.get(ARCHIVE)


def fail(message: str, lang: str, code: int = 1) -> None:
    sep = "：" if lang == "zh" else ": "
    say(f"{label(lang, 'error')}{sep}{message}", err=True, fold=True)
    raise typer.Exit(code)


def ask(question: str, lang: str = "zh") -> bool:
    """A yes/no question (default no) in ``lang``, shown like ``say``; 是/否 answer it as y/n
    do (``prompts.answer``); no answer (end of input) is no, and with no terminal
    (``prompts.can_ask``, which a caller looks at first to say why) nothing is asked nor read:
    no. Ctrl-C stays Ctrl-C (exit 130), not a no, and says that nothing was done: every question
    comes before its command writes, and Ctrl-C at "是否同时销号？" also drops the figure being
    recorded."""
    from .advice import advising
    from .prompts import can_ask, confirm

    if not can_ask():
        return False
    try:
        return confirm(visible(advising(question)), lang)
    except typer.Abort as exc:
        if isinstance(exc.__context__, KeyboardInterrupt):
            echo("", err=True)  # after the ^C the terminal shows, on a line of its own
            echo(
                "已中断：没有做任何修改，也没有写入文件。"
                if lang == "zh"
                else "Interrupted: nothing was changed or written.",
                err=True,
            )
            raise KeyboardInterrupt from None
        echo("")
        return False


def lock_waiting(lang: Callable[[], str]) -> Callable[[str, float, Holder | None], None]:
    """What a change kept waiting for another plan command's lock says on stderr, once, in
    ``lang()`` (``store.locked``'s ``waiting``): a wait of up to half a minute in silence
    looks like a hang."""

    def waiting(lock: str, timeout: float, holder: Holder | None) -> None:
        chosen = lang()
        who = ""
        if holder is not None:  # (as it wrote itself into the lock file: store.lock_holder)
            en, zh = holder.words()
            who = f"（{zh}）" if chosen == "zh" else f" ({en})"
        said = label(chosen, "lock_waiting").format(lock=lock, timeout=f"{timeout:.0f}", who=who)
        try:
            say(said, err=True, fold=True)
            sys.stderr.flush()
        except (OSError, ValueError):  # stderr gone: the change goes on
            pass

    return waiting


def print_after_save(lines: list[tuple[str, bool]]) -> None:
    """Print what a saved change (or a written report) says: ``(text, to stderr)`` pairs.

    It is saved, so nothing that happens to the output now (a closed pipe, a full disk behind a
    redirect, a terminal gone) may turn the run into a failure: a user who sees one makes the
    change again. Output that fails is dropped quietly and the command exits 0; the other
    stream's lines are said all the same (``plan new 2024 >&-``: the note on stderr that a task
    was not carried went with the line on stdout). On a terminal each line is folded at its
    width (``folded_on_terminal``)."""
    failed: set[bool] = set()  # the streams (err or not) that failed
    for text, err in lines:
        if err not in failed:
            try:
                say(text, err=err, fold=True)
            except (OSError, ValueError):  # ValueError: a stream that was closed
                failed.add(err)
    for err, stream in ((False, sys.stdout), (True, sys.stderr)):
        if err not in failed and stream is not None:
            try:
                stream.flush()
            except (OSError, ValueError):
                failed.add(err)
    if failed:
        _drop_output()


def _drop_output() -> None:
    """Send what is left of stdout and stderr to the null device, so that flushing them at the
    exit cannot fail either."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
    except OSError:  # pragma: no cover - no null device
        return
    for stream in (sys.stdout, sys.stderr):
        try:
            os.dup2(null, stream.fileno())
        except (AttributeError, OSError, ValueError):
            pass
    os.close(null)


def complete_item_id(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion of ids, with their titles (see cli/completion.py)."""
    from .completion import item_ids

    return item_ids(ctx, incomplete)


# Options more than one command takes.
Pager = Annotated[
    bool,
    typer.Option(
        "--pager", help="On a terminal, show long output through a pager ($PAGER, else less)."
    ),
]

PartOption = Annotated[
    str | None,
    typer.Option(
        "--part",
        metavar="ID",
        help="Only this part or goal: an id or a fragment of its title (部分).",
        show_default=False,
        autocompletion=complete_item_id,
    ),
]
