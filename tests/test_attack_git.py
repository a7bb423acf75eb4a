"""Attacks on the git side, as an office uses it: two clones of one county repository change the
same plan, pull, and go on working; and ``plan merge`` (git's merge driver) given odd versions.
Each test shows a defect found so; see tests/test_git_merge.py for the ordinary cases."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, write_plan
from .test_git_merge import county, git, git_env  # noqa: F401 - fixtures

runner = CliRunner()


def tree_order(plan_file: Path) -> list[str]:
    """The ids in tree order, as list shows them."""
    result = runner.invoke(app, ["-f", str(plan_file), "list", "--json"])
    assert result.exit_code == 0, result.output
    return [row["id"] for row in json.loads(result.stdout)]


def plan(plan_file: Path, *args: str) -> Any:
    return runner.invoke(app, ["-f", str(plan_file), *args])


# ---------------------------------------------------------------- a move's place


def test_an_item_moved_on_their_side_keeps_its_place_last_under_its_new_parent(county):  # noqa: F811
    a, b = county
    a.plan("move", "1.1", "2", "--by", "甲")  # last under 2, after 2.3
    assert tree_order(a.plan_file) == ["1", "1.2", "1.3", "2", "2.1", "2.2", "2.3", "1.1"]
    git(a.folder, "commit", "-qam", "1.1 to 2")
    git(a.folder, "push", "-q")
    b.plan("note", "2.2", "资料已补齐", "--by", "乙")
    b.commit_and_pull()
    # Before: the merge kept our file's order, so 1.1 came first under 2 (where its table
    # stood in our file), and office A's move lost its place once it pulled back.
    assert tree_order(b.plan_file) == ["1", "1.2", "1.3", "2", "2.1", "2.2", "2.3", "1.1"]


def test_an_item_moved_on_our_side_keeps_its_place_when_theirs_changed_other_items(county):  # noqa: F811
    a, b = county
    a.plan("note", "2.2", "资料已补齐", "--by", "甲")
    a.plan("add", "1", "新建村级活动中心", "--by", "甲")
    git(a.folder, "commit", "-qam", "note")
    git(a.folder, "push", "-q")
    b.plan("move", "1.1", "2", "--by", "乙")
    b.commit_and_pull()
    assert tree_order(b.plan_file) == ["1", "1.2", "1.3", "1.4", "2", "2.1", "2.2", "2.3", "1.1"]


def test_items_reordered_by_hand_on_their_side_keep_that_order(county):  # noqa: F811
    a, b = county
    text = a.text()
    first, second = text.index('[[item]]\nid = "2.1"'), text.index('[[item]]\nid = "2.2"')
    third = text.index('[[item]]\nid = "2.3"')
    # A clerk swaps 2.1 and 2.2 in an editor.
    a.plan_file.write_text(
        text[:first] + text[second:third] + text[first:second] + text[third:], encoding="utf-8"
    )
    assert tree_order(a.plan_file)[5:8] == ["2.2", "2.1", "2.3"]
    git(a.folder, "commit", "-qam", "2.2 first")
    git(a.folder, "push", "-q")
    b.plan("progress", "1.3", "70", "--by", "乙")
    b.commit_and_pull()
    assert tree_order(b.plan_file)[5:8] == ["2.2", "2.1", "2.3"]


# ---------------------------------------------------------------- conflict markers


def test_conflict_markers_git_left_inside_a_multi_line_string_are_refused(tmp_path):
    """A clone without the driver merged a hand-written multi-line string as text: the markers
    fall inside the string, the TOML still parses, and every command read them as the text."""
    text = write_plan(tmp_path / "plan.toml", SMALL_ITEMS).read_text(encoding="utf-8")
    text = text.replace(
        'title = "禁毒讲座"\n',
        'title = "禁毒讲座"\ndetail = """\n甲\n<<<<<<< HEAD\n乙方\n=======\n甲方\n'
        '>>>>>>> 5f3c2e1\n丙\n"""\n',
    )
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(text, encoding="utf-8")
    for args in (["check"], ["show", "2.3"], ["note", "2.3", "讲座已开"]):
        result = plan(plan_file, *args)
        assert result.exit_code == 1, (args, result.output)
        assert "冲突标记" in result.output, result.output
    assert plan_file.read_text(encoding="utf-8") == text


