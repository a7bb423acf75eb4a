"""Session 23 trial (I): two more real plans of other shapes run through a year with the CLI.

The plans: 木李镇's 2024年《政府工作报告》重点任务第一季度进展情况 (高青县, 淄博, 山东; published
2024-04-10, http://www.gaoqing.gov.cn/gongkai/site_gqxmlzrmzf/channel_c_5f9f6c84b9dfe9bfb0a8c883_n_1605684531.6421/doc_6618a34bcbc9b8d285715437.html:
目标任务 | 执行措施、实施步骤 | 工作进展、取得成效 | 后续举措 | 责任分工 | 监督方式, each 责任分工 an
office with its telephone under it — 木李镇经济发展办公室 / 0533-6715628 — over 全年新签约过亿元项目
4个以上, 新建及改造提升高标准农田…), typed into an Excel workbook as the office keeps it (the
title merged over the table, a 一、经济发展 row merged across it, 监督方式 merged down); and
横渡镇's 2025年上半年工作报告 (石台县, 池州, 安徽; 2025-07-11,
https://www.ahshitai.gov.cn/OpennessContent/show/1667749.html: 一般公共预算收入409万元，完成年度任务
的51%; 固定资产投资1.1亿元，完成年度任务的44%; 外贸进出口额260万美元，完成年度任务的86.6%),
kept as a 督查督办台账 of the shape 金寨县's 督查办 reports on (序号 | 交办事项 | 责任单位 | 交办日期
| 办结时限 | 办理进度 | 是否办结; https://www.ahjinzhai.gov.cn/public/6596281/38062166.html) and
saved from Excel as a GBK CSV. Each test shows one defect an office met, through the command it
ran: what was printed, the exit code and what is on disk."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment
from typer.testing import CliRunner

from quanhu_plan.cli import app


def _quarter_ledger(path: Path) -> None:
    """木李镇's 第一季度进展情况, trimmed to three of its 目标任务 under two headings."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "一季度"
    sheet.append(["高青县木李镇2024年《政府工作报告》重点任务第一季度进展情况"])
    sheet.merge_cells("A1:G1")
    sheet.append(
        [
            "序号",
            "目标任务",
            "执行措施、实施步骤",
            "工作进展、取得成效",
            "后续举措",
            "责任分工",
            "监督方式",
        ]
    )
    rows: list[list[Any]] = [
        ["一、经济发展"],
        [1, "强化招商引资“一把手”工程，全年新签约过亿元项目4个以上，落地镇办飞地项目1个。",
         "开展“走出去”招商活动4次。",
         "一季度，镇党政主要负责同志赴济南、青岛等地开展敲门招商4次，到位省外资金705万元。",
         "继续跟进对接在谈项目。", "木李镇经济发展办公室\n0533-6715628", "镇纪委\n0533-6715600"],
        [2, "新建及改造提升高标准农田6506亩，确保种植面积和粮食产量稳中有增。",
         "完成高标准农田设计单位招标。", "已完成设计单位招标。", "4月底前开工建设。",
         "木李镇农业农村办公室\n0533-6715611", None],
        ["二、民生事业"],
        [3, "完成农村改厕后续管护，改厕问题整改率100%。", "排查问题户厕。", "排查户厕1200户。",
         "6月底前完成整改。", "木李镇社会事务办公室\n0533-6715622", "镇纪委\n0533-6715600"],
    ]  # fmt: skip
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("A3:G3")
    sheet.merge_cells("A6:G6")
    sheet.merge_cells("G4:G5")
    for line in sheet.iter_rows():
        for cell in line:
            cell.alignment = Alignment(wrap_text=True)
    book.save(path)


def _imported_ledger(runner: CliRunner, isolated: Path) -> tuple[str, dict[str, dict[str, Any]]]:
    table = isolated.parent / "木李镇2024年重点任务.xlsx"
    _quarter_ledger(table)
    result = runner.invoke(app, ["import", str(table)])
    assert result.exit_code == 0, result.output
    items = tomllib.loads(isolated.read_text(encoding="utf-8"))["item"]
    return result.output, {item["id"]: item for item in items}


def test_a_responsibility_column_named_fen_gong_gives_the_lead_unit(
    runner: CliRunner, isolated: Path
) -> None:
    """木李镇's table names who answers for each task under 责任分工, as many 重点任务 tables
    do. Imported, the column was kept as an unknown field: no task had a 牵头单位, and
    `plan list --who 木李镇经济发展办公室` said 没有符合条件的事项. It is now the 牵头单位."""
    output, items = _imported_ledger(runner, isolated)
    assert items["1.1"]["lead_unit"] == "木李镇经济发展办公室"
    assert items["2.1"]["lead_unit"] == "木李镇社会事务办公室"
    assert "责任分工" not in items["1.1"]
    listed = runner.invoke(app, ["list", "--who", "木李镇经济发展办公室", "--flat"])
    assert listed.exit_code == 0, listed.output
    assert "1.1" in listed.output and "1.2" not in listed.output


