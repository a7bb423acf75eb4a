"""Hostile input, session 24 (D): plans made to be slow or to break a command, each found by
trying it through the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan


def many_names(count: int) -> str:
    """``count`` different names of a 责任 cell, of 81 widths (one to nine 汉字, none to eight
    Latin letters after them): each a width the Word ledger may keep whole."""
    return "、".join(
        "".join(chr(0x4E00 + (n * 9 + k) % 20000) for k in range(1 + n % 9)) + "a" * (n // 9 % 9)
        for n in range(count)
    )


def test_a_word_report_measures_each_name_of_a_long_owner_cell_once(
    runner: CliRunner, plan_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ledger's layout tried each width a name may have, widest first, for whether every
    name that wide still fits whole, and measured every name and character of the 责任 and task
    cells again for each: a task of 2,000 owners of 81 widths and a title with a web address
    in it took 890,000 measurements and over half a minute to lay out (a plan of 60 KB; one of
    a MB, many minutes). Each is measured once now, and the layout is the same."""
    from quanhu_plan.report import docx as report_docx

    owners = many_names(2000)
    # a word wider than the page (a web address): no width keeps every word whole, so each
    # width was tried
    title = "修缮村级道路" * 300 + "，详见 http://www.example.gov.cn/" + "a" * 300
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "基础设施"},
            {"id": "1.1", "title": title, "owner": owners, "lead_unit": owners[:400]},
            {"id": "1.2", "title": "安装路灯", "owner": "王五、李四"},
        ],
    )
    measured = report_docx.spaced_width_mm
    calls = 0

    def counted(text: str, *args: object) -> float:
        nonlocal calls
        calls += 1
        return measured(text, *args)

    monkeypatch.setattr(report_docx, "spaced_width_mm", counted)
    out = tmp_path / "总结.docx"
    result = runner.invoke(app, ["report", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "已写入" in result.output
    import docx

    cells = [
        cell.text
        for table in docx.Document(str(out)).tables
        for row in table.rows
        for cell in row.cells
    ]
    assert any(owners in text for text in cells)  # the names all there, as written
    # (every unit a line breaks into, and each name, measured a few times at most; before,
    # each once for every width tried: some 80 times)
    assert calls < 4 * (len(owners) + len(owners[:400]) + len(title)) + 1000, calls
