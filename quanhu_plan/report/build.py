"""The report's content built from the plan at a date: overview, achievements, problems, next
steps and the ledger (``year_end_report``)."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from ..lights import Rules, light, thresholds
from ..model import Item, Plan, is_responsible, responsible_names
from ..periods import long_form, written
from ..records import Milestones, MilestoneState, at_full_not_ticked_off, limits_held
from ..rollup import (
    group_rollup,
    metric_completion,
    pace,
    rollups,
    task_completion,
    task_shares,
)
from ..texts import (
    chinese_numeral,
    format_long_date,
    format_number,
    format_percent,
    label,
    light_label,
    pace_label,
    round_half_up,
    status_label,
)
from ..trace import latest_note
from . import summary
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
from .figures import achievement_sentence, ledger_figures, metric_of, metric_state, remaining
from .words import (
    DEEPEST_LEVEL,
    achievements_said,
    end_sentence,
    join_sentences,
    number_label,
    one_line,
    period_of,
    period_words,
    phrase,
    phrase_of,
    plan_years,
    problem_label,
    report_title,
    series,
    title_of,
)

# Actions whose log note tells how the work went (not edits of the plan itself).


def _names(lang: str, names: list[str] | dict[str, None]) -> str:
    """Several names as the language lists them: 李四、王五 / Zhang Wei, Chen Jing."""
    return ("、" if lang == "zh" else ", ").join(names)


def responsible_text(task: Item, lang: str = "zh") -> str:
    """Who answers for a task in the report's sentences (责任：…): the lead unit (else the
    lead) and the owner (``model.responsible_names``: the nearest ones stated)."""
    unit = responsible_names(task, "lead_unit") or responsible_names(task, "lead")
    owner = responsible_names(task, "owner")
    return "/".join(name for name in (_names(lang, unit), _names(lang, owner)) if name)


def _unit_and_owner(task: Item, lang: str) -> str:
    """责任单位/责任人 of the ledger, beside its own 责任领导 column: the lead unit and the owner."""
    unit = responsible_names(task, "lead_unit")
    owner = responsible_names(task, "owner")
    return "/".join(name for name in (_names(lang, unit), _names(lang, owner)) if name)


def _latest_note(item: Item, since: dt.date | None = None) -> str | None:
    """The progress note of the latest day (``trace.latest_note``), its text."""
    found = latest_note(item.data, since)
    return found[1] if found else None


def names(plan: Plan, lang: str) -> dict[str, str]:
    """Each task's name where it is listed away from its goals (存在的问题, 下一步打算, the
    ledger): its title, and where another task has the same title (三个项目各有
    "预计2022年12月开工建设"), the titles of its goals from the nearest up, as many as make it
    one of a kind (抓好泉水湖项目建设·预计2022年12月开工建设)."""
    tasks = list(plan.tasks())

    def path(task: Item, depth: int) -> str:
        text = title_of(task)
        node = task.parent
        for _ in range(depth):
            if node is None:
                break
            text = phrase(lang, "context", goal=title_of(node), title=text)
            node = node.parent
        return text

    named: dict[str, str] = {}
    depth = 0
    pending = tasks
    while pending:
        by_name: dict[str, list[Item]] = {}
        for task in pending:
            by_name.setdefault(path(task, depth), []).append(task)
        pending = []
        for name, same in by_name.items():
            if len(same) == 1 or depth >= max(task.depth for task in same):
                for task in same:
                    named[task.id] = name
            else:
                pending += same
        depth += 1
    return named


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
    judged at (the plan's end); the report then says its records go to that day. The title and
    the headings follow the period the day closes (``words.period_of``: 上半年, 前三季度…)."""
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
    period = period_of(plan, as_of)
    named = names(plan, lang)

    scope_parts = []
    if part is not None:
        scope_parts.append(phrase(lang, "scope_part", id=part.id, title=title_of(part)))
    if owner:
        scope_parts.append(_owner_scope(lang, owner, tasks))

    rules = thresholds(plan)
    parts = [root for root in plan.roots if any(task.id in scoped for task in root.tasks())]
    achievements, achievements_note = _achievements(plan, lang, parts, scoped, as_of_text)
    report = Report(
        lang=lang,
        title=report_title(plan, lang, period, as_of),
        organisation=one_line(plan.organisation),
        as_of=as_of,
        as_of_text=as_of_text,
        period=period,
        scope=phrase(lang, "scope_sep").join(scope_parts) or None,
        plan_title=title_of(plan),
        year=plan.year if plan.start.year == plan.end.year else None,
        headings=_headings(lang, period, as_of),
        overview=_overview(
            plan, as_of, lang, tasks, scoped, paces, parts, as_of_text, bool(scope_parts)
        ),
        achievements=achievements,
        achievements_note=achievements_note,
        **_problems(plan, as_of, lang, tasks, paces, named),
        **_next_steps(plan, as_of, lang, tasks, paces, parts, period, named),
        signature=[
            line for line in (one_line(plan.organisation), format_long_date(lang, told)) if line
        ],
        ledger_columns=[
            phrase(lang, key)
            for key in (
                "col_id",
                "col_task",
                "col_lead",
                "col_responsible",
                "col_figures",
                "col_due",
                "col_status",
                "col_completion",
                "col_done_on",
            )
        ],
        ledger=[
            _ledger_row(task, paces[task.id], light(task, plan, as_of, rules), lang, named)
            for task in tasks
        ],
        ledger_note=phrase(lang, "ledger_note") + _lights_rule(lang, rules),
    )
    if summary.too_long(report):  # a large plan: its body summarises, the ledger has the rest
        summary.summarise(report, plan, as_of, lang, parts, scoped, paces, named, as_of_text)
    return report


