"""Small leftovers a reviewer suspected: a note text that starts with "-" refused as an unknown
option with no word of ``--``, 280余万元 read as the unit 余万元, a 目标值 cell holding only a unit
read as a figure, the office suggested for ``plan header --organisation`` unquoted, and
``plan status --json`` rows not saying which are tasks at the top of the plan."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

runner = CliRunner()


def items_on_disk(path: Path) -> dict[str, dict]:
    return {item["id"]: item for item in tomllib.loads(path.read_text("utf-8"))["item"]}


# ---------------------------------------------------------------- 1. a text starting with -


@pytest.mark.parametrize("text", ["-5℃低温", "-℃低温", "-5"])
def test_a_note_starting_with_a_dash_is_told_to_go_after_double_dash(small_plan, text):
    before = small_plan.read_bytes()
    result = runner.invoke(app, ["note", "1.3", text])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    said = result.stderr
    assert "以 - 开头的文字" in said and f"plan note 1.3 -- {text}" in said, said
    assert small_plan.read_bytes() == before
    english = runner.invoke(app, ["--lang", "en", "note", "1.3", text])
    assert english.exit_code == 2
    assert "starts with -" in english.stderr, english.stderr
    assert f"plan --lang en note 1.3 -- {text}" in english.stderr, english.stderr


def test_a_note_after_double_dash_is_written(small_plan):
    result = runner.invoke(app, ["note", "1.3", "--", "-5℃低温"])
    assert result.exit_code == 0, result.output
    notes = items_on_disk(small_plan)["1.3"]
    assert "-5℃低温" in str(notes), notes


def test_options_after_the_text_stay_before_double_dash_in_the_example(small_plan):
    result = runner.invoke(app, ["note", "1.3", "-5℃低温", "--by", "张三"])
    assert result.exit_code == 2
    assert "plan note 1.3 --by 张三 -- -5℃低温" in result.stderr, result.stderr


def test_a_mistyped_option_is_not_told_about_double_dash(small_plan):
    result = runner.invoke(app, ["note", "1.3", "x", "-q"])
    assert result.exit_code == 2
    assert "--" not in result.stderr.replace("--on", "").replace("--by", "").replace(
        "--help", ""
    ), result.stderr
    status = runner.invoke(app, ["status", "-5"])  # takes no text: nothing to say of --
    assert status.exit_code == 2 and "以 - 开头" not in status.stderr, status.stderr


# ---------------------------------------------------------------- 2. 280余万元


@pytest.fixture
def money_plan(plan_file: Path) -> Path:
    from .conftest import write_plan

    return write_plan(
        plan_file,
        [
            {"id": "1", "title": "项目建设"},
            {"id": "1.1", "title": "争取上级资金", "measure": "万元", "target": 300},
            {"id": "1.2", "title": "新增耕地", "measure": "万亩", "target": 4},
        ],
    )


@pytest.mark.parametrize(
    ("item", "typed", "figure"),
    [
        ("1.1", "280余万元", 280),
        ("1.1", "280多万元", 280),
        ("1.1", "约280万元", 280),
        ("1.1", "近280万元", 280),
        ("1.1", "280余", 280),
        ("1.2", "3.2万余亩", 3.2),
    ],
)
def test_a_figure_said_about_is_read_as_the_import_reads_it(money_plan, item, typed, figure):
    result = runner.invoke(app, ["record", item, typed])
    assert result.exit_code == 0, result.output
    assert "余万元" not in result.stdout  # (stderr quotes what was typed: 约数)
    assert items_on_disk(money_plan)[item]["actual"] == figure


def test_another_unit_after_about_is_still_refused_naming_it(money_plan):
    before = money_plan.read_bytes()
    result = runner.invoke(app, ["record", "1.1", "280余万亩"])
    assert result.exit_code == 2
    assert "“万亩”" in result.stderr and "“万元”" in result.stderr, result.stderr
    assert money_plan.read_bytes() == before


# ---------------------------------------------------------------- 3. a 目标值 of a unit alone

ONLY_UNITS: list[list] = [
    ["泉湖镇2024年重点工作台账"],
    ["序号", "工作任务", "目标值", "完成值", "计量单位", "完成时限", "责任单位"],
    ["一", "一、项目建设"],
    [1, "新建标准厂房", "m2", None, None, "10月底前", "经发办"],
    [2, "新建游园", "㎡", None, None, "10月底前", "规划办"],
    [3, "争取上级资金", "万元", None, None, "10月底前", "财政所"],
    [4, "整治水面", "km2", None, None, "10月底前", "水利站"],
    [5, "新建停车场", "1200 m2", None, None, "10月底前", "交通站"],
]


def test_a_target_cell_of_a_unit_alone_is_no_figure(tmp_path, plan_file):
    from .test_import import items_of, workbook

    result = runner.invoke(app, ["import", str(workbook(tmp_path / "台账.xlsx", ONLY_UNITS))])
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    for item in ("1.1", "1.2", "1.3", "1.4"):
        assert "target" not in items[item], items[item]
    assert items["1.1"]["target_text"] == "m2"  # the words kept as written
    assert items["1.4"]["target_text"] == "km2"
    # a number with the unit typed after a space is the number, in m²
    assert (items["1.5"]["target"], items["1.5"]["measure"]) == (1200, "m²"), items["1.5"]


def test_an_actual_cell_of_a_unit_alone_is_refused_naming_the_cell(tmp_path, plan_file):
    from .test_import import workbook

    rows = [*ONLY_UNITS[:3], [1, "整治水面", 3, "M2", "km²", "10月底前", "水利站"]]
    result = runner.invoke(app, ["import", str(workbook(tmp_path / "台账.xlsx", rows))])
    assert result.exit_code != 0
    assert "Sheet1!D4（完成值）" in result.stderr and "应为数字" in result.stderr, result.stderr
    assert not plan_file.exists()


# ---------------------------------------------------------------- 4. the office's name quoted


@pytest.mark.parametrize(
    ("office", "typed"),
    [
        ("泉湖镇经发办(招商办)", '"泉湖镇经发办(招商办)"'),
        ('泉湖镇党政办"综合"', '"泉湖镇党政办\\"综合\\""'),
        ("泉湖镇党政办", "泉湖镇党政办"),
    ],
)
def test_the_office_suggested_for_header_organisation_is_quoted_when_it_needs_it(
    tmp_path, plan_file, office, typed
):
    from .test_import import read_plan, workbook

    rows = [
        ["泉湖镇2024年重点工作台账"],
        [f"填报单位：{office}"],
        ["序号", "工作任务", "完成时限", "责任单位"],
        [1, "新建农村公路", "年底前", "交通站"],
    ]
    result = runner.invoke(app, ["import", str(workbook(tmp_path / "台账.xlsx", rows))])
    assert result.exit_code == 0, result.output
    kept = read_plan(plan_file)["plan"]["填报单位"]
    assert f"plan header --organisation {typed} " in result.stderr.replace("\n", " "), result.stderr
    # the command as suggested sets the office back
    again = runner.invoke(app, ["header", "--organisation", kept])
    assert again.exit_code == 0, again.output
    assert read_plan(plan_file)["plan"]["organisation"] == kept


# ---------------------------------------------------------------- 5. status --json: task rows


def test_status_json_rows_say_which_are_tasks_at_the_top_of_the_plan(plan_file):
    import json

    from .conftest import write_plan

    write_plan(
        plan_file,
        [
            {"id": "1", "title": "基础设施"},
            {"id": "1.1", "title": "修塘", "progress": 50},
            {"id": "2", "title": "新建农村公路", "progress": 20},  # a task at the top
        ],
    )
    result = runner.invoke(app, ["status", "--json"])
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row for row in json.loads(result.stdout)["rows"]}
    assert rows["1"]["task"] is False and rows["2"]["task"] is True, rows
    grouped = runner.invoke(app, ["status", "--json", "--by", "unit"])
    assert grouped.exit_code == 0, grouped.output
    assert all(row["task"] is False for row in json.loads(grouped.stdout)["rows"])
