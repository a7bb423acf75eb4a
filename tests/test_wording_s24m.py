"""Session 24 (M): wording and layout leftovers of the audit of every command in both
languages. Each test runs a command as the office did and checks what was printed, the exit
code and what is on disk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import CST, Clock


def test_chinese_show_and_log_bracket_and_colon_in_full_width(
    town_plan: Path, clock: Clock, runner: CliRunner
) -> None:
    """`plan show 1.1` read 1.1 全力实施乡村振兴战略  (目标) and `plan log` read 销号 (已撤销) and
    状态: 未开始 → 已完成: half-width brackets and colons inside Chinese text, where every other
    Chinese view writes （）and ：. They now read （目标）, （已撤销） and 状态：未开始 → 已完成;
    English keeps (goal), (undone) and Status: not started → done."""
    clock.now = dt.datetime(2023, 3, 1, 9, tzinfo=CST)
    assert runner.invoke(app, ["done", "1.1.1"]).exit_code == 0
    assert runner.invoke(app, ["undo"]).exit_code == 0
    before = town_plan.read_text(encoding="utf-8")

    show = runner.invoke(app, ["show", "1.1"])
    assert show.exit_code == 0, show.output
    assert show.stdout.splitlines()[0].rstrip() == "1.1 全力实施乡村振兴战略（目标）"
    task = runner.invoke(app, ["show", "1.1.1"])
    assert task.stdout.splitlines()[0].rstrip() == "1.1.1 因地制宜发展优势产业（任务）"

    for width in ("120", "80", "60", "36"):
        log = runner.invoke(app, ["log"], env={"COLUMNS": width})
        assert log.exit_code == 0, log.output
        assert "（已撤销）" in log.stdout, (width, log.stdout)
        assert "(已撤销)" not in log.stdout and "状态:" not in log.stdout, (width, log.stdout)
        assert "完成日期:" not in log.stdout, (width, log.stdout)
    wide = runner.invoke(app, ["log"])
    assert "状态：未开始 → 已完成" in wide.stdout

    english = runner.invoke(app, ["--lang", "en", "show", "1.1"])
    assert english.stdout.splitlines()[0].rstrip() == "1.1 全力实施乡村振兴战略  (goal)"
    english_log = runner.invoke(app, ["--lang", "en", "log"])
    assert "(undone)" in english_log.stdout
    assert "Status: not started → done" in english_log.stdout
    assert town_plan.read_text(encoding="utf-8") == before  # views write nothing


def test_chinese_list_and_header_write_a_full_width_colon(
    town_plan: Path, runner: CliRunner
) -> None:
    """`plan list` read 责任: 李明 · 完成时限: 2023-06-30 and `plan header` 计划名称: 泉湖镇…;
    now 责任：李明, 完成时限：2023-06-30, 计划名称：…, 文件：…; English keeps Owner: and Title:."""
    edit = runner.invoke(app, ["edit", "1.1.1", "--owner", "李明", "--due", "2023-06-30"])
    assert edit.exit_code == 0, edit.output
    for width in ("120", "60"):
        listed = runner.invoke(app, ["list"], env={"COLUMNS": width})
        assert listed.exit_code == 0, listed.output
        assert "责任：李明" in listed.stdout and "完成时限：2023-06-30" in listed.stdout
        assert "责任:" not in listed.stdout and "完成时限:" not in listed.stdout
    header = runner.invoke(app, ["header"])
    assert header.exit_code == 0, header.output
    assert "计划名称：泉湖镇2023年工作计划" in header.stdout
    assert f"文件：{town_plan}" in header.stdout.replace("\n  ", "")
    english = runner.invoke(app, ["--lang", "en", "header"])
    assert "Title: 泉湖镇2023年工作计划" in english.stdout
    assert "李明" in town_plan.read_text(encoding="utf-8")


def test_the_english_report_writes_a_chinese_unit_after_its_number_as_the_other_views_do(
    town_plan: Path, clock: Clock, runner: CliRunner
) -> None:
    """`plan report --lang en` wrote 3.1 万亩 done (a space before a Chinese unit) where show,
    log and import write 3.1万亩: the English report now writes 3.1万亩 too, in its sentences
    and its ledger."""
    clock.now = dt.datetime(2023, 6, 1, 9, tzinfo=CST)
    assert runner.invoke(app, ["record", "5.5.1", "3.1"]).exit_code == 0
    for form in ("md", "txt", "json"):
        report = runner.invoke(app, ["--lang", "en", "report", "--format", form])
        assert report.exit_code == 0, report.output
        assert "3.1万亩" in report.stdout, (form, report.stdout)
        assert "3.1 万亩" not in report.stdout, form
    show = runner.invoke(app, ["--lang", "en", "show", "5.5.1"])
    assert "3.1万亩" in show.stdout
    assert not list(town_plan.parent.glob("*.md"))  # printed, not written
