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
    output: less is told to show them (``LESS=FRX``, git's, where the user set no LESS; a LESS
    of the user's without R keeps its way and gets the view without colour: ``less_colours``).
    A pager that cannot be started or ends before reading any of the view (``PAGER=false``,
    ``true``, a less given an option it lacks) leaves the view printed here as without
    ``--pager``, with a line on stderr that says so: never lost."""
    out = console()
    if pager and out.is_terminal and pager_found():
        import os

        os.environ.setdefault("LESS", "FRX")  # (for the pager this process starts)
        system_pager = _SystemPager()
        with out.pager(system_pager, styles=pager_styles() and less_colours()):
            out.print(renderable)
        if system_pager.unread is None:
            return
        _say_not_paged(*system_pager.unread)
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


def _say_not_paged(command: str, status: int) -> None:
    """The line on stderr for a pager that did not read the view: printed without it."""
    import sys

    from ..controls import visible
    from .folding import folded_on_terminal  # (as the CLI's notices fold)

    said = visible(
        f"plan: 分页器 {command}（$PAGER）没有读取内容就退出了（退出码 {status}），不分页直接"
        f"显示 / the pager {command} ($PAGER) ended before reading the view (exit status "
        f"{status}): shown without it"
    )
    sys.stderr.write(folded_on_terminal(said, True) + "\n")
    sys.stderr.flush()


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
    ``more`` there, reading them from a file, would not be. ``unread``: the pager named by
    $PAGER and its exit status where it read none of the view (then printed without it)."""

    def __init__(self) -> None:
        self.unread: tuple[str, int] | None = None

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
        status, read = _piped(content, command, sys.stdout.encoding or "utf-8")
        if content and read == 0 or status in (126, 127):
            # (it read nothing: ended at once, could not start (the shell's 126, 127) or
            # refused its options. The view is printed without it, never lost.)
            self.unread = (command, status)
            return
        if status > 0:  # (a signal, less quit with Ctrl-C: the user's choice, not a failure)
            from ..errors import PagerFailed

            raise PagerFailed(command, status)


def _piped(content: str, command: str, encoding: str) -> tuple[int, int | None]:
    """``content`` given to the shell command ``command`` on its standard input; its exit
    status and how many bytes of it the command read (None where the system cannot say).
    The pager may quit before reading it all (q in less): not an error. The pipe's reading
    end is kept open here too, so that what is left in it unread can be counted when the
    pager has ended (a pager that read nothing: ``PAGER=true``); the writing end is written
    without blocking, for a pager that ends with the pipe full no longer empties it."""
    import os
    import select
    import subprocess

    data = content.encode(encoding, "backslashreplace")
    reading, writing = os.pipe()
    try:
        process = subprocess.Popen(command, shell=True, stdin=reading)
    except BaseException:
        os.close(reading)
        os.close(writing)
        raise
    os.set_blocking(writing, False)
    written = 0
    try:
        while written < len(data):
            try:
                ready = select.select([], [writing], [], 0.05)[1]
                if ready:
                    written += os.write(writing, data[written : written + 65536])
                elif process.poll() is not None:
                    break  # (it ended with the pipe full: quit, or never read)
            except BlockingIOError:
                continue
            except KeyboardInterrupt:  # Ctrl-C is the pager's to read
                continue
            except OSError:
                break
    finally:
        os.close(writing)  # (the pager reads to the end of the view)
    while True:
        try:
            status = process.wait()
            break
        except KeyboardInterrupt:  # Ctrl-C is the pager's to read
            pass
    left = _unread(reading)
    os.close(reading)
    return status, None if left is None else written - left


def _unread(reading: int) -> int | None:
    """How many bytes wait in the pipe ``reading`` reads from (FIONREAD), or None."""
    try:
        import fcntl
        import struct
        import termios

        answer = fcntl.ioctl(reading, termios.FIONREAD, b"\0\0\0\0")
        return int(struct.unpack("i", answer)[0])
    except (ImportError, OSError, AttributeError):
        return None


def less_colours() -> bool:
    """Whether the pager is given the view's colours as far as less goes: a pager that is not
    less, less told R (``-R``, ``-r`` or ``--RAW-CONTROL-CHARS`` on $PAGER's line or in
    $LESS), or LESS unset (set to git's FRX before the pager starts). A LESS of the user's
    without R is left as it is and the view goes without colour: less would show each colour
    code as ``ESC[1m``. Not an R added to it: a LESS that ends in an option's argument
    (``-Pprompt``, ``-x4``) would take it as part of that, and the view reads without
    colour (its bars █░, its lights in words), as with NO_COLOR."""
    import os
    import shlex

    command = os.environ.get("PAGER")
    words: list[str] = []
    if command:
        try:
            words = shlex.split(command)
        except ValueError:
            return True
        while words and words[0] in ("exec", "command", "builtin", "nohup", "env"):
            words = words[1:]
        if not words or os.path.basename(words[0]) != "less":
            return True  # (not less: its own way with colour codes)
        words = words[1:]
    less = os.environ.get("LESS")
    if less is None:
        return True
    return _raw_control(words) or _raw_control(less.split())


# The options of less that take the rest of their word as an argument (-x4, -Pprompt, -b64):
# an R after one of them is that argument's.
_LESS_ARGUMENTS = frozenset("bhjkoOpPtTxyzD#")


def _raw_control(words: list[str]) -> bool:
    """Whether less's options ``words`` include R or r (colour codes shown as colour). A
    prompt (``-P``) runs to a ``$`` or the end, spaces and all: an R in it is its own."""
    prompt = False
    for word in words:
        if prompt:
            prompt = "$" not in word
            continue
        if word.startswith("--"):
            if word[2:].lower().startswith("raw-control-chars"):
                return True
            continue
        for letter in word.lstrip("-+"):
            if letter in "Rr":
                return True
            if letter in _LESS_ARGUMENTS:
                prompt = letter == "P" and "$" not in word
                break
    return False


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
