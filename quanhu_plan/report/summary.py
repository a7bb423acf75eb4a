"""The summary form of the report: what a large plan's report says in its body, so that the
body stays about as long as a town's year-end summary is (``BODY_LINES``), the detail of every
task being in the ledger (附表).

The seed's 2022 summary (``examples/quanhu-2022.toml``) states some sixty achievements in about
six pages of a 公文 page (三号 仿宋, 22 lines of 28 characters); a plan whose report in full
would pass about ten such pages (a county 任务分解表 of a hundred tasks and more) is written in
this form: under 主要成绩 a paragraph per goal, its count and its done tasks as a list of
figures (a task done in each village, 龙秀村幸福屋场建设 … 杨柳村幸福屋场建设, said once with
its total); under 存在的问题 the problems by kind (受阻 with their reasons, 逾期, 欠进度, 已取消),
each a paragraph naming its tasks; under 下一步打算 a paragraph per part naming what is left.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from fractions import Fraction
from math import ceil
from typing import Any

from ..model import Item, Plan
from ..records import Milestones
from ..rollup import exact, task_completion
from ..standing_work import is_ongoing
from ..texts import format_percent
from .content import (
    GoalEntry,
    LedgerGroup,
    NextStep,
    NextStepGroup,
    ProblemGroup,
    Report,
    SummaryEntry,
    TaskEntry,
)
from .figures import amount_text, figure_of, metric_of, short_achievement
from .shortfalls import figure_by_progress
from .title import whole_period
from .words import (
    WORDS,
    achievements_said,
    as_head,
    as_named,
    end_sentence,
    join_sentences,
    loose_heading,
    nothing_to_do,
    number_label,
    phrase,
    phrase_of,
    problem_label,
    series,
    title_of,
)

# A page of the Word body (GB/T 9704): 22 lines of 28 characters. The report in full is kept
# while its body (the four sections, not the ledger) takes about ten pages; past that, the
# summary form. A paragraph starts on a line of its own and is indented two characters.
LINE_CHARS = 28
PAGE_LINES = 22
BODY_LINES = 10 * PAGE_LINES
MANY = 40

# How many tasks a list of the summary form names before it says 等 (the ledger has them all).
LISTED = 12


def lines(text: str) -> int:
    """About how many lines of the Word body a paragraph takes."""
    return ceil((len(text) + 2) / LINE_CHARS) if text else 0


def body_lines(report: Report) -> int:
    """About how many lines the report's body (not its ledger) takes in Word."""
    total = 6  # the title, the date, the four headings
    total += sum(lines(text) for text in report.overview.paragraphs)
    total += sum(lines(line.sentence) for line in report.overview.parts)

    def entry(item: GoalEntry | Any) -> int:
        if not isinstance(item, GoalEntry):
            return lines(f"{item.number}{item.sentence}")
        said = lines(f"{item.number}{item.title}") + lines(item.note or "")
        return said + sum(entry(below) for below in item.entries)

    total += sum(entry(part) for part in report.achievements)
    total += sum(lines(problem.sentence) for problem in report.problems)
    total += lines(report.next_steps_intro)
    for group in report.next_steps:
        total += 1 + sum(lines(step.sentence) for step in group.steps)
    return total


def listed(report: Report) -> int:
    """How many tasks the body lists: under 主要成绩 (done, or going on with a figure reached),
    with a problem, to carry on."""

    def done(item: GoalEntry | Any) -> int:
        if isinstance(item, GoalEntry):
            return sum(done(below) for below in item.entries)
        return 1

    steps = sum(len(group.steps) for group in report.next_steps)
    return sum(done(part) for part in report.achievements) + len(report.problems) + steps


def too_long(report: Report) -> bool:
    """Whether the body in full would pass ``BODY_LINES`` because it lists many tasks (at
    least ``MANY``): a few tasks with long notes (the office's own words) stay in full."""
    return listed(report) >= MANY and body_lines(report) > BODY_LINES


# ---------------------------------------------------------------- 主要成绩


