"""Session 35 (F): in a merge, the task already pushed keeps its id. Two clerks added a different
task under one goal, both as 1.4: the one already on the shared branch (pushed, maybe already
written in a report to the county) keeps 1.4 and the one not yet pushed is renumbered, whichever
was added first, in git pull (merge) and in git pull --rebase alike. Where both or neither are
pushed (two local branches, no remote) or git cannot be asked (not on PATH), the one added later
is renumbered, as before. A merge with no clash of ids asks git nothing."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.store import parse_toml

from .conftest import SMALL_ITEMS, Clock, write_plan
from .test_git_merge import DRIVER, Clone, county, git, git_env  # noqa: F401 - fixtures
from .test_review_s33L import assert_sound, at, commit, live, push

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git program")

HOWS = ["--no-rebase", "--rebase"]


def pull(clone: Clone, how: str) -> str:
    done = git(clone.folder, "pull", how, "-q", "--no-edit")
    return (done.stdout + done.stderr).replace("\n", "")


def clash(a: Clone, b: Clone, clock: Clock, how: str) -> str:
    """甲 adds a task on day 1 and commits it, not pushed; 乙 adds another under the same goal
    on day 2 and pushes it; 甲 pulls. What the pull said."""
    at(clock, 1)
    a.plan("add", "1", "甲路", "--by", "甲")
    commit(a, "甲")
    at(clock, 2)
    b.plan("add", "1", "乙桥", "--by", "乙")
    commit(b, "乙")
    push(b)
    at(clock, 3)
    return pull(a, how)


@pytest.mark.parametrize("how", HOWS)
def test_the_task_already_pushed_keeps_its_id_though_added_later(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
    how: str,
) -> None:
    a, b = county
    said = clash(a, b, clock, how)
    assert_sound(a)
    assert {("1.4", "乙桥"), ("1.5", "甲路")} <= set(live(a)), (live(a), said)
    assert "已推送" in said and "乙桥" in said and "甲路" in said and "1.5" in said, said
    assert "后加的一项" not in said, said
    shown = a.plan("log", "1.5").output
    assert "重新编号" in shown and "1.4" in shown, shown
    # 乙, pulling 甲's push, keeps the id 乙 has known the task by all along
    push(a)
    pull(b, "--no-rebase")
    assert {("1.4", "乙桥"), ("1.5", "甲路")} <= set(live(b)), live(b)


def test_the_notice_says_so_in_english_for_an_english_plan(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
) -> None:
    a, b = county
    write_plan(b.plan_file, SMALL_ITEMS, lang="en")
    commit(b, "en")
    push(b)
    pull(a, "--no-rebase")
    said = clash(a, b, clock, "--no-rebase")
    assert {("1.4", "乙桥"), ("1.5", "甲路")} <= set(live(a)), (live(a), said)
    assert "already pushed" in said and "(乙桥) keeps it" in said, said
    assert "(甲路) is now 1.5" in said, said


def test_two_local_branches_keep_the_first_added_rule(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
) -> None:
    """Neither side pushed: the task added later (on main, ours) is renumbered."""
    a, _ = county
    git(a.folder, "checkout", "-q", "-b", "draft")
    at(clock, 1)
    a.plan("add", "1", "甲草稿", "--by", "甲")
    commit(a, "draft")
    git(a.folder, "checkout", "-q", "main")
    at(clock, 2)
    a.plan("add", "1", "甲路", "--by", "甲")
    commit(a, "main")
    done = git(a.folder, "merge", "-q", "--no-edit", "draft")
    said = (done.stdout + done.stderr).replace("\n", "")
    assert_sound(a)
    assert {("1.4", "甲草稿"), ("1.5", "甲路")} <= set(live(a)), (live(a), said)
    assert "后加的一项改为 1.5" in said and "已推送" not in said, said


def test_both_pushed_keep_the_first_added_rule(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
) -> None:
    """Both sides on a remote-tracking branch (a pushed branch merged into main, pushed): the
    task added later (on the branch, theirs) is renumbered."""
    a, _ = county
    at(clock, 1)
    a.plan("add", "1", "甲路", "--by", "甲")
    commit(a, "main")
    push(a)
    git(a.folder, "checkout", "-q", "-b", "draft", "HEAD~1")
    at(clock, 2)
    a.plan("add", "1", "甲草稿", "--by", "甲")
    commit(a, "draft")
    git(a.folder, "push", "-q", "origin", "draft")
    git(a.folder, "checkout", "-q", "main")
    done = git(a.folder, "merge", "-q", "--no-edit", "draft")
    said = (done.stdout + done.stderr).replace("\n", "")
    assert {("1.4", "甲路"), ("1.5", "甲草稿")} <= set(live(a)), (live(a), said)
    assert "已推送" not in said, said


def lone_repository(tmp_path: Path, clock: Clock) -> Clone:
    """A repository with no remote: main and a branch each add a task, the branch's first."""
    folder = tmp_path / "alone"
    folder.mkdir()
    git(folder, "init", "-q", "-b", "main")
    clone = Clone(folder)
    write_plan(clone.plan_file, SMALL_ITEMS)
    clone.setup()
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "plan")
    git(folder, "checkout", "-q", "-b", "draft")
    at(clock, 1)
    clone.plan("add", "1", "草稿", "--by", "甲")
    commit(clone, "draft")
    git(folder, "checkout", "-q", "main")
    at(clock, 2)
    clone.plan("add", "1", "正式", "--by", "甲")
    commit(clone, "main")
    return clone


