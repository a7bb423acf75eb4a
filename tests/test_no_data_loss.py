"""No lost data: the seven guarantees of issue 3, each a test.

1. concurrent writers lose no update; 2. a writer killed at any moment leaves the old or the new
plan; 3. a failing write leaves the original untouched; 4. a file changed on disk meanwhile is
not overwritten blindly; 5. file mode and symlinks are kept; 6. property tests: exact round trip,
and changes followed by as many undos give the original plan back; 7. bad arguments change
nothing.

The lost-update and crash tests print their figures (run pytest with -s to see them).
"""

from __future__ import annotations

import datetime as dt
import errno
import multiprocessing
import os
import pathlib
import random
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan import changes, store
from quanhu_plan.building import plan_from_doc
from quanhu_plan.changes import Stamp
from quanhu_plan.cli import app, prompts
from quanhu_plan.errors import (
    AmbiguousItem,
    BadChange,
    PlanFileError,
    UnknownItem,
    reason_in_chinese,
)
from quanhu_plan.validate import title_drawn

from .conftest import REPO, SMALL_ITEMS, plan_doc, write_plan

T0 = dt.datetime(2023, 6, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def temps(folder: Path) -> list[Path]:
    return sorted(folder.glob(".plan.toml.*.quanhu-tmp"))


def invoke(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input)


# ---------------------------------------------------------------- 1. lost updates

WRITERS = 8
CHANGES_EACH = 50


def _writer(path: str, number: int, start: Any) -> None:
    """Make CHANGES_EACH read-modify-write changes: add one to task 1's figure, with a note.

    A writer pauses up to 5 ms between its changes, as a person or a script would: the lock is
    not fair, and a writer that asks again the instant it lets go would mostly get it back,
    making the others wait their turn for the whole run."""
    source = store.PlanSource(Path(path))
    rng = random.Random(number)
    start.wait()
    for count in range(CHANGES_EACH):
        time.sleep(rng.uniform(0, 0.005))

        def bump(plan, count=count):  # type: ignore[no-untyped-def]
            figure = plan.find("1").get("actual", 0) + 1
            stamp = Stamp.current(f"writer {number}")
            return changes.record(plan, "1", figure, stamp, note=f"{number}:{count}")

        store.update(source, bump)


def test_eight_writers_at_once_lose_none_of_their_400_changes(plan_file):
    write_plan(plan_file, [{"id": "1", "title": "计数"}])
    context = multiprocessing.get_context("fork")
    start = context.Event()
    workers = [
        context.Process(target=_writer, args=(str(plan_file), n, start)) for n in range(WRITERS)
    ]
    for worker in workers:
        worker.start()
    began = time.monotonic()
    start.set()
    for worker in workers:
        worker.join(120)
    seconds = time.monotonic() - began
    assert [w.exitcode for w in workers] == [0] * WRITERS

    task = tomllib.loads(plan_file.read_text(encoding="utf-8"))["item"][0]
    notes = Counter(entry["note"] for entry in task["log"])
    expected = {f"{n}:{c}" for n in range(WRITERS) for c in range(CHANGES_EACH)}
    lost = WRITERS * CHANGES_EACH - task["actual"]
    print(
        f"\nlost updates: {WRITERS} processes x {CHANGES_EACH} changes = "
        f"{WRITERS * CHANGES_EACH} changes in {seconds:.1f} s; figure {task['actual']}, "
        f"trace entries {len(task['log'])}, lost {lost}"
    )
    assert task["actual"] == WRITERS * CHANGES_EACH
    assert set(notes) == expected and set(notes.values()) == {1}
    times = [entry["at"] for entry in task["log"]]
    assert times == sorted(times) and len(set(times)) == len(times)  # the trace is in order


def test_plan_commands_run_at_once_from_several_processes_all_land(plan_file):
    """The same through the real command line: 4 processes, 3 notes each."""
    write_plan(plan_file, SMALL_ITEMS)
    script = "; ".join(
        f"{sys.executable} -m quanhu_plan note 1.1 p$0-{n} --by p$0" for n in range(3)
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = [
        subprocess.Popen(["sh", "-c", script, str(p)], env=env, stdout=subprocess.DEVNULL)
        for p in range(4)
    ]
    assert [p.wait(60) for p in procs] == [0] * 4
    task = tomllib.loads(plan_file.read_text(encoding="utf-8"))["item"][1]
    assert sorted(e["note"] for e in task["log"]) == sorted(
        f"p{p}-{n}" for p in range(4) for n in range(3)
    )


# ---------------------------------------------------------------- 2. crash during a write

KILLS = 300


def _change_for(run: int):  # type: ignore[no-untyped-def]
    stamp = Stamp("crash test", T0 + dt.timedelta(seconds=run))
    return lambda plan: changes.progress(plan, "1.3", run % 101, stamp, note=f"第 {run} 次")


def _update_in_child(path: Path, run: int) -> int:
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 1
        try:
            store.update(store.PlanSource(path), _change_for(run))
            code = 0
        finally:
            os._exit(code)
    return pid


def test_a_writer_killed_at_random_moments_leaves_the_old_or_the_new_plan(plan_file):
    write_plan(plan_file, SMALL_ITEMS)
    store.update(store.PlanSource(plan_file), lambda plan: None)  # canonical from the start
    rng = random.Random(20230601)
    outcomes: Counter[str] = Counter()
    most_temps = 0
    took: list[float] = []
    for run in range(KILLS):
        old = plan_file.read_bytes()
        temps_before = set(temps(plan_file.parent))
        plan = store.plan_from_text(old.decode("utf-8"), "old")
        _change_for(run)(plan)
        new = store.dump(plan).encode("utf-8")

        began = time.monotonic()
        pid = _update_in_child(plan_file, run)
        if run < 5:  # a few whole runs measure how long one write takes
            _, status = os.waitpid(pid, 0)
            took.append(time.monotonic() - began)
            assert os.waitstatus_to_exitcode(status) == 0
        else:
            time.sleep(rng.uniform(0, 1.3 * max(took)))
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)

        now = plan_file.read_bytes()
        store.plan_from_text(now.decode("utf-8"), "after")  # parses and is a valid plan
        if run >= 5:
            outcomes["old" if now == old else "new" if now == new else "other"] += 1
            # killed after creating its temp file, before the rename: the temp is still there
            outcomes["mid-write"] += bool(set(temps(plan_file.parent)) - temps_before)
        most_temps = max(most_temps, len(temps(plan_file.parent)))
        assert now in (old, new), f"run {run}: the file is neither the old nor the new plan"
        assert len(temps(plan_file.parent)) <= 1  # a killed writer's temp goes on the next write

    store.update(store.PlanSource(plan_file), lambda plan: None)
    print(
        f"\ncrash: {KILLS - 5} writers SIGKILLed at random moments within "
        f"{1.3 * max(took) * 1000:.0f} ms of starting (one write takes about "
        f"{min(took) * 1000:.0f} ms): {outcomes['new']} left the new plan, "
        f"{outcomes['old']} the old ({outcomes['mid-write']} of them killed mid-write), "
        f"{outcomes['other']} anything else (lost or torn); "
        f"at most {most_temps} temp file at a time, none after the next write"
    )
    assert outcomes["other"] == 0
    assert outcomes["old"] and outcomes["new"]  # the kills did land on both sides
    assert temps(plan_file.parent) == []


# ---------------------------------------------------------------- 3. failing writes


def _fail(code: int):  # type: ignore[no-untyped-def]
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise OSError(code, os.strerror(code))

    return fail


class _FailingFile:
    def __init__(self, handle: Any):
        self.handle = handle

    def __enter__(self) -> _FailingFile:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.handle.close()

    def write(self, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.handle, name)


def _inject(step: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """Make one step of the write fail; return the errno it fails with."""
    if step == "lock":
        real_open = os.open
        monkeypatch.setattr(
            os,
            "open",
            lambda p, *a, **k: (
                _fail(errno.EACCES)() if str(p).endswith(".lock") else real_open(p, *a, **k)
            ),
        )
        return errno.EACCES
    if step == "mkstemp":
        monkeypatch.setattr(tempfile, "mkstemp", _fail(errno.ENOSPC))
        return errno.ENOSPC
    if step == "write":
        real_fdopen = os.fdopen
        monkeypatch.setattr(os, "fdopen", lambda *a, **k: _FailingFile(real_fdopen(*a, **k)))
        return errno.ENOSPC
    if step == "fsync":
        monkeypatch.setattr(os, "fsync", _fail(errno.ENOSPC))
        return errno.ENOSPC
    if step == "chmod":
        monkeypatch.setattr(os, "chmod", _fail(errno.EPERM))
        return errno.EPERM
    if step in ("read-back", "read-back differs"):
        real_read = pathlib.Path.read_bytes

        def read_back(self: Path) -> bytes:
            if self.name.startswith(".plan.toml.") and self.name.endswith(".quanhu-tmp"):
                if step == "read-back":
                    raise OSError(errno.EACCES, os.strerror(errno.EACCES))
                return real_read(self)[:-10]  # a short write
            return real_read(self)

        monkeypatch.setattr(pathlib.Path, "read_bytes", read_back)
        return errno.EACCES if step == "read-back" else 0
    assert step == "replace"
    monkeypatch.setattr(os, "replace", _fail(errno.EACCES))
    return errno.EACCES


STEPS = ["lock", "mkstemp", "write", "fsync", "chmod", "read-back", "read-back differs", "replace"]


@pytest.mark.parametrize("step", STEPS)
def test_a_write_failing_at_each_step_leaves_the_original_and_says_why(
    step, small_plan, monkeypatch
):
    before = small_plan.read_bytes()
    code = _inject(step, monkeypatch)
    result = invoke("done", "1.3")
    monkeypatch.undo()
    assert result.exit_code == 1, result.output
    action = "锁定" if step == "lock" else "写入"
    assert f"错误：无法{action} {small_plan}：" in result.stderr
    reason = (
        reason_in_chinese(os.strerror(code), code) if code else "写入后读回的内容与写入的不一致"
    )
    assert reason in result.stderr
    assert "原文件没有改动" in result.stderr
    assert small_plan.read_bytes() == before
    assert temps(small_plan.parent) == []
    assert result.stdout == ""


def test_a_failing_write_is_reported_in_english_too(small_plan, monkeypatch):
    _inject("fsync", monkeypatch)
    result = invoke("done", "1.3", "--lang", "en")
    monkeypatch.undo()
    assert result.exit_code == 1
    assert "Cannot write" in result.stderr and "No space left on device" in result.stderr
    assert "The original file is unchanged." in result.stderr


# ---------------------------------------------------------------- 4. changed on disk meanwhile


def test_a_hand_edit_saved_while_a_change_is_made_is_kept_and_the_change_made_again(small_plan):
    source = store.PlanSource(small_plan)
    calls = []

    def change(plan):  # type: ignore[no-untyped-def]
        calls.append(plan)
        if len(calls) == 1:  # an editor that ignores the lock saves now
            text = small_plan.read_text(encoding="utf-8")
            small_plan.write_text(text.replace('title = "修塘"', 'title = "修山塘"'), "utf-8")
        return changes.done(plan, ["1.3"], Stamp.current("me"), on=dt.date(2023, 3, 20))

    store.update(source, change)
    assert len(calls) == 2  # made again on the fresh content
    plan = store.load(source)
    assert plan.find("1.1").title == "修山塘"
    assert plan.find("1.3").status == "done"
    assert temps(small_plan.parent) == []


def test_a_file_that_keeps_changing_is_not_written_and_says_so(small_plan):
    source = store.PlanSource(small_plan)

    def change(plan):  # type: ignore[no-untyped-def]
        with small_plan.open("a", encoding="utf-8") as handle:
            handle.write("\n")
        return changes.start(plan, "1.3", Stamp.current("me"))

    with pytest.raises(PlanFileError) as caught:
        store.update(source, change)
    assert "changed on disk" in caught.value.message("en")
    assert "status" not in tomllib.loads(small_plan.read_text("utf-8"))["item"][3]
    assert temps(small_plan.parent) == []


def test_two_updates_at_once_are_made_one_after_the_other_on_fresh_content(small_plan):
    source = store.PlanSource(small_plan)
    inside, release = threading.Event(), threading.Event()
    seen_by_second = []

    def first(plan):  # type: ignore[no-untyped-def]
        inside.set()
        release.wait(10)
        return changes.progress(plan, "1.3", 70, Stamp.current("first"))

    def second(plan):  # type: ignore[no-untyped-def]
        seen_by_second.append(plan.find("1.3").get("progress"))
        return changes.progress(plan, "1.1", 10, Stamp.current("second"))

    one = threading.Thread(target=store.update, args=(source, first))
    one.start()
    inside.wait(10)
    two = threading.Thread(target=store.update, args=(source, second))
    two.start()
    time.sleep(0.1)
    assert two.is_alive()  # waiting for the lock
    release.set()
    one.join(10)
    two.join(10)
    assert seen_by_second == [70]
    plan = store.load(source)
    assert (plan.find("1.3").get("progress"), plan.find("1.1").get("progress")) == (70, 10)


def test_a_hand_edit_while_rm_asks_is_kept(small_plan, monkeypatch, at_terminal):
    def answer_after_an_edit(*args: Any, **kwargs: Any) -> bool:
        text = small_plan.read_text(encoding="utf-8")
        small_plan.write_text(text.replace('owner = "王五"', 'owner = "赵六"'), "utf-8")
        return True

    monkeypatch.setattr(prompts, "confirm", answer_after_an_edit)
    result = invoke("rm", "1.3")
    assert result.exit_code == 0, result.output
    plan = store.load(store.PlanSource(small_plan))
    assert plan.find("2.2").get("owner") == "赵六"
    assert "1.3" not in plan.by_id()


# ---------------------------------------------------------------- 5. mode and symlinks


def test_the_file_mode_is_kept(small_plan):
    small_plan.chmod(0o640)
    assert invoke("done", "1.3").exit_code == 0
    assert stat.S_IMODE(small_plan.stat().st_mode) == 0o640
    assert tomllib.loads(small_plan.read_text("utf-8"))["item"][3]["status"] == "done"


def test_a_plan_reached_through_a_symlink_stays_a_symlink_to_the_same_file(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    target = write_plan(shared / "plan.toml", SMALL_ITEMS)
    target.chmod(0o600)
    link = tmp_path / "mine" / "plan.toml"
    link.parent.mkdir()
    link.symlink_to(target)
    monkeypatch.setenv("PLAN_FILE", str(link))
    assert invoke("done", "1.3").exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert tomllib.loads(target.read_text("utf-8"))["item"][3]["status"] == "done"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert temps(shared) == [] and temps(link.parent) == []


# ---------------------------------------------------------------- 6. property tests

TRICKY = list("[]{}#\"'\\=.,:;\n\r\t ") + ['"""', "'''", "\r\n", "\\u0041", "#1", "[x]", "\x7f"]
text_pieces = st.one_of(
    st.sampled_from(TRICKY),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # CJK
    st.characters(codec="utf-8"),
)
texts = st.lists(text_pieces, min_size=1, max_size=12).map("".join)
# A title shows something: one of invisible characters alone (a soft hyphen) is refused as none.
titles = texts.filter(title_drawn)
days = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2026, 12, 31))
moments = st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2026, 12, 31))
# A hand-written entry's time: with an offset, without one (local), or only a day.
written_at = st.one_of(
    moments.map(lambda t: t.replace(tzinfo=dt.timezone(dt.timedelta(hours=8)))),
    moments,
    days,
)
figures = st.one_of(
    st.integers(min_value=0, max_value=10**6),
    # (not one every view shows as 0, 5e-324: a file holding one is refused)
    st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False).filter(
        lambda x: x == 0 or x >= 1e-15
    ),
)


