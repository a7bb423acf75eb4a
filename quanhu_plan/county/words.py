"""What the county's view says, in Chinese and English: the table's columns and cells, the
ranking and reporting rules printed under it, and the sentences of the 通报. Pure."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import TYPE_CHECKING

from ..texts import (
    counted,
    format_long_date,
    format_number,
    pace_label,
    round_half_up,
    status_label,
)
from .ranking import PLACES, Weights, shown

if TYPE_CHECKING:
    from .reporting import ReportingRule
    from .view import County, LeftOut, PlanRow

COLUMNS = {
    "zh": {
        "rank": "排名",
        "name": "单位",
        "tasks": "任务",
        "done": "完成",
        "completion": "完成率",
        "ahead": "超进度",
        "on_pace": "达进度",
        "behind": "欠进度",
        "overdue": "逾期",
        "red": "红灯",
        "yellow": "黄灯",
        "green": "绿灯",
        "newest": "最近填报",
        "reported": "报送",
        "score": "得分",
    },
    "en": {
        "rank": "Rank",
        "name": "Organisation",
        "tasks": "Tasks",
        "done": "Done",
        "completion": "Completion",
        "ahead": "Ahead",
        "on_pace": "On pace",
        "behind": "Behind",
        "overdue": "Overdue",
        "red": "Red",
        "yellow": "Yellow",
        "green": "Green",
        "newest": "Last report",
        "reported": "Reported",
        "score": "Score",
    },
}

NOT_REPORTED = {"zh": "未报送", "en": "not reported"}
NO_REPORT = {"zh": "无记录", "en": "none"}

LEFT_ASIDE = {
    "zh": {
        "lock": "锁文件（plan 修改计划时留下的）",
        "temp": "临时文件（plan 写入时留下的）",
        "journal": "写入日志（plan 写入时留下的）",
        "settings": "县级设置文件，未使用（只读取所给第一个文件夹顶层的 county.toml）",
        "not_a_plan": "不是计划文件（没有 [plan] 表）",
        "no_plans": "文件夹中没有计划文件（.toml）",
        "not_toml": "不是计划文件（名字不以 .toml 结尾，如备份、表格）",
    },
    "en": {
        "lock": "a lock file (left by plan while changing a plan)",
        "temp": "a temporary file (left by plan while writing)",
        "journal": "a write journal (left by plan while writing)",
        "settings": "county settings, not used (only the county.toml at the top of the first "
        "folder given is read)",
        "not_a_plan": "not a plan file (no [plan] table)",
        "no_plans": "a folder with no plan file (.toml) in it",
        "not_toml": "not a plan file (its name does not end in .toml: a backup, a spreadsheet)",
    },
}


def column_keys(weights: Weights | None) -> list[str]:
    keys = list(COLUMNS["zh"])
    if weights is None:
        keys.remove("score")
    return keys


def columns(lang: str, weights: Weights | None) -> list[str]:
    return [COLUMNS[lang][key] for key in column_keys(weights)]


def percent_points(share: Fraction | None) -> str:
    """A share as a percent with one decimal, rounded half up: 58.3%; '—' for none."""
    value = shown(share * 100) if share is not None else None
    return "—" if value is None else f"{value}%"


def score_text(value: Fraction | None) -> str:
    figure = shown(value)
    return "—" if figure is None else str(figure)


def cells(row: PlanRow, lang: str, weights: Weights | None) -> dict[str, str]:
    """The row's cells as text, by column key."""
    figures = row.figures
    out = {
        "rank": str(row.rank) if row.rank is not None else "—",
        "name": row.name,
        "tasks": str(figures.total),
        "done": str(figures.done),
        "completion": percent_points(figures.completion),
        "ahead": str(figures.paces["ahead"]),
        "on_pace": str(figures.paces["on_pace"]),
        "behind": str(figures.paces["behind"]),
        "overdue": str(figures.paces["overdue"]),
        "red": str(figures.lights["red"]),
        "yellow": str(figures.lights["yellow"]),
        "green": str(figures.lights["green"]),
        "newest": row.newest.isoformat() if row.newest else NO_REPORT[lang],
        "reported": "" if row.reported else NOT_REPORTED[lang],
        "score": score_text(row.score),
    }
    return {key: out[key] for key in column_keys(weights)}


