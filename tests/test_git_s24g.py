"""Session 24 (G): what plan says of a merge's conflicts to whoever reads the plan afterwards:
the office that pulled the merge as a fast-forward, and the office whose pull rebased. Each test
shows what the office met, through the commands it ran: what was printed, the exit code and
what is on disk."""

from __future__ import annotations

import json
import subprocess

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .test_git_merge import Clone, concurrently, county, git, git_env  # noqa: F401 - fixtures

runner = CliRunner()


def test_after_a_fast_forward_the_conflict_is_not_said_as_ours_and_theirs(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
) -> None:
    """甲 pushed 70% on 1.3; 乙 set 90%, pulled (git ran plan merge: a conflict recorded, 乙's
    90% kept) and pushed; 甲 pulled: a fast-forward, no merge on 甲's side. 甲's plan check then
    said 我方 90%（乙 … 修改）；对方 70%（甲 … 修改）: 甲's own figure as the other side's,
    乙's as 甲's; plan status said the figures were 我方's, the refusal called 90% 甲's value.
    Every message read from the file now names the sides as they are for any reader: the
    value in use for now (--ours) and the other one (--theirs), with who set each."""
    a, b = county
    concurrently(county, [["progress", "1.3", "70"]], [["progress", "1.3", "90"]])
    log = git(a.folder, "log", "--format=%s", "-1").stdout
    assert log.startswith("Merge")  # 甲 has 乙's merge commit, fast-forwarded
    for clone in (a, b):  # the same words whoever reads them
        check = clone.plan("check", code=1)
        said = check.stdout
        assert "我方" not in said and "对方" not in said, said
        assert "1.3 修机耕道 的 进度（progress）：暂用（--ours）90%（乙 " in said, said
        assert "另一个值（--theirs）70%（甲 " in said
        status = clone.plan("status").stdout
        assert "我方" not in status
        assert "这些数字暂以合并时保留的值（--ours）显示" in status, status
        refused = clone.plan("done", "1.3", code=1).output
        assert "我方" not in refused and "对方" not in refused, refused
        assert "暂用的值（--ours）为 90%" in refused and "另一个值（--theirs）为 70%" in refused
        english = clone.plan("--lang", "en", "check", code=1).stdout
        assert "ours" not in english.replace("--ours", ""), english
        assert "theirs" not in english.replace("--theirs", ""), english
        assert "in use for now (--ours) 90% (set by 乙 " in english, english
        county_note = runner.invoke(app, ["county", str(clone.plan_file)]).stderr
        assert "我方" not in county_note and "暂以合并时保留的值（--ours）计" in county_note
    record = json.loads(a.plan("status", "--json").stdout)["conflicts"][0]
    assert (record["ours"], record["theirs"]) == (90, 70)  # the data keeps git's names


def test_in_a_pull_that_rebases_the_merge_does_not_call_the_colleagues_value_ours(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
) -> None:
    """乙 pulled with git pull --rebase (pull.rebase = true, as many set it): git replays 乙's
    commit on 甲's, so git's ours is 甲's plan and theirs 乙's own commit. The merge said
    我方 70%（甲 … 修改）；对方 90%（乙 … 修改）: 甲's figure as 乙's side. It now names the
    value in use for now and the other one, with who set each, as it does in a merge."""
    a, b = county
    a.plan("progress", "1.3", "70", "--by", "甲")
    git(a.folder, "commit", "-q", "-am", "office A")
    git(a.folder, "push", "-q")
    b.plan("progress", "1.3", "90", "--by", "乙")
    git(b.folder, "commit", "-q", "-am", "office B")
    pulled = git(b.folder, "pull", "-q", "--rebase")
    said = pulled.stderr
    assert "1 处冲突" in said, said
    assert "我方" not in said and "对方" not in said, said
    assert "暂用（--ours）70%（甲 " in said and "另一个值（--theirs）90%（乙 " in said, said
    assert "--ours 用暂用的值，--theirs 用另一个值" in said
    check = b.plan("check", code=1).stdout
    assert "暂用（--ours）70%（甲 " in check and "我方" not in check


