"""Attacks on the store and the parse cache (session 32, E): the cache's files grown huge (a
sparse file where an entry, its text or its layout goes), the entry stored after the answer by a
forked process while the plan changes under it, odd lock files and plan folders. The rule: the
result never changes, nothing hangs, no traceback, nothing is left beside the plan."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.store import cache_later

from .conftest import REPO, SMALL_ITEMS, write_plan
from .test_cache_later import _entries, _gone, linux_only

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


@pytest.fixture
def in_program(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """As in the ``plan`` program as a user runs it (``test_cache_later.in_program``)."""
    from quanhu_plan import collector

    monkeypatch.setattr(collector, "_IN_PROGRAM", True)
    monkeypatch.delenv(cache_later.DETACH_ENV)
    yield
    cache_later.WAITING.clear()


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


def _plan_process(args: list[str], env: dict[str, str], **kwargs: Any) -> subprocess.Popen[bytes]:
    """``plan`` run as a user runs it (the entry of a first status stored after the answer by a
    process of its own: the tests' QUANHU_PLAN_CACHE_DETACH=0 taken off), in a process group
    of its own, so that what it leaves running can be waited for (``_gone``)."""
    full = {**os.environ, "PYTHONPATH": str(REPO), **env}
    full.pop(cache_later.DETACH_ENV, None)
    return subprocess.Popen(
        [sys.executable, "-m", "quanhu_plan", *args],
        env=full,
        start_new_session=True,
        **kwargs,
    )


@linux_only
def test_a_first_status_whose_reader_went_away_still_stores_its_entry(plan_file, tmp_path):
    """``plan status | head -1`` on a plan of many goals: the reader gone, the output failed
    (EPIPE) and the program left without storing the entry that waited, so every such status
    read the plan cold."""
    write_plan(plan_file, SMALL_ITEMS)
    folder = tmp_path / "cache"
    child = _plan_process(
        ["status"], {}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # (as head leaves: every write of the status fails, EPIPE)
    err = child.stderr.read()
    assert child.wait(timeout=60) == 1
    assert err == b""  # (a reader gone is not worth a word, nor a traceback)
    assert _gone(child.pid), "the process storing the entry did not leave"
    assert _entries(folder) != []
    assert list(plan_file.parent.glob("plan.toml?*")) == []


@linux_only
def test_an_entry_stored_after_the_answer_does_not_replace_the_entry_of_a_change_made_since(
    plan_file: Path, in_program: None, clock: Any
) -> None:
    """``plan status; plan done 1.3`` in a script: the change read the plan before the status's
    forked process stored its entry, and stored its own, of the file it wrote; the forked
    process then stored the entry of the file as the status read it over it, and the next
    status read the plan through the stale entry. The file changed since it was read: the
    forked process stores nothing."""
    from quanhu_plan import store
    from quanhu_plan.store import cache

    write_plan(plan_file, SMALL_ITEMS)
    store.load(store.PlanSource(plan_file), goals=True)
    (job,) = cache_later.WAITING
    cache_later.WAITING.clear()  # (the forked process's: another process meanwhile)
    done = runner.invoke(app, ["done", "1.3", "--on", "2023-03-01"])
    assert done.exit_code == 0, done.output
    job()  # the forked process stores what it was left
    real = plan_file.resolve()
    assert cache.recall(real, plan_file.read_bytes(), os.stat(real)) is not None


def _state(pid: int) -> str:
    """The state /proc gives of process ``pid`` (R, S, T for stopped, Z, ...)."""
    text = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    return text.rsplit(")", 1)[1].split()[0]


@linux_only
@pytest.mark.parametrize("signal_name", ["SIGTSTP", "SIGQUIT"])
def test_the_process_storing_an_entry_is_not_stopped_by_the_keys_of_the_terminal_it_left(
    in_program: None, tmp_path: Path, signal_name: str
) -> None:
    """``plan status | less`` and Ctrl-Z (or Ctrl-\\\\) in less: the terminal's keys go to the
    whole group, the process storing the entry too. Stopped, it held the lock that every
    command finding no entry waits on for 3 s (``cache_later.waited_for``) until less was
    ended; Ctrl-\\\\ ended it with its entry half written. Like Ctrl-C, they are not for it."""
    import signal
    import time

    said = tmp_path / "said"
    go_on = tmp_path / "go-on"

    def job() -> None:
        said.write_text(str(os.getpid()), encoding="ascii")
        end = time.monotonic() + 20
        while not go_on.exists() and time.monotonic() < end:
            time.sleep(0.01)
        said.write_text(f"{os.getpid()} stored", encoding="ascii")

    assert cache_later.store_later(job)
    cache_later.leave()
    end = time.monotonic() + 30
    while not said.exists() or not said.read_text(encoding="ascii"):
        assert time.monotonic() < end, "the forked process did not start"
        time.sleep(0.01)
    pid = int(said.read_text(encoding="ascii").split()[0])
    try:
        os.kill(pid, getattr(signal, signal_name))
        time.sleep(0.3)
        assert _state(pid) not in ("T", "t", "Z"), "stopped or ended by the terminal's key"
        go_on.write_text("", encoding="ascii")
        end = time.monotonic() + 30
        while "stored" not in said.read_text(encoding="ascii"):
            assert time.monotonic() < end, "the forked process did not go on"
            time.sleep(0.01)
    finally:
        try:
            os.kill(pid, signal.SIGKILL)  # (stopped: it would never leave)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)  # (a fork of this test run: not left a zombie)


@pytest.mark.parametrize("cache_folder", ["off", "relative/cache"])
def test_a_status_with_no_cache_folder_leaves_nothing_to_store_after_it(
    plan_file: Path, in_program: None, monkeypatch: pytest.MonkeyPatch, cache_folder: str
) -> None:
    """With the cache off (or no folder for it), a status left a job that stores nothing, and
    the program forked a process for it as it left, at every status."""
    from quanhu_plan import store

    write_plan(plan_file, SMALL_ITEMS)
    monkeypatch.setenv("QUANHU_PLAN_CACHE", cache_folder)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    monkeypatch.setenv("HOME", "relative")
    store.load(store.PlanSource(plan_file), goals=True)
    assert cache_later.WAITING == []
    assert not (plan_file.parent / "relative").exists()


@pytest.mark.parametrize("goals", [False, True])
def test_a_plan_that_changed_while_it_was_read_is_not_stored_under_the_new_files_stat(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, goals: bool
) -> None:
    """An editor (or ``git pull``) saved the plan between its read and its stat: the entry was
    stored under the stat of the new file with the bytes of the old one (found by their sums
    alone, never taken: but an entry whose key says two files). A file that changed while it
    was read is read as read, and stored under no key."""
    from quanhu_plan import store
    from quanhu_plan.store import cache
    from quanhu_plan.store import plan_file as plan_file_module

    write_plan(plan_file, SMALL_ITEMS)
    real_read = plan_file_module._read_bytes
    saved = plan_file.read_bytes().replace("修塘".encode(), "修山塘".encode())

    def read_then_saved(path: Path) -> bytes:
        raw = real_read(path)
        new = plan_file.with_name("plan.toml.saving")
        new.write_bytes(saved)  # (as an editor saves: a new file renamed over the old)
        new.replace(plan_file)
        return raw

    monkeypatch.setattr(plan_file_module, "_read_bytes", read_then_saved)
    read = store.load(store.PlanSource(plan_file), goals=goals)
    assert _title(read, "1.1") in ("修塘", None)  # the plan as read (a status's: its goals)
    entry = cache.entry_of(plan_file.resolve())
    assert entry is not None
    opened = cache._read(entry) if entry.exists() else None
    if opened is not None:
        key = opened[0]
        assert key[-cache.SUMMED - 2] == key[-cache.SUMMED]  # (the stat's size, the bytes')
    monkeypatch.setattr(plan_file_module, "_read_bytes", real_read)
    assert _title(store.load(store.PlanSource(plan_file)), "1.1") == "修山塘"


def _title(plan: Any, item_id: str) -> str | None:
    titles = {table.get("id"): table.get("title") for table in plan.to_doc()["item"]}
    return titles.get(item_id)


@pytest.mark.parametrize("linked", [False, True])
def test_a_change_in_a_folder_this_user_may_not_read_is_made_once_and_said_made(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, clock: Any, linked: bool
) -> None:
    """A folder one may write and enter but not list (mode 733, a drop folder): the plan was
    replaced, then the folder could not be opened to be fsynced, and the change said "cannot
    write plan.toml: permission denied. The original file is unchanged." and exited 1: made
    again, it was made twice. (A hard-linked plan, written in place, was refused outright.)"""
    import errno

    write_plan(plan_file, SMALL_ITEMS)
    if linked:
        os.link(plan_file, plan_file.with_name("linked.toml"))
    real_open = os.open

    def unreadable_folder(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if os.fspath(path) == str(plan_file.parent) and not flags & (os.O_WRONLY | os.O_RDWR):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", unreadable_folder)
    result = runner.invoke(app, ["note", "1.3", "只记一次", "--on", "2023-03-01"])
    assert result.exit_code == 0, result.output
    assert "只记一次" in result.output or "1.3" in result.output
    assert plan_file.read_text(encoding="utf-8").count("只记一次") == 1
    if linked:
        assert plan_file.with_name("linked.toml").read_bytes() == plan_file.read_bytes()
    names = {p.name for p in plan_file.parent.iterdir()}
    assert names <= {"plan.toml", "linked.toml", "cache"}


def test_a_change_in_a_folder_that_takes_no_new_file_names_the_folder_with_a_lock_left_there(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, clock: Any
) -> None:
    """The plan may be written, its folder takes no new file (a shared folder of another's), and
    a lock file is there already (left by another user: a change may lock it, read-only): the
    change was told "cannot write plan.toml: permission denied" of a file it may write. It
    names the folder, as where the lock file cannot be made, in one paragraph."""
    import errno

    from quanhu_plan.store import files

    write_plan(plan_file, SMALL_ITEMS)
    before = plan_file.read_bytes()
    lock = plan_file.with_name("plan.toml.lock")
    lock.write_bytes(b"\x00bob\tPC-07\t4242")
    real_temp = files._temp_file

    def no_new_file(folder: Path, prefix: str, suffix: str) -> tuple[int, str]:
        if Path(folder) == plan_file.parent:
            raise PermissionError(errno.EACCES, "Permission denied", str(folder))
        return real_temp(folder, prefix, suffix)

    monkeypatch.setattr(files, "_temp_file", no_new_file)
    result = runner.invoke(app, ["done", "1.3", "--on", "2023-03-01"])
    assert result.exit_code == 1
    said = result.output
    assert "Traceback" not in said
    assert said.count("\n") == 1  # one paragraph
    assert f"没有权限在它所在的文件夹 {plan_file.parent} 里新建文件" in said
    assert "原文件没有改动" in said
    assert plan_file.read_bytes() == before
    monkeypatch.setenv("PLAN_LANG", "en")
    result = runner.invoke(app, ["done", "1.3", "--on", "2023-03-01"])
    assert f"no permission to make files in its folder {plan_file.parent}" in result.output
    assert "The original file is unchanged." in result.output
    assert plan_file.read_bytes() == before


def test_a_status_that_is_the_first_process_of_its_container_stores_its_entry_at_once(
    plan_file: Path, in_program: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``docker run -v cache:/root/.cache image plan status`` (from cron): plan is process 1 of
    its container, and every process left in it is killed as it leaves: the entry stored after
    the answer never was, and each such status read the plan cold."""
    from quanhu_plan import store

    write_plan(plan_file, SMALL_ITEMS)
    monkeypatch.setattr(os, "getpid", lambda: 1)
    store.load(store.PlanSource(plan_file), goals=True)
    assert cache_later.WAITING == []
    assert _entries(tmp_path / "cache") != []


@pytest.mark.skipif(getattr(os, "geteuid", lambda: 1)() != 0, reason="root's runs alone")
@pytest.mark.parametrize("detached", [False, True])
def test_root_makes_no_cache_folder_in_a_users_home(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, detached: bool
) -> None:
    """``sudo plan status`` where sudo keeps the user's HOME (``sudo -E``): root made the user's
    ~/.cache/quanhu-plan, its own and 0700, and every later status of the user's was read
    cold, the folder neither readable nor writable by them, with no word of it. Root stores
    no entry under a folder of another's."""
    from quanhu_plan import collector, store

    write_plan(plan_file, SMALL_ITEMS)
    home = tmp_path / "home"
    home.mkdir()
    os.chown(home, 12345, 12345)
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(home / ".cache" / "quanhu-plan"))
    if detached:
        monkeypatch.setattr(collector, "_IN_PROGRAM", True)
        monkeypatch.delenv(cache_later.DETACH_ENV)
    try:
        read = store.load(store.PlanSource(plan_file), goals=True)
        if detached:
            assert cache_later.WAITING  # (left for after the answer)
            (entry,) = cache_later.ENTRIES
            cache_later.settle()
            # (nor the lock the process storing it would hold: made before the fork)
            assert cache_later._locked(entry) is None
    finally:
        cache_later.WAITING.clear()
        cache_later.ENTRIES.clear()
    assert read is not None
    assert list(home.iterdir()) == []
    # A folder of root's own (root's home, /tmp) is used as before.
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "cache"))
    store.load(store.PlanSource(plan_file))
    assert _entries(tmp_path / "cache") != []
