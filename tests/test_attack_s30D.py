"""Attacks of session 30, helper D: hostile plan files and texts that earlier sessions missed.

A Hangul filler (U+3164, printable to Python, blank on screen) alone in a title or name: shown
raw by the views that check ``str.isprintable`` before escaping, and where escaped after the
table was laid out, a row wider than the terminal. Ids with a character that prints as nothing
but is no format character (the combining grapheme joiner, a variation selector, the blank
Braille cell): two rows that read the same id."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan

FILLER = "\u3164"  # HANGUL FILLER: a letter to Unicode, a blank on screen


def _filler_plan(plan_file: Path) -> None:
    write_plan(
        plan_file,
        [
            {"id": "1", "title": f"基础{FILLER}设施"},  # (status shows the parts)
            {
                "id": "1.1",
                "title": f"修{FILLER}塘",
                "owner": f"王{FILLER}五",
                "lead_unit": "规划办",
                "status": "blocked",
                "reason": f"资料{FILLER}不全",
                "log": [{"on": dt.date(2023, 2, 1), "note": f"验收{FILLER}完成"}],
            },
            {"id": "1.2", "title": "安装路灯", "owner": "李四"},
            # (a title that takes the ledger's whole title column: the filler's row filled it)
            {"id": "1.3", "title": "抓好" * 30, "owner": "李四"},
        ],
    )


@pytest.mark.parametrize(
    "command",
    [["list"], ["log"], ["status"], ["status", "--by", "owner"], ["show", "1.1"], ["report"]],
)
@pytest.mark.parametrize("columns", ["60", "80"])
def test_a_hangul_filler_is_shown_escaped_and_the_table_keeps_its_width(
    runner: CliRunner,
    plan_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
    columns: str,
) -> None:
    """修ㅤ塘 looked like 修 塘 (and a name of fillers alone like no name) in list, log and
    status --by owner, which printed the filler raw; the report's ledger escaped it only after
    laying out its columns, so that its row ran 4 cells past the terminal's edge."""
    monkeypatch.setenv("COLUMNS", columns)
    _filler_plan(plan_file)
    result = runner.invoke(app, command)
    assert result.exit_code == 0, result.output
    assert FILLER not in result.output
    assert "\\u3164" in result.output
    too_wide = [line for line in result.output.split("\n") if cell_len(line) > int(columns)]
    assert not too_wide
