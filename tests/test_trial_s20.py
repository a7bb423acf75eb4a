"""Session 20 trial: two more towns' real plans run through a whole year with the CLI.

The plans: a 街道办事处's 2024 重点工作任务分解表 of 四个示范区 / 五个底线 (东风路街道, 大冶市;
https://hbdaye.gov.cn/zfxxgk/dfbmptlj/zxj/dfljd/fdzdgknr_16976/qtzdgknr_16989/zfhy_20537/202403/t20240313_1102928.html),
typed with 牵头领导 / 责任单位 / 配合单位 / 时间节点 / 目标值 and a column per quarter (一季度…四季度),
its targets as ranges (3-5个), ≥800户, 不低于95%, 控制在0起; and 木棠镇's 2024 为民办实事 (儋州市;
https://www.danzhou.gov.cn/danzhou/xxgk/szf/bg/24xz/202405/t20240513_3661786.html: 高标准农田,
黑皮冬瓜, the villages' 安全饮水, 危房改造), a 民生实事 台账 with 总投资（万元）, a row per village
and a 填报单位 / 截至 line, typed into an Excel 台账 as an office would. Each test shows one
defect an office met, through the command it ran: what was printed, the exit code and what is
on disk."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from openpyxl import Workbook
from typer.testing import CliRunner

from quanhu_plan.cli import app


def _street_ledger(path: Path, targets: list[str]) -> None:
    """东风路街道's 任务分解表: a title merged over the table, the header, a 一、 row and a task
    row per target given, with the quarter columns an office fills in."""
    book = Workbook()
    sheet = book.active
    sheet.title = "任务分解表"
    sheet.append(["东风路街道2024年重点工作任务分解表"])
    sheet.merge_cells("A1:K1")
    sheet.append(
        ["序号", "重点工作", "牵头领导", "责任单位", "配合单位", "时间节点", "目标值"]
        + ["一季度", "二季度", "三季度", "四季度"]
    )
    sheet.append(["一", "一、打造四个示范区"])
    titles = ["新建“红色物业”小区", "扩大黑皮冬瓜种植面积", "控制辖区道路交通事故起数"]
    quarters = [["摸底调研", "完成1个", "完成3个", "验收"], [None] * 4, [None] * 4]
    for number, (title, target, by_quarter) in enumerate(
        zip(titles, targets, quarters, strict=True), 1
    ):
        sheet.append([number, title, "王建华", "党建办", "各社区", "年底前", target, *by_quarter])
    book.save(path)


def test_import_reads_a_target_written_as_a_range_as_its_least_with_its_unit(
    runner: CliRunner, isolated: Path
) -> None:
    """A 目标值 of 3-5个 or 500～800亩 (a range, as a 任务分解表 writes what is asked) came in
    with no target and no unit: `plan record 1.2 600亩` was refused (the task 还没有计量单位)
    and the task's completion was its progress alone. The least of the range is the target
    (3个 reached is the target met); of 控制在3-5起以内, where less is better, the most."""
    table = isolated.parent / "任务分解表.xlsx"
    _street_ledger(table, ["3-5个", "500～800亩", "控制在3-5起以内"])
    result = runner.invoke(app, ["import", str(table)])
    assert result.exit_code == 0, result.output
    items = tomllib.loads(isolated.read_text(encoding="utf-8"))["item"]
    assert [
        (i.get("target"), i.get("measure"), i.get("target_text"), i.get("direction"))
        for i in items[1:]
    ] == [
        (3, "个", "3-5个", None),
        (500, "亩", "500～800亩", None),
        (5, "起", "控制在3-5起以内", "down"),
    ]
    recorded = runner.invoke(app, ["record", "1.2", "600亩", "--on", "2024-07-01"])
    assert recorded.exit_code == 0, recorded.output
    assert tomllib.loads(isolated.read_text(encoding="utf-8"))["item"][2]["actual"] == 600
    status = runner.invoke(app, ["show", "1.2", "--as-of", "2024-07-01"])
    assert re.search(r"完成率\s+100%", status.output), status.output


def test_import_reads_a_project_merged_over_its_villages_rows_as_a_goal_by_its_建设内容(
    runner: CliRunner, isolated: Path
) -> None:
    """木棠镇's 为民办实事 台账 (项目名称 | 建设内容 | 总投资（万元） | …): a project's 序号 and
    name merged down over a row per village, each with its own 建设内容, came in as three tasks
    all named 各村安全饮水提升, numbered 1, 2, 3, so the 危房改造 the table numbers 2 became 4:
    `plan record 2 20户` then went to a village's pipes in 公里 and was refused. 建设内容 is the
    项目's 具体内容, as the 具体措施 under a merged 重点任务 is."""
    table = isolated.parent / "木棠镇2024年为民办实事台账.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["木棠镇2024年为民办实事项目推进台账（截至2024年9月30日）"])
    sheet.append(
        ["序号", "项目名称", "建设内容", "总投资\n（万元）", "责任领导", "责任单位"]
        + ["完成时限", "目标值", "完成值"]
    )
    village = ["符家明", None, "年底前"]
    sheet.append([1, "各村安全饮水提升", "木棠村更换管网2.5公里", 85.5, *village, "2.5公里", 2.5])
    sheet.append([None, None, "铁匠村更换管网1.8公里", 62, *village, "1.8公里", 1.2])
    sheet.append([None, None, "兰训村更换管网3公里", 103, *village, "3公里", None])
    sheet.append(
        [2, "危房改造", "完成困难群众危房改造", 120, "吴海燕", "村建所", "上半年", "20户", 17]
    )
    sheet.append(["合计", None, None, 370.5])
    for merged in ("A3:A5", "B3:B5", "E3:E5"):
        sheet.merge_cells(merged)
    book.save(table)
    result = runner.invoke(app, ["import", str(table), "--map", "项目名称=title"])
    assert result.exit_code == 0, result.output
    items = tomllib.loads(isolated.read_text(encoding="utf-8"))["item"]
    assert [(i["id"], i["title"]) for i in items] == [
        ("1", "各村安全饮水提升"),
        ("1.1", "木棠村更换管网2.5公里"),
        ("1.2", "铁匠村更换管网1.8公里"),
        ("1.3", "兰训村更换管网3公里"),
        ("2", "危房改造"),
    ]
    assert items[1]["总投资（万元）"] == 85.5 and items[4]["detail"] == "完成困难群众危房改造"
    recorded = runner.invoke(app, ["record", "2", "20户", "--on", "2024-10-08"])
    assert recorded.exit_code == 0, recorded.output
    assert tomllib.loads(isolated.read_text(encoding="utf-8"))["item"][4]["actual"] == 20


