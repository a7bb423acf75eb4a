"""The format that holds real 任务分解表: several units or people in one field, targets as the
document words them (direction down, negative figures, a target with no number), deadlines and
starts as a month or a quarter, milestones (时间节点) and the 红黄绿灯 warning lights."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan.building import plan_from_doc
from quanhu_plan.cli import app
from quanhu_plan.lights import classify
from quanhu_plan.periods import first_day, last_day, long_form, parse
from quanhu_plan.rollup import expected_completion, metric_completion

from .conftest import write_plan

D = dt.date

# A county's plan as its 任务分解表 states it: the part's two lead units, two owners of one
# task, a target "3万亩以上" from March to the third quarter with two milestones (one a
# percent, one a figure), a rate to keep under 5‰ by the end of June, and a growth rate that
# starts the year at -2.5 % and is to reach 6 % from the second quarter on.
COUNTY_PLAN = """\
[plan]
title = "测试县2023年重点工作"
organisation = "测试县人民政府"
year = 2023
start = 2023-01-01
end = 2023-12-31

[plan.warning]
yellow = 10
red = 30

[[item]]
id = "1"
title = "农业农村"
lead_unit = ["农田建设管理股", "农业股"]

[[item]]
id = "1.1"
title = "建设高标准农田"
owner = ["孙永峰", "李先俊"]
measure = "万亩"
target = 3
target_text = "3万亩以上"
start = "2023-03"
due = "2023-Q3"

[[item.milestone]]
due = "2023-Q2"
progress = 50

[[item.milestone]]
due = "2023-08"
value = 2.4
note = "完成主体工程"

[[item]]
id = "1.2"
title = "人口自然增长率"
measure = "‰"
target = 5
target_text = "控制在5‰以内"
direction = "down"
due = "2023-06"

[[item]]
id = "2"
title = "工业经济"

