"""The cells a text takes on a terminal, where a zero width joiner (U+200D) or a variation
selector (U+FE0F) stands in it.

rich's ``cell_len`` takes a joiner as joining whatever follows it into the character before:
中‍文 (a joiner pasted between two Chinese characters, as text copied from a web page or a
WeChat message carries) counts two cells where every terminal shows four, and a table's column
after it slips by two. A terminal joins only emoji (Unicode's grapheme rule GB11: a pictograph,
a joiner, a pictograph: 👨‍👩‍👧 is one picture of two cells, as rich counts it); anything else
after a joiner is a character of its own. Each character is measured as rich measures it (its
tables, cached: ``widths.character_width``), so text without joiners keeps exactly rich's
widths.
"""

from __future__ import annotations

from ..controls import pictograph as joinable
from .widths import character_width

JOINER = "\u200d"
EMOJI_STYLE = "\ufe0f"  # variation selector 16: the character before it drawn as an emoji

_NARROW_TO_WIDE: frozenset[str] | None = None


def _narrow_to_wide() -> frozenset[str]:
    """The characters drawn one cell wide as text and two as an emoji (❤ ☺ © #), as rich has
    them."""
    global _NARROW_TO_WIDE
    if _NARROW_TO_WIDE is None:
        from rich._unicode_data import load

        _NARROW_TO_WIDE = load("auto").narrow_to_wide
    return _NARROW_TO_WIDE


def pictograph(character: str) -> bool:
    """Whether ``character`` is a pictograph a joiner may join (Unicode's
    Extended_Pictographic, near enough for a terminal): ``controls.pictograph`` (the emoji
    planes, the wide symbols of U+2190-U+2BFF: ⌚ ☔ ⭐), and the characters an emoji selector
    widens (❤ ☺). Never a Chinese character, kana, a letter or a digit."""
    if joinable(character):
        return True
    return ord(character) > 0x7F and character in _narrow_to_wide()


def joined_width(text: str) -> int:
    """The cells ``text`` takes where it holds joiners or emoji selectors: a joiner between two
    pictographs makes them one (its width the first's), anywhere else it takes no cell and
    joins nothing; an emoji selector widens the character before it to two cells where rich
    does (❤️)."""
    return sum(joined_widths(text))


def joined_widths(text: str) -> list[int]:
    """The cells each character of ``text`` adds, as ``joined_width`` counts them: a joiner
    and a pictograph it joins add none, an emoji selector the one cell it widens by."""
    widths = []
    last = ""  # the last character that took cells (the start of what a joiner may join)
    widened = False  # whether an emoji selector has widened it already
    joining = False  # a joiner after a pictograph: a pictograph next joins it
    for character in text:
        size = 0
        if character == JOINER:
            joining = bool(last) and pictograph(last)
        elif character == EMOJI_STYLE:
            if last and not widened and last in _narrow_to_wide():
                size, widened = 1, True
        elif joining and pictograph(character):
            joining = False
            last, widened = character, True  # one picture: no selector widens it again
        else:
            joining = False
            size = character_width(character)
            if size:
                last, widened = character, False
        widths.append(size)
    return widths
