"""Leftovers noticed in earlier sessions and left alone: a plan's period written in words above
an imported table, a range of years as a deadline, a 考核 table's category points and single-row
categories, a title's year in full width or numerals when header --year moves the plan."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, write_plan
from .test_import import read_plan, run, workbook

runner = CliRunner()


# ---------------------------------------------------------------- 2. a period in words


def period_ledger(line: str, title: str = "泉湖镇重点工作台账") -> list[list[Any]]:
    return [
        [title],
        [line],
        ["序号", "工作任务", "责任单位", "完成时限"],
        [1, "植树造林", "林业站", "12月底"],
        [2, "道路提质", "交通站", "9月"],
    ]


@pytest.mark.parametrize(
    ("line", "year", "start", "end"),
    [
        ("计划期：2024年1月至12月", 2024, "2024-01-01", "2024-12-31"),
        ("实施期限：2024年下半年", 2024, "2024-07-01", "2024-12-31"),
        ("计划期：2024年度", 2024, "2024-01-01", "2024-12-31"),
        ("实施期限：2023年7月至2024年6月", 2023, "2023-07-01", "2024-06-30"),
    ],
)
def test_a_period_written_in_words_above_the_header_is_the_plans(
    tmp_path, plan_file, line, year, start, end
):
    """计划期：2024年1月至12月 above a table with no year anywhere else gave a plan of this year
    (2026), saying no year was written; 2024年下半年 gave the whole calendar year."""
    result = run(str(workbook(tmp_path / "台账.xlsx", period_ledger(line))))
    assert result.exit_code == 0, result.output
    meta = read_plan(plan_file)["plan"]
    assert (meta["year"], str(meta["start"]), str(meta["end"])) == (year, start, end), meta
    assert "都没有写年份" not in result.stderr, result.stderr


@pytest.mark.parametrize("written", ["2023-2025年", "2024年春季"])
def test_a_period_that_is_not_one_year_is_said_not_read(tmp_path, plan_file, written):
    ledger = period_ledger(f"计划期：{written}", "泉湖镇2024年重点工作台账")
    result = run(str(workbook(tmp_path / "台账.xlsx", ledger)))
    assert result.exit_code == 0, result.output
    meta = read_plan(plan_file)["plan"]
    assert (meta["year"], str(meta["start"]), str(meta["end"])) == (
        2024,
        "2024-01-01",
        "2024-12-31",
    )
    said = " ".join(result.stderr.split())
    assert f"计划期“{written}”不是能读出的一年以内的起止日期" in said, said
    assert "plan header --start --end" in said


YEARS_RANGE: list[list[Any]] = [
    ["泉湖镇2024年重点工作台账"],
    ["序号", "工作任务", "责任单位", "目标", "完成时限"],
    [1, "植树造林", "林业站", "2023-2025年累计完成造林1000亩", "12月底"],
    [2, "道路提质", "交通站", "10公里", "2023-2025年"],
    [3, "污水治理", "环保办", "5座", "2023年-2025年"],
]


def test_a_range_of_years_as_a_deadline_runs_from_the_first_years_start(tmp_path, plan_file):
    """2023-2025年 was refused as no deadline; 2023年-2025年 started on 2023-12-31 (the first
    year's end) rather than on 1 January. A target in words stays text."""
    result = run(str(workbook(tmp_path / "台账.xlsx", YEARS_RANGE)))
    assert result.exit_code == 0, result.output
    items = {item["id"]: item for item in read_plan(plan_file)["item"]}
    spans = {i: (str(item.get("start")), str(item.get("due"))) for i, item in items.items()}
    assert spans["2"] == spans["3"] == ("2023-01-01", "2025-12-31"), spans
    assert items["1"]["target_text"] == "2023-2025年累计完成造林1000亩"
    assert "target" not in items["1"]
    assert "晚于计划结束 2024-12-31" in result.stderr  # said, as any deadline after the plan


# ---------------------------------------------------------------- 3. a 考核 table's categories

HEADING_POINTS: list[list[Any]] = [
    ["城关镇2023年度目标管理考核指标"],
    ["序号", "考核内容", "分值", "评分标准", "责任单位", "完成时限"],
    ["一", "一、基层党建（30分）"],
    [1, "落实全面从严治党主体责任", None, "未按时召开的扣2分", "党政办", "2023年12月底"],
    [2, "村级组织阵地规范化建设", None, "每村扣2分", "组织办", "2023年10月底"],
    ["二", "二、城乡管理（满分10分）"],
    [1, "农村人居环境整治", None, "每处扣0.5分", "城建办", "2023年11月底"],
]


def test_the_points_a_category_heading_states_are_its_weight(tmp_path, plan_file):
    """一、基层党建（30分） over rows with no 分值 weighed 1, as 二、城乡管理（10分）: the two parts
    counted alike in the score."""
    result = run(str(workbook(tmp_path / "考核.xlsx", HEADING_POINTS)))
    assert result.exit_code == 0, result.output
    weights = {item["id"]: item.get("weight") for item in read_plan(plan_file)["item"]}
    assert weights == {"1": 30, "1.1": None, "1.2": None, "2": 10, "2.1": None}, weights


ONE_ROW_CATEGORY: list[list[Any]] = [
    ["考核内容", "考核指标", "分值", "责任单位", "完成时限"],
    ["基层党建", "落实主体责任", 10, "党政办", "2023年年底"],
    [None, "阵地建设", 20, "组织办", "2023年年底"],
    ["社会治安和综合治理", "信访积案化解率", 8, "综治中心", "2023年年底"],
]


def test_a_category_over_one_indicator_is_a_goal_its_task_named_by_the_indicator(
    tmp_path, plan_file
):
    """Beside 基层党建 merged over its two 考核指标 (a goal, a task each), 社会治安和综合治理
    over one row was a task named by its category, 信访积案化解率 only in its detail: seen
    nowhere in list or status."""
    table = workbook(tmp_path / "考核.xlsx", ONE_ROW_CATEGORY, merges=("A2:A3",))
    result = run(str(table))
    assert result.exit_code == 0, result.output
    got = [(i["id"], i["title"], i.get("weight")) for i in read_plan(plan_file)["item"]]
    assert got == [
        ("1", "基层党建", 30),
        ("1.1", "落实主体责任", 10),
        ("1.2", "阵地建设", 20),
        ("2", "社会治安和综合治理", 8),
        ("2.1", "信访积案化解率", 8),
    ], got


# ---------------------------------------------------------------- 4. header --year and the title


@pytest.mark.parametrize(
    ("title", "renamed"),
    [
        ("测试镇２０２３年工作计划", "测试镇２０２４年工作计划"),
        ("测试镇二〇二三年工作计划", "测试镇二〇二四年工作计划"),
    ],
)
def test_a_new_year_says_a_title_in_full_width_or_numerals_still_names_the_old_one(
    plan_file, title, renamed
):
    """header --year 2024 said nothing of a title written ２０２３年 (or 二〇二三年), which plan
    new moves: the plan of 2024 kept the 2023 title without a word."""
    write_plan(plan_file, SMALL_ITEMS[:3], title=title)
    result = runner.invoke(app, ["header", "--year", "2024"])
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())
    assert f"计划名称“{title}”写的还是 2023 年；要改名：plan header --title {renamed}" in said, said
    assert read_plan(plan_file)["plan"]["title"] == title  # (said, not changed)


