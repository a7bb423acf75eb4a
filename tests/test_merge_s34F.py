"""Session 34 (F): git merging's leftovers. A merge whose two texts both have comments in
renumbered tasks keeps the file's layout and each comment beside its own task; comments beside
archived renumbered tasks are found; a long list of comments not kept is said readably; a
cherry-pick keeps the id of the task already on the branch. Then real scenarios of two clerks
with real git: every merge leaves a valid plan or a clear conflict, and loses nothing."""

from __future__ import annotations

import shutil

import pytest

from .conftest import Clock
from .test_git_merge import Clone, county, git, git_env  # noqa: F401 - fixtures
from .test_review_s33L import assert_sound, at, commit, live, push, with_comment

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs the git program")

HEAD_COMMENT = "# 台账：改动前先 git pull"


def comment_above_its_task(raw: str, comment: str) -> None:
    """The comment is in the file, in the table of the task it was typed in."""
    lines = raw.replace("\r\n", "\n").splitlines()
    assert comment in lines, (comment, raw)
    below = next(x for x in lines[lines.index(comment) :] if x.startswith("title"))
    assert comment[2:4] in below, (comment, below)


@pytest.mark.parametrize("how", ["--no-rebase", "--rebase"])
@pytest.mark.parametrize("form", ["lf", "crlf", "bom"])
def test_comments_in_renumbered_tasks_on_both_sides_keep_the_layout(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
    clock: Clock,
    how: str,
    form: str,
) -> None:
    """Both clerks added two tasks under 1 and typed a comment in each; the later of each
    clash is renumbered on both sides. The merge was written whole (the header comment lost,
    the four named to copy back); now it is written on a text with the new ids said in it:
    every comment stays, in its own task, and the file keeps its layout and form."""
    a, b = county
    newline = "\r\n" if form == "crlf" else "\n"
    text = HEAD_COMMENT + newline + a.text().replace("\n", newline)
    a.plan_file.write_bytes((("\ufeff" if form == "bom" else "") + text).encode("utf-8"))
    commit(a, form)
    push(a)
    git(b.folder, "pull", "-q", "--no-edit")
    for clone, who, days in ((a, "甲", (2, 3)), (b, "乙", (1, 4))):
        for n, day in enumerate(days):
            at(clock, day)
            clone.plan("add", "1", f"{who}{n}", "--by", who)
            raw = clone.plan_file.read_bytes().decode("utf-8")
            raw = with_comment(raw, f"1.{4 + n}", f"# {who}{n}的说明", newline)
            clone.plan_file.write_bytes(raw.encode("utf-8"))
        commit(clone, who)
    push(b)
    pulled = git(a.folder, "pull", how, "-q", "--no-edit")
    said = (pulled.stdout + pulled.stderr).replace("\n", "")
    raw = a.plan_file.read_bytes().decode("utf-8")
    assert raw.startswith("\ufeff") == (form == "bom"), raw[:10]
    if form == "crlf":
        assert "\n" not in raw.replace("\r\n", ""), "mixed line ends"
    assert raw.lstrip("\ufeff").startswith(HEAD_COMMENT + newline), said
    assert "注释没有保留" not in said and "没有合并进来" not in said, said
    for who in "甲乙":
        for n in range(2):
            comment_above_its_task(raw, f"# {who}{n}的说明")
    assert_sound(a)
    titles = [t for i, t in live(a) if i.startswith("1.") and i.count(".") == 1]
    assert sorted(titles[-4:]) == ["乙0", "乙1", "甲0", "甲1"], titles
