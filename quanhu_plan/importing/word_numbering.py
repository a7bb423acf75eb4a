"""The numbers Word's automatic numbering (编号) shows before paragraphs: a 分解表's 序号 column
and its category rows (一、 （一） 1.) are often numbered so, and the text holds none of them.
Each paragraph of the document that is numbered gets its label, counted in the document's
order, from numbering.xml's list definitions."""

from __future__ import annotations

from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = _W + "val"

_DIGITS = "零一二三四五六七八九"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"


def _chinese(n: int) -> str:
    """一 … 十 … 十一 … 二十 … 九十九 (Word's chineseCounting); 100 and past as digits."""
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    return str(n)  # (no list of a 分解表 runs past 九十九)


def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    """A … Z, AA … ZZ as Word counts them (the letter repeated)."""
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


def formatted(n: int, kind: str) -> str:
    """A counter as a numFmt shows it."""
    if kind in ("chineseCounting", "chineseCountingThousand", "japaneseCounting"):
        return _chinese(n)
    if kind in ("ideographTraditional",):
        return _STEMS[(n - 1) % 10]
    if kind in ("ideographZodiac",):
        return _BRANCHES[(n - 1) % 12]
    if kind == "decimalEnclosedCircle" or kind == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if kind == "decimalFullWidth" or kind == "decimalFullWidth2":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if kind == "decimalZero":
        return f"{n:02d}"
    if kind == "upperLetter":
        return _letters(n)
    if kind == "lowerLetter":
        return _letters(n).lower()
    if kind == "upperRoman":
        return _roman(n)
    if kind == "lowerRoman":
        return _roman(n).lower()
    if kind == "none":
        return ""
    return str(n)  # decimal, and what this does not know


class _Level:
    __slots__ = ("start", "kind", "text", "suffix", "legal")

    def __init__(self, element: Any):
        self.start = _int(element.find(_W + "start"), 1)
        found = element.find(_W + "numFmt")
        self.kind = found.get(_VAL, "decimal") if found is not None else "decimal"
        found = element.find(_W + "lvlText")
        self.text = found.get(_VAL, "") if found is not None else ""
        found = element.find(_W + "suff")
        self.suffix = found.get(_VAL, "tab") if found is not None else "tab"
        self.legal = element.find(_W + "isLgl") is not None

    def starting(self, start: int) -> _Level:
        """This level counted from ``start`` (a list's w:startOverride)."""
        level = object.__new__(_Level)
        level.kind, level.text, level.suffix, level.legal = (
            self.kind,
            self.text,
            self.suffix,
            self.legal,
        )
        level.start = start
        return level


def _int(element: Any, default: int) -> int:
    try:
        return int(element.get(_VAL)) if element is not None else default
    except (TypeError, ValueError):
        return default


class _List:
    """A list (w:num): the definition it counts on with the others of it (abstractNumId), its
    levels, and the levels it starts again (w:startOverride: Word's 重新开始编号)."""

    __slots__ = ("counter", "levels", "restarts")

    def __init__(self, counter: str, levels: dict[int, _Level], restarts: set[int]):
        self.counter, self.levels, self.restarts = counter, levels, restarts


def _lists(numbering: Any) -> dict[str, _List]:
    """Each list (w:num), by its id."""
    abstract: dict[str, dict[int, _Level]] = {}
    for definition in numbering.iter(_W + "abstractNum"):
        levels = {_int_attr(lvl, "ilvl"): _Level(lvl) for lvl in definition.iter(_W + "lvl")}
        abstract[definition.get(_W + "abstractNumId", "")] = levels
    lists: dict[str, _List] = {}
    for num in numbering.iter(_W + "num"):
        base = num.find(_W + "abstractNumId")
        counter = base.get(_VAL, "") if base is not None else ""
        levels = dict(abstract.get(counter, {}))
        restarts: set[int] = set()
        for override in num.iter(_W + "lvlOverride"):
            level = _int_attr(override, "ilvl")
            own = override.find(_W + "lvl")
            if own is not None:
                levels[level] = _Level(own)
            start = override.find(_W + "startOverride")
            if start is not None and level in levels:
                levels[level] = levels[level].starting(_int(start, 1))
                restarts.add(level)
        lists[num.get(_W + "numId", "")] = _List(counter, levels, restarts)
    return lists


