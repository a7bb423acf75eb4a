"""plan export: the monthly 推进情况表 as a workbook and a CSV table — every cell of a known plan,
its styles and print setup, the figures at a date, the filters, hostile text made inert, where
the file may go, and the round trip through plan import."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from quanhu_plan import store
from quanhu_plan.cli import app
from quanhu_plan.controls import visible
from quanhu_plan.exporting.xlsx import display_width, lines_in

from .conftest import REPO, REPO_PLAN, write_plan

SMALL_PLAN = """\
[plan]
title = "测试镇2023年工作计划"
organisation = "测试镇人民政府"
year = 2023
start = 2023-01-01
end = 2023-12-31

[[item]]
id = "1"
title = "基础设施"
lead_unit = ["规划办", "农业股"]

[[item]]
id = "1.1"
title = "修塘"
status = "doing"
measure = "处"
baseline = 30
target = 40
actual = 20

[[item]]
id = "1.2"
title = "安装路灯"
status = "done"
done_on = 2023-03-01

[[item]]
id = "1.3"
title = "修机耕道"
owner = "李四、王五"
due = 2023-03-31
status = "doing"
progress = 50

[[item]]
id = "2"
title = "社会事业"

[[item]]
id = "2.1"
title = "宣传教育"
lead = "张三"

[[item]]
id = "2.1.1"
title = "花鼓戏下乡"
status = "dropped"
reason = "场地未落实"

[[item]]
id = "2.1.2"
title = "[x] 自建房排查"
support_units = ["各村（社区）"]
owner = ["王五", "赵六"]
due = "2023-Q3"
status = "blocked"
progress = 20
reason = "资料不全"

[[item]]
id = "2.1.3"
title = "人口自然增长率"
due = "2023-06"
status = "doing"
measure = "‰"
target = 5
target_text = "控制在5‰以内"
direction = "down"
actual = 6

[[item]]
id = "2.2"
title = "规模工业增加值增速"
lead_unit = "工信办"
status = "doing"
measure = "%"
baseline = -2.5
target = 6
actual = -1
"下一步措施" = "走访重点企业"

[[item.log]]
on = 2023-05-10
note = "受市场影响，增速回落"

