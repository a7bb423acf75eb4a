"""A comment one clerk typed into the plan (in Notepad: a BOM, CRLF line ends) while another
clerk changed the plan: the merge writes on the text that holds every comment, so the note
is neither lost in the merge nor, after the next pull, in the first clerk's own clone."""

from __future__ import annotations

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, write_plan
from .test_git_merge import county, field, git, git_env  # noqa: F401 - fixtures

runner = CliRunner()


def test_the_driver_keeps_a_comment_only_their_side_added_when_ours_has_none_of_its_own(
    tmp_path,
):
    base = write_plan(tmp_path / "base.toml", SMALL_ITEMS)
    text = base.read_text(encoding="utf-8")
    ours = tmp_path / "ours.toml"
    ours.write_text(text.replace("progress = 50", "progress = 60"), encoding="utf-8")
    theirs = tmp_path / "theirs.toml"
    theirs.write_text(
        text.replace('title = "修塘"', 'title = "修大塘"  # 乙：按县里通知改名'),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["merge", str(base), str(ours), str(theirs), "plan.toml"])
    assert result.exit_code == 0, result.output
    merged = ours.read_text(encoding="utf-8")
    assert 'title = "修大塘"  # 乙：按县里通知改名' in merged and "progress = 60" in merged
    assert "注释" not in result.output


def test_a_comment_typed_in_notepad_in_one_clone_survives_a_pull_in_the_other(county):  # noqa: F811
    a, b = county
    text = a.plan_file.read_text(encoding="utf-8")
    noted = text.replace('title = "禁毒讲座"', 'title = "禁毒讲座"  # 甲：与派出所联办')
    a.plan_file.write_bytes(("\ufeff" + noted).replace("\n", "\r\n").encode("utf-8"))
    a.plan("progress", "2.3", "85")
    git(a.folder, "commit", "-qam", "a note and 2.3 at 85")
    git(a.folder, "push", "-q")
    b.plan("progress", "1.3", "70")
    git(b.folder, "commit", "-qam", "1.3 at 70")
    git(b.folder, "pull", "-q", "--no-edit")
    assert "# 甲：与派出所联办" in b.text()
    assert (field(b, "1.3", "progress"), field(b, "2.3", "progress")) == (70, 85)
    assert b.plan("check").exit_code == 0
    git(b.folder, "push", "-q")
    git(a.folder, "pull", "-q", "--no-edit")
    assert "# 甲：与派出所联办" in a.plan_file.read_text(encoding="utf-8")
    assert field(a, "1.3", "progress") == 70
