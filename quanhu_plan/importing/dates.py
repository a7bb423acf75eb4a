"""Deadlines as offices write them ("2023年6月底前", "6月30日前", "2023.6", "二季度", "年底前",
"长期"…) read as the plan file's ``due``/``start``: a date, a month "2023-06", a quarter
"2023-Q2", or no deadline. A form that could mean two things is reported, never guessed."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata

from ..periods import span_of
from ..texts import one_line
from ..validate import YEARS
from .english_dates import chinese_form, dates_named
from .errors import CellUnreadable
from .sheets import EXCEL_1900, Value

# A deadline as the plan file holds it: a date, "YYYY-MM" (the end of that month), "YYYY-Qn"
# (the end of that quarter), or None (no deadline: 长期, 常态化).
Due = dt.date | str | None


def expected(year: int, period: tuple[dt.date, dt.date] | None = None) -> tuple[str, str]:
    """The forms a deadline cell may take, as a hint (zh, en), in the plan's own year: a 2025
    ledger's office is not shown 2023. Its example day is 30 June, or in a ``period`` that
    does not hold it (July to next June) the end of the period's sixth month (2023-12-31)."""
    month = 6
    if period is not None and not period[0] <= dt.date(year, 6, 30) <= period[1]:
        sixth = period[0].year * 12 + period[0].month + 4  # (months since year 0, 0-based)
        year, month = divmod(sixth, 12)
        month += 1
    day = calendar.monthrange(year, month)[1]
    quarter, half = "一二三四"[(month - 1) // 3], "上半年" if month <= 6 else "下半年"
    name = _MONTHS[month]
    return (
        f"应为完成时限，如 {year}-{month:02d}-{day}、{year}年{month}月底前、{month}月{day}日前、"
        f"{year}.{month}、{quarter}季度、{half}、年底前、长期",
        f"expected a deadline such as {year}-{month:02d}-{day}, {name} {day}, end of {name}, "
        f"Q{(month - 1) // 3 + 1}, {'first' if month <= 6 else 'second'} half, year end, "
        f"ongoing, {year}年{month}月底前, {month}月{day}日前, {quarter}季度 or 长期",
    )


_MONTHS = (
    "",
    *"January February March April May June July August September October November "
    "December".split(),
)


_NO_DEADLINE = re.compile(
    r"长期|长期坚持|长期推进|常态化|常态化推进|持续推进|持续开展|持续|常年|长效|长期有效|长期执行"
    # 常态 alone, and the same words naming the work (长期任务, 常态化工作: s32A)
    r"|常态|常态长效|长效常态|(?:长期|常态化?|常年|持续)(?:性)?(?:任务|工作)|长期性|持续性"
    # In a plan of one year, work that comes again each year goes on: it is standing work
    # (a day each year, 每年6月底前, is still a recurring deadline, refused as one).
    r"|每年|每年度|年年"
    # no day of the town's own: when the county or province sets one (按上级要求)
    r"|(?:按|根据|按照|依照|依据)(?:上级|县里|县委|县政府|县委县政府|县级|市里|市级|省里|省市|"
    r"省市县|市县|上面)的?(?:要求|部署|安排|时间要求|统一部署|统一安排|通知|时间节点|规定时间)"
)
# Put right at once (a 整改清单's 立行立改, 立即整改): the office's words, with no day of their
# own; not standing work (``says_no_deadline``): left undone, the task is unfinished.
_AT_ONCE = re.compile(
    r"立行立改|立查立改|即知即改|立即整改|立即完成|马上就办|立即办理|即时|即时办理|即时整改|立即"
)
# (每两个月, 每双月, 每半月: months apart or in halves, as monthly work comes round)
_RECURRING = re.compile(
    r"每(?:个)?(?:月|季度|季|周|年|半年|天|日|旬)|每(?:两|二|2|双|半)个?月|按月|按季度?|逐月|定期"
)


def recurs(text: str) -> bool:
    """Whether words name work that comes round or goes on (每月, 每月2次, 持续推进, 常态化):
    no step to reach by one day, nor a figure due by then."""
    normal = _normalised(text)
    return bool(_RECURRING.search(normal) or _NO_DEADLINE.fullmatch(normal))


_YEAR_END = re.compile(
    r"(?:(\d{4})年?)?(年底|年末|年内|全年|年终|年度内|年度|本年度内|本年度|本年内|本年|当年|今年"
    r"|底|末|内|终|年)"
)
# The words of _YEAR_END that name the whole year, not its end: as a range's start, 1 January.
_WHOLE_YEAR = (
    "年",
    "全年",
    "年度",
    "年内",
    "年度内",
    "本年度",
    "本年度内",
    "本年",
    "本年内",
    "当年",
)
_HALF = re.compile(r"(?:(\d{4})年?)?(上半年|下半年|前三季度)(末|底)?")
_QUARTER = re.compile(r"(?:(\d{4})年?)?第?([一二三四1-4])季度(?:末|底)?")
_QUARTER_Q = re.compile(r"(?:(\d{4})[-年]?)?[Qq]([1-4])")
_COMPACT_DATE = re.compile(r"((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])")
_FULL_DATE = re.compile(r"(\d{4})[年./-](\d{1,2})[月./-](\d{1,2})[日号]?")
# 初 (6月初, 每月初): the month's first days, read as its 5th; 底/末 its end, 上旬 its 10th.
_YEAR_MONTH = re.compile(r"(\d{4})[年./-](\d{1,2})(?:月份?)?(底|末|初|上旬|中旬|下旬)?")
_MONTH_DAY = re.compile(r"(\d{1,2})(?:月|[./])(\d{1,2})[日号]?")
_MONTH = re.compile(r"(\d{1,2})月份?(底|末|初|上旬|中旬|下旬)?")
_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_NUMBER = re.compile(r"([一二三四五六七八九十]{1,3})(?=月|日|号)")
_RANGE_WORDS = re.compile(r"至|到|~|—+|–")
_DATE_LIKE = re.compile(
    r"\d{4}[年./-]\d{1,2}|\d{1,2}月|季度|[Qq][1-4]|年底|年末|年内|全年|上半年|下半年"
)


_WITH_REASON = re.compile(r"(?P<due>.+?)\s*[（(](?P<reason>[^（）()]+)[）)]\s*", re.DOTALL)


def deadline_and_reason(text: str) -> tuple[str, str] | None:
    """A deadline with why it is so in brackets, as a 台账 writes it: 11月20日前（土地封冻前） ->
    ('11月20日前', '土地封冻前'). None without such brackets at the end, or where they name a
    day, month, quarter or half year (6月底前（第一阶段3月底前）: a second deadline)."""
    found = (
        _WITH_REASON.fullmatch(text)
        or _WITH_WORK.fullmatch(text.strip())
        or _THEN_ONGOING.fullmatch(text.strip())
    )
    if found is None:  # by June 30 complete the main works, as 6月30日前完成主体工程
        found = _WITH_WORK_EN.fullmatch(text.strip())
        if found is None or chinese_form(found.group("due")) is None:
            return None
    if _DATE_LIKE.search(_normalised(found.group("reason"))) or dates_named(found.group("reason")):
        return None  # (a second deadline in the words: several deadlines, refused)
    return found.group("due").strip(), found.group("reason").strip()


# The same in English: a deadline "by" (before, no later than) a day, then the work.
_WITH_WORK_EN = re.compile(
    r"(?P<due>(?:by|before|no later than)\s+[^,;.]+?)\s*,?\s+(?P<reason>(?:to\s+)?"
    r"(?:complete|finish|build|start|launch|deliver|achieve|pass|open|put|hand over)\b[^,;]*)",
    re.IGNORECASE,
)
# A deadline, then the work going on after it: 6月底前完成，长期坚持 (done by then, kept up).
_THEN_ONGOING = re.compile(
    r"(?P<due>[^，,；;。]+?前)(?:全面|基本)?(?:完成)?\s*[，,；;、]\s*(?P<reason>并?(?:长期坚持|"
    r"常态化推进|常态化开展|常态化|持续推进|持续开展|长效管理|长效推进|长期推进)[^，,；;。]*)。?"
)
# A deadline followed by the work due by then: 2025年6月底前完成主体工程, 9月30日前建成投用.
_WITH_WORK = re.compile(
    r"(?P<due>[^，,；;。]+?前)(?P<reason>(?:全面|基本)?(?:完成|建成|实现|启动|开工|投用|投产|竣工|交付|通过)"
    r"[^（）()，,；;。]*)"
)


# Excel keeps a day as the number of days since 1899-12-30 (since 1904-01-01 in a workbook of
# the 1904 date system): a date cell formatted as General shows (and a CSV Excel wrote holds)
# that number. Read so from 1990 to 2099 only, where no other deadline is a five-digit number.
_SERIAL_YEARS = (dt.date(1990, 1, 1), dt.date(2100, 1, 1))


def excel_serial(value: Value, epoch: dt.date = EXCEL_1900) -> dt.date | None:
    """The day a cell holding Excel's number for it names (45291 -> 2023-12-31; 45291.5,
    with a time, the same day), counted from the workbook's ``epoch``, or None for any other
    value."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and re.fullmatch(r"\s*\d{5}(?:\.\d+)?\s*", value):
        value = float(value)
    first, past = ((day - epoch).days for day in _SERIAL_YEARS)
    if not isinstance(value, int | float) or not first <= value < past:
        return None
    return epoch + dt.timedelta(days=int(value))


def read_deadline(
    value: Value, year: int, epoch: dt.date = EXCEL_1900, starting: bool = False
) -> tuple[Due, Due]:
    """``(due, start)`` from a 完成时限 cell: ``start`` is set only by a range ("3月-6月"); a
    bare day number counted from the workbook's ``epoch``. Raises CellUnreadable for a form it
    cannot read or that could mean two things. ``starting``: the cell is a 开工时间, and the
    first of the pair is the day it names a period from (2025年, 下半年: their first day; a
    range: its start), not the day it ends."""
    if isinstance(value, dt.datetime):
        return _checked_date(value.year, value.month, value.day), None
    if isinstance(value, dt.date):
        return _checked_date(value.year, value.month, value.day), None
    if isinstance(value, bool) or value is None:
        raise CellUnreadable(*expected(year))
    serial = excel_serial(value, epoch)
    if serial is not None:
        return serial, None
    text = repr(value) if isinstance(value, float) else str(value)
    # A date and time as a CSV file holds a date cell ("2023-12-31 00:00:00"; as Excel shows
    # it, "2023/12/31 0:00"): the day, as of a date-time cell in a workbook.
    text = re.sub(
        r"^(\s*\d{4}([-/.])\d{1,2}\2\d{1,2})[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*$",
        r"\1",
        text,
    )
    if re.fullmatch(r"\d+\.\d", text.strip()):
        # A number as Excel keeps it, or a CSV cell Excel wrote from one: a trailing zero may
        # be lost (2023.10 is 2023.1).
        _refuse_lost_zero(float(text))
    return read_text(text, year, starting)


def read_in_period(
    value: Value,
    year: int,
    period: tuple[dt.date, dt.date],
    epoch: dt.date = EXCEL_1900,
    starting: bool = False,
) -> tuple[Due, Due]:
    """``read_deadline``, and where the plan's ``period`` is not its calendar year (July to next
    June) a deadline without a year of its own in the year that puts it inside the period: 3月底
    is next March there, as ``plan edit --due`` reads it. One with a year stays as written; a
    day only another year of the period has (2月29日 of 2023-07 to 2024-06) is read in that year.
    A cell not read is hinted with example days inside the period."""
    try:
        return _read_in_period(value, year, period, epoch, starting)
    except CellUnreadable as exc:
        said, inside = expected(year), expected(year, period)
        if said == inside or said[0] not in exc.zh:
            raise
        raise CellUnreadable(
            exc.zh.replace(said[0], inside[0]), exc.en.replace(said[1], inside[1])
        ) from None


def _read_in_period(
    value: Value,
    year: int,
    period: tuple[dt.date, dt.date],
    epoch: dt.date,
    starting: bool,
) -> tuple[Due, Due]:
    try:
        due, start = read_deadline(value, year, epoch, starting)
    except CellUnreadable:
        if period[0].year == period[1].year:
            raise
        for other in range(period[0].year, period[1].year + 1):
            try:
                again = read_deadline(value, other, epoch, starting)
            except CellUnreadable:
                continue
            if in_period(again[0], period):
                return again
        raise
    if due is None or in_period(due, period):
        return due, start
    for other in range(period[0].year, period[1].year + 1):
        if other == year:
            continue
        try:
            again = read_deadline(value, other, epoch, starting)
        except CellUnreadable:
            continue
        if again[0] != due and in_period(again[0], period):  # (no year of its own)
            return again
    return due, start


def in_period(due: Due, period: tuple[dt.date, dt.date]) -> bool:
    """Whether the days a due (or start) stands for meet the plan's period."""
    span = span_of(due)
    return span is None or (span[0] <= period[1] and period[0] <= span[1])


