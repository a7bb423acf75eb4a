"""A 整改清单's report (巡察审计反馈问题整改) as a 整改情况报告 says it (pure): the overview counts
the problems fed back, the measures set for them and those put right (梳理反馈问题3个、制定整改
措施4条，已完成整改2个…，整改完成率67%), the 立行立改 among them; the headings and the ledger
name the problems, not tasks of a 工作计划."""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction

from ..model import Item, Plan, deadline_words
from ..periods import long_form
from ..texts import format_long_date, format_percent, one_line
from .content import GoalEntry, Report, SummaryEntry, TaskEntry
from .figures import achievement_sentence, metric_of
from .title import livelihood_kind, place_name, plan_years, rectification_kind
from .words import as_named, phrase, title_of

# The headings and the ledger's words of a 整改 report, in place of a 工作计划's (words.WORDS).
HEADINGS = {
    "zh": {
        "overview": "一、整改工作总体情况",
        "achievements": "二、整改落实情况",
        "problems": "三、尚未完成整改的问题",
        "next_steps": "四、下一步整改打算",
        "ledger": "附表：反馈问题整改情况台账",
        "col_task": "反馈问题",
    },
    "en": {
        "overview": "1. Overview of the rectification",
        "achievements": "2. Problems rectified",
        "problems": "3. Problems not yet rectified",
        "next_steps": "4. Next steps",
        "ledger": "Appendix: rectification ledger",
        "col_task": "Problem",
    },
}

# The note under the ledger, of problems (words.WORDS' ledger_note is of tasks); the 整改完成率
# of the overview counts the problems put right, the ledger's 完成率 each problem's progress.
LEDGER_NOTE = {
    "zh": (
        "注：已完成整改的问题计100%；尚未完成整改的问题按完成值与目标值之比计算，没有目标值的"
        "按填报的整改进度计算；已取消的问题不计入。各类问题和全部问题的综合完成率按所含问题的"
        "权重加权平均（总体情况中的整改完成率按已完成整改的问题个数计算）。"
    ),
    "en": (
        "Note: a problem rectified counts 100%; one not yet rectified its actual against its "
        "target, or its reported progress when it has no target; dropped problems are left "
        "out. Groups and all the problems are the weighted mean of the problems in them (the "
        "rectification rate of the overview counts the problems rectified)."
    ),
}

# The measures of one problem as a list writes them: 1.…；2.…, a line or a sentence each.
_MEASURE_BREAKS = re.compile(r"[；;。\n]+")


# What 三、尚未完成整改的问题 says of a problem, in place of a year's task's words (``words.WORDS``):
# a problem is put right by its 整改时限, not finished within a year at a rate it has no figure for.
PROBLEM_WORDS = {
    "zh": {
        "verdict_year": "尚未完成整改",
        "verdict_behind": "整改进度滞后于序时进度",
        "verdict_overdue": "逾期未完成整改",
        "verdict_at_once": "要求立行立改，逾期未完成整改",
        "state_todo": "目前尚未开始整改",
        "state_todo_short": "尚未开始整改",
        "due_said": "整改时限为{date}",
    },
    "en": {
        "verdict_year": "not yet rectified",
        "verdict_behind": "rectification behind the expected pace",
        "verdict_overdue": "overdue",
        "verdict_at_once": "to be put right at once, overdue",
        "state_todo": "rectification not started yet",
        "state_todo_short": "rectification not started",
        "due_said": "deadline for rectification {date}",
    },
}


def is_rectification(plan: Plan) -> bool:
    """Whether the plan is a 整改清单 (``title.rectification_kind``), as the title says."""
    return livelihood_kind(plan.title) is None and rectification_kind(plan.title) is not None


def measures_of(task: Item) -> int:
    """The 整改措施 a problem's detail lists (1.追回违规发放资金；2.完善合作社财务制度: 2); 0
    without a detail."""
    detail = task.get("detail")
    if not isinstance(detail, str):
        return 0
    return sum(1 for part in _MEASURE_BREAKS.split(detail) if part.strip(" \t，,、"))