def _weight(value: Fraction) -> str:
    return format_number(round_half_up(value, 6))


def ranking_rule(lang: str, weights: Weights | None) -> str:
    """The rule printed under the table."""
    if lang == "zh":
        if weights is None:
            # (plan status shows it whole: 41% there may be 41.5% here, one exact share)
            by = f"按完成率（算法与各计划 plan status 的合计完成率相同，这里保留{PLACES}位小数）由高到低"
        else:
            by = (
                f"按得分由高到低，得分 = 完成率×{_weight(weights.completion)} + 序时达标率×"
                f"{_weight(weights.on_pace)} − 逾期任务数×{_weight(weights.overdue)}（完成率、"
                "序时达标率以百分点计；序时达标率 = 已完成、超进度、达进度的任务占任务数（不含常态推进）的比例）"
            )
        return (
            f"排名规则：{by}；保留{PLACES}位小数后相同的并列，名次按 1、2、2、4 排，并列者按文件"
            "顺序列出；没有计入任务的计划不参加排名。"
        )
    if weights is None:
        by = (
            "by completion (the total completion plan status shows for each plan, here to "
            f"{PLACES} decimal{'s' if PLACES != 1 else ''}), highest first"
        )
    else:
        by = (
            f"by score, highest first: completion × {_weight(weights.completion)} + on-pace "
            f"share × {_weight(weights.on_pace)} − overdue tasks × {_weight(weights.overdue)} "
            "(completion and on-pace share in points; the on-pace share is the share of tasks "
            "done, ahead or on pace, ongoing standing work not counted)"
        )
    return (
        f"Ranking: {by}; equal figures at {PLACES} decimal share a place (1, 2, 2, 4), listed in "
        "file order; a plan with no counted task is not ranked."
    )


def _day_said(lang: str, day: dt.date, document: bool) -> str:
    """A day in a sentence: in the 通报's document (Word, Markdown, workbook) a Chinese day as
    its title says it, 2023年6月25日, with no space around it; on the terminal 2023-06-25."""
    if document and lang == "zh":
        return format_long_date(lang, day)
    return f" {day.isoformat()} " if lang == "zh" else day.isoformat()


def reporting_words(
    lang: str,
    rule: ReportingRule,
    day: dt.date,
    spans: list[tuple[dt.date | None, dt.date | None]] | None = None,
    document: bool = False,
) -> str:
    """The reporting rule and what it means at ``day``; where no plan of ``spans`` (each plan's
    first and last day) owes a report then (every one ended: the view of a past year), that
    none does, not a deadline of this year that none of them has. ``document``: for the
    通报's file (``_day_said``)."""
    if spans is not None and not any(rule.due(start, end, day) for start, end in spans):
        return _none_owing(lang, rule, day, spans, document)
    origin = _origin(lang, rule)
    if lang == "zh":
        since = _day_said(lang, rule.since(day), document)
        if rule.stale_days is not None:
            asked = f"{rule.stale_days} 天内应有填报记录{origin}"
        else:
            due = rule.deadline(day)  # a day: the rule has a day of the month
            deadline = _day_said(lang, due, document).rstrip() if due else ""
            asked = (
                f"每月{_day_words(lang, rule.day_of_month)}前填报{origin}；最近一次期限为{deadline}"
            )
        return (
            f"报送要求：{asked}。截至{_day_said(lang, day, document).rstrip()}，自{since}起没有任何"
            "填报记录（进度、完成值、进展情况、销号等修改记录，按写入日期计）的计划列为未按要求报送。"
        )
    since = rule.since(day).isoformat()
    if rule.stale_days is not None:
        asked = f"a record within {counted(rule.stale_days, 'day')}{origin}"
    else:
        asked = (
            f"a report by the {_day_words(lang, rule.day_of_month)} of each month{origin}; "
            f"the latest deadline was {rule.deadline(day)}"
        )
    return (
        f"Reporting: {asked}. As of {day.isoformat()}, a plan with nothing recorded since "
        f"{since} (progress, figures, notes, tick-offs: any change, by the day it was written) "
        "is listed as not reported."
    )


