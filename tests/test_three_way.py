"""The three-way merge on plan documents, case by case (merging.three_way; no files, no git)."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from quanhu_plan import changes
from quanhu_plan.building import build_plan, plan_from_doc
from quanhu_plan.canonical import dumps
from quanhu_plan.guard import checked
from quanhu_plan.merging import merge
from quanhu_plan.merging.conflicts import open_conflicts, resolve
from quanhu_plan.store import parse_toml

from .conftest import SMALL_ITEMS, plan_doc

TZ = dt.timezone(dt.timedelta(hours=8))
T0 = dt.datetime(2023, 6, 1, 9, tzinfo=TZ)


def base() -> dict[str, Any]:
    return plan_doc(copy.deepcopy(SMALL_ITEMS))


def changed(doc: dict[str, Any], by: str, minute: int, *steps: Any) -> dict[str, Any]:
    plan = plan_from_doc(copy.deepcopy(doc))
    for n, step in enumerate(steps):
        stamp = changes.Stamp(by, T0 + dt.timedelta(minutes=minute + n))
        checked(plan, lambda p, step=step, stamp=stamp: step(p, stamp))
    return plan.to_doc()


def merged(b: dict[str, Any], o: dict[str, Any], t: dict[str, Any]) -> Any:
    result = merge(b, o, t, by="合并", now=T0 + dt.timedelta(days=1))
    doc = parse_toml(dumps(result.doc), "merged")
    plan, problems = build_plan(doc)
    assert not problems, [p.message("en") for p in problems]
    return result, plan


def table(plan: Any, item_id: str) -> dict[str, Any]:
    return plan.by_id()[item_id].data


def test_unknown_fields_merge_and_survive_field_by_field():
    b = base()
    b["item"][1]["县任务编号"] = "A-01"
    b["plan"]["报送"] = {"月份": 6}
    o, t = copy.deepcopy(b), copy.deepcopy(b)
    o["item"][1]["备注"] = "甲加的"
    t["item"][1]["县任务编号"] = "A-02"
    t["plan"]["报送"] = {"月份": 7}
    o["extra"] = [1, 2]
    _, plan = merged(b, o, t)
    assert table(plan, "1.1")["备注"] == "甲加的"
    assert table(plan, "1.1")["县任务编号"] == "A-02"
    assert plan.meta["报送"] == {"月份": 7}
    assert plan.extra["extra"] == [1, 2]


def test_the_header_merges_field_by_field_and_records_a_conflict():
    b = base()
    o, t = copy.deepcopy(b), copy.deepcopy(b)
    o["plan"]["title"] = "测试镇2023年工作计划（修订）"
    t["plan"]["organisation"] = "测试镇党委、政府"
    _, plan = merged(b, o, t)
    assert plan.title == "测试镇2023年工作计划（修订）"
    assert plan.organisation == "测试镇党委、政府"
    t["plan"]["title"] = "测试镇2023年计划"
    result, plan = merged(b, o, t)
    assert plan.title == "测试镇2023年工作计划（修订）"  # ours, until resolved
    (conflict,) = open_conflicts(plan)
    assert (conflict.where(), conflict.field) == ("[plan]", "title")
    assert conflict.record["theirs"] == "测试镇2023年计划"
    resolve(plan, "[plan]", "title", changes.Stamp("乙", T0), choice="theirs")
    assert plan.title == "测试镇2023年计划" and not open_conflicts(plan)


def test_an_item_both_sides_took_from_elsewhere_is_one_item_not_two():
    b = base()
    added = changed(b, "甲", 0, lambda p, s: changes.add(p, "1", "新任务", s))
    result, plan = merged(b, added, copy.deepcopy(added))
    assert not result.renumbered
    assert [i.id for i in plan.items()].count("1.4") == 1


def test_what_hangs_under_an_item_added_on_both_sides_is_renumbered_with_it():
    b = base()
    o = changed(b, "甲", 0, lambda p, s: changes.add(p, "1", "甲的目标", s))
    t = changed(
        b,
        "乙",
        5,
        lambda p, s: changes.add(p, "1", "乙的目标", s),
        lambda p, s: changes.add(p, "1.4", "乙的任务", s),
        lambda p, s: changes.move(p, "2.3", "1.4", s),
    )
    result, plan = merged(b, o, t)
    assert result.renumbered == [("1.4", "1.5"), ("1.4.1", "1.5.1")]
    assert plan.by_id()["1.5"].title == "乙的目标"
    assert plan.by_id()["1.5.1"].parent.id == "1.5"
    assert plan.by_id()["2.3"].parent.id == "1.5"  # the move follows the new id
    assert plan.by_id()["1.4"].title == "甲的目标"


def test_two_moves_that_would_make_a_loop_are_a_conflict_on_parent():
    b = base()
    o = changed(b, "甲", 0, lambda p, s: changes.move(p, "1", "2", s))
    t = changed(b, "乙", 1, lambda p, s: changes.move(p, "2", "1", s))
    result, plan = merged(b, o, t)
    (conflict,) = open_conflicts(plan)
    assert (conflict.item_id, conflict.field) == ("2", "parent")
    assert conflict.record["ours"] == "" and conflict.record["theirs"] == "1"
    assert conflict.record["theirs_by"] == "乙"
    assert plan.by_id()["1"].parent.id == "2"


def test_an_item_removed_on_both_sides_is_archived_once():
    b = base()
    o = changed(b, "甲", 0, lambda p, s: changes.remove(p, "2.3", s))
    t = changed(b, "乙", 1, lambda p, s: changes.remove(p, "2.3", s))
    _, plan = merged(b, o, t)
    archived = [t["id"] for r in plan.extra["removed"] for t in r["item"]]
    assert archived == ["2.3"]
    actions = [e["action"] for r in plan.extra["removed"] for t in r["item"] for e in t["log"]]
    assert actions == ["remove", "remove"]


def test_a_removal_undone_on_one_side_brings_the_item_back():
    b = changed(base(), "甲", 0, lambda p, s: changes.remove(p, "2.3", s))
    o = changed(b, "甲", 5, lambda p, s: changes.undo(p, s))
    t = changed(b, "乙", 6, lambda p, s: changes.add_note(p, "1.1", "乙", s))
    _, plan = merged(b, o, t)
    assert "2.3" in plan.by_id()
    assert "removed" not in plan.extra


def test_an_item_added_under_a_task_removed_on_the_other_side_follows_it_to_the_archive():
    b = base()
    o = changed(b, "甲", 0, lambda p, s: changes.remove(p, "2.3", s))
    t = changed(b, "乙", 1, lambda p, s: changes.add(p, "2.3", "分项", s))
    result, plan = merged(b, o, t)
    assert result.kept_in_archive == ["2.3.1"]  # 2.3 itself was not changed
    archived = [t["id"] for r in plan.extra["removed"] for t in r["item"]]
    assert archived == ["2.3", "2.3.1"]


def test_a_parent_in_conflict_settled_to_theirs_moves_the_item_and_undoes_in_two_steps():
    b = base()
    o = changed(b, "甲", 0, lambda p, s: changes.move(p, "2.3", "1", s))
    t = changed(b, "乙", 1, lambda p, s: changes.move(p, "2.3", "top", s))
    _, plan = merged(b, o, t)
    (conflict,) = open_conflicts(plan)
    assert (conflict.field, conflict.record["ours"], conflict.record["theirs"]) == (
        "parent",
        "1",
        "",
    )
    stamp = changes.Stamp("甲", T0 + dt.timedelta(days=2))
    checked(plan, lambda p: resolve(p, "2.3", "parent", stamp, choice="theirs"))
    assert plan.by_id()["2.3"].parent is None and not open_conflicts(plan)
    later = changes.Stamp("甲", T0 + dt.timedelta(days=3))
    checked(plan, lambda p: changes.undo(p, later))  # the move
    assert plan.by_id()["2.3"].parent.id == "1" and not open_conflicts(plan)
    checked(plan, lambda p: changes.undo(p, later))  # the settling: the conflict is back
    assert [c.field for c in open_conflicts(plan)] == ["parent"]