def _refuse_lost_zero(value: float) -> None:
    """Excel keeps 2023.10 as the number 2023.1 and 6.30 as 6.3: such a number could have been
    typed either way."""
    whole, _, decimals = repr(value).partition(".")
    if whole.isdigit() and int(whole) >= 1000 and decimals == "1":
        raise CellUnreadable(
            f"单元格里的 {value} 看不出是 {whole}年1月还是 {whole}年10月"
            f"（Excel 把 {whole}.10 存成 {value}）：请写成 {whole}年1月 或 {whole}年10月，"
            "或把单元格设为文本",
            f"{value} could be January or October {whole} (Excel "
            f"keeps {whole}.10 as {value}); write {whole}年1月 or {whole}年10月, or make the cell text",
        )
    if whole.isdigit() and 1 <= int(whole) <= 12 and decimals in ("1", "2", "3"):
        raise CellUnreadable(
            f"单元格里的 {value} 看不出是 {whole}月{decimals}日还是 {whole}月{decimals}0日"
            f"（Excel 把 {whole}.{decimals}0 存成 {value}）：请写成 {whole}月{decimals}0日 这样的"
            "文字，或把单元格设为文本",
            f"{value} could be month {whole} day {decimals} or day "
            f"{decimals}0 (Excel keeps {whole}.{decimals}0 as {value}); write it as text, such as "
            f"{whole}月{decimals}0日",
        )


