"""Review of the parse cache's cut logs (``store/cache_chunks``, ``trace.entries_a_report_reads``):
a year-end report read from a warm cache is the report made with the cache off, and nothing cut
for it is ever written or stored."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app
from tests.conftest import write_plan
from tests.forged_entries import forged

EIGHT = dt.timezone(dt.timedelta(hours=8))


def _at(month: int, day: int) -> dt.datetime:
    return dt.datetime(2023, month, day, 9, 0, tzinfo=EIGHT)


def _progress_log(steps: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """A progress entry at the end of each month named, from the figure before to ``new``."""
    log, was = [], 0
    for month, new in steps:
        log.append(
            {
                "at": _at(month, 28),
                "by": "张三",
                "action": "progress",
                "before": {"progress": was},
                "after": {"progress": new},
            }
        )
        was = new
    return log


def _reports(
    runner: CliRunner, plan_file: Path, monkeypatch: pytest.MonkeyPatch, *args: str
) -> tuple[str, str, str]:
    """The report with the cache off, then twice with it on (stored, then read back cut)."""
    monkeypatch.setenv("QUANHU_PLAN_CACHE", "off")
    off = runner.invoke(app, ["report", *args])
    assert off.exit_code == 0, off.output
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(plan_file.parent / "cache"))
    stored = runner.invoke(app, ["report", *args])
    warm = runner.invoke(app, ["report", *args])
    assert stored.exit_code == 0 and warm.exit_code == 0, warm.output
    return off.stdout, stored.stdout, warm.stdout


# A task at 30 % at the end of June, its milestone 50 % by then: missed, whatever came after.
MILESTONE_STEPS = [(1, 5), (2, 10), (3, 15), (4, 20), (5, 25), (6, 30), (7, 40), (8, 45)]
MILESTONE_STEPS += [(9, 50), (10, 55), (11, 60)]


@pytest.mark.parametrize("form", ["md", "json", "terminal"])
def test_a_missed_milestone_is_named_by_a_report_from_a_warm_cache(
    runner: CliRunner, plan_file: Path, monkeypatch: pytest.MonkeyPatch, form: str
) -> None:
    """The report judges a task's past milestone by the task as it stood that day, replayed
    from its whole log (``records.Milestones``): a log cut to three entries said 50 % then."""
    task = {
        "id": "1.1",
        "title": "修缮村道",
        "status": "doing",
        "progress": 60,
        "milestone": [{"due": "2023-Q2", "progress": 50}],
        "log": _progress_log(MILESTONE_STEPS),
    }
    write_plan(plan_file, [{"id": "1", "title": "重点工作"}, task])
    off, stored, warm = _reports(runner, plan_file, monkeypatch, "--format", form)
    if form != "json":
        assert "届时完成30%" in off  # (the milestone missed, as the whole log says)
    assert stored == off
    assert warm == off, "the report from the warm cache lost the missed milestone"


# ---------------------------------------------------------------- what held (guards)


def _long_trace(plan_file: Path) -> None:
    log = [
        {
            "at": _at(3, 1) + dt.timedelta(days=n),
            "by": "李四",
            "action": "note",
            "note": f"第{n}次进展",
        }
        for n in range(40)
    ]
    task = {"id": "1.1", "title": "修缮村道", "status": "doing", "progress": 5, "log": log}
    write_plan(plan_file, [{"id": "1", "title": "重点工作"}, task])


def _entries_kept(plan_file: Path, count: int) -> None:
    text = plan_file.read_text(encoding="utf-8")
    assert all(f"第{n}次进展" in text for n in range(40)), "an entry of the trace was lost"
    assert text.count("[[item.log]]") == count


def test_a_report_after_an_add_and_a_hand_edit_reads_the_whole_year(
    runner: CliRunner, plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry written by ``plan add`` (``cache_added``), then one of a file edited by hand
    (``pieces``): the report from each is the report with the cache off, and a note after it
    writes every entry of the trace."""
    _long_trace(plan_file)
    assert runner.invoke(app, ["report"]).exit_code == 0  # the entry stored
    added = runner.invoke(app, ["add", "1", "新建公厕"])
    assert added.exit_code == 0, added.output
    off, stored, warm = _reports(runner, plan_file, monkeypatch, "--format", "md")
    assert stored == off and warm == off
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(text.replace("progress = 5\n", "progress = 7\n"), encoding="utf-8")
    off, stored, warm = _reports(runner, plan_file, monkeypatch, "--format", "md")
    assert stored == off and warm == off and "7%" in off
    noted = runner.invoke(app, ["note", "1.1", "第40次进展"])
    assert noted.exit_code == 0, noted.output
    _entries_kept(plan_file, 42)  # the 40, the add's, the note's


def _without_whole_logs(entry: Path) -> None:
    """The entry with each chunk of tables cut to its first pickle (``forged``)."""
    from _pickle import Unpickler
    from io import BytesIO

    def cut(counts: list[int], chunks: list[bytes]) -> None:
        for n in range(1 + len(counts), len(chunks)):
            # (the first pickle, and before it its length where the chunk says it first)
            start = 0 if chunks[n][:1] == b"\x80" else 8
            read = BytesIO(chunks[n][start:])
            Unpickler(read).load()
            chunks[n] = chunks[n][: start + read.tell()]

    forged(entry, cut)


def test_a_cache_entry_without_its_whole_logs_is_never_taken_for_the_trace(
    runner: CliRunner, plan_file: Path
) -> None:
    _long_trace(plan_file)
    assert runner.invoke(app, ["status"]).exit_code == 0  # the entry stored
    (entry,) = (plan_file.parent / "cache").glob("*.pickle")
    _without_whole_logs(entry)
    before = plan_file.read_bytes()
    report = runner.invoke(app, ["report", "--format", "md"])  # (its cut tables are whole)
    assert report.exit_code == 0 and "第39次进展" in report.stdout, report.output
    shown = runner.invoke(app, ["show", "1.1"])
    assert "Traceback" not in shown.output
    if shown.exit_code == 1:  # (the entry goes: the next command reads the file afresh)
        assert "缓存" in shown.output and "已损坏" in shown.output
        assert runner.invoke(app, ["status"]).exit_code == 0  # stored again
        _without_whole_logs(entry)
    else:  # never the cut log taken for the trace
        assert shown.exit_code == 0 and "第0次进展" in shown.stdout, shown.output
    assert plan_file.read_bytes() == before
    noted = runner.invoke(app, ["note", "1.1", "第40次进展"])
    if noted.exit_code == 0:
        _entries_kept(plan_file, 41)
    else:
        assert "已损坏" in noted.output and plan_file.read_bytes() == before
    listed = runner.invoke(app, ["log", "--all"])
    assert listed.exit_code == 0 and "第0次进展" in listed.stdout, listed.output


def test_a_note_on_an_entry_without_its_whole_logs_writes_every_entry_or_none(
    runner: CliRunner, plan_file: Path
) -> None:
    """A chunk whose second pickle (the whole logs) is gone, its sizes and checksum matching:
    a change made on it writes the whole trace, or stops with the damaged-cache message."""
    _long_trace(plan_file)
    assert runner.invoke(app, ["status"]).exit_code == 0  # the entry stored
    (entry,) = (plan_file.parent / "cache").glob("*.pickle")
    _without_whole_logs(entry)
    before = plan_file.read_bytes()
    noted = runner.invoke(app, ["note", "1.1", "第40次进展"])
    assert "Traceback" not in noted.output
    if noted.exit_code == 0:
        _entries_kept(plan_file, 41)
    else:
        assert "已损坏" in noted.output and plan_file.read_bytes() == before
