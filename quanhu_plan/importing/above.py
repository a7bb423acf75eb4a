"""What the lines above a sheet's header say: its title (without a （截至…） note), the
organisation (填报单位：…), the day it was made up to (截至2023-06-30) and a year."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata

from .dates import arabic_year
from .sheets import Value
from .values import as_text

# A note after a sheet's title saying the day it was made up to: （截至2023-06-30）, (as of …);
# offices often write 截止 or 截止到 for 截至.
_AS_OF_WORD = r"(?:截至|截止到|截止|as\s+of)"
# So is the months a month's 台账 reports on, after the year's title: （1-6月）, （1—6月份）,
# （1月-9月）: the plan is the year's, and a status of August is no longer of 1-6月.
AS_OF_NOTE = re.compile(
    rf"\s*[（(]\s*(?:{_AS_OF_WORD}[^）)]*|1\s*月?\s*[-－—–~～至到]\s*\d{{1,2}}\s*月份?)\s*[）)]\s*$",
    re.IGNORECASE,
)


def distinct_values(row: list[Value]) -> list[Value]:
    out: list[Value] = []
    for value in row:
        if value is not None and as_text(value) and value not in out:
            out.append(value)
    return out


def is_title(text: str) -> bool:
    """A sheet's title above its header: not 附件1, not a 填报单位：… line."""
    compact = text.replace(" ", "")
    return (
        bool(compact)
        and not re.fullmatch(r"附[件表]\s*\d*", compact)
        and not re.search(r"[:：]", compact)
    )


# A document number (文号), 镇委发〔2023〕15号, 政办[2024]3号: the year the notice was numbered
# in, often the year before the campaign it sends out.
_DOCUMENT_NUMBER = re.compile(r"[〔\[【(]\s*(?:19|20)\d\d\s*[〕\]】)]\s*第?\s*\d+\s*号")


def year_in(text: str) -> int | None:
    # ２０２４年, and 二〇二四年 as a 公文 title writes it
    text = arabic_year(unicodedata.normalize("NFKC", text))
    text = _DOCUMENT_NUMBER.sub("", text)  # 镇委发〔2023〕15号: when the notice was numbered
    named = list(re.finditer(r"(?<!\d)((?:19|20)\d\d)\s*年", text))
    # 2024—2026年三年行动2024年秋冬季: the span is the longer plan's, the year on its own this one's
    own = [year for year in named if not _in_span(text, year)]
    found = next(iter(own or named), None) or re.search(r"(?<!\d)((?:19|20)\d\d)(?!\d)", text)
    return int(found.group(1)) if found else None


_SPAN_BEFORE = re.compile(r"\d{4}\s*年?\s*[-－—–~～至到]+\s*$")
_SPAN_AFTER = re.compile(r"^\s*[-－—–~～至到]+\s*\d{4}")


def _in_span(text: str, year: re.Match[str]) -> bool:
    """Whether a year (with its 年) is one end of a span of years (2024—2026年, 2024年至2026年)."""
    return bool(_SPAN_BEFORE.search(text[: year.start()]) or _SPAN_AFTER.search(text[year.end() :]))


def stated_year(text: str) -> int | None:
    """The plan's year as ``plan export`` writes it under the title where the title does not
    say it: 年度：2023, Year: 2023."""
    found = re.search(_STATED + r"(?:年度|year)\s*[:：]\s*(\d{4})(?!\d)", text, re.IGNORECASE)
    return int(found.group(1)) if found else None


# Where ``plan export`` puts what it states: at the line's start or after the space or ; that
# parts it from the one before (so an office's 上年度：2023年完成情况 or "Last year: 2022"
# under a 2024 title is not taken for the plan's year).
_STATED = r"(?:^|(?<=[\s;；]))"


def period(text: str) -> tuple[dt.date, dt.date] | None:
    """The plan's period as ``plan export`` writes it where it is not the calendar year:
    计划期：2023-07-01至2024-06-30, Period: 2023-07-01 to 2024-06-30."""
    found = re.search(
        _STATED + r"(?:计划期|period)\s*[:：]\s*(\d{4}-\d\d-\d\d)\s*(?:至|to)\s*(\d{4}-\d\d-\d\d)",
        text,
        re.IGNORECASE,
    )
    if not found:
        return None
    try:
        start, end = (dt.date.fromisoformat(day) for day in found.groups())
    except ValueError:
        return None
    return (start, end) if start <= end else None