@st.composite
def item_fields(draw: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {"title": draw(titles)}
    optional = {
        "detail": texts,
        "lead": texts,
        "lead_unit": texts,
        "owner": texts,
        "support_units": st.lists(texts, max_size=3),
        "due": days,
        "status": st.sampled_from(["todo", "doing", "done", "blocked", "dropped"]),
        "progress": st.integers(min_value=0, max_value=100),
        "measure": texts,
        "baseline": figures,
        "target": figures,
        "actual": figures,
        "evidence": st.lists(texts, max_size=2),
        "reason": texts,
        "weight": st.floats(min_value=0.1, max_value=10),
        "x_custom": st.one_of(texts, st.integers(), st.lists(st.integers(), max_size=3)),
        "log": st.lists(
            st.fixed_dictionaries(
                {"on": days, "note": texts},
                optional={"at": written_at, "by": texts, "action": st.just("note")},
            ),
            max_size=2,
        ),
    }
    for name in draw(st.sets(st.sampled_from(sorted(optional)), max_size=6)):
        fields[name] = draw(optional[name])
    return fields


@st.composite
def plan_docs(draw: Any) -> dict[str, Any]:
    """A valid plan: 1-3 parts, each with up to 3 items under it, each with up to 2 under that."""
    items: list[dict[str, Any]] = []
    for part in range(1, draw(st.integers(1, 3)) + 1):
        items.append({"id": str(part), **draw(item_fields())})
        for goal in range(1, draw(st.integers(0, 3)) + 1):
            items.append({"id": f"{part}.{goal}", **draw(item_fields())})
            for task in range(1, draw(st.integers(0, 2)) + 1):
                items.append({"id": f"{part}.{goal}.{task}", **draw(item_fields())})
    return plan_doc(items, title=draw(titles), source=draw(texts))


FAST = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FAST
@given(doc=plan_docs())
def test_random_plans_with_tricky_text_round_trip_exactly(doc):
    plan = plan_from_doc(doc)
    text = store.dump(plan)
    again = store.plan_from_text(text, "round trip")
    assert again.to_doc() == plan.to_doc() == _canonical(doc)
    assert store.dump(again) == text  # and the text is stable


def _canonical(doc: dict[str, Any]) -> dict[str, Any]:
    return plan_from_doc(doc).to_doc()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=titles, note=titles)
