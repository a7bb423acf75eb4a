"""The rough edges two reviewers found using the tool at 80 and 60 columns, in Chinese and
English (session 29, G): each reproduced here as it was seen, and fixed where its concern lives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, write_plan
from .test_git_merge import git, git_env  # noqa: F401 - fixtures
from .test_week_s29E import assert_within, on_a_terminal

runner = CliRunner()


# ------------------------------------------- 1. what goes straight to stderr folds too


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_pager_not_found_is_said_within_a_narrow_terminal(town_plan, monkeypatch, lang):
    monkeypatch.setenv("PAGER", "no-such-pager-s29g -R")
    result = runner.invoke(app, ["list", "--pager"], env=on_a_terminal(60, lang))
    assert result.exit_code == 0, result.output
    assert "no-such-pager-s29g" in result.stderr
    assert_within(result.stderr, 60)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_git_setups_line_of_the_setting_is_folded_within_a_narrow_terminal(
    tmp_path: Path,
    git_env: Any,  # noqa: F811
    lang: str,
) -> None:
    git(tmp_path, "init", "-q")
    plan_file = write_plan(tmp_path / "泉湖镇2023年工作计划.toml", SMALL_ITEMS)
    result = runner.invoke(app, ["-f", str(plan_file), "git-setup"], env=on_a_terminal(60, lang))
    assert result.exit_code == 0, result.output
    assert "merge.quanhu-plan.driver" in result.output
    assert "plan merge %O %A %B %P" in result.output  # (a command to copy: never broken)
    assert_within(result.output, 60)
