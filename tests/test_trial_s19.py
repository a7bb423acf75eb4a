"""Session 19 trial: another town's real plan run through a whole year with the CLI.

The plans: 松阳县安民乡's 2024 六件民生实事 (项目名称, 责任领导, 年度目标 with 总投资 and 计划完工
month; https://www.songyang.gov.cn/art/2025/3/5/art_1229359135_59003825.html) and 象山县
泗洲头镇's 2024年度重点工作计划 (序号, 重点工作, 责任领导, 责任科室, 攻坚目标任务, 工作任务安排 by
quarter, 完成情况; a table numbered 1, 2, 3 without categories;
http://www.xiangshan.gov.cn/art/2024/8/1/art_1229682896_4417827.html), typed into an Excel
台账 as an office would. Each test shows one defect an office met, through the command it ran:
what was printed, the exit code and what is on disk."""

from __future__ import annotations

import tomllib
from pathlib import Path

from openpyxl import Workbook
from typer.testing import CliRunner

from quanhu_plan.cli import app

# 泗洲头镇's table: tasks numbered 1, 2 at the top of the plan, no 一、 category rows; and the same
# tasks beside a part (an office that added one category row above some of them).
FLAT = """\
[plan]
title = "泗洲头镇2024年度重点工作计划"
year = 2024
start = 2024-01-01
end = 2024-12-31
lang = "zh"

[[item]]
id = "1"
title = "白仙山水库工程政策处理"
lead = "欧乾震"
progress = 60

[[item]]
id = "2"
title = "现代化美丽城镇"
lead = "吴宇凡"
status = "done"
done_on = 2024-06-30
"""

MIXED = """\
[plan]
title = "安民乡2024年民生实事项目推进台账"
year = 2024
start = 2024-01-01
end = 2024-12-31
lang = "zh"

[[item]]
id = "1"
title = "人大票决民生实事"

[[item]]
id = "1.1"
title = "全乡域单村供水站提升项目"
status = "done"
done_on = 2024-06-30

[[item]]
id = "1.2"
title = "安民乡全水域整治项目"
progress = 40

[[item]]
id = "2"
title = "白仙山水库工程政策处理"
progress = 10
"""


