"""Helper F's review of session 20's changes with hostile inputs: what broke or was left open."""

from __future__ import annotations

from typing import Any

import openpyxl
from typer.testing import CliRunner

from .test_import import items_of, run

runner = CliRunner()


# ---------------------------------------------------------------- a July-to-June ledger

LEAP_SCHOOL_YEAR: list[list[Any]] = [
    ["泉湖中学2023-2024学年工作台账"],
    ["年度：2023  计划期：2023-07-01至2024-06-30"],
    ["序号", "工作任务", "责任单位", "完成时限"],
    [1, "秋季招生", "教务处", "9月底前"],
    [2, "开学准备", "校办", "2月29日"],  # 2024-02-29: in the period; 2023 has no such day
]


def test_a_day_only_the_periods_leap_year_has_is_read_in_that_year(tmp_path, plan_file):
    book = openpyxl.Workbook()
    for row in LEAP_SCHOOL_YEAR:
        book.active.append(row)
    book.save(tmp_path / "台账.xlsx")
    result = run(str(tmp_path / "台账.xlsx"))
    assert result.exit_code == 0, result.output
    dues = {i: str(item["due"]) for i, item in items_of(plan_file).items()}
    assert dues == {"1": "2023-09", "2": "2024-02-29"}, dues
