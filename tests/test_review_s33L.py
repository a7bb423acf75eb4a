"""Session 33 (L): a review of the merge fixes of s33H with real git repositories: many tasks
added on both sides, adds under other parents, adds with removals and moves, goals renumbered
with their tasks, comments on both sides, CRLF and BOM files, rebase of several commits,
cherry-pick, a merge undone. Nothing is lost or doubled, the order is the one a person reads,
every comment is kept or named, and plan check is clean."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.store import parse_toml

from .conftest import CST, REPO_PLAN, Clock
from .test_git_merge import Clone, county, git, git_env  # noqa: F401 - fixtures

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git program")

runner = CliRunner()


def at(clock: Clock, day: int, hour: int = 17) -> None:
    clock.now = dt.datetime(2023, 7, day, hour, tzinfo=CST)


def commit(clone: Clone, message: str) -> None:
    git(clone.folder, "commit", "-q", "-am", message)


def push(clone: Clone) -> None:
    git(clone.folder, "push", "-q", "origin", "main")


def live(clone: Clone) -> list[tuple[str, str]]:
    text = clone.plan_file.read_bytes().decode("utf-8-sig")
    return [(t["id"], t["title"]) for t in parse_toml(text, "plan")["item"]]


def key(item_id: str) -> list[int]:
    return [int(p) for p in item_id.split(".")]


def assert_sound(clone: Clone) -> None:
    """Ids once each, each after its parent and its older sibling, plan check clean."""
    items = live(clone)
    ids = [i for i, _ in items]
    assert len(ids) == len(set(ids)), ids
    titles = [t for _, t in items]
    assert len(titles) == len(set(titles)), titles
    assert ids == sorted(ids, key=key), str(items)
    checked = clone.plan("check", code=None)
    assert checked.exit_code == 0, checked.output
    assert "没有发现问题" in checked.output or "no problems found" in checked.output


def pushed_to_a_branch_of_its_own(clone: Clone) -> None:
    """The clone's commit pushed to a branch of its own (a draft shown to the leader), as the
    other side's is on main: both sides pushed, each clash is settled by the first-added rule
    (the later task renumbered), which can renumber tasks of either side."""
    git(clone.folder, "push", "-q", "origin", "HEAD:refs/heads/draft")


def titles_under(clone: Clone, parent: str) -> list[str]:
    return [t for i, t in live(clone) if i.rsplit(".", 1)[0] == parent and "." in i]


@pytest.mark.parametrize("how", ["--no-rebase", "--rebase"])
@pytest.mark.parametrize("parent", ["1", "1.3"])
@pytest.mark.parametrize(
    ("ours_days", "theirs_days"), [((1, 3, 5), (2, 4, 6)), ((2, 3, 6), (1, 4, 5))]
)
def test_three_tasks_added_on_both_sides_under_one_parent_interleaved_in_time(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
    parent: str,
    how: str,
    ours_days: tuple[int, ...],
    theirs_days: tuple[int, ...],
) -> None:
    """甲 and 乙 each added three tasks under one parent, their days interleaved. The merge
    renumbers the later of each clash past every id used; the tasks were then listed in the
    order they were added (1.4, 1.7, 1.5, 1.8, ...), or in our file's order where ours were
    the ones renumbered (1.6 above 1.5): a ledger read out of its numbers. They come in the
    order of their ids, as plan add would have numbered them."""
    a, b = county
    for n, day in enumerate(ours_days):
        at(clock, day)
        a.plan("add", parent, f"甲{n}", "--by", "甲")
    commit(a, "甲 adds")
    for n, day in enumerate(theirs_days):
        at(clock, day)
        b.plan("add", parent, f"乙{n}", "--by", "乙")
    commit(b, "乙 adds")
    push(b)
    pushed_to_a_branch_of_its_own(a)
    git(a.folder, "pull", how, "-q", "--no-edit")
    assert_sound(a)
    under = titles_under(a, parent)
    new = [t for t in under if t[0] in "甲乙"]
    assert sorted(new) == sorted(["甲0", "甲1", "甲2", "乙0", "乙1", "乙2"]), under
    listed = a.plan("list").output
    assert [listed.index(t) for t in new] == sorted(listed.index(t) for t in new), listed


@pytest.mark.parametrize("how", ["--no-rebase", "--rebase"])
def test_adds_under_different_parents_with_subtasks(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
    how: str,
) -> None:
    a, b = county
    at(clock, 1)
    a.plan("add", "1", "甲路", "--by", "甲")
    a.plan("add", "1.4", "甲路一段", "--by", "甲")
    a.plan("add", "2", "甲教", "--by", "甲")
    commit(a, "甲 adds")
    at(clock, 2)
    b.plan("add", "1", "乙桥", "--by", "乙")
    b.plan("add", "1.4", "乙桥引道", "--by", "乙")
    b.plan("add", "1.4", "乙桥护栏", "--by", "乙")
    b.plan("add", "2.3", "乙讲座二", "--by", "乙")
    commit(b, "乙 adds")
    push(b)
    git(a.folder, "pull", how, "-q", "--no-edit")
    assert_sound(a)
    items = {t: i for i, t in live(a)}
    assert items["甲路一段"].startswith(items["甲路"] + "."), items
    assert items["乙桥引道"].startswith(items["乙桥"] + "."), items
    assert items["乙桥护栏"].startswith(items["乙桥"] + "."), items
    assert {"甲教", "乙讲座二"} <= set(items), items


@pytest.mark.parametrize("how", ["--no-rebase", "--rebase"])
def test_adds_removals_and_moves_on_both_sides(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
    how: str,
) -> None:
    a, b = county
    at(clock, 1)
    a.plan("add", "1", "甲路", "--by", "甲")
    a.plan("rm", "1.2", "--yes", "--by", "甲")
    a.plan("move", "2.3", "1", "--by", "甲")
    a.plan("add", "2", "甲教", "--by", "甲")
    commit(a, "甲")
    at(clock, 2)
    b.plan("add", "1", "乙桥", "--by", "乙")
    b.plan("move", "1.1", "2", "--by", "乙")
    b.plan("rm", "2.1", "--yes", "--by", "乙")
    b.plan("add", "2", "乙演出", "--by", "乙")
    commit(b, "乙")
    push(b)
    git(a.folder, "pull", how, "-q", "--no-edit")
    checked = a.plan("check", code=None)
    assert "没有发现问题" in checked.output, checked.output
    items = live(a)
    titles = [t for _, t in items]
    assert len(titles) == len(set(titles)) and len(items) == len({i for i, _ in items})
    for gone in ("安装路灯", "花鼓戏下乡"):
        assert gone not in titles
    for kept in ("甲路", "乙桥", "甲教", "乙演出", "修塘", "禁毒讲座", "修机耕道"):
        assert kept in titles, titles


@pytest.mark.parametrize("how", ["--no-rebase", "--rebase"])
def test_goals_added_on_both_sides_renumbered_with_their_tasks(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
    how: str,
) -> None:
    a, b = county
    at(clock, 1)
    a.plan("add", "top", "甲目标", "--by", "甲")
    a.plan("add", "3", "甲任务一", "--by", "甲")
    a.plan("add", "3", "甲任务二", "--by", "甲")
    a.plan("add", "3.2", "甲子任务", "--by", "甲")
    commit(a, "甲")
    at(clock, 2)
    b.plan("add", "top", "乙目标", "--by", "乙")
    b.plan("add", "3", "乙任务一", "--by", "乙")
    b.plan("add", "top", "乙目标二", "--by", "乙")
    b.plan("add", "4", "乙任务二", "--by", "乙")
    commit(b, "乙")
    push(b)
    git(a.folder, "pull", how, "-q", "--no-edit")
    assert_sound(a)
    items = {t: i for i, t in live(a)}
    for child, goal in (
        ("甲任务一", "甲目标"),
        ("甲任务二", "甲目标"),
        ("甲子任务", "甲任务二"),
        ("乙任务一", "乙目标"),
        ("乙任务二", "乙目标二"),
    ):
        assert items[child].rsplit(".", 1)[0] == items[goal], items


COMMENT_A = "# 甲：修机耕道资金来自一事一议"
COMMENT_B = "# 乙：讲座场地在中心校"
COMMENT_IN = "# 甲：路线待村民代表会议定"


def with_comment(text: str, after: str, comment: str, newline: str = "\n") -> str:
    line = f'id = "{after}"{newline}'
    assert line in text, after
    return text.replace(line, f"{line}{comment}{newline}", 1)


@pytest.mark.parametrize("how", ["--no-rebase", "--rebase"])
@pytest.mark.parametrize("form", ["lf", "crlf", "bom"])
@pytest.mark.parametrize("ours_day", [1, 3])
def test_comments_on_both_sides_around_changed_and_renumbered_items(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
    how: str,
    form: str,
    ours_day: int,
) -> None:
    """Each side typed a comment into its file beside an item it then changed, and both
    added a task under 1 (a renumbering): every comment is in the merged file or named."""
    a, b = county
    newline = "\r\n" if form == "crlf" else "\n"
    if form != "lf":
        text = a.text().replace("\n", newline)
        if form == "bom":
            text = "\ufeff" + text
        a.plan_file.write_bytes(text.encode("utf-8"))
        commit(a, form)
        push(a)
        git(b.folder, "pull", "-q", "--no-edit")
    for clone, after, comment in ((a, "1.3", COMMENT_A), (b, "2.3", COMMENT_B)):
        text = clone.plan_file.read_bytes().decode("utf-8")
        clone.plan_file.write_bytes(with_comment(text, after, comment, newline).encode("utf-8"))
    at(clock, ours_day)
    a.plan("progress", "1.3", "60", "--by", "甲")
    a.plan("add", "1", "甲路", "--by", "甲")
    text = a.plan_file.read_bytes().decode("utf-8")
    a.plan_file.write_bytes(with_comment(text, "1.4", COMMENT_IN, newline).encode("utf-8"))
    commit(a, "甲")
    at(clock, 2)
    b.plan("progress", "2.3", "90", "--by", "乙")
    b.plan("add", "1", "乙桥", "--by", "乙")
    commit(b, "乙")
    push(b)
    pulled = git(a.folder, "pull", how, "-q", "--no-edit")
    said = (pulled.stdout + pulled.stderr).replace("\n", "")
    raw = a.plan_file.read_bytes().decode("utf-8")
    assert raw.startswith("\ufeff") == (form == "bom"), raw[:20]
    if form == "crlf":
        assert "\n" not in raw.replace("\r\n", ""), "mixed line ends"
    for comment in (COMMENT_A, COMMENT_B, COMMENT_IN):
        assert comment in raw or comment in said, (comment, said)
    assert COMMENT_A in raw or COMMENT_B in raw, said
    assert_sound(a)
    # (乙's task, pushed, keeps 1.4 whichever was added first)
    assert titles_under(a, "1")[-2:] == ["乙桥", "甲路"]
    assert a.plan("show", "1.3").output.count("60") >= 1


@pytest.mark.parametrize("how", ["--no-rebase", "--rebase"])
def test_several_commits_on_each_side(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
    how: str,
) -> None:
    """Rebase merges each of our commits in turn: a task added, noted, a child added under
    it, then progress on it, against theirs adding at the same ids."""
    a, b = county
    at(clock, 1)
    a.plan("add", "1", "甲路", "--by", "甲")
    commit(a, "甲 1")
    at(clock, 3)
    a.plan("note", "1.4", "已招标", "--by", "甲")
    commit(a, "甲 2")
    at(clock, 5)
    a.plan("add", "1.4", "甲路一段", "--by", "甲")
    commit(a, "甲 3")
    at(clock, 7)
    a.plan("progress", "1.4.1", "30", "--by", "甲")
    a.plan("add", "1", "甲渠", "--by", "甲")
    commit(a, "甲 4")
    at(clock, 2)
    b.plan("add", "1", "乙桥", "--by", "乙")
    commit(b, "乙 1")
    at(clock, 4)
    b.plan("add", "1.4", "乙桥引道", "--by", "乙")
    b.plan("add", "1", "乙站", "--by", "乙")
    commit(b, "乙 2")
    at(clock, 6)
    b.plan("note", "1.4.1", "已勘测", "--by", "乙")
    commit(b, "乙 3")
    push(b)
    git(a.folder, "pull", how, "-q", "--no-edit")
    assert_sound(a)
    items = {t: i for i, t in live(a)}
    assert items["甲路一段"].rsplit(".", 1)[0] == items["甲路"], items
    assert items["乙桥引道"].rsplit(".", 1)[0] == items["乙桥"], items
    doc = parse_toml(a.text(), "plan")
    by_title = {t["title"]: t for t in doc["item"]}
    notes = {t: [e.get("note") for e in by_title[t].get("log", [])] for t in by_title}
    assert "已招标" in notes["甲路"], notes["甲路"]
    assert "已勘测" in notes["乙桥引道"], notes["乙桥引道"]
    assert by_title["甲路一段"].get("progress") == 30
    assert {"甲渠", "乙站"} <= set(items)


def test_a_cherry_pick_of_an_add_onto_a_plan_with_another_at_its_id(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
) -> None:
    a, b = county
    git(a.folder, "checkout", "-q", "-b", "draft")
    at(clock, 1)
    a.plan("add", "1", "甲草稿", "--by", "甲")
    commit(a, "draft add")
    picked = git(a.folder, "rev-parse", "HEAD").stdout.strip()
    git(a.folder, "checkout", "-q", "main")
    at(clock, 2)
    b.plan("add", "1", "乙桥", "--by", "乙")
    commit(b, "乙")
    push(b)
    git(a.folder, "pull", "-q", "--no-edit")
    git(a.folder, "cherry-pick", picked)
    assert_sound(a)
    # (s34F: the task already on the branch, pushed, keeps its id; the picked one, though
    # added earlier, is renumbered: it was renumbered 乙桥, which others had as 1.4)
    assert titles_under(a, "1")[-2:] == ["乙桥", "甲草稿"], live(a)
    assert {("1.4", "乙桥"), ("1.5", "甲草稿")} <= set(live(a)), live(a)


def test_a_renumbering_merge_then_undone(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
) -> None:
    a, b = county
    at(clock, 1)
    a.plan("add", "1", "甲路", "--by", "甲")
    commit(a, "甲")
    at(clock, 2)
    b.plan("add", "1", "乙桥", "--by", "乙")
    b.plan("add", "1.4", "乙桥引道", "--by", "乙")
    commit(b, "乙")
    push(a)
    git(b.folder, "pull", "-q", "--no-edit")
    assert_sound(b)
    at(clock, 3)
    undone = b.plan("undo", "--by", "乙", code=None)
    assert "Traceback" not in undone.output
    assert_sound(b)
    titles = [t for _, t in live(b)]
    assert "甲路" in titles, titles  # 甲's task is none of 乙's to undo
    assert titles.count("乙桥") == 1 and titles.count("乙桥引道") <= 1, titles
    again = b.plan("undo", "--by", "乙", code=None)
    assert "Traceback" not in again.output
    assert_sound(b)
    assert "甲路" in [t for _, t in live(b)]


def parents(clone: Clone) -> dict[str, str]:
    """Each live item's title: its parent's title ('' at the top)."""
    doc = parse_toml(clone.plan_file.read_bytes().decode("utf-8-sig"), "plan")
    title = {t["id"]: t["title"] for t in doc["item"]}
    return {
        t["title"]: title.get(t.get("parent", t["id"].rpartition(".")[0]), "") for t in doc["item"]
    }


@pytest.mark.parametrize("how", ["--no-rebase", "--rebase"])
@pytest.mark.parametrize("ours_day", [1, 3])
def test_a_goal_renumbered_with_a_task_moved_under_it(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
    how: str,
    ours_day: int,
) -> None:
    a, b = county
    at(clock, ours_day)
    a.plan("add", "top", "甲目标", "--by", "甲")
    a.plan("move", "2.3", "3", "--by", "甲")
    a.plan("add", "3", "甲任务", "--by", "甲")
    commit(a, "甲")
    at(clock, 2)
    b.plan("add", "top", "乙目标", "--by", "乙")
    b.plan("move", "1.1", "3", "--by", "乙")
    b.plan("add", "3", "乙任务", "--by", "乙")
    b.plan("rm", "1.2", "--yes", "--by", "乙")
    commit(b, "乙")
    push(b)
    git(a.folder, "pull", how, "-q", "--no-edit")
    checked = a.plan("check", code=None)
    assert "没有发现问题" in checked.output, checked.output
    up = parents(a)
    assert up["禁毒讲座"] == "甲目标" and up["甲任务"] == "甲目标", up
    assert up["修塘"] == "乙目标" and up["乙任务"] == "乙目标", up
    assert "安装路灯" not in up
    items = live(a)
    assert len(items) == len({i for i, _ in items}) == len({t for _, t in items}), items
    listed = a.plan("list").output
    for goal, task in (("甲目标", "禁毒讲座"), ("乙目标", "修塘"), ("乙目标", "乙任务")):
        assert listed.index(goal) < listed.index(task), listed


@pytest.mark.parametrize("how", ["--no-rebase", "--rebase"])
def test_an_add_against_one_added_and_removed_at_its_id(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
    how: str,
) -> None:
    a, b = county
    at(clock, 1)
    a.plan("add", "1", "甲路", "--by", "甲")
    a.plan("rm", "1.4", "--yes", "--by", "甲")
    a.plan("add", "1", "甲渠", "--by", "甲")
    commit(a, "甲")
    at(clock, 2)
    b.plan("add", "1", "乙桥", "--by", "乙")
    b.plan("add", "1", "乙站", "--by", "乙")
    b.plan("rm", "1.5", "--yes", "--by", "乙")
    commit(b, "乙")
    push(b)
    git(a.folder, "pull", how, "-q", "--no-edit")
    assert_sound(a)
    titles = [t for _, t in live(a)]
    assert "甲渠" in titles and "乙桥" in titles, titles
    assert "甲路" not in titles and "乙站" not in titles, titles
    undone = a.plan("undo", "--by", "甲", code=None)
    assert "Traceback" not in undone.output
    assert_sound(a)


def test_a_merge_with_a_broken_file_on_their_side_says_so_in_one_paragraph(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
) -> None:
    a, b = county
    at(clock, 1)
    a.plan("add", "1", "甲路", "--by", "甲")
    commit(a, "甲")
    b.plan_file.write_text(b.text().replace('id = "2.3"', 'id = "2.3', 1), encoding="utf-8")
    commit(b, "乙 broke it")
    push(b)
    done = subprocess.run(
        ["git", "pull", "-q", "--no-edit"], cwd=a.folder, capture_output=True, text=True
    )
    assert done.returncode != 0
    said = done.stdout + done.stderr
    assert "Traceback" not in said, said
    assert "不能合并 plan.toml：对方的版本不是有效的计划文件" in said, said
    assert "第 52 行第 10 列" in said and "git merge --abort" in said, said
    assert ("1.4", "甲路") in live(a)  # ours as it was, no conflict markers
    assert "<<<<<<<" not in a.text()


def test_a_criss_cross_of_two_merges_each_renumbering_three_adds(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
) -> None:
    """Each office merged the other's three adds before either pushed its merge: git then
    merges the two merges (over a base it makes of both merge bases, with the driver too)."""
    a, b = county
    for n, day in enumerate((1, 3, 5)):
        at(clock, day)
        a.plan("add", "1", f"甲{n}", "--by", "甲")
    commit(a, "甲 adds")
    git(a.folder, "push", "-q", "origin", "main:a-adds")
    for n, day in enumerate((2, 4, 6)):
        at(clock, day)
        b.plan("add", "1", f"乙{n}", "--by", "乙")
    commit(b, "乙 adds")
    git(b.folder, "push", "-q", "origin", "main:b-adds")
    git(a.folder, "fetch", "-q")
    git(b.folder, "fetch", "-q")
    git(a.folder, "merge", "-q", "--no-edit", "origin/b-adds")
    git(b.folder, "merge", "-q", "--no-edit", "origin/a-adds")
    assert_sound(a)
    assert_sound(b)
    assert live(a) == live(b)
    push(a)
    git(b.folder, "pull", "-q", "--no-edit")
    assert_sound(b)
    assert live(b) == live(a), (live(a), live(b))
    log = b.plan("log", "1.7").output
    assert log.count("合并时编号") == 1, log


@pytest.mark.parametrize("how", ["--no-rebase", "--rebase"])
@pytest.mark.parametrize("ours_days", [(1, 3, 5), (2, 3, 6)])
def test_comments_in_each_of_three_tasks_added_on_both_sides(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
    how: str,
    ours_days: tuple[int, ...],
) -> None:
    a, b = county
    comments = []
    for clone, who, days in (
        (a, "甲", ours_days),
        (b, "乙", (2, 4, 5) if ours_days[0] == 1 else (1, 4, 5)),
    ):
        for n, day in enumerate(days):
            at(clock, day)
            clone.plan("add", "1", f"{who}{n}", "--by", who)
            comment = f"# {who}{n}的说明"
            comments.append(comment)
            text = clone.text()
            clone.plan_file.write_text(with_comment(text, f"1.{4 + n}", comment), encoding="utf-8")
            commit(clone, f"{who}{n}")
    push(b)
    pulled = git(a.folder, "pull", how, "-q", "--no-edit")
    said = (pulled.stdout + pulled.stderr).replace("\n", "")
    assert_sound(a)
    for comment in comments:
        assert comment in a.text() or comment in said, (comment, said)
    # A comment kept in the file is under its own task (a renumbered one took its comment).
    lines = a.text().splitlines()
    for comment in comments:
        if comment in lines:
            below = next(line for line in lines[lines.index(comment) :] if line.startswith("title"))
            assert comment[2:4] in below, (comment, below)


@pytest.mark.parametrize("how", ["--no-rebase", "--rebase"])
def test_undo_after_a_merge_that_renumbered_ones_own_task(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
    how: str,
) -> None:
    """甲 added a task and a note on it after 乙 had added one at the same id; the merge gave
    甲's the next id. 甲's undo takes back 甲's own note, then 甲's own task, at its new id:
    乙's task at the old id is untouched."""
    a, b = county
    at(clock, 2)
    b.plan("add", "1", "乙桥", "--by", "乙")
    commit(b, "乙")
    push(b)
    at(clock, 3)
    a.plan("add", "1", "甲路", "--by", "甲")
    a.plan("note", "1.4", "甲的进展", "--by", "甲")
    commit(a, "甲")
    git(a.folder, "pull", how, "-q", "--no-edit")
    assert live(a)[4:6] == [("1.4", "乙桥"), ("1.5", "甲路")], live(a)
    at(clock, 4)
    a.plan("undo", "--by", "甲")
    shown = a.plan("show", "1.5").output
    assert "甲路" in shown and "进展（已撤销）" in shown, shown
    a.plan("undo", "--by", "甲")
    assert_sound(a)
    titles = [t for _, t in live(a)]
    assert "乙桥" in titles and "甲路" not in titles, titles


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_comment_a_merge_could_not_carry_is_named(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
    lang: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """乙 typed five comments; the merge could not be written on 乙's text (乙's task was
    renumbered): it named three of them and said "and 2 more", which the clerk could not
    copy back. Every one is named."""
    a, b = county
    at(clock, 1)
    a.plan("add", "1", "甲路", "--by", "甲")
    commit(a, "甲")
    at(clock, 2)
    b.plan("add", "1", "乙桥", "--by", "乙")
    comments = [f"# 乙的第{n}条说明" for n in range(1, 6)]
    text = b.text()
    for n, comment in enumerate(comments):
        text = with_comment(text, ["1", "1.1", "1.3", "2", "2.2"][n], comment)
    b.plan_file.write_text(text, encoding="utf-8")
    commit(b, "乙")
    push(b)
    monkeypatch.setenv("PLAN_LANG", lang)  # (git's driver runs in git's environment)
    pulled = git(a.folder, "pull", "-q", "--no-edit")
    said = (pulled.stdout + pulled.stderr).replace("\n", "")
    for comment in comments:
        assert comment in a.text() or comment in said, (comment, said)
    assert_sound(a)


@pytest.mark.parametrize("how", ["--no-rebase", "--rebase"])
def test_a_merge_of_the_town_plan_with_a_years_trace(
    tmp_path: Path,
    git_env: None,  # noqa: F811 - the fixture
    clock: Clock,
    how: str,
) -> None:
    """The town's real plan with half a year of ticks, progress and notes on both sides, then
    three tasks each added under 3.3 and notes on them."""
    bare = tmp_path / "county.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(bare))
    git(tmp_path, "clone", "-q", str(bare), "office-a")
    a = Clone(tmp_path / "office-a")
    a.plan_file.write_text(REPO_PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    a.setup()
    git(a.folder, "add", "-A")
    git(a.folder, "commit", "-q", "-m", "plan")
    push(a)
    git(tmp_path, "clone", "-q", str(bare), "office-b")
    b = Clone(tmp_path / "office-b")
    b.setup()
    for month in range(1, 7):
        clock.now = dt.datetime(2023, month, 10, 17, tzinfo=CST)
        a.plan("progress", "1.1.1", str(month * 10), "--by", "甲")
        a.plan("note", "2.2.1", f"{month}月进展", "--by", "甲")
        commit(a, f"甲 {month}")
        clock.now = dt.datetime(2023, month, 11, 17, tzinfo=CST)
        b.plan("note", "4.1", f"{month}月：乙的进展", "--by", "乙")
        b.plan("progress", "5.3.1", str(month * 12), "--by", "乙")
        commit(b, f"乙 {month}")
    for n in range(3):
        clock.now = dt.datetime(2023, 7, 1 + 2 * n, 17, tzinfo=CST)
        a.plan("add", "3.3", f"甲新增{n}", "--by", "甲")
        a.plan("note", f"3.3.{4 + n}", f"甲新增{n}的进展", "--by", "甲")
        commit(a, f"甲 add {n}")
        clock.now = dt.datetime(2023, 7, 2 + 2 * n, 17, tzinfo=CST)
        b.plan("add", "3.3", f"乙新增{n}", "--by", "乙")
        b.plan("note", f"3.3.{4 + n}", f"乙新增{n}的进展", "--by", "乙")
        commit(b, f"乙 add {n}")
    push(b)
    git(a.folder, "pull", how, "-q", "--no-edit")
    assert_sound(a)
    doc = parse_toml(a.text(), "plan")
    by_title = {t["title"]: t for t in doc["item"]}
    for who in "甲乙":
        for n in range(3):
            notes = [e.get("note") for e in by_title[f"{who}新增{n}"].get("log", [])]
            assert f"{who}新增{n}的进展" in notes, (who, n, notes)
    log_a = [e.get("note") for t in doc["item"] for e in t.get("log", [])]
    for month in range(1, 7):
        assert f"{month}月进展" in log_a and f"{month}月：乙的进展" in log_a


@pytest.mark.parametrize("how", ["--no-rebase", "--rebase"])
def test_adds_with_a_move_into_the_parent_and_a_hand_deletion(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
    how: str,
) -> None:
    a, b = county
    at(clock, 1)
    a.plan("add", "1", "甲路", "--by", "甲")
    a.plan("move", "2.2", "1", "--by", "甲")
    a.plan("add", "1", "甲渠", "--by", "甲")
    a.plan("add", "1.3", "甲机耕道一段", "--by", "甲")
    commit(a, "甲")
    at(clock, 2)
    b.plan("add", "1", "乙桥", "--by", "乙")
    b.plan("add", "1", "乙站", "--by", "乙")
    text = b.text()
    start = text.index('[[item]]\nid = "1.3"')
    end = text.index("[[item]]", start + 5)
    b.plan_file.write_text(text[:start] + text[end:], encoding="utf-8")  # 1.3 deleted by hand
    commit(b, "乙")
    push(b)
    git(a.folder, "pull", how, "-q", "--no-edit")
    checked = a.plan("check", code=None)
    assert checked.exit_code == 0, checked.output
    up = parents(a)
    assert up["甲机耕道一段"] == "修机耕道" and up["修机耕道"] == "基础设施", up
    assert up["[x] 自建房排查"] == "基础设施", up
    under = [t for t, p in up.items() if p == "基础设施"]
    assert {"甲路", "甲渠", "乙桥", "乙站"} <= set(under), under
    items = live(a)
    assert len(items) == len({i for i, _ in items}) == len({t for _, t in items}), items
    numbered = [i for i, t in items if t in {"甲路", "甲渠", "乙桥", "乙站"}]
    assert numbered == sorted(numbered, key=key), items


def test_undo_by_the_one_who_merged_does_not_undo_a_renumbering_into_a_clash(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
) -> None:
    """git's merge writes the renumber entry under the committer's name (镇政府): an undo
    under that name must not put the task back at the id another task holds."""
    a, b = county
    at(clock, 1)
    a.plan("add", "1", "甲路", "--by", "甲")
    commit(a, "甲")
    at(clock, 2)
    b.plan("add", "1", "乙桥", "--by", "乙")
    commit(b, "乙")
    push(b)
    git(a.folder, "pull", "-q", "--no-edit")
    # (乙's, pushed, keeps 1.4 though added later: 甲's is renumbered)
    assert live(a)[4:6] == [("1.4", "乙桥"), ("1.5", "甲路")], live(a)
    undone = a.plan("undo", "--by", "镇政府", code=None)
    assert "Traceback" not in undone.output
    assert_sound(a)
    assert {"甲路", "乙桥"} <= {t for _, t in live(a)}


@pytest.mark.parametrize("form", ["crlf", "bom"])
def test_a_merge_written_whole_keeps_the_files_form(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
    form: str,
) -> None:
    """Items of both sides renumbered, each side's comments in its tasks: the merge is
    written whole (no text takes it line by line), in the file's CRLF line ends or BOM."""
    a, b = county
    text = a.text().replace("\n", "\r\n") if form == "crlf" else "\ufeff" + a.text()
    a.plan_file.write_bytes(text.encode("utf-8"))
    commit(a, form)
    push(a)
    git(b.folder, "pull", "-q", "--no-edit")
    newline = "\r\n" if form == "crlf" else "\n"
    for clone, who, days in ((a, "甲", (2, 3)), (b, "乙", (1, 4))):
        for n, day in enumerate(days):
            at(clock, day)
            clone.plan("add", "1", f"{who}{n}", "--by", who)
            raw = clone.plan_file.read_bytes().decode("utf-8")
            raw = with_comment(raw, f"1.{4 + n}", f"# {who}{n}的说明", newline)
            clone.plan_file.write_bytes(raw.encode("utf-8"))
        commit(clone, who)
    push(b)
    pushed_to_a_branch_of_its_own(a)
    pulled = git(a.folder, "pull", "-q", "--no-edit")
    said = (pulled.stdout + pulled.stderr).replace("\n", "")
    assert said.count("后加的一项") == 2, said  # (甲1 at 1.5 and 乙0 at 1.4)
    raw = a.plan_file.read_bytes().decode("utf-8")
    assert raw.startswith("\ufeff") == (form == "bom"), raw[:10]
    if form == "crlf":
        assert "\n" not in raw.replace("\r\n", ""), "mixed line ends"
    for who in "甲乙":
        for n in range(2):
            assert f"# {who}{n}的说明" in raw or f"# {who}{n}的说明" in said, said
    assert_sound(a)
    lines = raw.replace("\r\n", "\n").splitlines()
    for n, line in enumerate(lines):
        if line.endswith("的说明"):
            below = next(x for x in lines[n:] if x.startswith("title"))
            assert line[2:4] in below, (line, below)


@pytest.mark.parametrize("how", ["--no-rebase", "--rebase"])
def test_a_header_comment_stays_when_both_sides_tasks_are_renumbered(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
    how: str,
) -> None:
    """Tasks of both sides renumbered (the later of each clash), the clerk's comment at the
    top of the file and none in those tasks: written line by line, the comment stays."""
    a, b = county
    a.plan_file.write_text("# 台账：改动前先 git pull\n" + a.text(), encoding="utf-8")
    commit(a, "comment")
    push(a)
    git(b.folder, "pull", "-q", "--no-edit")
    for clone, who, days in ((a, "甲", (2, 3)), (b, "乙", (1, 4))):
        for n, day in enumerate(days):
            at(clock, day)
            clone.plan("add", "1", f"{who}{n}", "--by", who)
        commit(clone, who)
    push(b)
    pushed_to_a_branch_of_its_own(a)
    pulled = git(a.folder, "pull", how, "-q", "--no-edit")
    said = (pulled.stdout + pulled.stderr).replace("\n", "")
    assert a.text().startswith("# 台账：改动前先 git pull\n"), said
    assert "注释没有保留" not in said, said
    assert_sound(a)
    assert sorted(titles_under(a, "1")[-4:]) == ["乙0", "乙1", "甲0", "甲1"]