def test_tricky_titles_and_notes_survive_the_store_on_disk(title, note):
    with tempfile.TemporaryDirectory() as folder:
        path = write_plan(Path(folder) / "plan.toml", [{"id": "1", "title": "甲"}])
        source = store.PlanSource(path)
        stamp = Stamp("测", T0)
        store.update(source, lambda plan: changes.add(plan, "1", title, stamp, note=note))
        store.update(source, lambda plan: changes.add_note(plan, "1.1", note, stamp))
        added = store.load(source).find("1.1")
        assert added.title == title.strip()
        assert [e.get("note") for e in added.log] == [note.strip(), note.strip()]


OPERATIONS = ["done", "reopen", "start", "block", "drop", "progress", "record", "note"]
OPERATIONS += ["add", "edit", "move", "rm", "rm -r", "done --all", "header"]


def _apply_random_change(plan: Any, data: Any, stamp: Stamp) -> None:
    """One random change; raises BadChange (and the like) when it does not apply."""
    ids = sorted(plan.by_id())
    pick = data.draw(st.sampled_from(ids)) if ids else "1"
    op = data.draw(st.sampled_from(OPERATIONS))
    if op == "done":
        changes.done(plan, [pick], stamp, on=data.draw(days), note=data.draw(texts))
    elif op == "done --all":
        changes.done(plan, [pick], stamp, all_tasks=True, evidence=[data.draw(texts)])
    elif op == "reopen":
        changes.reopen(plan, pick, stamp)
    elif op == "start":
        changes.start(plan, pick, stamp)
    elif op == "block":
        changes.block(plan, pick, stamp, reason=data.draw(titles))
    elif op == "drop":
        changes.drop(plan, pick, stamp, reason=data.draw(titles))
    elif op == "progress":
        changes.progress(plan, pick, data.draw(st.integers(0, 100)), stamp)
    elif op == "record":
        changes.record(plan, pick, data.draw(figures), stamp, tick=data.draw(st.booleans()))
    elif op == "note":
        changes.add_note(plan, pick, data.draw(titles), stamp, on=data.draw(days))
    elif op == "add":
        parent = data.draw(st.sampled_from([*ids, "top"]))
        changes.add(plan, parent, data.draw(titles), stamp, fields={"owner": data.draw(texts)})
    elif op == "edit":
        field = data.draw(st.sampled_from(["title", "owner", "due", "target", "weight", "detail"]))
        value = {
            "title": titles,
            "owner": st.one_of(texts, st.just("")),
            "due": st.one_of(days, st.none()),
            "target": st.one_of(figures, st.none()),
            "weight": st.one_of(st.floats(0.5, 3), st.none()),
            "detail": texts,
        }[field]
        changes.edit(plan, pick, {field: data.draw(value)}, stamp)
    elif op == "move":
        changes.move(plan, pick, data.draw(st.sampled_from([*ids, "top"])), stamp)
    elif op == "header":
        from quanhu_plan.header import edit_header

        field = data.draw(st.sampled_from(["title", "organisation", "year"]))
        value = {"title": titles, "organisation": texts, "year": st.integers(2020, 2030)}[field]
        edit_header(plan, {field: data.draw(value)}, stamp)
    else:
        changes.remove(plan, pick, stamp, recursive=op == "rm -r")


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(doc=plan_docs(), data=st.data())
def test_random_changes_then_as_many_undos_give_the_original_plan_back(doc, data):
    """'The original plan' is everything the plan says (every item, every field, the order),
    without the trace: the items' logs and the archive of removed items, which only grow."""
    text = store.dump(plan_from_doc(doc))
    original = changes.without_trace(store.plan_from_text(text, "original").to_doc())
    made = 0
    for step in range(data.draw(st.integers(1, 8))):
        plan = store.plan_from_text(text, "before")
        stamp = Stamp(data.draw(titles), T0 + dt.timedelta(minutes=step))
        try:
            _apply_random_change(plan, data, stamp)
        except (BadChange, UnknownItem, AmbiguousItem):
            continue
        text = store.dump(plan)  # each command reads and writes the file
        made += 1
    for step in range(made):
        plan = store.plan_from_text(text, "before undo")
        changes.undo(plan, Stamp("undo", T0 + dt.timedelta(days=1, minutes=step)), anyone=True)
        text = store.dump(plan)
    assert changes.without_trace(store.plan_from_text(text, "after").to_doc()) == original


