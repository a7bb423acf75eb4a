"""Session 20 trial: a town's year run on the county's 目标管理考核 table instead of a 任务分解表.

The table: 考核内容 / 考核指标 / 分值 / 评分标准 / 责任单位 / 完成时限 / 目标值, a 考核内容 merged
down over its 考核指标 and named with its points (基层党建（30分）), as the 目标管理考核办法 of a
town lays them out (基层党建30分, 城乡管理30分, 社会治安和综合治理8分, 向上争资和招商引资5分 of a
100-point score: http://www.360docs.net/doc/info-5aaa2be1ed3a87c24028915f804d2b160a4e865d.html;
the 评分标准 worded as such a 考评办法's are — 完成任务计分，不完成任务扣分:
http://qiantimeigw.com/GuiZhangZhiDu/295516.html), typed into Excel as an office would. Each
test shows one defect an office met, through the command it ran: what was printed, the exit
code and what is on disk."""

from __future__ import annotations

import tomllib
from pathlib import Path

from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from quanhu_plan.cli import app

_ROWS = [
    (1, "基层党建（30分）", "落实全面从严治党主体责任", 10, "未按时召开专题会议的扣2分", "党政办", "2023年12月底", None),
    (2, None, "村级组织阵地规范化建设", 20, "每有1个村未达标扣2分，扣完为止", "组织办", "2023年10月底", "12个村"),
    (3, "城乡管理（30分）", "农村人居环境整治", 15, "县级暗访发现问题每处扣0.5分", "城建办", "2023年11月底", None),
    (4, None, "完成农村改厕任务", 15, "按完成比例计分", "农业服务中心", "2023年9月30日", "300户"),
    (5, "社会治安和综合治理（8分）", "信访积案化解率", 8, "化解率达到90%以上得满分", "综治中心", "2023年12月31日", "不低于90%"),
    (6, "向上争资和招商引资（5分）", "引进市外资金", 5, "完成目标得满分，未完成按比例得分", "经发办", "全年", "2000万元"),
]  # fmt: skip


def _assessment_table(path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "考核指标"
    sheet.append(["城关镇2023年度目标管理考核指标"])
    sheet.merge_cells("A1:H1")
    sheet.append(
        ["序号", "考核内容", "考核指标", "分值", "评分标准", "责任单位", "完成时限", "目标值"]
    )
    for row in _ROWS:
        sheet.append(list(row))
    sheet.merge_cells("B3:B4")  # 基层党建 over its two 考核指标
    sheet.merge_cells("B5:B6")
    book.save(path)


def _imported(runner: CliRunner, isolated: Path, *maps: str) -> list[dict]:
    table = isolated.parent / "考核指标.xlsx"
    _assessment_table(table)
    result = runner.invoke(app, ["import", str(table), *maps])
    assert result.exit_code == 0, result.output
    return tomllib.loads(isolated.read_text(encoding="utf-8"))["item"]


def test_import_reads_an_assessment_table_its_points_as_the_weight(
    runner: CliRunner, isolated: Path
) -> None:
    """`plan import` of a 目标管理考核 table was refused (找不到表头行: 考核内容 and 考核指标 are
    no task column it knew) and, with --map, 分值 was an unknown column kept as text: the
    weights the score is made of were not the plan's. 考核内容 is the title (a goal where it is
    merged over several 考核指标, a task each), 分值 the weight, 评分标准 kept."""
    items = _imported(runner, isolated)
    got = [(i["id"], i["title"], i.get("weight"), i.get("评分标准")) for i in items]
    assert got[:3] == [
        ("1", "基层党建（30分）", 30, None),
        ("1.1", "落实全面从严治党主体责任", 10, "未按时召开专题会议的扣2分"),
        ("1.2", "村级组织阵地规范化建设", 20, "每有1个村未达标扣2分，扣完为止"),
    ]
    assert got[3][:3] == ("2", "城乡管理（30分）", 30)
    assert got[6][:3] == ("3", "社会治安和综合治理（8分）", 8)
    # over one 考核指标 it is a goal as well, its task named by the indicator (session 21: the
    # task was named by its category, the indicator only in its detail)
    assert got[7][:3] == ("3.1", "信访积案化解率", 8)


def test_status_weighs_the_total_by_the_points_of_each_part(
    runner: CliRunner, isolated: Path
) -> None:
    """Imported with --map 分值=weight, the merged 考核内容 became goals of weight 1 beside
    tasks of weight 8 and 5: 基层党建 (30 分) counted for less than 向上争资 (5 分), and the
    total `plan status` showed was 6 %, where the points done are 25 of 73 (34 %)."""
    maps = ("考核内容=title", "考核指标=detail", "分值=weight")
    _imported(runner, isolated, *(part for name in maps for part in ("--map", name)))
    for args in (["done", "1.1"], ["progress", "2.1", "50"], ["record", "2.2", "150"]):
        result = runner.invoke(app, [*args, "--on", "2023-06-30"])
        assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["status", "--as-of", "2023-06-30"])
    assert result.exit_code == 0, result.output
    total = next(line for line in result.output.splitlines() if "合计" in line)
    assert " 34% " in total, result.output


