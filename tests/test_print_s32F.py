"""The year-end report and the ledger as the 办公室 clerk prints them (session 32, F): a year of
the 2023 plan recorded through the CLI, the Word report and the Excel ledger opened in
LibreOffice and looked at page by page; what an office would not hand in, checked on the
files' content."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import REPO_PLAN, write_plan

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def settings(docx: Path):  # type: ignore[no-untyped-def]
    from lxml import etree

    return etree.fromstring(zipfile.ZipFile(docx).read("word/settings.xml"))


def test_a_note_of_two_lines_keeps_its_line_break_without_spreading_the_line_before_it(
    plan_file: Path, tmp_path: Path
) -> None:
    """A progress note typed on two lines (村民说：“今年要扩种”⏎下一步：…) stands in the Word
    report's justified 仿宋 paragraph with its line break; Word and LibreOffice spread the line
    before a break across the whole width (村 “ 四 香 ” 产 业 摸 底 ；) unless the document says
    doNotExpandShiftReturn, in w:compat before w:useFELayout as the schema orders them."""
    write_plan(plan_file, [{"id": "1", "title": "产业发展"}, {"id": "1.1", "title": "四香产业"}])
    run(
        "note",
        "1.1",
        "完成[x]村“四香”产业摸底；村民说：“今年要扩种”\n下一步：对接县农业农村局",
        "--on",
        "2023-02-20",
    )
    out = tmp_path / "总结.docx"
    run("report", "--as-of", "2023-12-31", "-o", str(out))
    body = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert "今年要扩种”</w:t><w:br/><w:t>下一步" in body  # the writer's line break is kept
    compat = settings(out).find(f"{W}compat")
    tags = [child.tag.removeprefix(W) for child in compat]
    assert "doNotExpandShiftReturn" in tags
    assert tags.index("doNotExpandShiftReturn") < tags.index("useFELayout")


def ledger_sheet(plan_file: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The repo's 2023 plan (its parts' 具体内容 of a hundred characters) with what a year puts
    in it: a 开工时间, a target in 万元, a task ticked off with a link among its evidence."""
    import openpyxl

    plan_file.write_text(REPO_PLAN.read_text("utf-8"), encoding="utf-8")
    link = "https://www.hengnan.gov.cn/xxgk/2023/10/ningdian-ruxiang-wancheng-tongbao.html"
    run("done", "5.1", "-e", "宁电入湘协调会纪要.pdf", "-e", link, "--on", "2023-10-25")
    run(
        "edit",
        "2.2.2",
        "--target",
        "1200",
        "--measure",
        "万元",
        "--target-text",
        "完成投资1200万元",
        "--on",
        "2023-01-06",
    )
    run(
        "add",
        "2.2",
        "建设泉湖民宿示范点",
        "--start",
        "2023-06-15",
        "--due",
        "2023-11-30",
        "--on",
        "2023-06-15",
    )
    out = tmp_path / "推进情况表.xlsx"
    run("export", "--as-of", "2023-12-31", "-o", str(out))
    return openpyxl.load_workbook(out).active


def test_a_link_among_the_evidence_does_not_squeeze_the_parts_detail_to_a_sliver(
    plan_file: Path, tmp_path: Path
) -> None:
    """A link (80 characters, broken in its cell at any width) held 销号依据 at 20 columns, so
    具体内容 gave up all it could to the page's width: 10 columns, four 汉字 a line, 2.2's row
    300 points tall, five pages for 24 tasks. The link sets no floor; a word that fits still does."""
    sheet = ledger_sheet(plan_file, tmp_path)
    header = {str(cell.value).replace("\n", ""): cell.column_letter for cell in sheet[3]}
    width = {name: sheet.column_dimensions[letter].width for name, letter in header.items()}
    assert width["具体内容"] >= 16
    assert width["销号依据"] < 20
    tallest = max(sheet.row_dimensions[row].height or 0 for row in range(4, sheet.max_row + 1))
    assert tallest < 250
    # the link is all there, to be read across its lines
    evidence = [sheet[f"{header['销号依据']}{row}"].value for row in range(4, sheet.max_row + 1)]
    assert any(value and "ningdian-ruxiang-wancheng-tongbao.html" in value for value in evidence)


def test_a_date_in_the_english_report_is_never_broken_at_its_hyphens(
    plan_file: Path, tmp_path: Path
) -> None:
    """LibreOffice and Word may break a line after a hyphen: the English report printed
    "blocked since 2023-07-" at a line's end and "05" under it, "(done 2023-" / "09-20)". The
    hyphens of a date (and of a quarter, 2023-Q3) are non-breaking (w:noBreakHyphen), which
    python-docx and Word still read as "-"."""
    import docx

    write_plan(
        plan_file,
        [{"id": "1", "title": "Roads"}, {"id": "1.1", "title": "Mend the G107 bridge"}],
        lang="en",
    )
    run("block", "1.1", "-r", "waiting for the county's money", "--on", "2023-07-05")
    run("edit", "1.1", "--due", "2023-Q3", "--on", "2023-07-05")
    out = tmp_path / "report.docx"
    run("report", "--as-of", "2023-12-31", "-o", str(out))
    body = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert "2023-07-05" not in body and "2023-Q3" not in body
    assert "2023</w:t><w:noBreakHyphen/><w:t>07</w:t><w:noBreakHyphen/><w:t>05" in body
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "blocked since 2023-07-05" in text
    cells = [c.text for t in docx.Document(str(out)).tables for r in t.rows for c in r.cells]
    assert "2023-Q3" in cells


def test_next_steps_do_not_call_a_task_with_progress_notes_not_started(
    plan_file: Path, tmp_path: Path
) -> None:
    """存在的问题 said of 1.1 "已有进展但未标记开始" (a note, never marked started) and 下一步打算
    said of the same task "目前尚未开始": the clerk reads the report contradicting itself, and
    of 切实保障民生 with its year's figures in a note, "尚未开始". Both sections now agree."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "产业发展"},
            {"id": "1.1", "title": "四香产业", "due": dt.date(2023, 12, 31)},
            {"id": "1.2", "title": "切实保障民生"},
            {"id": "1.3", "title": "村办企业"},
        ],
    )
    run("edit", "1.2", "--due", "常态化", "--on", "2023-01-09")
    run("note", "1.1", "完成产业摸底", "--on", "2023-02-20")
    run("note", "1.2", "全年发放低保金312.5万元", "--on", "2023-12-29")
    text = run("report", "--as-of", "2023-12-31", "--format", "md")
    steps = text[text.index("## 四、下一步打算") : text.index("## 附表")]
    assert "四香产业：目前已有进展但未标记开始，完成率0%" in steps
    assert "切实保障民生：目前已有进展但未标记开始，完成率0%" in steps
    assert "村办企业：目前尚未开始，完成率0%" in steps  # no note: not started, as before
    english = run("--lang", "en", "report", "--as-of", "2023-12-31", "--format", "md")
    assert "四香产业: now under way but not marked as started, completion 0%" in english
