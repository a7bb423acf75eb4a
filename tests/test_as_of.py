"""``--as-of DATE``: the plan as it stood at the end of that day, replayed from the trace.

The year tests take two independent paths to the same figures: copy A lives through a whole year
of changes (some recorded late, with ``--on`` an earlier day; some undone), and is asked with
``--as-of`` at each month end; copy B_D gets only the changes that had happened by that month end
(undone ones never), and is asked the same. Status and the report must agree to the last figure.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import CST, REPO_PLAN, Clock, write_plan

D = dt.date


@dataclass
class Step:
    at: dt.datetime  # when it is recorded (the clock of the change command)
    args: list[str]
    on: dt.date | None = None  # the day of the fact, when the command says one
    undone: bool = False  # this step and the undo right after it never count

    @property
    def day(self) -> dt.date:
        return self.on or self.at.date()


def run(path: Path, *args: str) -> Any:
    result = CliRunner().invoke(app, ["--file", str(path), *args])
    assert result.exit_code == 0, (args, result.output)
    return result


def apply(path: Path, steps: list[Step], clock: Clock) -> None:
    for step in steps:
        clock.now = step.at
        on = ["--on", step.on.isoformat()] if step.on else []
        run(path, *step.args, *on)


def happened_by(steps: list[Step], day: dt.date) -> list[Step]:
    """The steps a copy of the plan gets to stand as it did at the end of ``day``: those that had
    happened by then, in the order they were recorded, without undone ones and their undos."""
    kept = []
    skip_undo = False
    for step in steps:
        if skip_undo:
            assert step.args == ["undo"]
            skip_undo = False
            continue
        if step.undone:
            skip_undo = True
            continue
        if step.day <= day:
            kept.append(step)
    return kept


def figures(path: Path, day: dt.date) -> tuple[Any, Any]:
    status = json.loads(run(path, "status", "--as-of", day.isoformat(), "--json").stdout)
    report = json.loads(run(path, "report", "--as-of", day.isoformat(), "--format", "json").stdout)
    return status, report


MONTH_ENDS = [
    D(2023, month + 1, 1) - dt.timedelta(days=1) if month < 12 else D(2023, 12, 31)
    for month in range(1, 13)
]


def check_a_year(tmp_path: Path, start: Path, steps: list[Step], clock: Clock) -> list[Any]:
    whole = tmp_path / "whole-year.toml"
    shutil.copy(start, whole)
    apply(whole, steps, clock)
    seen = []
    for day in MONTH_ENDS:
        part = tmp_path / f"by-{day}.toml"
        shutil.copy(start, part)
        apply(part, happened_by(steps, day), clock)
        replayed, applied = figures(whole, day), figures(part, day)
        assert replayed[0] == applied[0], f"status --as-of {day}"
        assert replayed[1] == applied[1], f"report --as-of {day}"
        seen.append(replayed)
    return seen


def t(month: int, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2023, month, day, hour, tzinfo=CST)


# A year of the 2023 plan as an office would live it. 3.1 and 3.3.1 are told late: their facts
# are recorded a month or more after they happened (with --on), across month ends.
YEAR_2023 = [
    Step(t(1, 10), ["start", "1.1.1"]),
    Step(t(1, 15), ["edit", "5.5.1", "--target", "3.3", "--measure", "万亩", "--baseline", "3.2"]),
    Step(t(2, 1), ["progress", "1.1.1", "20"]),
    Step(t(2, 3), ["note", "2.1", "四香产品进入县城超市"]),
    Step(t(2, 20), ["progress", "2.2.1", "30"]),
    Step(t(2, 21), ["progress", "2.2.2", "50"], undone=True),
    Step(t(2, 21, 11), ["undo"]),
    Step(t(3, 5), ["add", "5", "人居环境整治", "--unit", "综治办"]),
    Step(t(3, 6), ["add", "5.6", "清理垃圾死角"]),
    Step(t(3, 31), ["block", "3.2", "--reason", "系统未上线"]),
    Step(t(4, 12), ["record", "5.5.1", "1.5"]),
    Step(t(4, 20), ["move", "4.4", "3"]),
    Step(t(5, 8), ["done", "2.2.1", "--evidence", "验收单.pdf"]),
    Step(t(5, 20), ["drop", "5.2", "--reason", "项目调整"]),
    Step(t(6, 3), ["progress", "1.1.1", "60"]),
    Step(t(6, 10), ["done", "3.1"], on=D(2023, 5, 28)),
    Step(t(6, 30), ["rm", "2.3", "-y"]),
    Step(t(7, 2), ["start", "3.2"], on=D(2023, 7, 1)),
    Step(t(7, 15), ["record", "5.5.1", "3.3", "--yes"]),
    Step(t(8, 1), ["note", "4.1", "新建农村公路5公里"]),
    Step(t(8, 10), ["progress", "3.3.1", "50"], on=D(2023, 7, 20)),
    Step(t(9, 9), ["edit", "4.2", "--weight", "2"]),
    Step(t(9, 30), ["reopen", "2.2.1", "--note", "验收发现问题"]),
    Step(t(10, 8), ["progress", "2.2.1", "90"]),
    Step(t(10, 20), ["progress", "3.3.1", "80"], on=D(2023, 9, 15)),
    Step(t(11, 3), ["done", "2.2.1"], on=D(2023, 11, 2)),
    Step(t(11, 5), ["move", "4.4", "4"]),
    Step(t(11, 25), ["rm", "4.3", "-y"], undone=True),
    Step(t(11, 25, 11), ["undo"]),
    Step(t(12, 5), ["note", "5.1", "补记：三月完成征地"], on=D(2023, 3, 10)),
    Step(t(12, 20), ["done", "2.2.2"], on=D(2023, 12, 20)),
    Step(t(12, 28), ["done", "3.3.1"], on=D(2023, 11, 30)),
    Step(t(12, 30), ["done", "5.4"], undone=True),
    Step(t(12, 30, 11), ["undo"]),
]


def test_a_year_of_the_2023_plan_replays_to_the_figures_of_each_month_end(tmp_path, clock):
    seen = check_a_year(tmp_path, REPO_PLAN, YEAR_2023, clock)
    # The months differ from each other: the replay is not the final state every time.
    done_by_month = [status["total"]["done"] for status, _ in seen]
    assert done_by_month == [0, 0, 0, 0, 2, 2, 3, 3, 2, 2, 4, 5]
    totals = {status["total"]["completion"] for status, _ in seen}
    assert len(totals) >= 8


def _four_level_plan(rng: random.Random) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    units = ["综治办", "农业办", "规划办", "财政所"]
    for p in range(1, 4):
        items.append({"id": f"{p}", "title": f"部分{p}", "weight": rng.choice([1, 2])})
        for g in range(1, rng.randint(2, 3) + 1):
            goal = {"id": f"{p}.{g}", "title": f"目标{p}.{g}", "weight": rng.choice([1, 2, 3])}
            if rng.random() < 0.5:
                goal["lead_unit"] = rng.choice(units)
            items.append(goal)
            for s in range(1, 3):
                items.append({"id": f"{p}.{g}.{s}", "title": f"子目标{p}.{g}.{s}"})
                for k in range(1, rng.randint(2, 3) + 1):
                    task: dict[str, Any] = {
                        "id": f"{p}.{g}.{s}.{k}",
                        "title": f"任务{p}.{g}.{s}.{k}",
                        "weight": rng.choice([1, 1, 2, 3]),
                        "due": D(2023, rng.randint(3, 12), 28),
                    }
                    if rng.random() < 0.3:
                        task.update(measure="处", target=rng.randint(10, 50))
                    if rng.random() < 0.3:
                        task["owner"] = rng.choice(["张三", "李四", "王五"])
                    items.append(task)
    return items


def _generated_year(path: Path, rng: random.Random, clock: Clock) -> list[Step]:
    """A random year on the four-level plan. Each step is tried on the copy as it goes, and kept
    only if the command accepts it (a random ``start`` of a done task is refused, say). A few
    tasks are told late only: their facts come with --on weeks before they are recorded."""
    plan = tomllib.loads(path.read_text(encoding="utf-8"))
    tasks = [t["id"] for t in plan["item"] if t["id"].count(".") == 3]
    goals = [t["id"] for t in plan["item"] if t["id"].count(".") == 2]
    late = rng.sample(tasks, 3)
    live = [t for t in tasks if t not in late]
    late_days = {task: D(2023, 1, 1) for task in late}
    steps: list[Step] = []
    now = dt.datetime(2023, 1, 2, 9, tzinfo=CST)

    def attempt(step: Step) -> bool:
        clock.now = step.at
        on = ["--on", step.on.isoformat()] if step.on else []
        result = CliRunner().invoke(app, ["--file", str(path), *step.args, *on])
        assert result.exit_code in (0, 1), (step, result.output)
        return result.exit_code == 0

    while now.year == 2023 and now.month <= 12:
        now += dt.timedelta(days=rng.randint(2, 6), hours=rng.randint(0, 3))
        if now.year > 2023:
            break
        kind = rng.choice(
            ["progress", "progress", "note", "start", "block", "drop", "reopen", "done",
             "record", "add", "edit", "move", "rm", "undo", "late", "late"]
        )  # fmt: skip
        task = rng.choice(live) if live else None
        args: list[str]
        on = None
        if kind == "late":
            task = rng.choice(late)
            happened = late_days[task] + dt.timedelta(days=rng.randint(5, 30))
            if happened >= now.date():
                continue
            late_days[task] = happened
            what = rng.choice(["progress", "note", "done"])
            args = (
                ["progress", task, str(rng.randint(1, 99))]
                if what == "progress"
                else ["note", task, f"补记{happened}"]
                if what == "note"
                else ["done", task]
            )
            on = happened
        elif task is None:
            continue
        elif kind == "progress":
            args = ["progress", task, str(rng.randint(1, 99))]
            on = now.date() - dt.timedelta(days=rng.randint(0, 2))  # late within days
        elif kind == "note":
            args = ["note", task, f"进展{now.date()}"]
        elif kind in ("start", "reopen", "done"):
            args = [kind, task]
        elif kind in ("block", "drop"):
            args = [kind, task, "--reason", "原因"]
        elif kind == "record":
            args = ["record", task, str(rng.randint(0, 60)), "--yes"]
        elif kind == "add":
            args = ["add", rng.choice(goals), f"新增任务{now.date()}", "--owner", "赵六"]
        elif kind == "edit":
            option = rng.choice(["--weight", "--due", "--target"])
            value = (
                str(rng.randint(1, 4))
                if option != "--due"
                else D(2023, rng.randint(now.month, 12), 20).isoformat()
            )
            args = ["edit", task, option, value]
        elif kind == "move":
            args = ["move", task, rng.choice(goals)]
        elif kind == "rm":
            args = ["rm", task, "-y"]
        else:  # a change and its undo straight after
            first = Step(now, ["progress", task, str(rng.randint(1, 99))], undone=True)
            if attempt(first):
                steps.append(first)
                undo = Step(now + dt.timedelta(minutes=5), ["undo"])
                assert attempt(undo)
                steps.append(undo)
            continue
        step = Step(now, args, on)
        if attempt(step):
            steps.append(step)
            if kind == "rm":
                live.remove(task)
    return steps


@pytest.mark.parametrize("seed", [1, 2])
def test_a_generated_four_level_year_replays_to_the_figures_of_each_month_end(
    tmp_path, clock, seed
):
    rng = random.Random(seed)
    start = write_plan(tmp_path / "start.toml", _four_level_plan(rng), title="四级计划")
    scratch = tmp_path / "scratch.toml"
    shutil.copy(start, scratch)
    steps = _generated_year(scratch, rng, clock)
    kinds = {step.args[0] for step in steps}
    assert kinds >= {"progress", "note", "done", "add", "move", "rm", "undo", "edit"}, kinds
    assert any(step.on and step.on.month < step.at.month for step in steps)  # told late
    seen = check_a_year(tmp_path, start, steps, clock)
    assert len({json.dumps(status["total"]) for status, _ in seen}) >= 6


# ---------------------------------------------------------------- what each command shows


def test_status_as_of_counts_a_task_done_later_as_not_done(runner, plan_file, clock):
    write_plan(plan_file, [{"id": "1", "title": "修塘"}, {"id": "2", "title": "修路"}])
    clock.now = t(12, 21)
    run(plan_file, "done", "1", "--on", "2023-12-20")
    half = json.loads(run(plan_file, "status", "--as-of", "2023-06-30", "--json").stdout)
    assert half["total"]["done"] == 0 and half["total"]["completion"] == 0
    end = json.loads(run(plan_file, "status", "--as-of", "2023-12-20", "--json").stdout)
    assert end["total"]["done"] == 1 and end["total"]["completion"] == 0.5
    report = run(plan_file, "report", "--as-of", "2023-06-30").stdout
    assert "已完成0项" in report and "2023年12月20日完成" not in report


def test_list_and_show_as_of_put_back_removed_and_moved_items_and_leave_out_added_ones(
    runner, plan_file, clock
):
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "基础设施"},
            {"id": "1.1", "title": "修塘"},
            {"id": "1.2", "title": "修路"},
            {"id": "2", "title": "社会事业"},
            {"id": "2.1", "title": "禁毒讲座"},
        ],
    )
    clock.now = t(3, 1)
    run(plan_file, "progress", "1.1", "40")
    clock.now = t(4, 1)
    run(plan_file, "rm", "1.2", "-y")
    clock.now = t(5, 1)
    run(plan_file, "move", "1.1", "2")
    clock.now = t(6, 1)
    run(plan_file, "add", "1", "安装路灯")

    march = json.loads(run(plan_file, "list", "--as-of", "2023-03-31", "--json").stdout)
    assert [(i["id"], i["parent"]) for i in march] == [
        ("1", ""),
        ("1.1", "1"),
        ("1.2", "1"),
        ("2", ""),
        ("2.1", "2"),
    ]
    assert march[1]["progress"] == 40
    may = json.loads(run(plan_file, "list", "--as-of", "2023-05-31", "--json").stdout)
    assert [(i["id"], i["parent"]) for i in may] == [
        ("1", ""),  # a goal with no tasks left is a task of its own
        ("2", ""),
        ("2.1", "2"),
        ("1.1", "2"),
    ]
    feb = json.loads(run(plan_file, "show", "1.1", "--as-of", "2023-02-28", "--json").stdout)
    assert "progress" not in feb and "log" not in feb and feb["untraced"] == []

    refused = CliRunner().invoke(
        app, ["--file", str(plan_file), "show", "1.3", "--as-of", "2023-05-31"]
    )
    assert refused.exit_code == 1
    assert "1.3 安装路灯 在 2023-05-31 时不在计划中" in refused.stderr
    assert "Traceback" not in refused.output


def test_show_says_hand_written_values_count_from_the_plans_start(runner, plan_file):
    write_plan(plan_file, [{"id": "1", "title": "修塘", "status": "doing", "progress": 30}])
    shown = run(plan_file, "show", "1", "--as-of", "2023-01-01").stdout
    assert "进度        30%" in shown
    assert "注：状态、进度没有修改记录" in shown
    english = run(plan_file, "--lang", "en", "show", "1").stdout
    assert "Note: Status and Progress have no trace" in english


def test_notes_are_as_of_their_day_and_the_latest_is_of_the_latest_day(runner, plan_file, clock):
    write_plan(plan_file, [{"id": "1", "title": "修塘", "status": "done"}])
    clock.now = t(6, 1)
    run(plan_file, "note", "1", "六月进展")
    clock.now = t(7, 1)
    run(plan_file, "note", "1", "补记三月进展", "--on", "2023-03-15")
    for day, expected, absent in (
        ("2023-02-28", None, "进展"),
        ("2023-04-30", "补记三月进展", "六月进展"),
        ("2023-12-31", "六月进展", None),
    ):
        report = json.loads(run(plan_file, "report", "--as-of", day, "--format", "json").stdout)
        entry = report["achievements"][0]["entries"][0]
        assert entry["note"] == expected
        if absent:
            assert absent not in json.dumps(entry, ensure_ascii=False)


def test_an_undone_change_never_counts_even_before_its_undo(runner, plan_file, clock):
    write_plan(plan_file, [{"id": "1", "title": "修塘"}])
    clock.now = t(3, 1)
    run(plan_file, "done", "1")
    clock.now = t(9, 1)
    run(plan_file, "undo")
    may = json.loads(run(plan_file, "status", "--as-of", "2023-05-31", "--json").stdout)
    assert may["total"]["done"] == 0


def test_a_hand_edit_after_the_last_change_is_what_later_days_show(runner, plan_file, clock):
    write_plan(plan_file, [{"id": "1", "title": "修塘"}])
    clock.now = t(3, 1)
    run(plan_file, "progress", "1", "30")
    text = plan_file.read_text(encoding="utf-8").replace("progress = 30", "progress = 45")
    plan_file.write_text(text, encoding="utf-8")
    for day, expected in (("2023-02-01", None), ("2023-03-01", 45), ("2023-12-31", 45)):
        shown = json.loads(run(plan_file, "show", "1", "--as-of", day, "--json").stdout)
        assert shown.get("progress") == expected


def test_log_filters_by_the_day_it_happened_or_by_the_day_it_was_recorded(runner, plan_file, clock):
    write_plan(plan_file, [{"id": "1", "title": "修塘"}, {"id": "2", "title": "修路"}])
    clock.now = t(6, 10)
    run(plan_file, "done", "1", "--on", "2023-05-28")
    clock.now = t(6, 12)
    run(plan_file, "note", "2", "六月")

    def ids(*args: str) -> list[str]:
        rows = json.loads(run(plan_file, "log", *args, "--json").stdout)
        return [row["item_id"] for row in rows]

    assert ids("--until", "2023-05-31") == ["1"]
    assert ids("--since", "2023-06-01") == ["2"]
    assert ids("--since", "2023-06-01", "--recorded") == ["2", "1"]
    assert ids("--until", "2023-06-10", "--recorded") == ["1"]
    assert ids("--since", "2023-06-11", "--until", "2023-06-30") == ["2"]


@pytest.mark.parametrize("command", ["start", "block", "drop", "reopen", "progress", "record"])
def test_every_command_that_states_a_fact_takes_on(runner, plan_file, clock, command):
    write_plan(
        plan_file,
        [{"id": "1", "title": "修塘", "status": "done", "target": 40, "measure": "处"}]
        if command == "reopen"
        else [{"id": "1", "title": "修塘", "target": 40, "measure": "处"}],
    )
    clock.now = t(8, 1)
    extra = {"block": ["--reason", "缺钱"], "drop": ["--reason", "调整"]}.get(command, [])
    value = {"progress": ["30"], "record": ["20"]}.get(command, [])
    result = run(plan_file, command, "1", *value, *extra, "--on", "2023-07-15")
    assert "2023-07-15" in result.stdout
    entry = tomllib.loads(plan_file.read_text(encoding="utf-8"))["item"][0]["log"][-1]
    assert entry["on"] == D(2023, 7, 15)
    before = json.loads(run(plan_file, "show", "1", "--as-of", "2023-07-14", "--json").stdout)
    after = json.loads(run(plan_file, "show", "1", "--as-of", "2023-07-15", "--json").stdout)
    assert before != after


def test_a_fact_told_late_starts_the_task_on_its_own_day(runner, plan_file, clock, tmp_path):
    """``start`` recorded in June, then ``progress --on`` March: as of March the task was in
    progress (progress on a task not started starts it), as on a copy given the March fact only."""
    items = [{"id": "1", "title": "修塘"}, {"id": "2", "title": "修路"}]
    write_plan(plan_file, items)
    clock.now = t(6, 10)
    run(plan_file, "start", "1")
    clock.now = t(6, 11)
    run(plan_file, "progress", "1", "30", "--on", "2023-03-01")
    other = write_plan(tmp_path / "march-only.toml", items)
    run(other, "progress", "1", "30", "--on", "2023-03-01")
    for path in (plan_file, other):
        shown = json.loads(run(path, "show", "1", "--as-of", "2023-03-31", "--json").stdout)
        assert (shown["status"], shown["progress"]) == ("doing", 30)
    assert figures(plan_file, D(2023, 3, 31)) == figures(other, D(2023, 3, 31))
    feb = json.loads(run(plan_file, "show", "1", "--as-of", "2023-02-28", "--json").stdout)
    assert feb["status"] == "todo" and "progress" not in feb


def test_a_done_on_typed_by_hand_dates_the_tick_off(runner, plan_file):
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "修塘", "status": "done", "done_on": D(2023, 12, 20)},
            {
                "id": "2",
                "title": "修路",
                "status": "done",
                "done_on": D(2023, 5, 1),
                "progress": 50,
            },
        ],
    )
    june = json.loads(run(plan_file, "status", "--as-of", "2023-06-30", "--json").stdout)
    assert june["total"]["done"] == 1
    report = run(plan_file, "report", "--as-of", "2023-06-30").stdout
    assert "已完成1项" in report and "2023年12月20日完成" not in report
    april = json.loads(run(plan_file, "list", "--as-of", "2023-04-30", "--json").stdout)
    assert [(i["id"], i["status"]) for i in april] == [("1", "todo"), ("2", "doing")]


def test_the_plan_as_it_is_now_past_its_end_says_so_in_its_headings(runner, plan_file, clock):
    """A change recorded after the plan's end shows without --as-of (the plan as it is now),
    so the headings do not claim the plan's last day; --as-of that day leaves it out."""
    write_plan(plan_file, [{"id": "1", "title": "修塘"}, {"id": "2", "title": "修路"}])
    assert "截至 2023-12-31" in run(plan_file, "status").stdout  # nothing after the end yet
    clock.now = dt.datetime(2024, 1, 10, 9, tzinfo=CST)
    run(plan_file, "done", "1", "--on", "2024-01-10")
    now = run(plan_file, "status").stdout  # (记录至 the latest record's day, not today's)
    assert "现状（记录至 2024-01-10，序时按 2023-12-31 计）" in now and "1/2" in now
    at_end = run(plan_file, "status", "--as-of", "2023-12-31").stdout
    assert "截至 2023-12-31" in at_end and "0/2" in at_end
    assert "序时按 2023-12-31 计" in run(plan_file, "list").stdout
    report = run(plan_file, "report").stdout
    # A year-end summary is dated at its latest record, not today (session 27, task E)
    assert "截至2024年1月10日" in report and "已完成1项" in report