def test_status_shows_the_tasks_at_the_top_of_a_plan_of_tasks_alone(
    runner: CliRunner, isolated: Path
) -> None:
    """A 台账 numbered 1, 2, 3 without categories (泗洲头镇's) gave a status table with its header
    and 合计 and not one row: the tasks, at the level of parts, were neither listed nor named."""
    isolated.write_text(FLAT, encoding="utf-8")
    result = runner.invoke(app, ["status", "--as-of", "2024-06-30"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    row_1 = next(line for line in lines if "白仙山水库工程政策处理" in line)
    row_2 = next(line for line in lines if "现代化美丽城镇" in line)
    assert "0/1" in row_1 and "60%" in row_1
    assert "1/1" in row_2 and "100%" in row_2
    assert "1/2" in next(line for line in lines if "合计" in line)
    assert lines.index(row_2) == lines.index(row_1) + 1  # one block, as the 台账 is typed
    assert isolated.read_text(encoding="utf-8") == FLAT


def test_status_rows_add_up_to_the_total_where_a_task_sits_beside_a_part(
    runner: CliRunner, isolated: Path
) -> None:
    """A task at the top beside a part: the part's row said 1/2 70% and the 合计 1/3 40%, with
    nothing to say where the third task and the fall to 40% came from."""
    isolated.write_text(MIXED, encoding="utf-8")
    result = runner.invoke(app, ["status", "--as-of", "2024-06-30"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    part = next(line for line in lines if "人大票决民生实事" in line)
    loose = next(line for line in lines if "白仙山水库工程政策处理" in line)
    total = next(line for line in lines if "合计" in line)
    assert "1/2" in part and "70%" in part
    assert "0/1" in loose and "10%" in loose
    assert "1/3" in total and "40%" in total
    json_result = runner.invoke(app, ["status", "--as-of", "2024-06-30", "--json"])
    assert json_result.exit_code == 0, json_result.output
    assert '"id": "2"' in json_result.output


def _ledger(path: Path, targets: list[str]) -> None:
    """安民乡's 台账 (title, header, a row per 民生实事) with these 目标值 cells."""
    book = Workbook()
    sheet = book.active
    sheet.append(["安民乡2024年民生实事项目推进台账"])
    sheet.append(["序号", "项目名称", "责任领导", "完成时限", "目标值"])
    titles = ["全乡域单村供水站提升项目", "安民乡全水域整治项目", "文物消防安全工程项目"]
    for number, (title, target) in enumerate(zip(titles, targets, strict=True), 1):
        sheet.append([number, title, "范伟建", "2024年8月", target])
    book.save(path)


def test_import_reads_a_sum_written_300余万元_in_万元(runner: CliRunner, isolated: Path) -> None:
    """总投资约300余万元 / 300多万元 (余 or 多 before the 万) became measure 万, so `plan record 1
    280万元` was refused: “280万元”的单位是“万元”，而…计量单位是“万”：请换算成万后再填."""
    table = isolated.parent / "台账.xlsx"
    _ledger(table, ["300余万元", "20多万元", "1,200余万元"])
    result = runner.invoke(app, ["import", str(table), "--map", "项目名称=title"])
    assert result.exit_code == 0, result.output
    items = tomllib.loads(isolated.read_text(encoding="utf-8"))["item"]
    assert [(i["target"], i["measure"], i["target_text"]) for i in items] == [
        (300, "万元", "300余万元"),
        (20, "万元", "20多万元"),
        (1200, "万元", "1,200余万元"),
    ]
    recorded = runner.invoke(app, ["record", "1", "280万元", "--on", "2024-07-01"])
    assert recorded.exit_code == 0, recorded.output
    assert tomllib.loads(isolated.read_text(encoding="utf-8"))["item"][0]["actual"] == 280


def test_add_reads_a_target_written_300余万元_in_万元(runner: CliRunner, isolated: Path) -> None:
    """`plan add --target 300余万元` (read as plan import reads a 目标值) gave measure 万 too."""
    isolated.write_text(FLAT, encoding="utf-8")
    result = runner.invoke(app, ["add", "top", "新建游客中心", "--target", "300余万元"])
    assert result.exit_code == 0, result.output
    added = tomllib.loads(isolated.read_text(encoding="utf-8"))["item"][-1]
    assert (added["target"], added["measure"]) == (300, "万元")


def test_import_reads_a_target_in_square_metres_written_with_its_symbol(
    runner: CliRunner, isolated: Path
) -> None:
    """A 目标值 typed 1.5万㎡, 1200m² (as Word and Excel write 平方米) or 3000m3 lost its number:
    the cell was read as 1.5万m2, two numbers, and the task came in with no target, while
    `plan add --target 1200㎡` reads 1200 in m²."""
    table = isolated.parent / "台账.xlsx"
    _ledger(table, ["1.5万㎡", "1200m²", "3000m3"])
    result = runner.invoke(app, ["import", str(table), "--map", "项目名称=title"])
    assert result.exit_code == 0, result.output
    items = tomllib.loads(isolated.read_text(encoding="utf-8"))["item"]
    assert [(i.get("target"), i.get("measure")) for i in items] == [
        (1.5, "万㎡"),
        (1200, "m²"),
        (3000, "m³"),
    ]
    recorded = runner.invoke(app, ["record", "2", "800m²", "--on", "2024-07-01"])
    assert recorded.exit_code == 0, recorded.output
    assert tomllib.loads(isolated.read_text(encoding="utf-8"))["item"][1]["actual"] == 800


def test_a_summary_title_too_long_for_a_line_breaks_before_its_words_not_at_its_last_character(
    runner: CliRunner, isolated: Path
) -> None:
    """泗洲头镇2024年上半年工作计划完成情况总结 (a town of four characters, a half-year draft) is a
    little over the 二号 title line (156 mm, about 20 characters): Word and LibreOffice set 结
    alone on the second line. A 公文 title breaks between its words (GB/T 9704 回行: 词意完整)."""
    isolated.write_text(FLAT, encoding="utf-8")
    result = runner.invoke(
        app, ["report", "--as-of", "2024-06-30", "--format", "docx", "--out", "总结.docx"]
    )
    assert result.exit_code == 0, result.output
    from docx import Document

    title = Document(str(isolated.parent / "总结.docx")).paragraphs[0]
    assert title.style.name == "Title"
    assert title.text == "泗洲头镇2024年上半年\n工作计划完成情况总结"
    # 安民乡2024年民生实事项目完成情况总结 (a 民生实事 推进台账's: s23j): one line
    isolated.write_text(MIXED, encoding="utf-8")
    result = runner.invoke(
        app, ["report", "--format", "docx", "--out", "年度.docx", "--as-of", "2024-12-31"]
    )
    assert result.exit_code == 0, result.output
    assert Document(str(isolated.parent / "年度.docx")).paragraphs[0].text == (
        "安民乡2024年民生实事项目完成情况总结"
    )


def test_status_says_a_task_at_the_top_at_100_percent_awaits_its_tick_off_as_a_task(
    runner: CliRunner, isolated: Path
) -> None:
    """The note under the table said of a task at the top as of a part: 注：1 白仙山水库工程政策处理
    的任务完成率均已达100%，其中1项尚未销号 (the tasks of a task)."""
    third = '\n[[item]]\nid = "3"\ntitle = "招商引资"\nprogress = 50\n'
    isolated.write_text(FLAT.replace("progress = 60", "progress = 100") + third, "utf-8")
    result = runner.invoke(app, ["status", "--as-of", "2024-06-30"])
    assert result.exit_code == 0, result.output
    assert "注：1 白仙山水库工程政策处理 完成率已达100%，尚未销号。" in result.output
    assert "的任务" not in result.output
    english = runner.invoke(app, ["status", "--as-of", "2024-06-30", "--lang", "en"])
    assert "Note: 1 白仙山水库工程政策处理 is at 100% but not ticked off yet." in english.output


def test_import_reads_the_unit_a_figure_cell_shows_by_its_number_format(
    runner: CliRunner, isolated: Path
) -> None:
    """An office types 470 in a cell formatted 0"万元" (Excel shows 470万元) or 3.3 in 0.0"万亩":
    the unit came in nowhere (target 470, no measure), so the report said 目标470 where the
    table says 470万元; a cell formatted as a percentage was already read as Excel shows it."""
    table = isolated.parent / "台账.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["安民乡2024年民生实事项目推进台账"])
    sheet.append(["序号", "项目名称", "完成时限", "目标值", "完成值"])
    sheet.append([1, "全乡域单村供水站提升项目", "2024年8月", 470, 300])
    sheet.append([2, "高标准农田建设", "年底前", 3.3, 1.25])
    sheet.append([3, "文物消防安全工程项目", "6月底前", 8, 3])
    for cell in ("D3", "E3"):
        sheet[cell].number_format = '0"万元"'
    for cell in ("D4", "E4"):
        sheet[cell].number_format = '#,##0.0"万亩";[Red]-#,##0.0"万亩"'
    sheet["D5"].number_format = "0.00_ "  # no unit shown: the number as it is
    sheet["E5"].number_format = 'G/通用格式"处"'  # Excel on Chinese Windows: General, with 处
    book.save(table)
    result = runner.invoke(app, ["import", str(table), "--map", "项目名称=title"])
    assert result.exit_code == 0, result.output
    items = tomllib.loads(isolated.read_text(encoding="utf-8"))["item"]
    assert [(i["target"], i.get("measure"), i["actual"]) for i in items] == [
        (470, "万元", 300),
        (3.3, "万亩", 1.25),
        (8, "处", 3),
    ]
    assert all("target_text" not in item for item in items)


def test_import_reads_a_percent_written_as_a_literal_in_the_format_as_shown(
    runner: CliRunner, isolated: Path
) -> None:
    """95 typed in a cell formatted 0"%" (or 0\\%) shows 95% in Excel, a % written as text,
    not a percentage format (which shows 0.95 as 95%): it was read as 9500%, target 9500 and
    actual 6000 with no word said, and a 进度 of 60 so formatted was refused as '6000%'."""
    table = isolated.parent / "推进情况表.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["安民乡2024年重点工作推进情况表"])
    sheet.append(["序号", "工作任务", "完成时限", "目标值", "完成值", "进度"])
    sheet.append([1, "农村生活污水治理覆盖率", "年底前", 95, 60, None])
    sheet.append([2, "文物消防安全工程项目", "6月底前", None, None, 30])
    sheet.append([3, "全乡域单村供水站提升项目", "2024年8月", None, None, 0.4])
    sheet["D3"].number_format = '0"%"'
    sheet["E3"].number_format = "0\\%"
    sheet["F4"].number_format = '0"%"'
    sheet["F5"].number_format = "0%"  # a percentage: 0.4 is 40%
    book.save(table)
    result = runner.invoke(app, ["import", str(table)])
    assert result.exit_code == 0, result.output
    items = tomllib.loads(isolated.read_text(encoding="utf-8"))["item"]
    assert (items[0]["target"], items[0]["actual"], items[0]["measure"]) == (95, 60, "%")
    assert [items[1]["progress"], items[2]["progress"]] == [30, 40]


def test_a_unit_refused_is_named_as_it_was_typed(runner: CliRunner, isolated: Path) -> None:
    """`plan record 1 1.2万㎥` on a task measured in 万平方米 was refused saying its unit was
    “万m3”, a unit the office never typed (the one NFKC reads ㎥ as). (1.2万㎡ is taken since
    session 24: ㎡ is the 平方米 of the measure, tests/test_trial_s24a.py.)"""
    plan = FLAT.replace("progress = 60", 'measure = "万平方米"\ntarget = 1.5')
    isolated.write_text(plan, encoding="utf-8")
    result = runner.invoke(app, ["record", "1", "1.2万㎥", "--on", "2024-07-01"])
    assert result.exit_code == 2, result.output
    assert (
        "“1.2万㎥”的单位是“万㎥”，而 1 白仙山水库工程政策处理 的计量单位是“万平方米”"
        in result.output
    )
    assert "m3" not in result.output
    assert isolated.read_text(encoding="utf-8") == plan
