"""Two clerks and a county, a month of git and mail (session 21, helper E): what two offices
sharing one plan through git, mail and the county's folder met that the other git tests leave
out. Each test shows a defect found so; see tests/test_git_merge.py for the ordinary cases."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .test_attack_git import both_add_one_four_a_pushed_first, renumbered_by_the_other_office
from .test_git_merge import county, git, git_env  # noqa: F401 - fixtures

runner = CliRunner()


def parents(plan_file: Path) -> dict[str, str]:
    """Each item's parent id (the top's ``""``), as list shows the tree."""
    result = runner.invoke(app, ["-f", str(plan_file), "list", "--json"])
    assert result.exit_code == 0, result.output
    return {row["id"]: row.get("parent") or "" for row in json.loads(result.stdout)}


def titles(plan_file: Path) -> dict[str, Any]:
    result = runner.invoke(app, ["-f", str(plan_file), "list", "--json"])
    assert result.exit_code == 0, result.output
    return {row["id"]: row["title"] for row in json.loads(result.stdout)}


# ---------------------------------------------------------------- a renumbered item's new children


def test_a_task_added_under_our_item_the_other_office_renumbered_goes_under_our_item(
    county,  # noqa: F811
):
    """Office B added its 1.4 first, office A its 1.4 later and pushed first; B's pull
    renumbers A's (the later) to 1.5 and pushes. Meanwhile A put a task under its 1.4 (1.4.1).
    When A pulls, that task belongs under A's item, now 1.5: it went under B's 1.4 instead,
    and B's task became a goal."""
    a, b = county
    renumbered_by_the_other_office(a, b)
    a.plan("add", "1.4", "活动中心选址", "--by", "甲")
    a.commit_and_pull()
    names = titles(a.plan_file)
    assert names["1.4"] == "修建垃圾分类亭" and names["1.5"] == "新建村级活动中心"
    child = next(i for i, t in names.items() if t == "活动中心选址")
    assert parents(a.plan_file)[child] == "1.5", (child, parents(a.plan_file))
    assert a.plan("check").exit_code == 0


def test_a_rebase_puts_a_later_commits_new_task_under_our_item_an_earlier_one_renumbered(
    county,  # noqa: F811
):
    """Both offices add a task under 1 (both 1.4). Office B has two commits: the add, then a
    task under its 1.4 (1.4.1). git pull --rebase replays them one by one: the first
    renumbers B's task to 1.5, and the second's 1.4.1 went under office A's 1.4."""
    a, b = county
    both_add_one_four_a_pushed_first(a, b)
    b.plan("add", "1.4", "分类亭选址", "--by", "乙")
    git(b.folder, "commit", "-qam", "B adds 1.4.1")
    git(b.folder, "pull", "-q", "--rebase")
    names = titles(b.plan_file)
    assert names["1.4"] == "新建村级活动中心" and names["1.5"] == "修建垃圾分类亭"
    child = next(i for i, t in names.items() if t == "分类亭选址")
    assert parents(b.plan_file)[child] == "1.5", (child, parents(b.plan_file))
    assert b.plan("check").exit_code == 0


def test_a_task_under_the_later_of_two_items_added_with_one_id_is_renumbered_with_it(
    county,  # noqa: F811
):
    """Both offices add a task under 1 (both 1.4); office A, the later, also puts a task under
    its 1.4 (1.4.1). The merge renumbers A's 1.4 to 1.5 "with what hangs under it", 1.4.1 to
    1.5.1: the driver then refused its own result, as if 1.4.1 had been lost (a loop of
    parents, it said), and git pull stopped with the plan in conflict."""
    a, b = county
    b.plan("add", "1", "修建垃圾分类亭", "--by", "乙")
    git(b.folder, "commit", "-qam", "B adds 1.4")
    git(b.folder, "push", "-q")
    a.plan("add", "1", "新建村级活动中心", "--by", "甲")
    a.plan("add", "1.4", "活动中心选址", "--by", "甲")
    pulled = a.commit_and_pull()
    assert "1.5.1" in pulled.stderr
    names = titles(a.plan_file)
    assert names["1.4"] == "修建垃圾分类亭" and names["1.5"] == "新建村级活动中心"
    assert names["1.5.1"] == "活动中心选址" and parents(a.plan_file)["1.5.1"] == "1.5"
    assert "1.4.1 → 1.5.1" in a.plan("log", "1.5.1").stdout
    assert a.plan("check").exit_code == 0