def worded_period(text: str) -> str | None:
    """What a 计划期 (实施期限, 执行期…) line above the header says, as an office writes it
    rather than ``plan export`` (计划期：2024年1月至12月, 实施期限：2024年下半年): up to the
    next label or a ;."""
    found = re.search(
        _STATED + r"(?:计划期限?|计划周期|实施期限?|实施周期|执行期限?)\s*[:：]\s*"
        r"([^;；:：]+?)\s*(?=\s{2,}|\s+\S+\s*[:：]|[;；]|$)",
        unicodedata.normalize("NFKC", text),
    )
    return found.group(1) if found else None


# The seal a form asks for after its label: 填报单位（盖章）：, 报送单位(公章)：.
_SEAL = r"\s*(?:[（(]\s*(?:盖章|公章|签章|盖公章|印章)\s*[）)])?"


def organisation(text: str) -> str | None:
    english = re.search(r"organi[sz]ation\s*:\s*([^;；]+)", text, re.IGNORECASE)
    if english:  # as ``plan export --lang en`` writes it: up to a ; (Scope: …)
        return english.group(1).strip() or None
    found = re.search(rf"(?:填报单位|报送单位|责任单位|单位){_SEAL}\s*[:：]\s*([^\s:：]+)", text)
    if not found:
        return None
    name = re.split(r"填报|报送|日期|时间|截至", found.group(1))[0]
    # "某镇人民政府（盖章）": the seal's note goes, and with it the whole bracket.
    name = re.sub(r"[（(][^（()）]*(?:章|签字|签名)[^（()）]*[）)]", "", name).strip()
    while name and (name[-1] in "（(" or name[0] in "）)"):
        name = (name[:-1] if name[-1] in "（(" else name[1:]).strip()
    return name or None


def reporting_office(text: str) -> str | None:
    """The office a line says filled the table in (填报单位：…; Filled in by: … as ``plan
    export --lang en`` writes it), else None."""
    found = re.search(rf"填报单位{_SEAL}\s*[:：]|filled in by\s*:", text, re.IGNORECASE)
    if not found:
        return None
    rest = text[found.start() :]
    english = re.match(r"filled in by\s*:\s*([^;；]+)", rest, re.IGNORECASE)
    if english:
        return english.group(1).strip() or None
    return organisation(rest)


# A place as a title names it: 衡南县, 泉湖镇, 城关街道 (each a candidate for the place an
# office's name starts with).
# A unit word followed by another is part of the name: 西乡县, 乡宁县, 东乡区 (not 西乡 + 县…).
_PLACE = re.compile(r".+?(?:自治县|自治州|街道|社区|省|市|县|区|旗|镇|乡|村)(?![省市县区旗镇乡])")
# The place's own government or party committee, before an office of it (泉湖镇人民政府办公室);
# a village's or a community's its committee (泉湖村村委会: no department of the village).
_OWN_BODY = re.compile(
    r"(?:人民政府|政府|党委|党工委|人大|办事处|村民委员会|村委会|居民委员会|居委会|党总支|党支部)"
)


def place_of_title(title: str) -> str | None:
    """The place a title names before its year, places alone (东风路街道 of
    东风路街道2023年重点工作任务分解表, 衡南县泉湖镇 of 衡南县泉湖镇2024年…); None where the
    title names none there, or more than places (关于印发…的通知)."""
    text = arabic_year(unicodedata.normalize("NFKC", title))
    found = re.match(r"\s*(.+?)\s*(?:19|20)\d\d\s*年", text)
    if not found:
        return None
    place = found.group(1)
    bare = _without_body(place)
    places = _PLACE.findall(bare)
    if re.search(r"关于|印发|[《“\"]", place) or "".join(places) != bare:
        return None
    return None if any(map(_names_none, places)) else place


def _without_body(place: str) -> str:
    """The places of a name without the body of the last at its end (西乡县城北街道 of
    西乡县城北街道办事处: a 街道办事处's list is titled by the office, not the 街道)."""
    body = re.search(rf"{_OWN_BODY.pattern}$", place)
    return place[: body.start()] if body and body.start() > 0 else place


# What a district or county does, said right after its name in a title with no year
# (石景山区贯彻落实《…》的任务分解方案): the name before it is whose plan it is.
_DOING = re.compile(r"(?:贯彻落实|贯彻|落实|关于|实施|推进|深化|开展|全面)")


