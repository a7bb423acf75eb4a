"""Tables and trees drawn line by line as plain segments, fast at any length.

rich's Table and Tree lay every cell out through rich's whole rendering machinery: seconds for a
plan of ten thousand tasks. These draw the same kind of output in a few milliseconds a thousand
rows: columns two spaces apart, widths counted in terminal cells (a CJK character takes two),
the wrapping columns folded the Chinese way (``paragraphs.wrap_lines``) so that the table fits
the width, one segment per styled piece of a line.

A cell is a str (plain) or a ``Text``; user text must already be made safe (``user_text``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.text import Text

from .paragraphs import wrap_lines

Piece = tuple[str, str]  # a run of text and its style ("" for none)


class Cell(list[Piece]):
    """A cell's runs of text and style, with its plain text and width (in terminal cells, its
    widest line's) worked out once: a table measures each cell several times."""

    __slots__ = ("_text", "_width")

    def __init__(self, runs: Iterable[Piece] = ()):
        super().__init__(runs)
        self._text: str | None = None
        self._width = -1

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = "".join(text for text, _ in self)
        return self._text

    @property
    def width(self) -> int:
        if self._width < 0:
            text = self.text
            if "\n" in text:
                self._width = max(cell_len(line) for line in text.split("\n"))
            else:
                self._width = cell_len(text)
        return self._width


GAP = 2  # cells between two columns
# A cell shows at most this many of its lines (a note pasted with thousands of line breaks
# would fill screens of one table row); the report's paragraphs, JSON and Markdown keep them.
MAX_CELL_LINES = 200


def pieces(cell: str | Text, style: str = "") -> Cell:
    """A cell as runs of text and style; ``style`` goes under the cell's own (a later style wins
    where they differ, as in rich)."""
    if isinstance(cell, str):
        return Cell([(cell, style)] if cell else ())
    base = _joined(style, str(cell.style)) if cell.style else style
    text = cell.plain
    if not cell.spans:
        return Cell([(text, base)] if text else ())
    edges = sorted({0, len(text), *(edge for s in cell.spans for edge in (s.start, s.end))})
    out = Cell()
    for start, end in zip(edges, edges[1:], strict=False):
        if start < end:
            covering = [str(s.style) for s in cell.spans if s.start <= start and s.end >= end]
            out.append((text[start:end], _joined(base, *covering)))
    return out


_EMPTY = Cell()


def _joined(*styles: str) -> str:
    return " ".join(s for s in styles if s)


def _cut(cell: Cell, start: int, end: int) -> Cell:
    """The part of a cell between two character offsets of its plain text."""
    out = Cell()
    position = 0
    for text, style in cell:
        stop = position + len(text)
        if stop > start and position < end:
            out.append((text[max(start - position, 0) : min(end, stop) - position], style))
        position = stop
        if position >= end:
            break
    return out


class Column:
    __slots__ = (
        "header",
        "justify",
        "wrap",
        "min_width",
        "max_width",
        "ratio",
        "optional",
        "phrases",
    )

    def __init__(
        self,
        header: str | Text = "",
        *,
        justify: str = "left",
        wrap: bool = False,
        min_width: int = 8,
        max_width: int | None = None,  # a wrapping column folds beyond this even with room
        ratio: int = 1,  # its share of the width the wrapping columns share, when short
        optional: bool = False,  # left out when no row fills it, its room going to the others
        phrases: bool = False,  # folds at spaces where it can (names, changes; paragraphs.wrap_lines)
    ):
        self.header, self.justify, self.wrap = header, justify, wrap
        self.min_width, self.max_width, self.ratio = min_width, max_width, ratio
        self.optional, self.phrases = optional, phrases


class Grid:
    """A table: a title, a header row with a rule under it, rows in sections (a blank line
    between them), a footer row after a blank line. Only the ``wrap`` columns fold to fit the
    width; the others keep their widest cell."""

    def __init__(
        self,
        columns: list[Column],
        title: str | Text | None = None,
        *,
        indent: int = 1,
        header: bool = True,
        title_left: bool = False,
    ):
        self.columns = columns
        self.title, self.title_left = title, title_left
        self.indent, self.header = indent, header
        self.rows: list[list[Cell] | None] = []  # None: a section break
        self.footer: list[Cell] | None = None

    def add_row(self, *cells: str | Text, style: str = "") -> None:
        self.rows.append([pieces(cell, style) for cell in cells])

    def add_section(self) -> None:
        if self.rows and self.rows[-1] is not None:
            self.rows.append(None)

    def set_footer(self, *cells: str | Text) -> None:
        self.footer = [pieces(cell) for cell in cells]

    def __rich_console__(self, console: Console, options: Any) -> Iterator[Segment]:
        self._leave_out_empty()
        return _draw(self, console, options.max_width)

    def _leave_out_empty(self) -> None:
        """Leave out the optional columns that no row fills."""
        rows = [row for row in self.rows if row is not None]
        if self.footer is not None:
            rows.append(self.footer)
        empty = {
            n
            for n, column in enumerate(self.columns)
            if column.optional and not any(n < len(row) and row[n] for row in rows)
        }
        if not empty:
            return
        self.columns = [column for n, column in enumerate(self.columns) if n not in empty]
        self.rows = [
            None if row is None else [cell for n, cell in enumerate(row) if n not in empty]
            for row in self.rows
        ]
        if self.footer is not None:
            self.footer = [cell for n, cell in enumerate(self.footer) if n not in empty]


