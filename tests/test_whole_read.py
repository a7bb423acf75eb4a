"""A command that reads every item's table (``list``, ``log``, ``report``, ``export`` of the
whole plan but for ``log`` of its newest entries) takes its plan from the parse cache with every table at once and no sketches
(``Session.whole``, ``store.load``, ``cache.recall``): as cheap as a read before tables were
loaded when first asked for. Its output is the one with the cache off; a command that reads a
few tables (``status``, ``show`` of a task, ``log`` of one item) still loads them as asked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan import model
from quanhu_plan.canonical import dumps
from quanhu_plan.cli import app
from quanhu_plan.store import cache, cache_stored

from .test_lazy_cache import _generated

WHOLE = [
    ["list"],
    ["list", "--flat"],
    ["list", "--json", "--as-of", "2023-06-30"],
    ["log", "--all", "--json"],
    ["report", "--format", "md"],
    ["report", "--format", "json", "--as-of", "2023-06-30"],
    ["export"],
    ["export", "--as-of", "2023-06-30"],
]
AS_ASKED = [
    ["status"],
    ["status", "--json"],
    ["show", "3.2.5"],
    ["log", "3.2.5"],
    ["log"],  # the newest 50 entries: the tables that can hold one (``trace.newest_rows``)
    ["log", "--json", "-n", "3"],
    ["list", "--part", "2"],
]


@pytest.fixture
def generated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A generated plan of 300 tasks, with its log, in chunks of about 40 tables, warm."""
    monkeypatch.setattr(cache, "CHUNK", 40)
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(dumps(_generated(300)), encoding="utf-8")
    for args in (["note", "3.2.5", "进展", "--on", "2023-05-02"], ["status"]):
        assert CliRunner().invoke(app, ["--file", str(plan_file), *args]).exit_code == 0
    return plan_file


def recalled(monkeypatch: pytest.MonkeyPatch) -> list[tuple[model.Plan, bool, int]]:
    """Each plan recalled from the cache from now on, whether every item of it came with its
    table and no sketch, and how many chunks of tables were loaded later."""
    seen: list[tuple[model.Plan, bool, int]] = []
    recall, load = cache.recall, cache_stored.Chunk.load

    def watched_recall(*args: Any, **kwargs: Any) -> model.Plan | None:
        plan = recall(*args, **kwargs)
        if plan is not None:
            items = list(plan.items())
            whole = all(item.sketch is None and item.source is None for item in items)
            seen.append((plan, whole and all(type(i.data) is dict for i in items), 0))
        return plan

    def watched_load(chunk: Any) -> None:
        plan, whole, loads = seen[-1]
        seen[-1] = (plan, whole, loads + 1)
        load(chunk)

    monkeypatch.setattr(cache, "recall", watched_recall)
    monkeypatch.setattr(cache_stored.Chunk, "load", watched_load)
    return seen


def invoke(plan_file: Path, args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--file", str(plan_file), *args])
    assert result.exit_code == 0, (args, result.output)
    return result.exit_code, result.output


@pytest.mark.parametrize("args", WHOLE, ids=" ".join)
def test_a_command_that_reads_every_table_recalls_them_all_at_once(generated, monkeypatch, args):
    seen = recalled(monkeypatch)
    invoke(generated, args)
    assert [(whole, loads) for _, whole, loads in seen] == [(True, 0)]


@pytest.mark.parametrize("args", AS_ASKED, ids=" ".join)
def test_a_command_that_reads_a_few_tables_still_loads_them_as_asked(generated, monkeypatch, args):
    seen = recalled(monkeypatch)
    invoke(generated, args)
    assert len(seen) == 1
    _, whole, loads = seen[0]
    assert not whole
    assert loads < 5  # of 9 chunks (parts and goals, then tasks)


def test_every_whole_read_gives_the_output_of_the_cache_off(generated, monkeypatch):
    warm = [invoke(generated, args) for args in WHOLE]
    again = [invoke(generated, args) for args in WHOLE]
    monkeypatch.setenv("QUANHU_PLAN_CACHE", "off")
    off = [invoke(generated, args) for args in WHOLE]
    assert warm == again == off


def test_a_change_after_a_whole_read_in_the_same_process_stores_the_plan_it_wrote(
    generated, monkeypatch
):
    """A whole read keeps nothing of how its plan was stored: a change after it (a test's
    process runs both) stores its own plan, which the next command reads as the file does."""
    invoke(generated, ["list"])
    invoke(generated, ["done", "3.2.5", "--on", "2023-06-30"])
    warm = [invoke(generated, args) for args in WHOLE + AS_ASKED]
    monkeypatch.setenv("QUANHU_PLAN_CACHE", "off")
    assert warm == [invoke(generated, args) for args in WHOLE + AS_ASKED]
