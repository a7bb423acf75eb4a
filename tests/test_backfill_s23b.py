"""Back-filled structure changes: ``add``, ``rm``, ``move`` and ``edit`` take ``--on DATE`` as
``done``, ``note`` and ``progress`` do. An office catching up a month late records a task added
in May on the day it was added: every ``--as-of`` view of May has it (status, list, show, the
report, the export, the county roll-up), and its trace entry says the day.

The year test takes two paths to the same views, as test_as_of does: one copy lives through
the changes as recorded (some told late with --on, some undone), another copy at each month end
gets only the changes that had happened by then; every view must agree.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan import changes, store
from quanhu_plan.cli import app

from .conftest import REPO_PLAN, write_plan
from .test_as_of import MONTH_ENDS, Step, apply, happened_by, t

D = dt.date


def invoke(path: Path, *args: str) -> Any:
    return CliRunner().invoke(app, ["--file", str(path), *args])


def run(path: Path, *args: str) -> Any:
    result = invoke(path, *args)
    assert result.exit_code == 0, (args, result.output)
    return result


def doc(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def last_entry(path: Path, item_id: str) -> dict[str, Any]:
    for table in doc(path)["item"]:
        if table["id"] == item_id:
            return table["log"][-1]
    raise AssertionError(item_id)


def ids_listed(path: Path, day: str) -> list[tuple[str, str]]:
    rows = json.loads(run(path, "list", "--as-of", day, "--json").stdout)
    return [(row["id"], row["parent"]) for row in rows]


def views(path: Path, day: dt.date, county_dir: Path | None = None) -> dict[str, Any]:
    """What every read command shows of the plan as of ``day``, with what names the file or
    the day the views were asked taken out."""
    as_of = day.isoformat()
    status = json.loads(run(path, "status", "--as-of", as_of, "--json").stdout)
    listed = json.loads(run(path, "list", "--as-of", as_of, "--json").stdout)
    report = json.loads(run(path, "report", "--as-of", as_of, "--format", "json").stdout)
    exported = list(csv.reader(io.StringIO(run(path, "export", "--as-of", as_of).stdout)))
    shown = {
        row["id"]: json.loads(run(path, "show", row["id"], "--as-of", as_of, "--json").stdout)
        for row in listed
    }
    seen = {
        "status": status,
        "list": _by_day(listed),
        "report": report,
        "export": exported,
        "show": _by_day(shown),
    }
    if county_dir is not None:
        county_dir.mkdir(exist_ok=True)
        for old in county_dir.glob("*.toml"):
            old.unlink()
        shutil.copy(path, county_dir / "town.toml")
        county = json.loads(
            CliRunner().invoke(app, ["county", str(county_dir), "--as-of", as_of, "--json"]).stdout
        )
        seen["county"] = {"total": county["total"], "rows": _county_rows(county["rows"])}
    return seen


def _by_day(shown: Any) -> Any:
    """A view's trace entries with the day each counts on in place of when it was written: a
    copy given a change on its day and one given it later with --on differ in that alone (and
    in the changes undone, which count on no day, and their undos, which the copy never had)."""
    if isinstance(shown, list):
        return [_by_day(value) for value in shown if not _undoing(value)]
    if not isinstance(shown, dict):
        return shown
    if "action" in shown and "at" in shown:
        day = shown.get("on") or shown["at"][:10]
        kept = {k: v for k, v in shown.items() if k not in ("at", "on", "undone", "undoes")}
        return {**_by_day(kept), "day": day}
    kept = {key: _by_day(value) for key, value in shown.items()}
    return {key: value for key, value in kept.items() if key != "log" or value}


def _undoing(value: Any) -> bool:
    return isinstance(value, dict) and ("undone" in value or value.get("action") == "undo")


def _county_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # (the latest report and whether the town reported on time go by the day each change was
    # written, not the day it counts on: a copy given the changes later differs there alone)
    return [
        {k: v for k, v in row.items() if k not in ("file", "newest_change", "reported")}
        for row in rows
    ]


# ---------------------------------------------------------------- each command takes --on


def small(path: Path) -> Path:
    return write_plan(
        path,
        [
            {"id": "1", "title": "基础设施"},
            {"id": "1.1", "title": "修塘"},
            {"id": "1.2", "title": "修路"},
            {"id": "2", "title": "社会事业"},
            {"id": "2.1", "title": "禁毒讲座"},
        ],
    )


def test_a_task_added_on_a_past_day_is_in_every_view_from_that_day(plan_file, clock, tmp_path):
    small(plan_file)
    clock.now = t(6, 20)
    result = run(plan_file, "add", "1", "安装路灯", "--on", "2023-05-10")
    assert "1.3 安装路灯" in result.stdout and "2023-05-10" in result.stdout
    entry = last_entry(plan_file, "1.3")
    assert entry["action"] == "add" and entry["on"] == D(2023, 5, 10)

    may = views(plan_file, D(2023, 5, 31), tmp_path / "county")
    april = views(plan_file, D(2023, 4, 30), tmp_path / "county")
    assert ("1.3", "1") in ids_listed(plan_file, "2023-05-10")
    assert ("1.3", "1") not in ids_listed(plan_file, "2023-05-09")
    assert may["status"]["total"]["total"] == 4 and april["status"]["total"]["total"] == 3
    assert "安装路灯" in json.dumps(may["report"], ensure_ascii=False)
    assert "安装路灯" not in json.dumps(april["report"], ensure_ascii=False)
    assert any(row[:2] == ["1.3", "　安装路灯"] for row in may["export"]), may["export"]
    assert not any("安装路灯" in "".join(row) for row in april["export"])
    assert may["county"]["total"]["total"] == 4 and april["county"]["total"]["total"] == 3
    assert invoke(plan_file, "show", "1.3", "--as-of", "2023-04-30").exit_code == 1

    # the same as a copy that had the task added on that day
    other = small(tmp_path / "added-then.toml")
    clock.now = t(5, 10)
    run(other, "add", "1", "安装路灯")
    clock.now = t(6, 20)
    for day in (D(2023, 4, 30), D(2023, 5, 9), D(2023, 5, 10), D(2023, 5, 31), D(2023, 12, 31)):
        assert views(plan_file, day, tmp_path / "a") == views(other, day, tmp_path / "b"), day


def test_a_task_removed_on_a_past_day_is_gone_from_that_day_and_there_before(
    plan_file, clock, tmp_path
):
    small(plan_file)
    clock.now = t(6, 20)
    result = run(plan_file, "rm", "1.2", "-y", "--on", "2023-05-10")
    assert "2023-05-10" in result.stdout
    record = doc(plan_file)["removed"][-1]
    assert record["on"] == D(2023, 5, 10)
    assert record["item"][0]["log"][-1]["on"] == D(2023, 5, 10)
    assert ("1.2", "1") in ids_listed(plan_file, "2023-05-09")
    assert ("1.2", "1") not in ids_listed(plan_file, "2023-05-10")
    shown = invoke(plan_file, "show", "1.2", "--as-of", "2023-05-31")
    assert shown.exit_code == 1 and "Traceback" not in shown.output

    other = small(tmp_path / "removed-then.toml")
    clock.now = t(5, 10)
    run(other, "rm", "1.2", "-y")
    clock.now = t(6, 20)
    for day in (D(2023, 5, 9), D(2023, 5, 10), D(2023, 12, 31)):
        assert views(plan_file, day, tmp_path / "a") == views(other, day, tmp_path / "b"), day


def test_a_move_and_an_edit_on_a_past_day_are_dated_so_in_log_and_replayed(plan_file, clock):
    small(plan_file)
    clock.now = t(6, 20)
    moved = run(plan_file, "move", "1.1", "2", "--on", "2023-05-10")
    assert "2023-05-10" in moved.stdout
    edited = run(plan_file, "edit", "2.1", "--owner", "张三", "--on", "2023-05-12")
    assert "2023-05-12" in edited.stdout
    assert last_entry(plan_file, "1.1")["on"] == D(2023, 5, 10)
    assert last_entry(plan_file, "2.1")["on"] == D(2023, 5, 12)

    log = run(plan_file, "log").stdout
    lines = [line for line in log.splitlines() if "日期 2023-05-1" in line]
    assert any("移动" in line and "日期 2023-05-10" in line for line in lines), log
    assert any("修改" in line and "日期 2023-05-12" in line for line in lines), log
    rows = json.loads(run(plan_file, "log", "--until", "2023-05-31", "--json").stdout)
    assert sorted(row["item_id"] for row in rows) == ["1.1", "2.1"]
    english = run(plan_file, "--lang", "en", "log").stdout
    assert "Date 2023-05-10" in english and "Date 2023-05-12" in english

    assert ("1.1", "1") in ids_listed(plan_file, "2023-05-09")
    assert ("1.1", "2") in ids_listed(plan_file, "2023-05-10")
    before = json.loads(run(plan_file, "show", "2.1", "--as-of", "2023-05-11", "--json").stdout)
    after = json.loads(run(plan_file, "show", "2.1", "--as-of", "2023-05-12", "--json").stdout)
    assert "owner" not in before and after["owner"] == "张三"


# ---------------------------------------------------------------- undo


@pytest.mark.parametrize(
    "change",
    [
        ["add", "1", "安装路灯", "--target", "3", "--measure", "处"],
        ["rm", "1.2", "-y"],
        ["move", "1.1", "2"],
        ["edit", "1.1", "--owner", "张三", "--due", "2023-06-30"],
    ],
    ids=["add", "rm", "move", "edit"],
)
def test_undo_of_a_back_filled_change_gives_the_plan_back(plan_file, clock, change):
    small(plan_file)
    clock.now = t(6, 1)
    run(plan_file, "progress", "1.1", "30")  # a later entry already in the trace
    text = plan_file.read_text(encoding="utf-8")
    said = changes.without_trace(store.plan_from_text(text, "before").to_doc())
    lines = set(text.splitlines())
    seen = {day: ids_listed(plan_file, day) for day in ("2023-05-09", "2023-05-31", "2023-12-31")}
    clock.now = t(6, 20)
    run(plan_file, *change, "--on", "2023-05-10")
    assert plan_file.read_text(encoding="utf-8") != text
    clock.now = t(6, 21)
    run(plan_file, "undo")
    undone = plan_file.read_text(encoding="utf-8")
    assert changes.without_trace(store.plan_from_text(undone, "after").to_doc()) == said
    assert lines <= set(undone.splitlines())  # every line written before is there as it was
    assert {day: ids_listed(plan_file, day) for day in seen} == seen
    for day in ("2023-05-09", "2023-05-10", "2023-12-31"):
        shown = json.loads(run(plan_file, "show", "1.1", "--as-of", day, "--json").stdout)
        assert "owner" not in shown and "due" not in shown


# ---------------------------------------------------------------- the day typed


@pytest.mark.parametrize(
    "change",
    [
        ["add", "1", "安装路灯"],
        ["rm", "1.2", "-y"],
        ["move", "1.1", "2"],
        ["edit", "1.1", "--owner", "张三"],
    ],
    ids=["add", "rm", "move", "edit"],
)
def test_the_day_is_read_and_refused_and_warned_of_as_done_does(plan_file, clock, change):
    small(plan_file)
    clock.now = t(6, 20)
    before = plan_file.read_bytes()
    refused = invoke(plan_file, *change, "--on", "2023-13-45")
    told = invoke(plan_file, "done", "2.1", "--on", "2023-13-45")
    assert refused.exit_code == told.exit_code == 2
    assert refused.stderr == told.stderr and "2023-13-45" in refused.stderr
    assert "Traceback" not in refused.output
    assert plan_file.read_bytes() == before

    # read as done reads it: 5月10日 in the plan's year
    run(plan_file, *change, "--on", "5月10日")
    entry = (
        doc(plan_file)["removed"][-1]["item"][0]["log"][-1]
        if change[0] == "rm"
        else last_entry(plan_file, "1.3" if change[0] == "add" else "1.1")
    )
    assert entry["on"] == D(2023, 5, 10)


@pytest.mark.parametrize(
    "change",
    [
        ["add", "1", "安装路灯"],
        ["rm", "1.2", "-y"],
        ["move", "1.1", "2"],
        ["edit", "1.1", "--owner", "张三"],
    ],
    ids=["add", "rm", "move", "edit"],
)
def test_a_day_outside_the_plan_or_after_today_is_kept_with_dones_warning(
    plan_file, clock, tmp_path, change
):
    small(plan_file)
    clock.now = t(6, 20)
    result = run(plan_file, *change, "--on", "2024-02-01")
    warned = run(plan_file, "done", "2.1", "--on", "2024-02-01")  # (the same file: same advice)
    warnings = [line for line in warned.stderr.splitlines() if line.startswith("注意")]
    assert len(warnings) == 2  # outside the plan's period, and after today
    assert all(line in result.stderr for line in warnings), result.stderr


def test_a_change_with_no_on_is_written_as_before(plan_file, clock):
    small(plan_file)
    clock.now = t(6, 20)
    run(plan_file, "add", "1", "安装路灯")
    run(plan_file, "edit", "1.1", "--owner", "张三")
    assert "on" not in last_entry(plan_file, "1.3") and "on" not in last_entry(plan_file, "1.1")
    run(plan_file, "rm", "1.3", "-y")
    assert "on" not in doc(plan_file)["removed"][-1]


# ---------------------------------------------------------------- a year, two ways


BACKFILLED_YEAR = [
    Step(t(1, 10), ["start", "1.1.1"]),
    Step(t(2, 1), ["progress", "1.1.1", "20"]),
    Step(t(3, 5), ["add", "5", "人居环境整治", "--unit", "综治办"]),
    Step(t(5, 2), ["progress", "2.3", "40"]),
    Step(t(5, 3), ["note", "4.4", "五月接访"]),
    Step(t(6, 10), ["done", "3.1"], on=D(2023, 5, 28)),
    # Told late: a task added in May, worked on in May, recorded in June
    Step(
        t(6, 20), ["add", "5", "清理河道", "--target", "8", "--measure", "公里"], on=D(2023, 5, 10)
    ),
    Step(t(6, 21), ["record", "5.7", "3"], on=D(2023, 5, 20)),
    # removed on a day before a change already in its trace (its progress of 2 May)
    Step(t(7, 1), ["rm", "2.3", "-y"], on=D(2023, 4, 30)),
    Step(t(7, 2), ["move", "4.4", "3"], on=D(2023, 6, 15)),
    Step(t(7, 3), ["edit", "4.2", "--weight", "2", "--owner", "李四"], on=D(2023, 2, 1)),
    Step(t(7, 5), ["add", "5", "临时任务"], on=D(2023, 4, 1), undone=True),
    Step(t(7, 5, 11), ["undo"]),
    Step(t(8, 1), ["edit", "1.1.1", "--owner", "张三"], on=D(2023, 7, 20)),
    Step(t(8, 2), ["rm", "5.4", "-y"], on=D(2023, 3, 1), undone=True),
    Step(t(8, 2, 11), ["undo"]),
    Step(t(9, 9), ["move", "5.6", "4"], on=D(2023, 8, 31)),
    Step(t(10, 8), ["progress", "5.6", "50"]),
    Step(t(12, 28), ["done", "5.7"], on=D(2023, 11, 30)),
]


def test_a_year_with_back_filled_structure_changes_replays_to_every_views_month_ends(
    tmp_path, clock
):
    whole = tmp_path / "whole-year.toml"
    shutil.copy(REPO_PLAN, whole)
    apply(whole, BACKFILLED_YEAR, clock)
    clock.now = dt.datetime(2024, 1, 5, 9, tzinfo=t(1, 1).tzinfo)
    for day in MONTH_ENDS:
        part = tmp_path / f"by-{day}.toml"
        shutil.copy(REPO_PLAN, part)
        apply(part, happened_by(BACKFILLED_YEAR, day), clock)
        clock.now = dt.datetime(2024, 1, 5, 9, tzinfo=t(1, 1).tzinfo)
        replayed = views(whole, day, tmp_path / "whole")
        applied = views(part, day, tmp_path / "part")
        for name in replayed:
            assert replayed[name] == applied[name], f"{name} --as-of {day}"


# ---------------------------------------------------------------- a day the trace contradicts


@pytest.mark.parametrize(
    "change, named",
    [
        (["add", "3", "子任务"], "在 3 新部分 之下新增事项"),
        (["move", "1.1", "3"], "把事项移到 3 新部分 之下"),
        (["edit", "3", "--owner", "张三"], "修改 3 新部分"),
        (["rm", "3", "-y"], "删除 3 新部分"),
    ],
    ids=["add-under", "move-under", "edit", "rm"],
)
def test_a_change_dated_before_its_item_was_added_is_refused(plan_file, clock, change, named):
    """A part added in June (no --on: the day it was recorded) had nothing under it in May: a
    task added or moved under it --on May would vanish, with it, from every view of May (1.1
    was there all year); an edit or a removal on a day it did not exist contradicts the trace."""
    small(plan_file)
    clock.now = t(6, 20)
    run(plan_file, "add", "top", "新部分")
    before = plan_file.read_bytes()
    clock.now = t(6, 21)
    refused = invoke(plan_file, *change, "--on", "2023-05-10")
    assert refused.exit_code == 1, refused.output
    assert (
        f"不能在 2023-05-10 {named}：那天它还不在计划中（它是 2023-06-20 才新增的）"
        in refused.stderr
    )
    assert "没有写入任何内容" in refused.stderr and "--on 改为 2023-06-20 或以后" in refused.stderr
    assert "Traceback" not in refused.output
    assert plan_file.read_bytes() == before
    english = invoke(plan_file, "--lang", "en", *change, "--on", "2023-05-10")
    assert "it was not in the plan on that day (it was added on 2023-06-20)" in english.stderr
    # from the day it was added on, as a change without --on
    run(plan_file, *change, "--on", "2023-06-20")
    assert ("1.1", "1") in ids_listed(plan_file, "2023-05-31")


def test_a_task_under_a_goal_added_later_is_refused_with_the_goal_named(plan_file, clock):
    small(plan_file)
    clock.now = t(6, 20)
    run(plan_file, "add", "top", "新部分")
    run(plan_file, "add", "3", "子目标", "--on", "2023-06-20")
    refused = invoke(plan_file, "add", "3.1", "孙任务", "--on", "2023-06-01")
    assert refused.exit_code == 1
    assert "它所在的 3 新部分 是 2023-06-20 才新增的" not in refused.stderr  # 3.1 itself
    assert "（它是 2023-06-20 才新增的）" in refused.stderr
    run(plan_file, "add", "3.1", "孙任务", "--on", "2023-06-20")
    refused = invoke(plan_file, "edit", "3.1.1", "--owner", "张三", "--on", "2023-06-19")
    assert refused.exit_code == 1
    assert "（它是 2023-06-20 才新增的）" in refused.stderr


def test_a_move_dated_before_a_later_move_of_the_item_is_refused(plan_file, clock):
    """1.1 moved to 2 on 20 June (recorded so); a move to 1 --on 10 May written after it would
    be taken back first by the replay, and May would show 1.1 under neither."""
    small(plan_file)
    clock.now = t(6, 20)
    run(plan_file, "move", "1.1", "2")
    before = plan_file.read_bytes()
    refused = invoke(plan_file, "move", "1.1", "top", "--on", "2023-05-10")
    assert refused.exit_code == 1
    assert "修改记录中已有它在 2023-06-20 的一次移动" in refused.stderr
    assert plan_file.read_bytes() == before
    run(plan_file, "move", "1.1", "top", "--on", "2023-06-20")
    assert ("1.1", "") in ids_listed(plan_file, "2023-06-20")
    assert ("1.1", "1") in ids_listed(plan_file, "2023-06-19")


def test_a_removal_dated_before_what_was_moved_out_of_it_or_into_it_is_refused(plan_file, clock):
    """1.1 moved out of 1 into 2 on 17 February; 1 removed --on 2 January (with what was under
    it then, 1.1 among it) was written after that: the replay as of 28 January kept 1.1 under 2,
    where it was not yet, and a copy given the removal on its day had it gone. Refused; removed
    on a day after the move, every view agrees."""
    small(plan_file)
    clock.now = t(2, 17)
    run(plan_file, "move", "1.1", "2")
    clock.now = t(3, 13)
    before = plan_file.read_bytes()
    refused = invoke(plan_file, "rm", "1", "-y", "-r", "--on", "2023-01-02")
    assert refused.exit_code == 1, refused.output
    assert "不能在 2023-01-02 删除 1 基础设施：1.1 当时在它下面，之后移走了" in refused.stderr
    assert "没有写入任何内容" in refused.stderr and "Traceback" not in refused.output
    assert plan_file.read_bytes() == before
    # moved in since: 2.1 went under 1 on 1 March, after the day the removal is dated
    clock.now = t(3, 1)
    run(plan_file, "move", "2.1", "1")
    clock.now = t(3, 14)
    refused = invoke(plan_file, "--lang", "en", "rm", "1", "-y", "-r", "--on", "2023-02-20")
    assert refused.exit_code == 1
    assert "2.1 were moved under it since" in refused.stderr
    run(plan_file, "rm", "1", "-y", "-r", "--on", "2023-03-01")
    assert [i for i, _ in ids_listed(plan_file, "2023-02-28")] == ["1", "1.2", "2", "2.1", "1.1"]
    assert [i for i, _ in ids_listed(plan_file, "2023-03-01")] == ["2", "1.1"]
