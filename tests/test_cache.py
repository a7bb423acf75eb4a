"""The parse cache never changes a result: every command gives the same output with the cache
off, cold, warm, corrupted and stale; it lives in the user's cache folder, never beside the plan."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import time
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan import store
from quanhu_plan.changes import Stamp
from quanhu_plan.cli import app
from quanhu_plan.store import cache

from .conftest import SMALL_ITEMS, write_plan

T0 = dt.datetime(2023, 6, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))

READS = [
    ["status"],
    ["status", "--json"],
    ["status", "--by", "unit", "--as-of", "2023-04-01"],
    ["list"],
    ["list", "--flat", "--json"],
    ["show", "1.1"],
    ["show", "2", "--json"],
    ["log", "--json"],
    ["report", "--format", "md"],
    ["report", "--format", "json", "--as-of", "2023-06-30"],
    ["check"],
]


def outputs(plan_file: Path, reads: list[list[str]] = READS) -> list[tuple[int, str]]:
    """The exit code and output of each read command on ``plan_file``."""
    results = []
    for args in reads:
        result = CliRunner().invoke(app, ["--file", str(plan_file), *args])
        results.append((result.exit_code, result.output))
    return results


@pytest.fixture
def traced_plan(plan_file: Path) -> Path:
    write_plan(plan_file, SMALL_ITEMS)
    for args in (
        ["progress", "1.3", "70", "--on", "2023-02-01"],
        ["note", "1.1", "进展", "--on", "2023-03-01"],
    ):
        # Made with the cache off: a change leaves its plan in the cache, which the tests
        # below start without.
        runner = CliRunner(env={"QUANHU_PLAN_CACHE": "off"})
        assert runner.invoke(app, ["--file", str(plan_file), *args]).exit_code == 0
    return plan_file


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pickle")) if folder.exists() else []


def test_every_read_gives_the_same_output_cache_off_cold_warm_corrupted_and_stale(
    traced_plan, tmp_path, monkeypatch
):
    folder = tmp_path / "cache"
    monkeypatch.setenv("QUANHU_PLAN_CACHE", "off")
    expected = outputs(traced_plan)
    assert not entries(folder)

    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(folder))
    assert outputs(traced_plan) == expected  # cold: read and remembered
    assert len(entries(folder)) == 1
    assert outputs(traced_plan) == expected  # warm

    entry = entries(folder)[0]
    entry.write_bytes(b"not a pickle")
    assert outputs(traced_plan) == expected  # corrupted: ignored, read afresh
    assert pickle.loads(entry.read_bytes())  # and written again

    entry.write_bytes(pickle.dumps((("another", "program"), "a stale plan")))
    assert outputs(traced_plan) == expected  # another version: ignored


def test_a_changed_file_is_read_afresh_not_from_the_cache(traced_plan, tmp_path):
    before = outputs(traced_plan)
    text = traced_plan.read_text(encoding="utf-8").replace('title = "修塘"', 'title = "修大塘"')
    stat = traced_plan.stat()
    traced_plan.write_text(text, encoding="utf-8")
    os.utime(traced_plan, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same time, other bytes
    after = outputs(traced_plan)
    assert after != before
    assert "修大塘" in after[0][1] or "修大塘" in after[3][1]


def test_changes_give_the_same_file_with_the_cache_warm_or_off(plan_file, tmp_path, monkeypatch):
    script = [
        ["status"],
        ["done", "1.3", "--on", "2023-03-20"],
        ["list"],
        ["move", "1.3", "2"],
        ["status"],
        ["rm", "2.1", "--yes"],
        ["undo"],
        ["list"],
        ["undo"],
    ]
    files = {}
    for mode in ("off", str(tmp_path / "warm-cache")):
        monkeypatch.setenv("QUANHU_PLAN_CACHE", mode)
        clock = iter(T0 + dt.timedelta(minutes=n) for n in range(100))
        monkeypatch.setattr(
            Stamp, "current", classmethod(lambda cls, by, clock=clock: cls(by, next(clock)))
        )
        write_plan(plan_file, SMALL_ITEMS)
        for args in script:
            assert CliRunner().invoke(app, ["--file", str(plan_file), *args]).exit_code == 0
        files[mode] = plan_file.read_text(encoding="utf-8")
    assert files["off"] == files[str(tmp_path / "warm-cache")]


def test_the_cache_lives_in_the_users_cache_folder_never_beside_the_plan(
    traced_plan, tmp_path, monkeypatch
):
    monkeypatch.delenv("QUANHU_PLAN_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    outputs(traced_plan)
    assert len(entries(tmp_path / "xdg" / "quanhu-plan")) == 1
    beside = sorted(p.name for p in traced_plan.parent.iterdir())
    assert beside == ["plan.toml", "xdg"]


def test_an_unwritable_cache_folder_changes_nothing(traced_plan, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    expected = outputs(traced_plan)
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(blocker / "cache"))
    assert outputs(traced_plan) == expected


def test_recall_checks_path_size_time_and_bytes(traced_plan):
    real = Path(os.path.realpath(traced_plan))
    raw = traced_plan.read_bytes()
    st = os.stat(real)
    plan = store.load(store.PlanSource(traced_plan))
    cache.remember(real, raw, st, plan)
    assert cache.recall(real, raw, st) is not None
    assert cache.recall(real, raw + b"\n", st) is None
    assert cache.recall(real.with_name("other.toml"), raw, st) is None


def test_a_plan_comes_out_of_the_cache_as_the_same_tree(plan_file: Path) -> None:
    """The cache keeps a plan as plain tables with each item's parent and place in the file:
    unpacked, it is the same tree, children in the same order even where the file's order
    differs (a parent written after its child, an explicit parent), the same tables, the
    same file order and the same trace lookup."""
    items = [
        {"id": "2", "title": "后写的部分"},
        {"id": "1.1", "title": "子项先写", "owner": "王五", "due": dt.date(2023, 5, 1)},
        {"id": "1", "title": "部分一"},
        {"id": "9", "title": "挂在部分二下", "parent": "2", "status": "done"},
        {"id": "2.1", "title": "部分二的子项", "log": [{"at": T0, "action": "note"}]},
    ]
    write_plan(plan_file, items)
    source = store.PlanSource(plan_file)
    cold = store.load(source)
    assert len(entries(cache.folder())) == 1
    warm = store.load(source)
    assert warm is not cold

    def shape(plan):  # type: ignore[no-untyped-def]
        return [
            (i.id, i.parent.id if i.parent else None, [c.id for c in i.children], i.index, i.data)
            for i in plan.items()
        ]

    assert shape(warm) == shape(cold)
    assert [c.id for c in warm.find("2").children] == ["9", "2.1"]
    assert warm.file_doc() == cold.file_doc()
    assert (warm.newest_at, warm.newest_at_known) == (T0, True)
    # Keys and short texts are shared by all items that hold them, not made once per item.
    first, second = (i.data for i in warm.items() if i.id in ("1.1", "9"))
    assert next(k for k in first if k == "title") is next(k for k in second if k == "title")


CHANGES = [
    ["done", "1.3", "--on", "2023-03-20"],
    ["note", "1.1", "开工", "--on", "2023-04-01"],
    ["progress", "2.3", "90", "--on", "2023-05-01"],
    ["record", "1.1", "35", "--on", "2023-05-02"],
    ["edit", "2.2", "--owner", "赵六"],
    ["reopen", "1.2"],
    ["start", "1.3"],
    ["undo"],
    ["add", "2", "新任务"],
    ["move", "1.3", "2"],
    ["rm", "2.1", "--yes"],
    ["undo"],
    ["note", "2.3", "第二条", "--on", "2023-06-01"],
]


def stored_chunks(folder: Path) -> list[bytes]:
    """The chunks of the one entry in the cache folder."""
    (entry,) = entries(folder)
    data = entry.read_bytes()
    lengths = pickle.loads(data)[2]
    at, out = len(data) - sum(lengths), []
    for length in lengths:
        out.append(data[at : at + length])
        at += length
    return out


@pytest.mark.parametrize("seed", range(6))
def test_after_every_change_the_cache_holds_the_plan_the_file_reads_as(
    plan_file, tmp_path, monkeypatch, seed
):
    """A change stores anew only the chunks holding a table it changed (the others are the
    entry's own): whatever it changed, the plan in the cache is the one the file reads as."""
    import random

    monkeypatch.setattr(cache, "CHUNK", 2)  # chunks of a table or two: most stay as they were
    folder = tmp_path / "chunks"
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(folder))
    clock = iter(T0 + dt.timedelta(minutes=n) for n in range(100))
    monkeypatch.setattr(
        Stamp, "current", classmethod(lambda cls, by, clock=clock: cls(by, next(clock)))
    )
    write_plan(plan_file, SMALL_ITEMS)
    assert CliRunner().invoke(app, ["--file", str(plan_file), "status"]).exit_code == 0
    kept = 0
    for args in random.Random(seed).sample(CHANGES, 8):
        before = stored_chunks(folder)
        result = CliRunner().invoke(app, ["--file", str(plan_file), *args])
        assert result.exit_code in (0, 1), (args, result.output)
        raw = plan_file.read_bytes()
        real = plan_file.resolve()
        recalled = cache.recall(real, raw, os.stat(real))
        if recalled is None:  # a change that took the whole way leaves the cache to the read
            continue
        fresh = store.plan_from_text(raw.decode("utf-8"), "plan.toml")
        assert recalled.packed()[:5] == fresh.packed()[:5], args
        kept += sum(chunk in before for chunk in stored_chunks(folder))
    assert kept  # some chunks were stored again as they were


