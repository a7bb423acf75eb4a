"""What a report is of, as its title says it: the place (衡南县泉湖镇人民政府 -> 泉湖镇), the
period it covers (全年, 上半年, 1—5月, 阶段性), the plan's years (2023年, 2023-2024年度) and its
kind (工作计划, 民生实事项目, 整改)."""

from __future__ import annotations

import datetime as dt
import re

from ..model import Plan
from ..texts import one_line
from .words import phrase

# Units of local government, for the short place name in the title: 衡南县泉湖镇 -> 泉湖镇.
_ORG_SUFFIXES = (
    "人民政府",
    "人民代表大会",
    "村民委员会",
    "居民委员会",
    "委员会",
    "办事处",
    "党工委",
    "党委",
    "政府",
    # An English plan's: Riverside Town People's Government -> Riverside Town.
    " People's Government",
    " People’s Government",
    " Government",
    " Party Committee",
    " Committee",
)
_PARTY_PREFIXES = ("中国共产党", "中共")
# Between the names of a plan signed jointly (中共泉湖镇委员会、泉湖镇人民政府; a space, comma or
# slash only between Chinese names, not inside an English one).
_ORG_SEPARATORS = re.compile(r"[、，；]+|(?<=[\u3400-\u9fff])[\s,;/]+(?=[\u3400-\u9fff])")
# A unit word followed by another is part of the name: 西乡县, 乡宁县, 东乡区 (not 西乡 + 县…).
_ADMIN_UNIT = re.compile(
    r".+?(?:自治县|自治州|街道|社区|省|市|县|区|旗|镇|乡|村)(?![省市县区旗镇乡])"
)


def place_name(plan: Plan) -> str:
    """The organisation's short place name (衡南县泉湖镇人民政府 -> 泉湖镇), else what the plan's
    title says before its year (泉湖镇2023年工作计划 -> 泉湖镇)."""
    # A plan signed jointly names its town in each name: the last place named (the
    # government's), else the last name.
    names = [_short_place(name) for name in _ORG_SEPARATORS.split(one_line(plan.organisation))]
    names = [name for name in names if name]
    places = [name for name in names if _ADMIN_UNIT.fullmatch(name)]
    if places or names:
        return (places or names)[-1]
    before_year = re.match(r"(.*?)\s*\d{4}\s*年?", one_line(plan.title))
    # a notice's words are what it does, not whose plan (关于印发2023年…, 县政府办关于2023年…)
    before = re.split(r"关于|印发|[《“]", before_year.group(1))[0] if before_year else ""
    if before.isascii():  # English: the place it names (Work Plan of Quanhu Town for 2023)
        place = re.search(rf"(?:[A-Z][\w'-]*\s+)+{_EN_PLACE}\b", before)
        return place.group() if place else ""
    return before.strip()


_EN_PLACE = r"(?:Town|Township|County|District|Subdistrict|Village|City|Community|Street)"


def _short_place(name: str) -> str:
    """One organisation's place (中共衡南县泉湖镇委员会, 泉湖镇党委政府 -> 泉湖镇), else its name
    (衡南县农业农村局); "" for a name that is a suffix alone (政府, of 泉湖镇党委、政府)."""
    for prefix in _PARTY_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            name = name[len(prefix) :]
            break
    shortened = True
    while shortened:  # 泉湖镇党委政府: 政府, then 党委
        shortened = False
        for suffix in _ORG_SUFFIXES:
            if name.endswith(suffix) and len(name) > len(suffix):
                name, shortened = name[: -len(suffix)].rstrip(), True
                break
    if name in _ORG_SUFFIXES:
        return ""
    units = _ADMIN_UNIT.findall(name)
    return units[-1] if units and "".join(units) == name else name


# What a report covers, by the day it is as of (``period_of``), for a plan over a calendar year.
PERIODS = ("year", "q1", "h1", "q3", "months", "to_date")

