"""The parse cache's shortcuts (log sketch tails, undo's look at every log, the tree walked
once, sketched marks) on odd plans (entries without an offset, dates, equal times, out of time
order, logs longer than a sketch's tail, the header's log, removed items with logs, milestones,
merge conflicts, tick-offs after the plan's year): every command in a sequence of reads,
changes, questions answered yes or no, undos and hand edits prints, exits and writes the same
with the cache off, warm, stale and damaged."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan import sketches
from quanhu_plan.canonical import dumps
from quanhu_plan.cli import app
from quanhu_plan.store import cache

from .conftest import plan_doc
from .test_lazy_cache import _moments, clocked

ZONES = [dt.timezone(dt.timedelta(hours=h)) for h in (8, 0, -5)]
INSTANTS = [
    dt.datetime(2023, 3, 1, 9, 0, tzinfo=dt.UTC) + dt.timedelta(hours=7 * n) for n in range(5)
] + [dt.datetime(2023, 8, 1, 1, 2, tzinfo=dt.UTC), dt.datetime(2024, 1, 5, 3, tzinfo=dt.UTC)]
CONFLICT = {
    "field": "progress",
    "ours": 10,
    "theirs": 20,
    "ours_at": INSTANTS[0],
    "theirs_at": INSTANTS[1],
}


@st.composite
def entries(draw: st.DrawFn, n: int, odd: bool) -> dict[str, Any]:
    kind = draw(st.sampled_from(["aware"] * 5 + (["naive", "date", "on"] if odd else [])))
    instant = draw(st.sampled_from(INSTANTS))
    entry: dict[str, Any] = {}
    if kind == "aware":
        entry["at"] = instant.astimezone(draw(st.sampled_from(ZONES)))
    elif kind == "naive":
        entry["at"] = instant.replace(tzinfo=None)
    elif kind == "date":
        entry["at"] = instant.date()
    else:
        entry["on"] = instant.date()
    entry["by"] = draw(st.sampled_from(["张三", "李四"]))
    action = draw(st.sampled_from(["note", "progress", "record"]))
    entry["action"] = action
    if action == "note":
        entry["note"] = f"第{n}条"
    elif action == "progress":
        entry["before"] = {"progress": 0}
        entry["after"] = {"progress": draw(st.integers(0, 100))}
    else:
        entry["before"] = {"actual": n}
        entry["after"] = {"actual": n + 1}
    if draw(st.integers(0, 9)) == 0:
        entry["on"] = draw(st.sampled_from(INSTANTS)).date()
    return entry


def _order(entry: dict[str, Any]) -> dt.datetime:
    at = entry.get("at")
    if isinstance(at, dt.datetime) and at.tzinfo is not None:
        return at
    return INSTANTS[0]


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    counter = iter(range(100_000))
    odd = draw(st.booleans())
    items: list[dict[str, Any]] = []
    for goal in range(1, draw(st.integers(1, 3)) + 1):
        items.append({"id": str(goal), "title": f"目标{goal}"})
        for task in range(1, draw(st.integers(1, 3)) + 1):
            table: dict[str, Any] = {"id": f"{goal}.{task}", "title": f"任务{goal}.{task}"}
            shape = draw(st.sampled_from(["plain", "target", "milestone", "done", "conflict"]))
            if shape == "target":
                table.update(measure="亩", target=draw(st.sampled_from([5, 40])), actual=3)
            elif shape == "milestone":
                table["milestone"] = [{"due": dt.date(2023, 6, 30), "progress": 50}]
            elif shape == "done":
                table.update(
                    status="done",
                    progress=100,
                    done_on=draw(st.sampled_from([dt.date(2023, 5, 1), dt.date(2024, 2, 1)])),
                )
            elif shape == "conflict":
                table["conflict"] = [dict(CONFLICT)]
            items.append(table)
    for item in items:
        size = draw(st.sampled_from([0, 0, 1, 3, 16, 17, 20, 35]))
        log = [draw(entries(next(counter), odd)) for _ in range(size)]
        if log and draw(st.booleans()):  # in time order, as the program writes them
            log.sort(key=_order)
        if log:
            item["log"] = log
    doc = plan_doc(items)
    if draw(st.booleans()):
        doc["plan"]["log"] = [
            draw(entries(next(counter), odd)) for _ in range(draw(st.integers(1, 4)))
        ]
    if draw(st.booleans()):
        removed = {"id": "9", "title": "撤掉的"}
        log = [draw(entries(next(counter), odd)) for _ in range(draw(st.integers(0, 20)))]
        if log:
            removed["log"] = log
        doc["removed"] = [
            {
                "at": INSTANTS[2],
                "by": "张三",
                "action": "remove",
                "parent": "",
                "position": 0,
                "item": [removed],
            }
        ]
    return doc


READS = [
    ["log"],
    ["log", "-n", "1"],
    ["log", "-n", "3", "--json"],
    ["log", "-n", "17"],
    ["log", "-n", "999", "--json"],
    ["status"],
    ["status", "--json"],
    ["list", "--json"],
    ["status", "--as-of", "2023-06-30", "--json"],
    ["status", "--by", "owner", "--json"],
    ["show", "{task}", "--json"],
    ["log", "{goal}", "-n", "4"],
    ["log", "--since", "2023-03-01", "-n", "5", "--json"],
    ["report", "--format", "json"],
]
CHANGES: list[tuple[list[str], str | None]] = [
    (["note", "{task}", "进展"], None),
    (["note", "{task}", "补记", "--on", "2023-03-01"], None),
    (["progress", "{task}", "30"], None),
    (["done", "{task}", "--on", "2024-02-02"], None),
    (["done", "{task}"], None),
    (["record", "{task}", "50"], "y\n"),
    (["record", "{task}", "50"], "n\n"),
    (["record", "{task}", "1"], None),
    (["rm", "{task}"], "n\n"),
    (["rm", "{task}"], "y\n"),
    (["rm", "{goal}", "-y", "-r"], None),
    (["move", "{task}", "{goal}"], None),
    (["add", "{goal}", "新任务", "--target", "5", "--measure", "亩"], None),
    (["undo"], None),
    (["undo"], None),
    (["undo", "--by", "李四"], None),
    (["undo", "--anyone"], None),
    (["resolve", "{task}", "--ours"], None),
    (["edit", "{task}", "--weight", "2", "--owner", "王五"], None),
    (["edit", "{task}", "--target", "10", "--measure", "亩"], None),
    (["drop", "{task}", "--reason", "不做了"], None),
    (["reopen", "{task}"], None),
    (["header", "--year", "2024"], None),
    (["move", "{task}", "top"], None),
]
# The computer's time zone, changed between commands (a time without offset reads in it).
LOCAL_ZONES = ["UTC", "Asia/Shanghai", "America/St_Johns", "Pacific/Kiritimati"]
EVENTS = st.lists(
    st.one_of(
        st.tuples(st.just("read"), st.sampled_from(range(len(READS))), st.integers(0, 99)),
        st.tuples(st.just("change"), st.sampled_from(range(len(CHANGES))), st.integers(0, 99)),
        st.tuples(st.just("edit"), st.integers(0, 3), st.integers(0, 99)),
        st.tuples(st.just("damage"), st.integers(0, 2), st.integers(0, 10**6)),
        st.tuples(st.just("zone"), st.integers(0, len(LOCAL_ZONES) - 1), st.just(0)),
    ),
    min_size=1,
    max_size=8,
)


def _ids(plan_file: Path) -> tuple[list[str], list[str]]:
    import tomllib

    doc = tomllib.loads(plan_file.read_text(encoding="utf-8"))
    ids = [str(t.get("id")) for t in doc.get("item", [])]
    tasks = [i for i in ids if not any(j.startswith(i + ".") for j in ids)] or ["1"]
    goals = [i for i in ids if i not in tasks] or ["1"]
    return tasks, goals


def _filled(args: list[str], plan_file: Path, pick: int) -> list[str]:
    tasks, goals = _ids(plan_file)
    task, goal = tasks[pick % len(tasks)], goals[pick % len(goals)]
    return [a.replace("{task}", task).replace("{goal}", goal) for a in args]


def _run(plan_file: Path, args: list[str], given: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--file", str(plan_file), *args], input=given)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args,
        result.output,
        result.exception,
    )
    folder = str(plan_file.parent)
    return (
        result.exit_code,
        result.stdout.replace(folder, "DIR"),
        result.stderr.replace(folder, "DIR"),
    )


def _hand_edit(raw: bytes, how: int, pick: int) -> bytes:
    text = raw.decode("utf-8")
    if how == 0:  # a title changed
        return text.replace("任务", "事务", 1).encode()
    if how == 1:  # a note appended at the end of the first log found
        at = text.find("[[item.log]]")
        if at < 0:
            return raw
        return (
            text[:at]
            + f"[[item.log]]\nat = 2023-09-0{1 + pick % 9}T08:00:00+08:00\n"
            + 'by = "王五"\naction = "note"\nnote = "手写"\n\n'
            + text[at:]
        ).encode()
    if how == 2:  # the same bytes, written again (a new time stamp)
        return raw
    return text.replace('by = "李四"', 'by = "王五"', 1).encode()


def _damage(folder: Path, how: int, seed: int) -> None:
    for entry in folder.glob("*.pickle"):
        data = bytearray(entry.read_bytes())
        if not data:
            continue
        at = seed % len(data)
        if how == 0:
            data[at] ^= 0x10
        elif how == 1:
            del data[at:]
        else:
            data = bytearray(b"not a pickle")
        entry.write_bytes(bytes(data))


@settings(
    max_examples=int(os.environ.get("REVIEW_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    doc=documents(),
    events=EVENTS,
    chunk=st.sampled_from([1, 3, 256]),
    tail=st.sampled_from([3, sketches.TRACE_TAIL]),
)
def test_every_command_is_alike_with_the_cache_off_warm_stale_and_damaged(
    doc: dict[str, Any], events: list[tuple[str, int, int]], chunk: int, tail: int
) -> None:
    """(A sketch keeps the newest 3 entries of a log, or as many as it does.)"""
    with (
        tempfile.TemporaryDirectory() as folder,
        mock.patch.object(cache, "CHUNK", chunk),
        mock.patch.object(sketches, "TRACE_TAIL", tail),
        mock.patch.dict(os.environ, {"TZ": "Asia/Shanghai"}),
    ):
        time.tzset()
        try:
            _alike(Path(folder), doc, events)
        finally:
            time.tzset()  # (the zone restored: the patch of the environment ends after this)
    time.tzset()


def _alike(root: Path, doc: dict[str, Any], events: list[tuple[str, int, int]]) -> None:
    """``doc`` warmed in the cache, then each event with the cache off and on: alike."""
    if True:
        files = {}
        envs = {"off": {"QUANHU_PLAN_CACHE": ""}, "on": {"QUANHU_PLAN_CACHE": str(root / "cache")}}
        for mode in envs:
            files[mode] = root / mode / "plan.toml"
            files[mode].parent.mkdir()
            files[mode].write_text(dumps(doc), encoding="utf-8")
        with mock.patch.dict(os.environ, envs["on"]):
            _run(files["on"], ["status"])  # warm
        clocks = {mode: _moments() for mode in envs}
        for kind, which, pick in [*events, ("read", 0, 0), ("read", 1, 0)]:
            if kind == "zone":
                os.environ["TZ"] = LOCAL_ZONES[which]
                time.tzset()
                continue
            if kind == "damage":
                _damage(root / "cache", which, pick)
                continue
            if kind == "edit":
                for mode in envs:
                    files[mode].write_bytes(_hand_edit(files[mode].read_bytes(), which, pick))
                continue
            if kind == "read":
                args, given_input = READS[which], None
            else:
                args, given_input = CHANGES[which]
            results = {}
            for mode, env in envs.items():
                with mock.patch.dict(os.environ, env), clocked(clocks[mode]):
                    results[mode] = _run(files[mode], _filled(args, files[mode], pick), given_input)
            assert results["on"] == results["off"], (args, given_input)
            assert files["on"].read_bytes() == files["off"].read_bytes(), args


# ---------------------------------------------------------------- another process


OTHER = """
import datetime as dt
import sys

