"""Session 27 (D): what an office's Excel ledger lost on the way in and out, through the
commands an office runs: a figure in percent due by a milestone read back as progress, the
export's own 完成时限原文 column called unknown, deadline words that plan add and edit refused
or dropped where plan import keeps them. Each test checks what was printed, the exit code and
what is on disk."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app
from tests.conftest import write_plan


def _workbook(path: Path, rows: list[list[Any]], merged: tuple[str, ...] = ()) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for cells in merged:
        sheet.merge_cells(cells)
    book.save(path)
    return path


def _items(path: Path) -> dict[str, dict[str, Any]]:
    return {i["id"]: i for i in tomllib.loads(path.read_text(encoding="utf-8"))["item"]}


def _cells(path: Path) -> list[tuple[Any, ...]]:
    import openpyxl

    return list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))


def _header(path: Path) -> tuple[Any, ...]:
    return next(row for row in _cells(path) if row[0] in ("序号", "No."))


PERCENT_TASK: dict[str, Any] = {
    "id": "1.1",
    "title": "城乡居民医保参保",
    "measure": "%",
    "target": 95,
    "target_text": "参保率不低于95%",
    "milestone": [{"due": "2023-06", "value": 50}, {"due": "2023-Q3", "value": 80}],
}
PROGRESS_TASK: dict[str, Any] = {
    "id": "1.2",
    "title": "新建村级活动中心",
    "due": "2023-12",
    "milestone": [{"due": "2023-Q2", "progress": 40, "note": "完成选址"}],
}


def _exported(runner: CliRunner, plan: Path, lang: str = "zh") -> Path:
    table = plan.parent / "推进情况表.xlsx"
    result = runner.invoke(
        app, ["--file", str(plan), "export", "--out", str(table), "--as-of", "2023-06-30"]
    )
    assert result.exit_code == 0, result.output
    return table


# ---------------------------------------------------------------- a figure in percent


def test_a_milestone_figure_in_percent_comes_back_as_a_figure(
    runner: CliRunner, plan_file: Path
) -> None:
    """参保率 95% with 50% due by June: exported as "2023-06：50%", which reads back as
    progress 50% (half done), another thing. The line now says 达到50%, and reads back as the
    figure; a progress milestone beside it stays progress."""
    write_plan(plan_file, [{"id": "1", "title": "民生实事"}, PERCENT_TASK, PROGRESS_TASK])
    table = _exported(runner, plan_file)
    rows = {row[0]: row for row in _cells(table)}
    header = _header(table)
    milestones = header.index("时间节点安排")
    assert rows["1.1"][milestones] == "2023-06：达到50%\n2023-Q3：达到80%"
    assert rows["1.2"][milestones] == "2023-Q2：40%（完成选址）"
    result = runner.invoke(app, ["import", str(table), "-o", "back.toml"])
    assert result.exit_code == 0, result.output
    back = _items(plan_file.parent / "back.toml")
    assert back["1.1"]["milestone"] == PERCENT_TASK["milestone"]
    assert back["1.1"]["measure"] == "%" and back["1.1"]["target"] == 95
    assert back["1.2"]["milestone"] == PROGRESS_TASK["milestone"]
    assert "时间节点" not in result.stderr, result.stderr  # no cell kept as words


def test_a_milestone_figure_in_percent_in_an_english_table(
    runner: CliRunner, plan_file: Path
) -> None:
    write_plan(plan_file, [{"id": "1", "title": "Welfare"}, PERCENT_TASK], lang="en")
    table = _exported(runner, plan_file)
    header = _header(table)
    row = next(r for r in _cells(table) if r[0] == "1.1")
    assert row[header.index("Milestones")] == "2023-06: reach 50%\n2023-Q3: reach 80%"
    result = runner.invoke(app, ["import", str(table), "-o", "back.toml"])
    assert result.exit_code == 0, result.output
    assert _items(plan_file.parent / "back.toml")["1.1"]["milestone"] == PERCENT_TASK["milestone"]


# ---------------------------------------------------------------- the export's own 完成时限原文


def test_the_exports_deadline_words_column_imports_as_the_deadline_words(
    runner: CliRunner, plan_file: Path
) -> None:
    """A task whose deadline the import kept as words (10个工作日内, 长期坚持) exports a
    完成时限原文 column; importing that workbook said 不认得的列 “完成时限原文”. It is read
    back as the deadline words, without a word of an unknown column."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "重点工作"},
            {
                "id": "1.1",
                "title": "信访件办理",
                "due": dt.date(2023, 3, 15),
                "完成时限原文": "10个工作日内",
            },
            {"id": "1.2", "title": "安全生产巡查", "完成时限原文": "长期坚持"},
        ],
    )
    table = _exported(runner, plan_file)
    assert "完成时限原文" in _header(table)
    result = runner.invoke(app, ["import", str(table), "-o", "back.toml"])
    assert result.exit_code == 0, result.output
    assert "不认得" not in result.stderr and "完成时限原文" not in result.stderr, result.stderr
    back = _items(plan_file.parent / "back.toml")
    assert back["1.1"]["完成时限原文"] == "10个工作日内"
    assert back["1.1"]["due"] == dt.date(2023, 3, 15)
    assert back["1.2"]["完成时限原文"] == "长期坚持" and "due" not in back["1.2"]


