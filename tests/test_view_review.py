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


def _terminal_width(line: str) -> int:
    """The cells a terminal gives a line: a joiner between Chinese characters joins nothing
    (it takes no cell), the family emoji 👨‍👩‍👧 is one picture of two cells."""
    from rich.cells import cell_len

    return cell_len(line.replace("👨\u200d👩\u200d👧", "XX").replace("\u200d", ""))


def test_a_joiner_between_chinese_characters_keeps_the_columns_of_a_table_in_line(
    runner: CliRunner, plan_file: Path
):
    titles = ["中\u200d文\u200d标题对齐", "普通的标题对齐", "👨\u200d👩\u200d👧 家庭医生签约"]
    items = [{"id": "1", "title": "卫生"}]
    items += [{"id": f"1.{n}", "title": t, "progress": 50} for n, t in enumerate(titles, 1)]
    items.append({"id": "1.9", "title": "长" * 30 + "\u200d文" * 20, "progress": 50})
    write_plan(plan_file, items)
    for columns in (80, 60, 40):
        text = run(runner, "show", "1", columns=columns)
        rows = [line for line in text.splitlines() if line.endswith("50%")]
        assert len(rows) == 4, text
        assert {_terminal_width(line) for line in rows} == {columns}, text
        assert all(_terminal_width(line) <= columns for line in text.splitlines()), text
        # the family emoji is never cut between two lines
        assert "👨\u200d👩\u200d👧" in text, text
