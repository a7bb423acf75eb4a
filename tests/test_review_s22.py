"""Session 22 review: this session's changes attacked with inputs their authors did not try.

Each test shows one defect, through the command a user runs: what it printed, its exit code and
what is on disk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan


@pytest.fixture(autouse=True)
def login_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("getpass.getuser", lambda: "clerk")


# ------------------------------------------------- 1. plan check on an entry dated ahead


def test_check_on_an_entry_dated_ahead_says_what_the_views_do_with_it(
    runner: CliRunner, plan_file: Path
) -> None:
    """plan progress --on a day ahead (allowed, with a notice) is counted by today's views,
    which say 现状（记录至 …）. plan check said of that entry that 今天的各项视图里没有它 (no
    view of today counts it): untrue, so an office looking for the missing figure was misled.
    It now says that today's views count it, and --as-of a day before it does not."""
    ahead = dt.date.today() + dt.timedelta(days=10)
    year = ahead.year
    items = [{"id": "1", "title": "基础设施"}, {"id": "1.1", "title": "修塘"}]
    write_plan(
        plan_file,
        items,
        title=f"测试镇{year}年工作计划",
        year=year,
        start=dt.date(year, 1, 1),
        end=dt.date(year, 12, 31),
    )
    recorded = runner.invoke(app, ["progress", "1.1", "60", "--on", ahead.isoformat()])
    assert recorded.exit_code == 0, recorded.output
    shown = runner.invoke(app, ["show", "1.1"])
    assert shown.exit_code == 0, shown.output
    assert "60%" in shown.output  # today's view counts the entry dated ahead
    before = plan_file.read_bytes()
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    assert f"发现 {ahead}" in result.output
    assert "今天的各项视图里没有它" not in result.output
    assert "今天的视图已把它算在现状里" in result.output
    assert f"按 --as-of 查看 {ahead} 之前的日子时不计入" in result.output
    english = runner.invoke(app, ["--lang", "en", "check"])
    assert english.exit_code == 0, english.output
    assert "no view of today counts it" not in english.output
    assert "today's views count it" in english.output
    assert plan_file.read_bytes() == before


# ------------------------- 3. plan check on a plan imported with a column of words kept


def test_check_does_not_advise_a_figure_field_for_words_kept_under_a_column_name(
    runner: CliRunner, plan_file: Path
) -> None:
    """A plan imported before this session kept its 1-6月完成 column of words as a field
    ("1-6月完成" = "已完成主体工程"). Since the header's ending names the figure reached,
    plan check said of it 是不是要写 actual？: words cannot be a figure, and an office that
    renamed the field as told got a file refused (actual must be a number). Words kept under a
    column's name are no slip for a figure field; a figure kept so still is."""
    items = [
        {"id": "1", "title": "基础设施"},
        {"id": "1.1", "title": "新建村级活动场所", "1-6月完成": "已完成主体工程"},
        {"id": "1.2", "title": "改造农村公厕", "measure": "座", "target": 5, "1-6月完成": 2},
    ]
    write_plan(plan_file, items)
    before = plan_file.read_bytes()
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    assert "已完成主体工程" not in result.output
    assert "事项 1.2，字段 1-6月完成" in result.output
    assert "是不是要写 actual" in result.output
    assert plan_file.read_bytes() == before
