"""Session 22: what earlier sessions noticed and left.

Each test shows one defect, through the command a user runs: what it printed, its exit code and
what is on disk."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan


@pytest.fixture(autouse=True)
def login_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("getpass.getuser", lambda: "clerk")


def _ledger(path: Path) -> tuple[list[str], list[float], list[list[str]]]:
    """The Word report's ledger: its header, its columns' widths in mm, its rows' texts."""
    import docx
    from docx.oxml.ns import qn

    table = docx.Document(BytesIO(path.read_bytes())).tables[0]
    header = [cell.text.replace("\n", "") for cell in table.rows[0].cells]
    widths = [int(col.get(qn("w:w"))) / 56.7 for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    return header, widths, rows


# ---------------------------------------------------------------- 1. the ledger's line breaks


CROWDED: list[dict[str, Any]] = [
    {"id": "1", "title": "基础设施"},
    {
        "id": "1.1",
        "title": "筹措村级集体经济发展资金壮大村级集体经济" * 9,
        "lead": ["张三", "李大四", "王二麻子"],
        "lead_unit": "财政所",
        "owner": "李四",
        "measure": "万元",
        "target": 5,
        "actual": 3,
        "due": dt.date(2024, 6, 30),
    },
    {
        "id": "1.2",
        "title": "安全生产事故",
        "lead": "王五",
        "lead_unit": "应急办",
        "owner": "孙七",
        "status": "done",
        "done_on": dt.date(2024, 1, 20),
        "due": dt.date(2024, 12, 31),
    },
]


def test_word_ledger_header_keeps_its_slash_with_the_first_name_in_a_crowded_table(
    runner: CliRunner, plan_file: Path
) -> None:
    """A task of 200 characters beside three leads squeezed 责任单位/责任人 to the width of
    责任单位 alone: the header printed 责任单位, then "/" on a line of its own, then 责任人. The
    column is now as wide as 责任单位/ in bold, the line the header is set in."""
    from quanhu_plan.report.docx_layout import bold_width_mm

    write_plan(plan_file, CROWDED)
    result = runner.invoke(app, ["report", "--format", "docx", "--out", "r.docx"])
    assert result.exit_code == 0, result.output
    header, widths, _ = _ledger(plan_file.parent / "r.docx")
    column = header.index("责任单位/责任人")
    assert widths[column] >= bold_width_mm("责任单位/")
    figures = header.index("目标值/完成值")
    assert widths[figures] >= bold_width_mm("目标值/")


def test_word_ledger_figure_breaks_after_its_slash_not_inside_its_unit_where_it_does_not_fit(
    runner: CliRunner, plan_file: Path
) -> None:
    """In the crowded ledger 5万元/3万元 was kept on one line of a 26 mm column, measured
    without the space Word puts between a digit and a 汉字 (5 万元/3 万元): Word wrapped it
    inside the unit, 5万元/3万 over 元. Each line of a figure now fits its column as set."""
    from quanhu_plan.report.docx_layout import spaced_width_mm

    write_plan(plan_file, CROWDED)
    result = runner.invoke(app, ["report", "--format", "docx", "--out", "r.docx"])
    assert result.exit_code == 0, result.output
    header, widths, rows = _ledger(plan_file.parent / "r.docx")
    figures = header.index("目标值/完成值")
    assert rows[0][figures] in ("5万元/\n3万元", "5万元/3万元")
    for line in rows[0][figures].split("\n"):
        assert spaced_width_mm(line) <= widths[figures] + 0.1


def test_word_ledger_figure_stays_on_one_line_where_the_page_has_room(
    runner: CliRunner, plan_file: Path
) -> None:
    """500万元/5万元 was set on two lines in a 26 mm column while the task column beside it
    had 90 mm to spare: the figures column takes the width of its longest figure (up to 40 mm)
    and each figure reads on one line."""
    from quanhu_plan.report.docx_layout import spaced_width_mm

    items: list[dict[str, Any]] = [{"id": "1", "title": "基础设施"}]
    for n, (target, actual) in enumerate([(5, 3), (500, 5), (0.5, 30)], 1):
        items.append(
            {
                "id": f"1.{n}",
                "title": f"筹措资金{n}",
                "lead": "张三",
                "measure": "万元",
                "target": target,
                "actual": actual,
            }
        )
    write_plan(plan_file, items)
    result = runner.invoke(app, ["report", "--format", "docx", "--out", "r.docx"])
    assert result.exit_code == 0, result.output
    header, widths, rows = _ledger(plan_file.parent / "r.docx")
    figures = header.index("目标值/完成值")
    assert [row[figures] for row in rows] == ["5万元/3万元", "500万元/5万元", "0.5万元/30万元"]
    assert widths[figures] >= spaced_width_mm("0.5万元/30万元") - 0.1  # (in twips)
