"""The ``plan`` command. Each module registers its commands on the one Typer app."""

from __future__ import annotations

import os
import sys
from importlib import import_module

from .aliases import command_name
from .app import app, split_command_line
from .install_completion import use_our_install_callback

# Importing a module registers its commands; this order is the order of `plan --help`.
COMMAND_MODULES = (
    *("read", "importing", "new_year", "change", "structure", "trace"),
    *("header", "report", "exporting", "county", "git"),
)
# The module of each command: a run imports only the one it needs (tests/test_entry.py keeps
# this table true).
MODULE_OF = {
    **dict.fromkeys(("status", "list", "show", "init", "check", "fmt"), "read"),
    "import": "importing",
    "new": "new_year",
    **dict.fromkeys(
        ("done", "reopen", "start", "block", "drop", "progress", "record", "note"), "change"
    ),
    **dict.fromkeys(("add", "edit", "move", "rm"), "structure"),
    **dict.fromkeys(("undo", "log"), "trace"),
    "header": "header",
    "report": "report",
    "export": "exporting",
    "county": "county",
    **dict.fromkeys(("merge", "resolve", "git-setup"), "git"),
}


def _register_every_command() -> None:
    for name in COMMAND_MODULES:
        import_module(f"{__name__}.{name}")


app.load_commands = _register_every_command
use_our_install_callback()  # plan --install-completion answers in the office's language
app.module_order = {f"{__name__}.{name}": n for n, name in enumerate(COMMAND_MODULES)}


def main() -> None:
    _build_only_the_invoked_command(sys.argv[1:])
    app(prog_name="plan")


# The group's options (cli/app.py) -> whether they take a value, as cli/dashes.py reads them.
_GLOBAL_OPTIONS = {"-f": True, "--file": True, "--lang": True, "-h": False, "--help": False}


def _build_only_the_invoked_command(args: list[str]) -> None:
    """Typer turns every registered command, parameters and all, into a click command on each
    start (one to two milliseconds each). A run needs only the command it invokes; the list in
    ``plan --help`` needs only names and help texts; so does a shell completing a command name,
    and one completing a command's words needs that command. Unknown names see all."""
    completing = any(key.endswith("_COMPLETE") for key in os.environ)
    if completing:
        from .completion import words_before

        typed = words_before()  # completing: the command whose words are being completed
        if typed is None:
            return
        args = typed
    if not all(arg.isascii() for arg in args):  # ——lang en status: the options typed plainly
        from .dashes import plain_options

        args = plain_options(args, _GLOBAL_OPTIONS)
    before, name, _ = split_command_line(args)
    if name is None:
        for info in app.registered_commands:
            info.callback = _listing_only(info.callback)
        if app.registered_callback is not None:
            _annotations_evaluated(app.registered_callback.callback, {})
        return
    if {"-h", "--help"} & set(before):
        return
    name = command_name(name)  # plan 状态 is plan status
    if name in MODULE_OF and app.load_commands is not None:  # its module alone
        app.load_commands = None
        import_module(f"{__name__}.{MODULE_OF[name]}")
    chosen = [info for info in app.registered_commands if _command_name(info) == name]
    if chosen:
        app.registered_commands[:] = chosen
        done: dict[tuple[int, str], object] = {}
        for info in (app.registered_callback, *chosen):
            if info is not None:
                _annotations_evaluated(info.callback, done)
        if not completing and _only_file_and_lang(before):
            # --install-completion and --show-completion (typer's, before a command name) were
            # not typed: the group is made without them (a third of a millisecond)
            app._add_completion = False


def _annotations_evaluated(callback, done: dict[tuple[int, str], object]) -> None:  # type: ignore[no-untyped-def]
    """Turn the annotations a command's module keeps as strings (``from __future__ import
    annotations``) into what they name, once, for the command a run builds and the functions
    its parameters call (a callback, a completion): typer evaluated each string twice
    (``inspect.signature(eval_str=True)``, then ``typing.get_type_hints``), compiling it each
    time, 86 under ``plan done``. Most are a name (``On``) or a module's attribute
    (``typer.Context``), looked up here without compiling anything. One that does not evaluate
    is left a string, for typer to say what is wrong with it as it did."""
    from typer.models import ParameterInfo

    hints = _evaluated_in_place(callback, done)
    defaults = (*(callback.__defaults__ or ()), *(callback.__kwdefaults__ or {}).values())
    for value in (*hints.values(), *defaults):
        for info in getattr(value, "__metadata__", (value,)):
            if isinstance(info, ParameterInfo):
                for helper in (info.callback, info.autocompletion):
                    if helper is not None:
                        _evaluated_in_place(helper, done)


def _evaluated_in_place(function, done: dict[tuple[int, str], object]) -> dict[str, object]:  # type: ignore[no-untyped-def]
    hints: dict[str, object] = getattr(function, "__annotations__", None) or {}
    inner = function
    while hasattr(inner, "__wrapped__"):  # (``command``'s wrapper shares its annotations)
        inner = inner.__wrapped__
    names = getattr(inner, "__globals__", None)
    if names is None:
        return hints
    for key, value in hints.items():
        if isinstance(value, str):
            known = (id(names), value)  # (``str | None``, said of many: evaluated once)
            if known not in done:
                try:
                    done[known] = _evaluated(value, names)
                except Exception:  # (typer's evaluation raises it, as it did)
                    continue
            hints[key] = done[known]
    return hints


def _evaluated(text: str, names: dict[str, object]) -> object:
    """``eval(text, names)``, without compiling ``text`` where it is a name (``None`` and the
    builtins' too) or a name's attribute."""
    import builtins

    head, dot, attribute = text.partition(".")
    if dot and not attribute.isidentifier():
        return eval(text, names)  # noqa: S307 - a module's own annotation, as typer evaluates it
    if head in names:
        found = names[head]
    elif head in _CONSTANTS:
        found = _CONSTANTS[head]
    elif head.isidentifier() and hasattr(builtins, head):
        found = getattr(builtins, head)
    else:
        return eval(text, names)  # noqa: S307
    return getattr(found, attribute) if dot else found


_CONSTANTS = {"None": None, "True": True, "False": False}


def _only_file_and_lang(before: list[str]) -> bool:
    """Whether the words before the command name are --file/-f and --lang with their values
    alone (anything else, even a mistyped option that click would name the closest option
    for, keeps every option of the group)."""
    index = 0
    while index < len(before):
        word = before[index]
        if word in ("-f", "--file", "--lang"):
            index += 2
        elif word.startswith(("--file=", "--lang=")):
            index += 1
        else:
            return False
    return True


def _listing_only(callback):  # type: ignore[no-untyped-def]
    """A stand-in with the command's name and help but no parameters to inspect: with no
    command named, click can only print the group's help (or an error), never run it."""

    def listed() -> None:
        raise AssertionError("a listing-only command was run")

    listed.__name__, listed.__doc__ = callback.__name__, callback.__doc__
    listed.__annotations__ = {"return": None}  # (not the string "None", evaluated twice each)
    return listed


def _command_name(info) -> str:  # type: ignore[no-untyped-def]
    if info.name:
        return info.name
    return info.callback.__name__.lower().replace("_", "-")