def test_an_english_deadline_as_written_column_is_not_a_second_deadline(
    runner: CliRunner, isolated: Path
) -> None:
    """ "Deadline (as written)" was read as the deadline (its bracket dropped): two deadline
    columns. It is the words beside the deadline, as in the Chinese table."""
    table = _workbook(
        isolated.parent / "ledger.xlsx",
        [
            ["Town work plan 2023"],
            ["No.", "Task", "Deadline", "Deadline (as written)"],
            [1, "Petitions", "2023-03-15", "within 10 working days"],
        ],
    )
    result = runner.invoke(app, ["import", str(table), "-o", "back.toml"])
    assert result.exit_code == 0, result.output
    item = _items(isolated.parent / "back.toml")["1"]
    assert item["due"] == dt.date(2023, 3, 15)
    assert item["Deadline (as written)"] == "within 10 working days"
    assert "unknown" not in result.stderr.lower(), result.stderr


# ---------------------------------------------------------------- plan add/edit --due words


def _small(plan_file: Path) -> Path:
    return write_plan(
        plan_file,
        [
            {"id": "1", "title": "重点工作"},
            {"id": "1.1", "title": "修路", "start": dt.date(2023, 3, 1)},
        ],
    )


def test_add_keeps_a_counted_deadlines_words(runner: CliRunner, plan_file: Path) -> None:
    """--due 10个工作日内 was counted to a day and the words dropped; the import keeps them as
    完成时限原文: so does add now."""
    _small(plan_file)
    result = runner.invoke(
        app,
        [
            "add",
            "1",
            "机耕道",
            "--start",
            "2023-03-01",
            "--due",
            "10个工作日内",
            "--on",
            "2023-03-01",
        ],
    )
    assert result.exit_code == 0, result.output
    item = _items(plan_file)["1.2"]
    assert item["due"] == dt.date(2023, 3, 15)
    assert item["完成时限原文"] == "10个工作日内"
    assert "2023-03-15" in result.output


def test_add_takes_a_deadline_with_its_reason_in_brackets(
    runner: CliRunner, plan_file: Path
) -> None:
    """--due "6月底（视天气）" was refused with the advice to put the words in --note, while the
    import reads the same cell as the deadline 6月底, the words kept: add does the same."""
    _small(plan_file)
    result = runner.invoke(
        app, ["add", "1", "护坡", "--due", "6月底（视天气）", "--on", "2023-03-01"]
    )
    assert result.exit_code == 0, result.output
    item = _items(plan_file)["1.2"]
    assert item["due"] == "2023-06"
    assert item["完成时限原文"] == "6月底（视天气）"
    shown = runner.invoke(app, ["show", "1.2", "--as-of", "2023-03-05"])
    assert "完成时限原文  6月底（视天气）" in shown.output, shown.output


