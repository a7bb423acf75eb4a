"""Session 33 (B): ledger import leftovers. A ledger's own lights (亮灯情况) compared with the
plan's; the year of a date hint; 每月初; a target's unit from 确保3个村达标; recurring words in
a period column; English deadline words with words after them; Word tables' check marks in a
symbol font and a title above the task table. Each test checks what was printed, the exit code
and what is on disk."""

from __future__ import annotations

import datetime as dt
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan
from .test_import import items_of, read_plan, run, workbook

# ---------------------------------------------------------------- a ledger's own lights


LIGHTS_LEDGER: list[list[Any]] = [
    ["城关镇2024年重点工作台账"],
    ["序号", "工作任务", "责任单位", "完成时限", "完成进度", "亮灯情况", "推进状态"],
    [1, "修建村道", "交通办", "12月底", "50%", "绿", "推进中"],
    [2, "招商引资", "经发办", "12月底", "10%", "黄", "滞后"],
    [3, "植树造林", "林业站", "5月底", "80%", "绿灯", "推进中"],
    [4, "建文化站", "文化站", "12月底", "100%", "红", "已完成（2024-05-20）"],
    [5, "修水渠", "水利站", "12月底", "45%", "", "推进中"],
]


def test_a_ledgers_light_unlike_the_plans_is_said_with_the_row_both_lights_and_why(
    tmp_path, plan_file
):
    book = workbook(tmp_path / "台账.xlsx", LIGHTS_LEDGER)
    result = run(str(book), "--on", "2024-06-30")
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert [items[i]["亮灯情况"] for i in "1234"] == ["绿", "黄", "绿灯", "红"]  # kept as written
    said = " ".join(result.stderr.split())
    assert "与计划算出的红黄绿灯不同" in said
    # row 4 (招商引资): the ledger's 黄灯, the plan's 红灯, for 10% done where 50% was due
    assert "第 4 行“招商引资”台账为黄灯，计划为红灯（完成 10%，按序时进度应完成 50%）" in said
    assert "第 5 行“植树造林”台账为绿灯，计划为红灯（已过完成时限 2024-05-31，未完成）" in said
    assert "第 6 行“建文化站”台账为红灯，计划为绿灯（已完成）" in said
    # the same lights, and a row with no light, are not spoken of
    assert "修建村道”台账" not in said and "修水渠”台账" not in said


def test_the_lights_that_differ_are_said_in_english_too(tmp_path, plan_file, monkeypatch):
    monkeypatch.setenv("PLAN_LANG", "en")
    book = workbook(tmp_path / "台账.xlsx", LIGHTS_LEDGER)
    result = run(str(book), "--on", "2024-06-30")
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())
    assert (
        "row 4 '招商引资': the ledger's yellow, the plan's red (10% done where 50% was due)" in said
    )
    assert (
        "row 5 '植树造林': the ledger's green, the plan's red (past its deadline 2024-05-31, not done)"
        in said
    )
    assert "row 6 '建文化站': the ledger's red, the plan's green (done)" in said


def test_ledger_lights_all_alike_say_nothing_more(tmp_path, plan_file):
    rows = [LIGHTS_LEDGER[0], LIGHTS_LEDGER[1], LIGHTS_LEDGER[2]]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)), "--on", "2024-06-30")
    assert result.exit_code == 0, result.output
    assert items_of(plan_file)["1"]["亮灯情况"] == "绿"
    assert "不同" not in result.stderr


# ---------------------------------------------------------------- the year of a date hint


