"""Session 30's year-end reading (F): the 2023 plan's report as the 镇党政办 reads it at year end,
against the town's own 2022 summary (综治民调成绩由去年第149位上升至全市第36位)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan

DONE = {"status": "done", "done_on": dt.date(2023, 12, 20)}


def _report(runner: CliRunner, plan_file: Path, items: list[dict[str, Any]], *args: str) -> str:
    write_plan(plan_file, items)
    out = plan_file.parent / "r.md"
    result = runner.invoke(
        app, ["report", "--as-of", "2023-12-31", "--format", "md", "-o", str(out), *args]
    )
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def test_a_rank_under_a_task_that_names_the_work_says_what_is_ranked(
    runner: CliRunner, plan_file: Path
) -> None:
    # 做好信访维稳工作由上年第36名上升至第28名 read as if the work itself were ranked; the
    # ranking is the target's 综治民调, as the 2022 summary says it (综治民调成绩由去年第149位…).
    rank = {"measure": "名", "direction": "down", "baseline": 36, "target": 30, "actual": 28}
    items = [
        {"id": "1", "title": "做好信访维稳工作", "target_text": "综治民调进入全市前30名"},
        {"id": "2", "title": "综治民调全市排名", "target_text": "进入全市前30名"},
        {"id": "3", "title": "抓好平安建设", "target_text": "综治民调进入全市前30名"},
    ]
    items[0] |= rank | DONE
    items[1] |= rank | DONE
    items[2] |= {k: v for k, v in rank.items() if k != "baseline"} | DONE
    text = _report(runner, plan_file, items)
    assert (
        "做好信访维稳工作，综治民调由上年第36名上升至第28名，前进8名，"
        "达到综治民调进入全市前30名的目标" in text
    )
    # A title that names the ranking keeps reading as before.
    assert "综治民调全市排名由上年第36名上升至第28名，前进8名" in text
    assert "抓好平安建设，综治民调位列第28名" in text