def test_a_telephone_under_the_office_is_no_second_unit(runner: CliRunner, isolated: Path) -> None:
    """Each 责任分工 cell gives the office and, on the line under it, its telephone. Read with
    --map 责任分工=lead_unit, the number became a second 牵头单位: `plan list` showed
    责任: 木李镇经济发展办公室 / 0533-6715628, and the county roll-up and the report's ledger
    would count 0533-6715628 as a unit. The number is now kept as the task's 联系电话, the
    office alone its 牵头单位; the import says so."""
    output, items = _imported_ledger(runner, isolated)
    assert items["1.1"]["lead_unit"] == "木李镇经济发展办公室"
    assert items["1.1"]["联系电话"] == "0533-6715628"
    assert items["1.2"]["联系电话"] == "0533-6715611"
    assert "联系电话" in output
    listed = runner.invoke(app, ["list"])
    assert listed.exit_code == 0, listed.output
    assert "/ 0533" not in listed.output
    shown = runner.invoke(app, ["show", "1.1"])
    assert "0533-6715628" in shown.output  # (kept, shown under its own name)


def test_the_progress_column_of_a_quarter_ledger_is_its_progress_note(
    runner: CliRunner, isolated: Path
) -> None:
    """工作进展、取得成效 is the column this ledger reports each quarter in. It was kept as an
    unknown field under its header, no progress note in the task's log; it is now the task's
    进展情况, as 工作进展 is."""
    _, items = _imported_ledger(runner, isolated)
    assert "工作进展、取得成效" not in items["1.1"]
    assert items["1.1"]["log"][0]["note"].startswith("一季度，镇党政主要负责同志")


def test_a_first_quarter_ledger_dates_its_notes_at_the_quarter_end(
    runner: CliRunner, isolated: Path
) -> None:
    """The sheet is titled 第一季度进展情况. Imported after the year (or any day after March),
    its notes were dated the day of import — 2024-12-31 for a past year — so the log put
    一季度，镇党政主要负责同志赴济南… after a note of June, and `plan show` as of June had
    no sight of it. A title naming its quarter's 进展情况 now dates the table's notes at that
    quarter's end, 2024-03-31, and the plan keeps the title without those words."""
    _, items = _imported_ledger(runner, isolated)
    assert str(items["1.1"]["log"][0]["on"]) == "2024-03-31"
    noted = runner.invoke(app, ["note", "1.1", "二季度新签约过亿元项目1个", "--on", "2024-06-28"])
    assert noted.exit_code == 0, noted.output
    shown = runner.invoke(app, ["show", "1.1", "--as-of", "2024-04-30"])
    assert shown.exit_code == 0, shown.output
    assert "敲门招商" in shown.output
    plan = tomllib.loads(isolated.read_text(encoding="utf-8"))["plan"]
    assert plan["title"] == "高青县木李镇2024年《政府工作报告》重点任务"


_LEDGER_ROWS = [
    "横渡镇2025年重点工作督查督办台账",
    "填报单位：横渡镇党政办公室,,,,,,",
    "序号,交办事项,责任单位,交办日期,办结时限,办理进度,是否办结",
    "1,完成一般公共预算收入802万元,财政所,2025.1.10,2025.12.31,完成409万元，占年度任务的51%,否",
    "2,完成固定资产投资2.5亿元,经济发展办,2025.1.10,2025.12.31,完成1.1亿元，占年度任务的44%,否",
    "3,实现外贸进出口额300万美元,经济发展办,2025.1.10,2025.12.31,260万美元，占年度任务的86.6%,否",
    "4,栖居洲山酒店主体建设,项目服务小组,2025.2.15,2025.6.30,主体建设全部完成,是",
    "5,整治河道垃圾乱堆乱放问题（县委督查交办）,生态环境保护办,2025.3.3,15个工作日内,已清理,是",
    "6,回复群众反映的路灯损坏问题,党政办,2025.3.7,交办后3日内,,否",
]


def _supervision_ledger(path: Path, rows: list[str] = _LEDGER_ROWS) -> None:
    """横渡镇's 督查督办台账 as Excel saves it as CSV on an office PC: GBK, CRLF."""
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode("gbk"))


