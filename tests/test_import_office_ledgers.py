"""plan import of the ledgers county and town offices keep (工作台账, 推进情况表, 督查台账) as
Excel and WPS leave them: deadlines written the way such ledgers word them, dates an Excel cell
holds as a bare number (a date cell formatted as General, 45291), years in full-width or
Chinese digits, and a workbook kept as one sheet per unit (--sheet 全部)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .test_import import items_of, read_plan, run, workbook

LEDGER_DEADLINES: list[tuple[Any, Any]] = [
    ("全年持续推进", dt.date(2024, 12, 31)),
    ("全年持续开展", dt.date(2024, 12, 31)),
    ("长期坚持", None),
    ("常态化", None),
    ("年底前", dt.date(2024, 12, 31)),
    ("6月底前", "2024-06"),
    ("三季度", "2024-Q3"),
    ("2023年12月", "2023-12"),
    ("今年底", dt.date(2024, 12, 31)),
    ("今年年底前", dt.date(2024, 12, 31)),
    ("二〇二四年六月底前", "2024-06"),
    ("20240630", dt.date(2024, 6, 30)),
    (20240930, dt.date(2024, 9, 30)),
]


def test_the_deadlines_ledgers_write_are_read(tmp_path, plan_file):
    rows: list[list[Any]] = [["2024年工作台账"], ["序号", "工作任务", "完成时限"]]
    rows += [[n, f"任务{n}", written] for n, (written, _) in enumerate(LEDGER_DEADLINES, 1)]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    for n, (written, expected) in enumerate(LEDGER_DEADLINES, start=1):
        assert items[str(n)].get("due") == expected, written


def test_a_date_excel_holds_as_a_bare_number_is_read_as_that_day_and_said(tmp_path, plan_file):
    # A date cell formatted as General shows (and holds) 45291; a CSV Excel wrote holds it
    # as the text "45291"; a date with a time, 45473.5.
    rows: list[list[Any]] = [
        ["2024年工作台账"],
        ["序号", "工作任务", "完成时限", "完成日期", "状态"],
        [1, "修塘", 45473, None, "进行中"],
        [2, "修路", "45657", 45400, "已完成"],
        [3, "建馆", 45473.5],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["due"] == dt.date(2024, 6, 30)
    assert items["2"]["due"] == dt.date(2024, 12, 31)
    assert items["2"]["done_on"] == dt.date(2024, 4, 18)
    assert items["3"]["due"] == dt.date(2024, 6, 30)
    assert (
        "注意：这些单元格是一个数字，按 Excel 的日期序号读作日期（单元格设为“常规”格式的日期就是"
        "这样）：Sheet1!C3 45473 → 2024-06-30、Sheet1!C4 '45657' → 2024-12-31、"
        "Sheet1!D4 45400 → 2024-04-18、Sheet1!C5 45473.5 → 2024-06-30；请核对。"
    ) in result.stderr


def test_a_number_in_a_deadline_cell_that_is_no_date_is_still_refused(tmp_path, plan_file):
    rows = [["序号", "工作任务", "完成时限"], [1, "修塘", 2024], [2, "修路", 123]]
    result = run(str(workbook(tmp_path / "2024.xlsx", rows)))
    assert result.exit_code == 1, result.output
    assert "Sheet1!C2（完成时限）：发现 2024；应为完成时限" in result.stderr
    assert "Sheet1!C3（完成时限）：发现 123；应为完成时限" in result.stderr
    assert not plan_file.exists()


@pytest.mark.parametrize(
    "title", ["泉湖镇２０２４年重点工作推进情况表", "泉湖镇二〇二四年重点工作推进情况表"]
)
def test_a_title_with_its_year_in_full_width_or_chinese_digits_gives_the_plans_year(
    tmp_path, plan_file, title
):
    rows = [
        [title],
        ["序号", "工作任务", "完成时限"],
        [1, "修塘", "年底前"],
    ]
    result = run(str(workbook(tmp_path / "t.xlsx", rows)))
    assert result.exit_code == 0, result.output
    assert read_plan(plan_file)["plan"]["year"] == 2024
    assert items_of(plan_file)["1"]["due"] == dt.date(2024, 12, 31)


def test_a_deadline_cell_over_two_lines_is_quoted_on_one_line_in_the_error(tmp_path, plan_file):
    rows = [["序号", "工作任务", "完成时限"], [1, "修塘", "6月底前\n（第一阶段3月底前）"]]
    result = run(str(workbook(tmp_path / "2024.xlsx", rows)))
    assert result.exit_code == 1, result.output
    line = next(x for x in result.stderr.splitlines() if "Sheet1!C2（完成时限）" in x)
    assert "一个单元格里有几个时限（“6月底前（第一阶段3月底前）”）：请只写最终的完成时限" in line


# ---------------------------------------------------------------- one sheet per unit

LEDGER_HEADER = ["序号", "工作任务", "责任人", "完成时限", "完成情况"]


def units_workbook(tmp_path, bad: bool = False):
    """A 工作台账 with one sheet per unit, each with the same header (as a 党政办 collects
    them), and a 说明 sheet."""
    office = [
        ["党政办2024年工作台账"],
        LEDGER_HEADER,
        [1, "办好民生实事", "张三", "6月底前", "已开工"],
        [2, "做好信访维稳", "李四", "常态化" if not bad else "6月前"],
    ]
    economy = [["经发办2024年工作台账"], LEDGER_HEADER, [1, "招商引资", "王五", "三季度"]]
    farming = [
        ["农业股2024年工作台账"],
        LEDGER_HEADER,
        [1, "抓好春耕", "赵六", "4月底前" if not bad else "待定"],
    ]
    return workbook(
        tmp_path / "2024年各单位工作台账.xlsx",
        office,
        sheet="党政办",
        more={"经发办": economy, "农业股": farming, "填报说明": [["每月5日前报送"]]},
    )


def test_a_workbook_with_a_sheet_per_unit_says_how_to_import_them_all(tmp_path, plan_file):
    result = run(str(units_workbook(tmp_path)))
    assert result.exit_code == 0, result.output
    assert (
        "注意：只导入了工作表“党政办”；工作簿中还有 “经发办”、“农业股”、“填报说明”。"
        "其中 “经发办”、“农业股” 的表头与“党政办”相同（如各单位或各月的台账）："
        "要把它们一起导入，重新导入时加 --sheet 全部（每个工作表成为计划的一部分）；"
        "只要其中一个，用 --sheet 工作表名。"
    ) in result.stderr
    assert [item["title"] for item in items_of(plan_file).values()] == [
        "办好民生实事",
        "做好信访维稳",
    ]


def test_sheet_all_imports_every_units_sheet_as_a_part_under_that_unit(tmp_path, plan_file):
    result = run(str(units_workbook(tmp_path)), "--sheet", "全部")
    assert result.exit_code == 0, result.output
    plan = read_plan(plan_file)
    assert plan["plan"]["title"] == "2024年各单位工作台账"
    assert plan["plan"]["year"] == 2024
    assert (
        plan["plan"]["source"] == "2024年各单位工作台账.xlsx（工作表“党政办”、“经发办”、“农业股”）"
    )
    got = [(i["id"], i["title"], i.get("lead_unit"), i.get("owner")) for i in plan["item"]]
    assert got == [
        ("1", "党政办", "党政办", None),
        ("1.1", "办好民生实事", None, "张三"),
        ("1.2", "做好信访维稳", None, "李四"),
        ("2", "经发办", "经发办", None),
        ("2.1", "招商引资", None, "王五"),
        ("3", "农业股", "农业股", None),
        ("3.1", "抓好春耕", None, "赵六"),
    ]
    items = items_of(plan_file)
    assert items["1.1"]["due"] == "2024-06" and items["1.1"]["log"][0]["note"] == "已开工"
    assert items["3.1"]["due"] == "2024-04"
    assert (
        "2024年各单位工作台账.xlsx（3 个工作表：“党政办”、“经发办”、“农业股”）导入 7 个事项"
        "（4 项任务）" in result.stdout
    )
    assert (
        "注意：每个工作表成为计划的一部分（编号 1–3），以工作表名为名称；"
        "工作表里没有牵头单位一栏的，工作表名作为这一部分的牵头单位。" in result.stderr
    )
    assert "填报说明" not in result.stderr  # a sheet without a table is no part
    listed = CliRunner().invoke(app, ["list", "--who", "经发办"])
    assert listed.exit_code == 0 and "招商引资" in listed.stdout and "抓好春耕" not in listed.stdout


def test_sheet_all_reports_the_bad_cells_of_every_sheet_at_once(tmp_path, plan_file):
    result = run(str(units_workbook(tmp_path, bad=True)), "--sheet", "all")
    assert result.exit_code == 1, result.output
    assert "有 2 个单元格无法读取，没有写入任何文件" in result.stderr
    assert "党政办!D4（完成时限）：发现 '6月前'" in result.stderr
    assert "农业股!D3（完成时限）：发现 '待定'" in result.stderr
    assert not plan_file.exists()


def test_sheet_all_dry_run_shows_the_parts_in_english(tmp_path, plan_file):
    result = CliRunner().invoke(
        app,
        ["--lang", "en", "import", str(units_workbook(tmp_path)), "--sheet", "all", "--dry-run"],
    )
    assert result.exit_code == 0, result.output
    assert (
        "1 党政办\n  1.1 办好民生实事  · Responsible: 党政办 / 张三 · Due: 2024-06\n"
        in result.stdout
    )
    assert "2024年各单位工作台账.xlsx (3 sheets: '党政办', '经发办', '农业股')" in result.stdout
    assert "Note: Each sheet became a part of the plan (numbered 1–3)" in result.stderr
    assert not plan_file.exists()


# ---------------------------------------------------------------- the day a row was filled in


def progress_sheet(tmp_path):
    rows: list[list[Any]] = [
        ["泉湖镇2024年重点工作推进情况表（截至2024-06-30）"],
        ["序号", "工作任务", "牵头单位", "进展情况", "更新日期"],
        [1, "修塘", "水利站", "主体完工", dt.date(2024, 5, 20)],
        [2, "修路", "交通站", "路基完成", 45444],  # a date cell formatted as General
        [3, "建馆", "文化站", "正在选址"],
        [4, "植树", "林业站", None, dt.date(2024, 4, 1)],
        [5, "办学", "教育办", "筹备中", "6月上旬"],
    ]
    return workbook(tmp_path / "推进情况表.xlsx", rows)


def test_each_progress_note_is_dated_by_its_rows_update_day(tmp_path, plan_file):
    result = run(str(progress_sheet(tmp_path)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["log"] == [{"on": dt.date(2024, 5, 20), "note": "主体完工"}]
    assert items["2"]["log"] == [{"on": dt.date(2024, 6, 1), "note": "路基完成"}]
    assert items["3"]["log"] == [{"on": dt.date(2024, 6, 30), "note": "正在选址"}]
    # No note to date: the day is kept as written; nor is a cell that names no day dropped.
    assert "log" not in items["4"] and items["4"]["更新日期"] == dt.date(2024, 4, 1)
    assert items["5"]["log"] == [{"on": dt.date(2024, 6, 30), "note": "筹备中"}]
    assert items["5"]["更新日期"] == "6月上旬"
    assert (
        "注意：进展情况按各行“更新日期”一栏的日期记入（2 行）；没有写明某一天的，"
        "或那一天不在计划年度内（至多到次年年底）、晚于今天的，记为 2024-06-30。" in result.stderr
    )
    assert "不认得的列" not in result.stderr


def test_on_dates_every_note_whatever_its_rows_update_day(tmp_path, plan_file):
    result = run(str(progress_sheet(tmp_path)), "--on", "2024-07-01")
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert {str(items[n]["log"][0]["on"]) for n in ("1", "2", "3", "5")} == {"2024-07-01"}
    assert items["1"]["更新日期"] == dt.date(2024, 5, 20)  # kept, not lost
    assert "按各行" not in result.stderr


def test_a_completion_cell_holding_only_a_status_gives_the_tasks_status(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["2024年工作台账"],
        ["序号", "工作任务", "责任人", "完成时限", "完成情况"],
        [1, "办好民生实事", "张三", "6月底前", "已完成"],
        [2, "做好信访维稳", "李四", "常态化", "正在推进"],
        [3, "抓好春耕", "赵六", "4月底前", "已完成，验收合格"],
        [4, "招商引资", "王五", "三季度", None],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["status"] == "done" and items["2"]["status"] == "doing"
    assert items["1"]["log"][0]["note"] == "已完成"  # the words stay in the log
    assert "status" not in items["3"] and "status" not in items["4"]
    assert (
        "注意：第 3、4 行的“完成情况”只写了状态，已读作任务的状态：1 已完成（“已完成”）；"
        "2 进行中（“正在推进”）。读错的已完成任务，用 plan reopen 编号改回（如 plan reopen 1）。"
        in result.stderr
    )
    # More words than a status: not ticked off, said with the command that would.
    assert "第 5 行" in result.stderr and "plan done 3 --on 完成日期" in result.stderr


def test_a_status_column_wins_over_a_status_word_in_the_completion_column(tmp_path, plan_file):
    rows = [
        ["序号", "工作任务", "状态", "完成情况"],
        [1, "办好民生实事", "进行中", "已完成"],
    ]
    result = run(str(workbook(tmp_path / "2024年台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    assert items_of(plan_file)["1"]["status"] == "doing"
    assert "只写了状态" not in result.stderr


# ---------------------------------------------------------------- formulas without a saved value
# (a workbook a program wrote, as openpyxl does here, holds a formula but not its value)


def test_a_sequence_column_numbered_by_formulas_is_no_reason_to_refuse(tmp_path, plan_file):
    rows: list[list[Any]] = [["2024年工作台账"], ["序号", "工作任务", "牵头单位", "完成时限"]]
    rows += [["=ROW()-2", f"任务{n}", "党政办", "6月底前"] for n in (1, 2, 3)]
    rows += [["=ROW()-2"]] * 3  # rows numbered ahead, left empty
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    assert [(i["id"], i["title"]) for i in read_plan(plan_file)["item"]] == [
        ("1", "任务1"),
        ("2", "任务2"),
        ("3", "任务3"),
    ]


def test_a_title_that_is_a_formula_without_its_value_is_reported_not_replaced(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ['="泉湖镇"&"2024年重点工作推进情况表"'],
        ["序号", "工作任务", "牵头单位", "完成时限"],
        [1, "修塘", "水利站", "6月底前"],
    ]
    path = workbook(tmp_path / "推进表.xlsx", rows)
    result = run(str(path))
    assert result.exit_code == 1, result.output
    assert (
        'Sheet1!A1（表头上方的标题）：发现 \'="泉湖镇"&"2024年重点工作推进情况表"\'；'
        "这是一个没有保存计算结果的公式" in result.stderr
    )
    assert "或用 --title 和 --year 给出计划名称和年度" in result.stderr
    assert not plan_file.exists()
    result = run(str(path), "--title", "泉湖镇2024年重点工作", "--year", "2024")
    assert result.exit_code == 0, result.output
    assert read_plan(plan_file)["plan"]["title"] == "泉湖镇2024年重点工作"


def test_a_wps_et_sheet_renamed_xlsx_is_told_as_such_and_how_to_save_it(tmp_path, plan_file):
    # WPS 表格's own .et, like an old .xls, is an OLE compound file.
    path = tmp_path / "台账.xlsx"
    path.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "Workbook".encode("utf-16-le")
    )
    result = run(str(path))
    assert result.exit_code == 1, result.output
    assert (
        "它其实是旧的 .xls 格式或 WPS 表格的 .et 格式（只是改了扩展名）；请在 Excel 或 WPS 中打开，"
        "“另存为” .xlsx（Excel 工作簿）后再导入" in result.stderr
    )
    assert not plan_file.exists()


# ---------------------------------------------------------------- a 督查台账


def test_a_supervision_ledger_is_read_by_its_own_header_names(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["泉湖镇2024年督查督办事项台账"],
        ["序号", "督查事项", "交办领导", "承办单位", "办理时限", "办理情况", "是否办结"],
        [1, "整治集镇环境卫生", "张书记", "城建办", "2024年5月31日", "已整治到位", "是"],
        [2, "解决群众饮水问题", "李镇长", "水利站", "6月底前", "正在施工", "否"],
    ]
    result = run(str(workbook(tmp_path / "督查台账.xlsx", rows, ("A1:G1",))))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    first, second = items["1"], items["2"]
    assert (first["title"], first["lead"], first["lead_unit"]) == (
        "整治集镇环境卫生",
        "张书记",
        "城建办",
    )
    assert first["due"] == dt.date(2024, 5, 31) and first["status"] == "done"
    assert first["log"][0]["note"] == "已整治到位"
    # 否 says not yet done; 正在施工 alone in 办理情况 says the work is under way.
    assert second["due"] == "2024-06" and second["status"] == "doing"
    assert "不认得的列" not in result.stderr


# ---------------------------------------------------------------- the plan's year, when guessed


def test_a_sheet_that_names_no_year_anywhere_says_the_plan_takes_this_years(tmp_path, plan_file):
    rows = [["重点工作台账"], ["序号", "工作任务", "完成时限"], [1, "修塘", "6月底前"]]
    path = workbook(tmp_path / "台账.xlsx", rows)
    result = run(str(path))
    assert result.exit_code == 0, result.output
    year = dt.date.today().year
    assert (
        f"注意：表格的标题、文件名和完成时限都没有写年份，计划年度按今年算作 {year} 年"
        "（没写年份的完成时限也按这一年读）；如果不对，用 --year 指定后重新导入。"
    ) in result.stderr
    assert items_of(plan_file)["1"]["due"] == f"{year}-06"
    plan_file.unlink()
    result = run(str(path), "--year", "2024")
    assert result.exit_code == 0 and "没有写年份" not in result.stderr


def test_dry_run_names_the_plan_and_its_year_before_anything_is_written(tmp_path, plan_file):
    rows = [["泉湖镇2024年重点工作台账"], ["序号", "工作任务", "完成时限"], [1, "修塘", "6月底前"]]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "计划名称“泉湖镇2024年重点工作台账”，2024 年度。" in result.stdout
    english = run(str(workbook(tmp_path / "台账.xlsx", rows)), "--dry-run", "--lang", "en")
    assert "The plan: '泉湖镇2024年重点工作台账', year 2024." in english.stdout
    assert not plan_file.exists()


# ---------------------------------------------------------------- targets by period


def test_a_target_under_a_half_year_group_is_a_milestone_and_the_years_the_target(
    tmp_path, plan_file
):
    rows: list[list[Any]] = [
        ["2024年重点工作"],
        ["序号", "工作任务", "牵头单位", "上半年", None, "全年", None],
        [None, None, None, "目标", "完成情况", "目标", "完成情况"],
        [1, "修路", "交通站", "10公里", "完成5公里", "20公里", "正在推进"],
    ]
    merges = ("A2:A3", "B2:B3", "C2:C3", "D2:E2", "F2:G2")
    result = run(str(workbook(tmp_path / "t.xlsx", rows, merges)))
    assert result.exit_code == 0, result.output
    item = items_of(plan_file)["1"]
    assert (item["target"], item["measure"]) == (20, "公里")
    assert item["milestone"] == [{"due": "2024-06", "value": 10}]
    assert item["log"][0]["note"] == "完成5公里"
    assert item["全年/完成情况"] == "正在推进"  # the second 完成情况 kept, not dropped


def test_an_update_day_outside_the_plans_year_or_after_today_does_not_date_a_note(
    tmp_path, plan_file
):
    rows: list[list[Any]] = [
        ["2024年推进情况表（截至2024-12-31）"],
        ["序号", "工作任务", "进展情况", "更新日期"],
        [1, "修路", "路基完成", dt.date(2025, 1, 5)],  # the year's last report, in January
        [2, "修塘", "主体完成", dt.date(2042, 1, 5)],  # a slip: no record comes from 2042
        [3, "建馆", "选址完成", dt.date(2019, 3, 1)],
    ]
    result = run(str(workbook(tmp_path / "t.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["log"][0]["on"] == dt.date(2025, 1, 5)
    assert items["2"]["log"][0]["on"] == dt.date(2024, 12, 31)
    assert items["2"]["更新日期"] == dt.date(2042, 1, 5)
    assert items["3"]["log"][0]["on"] == dt.date(2024, 12, 31)
    assert (
        "注意：进展情况按各行“更新日期”一栏的日期记入（1 行）；没有写明某一天的，"
        "或那一天不在计划年度内（至多到次年年底）、晚于今天的，记为 2024-12-31。" in result.stderr
    )


# ---------------------------------------------------------------- header names of other counties


@pytest.mark.parametrize(
    ("title", "note", "reason"),
    [
        ("重点工作内容", "1-6月完成情况", "存在困难和问题"),
        ("工作任务及目标", "截至目前完成情况", "问题及建议"),
        ("年度目标任务", "工作完成情况", "存在的问题"),
        ("主要工作", "上半年工作进展", "困难和问题"),
    ],
)
def test_header_names_of_other_ledgers_are_read(tmp_path, plan_file, title, note, reason):
    rows = [
        ["2024年推进情况表"],
        ["序号", title, "责任单位", "完成时限", note, reason],
        [1, "修路", "交通站", "年底前", "路基完成", "资金未到位"],
    ]
    result = run(str(workbook(tmp_path / "t.xlsx", rows)))
    assert result.exit_code == 0, result.output
    item = items_of(plan_file)["1"]
    assert (item["title"], item["lead_unit"], item["reason"]) == ("修路", "交通站", "资金未到位")
    assert item["log"][0]["note"] == "路基完成"
    assert "不认得的列" not in result.stderr


def test_no_header_found_does_not_list_deadlines_below_it_as_headers(tmp_path, plan_file):
    rows = [
        ["2024年督办台账"],
        ["序号", "督办件", "经办", "时限"],
        [1, "修路", "交通站", "6月底前"],
        [2, "修塘", "水利站", "9月30日"],
    ]
    result = run(str(workbook(tmp_path / "t.xlsx", rows)))
    assert result.exit_code == 1, result.output
    assert "认得的表头：Sheet1!A2 '序号'、Sheet1!D2 '时限'；最像表头的第 2 行是" in result.stderr
    assert not plan_file.exists()


def test_a_second_column_of_the_same_name_is_kept_and_said(tmp_path, plan_file):
    rows = [
        ["序号", "工作任务", "完成情况", "备注", "完成情况", "备注"],
        [1, "修路", "路基完成", "备注一", "路面完成", "备注二"],
    ]
    result = run(str(workbook(tmp_path / "2024.xlsx", rows)))
    assert result.exit_code == 0, result.output
    item = items_of(plan_file)["1"]
    assert item["log"][0]["note"] == "路基完成" and item["完成情况（E列）"] == "路面完成"
    assert item["备注"] == "备注一" and item["备注（F列）"] == "备注二"
    assert (
        "注意：表头里“完成情况”有 2 列：读的是 C 列，E 列原样保留为“完成情况（E列）”。"
        in result.stderr
    )
    assert "“备注”有" not in result.stderr  # both kept as they are anyway


def test_sheet_all_names_hidden_rows_by_the_ids_the_plan_gives_them(tmp_path, plan_file):
    path = units_workbook(tmp_path)
    book = openpyxl.load_workbook(path)
    book["经发办"].row_dimensions[3].hidden = True
    book.save(path)
    result = run(str(path), "--sheet", "全部")
    assert result.exit_code == 0, result.output
    assert "第 3 行（事项 2.1）" in result.stderr and "plan rm 2.1" in result.stderr
    assert items_of(plan_file)["2.1"]["title"] == "招商引资"


def test_a_sequence_typed_in_full_width_digits_gives_the_ids(tmp_path, plan_file):
    rows = [
        ["2024年台账"],
        ["序号", "工作任务", "完成时限"],
        ["１", "修路", "6月底前"],
        ["１．１", "路基", "5月底前"],
        ["１．３", "路面", "5月底前"],
        ["２", "办文", "年底前"],
    ]
    result = run(str(workbook(tmp_path / "t.xlsx", rows)))
    assert result.exit_code == 0, result.output
    assert "序号一栏的编号" not in result.stderr
    assert list(items_of(plan_file)) == ["1", "1.1", "1.3", "2"]


# ---------------------------------------------------------------- 牵头 and 配合 in one cell


def test_a_unit_cell_naming_lead_and_supporting_units_is_split_between_them(tmp_path, plan_file):
    rows = [
        ["2024年任务分解表"],
        ["序号", "工作任务", "责任单位", "配合单位", "完成时限"],
        [1, "修路", "牵头单位：交通站；配合单位：财政所、自然资源所", None, "6月底前"],
        [2, "办文", "党政办（牵头），经发办", None, "年底前"],
        [3, "办学", "牵头：教育办\n配合：财政所", "团委", "年底前"],
        [4, "修塘", "水利站、农业股", None, "年底前"],
    ]
    result = run(str(workbook(tmp_path / "t.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["lead_unit"] == "交通站"
    assert items["1"]["support_units"] == ["财政所", "自然资源所"]
    assert items["2"]["lead_unit"] == "党政办" and items["2"]["support_units"] == ["经发办"]
    assert items["3"]["lead_unit"] == "教育办"
    assert items["3"]["support_units"] == ["财政所", "团委"]
    assert items["4"]["lead_unit"] == ["水利站", "农业股"] and "support_units" not in items["4"]


# ---------------------------------------------------------------- Chinese Excel's own date formats


def with_builtin_format(path, format_code: str, builtin: int):
    """The workbook at ``path`` as Chinese Excel saves a cell formatted 2024年6月30日: by a
    number format id of its locale (31) that the file does not define."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as old:
        parts = {name: old.read(name) for name in old.namelist()}
    styles = parts["xl/styles.xml"].decode()
    code = format_code.replace('"', "&quot;")
    found = re.search(rf'<numFmt numFmtId="(\d+)" formatCode="{re.escape(code)}"/>', styles)
    assert found, styles
    styles = styles.replace(found.group(0), "")
    styles = styles.replace(f'numFmtId="{found.group(1)}"', f'numFmtId="{builtin}"')
    parts["xl/styles.xml"] = styles.encode()
    with zipfile.ZipFile(path, "w") as new:
        for name, data in parts.items():
            new.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("format_code", "builtin"),
    [('yyyy"年"m"月"d"日"', 31), ('m"月"d"日"', 58), ('yyyy"年"m"月"', 57)],
)
def test_a_date_in_chinese_excels_own_date_format_is_read_as_a_date(
    tmp_path, plan_file, format_code, builtin
):
    book = openpyxl.Workbook()
    book.active.append(["2024年台账"])
    book.active.append(["序号", "工作任务", "完成时限"])
    book.active.append([1, "修路", dt.date(2024, 6, 30)])
    book.active["C3"].number_format = format_code
    book.save(tmp_path / "t.xlsx")
    result = run(str(with_builtin_format(tmp_path / "t.xlsx", format_code, builtin)))
    assert result.exit_code == 0, result.output
    assert items_of(plan_file)["1"]["due"] == dt.date(2024, 6, 30)
    assert "日期序号" not in result.stderr  # a date cell, not a number to check