_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def period_of(plan: Plan, as_of: dt.date) -> str:
    """What the report covers: ``year`` from the plan's end on (全年); for a plan over one
    calendar year, at the end of March ``q1`` (一季度), of June ``h1`` (上半年), of September
    ``q3`` (前三季度), of another month ``months`` (1—5月); any other day, or a plan that is not
    a calendar year, ``to_date`` (阶段性)."""
    if as_of >= plan.end:
        return "year"
    calendar_year = plan.start == dt.date(plan.end.year, 1, 1) and plan.end == dt.date(
        plan.end.year, 12, 31
    )
    month_end = (as_of + dt.timedelta(days=1)).day == 1
    if not calendar_year or not month_end or as_of < plan.start:
        return "to_date"
    return {3: "q1", 6: "h1", 9: "q3"}.get(as_of.month, "months")


def period_words(lang: str, period: str, as_of: dt.date) -> str:
    """上半年, 前三季度, 1—5月 / the first half…; "" for a whole year or a day within a month."""
    if period in ("q1", "h1", "q3"):
        return phrase(lang, f"period_{period}")
    if period == "months":
        if as_of.month == 1:
            return phrase(lang, "period_month")
        return phrase(
            lang, "period_months", month=as_of.month, month_name=_MONTH_NAMES[as_of.month - 1]
        )
    return ""


# A span of two years as a title writes it: 2023-2024年度, 2023—2024年, 2023至2024年度.
_TITLE_SPAN = re.compile(r"((?:19|20)\d\d)\s*([-—–~～至到])\s*((?:19|20)\d\d)\s*(年度|年)?")


def plan_years(plan: Plan, lang: str, later: int = 0) -> str:
    """The year a plan covers, as its title and report name it: 2023年 (2023 in English); for
    a plan over parts of two calendar years (July to June) the span as its title writes it
    (2023-2024年度) or its season (2024年秋冬季), else by its months (2023年7月—2024年6月).
    ``later``: that many plan periods on (the next plan year, into which what is left is carried): a year each, or two
    for a plan over two whole years (2023-2024年 is followed by 2025-2026年, not 2024-2025年)."""
    start, end = plan.start, plan.end
    half = half_of(plan)
    if half is not None and later == 0:  # XX街道2020年下半年工作计划: its report is of 下半年
        if lang == "zh":
            return f"{start.year}年{'上半年' if half == 1 else '下半年'}"
        return f"H{half} {start.year}"
    later *= max(1, round(((end - start).days + 1) / 365.25))
    if start.year == end.year:
        year = (plan.year if later == 0 else end.year) + later
        return f"{year}年" if lang == "zh" else str(year)
    span = _TITLE_SPAN.search(one_line(plan.title))
    if span is not None and (int(span.group(1)), int(span.group(3))) == (start.year, end.year):
        first, last = start.year + later, end.year + later
        if lang != "zh":
            return f"{first}-{last}"
        return f"{first}{span.group(2)}{last}{span.group(4) or '年度'}"
    first_year, last_year = start.year + later, end.year + later
    if lang == "zh":
        # a campaign named by its season (镇罗镇2024年秋冬季…): as its title says it
        season = re.search(rf"(?<!\d){start.year}\s*年\s*(秋冬季|冬春季)", one_line(plan.title))
        if season is not None:
            return f"{first_year}年{season.group(1)}"
        return f"{first_year}年{start.month}月—{last_year}年{end.month}月"
    return (
        f"{_MONTH_NAMES[start.month - 1]} {first_year} – {_MONTH_NAMES[end.month - 1]} {last_year}"
    )


def half_of(plan: Plan) -> int | None:
    """1 or 2 for a plan over the first or the second half of a calendar year (a 下半年工作计划),
    else None."""
    year = plan.start.year
    if (plan.start, plan.end) == (dt.date(year, 1, 1), dt.date(year, 6, 30)):
        return 1
    if (plan.start, plan.end) == (dt.date(year, 7, 1), dt.date(year, 12, 31)):
        return 2
    return None