def _widths(grid: Grid, available: int) -> list[int]:
    rows = [row for row in grid.rows if row is not None]
    if grid.footer is not None:
        rows.append(grid.footer)
    headers = [pieces(column.header, "bold") for column in grid.columns]
    if not grid.header:
        headers = []
    widths = [
        max((row[n].width for row in [*([headers] if headers else []), *rows]), default=0)
        for n in range(len(grid.columns))
    ]
    for n, column in enumerate(grid.columns):
        if column.wrap and column.max_width is not None:
            widths[n] = min(widths[n], max(column.max_width, column.min_width))
    flexible = [n for n, column in enumerate(grid.columns) if column.wrap]
    fixed = sum(w for n, w in enumerate(widths) if n not in flexible)
    room = available - fixed - GAP * (len(widths) - 1) - grid.indent
    if flexible and sum(widths[n] for n in flexible) > room:
        # The widest columns give way first (a level cut, by ratio): a short column keeps its
        # width while a long title folds; none folds below its header or min_width.
        floor = {
            n: max(grid.columns[n].min_width, headers[n].width if headers else 0) for n in flexible
        }
        ratio = {n: grid.columns[n].ratio for n in flexible}

        def cut(level: int) -> dict[int, int]:
            return {n: min(widths[n], max(floor[n], level * ratio[n])) for n in flexible}

        low, high = 0, max(widths[n] for n in flexible)
        while low < high:  # the highest level at which the columns fit
            middle = (low + high + 1) // 2
            if sum(cut(middle).values()) <= room:
                low = middle
            else:
                high = middle - 1
        fitted = cut(low)
        spare = room - sum(fitted.values())
        for n in flexible:  # what the level leaves over goes to the columns it cut
            if spare <= 0:
                break
            extra = min(spare, widths[n] - fitted[n])
            fitted[n] += extra
            spare -= extra
        for n, width in fitted.items():
            widths[n] = width
    return widths


def _lines_of(cell: Cell, width: int, wrap: bool, phrases: bool = False) -> list[Cell]:
    """A cell's lines at ``width``; a cell that starts with spaces (an indented title) keeps
    them on every line it folds into."""
    text = cell.text
    if "\n" not in text and (not wrap or cell.width <= width):
        return [cell]
    indent = len(text) - len(text.lstrip(" "))
    lines: list[Cell] = []
    offset = indent
    room = max(width - indent, 1)
    rows = text[indent:].split("\n")
    cut = len(rows) > MAX_CELL_LINES
    for line in rows[:MAX_CELL_LINES] if cut else rows:
        # A line that fits whatever its characters needs no measuring; a column that does not
        # wrap keeps its lines whole.
        fits = not wrap or 2 * len(line) <= room
        spans = [(0, len(line))] if fits else wrap_lines(line, room, phrases)
        for start, end in spans:
            lines.append(Cell([(" " * indent, ""), *_cut(cell, offset + start, offset + end)]))
        offset += len(line) + 1
    if cut:
        lines.append(Cell([(f"…（共 {len(rows):,} 行 / {len(rows):,} lines）", "dim")]))
    return lines


class _Runs:
    """The text drawn so far as runs of one style each: a table of ten thousand rows goes out as
    a few thousand segments (one, without colour), not hundreds of thousands."""

    def __init__(self, console: Console):
        self.colour = console.color_system is not None
        self.get_style = console.get_style
        self.styles: dict[str, Any] = {}
        self.runs: list[tuple[list[str], str]] = []

    def add(self, text: str, style: str = "") -> None:
        if not text:
            return
        if not self.colour:
            style = ""
        if self.runs and self.runs[-1][1] == style:
            self.runs[-1][0].append(text)
        else:
            self.runs.append(([text], style))

    def segments(self) -> Iterator[Segment]:
        for texts, style in self.runs:
            found = None
            if style:
                found = self.styles.get(style)
                if found is None:
                    found = self.styles[style] = self.get_style(style)
            yield Segment("".join(texts), found)


