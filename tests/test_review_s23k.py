"""Session 23 review (K): this session's merged changes attacked with inputs next to the ones
their tests used.

Each test shows one defect, through the command a user runs: what it printed, its exit code and
what is on disk."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan


@pytest.fixture(autouse=True)
def login_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("getpass.getuser", lambda: "clerk")


def _items(path: Path) -> dict[str, dict[str, Any]]:
    return {i["id"]: i for i in tomllib.loads(path.read_text(encoding="utf-8"))["item"]}


# ------------------------------------------- 1. a growth rate worded against last year


def test_a_figure_worded_against_last_year_is_its_number_as_import_reads_it(
    runner: CliRunner, plan_file: Path
) -> None:
    """plan record 1.1 同比增长6.1% now records 6.1, as import reads the cell; but the same
    figure as a 完成情况表 words it against last year — 较上年增长6.1%, 比去年增长6.1%, and a fall
    较上年下降3% — was refused as 不是数字, though plan import reads each (6.1, 6.1, -3)."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "主要指标"},
            {"id": "1.1", "title": "地区生产总值增长", "measure": "%", "target": 6},
            {"id": "1.2", "title": "万元GDP能耗下降", "measure": "%", "target": -3},
        ],
    )
    for typed, item, figure in (
        ("较上年增长6.1%", "1.1", 6.1),
        ("比去年同期增长6.4%", "1.1", 6.4),
        ("较上年下降3.5%", "1.2", -3.5),
    ):
        result = runner.invoke(app, ["record", item, typed])
        assert result.exit_code == 0, (typed, result.output)
        assert "不是数字" not in result.output, result.output
        assert _items(plan_file)[item]["actual"] == figure, typed
    # (words that are no year's comparison stay refused)
    refused = runner.invoke(app, ["record", "1.1", "较好增长6.1%"])
    assert refused.exit_code == 2 and "不是数字" in refused.output, refused.output
    assert _items(plan_file)["1.1"]["actual"] == 6.4