def whole_period(plan: Plan, lang: str) -> str:
    """The whole of a plan's period, as 全年未见进展记录 says it: 全年; a half-year plan's
    上半年 or 下半年; 计划期内 for another stretch shorter than a year."""
    half = half_of(plan)
    if half is not None:
        if lang == "zh":
            return "上半年" if half == 1 else "下半年"
        return "all the first half of the year" if half == 1 else "all the second half of the year"
    if plan.end - plan.start < dt.timedelta(days=364):
        return "计划期内" if lang == "zh" else "all through the plan's period"
    return "全年" if lang == "zh" else "all year"


# What a plan of a year's projects for the people is called, with the count it was voted
# with (十大民生实事, 十件为民办实事, 县列为民实事): the report is of them, not of a 工作计划.
LIVELIHOOD = r"(?:民生实事|为民办实事|为民实事|惠民实事)"
# (figures not inside a year: 2023十大 is 2023 and 十大)
COUNTED = r"(?:[一二三四五六七八九十百两]+|(?<!\d)\d{1,3})\s*[大件项个]"


def livelihood_kind(title: str) -> str | None:
    """十大民生实事项目 of 洋县2024年十大民生实事项目清单, 为民实事 of 天祝藏族自治县2023年县列
    为民实事 (a 民生实事 alone said 民生实事项目, as before); None for a plan of other work."""
    found = re.search(rf"({COUNTED})?\s*({LIVELIHOOD})", one_line(title))
    if found is None:
        return None
    count = (found.group(1) or "").replace(" ", "")
    return count + found.group(2) + ("项目" if found.group(2) == "民生实事" else "")


def rectification_kind(title: str) -> str | None:
    """巡察审计反馈问题整改 of 某镇2024年巡察审计反馈问题整改清单: what a 整改 list after its year
    puts right, without the 清单 or 台账 it is kept in; None for a plan of other work."""
    found = re.search(
        r"(?:19|20)\d\d\s*年度?\s*(\S*?整改)(?:工作)?(?:任务)?(?:清单|台账|方案|推进表|一览表|表)?$",
        one_line(title).strip(),
    )
    return found.group(1) if found and found.group(1) != "整改" else None


def campaign_kind(title: str) -> str | None:
    """安全生产专项整治工作 of 徐庄镇2017年度安全生产专项整治工作计划: the campaign a 专项整治 or
    专项行动 plan after its year is of, said as its work; None for a plan of other work."""
    found = re.search(
        r"(?:19|20)\d\d\s*年度?\s*(\S*?专项(?:整治|行动))(?:工作)?"
        r"(?:计划|方案|安排表|安排|任务清单|清单|台账)?$",
        one_line(title).strip(),
    )
    return f"{found.group(1)}工作" if found else None


# A plan of one named work (某县2025年农村人居环境整治工作任务分解表, 党建工作计划): its report is
# of that work, as the body names it (words.work_named); a town's 重点工作 or 政府工作 is its
# 工作计划, said so.
_NAMED_WORK = re.compile(
    r"(?:19|20)\d\d\s*年度?\s*(\S{2,}?工作)(?:任务分解表|任务分解|任务清单|责任分工表|推进表|"
    r"计划表|计划|方案|安排表|安排|清单|台账|一览表|表)?$"
)
_PERIOD_FIRST = re.compile(
    r"^(?:[上下]半年|全年|第?[一二三四]季度|\d{1,2}(?:月份?)?[-—－~至到]\d{1,2}月份?|\d{1,2}月份?"
    r"|秋冬季|冬春季)"
)
_GENERAL_WORK = re.compile(
    r"(?:重点|主要|全年|年度|各项|政府|党政|中心|日常|整体|全面|其他|其它"
    r"|全[镇乡县区市]|全街道|[镇乡]村|[镇乡县区市]|街道|党委政府)*工作"
)  # (全镇重点工作, 镇党委政府重点工作: the town's whole work, its 工作计划)


