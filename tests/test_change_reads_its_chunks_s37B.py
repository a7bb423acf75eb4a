"""A change recalls its plan from the parse cache reading the entry's head and sketches alone,
each chunk of tables read and checked only when the change loads it (``cache_stored.Unread``):
a note on one task of a plan with a year's trace reads one chunk, not 1.2 MB of them. A chunk
read so late may be damaged, or the entry stored anew by another process since: the answer is
the same as with the cache off all the same (the chunk's tables from the text the plan was
recalled for, ``Stored.tables_from_text``), whether the chunk is loaded by the change, or
after it was written (the command printing the item), and the entry stored after the change
holds the plan as the file reads. No file is left open."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan import store
from quanhu_plan.cli import app
from quanhu_plan.store import cache, cache_stored
from quanhu_plan.store.cache_stored import Unread

from .test_lazy_cache_commands import _warm


def _entry(plan_file: Path) -> Path:
    (entry,) = (plan_file.parent / "cache").glob("*.pickle")
    return entry


def _table_chunks(entry: Path) -> list[tuple[int, int]]:
    """Where each chunk of tables starts in the entry's file, and its length."""
    from _pickle import loads

    data = entry.read_bytes()
    _, counts, lengths, _, _ = loads(data)
    at = len(data) - sum(lengths)
    starts = [at + sum(lengths[:n]) for n in range(len(lengths))]
    k = len(counts)
    return [(starts[n], lengths[n]) for n in range(1 + k, 1 + 2 * k)]


def _in_place(entry: Path, data: bytes) -> None:
    """``data`` written over the entry where it is, as the cache writes one (``cache_files``)."""
    with open(entry, "r+b") as handle:
        handle.write(data)
        handle.truncate()


