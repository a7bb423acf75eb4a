"""A trial by another town's office (白沙镇, 2024): its 工作要点 as offices write it — the unit,
the leader and the deadline at the end of a task's line, (责任单位：农业办；完成时限：6月底前) —
brought into a table and imported, then run through the year."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .test_import import items_of, run, workbook


def _item(path: Path, item_id: str) -> dict[str, Any]:
    items = tomllib.loads(path.read_text(encoding="utf-8"))["item"]
    return next(table for table in items if table["id"] == item_id)


# A 工作台账 made by pasting the 工作要点 into Excel: a task's unit, leader and deadline are at
# the end of its text, in brackets or after its last sentence, as the document has them.
PASTED: list[list[Any]] = [
    ["白沙镇2024年工作要点台账"],
    ["序号", "工作任务", "备注"],
    ["一", "一、聚焦产业发展，壮大镇域经济"],
    ["（一）", "（一）做强特色农业（责任领导：刘建国）"],
    [
        1,
        "新建高标准农田2000亩。（责任领导：刘建国；责任单位：农业综合服务中心；完成时限：10月底前）",
    ],
    [2, "稳定粮食播种面积3.2万亩以上（责任单位：农业综合服务中心、各村；完成时限：二季度）"],
    [3, "发展油茶产业，新造油茶林500亩。责任单位：林业站；完成时限：年底前"],
    [4, "完成农村改厕350户（牵头单位：卫健办；配合单位：财政所、各村；完成时限：6月底前）"],
    [5, "持续推进农村人居环境整治（责任单位：环卫站；完成时限：持续推进）", "县督办"],
    [6, "城乡居民医保参保率稳定在95%以上（责任单位：社会事务办；责任人：李梅）"],
]


def test_a_unit_and_deadline_at_the_end_of_a_task_are_read_into_their_fields(tmp_path, plan_file):
    result = run(str(workbook(tmp_path / "台账.xlsx", PASTED)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1.1"]["title"] == "做强特色农业"
    assert items["1.1"]["lead"] == "刘建国"
    first = items["1.1.1"]
    assert first["title"] == "新建高标准农田2000亩。"
    assert (first["lead"], first["lead_unit"], first["due"]) == (
        "刘建国",
        "农业综合服务中心",
        "2024-10",
    )
    second = items["1.1.2"]
    assert second["title"] == "稳定粮食播种面积3.2万亩以上"
    assert second["lead_unit"] == ["农业综合服务中心", "各村"]
    assert second["due"] == "2024-Q2"
    third = items["1.1.3"]
    assert third["title"] == "发展油茶产业，新造油茶林500亩。"
    assert (third["lead_unit"], third["due"]) == ("林业站", dt.date(2024, 12, 31))
    fourth = items["1.1.4"]
    assert fourth["title"] == "完成农村改厕350户"
    assert fourth["lead_unit"] == "卫健办"
    assert fourth["support_units"] == ["财政所", "各村"]
    assert fourth["due"] == "2024-06"
    fifth = items["1.1.5"]
    assert fifth["title"] == "持续推进农村人居环境整治"
    assert fifth["lead_unit"] == "环卫站" and "due" not in fifth
    assert fifth["备注"] == "县督办"
    sixth = items["1.1.6"]
    assert sixth["title"] == "城乡居民医保参保率稳定在95%以上"
    assert (sixth["lead_unit"], sixth["owner"]) == ("社会事务办", "李梅")
    # Said, with the rows, so the office checks what was taken out of its titles.
    assert (
        "名称末尾" in result.stderr and "第 4、5、6、7、8、9、10 行的名称末尾" in result.stderr
    ), result.stderr


def test_the_table_s_own_column_wins_and_the_title_is_left_as_written(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["序号", "工作任务", "完成时限"],
        [1, "新建高标准农田（责任单位：农业办；完成时限：10月底前）", "9月底前"],
        [2, "修路（责任单位：交通站）", None],
        [3, "建馆（在建）", "年底前"],
    ]
    result = run(str(workbook(tmp_path / "2024台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    # The 完成时限 column says another deadline: nothing is taken from the title.
    assert items["1"]["title"] == "新建高标准农田（责任单位：农业办；完成时限：10月底前）"
    assert items["1"]["due"] == "2024-09" and "lead_unit" not in items["1"]
    assert items["2"]["title"] == "修路" and items["2"]["lead_unit"] == "交通站"
    assert items["3"]["title"] == "建馆（在建）"  # no label: the title's own bracket


def test_a_deadline_at_the_end_of_a_title_that_cannot_be_read_is_named(tmp_path, plan_file):
    # It may be the title's own words (时间节点：6月底前完成主体): kept as written, and said.
    rows: list[list[Any]] = [
        ["2024年台账"],
        ["序号", "工作任务", "备注"],
        [1, "开展安全检查（责任单位：应急办；完成时限：待定）"],
        [2, "建设村级活动中心（时间节点：6月底前完成主体）"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["title"] == "开展安全检查（责任单位：应急办；完成时限：待定）"
    assert "lead_unit" not in items["1"] and "due" not in items["1"]
    assert items["2"]["title"] == "建设村级活动中心（时间节点：6月底前完成主体）"
    assert "第 3 行名称末尾的“完成时限：待定”读不出完成时限（应为完成时限" in result.stderr
    assert "第 4 行名称末尾的“时间节点：6月底前完成主体”读不出完成时限" in result.stderr


DOCUMENT = """白沙镇2024年工作要点

