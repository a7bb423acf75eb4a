"""The report's 存在的问题 and 下一步打算: tasks behind, overdue, blocked or missing their
milestones, and what each part still has to do, built from the plan at a date."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

from ..lights import light, thresholds
from ..model import Item, Plan
from ..periods import long_form, written
from ..records import Milestones, MilestoneState, at_full_not_ticked_off, blocked_at_full
from ..rollup import exact, metric_completion, task_completion
from ..standing_work import is_ongoing
from ..texts import (
    chinese_numeral,
    format_percent,
    format_percent_short_of,
    status_label,
)
from ..trace import last_block
from .content import Metric, NextStep, NextStepGroup, ProblemEntry, ProblemGroup
from .figures import falls_short, metric_of, metric_state, remaining, shortfall_text
from .investment import task_clause
from .naming import latest_note_text, responsible_text
from .rectification import PROBLEM_WORDS, at_once
from .title import plan_years, whole_period
from .words import (
    as_head,
    end_sentence,
    join_sentences,
    loose_heading,
    number_label,
    phrase,
    phrase_of,
    problem_label,
    series,
    title_of,
)

_SEVERITY = {"overdue": 0, "behind": 2, "ongoing": 2}  # (standing work said where it was)


def problems(
    plan: Plan,
    as_of: dt.date,
    lang: str,
    tasks: list[Item],
    paces: dict[str, str],
    named: dict[str, str],
    rectified: bool = False,
) -> dict[str, Any]:
    """Unfinished tasks, the worst first (overdue, blocked, behind, the rest), then dropped;
    each with its light (红黄绿灯) and the milestone it missed, if it did. The tasks with no
    reason recorded are named once, together, after the list. ``rectified``: the problems of
    a 整改清单, said by their 整改时限 (``rectification.PROBLEM_WORDS``)."""

    def severity(task: Item) -> int:
        kind = paces[task.id]
        if kind == "overdue":
            return 0
        return 1 if task.status == "blocked" else _SEVERITY.get(kind, 3)

    rules = thresholds(plan)
    # A task ahead of or on its pace, green and not blocked, is no problem yet (a draft made
    # before the year's end): it is carried forward under 下一步打算. At the year's end every
    # unfinished task is due with its whole share expected, behind, and each is a problem.
    open_tasks = [t for t in tasks if t.status not in ("done", "dropped")]
    missed = {
        task.id: milestone
        for task, milestone in Milestones(plan, as_of).missed(
            [t for t in open_tasks if t.get("milestone")]
        )
    }
    # Standing work (长期坚持, 常态化) has no deadline to miss: at the year's end it goes on into
    # the next, said under 下一步打算; a problem only if blocked or past a milestone missed.
    year_over = as_of >= plan.end

    def lagging(task: Item) -> bool:
        if paces[task.id] == "ongoing":  # 常态推进: (nothing recorded all year is still said)
            return year_over and _untouched(task)
        return paces[task.id] not in ("ahead", "on_pace") or light(
            task, plan, as_of, rules
        ) not in (None, "green")

    unfinished = [
        t
        for t in open_tasks
        if lagging(t)
        or t.status == "blocked"
        or t.id in missed  # a milestone missed is a problem, whatever the pace since
    ]
    unfinished.sort(key=severity)  # stable: plan order within a class
    # Ticked off short of its figure (87 of 90公里): done, and counted so, but what is still
    # missing is a problem the office reports, after the unfinished.
    short = [t for t in tasks if t.status == "done" and falls_short(metric_of(t))]
    dropped = [t for t in tasks if t.status == "dropped"]
    # Tasks nobody recorded anything of are alike: said together, after the others, as one
    # problem (以下24项工作全年未见进展记录：…), not in as many sentences that read the same.
    untouched = [t for t in unfinished if _untouched(t) and t.id not in missed]
    if len(untouched) < UNTOUCHED_GROUPED:
        untouched = []
    untouched_ids = {t.id for t in untouched}
    said_alone = [t for t in unfinished if t.id not in untouched_ids]

    def entry_of(task: Item, number: str) -> ProblemEntry:
        return _problem_entry(
            task,
            number,
            paces[task.id],
            lang,
            named.get(task.id, title_of(task)),
            light(task, plan, as_of, rules),
            missed.get(task.id),
            year_over=year_over,
            whole=whole_period(plan, lang),
            plan_end=plan.end,
            rectified=rectified,
        )

    entries: list[ProblemEntry | ProblemGroup] = [
        entry_of(task, problem_label(lang, position)) for position, task in enumerate(said_alone, 1)
    ]
    if untouched:
        alone = not said_alone and not short and not dropped  # (一是 of nothing else: no 一是)
        number = "" if alone else problem_label(lang, len(entries) + 1)
        group = untouched_group(
            lang,
            number,
            [entry_of(t, "") for t in untouched],
            untouched,
            as_of >= plan.end,
            whole_period(plan, lang),
        )
        entries.append(group)
    for task in [*short, *dropped]:
        entries.append(entry_of(task, problem_label(lang, len(entries) + 1)))
    unexplained = [
        n
        for n, entry in enumerate(entries, 1)
        if isinstance(entry, ProblemGroup) or (entry.reason is None and entry.past_block is None)
    ]
    if not unexplained:
        why = None
    elif len(unexplained) == len(entries):
        key = "no_reason_all" if len(entries) > 1 else "no_reason_one"
        why = end_sentence(lang, phrase(lang, key))
    else:
        labels = _label_runs(lang, unexplained)
        why = end_sentence(lang, phrase(lang, "no_reason_some", labels=labels))
    if entries:
        note = None
    elif open_tasks:
        one = "_one" if len(open_tasks) == 1 else ""
        note = phrase(lang, f"problem_none_on_pace{one}", count=len(open_tasks))
    else:
        note = phrase(lang, "problem_none")
    return {"problems": entries, "problems_unexplained": why, "problems_note": note}


# As many untouched tasks as are said together: two read well enough one by one.
UNTOUCHED_GROUPED = 3


def _untouched(task: Item) -> bool:
    """Whether nothing is recorded of a task: not started, no progress, no figure, no note, no
    reason, never blocked."""
    return (
        task.status == "todo"
        and not task.get("progress")
        and task.get("actual") is None
        and not (task.get("reason") or "").strip()
        and latest_note_text(task) is None
        and last_block(task.data) is None
    )


def untouched_group(
    lang: str,
    number: str,
    entries: list[ProblemEntry],
    tasks: list[Item],
    year_over: bool,
    whole: str = "",
) -> ProblemGroup:
    """The untouched tasks as one problem, by part as an office's summary lists them:
    以下24项工作全年未见进展记录：打牢一个基础方面2项（…）；培育两大产业方面5项（…）。主要原因是
    【待补充】。 Within one part its tasks are named alone; ``entries`` keeps each for the JSON."""
    names = {entry.id: as_head(entry.name, lang) for entry in entries}
    parts: dict[str, list[Item]] = {}
    for task in tasks:
        parts.setdefault(task.part.id if task.part is not task else "", []).append(task)
    by_part = {task.part.id: task.part for task in tasks if task.part is not task}
    if len(parts) == 1:
        listed = series(lang, [names[t.id] for t in tasks])
    else:
        said = []
        # (the tasks at the top of the plan after the parts, as 下一步打算 has them: 其他2项)
        for part_id, mine in sorted(parts.items(), key=lambda pair: pair[0] == ""):
            listed_here = series(lang, [names[t.id] for t in mine])
            if part_id:
                part = title_of(by_part[part_id])
                said.append(
                    phrase(lang, "untouched_part", part=part, n=len(mine), names=listed_here)
                )
            else:
                said.append(phrase(lang, "untouched_loose", n=len(mine), names=listed_here))
        listed = phrase(lang, "semi_sep").join(said)
    overdue = sum(entry.pace == "overdue" for entry in entries)
    late = phrase_of(lang, "untouched_overdue", overdue, count=overdue) if overdue else ""
    key = "untouched_year" if year_over else "untouched_so_far"
    head = phrase_of(lang, key, len(tasks), count=len(tasks), overdue=late, whole=whole)
    sentence = join_sentences(
        lang,
        [
            f"{number}{head}{listed}" if lang == "zh" or not number else f"{number} {head}{listed}",
            phrase(lang, "because", reason=phrase(lang, "reason_missing")),
        ],
    )
    pace = "overdue" if overdue else "behind"
    ids = [t.id for t in tasks]
    return ProblemGroup(number, "untouched", len(tasks), ids, sentence, pace, entries=entries)


def _label_runs(lang: str, positions: list[int]) -> str:
    """The problems at these positions, three or more in a row as a range: 第一、三、五至八项
    (一是、二是 number the problems within their sentences, not as names: "一是至三是" does
    not read); problems 1, 3 and 5 to 8 in English."""
    runs: list[list[int]] = []
    for position in positions:
        if runs and runs[-1][-1] == position - 1:
            runs[-1].append(position)
        else:
            runs.append([position])
    said: list[str] = []
    # In English the number alone, after "problem": No reason is recorded for problem 2. (for
    # 2). the bracket of the label read as one left open where the sentence ends)
    name = chinese_numeral if lang == "zh" else str
    for run in runs:
        if len(run) >= 3:
            first, last = name(run[0]), name(run[-1])
            said.append(phrase(lang, "label_range", first=first, last=last))
        else:
            said += [name(position) for position in run]
    if lang == "zh":
        return phrase(lang, "labels", labels="、".join(said))
    return ("problem " if len(positions) == 1 else "problems ") + series(lang, said)


def figure_by_progress(task: Item, lang: str, now_said: bool = False) -> str | None:
    """An unfinished task whose figure does not measure it (no target number, or a sign that
    makes a ratio say nothing) is measured by its progress: its figure said alone, and the
    completion as the progress it is (已完成3.35万亩，未设目标值，按填报进度计完成率0%), not
    完成率0%（已完成3.35万亩）, which reads as if the figure were 0% of something. None for
    any other task. ``now_said``: as ``metric_state``'s."""
    metric = metric_of(task)
    if metric is None or metric.actual is None or metric_completion(task) is not None:
        return None
    figure = metric_state(metric, lang, now_said)
    if metric.target is None and not metric.target_text:
        figure += phrase(lang, "clause_sep") + phrase(lang, "no_target")
    rate = format_percent(task_completion(task))
    return phrase(lang, "figure_by_progress", figure=figure, rate=rate)


