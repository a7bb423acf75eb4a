"""The Word report's body in LibreOffice, session 31 (K): a mark that cannot begin a line
(。，；）) falling after a full line of 28 characters is not lost. LibreOffice 7.4 dropped such
a mark when it hung it past the margin of a justified line; the body style says
w:overflowPunct 1, which LibreOffice reads as "do not hang" and Word as its default."""

from __future__ import annotations

import difflib
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import REPO_PLAN

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDF_TOOLS = shutil.which("pdftotext")


def untouched_report(tmp_path: Path) -> Path:
    """The repo plan's report at the end of 2023 (nothing recorded): its 存在的问题 has two
    "）；" after a full line."""
    out = tmp_path / "report.docx"
    result = CliRunner().invoke(
        app, ["-f", str(REPO_PLAN), "report", "--as-of", "2023-12-31", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out


def normal_style(docx: Path):  # type: ignore[no-untyped-def]
    from lxml import etree

    styles = etree.fromstring(zipfile.ZipFile(docx).read("word/styles.xml"))
    return styles.find(f"{W}style[@{W}styleId='Normal']")


def test_the_body_style_keeps_line_end_marks_and_28_characters_a_line(tmp_path: Path):
    style = normal_style(untouched_report(tmp_path))
    paragraph = style.find(f"{W}pPr")
    overflow = paragraph.find(f"{W}overflowPunct")
    assert overflow is not None and overflow.get(f"{W}val") == "1"
    # In the schema's order: after widowControl, before spacing, ind and jc.
    tags = [child.tag.removeprefix(W) for child in paragraph]
    assert tags.index("overflowPunct") < tags.index("spacing") < tags.index("jc")
    assert tags.index("widowControl") < tags.index("overflowPunct")
    # The 28 characters of 三号 on the 156 mm line are as before: 16 pt tightened 0.25 pt.
    assert style.find(f"{W}rPr/{W}spacing").get(f"{W}val") == "-5"
    assert style.find(f"{W}rPr/{W}sz").get(f"{W}val") == "32"


def test_the_body_style_is_the_only_one_saying_so(tmp_path: Path):
    """Every other paragraph style inherits it: none says 0 (LibreOffice would hang again)."""
    text = zipfile.ZipFile(untouched_report(tmp_path)).read("word/styles.xml").decode()
    assert text.count("<w:overflowPunct") == 1
    document = zipfile.ZipFile(tmp_path / "report.docx").read("word/document.xml").decode()
    assert "overflowPunct" not in document


def lost_characters(docx: Path, pdf_text: str) -> list[str]:
    """The body's characters that the PDF does not show, with a few around each."""
    from docx import Document

    def bare(text: str) -> str:
        return "".join(text.split()).replace("—", "")

    wanted = bare("".join(p.text for p in Document(str(docx)).paragraphs))
    got = bare(pdf_text)
    matcher = difflib.SequenceMatcher(None, wanted, got, autojunk=False)
    return [
        wanted[max(0, a1 - 6) : a2 + 3]
        for op, a1, a2, _, _ in matcher.get_opcodes()
        if op in ("delete", "replace")
    ]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.skipif(not PDF_TOOLS, reason="poppler-utils (pdftotext) is not installed")
def test_libreoffice_prints_every_mark_of_the_untouched_plan(tmp_path: Path):
    docx = untouched_report(tmp_path)
    profile = (tmp_path / "lo-profile").as_uri()  # its own profile: no clash with a running one
    subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
        + ["--outdir", str(tmp_path), str(docx)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pdf = tmp_path / "report.pdf"
    text = subprocess.run(
        [str(PDF_TOOLS), "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "新动能）；培育两大" in "".join(text.split())  # the mark before the next line
    assert lost_characters(docx, text) == []
    # 28 characters at most on a line of 汉字 (none hung past the margin).
    lines = ["".join(line.split()) for page in text.split("\f")[:2] for line in page.splitlines()]
    han_lines = [line for line in lines if line and not any(ch.isascii() for ch in line)]
    assert han_lines and max(len(line) for line in han_lines) == 28
