"""What the read-only commands show, as plain data: the rows of ``status``, the items ``list``
selects, everything ``show`` says of one item. Pure: the terminal view and ``--json`` both
render these, so the two always carry the same content.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .lights import light
from .model import Item, Plan, deadline_words, json_value
from .rollup import (
    Rollup,
    expected_ratio,
    holds_figure,
    milestone_ratios,
    milestone_share,
    pace,
    task_ratio,
    window,
)
from .rollup_tree import rollup, rollups
from .sketches import SKETCH_MILESTONES
from .texts import ratio_value

if TYPE_CHECKING:
    from fractions import Fraction

GROUP_FIELDS = {"unit": "lead_unit", "lead": "lead", "owner": "owner"}


# A plain class, not a dataclass: building a dataclass costs ~1 ms of every start-up.
class StatusRow:
    __slots__ = ("id", "title", "depth", "figures", "task")

    def __init__(self, id: str, title: str, depth: int, figures: Rollup, task: bool = False):
        self.id = id  # '' for a group of tasks by who is responsible
        self.title, self.depth, self.figures = title, depth, figures
        self.task = task  # a task at the top of the plan

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "depth": self.depth,
            "task": self.task,
            **self.figures.to_dict(),
        }


def status_rows(
    plan: Plan, as_of: dt.date, by: str | None = None
) -> tuple[list[StatusRow], Rollup]:
    """A row per part and goal (tasks are counted, not listed), and per task at the top of the
    plan (beside the parts it counts as one, as in the 合计: a 台账 numbered 1, 2, 3 without
    categories is all such tasks); or a row per responsible group; and the whole plan's
    figures. Each task is evaluated once."""
    top_tasks = by is None and any(not item.children for item in plan.roots)
    # (groups add up tasks' figures; a task at the top has a row of its own)
    figures = None
    if by is None and not top_tasks:  # parts and goals: a goal's tasks added up by their keys
        from .goal_figures import goal_rollups, read_goals

        goals = read_goals(plan)  # (all the plan's keys at once, each judged once)
        if goals is not None:
            figures = goal_rollups(goals, as_of)
    if figures is None:
        figures = rollups(plan, as_of, tasks=by is not None or top_tasks)
    if by is not None:
        from .rollup_groups import group_rollups

        rows = [
            StatusRow("", name, 0, group)
            for name, group in group_rollups(plan, as_of, GROUP_FIELDS[by], figures)
        ]
        return rows, figures[""]
    rows = []

    def visit(items: list[Item], depth: int) -> None:
        for item in items:
            if item.children:  # a part or goal (not item.is_task, without a call per task)
                data = item.data
                rows.append(StatusRow(data["id"], data["title"], depth, figures[data["id"]]))
                visit(item.children, depth + 1)
            elif not depth:  # a task at the top of the plan
                data = item.data
                rows.append(StatusRow(data["id"], data["title"], 0, figures[data["id"]], True))

    visit(plan.roots, 0)
    return rows, figures[""]


def at_full_not_ticked_off(tasks: list[Item], plan: Plan, as_of: dt.date) -> set[str]:
    """The tasks at 100% whose status is not 已完成 (only ``plan done`` ticks off): to be checked
    and ticked off (核实销号). The report counts them beside the done ones and names them in
    下一步打算, ``show`` of a goal beside its 完成/总数; a blocked one is counted as blocked, a
    limit held before its deadline as such (``limits_held``)."""
    return {
        t.id
        for t in tasks
        if t.status not in ("done", "dropped", "blocked")
        and task_ratio(t) == (1, 1)
        and not _limit_to_hold(t, plan, as_of)
    }


def limits_held(tasks: list[Item], plan: Plan, as_of: dt.date) -> set[str]:
    """The tasks within a limit before their deadline (控制在5‰以内 at 4.2‰, 零事故 in June): at
    100%, but a limit is held all year, so none is to be ticked off yet (as ``plan record``
    offers no tick-off then: ``changes.reaches_target``)."""
    return {
        t.id
        for t in tasks
        if t.status not in ("done", "dropped", "blocked")
        and task_ratio(t) == (1, 1)
        and _limit_to_hold(t, plan, as_of)
    }


def blocked_at_full(task: Item, plan: Plan, as_of: dt.date) -> bool:
    """A task still 受阻 whose figure has reached its target (or its progress 100%): the office
    set the status and only it can say the block is resolved (acceptance or funds may still be
    missing), so the status stays and the task is counted as blocked; ``show`` and ``plan
    check`` say it, with the tick-off. A limit held before its deadline is held so far, not
    reached (``limits_held``)."""
    return (
        task.status == "blocked"
        and task_ratio(task) == (1, 1)
        and not _limit_to_hold(task, plan, as_of)
    )


def _limit_to_hold(task: Item, plan: Plan, as_of: dt.date) -> bool:
    """A figure held all year with a figure recorded (``rollup.holds_figure``), before its
    deadline: as the roll-up counts it held (``Rollup.held``)."""
    return holds_figure(task) and as_of < (task.due or plan.end)


def awaiting_tick_off(
    rows: list[StatusRow], total: Rollup
) -> list[tuple[StatusRow | None, int, int, int]]:
    """The rows (or the 合计, None, where no row is) at 100% whose tasks are not all done, each with
    how many tasks are at 100% but not ticked off (only ``plan done`` ticks off), how many are
    figures held all year, within them before their deadline (``Rollup.held``: 保持在目标范围内,
    nothing to tick off yet, as the report counts them apart), and how many are still blocked
    (``blocked_at_full``: the office's status, counted as blocked): 0/2 beside 100% would
    contradict itself unsaid. A 100% means every task under the row is at 100%. A row under one
    named already is not named again, nor any row where the whole plan is at 100%: the 合计 says
    it once."""
    found: list[tuple[StatusRow | None, int, int, int]] = []
    named_depth: int | None = None  # the depth of the last row named, while under it
    for row in rows:
        if named_depth is not None and row.depth > named_depth and row.id:
            continue
        named_depth = None
        figures = row.figures
        if figures.complete and figures.total > figures.done:
            waiting = figures.total - figures.done - figures.blocked - figures.held
            found.append((row, waiting, figures.held, figures.blocked))
            named_depth = row.depth
    if total.complete and total.total > total.done:  # the whole plan: said once
        waiting = total.total - total.done - total.blocked - total.held
        return [(None, waiting, total.held, total.blocked)]
    return found


def status_record(
    plan: Plan, as_of: dt.date, by: str | None, sketched: Any = None
) -> dict[str, Any]:
    rows, total = status_rows(plan, as_of, by)
    record = {
        "plan": plan_header(plan),
        "as_of": as_of.isoformat(),
        "by": by,
        "rows": [row.to_dict() for row in rows],
        "total": total.to_dict(),
        "missed_milestones": [
            {"id": task.id, "title": task.title, **milestone.to_dict()}
            for task, milestone in missed_milestones(plan, as_of, sketched)
        ],
    }
    waiting = awaiting_tick_off(rows, total)
    if waiting:  # the note under the table (``awaiting_tick_off``), as data
        record["not_ticked_off"] = [
            {
                "id": row.id if row else "",
                "title": row.title if row else "",
                "count": count,
                "held": held,
                "blocked": blocked,
            }
            for row, count, held, blocked in waiting
        ]
    return record


def missed_milestones(
    plan: Plan, as_of: dt.date, sketched: Any = None
) -> list[tuple[Item, MilestoneState]]:
    """The unfinished tasks whose latest milestone due by ``as_of`` was missed. ``sketched``:
    the plan's ``sketches.sketched_marks``, if known (none of the items has milestones, then)."""
    if sketched is not None and not sketched[0] & SKETCH_MILESTONES:
        return []
    with_milestones = [
        item
        for item in plan.items()
        if not item.children
        and (  # an item whose table is not loaded: its sketch says (model.Item)
            item.data.get("milestone")
            if item.sketch is None
            else item.sketch[4] & SKETCH_MILESTONES
        )
    ]
    return Milestones(plan, as_of).missed(with_milestones)


def plan_header(plan: Plan) -> dict[str, Any]:
    return {
        "title": plan.title,
        "organisation": plan.organisation,
        "year": plan.year,
        "start": plan.start.isoformat(),
        "end": plan.end.isoformat(),
    }


class ListFilter:
    """What ``plan list`` keeps; every given condition must hold (a goal stays when any task
    under it is kept)."""

    def __init__(
        self,
        statuses: tuple[str, ...] = (),
        paces: tuple[str, ...] = (),
        who: str | None = None,  # a fragment of a name answering for it (model.is_responsible)
        due_before: dt.date | None = None,
        part: Item | None = None,  # a part or a goal at any depth
    ):
        self.statuses, self.paces, self.who = statuses, paces, who
        self.due_before, self.part = due_before, part

    def keeps(self, task: Item, plan: Plan, as_of: dt.date) -> bool:
        if self.statuses and task.status not in self.statuses:
            return False
        if self.paces and pace(task, plan, as_of) not in self.paces:
            return False
        if self.who and not _answering().is_responsible(task, self.who):
            return False
        if self.due_before and not (task.due and task.due < self.due_before):
            return False
        return self.part is None or task.is_within(self.part)


def select(plan: Plan, as_of: dt.date, keep: ListFilter) -> list[Item]:
    """Kept tasks with the goals above them, in tree order."""
    chosen: set[int] = set()  # the items kept, by identity
    for task in plan.tasks():
        if keep.keeps(task, plan, as_of):
            node: Item | None = task
            while node is not None and id(node) not in chosen:
                chosen.add(id(node))
                node = node.parent
    return [item for item in plan.items() if id(item) in chosen]


# ``trace.untraced_fields``, once a record was asked for: a status, which asks for none, does not
# load ``trace`` (2 M instructions), and a list of 10,000 records imports it once, not each time.
_UNTRACED: list[Callable[[dict[str, Any]], list[str]]] = []


# ``answering``, once a record or ``list --who`` asked who answers for an item: a status asks
# neither and does not load it, and 10,000 records import it once, not each time.
_ANSWERING: list[Any] = []


def _answering() -> Any:
    if not _ANSWERING:
        from . import answering

        _ANSWERING.append(answering)
    return _ANSWERING[0]


def _untraced_fields(table: dict[str, Any]) -> list[str]:
    if not _UNTRACED:
        from .trace import untraced_fields

        _UNTRACED.append(untraced_fields)
    return _UNTRACED[0](table)


def item_record(
    item: Item, plan: Plan, as_of: dt.date, *, trace_to: dt.date | None = None
) -> dict[str, Any]:
    """Every field of an item (as in the file, unknown ones too) plus its computed figures.
    ``trace_to``: the ``--as-of`` day, whose view's ``log`` holds only the entries in the trace
    by then (``trace.in_trace_by``), as the replay keeps them; asked here since the plan as it
    is now stands for that day where nothing after it counts (changes undone and their undos
    only: ``replay.plan_as_of``), its log unreplayed."""
    figures = rollup(item, plan, as_of)
    record: dict[str, Any] = {key: json_value(value) for key, value in item.data.items()}
    if trace_to is not None and "log" in record:
        from .trace import in_trace_by, log_of

        kept = [entry for entry in log_of(item.data) if in_trace_by(entry, trace_to)]
        if kept:  # (an item whose entries all come later has none, as one never changed)
            record["log"] = json_value(kept)
        else:
            del record["log"]
    record["kind"] = "task" if item.is_task else "goal"
    record["parent"] = item.parent.id if item.parent else ""
    record["completion"] = figures.to_dict()["completion"]
    record["untraced"] = _untraced_fields(item.data)
    words = deadline_words(item.data)
    if words:  # 长期坚持: no day, the words are its deadline, under one key whatever the column
        record["due_words"] = words
    # Who answers for it through a goal or part (县示范区管委会牵头工作), as plan show says it:
    # the name as written there and whose it is; the item's own fields stay as in the file.
    answering = _answering()
    inherited = {
        role: {"value": json_value(above.data[role]), "from": above.id}
        for role in answering.ROLES
        if role not in item.data and (above := answering.stated_above(item, role)) is not None
    }
    if inherited:
        record["inherited"] = inherited
    if item.is_task:
        record["status"] = item.status
        record["pace"] = pace(item, plan, as_of)
        record["light"] = light(item, plan, as_of)
        standing = record["pace"] == "ongoing"  # (no window: no share expected of it)
        expected = None if standing else ratio_value(expected_ratio(item, plan, as_of))
        record["expected"] = expected
        if blocked_at_full(item, plan, as_of):
            record["blocked_at_full"] = True
        if item.get("milestone"):
            judged = [(m.day, m.to_dict()) for m in Milestones(plan, as_of).of(item)]
            steps = [
                (day, _step_record(day, due, note)) for day, due, note in milestone_steps(item)
            ]
            # (in order of day, as plan show lists them: a step after a milestone of its day)
            record["milestones"] = [
                entry for _, entry in sorted(judged + steps, key=lambda pair: pair[0])
            ]
    else:
        record["figures"] = figures.to_dict()
        tasks = list(item.tasks())  # as show says
        record["reached"] = len(at_full_not_ticked_off(tasks, plan, as_of))
        record["limits_held"] = len(limits_held(tasks, plan, as_of))
        record["children"] = [child.id for child in item.children]
    return record


# ---------------------------------------------------------------- milestones


# A plain class, not a dataclass: building a dataclass costs ~1 ms of every start-up.
class MilestoneState:
    """A milestone (时间节点) of a task and how it stands at the view's day: ``met`` or
    ``missed`` (its day has passed: judged by the plan as it stood then), ``absent`` (its day
    passed before the task was in the plan: not judged), ``next`` (the next one due) or
    ``later``."""

    __slots__ = ("due", "day", "share_ratio", "value", "note", "state", "done_ratio")

    def __init__(
        self,
        due: Any,
        day: dt.date,
        share: tuple[int, int],  # the share due, as (numerator, denominator): no Fraction made
        value: Any,
        note: str | None,
        state: str,
        done: tuple[int, int] | None,  # the task's completion on the day, the same way
    ):
        self.due, self.day, self.share_ratio, self.value = due, day, share, value
        self.note, self.state, self.done_ratio = note, state, done

    @property
    def share(self) -> Fraction:
        from fractions import Fraction

        return Fraction(*self.share_ratio)

    @property
    def done(self) -> Fraction | None:
        from fractions import Fraction

        return None if self.done_ratio is None else Fraction(*self.done_ratio)

    def to_dict(self) -> dict[str, Any]:
        return {
            "due": json_value(self.due),
            "day": self.day.isoformat(),
            "expected": ratio_value(self.share_ratio),
            "value": self.value,
            "note": self.note,
            "state": self.state,
            "done": ratio_value(self.done_ratio),
        }


def milestone_steps(task: Item) -> list[tuple[dt.date, Any, str]]:
    """A task's steps with no share (2023-Q1 完成选址, a 季度形象进度 in words) as (day, due
    as written, note), by their day: said as written, judged by nothing (pace follows the
    milestones with a share, ``rollup.milestones``)."""
    from .periods import last_day

    steps = []
    for table in task.get("milestone") or []:
        if not isinstance(table, dict) or "progress" in table or "value" in table:
            continue
        day, note = last_day(table.get("due")), table.get("note")
        if day is not None and isinstance(note, str) and note.strip():
            steps.append((day, table["due"], note))
    return sorted(steps, key=lambda step: step[0])


def _step_record(day: dt.date, due: Any, note: str) -> dict[str, Any]:
    """A step for JSON in the shape of a milestone's (``MilestoneState.to_dict``): no share
    expected, no figure, state ``step``."""
    return {
        "due": json_value(due),
        "day": day.isoformat(),
        "expected": None,
        "value": None,
        "note": note,
        "state": "step",
        "done": None,
    }


class Milestones:
    """The milestones of tasks at a day, each past one judged by the task as it stood on its
    day: its own fields replayed from its own trace (``replay.fields_as_of``, the rule of the
    whole plan's replay), not the whole plan once per milestone day."""

    def __init__(self, plan: Plan, as_of: dt.date):
        self.plan, self.as_of = plan, as_of

    @staticmethod
    def _then(task: Item, day: dt.date) -> Item | None:
        """The task at the end of ``day``; None if it was added to the plan later."""
        from .replay import fields_as_of
        from .trace import counts_by, log_of

        for entry in log_of(task.data):
            if entry.get("action") == "add" and "undone" not in entry:
                if not counts_by(entry, day):
                    return None
        return Item(fields_as_of(task.data, day))

    def of(self, task: Item) -> list[MilestoneState]:
        out: list[MilestoneState] = []
        upcoming = True
        start = window(task, self.plan)[0]
        for day, share, table in milestone_ratios(task):
            done = None
            if day <= self.as_of:
                then = self._then(task, day)
                if then is None:  # added to the plan after that day: nothing to judge it by
                    state = "absent"
                elif day <= start:  # not after the task's start: no point of its pace (plan
                    state = "before_start"  # check says it has no effect), nothing to judge
                else:
                    # (the figure due against the target of the day: a target cut in July
                    # does not turn 60万元 reached by June into a milestone missed)
                    share = milestone_share(then, table) or share
                    done = task_ratio(then)
                    met = done is not None and done[0] * share[1] >= share[0] * done[1]
                    state = "met" if met else "missed"
            elif day <= start:
                state = "before_start"
            else:
                state, upcoming = ("next" if upcoming else "later"), False
            note = table.get("note") if isinstance(table.get("note"), str) else None
            value = table.get("value")  # a figure; None when the milestone is a percent
            out.append(MilestoneState(table.get("due"), day, share, value, note, state, done))
        return out

    def missed(self, tasks: list[Item]) -> list[tuple[Item, MilestoneState]]:
        """The tasks whose latest milestone due by now was missed."""
        out = []
        for task in tasks:
            past = [m for m in self.of(task) if m.state in ("met", "missed")]
            if past and past[-1].state == "missed" and task.status not in ("done", "dropped"):
                out.append((task, past[-1]))
        return out
