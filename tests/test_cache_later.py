"""A first ``plan status`` with no cache entry stores the entry after its answer, in a process
forked as the program leaves (quanhu_plan/store/cache_later.py): the answer is the same, the
entry the same as one stored at once, and anything that reads the cache again in the process
finds it stored."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from quanhu_plan import collector, store
from quanhu_plan.cli import app
from quanhu_plan.goal_figures import Goals
from quanhu_plan.store import cache, cache_later

from .conftest import REPO_PLAN

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks on Linux")


def _entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*.pickle")) if folder.is_dir() else []


def _gone(group: int, seconds: float = 30.0) -> bool:
    """Whether every process of ``group`` left within ``seconds``: one that left but that no
    one has waited for yet (a zombie, which ``os.killpg(group, 0)`` still finds) is gone too,
    as where the orphan is handed to a process that reaps none (``docker run image pytest``,
    pytest as PID 1)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if not any(_running_in(group)):
            return True
        time.sleep(0.01)
    return False


def _running_in(group: int) -> Iterator[int]:
    """The processes of ``group`` still running (not zombies), from /proc."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text(encoding="ascii", errors="replace").rsplit(")", 1)[1].split()
        except OSError:  # (left as it was looked at)
            continue
        state, pgrp = fields[0], int(fields[2])
        if pgrp == group and state not in ("Z", "X"):
            yield int(stat.parent.name)


@pytest.fixture
def in_program(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in the ``plan`` program (``collector.the_program``) as a user runs it (the tests'
    QUANHU_PLAN_CACHE_DETACH=0 taken off), and nothing left waiting after."""
    monkeypatch.setattr(collector, "_IN_PROGRAM", True)
    monkeypatch.delenv(cache_later.DETACH_ENV)
    yield
    cache_later.WAITING.clear()


@linux_only
def test_the_program_answers_first_and_stores_the_entry_after(plan_file, runner, tmp_path):
    shutil.copy(REPO_PLAN, plan_file)
    folder = tmp_path / "cache"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    del env[cache_later.DETACH_ENV]  # (as a user runs it)
    child = subprocess.Popen(
        [sys.executable, "-m", "quanhu_plan", "status"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # (its own group: what it leaves running is waited for below)
    )
    out, err = child.communicate(timeout=60)  # (the pipes' end: the forked one keeps none)
    assert child.returncode == 0, err.decode()
    assert err == b""
    assert _gone(child.pid), "the process storing the entry did not leave"
    assert _entries(folder) != []
    stored = {p.name: p.read_bytes() for p in folder.iterdir()}

    # The answer is the one a test's run (which stores at once) gives, cold and warm.
    shutil.rmtree(folder)
    cold = runner.invoke(app, ["status"])
    assert cold.exit_code == 0
    assert out.decode() == cold.output
    # The same entry, and beside it, from the forked process alone, where the file's header
    # lines are (``remembering.remember_if_unchanged``: worked out after the answer, for the
    # change that comes next; not in the command, where a store made at once would pay them).
    blocks = [name for name in stored if name.endswith(".blocks")]
    assert len(blocks) == 1
    assert sorted(p.name for p in folder.iterdir()) == sorted(set(stored) - set(blocks))
    warm_from_detached = store.load(store.PlanSource(plan_file)).to_doc()
    for name, data in stored.items():  # the entry the forked process stored, read back
        (folder / name).write_bytes(data)
    assert store.load(store.PlanSource(plan_file)).to_doc() == warm_from_detached
    warm = runner.invoke(app, ["status"])
    assert warm.output == out.decode()


@linux_only
def test_a_status_in_the_program_leaves_its_entry_to_wait(plan_file, in_program, tmp_path):
    shutil.copy(REPO_PLAN, plan_file)
    folder = tmp_path / "cache"
    read = store.load(store.PlanSource(plan_file), goals=True)
    assert not isinstance(read, Goals)  # the plan read, drawn as it is
    assert len(cache_later.WAITING) == 1
    assert _entries(folder) == []

    # A read of the cache in the same process (a change after the status) stores it first.
    again = store.load(store.PlanSource(plan_file))
    assert cache_later.WAITING == []
    assert _entries(folder) != []
    assert again.to_doc() == read.to_doc()
    assert cache._RECALLED is not None and cache._RECALLED[0]() is again  # from the entry


@linux_only
def test_the_entry_stored_after_the_answer_keeps_the_traces_newest_at(
    plan_file, runner, tmp_path, monkeypatch
):
    """A status's plan is drawn without the trace's newest ``at`` looked up (a look at every
    item's log, which a status draws none of): the process storing its entry looks it up, and
    keeps it in the entry, as a read storing it at once does (session 37)."""
    shutil.copy(REPO_PLAN, plan_file)
    result = runner.invoke(app, ["done", "1.1.1", "--on", "2023-06-30"])  # (a trace: an ``at``)
    assert result.exit_code == 0, result.output
    folder = tmp_path / "cache"
    shutil.rmtree(folder)
    at_once = store.load(store.PlanSource(plan_file), goals=True)  # (outside the program)
    assert at_once.newest_at is not None and at_once.newest_at_known
    stored = {p.name: p.read_bytes() for p in folder.iterdir()}
    shutil.rmtree(folder)

    monkeypatch.setattr(collector, "_IN_PROGRAM", True)
    monkeypatch.delenv(cache_later.DETACH_ENV)
    try:
        read = store.load(store.PlanSource(plan_file), goals=True)
        assert not read.newest_at_known  # (left to the process storing the entry)
        assert len(cache_later.WAITING) == 1 and _entries(folder) == []
        cache_later.settle()  # (what that process runs: ``remember_if_unchanged``)
    finally:
        cache_later.WAITING.clear()
    assert read.newest_at == at_once.newest_at and read.newest_at_known
    assert sorted(_entries(folder)) == sorted(name for name in stored if name.endswith("pickle"))
    monkeypatch.setattr(cache, "_RECALLED", None)  # (read from the entry stored, not kept)
    again = store.load(store.PlanSource(plan_file))
    assert again is not read and cache._RECALLED is not None and cache._RECALLED[0]() is again
    assert again.newest_at == at_once.newest_at and again.newest_at_known
    assert again.to_doc() == at_once.to_doc()


def test_outside_the_program_the_entry_is_stored_at_once(plan_file, tmp_path):
    shutil.copy(REPO_PLAN, plan_file)
    store.load(store.PlanSource(plan_file), goals=True)
    assert cache_later.WAITING == []
    assert _entries(tmp_path / "cache") != []


def test_where_a_process_cannot_fork_as_it_is_the_entry_is_stored_at_once(
    plan_file, in_program, tmp_path, monkeypatch
):
    shutil.copy(REPO_PLAN, plan_file)
    monkeypatch.setattr(sys, "platform", "win32")
    store.load(store.PlanSource(plan_file), goals=True)
    assert cache_later.WAITING == []
    assert _entries(tmp_path / "cache") != []


@pytest.mark.parametrize("said", ["0", "no", "False", " off "])
def test_told_not_to_detach_the_entry_is_stored_at_once(
    plan_file, in_program, tmp_path, monkeypatch, said
):
    shutil.copy(REPO_PLAN, plan_file)
    monkeypatch.setenv(cache_later.DETACH_ENV, said)
    store.load(store.PlanSource(plan_file), goals=True)
    assert cache_later.WAITING == []
    assert _entries(tmp_path / "cache") != []


def test_other_reads_store_their_entry_at_once(plan_file, in_program, tmp_path):
    shutil.copy(REPO_PLAN, plan_file)
    store.load(store.PlanSource(plan_file))  # (list, show, a change: not a status)
    assert cache_later.WAITING == []
    assert _entries(tmp_path / "cache") != []


@linux_only
def test_leaving_forks_a_process_that_stores_with_no_terminal(in_program, tmp_path):
    said = tmp_path / "said"

    def job() -> None:
        fds = [os.readlink(f"/proc/self/fd/{fd}") for fd in (0, 1, 2)]
        said.write_text(f"{os.getpid()} {' '.join(fds)}", encoding="utf-8")

    assert cache_later.store_later(job)
    cache_later.leave()
    assert cache_later.WAITING == []  # (this process goes on to leave)
    end = time.monotonic() + 30
    while not said.exists() or not said.read_text(encoding="utf-8"):
        assert time.monotonic() < end, "the forked process stored nothing"
        time.sleep(0.01)
    pid, *fds = said.read_text(encoding="utf-8").split()
    assert int(pid) != os.getpid()
    os.waitpid(int(pid), 0)  # (a fork of this test run: not left a zombie until it ends)
    assert fds == [os.devnull] * 3


def test_a_job_that_fails_is_let_go(in_program):
    def failing() -> None:
        raise OSError("disk full")

    assert cache_later.store_later(failing)
    cache_later.settle()  # (no traceback: the cache is only a shortcut)
    assert cache_later.WAITING == []


def _entry_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.suffix != ".storing"}