def _milestone_due(task: Item, missed: MilestoneState, lang: str) -> str:
    """What a missed milestone asked: its share (80%), and a milestone set as a figure the
    figure first, as status and show say it (应达2.4万亩，即80% / 2.4万亩 (80%) due)."""
    from ..rollup import exact_ratio
    from ..texts import format_number, mark_percent, with_unit

    share = mark_percent(exact_ratio(missed.share))
    if missed.value is None:
        return share

    measure = task.get("measure", "")
    amount = with_unit(
        lang, format_number(missed.value), measure if isinstance(measure, str) else ""
    )
    return f"{amount}，即{share}" if lang == "zh" else f"{amount} ({share})"


def _blocked_since(task: Item) -> dt.date | None:
    """The day a blocked task was blocked, from its latest block (``trace.last_block``) where
    that block gave the reason it is blocked for now; None where the trace does not say (a
    status written by hand, a reason edited since)."""
    held = last_block(task.data)
    if held is None or held[0] is None:
        return None
    reason = (task.get("reason") or "").strip()
    return held[0] if held[1] == reason else None


def _problem_entry(
    task: Item,
    number: str,
    kind: str,
    lang: str,
    name: str,
    colour: str | None = None,
    missed: MilestoneState | None = None,
    year_over: bool = False,
    whole: str = "",
    plan_end: dt.date | None = None,
    rectified: bool = False,
) -> ProblemEntry:
    zh = lang == "zh"
    # A 整改清单's problem is said by its 整改时限, not as a year's task (rectification.py).
    problem_words = PROBLEM_WORDS[lang if lang in PROBLEM_WORDS else "en"] if rectified else {}

    def said(key: str, **values: Any) -> str:
        if key in problem_words:
            return problem_words[key].format(**values)
        return phrase(lang, key, **values)

    sep = phrase(lang, "clause_sep")
    # No reason recorded: left for the drafter where the reason goes (主要原因是【待补充】), a
    # mark Word highlights, rather than a list of numbers after the problems (以上第…项未记录
    # 原因 is a prompt to the drafter, not text for the document).
    gap = phrase(lang, "reason_missing")
    quoted = as_head(name, lang)  # (“道路硬化：完成5公里”：受阻)
    reason = (task.get("reason") or "").strip() or None
    past_block = None
    note = latest_note_text(task)
    responsible = responsible_text(task, lang)
    completion = task_completion(task)
    metric = metric_of(task)
    if task.status == "done" and metric is not None:
        figure = shortfall_text(title_of(task), metric, lang)
        head = f"{number}{quoted}：" if zh else f"{number} {quoted}: "
        why = phrase(lang, "because", reason=reason or gap)
        latest = phrase(lang, "latest_note", note=note) if note else ""
        # a rank says 未达到…的目标 itself: not said twice
        key = "short_done_rank" if metric.rank else "short_done"
        sentence = join_sentences(lang, [head + phrase(lang, key, figure=figure), why, latest])
    elif task.status == "dropped":
        dropped = status_label(lang, "dropped")
        why = phrase(lang, "dropped_reason", reason=reason or gap)
        sentence = join_sentences(
            lang,
            [f"{number}{quoted}：{dropped}" if zh else f"{number} {quoted}: {dropped}", why],
        )
    else:
        # Said as the office writes it (the town's own 2022 summary): what is behind first, in
        # words (no 红灯/黄灯: the tool's terms, which the light field of the JSON keeps), then
        # how far, by when and who, then why.
        clauses = []
        if task.status == "blocked":
            # Since when, where the trace knows it (自2023年6月1日起推进受阻): at the year's end a
            # blocked task is said blocked once, not again as 年内未能完成.
            since = _blocked_since(task)
            if since is None:
                clauses.append(phrase(lang, "verdict_blocked"))
            else:
                clauses.append(phrase(lang, "verdict_blocked_since", date=long_form(since, lang)))
        if kind == "overdue":
            if task.due:
                clauses.append(said("due_said", date=long_form(task.get("due"), lang)))
            at_once_missed = rectified and task.due is None and at_once(task)  # (立行立改)
            clauses.append(said("verdict_at_once" if at_once_missed else "verdict_overdue"))
        elif kind == "ongoing":
            # standing work is not unfinished at the year's end, it goes on: what is amiss is
            # that nothing was recorded of it all year, else a block or a milestone said here
            if missed is None and task.status != "blocked" and year_over:
                clauses.append(phrase(lang, "verdict_unrecorded", whole=whole))
        elif kind == "behind" and not (year_over and task.status == "blocked"):
            # A project due after the plan's year (竣工 2026年 in a 2025 list) is not unfinished
            # in a year it was never due in: behind its pace, said so.
            due_later = plan_end is not None and task.due is not None and task.due > plan_end
            final = year_over and not due_later
            if _limit_gone_over(task, metric):
                # 较大以上安全生产事故1起 aiming at 0起: a limit gone over, not work unfinished
                clauses.append(said("verdict_over_limit"))
            else:
                clauses.append(said("verdict_year" if final else "verdict_behind"))
        elif missed is None and task.status != "blocked":
            clauses.append(phrase(lang, "verdict_slow"))  # lit by its light, on pace
        if missed is not None:
            clauses.append(
                phrase(
                    lang,
                    "milestone_missed",
                    due=long_form(missed.due, lang),
                    expected=_milestone_due(task, missed, lang),
                    done=format_percent_short_of(missed.done, missed.share),
                )
            )
        by_progress = figure_by_progress(task, lang)
        if by_progress:
            state = by_progress
        else:
            state = phrase(lang, "state_rate", rate=format_percent(completion))
            if metric is not None and (figure := metric_state(metric, lang)):
                state += f"（{figure}）" if zh else f" ({figure})"
        if task.status == "todo":
            # Progress noted on a task never marked started: 未开始 beside 最新进展：发放资金12万元
            # contradicts itself; what the records know is that nobody marked it started.
            start = phrase(lang, "state_unmarked") if note else said("state_todo")
            # a problem without a figure or progress has no rate to give (完成率为0%)
            bare = rectified and not note and metric is None and not completion
            clauses += [start] if bare else [start, state]
        elif "目前" in state or "now " in state:  # (a level says it: 目前第33位, now #33)
            clauses.append(state)
        else:
            clauses.append(phrase(lang, "state_now", state=state))
        if task.due and kind != "overdue":
            clauses.append(said("due_said", date=long_form(task.get("due"), lang)))
        money = task_clause(lang, task)  # 总投资250万元: what is at stake, as the table said
        if money:
            clauses.append(money)
        if responsible:
            clauses.append(phrase(lang, "in_charge", names=responsible))
        head = f"{number}{quoted}：" if zh else f"{number} {quoted}: "
        why = phrase(lang, "because", reason=reason or gap)
        if not reason and task.status != "blocked" and (held := last_block(task.data)):
            # Started again after a block (plan start clears the reason): why it was held up
            # is still why it is late, and the trace keeps it.
            past_block = held[1]
            day = long_form(held[0], lang) if held[0] is not None else ""
            why = phrase(lang, "because_past", date=day, reason=past_block)
        latest = phrase(lang, "latest_note", note=note) if note else ""
        sentence = join_sentences(lang, [head + sep.join(clauses), why, latest])
    return ProblemEntry(
        number=number,
        id=task.id,
        title=title_of(task),
        name=name,
        status=task.status,
        pace=kind,
        completion=completion,
        due=written(task.get("due")) if task.due is not None else "",
        due_day=task.due,
        responsible=responsible,
        reason=reason,
        note=note,
        sentence=sentence,
        light=colour,
        past_block=past_block,
        short_of_target=task.status == "done",  # (a done task is a problem only when short)
    )


