"""Session 30 (C): two clerks sharing a plan through git, with the real ``git`` program and
``plan merge`` as its driver: next year's plan merged over this year's, both clerks changing the
same task, line ends, BOMs, comments and broken hand edits on one side, what plan leaves beside
a plan, and ``plan git-setup`` wherever it is run. Each test shows what the clerk met: what was
printed, the exit code and what is on disk."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, write_plan
from .test_git_merge import Clone, county, git, git_env  # noqa: F401 - fixtures

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git program")

runner = CliRunner()


def plan(plan_file: Path, *args: str, code: int | None = 0) -> object:
    result = runner.invoke(app, ["-f", str(plan_file), *args])
    if code is not None:
        assert result.exit_code == code, (args, result.output)
    return result


# ---------------------------------------------------------------- next year's plan over this one


def test_next_years_plan_merged_over_an_unchanged_one_is_next_years_plan_as_written(
    tmp_path: Path,
) -> None:
    """The office changed the header once (a [[plan.log]] entry), then made next year's plan
    with plan new (a header with no log). Merging it over this year's unchanged plan (base =
    ours) wrote ``log = []`` into next year's header: noise in a header that had none. The
    merge takes their side whole: the file is next year's plan byte for byte."""
    base = write_plan(tmp_path / "base.toml", SMALL_ITEMS)
    plan(base, "header", "--organisation", "测试镇政府", "--by", "甲")
    assert "[[plan.log]]" in base.read_text(encoding="utf-8")
    ours = tmp_path / "ours.toml"
    ours.write_bytes(base.read_bytes())
    theirs = tmp_path / "theirs.toml"
    plan(base, "new", "2024", "--carry", "-o", str(theirs), "--by", "甲")
    merged = runner.invoke(app, ["merge", str(base), str(ours), str(theirs), "plan.toml"])
    assert merged.exit_code == 0, merged.output
    text = ours.read_text(encoding="utf-8")
    assert "log = []" not in text, text[:400]
    assert text == theirs.read_text(encoding="utf-8")
    plan(ours, "check")


# ---------------------------------------------------------------- plan git-setup


def test_git_setup_says_so_when_another_attributes_file_keeps_git_from_using_the_driver(
    tmp_path: Path,
    git_env: None,  # noqa: F811 - the fixture
) -> None:
    """The plan is in a sub-folder whose own .gitattributes (and .git/info/attributes, which
    outranks every .gitattributes) set another merge for it. git-setup wrote its line at the
    top and said all was set; git then merged the plan as a binary file (merge: unset) and the
    clerks' changes conflicted whole. It now asks git which merge the plan gets and, when it
    is not the driver, says so (naming the plan and where such a line may be) and exits 1."""
    repo = tmp_path / "repo"
    (repo / "sub").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    plan_file = write_plan(repo / "sub" / "plan.toml", SMALL_ITEMS)
    (repo / "sub" / ".gitattributes").write_text("*.toml merge=binary\n", encoding="utf-8")
    result = plan(plan_file, "git-setup", code=1)
    said = result.output
    assert "git 仍不会逐项合并 sub/plan.toml" in said and "是 merge=binary" in said, said
    assert str(repo / "sub" / ".gitattributes") in said, said
    # The lines are written all the same: with that line gone, the driver runs.
    (repo / "sub" / ".gitattributes").write_text("", encoding="utf-8")
    (repo / ".git" / "info" / "attributes").write_text("* -merge\n", encoding="utf-8")
    said = plan(plan_file, "git-setup", code=1).output
    assert "merge 未设置" in said or "-merge" in said, said
    assert ".git/info/attributes" in said, said
    (repo / ".git" / "info" / "attributes").write_text("", encoding="utf-8")
    # A later line of the top .gitattributes itself wins over git-setup's line before it.
    top = repo / ".gitattributes"
    top.write_text(top.read_text(encoding="utf-8") + "*.toml binary\n", encoding="utf-8")
    said = plan(plan_file, "git-setup", code=1).output
    assert f"另有一行为它设了合并方式（{top}；" in said, said
    top.write_text("*.toml merge=quanhu-plan\n", encoding="utf-8")
    plan(plan_file, "git-setup")
    check = git(repo, "check-attr", "merge", "--", "sub/plan.toml").stdout
    assert check.strip() == "sub/plan.toml: merge: quanhu-plan"


# ---------------------------------------------------------------- a merge git left unfinished


