"""The parse cache never changes what a command prints, exits with or writes (session 22):
cases the hypothesis test of odd plans (``test_cache_alike_on_odd_plans``) does not draw, or
drew only with a sketch's tail made short, each run with the cache off and on, in the real
sizes (``sketches.TRACE_TAIL``, ``cache.CHUNK``)."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from typer.testing import CliRunner

from quanhu_plan import sketches
from quanhu_plan.canonical import dumps
from quanhu_plan.cli import app
from quanhu_plan.store import cache

from .conftest import plan_doc
from .test_lazy_cache import _moments, clocked

CST = dt.timezone(dt.timedelta(hours=8))
IMPORTED = dt.datetime(2023, 3, 1, 17, 0, tzinfo=CST)  # an import stamps its notes at one time


def _imported_notes(count: int, at: dt.datetime = IMPORTED) -> list[dict[str, Any]]:
    return [{"at": at, "by": "张三", "action": "note", "note": f"第{n}条"} for n in range(count)]


def _both(root: Path, doc: dict[str, Any] | bytes) -> dict[str, Path]:
    """The plan written twice: one read with the cache off, one with it on (warmed)."""
    files = {}
    for mode in ("off", "on"):
        files[mode] = root / mode / "plan.toml"
        files[mode].parent.mkdir()
        if isinstance(doc, bytes):
            files[mode].write_bytes(doc)
        else:
            files[mode].write_text(dumps(doc), encoding="utf-8")
    _said(root, files, "on", ["status"])  # warm
    return files


def _said(root: Path, files: dict[str, Path], mode: str, args: list[str]) -> tuple[int, str]:
    cache = "" if mode == "off" else str(root / "cache")
    with mock.patch.dict(os.environ, {"QUANHU_PLAN_CACHE": cache}):
        result = CliRunner().invoke(app, ["--file", str(files[mode]), *args])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output.replace(str(files[mode].parent), "DIR")


def _alike(root: Path, files: dict[str, Path], args: list[str]) -> tuple[int, str]:
    off, on = (_said(root, files, mode, args) for mode in ("off", "on"))
    assert on == off, args
    assert files["on"].read_bytes() == files["off"].read_bytes(), args
    return off


def test_log_of_a_progress_on_a_task_with_a_long_imported_log_reads_its_status_as_without_cache(
    tmp_path: Path,
) -> None:
    """A task measured by its figure (3 of 5 亩: 进行中 with no status written) whose log holds
    more entries than a sketch keeps (an import's notes, all at one time): after ``plan
    progress``, ``plan log -n 1`` shows the progress from the sketch's copy of the entry, and
    read the status before it as 未开始 (a change 未开始 → 进行中) — the table's reading (进行中,
    no change) was looked up by the entry itself, which the copy is not."""
    assert sketches.TRACE_TAIL == 16
    doc = plan_doc(
        [
            {"id": "1", "title": "目标1"},
            {"id": "1.1", "title": "任务1.1", "log": _imported_notes(17)},
            {"id": "2", "title": "目标2"},
            {
                "id": "2.1",
                "title": "任务2.1",
                "measure": "亩",
                "target": 5,
                "actual": 3,
                "log": _imported_notes(17),
            },
        ]
    )
    files = _both(tmp_path, doc)
    clocks = {mode: _moments() for mode in files}
    for mode in files:
        with clocked(clocks[mode]):
            assert _said(tmp_path, files, mode, ["progress", "2.1", "30"])[0] == 0
    assert files["on"].read_bytes() == files["off"].read_bytes()
    code, output = _alike(tmp_path, files, ["log", "-n", "1"])
    assert code == 0
    # The status the task read before is the one it reads after (进行中): no change to show
    # (``log``, since the same session's trial), where the sketch's copy said 未开始 → 进行中.
    assert "进度：— → 30%" in output and "状态" not in output, output


def test_a_change_after_the_computer_moved_to_a_zone_of_the_same_names_is_stamped_as_without_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A time typed by hand without an offset reads in the computer's time zone, and the
    newest time of the trace, which a change is stamped after, is kept in the cache. Athens
    and Cairo have the same names (EET, EEST) and offsets, but Cairo's summer time starts
    weeks later: 12:00 on 10 April is 09:00Z in Athens and 10:00Z in Cairo. A cache made in
    Athens was taken in Cairo, and a note made at 09:30Z was stamped 09:30Z, not after the
    hand-typed 10:00Z as without the cache."""
    doc = plan_doc(
        [
            {"id": "1", "title": "目标1"},
            {
                "id": "1.1",
                "title": "任务1.1",
                "log": [
                    {
                        "at": dt.datetime(2023, 4, 10, 12, 0),  # no offset: typed by hand
                        "by": "张三",
                        "action": "note",
                        "note": "手写",
                    }
                ],
            },
        ]
    )
    monkeypatch.setenv("TZ", "Europe/Athens")
    time.tzset()
    try:
        athens = (time.timezone, time.altzone, time.tzname)
        assert dt.datetime(2023, 4, 10, 12).astimezone().utcoffset() == dt.timedelta(hours=3)
        files = _both(tmp_path, doc)
        monkeypatch.setenv("TZ", "Africa/Cairo")
        time.tzset()
        assert (time.timezone, time.altzone, time.tzname) == athens
        assert dt.datetime(2023, 4, 10, 12).astimezone().utcoffset() == dt.timedelta(hours=2)
        now = dt.datetime(2023, 4, 10, 9, 30, tzinfo=dt.UTC)
        for mode in files:
            with clocked(iter([now])):
                assert _said(tmp_path, files, mode, ["note", "1.1", "新的"])[0] == 0
        written = files["on"].read_text(encoding="utf-8")
        assert "at = 2023-04-10 10:00:00.000001+00:00" in written, written
        assert files["on"].read_bytes() == files["off"].read_bytes()
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_plan_rewritten_with_the_same_size_and_time_but_other_bytes_is_read_afresh(
    tmp_path: Path,
) -> None:
    """A title changed by hand to one of the same length, the file's time then set back (a
    copy that keeps times, a restore): the cache's entry is not taken for it."""
    doc = plan_doc([{"id": "1", "title": "目标1"}, {"id": "1.1", "title": "任务1.1"}])
    files = _both(tmp_path, doc)
    for path in files.values():
        raw, st = path.read_bytes(), path.stat()
        path.write_bytes(raw.replace("任务1.1".encode(), "任务1.9".encode()))
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
        assert (path.stat().st_size, path.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    code, output = _alike(tmp_path, files, ["show", "1.1"])
    assert code == 0
    assert "任务1.9" in output


def test_log_of_equal_stamps_in_other_zones_written_out_of_order_is_alike(tmp_path: Path) -> None:
    """Two items with more entries than a sketch keeps, most at one moment written in three
    zones, a few later ones typed by hand before them, the header's log at that moment too:
    every ``plan log -n N`` picks and orders them as the whole trace does."""
    zones = [dt.timezone(dt.timedelta(hours=h)) for h in (8, 0, -5)]
    later = IMPORTED + dt.timedelta(hours=1)

    def log(first: int) -> list[dict[str, Any]]:
        entries = [
            {
                "at": (later if n % 7 == 3 else IMPORTED).astimezone(zones[n % 3]),
                "by": "张三",
                "action": "note",
                "note": f"第{first + n}条",
            }
            for n in range(20)
        ]
        return entries[10:] + entries[:10]  # (out of time order)

    doc = plan_doc(
        [
            {"id": "1", "title": "目标1"},
            {"id": "1.1", "title": "任务1.1", "log": log(0)},
            {"id": "1.2", "title": "任务1.2", "log": log(100)},
        ],
        log=[{"at": IMPORTED, "by": "张三", "action": "edit", "before": {}, "after": {}}],
    )
    files = _both(tmp_path, doc)
    for n in range(1, 43):
        assert _alike(tmp_path, files, ["log", "-n", str(n), "--json"])[0] == 0
    code, output = _alike(tmp_path, files, ["log", "-n", "9"])
    assert code == 0
    assert output.count("第") == 9, output


def test_without_tz_the_zone_the_cache_is_made_in_is_the_one_etc_localtime_links_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(Where ``TZ`` is not set, the computer's zone is the file ``/etc/localtime`` links to:
    linked to Cairo's rules instead of Athens', an entry made before is not taken.)"""
    zones = Path("/usr/share/zoneinfo")
    link = tmp_path / "localtime"
    link.symlink_to(zones / "Europe" / "Athens")
    monkeypatch.setattr(cache, "_LOCALTIME", str(link))
    monkeypatch.delenv("TZ", raising=False)
    athens = cache._zone()
    link.unlink()
    link.symlink_to(zones / "Africa" / "Cairo")
    assert cache._zone() != athens
    link.unlink()
    link.symlink_to(zones / "Europe" / "Athens")
    assert cache._zone() == athens
