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


# ---------------------------------------------------------------- units joined by a slash


def _shared_table(folder: Path) -> Path:
    return _workbook(
        folder / "台账.xlsx",
        [
            ["泉湖镇2023年重点工作台账"],
            ["序号", "工作任务", "牵头单位", "责任人", "完成时限"],
            [1, "矛盾纠纷排查化解", "党政办/综治办", "", "年底前"],
            [2, "财政收入", "经发办／财政所", "王五", "年底前"],
            [3, "禁毒宣传", "综治办", "", "年底前"],
            [4, "机关食堂", "党政办（后勤/食堂）", "", "年底前"],
        ],
    )


def test_units_joined_by_a_slash_are_two_units(runner: CliRunner, isolated: Path) -> None:
    """党政办/综治办 in 牵头单位 came in as one unit of that name: the ledger's 责任单位/责任人
    then read 党政办/综治办 as unit 党政办 and owner 综治办. A slash between two names (not in
    brackets) now joins two units, as 、 does."""
    table = _shared_table(isolated.parent)
    result = runner.invoke(app, ["import", str(table), "-o", "out.toml"])
    assert result.exit_code == 0, result.output
    items = _items(isolated.parent / "out.toml")
    assert items["1"]["lead_unit"] == ["党政办", "综治办"]
    assert items["2"]["lead_unit"] == ["经发办", "财政所"]
    assert items["4"]["lead_unit"] == "党政办（后勤/食堂）"
    listed = runner.invoke(app, ["-f", "out.toml", "list", "--who", "综治办"])
    assert listed.exit_code == 0, listed.output
    assert "矛盾纠纷排查化解" in listed.output and "禁毒宣传" in listed.output
    assert "财政收入" not in listed.output


def test_a_plan_written_with_a_slash_gives_both_units_in_the_ledger(
    runner: CliRunner, isolated: Path
) -> None:
    """A plan file typed by hand with lead_unit = "党政办/综治办": the report's ledger writes
    its 责任单位/责任人 as 党政办、综治办 (the units) and no owner, not 党政办/综治办 (a unit and
    an owner); the by-unit view counts the task under each."""
    from tests.conftest import write_plan

    write_plan(
        isolated,
        [
            {"id": "1", "title": "平安建设"},
            {"id": "1.1", "title": "矛盾纠纷排查化解", "lead_unit": "党政办/综治办"},
            {"id": "1.2", "title": "财政收入", "lead_unit": "经发办/财政所", "owner": "王五"},
        ],
    )
    from quanhu_plan.names import split_names

    assert split_names("党政办/综治办") == ["党政办", "综治办"]
    assert split_names("Transport office/Police") == ["Transport office/Police"]
    assert split_names("党政办（后勤/食堂）") == ["党政办（后勤/食堂）"]
    report = runner.invoke(app, ["report", "--format", "md", "--as-of", "2023-06-30"])
    assert report.exit_code == 0, report.output
    assert "党政办、综治办" in report.output, report.output
    assert "经发办、财政所/王五" in report.output, report.output


# ---------------------------------------------------------------- a lone 1-6月 column


def _half_year_table(folder: Path, header: str, cells: tuple[Any, Any]) -> Path:
    return _workbook(
        folder / "分解表.xlsx",
        [
            ["泉湖镇2023年重点工作任务分解表"],
            ["序号", "工作任务", "牵头单位", "完成时限", "目标值", "计量单位", header],
            [1, "新建高标准农田", "农业办", "年底前", 2000, "亩", cells[0]],
            [2, "农村改厕", "卫生院", "年底前", 300, "户", cells[1]],
        ],
    )


def test_a_lone_1_to_6_column_is_a_half_year_milestone_and_said_so(
    runner: CliRunner, isolated: Path
) -> None:
    """A lone 1-6月 column (no 1-3月, 1-9月 beside it) was read as a June milestone without a
    word: the office could not tell it from the figure reached by June. It is still the figure
    due by 6月30日 (a 目标任务分解表's half-year share), and the dry run and the import say so,
    with the way to read it as the figure reached instead."""
    table = _half_year_table(isolated.parent, "1-6月", (1200, "完成60%"))
    dry = runner.invoke(app, ["import", str(table), "--dry-run", "-o", "out.toml"])
    assert dry.exit_code == 0, dry.output
    said = [line for line in dry.stderr.splitlines() if "1-6月" in line]
    assert said and "上半年" in said[0] and "时间节点" in said[0], dry.stderr
    assert "--map 1-6月=actual" in dry.stderr, dry.stderr
    result = runner.invoke(app, ["import", str(table), "-o", "out.toml"])
    assert result.exit_code == 0, result.output
    assert "--map 1-6月=actual" in result.stderr
    items = _items(isolated.parent / "out.toml")
    assert items["1"]["milestone"] == [{"due": "2023-06", "value": 1200}]
    assert items["2"]["milestone"] == [{"due": "2023-06", "progress": 60}]
    english = runner.invoke(
        app, ["--lang", "en", "import", str(table), "--dry-run", "-o", "x.toml"]
    )
    assert "half-year" in english.stderr and "--map 1-6月=actual" in english.stderr, english.stderr


