"""plan import of a sheet whose rows or columns Excel hides (by hand, in a collapsed group, under a
filter), or of a hidden sheet: read as any other, for hiding is not deleting, and said, naming
them, for what an office hid may be what it did not mean to hand over."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .test_import import TABLE, items_of, read_plan, run, workbook

# fmt: off
ROWS: list[list[Any]] = [
    ["序号", "工作任务", "牵头单位", "内部备注", "完成时限", "工作计划", "具体安排"],
    [1, "抓好项目建设", "经发办", "老张盯着", "2024年6月底前", "一季度开工", "每月调度"],
    [2, "已撤销的任务", "交通站", "书记说不做了", "2024.6.30", "不做", "无"],
    [3, "抓好教育", "教育办", None, "年底前", "秋季开学", "每周检查"],
]
# fmt: on


def hiding(path: Path, rows: tuple[int, ...] = (), columns: tuple[str, ...] = ()) -> Path:
    """The workbook at ``path`` with rows (Excel's numbers) and columns (letters) hidden."""
    book = openpyxl.load_workbook(path)
    ws = book.active
    for row in rows:
        ws.row_dimensions[row].hidden = True
    for column in columns:
        ws.column_dimensions[column].hidden = True
    book.save(path)
    return path


def breakdown(tmp_path: Path, rows: list[list[Any]] = ROWS) -> Path:
    return workbook(tmp_path / "2024年任务分解表.xlsx", rows)


def grouped(path: Path, first: str, last: str) -> Path:
    """Columns ``first``..``last`` in a group Excel shows collapsed (hidden, outline level 1)."""
    book = openpyxl.load_workbook(path)
    book.active.column_dimensions.group(first, last, hidden=True, outline_level=1)
    book.save(path)
    return path


def test_a_hidden_row_and_column_are_imported_and_named_with_what_to_do(tmp_path, plan_file):
    path = grouped(hiding(breakdown(tmp_path), rows=(3,), columns=("D",)), "F", "G")
    result = run(str(path))
    assert result.exit_code == 0, result.output
    assert (
        "注意：这些行在表格中是隐藏的（或被筛选隐藏），仍照常导入了：第 3 行（事项 2）。隐藏不等于删除；"
        "如果它们不该在计划里，用 plan rm 编号 删去（如 plan rm 2），"
        "或在 Excel 中取消隐藏、删去这些行后重新导入。"
    ) in result.stderr
    assert (
        "注意：这些列在表格中是隐藏的，仍照常导入了（作为事项的字段）："
        "D 列“内部备注”、F 列“工作计划”、G 列“具体安排”。隐藏不等于删除；"
        "如果它们不该在计划里，重新导入时加 --map 内部备注=skip 不导入这一列，"
        "或在 Excel 中取消隐藏、删去这些列后重新导入。"
    ) in result.stderr
    items = items_of(plan_file)
    assert items["2"]["title"] == "已撤销的任务"
    assert items["2"]["lead_unit"] == "交通站"
    assert items["2"]["内部备注"] == "书记说不做了"
    assert items["1"]["内部备注"] == "老张盯着"
    assert items["3"]["具体安排"] == "每周检查"
    # Following the advice leaves the column out, and nothing more is said of it.
    plan_file.unlink()
    again = run(str(path), "--map", "内部备注=skip", "--map", "工作计划=不导入")
    assert again.exit_code == 0, again.output
    assert "内部备注" not in again.stderr and "工作计划" not in again.stderr
    assert "G 列“具体安排”" in again.stderr
    items = items_of(plan_file)
    assert all("内部备注" not in item and "工作计划" not in item for item in items.values())
    assert items["2"]["title"] == "已撤销的任务" and items["3"]["具体安排"] == "每周检查"


def test_the_hidden_rows_and_columns_are_named_in_english_with_lang_en(tmp_path, plan_file):
    path = grouped(hiding(breakdown(tmp_path), rows=(3,), columns=("D",)), "F", "G")
    result = CliRunner().invoke(app, ["--lang", "en", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert (
        "Note: These rows are hidden in the sheet (or filtered out) and were imported all the "
        "same: row 3 (item 2). Hiding is not deleting: if they do not belong in the plan, remove "
        "them with plan rm ID (e.g. plan rm 2), or unhide and delete the rows in Excel and import "
        "again."
    ) in result.stderr
    assert (
        "Note: These columns are hidden in the sheet and were imported all the same (as fields "
        "of the items): D '内部备注', F '工作计划', G '具体安排'. Hiding is not deleting: if they "
        "do not belong in the plan, import again with --map 内部备注=skip to leave a column "
        "out, or unhide and delete the columns in Excel and import again."
    ) in result.stderr


def test_dry_run_says_what_is_hidden_and_writes_nothing(tmp_path, plan_file):
    path = hiding(breakdown(tmp_path), rows=(3,), columns=("D",))
    result = CliRunner().invoke(app, ["import", str(path), "--dry-run"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert "2 已撤销的任务" in result.stdout
    assert "第 3 行（事项 2）" in result.stderr
    assert "D 列“内部备注”。" in result.stderr
    assert not plan_file.exists()


def test_a_workbook_without_hidden_rows_or_columns_says_nothing_of_hiding(tmp_path, plan_file):
    path = breakdown(tmp_path)
    book = openpyxl.load_workbook(path)
    book.active.row_dimensions[3].height = 30  # a <row> with attributes, none of them hidden
    book.active.column_dimensions["D"].width = 40
    book.save(path)
    result = run(str(path))
    assert result.exit_code == 0, result.output
    assert "隐藏" not in result.stderr
    assert len(items_of(plan_file)) == 3


def test_hidden_rows_that_are_not_tasks_and_empty_hidden_columns_are_not_mentioned(
    tmp_path, plan_file
):
    rows = [
        ["序号", "工作任务", "牵头单位", "序时进度", "说明"],
        [1, "抓好项目建设", "经发办"],
        [],  # an empty row
        [2, "抓好教育", "教育办"],
        ["注：本表由党政办汇总"],  # a notes row
    ]
    path = hiding(breakdown(tmp_path, rows), rows=(3, 5), columns=("D", "E"))
    result = run(str(path))
    assert result.exit_code == 0, result.output
    assert "隐藏" not in result.stderr
    assert "第 5 行 '注：本表由党政办汇总'" in result.stderr  # said as before, as a note
    assert [item["title"] for item in items_of(plan_file).values()] == ["抓好项目建设", "抓好教育"]


def test_a_hidden_column_without_a_header_is_named_by_its_letter(tmp_path, plan_file):
    rows = [
        ["序号", "工作任务", "牵头单位"],
        [1, "抓好项目建设", "经发办", None, "内部：先别报"],
    ]
    result = run(str(hiding(breakdown(tmp_path, rows), columns=("E",))))
    assert result.exit_code == 0, result.output
    assert "这些列在表格中是隐藏的，仍照常导入了（作为事项的字段）：E 列。" in result.stderr
    assert items_of(plan_file)["1"]["E列"] == "内部：先别报"


def test_many_hidden_rows_are_counted_after_the_first_ten(tmp_path, plan_file):
    rows = [["序号", "工作任务", "牵头单位"], *([n, f"任务{n}", "经发办"] for n in range(1, 16))]
    path = hiding(breakdown(tmp_path, rows), rows=tuple(range(2, 14)))
    result = run(str(path))
    assert result.exit_code == 0, result.output
    assert "第 11 行（事项 10） 等 12 行。" in result.stderr
    assert len(items_of(plan_file)) == 15


def test_a_hidden_sheet_is_said_when_it_is_the_one_imported(tmp_path, plan_file):
    old = [["序号", "工作任务", "牵头单位", "完成时限"], [1, "去年的任务", "交通站", "年底前"]]
    path = workbook(tmp_path / "2023.xlsx", old, sheet="去年", more={"今年": TABLE})
    book = openpyxl.load_workbook(path)
    book["去年"].sheet_state = "hidden"
    book.active = 1
    book.save(path)
    result = run(str(path))
    assert result.exit_code == 0, result.output
    assert "隐藏" not in result.stderr  # the visible sheet is read
    result = run(str(path), "--sheet", "去年", "--force")
    assert result.exit_code == 0, result.output
    assert (
        "注意：工作表“去年”在工作簿中是隐藏的，仍照常导入了：隐藏不等于删除；"
        "如果导错了表，用 --sheet 指定要导入的工作表重新导入。"
    ) in result.stderr
    assert [item["title"] for item in items_of(plan_file).values()] == ["去年的任务"]


def test_a_csv_table_says_nothing_of_hiding(tmp_path, plan_file):
    table = tmp_path / "2024.csv"
    table.write_text("序号,工作任务,牵头单位\n1,抓好项目建设,经发办\n", encoding="utf-8")
    result = run(str(table))
    assert result.exit_code == 0, result.output
    assert "隐藏" not in result.stderr


def test_a_hidden_completion_column_is_named_only_where_it_is_read_as_progress(tmp_path, plan_file):
    rows = [
        ["序号", "工作任务", "牵头单位", "序时进度", "完成率"],
        [1, "抓好项目建设", "经发办", "50%", "60%"],
    ]
    path = breakdown(tmp_path, rows)
    result = run(str(hiding(path, columns=("D", "E"))))
    assert result.exit_code == 0, result.output
    assert items_of(plan_file)["1"]["progress"] == 60
    assert "这些列在表格中是隐藏的，仍照常导入了（作为事项的字段）：E 列“完成率”。" in result.stderr


def test_a_hidden_title_column_is_not_the_one_the_notice_says_to_skip(tmp_path, plan_file):
    """--map 工作任务=skip would leave the plan without titles (no header is found): the
    notice names a hidden column that may be left out, and none when the title's is the only
    one or the others have no header to name."""
    result = run(str(hiding(breakdown(tmp_path), columns=("B", "D"))), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "B 列“工作任务”、D 列“内部备注”" in result.stderr
    assert "--map 内部备注=skip" in result.stderr and "工作任务=skip" not in result.stderr
    rows = [["序号", "工作任务", "牵头单位"], [1, "抓好项目建设", "经发办", None, "内部：先别报"]]
    path = hiding(workbook(tmp_path / "only.xlsx", rows), columns=("B", "E"))
    result = run(str(path), "--dry-run", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "B '工作任务', E." in result.stderr
    assert "=skip" not in result.stderr and "unhide and delete the columns" in result.stderr


def test_skipping_the_title_column_says_so_and_how_to_name_another(tmp_path, plan_file):
    """--map 工作任务=skip leaves no title column: the refusal says that this --map did it
    (not that 工作任务 is a header it recognised) and how to name another title column."""
    path = breakdown(tmp_path)
    result = run(str(path), "--map", "工作任务=skip")
    assert result.exit_code == 1 and not plan_file.exists()
    assert "'工作任务'" not in result.stderr.split("最像表头")[0]  # not among those recognised
    assert (
        "--map 工作任务=skip 不导入的是任务名称列：请用 --map 列名=title 指定另一列作为任务名称，"
        "或去掉这个 --map。"
    ) in result.stderr
    english = run(str(path), "--map", "工作任务=不导入", "--lang", "en")
    assert "--map 工作任务=skip leaves out the task title column" in english.stderr
    again = run(str(path), "--map", "工作任务=skip", "--map", "工作计划=title")
    assert again.exit_code == 0, again.output
    assert items_of(plan_file)["1"]["title"] == "一季度开工"


def rows_hidden_by_default(path: Path, shown: tuple[int, ...]) -> Path:
    """The workbook at ``path`` as Excel saves a sheet whose rows are hidden by default
    (<sheetFormatPr zeroHeight="1">, after "hide every row below the table"): only the rows
    ``shown`` (Excel's numbers) say a height of their own and show."""
    book = openpyxl.load_workbook(path)
    ws = book.active
    ws.sheet_format.zeroHeight = True
    for row in shown:
        ws.row_dimensions[row].height = 15
    book.save(path)
    return path


def test_rows_a_sheet_hides_by_default_are_named_as_hidden_rows(tmp_path, plan_file):
    path = rows_hidden_by_default(breakdown(tmp_path), shown=(1, 2, 4))
    result = run(str(path))
    assert result.exit_code == 0, result.output
    assert (
        "这些行在表格中是隐藏的（或被筛选隐藏），仍照常导入了：第 3 行（事项 2）。" in result.stderr
    )
    assert items_of(plan_file)["2"]["title"] == "已撤销的任务"


def test_a_sheet_hiding_only_the_empty_rows_below_its_table_says_nothing_of_hiding(
    tmp_path, plan_file
):
    path = rows_hidden_by_default(breakdown(tmp_path), shown=(1, 2, 3, 4))
    result = run(str(path))
    assert result.exit_code == 0, result.output
    assert "隐藏" not in result.stderr
    assert len(items_of(plan_file)) == 3


def test_the_title_above_the_header_is_the_shown_one_not_last_years_hidden_above_it(
    tmp_path, plan_file
):
    # Last year's sheet made over: its title, organisation and 截至 line hidden, this year's
    # written under them.
    rows = [
        ["泉湖镇2023年重点工作推进情况表（截至2023-12-31）"],
        ["填报单位：泉湖镇经发办"],
        ["泉湖镇2024年重点工作推进情况表（截至2024-06-30）"],
        ["填报单位：泉湖镇党政办"],
        ["序号", "工作任务", "牵头单位", "完成时限", "进展情况"],
        [1, "抓好项目建设", "经发办", "年底前", "已开工"],
    ]
    path = hiding(breakdown(tmp_path, rows), rows=(1, 2))
    result = run(str(path))
    assert result.exit_code == 0, result.output
    assert "隐藏" not in result.stderr  # no item row is hidden
    plan = read_plan(plan_file)
    assert plan["plan"]["title"] == "泉湖镇2024年重点工作推进情况表"
    assert plan["plan"]["year"] == 2024
    # (the office that filled in the town's table is kept as such: the plan is the town's)
    assert (plan["plan"]["organisation"], plan["plan"]["填报单位"]) == ("泉湖镇", "泉湖镇党政办")
    item = plan["item"][0]
    assert str(item["due"]) == "2024-12-31"
    assert str(item["log"][0]["on"]) == "2024-06-30"


def test_a_title_in_a_hidden_row_is_still_the_title_when_no_shown_row_gives_one(
    tmp_path, plan_file
):
    rows = [
        ["泉湖镇2024年重点工作任务分解表"],
        ["序号", "工作任务", "牵头单位"],
        [1, "抓好项目建设", "经发办"],
    ]
    result = run(str(hiding(breakdown(tmp_path, rows), rows=(1,))))
    assert result.exit_code == 0, result.output
    assert read_plan(plan_file)["plan"]["title"] == "泉湖镇2024年重点工作任务分解表"