def test_fields_put_back_by_the_replay_come_in_the_order_they_were_first_changed():
    from quanhu_plan.replay import fields_as_of

    at = dt.timezone(dt.timedelta(hours=8))
    table = {
        "id": "1.1",
        "title": "修塘",
        "target": 40,
        "log": [
            {"at": dt.datetime(2023, 3, 1, 9, tzinfo=at), "action": "record",
             "before": {}, "after": {"actual": 5}},
            {"at": dt.datetime(2023, 5, 1, 9, tzinfo=at), "action": "edit",
             "before": {"evidence": ["a.pdf"], "actual": 5}, "after": {}},
        ],
    }  # fmt: skip
    then = fields_as_of(table, dt.date(2023, 4, 1))
    assert list(then) == ["id", "title", "target", "actual", "evidence", "log"]
    assert (then["actual"], then["evidence"]) == (5, ["a.pdf"])


def test_show_as_of_a_day_after_an_item_was_removed_says_it_was_removed(runner, plan_file, clock):
    write_plan(plan_file, [{"id": "1", "title": "修塘"}, {"id": "2", "title": "复垦"}])
    clock.now = t(6, 15)
    run(plan_file, "rm", "2", "-y")
    clock.now = t(7, 1)
    run(plan_file, "note", "1", "七月进展")  # a later change: the plan is replayed
    before = run(plan_file, "show", "2", "--as-of", "2023-06-10").stdout
    assert before.startswith("2 复垦")
    refused = CliRunner().invoke(
        app, ["--file", str(plan_file), "show", "2", "--as-of", "2023-06-30"]
    )
    assert refused.exit_code == 1
    # As without --as-of: not "no such item, see plan list", but where it went.
    assert "2 复垦 已删除，在文件的删除存档中。plan log 2 可查看它的记录" in refused.stderr
    assert "用 plan list 查看全部编号" not in refused.stderr
