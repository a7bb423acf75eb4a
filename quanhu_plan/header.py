"""The plan's header, the ``[plan]`` table (title, organisation, year, period, lang): changing
it with a trace and undoing that change. Pure: no I/O.

A header change is an ``edit`` entry like an item's (``at``, ``by``, ``action``, ``note``,
``before``, ``after``; see ``changes``), kept in the header's own log, ``[[plan.log]]``. ``plan
log`` lists it among the items' entries (``trace.trace``), ``plan undo`` reverts it in its turn
(``undoing.undo`` hands it to ``revert``), and an undo of it is logged there too. Fields of
``[plan]`` the tool does not know (``source``, ``[plan.warning]``…) are kept as they are.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .changes import (
    Stamp,
    _apply,
    _changed,
    _entry,
    _entry_at,
    _log,
    _same,
    later_change,
    made_by,
)
from .errors import BadChange
from .model import Plan
from .outcome import Notice, Outcome
from .periods import outside_year, period_in_year
from .shell_words import quote
from .trace import log_of
from .validate_header import check_meta

# The fields ``plan header`` changes, in the order it shows them.
HEADER_FIELDS = ("title", "organisation", "year", "start", "end", "lang")

HEADER_NAME = {"zh": "计划表头", "en": "the plan's header"}

# Their names (and of the header's tables), and the ``plan header`` option that sets each.
_NAMES = {
    "zh": {
        "title": "计划名称",
        "organisation": "单位",
        "year": "年度",
        "start": "开始日期",
        "end": "结束日期",
        "lang": "语言",
        # set by hand, no option: named where a merge conflict on them is said
        "warning": "红黄灯阈值",
        "workdays": "工作日安排",
    },
    "en": {
        "title": "title",
        "organisation": "organisation",
        "year": "year",
        "start": "start",
        "end": "end",
        "lang": "language",
        "warning": "light thresholds",
        "workdays": "days off and worked",
    },
}
OPTIONS = {
    "title": "--title",
    "organisation": "--organisation",
    "year": "--year",
    "start": "--start",
    "end": "--end",
    "lang": "--language",
}


def field_key(typed: str) -> str | None:
    """A header field as typed: its key (title) or its name in either language (计划名称,
    language); None for none of them."""
    text = typed.strip()
    for names in _NAMES.values():
        for key, name in names.items():
            if text in (key, name):
                return key
    return None


def field_name(name: str, lang: str) -> str:
    """A header field's name; one no option sets (conflict: a merge conflict resolve took
    away and undo brings back) by its name in the texts."""
    if name in _NAMES[lang]:
        return _NAMES[lang][name]
    from .texts import label

    try:
        return label(lang, name)
    except KeyError:
        return name


def header_value(value: Any, lang: str) -> str:
    """A header field's value as read: a year without a thousands separator, '—' when absent."""
    if value is None:
        return "—"
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).split())


def header_log(plan: Plan) -> list[dict[str, Any]]:
    """The entries of ``[[plan.log]]``."""
    return log_of(plan.meta)