def test_a_monthly_series_is_not_said_to_be_a_half_year(runner: CliRunner, isolated: Path) -> None:
    table = _workbook(
        isolated.parent / "分解表.xlsx",
        [
            ["泉湖镇2023年重点工作任务分解表"],
            ["序号", "工作任务", "完成时限", "目标值", "计量单位", "1-3月", "1-6月", "1-9月"],
            [1, "新建高标准农田", "年底前", 2000, "亩", 500, 1200, 1800],
        ],
    )
    result = runner.invoke(app, ["import", str(table), "-o", "out.toml"])
    assert result.exit_code == 0, result.output
    assert "上半年" not in result.stderr, result.stderr
    assert len(_items(isolated.parent / "out.toml")["1"]["milestone"]) == 3


def test_a_1_to_6_target_column_is_a_milestone_and_not_said(
    runner: CliRunner, isolated: Path
) -> None:
    """1-6月目标 says what it is: a milestone, nothing to say."""
    table = _half_year_table(isolated.parent, "1-6月目标", (1200, "完成60%"))
    result = runner.invoke(app, ["import", str(table), "-o", "out.toml"])
    assert result.exit_code == 0, result.output
    assert "--map" not in result.stderr, result.stderr
    assert _items(isolated.parent / "out.toml")["1"]["milestone"] == [
        {"due": "2023-06", "value": 1200}
    ]


def test_a_1_to_6_progress_note_is_dated_the_end_of_june(runner: CliRunner, isolated: Path) -> None:
    """1-6月完成情况 (the progress note) with nothing else dating it was dated today, kept in
    the plan's year: 2023-12-31 for a note of how things stood at the end of June."""
    table = _half_year_table(isolated.parent, "1-6月完成情况", ("已完成1200亩", "完成60%"))
    result = runner.invoke(app, ["import", str(table), "-o", "out.toml"])
    assert result.exit_code == 0, result.output
    items = _items(isolated.parent / "out.toml")
    assert [entry["on"].isoformat() for entry in items["1"]["log"]] == ["2023-06-30"]
    assert items["1"]["log"][0]["note"] == "已完成1200亩"
    assert "milestone" not in items["1"]
    given = runner.invoke(app, ["import", str(table), "-o", "on.toml", "--on", "2023-07-05"])
    assert given.exit_code == 0, given.output
    assert _items(isolated.parent / "on.toml")["1"]["log"][0]["on"].isoformat() == "2023-07-05"


# ---------------------------------------------------------------- deadline words


def test_deadline_words_that_are_no_date_are_kept_as_written(
    runner: CliRunner, isolated: Path
) -> None:
    """长期坚持 and 持续推进 gave no due and left no trace of what the office wrote; a 办结时限
    of 15个工作日内 became the day counted to, its words gone. Both are now kept as the
    column's words (完成时限原文, 办结时限原文), shown by plan show and exported, and the day
    counted is said."""
    import datetime as dt

    table = _workbook(
        isolated.parent / "督办台账.xlsx",
        [
            ["泉湖镇2023年督查督办台账"],
            ["序号", "督办事项", "承办单位", "交办日期", "办结时限"],
            [1, "信访件办理", "综治办", dt.date(2023, 6, 1), "收到通知后10个工作日内"],
            [2, "矛盾纠纷排查", "综治办", dt.date(2023, 6, 1), "长期坚持"],
            [3, "安全生产检查", "安监站", dt.date(2023, 6, 1), "持续推进"],
            [4, "秸秆禁烧", "农业办", dt.date(2023, 6, 1), "年底前"],
        ],
    )
    result = runner.invoke(app, ["import", str(table), "-o", "out.toml"])
    assert result.exit_code == 0, result.output
    assert "“收到通知后10个工作日内”从 2023-06-01 算起为 2023-06-15" in result.stderr, result.stderr
    items = _items(isolated.parent / "out.toml")
    assert items["1"]["due"] == dt.date(2023, 6, 15)
    assert items["1"]["办结时限原文"] == "收到通知后10个工作日内"
    assert "due" not in items["2"] and items["2"]["办结时限原文"] == "长期坚持"
    assert "due" not in items["3"] and items["3"]["办结时限原文"] == "持续推进"
    assert "办结时限原文" not in items["4"]  # (年底前 is the due itself: nothing more to keep)
    shown = runner.invoke(app, ["-f", "out.toml", "show", "2"])
    assert "长期坚持" in shown.output, shown.output
    runner.invoke(app, ["-f", "out.toml", "export", "--out", "表.xlsx"])
    back = runner.invoke(app, ["import", "表.xlsx", "-o", "back.toml"])
    assert back.exit_code == 0, back.output
    assert _items(isolated.parent / "back.toml")["2"]["办结时限原文"] == "长期坚持"
