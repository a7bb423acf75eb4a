"""Session 37, task F: the replaced plan kept open (``files._keep_open``) only where a device
number says what it is meant to say."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from quanhu_plan.store import files

from .conftest import write_plan


@pytest.mark.skipif(os.name != "posix", reason="POSIX")
@pytest.mark.parametrize("platform", ["darwin", "freebsd14", "cygwin"])
def test_no_file_is_kept_open_where_a_share_has_a_device_major_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platform: str
) -> None:
    """macOS (and the BSDs) give a network share's files a made-up device number whose major is
    not 0 (XNU's ``vfs_getnewfsid``: ``makedev(nblkdev + mtype, ...)``): a plan on NFS kept open
    there is renamed to a .nfs… file beside it, which the folder (a sync tool, ``git status``)
    shows until the storer leaves; Cygwin (MSYS2's Git Bash alike) is os.name "posix" on
    Windows, which may replace no file held open (a rename moved to the recycle bin). Kept open
    on Linux alone, whose shares have major 0."""
    from quanhu_plan import collector

    monkeypatch.setattr(files, "_KEPT", [])
    monkeypatch.setattr(collector, "_IN_PROGRAM", True)
    monkeypatch.setattr(os, "major", lambda device: 45)  # (an NFS mount's, as macOS says)
    monkeypatch.setattr(sys, "platform", platform)
    path = tmp_path / "plan.toml"
    path.write_bytes(b"one")
    files.atomic_write(path, b"two")
    assert files._KEPT == [] and path.read_bytes() == b"two"
    assert sorted(os.listdir(tmp_path)) == ["plan.toml"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux")
def test_linux_still_keeps_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from quanhu_plan import collector

    monkeypatch.setattr(files, "_KEPT", [])
    monkeypatch.setattr(collector, "_IN_PROGRAM", True)
    monkeypatch.setattr(os, "major", lambda device: 8)  # (a disk's: /dev/sda)
    path = tmp_path / "plan.toml"
    path.write_bytes(b"one")
    files.atomic_write(path, b"two")
    (kept,) = files._KEPT
    try:
        assert os.pread(kept, 10, 0) == b"one"
    finally:
        os.close(kept)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux")
def test_a_caller_of_main_that_goes_on_holds_no_replaced_plan_after_it(tmp_path: Path) -> None:
    """The ``plan`` program leaves with os._exit, which closes the file it kept open; a process
    that goes on after ``entry.main`` (a test, an embedding) held the replaced plan's inode until
    its next write: its disk space not given back, a descriptor more. (Run in a process of its
    own: a run of main loads one command into the app.)"""
    plan = write_plan(
        tmp_path / "plan.toml",
        [
            {"id": "1", "title": "打牢一个基础"},
            {"id": "1.1", "title": "全力实施乡村振兴战略"},
            {"id": "1.1.1", "title": "因地制宜发展优势产业"},
        ],
    )
    old = os.stat(plan).st_ino
    code = (
        "import os, sys\n"
        "def ended(code=0):\n"
        "    raise SystemExit(code)\n"
        "os._exit = ended\n"
        "from quanhu_plan import entry\n"
        "old = int(sys.argv[2])\n"
        "sys.argv = ['plan', 'note', '1.1.1', '记[x]', '-f', sys.argv[1]]\n"
        "try:\n"
        "    entry.main()\n"
        "except SystemExit as done:\n"
        "    print('code', done.code)\n"
        "from quanhu_plan.store import files\n"
        "held = []\n"
        "for name in os.listdir('/proc/self/fd'):\n"
        "    try:\n"
        "        held.append(os.stat(f'/proc/self/fd/{name}').st_ino)\n"
        "    except OSError:\n"
        "        pass\n"
        "print('kept', files._KEPT, old in held)\n"
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
        "QUANHU_PLAN_CACHE": str(tmp_path / "no-folder" / "cache"),
        "QUANHU_PLAN_CACHE_DETACH": "0",
    }
    done = subprocess.run(
        [sys.executable, "-c", code, str(plan), str(old)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.stdout.splitlines()[-2:] == ["code 0", "kept [] False"], done
    assert "记[x]" in plan.read_text(encoding="utf-8") and os.stat(plan).st_ino != old
