"""A plan at 100% whose tasks are not all ticked off, in the county's view: its 0/2 beside
100% is said, once, under the table (as ``plan status`` says it under its own), in every
format; a plan with its tasks ticked off goes without a word."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan

NOTE = "注：甲镇人民政府（2项）的任务完成率均已达100%，尚未销号；完成/任务一栏只计已销号的任务"


@pytest.fixture
def towns(tmp_path: Path) -> Path:
    folder = tmp_path / "towns"
    folder.mkdir()
    at_full = [
        {"id": "1", "title": "基础设施"},
        {"id": "1.1", "title": "修路", "progress": 100},
        {"id": "1.2", "title": "修桥", "progress": 100},
    ]
    write_plan(folder / "甲镇.toml", at_full, organisation="甲镇人民政府")
    ticked = [
        {"id": "1", "title": "基础设施"},
        {"id": "1.1", "title": "修路", "status": "done", "progress": 100},
        {"id": "1.2", "title": "修桥", "status": "done", "progress": 100},
    ]
    write_plan(folder / "乙镇.toml", ticked, organisation="乙镇人民政府")
    return folder


def _said(text: str) -> str:
    return "".join(text.split())


def test_the_view_says_which_plans_await_ticking_off(runner: CliRunner, towns: Path) -> None:
    result = runner.invoke(app, ["county", str(towns), "--as-of", "2023-12-31"])
    assert result.exit_code == 0, result.output
    said = _said(result.output)
    assert _said(NOTE) in said
    assert said.count("尚未销号") == 1 and "乙镇人民政府（" not in said.split("注：")[1][:20]
    record = json.loads(
        runner.invoke(app, ["county", str(towns), "--as-of", "2023-12-31", "--json"]).output
    )
    assert record["awaiting_note"].startswith(NOTE)
    english = runner.invoke(app, ["--lang", "en", "county", str(towns), "--as-of", "2023-12-31"])
    assert "every task of 甲镇人民政府 (2) is at 100% but not all are ticked off" in " ".join(
        english.output.split()
    )


def test_every_format_says_it(runner: CliRunner, towns: Path, tmp_path: Path) -> None:
    import docx

    md = runner.invoke(app, ["county", str(towns), "--as-of", "2023-12-31", "--format", "md"])
    assert md.exit_code == 0 and NOTE in md.output
    word = tmp_path / "通报.docx"
    args = ["county", str(towns), "--as-of", "2023-12-31", "--out"]
    assert runner.invoke(app, [*args, str(word)]).exit_code == 0
    assert any(p.text.startswith(NOTE) for p in docx.Document(str(word)).paragraphs)
    sheet = tmp_path / "通报.xlsx"
    assert runner.invoke(app, [*args, str(sheet)]).exit_code == 0
    cells = [c.value for row in openpyxl.load_workbook(sheet).active.iter_rows() for c in row]
    assert any(isinstance(value, str) and value.startswith(NOTE) for value in cells)


def test_no_note_where_every_task_is_ticked_off(runner: CliRunner, towns: Path) -> None:
    (towns / "甲镇.toml").unlink()
    result = runner.invoke(app, ["county", str(towns), "--as-of", "2023-12-31", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output)["awaiting_note"] is None
    assert "尚未销号" not in runner.invoke(app, ["county", str(towns)]).output
