"""Whether less is better and whether a figure is held all year (``model.figure_aims``), worked
out together for a first read's sketches of every figure (``sketches``): each as the question
asked alone says, and a status from the sketches as one from the tables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.model import figure_aims, held_all_year, smaller_is_better
from quanhu_plan.sketches import sketch_of, sketches_of

from .conftest import write_plan

runner = CliRunner()

FIGURES: list[tuple[dict[str, Any], tuple[bool, bool]]] = [
    ({"measure": "处", "target": 40}, (False, False)),
    ({"measure": "起", "target": 0}, (True, True)),  # 零事故: a limit, held all year
    ({"measure": "‰", "target": 5, "direction": "down"}, (True, True)),
    ({"measure": "位", "target": 36, "title": "全市排名第36位"}, (True, False)),  # a rank
    ({"measure": "名次", "target": 3}, (True, False)),
    ({"measure": "%", "target": 98, "target_text": "≥98%（按时办结率）"}, (False, True)),
    ({"measure": "%", "target": 95, "target_text": "不低于95%"}, (False, True)),
    ({"measure": "%", "target": 95, "target_text": "达到95%"}, (False, False)),
    ({"measure": "%", "target": 95, "direction": "up", "target_text": "≥95%"}, (False, True)),
    ({"measure": " 位 ", "target": 2, "title": "争先"}, (False, False)),
]


@pytest.mark.parametrize(("table", "aims"), FIGURES)
def test_figure_aims_are_the_two_questions_asked_alone(
    table: dict[str, Any], aims: tuple[bool, bool]
) -> None:
    assert figure_aims(table) == aims
    assert (smaller_is_better(table), held_all_year(table)) == aims


def test_sketches_keep_both_aims_of_each_figure() -> None:
    tables = [{"id": f"1.{n}", "title": "t", **table} for n, (table, _) in enumerate(FIGURES)]
    tables *= 8  # (enough tables for the field-at-a-time sketches)
    keys: dict[Any, Any] = {}
    made = sketches_of(tables, keys)
    assert made == [sketch_of(table, {}) for table in tables]
    assert [sketch[2][-2:] for sketch in made[: len(FIGURES)]] == [a for _, a in FIGURES]


def test_a_first_status_of_figures_is_the_status_without_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    items: list[dict[str, Any]] = [{"id": "1", "title": "指标"}]
    for n in range(1, 81):
        table, _ = FIGURES[n % len(FIGURES)]
        items.append(
            {"id": f"1.{n}", "title": f"指标{n}", **table, "actual": n % 7,
             "due": dt.date(2023, 12, 31)}
        )  # fmt: skip
    plan = write_plan(tmp_path / "plan.toml", items)
    before = plan.read_bytes()
    monkeypatch.setenv("QUANHU_PLAN_CACHE", "off")
    alone = runner.invoke(app, ["-f", str(plan), "status", "--as-of", "2023-06-30"])
    assert alone.exit_code == 0, alone.output
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "cache"))
    first = runner.invoke(app, ["-f", str(plan), "status", "--as-of", "2023-06-30"])
    warm = runner.invoke(app, ["-f", str(plan), "status", "--as-of", "2023-06-30"])
    assert first.exit_code == warm.exit_code == 0, first.output
    assert first.output == alone.output == warm.output
    assert "指标" in first.output
    assert list((tmp_path / "cache").iterdir())  # (an entry was stored, its sketches read)
    assert plan.read_bytes() == before
