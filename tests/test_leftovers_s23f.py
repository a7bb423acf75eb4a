"""Leftovers noted in earlier sessions (session 23, F): a number typed where the file wants text
or a date, a day without its year typed to a command, and what check says of a day ahead."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app

HEADER = """[plan]
title = "测试镇2024年工作计划"
organisation = "测试镇人民政府"
year = 2024
start = 2024-01-01
end = 2024-12-31
lang = "zh"

[[item]]
id = "1"
title = "基础设施"
"""


def _plan(plan_file: Path, items: str) -> bytes:
    plan_file.write_text(HEADER + items, encoding="utf-8")
    return plan_file.read_bytes()


def test_check_suggests_quotes_for_an_id_typed_as_a_number(
    runner: CliRunner, plan_file: Path
) -> None:
    before = _plan(plan_file, '\n[[item]]\nid = 1.10\ntitle = "修塘"\n')
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1, result.output
    # the id as typed, not as the number TOML reads (1.10 is 1.1)
    assert '是不是要写 id = "1.10"？' in result.output
    assert "1.10 和 1.1 读出来是同一个数" in result.output
    assert plan_file.read_bytes() == before


def test_a_command_refusing_the_file_suggests_quotes_for_a_numeric_id(
    runner: CliRunner, plan_file: Path
) -> None:
    before = _plan(plan_file, '\n[[item]]\nid = 1.3\ntitle = "修塘"\nparent = 1\n')
    result = runner.invoke(app, ["--lang", "en", "status"])
    assert result.exit_code == 1, result.output
    assert "Was id = \"1.3\" meant for '1.3'?" in result.output
    assert "Was parent = \"1\" meant for '1'?" in result.output
    assert "Traceback" not in result.output
    assert plan_file.read_bytes() == before


def test_check_suggests_the_date_for_an_unquoted_month_and_day(
    runner: CliRunner, plan_file: Path
) -> None:
    _plan(plan_file, '\n[[item]]\nid = "1.1"\ntitle = "修塘"\ndue = 6.30\n')
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1, result.output
    assert "“6.30”是不是要写 due = 2024-06-30？" in result.output
