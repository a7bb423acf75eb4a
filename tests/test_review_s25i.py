"""Session 25 (I): review of the session's merged work, through the commands an office runs.

- A deadline's words kept by the import beside ``due`` (办结时限原文 = "收到通知后10个工作日内",
  "11月20日前（土地封冻前）", 长期坚持) stayed after plan edit --due set another deadline, so
  plan show, the export and its import again said both the new day and the old words.
- An English sheet's "Deadline (as written)" was taken for a slip for ``due``.
- --who Mayor found the Deputy Mayor's tasks (as 乡长 no longer finds the 副乡长's).
- PLAN_FILE naming a folder did not say the path came from PLAN_FILE.
- A count with no day to count from (15个工作日内) gave an example day of 2025."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app


def _ledger(folder: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in [
        ["泉湖镇2023年督查督办台账"],
        ["序号", "督办事项", "承办单位", "交办日期", "办结时限"],
        [1, "信访件办理", "综治办", dt.date(2023, 6, 1), "收到通知后10个工作日内"],
        [2, "矛盾纠纷排查", "综治办", dt.date(2023, 6, 1), "长期坚持"],
        [3, "秸秆禁烧", "农业办", dt.date(2023, 6, 1), "11月20日前（土地封冻前）"],
    ]:
        sheet.append(row)
    path = folder / "台账.xlsx"
    book.save(path)
    return path


def _items(path: Path) -> dict[str, dict[str, Any]]:
    return {i["id"]: i for i in tomllib.loads(path.read_text(encoding="utf-8"))["item"]}


def test_a_new_deadline_drops_the_old_deadline_words_and_undo_brings_them_back(
    tmp_path: Path,
) -> None:
    runner = CliRunner()
    plan = tmp_path / "out.toml"
    result = runner.invoke(app, ["import", str(_ledger(tmp_path)), "-o", str(plan)])
    assert result.exit_code == 0, result.output
    assert _items(plan)["3"]["办结时限原文"] == "11月20日前（土地封冻前）"
    for item, due in (("1", "2023-08-31"), ("2", "2023-12-31"), ("3", "2023-12-15")):
        edited = runner.invoke(
            app, ["-f", str(plan), "edit", item, "--due", due, "--on", "2023-07-01"]
        )
        assert edited.exit_code == 0, edited.output
        assert "办结时限原文" in edited.output, edited.output  # (the line says it went)
    items = _items(plan)
    assert all("办结时限原文" not in items[i] for i in "123"), items
    assert items["3"]["due"] == dt.date(2023, 12, 15)
    shown = runner.invoke(app, ["-f", str(plan), "show", "3"])
    assert "土地封冻前" not in shown.output.split("进展情况")[0], shown.output
    out = tmp_path / "e.xlsx"
    assert runner.invoke(app, ["-f", str(plan), "export", "--out", str(out)]).exit_code == 0
    back = tmp_path / "back.toml"
    assert runner.invoke(app, ["import", str(out), "-o", str(back)]).exit_code == 0
    again = _items(back)
    assert again["3"]["due"] == dt.date(2023, 12, 15) and "办结时限原文" not in again["3"], again
    undone = runner.invoke(app, ["-f", str(plan), "undo"])
    assert undone.exit_code == 0, undone.output
    assert _items(plan)["3"]["办结时限原文"] == "11月20日前（土地封冻前）"
    assert _items(plan)["3"]["due"] == dt.date(2023, 11, 20)


def test_other_fields_edited_keep_the_deadline_words(tmp_path: Path) -> None:
    runner = CliRunner()
    plan = tmp_path / "out.toml"
    assert runner.invoke(app, ["import", str(_ledger(tmp_path)), "-o", str(plan)]).exit_code == 0
    edited = runner.invoke(
        app, ["-f", str(plan), "edit", "2", "--owner", "张三", "--on", "2023-07-01"]
    )
    assert edited.exit_code == 0, edited.output
    assert _items(plan)["2"]["办结时限原文"] == "长期坚持"
    # --due "" says the 办结时限 is empty: the words of it go too (session 28: they are what
    # --due 长期坚持 writes, and nothing else would take them away)
    cleared = runner.invoke(app, ["-f", str(plan), "edit", "2", "--due", "", "--on", "2023-07-01"])
    assert cleared.exit_code == 0 and "办结时限原文" not in _items(plan)["2"]


def test_an_english_deadline_kept_as_written_is_not_taken_for_a_slip(tmp_path: Path) -> None:
    """An English sheet's "ongoing" is kept as "Deadline (as written)", as 长期坚持 is as
    完成时限原文; the import (and plan check) then said of its own field "is not a field of a
    plan … was due meant?", where the task has no due."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in [
        ["Springfield 2023 work plan"],
        ["No.", "Task", "Lead unit", "Deadline"],
        [1, "Fix roads", "Transport office", "Nov 20 (before the freeze)"],
        [2, "Clean the river", "Water office", "ongoing"],
    ]:
        sheet.append(row)
    table = tmp_path / "plan.xlsx"
    book.save(table)
    plan = tmp_path / "out.toml"
    runner = CliRunner()
    result = runner.invoke(app, ["import", str(table), "-o", str(plan)])
    assert result.exit_code == 0, result.output
    assert _items(plan)["2"]["Deadline (as written)"] == "ongoing"
    assert "not a field" not in result.output, result.output
    checked = runner.invoke(app, ["-f", str(plan), "check"])
    assert "not a field" not in checked.output, checked.output


