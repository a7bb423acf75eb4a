"""Attacks on a change's chunks read late (``cache_stored.Unread``, s37B): a cache entry
forged, swapped or rewritten between the recall and the load never changes what a change
says, its exit code or what it writes, and gives no traceback."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from quanhu_plan.store import cache

from .forged_entries import forged
from .test_change_reads_its_chunks_s37B import (
    _after_recall,
    _as_read,
    _chunks_from_text,
    _entry,
    _entry_is_the_file,
    _entry_now,
    _off,
    _said,
    _warmed,
)


def _swapped(counts: list[int], chunks: list[bytes]) -> None:
    """The last two chunks of tables swapped (their sketches left): each holds as many
    tables, of other items (a wrong writer's, the sums made to match)."""
    assert counts[-1] == counts[-2]
    chunks[-1], chunks[-2] = chunks[-2], chunks[-1]


def _held_as_chunks_are_pickled(monkeypatch: pytest.MonkeyPatch, name: str) -> list[bool]:
    """For each chunk pickled (an entry stored), whether the plan recalled last still held
    its ``Stored.<name>`` then."""
    held: list[bool] = []
    real = cache.chunk_of

    def chunk_of(tables: Any) -> bytes:
        recalled = cache._RECALLED
        held.append(recalled is not None and getattr(recalled[1], name) is not None)
        return real(tables)

    monkeypatch.setattr(cache, "chunk_of", chunk_of)
    return held


@pytest.mark.parametrize("verb", ["note", "done"])
def test_a_chunk_of_other_items_tables_never_lands_on_the_changed_item(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, clock: Any, verb: str
) -> None:
    tasks = _warmed(plan_file, monkeypatch)
    args = ["note", tasks[-1], "攻击"] if verb == "note" else ["done", tasks[-1]]
    before = plan_file.read_bytes()
    want = _off(plan_file, monkeypatch, before, args)
    forged(_entry(plan_file), _swapped)
    code, output, written = _said(plan_file, args)
    if "已损坏" not in output:
        assert (code, output, written) == want
    else:  # (at most: the damaged-cache message, the file as it was)
        assert code == 1 and written == before


def test_undo_never_takes_another_items_table_for_the_one_it_looks_at(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, clock: Any
) -> None:
    """``undo`` looks at every table without loading it (``Stored.looked_at``): a chunk of
    other items' tables is not taken for its items'."""
    tasks = _warmed(plan_file, monkeypatch)
    assert _said(plan_file, ["note", tasks[-1], "进展"])[0] == 0
    assert _said(plan_file, ["note", tasks[-21], "进展"])[0] == 0
    assert _said(plan_file, ["status"])[0] == 0  # (the entry of the file as it is)
    before = plan_file.read_bytes()
    want = _off(plan_file, monkeypatch, before, ["undo"])
    forged(_entry(plan_file), _swapped)
    code, output, written = _said(plan_file, ["undo"])
    if "已损坏" not in output:
        assert (code, output, written) == want
    else:
        assert code == 1 and written == before


def test_the_text_a_change_was_recalled_for_is_let_go_of_before_a_chunk_is_pickled(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, clock: Any
) -> None:
    """The bytes of the plan (``Stored.read_from``: for a chunk lost since the recall) are not
    held while the change's entry is pickled: each chunk is read first (``read_all``); at
    100,000 tasks they were 16 MB more of ``plan done``'s peak (131.7 MB against 121.6 MB
    before chunks were read late, /usr/bin/time -v)."""
    tasks = _warmed(plan_file, monkeypatch)
    held = _held_as_chunks_are_pickled(monkeypatch, "read_from")
    before = plan_file.read_bytes()
    want = _off(plan_file, monkeypatch, before, ["note", tasks[-1], "进展"])
    assert _said(plan_file, ["note", tasks[-1], "进展"]) == want
    assert held and not any(held)
    _entry_is_the_file(plan_file, monkeypatch)


def test_a_chunk_lost_before_the_entry_is_stored_is_the_texts_in_the_entry(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, clock: Any
) -> None:
    """Every chunk of tables gone from the entry (removed) between the recall and the store:
    each read first is lost, loaded from the text, and the entry stored holds the plan."""
    tasks = _warmed(plan_file, monkeypatch)
    entry = _entry(plan_file)
    before = plan_file.read_bytes()
    want = _off(plan_file, monkeypatch, before, ["note", tasks[3], "进展"])
    harmed = _after_recall(monkeypatch, entry.unlink)
    assert _said(plan_file, ["note", tasks[3], "进展"]) == want
    assert harmed == [1]
    _entry_is_the_file(plan_file, monkeypatch)


WRITERS, CHANGES_EACH, READERS = 4, 20, 2


def _writer(path: str, number: int, tasks: list[str], start: Any) -> None:
    """CHANGES_EACH notes on tasks spread over the plan (each change loads its task's chunk
    late, the entry stored anew meanwhile by the readers and the other writers)."""
    import random
    import time

    from typer.testing import CliRunner

    from quanhu_plan.cli import app

    rng = random.Random(number)
    start.wait()
    for count in range(CHANGES_EACH):
        time.sleep(rng.uniform(0, 0.005))
        task = tasks[(number * 37 + count * 11) % len(tasks)]
        result = CliRunner().invoke(app, ["--file", path, "note", task, f"w{number}:{count}"])
        if result.exit_code != 0 or result.exception is not None:
            raise SystemExit(f"{result.exit_code} {result.output} {result.exception!r}")


def _reader(path: str, start: Any, stop: Any) -> None:
    """Reads of the plan as it is, which store its entry where it is not the file's."""
    from quanhu_plan import store

    start.wait()
    while not stop.is_set():
        plan = store.load(store.PlanSource(Path(path)))
        for item in plan.item_list()[::17]:
            item.data.get("log")


def test_writers_and_readers_at_once_on_a_plan_whose_entry_exists_lose_nothing(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing
    import tomllib

    tasks = _warmed(plan_file, monkeypatch)
    context = multiprocessing.get_context("fork")
    start, stop = context.Event(), context.Event()
    writers = [
        context.Process(target=_writer, args=(str(plan_file), n, tasks, start))
        for n in range(WRITERS)
    ]
    readers = [
        context.Process(target=_reader, args=(str(plan_file), start, stop)) for _ in range(READERS)
    ]
    for worker in writers + readers:
        worker.start()
    start.set()
    for worker in writers:
        worker.join(300)
    stop.set()
    for worker in readers:
        worker.join(60)
    assert [w.exitcode for w in writers + readers] == [0] * (WRITERS + READERS)
    doc = tomllib.loads(plan_file.read_text(encoding="utf-8"))
    found = {
        (table["id"], entry.get("note"))
        for table in doc["item"]
        for entry in table.get("log", [])
        if str(entry.get("note", "")).startswith("w")
    }
    wanted = {
        (tasks[(n * 37 + c * 11) % len(tasks)], f"w{n}:{c}")
        for n in range(WRITERS)
        for c in range(CHANGES_EACH)
    }
    assert found == wanted
    again = _entry_now(plan_file)
    if again is not None:  # (the entry stored last: the file's, or none that fits)
        assert again.to_doc() == _as_read(plan_file, monkeypatch)


def test_the_tables_read_from_the_text_are_let_go_of_before_a_chunk_is_pickled(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, clock: Any
) -> None:
    """A chunk lost since the recall has its tables from the text, which reads every item's
    (``Stored.from_text``): not held while the entry is pickled, once every chunk is read."""
    tasks = _warmed(plan_file, monkeypatch)
    entry = _entry(plan_file)
    held = _held_as_chunks_are_pickled(monkeypatch, "from_text")
    before = plan_file.read_bytes()
    want = _off(plan_file, monkeypatch, before, ["note", tasks[-1], "进展"])
    harmed = _after_recall(monkeypatch, entry.unlink)
    assert _said(plan_file, ["note", tasks[-1], "进展"]) == want
    assert harmed == [1] and held and not any(held)


def _descriptors() -> set[str]:
    """What this process holds open (where /proc says so)."""
    found = set()
    for fd in os.listdir("/proc/self/fd") if os.path.isdir("/proc/self/fd") else []:
        try:
            found.add(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:  # (the listing's own)
            pass
    return found


def _replaced(entry: Path, how: str) -> None:
    """The entry replaced, between a change's recall and its loading a chunk."""
    kept = entry.read_bytes()
    entry.unlink()
    if how == "a link to a copy":
        copy = entry.with_name("copy")
        copy.write_bytes(kept)
        entry.symlink_to(copy)
    elif how == "a folder":
        entry.mkdir()
    elif how == "a fifo":
        os.mkfifo(entry)
    elif how == "a copy":  # (its own bytes, as another process would have stored them)
        entry.write_bytes(kept)
    elif how == "its second half zeroed":
        entry.write_bytes(kept[: len(kept) // 2] + bytes(len(kept) - len(kept) // 2))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="fifo")
@pytest.mark.parametrize(
    "how",
    [
        "gone",
        "a link to a copy",
        "a folder",
        "a fifo",
        "a copy",
        "another plan's of the same layout",
    ],
)
def test_a_structural_change_on_an_entry_replaced_after_its_recall_says_and_writes_as_with_the_cache_off(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, clock: Any, how: str
) -> None:
    tasks = _warmed(plan_file, monkeypatch)
    entry = _entry(plan_file)
    harmed = _after_recall(monkeypatch, lambda: _replaced(entry, how))
    from_text = _chunks_from_text(monkeypatch)
    changes = [
        ["add", tasks[50].rsplit(".", 1)[0], "新增的任务", "--owner", "王五"],
        ["move", tasks[-1], tasks[0].rsplit(".", 1)[0]],
        ["rm", tasks[120], "--yes"],
        ["edit", tasks[77], "--title", "改过的名称 [x]"],
        ["header", "--title", "改过的计划"],
        ["undo"],
        ["done", tasks[10], "--on", "2023-06-30"],
    ]
    opened = _descriptors()
    for args in changes:
        for stray in (entry, entry.with_name("copy")):
            if stray.is_dir() and not stray.is_symlink():
                stray.rmdir()
            elif stray.exists() or stray.is_symlink():
                stray.unlink()
        assert _said(plan_file, ["status"])[0] == 0  # (the entry of the file as it is)
        before = plan_file.read_bytes()
        expected = _off(plan_file, monkeypatch, before, args)
        assert _said(plan_file, args) == expected, args
        again = _entry_now(plan_file)
        assert again is None or again.to_doc() == _as_read(plan_file, monkeypatch), args
    assert len(harmed) == len(changes)
    assert bool(from_text) == (how != "a copy")
    assert _descriptors() == opened  # (no file left open)


def _lengths_forged(entry: Path) -> None:
    """The header's lengths of the last two chunks of tables made absurd and the sum of all
    kept (one of 2**62 bytes, the other as negative), the header's sum made to match: a
    wrong writer's, which a read of every chunk refuses (a short read) at once."""
    import zlib
    from _pickle import dumps, loads

    data = entry.read_bytes()
    key, counts, lengths, token, check = loads(data)
    at = len(data) - sum(lengths)
    lengths = list(lengths)
    total = lengths[-2] + lengths[-1]
    lengths[-2] = 1 << 62
    lengths[-1] = total - lengths[-2]
    check = (zlib.crc32(repr((counts, lengths)).encode("ascii")), *check[1:])
    entry.write_bytes(dumps((key, counts, lengths, token, check), 5) + data[at:])


def test_a_header_whose_lengths_are_absurd_is_never_a_traceback(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, clock: Any
) -> None:
    tasks = _warmed(plan_file, monkeypatch)
    args = ["note", tasks[-21], "进展"]  # (in the chunk before the last)
    before = plan_file.read_bytes()
    want = _off(plan_file, monkeypatch, before, args)
    _lengths_forged(_entry(plan_file))
    assert _said(plan_file, args) == want


def test_a_change_made_again_on_a_hand_edit_saved_meanwhile_reads_the_new_entrys_chunks(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, clock: Any
) -> None:
    """The file edited by hand between the change's recall and its write (a task's title
    changed), and a read storing the entry of the edit meanwhile: the change is made again
    (``_ChangedOnDisk``) on the plan recalled from the new entry, never with a chunk of the
    first attempt's, and says and writes what it would with the cache off on the edit."""
    tasks = _warmed(plan_file, monkeypatch)
    original = plan_file.read_bytes()
    edited = original.replace("完成第200项任务".encode(), "手改的第200项任务".encode())
    assert edited != original
    args = ["note", tasks[-1], "进展"]
    want = _off(plan_file, monkeypatch, edited, args)

    def hand_edit() -> None:
        if plan_file.read_bytes() == original:
            plan_file.write_bytes(edited)
            from quanhu_plan import store

            with monkeypatch.context() as reading:
                reading.setattr(cache, "recall", real_recall)
                store.load(store.PlanSource(plan_file)).find(tasks[-1]).data  # noqa: B018

    real_recall = cache.recall
    harmed = _after_recall(monkeypatch, hand_edit)
    assert _said(plan_file, args) == want
    assert len(harmed) == 2
    path = plan_file.resolve()
    again = real_recall(path, plan_file.read_bytes(), os.stat(path))
    assert again is not None and again.to_doc() == _as_read(plan_file, monkeypatch)