def test_a_time_limit_counted_from_the_day_given_is_read_as_its_day(
    runner: CliRunner, isolated: Path
) -> None:
    """A 督查督办台账 gives the matters it passes on a time limit from the day it gives them:
    15个工作日内, 交办后3日内. The import refused the whole table (E8 '15个工作日内'：应为完成
    时限), nothing written; with the column kept as words, no task had a deadline and none
    could be overdue. The limit is now counted from the row's 交办日期 — the task's start —
    (工作日 by the State Council's holiday notices since session 24; March 2025 has none), and
    the import says how it counted."""
    table = isolated.parent / "横渡镇督查督办台账.csv"
    _supervision_ledger(table)
    result = runner.invoke(app, ["import", str(table)])
    assert result.exit_code == 0, result.output
    items = {item["id"]: item for item in tomllib.loads(isolated.read_text("utf-8"))["item"]}
    assert str(items["5"]["start"]) == "2025-03-03"
    assert str(items["5"]["due"]) == "2025-03-24"  # 15 weekdays after Monday 3 March
    assert str(items["6"]["due"]) == "2025-03-10"
    assert str(items["1"]["start"]) == "2025-01-10" and "交办日期" not in items["1"]
    assert "第 8 行“15个工作日内”从 2025-03-03 算起为 2025-03-24" in result.output
    assert "法定节假日不计" in result.output  # (session 24: by the State Council's notices)
    late = runner.invoke(app, ["list", "--as-of", "2025-03-31", "--flat"])
    assert late.exit_code == 0, late.output
    overdue = [line for line in late.output.splitlines() if "回复群众反映的路灯损坏问题" in line]
    assert len(overdue) == 1 and "逾期" in overdue[0], late.output


def test_a_time_limit_with_no_day_given_names_the_cell_and_the_fix(
    runner: CliRunner, isolated: Path
) -> None:
    """A row whose 交办日期 is blank has nothing to count 15个工作日内 from: the import says
    so for that cell and writes nothing, rather than guess a day. 6月 and 15日 stay what they
    were, a month and a day of it."""
    rows = [*_LEDGER_ROWS[:3], "1,清理河道垃圾,生态环境保护办,,15个工作日内,,否"]
    rows.append("2,修复路灯,党政办,2025.3.7,6月,,否")
    table = isolated.parent / "台账.csv"
    _supervision_ledger(table, rows)
    result = runner.invoke(app, ["import", str(table)])
    assert result.exit_code == 1
    assert "E4（办结时限）" in result.output and "没有可读的交办日期" in result.output
    assert "Traceback" not in result.output and not isolated.exists()
    rows[3] = "1,清理河道垃圾,生态环境保护办,2025.3.3,15个工作日内,,否"
    _supervision_ledger(table, rows)
    again = runner.invoke(app, ["import", str(table)])
    assert again.exit_code == 0, again.output
    items = {item["id"]: item for item in tomllib.loads(isolated.read_text("utf-8"))["item"]}
    assert items["2"]["due"] == "2025-06"


def test_the_ledgers_progress_in_words_is_the_tasks_progress_note(
    runner: CliRunner, isolated: Path
) -> None:
    """办理进度 in a 督查督办台账 is words (完成409万元，占年度任务的51%; 已清理). Kept as an
    unknown field, `plan show` listed it as a field with no date and the report's 存在的问题
    had no 最新进展 for the tasks behind; it is now the task's dated progress note."""
    table = isolated.parent / "横渡镇督查督办台账.csv"
    _supervision_ledger(table)
    result = runner.invoke(app, ["import", str(table), "--on", "2025-06-30"])
    assert result.exit_code == 0, result.output
    items = {item["id"]: item for item in tomllib.loads(isolated.read_text("utf-8"))["item"]}
    assert "办理进度" not in items["1"]
    assert items["1"]["log"][0]["note"] == "完成409万元，占年度任务的51%"
    report = runner.invoke(app, ["report", "--as-of", "2025-07-10", "-o", "总结.md"])
    assert report.exit_code == 0, report.output
    written = (isolated.parent / "总结.md").read_text(encoding="utf-8")
    assert "最新进展：完成409万元，占年度任务的51%" in written


def test_a_ledgers_words_for_a_matter_in_hand_are_read_as_in_progress(
    runner: CliRunner, isolated: Path
) -> None:
    """Offices fill 是否办结 (or 状态) of a 督查督办台账 with 未办结 and 正在办理, and the 督查办's
    reports class each matter 超进度, 达进度 or 欠进度 (金寨县's). Any of these refused the whole
    table (应为状态：未开始、进行中…). They are now 进行中: the matter is in hand (how far behind
    it is the plan works out from its deadline)."""
    rows = [*_LEDGER_ROWS[:3]]
    rows += [
        "1,完成一般公共预算收入802万元,财政所,2025.1.10,2025.12.31,完成409万元,未办结",
        "2,完成固定资产投资2.5亿元,经济发展办,2025.1.10,2025.12.31,完成1.1亿元,正在办理",
        "3,实现外贸进出口额300万美元,经济发展办,2025.1.10,2025.12.31,260万美元,欠进度",
        "4,栖居洲山酒店主体建设,项目服务小组,2025.2.15,2025.6.30,主体建设全部完成,已办结",
    ]
    table = isolated.parent / "台账.csv"
    _supervision_ledger(table, rows)
    result = runner.invoke(app, ["import", str(table)])
    assert result.exit_code == 0, result.output
    items = {item["id"]: item for item in tomllib.loads(isolated.read_text("utf-8"))["item"]}
    assert [items[key].get("status") for key in "1234"] == ["doing", "doing", "doing", "done"]
    listed = runner.invoke(app, ["list", "--status", "doing", "--flat"])
    assert listed.exit_code == 0, listed.output
    assert "完成固定资产投资2.5亿元" in listed.output