def next_steps(
    plan: Plan,
    as_of: dt.date,
    lang: str,
    tasks: list[Item],
    paces: dict[str, str],
    parts: list[Item],
    period: str,
    named: dict[str, str],
    rectified: bool = False,
) -> dict[str, Any]:
    """The unfinished tasks, grouped by part (（一）…, by place in the report), each with its
    state and what to do about it. What all of them are to do is said once, in the opening
    line (结转2024年继续推进, 下半年加快进度…), not again in every item."""
    unfinished = [t for t in tasks if t.status not in ("done", "dropped")]
    # Ticked off short of its figure (87 of 90公里): a problem under 存在的问题, and the gap
    # is still to close, so it is carried on here too.
    short = [t for t in tasks if t.status == "done" and falls_short(metric_of(t))]
    if not unfinished and not short:
        # Every task done, or none to do (all dropped, an empty scope): only the first is 全部完成.
        done = any(t.status == "done" for t in tasks)
        return {
            "next_steps_intro": phrase(lang, "next_none" if done else "next_nothing"),
            "next_steps": [],
        }
    year_over = as_of >= plan.end
    next_year = plan_years(plan, lang, later=1)  # (2024年; after a July–June plan 2024-2025年度)
    # A task at 100% not ticked off is not done, but it has no work left to push on or carry
    # over: it is to be checked and ticked off (核实销号), as its line and the opening say.
    reached = at_full_not_ticked_off(unfinished, plan, as_of)

    def action(task: Item) -> str:
        kind = paces[task.id]
        if task.status == "blocked":  # at 100% still blocked: nothing to push on, to check
            reached_blocked = blocked_at_full(task, plan, as_of)
            return phrase(lang, "next_blocked_reached" if reached_blocked else "next_blocked")
        if task.id in reached:
            return phrase(lang, "next_confirm")
        if year_over and is_ongoing(task.data):  # 长期坚持: goes on, not carried over
            return phrase(lang, "next_ongoing", year=next_year)
        if year_over:
            return phrase(lang, "next_carry", year=next_year)
        if kind == "overdue":
            return phrase(lang, "next_overdue")
        if kind == "behind":
            return phrase(lang, "next_behind")
        return phrase(lang, "next_on")

    actions = {task.id: action(task) for task in unfinished}
    ongoing_words = phrase(lang, "next_ongoing", year=next_year)
    to_push = [actions[t.id] for t in unfinished if t.id not in reached]
    when = phrase(lang, f"next_when_{period}" if period in ("h1", "q3") else "next_when")
    if not to_push:  # every one at 100%: to be checked and ticked off
        said_once = phrase(lang, "next_confirm")
        plan_words = ""
    elif year_over:
        # 结转 for the work left unfinished; standing work alone is said to go on
        carry = phrase(lang, "next_carry", year=next_year)
        alone = set(to_push) == {ongoing_words}
        said_once = ongoing_words if alone else carry
        plan_words = said_once
    elif 2 * _most_said(to_push) > len(to_push):
        # What most of them are to do (加快进度，确保按期完成 of 17 tasks of 22 behind at the end of
        # June) is said once, in the opening line; the others say what they are to do.
        said_once = max(to_push, key=to_push.count)
        plan_words = phrase(lang, "next_plan", when=when, action=said_once)
    else:
        said_once = ""
        plan_words = phrase(lang, "next_plan", when=when, action=phrase(lang, "next_push"))
    one = "_one" if len(unfinished) == 1 else ""
    if not to_push:
        intro = phrase(lang, f"next_intro_reached{one}", n=len(unfinished))
    elif reached:
        intro = phrase(
            lang,
            "next_intro_some_reached" + ("_one" if len(reached) == 1 else ""),
            n=len(unfinished),
            reached=len(reached),
            plan=plan_words,
        )
    elif ongoing := [t for t in unfinished if actions[t.id] == ongoing_words]:
        if len(ongoing) == len(unfinished):  # standing work alone: none is left unfinished
            intro = phrase(lang, f"next_intro_ongoing{one}", n=len(unfinished), year=next_year)
        else:
            intro = phrase(
                lang,
                "next_intro_some_ongoing" + ("_one" if len(ongoing) == 1 else ""),
                n=len(unfinished),
                ongoing=len(ongoing),
                year=next_year,
                plan=plan_words,
            )
    else:
        intro = phrase(lang, f"next_intro{one}", n=len(unfinished), plan=plan_words)

    if short and not unfinished:
        intro = phrase_of(lang, "next_short_intro", len(short), count=len(short))
    elif short:  # (the opening ends in its colon: the short ones are said before it)
        intro = intro[:-1] + phrase_of(lang, "next_short_also", len(short), count=len(short))
    short_ids = {t.id for t in short}
    listed = [t for t in tasks if t.id in short_ids or t.id in actions]

    groups: list[NextStepGroup] = []
    untouched: dict[str, str] = {}  # the state said of each task nothing was recorded of
    # Tasks at the top of the plan (a 工作台账 numbered 1, 2, 3… without categories) are said
    # together after the parts, as 其他任务 (no heading in a plan of tasks alone).
    loose = [t for t in listed if t.parent is None]
    by_part: list[tuple[Item | None, list[Item]]] = [
        (root, [t for t in listed if t.part is root]) for root in parts if not root.is_task
    ]
    for root, mine in [*by_part, (None, loose)]:
        if not mine:
            continue
        steps = []
        for n, task in enumerate(mine, 1):
            name = named.get(task.id, title_of(task))
            if task.id in short_ids:
                todo = phrase(lang, "next_short")
                said = [remaining(metric_of(task), lang) or ""]
                if who := responsible_text(task, lang):
                    said.append(phrase(lang, "in_charge", names=who))
                sentence = phrase(
                    lang,
                    "next_short_line",
                    title=as_head(name, lang),
                    state=phrase(lang, "clause_sep").join(w for w in said if w),
                    action=todo,
                )
                steps.append(
                    NextStep(
                        number_label(lang, 2, n),
                        task.id,
                        title_of(task),
                        name,
                        sentence,
                        action=todo,
                    )
                )
                continue
            started = status_label(lang, task.status)
            if task.status == "todo":  # (as 存在的问题 says it: noted, never marked started)
                noted = latest_note_text(task) is not None
                started = phrase(lang, "state_unmarked" if noted else "state_todo_short")
            # (a 整改清单's problem not begun: 尚未开始整改, with no rate it has no figure for)
            bare = rectified and task.status == "todo" and metric_of(task) is None
            bare = bare and not task_completion(task) and latest_note_text(task) is None
            if bare:
                started = PROBLEM_WORDS[lang if lang in PROBLEM_WORDS else "en"]["state_todo_short"]
            state = [
                started,
                # (the sentence begins 目前: a level is not said 目前 again)
                figure_by_progress(task, lang, now_said=True)
                or phrase(lang, "completion", rate=format_percent(task_completion(task))),
            ][: 1 if bare else 2]
            if left := remaining(metric_of(task), lang):
                state.append(left)
            if who := responsible_text(task, lang):
                state.append(phrase(lang, "in_charge", names=who))
            todo = actions[task.id] if actions[task.id] != said_once else ""
            if _untouched(task):  # (said with the others alike: ``_alike_together``)
                untouched[task.id] = phrase(lang, "clause_sep").join(state)
            key = "next_line" if todo else "next_state"
            sentence = phrase(
                lang,
                key,
                title=as_head(name, lang),
                state=phrase(lang, "clause_sep").join(state),
                action=todo,
            )
            steps.append(
                NextStep(
                    number_label(lang, 2, n), task.id, title_of(task), name, sentence, action=todo
                )
            )
        if root is None:
            number, title = loose_heading(lang, parts, len(groups) + 1)
            groups.append(NextStepGroup(number, "", title, steps))
        else:
            number = number_label(lang, 1, len(groups) + 1)
            groups.append(NextStepGroup(number, root.id, title_of(root), steps))
    if len(untouched) >= UNTOUCHED_GROUPED:  # (as many as 存在的问题 says together)
        for group in groups:
            group.lines = _alike_together(lang, group.steps, untouched)
    return {"next_steps_intro": intro, "next_steps": groups}


