"""Figures a supervision ledger can trust: exact pace at its boundaries, half-up rounding, one
attribution rule and one weighting for every grouping, and what remains (尚差)."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan.answering import responsible_names
from quanhu_plan.building import plan_from_doc
from quanhu_plan.cli import app
from quanhu_plan.rollup import pace
from quanhu_plan.rollup_groups import group_rollups, task_shares
from quanhu_plan.rollup_tree import plan_rollup
from quanhu_plan.texts import format_percent, round_half_up

from .conftest import plan_doc, write_plan

D = dt.date


def run(*args: str) -> Any:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def as_json(*args: str) -> Any:
    return json.loads(run(*args, "--json").stdout)


# ---------------------------------------------------------------- exact pace


@pytest.mark.parametrize(
    ("progress", "due", "as_of", "expected"),
    [
        (95, D(2023, 6, 30), D(2023, 6, 30), "on_pace"),  # exactly 5 points behind 100 %
        (94.9, D(2023, 6, 30), D(2023, 6, 30), "behind"),
        (55, D(2023, 12, 31), D(2023, 7, 2), "on_pace"),  # 182/364 = exactly 50 % expected
        (55.1, D(2023, 12, 31), D(2023, 7, 2), "ahead"),
        (45, D(2023, 12, 31), D(2023, 7, 2), "on_pace"),
        (44.9, D(2023, 12, 31), D(2023, 7, 2), "behind"),
        (35, D(2023, 1, 11), D(2023, 1, 5), "on_pace"),  # 4/10 = 40 % expected
    ],
)
def test_exactly_five_points_off_is_on_pace(plan_file, progress, due, as_of, expected):
    write_plan(plan_file, [{"id": "1", "title": "修塘", "progress": progress, "due": due}])
    plan = plan_from_doc(tomllib.loads(plan_file.read_text(encoding="utf-8")))
    assert pace(plan.find("1"), plan, as_of) == expected
    listed = as_json("list", "--as-of", as_of.isoformat())
    assert listed[0]["pace"] == expected


@pytest.mark.parametrize(
    ("share", "shown"),
    [
        (Fraction(575, 1000), "58%"),
        (Fraction(175, 1000), "18%"),
        (Fraction(125, 1000), "13%"),  # banker's rounding would say 12%
        (Fraction(5, 1000), "1%"),
        (Fraction(2, 3), "67%"),
        (Fraction(1, 1), "100%"),
        (0.575, "58%"),
        (None, "—"),
    ],
)
def test_percentages_round_half_up(share, shown):
    assert format_percent(share) == shown


def test_a_half_percent_rounds_up_in_every_view(plan_file, monkeypatch):
    write_plan(plan_file, [{"id": "1", "title": "修塘", "progress": 57.5}])
    assert "58%" in run("list").stdout
    assert "58%" in run("list", "--flat").stdout
    assert "58%" in run("show", "1").stdout
    assert "58%" in run("report").stdout
    assert as_json("status")["total"]["completion"] == 0.575
    write_plan(
        plan_file, [{"id": "1", "title": "修塘"}, {"id": "1.1", "title": "甲", "progress": 12.5}]
    )
    assert " 13% " in run("status").stdout


def test_rounding_for_json_is_half_up_too():
    assert float(round_half_up(Fraction(12345, 100000), 4)) == 0.1235


# ---------------------------------------------------------------- 尚差 and capped rates


def test_what_remains_uses_the_figure_recorded_not_the_whole_target(plan_file):
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "高标准农田", "measure": "万亩", "target": 8.7, "progress": 95},
            {"id": "2", "title": "修塘", "measure": "处", "target": 40, "actual": 25},
        ],
    )
    report = run("report", "--as-of", "2023-06-30").stdout
    lines = report.split("打算")[1].splitlines()  # the next steps: each task, numbered
    # (a plan of tasks alone: no heading of its own above each task since 2e7c26f, 1. 高标准农田：…)
    first = next(line for line in lines if "高标准农田：" in line)
    assert "完成率95%" in first and "尚差" not in first
    assert "尚差15处" in report


def test_a_figure_above_target_is_uncapped_in_the_sentence_and_capped_in_the_ledger(plan_file):
    write_plan(
        plan_file,
        [
            {
                "id": "1",
                "title": "新安装路灯",
                "measure": "盏",
                "target": 95,
                "actual": 150,
                "status": "done",
            }
        ],
    )
    report = json.loads(run("report", "--format", "json").stdout)
    sentence = report["achievements"][0]["entries"][0]["sentence"]
    assert "完成率158%" in sentence
    assert report["achievements"][0]["entries"][0]["metric"]["rate"] == 1.5789
    assert report["ledger"][0]["completion"] == 1
    terminal = run("report").stdout
    assert "完成率158%" in terminal and "100%" in terminal
    markdown = run("report", "--format", "md").stdout
    assert "完成率158%" in markdown and "| 100% |" in markdown


# ---------------------------------------------------------------- one attribution, one weighting


GOAL_UNIT_ITEMS: list[dict[str, Any]] = [
    {"id": "1", "title": "基础设施", "owner": "张三"},
    {"id": "1.1", "title": "水利", "lead_unit": "水利站"},
    {"id": "1.1.1", "title": "修塘", "progress": 50},
    {"id": "1.1.2", "title": "清淤", "lead_unit": "农业办", "status": "done"},
    {"id": "1.2", "title": "道路", "weight": 3},
    {"id": "1.2.1", "title": "修路", "progress": 20, "owner": "李四"},
    {"id": "1.2.2", "title": "路灯", "status": "dropped"},
    {"id": "2", "title": "社会事业", "lead_unit": "综治办"},
    {"id": "2.1", "title": "禁毒讲座", "progress": 80},
]


def test_a_unit_stated_on_a_goal_covers_its_tasks_in_every_view(plan_file):
    write_plan(plan_file, GOAL_UNIT_ITEMS)
    rows = {row["title"]: row for row in as_json("status", "--by", "unit")["rows"]}
    assert {name: row["total"] + row["dropped"] for name, row in rows.items()} == {
        "水利站": 1,
        "农业办": 1,
        "综治办": 1,
        "": 2,
    }
    listed = [i["id"] for i in as_json("list", "--who", "水利站") if i["kind"] == "task"]
    assert listed == ["1.1.1"]
    report = json.loads(run("report", "--owner", "水利站", "--format", "json").stdout)
    assert [row["id"] for row in report["ledger"]] == ["1.1.1"]
    assert report["ledger"][0]["responsible"] == "水利站/张三"


def test_owner_groups_match_who_and_the_report(plan_file):
    write_plan(plan_file, GOAL_UNIT_ITEMS)
    rows = {row["title"]: row for row in as_json("status", "--by", "owner")["rows"]}
    assert rows["张三"]["total"] + rows["张三"]["dropped"] == 3  # 1.1.1, 1.1.2, 1.2.2
    assert rows["李四"]["total"] == 1  # 1.2.1 names its own owner
    tasks = [i["id"] for i in as_json("list", "--who", "张三") if i["kind"] == "task"]
    assert tasks == ["1.1.1", "1.1.2", "1.2.2"]


def test_one_group_holding_every_task_shows_exactly_the_total(plan_file):
    items = [dict(item) for item in GOAL_UNIT_ITEMS]
    for item in items:
        item.pop("lead_unit", None)
    items[0]["lead_unit"] = items[7]["lead_unit"] = "党政办"
    write_plan(plan_file, items)
    status = as_json("status", "--by", "unit")
    assert [row["title"] for row in status["rows"]] == ["党政办"]
    group = dict(status["rows"][0])
    for key in ("id", "title", "depth", "task"):
        group.pop(key)
    assert group == status["total"]
    table = run("status", "--by", "unit").stdout
    group_line = next(line for line in table.splitlines() if line.strip().startswith("党政办"))
    total_line = next(line for line in table.splitlines() if line.strip().startswith("合计"))
    assert group_line.split()[1:] == total_line.split()[1:]


def test_list_part_takes_a_goal_at_any_depth(plan_file):
    write_plan(plan_file, GOAL_UNIT_ITEMS)
    assert [i["id"] for i in as_json("list", "--part", "1.2")] == ["1", "1.2", "1.2.1", "1.2.2"]
    assert [i["id"] for i in as_json("list", "--part", "1.1.1")] == ["1", "1.1", "1.1.1"]
    tree = run("list", "--part", "水利").stdout
    assert "修塘" in tree and "修路" not in tree


# ---------------------------------------------------------------- property: every grouping agrees

NAMES = {
    "lead_unit": ["甲办", "乙所", "丙站"],
    "lead": ["赵镇长", "钱书记"],
    "owner": ["孙一", "李二", "周三"],
}


@st.composite
def plans(draw: Any) -> list[dict[str, Any]]:
    """A random tree up to four levels, with weights, statuses, progress, metrics and names
    stated at any level."""
    items: list[dict[str, Any]] = []

    def add(item_id: str, depth: int) -> None:
        item: dict[str, Any] = {"id": item_id, "title": f"事项{item_id}"}
        if draw(st.booleans()):
            item["weight"] = draw(st.sampled_from([1, 2, 3, 0.5, 1.5]))
        for role, names in NAMES.items():
            if draw(st.integers(0, 3)) == 0:
                item[role] = draw(st.sampled_from(names))
        items.append(item)
        children = draw(st.integers(0, 3)) if depth < 3 else 0
        if not children:
            status = draw(st.sampled_from(["todo", "doing", "done", "blocked", "dropped"]))
            if status != "todo":
                item["status"] = status
            if draw(st.booleans()):
                item["progress"] = draw(st.sampled_from([0, 12.5, 33.3, 50, 57.5, 95, 100]))
            if draw(st.integers(0, 3)) == 0:
                item.update(target=draw(st.integers(1, 40)), actual=draw(st.integers(0, 60)))
            if draw(st.booleans()):
                item["due"] = D(2023, draw(st.integers(1, 12)), 28)
        for n in range(1, children + 1):
            add(f"{item_id}.{n}", depth + 1)

    for n in range(1, draw(st.integers(1, 4)) + 1):
        add(str(n), 0)
    return items


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items=plans(), day=st.dates(D(2023, 1, 1), D(2024, 1, 31)))
def test_groups_weigh_tasks_as_the_total_does(items, day):
    plan = plan_from_doc(plan_doc(items))
    total = plan_rollup(plan, day)
    shares = task_shares(plan)
    assert sum(shares.values()) == (1 if shares else 0)
    for role in NAMES:
        groups = group_rollups(plan, day, role)
        # Each task is in one group per role: the groups make up the whole, exactly.
        assert sum(g.total + g.dropped for _, g in groups) == total.total + total.dropped
        assert sum(g.done for _, g in groups) == total.done
        weighted = Fraction(0)
        for name, figures in groups:
            members = [t for t in plan.tasks() if name in (responsible_names(t, role) or [""])]
            group_share = sum((shares.get(t.id, Fraction(0)) for t in members), Fraction(0))
            if figures.completion is not None:
                weighted += group_share * figures.completion
        assert weighted == (total.completion or 0)
        if len(groups) == 1:
            assert groups[0][1] == total


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(items=plans())
def test_by_who_owner_and_the_ledger_put_every_task_in_the_same_groups(items, tmp_path):
    path = tmp_path / "plan.toml"
    write_plan(path, items)
    file = ["--file", str(path)]
    ledger = {
        row["id"]: row
        for row in json.loads(run(*file, "report", "--format", "json").stdout)["ledger"]
    }
    for role, option in (("lead_unit", "unit"), ("lead", "lead"), ("owner", "owner")):
        rows = json.loads(run(*file, "status", "--by", option, "--json").stdout)["rows"]
        for row in rows:
            if not row["title"]:
                continue
            name = row["title"]
            listed = {
                i["id"]
                for i in json.loads(run(*file, "list", "--who", name, "--json").stdout)
                if i["kind"] == "task"
            }
            reported = {
                r["id"]
                for r in json.loads(
                    run(*file, "report", "--owner", name, "--format", "json").stdout
                )["ledger"]
            }
            assert listed == reported
            assert len(listed) == row["total"] + row["dropped"]
            # The ledger's 责任单位/责任人 names the same unit and owner.
            for task_id in listed:
                shown = ledger[task_id]["responsible"]
                if role == "owner":
                    assert shown.endswith(name)
                elif role == "lead_unit":
                    assert shown.startswith(name)


def test_names_written_together_are_each_a_group(plan_file):
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "修塘", "owner": "李四、王五"},
            {"id": "2", "title": "修路", "owner": "李四"},
            {"id": "3", "title": "路灯", "owner": "王五；赵六"},
        ],
    )
    rows = {row["title"]: row["total"] for row in as_json("status", "--by", "owner")["rows"]}
    assert rows == {"李四": 2, "王五": 2, "赵六": 1}
    listed = [i["id"] for i in as_json("list", "--who", "李四")]
    assert listed == ["1", "2"]
    ledger = json.loads(run("report", "--format", "json").stdout)["ledger"]
    assert [row["responsible"] for row in ledger] == ["李四、王五", "李四", "王五、赵六"]


# ---------------------------------------------------------------- property: the fast roll-up


@st.composite
def richer_plans(draw: Any) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """``plans`` with what else moves a task's pace and light: its own start, milestones, a
    metric where less is better, and the plan's own warning thresholds."""
    items = draw(plans())
    for item in items:
        if draw(st.integers(0, 3)) == 0:
            item["start"] = D(2023, draw(st.integers(1, 6)), 1)
        is_task = not any(other["id"].startswith(item["id"] + ".") for other in items)
        if is_task and draw(st.integers(0, 4)) == 0:
            item["milestone"] = [
                {"due": D(2023, month, 15), "progress": draw(st.sampled_from([10, 40, 75]))}
                for month in sorted(set(draw(st.lists(st.integers(1, 12), min_size=1, max_size=3))))
            ]
        if "target" in item and draw(st.booleans()):
            item["direction"] = "down"
    meta: dict[str, Any] = {}
    if draw(st.booleans()):
        meta["warning"] = {
            "yellow": draw(st.sampled_from([2, 5, 7.5])),
            "red": draw(st.sampled_from([10, 20, 33.3])),
        }
        if draw(st.booleans()):
            meta["warning"]["red_share"] = draw(st.sampled_from([0.5, 0.8, 0.95]))
    return items, meta


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=richer_plans(), day=st.dates(D(2022, 12, 1), D(2024, 1, 31)))
def test_the_roll_up_agrees_with_each_tasks_own_pace_light_and_completion(case, day):
    """``rollups`` works in whole numbers and shares the figures of tasks alike; the plain
    definitions (``pace``, ``lights.light``, ``task_completion``, a weighted mean of Fractions)
    must give the same figures for every item."""
    items, meta = case
    _agrees_with_the_plain_definitions(plan_from_doc(plan_doc(items, **meta)), day)