def test_add_reads_the_same_words_as_the_import_does(runner: CliRunner, plan_file: Path) -> None:
    """One rule: the import of a 完成时限 cell and --due of the same words give the same due
    and the same words kept."""
    _small(plan_file)
    table = _workbook(
        plan_file.parent / "台账.xlsx",
        [
            ["泉湖镇2023年重点工作台账"],
            ["序号", "工作任务", "完成时限"],
            [1, "冬灌", "11月20日前（土地封冻前）"],
            [2, "护坡", "6月底（视天气）"],
        ],
    )
    assert runner.invoke(app, ["import", str(table), "-o", "read.toml"]).exit_code == 0
    read = _items(plan_file.parent / "read.toml")
    for number, words in (("1", "11月20日前（土地封冻前）"), ("2", "6月底（视天气）")):
        result = runner.invoke(app, ["add", "1", "任务", "--due", words, "--on", "2023-03-01"])
        assert result.exit_code == 0, result.output
        added = list(_items(plan_file).values())[-1]
        assert added["due"] == read[number]["due"]
        assert added["完成时限原文"] == read[number]["完成时限原文"] == words


def test_edit_keeps_the_new_deadlines_words_and_undo_restores(
    runner: CliRunner, plan_file: Path
) -> None:
    _small(plan_file)
    result = runner.invoke(app, ["edit", "1.1", "--due", "10个工作日内", "--on", "2023-03-02"])
    assert result.exit_code == 0, result.output
    assert "完成时限原文 — → 10个工作日内" in result.output
    assert _items(plan_file)["1.1"]["完成时限原文"] == "10个工作日内"
    result = runner.invoke(app, ["edit", "1.1", "--due", "9月底（汛期后）", "--on", "2023-03-03"])
    assert result.exit_code == 0, result.output
    item = _items(plan_file)["1.1"]
    assert (item["due"], item["完成时限原文"]) == ("2023-09", "9月底（汛期后）")
    result = runner.invoke(app, ["edit", "1.1", "--due", "2023-10-31", "--on", "2023-03-04"])
    assert result.exit_code == 0, result.output
    assert "完成时限原文" not in _items(plan_file)["1.1"]  # a plain day: no words to keep
    assert runner.invoke(app, ["undo"]).exit_code == 0
    assert _items(plan_file)["1.1"]["完成时限原文"] == "9月底（汛期后）"


def test_brackets_holding_a_second_deadline_are_still_refused(
    runner: CliRunner, plan_file: Path
) -> None:
    _small(plan_file)
    before = plan_file.read_text("utf-8")
    result = runner.invoke(app, ["add", "1", "整治", "--due", "6月底前（第一阶段3月底前）"])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert plan_file.read_text("utf-8") == before


def test_an_english_plan_keeps_the_words_under_its_own_name(
    runner: CliRunner, plan_file: Path
) -> None:
    write_plan(plan_file, [{"id": "1", "title": "Roads"}], lang="en")
    result = runner.invoke(
        app, ["add", "1", "Slope", "--due", "6月底（视天气）", "--on", "2023-03-01"]
    )
    assert result.exit_code == 0, result.output
    assert _items(plan_file)["1.1"]["Deadline (as written)"] == "6月底（视天气）"


# ---------------------------------------------------------------- tasks named by 目标任务


def _breakdown(folder: Path, quarters: bool = False) -> Path:
    """A 重点工作任务分解表: 一、 section rows, a 重点工作 merged over a row per 目标任务, a
    序号 merged the same, a note row at the end; with 一季度…四季度 figures if ``quarters``."""
    extra = ["一季度", "二季度", "三季度", "四季度"] if quarters else []
    rows: list[list[Any]] = [
        ["泉湖镇2023年重点工作任务分解表"],
        ["序号", "重点工作", "目标任务", "责任领导", "牵头单位", "完成时限", *extra],
        ["一、", "培育两大产业"],
        [1, "发展乡村旅游产业", "接待游客45万人次以上", "李四", "文旅站", "年底前"],
        [None, None, "实现旅游收入2200万元", "李四", "文旅站", "年底前"],
        [None, None, "完善旅游配套设施", "李四", "文旅站", "年底前"],
        ["二、", "守住安全底线"],
        [2, "抓好安全生产", "生产安全事故控制在0起", "王五", "应急办", "年底前"],
        [None, None, "开展安全生产培训12场次", "王五", "应急办", "年底前"],
        ["注：完成时限为年底前的，12月20日前报送总结。"],
    ]
    if quarters:
        rows[3] += ["10万人次", "25万人次", "35万人次", "45万人次"]
        rows[4] += ["300万元", "1000万元", "1600万元", "2200万元"]
    return _workbook(folder / "分解表.xlsx", rows, merged=("A4:A6", "B4:B6", "A8:A9", "B8:B9"))


