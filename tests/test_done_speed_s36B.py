"""Session 36B: `plan done` of a long plan does no work the command before it could have left
done, and says and writes what it said and wrote before, byte for byte."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from unittest import mock

import pytest
from typer.testing import CliRunner

from quanhu_plan import changes, patch_bytes, store
from quanhu_plan.canonical import dumps
from quanhu_plan.cli import app
from quanhu_plan.store import remembering

from .test_status_rollups import generated

_BOM = b"\xef\xbb\xbf"


def _plan(tmp_path: Path, name: str, bom: bool) -> Path:
    path = tmp_path / name
    path.write_bytes((_BOM if bom else b"") + dumps(generated(120, 3)).encode("utf-8"))
    return path


def _open_task(path: Path) -> str:
    with mock.patch.dict(os.environ, {"QUANHU_PLAN_CACHE": "off"}):
        plan = store.load(store.PlanSource(path))
    return next(
        item.id for item in plan.items() if item.is_task and item.status not in ("done", "dropped")
    )


def _done(path: Path, task: str) -> str:
    """``plan done`` of ``task`` by one person at one time, whatever the clock says."""
    at = dt.datetime(2023, 6, 30, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    with mock.patch.object(changes.Stamp, "current", classmethod(lambda cls, by: cls("me", at))):
        result = CliRunner().invoke(app, ["--file", str(path), "done", task, "--on", "2023-06-30"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.output


@pytest.mark.parametrize("bom", [False, True])
def test_a_change_after_a_first_status_searches_the_file_for_no_header(tmp_path, monkeypatch, bom):
    """The process a first status forks to store its entry keeps the header lines' places
    with it (``remembering.remember_if_unchanged``): the change after it patches the bytes
    without the two searches of the whole file (28 M instructions of 446 M at 10,000 tasks)."""
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "cache"))
    path, twin = _plan(tmp_path, "plan.toml", bom), _plan(tmp_path, "twin.toml", bom)
    task = _open_task(path)
    with mock.patch.dict(os.environ, {"QUANHU_PLAN_CACHE": "off"}):
        plan = store.load(store.PlanSource(path))  # as a first status reads it
    real = path.resolve()
    remembering.remember_if_unchanged(real, path.read_bytes(), real.stat(), plan)
    with (
        mock.patch.object(
            patch_bytes, "patch_changed_bytes", wraps=patch_bytes.patch_changed_bytes
        ) as patched,
        mock.patch.object(patch_bytes, "layout_facts", wraps=patch_bytes.layout_facts) as searched,
    ):
        said = _done(path, task)
    assert patched.call_count == 1  # the plan came from the cache: its bytes were patched
    assert searched.call_count == 0
    with mock.patch.dict(os.environ, {"QUANHU_PLAN_CACHE": "off"}):
        assert _done(twin, task) == said  # read afresh and patched as text: the same
    assert path.read_bytes() == twin.read_bytes()
    assert path.read_bytes().startswith(_BOM) == bom


def test_the_places_of_the_tables_a_change_loaded_are_found_in_order():
    """(``delta._nones``: where the items without a sketch are, their tables loaded.)"""
    from quanhu_plan.delta import _nones

    assert _nones([]) == []
    assert _nones([("a",), ("b",)]) == []
    assert _nones([None, ("a",), None, None, ("b",), None]) == [0, 2, 3, 5]
    assert _nones([(), 0, "", None, False]) == [3]  # (None alone: not what is falsy)