@st.composite
def alike_plans(draw: Any) -> list[dict[str, Any]]:
    """Goals of many tasks drawn from a few kinds (status, progress, due and start, a month or
    a quarter as well as a day), so that most tasks have another exactly like them, some with a
    weight or a figure of their own: what the roll-up judges once for all tasks alike."""
    period = st.sampled_from([D(2023, 3, 31), D(2023, 6, 28), "2023-05", "2023-Q3", "2023-12"])
    fields = {
        "status": st.sampled_from(["todo", "doing", "done", "blocked", "dropped"]),
        "progress": st.sampled_from([0, 10, 33.3, 50, 50.0, 57.5, 100]),
        "due": period,
        "start": st.sampled_from([D(2023, 2, 1), "2023-04", "2023-Q2"]),
        "weight": st.sampled_from([1, 2, 0.5, 1.0]),
    }
    # Kinds that differ from the first in one field: each field must tell tasks apart.
    base = draw(st.fixed_dictionaries({}, optional=fields))
    kinds = [base]
    for _ in range(3):
        field = draw(st.sampled_from(sorted(fields)))
        kinds.append({**base, field: draw(fields[field])})
    kinds += [{k: v for k, v in base.items() if k != gone} for gone in base]
    items: list[dict[str, Any]] = []
    for g in range(1, draw(st.integers(1, 3)) + 1):
        items.append({"id": str(g), "title": f"目标{g}"})
        for n in range(1, draw(st.integers(1, 12)) + 1):
            task = {"id": f"{g}.{n}", "title": f"任务{g}.{n}", **draw(st.sampled_from(kinds))}
            if draw(st.integers(0, 5)) == 0:
                task.update(target=draw(st.integers(1, 9)), actual=draw(st.integers(0, 9)))
            items.append(task)
    return items


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items=alike_plans(), day=st.dates(D(2023, 1, 1), D(2023, 12, 31)))
def test_tasks_alike_are_judged_once_and_still_agree_with_each_tasks_own_figures(items, day):
    _agrees_with_the_plain_definitions(plan_from_doc(plan_doc(items)), day)