def _draw(grid: Grid, console: Console, available: int) -> Iterator[Segment]:
    widths = _widths(grid, available)
    total = sum(widths) + GAP * (len(widths) - 1)
    pad = " " * grid.indent
    out = _Runs(console)
    columns = grid.columns
    right = [column.justify == "right" for column in columns]

    def line(cells: list[Cell]) -> None:
        last = len(cells) - 1
        while last >= 0 and not cells[last]:  # no trailing blanks
            last -= 1
        out.add(pad)
        for n in range(last + 1):
            cell = cells[n]
            room = widths[n] - cell.width if cell else widths[n]
            if right[n] and room > 0:
                out.add(" " * room)
            for text, style in cell:
                out.add(text, style)
            if n < last:
                out.add(" " * ((0 if right[n] else max(room, 0)) + GAP))
        out.add("\n")

    def row_lines(row: list[Cell]) -> None:
        folded = [
            _lines_of(cell, widths[n], columns[n].wrap, columns[n].phrases)
            for n, cell in enumerate(row)
        ]
        height = max((len(lines) for lines in folded), default=1)
        if height == 1:
            line([lines[0] if lines else _EMPTY for lines in folded])
            return
        for k in range(height):
            line([lines[k] if k < len(lines) else _EMPTY for lines in folded])

    if grid.title is not None:
        title = pieces(grid.title)
        room = max(available - grid.indent, 1)
        for part in _lines_of(title, room, True):  # a title wider than the table folds
            centred = max((min(total, room) - part.width) // 2, 0)
            out.add(" " * (grid.indent + (0 if grid.title_left else centred)))
            for text, style in part:
                out.add(text, style)
            out.add("\n")
    if grid.header:
        row_lines([pieces(column.header, "bold") for column in columns])
        out.add(pad + "─" * total + "\n")
    for row in grid.rows:
        if row is None:
            out.add("\n")
        else:
            row_lines(row)
    if grid.footer is not None:
        out.add("\n")
        row_lines(grid.footer)
    yield from out.segments()


class ByWidth:
    """One of two layouts, chosen by the width it is drawn at: below ``below`` cells the
    narrow one (a table that keeps fewer columns, so its titles keep their room)."""

    def __init__(self, below: int, narrow: Any, wide: Any):
        self.below, self.narrow, self.wide = below, narrow, wide

    def __rich_console__(self, console: Console, options: Any) -> Iterator[Any]:
        yield self.narrow() if options.max_width < self.below else self.wide()


# ---------------------------------------------------------------- trees


def packed(parts: list[str], width: int, separator: str = " · ") -> str:
    """Short phrases joined by ``separator`` as lines of at most ``width`` cells, each line
    breaking between two phrases (未开始 · 欠进度 / 责任: 李明), never inside one that fits."""
    lines: list[str] = []
    for part in parts:
        if lines and cell_len(lines[-1]) + cell_len(separator) + cell_len(part) <= width:
            lines[-1] += separator + part
        else:
            lines.append(part)
    return "\n".join(lines)


class Tree:
    """A tree drawn with guides (├── └── │), each label folded to the width under its guide;
    a node's details (short phrases) follow its label on the same line when they fit, else on
    lines of their own below it, broken between phrases."""

    def __init__(self, label: str | Text):
        self.label = pieces(label)
        self.nodes: list[tuple[Cell, list[str], str, list[Any]]] = []

    def add(
        self,
        parent: list[Any] | None,
        label: str | Text,
        details: list[str] | None = None,
        details_style: str = "dim",
    ) -> list[Any]:
        """Add a node under ``parent`` (None: the top); returns the list its children go in."""
        children: list[Any] = []
        node = (pieces(label), details or [], details_style, children)
        (self.nodes if parent is None else parent).append(node)
        return children

    def __rich_console__(self, console: Console, options: Any) -> Iterator[Segment]:
        width = options.max_width
        out = _Runs(console)
        for line in _lines_of(self.label, max(width, 1), True):
            for text, style in line:
                out.add(text, style)
            out.add("\n")
        stack: list[tuple[list[Any], int, str]] = [(self.nodes, 0, "")]
        while stack:
            nodes, index, prefix = stack.pop()
            if index >= len(nodes):
                continue
            stack.append((nodes, index + 1, prefix))
            label, details, details_style, children = nodes[index]
            last = index == len(nodes) - 1
            head = prefix + ("└── " if last else "├── ")
            follow = prefix + ("    " if last else "│   ")
            room = max(width - cell_len(head), 8)
            lines = _lines_of(label, room, True)
            if details:
                together = "  " + " · ".join(details)
                if len(lines) == 1 and lines[0].width + cell_len(together) <= room:
                    lines = [Cell([*lines[0], (together, details_style)])]
                else:
                    below = Cell([(packed(details, room), details_style)])
                    lines += _lines_of(below, room, True, phrases=True)
            for k, part in enumerate(lines):
                out.add(head if k == 0 else follow, "dim")
                for text, style in part:
                    out.add(text, style)
                out.add("\n")
            if children:
                stack.append((children, 0, follow))
        yield from out.segments()