[[item.log]]
on = 2023-08-01
note = "增速回升"
"""

HEADER = [
    "序号",
    "工作任务",
    "责任领导",
    "牵头单位",
    "配合单位",
    "责任人",
    "完成时限",
    "计量单位",
    "基数",
    "目标值",
    "完成值",
    "完成率",
    "序时进度",
    "状态",
    "红黄绿灯",
    "进展情况",
    "存在问题",
    "下一步措施",
]

# The table at 30 June, worked out by hand. The year's window is 1 January - 31 December (364
# days), so 180 days have passed: 49 % expected of a task due at the year's end; 2.1.2 is due
# with the third quarter (272 days: 66 %); 1.3 and 2.1.3 were due by now (100 %), 1.3 is
# overdue. 1.1 has done 20 of 40; 2.1.3 is at 6‰ where 5‰ is the most (5/6); 2.2 at -1 % of
# 6 % has done nothing. 2.1 is the mean of 20 % and 83.3 % (the dropped task does not count),
# part 2 the mean of 2.1 and 2.2, part 1 of 50, 100 and 50. The note of 1 August is after the
# day. Percentages are numbers formatted 0% (written here as the whole percent, P(49)).


class P:
    def __init__(self, whole: int):
        self.whole = whole

    def __eq__(self, other: object) -> bool:
        return other == pytest.approx(self.whole / 100)

    def __repr__(self) -> str:
        return f"{self.whole}%"


N = None
# fmt: off
ROWS_AT_JUNE_END: list[list[Any]] = [
    ["1", "基础设施", N, "规划办、农业股", N, N, N, N, N, N, N, P(67), N, N, "红灯1项", N, N, N],
    ["1.1", "修塘", N, N, N, N, N, "处", 30, 40, 20, P(50), P(49), "进行中", "绿灯", N, N, N],
    ["1.2", "安装路灯", N, N, N, N, N, N, N, N, N, P(100), P(49), "已完成\n（2023-03-01）", "绿灯", N, N, N],
    ["1.3", "修机耕道", N, N, N, "李四、王五", dt.datetime(2023, 3, 31), N, N, N, N, P(50), P(100), "进行中", "红灯（逾期）", N, N, N],
    ["2", "社会事业", N, N, N, N, N, N, N, N, N, P(26), N, N, "红灯2项、黄灯1项", N, N, N],
    ["2.1", "宣传教育", "张三", N, N, N, N, N, N, N, N, P(52), N, N, "红灯1项、黄灯1项", N, N, N],
    ["2.1.1", "花鼓戏下乡", N, N, N, N, N, N, N, N, N, N, N, "已取消", N, N, "场地未落实", N],
    ["2.1.2", "[x] 自建房排查", N, N, "各村（社区）", "王五、赵六", "第三季度", N, N, N, N, P(20), P(66), "受阻", "红灯", N, "资料不全", N],
    ["2.1.3", "人口自然增长率", N, N, N, N, "6月底", "‰", N, "控制在5‰以内", 6, P(83), P(100), "进行中", "黄灯", N, N, N],
    ["2.2", "规模工业增加值增速", N, "工信办", N, N, N, "%", -2.5, 6, -1, P(0), P(49), "进行中", "红灯", "受市场影响，增速回落", N, "走访重点企业"],
]
# fmt: on
LIGHTS_AT_JUNE_END = {
    "1.1": "C6EFCE",
    "1.2": "C6EFCE",
    "1.3": "FFC7CE",
    "2.1.2": "FFC7CE",
    "2.1.3": "FFEB9C",
    "2.2": "FFC7CE",
}


def run(*args: str, code: int = 0, input: str | None = None) -> Any:
    result = CliRunner().invoke(app, list(args), input=input)
    assert result.exit_code == code, result.output
    return result


@pytest.fixture
def small(plan_file: Path) -> Path:
    plan_file.write_text(SMALL_PLAN, encoding="utf-8")
    return plan_file


def sheet_of(path: Path) -> Any:
    return openpyxl.load_workbook(path).active


def values(ws: Any, first: int = 1) -> list[list[Any]]:
    return [[cell.value for cell in row] for row in ws.iter_rows(min_row=first)]


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def export_xlsx(tmp_path: Path, *args: str, name: str = "表.xlsx") -> Path:
    out = tmp_path / name
    run("export", "--out", str(out), *args)
    return out


# ---------------------------------------------------------------- the workbook


def test_the_workbook_holds_every_cell_of_the_table_as_at_the_day(small, tmp_path):
    ws = sheet_of(export_xlsx(tmp_path, "--as-of", "2023-06-30"))
    assert ws.title == "推进情况表"
    assert ws["A1"].value == "测试镇2023年工作计划（截至2023年6月30日）"
    assert ws["A2"].value == "填报单位：测试镇人民政府"
    assert [str(v).replace("\n", "") for v in values(ws, 3)[0]] == HEADER
    assert values(ws, 4) == ROWS_AT_JUNE_END
    assert ws.max_row == 3 + len(ROWS_AT_JUNE_END) and ws.max_column == len(HEADER)
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:R1", "A2:R2"}
    # 序号 is text (1.10 stays 1.10), percentages are numbers shown as whole percents.
    assert ws["A5"].data_type == "s" and ws["L5"].number_format == "0%"
    assert ws["I13"].value == -2.5 and ws["I13"].data_type == "n"


def test_the_workbook_styles_the_header_groups_and_lights(small, tmp_path):
    ws = sheet_of(export_xlsx(tmp_path, "--as-of", "2023-06-30"))
    fill = lambda cell: cell.fill.fgColor.rgb[-6:] if cell.fill.fill_type else None  # noqa: E731
    assert ws["A1"].font.b and ws["A1"].font.sz == 16
    for cell in ws[3]:
        assert cell.font.b and fill(cell) == "D9D9D9" and cell.alignment.wrap_text
        assert cell.border.bottom.style == "thin"
    for row in ws.iter_rows(min_row=4):
        seq, kind = row[0].value, len(row[0].value.split("."))
        group = seq in ("1", "2", "2.1")
        assert row[1].font.b is group, seq
        expected = "D9E1F2" if kind == 1 else "F2F2F2" if group else None
        assert fill(row[1]) == expected, seq
        assert fill(row[14]) == LIGHTS_AT_JUNE_END.get(seq, expected), seq
        assert all(cell.alignment.wrap_text and cell.border.left.style for cell in row)
    assert ws["B6"].alignment.indent == 1 and ws["B12"].alignment.indent == 2
    assert ws["O7"].font.color.rgb[-6:] == "9C0006" and ws["O6"].font.color.rgb[-6:] == "006100"


def test_the_workbook_is_frozen_and_printed_a4_landscape_with_the_header_on_every_page(
    small, tmp_path
):
    ws = sheet_of(export_xlsx(tmp_path))
    assert ws.freeze_panes == "C4"  # the header, 序号 and 工作任务 stay in view
    setup = ws.page_setup
    assert (setup.orientation, setup.paperSize) == ("landscape", 9)
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$3:$3"
    assert ws.oddFooter.center.text == "第 &P 页，共 &N 页"


def test_columns_are_as_wide_as_their_chinese_text_counting_each_character_as_two(small, tmp_path):
    assert display_width("修塘ab") == 6 and display_width("已完成\n（2023-03-01）") == 14
    assert display_width("“四香”5‰") == 11  # “ ” ‰ are ambiguous: as wide as a 汉字 in 宋体
    ws = sheet_of(export_xlsx(tmp_path, "--as-of", "2023-06-30"))
    width = {c: ws.column_dimensions[c].width for c in "ABCDEFGHIJKLMNOPQR"}
    assert width["A"] == 7  # "2.1.3" and padding
    assert width["N"] == 16  # "（2023-03-01）" on the status' second line
    assert width["C"] == 6  # empty but for "张三": the header on two lines, 责任 / 领导
    # The title ("规模工业增加值增速": 18) and the note ("受市场影响，增速回落": 20) as wide as
    # their text, and padding. The table would be 204 wide: the 4 over the budget (200) come
    # from the columns where they cost the fewest lines, names and targets before titles and
    # notes (test_print_s24e).
    assert (width["B"], width["P"], sum(width.values())) == (20, 22, 200)
    # 规划办、农业股, 各村（社区）, 控制在5‰以内: 14 each, a unit's or a target's widest; the
    # two names wrap onto a second line at 13 or 12 alike.
    assert (width["D"], width["E"], width["J"]) == (13, 12, 13)
    assert ws["C3"].value == "责任\n领导" and ws["B3"].value == "工作任务"
    # Rows as tall as their wrapped text: the done task's status takes two lines.
    assert ws.row_dimensions[6].height == 2 * 13.5 + 3
    assert ws.row_dimensions[5].height == 13.5 + 3
    assert lines_in("一二三四五六七八九十", 12) == 2 and lines_in("a\nb", 5) == 2


def test_a_long_text_wraps_within_its_column_instead_of_widening_the_table(plan_file, tmp_path):
    title = "推进农村人居环境整治提升五年行动，开展村庄清洁行动和厕所革命" * 3
    note = "已完成年度任务的百分之六十，剩余部分计划于第四季度完成" * 4
    plan_file.write_text(
        SMALL_PLAN.replace('title = "修塘"', f'title = "{title}"').replace(
            'note = "受市场影响，增速回落"', f'note = "{note}"'
        ),
        encoding="utf-8",
    )
    ws = sheet_of(export_xlsx(tmp_path, "--as-of", "2023-06-30"))
    widths = [ws.column_dimensions[c].width for c in "ABCDEFGHIJKLMNOPQR"]
    # Each wraps within its widest (40); the longer note keeps a little more (test_print_s24e).
    assert widths[1] <= 34 and widths[15] <= 36
    assert sum(widths) <= 200  # the budget: printed at about 75 % or more
    assert ws.row_dimensions[5].height >= 5 * 13.5  # the long title over several lines
    assert ws["B5"].value == title  # whole, not cut


def test_a_long_plan_title_wraps_in_the_title_row_instead_of_running_off_the_page(small, tmp_path):
    """The title row is merged across the table and centred: a title wider than the table ran
    off both sides of the printed page (one line, 30 points tall). It wraps, and the row is as
    tall as its lines in the 16-point title font; so does the 填报单位 line under it."""
    title = "关于泉湖镇二〇二三年度经济社会发展和党的建设工作" * 6
    organisation = "衡南县泉湖镇人民政府" * 20
    small.write_text(
        SMALL_PLAN.replace("测试镇2023年工作计划", title).replace("测试镇人民政府", organisation),
        encoding="utf-8",
    )
    ws = sheet_of(export_xlsx(tmp_path, "--as-of", "2023-06-30"))
    table_width = sum(ws.column_dimensions[c].width for c in "ABCDEFGHIJKLMNOPQR")
    assert ws["A1"].alignment.wrap_text and ws["A1"].alignment.horizontal == "center"
    # The title at 16 points is 1.6 times as wide as the table's 10-point characters.
    lines = -(-display_width(ws["A1"].value) * 16 // (10 * (table_width - 2)))
    assert lines >= 2
    assert ws.row_dimensions[1].height >= lines * 16 * 1.2
    assert ws["A2"].alignment.wrap_text
    assert ws.row_dimensions[2].height >= 2 * 13.5
    assert {"A1:R1", "A2:R2"} <= {str(r) for r in ws.merged_cells.ranges}


def test_a_deadline_that_is_a_day_is_a_date_cell_excel_can_sort_and_filter(small, tmp_path):
    """完成时限 2023-03-31 was a text cell: Excel sorted it as text and offered no date filter.
    A day is a date (shown 2023-03-31); a month or a quarter (2023-06, 2023-Q3) has no one day
    and is text, as the report's ledger writes it (6月底, 第三季度). The table reads back
    through plan import the same."""
    ws = sheet_of(export_xlsx(tmp_path, "--as-of", "2023-06-30"))
    due = {row[0].value: row[6] for row in ws.iter_rows(min_row=4)}
    assert due["1.3"].is_date and due["1.3"].value == dt.datetime(2023, 3, 31)
    assert due["1.3"].number_format == "yyyy-mm-dd"
    assert due["1.3"].alignment.horizontal == "center"
    assert due["2.1.2"].value == "第三季度" and due["2.1.2"].data_type == "s"
    assert due["2.1.3"].value == "6月底" and due["2.1.3"].data_type == "s"
    rows = {row[0]: row for row in csv_rows(run("export", "--as-of", "2023-06-30").stdout_bytes)}
    assert rows["1.3"][6] == "2023-03-31"  # in the CSV as in the plan


def test_the_chinese_title_gives_its_day_as_a_chinese_document_does(small, tmp_path):
    """The title read 测试镇2023年工作计划（截至2023-06-30）: a Chinese heading writes the day
    2023年6月30日, as the report and the 通报 do. plan import reads the day back from it."""
    out = export_xlsx(tmp_path, "--as-of", "2023-06-30")
    assert sheet_of(out)["A1"].value == "测试镇2023年工作计划（截至2023年6月30日）"
    rows = csv_rows(run("export", "--as-of", "2023-06-30").stdout_bytes)
    assert rows[0][0] == "测试镇2023年工作计划（截至2023年6月30日）"
    english = csv_rows(run("--lang", "en", "export", "--as-of", "2023-06-30").stdout_bytes)
    assert english[0][0] == "测试镇2023年工作计划 (as of 2023-06-30)"
    from quanhu_plan.importing.above import as_of

    assert as_of(rows[0][0]) == dt.date(2023, 6, 30)


# ---------------------------------------------------------------- CSV


def test_csv_is_utf8_with_a_bom_and_crlf_and_holds_the_same_table(small, tmp_path):
    out = tmp_path / "表.csv"
    run("export", "--as-of", "2023-06-30", "--out", str(out))
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = csv_rows(data)
    # Every record ends with CRLF; a line break inside a quoted cell is LF, as Excel writes it.
    assert data.count(b"\r\n") == len(rows) and data.count(b"\r") == len(rows)
    assert data.endswith(b"\r\n")
    assert rows[0][0] == "测试镇2023年工作计划（截至2023年6月30日）" and rows[0][1:] == [""] * 17
    assert rows[1][0] == "填报单位：测试镇人民政府"
    assert rows[2] == HEADER

    def text(v: Any) -> str:
        if isinstance(v, dt.datetime):  # a date cell of the workbook: the day, as in the plan
            return v.date().isoformat()
        return "" if v is None else f"{v.whole}%" if isinstance(v, P) else str(v)

    as_text = [[text(v) for v in row] for row in ROWS_AT_JUNE_END]
    # A title indented by its level, as the workbook's (an ideographic space a level).
    as_text = [[seq, "\u3000" * seq.count(".") + title, *rest] for seq, title, *rest in as_text]
    assert rows[3:] == as_text
    # Without --out, the same bytes on standard output.
    assert run("export", "--as-of", "2023-06-30").stdout_bytes == data
    assert run("export", "--format", "csv", "--as-of", "2023-06-30").stdout_bytes == data


def test_english_headers_and_words_with_lang_en(small, tmp_path):
    rows = csv_rows(run("--lang", "en", "export", "--as-of", "2023-06-30").stdout_bytes)
    assert rows[0][0] == "测试镇2023年工作计划 (as of 2023-06-30)"
    assert rows[1][0] == "Organisation: 测试镇人民政府"
    assert rows[2][:7] == ["No.", "Task", "Lead", "Lead unit", "Support units", "Owner", "Due"]
    assert rows[2][11:] == [
        "Completion",
        "Expected by now",
        "Status",
        "Light",
        "Progress note",
        "Problems",
        "Next steps",
    ]
    by_id = {row[0]: row for row in rows[3:]}
    assert by_id["1.2"][13] == "done\n(2023-03-01)" and by_id["1.3"][14] == "red (overdue)"
    assert by_id["1.3"][5] == "李四、王五"  # as the plan writes it
    assert by_id["2.1.2"][5] == "王五, 赵六" and by_id["2"][14] == "2 red, 1 yellow"
    ws = sheet_of(export_xlsx(tmp_path, "--lang", "en"))
    assert ws.title == "Progress" and ws.oddFooter.center.text == "Page &P of &N"


# ---------------------------------------------------------------- as at a date, filters


COUNTY_REPORTS = [
    ("progress", "1.1", "30", "2023-05-10"),
    ("note", "1.1", "完成招投标", "2023-05-10"),
    ("record", "1.1", "2.4", "2023-08-25"),
    ("note", "1.1", "主体工程完工", "2023-08-25"),
    ("record", "1.2", "8", "2023-03-31"),
    ("record", "1.2", "6", "2023-06-20"),
    ("record", "2.1", "-1.0", "2023-04-30"),
    ("record", "2.1", "3", "2023-09-30"),
]


@pytest.fixture
def county(plan_file: Path) -> Path:
    from .test_format10 import COUNTY_PLAN

    plan_file.write_text(COUNTY_PLAN, encoding="utf-8")
    for command, item, value, day in COUNTY_REPORTS:
        run(command, item, value, "--on", day)
    run("done", "1.2", "--note", "已达标", "--on", "2023-11-30")
    return plan_file


def by_id(*args: str) -> dict[str, list[str]]:
    """The rows by id, in the county's columns (without 开工时间, 时间节点安排…, the columns
    of fields a county's table has not, which this plan uses)."""
    rows = csv_rows(run("export", *args).stdout_bytes)
    county = [n for n, name in enumerate(rows[2]) if name not in OPTIONAL_HEADERS]
    return {row[0]: [row[n] for n in county] for row in rows[3:]}