def _every_table_chunk_damaged(entry: Path) -> None:
    data = bytearray(entry.read_bytes())
    for start, length in _table_chunks(entry):
        data[start + length // 2] ^= 0x20
    _in_place(entry, bytes(data))


def _tasks(plan_file: Path) -> list[str]:
    return [
        item.id for item in store.load(store.PlanSource(plan_file)).items() if not item.children
    ]


def _said(plan_file: Path, args: list[str]) -> tuple[int, str, bytes]:
    """The exit code, output and file of ``args`` run on ``plan_file`` (as PLAN_FILE)."""
    result = CliRunner().invoke(app, args, env={"PLAN_FILE": str(plan_file)})
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result.exit_code, result.output, plan_file.read_bytes()


def _off(plan_file: Path, monkeypatch: pytest.MonkeyPatch, before: bytes, args: list[str]) -> Any:
    """What ``args`` says and writes on ``before`` with the cache off."""
    other = plan_file.parent / "off" / "plan.toml"
    other.parent.mkdir(exist_ok=True)
    other.write_bytes(before)
    with monkeypatch.context() as off:
        off.setenv("QUANHU_PLAN_CACHE", "off")
        code, output, written = _said(other, args)
    return code, output.replace(str(other), str(plan_file)), written


def _warmed(plan_file: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A plan of 200 tasks whose entry is stored in chunks of 20 tables; its tasks' ids."""
    monkeypatch.setattr(cache, "CHUNK", 20)
    _warm(plan_file, 200, 20)
    return _tasks(plan_file)


def _chunks_from_text(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The chunks whose tables are taken from the text from now on (lost since the recall)."""
    from_text: list[int] = []
    real = cache_stored.Stored.tables_from_text

    def counted(self: Any, n: int, at: int) -> Any:
        from_text.append(n)
        return real(self, n, at)

    monkeypatch.setattr(cache_stored.Stored, "tables_from_text", counted)
    return from_text


def _as_read(plan_file: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    with monkeypatch.context() as off:
        off.setenv("QUANHU_PLAN_CACHE", "off")
        return store.load(store.PlanSource(plan_file)).to_doc()


def _entry_now(plan_file: Path) -> Any:
    """The plan the cache gives for the file as it is now (None: no entry that fits)."""
    path = plan_file.resolve()
    return cache.recall(path, plan_file.read_bytes(), os.stat(path))


def _entry_is_the_file(plan_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The entry stored last holds the file's plan, as it reads with the cache off."""
    again = _entry_now(plan_file)
    assert again is not None and again.to_doc() == _as_read(plan_file, monkeypatch)


def _after_recall(monkeypatch: pytest.MonkeyPatch, then: Any) -> list[int]:
    """``then()`` run right after each lazy recall (a change's) that found the plan."""
    real = cache.recall
    done: list[int] = []

    def recall(*args: Any, **kwargs: Any) -> Any:
        found = real(*args, **kwargs)
        if found is not None and kwargs.get("lazy"):
            then()
            done.append(1)
        return found

    monkeypatch.setattr(cache, "recall", recall)
    return done


def test_a_change_reads_the_head_and_sketches_and_then_only_the_chunk_it_loads(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "CHUNK", 20)
    _warm(plan_file, 200, 20)
    last = _tasks(plan_file)[-1]
    read: list[int] = []
    real_read = Unread.read

    def counted(self: Unread, entry: Path) -> bytes:
        read.append(self.start)
        return real_read(self, entry)

    monkeypatch.setattr(Unread, "read", counted)
    path = plan_file.resolve()
    raw = plan_file.read_bytes()
    plan = cache.recall(path, raw, os.stat(path), lazy=True)
    assert plan is not None and cache._RECALLED is not None
    stored = cache._RECALLED[1]
    assert len(stored.counts) > 5
    assert all(type(chunk) is Unread for chunk in stored.table_chunks)
    assert read == []  # (no table's chunk read by the recall)
    item = plan.find(last)
    assert item is not None and item.data["id"] == last
    assert len(read) == 1  # its chunk alone
    assert plan.to_doc() == _as_read(plan_file, monkeypatch)
    assert len(read) == len(stored.counts)  # each once


@pytest.mark.parametrize("damage", ["flipped", "cut", "stored anew"])
def test_a_chunk_damaged_after_the_recall_changes_nothing_a_change_says_or_writes(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, clock: Any, damage: str
) -> None:
    """The entry damaged (a byte of every chunk of tables flipped, the entry cut after its
    sketches) or stored anew for other bytes (by another process: ``plan note`` of another
    task) between the change's recall and its loading the chunk: the same exit code, output
    and file as with the cache off, and the entry stored after holds the plan as the file
    reads."""
    tasks = _warmed(plan_file, monkeypatch)
    entry = _entry(plan_file)
    other = b""
    if damage == "stored anew":  # the entry of the file after another change
        before, kept, st = plan_file.read_bytes(), entry.read_bytes(), os.stat(plan_file)
        assert _said(plan_file, ["note", tasks[3], "另一个进程的进展"])[0] == 0
        other = entry.read_bytes()
        plan_file.write_bytes(before)
        _in_place(entry, kept)
        os.utime(plan_file, ns=(st.st_atime_ns, st.st_mtime_ns))  # (the entry's key again)

    def harm() -> None:
        if damage == "flipped":
            _every_table_chunk_damaged(entry)
        elif damage == "cut":
            _in_place(entry, entry.read_bytes()[: _table_chunks(entry)[0][0] + 10])
        else:
            _in_place(entry, other)

    harmed = _after_recall(monkeypatch, harm)
    from_text = _chunks_from_text(monkeypatch)
    changes = [
        ["note", tasks[-1], "进展顺利", "--on", "2023-06-30"],
        ["done", tasks[100], "--on", "2023-06-30"],
        ["progress", tasks[40], "60", "--on", "2023-06-30"],
        ["undo"],  # (looks at every table: ``Stored.looked_at``)
        ["show", tasks[-1]],
    ]
    for args in changes:
        before = plan_file.read_bytes()
        expected = _off(plan_file, monkeypatch, before, args)
        assert _said(plan_file, args) == expected, args
        assert _as_read(plan_file, monkeypatch) == store.load(store.PlanSource(plan_file)).to_doc()
        path = plan_file.resolve()
        raw = plan_file.read_bytes()
        again = cache.recall(path, raw, os.stat(path))  # (the entry stored after: as it reads)
        assert again is None or again.to_doc() == _as_read(plan_file, monkeypatch)
    assert len(harmed) == 4  # (each change; the read is no change)
    assert from_text or damage == "stored anew"  # (another entry's chunk may be the same)


def test_a_chunk_loaded_after_the_change_was_written_is_the_plans_though_the_entry_is_gone(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a command asks of its plan after the change returned (the item printed, the
    entry stored after the answer: ``later``), with the entry cut meanwhile: the tables of
    the file as written."""
    tasks = _warmed(plan_file, monkeypatch)
    entry = _entry(plan_file)

    def change(plan: Any) -> Any:
        plan.find(tasks[5]).data["progress"] = 30
        return plan

    later: list[Any] = []
    plan = store.update(store.PlanSource(plan_file), change, later=later)
    entry.write_bytes(entry.read_bytes()[:2000])
    assert plan.find(tasks[-1]).data == _as_read(plan_file, monkeypatch)["item"][-1]
    assert plan.to_doc() == _as_read(plan_file, monkeypatch)
    for job in later:  # the entry stored, of the tables loaded since
        job()
    _entry_is_the_file(plan_file, monkeypatch)


def test_a_damaged_chunk_the_change_did_not_load_is_stored_anew_not_copied(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The chunks a change did not load are stored again as they were, read only then and
    checked: one damaged since the recall is made anew of the text's tables."""
    tasks = _warmed(plan_file, monkeypatch)
    entry = _entry(plan_file)
    harmed = _after_recall(monkeypatch, lambda: _every_table_chunk_damaged(entry))
    assert _said(plan_file, ["note", tasks[0], "进展"])[0] == 0
    assert harmed == [1]
    _entry_is_the_file(plan_file, monkeypatch)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/self/fd")
def test_no_file_is_left_open_by_a_change_that_loads_chunks_late(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tasks = _warmed(plan_file, monkeypatch)
    entry = _entry(plan_file)
    opened = sorted(os.listdir("/proc/self/fd"))
    for n, task in enumerate(tasks[::40]):
        assert _said(plan_file, ["note", task, f"进展{n}"])[0] == 0
    _after_recall(monkeypatch, lambda: _every_table_chunk_damaged(entry))
    assert _said(plan_file, ["note", tasks[-1], "再一次"])[0] == 0
    assert sorted(os.listdir("/proc/self/fd")) == opened


def test_a_chunk_that_cannot_be_read_is_lost_not_a_traceback(tmp_path: Path) -> None:
    entry = tmp_path / "entry.pickle"
    entry.write_bytes(b"0123456789")
    with pytest.raises(OSError):
        Unread(4, 8, 0).read(entry)  # (past the end)
    with pytest.raises(OSError):
        Unread(0, 4, 0).read(tmp_path / "gone.pickle")
    import zlib

    assert Unread(2, 3, zlib.crc32(b"234")).read(entry) == b"234"


@pytest.mark.parametrize("layout", ["canonical", "comments-crlf-bom", "multi-line"])
def test_the_tables_of_a_lost_chunk_are_the_texts_in_every_layout(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, clock: Any, layout: str
) -> None:
    """Comments, CRLF line ends and a BOM, multi-line strings: the tables read from the text
    for chunks lost after the recall are those of the plan read with the cache off, and a
    change on them writes what it writes with the cache off."""
    from .test_change_path_s27C import _plan_bytes

    data = _plan_bytes(layout)
    plan_file.write_bytes(data)
    assert _said(plan_file, ["status"])[0] == 0
    entry = _entry(plan_file)
    path = plan_file.resolve()
    plan = cache.recall(path, data, os.stat(path), lazy=True)
    assert plan is not None
    _every_table_chunk_damaged(entry)
    assert plan.to_doc() == _as_read(plan_file, monkeypatch)
    assert _said(plan_file, ["status"])[0] == 0  # (the entry stored again)
    args = ["note", "3.7", "进展顺利", "--on", "2023-06-30"]
    expected = _off(plan_file, monkeypatch, data, args)
    harmed = _after_recall(monkeypatch, lambda: _every_table_chunk_damaged(_entry(plan_file)))
    assert _said(plan_file, args) == expected
    assert harmed == [1]
