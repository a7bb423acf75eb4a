"""Attacks on dates and time: deadlines in every form, plans of other years and periods, leap
days, as-of views, the pace (序时进度) at its boundaries, the trace's dates and time zones.

Each figure asserted here was worked out by hand (days counted on a calendar)."""

from __future__ import annotations

import datetime as dt
import json
import re
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
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


# ---------------------------------------------------------------- the report's dates


def _ledger_line(markdown: str, task_id: str) -> str:
    return next(line for line in markdown.splitlines() if line.startswith(f"| {task_id} |"))


def test_the_ledger_leaves_out_the_plans_year_not_the_as_of_days(plan_file: Path):
    """The Chinese ledger writes a day of the report's own year without the year (the title
    states it: 测试镇2024年工作计划…). That year is the plan's: a 2024 plan reported as of
    2025-01-10 (a task ticked off in January) must not print 2025-01-05 as 1月5日 — read under
    a 2024 title it is 5 January 2024 — while writing 2024's days with their year."""
    plan_file.write_text(
        '[plan]\ntitle = "测试镇2024年工作计划"\nyear = 2024\nstart = 2024-01-01\n'
        "end = 2024-12-31\n\n"
        '[[item]]\nid = "1"\ntitle = "修路"\ndue = 2024-12-31\nstatus = "done"\n'
        "done_on = 2025-01-05\n\n"
        '[[item]]\nid = "2"\ntitle = "建馆"\ndue = "2024-Q1"\nstatus = "done"\n'
        "done_on = 2024-03-20\n",
        encoding="utf-8",
    )
    result = run("report", "--as-of", "2025-01-10", "--format", "md")
    assert result.exit_code == 0, result.output
    assert "测试镇2024年工作计划完成情况总结" in result.stdout
    late = _ledger_line(result.stdout, "1")
    assert "| 12月31日 |" in late and "| 2025年1月5日 |" in late, late
    on_time = _ledger_line(result.stdout, "2")
    assert "| 第一季度 |" in on_time and "| 3月20日 |" in on_time, on_time


def test_the_ledger_of_a_plan_over_two_years_writes_the_second_years_days_with_their_year(
    plan_file: Path,
):
    """A plan from July 2023 to June 2024: a deadline in 2024 written as 第一季度 reads as the
    first quarter of 2023, before the plan began. Its report is titled by both years (2023年7月
    —2024年6月), so a day of 2023 says its year too (ae2e346), not the second year's alone."""
    plan_file.write_text(
        '[plan]\ntitle = "测试镇2023年工作计划"\nyear = 2023\nstart = 2023-07-01\n'
        "end = 2024-06-30\n\n"
        '[[item]]\nid = "1"\ntitle = "修路"\ndue = "2024-Q1"\nprogress = 30\n\n'
        '[[item]]\nid = "2"\ntitle = "建馆"\ndue = "2023-Q4"\nprogress = 30\n',
        encoding="utf-8",
    )
    result = run("report", "--as-of", "2024-03-31", "--format", "md")
    assert result.exit_code == 0, result.output
    assert "| 2024年第一季度 |" in _ledger_line(result.stdout, "1")
    assert "| 2023年第四季度 |" in _ledger_line(result.stdout, "2")


# ---------------------------------------------------------------- the time of day, the zone


@pytest.fixture
def in_shanghai(monkeypatch: pytest.MonkeyPatch):
    """This process's clock in China Standard Time (UTC+8), as a town office's computer is."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _created(workbook: Path) -> dt.datetime:
    with zipfile.ZipFile(workbook) as book:
        core = book.read("docProps/core.xml").decode("utf-8")
    found = re.search(r"<dcterms:created[^>]*>([^<]+)</dcterms:created>", core)
    assert found is not None, core
    return dt.datetime.fromisoformat(found.group(1).replace("Z", "+00:00"))


def test_an_exported_workbook_says_when_it_was_made_in_utc(plan_file: Path, in_shanghai):
    """A workbook's 创建时间 is written as UTC (…Z): the local clock written so is eight hours
    ahead in China, after the file's own 修改时间 (which openpyxl writes in UTC). The Word
    report converts; the export and the county's workbook must too."""
    plan_file.write_text(
        '[plan]\ntitle = "测试镇2024年工作计划"\nyear = 2024\n\n'
        '[[item]]\nid = "1"\ntitle = "修路"\n',
        encoding="utf-8",
    )
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    exported = plan_file.parent / "推进情况表.xlsx"
    result = run("export", "--out", str(exported))
    assert result.exit_code == 0, result.output
    county = plan_file.parent / "通报.xlsx"
    result = run("county", str(plan_file), "--out", str(county))
    assert result.exit_code == 0, result.output
    after = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)
    for workbook in (exported, county):
        assert before <= _created(workbook) <= after, workbook.name


# ---------------------------------------------------------------- leap years