OPTIONAL_HEADERS = ("具体内容", "开工时间", "时间节点安排", "销号依据", "权重", "县级任务编号")


def test_as_of_gives_the_figures_and_notes_of_that_day_not_todays(county):
    may, sept, now = by_id("--as-of", "2023-05-31"), by_id("--as-of", "2023-09-30"), by_id()
    # 1.1: 30 % told in May, 2.4万亩 of 3 in August (80 %); a milestone path paces it.
    # Its milestone path: 50 % by 30 June from 1 March, so 91/121 of 50 % (38 %) by 31 May;
    # due with the third quarter, all of it by 30 September (20 points behind: yellow).
    assert may["1.1"][10:16] == ["", "30%", "38%", "进行中", "绿灯", "完成招投标"]
    assert sept["1.1"][10:16] == ["2.4", "80%", "100%", "进行中", "黄灯", "主体工程完工"]
    # 1.2: 8‰ in March, 6‰ in June, ticked off on 30 November with a note. A limit held all
    # year: once a figure is recorded the whole of it is expected by now (100%), not 83%.
    assert may["1.2"][10:14] == ["8", "63%", "100%", "进行中"]
    assert sept["1.2"][10:14] == ["6", "83%", "100%", "进行中"]
    assert now["1.2"][13:16] == ["已完成\n（2023-11-30）", "绿灯", "已达标"]
    # 2.1: -1 % of 6 % in April, 3 % in September.
    assert (may["2.1"][10], sept["2.1"][10], now["2.1"][10]) == ("-1", "3", "3")
    assert may["2.1"][11] == "0%" and sept["2.1"][11] == "50%"
    titles = [csv_rows(run("export", "--as-of", day).stdout_bytes)[0][0] for day in ("2023-05-31",)]
    assert titles == ["测试县2023年重点工作（截至2023年5月31日）"]


