"""Review of the detached cache store (s31H, quanhu_plan/store/cache_later.py): the process
forked to store a first status's entry holds nothing of its caller's open, so a pipe or file
the caller handed the command on a descriptor past stderr (bats' fd 3, a ``close_fds=False``
spawn, ``plan status 3>&1 | cat``) is let go of as the command leaves, as stdout is."""

from __future__ import annotations

import os
import sys
import time

import pytest

from quanhu_plan import collector
from quanhu_plan.store import cache_later

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
