"""Leftovers found in earlier sessions (session 28, task D): each test fails on the code as it
was."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import openpyxl
from typer.testing import CliRunner

from quanhu_plan.cli import app
from tests.conftest import CST, Clock, write_plan

runner = CliRunner()


def run(*args: str) -> Any:
    return runner.invoke(app, list(args))


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


# 1. A finished plan (every task done, its latest record long past) exported today was dated
# today, while its year-end report is dated at its latest record: the two tables of one plan
# disagreed on the day they stand at.

FINISHED = [
    {"id": "1", "title": "基础设施"},
    {"id": "1.1", "title": "修塘", "due": dt.date(2023, 10, 31)},
    {"id": "1.2", "title": "安装路灯", "status": "done", "done_on": dt.date(2023, 3, 1)},
]


def test_an_export_of_a_finished_plan_is_dated_at_its_latest_record_as_the_report_is(
    plan_file: Path, clock: Clock, tmp_path: Path
) -> None:
    write_plan(plan_file, FINISHED)
    clock.now = dt.datetime(2024, 1, 15, 10, tzinfo=CST)  # ticked off after the plan's end
    assert run("done", "1.1").exit_code == 0
    assert dt.date.today() > dt.date(2024, 1, 15)  # the records are long past
    report = run("report")
    assert report.exit_code == 0, report.output
    assert "截至2024年1月15日" in report.output
    exported = run("export")
    assert exported.exit_code == 0, exported.output
    rows = csv_rows(exported.stdout_bytes)
    assert rows[0][0] == "测试镇2023年工作计划（截至2024年1月15日）"
    workbook = tmp_path / "表.xlsx"
    written = run("export", "--out", str(workbook))
    assert written.exit_code == 0, written.output
    assert "截至 2024-01-15" in written.output
    sheet = openpyxl.load_workbook(workbook).active
    assert sheet["A1"].value == "测试镇2023年工作计划（截至2024年1月15日）"
    # With --as-of the day asked for, as before.
    rows = csv_rows(run("export", "--as-of", "2023-12-31").stdout_bytes)
    assert rows[0][0] == "测试镇2023年工作计划（截至2023年12月31日）"
