"""Attack on a shared plan's year: two offices at once, ``--as-of`` after hand edits, merges,
undo, moves and removals, and ``plan new`` from a long year."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from quanhu_plan.cli import app

from .conftest import write_plan
from .test_as_of import D, run, t


def _tick_off_by_hand(path, item_id: str, done_on: str) -> None:
    """What an office does in an editor: the status made done and its day typed, no log entry."""
    text = path.read_text(encoding="utf-8")
    head, found, rest = text.partition(f'id = "{item_id}"\n')
    assert found
    block, marker, tail = rest.partition("[[item.log]]")
    block = block.replace('status = "doing"\n', f'status = "done"\ndone_on = {done_on}\n')
    path.write_text(head + found + block + marker + tail, encoding="utf-8")


def _as_of(path, item_id: str, day: str) -> dict:
    return json.loads(run(path, "show", item_id, "--as-of", day, "--json").stdout)


def test_a_tick_off_typed_by_hand_then_reopened_counts_from_its_done_on(runner, plan_file, clock):
    # Started in January, ticked off by hand in an editor (done_on 6 June, no log entry),
    # reopened in July: the reopen's "before" and the done_on tell the task was done from 6 June
    # to the reopen. As of 15 June it was done; in March it was in progress, with no done day.
    write_plan(plan_file, [{"id": "1", "title": "修塘"}, {"id": "2", "title": "修路"}])
    clock.now = t(1, 10)
    run(plan_file, "start", "1")
    _tick_off_by_hand(plan_file, "1", "2023-06-06")
    clock.now = t(7, 10)
    run(plan_file, "reopen", "1")

    june = _as_of(plan_file, "1", "2023-06-15")
    assert june["status"] == "done" and june.get("done_on") == "2023-06-06"
    status = json.loads(run(plan_file, "status", "--as-of", "2023-06-15", "--json").stdout)
    assert status["total"]["done"] == 1
    march = _as_of(plan_file, "1", "2023-03-01")
    assert march["status"] == "doing" and "done_on" not in march
    july = _as_of(plan_file, "1", "2023-07-15")
    assert july["status"] == "todo" and "done_on" not in july


def test_a_tick_off_typed_by_hand_after_a_start_leaves_the_task_started_before_its_done_on(
    runner, plan_file, clock
):
    # The start is in the trace; the tick-off, typed by hand, is dated by its done_on only:
    # before that day the task was in progress, as the start says, not 未开始.
    write_plan(plan_file, [{"id": "1", "title": "修塘"}, {"id": "2", "title": "修路"}])
    clock.now = t(1, 10)
    run(plan_file, "start", "1")
    _tick_off_by_hand(plan_file, "1", "2023-06-06")

    march = _as_of(plan_file, "1", "2023-03-01")
    assert march["status"] == "doing" and "done_on" not in march
    assert _as_of(plan_file, "1", "2023-01-05")["status"] == "todo"
    assert _as_of(plan_file, "1", "2023-06-06")["status"] == "done"


def test_a_later_change_does_not_change_what_a_day_before_it_shows(runner, plan_file, clock):
    # Progress 30 on 1 March, then 80 typed into the file by hand: every day from 1 March shows
    # 80 (the hand edit counts from the last change before it). A change in September, which
    # finds 80 (its "before"), must not turn June back into 30: a June report printed in
    # October says what the one printed in August said.
    write_plan(plan_file, [{"id": "1", "title": "修塘"}, {"id": "2", "title": "修路"}])
    clock.now = t(3, 1)
    run(plan_file, "progress", "1", "30")
    text = plan_file.read_text(encoding="utf-8").replace("\nprogress = 30\n", "\nprogress = 80\n")
    plan_file.write_text(text, encoding="utf-8")
    in_august = _as_of(plan_file, "1", "2023-06-30")
    assert in_august["progress"] == 80
    clock.now = t(9, 1)
    run(plan_file, "progress", "1", "90")

    assert _as_of(plan_file, "1", "2023-06-30")["progress"] == in_august["progress"]
    assert _as_of(plan_file, "1", "2023-02-01").get("progress") is None
    assert _as_of(plan_file, "1", "2023-09-01")["progress"] == 90


def test_a_status_typed_by_hand_between_two_changes_shows_as_it_did_before_the_later_one(
    runner, plan_file, clock
):
    # Started on 10 January; 受阻 typed into the file by hand; as of June that is what the plan
    # shows (the hand edit counts from the change before it). Reopened in September: June
    # still shows 受阻, as it did before the reopen was made.
    write_plan(plan_file, [{"id": "1", "title": "修塘"}, {"id": "2", "title": "修路"}])
    clock.now = t(1, 10)
    run(plan_file, "start", "1")
    text = plan_file.read_text(encoding="utf-8")
    text = text.replace('status = "doing"\n', 'status = "blocked"\nreason = "缺资金"\n', 1)
    plan_file.write_text(text, encoding="utf-8")
    in_august = _as_of(plan_file, "1", "2023-06-30")
    assert in_august["status"] == "blocked"
    clock.now = t(9, 1)
    run(plan_file, "reopen", "1")

    june = _as_of(plan_file, "1", "2023-06-30")
    assert (june["status"], june.get("reason")) == ("blocked", "缺资金")
    assert _as_of(plan_file, "1", "2023-01-05")["status"] == "todo"
    assert _as_of(plan_file, "1", "2023-09-01")["status"] != "blocked"


def test_new_keeps_a_carried_tasks_deadline_and_milestones_that_fall_in_the_new_year(
    runner, plan_file
):
    # A task running into next year: due end of March 2024, a milestone in 2023 and one in the
    # first quarter of 2024. Carried into 2024, what lies in 2024 is the new plan's own and
    # stays; only what was last year's is left out.
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "产业"},
            {
                "id": "1.1",
                "title": "建设冷库",
                "status": "doing",
                "progress": 60,
                "start": "2023-Q2",
                "due": D(2024, 3, 31),
                "milestone": [
                    {"due": D(2023, 9, 30), "progress": 50},
                    {"due": "2024-Q1", "progress": 100, "note": "明年一季度建成"},
                ],
            },
            {"id": "1.2", "title": "修路", "status": "doing", "due": D(2023, 6, 30)},
        ],
    )
    result = runner.invoke(app, ["new", "2024", "--carry", "--out", "next.toml"])
    assert result.exit_code == 0, result.output
    doc = tomllib.loads(Path("next.toml").read_text(encoding="utf-8"))
    tables = {table["id"]: table for table in doc["item"]}
    cold_store = tables["1.1"]
    assert cold_store["due"] == D(2024, 3, 31)
    assert cold_store["milestone"] == [
        {"due": "2024-Q1", "progress": 100, "note": "明年一季度建成"}
    ]
    assert "start" not in cold_store  # 2023's
    assert "due" not in tables["1.2"]  # 2023's
    checked = runner.invoke(app, ["-f", "next.toml", "check"])
    assert checked.exit_code == 0 and "没有发现问题" in checked.output


def test_a_merge_of_two_offices_changing_one_figure_keeps_what_each_day_showed(
    runner, tmp_path, clock
):
    # Both offices start from 30; 甲 sets 50 on 1 June, 乙 40 on 3 June, in their own clones.
    # After the merge (a conflict, settled for 甲's 50) 2 June still shows 甲's 50, as 甲's
    # clone did before: 乙's "before" (30) is the other side of the merge, not a hand edit.
    base = write_plan(tmp_path / "base.toml", [{"id": "1", "title": "修塘"}])
    clock.now = t(3, 1)
    run(base, "progress", "1", "30")
    ours, theirs = tmp_path / "ours.toml", tmp_path / "theirs.toml"
    ours.write_bytes(base.read_bytes())
    theirs.write_bytes(base.read_bytes())
    clock.now = t(6, 1)
    run(ours, "progress", "1", "50", "--by", "甲")
    clock.now = t(6, 3)
    run(theirs, "progress", "1", "40", "--by", "乙")
    before_merge = _as_of(ours, "1", "2023-06-02")["progress"]
    merged = runner.invoke(app, ["merge", str(base), str(ours), str(theirs), "plan.toml"])
    assert merged.exit_code == 0, merged.output
    clock.now = t(6, 5)
    run(ours, "resolve", "1", "progress", "--ours", "--by", "甲")

    assert before_merge == 50
    assert _as_of(ours, "1", "2023-06-02")["progress"] == 50
    assert _as_of(ours, "1", "2023-06-06")["progress"] == 50


_OFFICE = """
import sys
from typer.testing import CliRunner
from quanhu_plan.cli import app

