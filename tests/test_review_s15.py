"""Review of the s15 merges: defects found, each with its test."""

from __future__ import annotations

import openpyxl
import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .test_attack_git import tree_order
from .test_git_merge import county, git, git_env  # noqa: F401 - fixtures

runner = CliRunner()


@pytest.fixture()
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "cache"))
    return tmp_path


def _ledger(path, above: str) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2024年某镇重点工作任务台账"])
    sheet.append([above])
    sheet.append(["序号", "重点任务", "责任单位", "完成时限"])
    sheet.append([1, "道路硬化", "交通站", "2024-12-31"])
    book.save(path)


@pytest.mark.parametrize(
    ("above", "year"),
    [("上年度：2023年完成情况见附件", 2024), ("填报单位：某镇\u3000\u3000年度：2023", 2023)],
)
def test_import_an_earlier_year_under_the_title_is_not_the_plans_year(in_tmp, above, year):
    """An office's own line under a 2024 title that speaks of the year before (上年度：2023…)
    is not plan export's 年度： line: the plan stays 2024 (it was made a 2023 plan, every
    deadline 'after the plan's end'); the export's own line still reads back."""
    _ledger(in_tmp / "台账.xlsx", above)
    result = runner.invoke(app, ["import", "台账.xlsx"])
    assert result.exit_code == 0, result.output
    text = (in_tmp / "plan.toml").read_text("utf-8")
    assert f"year = {year}" in text, text


# ---------------------------------------------------------------- the merged order


def test_their_move_keeps_its_place_when_ours_moved_the_item_it_followed(county):  # noqa: F811
    """Office A moves 1.1 under 2 (last, after 2.3); office B moves 2.3 under 1. The merge hangs
    1.1 after 2.3 wherever 2.3 went, so 1.1 lands first under 2, before 2.1 and 2.2."""
    a, b = county
    a.plan("move", "1.1", "2", "--by", "甲")
    git(a.folder, "commit", "-qam", "1.1 to 2")
    git(a.folder, "push", "-q")
    b.plan("move", "2.3", "1", "--by", "乙")
    b.commit_and_pull()
    assert tree_order(b.plan_file) == ["1", "1.2", "1.3", "2.3", "2", "2.1", "2.2", "1.1"]


def test_their_new_item_stays_last_when_ours_moved_the_item_it_followed(county):  # noqa: F811
    """Office A adds 2.4 under 2 (after 2.3); office B moves 2.3 under 1: 2.4 stays last under
    2, not first (it was hung after 2.3, wherever 2.3 went)."""
    a, b = county
    a.plan("add", "2", "新建村级活动中心", "--by", "甲")
    git(a.folder, "commit", "-qam", "2.4")
    git(a.folder, "push", "-q")
    b.plan("move", "2.3", "1", "--by", "乙")
    b.commit_and_pull()
    assert tree_order(b.plan_file) == ["1", "1.1", "1.2", "1.3", "2.3", "2", "2.1", "2.2", "2.4"]


# ---------------------------------------------------------------- export, then import


def test_a_plan_year_named_by_its_end_keeps_its_period_through_export_and_import(in_tmp):
    """A July-to-June plan named by the year it ends in (year = 2024, 2023-07-01 to
    2024-06-30): the export writes 年度：2024 and 计划期：2023-07-01至2024-06-30, and the import
    took the period only where it starts in the year, making the plan calendar 2024."""
    assert runner.invoke(app, ["init"]).exit_code == 0
    header = ["header", "--title", "泉湖镇工作计划", "--year", "2024"]
    result = runner.invoke(app, [*header, "--start", "2023-07-01", "--end", "2024-06-30"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["export", "-o", "表.xlsx"]).exit_code == 0
    (in_tmp / "back").mkdir()
    result = runner.invoke(app, ["-f", "back/plan.toml", "import", "表.xlsx"])
    assert result.exit_code == 0, result.output
    text = (in_tmp / "back" / "plan.toml").read_text("utf-8")
    assert "year = 2024\nstart = 2023-07-01\nend = 2024-06-30\n" in text, text[:300]