def test_a_plan_holding_gits_conflict_markers_does_not_say_which_is_ours(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
) -> None:
    """A clone without plan git-setup (or a plan renamed) got git's <<<<<<< markers; every
    command then said that between <<<<<<< and ======= is 我方's: in git pull --rebase that is
    the upstream's, and a clone that pulled the file with the markers committed in did not
    merge at all. It now says one side and the other, each named by its marker (HEAD)."""
    a, _ = county
    text = a.text().replace(
        'title = "修机耕道"',
        '<<<<<<< HEAD\ntitle = "修机耕道"\n=======\ntitle = "修路"\n>>>>>>> 1a2b3c',
    )
    a.plan_file.write_text(text, encoding="utf-8")
    for lang, ours, one in (
        ("zh", "我方", "<<<<<<< 与 ======= 之间是一方的内容"),
        ("en", "our side", "between <<<<<<< and ======= is one side"),
    ):
        result = a.plan("--lang", lang, "check", code=1)
        said = " ".join(result.output.split())
        assert ours not in said and "对方" not in said and one in said, said


def test_a_pull_that_rebases_onto_a_broken_plan_does_not_tell_the_office_to_correct_its_own(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
) -> None:
    """甲 pushed a plan a hand edit broke; 乙, whose plan was sound, ran git pull --rebase. In a
    rebase git's ours is 甲's commit, so the merge said 我方的版本不是有效的计划文件 … 改正本方的
    plan.toml … git merge --abort: 乙 was sent to correct a file that was not broken. It now
    says that the upstream's version is the broken one, to give up the rebase (git rebase
    --abort) and have its author correct it."""
    a, b = county
    a.plan_file.write_text(a.text().replace('title = "修塘"', 'title = ""'), encoding="utf-8")
    git(a.folder, "commit", "-q", "-am", "A by hand")
    git(a.folder, "push", "-q")
    b.plan("note", "2.3", "乙的进展", "--by", "乙")
    git(b.folder, "commit", "-q", "-am", "B")
    pulled = subprocess.run(
        ["git", "pull", "--rebase"], cwd=b.folder, capture_output=True, text=True, check=False
    )
    assert pulled.returncode != 0
    said = pulled.stderr
    assert "Traceback" not in said
    assert "我方" not in said and "改正本方" not in said, said
    assert "不能合并 plan.toml：远程（上游）的版本不是有效的计划文件" in said, said
    assert "git rebase --abort" in said and "请改这份计划的人改正 plan.toml" in said
    assert "git merge --abort" not in said
    git(b.folder, "rebase", "--abort")
    assert "乙的进展" in b.plan("show", "2.3").stdout  # 乙's commit as it was


def test_a_pull_that_rebases_a_broken_commit_of_ones_own_says_it_is_ones_own(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
) -> None:
    """乙's own commit broke the plan (a hand edit); 乙 ran git pull --rebase, which replays it
    as git's theirs: the merge said 对方的版本不是有效的计划文件 and to have 对方 correct it. It
    now says 乙's own commit being replayed is the broken one, and how to correct it so that
    the pull goes through (a rebase would replay the broken commit again)."""
    a, b = county
    a.plan("progress", "1.3", "70", "--by", "甲")
    git(a.folder, "commit", "-q", "-am", "A")
    git(a.folder, "push", "-q")
    b.plan_file.write_text(b.text().replace('title = "修塘"', 'title = ""'), encoding="utf-8")
    git(b.folder, "commit", "-q", "-am", "B by hand")
    pulled = subprocess.run(
        ["git", "pull", "--rebase"], cwd=b.folder, capture_output=True, text=True, check=False
    )
    assert pulled.returncode != 0
    said = pulled.stderr
    assert "对方" not in said and "请改这份计划的人" not in said, said
    assert "不能合并 plan.toml：你正在重放的提交中的版本不是有效的计划文件" in said, said
    assert "git rebase --abort" in said and "git pull --no-rebase" in said
    # Doing as it says: abort, correct, commit, pull without rebasing: both sides' changes.
    git(b.folder, "rebase", "--abort")
    b.plan_file.write_text(b.text().replace('title = ""', 'title = "修塘"'), encoding="utf-8")
    b.plan("check")
    git(b.folder, "commit", "-q", "-am", "corrected")
    git(b.folder, "pull", "-q", "--no-rebase", "--no-edit")
    assert '"70"' not in b.text() and "progress = 70" in b.text()
    b.plan("check")