def says_at_once(text: str) -> bool:
    """Whether a deadline's words say the work is put right at once (立行立改, 立即整改): no day
    of their own, kept as written, as ``read_text`` reads them; not standing work."""
    stripped = _stripped(_normalised(one_line(text)))[0]
    return bool(_AT_ONCE.fullmatch(stripped))


def says_no_deadline(text: str) -> bool:
    """Whether a deadline's words say the task has none (长期坚持, 常态化开展, 持续推进, 长效):
    the words ``read_text`` reads as no deadline, which an import keeps as written."""
    stripped = _stripped(_normalised(chinese_form(one_line(text)) or one_line(text)))[0]
    return bool(_NO_DEADLINE.fullmatch(stripped))


def _normalised(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = arabic_year(re.sub(r"\s+", "", text))
    text = _CN_NUMBER.sub(lambda m: str(_chinese_number(m.group(1))), text)
    return text


def arabic_year(text: str) -> str:
    """A year in Chinese digits before 年, as a 公文 writes it (二〇二四年), in digits: 2024年."""
    return re.sub(
        r"[〇零一二三四五六七八九]{4}(?=\s*年)",
        lambda m: "".join(str(_CN_DIGITS[ch]) for ch in m.group()),
        text,
    )


def _chinese_number(text: str) -> int:
    """一 … 三十一 as the numbers of months and days are written."""
    if "十" not in text:
        return _CN_DIGITS.get(text, 0)
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)