def test_a_change_in_the_program_stores_its_entry_after_the_answer(
    plan_file, runner, in_program, tmp_path
):
    shutil.copy(REPO_PLAN, plan_file)
    folder = tmp_path / "cache"
    store.load(store.PlanSource(plan_file))  # (the plan in use: its entry stored)
    before = _entry_bytes(folder)

    result = runner.invoke(app, ["done", "1.1.1", "--on", "2023-06-30"])
    assert result.exit_code == 0, result.output
    assert "1.1.1" in result.output
    written = plan_file.read_bytes()
    assert b'status = "done"' in written
    assert len(cache_later.WAITING) == 1  # left for the process forked as the program leaves
    assert _entry_bytes(folder) == before  # nothing of the entry stored before the answer

    cache_later.settle()  # (what that process does)
    assert _entry_bytes(folder) != before
    recalled = store.load(store.PlanSource(plan_file))
    assert cache._RECALLED is not None and cache._RECALLED[0]() is recalled  # from the entry
    assert recalled.find("1.1.1").data["status"] == "done"
    shutil.rmtree(folder)
    assert store.load(store.PlanSource(plan_file)).to_doc() == recalled.to_doc()


def test_a_change_written_over_before_its_entry_is_stored_stores_none(
    plan_file, runner, in_program, tmp_path
):
    shutil.copy(REPO_PLAN, plan_file)
    folder = tmp_path / "cache"
    store.load(store.PlanSource(plan_file))
    result = runner.invoke(app, ["done", "1.1.1", "--on", "2023-06-30"])
    assert result.exit_code == 0, result.output
    before = _entry_bytes(folder)
    plan_file.write_bytes(plan_file.read_bytes() + b"\n")  # (an editor saved it meanwhile)

    cache_later.settle()
    assert _entry_bytes(folder) == before  # no entry of bytes no longer there


def test_a_change_outside_the_program_stores_its_entry_before_it_returns(
    plan_file, runner, tmp_path
):
    shutil.copy(REPO_PLAN, plan_file)
    folder = tmp_path / "cache"
    store.load(store.PlanSource(plan_file))
    before = _entry_bytes(folder)
    result = runner.invoke(app, ["done", "1.1.1", "--on", "2023-06-30"])
    assert result.exit_code == 0, result.output
    assert cache_later.WAITING == []
    assert _entry_bytes(folder) != before
