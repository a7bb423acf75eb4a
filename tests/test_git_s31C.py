"""Session 31 (C): git states the unfinished-merge check missed, with the real ``git``
program and ``plan merge`` as its driver: a git stash pop that stopped on the plan (no
MERGE_HEAD, the index still holds it unmerged), a merge stopped while no git is on PATH, and a
plan named in other letter case than git's index has it (macOS, Windows). Each test shows what
the clerk met: what was printed, the exit code and what is on disk."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

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
    b, popped = stopped_stash_pop(county)
    # What the driver said: no merge to give up (git merge --abort says there is none), and
    # the broken version is the stash's, not a colleague's to be pushed again.
    driver = popped.stderr.replace("\n", "")
    assert "要恢复的版本（git stash pop 时是贮藏中的版本）不是有效的计划文件" in driver, driver
    assert "git checkout --theirs plan.toml 取出那一版" in driver, driver
    assert "--abort" not in driver and "git pull" not in driver, driver
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
    # Named in other letter case (macOS, Windows: a second name for the file here), git's
    # commands name it as git's index does: git checkout --ours PLAN.TOML names nothing.
    upper = b.folder / "PLAN.TOML"
    os.link(b.plan_file, upper)
    result = runner.invoke(app, ["-f", str(upper), "note", "2.3", "x", "--by", "乙"])
    said = result.output.replace("\n", "")
    assert result.exit_code == 1 and f"git checkout --ours {b.plan_file}；" in said, said
    assert f"git add {b.plan_file} 把它标为已解决" in said, said
    upper.unlink()
    # Doing as it says: HEAD's side kept, marked settled; the note then goes through.
    git(b.folder, "checkout", "--ours", "plan.toml")
    git(b.folder, "add", "plan.toml")
    b.plan("note", "2.3", "乙在冲突中记的", "--by", "乙")
    assert "乙在冲突中记的" in b.text()
    assert "没有发现问题" in b.plan("check").output


def stopped_pull(clones: tuple[Clone, Clone]) -> Clone:
    """甲 pushed a hand edit that broke the plan; 乙's pull stopped on it (the driver refused
    their version, git left 乙's and wrote MERGE_HEAD): 乙's clone, plan.toml unmerged (UU)."""
    a, b = clones
    a.plan("progress", "1.3", "70", "--by", "甲")
    a.plan_file.write_text(a.text().replace('title = "修塘"', 'title = "修塘', 1), encoding="utf-8")
    git(a.folder, "commit", "-q", "-am", "office A")
    git(a.folder, "push", "-q")
    b.plan("note", "1.1", "乙先记的", "--by", "乙")
    git(b.folder, "commit", "-q", "-am", "office B")
    pulled = subprocess.run(["git", "pull", "-q", "--no-edit"], cwd=b.folder, capture_output=True)
    assert pulled.returncode != 0
    assert git(b.folder, "status", "--short").stdout.startswith("UU plan.toml")
    return b


def test_a_change_is_refused_while_a_merge_is_stopped_and_no_git_is_on_path(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """乙 pulls with TortoiseGit (its own git), so no git is on PATH; the pull stopped on
    plan.toml. The check could not run git, took that for nothing stopped, and the note went
    into the file the advised abort then put back. git's folder (MERGE_HEAD) says a merge is
    stopped: the change is refused, with advice that needs no git on PATH (finish or give up
    the merge in the program that made it); plan check says so too. Nothing stopped, a change
    goes through without git as before."""
    b = stopped_pull(county)
    before = b.plan_file.read_bytes()
    no_git = tmp_path / "no-git"
    no_git.mkdir()
    with monkeypatch.context() as without_git:
        without_git.setenv("PATH", str(no_git))
        refused = b.plan("note", "2.3", "乙在冲突中记的", "--by", "乙", code=1)
        said = refused.output.replace("\n", "")
        assert "这次修改没有做" in said and "找不到 git 程序" in said, said
        assert "MERGE_HEAD" in said and "TortoiseGit" in said and "git merge --abort" in said
        assert "Traceback" not in said
        assert b.plan_file.read_bytes() == before
        english = b.plan("--lang", "en", "check", code=1).output.replace("\n", " ")
        assert "no git program is found" in english and "MERGE_HEAD" in english, english
    git(b.folder, "merge", "--abort")
    with monkeypatch.context() as without_git:
        without_git.setenv("PATH", str(no_git))
        b.plan("note", "2.3", "乙在冲突中记的", "--by", "乙")
    assert "乙在冲突中记的" in b.text()


def test_a_plan_named_in_other_letter_case_is_still_found_unmerged(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
) -> None:
    """On macOS or Windows (file systems that do not tell letter case apart) 乙 typed
    -f PLAN.TOML for plan.toml. git was asked about PLAN.TOML, which its index does not hold
    (a pathspec is matched by letter case), so the stopped pull's plan took the change. Here
    a second name for the same file (a hard link) stands for that file system. A file of that
    name that is another file (a case-sensitive file system) is not the unmerged plan."""
    b = stopped_pull(county)
    upper = b.folder / "PLAN.TOML"
    os.link(b.plan_file, upper)
    before = b.plan_file.read_bytes()
    result = runner.invoke(app, ["-f", str(upper), "note", "2.3", "乙在冲突中记的", "--by", "乙"])
    said = result.output.replace("\n", "")
    assert result.exit_code == 1, said
    assert "这次修改没有做" in said and "git merge --abort" in said, said
    assert b.plan_file.read_bytes() == before
    upper.unlink()
    upper.write_bytes(before)  # another file, by another name
    result = runner.invoke(app, ["-f", str(upper), "note", "2.3", "另一份", "--by", "乙"])
    assert result.exit_code == 0, result.output
    assert b.plan_file.read_bytes() == before


def test_a_stash_pop_is_seen_by_a_git_that_leaves_no_auto_merge(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
) -> None:
    """An older git (its merge-recursive: Ubuntu 20.04's 2.25) writes no AUTO_MERGE when a
    stash pop stops. git's index, written after the plan, holds it unmerged all the same: the
    change is refused as with a newer git."""
    b, _ = stopped_stash_pop(county)
    (b.folder / ".git" / "AUTO_MERGE").unlink()
    said = b.plan("note", "2.3", "乙在冲突中记的", "--by", "乙", code=1).output
    assert "git checkout --ours" in said.replace("\n", ""), said


def test_a_change_after_a_commit_runs_no_git(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """After git commit (or pull) the index is newer than the plan. The check reads the
    index itself (no entry of a merge in it), and the change runs no git program: start-up
    time is the product, and git takes some 10 ms to start."""
    a, _ = county
    a.plan("progress", "1.3", "70", "--by", "甲")
    git(a.folder, "commit", "-q", "-am", "office A")
    assert (a.folder / ".git" / "index").stat().st_mtime_ns >= a.plan_file.stat().st_mtime_ns
    ran: list[object] = []
    real_run = subprocess.run

    def counted(args: object, *rest: object, **options: object) -> object:
        ran.append(args)
        return real_run(args, *rest, **options)  # type: ignore[call-overload]

    monkeypatch.setattr(subprocess, "run", counted)
    a.plan("note", "2.3", "甲记的", "--by", "甲")
    assert ran == [], ran
    assert "甲记的" in a.text()


def test_a_stash_popped_onto_a_broken_plan_is_told_to_correct_the_current_one(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
) -> None:
    """甲 pushed a plan broken by hand; 乙 stashed a note, pulled it and popped the note back:
    the driver refused the current version (git's ours) and said git merge --abort, which
    git refuses (there is no merge), and to pull again. It says to correct the current
    version, commit it and pop the stash again; git kept the stash."""
    a, b = county
    a.plan_file.write_text(a.text().replace('title = "修塘"', 'title = ""'), encoding="utf-8")
    git(a.folder, "commit", "-q", "-am", "A by hand")
    git(a.folder, "push", "-q")
    b.plan("note", "2.3", "乙记的", "--by", "乙")
    git(b.folder, "stash", "-q")
    git(b.folder, "pull", "-q", "--no-edit")
    popped = subprocess.run(
        ["git", "stash", "pop"], cwd=b.folder, capture_output=True, text=True, check=False
    )
    assert popped.returncode != 0
    said = popped.stderr.replace("\n", "")
    assert "不能合并 plan.toml：当前的版本不是有效的计划文件" in said, said
    assert "git add plan.toml、git commit，再 git stash pop" in said, said
    assert "--abort" not in said and "git pull" not in said, said
    assert "乙记的" not in b.text()
    assert git(b.folder, "stash", "list").stdout.strip()  # kept
