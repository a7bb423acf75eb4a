"""The cells a character takes on a terminal, as rich counts them, without loading rich for the
characters a plan is mostly written in.

rich measures a character in its tables of Unicode widths (``rich.cells``; loading them, and
the module, is some 2 ms of every ``plan status``). Printable ASCII, the Chinese characters of
U+4E00-U+9FFF, CJK punctuation, fullwidth forms and the box and block characters of a table's
rules and bars take the same cells in rich's table of the latest Unicode whatever rich's version
(``tests/test_widths.py`` compares every one of them with rich): those are counted here; any
other character is asked of rich. Where ``UNICODE_VERSION`` chooses another of rich's tables,
rich measures every character, as it would.
"""

from __future__ import annotations

import os
from typing import Any

# (first, last, cells): the characters counted here, each range the same width in rich's table
# of the latest Unicode (and rich's own single-cell ranges, ``rich.cells._SINGLE_CELLS``).
KNOWN_RANGES = (
    (0x20, 0x7E, 1),  # printable ASCII
    (0xA0, 0xAC, 1),  # Latin-1 (U+00AD, the soft hyphen, is rich's to measure)
    (0xAE, 0x2FF, 1),  # Latin-1, Latin extended, spacing modifiers
    (0x370, 0x482, 1),  # Greek, Cyrillic
    (0x2010, 0x2027, 1),  # dashes, quotes, bullets, the ellipsis (— “” ‘’ · …)
    (0x2190, 0x2193, 1),  # arrows (← ↑ → ↓: a change's old → new, in plan log and show)
    (0x2500, 0x25FC, 1),  # box drawing, blocks, shapes (─ │ █ ░ ■)
    (0x3000, 0x3029, 2),  # CJK punctuation (、。〈〉《》「」【】)
    (0x3030, 0x303E, 2),
    (0x4E00, 0x9FFF, 2),  # CJK unified ideographs
    (0xFF01, 0xFF60, 2),  # fullwidth forms (，：；（）！？)
    (0xFFE0, 0xFFE6, 2),  # fullwidth signs (￥)
)


def _rich_width(character: str) -> int:
    from rich.cells import get_character_cell_size

    return get_character_cell_size(character)


def _width(character: str) -> int:
    """``character``'s cells in rich's table: counted here where it is in ``KNOWN_RANGES``."""
    code = ord(character)
    for first, last, cells in KNOWN_RANGES:
        if code < first:
            break
        if code <= last:
            return cells
    return _rich_width(character)


class _Widths(dict[str, int]):
    """The cells of each character, filled as characters come (a look-up, not rich's cache)."""

    def __missing__(self, character: str) -> int:
        size = self[character] = _width(character)
        return size


def _ascii_line(text: str) -> bool:
    """Whether each character of ``text`` takes one cell: printable ASCII alone (rich's own
    test takes a few more characters, which take one cell each in its table too)."""
    return text.isascii() and text.isprintable()


character_width: Any
single_cell: Any
if "UNICODE_VERSION" in os.environ:  # another of rich's tables: rich measures
    from rich.cells import _is_single_cell_widths, get_character_cell_size

    character_width, single_cell = get_character_cell_size, _is_single_cell_widths
else:
    character_width, single_cell = _Widths().__getitem__, _ascii_line