who, task, goal = sys.argv[1:4]
for n in range(16):
    args = (
        ["note", task, f"{who} 第{n}条"]
        if n % 4 != 3
        else ["add", goal, f"{who} 新任务{n}"]
        if n % 8 == 3
        else ["undo"]
    )
    result = CliRunner().invoke(app, [*args, "--by", who])
    print(result.exit_code, " ".join(args), result.output.replace("\\n", " "), flush=True)
"""


def test_two_offices_changing_one_shared_plan_at_once_lose_nothing(tmp_path, plan_file):
    # Two offices' programs change one plan file in a shared folder at the same moment: notes,
    # adds and undos, interleaved under the lock. Every change is in the trace, each office's
    # undo took back its own newest change, and nothing is left beside the plan.
    import os
    import subprocess
    import sys

    write_plan(
        plan_file,
        [
            {"id": "1", "title": "产业"},
            {"id": "1.1", "title": "冷库"},
            {"id": "2", "title": "民生"},
            {"id": "2.1", "title": "修路"},
        ],
    )
    env = {**os.environ, "PLAN_FILE": str(plan_file)}
    offices = [
        subprocess.Popen(
            [sys.executable, "-c", _OFFICE, who, task, goal],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for who, task, goal in (("办公室", "1.1", "1"), ("农业股", "2.1", "2"))
    ]
    outputs = [office.communicate(timeout=300) for office in offices]
    for out, err in outputs:
        assert "Traceback" not in out + err, out + err
        assert all(line.startswith("0 ") for line in out.splitlines()), out
    log = json.loads(run(plan_file, "log", "--all", "--json").stdout)
    for who in ("办公室", "农业股"):
        notes = {e["note"] for e in log if e["by"] == who and e["action"] == "note"}
        assert len(notes) == 12
        # Each office's undos took back its own newest change each time (its 7th and 15th
        # changes are undos), never the other office's, whatever came in between.
        undone = sorted(e["note"] for e in log if "undone" in e and e["by"] == who)
        undos = [e for e in log if e["by"] == who and e["action"] == "undo"]
        assert undone == [f"{who} 第14条", f"{who} 第6条"] and len(undos) == 2
    assert sum(1 for e in log if "undone" in e) == 4
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "cache") == ["plan.toml"]
    assert run(plan_file, "check").exit_code == 0