def _stripped(text: str) -> tuple[str, bool]:
    """The deadline without the words around it (于…完成, …之前, 截至…): and whether it said
    前 (before), which makes a bare month ambiguous."""
    text = re.sub(r"^(?:于|在|截至|截止到|截止|到|至)", "", text)
    # "常态化开展", "全年推进", "长期坚持": the deadline words and a verb of doing.
    text = re.sub(r"(?<=.)(?:开展|推进|实施|进行|落实|坚持|执行)$", "", text)
    # "全年持续推进": the period, and that the work goes on through it.
    text = re.sub(r"(?<=.)(?:持续|不断)$", "", text)
    text = re.sub(r"(?:全面|基本)?(?:完成|完工|办结|结束|完毕|竣工|到位)$", "", text)
    before = bool(re.search(r"(?:之前|以前|前)$", text))
    text = re.sub(r"(?:之前|以前|前)$", "", text)
    text = re.sub(r"(?:为止|止)$", "", text)
    # "今年底", "本年度内", "今年年底": the end of the plan's year.
    text = re.sub(r"^(?:今年|本年度|本年|当年)年?(?=[底末内终]$)", "年", text)
    return text, before


# A day-fixed holiday a 公文 sets work before (国庆前, 七一前, quoted as 公文 mostly write it:
# “七一”前): the day before it. And Hunan's
# flood season, which a 台账 sets the work on dams and ponds before (汛期前, 入汛前): by the
# province's rule it runs from 4月1日 to 9月30日 (新华社, "从4月1日起，湖南省正式进入为期6个月的
# 汛期"), its main part (主汛期) from 6月 to 8月. A town of another province would write the day.
_HOLIDAYS = re.compile(
    r"(\d{4}年)?[“\"‘']?(国庆节?|十一国庆|七一|建党节|五一|劳动节|主汛期|汛期|入汛)[”\"’']?"
    r"(?:之前|以前|前)$"
)
_HOLIDAY_EVES = {
    "国": "9月30日",
    "十": "9月30日",
    "七": "6月30日",
    "建": "6月30日",
    "汛": "3月31日",
    "入": "3月31日",
    "主": "5月31日",
}
# 春节 (正月初一) moves with the lunar calendar: its day in each year a plan may hold (the
# State Council's notices in workdays.NOTICES agree from 2018 to 2026). 春节前 is its eve
# (除夕), as 国庆前 is 9月30日: the office may stop a day or two sooner, the task is not late
# before then.
SPRING_FESTIVALS = {
    2015: (2, 19), 2016: (2, 8), 2017: (1, 28), 2018: (2, 16), 2019: (2, 5), 2020: (1, 25),
    2021: (2, 12), 2022: (2, 1), 2023: (1, 22), 2024: (2, 10), 2025: (1, 29), 2026: (2, 17),
    2027: (2, 6), 2028: (1, 26), 2029: (2, 13), 2030: (2, 3), 2031: (1, 23), 2032: (2, 11),
    2033: (1, 31), 2034: (2, 19), 2035: (2, 8),
}  # fmt: skip
_SPRING_FESTIVAL = re.compile(r"(?:(\d{4})年)?(?:春节|过年)(?:之前|以前|前)$")