from quanhu_plan.changes import Stamp

Stamp.current = classmethod(
    lambda cls, by: cls(by, dt.datetime(2023, 9, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=8))))
)
from quanhu_plan.entry import main

sys.argv = ["plan", *sys.argv[1:]]
main()
"""


def _other(plan_file: Path, args: list[str]) -> None:
    """``args`` run by another process (its own parse cache writes), stamped at a fixed time."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", OTHER, "--file", str(plan_file), *args],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()


def _long_plan() -> dict[str, Any]:
    items: list[dict[str, Any]] = []
    start = dt.datetime(2023, 5, 1, 8, 0, tzinfo=ZONES[0])
    for goal in range(1, 4):
        items.append({"id": str(goal), "title": f"目标{goal}"})
        for task in range(1, 5):
            table: dict[str, Any] = {
                "id": f"{goal}.{task}",
                "title": f"任务{goal}.{task}",
                "measure": "亩",
                "target": 40,
                "log": [
                    {
                        "at": start + dt.timedelta(minutes=n * 13 + goal * 3 + task),
                        "by": "张三",
                        "action": "note",
                        "note": f"第{n}条",
                    }
                    for n in range(20)
                ],
            }
            items.append(table)
    return plan_doc(items)


@pytest.mark.parametrize(
    ("args", "answer", "other"),
    [
        (["rm", "1.1"], "y\n", ["note", "1.2", "另一进程"]),
        (["rm", "1.1"], "y\n", ["rm", "1.1", "-y"]),
        (["rm", "1.1"], "y\n", ["move", "1.1", "2"]),
        (["rm", "1.1"], "n\n", ["note", "1.1", "另一进程"]),
        (["record", "1.1", "40"], "y\n", ["record", "1.1", "41", "--yes"]),
        (["record", "1.1", "40"], "y\n", ["add", "1", "新的"]),
        (["record", "1.1", "40"], "n\n", ["undo", "--anyone"]),
        (["record", "1.1", "40"], "y\n", ["rm", "1", "-y", "-r"]),
    ],
)
def test_a_change_by_another_process_while_the_question_is_asked_is_alike_with_the_cache_off_and_on(
    args: list[str], answer: str, other: list[str]
) -> None:
    """The question is answered after another process changed the file (and its cache entry):
    the change is made on what the file holds then, alike with the cache off and on."""
    import importlib

    app_module = importlib.import_module("quanhu_plan.cli.app")

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        envs = {"off": {"QUANHU_PLAN_CACHE": ""}, "on": {"QUANHU_PLAN_CACHE": str(root / "cache")}}
        results = {}
        written = {}
        for mode, env in envs.items():
            plan_file = root / mode / "plan.toml"
            plan_file.parent.mkdir()
            plan_file.write_text(dumps(_long_plan()), encoding="utf-8")
            with mock.patch.dict(os.environ, env), clocked(_moments()):
                _run(plan_file, ["status"])
                confirm = app_module.ask

                def asked(
                    question: str,
                    lang: str = "zh",
                    plan_file: Path = plan_file,
                    confirm: Any = confirm,
                ) -> bool:
                    _other(plan_file, other)
                    return confirm(question, lang)

                with mock.patch.object(app_module, "ask", asked):
                    for name in ("structure", "change"):
                        module = importlib.import_module(f"quanhu_plan.cli.{name}")
                        if hasattr(module, "ask"):
                            mock.patch.object(module, "ask", asked).start()
                    try:
                        results[mode] = [_run(plan_file, args, answer)]
                    finally:
                        mock.patch.stopall()
                results[mode] += [
                    _run(plan_file, r) for r in (["log", "-n", "5"], ["status", "--json"])
                ]
                results[mode].append(_run(plan_file, ["undo"]))
                results[mode] += [
                    _run(plan_file, r) for r in (["log", "-n", "5"], ["list", "--json"])
                ]
            written[mode] = plan_file.read_bytes()
        assert results["on"] == results["off"]
        assert written["on"] == written["off"]


