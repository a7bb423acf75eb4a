"""Attacks of session 42 (C): the office's Excel ledger and Word report as they really come —
files damaged or renamed on their way (a USB stick pulled out, an .ods from LibreOffice, a
.docx named .xlsx), a ledger whose goal row states its own figures over sub-points, and an
English table's notes."""

from __future__ import annotations

import datetime as dt
import io
import struct
import tomllib
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def _ledger(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "工作台账"
    ws.append(["泉湖镇2023年重点工作台账"])
    ws.append(["序号", "工作任务", "牵头单位", "责任人", "完成时限", "目标值", "完成值"])
    ws.append(["1", "修建村道", "交通站", "李四", "2023年6月底", "5公里", "3"])
    wb.save(path)
    return path


def _damaged(data: bytes, member: str) -> bytes:
    """``data`` (a zip package) with ``member``'s deflated data made to fail inflating: its
    first byte a block of the reserved type (BFINAL 1, BTYPE 11), as a write cut off in the
    middle or a sector overwritten leaves a part — zlib.error, not a zip the module refuses."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo(member)
    assert info.compress_type == zipfile.ZIP_DEFLATED
    start = info.header_offset
    name_length, extra_length = struct.unpack("<HH", data[start + 26 : start + 30])
    at = start + 30 + name_length + extra_length
    return data[:at] + b"\x07" + data[at + 1 :]


def _one_paragraph_refusal(result, name: str) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1, result.output
    # (a traceback under CliRunner is an exception left to it, exit code 1 too)
    assert isinstance(result.exception, SystemExit | None), repr(result.exception)
    said = result.stderr.strip()
    assert said.count("\n") == 0, said  # one paragraph
    assert name in said and "没有写入任何文件" in said
    # The office is told what the file is, never the Python exception that met it.
    for jargon in ("BadZipFile", "KeyError", "zlib", "Error -3", "OSError", "ValueError"):
        assert jargon not in said, said
    return said


# ---------------------------------------------------------------- damaged and renamed files


def test_a_workbook_whose_sheet_does_not_inflate_is_refused_not_a_traceback(
    tmp_path: Path, plan_file: Path
) -> None:
    """A workbook cut or overwritten in the middle: zipfile opens it, but a sheet's deflated
    data does not inflate (zlib.error). It was a traceback; it is a one-paragraph refusal."""
    good = _ledger(tmp_path / "good.xlsx").read_bytes()
    (tmp_path / "台账.xlsx").write_bytes(_damaged(good, "xl/worksheets/sheet1.xml"))
    said = _one_paragraph_refusal(run("import", "台账.xlsx"), "台账.xlsx")
    assert "文件已损坏" in said and "另存为 .xlsx" in said
    assert not plan_file.exists()
    english = run("--lang", "en", "import", "台账.xlsx")
    assert english.exit_code == 1 and "Traceback" not in english.output
    assert "the file is damaged" in english.stderr


def test_a_word_document_that_does_not_inflate_is_refused_not_a_traceback(
    tmp_path: Path, plan_file: Path
) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    rows = [["序号", "工作任务", "牵头单位"], ["1", "修塘", "水利站"]]
    for row, texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    (tmp_path / "分解表.docx").write_bytes(_damaged(buffer.getvalue(), "word/document.xml"))
    said = _one_paragraph_refusal(run("import", "分解表.docx"), "分解表.docx")
    assert "它不是有效的 Word 文档：文件已损坏" in said and "另存为 .docx" in said
    assert not plan_file.exists()


def _ods() -> bytes:
    """An OpenDocument spreadsheet's package as LibreOffice writes one (mimetype first)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
        archive.writestr("META-INF/manifest.xml", "<manifest:manifest/>")
    return buffer.getvalue()


def test_an_ods_renamed_xlsx_is_named_as_what_it_is(tmp_path: Path, plan_file: Path) -> None:
    """LibreOffice's .ods renamed .xlsx was "not a valid Excel workbook (KeyError)"."""
    (tmp_path / "台账.xlsx").write_bytes(_ods())
    said = _one_paragraph_refusal(run("import", "台账.xlsx"), "台账.xlsx")
    assert "它其实是一个 OpenDocument 表格（.ods" in said
    assert "“另存为” .xlsx（Excel 工作簿）" in said
    english = run("--lang", "en", "import", "台账.xlsx")
    assert "it is really an OpenDocument spreadsheet (.ods" in english.stderr
    # Named .docx, it is still saved as a workbook, not as a document.
    (tmp_path / "台账.docx").write_bytes(_ods())
    said = _one_paragraph_refusal(run("import", "台账.docx"), "台账.docx")
    assert "OpenDocument 表格" in said and "“另存为” .xlsx（Excel 工作簿）" in said
    assert not plan_file.exists()


def test_a_word_document_and_a_workbook_swapped_names_are_told_to_rename(
    tmp_path: Path, plan_file: Path
) -> None:
    """A .docx named .xlsx was "not a valid Excel workbook (OSError)", an .xlsx named .docx
    "not a valid Word document (ValueError)": each is what plan import reads, under its name."""
    document = docx.Document()
    document.add_paragraph("附件")
    document.save(tmp_path / "分解表.xlsx")
    said = _one_paragraph_refusal(run("import", "分解表.xlsx"), "分解表.xlsx")
    assert "它其实是一个 Word 文档（.docx）" in said and "把扩展名改回 .docx" in said
    _ledger(tmp_path / "台账.docx")
    said = _one_paragraph_refusal(run("import", "台账.docx"), "台账.docx")
    assert "它其实是一个 Excel 工作簿（.xlsx）" in said and "把扩展名改回 .xlsx" in said
    assert not plan_file.exists()


@pytest.mark.parametrize(
    "content",
    [
        "序号,工作任务,牵头单位\r\n1,修建村道,交通站\r\n".encode(),
        "序号\t工作任务\t牵头单位\r\n1\t修建村道\t交通站\r\n".encode("gb18030"),
        "序号\t工作任务\t牵头单位\r\n1\t修建村道\t交通站\r\n".encode("utf-16"),
    ],
    ids=["csv utf-8", "tsv gbk", "tsv utf-16"],
)
def test_a_text_table_named_xlsx_is_told_to_be_named_csv(
    tmp_path: Path, plan_file: Path, content: bytes
) -> None:
    """A system's "export to Excel" that writes a CSV or tab-separated text under an .xlsx
    name was "damaged"; it is a text table, read once named .csv."""
    (tmp_path / "导出.xlsx").write_bytes(content)
    said = _one_paragraph_refusal(run("import", "导出.xlsx"), "导出.xlsx")
    assert "它其实是一个文本表格（CSV" in said and "把扩展名改为 .csv 后再导入" in said
    assert "已损坏" not in said
    assert not plan_file.exists()
    (tmp_path / "导出.csv").write_bytes(content)
    assert run("import", "导出.csv", "--year", "2023").exit_code == 0


@pytest.mark.parametrize("name", ["台账.xlsx", "分解表.docx"])
@pytest.mark.parametrize("content", [b"", b"\0" * 4096], ids=["no bytes", "zeros"])
def test_an_empty_file_is_said_to_be_empty(
    tmp_path: Path, plan_file: Path, name: str, content: bytes
) -> None:
    """A file of no bytes (a copy broken off) or of zeros (a save cut by a power cut leaves
    the space taken and nothing written) was "not valid (BadZipFile)"."""
    (tmp_path / name).write_bytes(content)
    said = _one_paragraph_refusal(run("import", name), name)
    assert f"文件是空的（{len(content)} 字节，没有内容）" in said
    assert not plan_file.exists()


# ---------------------------------------------------------------- enclosed numerals


def test_enclosed_numerals_number_the_rows_and_leave_the_titles(
    tmp_path: Path, plan_file: Path
) -> None:
    """⑴ ⒈ ㈠ — one character each, as Word's numbering and the input methods write （1） 1.
    （一） — stayed in the titles (⑴新建茶园500亩) and did not nest the rows they number."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["泉湖镇2023年重点工作任务清单"])
    ws.append(["序号", "工作任务", "牵头单位", "完成时限"])
    for row in [
        ["一、", "一、产业发展", None, None],
        ["1．", "1．发展特色农业", None, None],
        ["⑴", "⑴新建茶园500亩", "农业办", "10月底"],
        ["⑵", "⑵改造低产茶园300亩", "农业办", "11月底"],
        ["二", "社会治理", None, None],
        ["㈠", "㈠矛盾纠纷化解", None, None],
        ["⒈", "开展矛盾纠纷排查", "综治办", "6月底"],
        ["⒉", "创建平安村", "综治办", "年底前"],
        ["㈡", "平安建设", None, None],
        ["1", "打造精品民宿3家", "文旅办", "年底前"],
    ]:
        ws.append(row)
    wb.save(tmp_path / "清单.xlsx")
    result = run("import", "清单.xlsx")
    assert result.exit_code == 0, result.output
    plan = tomllib.loads(plan_file.read_text(encoding="utf-8"))
    titles = {item["id"]: item["title"] for item in plan["item"]}
    assert titles == {
        "1": "产业发展",
        "1.1": "发展特色农业",
        "1.1.1": "新建茶园500亩",
        "1.1.2": "改造低产茶园300亩",
        "2": "社会治理",
        "2.1": "矛盾纠纷化解",
        "2.1.1": "开展矛盾纠纷排查",
        "2.1.2": "创建平安村",
        "2.2": "平安建设",
        "2.2.1": "打造精品民宿3家",
    }


# ---------------------------------------------------------------- a 单位 column of offices


def _units_ledger(path: Path, unit_header: str, extra: list[str] | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "工作台账"
    ws.append(["泉湖镇2023年重点工作台账"])
    ws.append(["序号", "工作任务", unit_header, "责任人", "完成时限", "目标值", *(extra or [])])
    ws.append(
        ["1", "修建村道5公里", "交通站", "李四", "6月底", "5公里", *(["党政办"] if extra else [])]
    )
    ws.append(
        ["2", "整治河道", "水利站、农业办", "王五", "9月底", None, *([None] if extra else [])]
    )
    ws.append(["3", "创建平安村", "综治办", "赵六", "年底前", "3个", *([None] if extra else [])])
    wb.save(path)
    return path


def test_a_unit_column_naming_offices_is_the_lead_unit(tmp_path: Path, plan_file: Path) -> None:
    """工作任务 | 单位 | 责任人 with 交通站: read as the measure, the lead unit was lost and each
    target kept as words alone (5公里（交通站）: another unit than the measure's)."""
    _units_ledger(tmp_path / "台账.xlsx", "单位")
    result = run("import", "台账.xlsx")
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())
    assert "“单位”一列的 3 格中有 3 格写的是单位名称（如“交通站”），读作牵头单位" in said
    assert "--map 单位=measure" in said
    assert "目标值的单位与计量单位不同" not in said
    items = tomllib.loads(plan_file.read_text(encoding="utf-8"))["item"]
    assert [item.get("lead_unit") for item in items] == ["交通站", ["水利站", "农业办"], "综治办"]
    assert [(item.get("target"), item.get("measure")) for item in items] == [
        (5, "公里"),
        (None, None),
        (3, "个"),
    ]
    # Beside a 牵头单位 column it is the supporting units; --map 单位=measure keeps the measure.
    _units_ledger(tmp_path / "台账2.xlsx", "单位", ["牵头单位"])
    assert run("import", "台账2.xlsx", "--out", "p2.toml").exit_code == 0
    first = tomllib.loads((tmp_path / "p2.toml").read_text(encoding="utf-8"))["item"][0]
    assert (first["lead_unit"], first["support_units"]) == ("党政办", ["交通站"])
    mapped = run("import", "台账.xlsx", "--out", "p3.toml", "--map", "单位=measure")
    assert mapped.exit_code == 0 and "读作牵头单位" not in mapped.stderr
    assert 'measure = "交通站"' in (tmp_path / "p3.toml").read_text(encoding="utf-8")
    # A 乡's 清单 (任务量 | 单位 with 万亩, 个村, 处: measures, some ending as an office might)
    # keeps its measures.
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "工作任务", "牵头单位", "任务量", "单位"])
    ws.append(["1", "玉米单产提升", "农业站", 1.2, "万亩"])
    ws.append(["2", "村居环境整治", "城建办", 10, "个村"])
    ws.append(["3", "整治危房", "城建办", 5, "处"])
    wb.save(tmp_path / "清单.xlsx")
    result = run("import", "清单.xlsx", "--year", "2023", "--out", "p4.toml")
    assert result.exit_code == 0, result.output
    assert "读作牵头单位" not in result.stderr and "读作配合单位" not in result.stderr
    items = tomllib.loads((tmp_path / "p4.toml").read_text(encoding="utf-8"))["item"]
    assert [item["measure"] for item in items] == ["万亩", "个村", "处"]