class SpringFestivalUnknown(CellUnreadable):
    """春节前 of a year the table has no 春节 of: said as it is where a deadline is typed too."""


def _spring_festival_eve(text: str, year: int, after: dt.date | None = None) -> str:
    """春节前 (2025年春节前) as the day before that year's 春节: 2025年1月28日前. 春节前 with no
    year, in a plan for ``year``, is the 春节 the plan's work year runs up to, the next year's
    (2024-02-10 in a 2023 plan; in a July–June plan the one inside it): the plan's own year's
    falls in January or February, before a yearly plan is mostly adopted (and imported), and
    its 春节前 work (慰问, 农民工工资清零) is that before the coming 春节. Typed on a day of
    the plan (``after``), it is the first 春节 whose eve is not before that day."""
    found = _SPRING_FESTIVAL.match(text)
    if found is None:
        return text
    festival_year = int(found.group(1)) if found.group(1) else year + 1
    if not found.group(1) and after is not None:
        festival_year = after.year
        if festival_year in SPRING_FESTIVALS and _eve_of(festival_year) < after:
            festival_year += 1
    if festival_year not in SPRING_FESTIVALS:
        first, last = min(SPRING_FESTIVALS), max(SPRING_FESTIVALS)
        raise SpringFestivalUnknown(
            f"不知道 {festival_year} 年春节是哪一天（这里只记了 {first} 到 {last} 年的）："
            "请写具体日期，如 1月28日前",
            f"the day of the Spring Festival in {festival_year} is not known here (only "
            f"{first} to {last}): write the day, such as 1月28日前",
        )
    eve = _eve_of(festival_year)
    return f"{eve.year}年{eve.month}月{eve.day}日前"