def _origin(lang: str, rule: ReportingRule) -> str:
    return {
        "zh": {"default": "（默认）", "settings": "（county.toml）", "option": ""},
        "en": {"default": " (the default)", "settings": " (county.toml)", "option": ""},
    }[lang][rule.origin]


def _none_owing(
    lang: str,
    rule: ReportingRule,
    day: dt.date,
    spans: list[tuple[dt.date | None, dt.date | None]],
    document: bool = False,
) -> str:
    since, origin = rule.since(day), _origin(lang, rule)
    ended = all(end is not None and end < since for _, end in spans)
    if lang == "zh":
        if rule.stale_days is not None:
            asked = f"{rule.stale_days} 天内应有填报记录{origin}"
        else:
            asked = f"每月{_day_words(lang, rule.day_of_month)}前填报{origin}"
        why = "各计划的计划期均已结束" if ended else "各计划均不在填报期内"
        said = _day_said(lang, day, document).rstrip()
        return f"报送要求：{asked}。截至{said}，{why}，没有计划需要报送。"
    if rule.stale_days is not None:
        asked = f"a record within {counted(rule.stale_days, 'day')}{origin}"
    else:
        asked = f"a report by the {_day_words(lang, rule.day_of_month)} of each month{origin}"
    why = "every plan's period has ended" if ended else "no plan is in a period to report on"
    return f"Reporting: {asked}. As of {day.isoformat()}, {why}: none owes a report."


def _day_words(lang: str, day: int | None) -> str:
    if day is None:
        return ""
    if lang == "zh":
        return "月底" if day == 31 else f"{day}日"
    if day == 31:
        return "last day"
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def left_out_line(left: LeftOut, lang: str) -> str:
    sep = "：" if lang == "zh" else ": "
    if left.message:  # an error (the store's message names the file, mostly) or a copy
        return left.message if left.file in left.message else f"{left.file}{sep}{left.message}"
    return f"{left.file}{sep}{LEFT_ASIDE[lang][left.why]}"


def unnamed_words(county: County) -> str | None:
    """What is said, once, of the plans that name no organisation and are told apart only by
    their files (``County.unnamed``): which, and how to name them; None if there are none."""
    rows = county.unnamed
    if not rows:
        return None
    names = [(row.shared or "").strip(" （）()") for row in rows]
    if county.lang == "zh":
        return (
            f"{len(rows)} 个计划没有写明单位（{'、'.join(names)}），按所在文件夹和文件区分，"
            "各自计入；请在每个计划中用 plan header --organisation 写明单位。"
        )
    return (
        f"{len(rows)} plans name no organisation ({', '.join(names)}): they are told apart by "
        "their folders and files and each counted; name each one's organisation in it with "
        "plan header --organisation."
    )


