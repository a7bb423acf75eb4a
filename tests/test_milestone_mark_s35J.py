"""Session 35, helper J: a milestone's share due said as a percent that is never 0 % when the
milestone asks for something (0.1 %, a figure of 1 against a target of 3,000), beside 'missed'."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_a_small_milestone_missed_never_says_zero_was_due(
    runner: CliRunner, plan_file: Path
) -> None:
    """A milestone of 1亩 against 3000亩 by March (0.033 %), nothing recorded: status, show and
    the report said 应达 1亩 0%，未达到，届时完成 0% — 0 % due and 0 % done, yet missed. The share
    due shows to the first place that is not 0 (0.03 %), as a share short of all never shows
    100 %; the share done stays below it (0 %)."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "改造", "measure": "亩", "target": 3000},
            {"id": "2", "title": "宣传", "due": dt.date(2023, 12, 31)},
        ],
    )
    doc = plan_file.read_text(encoding="utf-8")
    text = doc.split("[[item]]")
    text[1] += "\n[[item.milestone]]\ndue = 2023-03-31\nvalue = 1\n\n"
    text[2] += "\n[[item.milestone]]\ndue = 2023-03-31\nprogress = 0.1\n\n"
    plan_file.write_text("[[item]]".join(text), "utf-8")
    before = plan_file.read_bytes()
    status = runner.invoke(app, ["status", "--as-of", "2023-06-30"])
    assert status.exit_code == 0, status.output
    assert "2023-03-31（应达 1亩 0.03%）未达到，届时完成 0%" in status.output, status.output
    assert "2023-03-31（应达 0.1%）未达到，届时完成 0%" in status.output, status.output
    assert "应达 1亩 0%" not in status.output
    show = runner.invoke(app, ["show", "2", "--as-of", "2023-06-30"])
    assert show.exit_code == 0, show.output
    assert "应达 0.1%" in show.output, show.output
    report = runner.invoke(app, ["report", "--as-of", "2023-06-30"])
    assert report.exit_code == 0, report.output
    flat = _flat(report.output)
    assert "（应达1亩，即0.03%，届时完成0%）" in flat, flat
    assert "（应达0.1%，届时完成0%）" in flat, flat
    english = runner.invoke(app, ["--lang", "en", "status", "--as-of", "2023-06-30"])
    assert "0.1% due by 2023-03-31, missed (0% done by then)" in english.output, english.output
    assert plan_file.read_bytes() == before  # (a view writes nothing)