def test_a_rebase_of_two_commits_each_adding_under_one_goal_keeps_both(county):  # noqa: F811
    """Office A added 1.4 and pushed; office B added 1.4 and, in a second commit, 1.5, both
    under goal 1, then git pull --rebase. The first commit's replay renumbers B's 1.4 to 1.5;
    the second's still has it as 1.4 beside its own 1.5, and renaming one onto the other lost
    B's first task without a word."""
    a, b = county
    both_add_one_four_a_pushed_first(a, b)
    b.plan("add", "1", "整治河道", "--by", "乙")
    git(b.folder, "commit", "-qam", "B adds 1.5")
    git(b.folder, "pull", "-q", "--rebase")
    assert git(b.folder, "status", "--porcelain").stdout == ""
    names = titles(b.plan_file)
    assert {names.get(i) for i in ("1.4", "1.5", "1.6")} == {
        "新建村级活动中心",
        "修建垃圾分类亭",
        "整治河道",
    }, names
    assert all(parents(b.plan_file)[i] == "1" for i in ("1.4", "1.5", "1.6"))
    assert b.plan("check").exit_code == 0


def test_our_next_add_at_the_id_the_other_office_renumbered_our_first_to_is_kept(county):  # noqa: F811
    """Office B added 1.4 first; office A's 1.4, the later, was renumbered 1.5 by B's pull.
    Meanwhile A added another task, its own 1.5. When A pulls, its first task goes to 1.5 and
    its second makes way (1.6), as the merge says: it is not written over."""
    a, b = county
    renumbered_by_the_other_office(a, b)
    a.plan("add", "1", "整治河道", "--by", "甲")
    pulled = a.commit_and_pull()
    assert "1.5 两方都新增了不同的事项：后加的一项改为 1.6" in pulled.stderr
    names = titles(a.plan_file)
    assert [names.get(i) for i in ("1.4", "1.5", "1.6")] == [
        "修建垃圾分类亭",
        "新建村级活动中心",
        "整治河道",
    ], names
    assert a.plan("check").exit_code == 0


# ---------------------------------------------------------------- plan merge by hand (mail)


def test_plan_merge_by_hand_names_the_mailed_copy_that_is_broken_not_ours(tmp_path):
    """Two copies of a plan edited apart, one mailed back through a Windows tool that put a
    Ctrl-Z at its end, merged with plan merge by hand (no git, no name): the error said ours
    (泉湖镇.toml) had the Ctrl-Z at line N, and told the clerk to git merge --abort."""
    from .conftest import SMALL_ITEMS, write_plan

    base = write_plan(tmp_path / "base.toml", SMALL_ITEMS)
    ours = tmp_path / "泉湖镇.toml"
    mailed = tmp_path / "泉湖镇计划(1).toml"
    ours.write_bytes(base.read_bytes())
    mailed.write_bytes(base.read_bytes())
    assert runner.invoke(app, ["-f", str(ours), "progress", "1.3", "60"]).exit_code == 0
    assert runner.invoke(app, ["-f", str(mailed), "note", "2.3", "已开三场"]).exit_code == 0
    mailed.write_bytes(mailed.read_bytes().replace(b"\n", b"\r\n") + b"\x1a")
    kept = ours.read_bytes()
    result = runner.invoke(app, ["merge", str(base), str(ours), str(mailed)])
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    assert f"{mailed} 第" in said and "Ctrl-Z" in said, said
    assert f"{ours} (theirs)" not in said and "git merge --abort" not in said, said
    assert ours.read_bytes() == kept


# ---------------------------------------------------------------- the county's folder


def test_the_county_view_says_which_towns_figures_are_in_a_merge_conflict(county, tmp_path):  # noqa: F811
    """The county's folder is a clone where one town's plan was pulled with a conflict not yet
    settled (both offices set 1.3's progress). Its row is ranked on our side's value: plan
    status and the year-end report say those figures are not final, the county view said
    nothing, and the 通报 ranked the town on an undecided figure."""
    a, b = county
    a.plan("progress", "1.3", "70", "--by", "甲")
    git(a.folder, "commit", "-qam", "70")
    git(a.folder, "push", "-q")
    b.plan("progress", "1.3", "90", "--by", "乙")
    b.commit_and_pull()
    settled = tmp_path / "云集镇.toml"
    settled.write_bytes(a.plan_file.read_bytes())
    assert (
        runner.invoke(app, ["-f", str(settled), "header", "--organisation", "云集镇"]).exit_code
        == 0
    )
    for args in ([], ["--json"], ["--format", "md"]):
        shown = runner.invoke(app, ["county", str(b.plan_file), str(settled), *args])
        assert shown.exit_code == 0, shown.output
        said = " ".join(shown.stderr.split())
        assert f"{b.plan_file}" in said and "1 处合并冲突未解决" in said, (args, said)
        assert "云集镇" not in said, said
        if args == ["--json"]:
            json.loads(shown.stdout)  # the JSON stays JSON
    b.plan("resolve", "1.3", "progress", "--theirs", "--by", "乙")
    assert "合并冲突" not in runner.invoke(app, ["county", str(b.plan_file)]).stderr


# ---------------------------------------------------------------- adds on both sides, at random


