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