[[item]]
id = "2.1"
title = "规模工业增加值增速"
lead_unit = "工信办"
owner = "王五、赵六"
measure = "%"
baseline = -2.5
target = 6
start = "2023-Q2"
"""

# What the offices reported, on the day they did (the commands run in 2026, --on dates them).
REPORTS = [
    ("progress", "1.1", "30", "2023-05-10"),
    ("progress", "1.1", "60", "2023-07-20"),
    ("record", "1.1", "2.4", "2023-08-25"),
    ("record", "1.2", "8", "2023-03-31"),
    ("record", "1.2", "6", "2023-06-20"),
    ("record", "2.1", "-1.0", "2023-04-30"),
    ("record", "2.1", "3", "2023-09-30"),
]


def run(*args: str, code: int = 0) -> Any:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == code, result.output
    return result


def as_json(*args: str) -> Any:
    return json.loads(run(*args, "--json").stdout)


@pytest.fixture
def county(plan_file: Path) -> Path:
    plan_file.write_text(COUNTY_PLAN, encoding="utf-8")
    for command, item, value, day in REPORTS:
        run(command, item, value, "--on", day)
    return plan_file


def tasks_at(day: str) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in as_json("list", "--flat", "--as-of", day) if r["kind"] == "task"}


# Worked out by hand. 1.1's window is 1 March - 30 September; its line runs from 0 on 1 March
# to 50 % on 30 June, to 2.4/3 = 80 % on 31 August, to 100 % on 30 September. 1.2 runs 1 January
# - 30 June (181 days), its rate 8‰ is 5/8 of the way, 6‰ is 5/6; a limit held all year, the
# whole of it is expected once a figure is recorded (before, the share of its window passed). 2.1 runs 1 April - 31
# December (274 days); -1 % is nothing towards 6 %, 3 % is half. Yellow beyond 10 points
# behind, red beyond 30 or past the deadline.
EXPECTED = {
    "2023-02-15": {
        "1.1": ("on_pace", "green", Fraction(0), Fraction(0)),  # not started yet
        "1.2": ("behind", "yellow", Fraction(0), Fraction(45, 180)),
        "2.1": ("on_pace", "green", Fraction(0), Fraction(0)),
    },
    "2023-04-30": {
        "1.1": ("behind", "yellow", Fraction(0), Fraction(60, 121) / 2),
        # a limit held all year, breached (8‰ of 5‰): the whole expected, 37 points behind
        "1.2": ("behind", "red", Fraction(5, 8), Fraction(1)),
        "2.1": ("behind", "yellow", Fraction(0), Fraction(29, 274)),
    },
    "2023-06-30": {
        "1.1": ("behind", "yellow", Fraction(3, 10), Fraction(1, 2)),  # the Q2 milestone
        "1.2": ("behind", "yellow", Fraction(5, 6), Fraction(1)),  # the end of the month due
        "2.1": ("behind", "red", Fraction(0), Fraction(90, 274)),
    },
    "2023-07-31": {
        "1.1": ("on_pace", "green", Fraction(3, 5), Fraction(1, 2) + Fraction(3, 10) / 2),
        "1.2": ("overdue", "red", Fraction(5, 6), Fraction(1)),
        "2.1": ("behind", "red", Fraction(0), Fraction(121, 274)),
    },
    "2023-09-01": {
        "1.1": ("on_pace", "green", Fraction(4, 5), Fraction(4, 5) + Fraction(1, 5) / 30),
        "1.2": ("overdue", "red", Fraction(5, 6), Fraction(1)),
        "2.1": ("behind", "red", Fraction(0), Fraction(153, 274)),
    },
    "2023-09-30": {
        "1.1": ("behind", "yellow", Fraction(4, 5), Fraction(1)),
        "1.2": ("overdue", "red", Fraction(5, 6), Fraction(1)),
        "2.1": ("behind", "yellow", Fraction(1, 2), Fraction(182, 274)),
    },
    "2023-10-01": {
        "1.1": ("overdue", "red", Fraction(4, 5), Fraction(1)),
        "1.2": ("overdue", "red", Fraction(5, 6), Fraction(1)),
        "2.1": ("behind", "yellow", Fraction(1, 2), Fraction(183, 274)),
    },
}


def rounded(share: Fraction) -> float:
    return round(float(share), 4)


@pytest.mark.parametrize("day", sorted(EXPECTED))
def test_pace_and_lights_of_a_county_plan_at_chosen_dates(county, day):
    assert run("check").exit_code == 0
    tasks = tasks_at(day)
    for task_id, (pace, light, done, expected) in EXPECTED[day].items():
        found = tasks[task_id]
        assert (found["pace"], found["light"]) == (pace, light), (task_id, found)
        assert found["completion"] == rounded(done), task_id
        assert found["expected"] == rounded(expected), task_id
    status = as_json("status", "--as-of", day)
    lights = [light for _, light, _, _ in EXPECTED[day].values()]
    assert status["total"]["light"] == {c: lights.count(c) for c in ("red", "yellow", "green")}
    part_1 = next(row for row in status["rows"] if row["id"] == "1")
    assert part_1["light"]["red"] == [EXPECTED[day][t][1] for t in ("1.1", "1.2")].count("red")


def test_the_status_table_counts_red_and_yellow_and_names_a_missed_milestone(county):
    shown = run("status", "--as-of", "2023-06-30").stdout
    assert "红/黄" in shown
    part_1 = next(line for line in shown.splitlines() if "农业农村" in line)
    assert part_1.split()[-1] == "0/2"  # 1.1 and 1.2 yellow
    total = next(line for line in shown.splitlines() if "合计" in line)
    assert total.split()[-1] == "1/2"
    # 30 % on 30 June where the milestone asked 50 %: named, with what it asked and had.
    assert "1.1 建设高标准农田：2023-Q2（应达 50%）未达到，届时完成 30%" in shown
    # Still the latest milestone passed on 31 July; on 1 September the August one was met.
    assert "2023-Q2（应达 50%）未达到" in run("status", "--as-of", "2023-07-31").stdout
    assert "未达到" not in run("status", "--as-of", "2023-09-01").stdout
    missed = as_json("status", "--as-of", "2023-06-30")["missed_milestones"]
    assert [(m["id"], m["due"], m["expected"], m["done"]) for m in missed] == [
        ("1.1", "2023-Q2", 0.5, 0.3)
    ]
    assert as_json("status", "--as-of", "2023-09-01")["missed_milestones"] == []


def test_the_lights_in_words_where_colour_is_off(county):
    listed = run("list", "--as-of", "2023-06-30").stdout
    assert "规模工业增加值增速  红灯" in listed
    assert "人口自然增长率  黄灯" in listed
    english = run("--lang", "en", "list", "--as-of", "2023-06-30").stdout
    assert "red" in english.split("规模工业增加值增速")[1].splitlines()[0]


def test_show_says_the_start_the_deadline_as_written_the_target_words_and_the_milestones(county):
    shown = run("show", "1.1", "--as-of", "2023-07-31").stdout
    for words in (
        "开工          2023-03",
        "完成时限      2023-Q3",
        "目标（原文）  3万亩以上",
        "预警          绿灯",
        "2023-Q2（应达 50%）未达到，届时完成 30%",
        "2023-08 应达 2.4万亩 80%（下一个）：完成主体工程",
        "完成主体工程",
    ):
        assert words in shown, words
    down = run("show", "1.2").stdout
    assert "方向          越小越好" in down
    record = as_json("show", "1.1", "--as-of", "2023-09-01")
    assert [(m["due"], m["state"]) for m in record["milestones"]] == [
        ("2023-Q2", "missed"),
        ("2023-08", "met"),
    ]
    assert record["owner"] == ["孙永峰", "李先俊"]


def test_every_unit_and_person_named_counts_the_task(county):
    by_unit = {row["title"]: row["total"] for row in as_json("status", "--by", "unit")["rows"]}
    assert by_unit == {"农田建设管理股": 2, "农业股": 2, "工信办": 1}
    by_owner = {row["title"]: row["total"] for row in as_json("status", "--by", "owner")["rows"]}
    assert by_owner == {"孙永峰": 1, "李先俊": 1, "王五": 1, "赵六": 1, "": 1}  # 1.2: no owner
    listed = as_json("list", "--flat", "--who", "农业股")
    assert [r["id"] for r in listed if r["kind"] == "task"] == ["1.1", "1.2"]


def test_the_report_gives_deadlines_as_written_lights_and_the_target_in_its_words(county):
    report = run("report", "--as-of", "2023-06-30", "--format", "md").stdout
    assert "| 1.1 | 建设高标准农田 |" in report
    row = next(line for line in report.splitlines() if line.startswith("| 1.1 "))
    assert "| 第三季度 | 进行中（黄灯） | 30% |" in row
    rate = next(line for line in report.splitlines() if line.startswith("| 2.1 "))
    assert "红灯" in rate
    assert "3万亩以上" in report
    # The ledger note gives the plan's own thresholds.
    assert "黄灯：落后序时进度超过10个百分点；红灯：落后超过30个百分点或逾期。" in report
    assert "2023年第三季度" in report or "2023年6月底" in report
    data = json.loads(run("report", "--as-of", "2023-06-30", "--format", "json").stdout)
    ledger = {row["id"]: row for row in data["ledger"]}
    assert (ledger["1.2"]["due"], ledger["1.2"]["light"]) == ("2023-06", "yellow")
    assert ledger["1.2"]["due_day"] == "2023-06-30"  # the day it means, as well


def test_the_word_ledger_shades_the_status_of_a_red_or_yellow_task(county, tmp_path):
    from docx import Document
    from docx.oxml.ns import qn

    out = tmp_path / "summary.docx"
    run("report", "--as-of", "2023-06-30", "--format", "docx", "--out", str(out))
    table = Document(str(out)).tables[-1]
    status = [cell.text for cell in table.rows[0].cells].index("状态")
    shades = {}
    for row in table.rows[1:-1]:  # (-1: the note's row, report/docx_note.py)
        cells = row.cells
        shade = cells[status]._tc.tcPr.find(qn("w:shd"))
        shades[cells[0].text] = (
            cells[status].text,
            shade.get(qn("w:fill")) if shade is not None else "",
        )
    assert shades == {
        "1.1": ("进行中（黄灯）", "FFEB9C"),
        "1.2": ("进行中（黄灯）", "FFEB9C"),
        "2.1": ("进行中（红灯）", "FFC7CE"),  # -1 % reported on 30 April: started
    }
    # On 1 September 1.1 is back on its line: no light said, no shading.
    run("report", "--as-of", "2023-09-01", "--format", "docx", "--out", str(out), "--force")
    row = next(r for r in Document(str(out)).tables[-1].rows if r.cells[0].text == "1.1")
    cell = row.cells[status]
    assert cell.text == "进行中" and cell._tc.tcPr.find(qn("w:shd")) is None


# ---------------------------------------------------------------- the commands take the fields


def test_add_and_edit_take_a_month_a_quarter_a_start_target_words_and_a_direction(plan_file):
    write_plan(plan_file, [{"id": "1", "title": "社会事业"}])
    run(
        "add", "1", "控制人口自然增长率", "--due", "2023-q4", "--start", "2023-3",
        "--target", "5", "--measure", "‰", "--target-text", "控制在5‰以内",
        "--direction", "下降", "--unit", "计生办、卫生院",
    )  # fmt: skip
    item = tomllib.loads(plan_file.read_text(encoding="utf-8"))["item"][1]
    assert (item["due"], item["start"], item["direction"]) == ("2023-Q4", "2023-03", "down")
    assert (item["target"], item["target_text"]) == (5, "控制在5‰以内")
    run("edit", "1.1", "--due", "2023-06-30", "--start", "", "--direction", "")
    item = tomllib.loads(plan_file.read_text(encoding="utf-8"))["item"][1]
    assert item["due"] == D(2023, 6, 30)
    assert "start" not in item and "direction" not in item
    out = run("undo").stdout
    assert "开工 — → 2023-03" in out
    item = tomllib.loads(plan_file.read_text(encoding="utf-8"))["item"][1]
    assert (item["due"], item["start"], item["direction"]) == ("2023-Q4", "2023-03", "down")


@pytest.mark.parametrize(
    ("option", "value", "words"),
    [
        ("--due", "2023-06-31", "2023-06 has no day 31"),
        ("--due", "2023-13", "there is no month 13"),
        ("--due", "2023-Q5", "is not a date, month or quarter"),
        ("--start", "0000-05", "is not between 1900 and 2999"),
        ("--direction", "sideways", "not a direction"),
    ],
)
def test_a_bad_deadline_start_or_direction_is_refused(plan_file, option, value, words):
    write_plan(plan_file, [{"id": "1", "title": "修塘"}])
    before = plan_file.read_bytes()
    result = run("edit", "1", option, value, "--lang", "en", code=2)
    assert words in result.output and "Traceback" not in result.output
    assert plan_file.read_bytes() == before


def test_negative_figures_are_taken(plan_file):
    write_plan(plan_file, [{"id": "1", "title": "增加值增速", "measure": "%", "target": 6}])
    run("record", "1", "-2.5")
    run("edit", "1", "--baseline", "-3.1", "--target", "-1")
    item = tomllib.loads(plan_file.read_text(encoding="utf-8"))["item"][0]
    assert (item["actual"], item["baseline"], item["target"]) == (-2.5, -3.1, -1)


# ---------------------------------------------------------------- plan check


def test_check_warns_without_failing_on_dates_outside_the_plan(plan_file):
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "早了", "due": D(2022, 12, 31)},
            {"id": "2", "title": "晚了", "due": "2024-Q1"},
            {"id": "3", "title": "倒了", "start": "2023-09", "due": "2023-06"},
            {"id": "4", "title": "节点晚", "due": "2023-06", "milestone": [{"due": "2023-Q3", "progress": 50}]},
            {"id": "5", "title": "无期限节点晚", "milestone": [{"due": "2024-01", "progress": 50}]},
            {"id": "6", "title": "好的", "start": "2023-Q2", "due": "2023-09", "milestone": [{"due": "2023-06", "progress": 40}]},
        ],
    )  # fmt: skip
    out = run("check").output
    for item_id, words in (
        ("1", "完成时限早于计划开始"),
        ("2", "完成时限晚于计划结束"),
        ("3", "开工日期晚于完成时限"),
        ("4", "时间节点 2023-Q3 晚于完成时限"),
        ("5", "时间节点 2024-01 晚于完成时限"),
    ):
        assert any(item_id in line and words in line for line in out.splitlines()), words
    assert not any(" 6 " in line or "好的" in line for line in out.splitlines())


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"direction": "sideways"}, "direction"),
        ({"due": "2023-13"}, "due"),
        ({"milestone": [{"due": "2023-06"}]}, "milestone"),
        ({"milestone": [{"progress": 50}]}, "milestone"),
        ({"lead_unit": ["农业股", 3]}, "lead_unit"),
    ],
)
def test_check_refuses_a_field_of_the_new_kinds_written_wrong(plan_file, fields, words):
    write_plan(plan_file, [{"id": "1", "title": "修塘", **fields}])
    result = run("check", code=1)
    assert words in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(
    "warning",
    [
        {"yellow": 30, "red": 10},
        {"red": 3},  # under the default yellow of 5
        {"yellow": -1},
        {"red": "many"},
        {"red_share": 2},
        {"orange": 15},
    ],
)
def test_check_refuses_thresholds_that_make_no_sense(plan_file, warning):
    write_plan(plan_file, [{"id": "1", "title": "修塘"}], warning=warning)
    assert "warning" in run("check", code=1).output


# ---------------------------------------------------------------- the arithmetic


@pytest.mark.parametrize(
    ("text", "value", "first", "last"),
    [
        ("2023-06-30", D(2023, 6, 30), D(2023, 6, 30), D(2023, 6, 30)),
        ("2023-5", "2023-05", D(2023, 5, 1), D(2023, 5, 31)),
        ("2024-02", "2024-02", D(2024, 2, 1), D(2024, 2, 29)),
        ("2023-q2", "2023-Q2", D(2023, 4, 1), D(2023, 6, 30)),
        ("2023-Q4", "2023-Q4", D(2023, 10, 1), D(2023, 12, 31)),
    ],
)
def test_a_month_or_quarter_stands_for_its_days(text, value, first, last):
    assert parse(text) == value
    assert (first_day(value), last_day(value)) == (first, last)


@pytest.mark.parametrize(
    "text", ["2023-00", "2023-13", "2023-Q0", "2023-Q5", "0000-05", "0000-Q1", "x", "2023-06-31"]
)
def test_what_is_not_a_month_or_quarter(text):
    assert parse(text) is None
    assert last_day(text) is None


def test_deadlines_in_a_document_s_words():
    assert long_form("2023-05", "zh") == "2023年5月底"
    assert long_form("2023-Q3", "zh") == "2023年第三季度"
    assert long_form("2023-Q3", "en") == "2023-Q3"


def _task(**fields: Any) -> Any:
    doc = {
        "plan": {"title": "t", "year": 2023, "start": D(2023, 1, 1), "end": D(2023, 12, 31)},
        "item": [{"id": "1", "title": "t", **fields}],
    }
    plan = plan_from_doc(doc)
    return plan.find("1"), plan


@pytest.mark.parametrize(
    ("fields", "share"),
    [
        ({"target": 5, "actual": 8, "direction": "down"}, Fraction(5, 8)),  # 5‰ aimed, 8‰ now
        ({"target": 5, "actual": 4.2, "direction": "down"}, Fraction(1)),
        ({"target": -10, "actual": -5, "direction": "down"}, Fraction(1, 2)),  # 下降10%, fell 5
        ({"target": -10, "actual": 2, "direction": "down"}, Fraction(0)),  # it rose instead
        ({"target": 6, "actual": -1}, Fraction(0)),  # a growth rate still below zero
        ({"target": 6, "actual": 3}, Fraction(1, 2)),
        ({"target": -1, "actual": -0.5}, Fraction(1)),  # a loss to keep above -1 %: kept
        ({"target_text": "与经济增长同步", "progress": 40}, None),  # no number: by progress
        ({"target": 10, "progress": 40}, None),  # no figure yet: by progress
        ({"target": 0, "actual": 3}, Fraction(0)),  # no direction: 0起 is less-is-better
        ({"target": 0, "actual": 3, "direction": "up"}, None),  # nothing to reach: by progress
        ({"target": 0, "actual": 3, "direction": "down"}, Fraction(0)),  # 零事故, 3 happened
        ({"target": 0, "actual": 0, "direction": "down"}, Fraction(1)),
    ],
)
def test_how_far_a_figure_is_towards_its_target(fields, share):
    task, _ = _task(**fields)
    assert metric_completion(task) == share


def test_a_rank_is_a_figure_where_less_is_better():
    task = plan_from_doc(
        {
            "plan": {"title": "t", "year": 2023},
            "item": [
                {"id": "1", "title": "全市综合排名", "measure": "名", "target": 10, "actual": 20}
            ],
        }
    ).find("1")
    assert metric_completion(task) == Fraction(1, 2)


def test_a_task_s_window_starts_at_its_own_start():
    task, plan = _task(start="2023-07", due="2023-Q3")
    assert expected_completion(task, plan, D(2023, 6, 30)) == 0
    assert expected_completion(task, plan, D(2023, 8, 15)) == Fraction(45, 91)
    assert expected_completion(task, plan, D(2023, 9, 30)) == 1


def test_the_pace_follows_the_milestones():
    task, plan = _task(
        due="2023-12",
        milestone=[{"due": "2023-Q3", "progress": 90}, {"due": "2023-Q1", "progress": 10}],
    )
    assert expected_completion(task, plan, D(2023, 3, 31)) == Fraction(1, 10)
    # From 10 % on 31 March to 90 % on 30 September (183 days): 91 days in, halfway.
    assert expected_completion(task, plan, D(2023, 6, 30)) == Fraction(1, 10) + Fraction(
        8, 10
    ) * Fraction(91, 183)
    assert expected_completion(task, plan, D(2023, 12, 31)) == 1


@pytest.mark.parametrize(
    ("behind", "rules", "colour"),
    [
        (Fraction(5, 100), (Fraction(5, 100), Fraction(20, 100), None), "green"),  # the default
        (Fraction(51, 1000), (Fraction(5, 100), Fraction(20, 100), None), "yellow"),
        (Fraction(20, 100), (Fraction(5, 100), Fraction(20, 100), None), "yellow"),
        (Fraction(201, 1000), (Fraction(5, 100), Fraction(20, 100), None), "red"),
        (Fraction(25, 100), (Fraction(10, 100), Fraction(30, 100), None), "yellow"),
        # red when less than half of what is expected is done: 60 % expected, 29 % done
        (Fraction(31, 100), (Fraction(10, 100), Fraction(90, 100), Fraction(1, 2)), "red"),
    ],
)
def test_the_light_by_points_behind(behind, rules, colour):
    expected = Fraction(60, 100)
    assert classify("doing", False, expected - behind, expected, rules) == colour


def test_red_share_waits_until_the_task_is_behind():
    rules = (Fraction(10, 100), Fraction(30, 100), Fraction(1, 2))
    assert classify("todo", False, Fraction(0), Fraction(3, 100), rules) == "green"
    assert classify("todo", False, Fraction(0), Fraction(6, 100), rules) == "red"


def test_the_light_of_done_dropped_and_overdue_tasks():
    rules = (Fraction(5, 100), Fraction(20, 100), None)
    assert classify("done", True, Fraction(0), Fraction(1), rules) == "green"
    assert classify("dropped", False, Fraction(0), Fraction(1), rules) is None
    assert classify("doing", True, Fraction(99, 100), Fraction(1), rules) == "red"


def test_default_thresholds_apply_without_a_warning_table(plan_file):
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "差六点", "progress": 44, "due": D(2023, 12, 31)},
            {"id": "2", "title": "差二十一点", "progress": 29, "due": D(2023, 12, 31)},
        ],
    )
    listed = {r["id"]: r["light"] for r in as_json("list", "--flat", "--as-of", "2023-07-02")}
    assert listed == {"1": "yellow", "2": "red"}  # 50 % expected on 2 July


def test_at_80_columns_the_pace_counts_share_a_column_and_titles_keep_their_room(
    monkeypatch, runner
):
    from rich.cells import cell_len

    from .conftest import REPO_PLAN

    monkeypatch.setenv("COLUMNS", "80")
    shown = runner.invoke(app, ["-f", str(REPO_PLAN), "status", "--as-of", "2023-06-30"]).stdout
    lines = shown.splitlines()
    assert "超/达/欠/逾  红/黄" in lines[1]
    assert all(cell_len(line) <= 80 for line in lines)
    goal = next(line for line in lines if "全力实施乡村振兴战略" in line)  # one line, not three
    assert goal.split()[-2:] == ["0/0/2/0", "2/0"]
    monkeypatch.setenv("COLUMNS", "120")
    wide = runner.invoke(app, ["-f", str(REPO_PLAN), "status", "--as-of", "2023-06-30"]).stdout
    assert "超进度  达进度  欠进度  逾期  红/黄" in wide.splitlines()[1]


@settings(max_examples=300, deadline=None)
@given(
    status=st.sampled_from(["todo", "doing", "done", "blocked", "dropped"]),
    progress=st.integers(0, 100),
    figures=st.one_of(
        st.none(), st.tuples(st.integers(-50, 50), st.integers(-50, 50), st.booleans())
    ),
    due=st.sampled_from([None, D(2023, 3, 31), "2023-06", "2023-Q3", D(2023, 12, 31)]),
    start=st.sampled_from([None, "2023-02", "2023-Q2", D(2023, 7, 1)]),
    milestone=st.sampled_from([None, [{"due": "2023-05", "progress": 30}]]),
    day=st.dates(D(2022, 12, 1), D(2024, 1, 31)),
    warning=st.sampled_from([{}, {"yellow": 10, "red": 30}, {"red_share": 0.5}]),
)
def test_the_roll_up_judges_a_task_as_pace_and_light_do(
    status, progress, figures, due, start, milestone, day, warning
):
    from quanhu_plan.lights import light
    from quanhu_plan.rollup import pace, task_rollup

    fields: dict[str, Any] = {"status": status, "progress": progress}
    if figures is not None:
        target, actual, down = figures
        fields.update(target=target, actual=actual, direction="down" if down else "up")
    for name, value in (("due", due), ("start", start), ("milestone", milestone)):
        if value is not None:
            fields[name] = value
    doc = {
        "plan": {"title": "t", "year": 2023, "start": D(2023, 1, 1), "end": D(2023, 12, 31)},
        "item": [{"id": "1", "title": "t", **fields}],
    }
    if warning:
        doc["plan"]["warning"] = warning
    plan = plan_from_doc(doc)
    task = plan.find("1")
    figures_of = task_rollup(task, plan, day)
    assert [k for k, n in figures_of.paces.items() if n] == [pace(task, plan, day)]
    shown = light(task, plan, day)
    assert [c for c, n in figures_of.lights.items() if n] == ([shown] if shown else [])


def test_a_negative_figure_reported_starts_the_task_and_a_limit_held_is_not_ticked_off(
    plan_file, runner
):
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "增加值增速", "measure": "%", "target": 6},
            {
                "id": "2",
                "title": "人口自然增长率",
                "measure": "‰",
                "target": 5,
                "direction": "down",
            },
        ],
    )
    run("record", "1", "-1.0", "--on", "2023-04-30")
    out = run("record", "2", "4.2", "--on", "2023-03-31")  # under the limit: no question asked
    assert "销号" not in out.output
    items = tomllib.loads(plan_file.read_text(encoding="utf-8"))["item"]
    assert [i.get("status") for i in items] == ["doing", "doing"]
    # The replay agrees: started on the day the figure was reported.
    listed = as_json("list", "--flat", "--as-of", "2023-04-30")
    assert [r["status"] for r in listed] == ["doing", "doing"]
    listed = as_json("list", "--flat", "--as-of", "2023-03-01")
    assert [r["status"] for r in listed] == ["todo", "todo"]


def test_a_name_with_a_bracketed_list_is_one_name_in_every_grouping(plan_file):
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "农田水利", "lead_unit": "镇农业综合服务中心（农业股、水利站）"},
            {"id": "2", "title": "河道清淤", "lead_unit": "水利站、镇农业综合服务中心（农业股、水利站）"},
        ],
    )  # fmt: skip
    rows = {r["title"]: r["total"] for r in as_json("status", "--by", "unit")["rows"]}
    assert rows == {"镇农业综合服务中心（农业股、水利站）": 2, "水利站": 1}


@pytest.mark.parametrize(
    "written", ["２０２３-０５", "2023-5", " 2023-05", "2023-q2", "2023-Q2 ", "2023-06-30x"]
)
def test_a_month_or_quarter_in_the_file_is_written_one_way(plan_file, written):
    write_plan(plan_file, [{"id": "1", "title": "修塘", "due": written}])
    result = run("check", code=1)
    assert '月份 "2023-05"' in result.output and "due" in result.output


def test_a_month_typed_on_the_command_line_is_written_the_file_s_way(plan_file):
    write_plan(plan_file, [{"id": "1", "title": "修塘"}])
    run("edit", "1", "--due", " 2023-5 ", "--start", "2023-q1")
    item = tomllib.loads(plan_file.read_text(encoding="utf-8"))["item"][0]
    assert (item["due"], item["start"]) == ("2023-05", "2023-Q1")
    run("edit", "1", "--due", "２０２３－０６")  # full width, as a Chinese input method types it
    item = tomllib.loads(plan_file.read_text(encoding="utf-8"))["item"][0]
    assert item["due"] == "2023-06"


def test_a_month_written_without_quotes_gets_a_hint(plan_file):
    plan_file.write_text(
        '[plan]\ntitle = "t"\nyear = 2023\n\n[[item]]\nid = "1"\ntitle = "修塘"\ndue = 2023-05\n',
        encoding="utf-8",
    )
    result = run("check", code=1)
    assert "第 8 行" in result.output and '月份和季度要加引号，如 due = "2023-05"' in result.output


@pytest.mark.parametrize(
    ("milestone", "words"),
    [
        ({"due": "3000-05", "progress": 50}, "第 1 个时间节点：due 应为日期"),
        ({"due": D(1899, 12, 31), "progress": 50}, "第 1 个时间节点：due 应为日期"),
        ({"due": "2023-06", "progress": 150}, "第 1 个时间节点：进度应为 0 到 100"),
        ({"progress": 50}, "第 1 个时间节点：缺少 due"),
        ({"due": "2023-06"}, "第 1 个时间节点：应写 progress（进度%）或 value（指标数值）二者之一"),
        ({"due": "2023-06", "progress": 1, "value": 2}, "二者之一"),
        ({"due": "2023-06", "value": 5, "note": 3}, "第 1 个时间节点：note 应为文字"),
    ],
)
def test_a_milestone_problem_names_the_milestone_and_what_is_wrong(plan_file, milestone, words):
    write_plan(plan_file, [{"id": "1", "title": "修塘", "target": 10, "milestone": [milestone]}])
    assert words in run("check", code=1).output


def test_check_warns_on_milestones_that_cannot_work(plan_file):
    write_plan(
        plan_file,
        [
            {
                "id": "1",
                "title": "修塘",
                "start": "2023-03",
                "milestone": [
                    {"due": "2023-02", "progress": 10},
                    {"due": "2023-06", "progress": 60},
                    {"due": "2023-09", "progress": 40},
                    {"due": "2023-10", "value": 4},
                ],
            }
        ],
    )
    out = run("check").output
    assert "时间节点 2023-02 不晚于开工或计划开始（2023-03-01），不起作用" in out
    assert "时间节点 2023-10 写的是 value，但事项没有目标值（target），不起作用" in out
    assert "时间节点的进度随时间下降" in out


def test_due_before_takes_a_month_or_a_quarter(plan_file):
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "六月底", "due": D(2023, 6, 30)},
            {"id": "2", "title": "七月一日", "due": D(2023, 7, 1)},
            {"id": "3", "title": "二季度", "due": "2023-Q2"},
        ],
    )
    for before in ("2023-Q3", "2023-07", "2023-07-01"):
        listed = as_json("list", "--flat", "--due-before", before)
        assert [r["id"] for r in listed] == ["1", "3"], before


DONE_FIGURES: list[dict[str, Any]] = [
    {"id": "1", "title": "经济"},
    {"id": "1.1", "title": "单位GDP能耗", "measure": "%", "target": -10, "target_text": "下降10%",
     "direction": "down", "actual": -12, "status": "done"},
    {"id": "1.2", "title": "人口自然增长率", "measure": "‰", "target": 5,
     "target_text": "控制在5‰以内", "direction": "down", "actual": 3, "status": "done"},
    {"id": "1.3", "title": "城镇登记失业率", "measure": "%", "target": 5.5, "direction": "down",
     "actual": 6, "status": "done"},
    {"id": "1.4", "title": "农民人均可支配收入", "target_text": "与经济增长同步", "status": "done"},
    {"id": "1.5", "title": "高标准农田", "measure": "万亩", "target": 3, "target_text": "3万亩以上",
     "actual": 3.3, "status": "done"},
    {"id": "1.6", "title": "安全生产事故", "measure": "起", "target": 0, "direction": "down",
     "actual": 0, "status": "done"},
]  # fmt: skip


def test_the_report_says_figures_the_way_they_should_go_in_the_document_s_words(plan_file):
    write_plan(plan_file, DONE_FIGURES)
    report = json.loads(run("report", "--format", "json").stdout)
    text = run("report", "--format", "md").stdout
    for sentence in (
        "单位GDP能耗下降12%，目标下降10%，优于目标2个百分点",
        "人口自然增长率3‰，目标控制在5‰以内，优于目标2‰",
        "城镇登记失业率6%，目标5.5%，完成率92%，高于目标0.5个百分点",  # a limit exceeded (s22)
        "农民人均可支配收入，目标与经济增长同步",
        "高标准农田3.3万亩，目标3万亩以上，完成率110%，超出目标0.3万亩",
        "安全生产事故0起，达到目标",
    ):
        assert sentence in text, sentence
    assert "完成率167%" not in text and "目标0%" not in text
    rates = {}

    def walk(entry: dict[str, Any]) -> None:
        if "metric" in entry and entry["metric"]:
            rates[entry["id"]] = entry["metric"]["rate"]
        for sub in entry.get("entries", []):
            walk(sub)

    for part in report["achievements"]:
        walk(part)
    assert rates["1.1"] == 1.2 and rates["1.2"] == round(5 / 3, 4) and rates["1.5"] == 1.1
    assert rates["1.6"] is None  # a target of 0: no ratio


def test_a_milestone_whose_day_passed_before_the_task_was_added_is_not_judged(plan_file):
    write_plan(plan_file, [{"id": "1", "title": "人居环境"}])
    run("add", "1", "清理垃圾死角")  # added today, long after the June milestone below
    doc = tomllib.loads(plan_file.read_text(encoding="utf-8"))
    added = next(item for item in doc["item"] if item["id"] == "1.1")
    added["milestone"] = [{"due": "2023-06", "progress": 50}]
    added["due"] = dt.date(2023, 12, 31)
    write_plan(plan_file, doc["item"])
    day = dt.date.today().isoformat()
    assert as_json("status", "--as-of", day)["missed_milestones"] == []
    shown = as_json("show", "1.1", "--as-of", day)
    assert [m["state"] for m in shown["milestones"]] == ["absent"]
    assert "当时尚未列入计划，不考核" in run("show", "1.1", "--as-of", day).stdout


def test_a_task_moved_after_its_milestone_is_judged_by_its_own_figures_then(plan_file):
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "产业"},
            {"id": "1.1", "title": "建冷库", "due": dt.date(2023, 12, 31),
             "milestone": [{"due": "2023-06", "progress": 50}]},
            {"id": "2", "title": "民生"},
        ],
    )  # fmt: skip
    run("progress", "1.1", "60", "--on", "2023-05-20")
    run("move", "1.1", "2")  # today, after the milestone's day (the id stays 1.1)
    day = dt.date.today().isoformat()
    shown = as_json("show", "1.1", "--as-of", day)
    assert [(m["state"], m["done"]) for m in shown["milestones"]] == [("met", 0.6)]
    assert as_json("status", "--as-of", day)["missed_milestones"] == []


def test_the_ledger_note_states_the_thresholds_as_set_not_rounded(plan_file):
    write_plan(
        plan_file,
        [{"id": "1", "title": "产业", "progress": 10, "due": dt.date(2023, 12, 31)}],
        warning={"yellow": 7.15, "red": 22.2, "red_share": 0.333},
    )
    report = run("report", "--format", "md", "--as-of", "2023-08-01").stdout
    assert (
        "黄灯：落后序时进度超过7.15个百分点；红灯：落后超过22.2个百分点、完成不到序时应完成的33.3%或逾期。"
        in report
    )


def test_a_gap_in_percent_is_in_points_and_a_target_of_0_is_a_limit_in_the_report(plan_file):
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "民生"},
            {"id": "1.1", "title": "自来水覆盖率", "measure": "%", "target": 95, "actual": 90,
             "status": "done"},
            {"id": "1.2", "title": "森林覆盖率", "measure": "%", "target": 60, "actual": 62,
             "baseline": 58, "status": "done"},
            {"id": "1.3", "title": "安全生产事故", "measure": "起", "target": 0, "actual": 2,
             "status": "done"},
            {"id": "1.4", "title": "贫困发生率", "measure": "%", "target": 2, "actual": 3,
             "direction": "down", "status": "done"},
        ],
    )  # fmt: skip
    text = run("report", "--format", "md").stdout
    for sentence in (
        "自来水覆盖率90%，目标95%，完成率95%，距目标差5个百分点",
        "森林覆盖率62%，目标60%，完成率103%，超出目标2个百分点，较上年增加4个百分点",
        "安全生产事故2起，目标0起，高于目标2起",  # hand-typed 0 with no direction: a limit
    ):
        assert sentence in text, sentence
    english = run("report", "--format", "md", "--lang", "en").stdout
    assert "1 percentage point above target" in english  # (2% at most, 3%: a limit exceeded)


def test_an_exported_limit_without_words_comes_back_as_a_limit(plan_file, tmp_path):
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "民生"},
            {"id": "1.1", "title": "贫困发生率", "measure": "%", "target": 2, "direction": "down"},
            {"id": "1.2", "title": "零增长的指标", "measure": "%", "target": 0, "direction": "up"},
        ],
    )
    table = tmp_path / "表.xlsx"
    run("export", "--out", str(table))
    back = tmp_path / "back.toml"
    run("import", str(table), "--out", str(back))
    items = {item["id"]: item for item in tomllib.loads(back.read_text("utf-8"))["item"]}
    assert (items["1.1"]["target"], items["1.1"].get("direction")) == (2, "down")
    # ≥0: at least 0, as the plan has it (no direction would make a target of 0 less-is-better)
    assert (items["1.2"]["target"], items["1.2"].get("direction")) == (0, "up")
