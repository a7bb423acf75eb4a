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
    assert "余万元" not in result.output
    assert items_on_disk(money_plan)[item]["actual"] == figure


def test_another_unit_after_about_is_still_refused_naming_it(money_plan):
    before = money_plan.read_bytes()
    result = runner.invoke(app, ["record", "1.1", "280余万亩"])
    assert result.exit_code == 2
    assert "“万亩”" in result.stderr and "“万元”" in result.stderr, result.stderr
    assert money_plan.read_bytes() == before