def achievements(
    lang: str, parts: list[Item], scoped: set[str], as_of_text: str
) -> tuple[list[GoalEntry], str | None]:
    """主要成绩 in the summary form: each part with a done task under its heading, a paragraph
    for its own tasks and one for each goal under it (its count, then its done tasks and their
    figures); the parts with nothing done named together, as in the full form."""
    shown: list[GoalEntry] = []
    empty: list[Item] = []
    # Tasks at the top of the plan (a 工作台账 numbered 1, 2, 3… without categories) are no
    # parts: they are said together, in one paragraph, not each under a heading of its own.
    loose = [root for root in parts if root.is_task]
    for root in parts:
        entries: list[GoalEntry | TaskEntry | SummaryEntry] = []
        if not root.is_task:
            own = [child for child in root.children if child.is_task and child.id in scoped]
            if any(task.status == "done" for task in own):
                entries.append(_paragraph(lang, "", root, own, title=False))
            goals = [
                (child, [t for t in child.tasks() if t.id in scoped])
                for child in root.children
                if not child.is_task
            ]
            goals = [(goal, mine) for goal, mine in goals if any(t.status == "done" for t in mine)]
            for position, (goal, mine) in enumerate(goals, 1):
                entries.append(_paragraph(lang, number_label(lang, 2, position), goal, mine))
        if entries:
            number = number_label(lang, 1, len(shown) + 1)
            shown.append(GoalEntry(number, root.id, title_of(root), 1, entries))
        elif not root.is_task and not nothing_to_do(root, scoped):
            empty.append(root)
    if any(task.status == "done" for task in loose):
        number, title = loose_heading(lang, parts, len(shown) + 1)
        below: list[GoalEntry | TaskEntry | SummaryEntry] = [_paragraph(lang, "", None, loose)]
        shown.append(GoalEntry(number, "", title, 1, below))
    return achievements_said(lang, shown, empty, as_of_text)


def _paragraph(
    lang: str, number: str, item: Item | None, tasks: list[Item], title: bool = True
) -> Any:
    """One goal's paragraph: 抓好基层党组织建设：10项任务完成8项。推进…18个村，…。 (``title``
    False, or no ``item``: a part's own tasks under its heading, or the plan's loose ones)."""
    title = title and item is not None
    done = [task for task in tasks if task.status == "done"]
    total = sum(1 for task in tasks if task.status != "dropped")
    key = "sum_all_done" if len(done) == total else "sum_done"
    counts = phrase_of(lang, key, total, done=len(done), total=total)
    # Only the tool's own words take a capital at the head of the sentence (All 3 tasks done):
    # a goal's name is the office's text, kept as written (e路通便民服务, eGov平台).
    head = (
        phrase(lang, "sum_goal", title=as_head(title_of(item), lang), counts=counts)
        if item and title
        else counts[:1].upper() + counts[1:]
    )
    clauses, order = _clauses(lang, done)
    # 修塘40处，修机耕道20条; where a figure has a comma of its own (排名，由第149位上升至…), a
    # semicolon between them.
    sep = phrase(lang, "clause_sep")
    if any(sep in clause for clause in clauses[:LISTED]):
        sep = phrase(lang, "semi_sep")
    body = sep.join(clauses[:LISTED])
    more = sum(len(group) for group in order[LISTED:])
    if more:
        body += phrase(lang, "sum_more", n=more)
    text = join_sentences(lang, [head, body])
    ids = [task.id for group in order for task in group]
    name = title_of(item) if item else ""
    return SummaryEntry(number, item.id if item else "", name, text, len(done), total, ids)


# A task done in each village (龙秀村幸福屋场建设, 八塘村幸福屋场建设…): the place before the
# work, which the tasks of a series share. A place word that begins a longer word is none:
# 党组织, 组长, 村级, 村民, 村委, 乡村, 乡镇, 镇村 (村级党组织标准化建设 is no place 村级党组
# doing 织标准化建设); nor is a place …乡村 (美丽乡村, 和美乡村: kinds of village, not places).
_PLACE = re.compile(
    r"^(.{1,8}?(?:社区|(?<!乡)村(?!级|民|委|集体|干部|庄)|居委会|街道|片区|组(?!织|长|建)"
    r"|镇(?!村|级)|乡(?!村|镇)))(.{2,})$"
)
SERIES = 3  # tasks of one work in as many places, said as one


