"""An adversarial walk through the change commands and undo, as an office uses them: a change,
then a hand edit in an editor, then plan undo. Each test is a defect such a walk found."""

from __future__ import annotations

import pytest

from .test_change import invoke, item, ok


@pytest.fixture(autouse=True)
def login_name(monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "clerk")


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


def test_undo_of_a_change_to_an_item_a_colleague_removed_says_who_and_the_way_on(
    runner, small_plan
):
    """A's progress on 2.3, then B removes 2.3: A's undo is refused (the item is gone), and the
    message says who removed it and when, and how to go on (B's removal undone first, in B's
    name), in either language; done so, A's undo goes through."""
    ok(runner, "progress", "2.3", "60", "--by", "A")
    ok(runner, "rm", "2.3", "--yes", "--by", "B")
    before = small_plan.read_bytes()
    for lang, words in (
        ("zh", ("已被 B 于", "删除", "plan undo --by B")),
        ("en", ("was removed by B at", "plan undo --by B")),
    ):
        result = invoke(runner, "--lang", lang, "undo", "--by", "A")
        assert result.exit_code == 1, result.output
        said = " ".join(result.output.split())
        assert all(word in said for word in words), said
        assert "Traceback" not in result.output
    assert small_plan.read_bytes() == before
    ok(runner, "undo", "--by", "B")
    ok(runner, "undo", "--by", "A")
    assert item(small_plan, "2.3")["progress"] == 80  # as it was before A's change
