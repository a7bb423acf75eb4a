"""Session 25 (E): import and due-date leftovers, through the commands an office runs: a lone
1-6月 column, deadline words that are no date (长期坚持, 每月, 10个工作日内), ``--on`` without
a year, units joined by a slash (党政办/综治办). Each test checks what was printed, the exit
code and what is on disk."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app


def _workbook(path: Path, rows: list[list[Any]]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _items(path: Path) -> dict[str, dict[str, Any]]:
    return {i["id"]: i for i in tomllib.loads(path.read_text(encoding="utf-8"))["item"]}


def _progress_table(folder: Path, title: str = "泉湖镇2023年重点工作推进情况表") -> Path:
    return _workbook(
        folder / "推进情况表.xlsx",
        [
            [title],
            ["序号", "工作任务", "牵头单位", "完成时限", "进展情况"],
            [1, "新建高标准农田", "农业办", "年底前", "已完成土地平整"],
        ],
    )


# ---------------------------------------------------------------- --on without a year


def test_on_without_a_year_is_read_in_the_plans_year_and_said(
    runner: CliRunner, isolated: Path
) -> None:
    """--on 6月30日 for a table titled 2023: refused before, with "如 2026-06-30" (this year)
    as the advice; now the note is dated 2023-06-30, the plan's year, and stderr says so."""
    table = _progress_table(isolated.parent)
    result = runner.invoke(app, ["import", str(table), "--on", "6月30日", "-o", "out.toml"])
    assert result.exit_code == 0, result.output
    assert _items(isolated.parent / "out.toml")["1"]["log"] == [
        {"on": __import__("datetime").date(2023, 6, 30), "note": "已完成土地平整"}
    ]
    assert "--on 6月30日 读作 2023-06-30" in result.stderr, result.stderr
    assert "2026" not in result.output


def test_on_without_a_year_in_a_july_to_june_plan_takes_the_year_that_puts_it_inside(
    runner: CliRunner, isolated: Path
) -> None:
    """A plan from 2023-07-01 to 2024-06-30 (its 计划期 line): 3月31日 is 2024-03-31; said in
    English too for an English run."""
    table = _workbook(
        isolated.parent / "表.xlsx",
        [
            ["泉湖镇2023年重点工作推进情况表"],
            ["计划期：2023年7月至2024年6月"],
            ["序号", "工作任务", "牵头单位", "完成时限", "进展情况"],
            [1, "新建高标准农田", "农业办", "2024年3月底", "已完成土地平整"],
        ],
    )
    result = runner.invoke(app, ["import", str(table), "--on", "3月31日", "-o", "out.toml"])
    assert result.exit_code == 0, result.output
    assert _items(isolated.parent / "out.toml")["1"]["log"][0]["on"].isoformat() == "2024-03-31"
    assert "--on 3月31日 读作 2024-03-31" in result.stderr, result.stderr


def test_on_without_a_year_that_is_no_day_of_the_plans_year_is_refused(
    runner: CliRunner, isolated: Path
) -> None:
    """2月29日 in a 2023 plan: no such day; a usage error naming it, nothing written."""
    table = _progress_table(isolated.parent)
    result = runner.invoke(app, ["import", str(table), "--on", "2月29日", "-o", "out.toml"])
    assert result.exit_code == 2, result.output
    assert "2月29日" in result.stderr and "2023" in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert not (isolated.parent / "out.toml").exists()


def test_on_with_a_year_is_not_said_back(runner: CliRunner, isolated: Path) -> None:
    table = _progress_table(isolated.parent)
    result = runner.invoke(app, ["import", str(table), "--on", "2023-06-30", "-o", "out.toml"])
    assert result.exit_code == 0, result.output
    assert "读作" not in result.stderr or "--on" not in result.stderr