@pytest.mark.parametrize("characters", [72, 83])
def test_a_plan_whose_name_is_long_in_chinese_is_kept_in_the_cache_too(
    tmp_path, monkeypatch, characters
):
    """A file name holds at most 255 bytes, and a Chinese character takes three of them: the
    entry of a plan named with up to 83 (all a disk takes) and the temp file it is written
    through are named within that, so the plan is kept, after a read and after a change (one
    that the plan's own lock and temp file leave room for)."""
    plan_file = write_plan(tmp_path / ("计" * characters + ".toml"), SMALL_ITEMS)
    folder = tmp_path / "long"
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(folder))
    script = [["status"]]
    if characters <= 72:
        script.append(["note", "1.1", "开工", "--on", "2023-04-01"])
    for args in script:
        result = CliRunner().invoke(app, ["--file", str(plan_file), *args])
        assert result.exit_code == 0, result.output
        assert len(entries(folder)) == 1, args
        raw, real = plan_file.read_bytes(), plan_file.resolve()
        recalled = cache.recall(real, raw, os.stat(real))
        assert recalled is not None, args
        fresh = store.plan_from_text(raw.decode("utf-8"), "plan.toml")
        assert recalled.packed()[:5] == fresh.packed()[:5]


def test_an_entry_damaged_after_it_was_written_is_read_afresh_not_taken_for_the_plan(
    traced_plan, tmp_path, monkeypatch
):
    """A byte changed in an entry (a disk, a copy) can still unpickle, as another title: the
    entry's checksum sends the read to the file."""
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "damaged"))
    expected = outputs(traced_plan)
    (entry,) = entries(tmp_path / "damaged")
    data = entry.read_bytes()
    assert data.count("修塘".encode()) == 1
    entry.write_bytes(data.replace("修塘".encode(), "修湖".encode()))
    assert outputs(traced_plan) == expected
    assert "修湖".encode() not in entry.read_bytes()  # and stored again