def test_conflict_markers_in_a_multi_line_string_are_refused_with_the_cache_warm(tmp_path):
    plan_file = write_plan(tmp_path / "plan.toml", SMALL_ITEMS)
    text = plan_file.read_text(encoding="utf-8").replace(
        'title = "禁毒讲座"\n', 'title = "禁毒讲座"\ndetail = """\n甲\n乙\n"""\n'
    )
    plan_file.write_text(text, encoding="utf-8")
    assert plan(plan_file, "list").exit_code == 0  # the cache now holds it
    plan_file.write_text(
        text.replace("甲\n乙\n", "甲\n<<<<<<< HEAD\n乙方\n=======\n甲方\n>>>>>>> 5f3c2e1\n"),
        encoding="utf-8",
    )
    result = plan(plan_file, "show", "2.3")
    assert result.exit_code == 1 and "冲突标记" in result.output, result.output


# ---------------------------------------------------------------- no common ancestor


def test_two_plans_made_apart_from_one_source_merge_without_doubling_their_items(tmp_path):
    """Both offices ran plan init before either pushed: git merges the two plan.toml with an
    empty common ancestor. The items each side has from init are the same items, not items
    both added: before, every item one side had changed came out twice (4.1 and 4.5)."""
    base = tmp_path / "base.toml"
    base.write_text("", encoding="utf-8")
    ours, theirs = tmp_path / "ours.toml", tmp_path / "theirs.toml"
    for side in (ours, theirs):
        assert runner.invoke(app, ["-f", str(side), "init"]).exit_code == 0
    assert plan(ours, "progress", "4.1", "30", "--by", "甲").exit_code == 0
    assert plan(theirs, "note", "5.1", "已开工", "--by", "乙").exit_code == 0
    before = tree_order(theirs)
    result = runner.invoke(app, ["merge", str(base), str(ours), str(theirs), "plan.toml"])
    assert result.exit_code == 0, result.output
    assert "改为" not in result.output  # nothing renumbered
    assert tree_order(ours) == before
    shown = plan(ours, "show", "5.1").stdout
    assert "已开工" in shown
    assert plan(ours, "show", "4.1").stdout.count("30%") >= 1


# ---------------------------------------------------------------- removed on one side


def test_an_item_added_under_one_removed_on_the_other_side_comes_back_last_with_it(county):  # noqa: F811
    a, b = county
    a.plan("rm", "1", "--recursive", "--yes", "--by", "甲")
    git(a.folder, "commit", "-qam", "rm 1")
    git(a.folder, "push", "-q")
    b.plan("add", "1", "新建村级活动中心", "--by", "乙")  # 1.4
    b.commit_and_pull()
    git(b.folder, "push", "-q")
    git(a.folder, "pull", "-q", "--no-edit")
    undone = a.plan("undo", "--by", "甲")
    assert "1 基础设施" in undone.stdout
    # Before: 1.4 came back first under 1, before 1.1 (the archive had it right after 1).
    assert tree_order(a.plan_file)[:5] == ["1", "1.1", "1.2", "1.3", "1.4"]


# ---------------------------------------------------------------- a broken common ancestor


def test_a_common_ancestor_a_hand_edit_broke_does_not_stop_the_merge(tmp_path):
    """Office A pushed a plan a hand edit broke; both offices corrected it and went on: the
    version both started from is that broken one. Before, the merge stopped and told the user
    to correct line 9 of a version nobody can change (git's copy of an old commit)."""
    ours = write_plan(tmp_path / "ours.toml", SMALL_ITEMS)
    theirs = write_plan(tmp_path / "theirs.toml", SMALL_ITEMS)
    base = tmp_path / "base.toml"
    base.write_text(ours.read_text(encoding="utf-8").replace('"修塘"', "修塘"), encoding="utf-8")
    assert plan(ours, "progress", "1.3", "70", "--by", "甲").exit_code == 0
    assert plan(theirs, "note", "2.3", "讲座已开三场", "--by", "乙").exit_code == 0
    result = runner.invoke(app, ["merge", str(base), str(ours), str(theirs), "plan.toml"])
    assert result.exit_code == 0, result.output
    assert "plan.toml 两方共同的上一版本（git 的 base）不是有效的计划文件" in result.output
    assert tree_order(ours) == [t["id"] for t in SMALL_ITEMS]
    assert "70%" in plan(ours, "show", "1.3").stdout
    assert "讲座已开三场" in plan(ours, "show", "2.3").stdout


# ---------------------------------------------------------------- plan resolve


