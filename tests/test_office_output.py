"""What an office opens and prints: titles written over several lines read
on one line in the report, a ledger row taller than a page may break across pages, headers break
where they should, and the county view tells apart plans that share an organisation's name."""

from __future__ import annotations

import datetime as dt
import json
from io import BytesIO
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan


def qn(tag: str) -> str:
    from docx.oxml.ns import qn as namespaced

    return str(namespaced(tag))


def open_docx(path: Path) -> Any:
    import docx

    return docx.Document(BytesIO(path.read_bytes()))


# ---------------------------------------------------------------- titles over several lines

BROKEN_TITLES: list[dict[str, Any]] = [
    {"id": "1", "title": "基础\n设施"},
    {"id": "1.1", "title": "修建村级\n文化广场", "due": dt.date(2023, 6, 30), "reason": "用地未批"},
    {"id": "1.2", "title": "安装\n路灯", "status": "done", "done_on": dt.date(2023, 3, 1)},
    {"id": "2", "title": "Build\nroads"},
    {"id": "2.1", "title": "Repair\nthe bridge", "status": "blocked", "reason": "no funds"},
]


def test_report_title_over_two_lines_reads_on_one_line_in_every_sentence(runner, plan_file):
    write_plan(plan_file, BROKEN_TITLES)
    assert runner.invoke(app, ["report", "--out", "r.docx"]).exit_code == 0
    document = open_docx(plan_file.parent / "r.docx")
    texts = [p.text for p in document.paragraphs]
    body = "\n".join(texts)
    assert "修建村级\n" not in body and "安装\n" not in body and "基础\n" not in body
    assert any(t.startswith("一是修建村级文化广场：") for t in texts), texts
    assert any("安装路灯" in t for t in texts)
    assert "（一）基础设施" in texts
    assert any("Repair the bridge" in t for t in texts)
    xml = document.element.xml
    assert "<w:br/>" not in xml.split("<w:tbl>")[0]  # no line break in the body's paragraphs
    ledger = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert ["1.1", "修建村级文化广场"] == ledger[1][:2]

    markdown = runner.invoke(app, ["report", "--format", "md"]).output
    assert "一是修建村级文化广场：" in markdown and "### （一）基础设施" in markdown
    terminal = runner.invoke(app, ["report"]).output
    assert "一是修建村级文化广场：" in terminal
    data = json.loads(runner.invoke(app, ["report", "--format", "json"]).output)
    assert data["problems"][0]["name"] == "修建村级文化广场"