def test_plan_check_says_the_plan_is_in_conflict_while_git_holds_it_unmerged(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
) -> None:
    """甲 pushed a hand edit that broke the TOML; 乙's pull stopped (the driver refused their
    version, git marked plan.toml as in conflict: UU). plan check then said 没有发现问题 of the
    file, which holds only 乙's side: 乙 read it as fine, went on with changes, git add and
    git commit, and 甲's work was lost. plan check now says git's merge is unfinished, that
    the file lacks the other side's changes, and how to get out of it; exit 1."""
    a, b = county
    a.plan("progress", "1.3", "70", "--by", "甲")
    broken = a.text().replace('title = "修塘"', 'title = "修塘', 1)
    a.plan_file.write_text(broken, encoding="utf-8")
    git(a.folder, "commit", "-q", "-am", "office A")
    git(a.folder, "push", "-q")
    b.plan("note", "2.3", "乙记的进展", "--by", "乙")
    git(b.folder, "commit", "-q", "-am", "office B")
    import subprocess

    pulled = subprocess.run(
        ["git", "pull", "-q", "--no-edit"], cwd=b.folder, capture_output=True, text=True
    )
    assert pulled.returncode != 0
    assert git(b.folder, "status", "--short").stdout.startswith("UU plan.toml")
    said = b.plan("check", code=1).output
    assert "没有发现问题" not in said, said
    assert "git 的合并还没有完成" in said and "不含另一方的修改" in said.replace("\n", ""), said
    assert "git merge --abort" in said.replace("\n", " "), said
    english = b.plan("--lang", "en", "check", code=1).output.replace("\n", " ")
    assert "git's merge is not finished" in english and "git merge --abort" in english, english
    git(b.folder, "merge", "--abort")
    assert "没有发现问题" in b.plan("check").output  # a merge given up: nothing to say


def test_a_change_is_refused_while_git_holds_the_plan_unmerged(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
) -> None:
    """乙's pull stopped on plan.toml (甲's version broken); 乙 recorded a note all the same.
    The driver's advice, git merge --abort, then put the file back as it was before the pull
    and the note was gone without a word (git reset --merge). A change is now refused while
    git holds the plan unmerged, saying why; once the merge is given up it goes through."""
    a, b = county
    a.plan("progress", "1.3", "70", "--by", "甲")
    broken = a.text().replace('title = "修塘"', 'title = "修塘', 1)
    a.plan_file.write_text(broken, encoding="utf-8")
    git(a.folder, "commit", "-q", "-am", "office A")
    git(a.folder, "push", "-q")
    b.plan("note", "1.1", "乙先记的", "--by", "乙")
    git(b.folder, "commit", "-q", "-am", "office B")
    import subprocess

    subprocess.run(["git", "pull", "-q", "--no-edit"], cwd=b.folder, capture_output=True)
    before = b.plan_file.read_bytes()
    refused = b.plan("note", "2.3", "乙在冲突中记的", "--by", "乙", code=1)
    said = refused.output.replace("\n", "")
    assert "git 的合并还没有完成" in said and "这次修改没有做" in said, said
    assert "Traceback" not in said
    assert b.plan_file.read_bytes() == before
    git(b.folder, "merge", "--abort")
    b.plan("note", "2.3", "乙在冲突中记的", "--by", "乙")
    assert "乙在冲突中记的" in b.text()


# ---------------------------------------------------------------- both clerks, one task


def test_a_renumbering_both_offices_merges_made_is_in_the_trace_once(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
) -> None:
    """甲 and 乙 each added 1.4 under goal 1 and each merged the other's commit before
    pushing (a criss-cross: 甲 fetched 乙's branch, 乙 pulled main). Both merges renumbered
    乙's task to 1.5, each with its own renumber entry; the final pull merged the two and kept
    both: 1.5's trace said twice that it was renumbered. It says so once."""
    a, b = county
    a.plan("add", "1", "甲加的", "--by", "甲")
    git(a.folder, "commit", "-q", "-am", "A1")
    git(a.folder, "push", "-q")
    b.plan("add", "1", "乙加的", "--by", "乙")
    git(b.folder, "commit", "-q", "-am", "B1")
    git(b.folder, "push", "-q", "origin", "main:b1")
    git(a.folder, "fetch", "-q")
    git(a.folder, "merge", "-q", "--no-edit", "origin/b1")
    git(b.folder, "pull", "-q", "--no-edit", "origin", "main")
    git(a.folder, "push", "-q")
    git(b.folder, "pull", "-q", "--no-edit")
    assert git(b.folder, "status", "--short").stdout == ""
    b.plan("check")
    said = b.plan("log", "1.5").stdout
    assert said.count("重新编号") == 1, said
    assert said.count("乙加的  新增") == 1, said
    a_said = a.plan("log", "1.4").stdout
    assert a_said.count("甲加的  新增") == 1 and "重新编号" not in a_said, a_said
    texts = b.text()
    assert texts.count('action = "renumber"') == 1, texts


