"""Tables drawn line by line as plain strings, fast at any length (trees: ``tree.py``).

rich's Table and Tree lay every cell out through rich's whole rendering machinery: seconds for a
plan of ten thousand tasks. These draw the same kind of output as plain strings: columns two
spaces apart, widths counted in terminal cells (a CJK character takes two, as rich counts them),
the wrapping columns folded the Chinese way (``paragraphs.wrap_lines``) so that the table fits
the width, the colours added as escape codes only on a terminal. ``draw`` (console.py) has them
write their lines straight to the output a few hundred at a time (``stream``); printed through
rich (a pager, a recording console) they give the same characters as segments, one per run of
one style.

A cell is a str (plain) or a ``Cell`` of runs of text and style (a ``Text`` is taken too); user
text must already be made safe (``user_text``, ``shown``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # rich's console is loaded only where output is a terminal (``plain``)
    from rich.console import Console
    from rich.segment import Segment
    from rich.text import Text

from ..collector import paused
from .paragraphs import wrap_lines
from .runs import Runs
from .widths import character_width, single_cell

Piece = tuple[str, str]  # a run of text and its style ("" for none)


def text_width(text: str) -> int:
    """The cells ``text`` takes on a terminal, the same as rich's ``cell_len`` but where a
    joiner stands between characters that are not emoji (``cells.joined_width``): a character
    table instead of a cache of whole strings (every title is measured once)."""
    if single_cell(text):
        return len(text)
    if "\u200d" in text or "\ufe0f" in text:  # joiners: the width depends on the neighbours
        from .cells import joined_width

        return joined_width(text)
    return sum(map(character_width, text))


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
            self._width = lines_width(self.text)
        return self._width


CellLike = str | Cell


def lines_width(text: str) -> int:
    """The width of the widest line of ``text`` as a table draws it: a cell that starts with
    spaces (an indented title) keeps them on each of its lines (``_lines_of``), so they count
    on each line. Measured without them, the figures under a goal two levels down were drawn
    two cells wider than their column and broken again, a name on one line, its figure on
    the next."""
    if "\n" in text:
        lead = len(text) - len(text.lstrip(" "))
        first, *rest = text.split("\n")
        return max(text_width(first), *(lead + text_width(line) for line in rest))
    return text_width(text)


def width_of(cell: CellLike) -> int:
    return lines_width(cell) if isinstance(cell, str) else cell.width


GAP = 2  # cells between two columns
# A cell shows at most this many of its lines (a note pasted with thousands of line breaks
# would fill screens of one table row); the report's paragraphs, JSON and Markdown keep them.
MAX_CELL_LINES = 200


def pieces(cell: str | Text | Cell, style: str = "") -> Cell:
    """A cell as runs of text and style; ``style`` goes under the cell's own (a later style wins
    where they differ, as in rich)."""
    if isinstance(cell, str):
        return Cell([(cell, style)] if cell else ())
    if isinstance(cell, Cell):
        return Cell([(text, _joined(style, own)) for text, own in cell if text]) if style else cell
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


def cell(*runs: Piece) -> Cell:
    """Runs of text and style as a cell (the empty ones left out, as ``pieces`` leaves them)."""
    return Cell([run for run in runs if run[0]])


def styled(text: str, style: str) -> Cell:
    """``cell((text, style))``: a cell of one run, its plain text known."""
    made = Cell([(text, style)] if text else ())
    made._text = text
    if single_cell(text):  # an id, a figure: a cell a character (text_width)
        made._width = len(text)
    return made


def _cell(cell: str | Text | Cell, style: str = "") -> CellLike:
    """A cell as a table keeps it: plain text as a str, anything styled as a ``Cell``; ``style``
    goes under the cell's own, as in ``pieces``."""
    if isinstance(cell, str) and not style:
        return cell
    if isinstance(cell, Cell):
        if not style:
            return cell
        return Cell([(text, _joined(style, own)) for text, own in cell if text])
    return pieces(cell, style)


