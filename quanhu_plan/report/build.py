"""The report's content built from the plan at a date: overview, achievements and the ledger,
with the problems and next steps of ``shortfalls`` and the names of ``naming``
(``year_end_report``)."""

from __future__ import annotations

import datetime as dt
import re

from ..answering import is_responsible, responsible_names, typed_names
from ..lights import Rules, light, thresholds
from ..model import Item, Plan, deadline_words
from ..names import answers_as
from ..periods import written
from ..records import at_full_not_ticked_off, limits_held
from ..rollup import pace, task_completion
from ..rollup_groups import group_rollup, task_shares
from ..rollup_tree import rollups
from ..texts import (
    format_long_date,
    format_number,
    format_percent,
    label,
    light_label,
    pace_label,
    round_half_up,
    status_label,
)
from . import summary
from .content import GoalEntry, LedgerRow, Overview, PartLine, Report, TaskEntry
from .figures import achievement_sentence, ledger_figures, metric_of
from .investment import overview_sentences, task_clause
from .ledger_columns import extra_columns, points_sentence
from .naming import (
    joined_names,
    latest_note_text,
    task_names,
    unit_and_owner,
    unit_and_owner_parts,
)
from .rectification import (
    is_rectification,
    next_steps_intro,
    overdue_at_once,
    overview_paragraphs,
    relabel,
    said_put_right,
)
from .rectification import (
    ledger_note as rectification_note,
)
from .shortfalls import next_steps, problems
from .title import period_of, period_words, report_title
from .words import (
    DEEPEST_LEVEL,
    achievements_said,
    as_head,
    end_sentence,
    join_sentences,
    loose_heading,
    nothing_to_do,
    number_label,
    one_line,
    phrase,
    phrase_of,
    series,
    title_of,
    work_named,
)

# ---------------------------------------------------------------- the report