def test_a_status_conflict_settled_as_not_done_takes_the_day_done_away_as_reopen_does(county):  # noqa: F811
    a, b = county
    a.plan("progress", "1.3", "70", "--by", "甲")
    git(a.folder, "commit", "-qam", "70")
    git(a.folder, "push", "-q")
    b.plan("done", "1.3", "--on", "2023-03-20", "--by", "乙")
    b.commit_and_pull()
    settled = b.plan("resolve", "1.3", "status", "--theirs", "--by", "乙")
    assert "已完成 → 进行中" in settled.stdout
    # Before: a task in progress kept 完成日期 2023-03-20 (shown by show, in the report's
    # ledger), which plan reopen would have taken away.
    assert "完成日期" not in b.plan("show", "1.3").stdout.split("进展情况")[0]
    assert "2023-03-20" not in b.plan("report", "--format", "md").stdout
    b.plan("undo", "--by", "乙")
    assert "2023-03-20" in b.plan("show", "1.3").stdout
    # (the advice names the file the clerk named: plan -f …, tests/test_advice_file.py)
    assert f"plan -f {b.plan_file} resolve 1.3 status" in b.plan("check", code=1).stdout


def test_a_status_conflict_settled_as_in_progress_takes_the_reason_of_a_block_away(county):  # noqa: F811
    a, b = county
    a.plan("block", "1.3", "--reason", "雨季停工", "--by", "甲")
    git(a.folder, "commit", "-qam", "blocked")
    git(a.folder, "push", "-q")
    b.plan("progress", "1.3", "70", "--by", "乙")
    b.commit_and_pull()
    b.plan("resolve", "1.3", "status", "--ours", "--by", "乙")
    assert "雨季停工" not in b.plan("show", "1.3").stdout.split("进展情况")[0]


# ---------------------------------------------------------------- the header's log


def header_log(text: str) -> list[tuple[str, str]]:
    from quanhu_plan.store import parse_toml

    meta = parse_toml(text, "plan")["plan"]
    return [(e["by"], e["action"]) for e in meta.get("log", [])]


def test_the_headers_log_of_both_sides_survives_a_merge_and_undo_still_takes_a_change_back(
    county,  # noqa: F811
):
    a, b = county
    a.plan("header", "--organisation", "测试镇党政办", "--by", "甲")
    git(a.folder, "commit", "-qam", "organisation")
    git(a.folder, "push", "-q")
    b.plan("header", "--title", "测试镇2023年工作计划（修订）", "--by", "乙")
    b.plan("progress", "1.3", "70", "--by", "乙")
    b.commit_and_pull()
    # Before: the merge dropped [[plan.log]] whole, both sides' header changes with it.
    assert sorted(header_log(b.text())) == [("乙", "edit"), ("甲", "edit")]
    git(b.folder, "push", "-q")
    git(a.folder, "pull", "-q", "--no-edit")
    undone = a.plan("undo", "--by", "甲")
    assert "测试镇党政办" in undone.stdout
    header = a.plan("header").stdout
    assert "测试镇党政办" not in header and "（修订）" in header


def test_a_header_conflict_says_who_set_each_value(county):  # noqa: F811
    a, b = county
    a.plan("header", "--organisation", "测试镇党政办", "--by", "甲")
    git(a.folder, "commit", "-qam", "organisation")
    git(a.folder, "push", "-q")
    b.plan("header", "--organisation", "测试镇政府办", "--by", "乙")
    pulled = b.commit_and_pull()
    assert "暂用（--ours）测试镇政府办（乙 " in pulled.stderr
    assert "另一个值（--theirs）测试镇党政办（甲 " in pulled.stderr


# ---------------------------------------------------------------- plan git-setup --command


def test_git_setup_given_a_program_in_a_folder_with_a_space_writes_a_driver_git_can_run(
    county,  # noqa: F811
    tmp_path,
):
    """plan git-setup --command "C:/Program Files/quanhu/plan.exe": git runs the driver
    through the shell, which cut it at the space, so every merge failed (Program: not found)
    and left the plan in conflict, as text."""
    import shlex
    import sys

    a, b = county
    folder = tmp_path / "Program Files" / "quanhu"
    folder.mkdir(parents=True)
    program = folder / "plan"
    program.write_text(
        f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m quanhu_plan "$@"\n', encoding="utf-8"
    )
    program.chmod(0o755)
    result = runner.invoke(app, ["-f", str(b.plan_file), "git-setup", "--command", str(program)])
    assert result.exit_code == 0, result.output
    a.plan("progress", "1.3", "70", "--by", "甲")
    git(a.folder, "commit", "-qam", "70")
    git(a.folder, "push", "-q")
    b.plan("progress", "2.3", "90", "--by", "乙")
    pulled = b.commit_and_pull()
    assert "plan merge：已合并 plan.toml" in pulled.stderr
    shown = b.plan("list").stdout
    assert "70%" in shown and "90%" in shown


