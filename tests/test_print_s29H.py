"""The export and report as an office opens them (session 29, H): what LibreOffice Calc and
Excel make of the files plan writes, checked on the files' content."""

from __future__ import annotations

import csv
import io
import tomllib
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan


def run(*args: str) -> object:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


# A section of ten tasks: Calc and Excel read a CSV cell 1.10 as the number 1.1, the same as the
# task before it; an owner's 0734 (an area code) as 734.
TEN = [{"id": "1", "title": "基础设施"}] + [
    {"id": f"1.{n}", "title": f"第{n}项任务"} for n in range(1, 11)
]


def test_csv_ids_a_spreadsheet_would_read_as_another_number_are_marked_as_text(
    plan_file: Path, tmp_path: Path
) -> None:
    items = [dict(item) for item in TEN]
    items[10]["owner"] = "0734"
    items[9]["owner"] = "430421199001011234"  # a 身份证号: 18 digits, a number loses the last 3
    items[8]["owner"] = "13812345678"  # a mobile number: 11 digits, shown whole
    write_plan(plan_file, items)
    out = tmp_path / "表.csv"
    run("export", "--out", str(out))
    ids = [row[0] for row in csv_rows(out)[3:]]
    # 1.10 and 0734 get the ' a spreadsheet shows as text; 1.1 reads as 1.1 and is left as it is
    assert ids == ["1", *(f"1.{n}" for n in range(1, 10)), "'1.10"]
    header = csv_rows(out)[2]
    owner = next(row[header.index("责任人")] for row in csv_rows(out)[3:] if row[0] == "'1.10")
    assert owner == "'0734"
    owners = {row[0]: row[header.index("责任人")] for row in csv_rows(out)[3:]}
    assert (owners["1.9"], owners["1.8"]) == ("'430421199001011234", "13812345678")
    # plan import takes the ' off again: the round trip keeps 1.10 and 0734
    back = tmp_path / "back.toml"
    run("import", str(out), "--out", str(back))
    read = {item["id"]: item for item in tomllib.loads(back.read_text("utf-8"))["item"]}
    assert [item for item in read if item.startswith("1.")] == [f"1.{n}" for n in range(1, 11)]
    assert read["1.10"]["owner"] == "0734"
    assert read["1.9"]["owner"] == "430421199001011234"


def test_an_english_plans_deadline_in_words_is_in_the_due_column_once(
    plan_file: Path, tmp_path: Path
) -> None:
    """plan add/edit --due keeps words alone under "Deadline (as written)" in an English plan
    (model.DUE_WORDS_KEYS): the export wrote them under Due and again in a column of their own."""
    write_plan(plan_file, [{"id": "1", "title": "Roads"}], lang="en")
    run("edit", "1", "--due", "常态化", "--on", "2023-02-01")
    assert "Deadline (as written)" in plan_file.read_text("utf-8")
    out = tmp_path / "table.csv"
    run("export", "--out", str(out))
    header, row = csv_rows(out)[2:4]
    assert "Deadline (as written)" not in header
    assert row[header.index("Due")] == "常态化"
    workbook = tmp_path / "table.xlsx"
    run("export", "--out", str(workbook))
    sheet = openpyxl.load_workbook(workbook).active
    headers = [cell.value for cell in sheet[3]]
    assert "Deadline (as written)" not in headers
    assert sheet.cell(4, headers.index("Due") + 1).value == "常态化"
