"""Zero width joiners and Hangul fillers in titles, session 25 D: a joiner that joins no emoji
(修‍塘) and the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0: letters to Unicode, blank on
screen) are shown as escapes, as the other invisible characters are (controls.py), in every
view and export; a joiner inside an emoji sequence (👨‍👩‍👧) is text and stays."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.controls import visible

from .conftest import write_plan

FAMILY = "👨\u200d👩\u200d👧"
ITEMS = [
    {"id": "1", "title": "基础设施"},
    {"id": "1.1", "title": "修\u200d塘", "progress": 10},
    {"id": "1.2", "title": f"{FAMILY}家庭医生签约", "progress": 20},
    {"id": "1.3", "title": "\u3164亮化", "progress": 30},
    {"id": "1.4", "title": "路灯\uffa0安装\u115f\u1160", "progress": 40},
]
SHOWN = ["修\\u200d塘", f"{FAMILY}家庭医生签约", "\\u3164亮化", "路灯\\uffa0安装\\u115f\\u1160"]
RAW = ["\u3164", "\uffa0", "\u115f", "\u1160", "修\u200d塘"]


def test_the_rule() -> None:
    assert visible("修\u200d塘") == "修\\u200d塘"
    assert visible(FAMILY) == FAMILY
    assert visible("🏳\ufe0f\u200d🌈") == "🏳\ufe0f\u200d🌈"  # (a selector before the joiner)
    assert visible("🏃🏽\u200d♂\ufe0f") == "🏃🏽\u200d♂\ufe0f"  # (a skin tone before it)
    assert visible("\u200d👩") == "\\u200d👩" and visible("👩\u200d") == "👩\\u200d"
    assert visible("👩\u200d\u200d👩") == "👩\\u200d\\u200d👩"
    assert visible("\u3164\u115f\u1160\uffa0") == "\\u3164\\u115f\\u1160\\uffa0"
    assert visible("한글") == "한글"  # (Hangul itself is text)


def _check(text: str, where: str) -> None:
    for shown in SHOWN:
        assert shown in text, (where, shown, text)
    for raw in RAW:
        assert raw not in text, (where, raw, text)


@pytest.mark.parametrize("columns", ["80", "200"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_terminal_view_shows_them(
    plan_file: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, columns: str, lang: str
) -> None:
    write_plan(plan_file, ITEMS)
    monkeypatch.setenv("COLUMNS", columns)
    for warm in (False, True):
        for args in (["list"], ["list", "--flat"], ["report"]):
            result = runner.invoke(app, [*args, "--lang", lang, "--as-of", "2023-06-30"])
            assert result.exit_code == 0, result.output
            _check("".join(result.output.split()), f"{args} {warm}")
        for item, shown in zip(("1.1", "1.2", "1.3", "1.4"), SHOWN, strict=True):
            result = runner.invoke(app, ["show", item, "--lang", lang])
            assert result.exit_code == 0, result.output
            assert shown in "".join(result.output.split()), result.output
    # a change line quotes the title as the views do
    result = runner.invoke(app, ["note", "1.3", "进展"])
    assert result.exit_code == 0, result.output
    assert "\\u3164" in result.output and "\u3164" not in result.output


def test_every_export_shows_them(plan_file: Path, runner: CliRunner, tmp_path: Path) -> None:
    import docx
    import openpyxl

    write_plan(plan_file, ITEMS)
    out = tmp_path / "out"
    out.mkdir()
    for fmt in ("csv", "xlsx"):
        path = out / f"表.{fmt}"
        result = runner.invoke(app, ["export", "--format", fmt, "-o", str(path), "--force"])
        assert result.exit_code == 0, result.output
        if fmt == "csv":
            text = " ".join(
                cell for row in csv.reader(path.read_text("utf-8-sig").splitlines()) for cell in row
            )
        else:
            sheet = openpyxl.load_workbook(path).active
            text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
        _check(text, fmt)
    for fmt in ("md", "docx"):
        path = out / f"总结.{fmt}"
        result = runner.invoke(app, ["report", "--format", fmt, "-o", str(path), "--force"])
        assert result.exit_code == 0, result.output
        if fmt == "md":
            text = path.read_text("utf-8").replace("\\\\", "\\")  # (Markdown escapes a backslash)
        else:
            document = docx.Document(str(path))
            text = " ".join(p.text for p in document.paragraphs)
            text += " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
        _check(text, fmt)
