"""The click side of every ``plan`` command speaking the run's language: the command class
(extra arguments as a usage error of ours, the command named in errors it raises) and the two
hooks ``app.PlanGroup`` and it share: help in Chinese or English, usage errors in words.

The wording lives in ``usage`` and ``help``, loaded only when an error or help is shown."""

from __future__ import annotations

from typing import Any

import typer
from typer._click.exceptions import NoArgsIsHelpError, UsageError
from typer._click.parser import _OptionParser
from typer.core import TyperCommand


def _refuse_one_dash_options(command: Any, ctx: typer.Context, args: list[str]) -> None:
    """A long option typed with one dash (``-evidence``, ``-note``) is refused by name: click
    reads it as a short option and the rest of the word as its value (``-e vidence``), which a
    tick-off would record as its evidence. A word that is an option's value stays text."""
    if ctx.resilient_parsing:  # a shell completing the words typed so far (-evi<Tab>)
        return
    names = {o: p for p in command.params for o in getattr(p, "opts", ())}
    longs = [name[1:] for name in names if name.startswith("--")]
    takes_value = False
    for word in args:
        if word == "--":
            return
        key = word.split("=", 1)[0]
        if not takes_value and len(key) > 2 and key[1] != "-":
            # -note早稻 too: the option's name and, without a space, a Chinese text
            meant = next(
                (
                    name
                    for name in longs
                    if key == name or key.startswith(name) and not key[len(name)].isascii()
                ),
                None,
            )
            if meant is not None:
                from .usage import OneDashOption

                raise OneDashOption(word, "-" + meant, ctx)
        param = names.get(key)
        takes_value = param is not None and "=" not in word and not getattr(param, "is_flag", False)


class PlanCommand(TyperCommand):
    """A command of ``plan``: its help in the run's language, and its usage errors (an extra
    argument; a bad value the command itself found) with what the message needs to name it."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        _refuse_one_dash_options(self, ctx, args)
        allowed = ctx.allow_extra_args
        ctx.allow_extra_args = True  # click would refuse extra words in English; see below
        try:
            rest = super().parse_args(ctx, args)
        except UsageError as exc:
            if exc.ctx is None:  # the parser's own (an option without its value)
                exc.ctx, exc.cmd = ctx, self
            raise
        finally:
            ctx.allow_extra_args = allowed
        if rest and not allowed and not ctx.resilient_parsing:
            from .usage import ExtraArguments

            raise ExtraArguments(rest, ctx)
        return rest

    def make_parser(self, ctx: typer.Context) -> _OptionParser:  # type: ignore[override]
        if not isinstance(self, FigureCommand):
            return super().make_parser(ctx)
        parser = _NumbersAsArguments(ctx)
        for param in self.get_params(ctx):
            param.add_to_parser(parser, ctx)
        return parser

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            if exc.ctx is None:  # raised by the command: name the command in the message
                exc.ctx, exc.cmd = ctx, self
            raise

    def format_help(self, ctx: typer.Context, formatter: Any) -> None:  # type: ignore[override]
        format_help(self, ctx, formatter)


class FigureCommand(PlanCommand):
    """A command that takes a figure, which may be negative (plan record 5.5.1 -2.5): a word
    that reads as a negative number is its argument, not an unknown option."""


# Where the root context keeps the command line (ctx.meta is shared by the whole run), for the
# language of help and usage errors before any command has run.
COMMAND_LINE = "quanhu_plan.command_line"


def format_help(command: Any, ctx: Any, formatter: Any) -> None:
    # Both languages through help.py, not click's own layout: it counts a Chinese character as
    # the two columns it takes (click counts one: English help naming 任务分解表 passed 80).
    from .help import plan_help
    from .language import lang_of_command_line

    zh = lang_of_command_line(ctx.meta.get(COMMAND_LINE, [])) == "zh"
    formatter.write(plan_help(command, ctx, formatter.width, "zh" if zh else "en"))


def in_words(exc: UsageError, args: list[str], lang: str | None = None) -> UsageError:
    """Click's usage error (or a command's) as one paragraph in the run's language (``lang``
    where the command has found it); help asked for by giving no arguments stays help."""
    from .usage import ShownUsageError, shown

    if isinstance(exc, NoArgsIsHelpError | ShownUsageError):
        return exc
    from .language import lang_of_command_line

    return shown(exc, lang or lang_of_command_line(args))


class _NumbersAsArguments(_OptionParser):
    """Click's parser, but a word that reads as a negative number is an argument, whole: a
    figure (plan record 5.5.1 -2.5) reaches the command, which reads it or refuses it in words.
    Click took -5 for an unknown option, and where unknown ones were let through it took -inf
    for the options -i and -n (--note) with the note "f", -nan for the note "an"."""

    def _process_opts(self, arg: str, state: Any) -> None:
        if _is_number(arg):
            state.largs.append(arg)
            return
        super()._process_opts(arg, state)


def _is_number(word: str) -> bool:
    """``-5``, ``-.5``, ``-1e3``, ``-inf``, ``-nan``, a digit after the minus whatever follows
    (``-3.3万亩``, ``-5%``): a figure, for the command to read or refuse in words."""
    if word[:1] != "-" or word[1:2] == "-":
        return False
    digits = word[1:].lstrip(" ")  # (- 5 typed in quotes)
    if digits[:1].isdigit() or (digits[:1] == "." and digits[1:2].isdigit()):
        return True
    try:
        float(word)
    except ValueError:
        return False
    return True
