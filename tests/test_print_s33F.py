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
    # (merged down from the task before the last: see the s34E test below)
    assert last_task.tc_lst[-1].tcPr.find(qn("w:vMerge")).get(qn("w:val")) in (None, "continue")
    assert "1.49" in "".join(last_task.tc_lst[0].itertext())
    # The rows above leave the hidden column empty: their cells are as they were.
    for row in rows[:-3]:
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


def test_the_ledgers_last_page_never_begins_with_one_task_above_the_note(
    plan_file: Path, tmp_path: Path
) -> None:
    """The 2023 plan's 附表 ran one row over its first landscape page: LibreOffice printed the
    last task (5.5.3) alone under the repeated header, with the note, on the report's last
    page. The hidden column's merged cell now begins a row higher, so the last two tasks go
    over with the note (LibreOffice), and both carry Word's keep-with-next."""
    write_plan(plan_file, part_of(5))
    out = tmp_path / "总结.docx"
    run("report", "--as-of", "2023-12-31", "-o", str(out))
    (table,) = Document(str(out)).tables
    *above, before_last, last_task, note = table._tbl.tr_lst

    def merge(row: object) -> str | None:
        cell = row.tc_lst[-1]  # type: ignore[attr-defined]
        found = cell.tcPr.find(qn("w:vMerge"))
        return None if found is None else (found.get(qn("w:val")) or "continue")

    assert "1.4" in "".join(before_last.tc_lst[0].itertext())
    assert (merge(before_last), merge(last_task), merge(note)) == (
        "restart",
        "continue",
        "continue",
    )
    for row in above:
        assert row.trPr.find(qn("w:gridAfter")).get(qn("w:val")) == "1"
    # The hidden cell in a task row shows the table's right edge (its left border); in the
    # note's row it has none.
    for row, edge in ((before_last, True), (last_task, True), (note, False)):
        sides = {b.tag for b in row.tc_lst[-1].tcPr.find(qn("w:tcBorders"))}
        assert (qn("w:left") not in sides) is edge
    for row in (before_last, last_task):
        for tc in row.tc_lst[:-1]:
            assert tc.find(qn("w:p")).find(qn("w:pPr")).find(qn("w:keepNext")) is not None
    for tc in above[-1].tc_lst:
        assert tc.find(qn("w:p")).find(qn("w:pPr")).find(qn("w:keepNext")) is None


def test_a_ledger_of_one_task_holds_that_task_with_the_note(
    plan_file: Path, tmp_path: Path
) -> None:
    write_plan(plan_file, [{"id": "1", "title": "抓好项目建设"}])
    out = tmp_path / "总结.docx"
    run("report", "--as-of", "2023-12-31", "-o", str(out))
    (table,) = Document(str(out)).tables
    header, task, note = table._tbl.tr_lst
    assert header.trPr.find(qn("w:gridAfter")).get(qn("w:val")) == "1"
    assert task.tc_lst[-1].tcPr.find(qn("w:vMerge")).get(qn("w:val")) == "restart"
    assert "注：" in "".join(note.tc_lst[0].itertext())


def parts_of_many_tasks() -> list[dict[str, object]]:
    """Seven parts of two goals of five to seven tasks, titles of one or two lines."""
    items: list[dict[str, object]] = []
    for part in range(1, 8):
        items.append({"id": str(part), "title": f"第{part}部分重点工作"})
        for goal in range(1, 3):
            items.append({"id": f"{part}.{goal}", "title": f"第{part}.{goal}项目标"})
            for task in range(1, 5 + part % 3):
                title = f"抓好第{part}.{goal}.{task}个项目建设，确保按期完成" * (1 + task % 2)
                items.append(
                    {"id": f"{part}.{goal}.{task}", "title": title, "lead_unit": "农业综合服务中心"}
                )
    return items