def awaiting_words(county: County) -> str | None:
    """What is said, once, of the plans at 100% whose tasks are not all ticked off (only
    ``plan done`` ticks off): their 完成/任务 beside 100% would contradict itself unsaid, as
    under ``plan status`` (``records.awaiting_tick_off``), the figures held all year within them
    before their deadline (``Rollup.held``: nothing to tick off yet) and the tasks still blocked
    counted apart; None if there are none."""
    found = [
        (row, figures.total - figures.done - figures.blocked - figures.held, figures)
        for row in county.rows
        if (figures := row.figures).completion == 1 and figures.total > figures.done
    ]
    if not found:
        return None
    zh = county.lang == "zh"
    if not any(figures.held or figures.blocked for _, _, figures in found):
        if zh:
            named = "、".join(f"{row.name}（{waiting}项）" for row, waiting, _ in found)
            return (
                f"注：{named}的任务完成率均已达100%，尚未销号；完成/任务一栏只计已销号的任务"
                "（核实后用 plan done 销号）。"
            )
        named = ", ".join(f"{row.name} ({waiting})" for row, waiting, _ in found)
        return (
            f"Note: every task of {named} is at 100% but not all are ticked off; the done/tasks "
            "column counts the tasks ticked off (check them, then plan done)."
        )
    said = []
    for row, waiting, figures in found:
        parts = [
            (zh_words if zh else en_words).format(n=n)
            for n, zh_words, en_words in (
                (waiting, "{n}项尚未销号", "{n} not ticked off"),
                (
                    figures.held,
                    "{n}项指标目前保持在目标范围内",
                    "{n} held within the target so far",
                ),
                (figures.blocked, "{n}项仍为受阻", "{n} still blocked"),
            )
            if n
        ]
        said.append(
            f"{row.name}（{'，'.join(parts)}）" if zh else f"{row.name} ({', '.join(parts)})"
        )
    if zh:
        return (
            f"注：{'、'.join(said)}的任务完成率均已达100%；完成/任务一栏只计已销号的任务"
            "（核实后用 plan done 销号；保持在目标范围内的指标到完成时限再销号）。"
        )
    return (
        f"Note: every task of {'; '.join(said)} is at 100% but not all are ticked off; the "
        "done/tasks column counts the tasks ticked off (check them, then plan done; a figure "
        "held within its target is ticked off at its deadline)."
    )


def not_begun_words(county: County, document: bool = False) -> str | None:
    """What is said, once, of the plans whose period had not begun at the day they are judged
    at (``County.not_begun``: a July–June year in a June notice), which are not ranked; None if
    there are none. ``document``: for the 通报's file (``_day_said``)."""
    rows = county.not_begun
    if not rows:
        return None
    if county.lang == "zh":
        named = "、".join(
            f"{row.name}的计划期自{_day_said('zh', row.start, document)}开始"
            for row in rows
            if row.start is not None
        )
        said = f"{named}，截至{_day_said('zh', rows[0].as_of, document)}尚未开始，不参加排名，也不计入总体情况。"
        return said + _no_year_words(rows, "zh")
    named = "; ".join(f"{row.name}'s plan period begins on {row.start}" for row in rows)
    said = f"{named}: not begun as of {rows[0].as_of}, so not ranked nor counted in the overview."
    return said + _no_year_words(rows, "en")


def _no_year_words(rows: list[PlanRow], lang: str) -> str:
    """Of plans not begun because they state no year (taken to be of this year, which is later
    than the day asked): that they state none, and how to state the year the day is of."""
    yearless = [row for row in rows if not row.year_stated]
    if not yearless:
        return ""
    from ..shell_words import quote

    year = rows[0].as_of.year
    header = f"plan -f {quote(yearless[0].file)} header --year {year}"
    this_year = yearless[0].year
    if lang == "zh":
        names = "、".join(row.name for row in yearless)
        return (
            f"其中{names}的计划没有写明年度（没有 year、start、end），按今年 {this_year} 年计；"
            f"如果是 {year} 年度的计划，请先写明年度，例如：{header}。"
        )
    names = ", ".join(row.name for row in yearless)
    return (
        f" Of these, {names} state{'s' if len(yearless) == 1 else ''} no year (no year, start "
        f"or end), so {'it is' if len(yearless) == 1 else 'they are'} taken to be of this year, "
        f"{this_year}; if of {year}, state the year first, for example: {header}."
    )


def notes(county: County, document: bool = False) -> list[str]:
    """The notes said under the table, after the rules: the plans that name no organisation
    (``unnamed_words``), those at 100% not ticked off (``awaiting_words``), those not begun
    (``not_begun_words``; ``document``: for the 通报's file)."""
    said = (unnamed_words(county), awaiting_words(county), not_begun_words(county, document))
    return [note for note in said if note]


