"""A change stores anew only the chunks of the parse cache holding a table it changed, and in such
a chunk sketches anew only the tables it changed: the sketch of a table it left alone is taken
from the chunk's stored sketches (``cache_stored.Stored.kept_sketches``). Every sketch stored must be
what its table says (``sketches.sketch_of``), whatever the change did."""

from __future__ import annotations

import datetime as dt
import os
import random
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan import model, sketches, store
from quanhu_plan.canonical import dumps
from quanhu_plan.cli import app
from quanhu_plan.sketches import sketch_of
from quanhu_plan.store import cache

from .conftest import plan_doc
from .test_lazy_cache import SOME, ZONE, _generated, plans


def stored_sketches_are_their_tables(plan_file: Path) -> None:
    """The plan recalled from the entry of ``plan_file``: each item's sketch as stored is the
    sketch of its table."""
    source = store.PlanSource(plan_file)
    plan = store.load(source)
    items = list(plan.items())
    stored = [item.sketch for item in items]
    assert all(sketch is not None for sketch in stored), "recalled from the cache"
    keys: dict[Any, Any] = {}
    assert stored == [sketch_of(item.data, keys) for item in items]


def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the tables sketched from now on."""
    seen: list[str] = []
    make = sketches.sketch_of

    def watched(data: dict[str, Any], keys: dict[Any, Any]) -> Any:
        seen.append(data["id"])
        return make(data, keys)

    monkeypatch.setattr(sketches, "sketch_of", watched)
    return seen


@pytest.fixture
def generated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A generated plan of 300 tasks in chunks of about 40 tables, warm."""
    monkeypatch.setattr(cache, "CHUNK", 40)
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "cache"))
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(dumps(_generated(300)), encoding="utf-8")
    assert CliRunner().invoke(app, ["--file", str(plan_file), "status"]).exit_code == 0
    return plan_file


@pytest.mark.parametrize(
    "args",
    [
        ["done", "3.2.5", "--on", "2023-06-30"],
        ["note", "3.2.5", "进展", "--on", "2023-06-30"],
        ["record", "2.1.4", "7"],
    ],
)
def test_a_change_sketches_anew_only_the_table_it_changed(generated, monkeypatch, args):
    seen = counted(monkeypatch)
    result = CliRunner().invoke(app, ["--file", str(generated), *args])
    assert result.exit_code == 0, result.output
    assert seen == [args[1]], "the other tables of its chunk keep their sketches"
    stored_sketches_are_their_tables(generated)


def test_changes_one_after_another_store_the_sketches_of_their_tables(generated):
    for args in (
        ["note", "1.1.2", "甲", "--on", "2023-06-30"],
        ["done", "1.1.3", "--on", "2023-06-30"],
        ["note", "1.1.2", "乙", "--on", "2023-07-01"],
        ["record", "1.1.4", "9"],
    ):
        result = CliRunner().invoke(app, ["--file", str(generated), *args])
        assert result.exit_code == 0, result.output
        stored_sketches_are_their_tables(generated)


@SOME
@given(items=plans(), seed=st.integers(0, 10**6))
def test_every_sketch_a_change_stores_is_its_tables(items, seed):
    """Any plan, a few of its tables changed (a field, a new log entry) by changes made through
    the store, in chunks of a few tables: each sketch stored is its table's, those taken from
    the entry as those made anew."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder, mock.patch.object(cache, "CHUNK", 3):
        plan_file = Path(folder) / "plan.toml"
        plan_file.write_text(dumps(plan_doc(items)), encoding="utf-8")
        with mock.patch.dict(os.environ, {"QUANHU_PLAN_CACHE": str(Path(folder) / "cache")}):
            source = store.PlanSource(plan_file)
            store.load(source)  # cold: read whole, and remembered
            for _ in range(2):
                chosen = rng.sample(range(len(items)), min(len(items), rng.randint(1, 3)))
                store.update(source, lambda plan, chosen=chosen: _changed(plan, chosen, rng))
                stored_sketches_are_their_tables(plan_file)


def _changed(plan: model.Plan, chosen: list[int], rng: random.Random) -> None:
    items = list(plan.items())
    for k in chosen:
        item = items[k]
        if item.children or rng.randrange(2):
            item.data["title"] = item.data["title"] + "改"
        else:
            entry = {"at": dt.datetime(2023, 7, 1, 9, tzinfo=ZONE), "action": "note"}
            item.data["log"] = [*item.data.get("log", []), entry]
            item.data["progress"] = 60
