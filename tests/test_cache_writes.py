"""An entry of the parse cache and the bytes kept beside it are written over the files where they
were, in place (``cache_files.write``): whatever they held before, what is read back is the new entry
whole, or nothing (the plan is read afresh). One longer before is cut to the new length; one
whose write failed is removed; a link put where an entry goes is not written through; one read
half written over (another process storing at the same time, a crash) is not taken."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from quanhu_plan import store
from quanhu_plan.canonical import dumps
from quanhu_plan.store import cache, cache_stale

from .conftest import SMALL_ITEMS, write_plan
from .test_cache import entries, outputs
from .test_lazy_cache import _generated


def _text(entry: Path) -> Path:
    return entry.with_name(entry.name.removesuffix(".pickle") + ".text")


def test_an_entry_written_over_a_longer_one_is_the_new_one_whole(tmp_path, monkeypatch):
    plan_file = tmp_path / "plan.toml"
    monkeypatch.setenv("QUANHU_PLAN_CACHE", "off")
    write_plan(plan_file, SMALL_ITEMS)
    expected = outputs(plan_file)

    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "cache"))
    plan_file.write_text(dumps(_generated(200)), encoding="utf-8")
    outputs(plan_file, [["status"]])  # a long plan's entry and text
    (entry,) = entries(tmp_path / "cache")
    long_sizes = entry.stat().st_size, _text(entry).stat().st_size

    write_plan(plan_file, SMALL_ITEMS)
    assert outputs(plan_file, [["status"]]) == expected[:1]  # stored over the long one
    assert (entry.stat().st_size, _text(entry).stat().st_size) < long_sizes
    source = store.PlanSource(plan_file)
    raw, real = plan_file.read_bytes(), plan_file.resolve()
    assert cache.recall(real, raw, os.stat(real)) is not None, "the entry is whole"
    assert cache_stale.stale(real) is not None, "and the text beside it"
    assert outputs(plan_file) == expected
    assert store.load(source).packed()[:5] == cache.recall(real, raw, os.stat(real)).packed()[:5]


def test_a_link_where_an_entry_goes_is_not_written_through(tmp_path, monkeypatch):
    plan_file = tmp_path / "plan.toml"
    write_plan(plan_file, SMALL_ITEMS)
    monkeypatch.setenv("QUANHU_PLAN_CACHE", "off")
    expected = outputs(plan_file)
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "cache"))
    entry = cache._entry(plan_file.resolve())
    assert entry is not None
    entry.parent.mkdir(mode=0o700)
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_bytes(b"not the cache's")
    entry.symlink_to(elsewhere)
    assert outputs(plan_file) == expected
    assert elsewhere.read_bytes() == b"not the cache's"
    assert not entry.is_symlink(), "the entry made anew in its place"
    real, raw = plan_file.resolve(), plan_file.read_bytes()
    assert cache.recall(real, raw, os.stat(real)) is not None


def test_a_hard_link_where_an_entry_goes_is_not_written_through(tmp_path, monkeypatch):
    """A copy of the cache folder made with hard links (cp -al): storing the entry again leaves
    the other name's bytes as they were."""
    plan_file = tmp_path / "plan.toml"
    write_plan(plan_file, SMALL_ITEMS)
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "cache"))
    outputs(plan_file, [["status"]])
    (entry,) = entries(tmp_path / "cache")
    kept = {path: tmp_path / f"copy-{path.name}" for path in (entry, _text(entry))}
    for path, copy in kept.items():
        os.link(path, copy)
    before = {copy: copy.read_bytes() for copy in kept.values()}
    write_plan(plan_file, SMALL_ITEMS[:-1])  # another plan: both stored anew
    outputs(plan_file, [["status"]])
    assert {copy: copy.read_bytes() for copy in kept.values()} == before
    assert all(path.stat().st_nlink == 1 for path in kept), "made anew, a file of its own"
    real, raw = plan_file.resolve(), plan_file.read_bytes()
    assert cache.recall(real, raw, os.stat(real)) is not None


