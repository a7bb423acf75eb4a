"""What a view's text looks like, without rich: the styles of paces, lights and status marks,
user text made safe for a line or a cell, the completion bar's runs. Output that is not a
terminal is drawn from these alone (``plain``), so a command printing to a pipe or a file need
not load rich."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..controls import visible
from ..output_streams import written_here
from ..texts import cut_long, ratio_shown, round_half_up, short_of_whole

if TYPE_CHECKING:
    from fractions import Fraction

PACE_STYLES = {
    "done": "green",
    "ahead": "cyan",
    "on_pace": "",
    "behind": "yellow",
    "overdue": "bold red",
    "dropped": "dim",
    "ongoing": "blue",
}
LIGHT_STYLES = {"red": "bold red", "yellow": "yellow", "green": "green"}

STATUS_MARKS = {"todo": "[ ]", "doing": "[~]", "done": "[x]", "blocked": "[!]", "dropped": "[-]"}

BAR_WIDTH = 6


# A text longer than this (some fifty pages) is cut in a table cell or a line: rich lays out a
# cell character by character, seconds for a megabyte. Paragraphs (the report, on a terminal
# and in Word) show up to ``texts.LONGEST_PARAGRAPH``; --json and Markdown show it whole.
LONGEST_CELL = 100_000


def shown(text: str) -> str:
    """User text as a line or a cell shows it: control characters as escapes, cut beyond
    LONGEST_CELL characters with its length said, and as standard output writes it (⑪ as
    ``11)`` in GBK: ``written_here``), so that its columns are counted as written."""
    if len(text) > LONGEST_CELL:  # (a call fewer a cell: a status draws a thousand)
        text = cut_long(text, LONGEST_CELL)
    # (visible's own test, not str.isprintable: a Hangul filler is printable to Python yet
    # blank on screen, and escaped here, before layout, its escape's width is counted)
    return written_here(visible(text))


# A bar's done and empty parts are drawn differently, so that it reads without colour too
# (NO_COLOR, a pipe, a file): ███░░░.
BAR_DONE, BAR_EMPTY = "█", "░"


def bar_runs(
    share: Fraction | tuple[int, int] | None, width: int = BAR_WIDTH
) -> list[tuple[str, str]]:
    """A bar as runs of text and style: its done part, then the rest; full only for a share
    that is whole, as its percent (``short_of_whole``). The share is a Fraction or int, or its
    (numerator, denominator > 0)."""
    if share is None:
        return []
    if isinstance(share, float):  # (not a completion: the general way)
        filled = short_of_whole(share, int(round_half_up(share * width)), width)
    else:
        top, below = share if isinstance(share, tuple) else share.as_integer_ratio()
        filled = ratio_shown(top, below, width)
    # A share below 0 or above 1 (a hand-typed figure) fills none of it or all: the bar keeps its
    # width (-1e11 would otherwise be a run of 6e11 cells).
    filled = min(max(filled, 0), width)
    return [(BAR_DONE * filled, "green"), (BAR_EMPTY * (width - filled), "bright_black")]
