"""Session 33 (K): a review of s33B's ledger import leftovers. Each test checks what was printed,
the exit code and what is on disk."""

from __future__ import annotations

import datetime as dt
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan
from .test_import import items_of, read_plan, run, workbook

# ---------------------------------------------------------------- a ledger's own lights


def test_english_light_words_inside_other_words_are_no_light(tmp_path, plan_file):
    # "deferred", "registered", "required" hold "red"; "evergreen" "green": no light named,
    # nothing to compare (the plan's is green for a task done)
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限", "完成进度", "亮灯情况"],
        [1, "Build road", "交通办", "12月底", "100%", "deferred"],
        [2, "Plant trees", "林业站", "12月底", "100%", "registered"],
        [3, "Fix canal", "水利站", "12月底", "100%", "Red"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)), "--on", "2024-06-30", "--lang", "en")
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())
    assert (
        "row 5 'Fix canal': the ledger's red, the plan's green (100% done where 50% was due)"
        in said
    )
    assert "Build road" not in said and "Plant trees" not in said
    assert items_of(plan_file)["1"]["亮灯情况"] == "deferred"  # kept as written


# ---------------------------------------------------------------- 每季度初, 每年初: first days


def test_each_quarters_and_each_years_start_are_read_as_each_months_is(tmp_path, plan_file):
    # 每月初 is the last month's 5th: 每季度初 is the last quarter's (Oct 5th), not all of Q4;
    # 每年初 the year's first days (Jan 5th), not its end
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限"],
        [1, "报送月报", "党政办", "每月初"],
        [2, "报送季报", "党政办", "每季度初"],
        [3, "报送季报", "党政办", "每季初"],
        [4, "报送年报", "党政办", "每年初"],
        [5, "报送季报", "党政办", "每季度末"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert [items[i]["due"] for i in "12345"] == [
        dt.date(2024, 12, 5),
        dt.date(2024, 10, 5),
        dt.date(2024, 10, 5),
        dt.date(2024, 1, 5),
        "2024-Q4",
    ]
    assert items["2"]["完成时限原文"] == "每季度初"
    said = " ".join(result.stderr.split())
    assert "第 4 行“每季度初”→ 2024-10-05" in said and "第 6 行“每年初”→ 2024-01-05" in said


def test_add_due_reads_each_quarters_start_as_the_import_does(plan_file):
    write_plan(plan_file, [{"id": "1", "title": "基础设施"}])
    runner = CliRunner()
    for title, typed in [("季报", "每季度初"), ("年报", "每年初")]:
        result = runner.invoke(app, ["add", "1", title, "--due", typed, "--on", "2023-03-01"])
        assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert (items["1.1"]["due"], items["1.2"]["due"]) == (dt.date(2023, 10, 5), dt.date(2023, 1, 5))
    assert items["1.1"]["完成时限原文"] == "每季度初"


def test_each_half_years_start_is_the_last_half_years_first_days(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限"],
        [1, "报送半年报", "党政办", "每半年初"],
        [2, "报送半年报", "党政办", "每半年"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert (items["1"]["due"], items["2"]["due"]) == (dt.date(2024, 7, 5), dt.date(2024, 12, 31))


# ---------------------------------------------------------------- 3个村: one rule for the unit


def test_a_target_cell_and_add_target_count_villages_as_a_title_does(tmp_path, plan_file):
    # the title 确保3个村达标 gives 3 in 个村 (s33B): a 目标值 cell of 3个村 and --target 3个村
    # the same, where they gave 个 with the words kept
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限", "目标值"],
        [1, "村庄达标", "组织办", "12月底", "3个村"],
        [2, "网格化改造", "综治办", "12月底", "不少于10个行政村"],
        [3, "社区改造", "综治办", "12月底", "8个社区"],
        [4, "建服务中心", "组织办", "12月底", "5个村级服务中心"],  # 村级: what is built, 个
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)), "-o", "read.toml")
    assert result.exit_code == 0, result.output
    read = items_of(plan_file.parent / "read.toml")
    fields = ("target", "measure", "target_text")
    got = {i: tuple(read[i].get(k) for k in fields) for i in "1234"}
    assert got == {
        "1": (3, "个村", None),
        "2": (10, "个行政村", "不少于10个行政村"),
        "3": (8, "个社区", None),
        "4": (5, "个", "5个村级服务中心"),
    }
    write_plan(plan_file, [{"id": "1", "title": "重点工作"}])
    runner = CliRunner()
    added = runner.invoke(app, ["add", "1", "村庄达标", "--target", "3个村", "--on", "2024-03-01"])
    assert added.exit_code == 0, added.output
    item = items_of(plan_file)["1.1"]
    assert (item["target"], item["measure"], item.get("target_text")) == (3, "个村", None)


