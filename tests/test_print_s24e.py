"""Session 24, task E: the files the tool writes as an office opens and prints them — the
推进情况表 and the 通报 as workbooks, the CSV opened in Excel on Chinese Windows, the Word
report and 通报 — each read back from the written file (openpyxl, python-docx, bytes)."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import REPO_PLAN


def _run(runner: CliRunner, *args: str) -> None:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output


def _county_folder(tmp_path: Path) -> Path:
    """Two towns' plans in a folder, as the county keeps them."""
    folder = tmp_path / "towns"
    folder.mkdir()
    shutil.copyfile(REPO_PLAN, folder / "泉湖镇.toml")
    text = REPO_PLAN.read_text(encoding="utf-8").replace("泉湖镇", "花桥镇")
    (folder / "花桥镇.toml").write_text(text, encoding="utf-8")
    return folder


def _default_font(path: Path) -> tuple[str, float]:
    """The font of the workbook's Normal style: what a cell the office types into takes."""
    book = openpyxl.load_workbook(path)
    normal = next(style for style in book._named_styles if style.name == "Normal")
    return normal.font.name, normal.font.sz


def test_workbooks_default_font_is_songti(
    runner: CliRunner, town_plan: Path, tmp_path: Path
) -> None:
    """Every cell the tool wrote was set in 宋体, but the workbook's own default (its Normal
    style, font 0) stayed openpyxl's Calibri 11: a row the office added under the table, a
    note typed beside it, was Calibri, its 汉字 in whatever face Excel substitutes, and Excel's
    column widths were counted in Calibri's digits. The default is now 宋体 at the body's size,
    in the 推进情况表 and in the county's 通报 alike."""
    _run(runner, "export", "--out", "推进表.xlsx")
    _run(runner, "county", str(_county_folder(tmp_path)), "--out", "通报.xlsx")
    for name in ("推进表.xlsx", "通报.xlsx"):
        assert _default_font(tmp_path / name) == ("宋体", 10), name
        with zipfile.ZipFile(tmp_path / name) as book:
            styles = book.read("xl/styles.xml").decode()
        assert "Calibri" not in styles, name
        # A blank cell (the office's new row) has style 0, whose font is the default.
        book_read = openpyxl.load_workbook(io.BytesIO((tmp_path / name).read_bytes()))
        sheet = book_read.active
        blank = sheet.cell(sheet.max_row + 3, 1)
        assert blank.font.name == "宋体", name