def _alike_together(lang: str, steps: list[NextStep], untouched: dict[str, str]) -> list[NextStep]:
    """A part's steps as the documents show them where tasks nothing was recorded of read alike
    (the same state: 尚未开始，完成率0%, the same people), nothing of their own to do: said in
    one line in the place of the first, numbered once, as 存在的问题 says them together; []
    where no two are so."""
    alike: dict[str, list[NextStep]] = {}
    for step in steps:
        if step.id in untouched and not step.action:
            alike.setdefault(untouched[step.id], []).append(step)
    together: dict[int, NextStep] = {}  # the first of each run of two or more: their line
    for state, mine in alike.items():
        if len(mine) > 1:
            names = series(lang, [as_head(step.name, lang) for step in mine])
            sentence = phrase(lang, "next_state_alike", title=names, state=state)
            together[id(mine[0])] = NextStep("", "", "", names, sentence)
    if not together:
        return []
    gone = {id(step) for mine in alike.values() if len(mine) > 1 for step in mine[1:]}
    lines: list[NextStep] = []
    for step in steps:
        if id(step) not in gone:
            shown = together.get(id(step), step)
            lines.append(dataclasses.replace(shown, number=number_label(lang, 2, len(lines) + 1)))
    return lines


def _most_said(actions: list[str]) -> int:
    """How many tasks share the action said most often."""
    return max(actions.count(action) for action in set(actions))


# Target words that set a limit (控制在5起以内, 不超过3‰, ≤2起), not a fall to reach (降至500
# 平方米, 下降3%, 减少到1000吨: work behind or unfinished while the figure is above it).
_LIMIT_WORDS = re.compile(r"控制在|不超过|不高于|不大于|[≤＜<]|上限|零")
# 以内, 以下 set a limit but after a fall to reach (降至1%以下, 减少到500吨以内): that fall
_BOUND_WORDS = re.compile(r"以内|以下|低于")
_A_FALL = re.compile(r"降|减")


def _limit_gone_over(task: Item, metric: Metric | None) -> bool:
    """A figure over the limit its target sets: a target of 0 (0起) or words saying a limit."""
    if metric is None or not metric.down or metric.rank or not falls_short(metric):
        return False
    words = task.get("target_text")
    limit = isinstance(words, str) and (
        _LIMIT_WORDS.search(words) is not None
        or (_BOUND_WORDS.search(words) is not None and _A_FALL.search(words) is None)
    )
    return limit or (metric.target is not None and exact(metric.target) == 0)
