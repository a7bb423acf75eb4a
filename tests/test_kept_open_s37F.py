"""Session 37, task F: the replaced plan kept open (``files._keep_open``) only where a device
number says what it is meant to say."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from quanhu_plan.store import files


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