def test_a_measure_column_of_ge_takes_a_cell_counting_villages(tmp_path, plan_file):
    # 个 in the 计量单位 column and 3个村 in the 目标值: one unit (村 says what the 个 count),
    # no clash to report, the column's unit kept
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限", "目标值", "计量单位"],
        [1, "村庄达标", "组织办", "12月底", "3个村", "个"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    item = items_of(plan_file)["1"]
    assert (item["target"], item["measure"]) == (3, "个")
    assert "单位不同" not in result.stderr and "another unit" not in result.stderr


def test_a_figure_in_ge_is_taken_for_a_task_counting_villages(plan_file):
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "重点工作"},
            {"id": "1.1", "title": "村庄达标", "target": 3, "measure": "个村"},
        ],
    )
    result = CliRunner().invoke(app, ["record", "1.1", "2个", "--on", "2024-03-01"])
    assert result.exit_code == 0, result.output
    assert items_of(plan_file)["1.1"]["actual"] == 2


# ---------------------------------------------------------------- Word: marks from other fonts


def _symbol(cell: Any, font: str, char: str) -> None:
    """A mark as Word's Insert > Symbol writes it: a w:sym of a font's character."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    run = cell.paragraphs[0].add_run()
    run._r.append(parse_xml(f'<w:sym {nsdecls("w")} w:font="{font}" w:char="{char}"/>'))


def test_a_check_mark_from_webdings_or_a_unicode_font_is_read_as_done(tmp_path, plan_file):
    import docx

    from .test_docx_import_s32G import add_table

    document = docx.Document()
    document.add_paragraph("城关镇2024年重点工作台账")
    marks = [
        ("Webdings", "F061"),  # a: ✓
        ("Webdings", "F072"),  # r: ✗
        ("Segoe UI Symbol", "2713"),  # ✓ itself, from a font with Unicode
        ("MS Gothic", "2612"),  # ☒
        ("Wingdings", "F04A"),  # ☺: no mark known, nothing
        ("Wingdings", "FFFFFFFF"),  # no character at all (past Unicode): nothing, no traceback
        ("Wingdings", "-1"),
    ]
    rows: list[list[Any]] = [["序号", "工作任务", "责任单位", "完成时限", "是否完成"]]
    rows += [[n, f"任务{n}", "党政办", "12月底", None] for n in range(1, len(marks) + 1)]
    table = add_table(document, rows)
    for row, (font, char) in enumerate(marks, 1):
        _symbol(table.cell(row, 4), font, char)
    document.save(tmp_path / "台账.docx")
    result = run(str(tmp_path / "台账.docx"), "--on", "2024-06-30")
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert [items[str(n)].get("status") for n in range(1, 8)] == [
        "done",
        None,
        "done",
        None,
        None,
        None,
        None,
    ]


def test_the_office_in_a_table_above_the_tasks_is_the_reporting_office(tmp_path, plan_file):
    # s33B takes the title above a 填报单位 table for the task table under it; the office the
    # small table names is read too, not said to be missing
    import docx

    from .test_docx_import_s32G import add_table

    document = docx.Document()
    document.add_paragraph("城关镇2024年重点工作台账")
    add_table(document, [["填报单位", "城关镇人民政府", "联系人", "张三"]])
    document.add_paragraph("")
    add_table(
        document,
        [["序号", "工作任务", "责任单位", "完成时限"], [1, "修建村道", "交通办", "6月底"]],
    )
    document.save(tmp_path / "台账.docx")
    result = run(str(tmp_path / "台账.docx"))
    assert result.exit_code == 0, result.output
    plan = read_plan(plan_file)["plan"]
    assert plan["organisation"] == "城关镇人民政府"
    assert "表中没有填报单位" not in result.stderr


def test_recurring_words_of_one_period_column_are_said_of_that_column_in_english(
    tmp_path, plan_file
):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限", "一季度"],
        [1, "巡河", "水利站", "12月底", "每月"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)), "--lang", "en")
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())
    assert "Note: column '一季度' (milestones) holds recurring or ongoing work on row 3" in said
    assert items_of(plan_file)["1"]["milestone"] == [{"due": "2024-Q1", "note": "每月"}]


# ---------------------------------------------------------------- English words with a date in them


def test_english_words_after_a_deadline_naming_another_are_refused_as_the_chinese(
    tmp_path, plan_file
):
    # 6月30日前完成5公里7月1日前通车 is refused (several deadlines); so is its English, where
    # July 1 was left in the words and June 30 read as the one deadline
    rows: list[list[Any]] = [
        ["Town work plan 2024"],
        ["No.", "Task", "Lead unit", "Deadline"],
        [1, "Build road", "Office", "by June 30 complete 5 km by July 1"],
        [2, "Build canal", "Office", "before May 1 complete 2 km before June 1"],
        [3, "Plant trees", "Office", "by June 30 complete the works by year end"],
        [4, "Fix roofs", "Office", "by June 30 complete phase 1 of the 2024 plan"],
        [5, "Open hall", "Office", "by June 30 complete what may be left"],
    ]
    result = run(str(workbook(tmp_path / "plan.xlsx", rows)), "--lang", "en")
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    for row in (3, 4, 5):
        assert f"Sheet1!D{row} (Deadline)" in said and "several deadlines" in said
    assert "D6" not in said and "D7" not in said  # a year of the work's, may the verb: one
    assert "nothing was written" in said
