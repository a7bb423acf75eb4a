"""The year-end report and the ledger as the 办公室 clerk prints them (session 32, F): a year of
the 2023 plan recorded through the CLI, the Word report and the Excel ledger opened in
LibreOffice and looked at page by page; what an office would not hand in, checked on the
files' content."""

from __future__ import annotations

import zipfile
from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan

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