def test_a_target_with_its_own_unit_is_not_said_to_be_a_bare_number(
    tmp_path: Path, plan_file: Path
) -> None:
    """目标值 5公里 beside 修建村道5公里: said as a bare number whose unit came from the title."""
    _units_ledger(tmp_path / "台账.xlsx", "牵头单位")
    result = run("import", "台账.xlsx")
    assert result.exit_code == 0, result.output
    assert "只写了数字" not in result.stderr
    first = tomllib.loads(plan_file.read_text(encoding="utf-8"))["item"][0]
    assert (first["target"], first["measure"]) == (5, "公里")


# ---------------------------------------------------------------- the lines above the header


@pytest.mark.parametrize("label", ["填报单位（盖章）", "填报单位(盖章)", "报送单位（公章）"])
def test_a_reporting_unit_labelled_for_its_seal_is_the_organisation(
    tmp_path: Path, plan_file: Path, label: str
) -> None:
    """填报单位（盖章）：泉湖镇人民政府 above the header, as the county's form asks for the seal:
    said "表中没有填报单位", the organisation taken from the title instead."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["B1"] = "附件1"
    ws["B2"] = "2023年重点工作任务分解表"
    ws["B3"] = f"{label}：大冲乡人民政府　　　　填报时间：2023年7月5日"
    ws.append([None, "序号", "重点任务", "责任单位", "完成时限"])
    ws.append([None, "1", "修建村道", "交通站", "6月底"])
    wb.save(tmp_path / "分解表.xlsx")
    result = run("import", "分解表.xlsx")
    assert result.exit_code == 0, result.output
    assert "表中没有填报单位" not in result.stderr
    plan = tomllib.loads(plan_file.read_text(encoding="utf-8"))["plan"]
    assert plan["organisation"] == "大冲乡人民政府"


@pytest.mark.parametrize("label", ["填表日期", "填表时间"])
def test_a_form_filled_on_day_is_the_day_the_ledger_stands_on(
    tmp_path: Path, plan_file: Path, label: str
) -> None:
    """填表日期：2023年7月5日 above the header (填报时间 was read, 填表日期 not): a task marked
    已完成 with no day was done on no day, "the table states no day it stands on"."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "泉湖镇2023年重点工作台账"
    ws["A2"] = f"填表单位：泉湖镇党政办　　{label}：2023年7月5日"
    ws.append(["序号", "重点任务", "责任单位", "完成时限", "状态"])
    ws.append(["1", "修建村道", "交通站", "6月底", "已完成"])
    wb.save(tmp_path / "台账.xlsx")
    result = run("import", "台账.xlsx")
    assert result.exit_code == 0, result.output
    assert "完成日期推定为 2023-07-05（表格的截至日期）" in " ".join(result.stderr.split())
    item = tomllib.loads(plan_file.read_text(encoding="utf-8"))["item"][0]
    assert item["done_on"] == dt.date(2023, 7, 5)


