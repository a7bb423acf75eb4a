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


def _rich_plan(runner: CliRunner, town_plan: Path) -> None:
    """The 2023 plan (its parts and goals carry a 具体内容 of a sentence or three) after a
    year's work on a few tasks: owners, a target as worded, one short progress note, a
    blocked task's reason, a 民生实事's investment columns."""
    for change in (
        ("edit", "1.1.1", "--lead", "王建国", "--unit", "农业综合服务中心", "--owner", "张志强"),
        ("edit", "5.5.1", "--measure", "万亩", "--target", "3.3", "--target-text", "3.3万亩以上"),
        ("edit", "5.1", "--lead", "陈卫东", "--unit", "镇重点项目建设服务中心", "--owner", "刘洋"),
        ("done", "1.1.1", "--on", "2023-06-20"),
        ("record", "5.5.1", "3.35", "--on", "2023-10-20"),
        ("note", "5.1", "塔基征地已完成87基，剩余3基正在协调。", "--on", "2023-11-30"),
        ("block", "2.2.2", "--reason", "布展资金未到位，需县财政追加预算", "--on", "2023-08-01"),
    ):
        _run(runner, *change)
    text = town_plan.read_text(encoding="utf-8")
    text = text.replace(
        'id = "5.1"\n', 'id = "5.1"\n"总投资（万元）" = 3260.5\n"资金来源" = "县交通局"\n'
    )
    town_plan.write_text(text, encoding="utf-8")


def _lines(text: str, width: float) -> int:
    from quanhu_plan.exporting.xlsx import lines_in

    return lines_in(text, int(width))