def test_export_keeps_the_scoring_rules_and_its_import_brings_them_back(
    runner: CliRunner, isolated: Path
) -> None:
    """`plan export` of a plan imported from a 考核 table left out its 评分标准 (kept on each
    item, as 备注 is, which the export writes): the table sent back to the county had no
    scoring rules, and `plan import` of it lost them from the plan."""
    _imported(runner, isolated)
    table = isolated.parent / "导出.xlsx"
    result = runner.invoke(app, ["export", "--out", str(table)])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(table).active
    header = next(row for row in sheet.iter_rows(values_only=True) if "序号" in row)
    assert "评分标准" in header, header
    rules = [row[header.index("评分标准")] for row in sheet.iter_rows(values_only=True)]
    assert "每有1个村未达标扣2分，扣完为止" in rules
    again = isolated.parent / "again.toml"
    result = runner.invoke(app, ["import", str(table), "--out", str(again)])
    assert result.exit_code == 0, result.output
    items = {i["id"]: i for i in tomllib.loads(again.read_text(encoding="utf-8"))["item"]}
    assert items["1.2"]["评分标准"] == "每有1个村未达标扣2分，扣完为止"
    assert items["1"]["weight"] == 30


def test_import_keeps_a_points_cell_that_states_no_number_as_written(
    runner: CliRunner, isolated: Path
) -> None:
    """A 考核 table's 一票否决 and 加分项 rows have words, not points, in the 分值 column, as
    every county's has: the import refused the whole table (应为权重（大于 0 的数字）), and
    the only way on, --map 分值=keep, lost every row's points. Such a cell is kept as written
    (the row weighs 1, as a row with no 分值 does); the rows with points keep them."""
    book = Workbook()
    sheet = book.active
    sheet.append(["序号", "考核项目", "考核内容", "分值（分）", "考核办法", "责任单位", "完成时限"])
    sheet.append([1, "党风廉政建设", "落实两个责任", "10分", "每发现一例扣1分", "纪委", "年底"])
    sheet.append(
        [2, "安全生产", "杜绝较大事故", "一票否决", "发生较大事故的一票否决", "安监站", "全年"]
    )
    sheet.append(
        [3, "创新工作", "获市级以上表彰", "加分项", "每项加1分，最多加5分", "党政办", "年底"]
    )
    table = isolated.parent / "考核细则.xlsx"
    book.save(table)
    result = runner.invoke(app, ["import", str(table)])
    assert result.exit_code == 0, result.output
    items = tomllib.loads(isolated.read_text(encoding="utf-8"))["item"]
    assert [(i.get("weight"), i.get("分值（分）")) for i in items] == [
        (10, None),
        (None, "一票否决"),
        (None, "加分项"),
    ]
    assert items[1]["考核办法"] == "发生较大事故的一票否决"


def test_import_reads_a_category_typed_on_each_row_as_a_merged_one(
    runner: CliRunner, isolated: Path
) -> None:
    """An office that unmerges the 考核内容 to filter the table (or types it on each row) got a
    task per row titled 基层党建, 基层党建: the 考核指标 that tell them apart only in `detail`,
    seen nowhere in `list` or `status`, and no 30 分 for 基层党建. Rows in a run that repeat the
    title with details that differ are read as the title merged over them is."""
    book = Workbook()
    sheet = book.active
    sheet.append(["考核内容", "考核指标", "分值", "评分标准", "责任单位", "完成时限"])
    sheet.append(["基层党建", "落实主体责任", 10, "未落实扣2分", "党政办", "2023年年底"])
    sheet.append(["基层党建", "阵地建设", 20, "每村扣2分", "组织办", "2023年年底"])
    sheet.append(["城乡管理", "人居环境", 15, "每处扣0.5分", "城建办", "2023年年底"])
    table = isolated.parent / "考核.xlsx"
    book.save(table)
    result = runner.invoke(app, ["import", str(table)])
    assert result.exit_code == 0, result.output
    items = tomllib.loads(isolated.read_text(encoding="utf-8"))["item"]
    assert [(i["id"], i["title"], i.get("weight")) for i in items] == [
        ("1", "基层党建", 30),
        ("1.1", "落实主体责任", 10),
        ("1.2", "阵地建设", 20),
        ("2", "城乡管理", 15),
        ("2.1", "人居环境", 15),
    ]


def test_import_reads_points_merged_beside_a_merged_category_as_the_categorys(
    runner: CliRunner, isolated: Path
) -> None:
    """A 分值 merged down beside its 考核内容 (30 over both 基层党建 rows) is the category's
    points: it was read onto each row, 30 and 30, and the category summed to 60, twice its
    weight in the score beside 城乡管理 (15). The category has it; its rows share it."""
    book = Workbook()
    sheet = book.active
    sheet.append(["考核内容", "分值", "考核指标", "评分标准", "责任单位", "完成时限"])
    sheet.append(["基层党建", 30, "落实主体责任", "未落实扣2分", "党政办", "2023年年底"])
    sheet.append([None, None, "阵地建设", "每村扣2分", "组织办", "2023年年底"])
    sheet.append(["城乡管理", 15, "人居环境", "每处扣0.5分", "城建办", "2023年年底"])
    sheet.merge_cells("A2:A3")
    sheet.merge_cells("B2:B3")
    table = isolated.parent / "考核.xlsx"
    book.save(table)
    result = runner.invoke(app, ["import", str(table)])
    assert result.exit_code == 0, result.output
    items = tomllib.loads(isolated.read_text(encoding="utf-8"))["item"]
    assert [(i["id"], i["title"], i.get("weight")) for i in items] == [
        ("1", "基层党建", 30),
        ("1.1", "落实主体责任", None),
        ("1.2", "阵地建设", None),
        ("2", "城乡管理", 15),
        ("2.1", "人居环境", 15),
    ]