def _clauses(lang: str, done: list[Item]) -> tuple[list[str], list[list[Item]]]:
    """The done tasks as a list of figures, in plan order; the tasks of a series (the same
    work and unit in three places or more) as one: 幸福屋场建设共38个（龙秀村2个、…）."""
    series_of: dict[tuple[str, str], list[Item]] = {}
    for task in done:
        match = _PLACE.match(title_of(task))
        metric = metric_of(task)
        if match and metric is not None and metric.actual is not None and not metric.rank:
            series_of.setdefault((match.group(2), metric.measure), []).append(task)
    grouped = {
        task.id: key for key, tasks in series_of.items() if len(tasks) >= SERIES for task in tasks
    }
    clauses: list[str] = []
    order: list[list[Item]] = []
    said: set[tuple[str, str]] = set()
    for task in done:
        key = grouped.get(task.id)
        if key is None:
            clauses.append(short_achievement(title_of(task), metric_of(task), lang))
            order.append([task])
        elif key not in said:
            said.add(key)
            clauses.append(_series(lang, key[0], series_of[key]))
            order.append(series_of[key])
    return clauses, order


def _series(lang: str, work: str, tasks: list[Item]) -> str:
    places = []
    values: list[Fraction] = []
    summable = True
    for task in tasks:
        metric = metric_of(task)
        assert metric is not None and metric.actual is not None
        place = _PLACE.match(title_of(task))
        assert place is not None
        places.append(f"{place.group(1)}{'' if lang == 'zh' else ' '}{figure_of(metric, lang)}")
        values.append(exact(metric.actual))
        summable = summable and not metric.down and metric.measure not in ("%", "‰")
    listed = phrase(lang, "list_sep").join(places)
    if not summable:
        return phrase(lang, "sum_series", work=work, places=listed)
    measure = metric_of(tasks[0]).measure  # type: ignore[union-attr]
    amount = amount_text(lang, sum(values, Fraction(0)), measure)
    return phrase(lang, "sum_series_total", work=work, total=amount, places=listed)


# ---------------------------------------------------------------- 存在的问题

# (unrecorded: standing work nothing was recorded of all year, which at the year's end is not
# behind, as the full form says: 全年未见进展记录)
_GROUPS = ("blocked", "overdue", "behind", "unrecorded", "dropped")


def problems(
    lang: str,
    entries: Sequence[Any],
    tasks: dict[str, Item],
    missed: set[str],
    named: dict[str, str],
    year_over: bool = False,
    whole: str = "",
) -> dict[str, Any]:
    """存在的问题 in the summary form: the problems of the full form (``entries``) by kind —
    受阻 (by reason), 逾期, 欠进度, 已取消 — each a paragraph naming its tasks."""
    # (the full form's untouched tasks, said together there, are each of their kind here)
    entries = [
        e
        for entry in entries
        for e in (entry.entries if isinstance(entry, ProblemGroup) else [entry])
    ]
    kinds: dict[str, list[Item]] = {group: [] for group in _GROUPS}
    pace_of = {entry.id: entry.pace for entry in entries}
    for entry in entries:
        task = tasks[entry.id]
        if task.status == "done":  # ticked off short of its figure: the ledger says it
            continue
        if task.status in ("dropped", "blocked"):
            kinds[task.status].append(task)
        elif year_over and is_ongoing(task.data) and task.id not in missed:
            kinds["unrecorded"].append(task)  # (its only problem: ``shortfalls.problems``)
        else:
            kinds["overdue" if entry.pace == "overdue" else "behind"].append(task)
    # Within a kind the red lights first, then the yellow (the worst first), else plan order.
    shade = {entry.id: {"red": 0, "yellow": 1}.get(entry.light or "", 2) for entry in entries}
    groups: list[ProblemGroup] = []
    for group, mine in kinds.items():
        mine.sort(key=lambda task: shade[task.id])
        if not mine:
            continue
        number = problem_label(lang, len(groups) + 1)
        key = f"sum_problem_{group}"
        if group == "behind" and any(pace_of[t.id] != "behind" for t in mine):
            key = "sum_problem_behind_milestone"
        head = phrase_of(lang, key, len(mine), count=len(mine), whole=whole)
        # The overview counts a blocked task among the overdue or behind ones as well.
        if group in ("overdue", "behind") and any(pace_of[t.id] == group for t in kinds["blocked"]):
            head += phrase(lang, "sum_not_blocked")
        if group in ("blocked", "dropped"):
            body = _by_reason(lang, mine, named)
        elif group == "unrecorded":  # (none started, each at 0%: named alone)
            names = [as_head(named.get(t.id, title_of(t)), lang) for t in mine]
            body = series(lang, names)
            if len(names) > LISTED:
                body = _first_listed(lang, names)
                body += phrase(lang, "sum_etc", n=len(names) - LISTED)
        else:
            body = _names(lang, mine, named, missed)
        text = f"{number}{head}：{body}" if lang == "zh" else f"{number} {head}: {body}"
        pace = group if group in ("overdue", "behind") else ""
        ids = [t.id for t in mine]
        groups.append(ProblemGroup(number, group, len(mine), ids, end_sentence(lang, text), pace))
    return {
        "problems": groups,
        "problems_unexplained": None,  # each reason is said in its group
        "problems_note": phrase(lang, "sum_see_ledger"),
    }


