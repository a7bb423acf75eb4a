"""Review of the s14 session's fixes: each test shows a defect left by (or next to) one of them."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, write_plan


@pytest.fixture(autouse=True)
def login_name(monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "clerk")


def _new_title(tmp_path: Path, title: str) -> str:
    plan = write_plan(tmp_path / "plan.toml", SMALL_ITEMS, title=title, year=2023)
    out = tmp_path / "plan-2024.toml"
    result = CliRunner().invoke(app, ["-f", str(plan), "new", "2024", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return tomllib.loads(out.read_text(encoding="utf-8"))["plan"]["title"]


@pytest.mark.parametrize(
    ("title", "moved"),
    [
        # c7dbee8 moved 2023/2024 whole; the same split year in the numerals 公文 write
        # (which next_title moves for a single year) still came out 二〇二四/二〇二四.
        ("石桥镇二〇二三/二〇二四学年工作计划", "石桥镇二〇二四/二〇二五学年工作计划"),
        ("石桥镇二零二二／二零二三年度工作计划", "石桥镇二零二三／二零二四年度工作计划"),
        # the second year written short, as school years often are: not 2024/24
        ("石桥镇2023/24学年工作计划", "石桥镇2024/25学年工作计划"),
    ],
)
def test_new_moves_a_split_year_whole_in_numerals_and_short_form_too(tmp_path, title, moved):
    assert _new_title(tmp_path, title) == moved