def test_notes_are_dated_on_the_day_the_sheet_was_filled_in_above_its_header(tmp_path, plan_file):
    rows = [
        ["泉湖镇2024年重点工作推进情况表"],
        ["填报单位：泉湖镇党政办（盖章）      填报时间：2024年7月5日"],
        ["序号", "工作任务", "牵头单位", "进展情况"],
        [1, "修路", "交通站", "路基完成"],
    ]
    result = run(str(workbook(tmp_path / "t.xlsx", rows)))
    assert result.exit_code == 0, result.output
    plan = read_plan(plan_file)
    # (the office that filled in the town's table is kept as such: the plan is the town's)
    assert (plan["plan"]["organisation"], plan["plan"]["填报单位"]) == ("泉湖镇", "泉湖镇党政办")
    assert plan["item"][0]["log"] == [{"on": dt.date(2024, 7, 5), "note": "路基完成"}]


# ---------------------------------------------------------------- 无, /, — for "nothing here"


def test_a_cell_holding_only_a_dash_a_slash_or_wu_is_an_empty_cell(tmp_path, plan_file):
    rows = [
        ["2024年推进情况表"],
        [
            "序号",
            "工作任务",
            "牵头单位",
            "配合单位",
            "完成时限",
            "完成值",
            "进度",
            "存在问题",
            "备注",
        ],
        [1, "修路", "交通站", "无", "—", "/", "—", "无", "/"],
        [2, "办文", "党政办", "／", "年底前", "——", "60%", "暂无", "-"],
    ]
    result = run(str(workbook(tmp_path / "t.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"] == {"id": "1", "title": "修路", "lead_unit": "交通站"}
    assert items["2"] == {
        "id": "2",
        "title": "办文",
        "lead_unit": "党政办",
        "due": dt.date(2024, 12, 31),
        "progress": 60,
    }


def test_a_tick_in_the_completion_column_marks_the_task_done(tmp_path, plan_file):
    rows = [
        ["2024年工作台账"],
        ["序号", "工作任务", "完成时限", "完成情况"],
        [1, "修路", "6月底前", "√"],
        [2, "办文", "年底前", "✓"],
        [3, "招商", "三季度", None],
    ]
    result = run(str(workbook(tmp_path / "t.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["status"] == "done" and items["2"]["status"] == "done"
    assert "status" not in items["3"]


def test_same_as_above_takes_the_value_of_the_cell_above(tmp_path, plan_file):
    rows = [
        ["2024年任务分解表"],
        ["序号", "工作任务", "牵头单位", "责任人", "完成时限"],
        ["一", "一、基础设施"],
        [1, "修路", "交通站", "张三", "6月底前"],
        [2, "修桥", "同上", "同上", "同上"],
        ["二", "二、民生"],
        [1, "办学", "同上", "李四", "年底前"],
    ]
    result = run(str(workbook(tmp_path / "t.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert (items["1.2"]["lead_unit"], items["1.2"]["owner"]) == ("交通站", "张三")
    assert items["1.2"]["due"] == "2024-06"
    assert items["2.1"]["lead_unit"] == "交通站"
