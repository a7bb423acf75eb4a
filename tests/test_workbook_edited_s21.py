"""The exported 推进情况表 as offices edit it before sending it on (sorted by 责任单位, a task
typed into a new row), then imported: what the office wrote is read where it belongs, or the
import stops, saying which rows and how to put them right, and writes nothing."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import openpyxl
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .test_import import items_of


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def exported(tmp_path: Path) -> Path:
    """The embedded plan with units, owners, deadlines and figures given, exported."""
    plan = tmp_path / "plan.toml"
    for args in (
        ["init", str(plan)],
        ["edit", "1.1.1", "--unit", "农业办", "--owner", "张三", "--due", "2023-06-30"],
        ["edit", "2.1", "--unit", "农业办", "--owner", "王五", "--due", "2023-09"],
        ["edit", "2.1", "--target", "280", "--measure", "万元"],
        ["edit", "2.2.1", "--unit", "文旅站", "--due", "2023-12-31"],
        ["edit", "3.1", "--unit", "党政办", "--due", "2023-06"],
        ["record", "2.1", "150", "--on", "2023-06-15"],
        ["done", "1.1.1", "--on", "2023-05-20"],
    ):
        result = invoke("-f", str(plan), *args)
        assert result.exit_code == 0, result.output
    out = tmp_path / "推进情况表.xlsx"
    result = invoke("-f", str(plan), "export", "--out", str(out))
    assert result.exit_code == 0, result.output
    return out


GOALS = ("1", "1.1", "2", "2.2", "3", "3.3", "4", "5", "5.3", "5.5")  # the embedded plan's


def rows_of(ws: Any) -> dict[str, int]:
    """The row of each 序号 in the sheet."""
    return {str(ws.cell(r, 1).value): r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value}


def sort_rows(source: Path, key: Any) -> dict[str, int]:
    """The table's rows sorted by ``key`` of their cells' values as Excel's 排序 sorts them,
    each row with its format (the titles' indents included); the row of each 序号 then."""
    book = openpyxl.load_workbook(source)
    ws = book.active
    last = max(rows_of(ws).values())
    rows = [[(c.value, copy.copy(c._style)) for c in row] for row in ws.iter_rows(4, last)]
    rows.sort(key=lambda row: key([value for value, _ in row]))
    for r, row in enumerate(rows, start=4):
        for c, (value, style) in enumerate(row, start=1):
            ws.cell(r, c).value = value
            ws.cell(r, c)._style = style
    book.save(source)
    return rows_of(ws)


def test_a_table_sorted_by_its_completion_is_not_read_into_another_tree(tmp_path):
    # Sorted by 完成率, highest first: no task row holds another by the indents, but goal
    # rows (2 培育两大产业) hold none of their tasks and others tasks not theirs (2.1 under 1):
    # the goals 2.2, 5.5 … became tasks, 26 tasks of 24, the tasks moved, exit 0.
    source = exported(tmp_path)
    sorted_rows = sort_rows(source, lambda row: -(row[12] if row[12] is not None else -1))
    out = tmp_path / "new.toml"
    result = invoke("import", str(source), "--out", str(out))
    assert result.exit_code == 1, result.output
    assert not out.exists()
    text = " ".join(result.output.split())
    goals = {seq: row for seq, row in sorted_rows.items() if seq in GOALS}
    named = re.findall(r"第 (\d+) 行“[^”]+”没有状态", text)
    assert named and all(int(row) in goals.values() for row in named), (named, goals)
    assert "序号" in text and "排序" in text


def test_a_table_sorted_by_its_lead_units_is_not_read_into_another_tree(tmp_path):
    # An office sorts the rows by 牵头单位 (Excel's 排序 moves each row with its format, the
    # titles' indents included): 3.1 (党政办) comes first with 1.1.1 (农业办) indented under it,
    # the goal 1.1 further down. Read by the indents, the task 3.1 became a goal over 1.1.1,
    # 2.1 (280万元, 150 done) a goal whose figures were dropped and whose 责任人 王五 went onto
    # the tasks under it, and the goal 1.1 a task — written with exit 0.
    source = exported(tmp_path)
    sorted_rows = sort_rows(source, lambda row: row[4] or "\uffff")  # E: 牵头单位, empty last
    out = tmp_path / "new.toml"
    result = invoke("import", str(source), "--out", str(out))
    if result.exit_code == 0:  # read right, or not at all
        items = items_of(out)
        assert items["2.1"].get("actual") == 150 and items["2.1"].get("owner") == "王五"
        assert "children" not in items["3.1"] and items["3.1"].get("lead_unit") == "党政办"
        assert items["1.1.1"].get("owner") == "张三" and items["1.1.1"]["status"] == "done"
        assert "status" not in items["1.1"]
        return
    assert result.exit_code == 1
    assert not out.exists()
    text = " ".join(result.output.split())
    assert "Traceback" not in text
    assert f"第 {sorted_rows['3.1']} 行" in text  # the task a row went under, by row
    assert "序号" in text and "排序" in text  # how: sort them back by 序号


def test_a_task_typed_into_a_new_row_does_not_take_the_rows_below_it(tmp_path):
    # An office inserts a row under 2.2.1 and types a new task there: no 序号, its title not
    # indented (a row inserted in LibreOffice, or typed into a row openpyxl inserts, has no
    # format of the row above), a unit, a deadline and 进行中. It became a part over 2.2.2 …
    # 2.3, its 进行中 dropped as a category's, and every item after it renumbered.
    source = exported(tmp_path)
    book = openpyxl.load_workbook(source)
    ws = book.active
    at = rows_of(ws)["2.2.1"] + 1
    ws.insert_rows(at)
    ws.cell(at, 2).value = "新建游客服务中心"
    ws.cell(at, 5).value = "文旅站"
    ws.cell(at, 8).value = "2023.9.30"
    ws.cell(at, 15).value = "进行中"
    book.save(source)
    out = tmp_path / "new.toml"
    result = invoke("import", str(source), "--out", str(out))
    if result.exit_code == 0:
        items = items_of(out)
        new = [i for i in items.values() if i["title"] == "新建游客服务中心"]
        assert len(new) == 1 and new[0].get("status") == "doing", new
        assert items["2.2.2"]["title"] == "抓好“清泉农夫”泉湖馆项目建设"
        assert items["2.3"]["title"] == "试点建设一批村办集体企业"
        assert items["5.5.1"]["title"] == "落实粮食播种面积"
        return
    assert result.exit_code == 1
    assert not out.exists()
    text = " ".join(result.output.split())
    assert f"第 {at} 行" in text and "缩进" in text


def test_a_task_typed_into_a_row_excel_inserted_keeps_the_others_ids(tmp_path):
    # Excel's 插入 gives the new row the format of the row above, its title's indent included:
    # the new task nests where it is typed, under 2.2. It has no 序号, and for that one row
    # every item was numbered by position instead ("序号一栏的编号与各行的上下级不完全对应"):
    # the new task took 2.2.2's id, 2.2.2 became 2.2.3 and so on — ids a merge, the county
    # and the office's own notes know the other tasks by. It gets the next free id, 2.2.4.
    source = exported(tmp_path)
    book = openpyxl.load_workbook(source)
    ws = book.active
    at = rows_of(ws)["2.2.1"] + 1
    ws.insert_rows(at)
    for column in range(1, ws.max_column + 1):
        ws.cell(at, column)._style = copy.copy(ws.cell(at - 1, column)._style)
    ws.cell(at, 2).value = "新建游客服务中心"
    ws.cell(at, 5).value = "文旅站"
    ws.cell(at, 15).value = "进行中"
    book.save(source)
    out = tmp_path / "new.toml"
    result = invoke("import", str(source), "--out", str(out))
    assert result.exit_code == 0, result.output
    items = items_of(out)
    assert items["2.2.2"]["title"] == "抓好“清泉农夫”泉湖馆项目建设"
    assert items["2.2.3"]["title"] == "抓好泉水湖项目建设"
    assert items["2.2.4"]["title"] == "新建游客服务中心"
    assert items["2.2.4"]["status"] == "doing" and items["2.2.4"]["lead_unit"] == "文旅站"
    ids = [item["id"] for item in items.values()]
    assert ids.index("2.2.1") < ids.index("2.2.4") < ids.index("2.2.2")  # where it was typed
    text = " ".join(result.output.split())
    assert "按位置重新编排" not in text
    assert f"第 {at} 行" in text and "2.2.4" in text  # the id it was given, said


def test_a_completion_typed_over_the_one_a_figure_gives_is_named_by_its_cell(tmp_path):
    # The office types 80% into 2.1's 完成率 (its 完成值 150 of 280万元 gives 54%) and leaves
    # the 完成值. The plan computes the completion from the figure: it comes back 54%, the
    # 80% dropped without a word. The figure still wins, the cell is named, with what to do.
    source = exported(tmp_path)
    book = openpyxl.load_workbook(source)
    ws = book.active
    row = rows_of(ws)["2.1"]
    assert ws.cell(3, 13).value == "完成率" and ws.cell(row, 13).value == 0.54
    ws.cell(row, 13).value = 0.8
    book.save(source)
    out = tmp_path / "new.toml"
    result = invoke("import", str(source), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert items_of(out)["2.1"]["actual"] == 150
    text = " ".join(result.output.split())
    assert f"推进情况表!M{row}" in text and "80%" in text and "54%" in text and "完成值" in text
    # An export read back untouched says nothing of it.
    (tmp_path / "again").mkdir()
    untouched = exported(tmp_path / "again")
    result = invoke("import", str(untouched), "--out", str(tmp_path / "again" / "new.toml"))
    assert result.exit_code == 0, result.output
    assert "80%" not in result.output and "54%" not in result.output


def test_a_goals_row_deleted_with_its_tasks_kept_is_named_not_read_as_a_task_over_them(tmp_path):
    # The office filters and deletes the row of goal 2.2, keeping its three tasks: by their
    # indents they went under the task 2.1 above, which became a goal and lost its 150万元.
    source = exported(tmp_path)
    book = openpyxl.load_workbook(source)
    ws = book.active
    rows = rows_of(ws)
    ws.delete_rows(rows["2.2"])
    book.save(source)
    out = tmp_path / "new.toml"
    result = invoke("import", str(source), "--out", str(out))
    assert result.exit_code == 1, result.output
    assert not out.exists()
    text = " ".join(result.output.split())
    assert f"第 {rows['2.1']} 行“发展“四香”特色农业产业”写有状态“进行中”" in text
    assert "补回" in text
