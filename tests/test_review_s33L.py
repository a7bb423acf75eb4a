"""Session 33 (L): a review of the merge fixes of s33H with real git repositories: many tasks
added on both sides, adds under other parents, adds with removals and moves, goals renumbered
with their tasks, comments on both sides, CRLF and BOM files, rebase of several commits,
cherry-pick, a merge undone. Nothing is lost or doubled, the order is the one a person reads,
every comment is kept or named, and plan check is clean."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from typer.testing import CliRunner

from quanhu_plan.store import parse_toml

from .conftest import CST, Clock
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
    return [(t["id"], t["title"]) for t in parse_toml(clone.text(), "plan")["item"]]


def key(item_id: str) -> list[int]:
    return [int(p) for p in item_id.split(".")]


def assert_sound(clone: Clone) -> None:
    """Ids once each, each after its parent and its older sibling, plan check clean."""
    items = live(clone)
    ids = [i for i, _ in items]
    assert len(ids) == len(set(ids)), ids
    titles = [t for _, t in items]
    assert len(titles) == len(set(titles)), titles
    assert ids == sorted(ids, key=key), items
    checked = clone.plan("check", code=None)
    assert "没有发现问题" in checked.output, checked.output


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
