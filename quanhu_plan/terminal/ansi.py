"""A terminal's output written without rich: what rich's console (rich 15) would make of
standard output here, and the escape codes of the styles the views use.

``plain`` writes a pipe or a file without rich; at a terminal rich was loaded only to answer a
few questions (is it a terminal, how wide, which colours, NO_COLOR) and to turn a style into
escape codes: about 35 ms of a 125 ms ``plan status``. ``terminal_output`` answers them as
``rich.console.Console`` does (``is_terminal``, ``is_dumb_terminal``, ``size``,
``_detect_color_system``, ``no_color``); where it is not sure (Windows, Jupyter, IDLE, a stream
rich proxies, a ``COLUMNS`` that is a digit only to ``str.isdigit``) it gives None and rich
decides, as a pager or a recording console are left to it (``plain.draw``). A style not in
``STYLE_CODES`` is rendered by rich all the same (``TerminalOutput.escape_codes``).
tests/test_terminal_ansi_s35E.py holds both to rich's own answers.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import Any, TextIO

from .plain import PlainOutput, environment_width

# Rich's select graphic rendition of a style: its attributes' codes, then its colour's. Named
# standard colours are written the same in every colour system (16 colours, 256, truecolor).
_NAMES = ("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")
_COLOURS = {
    **{name: str(30 + n) for n, name in enumerate(_NAMES)},
    **{f"bright_{name}": str(90 + n) for n, name in enumerate(_NAMES)},
}
STYLE_CODES: dict[str, tuple[str, str]] = {  # style: (attributes, colour)
    "bold": ("1", ""),
    "dim": ("2", ""),
    "italic": ("3", ""),
    "bold dim": ("1;2", ""),
    "bold red": ("1", "31"),
    "bold yellow": ("1", "33"),
    **{name: ("", code) for name, code in _COLOURS.items()},
}

_RESET = "\x1b[0m"


def escape_codes(style: str, no_color: bool) -> tuple[str, str] | None:
    """What rich writes before and after text in ``style`` on a terminal with colours
    (``NO_COLOR``: the colour left out, the attributes kept); None for a style not in the
    table."""
    codes = STYLE_CODES.get(style)
    if codes is None:
        return None
    attributes, colour = codes
    if no_color or not colour:
        codes_written = attributes
    else:
        codes_written = f"{attributes};{colour}" if attributes else colour
    if not codes_written:
        return "", ""
    return f"\x1b[{codes_written}m", _RESET


class TerminalOutput(PlainOutput):
    """Standard output as rich's console has it (``file``, ``width``, ``color_system``,
    ``is_terminal``, ``no_color``), a view's runs written with the escape codes rich would
    write (``runs.Runs``)."""

    def __init__(
        self, file: TextIO, width: int, color_system: str | None, terminal: bool, no_color: bool
    ):
        super().__init__(file, width)
        self.color_system = color_system  # type: ignore[assignment]
        self.is_terminal, self.no_color = terminal, no_color

    def escape_codes(self, style: str) -> tuple[str, str]:
        codes = escape_codes(style, self.no_color)
        if codes is None:  # a style of no view's: as rich writes it, on the console ``print``s
            from .console import console
            from .runs import _escape_codes

            if self._rich is None:
                self._rich = console()
            codes = _escape_codes(self._rich, style)
        return codes

    def paged(self) -> bool:
        """Whether a view asked to page goes through the pager: only at a terminal, the pager
        there (``paging.pager_found`` says on stderr when it is not)."""
        if not self.is_terminal:
            return False
        from .paging import pager_found

        return pager_found()


def terminal_output(environ: Mapping[str, str] = os.environ) -> TerminalOutput | None:
    """Standard output as rich's console would take it, or None where rich is to decide."""
    if sys.platform == "win32":  # (a console's colours and width through the win32 API)
        return None
    file: Any = sys.stdout
    if file is None or hasattr(file, "rich_proxied_file"):
        return None
    if "idlelib" in str(getattr(sys.stdin, "__module__", "")):
        return None
    import builtins

    if hasattr(builtins, "get_ipython"):  # IPython or Jupyter: rich asks which
        return None
    for name in ("COLUMNS", "LINES"):
        value = environ.get(name)
        if value is not None and value.isdigit() and not value.isascii():  # "²": int() fails
            return None
    terminal = _is_terminal(file, environ)
    if terminal is None:
        return None
    dumb = terminal and environ.get("TERM", "").lower() in ("dumb", "unknown")
    if dumb and not (environ.get("COLUMNS", "").isdigit() and environ.get("LINES", "").isdigit()):
        width = 80  # (rich's size of a dumb terminal, unless both are given)
    else:
        width = environment_width(environ)
    colours = _colour_system(environ) if terminal and not dumb else None
    no_color = environ.get("NO_COLOR", "") != ""
    return TerminalOutput(file, width, colours, terminal, no_color)


def _is_terminal(file: Any, environ: Mapping[str, str]) -> bool | None:
    """rich's ``Console.is_terminal``: TTY_COMPATIBLE, then FORCE_COLOR, then ``isatty``; None
    for a stream that cannot say."""
    compatible = environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force = environ.get("FORCE_COLOR")
    if force is not None:
        return force != ""
    try:
        return bool(file.isatty())
    except (AttributeError, ValueError):  # a closed or odd stream: rich's to decide
        return None


def _colour_system(environ: Mapping[str, str]) -> str:
    """rich's ``_detect_color_system`` on a terminal that is not dumb, outside Windows."""
    if environ.get("COLORTERM", "").strip().lower() in ("truecolor", "24bit"):
        return "truecolor"
    colours = environ.get("TERM", "").strip().lower().rpartition("-")[2]
    return "256" if colours in ("kitty", "256color") else "standard"
