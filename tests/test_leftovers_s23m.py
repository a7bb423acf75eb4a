"""Leftovers noted in session 23 (M): a reason quoted into a sentence with a stop of its own,
a title of many lines quoted into a one-line message, the 公文 grid of the Word report, the
footer of the exported workbook."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import openpyxl
import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.report.docx_layout import signature_indents

HEADER = """[plan]
title = "测试镇2023年工作计划"
organisation = "测试镇人民政府"
year = 2023
start = 2023-01-01
end = 2023-12-31
lang = "zh"

[[item]]
id = "1"
title = "基础设施"

[[item]]
id = "1.1"
title = "修塘"
progress = 50

[[item]]
id = "1.2"
title = "安装路灯"
progress = 20
"""


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def _plan(plan_file: Path, items: str = "") -> bytes:
    plan_file.write_text(HEADER + items, encoding="utf-8")
    return plan_file.read_bytes()


# ------------------------------------------------ a reason with its own stop, quoted in a sentence


@pytest.mark.parametrize("command", ["block", "drop"])
def test_a_reason_ending_in_a_stop_is_not_given_a_second_one(plan_file: Path, command: str) -> None:
    _plan(plan_file)
    result = invoke(command, "1.1", "--reason", "本镇不再单列任务。")
    assert result.exit_code == 0, result.output
    assert "本镇不再单列任务。1 基础设施 完成率" in result.output
    assert "。。" not in result.output
    assert 'reason = "本镇不再单列任务。"' in plan_file.read_text(encoding="utf-8")


def test_a_reason_ending_in_a_comma_ends_with_the_stop_in_its_place(plan_file: Path) -> None:
    _plan(plan_file)
    result = invoke("block", "1.1", "--reason", "资金未到位，")
    assert result.exit_code == 0, result.output
    assert "资金未到位。1 基础设施" in result.output and "，。" not in result.output
    assert 'reason = "资金未到位，"' in plan_file.read_text(encoding="utf-8")  # kept as typed


def test_an_english_reason_ending_in_a_full_stop_gets_no_second_one(plan_file: Path) -> None:
    _plan(plan_file)
    result = invoke("--lang", "en", "block", "1.1", "--reason", "Funds are late.")
    assert result.exit_code == 0, result.output
    assert "Funds are late. 1 基础设施: completion" in result.output
    assert ".." not in result.output


def test_a_large_reports_reasons_in_brackets_carry_no_stop_inside(plan_file: Path) -> None:
    """A large plan's report names the tasks that share a reason together, the reason in
    brackets after them: 村1、村2（资金未到位）, not （资金未到位。）."""
    items = "".join(
        f'\n[[item]]\nid = "2.{n}"\nparent = "1"\ntitle = "村{n}建设"\nprogress = 50\n'
        + (
            'status = "blocked"\nreason = "资金未到位。"\n'
            if n % 10 == 1
            else 'status = "dropped"\nreason = "本镇不再单列任务。"\n'
            if n % 10 == 2
            else ""
        )
        for n in range(1, 241)
    )
    _plan(plan_file, items)
    for args in (["report"], ["report", "--format", "md"]):
        result = invoke(*args)
        assert result.exit_code == 0, result.output
        flat = "".join(result.output.split())
        assert "（资金未到位）" in flat and "（本镇不再单列任务）" in flat, result.output
        assert "。）" not in flat


# ------------------------------------------------ a title of many lines quoted in one line

LONG_TITLE = "修塘\\n" + "\\n".join(f"第{n}行说明文字" for n in range(1, 3001))


def test_a_refusal_quoting_a_title_of_many_lines_says_it_on_one_cut_line(
    plan_file: Path,
) -> None:
    before = _plan(
        plan_file,
        f'\n[[item]]\nid = "1.3"\ntitle = "{LONG_TITLE}"\nstatus = "done"\ndone_on = 2023-05-01\n',
    )
    for args in (["done", "1.3"], ["start", "1.3"], ["progress", "1.3", "60"]):
        result = invoke(*args)
        assert result.exit_code != 0, result.output
        assert "Traceback" not in result.output
        message = result.output.strip()
        assert "\n" not in message, message[:300]
        assert message.startswith("错误：1.3 修塘 第1行说明文字"), message[:100]
        assert "…" in message and "第3000行" not in message
        assert len(message) < 300, message[:300]
        assert plan_file.read_bytes() == before


def test_a_change_told_of_a_title_of_many_lines_says_it_on_one_cut_line(
    plan_file: Path,
    clock: Any,  # (dated inside the plan's year: no word of a day outside it, session 25 D)
) -> None:
    _plan(plan_file, f'\n[[item]]\nid = "1.3"\ntitle = "{LONG_TITLE}"\nparent = "1"\n')
    result = invoke("progress", "1.3", "60")
    assert result.exit_code == 0, result.output
    message = result.output.strip()
    assert "\n" not in message and len(message) < 300, message[:300]
    assert message.startswith("已填报进度 1.3 修塘 第1行说明文字") and "…" in message
    assert "第3000行" in plan_file.read_text(encoding="utf-8")  # the title itself is kept


# ------------------------------------------------ the workbook's footer

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def test_the_workbooks_footer_is_set_in_the_sheets_cjk_font(
    plan_file: Path, tmp_path: Path
) -> None:
    _plan(plan_file)
    out = tmp_path / "表.xlsx"
    result = invoke("export", "--out", str(out))
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].font.name == "黑体" and ws["A4"].font.name == "宋体"
    assert ws.oddFooter.center.font == "宋体,Regular"
    with zipfile.ZipFile(out) as archive:
        sheet = ElementTree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
    footer = sheet.find(f"{MAIN}headerFooter/{MAIN}oddFooter")
    assert footer is not None and footer.text is not None
    assert footer.text.startswith('&C&"宋体,Regular"&9'), footer.text


# ------------------------------------------------ the Word report's 28 characters a line

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
REASON = "因" + "上级配套资金尚未到位" * 9  # 91 汉字: full lines of the body in its middle


def _report_docx(plan_file: Path, out: Path) -> Any:
    import docx

    _plan(plan_file, '\n[[item]]\nid = "1.3"\ntitle = "修机耕道"\nparent = "1"\n')
    result = invoke("block", "1.3", "--reason", REASON)
    assert result.exit_code == 0, result.output
    result = invoke("report", "--out", str(out))
    assert result.exit_code == 0, result.output
    return docx.Document(str(out))


def test_the_word_body_is_set_so_that_a_line_holds_28_characters(
    plan_file: Path, tmp_path: Path
) -> None:
    """GB/T 9704: 28 characters of 三号 a line on the 156 mm between the margins; at 16 pt a
    character only 27 fit, so the body is set 紧缩 (w:spacing) to a pitch 28 fit in and 29 not,
    its first line and the 落款 indented by characters of that pitch."""
    from docx.oxml.ns import qn

    document = _report_docx(plan_file, tmp_path / "总结.docx")
    section = document.sections[0]
    width = (section.page_width - section.left_margin - section.right_margin) / 12700  # pt
    normal = document.styles["Normal"]
    spacing = normal.element.rPr.find(qn("w:spacing"))
    assert spacing is not None
    pitch = normal.font.size.pt + int(spacing.get(qn("w:val"))) / 20
    assert 28 * pitch <= width < 29 * pitch, (pitch, width)
    assert normal.paragraph_format.first_line_indent.pt == pytest.approx(2 * pitch, abs=0.05)
    for level in (1, 2):
        heading = document.styles[f"Heading {level}"].paragraph_format
        assert heading.first_line_indent.pt == pytest.approx(2 * pitch, abs=0.05)
    body = document.paragraphs[
        : next(n for n, p in enumerate(document.paragraphs) if "附表" in p.text)
    ]
    signed = [p for p in body if p.text][-2:]
    assert signed[0].text == "测试镇人民政府"
    for paragraph, indent in zip(signed, signature_indents([p.text for p in signed]), strict=True):
        assert paragraph.paragraph_format.right_indent.pt == pytest.approx(indent * pitch, abs=0.05)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
def test_libreoffice_prints_28_characters_on_a_full_line_of_the_body(
    plan_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "总结.docx"
    _report_docx(plan_file, out)
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
        + ["--outdir", str(tmp_path), str(out)],
        check=True,
        capture_output=True,
        timeout=120,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "总结.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [line.strip() for line in text.splitlines()]
    # The reason's lines in the middle of its paragraph: nothing but its own 汉字.
    inside = [line for line in lines if len(line) > 10 and set(line) <= set(REASON)]
    assert len(inside) >= 2, lines
    assert {len(line) for line in inside} == {28}, inside
