"""Session 31 (C): git states the unfinished-merge check missed, with the real ``git``
program and ``plan merge`` as its driver: a git stash pop that stopped on the plan (no
MERGE_HEAD, the index still holds it unmerged), a merge stopped while no git is on PATH, and a
plan named in other letter case than git's index has it (macOS, Windows). Each test shows what
the clerk met: what was printed, the exit code and what is on disk."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from typer.testing import CliRunner

from .test_git_merge import Clone, county, git, git_env  # noqa: F401 - fixtures

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git program")

runner = CliRunner()


def stopped_stash_pop(clones: tuple[Clone, Clone]) -> tuple[Clone, subprocess.CompletedProcess]:
    """乙 broke the plan by hand in Notepad (uncommitted), stashed it to pull 甲's change, and
    popped it back: the driver refused the stash's version, git left HEAD's and the index holds
    plan.toml unmerged (UU), with no MERGE_HEAD (a stash pop is no merge git remembers)."""
    a, b = clones
    a.plan("progress", "1.3", "70", "--by", "甲")
    git(a.folder, "commit", "-q", "-am", "office A")
    git(a.folder, "push", "-q")
    b.plan_file.write_text(b.text().replace('title = "修塘"', 'title = ""'), encoding="utf-8")
    git(b.folder, "stash", "-q")
    git(b.folder, "pull", "-q", "--no-edit")
    popped = subprocess.run(
        ["git", "stash", "pop"], cwd=b.folder, capture_output=True, text=True, check=False
    )
    assert popped.returncode != 0, popped
    assert git(b.folder, "status", "--short").stdout.startswith("UU plan.toml")
    assert not (b.folder / ".git" / "MERGE_HEAD").exists()
    return b, popped


def test_a_change_is_refused_while_a_stash_pop_holds_the_plan_unmerged(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
) -> None:
    """The check looked for a stopped operation in git's folder (MERGE_HEAD, rebase-merge…)
    and found none after git stash pop, so 乙's note went into a file git still held in
    conflict: git add would then settle it as HEAD's side, the stash's change forgotten. The
    change is refused, saying how to settle it (git checkout --ours/--theirs, or correct it and
    git add); settled, it goes through."""
    b, _ = stopped_stash_pop(county)
    before = b.plan_file.read_bytes()
    refused = b.plan("note", "2.3", "乙在冲突中记的", "--by", "乙", code=1)
    said = refused.output.replace("\n", "")
    assert "这次修改没有做" in said and "git 把这个文件标为冲突" in said, said
    assert "git checkout --theirs" in said and "git checkout --ours" in said, said
    assert f"git add {b.plan_file}" in said and "git stash list" in said, said
    assert "--abort" not in said, said  # there is no stopped operation to give up
    assert "Traceback" not in said
    assert b.plan_file.read_bytes() == before
    assert "乙在冲突中记的" not in b.text()
    english = b.plan("--lang", "en", "note", "2.3", "x", "--by", "乙", code=1).output
    assert "git checkout --ours" in english.replace("\n", " "), english
    refused_fmt = b.plan("fmt", "--force", code=1).output.replace("\n", "")
    assert "git 把这个文件标为冲突" in refused_fmt, refused_fmt
    checked = b.plan("check", code=1).output.replace("\n", "")
    assert "没有发现问题" not in checked and "git checkout --ours" in checked, checked
    # Doing as it says: HEAD's side kept, marked settled; the note then goes through.
    git(b.folder, "checkout", "--ours", "plan.toml")
    git(b.folder, "add", "plan.toml")
    b.plan("note", "2.3", "乙在冲突中记的", "--by", "乙")
    assert "乙在冲突中记的" in b.text()
    assert "没有发现问题" in b.plan("check").output