def at_once(task: Item) -> bool:
    """A problem to put right at once (整改时限 立行立改, 立即整改)."""
    from ..importing.dates import says_at_once  # (pure: patterns alone)

    words = deadline_words(task.data)
    return bool(words) and says_at_once(words)


def overdue_at_once(tasks: list[Item]) -> dict[str, str]:
    """The paces of the problems to put right at once (立行立改) and not put right: overdue,
    their time limit being past as soon as the list is issued; a problem with a date of its
    own is judged by it."""
    return {
        task.id: "overdue"
        for task in tasks
        if task.status not in ("done", "dropped") and task.due is None and at_once(task)
    }


def overview_paragraphs(
    plan: Plan,
    lang: str,
    as_of_text: str,
    tasks: list[Item],
    paces: dict[str, str],
    scoped: bool = False,
) -> list[str]:
    """The overview's two opening paragraphs: the problems, the measures, how many are put
    right and the 整改完成率 (the share of problems put right, as a 整改 report reckons it, by
    count); then the 立行立改 among them and those overdue."""
    counted = [task for task in tasks if task.status != "dropped"]
    dropped = len(tasks) - len(counted)
    total = len(counted)
    statuses = [task.status for task in counted]
    done = statuses.count("done")
    doing, todo, blocked = (statuses.count(s) for s in ("doing", "todo", "blocked"))
    measures = sum(measures_of(task) for task in counted)
    rate = format_percent(Fraction(done, total))
    overdue = sum(1 for task in counted if paces.get(task.id) == "overdue")
    quick = [task for task in counted if at_once(task)]
    quick_done = sum(1 for task in quick if task.status == "done")
    if lang == "zh":
        work = f"{place_name(plan)}{plan_years(plan, lang)}{rectification_kind(plan.title)}"
        head = f"{as_of_text}，{work}共梳理反馈问题{total}个"
        if scoped:  # (--part, --owner: the problems in scope, not all fed back)
            head = f"{as_of_text}，{work}中在本范围内的反馈问题共{total}个"
        if measures:
            head += f"、制定整改措施{measures}条"
        said = [f"已完成整改{done}个"]
        said += [
            f"{words}{n}个"
            for words, n in (("正在整改", doing), ("尚未开始整改", todo), ("整改受阻", blocked))
            if n
        ]
        head += "，" + "、".join(said)
        if dropped:
            head += f"（另有{dropped}个已取消）"
        head += f"，整改完成率{rate}。"
        if done == total:
            tail = "反馈问题已全部整改完成。"
        else:
            tail = "其中"
            if quick:
                tail += f"立行立改的问题{len(quick)}个，已完成整改{quick_done}个；"
            tail += f"逾期未完成整改的问题{overdue}个。"
        return [head, tail]
    head = f"{as_of_text}, {_n(total, 'problem')} {'was' if total == 1 else 'were'} fed back"
    if scoped:
        head = f"{as_of_text}, {_n(total, 'problem')} fed back {'is' if total == 1 else 'are'} in scope"
    if measures:
        head += f", with {_n(measures, 'rectification measure')}"
    said = [f"{done} rectified"]
    said += [
        f"{n} {words}"
        for words, n in (("in progress", doing), ("not yet started", todo), ("blocked", blocked))
        if n
    ]
    head += ": " + ", ".join(said)
    if dropped:
        head += f" (and {dropped} dropped)"
    head += f"; rectification rate {rate}."
    if done == total:
        return [head, "Every problem fed back is rectified."]
    tail = ""
    if quick:
        tail += f"Problems to put right at once: {len(quick)}, {quick_done} of them rectified. "
    return [head, tail + f"Overdue: {overdue}."]


