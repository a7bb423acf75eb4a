"""Attacks on the store and the parse cache (session 32, E): the cache's files grown huge (a
sparse file where an entry, its text or its layout goes), the entry stored after the answer by a
forked process while the plan changes under it, odd lock files and plan folders. The rule: the
result never changes, nothing hangs, no traceback, nothing is left beside the plan."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, write_plan

runner = CliRunner()


def _bytes_read() -> int:
    """What this process has read so far (``rchar``: every read call's bytes, a sparse file's
    holes too), from /proc."""
    for line in Path("/proc/self/io").read_text(encoding="ascii").splitlines():
        if line.startswith("rchar:"):
            return int(line.split()[1])
    raise AssertionError("no rchar in /proc/self/io")


needs_proc_io = pytest.mark.skipif(
    not os.path.exists("/proc/self/io"), reason="counts what is read from /proc/self/io"
)

GIB = 1 << 30


@needs_proc_io
@pytest.mark.parametrize("which", ["entry", "text", "blocks"])
def test_a_cache_file_grown_to_a_sparse_gigabyte_is_not_read_whole(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, clock: Any, which: str
) -> None:
    """A cache file replaced by a sparse file of 1 GB (a disk's leftovers, ``fallocate``): read
    whole it took 6-13 s and 2 GB of memory on a plan of 4 KB. It is neither taken nor read."""
    write_plan(plan_file, SMALL_ITEMS)
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(plan_file.parent / "cache"))
    assert runner.invoke(app, ["status"]).exit_code == 0
    # (a change: the layout of the bytes it wrote is kept beside the entry)
    args = ["note", "1.3", "进展", "--on", "2023-03-01"]
    assert runner.invoke(app, args).exit_code == 0
    monkeypatch.setenv("QUANHU_PLAN_CACHE", "off")
    cold = [runner.invoke(app, ["status"]), runner.invoke(app, ["show", "1.3"])]
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(plan_file.parent / "cache"))
    folder = plan_file.parent / "cache"
    (entry,) = folder.glob("*.pickle")
    target = {"entry": entry, "text": entry.with_suffix(".text")}.get(
        which, entry.with_suffix(".blocks")
    )
    assert target.exists()
    target.unlink()
    with open(target, "wb") as handle:
        handle.truncate(GIB)
    if which == "text":  # (the text is read where the plan changed since: by hand here)
        plan_file.write_bytes(plan_file.read_bytes().replace("进展".encode(), "进度".encode()))
    written = plan_file.read_bytes()
    before = _bytes_read()
    if which == "blocks":  # (the layout is read by a change made on the plan recalled)
        result = runner.invoke(app, ["note", "1.3", "又一条", "--on", "2023-03-02"])
        assert result.exit_code == 0, result.output
        assert plan_file.read_bytes().startswith(written[: written.index(b"[[item]]")])
        assert "又一条" in plan_file.read_text(encoding="utf-8")
    else:
        said = [runner.invoke(app, ["status"]), runner.invoke(app, ["show", "1.3"])]
        if which == "entry":
            assert [r.output for r in said] == [r.output for r in cold]
        assert all(r.exit_code == 0 for r in said)
    assert _bytes_read() - before < 64 << 20


def test_an_entry_whose_header_is_longer_than_its_first_read_is_still_taken(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The header is read on from the file as far as it goes (a plan of many chunks): the
    entry is taken as where it fits in the first read."""
    from quanhu_plan import store
    from quanhu_plan.store import cache

    write_plan(plan_file, SMALL_ITEMS)
    first = store.load(store.PlanSource(plan_file))  # (stored)
    monkeypatch.setattr(cache, "HEAD_BYTES", 16)
    again = store.load(store.PlanSource(plan_file))
    assert cache._RECALLED is not None and cache._RECALLED[0]() is again  # from the entry
    assert again.to_doc() == first.to_doc()