def _kinds_named(county: County) -> str:
    """The statuses and pace classes picked, named: 受阻、逾期 / blocked, overdue."""
    pick = county.pick
    if pick is None:
        return ""
    lang = county.lang
    named = [status_label(lang, s) for s in pick.statuses] + [
        (lang == "en" and _PACE_AFTER_TASK.get(p)) or pace_label(lang, p) for p in pick.paces
    ]
    return ("、" if lang == "zh" else ", ").join(named)


# Statuses and paces that read as an adjective before "task" (blocked tasks, overdue tasks);
# the others follow it (tasks not started, tasks in progress, tasks ahead of pace).
_BEFORE_TASK = frozenset({"blocked", "done", "dropped", "overdue"})
_PACE_AFTER_TASK = {"ahead": "ahead of pace", "behind": "behind pace"}


def _tasks_named_en(county: County, noun: str) -> str:
    """The tasks picked, in English word order: blocked tasks, tasks not started, blocked
    tasks behind pace; ``noun`` is task or tasks."""
    pick = county.pick
    if pick is None:
        return noun
    before: list[str] = []
    after: list[str] = []
    statuses = [status_label("en", s) for s in pick.statuses]
    paces = [_PACE_AFTER_TASK.get(p) or pace_label("en", p) for p in pick.paces]
    for picked, named in ((pick.statuses, statuses), (pick.paces, paces)):
        (before if set(picked) <= _BEFORE_TASK else after).extend(named)
    return " ".join(words for words in (", ".join(before), noun, ", ".join(after)) if words)


def picked_title(county: County) -> str:
    """The heading of the items listed across the plans (``county.view.Pick``): 县级任务 县-1
    在各单位, 各单位逾期的任务, 县级任务 县-1 在各单位（只列逾期的）…, with the day."""
    # the day, and the days the ended plans' tasks are judged at, as the ranking's heading
    day, kinds = county.day.isoformat() + ended_said(county), _kinds_named(county)
    zh = county.lang == "zh"
    if county.key is not None:
        if zh:
            return f"县级任务 {county.key} 在各单位{f'（只列{kinds}的）' if kinds else ''} · 截至 {day}"
        only = f" ({kinds} only)" if kinds else ""
        return f"County task {county.key} across the plans{only} · as of {day}"
    if zh:
        return f"各单位{kinds}的任务 · 截至 {day}"
    tasks = _tasks_named_en(county, "tasks")
    return f"{tasks[:1].upper()}{tasks[1:]} across the plans · as of {day}"


def picked_missing(county: County) -> str:
    """What the towns with nothing listed are called, before their names."""
    kinds = _kinds_named(county)
    zh = county.lang == "zh"
    if county.key is None:
        return "没有这类任务的单位：" if zh else "Plans without such tasks: "
    if kinds:
        return f"没有{kinds}的这项任务的单位：" if zh else f"Plans without this task {kinds}: "
    return "没有这项任务的单位：" if zh else "Plans without this task: "


def errors_said(county: County) -> str | None:
    """What is said on stderr beside a 通报 (a file, or Markdown printed) of the files that did
    not read: why the command exits 1, which the terminal shows nothing else of (the 通报 names
    them in its 五、未计入的文件). None when every file read."""
    if not county.errors:
        return None
    count = len(county.errors)
    if county.lang == "zh":
        head = f"注意：{count} 个文件有问题，未计入本次汇总（请修正后重新汇总）："
    else:
        were = "was" if count == 1 else "were"
        head = (
            f"Note: {counted(count, 'file')} could not be read and {were} left out (fix and "
            "run again):"
        )
    return "\n".join(
        [head, *(list_entry(left_out_line(left, county.lang)) for left in county.errors)]
    )


