"""Numbers as people type them on the command line, and their units: 1,800, １８００, 1800亩,
3.3万亩, 95%, 约280万元, 下降3%, 增长6.1%, 完成5个; a number written as a program writes one
(1_000, 0x10) said as such; a unit compared with the task's measure (亩 is 亩, ㎡ is 平方米), and
the message for a figure in another unit.

Pure: no I/O, no terminal. What cannot be read raises ``inputs.InputError`` (zh and en), as the
dates and ids of ``inputs`` do.
"""

from __future__ import annotations

import re
import unicodedata

from .inputs import InputError, normalised, shown

_NUMBER = (
    r"(?i)(?P<number>[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]*)(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?)"
    r"(?P<unit>[^\s0-9.,+\-_].*)?"
)

# Words that say a figure is about so much (约280万元, 280余万元, 3.2万余亩): the figure is the
# number, as the import reads it, and the unit is what is left (万元, 万亩).
_ABOUT = re.compile(r"^(?:大约|将近|约|近)(?=[0-9.])")
_MORE_IN_UNIT = re.compile(r"^([万千百亿]?)[余多]")
# A figure worded as a fall (下降3%, as a task aimed at 下降5% reports it): the fall, -3, as
# plan import reads such a cell (importing.values.read_figure) and --target reads 下降5%.
# Compared with last year, as a 完成情况表 words it: 同比, 比上年, 较上年, 比去年同期.
_AGAINST_LAST_YEAR = r"(?:同比|(?:比|较)(?:上年|去年)(?:度|同期)?)?"
_FALL = re.compile(rf"^{_AGAINST_LAST_YEAR}(?:下降|减少|降低)(?=[0-9.])")
# …and one worded as a rise (增长6.1%, as a target of 增长8%以上 reports it): the number, as
# plan import reads such a cell.
_RISE = re.compile(rf"^{_AGAINST_LAST_YEAR}(?:增长|增加|提高|提升|上升)(?=[0-9.])")
# A figure said as what was done (完成5个, 已完成3.2万亩, 累计完成80%): the number, as plan import
# reads such a 完成值 (the words say nothing more than that it is the figure done).
_DONE_SO_MUCH = re.compile(r"^(?:已|累计|共|全年)?完成(?=[0-9.])")


def miswritten_number(text: str) -> tuple[str, str] | None:
    """Why a number written as a program writes one is none, and how to write it (Chinese,
    English), else None: 1_000 (Python's digit grouping, which int() and float() take: 1_0
    read as two numbers, 1 and 0), 0x10, 0b11, 0o17 (0x10 read as 0 in a unit x10)."""
    clean = normalised(text, lower=False, units=True).strip()
    based = re.match(r"([+-]?)0([xXbBoO])([0-9a-fA-F_]+)", clean)
    if based:
        base = {"x": (16, "十六", "hexadecimal"), "b": (2, "二", "binary")}.get(
            based.group(2).lower(), (8, "八", "octal")
        )
        try:
            value = f"{int(based.group(1) + based.group(3), base[0]):d}"
        except ValueError:  # 0b12: no number in that base either
            value = ""
        example_zh, example_en = (f"，如 {value}", f": write it as {value}") if value else ("", "")
        return (
            f"0{based.group(2)} 开头是程序里的{base[1]}进制写法，请写十进制的数{example_zh}",
            f"0{based.group(2)} starts a {base[2]} number, as programs write them; write a decimal "
            f"one{example_en}",
        )
    if re.search(r"[0-9]_+[0-9]", clean):
        joined = re.sub(r"(?<=[0-9])_+(?=[0-9])", "", clean)
        return (
            f"数字中间不能加下划线（_），请写 {joined}（分位可用逗号，如 1,000）",
            f"digits are not grouped with underscores (_): write it as {joined} (or group "
            "thousands with commas, as 1,000)",
        )
    return None


