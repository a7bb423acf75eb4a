"""The console every command prints through, user text made safe for it, and the styles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.pager import Pager
from rich.segment import Segment
from rich.text import Text

from ..controls import visible
from .paging import pager_found
from .styles import (  # noqa: F401 - the names views and commands take from here
    BAR_DONE,
    BAR_EMPTY,
    BAR_WIDTH,
    LIGHT_STYLES,
    LONGEST_CELL,
    PACE_STYLES,
    STATUS_MARKS,
    bar_runs,
    shown,
)

if TYPE_CHECKING:
    from fractions import Fraction


class Shown:
    """A renderable as drawn, with any control character left in a piece of text shown (the
    net under ``user_text``, which escapes user text before layout so columns stay right)."""

    def __init__(self, renderable: Any):
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: Any) -> Any:
        for segment in console.render(self.renderable, options):
            if segment.control is None:
                text = visible(segment.text)
                if text is not segment.text:
                    segment = Segment(text, segment.style)
            yield segment


class PlanConsole(Console):
    """The console of every command: what it prints passes through ``Shown``."""

    def print(self, *objects: Any, **options: Any) -> None:
        # No cropping: every view fits its lines to the width already, and rich's cropping
        # splits the output line by line (copying what follows at each line end).
        options.setdefault("crop", False)
        super().print(*(Shown(o) for o in objects), **options)


def draw(renderable: Any, pager: bool = False) -> None:
    """Print a view through rich (commands call ``plain.draw``, which comes here unless the
    output is plain); with ``pager``, on a terminal, through the pager ($PAGER, else less or
    more), colours kept where the pager shows them (``pager_styles``), as git does for long
    output: less is told to show them (``LESS=FRX``, git's, where the user set no LESS)."""
    out = console()
    if pager and out.is_terminal and pager_found():
        import os

        os.environ.setdefault("LESS", "FRX")  # (for the pager this process starts)
        with out.pager(_SystemPager(), styles=pager_styles()):
            out.print(renderable)
        return
    stream = getattr(renderable, "stream", None)
    if stream is not None:  # a table or tree that writes its lines itself (grid.py)
        from .runs import can_stream

        if can_stream(out):
            try:
                stream(out)
            except BrokenPipeError:
                out.on_broken_pipe()
            return
    out.print(renderable)


def as_text(renderable: Any, width: int) -> str:
    """A view as the plain lines a pipe gets (plan report --format txt): ``width`` columns, no
    colour or control code, user text made safe as printed (``PlanConsole``), no spaces at a
    line's end."""
    import io

    lines = io.StringIO()
    out = PlanConsole(
        file=lines,
        width=width,
        color_system=None,
        force_terminal=False,
        legacy_windows=False,
        highlight=False,
        emoji=False,
    )
    out.print(renderable)
    return "".join(line.rstrip() + "\n" for line in lines.getvalue().splitlines())


class _SystemPager(Pager):
    """Python's pydoc pager, as rich's own, given the view as standard output would write it:
    on the console of Chinese Windows its wide signs narrowed (``cjk_console``), which pydoc's
    ``more`` there, reading them from a file, would not be."""

    def show(self, content: str) -> None:
        import os
        import pydoc
        import sys

        from .cjk_console import NarrowSigns

        if isinstance(sys.stdout, NarrowSigns):
            content = content.translate(sys.stdout.narrow)
        command = os.environ.get("PAGER")
        if not command or sys.platform == "win32":  # (pydoc's pager there: from a file)
            # pydoc's own choice (less, more, plain), but for $MANPAGER, which it takes
            # first: a man page viewer (nvim +Man!, col -bx | bat), not git's nor plan's pager.
            manpager = os.environ.pop("MANPAGER", None)
            try:
                pydoc.pager(content)
            finally:
                if manpager is not None:
                    os.environ["MANPAGER"] = manpager
            return
        # Piped as pydoc pipes it, but its exit status heard: PAGER=false, or a pager that
        # fails, left the view unshown and the command said nothing and ended with 0.
        status = _piped(content, command, sys.stdout.encoding or "utf-8")
        if status > 0:  # (a signal, less quit with Ctrl-C: the user's choice, not a failure)
            from ..errors import PagerFailed

            raise PagerFailed(command, status)


def _piped(content: str, command: str, encoding: str) -> int:
    """``content`` given to the shell command ``command`` on its standard input; its exit
    status. The pager may quit before reading it all (q in less): not an error."""
    import subprocess

    process = subprocess.Popen(
        command, shell=True, stdin=subprocess.PIPE, encoding=encoding, errors="backslashreplace"
    )
    try:
        with process.stdin as pipe:  # type: ignore[union-attr]
            try:
                pipe.write(content)
            except KeyboardInterrupt:
                pass
    except OSError:
        pass
    while True:
        try:
            return process.wait()
        except KeyboardInterrupt:  # Ctrl-C is the pager's to read
            pass


def pager_styles() -> bool:
    """Whether the pager is given the view's colours: not on Windows, where Python's pydoc
    pages through ``more`` (or $PAGER) from a file, and the console shows an escape code as
    ``←[1m`` unless its window was set to obey them."""
    import sys

    return sys.platform != "win32"


def console(stderr: bool = False) -> Console:
    import os

    from .plain import environment_width, given_columns

    # A COLUMNS of 0 rich takes as a width of 0: the terminal's or 80 instead, as unset.
    unknown = os.environ.get("COLUMNS", "").isdigit() and given_columns(os.environ) is None
    width = environment_width(os.environ) if unknown else None
    return PlanConsole(stderr=stderr, highlight=False, emoji=False, width=width)


def user_text(text: str, style: str = "", **options: Any) -> Text:
    """Text someone typed (a title, a note, a name, an id) with its control characters shown;
    beyond LONGEST_CELL characters, cut, saying how long it is."""
    return Text(shown(text), style=style, **options)


def bar(share: Fraction | None, width: int = BAR_WIDTH) -> Text:
    return Text.assemble(*bar_runs(share, width))


def _count(value: int, style: str = "") -> Text:
    return Text(str(value), style=style) if value else Text("0", style="dim")


# ---------------------------------------------------------------- messages