def _identity(table: dict[str, Any]) -> Any:
    """Which item a table is, whatever id a merge gave it: its add entry, else its base id."""
    added = next((e for e in table.get("log", []) if e.get("action") == "add"), None)
    return (added["at"], added["by"]) if added else table["id"]


def _tree(doc: dict[str, Any]) -> dict[Any, Any]:
    """Each live item's identity: the identity of its parent (None at the top) and its notes."""
    tables = {t["id"]: t for t in doc.get("item", [])}

    def parent(table: dict[str, Any]) -> Any:
        above = table.get("parent", table["id"].rpartition(".")[0])
        return _identity(tables[above]) if above in tables else None

    def notes(table: dict[str, Any]) -> frozenset[str]:
        return frozenset(e["note"] for e in table.get("log", []) if e.get("action") == "note")

    return {_identity(t): (parent(t), notes(t)) for t in tables.values()}


def _both(ours: dict[Any, Any], theirs: dict[Any, Any]) -> dict[Any, Any]:
    """The trees of two sides together: each item under its parent, with both sides' notes."""
    both = {**ours, **theirs}
    for item in ours.keys() & theirs.keys():
        both[item] = (ours[item][0], ours[item][1] | theirs[item][1])
    return both


def _adds(plan_doc_: dict[str, Any], picks: list[int], who: str, start: Any) -> list[Any]:
    """The document after each of ``who``'s changes (one a commit): an add under the item the
    pick chooses among those there then (often an item this side just added), or for a pick
    below 0 a note on one."""
    import copy
    import datetime as dt

    from quanhu_plan import changes
    from quanhu_plan.building import plan_from_doc
    from quanhu_plan.guard import checked

    docs, plan = [], plan_from_doc(copy.deepcopy(plan_doc_))
    for n, pick in enumerate(picks):
        ids = sorted(t["id"] for t in plan.to_doc()["item"])
        stamp = changes.Stamp(who, start + dt.timedelta(minutes=2 * n))
        at, text = ids[abs(pick) % len(ids)], f"{who}{n}"
        if pick >= 0:
            checked(plan, lambda p, at=at, text=text, s=stamp: changes.add(p, at, text, s))
        else:
            checked(plan, lambda p, at=at, text=text, s=stamp: changes.add_note(p, at, text, s))
        docs.append(copy.deepcopy(plan.to_doc()))
    return docs


def test_random_adds_on_both_sides_keep_every_item_under_its_parent_merged_or_rebased():
    """Both offices add items under goals, tasks and items they just added, and note them; the
    merge (one step, as git pull) and the rebase (commit by commit, as git pull --rebase) keep
    every item, each under the item it was added under and with its notes, and leave a valid
    plan. (A later commit's note on an item an earlier replay renumbered went to the item of
    the other office that took its old id.)"""
    import copy
    import datetime as dt

    from hypothesis import HealthCheck, example, given, settings
    from hypothesis import strategies as st

    from quanhu_plan.building import build_plan
    from quanhu_plan.canonical import dumps
    from quanhu_plan.merging import merge
    from quanhu_plan.store import parse_toml

    from .conftest import SMALL_ITEMS, plan_doc

    tz = dt.timezone(dt.timedelta(hours=8))
    picks = st.lists(st.integers(-12, 12), min_size=1, max_size=6)  # (often the same parent)

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(ours=picks, theirs=picks, theirs_first=st.booleans())
    # Both add under 1 (1.4); theirs, the later, adds 1.5 there too, then notes its 1.4.
    @example(ours=[0], theirs=[0, 0], theirs_first=False)
    @example(ours=[0], theirs=[0, 0, -4], theirs_first=False)
    def check(ours: list[int], theirs: list[int], theirs_first: bool) -> None:
        base = plan_doc(copy.deepcopy(SMALL_ITEMS))
        early, late = (
            dt.datetime(2023, 6, 1, 9, tzinfo=tz),
            dt.datetime(2023, 6, 1, 9, 1, tzinfo=tz),
        )
        our_docs = _adds(base, ours, "甲", late if theirs_first else early)
        their_docs = _adds(base, theirs, "乙", early if theirs_first else late)
        expected = _both(_tree(our_docs[-1]), _tree(their_docs[-1]))
        now = dt.datetime(2023, 6, 2, tzinfo=tz)
        merged = merge(base, our_docs[-1], their_docs[-1], by="合并", now=now).doc
        rebased, before = our_docs[-1], base
        for commit in their_docs:  # git pull --rebase: theirs replayed onto ours, one by one
            rebased = merge(before, rebased, commit, by="合并", now=now).doc
            before = commit
        for doc in (merged, rebased):
            doc = parse_toml(dumps(doc), "merged")
            assert not build_plan(doc)[1]
            assert _tree(doc) == expected

    check()