def read_number(text: str) -> tuple[int | float, str]:
    """A number as typed, and the unit written after it ('' if none): 1800, -2.5, 1,800 and
    1，800 (thousands), １８００ (full width), 1800亩, 3.3万亩, 95%, 约280万元 and 280余万元 (280
    万元), 下降3% (-3 %), 增长6.1% (6.1 %), 完成5个 (5 个). Raises InputError if it is no number; the size of
    the number is for the caller to judge (nan and inf come back as such)."""
    miswritten = miswritten_number(text)
    if miswritten:
        zh, en = miswritten
        raise InputError(
            f"“{shown(text)}”不是数字：{zh}。", f"'{shown(text)}' is not a number: {en}."
        )
    clean = _ABOUT.sub("", normalised(text, lower=False, units=True))
    clean = _RISE.sub("", _DONE_SO_MUCH.sub("", clean))
    fall = _FALL.match(clean)
    if fall:
        try:
            fallen, unit = read_number(clean[fall.end() :])
        except InputError:  # said of the text as typed
            raise InputError(
                f"“{shown(text)}”不是数字。", f"'{shown(text)}' is not a number."
            ) from None
        return -fallen, unit
    whole = _plain_number(clean)
    if whole is not None:
        return whole, ""
    found = re.fullmatch(_NUMBER, clean)
    digits = found.group("number").replace(",", "") if found else ""
    number = _plain_number(digits) if re.search(r"[0-9]", digits) else None
    unit = _MORE_IN_UNIT.sub(r"\1", (found.group("unit") or "").strip()) if found else ""
    # 1/2 and ½ (NFKC: 1⁄2) are fractions, not 1 in a unit "/2"
    if found is None or number is None or unit[:1] in ("/", "\u2044"):
        raise InputError(f"“{shown(text)}”不是数字。", f"'{shown(text)}' is not a number.")
    return number, unit


def rise_words(text: str) -> str | None:
    """The words of a typed figure that word it as a rise (增长 of 同比增长6.1%, 增加 of 增加10),
    which ``read_number`` leaves out of the number; None where it has none. For a growth rate
    the number is the figure; for a progress or an amount it is how much was added."""
    found = _RISE.match(normalised(text, lower=False, units=True).strip())
    return found.group() if found else None


# A task whose figure is a change on last year (增长8%以上, 地区生产总值增长, 增速, 能耗下降3%),
# not a level it is raised or brought to (提高到95%, 降至5%).
_AIMS_AT_CHANGE = re.compile(
    r"(?:增长|增加|提高|提升|上升|下降|减少|降低)(?![到至为])|增速|增幅|降幅"
)


def aims_at_change(title: object, target_text: object) -> bool:
    """Whether a task's target words (``target_text``) or its title speak of a change by so
    much, so that a figure typed as a rise (同比增长6.1%) is that change, its level."""
    return any(isinstance(t, str) and _AIMS_AT_CHANGE.search(t) for t in (target_text, title))


def about_words(text: str) -> str | None:
    """The words of a typed figure that say it is about so much, which ``read_number`` leaves
    out of the number (约 of 约280万元, 余 of 280余万元); None where it has none."""
    clean = normalised(text, lower=False)
    found = _ABOUT.match(clean)
    if found:
        return found.group()
    number = re.fullmatch(_NUMBER, clean)
    more = _MORE_IN_UNIT.match((number.group("unit") or "").strip()) if number else None
    return more.group()[-1] if more else None


def _plain_number(text: str) -> int | float | None:
    """int() or float() of the text, as Python reads them; None if neither does."""
    try:
        return int(text)
    except ValueError:  # not a whole number, or more digits than Python converts
        try:
            return float(text)
        except ValueError:
            return None


def same_unit(typed: str, measure: str) -> bool:
    """Whether a unit typed after a number is the measure: 亩 is 亩, ％ is %, M2 is m², 万平米
    is 万平方米; 个村 is 个 (村 says what the 个 count: a 计量单位 of 个, 2个 for a task in 个村)."""
    return _counted_as_ge(unit_key(typed)) == _counted_as_ge(unit_key(measure))


# The places a figure counts in 个 of (3个村, 10个村居, 8个村（社区）): 个村 is 个.
COUNTED_PLACES = r"(?:行政村|自然村|社区|村居|村)(?:[（(](?:居|社区)[)）])?"


def _counted_as_ge(key: str) -> str:
    return "个" if re.fullmatch(f"个{COUNTED_PLACES}", key) else key


