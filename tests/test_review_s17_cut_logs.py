"""Review of the parse cache's cut logs (``store/cache_chunks``, ``trace.entries_a_report_reads``):
a year-end report read from a warm cache is the report made with the cache off, and nothing cut
for it is ever written or stored."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app
from tests.conftest import write_plan

EIGHT = dt.timezone(dt.timedelta(hours=8))


def _at(month: int, day: int) -> dt.datetime:
    return dt.datetime(2023, month, day, 9, 0, tzinfo=EIGHT)


def _progress_log(steps: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """A progress entry at the end of each month named, from the figure before to ``new``."""
    log, was = [], 0
    for month, new in steps:
        log.append(
            {
                "at": _at(month, 28),
                "by": "张三",
                "action": "progress",
                "before": {"progress": was},
                "after": {"progress": new},
            }
        )
        was = new
    return log


def _reports(
    runner: CliRunner, plan_file: Path, monkeypatch: pytest.MonkeyPatch, *args: str
) -> tuple[str, str, str]:
    """The report with the cache off, then twice with it on (stored, then read back cut)."""
    monkeypatch.setenv("QUANHU_PLAN_CACHE", "off")
    off = runner.invoke(app, ["report", *args])
    assert off.exit_code == 0, off.output
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(plan_file.parent / "cache"))
    stored = runner.invoke(app, ["report", *args])
    warm = runner.invoke(app, ["report", *args])
    assert stored.exit_code == 0 and warm.exit_code == 0, warm.output
    return off.stdout, stored.stdout, warm.stdout


# A task at 30 % at the end of June, its milestone 50 % by then: missed, whatever came after.
MILESTONE_STEPS = [(1, 5), (2, 10), (3, 15), (4, 20), (5, 25), (6, 30), (7, 40), (8, 45)]
MILESTONE_STEPS += [(9, 50), (10, 55), (11, 60)]


@pytest.mark.parametrize("form", ["md", "json", "terminal"])
def test_a_missed_milestone_is_named_by_a_report_from_a_warm_cache(
    runner: CliRunner, plan_file: Path, monkeypatch: pytest.MonkeyPatch, form: str
) -> None:
    """The report judges a task's past milestone by the task as it stood that day, replayed
    from its whole log (``records.Milestones``): a log cut to three entries said 50 % then."""
    task = {
        "id": "1.1",
        "title": "修缮村道",
        "status": "doing",
        "progress": 60,
        "milestone": [{"due": "2023-Q2", "progress": 50}],
        "log": _progress_log(MILESTONE_STEPS),
    }
    write_plan(plan_file, [{"id": "1", "title": "重点工作"}, task])
    off, stored, warm = _reports(runner, plan_file, monkeypatch, "--format", form)
    if form != "json":
        assert "届时完成30%" in off  # (the milestone missed, as the whole log says)
    assert stored == off
    assert warm == off, "the report from the warm cache lost the missed milestone"