def test_git_setup_names_a_plan_whose_name_has_brackets_so_that_git_finds_it(
    tmp_path,
    git_env,  # noqa: F811
):
    """A plan not named *.toml gets a line of its own in .gitattributes: [2023] in its name
    was written as it is, which git reads as one of the characters 2, 0 or 3, so the line
    named no file and the plan was merged as text, though git-setup said it was set up."""
    git(tmp_path, "init", "-q")
    plan_file = write_plan(tmp_path / "计划[2023] 定稿.txt", SMALL_ITEMS)
    assert plan(plan_file, "git-setup").exit_code == 0
    said = git(tmp_path, "check-attr", "merge", "--", plan_file.name).stdout
    assert said.rstrip().endswith("merge: quanhu-plan"), said


def test_resolve_takes_a_progress_typed_with_its_percent_sign_as_plan_progress_does(county):  # noqa: F811
    a, b = county
    a.plan("progress", "1.3", "60", "--by", "甲")
    git(a.folder, "commit", "-qam", "60")
    git(a.folder, "push", "-q")
    b.plan("progress", "1.3", "70", "--by", "乙")
    b.commit_and_pull()
    assert b.plan("progress", "2.3", "85%", "--by", "乙").exit_code == 0
    # Before: refused (exit 2): “65%” has the unit “%”, write 65.
    settled = b.plan("resolve", "1.3", "进度", "65%", "--by", "乙")
    assert "进度 70% → 65%" in settled.stdout


# ---------------------------------------------------------------- the log's order


def test_a_note_corrected_by_hand_on_their_side_keeps_its_place_in_the_log(tmp_path):
    """A clerk corrects a typo in an old 进展情况 note in an editor; the other side changed the
    same task. The corrected entry went after every entry of the base, so, of two notes of
    one day, the older one read as the latest (the report's 最新进展)."""
    base = write_plan(tmp_path / "base.toml", SMALL_ITEMS)
    for note in ("第一次讲座", "第二次讲座"):
        assert plan(base, "note", "2.3", note, "--by", "甲").exit_code == 0
    ours, theirs = tmp_path / "ours.toml", tmp_path / "theirs.toml"
    ours.write_bytes(base.read_bytes())
    text = base.read_text(encoding="utf-8")
    theirs.write_text(text.replace('"第一次讲座"', '"第一次讲座（已更正）"'), encoding="utf-8")
    assert plan(ours, "progress", "2.3", "90", "--by", "乙").exit_code == 0
    result = runner.invoke(app, ["merge", str(base), str(ours), str(theirs), "plan.toml"])
    assert result.exit_code == 0, result.output
    report = plan(ours, "report", "--format", "md").stdout
    assert "最新进展：第二次讲座" in report, report


def test_a_move_of_theirs_not_taken_keeps_our_order_too(tmp_path):
    """Their move of 3.3 under 4 and ours of 4 under 3.3 would hang each under the other:
    theirs is not taken (a conflict on parent). Its place in their file is not taken either:
    4 stays last under 3.3, where our move hung it, not first."""
    base, ours, theirs = (tmp_path / f"{side}.toml" for side in ("base", "ours", "theirs"))
    for side in (base, ours, theirs):
        assert runner.invoke(app, ["-f", str(side), "init"]).exit_code == 0
    assert plan(theirs, "move", "3.3", "4", "--by", "甲").exit_code == 0
    assert plan(ours, "move", "4", "3.3", "--by", "乙").exit_code == 0
    before = tree_order(ours)
    result = runner.invoke(app, ["merge", str(base), str(ours), str(theirs), "plan.toml"])
    assert result.exit_code == 0, result.output
    assert "plan resolve 3.3 parent" in result.output
    assert tree_order(ours) == before


def test_resolve_takes_supporting_units_typed_in_one_as_plan_edit_does(county):  # noqa: F811
    a, b = county
    a.plan("edit", "1.3", "--support", "水利站", "--by", "甲")
    git(a.folder, "commit", "-qam", "support")
    git(a.folder, "push", "-q")
    b.plan("edit", "1.3", "--support", "农业股", "--by", "乙")
    b.commit_and_pull()
    b.plan("resolve", "1.3", "support_units", "农业股、水利站", "--by", "乙")
    from quanhu_plan.store import parse_toml

    doc = parse_toml(b.text(), "plan")
    table = next(t for t in doc["item"] if t["id"] == "1.3")
    # Before: one unit named 农业股、水利站.
    assert table["support_units"] == ["农业股", "水利站"]


