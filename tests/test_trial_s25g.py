"""Session 25 trial: a 民族乡's plan run through a whole year with the CLI.

The plan: 泰顺县竹里畲族乡 (温州, 浙江; one of the province's eighteen 民族乡镇), its 2022年工作总结与
2023年工作计划 (http://www.ts.gov.cn/art/2023/1/28/art_1229659527_4147490.html: the “三月三”
畲族风情旅游节, the 赤岩寨 乡村文创园 with its 畲服定制工坊、指尖畲绣工作室、畲族婚庆馆, 游客40万人次 and
旅游总收入2000万元 in 2022, the 入城口景观工程, 门楼至居竹路段“白改黑”), typed as the
重点工作任务分解表 an office keeps: 序号 | 重点工作 | 目标任务 | 责任领导 | 责任单位 | 配合单位 |
完成时限 | 一季度 … 四季度 | 备注, a category row per 工程, the 2023 targets set on the 2022 figures
(45万人次以上, 2200万元), quarterly figures and steps in the quarter columns. Each test shows one
defect the office met, through the command it ran: what was printed, the exit code and what is
on disk."""

from __future__ import annotations

import csv
import tomllib
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from typer.testing import CliRunner

from quanhu_plan.cli import app

_HEADER = ["序号", "重点工作", "目标任务", "责任领导", "责任单位", "配合单位", "完成时限"]
_HEADER += ["一季度", "二季度", "三季度", "四季度", "备注"]

_ROWS: list[list[Any]] = [
    ["一", "大力实施产业增效工程"],
    [1, "办好2023年“三月三”畲族风情旅游节", "接待游客2万人次", "党委副书记", "文化站"]
    + ["竹里村、茶石村、何宅垟村", "2023年4月底前", "完成活动方案", "举办旅游节"]
    + [None, None, "农历三月三（4月22日）"],
    [2, "推进赤岩寨乡村文创园建设", "建成畲服定制工坊、指尖畲绣工作室、畲族婚庆馆3个"]
    + ["副乡长", "旅游办", "竹里村", "2023年10月底前", "完成设计（10%）"]
    + ["主体施工，进度40%", "完成80%", "建成投用"],
    [3, "全年接待游客", "45万人次以上", "乡长", "旅游办", "各村", "年底前", 10, 25, 35, 45],
    [4, "提升民宿农家乐服务品质", "新增民宿3家，创建金宿1家", "副乡长", "旅游办"]
    + ["农业综合服务中心", "2023年11月", None, "新增民宿1家", "新增民宿2家", "创建金宿1家"],
    ["二", "大力实施经济赶超工程"],
    [1, "推进入城口景观工程", "完成投资800万元", "副乡长", "村镇建设办", "竹里村"]
    + ["2023年9月底前", 200, 500, 800],
    [2, "门楼至居竹路段“白改黑”", "3.2公里", "副乡长", "村镇建设办", None, "二季度"]
    + [None, "完工"],
    ["三", "大力实施民族团结和平安建设工程"],
    [1, "创建省级民族团结进步示范乡", "通过省级验收", "党委书记", "统战办", "各村"]
    + ["2023年12月", None, "完成自评", "迎接市级初审", "通过省级验收"],
    [2, "抓好安全生产", "生产安全事故控制在0起", "乡长", "应急管理站", "各村", "长期"],
]