def test_no_remote_keeps_the_first_added_rule(
    tmp_path: Path,
    git_env: None,  # noqa: F811 - the fixture
    clock: Clock,
) -> None:
    clone = lone_repository(tmp_path, clock)
    done = git(clone.folder, "merge", "-q", "--no-edit", "draft")
    said = (done.stdout + done.stderr).replace("\n", "")
    assert_sound(clone)
    assert {("1.4", "草稿"), ("1.5", "正式")} <= set(live(clone)), (live(clone), said)


def test_git_missing_while_the_driver_runs_keeps_the_first_added_rule(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
    tmp_path: Path,
) -> None:
    """The driver cannot ask git (not on its PATH): the merge goes through as before, the
    pushed task added later renumbered."""
    a, b = county
    no_git = tmp_path / "no-git"
    no_git.mkdir()
    driver = f"env PATH={no_git} {DRIVER} merge %O %A %B %P"
    git(a.folder, "config", "merge.quanhu-plan.driver", driver)
    said = clash(a, b, clock, "--no-rebase")
    assert_sound(a)
    assert {("1.4", "甲路"), ("1.5", "乙桥")} <= set(live(a)), (live(a), said)
    assert "后加的一项改为 1.5" in said, said


def test_a_shallow_clone_keeps_the_first_added_rule(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
    tmp_path: Path,
) -> None:
    """In a shallow clone git cannot say for sure what is pushed: as before."""
    a, b = county
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{tmp_path / 'county.git'}", "shallow")
    c = Clone(tmp_path / "shallow")
    c.setup()
    said = clash(c, b, clock, "--no-rebase")
    assert {("1.4", "甲路"), ("1.5", "乙桥")} <= set(live(c)), (live(c), said)


def test_a_merge_without_a_clash_of_ids_runs_no_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: Clock
) -> None:
    """The driver runs for every plan in conflict: one without a clash of ids asks git
    nothing (here git would fail the test); one with a clash, outside any repository, asks and
    falls back to the first-added rule."""
    base = tmp_path / "base.toml"
    write_plan(base, SMALL_ITEMS)
    ours, theirs = tmp_path / "ours.toml", tmp_path / "theirs.toml"
    shutil.copy(base, ours)
    shutil.copy(base, theirs)
    runner = CliRunner()
    at(clock, 2)
    runner.invoke(app, ["-f", str(ours), "add", "1", "我方", "--by", "甲"])
    at(clock, 1)
    runner.invoke(app, ["-f", str(theirs), "note", "1.1", "他方的进展", "--by", "乙"])
    monkeypatch.setenv("GIT_COMMITTER_NAME", "镇政府")
    monkeypatch.setenv("GIT_EXEC_PATH", "/usr/lib/git-core")
    monkeypatch.setenv("GIT_REFLOG_ACTION", "pull")
    calls: list[object] = []
    real_run = subprocess.run

    def spying(args: object, *rest: object, **options: object) -> object:
        calls.append(args)
        return real_run(args, *rest, **options)  # type: ignore[call-overload]

    monkeypatch.setattr(subprocess, "run", spying)
    monkeypatch.chdir(tmp_path)
    merged = runner.invoke(app, ["merge", str(base), str(ours), str(theirs), "plan.toml"])
    assert merged.exit_code == 0, merged.output
    assert calls == [], calls
    runner.invoke(app, ["-f", str(theirs), "add", "1", "他方", "--by", "乙"])
    merged = runner.invoke(app, ["merge", str(base), str(ours), str(theirs), "plan.toml"])
    assert merged.exit_code == 0, merged.output
    assert calls, "asked git"
    doc = parse_toml(ours.read_text(encoding="utf-8"), "plan")
    got = {(t["id"], t["title"]) for t in doc["item"]}
    assert {("1.4", "他方"), ("1.5", "我方")} <= got, got