def test_who_finds_the_mayors_tasks_not_the_deputy_mayors_in_an_english_plan(
    tmp_path: Path,
) -> None:
    """list --who 乡长 leaves the 副乡长's tasks out since this session; --who Mayor in an
    English plan still listed the Deputy Mayor's and the Vice-Mayor's."""
    from .conftest import write_plan

    plan = write_plan(
        tmp_path / "plan.toml",
        [
            {"id": "1", "title": "Roads"},
            {"id": "1.1", "title": "Fix the bridge", "lead": "Mayor"},
            {"id": "1.2", "title": "Light the square", "lead": "Deputy Mayor"},
            {"id": "1.3", "title": "Clean the river", "lead": "Vice-Mayor Li"},
            {"id": "1.4", "title": "Plant trees", "lead": "Party Secretary; Deputy Mayor"},
        ],
        title="Springfield 2023 work plan",
        organisation="Springfield",
        lang="en",
    )
    runner = CliRunner()
    listed = runner.invoke(app, ["-f", str(plan), "list", "--who", "Mayor"])
    assert listed.exit_code == 0, listed.output
    assert "1.1" in listed.output and "1.2" not in listed.output, listed.output
    assert "1.3" not in listed.output and "1.4" not in listed.output, listed.output
    deputies = runner.invoke(app, ["-f", str(plan), "list", "--who", "deputy mayor"])
    assert "1.2" in deputies.output and "1.4" in deputies.output, deputies.output
    assert "1.1" not in deputies.output, deputies.output


def test_plan_file_naming_a_folder_says_the_path_came_from_plan_file(tmp_path: Path) -> None:
    """PLAN_FILE naming a file not there says it came from PLAN_FILE since this session;
    naming a folder (PLAN_FILE=D:\\镇计划, the folder not the file) it did not."""
    runner = CliRunner()
    for lang, said in (
        ("zh", "这个路径来自环境变量 PLAN_FILE"),
        ("en", "comes from the environment"),
    ):
        result = runner.invoke(
            app, ["--lang", lang, "status"], env={"PLAN_FILE": str(tmp_path), "PLAN_LANG": ""}
        )
        assert result.exit_code != 0 and "Traceback" not in result.output, result.output
        assert said in result.output, result.output
    typed = runner.invoke(app, ["-f", str(tmp_path), "status"], env={"PLAN_FILE": ""})
    assert typed.exit_code != 0 and "来自环境变量" not in typed.output, typed.output


def test_a_count_with_no_day_to_count_from_gives_an_example_in_the_plans_year(
    tmp_path: Path,
) -> None:
    """15个工作日内 with no 交办日期 was refused with an example day of 2025 (--start 2025-04-07,
    如 2025-03-03) to an office keeping a 2023 plan; the example is in the plan's year now."""
    import openpyxl

    runner = CliRunner()
    plan = tmp_path / "out.toml"
    assert runner.invoke(app, ["import", str(_ledger(tmp_path)), "-o", str(plan)]).exit_code == 0
    added = runner.invoke(
        app, ["-f", str(plan), "add", "0", "整治占道经营", "--due", "15个工作日内"]
    )
    assert added.exit_code == 2 and "--start 2023-04-07" in added.output, added.output
    book = openpyxl.Workbook()
    for row in [
        ["泉湖镇2023年督查督办台账"],
        ["序号", "督办事项", "承办单位", "办结时限"],
        [1, "信访件办理", "综治办", "收到通知后10个工作日内"],
    ]:
        book.active.append(row)
    book.save(tmp_path / "无交办日期.xlsx")
    refused = runner.invoke(app, ["import", str(tmp_path / "无交办日期.xlsx"), "-o", "x.toml"])
    assert refused.exit_code != 0 and "如 2023-03-03" in refused.output, refused.output
    assert "2025" not in refused.output, refused.output
