"""``status`` drawn of parts and goals alone (``goal_figures``) prints, exits
and warns exactly as the status of the plan read whole, on odd plans, in both languages, at
two widths, past the plan's end and inside its year, and right after changes."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from typer.testing import CliRunner

from quanhu_plan import goal_figures, store
from quanhu_plan.canonical import dumps
from quanhu_plan.cli import app
from quanhu_plan.cli.app import Session

from .test_status_rollups import generated

THIS_YEAR = dt.date.today().year


def _taken(plan_file: Path) -> bool:
    return isinstance(store.load(store.PlanSource(plan_file), goals=True), goal_figures.Goals)


def _run(plan_file: Path, args: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    with mock.patch.dict(os.environ, env):
        result = CliRunner().invoke(app, ["--file", str(plan_file), *args])
    return result.exit_code, result.stdout, result.stderr


def _both_ways(plan_file: Path, args: list[str], env: dict[str, str]) -> list[Any]:
    cold = _run(plan_file, args, env)
    warm = _run(plan_file, args, env)
    with mock.patch.object(Session, "goals", lambda self: None):
        whole = _run(plan_file, args, env)
    return [cold, warm, whole]


VARIANTS = [
    (["status"], {"COLUMNS": "80"}),
    (["status"], {"COLUMNS": "200"}),
    (["--lang", "en", "status"], {"COLUMNS": "80"}),
    (["status"], {"COLUMNS": "200", "PLAN_LANG": "en"}),
]


def _check(tmp_path: Path, text: str, expect_taken: bool | None = True) -> bool:
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(text, encoding="utf-8")
    with mock.patch.dict(os.environ, {"QUANHU_PLAN_CACHE": str(tmp_path / "cache")}):
        for args, env in VARIANTS:
            cold, warm, whole = _both_ways(plan_file, args, env)
            assert cold == warm == whole, (args, env)
            assert cold[0] == 0, cold  # (a plan that reads: the status is drawn)
        if expect_taken is not None:
            assert _taken(plan_file) is expect_taken
        return _taken(plan_file)


def _doc(tasks: int = 12, seed: int = 3, year: int = 2023) -> dict[str, Any]:
    doc = generated(tasks, seed)
    if year != 2023:
        doc["plan"]["year"] = year
        doc["plan"]["start"] = dt.date(year, 1, 1)
        doc["plan"]["end"] = dt.date(year, 12, 31)
        for item in doc["item"]:
            for key in ("due", "done_on", "start"):
                if isinstance(item.get(key), dt.date):
                    item[key] = item[key].replace(year=year)
    return doc


def _tasks(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for item in doc["item"] if item["id"].count(".") == 2]


@pytest.mark.parametrize("year", [2023, THIS_YEAR])
def test_generated_plan_past_its_end_and_this_year(tmp_path, year):
    _check(tmp_path, dumps(_doc(year=year)))


@pytest.mark.parametrize("year", [2023, THIS_YEAR])
def test_all_tasks_dropped(tmp_path, year):
    doc = _doc(year=year)
    for task in _tasks(doc):
        task["status"] = "dropped"
        task.pop("done_on", None)
        task.pop("progress", None)
    _check(tmp_path, dumps(doc), None)


def test_a_goal_with_zero_tasks_and_a_part_with_no_goals(tmp_path):
    doc = _doc()
    doc["item"].insert(1, {"id": "1.9", "title": "空目标"})
    doc["item"].append({"id": "9", "title": "空部分"})
    _check(tmp_path, dumps(doc), None)


def test_a_part_holding_tasks_directly(tmp_path):
    doc = _doc()
    doc["item"].append({"id": "9", "title": "部分"})
    doc["item"].append(
        {"id": "9.1", "title": "直属任务", "progress": 30, "due": dt.date(2023, 5, 1)}
    )
    _check(tmp_path, dumps(doc), None)


def test_deep_tree_five_levels(tmp_path):
    doc = _doc()
    doc["item"] += [
        {"id": "8", "title": "甲"},
        {"id": "8.1", "title": "乙"},
        {"id": "8.1.1", "title": "丙"},
        {"id": "8.1.1.1", "title": "丁"},
        {"id": "8.1.1.1.1", "title": "戊", "progress": 40, "due": dt.date(2023, 9, 1)},
        {"id": "8.1.1.1.2", "title": "己", "status": "done", "done_on": dt.date(2023, 3, 1)},
    ]
    _check(tmp_path, dumps(doc), None)


@pytest.mark.parametrize("year", [2023, THIS_YEAR])
def test_huge_negative_and_down_figures(tmp_path, year):
    doc = _doc(year=year)
    tasks = _tasks(doc)
    tasks[0].update({"metric": "亩", "target": 10**15 - 1, "actual": 10**15 - 7, "status": "doing"})
    tasks[1].update({"metric": "元", "target": -5, "actual": -2, "status": "doing"})
    tasks[1].pop("done_on", None)
    tasks[2].update(
        {"metric": "起", "baseline": 100, "target": 10, "actual": 40, "direction": "down"}
    )
    tasks[3].update({"metric": "吨", "target": 9.99e14, "actual": 3.3e14})
    _check(tmp_path, dumps(doc), None)


def test_tasks_done_after_the_plans_end(tmp_path):
    doc = _doc()
    for task in _tasks(doc)[:4]:
        task.update({"status": "done", "done_on": dt.date(2024, 2, 1)})
        task.pop("progress", None)
    _check(tmp_path, dumps(doc), None)


def test_ids_not_dotted_with_parent(tmp_path):
    text = (
        '[plan]\ntitle = "t"\nyear = 2023\nstart = 2023-01-01\nend = 2023-12-31\n\n'
        '[[item]]\nid = "A"\ntitle = "部分"\n\n'
        '[[item]]\nid = "G"\nparent = "A"\ntitle = "目标"\n\n'
        '[[item]]\nid = "x1"\nparent = "G"\ntitle = "任务1"\nprogress = 40\ndue = 2023-05-01\n\n'
        '[[item]]\nid = "x2"\nparent = "G"\ntitle = "任务2"\nstatus = "done"\n'
        "done_on = 2023-02-01\ndue = 2023-03-01\n"
    )
    _check(tmp_path, text, None)


def test_plan_language_en_and_warning_thresholds(tmp_path):
    text = dumps(_doc()).replace(
        'lang = "zh"', 'lang = "en"\n\n[plan.warning]\nyellow = 5\nred = 15', 1
    )
    _check(tmp_path, text, None)


def _compare_now(tmp_path: Path, plan_file: Path, step: str) -> None:
    """The status with the cache as the changes left it (goals path where taken), the whole
    plan's, and a status with a cache of its own made afresh: the same."""
    for args, env in VARIANTS[:3]:
        warm = _run(plan_file, args, env)
        with mock.patch.object(Session, "goals", lambda self: None):
            whole = _run(plan_file, args, env)
        fresh_env = {**env, "QUANHU_PLAN_CACHE": str(tmp_path / f"fresh-{step}-{len(args)}")}
        fresh = _run(plan_file, args, fresh_env)
        fresh_warm = _run(plan_file, args, fresh_env)
        assert warm == whole == fresh == fresh_warm, (step, args, env)