def _table(path: Path) -> Path:
    """竹里畲族乡's 分解表: a title row, a 填报单位 line, the header, the rows."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "任务分解表"
    sheet.append(["竹里畲族乡2023年重点工作任务分解表"])
    sheet.merge_cells("A1:L1")
    sheet.append(["填报单位：竹里畲族乡党政办"])
    sheet.append(_HEADER)
    for row in _ROWS:
        sheet.append(row)
    book.save(path)
    return path


def _items(plan: Path) -> dict[str, dict[str, Any]]:
    return {i["id"]: i for i in tomllib.loads(plan.read_text(encoding="utf-8"))["item"]}


def test_import_reads_a_目标任务_column_of_figures_beside_重点工作_as_the_targets(
    runner: CliRunner, isolated: Path
) -> None:
    """重点工作 | 目标任务 (45万人次以上, 2200万元, 完成投资800万元, 生产安全事故控制在0起): both
    headers name a task, so the 目标任务 became each task's detail. The plan had not one target:
    no 完成率 by figure, no 目标值 in the report or the county's table, and the quarter columns'
    figures (10, 25, 35, 45 万人次) were kept as loose words, not milestones, for want of a
    measure. An office had to know to type --map 目标任务=target."""
    table = _table(isolated.parent / "竹里畲族乡2023年重点工作任务分解表.xlsx")
    result = runner.invoke(app, ["import", str(table)])
    assert result.exit_code == 0, result.output
    assert "“目标任务”一列的 8 格中有 6 格写的是一个数字" in result.output, result.output
    assert "--map 目标任务=detail" in result.output, result.output
    items = _items(isolated)
    assert "detail" not in items["1.3"]
    assert (items["1.3"]["target"], items["1.3"]["measure"]) == (45, "万人次")
    assert items["1.3"]["target_text"] == "45万人次以上"
    assert [(m["due"], m["value"]) for m in items["1.3"]["milestone"]] == [
        ("2023-Q1", 10),
        ("2023-Q2", 25),
        ("2023-Q3", 35),
        ("2023-Q4", 45),
    ]
    assert (items["2.1"]["target"], items["2.1"]["measure"]) == (800, "万元")
    assert (items["3.2"]["target"], items["3.2"]["direction"]) == (0, "down")
    # words alone stay the target's words; two figures in one cell are no one target
    assert "target" not in items["3.1"] and items["3.1"]["target_text"] == "通过省级验收"
    assert "target" not in items["1.4"]
    assert items["1.4"]["target_text"] == "新增民宿3家，创建金宿1家"
    status = runner.invoke(app, ["record", "1.3", "26万人次", "--on", "2023-06-30"])
    assert status.exit_code == 0, status.output
    assert "完成值 — → 26万人次" in status.output, status.output


def test_import_keeps_the_目标任务_column_as_the_detail_when_asked(
    runner: CliRunner, isolated: Path
) -> None:
    """The way out the notice gives: --map 目标任务=detail reads the column as before."""
    table = _table(isolated.parent / "竹里畲族乡2023年重点工作任务分解表.xlsx")
    result = runner.invoke(app, ["import", str(table), "--map", "目标任务=detail"])
    assert result.exit_code == 0, result.output
    assert "读作各项任务的目标值" not in result.output, result.output
    items = _items(isolated)
    assert items["1.3"]["detail"] == "45万人次以上" and "target" not in items["1.3"]


def test_a_目标任务_column_that_parts_a_merged_重点工作_stays_its_tasks_names(
    runner: CliRunner, isolated: Path
) -> None:
    """A 重点工作 merged over rows whose 目标任务 differ (抓好基础设施建设 over 完成投资800万元,
    新建道路3公里, 建成公厕2座) is a goal with a task per 目标任务, named by it: figures or not,
    the column stays what tells those tasks apart, not three tasks of one name."""
    table = isolated.parent / "某街道2024年重点工作任务分解表.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["某街道2024年重点工作任务分解表"])
    sheet.append(["序号", "重点工作", "目标任务", "责任单位", "完成时限"])
    sheet.append(["一", "一、城市建设"])
    sheet.append([1, "抓好基础设施建设", "完成投资800万元", "建设办", "年底前"])
    sheet.append([2, None, "新建道路3公里", "建设办", "9月底前"])
    sheet.append([3, None, "建成公厕2座", "城管办", "6月底前"])
    sheet.append([4, "抓好民生实事", "惠及群众5000人", "社事办", "年底前"])
    sheet.merge_cells("B4:B6")
    book.save(table)
    result = runner.invoke(app, ["import", str(table)])
    assert result.exit_code == 0, result.output
    assert "读作各项任务的目标值" not in result.output, result.output
    items = _items(isolated)
    assert [(i, items[i]["title"]) for i in ("1.1", "1.1.1", "1.1.2", "1.1.3", "1.2")] == [
        ("1.1", "抓好基础设施建设"),
        ("1.1.1", "完成投资800万元"),
        ("1.1.2", "新建道路3公里"),
        ("1.1.3", "建成公厕2座"),
        ("1.2", "抓好民生实事"),
    ]


def test_report_says_what_a_figure_counts_where_the_title_does_not(
    runner: CliRunner, isolated: Path
) -> None:
    """The year-end report wrote 推进入城口景观工程800万元 and 抓好安全生产0起，达到目标: the title
    with the bare figure, where the target's words name what is counted (完成投资800万元,
    生产安全事故控制在0起). Now: 推进入城口景观工程，完成投资800万元 and 抓好安全生产，生产安全事故
    0起, and the target without those words again (目标800万元); a title that says it already
    (全年接待游客46.5万人次) stays as it was."""
    table = _table(isolated.parent / "竹里畲族乡2023年重点工作任务分解表.xlsx")
    assert runner.invoke(app, ["import", str(table)]).exit_code == 0
    for command in (
        ["record", "2.1", "800", "--on", "2023-09-25"],
        ["done", "2.1", "--on", "2023-09-26"],
        ["record", "3.2", "0", "--on", "2023-12-31"],
        ["done", "3.2", "--on", "2023-12-31"],
        ["record", "1.3", "46.5", "--on", "2023-12-31"],
        ["done", "1.3", "--on", "2023-12-31"],
    ):
        done = runner.invoke(app, command, input="n\n")
        assert done.exit_code == 0, done.output
    report = runner.invoke(app, ["report", "--format", "md", "--as-of", "2023-12-31"])
    assert report.exit_code == 0, report.output
    text = report.output
    assert "推进入城口景观工程，完成投资800万元，目标800万元，完成率100%" in text, text
    assert "抓好安全生产，生产安全事故0起，达到目标" in text, text
    assert "全年接待游客46.5万人次，目标45万人次以上" in text, text


def test_export_puts_the_kept_quarter_columns_in_the_calendar_order(
    runner: CliRunner, isolated: Path
) -> None:
    """The steps in words an office typed in its quarter columns are kept under 一季度 … 四季度
    and written back by `plan export`; the columns came in the order first met down the table:
    一季度, 二季度, 四季度, 三季度 — the 文创园's 建成投用 (四季度 alone) above the 民宿's 二季度,
    三季度 and 四季度. They are in the calendar's order now, as the table had them."""
    table = _table(isolated.parent / "竹里畲族乡2023年重点工作任务分解表.xlsx")
    assert runner.invoke(app, ["import", str(table)]).exit_code == 0
    out = isolated.parent / "推进情况表.csv"
    result = runner.invoke(app, ["export", "--as-of", "2023-06-30", "--out", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header = next(row for row in rows if row and row[0] == "序号")
    quarters = [name for name in header if name.endswith("季度")]
    assert quarters == ["一季度", "二季度", "三季度", "四季度"], header
    again = runner.invoke(app, ["import", str(out), "--out", "again.toml"])
    assert again.exit_code == 0, again.output
    back = _items(isolated.parent / "again.toml")
    assert back["1.4"]["三季度"] == "新增民宿2家"
    # 建成投用 beside 1.2's percents is its fourth quarter's step (session 27), in 时间节点安排
    assert back["1.2"]["milestone"][-1] == {"due": "2023-Q4", "note": "建成投用"}


def test_who_finds_the_乡长s_tasks_not_the_副乡长s(runner: CliRunner, isolated: Path) -> None:
    """竹里畲族乡's table names its 责任领导 by post (乡长, 副乡长, 党委书记, 党委副书记). `plan list
    --who 乡长`, to hand the 乡长 his tasks, listed the 副乡长's too (乡长 is part of 副乡长), and
    `plan report --owner 乡长` summed them into the 乡长's year. A post after 副 is a deputy's:
    乡长 finds 乡长 alone; 副乡长 finds the 副乡长."""
    table = _table(isolated.parent / "竹里畲族乡2023年重点工作任务分解表.xlsx")
    assert runner.invoke(app, ["import", str(table)]).exit_code == 0
    listed = runner.invoke(app, ["list", "--who", "乡长", "--flat", "--as-of", "2023-06-30"])
    assert listed.exit_code == 0, listed.output
    assert "全年接待游客" in listed.output and "抓好安全生产" in listed.output, listed.output
    assert "推进入城口景观工程" not in listed.output, listed.output  # the 副乡长's
    assert "文创园" not in listed.output, listed.output
    deputy = runner.invoke(app, ["list", "--who", "副乡长", "--flat", "--as-of", "2023-06-30"])
    assert "推进入城口景观工程" in deputy.output and "全年接待游客" not in deputy.output
    report = runner.invoke(app, ["report", "--owner", "书记", "--as-of", "2023-06-30"])
    assert report.exit_code == 0, report.output
    assert "责任领导：党委书记" in report.output, report.output
    assert "党委副书记" not in report.output, report.output
    assert "共1项" in report.output, report.output


_QUARTERS = ["一季度目标", "二季度目标", "三季度目标"]


def test_a_quarters_figure_after_the_targets_own_words_is_its_milestone(
    runner: CliRunner, isolated: Path
) -> None:
    """The quarter columns written as the target is (一季度目标 完成投资200万元 … beside a
    目标任务 of 完成投资800万元): only 累计完成500万元 became a milestone, the other two were kept
    as words, so the pace of the 入城口景观工程 followed the second quarter alone. A figure after
    the very words the task's target puts before its own is the figure due then."""
    table = isolated.parent / "竹里畲族乡2023年重点工作季度目标表.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["竹里畲族乡2023年重点工作任务分解表"])
    sheet.append(["序号", "重点工作", "目标任务", "责任单位", "完成时限"] + _QUARTERS)
    sheet.append([1, "推进入城口景观工程", "完成投资800万元", "村镇建设办", "9月底前"])
    sheet["F3"], sheet["G3"] = "完成投资200万元", "累计完成500万元"
    sheet["H3"] = "完成投资800万元"
    sheet.append([2, "创建省级民族团结进步示范乡", "通过省级验收", "统战办", "12月"])
    sheet["G4"], sheet["H4"] = "完成自评", "迎接市级初审"
    sheet.append([3, "全年接待游客", "45万人次以上", "旅游办", "年底前", "新增民宿1家"])
    book.save(table)
    result = runner.invoke(app, ["import", str(table)])
    assert result.exit_code == 0, result.output
    items = _items(isolated)
    assert [(m["due"], m["value"]) for m in items["1"]["milestone"]] == [
        ("2023-Q1", 200),
        ("2023-Q2", 500),
        ("2023-Q3", 800),
    ]
    assert "一季度目标" not in items["1"] and "milestone" not in items["2"]
    assert items["2"]["二季度目标"] == "完成自评"
    assert items["3"]["一季度目标"] == "新增民宿1家"  # other words, another unit: kept