# ---------------------------------------------------------------- 7. bad arguments

BAD_ARGUMENTS = [
    (["done", "9.9"], 1, "计划中没有编号或名称为“9.9”的事项"),
    (["done", "修"], 1, "“修”与 2 个事项相符，请改用编号"),
    (["progress", "1.3", "150"], 2, "'150' is out of range: use a number from 0 to 100"),
    (["progress", "1.3", "八十"], 2, "'八十' is not a number"),
    (["done", "1.3", "--on", "2023-02-30"], 2, "'2023-02-30' is not a valid date"),
    (["note", "1.3", "x", "--on", "2023-13-01"], 2, "there is no month 13"),
    (["record", "1.1", "五"], 2, "'五' is not a number"),
    (["add", "1", "修桥", "--target", "1e400"], 2, "is too large"),
    (["add", "1", ""], 2, "Invalid value for TITLE: must not be empty"),
    (["add", "1", "   "], 2, "must not be empty"),
    (["edit", "1.1", "--title", ""], 2, "Invalid value for --title: must not be empty"),
    (["edit", "1.1", "--weight", "0"], 2, "use a number above 0"),
    (["note", "1.1", " "], 2, "must not be empty"),
    (["block", "1.3", "--reason", ""], 2, "must not be empty"),
    (["note", "1.1", "x", "--by", ""], 2, "Invalid value for --by: give a name"),
    (["add", "9", "修桥"], 1, "计划中没有编号或名称为“9”的事项"),
    (["move", "1.1", "9"], 1, "计划中没有编号或名称为“9”的事项"),
    (["rm", "修", "--yes"], 1, "与 2 个事项相符"),
    (["undo"], 1, "没有可以撤销的修改"),
]