def list_entry(message: str) -> str:
    """A file's message as an entry of a list of files: "  - " before its first line, the
    lines after it (its problems, the advice) indented under it, as the terminal table puts
    them; not as far left as the files, where they would read as the next file's."""
    first, *rest = message.split("\n")
    return "\n".join(["  - " + first, *("  " + line if line else line for line in rest)])


def left_out_heading(county: County) -> str | None:
    """What the output says of the files not counted (None: every file was)."""
    others, copies = _not_counted(county)
    empty = sum(1 for left in county.skipped if left.why == "no_plans")
    errors, skipped = len(county.errors), len(county.skipped) - copies - others - empty
    if not errors and not skipped and not copies and not others and not empty:
        return None
    if county.lang == "zh":
        said = []
        if empty:
            said.append(f"{empty} 个文件夹中没有计划文件")
        if errors:
            said.append(f"{errors} 个文件有问题，未计入（请修正后重新汇总）")
        if others:
            said.append(f"{others} 个文件是其他年度的计划，未计入")
        if copies:
            said.append(f"{copies} 个文件是已计入的计划的副本，未重复计入")
        if skipped:
            said.append(f"{skipped} 个文件不是计划，已跳过")
        return "；".join(said) + "："
    said = []
    if empty:
        said.append(
            f"{counted(empty, 'folder')} given "
            + ("holds" if empty == 1 else "hold")
            + " no plan file"
        )
    if errors:
        said.append(
            f"{counted(errors, 'file')} could not be read and "
            f"{'was' if errors == 1 else 'were'} left out (fix and run again)"
        )
    if others:
        said.append(
            f"{counted(others, 'file')} "
            + (
                "is a plan of another year and was"
                if others == 1
                else "are plans of another year and were"
            )
            + " not counted"
        )
    if copies:
        said.append(
            f"{counted(copies, 'file')} "
            + (
                "is a copy of a plan counted and was"
                if copies == 1
                else "are copies of a plan counted and were"
            )
            + " not counted again"
        )
    if skipped:
        said.append(
            f"{counted(skipped, 'file')} "
            + ("is not a plan and was" if skipped == 1 else "are not plans and were")
            + " skipped"
        )
    return "; ".join(said) + ":"


def heading(county: County) -> str:
    """The table's title: 各乡镇工作计划推进情况 · 截至 2023-06-30."""
    if county.lang == "zh":
        return f"各乡镇工作计划推进情况 · 截至 {county.day.isoformat()}{ended_said(county)}"
    return f"The towns' work plans · as of {county.day.isoformat()}{ended_said(county)}"


def ended_said(county: County) -> str:
    """After the view's day, the days plans that ended before it are judged at (their ends):
    （已结束的计划按其结束日 2023-12-31 计）; empty when every plan is judged at the day."""
    ended = [day.isoformat() for day in county.days if day != county.day]
    if not ended:
        return ""
    if county.lang == "zh":
        if len(ended) == 1:
            return f"（已结束的计划按其结束日 {ended[0]} 计）"
        return f"（已结束的计划按各自的结束日 {'、'.join(ended)} 计）"
    if len(ended) == 1:
        return f" (plans that have ended are judged at their end, {ended[0]})"
    return f" (plans that have ended are judged at their own ends, {', '.join(ended)})"


# ---------------------------------------------------------------- the 通报


def notice_title(county: County) -> str:
    if county.lang == "zh":
        return f"关于各乡镇工作计划推进情况的通报（截至{format_long_date('zh', county.day)}）"
    return f"Notice on the progress of the towns' work plans (as of {county.day.isoformat()})"


def section_titles(lang: str) -> dict[str, str]:
    if lang == "zh":
        return {
            "overall": "一、总体情况",
            "top": "二、排名靠前的单位",
            "bottom": "三、排名靠后的单位",
            "not_reported": "四、未按要求报送的单位",
            "left_out": "五、未计入的文件",
            "table": "附表：各单位推进情况排名",
        }
    return {
        "overall": "1. Overall",
        "top": "2. Ranked highest",
        "bottom": "3. Ranked lowest",
        "not_reported": "4. Not reported",
        "left_out": "5. Files not counted",
        "table": "Table: the plans ranked",
    }