_EMPTY = Cell()
_BLANK = Cell([("", "")])  # an empty line of a cell: no text, but not left out as a blank


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
        "no_lone_char",
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
        # a folded cell's last line is not one character; True: a name (paragraphs.wrap_lines)
        no_lone_char: bool | Literal["last"] = False,
    ):
        self.header, self.justify, self.wrap = header, justify, wrap
        self.min_width, self.max_width, self.ratio = min_width, max_width, ratio
        self.optional, self.phrases, self.no_lone_char = optional, phrases, no_lone_char


class Grid:
    """A table: a title, a header row with a rule under it, rows in sections (a blank line
    between them), a footer row after a blank line. Only the ``wrap`` columns fold to fit the
    width; the others keep their widest cell. A row keeps its cells as plain strings where it
    can (no object per cell), and their widths once measured."""

    def __init__(
        self,
        columns: list[Column],
        title: str | Text | Cell | None = None,
        *,
        indent: int = 1,
        header: bool = True,
        title_left: bool = False,
    ):
        self.columns = columns
        self.title, self.title_left = title, title_left
        self.indent, self.header = indent, header
        self.rows: list[list[CellLike] | None] = []  # None: a section break
        self.footer: list[CellLike] | None = None
        # The widths ``least_width`` measured, which drawing the table then takes (a table is
        # not changed once it is measured).
        self.measured: tuple[list[int], list[Measured | None], Measured | None] | None = None

    def add_row(self, *cells: str | Text | Cell, style: str = "") -> None:
        self.rows.append([_cell(cell, style) for cell in cells])

    def add_cells(self, cells: list[CellLike]) -> None:
        """``add_row`` for cells already as a table keeps them (``_cell``: plain text as a str,
        anything styled as a ``Cell``), taken as they are, list and all."""
        self.rows.append(cells)

    def add_section(self) -> None:
        if self.rows and self.rows[-1] is not None:
            self.rows.append(None)

    def set_footer(self, *cells: str | Text | Cell) -> None:
        self.footer = [_cell(cell) for cell in cells]

    def __rich_console__(self, console: Console, options: Any) -> Iterator[Segment]:
        self._leave_out_empty()
        out = Runs(console)
        _draw(self, out, options.max_width)
        return out.segments()

    def stream(self, console: Console) -> None:
        """Write the table to the console's file as it is drawn (``console.draw``)."""
        with paused():
            self._leave_out_empty()
            out = Runs(console, console.file.write)
            _draw(self, out, console.width)
            out.close()

    def _leave_out_empty(self) -> None:
        """Leave out the optional columns that no row fills."""
        if not any(column.optional for column in self.columns):
            return
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


Measured = tuple[list[int], bool]  # the widths of a row's cells; whether one has a line break


def _measured(grid: Grid) -> tuple[list[int], list[Measured | None], Measured | None]:
    """The widest cell of each column (the header's included), and the width of each cell of
    each row and of the footer, measured once (a short text that recurs, once in all)."""
    count = len(grid.columns)
    widest = [0] * count
    if grid.header:
        widest = [pieces(column.header, "bold").width for column in grid.columns]
    known: dict[str, int] = {}

    def widths_of(row: list[CellLike]) -> Measured:
        sizes = []
        broken = False
        for n, cell in enumerate(row):
            if isinstance(cell, str):
                size = known.get(cell)
                if size is None:
                    if "\n" in cell:
                        broken = True
                        size = lines_width(cell)
                    else:
                        size = text_width(cell)
                        if len(cell) <= 16:
                            known[cell] = size
            else:  # a Cell: its width and text once made, read as they are
                size = cell._width
                if size < 0:
                    size = cell.width
                text = cell._text
                if text is None:
                    text = cell.text
                if "\n" in text:
                    broken = True
            sizes.append(size)
            if size > widest[n]:
                widest[n] = size
        return sizes, broken

    rows = [None if row is None else widths_of(row) for row in grid.rows]
    footer = None if grid.footer is None else widths_of(grid.footer)
    return widest, rows, footer


