"""A view laid out the first of several ways that fits the width it is drawn at (``Fitted``):
a table with columns where they fit, else one with fewer, else its figures under each title."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from ..collector import paused
from .grid import Grid, least_width

if TYPE_CHECKING:
    from rich.console import Console


class Fitted:
    """The first of ``layouts`` (each the width it is kept for at least, and the table, made
    when drawn; widest first) whose columns fit the width (``grid.least_width``), else the last:
    no line passes the terminal's edge."""

    def __init__(self, layouts: list[tuple[int, Callable[[], Grid]]]):
        self.layouts = layouts

    def choose(self, width: int) -> Grid:
        for at_least, make in self.layouts[:-1]:
            if width >= at_least:
                grid = make()
                if least_width(grid) <= width:
                    return grid
        return self.layouts[-1][1]()

    def __rich_console__(self, console: Console, options: Any) -> Iterator[Any]:
        yield self.choose(options.max_width)

    def stream(self, console: Console) -> None:
        with paused():  # the table is made here
            grid = self.choose(console.width)
        grid.stream(console)
