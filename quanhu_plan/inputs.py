"""What people type on the command line, read the way offices write it: dates (2023/6/30,
2023年6月30日, 6月30日, 今天), months and quarters (2023年6月, 二季度, Q2), ids typed with
full-width digits (５．５．１) and numbers with separators or a unit (1,800, 1800亩, 95%).

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
    "今天、昨天、前天",
    "2023-06-30, 2023/6/30, 2023.6.30, 20230630 or 2023年6月30日; 6月30日 or 6-30 for a day "
    "in the plan's year; today (今天) or yesterday (昨天)",
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
}
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# Patterns as text: ``re`` compiles one when it is first used (and keeps it), so a command
# pays only for the forms it reads.
_CN_NUMBER = r"([一二三四五六七八九十]{1,3})(?=月|日|号|季度)"
# Dashes a word processor or an input method puts where a hyphen was meant.
_DASHES = "[\u2010-\u2015\u2212\u30fc\uff70]"

_YMD = r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})"
_COMPACT = r"(\d{4})(\d{2})(\d{2})"
_CN_YMD = r"(\d{4})年(\d{1,2})月(\d{1,2})[日号]?"
_CN_MD = r"(\d{1,2})月(\d{1,2})[日号]?"
_DASH_MD = r"(\d{1,2})-(\d{1,2})"
_SLASH_MD = r"(\d{1,2})[/.](\d{1,2})"
_YEAR_LAST = r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})"
_SHORT_YEAR = r"(\d{2})([-/.])(\d{1,2})\2(\d{1,2})"

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
_NUMBER = (
    r"(?i)(?P<number>[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]*)(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?)"
    r"(?P<unit>[^\s0-9.,+\-_].*)?"
)


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
    if re.fullmatch(_YEAR_LAST, clean) or re.fullmatch(_SHORT_YEAR, clean):
        raise InputError(
            f"“{shown(text)}”看不出年、月、日各是哪个：请把四位年份写在前面，如 2023-06-30。",
            f"'{shown(text)}' could be read more than one way: write the year first, in four "
            "digits, e.g. 2023-06-30.",
        )
    return None


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


# ---------------------------------------------------------------- ids and numbers


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
    return InputError(
        f"“{shown(text)}”的单位是“{unit}”，而{whose_zh}是“{measure}”：请换算成{measure}后再填，"
        f"只写数字或在数字后写“{measure}”均可。",
        f"'{shown(text)}' is in {unit}, but {whose_en} {measure}: convert it to {measure} and "
        f"write the number, alone or followed by {measure}.",
    )
