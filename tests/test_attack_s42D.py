"""An ``--as-of`` day's trace is the entries that count by that day, whichever way the view is
made. Since a change undone and its undo are no record of anything (``trace.is_record``), a day
after which only such entries were written is the plan as it is now (``replay.plan_as_of``: no
replay); its items' logs, unreplayed, listed the entries of later days in ``plan show --as-of``
and the JSON, which a replay (made as soon as anything real counts after the day) leaves out:
what a day showed changed with a note written a week later, and a change undone a day after D
showed in D's view while one undone on D+1 with another change beside it did not. Each view is
read with the parse cache deleted, warm, and deleted again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from .conftest import SMALL_ITEMS, write_plan
from .test_attack_s42A import _at, _run


def _as_of_once(runner: Any, day: str) -> dict[str, Any]:
    return {
        "show": _run(runner, "show", "1.3", "--as-of", day),
        "show_goal": _run(runner, "show", "2", "--as-of", day, "--all"),
        "show_json": json.loads(_run(runner, "show", "1.3", "--json", "--as-of", day)),
        "list_json": json.loads(_run(runner, "list", "--json", "--as-of", day)),
    }


def _as_of(runner: Any, folder: Path, day: str) -> dict[str, Any]:
    """The views of ``day`` with the cache deleted, warm, and deleted again: all alike."""
    shutil.rmtree(folder / "cache", ignore_errors=True)
    cold = _as_of_once(runner, day)
    assert _as_of_once(runner, day) == cold
    shutil.rmtree(folder / "cache", ignore_errors=True)
    assert _as_of_once(runner, day) == cold
    return cold


def _logs(seen: dict[str, Any]) -> dict[str, Any]:
    return {item["id"]: item.get("log") for item in seen["list_json"]}


def _year(runner: Any, clock: Any, plan_file: Path) -> None:
    write_plan(plan_file, SMALL_ITEMS)
    clock.now = _at(2023, 11, 20, 9)
    _run(runner, "progress", "1.3", "70")


def test_an_as_of_day_shows_no_entry_of_a_later_day(runner, clock, plan_file, tmp_path):
    _year(runner, clock, plan_file)
    before = _as_of(runner, tmp_path, "2023-12-31")
    clock.now = _at(2024, 1, 5, 9)
    _run(runner, "progress", "1.3", "90")  # typed by mistake
    _run(runner, "note", "2.3", "写错了")
    clock.now = _at(2024, 1, 5, 9, 10)
    _run(runner, "undo")
    _run(runner, "undo")
    after = _as_of(runner, tmp_path, "2023-12-31")
    assert "2024-01-05" not in after["show"] and "已撤销" not in after["show"]
    assert "2024-01-05" not in after["show_goal"]
    assert [e["at"] for e in after["show_json"]["log"]] == ["2023-11-20T09:00:00+08:00"]
    logs = _logs(after)
    assert logs["2.3"] is None  # (changed only after the day: no log, as never changed)
    assert after == before
    # A change that stands, a week later, makes the view a replay: it shows the same.
    clock.now = _at(2024, 1, 12, 9)
    _run(runner, "note", "2.2", "资料已补")
    assert _as_of(runner, tmp_path, "2023-12-31") == before
    # Without --as-of, the plan as it is now: its whole trace.
    now = _run(runner, "show", "1.3")
    assert "进度（已撤销）" in now and "撤销" in now
    assert len(json.loads(_run(runner, "show", "1.3", "--json"))["log"]) == 3


def test_an_undone_change_shows_in_the_view_of_its_day_only(runner, clock, plan_file, tmp_path):
    # Written and undone on 30 December: the view of that day lists both entries, as it did;
    # the view of the day before lists neither, as before they were written.
    _year(runner, clock, plan_file)
    day_before = _as_of(runner, tmp_path, "2023-12-29")
    clock.now = _at(2023, 12, 30, 9)
    _run(runner, "progress", "1.3", "90")
    clock.now = _at(2023, 12, 30, 9, 10)
    _run(runner, "undo")
    that_day = _as_of(runner, tmp_path, "2023-12-30")
    assert "进度（已撤销）" in that_day["show"] and "2023-12-30" in that_day["show"]
    assert len(that_day["show_json"]["log"]) == 3
    assert _as_of(runner, tmp_path, "2023-12-29") == day_before
    # Undone the next day instead: the view of the 30th lists the change (undone), not its undo.
    clock.now = _at(2023, 12, 30, 10)
    _run(runner, "progress", "1.3", "80")
    clock.now = _at(2023, 12, 31, 9)
    _run(runner, "undo")
    shown = _as_of(runner, tmp_path, "2023-12-30")["show_json"]["log"]
    assert [e["at"][:16] for e in shown][-1] == "2023-12-30T10:00"
    assert _as_of(runner, tmp_path, "2023-12-29") == day_before


def test_the_county_keyed_items_as_of_a_day(runner, clock, plan_file, tmp_path):
    items = [dict(item) for item in SMALL_ITEMS]
    items[3]["key"] = "县-3"
    write_plan(plan_file, items)
    clock.now = _at(2023, 11, 20, 9)
    _run(runner, "progress", "1.3", "70")
    clock.now = _at(2024, 1, 5, 9)
    _run(runner, "progress", "1.3", "90")
    _run(runner, "undo")
    county = tmp_path / "county"
    county.mkdir()
    shutil.copyfile(plan_file, county / "测试镇.toml")
    args = ("county", str(county), "--key", "县-3", "--json", "--as-of", "2023-12-31")
    row = json.loads(_run(runner, *args))["plans"][0]
    (item,) = row["items"]
    assert [e["at"] for e in item["log"]] == ["2023-11-20T09:00:00+08:00"]


def test_an_add_dated_back_and_undone_is_in_no_trace_of_the_year(
    runner, clock, plan_file, tmp_path
):
    # Added on 5 January, dated 1 June, undone: the archive's record of the undo is of
    # 5 January, and the goal's trace as at the year's end lists neither it nor its entries.
    _year(runner, clock, plan_file)
    before = _as_of(runner, tmp_path, "2023-12-31")
    clock.now = _at(2024, 1, 5, 9)
    _run(runner, "add", "2", "清理河道", "--on", "2023-06-01")
    clock.now = _at(2024, 1, 5, 9, 10)
    _run(runner, "undo")
    after = _as_of(runner, tmp_path, "2023-12-31")
    assert "清理河道" not in after["show_goal"]
    assert after == before
    clock.now = _at(2024, 1, 12, 9)
    _run(runner, "note", "2.2", "资料已补")  # (a replay now: the same)
    assert _as_of(runner, tmp_path, "2023-12-31") == before
    assert "清理河道" in _run(runner, "show", "2", "--all")  # (the plan as it is now)


def test_a_merge_conflict_names_who_set_the_value_not_an_undo(runner, clock, plan_file, tmp_path):
    # On one copy 甲 sets 80% on 1 December, then 90% by mistake on 5 January and undoes it;
    # on the other 乙 sets 75% on 10 December. The 80% the merge keeps was set by 甲 on
    # 1 December: the conflict says so, and is in the views of the year's end, replayed or not.
    _year(runner, clock, plan_file)
    base = tmp_path / "base.toml"
    shutil.copyfile(plan_file, base)
    clock.now = _at(2023, 12, 1, 9)
    _run(runner, "progress", "1.3", "80", "--by", "甲")
    clock.now = _at(2024, 1, 5, 9)
    _run(runner, "progress", "1.3", "90", "--by", "甲")
    clock.now = _at(2024, 1, 5, 9, 10)
    _run(runner, "undo", "--by", "甲")
    ours = tmp_path / "ours.toml"
    shutil.copyfile(plan_file, ours)
    shutil.copyfile(base, plan_file)
    clock.now = _at(2023, 12, 10, 9)
    _run(runner, "progress", "1.3", "75", "--by", "乙")
    theirs = tmp_path / "theirs.toml"
    shutil.copyfile(plan_file, theirs)
    shutil.copyfile(ours, plan_file)
    clock.now = _at(2024, 1, 8, 9)
    _run(runner, "merge", str(base), str(plan_file), str(theirs))
    (record,) = json.loads(_run(runner, "show", "1.3", "--json"))["conflict"]
    assert (record["ours"], record["ours_by"]) == (80, "甲")
    assert record["ours_at"] == "2023-12-01T09:00:00+08:00"
    said = _run(runner, "show", "1.3")
    assert "2024-01-05 09:10 修改" not in said and "（甲 2023-12-01 09:00 修改）" in said
    fast = _as_of(runner, tmp_path, "2023-12-31")
    assert fast["show_json"]["conflict"] == [record]
    clock.now = _at(2024, 1, 12, 9)
    _run(runner, "note", "2.2", "资料已补")  # (a replay now: the same conflict)
    assert _as_of(runner, tmp_path, "2023-12-31")["show_json"]["conflict"] == [record]
