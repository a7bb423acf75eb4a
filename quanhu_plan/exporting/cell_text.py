"""User text as a cell of an exported table holds it: control characters shown, a formula
made inert, cut to what Excel keeps in a cell (counted as Excel counts, in UTF-16 units)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..controls import visible_exactly

# Excel keeps at most this many characters in a cell (and openpyxl cuts silently), counted in
# UTF-16 units: a character beyond U+FFFF (an emoji, a rare 𠀀 of CJK extension B) counts two.
LONGEST_CELL = 32_767

# The full-width signs too: Excel in a Chinese or Japanese locale reads ＝1+2 as =1+2 (a sign
# typed with an input method's full-width punctuation; OWASP/www-community#1088).
_FORMULA_START = re.compile(r"\s*[=+\-@＝＋－＠]")


def inert(text: str) -> str:
    """User text as a cell may hold it: control characters shown as escapes (``\\x1b``; a
    line feed stays, a tab is a space: ``controls.visible``, the rule of every output), a
    backslash of the text before what reads as one doubled, so that ``plan import`` reads the
    escapes back as the characters and the text comes back as it was
    (``controls.visible_exactly``), and cut to what Excel keeps in a cell, saying how long it
    was."""
    shown = visible_exactly(text)
    if len(shown) <= LONGEST_CELL // 2 or excel_length(shown) <= LONGEST_CELL:
        return shown
    # (the length of the text itself, as the plan holds it: not of its escapes)
    said = f"{CUT_MARK}{len(text):,} 字 / {len(text):,} characters）"
    return shown[: _cut_at(shown, LONGEST_CELL - len(said) - 1)] + said


# What ``inert`` puts after a text it cut (``was_cut`` looks for it).
CUT_MARK = "…（共 "


def excel_length(text: str) -> int:
    """``text``'s length as Excel counts it: in UTF-16 units, a character past U+FFFF two."""
    return len(text.encode("utf-16-le")) // 2


def _cut_at(text: str, units: int) -> int:
    """Where to cut ``text`` to keep at most ``units`` UTF-16 units: never inside a character
    drawn as one (an emoji and its skin tone, selector, keycap or joined pictures, a flag's
    two letters, a letter and its accents)."""
    at = units
    while excel_length(text[:at]) > units:  # (each astral character counts one more)
        at -= (excel_length(text[:at]) - units + 1) // 2 or 1
    while 0 < at < len(text) and _continues(text[at - 1], text[at]):
        at -= 1
    if at and 0x1F1E6 <= ord(text[at - 1]) <= 0x1F1FF:  # a flag's letters go in pairs
        letters = len(text[:at]) - len(text[:at].rstrip(_REGIONAL_LETTERS))
        at -= letters % 2
    return at


_REGIONAL_LETTERS = "".join(chr(code) for code in range(0x1F1E6, 0x1F200))


def _continues(before: str, after: str) -> bool:
    """Whether ``after`` belongs to the character drawn with ``before``."""
    if before == "\u200d" or after == "\u200d":
        return True
    code = ord(after)
    return (
        0xFE00 <= code <= 0xFE0F  # variation selectors
        or 0x1F3FB <= code <= 0x1F3FF  # skin tones
        or 0xE0020 <= code <= 0xE007F  # tag letters (🏴 flags of England, Scotland)
        or code == 0x20E3  # keycap
        or unicodedata.combining(after) != 0
        or unicodedata.category(after) in ("Mn", "Me", "Mc")
    )


def was_cut(text: Any) -> bool:
    """Whether ``text`` is a cell ``inert`` cut to fit."""
    return (
        isinstance(text, str)
        and excel_length(text) > LONGEST_CELL - 100
        and CUT_MARK in text[-60:]
        and text.endswith(" characters）")
    )


def looks_like_formula(text: str) -> bool:
    """Text a spreadsheet would take for a formula: starting (after spaces) with = + - or @
    or their full-width ＝ ＋ － ＠ (OWASP, "CSV Injection"). Tab, CR and NUL, which OWASP names too, never start a cell:
    ``inert`` has shown them as escapes already."""
    return _FORMULA_START.match(text) is not None


def quote_guarded(text: str) -> bool:
    """Text a table marks as text with a ': one a spreadsheet would take for a formula, and one
    starting with ' itself, which ``plan import`` would otherwise take the mark for
    (importing/sheets.py ``unquoted``): in a CSV the ' is written before it, in a workbook it
    is the cell's hidden quote prefix."""
    return looks_like_formula(text) or text.startswith("'")
