"""Session 23 trial (A): two more real plans run through a year with the CLI.

The plans: 沁县's 2025 任务清单 of its 政府工作报告 (长治, 山西; sent to 县示范区管委会, 各乡、镇人民
政府 and 县直各有关单位 on 2025-05-18, https://m.ltwz.net/news/DPweP9gqoV.html: 133 tasks under
34 牵头单位, grouped by the unit that leads them — 一、县示范区管委会牵头工作（8项） over 1.投资
3000万元建设南美白对虾工厂化循环水养殖基地, 2.打造食用菌酵素生产基地, 3.建设3个劳动密集型产业园
…), typed into an Excel 台账 as an office keeps it (序号 | 工作任务 | 牵头单位 | 责任领导 | 完成时限
| 进展情况, a title merged over the table, each 牵头工作 row merged across it, the 责任领导 merged
down over its tasks); and 菁芜洲镇's 2024年度政府工作计划 (通道侗族自治县, 怀化;
http://www.tongdao.gov.cn/tongdao/c103907/202411/90d5058765fe4dd3b81fc112d34cfbe6.shtml: 主要
预期目标 地区生产总值增长6%以上, 全社会固定资产投资增长8%以上, 城镇和农村居民人均可支配收入分别
增长6%、9%以上; 提质改造老王脚、江口、曹家冲“红色码头”、“红军路”和“红军桥”), written by hand as a
plan.toml following docs/reference.md, its targets growth rates. Each test shows one defect an
office met, through the command it ran: what was printed, the exit code and what is on disk."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from typer.testing import CliRunner

from quanhu_plan.cli import app


def _task_list(path: Path) -> None:
    """沁县's 任务清单, trimmed to two of its 牵头单位: a category row per unit that leads the
    tasks under it, no 牵头单位 written on them (the list names it once, in the heading)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "任务清单"
    sheet.append(["2025年县政府工作报告任务清单"])
    sheet.merge_cells("A1:F1")
    sheet.append(["序号", "工作任务", "牵头单位", "责任领导", "完成时限", "进展情况"])
    rows: list[list[Any]] = [
        ["一、县示范区管委会牵头工作（3项）"],
        [1, "投资3000万元建设南美白对虾工厂化循环水养殖基地。", None, "王宇靖", "2025年12月底"],
        [2, "打造食用菌酵素生产基地。", None, "王宇靖", "2025年10月底"],
        [3, "建设3个劳动密集型产业园。推动潞讯精密电子30条生产线投产。", None, "王宇靖", "2025年12月底"],
        ["二、县农业农村局牵头工作（2项）"],
        [4, "新建高标准农田2.1万亩。", None, "冯宇", "2025年11月底"],
        [5, "完成农村人居环境整治村庄清洁行动。", "各乡镇", "冯宇", "2025年12月底"],
    ]  # fmt: skip
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("A3:F3")
    sheet.merge_cells("A7:F7")
    sheet.merge_cells("D4:D6")
    book.save(path)


def _imported_list(runner: CliRunner, isolated: Path) -> tuple[str, dict[str, dict[str, Any]]]:
    table = isolated.parent / "沁县2025年任务清单.xlsx"
    _task_list(table)
    result = runner.invoke(app, ["import", str(table)])
    assert result.exit_code == 0, result.output
    items = tomllib.loads(isolated.read_text(encoding="utf-8"))["item"]
    return result.output, {item["id"]: item for item in items}


