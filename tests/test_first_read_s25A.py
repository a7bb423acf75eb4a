"""The first ``status`` of a big plan with no parse cache entry (the first read on a computer,
the cache emptied, ``plan`` upgraded): the plan is read, checked and stored, and the status is
drawn of its parts and goals (``goal_figures.fresh_goals``), its tasks' keys taken from the
sketches the entry was just given, as a warm status draws it. It must print exactly what the
status of the whole plan prints, cold, warm, without an entry that can be written, and after a
hand edit read with the stale entry."""

from __future__ import annotations

import os
from pathlib import Path
from unittest import mock

import pytest
from typer.testing import CliRunner

from quanhu_plan import goal_figures, store
from quanhu_plan.canonical import dumps
from quanhu_plan.cli import app
from quanhu_plan.cli.app import Session
from quanhu_plan.store import cache

from .test_status_rollups import generated

runner = CliRunner()


def _write(folder: Path, tasks: int = 800) -> Path:
    """A generated plan, long enough to be read by ``quick_toml`` (as a big plan is)."""
    plan_file = folder / "plan.toml"
    plan_file.write_text(dumps(generated(tasks, 7)), encoding="utf-8")
    assert len(plan_file.read_text(encoding="utf-8")) >= 1 << 16
    return plan_file


def _status(plan_file: Path, whole: bool = False) -> str:
    args = ["--file", str(plan_file), "status"]
    if whole:  # the status of the whole plan read, never of its parts and goals alone
        with mock.patch.object(Session, "goals", lambda self: None):
            result = runner.invoke(app, args)
    else:
        result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.output


def test_the_first_read_of_a_status_is_of_its_parts_and_goals(tmp_path, monkeypatch):
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "cache"))
    plan_file = _write(tmp_path)
    read = store.load(store.PlanSource(plan_file), goals=True)  # no entry: read and stored
    assert isinstance(read, goal_figures.Goals)
    assert all(item.children or item.id.count(".") < 2 for item in read.items())  # no task
    assert all(item.sketch is None and item.data["id"] == item.id for item in read.items())
    warm = store.load(store.PlanSource(plan_file), goals=True)  # the entry it stored
    assert isinstance(warm, goal_figures.Goals)
    assert warm.keys == read.keys and warm.spans.values() and warm.marks == read.marks
    assert [item.id for item in warm.items()] == [item.id for item in read.items()]


def test_the_first_status_prints_what_the_whole_plan_prints(tmp_path, monkeypatch):
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "cache"))
    plan_file = _write(tmp_path)
    first = _status(plan_file)  # no entry
    assert any((tmp_path / "cache").iterdir())
    assert first == _status(plan_file) == _status(plan_file, whole=True)
    for entry in (tmp_path / "cache").iterdir():  # the entry deleted: the whole plan, cold
        entry.unlink()
    assert _status(plan_file, whole=True) == first


def test_a_cache_that_cannot_be_written_changes_nothing(tmp_path, monkeypatch):
    """No entry stored (the cache's folder is a file): the status of the whole plan read."""
    (tmp_path / "cache").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "cache"))
    plan_file = _write(tmp_path)
    read = store.load(store.PlanSource(plan_file), goals=True)
    assert not isinstance(read, goal_figures.Goals)
    assert _status(plan_file) == _status(plan_file, whole=True)


@pytest.mark.parametrize("edit", ["add", "value"])
def test_a_hand_edit_read_with_the_stale_entry_prints_the_same(tmp_path, monkeypatch, edit):
    """An item added by hand (the stale entry's unchanged items kept: ``pieces.reread``) or a
    value changed in place (``recall_edited``): then read cold, the same status."""
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "cache"))
    plan_file = _write(tmp_path)
    _status(plan_file)
    text = plan_file.read_text(encoding="utf-8")
    if edit == "add":
        text += '\n[[item]]\nid = "1.1.99"\ntitle = "手工添加的任务"\nprogress = 30\n'
    else:
        text = text.replace("progress = ", "progress = 1", 1)
    plan_file.write_text(text, encoding="utf-8")
    os.utime(plan_file, (1, 1))  # (another time than the entry's, whatever the clock)
    edited = _status(plan_file)
    assert edited == _status(plan_file, whole=True)
    with mock.patch.object(cache, "_entry", lambda real: None):  # no cache at all
        assert _status(plan_file) == edited


def test_the_first_read_is_one_pause_of_the_collector_and_frozen_after(tmp_path, monkeypatch):
    """In the ``plan`` program: no collection walks the objects of the read, the check and the
    entry stored, while they are made or after (they are frozen: they live until it leaves);
    out of it (a test, a process that goes on) the collector is as it was, nothing frozen."""
    import gc

    from quanhu_plan import collector, goal_figures, sharing, trace  # noqa: F401  (imported
    from quanhu_plan.store import pieces, quick_toml  # noqa: F401  before: no import's objects)

    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "cache"))
    plan_file = _write(tmp_path)
    runs: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            runs.append(info["generation"])

    gc.callbacks.append(count)
    try:
        with collector.the_program():
            collector.started()  # (as a command's start-up ends before it reads)
            frozen = gc.get_freeze_count()
            read = store.load(store.PlanSource(plan_file), goals=True)
            assert isinstance(read, goal_figures.Goals)
            made = gc.get_freeze_count() - frozen
        assert runs == [] and gc.isenabled()
        assert made > 2 * len(generated(800, 7)["item"])  # (each item and its list of children)
        for entry in (tmp_path / "cache").iterdir():
            entry.unlink()
        store.load(store.PlanSource(plan_file), goals=True)  # not in the program
        assert gc.get_freeze_count() == 0
    finally:
        gc.callbacks.remove(count)
        gc.unfreeze()