# ---------------------------------------------------------------- the year-end summary


def test_a_task_of_its_goals_title_is_named_once_in_the_summary(
    tmp_path: Path, plan_file: Path
) -> None:
    """A ledger's goal row (1) that states its own target over its sub-points ①: the import
    puts its figures on a task of the same title under it. Deeper than the summary numbers, the
    task is named by its goals' titles and its own — 规上工业增加值增长·规上工业增加值增长."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["泉湖镇2023年重点工作台账"])
    ws.append(["序号", "工作任务", "牵头单位", "责任人", "完成时限", "目标值", "完成值"])
    for row in [
        ["一、", "一、经济发展", None, None, None, None, None],
        ["（一）", "（一）招商引资", None, None, None, None, None],
        ["1.", "1. 稳定工业生产", None, None, None, None, None],
        ["(1)", "规上工业增加值增长", "经发办", "王五", "2023年6月30日", "不低于8%", "6.5%"],
        ["①", "走访规上企业", "经发办", "王五", "年底前", None, None],
    ]:
        ws.append(row)
    wb.save(tmp_path / "台账.xlsx")
    assert run("import", "台账.xlsx").exit_code == 0
    result = run("report", "--as-of", "2023-12-31")
    assert result.exit_code == 0, result.output
    said = "".join(result.stdout.split())
    assert "规上工业增加值增长·规上工业增加值增长" not in said
    assert "规上工业增加值增长6.5%，目标不低于8%" in said


# ---------------------------------------------------------------- an English table's notes


def test_an_english_tables_done_day_note_gives_its_own_form(
    tmp_path: Path, plan_file: Path
) -> None:
    """A task done on no day in an English table: the note said to write 已完成（2023-05-20）
    or add a 完成时间 column — Chinese an English table has no column for. Its Status cell
    takes done (2023-05-20), which the import reads (checked here too)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Riverside Township 2023 Work Plan"])
    ws.append(["No.", "Task", "Lead unit", "Deadline", "Status"])
    ws.append(["1", "Renovate rural toilets", "Agriculture Office", "Q3 2023", "done"])
    wb.save(tmp_path / "plan.xlsx")
    result = run("import", "plan.xlsx", "--out", "p.toml")
    assert result.exit_code == 0, result.output
    note = " ".join(result.stderr.split())
    assert "marked done with no day" in note
    assert "已完成" not in note and "完成时间" not in note
    assert "write the day in the task's Status cell (done (2023-05-20))" in note
    ws["E3"] = "done (2023-05-20)"
    wb.save(tmp_path / "plan.xlsx")
    assert run("import", "plan.xlsx", "--out", "p.toml", "--force").exit_code == 0
    assert "done_on = 2023-05-20" in (tmp_path / "p.toml").read_text(encoding="utf-8")
