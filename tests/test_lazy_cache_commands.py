"""A plan recalled lazily from the parse cache (``model.Item``, ``store.cache``) answers every
command as the plan read whole: every change command (fields set to periods, floats, targets
with a direction, moves, removals, additions under a task, the header, a merge conflict
settled, a canonical rewrite, undo) gives the same output, exit code and file with the cache
off and on, and every read after it prints the same; a hand edit read through a stale entry
too. A plan recalled lazily loads its tables from the entry it was recalled from, whatever
another process does to the file and the entry in the meantime; and an entry damaged anywhere
(a table chunk no status loads included) is never taken for the plan."""

from __future__ import annotations

import os
import random
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan import store
from quanhu_plan.canonical import dumps
from quanhu_plan.cli import app
from quanhu_plan.sketches import sketch_of
from quanhu_plan.store import cache

from .conftest import plan_doc
from .forged_entries import forged
from .test_lazy_cache import _generated, _moments, clocked, plans
from .test_stale_entry import edits, items_text

SOME = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

READS = [
    ["status"],
    ["status", "--json"],
    ["status", "--as-of", "2023-06-30", "--json"],
    ["status", "--by", "owner", "--json"],
    ["list", "--json"],
    ["show", "{task}", "--json"],
    ["log", "{goal}", "--json"],
    ["report", "--format", "json"],
    ["export", "--as-of", "2023-06-30"],
    ["check"],
]
CHANGES = [
    ["done", "{task}", "--on", "2023-06-01"],
    ["progress", "{task}", "12.5"],
    ["record", "{task}", "3.5", "--yes", "--on", "2024-01-10"],
    ["note", "{goal}", "进展", "--on", "2024-01-02"],
    ["block", "{task}", "--reason", "缺资金"],
    ["reopen", "{task}"],
    ["add", "{task}", "子任务", "--target", "5"],
    ["edit", "{task}", "--due", "2023-Q2"],
    ["edit", "{task}", "--start", "2023-05"],
    ["edit", "{task}", "--weight", "2.5"],
    ["edit", "{task}", "--target", "10", "--direction", "down"],
    ["edit", "{goal}", "--weight", "3"],
    ["move", "{task}", "{goal}"],
    ["rm", "{goal}", "-y", "-r"],
    ["header", "--year", "2024"],
    ["resolve", "{task}", "--ours"],
    ["fmt", "--force"],
    ["undo"],
]


def _filled(args: list[str], ids: list[str], pick: int) -> list[str]:
    tasks = [i for i in ids if not any(j.startswith(i + ".") for j in ids)] or ["1"]
    goals = [i for i in ids if i not in tasks] or ["1"]
    task, goal = tasks[pick % len(tasks)], goals[pick % len(goals)]
    return [a.replace("{task}", task).replace("{goal}", goal) for a in args]


