"""Session 25 (J): report wording leftovers (two brackets back to back, a target with its
own comma in a list) and a campaign that is not a calendar year."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan


def run(*args: str) -> Any:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


DONE_WITHOUT_FIGURE = [
    {"id": "1", "title": "乡村振兴"},
    {
        "id": "1.1",
        "title": "改造农村公厕",
        "measure": "座",
        "target": 12,
        "status": "done",
        "done_on": dt.date(2023, 10, 28),
    },
]


def test_no_figure_and_the_done_date_share_one_bracket(tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "plan.toml", DONE_WITHOUT_FIGURE)
    out = run("-f", str(plan), "report", "--format", "txt").stdout
    assert "（未记录完成值）（" not in out
    assert "（未记录完成值，2023年10月28日完成）" in out


def test_no_figure_and_the_done_date_share_one_bracket_in_english(tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "plan.toml", DONE_WITHOUT_FIGURE, lang="en")
    out = run("-f", str(plan), "report", "--format", "txt").stdout
    assert "recorded) (done" not in out
    assert "(no actual figure recorded; done 2023-10-28)" in out