# The pace classes the county's overview counts; standing work (常态推进) after them, where a plan
# has any: counted in none of the four, it is said apart, as ``plan status`` says it.
_PACES_SAID: tuple[str, ...] = ("ahead", "on_pace", "behind", "overdue")


def overall_sentences(county: County) -> list[str]:
    total, lang = county.total, county.lang
    paces, lights = total.paces, total.lights
    ranked = len(county.ranked)
    if lang == "zh":
        lines = [
            f"本次汇总计划 {len(county.rows)} 个（参加排名 {ranked} 个），任务 {total.total} 项"
            f"（不含已取消），已完成 {total.done} 项，各计划平均完成率 "
            f"{percent_points(total.completion)}。",
            "按序时进度："
            + "、".join(
                f"{pace_label(lang, kind)} {paces[kind]} 项"
                for kind in _PACES_SAID + (("ongoing",) if paces.get("ongoing") else ())
            )
            + f"；红灯 {lights['red']} 项、黄灯 {lights['yellow']} 项、绿灯 {lights['green']} 项。",
            f"未按要求报送的单位 {len(county.not_reported)} 个。",
        ]
        lines[1:1] = _judged_at_end(county)
        if county.errors:
            lines.append(f"另有 {len(county.errors)} 个文件有问题，未计入本次汇总（见第五部分）。")
        others, copies = _not_counted(county)
        if others or copies:
            said = [f"{others} 个其他年度的计划"] if others else []
            said += [f"{copies} 个已计入的计划的副本"] if copies else []
            lines.append(f"另有 {'、'.join(said)}未计入本次汇总（见第五部分）。")
        return lines
    lines = [
        f"{counted(len(county.rows), 'plan')} counted ({ranked} ranked), "
        f"{counted(total.total, 'task')} (not counting dropped ones), {total.done} done; mean "
        f"completion {percent_points(total.completion)}.",
        "Pace: "
        + ", ".join(
            f"{pace_label(lang, kind)} {paces[kind]}"
            for kind in _PACES_SAID + (("ongoing",) if paces.get("ongoing") else ())
        )
        + f"; red {lights['red']}, yellow {lights['yellow']}, green {lights['green']}.",
        f"Plans not reported: {len(county.not_reported)}.",
    ]
    lines[1:1] = _judged_at_end(county)
    if county.errors:
        n = len(county.errors)
        lines.append(
            f"{counted(n, 'file')} could not be read and {'is' if n == 1 else 'are'} not "
            "counted (see 5)."
        )
    others, copies = _not_counted(county)
    if others or copies:
        said = [f"{counted(others, 'plan')} of another year"] if others else []
        said += [f"{counted(copies, 'copy', 'copies')} of plans already counted"] if copies else []
        lines.append(f"Not counted (see 5): {', '.join(said)}.")
    return lines


def _judged_at_end(county: County) -> list[str]:
    """Where plans ended before the notice's day (the year-end notice, written in January),
    which year's plans it counts and the day they are judged at, as the table's heading says:
    its title names only the day it was written."""
    ended = [day for day in county.days if day != county.day]
    if not ended:
        return []
    if county.lang == "zh":
        days = "、".join(format_long_date("zh", day) for day in ended)
        own = "其" if len(ended) == 1 else "各自的"
        plans = f"{county.year}年度的计划" if county.year is not None else "的计划"
        return [f"本次汇总{plans}，按{own}结束日{days}计。"]
    days = ", ".join(day.isoformat() for day in ended)
    own = "their end" if len(ended) == 1 else "their own ends"
    plans = f"The {county.year} plans" if county.year is not None else "Plans that have ended"
    return [f"{plans} are judged at {own}, {days}."]