def place_opening_title(title: str) -> str | None:
    """The place a title opens with where it names no year before it (石景山区 of
    石景山区贯彻落实《关于加强新时代街道工作的意见》的任务分解方案): the place, then at once what
    it does. None otherwise (a title with a year before which a place stands is
    ``place_of_title``'s)."""
    text = unicodedata.normalize("NFKC", title).strip()
    place = _PLACE.match(text)
    if place is None or len(place.group()) > 12 or re.search(r"[《“\"]", place.group()):
        return None
    if not _DOING.match(text, place.end()) or _names_none(place.group()):
        return None
    return place.group()


def place_after_year(title: str) -> str | None:
    """The place a title names right after the year it opens with, with its government
    where it names one (金乡县政府 of 2025年金乡县政府重要工作事项责任分工, 东风路街道 of
    2025年东风路街道重点工作清单). None where the year is not first, or no place follows it
    (2025年农村人居环境整治…: 农村 is no place, and names no government)."""
    text = arabic_year(unicodedata.normalize("NFKC", title)).strip()
    year = re.match(r"(?:19|20)\d\d\s*年度?\s*", text)
    if year is None:
        return None
    place = _PLACE.match(text, year.end())
    if place is None or len(place.group()) > 12 or re.search(r"[《“\"，,、]", place.group()):
        return None
    name = place.group()
    body = _OWN_BODY.match(text, place.end())
    if body is not None:
        name += body.group()
    elif len(name) < 3 or not re.search(r"(?:县|市|区|旗|镇|乡|街道)$", name):
        return None  # (农村, 社区: words of the work, not whose plan it is)
    return None if _names_none(place.group()) or name[0] in "省市县区乡镇村" else name


# Where a place's name would stand, words that name no one: the whole (全县), each (各乡镇),
# this (本镇), a kind of place alone (乡镇), or its committee (区委 of 区委区政府: 区委区 is
# read as one place).
_KINDS = frozenset("乡镇 城乡 镇村 城区 市区 社区 街道 自治县 自治州".split())


# A work of places, named by common words alone where a place's name would stand (老旧小区 of
# 2023年老旧小区改造工作任务分解表, 文明城区, 工业园区, 特色小镇, 卫生城市, 美丽乡村's 美丽乡,
# 生态示范县): no one's name; 金山工业园区, 高新区, 石景山区 are.
_WORK_OF_PLACES = re.compile(
    r"(?:老旧|文明|卫生|无废|海绵|园林|森林|宜居|美丽|特色|生态|示范|工业|产业|农业|旅游|全域"
    r"|中心|经济|开发|智慧|平安|先进|历史文化|城乡|[小城园集名强景片])+(?:区|县|市|镇|乡)"
)


def _names_none(place: str) -> bool:
    return (
        place[0] in "全各本我该"
        or len(place) == 1
        or place in _KINDS
        or re.match(r"[省市州县区旗镇乡村]党?工?委", place) is not None
        or _WORK_OF_PLACES.fullmatch(place) is not None
    )


def town_of_office(office: str, title: str) -> str | None:
    """The organisation whose plan it is where the 填报单位 is an office of the place the
    title names (泉湖镇党政办 filling in 泉湖镇2024年重点工作台账: 泉湖镇; 泉湖镇人民政府办公室:
    泉湖镇人民政府): the office only filled the town's ledger in, and a report titled by it
    would be the office's. None where the 填报单位 is the place or its government itself, or
    the title names no place before its year, or names the office (its own ledger)."""
    place = place_of_title(title)
    if place is None:
        return None
    place = _without_body(place)
    name = unicodedata.normalize("NFKC", office).strip()
    units = _PLACE.findall(place)
    for start in range(len(units)):  # 衡南县泉湖镇, then 泉湖镇
        named = "".join(units[start:])
        if not name.startswith(named):
            continue
        rest = name[len(named) :]
        body = _OWN_BODY.match(rest)
        unit = rest[body.end() :] if body else rest
        if not unit or unit.startswith(("（", "(")):
            return None  # the place, or its government (（盖章） gone already)
        return place + (body.group() if body else "")
    return None


# The day a sheet was filled in, where it gives no 截至 day: 填报时间：2024年7月5日 (填表日期 as
# a form heads it).
_FILLED_WORD = r"(?:填报|填表|报送|更新|制表)(?:时间|日期)\s*[:：]"