一、聚焦产业发展，壮大镇域经济
（一）做强特色农业
1. 新建高标准农田2000亩。（责任单位：农业综合服务中心；完成时限：10月底前）
2. 稳定粮食播种面积3.2万亩以上。（责任单位：农业综合服务中心；完成时限：二季度）
"""


def test_a_work_plan_saved_as_text_is_said_to_be_a_document_not_a_table(tmp_path, plan_file):
    # The 工作要点 saved from Word as plain text: no table in it, and --map would not help.
    document = tmp_path / "白沙镇2024年工作要点.txt"
    document.write_text(DOCUMENT, encoding="utf-8")
    result = run(str(document))
    assert result.exit_code == 1, result.output
    assert "是一篇文稿，不是表格" in result.stderr, result.stderr
    assert "--map" not in result.stderr
    assert "Traceback" not in result.stderr
    assert not plan_file.exists()


def test_a_word_document_is_said_to_be_one_with_the_way_to_a_table(tmp_path, plan_file):
    # A Word document's tables are imported (s32G); a 工作要点 written as paragraphs has none.
    import docx

    document = tmp_path / "白沙镇2024年工作要点.docx"
    written = docx.Document()
    for line in DOCUMENT.splitlines():
        written.add_paragraph(line)
    written.save(document)
    result = run(str(document))
    assert result.exit_code == 1, result.output
    assert "Word 文档里没有表格" in result.stderr and "Excel" in result.stderr, result.stderr
    assert not plan_file.exists()


# ---------------------------------------------------------------- plan add from the document


# The deadlines of a 工作要点 typed into plan add as the document words them: the import reads
# them (a year's whole, or no deadline at all), so plan add and plan edit do too.
@pytest.mark.parametrize("typed", ["全年", "年内", "今年底", "今年年底前", "全年持续推进"])
def test_a_deadline_of_the_whole_year_is_its_last_day_as_the_import_reads_it(small_plan, typed):
    result = CliRunner().invoke(app, ["edit", "2.3", "--due", typed])
    assert result.exit_code == 0, result.output
    assert _item(small_plan, "2.3")["due"] == dt.date(2023, 12, 31)


# (Session 28: no longer refused, saying to leave --due out: no deadline, and the words kept
# as the import keeps them, 完成时限原文.)
@pytest.mark.parametrize("typed", ["持续推进", "常态化", "长期", "常态化开展"])
def test_no_deadline_words_are_no_deadline_with_the_words_kept(small_plan, typed):
    result = CliRunner().invoke(app, ["add", "2", "清洁家园行动", "--due", typed])
    assert result.exit_code == 0, result.output
    added = _item(small_plan, "2.4")
    assert "due" not in added and added["完成时限原文"] == typed


# A target typed as the document words it: the number, its unit as the measure and the words
# as target_text, as plan import reads the 目标值 column — not 以上 in the measure.
@pytest.mark.parametrize(
    ("typed", "target", "measure", "direction"),
    [
        ("3.2万亩以上", 3.2, "万亩", None),
        ("95%以上", 95, "%", None),
        ("不低于95%", 95, "%", None),
        ("5个以上", 5, "个", None),
        ("下降10%", -10, "%", "down"),
        ("控制在5‰以内", 5, "‰", "down"),
    ],
)
def test_add_reads_a_target_in_the_document_s_words(small_plan, typed, target, measure, direction):
    result = CliRunner().invoke(
        app, ["add", "2", "新任务", "--target", typed, "--on", "2023-01-01"]
    )
    assert result.exit_code == 0, result.output
    added = _item(small_plan, "2.4")
    assert (added["target"], added["measure"]) == (target, measure)
    assert added["target_text"] == typed
    assert added.get("direction") == direction
    # A figure in the same unit is taken, and said without the words around the target.
    recorded = CliRunner().invoke(app, ["record", "2.4", f"1{measure}", "--on", "2023-05-01"])
    assert recorded.exit_code == 0, recorded.output
    assert f"完成值 — → 1{measure}；" in recorded.output


def test_edit_reads_such_a_target_and_keeps_words_typed_with_it(small_plan):
    result = CliRunner().invoke(
        app, ["edit", "2.3", "--target", "3.2万亩以上", "--target-text", "力争3.2万亩以上"]
    )
    assert result.exit_code == 0, result.output
    edited = _item(small_plan, "2.3")
    assert (edited["target"], edited["measure"], edited["target_text"]) == (
        3.2,
        "万亩",
        "力争3.2万亩以上",
    )


# ---------------------------------------------------------------- the report of such titles

# Titles as a 工作要点's lines end them, with 。 or ；: the report's sentences go on after the
# title (一是…：, …（2024年5月1日完成）), so the title's own stop would read 。： and 。（.
SENTENCE_TITLES: list[dict[str, Any]] = [
    {"id": "1", "title": "产业发展"},
    {
        "id": "1.1",
        "title": "新建高标准农田2000亩，完成年度建设任务。",
        "status": "done",
        "done_on": dt.date(2024, 5, 1),
    },
    {"id": "1.2", "title": "一季度完成摸底排查；", "due": dt.date(2024, 3, 31)},
    {"id": "1.3", "title": "发展油茶产业。", "measure": "亩", "target": 500, "actual": 200},
]


def test_a_title_ending_in_a_full_stop_reads_as_one_sentence_in_the_report(plan_file):
    from .conftest import write_plan

    write_plan(
        plan_file,
        SENTENCE_TITLES,
        year=2024,
        start=dt.date(2024, 1, 1),
        end=dt.date(2024, 12, 31),
        title="测试镇2024年工作要点",
    )
    result = CliRunner().invoke(app, ["report", "--as-of", "2024-06-30", "--format", "md"])
    assert result.exit_code == 0, result.output
    for awkward in ("。：", "。（", "；：", "。，", "。完成"):
        assert awkward not in result.output, (awkward, result.output)
    assert "新建高标准农田2000亩，完成年度建设任务（2024年5月1日完成）。" in result.output
    assert "一是一季度完成摸底排查：完成时限为" in result.output
    assert "逾期未完成，目前尚未开始" in result.output
    # The ledger's cell names the task as the sentences do; the file keeps the title as written.
    assert "| 1.1 | 新建高标准农田2000亩，完成年度建设任务 |" in result.output
    assert "完成年度建设任务。" in plan_file.read_text(encoding="utf-8")


def test_a_row_holding_only_who_and_when_is_named_not_imported_silently(tmp_path, plan_file):
    # The document's 3. with its points ① ② and the bracket on a line of its own after them.
    rows: list[list[Any]] = [
        ["2024年工作要点台账"],
        ["序号", "工作任务", "备注"],
        [1, "开展森林防火宣传，落实以下措施："],
        [None, "① 春节、清明期间实行24小时值班；"],
        [None, "② 建设防火隔离带8公里。"],
        [None, "（责任单位：林业站、应急办；完成时限：4月30日前）"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    assert "第 6 行只写了责任单位、完成时限等，没有任务名称" in result.stderr, result.stderr


# ---------------------------------------------------------------- the monthly table


def test_the_remarks_an_imported_ledger_brought_in_are_exported_again(tmp_path, plan_file):
    # The office's 台账 has a 备注 column (县重点项目, 24小时值班…): the import keeps it on each
    # task, and the 推进情况表 the office hands in each month must not lose it.
    import openpyxl

    rows: list[list[Any]] = [
        ["白沙镇2024年工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限", "备注"],
        [1, "标准厂房二期建设", "经济发展办", "9月30日前", "县重点项目"],
        [2, "建设防火隔离带", "林业站", "4月30日前", "春节、清明期间24小时值班"],
        [3, "修路", "交通站", "三季度", None],
    ]
    assert run(str(workbook(tmp_path / "台账.xlsx", rows))).exit_code == 0
    table = tmp_path / "推进情况表.xlsx"
    result = CliRunner().invoke(app, ["export", "--as-of", "2024-06-30", "--out", str(table)])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(table).active
    cells = [list(row) for row in sheet.iter_rows(values_only=True)]
    at = next(n for n, row in enumerate(cells) if row[0] == "序号")
    header = cells[at]
    assert "备注" in header, header
    column = header.index("备注")
    by_id = {row[0]: row[column] for row in cells[at + 1 :]}
    assert by_id["1"] == "县重点项目"
    assert by_id["2"] == "春节、清明期间24小时值班"
    assert by_id["3"] is None
    # And the table reads back with them, as the same plan.
    again = tmp_path / "again.toml"
    assert run(str(table), "--out", str(again)).exit_code == 0
    assert items_of(again)["2"]["备注"] == "春节、清明期间24小时值班"


def test_a_plan_without_remarks_gets_no_remarks_column(small_plan, tmp_path):
    import openpyxl

    table = tmp_path / "表.xlsx"
    assert CliRunner().invoke(app, ["export", "--out", str(table)]).exit_code == 0
    cells = list(openpyxl.load_workbook(table).active.iter_rows(values_only=True))
    header = next(row for row in cells if row[0] == "序号")
    assert "备注" not in header
