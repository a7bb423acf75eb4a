"""The year-end report and the ledger on paper (session 33, F): the Word report's 附表 and the
Excel ledger opened in LibreOffice and looked at page by page, for a part of 49 tasks, long
titles and English; what an office would not hand in, checked on the files' content."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def part_of(tasks: int) -> list[dict[str, object]]:
    return [{"id": "1", "title": "产业发展"}] + [
        {"id": f"1.{n}", "title": f"抓好第{n}个项目建设"} for n in range(1, tasks + 1)
    ]


def test_the_ledger_note_is_the_tables_last_row_merged_down_with_the_last_task(
    plan_file: Path, tmp_path: Path
) -> None:
    """49 tasks fill the 附表's second page to its foot: LibreOffice printed the 注 alone on a
    sixth page (it keeps a table's last row with the paragraph after it only on the table's
    first page). The note is now the table's last row, and the last task row and it share a
    cell merged down (vMerge) in a hidden column, which Word and LibreOffice both keep on one
    page; Word's keep-with-next stays on the last task row."""
    write_plan(plan_file, part_of(49))
    out = tmp_path / "总结.docx"
    run("report", "--as-of", "2023-12-31", "-o", str(out))
    (table,) = Document(str(out)).tables
    rows = table._tbl.tr_lst
    *_, last_task, note = rows
    grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
    assert int(grid[-1].get(qn("w:w"))) <= 20  # the hidden column
    note_cell, hidden = note.tc_lst
    assert "注：" in "".join(note_cell.itertext())
    assert note_cell.tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == str(len(grid) - 1)
    assert note.trPr.find(qn("w:cantSplit")) is not None
    assert hidden.tcPr.find(qn("w:vMerge")).get(qn("w:val")) in (None, "continue")
    assert last_task.tc_lst[-1].tcPr.find(qn("w:vMerge")).get(qn("w:val")) == "restart"
    assert "1.49" in "".join(last_task.tc_lst[0].itertext())
    # The rows above leave the hidden column empty: their cells are as they were.
    for row in rows[:-2]:
        assert row.trPr.find(qn("w:gridAfter")).get(qn("w:val")) == "1"
    # No border at the note's sides and foot, nor around the hidden cells.
    borders = note_cell.tcPr.find(qn("w:tcBorders"))
    assert {b.tag for b in borders} == {qn("w:left"), qn("w:bottom"), qn("w:right")}
    # Word's keep-with-next on the last task row too.
    for tc in last_task.tc_lst[:-1]:
        assert tc.find(qn("w:p")).find(qn("w:pPr")).find(qn("w:keepNext")) is not None
    # What follows the table is an empty paragraph a point high, not the note.
    body = list(Document(str(out)).element.body)
    after = body[[e.tag for e in body].index(qn("w:tbl")) + 1]
    assert after.tag == qn("w:p") and not "".join(after.itertext())
    spacing = after.find(qn("w:pPr")).find(qn("w:spacing"))
    assert spacing.get(qn("w:lineRule")) == "exact" and int(spacing.get(qn("w:line"))) <= 20