def shifted(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later; the last day of February stays the last (29 February
    becomes the 28th in a common year, the 28th the 29th in a leap year), so that a period
    to the end of February keeps its last day."""
    year = day.year + years
    if day.month == 2 and day.day == _last_of_february(day.year):
        return dt.date(year, 2, _last_of_february(year))
    return day.replace(year=year)


def _last_of_february(year: int) -> int:
    """28 or 29 (not calendar's, which loads locale with it for this)."""
    return (dt.date(year, 3, 1) - dt.timedelta(days=1)).day


def edit_header(
    plan: Plan, given: dict[str, Any], stamp: Stamp, *, note: str | None = None
) -> Outcome:
    """Change header fields (None or '' removes a field; the title cannot be removed). A new
    ``year`` without a new ``start`` or ``end`` moves the period written in the file by as many
    years, so that the period stays in the plan's year."""
    new: dict[str, Any] = {}
    old_meta = dict(plan.meta)
    for name, value in given.items():
        if name not in HEADER_FIELDS:
            raise ValueError(f"plan header cannot change {name}")
        new[name] = _typed_text(value) if isinstance(value, str) else value
    if "title" in new and new["title"] is None:
        raise BadChange("计划名称不能为空。", "The plan's title cannot be empty.")
    if isinstance(new.get("year"), int):
        moved = new["year"] - plan.year  # the year written, else that of the period
        for name in ("start", "end"):
            day = plan.meta.get(name)
            if name not in new and isinstance(day, dt.date) and moved:
                new[name] = shifted(day, moved)
    before, after = _apply(plan.meta, new)
    if not before and not after:
        raise BadChange(
            "计划表头的这些字段已是这些值，没有修改。",
            "The plan's header has these values already; nothing changed.",
        )
    _check_period(plan, given)
    problems = check_meta(plan.meta)
    if problems:
        raise BadChange(
            "没有修改计划表头：" + "；".join(_problem(p, "zh") for p in problems),
            "The plan's header was not changed: " + "; ".join(_problem(p, "en") for p in problems),
        )
    at = _entry_at(plan, stamp)
    _log(plan.meta, _entry(at, stamp, "edit", note=note, before=before, after=after))
    outcome = Outcome("edit", [("", "")], fields=_changed(before, after), header=True)
    outcome.warnings += [
        *_outside_year(plan, given),
        *_dates_outside(plan, old_meta),
        *_title_year(plan, old_meta, given),
    ]
    return outcome


def _typed_text(value: str) -> str | None:
    """A typed header text as kept: without spaces at its ends; None (the field goes) where it
    shows nothing, spaces or a zero-width space alone: an organisation no report could be
    signed with."""
    from .validate import title_drawn

    return value.strip() if title_drawn(value) else None


class HeaderNotice(Notice):
    """A notice of a header change, in the words of each language (not a label of texts)."""

    __slots__ = ("texts",)
    texts: dict[str, str]

    def __init__(self, key: str, params: dict[str, str], texts: dict[str, str] | None = None):
        self._set(key=key, params=params, texts={} if texts is None else texts)

    def message(self, lang: str) -> str:
        return self.texts[lang]


def _outside_year(plan: Plan, given: dict[str, Any]) -> list[Notice]:
    """A year or period typed that leaves the period (start, end) outside the plan's year: the
    plan's pace and deadlines run in its period, its report and plan county file it under its
    year. Allowed (a period may be set before the year), but named with the commands that put
    them together: a period in the year, or the year of the period."""
    if not any(name in given for name in ("year", "start", "end")):
        return []
    year, start, end = plan.year, plan.start, plan.end
    if period_in_year(year, start, end):
        return []
    said = outside_year(year, start, end)
    return [HeaderNotice("", {}, {"zh": "注意：" + said["zh"], "en": "Note: " + said["en"]})]


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SHOWN = 5


def _dates_outside(plan: Plan, old_meta: dict[str, Any]) -> list[Notice]:
    """Tasks' deadlines, starts and milestones that the new period leaves outside it (those
    already outside the old one are not named again): plan check would point them out."""
    from .plan_warnings import plan_warnings

    if (plan.meta.get("start"), plan.meta.get("end"), plan.meta.get("year")) == (
        old_meta.get("start"),
        old_meta.get("end"),
        old_meta.get("year"),
    ):
        return []
    tables = [item.data for item in plan.items()]

    def key(problem: Any) -> tuple[Any, ...]:
        return (
            problem.item_id,
            problem.field,
            repr(problem.found),
            _DAY.sub("", problem.allowed["en"]),
        )

    was = {key(p) for p in plan_warnings({"plan": old_meta, "item": tables}, counts=False)}
    found = [
        p
        for p in plan_warnings({"plan": plan.meta, "item": tables}, counts=False)
        if p.item_id is not None and p.field in ("due", "start", "milestone") and key(p) not in was
    ]
    if not found:
        return []
    period = f"{plan.start} 至 {plan.end}", f"{plan.start} to {plan.end}"
    texts = {}
    for lang, sep, words in (("zh", "；", period[0]), ("en", "; ", period[1])):
        shown = sep.join(
            f"{p.item_id} {_found(p.found)}: {p.allowed[lang].rstrip('。.')}"
            if lang == "en"
            else f"{p.item_id} {_found(p.found)}：{p.allowed[lang].rstrip('。.')}"
            for p in found[:_SHOWN]
        )
        more = len(found) - _SHOWN
        if lang == "zh":
            texts[lang] = (
                f"注意：计划期现在是 {words}，有 {len(found)} 处日期不在其中：{shown}"
                + ("等（plan check 列出全部）" if more > 0 else "")
                + "。需要的话用 plan edit 编号 --due/--start 改正。"
            )
        else:
            texts[lang] = (
                f"Note: the period is now {words}; {len(found)} "
                f"{'date lies' if len(found) == 1 else 'dates lie'} outside it: {shown}"
                + (f" and {more} more (plan check lists them all)" if more > 0 else "")
                + ". Correct them with plan edit ID --due/--start where needed."
            )
    return [HeaderNotice("", {}, texts)]


def _found(value: Any) -> str:
    if isinstance(value, list):  # milestones: their deadlines
        return ", ".join(str(m.get("due")) for m in value if isinstance(m, dict))
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _title_year(plan: Plan, old_meta: dict[str, Any], given: dict[str, Any]) -> list[Notice]:
    """A new year while the title, not changed with it, still names the old one."""
    from .next_year import next_title

    old_year, title = old_meta.get("year", plan.year), str(plan.meta.get("title", ""))
    if "title" in given or plan.year == old_year or not isinstance(old_year, int):
        return []
    # The title as plan new would name the new year's (２０２３年, 二〇二三年, 2023/2024学年
    # moved too); a title that names no year of its own is left alone here.
    old_start, old_end = old_meta.get("start"), old_meta.get("end")
    # Both years of a span (2023-2024年度) move only with the period: a year set to agree with a
    # period kept where it is (plan header --year 2023 --start 2023-07-01 --end 2024-06-30, as
    # plan check advises) leaves a title that names that period right as it is.
    kept = (plan.meta.get("start"), plan.meta.get("end")) == (old_start, old_end)
    years = (
        (old_start.year, old_end.year)
        if isinstance(old_start, dt.date) and isinstance(old_end, dt.date) and not kept
        else None
    )
    renamed = next_title(title, old_year, plan.year, plan.lang, years)
    if renamed in (title, f"{title}（{plan.year}年）", f"{title} ({plan.year})"):
        return []  # (no year of its own: plan new adds the new one at its end)
    command = f"plan header --title {quote(renamed)}"
    return [
        HeaderNotice(
            "",
            {},
            {
                "zh": f"注意：计划名称“{title}”写的还是 {old_year} 年；要改名：{command}",
                "en": f"Note: the title “{title}” still names {old_year}; to rename it: {command}",
            },
        )
    ]


def _check_period(plan: Plan, given: dict[str, Any]) -> None:
    """Refuse a start after the end, either written or implied by the year (a plan without a
    start starts on 1 January of its year), naming both days and the command that sets the
    period (the day given kept, the other at that year's end or start). ``given``: the fields
    typed, not a day a new year moved."""
    start, end = plan.meta.get("start", plan.start), plan.meta.get("end", plan.end)
    if not (isinstance(start, dt.date) and isinstance(end, dt.date) and start > end):
        return
    if "end" in given and "start" not in given:
        start_, end_ = dt.date(end.year, 1, 1), end
    elif "start" in given and "end" not in given:
        start_, end_ = start, dt.date(start.year, 12, 31)
    else:  # both given, the wrong way round
        start_, end_ = end, start
    year = f"--year {given['year']} " if isinstance(given.get("year"), int) else ""
    command = f"plan header {year}--start {start_.isoformat()} --end {end_.isoformat()}"
    raise BadChange(
        f"没有修改计划表头：开始日期 {start.isoformat()} 晚于结束日期 {end.isoformat()}。"
        f"请把两者一起改，例如：{command}",
        f"The plan's header was not changed: the start {start.isoformat()} is after the end "
        f"{end.isoformat()}. Set both together, e.g.: {command}",
    )


def _problem(problem: Any, lang: str) -> str:
    return f"{field_name(str(problem.field), lang)} {problem.allowed[lang]}".rstrip("。.")


def revert(plan: Plan, entry: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Put back the header fields an entry of ``[[plan.log]]`` changed, if they still hold what
    it wrote; otherwise refuse, saying how to set them anyway. Returns (before, after)."""
    meta = plan.meta
    before = entry.get("before") if isinstance(entry.get("before"), dict) else {}
    after = entry.get("after") if isinstance(entry.get("after"), dict) else {}
    assert isinstance(before, dict) and isinstance(after, dict)
    names = [name for name in dict.fromkeys([*before, *after]) if name != "log"]
    for name in names:
        now, then = meta.get(name), after.get(name)
        holds = _same(now, then) and (name in meta) == (name in after)
        # A later change still standing that set it to the same value (a colleague's, merged
        # in) is not taken back either.
        later = later_change(meta, entry, [name]) if holds else None
        if not holds or later is not None:
            command = _setting_back(meta, {name: before.get(name) for name in names})
            raise _conflict(name, now, then, command, later)
    return _apply(meta, {name: before.get(name) for name in names})


def _setting_back(meta: dict[str, Any], wanted: dict[str, Any]) -> str | None:
    """The plan header command that sets the fields an entry changed back to what it found, as
    undo would have; None if one of them has no option. A --year alone moves the period written
    in the file with it, so a start or end the entry did not change is given as it stands."""
    if any(name not in OPTIONS for name in wanted):
        return None
    if "year" in wanted:
        standing: dict[str, Any] = {
            n: meta[n] for n in ("start", "end") if n in meta and n not in wanted
        }
        wanted = {**wanted, **standing}
    words = [
        f"{OPTIONS[name]} " + ('""' if value is None else quote(header_value(value, "en")))
        for name, value in wanted.items()
    ]
    return "plan header " + " ".join(words)


def _conflict(
    name: str, now: Any, then: Any, command: str | None, later: dict[str, Any] | None = None
) -> BadChange:
    if command is None:
        how_zh = "如仍要改回，请在计划文件的 [plan] 表中手工修改。"
        how_en = "To set it back anyway, change it in the [plan] table of the file by hand."
    else:
        how_zh = f"如仍要改回，请运行：{command}"
        how_en = f"To set it back anyway, run: {command}"
    if later is not None:  # set again to the same value: who and when
        said_zh, said_en = made_by(later)
        return BadChange(
            f"不能撤销：这次修改之后，{f'{said_zh} 又' if said_zh else '又有一次修改'}把计划表头的"
            f"{field_name(name, 'zh')}改为 {header_value(now, 'zh')}（与这次修改相同），撤销会覆盖"
            "那次改动。" + how_zh,
            f"Cannot undo: the {field_name(name, 'en')} of the plan's header was set again after "
            f"this change{said_en} (to the same {header_value(now, 'en')}); undoing would "
            "overwrite that. " + how_en,
        )
    return BadChange(
        f"不能撤销：计划表头的{field_name(name, 'zh')}在这次修改之后又被改过（现在是 "
        f"{header_value(now, 'zh')}，这次修改后是 {header_value(then, 'zh')}），撤销会覆盖那次改动。"
        + how_zh,
        f"Cannot undo: the {field_name(name, 'en')} of the plan's header was changed after this "
        f"change (it is {header_value(now, 'en')} now, this change made it "
        f"{header_value(then, 'en')}); undoing would overwrite that. " + how_en,
    )