def named_work_kind(title: str) -> str | None:
    """农村人居环境整治工作 of 某县2025年农村人居环境整治工作任务分解表: the one work a plan after
    its year is of, as its title says it (a 规划 of years its 规划: 高质量发展工作规划); None for
    a town's 重点工作 and for other plans."""
    text = one_line(title).strip()
    planning = re.search(r"(?:19|20)\d\d\s*年度?\s*(\S*?规划)$", text)
    if planning is not None:  # a 规划 of years (2026—2030年高质量发展工作规划): a 规划, as titled
        return _PERIOD_FIRST.sub("", planning.group(1), count=1) or None
    found = _NAMED_WORK.search(text)
    if found is None:
        return None
    # (the period the title names, 下半年 or 秋冬季, the report's title says where it goes)
    work = _PERIOD_FIRST.sub("", found.group(1), count=1)
    return None if _GENERAL_WORK.fullmatch(work) else work


# A 目标（管理）责任书 and its 考核细则 (…农村工作目标管理责任书考核细则): the report is of the
# 责任书, as the body names it (words.work_named); a 重点项目建设计划表's of that 计划.
_RESPONSIBILITY = re.compile(r"(?:19|20)\d\d\s*年度?\s*(\S*?责任书)")
_PROJECTS = re.compile(r"(?:19|20)\d\d\s*年度?\s*(\S*?重点项目\S*?计划)(?:安排)?表?$")
# A 工作要点 (泉湖镇2024年党建工作要点, 二〇二四年工作要点): its report is of the 要点, as the
# body names it; a table it was kept in (工作要点任务分解表, 台账) is not what it is.
_KEY_POINTS = re.compile(
    r"年度?\s*(\S*?工作要点)(?:任务分解|责任分工|分解)?(?:清单|台账|一览表|表)?$"
)


def other_kind(title: str) -> tuple[str, str] | None:
    """What a plan of neither 工作计划 nor 民生实事 nor 整改 is, as its title says it and in
    English: (农村工作目标管理责任书, target responsibility), (重点项目建设计划, key projects),
    (党建工作要点, work priorities);
    None for a 工作计划."""
    text = one_line(title).strip()
    if found := _RESPONSIBILITY.search(text):
        return found.group(1), "target responsibility"
    if found := _PROJECTS.search(text):
        return found.group(1), "key projects"
    if found := _KEY_POINTS.search(text):
        return found.group(1), "work priorities"
    return None


def report_title(plan: Plan, lang: str, period: str = "year", as_of: dt.date | None = None) -> str:
    """泉湖镇2023年工作计划完成情况总结; 泉湖镇2023年上半年工作计划完成情况总结 at the end of June;
    泉湖镇2023年工作计划阶段性完成情况总结 on a day within a month (``period_of``); a July–June
    plan's 泉湖镇2023-2024年度工作计划完成情况总结 (``plan_years``); a 民生实事 plan's
    暨阳街道2023年民生实事项目完成情况总结."""
    place, year = place_name(plan), plan_years(plan, lang)
    # What the plan is: a 民生实事 推进表's report is of its projects, not of a 工作计划.
    said = livelihood_kind(plan.title)
    livelihood = said is not None
    # A 整改清单's report is of the 整改 (巡察审计反馈问题整改), not of a 工作计划.
    rectified = None if livelihood else rectification_kind(plan.title)
    other = None if livelihood or rectified else other_kind(plan.title)
    if lang == "zh":
        kind = said or rectified or (other[0] if other else None)
        kind = kind or campaign_kind(plan.title) or named_work_kind(plan.title) or "工作计划"
    elif livelihood:
        kind = "livelihood projects"
    else:
        kind = "rectification" if rectified else (other[1] if other else "work plan")
    if period == "year" or as_of is None:
        return phrase(lang, "title", place=place, year=year, kind=kind).strip()
    if period == "to_date":
        return phrase(lang, "title_to_date", place=place, year=year, kind=kind).strip()
    words = period_words(lang, period, as_of)
    return phrase(lang, "title_period", place=place, year=year, period=words, kind=kind).strip()
