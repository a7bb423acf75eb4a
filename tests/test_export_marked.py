"""``plan export`` marks its workbook with a custom document property (Excel, WPS and
LibreOffice keep it through an edit), and ``plan import`` takes the 序号 of a marked table as
the plan's ids even where the tree is one level: a plan of top-level tasks comes back as it
went out, while a table without the mark is still read as a hand-made 台账 (一 a category)."""

from __future__ import annotations

import tomllib

import openpyxl
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan

runner = CliRunner()
TASKS = [
    {"id": "一", "title": "修路"},
    {"id": "二", "title": "一是加强修塘"},
    {"id": "三", "title": "第三部分 建馆"},
]


def exported(tmp_path):
    plan = write_plan(tmp_path / "plan.toml", TASKS, title="测试镇2024年工作计划", year=2024)
    table = tmp_path / "表.xlsx"
    result = runner.invoke(app, ["-f", str(plan), "export", "--out", str(table)])
    assert result.exit_code == 0, result.output
    return table


def imported(tmp_path, table):
    back = tmp_path / "back.toml"
    result = runner.invoke(app, ["import", str(table), "--out", str(back), "--year", "2024"])
    assert result.exit_code == 0, result.output
    return [(t["id"], t["title"]) for t in tomllib.loads(back.read_text("utf-8"))["item"]]


def test_the_export_is_marked_as_written_by_plan(tmp_path):
    book = openpyxl.load_workbook(exported(tmp_path))
    assert [p.name for p in book.custom_doc_props] == ["quanhu-plan"]


def test_a_marked_table_edited_and_saved_keeps_its_ids(tmp_path):
    table = exported(tmp_path)
    book = openpyxl.load_workbook(table)  # an office opens it, and saves it again
    book.save(table)
    assert imported(tmp_path, table) == [(t["id"], t["title"]) for t in TASKS]


def test_the_same_table_without_the_mark_is_read_as_a_hand_made_ledger(tmp_path):
    table = exported(tmp_path)
    book = openpyxl.load_workbook(table)
    book.custom_doc_props = openpyxl.packaging.custom.CustomPropertyList()
    book.save(table)
    ids = [item_id for item_id, _ in imported(tmp_path, table)]
    assert ids != ["一", "二", "三"]