def _first_listed(lang: str, names: list[str]) -> str:
    """The first LISTED of a longer list, more to follow (等N项): parted as ``series`` parts
    them in Chinese (网吧、KTV；交通运输), without the English "and" before the last."""
    if lang == "zh":
        return series(lang, names[:LISTED])
    return phrase(lang, "list_sep").join(names[:LISTED])


def _names(lang: str, tasks: list[Item], named: dict[str, str], missed: set[str]) -> str:
    """评选“最美泉湖人”（完成率0%）、…: the first LISTED, each with its completion; one whose
    figure does not measure it with its figure and progress (粮食播种（已完成3.35万亩，未设目标
    值，按填报进度计完成率0%）), as the full form says it, not a bare 完成率0%."""
    said = []
    for task in tasks[:LISTED]:
        state = figure_by_progress(task, lang) or phrase(
            lang, "completion", rate=format_percent(task_completion(task))
        )
        if task.id in missed:
            state += phrase(lang, "clause_sep") + phrase(lang, "sum_milestone")
        said.append(_with(lang, as_head(named.get(task.id, title_of(task)), lang), state))
    if len(tasks) > LISTED:
        return _first_listed(lang, said) + phrase(lang, "sum_etc", n=len(tasks) - LISTED)
    return series(lang, said)


def _by_reason(lang: str, tasks: list[Item], named: dict[str, str]) -> str:
    """The tasks that share a reason named together before it: A、B（上级配套资金未到位）；C（…）."""
    by: dict[str, list[Item]] = {}
    for task in tasks:
        # In brackets after the names, a reason typed as a sentence (资金未到位。) loses its stop.
        by.setdefault(as_named(task.get("reason") or ""), []).append(task)
    said = []
    shown = 0
    for reason, mine in by.items():
        if shown >= LISTED:
            break
        names = [as_head(named.get(t.id, title_of(t)), lang) for t in mine[: LISTED - shown]]
        shown += len(names)
        # (none recorded: left for the drafter, marked as the full form marks it)
        gap = phrase(lang, "sum_reason_missing", gap=phrase(lang, "reason_missing"))
        said.append(_with(lang, series(lang, names), reason or gap))
    text = phrase(lang, "semi_sep").join(said)
    if len(tasks) > shown:
        text += phrase(lang, "sum_etc", n=len(tasks) - shown)
    return text


def _with(lang: str, name: str, words: str) -> str:
    return f"{name}（{words}）" if lang == "zh" else f"{name} ({words})"


# ---------------------------------------------------------------- 下一步打算


def next_steps(
    lang: str, groups: list[NextStepGroup], tasks: dict[str, Item], severity: dict[str, int]
) -> list[NextStepGroup]:
    """下一步打算 in the summary form: a paragraph per part naming its unfinished tasks, the
    worst first; those to do something else than the opening line says are named with it
    (…；C、D协调解决受阻问题后继续推进)."""
    summarised = []
    for position, group in enumerate(groups, 1):  # (the loose tasks one group: ``shortfalls``)
        if group.title:
            group.number = number_label(lang, 1, position)
        steps = sorted(group.steps, key=lambda step: severity[step.id])
        by_action: dict[str, list[NextStep]] = {"": []}  # what the opening line says first
        for step in steps:
            by_action.setdefault(step.action, []).append(step)
        said = []
        shown = 0
        for action, mine in by_action.items():
            if shown >= LISTED or not mine:
                continue
            names = [step.name for step in mine[: LISTED - shown]]
            shown += len(names)
            text = series(lang, names)
            if action:
                action = _for_many(lang, action, len(names))
                text = phrase(lang, "sum_action", names=text, action=action)
            said.append(text)
        if len(steps) > shown:
            said.append(phrase(lang, "sum_others", n=len(steps) - shown))
        head = phrase_of(lang, "sum_left", len(steps), count=len(steps))
        sentence = end_sentence(lang, head + phrase(lang, "semi_sep").join(said))
        step = NextStep("", group.id, group.title, group.title, sentence)
        summarised.append(NextStepGroup(group.number, group.id, group.title, [step]))
    return summarised


