"""``plan undo`` reads every item's log, so a plan from the parse cache comes with all its tables
at once for it (``cache.recall`` with ``whole`` and ``change``: ``_whole_kept``), not chunk by
chunk as each loads; the entry it stores afterwards holds anew only the chunks with the table it
changed, and reads back as the file it wrote."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan import sketches, store
from quanhu_plan.canonical import dumps
from quanhu_plan.cli import app
from quanhu_plan.sketches import CONFLICT
from quanhu_plan.store import cache

from .conftest import plan_doc
from .test_lazy_cache import _moments, clocked, generated, loads_seen, plans

__all__ = ["generated"]  # the fixture


def _undo_after_a_note(plan_file: Path, task: str) -> Any:
    runner = CliRunner()
    noted = runner.invoke(
        app, ["--file", str(plan_file), "note", task, "进展", "--on", "2023-03-01"]
    )
    assert noted.exit_code == 0, noted.output
    return runner.invoke(app, ["--file", str(plan_file), "undo"])


def _recalled_as_read(plan_file: Path) -> tuple[Any, Any]:
    """The plan the entry stored for the file's bytes holds (every table loaded), and the plan
    the file reads as with the cache off."""
    real = store.plan_file._real(plan_file)
    recalled = cache.recall(real, plan_file.read_bytes(), plan_file.stat())
    assert recalled is not None  # stored for the bytes written
    with mock.patch.dict(os.environ, {"QUANHU_PLAN_CACHE": "off"}):
        read = store.load(store.PlanSource(plan_file))
    return recalled, read


def test_undo_recalls_every_table_at_once_and_stores_anew_only_the_chunk_it_changed(
    generated, monkeypatch
):
    seen = loads_seen(monkeypatch)  # chunks loaded one by one (a plan recalled lazily)
    recalled_whole: list[Any] = []
    kept = cache._whole_kept
    monkeypatch.setattr(cache, "_whole_kept", lambda *a: recalled_whole.append(a) or kept(*a))
    sketched: list[Any] = []
    sketch_of = sketches.sketch_of
    monkeypatch.setattr(sketches, "sketch_of", lambda *a: sketched.append(a) or sketch_of(*a))
    task = "1.1.3"

    runner = CliRunner()
    noted = runner.invoke(
        app, ["--file", str(generated), "note", task, "进展", "--on", "2023-03-01"]
    )
    assert noted.exit_code == 0, noted.output
    seen.clear(), sketched.clear()
    undone = runner.invoke(app, ["--file", str(generated), "undo"])

    assert undone.exit_code == 0, undone.output
    assert f"{task} " in undone.output
    assert len(recalled_whole) == 1  # the plan came from the cache with every table
    assert seen == []  # and no chunk was loaded on its own
    # Stored again: only the chunk holding the task's table made anew (its tables sketched);
    # a plan recalled whole with nothing kept would sketch all 300 tasks' and goals' tables.
    assert 0 < len(sketched) <= 40 + 1
    recalled, read = _recalled_as_read(generated)
    assert recalled.packed()[:5] == read.packed()[:5]


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(items=plans(), pick=st.integers(0, 99), chunk=st.sampled_from([1, 3, 7]))
def test_undo_from_the_cache_gives_the_output_file_and_entry_of_the_plan_read_whole(
    items, pick, chunk
):
    """On many plans: a note then an undo made with the cache off and on (the undo recalled
    whole, kept for storing) print the same and write the same bytes, and the entry the undo
    stored reads as the file it wrote."""
    tasks = [
        t["id"]
        for t in items
        if not any(i["id"].startswith(t["id"] + ".") for i in items) and CONFLICT not in t
    ] or ["1"]  # (a task in conflict takes no note: a part does)
    task = tasks[pick % len(tasks)]
    with tempfile.TemporaryDirectory() as folder, mock.patch.object(cache, "CHUNK", chunk):
        files, results = {}, {}
        on = {"QUANHU_PLAN_CACHE": str(Path(folder) / "cache")}
        for mode, environment in (("off", {"QUANHU_PLAN_CACHE": "off"}), ("on", on)):
            files[mode] = Path(folder) / mode / "plan.toml"
            files[mode].parent.mkdir()
            files[mode].write_text(dumps(plan_doc(items)), encoding="utf-8")
            with mock.patch.dict(os.environ, environment), clocked(_moments()):
                status = CliRunner().invoke(app, ["--file", str(files[mode]), "status"])
                assert status.exit_code in (0, 1), status.output  # warm
                undone = _undo_after_a_note(files[mode], task)
            results[mode] = (undone.exit_code, undone.output.replace(str(files[mode]), "FILE"))
        assert results["off"] == results["on"]
        assert results["on"][0] == 0, results["on"][1]
        assert files["off"].read_bytes() == files["on"].read_bytes()
        with mock.patch.dict(os.environ, on):
            recalled, read = _recalled_as_read(files["on"])
        assert recalled.packed()[:5] == read.packed()[:5]
