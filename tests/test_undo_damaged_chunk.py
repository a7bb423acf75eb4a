"""undo on a cache entry whose table chunk passes its checksum but holds no tables (a wrong
writer's): the damaged-cache message, never a traceback (a test that failed before its fix)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from quanhu_plan import store
from quanhu_plan.cli import app
from quanhu_plan.store import cache

from .forged_entries import forged
from .test_lazy_cache_commands import _warm


def _forged(entry: Path, make: Any) -> None:
    """The entry with its last chunk of tables replaced by ``make`` of them (``forged``)."""
    from _pickle import dumps

    from quanhu_plan.store.cache_chunks import tables_of

    def made(_: list[int], chunks: list[bytes]) -> None:
        # (as the cache stores a chunk: its first pickle's length, then the pickle; no logs)
        pickled = dumps(make(tables_of(chunks[-1])), 5)
        chunks[-1] = len(pickled).to_bytes(8, "little") + pickled

    forged(entry, made)


def test_undo_on_an_entry_whose_chunk_holds_no_tables_stops_with_the_damaged_cache_message(
    plan_file, monkeypatch
):
    """``undo`` looks at every table without loading them (``cache.looked_at``): a chunk that
    passes the checksum but holds something else than tables (a wrong writer's) stops the
    command with the damaged-cache message and exit 1, as loading it does
    (``_Chunk.load``), not with a traceback (an AttributeError of ``int.get``); the command
    run again works as with the cache off."""
    monkeypatch.setattr(cache, "CHUNK", 20)
    _warm(plan_file, 120, 20)
    tasks = [i.id for i in store.load(store.PlanSource(plan_file)).items() if not i.children]
    runner = CliRunner()
    assert runner.invoke(app, ["--file", str(plan_file), "note", tasks[-1], "进展"]).exit_code == 0
    entry = next(p for p in (plan_file.parent / "cache").iterdir() if p.suffix == ".pickle")
    for make in (lambda tables: [1] * len(tables), lambda tables: b"not a list of tables"):
        _forged(entry, make)
        before = plan_file.read_bytes()
        result = runner.invoke(app, ["--file", str(plan_file), "undo"])
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(
            result.exception
        )
        assert result.exit_code == 1, result.output
        assert "解析缓存" in result.output and "已损坏" in result.output
        assert plan_file.read_bytes() == before
        runner.invoke(app, ["--file", str(plan_file), "status"])  # (the entry made again)
