"""An office's clocks and calendar (session 21): clerks' computers whose clocks are wrong, time
zones, and the trace's ordering rule (docs/format.md: a change is written after every entry in
the trace, and counts on the day it was made).

Each figure asserted here was worked out by hand."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.changes import Stamp
from quanhu_plan.cli import app

from .test_attack_dates import _AHEAD

CST = dt.timezone(dt.timedelta(hours=8))


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def at_clock(monkeypatch: pytest.MonkeyPatch, now: dt.datetime) -> None:
    """Change commands write the time of this clock instead of the wall clock's."""
    monkeypatch.setattr(Stamp, "current", classmethod(lambda cls, by: cls(by, now)))


# ---------------------------------------------------------------- the county's 最近填报

# A town's plan whose trace holds an entry written later than the clock of the next change: a
# colleague's clock a few minutes fast just before midnight, or a year typed wrong by hand.
# (test_attack_dates's plan, with an organisation: the county names a town by it)
_TOWN = _AHEAD.replace("year = 2024\n", 'organisation = "测试镇人民政府"\nyear = 2024\n', 1)


@pytest.mark.parametrize(
    ("ahead", "now", "view"),
    [
        (
            "2024-06-26T00:05:00+08:00",
            dt.datetime(2024, 6, 25, 23, 58, tzinfo=CST),
            "2024-06-25",
        ),
        (
            "2025-07-01T09:00:00+08:00",
            dt.datetime(2024, 7, 5, 10, 0, tzinfo=CST),
            "2024-07-05",
        ),
    ],
    ids=["a clock a few minutes fast", "a year typed wrong"],
)
def test_a_change_stamped_after_a_later_entry_is_a_report_of_the_day_it_was_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ahead: str, now: dt.datetime, view: str
):
    """A town records its progress on the day of the 通报 (23:58 on 25 June; 5 July), after an
    entry stamped later (00:05 on 26 June by a colleague's fast clock; 2025 typed by hand).
    The change is written after that entry (its `at` one microsecond later) with its `on` the
    day it was made, and every as-of view counts it that day — `county --as-of` that day must
    too: 最近填报 that day, reported, not 无记录 and 未按要求报送 (the figures count it)."""
    towns = tmp_path / "towns"
    towns.mkdir()
    plan = towns / "测试镇.toml"
    plan.write_text(_TOWN.format(ahead=ahead), encoding="utf-8")
    before = plan.read_bytes()
    at_clock(monkeypatch, now)
    progress = run("--file", str(plan), "progress", "1.1", "40")
    assert progress.exit_code == 0, progress.output
    assert plan.read_bytes() != before

    result = run("county", str(towns), "--as-of", view, "--json")
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)["rows"]
    assert row["completion"] == 0.2  # 40% of one task of two: the change counts that day
    assert row["newest_change"] == view
    assert row["reported"] is True
    table = run("county", str(towns), "--as-of", view)
    assert table.exit_code == 0, table.output
    assert "未按要求报送：" not in table.stdout and "无记录" not in table.stdout
    (line,) = [line for line in table.stdout.splitlines() if "测试镇人民政府" in line]
    assert "20.0%" in line and view in line and "未报送" not in line, line


def test_a_change_stamped_after_a_header_change_written_later_is_a_report_of_its_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The same when the entry written later is the header's (`plan header` on the fast
    clock, [[plan.log]]): a change is stamped after every entry, the header's too."""
    towns = tmp_path / "towns"
    towns.mkdir()
    plan = towns / "测试镇.toml"
    plan.write_text(_TOWN.format(ahead="2024-06-20T09:00:00+08:00"), encoding="utf-8")
    at_clock(monkeypatch, dt.datetime(2024, 6, 26, 0, 5, tzinfo=CST))  # five minutes fast
    assert run("--file", str(plan), "header", "--title", "测试镇2024年度工作计划").exit_code == 0
    at_clock(monkeypatch, dt.datetime(2024, 6, 25, 23, 58, tzinfo=CST))
    assert run("--file", str(plan), "progress", "1.1", "40").exit_code == 0
    text = plan.read_text(encoding="utf-8")
    assert "at = 2024-06-26 00:05:00.000001+08:00\non = 2024-06-25\n" in text, text

    result = run("county", str(towns), "--as-of", "2024-06-25", "--json")
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)["rows"]
    assert row["completion"] == 0.2
    assert row["newest_change"] == "2024-06-25" and row["reported"] is True


# ---------------------------------------------------------------- dates as a CSV holds them


def test_a_date_and_time_as_excel_writes_it_into_a_csv_is_read_as_its_day(
    tmp_path: Path, plan_file: Path
):
    """Excel (a Chinese Windows) saves a date-time cell into a CSV as it shows it: 2024/3/1
    0:00 — a date cell given a time, or a 完成时间 with the time of day (17:30). The workbook
    itself imports (the cell's day); its CSV was refused, cell by cell, while 2024-03-01
    00:00:00 (the form other programs write) was read. Read as the day, as the workbook is."""
    table = tmp_path / "任务.csv"
    table.write_bytes(
        (
            "序号,工作任务,责任单位,完成时限,完成时间\r\n"
            "1,修路,交通站,2024/3/1 0:00,2024/2/29 17:30\r\n"
            "2,修塘,水利站,2024.6.30 0:00,\r\n"
            "3,建馆,文化站,2024-12-31 00:00:00,\r\n"
        ).encode("utf-8-sig")
    )
    result = run("import", str(table), "--year", "2024", "--map", "完成时间=done_on")
    assert result.exit_code == 0, result.output
    text = plan_file.read_text(encoding="utf-8")
    assert "due = 2024-03-01\ndone_on = 2024-02-29\n" in text, text
    assert "due = 2024-06-30\n" in text and "due = 2024-12-31\n" in text, text