def test_a_category_named_for_the_unit_that_leads_it_gives_its_tasks_that_unit(
    runner: CliRunner, isolated: Path
) -> None:
    """沁县's list names each task's 牵头单位 once, in the heading it is listed under
    (县示范区管委会牵头工作（8项）), as such 任务清单 do. Imported, the tasks had no 牵头单位:
    `plan list --who 县示范区管委会` said 没有符合条件的事项, and the report's ledger left
    责任单位 blank for all of them. The heading's unit is now its part's 牵头单位 (as a sheet
    named for a unit is), which its tasks answer to unless they name their own; the import
    says so."""
    output, items = _imported_list(runner, isolated)
    assert items["1"]["title"] == "县示范区管委会牵头工作（3项）"
    assert items["1"]["lead_unit"] == "县示范区管委会"
    assert items["2"]["lead_unit"] == "县农业农村局"
    assert "lead_unit" not in items["1.1"]  # (its part's, not written on each task)
    assert items["2.2"]["lead_unit"] == "各乡镇"  # a task's own unit stays its own
    assert "第 3、7 行（分类行）的名称写明了牵头单位（县示范区管委会、县农业农村局）" in output
    listed = runner.invoke(app, ["list", "--who", "县示范区管委会", "--flat"])
    assert listed.exit_code == 0, listed.output
    assert "1.1" in listed.output and "1.3" in listed.output and "2.1" not in listed.output
    other = runner.invoke(app, ["list", "--who", "县农业农村局", "--flat"])
    assert "2.1" in other.output and "2.2" not in other.output, other.output
    report = runner.invoke(app, ["report", "--format", "md", "--out", "-", "--as-of", "2025-06-30"])
    assert report.exit_code == 0, report.output
    assert "| 1.2 | 打造食用菌酵素生产基地 | 王宇靖 | 县示范区管委会 |" in report.output


# 菁芜洲镇's plan as the office wrote it by hand: its 主要预期目标 are growth rates.
TOWN_PLAN = """\
[plan]
title = "菁芜洲镇2024年度政府工作计划"
organisation = "通道侗族自治县菁芜洲镇人民政府"
year = 2024
lang = "zh"

[[item]]
id = "1"
title = "经济社会发展主要预期目标"

[[item]]
id = "1.1"
title = "地区生产总值增长"
measure = "%"
target = 6
target_text = "增长6%以上"

[[item]]
id = "1.2"
title = "全社会固定资产投资增长"
measure = "%"
target = 8
target_text = "增长8%以上"

[[item]]
id = "2"
title = "加快招商引资步伐，打造特色品牌"

[[item]]
id = "2.1"
title = "提质改造老王脚、江口、曹家冲“红色码头”、“红军路”和“红军桥”"
lead_unit = ["文旅站", "规划建设办"]
measure = "处"
target = 3
due = "2024-10"
"""


def _town(isolated: Path) -> Path:
    isolated.write_text(TOWN_PLAN, encoding="utf-8")
    return isolated


def test_record_reads_a_growth_rate_typed_as_the_plan_words_it(
    runner: CliRunner, isolated: Path
) -> None:
    """The 统计站 reported 全社会固定资产投资 up 6.1% on the year; the office typed it as its
    target is worded (增长8%以上): `plan record 1.2 同比增长6.1%` was refused as 不是数字, while
    `plan record 1.2 下降3.5%` was read as -3.5 and plan import reads 增长6.1% in a 完成值 cell
    as 6.1. A figure worded as a rise is now the number, as one worded as a fall is its
    negative."""
    _town(isolated)
    result = runner.invoke(app, ["record", "1.2", "同比增长6.1%", "--on", "2024-10-20"])
    assert result.exit_code == 0, result.output
    assert "完成值 — → 6.1%" in result.output, result.output
    item = tomllib.loads(isolated.read_text(encoding="utf-8"))["item"][2]
    assert (item["id"], item["actual"]) == ("1.2", 6.1)
    result = runner.invoke(app, ["record", "1.1", "增长5.8%", "--on", "2024-10-20"])
    assert result.exit_code == 0, result.output
    assert "完成值 — → 5.8%" in result.output, result.output
    fall = runner.invoke(app, ["record", "1.1", "下降0.5%", "--on", "2024-10-21"])
    assert "完成值 5.8% → -0.5%" in fall.output, fall.output