# A unit an office writes several ways (a document's 3万平米 for a measure of 万平方米; Word's
# ㎡), each spelling as the one key: the longest first (平方公里 before 公里).
_UNIT_SPELLINGS = (
    ("平方公里", "km2"),
    ("平方米", "m2"),
    ("平米", "m2"),
    ("立方米", "m3"),
    ("公里", "km"),
)


def unit_key(unit: str) -> str:
    """A unit as compared with another: NFKC (㎡ and m² are m2), one case, no spaces at either
    end, and 平米, 平方米 as m2 (立方米 m3, 公里 km)."""
    key = unicodedata.normalize("NFKC", unit).strip().casefold()
    for spelling, same in _UNIT_SPELLINGS:
        key = key.replace(spelling, same)
    return key


def _as_typed(text: str, unit: str) -> str:
    """The unit as the text types it (万㎡, not the 万m2 that NFKC reads it as): the end of the
    text that reads as the unit, no longer than it (NFKC makes a text longer, or keeps it)."""
    typed = text.strip()
    for start in range(max(0, len(typed) - len(unit) - 1), len(typed)):
        if unicodedata.normalize("NFKC", typed[start:]).strip() == unit:
            return typed[start:].strip()
    return unit


def wrong_unit(
    text: str,
    number: int | float,
    unit: str,
    measure: str | None,
    item: tuple[str, str] | None = None,
    *,
    percent: bool = False,
) -> InputError:
    """A number typed with ``unit`` where the measure is ``measure`` (None or '': a bare number
    is wanted, or the item has no unit yet). ``item`` (id, title) is what the figure is for;
    ``percent``: it is a progress in percent."""
    plain = str(number) if isinstance(number, int) else repr(number)
    unit = _as_typed(text, unit)
    if percent:
        return InputError(
            f"进度按百分比填写，“{shown(text)}”的单位却是“{unit}”：请写 {plain} 或 {plain}%。",
            f"Progress is a percent, but '{shown(text)}' is in {unit}: write {plain} or {plain}%.",
        )
    name = f"{item[0]} {item[1]}" if item else ""
    if not measure:
        from .shell_words import quote

        if item is None:
            return InputError(
                f"“{shown(text)}”带有单位“{unit}”，这里只填数字：请写 {plain}。",
                f"'{shown(text)}' is in {unit}, but this takes a bare number: write {plain}.",
            )
        return InputError(
            f"“{shown(text)}”带有单位“{unit}”，但 {name} 还没有计量单位：请只写数字 {plain}，"
            f"或先设定单位：plan edit {quote(item[0])} --measure {quote(unit)}。",
            f"'{shown(text)}' is in {unit}, but {name} has no unit yet: write the number alone, "
            f"{plain}, or set its unit first: plan edit {quote(item[0])} --measure {quote(unit)}.",
        )
    whose_zh = f" {name} 的计量单位" if item else "计量单位"
    whose_en = f"{name} is measured in" if item else "the unit here is"
    scaled = _in_measure(number, unit, measure)
    if scaled is not None:  # 3300亩 for 万亩: 0.33, worked out for the clerk
        return InputError(
            f"“{shown(text)}”的单位是“{unit}”，而{whose_zh}是“{measure}”：{plain}{unit} 即 "
            f"{scaled}{measure}，请写 {scaled} 或 {scaled}{measure}。",
            f"'{shown(text)}' is in {unit}, but {whose_en} {measure}: {plain} {unit} is {scaled} "
            f"{measure}, so write {scaled} (or {scaled}{measure}).",
        )
    return InputError(
        f"“{shown(text)}”的单位是“{unit}”，而{whose_zh}是“{measure}”：请换算成{measure}后再填，"
        f"只写数字或在数字后写“{measure}”均可。",
        f"'{shown(text)}' is in {unit}, but {whose_en} {measure}: convert it to {measure} and "
        f"write the number, alone or followed by {measure}.",
    )


# A progress said in tenths, as an office says it (五成, 7成, 八成半, 八成五, 7.5成: 50%, 70%,
# 85%, 85%, 75%): the one reading of them, a command's (plan progress), a sheet's cell's and a
# plan file's value (importing.values.read_progress).
_TENTHS = r"(10|[0-9](?:\.[0-9])?|[一二三四五六七八九十])成(半|[1-9一二三四五六七八九])?"
_TENTH_WORDS = "一二三四五六七八九十"