def test_telephones_beside_names_are_taken_out_and_the_names_kept_as_written(
    runner: CliRunner, isolated: Path
) -> None:
    """The other ways offices give a number beside a unit or a person: 联系电话：… under a unit
    whose name has brackets of its own, a mobile in brackets after the 责任人. The names stay
    as written (full-width brackets kept, so --who finds the unit its other tasks name), the
    numbers go to 联系电话."""
    table = isolated.parent / "2025年任务.csv"
    table.write_bytes(
        (
            "序号,工作任务,责任单位,责任人,完成时限\r\n"
            '1,新建高标准农田2000亩,"镇农业综合服务中心（农业股）\n联系电话：0566-5021234",'
            "张三（13912345678）,2025年11月底\r\n"
            "2,修缮村级道路5公里,镇农业综合服务中心（农业股）,李四,2025年10月底\r\n"
        ).encode("gbk")
    )
    result = runner.invoke(app, ["import", str(table)])
    assert result.exit_code == 0, result.output
    items = {item["id"]: item for item in tomllib.loads(isolated.read_text("utf-8"))["item"]}
    assert items["1"]["lead_unit"] == "镇农业综合服务中心（农业股）"
    assert items["1"]["owner"] == "张三"
    assert items["1"]["联系电话"] == "0566-5021234、13912345678"
    listed = runner.invoke(app, ["list", "--who", "镇农业综合服务中心（农业股）", "--flat"])
    assert "新建高标准农田" in listed.output and "修缮村级道路" in listed.output


def test_a_matter_given_mid_year_takes_its_limit_as_the_import_reads_it(
    runner: CliRunner, isolated: Path
) -> None:
    """New matters reach the 督查 ledger all year. The office added one as its 交办单 words it,
    `plan add 0 … --start 2025-04-07 --due 10个工作日内`, and was told the limit was no date,
    month or quarter — the words the import had just read. add and edit now count it from
    --start (or, for edit, the item's own start), as the import does; with no start to count
    from, they say to give one."""
    table = isolated.parent / "横渡镇督查督办台账.csv"
    _supervision_ledger(table)
    assert runner.invoke(app, ["import", str(table)]).exit_code == 0
    added = runner.invoke(
        app, ["add", "0", "整治集镇占道经营", "--start", "2025-04-07", "--due", "10个工作日内"]
    )
    assert added.exit_code == 0, added.output
    items = {item["id"]: item for item in tomllib.loads(isolated.read_text("utf-8"))["item"]}
    assert str(items["7"]["due"]) == "2025-04-21"
    edited = runner.invoke(app, ["edit", "7", "--due", "15个工作日内"])
    assert edited.exit_code == 0, edited.output
    # Sunday 27 April 2025 was worked for 劳动节 (session 24: 工作日 by the holiday notices)
    assert "2025-04-21 → 2025-04-27" in edited.output
    before = isolated.read_bytes()
    refused = runner.invoke(app, ["add", "0", "回复信访件", "--due", "3日内"])
    assert refused.exit_code == 2
    assert "从交办日期算起，请同时用 --start 给出交办日期" in refused.output
    assert "Traceback" not in refused.output and isolated.read_bytes() == before


def test_a_telephone_column_beside_keeps_the_number_the_unit_cell_gave(
    runner: CliRunner, isolated: Path
) -> None:
    """A sheet with a 联系电话 column of its own, after a 责任单位 cell that also gives the office's
    number: the column's cell was written over the number taken from the unit, one lost. Both
    are kept now, the column's first."""
    table = isolated.parent / "2025年任务.csv"
    table.write_bytes(
        (
            "序号,工作任务,责任单位,联系电话,完成时限\r\n"
            "1,新建高标准农田2000亩,农业办 0566-5021234,张三 13912345678,2025年11月底\r\n"
        ).encode("gbk")
    )
    result = runner.invoke(app, ["import", str(table)])
    assert result.exit_code == 0, result.output
    item = tomllib.loads(isolated.read_text("utf-8"))["item"][0]
    assert item["lead_unit"] == "农业办"
    assert item["联系电话"] == "张三 13912345678、0566-5021234"