def test_the_report_says_a_growth_rate_short_of_its_target_as_a_level_not_an_amount_done(
    runner: CliRunner, isolated: Path
) -> None:
    """At the year's end 全社会固定资产投资 was up 2.1% against 增长8%以上. The report's 存在的
    问题 read 完成率26%（已完成2.1%，目标增长8%以上）: a rate said as an amount done, 2.1%
    done beside 26% complete, as if of the work. A figure in % (or ‰) is a level, as a fall
    (-3.5%) already was: 目前2.1%."""
    _town(isolated)
    for args in (["record", "1.2", "2.1"], ["record", "1.1", "5.8"]):
        result = runner.invoke(app, [*args, "--on", "2024-12-31"], input="n\n")
        assert result.exit_code == 0, result.output
    report = runner.invoke(app, ["report", "--format", "md", "--out", "-", "--as-of", "2024-12-31"])
    assert report.exit_code == 0, report.output
    assert "完成率为26%（目前2.1%，目标增长8%以上）" in report.output, report.output
    assert "已完成2.1%" not in report.output
    english = runner.invoke(
        app, ["report", "--format", "md", "--out", "-", "--as-of", "2024-12-31", "--lang", "en"]
    )
    assert "completion 26% (now 2.1%, target 增长8%以上)" in english.output, english.output
    # An amount in its own unit is still an amount done.
    assert runner.invoke(app, ["record", "2.1", "1", "--on", "2024-12-31"]).exit_code == 0
    report = runner.invoke(app, ["report", "--format", "md", "--out", "-", "--as-of", "2024-12-31"])
    assert "（已完成1处，目标3处）" in report.output, report.output


def test_a_task_named_by_the_county_number_it_was_imported_with_is_pointed_to(
    runner: CliRunner, isolated: Path
) -> None:
    """The office imported the county's list keeping its 序号 as the county's task numbers
    (`--map 序号=key`), as `plan county --key` asks, and the 督查 asks after 第4项. `plan
    record 4 1.2` said only 计划中没有编号或名称为“4”的事项, though the plan holds task 2.1
    with county number 4: the office could not tell which id to type. The error now names
    the task that has that county number and its id."""
    table = isolated.parent / "沁县2025年任务清单.xlsx"
    _task_list(table)
    imported = runner.invoke(app, ["import", str(table), "--map", "序号=key"])
    assert imported.exit_code == 0, imported.output
    before = isolated.read_bytes()
    result = runner.invoke(app, ["record", "4", "1.2", "--on", "2025-05-20"])
    assert result.exit_code == 1, result.output
    assert "计划中没有编号或名称为“4”的事项" in result.output
    assert "县级任务编号为 4 的是 2.1 新建高标准农田2.1万亩。，请用它的编号 2.1" in result.output
    assert isolated.read_bytes() == before
    english = runner.invoke(app, ["--lang", "en", "done", "4"])
    assert english.exit_code == 1
    assert "county task number 4 is 2.1 新建高标准农田2.1万亩。: use its id, 2.1" in english.output


def test_show_names_the_unit_a_task_answers_to_through_its_part(
    runner: CliRunner, isolated: Path
) -> None:
    """`plan list` put 1.2 under 责任: 王宇靖 / 县示范区管委会 — its part's unit, the one the list
    names in its heading — and the report's ledger and `list --who` count it so; `plan show
    1.2`, where the office looks up who answers for one task, listed 责任领导 and no 牵头单位
    at all. show now gives the unit it answers to, saying it is its part's."""
    _imported_list(runner, isolated)
    result = runner.invoke(app, ["show", "1.2", "--as-of", "2025-06-30"])
    assert result.exit_code == 0, result.output
    assert "责任领导    王宇靖" in result.output, result.output
    assert "牵头单位    县示范区管委会（上级 1 的）" in result.output, result.output
    own = runner.invoke(app, ["show", "2.2", "--as-of", "2025-06-30"])
    assert "牵头单位    各乡镇\n" in own.output, own.output  # its own, said as before
    english = runner.invoke(app, ["--lang", "en", "show", "1.2", "--as-of", "2025-06-30"])
    assert "县示范区管委会 (of 1, above)" in english.output, english.output
    part = runner.invoke(app, ["show", "1", "--as-of", "2025-06-30"])
    assert "牵头单位   县示范区管委会\n" in part.output, part.output  # (the part's own)


