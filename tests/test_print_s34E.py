"""The Word report on paper (session 34, E): pages looked at in LibreOffice, June and December,
zh and en, the 2023 plan and generated ones; what was wrong, checked on the file's content."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from typer.testing import CliRunner

from quanhu_plan.cli import app


def test_an_english_title_too_long_for_a_line_breaks_after_its_colon(
    plan_file: Path, tmp_path: Path
) -> None:
    """The 2023 plan's June report in English, "泉湖镇 2023 work plan: report on the first half",
    was wrapped where the 二号 line ended: "half" alone on the title's second line. It breaks
    after the colon, as a Chinese title breaks before 工作计划."""
    out = tmp_path / "report.docx"
    assert CliRunner().invoke(app, ["init"]).exit_code == 0  # the built-in 2023 plan
    result = CliRunner().invoke(
        app,
        ["--lang", "en", "report", "--format", "docx", "--as-of", "2023-06-30", "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    title = next(p for p in Document(str(out)).paragraphs if p.style.name == "Title")
    texts = [t.text for t in title._p.iter(qn("w:t"))]
    breaks = title._p.findall(f".//{qn('w:br')}")
    assert texts == ["泉湖镇 2023 work plan:", "report on the first half"]
    assert len(breaks) == 1


def test_a_chinese_title_keeps_its_break_before_工作计划() -> None:
    from quanhu_plan.report.docx import title_lines

    assert title_lines("泗洲头镇2024年上半年工作计划完成情况总结") == [
        "泗洲头镇2024年上半年",
        "工作计划完成情况总结",
    ]
    assert title_lines("泉湖镇 2023 work plan: report") == ["泉湖镇 2023 work plan: report"]
