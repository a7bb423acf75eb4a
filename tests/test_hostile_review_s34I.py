"""Review of s34C (s34I): a ledger the office typed by hand keeps its backslashes as typed; only
a table ``plan export`` wrote reads its escapes back as the characters they show."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan

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


HAND = """[plan]
title = "泉湖镇2023年工作计划"
year = 2023
start = 2023-01-01
end = 2023-12-31

[[item]]
id = "1"
title = "基础设施"

[[item]]
id = "1.1"
title = '修塘'   # 手写，单引号
owner = "王\u200b五"   # 手写的零宽空格

[[item]]
id = "1.2"
title = "修路"
"""


@pytest.mark.parametrize("unseen", ["\u3164", "\u034f", "\u2800", "\u200b", "\u200d"])
def test_a_new_value_in_a_hand_written_literal_string_writes_what_draws_nothing_escaped(
    plan_file, unseen
):
    plan_file.write_text(HAND, encoding="utf-8")
    run("edit", "1.1", "--title", f"修{unseen}塘")
    text = plan_file.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("title = ") and "塘" in line)
    assert unseen not in line, line  # (a Hangul filler in '…' looked like a space in a diff)
    assert f"\\u{ord(unseen):04x}" in line.lower()
    assert line.endswith("# 手写，单引号")  # the comment stays
    assert items(plan_file)["1.1"]["title"] == f"修{unseen}塘"


def test_a_change_to_another_item_keeps_a_hand_written_invisible_character_byte_for_byte(
    plan_file,
):
    plan_file.write_text(HAND, encoding="utf-8")
    before = plan_file.read_bytes()
    run("done", "1.2", "--on", "2023-06-01")
    run("note", "1.1", "进展", "--on", "2023-06-02")
    after = plan_file.read_bytes()
    kept = before[
        : before.index("# 手写的零宽空格\n".encode()) + len("# 手写的零宽空格\n".encode())
    ]
    assert after.startswith(kept)  # the hand line with its raw U+200B, byte for byte


TALL = "对全镇各村组道路进行逐段排查建立台账明确责任人和完成时限确保按期完成" * 70


@pytest.mark.parametrize("tasks", [1, 3])
def test_a_last_ledger_row_that_may_split_is_not_held_with_the_note(plan_file, tmp_path, tasks):
    """s34E held the last row with the note always: a last row taller than a page, merged down
    with the note's row, went over to the next page whole with it, and LibreOffice printed the
    heading 附表：任务完成情况台账 alone on a page (a plan of one such task) or left most of the
    page above it empty."""
    from docx import Document
    from docx.oxml.ns import qn

    plan = [{"id": "1", "title": "基础设施建设"}] + [
        {"id": f"1.{n}", "title": TALL if n == tasks else f"第{n}项任务"}
        for n in range(1, tasks + 1)
    ]
    write_plan(plan_file, plan)
    out = tmp_path / "总结.docx"
    run("report", "--as-of", "2023-12-31", "-o", str(out))
    (table,) = Document(str(out)).tables
    *_, tall, note = table._tbl.tr_lst
    assert "注：" in "".join(note.itertext())
    assert tall.trPr is None or tall.trPr.find(qn("w:cantSplit")) is None
    hidden = tall.tc_lst[-1].tcPr
    assert hidden is None or hidden.find(qn("w:vMerge")) is None  # not merged down with the note
    assert note.tc_lst[-1].tcPr.find(qn("w:vMerge")).get(qn("w:val")) == "restart"
    for tc in tall.tc_lst:
        assert tc.find(qn("w:p")).find(qn("w:pPr")).find(qn("w:keepNext")) is None


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_libreoffice_prints_the_ledger_heading_with_a_task_taller_than_a_page(plan_file, tmp_path):
    write_plan(plan_file, [{"id": "1", "title": "基础设施建设"}, {"id": "1.1", "title": TALL}])
    out = tmp_path / "总结.docx"
    run("report", "--as-of", "2023-12-31", "-o", str(out))
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless"]
        + ["--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "总结.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    (page,) = [page for page in text.split("\f") if "附表：任务完成情况台账" in page]
    assert "1.1" in page  # the heading was alone on its page, the task on the next