@pytest.mark.parametrize(("args", "code", "message"), BAD_ARGUMENTS, ids=lambda v: repr(v))
def test_a_bad_argument_says_why_exits_1_or_2_and_leaves_the_file(small_plan, args, code, message):
    before = small_plan.read_bytes()
    # Usage errors are worded in English here (tests/test_language.py has them in Chinese).
    result = invoke(*args, *(["--lang", "en"] if code == 2 else []))
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert small_plan.read_bytes() == before
    assert temps(small_plan.parent) == []


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda p, s: changes.progress(p, "1.3", 150, s),
            "progress must be a number from 0 to 100",
        ),
        (lambda p, s: changes.record(p, "1.1", float("nan"), s), "actual must be a number"),
        (lambda p, s: changes.add(p, "1", " \n", s), "The title cannot be empty"),
        (lambda p, s: changes.edit(p, "1.1", {"title": ""}, s), "The title cannot be empty"),
        (lambda p, s: changes.add(p, "1", "x", s, fields={"baseline": "二"}), "must be a number"),
    ],
)
def test_the_core_refuses_bad_values_too(call, message):
    plan = plan_from_doc(plan_doc(SMALL_ITEMS))
    before = plan.to_doc()
    with pytest.raises(BadChange) as caught:
        call(plan, Stamp("me", T0))
    assert message in caught.value.message("en")
    assert plan.to_doc() == before
