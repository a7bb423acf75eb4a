"""What a warm ``plan status`` does not load, and the commands that need it: ``answering`` and
``names`` (who answers for an item, a name however typed: ``list --who``, ``show --json``'s
inherited roles, an item found by its title), ``store.writable`` (a change refusing a read-only
plan) and ``cli.item_argument`` (``show ""``). Each path is run in a process of its own, where
the module is loaded only when it is needed."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SMALL_ITEMS, write_plan

LAZY = {
    "quanhu_plan.answering",
    "quanhu_plan.names",
    "quanhu_plan.store.writable",
    "quanhu_plan.cli.item_argument",
}


def _plan(args: list[str], plan: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PLAN_FILE": str(plan), "QUANHU_PLAN_CACHE": str(cache)}
    env.pop("PLAN_LANG", None)
    command = [sys.executable, "-X", "importtime", "-m", "quanhu_plan", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env)


def _loaded(done: subprocess.CompletedProcess[str]) -> set[str]:
    return set(re.findall(r"\|\s+([\w.]+)$", done.stderr, re.MULTILINE))


@pytest.fixture
def plan(plan_file: Path) -> Path:
    items = [dict(item) for item in SMALL_ITEMS]
    items[4]["lead"] = "李副镇长"  # 2 社会事业: its tasks' lead, said once above them
    return write_plan(plan_file, items)


def test_a_warm_status_loads_none_of_them(plan: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert _plan(["status"], plan, cache).returncode == 0  # the cache filled
    for args in (["status"], ["status", "--lang", "en"]):
        done = _plan(args, plan, cache)
        assert done.returncode == 0 and ("基础设施" in done.stdout)
        assert "quanhu_plan.records" in _loaded(done)  # (the importtime lines are read)
        assert not _loaded(done) & LAZY, args


def test_the_commands_that_need_them_load_them(plan: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    blank = _plan(["show", ""], plan, cache)
    assert blank.returncode == 2 and "ID（编号）是空的" in blank.stderr
    assert "Traceback" not in blank.stderr

    who = _plan(["list", "--who", "王五", "--flat"], plan, cache)
    assert who.returncode == 0, who.stderr
    assert "自建房排查" in who.stdout and "修塘" not in who.stdout
    assert "quanhu_plan.answering" in _loaded(who)

    shown = _plan(["show", "2.3", "--json"], plan, cache)
    assert shown.returncode == 0, shown.stderr
    record = json.loads(shown.stdout)
    assert record["inherited"] == {"lead": {"value": "李副镇长", "from": "2"}}

    titled = _plan(["show", "修\u200b塘"], plan, cache)  # a title as pasted, a zero-width space
    assert titled.returncode == 0 and "1.1" in titled.stdout, titled.stderr
    assert "quanhu_plan.names" in _loaded(titled)

    before = plan.read_bytes()
    plan.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        refused = _plan(["done", "1.3", "--on", "2023-06-30"], plan, cache)
    finally:
        plan.chmod(stat.S_IRUSR | stat.S_IWUSR | stat.S_IRGRP | stat.S_IROTH)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "0o444" in refused.stderr or "444" in refused.stderr or "只读" in refused.stderr
    assert plan.read_bytes() == before
    assert "quanhu_plan.store.writable" in _loaded(refused)

    done = _plan(["done", "1.3", "--on", "2023-06-30"], plan, cache)
    assert done.returncode == 0, done.stderr
    assert 'id = "1.3"' in plan.read_text(encoding="utf-8")
    assert "done_on = 2023-06-30" in plan.read_text(encoding="utf-8")
