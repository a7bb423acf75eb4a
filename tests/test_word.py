"""plan report --format docx: a Word document an office can file unchanged — the page, the
fonts, the ledger's table, the document's properties and the 落款; and, where LibreOffice is
installed, the PDF it prints."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.building import plan_from_doc
from quanhu_plan.cli import app
from quanhu_plan.report import year_end_report
from quanhu_plan.report.docx import LEDGER_WIDTHS, docx_bytes
from quanhu_plan.report.docx_layout import BODY_PITCH
from quanhu_plan.report.docx_note import HIDDEN_COLUMN_TWIPS

from .conftest import REPO, REPO_PLAN, plan_doc, write_plan
from .test_report import ITEMS

EXAMPLE = REPO / "examples" / "quanhu-2022.toml"
NOW = dt.datetime(2024, 1, 5, 9, 30, tzinfo=dt.UTC)


def qn(tag: str) -> str:
    from docx.oxml.ns import qn as namespaced

    return str(namespaced(tag))


def open_docx(data: bytes) -> Any:
    from io import BytesIO

    import docx

    return docx.Document(BytesIO(data))


def report_bytes(items: list[dict[str, Any]] = ITEMS, **meta: Any) -> bytes:
    plan = plan_from_doc(plan_doc(items, **meta))
    return docx_bytes(year_end_report(plan, dt.date(2023, 12, 31), "zh"), now=NOW)


@pytest.fixture(scope="module")
def data() -> bytes:
    return report_bytes()


@pytest.fixture(scope="module")
def word(data: bytes) -> Any:
    return open_docx(data)


def widths_of(table: Any) -> tuple[list[int], list[list[int]]]:
    """The grid's column widths and each row's cell widths, in twips, but for the note's row
    and the hidden column that keeps it with the last task (``docx_note``)."""
    grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    cells = [
        [int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for tc in row._tr.findall(qn("w:tc"))]
        for row in task_rows(table)
    ]
    return grid[:-1], [row[: len(grid) - 1] for row in cells]


def task_rows(table: Any) -> list[Any]:
    """The ledger's header and rows, without the note's row under them (``docx_note``)."""
    rows = list(table.rows)
    return rows[:-1] if rows and rows[-1].cells[0].text.startswith("注：") else rows


def ledger_texts(table: Any) -> list[list[str]]:
    """Each row's cell texts, the hidden column's left out."""
    columns = len(table.rows[0].cells)
    return [[cell.text for cell in row.cells][:columns] for row in task_rows(table)]


# ---------------------------------------------------------------- the body


def test_word_document_has_title_headings_and_paragraphs(word):
    paragraphs = [(p.style.name, p.text) for p in word.paragraphs]
    assert paragraphs[0] == ("Title", "测试镇2023年工作计划完成情况总结")
    headings = [text for style, text in paragraphs if style.startswith("Heading")]
    assert headings[:3] == ["一、总体情况", "二、主要成绩", "（一）基础设施"]
    for heading in ("三、存在的问题", "四、下一步打算", "附表：任务完成情况台账"):
        assert heading in headings
    texts = [text for _, text in paragraphs]
    assert (
        "1. 修塘40处，目标40处，完成率100%，较上年增加10处（2023年10月20日完成）。"
        "销号依据：修塘验收表.pdf。" in texts
    )
    assert any(text.startswith("一是[x] 自建房排查") for text in texts)


def test_word_levels_below_a_part_are_body_paragraphs_goal_and_task_alike():
    items = [
        {"id": "1", "title": "基础设施"},
        {"id": "1.1", "title": "水利"},
        {"id": "1.1.1", "title": "修塘", "status": "done"},
        {"id": "1.2", "title": "路灯", "status": "done"},
    ]
    document = open_docx(report_bytes(items))
    styles = {p.text: p.style.name for p in document.paragraphs}
    assert styles["（一）基础设施"] == "Heading 2"
    # A goal and a task at the same level (1. and 2.) look the same; so do the levels below.
    assert styles["1. 水利"] == styles["2. 路灯。"] == styles["（1）修塘。"] == "Normal"


def test_word_page_is_a4_portrait_with_gbt_9704_margins(word):
    section = word.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert round(section.top_margin.mm) == 37 and round(section.bottom_margin.mm) == 35
    assert round(section.left_margin.mm) == 28 and round(section.right_margin.mm) == 26


def test_word_names_fonts_every_chinese_windows_has_and_drops_theme_fonts(word):
    def fonts(style: str) -> dict[str, str]:
        element = word.styles[style].element.rPr.rFonts
        return {key.split("}")[1]: value for key, value in element.attrib.items()}

    assert fonts("Normal")["eastAsia"] == "仿宋"
    assert fonts("Title")["eastAsia"] == "宋体"  # 方正小标宋简体 is not shipped with Windows
    assert fonts("Heading 1")["eastAsia"] == "黑体"
    assert fonts("Heading 2")["eastAsia"] == "楷体"
    for style in ("Normal", "Title", "Heading 1", "Heading 2"):
        assert fonts(style)["ascii"] == "Times New Roman"
        assert not any(key.endswith("Theme") or key == "cstheme" for key in fonts(style))
    # No face of the GB2312 era that a PC may lack.
    styles = word.styles.element.xml
    assert "GB2312" not in styles and "方正" not in styles
    cell_run = word.tables[0].rows[1].cells[1].paragraphs[0].runs[0]
    assert cell_run.element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"


def test_word_headings_stand_out_where_every_face_falls_back_to_one(word):
    # Bold, so that without the Chinese faces a heading still differs from the body.
    assert word.styles["Title"].font.bold and word.styles["Title"].font.size.pt == 22
    assert word.styles["Heading 1"].font.bold and word.styles["Heading 2"].font.bold
    assert not word.styles["Normal"].font.bold


def test_word_ends_with_the_organisation_and_the_date_right_aligned(word):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    body = word.paragraphs[: next(n for n, p in enumerate(word.paragraphs) if "附表" in p.text)]
    texts = [p.text for p in body if p.text]
    assert texts[-2:] == ["测试镇人民政府", "2023年12月31日"]
    signature = [p for p in body if p.text in texts[-2:]]
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.RIGHT for p in signature)
    # The organisation signs at the end, not again under the title.
    assert [p.text for p in body[:3]] == [
        "测试镇2023年工作计划完成情况总结",
        "截至2023年12月31日",
        "",
    ]


# ---------------------------------------------------------------- the ledger


def test_word_ledger_is_a_table_with_the_lead_and_the_figures(word):
    (table,) = word.tables
    rows = ledger_texts(table)
    # Columns no task fills (责任领导 here) are left out, as in the terminal.
    # Two names joined by a slash break after it (``docx.header_lines``); 目标值/完成值 is as
    # wide as its longest figure (40处/40处), on one line.
    assert rows[0] == ["序号", "任务", "责任单位/\n责任人", "目标值/完成值", "完成时限", "状态", "完成率", "完成日期"]  # fmt: skip
    assert ["2.2", "[x] 自建房排查", "规划办/王五", "", "6月30日", "受阻（逾期，红灯）", "0%", ""] in rows  # fmt: skip
    assert ["1.1", "修塘", "", "40处/40处", "", "已完成", "100%", "10月20日"] in rows
    assert len(rows) == 12
    led = open_docx(report_bytes([{"id": "1", "title": "修塘", "lead": "张三"}])).tables[0]
    assert [cell.text for cell in led.rows[0].cells][2] == "责任领导"
    assert [cell.text for cell in led.rows[1].cells][2] == "张三"


def test_word_ledger_grid_widths_equal_the_cell_widths(word):
    grid, cells = widths_of(word.tables[0])
    assert all(row == grid for row in cells)
    table_width = word.tables[0]._tbl.tblPr.find(qn("w:tblW"))
    hidden = HIDDEN_COLUMN_TWIPS  # (the column that keeps the note with the last row)
    assert (table_width.get(qn("w:type")), int(table_width.get(qn("w:w")))) == (
        "dxa",
        sum(grid) + hidden,
    )
    layout = word.tables[0]._tbl.tblPr.find(qn("w:tblLayout"))
    assert layout is not None and layout.get(qn("w:type")) == "fixed"


def test_word_ledger_task_column_is_the_widest_and_the_table_fills_the_landscape_page(word):
    grid, _ = widths_of(word.tables[0])
    header = [cell.text for cell in word.tables[0].rows[0].cells]
    assert grid.index(max(grid)) == header.index("任务")
    assert grid.count(max(grid)) == 1
    section = word.sections[-1]
    between_margins = (section.page_width - section.left_margin - section.right_margin) / 635
    assert abs(sum(grid) - between_margins) <= len(grid)  # twips (635 EMU) lost to rounding
    assert sum(LEDGER_WIDTHS) == 225 and max(LEDGER_WIDTHS) == LEDGER_WIDTHS[1]


def test_word_ledger_with_every_column_keeps_the_task_widest():
    items = [
        {"id": "1", "title": "修塘", "lead": "张三", "lead_unit": "水利站", "owner": "李四"},
        {
            "id": "1.1",
            "title": "清淤",
            "due": dt.date(2023, 6, 30),
            "status": "done",
            "done_on": dt.date(2023, 6, 1),
        },
        {"id": "1.2", "title": "护砌", "measure": "米", "target": 3000, "actual": 3000},
    ]
    table = open_docx(report_bytes(items)).tables[0]
    grid, cells = widths_of(table)
    header = [cell.text for cell in table.rows[0].cells]
    assert len(header) == 9
    assert all(row == grid for row in cells)
    assert grid.index(max(grid)) == header.index("任务")


def test_word_ledger_starts_a_landscape_section_on_a_new_page(word):
    from docx.enum.section import WD_ORIENT, WD_SECTION

    assert len(word.sections) == 2
    ledger = word.sections[1]
    assert ledger.start_type == WD_SECTION.NEW_PAGE
    assert ledger.orientation == WD_ORIENT.LANDSCAPE
    assert round(ledger.page_width.mm) == 297 and round(ledger.page_height.mm) == 210
    # The body's section ends before the 附表 heading: the table is all in the new section.
    body = list(word.element.body)
    first_end = next(n for n, e in enumerate(body) if e.find(f".//{qn('w:sectPr')}") is not None)
    heading = next(n for n, e in enumerate(body) if "附表" in "".join(e.itertext()))
    table = next(n for n, e in enumerate(body) if e.tag == qn("w:tbl"))
    assert first_end < heading < table
    # The page number goes on in the new section.
    assert ledger.footer.is_linked_to_previous


def test_word_ledger_rows_do_not_split_and_the_header_repeats(word):
    (table,) = word.tables
    for row in table.rows:
        flag = row._tr.trPr.find(qn("w:cantSplit"))
        assert flag is not None and flag.get(qn("w:val")) in (None, "true", "1")
    header = table.rows[0]._tr.trPr.find(qn("w:tblHeader"))
    assert header is not None
    assert all(row._tr.trPr.find(qn("w:tblHeader")) is None for row in table.rows[1:])


def test_word_ledger_note_never_stands_alone_on_a_page(word):
    # The last two rows keep with the note under it (on the 2023 plan, the note alone was on
    # the last page, then with one task above it); the note is the table's last row
    # (``docx_note``, tests/test_print_s33F.py).
    (table,) = word.tables
    *others, before, last = task_rows(table)
    for row in (before, last):
        assert all(cell.paragraphs[0].paragraph_format.keep_with_next for cell in row.cells[:-1])
    assert not any(
        p.paragraph_format.keep_with_next for r in others[1:] for c in r.cells for p in c.paragraphs
    )
    assert "注：" in table.rows[-1].cells[0].text


def test_word_ledger_shades_the_status_cell_in_schema_order(word):
    (table,) = word.tables
    status = [cell.text for cell in table.rows[0].cells].index("状态")
    row = next(r for r in table.rows if r.cells[0].text == "2.2")
    properties = row.cells[status]._tc.tcPr
    assert properties.find(qn("w:shd")).get(qn("w:fill")) == "FFC7CE"
    order = [child.tag for child in properties]
    assert order.index(qn("w:shd")) < order.index(qn("w:vAlign"))  # Word is strict about it


# ---------------------------------------------------------------- document properties


def test_word_properties_say_title_organisation_and_now(word):
    properties = word.core_properties
    assert properties.title == "测试镇2023年工作计划完成情况总结"
    assert properties.author == "测试镇人民政府"
    assert properties.created == properties.modified == NOW
    assert properties.comments == ""  # no "generated by python-docx"


def test_word_has_no_template_thumbnail_description_or_foreign_application(data):
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as package:
        names = package.namelist()
        core = package.read("docProps/core.xml").decode()
        app_xml = package.read("docProps/app.xml").decode()
        rels = package.read("_rels/.rels").decode()
        types = package.read("[Content_Types].xml").decode()
    assert not any("thumbnail" in name for name in names)
    assert "thumbnail" not in rels and "jpeg" not in types
    assert "python-docx" not in core and "description" not in core
    assert "2013" not in core
    assert "<Application>quanhu-plan</Application>" in app_xml
    assert "Microsoft" not in app_xml and "Normal.dotm" not in app_xml
    assert "<Company>测试镇人民政府</Company>" in app_xml


def test_word_created_is_the_clock_when_none_is_given(runner, plan_file, tmp_path):
    write_plan(plan_file, ITEMS)
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    target = tmp_path / "总结.docx"
    result = runner.invoke(app, ["report", "--out", str(target)])
    assert result.exit_code == 0, result.output
    after = dt.datetime.now(dt.UTC)
    properties = open_docx(target.read_bytes()).core_properties
    assert before <= properties.created <= after
    assert properties.modified == properties.created


# ---------------------------------------------------------------- what LibreOffice prints

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDF_TOOLS = shutil.which("pdftotext") and shutil.which("pdfinfo")


def task_titles(plan_path: Path) -> list[str]:
    import tomllib

    items = tomllib.loads(plan_path.read_text(encoding="utf-8"))["item"]
    ids = {item["id"] for item in items}
    leaves = [item for item in items if not any(i.startswith(item["id"] + ".") for i in ids)]
    return [item["title"] for item in leaves]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.skipif(not PDF_TOOLS, reason="poppler-utils (pdftotext, pdfinfo) is not installed")
def test_libreoffice_prints_every_task_on_a_sane_number_of_pages(tmp_path):
    """The 2023 plan and the 2022 example, converted as an office would print them: A4 pages,
    the ledger on landscape ones, every task title in the text."""
    runner = CliRunner()
    plans = {"2023": REPO_PLAN, "2022": EXAMPLE}
    for name, plan in plans.items():
        out = tmp_path / f"{name}.docx"
        result = runner.invoke(app, ["-f", str(plan), "report", "--out", str(out)])
        assert result.exit_code == 0, result.output
    profile = (tmp_path / "lo-profile").as_uri()  # its own profile: no clash with a running one
    subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *(str(tmp_path / f"{name}.docx") for name in plans),
        ],
        check=True,
        capture_output=True,
        timeout=120,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    for name, plan in plans.items():
        pdf = tmp_path / f"{name}.pdf"
        info = subprocess.run(
            ["pdfinfo", "-f", "1", "-l", "99", str(pdf)], capture_output=True, text=True, check=True
        ).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
        titles = task_titles(plan)
        # The body (a few tasks a page) and the ledger (about fifteen rows a page).
        assert 3 <= pages <= 4 + len(titles) // 4, (name, pages)
        sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.M)
        shapes = ["landscape" if float(w) > float(h) else "portrait" for w, h in sizes]
        assert shapes[0] == "portrait" and shapes[-1] == "landscape", (name, shapes)
        assert shapes == sorted(shapes, key=lambda shape: shape == "landscape")  # ledger last
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        flat = re.sub(r"\s+", "", text)
        missing = [title for title in titles if re.sub(r"\s+", "", title) not in flat]
        assert missing == [], (name, missing)
        assert "衡南县泉湖镇人民政府" in flat and "附表：任务完成情况台账" in flat


# ---------------------------------------------------------------- Chinese punctuation


def runs_of(document: Any) -> list[Any]:
    """Every run of the body and of the footers (the page number's "— 1 —")."""
    found = list(document.element.body.iter(qn("w:r")))
    for section in document.sections:
        found += list(section.footer._element.iter(qn("w:r")))
    return found


def hint_of(run: Any) -> str | None:
    fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    return None if fonts is None else fonts.get(qn("w:hint"))


def text_of(run: Any) -> str:
    return "".join(t.text or "" for t in run.iter(qn("w:t")))


def test_word_sets_chinese_quotes_dashes_and_ellipses_in_the_chinese_face():
    """Word sets “ ” ‘ ’ — … (General Punctuation) in the Latin font (Times New Roman: narrow
    quotes, a dash too short) unless the run says w:hint="eastAsia" (MS-OI29500, rFonts). In a
    Chinese document every run says so; in an English one, each run that holds Chinese."""
    items = [
        {"id": "1", "title": "发展“四香”产业——特色农业……"},
        {
            "id": "1.1",
            "title": "抓好“泉湖二月八”项目",
            "status": "blocked",
            "reason": "资金‘未到位’",
        },
        {"id": "1.2", "title": "Build the “bridge” — now", "status": "done"},
    ]
    plan = plan_from_doc(plan_doc(items))
    zh = open_docx(docx_bytes(year_end_report(plan, dt.date(2023, 12, 31), "zh"), now=NOW))
    runs = runs_of(zh)
    assert any("“四香”" in text_of(run) for run in runs)
    unhinted = [text_of(run) for run in runs if hint_of(run) != "eastAsia"]
    assert unhinted == []

    en = open_docx(docx_bytes(year_end_report(plan, dt.date(2023, 12, 31), "en"), now=NOW))
    chinese = [run for run in runs_of(en) if re.search("[\u4e00-\u9fff]", text_of(run))]
    assert chinese and all(hint_of(run) == "eastAsia" for run in chinese)
    english = [
        run for run in runs_of(en) if text_of(run) and not re.search("[^\x00-\u2fff]", text_of(run))
    ]
    assert english and all(hint_of(run) is None for run in english)


def test_word_ledger_number_column_holds_a_six_level_number_on_one_line():
    """序号 was 15 mm: 2.1.1.1.2.1 broke after its fourth dot (2.1.1.1. / 2.1), every row two
    lines tall. The column is as wide as its longest number (the task column gives the width);
    the table still fills the page."""
    items = [
        {"id": "1", "title": "部分"},
        {"id": "1.1", "title": "目标"},
        {"id": "1.1.1", "title": "分目标"},
        {"id": "1.1.1.1", "title": "子目标"},
        {"id": "1.1.1.1.1", "title": "子子目标"},
        {"id": "1.1.1.1.1.12", "title": "修塘", "owner": "李四"},
    ]
    from quanhu_plan.report.docx_layout import fitting_width_mm

    table = open_docx(report_bytes(items)).tables[0]
    grid, _ = widths_of(table)
    assert table.rows[1].cells[0].text == "1.1.1.1.1.12"
    assert grid[0] / 56.7 >= fitting_width_mm("1.1.1.1.1.12") - 0.1  # twips to mm, rounded
    assert abs(sum(grid) / 56.7 - 225) < 1
    header = [cell.text for cell in table.rows[0].cells]
    assert grid.index(max(grid)) == header.index("任务")
    # A short number keeps the column as it was.
    grid, _ = widths_of(open_docx(report_bytes([{"id": "1", "title": "修塘"}])).tables[0])
    assert round(grid[0] / 56.7) == 15


def test_word_and_markdown_ledgers_write_dates_as_a_chinese_table_does():
    """完成时限 and 完成日期 read 2023-06-30, 2023-Q3 and 2023-05 in the Chinese ledger: no
    Chinese document writes a quarter as Q3. They read 6月30日, 第三季度 and 5月底 (the
    report's year goes without saying, as the title states it), short enough for their
    columns; a day in another year keeps its year. English keeps the ISO forms."""
    from quanhu_plan.report.markdown import to_markdown

    items = [
        {"id": "1", "title": "修塘", "due": dt.date(2023, 6, 30), "status": "done",
         "done_on": dt.date(2023, 5, 1)},
        {"id": "2", "title": "清淤", "due": "2023-Q3"},
        {"id": "3", "title": "护砌", "due": "2023-05"},
        {"id": "4", "title": "验收", "due": dt.date(2024, 3, 31)},
    ]  # fmt: skip
    plan = plan_from_doc(plan_doc(items))
    report = year_end_report(plan, dt.date(2023, 12, 31), "zh")
    table = open_docx(docx_bytes(report, now=NOW)).tables[0]
    header = [cell.text for cell in table.rows[0].cells]
    due, done = header.index("完成时限"), header.index("完成日期")
    rows = {row.cells[0].text: [cell.text for cell in row.cells] for row in table.rows[1:]}
    assert (rows["1"][due], rows["1"][done]) == ("6月30日", "5月1日")
    assert (rows["2"][due], rows["3"][due], rows["4"][due]) == (
        "第三季度",
        "5月底",
        "2024年3月31日",
    )
    markdown = to_markdown(report)
    assert "| 1 | 修塘 |  |  |  | 6月30日 | 已完成 | 100% | 5月1日 |" in markdown
    assert "| 2 | 清淤 |  |  |  | 第三季度 |" in markdown

    english = year_end_report(plan, dt.date(2023, 12, 31), "en")
    table = open_docx(docx_bytes(english, now=NOW)).tables[0]
    texts = [[cell.text for cell in row.cells] for row in table.rows]
    assert "2023-06-30" in texts[1] and "2023-05-01" in texts[1] and "2023-Q3" in texts[2]
    assert "| 2 | 清淤 |  |  |  | 2023-Q3 |" in to_markdown(english)


def test_word_ledger_right_aligns_the_completion_rate_as_a_column_of_figures():
    """完成率 was centred: 100%, 30% and 5% did not line up on their last digit. It is
    right-aligned, as the workbook's figures are; its header stays centred."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    items = [
        {"id": "1", "title": "修塘", "status": "done"},
        {"id": "2", "title": "清淤", "progress": 30, "status": "doing"},
        {"id": "3", "title": "护砌", "progress": 5, "status": "doing"},
    ]
    table = open_docx(report_bytes(items)).tables[0]
    header = [cell.text for cell in table.rows[0].cells]
    rate = header.index("完成率")
    assert table.rows[0].cells[rate].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    for row in task_rows(table)[1:]:
        assert row.cells[rate].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert [row.cells[rate].text for row in task_rows(table)[1:]] == ["100%", "30%", "5%"]


def test_word_signature_sets_the_date_two_characters_in_from_the_organisation():
    """GB/T 9704 (7.3.5.3): the organisation two characters in from the right margin, the date
    under it starting two characters right of the organisation's first character; a date longer
    than that keeps two characters from the margin and the organisation moves left. Both were
    simply right-aligned two characters in, the date's start nowhere in particular."""

    def indents(organisation: str) -> dict[str, float]:
        document = open_docx(report_bytes(organisation=organisation))
        body = document.paragraphs[
            : next(n for n, p in enumerate(document.paragraphs) if "附表" in p.text)
        ]
        signed = [p for p in body if p.text][-2:]
        return {p.text: round(p.paragraph_format.right_indent.pt / BODY_PITCH, 1) for p in signed}

    # 衡南县泉湖镇人民政府 is 10 characters, 2023年12月31日 7 (digits are half as wide): the date
    # starts 2 in from the organisation, so it ends 10 - 2 - 7 = 1 character left of it.
    assert indents("衡南县泉湖镇人民政府") == {"衡南县泉湖镇人民政府": 2, "2023年12月31日": 3}
    # 测试镇人民政府 (7) is shorter than the date and its 2 characters: the date keeps its 2, the
    # organisation moves to start 2 left of the date (2 + 7 + 2 - 7 = 4).
    assert indents("测试镇人民政府") == {"测试镇人民政府": 4, "2023年12月31日": 2}


def test_word_page_numbers_sit_as_gbt_9704_sets_them(word):
    """GB/T 9704 (7.5): the page number in 4号 (14 pt) 宋体 between two 一字线, odd pages one
    character in from the right, even pages one character in from the left, about 7 mm under
    the text. It was centred on every page in the body's 三号 仿宋 at a 28 pt line, 12 mm
    further down."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    assert word.settings.odd_and_even_pages_header_footer
    first = word.sections[0]
    odd, even = first.footer.paragraphs[0], first.even_page_footer.paragraphs[0]
    for paragraph, side in ((odd, WD_ALIGN_PARAGRAPH.RIGHT), (even, WD_ALIGN_PARAGRAPH.LEFT)):
        assert paragraph.alignment == side
        xml = paragraph._p.xml
        assert 'w:instr="PAGE"' in xml and paragraph.text.startswith("— ")
        assert paragraph.text.endswith(" —")
        for run in paragraph._p.iter(qn("w:r")):
            fonts = run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
            size = run.find(f"{qn('w:rPr')}/{qn('w:sz')}")
            assert fonts.get(qn("w:ascii")) == "宋体" and fonts.get(qn("w:eastAsia")) == "宋体"
            assert size.get(qn("w:val")) == "28"  # half-points: 14 pt
        assert paragraph.paragraph_format.line_spacing_rule == 0  # single
    assert odd.paragraph_format.right_indent.pt == 14 and not odd.paragraph_format.left_indent
    assert even.paragraph_format.left_indent.pt == 14 and not even.paragraph_format.right_indent
    # The line's top about 7 mm under the text: 35 mm margin - 7 mm - a 14 pt line (about 6 mm).
    assert 20 <= first.footer_distance.mm <= 23
    landscape = word.sections[-1]
    assert 11 <= landscape.footer_distance.mm <= 14  # its bottom margin is 26 mm
