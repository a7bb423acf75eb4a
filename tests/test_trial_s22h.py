"""Session 22 trial (H): a 街道's 民生实事 推进表 run through a month with the CLI.

The plan: 暨阳街道's 2023 民生实事 (诸暨市; its 2023年民生实事项目完成情况报告,
http://www.zhuji.gov.cn/art/2024/1/17/art_1229561805_1894087.html: 校舍维修建设及设施设备提升工程
总投资约260万元, 资金由街道负责、教体局补助部分, 9月1日前完工; 农村公路大中修工程 of 张庄—董村公路
250万元 and 大埂头—清水潭公路 100万元, 10月中旬完工), typed as the 推进表 an office keeps
(序号 | 项目名称 | 建设内容 | 总投资（万元） | 资金来源 | 责任科室 | 完成时限 | 形象进度 merged over
一季度…四季度, a project merged over a row per road, a 合计 row). Each test shows one defect an
office met, through the command it ran: what was printed, the exit code and what is on disk."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment
from typer.testing import CliRunner

from quanhu_plan.cli import app


def _livelihood_table(path: Path) -> None:
    """暨阳街道's 推进表, trimmed to two projects (the second merged over its two roads)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "民生实事"
    sheet.append(["暨阳街道2023年民生实事项目推进表"])
    sheet.merge_cells("A1:K1")
    sheet.append(["填报单位：暨阳街道党政办", *([None] * 8), "单位：万元"])
    sheet.append(["序号", "项目名称", "建设内容", "总投资（万元）", "资金来源", "责任科室"])
    sheet["G3"], sheet["H3"] = "完成时限", "形象进度"
    sheet.append([None] * 7 + ["一季度", "二季度", "三季度", "四季度"])
    for column in "ABCDEFG":
        sheet.merge_cells(f"{column}3:{column}4")
    sheet.merge_cells("H3:K3")
    rows: list[list[Any]] = [
        [1, "校舍维修建设及设施设备提升工程", "完成滨江小学整体提升改造", 260]
        + ["街道负责，教体局补助部分", "社会事务办", "9月1日前"]
        + ["完成设计", "开工建设", "完工并投入使用", None],
        [2, "暨阳街道农村公路大中修工程", "张庄—董村公路", 250, "街道负责，交通局补助部分"]
        + ["城建办", "10月中旬", "完成招标", "开工", "路面施工", "完工"],
        [None, None, "大埂头—清水潭公路", 100, None, None, None]
        + ["完成招标", "开工", "路面施工", "完工"],
        ["合计", None, None, 610],
    ]
    for row in rows:
        sheet.append(row)
    for column in "ABEFG":
        sheet.merge_cells(f"{column}6:{column}7")
    sheet.merge_cells("A8:C8")
    for cells in sheet.iter_rows(min_row=3):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    book.save(path)


def _imported(runner: CliRunner, isolated: Path) -> dict[str, dict[str, Any]]:
    table = isolated.parent / "暨阳街道2023年民生实事项目推进表.xlsx"
    _livelihood_table(table)
    result = runner.invoke(app, ["import", str(table)])
    assert result.exit_code == 0, result.output
    return {i["id"]: i for i in tomllib.loads(isolated.read_text(encoding="utf-8"))["item"]}