def _for_many(lang: str, action: str, n: int) -> str:
    """What to do about ``n`` tasks named together: the full form's words for one task
    (resolve what blocks it) in their plural (…_many), where the language has one."""
    if n > 1:
        for key in ("next_blocked", "next_overdue", "next_confirm"):
            if action == phrase(lang, key) and f"{key}_many" in WORDS[lang]:
                return phrase(lang, f"{key}_many")
    return action


# ---------------------------------------------------------------- the ledger


def ledger_groups(plan: Plan, report: Report) -> list[LedgerGroup]:
    """The parts and goals of the ledger's tasks, each above the first of its tasks, as the
    county's 任务分解表 has them (一、党的建设 （一）抓好基层党组织建设): where the body says
    "2. 落实防返贫监测帮扶：17项任务完成10项", the ledger shows which rows those are. A task
    that follows another goal's tasks (a part's own task after its goals', a goal's after its
    sub-goal's) has its part's or goal's row again above it, and the tasks at the top of a plan
    with parts (the body's 其他任务) a row of their own, first as after the parts: a row stands
    under the last row above."""
    items = plan.by_id()
    # The body says the tasks at the top together (其他任务) where it has parts: those before
    # the parts too, which stood first in the ledger under no heading, as in a plan of tasks.
    with_parts = any(items[row.id].parent is not None for row in report.ledger)
    groups: list[LedgerGroup] = []
    shown: set[str] = set()
    previous: Item | None = None  # the parent of the row before
    for index, row in enumerate(report.ledger):
        chain: list[Item] = []
        parent = node = items[row.id].parent
        while node is not None:
            chain.insert(0, node)
            node = node.parent
        if parent is None:
            if with_parts and (not index or previous is not None):
                groups.append(LedgerGroup("", phrase(report.lang, "loose_tasks"), 1, index))
        elif index and parent is not previous and parent.id in shown:
            groups.append(LedgerGroup(parent.id, title_of(parent), len(chain), index))
        previous = parent
        for level, goal in enumerate(chain, 1):
            if goal.id not in shown:
                shown.add(goal.id)
                groups.append(LedgerGroup(goal.id, title_of(goal), level, index))
    return groups


# ---------------------------------------------------------------- the report


def summarise(
    report: Report,
    plan: Plan,
    as_of: dt.date,
    lang: str,
    parts: list[Item],
    scoped: set[str],
    paces: dict[str, str],
    named: dict[str, str],
    as_of_text: str,
) -> None:
    """Rewrite a report whose body is too long (``too_long``) in the summary form."""
    tasks = {task.id: task for task in plan.tasks() if task.id in scoped}
    report.form = "summary"
    report.ledger_groups = ledger_groups(plan, report)
    report.achievements, report.achievements_note = achievements(lang, parts, scoped, as_of_text)
    if report.problems:
        open_tasks = [t for t in tasks.values() if t.status not in ("done", "dropped")]
        missed = {
            task.id
            for task, _ in Milestones(plan, as_of).missed(
                [t for t in open_tasks if t.get("milestone")]
            )
        }
        whole = whole_period(plan, lang)
        said = problems(lang, report.problems, tasks, missed, named, as_of >= plan.end, whole)
        report.problems = said["problems"]
        report.problems_unexplained = said["problems_unexplained"]
        report.problems_note = said["problems_note"]

    def severity(task_id: str) -> int:
        if paces[task_id] == "overdue":
            return 0
        if tasks[task_id].status == "blocked":
            return 1
        return 2 if paces[task_id] == "behind" else 3

    severities = {task_id: severity(task_id) for task_id in tasks}
    report.next_steps = next_steps(lang, report.next_steps, tasks, severities)
