"""Output that is not a terminal (a pipe, a file, ``> out.txt``), written without rich.

There rich writes no colour and no control codes, only the text: a view that draws its own lines
(``grid``) can write them itself, and a command need not load rich (about 20 ms of every start).
``plain_output`` says when that is so and gives the width rich would use; anything it is not
sure of (a terminal, colour forced: ``ansi``; Windows) is left to rich.
"""

from __future__ import annotations

import os
import sys
from typing import Any, TextIO


class PlainOutput:
    """Where a view writes plain lines: stdout and its width, as rich's console has them
    (``file``, ``width``; no ``color_system``)."""

    color_system = None

    def __init__(self, file: TextIO, width: int):
        self.file, self.width = file, width
        self._rich: Any = None

    def print(self, renderable: Any) -> None:
        """A part of a view that does not draw its own lines, through rich after all."""
        if self._rich is None:
            from .console import console

            self._rich = console()
        self._rich.print(renderable)

    def paged(self) -> bool:
        """Whether a view asked to page goes through the pager: never, not at a terminal."""
        return False

    def on_broken_pipe(self) -> None:
        """The reader went away (``| head``): what rich does, quietly exit 1."""
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise SystemExit(1)


def plain_output() -> PlainOutput | None:
    """stdout as a ``PlainOutput`` when rich would write plain text to it, else None.

    Rich writes plain text where stdout is not a terminal and nothing says it is one
    (``FORCE_COLOR``, ``TTY_COMPATIBLE``), outside Jupyter and IDLE. Windows is left to rich: it
    tells a console from a pipe through the win32 API and counts one column less for a pipe."""
    if sys.platform == "win32":
        return None
    environ = os.environ
    if "FORCE_COLOR" in environ or environ.get("TTY_COMPATIBLE") in ("0", "1"):
        return None
    file = sys.stdout
    if file is None or "idlelib" in str(getattr(sys.stdin, "__module__", "")):
        return None
    try:
        if file.isatty():
            return None
    except (AttributeError, ValueError):  # a closed or odd stream: rich decides
        return None
    try:
        get_ipython  # type: ignore[name-defined]  # noqa: B018 - Jupyter: rich decides
        return None
    except NameError:
        pass
    return PlainOutput(file, environment_width(environ))


def environment_width(environ: Any) -> int:
    """The width rich gives a console that is not a terminal: ``COLUMNS``, else the size of the
    first of stdin, stdout and stderr that is a terminal, else 80 (``rich.console.Console``)."""
    columns = given_columns(environ)
    if columns is not None:
        return columns
    width = None
    for descriptor in (0, 1, 2):
        try:
            width, _ = os.get_terminal_size(descriptor)
        except (AttributeError, ValueError, OSError):
            continue
        break
    return width or 80


def given_columns(environ: Any) -> int | None:
    """``COLUMNS`` where it says a width: 0 (rich took it as given, and drew ``status`` a
    character a line) says none, as a negative number or a word does (as ``shutil`` and most
    tools take it)."""
    columns = environ.get("COLUMNS")
    if columns is not None and columns.isdigit() and int(columns) > 0:
        return int(columns)
    return None


# Below this many columns a view's lines cannot all keep within the width (a table's figures,
# a word cut a character or two a line): ``draw`` says so once, on stderr.
NARROWEST = 20


def draw(view: Any, pager: bool = False) -> None:
    """Print a view (``console.draw``): one that draws its own lines is written here, without
    loading rich, to a pipe or a file, or to a terminal where rich's choices are known
    (``ansi``) and no pager shows it; anything else is printed through rich."""
    output = plain_output() or _terminal_output()
    width = output.width if output is not None else output_width()
    if width < NARROWEST:  # (each command draws its view once)
        sys.stderr.write(
            f"plan: 终端只有 {width} 列，太窄，有些行会超出边缘（请至少用 40 列）/ the terminal "
            f"is {width} columns wide, too narrow: some lines pass its edge (40 or more are "
            "best)\n"
        )
    stream = getattr(view, "stream", None)
    if output is not None and isinstance(view, str) and _as_written(view, width):
        stream = lambda out: out.file.write(view + "\n")  # noqa: E731 - (what rich writes)
    if output is not None and stream is not None and not (pager and output.paged()):
        try:
            stream(output)
        except BrokenPipeError:
            output.on_broken_pipe()
        return
    from .console import draw as draw_with_rich

    draw_with_rich(view, pager)


def _as_written(line: str, width: int) -> bool:
    """Whether rich prints ``line`` (a view that is a sentence of ours: 没有修改记录。) as it is,
    then a line feed: one line that fits, nothing rich reads as markup, no control character."""
    if "[" in line or not line.isprintable():
        return False
    from .grid import text_width

    return text_width(line) <= width


def output_width() -> int:
    """The width views are laid out for: the terminal's, else rich's choice for a pipe."""
    output = plain_output() or _terminal_output()
    if output is not None:
        return output.width
    from .console import console

    return console().width


def _terminal_output() -> PlainOutput | None:
    from .ansi import terminal_output  # (a terminal's: rich's choices, known without it)

    return terminal_output()