def _agrees_with_the_plain_definitions(plan: Any, day: dt.date) -> None:
    from quanhu_plan.lights import LIGHTS, light
    from quanhu_plan.rollup import PACE_CLASSES, task_completion
    from quanhu_plan.rollup_tree import rollups

    figures = rollups(plan, day)

    def expect(item: Any) -> tuple[Fraction | None, dict[str, int], dict[str, int], int]:
        if item.is_task:
            kind, colour = pace(item, plan, day), light(item, plan, day)
            paces = {k: int(k == kind) for k in PACE_CLASSES}
            lights = {k: int(k == colour) for k in LIGHTS}
            return task_completion(item), paces, lights, int(item.status == "blocked")
        parts = [(Fraction(child.weight), expect(child)) for child in item.children]
        counted = [(w, c) for w, (c, *_) in parts if c is not None]
        weight = sum((w for w, _ in counted), Fraction(0))
        mean = sum((w * c for w, c in counted), Fraction(0)) / weight if weight else None
        paces = {k: sum(p[k] for _, (_, p, _, _) in parts) for k in PACE_CLASSES}
        lights = {k: sum(li[k] for _, (_, _, li, _) in parts) for k in LIGHTS}
        return mean, paces, lights, sum(b for _, (*_, b) in parts)

    for item in plan.items():
        completion, paces, lights, blocked = expect(item)
        got = figures[item.id]
        assert (got.completion, dict(got.paces), dict(got.lights), got.blocked) == (
            completion,
            paces,
            lights,
            blocked,
        ), item.id
        assert got.done == paces["done"] and got.dropped == paces["dropped"]
        assert got.total == sum(paces.values()) - paces["dropped"]


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="李四王、，,；;\n （(农业股）) 县", max_size=20))
def test_names_are_split_at_the_same_places_as_a_pattern_of_the_separators_splits_them(text):
    """split_names splits without a pattern (none compiled at start-up): the same names as
    re.split on the separators where no bracket holds them."""
    import re

    from quanhu_plan.names import split_names

    if not any(bracket in text for bracket in "（([【《“"):
        expected = [n.strip() for n in re.split("[、，,；;\n]", text) if n.strip()]
        assert split_names(text) == expected