def _run(plan_file: Path, args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--file", str(plan_file), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output.replace(str(plan_file.parent), "DIR")


def _reads(plan_file: Path, ids: list[str], pick: int) -> list[tuple[int, str]]:
    return [_run(plan_file, _filled(args, ids, pick)) for args in READS]


def _compare(
    folder: Path, before: bytes, after: bytes, ids: list[str], picks: list[tuple[list[str], int]]
) -> None:
    """``before`` remembered in the cache, the file then ``after`` (a hand edit, or the same):
    every read and change alike with the cache off and on (stale or lazy)."""
    files = {}
    for mode in ("off", "on"):
        files[mode] = folder / mode / "plan.toml"
        files[mode].parent.mkdir()
        files[mode].write_bytes(before)
    off = {"QUANHU_PLAN_CACHE": "off"}
    on = {"QUANHU_PLAN_CACHE": str(folder / "cache")}
    with mock.patch.dict(os.environ, on):
        assert _run(files["on"], ["status"])[0] in (0, 1)  # remembered (when valid)
    for mode in ("off", "on"):
        files[mode].write_bytes(after)
    with mock.patch.dict(os.environ, off):
        expected = _reads(files["off"], ids, 0)
    with mock.patch.dict(os.environ, on):
        assert _reads(files["on"], ids, 0) == expected  # stale entry, or lazily recalled
        assert _reads(files["on"], ids, 0) == expected  # lazily recalled
    clocks = {mode: _moments() for mode in ("off", "on")}
    for args, pick in picks:
        args = _filled(args, ids, pick)
        results = []
        for mode, environment in (("off", off), ("on", on)):
            with mock.patch.dict(os.environ, environment), clocked(clocks[mode]):
                results.append(_run(files[mode], args))
        assert results[0] == results[1], args
        assert files["off"].read_bytes() == files["on"].read_bytes(), args
        with mock.patch.dict(os.environ, off):
            expected = _reads(files["off"], ids, pick)
        with mock.patch.dict(os.environ, on):
            assert _reads(files["on"], ids, pick) == expected, args


changes = st.lists(st.tuples(st.sampled_from(CHANGES), st.integers(0, 99)), max_size=3)


@SOME
@given(items=plans(), picks=changes, chunk=st.sampled_from([1, 2, 3, 7]))
def test_every_change_command_gives_the_same_output_and_file_with_the_cache_off_and_lazy(
    items, picks, chunk
):
    text = dumps(plan_doc(items)).encode()
    ids = [item["id"] for item in items]
    with tempfile.TemporaryDirectory() as folder, mock.patch.object(cache, "CHUNK", chunk):
        _compare(Path(folder), text, text, ids, picks)


@SOME
@given(data=st.data(), count=st.integers(1, 40), picks=changes, chunk=st.sampled_from([1, 3]))
def test_a_hand_edit_reads_and_changes_alike_through_a_stale_entry_made_lazily(
    data, count, picks, chunk
):
    text = items_text(count, crlf=data.draw(st.booleans()), archive=data.draw(st.booleans()))
    after = data.draw(edits(text))
    ids = [f"{n}" for n in range(1, count + 1)]
    with tempfile.TemporaryDirectory() as folder, mock.patch.object(cache, "CHUNK", chunk):
        _compare(Path(folder), text.encode(), after.encode(), ids, picks)


def _warm(plan_file: Path, tasks: int, chunk: int) -> None:
    plan_file.write_text(dumps(_generated(tasks)), encoding="utf-8")
    with mock.patch.object(cache, "CHUNK", chunk):
        assert CliRunner().invoke(app, ["--file", str(plan_file), "status"]).exit_code == 0


def test_a_plan_recalled_lazily_loads_its_own_entrys_tables_after_another_change_and_damage(
    plan_file, monkeypatch
):
    """Another process changes the file (a new entry replaces the one recalled) and the entry
    is then damaged: the tables loaded afterwards are those of the entry recalled, which the
    sketches were made from (the plan as the bytes it was read from say)."""
    monkeypatch.setattr(cache, "CHUNK", 20)
    _warm(plan_file, 200, 20)
    recalled = store.load(store.PlanSource(plan_file))
    sketches = {item.id: item.sketch for item in recalled.items()}
    assert all(sketches.values())  # nothing loaded yet
    tasks = [item.id for item in recalled.items() if not item.children]
    for task in (tasks[0], tasks[1], tasks[-1]):
        result = CliRunner().invoke(app, ["--file", str(plan_file), "note", task, "后来的进展"])
        assert result.exit_code == 0, result.output
    entry = next(p for p in (plan_file.parent / "cache").iterdir() if p.suffix == ".pickle")
    entry.write_bytes(entry.read_bytes()[:1000])
    keys: dict[Any, Any] = {}
    for item in recalled.items():
        assert "后来的进展" not in str(item.data.get("log"))
        assert sketch_of(item.data, keys) == sketches[item.id]


def test_an_entry_damaged_anywhere_is_never_taken_for_the_plan(plan_file, monkeypatch):
    """Bytes flipped, cut or dropped anywhere in the entry (in a chunk of tables that a status
    never loads too): every read prints what it prints with the cache off."""
    _warm(plan_file, 150, 30)
    reads = [["status"], ["list", "--json"], ["show", "2.1.3", "--json"], ["log", "--json"]]
    monkeypatch.setenv("QUANHU_PLAN_CACHE", "off")
    expected = [_run(plan_file, args) for args in reads]
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(plan_file.parent / "cache"))
    entry = next(p for p in (plan_file.parent / "cache").iterdir() if p.suffix == ".pickle")
    good = entry.read_bytes()
    rng = random.Random(9)
    for trial in range(40):
        damaged = bytearray(good)
        at = rng.randrange(len(good) // 2, len(good))  # the later half: chunks of tables
        if trial % 3 == 0:
            damaged[at] ^= 1 << rng.randrange(8)
        elif trial % 3 == 1:
            del damaged[at]
        else:
            damaged = damaged[:at]
        entry.write_bytes(bytes(damaged))
        args = reads[trial % len(reads)]
        assert _run(plan_file, args) == expected[trial % len(reads)], (trial, args)
        entry.write_bytes(good)


def _forged_entry(entry: Path) -> None:
    """The entry with its last chunk of tables one table short (``forged``)."""
    from quanhu_plan.store.cache_chunks import chunk_of, tables_of

    def one_short(_: list[int], chunks: list[bytes]) -> None:
        chunks[-1] = chunk_of(tables_of(chunks[-1])[:-1])  # (as the cache stores a chunk)

    forged(entry, one_short)


def test_a_chunk_that_is_not_its_items_tables_stops_the_command_with_a_message(
    plan_file, monkeypatch
):
    """A table chunk that passes the checksum but does not unpickle into its items' tables
    (loaded only when a command first asks for one of them): the command stops with a message
    and exit code 1, before it writes; the entry is removed, so the command run again reads the
    file afresh and works. A read of every table never takes such an entry for the plan."""
    monkeypatch.setattr(cache, "CHUNK", 20)
    _warm(plan_file, 120, 20)
    last_task = [
        item.id for item in store.load(store.PlanSource(plan_file)).items() if not item.children
    ][-1]
    monkeypatch.setenv("QUANHU_PLAN_CACHE", "off")
    listed = _run(plan_file, ["list", "--json"])
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(plan_file.parent / "cache"))
    entry = next(p for p in (plan_file.parent / "cache").iterdir() if p.suffix == ".pickle")
    _forged_entry(entry)
    assert _run(plan_file, ["list", "--json"]) == listed
    assert CliRunner().invoke(app, ["--file", str(plan_file), "status"]).exit_code == 0
    _forged_entry(entry)
    forged = entry.read_bytes()
    before = plan_file.read_bytes()
    result = CliRunner().invoke(app, ["--file", str(plan_file), "done", last_task])
    assert result.exit_code == 1, result.output
    assert "解析缓存" in result.output and "已损坏" in result.output
    assert "Traceback" not in result.output
    assert plan_file.read_bytes() == before
    assert not entry.exists() or entry.read_bytes() != forged  # removed (or made afresh)
    again = CliRunner().invoke(app, ["--file", str(plan_file), "done", last_task])
    assert again.exit_code == 0, again.output
    assert plan_file.read_bytes() != before