# ---------------------------------------------------------------- 5. a plan's name as --out, PLAN_FILE blank


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--format", "xlsx", "--force"],
        ["export", "--format", "csv", "--force"],
        ["report", "--format", "md", "--force"],
    ],
)
def test_a_document_is_never_written_under_another_plans_name(town_plan, tmp_path, args):
    """plan export -o other.toml --format xlsx --force overwrote another town's plan with a
    workbook (and --format csv with a table): the plan was gone, its name kept."""
    other = tmp_path / "other.toml"
    other.write_bytes(town_plan.read_bytes())
    before = other.read_bytes()
    result = runner.invoke(app, [*args, "--out", str(other)])
    assert result.exit_code == 2, result.output
    said = " ".join(result.stderr.split())
    assert "“other.toml”是计划文件的名字（.toml）" in said, said
    assert "Traceback" not in result.output
    assert other.read_bytes() == before


@pytest.mark.parametrize("command", [["status"], ["done", "1.1"], ["init"]])
def test_a_plan_file_setting_of_spaces_alone_is_said_so(town_plan, tmp_path, monkeypatch, command):
    """PLAN_FILE='   ' was read as a file named three spaces (无法读取    ：文件不存在; plan
    init: 路径两头多了引号): the message named neither the setting nor the fix."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PLAN_FILE", "   ")
    before = town_plan.read_bytes()
    result = runner.invoke(app, command)
    assert result.exit_code == 1, result.output
    said = " ".join(result.stderr.split())
    assert said.startswith("错误：环境变量 PLAN_FILE 的值只有空格"), said
    assert "unset PLAN_FILE" in said and "Traceback" not in result.output
    assert town_plan.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [town_plan.name]


# ---------------------------------------------------------------- 6. the words of an imported figure

FIGURE_WORDS: list[list[Any]] = [
    ["泉湖镇2024年重点工作台账"],
    ["序号", "工作任务", "责任单位", "目标值", "完成值", "完成时限"],
    [1, "植树造林", "林业站", "1000亩", "已完成800亩", "12月底"],
    [2, "道路提质", "交通站", "100%", "已完成80%", "12月底"],
]


def test_a_new_figure_drops_the_words_an_import_kept_around_the_old_one(tmp_path, plan_file):
    """Imported from 已完成800亩, a task kept those words under 完成值 beside actual = 800;
    after plan record 1 900, plan show said 完成值 900 and, below it, 完成值 已完成800亩. The
    words go with the figure they describe (in the log, and back with an undo); a figure
    recorded again unchanged, or another task, keeps its own."""
    result = run(str(workbook(tmp_path / "台账.xlsx", FIGURE_WORDS)))
    assert result.exit_code == 0, result.output
    recorded = runner.invoke(app, ["record", "1", "900", "--on", "2024-06-30"])
    assert recorded.exit_code == 0, recorded.output
    items = {item["id"]: item for item in read_plan(plan_file)["item"]}
    assert items["1"]["actual"] == 900 and "完成值" not in items["1"], items["1"]
    assert items["2"]["完成值"] == "已完成80%"
    shown = runner.invoke(app, ["show", "1", "--as-of", "2024-06-30"])
    assert "已完成800亩 → —" in shown.output, shown.output
    assert not any(
        line.split()[:2] == ["完成值", "已完成800亩"] for line in shown.output.splitlines()
    )
    assert runner.invoke(app, ["undo"]).exit_code == 0
    item = next(i for i in read_plan(plan_file)["item"] if i["id"] == "1")
    assert (item["actual"], item["完成值"]) == (800, "已完成800亩")