def test_an_unreadable_deadline_is_hinted_with_the_plans_own_year(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2025年重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限"],
        [1, "修建村道", "交通办", "待定"],
        [2, "修水渠", "水利站", "13月底"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    assert "应为完成时限，如 2025-06-30、2025年6月底前、6月30日前、2025.6、二季度" in said
    assert "没有 13 月；应为完成时限，如 2025-06-30" in said
    assert "2023" not in said
    assert not plan_file.exists()


def test_an_english_hint_uses_the_plans_year_too(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["Town work plan 2026"],
        ["No.", "Task", "Lead unit", "Deadline"],
        [1, "Build the road", "Transport", "sometime soon"],
    ]
    result = run(str(workbook(tmp_path / "plan.xlsx", rows)), "--lang", "en")
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    assert "expected a deadline such as 2026-06-30, June 30, end of June" in said
    assert "2026年6月底前" in said and "2023" not in said


# ---------------------------------------------------------------- 每月初: the first days


def test_early_in_the_month_is_read_as_its_first_days_each_month_as_the_last(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限"],
        [1, "报送工作动态", "党政办", "每月初"],
        [2, "报送月报", "党政办", "每月底前"],
        [3, "开展春耕检查", "农业站", "3月初"],
        [4, "启动防汛", "应急办", "2024年5月初前"],
        [5, "春耕备耕", "农业站", "3月初至4月底"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["due"] == dt.date(2024, 12, 5)  # the last month's first days, not all of it
    assert items["1"]["完成时限原文"] == "每月初"
    assert items["2"]["due"] == "2024-12"  # (its end, as before)
    assert items["3"]["due"] == dt.date(2024, 3, 5)
    assert items["4"]["due"] == dt.date(2024, 5, 5)
    assert items["5"]["start"] == dt.date(2024, 3, 1) and items["5"]["due"] == "2024-04"
    assert "第 3 行“每月初”→ 2024-12-05" in " ".join(result.stderr.split())


def test_early_in_the_month_reads_the_same_for_add_and_edit_due(plan_file):
    write_plan(plan_file, [{"id": "1", "title": "基础设施"}, {"id": "1.1", "title": "修塘"}])
    runner = CliRunner()
    added = runner.invoke(app, ["add", "1", "报送工作动态", "--due", "每月初"])
    assert added.exit_code == 0, added.output
    edited = runner.invoke(app, ["edit", "1.1", "--due", "6月初"])
    assert edited.exit_code == 0, edited.output
    items = items_of(plan_file)
    assert items["1.2"]["due"] == dt.date(2023, 12, 5)
    assert items["1.2"]["完成时限原文"] == "每月初"
    assert items["1.1"]["due"] == dt.date(2023, 6, 5)


# ---------------------------------------------------------------- 确保3个村达标: 个村


def test_a_title_counting_villages_gives_the_unit_with_what_is_counted(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限"],
        [1, "确保3个村达标", "组织办", "12月底"],
        [2, "覆盖10个行政村", "组织办", "12月底"],
        [3, "完成8个社区网格化改造", "综治办", "12月底"],
        [4, "新建5个村级服务中心", "组织办", "12月底"],  # 村级: what is built, in 个
        [5, "成立6个村民小组", "民政办", "12月底"],
        [6, "新增3家企业", "经发办", "12月底"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    got = {i: (items[i]["target"], items[i]["measure"]) for i in "123456"}
    assert got == {
        "1": (3, "个村"),
        "2": (10, "个行政村"),
        "3": (8, "个社区"),
        "4": (5, "个"),
        "5": (6, "个"),
        "6": (3, "家"),
    }
    assert not any("target_text" in items[i] for i in "123")
    said = " ".join(result.stderr.split())
    assert "3个村" in said and "10个行政村" in said


def test_a_measure_column_of_ge_still_reads_the_title_counting_villages(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限", "计量单位"],
        [1, "确保3个村达标", "组织办", "12月底", "个"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    item = items_of(plan_file)["1"]
    assert (item["target"], item["measure"]) == (3, "个")


# ---------------------------------------------------------------- recurring words by period


def test_recurring_words_in_period_columns_are_the_periods_note_not_progress(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        [
            "序号",
            "工作任务",
            "责任单位",
            "完成时限",
            "目标值",
            "一季度",
            "二季度",
            "三季度",
            "四季度",
        ],
        [1, "巡河", "水利站", "12月底", None, "每月", "每月", "持续推进", "持续推进"],
        [2, "开展巡查", "综治办", "12月底", "24次", "每月2次", "每月2次", "6", "24"],
        [3, "修路", "交通办", "12月底", None, "每月推进10%", "50%", "常态化", "100%"],
        [4, "建馆", "文化站", "12月底", None, "设计", "施工", "施工", "验收"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)), "--on", "2024-06-30")
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    # words alone that recur: each period's note (a step judged by nothing), not fields
    assert items["1"]["milestone"] == [
        {"due": "2024-Q1", "note": "每月"},
        {"due": "2024-Q2", "note": "每月"},
        {"due": "2024-Q3", "note": "持续推进"},
        {"due": "2024-Q4", "note": "持续推进"},
    ]
    assert not any(key in items["1"] for key in ("一季度", "二季度", "progress", "status"))
    # 每月2次 is no figure due by March (2 a month), nor 每月推进10% a 10% due by then
    assert items["2"]["milestone"] == [
        {"due": "2024-Q1", "note": "每月2次"},
        {"due": "2024-Q2", "note": "每月2次"},
        {"due": "2024-Q3", "value": 6},
        {"due": "2024-Q4", "value": 24},
    ]
    assert items["3"]["milestone"] == [
        {"due": "2024-Q1", "note": "每月推进10%"},
        {"due": "2024-Q2", "progress": 50},
        {"due": "2024-Q3", "note": "常态化"},
        {"due": "2024-Q4", "progress": 100},
    ]
    # words alone that do not recur stay as written, as before
    assert items["4"]["一季度"] == "设计" and "milestone" not in items["4"]
    said = " ".join(result.stderr.split())
    assert "周期性或持续性的工作要求，不是进度" in said
    assert "第 3、4、5 行" in said


# ---------------------------------------------------------------- English deadlines with words


def test_english_deadlines_with_words_after_them_are_read_as_the_chinese_ones(tmp_path, plan_file):
    cells = [
        ("by end of June (as required)", "6月底前（按要求）", "2023-06"),
        ("Q3 2023, then monthly", "2023年三季度，之后每月", "2023-12"),
        ("by Q2, then quarterly", "二季度前，此后每季度", "2023-Q4"),
        ("by June 30 complete the main works", "6月30日前完成主体工程", dt.date(2023, 6, 30)),
    ]
    rows: list[list[Any]] = [
        ["Town work plan 2023"],
        ["No.", "Task", "Lead unit", "Deadline"],
        *[[n, f"Task {n}", "Office", english] for n, (english, _, _) in enumerate(cells, 1)],
        *[[n + 4, f"任务{n}", "党政办", chinese] for n, (_, chinese, _) in enumerate(cells, 1)],
    ]
    result = run(str(workbook(tmp_path / "plan.xlsx", rows)), "--lang", "en")
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    for n, (english, chinese, due) in enumerate(cells, 1):
        assert items[str(n)]["due"] == due, english
        assert items[str(n + 4)]["due"] == due, chinese
        assert items[str(n)]["Deadline (as written)"] == english  # the words kept
        assert items[str(n + 4)]["Deadline (as written)"] == chinese


def test_add_due_reads_english_words_after_a_deadline_as_the_chinese(plan_file):
    write_plan(plan_file, [{"id": "1", "title": "基础设施"}])
    runner = CliRunner()
    for title, typed in [
        ("甲", "by June 30 complete the main works"),
        ("乙", "6月30日前完成主体工程"),
    ]:
        result = runner.invoke(app, ["add", "1", title, "--due", typed, "--on", "2023-03-01"])
        assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1.1"]["due"] == items["1.2"]["due"] == dt.date(2023, 6, 30)
    assert items["1.1"]["完成时限原文"] == "by June 30 complete the main works"


# ---------------------------------------------------------------- Word: symbols, a title above


def _symbol(cell: Any, font: str, char: str) -> None:
    """A check mark as Word's Insert > Symbol writes it: a w:sym of a symbol font's character."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    run = cell.paragraphs[0].add_run()
    run._r.append(parse_xml(f'<w:sym {nsdecls("w")} w:font="{font}" w:char="{char}"/>'))


def test_a_check_mark_in_a_symbol_font_is_read_as_done(tmp_path, plan_file):
    import docx

    from .test_docx_import_s32G import add_table

    document = docx.Document()
    document.add_paragraph("城关镇2024年重点工作台账")
    rows: list[list[Any]] = [
        ["序号", "工作任务", "责任单位", "完成时限", "是否完成"],
        [1, "修建村道", "交通办", "6月底", None],  # Wingdings ü: ✓
        [2, "招商引资", "经发办", "12月底", None],  # Wingdings þ: ☑
        [3, "建文化站", "文化站", "12月底", None],  # Symbol Ö: √
        [4, "修水渠", "水利站", "12月底", None],  # Wingdings 2 R: ☑
        [5, "植树造林", "林业站", "12月底", None],  # Wingdings ý: ☒
        [6, "修桥", "交通办", "12月底", None],  # Wingdings ¨: ☐
    ]
    table = add_table(document, rows)
    marks = [
        ("Wingdings", "F0FC"),
        ("Wingdings", "FE"),
        ("Symbol", "F0D6"),
        ("Wingdings 2", "F052"),
        ("Wingdings", "F0FD"),
        ("Wingdings", "F0A8"),
    ]
    for row, (font, char) in enumerate(marks, 1):
        _symbol(table.cell(row, 4), font, char)
    document.save(tmp_path / "台账.docx")
    result = run(str(tmp_path / "台账.docx"), "--on", "2024-06-30")
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert [items[str(n)].get("status") for n in range(1, 7)] == [
        "done",
        "done",
        "done",
        "done",
        None,
        None,
    ]
    assert items["1"]["done_on"] == dt.date(2024, 6, 30)


def test_a_title_above_a_first_table_that_is_not_the_tasks_is_the_plans(tmp_path, plan_file):
    import docx

    from .test_docx_import_s32G import add_table

    document = docx.Document()
    document.add_paragraph("附件")
    document.add_paragraph("城关镇2024年重点工作台账")
    add_table(document, [["填报单位", "城关镇党政办", "联系人", "张三"]])
    document.add_paragraph("")
    add_table(
        document,
        [["序号", "工作任务", "责任单位", "完成时限"], [1, "修建村道", "交通办", "6月底"]],
    )
    document.save(tmp_path / "台账.docx")
    result = run(str(tmp_path / "台账.docx"))
    assert result.exit_code == 0, result.output
    plan = read_plan(plan_file)["plan"]
    assert plan["title"] == "城关镇2024年重点工作台账" and plan["year"] == 2024
    assert items_of(plan_file)["1"]["due"] == "2024-06"
    assert "表2" in result.stderr and "按今年" not in result.stderr


def test_a_check_mark_typed_in_a_symbol_font_is_read_as_done_too(tmp_path, plan_file):
    import docx

    from .test_docx_import_s32G import add_table

    document = docx.Document()
    document.add_paragraph("城关镇2024年重点工作台账")
    rows: list[list[Any]] = [
        ["序号", "工作任务", "责任单位", "完成时限", "是否完成"],
        [1, "修建村道", "交通办", "6月底", None],
        [2, "招商引资", "经发办", "12月底", None],
    ]
    table = add_table(document, rows)
    for row, (font, text) in enumerate([("Wingdings", "ü"), ("Wingdings", "ý")], 1):
        typed = table.cell(row, 4).paragraphs[0].add_run(text)  # ü in Wingdings shows ✓
        typed.font.name = font
    document.save(tmp_path / "台账.docx")
    result = run(str(tmp_path / "台账.docx"), "--on", "2024-06-30")
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["status"] == "done" and "status" not in items["2"]


def test_a_second_half_column_is_a_period_column_as_the_first_half_is(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限", "上半年", "下半年"],
        [1, "修路", "交通办", "12月底", "50%", "100%"],
        [2, "巡河", "水利站", "12月底", "每月", "持续推进"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)), "--on", "2024-06-30")
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["milestone"] == [
        {"due": "2024-06", "progress": 50},
        {"due": "2024-12", "progress": 100},
    ]
    assert items["2"]["milestone"] == [
        {"due": "2024-06", "note": "每月"},
        {"due": "2024-12", "note": "持续推进"},
    ]
    assert "不认得的列" not in result.stderr


def test_lights_are_not_compared_on_a_day_only_guessed(tmp_path, plan_file):
    # no --on, no 截至 day, today past the plan's year: the ledger's day is not known (the
    # plan's end stands in for it), and every task still open would be 红灯 by then
    result = run(str(workbook(tmp_path / "台账.xlsx", LIGHTS_LEDGER)))
    assert result.exit_code == 0, result.output
    assert items_of(plan_file)["2"]["亮灯情况"] == "黄"
    assert "“亮灯情况”是台账填报时的红黄绿灯" in " ".join(result.stderr.split())
    assert "与计划算出的红黄绿灯不同" not in result.stderr


def test_lights_are_compared_on_the_day_the_ledger_states(tmp_path, plan_file):
    rows = [LIGHTS_LEDGER[0], ["（截至2024年6月30日）"], *LIGHTS_LEDGER[1:]]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())
    assert "计划按 2024-06-30 的序时进度算" in said
    assert "第 5 行“招商引资”台账为黄灯，计划为红灯" in said


def test_early_mid_and_late_in_an_english_month_read_as_the_chinese_parts(plan_file):
    write_plan(plan_file, [{"id": "1", "title": "基础设施"}])
    runner = CliRunner()
    typed = {
        "early June": dt.date(2023, 6, 5),  # 6月初
        "by the beginning of March": dt.date(2023, 3, 5),
        "mid-August": dt.date(2023, 8, 20),  # 8月中旬
        "late September 2023": dt.date(2023, 9, 30),  # 9月下旬
        "early each month": dt.date(2023, 12, 5),  # 每月初
    }
    for n, words in enumerate(typed, 1):
        result = runner.invoke(app, ["add", "1", f"任务{n}", "--due", words, "--on", "2023-03-01"])
        assert result.exit_code == 0, (words, result.output)
    items = items_of(plan_file)
    assert [items[f"1.{n}"]["due"] for n in range(1, 6)] == list(typed.values())


def test_a_part_of_a_month_as_a_start_is_its_first_day_as_the_import_reads_it(plan_file):
    write_plan(plan_file, [{"id": "1", "title": "基础设施"}])
    runner = CliRunner()
    typed = {"6月初": dt.date(2023, 6, 1), "6月中旬": dt.date(2023, 6, 11), "下旬": None}
    for n, words in enumerate(["6月初", "6月中旬"], 1):
        result = runner.invoke(
            app, ["add", "1", f"任务{n}", "--start", words, "--on", "2023-03-01"]
        )
        assert result.exit_code == 0, (words, result.output)
    items = items_of(plan_file)
    assert [items["1.1"]["start"], items["1.2"]["start"]] == [typed["6月初"], typed["6月中旬"]]
    refused = runner.invoke(app, ["add", "1", "任务3", "--start", "6月底", "--on", "2023-03-01"])
    assert refused.exit_code != 0  # (a period's end is still no start)