def test_a_period_to_the_end_of_february_keeps_its_end_in_a_leap_year(plan_file: Path):
    """A plan from March to February moved to another year (plan header --year, plan new)
    still ends on the last day of February: moved to a leap year from a common one, on the
    29th — not the 28th, which leaves 29 February in no plan's period — and moved back, on
    the 29th it was."""
    plan_file.write_text(
        '[plan]\ntitle = "测试镇2024年度工作计划"\nyear = 2024\nstart = 2024-03-01\n'
        'end = 2025-02-28\n\n[[item]]\nid = "1"\ntitle = "修路"\n',
        encoding="utf-8",
    )
    made = run("new", "2027", "--out", str(plan_file.parent / "2027.toml"))
    assert made.exit_code == 0, made.output
    assert "end = 2028-02-29" in (plan_file.parent / "2027.toml").read_text(encoding="utf-8")
    moved = run("header", "--year", "2023")
    assert moved.exit_code == 0, moved.output
    assert "end = 2024-02-29" in plan_file.read_text(encoding="utf-8")
    back = run("header", "--year", "2024")
    assert back.exit_code == 0, back.output
    assert "end = 2025-02-28" in plan_file.read_text(encoding="utf-8")


# ---------------------------------------------------------------- deadlines typed


def test_a_deadline_or_start_typed_that_plan_check_would_point_out_is_said(
    plan_file: Path, clock: Any
):
    """plan add/edit --due/--start take a deadline before the plan starts, after it ends, or a
    start after the deadline (months typed the wrong way round) without a word, while plan check
    points each out and done --on or plan header say theirs at once: said on stderr, kept."""
    # (within the plan's year: a change dated today after it is said so, session 25 D)
    clock.now = dt.datetime(2024, 3, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    plan_file.write_text(
        '[plan]\ntitle = "测试镇2024年工作计划"\nyear = 2024\nstart = 2024-01-01\n'
        'end = 2024-12-31\n\n[[item]]\nid = "1"\ntitle = "部分"\n\n'
        '[[item]]\nid = "1.1"\ntitle = "修路"\ndue = "2024-06"\n',
        encoding="utf-8",
    )
    swapped = run("add", "1", "建馆", "--start", "9月", "--due", "7月")
    assert swapped.exit_code == 0, swapped.output
    assert "1.2 建馆" in swapped.stderr and "开工日期晚于完成时限" in swapped.stderr
    text = plan_file.read_text(encoding="utf-8")
    assert 'start = "2024-09"' in text and 'due = "2024-07"' in text
    late = run("edit", "1.1", "--due", "2025-03")
    assert late.exit_code == 0, late.output
    assert "完成时限晚于计划结束 2024-12-31" in late.stderr
    assert 'due = "2025-03"' in plan_file.read_text(encoding="utf-8")
    # A date inside the period is no slip; nor is a slip already there named again.
    fine = run("edit", "1.1", "--due", "2024-Q3")
    assert fine.exit_code == 0 and fine.stderr == "", fine.output
    again = run("edit", "1.2", "--title", "建文化馆")
    assert again.exit_code == 0 and again.stderr == "", again.output


CST = dt.timezone(dt.timedelta(hours=8))

# A plan whose trace holds an entry written later than the clock of the next change: a
# colleague's clock a few minutes fast just before midnight, or a year typed wrong by hand.
_AHEAD = """[plan]
title = "测试镇2024年工作计划"
year = 2024
start = 2024-01-01
end = 2024-12-31

[[item]]
id = "1"
title = "部分"

[[item]]
id = "1.1"
title = "修路"

[[item]]
id = "1.2"
title = "建馆"

[[item.log]]
at = {ahead}
by = "王五"
action = "note"
note = "已开工"
"""


@pytest.mark.parametrize(
    "ahead",
    ["2024-07-06T00:05:00+08:00", "2025-07-01T09:00:00+08:00"],
    ids=["a clock a few minutes fast", "a year typed wrong"],
)
def test_a_change_counts_on_the_day_it_was_made_after_an_entry_written_later(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, ahead: str
):
    """A change is written after every entry in the trace (its `at` one microsecond after the
    newest), so one made at 23:58 on 5 July after an entry stamped 00:05 on 6 July is stamped
    6 July; it must still count on 5 July, the day it was made (its `on`), in every as-of
    view: the progress, and the task added."""
    from quanhu_plan.changes import Stamp

    plan_file.write_text(_AHEAD.format(ahead=ahead), encoding="utf-8")
    now = dt.datetime(2024, 7, 5, 23, 58, tzinfo=CST)
    monkeypatch.setattr(Stamp, "current", classmethod(lambda cls, by: cls(by, now)))
    assert run("progress", "1.1", "40").exit_code == 0
    assert run("add", "1", "修桥").exit_code == 0
    tasks = tasks_json("--as-of", "2024-07-05")
    assert tasks["1.1"]["completion"] == 0.4 and tasks["1.1"]["status"] == "doing"
    assert "1.3" in tasks