_MONTH = re.compile(r"\d{4}-\d{2}")  # a deadline of a month as the plan writes it (2017-01)


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
    contain ``owner``. ``recorded_to``: the plan is as it is now, with records past the day
    its pace is judged at (the plan's end) up to that day (the latest); the report is dated at
    it and says so. The title and
    the headings follow the period the day closes (``title.period_of``: 上半年, 前三季度…)."""
    owner = owner.strip() if owner else None
    tasks = [
        task
        for task in plan.tasks()
        if (part is None or task.is_within(part)) and (not owner or is_responsible(task, owner))
    ]
    scoped = {task.id for task in tasks}
    paces = {task.id: pace(task, plan, as_of) for task in tasks}
    rectified = is_rectification(plan)
    if rectified:  # 立行立改 left undone is past its time limit
        paces |= overdue_at_once(tasks)
    # The plan as it is now, past its end (changes recorded after the end are in it): the
    # report says to which day its records go.
    told = recorded_to if recorded_to is not None and recorded_to > as_of else as_of
    as_of_text = phrase(lang, "as_of", date=format_long_date(lang, told))
    period = period_of(plan, as_of)
    named = task_names(plan, lang)

    scope_parts = []
    if part is not None:
        scope_parts.append(phrase(lang, "scope_part", id=part.id, title=title_of(part)))
    if owner:
        scope_parts.append(_owner_scope(lang, owner, tasks))

    rules = thresholds(plan)
    parts = [root for root in plan.roots if any(task.id in scoped for task in root.tasks())]
    achievements, achievements_note = _achievements(
        plan, lang, parts, scoped, as_of_text, within=as_of < plan.end
    )
    overview = _overview(
        plan, as_of, lang, tasks, scoped, paces, parts, as_of_text, bool(scope_parts)
    )
    if told > as_of:  # dated past the day its pace is judged at: which day, and why
        long_told, long_day = format_long_date(lang, told), format_long_date(lang, as_of)
        overview.paragraphs.append(phrase(lang, "dated_at_latest", told=long_told, day=long_day))
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
        overview=overview,
        achievements=achievements,
        achievements_note=achievements_note,
        **problems(plan, as_of, lang, tasks, paces, named, rectified),
        **next_steps(plan, as_of, lang, tasks, paces, parts, period, named, rectified),
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
    # The plan's own columns after the nine: a 考核 plan's 分值, a 重点项目 plan's 计划投资.
    extra_names, extra_cells = extra_columns(plan, tasks, lang)
    report.ledger_columns += extra_names
    for row, cells in zip(report.ledger, extra_cells, strict=True):
        row.extra = cells
    if rectified:  # a 整改清单: its problems, measures and 整改完成率
        relabel(report.headings, report.ledger_columns, lang)
        report.ledger_note = rectification_note(lang) + _lights_rule(lang, rules)
        unfinished = sum(1 for task in tasks if task.status not in ("done", "dropped"))
        report.next_steps_intro = next_steps_intro(plan, lang, report.next_steps_intro, unfinished)
        said_put_right(report, plan, lang)
        if overview.total:
            overview.paragraphs[:2] = overview_paragraphs(
                plan, lang, as_of_text, tasks, paces, scoped=bool(scope_parts)
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
    typed = typed_names(owner)  # (王五、赵六: either)
    for role in ("lead", "lead_unit", "owner", "support_units"):
        matched = dict.fromkeys(
            name
            for task in tasks
            for name in responsible_names(task, role)
            if any(answers_as(one, name) for one in typed)
        )
        if matched:
            said.append(
                phrase(
                    lang, "scope_role", role=label(lang, role), names=joined_names(lang, matched)
                )
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
    ongoing = sum(1 for kind in paces.values() if kind == "ongoing")  # 常态推进: never late
    # Parts and the whole are weighted as in the plan (``rollup.group_rollup``): a report on
    # every task shows exactly what plan status shows, one on a unit what status --by shows.
    every = rollups(plan, as_of)
    shares = task_shares(plan, every)
    groups: list[tuple[Item | None, list[Item]]] = [
        (root, [t for t in tasks if t.part is root]) for root in parts if not root.is_task
    ]
    loose = [root for root in parts if root.is_task]  # tasks at the top of the plan
    if loose and groups:  # beside parts, one line as one part: 其他任务
        groups.append((None, loose))
    figures = [
        (root, mine, group_rollup(mine, plan, as_of, shares, every)) for root, mine in groups
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
                plan=work_named(plan, lang),
                count=dropped,
            )
        )
    else:
        key = "overview_head_scoped" if filtered else "overview_head"
        head = phrase_of(
            lang, key, total, as_of=as_of_text, plan=work_named(plan, lang), total=total
        )
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
        if ongoing:  # standing work, counted apart from the late (none of it: not said)
            said.append(phrase(lang, "count", label=pace_label(lang, "ongoing"), n=ongoing))
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
        # The money the tasks state (a 民生实事 推进表's 总投资, 已完成投资), the dropped not.
        money = overview_sentences(lang, [task for task in tasks if task.status != "dropped"])
        if money:
            paragraphs.append(("" if lang == "zh" else " ").join(money))
        # A 考核 plan's score (分值合计30分，自评得分合计28分), the dropped not counted.
        if points := points_sentence(
            plan, [task for task in tasks if task.status != "dropped"], lang
        ):
            paragraphs.append(points)

    lines = []
    for root, mine, part_figures in figures:
        assert part_figures is not None
        title = title_of(root) if root is not None else phrase(lang, "loose_tasks")
        # Dropped tasks beside the count they are not in, as the overview says them (任务6项
        # （另有1项已取消）): at the end among 欠进度 and 受阻 they read as some of the six.
        dropped_text = (
            phrase(lang, "overview_dropped", n=part_figures.dropped) if part_figures.dropped else ""
        )
        part_reached = sum(1 for t in mine if t.id in reached)
        part_held = sum(1 for t in mine if t.id in held)
        reached_text = _not_ticked_off(lang, part_reached, part_held)
        if not part_figures.total:  # its tasks all dropped: 已完成0项，完成率— says nothing
            sentence = phrase_of(
                lang,
                "part_all_dropped",
                part_figures.dropped,
                title=as_head(title, lang),
                count=part_figures.dropped,
            )
        else:
            sentence = phrase_of(
                lang,
                "part_line",
                part_figures.total,
                title=as_head(title, lang),
                total=part_figures.total,
                dropped=dropped_text,
                done=part_figures.done,
                reached=reached_text,
                rate=format_percent(part_figures.completion),
            )
            extra = [
                phrase(lang, "count", label=pace_label(lang, kind), n=part_figures.paces[kind])
                for kind in ("behind", "overdue", "ongoing")
                if part_figures.paces[kind]
            ]
            if part_figures.blocked:
                extra.append(
                    phrase(
                        lang, "count", label=status_label(lang, "blocked"), n=part_figures.blocked
                    )
                )
            if extra:
                sentence += phrase(lang, "clause_sep") + phrase(lang, "clause_sep").join(extra)
        lines.append(
            PartLine(
                id=root.id if root is not None else "",
                title=title,
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
        ongoing=ongoing,
        completion=everything.completion,
        paragraphs=paragraphs,
        parts=lines,
    )


def _not_ticked_off(lang: str, reached: int, held: int) -> str:
    """（另有2项完成率已达100%、尚未销号，1项指标目前保持在目标范围内）: the tasks at 100% not
    ticked off, beside a count done; "" for none."""
    said = []
    if reached:
        said.append(phrase(lang, "reached", n=reached))
    if held:
        said.append(phrase(lang, "held", n=held))
    if not said:
        return ""
    return phrase(lang, "overview_reached", said=phrase(lang, "clause_sep").join(said))


def figure_reached(task: Item) -> bool:
    """An unfinished task with something to show under 主要成绩: a figure recorded towards a
    target to reach (征地950亩 of 1200亩), as a summary says what a project still going on has
    done. Not a rank or a limit (33rd, 4.2‰: a place or a level, no amount done), nor a figure
    of nothing yet."""
    if task.status not in ("doing", "blocked"):
        return False
    m = metric_of(task)
    return (
        m is not None
        and not m.rank
        and not m.down
        and m.target is not None
        and m.target > 0
        and m.actual is not None
        and m.actual > 0
    )


def _achieved(task: Item, scoped: set[str]) -> bool:
    """A task said under 主要成绩: done, or with a figure reached (``figure_reached``)."""
    return task.id in scoped and (task.status == "done" or figure_reached(task))


def _task_entry(
    task: Item, number: str, level: int, lang: str, name: str = "", within: bool = False
) -> TaskEntry:
    """A done task as its achievement sentence, with what was said of it from its completion on
    and its evidence; a task still going on (``figure_reached``) as its figure and its state,
    its notes said under 存在的问题. ``name``: the task's title with its goals, for a task
    listed deeper than the numbering goes."""
    metric = metric_of(task)
    # (a task still going on before the plan's end has not its year's figure: ``partial``)
    partial = within and task.status != "done"
    sentence = achievement_sentence(task, metric, lang, name or title_of(task), partial)
    done_on, note, evidence = None, None, []
    if task.status != "done":
        state = phrase(lang, "still_going", state=status_label(lang, task.status))
        sentence = end_sentence(lang, sentence.rstrip("。.") + state)
    else:
        done_on = task.get("done_on")
        note = latest_note_text(task, since=done_on if isinstance(done_on, dt.date) else None)
        evidence = [str(e) for e in task.get("evidence", [])]
        sentence = _with_what_else(task, sentence, note, evidence, lang)
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


def _with_what_else(
    task: Item, sentence: str, note: str | None, evidence: list[str], lang: str
) -> str:
    """A done task's sentence followed by its investment, the note said since it was done and
    its evidence, where it has them."""
    extra = []
    money = task_clause(lang, task)  # 总投资260万元, as a 民生实事 完成情况报告 states it
    if money:
        extra.append(money[:1].upper() + money[1:])
    if note and _squeezed(note).rstrip("。.") not in _squeezed(sentence):
        # (a note that says only what the sentence has said: 产值1.35亿元 recorded with the note
        # 产值1.35亿元, not said twice)
        extra.append(phrase(lang, "note", note=note))
    if evidence:
        extra.append(
            phrase(lang, "evidence", items=("；" if lang == "zh" else "; ").join(evidence))
        )
    return join_sentences(lang, [sentence, *extra]) if extra else sentence


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _goal_note(goal: Item, lang: str) -> str | None:
    note = latest_note_text(goal)
    return end_sentence(lang, phrase(lang, "note", note=note)) if note else None


def _achievements(
    plan: Plan,
    lang: str,
    parts: list[Item],
    scoped: set[str],
    as_of_text: str,
    within: bool = False,
) -> tuple[list[GoalEntry], str | None]:
    """主要成绩: the parts with a done task (or a note), numbered （一）（二）… by their place in the
    report; the parts with nothing to show are named together in one sentence. ``within``: the
    report is of a day before the plan's end (a task still going on has not its year's figure)."""
    shown: list[GoalEntry] = []
    empty: list[Item] = []
    for root in parts:
        if root.is_task:  # at the top of the plan: said together, after the parts
            continue
        entries = _achievement_entries(root, 2, scoped, lang, within)
        note = _goal_note(root, lang)
        if entries or note:
            number = number_label(lang, 1, len(shown) + 1)
            shown.append(GoalEntry(number, root.id, title_of(root), 1, entries, note))
        elif not nothing_to_do(root, scoped):
            empty.append(root)
    done = [root for root in parts if root.is_task and _achieved(root, scoped)]
    if done:
        number, title = loose_heading(lang, parts, len(shown) + 1)
        tasks: list[GoalEntry | TaskEntry] = [
            _task_entry(task, number_label(lang, 2, n), 2, lang, within=within)
            for n, task in enumerate(done, 1)
        ]
        shown.append(GoalEntry(number, "", title, 1, tasks))
    return achievements_said(lang, shown, empty, as_of_text)


def _achievement_entries(
    item: Item, level: int, scoped: set[str], lang: str, within: bool = False
) -> list[GoalEntry | TaskEntry]:
    """The done tasks in scope under ``item`` and the goals holding them (or with a note of
    their own), numbered at ``level`` by their place among the entries shown, so that the
    numbers run without gaps. Below DEEPEST_LEVEL a goal is not numbered itself: its done tasks
    are listed at the deepest level, each named with the goals between (``_flattened``)."""
    found: list[tuple[Item, list[GoalEntry | TaskEntry], str | None, str]] = []
    for child in item.children:
        if child.is_task:
            if _achieved(child, scoped):
                found.append((child, [], None, ""))
        elif level < DEEPEST_LEVEL:
            below = _achievement_entries(child, level + 1, scoped, lang, within)
            note = _goal_note(child, lang)
            if below or note:
                found.append((child, below, note, ""))
        else:
            found += [(task, [], None, name) for task, name in _flattened(child, scoped, lang)]
    entries: list[GoalEntry | TaskEntry] = []
    for position, (child, below, note, name) in enumerate(found, 1):
        number = number_label(lang, level, position)
        if child.is_task:
            entries.append(_task_entry(child, number, level, lang, name, within))
        else:
            entries.append(GoalEntry(number, child.id, title_of(child), level, below, note))
    return entries


def _flattened(goal: Item, scoped: set[str], lang: str) -> list[tuple[Item, str]]:
    """The done tasks in scope under a goal too deep to be numbered, each with its name: the
    titles of the goals from ``goal`` down, then its own (目标·子目标·任务)."""
    found = []
    for task in goal.tasks():
        if _achieved(task, scoped):
            path = [title_of(task)]
            node = task.parent
            while node is not None and node is not goal.parent:
                # A task of its goal's own title (the figures a ledger's goal row stated, moved
                # onto a task under it by the import) is named once, not 增长·增长.
                if title_of(node) != path[0]:
                    path.insert(0, title_of(node))
                node = node.parent
            name = path[-1]
            for title in reversed(path[:-1]):
                name = phrase(lang, "context", goal=title, title=name)
            found.append((task, name))
    return found


def _lights_rule(lang: str, rules: Rules) -> str:
    """The thresholds of 红黄绿灯 in words, after the ledger note."""
    from fractions import Fraction

    yellow, red = Fraction(*rules[0]), Fraction(*rules[1])
    red_share = Fraction(*rules[2]) if rules[2] is not None else None
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
        lead=joined_names(lang, responsible_names(task, "lead")),
        responsible=unit_and_owner(task, lang),
        responsible_parts=unit_and_owner_parts(task, lang),
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
        due_words=deadline_words(task.data),
        month_long=isinstance(due, str)
        and _MONTH.fullmatch(due) is not None
        and task.get("start") == due,
    )
