"""s36E: a git pull from a URL, no remote set up (``git pull https://… main``, or a path): git
updates no remote-tracking branch, but FETCH_HEAD notes what it fetched, so the task fetched
(on the other repository already, maybe named in a report) keeps its id there too, and the one
not yet pushed is renumbered, as in a pull from a remote (s35F)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import Clock
from .test_git_merge import Clone, county, git, git_env  # noqa: F401 - fixtures
from .test_review_s33L import assert_sound, at, commit, live, push

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git program")


@pytest.mark.parametrize("how", ["--no-rebase", "--rebase"])
def test_a_pull_from_a_url_keeps_the_fetched_tasks_id(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
    tmp_path: Path,
    how: str,
) -> None:
    a, b = county
    git(a.folder, "remote", "remove", "origin")  # (and its remote-tracking branches)
    at(clock, 1)
    a.plan("add", "1", "甲路", "--by", "甲")
    commit(a, "甲")
    at(clock, 2)
    b.plan("add", "1", "乙桥", "--by", "乙")
    commit(b, "乙")
    push(b)
    at(clock, 3)
    url = f"file://{tmp_path / 'county.git'}"
    done = git(a.folder, "pull", how, "-q", "--no-edit", url, "main")
    said = (done.stdout + done.stderr).replace("\n", "")
    assert_sound(a)
    assert {("1.4", "乙桥"), ("1.5", "甲路")} <= set(live(a)), (live(a), said)
    assert "已推送的「乙桥」保留编号" in said and "尚未推送的「甲路」改为 1.5" in said, said
    assert git(a.folder, "for-each-ref", "refs/remotes").stdout == ""  # (no remote at all)


def test_a_local_branch_merged_after_a_fetch_keeps_the_first_added_rule(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
    tmp_path: Path,
) -> None:
    """FETCH_HEAD names what was fetched, not what is merged: a local branch merged after a
    fetch from a URL is no more pushed than before (both sides local: the later renumbered)."""
    a, _ = county
    git(a.folder, "remote", "remove", "origin")
    git(a.folder, "fetch", "-q", f"file://{tmp_path / 'county.git'}", "main")
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
    assert {("1.4", "甲草稿"), ("1.5", "甲路")} <= set(live(a)), (live(a), said)
    assert "已推送" not in said, said


def test_a_fetch_head_naming_a_commit_gone_leaves_the_pushed_rule_as_it_was(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
) -> None:
    """A FETCH_HEAD from long ago may name a commit git has since let go (gc): it is passed
    over, and the task on the remote-tracking branch keeps its id as before (s35F)."""
    a, b = county
    at(clock, 1)
    a.plan("add", "1", "甲路", "--by", "甲")
    commit(a, "甲")
    at(clock, 2)
    b.plan("add", "1", "乙桥", "--by", "乙")
    commit(b, "乙")
    push(b)
    git(a.folder, "fetch", "-q")
    fetch_head = a.folder / ".git" / "FETCH_HEAD"
    gone = "1234567890123456789012345678901234567890\t\tbranch 'old' of elsewhere\n"
    fetch_head.write_text(gone + fetch_head.read_text(encoding="utf-8"), encoding="utf-8")
    done = git(a.folder, "merge", "-q", "--no-edit", "origin/main")
    said = (done.stdout + done.stderr).replace("\n", "")
    assert_sound(a)
    assert {("1.4", "乙桥"), ("1.5", "甲路")} <= set(live(a)), (live(a), said)
    assert "已推送的「乙桥」保留编号" in said, said
