"""An item deleted from the file by hand on one side (not with ``plan rm``, which archives it)
while the other side changed it, or added an item under it: the merge keeps it, with the other
side's change, and says so, instead of bringing it back without a word or leaving an item under
a parent that is gone (a merge git marks as failed)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app

runner = CliRunner()


def plan(plan_file: Path, *args: str):
    return runner.invoke(app, ["-f", str(plan_file), *args])


def deleted_by_hand(plan_file: Path, *item_ids: str) -> None:
    """The [[item]] tables of ``item_ids`` cut out of the file, as a clerk does in an editor."""
    text = plan_file.read_text(encoding="utf-8")
    head, *blocks = text.split("\n[[item]]\n")
    kept = [b for b in blocks if not any(b.startswith(f'id = "{i}"\n') for i in item_ids)]
    assert len(kept) == len(blocks) - len(item_ids)
    plan_file.write_text("\n[[item]]\n".join([head, *kept]), encoding="utf-8")


def three_plans(tmp_path: Path) -> tuple[Path, Path, Path]:
    base = tmp_path / "base.toml"
    assert runner.invoke(app, ["-f", str(base), "init"]).exit_code == 0
    ours, theirs = tmp_path / "ours.toml", tmp_path / "theirs.toml"
    for side in (ours, theirs):
        side.write_bytes(base.read_bytes())
    return base, ours, theirs


def ids(plan_file: Path) -> list[str]:
    result = plan(plan_file, "list", "--json")
    assert result.exit_code == 0, result.output
    return [row["id"] for row in json.loads(result.stdout)]


def merged(base: Path, ours: Path, theirs: Path):
    return runner.invoke(app, ["merge", str(base), str(ours), str(theirs), "plan.toml"])


def test_an_item_deleted_by_hand_on_our_side_and_noted_on_theirs_is_kept_and_named(tmp_path):
    base, ours, theirs = three_plans(tmp_path)
    deleted_by_hand(ours, "5.1")
    assert plan(theirs, "note", "5.1", "已开工", "--by", "乙").exit_code == 0
    result = merged(base, ours, theirs)
    assert result.exit_code == 0, result.output
    assert "5.1" in ids(ours)
    assert "已开工" in plan(ours, "show", "5.1").stdout
    # Before, it came back without a word: the clerk who deleted it never learnt why.
    assert "5.1 一方从文件中直接删去了" in result.output
    assert "plan rm 5.1" in result.output


def test_an_item_deleted_by_hand_on_their_side_and_changed_on_ours_is_named_in_english(tmp_path):
    base, ours, theirs = three_plans(tmp_path)
    assert plan(ours, "progress", "5.1", "40", "--by", "甲").exit_code == 0
    deleted_by_hand(theirs, "5.1")
    result = runner.invoke(
        app, ["--lang", "en", "merge", str(base), str(ours), str(theirs), "plan.toml"]
    )
    assert result.exit_code == 0, result.output
    assert "5.1" in ids(ours)
    assert "5.1 was deleted from the file by hand on one side" in result.output


def test_an_item_deleted_by_hand_and_left_alone_on_the_other_side_goes_without_a_word(tmp_path):
    base, ours, theirs = three_plans(tmp_path)
    deleted_by_hand(ours, "5.1")
    assert plan(theirs, "note", "5.2", "已开工", "--by", "乙").exit_code == 0
    result = merged(base, ours, theirs)
    assert result.exit_code == 0, result.output
    assert "5.1" not in ids(ours)
    assert "直接删去" not in result.output


def test_a_goal_deleted_by_hand_comes_back_for_the_task_the_other_side_added_under_it(tmp_path):
    """Before, the merged plan had 5.1.1 under a 5.1 that was gone: not a valid plan, so the
    merge failed and git marked plan.toml as a conflict to settle by hand."""
    base, ours, theirs = three_plans(tmp_path)
    deleted_by_hand(ours, "5.1")
    assert plan(theirs, "add", "5.1", "新子任务", "--by", "乙").exit_code == 0
    result = merged(base, ours, theirs)
    assert result.exit_code == 0, result.output
    order = ids(ours)
    assert order.index("5.1") + 1 == order.index("5.1.1")
    assert plan(ours, "check").exit_code == 0
    assert "5.1 一方从文件中直接删去了" in result.output
    assert "5.1.1 " not in result.output.split("一方从文件中直接删去了")[0][-20:]


def test_a_task_deleted_by_hand_with_its_goal_comes_back_under_it_when_changed(tmp_path):
    """Ours cut goal 5 and all under it; theirs ticked 5.1 off: 5.1 comes back, and 5 with it
    (5.1 cannot hang on nothing), and the other tasks of 5 stay deleted."""
    base, ours, theirs = three_plans(tmp_path)
    under_five = [i for i in ids(ours) if i == "5" or i.startswith("5.")]
    deleted_by_hand(ours, *under_five)
    assert plan(theirs, "done", "5.1", "--by", "乙").exit_code == 0
    result = merged(base, ours, theirs)
    assert result.exit_code == 0, result.output
    kept = [i for i in ids(ours) if i == "5" or i.startswith("5.")]
    assert kept == ["5", "5.1"]
    assert plan(ours, "check").exit_code == 0
    assert result.output.count("一方从文件中直接删去了") == 2