def _headings(lang: str, period: str, as_of: dt.date) -> dict[str, str]:
    """The section headings; 主要成绩 and 下一步打算 say the period (上半年主要成绩, 下半年工作打算)."""
    headings = {
        key: phrase(lang, key)
        for key in ("overview", "achievements", "problems", "next_steps", "ledger")
    }
    if words := period_words(lang, period, as_of):
        headings["achievements"] = phrase(lang, "achievements_period", period=words)
    if period in ("h1", "q3"):
        headings["next_steps"] = phrase(lang, f"next_steps_{period}")
    return headings


def _owner_scope(lang: str, owner: str, tasks: list[Item]) -> str:
    """What --owner filtered on, by the names it matched in each role (责任领导：王五); the text
    as typed when it matched nothing."""
    said = []
    for role in ("lead", "lead_unit", "owner", "support_units"):
        matched = dict.fromkeys(
            name for task in tasks for name in responsible_names(task, role) if owner in name
        )
        if matched:
            said.append(
                phrase(lang, "scope_role", role=label(lang, role), names=_names(lang, matched))
            )
    if not said:
        return phrase(lang, "scope_owner", owner=owner)
    return phrase(lang, "scope_sep").join(said)


def _overview(
    plan: Plan,
    as_of: dt.date,
    lang: str,
    tasks: list[Item],
    scoped: set[str],
    paces: dict[str, str],
    parts: list[Item],
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
        for root in parts
    ]
    everything = group_rollup(tasks, plan, as_of, shares, every)
    reached = at_full_not_ticked_off(tasks, plan, as_of)
    held = limits_held(tasks, plan, as_of)

    paragraphs = []
    if not tasks:
        paragraphs.append(phrase(lang, "no_tasks", as_of=as_of_text))
    elif not total and not filtered:  # every task dropped: no count done, no completion to say
        paragraphs.append(
            phrase_of(
                lang,
                "overview_all_dropped",
                dropped,
                as_of=as_of_text,
                plan=title_of(plan),
                count=dropped,
            )
        )
    else:
        key = "overview_head_scoped" if filtered else "overview_head"
        head = phrase_of(lang, key, total, as_of=as_of_text, plan=title_of(plan), total=total)
        if dropped:
            head += phrase(lang, "overview_dropped", n=dropped)
        head += phrase(lang, "overview_done", n=done)
        # 已完成0项 beside 完成率100% would contradict itself: say why.
        head += _not_ticked_off(lang, len(reached), len(held))
        statuses_said = (
            ("overview_doing", doing),
            ("overview_todo", todo),
            ("overview_blocked", blocked),
        )
        for key, n in statuses_said:
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
        # Blocked and dropped tasks are counted in the sentence before (受阻1项, 另有1项已取消):
        # 其中 (of them) names only the pace of the tasks counted there, and what is none.
        said = [phrase(lang, "count", label=name, n=n) for name, n in counted[:2] if n]
        zero = [name for name, n in counted if not n]
        tail = phrase(lang, "clause_sep").join(said)
        if tail:
            tail = phrase(lang, "among") + tail
        if zero:
            none = phrase(lang, "none_of", labels=series(lang, zero, "or"))
            tail = f"{tail}{phrase(lang, 'semi_sep')}{none}" if tail else none
        if done == total and not dropped:
            tail = phrase(lang, "all_done")
        tail = tail[:1].upper() + tail[1:]  # "none …" may start the sentence
        paragraphs.append(end_sentence(lang, tail))

    lines = []
    for root, part_figures in figures:
        assert part_figures is not None
        # Dropped tasks beside the count they are not in, as the overview says them (任务6项
        # （另有1项已取消）): at the end among 欠进度 and 受阻 they read as some of the six.
        dropped_text = (
            phrase(lang, "overview_dropped", n=part_figures.dropped) if part_figures.dropped else ""
        )
        part_reached = sum(1 for t in tasks if t.part is root and t.id in reached)
        part_held = sum(1 for t in tasks if t.part is root and t.id in held)
        reached_text = _not_ticked_off(lang, part_reached, part_held)
        if not part_figures.total:  # its tasks all dropped: 已完成0项，完成率— says nothing
            sentence = phrase_of(
                lang,
                "part_all_dropped",
                part_figures.dropped,
                title=title_of(root),
                count=part_figures.dropped,
            )
            lines.append(
                PartLine(
                    id=root.id,
                    title=title_of(root),
                    total=0,
                    done=0,
                    reached=0,
                    limits_held=0,
                    completion=None,
                    sentence=end_sentence(lang, sentence),
                )
            )
            continue
        sentence = phrase_of(
            lang,
            "part_line",
            part_figures.total,
            title=title_of(root),
            total=part_figures.total,
            dropped=dropped_text,
            done=part_figures.done,
            reached=reached_text,
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
        if extra:
            sentence += phrase(lang, "clause_sep") + phrase(lang, "clause_sep").join(extra)
        lines.append(
            PartLine(
                id=root.id,
                title=title_of(root),
                total=part_figures.total,
                done=part_figures.done,
                reached=part_reached,
                limits_held=part_held,
                completion=part_figures.completion,
                sentence=end_sentence(lang, sentence),
            )
        )
    return Overview(
        total=total,
        done=done,
        reached=len(reached),
        limits_held=len(held),
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


def _not_ticked_off(lang: str, reached: int, held: int) -> str:
    """（另有2项完成率已达100%、尚未销号，1项指标目前控制在目标以内）: the tasks at 100% not
    ticked off, beside a count done; "" for none."""
    said = []
    if reached:
        said.append(phrase(lang, "reached", n=reached))
    if held:
        said.append(phrase(lang, "held", n=held))
    if not said:
        return ""
    return phrase(lang, "overview_reached", said=phrase(lang, "clause_sep").join(said))


def _task_entry(task: Item, number: str, level: int, lang: str, name: str = "") -> TaskEntry:
    """A done task as its achievement sentence, with what was said of it from its completion on
    and its evidence. ``name``: the task's title with its goals, for a task listed deeper than
    the numbering goes."""
    metric = metric_of(task)
    done_on = task.get("done_on")
    note = _latest_note(task, since=done_on if isinstance(done_on, dt.date) else None)
    evidence = [str(e) for e in task.get("evidence", [])]
    sentence = achievement_sentence(task, metric, lang, name or title_of(task))
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
        title=title_of(task),
        sentence=sentence,
        done_on=done_on,
        metric=metric,
        note=note,
        evidence=evidence,
        level=level,
    )


def _goal_note(goal: Item, lang: str) -> str | None:
    note = _latest_note(goal)
    return end_sentence(lang, phrase(lang, "note", note=note)) if note else None


def _achievements(
    plan: Plan, lang: str, parts: list[Item], scoped: set[str], as_of_text: str
) -> tuple[list[GoalEntry], str | None]:
    """主要成绩: the parts with a done task (or a note), numbered （一）（二）… by their place in the
    report; the parts with nothing to show are named together in one sentence."""
    shown: list[GoalEntry] = []
    empty: list[Item] = []
    for root in parts:
        if root.is_task:  # a part with nothing under it is its own task
            entries: list[GoalEntry | TaskEntry] = (
                [_task_entry(root, "", 2, lang)] if root.status == "done" else []
            )
        else:
            entries = _achievement_entries(root, 2, scoped, lang)
        note = None if root.is_task else _goal_note(root, lang)
        if entries or note:
            number = number_label(lang, 1, len(shown) + 1)
            shown.append(GoalEntry(number, root.id, title_of(root), 1, entries, note))
        else:
            empty.append(root)
    return achievements_said(lang, shown, empty, as_of_text)


def _achievement_entries(
    item: Item, level: int, scoped: set[str], lang: str
) -> list[GoalEntry | TaskEntry]:
    """The done tasks in scope under ``item`` and the goals holding them (or with a note of
    their own), numbered at ``level`` by their place among the entries shown, so that the
    numbers run without gaps. Below DEEPEST_LEVEL a goal is not numbered itself: its done tasks
    are listed at the deepest level, each named with the goals between (``_flattened``)."""
    found: list[tuple[Item, list[GoalEntry | TaskEntry], str | None, str]] = []
    for child in item.children:
        if child.is_task:
            if child.id in scoped and child.status == "done":
                found.append((child, [], None, ""))
        elif level < DEEPEST_LEVEL:
            below = _achievement_entries(child, level + 1, scoped, lang)
            note = _goal_note(child, lang)
            if below or note:
                found.append((child, below, note, ""))
        else:
            found += [(task, [], None, name) for task, name in _flattened(child, scoped, lang)]
    entries: list[GoalEntry | TaskEntry] = []
    for position, (child, below, note, name) in enumerate(found, 1):
        number = number_label(lang, level, position)
        if child.is_task:
            entries.append(_task_entry(child, number, level, lang, name))
        else:
            entries.append(GoalEntry(number, child.id, title_of(child), level, below, note))
    return entries


def _flattened(goal: Item, scoped: set[str], lang: str) -> list[tuple[Item, str]]:
    """The done tasks in scope under a goal too deep to be numbered, each with its name: the
    titles of the goals from ``goal`` down, then its own (目标·子目标·任务)."""
    found = []
    for task in goal.tasks():
        if task.id in scoped and task.status == "done":
            path = [title_of(task)]
            node = task.parent
            while node is not None and node is not goal.parent:
                path.insert(0, title_of(node))
                node = node.parent
            name = path[-1]
            for title in reversed(path[:-1]):
                name = phrase(lang, "context", goal=title, title=name)
            found.append((task, name))
    return found


_SEVERITY = {"overdue": 0, "behind": 2}


def _problems(
    plan: Plan,
    as_of: dt.date,
    lang: str,
    tasks: list[Item],
    paces: dict[str, str],
    named: dict[str, str],
) -> dict[str, Any]:
    """Unfinished tasks, the worst first (overdue, blocked, behind, the rest), then dropped;
    each with its light (红黄绿灯) and the milestone it missed, if it did. The tasks with no
    reason recorded are named once, together, after the list."""

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
    unfinished = [
        t
        for t in open_tasks
        if paces[t.id] not in ("ahead", "on_pace")
        or t.status == "blocked"
        or light(t, plan, as_of, rules) not in (None, "green")
        or t.id in missed  # a milestone missed is a problem, whatever the pace since
    ]
    unfinished.sort(key=severity)  # stable: plan order within a class
    dropped = [t for t in tasks if t.status == "dropped"]
    entries = []
    for position, task in enumerate([*unfinished, *dropped], 1):
        colour = light(task, plan, as_of, rules)
        entries.append(
            _problem_entry(
                task,
                problem_label(lang, position),
                paces[task.id],
                lang,
                named.get(task.id, title_of(task)),
                colour,
                missed.get(task.id),
            )
        )
    unexplained = [n for n, entry in enumerate(entries, 1) if entry.reason is None]
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


def _label_runs(lang: str, positions: list[int]) -> str:
    """The problems at these positions, three or more in a row as a range: 第一、三、五至八项
    (一是、二是 number the problems within their sentences, not as names: "一是至三是" does
    not read); 1), 3), 5) to 8) in English."""
    runs: list[list[int]] = []
    for position in positions:
        if runs and runs[-1][-1] == position - 1:
            runs[-1].append(position)
        else:
            runs.append([position])
    said: list[str] = []
    name = chinese_numeral if lang == "zh" else partial(problem_label, lang)
    for run in runs:
        if len(run) >= 3:
            first, last = name(run[0]), name(run[-1])
            said.append(phrase(lang, "label_range", first=first, last=last))
        else:
            said += [name(position) for position in run]
    if lang == "zh":
        return phrase(lang, "labels", labels="、".join(said))
    return series(lang, said)


def _figure_by_progress(task: Item, lang: str) -> str | None:
    """An unfinished task whose figure does not measure it (no target number, or a sign that
    makes a ratio say nothing) is measured by its progress: its figure said alone, and the
    completion as the progress it is (已完成3.35万亩，未设目标值，按填报进度计完成率0%), not
    完成率0%（已完成3.35万亩）, which reads as if the figure were 0% of something. None for
    any other task."""
    metric = metric_of(task)
    if metric is None or metric.actual is None or metric_completion(task) is not None:
        return None
    figure = metric_state(metric, lang)
    if metric.target is None and not metric.target_text:
        figure += phrase(lang, "clause_sep") + phrase(lang, "no_target")
    rate = format_percent(task_completion(task))
    return phrase(lang, "figure_by_progress", figure=figure, rate=rate)


def _problem_entry(
    task: Item,
    number: str,
    kind: str,
    lang: str,
    name: str,
    colour: str | None = None,
    missed: MilestoneState | None = None,
) -> ProblemEntry:
    zh = lang == "zh"
    sep = phrase(lang, "clause_sep")
    reason = (task.get("reason") or "").strip() or None
    note = _latest_note(task)
    responsible = responsible_text(task, lang)
    completion = task_completion(task)
    if task.status == "dropped":
        dropped = status_label(lang, "dropped")
        why = phrase(lang, "dropped_reason", reason=reason) if reason else ""
        sentence = join_sentences(
            lang,
            [f"{number}{name}：{dropped}" if zh else f"{number} {name}: {dropped}", why],
        )
    else:
        state = [status_label(lang, task.status)]
        if pace_label(lang, kind) != state[0]:
            state.append(pace_label(lang, kind))
        by_progress = _figure_by_progress(task, lang)
        if by_progress:
            state.append(by_progress)
        else:
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
        head = f"{number}{name}：" if zh else f"{number} {name}: "
        why = phrase(lang, "reason", reason=reason) if reason else ""
        latest = phrase(lang, "latest_note", note=note) if note else ""
        sentence = join_sentences(lang, [head + sep.join(state), why, latest])
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
    )