def test_show_keeps_a_column_name_of_the_table_on_one_line(
    runner: CliRunner, isolated: Path, monkeypatch: Any
) -> None:
    """`plan show 1` at 80 columns folded the names of the 推进表's own columns into the width
    of the tool's four-character names: 总投资（万 | 元） broke inside its bracket, 形象进度/ |
    一季度 took two lines for each quarter, the figure 260 beside half a name. A column's name
    of up to eight characters now stands on one line, its value beside it."""
    items = _imported(runner, isolated)
    assert items["1"]["总投资（万元）"] == 260
    assert items["1"]["形象进度/一季度"] == "完成设计"
    monkeypatch.setenv("COLUMNS", "80")
    result = runner.invoke(app, ["show", "1", "--as-of", "2023-04-30"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.startswith("总投资（万元）") and line.endswith(" 260") for line in lines), (
        result.output
    )
    assert any(
        line.startswith("形象进度/一季度") and line.endswith(" 完成设计") for line in lines
    ), result.output
    assert not any(line.strip() in ("元）", "一季度") for line in lines), result.output
    assert max(len(line) for line in lines) <= 80
    assert "具体内容" in result.output and "完成滨江小学整体提升改造" in result.output


def _saved_as_csv(table: Path) -> Path:
    """The 推进表 as Excel on Chinese Windows saves it as CSV: GBK, a merged cell's text in
    its first cell alone (形象进度 over H3 only, 城建办 on the first road's row only)."""
    from openpyxl import load_workbook

    book = load_workbook(table)
    sheet = book.active
    assert sheet is not None
    lines = []
    for row in sheet.iter_rows():
        lines.append(",".join("" if c.value is None else str(c.value) for c in row))
    path = table.with_suffix(".csv")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gbk"))
    return path


def _imported_csv(runner: CliRunner, isolated: Path) -> dict[str, dict[str, Any]]:
    table = isolated.parent / "暨阳街道2023年民生实事项目推进表.xlsx"
    _livelihood_table(table)
    result = runner.invoke(app, ["import", str(_saved_as_csv(table))])
    assert result.exit_code == 0, result.output
    return {i["id"]: i for i in tomllib.loads(isolated.read_text(encoding="utf-8"))["item"]}


def test_csv_names_each_quarter_under_the_group_header_typed_in_its_first_cell(
    runner: CliRunner, isolated: Path
) -> None:
    """Saved as CSV, 形象进度 (merged over the four quarters) stands in its first cell alone:
    the import named the first quarter 形象进度/一季度 and the others 二季度, 三季度, 四季度,
    so the plan, `plan show` and the export's columns held 形象进度 once and three bare
    quarters, unlike the same table imported from the workbook. The group header left blank
    to its right runs over the sub-headers under it, as the merged cell did."""
    from_csv = _imported_csv(runner, isolated)
    project = from_csv["2.1"]
    assert [project.get(f"形象进度/{q}") for q in ("一季度", "二季度", "三季度", "四季度")] == [
        "完成招标",
        "开工",
        "路面施工",
        "完工",
    ], project
    assert not any(key.endswith("季度") and "/" not in key for key in project), project
    assert "责任科室" not in project and project["lead_unit"] == "城建办"


def test_csv_keeps_a_number_of_an_unknown_column_a_number(
    runner: CliRunner, isolated: Path
) -> None:
    """总投资（万元） 260 from the CSV was kept as the text "260" (the workbook's as 260): the
    export wrote it as text (Excel's green triangle, no sum), and the same table gave another
    plan from its CSV than from its workbook. A cell of a CSV that is a plain number is the
    number, as Excel reads it."""
    from_csv = _imported_csv(runner, isolated)
    assert from_csv["1"]["总投资（万元）"] == 260
    assert from_csv["2.2"]["总投资（万元）"] == 100
    assert from_csv["1"]["资金来源"] == "街道负责，教体局补助部分"


def test_csv_gives_each_road_the_unit_and_deadline_merged_beside_its_project(
    runner: CliRunner, isolated: Path
) -> None:
    """责任科室 城建办 and 完成时限 10月中旬, merged over both roads of the 农村公路大中修工程,
    stand on the first road's row alone in the CSV: 大埂头—清水潭公路 came in with no one
    answering for it and no deadline (never late, never red), where the workbook gave it
    城建办 and 2023-10-20, and no notice said so. Where the project's title is merged back
    over its rows, a unit, leader or deadline left blank on all the rows under its first is
    merged back with it; the figures of each row stay its own."""
    items = _imported_csv(runner, isolated)
    road = items["2.2"]
    assert road["lead_unit"] == "城建办", road
    assert str(road["due"]) == "2023-10-20", road
    assert road["总投资（万元）"] == 100 and items["2.1"]["总投资（万元）"] == 250
    listed = runner.invoke(app, ["list", "--as-of", "2023-11-30"])
    assert listed.exit_code == 0
    assert listed.output.count("责任：城建办") == 2, listed.output
