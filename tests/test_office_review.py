"""What an office opens and prints, as found in review: titles written over several lines read
on one line in the report, a ledger row taller than a page may break across pages, headers break
where they should, and the county view tells apart plans that share an organisation's name."""

from __future__ import annotations

import datetime as dt
import json
from io import BytesIO
from pathlib import Path
from typing import Any

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
