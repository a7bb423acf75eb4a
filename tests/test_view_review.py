"""What ``plan`` prints on a terminal, as a user of a real plan reads it (review of session 6):
figures with their units in the trace, tables that line up whatever the titles hold, at 80, 60
and 40 columns, in Chinese and in English."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan


def run(runner: CliRunner, *args: str, columns: int = 120) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.output


def test_log_and_show_give_each_figure_the_unit_it_had_on_each_side_of_a_change(
    runner: CliRunner, plan_file: Path
):
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "农业"},
            {"id": "1.1", "title": "落实粮食播种面积", "measure": "万亩", "target": 3.5},
        ],
    )
    run(runner, "record", "1.1", "2.5", "--on", "2023-04-01")
    run(runner, "edit", "1.1", "--measure", "亩", "--target", "35000")
    run(runner, "record", "1.1", "30000", "--on", "2023-06-01")
    for args in (["log"], ["show", "1.1"]):
        text = run(runner, *args)
        # the figure stood at 2.5 in 亩 once the unit changed (the edit left it as it was)
        assert "完成值: 2.5亩 → 30000亩" in text, text
        assert "目标值: 3.5万亩 → 35000亩" in text, text
        assert "计量单位: 万亩 → 亩" in text, text
        assert "完成值: — → 2.5万亩" in text, text
    english = run(runner, "log", "--lang", "en")
    assert "Actual: — → 2.5万亩" in english, english
    assert "Target: 3.5万亩 → 35000亩" in english, english