_TOWN = """\
[plan]
title = "{title}"
organisation = "{town}"
year = 2024
start = 2024-01-01
end = 2024-12-31
lang = "zh"

[[item]]
id = "1"
title = "高标准农田建设"
progress = {progress}
"""


def test_a_county_notice_written_after_the_year_says_which_year_and_day_it_counts(
    runner: CliRunner, isolated: Path
) -> None:
    """The county's 通报 over the towns' 2024 plans, written in the new year (the year-end
    one is), was titled 通报（截至2025年1月10日） and said nowhere that it counted the 2024
    plans, judged at their end on 31 December: the table on the terminal says so, the Word and
    Markdown notice a reader holds did not, in a month when the 2025 plans are handed out."""
    for town, progress in (("木棠镇", 80), ("东风路街道", 60)):
        folder = isolated.parent / town
        folder.mkdir()
        title = f"{town}2024年工作计划"
        text = _TOWN.format(title=title, town=town, progress=progress)
        (folder / "plan.toml").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["county", "木棠镇", "东风路街道", "--format", "md", "--out", "-"])
    assert result.exit_code == 0, result.output
    assert "已结束的计划按其结束日 2024-12-31 计" not in result.output  # the terminal's words
    overall = result.output.split("## 一、总体情况")[1].split("##")[0]
    assert "本次汇总2024年度的计划，按其结束日2024年12月31日计。" in overall, overall
    english = runner.invoke(
        app, ["county", "木棠镇", "东风路街道", "--format", "md", "--lang", "en"]
    )
    assert "The 2024 plans are judged at their end, 2024-12-31." in english.output, english.output