def _widths(grid: Grid, available: int, widest: list[int]) -> list[int]:
    headers = [pieces(column.header, "bold") for column in grid.columns] if grid.header else []
    widths = list(widest)
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


def least_width(grid: Grid) -> int:
    """The fewest cells ``grid`` can be drawn in: each column that does not wrap at its widest
    cell, each that does at its floor (``_widths``). A view narrower than that has to be laid
    out another way."""
    grid._leave_out_empty()
    grid.measured = _measured(grid)
    widest = grid.measured[0]
    total = grid.indent + GAP * (len(widest) - 1)
    for n, column in enumerate(grid.columns):
        if column.wrap:
            header = pieces(column.header, "bold").width if grid.header else 0
            total += min(widest[n], max(column.min_width, header))
        else:
            total += widest[n]
    return total


def _lines_of(
    cell: CellLike,
    width: int,
    wrap: bool,
    phrases: bool = False,
    size: int = -1,
    sizes: list[int] | None = None,
    no_lone_char: bool | Literal["last"] = False,
) -> list[CellLike]:
    """A cell's lines at ``width`` (``size``: its width, when known); a cell that starts with
    spaces (an indented title) keeps them on every line it folds into, as far as its text keeps
    room (``_kept_indent``). ``sizes``, when given, gets the width of each line of a str where
    folding it measured it (-1 where it did not)."""
    if isinstance(cell, str):  # its lines are plain strings too
        if "\n" not in cell:
            if not wrap or (size if size >= 0 else text_width(cell)) <= width:
                return [cell]
            return _folded(cell, width, phrases, sizes, no_lone_char)
        text = cell
    else:
        text = cell.text
        if "\n" not in text and (not wrap or cell.width <= width):
            return [cell]
    lead = len(text) - len(text.lstrip(" "))
    indent = _kept_indent(lead, width)
    lines: list[CellLike] = []
    offset = lead
    room = max(width - indent, 1)
    rows = text[lead:].split("\n")
    cut = len(rows) > MAX_CELL_LINES
    for number, line in enumerate(rows[:MAX_CELL_LINES] if cut else rows):
        # A line that fits whatever its characters needs no measuring; a column that does not
        # wrap keeps its lines whole.
        fits = not wrap or 2 * len(line) <= room
        measures: list[Any] = []
        # A line under the first that starts with spaces (the figures under a plan's name in
        # a stacked view: "  Item Harden village roads…") folds under its own text, not at the
        # cell's edge.
        # Its spaces beyond the indent it keeps (``_kept_indent``) are dropped on each of its
        # lines: they alone could fill a narrow line, leaving it blank before a long word.
        spaces = len(line) - len(line.lstrip(" ")) if number else 0
        hang = _kept_indent(spaces, room)
        if fits:
            spans = [(0, len(line))]
        elif spaces:
            spans = [
                (start + spaces, end + spaces)
                for start, end in wrap_lines(
                    line[spaces:], max(room - hang, 1), phrases, None, no_lone_char
                )
            ]
        else:
            spans = wrap_lines(line, room, phrases, measures, no_lone_char)
        for start, end in spans:
            lead_in = " " * (indent + (hang if spaces and not fits else 0))
            if isinstance(cell, str):  # an empty line still counts as a line with text
                lines.append(lead_in + text[offset + start : offset + end] or _BLANK)
                if sizes is not None:
                    cells = measures[0] if measures else None
                    sizes.append(-1 if cells is None else indent + cells[end] - cells[start])
            else:
                lines.append(Cell([(lead_in, ""), *_cut(cell, offset + start, offset + end)]))
        offset += len(line) + 1
    if cut:
        lines.append(Cell([(f"…（共 {len(rows):,} 行 / {len(rows):,} lines）", "dim")]))
    return lines