def test_a_plan_past_its_end_with_later_records_is_titled_with_the_day_of_its_records(small):
    run("note", "1.1", "已验收")  # recorded today, after the plan's end (2023-12-31)
    today = dt.date.today()
    today_text = f"{today.year}年{today.month}月{today.day}日"
    rows = csv_rows(run("export").stdout_bytes)
    assert rows[0][0] == f"测试镇2023年工作计划（截至{today_text}）"
    assert {row[0]: row for row in rows[3:]}["1.1"][15] == "已验收"
    # Pace is judged at the plan's end: whatever is due by then is expected whole.
    assert {row[0]: row for row in rows[3:]}["1.1"][12] == "100%"
    rows = csv_rows(run("export", "--as-of", "2023-12-31").stdout_bytes)
    assert rows[0][0] == "测试镇2023年工作计划（截至2023年12月31日）"
    assert {row[0]: row for row in rows[3:]}["1.1"][15] == ""


def test_part_and_who_keep_their_tasks_with_the_goals_above_them(small):
    assert list(by_id("--part", "2.1")) == ["2", "2.1", "2.1.1", "2.1.2", "2.1.3"]
    assert list(by_id("--part", "基础")) == ["1", "1.1", "1.2", "1.3"]
    assert list(by_id("--who", "王五")) == ["1", "1.3", "2", "2.1", "2.1.2"]
    # A name stated on a goal answers for the tasks under it (张三 on 2.1).
    assert list(by_id("--who", "张三", "--part", "2")) == ["2", "2.1", "2.1.1", "2.1.2", "2.1.3"]
    rows = csv_rows(run("export", "--part", "2.1", "--who", "赵六").stdout_bytes)
    assert (
        rows[1][0] == "填报单位：测试镇人民政府\u3000\u3000范围：2.1 宣传教育\u3000\u3000责任：赵六"
    )
    assert [row[0] for row in rows[3:]] == ["2", "2.1", "2.1.2"]


def test_a_filter_that_leaves_no_task_writes_nothing(small, tmp_path):
    out = tmp_path / "表.xlsx"
    result = run("export", "--who", "无此人", "--out", str(out), code=1)
    assert "没有符合条件的任务（--who 无此人），没有写入任何文件" in result.stderr
    assert not out.exists()
    result = run("export", "--part", "无此部分", code=1)
    assert "无此部分" in result.stderr


def test_a_plan_without_tasks_says_to_add_some_not_to_try_another_filter(plan_file, tmp_path):
    """With no --part or --who, the advice to try another part or name led nowhere: the plan
    has no task at all. It says to add tasks (plan add), in Chinese and in English."""
    plan_file.write_text(
        '[plan]\ntitle = "空计划"\nyear = 2023\nstart = 2023-01-01\nend = 2023-12-31\n',
        encoding="utf-8",
    )
    out = tmp_path / "表.xlsx"
    result = run("export", "--out", str(out), code=1)
    assert "计划里还没有任务" in result.stderr and "plan add" in result.stderr
    assert "请换一个部分或责任人再试" not in result.stderr
    assert not out.exists()
    english = run("--lang", "en", "export", code=1)
    assert "plan add" in english.stderr and "Try another part or name" not in english.stderr
    assert english.stdout == ""


# ---------------------------------------------------------------- hostile text

HOSTILE_TITLES = {
    "1.1": "=1+1",
    "1.2": "+cmd|' /C calc'!A0",
    "1.3": "-2+3",
    "2.1": "\x1b[31m宣传\x07教育",
    "2.1.1": "@SUM(A1:A9)",
    "2.1.2": "[x] 修塘",
    "2.1.3": "'引号开头",
    "2.2": "两行\n标题",
}


@pytest.fixture
def hostile(plan_file: Path) -> Path:
    text = SMALL_PLAN
    for item, title in HOSTILE_TITLES.items():
        old = next(line for line in text.split("\n") if line == f'id = "{item}"')
        text = text.replace(old + "\ntitle = ", old + f"\ntitle = {_toml(title)}\nx_old = ", 1)
    text = text.replace('"受市场影响，增速回落"', '"\\u001b[31m红字\\u0007 \\u202e倒"')
    plan_file.write_text(text, encoding="utf-8")
    return plan_file