def test_export_squeezes_the_columns_whose_text_wraps_least(
    runner: CliRunner, town_plan: Path, tmp_path: Path
) -> None:
    """A table wider than the page gave up width from every running-text column by its share,
    whatever it held: 具体内容, holding each part's and goal's sentences, went down to 19 (13
    in a plan with more columns: six 汉字) while 进展情况 with one short note kept 23, so the
    parts' rows were up to twelve lines tall and the printed page held a handful of rows. The
    width now comes first from the columns where it costs the fewest lines: the sheet is a
    quarter shorter, the table no wider."""
    _rich_plan(runner, town_plan)
    _run(runner, "export", "--out", "推进表.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "推进表.xlsx").active
    header = next(row for row in sheet.iter_rows() if row[0].value == "序号")
    letter = {str(cell.value).replace("\n", ""): cell.column_letter for cell in header}
    width = {name: sheet.column_dimensions[col].width for name, col in letter.items()}
    assert sum(width.values()) <= 200  # the budget: printed at about 75 % or more
    details = [
        str(row[0])
        for row in sheet.iter_rows(
            min_row=header[0].row + 1,
            min_col=header[0].column + 2,
            max_col=header[0].column + 2,
            values_only=True,
        )
        if row[0]
    ]
    assert width["具体内容"] > width["进展情况"], width
    # The details take fewer lines than they did at 19 (their total over the sheet), the note
    # and the reason a line or two more.
    assert sum(_lines(text, width["具体内容"]) for text in details) < sum(
        _lines(text, 19) for text in details
    )
    total = sum(sheet.row_dimensions[row].height or 15 for row in range(1, sheet.max_row + 1))
    assert total < 1500, total  # squeezed by share alone, 1,840 points


def _notice_texts(folder: Path, tmp_path: Path) -> dict[str, str]:
    """The 通报's prose as each file holds it: the Word file's paragraphs, the Markdown's
    lines, the workbook's cells above and below the table."""
    import docx

    texts = {}
    word = docx.Document(str(tmp_path / "通报.docx"))
    texts["docx"] = "\n".join(paragraph.text for paragraph in word.paragraphs)
    texts["md"] = "\n".join(
        line
        for line in (tmp_path / "通报.md").read_text(encoding="utf-8").splitlines()
        if not line.startswith("|")
    )
    sheet = openpyxl.load_workbook(tmp_path / "通报.xlsx").active
    texts["xlsx"] = "\n".join(
        str(row[0]) for row in sheet.iter_rows(max_col=1, values_only=True) if row[0]
    )
    return texts


def test_county_notice_says_its_days_as_a_notice_does(
    runner: CliRunner, tmp_path: Path, clock
) -> None:
    """The 通报 is headed 截至2023年6月30日 and says 按其结束日2023年12月31日计, but its
    报送要求 paragraph said 最近一次期限为 2023-06-25。截至 2023-06-30，自 2023-05-26 起… and a
    town not reported was listed as （最近填报 2023-05-10）: the terminal's dates, printed in
    the notice sent to the towns. In the Word file, the Markdown and the workbook the prose now
    says its days as the title does (2023年6月25日); the terminal keeps its own."""
    import datetime as dt
    import re

    from .conftest import CST

    folder = _county_folder(tmp_path)
    clock.now = dt.datetime(2023, 5, 10, 9, tzinfo=CST)
    _run(runner, "-f", str(folder / "花桥镇.toml"), "note", "1.1.1", "已制定方案")
    for name in ("通报.docx", "通报.md", "通报.xlsx"):
        result = runner.invoke(app, ["county", str(folder), "--as-of", "2023-06-30", "--out", name])
        assert result.exit_code == 0, result.output
    iso = re.compile(r"\d{4}-\d{2}-\d{2}")
    for kind, text in _notice_texts(folder, tmp_path).items():
        assert not iso.findall(text), (kind, text)
        assert "最近一次期限为2023年6月25日。截至2023年6月30日，自2023年5月26日起" in text, kind
        assert "（最近填报2023年5月10日）" in text, kind
    terminal = runner.invoke(app, ["county", str(folder), "--as-of", "2023-06-30"])
    assert "最近一次期限为 2023-06-25" in terminal.output


def test_report_ledger_breaks_a_long_target_before_its_figure(
    runner: CliRunner, town_plan: Path, tmp_path: Path
) -> None:
    """A target worded at length (完成投资1200万元以上) is wider than the 目标值/完成值 column
    can grow (40 mm): the line was left to Word, which broke it at the edge, inside the unit
    (完成投资1200万元以 / 上/ / 1100万元, as LibreOffice printed it). It now breaks before the
    figure (完成投资 / 1200万元以上/ / 1100万元), each line within the column."""
    import docx

    from quanhu_plan.report.docx_layout import spaced_width_mm

    _run(runner, "edit", "2.2.1", "--measure", "万元", "--target", "1200")
    _run(runner, "edit", "2.2.1", "--target-text", "完成投资1200万元以上")
    _run(runner, "edit", "5.5.1", "--target-text", "粮食播种面积稳定在3.3万亩以上")
    _run(runner, "edit", "5.5.1", "--measure", "万亩", "--target", "3.3")
    _run(runner, "record", "2.2.1", "1100")
    _run(runner, "record", "5.5.1", "3.35")
    _run(runner, "report", "--out", "总结.docx")
    table = docx.Document(str(tmp_path / "总结.docx")).tables[0]
    header = [cell.text for cell in table.rows[0].cells]
    column = header.index("目标值/完成值")
    width_mm = table.columns[column].width.mm
    figures = {
        row.cells[0].text: row.cells[column].text for row in table.rows[1:-1]
    }  # (-1: the note)
    assert figures["2.2.1"] == "完成投资\n1200万元以上/\n1100万元", figures["2.2.1"]
    assert figures["5.5.1"].endswith("3.3万亩以上/\n3.35万亩"), figures["5.5.1"]
    for text in figures.values():
        for line in text.split("\n"):
            assert spaced_width_mm(line) <= width_mm, (line, width_mm)


def test_export_keeps_a_long_note_within_the_tallest_row(
    runner: CliRunner, town_plan: Path, tmp_path: Path
) -> None:
    """A 进展情况 of a few hundred characters (a month's report pasted in) in a column squeezed
    to 14 took 57 lines: the row stopped at Excel's tallest (409 points, 30 lines) and the
    rest of the note was never printed, nor seen without clicking into the cell. A text
    column is now kept wide enough for its longest cell to fit in the tallest row (up to the
    column's widest), the other columns giving up the width."""
    from quanhu_plan.exporting.xlsx import LINE_HEIGHT, ROW_PADDING, TALLEST_ROW, lines_in

    _rich_plan(runner, town_plan)
    note = (
        "今年以来，我镇围绕农耕文化体验馆项目建设，多次召开专题调度会议，协调解决征地拆迁、"
        "资金筹措、施工组织等方面的问题，项目主体工程已于九月底完工，室内装修和布展工作正在"
        "有序推进，"
    ) * 4
    _run(runner, "note", "2.2.1", note)
    _run(runner, "export", "--out", "推进表.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "推进表.xlsx").active
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == note)
    width = sheet.column_dimensions[cell.column_letter].width
    height = sheet.row_dimensions[cell.row].height
    needed = lines_in(note, int(width)) * LINE_HEIGHT + ROW_PADDING
    assert needed <= height < TALLEST_ROW, (width, height, needed)
    header = next(row for row in sheet.iter_rows() if row[0].value == "序号")
    assert sum(sheet.column_dimensions[c.column_letter].width for c in header) <= 200
