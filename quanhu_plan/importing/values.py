"""Cell values read as the plan's fields: text, lists of names ("农业股、水利站"), numbers with
their unit ("3.2万余亩"), targets as documents state them ("不低于95%", "控制在5‰以内"), a
status (已完成…) and a progress percent. A cell that cannot be read raises CellUnreadable."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from itertools import cycle

from ..names import split_names
from ..texts import STATUS_LABELS, parse_status
from ..typed_numbers import COUNTED_PLACES
from ..validate import NUMBER_LIMIT
from .errors import CellUnreadable
from .sheets import Value

Number = int | float


def as_text(value: Value) -> str:
    """A cell as text: a whole number without '.0', a date as 2023-06-30, line breaks kept."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer() and abs(value) < NUMBER_LIMIT:
        return str(int(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    lines = [" ".join(line.split()) for line in str(value).strip().splitlines()]
    return "\n".join(line for line in lines if line)


def as_written(value: Value) -> str:
    """A cell of running text (a note, 具体内容, a reason) as written: its paragraphs, blank
    lines between them, indents (the 　　 a Chinese paragraph starts with) and spaces kept, as
    ``plan export`` wrote them; only the blank lines at its ends and the spaces ending a line
    taken off. Any other value as ``as_text`` gives it."""
    if not isinstance(value, str):
        return as_text(value)
    lines = [line.rstrip() for line in value.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)


# ---------------------------------------------------------------- names


def names(value: Value) -> list[str]:
    """The units or people a cell names, each once, as the plan reads them
    (``model.split_names``: "镇农业综合服务中心（农业股、水利站）" is one name). A name of two
    characters spaced out to the width of three ("王  五", as tables align names) is the name
    without the spaces, so that plan list --who 王五 finds it."""
    text = as_text(value)
    if "牵头" in text:  # 县发改局（首位单位为牵头单位，下同）: how to read the column, no name
        text = _FIRST_LEADS.sub("", text)
    found = [_PADDED_NAME.sub(r"\1\2", name) for name in split_names(text)]
    if found and len(found[-1]) > 2 and _AND_OTHERS.search(found[-1]):  # 张三、李四等
        found[-1] = _AND_OTHERS.sub("", found[-1])
    if any(_SPACE.search(name) for name in found):
        found = [part for name in found for part in _units_apart(name)]
        found = [part for name in found for part in _people_apart(name)]
    if any(_marked(name) for name in found):
        # ★财政局、税务局: the star marks the 牵头单位, which the plan lists first (before
        # its name, after it, or both: 建设办★, ★农业办★)
        marked = [name.strip(_LEAD_MARKS).strip() for name in found if _marked(name)]
        found = [name for name in marked if name] + [name for name in found if not _marked(name)]
    return list(dict.fromkeys(found))


_SPACE = re.compile(r"[\s\u3000]+")
# 等 after the last of the names (张三、李四等, 张三 等同志): the others, no name.
_AND_OTHERS = re.compile(r"[\s\u3000]*等(?:人|同志|单位|部门)?$")
# What a unit's name ends in (农业办, 自然资源所, 各村（社区）): of names a space apart, each such a
# name, the cell names several units (农业办 自然资源所); 县 农业局 is one.
_UNIT_END = re.compile(r"(?:办|所|站|局|中心|委|院|队|科|股|室|部|处|社区|村|组|会|公司|[）)])$")


def _units_apart(name: str) -> list[str]:
    parts = _SPACE.split(name.strip())
    if len(parts) > 1 and all(len(part) >= 2 and _UNIT_END.search(part) for part in parts):
        return parts
    return [name]


# A person's name: two to four Chinese characters (欧阳明月), none of them a place's or a post's
# ending (城关镇, 党政办, 镇长, 书记, 委员: 张三 镇长 is one person with the post).
_PERSON = re.compile(r"([\u4e00-\u9fff]{2,4})(?:[（(][^（）()]{1,12}[）)])?")
_NOT_PERSON_END = re.compile(r"(?:[镇乡县区市村省州旗长记任员席委理官师]|街道|社区)$")


def _people_apart(name: str) -> list[str]:
    """周九 吴十 (people a space apart, as a 责任人 cell is typed): each a name; any other
    text a space apart (张三 镇长, 城关镇 党政办) as it was."""
    parts = _SPACE.split(name.strip())
    people = [_PERSON.fullmatch(part) for part in parts]
    if len(parts) > 1 and all(
        person and not _NOT_PERSON_END.search(person[1]) and not _UNIT_END.search(person[1])
        for person in people
    ):
        return parts
    return [name]


# What a 分解表 puts before the lead among a task's units: ★财政局、税务局 (平湖市 2025).
_LEAD_MARKS = "★☆※▲"


def _marked(name: str) -> bool:
    return bool(name) and (name[0] in _LEAD_MARKS or name[-1] in _LEAD_MARKS)


_FIRST_LEADS = re.compile(r"[（(][^（）()]*(?:首位|第一|排首|列首)[^（）()]*牵头[^（）()]*[）)]")
_PADDED_NAME = re.compile(r"^([\u4e00-\u9fff])[\s\u3000]+([\u4e00-\u9fff])$")


def one_or_many(value: Value) -> str | list[str] | None:
    """A string for one name, a list for several (lead, lead_unit, owner)."""
    found = names(value)
    if not found:
        return None
    return found[0] if len(found) == 1 else found


# ---------------------------------------------------------------- numbers

_NUMBER = re.compile(r"(?<![\d.])[-+]?\d+(?:,\d{3})*(?:\.\d+)?(?![\d.])")
_YEAR_NUMBER = re.compile(r"^(?:19|20)\d\d$")
_MAGNITUDE = "万千百亿"
_QUALIFIERS = "余多"
_LONG_UNITS = (
    "个百分点",
    "吨标准煤",
    "平方公里",
    "平方米",
    "平米",
    "立方米",
    "公里",
    "千米",
    "公顷",
    "人次",
    "千瓦",
    "户次",
    "车次",
    "元/人",
    "㎡",
    "㎥",
    "㎞",
    "km²",
    "m²",
    "m³",
)
_NOT_UNITS = "以及左右上下内外至到和或与、，,；;。（）()的为是达共"


class Reading:
    """A number read from a cell: the value, its unit as written ("万亩", "%", "" for none), and
    whether the cell said more than the number and its unit."""

    __slots__ = ("value", "unit", "more")

    def __init__(self, value: Number, unit: str, more: bool):
        self.value, self.unit, self.more = value, unit, more

    def __repr__(self) -> str:
        return f"Reading({self.value!r}, {self.unit!r}, more={self.more})"


# Units written as symbols (1.5万㎡, 1200m², as Word and Excel type 平方米): kept as written, as
# NFKC would make them m2, a second number.
_UNIT_SYMBOLS = re.compile(r"(k?m[²³]|[㎡㎥㎞])")
# The same typed without the symbol, 1200m2: its 2 is no second number.
_TYPED_POWER = re.compile(r"(?<=[\d万千百亿余多])(k?m)([23])(?![\d.])")
# And alone or after a space (a 目标值 of "m2", "1200 m2", "M2"): its 2 is no figure either.
_LONE_POWER = re.compile(r"(?i)(?<![a-z\d.])(k?m)([23])(?![\d.])")


def _clean(text: str) -> str:
    pieces = _UNIT_SYMBOLS.split(text)
    text = "".join(
        piece if odd else unicodedata.normalize("NFKC", piece)
        for odd, piece in zip(cycle((False, True)), pieces)
    )
    text = text.replace("−", "-").replace("﹣", "-")
    text = _TYPED_POWER.sub(lambda typed: typed[1] + "²³"[int(typed[2]) - 2], text)
    text = _LONE_POWER.sub(lambda typed: typed[1].lower() + "²³"[int(typed[2]) - 2], text)
    return re.sub(r"\s+", "", text)


def _as_number(text: str) -> Number:
    plain = text.replace(",", "")
    try:
        exact = Decimal(plain)
    except InvalidOperation:  # pragma: no cover - the pattern admits numbers only
        raise CellUnreadable("应为数字", "expected a number") from None
    if abs(exact) >= NUMBER_LIMIT:
        raise CellUnreadable(
            "数字太大（绝对值应小于 10 的 15 次方）",
            "the number is too large (below 10^15 in size)",
        )
    # A whole number written with decimals (40.00, as a spreadsheet saves a CSV's 40%) is whole,
    # as the same number in a workbook's cell is.
    return int(exact) if exact == exact.to_integral_value() else float(plain)


# What a figure counts in 个 of, named after it (确保3个村达标, 覆盖10个行政村, 8个社区, 10个
# 村居, 12个村（社区）): the unit is 个村, as the office counts it, in a title, a 目标值 cell
# and --target alike; not a word made with it (5个村级服务中心, 6个村民小组, 3个村居民服务站: 个).
COUNTED = re.compile(COUNTED_PLACES + r"(?![级民委务部干集道组规两庄里内居])")


def _unit_after(rest: str) -> tuple[str, str]:
    """The unit right after a number, and the characters it took: '万余亩以上' -> ('万亩',
    '万余亩'); '余万元' -> ('万元', '余万元'); '%' -> ('%', '%'); '场次' -> ('场次', '场次');
    '以上' -> ('', '')."""
    taken = ""
    unit = ""
    if rest[:1] and rest[0] in _MAGNITUDE:
        unit, taken, rest = rest[0], rest[0], rest[1:]
        if unit in "千百" and rest[:1] and rest[0] in "万亿":  # 3千万元: 千 of 万元
            unit, taken, rest = unit + rest[0], taken + rest[0], rest[1:]
    if rest[:1] and rest[0] in _QUALIFIERS:
        taken, rest = taken + rest[0], rest[1:]
        if not unit and rest[:1] and rest[0] in _MAGNITUDE:  # "300余万元": the 万 is the unit's
            unit, taken, rest = rest[0], taken + rest[0], rest[1:]
    for long in _LONG_UNITS:
        if rest.startswith(long):
            return unit + long, taken + long
    counted = COUNTED.match(rest[1:]) if rest[:1] == "个" and not unit else None
    if counted is not None:  # 3个村: 3 in 个村, what the 个 count said with them
        return "个" + counted.group(), taken + "个" + counted.group()
    if rest[:1] in ("%", "‰"):
        return unit + rest[0], taken + rest[0]
    if rest[:1] and _is_cjk(rest[0]) and rest[0] not in _NOT_UNITS and rest[0] not in _QUALIFIERS:
        if rest[1:2] == "次" and rest[0] != "次":  # 场次, 批次, 架次: counted so (as 人次)
            return unit + rest[:2], taken + rest[:2]
        return unit + rest[0], taken + rest[0]
    return unit, taken


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def numbers_in(text: str) -> list[re.Match[str]]:
    """The numbers a text states, leaving out years ("2023年") and ordinal dates."""
    found = []
    for match in _NUMBER.finditer(text):
        after = text[match.end() : match.end() + 1]
        if after == "年" and _YEAR_NUMBER.match(match.group()):
            continue
        if after in ("月", "日", "季") and "." not in match.group():
            continue
        found.append(match)
    return found


def read_number(value: Value, what: tuple[str, str] = ("数字", "a number")) -> Reading:
    """One number, with a unit and words around it allowed ("3.2万余亩", "约500"). Several
    numbers, or none, cannot be read as one."""
    if isinstance(value, bool) or value is None:
        raise CellUnreadable(f"应为{what[0]}", f"expected {what[1]}")
    if isinstance(value, int | float):
        if abs(value) >= NUMBER_LIMIT:
            raise CellUnreadable(
                "数字太大（绝对值应小于 10 的 15 次方）",
                "the number is too large (below 10^15 in size)",
            )
        return Reading(value, "", False)
    if isinstance(value, dt.date):
        raise CellUnreadable(f"应为{what[0]}，不是日期", f"expected {what[1]}, not a date")
    text = _clean(str(value))
    found = numbers_in(text)
    if len(found) != 1:
        many = len(found) > 1
        raise CellUnreadable(
            f"应为{what[0]}" + ("（这里有好几个数，看不出是哪一个）" if many else ""),
            f"expected {what[1]}" + (" (there are several numbers: which one?)" if many else ""),
        )
    match = found[0]
    unit, taken = _unit_after(text[match.end() :])
    more = text != match.group() + taken or taken != unit
    return Reading(_as_number(match.group()), unit, more)


def read_figure(value: Value) -> Reading:
    """A figure (完成值, 基数), as ``read_number`` reads it, but for one worded as a fall:
    "下降3%" is -3 %, as ``read_target`` reads the target 下降5% as -5 (a fall of 3 of the 5
    aimed at, not a rise of 3)."""
    reading = read_number(value)
    if isinstance(value, str) and reading.value > 0:
        text = _clean(value)
        if _DECREASE.search(text[: numbers_in(text)[0].start()]):
            return Reading(-reading.value, reading.unit, reading.more)
    return reading


def read_progress(value: Value) -> Number:
    """A percent, 0 to 100: "60%", 60, "六成", "八成五" (``typed_numbers.percent_in_tenths``)."""
    if isinstance(value, str) and "成" in value:
        from ..typed_numbers import percent_in_tenths

        percent = percent_in_tenths(_clean(value))
        if percent is not None and percent <= 100:
            return percent
    reading = read_number(value, ("进度百分数（0 到 100）", "a percent from 0 to 100"))
    if reading.unit not in ("", "%") or not 0 <= reading.value <= 100:
        raise CellUnreadable("应为 0 到 100 之间的进度百分数", "expected a percent from 0 to 100")
    return reading.value


def read_weight(value: Value) -> Number:
    reading = read_number(value, ("权重（大于 0 的数字）", "a weight (a number above 0)"))
    if reading.value <= 0:
        raise CellUnreadable("权重应为大于 0 的数字", "a weight is a number above 0")
    return reading.value


# ---------------------------------------------------------------- targets

_UP_WORDS = re.compile(r"不低于|不少于|不小于|不下降|不减少|以上|≥|>=|增长|提高|提升|增加|达到")
_DOWN_WORDS = re.compile(
    r"以内|不高于|不超过|不大于|不多于|低于|以下|下降|减少|降低|降至|降到|控制在|压减|压降|少于|≤|<=|<"
)
# A fall by so much ("下降10%": the target is -10); not a fall to a level ("降低到5.5%以下",
# "下降至0.5吨": the target is that level, smaller being better).
_DECREASE = re.compile(r"(?:下降|减少|降低|压减|压降)(?![到至为])")
# Words that say the figure must stay at or above the target, even a target of 0.
_AT_LEAST = re.compile(r"不低于|不少于|不小于|以上|≥|>=")
# 零 as a target ("零事故", "实现零发生", "零"): not within a number (一百零五) nor a word that
# only starts with it (零星, 零售, 零散, 零件, 零距离, 零的突破, 零时).
_ZERO = re.compile(r"(?<![\d一二三四五六七八九十百千万亿点])零(?![的星售散件部距突钱工花食时点])")
# 零 in a set phrase that states a stance, not a count aimed at: 零容忍, 零增长, 零跑腿.
_ZERO_WORDS = re.compile(r"零(?:容忍|增长|跑腿|延误|门槛|距离|差评|投诉率?)")
_COUNT_UNITS = "起例人宗件次个户处家名座条"
_RANK = re.compile(r"排名|名次|位次|排位|第\d+[位名]|前\d+[位名]")


# What joins the two ends of a range: 3-5个, 500～800亩, 3至5家, 10%—15%.
_RANGE_JOIN = re.compile(r"[-~—–至到]|——|--")


def _range(
    text: str, first: re.Match[str], second: re.Match[str]
) -> tuple[Number, Number, str] | None:
    """The least, the most and the unit of a range a target states ("3-5个", "500亩～800亩",
    "10%-15%"); None where the two numbers are no range (another unit at each end, or the first
    not the smaller)."""
    unit_first, taken_first = _unit_after(text[first.end() : second.start()])
    join = text[first.end() + len(taken_first) : second.start()]
    most_written = second.group()
    if most_written.startswith("-") and not join:  # 10%-15%: after a unit, no minus sign
        join, most_written = "-", most_written[1:]
    if not _RANGE_JOIN.fullmatch(join):
        return None
    unit, _ = _unit_after(text[second.end() :])
    least, most = _as_number(first.group()), _as_number(most_written)
    if (unit_first and unit_first != unit) or not least < most:
        return None
    return least, most, unit


def stated_range(written: str) -> tuple[Number, Number, str] | None:
    """The least, the most and the unit of a range a target's words state (3-5个, 500亩～800亩),
    as ``read_target`` reads it; None where they state none (由10%提高到15%: a rise, not a
    range)."""
    text = _clean(written)
    found = numbers_in(text)
    if len(found) != 2 or _DECREASE.search(text):
        return None
    return _range(text, found[0], found[1])


class Target:
    """A target as the document states it: the number (None if it gives none), its measure,
    the document's own words (None when they were only the number and its unit) and whether
    smaller is better (``down``)."""

    __slots__ = ("value", "measure", "text", "down")

    def __init__(self, value: Number | None, measure: str, text: str | None, down: bool):
        self.value, self.measure, self.text, self.down = value, measure, text, down

    def __repr__(self) -> str:
        return f"Target({self.value!r}, {self.measure!r}, {self.text!r}, down={self.down})"


def read_target(value: Value) -> Target:
    """ "500余亩" -> 500 亩; "3万亩以上" -> 3 万亩; "不低于95%" -> 95 %; "控制在5‰以内" -> 5 ‰,
    down; "下降10%" -> -10 %, down; "降低到5.5%以下" -> 5.5 %, down; "第36位" -> 36 位, down;
    "0起", "零事故" -> 0, down (a count or rate aimed at zero: less is better); "与经济增长同步"
    -> no number."""
    if isinstance(value, bool) or value is None:
        raise CellUnreadable("应为目标值", "expected a target")
    if isinstance(value, int | float):
        number = read_number(value).value
        return Target(number, "", None, number == 0)
    if isinstance(value, dt.date):
        raise CellUnreadable("应为目标值，不是日期", "expected a target, not a date")
    written = as_text(value)
    text = _clean(written)
    without_up = _UP_WORDS.sub("", text)
    down = bool(_DOWN_WORDS.search(without_up)) or bool(_RANK.search(text))
    found = numbers_in(text)
    if not found and _ZERO_WORDS.search(text):
        return Target(None, "", written, False)  # 零容忍, 零增长: a stance, not a figure
    if not found:
        zero = list(_ZERO.finditer(text))
        if len(zero) == 1:
            rest = text[zero[0].end() :]
            unit = rest if len(rest) == 1 and rest in _COUNT_UNITS else ""
            return Target(0, unit, None if text == "零" + unit else written, True)
    if len(found) == 2 and not _DECREASE.search(text):
        stated = _range(text, found[0], found[1])
        if stated is not None:  # 3-5个: what is asked is at least 3 (at most 5 if less is better)
            least, most, unit = stated
            return Target(most if down else least, unit, written, down)
    if len(found) != 1:
        return Target(None, "", written, down)
    match = found[0]
    number = _as_number(match.group())
    unit, taken = _unit_after(text[match.end() :])
    if _DECREASE.search(text[: match.start()]) and number > 0:
        number = -number
    if number == 0 and not _AT_LEAST.search(text) and not _UP_WORDS.search(text):
        down = True  # 0起, 控制在0: aimed at none (增长0% keeps to at least none)
    bare = text == match.group() + taken and taken == unit
    return Target(number, unit, None if bare else written, down)


# ---------------------------------------------------------------- status

STATUS_WORDS = {
    "done": (
        "已完成",
        "完成",
        "已销号",
        "销号",
        "已办结",
        "办结",
        "已落实",
        "已完工",
        "已全部完成",
        "全部完成",
        "已全面完成",
        "已竣工",
        # a works project built (民生实事 完成情况): alone, as plain as 已完工
        "已建成",
        # ... and put to use, a factory producing, a road open: alone, the project's end
        "已投入使用",
        "已交付使用",
        "已投用",
        "已建成投用",
        "已投入运营",
        "已投产",
        "已通车",
        "已竣工验收",
        "√",
        "✓",
        "✔",
    ),
    "doing": (
        "进行中",
        "推进中",
        "正在推进",
        "正在推进中",
        "正在进行",
        "正在进行中",
        "在建",
        "已启动",
        "实施中",
        "持续推进",
        # a works project's words (民生实事 完成情况)
        "正在施工",
        "施工中",
        "已开工",
        "在建中",
        # a 督查督办台账's: a matter given is in hand till it is 办结; and the 督查办's classes,
        # whose pace the plan works out itself from the deadline
        "正在办理",
        "办理中",
        "未办结",
        "正在落实",
        "落实中",
        "超进度",
        "达进度",
        "欠进度",
        "按序时推进",
        # a 工作台账's 推进状态: behind, still in hand (the plan works out how far behind)
        "滞后",
        "进度滞后",
        "推进滞后",
        "正常推进",
    ),
    "todo": ("未开始", "未启动", "尚未开始", "待启动", "未实施", "未开工", "尚未开工", "未动工"),
    "blocked": ("受阻", "暂停", "停滞", "搁置", "滞后受阻"),
    "dropped": ("已取消", "取消", "已撤销", "不再实施", "终止"),
}
_STATUS_BY_WORD = {word: key for key, words in STATUS_WORDS.items() for word in words}
# The tool's own English words (not started, in progress), as a cell read without spaces.
_STATUS_BY_WORD.update((word.replace(" ", ""), key) for key, word in STATUS_LABELS["en"].items())


def status_word(text: str) -> str | None:
    """The status a word names as a table writes it (完成, 已销号, 推进中, 取消, in progress),
    without a date or anything else; None for another."""
    return _STATUS_BY_WORD.get(re.sub(r"\s", "", text).casefold())


def read_status(value: Value) -> tuple[str, dt.date | None]:
    """A status in the words sheets use (已完成, 进行中, 未开始, 受阻, 已取消 and the like, or the
    file's own todo/doing/done/blocked/dropped), and a done date written after it in brackets
    ("已完成（2023-10-20）")."""
    # The full stop an office types after it (已完成。) is no part of the word.
    text = _clean(as_text(value)).rstrip("。.!！;；,，、")
    day = None
    bracket = re.fullmatch(r"(.+?)\((\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?\)", text)
    if bracket:
        text = bracket.group(1)
        try:
            day = dt.date(int(bracket.group(2)), int(bracket.group(3)), int(bracket.group(4)))
        except ValueError:
            day = None
    key = (
        _STATUS_BY_WORD.get(text)
        or _STATUS_BY_WORD.get(text.casefold())
        or parse_status(text.casefold())
    )
    if key is None:
        raise CellUnreadable(
            "应为状态：未开始、进行中、已完成、受阻 或 已取消",
            "expected a status: 未开始, 进行中, 已完成, 受阻 or 已取消 (todo, doing, done, blocked, "
            "dropped)",
        )
    return key, day if key == "done" else None
