"""Session 34 (J): a review of session 34's git merging (s34F) with real git repositories.
Each test is a defect found, shown as the clerk met it: what was printed, the exit code and
what is on disk."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from .conftest import Clock
from .test_git_merge import Clone, county, git, git_env  # noqa: F401 - fixtures
from .test_review_s33L import assert_sound, at, commit, live, push

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git program")

# git before 2.39 (Ubuntu 22.04's 2.34, Debian 11's 2.30, CentOS 7's 1.8) names a git
# cherry-pick and a git revert to the programs they run: GIT_REFLOG_ACTION=cherry-pick (or
# revert), set only where it is not set already. Set here, the git of this machine passes the
# driver what an older one does.
OLDER_GITS_PICK = "cherry-pick"


@pytest.mark.parametrize("named", [None, OLDER_GITS_PICK])
def test_a_cherry_pick_by_an_older_git_keeps_the_id_of_the_task_on_the_branch(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
    monkeypatch: pytest.MonkeyPatch,
    named: str | None,
) -> None:
    """A cherry-pick keeps the id of the task already on the branch (乙's 1.4, pushed) only
    where git names no operation to the driver; an older git names it (cherry-pick), and the
    driver took it for a git merge: the picked task, added first, took 1.4 and 乙's pushed
    1.4 became 1.5 in 甲's clone."""
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
    if named is not None:
        monkeypatch.setenv("GIT_REFLOG_ACTION", named)
    picking = git(a.folder, "cherry-pick", picked)
    said = (picking.stdout + picking.stderr).replace("\n", "")
    assert_sound(a)
    assert {("1.4", "乙桥"), ("1.5", "甲草稿")} <= set(live(a)), live(a)
    assert "当前分支上的保留编号" in said, said


@pytest.mark.parametrize("operation", ["cherry-pick", "revert"])
def test_a_broken_version_picked_by_an_older_git_is_told_to_abort_the_pick(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    monkeypatch: pytest.MonkeyPatch,
    operation: str,
) -> None:
    """An older git names the cherry-pick (or revert) to the driver: refusing a broken
    version, the driver told the clerk to git merge --abort (no merge is under way: git
    refuses it) and to git pull again, not git cherry-pick --abort."""
    a, _ = county
    good = a.text()
    if operation == "cherry-pick":
        git(a.folder, "checkout", "-q", "-b", "by-hand")
    a.plan_file.write_text(good.replace('title = "修塘"', 'title = ""'), encoding="utf-8")
    git(a.folder, "commit", "-q", "-am", "broken by hand")
    if operation == "cherry-pick":
        git(a.folder, "checkout", "-q", "main")
    else:  # (reverting the commit that corrected it: theirs is the broken version)
        a.plan_file.write_text(good, encoding="utf-8")
        a.plan("note", "1.3", "改正后记的", "--by", "甲")
        git(a.folder, "commit", "-q", "-am", "corrected")
    a.plan("note", "2.3", "甲记的", "--by", "甲")
    git(a.folder, "commit", "-q", "-am", "a note")
    before = a.plan_file.read_bytes()
    monkeypatch.setenv("GIT_REFLOG_ACTION", operation)
    args = ["cherry-pick", "by-hand"] if operation == "cherry-pick" else ["revert", "HEAD~1"]
    done = subprocess.run(["git", *args], cwd=a.folder, capture_output=True, text=True)
    said = done.stderr.replace("\n", "").partition("error: could not")[0]  # (git's own)
    assert done.returncode != 0, done
    assert "不是有效的计划文件" in said, said
    assert f"git {operation} --abort" in said, said
    assert "git merge --abort" not in said and "git pull" not in said, said
    assert a.plan_file.read_bytes() == before  # ours left as it was