def test_tasks_named_by_their_goal_column_get_its_figure_as_target(
    runner: CliRunner, isolated: Path
) -> None:
    """Each row under a merged 重点工作 is a task named by its 目标任务; the figure those words
    state was lost (no target, no 完成率 by figure). It is the task's target now, the words
    kept as target_text; words with no figure name the task alone."""
    table = _breakdown(isolated.parent)
    result = runner.invoke(app, ["import", str(table), "-o", "out.toml"])
    assert result.exit_code == 0, result.output
    items = _items(isolated.parent / "out.toml")
    visitors = items["1.1.1"]
    assert visitors["title"] == "接待游客45万人次以上"
    assert (visitors["target"], visitors["measure"]) == (45, "万人次")
    assert visitors["target_text"] == "接待游客45万人次以上"
    assert (items["1.1.2"]["target"], items["1.1.2"]["measure"]) == (2200, "万元")
    assert "target" not in items["1.1.3"] and "measure" not in items["1.1.3"]
    accidents = items["2.1.1"]
    assert (accidents["target"], accidents["direction"]) == (0, "down")
    assert items["2.1.2"]["target"] == 12


def test_quarter_figures_beside_a_goal_column_task_are_its_milestones(
    runner: CliRunner, isolated: Path
) -> None:
    """With its target read, the 一季度…四季度 figures in the task's unit are milestones (they
    were kept as words: no target to measure them by)."""
    table = _breakdown(isolated.parent, quarters=True)
    result = runner.invoke(app, ["import", str(table), "-o", "out.toml"])
    assert result.exit_code == 0, result.output
    items = _items(isolated.parent / "out.toml")
    assert items["1.1.1"]["milestone"] == [
        {"due": "2023-Q1", "value": 10},
        {"due": "2023-Q2", "value": 25},
        {"due": "2023-Q3", "value": 35},
        {"due": "2023-Q4", "value": 45},
    ]
    assert [m["value"] for m in items["1.1.2"]["milestone"]] == [300, 1000, 1600, 2200]
    assert "一季度" not in items["1.1.1"]


# ---------------------------------------------------------------- a quarter in words


def _quarters(folder: Path) -> Path:
    return _workbook(
        folder / "推进计划表.xlsx",
        [
            ["泉湖镇2023年重点项目推进计划表"],
            ["序号", "项目名称", "牵头单位", "完成时限", "一季度", "二季度", "三季度", "四季度"],
            ["一、", "基础设施"],
            [
                1,
                "新建村级活动中心",
                "党政办",
                "2023年12月底",
                "一季度：完成选址",
                "30%",
                "60%",
                "100%",
            ],
            [
                2,
                "修建机耕道",
                "农业办",
                "年底前",
                "完成设计",
                "二季度：完成招标（40%）",
                "70%",
                "100%",
            ],
            [3, "村庄规划编制", "规划办", "年底前", "调研", "初稿", "评审", "报批"],
            [4, "改造污水管网", "城建办", "年底前", "第一季度：完成20%", "50%", "三季度：主体完工"]
            + ["100%"],
            ["注：各季度形象进度由牵头单位每季度末报送。"],
        ],
    )


