"""plan county at narrow widths in Chinese, session 25 D: Chinese headers short enough that a
town's name keeps its line at 80 columns; a name that must fold folds after its place (县, 镇)
or before a year, and a file told after a shared name is never broken."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, write_plan


@pytest.fixture
def county(tmp_path: Path) -> Path:
    folder = tmp_path / "县"
    folder.mkdir()
    write_plan(folder / "甲镇.toml", SMALL_ITEMS, organisation="甲镇2023年工作计划")
    write_plan(folder / "泉湖.toml", SMALL_ITEMS[:4], organisation="衡南县泉湖镇人民政府")
    for town in ("乙镇", "丙镇"):
        (folder / town).mkdir()
        items = [SMALL_ITEMS[0], {**SMALL_ITEMS[1], "progress": 10 if town == "乙镇" else 20}]
        write_plan(folder / town / "plan.toml", items, organisation="衡南县某某镇人民政府")
    return folder


def _table(runner: CliRunner, folder: Path, columns: int, monkeypatch, warm: bool) -> list[str]:
    monkeypatch.setenv("COLUMNS", str(columns))
    args = ["county", str(folder), "--as-of", "2023-06-30"]
    if warm:
        runner.invoke(app, args)
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    return lines[: next(n for n, line in enumerate(lines) if "排名规则" in line)]


@pytest.mark.parametrize("warm", [False, True])
def test_at_80_columns_names_stay_whole_under_chinese_headers(
    runner: CliRunner, county: Path, monkeypatch: pytest.MonkeyPatch, warm: bool
) -> None:
    table = _table(runner, county, 80, monkeypatch, warm)
    text = "\n".join(table)
    assert all(len(line) <= 80 for line in table)
    assert "超达欠逾" in text and "填报" in text
    assert "A/O/B" not in text and "R/Y" not in text and "Late" not in text
    assert "衡南县泉湖镇人民政府" in text and "甲镇2023年工作计划" in text
    assert "（乙镇/plan.toml）" in text and "（丙镇/plan.toml）" in text


@pytest.mark.parametrize("columns", [66, 70, 74, 78])
def test_a_name_folds_after_its_place_or_before_its_year(
    runner: CliRunner, county: Path, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    table = _table(runner, county, columns, monkeypatch, False)
    text = "\n".join(table)
    assert "A/O/B" not in text and "Late" not in text
    assert "plan.\n" not in text and "（乙镇/plan." not in text.replace("（乙镇/plan.toml）", "")
    names = [line[7:].split("  ")[0].strip() for line in table[3:]]
    # (the name column's pieces, in order: each one a sensible part of the name)
    for broken in ("人民政\n", "泉湖镇人\n", "政\n府", "甲镇2023年工\n"):
        assert broken not in "\n".join(names), (columns, text)


def test_the_name_break_is_the_grid_s_for_any_name() -> None:
    """(the rule itself: paragraphs.wrap_lines with no_lone_char, a name)"""
    from quanhu_plan.terminal.paragraphs import wrap_lines

    def folded(text: str, width: int) -> list[str]:
        return [text[a:b] for a, b in wrap_lines(text, width, no_lone_char=True)]

    assert folded("衡南县泉湖镇人民政府", 16) == ["衡南县泉湖镇", "人民政府"]
    assert folded("衡南县泉湖镇人民政府", 8) == ["衡南县", "泉湖镇", "人民政府"]
    assert folded("甲镇2023年工作计划", 12) == ["甲镇2023年", "工作计划"]
    assert folded("某某街道办事处", 20) == ["某某街道办事处"]


_ = dt
