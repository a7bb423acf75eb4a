"""Trees drawn line by line as plain strings, fast at any length (``plan list``): guides
(├── └── │), each label folded to the width under its guide, a node's details (short phrases)
packed after it or on lines below it. Drawn as the tables of ``grid`` are, with its cells,
widths and runs."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..collector import paused
from .grid import Cell, CellLike, Piece, _lines_of, pieces, text_width, width_of
from .paragraphs import wrap_lines
from .runs import Runs

if TYPE_CHECKING:
    from rich.console import Console
    from rich.segment import Segment
    from rich.text import Text

# Characters after which the simple measures of a tree's details do not apply.
_SPECIAL = ("\u200d", "\ufe0f", "\n")


def packed(parts: list[str], width: int, separator: str = " · ") -> str:
    """Short phrases joined by ``separator`` as lines of at most ``width`` cells, each line
    breaking between two phrases (未开始 · 欠进度 / 责任: 李明), never inside one that fits."""
    return "\n".join(packed_lines(parts, width, separator))


def packed_lines(
    parts: list[str], width: int, separator: str = " · ", sizes: list[int] | None = None
) -> list[str]:
    """The lines of ``packed`` (``sizes``: the phrases' widths, when known)."""
    lines: list[str] = []
    gap = text_width(separator)
    used = 0  # the width of the last line, or -1: measure it whole (joiners, see text_width)
    for n, part in enumerate(parts):
        size = sizes[n] if sizes is not None else text_width(part)
        if lines and (used if used >= 0 else text_width(lines[-1])) + gap + size <= width:
            lines[-1] += separator + part
            used = used + gap + size if used >= 0 else -1
        else:
            lines.append(part)
            used = size
        if "\u200d" in part or "\ufe0f" in part:  # its width depends on its neighbours
            used = -1
    return lines


def phrases_under(phrases: list[list[Piece]], room: int) -> list[Piece]:
    """Phrases of styled runs (named figures: ``完成率 47.5%``) on the lines under a name, two
    cells in, as many to a line as fit ``room`` cells, each line broken between two
    (``packed_lines``): the runs of those lines, each starting with its line feed."""
    texts = ["".join(text for text, _ in phrase) for phrase in phrases]
    lines = packed_lines(texts, room, sizes=[text_width(t) for t in texts])
    runs: list[Piece] = []
    taken = 0
    for line in lines:  # the phrases of each line, in the order packed_lines put them
        runs.append(("\n  ", ""))
        # As many as make the line (not its " · " counted: a title may hold one itself).
        count = 1
        while " · ".join(texts[taken : taken + count]) != line and taken + count < len(texts):
            count += 1
        for k, phrase in enumerate(phrases[taken : taken + count]):
            if k:
                runs.append((" · ", "dim"))
            runs += phrase
        taken += count
    return runs


# A node of a tree: its depth (0 at the top), whether it is the last of its parent's children,
# its label and its details (short phrases).
Node = tuple[int, bool, CellLike, list[str]]


class Tree:
    """A tree drawn with guides (├── └── │), each label folded to the width under its guide;
    a node's details (short phrases) follow its label on the same line when they fit, else on
    lines of their own below it, broken between phrases.

    The nodes come from ``nodes(colour)`` in the order they are drawn (parents first), made as
    they are drawn: nothing is kept per node. Without colour a label may be a plain str."""

    def __init__(
        self,
        label: str | Text | Cell,
        nodes: Callable[[bool], Iterable[Node]],
        details_style: str = "dim",
    ):
        self.label = pieces(label)
        self.nodes, self.details_style = nodes, details_style

    def __rich_console__(self, console: Console, options: Any) -> Iterator[Segment]:
        out = Runs(console)
        self._draw(out, options.max_width)
        return out.segments()

    def stream(self, console: Console) -> None:
        with paused():
            out = Runs(console, console.file.write)
            self._draw(out, console.width)
            out.close()

    def _draw(self, out: Runs, width: int) -> None:
        add, end_line, style = out.add, out.end_line, self.details_style
        colour = out.colour
        for line in _lines_of(self.label, max(width, 1), True):
            for text, piece_style in line if isinstance(line, Cell) else [(line, "")]:
                add(text, piece_style)
            end_line()

        def draw_line(guide: str, line: CellLike, tail: str = "") -> None:
            if not colour:  # one piece of text per line
                text = line if isinstance(line, str) else line.text
                add(f"{guide}{text}{tail}\n")
                out.line_ended()
                return
            add(guide, "dim")
            if isinstance(line, str):
                add(line)
            else:
                for text, piece_style in line:
                    add(text, piece_style)
            add(tail, style)
            end_line()

        follows = [""]  # the guides that continue under each open level
        known: dict[str, int] = {}  # the widths of short phrases (statuses, paces, dates)
        for depth, last, label, details in self.nodes(colour):
            prefix = follows[depth]
            head = prefix + ("└── " if last else "├── ")
            follow = prefix + ("    " if last else "│   ")
            del follows[depth + 1 :]
            follows.append(follow)
            room = max(width - len(head), 8)  # guides and spaces: a cell each
            # A plain label is measured once: whether it fits, and whether its details do too.
            plain = isinstance(label, str) and "\n" not in label
            label_size = text_width(label) if isinstance(label, str) and plain else -1
            if plain and label_size <= room:
                lines: list[CellLike] = [label]
            else:
                # (no line of one character alone: …项目建 / 设  红灯)
                lines = _lines_of(
                    label, room, True, phrases=True, size=label_size, no_lone_char="last"
                )
            first_size = label_size if plain and lines[0] is label else width_of(lines[0])
            below: list[CellLike] = []
            if details:
                together = "  " + " · ".join(details)
                simple = not any(special in together for special in _SPECIAL)
                if simple:  # the widths of the phrases add up; the short ones recur
                    sizes = []
                    for phrase in details:
                        size = known.get(phrase)
                        if size is None:
                            size = text_width(phrase)
                            if len(phrase) <= 20 and len(known) < 4096:
                                known[phrase] = size
                        sizes.append(size)
                    size = sum(sizes) + 3 * len(sizes) - 1
                else:
                    size = text_width(together)
                if len(lines) == 1 and first_size + size <= room:
                    draw_line(head, lines[0], together)
                    continue
                rows = packed_lines(details, room, sizes=sizes if simple else None)
                if simple and not rows[0].startswith(" "):
                    # _lines_of's rules, without making a Cell
                    for row in rows:
                        if 2 * len(row) <= room:
                            below.append(row)
                        else:
                            below += [row[a:b] for a, b in wrap_lines(row, room, True)]
                else:
                    below = _lines_of(Cell([("\n".join(rows), style)]), room, True, phrases=True)
            if not colour and len(lines) == 1:  # the usual node: its lines in one piece
                first = lines[0]
                text = first if isinstance(first, str) else first.text
                under = "".join(
                    [f"{follow}{part if isinstance(part, str) else part.text}\n" for part in below]
                )
                add(f"{head}{text}\n{under}")
                out.line_ended()
                continue
            for k, part in enumerate(lines):
                draw_line(head if k == 0 else follow, part)
            for part in below:
                if isinstance(part, str):
                    draw_line(follow, "", part)
                else:
                    draw_line(follow, part)