def _toml(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def test_titles_that_look_like_formulas_stay_text_in_the_workbook(hostile, tmp_path):
    ws = sheet_of(export_xlsx(tmp_path, "--as-of", "2023-06-30"))
    cells = {row[0].value: row[1] for row in ws.iter_rows(min_row=4)}
    for item, title in HOSTILE_TITLES.items():
        cell = cells[item]
        assert (cell.value, cell.data_type) == (visible(title), "s"), item
        assert cell.quotePrefix is (title[0] in "=+-@'"), item  # a ' of its own is marked too
    assert cells["2.1"].value == "\\x1b[31m宣传\\x07教育"  # shown, never raw
    note = next(row[15].value for row in ws.iter_rows(min_row=4) if row[0].value == "2.2")
    assert note == "\\x1b[31m红字\\x07 \\u202e倒"  # shown, never raw
    data = export_xlsx(tmp_path, name="b.xlsx").read_bytes()
    assert b"<f>" not in data  # no formula anywhere in the workbook


def test_titles_that_look_like_formulas_get_a_quote_in_csv(hostile):
    raw = run("export", "--as-of", "2023-06-30").stdout_bytes
    # (titles without the indent of their level: see the test above)
    rows = {row[0]: [row[0], row[1].lstrip("\u3000"), *row[2:]] for row in csv_rows(raw)[3:]}
    assert rows["1.1"][1] == "'=1+1"
    assert rows["1.2"][1] == "'+cmd|' /C calc'!A0"
    assert rows["1.3"][1] == "'-2+3"
    assert rows["2.1.1"][1] == "'@SUM(A1:A9)"
    assert rows["2.1"][1] == "\\x1b[31m宣传\\x07教育"
    assert rows["2.1.2"][1] == "[x] 修塘"
    assert rows["2.1.3"][1] == "''引号开头"  # so that the ' import takes off is always ours
    assert rows["2.2"][1] == "两行\n标题"
    assert rows["2.2"][15] == "\\x1b[31m红字\\x07 \\u202e倒"
    assert rows["2.2"][8:11] == ["-2.5", "6", "-1"]  # numbers are numbers, - and all
    assert b"\x1b" not in raw and b"\x07" not in raw and "\u202e".encode() not in raw


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_hostile_titles_come_back_as_written_through_an_import(hostile, tmp_path, suffix):
    out = tmp_path / f"表{suffix}"
    run("export", "--out", str(out))
    back = tmp_path / "back.toml"
    run("import", str(out), "--out", str(back))
    titles = {i["id"]: i["title"] for i in tomllib.loads(back.read_text("utf-8"))["item"]}
    for item, title in HOSTILE_TITLES.items():
        # A title over two lines joins; a control character comes back as the character,
        # read from the escape the table shows (s34C: it came back as the escape's text).
        assert titles[item] == title.replace("\n", ""), item


def _titled(text: str, titles: dict[str, str]) -> str:
    """The plan text with these items' titles (the old title kept as a field of its own)."""
    for item, title in titles.items():
        old = f'id = "{item}"\ntitle = '
        text = text.replace(old, old + f"{_toml(title)}\nx_old = ", 1)
    return text


# Texts whose own first ' an import could take for the guard a CSV export puts before a formula.
QUOTED_TITLES = {"1.1": "'''", "1.2": "'=不是公式", "1.3": "''两个引号", "2.1.1": "' +带空格"}


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_texts_starting_with_a_quote_come_back_as_written_through_an_import(
    plan_file, tmp_path, suffix
):
    text = SMALL_PLAN.replace('lead_unit = "工信办"', "lead_unit = \"'''\"")
    text = _titled(text, QUOTED_TITLES)
    plan_file.write_text(text, encoding="utf-8")
    out = tmp_path / f"表{suffix}"
    run("export", "--out", str(out))
    if suffix == ".xlsx":  # each marked with Excel's hidden ', its own ' kept as the text's
        cells = {row[0].value: row[1] for row in sheet_of(out).iter_rows(min_row=4)}
        for item, title in QUOTED_TITLES.items():
            assert (cells[item].value, cells[item].quotePrefix) == (title, True), item
    back = tmp_path / "back.toml"
    run("import", str(out), "--out", str(back))
    items = {i["id"]: i for i in tomllib.loads(back.read_text("utf-8"))["item"]}
    assert {item: items[item]["title"] for item in QUOTED_TITLES} == QUOTED_TITLES
    assert items["2.2"]["lead_unit"] == "'''"


def test_a_text_longer_than_a_cell_holds_is_cut_saying_how_long_it_was(plan_file, tmp_path):
    plan_file.write_text(
        SMALL_PLAN.replace('"受市场影响，增速回落"', '"' + "长" * 40_000 + '"'), encoding="utf-8"
    )
    ws = sheet_of(export_xlsx(tmp_path, "--as-of", "2023-06-30"))
    note = next(row[15].value for row in ws.iter_rows(min_row=4) if row[0].value == "2.2")
    assert len(note) <= 32_767 and note.endswith("…（共 40,000 字 / 40,000 characters）")
    # Its row is as tall as Excel lets a row be (409 points), not taller: Excel would take a
    # taller one for a damaged workbook.
    row = next(r[0].row for r in ws.iter_rows(min_row=4) if r[0].value == "2.2")
    assert ws.row_dimensions[row].height == 409
    assert all((ws.row_dimensions[r].height or 0) <= 409 for r in range(1, ws.max_row + 1))


# ---------------------------------------------------------------- where the file goes


def test_out_writes_atomically_and_says_what_it_wrote(small, tmp_path):
    out = tmp_path / "表.xlsx"
    result = run("export", "--as-of", "2023-06-30", "--out", str(out))
    # The tasks as status counts them, the dropped one apart (as the report says them).
    assert result.output == f"已写入 {out}（6 项任务，另有 1 项已取消，截至 2023-06-30）。\n"
    assert out.read_bytes()[:2] == b"PK"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".quanhu-tmp")]
    result = run("--lang", "en", "export", "--as-of", "2023-06-30", "-o", str(out), "--force")
    assert result.output == f"Wrote {out} (6 tasks and 1 dropped, as of 2023-06-30).\n"


