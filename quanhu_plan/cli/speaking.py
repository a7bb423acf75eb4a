"""The click side of every ``plan`` command speaking the run's language: the command class
(extra arguments as a usage error of ours, the command named in errors it raises) and the two
hooks ``app.PlanGroup`` and it share: help in Chinese or English, usage errors in words.

The wording lives in ``usage`` and ``help``, loaded only when an error or help is shown."""

from __future__ import annotations

from typing import Any

import typer
from typer._click.exceptions import NoArgsIsHelpError, NoSuchOption, UsageError
from typer.core import TyperCommand


class PlanCommand(TyperCommand):
    """A command of ``plan``: its help in the run's language, and its usage errors (an extra
    argument; a bad value the command itself found) with what the message needs to name it."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        allowed = ctx.allow_extra_args
        line = list(args)  # click's parser consumes the list it is given
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

            # After "--" every word is an argument, whatever it looks like.
            before_dashes = line[: line.index("--")] if "--" in line else line
            option = next(
                (word for word in rest if _is_option(word) and word in before_dashes), None
            )
            if option is not None:  # let through as a negative number (NUMBER_ARGS), but not one
                from difflib import get_close_matches

                known = [name for param in self.params for name in getattr(param, "opts", ())]
                close = get_close_matches(option, [n for n in known if n.startswith("--")])
                raise NoSuchOption(option, possibilities=close, ctx=ctx)
            raise ExtraArguments(rest, ctx)
        return rest

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            if exc.ctx is None:  # raised by the command: name the command in the message
                exc.ctx, exc.cmd = ctx, self
            raise

    def format_help(self, ctx: typer.Context, formatter: Any) -> None:  # type: ignore[override]
        format_help(self, ctx, formatter)


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


def _is_option(word: str) -> bool:
    """``--x`` or ``-x``, not ``-5`` or ``-2.5`` (a number) nor ``-`` alone."""
    if not word.startswith("-") or word == "-":
        return False
    try:
        float(word)
    except ValueError:
        return True
    return False