STEPS = [
    ["add", "1.1", "新任务甲", "--due", "2023-06-30"],
    ["progress", "1.1.1", "70"],
    ["done", "1.1.3"],
    ["note", "1.1.4", "推进中"],
    ["rm", "1.1.2", "--yes"],
    ["undo"],
    ["rm", "1.1.5", "--yes"],
    ["done", "1.1.6", "--on", "2023-03-01"],
    ["undo"],
    ["add", "", "新部分"],
    ["add", "1", "新目标"],
    ["add", "1.1.1", "任务下的任务"],
    ["rm", "1.2", "--yes"],
    ["undo"],
]


@pytest.mark.parametrize("year", [2023, THIS_YEAR])
def test_status_right_after_each_change(tmp_path, year):
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(dumps(_doc(year=year)), encoding="utf-8")
    with mock.patch.dict(os.environ, {"QUANHU_PLAN_CACHE": str(tmp_path / "cache")}):
        _run(plan_file, ["status"], {})
        _run(plan_file, ["status"], {})
        for n, step in enumerate(STEPS):
            step = [part.replace("2023", str(year)) for part in step]
            code, out, err = _run(plan_file, step, {})
            assert code in (0, 1), (step, out, err)
            _compare_now(tmp_path, plan_file, str(n))


def test_status_right_after_hand_edits(tmp_path):
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(dumps(_doc()), encoding="utf-8")
    with mock.patch.dict(os.environ, {"QUANHU_PLAN_CACHE": str(tmp_path / "cache")}):
        _run(plan_file, ["status"], {})
        _run(plan_file, ["status"], {})
        text = plan_file.read_text(encoding="utf-8")
        stat = plan_file.stat()
        # same size, same mtime: progress 58 -> 85
        edited = text.replace("progress = 30", "progress = 93", 1)
        assert edited != text and len(edited) == len(text)
        plan_file.write_text(edited, encoding="utf-8")
        os.utime(plan_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        _compare_now(tmp_path, plan_file, "same-size")
        plan_file.write_text(
            edited + '\n[[item]]\nid = "1.1.99"\ntitle = "手加任务"\nprogress = 10\n',
            encoding="utf-8",
        )
        _compare_now(tmp_path, plan_file, "appended")
        plan_file.write_text(
            edited.replace('status = "done"', 'status = "dropped"'), encoding="utf-8"
        )
        _compare_now(tmp_path, plan_file, "dropped")


def test_a_cache_entry_of_an_older_format(tmp_path):
    from quanhu_plan.store import cache

    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(dumps(_doc()), encoding="utf-8")
    with mock.patch.dict(os.environ, {"QUANHU_PLAN_CACHE": str(tmp_path / "cache")}):
        with mock.patch.object(cache, "FORMAT", cache.FORMAT - 1):
            _run(plan_file, ["status"], {})
            _run(plan_file, ["status"], {})
        _compare_now(tmp_path, plan_file, "old")
        assert _taken(plan_file)


def test_status_of_an_invalid_plan_fails_alike(tmp_path):
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(dumps(_doc()), encoding="utf-8")
    with mock.patch.dict(os.environ, {"QUANHU_PLAN_CACHE": str(tmp_path / "cache")}):
        _run(plan_file, ["status"], {})
        _run(plan_file, ["status"], {})
        plan_file.write_text(
            plan_file.read_text(encoding="utf-8").replace("progress = 30", "progress = 300")
        )
        results = _both_ways(plan_file, ["status"], {})
        assert results[0] == results[1] == results[2]
        assert results[0][0] == 1 and results[0][2]


def test_narrow_terminal_and_a_plan_of_next_year(tmp_path):
    doc = _doc(year=THIS_YEAR + 1)
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(dumps(doc), encoding="utf-8")
    with mock.patch.dict(os.environ, {"QUANHU_PLAN_CACHE": str(tmp_path / "cache")}):
        for columns in ("40", "60", "120"):
            cold, warm, whole = _both_ways(plan_file, ["status"], {"COLUMNS": columns})
            assert cold == warm == whole, columns
        assert _taken(plan_file)


def test_weights_on_parts_and_goals_starts_and_a_plan_ending_mid_year(tmp_path):
    doc = _doc(year=THIS_YEAR)
    doc["plan"]["end"] = dt.date(THIS_YEAR, 6, 30)
    for item in doc["item"]:
        if item["id"] == "1":
            item["weight"] = 0.5
        elif item["id"].count(".") == 1:
            item["weight"] = 3
    doc["item"][2]["start"] = dt.date(THIS_YEAR, 3, 1)
    doc["item"] += [
        {"id": "7", "title": "乙部分", "weight": 2},
        {"id": "7.1", "title": "乙目标", "weight": 1.5},
        {"id": "7.1.1", "title": "乙任务", "progress": 90, "due": dt.date(THIS_YEAR, 5, 1)},
    ]
    _check(tmp_path, dumps(doc), True)


@pytest.mark.parametrize("env", [{"PLAN_LANG": "fr"}, {"PLAN_LANG": "", "LANG": "en_US.UTF-8"}])
def test_a_plan_without_lang_and_an_odd_plan_lang(tmp_path, env):
    doc = _doc()
    doc["plan"].pop("lang", None)
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(dumps(doc), encoding="utf-8")
    with mock.patch.dict(os.environ, {"QUANHU_PLAN_CACHE": str(tmp_path / "cache")}):
        cold, warm, whole = _both_ways(plan_file, ["status"], env)
        assert cold == warm == whole
        assert _taken(plan_file)


@pytest.mark.parametrize("order", ["tasks first", "interleaved", "reversed"])
def test_file_order_not_the_trees(tmp_path, order):
    """Items with parent = in a file order that is not the tree's: tasks before their goals,
    goals' tasks interleaved, everything reversed."""
    parts = [{"id": "P", "title": "部分"}, {"id": "Q", "title": "部分二"}]
    goals = [
        {"id": "G1", "parent": "P", "title": "目标一"},
        {"id": "G2", "parent": "Q", "title": "目标二"},
        {"id": "G3", "parent": "P", "title": "目标三"},
    ]
    tasks = []
    for n in range(12):
        task: dict[str, Any] = {"id": f"t{n}", "parent": f"G{n % 3 + 1}", "title": f"任务{n}"}
        task["due"] = dt.date(2023, n % 12 + 1, 20)
        if n % 4 == 0:
            task.update({"status": "done", "done_on": dt.date(2023, n % 12 + 1, 10)})
        elif n % 4 == 1:
            task["progress"] = n * 7 % 100
        elif n % 4 == 2:
            task["status"] = "dropped"
        tasks.append(task)
    items = {
        "tasks first": tasks + goals + parts,
        "interleaved": [parts[0], goals[0], *tasks[:6], parts[1], goals[1], goals[2], *tasks[6:]],
        "reversed": list(reversed(parts + goals + tasks)),
    }[order]
    doc = {"plan": _doc()["plan"], "item": items}
    text = dumps(doc)
    found = re.findall(r'(?m)^id = "([^"]+)"', text)
    assert found == [item["id"] for item in items]  # (written in that order)
    assert _check(tmp_path, text, None)  # (the parts-and-goals path taken)


def test_options_after_the_command_name(tmp_path):
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(dumps(_doc()), encoding="utf-8")
    runs = [
        ["status", "--lang", "en", "--file", str(plan_file)],
        ["status", "--file", str(plan_file), "--lang", "zh"],
        ["状态", "--file", str(plan_file)],
    ]
    with mock.patch.dict(os.environ, {"QUANHU_PLAN_CACHE": str(tmp_path / "cache")}):
        for args in runs:
            outputs = []
            for goals in (True, True, False):
                with mock.patch.object(
                    Session, "goals", Session.goals if goals else (lambda self: None)
                ):
                    result = CliRunner().invoke(app, args)
                outputs.append((result.exit_code, result.stdout, result.stderr))
            assert outputs[0] == outputs[1] == outputs[2], args
            assert outputs[0][0] == 0
        assert _taken(plan_file)
    with mock.patch.dict(
        os.environ, {"QUANHU_PLAN_CACHE": str(tmp_path / "cache"), "PLAN_FILE": str(plan_file)}
    ):
        outputs = []
        for goals in (True, False):
            with mock.patch.object(
                Session, "goals", Session.goals if goals else (lambda self: None)
            ):
                result = CliRunner().invoke(app, ["status", "--lang", "en"])
            outputs.append((result.exit_code, result.stdout, result.stderr))
        assert outputs[0] == outputs[1]


@pytest.mark.parametrize(
    "steps",
    [
        [["move", "1.1.2", "2.1"], ["note", "1.1.2", "移后"], ["undo"], ["undo"]],
        [["move", "2.1", "1"], ["note", "2.1.1", "移后"], ["undo"], ["undo"]],
        [["move", "1.1.3", "1"], ["undo"]],
        [["edit", "1.1.4", "--weight", "2"], ["undo"]],
        [
            ["drop", "1.1.5", "--reason", "并入"],
            ["reopen", "1.1.5"],
            ["block", "1.1.6", "--reason", "缺钱"],
        ],
    ],
    ids=["move task", "move goal", "task under part", "weight", "drop reopen block"],
)
def test_status_after_moves_and_other_changes(tmp_path, steps):
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(dumps(_doc(tasks=40)), encoding="utf-8")
    with mock.patch.dict(os.environ, {"QUANHU_PLAN_CACHE": str(tmp_path / "cache")}):
        _run(plan_file, ["status"], {})
        _run(plan_file, ["status"], {})
        for n, step in enumerate(steps):
            code, out, err = _run(plan_file, step, {})
            assert code == 0, (step, out, err)
            _compare_now(tmp_path, plan_file, f"s{n}")


def test_a_plan_with_crlf_and_a_bom(tmp_path):
    text = "\ufeff" + dumps(_doc()).replace("\n", "\r\n")
    assert _check(tmp_path, text, None)
