"""The report's content built from the plan at a date: overview, achievements, problems, next
steps and the ledger (``year_end_report``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..lights import Rules, light, thresholds
from ..model import Item, Plan, is_responsible, responsible_names
from ..periods import long_form, written
from ..records import Milestones, MilestoneState
from ..rollup import group_rollup, pace, rollups, task_completion, task_shares
from ..texts import (
    format_long_date,
    format_number,
    format_percent,
    light_label,
    pace_label,
    round_half_up,
    status_label,
)
from ..trace import effective_day
from .content import (
    GoalEntry,
    LedgerRow,
    NextStep,
    NextStepGroup,
    Overview,
    PartLine,
    ProblemEntry,
    Report,
    TaskEntry,
)
from .figures import achievement_sentence, metric_of, metric_state, remaining
from .words import (
    end_sentence,
    join_sentences,
    number_label,
    phrase,
    problem_label,
    report_title,
)

# Actions whose log note tells how the work went (not edits of the plan itself).
_NOTE_ACTIONS = {"note", "done", "progress", "record", "start", "block", "drop", "reopen"}


def responsible_text(task: Item) -> str:
    """责任单位/责任人 of the ledger: the lead unit (else the lead) and the owner that answer for
    the task (``model.responsible_names``: the nearest ones stated)."""
    unit = responsible_names(task, "lead_unit") or responsible_names(task, "lead")
    owner = responsible_names(task, "owner")
    return "/".join(name for name in ("、".join(unit), "、".join(owner)) if name)


def _latest_note(task: Item) -> str | None:
    """The progress note of the latest day (a note written later about an earlier day is not
    the latest); one taken back with ``plan undo`` is no longer said."""
    notes = [
        (n, entry)
        for n, entry in enumerate(task.log)
        if "undone" not in entry
        and isinstance(entry.get("note"), str)
        and entry["note"].strip()
        and entry.get("action", "note") in _NOTE_ACTIONS  # a hand-written note may say none
    ]
    if not notes:
        return None
    _, latest = max(notes, key=lambda pair: (effective_day(pair[1]) or dt.date.min, pair[0]))
    return str(latest["note"]).strip()


# ---------------------------------------------------------------- the report


def year_end_report(
    plan: Plan,
    as_of: dt.date,
    lang: str,
    part: Item | None = None,
    owner: str | None = None,
    recorded_to: dt.date | None = None,
) -> Report:
    """The report at ``as_of``: of the whole plan, or of the tasks under ``part`` and/or whose
    responsible names (lead, lead unit, supporting units, owner, also set on their goals)
    contain ``owner``. ``recorded_to``: the plan is as it is now, past the day its pace is
    judged at (the plan's end); the report then says its records go to that day."""
    owner = owner.strip() if owner else None
    tasks = [
        task
        for task in plan.tasks()
        if (part is None or task.is_within(part)) and (not owner or is_responsible(task, owner))
    ]
    scoped = {task.id for task in tasks}
    paces = {task.id: pace(task, plan, as_of) for task in tasks}
    # The plan as it is now, past its end (changes recorded after the end are in it): the
    # report says to which day its records go.
    told = recorded_to if recorded_to is not None and recorded_to > as_of else as_of
    as_of_text = phrase(lang, "as_of", date=format_long_date(lang, told))

    scope_parts = []
    if part is not None:
        scope_parts.append(phrase(lang, "scope_part", id=part.id, title=part.title))
    if owner:
        scope_parts.append(phrase(lang, "scope_owner", owner=owner))

    rules = thresholds(plan)
    parts = [
        (position, root)
        for position, root in enumerate(plan.roots, 1)
        if any(task.id in scoped for task in root.tasks())
    ]
    return Report(
        lang=lang,
        title=report_title(plan, lang),
        organisation=plan.organisation,
        as_of=as_of,
        as_of_text=as_of_text,
        scope=phrase(lang, "scope_sep").join(scope_parts) or None,
        plan_title=plan.title,
        headings={
            key: phrase(lang, key)
            for key in ("overview", "achievements", "problems", "next_steps", "ledger")
        },
        overview=_overview(
            plan, as_of, lang, tasks, scoped, paces, parts, as_of_text, bool(scope_parts)
        ),
        achievements=[_achievement_part(root, n, scoped, lang) for n, root in parts],
        **_problems(plan, as_of, lang, tasks, paces),
        **_next_steps(plan, as_of, lang, tasks, paces, parts),
        ledger_columns=[
            phrase(lang, key)
            for key in (
                "col_id",
                "col_task",
                "col_responsible",
                "col_due",
                "col_status",
                "col_completion",
                "col_done_on",
            )
        ],
        ledger=[
            _ledger_row(task, paces[task.id], light(task, plan, as_of, rules), lang)
            for task in tasks
        ],
        ledger_note=phrase(lang, "ledger_note") + _lights_rule(lang, rules),
    )


def _overview(
    plan: Plan,
    as_of: dt.date,
    lang: str,
    tasks: list[Item],
    scoped: set[str],
    paces: dict[str, str],
    parts: list[tuple[int, Item]],
    as_of_text: str,
    filtered: bool,
) -> Overview:
    statuses = [task.status for task in tasks]
    dropped = statuses.count("dropped")
    total = len(tasks) - dropped
    done, doing, todo, blocked = (statuses.count(s) for s in ("done", "doing", "todo", "blocked"))
    behind = sum(1 for kind in paces.values() if kind == "behind")
    overdue = sum(1 for kind in paces.values() if kind == "overdue")
    # Parts and the whole are weighted as in the plan (``rollup.group_rollup``): a report on
    # every task shows exactly what plan status shows, one on a unit what status --by shows.
    every = rollups(plan, as_of)
    shares = task_shares(plan, every)
    figures = [
        (root, group_rollup([t for t in tasks if t.part is root], plan, as_of, shares, every))
        for _, root in parts
    ]
    everything = group_rollup(tasks, plan, as_of, shares, every)

    paragraphs = []
    if not tasks:
        paragraphs.append(phrase(lang, "no_tasks", as_of=as_of_text))
    else:
        key = "overview_head_scoped" if filtered else "overview_head"
        head = phrase(lang, key, as_of=as_of_text, plan=plan.title, total=total)
        if dropped:
            head += phrase(lang, "overview_dropped", n=dropped)
        head += phrase(lang, "overview_done", n=done)
        for key, n in (("overview_doing", doing), ("overview_todo", todo)):
            if n:
                head += phrase(lang, key, n=n)
        head += phrase(lang, "overview_rate", rate=format_percent(everything.completion))
        paragraphs.append(head)
        counted = [
            (pace_label(lang, "behind"), behind),
            (pace_label(lang, "overdue"), overdue),
            (status_label(lang, "blocked"), blocked),
            (status_label(lang, "dropped"), dropped),
        ]
        said = [phrase(lang, "count", label=name, n=n) for name, n in counted if n]
        zero = [name for name, n in counted if not n]
        tail = phrase(lang, "clause_sep").join(said)
        if tail:
            tail = phrase(lang, "among") + tail
        if zero:
            none = phrase(lang, "none_of", labels=phrase(lang, "list_sep").join(zero))
            tail = f"{tail}{phrase(lang, 'semi_sep')}{none}" if tail else none
        if done == total and not dropped:
            tail = phrase(lang, "all_done")
        tail = tail[:1].upper() + tail[1:]  # "none …" may start the sentence
        paragraphs.append(end_sentence(lang, tail))

    lines = []
    for (position, root), (_, part_figures) in zip(parts, figures, strict=True):
        assert part_figures is not None
        number = number_label(lang, 0, position)
        sentence = phrase(
            lang,
            "part_line",
            number=number,
            title=root.title,
            total=part_figures.total,
            done=part_figures.done,
            rate=format_percent(part_figures.completion),
        )
        extra = [
            phrase(lang, "count", label=pace_label(lang, kind), n=part_figures.paces[kind])
            for kind in ("behind", "overdue")
            if part_figures.paces[kind]
        ]
        if part_figures.blocked:
            extra.append(
                phrase(lang, "count", label=status_label(lang, "blocked"), n=part_figures.blocked)
            )
        if part_figures.dropped:
            extra.append(
                phrase(lang, "count", label=status_label(lang, "dropped"), n=part_figures.dropped)
            )
        if extra:
            sentence += phrase(lang, "clause_sep") + phrase(lang, "clause_sep").join(extra)
        lines.append(
            PartLine(
                number=number,
                id=root.id,
                title=root.title,
                total=part_figures.total,
                done=part_figures.done,
                completion=part_figures.completion,
                sentence=end_sentence(lang, sentence),
            )
        )
    return Overview(
        total=total,
        done=done,
        doing=doing,
        todo=todo,
        blocked=blocked,
        dropped=dropped,
        behind=behind,
        overdue=overdue,
        completion=everything.completion,
        paragraphs=paragraphs,
        parts=lines,
    )


def _task_entry(task: Item, number: str, lang: str) -> TaskEntry:
    metric = metric_of(task)
    note = _latest_note(task)
    evidence = [str(e) for e in task.get("evidence", [])]
    sentence = achievement_sentence(task, metric, lang)
    extra = []
    if note:
        extra.append(phrase(lang, "note", note=note))
    if evidence:
        extra.append(
            phrase(lang, "evidence", items=("；" if lang == "zh" else "; ").join(evidence))
        )
    if extra:
        sentence = join_sentences(lang, [sentence, *extra])
    return TaskEntry(
        number=number,
        id=task.id,
        title=task.title,
        sentence=sentence,
        done_on=task.get("done_on"),
        metric=metric,
        note=note,
        evidence=evidence,
    )


def _achievement_entries(
    item: Item, level: int, scoped: set[str], lang: str
) -> list[GoalEntry | TaskEntry]:
    """The done tasks in scope under ``item``, and the goals holding them, numbered by their
    place in the plan (so the numbers match the plan even where an item is left out)."""
    entries: list[GoalEntry | TaskEntry] = []
    for position, child in enumerate(item.children, 1):
        number = number_label(lang, level, position)
        if child.is_task:
            if child.id in scoped and child.status == "done":
                entries.append(_task_entry(child, number, lang))
            continue
        below = _achievement_entries(child, level + 1, scoped, lang)
        if below:
            entries.append(GoalEntry(number, child.id, child.title, level, below))
    return entries


def _achievement_part(root: Item, position: int, scoped: set[str], lang: str) -> GoalEntry:
    number = number_label(lang, 0, position)
    if root.is_task:  # a part with nothing under it is its own task
        entries: list[GoalEntry | TaskEntry] = (
            [_task_entry(root, "", lang)] if root.status == "done" else []
        )
    else:
        entries = _achievement_entries(root, 1, scoped, lang)
    note = None if entries else phrase(lang, "part_none")
    return GoalEntry(number, root.id, root.title, 0, entries, note)


_SEVERITY = {"overdue": 0, "behind": 2}


def _problems(
    plan: Plan, as_of: dt.date, lang: str, tasks: list[Item], paces: dict[str, str]
) -> dict[str, Any]:
    """Unfinished tasks, the worst first (overdue, blocked, behind, the rest), then dropped;
    each with its light (红黄绿灯) and the milestone it missed, if it did."""

    def severity(task: Item) -> int:
        kind = paces[task.id]
        if kind == "overdue":
            return 0
        return 1 if task.status == "blocked" else _SEVERITY.get(kind, 3)

    unfinished = [t for t in tasks if t.status not in ("done", "dropped")]
    unfinished.sort(key=severity)  # stable: plan order within a class
    dropped = [t for t in tasks if t.status == "dropped"]
    rules = thresholds(plan)
    missed = {
        task.id: milestone
        for task, milestone in Milestones(plan, as_of).missed(
            [t for t in unfinished if t.get("milestone")]
        )
    }
    entries = []
    for position, task in enumerate([*unfinished, *dropped], 1):
        colour = light(task, plan, as_of, rules)
        entries.append(
            _problem_entry(
                task,
                problem_label(lang, position),
                paces[task.id],
                lang,
                colour,
                missed.get(task.id),
            )
        )
    return {
        "problems": entries,
        "problems_note": None if entries else phrase(lang, "problem_none"),
    }


def _problem_entry(
    task: Item,
    number: str,
    kind: str,
    lang: str,
    colour: str | None = None,
    missed: MilestoneState | None = None,
) -> ProblemEntry:
    zh = lang == "zh"
    sep = phrase(lang, "clause_sep")
    reason = (task.get("reason") or "").strip() or None
    note = _latest_note(task)
    responsible = responsible_text(task)
    completion = task_completion(task)
    if task.status == "dropped":
        dropped = status_label(lang, "dropped")
        why = (
            phrase(lang, "dropped_reason", reason=reason)
            if reason
            else phrase(lang, "no_dropped_reason")
        )
        sentence = join_sentences(
            lang,
            [
                f"{number}{task.title}：{dropped}" if zh else f"{number} {task.title}: {dropped}",
                why,
            ],
        )
    else:
        state = [status_label(lang, task.status)]
        if pace_label(lang, kind) != state[0]:
            state.append(pace_label(lang, kind))
        state.append(phrase(lang, "completion", rate=format_percent(completion)))
        metric = metric_of(task)
        if metric is not None and (figure := metric_state(metric, lang)):
            state[-1] += f"（{figure}）" if zh else f" ({figure})"
        if colour in ("red", "yellow"):
            state.append(light_label(lang, colour))
        if task.due:
            state.append(phrase(lang, "due", date=long_form(task.get("due"), lang)))
        if missed is not None:
            state.append(
                phrase(
                    lang,
                    "milestone_missed",
                    due=long_form(missed.due, lang),
                    expected=format_percent(missed.share),
                    done=format_percent(missed.done),
                )
            )
        if responsible:
            state.append(phrase(lang, "responsible", names=responsible))
        head = f"{number}{task.title}：" if zh else f"{number} {task.title}: "
        why = phrase(lang, "reason", reason=reason) if reason else phrase(lang, "no_reason")
        latest = phrase(lang, "latest_note", note=note) if note else ""
        sentence = join_sentences(lang, [head + sep.join(state), why, latest])
    return ProblemEntry(
        number=number,
        id=task.id,
        title=task.title,
        status=task.status,
        pace=kind,
        completion=completion,
        due=task.due,
        responsible=responsible,
        reason=reason,
        note=note,
        sentence=sentence,
        light=colour,
    )


def _next_steps(
    plan: Plan,
    as_of: dt.date,
    lang: str,
    tasks: list[Item],
    paces: dict[str, str],
    parts: list[tuple[int, Item]],
) -> dict[str, Any]:
    """The unfinished tasks, grouped by part, each with what to do about it."""
    unfinished = [t for t in tasks if t.status not in ("done", "dropped")]
    year_over = as_of >= plan.end
    next_year = plan.end.year + 1
    groups = []
    for position, root in parts:
        mine = [t for t in unfinished if t.part is root]
        if not mine:
            continue
        steps = []
        for n, task in enumerate(mine, 1):
            kind = paces[task.id]
            if task.status == "blocked":
                action = phrase(lang, "next_blocked")
            elif year_over:
                action = phrase(lang, "next_carry", year=next_year)
            elif kind == "overdue":
                action = phrase(lang, "next_overdue")
            elif kind == "behind":
                action = phrase(lang, "next_behind")
            else:
                action = phrase(lang, "next_on")
            state = [
                status_label(lang, task.status),
                phrase(lang, "completion", rate=format_percent(task_completion(task))),
            ]
            if left := remaining(metric_of(task), lang):
                state.append(left)
            if names := responsible_text(task):
                state.append(phrase(lang, "responsible", names=names))
            sentence = phrase(
                lang,
                "next_line",
                title=task.title,
                state=phrase(lang, "clause_sep").join(state),
                action=action,
            )
            steps.append(NextStep(number_label(lang, 2, n), task.id, task.title, sentence))
        groups.append(NextStepGroup(number_label(lang, 0, position), root.id, root.title, steps))
    if unfinished:
        key = "next_intro_end" if year_over else "next_intro"
        intro = phrase(lang, key, n=len(unfinished), year=next_year)
    else:
        intro = phrase(lang, "next_none")
    return {"next_steps_intro": intro, "next_steps": groups}


def _lights_rule(lang: str, rules: Rules) -> str:
    """The thresholds of 红黄绿灯 in words, after the ledger note."""
    yellow, red, red_share = rules
    share = phrase(lang, "lights_share", share=format_percent(red_share)) if red_share else ""
    rule = phrase(
        lang,
        "lights_rule",
        yellow=format_number(round_half_up(yellow * 100, 2)),
        red=format_number(round_half_up(red * 100, 2)),
        share=share,
    )
    return rule if lang == "zh" else " " + rule


def _ledger_row(task: Item, kind: str, colour: str | None, lang: str) -> LedgerRow:
    status_text = status_label(lang, task.status)
    # 黄灯/红灯 say how far behind; 逾期 says why red. In words, for paper and no colour.
    lit = colour in ("red", "yellow")
    said = [pace_label(lang, kind)] if kind == "overdue" or (kind == "behind" and not lit) else []
    if lit:
        said.append(light_label(lang, colour))
    if said:
        words = phrase(lang, "clause_sep").join(said)
        status_text += f"（{words}）" if lang == "zh" else f" ({words})"
    due = task.get("due")
    return LedgerRow(
        id=task.id,
        title=task.title,
        responsible=responsible_text(task),
        due=task.due,
        due_text=written(due) if task.due is not None else "",
        status=task.status,
        status_text=status_text,
        light=colour,
        completion=task_completion(task),
        done_on=task.get("done_on"),
    )