def test_the_ledger_sets_no_page_breaks_of_its_own_so_a_filtered_sheet_prints_its_rows(
    plan_file: Path, tmp_path: Path
) -> None:
    """Session 33 set a manual break (rowBreaks) before each page's first row, so that a part
    or goal row went over with its first task. Filtered to one 责任人 (159 of a 1,060-row
    ledger), LibreOffice printed every break as a page of its own: 56 pages, 7 without the
    breaks; unfiltered, 58 pages where it fills 42. The sheet now leaves its pages to the
    spreadsheet: no manual break, fitted to the page's width with the header on each page."""
    import openpyxl

    write_plan(plan_file, parts_of_many_tasks())
    out = tmp_path / "台账.xlsx"
    run("export", "--as-of", "2023-12-31", "-o", str(out))
    ws = openpyxl.load_workbook(out).active
    assert ws.max_row > 90
    assert list(ws.row_breaks.brk) == []
    assert list(ws.col_breaks.brk) == []
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == "序号")
    assert ws.auto_filter.ref.startswith(f"A{header}:")
    assert ws.print_title_rows == f"${header}:${header}"
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage


def test_english_ledger_headers_are_hyphened_so_the_task_column_keeps_its_width(
    plan_file: Path, tmp_path: Path
) -> None:
    """The English ledger of the 2023 plan: Completion, Baseline, Expected and Problems whole
    took 12, 10, 10 and 10 characters over columns of 0% and 100%, and the task column gave
    up the difference (23 characters against the Chinese ledger's 40). Over the width budget,
    those words are hyphened where they break (Comple- / tion) and the task column keeps the
    width; ``plan import`` reads the hyphened headers back as the whole words."""
    import openpyxl

    from .conftest import REPO_PLAN

    plan_file.write_text(REPO_PLAN.read_text("utf-8"), encoding="utf-8")
    out = tmp_path / "ledger.xlsx"
    run("--lang", "en", "export", "--as-of", "2023-12-31", "-o", str(out))
    ws = openpyxl.load_workbook(out).active
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == "No.")
    cells = [ws.cell(header, c).value for c in range(1, ws.max_column + 1)]
    assert "Comple-\ntion" in cells and "Base-\nline" in cells and "Prob-\nlems" in cells
    task = openpyxl.utils.get_column_letter(cells.index("Task") + 1)
    assert ws.column_dimensions[task].width >= 32
    widths = [
        ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width
        for c in range(1, ws.max_column + 1)
    ]
    assert sum(widths) <= 200  # the width budget
    for text, width in zip(cells, widths, strict=True):  # no word wider than its column
        assert all(len(word) + 2 <= width for word in text.split()), (text, width)
    # Three lines at most, and the header row as tall as them.
    assert ws.row_dimensions[header].height >= 3 * 13.5
    # Read back: the hyphened headers are the columns they were.
    imported = tmp_path / "back.toml"
    run("import", str(out), "-o", str(imported))
    assert "Comple" not in imported.read_text("utf-8")
    assert 'title = "全力实施乡村振兴战略"' in imported.read_text("utf-8")


def test_an_english_ledger_within_the_budget_keeps_its_header_words_whole(
    plan_file: Path, tmp_path: Path
) -> None:
    import openpyxl

    write_plan(plan_file, [{"id": "1", "title": "Roads"}, {"id": "1.1", "title": "Fix G107"}])
    out = tmp_path / "ledger.xlsx"
    run("--lang", "en", "export", "--as-of", "2023-12-31", "-o", str(out))
    ws = openpyxl.load_workbook(out).active
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == "No.")
    cells = [ws.cell(header, c).value for c in range(1, ws.max_column + 1)]
    assert "Completion" in cells and not any("-\n" in text for text in cells)


def test_a_row_that_may_split_across_pages_is_not_held_with_the_note(
    plan_file: Path, tmp_path: Path
) -> None:
    """A task row too tall to keep on one page (over ``WHOLE_ROW_MM``) may split: merged down
    with the last row and the note, it would carry them with it; only the last row is held."""
    items = part_of(3)
    items[2]["title"] = "抓好第2个项目建设，确保按期完成" * 60
    write_plan(plan_file, items)
    out = tmp_path / "总结.docx"
    run("report", "--as-of", "2023-12-31", "-o", str(out))
    (table,) = Document(str(out)).tables
    *_, tall, last_task, _note = table._tbl.tr_lst
    assert tall.trPr.find(qn("w:cantSplit")) is None
    assert tall.trPr.find(qn("w:gridAfter")).get(qn("w:val")) == "1"
    assert last_task.tc_lst[-1].tcPr.find(qn("w:vMerge")).get(qn("w:val")) == "restart"
    # Nor is it kept with the next in Word: a row of half a page would leave a gap above it.
    for tc in tall.tc_lst:
        assert tc.find(qn("w:p")).find(qn("w:pPr")).find(qn("w:keepNext")) is None