def percent_in_tenths(text: str) -> int | float | None:
    """The percent a progress said in tenths is (五成 50, 七成半 75, 八成五 85, 7.5成 75, 十成
    100; 十成半 105, past any progress, for the caller to refuse); None for any other text."""
    found = re.fullmatch(_TENTHS, normalised(text))
    if found is None or ("." in found.group(1) and found.group(2)):  # (7.5成半: no such)
        return None
    tenths, more = found.groups()
    count = float(tenths) if tenths[0].isdigit() else _TENTH_WORDS.index(tenths) + 1
    extra = 0 if more is None else 5 if more == "半" else _digit(more)
    percent = round(count * 10 + extra, 6)
    return int(percent) if percent == int(percent) else percent


def _digit(text: str) -> int:
    return int(text) if text.isdigit() else _TENTH_WORDS.index(text) + 1


# The scales a Chinese unit is written with (万亩 is 10,000 亩, 亿元 100,000,000 元).
_SCALES = {"万": 10**4, "千": 10**3, "百": 10**2, "亿": 10**8}


def _in_measure(number: int | float, unit: str, measure: str) -> str | None:
    """``number`` in ``unit`` written in ``measure`` where the two are the one unit at another
    scale (3300 亩 is 0.33 万亩, 1.2 亿元 is 12000 万元), as the figure to type; else None."""
    from decimal import Decimal, InvalidOperation

    def scaled(key: str) -> tuple[int, str]:
        if len(key) > 1 and key[0] in _SCALES:
            return _SCALES[key[0]], key[1:]
        return 1, key

    (typed_scale, typed_unit), (scale, base) = scaled(unit_key(unit)), scaled(unit_key(measure))
    if typed_unit != base or typed_scale == scale or not base:
        return None
    try:
        value = Decimal(str(number)) * typed_scale / scale
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    figure = format(value.normalize(), "f")
    return figure if "." not in figure or len(figure.split(".")[1]) <= 6 else None


_CN_NUMERALS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
_CN_NUMERALS.update({"七": 7, "八": 8, "九": 9})
_CN_PLACES = {"十": 10, "百": 100, "千": 1000}


def in_digits(text: str) -> str | None:
    """A figure typed in Chinese numerals as the digits to type instead (三十五 35, 五万亩 5万亩,
    一百零五个 105个); None where it starts with none, or they or what follows make no number
    (十十, 一_), and for tenths (九成五: no 9成五 to type, ``percent_in_tenths``)."""
    if "成" in text and percent_in_tenths(text) is not None:
        return None
    said = normalised(text, lower=False)
    if said.startswith("百分之"):  # 百分之五十: 50%
        rest = in_digits(said[3:])
        return f"{rest}%" if rest is not None and not rest.endswith("%") else None
    found = re.match(r"[零〇一二两三四五六七八九十百千]+", normalised(text, lower=False))
    if found is None:
        return None
    total, digit, last_place = 0, None, 10_000
    for numeral in found.group():
        if numeral in _CN_PLACES:
            place = _CN_PLACES[numeral]
            if place >= last_place or (digit is None and numeral != "十") or digit == 0:
                return None
            total, digit, last_place = total + (1 if digit is None else digit) * place, None, place
        elif digit not in (None, 0):
            return None  # 三五: two digits, no place between them
        else:
            digit = _CN_NUMERALS[numeral]
    rest = normalised(text, lower=False)[found.end() :]
    point = re.match(r"点([零〇一二三四五六七八九]+)", rest)  # 二点五: 2.5
    if point is not None:
        fraction = "".join(str(_CN_NUMERALS[numeral]) for numeral in point.group(1))
        rest = f".{fraction}{rest[point.end() :]}"
    if rest.startswith("点"):  # 二点, 三十五点多: no number to advise
        return None
    digits = str(total + (digit or 0)) + rest
    try:
        read_number(digits)
    except InputError:  # 一_, 三十/: what follows makes no number of it either
        return None
    return digits