def test_temp_files_a_stopped_writer_left_in_the_cache_folder_are_removed_in_time(
    traced_plan, tmp_path, monkeypatch
):
    """A process stopped while it stored an entry leaves its temp file; the next one to store
    that entry removes it once it is an hour old (a younger one may be another's, at work)."""
    folder = tmp_path / "temps"
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(folder))
    outputs(traced_plan)
    (entry,) = entries(folder)
    old, young = folder / f".{entry.name}.1.aaaa.tmp", folder / f".{entry.name}.2.bbbb.tmp"
    other = folder / ".another-plan.pickle.3.cccc.tmp"
    for temp in (old, young, other):
        temp.write_bytes(b"half an entry")
    two_hours_ago = time.time() - 7200
    for temp in (old, other):
        os.utime(temp, (two_hours_ago, two_hours_ago))
    entry.unlink()  # the next read stores the entry again
    outputs(traced_plan)
    assert not old.exists()
    assert young.exists() and other.exists()  # another's at work; another entry's
    assert len(entries(folder)) == 1


def test_a_change_does_not_copy_chunks_from_an_entry_damaged_since_it_was_read(
    traced_plan, tmp_path, monkeypatch
):
    """A change stores again the chunks it did not change by copying them from the entry the
    plan came from, once that entry's checksum says it is whole; a damaged one is not copied
    from (every chunk is made afresh)."""
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "copied"))
    outputs(traced_plan)
    real = traced_plan.resolve()
    raw = traced_plan.read_bytes()
    plan = cache.recall(real, raw, os.stat(real))
    assert plan is not None
    (entry,) = entries(tmp_path / "copied")
    entry.write_bytes(entry.read_bytes().replace("修塘".encode(), "修湖".encode()))
    cache.remember(real, raw, os.stat(real), plan, share=False)  # as a change stores it
    again = cache.recall(real, raw, os.stat(real))
    assert again is not None
    fresh = store.plan_from_text(raw.decode("utf-8"), "plan.toml")
    assert again.packed()[:5] == fresh.packed()[:5]


