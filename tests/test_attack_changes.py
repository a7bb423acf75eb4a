"""An adversarial walk through the change commands and undo, as an office uses them: a change,
then a hand edit in an editor, then plan undo. Each test is a defect such a walk found."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app


@pytest.fixture(autouse=True)
def login_name(monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "clerk")


def invoke(runner: CliRunner, *args: str):
    return runner.invoke(app, list(args))


def ok(runner: CliRunner, *args: str):
    result = invoke(runner, *args)
    assert result.exit_code == 0, result.output
    return result


def item(path: Path, item_id: str) -> dict[str, Any]:
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    return next(t for t in doc["item"] if t["id"] == item_id)


def test_undo_of_a_change_whose_log_entry_was_pasted_twice_reverts_it_once(runner, small_plan):
    """A clerk copying lines in an editor pastes the newest [[item.log]] block twice. plan check
    finds nothing wrong; plan undo must still take the change back (once), not refuse it for
    ever saying the field "is now —" while the file says 60."""
    ok(runner, "progress", "2.3", "60")
    text = small_plan.read_text(encoding="utf-8")
    entry = text[text.rindex("[[item.log]]") :]
    small_plan.write_text(text + "\n" + entry, encoding="utf-8")
    ok(runner, "check")
    result = ok(runner, "undo")
    assert "80%" in result.stdout
    task = item(small_plan, "2.3")
    assert task["progress"] == 80
    changes = [e for e in task["log"] if e["action"] == "progress"]
    assert len(changes) == 2 and all("undone" in e for e in changes)  # both copies marked
    assert [e["action"] for e in task["log"]].count("undo") == 1
    # Nothing of that change is left to undo.
    assert invoke(runner, "undo").exit_code == 1


def test_undo_after_a_hand_edit_that_writes_the_same_number_as_a_float(runner, small_plan):
    """progress = 60 retyped by hand as 60.0 is the same figure (every command shows 60%):
    undo takes the change back instead of refusing with "it is 60% now, the change made it
    60%"."""
    ok(runner, "progress", "2.3", "60")
    text = small_plan.read_text(encoding="utf-8")
    small_plan.write_text(text.replace("progress = 60\n", "progress = 60.0\n", 1), "utf-8")
    result = invoke(runner, "undo")
    assert result.exit_code == 0, result.output
    assert item(small_plan, "2.3")["progress"] == 80


def test_a_change_reverted_by_hand_does_not_stop_undo_from_reaching_older_ones(runner, small_plan):
    """A change set back by hand in an editor: undo has nothing to overwrite, so it records
    itself (saying the values were already back) instead of refusing, which stopped every later
    plan undo on this change for ever: older changes could no longer be undone."""
    ok(runner, "edit", "1.1", "--owner", "王五")
    ok(runner, "edit", "2.2", "--owner", "李四")
    text = small_plan.read_text(encoding="utf-8")
    small_plan.write_text(text.replace('owner = "李四"\n', 'owner = "王五"\n', 1), "utf-8")
    result = ok(runner, "undo")  # the owner: already back to 王五 by hand
    assert "已经是修改前的值" in result.stderr
    task = item(small_plan, "2.2")
    assert task["owner"] == "王五" and "undone" in task["log"][-2]
    assert task["log"][-1]["action"] == "undo" and "before" not in task["log"][-1]
    ok(runner, "undo")  # the one before
    assert "owner" not in item(small_plan, "1.1")
