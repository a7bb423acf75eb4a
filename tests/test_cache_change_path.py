"""A change on a plan from the parse cache stores its plan again with the C pickler alone,
without importing the pickle module (a millisecond of every change: ``cache.remember``), and
the next read finds the plan it wrote there."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan import store
from quanhu_plan.cli import app
from quanhu_plan.store import cache


def test_a_change_stores_its_plan_in_the_cache_without_the_pickle_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan_file = tmp_path / "plan.toml"
    plan_file.write_bytes((Path(__file__).parents[1] / "plan.toml").read_bytes())
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "c"))
    runner = CliRunner()
    assert runner.invoke(app, ["--file", str(plan_file), "status"]).exit_code == 0  # warm

    monkeypatch.setitem(sys.modules, "pickle", None)  # importing it raises ImportError
    changed = runner.invoke(
        app, ["--file", str(plan_file), "note", "1.1", "进展", "--on", "2023-03-01"]
    )
    assert changed.exit_code == 0, changed.output

    raw = plan_file.read_bytes()
    real = store.plan_file._real(plan_file)
    recalled = cache.recall(real, raw, plan_file.stat())
    assert recalled is not None  # stored for the bytes the change wrote
    monkeypatch.setenv("QUANHU_PLAN_CACHE", "off")
    assert recalled.to_doc() == store.load(store.PlanSource(plan_file)).to_doc()
