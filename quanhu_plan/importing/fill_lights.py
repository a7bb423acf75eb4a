"""A ledger's light given as a cell's fill colour alone (亮灯情况 with no text, the cell filled
red, yellow or green, as many offices light their 台账): the colour of an Excel fill — its
rgb, a colour of the workbook's theme with its tint, or one of the old indexed palette — named
as a light, and written into the empty light cells of the table read. Pure: colours in, names
out (``sheets`` reads the fills with openpyxl; ``light_compare`` sets the lights beside the
plan's)."""

from __future__ import annotations

import colorsys
import re
from typing import TYPE_CHECKING

from .errors import Notice
from .header_names import LEDGER_LIGHTS

if TYPE_CHECKING:
    from .headers import Header

# The names of the lights in a cell's words, by the plan's language (as light_compare says them).
LIGHT_WORDS = {
    "zh": {"red": "红灯", "orange": "橙灯", "yellow": "黄灯", "green": "绿灯", "blue": "蓝灯"},
    "en": {"red": "red", "orange": "orange", "yellow": "yellow", "green": "green", "blue": "blue"},
}

# A theme's colours as Excel counts them in a cell's colour (theme="n"): its first two pairs
# swapped from the order the theme file lists them in (lt1 0, dk1 1, lt2 2, dk2 3).
_EXCEL_ORDER = (1, 0, 3, 2, 4, 5, 6, 7, 8, 9, 10, 11)
_SCHEME_NAMES = "dk1 lt1 dk2 lt2 accent1 accent2 accent3 accent4 accent5 accent6 hlink folHlink"
_SCHEME = re.compile(r"<(?:\w+:)?clrScheme\b.*?</(?:\w+:)?clrScheme>", re.S)
_ENTRY = re.compile(
    r"<(?:\w+:)?(" + "|".join(_SCHEME_NAMES.split()) + r")>\s*<(?:\w+:)?(?:srgbClr\s+val"
    r'|sysClr\b[^>]*?lastClr)="([0-9A-Fa-f]{6})"'
)

# The old 64-colour palette (indexed="n"), as Excel has it by default (openpyxl's COLOR_INDEX):
# the few a ledger is lit with are enough, the rest are no light.
_INDEXED = {
    2: "FF0000", 3: "00FF00", 4: "0000FF", 5: "FFFF00", 10: "FF0000", 11: "00FF00",
    12: "0000FF", 13: "FFFF00", 17: "008000", 42: "CCFFCC", 43: "FFFF99", 50: "99CC00",
    51: "FFCC00", 52: "FF9900", 53: "FF6600", 57: "339966",
}  # fmt: skip


def theme_colours(theme_xml: bytes | str | None) -> list[str]:
    """The rgb of each of a theme's colours, in the order a cell's theme="n" counts them."""
    if not theme_xml:
        return []
    text = theme_xml.decode("utf-8", "replace") if isinstance(theme_xml, bytes) else theme_xml
    scheme = _SCHEME.search(text)
    if scheme is None:
        return []
    found = dict(_ENTRY.findall(scheme.group()))
    listed = [found.get(name, "") for name in _SCHEME_NAMES.split()]
    return [listed[i] for i in _EXCEL_ORDER]


def colour_rgb(kind: str | None, value: object, tint: float, themes: list[str]) -> str | None:
    """The rgb (six hex digits) of a colour as a workbook gives it: ``kind`` 'rgb' (ARGB or
    RGB), 'theme' (an index into ``themes``) or 'indexed'; None for any other (auto)."""
    rgb: str | None = None
    if kind == "rgb" and isinstance(value, str) and re.fullmatch(r"[0-9A-Fa-f]{6,8}", value):
        rgb = value[-6:]
    elif kind == "theme" and isinstance(value, int) and 0 <= value < len(themes):
        rgb = themes[value] or None
    elif kind == "indexed" and isinstance(value, int):
        rgb = _INDEXED.get(value)
    if rgb is None or not tint:
        return rgb
    return _tinted(rgb, tint)


