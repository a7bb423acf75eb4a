"""A warm ``plan status`` drawn of a plan's parts and goals (``goal_figures``) reads of the parse
cache entry only the chunks it uses, the plan's head and its parts' and goals' tables, each
checked against its CRC-32 (``cache._read``): not the tasks' chunks, which it never loads
(1.3 MB read and summed for nothing at 10,000 tasks). A damaged task chunk is then no concern
of the status, whose output is the same; any command that reads the tasks still finds the
entry damaged and reads the file afresh."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from typer.testing import CliRunner

from quanhu_plan.canonical import dumps
from quanhu_plan.cli import app
from quanhu_plan.store import cache, cache_files, plan_text

from .test_status_rollups import generated


def _run(path: Path, *args: str, cached: bool = True) -> str:
    env = {} if cached else {"QUANHU_PLAN_CACHE": "off"}
    with mock.patch.dict(os.environ, env):
        result = CliRunner().invoke(app, ["--file", str(path), *args])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.output


def _setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, str]:
    """A generated plan of 300 tasks in chunks of 16 tables, its entry and goals stored by a
    status; the plan, its entry and the status of the plan read without the cache."""
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "CHUNK", 16)
    path = tmp_path / "plan.toml"
    path.write_text(dumps(generated(300, 4)), encoding="utf-8")
    whole = _run(path, "status", cached=False)
    assert _run(path, "status") == whole  # the first: stores the entry (and its goals)
    assert _run(path, "status") == whole  # keeps the goals, if the first did not
    entry = cache.entry_of(path.resolve())
    assert entry is not None and entry.exists()
    assert (tmp_path / "cache" / (entry.name.removesuffix(".pickle") + ".goals")).exists()
    return path, entry, whole


def _layout(entry: Path) -> tuple[list[int], list[int], int]:
    """The entry's chunks' counts of tables and sizes, and where its chunks start."""
    from _pickle import loads

    raw = entry.read_bytes()
    _, counts, lengths, _, _ = loads(raw)
    return counts, lengths, len(raw) - sum(lengths)


def _parsed(path: Path, *args: str) -> tuple[str, int]:
    """A command's output, and how many times it parsed the plan's text."""
    with mock.patch.object(plan_text, "plan_from_text", wraps=plan_text.plan_from_text) as read:
        output = _run(path, *args)
    return output, read.call_count


def test_a_warm_status_sums_the_head_and_the_goals_chunks_alone(tmp_path, monkeypatch):
    path, entry, whole = _setup(tmp_path, monkeypatch)
    counts, lengths, _ = _layout(entry)
    k = len(counts)
    assert k > 3  # (chunks of tasks after those of the parts and goals)
    summed: list[list[int]] = []
    real = cache_files._checksum

    def checksum(counts: Any, lengths: Any, parts: Any, sums: Any = None) -> Any:
        summed.append([len(part) for part in parts])
        return real(counts, lengths, parts, sums)

    with mock.patch.object(cache, "_checksum", checksum):
        assert _parsed(path, "status") == (whole, 0)
    (sizes,) = summed
    # The head, then the first chunks of tables (the parts' and goals'), not one task's chunk
    # nor any chunk of sketches.
    assert sizes[0] == lengths[0]
    assert sizes[1:] == lengths[1 + k : 1 + k + len(sizes) - 1]
    assert len(sizes) - 1 < k and sum(sizes) < sum(lengths) / 2


def test_a_damaged_task_chunk_is_not_read_by_a_status_and_refused_by_the_rest(
    tmp_path, monkeypatch
):
    path, entry, whole = _setup(tmp_path, monkeypatch)
    task = _run(path, "show", "1.1.1", cached=False)
    counts, lengths, at = _layout(entry)
    raw = bytearray(entry.read_bytes())
    middle = len(raw) - lengths[-1] // 2  # inside the last chunk: tasks' tables
    raw[middle] ^= 0x01
    entry.write_bytes(bytes(raw))
    # The status: from the cache as before (the chunk is not its to read), the same output.
    assert _parsed(path, "status") == (whole, 0)
    # A command that reads a task: the entry's sums fail, the file is read afresh.
    output, parsed = _parsed(path, "show", "1.1.1")
    assert output == task and parsed == 1


def test_the_chunks_a_status_reads_are_those_its_goals_fill(tmp_path, monkeypatch):
    """``_goal_chunks``: the head and the chunks of tables up to the last part's or goal's; none
    (every chunk read, as without a digest) where the parts and goals would end inside a
    chunk, which no digest made of the entry says (``goal_figures.goals_digest``)."""
    from _pickle import loads

    from quanhu_plan.store import cache_goals

    path, entry, _ = _setup(tmp_path, monkeypatch)
    _, counts, lengths, token, _ = loads(entry.read_bytes())
    k = len(counts)
    digest, wanted = cache._goal_chunks(entry, token, counts, lengths)
    inner = len(digest[0])
    assert wanted[0] == 0 and wanted[1:] == list(range(1 + k, 1 + k + len(wanted) - 1))
    assert sum(counts[: len(wanted) - 1]) == inner
    real = cache_goals.stored_goals

    def odd(entry: Path, token: bytes, count: int) -> Any:
        found = real(entry, token, count)
        return (found[0][:-1], *found[1:])  # one item fewer: ends inside a chunk

    with mock.patch.object(cache_goals, "stored_goals", odd):
        assert cache._goal_chunks(entry, token, counts, lengths) is None
    assert cache._goal_chunks(entry, b"\0" * 8, counts, lengths) is None  # another's token


def test_a_status_without_goals_beside_the_entry_looks_for_them_once(tmp_path, monkeypatch):
    """The status that makes the goals of the entry's sketches (the first after a change)."""
    from quanhu_plan.store import cache_goals

    path, entry, whole = _setup(tmp_path, monkeypatch)
    cache_goals.digest_file(entry).unlink()
    with mock.patch.object(cache_goals, "stored_goals", wraps=cache_goals.stored_goals) as looked:
        assert _parsed(path, "status") == (whole, 0)
    assert looked.call_count == 1
    assert cache_goals.digest_file(entry).exists()  # made again, for the statuses to come
    assert _parsed(path, "status") == (whole, 0)