def test_a_change_by_another_process_between_the_read_and_the_write_is_alike_with_the_cache_off_and_on() -> (
    None
):
    """The file changes (by another process, with its cache entry) after the change read it
    and before it is written: the change is made again on the new content, alike."""
    from quanhu_plan.store import plan_file as plan_file_module

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        envs = {"off": {"QUANHU_PLAN_CACHE": ""}, "on": {"QUANHU_PLAN_CACHE": str(root / "cache")}}
        results = {}
        written = {}
        for mode, env in envs.items():
            plan_file = root / mode / "plan.toml"
            plan_file.parent.mkdir()
            plan_file.write_text(dumps(_long_plan()), encoding="utf-8")
            save = plan_file_module._save_change
            calls = []

            def saving(
                *a: Any,
                plan_file: Path = plan_file,
                calls: list[int] = calls,
                save: Any = save,
                **k: Any,
            ) -> Any:
                calls.append(1)
                if len(calls) <= 2:  # an editor saving by hand (it takes no lock)
                    text = plan_file.read_text(encoding="utf-8")
                    edited = [text.replace("第3条", "手改", 1), text.replace("任务2.2", "改名", 1)]
                    plan_file.write_text(edited[len(calls) - 1], encoding="utf-8")
                return save(*a, **k)

            with mock.patch.dict(os.environ, env), clocked(_moments()):
                _run(plan_file, ["status"])
                with mock.patch.object(plan_file_module, "_save_change", saving):
                    results[mode] = [_run(plan_file, ["note", "1.1", "本进程"])]
                results[mode] += [
                    _run(plan_file, r) for r in (["log", "-n", "5"], ["status", "--json"])
                ]
                with mock.patch.object(plan_file_module, "_save_change", saving):
                    calls.clear()
                    results[mode].append(_run(plan_file, ["undo", "--anyone"]))
                results[mode] += [
                    _run(plan_file, r) for r in (["log", "-n", "5"], ["list", "--json"])
                ]
            written[mode] = plan_file.read_bytes()
        assert results["on"] == results["off"]
        assert written["on"] == written["off"]
