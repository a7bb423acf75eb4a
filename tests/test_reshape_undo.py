"""Reshaping a plan over a year (add, edit, move, rm, header) and taking it back with undo:
what each view says after it."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app


def ok(runner: CliRunner, path: Path, *args: str) -> str:
    result = runner.invoke(app, ["--file", str(path), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_show_of_a_task_names_the_removed_item_a_row_of_its_history_belongs_to(runner, small_plan):
    """A task that was a goal for a while keeps its removed sub-task's history; show must
    say whose each row is, or '删除' reads as if the task itself had been deleted."""
    ok(runner, small_plan, "add", "1.3", "子任务一", "--by", "甲")
    ok(runner, small_plan, "rm", "1.3.1", "--yes", "--by", "乙")
    out = ok(runner, small_plan, "show", "1.3")
    history = out[out.index("进展情况") :]
    assert "1.3.1" in history and "子任务一 (已删除)" in history
    assert "删除" in history
