"""The console every command prints through, user text made safe for it, and the styles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.segment import Segment
from rich.text import Text

from ..controls import visible
from ..texts import round_half_up

if TYPE_CHECKING:
    from fractions import Fraction

PACE_STYLES = {
    "done": "green",
    "ahead": "cyan",
    "on_pace": "",
    "behind": "yellow",
    "overdue": "bold red",
    "dropped": "dim",
}
LIGHT_STYLES = {"red": "bold red", "yellow": "yellow", "green": "green"}

STATUS_MARKS = {"todo": "[ ]", "doing": "[~]", "done": "[x]", "blocked": "[!]", "dropped": "[-]"}

BAR_WIDTH = 6


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
    """Print a view; with ``pager``, on a terminal, through the pager ($PAGER, else less or
    more), colours kept, as git does for long output."""
    out = console()
    if pager and out.is_terminal:
        with out.pager(styles=True):
            out.print(renderable)
        return
    stream = getattr(renderable, "stream", None)
    if stream is not None:  # a table or tree that writes its lines itself (grid.py)
        from .grid import can_stream

        if can_stream(out):
            try:
                stream(out)
            except BrokenPipeError:
                out.on_broken_pipe()
            return
    out.print(renderable)


def console(stderr: bool = False) -> Console:
    return PlanConsole(stderr=stderr, highlight=False, emoji=False)


# A text longer than this (some fifty pages) is cut in a table cell or a line: rich lays out a
# cell character by character, seconds for a megabyte. Paragraphs (the report) show it whole,
# as do --json, Markdown and Word.
LONGEST_CELL = 100_000


def user_text(text: str, style: str = "", **options: Any) -> Text:
    """Text someone typed (a title, a note, a name, an id) with its control characters shown;
    beyond LONGEST_CELL characters, cut, saying how long it is."""
    return Text(shown(text), style=style, **options)


def shown(text: str) -> str:
    """User text as a line or a cell shows it: control characters as escapes, cut beyond
    LONGEST_CELL characters with its length said."""
    if text.isprintable() and len(text) <= LONGEST_CELL:  # the usual case, at C speed
        return text
    if len(text) > LONGEST_CELL:
        text = f"{text[:LONGEST_CELL]}…（共 {len(text):,} 字 / {len(text):,} characters）"
    return visible(text)


# A bar's done and empty parts are drawn differently, so that it reads without colour too
# (NO_COLOR, a pipe, a file): ███░░░.
BAR_DONE, BAR_EMPTY = "█", "░"


def bar(share: Fraction | None, width: int = BAR_WIDTH) -> Text:
    return Text.assemble(*bar_runs(share, width))


def bar_runs(share: Fraction | None, width: int = BAR_WIDTH) -> list[tuple[str, str]]:
    """A bar as runs of text and style: its done part, then the rest."""
    if share is None:
        return []
    filled = int(round_half_up(share * width))
    return [(BAR_DONE * filled, "green"), (BAR_EMPTY * (width - filled), "bright_black")]


def _count(value: int, style: str = "") -> Text:
    return Text(str(value), style=style) if value else Text("0", style="dim")


# ---------------------------------------------------------------- messages