def test_an_existing_file_is_overwritten_only_with_force(small, tmp_path):
    out = tmp_path / "表.csv"
    out.write_text("旧内容", encoding="utf-8")
    result = run("export", "--out", str(out), code=1)
    assert "已经存在，没有覆盖。如需覆盖请加 --force" in result.stderr
    assert out.read_text(encoding="utf-8") == "旧内容"
    run("export", "--out", str(out), "--force")
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize(("answer", "code", "kept"), [("y\n", 0, False), ("n\n", 1, True)])
def test_on_a_terminal_it_asks_before_overwriting(small, tmp_path, monkeypatch, answer, code, kept):
    monkeypatch.setattr("quanhu_plan.cli.prompts.can_ask", lambda: True)
    out = tmp_path / "表.csv"
    out.write_text("旧内容", encoding="utf-8")
    result = run("export", "--out", str(out), code=code, input=answer)
    assert "已经存在，要覆盖吗？" in result.output
    assert (out.read_text(encoding="utf-8") == "旧内容") is kept


@pytest.mark.skipif(os.name != "posix", reason="symbolic and hard links, a lock file")
def test_out_never_names_the_plan_its_lock_or_a_link_to_it(small, tmp_path):
    run("progress", "1.3", "60")  # the lock file exists
    (tmp_path / "link.csv").symlink_to(small)
    os.link(small, tmp_path / "hard.csv")
    before = small.read_bytes()
    for out in (small, tmp_path / "link.csv", tmp_path / "hard.csv", tmp_path / "plan.toml.lock"):
        result = run("export", "--format", "csv", "--out", str(out), "--force", code=1)
        assert "写入表格会把它覆盖，所以什么也没有写入，计划没有改动" in result.stderr, out
        assert small.read_bytes() == before
    assert (tmp_path / "link.csv").is_symlink()


def test_out_never_names_the_embedded_plan(small, tmp_path, monkeypatch):
    embedded = tmp_path / "package" / "plan.toml"  # a copy: a failure must not hit the real one
    embedded.parent.mkdir()
    shutil.copy(REPO_PLAN, embedded)
    monkeypatch.setattr(store, "embedded_plan_path", lambda: embedded)
    before = embedded.read_bytes()
    result = run("export", "--format", "csv", "--out", str(embedded), "--force", code=1)
    assert "程序内置的2023年计划（只读）" in result.stderr
    assert embedded.read_bytes() == before


def test_out_never_names_a_folder(small, tmp_path):
    (tmp_path / "文件夹.xlsx").mkdir()
    result = run("export", "--out", str(tmp_path / "文件夹.xlsx"), "--force", code=1)
    assert "文件夹" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xlsx"], "an Excel workbook is written to a file"),
        (["--out", "表.txt"], "cannot tell the format from '表.txt'"),
        (
            ["--format", "csv", "--out", "表.xlsx"],
            "'表.xlsx' names a xlsx file but --format is csv",
        ),
        (["--format", "pdf"], "cannot be 'pdf'"),
        (["--as-of", "2023-02-30"], "is not a valid date"),
    ],
)
def test_usage_errors_exit_2_and_say_what_to_do(small, tmp_path, args, message):
    result = run("export", *args, "--lang", "en", code=2)
    assert message in result.output
    assert list(tmp_path.glob("表.*")) == []


def test_help_documents_every_option(runner):
    result = runner.invoke(app, ["export", "--help"])
    assert result.exit_code == 0
    for option in ("--format", "--as-of", "--part", "--who", "--out", "--force"):
        assert option in result.output


# ---------------------------------------------------------------- round trips


def _items(path: Path) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in tomllib.loads(path.read_text("utf-8"))["item"]}


def _names(value: Any) -> list[str] | None:
    """Names as the plan means them: "李四、王五" and ["李四", "王五"] are the same two people."""
    import re

    if value is None:
        return None
    written = [value] if isinstance(value, str) else value
    return [n.strip() for text in written for n in re.split(r"[、，,；;]", text) if n.strip()]


# What the table carries of each item; see docs/reference.md "Export / 导出" for what it does not.
CARRIED = ("title", "due", "measure", "baseline", "target", "target_text", "actual", "reason")
NAMES = ("lead", "lead_unit", "support_units", "owner")


def assert_same_plan(original: Path, back: Path, as_of: dt.date | None = None) -> None:
    mine, theirs = _items(original), _items(back)
    assert list(theirs) == list(mine)  # the same ids, in the same order: the same tree
    for item_id, table in mine.items():
        got = theirs[item_id]
        for field in CARRIED:
            assert got.get(field) == table.get(field), (item_id, field)
        for field in NAMES:
            assert _names(got.get(field)) == _names(table.get(field)), (item_id, field)
        is_task = not any(other.startswith(item_id + ".") for other in mine)
        if is_task:
            assert got.get("status", "todo") == table.get("status", "todo"), item_id
            assert got.get("done_on") == table.get("done_on"), item_id
        if "direction" in table:
            assert got.get("direction") == table["direction"], item_id
        # Kept under the column's own name: 下一步措施, or Next steps in an English table.
        assert got.get("下一步措施", got.get("Next steps")) == table.get("下一步措施"), item_id


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_the_2023_plan_comes_back_from_its_table(tmp_path, suffix, monkeypatch):
    monkeypatch.delenv("PLAN_FILE")  # the embedded plan: the repo's plan.toml
    out, back = tmp_path / f"推进情况表{suffix}", tmp_path / "back.toml"
    run("export", "--out", str(out))
    result = run("import", str(out), "--out", str(back))
    assert "导入 34 个事项（24 项任务）" in result.stdout
    assert_same_plan(REPO_PLAN, back)
    plan = tomllib.loads(back.read_text("utf-8"))["plan"]
    original = tomllib.loads(REPO_PLAN.read_text("utf-8"))["plan"]
    for field in ("title", "organisation", "year", "start", "end", "lang"):
        assert plan[field] == original[field], field


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_plan_with_the_new_fields_comes_back_from_its_table(small, tmp_path, suffix):
    """Several names, a month and a quarter deadline, target_text, direction down, negative
    figures, done_on, reasons, a kept 下一步措施, and a progress that only 完成率 carries."""
    out, back = tmp_path / f"表{suffix}", tmp_path / "back.toml"
    run("export", "--as-of", "2023-06-30", "--out", str(out))
    run("import", str(out), "--out", str(back))
    assert_same_plan(small, back)
    items = _items(back)
    assert items["1.3"]["progress"] == 50 and items["2.1.2"]["progress"] == 20
    assert "progress" not in items["1.1"]  # its figure measures it
    # The latest note up to the day, dated that day (the table's 截至 date).
    assert items["2.2"]["log"] == [{"on": dt.date(2023, 6, 30), "note": "受市场影响，增速回落"}]
    # What the table says of the plan is what the imported plan says: every figure again.
    again = tmp_path / f"again{suffix}"
    run("-f", str(back), "export", "--as-of", "2023-06-30", "--out", str(again))
    if suffix == ".csv":
        first, second = csv_rows(out.read_bytes()), csv_rows(again.read_bytes())
    else:
        first, second = values(sheet_of(out)), values(sheet_of(again))
    assert second == first


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_an_english_table_comes_back_as_the_same_plan_in_english(small, tmp_path, suffix):
    out, back = tmp_path / f"t{suffix}", tmp_path / "back.toml"
    run("--lang", "en", "export", "--as-of", "2023-06-30", "--out", str(out))
    run("import", str(out), "--out", str(back))
    assert_same_plan(small, back)
    plan = tomllib.loads(back.read_text("utf-8"))["plan"]
    assert (plan["organisation"], plan["lang"]) == ("测试镇人民政府", "en")
    assert _items(back)["2.2"]["log"][0]["on"] == dt.date(2023, 6, 30)


