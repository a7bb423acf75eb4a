"""Session 38's adversarial review of issue 9 from a user's side (cache place, log, pager,
byte-for-byte changes): each defect found, as a failing test first."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, write_plan


@pytest.mark.parametrize("spelled", ["{plans}", "{plans}/", "{plans}/sub/.."])
def test_xdg_cache_home_set_to_the_plans_folder_leaves_nothing_beside_the_plan(
    runner: CliRunner,
    plan_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    spelled: str,
) -> None:
    """XDG_CACHE_HOME set to the folder the plan is in (a container's working folder, a
    script's export XDG_CACHE_HOME=$PWD): the cache went to <plan's folder>/quanhu-plan/, an
    untracked folder in git status for git add . to commit. As with QUANHU_PLAN_CACHE naming
    that folder: no cache, every result the same."""
    (tmp_path / "sub").mkdir()
    monkeypatch.delenv("QUANHU_PLAN_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", spelled.format(plans=tmp_path))
    write_plan(plan_file, SMALL_ITEMS)
    for command in (["status"], ["done", "1.3", "--on", "2023-03-20"], ["list"], ["undo"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 0, (command, result.output)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.toml", "sub"]
    assert list((tmp_path / "sub").iterdir()) == []


def test_xdg_cache_home_elsewhere_still_holds_the_cache(
    runner: CliRunner, plan_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The guard above takes only the plan's own folder: a cache home beside it is used."""
    monkeypatch.delenv("QUANHU_PLAN_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    write_plan(plan_file, SMALL_ITEMS)
    assert runner.invoke(app, ["status"]).exit_code == 0
    assert list((tmp_path / "xdg" / "quanhu-plan").iterdir())