def _int_attr(element: Any, name: str) -> int:
    try:
        return int(element.get(_W + name, "0"))
    except ValueError:
        return 0


def _styled(styles: Any | None) -> dict[str, tuple[str | None, int | None]]:
    """The list (numId, ilvl) each paragraph style numbers its paragraphs with, through the
    styles it is based on (a 编号 set in the style, not on the paragraph)."""
    if styles is None:
        return {}
    own: dict[str, tuple[str | None, int | None]] = {}
    based: dict[str, str] = {}
    for style in styles.iter(_W + "style"):
        name = style.get(_W + "styleId", "")
        parent = style.find(_W + "basedOn")
        if parent is not None:
            based[name] = parent.get(_VAL, "")
        properties = style.find(_W + "pPr")
        numbered = properties.find(_W + "numPr") if properties is not None else None
        if numbered is not None:
            number, level = numbered.find(_W + "numId"), numbered.find(_W + "ilvl")
            own[name] = (
                number.get(_VAL) if number is not None else None,
                _int(level, 0) if level is not None else None,
            )
    found: dict[str, tuple[str | None, int | None]] = {}
    for name in {*own, *based}:
        step, seen = name, 0
        while step not in own and step in based and seen < 20:  # (a loop of styles ends)
            step, seen = based[step], seen + 1
        if step in own:
            found[name] = own[step]
    return found


def numbered_labels(body: Any, numbering: Any | None, styles: Any | None = None) -> dict[Any, str]:
    """The label each numbered paragraph of ``body`` shows (一、 （一） 1.), counted in the
    document's order: a level's count goes on from its last paragraph of the lists of one
    definition, and the levels below it start again. A paragraph is numbered by its own
    w:numPr, or by its style's."""
    if numbering is None:
        return {}
    lists = _lists(numbering)
    by_style = _styled(styles)
    counts: dict[str, dict[int, int]] = {}  # by definition (abstractNumId)
    used: set[str] = set()
    labels: dict[Any, str] = {}
    for paragraph in body.iter(_W + "p"):
        properties = paragraph.find(_W + "pPr")
        if properties is None:
            continue
        numbered = properties.find(_W + "numPr")
        style = properties.find(_W + "pStyle")
        styled = by_style.get(style.get(_VAL, "")) if style is not None else None
        if numbered is None and styled is None:
            continue
        number = numbered.find(_W + "numId") if numbered is not None else None
        written = numbered.find(_W + "ilvl") if numbered is not None else None
        style_list, style_level = styled or (None, None)
        # the paragraph's own list and level, else its style's (numId 0: numbering taken off)
        list_id = (number.get(_VAL) if number is not None else None) or style_list
        level = _int(written, 0) if written is not None else (style_level or 0)
        found = lists.get(list_id) if list_id else None
        if found is None or level not in found.levels or list_id is None:
            continue
        levels = found.levels
        # Lists of one definition count on together; one that starts a level again does so
        # where it is first used.
        count = counts.setdefault(found.counter, {})
        if list_id not in used:
            used.add(list_id)
            for again in found.restarts:
                count.pop(again, None)
        count[level] = count[level] + 1 if level in count else levels[level].start
        for deeper in [lvl for lvl in count if lvl > level]:
            del count[deeper]
        labels[paragraph] = _label(levels, count, level)
    return labels


def _label(levels: dict[int, _Level], count: dict[int, int], level: int) -> str:
    own = levels[level]
    if own.kind == "bullet":
        return ""  # a bullet (•, ■) is no number
    text = own.text
    for n in range(9):
        if f"%{n + 1}" in text:
            shown = levels.get(n)
            value = count.get(n, shown.start if shown else 1)
            kind = "decimal" if own.legal or shown is None else shown.kind
            text = text.replace(f"%{n + 1}", formatted(value, kind))
    return text + (" " if own.suffix == "space" else "")
