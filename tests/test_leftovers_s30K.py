"""Session 30 (K): small leftovers found this session. Each test shows what the office met,
through the commands it ran: what was printed, the exit code and what is on disk."""

from __future__ import annotations

import subprocess

from typer.testing import CliRunner

from .test_git_merge import Clone, county, git, git_env  # noqa: F401 - fixtures

runner = CliRunner()


def test_check_during_a_stopped_git_am_says_git_am_abort(
    county: tuple[Clone, Clone],  # noqa: F811 - the fixture
) -> None:
    """git am keeps its state in rebase-apply as an older rebase did (with a file applying in
    it), so plan check told the office to run git rebase --abort, which git refuses there."""
    a, b = county
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
    before = b.plan_file.read_bytes()
    said = b.plan("check", code=1).output
    assert "git am --abort" in said and "git rebase --abort" not in said, said
    refused = b.plan("progress", "1.3", "95", code=1).output
    assert "git am --abort" in refused and "rebase" not in refused, refused
    assert b.plan_file.read_bytes() == before
    git(b.folder, "am", "--abort")