def _tinted(rgb: str, tint: float) -> str:
    """A colour lightened (tint > 0) or darkened (< 0) as Excel does it, on its lightness."""
    red, green, blue = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    tint = max(-1.0, min(1.0, tint))
    lightness = lightness * (1 + tint) if tint < 0 else lightness * (1 - tint) + tint
    out = colorsys.hls_to_rgb(hue, lightness, saturation)
    return "".join(f"{round(part * 255):02X}" for part in out)


def light_of(rgb: str | None) -> str | None:
    """The light a fill colour shows: red, orange, yellow, green or blue; None for white,
    grey, black, a colour too dark or too pale to be lit, purple or pink."""
    if not rgb or not re.fullmatch(r"[0-9A-Fa-f]{6}", rgb):
        return None
    red, green, blue = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    if saturation < 0.3 or not 0.15 <= lightness <= 0.93:
        return None
    degrees = hue * 360
    # Excel's 差/适中/好 (FFC7CE, FFEB9C, C6EFCE) and its standard colours read as lit;
    # its "orange" FFC000 (45°) is the amber of a yellow light.
    for colour, low, high in (
        ("red", -16, 14),
        ("orange", 14, 40),
        ("yellow", 40, 68),
        ("green", 68, 170),
        ("blue", 185, 250),
    ):
        if low <= (degrees - 360 if degrees > 344 else degrees) < high:
            return colour
    return None


# What a light cell may hold beside its colour: a mark (●, ■, ★) or the word 亮灯 — no colour
# of its own: the cell's fill or its font's colour is the light.
_MARK = re.compile(r"[^\w]+|亮?灯|亮")


def lights_from_fills(header: Header, lang: str) -> tuple[list[int], str]:
    """Writes into the light column's cells that name no colour — empty, or a mark (●) or
    亮灯 — the light their fill shows, else their font's colour (a red ●), as the ledger
    would have written it (红灯); the rows so lit (0-based) and the column's name. A cell
    with words naming a light or none (绿, 未亮灯) keeps them, whatever its colours."""
    from .headers import bare_name

    sheet = header.sheet
    if not sheet.fills and not sheet.inks:
        return [], ""
    words = LIGHT_WORDS["zh" if lang == "zh" else "en"]
    lit: list[int] = []
    name = ""
    for column in header.columns:
        if column.field != "keep" or bare_name(column.name) not in LEDGER_LIGHTS:
            continue
        c = column.index
        for r in range(header.first_data_row, len(sheet.rows)):
            value = sheet.value(r, c)
            if value is not None and not (isinstance(value, str) and _MARK.fullmatch(value)):
                continue
            colour = sheet.fills.get((r, c)) or sheet.inks.get((r, c))
            row = sheet.rows[r]
            if colour is None or all(v is None for i, v in enumerate(row) if i != c):
                continue  # (a row of nothing else, the colour run on past the table: no task)
            row.extend([None] * (c + 1 - len(row)))
            row[c] = words[colour]
            lit.append(r)
            name = name or bare_name(column.name)
    return sorted(set(lit)), name


def lit_by_fill(rows: list[int], column: str) -> Notice:
    """The lights read from fill colours, said by row (1-based), for the office to check."""
    shown = "、".join(str(r + 1) for r in rows[:10]) + (" 等" if len(rows) > 10 else "")
    shown_en = ", ".join(str(r + 1) for r in rows[:10]) + (" and more" if len(rows) > 10 else "")
    return Notice(
        f"第 {shown} 行的{column}没有文字（或只有●等符号），按单元格的填充颜色或字的颜色"
        "读出（红、黄、绿等），写入了同名字段；请核对。",
        f"The {column!r} cells of {'row' if len(rows) == 1 else 'rows'} {shown_en} hold no "
        "words (or a mark such as ●): their lights were read from the cells' fill or font "
        "colours (red, yellow, green…) and written into the field of that name; please check.",
    )