def test_in_a_pull_that_rebases_ones_own_comments_not_carried_are_said_to_be_ones_own(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
) -> None:
    """乙 typed a comment into the plan in Notepad and committed; git pull --rebase replayed it
    onto 甲's change (with a comment of 甲's own). The merge, written on git's ours (甲's text), said 对方在 plan.toml 中
    新加的注释没有合并进来: 乙's own comment, as 甲's. It now says it was 乙's commit's."""
    a, b = county
    a.plan("progress", "1.3", "70", "--by", "甲")
    a.plan_file.write_text("# 甲：党政办维护\n" + a.text(), encoding="utf-8")
    git(a.folder, "commit", "-q", "-am", "A")
    git(a.folder, "push", "-q")
    b.plan_file.write_text(
        b.text().replace('title = "修塘"', 'title = "修塘"  # 乙：汛期前完工'), encoding="utf-8"
    )
    b.plan("progress", "2.3", "90", "--by", "乙")
    git(b.folder, "commit", "-q", "-am", "B")
    pulled = git(b.folder, "pull", "-q", "--rebase")
    said = pulled.stderr
    assert "对方" not in said, said
    # (s34F: the comment beside a value is put beside it in the merged file, where it was
    # named as one's own commit's to copy back)
    assert "注释" not in said, said
    assert 'title = "修塘"  # 乙：汛期前完工\n' in b.text()


def test_a_patch_applied_with_git_am_is_not_taken_for_a_rebase(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
) -> None:
    """A colleague mailed a patch (git format-patch) whose plan was broken by hand; the office
    applied it with git am -3, which merges with plan merge where the patch does not apply as
    it is. git am keeps its state where a rebase of the older kind does (rebase-apply), so the
    merge took it for git pull --rebase and called the colleague's patch 你正在重放的提交. It
    is their version, as in a merge."""
    b, applied = stopped_git_am(county)
    said = applied.stderr + applied.stdout
    assert "你正在重放的提交" not in said and "远程（上游）" not in said, said
    assert "不能合并 plan.toml：对方的版本不是有效的计划文件" in said, said
    git(b.folder, "am", "--abort")


def stopped_git_am(clones: tuple[Clone, Clone]) -> tuple[Clone, subprocess.CompletedProcess]:
    """A colleague's patch (git format-patch) of a plan broken by hand, applied by the other
    clone with git am -3 over a change of its own: stopped, plan merge having refused their
    version. The clone stopped, and what git am said."""
    a, b = clones
    a.plan_file.write_text(
        a.text().replace('title = "修塘"', 'title = ""').replace("progress = 50", "progress = 60"),
        encoding="utf-8",
    )
    git(a.folder, "commit", "-q", "-am", "A by hand")
    patch = git(a.folder, "format-patch", "-1", "--stdout").stdout
    b.plan("progress", "1.3", "90", "--by", "乙")
    git(b.folder, "commit", "-q", "-am", "B")
    applied = subprocess.run(
        ["git", "am", "-3"], cwd=b.folder, input=patch, capture_output=True, text=True, check=False
    )
    assert applied.returncode != 0
    return b, applied
