"""Review of s34C (s34I): a ledger the office typed by hand keeps its backslashes as typed; only
a table ``plan export`` wrote reads its escapes back as the characters they show."""

from __future__ import annotations

import csv
import io
import tomllib
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

# What a clerk types into a 台账: a folder (C:\资料\x86驱动, an x86 driver folder), a \n typed as
# two characters, a doubled backslash before x1b, a \u200b copied from a programmer's note.
TYPED = "整理 C:\\资料\\x86驱动 与 \\x1b 说明"
NOTED = "路径\\\\x1b 和 \\n 换行 \\u200b 与 \\\\"


def run(*args: str, code: int = 0) -> Any:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == code, result.output
    return result


def items(path: Path) -> dict[str, dict[str, Any]]:
    with path.open("rb") as file:
        return {item["id"]: item for item in tomllib.load(file)["item"]}


ROWS = [["序号", "工作任务", "责任单位", "备注"], ["1", TYPED, "党政办", NOTED]]


@pytest.mark.parametrize("suffix", ["csv", "xlsx", "docx"])
def test_a_ledger_typed_by_hand_keeps_its_backslashes_as_typed(plan_file, tmp_path, suffix):
    table = tmp_path / f"台账.{suffix}"
    if suffix == "csv":
        out = io.StringIO()
        csv.writer(out).writerows(ROWS)
        table.write_text(out.getvalue(), encoding="utf-8")
    elif suffix == "xlsx":
        book = openpyxl.Workbook()
        for row in ROWS:
            book.active.append(row)
        book.save(table)
    else:
        import docx

        document = docx.Document()
        grid = document.add_table(rows=len(ROWS), cols=len(ROWS[0]))
        for r, row in enumerate(ROWS):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
        document.save(str(table))
    run("import", str(table), "--out", str(plan_file))
    got = items(plan_file)["1"]
    assert got["title"] == TYPED  # not C:\资料<U+0086>驱动, with its backslash gone
    assert got["备注"] == NOTED  # not 路径\x1b, nor a zero-width space
    assert "\\u0086" not in plan_file.read_text(encoding="utf-8")
    shown = run("list").stdout
    assert "C:\\资料\\x86驱动" in shown
