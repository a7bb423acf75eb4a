"""Session 23, E: what the office sees of the year-end report (Word) and the 推进情况表 (Excel)
once they are printed on A4: the files as `plan report --format docx` and `plan export` write
them, read back with python-docx and openpyxl. Each test shows one thing an office would have
mended by hand before printing."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


# ------------------------------------------- a name in the Word ledger is never broken in two

# 城东街道's 清单 (tests/test_trial_s22.py) as imported, and a task of the 2023 plan with its
# unit and owner: long task titles beside short names.
_STREET = [
    {"id": "1", "title": "聚力做好党建文章，推动高质量党建突破攀升"},
    {
        "id": "1.1",
        "title": "提升村级规范化建设。梳理制定《城东街道村级规范化手册》",
        "lead": "党工委副书记",
        "lead_unit": "党建工作办公室",
        "due": dt.date(2025, 12, 31),
    },
    {
        "id": "1.2",
        "title": "实施“城东合伙人”优化提质工程。拟新发展第4期“城东合伙人”170家、调整85家",
        "lead": "党工委委员、组织委员",
        "lead_unit": "党建工作办公室",
        "progress": 45,
    },
    {
        "id": "1.3",
        "title": "因地制宜发展优势产业",
        "lead": "王建国",
        "lead_unit": "农业综合服务中心",
        "owner": "李明",
        "status": "done",
        "done_on": dt.date(2025, 5, 20),
    },
]

_POINT_MM = 25.4 / 72
_CELL_PADDING_MM = 3.8  # Table Grid's cell margins, 1.9 mm a side


def _one_line_mm(text: str) -> float:
    """About the width of a cell that holds ``text`` on one line in the ledger's 五号: a 汉字
    (or a full-width mark) an em, any other character about half of one."""
    from unicodedata import east_asian_width

    ems = sum(1.0 if east_asian_width(ch) in "WFA" else 0.55 for ch in text)
    return ems * 10.5 * _POINT_MM + _CELL_PADDING_MM


def _names(cell: str) -> list[str]:
    """The names a 责任 cell holds, each with the mark that follows it (党工委委员、 组织委员;
    农业综合服务中心/ 李明): Word may break a line between two of them, never inside one."""
    return [name.strip() for name in re.findall(r"[^、/\n]+[、/]?", cell) if name.strip()]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ledger_keeps_each_leader_and_unit_name_on_one_line(plan_file, tmp_path, lang):
    # Printed, the ledger broke 王建/国 and 张志/强 (English), 党建/工作/办公/室 over four lines
    # beside a Status column half empty, and 农业综合服务中心 with its slash alone on the line
    # under it: the 责任 columns were as narrow as one 汉字 would allow.
    import docx

    write_plan(plan_file, _STREET, title="城东街道2025年重点工作", year=2025, lang=lang)
    out = tmp_path / "总结.docx"
    code, output = run("report", "--as-of", "2025-06-30", "-o", str(out))
    assert code == 0, output
    table = docx.Document(str(out)).tables[0]
    widths = [column.width.mm for column in table.columns]
    header = [re.sub(r"\s", "", cell.text) for cell in table.rows[0].cells]
    names = ("责任领导", "责任单位/责任人") if lang == "zh" else ("Lead", "Unit/owner")
    broken = []
    for column in (header.index(name) for name in names):
        for row in table.rows[1:-1]:  # (-1: the note's row, report/docx_note.py)
            cell = row.cells[column].text
            broken += [
                (name, round(widths[column], 1))
                for name in _names(cell)
                if _one_line_mm(name) > widths[column]
            ]
    assert broken == []
    assert sum(widths) == pytest.approx(225, abs=0.1)  # the table as wide as it was


def test_a_crowded_english_ledger_still_keeps_a_persons_name_whole(plan_file, tmp_path):
    # In English every column is shown (Target / actual, Due, Done on at their widths): no room
    # for each unit's name whole. 农业综合服务中心 may break; 王建国 and 张志强 broke too (王建 / 国).
    import docx

    items = [dict(item) for item in _STREET]
    for item in items[1:]:
        item.update(lead="张志强", lead_unit="文化旅游服务中心", owner="陈红")
        item.update(due=dt.date(2025, 10, 31), measure="万元", target=500, actual=320)
    items[3].update(lead="王建国", lead_unit="农业综合服务中心", support_units=["财政所"])
    write_plan(plan_file, items, title="城东街道2025年重点工作", year=2025, lang="en")
    out = tmp_path / "report.docx"
    code, output = run("report", "--as-of", "2025-06-30", "-o", str(out))
    assert code == 0, output
    table = docx.Document(str(out)).tables[0]
    header = [re.sub(r"\s", "", cell.text) for cell in table.rows[0].cells]
    assert "Target/actual" in header and "Doneon" in header  # the crowded case
    lead = header.index("Lead")
    width = table.columns[lead].width.mm
    leaders = {
        row.cells[lead].text for row in table.rows[1:-1]
    }  # (-1: the note's row, report/docx_note.py)
    assert leaders == {"张志强", "王建国"}
    assert all(_one_line_mm(name) <= width for name in leaders), width


# ------------------------------- 序号 1, 1.1 in the 推进情况表 are text, and Excel is told so


def test_export_tells_excel_its_numbers_like_序号_are_text_on_purpose(town_plan, tmp_path):
    # Opened in Excel, every 序号 of a part or goal (1, 1.1, 2.2) had the green triangle of
    # "number stored as text", and its offer "convert to number" turns 2.10 into 2.1: the
    # sheet now says these cells are text on purpose (ignoredErrors), as Excel records it
    # when the office clicks "ignore error".
    import zipfile

    from openpyxl import load_workbook

    out = tmp_path / "推进情况表.xlsx"
    code, output = run("export", "--as-of", "2023-06-30", "-o", str(out))
    assert code == 0, output
    sheet = load_workbook(out).active
    header = next(cell.row for cell in sheet["A"] if cell.value == "序号")
    like_numbers = [
        cell.coordinate
        for cell in sheet["A"][header:]
        if isinstance(cell.value, str) and re.fullmatch(r"\d+(\.\d+)?", cell.value)
    ]
    assert "A4" in like_numbers and len(like_numbers) > 10  # 1, 1.1, 2, 2.1 …
    with zipfile.ZipFile(out) as book:
        xml = book.read("xl/worksheets/sheet1.xml").decode()
    ignored = re.search(r'<ignoredError sqref="([^"]+)" numberStoredAsText="1"\s*/>', xml)
    assert ignored, xml[-400:]
    first, last = ignored.group(1).split(":")
    assert first == f"A{header + 1}" and int(last[1:]) == sheet.max_row
    # The part of the sheet the schema puts it in: after the page setup and its footer.
    assert xml.index("<ignoredErrors>") > xml.index("</headerFooter>")
    assert xml.rstrip().endswith("</ignoredErrors></worksheet>")


# ------------------------------------------- the body set 两端对齐, as a 公文's is


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chinese_report_body_is_justified_and_no_table_cell_takes_it(town_plan, tmp_path, lang):
    # Printed, the body's right edge was ragged (each line of 汉字 and figures ending where
    # it happened to, 红 / 灯。 a character short of the margin): a 公文 is set 两端对齐, and the
    # office set it by hand. The ledger's cells keep their own alignment: justified, an
    # English cell's few words stood spaced across a narrow column. (An English report stays
    # left-aligned: justified, the 汉字 of a name before a long word stood spread apart.)
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    out = tmp_path / "总结.docx"
    code, output = run("--lang", lang, "report", "--as-of", "2023-06-30", "-o", str(out))
    assert code == 0, output
    document = docx.Document(str(out))
    body_alignment = document.styles["Normal"].paragraph_format.alignment
    assert body_alignment == (WD_ALIGN_PARAGRAPH.JUSTIFY if lang == "zh" else None)
    body = [p for p in document.paragraphs if p.style.name == "Normal" and len(p.text) > 20]
    assert len(body) > 5
    assert {p.alignment for p in body} == {None}  # (the style's)
    cells = [p for row in document.tables[0].rows for c in row.cells for p in c.paragraphs]
    assert WD_ALIGN_PARAGRAPH.JUSTIFY not in {p.alignment for p in cells}
    assert None not in {p.alignment for p in cells}  # none takes the body's


# --------------------------- a target as the plan words it is one phrase in the 推进情况表


def test_export_keeps_a_target_as_worded_on_one_line(town_plan, tmp_path):
    # Printed, 5.5.1's target 3.3万亩以上 came out 3.3万亩以 / 上 (and on Excel's 宋体 3.3万 /
    # 亩以上, the figure parted from its unit): the 目标值 column was squeezed to four 汉字 to
    # keep the sheet within the page, beside a 工作任务 column with room to give.
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    for change in (
        ("edit", "5.5.1", "--target", "3.3", "--target-text", "3.3万亩以上"),
        ("edit", "1.1.2", "--lead", "王建国", "--unit", "经济发展办", "--owner", "李明"),
        ("edit", "1.1.2", "--support", "财政所", "--support", "各村（社区）"),
        ("done", "1.1.1", "--on", "2023-05-20", "-e", "泉湖镇优势产业发展方案.pdf"),
        (
            "note",
            "5.1",
            "宁电入湘工程泉湖段塔基征地已完成87基，剩余3基因户主外出务工暂未签订协议。",
        ),
        ("block", "5.2", "-r", "衡永高速泉湖段征拆工作涉及坟墓迁移142座，群众意见较大。"),
    ):
        code, output = run(*change)
        assert code == 0, output
    out = tmp_path / "推进情况表.xlsx"
    code, output = run("export", "-o", str(out))
    assert code == 0, output
    sheet = load_workbook(out).active
    header = next(row for row in sheet.iter_rows() if row[0].value == "序号")
    column = next(cell.column for cell in header if cell.value == "目标值")
    width = sheet.column_dimensions[get_column_letter(column)].width
    targets = [row[0] for row in sheet.iter_rows(min_col=column, max_col=column, values_only=True)]
    assert "3.3万亩以上" in targets
    assert _sheet_width("3.3万亩以上") + 2 <= width


def _sheet_width(text: str) -> int:
    """Columns of the sheet ``text`` takes: a 汉字 or full-width mark 2, any other 1."""
    from unicodedata import east_asian_width

    return sum(2 if east_asian_width(ch) in "WFA" else 1 for ch in text)