def test_a_quarter_in_words_beside_percent_quarters_is_a_step_with_its_words(
    runner: CliRunner, isolated: Path
) -> None:
    """一季度：完成选址 beside 30%, 60%, 100%: it was kept under a field named 一季度, out of
    the milestones (and said to be unread). It is the first quarter's step, its words the
    note (the 一季度： that restates the column left out); a row of words alone stays so."""
    table = _quarters(isolated.parent)
    result = runner.invoke(app, ["import", str(table), "-o", "out.toml"])
    assert result.exit_code == 0, result.output
    items = _items(isolated.parent / "out.toml")
    assert items["1.1"]["milestone"] == [
        {"due": "2023-Q1", "note": "完成选址"},
        {"due": "2023-Q2", "progress": 30},
        {"due": "2023-Q3", "progress": 60},
        {"due": "2023-Q4", "progress": 100},
    ]
    assert "一季度" not in items["1.1"]
    assert items["1.2"]["milestone"][:2] == [
        {"due": "2023-Q1", "note": "完成设计"},
        {"due": "2023-Q2", "progress": 40, "note": "完成招标"},
    ]
    assert "milestone" not in items["1.3"] and items["1.3"]["一季度"] == "调研"
    assert items["1.4"]["milestone"] == [  # the column's own period before the words left out
        {"due": "2023-Q1", "progress": 20},
        {"due": "2023-Q2", "progress": 50},
        {"due": "2023-Q3", "note": "主体完工"},
        {"due": "2023-Q4", "progress": 100},
    ]
    assert "第 6 行" in result.stderr and "第 4 行" not in result.stderr, result.stderr
    checked = runner.invoke(app, ["-f", "out.toml", "check"])
    assert checked.exit_code == 0, checked.output
    shown = runner.invoke(app, ["-f", "out.toml", "show", "1.1", "--as-of", "2023-06-30"])
    assert "时间节点    2023-Q1 完成选址" in shown.output, shown.output
    assert "2023-Q2（应达 30%）未达到" in shown.output


def test_a_step_in_words_survives_export_and_import(runner: CliRunner, isolated: Path) -> None:
    table = _quarters(isolated.parent)
    assert runner.invoke(app, ["import", str(table), "-o", "plan.toml"]).exit_code == 0
    exported = _exported(runner, isolated)
    row = next(r for r in _cells(exported) if r[0] == "1.1")
    assert row[_header(exported).index("时间节点安排")].startswith(
        "2023-Q1：完成选址\n2023-Q2：30%"
    )
    result = runner.invoke(app, ["import", str(exported), "-o", "back.toml"])
    assert result.exit_code == 0, result.output
    back = _items(isolated.parent / "back.toml")
    assert back["1.1"]["milestone"] == _items(isolated)["1.1"]["milestone"]
    assert back["1.3"]["一季度"] == "调研"


# ---------------------------------------------------------------- a ledger filled back