def test_check_says_a_milestone_figure_beyond_the_target_is_read_as_the_target(
    runner: CliRunner, isolated: Path
) -> None:
    """新建“红色物业”小区 3-5个 with 1个 / 3个 / 5个 in the quarter columns: the 四季度 figure,
    5, is beyond the target, 3, and was counted as 100%, so `plan show` said of it
    2024-Q4（应达 5个 100%）已达到 with 4 built, and neither import nor check said a word."""
    table = isolated.parent / "任务分解表.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["序号", "重点工作", "牵头单位", "目标值", "一季度", "二季度", "三季度", "四季度"])
    sheet.append([1, "新建“红色物业”小区", "党建办", "3-5个", None, "1个", "3个", "5个"])
    sheet.append([2, "新增市场主体", "经发办", "≥800户", "200户", "400户", "600户", "900户"])
    book.save(table)
    result = runner.invoke(app, ["import", str(table), "--year", "2024"])
    assert result.exit_code == 0, result.output
    said = "时间节点 2024-Q4 的数值 5 超过目标值 3，届时按达到目标值计（100%）"
    assert said in result.stderr, result.stderr
    assert "时间节点 2024-Q4 的数值 900 超过目标值 800" in result.stderr
    checked = runner.invoke(app, ["check"])
    assert checked.exit_code == 0 and said in checked.output, checked.output
    english = runner.invoke(app, ["check", "--lang", "en"])
    assert "the milestone 2024-Q4 gives 5, beyond the target 3" in english.output


def test_import_reads_a_task_merged_over_a_row_per_village_as_a_goal_of_the_villages(
    runner: CliRunner, isolated: Path
) -> None:
    """农村改厕 merged down (序号 and title) over a row for 木棠村 and one for 铁匠村, each with
    its own 责任单位 and 目标值, and no 具体内容 column to name the rows: two tasks both named
    农村改厕 came in as 1 and 2, so the 危房改造 the table numbers 2 became 3 and `plan done 2`
    ticked off 铁匠村's 改厕 instead. The merged title is a goal, as over differing 具体措施,
    and each row a task named by its village."""
    table = isolated.parent / "木棠镇2024年重点工作台账.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["序号", "工作任务", "责任单位", "完成时限", "目标值"])
    sheet.append([1, "农村改厕", "木棠村", "年底前", "50户"])
    sheet.append([None, None, "铁匠村", "年底前", "30户"])
    sheet.append([2, "危房改造", "村建所", "上半年", "20户"])
    sheet.merge_cells("A2:A3")
    sheet.merge_cells("B2:B3")
    book.save(table)
    result = runner.invoke(app, ["import", str(table)])
    assert result.exit_code == 0, result.output
    items = tomllib.loads(isolated.read_text(encoding="utf-8"))["item"]
    assert [(i["id"], i["title"], i.get("lead_unit"), i.get("target")) for i in items] == [
        ("1", "农村改厕", None, None),
        ("1.1", "农村改厕（木棠村）", "木棠村", 50),
        ("1.2", "农村改厕（铁匠村）", "铁匠村", 30),
        ("2", "危房改造", "村建所", 20),
    ]
    done = runner.invoke(app, ["done", "2", "--on", "2024-06-28"])
    assert done.exit_code == 0 and "危房改造" in done.output, done.output


def test_the_summary_says_a_figure_within_a_range_target_meets_it_not_that_it_beats_it(
    runner: CliRunner, isolated: Path
) -> None:
    """4个 built of a 3-5个 target was written 新建“红色物业”小区4个，目标3-5个，完成率133%，
    超出目标1个: 4 is within what was asked, not above it. Above the range, it is above its
    top; short of it, short of its least."""
    table = isolated.parent / "任务分解表.xlsx"
    _street_ledger(table, ["3-5个", "500～800亩", "控制在3-5起以内"])
    assert runner.invoke(app, ["import", str(table)]).exit_code == 0
    for task, figure in (("1.1", "4"), ("1.2", "900亩"), ("1.3", "2")):
        recorded = runner.invoke(app, ["record", task, figure, "--on", "2024-12-20"], input="n\n")
        assert recorded.exit_code == 0, recorded.output
        assert runner.invoke(app, ["done", task, "--on", "2024-12-20"]).exit_code == 0
    result = runner.invoke(app, ["report", "--as-of", "2024-12-31"])
    assert result.exit_code == 0, result.output
    text = "".join(result.output.split())
    assert "新建“红色物业”小区4个，目标3-5个，达到目标（2024年12月20日完成）" in text, text
    assert "扩大黑皮冬瓜种植面积900亩，目标500～800亩，超出目标上限100亩" in text, text
    assert "控制辖区道路交通事故起数2起，目标控制在3-5起以内，优于目标3起" in text, text