def _n(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def ledger_note(lang: str) -> str:
    """The ledger's note (how its 完成率 is reckoned), of problems."""
    return LEDGER_NOTE["zh" if lang == "zh" else "en"]


def relabel(headings: dict[str, str], columns: list[str], lang: str) -> None:
    """The headings and the ledger's task column as a 整改 report names them."""
    words = HEADINGS["zh" if lang == "zh" else "en"]
    for key in ("overview", "achievements", "problems", "next_steps", "ledger"):
        headings[key] = words[key]
    columns[1] = words["col_task"]


def next_steps_intro(plan: Plan, lang: str, intro: str, unfinished: int) -> str:
    """The opening of 下一步打算 at the year's end: a 工作计划's work is carried over (结转2025年
    继续推进), a problem is put right until it is (继续推进整改，直至整改到位). Any other opening
    (a half year's, the tasks at 100% to tick off) as it was."""
    year = plan_years(plan, lang, later=1)
    key = "next_intro_one" if unfinished == 1 else "next_intro"  # (as shortfalls says it)
    carried = phrase(lang, key, n=unfinished, plan=phrase(lang, "next_carry", year=year))
    if intro != carried:  # (another period's: 以下2项任务尚未完成，下半年抓紧推进)
        return _problems_not_tasks(intro, lang, unfinished)
    if lang == "zh":
        return f"以下{unfinished}个问题尚未完成整改，{year}继续推进整改，直至整改到位："
    if unfinished == 1:
        return (
            f"This problem is not yet rectified; its rectification goes on in {year} until it is:"
        )
    return (
        f"These {unfinished} problems are not yet rectified; their rectification goes on in "
        f"{year} until they are:"
    )


def _problems_not_tasks(intro: str, lang: str, unfinished: int) -> str:
    """以下2项任务尚未完成，… as a 整改 report says it: 以下2个问题尚未完成整改，…; any other
    opening as it was."""
    if lang == "zh":
        tasks, problems = (
            f"以下{unfinished}项任务尚未完成，",
            f"以下{unfinished}个问题尚未完成整改，",
        )
    elif unfinished == 1:
        tasks, problems = "This task is not done; ", "This problem is not yet rectified; "
    else:
        tasks = f"These {unfinished} tasks are not done; "
        problems = f"These {unfinished} problems are not yet rectified; "
    return problems + intro[len(tasks) :] if intro.startswith(tasks) else intro


def said_put_right(report: Report, plan: Plan, lang: str) -> None:
    """Each problem put right under 整改落实情况 as a 整改 report says it, with the measures
    taken (针对“…”问题，…，已于6月20日完成整改), in place of a done task's sentence (…（6月20日
    完成）) where it begins so; what follows it (进展情况, 佐证材料) kept."""
    tasks = {task.id: task for task in plan.tasks()}

    def walk(entries: list[GoalEntry | TaskEntry | SummaryEntry]) -> None:
        for entry in entries:
            if isinstance(entry, GoalEntry):
                walk(list(entry.entries))
            elif isinstance(entry, TaskEntry) and entry.id in tasks:
                entry.sentence = _put_right(tasks[entry.id], entry.sentence, lang)

    walk(list(report.achievements))


def _put_right(task: Item, sentence: str, lang: str) -> str:
    done_on = task.get("done_on")
    if task.status != "done" or not isinstance(done_on, dt.date) or metric_of(task) is not None:
        return sentence
    said = achievement_sentence(task, None, lang, title_of(task))  # (as build._task_entry)
    if not sentence.startswith(said):
        return sentence
    title = as_named(task.title)
    detail = task.get("detail")
    measures = one_line(detail).strip().rstrip("。；;，, ") if isinstance(detail, str) else ""
    date = format_long_date(lang, done_on)
    late = task.due is not None and done_on > task.due
    due = long_form(task.get("due"), lang) if late else ""
    if lang == "zh":
        problem = title if title.endswith("问题") else f"“{title}”问题"
        when = f"已于{date}完成整改" + (f"（晚于整改时限{due}）" if late else "")
        head = f"针对{problem}，{measures}，{when}。" if measures else f"{problem}{when}。"
    else:
        when = f"rectified on {date}" + (f", after its deadline of {due}" if late else "")
        head = f"{title}: {measures}; {when}." if measures else f"{title}: {when}."
    return head + sentence[len(said) :]
