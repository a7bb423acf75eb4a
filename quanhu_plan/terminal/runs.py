"""What a table or a tree has drawn, as runs of text of one style: written straight to the
output with the escape codes rich would write for them (``stream``), or kept as segments for
rich to print (a pager, a recording console)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from ..controls import visible

if TYPE_CHECKING:  # rich's console is loaded only where output is a terminal (``plain``)
    from rich.console import Console
    from rich.segment import Segment


class Runs:
    """The text drawn so far as runs of one style each, merged as they come: a table of ten
    thousand rows goes out as a few thousand runs (one, without colour), not hundreds of
    thousands. Given ``write`` (``stream``), the runs go out as text with the escape codes rich
    would write for them, a few hundred lines at a time; else they are kept as segments for
    rich to print (``segments``). Either way each run passes through ``visible`` once more, as
    ``console.Shown`` does for segments."""

    LINES_PER_WRITE = 256

    def __init__(self, console: Console, write: Callable[[str], Any] | None = None):
        self.console = console
        self.colour = console.color_system is not None
        self.write = write
        self.done: list[Any] = []  # closed runs: strings to write, or segments
        self.texts: list[str] = []  # the open run
        self.style = ""  # its style
        self.lines = 0
        self.codes: dict[str, tuple[str, str]] = {}

    def add(self, text: str, style: str = "") -> None:
        if not text:
            return
        if not self.colour:
            style = ""
        if style != self.style:
            self._close()
            self.style = style
        self.texts.append(text)

    def end_line(self) -> None:
        self.add("\n")
        self.line_ended()

    def line_ended(self) -> None:
        """A line has ended (with a line feed of no style): what is drawn so far can go out,
        the run of no style it ends in too (it has no escape codes to close)."""
        self.lines += 1
        if self.write is not None and self.lines >= self.LINES_PER_WRITE and not self.style:
            self._close()
            self.write("".join(self.done))
            self.done.clear()
            self.lines = 0

    def add_lines(self, lines: list[str]) -> None:
        """Whole lines of no style, each with its line feed: as ``add`` and ``line_ended``
        take them one by one, at once."""
        if not lines:
            return
        if self.style:
            self._close()
            self.style = ""
        self.texts += lines
        self.lines += len(lines)
        if self.write is not None and self.lines >= self.LINES_PER_WRITE:
            self._close()
            self.write("".join(self.done))
            self.done.clear()
            self.lines = 0

    def close(self) -> None:
        """Write what is left and flush (``stream``)."""
        self._close()
        if self.write is not None:
            if self.done:
                self.write("".join(self.done))
                self.done.clear()
            self.console.file.flush()

    def _close(self) -> None:
        if not self.texts:
            return
        text = "".join(self.texts)
        self.texts.clear()
        if "\xa0" in text:  # a no-break space kept words on one line; it prints as a space
            text = text.replace("\xa0", " ")
        style = self.style
        if self.write is None:
            from rich.segment import Segment

            self.done.append(Segment(text, self.console.get_style(style) if style else None))
            return
        text = visible(text)  # (the same text where nothing is to be shown escaped)
        if style:
            codes = self.codes.get(style)
            if codes is None:
                codes = self.codes[style] = _escape_codes(self.console, style)
            text = codes[0] + text + codes[1]
        self.done.append(text)

    def segments(self) -> Iterator[Segment]:
        self._close()
        yield from self.done


def _escape_codes(console: Console, style: str) -> tuple[str, str]:
    """What rich writes before and after a piece of text in ``style`` on this console (its
    colour system, NO_COLOR, links): from ``ansi``'s table where the console is ours."""
    ours = getattr(console, "escape_codes", None)
    if ours is not None:  # (``ansi.TerminalOutput``: rich is not loaded)
        codes: tuple[str, str] = ours(style)
        return codes
    from rich.segment import Segment

    marker = "\x00"
    written = console._render_buffer([Segment(marker, console.get_style(style))])
    before, _, after = written.partition(marker)
    return before, after


def can_stream(console: Console) -> bool:
    """Whether output may bypass rich's segments for this console: not a legacy Windows
    console (written through the win32 API), Jupyter, a recording or quiet console."""
    return not (
        console.legacy_windows
        or console.is_jupyter
        or console.record
        or console.quiet
        or not hasattr(console, "_render_buffer")
    )