def _eve_of(festival_year: int) -> dt.date:
    return dt.date(festival_year, *SPRING_FESTIVALS[festival_year]) - dt.timedelta(days=1)


def is_spring_festival_bare(text: str) -> bool:
    """Whether a deadline is 春节前 with no year of its own (``_spring_festival_eve``)."""
    found = _SPRING_FESTIVAL.match(_normalised(text))
    return found is not None and not found.group(1)


def _holiday_eve(text: str) -> str:
    found = _HOLIDAYS.search(text)
    if found is None or found.start() != 0:
        return text
    return f"{found.group(1) or ''}{_HOLIDAY_EVES.get(found.group(2)[0], '4月30日')}前"


def read_text(
    original: str, year: int, starting: bool = False, after: dt.date | None = None
) -> tuple[Due, Due]:
    # Quoted on one line in what is said of it ("6月底前\n（第一阶段3月底前）").
    original = one_line(original)
    normal = _normalised(chinese_form(original) or original)
    text, before = _stripped(_holiday_eve(_spring_festival_eve(normal, year, after)))
    # 次年4月底前, 明年3月 (a 冬春季 table's spring): a month of the year after the plan's
    text = re.sub(r"^(?:次年|明年|翌年|来年)(?=\d{1,2}月)", f"{year + 1}年", text)
    if not text:
        raise CellUnreadable(*expected(year))
    if _NO_DEADLINE.fullmatch(text) or _AT_ONCE.fullmatch(text):
        return None, None
    if _RECURRING.search(text):
        raise CellUnreadable(
            f"“{original}”是周期性的时限，不是一个完成日期：请写最后一次的时限（如 12月底前），"
            "每期的要求写进时间节点或备注",
            f"{original!r} is a recurring deadline, not one date: write the last one (such as "
            "12月底前) and put the rest in a milestone or a note",
        )
    single = _single(text, year, before, original, starting)
    if single is not None:
        return single, None
    ranged = _range(text, year, original)
    if ranged is not None:
        return (ranged[1], None) if starting else ranged
    if len(_DATE_LIKE.findall(text)) >= 2 or dates_named(original) >= 2:
        raise CellUnreadable(
            f"一个单元格里有几个时限（“{original}”）：请只写最终的完成时限，其余写进时间节点或备注",
            f"the cell holds several deadlines ({original!r}): keep the final one and put the "
            "others in a milestone or a note",
        )
    raise CellUnreadable(*expected(year))