def test_a_read_from_the_cache_loads_neither_the_toml_reader_nor_the_pickle_module(tmp_path):
    import subprocess
    import sys

    plan_file = tmp_path / "plan.toml"
    plan_file.write_bytes((Path(__file__).parents[1] / "plan.toml").read_bytes())
    code = (
        "import sys\n"
        "from quanhu_plan.cli import main\n"
        "sys.argv = ['plan', 'status']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted({'pickle', 'tomli', 'tomllib'} & set(sys.modules)), file=sys.stderr)\n"
    )
    env = {**os.environ, "PLAN_FILE": str(plan_file), "QUANHU_PLAN_CACHE": str(tmp_path / "c")}
    runs = [
        subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
        for _ in range(2)
    ]
    assert [run.returncode for run in runs] == [0, 0]
    assert runs[0].stdout == runs[1].stdout
    assert runs[0].stderr.strip() != "[]"  # the first read parsed the file and stored it
    assert runs[1].stderr.strip() == "[]"


def _set_zone(monkeypatch: pytest.MonkeyPatch, zone: str) -> None:
    monkeypatch.setenv("TZ", zone)
    time.tzset()


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="the zone is set by TZ and tzset")
@pytest.mark.parametrize("edited", [False, True], ids=["unchanged", "edited by hand since"])
def test_a_change_in_another_time_zone_still_comes_after_a_hand_written_entry(
    plan_file, monkeypatch, edited
):
    # An entry written by hand without an offset is read in this computer's zone (as
    # entry_time reads it). The newest time of the trace is kept in the cache entry: read in
    # Beijing time it is 02:00 UTC; on a computer set to UTC it is 10:00, and a change made
    # there must still come after it, as it does without the cache.
    write_plan(plan_file, SMALL_ITEMS)
    with plan_file.open("a", encoding="utf-8") as handle:
        handle.write('\n[[item.log]]\nat = 2030-01-01T10:00:00\nnote = "手写"\n')
    last = tomllib.loads(plan_file.read_text("utf-8"))["item"][-1]["id"]
    try:
        _set_zone(monkeypatch, "Asia/Shanghai")
        assert CliRunner().invoke(app, ["--file", str(plan_file), "status"]).exit_code == 0
        if edited:  # the entry is then stale: its unchanged items are taken from it
            plan_file.write_text(plan_file.read_text("utf-8").replace("修塘", "修水塘"), "utf-8")
        _set_zone(monkeypatch, "UTC")
        result = CliRunner().invoke(app, ["--file", str(plan_file), "note", last, "新的"])
        assert result.exit_code == 0, result.output
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    log = tomllib.loads(plan_file.read_text("utf-8"))["item"][-1]["log"]
    assert [entry.get("note") for entry in log] == ["手写", "新的"]
    assert log[1]["at"] > dt.datetime(2030, 1, 1, 10, tzinfo=dt.UTC)
