"""Review of the detached cache store (s31H, quanhu_plan/store/cache_later.py): the process
forked to store a first status's entry holds nothing of its caller's open, so a pipe or file
the caller handed the command on a descriptor past stderr (bats' fd 3, a ``close_fds=False``
spawn, ``plan status 3>&1 | cat``) is let go of as the command leaves, as stdout is."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from quanhu_plan import collector
from quanhu_plan.store import cache, cache_files, cache_later

from .conftest import REPO, REPO_PLAN, write_plan
from .test_cache_alike_on_odd_plans import CONFLICT
from .test_cache_later import _gone

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks on Linux")


@pytest.fixture
def in_program(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(collector, "_IN_PROGRAM", True)
    monkeypatch.delenv(cache_later.DETACH_ENV)
    yield
    cache_later.WAITING.clear()


@linux_only
def test_the_forked_process_lets_go_of_every_descriptor_it_was_handed(in_program, tmp_path):
    said = tmp_path / "said"
    read_end, write_end = os.pipe()  # (as a caller's pipe on fd 3 and up)
    handed = os.open(tmp_path / "handed.txt", os.O_WRONLY | os.O_CREAT, 0o600)

    def job() -> None:
        held = [str(os.getpid())]
        for name in os.listdir("/proc/self/fd"):
            try:
                held.append(f"{name}:{os.readlink(f'/proc/self/fd/{name}')}")
            except OSError:  # (the folder's own, closed once listed)
                pass
        said.write_text("\n".join(held), encoding="utf-8")

    try:
        assert cache_later.store_later(job)
        cache_later.leave()
        end = time.monotonic() + 30
        while not said.exists() or not said.read_text(encoding="utf-8"):
            assert time.monotonic() < end, "the forked process stored nothing"
            time.sleep(0.01)
        pid, *held = said.read_text(encoding="utf-8").splitlines()
        os.waitpid(int(pid), 0)  # (gone: what it held is let go of)
        targets = {line.split(":", 1)[1] for line in held}
        assert not any(target.startswith("pipe:") for target in targets), held
        assert str(tmp_path / "handed.txt") not in targets, held
        # The pipe's reader sees its end once this process lets go of its own writer.
        os.close(write_end)
        os.set_blocking(read_end, False)
        assert os.read(read_end, 1) == b""
    finally:
        os.close(read_end)
        os.close(handed)
        try:
            os.close(write_end)
        except OSError:
            pass


def _stored(folder: Path) -> tuple[Any, ...]:
    """The one entry in ``folder`` as ``cache._read`` reads it, but its token (made anew for
    every entry): its key, its chunks' counts and every chunk's bytes, sketches included (which
    a plan's ``to_doc`` does not show), and the bytes kept beside it."""
    (entry,) = folder.glob("*.pickle")
    read = cache._read(entry)
    assert read is not None, "no entry that reads back"
    key, counts, token, chunks, _ = read
    beside = cache_files.text_of(entry).read_bytes()
    assert beside.startswith(token)
    return key, counts, chunks, beside[len(token) :]


MOMENT = 1_700_000_000_000_000_000


def _program(plan: Path, folder: Path, detach: bool, *args: str) -> tuple[int, str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "QUANHU_PLAN_CACHE": str(folder)}
    if detach:
        del env[cache_later.DETACH_ENV]
    child = subprocess.Popen(
        [sys.executable, "-m", "quanhu_plan", "-f", str(plan), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # (its own group: what it leaves running is waited for)
    )
    out, err = child.communicate(timeout=120)
    assert _gone(child.pid, 60), "the process storing the entry did not leave"
    return child.returncode, out.decode(), err.decode()


ODD_ITEMS: list[dict[str, Any]] = [
    {"id": "1", "title": "目标1"},
    {"id": "1.1", "title": "修塘", "measure": "处", "target": 40, "actual": 20, "weight": 3},
    {"id": "1.2", "title": "里程碑", "milestone": [{"due": dt.date(2023, 6, 30), "progress": 50}]},
    {"id": "1.3", "title": "冲突", "conflict": [dict(CONFLICT)]},
    {"id": "2", "title": "目标2"},
    {
        "id": "2.1",
        "title": "完成",
        "status": "done",
        "progress": 100,
        "done_on": dt.date(2023, 5, 1),
    },
]


@linux_only
@pytest.mark.parametrize("plan_of", ["repo", "odd", "hand-edited"])
def test_the_entry_stored_detached_is_the_one_stored_at_once(plan_of, tmp_path):
    plan = tmp_path / "plan.toml"
    told: dict[bool, Any] = {}
    for detach in (False, True):  # the same file, the same bytes and times, at the same path
        folder = tmp_path / f"cache-{detach}"
        if plan_of == "repo":
            shutil.copy(REPO_PLAN, plan)
        else:
            write_plan(plan, ODD_ITEMS)
        os.utime(plan, ns=(MOMENT, MOMENT))
        runs = [_program(plan, folder, detach, "status")]
        if plan_of == "hand-edited":  # (the stale entry's path: a hand edit read with it)
            plan.write_bytes(plan.read_bytes().replace("修塘".encode(), "修水塘".encode()))
            os.utime(plan, ns=(MOMENT + 10**9, MOMENT + 10**9))
            runs.append(_program(plan, folder, detach, "status"))
        entry = _stored(folder)
        runs += [_program(plan, folder, detach, *args) for args in (["status"], ["list"])]
        told[detach] = runs, entry
    assert all(code == 0 for code, _, _ in told[False][0]), told[False][0]
    assert told[True][0] == told[False][0]  # what every command said, cold and warm
    assert told[True][1] == told[False][1]  # the entry, chunk for chunk


@linux_only
def test_the_forked_process_outlives_its_terminal_closed(in_program, tmp_path):
    """The terminal's session ending (``ssh -t host plan status``, ``docker exec -it``, a
    window closed right after) hangs up the command's process group: the entry is stored all
    the same, or a status run so would never find one."""
    import signal

    started, go, stored = tmp_path / "started", tmp_path / "go", tmp_path / "stored"

    def job() -> None:
        started.write_text(str(os.getpid()), encoding="utf-8")
        end = time.monotonic() + 30
        while not go.exists() and time.monotonic() < end:
            time.sleep(0.01)
        stored.write_text("yes", encoding="utf-8")

    assert cache_later.store_later(job)
    cache_later.leave()
    end = time.monotonic() + 30
    while not started.exists() or not started.read_text(encoding="utf-8"):
        assert time.monotonic() < end, "the forked process did not start"
        time.sleep(0.01)
    pid = int(started.read_text(encoding="utf-8"))
    os.kill(pid, signal.SIGHUP)  # (as the terminal's hangup)
    go.write_text("", encoding="utf-8")
    os.waitpid(pid, 0)
    assert stored.read_text(encoding="utf-8") == "yes"