def test_the_county_plan_comes_back_with_its_figures_at_the_day(county, tmp_path):
    out, back = tmp_path / "表.xlsx", tmp_path / "back.toml"
    run("export", "--as-of", "2023-09-30", "--out", str(out))
    run("import", str(out), "--out", str(back))
    items = _items(back)
    assert items["1"]["lead_unit"] == ["农田建设管理股", "农业股"]
    assert items["1.1"]["owner"] == ["孙永峰", "李先俊"]
    assert (items["1.1"]["target"], items["1.1"]["target_text"]) == (3, "3万亩以上")
    assert (items["1.1"]["due"], items["1.1"]["actual"]) == ("2023-Q3", 2.4)
    assert (items["1.2"]["direction"], items["1.2"]["actual"]) == ("down", 6)
    assert (items["2.1"]["baseline"], items["2.1"]["actual"]) == (-2.5, 3)
    assert _names(items["2.1"]["owner"]) == ["王五", "赵六"]


def test_the_2022_example_comes_back_from_its_table(tmp_path):
    example = REPO / "examples" / "quanhu-2022.toml"
    out, back = tmp_path / "表.xlsx", tmp_path / "back.toml"
    run("-f", str(example), "export", "--out", str(out))
    run("import", str(out), "--out", str(back))
    assert_same_plan(example, back)


# ---------------------------------------------------------------- printed


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
@pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler) is not installed"
)
def test_the_workbook_prints_on_a_few_a4_pages_with_every_title_and_the_header_on_each(
    tmp_path,
):
    example = REPO / "examples" / "quanhu-2022.toml"
    out = tmp_path / "表.xlsx"
    run("-f", str(example), "export", "--out", str(out))
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
        + ["--outdir", str(tmp_path), str(out)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pdf = tmp_path / "表.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(
        next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages"))
    )
    assert "841.89 x 595.3" in info.stdout  # A4, landscape
    assert 2 <= pages <= 5  # 60 tasks and 23 goals: fitted to the width, not shrunk to nothing
    texts = []
    for page in range(1, pages + 1):
        done = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        )
        texts.append("".join(done.stdout.split()))
        assert "工作任务" in texts[-1] and "红黄绿灯" in texts[-1], page  # the header
    whole = "".join(texts)
    titles = [i["title"] for i in tomllib.loads(example.read_text("utf-8"))["item"]]
    missing = [t for t in titles if not _printed("".join(t.split()), whole)]
    assert missing == []


def _printed(title: str, text: str) -> bool:
    """The title's characters in order within a short stretch of the page's text: pdftotext
    reads a wrapped title's lines each with the line of the 具体内容 beside it."""
    for found in re.finditer(re.escape(title[:3]), text):
        at, end = found.start(), found.start() + 4 * len(title) + 200
        for char in title:
            at = text.find(char, at, end)
            if at < 0:
                break
            at += 1
        else:
            return True
    return False


def test_no_control_character_of_a_hostile_plan_reaches_the_files(plan_file, tmp_path):
    from .conftest import write_plan
    from .test_hostile_text import FORBIDDEN, HOSTILE, hostile_items

    write_plan(plan_file, hostile_items(), title=f"泉湖镇{HOSTILE}计划", organisation=HOSTILE)
    ws = sheet_of(export_xlsx(tmp_path))
    texts = [str(cell.value) for row in ws.iter_rows() for cell in row if cell.value is not None]
    assert [t for t in texts if FORBIDDEN.search(t.replace("\n", ""))] == []
    assert any("\\x1b[2J" in t for t in texts)  # shown, not dropped
    data = run("export").stdout_bytes.decode("utf-8-sig")
    assert FORBIDDEN.search(data.replace("\r\n", "").replace("\n", "")) is None
    assert "\\x1b]52;c;cHduZWQ=\\x07" in data


