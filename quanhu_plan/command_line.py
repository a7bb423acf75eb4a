"""What a command line says before Typer reads it: an option's value (``--file``, ``--lang``),
for the work a run does before its commands are loaded (the language of a usage error, the plan
read ahead: ``store/read_ahead``). Pure: no I/O, no imports."""

from __future__ import annotations


def option_value(args: list[str], *names: str) -> str | None:
    """The value given to an option on the command line (``--lang en`` or ``--lang=en``), the
    last one if given twice; None if not given. Nothing after ``--`` counts."""
    found = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg in names and index + 1 < len(args):
            found = args[index + 1]
        else:
            for name in names:
                if name.startswith("--") and arg.startswith(name + "="):
                    found = arg[len(name) + 1 :]
    return found


GLOBAL_OPTIONS_WITH_VALUE = ("-f", "--file", "--lang")


def split_command_line(args: list[str]) -> tuple[list[str], str | None, list[str]]:
    """``(global options, command name, the rest)``: the command is the first word that is
    neither an option nor the value of a global option, or the word after ``--``."""
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":  # plan -- status: what follows is the command, whatever it looks like
            if index + 1 < len(args):
                return args[:index], args[index + 1], args[index + 2 :]
            break
        if arg in GLOBAL_OPTIONS_WITH_VALUE:
            index += 2
        elif arg.startswith("-"):
            index += 1
        else:
            return args[:index], arg, args[index + 1 :]
    return args, None, []
