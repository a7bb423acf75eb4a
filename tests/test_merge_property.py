"""The three-way merge on random concurrent changes (hypothesis): two offices change copies of one
plan, each its own way, and the merge of the two loses no item and no log entry, is a valid plan
with no conflict where no field was set on both sides, and has the status of the plan both
sides' changes were made to one after the other."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from quanhu_plan import changes
from quanhu_plan.building import build_plan, plan_from_doc
from quanhu_plan.canonical import dumps
from quanhu_plan.errors import PlanError
from quanhu_plan.guard import checked
from quanhu_plan.merging import merge
from quanhu_plan.merging.conflicts import open_conflicts
from quanhu_plan.merging.sides import fingerprint
from quanhu_plan.records import status_record
from quanhu_plan.store import parse_toml

from .conftest import SMALL_ITEMS, plan_doc

TZ = dt.timezone(dt.timedelta(hours=8))
START = dt.datetime(2023, 6, 1, 9, tzinfo=TZ)
YEAR_END = dt.date(2023, 12, 31)
TASKS = ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3"]

# Each side sets the status and figures of its own tasks, and its own one of owner/lead, so that
# no field is set on both sides; both note anything, add under either goal, remove tasks.
SIDES = {
    "ours": {"tasks": ["1.1", "1.3"], "edits": "owner", "removes": TASKS},
    "theirs": {"tasks": ["2.2", "2.3"], "edits": "lead", "removes": ["2.2", "2.3"]},
}


def ops(side: str) -> st.SearchStrategy[list[tuple[Any, ...]]]:
    own = SIDES[side]
    op = st.one_of(
        st.tuples(
            st.just("note"),
            st.sampled_from(["1", "2", *TASKS]),
            st.text("进展甲乙", min_size=1, max_size=3),
        ),
        st.tuples(st.just("progress"), st.sampled_from(own["tasks"]), st.integers(0, 100)),
        st.tuples(st.just("record"), st.sampled_from(own["tasks"]), st.integers(-5, 50)),
        st.tuples(st.just("done"), st.sampled_from(own["tasks"])),
        st.tuples(st.just("reopen"), st.sampled_from(own["tasks"])),
        st.tuples(st.just("edit"), st.sampled_from(TASKS), st.sampled_from(["王五", "赵六", ""])),
        st.tuples(st.just("add"), st.sampled_from(["1", "2"]), st.sampled_from(["新甲", "新乙"])),
        st.tuples(st.just("rm"), st.sampled_from(own["removes"])),
        st.tuples(st.just("undo")),
    )
    return st.lists(op, max_size=6)


def run(plan: Any, op: tuple[Any, ...], stamp: changes.Stamp, side: str) -> Any:
    kind = op[0]
    if kind == "note":
        return changes.add_note(plan, op[1], op[2], stamp)
    if kind == "progress":
        return changes.progress(plan, op[1], op[2], stamp)
    if kind == "record":
        return changes.record(plan, op[1], op[2], stamp)
    if kind == "done":
        return changes.done(plan, [op[1]], stamp, on=dt.date(2023, 6, 1))
    if kind == "reopen":
        return changes.reopen(plan, op[1], stamp)
    if kind == "edit":
        return changes.edit(plan, op[1], {SIDES[side]["edits"]: op[2]}, stamp)
    if kind == "add":
        return changes.add(plan, op[1], op[2], stamp)
    if kind == "rm":
        return changes.remove(plan, op[1], stamp)
    return changes.undo(plan, stamp)


def apply(
    doc: dict[str, Any], steps: list[tuple[tuple[Any, ...], dt.datetime, str]]
) -> dict[str, Any]:
    """The document after the steps, each made as the command makes it (a refused one is
    skipped, as a user would see it refused)."""
    plan = plan_from_doc(copy.deepcopy(doc))
    for op, when, side in steps:
        kept = copy.deepcopy(plan.to_doc())
        stamp = changes.Stamp("甲" if side == "ours" else "乙", when)
        try:
            checked(plan, lambda p, op=op, stamp=stamp, side=side: run(p, op, stamp, side))
        except PlanError:
            plan = plan_from_doc(kept)
    return plan.to_doc()


def entry_keys(doc: dict[str, Any]) -> set[Any]:
    tables = list(doc.get("item", []))
    for record in doc.get("removed", []):
        tables += record["item"]
    return {
        fingerprint({k: v for k, v in e.items() if k != "undone"})
        for t in tables
        for e in t.get("log", [])
    }


def all_ids(doc: dict[str, Any]) -> set[str]:
    found = {t["id"] for t in doc.get("item", [])}
    for record in doc.get("removed", []):
        found |= {t["id"] for t in record["item"]}
    return found


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    ours=ops("ours"),
    theirs=ops("theirs"),
    gaps=st.lists(st.integers(1, 90), min_size=12, max_size=12),
)
def test_random_concurrent_changes_merge_losing_nothing_with_the_status_of_both(
    ours: list[tuple[Any, ...]], theirs: list[tuple[Any, ...]], gaps: list[int]
) -> None:
    # Their undo takes back their newest change; made after ours on one file, a change of theirs
    # to an item ours removed is refused there, and the undo would take back another one.
    assume(not (any(op[0] == "undo" for op in theirs) and any(op[0] == "rm" for op in ours)))
    base = plan_doc(copy.deepcopy(SMALL_ITEMS))
    # The two offices work at the same time: their clocks interleave as the gaps say.
    ours_times = [START + dt.timedelta(minutes=sum(gaps[: 2 * n + 1])) for n in range(len(ours))]
    theirs_times = [
        START + dt.timedelta(minutes=sum(gaps[: 2 * n + 2])) for n in range(len(theirs))
    ]
    ours_steps = [(op, when, "ours") for op, when in zip(ours, ours_times, strict=True)]
    theirs_steps = [(op, when, "theirs") for op, when in zip(theirs, theirs_times, strict=True)]
    ours_doc, theirs_doc = apply(base, ours_steps), apply(base, theirs_steps)

    result = merge(base, ours_doc, theirs_doc, by="合并", now=START + dt.timedelta(days=30))
    text = dumps(result.doc)  # what the driver writes reads back as the merge
    merged_doc = parse_toml(text, "merged")
    plan, problems = build_plan(merged_doc)
    assert not problems, [p.message("en") for p in problems]
    assert plan is not None
    assert all_ids(ours_doc) | all_ids(theirs_doc) <= all_ids(merged_doc)
    assert entry_keys(ours_doc) | entry_keys(theirs_doc) <= entry_keys(merged_doc)
    assert not open_conflicts(plan)

    # One after the other on one file: ours (pulled first), then theirs.
    one_file = apply(apply(base, ours_steps), theirs_steps)
    expected = plan_from_doc(one_file)
    assert status_record(plan, YEAR_END, None) == status_record(expected, YEAR_END, None)


def any_ops() -> st.SearchStrategy[list[tuple[Any, ...]]]:
    """Changes of any task and field, so that both sides often set the same one."""
    op = st.one_of(
        st.tuples(st.just("note"), st.sampled_from(TASKS), st.just("进展")),
        st.tuples(st.just("progress"), st.sampled_from(TASKS), st.integers(0, 100)),
        st.tuples(st.just("done"), st.sampled_from(TASKS)),
        st.tuples(st.just("edit"), st.sampled_from(TASKS), st.sampled_from(["王五", "赵六"])),
        st.tuples(st.just("add"), st.sampled_from(["1", "2", "1.3"]), st.just("新")),
        st.tuples(st.just("rm"), st.sampled_from(TASKS)),
        st.tuples(st.just("undo")),
    )
    return st.lists(op, max_size=6)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(ours=any_ops(), theirs=any_ops(), choice=st.sampled_from(["ours", "theirs"]))
def test_random_clashing_changes_merge_into_a_valid_plan_whose_conflicts_all_resolve(
    ours: list[tuple[Any, ...]], theirs: list[tuple[Any, ...]], choice: str
) -> None:
    base = plan_doc(copy.deepcopy(SMALL_ITEMS))
    steps = [
        [(op, START + dt.timedelta(minutes=2 * n + k), side) for n, op in enumerate(ops_)]
        for k, (side, ops_) in enumerate((("ours", ours), ("theirs", theirs)))
    ]
    ours_doc, theirs_doc = apply(base, steps[0]), apply(base, steps[1])
    result = merge(base, ours_doc, theirs_doc, by="合并", now=START)
    merged_doc = parse_toml(dumps(result.doc), "merged")
    plan, problems = build_plan(merged_doc)
    assert not problems, [p.message("en") for p in problems]
    assert plan is not None
    assert all_ids(ours_doc) | all_ids(theirs_doc) <= all_ids(merged_doc)
    assert entry_keys(ours_doc) | entry_keys(theirs_doc) <= entry_keys(merged_doc)
    from quanhu_plan.merging.conflicts import resolve

    stamp = changes.Stamp("合并", START + dt.timedelta(days=1))
    for conflict in open_conflicts(plan):
        assert conflict.field in ("status", "progress", "done_on", "owner", "evidence")
        resolve(plan, conflict.where(), conflict.field, stamp, choice=choice)
    assert not open_conflicts(plan)
    assert not build_plan(parse_toml(dumps(plan.to_doc()), "resolved"))[1]