def test_a_task_under_the_one_renumbered_goes_with_it_and_is_named_so(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
) -> None:
    """甲's task not yet pushed has one under it: both are renumbered, the notice naming the
    one under it as going with it (not as a second task both sides added)."""
    a, b = county
    at(clock, 1)
    a.plan("add", "1", "甲路", "--by", "甲")
    a.plan("add", "1.4", "甲路一期", "--by", "甲")
    commit(a, "甲")
    at(clock, 2)
    b.plan("add", "1", "乙桥", "--by", "乙")
    commit(b, "乙")
    push(b)
    said = pull(a, "--no-rebase")
    assert_sound(a)
    assert {("1.4", "乙桥"), ("1.5", "甲路"), ("1.5.1", "甲路一期")} <= set(live(a)), live(a)
    assert "已推送的「乙桥」保留编号" in said and "尚未推送的「甲路」改为 1.5" in said, said
    assert "1.4.1「甲路一期」随上级一起改为 1.5.1" in said, said
    assert "编号 1.4.1 两方都新增" not in said, said


@pytest.mark.parametrize("how", HOWS)
def test_two_commits_of_ours_against_two_pushed_tasks(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
    how: str,
) -> None:
    """甲 added 1.4 and, in a second commit, 1.5, both before 乙 added 1.4 and 1.5 and pushed
    them. In a rebase each of 甲's commits is replayed in turn (the second against the
    upstream's and 甲's first, renumbered): 乙's keep 1.4 and 1.5 throughout."""
    a, b = county
    at(clock, 1)
    a.plan("add", "1", "甲一", "--by", "甲")
    commit(a, "甲 1")
    at(clock, 2)
    a.plan("add", "1", "甲二", "--by", "甲")
    commit(a, "甲 2")
    for day, title in ((3, "乙一"), (4, "乙二")):
        at(clock, day)
        b.plan("add", "1", title, "--by", "乙")
    commit(b, "乙")
    push(b)
    at(clock, 5)
    said = pull(a, how)
    assert_sound(a)
    got = set(live(a))
    assert {("1.4", "乙一"), ("1.5", "乙二"), ("1.6", "甲一"), ("1.7", "甲二")} <= got, (got, said)
    assert "后加的一项" not in said, said


def test_a_rebase_of_the_older_way_keeps_the_pushed_tasks_ids_too(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
) -> None:
    """git rebase --apply (the older way, git am's, which notes no commit rebased onto), over
    two commits of 甲's: the upstream's tasks keep 1.4 and 1.5 at each."""
    a, b = county
    for day, title in ((1, "甲一"), (2, "甲二")):
        at(clock, day)
        a.plan("add", "1", title, "--by", "甲")
        commit(a, title)
    for day, title in ((3, "乙一"), (4, "乙二")):
        at(clock, day)
        b.plan("add", "1", title, "--by", "乙")
    commit(b, "乙")
    push(b)
    at(clock, 5)
    git(a.folder, "fetch", "-q")
    done = git(a.folder, "rebase", "-q", "--apply", "origin/main")
    said = (done.stdout + done.stderr).replace("\n", "")
    assert_sound(a)
    got = set(live(a))
    assert {("1.4", "乙一"), ("1.5", "乙二"), ("1.6", "甲一"), ("1.7", "甲二")} <= got, (got, said)