def filled_on(text: str, year: int | None = None) -> dt.date | None:
    return as_of(text, _FILLED_WORD, year, month_alone=False)


def as_of(
    text: str, word: str = _AS_OF_WORD, year: int | None = None, month_alone: bool = True
) -> dt.date | None:
    """The day after ``word``: 截至2023-06-30, 截至2023年6月30日; a month's end as offices
    write it (截至2023年6月底, 截至6月末) and, ``month_alone``, a month with no day (截至2024年6月,
    截至6月, 截至2024.6: the figures through that month); without a year (截至6月30日), in
    ``year``."""
    text = unicodedata.normalize("NFKC", text)
    # A day is no figure's decimals (截至6.5万亩: 65,000 mu so far, not 5 June).
    # A month with no day: 6月 (no figure after it, nor 上旬, 中旬 or 初: early in the month);
    # 2024.6 (a year before it, no figure after).
    alone = r"|\s*月(?!\s*(?:\d|上旬|[初中]))|(?(1)(?![\d.\-/月])|(?!))" if month_alone else ""
    found = re.search(
        rf"{word}\s*(?:(\d{{4}})\s*[-./年]\s*)?(\d{{1,2}})"
        rf"(?:\s*[-./月]\s*(?:(\d{{1,2}})(?!\d|\.\d|\s*[万亿千百%])|(?=[底末])){alone})",
        text,
        re.I,
    )
    if not found:
        return None
    on_year = int(found.group(1)) if found.group(1) else year
    if on_year is None:
        return None
    month = int(found.group(2))
    try:
        if found.group(3) is None:  # 6月底
            return dt.date(on_year, month, calendar.monthrange(on_year, month)[1])
        return dt.date(on_year, month, int(found.group(3)))
    except (ValueError, calendar.IllegalMonthError):
        return None


# A title that names the quarter its table reports on: 重点任务第一季度进展情况, 上半年推进情况
# (as a 督查 table published each quarter is titled). Its notes stand at that period's end.
_PERIOD_REPORT = (
    r"(?P<period>第?(?P<quarter>[一二三四1-4])季度|(?P<half>上半年)|(?P<three>前三季度))"
    r"(?:工作)?(?:进展|推进|完成|落实|执行)情况(?:表|台账|统计表)?"
)


def period_reported(title: str, year: int) -> tuple[str, dt.date] | None:
    """The title without the words naming the quarter its table reports on, and the day that
    quarter ends in ``year``; None for a title naming none."""
    found = re.search(rf"{_PERIOD_REPORT}\s*$", unicodedata.normalize("NFKC", title))
    if found is None:
        return None
    if found["half"]:
        quarter = 2
    elif found["three"]:
        quarter = 3
    else:
        mark = found["quarter"]
        quarter = "一二三四".index(mark) + 1 if mark in "一二三四" else int(mark)
    month = quarter * 3
    day = dt.date(year, month, calendar.monthrange(year, month)[1])
    rest = title[: found.start()].rstrip(" ·-—_")
    return (rest or title), day


# A column counted from January to a month's end (1-6月, 1月—9月份), and a progress note's
# header naming the months it reports on (1-6月完成情况, 上半年进展情况, 前三季度落实情况).
SINCE_JANUARY = r"(?:\d{4}年)?(?:1|一)月?[-－—–~～至到](?P<month>\d{1,2})月(?:份|底|末)?"
_NOTE_PERIOD = (
    rf"(?:截至)?(?:{SINCE_JANUARY}|(?P<half>上半年)|(?P<three>前三季度)"
    r"|第?(?P<quarter>[一二三四1-4])季度)"
)


def months_through(header: str) -> int | None:
    """The month a header's period runs to, from January (1-6月完成情况: 6; 上半年工作进展:
    6; 前三季度落实情况: 9; 一季度进展情况: 3); None for a header that names none."""
    found = re.match(_NOTE_PERIOD, re.sub(r"\s+", "", unicodedata.normalize("NFKC", header)))
    if found is None:
        return None
    if found["month"]:
        month = int(found["month"])
        return month if 1 <= month <= 12 else None
    if found["half"]:
        return 6
    if found["three"]:
        return 9
    mark = found["quarter"]
    return ("一二三四".index(mark) + 1 if mark in "一二三四" else int(mark)) * 3