def test_a_ledger_filled_back_keeps_its_milestones(runner: CliRunner, plan_file: Path) -> None:
    """The office opens the exported workbook, changes the figures, adds a milestone line the
    way it writes deadlines (2023年12月：2400亩, 9月底：70%) and imports it again. A line not in
    the export's own form made the whole cell words (every milestone gone, nothing said);
    each line is read now, its due as a 完成时限 cell would be."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "重点工作"},
            {
                "id": "1.1",
                "title": "高标准农田建设",
                "measure": "亩",
                "target": 2000,
                "actual": 500,
                "due": "2023-12",
                "milestone": [
                    {"due": "2023-06", "value": 1000, "note": "完成一半"},
                    {"due": "2023-Q3", "value": 1500},
                ],
            },
            {
                "id": "1.2",
                "title": "村级活动中心",
                "due": "2023-12",
                "progress": 30,
                "milestone": [{"due": "2023-Q2", "progress": 40, "note": "完成选址"}],
            },
        ],
    )
    table = _exported(runner, plan_file)
    import openpyxl

    book = openpyxl.load_workbook(table)
    sheet = book.active
    header = _header(table)
    at = {name: header.index(name) + 1 for name in ("时间节点安排", "目标值", "完成值")}
    rows = {sheet.cell(r, 1).value: r for r in range(1, sheet.max_row + 1)}
    sheet.cell(
        rows["1.1"], at["时间节点安排"]
    ).value = "2023-06：1200亩（完成一半）\n2023-Q3：1600亩\n2023年12月：2400亩"
    sheet.cell(rows["1.1"], at["目标值"]).value = 2400
    sheet.cell(rows["1.1"], at["完成值"]).value = 1300
    sheet.cell(
        rows["1.2"], at["时间节点安排"]
    ).value = "2023-Q2：40%（完成选址）\n9月底：70%（主体完工）\n12月底：竣工验收"
    book.save(table)
    result = runner.invoke(app, ["import", str(table), "-o", "back.toml"])
    assert result.exit_code == 0, result.output
    back = _items(plan_file.parent / "back.toml")
    assert (back["1.1"]["target"], back["1.1"]["actual"]) == (2400, 1300)
    assert back["1.1"]["milestone"] == [
        {"due": "2023-06", "value": 1200, "note": "完成一半"},
        {"due": "2023-Q3", "value": 1600},
        {"due": "2023-12", "value": 2400},
    ]
    assert back["1.2"]["milestone"] == [
        {"due": "2023-Q2", "progress": 40, "note": "完成选址"},
        {"due": "2023-09", "progress": 70, "note": "主体完工"},
        {"due": "2023-12", "note": "竣工验收"},
    ]
    assert "时间节点安排" not in back["1.1"] and "时间节点安排" not in back["1.2"]


def test_a_milestone_cell_with_a_line_of_no_due_is_kept_and_said(
    runner: CliRunner, plan_file: Path
) -> None:
    """A line that names no due (第一阶段：完成选址) leaves the whole cell as written: said
    now, with its cell, where it was kept without a word."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "重点工作"},
            {
                "id": "1.1",
                "title": "村级活动中心",
                "milestone": [{"due": "2023-Q2", "progress": 40}],
            },
        ],
    )
    table = _exported(runner, plan_file)
    import openpyxl

    book = openpyxl.load_workbook(table)
    sheet = book.active
    column = _header(table).index("时间节点安排") + 1
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "1.1")
    sheet.cell(row, column).value = "2023-Q2：40%\n第一阶段：完成选址"
    book.save(table)
    result = runner.invoke(app, ["import", str(table), "-o", "back.toml"])
    assert result.exit_code == 0, result.output
    back = _items(plan_file.parent / "back.toml")["1.1"]
    assert back["时间节点安排"] == "2023-Q2：40%\n第一阶段：完成选址"
    assert "milestone" not in back
    assert "时间节点安排" in result.stderr and f"第 {row} 行" in result.stderr, result.stderr


# ---------------------------------------------------------------- --target as the import reads it


def test_target_words_are_read_by_add_as_by_the_import(runner: CliRunner, plan_file: Path) -> None:
    """--target 3个村 and a 目标值 cell of 3个村 give the same target, measure and words: 3 in 个村
    (what the 个 count said with them, as a title's 确保3个村达标 is read: s33K), read by the one
    reader (importing.values.read_target) both use."""
    cells = ["3个村", "3.3万亩以上", "不低于95%", "约280万元", "45万人次以上", "提升10个百分点"]
    write_plan(plan_file, [{"id": "1", "title": "重点工作"}])
    table = _workbook(
        plan_file.parent / "目标.xlsx",
        [["泉湖镇2023年重点工作台账"], ["序号", "工作任务", "目标值"]]
        + [[n, f"任务{n}", cell] for n, cell in enumerate(cells, 1)],
    )
    assert runner.invoke(app, ["import", str(table), "-o", "read.toml"]).exit_code == 0
    read = {i["title"]: i for i in _items(plan_file.parent / "read.toml").values()}
    for number, cell in enumerate(cells, 1):
        result = runner.invoke(
            app, ["add", "1", f"任务{number}", "--target", cell, "--on", "2023-03-01"]
        )
        assert result.exit_code == 0, result.output
    added = {i["title"]: i for i in _items(plan_file).values()}
    fields = ("target", "measure", "target_text", "direction")
    for number, cell in enumerate(cells, 1):
        title = f"任务{number}"
        assert {k: added[title].get(k) for k in fields} == {
            k: read[title].get(k) for k in fields
        }, cell
    assert (added["任务1"]["measure"], added["任务1"].get("target_text")) == ("个村", None)


def test_a_milestone_with_neither_a_share_nor_words_is_still_refused(
    runner: CliRunner, plan_file: Path
) -> None:
    write_plan(
        plan_file,
        [{"id": "1", "title": "修路", "milestone": [{"due": "2023-06", "note": "  "}]}],
    )
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1, result.output
    assert "progress（进度%）或 value（指标数值）二者之一" in result.output, result.output
