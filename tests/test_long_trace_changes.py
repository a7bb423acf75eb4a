"""Changes of a plan whose file is long (a year's trace: thousands of log entries, more than a
MiB): the shortcuts the change path takes there give what the plain path gives, and the store's
guarantees hold past the first MiB of the file."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from quanhu_plan import changes, store
from quanhu_plan.changes import Stamp
from quanhu_plan.cli import app
from quanhu_plan.store.files import holds

from .conftest import SMALL_ITEMS, write_plan

ZONE = dt.timezone(dt.timedelta(hours=8))


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def long_items(entries: int) -> list[dict[str, Any]]:
    """SMALL_ITEMS with ``entries`` notes spread over their tasks: a file of some MiB."""
    items = [dict(item) for item in SMALL_ITEMS]
    tasks = [item for item in items if item["id"].count(".") == 1]
    start = dt.datetime(2023, 1, 2, 9, tzinfo=ZONE)
    for n in range(entries):
        task = tasks[n % len(tasks)]
        at = start + dt.timedelta(minutes=37 * n)
        task.setdefault("log", []).append(
            {
                "at": at,
                "by": "张三",
                "action": "note",
                "on": at.date(),
                "note": f"第{n}条进展：按计划推进",
            }
        )
    return items


def test_holds_compares_every_block_of_a_long_file(tmp_path: Path) -> None:
    data = bytes(range(256)) * 10_000  # 2.5 MB: three blocks of a MiB
    path = tmp_path / "f"
    path.write_bytes(data)
    assert holds(path, data)
    for other in (
        data[:-1],
        data + b"x",
        data[: 1 << 20] + b"\xff" + data[(1 << 20) + 1 :],  # the first byte of the second block
        data[:-1] + b"\x00",  # the last byte
        b"",
    ):
        assert not holds(path, other)
    assert not holds(tmp_path / "missing", data)
    path.write_bytes(b"")
    assert holds(path, b"") and not holds(path, b"x")


def test_a_hand_edit_past_the_first_mib_saved_during_a_change_is_kept(plan_file: Path) -> None:
    write_plan(plan_file, long_items(8_000))
    assert plan_file.stat().st_size > 1 << 20
    source = store.PlanSource(plan_file)
    calls = []

    def change(plan):  # type: ignore[no-untyped-def]
        calls.append(plan)
        if len(calls) == 1:  # an editor that ignores the lock saves now, near the end
            text = plan_file.read_text(encoding="utf-8")
            at = text.rindex("第7999条")
            plan_file.write_text(text[:at] + "第八千条" + text[at + len("第7999条") :], "utf-8")
        return changes.done(plan, ["1.3"], Stamp.current("me"), on=dt.date(2023, 3, 20))

    store.update(source, change)
    assert len(calls) == 2  # made again on the fresh content
    doc = tomllib.loads(plan_file.read_text("utf-8"))
    notes = [e.get("note", "") for item in doc["item"] for e in item.get("log", [])]
    assert any(note.startswith("第八千条进展") for note in notes)
    assert next(i for i in doc["item"] if i["id"] == "1.3")["status"] == "done"


def test_show_and_log_of_a_history_do_not_load_what_a_change_tells(small_plan: Path) -> None:
    """show and log read the trace and change nothing: they do not load ``outcome`` (what a
    change says it did; its dataclasses take milliseconds to make), and a value in a change
    reads as ``outcome.show_value`` gives it."""
    import os
    import re
    import subprocess
    import sys

    from quanhu_plan.outcome import show_value

    long_title = "修机耕道" * 15
    for args in (["progress", "1.3", "70"], ["edit", "1.3", "--title", long_title]):
        assert invoke(*args).exit_code == 0
    env = {**os.environ, "PLAN_FILE": str(small_plan)}
    for command in (["show", "1.3"], ["log"]):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "quanhu_plan", *command],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        loaded = set(re.findall(r"\|\s+([\w.]+)$", done.stderr, re.MULTILINE))
        assert "quanhu_plan.terminal.trace_view" in loaded
        assert "quanhu_plan.outcome" not in loaded
        shown = CliRunner().invoke(app, command, env={"COLUMNS": "400"}).stdout
        assert f"→ {show_value('title', long_title, 'zh')}" in shown
