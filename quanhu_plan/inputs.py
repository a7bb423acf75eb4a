"""What people type on the command line, read the way offices write it: dates (2023/6/30,
2023年6月30日, 6月30日, 今天), months and quarters (2023年6月, 二季度, Q2), ids typed with
full-width digits (５．５．１) and words an input method ran together (5.5.2　60). Numbers with
separators or a unit (1,800, 1800亩, 95%) are ``typed_numbers``'s.

Pure: no I/O, no terminal. What cannot be read, or could mean two things, raises InputError,
whose message (zh or en) says why and lists the forms that work.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable

# The year a date or month written without one falls in, given its month and day.
YearOf = Callable[[int, int], int]

DATE_FORMS = (
    "2023-06-30、2023/6/30、2023.6.30、20230630、2023年6月30日；计划年度内的 6月30日、6-30；"
    "今天、昨天、前天、上周五",
    "2023-06-30, 2023/6/30, 2023.6.30, 20230630 or 2023年6月30日; 6月30日 or 6-30 for a day "
    "in the plan's year; today (今天), yesterday (昨天) or a day of last week (上周五)",
)
PERIOD_FORMS = (
    "日期（如 2023-06-30、2023年6月30日、6月30日）、月份（如 2023-06、2023年6月、6月）、季度（如 "
    "2023-Q2、2023年二季度、二季度、Q2），或 上半年、下半年；完成时限还可以写 6月底、年底、"
    "6月30日前",
    "a date (2023-06-30, 2023年6月30日, 6月30日), a month (2023-06, 2023年6月, 6月) or a quarter "
    "(2023-Q2, 2023年二季度, 二季度, Q2), or 上半年 or 下半年 (a half year); a deadline may also "
    "be 6月底 (the end of June), 年底 (the end of the year) or 6月30日前 (by 30 June)",
)

# What a task's deadline (plan add/edit --due) takes beyond a period: a limit counted from the
# day it was given, and the words of no deadline, kept as worded (cli/structure.py).
DUE_FORMS = (
    PERIOD_FORMS[0] + "、6月底（视天气）；或从交办日期（--start）算起的时限，如 15个工作日内；"
    "没有完成时限的任务写 长期坚持、常态化 或 持续推进，按原文保留（不是日期）。"
    "下月底、尽快这类相对的说法，请写成具体的日期或月份",
    PERIOD_FORMS[1] + ", with why in brackets after it, 6月底（视天气）; or a limit counted from "
    "--start, 15个工作日内 (15 working days); for a task with no deadline, 长期坚持, 常态化 or "
    "持续推进 (ongoing), kept as words (no date). Words relative to today (下月底, next "
    "month's end; 尽快, soon) need the date or month they mean",
)

_RELATIVE = {
    "今天": 0,
    "今日": 0,
    "today": 0,
    "昨天": -1,
    "昨日": -1,
    "yesterday": -1,
    "前天": -2,
    "大前天": -3,
    "明天": 1,
    "明日": 1,
    "tomorrow": 1,
    "后天": 2,
}
# A day of a week, as a clerk says it (上周五, 本周一, 下星期三, 周日): the week before, this
# one or the next, from Monday; a day without its week (周五) is asked which week it is in.
_WEEKDAY = r"(上上|上|本|这|下)?个?(?:周|星期|礼拜)([1-7一二三四五六日天])"
_WEEK_OFFSETS = {"上上": -2, "上": -1, "本": 0, "这": 0, "下": 1}
_WEEKDAY_NAMES = "一二三四五六日"
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# Patterns as text: ``re`` compiles one when it is first used (and keeps it), so a command
# pays only for the forms it reads.
_CN_NUMBER = r"([一二三四五六七八九十]{1,3})(?=月|日|号|季度)"
# Dashes a word processor or an input method puts where a hyphen was meant.
_DASHES = "[\u2010-\u2015\u2212\u30fc\uff70]"

_YMD = r"(\d{4})([-/. ])(\d{1,2})\2(\d{1,2})[日号]?"  # (2023 6 30 as typed with spaces)
_COMPACT = r"(\d{4})(\d{2})(\d{2})"
_CN_YMD = r"(\d{4})年(\d{1,2})月(\d{1,2})[日号]?"
_CN_MD = r"(\d{1,2})月(\d{1,2})[日号]?"
_DASH_MD = r"(\d{1,2})-(\d{1,2})"
_SLASH_MD = r"(\d{1,2})[/.](\d{1,2})"
_YEAR_LAST = r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})"
_SHORT_YEAR = r"(\d{2})([-/.])(\d{1,2})\2(\d{1,2})"
_CN_SHORT_YEAR = r"(\d{2})年(\d{1,2})月(?:(\d{1,2})[日号]?)?"

_YM = r"(\d{4})(?:[-/.](\d{1,2})|年(\d{1,2})月份?)(底|末)?"
_MONTH = r"(\d{1,2})月份?(底|末)?"
_QUARTER = r"(?:(\d{4})(?:年|-)?)?(?:第?([1-4])季度|q([1-4]))(末|底)?"
_HALF = r"(?:(\d{4})年?)?(上半年|下半年)"
# The year's end, and as a 工作要点's deadline words the whole year (全年, 年内, 今年底), read as
# plan import reads them (importing/dates.py).
_YEAR_END = r"(?:(\d{4})年?)?(年底|年末|全年(?:持续推进|持续开展|推进)?|年内|今年年?底|今年年内)"
# A stem of every word that says there is no deadline at all (importing.dates._NO_DEADLINE
# holds the words, importing.english_dates._NONE the English ones): only a text with one loads
# the import's reader to ask.
_NO_DEADLINE_STEMS = re.compile(
    r"长期|常态|持续|常年|长效|上级|每年|年年|(?i:going|long|continu|permanent|regular)"
)

_ID = r"[0-9]+(?:\.[0-9]+)*"


class InputError(ValueError):
    """Something typed that cannot be read; the message in Chinese and in English."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en

    def message(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def with_forms(self, forms: tuple[str, str]) -> InputError:
        """The same, followed by the forms that work."""
        return InputError(f"{self.zh}可以写：{forms[0]}。", f"{self.en} Write {forms[1]}.")


def shown(text: str) -> str:
    """What was typed, as a message quotes it: short, its control characters escaped."""
    from .controls import typed_start  # (not inside what reads as one character: é, 🇨🇳)

    cut = text if len(text) <= 40 else typed_start(text) + "…"
    return repr(cut)[1:-1]


# Units written as symbols (1200m², 1.5万㎡, as Word and WPS type 平方米) kept as typed, as plan
# import keeps them: NFKC makes them m2, and 3000² a number 30002.
_UNIT_SYMBOLS = re.compile(r"([²³㎡㎥㎞])")


def normalised(text: str, lower: bool = True, *, units: bool = False) -> str:
    """Full-width digits and punctuation as ASCII (NFKC), 。 as a dot, dashes as a hyphen, no
    spaces around anything but a digit next to a digit; Latin letters in lower case. ``units``:
    a figure that may end in a unit, whose symbols (m², ㎡) are kept."""
    pieces = _UNIT_SYMBOLS.split(text) if units else [text]  # symbols at the odd places
    text = "".join(
        piece if at % 2 else unicodedata.normalize("NFKC", piece) for at, piece in enumerate(pieces)
    )
    text = re.sub(_DASHES, "-", text.replace("。", ".")).strip()
    return re.sub(r"\s*([^\d\s])\s*", r"\1", text.lower() if lower else text)


def _chinese_numbers(text: str) -> str:
    """六月三十日 as 6月30日, 二季度 as 2季度: months, days and quarters in Chinese numerals."""

    def value(match: re.Match[str]) -> str:
        words = match.group(1)
        if "十" not in words:
            return str(_CN_DIGITS.get(words, 0)) if len(words) == 1 else words
        tens, _, ones = words.partition("十")
        if len(tens) > 1 or len(ones) > 1:
            return words
        return str((_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + _CN_DIGITS.get(ones, 0))

    return re.sub(_CN_NUMBER, value, text)


def plan_year(year: int | None, start: dt.date, end: dt.date) -> YearOf:
    """For a day written without a year: the plan's ``year``, unless that puts the day outside
    the plan's period (start to end) and another year puts it inside (a plan from July to next
    June); a plan without a year, the year that puts it inside, else the year it starts in."""

    def year_of(month: int, day: int) -> int:
        candidates = ([year] if year is not None else []) + list(range(start.year, end.year + 1))
        for candidate in candidates:
            try:
                if start <= dt.date(candidate, month, day) <= end:
                    return candidate
            except ValueError:
                continue
        return year if year is not None else start.year

    return year_of


# ---------------------------------------------------------------- dates


def read_date(text: str, today: dt.date, year_of: YearOf | None) -> dt.date:
    """A day as typed: 2023-06-30, 2023/6/30, 2023.6.30, 20230630, 2023年6月30日, 今天, 昨天,
    前天; 6月30日 or 6-30 in the year ``year_of`` gives (None: a year must be written)."""
    try:
        found = _day(normalised(text), text, today, year_of)
    except InputError as exc:
        raise exc.with_forms(DATE_FORMS) from None
    if found is None:
        raise InputError(
            f"“{shown(text)}”不是日期。", f"'{shown(text)}' is not a date."
        ).with_forms(DATE_FORMS)
    return found


def read_period(
    text: str,
    today: dt.date,
    year_of: YearOf | None,
    role: str,
    forms: tuple[str, str] = PERIOD_FORMS,
) -> dt.date | str:
    """A deadline (``role`` "due") or start ("start") as typed, as the plan file keeps it: a
    date, a month "2023-06" or a quarter "2023-Q2". Any form read_date takes; 2023年6月,
    2023/6, 6月; 2023年二季度, 二季度, Q2, 2023-Q2; and 上半年, 下半年 (a deadline: 6月30日,
    12月31日; a start: 1月1日, 7月1日); a deadline may be 6月底 and 年底 too. ``forms``: what
    a refusal says may be written (``DUE_FORMS`` for a task's --due, which takes more)."""
    try:
        found = _period(text, today, year_of, role)
    except InputError as exc:
        raise exc.with_forms(forms) from None
    if found is None and role == "due" and year_of is not None:
        found = _as_import_reads(text, year_of, today)
    if found is None and role == "start" and year_of is not None and _MONTH_PART.search(text):
        found = _start_as_import_reads(text, year_of)
    if found is None and role == "due" and says_no_deadline(text):
        raise InputError(
            f"“{shown(text)}”是没有完成时限的说法：这样的任务不写完成时限（不加 --due；已有的用 "
            '--due "" 删去）。',
            f"'{shown(text)}' says there is no deadline: leave the deadline out (no --due; "
            '--due "" removes one).',
        )
    if found is None and role == "due":
        _refuse_reason_in_brackets(text, today, year_of)
    if found is None:
        raise InputError(
            f"“{shown(text)}”不是日期、月份或季度。",
            f"'{shown(text)}' is not a date, month or quarter.",
        ).with_forms(forms)
    return found


def says_no_deadline(text: str) -> bool:
    """Whether a deadline as typed says the task has none (长期坚持, 常态化开展, 持续推进), as
    ``plan import`` reads a 完成时限 cell (and keeps its words as written)."""
    if not _NO_DEADLINE_STEMS.search(text):
        return False
    from .importing.dates import says_no_deadline as import_reads_none

    return import_reads_none(text)


def _refuse_reason_in_brackets(text: str, today: dt.date, year_of: YearOf | None) -> None:
    """A deadline with why it is so in brackets, as a 台账 writes it (11月20日前（土地封冻前）,
    which ``plan import`` reads, keeping the words as written under 完成时限原文): the deadline to type, and
    the words as the change's note."""
    from .importing.dates import deadline_and_reason

    found = deadline_and_reason(text)
    if found is None:
        return
    due, reason = found
    try:
        read_period(due, today, year_of, "due")
    except InputError:
        return
    typed = f'--due {due} --note "{reason}"'
    raise InputError(
        f"“{shown(text)}”是完成时限加说明：完成时限只写日期，说明写进这次修改的说明，如 {typed}。",
        f"'{shown(text)}' is a deadline with words after it: give the deadline alone and the "
        f"words as the change's note, as {typed}.",
    )


def _as_import_reads(text: str, year_of: YearOf, today: dt.date) -> dt.date | str | None:
    """A deadline in a form ``plan import`` reads and the forms above do not (2023年度, 本年度,
    年终, 8月中旬), read as it reads it, in the plan's year: the words an office typed in its
    台账 are one vocabulary, kept there. None where it reads no single deadline (a range, a
    recurring one, none at all, or nothing it knows)."""
    from .importing.dates import SpringFestivalUnknown, is_spring_festival_bare, read_text
    from .importing.errors import CellUnreadable

    year = year_of(12, 31)
    try:
        if is_spring_festival_bare(text):  # the coming 春节: from today, if it is in the plan
            inside = year_of(today.month, today.day) == today.year
            return read_text(text, year, after=today if inside else None)[0]
        due, start = read_text(text, year)
        if due is not None and start is None and read_text(text, year + 1)[0] != due:
            # no year of its own: the year its month has in the plan, as for 3月底 (next
            # March in a plan from July to June, not this one, before the plan starts)
            due = read_text(text, year_of(_last_month(due), 1))[0]
    except SpringFestivalUnknown as unknown:  # (a form it reads, of a year it cannot)
        raise InputError(
            f"“{shown(text)}”：{unknown.zh}。", f"'{shown(text)}': {unknown.en}."
        ) from None
    except CellUnreadable:
        return None
    return due if start is None else None


# A part of a month (6月初, 6月上旬, 中旬, 下旬): as a start, its first day, as plan import
# reads a 开工时间 so.
_MONTH_PART = re.compile(r"月(?:初|上旬|中旬|下旬)$")


def _start_as_import_reads(text: str, year_of: YearOf) -> dt.date | None:
    from .importing.dates import read_text
    from .importing.errors import CellUnreadable

    try:
        start = read_text(text.strip(), year_of(12, 31), starting=True)[0]
        if isinstance(start, dt.date) and not re.search(r"\d{4}", text):  # (no year typed)
            start = read_text(text.strip(), year_of(start.month, 1), starting=True)[0]
    except CellUnreadable:
        return None
    return start if isinstance(start, dt.date) else None


def _last_month(due: dt.date | str) -> int:
    """The month a deadline ends in: a day's, a month's (2024-08), a quarter's (2024-Q1: 3)."""
    if isinstance(due, dt.date):
        return due.month
    quarter = re.fullmatch(r"\d{4}-Q([1-4])", due)
    return 3 * int(quarter.group(1)) if quarter else int(due[5:7])


def _period(text: str, today: dt.date, year_of: YearOf | None, role: str) -> dt.date | str | None:
    clean = _chinese_numbers(normalised(text))
    ahead = re.fullmatch(r"(.+?)(?:之前|以前|前)", clean)
    if ahead is None or role != "due":
        return _period_of(clean, text, today, year_of, role)
    # A deadline "before" a day or a period's end (6月30日前, 6月底前) is that day or end; before
    # a month, quarter or half year (6月前) could be before it begins or by its end.
    body = ahead.group(1)
    if re.search(r"[底末]$", body) or _day(body, text, today, year_of) is not None:
        return _period_of(body, text, today, year_of, role)
    if _period_of(body, text, today, year_of, role) is None:
        return None
    raise InputError(
        f"“{shown(text)}”看不出是这段时间开始之前还是结束之前：请写明期末（如 6月底、二季度末）"
        "或具体日期（如 6月30日）。",
        f"'{shown(text)}' could mean before that period begins or by its end: write its end "
        "(6月底, 二季度末) or a day (6月30日).",
    )


def _period_of(
    clean: str, text: str, today: dt.date, year_of: YearOf | None, role: str
) -> dt.date | str | None:
    day = _day(clean, text, today, year_of)
    if day is not None:
        return day
    found = re.fullmatch(_YM, clean)
    if found and (found.group(4) is None or role == "due"):
        year, month = int(found.group(1)), int(found.group(2) or found.group(3))
        return _month(year, month, text)
    found = re.fullmatch(_MONTH, clean)
    if found and (found.group(2) is None or role == "due"):
        month = int(found.group(1))
        _check_month(month, text)
        return _month(_year(year_of, month, 1, text), month, text)
    found = re.fullmatch(_QUARTER, clean)
    if found and (found.group(4) is None or role == "due"):
        quarter = int(found.group(2) or found.group(3))
        year = int(found.group(1)) if found.group(1) else _year(year_of, 3 * quarter - 2, 1, text)
        _check_year(year, text)
        return f"{year:04d}-Q{quarter}"
    found = re.fullmatch(_HALF, clean)
    if found:
        first = found.group(2) == "上半年"
        month = (1 if first else 7) if role == "start" else (6 if first else 12)
        day_of_month = 1 if role == "start" else (30 if first else 31)
        year = int(found.group(1)) if found.group(1) else _year(year_of, month, 1, text)
        return _checked(year, month, day_of_month, text)
    found = re.fullmatch(_YEAR_END, clean)
    if found and role == "due":
        year = int(found.group(1)) if found.group(1) else _year(year_of, 12, 31, text)
        return _checked(year, 12, 31, text)
    if (
        re.fullmatch(_YM, clean)
        or re.fullmatch(_MONTH, clean)
        or re.fullmatch(_QUARTER, clean)
        or found
    ):
        raise InputError(  # 6月底, 二季度末 or 年底 as a start (or a --due-before)
            f"“{shown(text)}”是期限的说法：这里请写月份（如 6月）、季度或日期。",
            f"'{shown(text)}' names the end of a period: write a month (6月), a quarter or a "
            "day here.",
        )
    return None


def _day(clean: str, text: str, today: dt.date, year_of: YearOf | None) -> dt.date | None:
    """The day ``clean`` names, None if it is no form of a day; InputError if it is one that
    does not exist or could be two days."""
    clean = _chinese_numbers(clean)
    if clean in _RELATIVE:
        return today + dt.timedelta(days=_RELATIVE[clean])
    found = re.fullmatch(_WEEKDAY, clean)
    if found:
        return _weekday(found.group(1), found.group(2), text, today)
    for pattern in (_YMD, _CN_YMD):
        found = re.fullmatch(pattern, clean)
        if found:
            year, month, day = (int(g) for g in found.groups() if g.isdigit())
            return _checked(year, month, day, text)
    found = re.fullmatch(_COMPACT, clean)
    if found:
        return _checked(int(found.group(1)), int(found.group(2)), int(found.group(3)), text)
    found = re.fullmatch(_CN_MD, clean) or re.fullmatch(_DASH_MD, clean)
    if found:
        month, day = int(found.group(1)), int(found.group(2))
        _check_month(month, text)
        return _checked(_year(year_of, month, day, text), month, day, text)
    found = re.fullmatch(_SLASH_MD, clean)
    if found:
        a, b = int(found.group(1)), int(found.group(2))
        both_zh = f"，也可能是{b}月{a}日" if a <= 12 and b <= 12 and a != b else ""
        both_en = f" (it could be month {b} day {a} too)" if a <= 12 and b <= 12 and a != b else ""
        month, day = (b, a) if a > 12 >= b else (a, b)  # 30/6: the day first, as some write
        year = _year_to_show(year_of, month, day, today)
        _check_month(month, text)  # 13/14, 2/30: no day to advise, said as 2月30日 is
        try:
            dt.date(2000, month, day)  # (a leap year: 2/29 may be a day of the plan's year)
        except ValueError:
            _checked(year, month, day, text)
        raise InputError(
            f"“{shown(text)}”没有年份{both_zh}：不写年份时请写 {month}月{day}日 或 {month}-{day}"
            f"（计划年度），或写全，如 {year}-{month:02d}-{day:02d}。",
            f"'{shown(text)}' has no year{both_en}: without a year write {month}月{day}日 or "
            f"{month}-{day} (in the plan's year), or write it in full, e.g. "
            f"{year}-{month:02d}-{day:02d}.",
        )
    found = re.fullmatch(_CN_SHORT_YEAR, clean)
    if found:  # 23年6月30日: the year in two digits, as people say it
        year, month = 2000 + int(found.group(1)), int(found.group(2))
        whole = f"{year}年{month}月" + (f"{int(found.group(3))}日" if found.group(3) else "")
        raise InputError(
            f"“{shown(text)}”的年份只写了两位：请写四位年份，如 {whole}。",
            f"'{shown(text)}' gives the year in two digits: write all four, e.g. {whole}.",
        )
    if re.fullmatch(_YEAR_LAST, clean) or re.fullmatch(_SHORT_YEAR, clean):
        raise InputError(
            f"“{shown(text)}”看不出年、月、日各是哪个：请把四位年份写在前面，如 2023-06-30。",
            f"'{shown(text)}' could be read more than one way: write the year first, in four "
            "digits, e.g. 2023-06-30.",
        )
    return None


def from_today(text: str) -> bool:
    """Whether a day as typed is counted from today (今天, 明天, 上周五, 周五): a plan file's
    value says no day so, which ``values_typed`` does not advise as one."""
    clean = _chinese_numbers(normalised(text))
    return clean in _RELATIVE or re.fullmatch(_WEEKDAY, clean) is not None


def _weekday(week: str | None, day: str, text: str, today: dt.date) -> dt.date:
    """上周五 and the like from ``today``; 周五 alone refused, with the days it could be."""
    weekday = int(day) - 1 if day.isdigit() else _WEEKDAY_NAMES.index(day.replace("天", "日"))
    monday = today - dt.timedelta(days=today.weekday())
    if week is not None:
        return monday + dt.timedelta(days=7 * _WEEK_OFFSETS[week] + weekday)
    name = _WEEKDAY_NAMES[weekday]
    last, this = (monday + dt.timedelta(days=days + weekday) for days in (-7, 0))
    raise InputError(
        f"“{shown(text)}”没有说是哪一周的：请写日期，如上周{name}是 {last.isoformat()}，本周{name}是 "
        f"{this.isoformat()}（也可以写 上周{name}、本周{name}、下周{name}）。",
        f"'{shown(text)}' does not say which week: write the date; last week's is "
        f"{last.isoformat()}, this week's {this.isoformat()} (or write 上周{name}, 本周{name} or "
        f"下周{name}: last, this or next week's).",
    )


def _year_to_show(year_of: YearOf | None, month: int, day: int, today: dt.date) -> int:
    """The year a day written without one is shown in, in the form to type instead: the plan's
    (``year_of``), else today's (no plan year known here, or no such day)."""
    if year_of is not None:
        try:
            return year_of(month, day)
        except (ValueError, OverflowError):  # (an InputError: import --on without --year)
            pass
    return today.year


def _year(year_of: YearOf | None, month: int, day: int, text: str) -> int:
    if year_of is None:
        raise InputError(
            f"“{shown(text)}”没有写年份，这里也没有计划年度可以补上：请写全，如 2023年6月30日。",
            f"'{shown(text)}' has no year, and there is no plan year here to take: write it in "
            "full, e.g. 2023-06-30.",
        )
    return year_of(month, day)


def _check_year(year: int, text: str) -> None:
    from .validate import YEARS

    if not YEARS[0] <= year <= YEARS[1]:
        raise InputError(
            f"“{shown(text)}”的年份 {year} 不在 {YEARS[0]} 到 {YEARS[1]} 之间。",
            f"The year of '{shown(text)}', {year}, is not between {YEARS[0]} and {YEARS[1]}.",
        )


def _check_month(month: int, text: str) -> None:
    if not 1 <= month <= 12:
        raise InputError(
            f"“{shown(text)}”不是有效日期：没有 {month} 月。",
            f"'{shown(text)}' is not a valid date: there is no month {month}.",
        )


def _checked(year: int, month: int, day: int, text: str) -> dt.date:
    _check_year(year, text)
    _check_month(month, text)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise InputError(
            f"“{shown(text)}”不是有效日期：{year}年{month}月没有 {day} 日。",
            f"'{shown(text)}' is not a valid date: {year}-{month:02d} has no day {day}.",
        ) from None


def _month(year: int, month: int, text: str) -> str:
    _check_year(year, text)
    _check_month(month, text)
    return f"{year:04d}-{month:02d}"


_CN_YEAR_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")


def typed_year(text: str) -> str:
    """A year as typed, as the digits click reads: ２０２４, 2024年, 2024年度, 二〇二四年 as 2024;
    any other text as it was (and refused as it was typed)."""
    clean = re.sub(r"年度?$", "", unicodedata.normalize("NFKC", text).strip()).strip()
    digits = clean.translate(_CN_YEAR_DIGITS)
    return digits if digits.isascii() and digits.isdigit() else text


# ---------------------------------------------------------------- ids


def read_id(text: str) -> str | None:
    """An id typed with full-width digits or dots (５．５．１, ３.３, 5。5。1) as the plan writes
    it (5.5.1); None if the text is no id."""
    clean = typed_id(text)
    return clean if re.fullmatch(_ID, clean) else None


def typed_id(text: str) -> str:
    """Any id as typed with a Chinese input method, full-width letters, digits and dots read
    as ASCII: a town's own ids too (二。3 is 二.3, 2.1ａ is 2.1a). What cannot be seen is
    dropped, as no id in a plan holds it (``validate``): a zero-width space, a BOM or a direction
    mark pasted with the id from WeChat, Word or a web page. Digits of another script (١.٣) are
    read as the figures and dates typed with them are (Python's ``int``)."""
    clean = unicodedata.normalize("NFKC", text).replace("。", ".")
    if not clean.isascii():
        clean = "".join(
            str(unicodedata.decimal(c)) if c.isdecimal() else c
            for c in clean
            if unicodedata.category(c) != "Cf"
        )
    return clean.strip()


def id_as_dotted(text: str) -> str | None:
    """The dotted id a text may have meant, written otherwise: 5-5-1, 5、5、1, 5/5/1, 5. 5. 1,
    第5.5.1项, 5.5.1、, 5.5.01 as 5.5.1; None where it reads as no other (or as itself)."""
    clean = re.sub(r"^第|[项条]$", "", typed_id(text))
    clean = re.sub(r"[-、，,/．\s.]+", ".", clean).strip(".")
    if not re.fullmatch(_ID, clean):
        return None
    dotted = ".".join(str(int(level)) for level in clean.split("."))
    return dotted if dotted != typed_id(text) else None


# What a Chinese input method types where a space was meant: its space, comma, enumeration
# comma and semicolon, and the comma of ids listed as in a sentence (2.2.3,2.2.2). Named by them
# in a message, in each language.
_WIDE_SEPARATORS = {
    "\u3000": ("全角空格（中文输入法打出的空格）", "a full-width space (a Chinese input method's)"),
    "，": ("全角逗号（，）", "a full-width comma (，)"),
    "、": ("顿号（、）", "an enumeration comma (、)"),
    "；": ("全角分号（；）", "a full-width semicolon (；)"),
    ",": ("逗号（,）", "a comma (,)"),
}
_OPTION_OR_ID = re.compile(r"-.*|[0-9]+(?:\.[0-9]+)+")  # --note; 5.5.2 (a dotted id)
_FIGURE = re.compile(r"[0-9.]+%?")


def same_key(key: str) -> str:
    """A county task number (``key``) as compared: full-width letters, digits and dashes as
    their plain forms (NFKC), any case (casefold), no spaces around it, so 县－１ typed finds
    县-1 written and xj-01 finds XJ-01; without what prints as nothing (县-12<U+200B>, 县-12
    <U+034F>: the marks an id may not hold, ``validate._seen``), which 县-12 reads as."""
    plain = unicodedata.normalize("NFKC", key).casefold().strip()
    if plain.isprintable() and plain.isascii():  # the usual case
        return plain
    from .validate import _seen

    return _seen(plain).strip()


def run_together(word: str) -> tuple[str, str] | None:
    """How ``word`` joins what were meant as two command-line words, as (zh, en) names of the
    separator (``5.5.2　60``, ``3月28日　--note``, ``2.2.3，2.2.2``), else None: two words are
    joined when an option is on one side of the separator; by the full-width space, which is in
    no number or id, when a dotted id or a number is (``2　60``); by a comma, when every side is
    an id or a number (``2.2.3，2.2.2``, ``5.5.2，60``), not the words of a note that names
    ids (已验收5.5.1，5.5.2), where a space would make one more word."""
    for separator, names in _WIDE_SEPARATORS.items():
        parts = [typed_id(part) for part in word.strip(" \u3000").split(separator)]
        if len(parts) < 2 or not all(parts):
            continue
        if any(part.startswith("-") and not _FIGURE.fullmatch(part[1:]) for part in parts):
            return names  # an option (--note), not a figure (-5)
        figures = [bool(_OPTION_OR_ID.fullmatch(part) or _FIGURE.fullmatch(part)) for part in parts]
        if all(figures) if separator != "\u3000" else any(figures):
            return names
    return None


def run_together_advice(words: list[str]) -> tuple[str, str] | None:
    """A sentence (zh, en) on the first of ``words`` that joins two words (``run_together``),
    or None. The word is quoted as typed, its wide space kept (``shown`` would write it \\u3000):
    the message it goes into shows control characters (``controls.visible``)."""
    for word in words:
        names = run_together(word)
        if names is not None:
            from .controls import typed_start

            cut = word if len(word) <= 40 else typed_start(word) + "…"
            return (
                f"“{cut}”中间是{names[0]}：编号、数值和选项之间要用半角空格隔开"
                "（切换到英文输入法再敲空格）。",
                f"'{cut}' holds {names[1]}: separate ids, values and options with ordinary spaces.",
            )
    return None
