"""The store and its cache under odd ways of being run (session 33, D): stdout closed or full,
plan under a process that adopts orphans and never reaps them, ``--out`` onto a hard-linked
file, a plan on a share where ``flock`` is not supported. The rule: a clear word and a
non-zero exit where something failed, no traceback, and every answer the uncached one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from quanhu_plan.store import cache_later

from .conftest import REPO, SMALL_ITEMS, write_plan
from .test_cache_later import _entries, linux_only


def _shell_plan(command: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[bytes]:
    """``plan`` run from a shell with ``command``'s redirections (``plan`` standing for the
    program), as a user runs it: the first status's entry stored after the answer."""
    full = {**os.environ, "PYTHONPATH": str(REPO), **env}
    full.pop(cache_later.DETACH_ENV, None)
    program = f"{sys.executable} -m quanhu_plan"
    return subprocess.run(
        ["sh", "-c", command.replace("plan ", f"exec {program} ", 1)],
        env=full,
        cwd=tmp_path,
        capture_output=True,
        timeout=60,
    )


def _wait_for_entries(folder: Path, seconds: float = 30.0) -> list[str]:
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        found = _entries(folder)
        if found and not list(folder.glob("*.storing")):
            return found
        time.sleep(0.02)
    return _entries(folder)


# ---------------------------------------------------------------- 1. stdout closed or full


@linux_only
@pytest.mark.parametrize(
    ("redirect", "said"),
    [
        (">&-", "standard output is closed"),
        (">/dev/full", "No space left on device"),
    ],
)
def test_a_status_whose_output_cannot_be_written_says_so_and_still_stores_its_entry(
    plan_file: Path, tmp_path: Path, redirect: str, said: str
) -> None:
    """``plan status >&-`` and ``plan status >/dev/full``: the plan was read fine, only the
    answer could not be written. One line on stderr (as git's ``error: write failure``),
    exit 1, no traceback; and the entry the read left to store is stored all the same (it was
    dropped with the output, and every such status read the plan cold)."""
    if redirect == ">/dev/full" and not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    write_plan(plan_file, SMALL_ITEMS)
    done = _shell_plan(f"plan status {redirect}", tmp_path)
    err = done.stderr.decode()
    assert done.returncode == 1, err
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1, err
    assert err.startswith("plan: 无法写出输出 / cannot write the output: ")
    assert said in err
    assert _wait_for_entries(tmp_path / "cache") != []
    assert list(plan_file.parent.glob("plan.toml?*")) == []
    # The entry is the plan's: the next status (from it) answers as an uncached one.
    warm = _shell_plan("plan status", tmp_path)
    cold = _shell_plan("plan status", tmp_path, QUANHU_PLAN_CACHE="off")
    assert warm.returncode == cold.returncode == 0
    assert warm.stdout == cold.stdout != b""