def _not_counted(county: County) -> tuple[int, int]:
    """How many plans of another year, and copies of a plan counted, the view left out."""
    whys = [left.why for left in county.skipped]
    return whys.count("other_year"), whys.count("copy")


def place_line(row: PlanRow, county: County) -> str:
    """第1名 甲镇：完成率 80.0%（得分 85.0），逾期 0 项."""
    figures, lang = row.figures, county.lang
    if lang == "zh":
        text = f"第{row.rank}名 {row.name}：完成率 {percent_points(figures.completion)}"
        if county.weights is not None:
            text += f"，得分 {score_text(row.score)}"
        return text + f"，逾期 {figures.overdue} 项，红灯 {figures.lights['red']} 项。"
    text = f"No. {row.rank} {row.name}: completion {percent_points(figures.completion)}"
    if county.weights is not None:
        text += f", score {score_text(row.score)}"
    return text + f", {figures.overdue} overdue, {figures.lights['red']} red."


def not_reported_line(row: PlanRow, lang: str, document: bool = False) -> str:
    """甲镇（最近填报 2023-05-10）; in the 通报's file 甲镇（最近填报2023年5月10日）."""
    if lang == "zh":
        newest = (
            f"最近填报{_day_said(lang, row.newest, document).rstrip()}"
            if row.newest
            else "没有任何填报记录"
        )
        return f"{row.name}（{newest}）"
    newest = f"last report {row.newest.isoformat()}" if row.newest else "nothing recorded"
    return f"{row.name} ({newest})"


def none_line(lang: str) -> str:
    return "无。" if lang == "zh" else "None."


def end_none_line(county: County, key: str) -> str:
    """Said under 二 (``key`` "top") or 三 ("bottom") when it names no plan: where plans are
    ranked, why (``County.top``): they all share one place, said once, under 二; or the place
    at that end is shared by more than half of them, too many to call the top or the bottom."""
    lang, groups = county.lang, county.places_shared
    zh = lang == "zh"
    if not groups:
        return none_line(lang)
    if len(groups) == 1:
        [group] = groups
        if key == "bottom" and len(group) == 1:  # (one town shares its place with no one)
            return (
                "无（只有 1 个单位参加排名，见第二部分）。"
                if zh
                else ("None (only one plan is ranked: see 2).")
            )
        if key == "bottom":
            return "无（各单位并列，见第二部分）。" if zh else "None (all share one place: see 2)."
        if len(group) == 1:
            if zh:
                return f"只有 1 个单位参加排名（{group[0].name}），不分靠前、靠后。"
            return f"Only one plan is ranked ({group[0].name}): no top or bottom."
        if zh:
            return f"{len(group)} 个单位并列第1名（{_figure_said(county, group[0])}），不分靠前、靠后。"
        return f"All {len(group)} plans share the first place ({_figure_said(county, group[0])}): no top or bottom."
    group = groups[0] if key == "top" else groups[-1]
    if zh:
        return (
            f"{len(group)} 个单位并列第{group[0].rank}名（{_figure_said(county, group[0])}），"
            "超过参加排名单位的一半，不逐一列出。"
        )
    return (
        f"{len(group)} plans share place {group[0].rank} ({_figure_said(county, group[0])}), more "
        "than half of those ranked: not listed one by one."
    )


def _figure_said(county: County, row: PlanRow) -> str:
    """The figure plans sharing a place share: 完成率均为 50.0% / 得分均为 85.0."""
    zh = county.lang == "zh"
    if county.weights is not None:
        return f"得分均为 {score_text(row.score)}" if zh else f"each scores {score_text(row.score)}"
    figure = percent_points(row.figures.completion)
    return f"完成率均为 {figure}" if zh else f"each at {figure} completion"


def signature(county: County) -> list[str]:
    """落款: the issuer (county.toml's name) and the day of the view; none without a name."""
    if not county.issuer:
        return []
    return [county.issuer, format_long_date(county.lang, county.day)]