def test_a_plan_git_merged_as_text_still_says_its_markers_rather_than_the_unfinished_merge(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
) -> None:
    """A clone with no driver set up: git merged the plan as text and left its <<<<<<<
    markers (UU). A change says where the markers are and how to settle them, as before, not
    that the driver could not merge it."""
    a, b = county
    git(b.folder, "config", "--remove-section", f"merge.{'quanhu-plan'}")
    a.plan("progress", "1.3", "70", "--by", "甲")
    git(a.folder, "commit", "-q", "-am", "office A")
    git(a.folder, "push", "-q")
    b.plan("progress", "1.3", "60", "--by", "乙")
    git(b.folder, "commit", "-q", "-am", "office B")
    import subprocess

    subprocess.run(["git", "pull", "-q", "--no-edit"], cwd=b.folder, capture_output=True)
    assert git(b.folder, "status", "--short").stdout.startswith("UU plan.toml")
    said = b.plan("note", "1.1", "乙", "--by", "乙", code=1).output.replace("\n", "")
    assert "git 的冲突标记" in said and "合并还没有完成" not in said, said


def test_done_on_one_side_and_progress_on_the_other_is_shown_settled_and_undone(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
) -> None:
    """甲 ticked 1.3 off, 乙 reported 60% on it: the pull records one conflict (status), kept
    on 乙's value for now; check, status and show say it; resolve --theirs settles it as
    甲's; undo brings the conflict back; the trace names who did what; nothing doubled."""
    a, b = county
    a.plan("done", "1.3", "--on", "2023-06-01", "--by", "甲")
    git(a.folder, "commit", "-q", "-am", "office A")
    git(a.folder, "push", "-q")
    b.plan("progress", "1.3", "60", "--on", "2023-06-01", "--by", "乙")
    git(b.folder, "commit", "-q", "-am", "office B")
    pulled = git(b.folder, "pull", "-q", "--no-edit")
    assert "1 处冲突" in pulled.stderr, pulled.stderr
    merged = b.text()
    assert merged.count('action = "done"') == 1 and merged.count('action = "progress"') == 1
    check = b.plan("check", code=1).stdout
    assert "1.3 修机耕道 的 状态（status）：暂用（--ours）进行中（乙 " in check, check
    assert "另一个值（--theirs）已完成（甲 " in check
    assert "有 1 处合并冲突未解决（1.3 状态（status））" in b.plan("status").stdout
    assert "合并冲突：1.3 修机耕道 的 状态（status）" in b.plan("show", "1.3").stdout
    b.plan("resolve", "1.3", "status", "--theirs", "--by", "乙")
    b.plan("check")
    shown = b.plan("show", "1.3").stdout
    assert "已完成" in shown and "2023-06-01" in shown
    trace = b.plan("log", "1.3").stdout
    for who, what in (("甲", "销号"), ("乙", "进度"), ("乙", "解决冲突")):
        assert any(what in line and who in line for line in trace.splitlines()), (who, trace)
    b.plan("undo", "--by", "乙")
    assert b.text().count("\nconflict = [") == 1
    b.plan("check", code=1)


def test_what_a_change_leaves_beside_the_plan_keeps_git_status_clean_and_pull_and_checkout_free(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
) -> None:
    """A change, then a pull of a branch that changed the plan, a checkout back and forth:
    git status shows nothing the change left (nor ignored files), git is never stopped."""
    a, b = county
    git(a.folder, "checkout", "-q", "-b", "other")
    a.plan("progress", "1.3", "70", "--by", "甲")
    git(a.folder, "commit", "-q", "-am", "other")
    git(a.folder, "push", "-q", "origin", "other")
    git(a.folder, "checkout", "-q", "main")
    b.plan("note", "1.1", "乙记的", "--by", "乙")
    status = git(b.folder, "status", "--porcelain", "--ignored").stdout
    assert status == " M plan.toml\n", status
    git(b.folder, "commit", "-q", "-am", "office B")
    git(b.folder, "pull", "-q", "--no-edit", "origin", "other")
    assert git(b.folder, "status", "--porcelain", "--ignored").stdout == ""
    b.plan("check")
    git(b.folder, "checkout", "-q", "HEAD~1")
    b.plan("note", "1.1", "再记", "--by", "乙")
    git(b.folder, "checkout", "-q", "-f", "main")
    assert git(b.folder, "status", "--porcelain", "--ignored").stdout == ""
    assert "70%" in b.plan("show", "1.3").stdout


