"""Attacks on dates and time: deadlines in every form, plans of other years and periods, leap
days, as-of views, the pace (序时进度) at its boundaries, the trace's dates and time zones.

Each figure asserted here was worked out by hand (days counted on a calendar)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def tasks_json(*args: str) -> dict[str, dict[str, Any]]:
    result = run("list", "--json", *args)
    assert result.exit_code == 0, result.output
    return {row["id"]: row for row in json.loads(result.stdout) if row["kind"] == "task"}


# ---------------------------------------------------------------- the plan's own period


def test_a_plan_that_writes_only_its_end_runs_over_that_year(plan_file: Path):
    """[plan] with an `end` and neither `start` nor `year`: the plan starts on 1 January of the
    end's year (as `plan header` and `plan check` take it), not of the year it is today — else
    its period starts after it ends, its year is wrong and no pace is expected all year."""
    plan_file.write_text(
        '[plan]\ntitle = "测试镇2024年工作计划"\nend = 2024-12-31\n\n'
        '[[item]]\nid = "1"\ntitle = "修路"\nprogress = 50\n',
        encoding="utf-8",
    )
    header = run("header")
    assert header.exit_code == 0, header.output
    assert "2024-01-01" in header.stdout and "2026" not in header.stdout
    # 2024-06-30: 181 of the 365 days from 1 January to 31 December (a leap year) have passed.
    task = tasks_json("--as-of", "2024-06-30")["1"]
    assert task["expected"] == round(181 / 365, 4)
    assert task["pace"] == "on_pace"
    report = run("report", "--as-of", "2024-12-31")
    assert report.exit_code == 0, report.output
    assert "测试镇2024年工作计划完成情况总结" in report.stdout
