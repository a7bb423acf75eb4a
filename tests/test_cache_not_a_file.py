"""The parse cache's files written in place (``cache_files.write``): something other than a
file put where an entry or the bytes beside it go (a FIFO, a folder) never stops a command (no hang)
nor changes what it prints or writes."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from quanhu_plan.store import cache, cache_files

from .conftest import REPO, SMALL_ITEMS, write_plan


def run_plan(*args: str, env: dict[str, str]):
    import subprocess
    import sys

    full_env = {**os.environ, "PYTHONPATH": str(REPO), **env}
    try:
        return subprocess.run(
            [sys.executable, "-m", "quanhu_plan", *args],
            env=full_env,
            timeout=15,
            capture_output=True,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"plan {' '.join(args)} hung")


STEPS = [
    ["status"],
    ["progress", "1.3", "40", "--on", "2023-05-01", "--by", "x"],
    ["status"],
    ["list"],
]


def _runs(plan_file: Path, cache_folder: str) -> list[tuple[int, bytes, bytes]]:
    out = []
    for args in STEPS:
        done = run_plan("--file", str(plan_file), *args, env={"QUANHU_PLAN_CACHE": cache_folder})
        data = plan_file.read_bytes()
        data = re.sub(rb"at = [0-9-]+ [0-9:.+]+", b"at = T", data)
        out.append((done.returncode, done.stdout, data))
    return out


@pytest.mark.parametrize("where", ["entry", "text"])
@pytest.mark.parametrize("kind", ["fifo", "folder"])
@pytest.mark.parametrize("edited", [False, True])
def test_a_fifo_or_folder_where_a_cache_file_goes_neither_hangs_nor_changes_a_result(
    tmp_path, where, kind, edited
):
    expected_file = tmp_path / "off" / "plan.toml"
    expected_file.parent.mkdir()
    write_plan(expected_file, SMALL_ITEMS)
    plan_file = tmp_path / "on" / "plan.toml"
    plan_file.parent.mkdir()
    write_plan(plan_file, SMALL_ITEMS)
    folder = tmp_path / "cache"
    env = {"QUANHU_PLAN_CACHE": str(folder)}
    assert run_plan("--file", str(plan_file), "status", env=env).returncode == 0
    os.environ["QUANHU_PLAN_CACHE"] = str(folder)
    entry = cache._entry(plan_file.resolve())
    assert entry is not None and entry.exists()
    target = entry if where == "entry" else cache_files.text_of(entry)
    target.unlink()
    if kind == "fifo":
        os.mkfifo(target)
    else:
        target.mkdir()
    if edited:  # the file changed by hand since: the entry's text is read (``stale``)
        for one in (plan_file, expected_file):
            one.write_bytes(one.read_bytes().replace("任务".encode(), "工作".encode()))
    expected = _runs(expected_file, "off")
    got = _runs(plan_file, str(folder))  # (run_plan's timeout: a hang fails)
    assert [(code, out) for code, out, _ in got] == [(code, out) for code, out, _ in expected]
    assert [data for _, _, data in got] == [data for _, _, data in expected]
