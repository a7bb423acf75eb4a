"""--as-of before the plan starts (2022-06-30 typed for 2023-06-30): the view is the plan as
it was then, with a note on stderr that its work had not begun, and the day of the plan's
year that was likely meant."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan

ITEMS = [
    {"id": "1", "title": "产业发展"},
    {"id": "1.1", "title": "修路", "due": dt.date(2023, 6, 30), "progress": 50},
]


@pytest.mark.parametrize(
    "args",
    [["status"], ["list"], ["show", "1.1"], ["report"], ["report", "--format", "md"]],
)
def test_a_day_before_the_start_is_noted_and_the_view_goes_on(
    runner: CliRunner, plan_file: Path, args: list[str]
) -> None:
    write_plan(plan_file, ITEMS)
    before = plan_file.read_bytes()
    result = runner.invoke(app, [*args, "--as-of", "2022-06-30"])
    assert result.exit_code == 0, result.output
    assert "注意：截至日期 2022-06-30 早于计划开始（2023-01-01）" in result.stderr
    assert "是不是要写 --as-of 2023-06-30？" in result.stderr
    assert "注意" not in result.stdout
    assert plan_file.read_bytes() == before


def test_in_english_and_with_no_day_to_offer(runner: CliRunner, plan_file: Path) -> None:
    write_plan(plan_file, ITEMS)
    result = runner.invoke(app, ["--lang", "en", "status", "--as-of", "2020-02-29"])
    assert result.exit_code == 0
    note = " ".join(result.stderr.split())
    assert "Note: --as-of 2020-02-29 is before the plan starts (2023-01-01)" in note
    assert "meant" not in note  # 2023 has no 29 February


def test_days_within_the_plan_get_no_note(runner: CliRunner, plan_file: Path) -> None:
    write_plan(plan_file, ITEMS)
    for day in ("2023-01-01", "2023-06-30", "2024-03-01"):
        result = runner.invoke(app, ["status", "--as-of", day])
        assert result.exit_code == 0 and result.stderr == ""