# ---------------------------------------------------------------- git pull --rebase


def test_a_rebase_keeps_a_later_commits_change_on_our_item_once_an_earlier_one_renumbered_it(
    county,  # noqa: F811
):
    """Both offices add a task under 1 (both 1.4). Office B has two commits: the add, then a
    note on its 1.4. git pull --rebase replays them one by one: the first renumbers B's task
    to 1.5, and the second still says 1.4. Before, its note went to office A's 1.4."""
    a, b = county
    both_add_one_four_a_pushed_first(a, b)
    b.plan("note", "1.4", "选址已定", "--by", "乙")
    git(b.folder, "commit", "-qam", "B notes 1.4")
    git(b.folder, "pull", "-q", "--rebase")
    shown_a, shown_b = b.plan("show", "1.4").stdout, b.plan("show", "1.5").stdout
    assert "新建村级活动中心" in shown_a and "修建垃圾分类亭" in shown_b
    assert "选址已定" in shown_b and "选址已定" not in shown_a
    assert b.plan("check").exit_code == 0


def both_add_one_four_a_pushed_first(a: Any, b: Any) -> None:
    """Both offices add a task under 1 (both 1.4): office A commits and pushes; office B
    commits its own, not yet pulled."""
    a.plan("add", "1", "新建村级活动中心", "--by", "甲")
    git(a.folder, "commit", "-qam", "A adds 1.4")
    git(a.folder, "push", "-q")
    b.plan("add", "1", "修建垃圾分类亭", "--by", "乙")
    git(b.folder, "commit", "-qam", "B adds 1.4")


def renumbered_by_the_other_office(a: Any, b: Any) -> None:
    """Office B adds its 1.4 first, office A its 1.4 later and pushes first; B had pushed its
    commit to a branch of its own too (both pushed: the task added later is renumbered, not
    the one not yet pushed), so B's pull renumbers A's (the later) to 1.5, and B pushes."""
    b.plan("add", "1", "修建垃圾分类亭", "--by", "乙")
    a.plan("add", "1", "新建村级活动中心", "--by", "甲")
    git(a.folder, "commit", "-qam", "A adds 1.4")
    git(a.folder, "push", "-q")
    git(b.folder, "commit", "-qam", "B adds 1.4")
    git(b.folder, "push", "-q", "origin", "HEAD:refs/heads/b-draft")
    pulled = git(b.folder, "pull", "-q", "--no-edit")
    assert "1.5" in pulled.stderr
    git(b.folder, "push", "-q")


def test_a_change_to_our_item_the_other_office_renumbered_in_its_merge_stays_on_our_item(
    county,  # noqa: F811
):
    """Office B added its 1.4 first, office A its 1.4 later and pushed first; B's pull renumbers
    A's (the later) to 1.5 and B pushes. Meanwhile A noted its 1.4. When A pulls, the note
    belongs on A's task, now 1.5: before, it went to B's 1.4, and A's add left 1.4's log."""
    a, b = county
    renumbered_by_the_other_office(a, b)
    a.plan("note", "1.4", "选址已定", "--by", "甲")
    a.commit_and_pull()
    shown_b, shown_a = a.plan("show", "1.4").stdout, a.plan("show", "1.5").stdout
    assert "修建垃圾分类亭" in shown_b and "新建村级活动中心" in shown_a
    assert "选址已定" in shown_a and "选址已定" not in shown_b
    assert a.plan("check").exit_code == 0


# ---------------------------------------------------------------- plan undo after a merge


def test_undo_does_not_take_back_a_colleagues_later_change_that_set_the_same_value(county):  # noqa: F811
    """Both offices set 1.3's progress to 70; office B's was the later. Office A's undo found
    70 there, as its own change left it, and set it back to 50: office B's change was taken
    back too, while the message said it was not."""
    a, b = county
    a.plan("progress", "1.3", "70", "--by", "甲")
    git(a.folder, "commit", "-qam", "70")
    git(a.folder, "push", "-q")
    b.plan("progress", "1.3", "70", "--by", "乙")
    b.commit_and_pull()
    git(b.folder, "push", "-q")
    git(a.folder, "pull", "-q", "--no-edit")
    undone = a.plan("undo", "--by", "甲", code=None)
    assert undone.exit_code == 1, undone.output
    assert "这次修改之后，乙 于" in undone.output and "又把 1.3" in undone.output
    assert "70%" in a.plan("show", "1.3").stdout.split("进展情况")[0]
