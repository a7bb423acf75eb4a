"""Next year's plan made from this year's (``plan new``): the header set for the new year, the
parts and goals kept, the unfinished tasks carried over (结转) with where they came from. Pure:
no I/O; the old plan is only read.

- The header: the title with the old year replaced by the new one (泉湖镇2023年工作计划 →
  泉湖镇2024年工作计划), the year, the period moved by as many years; organisation, language
  and fields the tool does not read ([plan.warning]) are kept; ``source`` (the document the old
  plan came from) and the old header's trace are not. Of the office's own days off and worked
  ([plan.workdays]) only those on or after the new plan's start come along (a 三月三 or 调休 of
  next year typed in already), and the years of a notice typed in whole from the new start's
  year on; last year's own days say nothing of the new year's (a 三月三 falls on another day).
- Parts and goals (every item with something under it) keep their ids, titles, details and who
  answers for them; not their deadlines, their state or their trace. A goal none of whose tasks
  comes along has nothing under it in the new plan, so it counts as a task there until tasks
  are added under it (``plan add``).
- A carried task (not done, not dropped) keeps its id, what it asks (target, measure,
  baseline), who answers for it, its status, progress, figure so far, evidence and reason: what
  an office reports as 结转 is the work as far as it got. Its deadline, start and milestones
  are dropped where they were last year's (the old deadline is named in the note), kept where
  they lie in the new plan's period (a task running on into the new year). Its trace starts
  afresh with one ``carry`` entry (结转) that names the old plan, year and id, and says the
  state it brought, counting from the new plan's start; ``plan undo`` does not undo it.
  Standing work (a deadline worded 长期坚持, 常态化: ``standing_work.is_ongoing``) comes along so too,
  its entry saying it is continued (延续), not carried over unfinished; and so where it was
  ticked off (an office does 常态化 work again each year): afresh, not started, its entry
  saying it was done last year. Standing work dropped stays behind.
- Unknown top-level tables are kept; the archive of removed items ([[removed]]) is not.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from .building import plan_from_doc
from .changes import Stamp
from .errors import BadChange, PlanError
from .header import shifted
from .model import Plan
from .periods import span_of
from .standing_work import is_ongoing
from .trace import ARCHIVE
from .validate import YEARS, title_drawn

# What a kept part or goal leaves behind: last year's dates, state and trace.
_GOAL_DROPS = (
    "due",
    "start",
    "status",
    "progress",
    "actual",
    "done_on",
    "evidence",
    "reason",
    "milestone",
    "log",
)
# What a carried task leaves behind (its state comes along, see the module's description);
# its deadline, start and milestones too where they were last year's (``_carried``).
_TASK_DROPS = ("due", "start", "done_on", "milestone", "log")
# The state a carried task brings, recorded in its carry entry.
_CARRIED_STATE = ("status", "progress", "actual", "evidence", "reason")


@dataclass(frozen=True)
class NewPlan:
    plan: Plan
    kept: list[str]  # ids of the parts and goals kept
    carried: list[str]  # ids of the tasks carried over
    unfinished: list[str]  # ids of the old plan's tasks neither done nor dropped (carried or not)
    ongoing: list[str]  # standing work (长期坚持, 常态化) not dropped, done or not: continued


class NewPlanRefused(PlanError):
    """``plan new`` would write onto the plan it reads, the plan in use or the embedded plan,
    or onto no regular file (``what`` a kind of ``errors.FILE_KINDS``: a device, a FIFO…)."""

    def __init__(self, out: str, what: str):
        super().__init__(f"{out} is the {what} plan")
        self.out, self.what = out, what

    def message(self, lang: str) -> str:
        if self.what not in ("source", "in_use", "embedded"):
            from .errors import FILE_KINDS

            zh_kind, en_kind = FILE_KINDS.get(self.what, FILE_KINDS["other"])
            example = "plan-2024.toml"
            return (
                f"--out {self.out} 是{zh_kind}，新计划只能写成普通文件，什么也没有写入。"
                f"请给 --out 一个文件路径，例如 {example}。"
                if lang == "zh"
                else f"--out {self.out} is {en_kind}; the new plan is written to a regular file "
                f"only, so nothing was written. Give --out a file path, e.g. {example}."
            )
        if lang == "zh":
            what = {"source": "原计划", "in_use": "正在使用的计划", "embedded": "内置的2023年计划"}
            return (
                f"{self.out} 就是{what.get(self.what, '原计划')}文件（解析链接后是同一个文件）；"
                "plan new 从不覆盖它（加 --force 也不行），什么也没有写入。请用 --out 另选一个文件，"
                "例如 plan-2024.toml。"
            )
        what_en = {"source": "old", "in_use": "in-use", "embedded": "embedded 2023"}
        return (
            f"{self.out} is the {what_en.get(self.what, 'old')} plan file (after resolving "
            "links); plan new never overwrites it, not even with --force, and nothing was "
            "written. Choose another file with --out, e.g. plan-2024.toml."
        )


def next_title(
    title: str, old_year: int, year: int, lang: str, years: tuple[int, int] | None = None
) -> str:
    """The old title with its year replaced, in figures (2023) or in Chinese numerals as 公文
    write it (二〇二三, 二零二三), but not in a span of years (2023—2025年); a split year (a
    school or fiscal year, 2023/2024) moves whole, and so do both years of a plan over two
    calendar years (``years``, its start's and end's: 2023-2024年度, 2023年7月—2024年6月); a
    title that names no year of its own gets the new one."""
    by = year - old_year
    split = _SPLIT_YEAR.sub(lambda found: _split_moved(found, old_year, by), title)
    if split != title:
        return split
    if years is not None and years[0] != years[1]:
        own = re.sub(
            rf"(?<!\d)({years[0]}|{years[1]})(?!\d)", lambda found: str(int(found[0]) + by), title
        )
        if own != title:
            return own
    moved, count = _moved_year(title, old_year, year)
    if count:
        return moved
    for zero in "〇零○":
        old, new = _in_numerals(old_year, zero), _in_numerals(year, zero)
        if old in title:
            return title.replace(old, new)
    full_width = str.maketrans(
        "0123456789", "０１２３４５６７８９"
    )  # typed in full width (２０２３)
    old, new = str(old_year).translate(full_width), str(year).translate(full_width)
    if re.search(rf"(?<![０-９]){old}(?![０-９])", title):
        return re.sub(rf"(?<![０-９]){old}(?![０-９])", new, title)
    return f"{title}（{year}年）" if lang == "zh" else f"{title} ({year})"


# A span of years (2023—2025年, 2021-2023, 2023至2025): the span of a longer plan, not this
# plan's year.
_SPAN_BEFORE = re.compile(r"\d{4}\s*[-－—–~～至到]\s*$")
_SPAN_AFTER = re.compile(r"^\s*[-－—–~～至到]\s*\d{4}")


# A split year: two years in a row joined by a slash, in figures or in Chinese numerals, the
# second in figures written short too (2023/2024学年, 二〇二三/二〇二四学年, 2023/24学年).
_NUMERALS = "〇零○一二三四五六七八九"
_SPLIT_YEAR = re.compile(
    rf"(?<![\d{_NUMERALS}])([\d{_NUMERALS}]{{4}})(\s*[/／]\s*)([\d{_NUMERALS}]{{4}}|\d{{2}})"
    rf"(?![\d{_NUMERALS}])"
)


def _split_moved(found: re.Match[str], old_year: int, by: int) -> str:
    first_text, slash, second_text = found.groups()
    first = _year_value(first_text)
    if len(second_text) == 2:  # 2023/24: the second year's last two figures
        second = None if first is None or (first + 1) % 100 != int(second_text) else first + 1
    else:
        second = _year_value(second_text)
    if first is None or second != first + 1 or old_year not in (first, second):
        return found.group()
    return f"{_year_as(first + by, first_text)}{slash}{_year_as(second + by, second_text)}"


def _year_value(text: str) -> int | None:
    """A year in figures (2023) or in numerals (二〇二三); None for a mix of both."""
    if text.isdigit() and not set(text) & set(_NUMERALS):
        return int(text)
    if not set(text) <= set(_NUMERALS):
        return None
    return int("".join(str(max(_NUMERALS.index(c) - 2, 0)) for c in text))


def _year_as(year: int, written: str) -> str:
    """``year`` written as ``written`` is: in figures, short (24), or in numerals."""
    if len(written) == 2:
        return f"{year % 100:02d}"
    if not set(written) & set(_NUMERALS):
        return str(year)
    return _in_numerals(year, next((c for c in written if c in "〇零○"), "〇"))


def _moved_year(title: str, old_year: int, year: int) -> tuple[str, int]:
    """``title`` with ``old_year`` in figures made ``year``, but not within a longer number
    nor at either end of a span of years; how many were replaced."""

    def move(match: re.Match[str]) -> str:
        before, after = title[: match.start()], title[match.end() :]
        if _SPAN_BEFORE.search(before) or _SPAN_AFTER.match(after):
            return match.group()
        moved.append(match.start())
        return str(year)

    moved: list[int] = []
    text = re.sub(rf"(?<!\d){old_year}(?!\d)", move, title)
    return text, len(moved)


def _in_numerals(year: int, zero: str) -> str:
    """2023 as 二〇二三 (``zero`` the character for 0)."""
    return "".join(
        zero if digit == "0" else "一二三四五六七八九"[int(digit) - 1] for digit in str(year)
    )


def new_plan(
    plan: Plan,
    year: int,
    stamp: Stamp,
    *,
    structure: bool = True,
    carry: bool = False,
    title: str | None = None,
) -> NewPlan:
    """Next year's plan from ``plan`` (see the module's description); ``plan`` is not changed."""
    old_year = plan.year
    if not YEARS[0] <= year <= YEARS[1] or year <= old_year:
        raise BadChange(
            f"新计划的年度应晚于原计划的 {old_year} 年，收到 {year}。",
            f"The new plan's year must come after the old plan's {old_year}; got {year}.",
        )
    _refuse_conflicts(plan)
    lang = plan.lang
    meta = {
        key: copy.deepcopy(value)
        for key, value in plan.meta.items()
        if key not in ("log", "source")
    }
    given = (title or "").strip()  # (nothing to see, a zero-width space alone, is none given)
    meta["title"] = (
        given
        if title_drawn(given)
        else next_title(plan.title, old_year, year, lang, (plan.start.year, plan.end.year))
    )
    meta["year"] = year
    for name in ("start", "end"):
        if isinstance(plan.meta.get(name), dt.date):
            meta[name] = shifted(plan.meta[name], year - old_year)
    unfinished = [task.id for task in plan.tasks() if task.status not in ("done", "dropped")]
    # Standing work goes on whatever its status (a 2023 tick-off is 2023's), unless dropped.
    ongoing = [t.id for t in plan.tasks() if t.status != "dropped" and is_ongoing(t.data)]
    carried = {*unfinished, *ongoing} if carry else set()
    wanted: set[str] = set()
    for item in plan.items():
        if item.id in carried or (structure and not item.is_task):
            node = item
            while node is not None:  # a carried task needs the goals above it
                wanted.add(node.id)
                node = node.parent  # type: ignore[assignment]
    given_start, given_end = meta.get("start"), meta.get("end")
    start = given_start if isinstance(given_start, dt.date) else dt.date(year, 1, 1)
    end = given_end if isinstance(given_end, dt.date) else dt.date(year, 12, 31)
    if "workdays" in meta:
        days = _workdays_from(meta.pop("workdays"), start)
        if days:
            meta["workdays"] = days
    tables: list[dict[str, Any]] = []
    kept: list[str] = []
    for item in plan.items():
        if item.id not in wanted:
            continue
        if item.is_task:
            tables.append(_carried(item.data, old_year, plan, stamp, (start, end), lang))
        else:
            tables.append(
                {
                    k: copy.deepcopy(v)
                    for k, v in item.data.items()
                    if k not in _GOAL_DROPS and not _ledger_light(k)
                }
            )
            kept.append(item.id)
    doc: dict[str, Any] = {"plan": meta, "item": tables}
    doc.update((key, copy.deepcopy(value)) for key, value in plan.extra.items() if key != ARCHIVE)
    moved = [item.id for item in plan.items() if item.id in carried]
    return NewPlan(plan_from_doc(doc, meta["title"]), kept, moved, unfinished, ongoing)


class OldPlanInConflict(PlanError):
    """The old plan has merge conflicts not yet settled: what comes over (the header, the goals,
    which tasks are unfinished and how far they got) is not decided until they are."""

    def __init__(self, conflicts: list[Any]):
        super().__init__(f"{len(conflicts)} merge conflicts not settled")
        self.conflicts = conflicts

    def message(self, lang: str) -> str:
        first, count = self.conflicts[0], len(self.conflicts)
        if lang == "zh":
            return (
                f"没有新建：原计划有 {count} 处合并冲突未解决（{first.message('zh')}），"
                "结转哪些任务、带上什么表头，要等冲突解决才能定。请先在原计划中用 plan resolve "
                "逐处解决（plan check 列出全部），再运行 plan new。"
            )
        conflicts = "conflict" if count == 1 else "conflicts"
        return (
            f"Nothing made: the old plan has {count} merge {conflicts} not yet settled "
            f"({first.message('en')}); which tasks carry over and with what header is not "
            "decided until they are. Settle them in the old plan with plan resolve (plan check "
            "lists them all), then run plan new."
        )


def _workdays_from(table: Any, start: dt.date) -> dict[str, Any]:
    """A ``[plan.workdays]`` table (``workdays``) for a new plan starting on ``start``: the days
    on or after it, the notice years from its year on; lists left empty are left out."""
    if not isinstance(table, dict):
        return {}
    kept: dict[str, Any] = {}
    for key, days in table.items():
        if key == "notice_years":
            later: list[Any] = [y for y in days if type(y) is int and y >= start.year]
        else:
            later = [d for d in days if type(d) is dt.date and d >= start]
        if later:
            kept[key] = later
    return kept


def _refuse_conflicts(plan: Plan) -> None:
    """Refuse a plan with merge conflicts (the archive's aside: removed items do not come over);
    the new plan would carry them, with last year's values to resolve to."""
    from .merging.conflicts import open_conflicts

    conflicts = [c for c in open_conflicts(plan) if not c.archived]
    if conflicts:
        raise OldPlanInConflict(conflicts)


def _carried(
    data: dict[str, Any],
    old_year: int,
    plan: Plan,
    stamp: Stamp,
    period: tuple[dt.date, dt.date],
    lang: str,
) -> dict[str, Any]:
    start = period[0]
    done = data.get("status") == "done"  # standing work ticked off: it starts again (below)
    drops = (*_TASK_DROPS, *_CARRIED_STATE) if done else _TASK_DROPS
    table = {
        k: copy.deepcopy(v) for k, v in data.items() if k not in drops and not _ledger_light(k)
    }
    # A task running on into the new year keeps the dates that lie in it: they are this plan's.
    for name in ("start", "due"):
        if _within(data.get(name), period):
            table[name] = copy.deepcopy(data[name])
    if "due" not in table and data.get("due") is not None:
        again = _recurring_again(data, period)
        if again is not None:  # 每季度: its last time in the new period, as import reads it
            table["due"] = again
    milestones = data.get("milestone")
    if isinstance(milestones, list):
        ahead = [m for m in milestones if isinstance(m, dict) and _within(m.get("due"), period)]
        if ahead:
            table["milestone"] = copy.deepcopy(ahead)
    due = data.get("due")
    due_text = due.isoformat() if isinstance(due, dt.date) else str(due) if due else ""
    if is_ongoing(data):  # 长期坚持: standing work goes on, it is not left unfinished
        note = (
            f"常态化工作，延续自{old_year}年计划 {data['id']}（{plan.title}）"
            if lang == "zh"
            else f"Ongoing work, continued from the {old_year} plan, {data['id']} ({plan.title})"
        )
        if done:
            note += f"，{old_year}年已完成" if lang == "zh" else f"; done in {old_year}"
    elif lang == "zh":
        note = f"结转自{old_year}年计划 {data['id']}（{plan.title}）"
        note += f"，原完成时限 {due_text}" if due_text else ""
    else:
        note = f"Carried over from the {old_year} plan, {data['id']} ({plan.title})"
        note += f"; it was due {due_text}" if due_text else ""
    entry: dict[str, Any] = {"at": stamp.now, "on": start, "by": stamp.by, "action": "carry"}
    entry["note"] = note
    state = {k: copy.deepcopy(table[k]) for k in _CARRIED_STATE if k in table}
    if state:
        entry["after"] = state
    table["log"] = [entry]
    return table


def _ledger_light(key: str) -> bool:
    """Whether a field is a ledger's 亮灯情况 kept on import: the county's light on the day the
    ledger was filled in, last year's in the new plan (its trace stays behind too)."""
    if "灯" not in key:  # (the usual field: no header to compare)
        return False
    from .importing.header_names import LEDGER_LIGHTS  # (pure: names alone)
    from .importing.headers import bare_name

    return bare_name(key) in LEDGER_LIGHTS


def _recurring_again(data: dict[str, Any], period: tuple[dt.date, dt.date]) -> Any:
    """The deadline of a task whose words recur (完成时限原文 = 每季度, which import read as
    last year's 2024-Q4) as their last time in the new period (2025-Q4); None for other words
    (6月底（视天气）: last year's June, which the office sets anew) and for standing work."""
    from .importing.recurring_dues import recurring_due  # (pure: the words alone)
    from .model import DUE_WORDS_KEYS

    for key in DUE_WORDS_KEYS:
        words = data.get(key)
        if isinstance(words, str) and words.strip():
            found = recurring_due(words, period)
            return None if found is None else found[0]
    return None


def _within(value: Any, period: tuple[dt.date, dt.date]) -> bool:
    """Whether a deadline or start (a day, a month, a quarter) lies in the new plan's period."""
    span = span_of(value)
    return span is not None and period[0] <= span[0] and span[1] <= period[1]
