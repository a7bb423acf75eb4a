"""Session 34 (J): a review of session 34's git merging (s34F) with real git repositories.
Each test is a defect found, shown as the clerk met it: what was printed, the exit code and
what is on disk."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.store import parse_toml

from .conftest import SMALL_ITEMS, Clock, write_plan
from .test_git_merge import Clone, county, git, git_env  # noqa: F401 - fixtures
from .test_review_s33L import assert_sound, at, commit, live, push, with_comment

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


HEADING = "# —— plan merge：以下 1 条注释合并时未能放回原处，请移回原处或删去 ——"


def three_texts(tmp_path: Path) -> tuple[Path, str]:
    """A base plan with a comment of the office's at its top (so both sides have comments and
    the merge is written on ours, which holds one more), and its text."""
    base = write_plan(tmp_path / "base.toml", SMALL_ITEMS)
    text = "# 党政办的说明\n" + base.read_text(encoding="utf-8")
    base.write_text(text, encoding="utf-8")
    return base, text


def merged_by_hand(
    tmp_path: Path, base: Path, ours: str, theirs: str, form: str = "lf"
) -> tuple[str, str]:
    """``plan merge`` run on the three texts, ours and theirs in ``form`` (lf, crlf, bom):
    the merged text (read with \\n line ends, its form checked kept) and what was said."""
    start = "\ufeff" if form == "bom" else ""
    newline = "\r\n" if form == "crlf" else "\n"
    for name, text in (("ours", ours), ("theirs", theirs)):
        raw = start + text.replace("\n", newline)
        (tmp_path / f"{name}.toml").write_bytes(raw.encode("utf-8"))
    args = ["merge", str(base), str(tmp_path / "ours.toml"), str(tmp_path / "theirs.toml")]
    result = CliRunner().invoke(app, [*args, "plan.toml"])
    assert result.exit_code == 0, result.output
    merged = (tmp_path / "ours.toml").read_bytes().decode("utf-8")
    assert merged.startswith("\ufeff") == (form == "bom"), merged[:9]
    if form == "crlf":
        assert "\n" not in merged.replace("\r\n", ""), merged
    return merged.lstrip("\ufeff").replace("\r\n", "\n"), result.stderr


@pytest.mark.parametrize("form", ["lf", "crlf", "bom"])
@pytest.mark.parametrize("copied_in_ours", [True, False])
def test_the_lines_a_merge_copied_at_the_end_are_not_copied_again_under_another(
    tmp_path: Path, copied_in_ours: bool, form: str
) -> None:
    """Their clone's file ends with what an earlier merge copied there: its line saying so,
    and 乙's comment, which ours has in its place. Merged again on ours, the line saying so
    was taken for a comment of theirs that could not be placed: copied at the end under
    another such line (a heading over a heading), and named to the clerk as a comment their
    side added. The line is the merge's own: the comments under it are copied where ours
    lacks them, under one line, and it is not named."""
    base, text = three_texts(tmp_path)
    ours = with_comment(text, "2.2", "# 乙d")
    if copied_in_ours:
        ours = with_comment(ours, "2.3", "# 乙c")
    theirs = with_comment(text, "1.3", "# 甲e") + f"\n{HEADING}\n# 乙c\n"
    merged, said = merged_by_hand(tmp_path, base, ours, theirs, form)
    assert merged.count("# 乙c") == 1, merged
    assert merged.count("plan merge：以下") == (0 if copied_in_ours else 1), merged
    assert "plan merge：以下" not in said, said
    parse_toml(merged, "merged")


@pytest.mark.parametrize("form", ["lf", "crlf", "bom"])
def test_a_comment_under_a_log_entry_does_not_go_above_the_next_task(
    tmp_path: Path, form: str
) -> None:
    """Their clerk typed a comment under a log entry of 1.1 (a blank line, then 1.2's table).
    Merged on ours, it went right above 1.2's header: into 1.2 as every later merge and
    plan read it, the task it was not typed in. It cannot be placed in a log entry: it is
    copied at the end of the file and said so."""
    base, text = three_texts(tmp_path)
    ours = with_comment(text, "2.2", "# 乙d")
    entry = (
        '[[item.log]]\nat = 2023-07-01 17:00:00+08:00\non = 2023-07-01\nby = "甲"\n'
        'action = "note"\nnote = "甲记"\n# 甲c\n\n'
    )
    theirs = text.replace('[[item]]\nid = "1.2"\n', entry + '[[item]]\nid = "1.2"\n')
    assert theirs != text
    merged, said = merged_by_hand(tmp_path, base, ours, theirs, form)
    assert merged.count("# 甲c") == 1, merged
    assert '# 甲c\n[[item]]\nid = "1.2"' not in merged, merged
    assert merged.rstrip("\n").endswith("# 甲c"), merged
    assert "# 甲c" in said, said
    assert 'note = "甲记"' in merged


def test_a_comment_under_a_tasks_last_field_stays_in_that_task(tmp_path: Path) -> None:
    """Under 1.3's last field, then a blank line: the comment is 1.3's, not 1.4's."""
    base, text = three_texts(tmp_path)
    ours = with_comment(text, "2.2", "# 乙d")
    theirs = text.replace(
        'progress = 50\n\n[[item]]\nid = "2"\n', 'progress = 50\n# 甲e\n\n[[item]]\nid = "2"\n'
    )
    assert theirs != text
    merged, said = merged_by_hand(tmp_path, base, ours, theirs)
    assert 'progress = 50\n# 甲e\n\n[[item]]\nid = "2"\n' in merged, merged
    assert "注释" not in said, said


@pytest.mark.parametrize("form", ["lf", "crlf", "bom"])
def test_a_comment_their_clerk_typed_that_ours_has_in_another_task_is_kept(
    tmp_path: Path, form: str
) -> None:
    """Our clerk typed "# 待定" in 1.1, theirs the same words in 2.3. The merge, written on
    ours, took theirs for a comment it had already (the same words) and dropped it without a
    word. It goes into 2.3; one typed in the same task on both sides stays once."""
    base, text = three_texts(tmp_path)
    ours = with_comment(with_comment(text, "1.1", "# 待定"), "2.2", "# 乙d")
    theirs = with_comment(with_comment(text, "2.3", "# 待定"), "2.2", "# 乙d")
    theirs = theirs.replace('title = "修塘"', 'title = "修大塘"')
    merged, said = merged_by_hand(tmp_path, base, ours, theirs, form)
    assert merged.count("# 待定") == 2, merged
    assert 'id = "1.1"\n# 待定\n' in merged and 'id = "2.3"\n# 待定\n' in merged, merged
    assert merged.count("# 乙d") == 1, merged
    assert 'title = "修大塘"' in merged
    assert "注释" not in said, said


def test_our_comment_in_words_theirs_has_elsewhere_stays_when_written_on_theirs(
    tmp_path: Path,
) -> None:
    """Theirs holds every comment ours does and one more, so the merge is written on their
    text; ours typed "# 待定" in 1.1 and 2.3, theirs in 1.1 only: the one in 2.3 was lost."""
    base, text = three_texts(tmp_path)
    ours = with_comment(with_comment(text, "1.1", "# 待定"), "2.3", "# 待定")
    theirs = with_comment(with_comment(text, "1.1", "# 待定"), "2.2", "# 新")
    merged, said = merged_by_hand(tmp_path, base, ours, theirs.replace("修塘", "修大塘"))
    assert 'id = "1.1"\n# 待定\n' in merged and 'id = "2.3"\n# 待定\n' in merged, merged
    assert merged.count("# 待定") == 2 and "# 新" in merged, merged
    assert "注释" not in said, said


def test_one_comment_copied_at_the_end_is_said_as_one_in_english(tmp_path: Path) -> None:
    """In English, one comment copied at the end was told to be moved 'where they belong'."""
    base, text = three_texts(tmp_path)
    text = text.replace('lang = "zh"', 'lang = "en"')
    base.write_text(text, encoding="utf-8")
    ours = with_comment(text, "2.2", "# 乙d")
    entry = (
        '[[item.log]]\nat = 2023-07-01 17:00:00+08:00\non = 2023-07-01\nby = "甲"\n'
        'action = "note"\nnote = "甲记"\n# 甲c\n\n'
    )
    theirs = text.replace('[[item]]\nid = "1.2"\n', entry + '[[item]]\nid = "1.2"\n')
    merged, said = merged_by_hand(tmp_path, base, ours, theirs)
    heading = merged.rstrip("\n").splitlines()[-2]
    assert heading.endswith("move it where it belongs, or delete it --"), heading
    assert "1 comment below" in heading, heading
    said = " ".join(said.split())
    assert "move it where it belongs, or delete it)" in said, said


@pytest.mark.parametrize("form", ["lf", "crlf", "bom"])
def test_comments_copied_at_the_end_join_those_copied_there_before(
    tmp_path: Path, form: str
) -> None:
    """Ours ends with what an earlier merge copied there; theirs has a comment that cannot be
    placed. It went under a second such line: the file ended with two. It joins the first,
    whose count says both."""
    base, text = three_texts(tmp_path)
    ours = with_comment(text, "2.2", "# 乙d") + f"\n{HEADING}\n# 乙c\n"
    entry = (
        '[[item.log]]\nat = 2023-07-01 17:00:00+08:00\non = 2023-07-01\nby = "甲"\n'
        'action = "note"\nnote = "甲记"\n# 甲c\n\n'
    )
    theirs = text.replace('[[item]]\nid = "1.2"\n', entry + '[[item]]\nid = "1.2"\n')
    merged, said = merged_by_hand(tmp_path, base, ours, theirs, form)
    assert merged.count("plan merge：") == 1, merged
    assert merged.endswith(
        "\n# —— plan merge：以下 2 条注释合并时未能放回原处，请移回原处或删去 ——\n# 乙c\n# 甲c\n"
    ), merged
    assert "# 甲c" in said, said
    assert 'note = "甲记"' in merged


def test_a_comment_of_ones_own_stash_is_not_said_to_be_their_sides(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
) -> None:
    """甲 stashed a note with a comment typed under it, pulled 乙's change and popped the
    stash: the comment, copied at the end, was said to be one 'their side' (对方) added. It is
    the version being applied: 甲's own stash."""
    a, b = county
    a.plan_file.write_text("# 甲的说明\n" + a.text(), encoding="utf-8")
    commit(a, "a comment")
    push(a)
    git(b.folder, "pull", "-q", "--no-edit")
    at(clock, 1)
    a.plan("note", "2.3", "甲记", "--by", "甲")
    noted = a.text().replace('note = "甲记"\n', 'note = "甲记"\n# 甲自己的\n')
    a.plan_file.write_text(noted, encoding="utf-8")
    git(a.folder, "stash", "-q")
    b.plan("note", "1.1", "乙记", "--by", "乙")
    b.plan_file.write_text(with_comment(b.text(), "2.2", "# 乙d"), encoding="utf-8")
    commit(b, "乙")
    push(b)
    git(a.folder, "pull", "-q", "--no-edit")
    popped = subprocess.run(["git", "stash", "pop"], cwd=a.folder, capture_output=True, text=True)
    said = popped.stderr.replace("\n", "")
    assert popped.returncode == 0, said
    assert "# 甲自己的" in said and "对方" not in said, said
    assert "要应用的版本" in said, said
    assert a.text().rstrip("\n").endswith("# 甲自己的"), a.text()