def _next_steps(
    plan: Plan,
    as_of: dt.date,
    lang: str,
    tasks: list[Item],
    paces: dict[str, str],
    parts: list[Item],
    period: str,
    named: dict[str, str],
) -> dict[str, Any]:
    """The unfinished tasks, grouped by part (（一）…, by place in the report), each with its
    state and what to do about it. What all of them are to do is said once, in the opening
    line (结转2024年继续推进, 下半年加快进度…), not again in every item."""
    unfinished = [t for t in tasks if t.status not in ("done", "dropped")]
    if not unfinished:
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
        if task.status == "blocked":
            return phrase(lang, "next_blocked")
        if task.id in reached:
            return phrase(lang, "next_confirm")
        if year_over:
            return phrase(lang, "next_carry", year=next_year)
        if kind == "overdue":
            return phrase(lang, "next_overdue")
        if kind == "behind":
            return phrase(lang, "next_behind")
        return phrase(lang, "next_on")

    actions = {task.id: action(task) for task in unfinished}
    to_push = [actions[t.id] for t in unfinished if t.id not in reached]
    when = phrase(lang, f"next_when_{period}" if period in ("h1", "q3") else "next_when")
    if not to_push:  # every one at 100%: to be checked and ticked off
        said_once = phrase(lang, "next_confirm")
        plan_words = ""
    elif year_over:
        said_once = phrase(lang, "next_carry", year=next_year)
        plan_words = said_once
    elif len(set(to_push)) == 1:
        said_once = to_push[0]
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
            "next_intro_some_reached",
            n=len(unfinished),
            reached=len(reached),
            plan=plan_words,
        )
    else:
        intro = phrase(lang, f"next_intro{one}", n=len(unfinished), plan=plan_words)

    groups: list[NextStepGroup] = []
    for root in parts:
        mine = [t for t in unfinished if t.part is root]
        if not mine:
            continue
        steps = []
        for n, task in enumerate(mine, 1):
            state = [
                status_label(lang, task.status),
                _figure_by_progress(task, lang)
                or phrase(lang, "completion", rate=format_percent(task_completion(task))),
            ]
            if left := remaining(metric_of(task), lang):
                state.append(left)
            if who := responsible_text(task, lang):
                state.append(phrase(lang, "responsible", names=who))
            todo = actions[task.id] if actions[task.id] != said_once else ""
            alone = task is root  # a part that is itself the task: its heading names it
            key = ("next_alone" if alone else "next_line") + ("" if todo else "_state")
            if key == "next_line_state":
                key = "next_state"
            name = named.get(task.id, title_of(task))
            sentence = phrase(
                lang,
                key,
                title=name,
                state=phrase(lang, "clause_sep").join(state),
                action=todo,
            )
            number = "" if alone else number_label(lang, 2, n)
            steps.append(NextStep(number, task.id, title_of(task), name, sentence, action=todo))
        number = number_label(lang, 1, len(groups) + 1)
        groups.append(NextStepGroup(number, root.id, title_of(root), steps))
    return {"next_steps_intro": intro, "next_steps": groups}


