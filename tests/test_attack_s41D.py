"""Session 41D's hostile text inside valid plans, through the commands a user runs (typer's
CliRunner): an unknown field whose key holds a line break, a conflict's value over lines, the
pager, and messages that cut a text short, each checked by its output, exit code and file."""

from __future__ import annotations

import datetime as dt
import json
import tomllib

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.terminal.cells import joined_width

from .conftest import write_plan

runner = CliRunner()


# ---------------------------------------------------------------- a key with a line break


@pytest.fixture
def key_plan(plan_file):
    items = [
        {"id": "1", "title": "基础设施"},
        {
            "id": "1.1",
            "title": "修塘",
            "owner": "王五",
            "due": dt.date(2023, 6, 30),
            "a\nb": "x值",
            "c\x1b[31md": "红",
            "资金\r\n来源": "县级",
        },
    ]
    return write_plan(plan_file, items)


@pytest.mark.parametrize("env", [{"COLUMNS": "80"}, {"COLUMNS": "80", "TTY_COMPATIBLE": "1"}])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_unknown_field_whose_key_holds_a_line_break_shows_key_and_value(key_plan, env, lang):
    before = key_plan.read_bytes()
    result = runner.invoke(app, ["show", "1.1", "--as-of", "2023-06-30", "--lang", lang], env=env)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.startswith("a\\nb") and line.rstrip().endswith("x值") for line in lines), (
        result.output
    )
    assert any("资金\\n来源" in line and line.rstrip().endswith("县级") for line in lines), (
        result.output
    )
    assert any("c\\x1b[31md" in line and line.rstrip().endswith("红") for line in lines)
    assert "\x1b[31m" not in result.output
    assert not any(line.strip() in ("b", "来源") for line in lines), result.output
    assert max(map(joined_width, lines)) <= 80
    assert key_plan.read_bytes() == before


def test_an_unknown_field_whose_key_holds_a_line_break_stacked_on_a_narrow_line(key_plan):
    result = runner.invoke(app, ["show", "1.1", "--as-of", "2023-06-30"], env={"COLUMNS": "20"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    at = lines.index("a\\nb")
    assert lines[at + 1].strip() == "x值", result.output


def test_an_unknown_field_whose_key_holds_a_line_break_is_kept_as_is_in_json(key_plan):
    result = runner.invoke(app, ["show", "1.1", "--json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["a\nb"] == "x值" and record["资金\r\n来源"] == "县级"
    assert record["c\x1b[31md"] == "红"
    assert "\x1b" not in result.output  # (written as \u001b, read back as ESC)


# ---------------------------------------------------------------- a conflict's value over lines


@pytest.fixture
def conflict_plan(plan_file):
    ours = "第一行\n第二行\r\n第三行\x1b[2J"
    items = [
        {"id": "1", "title": "基础设施"},
        {
            "id": "1.1",
            "title": "修塘",
            "due": dt.date(2023, 6, 30),
            "detail": ours,
            "conflict": [
                {
                    "field": "detail",
                    "ours": ours,
                    "theirs": "另一行\n又一行",
                    "ours_by": "王五",
                    "ours_at": dt.datetime(2023, 6, 1, 10, 0),
                    "theirs_by": "李四",
                    "theirs_at": dt.datetime(2023, 6, 2, 11, 0),
                }
            ],
        },
    ]
    return write_plan(plan_file, items)


@pytest.mark.parametrize("env", [{"COLUMNS": "80"}, {"COLUMNS": "80", "TTY_COMPATIBLE": "1"}])
def test_a_conflict_whose_values_are_over_lines_is_shown_over_lines(conflict_plan, env):
    before = conflict_plan.read_bytes()
    result = runner.invoke(app, ["show", "1.1", "--as-of", "2023-06-30"], env=env)
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.output.splitlines()]
    at = lines.index("暂用（--ours）（王五 2023-06-01 10:00 修改）：")
    assert lines[at + 1 : at + 4] == ["第一行", "第二行", "第三行\\x1b[2J"], result.output
    assert lines[at + 4] == "另一个值（--theirs）（李四 2023-06-02 11:00 修改）："
    assert lines[at + 5 : at + 7] == ["另一行", "又一行"], result.output
    assert "第一行 第二行" not in result.output and "另一行 又一行" not in result.output
    assert "\x1b[2J" not in result.output
    assert max(map(joined_width, result.output.splitlines())) <= 80
    assert conflict_plan.read_bytes() == before


def test_a_conflict_over_lines_in_english_names_each_side_above_its_lines(conflict_plan):
    result = runner.invoke(app, ["show", "1.1", "--lang", "en"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.output.splitlines()]
    at = lines.index("In use for now (--ours) (set by 王五 2023-06-01 10:00):")
    assert lines[at + 1] == "第一行" and lines[at + 4].startswith("The other (--theirs)")
    assert "Settle it: plan resolve 1.1 detail --ours|--theirs|VALUE" in lines


def test_a_conflict_over_lines_settled_then_shown_no_more(conflict_plan):
    result = runner.invoke(app, ["resolve", "1.1", "detail", "--theirs"])
    assert result.exit_code == 0, result.output
    shown = runner.invoke(app, ["show", "1.1"], env={"COLUMNS": "80"})
    assert shown.exit_code == 0 and "合并冲突：1.1" not in shown.output, shown.output
    with open(conflict_plan, "rb") as file:
        item = tomllib.load(file)["item"][1]
    assert item["detail"] == "另一行\n又一行" and "conflict" not in item
