"""A command that finds no cache entry for its plan while another process is storing one (the
process a first ``plan status`` leaves behind: quanhu_plan/store/cache_later.py) waits for it
and reads it, rather than read the whole file again: ``plan status; plan done 1.1.1`` in a
script. It waits no longer than ``LONGEST_WAIT``, and not at all for a lock file nobody holds."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from quanhu_plan.cli import app
from quanhu_plan.store import cache, cache_later, plan_text

from .conftest import REPO_PLAN

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks on Linux")


def _parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The labels of the plans read from their text (not from a cache entry) from now on."""
    read: list[str] = []
    real = plan_text.plan_from_text

    def counted(text: str, label: str, *args: object, **kwargs: object) -> object:
        read.append(label)
        return real(text, label, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(plan_text, "plan_from_text", counted)
    return read


def _entry_stored_and_taken_away(runner, plan_file: Path, folder: Path) -> dict[str, bytes]:
    """The cache entry of ``plan_file`` (a status stores it), taken out of ``folder``."""
    first = runner.invoke(app, ["status"])
    assert first.exit_code == 0, first.output
    stored = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert any(name.endswith(".pickle") for name in stored)
    for name in stored:
        (folder / name).unlink()
    return stored


def _held(entry: Path) -> int:
    """The lock a process storing ``entry`` holds, taken here (another open file: it conflicts
    with the command's own as another process's would)."""
    fd = os.open(cache_later.storing(entry), os.O_WRONLY | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def test_a_command_waits_for_the_entry_being_stored_and_reads_it(
    plan_file, runner, tmp_path, monkeypatch
):
    shutil.copy(REPO_PLAN, plan_file)
    folder = tmp_path / "cache"
    stored = _entry_stored_and_taken_away(runner, plan_file, folder)
    entry = cache.entry_of(plan_file.resolve())
    assert entry is not None and entry.name in stored
    fd = _held(entry)

    def store_then_let_go() -> None:  # as the forked process does: stored, unlinked, gone
        time.sleep(0.3)
        for name, data in stored.items():
            (folder / name).write_bytes(data)
        os.unlink(cache_later.storing(entry))
        os.close(fd)

    storer = threading.Thread(target=store_then_let_go)
    parses = _parses(monkeypatch)
    started = time.monotonic()  # (before the thread's sleep starts: it waits at least that)
    storer.start()
    done = runner.invoke(app, ["done", "1.1.1"])
    storer.join()
    assert done.exit_code == 0, done.output
    assert time.monotonic() - started >= 0.3  # it waited for the entry...
    assert parses == []  # ...and read the plan from it, not from its text
    assert 'status = "done"' in plan_file.read_text(encoding="utf-8")
    assert not cache_later.storing(entry).exists()


def test_a_command_waits_no_longer_than_its_limit(plan_file, runner, tmp_path, monkeypatch):
    shutil.copy(REPO_PLAN, plan_file)
    folder = tmp_path / "cache"
    stored = _entry_stored_and_taken_away(runner, plan_file, folder)
    warm_answer = runner.invoke(app, ["status"]).output  # (stored again: taken away below)
    for name in stored:
        (folder / name).unlink()
    entry = cache.entry_of(plan_file.resolve())
    assert entry is not None
    fd = _held(entry)  # a storing process that hangs
    monkeypatch.setattr(cache_later, "LONGEST_WAIT", 0.2)
    parses = _parses(monkeypatch)
    try:
        started = time.monotonic()
        result = runner.invoke(app, ["status"])
        waited = time.monotonic() - started
    finally:
        os.close(fd)
    assert result.exit_code == 0, result.output
    assert result.output == warm_answer
    assert parses != []  # it read the file itself
    assert 0.2 <= waited < 10


def test_a_lock_file_nobody_holds_is_not_waited_on(plan_file, runner, tmp_path, monkeypatch):
    shutil.copy(REPO_PLAN, plan_file)
    folder = tmp_path / "cache"
    _entry_stored_and_taken_away(runner, plan_file, folder)
    entry = cache.entry_of(plan_file.resolve())
    assert entry is not None
    cache_later.storing(entry).write_bytes(b"")  # left by a storing process killed
    assert cache_later.waited_for(entry) is False
    parses = _parses(monkeypatch)
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 0, result.output
    assert len(parses) == 1
    assert entry.exists()


def test_another_users_lock_file_is_not_waited_on(tmp_path, monkeypatch):
    entry = tmp_path / "abc-3-plan.toml.pickle"
    fd = _held(entry)

    def no_wait(seconds: float) -> None:  # (waited on, it would poll until LONGEST_WAIT)
        raise AssertionError("waited on another user's lock file")

    try:
        monkeypatch.setattr(os, "geteuid", lambda: os.getuid() + 1)
        monkeypatch.setattr(time, "sleep", no_wait)
        assert cache_later.waited_for(entry) is False
    finally:
        os.close(fd)


_SLOW_STORE = """
import os, time
if os.environ.get("TEST_SLOW_STORE"):  # the entry stored a second late
    from quanhu_plan.store import cache
    real = cache.remember
    def slow(*args, **kwargs):
        time.sleep(float(os.environ["TEST_SLOW_STORE"]))
        return real(*args, **kwargs)
    cache.remember = slow
if os.environ.get("TEST_PARSES"):  # each plan read from its text, named in that file
    from quanhu_plan.store import plan_text
    read = plan_text.plan_from_text
    def counted(text, label, *args, **kwargs):
        with open(os.environ["TEST_PARSES"], "a", encoding="utf-8") as out:
            out.write(label + "\\n")
        return read(text, label, *args, **kwargs)
    plan_text.plan_from_text = counted
"""


def test_the_program_after_a_first_status_reads_the_entry_it_left_to_store(plan_file, tmp_path):
    """Two commands of the program back to back: the first leaves its entry to a forked process
    that takes a second to store it; the second, started at once, waits for it and parses
    nothing. Nothing but the entry is left in the cache folder."""
    shutil.copy(REPO_PLAN, plan_file)
    folder = tmp_path / "cache"
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(_SLOW_STORE, encoding="utf-8")
    repo = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": f"{hooks}{os.pathsep}{repo}"}
    del env[cache_later.DETACH_ENV]  # (as a user runs it)
    parses = tmp_path / "parses.txt"

    def run(*args: str, **more: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "quanhu_plan", *args],
            env={**env, **more},
            capture_output=True,
            text=True,
            timeout=60,
        )

    first = run("status", TEST_SLOW_STORE="1", TEST_PARSES=str(parses))
    assert first.returncode == 0, first.stderr
    assert parses.read_text(encoding="utf-8").count("\n") == 1  # the first read its text
    assert list(folder.glob("*.storing")) != []  # its entry being stored, the lock held
    second = run("status", TEST_PARSES=str(parses))
    assert second.returncode == 0, second.stderr
    assert second.stdout == first.stdout
    assert parses.read_text(encoding="utf-8").count("\n") == 1  # the second parsed nothing
    deadline = time.monotonic() + 30
    while list(folder.glob("*.storing")) and time.monotonic() < deadline:
        time.sleep(0.01)
    # (and where its header lines are: ``remembering.remember_if_unchanged``)
    assert sorted(p.suffix for p in folder.iterdir()) == [".blocks", ".pickle", ".text"]


def test_the_forked_process_stores_the_entry_where_a_descriptor_cannot_be_let_go(
    plan_file, tmp_path, monkeypatch
):
    """A descriptor the forked process may not point at /dev/null (valgrind keeps its own
    above the program's and refuses dup2 onto them) is left as it is: the entry is stored all
    the same, and its lock file taken away (it was not, and no entry was ever stored)."""
    from quanhu_plan import collector, store

    shutil.copy(REPO_PLAN, plan_file)
    folder = tmp_path / "cache"
    monkeypatch.setattr(collector, "_IN_PROGRAM", True)
    monkeypatch.delenv(cache_later.DETACH_ENV)
    read, extra = os.pipe()  # a descriptor past stderr, as a caller hands one
    real_dup2 = os.dup2

    def refusing(fd: int, to: int, *args: object) -> int:
        if to == extra:
            raise OSError(9, "Bad file descriptor")
        return real_dup2(fd, to, *args)  # type: ignore[arg-type]

    try:
        store.load(store.PlanSource(plan_file), goals=True)
        assert len(cache_later.WAITING) == 1
        monkeypatch.setattr(os, "dup2", refusing)
        cache_later.leave()  # (forks; this process goes on)
        monkeypatch.setattr(os, "dup2", real_dup2)
        assert cache_later.WAITING == [] and cache_later.ENTRIES == []  # (none left to lock)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and (
            list(folder.glob("*.storing")) or not list(folder.glob("*.pickle"))
        ):
            time.sleep(0.01)
        assert list(folder.glob("*.pickle")) != []
        assert list(folder.glob("*.storing")) == []
    finally:
        cache_later.WAITING.clear()
        cache_later.ENTRIES.clear()
        os.close(read)
        os.close(extra)