def test_report_title_with_a_line_separator_reads_on_one_line(runner, plan_file):
    """A title pasted from Word or a web page may break at U+2028 (or U+2029), which every
    output shows as the line break it stands for: the report folds it as it folds a line
    feed, so a Markdown ledger row, a heading or a sentence is not cut in two."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "基础\u2029设施"},
            {"id": "1.1", "title": "修建村级\u2028文化广场", "status": "blocked", "reason": "用地"},
            {"id": "2", "title": "Build\u2028roads"},
            {"id": "2.1", "title": "Repair\u2028the bridge", "status": "blocked", "reason": "x"},
        ],
    )
    markdown = runner.invoke(app, ["report", "--format", "md"]).output
    assert "| 1.1 | 修建村级文化广场 |" in markdown
    assert "一是修建村级文化广场：" in markdown and "### （一）基础设施" in markdown
    assert "Repair the bridge" in markdown
    terminal = runner.invoke(app, ["report"]).output
    assert "一是修建村级文化广场：" in terminal
    assert runner.invoke(app, ["report", "--out", "r.docx"]).exit_code == 0
    document = open_docx(plan_file.parent / "r.docx")
    assert "<w:br/>" not in document.element.xml.split("<w:tbl>")[0]
    assert "（一）基础设施" in [p.text for p in document.paragraphs]


# ---------------------------------------------------------------- a ledger row taller than a page


def test_word_ledger_row_taller_than_half_a_page_may_break_the_rest_stay_whole(runner, plan_file):
    """Word cuts off a row that may not break and is taller than the page (LibreOffice breaks
    it anyway): a row of an 800-character title may break across pages, under the repeated
    header; a row of ordinary length still never splits."""
    long_title = "".join(f"第{n}段很长的任务名称" for n in range(1, 81))
    write_plan(
        plan_file,
        [
            # Every column of the ledger filled: the task column takes what the others leave,
            # and the long title about thirty lines.
            {"id": "1", "title": "部分", "lead": "张三", "lead_unit": "农业综合服务中心"},
            {"id": "1.1", "title": "短任务", "measure": "处", "target": 40, "actual": 20},
            {"id": "1.2", "title": long_title, "due": dt.date(2023, 6, 30)},
            {"id": "1.3", "title": "修塘" * 40, "status": "done", "done_on": dt.date(2023, 3, 1)},
        ],
    )
    assert runner.invoke(app, ["report", "--out", "r.docx"]).exit_code == 0
    (table,) = open_docx(plan_file.parent / "r.docx").tables

    def whole(row: Any) -> bool:
        properties = row._tr.trPr
        flag = properties.find(qn("w:cantSplit")) if properties is not None else None
        return flag is not None and flag.get(qn("w:val")) in (None, "true", "1")

    rows = {row.cells[0].text: row for row in table.rows}
    assert whole(rows["序号"]) and rows["序号"]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert len(rows["1.1"].cells) == 9  # every column shown
    assert whole(rows["1.1"]) and whole(rows["1.3"])  # 80 characters: about eight lines
    assert not whole(rows["1.2"])
    assert rows["1.2"].cells[1].text == long_title  # all of it, not cut


# ---------------------------------------------------------------- the ledger's header


def test_word_ledger_header_breaks_after_the_slash_and_never_inside_a_word(runner, plan_file):
    """目标值/完成值 in its 28 mm column: on two lines after the slash (目标值/ 完成值), not
    目标值/完成 and 值 under it; in English, Completion gets a column it fits in, not Compl
    and etion."""
    from quanhu_plan.report.docx_layout import CELL_PADDING_MM, MM_PER_PT, TABLE_SIZE

    items = [
        {"id": "1", "title": "修塘", "lead": "张三", "lead_unit": "水利站", "owner": "李四"},
        {
            "id": "1.1",
            "title": "清淤",
            "due": dt.date(2023, 6, 30),
            "status": "done",
            "done_on": dt.date(2023, 6, 1),
        },  # fmt: skip
        {"id": "1.2", "title": "护砌", "measure": "米", "target": 3000, "actual": 2000},
    ]
    write_plan(plan_file, items)
    assert runner.invoke(app, ["report", "--out", "zh.docx"]).exit_code == 0
    header = [cell.text for cell in open_docx(plan_file.parent / "zh.docx").tables[0].rows[0].cells]
    assert "责任单位/\n责任人" in header
    # (目标值/完成值 is as wide as its figure, 3000米/2000米, and its header on one line)
    assert "目标值/完成值" in header or "目标值/\n完成值" in header
    assert runner.invoke(app, ["--lang", "en", "report", "--out", "en.docx"]).exit_code == 0
    table = open_docx(plan_file.parent / "en.docx").tables[0]
    header = [cell.text for cell in table.rows[0].cells]
    column = header.index("Completion")
    width_mm = int(table._tbl.tblGrid.findall(qn("w:gridCol"))[column].get(qn("w:w"))) / 56.7
    # "Completion" in bold Times New Roman is about five ems wide.
    assert width_mm >= 5 * TABLE_SIZE * MM_PER_PT + CELL_PADDING_MM


# ---------------------------------------------------------------- plans sharing a name


def test_county_names_plans_sharing_an_organisation_with_their_files(tmp_path, monkeypatch):
    """Two towns' files both say 衡南县泉湖镇人民政府 (or a copy of one plan under another file
    name): each row says its file after the name, in every format, so the county office can
    tell them apart and find the file; a name no other plan has stays as it is."""
    import openpyxl

    from .test_county import town_doc, write

    folder = tmp_path / "county"
    write(folder / "quanhu.toml", town_doc("衡南县泉湖镇人民政府", tasks=20, seed=1))
    # Not an exact copy, which is counted once (test_county_copies): a plan of the same name.
    write(folder / "quanhu-copy.toml", town_doc("衡南县泉湖镇人民政府", tasks=20, seed=6))
    write(folder / "other.toml", town_doc("衡南县泉湖镇人民政府", tasks=30, seed=2))
    write(folder / "huaqiao.toml", town_doc("衡南县花桥镇人民政府", tasks=10, seed=3))
    # Each town in a folder of its own: the folder tells the files apart.
    write(folder / "east" / "plan.toml", town_doc("衡南县云集镇人民政府", tasks=10, seed=4))
    write(folder / "west" / "plan.toml", town_doc("衡南县云集镇人民政府", tasks=12, seed=5))
    runner = CliRunner()

    names = {"衡南县泉湖镇人民政府（quanhu.toml）", "衡南县泉湖镇人民政府（quanhu-copy.toml）",
             "衡南县泉湖镇人民政府（other.toml）", "衡南县花桥镇人民政府",
             "衡南县云集镇人民政府（east/plan.toml）", "衡南县云集镇人民政府（west/plan.toml）"}  # fmt: skip
    monkeypatch.setenv("COLUMNS", "200")
    shown = runner.invoke(app, ["county", str(folder), "--as-of", "2023-06-30"])
    assert shown.exit_code == 0, shown.output
    for name in names:
        assert name in shown.output
    markdown = runner.invoke(
        app, ["county", str(folder), "--as-of", "2023-06-30", "--format", "md"]
    )
    rows = [line.split(" | ")[1] for line in markdown.output.splitlines() if line.startswith("| ")]
    assert set(rows[1:]) == names
    out = tmp_path / "notice.xlsx"
    args = ["county", str(folder), "--as-of", "2023-06-30", "--out", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    cells = {str(c.value) for row in openpyxl.load_workbook(out).active.iter_rows() for c in row}
    assert names <= cells
    out = tmp_path / "notice.docx"
    args = ["county", str(folder), "--as-of", "2023-06-30", "--out", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    table = open_docx(out).tables[-1]
    assert names <= {cell.text for row in table.rows for cell in row.cells}