def test_git_setup_warns_when_git_could_not_run_the_program_it_set(
    tmp_path: Path,
    git_env: None,  # noqa: F811 - the fixture
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Run as python -m quanhu_plan (or a plan.exe in a folder not on PATH), git-setup set
    the driver to plan merge … all the same and said all was set; at the next pull git could
    not run it (sh: plan: not found) and marked every plan merge as a conflict. It now says
    so, with a --command that runs this program."""
    import sys

    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    (bin_folder / "git").symlink_to(shutil.which("git") or "git")
    monkeypatch.setenv("PATH", str(bin_folder))
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    plan_file = write_plan(repo / "plan.toml", SMALL_ITEMS)
    said = plan(plan_file, "git-setup").output.replace("\n", "")
    assert "要运行 plan，但在 PATH 中找不到它" in said, said
    assert f"--command '{sys.executable} -m quanhu_plan'" in said or (
        f"--command {sys.executable} -m quanhu_plan" in said
    ), said
    runnable = f"{sys.executable} -m quanhu_plan"
    quiet = plan(plan_file, "git-setup", "--command", runnable).output
    assert "找不到" not in quiet, quiet


def test_a_merge_git_ran_is_traced_under_the_git_name_of_whoever_pulled(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Both clerks added 1.4; 乙's pull renumbered 乙's task to 1.5. The renumber entry was
    by the PC's login name (Administrator on every office PC, root here), which says nothing
    of who merged; git's own merge commit says 乙. The trace now names git's user too."""
    for name in ("AUTHOR", "COMMITTER"):
        monkeypatch.delenv(f"GIT_{name}_NAME")
        monkeypatch.delenv(f"GIT_{name}_EMAIL")
    a, b = county
    for clone, who in ((a, "甲"), (b, "乙")):
        git(clone.folder, "config", "user.name", who)
        git(clone.folder, "config", "user.email", "office@example.com")
    a.plan("add", "1", "甲加的", "--by", "甲")
    git(a.folder, "commit", "-q", "-am", "A1")
    git(a.folder, "push", "-q")
    b.plan("add", "1", "乙加的", "--by", "乙")
    git(b.folder, "commit", "-q", "-am", "B1")
    git(b.folder, "pull", "-q", "--no-edit")
    assert git(b.folder, "log", "-1", "--format=%cn").stdout.strip() == "乙"
    renumber = b.text().split('action = "renumber"')[0].rsplit("[[item.log]]", 1)[1]
    assert 'by = "乙"' in renumber, renumber


def test_a_tasks_log_taken_out_by_hand_on_one_side_leaves_no_empty_log_behind(
    tmp_path: Path,
) -> None:
    """The header's rule, for a task (a guard: an item's empty log was never written, the
    header's was): their side took 1.3's only log entry out by hand (as git revert does), ours
    left it; the merged file is theirs, with no log under 1.3 and no ``log = []``."""
    base = write_plan(tmp_path / "base.toml", SMALL_ITEMS)
    plan(base, "progress", "1.3", "70", "--by", "甲")
    ours = tmp_path / "ours.toml"
    ours.write_bytes(base.read_bytes())
    text = base.read_text(encoding="utf-8")
    start = text.index("[[item.log]]")
    end = text.index("[[item]]", start)
    theirs = tmp_path / "theirs.toml"
    theirs.write_text(text[:start] + text[end:], encoding="utf-8")
    merged = runner.invoke(app, ["merge", str(base), str(ours), str(theirs), "plan.toml"])
    assert merged.exit_code == 0, merged.output
    result = ours.read_text(encoding="utf-8")
    assert "log = []" not in result and "[[item.log]]" not in result, result
    assert result == theirs.read_text(encoding="utf-8")