def _lights_rule(lang: str, rules: Rules) -> str:
    """The thresholds of 红黄绿灯 in words, after the ledger note."""
    yellow, red, red_share = rules
    # As set, not rounded to a whole percent: 0.333 is 33.3%, not 33%.
    exact_share = f"{format_number(round_half_up(red_share * 100, 2))}%" if red_share else ""
    share = phrase(lang, "lights_share", share=exact_share) if red_share else ""
    rule = phrase(
        lang,
        "lights_rule",
        yellow=format_number(round_half_up(yellow * 100, 2)),
        red=format_number(round_half_up(red * 100, 2)),
        share=share,
    )
    return rule if lang == "zh" else " " + rule


def _ledger_row(
    task: Item, kind: str, colour: str | None, lang: str, named: dict[str, str]
) -> LedgerRow:
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
    target, actual = ledger_figures(metric_of(task), lang)
    return LedgerRow(
        id=task.id,
        title=title_of(task),
        name=named.get(task.id, title_of(task)),
        lead=_names(lang, responsible_names(task, "lead")),
        responsible=_unit_and_owner(task, lang),
        figures=phrase(lang, "figures", target=target, actual=actual) if target else "",
        target_figure=target,
        actual_figure=actual,
        due=written(due) if task.due is not None else "",
        due_day=task.due,
        status=task.status,
        status_text=status_text,
        light=colour,
        completion=task_completion(task),
        # The day a task was ticked off; a done_on typed on a task not done ticks nothing off
        # (docs/format.md), and the Excel table leaves it out too.
        done_on=task.get("done_on") if task.status == "done" else None,
    )
