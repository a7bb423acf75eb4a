"""A change kept waiting for another's lock says who holds it (login name, computer, process),
as the holder wrote itself into the lock file (``store.lock_holder``): an office sharing a plan
in a folder knows whom to ask. What another program left in a lock file reaches the terminal
only as plain printable text."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan import store
from quanhu_plan.cli import app
from quanhu_plan.store import files
from quanhu_plan.store.lock_holder import Holder, holder_of, say_holder

from .conftest import write_plan

ITEMS = [{"id": "1", "title": "重点工作"}, {"id": "1.1", "title": "修缮村道"}]
ME, COMPUTER = getpass.getuser(), os.uname().nodename if hasattr(os, "uname") else ""


@pytest.fixture
def short_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "LOCK_TIMEOUT_SECONDS", 0.6)
    monkeypatch.setattr(files, "LOCK_WAIT_SAID_AFTER", 0.1)


def test_the_wait_and_the_timeout_name_who_holds_the_lock(plan_file: Path, short_waits) -> None:
    write_plan(plan_file, ITEMS)
    before = plan_file.read_bytes()
    with store.locked(plan_file):
        result = CliRunner().invoke(app, ["done", "1.1"])
    assert result.exit_code == 1
    who = f"{ME}，电脑 {COMPUTER}，进程 {os.getpid()}"
    assert f"正在等待另一个 plan 命令（{who}）结束" in result.stderr, result.stderr
    assert f"另一个程序（{who}）占用" in "".join(result.stderr.split("\n")), result.stderr
    assert plan_file.read_bytes() == before
    assert not plan_file.with_name("plan.toml.lock").exists()


def test_in_english_too(plan_file: Path, short_waits) -> None:
    write_plan(plan_file, ITEMS, lang="en")
    with store.locked(plan_file):
        result = CliRunner().invoke(app, ["done", "1.1"])
    assert result.exit_code == 1
    who = f"{ME} on {COMPUTER}, process {os.getpid()}"
    assert f"Waiting for another plan command ({who}) to finish" in result.stderr, result.stderr
    assert f"another program ({who}) has held" in " ".join(result.stderr.split()), result.stderr


def test_the_holder_is_written_after_the_byte_windows_locks(tmp_path: Path) -> None:
    lock = tmp_path / "plan.toml.lock"
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        say_holder(fd)
    finally:
        os.close(fd)
    data = lock.read_bytes()
    assert data[1:].decode("utf-8") == f"{ME}\t{COMPUTER}\t{os.getpid()}"
    assert holder_of(str(lock)) == Holder(ME, COMPUTER, os.getpid())


def test_a_holder_without_names_is_said_by_its_process_alone() -> None:
    assert Holder("", "", 5).words() == ("process 5", "进程 5")
    assert Holder("li", "", 5).words() == ("li, process 5", "li，进程 5")
    assert Holder("", "PC-03", 5).words() == ("on PC-03, process 5", "电脑 PC-03，进程 5")


@pytest.mark.parametrize(
    "left",
    [
        b"",
        b"\x00",
        b"\x00not a holder",
        b"\x00a\tb\tnot a number",
        b"\x00a\tb\t12\textra",
        b"\x00\xff\xfe\tPC\t1",
    ],
)
def test_a_lock_file_that_says_nobody_is_no_holder(tmp_path: Path, left: bytes) -> None:
    lock = tmp_path / "plan.toml.lock"
    lock.write_bytes(left)
    found = holder_of(str(lock))
    assert found is None or (found.process == 1 and "\ufffd" not in found.computer)


def test_another_programs_lock_file_reaches_the_terminal_as_plain_text(
    plan_file: Path, short_waits
) -> None:
    """A lock file written by hand or by a hostile program, held (flock) by it: its escape
    sequences and bell never reach the terminal; the wait is said all the same."""
    if sys.platform == "win32":  # pragma: no cover
        pytest.skip("flock")
    import fcntl

    write_plan(plan_file, ITEMS)
    lock = plan_file.with_name("plan.toml.lock")
    # (ESC, BEL and a C1 CSI, U+009B, written in UTF-8; a byte no UTF-8 is shown as \ufffd)
    lock.write_bytes(b"\x00\x1b[2J\x1b]0;owned\x07evil\tPC\xc2\x9b31m\xff\t77")
    fd = os.open(lock, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        result = CliRunner().invoke(app, ["done", "1.1"])
    finally:
        os.close(fd)
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\x9b" not in result.output
    said = "正在等待另一个 plan 命令（[2J]0;ownedevil，电脑 PC31m\ufffd，进程 77）结束"
    assert said in result.stderr, result.stderr
