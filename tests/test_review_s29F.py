"""Session 29's review (F): the paths the speed work moved, walked in a real ``plan`` process.

Under pytest ``tempfile`` and ``getpass`` are loaded, so ``files._temp_file`` and
``lock_holder.user_name`` ask them and most tests never walk the code that stands in for them;
a lazily imported module is loaded already by an earlier test. Here each command runs in a
process of its own (``python -m quanhu_plan``), as on an office PC."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from quanhu_plan import store

from .conftest import REPO_PLAN

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes and hard links")


def _plan(
    folder: Path, *args: str, cache: str = "off", **env: str
) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "QUANHU_PLAN_CACHE": cache, "COLUMNS": "100", **env}
    environ.pop("PLAN_FILE", None)
    for name, value in env.items():
        if value == "<unset>":
            environ.pop(name)
    return subprocess.run(
        [sys.executable, "-m", "quanhu_plan", *args],
        env=environ,
        capture_output=True,
        text=True,
        cwd=folder,
    )


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "cache")


@posix_only
@pytest.mark.parametrize("umask", [0o077, 0o002])
def test_new_files_of_a_real_process_get_the_umask_s_mode(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        assert _plan(tmp_path, "-f", "plan.toml", "init").returncode == 0
        done = _plan(tmp_path, "-f", "plan.toml", "done", "1.1.1", "--on", "2023-03-01")
        report = _plan(tmp_path, "-f", "plan.toml", "report", "-o", "r.md")
    finally:
        os.umask(old)
    assert done.returncode == 0 and report.returncode == 0, done.stderr + report.stderr
    for name in ("plan.toml", "r.md"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o666 & ~umask, name
    assert 'by = "' in (tmp_path / "plan.toml").read_text(encoding="utf-8")
    assert _names(tmp_path) == ["plan.toml", "r.md"]  # no temp file left


@posix_only
def test_a_real_process_with_no_user_name_in_the_environment(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_bytes(REPO_PLAN.read_bytes())
    names = ("USER", "LOGNAME", "LNAME", "USERNAME")
    unset = dict.fromkeys((name for name in names if name in os.environ), "<unset>")
    done = _plan(tmp_path, "-f", "plan.toml", "done", "1.1.1", "--on", "2023-03-01", **unset)
    assert done.returncode == 0, done.stderr
    import pwd

    try:
        name = pwd.getpwuid(os.getuid())[0]
    except KeyError:  # (no password entry either: "unknown", as getpass would leave it)
        name = "unknown"
    assert f'by = "{name}"' in plan.read_text(encoding="utf-8")
    undone = _plan(tmp_path, "-f", "plan.toml", "undo", **unset)
    assert undone.returncode == 0, undone.stderr
    assert _names(tmp_path) == ["plan.toml"]


@posix_only
def test_links_changed_by_a_real_process_stay_links(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    plan = real / "plan.toml"
    plan.write_bytes(REPO_PLAN.read_bytes())
    plan.chmod(0o640)
    (tmp_path / "sym.toml").symlink_to(plan)
    os.link(plan, tmp_path / "hard.toml")
    for link, task in (("sym.toml", "1.1.1"), ("hard.toml", "1.1.2")):
        done = _plan(tmp_path, "-f", link, "done", task, "--on", "2023-03-01", "--by", "甲")
        assert done.returncode == 0, done.stderr
        assert _plan(tmp_path, "-f", link, "fmt").returncode == 0
    assert (tmp_path / "sym.toml").is_symlink()
    assert (
        plan.stat().st_nlink == 2 and plan.stat().st_ino == (tmp_path / "hard.toml").stat().st_ino
    )
    assert stat.S_IMODE(plan.stat().st_mode) == 0o640
    assert plan.read_text(encoding="utf-8").count('action = "done"') == 2
    assert _names(real) == ["plan.toml"] and _names(tmp_path) == ["hard.toml", "real", "sym.toml"]


@posix_only
@pytest.mark.parametrize("journal", ["whole", "bad"])
def test_a_real_process_finishes_or_refuses_a_half_written_hard_linked_plan(
    tmp_path: Path, journal: str
) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_bytes(REPO_PLAN.read_bytes())
    os.link(plan, tmp_path / "colleague.toml")
    real = plan.resolve()
    new = plan.read_bytes().replace(
        "因地制宜发展优势产业".encode(), "因地制宜发展优势产业新".encode()
    )
    store._write_journal(store.journal_path(real), new, real.stat())
    if journal == "bad":
        kept = store.journal_path(real)
        kept.write_bytes(kept.read_bytes()[:-3] + b"xyz")
    mark = store.INTERRUPTED + b" " + os.fsencode(store.journal_path(real)) + b"\n"
    with plan.open("r+b") as handle:
        handle.write(mark)
        handle.seek(len(mark) + 40)
        handle.write(new[len(mark) + 40 : len(mark) + 400])
    torn = plan.read_bytes()
    shown = _plan(tmp_path, "-f", "colleague.toml", "done", "1.1.2", "--on", "2023-03-01")
    if journal == "whole":
        assert shown.returncode == 0, shown.stderr
        text = plan.read_text(encoding="utf-8")
        assert "因地制宜发展优势产业新" in text and 'action = "done"' in text
        assert _names(tmp_path) == ["colleague.toml", "plan.toml"]
    else:
        assert shown.returncode == 1 and "Traceback" not in shown.stderr
        assert "半成品" in shown.stderr
        assert plan.read_bytes() == torn


def _blocks_reversed(text: str) -> str:
    head, *blocks = re.split(r"(?m)^(?=\[\[item\]\])", text)
    return head + "".join(b if b.endswith("\n\n") else b + "\n" for b in reversed(blocks))


def test_a_warm_read_of_items_out_of_order_equals_a_cold_one(tmp_path: Path) -> None:
    """Goals after their tasks, ids backwards: the cache's places (69a5b9a) keep the tree,
    through a move, the archive ([[removed]]) and a header log."""
    plan = tmp_path / "plan.toml"
    plan.write_text(_blocks_reversed(REPO_PLAN.read_text(encoding="utf-8")), encoding="utf-8")
    cache = str(tmp_path / "cache")
    steps = [(), ("move", "3.3.1", "1.1", "--by", "甲"), ("rm", "2.3", "--yes", "--by", "甲")]
    steps += [("header", "--title", "新名", "--by", "甲"), ("undo", "--by", "甲")]
    for step in steps:
        if step:
            assert _plan(tmp_path, "-f", "plan.toml", *step, cache=cache).returncode == 0
        reads = [("status", "--json"), ("list", "--json"), ("show", "3", "--json"), ("log",)]
        for read in [*reads, ("status", "--as-of", "2023-06-30", "--json")]:
            cold = _plan(tmp_path, "-f", "plan.toml", *read)
            first = _plan(tmp_path, "-f", "plan.toml", *read, cache=cache)
            warm = _plan(tmp_path, "-f", "plan.toml", *read, cache=cache)
            assert cold.returncode == 0, cold.stderr
            assert cold.stdout == first.stdout == warm.stdout, (step, read)
