"""Helper F's review of session 20's changes with hostile inputs: what broke or was left open."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan
from .test_import import items_of, run, workbook

runner = CliRunner()


# ---------------------------------------------------------------- a July-to-June ledger

LEAP_SCHOOL_YEAR: list[list[Any]] = [
    ["泉湖中学2023-2024学年工作台账"],
    ["年度：2023  计划期：2023-07-01至2024-06-30"],
    ["序号", "工作任务", "责任单位", "完成时限"],
    [1, "秋季招生", "教务处", "9月底前"],
    [2, "开学准备", "校办", "2月29日"],  # 2024-02-29: in the period; 2023 has no such day
]


def test_a_day_only_the_periods_leap_year_has_is_read_in_that_year(tmp_path, plan_file):
    result = run(str(workbook(tmp_path / "台账.xlsx", LEAP_SCHOOL_YEAR)))
    assert result.exit_code == 0, result.output
    dues = {i: str(item["due"]) for i, item in items_of(plan_file).items()}
    assert dues == {"1": "2023-09", "2": "2024-02-29"}, dues


# ---------------------------------------------------------------- a target written as a range

RANGES: list[list[Any]] = [
    ["泉湖镇2024年重点工作台账"],
    ["序号", "工作任务", "责任单位", "目标", "完成时限"],
    [1, "降低发生率", "应急办", "10%-15%", "12月底"],  # the docstring's own example
    [2, "新建公厕", "城建办", "3个-5个", "12月底"],
    [3, "新增面积", "农办", "500亩-800亩", "12月底"],
]


def test_a_range_with_its_unit_at_each_end_and_a_hyphen_is_read(tmp_path, plan_file):
    """A hyphen after a unit was taken for a minus sign (-15): 10%-15% read as no figure, while
    10%～15% and 10-15% were read as 10%."""
    result = run(str(workbook(tmp_path / "台账.xlsx", RANGES)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    read = {i: (item.get("target"), item.get("measure")) for i, item in items.items()}
    assert read == {"1": (10, "%"), "2": (3, "个"), "3": (500, "亩")}, read


# ---------------------------------------------------------------- one-dash long options


@pytest.mark.parametrize(
    ("line", "written"),
    [
        (["-file", "PLAN", "status"], "--file"),  # read as -f ile: 'PLAN' then no command
        (["status", "-file", "PLAN"], "--file"),  # after the command, as --file may be
        (["-lang", "en", "status"], "--lang"),
        (["done", "1.1", "-file=PLAN"], "--file=PLAN"),
    ],
)
def test_plans_own_long_options_typed_with_one_dash_are_named(town_plan, tmp_path, line, written):
    """plan -file plan.toml status said there was no command 'plan.toml'; plan status -file x
    that plan status has no option -f (its help says --file may follow the command)."""
    other = tmp_path / "other.toml"
    other.write_bytes(town_plan.read_bytes())
    before = other.read_bytes()
    words = [str(other) if word == "PLAN" else word.replace("PLAN", str(other)) for word in line]
    result = runner.invoke(app, words)
    assert result.exit_code == 2, result.output
    typed = next(word for word in words if word.startswith(("-file", "-lang")))
    expected = written.replace("PLAN", str(other))
    assert f"选项 {typed} 要写成 {expected}" in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert other.read_bytes() == before


# ---------------------------------------------------------------- the report's range wording


def test_a_percent_above_a_ranges_top_is_said_in_percentage_points(plan_file):
    """20% of a 10%-15% target is 5 percentage points above its top, as a percent above a
    target of one figure is said (超出目标10个百分点), not 5% (of what?)."""
    write_plan(
        plan_file,
        [
            {
                "id": "1",
                "title": "安全整治",
                "status": "done",
                "done_on": dt.date(2023, 11, 1),
                "target": 10,
                "target_text": "10%-15%",
                "measure": "%",
                "actual": 20,
            },
        ],
    )
    for lang, said in (
        ("zh", "超出目标上限5个百分点"),
        ("en", "5 percentage points above the top"),
    ):
        result = runner.invoke(app, ["--lang", lang, "report"])
        assert result.exit_code == 0, result.output
        assert said in " ".join(result.stdout.split()), result.stdout


# ---------------------------------------------------------------- two words typed as one


def test_ids_listed_in_a_notes_own_words_are_not_taken_for_two_words(town_plan):
    """A note left unquoted (plan note 5.5.2 已验收5.5.1，5.5.2 另有说明) was said to hold a
    full-width comma to be typed as a space, because one side of it is an id: the fix is the
    quotes around the text, and a space there makes one more word too many."""
    before = town_plan.read_bytes()
    result = runner.invoke(app, ["note", "5.5.2", "已验收5.5.1，5.5.2", "另有说明", "--by", "t"])
    assert result.exit_code == 2, result.output
    assert "多出了“另有说明”" in result.stderr
    assert "全角逗号" not in result.stderr and "要用引号括起来" in result.stderr, result.stderr
    assert town_plan.read_bytes() == before


# ---------------------------------------------------------------- a task merged over rows

MERGED_NOT_PER_VILLAGE: list[list[Any]] = [
    ["泉湖镇2024年民生实事"],
    ["序号", "实事名称", "建设内容", "责任单位", "完成时限"],
    [1, "饮水工程", "新建水厂1座", "水利站", "6月"],
    [2, "道路硬化", "木棠村2公里", "交通站", "9月"],
    [None, None, None, "交通站", "10月"],  # merged 序号 and 名称: a second deadline, one unit
    [3, "学校改造", "教学楼维修", "教育办", "8月"],
]


def test_the_tables_numbers_stay_the_ids_when_a_merged_row_is_not_per_village(tmp_path, plan_file):
    """A 序号 merged over rows that were not one per village gave each row its own top-level
    task, renumbered without a word: the table's 3 became the plan's 4. The merged 序号 makes
    them one item: a goal over a task per row."""
    table = workbook(tmp_path / "实事.xlsx", MERGED_NOT_PER_VILLAGE, merges=("A4:A5", "B4:B5"))
    result = run(str(table))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    titles = {i: item["title"] for i, item in items.items()}
    assert titles.get("3") == "学校改造", titles
    assert titles.get("2") == "道路硬化", titles
    dues = {i: str(items[i].get("due")) for i in ("2.1", "2.2")}
    assert dues == {"2.1": "2024-09", "2.2": "2024-10"}, (titles, dues)