def test_an_entry_this_user_may_not_write_is_made_anew(tmp_path, monkeypatch):
    """An entry left by another user (root ran ``plan`` with this user's cache folder) is
    replaced where the folder lets this user remove it, as a temp file renamed over it was."""
    plan_file = tmp_path / "plan.toml"
    write_plan(plan_file, SMALL_ITEMS)
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "cache"))
    outputs(plan_file, [["status"]])
    (entry,) = entries(tmp_path / "cache")
    real, raw = plan_file.resolve(), plan_file.read_bytes()
    plan = cache.recall(real, raw, os.stat(real))
    assert plan is not None
    opened = os.open

    def refused(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if Path(path) == entry and not flags & os.O_EXCL:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        return opened(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refused)
    for item in plan.items():
        item.data = {**item.data, "title": item.data["title"] + "改"}
    cache.remember(real, raw, os.stat(real), plan, share=False)
    monkeypatch.setattr(os, "open", opened)
    again = cache.recall(real, raw, os.stat(real))
    assert again is not None
    assert next(iter(again.items())).data["title"].endswith("改")


class _FailingHandle:
    """A file whose second write fails (the disk full)."""

    def __init__(self, handle: Any):
        self.handle, self.writes = handle, 0

    def write(self, data: bytes) -> int:
        self.writes += 1
        if self.writes > 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return int(self.handle.write(data))

    def __enter__(self) -> _FailingHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.handle, name)


@pytest.mark.parametrize("which", ["text", "entry"])
def test_an_entry_whose_write_failed_is_removed_and_the_plan_read_afresh(
    tmp_path, monkeypatch, which
):
    plan_file = tmp_path / "plan.toml"
    write_plan(plan_file, SMALL_ITEMS)
    monkeypatch.setenv("QUANHU_PLAN_CACHE", "off")
    expected = outputs(plan_file)
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "cache"))
    assert outputs(plan_file) == expected  # stored
    (entry,) = entries(tmp_path / "cache")
    real, raw = plan_file.resolve(), plan_file.read_bytes()
    plan = cache.recall(real, raw, os.stat(real))
    assert plan is not None

    failing = _text(entry) if which == "text" else entry
    fdopen = os.fdopen

    def opened(fd: int, *args: Any, **kwargs: Any) -> Any:
        handle = fdopen(fd, *args, **kwargs)
        if os.readlink(f"/proc/self/fd/{fd}") == str(failing):
            return _FailingHandle(handle)
        return handle

    if not Path("/proc/self/fd").exists():  # pragma: no cover
        pytest.skip("needs /proc to tell the files apart")
    monkeypatch.setattr(os, "fdopen", opened)
    cache.remember(real, raw, os.stat(real), plan, share=False)  # the failure is ignored
    monkeypatch.setattr(os, "fdopen", fdopen)
    assert not failing.exists()
    assert [p.name for p in (tmp_path / "cache").iterdir() if p.name.endswith(".tmp")] == []
    assert cache.recall(real, raw, os.stat(real)) is None or which == "text"
    assert outputs(plan_file) == expected


def test_an_entry_read_half_written_over_is_not_taken(tmp_path, monkeypatch):
    """Read while another process writes the entry of the same plan over it: the first part
    the new entry's, the rest the old one's. It is not taken for the plan."""
    plan_file = tmp_path / "plan.toml"
    write_plan(plan_file, SMALL_ITEMS)
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "cache"))
    outputs(plan_file, [["status"]])
    (entry,) = entries(tmp_path / "cache")
    real, raw = plan_file.resolve(), plan_file.read_bytes()
    plan = cache.recall(real, raw, os.stat(real))
    assert plan is not None
    old = entry.read_bytes()
    for item in plan.items():
        item.data = {**item.data, "title": item.data["title"] + "改"}
    cache.remember(real, raw, os.stat(real), plan, share=False)
    new = entry.read_bytes()
    assert new != old
    # Cut past the first byte the two differ in, after the header pickle's frame size (its
    # bytes 3-10, which the reader does not hold it to): a cut before it is the old entry
    # whole, rightly taken, and the header holds the plan's path, so where that byte falls
    # depends on the test's folder (longer under xdist).
    first = next(at for at in range(11, min(len(old), len(new))) if old[at] != new[at])
    for cut in (first + 1, (first + len(new)) // 2, len(new) - 10):
        entry.write_bytes(new[:cut] + old[cut:])
        assert cache.recall(real, raw, os.stat(real)) is None
    entry.write_bytes(new)
    again = cache.recall(real, raw, os.stat(real))
    assert again is not None
    assert [item.data["title"] for item in again.items()][0].endswith("改")