def test_out_dash_is_standard_output_never_a_file_named_dash(plan_file, tmp_path, monkeypatch):
    write_plan(plan_file, [{"id": "1", "title": "修塘", "due": dt.date(2023, 6, 30)}])
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["export", "--out", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbf") and "修塘" in result.stdout
    piped = CliRunner().invoke(app, ["export", "--format", "xlsx", "--out", "-"])
    assert piped.exit_code == 0 and piped.stdout_bytes.startswith(b"PK")  # a workbook, piped on
    report = CliRunner().invoke(app, ["report", "--format", "md", "--out", "-"])
    assert report.exit_code == 0 and report.stdout.startswith("# 测试镇")
    word = CliRunner().invoke(app, ["report", "--format", "docx", "-o", "-"])
    assert word.exit_code == 0 and word.stdout_bytes.startswith(b"PK")
    assert not (tmp_path / "-").exists()


# ------------------------------------------- round trips of a plan whose ids are not dotted

NAMED_PLAN = """\
[plan]
title = "测试计划"
year = 2023

[[item]]
id = "jc"
title = "一个基础"
lead = "张三"

[[item]]
id = "jc-dj"
parent = "jc"
title = "党建引领"

[[item]]
id = "t-a"
parent = "jc-dj"
title = "开展学习"
owner = "李四"
progress = 40

[[item]]
id = "t-b"
parent = "jc-dj"
title = "建设阵地"
status = "done"
done_on = 2023-05-01

[[item]]
id = "cy"
title = "两大产业"

[[item]]
id = "1.9"
parent = "cy"
title = "粮食生产"
measure = "万亩"
target = 3
actual = 2.5
due = 2023-09-30

[[item]]
id = "cy-x"
parent = "cy"
title = "新型经营主体"
"""


def _tree(path: Path) -> list[tuple[str, str, str]]:
    """(id, parent, title) of each item, in file order: the tree as the plan says it."""
    items = tomllib.loads(path.read_text("utf-8"))["item"]
    return [(i["id"], i.get("parent", i["id"].rpartition(".")[0]), i["title"]) for i in items]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_table_of_a_plan_whose_ids_are_not_dotted_comes_back_whole(plan_file, tmp_path, suffix):
    """Its ids in the 序号 column, its levels only in the titles' indents (the workbook's
    indent, the CSV's ideographic spaces): the import nests by them and keeps the ids, an item
    moved away from the parent its dotted id implies (1.9) included; not a flat list of tasks
    with the goals' roll-ups as progress. The year comes from the title row's 截至 day (the
    title names none)."""
    plan_file.write_text(NAMED_PLAN, encoding="utf-8")
    out, back = tmp_path / f"表{suffix}", tmp_path / "back.toml"
    run("export", "--out", str(out))
    result = run("import", str(out), "--out", str(back))
    assert "导入 7 个事项（4 项任务）" in result.stdout
    assert "今年" not in result.output  # the year is not guessed
    assert _tree(back) == _tree(plan_file)
    doc = tomllib.loads(back.read_text("utf-8"))
    assert doc["plan"]["year"] == 2023
    items = {item["id"]: item for item in doc["item"]}
    assert "progress" not in items["jc-dj"] and "status" not in items["jc"]  # goals, not tasks
    assert items["t-a"]["progress"] == 40 and items["t-b"]["done_on"] == dt.date(2023, 5, 1)
    assert (items["1.9"]["target"], items["1.9"]["actual"]) == (3, 2.5)
    assert items["jc"]["lead"] == "张三" and "序号" not in items["t-a"]
    # The imported plan gives the same table again.
    again = tmp_path / f"again{suffix}"
    run("-f", str(back), "export", "--out", str(again))
    if suffix == ".csv":
        assert again.read_bytes() == out.read_bytes()
    else:
        assert values(sheet_of(again)) == values(sheet_of(out))
    # And the dry run shows the same tree.
    shown = run("import", str(out), "--out", str(tmp_path / "x.toml"), "--dry-run").stdout
    assert "jc 一个基础\n  jc-dj 党建引领\n    t-a 开展学习" in shown


def test_a_hand_made_workbook_indented_by_level_nests_by_its_indents(plan_file, tmp_path):
    """A 台账 whose titles carry no numbering and whose 序号 is a plain count or a code used
    twice: the indents give the tree, the items are numbered by position."""
    from openpyxl.styles import Alignment

    book = openpyxl.Workbook()
    sheet = book.active
    rows = [
        ("序号", "工作任务", "责任人", "完成时限"),
        ("A", "产业发展", None, None),
        ("A", "粮食生产", "王五", "2023-09-30"),
        ("A", "油菜种植", "王五", "2023-05-31"),
        ("B", "基层治理", None, None),
        ("B", "平安建设", "赵六", "2023-12-31"),
    ]
    for row in rows:
        sheet.append(row)
    for r in (3, 4, 6):
        sheet.cell(r, 2).alignment = Alignment(indent=1)
    path = tmp_path / "台账2023.xlsx"
    book.save(path)
    back = tmp_path / "back.toml"
    run("import", str(path), "--out", str(back))
    assert _tree(back) == [
        ("1", "", "产业发展"),
        ("1.1", "1", "粮食生产"),
        ("1.2", "1", "油菜种植"),
        ("2", "", "基层治理"),
        ("2.1", "2", "平安建设"),
    ]
    items = _items(back)
    assert items["1.1"]["owner"] == "王五" and items["1"]["序号"] == "A"  # kept, not an id


def test_a_task_typed_indented_under_another_task_does_not_make_it_a_goal(plan_file, tmp_path):
    """首行缩进: a title typed with ideographic spaces before it, as a paragraph's first line,
    under a row that is a task (its data columns filled), not a heading: the rows stay a list."""
    path = tmp_path / "台账.csv"
    path.write_text(
        "序号,工作任务,责任人,完成时限,目标值\n"
        "1,粮食生产,王五,2023-09-30,3万亩\n"
        "2,\u3000\u3000油菜种植,王五,2023-05-31,1万亩\n"
        "3,平安建设,赵六,2023-12-31,零事故\n",
        encoding="utf-8",
    )
    back = tmp_path / "back.toml"
    run("import", str(path), "--out", str(back), "--year", "2023")
    assert _tree(back) == [("1", "", "粮食生产"), ("2", "", "油菜种植"), ("3", "", "平安建设")]


# Texts holding what a workbook's XML reads as an escaped character (_x000D_ is a carriage
# return): Excel and plan import undo such escapes, so the export must escape them itself.
ESCAPE_LIKE = {
    "1.1": "a_x0041_b",
    "1.2": "_x000D_换行",
    "1.3": "代码_x005F_x",
    "2.1.1": "_x4E2D__x",
}


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_texts_that_look_like_a_workbooks_escapes_come_back_as_written(plan_file, tmp_path, suffix):
    text = _titled(SMALL_PLAN, ESCAPE_LIKE)
    plan_file.write_text(text, encoding="utf-8")
    out = tmp_path / f"表{suffix}"
    run("export", "--out", str(out))
    back = tmp_path / "back.toml"
    run("import", str(out), "--out", str(back))
    items = {i["id"]: i for i in tomllib.loads(back.read_text("utf-8"))["item"]}
    assert {item: items[item]["title"] for item in ESCAPE_LIKE} == ESCAPE_LIKE


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_spreadsheet_shows_a_text_that_looks_like_an_escape_as_written(plan_file, tmp_path):
    text = SMALL_PLAN.replace('id = "1.1"\ntitle = ', 'id = "1.1"\ntitle = "a_x0041_b"\nx_old = ')
    plan_file.write_text(text, encoding="utf-8")
    out = tmp_path / "表.xlsx"
    run("export", "--out", str(out))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "csv", "--outdir", str(tmp_path), str(out)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    shown = (tmp_path / "表.csv").read_text(encoding="utf-8", errors="replace")
    assert "a_x0041_b" in shown and "aAb" not in shown
