"""plan import: 任务分解表 and 推进情况表 workbooks and CSV tables, built here in code as offices
make them (merged cells, a header over two rows, category rows, several units in a cell, the
deadline forms they write, GBK CSV), imported through the CLI and checked field by field."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import REPO_PLAN


def workbook(
    path: Path,
    rows: list[list[Any]],
    merges: tuple[str, ...] = (),
    sheet: str = "Sheet1",
    formats: dict[str, str] | None = None,
    more: dict[str, list[list[Any]]] | None = None,
) -> Path:
    """A workbook with one sheet of ``rows`` (None: an empty cell), merged ranges like
    "A1:I1", number formats by cell ("G5": "0%"), and optionally more sheets after it."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    for cells in merges:
        ws.merge_cells(cells)
    for cell, number_format in (formats or {}).items():
        ws[cell].number_format = number_format
    for name, sheet_rows in (more or {}).items():
        extra = book.create_sheet(name)
        for row in sheet_rows:
            extra.append(row)
    book.save(path)
    return path


def csv_file(path: Path, rows: list[list[str]], encoding: str) -> Path:
    text = "\r\n".join(",".join(_csv_cell(c) for c in row) for row in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def _csv_cell(cell: str) -> str:
    return f'"{cell}"' if any(ch in cell for ch in ',"\n') else cell


def run(*args: str):
    return CliRunner().invoke(app, ["import", *args])


def read_plan(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def items_of(path: Path) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in read_plan(path)["item"]}


# ---------------------------------------------------------------- a 任务分解表

# fmt: off
BREAKDOWN = [
    ["泉湖镇2023年重点工作任务分解表"],
    ["填报单位：衡南县泉湖镇人民政府"],
    ["序号", "工作任务", "责任主体", None, None, "配合单位", "完成\n时限", "目标值", "计量\n单位", "备注", "督办\n频次"],
    [None, None, "责任领导", "牵头单位", "责任人"],
    ["一", "一、打牢一个基础"],
    [None, "（一）全力实施乡村振兴战略", "张三"],
    [1, "因地制宜发展优势产业", None, "农田建设管理股、农业股", "孙永峰，李先俊\n卢伯瑛", "水利站;财政所", "2023年6月底前", "500余亩", None, "省级重点", "每月"],
    [2, "依靠改革创新壮大乡村发展新动能", None, "经发办", "王五", None, "二季度", "不低于95%", "%"],
    ["二", "二、培育两大产业"],
    [1, "1.发展“四香”特色农业", "李四", "农业股", "赵六", "各村（社区）", "长期", "与经济增长同步"],
    [2, "抓好泉水湖项目建设", "李四", "规划办", "钱七", None, "年底前", "3万亩以上", None],
    [None, "合计"],
    ["注：本表由党政办汇总，每月5日前报送。"],
]
# fmt: on
BREAKDOWN_MERGES = (
    "A1:K1",
    "A2:K2",
    "A3:A4",
    "B3:B4",
    "C3:E3",
    "F3:F4",
    "G3:G4",
    "H3:H4",
    "I3:I4",
    "J3:J4",
    "K3:K4",
    "B5:K5",
    "C6:C8",
    "B9:K9",
    "A13:K13",
)


@pytest.fixture
def breakdown(tmp_path: Path) -> Path:
    return workbook(tmp_path / "分解表.xlsx", BREAKDOWN, BREAKDOWN_MERGES, sheet="任务分解表")


def test_a_task_breakdown_workbook_becomes_the_plan_it_describes(breakdown, plan_file):
    result = run(str(breakdown))
    assert result.exit_code == 0, result.output
    assert "已从 " in result.stdout and "导入 7 个事项（4 项任务），写入 plan.toml" in result.stdout
    doc = read_plan(plan_file)
    assert doc["plan"] == {
        "title": "泉湖镇2023年重点工作任务分解表",
        "organisation": "衡南县泉湖镇人民政府",
        "year": 2023,
        "start": dt.date(2023, 1, 1),
        "end": dt.date(2023, 12, 31),
        "lang": "zh",
        "source": "分解表.xlsx（工作表“任务分解表”）",
    }
    items = {item["id"]: item for item in doc["item"]}
    assert list(items) == ["1", "1.1", "1.1.1", "1.1.2", "2", "2.1", "2.2"]
    assert items["1"] == {"id": "1", "title": "打牢一个基础"}
    # The merged 责任领导 cell (C6:C8) applies to the goal's row and to both tasks.
    assert items["1.1"] == {"id": "1.1", "title": "全力实施乡村振兴战略", "lead": "张三"}
    assert items["1.1.1"] == {
        "id": "1.1.1",
        "title": "因地制宜发展优势产业",
        "lead": "张三",
        "lead_unit": ["农田建设管理股", "农业股"],
        "support_units": ["水利站", "财政所"],
        "owner": ["孙永峰", "李先俊", "卢伯瑛"],
        "due": "2023-06",
        "measure": "亩",
        "target": 500,
        "target_text": "500余亩",
        "备注": "省级重点",
        "督办频次": "每月",
    }
    assert items["1.1.2"] == {
        "id": "1.1.2",
        "title": "依靠改革创新壮大乡村发展新动能",
        "lead": "张三",
        "lead_unit": "经发办",
        "owner": "王五",
        "due": "2023-Q2",
        "measure": "%",
        "target": 95,
        "target_text": "不低于95%",
    }
    assert items["2"] == {"id": "2", "title": "培育两大产业"}
    # A task numbered "1." with its columns filled stays a task, its numbering dropped.
    assert items["2.1"] == {
        "id": "2.1",
        "title": "发展“四香”特色农业",
        "lead": "李四",
        "lead_unit": "农业股",
        "support_units": ["各村（社区）"],
        "owner": "赵六",
        "target_text": "与经济增长同步",
        "完成时限原文": "长期",  # (no due: the office's words kept)
    }
    assert items["2.2"]["due"] == dt.date(2023, 12, 31)
    assert (items["2.2"]["target"], items["2.2"]["measure"]) == (3, "万亩")
    assert items["2.2"]["target_text"] == "3万亩以上"
    # Nothing dropped silently: the kept column and the rows that are not tasks are said.
    assert "“督办频次”" in result.stderr and "已原样保留" in result.stderr
    assert "第 12 行 '合计'" in result.stderr and "第 13 行 '注：本表由党政办汇总" in result.stderr


def test_the_file_written_is_laid_out_canonically(breakdown, plan_file):
    assert run(str(breakdown)).exit_code == 0
    text = plan_file.read_text(encoding="utf-8")
    assert text.startswith('[plan]\ntitle = "泉湖镇2023年重点工作任务分解表"\n')
    assert '\n[[item]]\nid = "1.1.1"\ntitle = "因地制宜发展优势产业"\nlead = "张三"\n' in text
    assert '"备注" = "省级重点"\n' in text


def test_an_imported_plan_with_the_new_fields_passes_plan_check(breakdown, plan_file):
    result = run(str(breakdown))
    assert result.exit_code == 0, result.output
    assert "plan check" not in result.stderr
    checked = CliRunner().invoke(app, ["check", str(plan_file)])
    assert checked.exit_code == 0, checked.output
    shown = CliRunner().invoke(app, ["list", "--as-of", "2023-06-30"])
    assert shown.exit_code == 0 and "因地制宜发展优势产业" in shown.output


def test_a_plan_without_the_new_fields_is_imported_clean_and_passes_plan_check(tmp_path, plan_file):
    book = workbook(
        tmp_path / "t.xlsx",
        [
            ["序号", "工作任务", "牵头单位", "完成时限", "目标值", "计量单位"],
            ["一", "一、基础设施"],
            [1, "修塘", "水利站", "2023-6-30", 40, "处"],
            [2, "安装路灯", "规划办", "2023年12月31日", 95, "盏"],
        ],
    )
    result = run(str(book), "--year", "2023")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    checked = CliRunner().invoke(app, ["check", str(plan_file)])
    assert checked.exit_code == 0, checked.output
    status = CliRunner().invoke(app, ["status", "--as-of", "2023-06-30"])
    assert status.exit_code == 0 and "基础设施" in status.output


# ---------------------------------------------------------------- deadlines

DEADLINES = [
    ("2023年6月底前", "2023-06"),
    ("6月30日前", dt.date(2023, 6, 30)),
    ("2023.6", "2023-06"),
    ("2023/6/30", dt.date(2023, 6, 30)),
    ("2023-6-30", dt.date(2023, 6, 30)),
    ("2023年第二季度", "2023-Q2"),
    ("二季度", "2023-Q2"),
    ("Q3", "2023-Q3"),
    ("年底前", dt.date(2023, 12, 31)),
    ("年内", dt.date(2023, 12, 31)),
    ("全年", dt.date(2023, 12, 31)),
    ("上半年", dt.date(2023, 6, 30)),
    ("九月底前完成", "2023-09"),
    ("10月中旬", dt.date(2023, 10, 20)),
    ("2024年底", dt.date(2024, 12, 31)),
    (dt.datetime(2023, 5, 20), dt.date(2023, 5, 20)),
    (2023.6, "2023-06"),
    ("长期", None),
    ("常态化", None),
    ("持续推进", None),
    ("常态化开展", None),
    ("全年推进", dt.date(2023, 12, 31)),
    ("二季度末前", "2023-Q2"),
    ("上半年末前", dt.date(2023, 6, 30)),
    ("2023-12-31 00:00:00", dt.date(2023, 12, 31)),  # a date cell as a CSV file holds it
]


def test_every_deadline_form_offices_write_is_read(tmp_path, plan_file):
    rows: list[list[Any]] = [["序号", "工作任务", "完成时限"]]
    rows += [[n, f"任务{n}", written] for n, (written, _) in enumerate(DEADLINES, start=1)]
    result = run(str(workbook(tmp_path / "2023年计划.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    for n, (written, expected) in enumerate(DEADLINES, start=1):
        assert items[str(n)].get("due") == expected, written


def test_a_range_gives_the_task_its_start(tmp_path, plan_file):
    rows = [
        ["序号", "工作任务", "完成时限", "开工时间"],
        [1, "修塘", "3月-6月"],
        [2, "修路", "10月底", "8月"],
    ]
    assert run(str(workbook(tmp_path / "2023.xlsx", rows))).exit_code == 0
    items = items_of(plan_file)
    assert (items["1"]["start"], items["1"]["due"]) == ("2023-03", "2023-06")
    assert (items["2"]["start"], items["2"]["due"]) == ("2023-08", "2023-10")


def test_the_plans_year_fills_a_deadline_written_without_one(tmp_path, plan_file):
    rows = [["工作任务", "完成时限"], ["修塘", "6月30日前"], ["修路", "年底前"]]
    result = run(str(workbook(tmp_path / "t.xlsx", rows)), "--year", "2022")
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["due"] == dt.date(2022, 6, 30) and items["2"]["due"] == dt.date(2022, 12, 31)
    assert read_plan(plan_file)["plan"]["year"] == 2022


def test_without_a_year_anywhere_the_deadlines_name_it(tmp_path, plan_file):
    rows = [
        ["工作任务", "完成时限"],
        ["修塘", "2021年6月底前"],
        ["修路", "2021.9"],
        ["建馆", "年底前"],
    ]
    assert run(str(workbook(tmp_path / "t.xlsx", rows))).exit_code == 0
    assert read_plan(plan_file)["plan"]["year"] == 2021
    assert items_of(plan_file)["3"]["due"] == dt.date(2021, 12, 31)


AMBIGUOUS = [
    ("6月前", "看不出是 5月底前还是 6月底前"),
    (2023.1, "看不出是 2023年1月还是 2023年10月"),
    (6.3, "看不出是 6月3日还是 6月30日"),
    ("待定", "应为完成时限"),
    ("6月底前完成初稿，12月底前完成验收", "有几个时限"),
    ("2023年2月30日", "没有 2023年2月30日 这一天"),
    # As ambiguous as 6月前: before the period starts, or by its end?
    ("二季度前", "看不出是二季度开始之前还是二季度结束之前"),
    ("上半年前", "看不出是上半年开始之前还是上半年结束之前"),
    ("年前", "看不出是春节前还是年底前"),
    ("12月-1月", "的开始晚于结束：跨年的请写明年份"),
    ("6月-3月", "的开始晚于结束"),
]


def test_an_ambiguous_or_unreadable_deadline_is_reported_by_its_cell_not_guessed(
    tmp_path, plan_file
):
    rows: list[list[Any]] = [["序号", "工作任务", "完成时限"]]
    rows += [[n, f"任务{n}", written] for n, (written, _) in enumerate(AMBIGUOUS, start=1)]
    result = run(str(workbook(tmp_path / "t.xlsx", rows, sheet="Sheet1")), "--year", "2023")
    assert result.exit_code == 1, result.output
    assert f"有 {len(AMBIGUOUS)} 个单元格无法读取，没有写入任何文件" in result.stderr
    for n, (_, said) in enumerate(AMBIGUOUS, start=2):
        line = next(x for x in result.stderr.splitlines() if f"Sheet1!C{n}（完成时限）" in x)
        assert said in line, line
    assert not plan_file.exists()
    assert "Traceback" not in result.output


# ---------------------------------------------------------------- CSV


# fmt: off
CSV_ROWS = [
    ["序号", "工作任务", "牵头单位", "配合单位", "责任人", "完成时限", "基数", "目标值", "计量单位"],
    ["一", "一、保障民生"],
    ["1", "新建口袋公园", "规划办、城建办", "各村", "李四", "2023年9月底前", "2", "5", "处"],
    ["2", "控制人口自然增长率", "计生办", "", "王五", "年底前", "", "控制在5‰以内", ""],
    ["3", "地区生产总值增速", "经发办", "", "", "全年", "-1.2", "下降2.5%", ""],
]
# fmt: on


@pytest.mark.parametrize(
    "encoding", ["gbk", "utf-8-sig", "utf-8", "gb18030", "utf-16"], ids=lambda e: e
)
def test_a_csv_table_is_read_in_the_encodings_excel_saves(tmp_path, plan_file, encoding):
    table = csv_file(tmp_path / "2023年任务.csv", CSV_ROWS, encoding)
    result = run(str(table))
    assert result.exit_code == 0, result.output
    doc = read_plan(plan_file)
    assert doc["plan"]["title"] == "2023年任务" and doc["plan"]["year"] == 2023
    items = {item["id"]: item for item in doc["item"]}
    assert items["1"] == {"id": "1", "title": "保障民生"}
    assert items["1.1"] == {
        "id": "1.1",
        "title": "新建口袋公园",
        "lead_unit": ["规划办", "城建办"],
        "support_units": ["各村"],
        "owner": "李四",
        "due": "2023-09",
        "measure": "处",
        "baseline": 2,
        "target": 5,
    }
    assert items["1.2"] == {
        "id": "1.2",
        "title": "控制人口自然增长率",
        "lead_unit": "计生办",
        "owner": "王五",
        "due": dt.date(2023, 12, 31),
        "measure": "‰",
        "target": 5,
        "target_text": "控制在5‰以内",
        "direction": "down",
    }
    # A growth rate may be negative; 下降2.5% is a target of -2.5 %, smaller being better.
    assert items["1.3"]["baseline"] == -1.2
    assert (items["1.3"]["target"], items["1.3"]["measure"]) == (-2.5, "%")
    assert items["1.3"]["target_text"] == "下降2.5%" and items["1.3"]["direction"] == "down"


def test_a_csv_cell_is_named_by_the_file_and_its_address(tmp_path, plan_file):
    rows = [["工作任务", "完成时限", "进度"], ["修塘", "6月底前", "一半"]]
    result = run(str(csv_file(tmp_path / "tasks.csv", rows, "utf-8")))
    assert result.exit_code == 1
    assert "tasks.csv!C2（进度）：发现 '一半'；应为进度百分数" in result.stderr


def test_a_table_that_is_neither_utf8_nor_gbk_is_refused_with_advice(tmp_path, plan_file):
    table = tmp_path / "t.csv"
    table.write_bytes("工作任务,完成时限\n".encode() + b"\x81\x30\xff\xff\n")
    result = run(str(table))
    assert result.exit_code == 1
    assert "既不是 UTF-8 也不是 GBK 编码的文本" in result.stderr and not plan_file.exists()


# ---------------------------------------------------------------- headers


def test_headers_are_found_through_spaces_line_breaks_and_full_width_brackets(tmp_path, plan_file):
    rows = [
        ["附件1"],
        [],
        [
            "序 号",
            "重 点\n任 务",
            "牵头\n单位",
            "完成时限（月）",
            "目标值（万亩）",
            "基数(万亩)",
            "具体措施",
        ],
        [1, "落实粮食播种面积", "农业股", "10月底", 3.3, 3.2, "落实粮食耕种面积"],
    ]
    result = run(str(workbook(tmp_path / "2023.xlsx", rows)))
    assert result.exit_code == 0, result.output
    assert items_of(plan_file)["1"] == {
        "id": "1",
        "title": "落实粮食播种面积",
        "detail": "落实粮食耕种面积",  # 具体措施 beside 重点任务 is the task's detail
        "lead_unit": "农业股",
        "due": "2023-10",
        "measure": "万亩",  # from the header's brackets
        "baseline": 3.2,
        "target": 3.3,
    }


def test_a_sheet_without_a_header_names_the_rows_it_looked_at_and_what_it_found(
    tmp_path, plan_file
):
    rows = [["2023年项目清单"], ["任务清单", "承办股室", "完成时限"], ["修塘", "水利站", "6月底"]]
    result = run(str(workbook(tmp_path / "t.xlsx", rows, sheet="清单")))
    assert result.exit_code == 1, result.output
    said = result.stderr
    assert "找不到表头行" in said
    assert "工作表“清单”：查看了第 1–3 行，认得的表头：清单!C2 '完成时限'" in said
    assert "最像表头的第 2 行是：'任务清单' | '承办股室' | '完成时限'" in said
    assert "--map 列名=字段" in said and not plan_file.exists()


def test_map_names_a_column_the_tool_does_not_know(tmp_path, plan_file):
    rows = [["2023年项目清单"], ["任务清单", "承办股室", "完成时限"], ["修塘", "水利站", "6月底"]]
    book = workbook(tmp_path / "t.xlsx", rows)
    result = run(str(book), "--map", "任务清单=title", "--map", "承办 股室=牵头单位")
    assert result.exit_code == 0, result.output
    assert items_of(plan_file)["1"] == {
        "id": "1",
        "title": "修塘",
        "lead_unit": "水利站",
        "due": "2023-06",
    }


def test_map_overrides_what_a_known_header_means(tmp_path, plan_file):
    rows = [["工作任务", "单位", "完成时限"], ["修塘", "水利站", "6月底"]]
    book = workbook(tmp_path / "2023.xlsx", rows)
    assert run(str(book), "--map", "单位=lead_unit").exit_code == 0
    assert items_of(plan_file)["1"]["lead_unit"] == "水利站"


def test_map_can_keep_a_column_as_text_it_cannot_read(tmp_path, plan_file):
    rows = [["工作任务", "完成时限"], ["修塘", "待定"]]
    book = workbook(tmp_path / "2023.xlsx", rows)
    assert run(str(book)).exit_code == 1
    result = run(str(book), "--map", "完成时限=keep")
    assert result.exit_code == 0, result.output
    assert items_of(plan_file)["1"] == {"id": "1", "title": "修塘", "完成时限": "待定"}


def test_map_of_a_column_the_sheet_lacks_lists_the_columns_it_has(tmp_path, plan_file):
    rows = [["工作任务", "完成时限"], ["修塘", "6月底"]]
    result = run(str(workbook(tmp_path / "t.xlsx", rows)), "--map", "项目=title")
    assert result.exit_code == 1
    assert "--map 指定的列“项目”不在" in result.stderr
    assert "表头的列有：“工作任务”、“完成时限”" in result.stderr


@pytest.mark.parametrize("bad", ["任务清单", "任务清单=", "任务清单=name", "=title"])
def test_a_malformed_map_is_a_usage_error(tmp_path, plan_file, bad):
    rows = [["工作任务", "完成时限"], ["修塘", "6月底"]]
    result = run(str(workbook(tmp_path / "t.xlsx", rows)), "--map", bad, "--lang", "en")
    assert result.exit_code == 2 and "COLUMN=FIELD" in result.output
    in_chinese = run(str(workbook(tmp_path / "t.xlsx", rows)), "--map", bad)
    assert in_chinese.exit_code == 2 and "列名=字段" in in_chinese.output


def test_a_header_over_two_rows_under_a_merged_group_header(tmp_path, plan_file):
    rows = [
        ["序号", "目标任务", "责任单位", None, "完成时限"],
        [None, None, "牵头单位", "配合单位", None],
        [1, "修塘", "水利站", "各村、财政所", "6月底前"],
    ]
    merges = ("A1:A2", "B1:B2", "C1:D1", "E1:E2")
    result = run(str(workbook(tmp_path / "2023.xlsx", rows, merges)))
    assert result.exit_code == 0, result.output
    assert items_of(plan_file)["1"] == {
        "id": "1",
        "title": "修塘",
        "lead_unit": "水利站",
        "support_units": ["各村", "财政所"],
        "due": "2023-06",
    }
    assert "表头在第 1 行" in result.stdout


def test_unknown_columns_are_kept_under_their_header_and_headerless_ones_by_letter(
    tmp_path, plan_file
):
    rows = [
        ["工作任务", "完成时限", "资金来源", "parent", None],
        ["修塘", "6月底", "上级补助", "A-7", "另注"],
    ]
    result = run(str(workbook(tmp_path / "2023.xlsx", rows)))
    assert result.exit_code == 0, result.output
    item = items_of(plan_file)["1"]
    assert item["资金来源"] == "上级补助"
    assert item["parent（D列）"] == "A-7"  # a header that is a field of the file itself
    assert item["E列"] == "另注"
    assert "“资金来源”、“parent（D列）”、“E列”" in result.stderr


# ---------------------------------------------------------------- rows


def test_a_title_merged_over_rows_of_measures_becomes_a_goal_with_a_task_each(tmp_path, plan_file):
    rows = [
        ["序号", "重点任务", "具体措施", "牵头单位", "完成时限"],
        [1, "抓好粮食生产", "落实粮食播种面积", "农业股", "10月底"],
        [2, None, "严厉打击乱占耕地建房行为", "自然资源所", "长期"],
        [3, "守好耕地红线", None, "自然资源所", "年底前"],
    ]
    result = run(str(workbook(tmp_path / "2023.xlsx", rows, ("B2:B3",))))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert list(items) == ["1", "1.1", "1.2", "2"]
    assert items["1"] == {"id": "1", "title": "抓好粮食生产"}
    assert items["1.1"] == {
        "id": "1.1",
        "title": "落实粮食播种面积",
        "lead_unit": "农业股",
        "due": "2023-10",
    }
    assert items["1.2"]["title"] == "严厉打击乱占耕地建房行为" and "due" not in items["1.2"]
    assert items["2"]["title"] == "守好耕地红线"


def test_categories_nest_by_their_numbering_and_tasks_go_under_the_latest(tmp_path, plan_file):
    rows = [
        ["序号", "工作任务", "牵头单位", "完成时限"],
        [None, "（一）没有上级的分类"],
        [1, "任务甲", "党政办", "6月底"],
        [None, "一、第一部分"],
        [None, "（一）目标一"],
        [None, "1. 子目标"],
        [None, "（1）细目"],
        [1, "任务乙", "党政办", "6月底"],
        [None, "（二）目标二"],
        [1, "任务丙", "党政办", "6月底"],
        [None, "二、第二部分"],
        [1, "任务丁", "党政办", "6月底"],
    ]
    assert run(str(workbook(tmp_path / "2023.xlsx", rows))).exit_code == 0
    titles = {i: item["title"] for i, item in items_of(plan_file).items()}
    assert titles == {
        "1": "没有上级的分类",
        "1.1": "任务甲",
        "2": "第一部分",
        "2.1": "目标一",
        "2.1.1": "子目标",
        "2.1.1.1": "细目",
        "2.1.1.1.1": "任务乙",
        "2.2": "目标二",
        "2.2.1": "任务丙",
        "3": "第二部分",
        "3.1": "任务丁",
    }


def test_a_row_with_cells_but_no_title_is_reported(tmp_path, plan_file):
    rows = [["序号", "工作任务", "牵头单位"], [1, "修塘", "水利站"], [2, None, "规划办"], [3]]
    result = run(str(workbook(tmp_path / "2023.xlsx", rows)))
    assert result.exit_code == 1
    assert "Sheet1!B3（工作任务）：发现 （空）；这一行有内容，但没有任务名称" in result.stderr


def test_status_progress_and_figures_are_read_and_bad_ones_reported_together(tmp_path, plan_file):
    rows = [
        ["工作任务", "状态", "进度", "完成值", "目标值", "计量单位", "权重"],
        ["修塘", "已完成（2023-10-20）", 1, 40, 40, "处", 2],
        ["修路", "进行中", 0.6, "12.5公里", 20, "公里", None],
        ["建馆", "开工", 150, "很多", "", None, 0],
    ]
    book = workbook(tmp_path / "2023.xlsx", rows, formats={"C2": "0%", "C3": "0%"})
    result = run(str(book))
    assert result.exit_code == 1
    said = result.stderr
    assert "有 4 个单元格无法读取" in said
    assert (
        "Sheet1!B4（状态）：发现 '开工'；应为状态：未开始、进行中、已完成、受阻 或 已取消" in said
    )
    assert "Sheet1!C4（进度）：发现 150；应为 0 到 100 之间的进度百分数" in said
    assert "Sheet1!D4（完成值）：发现 '很多'；应为数字" in said
    assert "Sheet1!G4（权重）：发现 0；权重应为大于 0 的数字" in said
    rows[3] = ["建馆", "受阻", None, None, None, None, None]
    result = run(str(workbook(tmp_path / "2023.xlsx", rows, formats={"C2": "0%", "C3": "0%"})))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"] == {
        "id": "1",
        "title": "修塘",
        "status": "done",
        "progress": 100,
        "measure": "处",
        "target": 40,
        "actual": 40,
        "done_on": dt.date(2023, 10, 20),
        "weight": 2,
    }
    assert (items["2"]["status"], items["2"]["progress"], items["2"]["actual"]) == (
        "doing",
        60,
        12.5,
    )
    assert items["3"]["status"] == "blocked"


def test_a_figure_in_another_unit_than_the_measure_is_not_read_as_a_number(tmp_path, plan_file):
    rows = [
        ["工作任务", "目标值", "完成值", "计量单位"],
        ["播种", "3万亩", None, "亩"],
        ["修路", 5, "3米", "公里"],
    ]
    result = run(str(workbook(tmp_path / "2023.xlsx", rows)))
    assert result.exit_code == 1
    assert "Sheet1!C3（完成值）：发现 '3米'；单位“米”与计量单位“公里”不一致" in result.stderr
    rows[2][2] = 3
    result = run(str(workbook(tmp_path / "2023.xlsx", rows)))
    assert result.exit_code == 0, result.output
    assert items_of(plan_file)["1"] == {
        "id": "1",
        "title": "播种",
        "measure": "亩",
        "target_text": "3万亩",
    }
    assert "Sheet1!B2 3万亩（亩）" in result.stderr


# ---------------------------------------------------------------- bad files and sheets


def test_files_that_are_not_tables_are_refused_with_what_to_do(tmp_path, plan_file):
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"not a zip at all")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    for path, said in [
        (fake, "它不是有效的 Excel 工作簿"),
        (old, "不能直接读取 .xls 格式的表格，请在 Excel 或 WPS 中“另存为” .xlsx"),
        (tmp_path / "missing.xlsx", "文件不存在"),
        (tmp_path / "notes.pdf", "这是一份文档（PDF 或 RTF），不是表格"),
        (
            tmp_path / "notes.odt",
            "只能导入 .xlsx（Excel 工作簿）、.csv 表格或 .docx（Word 文档）里的表格",
        ),
    ]:
        result = run(str(path))
        assert result.exit_code == 1, (path, result.output)
        assert said in result.stderr and "没有写入任何文件" in result.stderr
        assert "Traceback" not in result.output
    assert not plan_file.exists()


def test_a_header_with_nothing_under_it_is_refused(tmp_path, plan_file):
    result = run(str(workbook(tmp_path / "t.xlsx", [["工作任务", "完成时限"]])))
    assert result.exit_code == 1
    assert "第 1 行是表头，但下面没有任何任务行" in result.stderr


def test_sheet_picks_the_sheet_and_other_sheets_are_mentioned(tmp_path, plan_file):
    first = [["说明"], ["本工作簿第二张表是任务"]]
    tasks = [["工作任务", "完成时限"], ["修塘", "6月底"]]
    others = [["工作任务", "完成时限"], ["修路", "9月底"]]
    book = workbook(
        tmp_path / "2023.xlsx", first, sheet="说明", more={"任务": tasks, "备用": others}
    )
    result = run(str(book))
    assert result.exit_code == 0, result.output
    assert items_of(plan_file)["1"]["title"] == "修塘"
    assert "只导入了工作表“任务”；工作簿中还有 “说明”、“备用”" in result.stderr
    result = run(str(book), "--sheet", "备用", "--force")
    assert result.exit_code == 0 and items_of(plan_file)["1"]["title"] == "修路"
    result = run(str(book), "--sheet", "汇总", "--force")
    assert result.exit_code == 1
    assert "里没有名为“汇总”的工作表。它的工作表有：“说明”、“任务”、“备用”" in result.stderr


def test_errors_are_in_english_with_lang_en(tmp_path, plan_file):
    rows = [["工作任务", "完成时限"], ["修塘", "待定"]]
    result = CliRunner().invoke(
        app, ["--lang", "en", "import", str(workbook(tmp_path / "t.xlsx", rows))]
    )
    assert result.exit_code == 1
    assert "has 1 cell that cannot be read; nothing was written" in result.stderr
    assert "Sheet1!B2 (完成时限): found '待定'; expected a deadline" in result.stderr


# ---------------------------------------------------------------- writing


def test_dry_run_shows_the_tree_and_writes_nothing(breakdown, plan_file):
    result = run(str(breakdown), "--dry-run")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "1 打牢一个基础",
        "  1.1 全力实施乡村振兴战略",
        "    1.1.1 因地制宜发展优势产业",
    ]
    assert lines[3].startswith("        责任：张三 / 农田建设管理股 / 农业股 / 孙永峰")
    assert lines[3].endswith("完成时限：2023-06") and lines[4] == "        目标：500余亩"
    assert "试运行：将从" in result.stdout and "没有写入任何文件" in result.stdout
    assert not plan_file.exists()
    assert sorted(p.name for p in plan_file.parent.iterdir()) == ["分解表.xlsx"]


def test_import_never_overwrites_without_force(breakdown, plan_file):
    plan_file.write_text("# mine\n", encoding="utf-8")
    result = run(str(breakdown))
    assert result.exit_code == 1
    assert "plan.toml 已经存在，没有覆盖。如需覆盖请加 --force" in result.stderr
    assert plan_file.read_text(encoding="utf-8") == "# mine\n"
    dry = run(str(breakdown), "--dry-run")
    assert dry.exit_code == 0 and "已存在：实际导入时要加 --force 才会覆盖" in dry.stdout
    assert plan_file.read_text(encoding="utf-8") == "# mine\n"
    result = run(str(breakdown), "--force")
    assert result.exit_code == 0, result.output
    assert read_plan(plan_file)["item"][0]["title"] == "打牢一个基础"


def test_out_names_where_the_plan_goes_and_never_the_table_itself(breakdown, tmp_path, plan_file):
    folder = tmp_path / "town"
    folder.mkdir()
    result = run(str(breakdown), "--out", str(folder))
    assert result.exit_code == 0, result.output
    assert (
        folder / "plan.toml"
    ).is_file() and f"plan -f {folder / 'plan.toml'} list" in result.stdout
    before = breakdown.read_bytes()
    result = run(str(breakdown), "--out", str(breakdown), "--force")
    assert result.exit_code == 1
    assert "就是要导入的表格文件本身" in result.stderr and breakdown.read_bytes() == before
    result = run(str(breakdown), "--out", str(tmp_path / "nowhere" / "plan.toml"))
    assert result.exit_code == 1 and "无法创建" in result.stderr


def test_title_and_year_options_name_the_plan(breakdown, plan_file):
    result = run(str(breakdown), "--title", "泉湖镇2024年工作计划", "--year", "2024")
    assert result.exit_code == 0, result.output
    plan = read_plan(plan_file)["plan"]
    assert (plan["title"], plan["year"], plan["end"]) == (
        "泉湖镇2024年工作计划",
        2024,
        dt.date(2024, 12, 31),
    )
    assert items_of(plan_file)["1.1.1"]["due"] == "2023-06"  # the cell names its year
    assert items_of(plan_file)["1.1.2"]["due"] == "2024-Q2"  # 二季度: the plan's
    assert run(str(breakdown), "--year", "1800", "--force").exit_code == 2


@pytest.mark.parametrize(
    "args",
    [["--help"], ["status"], ["import", "--help"], ["export", "--help"], ["export"]],
    ids=" ".join,
)
def test_commands_other_than_an_import_or_a_workbook_export_do_not_load_openpyxl(args):
    code = (
        f"import sys; from quanhu_plan.cli import main; sys.argv = ['plan', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('openpyxl' in sys.modules)"
    )
    env = {**os.environ, "PLAN_FILE": str(REPO_PLAN)}  # the test's own cache folder too
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("False")


# ---------------------------------------------------------------- round trips


def _plan_items() -> list[dict[str, Any]]:
    return tomllib.loads(REPO_PLAN.read_text(encoding="utf-8"))["item"]


def test_the_2023_plan_written_as_a_task_breakdown_imports_back_with_the_same_tree(
    tmp_path, plan_file
):
    """Parts as 一、 rows, goals (and tasks directly under a part) as （一） rows, tasks under a
    goal as numbered rows: what a 任务分解表 of the 2023 plan looks like."""
    from quanhu_plan.texts import chinese_numeral

    items = _plan_items()
    parents = {item["id"].rpartition(".")[0] for item in items}
    rows: list[list[Any]] = [
        ["泉湖镇2023年工作计划任务分解表"],
        ["序号", "工作任务", "具体内容", "牵头单位", "完成时限", "计量单位", "基数", "目标值"],
    ]
    for item in items:
        number = int(item["id"].rpartition(".")[2])
        depth = item["id"].count(".")
        fields = [
            item.get("detail"),
            item.get("lead_unit"),
            item.get("due"),
            item.get("measure"),
            item.get("baseline"),
            item.get("target"),
        ]
        if depth == 0:
            rows.append(
                [chinese_numeral(number), f"{chinese_numeral(number)}、{item['title']}", *fields]
            )
        elif depth == 1:
            rows.append([None, f"（{chinese_numeral(number)}）{item['title']}", *fields])
        else:
            assert item["id"] not in parents
            rows.append([number, item["title"], *fields])
    result = run(str(workbook(tmp_path / "分解表.xlsx", rows, ("A1:H1",))))
    assert result.exit_code == 0, result.output
    back = read_plan(plan_file)["item"]
    assert [(i["id"], i["title"]) for i in back] == [(i["id"], i["title"]) for i in items]
    for mine, theirs in zip(back, items, strict=True):
        for field in ("detail", "measure", "baseline", "target"):
            assert mine.get(field) == theirs.get(field), (mine["id"], field)


MONTHLY_HEADER = [
    "序号",
    "工作任务",
    "责任领导",
    "牵头单位",
    "配合单位",
    "责任人",
    "完成时限",
    "目标值",
    "完成值",
    "完成率",
    "序时进度（应完成%）",
    "状态",
    "红黄绿灯",
    "进展情况",
    "存在问题",
    "下一步措施",
]


def test_a_monthly_progress_sheet_imports_to_the_plan_it_describes(tmp_path, plan_file):
    # fmt: off
    rows: list[list[Any]] = [
        ["泉湖镇2023年工作计划推进情况表（截至2023-06-30）"],
        MONTHLY_HEADER,
        ["1", "打牢一个基础", None, None, None, None, None, None, None, "45%"],
        ["1.1", "全力实施乡村振兴战略", "张三", "农业股", None, None, None, None, None, "45%"],
        ["1.1.1", "因地制宜发展优势产业", "张三", "农业股、水利站", "各村", "孙永峰", "2023-06-30", "500余亩", 300, "60%", "50%", "进行中", "绿", "已完成300亩", None, "7月完成剩余面积"],
        ["1.1.2", "依靠改革创新壮大乡村发展新动能", "张三", "经发办", None, "王五", "2023-Q4", None, None, "0%", "50%", "受阻", "红", None, "资金未到位", None],
        ["2", "培育两大产业", None, None, None, None, None, None, None, "100%"],
        ["2.3", "试点建设一批村办集体企业", "李四", "经发办", None, "赵六", "2023-05", "3家", 3, "100%", "100%", "已完成", "绿", "3家企业已注册", None, None],
        ["2.4", "花鼓戏下乡", "李四", "文化站", None, None, "全年", None, None, None, None, "已取消", None, None, "场地未落实", None],
        ["3", "巩固三项改革"],
        ["3.1", "巩固推进乡镇机构改革", None, "党政办", None, None, "长期", None, None, "0%", None, "未开始", "黄"],
    ]
    # fmt: on
    result = run(str(workbook(tmp_path / "推进情况表.xlsx", rows, ("A1:P1",))))
    assert result.exit_code == 0, result.output
    doc = read_plan(plan_file)
    assert doc["plan"]["title"] == "泉湖镇2023年工作计划推进情况表"
    items = {item["id"]: item for item in doc["item"]}
    # The 序号 are the plan's ids, kept as they are (2.3 after 2.2 was removed, say).
    assert list(items) == ["1", "1.1", "1.1.1", "1.1.2", "2", "2.3", "2.4", "3", "3.1"]
    assert items["1"] == {"id": "1", "title": "打牢一个基础"}
    assert items["1.1"] == {
        "id": "1.1",
        "title": "全力实施乡村振兴战略",
        "lead": "张三",
        "lead_unit": "农业股",
    }
    assert items["1.1.1"] == {
        "id": "1.1.1",
        "title": "因地制宜发展优势产业",
        "lead": "张三",
        "lead_unit": ["农业股", "水利站"],
        "support_units": ["各村"],
        "owner": "孙永峰",
        "due": dt.date(2023, 6, 30),
        "status": "doing",
        "measure": "亩",
        "target": 500,
        "target_text": "500余亩",
        "actual": 300,
        "下一步措施": "7月完成剩余面积",
        # 进展情况 is a note dated the day the sheet was made up to (its 截至 date).
        "log": [{"on": dt.date(2023, 6, 30), "note": "已完成300亩"}],
    }
    assert items["1.1.2"] == {
        "id": "1.1.2",
        "title": "依靠改革创新壮大乡村发展新动能",
        "lead": "张三",
        "lead_unit": "经发办",
        "owner": "王五",
        "due": "2023-Q4",
        "status": "blocked",
        "reason": "资金未到位",
    }
    assert items["2.3"]["status"] == "done" and items["2.3"]["actual"] == 3
    assert (items["2.3"]["target"], items["2.3"]["measure"]) == (3, "家")
    assert items["2.4"]["status"] == "dropped" and items["2.4"]["reason"] == "场地未落实"
    assert items["3.1"] == {
        "id": "3.1",
        "title": "巩固推进乡镇机构改革",
        "lead_unit": "党政办",
        "status": "todo",
        "完成时限原文": "长期",  # (no due: the office's words kept)
    }
    assert "“完成率”、“序时进度（应完成%）”、“红黄绿灯” 是由计划算出的数字" in result.stderr


def test_completion_is_the_progress_of_a_task_no_figure_measures(tmp_path, plan_file):
    """完成率 is computed by the plan: from the figure where target and actual say it, else
    from the progress, which it then gives back. A 进度 column of its own comes first."""
    # fmt: off
    rows: list[list[Any]] = [
        ["序号", "工作任务", "目标值", "完成值", "完成率", "状态", "进度"],
        ["1", "修塘", 40, 20, "50%", "进行中", None],     # measured by its figure: not read
        ["2", "修机耕道", None, None, "35%", "进行中", None],  # its progress
        ["3", "宣传", "与经济增长同步", None, "60%", "受阻", None],  # words only: progress
        ["4", "安装路灯", None, None, "100%", "已完成", None],  # done: nothing to add
        ["5", "排查", None, None, "—", "进行中", None],    # not a number: not read
        ["6", "讲座", None, None, "40%", "进行中", "45"],  # 进度 says it
    ]
    # fmt: on
    result = run(str(workbook(tmp_path / "2023表.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert [items[i].get("progress") for i in "123456"] == [None, 35, 60, None, None, 45]
    assert "第 3、4 行的任务没有可比的目标值和完成值，它们的“完成率”就是进度" in result.stderr


def test_a_table_in_english_reads_back_with_its_words(tmp_path, plan_file):
    rows = [
        ["Quanhu 2023 plan (as of 2023-06-30)"],
        ["Organisation: Quanhu Town Government; Scope: 1 Roads"],
        ["No.", "Task", "Lead unit", "Due", "Completion", "Expected by now", "Status", "Light"]
        + ["Progress note", "Problems", "Next steps"],
        ["1", "Roads"],
        ["1.1", "Fix the bridge", "Transport office", "2023-Q3", "40%", "66%", "in progress"]
        + ["red", "Half the deck laid", "Rain", "Finish the deck"],
        ["1.2", "Light the square", "", "", "100%", "49%", "done\n(2023-03-01)", "green"],
        ["1.3", "Paint the school", "", "", "", "", "not started"],
    ]
    result = run(str(csv_file(tmp_path / "t.csv", rows, "utf-8-sig")))
    assert result.exit_code == 0, result.output
    doc = read_plan(plan_file)
    assert {k: doc["plan"][k] for k in ("title", "organisation", "year", "lang")} == {
        "title": "Quanhu 2023 plan",
        "organisation": "Quanhu Town Government",
        "year": 2023,
        "lang": "en",
    }
    items = items_of(plan_file)
    assert items["1.1"] == {
        "id": "1.1",
        "title": "Fix the bridge",
        "lead_unit": "Transport office",
        "due": "2023-Q3",
        "status": "doing",
        "progress": 40,
        "reason": "Rain",
        "Next steps": "Finish the deck",
        "log": [{"on": dt.date(2023, 6, 30), "note": "Half the deck laid"}],
    }
    assert (items["1.2"]["status"], items["1.2"]["done_on"]) == ("done", dt.date(2023, 3, 1))
    assert items["1.3"]["status"] == "todo"


def test_a_csv_cell_guarded_against_formulas_reads_as_its_text(tmp_path, plan_file):
    rows = [
        ["工作任务", "责任人"],
        ["'=1+1", "'@张三"],
        ["'-2+3", "' +王五"],
        ["''引号开头", "李四"],
        ["'一直如此", "赵六"],  # a ' before anything else is the cell's own
    ]
    result = run(str(csv_file(tmp_path / "2023.csv", rows, "utf-8-sig")))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert [(i["title"], i["owner"]) for i in items.values()] == [
        ("=1+1", "@张三"),
        ("-2+3", "+王五"),
        ("'引号开头", "李四"),
        ("'一直如此", "赵六"),
    ]


def test_a_guarded_csv_cell_saved_into_a_workbook_reads_as_its_text(tmp_path, plan_file):
    # Excel and LibreOffice open the exported CSV with the guard ' as a character of the
    # cell, and a Save As .xlsx keeps it: the title came back as '=1+1.
    rows = [
        ["工作任务", "责任人"],
        ["'=1+1", "'@张三"],
        ["'-5%以内的降幅", "李四"],
        ["'一直如此", "赵六"],  # a ' before anything else is the cell's own
    ]
    result = run(str(workbook(tmp_path / "t.xlsx", rows)), "--year", "2023")
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert [(i["title"], i["owner"]) for i in items.values()] == [
        ("=1+1", "@张三"),
        ("-5%以内的降幅", "李四"),
        ("'一直如此", "赵六"),
    ]


def test_progress_notes_are_dated_on_or_today_within_the_plan_year(tmp_path, plan_file):
    rows = [["工作任务", "进展情况"], ["修塘", "已开工"]]
    book = workbook(tmp_path / "t.xlsx", rows)
    assert run(str(book), "--year", "2023", "--on", "2023-03-15").exit_code == 0
    assert items_of(plan_file)["1"]["log"] == [{"on": dt.date(2023, 3, 15), "note": "已开工"}]
    # (today asked on both sides of the run: a run across midnight dates the note either day)
    first = dt.date.today()
    assert run(str(book), "--year", str(first.year), "--force").exit_code == 0
    last = dt.date.today()
    [entry] = items_of(plan_file)["1"]["log"]
    assert (
        entry["note"] == "已开工"
        and entry["on"] in {first, last}
        and entry["on"].year == first.year
    )
    assert run(str(book), "--year", "2021", "--force").exit_code == 0
    assert items_of(plan_file)["1"]["log"] == [{"on": dt.date(2021, 12, 31), "note": "已开工"}]
    assert run(str(book), "--on", "2023-02-30", "--force").exit_code == 2


# ---------------------------------------------------------------- any table


def test_a_sequence_column_keeps_what_is_not_a_number_and_never_overwrites_the_id(
    tmp_path, plan_file
):
    rows = [["id", "task", "due"], ["一", "一、Roads"], ["A-7", "Fix the bridge", "2023-06-30"]]
    result = run(str(workbook(tmp_path / "2023.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"] == {"id": "1", "title": "Roads"}
    assert items["1.1"] == {
        "id": "1.1",
        "title": "Fix the bridge",
        "due": dt.date(2023, 6, 30),
        "id（A列）": "A-7",
    }


def test_an_empty_workbook_says_its_sheet_is_empty(tmp_path, plan_file):
    result = run(str(workbook(tmp_path / "t.xlsx", [], sheet="空表")))
    assert result.exit_code == 1
    assert "工作表“空表”是空的" in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="no FIFOs")
def test_out_is_never_a_fifo_or_the_embedded_plan(breakdown, tmp_path, plan_file):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    result = run(str(breakdown), "--out", str(fifo), "--force")
    assert result.exit_code == 1 and "是一个命名管道（FIFO），计划只能写成普通文件" in result.stderr
    from quanhu_plan.store import embedded_plan_path

    before = embedded_plan_path().read_bytes()
    result = run(str(breakdown), "--out", str(embedded_plan_path()), "--force")
    assert result.exit_code == 1 and "是程序内置的2023年计划，它是只读的" in result.stderr
    assert embedded_plan_path().read_bytes() == before


CELLS = [
    "",
    "一、基础",
    "（二）目标",
    "1.",
    "（1）细目",
    "修塘",
    "农业股、水利站",
    "2023年6月底前",
    "二季度",
    "每月",
    "6月前",
    "长期",
    "2023.1",
    "500余亩",
    "下降10%",
    "与经济增长同步",
    "已完成",
    "开工",
    "60%",
    "150",
    "-3.5",
    "1e400",
    "nan",
    "合计",
    "注：说明",
    "1.2.3",
    "9" * 30,
    "\x1b[2J",
    "a\nb",
    '"',
]
HEADERS = [
    "序号",
    "工作任务",
    "牵头单位",
    "配合单位",
    "完成时限",
    "目标值",
    "完成值",
    "状态",
    "进度",
    "进展情况",
    "计量单位",
    "杂项",
]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8, unique=True),
    rows=st.lists(st.lists(st.sampled_from(CELLS), max_size=9), max_size=8),
)
def test_any_table_is_imported_or_refused_by_cell_never_with_a_traceback(tmp_path, header, rows):
    """Whatever a CSV holds: exit 0 with a plan that reads back, every item with an id and a
    title, or exit 1 with nothing written."""
    import csv
    import io

    text = io.StringIO()
    csv.writer(text).writerows([header, *rows])
    table = tmp_path / "2023.csv"
    table.write_text(text.getvalue(), encoding="utf-8")
    out = tmp_path / "out.toml"
    out.unlink(missing_ok=True)
    result = run(str(table), "--out", str(out))
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    if result.exit_code == 1:
        assert not out.exists() and "没有写入任何文件" in result.stderr
        return
    items = read_plan(out)["item"]
    assert len({item["id"] for item in items}) == len(items)
    assert all(isinstance(item["title"], str) and item["title"].strip() for item in items)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    header=st.lists(st.sampled_from(HEADERS), min_size=2, max_size=6, unique=True),
    rows=st.lists(
        st.lists(
            st.one_of(
                st.sampled_from([c for c in CELLS if "\x1b" not in c]),  # Excel cannot hold ESC
                st.none(),
                st.integers(-10, 3000),
                st.floats(-1e16, 1e16, allow_nan=False),
                st.dates(dt.date(1800, 1, 1), dt.date(3100, 1, 1)),
            ),
            max_size=7,
        ),
        max_size=7,
    ),
    merges=st.lists(
        st.tuples(st.integers(1, 9), st.integers(1, 7), st.integers(0, 3), st.integers(0, 3)),
        max_size=3,
    ),
)
def test_any_workbook_with_merged_cells_is_imported_or_refused_never_with_a_traceback(
    tmp_path, header, rows, merges
):
    ranges: list[str] = []
    taken: set[tuple[int, int]] = set()
    for row, col, down, right in merges:  # merged ranges may not overlap
        cells = {(r, c) for r in range(row, row + down + 1) for c in range(col, col + right + 1)}
        if cells & taken:
            continue
        taken |= cells
        last = openpyxl.utils.get_column_letter(col + right)
        ranges.append(f"{openpyxl.utils.get_column_letter(col)}{row}:{last}{row + down}")
    book = workbook(tmp_path / "2023.xlsx", [header, *rows], tuple(ranges))
    out = tmp_path / "out.toml"
    out.unlink(missing_ok=True)
    result = run(str(book), "--out", str(out))
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    if result.exit_code == 0:
        items = read_plan(out)["item"]
        assert all(isinstance(item["title"], str) and item["title"].strip() for item in items)
    else:
        assert not out.exists()


def test_a_category_written_in_the_sequence_column_is_a_category(tmp_path, plan_file):
    rows = [
        ["序号", "工作任务", "牵头单位"],
        ["一、打牢一个基础", None, None],
        [1, "修塘", "水利站"],
    ]
    result = run(str(workbook(tmp_path / "2023.xlsx", rows)))
    assert result.exit_code == 0, result.output
    assert items_of(plan_file) == {
        "1": {"id": "1", "title": "打牢一个基础"},
        "1.1": {"id": "1.1", "title": "修塘", "lead_unit": "水利站"},
    }


def test_a_merged_cell_reaching_into_a_blank_row_adds_no_row(tmp_path, plan_file):
    rows = [["工作任务", "牵头单位"], ["修塘", "水利站"], ["修路", None], [None, None]]
    result = run(str(workbook(tmp_path / "2023.xlsx", rows, ("B2:B4",))))
    assert result.exit_code == 0, result.output
    assert items_of(plan_file) == {
        "1": {"id": "1", "title": "修塘", "lead_unit": "水利站"},
        "2": {"id": "2", "title": "修路", "lead_unit": "水利站"},
    }


@pytest.mark.parametrize("dry_run", [False, True])
def test_a_sheet_that_would_give_a_plan_breaking_the_format_is_refused(
    tmp_path, plan_file, dry_run
):
    # Dotted 序号 65 levels deep: every cell reads, but plans nest at most 64 levels.
    rows = [["序号", "工作任务", "牵头单位"]]
    rows += [[".".join(["1"] * n), f"任务{n}", "水利站"] for n in range(1, 67)]
    table = csv_file(tmp_path / "deep.csv", rows, "utf-8")
    result = run(str(table), "--year", "2023", *(["--dry-run"] if dry_run else []))
    assert result.exit_code == 1
    assert "导入后的计划有 1 个问题，未写入任何文件" in result.output
    assert "最多嵌套 64 层" in result.output and "Traceback" not in result.output
    assert not plan_file.exists()


# ---------------------------------------------------------------- targets as documents state them


def test_a_fall_to_a_level_is_that_level_and_a_fall_by_an_amount_is_negative(tmp_path, plan_file):
    rows = [
        ["工作任务", "目标值", "计量单位"],
        ["城镇调查失业率", "降低到5.5%以下", "%"],
        ["万元GDP能耗", "下降至0.5吨标准煤", "吨标准煤"],
        ["安全事故", "减少到3起", None],
        ["信访总量", "压减为20件", None],
        ["地区生产总值增速", "下降2.5%", None],
    ]
    result = run(str(workbook(tmp_path / "2023.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    figures = {
        i: (item.get("target"), item.get("measure"), item.get("direction"))
        for i, item in items.items()
    }
    assert figures == {
        "1": (5.5, "%", "down"),
        "2": (0.5, "吨标准煤", "down"),
        "3": (3, "起", "down"),
        "4": (20, "件", "down"),
        "5": (-2.5, "%", "down"),
    }
    assert items["1"]["target_text"] == "降低到5.5%以下"
    assert result.stderr == ""  # 吨标准煤 written out after the number is the measure


def test_a_target_of_zero_is_one_where_less_is_better(tmp_path, plan_file):
    rows = [
        ["工作任务", "目标值", "完成值"],
        ["安全生产事故", "0起", 0],
        ["实现零事故", "零事故", None],
        ["森林火灾", 0, 2],
        ["增速不为负", "不低于0%", None],
        ["实现零的突破", "实现零的突破", None],
    ]
    result = run(str(workbook(tmp_path / "2023.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert {k: v for k, v in items["1"].items() if k != "title"} == {
        "id": "1",
        "measure": "起",
        "target": 0,
        "actual": 0,
        "direction": "down",
    }
    assert (items["2"]["target"], items["2"]["target_text"]) == (0, "零事故")
    assert items["2"]["direction"] == "down" and items["3"]["direction"] == "down"
    # 不低于: at least 0, said (a target of 0 alone counts as less being better)
    assert items["4"]["target"] == 0 and items["4"]["direction"] == "up"
    assert "target" not in items["5"] and "direction" not in items["5"]  # a first, not a zero
    # 0 起 aimed at and 0 reached is reached; 2 fires where none were to be is not.
    shown = CliRunner().invoke(app, ["--lang", "en", "show", "1", "--as-of", "2023-06-30"])
    assert shown.exit_code == 0 and "100%" in shown.output, shown.output
    shown = CliRunner().invoke(app, ["--lang", "en", "show", "3", "--as-of", "2023-06-30"])
    assert shown.exit_code == 0 and "Completion       0%" in shown.output, shown.output


def test_a_seal_note_after_the_organisation_goes_whole(tmp_path, plan_file):
    rows = [
        ["某镇2023年重点工作任务分解表"],
        ["填报单位：某镇人民政府（盖章）   填报时间：2023年7月5日"],
        ["工作任务", "牵头单位"],
        ["修塘", "镇农业综合服务中心（农业股、水利站）"],
    ]
    assert run(str(workbook(tmp_path / "t.xlsx", rows))).exit_code == 0
    assert read_plan(plan_file)["plan"]["organisation"] == "某镇人民政府"
    # 、 inside brackets does not part a name.
    assert items_of(plan_file)["1"]["lead_unit"] == "镇农业综合服务中心（农业股、水利站）"


# ---------------------------------------------------------------- layouts


def _titles(path: Path) -> dict[str, str]:
    return {i: item["title"] for i, item in items_of(path).items()}


def test_units_merged_down_over_a_part_leave_its_category_rows_categories(tmp_path, plan_file):
    rows = [
        ["序号", "工作任务", "牵头单位", "责任人", "完成时限"],
        ["一", "一、农业农村", "农业股", "张三"],
        [None, "（一）粮食生产", None, None],
        [1, "落实播种面积", None, None, "10月底前"],
        [2, "整治抛荒", None, None, "6月底前"],
        [None, "（二）农田建设", None, None],
        [1, "建高标准农田", None, None, "年底前"],
    ]
    book = workbook(tmp_path / "2023.xlsx", rows, ("C2:C7", "D2:D7"))
    result = run(str(book))
    assert result.exit_code == 0, result.output
    assert _titles(plan_file) == {
        "1": "农业农村",
        "1.1": "粮食生产",
        "1.1.1": "落实播种面积",
        "1.1.2": "整治抛荒",
        "1.2": "农田建设",
        "1.2.1": "建高标准农田",
    }
    items = items_of(plan_file)
    assert (items["1.2.1"]["lead_unit"], items["1.2.1"]["owner"]) == ("农业股", "张三")


def test_numbered_rows_at_one_level_are_siblings_and_open_a_goal_only_over_deeper_ones(
    tmp_path, plan_file
):
    rows = [
        ["某县2023年政府工作报告重点任务分解表"],
        ["序号", "工作任务", "牵头领导", "牵头单位", "配合单位", "责任人", "完成时限"],
        ["一", "一、稳增长"],
        [None, "1.推进重点项目建设", None, "发改局", None, None, "年底前"],  # sparse
        [None, "2.规模工业增加值增长8%", "张三", "工信局", "统计局", "李四", "年底前"],
        [None, "3.招商引资", "张三", "商务局", "各乡镇", "王五", "全年"],
        ["二", "二、惠民生"],
        [None, "1.稳就业", "李副县长", "人社局", None, "赵六", "年底前"],  # filled
        [None, "（1）城镇新增就业", None, "人社局", None, None, "年底前"],
        [None, "（2）零就业家庭动态清零", None, "人社局", None, None, "年底前"],
        [None, "2.1 兜底保障", None, "民政局", None, None, "年底前"],
        [None, "2.2 临时救助", None, "民政局", None, None, "年底前"],
    ]
    result = run(str(workbook(tmp_path / "t.xlsx", rows)))
    assert result.exit_code == 0, result.output
    assert _titles(plan_file) == {
        "1": "稳增长",
        "1.1": "推进重点项目建设",
        "1.2": "规模工业增加值增长8%",
        "1.3": "招商引资",
        "2": "惠民生",
        "2.1": "稳就业",
        "2.1.1": "城镇新增就业",
        "2.1.2": "零就业家庭动态清零",
        "2.1.3": "兜底保障",
        "2.1.4": "临时救助",
    }


def test_a_chinese_numbered_row_is_a_category_whatever_cells_it_fills(tmp_path, plan_file):
    rows = [
        ["序号", "工作任务", "牵头单位", "完成时限"],
        ["（一）", "（一）春耕生产", "农业股", "5月底前"],
        [1, "落实播种面积", None, None],
        [2, "发放种子", None, None],
        ["（二）", "（二）秋收", "农业股", "10月底前"],
        [1, "抢收晚稻", None, "9月底前"],
    ]
    result = run(str(workbook(tmp_path / "2023.xlsx", rows)))
    assert result.exit_code == 0, result.output
    assert _titles(plan_file) == {
        "1": "春耕生产",
        "1.1": "落实播种面积",
        "1.2": "发放种子",
        "2": "秋收",
        "2.1": "抢收晚稻",
    }


def test_dotted_numbers_under_category_rows_nest_by_either_reading_or_are_reported(
    tmp_path, plan_file
):
    header = ["序号", "工作任务", "牵头单位", "完成时限"]
    # The category is the first part of the numbers under it: they stay the ids.
    rows = [
        header,
        ["一", "一、产业发展"],
        ["1.1", "任务A", "农业股", "年底前"],
        ["1.2", "任务B", "农业股", "年底前"],
        ["二", "二、民生保障"],
        ["2.1", "任务C", "民政办", "年底前"],
    ]
    result = run(str(workbook(tmp_path / "a.xlsx", rows)), "--year", "2023")
    assert result.exit_code == 0, result.output
    assert _titles(plan_file) == {
        "1": "产业发展",
        "1.1": "任务A",
        "1.2": "任务B",
        "2": "民生保障",
        "2.1": "任务C",
    }
    assert result.stderr == ""
    # The numbers start again under each category: they nest under it, ids by position.
    rows = [
        header,
        [None, "一、产业发展"],
        ["1", "油茶", None, None],
        ["1.1", "新建基地", "林业站", "年底前"],
        ["2", "招商", "经发办", "年底前"],
        [None, "二、民生保障"],
        ["1", "养老", "民政办", "年底前"],
    ]
    result = run(str(workbook(tmp_path / "b.xlsx", rows)), "--year", "2023", "--force")
    assert result.exit_code == 0, result.output
    assert _titles(plan_file) == {
        "1": "产业发展",
        "1.1": "油茶",
        "1.1.1": "新建基地",
        "1.2": "招商",
        "2": "民生保障",
        "2.1": "养老",
    }
    # Neither: reported with the rows, nothing written.
    plan_file.unlink()
    rows = [
        header,
        ["一", "一、产业发展"],
        ["1.1", "任务A", "农业股", "年底前"],
        ["二", "二、民生保障"],
        ["1.2", "任务C", "民政办", "年底前"],
    ]
    result = run(str(workbook(tmp_path / "c.xlsx", rows)), "--year", "2023")
    assert result.exit_code == 1
    assert "看不出二者怎样对应" in result.stderr
    assert "第 4 行“民生保障”之下第 5 行的序号是“1.2”" in result.stderr
    assert "--map 序号=keep" in result.stderr and not plan_file.exists()
    result = run(str(workbook(tmp_path / "c.xlsx", rows)), "--year", "2023", "--map", "序号=keep")
    assert result.exit_code == 0, result.output
    assert list(_titles(plan_file)) == ["1", "1.1", "2", "2.1"]


# ---------------------------------------------------------------- deadlines on categories


def test_a_deadline_on_a_category_row_is_written_onto_its_tasks_that_state_none(
    tmp_path, plan_file
):
    rows = [
        ["序号", "工作任务", "牵头单位", "完成时限", "开工时间"],
        ["（一）", "（一）春耕生产", None, "5月底前", "3月"],
        [1, "落实播种面积", "农业股"],
        [2, "发放种子", "农业股", "4月底前"],
        [3, "农机巡查", "农机站", "长期"],
        ["（二）", "（二）秋收"],
        [1, "抢收晚稻", "农业股"],
    ]
    result = run(str(workbook(tmp_path / "2023.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert (items["1"]["due"], items["1"]["start"]) == ("2023-05", "2023-03")
    assert (items["1.1"]["due"], items["1.1"]["start"]) == ("2023-05", "2023-03")
    assert (items["1.2"]["due"], items["1.2"]["start"]) == ("2023-04", "2023-03")
    assert "due" not in items["1.3"] and items["1.3"]["start"] == "2023-03"  # 长期: none
    assert "due" not in items["2.1"]
    assert "第 2 行（分类行）写的完成时限（或开工时间）已写到其下没有写时限的 3 项任务上" in (
        result.stderr
    )


# ---------------------------------------------------------------- formulas and limits


def test_a_formula_without_a_saved_value_is_reported_by_its_cell(tmp_path, plan_file):
    rows = [
        ["序号", "工作任务", "牵头单位", "完成时限", "目标值", "计量单位"],
        [1, "修路", "交通站", "年底前", "=2*5", "公里"],
        [2, '="修"&"塘"', "水利站", "6月底前", 3, "口"],
    ]
    result = run(str(workbook(tmp_path / "2023.xlsx", rows)))
    assert result.exit_code == 1
    said = result.stderr
    assert "有 2 个单元格无法读取，没有写入任何文件" in said
    assert "Sheet1!E2（目标值）：发现 '=2*5'；这是一个没有保存计算结果的公式" in said
    assert "用 Excel 或 WPS 打开这个工作簿并保存后再导入，或直接填入数值" in said
    assert 'Sheet1!B3（工作任务）：发现 \'="修"&"塘"\'；这是一个没有保存计算结果的公式' in said
    assert "没有任务名称" not in said and not plan_file.exists()


def _patched(book: Path, old: str, new: str) -> Path:
    """The workbook with ``old`` replaced by ``new`` in its first sheet's XML: a stray cell or
    a merged range that openpyxl would take minutes to write cell by cell."""
    import zipfile

    parts = {}
    with zipfile.ZipFile(book) as archive:
        for name in archive.namelist():
            parts[name] = archive.read(name)
    sheet = "xl/worksheets/sheet1.xml"
    assert old.encode() in parts[sheet]
    parts[sheet] = parts[sheet].replace(old.encode(), new.encode())
    with zipfile.ZipFile(book, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return book


TABLE = [["序号", "工作任务", "牵头单位", "完成时限"], [1, "修路", "交通站", "年底前"]]


def test_a_far_styled_cell_or_a_merged_range_down_the_sheet_costs_nothing(tmp_path, plan_file):
    import time

    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    ws = book.active
    for row in TABLE:
        ws.append(row)
    ws["Z1048576"].font = Font(bold=True)  # styled, empty
    ws["XFD1048575"] = " "  # a space: nothing
    ws.merge_cells("L1:M2")
    book.save(tmp_path / "2023.xlsx")
    _patched(tmp_path / "2023.xlsx", 'ref="L1:M2"', 'ref="L1:Z1000000"')
    started = time.monotonic()
    result = run(str(tmp_path / "2023.xlsx"))
    assert result.exit_code == 0, result.output
    assert time.monotonic() - started < 10  # openpyxl's own reading took minutes and gigabytes
    assert items_of(plan_file) == {
        "1": {"id": "1", "title": "修路", "lead_unit": "交通站", "due": dt.date(2023, 12, 31)}
    }


@pytest.mark.parametrize("cell", ["XFD1048576", "A100001", "GS2"], ids=str)
def test_a_value_beyond_the_limits_is_refused_naming_its_cell(tmp_path, plan_file, cell):
    book = openpyxl.Workbook()
    ws = book.active
    for row in TABLE:
        ws.append(row)
    ws[cell] = "x"
    book.save(tmp_path / "2023.xlsx")
    result = run(str(tmp_path / "2023.xlsx"))
    assert result.exit_code == 1
    assert f"工作表“Sheet”在 Sheet!{cell} 有内容，超出了能导入的范围（最多 100000 行、200 列）" in (
        result.stderr
    )
    assert "没有写入任何文件" in result.stderr and "Traceback" not in result.output
    assert not plan_file.exists()


def test_a_csv_table_beyond_the_limits_is_refused(tmp_path, plan_file):
    table = tmp_path / "2023.csv"
    lines = ["工作任务,完成时限", *(f"任务{n},年底前" for n in range(100_000))]
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(str(table))
    assert result.exit_code == 1
    assert "2023.csv!A100001 有内容，超出了能导入的范围" in result.stderr
    table.write_text("工作任务,完成时限" + ",x" * 200 + "\n", encoding="utf-8")
    result = run(str(table), "--force")
    assert result.exit_code == 1 and "2023.csv!GS1 有内容" in result.stderr


# ---------------------------------------------------------------- CSV text


def test_tab_separated_text_under_a_title_line_is_read_as_a_table(tmp_path, plan_file):
    lines = [
        "泉湖镇2023年重点工作任务分解表",
        "序号\t工作任务\t牵头单位\t完成时限",
        "1\t修路\t交通站、水利站\t2023-12-31 00:00:00",
        "2\t修塘\t水利站\t6月底前",
    ]
    table = tmp_path / "任务.txt"
    table.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-16"))
    result = run(str(table))
    assert result.exit_code == 0, result.output
    assert items_of(plan_file)["1"] == {
        "id": "1",
        "title": "修路",
        "lead_unit": ["交通站", "水利站"],
        "due": dt.date(2023, 12, 31),
    }


def test_notes_are_dated_on_the_sheets_as_of_day_even_after_the_plans_year(tmp_path, plan_file):
    rows = [
        ["泉湖镇2023年重点工作推进情况表（截至2024年1月10日）"],
        ["工作任务", "状态", "进展情况"],
        ["修路", "已完成", "已通车"],
    ]
    result = run(str(workbook(tmp_path / "t.xlsx", rows)))
    assert result.exit_code == 0, result.output
    assert read_plan(plan_file)["plan"]["year"] == 2023
    assert items_of(plan_file)["1"]["log"] == [{"on": dt.date(2024, 1, 10), "note": "已通车"}]


# ---------------------------------------------------------------- after writing


def test_the_import_says_what_plan_check_would_point_out(tmp_path, plan_file):
    rows = [
        ["序号", "工作任务", "牵头单位", "完成时限", "开工时间"],
        [1, "冬修水利", "水利站", "2023年12月-2024年1月"],
        [2, "修路", "交通站", "2024年6月底前"],
        [3, "修塘", "水利站", "6月底前", "9月"],
        [4, "建馆", "文化站", "年底前"],
    ]
    book = workbook(tmp_path / "2023.xlsx", rows)
    dry = run(str(book), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "注意：导入的计划有 3 处值得留意（plan check 也会列出；请核对表格）" in dry.stderr
    result = run(str(book))
    assert result.exit_code == 0, result.output
    said = result.stderr
    assert "导入的计划有 3 处值得留意" in said
    assert (
        "事项 1，字段 due：发现 '2024-01'；完成时限晚于计划结束 2023-12-31。（表格第 2 行）" in said
    )
    assert (
        "事项 2，字段 due：发现 '2024-06'；完成时限晚于计划结束 2023-12-31。（表格第 3 行）" in said
    )
    assert "事项 3，字段 start：发现 '2023-09'；开工日期晚于完成时限。（表格第 4 行）" in said
    checked = CliRunner().invoke(app, ["check", str(plan_file)])
    assert checked.exit_code == 0 and "另有 3 处值得留意" in checked.output


def test_the_file_option_is_where_the_import_goes_and_the_closing_line_names_the_file(
    tmp_path, plan_file, monkeypatch
):
    book = workbook(tmp_path / "2023.xlsx", TABLE)
    result = CliRunner().invoke(app, ["-f", "mine.toml", "import", str(book)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "mine.toml").is_file() and not plan_file.exists()
    assert "写入 mine.toml。用 plan -f mine.toml list 查看。" in result.stdout
    # $PLAN_FILE names another plan: the import goes to ./plan.toml, and says how to see it.
    monkeypatch.setenv("PLAN_FILE", str(tmp_path / "office.toml"))
    result = run(str(book))
    assert result.exit_code == 0, result.output
    assert plan_file.is_file() and not (tmp_path / "office.toml").exists()
    assert "写入 plan.toml。用 plan -f plan.toml list 查看。" in result.stdout
    monkeypatch.delenv("PLAN_FILE")
    result = run(str(book), "--out", "next.toml")
    assert result.exit_code == 0, result.output
    assert "用 plan -f next.toml list 查看。" in result.stdout
    assert "写入 plan.toml。用 plan list 查看。" in run(str(book), "--force").stdout


# ---------------------------------------------------------------- milestones


def test_quarterly_progress_columns_become_milestones(tmp_path, plan_file):
    rows = [
        ["序号", "工作任务", "完成时限", "目标值", "计量单位", "季度形象进度", None, None, None],
        [None, None, None, None, None, "一季度", "二季度", "三季度", "四季度"],
        ["一", "一、基础设施", None, None, None, "10%", "30%", "60%", "100%"],
        [1, "修路", "年底前", 20, "公里", 2, 5, "12公里", 20],
        [2, "修塘", "9月底前", None, None, "10%", "50%", "100%", None],
        [3, "建馆", "年底前", None, None, "完成设计", "开工", "主体完工", "交付"],
        [4, "绿化", "年底前", 100, "亩", None, "30亩", "60万亩", None],
    ]
    merges = ("A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:E2", "F1:I1")
    result = run(str(workbook(tmp_path / "2023.xlsx", rows, merges)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1.1"]["milestone"] == [
        {"due": "2023-Q1", "value": 2},
        {"due": "2023-Q2", "value": 5},
        {"due": "2023-Q3", "value": 12},
        {"due": "2023-Q4", "value": 20},
    ]
    assert items["1.2"]["milestone"] == [
        {"due": "2023-Q1", "progress": 10},
        {"due": "2023-Q2", "progress": 50},
        {"due": "2023-Q3", "progress": 100},
    ]
    # Words stay as written; so do a figure in another unit and a category's own figures.
    assert "milestone" not in items["1.3"] and items["1.3"]["季度形象进度/一季度"] == "完成设计"
    assert items["1.4"]["milestone"] == [{"due": "2023-Q2", "value": 30}]
    assert items["1.4"]["季度形象进度/三季度"] == "60万亩"
    assert items["1"]["季度形象进度/一季度"] == "10%"
    assert "原样保留在同名字段里（第 3、6、7 行）" in result.stderr
    checked = CliRunner().invoke(app, ["check", str(plan_file)])
    assert checked.exit_code == 0 and "值得留意" not in checked.output, checked.output
    shown = CliRunner().invoke(app, ["show", "1.2", "--as-of", "2023-05-01"])
    assert shown.exit_code == 0 and "2023-Q2" in shown.output, shown.output


def test_month_end_columns_are_milestones_in_the_plans_year(tmp_path, plan_file):
    rows = [
        ["工作任务", "完成时限", "3月底", "6月30日", "9月"],
        ["修塘", "年底前", "20%", "50%", "80%"],
    ]
    result = run(str(workbook(tmp_path / "t.xlsx", rows)), "--year", "2024")
    assert result.exit_code == 0, result.output
    assert items_of(plan_file)["1"]["milestone"] == [
        {"due": "2024-03", "progress": 20},
        {"due": dt.date(2024, 6, 30), "progress": 50},
        {"due": "2024-09", "progress": 80},
    ]


# ---------------------------------------------------------------- review fixes


def test_stray_values_in_other_sheets_neither_cost_memory_nor_stop_the_import(tmp_path, plan_file):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "任务"
    for row in TABLE:
        ws.append(row)
    for n in range(6):
        book.create_sheet(f"数据{n}")["GR99999"] = "x"  # a far corner of a full grid each
    book.create_sheet("人口")["A150000"] = "x"  # beyond the limits, in a sheet not imported
    book.save(tmp_path / "2023.xlsx")
    for args in ([], ["--sheet", "任务"]):
        result = run(str(tmp_path / "2023.xlsx"), "--force", *args)
        assert result.exit_code == 0, result.output
    assert [item["title"] for item in items_of(plan_file).values()] == ["修路"]
    from quanhu_plan.importing.sheets import read_sheets

    sheets = read_sheets(tmp_path / "2023.xlsx")
    # Rows as long as their last value: a far value is one row of 200 cells, not a grid.
    assert sum(len(row) for sheet in sheets for row in sheet.rows) < 2_000
    assert sheets[-1].beyond == (149_999, 0)


def test_a_hidden_sheet_is_not_taken_for_the_table(tmp_path, plan_file):
    old = [["序号", "工作任务", "牵头单位", "完成时限"], [1, "去年的任务", "交通站", "年底前"]]
    path = workbook(tmp_path / "2023.xlsx", old, sheet="去年", more={"今年": TABLE})
    book = openpyxl.load_workbook(path)
    book["去年"].sheet_state = "hidden"
    book.active = 1
    book.save(path)
    assert run(str(path)).exit_code == 0
    assert [item["title"] for item in items_of(plan_file).values()] == ["修路"]
    assert run(str(path), "--sheet", "去年", "--force").exit_code == 0  # named: read
    assert [item["title"] for item in items_of(plan_file).values()] == ["去年的任务"]


def test_a_formula_the_import_does_not_read_does_not_stop_it(tmp_path, plan_file):
    rows = [
        ["推进情况表", None, None, None, None, "=TODAY()"],
        ["序号", "工作任务", "目标值", "完成值", "完成率", "序时进度"],
        [1, "修塘", 10, 5, "=D3/C3", "=50%"],
        [None, "合计", "=SUM(C3:C3)", "=SUM(D3:D3)"],
    ]
    assert run(str(workbook(tmp_path / "2023.xlsx", rows))).exit_code == 0
    assert items_of(plan_file)["1"]["actual"] == 5
    rows[2][3] = "=2+3"  # a figure read: reported
    result = run(str(workbook(tmp_path / "2023.xlsx", rows)), "--force")
    assert result.exit_code == 1
    assert "Sheet1!D3（完成值）：发现 '=2+3'；这是一个没有保存计算结果的公式" in result.stderr


def test_a_vertical_tab_or_line_separator_in_a_csv_cell_stays_in_the_cell(tmp_path, plan_file):
    table = tmp_path / "2023.csv"
    table.write_text(
        "工作任务,牵头单位,完成时限,备注\n修路,交通站,6月底,第一段\x0b第二段\u2028第三段\n"
        "修塘,水利站,9月底,\n",
        encoding="utf-8",
    )
    assert run(str(table)).exit_code == 0
    items = items_of(plan_file)
    assert [item["title"] for item in items.values()] == ["修路", "修塘"]
    assert items["1"]["备注"].startswith("第一段") and "第三段" in items["1"]["备注"]


def test_rows_numbered_by_a_plain_seq_are_siblings_whatever_opens_between(tmp_path, plan_file):
    rows = [
        ["序号", "工作任务", "牵头单位", "完成时限"],
        ["一", "一、产业发展"],
        [None, "（一）农业"],
        [1, "粮食生产", "农业股", "6月底"],
        [None, "（1）早稻", "农业股", "7月底"],
        [None, "（2）晚稻"],  # a heading row: it opens
        [None, "再生稻", "农业股", "10月底"],
        [2, "油菜", "农业股", "5月底"],
    ]
    assert run(str(workbook(tmp_path / "2023.xlsx", rows))).exit_code == 0
    titles = {i: item["title"] for i, item in items_of(plan_file).items()}
    assert titles["1.1.4"] == "油菜"  # beside 粮食生产, never under 晚稻
    assert titles["1.1.3.1"] == "再生稻"


@pytest.mark.parametrize(
    ("written", "target", "down"),
    [
        ("增长0%", 0, False),
        ("与去年持平，增长0%", 0, False),
        ("0起", 0, True),
        ("控制在0", 0, True),
        ("零事故", 0, True),
        ("对违法建设零容忍", None, False),
        ("实现零增长", None, False),
    ],
)
def test_a_target_of_zero_is_a_limit_only_where_nothing_says_growth(written, target, down):
    from quanhu_plan.importing.values import read_target

    found = read_target(written)
    assert (found.value, found.down) == (target, down)