def _single(
    text: str, year: int, before: bool, original: str, starting: bool = False
) -> Due | None:
    """One deadline (``starting``: the start of a range, a period's first day where it names
    part of a month or a half year), or None when the text is no form this knows."""
    found = _COMPACT_DATE.fullmatch(text)
    if found:  # 20240630, as systems export a day
        return _checked_date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    found = _YEAR_END.fullmatch(text)
    if found and (found.group(1) or found.group(2)[0] in "年全本当今"):
        if before and found.group(2) == "年":
            # 年前 is as often "before the Spring Festival" as "before the year ends".
            raise CellUnreadable(
                f"“{original}”看不出是春节前还是年底前：请写明“年底前”“12月31日前”或具体日期",
                f"{original!r} could mean before the Spring Festival or before the year ends: "
                "write 年底前, 12月31日前 or a day",
            )
        if starting and found.group(2) in _WHOLE_YEAR:  # 2023年-2025年 starts on 1 January
            return _checked_date(_year(found.group(1), year), 1, 1)
        return _checked_date(_year(found.group(1), year), 12, 31)
    found = _HALF.fullmatch(text)
    if found:
        y = _year(found.group(1), year)
        kind = found.group(2)
        if before and not found.group(3):
            _ambiguous_before(original, kind, f"{kind}末前")
        if kind == "上半年":
            return _checked_date(y, 1 if starting else 6, 1 if starting else 30)
        if kind == "下半年":
            return _checked_date(y, 7 if starting else 12, 1 if starting else 31)
        return _quarter(y, 3)
    found = _QUARTER.fullmatch(text) or _QUARTER_Q.fullmatch(text)
    if found:
        q = found.group(2)
        number = _CN_DIGITS.get(q) or int(q)
        if before and not re.search(r"[末底]$", found.group(0)):
            name = f"{'一二三四'[number - 1]}季度"
            _ambiguous_before(original, name, f"{name}末前")
        return _quarter(_year(found.group(1), year), number)
    found = _FULL_DATE.fullmatch(text)
    if found:
        return _checked_date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    found = _YEAR_MONTH.fullmatch(text)
    if found:
        return _month(
            int(found.group(1)), int(found.group(2)), found.group(3), before, original, starting
        )
    found = _MONTH_DAY.fullmatch(text)
    if found:
        return _checked_date(year, int(found.group(1)), int(found.group(2)))
    found = _MONTH.fullmatch(text)
    if found:
        return _month(year, int(found.group(1)), found.group(2), before, original, starting)
    return None


def _ambiguous_before(original: str, period: str, clear: str) -> None:
    """A period with 前 and no 底 or 末 ("二季度前", "上半年前"), read as 6月前 is: before it
    starts, or by its end?"""
    raise CellUnreadable(
        f"“{original}”看不出是{period}开始之前还是{period}结束之前：请写明“{clear}”，或写到月、日",
        f"{original!r} could mean before {period} starts or by its end: write {clear}, or a "
        "month or a day",
    )


def _range(text: str, year: int, original: str) -> tuple[Due, Due] | None:
    """ "3月-6月", "2023年3月至6月", "3-6月": (due, start)."""
    parts = _RANGE_WORDS.split(text)
    if len(parts) != 2:
        parts = text.split("-")
    if len(parts) != 2:
        return None
    left, right = parts
    if left.isdigit() and right.endswith("月") and right[:-1].isdigit():
        left += "月"
    if re.fullmatch(r"\d{4}", left) and re.match(r"\d{4}年", right):  # 2023-2025年
        left += "年"
    explicit = re.match(r"(\d{4})年", left)
    right_year = int(explicit.group(1)) if explicit else year
    try:
        start = _single(left, year, False, original, starting=True)
        due = _single(right, right_year, False, original)
    except CellUnreadable:
        return None
    if start is None or due is None:
        return None
    first, last = span_of(start), span_of(due)
    if first is not None and last is not None and first[0] > last[1]:
        raise CellUnreadable(
            f"“{original}”的开始晚于结束：跨年的请写明年份（如 2023年12月-2024年1月），"
            "否则请把先后写对",
            f"{original!r} starts after it ends: write the years of a range across the new year "
            "(2023年12月-2024年1月), or put the months in order",
        )
    return due, start


