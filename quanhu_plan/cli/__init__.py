"""The ``plan`` command. Each module registers its commands on the one Typer app."""

from __future__ import annotations

import os
import sys

from . import change, read, report  # noqa: F401  (registers the commands)
from .app import app

_GLOBAL_OPTIONS_WITH_VALUE = ("-f", "--file", "--lang")


def main() -> None:
    _build_only_the_invoked_command(sys.argv[1:])
    app(prog_name="plan")


def _build_only_the_invoked_command(args: list[str]) -> None:
    """Typer turns every registered command into a click command on each start (about a
    millisecond each); a run needs only the one it invokes. Help, completion and unknown
    names still see them all."""
    if any(key.endswith("_COMPLETE") for key in os.environ):
        return
    index = 0
    while index < len(args):
        arg = args[index]
        if arg in ("-h", "--help"):
            return
        if arg in _GLOBAL_OPTIONS_WITH_VALUE:
            index += 2
            continue
        if arg.startswith("-"):
            index += 1
            continue
        chosen = [info for info in app.registered_commands if _command_name(info) == arg]
        if chosen:
            app.registered_commands[:] = chosen
        return


def _command_name(info) -> str:  # type: ignore[no-untyped-def]
    if info.name:
        return info.name
    return info.callback.__name__.lower().replace("_", "-")
