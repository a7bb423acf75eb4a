"""``plan undo`` of one's own change after a merge set a colleague's change against it: refused
in words that say why (a conflict to settle first; the colleague's change of the same field),
not "changed since (now 40%, this change made it 40%)", and nothing written."""

from __future__ import annotations

import datetime as dt

from quanhu_plan.cli import app

from .test_merge_deleted_by_hand import merged, plan, runner, three_plans


def test_undo_of_a_change_in_an_open_conflict_says_to_settle_it_first(tmp_path):
    base, ours, theirs = three_plans(tmp_path)
    assert plan(ours, "progress", "5.1", "40", "--by", "甲").exit_code == 0
    assert plan(theirs, "progress", "5.1", "50", "--by", "乙").exit_code == 0
    assert merged(base, ours, theirs).exit_code == 0
    before = ours.read_bytes()
    result = plan(ours, "undo", "--by", "甲")
    assert result.exit_code == 1
    assert "有未解决的合并冲突" in result.stderr
    assert f"plan -f {ours} resolve 5.1 progress" in result.stderr  # (test_advice_file.py)
    assert "这次修改后是" not in result.stderr  # before: 现在是 40%，这次修改后是 40%
    assert ours.read_bytes() == before
    # Settled, the undo goes on as before: the colleague's change stands, so it is refused
    # for that, by name.
    assert plan(ours, "resolve", "5.1", "progress", "--ours", "--by", "甲").exit_code == 0
    assert plan(ours, "undo", "--by", "甲").exit_code == 0  # (the resolve, undone)
    assert "有未解决的合并冲突" in plan(ours, "undo", "--by", "甲").stderr


def test_undo_of_a_value_a_colleague_set_again_names_the_colleague(tmp_path):
    base, ours, theirs = three_plans(tmp_path)
    assert plan(ours, "progress", "5.1", "40", "--by", "甲").exit_code == 0
    later = (dt.datetime.now() + dt.timedelta(minutes=5)).strftime("%Y-%m-%d")
    assert plan(theirs, "progress", "5.1", "40", "--by", "乙", "--on", later).exit_code == 0
    assert merged(base, ours, theirs).exit_code == 0
    before = ours.read_bytes()
    result = plan(ours, "undo", "--by", "甲")
    assert result.exit_code == 1
    assert "这次修改之后，乙 于" in result.stderr
    assert "进度改为 40%（与这次修改相同）" in result.stderr
    assert ours.read_bytes() == before
    english = runner.invoke(app, ["--lang", "en", "-f", str(ours), "undo", "--by", "甲"])
    assert english.exit_code == 1
    assert "was set again after this change by 乙 at" in english.stderr


def test_undo_of_a_header_change_a_colleague_made_again_is_refused_and_names_them(tmp_path):
    """Before, undo found the title as its change left it and set it back: the colleague's
    change, made apart and merged, was taken back with it, without a word."""
    base, ours, theirs = three_plans(tmp_path)
    assert plan(ours, "header", "--title", "泉湖镇2023年重点工作", "--by", "甲").exit_code == 0
    result = plan(theirs, "header", "--title", "泉湖镇2023年重点工作", "--by", "乙")  # (later)
    assert result.exit_code == 0, result.output
    assert merged(base, ours, theirs).exit_code == 0
    before = ours.read_bytes()
    result = plan(ours, "undo", "--by", "甲")
    assert result.exit_code == 1, result.output
    assert "这次修改之后，乙 于" in result.stderr and "又把计划表头的" in result.stderr
    assert ours.read_bytes() == before