def read_period(original: str, year: int) -> tuple[dt.date, dt.date] | None:
    """A plan's period written in words (2024年1月至12月, 全年, 2024年下半年, in ``year`` where
    it names none): its first and last day; None where the text is no stretch of days this
    reads (one day, 春季)."""
    text, _ = _stripped(_normalised(one_line(original)))
    try:
        ranged = _range(text, year, original)
        if ranged is not None:
            due, start = ranged
        else:
            start = _single(text, year, False, original, starting=True)
            due = _single(text, year, False, original)
    except CellUnreadable:
        return None
    first, last = span_of(start), span_of(due)
    if first is None or last is None or first[0] >= last[1]:
        return None
    return first[0], last[1]


def _year(found: str | None, year: int) -> int:
    return int(found) if found else year


def _month(
    year: int, month: int, part: str | None, before: bool, original: str, starting: bool = False
) -> Due:
    if not 1 <= month <= 12:
        raise CellUnreadable(
            f"没有 {month} 月；{expected(year)[0]}",
            f"there is no month {month}; {expected(year)[1]}",
        )
    _check_year(year)
    if part in (None, "底", "末"):
        if part is None and before:
            raise CellUnreadable(
                f"“{original}”看不出是 {month - 1 or 12}月底前还是 {month}月底前：请写明"
                f"“{month}月底前”，或写到日（如 {month}月1日前）",
                f"{original!r} could mean before month {month} starts or by its end: write "
                f"{month}月底前 (by the end of month {month}) or a day such as {month}月1日前",
            )
        return f"{year:04d}-{month:02d}"
    last = calendar.monthrange(year, month)[1]
    if starting:  # 6月上旬至7月中旬 starts on the first day of early June
        return dt.date(year, month, {"上旬": 1, "初": 1, "中旬": 11}.get(part, 21))
    # 月初: the first days, as offices mean 每月初 of a monthly report (by the 5th), not the
    # whole month as 每月底前 is; narrower than 上旬
    day = {"初": 5, "上旬": 10, "中旬": 20}.get(part, last)
    return dt.date(year, month, day)


def _quarter(year: int, quarter: int) -> str:
    _check_year(year)
    return f"{year:04d}-Q{quarter}"


def _check_year(year: int) -> None:
    if not YEARS[0] <= year <= YEARS[1]:
        raise CellUnreadable(
            f"年份 {year} 不在 {YEARS[0]} 到 {YEARS[1]} 之间",
            f"the year {year} is not between {YEARS[0]} and {YEARS[1]}",
        )


def _checked_date(year: int, month: int, day: int) -> dt.date:
    _check_year(year)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellUnreadable(
            f"没有 {year}年{month}月{day}日 这一天",
            f"there is no such day as {year}-{month:02d}-{day:02d}",
        ) from None


def years_in(value: Value, epoch: dt.date = EXCEL_1900) -> list[int]:
    """Years a deadline cell states (for guessing the plan's year when nothing else says it);
    a bare day number counted from the workbook's ``epoch``."""
    serial = excel_serial(value, epoch)
    if serial is not None:
        return [serial.year]
    if isinstance(value, dt.date):
        return [value.year] if YEARS[0] <= value.year <= YEARS[1] else []
    if isinstance(value, str):
        return [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", value)]
    return []
