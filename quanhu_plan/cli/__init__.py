"""The ``plan`` command. Each module registers its commands on the one Typer app."""

from __future__ import annotations

import os
import sys

from . import change, read, report  # noqa: F401  (registers the commands)
from .app import app, split_command_line


def main() -> None:
    _build_only_the_invoked_command(sys.argv[1:])
    app(prog_name="plan")


def _build_only_the_invoked_command(args: list[str]) -> None:
    """Typer turns every registered command into a click command on each start (about a
    millisecond each); a run needs only the one it invokes. Help, completion and unknown
    names still see them all."""
    before, name, _ = split_command_line(args)
    if (
        name is None
        or {"-h", "--help"} & set(before)
        or any(k.endswith("_COMPLETE") for k in os.environ)
    ):
        return
    chosen = [info for info in app.registered_commands if _command_name(info) == name]
    if chosen:
        app.registered_commands[:] = chosen


def _command_name(info) -> str:  # type: ignore[no-untyped-def]
    if info.name:
        return info.name
    return info.callback.__name__.lower().replace("_", "-")