def _folded(
    text: str,
    width: int,
    phrases: bool = False,
    sizes: list[int] | None = None,
    no_lone_char: bool | Literal["last"] = False,
) -> list[CellLike]:
    """``_lines_of`` a str of one line that folds (a long title): the same lines, made without
    the loop over a cell's lines."""
    line = text.lstrip(" ")
    indent = _kept_indent(len(text) - len(line), width)
    room = max(width - indent, 1)
    prefix = " " * indent
    measures: list[Any] = []
    if 2 * len(line) <= room:  # it fits whatever its characters (its indent kept shorter)
        spans = [(0, len(line))]
    else:
        spans = wrap_lines(line, room, phrases, measures, no_lone_char)
    if sizes is not None:
        if measures:
            cells = measures[0]
            sizes += [indent + cells[end] - cells[start] for start, end in spans]
        else:
            sizes += [-1] * len(spans)
    return [prefix + line[start:end] or _BLANK for start, end in spans]


def _kept_indent(indent: int, width: int) -> int:
    """How much of a folding cell's indent its lines keep: all of it while its text has 10
    cells, else no more than a quarter of the column: a six-level title in a narrow column
    gives up depth before it is set a character or two a line."""
    return min(indent, max(width - 10, width // 4))


def _draw(grid: Grid, out: Runs, available: int) -> None:
    widest, row_widths, footer_widths = grid.measured or _measured(grid)
    widths = _widths(grid, available, widest)
    total = sum(widths) + GAP * (len(widths) - 1)
    pad = " " * grid.indent
    columns = grid.columns
    right = [column.justify == "right" for column in columns]
    wraps = [(column.wrap, column.phrases, column.no_lone_char) for column in columns]
    add, colour = out.add, out.colour

    spaces = [" " * k for k in range(max(widths, default=0) + GAP + 1)]
    gap = spaces[GAP]

    def line(cells: list[CellLike], sizes: list[int]) -> None:
        """One line of the table: each cell padded to its column's width (an empty cell's
        size is 0), two spaces between columns, none after the last cell that has text."""
        last = len(cells) - 1
        while last >= 0 and not cells[last]:  # no trailing blanks
            last -= 1
        texts = [pad]  # what has no style, joined before it goes out
        append = texts.append
        for n in range(last + 1):
            cell = cells[n]
            room = widths[n] - sizes[n]
            if right[n] and room > 0:
                append(spaces[room])
            if isinstance(cell, str):
                append(cell)
            elif not colour:
                append(cell.text)
            else:
                for text, style in cell:
                    if style:
                        add("".join(texts))
                        texts.clear()
                        add(text, style)
                    else:
                        append(text)
            if n < last:
                append(gap if right[n] or room <= 0 else spaces[room + GAP])
        append("\n")
        add("".join(texts))
        out.line_ended()

    wrapping = [n for n, column in enumerate(columns) if column.wrap]

    def row_lines(row: list[CellLike], measured: Measured | None = None) -> None:
        sizes, broken = measured or ([width_of(cell) for cell in row], True)
        if broken:  # a cell with a line break: its lines
            folds = [
                n
                for n, cell in enumerate(row)
                if (wraps[n][0] and sizes[n] > widths[n])
                or "\n" in (cell if isinstance(cell, str) else cell.text)
            ]
        else:
            folds = [n for n in wrapping if sizes[n] > widths[n]]
        if not folds:  # every cell on one line
            line(row, sizes)
            return
        if not broken and len(folds) == 1:  # one cell folds (a title), the others fit: as below
            n = folds[0]
            known: list[int] = []  # the lines' widths, as folding measured them
            lines = _lines_of(row[n], widths[n], *wraps[n][:2], sizes[n], known, wraps[n][2])
            if len(known) != len(lines):
                known = [-1] * len(lines)
            cells, sizes = list(row), list(sizes)
            if lines[0] is not row[n]:
                cells[n], sizes[n] = lines[0], known[0] if known[0] >= 0 else width_of(lines[0])
            line(cells, sizes)
            cells, sizes = [_EMPTY] * len(row), [0] * len(row)
            for part, size in zip(lines[1:], known[1:], strict=True):
                cells[n] = part
                sizes[n] = (size if size >= 0 else width_of(part)) if part else 0
                line(cells, sizes)
            return
        folded: list[list[CellLike]] = [[cell] for cell in row]
        for n in folds:
            folded[n] = _lines_of(row[n], widths[n], *wraps[n][:2], sizes[n], None, wraps[n][2])
        height = max(len(lines) for lines in folded)
        for k in range(height):
            if k == 0:
                cells = [lines[0] for lines in folded]
                line(
                    cells,
                    [
                        sizes[n] if folded[n][0] is row[n] else width_of(cells[n])
                        for n in range(len(row))
                    ],
                )
                continue
            cells = [lines[k] if k < len(lines) else _EMPTY for lines in folded]
            line(cells, [width_of(cell) if cell else 0 for cell in cells])

    if grid.title is not None:
        title = pieces(grid.title)
        room = max(available - grid.indent, 1)
        # A title wider than the table folds, at a " · " between its parts where it can (a
        # heading "… · 截至 2023-12-31 · 按责任人" keeps 按责任人 whole).
        for part in _lines_of(title, room, True, phrases=True):
            centred = max((min(total, room) - width_of(part)) // 2, 0)
            add(" " * (grid.indent + (0 if grid.title_left else centred)))
            for text, style in part if isinstance(part, Cell) else [(part, "")]:
                add(text, style)
            out.end_line()
    if grid.header:
        row_lines([pieces(column.header, "bold") for column in columns])
        add(pad + "─" * total)
        out.end_line()
    if colour or not PLAIN_ROWS:
        for row, measured in zip(grid.rows, row_widths, strict=True):
            if row is None:
                out.end_line()
            else:
                row_lines(row, measured)  # type: ignore[arg-type]
    else:
        for start in range(0, len(grid.rows), Runs.LINES_PER_WRITE):
            stop = start + Runs.LINES_PER_WRITE
            _plain_rows(
                grid.rows[start:stop], row_widths[start:stop], widths, columns, pad, out, row_lines
            )
    if grid.footer is not None:
        out.end_line()
        row_lines(grid.footer, footer_widths)


# Rows without colour are made a column at a time (``_plain_rows``); tests/test_grid_plain.py
# turns this off to compare them with the rows made a line at a time.
PLAIN_ROWS = True


def _plain_rows(
    rows: list[list[CellLike] | None],
    measured: list[Measured | None],
    widths: list[int],
    columns: list[Column],
    pad: str,
    out: Runs,
    row_lines: Callable[[list[CellLike], Measured], None],
) -> None:
    """Rows of ``_draw`` where they have no colour (a pipe, a file, NO_COLOR): the characters
    ``line`` writes, made a column at a time (a list comprehension a column instead of a loop
    a cell): each cell padded to its column's width, two spaces between columns; a row whose
    one wrapping cell folds (a long title) has that cell's first line in the row and its other
    lines under it, indented to its column; so has a row whose one cell to fold or with a line
    break is the only one. A row with more than one such cell, fewer cells than columns or an
    empty last cell is drawn by ``row_lines``."""
    count = len(widths)
    last = count - 1
    right = [column.justify == "right" for column in columns]
    spaces = [" " * k for k in range(max(widths, default=0) + GAP + 1)]
    gap = spaces[GAP]
    wrapping = [n for n, column in enumerate(columns) if column.wrap]
    offsets = [sum(widths[:n]) + GAP * n for n in range(count)]  # where each column starts
    firsts: list[list[CellLike]] = []  # the cells of each row's first line
    first_sizes: list[list[int]] = []
    below: dict[int, list[str]] = {}  # the lines under a row whose cell folds, by its number
    order: list[Any] = []  # each row: None (a section break), its number or (row, measured)
    for row, row_measured in zip(rows, measured, strict=True):
        if row is None or row_measured is None:
            order.append(None)
            continue
        sizes, broken = row_measured
        if len(row) != count or not row[last]:
            order.append((row, row_measured))
            continue
        folds = [n for n in wrapping if sizes[n] > widths[n]]
        if broken:  # and the cells with a line break (list --flat at 80 columns: the title,
            # who is responsible and the deadline under it)
            folds = sorted({*folds, *(n for n, cell in enumerate(row) if "\n" in _text(cell))})
        if folds:
            if len(folds) > 1:
                order.append((row, row_measured))
                continue
            n = folds[0]
            known: list[int] = []  # the lines' widths, as folding measured them
            # (as plain text: without colour a cell's runs are one text, folded as a str is,
            # its lines' widths measured by the folding)
            text = _text(row[n])
            column = columns[n]
            lines = _lines_of(
                text, widths[n], column.wrap, column.phrases, sizes[n], known, column.no_lone_char
            )
            if len(known) != len(lines):
                known = [-1] * len(lines)
            if lines[0] is not row[n]:
                row, sizes = list(row), list(sizes)
                first = known[0]
                row[n], sizes[n] = lines[0], first if first >= 0 else width_of(lines[0])
            under = pad + " " * offsets[n]  # the empty cells before it
            more = []
            for part, part_size in zip(lines[1:], known[1:], strict=True):
                if not part:
                    more.append(pad + "\n")
                    continue
                room = widths[n] - (part_size if part_size >= 0 else width_of(part))
                text = part if isinstance(part, str) else part.text
                more.append(f"{under}{spaces[room] if right[n] and room > 0 else ''}{text}\n")
            below[len(firsts)] = more
        order.append(len(firsts))
        firsts.append(row)
        first_sizes.append(sizes)
    made: list[list[str]] = []
    by_column = zip(zip(*firsts, strict=True), zip(*first_sizes, strict=True), strict=True)
    for n, (column_cells, column_sizes) in enumerate(by_column):
        texts = [cell if isinstance(cell, str) else cell.text for cell in column_cells]
        width = widths[n]
        if right[n]:
            ends = gap if n < last else ""
            made.append(
                [
                    f"{spaces[width - size] if width > size else ''}{text}{ends}"
                    for text, size in zip(texts, column_sizes, strict=True)
                ]
            )
        elif n < last:
            made.append(
                [
                    text + (spaces[width - size + GAP] if width > size else gap)
                    for text, size in zip(texts, column_sizes, strict=True)
                ]
            )
        else:
            made.append(texts)
    drawn = [f"{pad}{''.join(parts)}\n" for parts in zip(*made, strict=True)]
    pending: list[str] = []
    for entry in order:
        if entry is None:
            pending.append("\n")
        elif isinstance(entry, int):
            pending.append(drawn[entry])
            if entry in below:
                pending += below[entry]
        else:
            out.add_lines(pending)
            pending = []
            row_lines(*entry)
    out.add_lines(pending)


def _text(cell: CellLike) -> str:
    return cell if isinstance(cell, str) else cell.text


class Stack:
    """Views one under another (rich's ``Group``): those that can write their lines themselves
    do (``stream``), the others are printed through rich."""

    def __init__(self, parts: list[Any]):
        self.parts = parts

    def __rich_console__(self, console: Console, options: Any) -> Iterator[Any]:
        yield from self.parts

    def stream(self, console: Console) -> None:
        for part in self.parts:
            if hasattr(part, "stream"):
                part.stream(console)
            else:
                console.print(part)