def test_import_says_where_a_heading_counts_more_tasks_than_were_typed_under_it(
    runner: CliRunner, isolated: Path
) -> None:
    """The list states each group's size in its heading (县示范区管委会牵头工作（8项）), which is
    how an office checks that a 133-task list was typed in whole. A row left out in typing
    (three tasks under 一、…（4项）) was imported without a word: the plan lacked a task,
    and its part still said 4项. The import now says which heading counts more, or fewer,
    than it has under it."""
    table = isolated.parent / "沁县2025年任务清单.xlsx"
    _task_list(table)
    from openpyxl import load_workbook

    book = load_workbook(table)
    book.active["A3"] = "一、县示范区管委会牵头工作（4项）"  # (one of its four not typed)
    book.save(table)
    result = runner.invoke(app, ["import", str(table)])
    assert result.exit_code == 0, result.output
    assert (
        "第 3 行（分类行）写明 4 项，其下只有 3 项：请核对是否漏了任务，或分类行写的项数有误。"
        in result.output
    ), result.output
    assert "第 7 行（分类行）写明" not in result.output  # (its 2项 are there)
    english = runner.invoke(app, ["--lang", "en", "import", str(table), "--force"])
    assert "Category row 3 counts 4 tasks but 3 are under it" in english.output, english.output
    # A list typed in whole says nothing of it.
    _task_list(table)
    whole = runner.invoke(app, ["import", str(table), "--force"])
    assert "只有" not in whole.output and "项：请核对" not in whole.output, whole.output


def test_a_target_of_two_figures_is_refused_saying_it_holds_two(
    runner: CliRunner, isolated: Path
) -> None:
    """The plan words one aim as two figures: 城镇和农村居民人均可支配收入分别增长6%、9%以上.
    `plan add 1 城乡居民人均可支配收入增长 --target 分别增长6%、9%以上`, the document's words
    typed, was refused as 不是数字 — the office could not tell what was wrong with a target
    full of numbers. The error now says it holds two, and that one task has one target."""
    _town(isolated)
    before = isolated.read_bytes()
    result = runner.invoke(
        app, ["add", "1", "城乡居民人均可支配收入增长", "--target", "分别增长6%、9%以上"]
    )
    assert result.exit_code == 2, result.output
    assert "“分别增长6%、9%以上”不对：有 2 个数（6、9），不知道是哪一个" in result.output, (
        result.output
    )
    assert "一项任务只记一个指标：几个指标请分成几项任务" in result.output
    assert isolated.read_bytes() == before
    english = runner.invoke(app, ["--lang", "en", "record", "1.1", "5.8%、6.1%"])
    assert english.exit_code == 2
    assert "holds 2 numbers (5.8, 6.1): which one?" in english.output, english.output


def test_check_advises_a_target_typed_as_words_with_its_sign_direction_and_words(
    runner: CliRunner, isolated: Path
) -> None:
    """Writing the plan by hand, the office typed targets and a figure as the document words
    them. `plan check` refused them, rightly, and advised what to write — wrongly: 下降10%
    became target = 10 (a rise of 10, where import reads -10, less is better), 控制在5‰以内
    target = 5 with no direction (so 4.2‰ counted as 84% of a target, not met), the actual
    下降3.5% became actual = 3.5; and 增长6%以上 lost its words. The advice now gives every
    line the value reads as: the sign, direction = "down", the words as target_text."""
    isolated.write_text(
        TOWN_PLAN.replace('target = 8\ntarget_text = "增长8%以上"', 'target = "增长8%以上"')
        .replace(
            'target = 6\ntarget_text = "增长6%以上"', 'target = "下降10%"\nactual = "下降3.5%"'
        )
        .replace("target = 3\n", 'target = "控制在5‰以内"\n'),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1, result.output
    text = " ".join(result.output.split())
    assert (
        '“下降10%”是不是要写 target = -10、target_text = "下降10%"、direction = "down"？' in text
    ), text
    # (measure = "%" is written above them: not said again, to be written twice)
    assert "“下降3.5%”是不是要写 actual = -3.5？" in text, text
    assert '“增长8%以上”是不是要写 target = 8、target_text = "增长8%以上"？' in text
    assert (
        '“控制在5‰以内”是不是要写 target = 5、measure = "‰"、target_text = "控制在5‰以内"、'
        'direction = "down"？' in text
    ), text
