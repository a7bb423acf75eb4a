"""Review of the argument work of session 34 (G, B): inputs that were read as another thing
than they say, silently (session 34, K)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app


def run(*args: str, code: int = 0) -> Any:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result


def item(path: Path, item_id: str) -> dict[str, Any]:
    items = tomllib.loads(path.read_text(encoding="utf-8"))["item"]
    return next(table for table in items if table["id"] == item_id)


# ---------------------------------------------------------------- a pace given to --status


@pytest.mark.parametrize("typed", ["欠进度", "滞后", "达进度", "超进度", "按序时推进", "behind"])
def test_a_pace_given_to_status_is_refused_with_pace_to_use_not_read_as_in_progress(
    small_plan, typed
):
    # 欠进度 is a word plan import reads as in progress (a cell's), and --status took it so:
    # plan list --status 欠进度 listed every task in progress, ahead and on pace ones too.
    said = run("list", "--status", typed, code=2).output
    assert f"“{typed}”是序时进度，不是状态" in said and f"plan list --pace {typed}" in said
    said = run("--lang", "en", "list", "--status", typed, code=2).output
    assert f"'{typed}' is a pace, not a status: use --pace" in said


def test_a_pace_given_to_the_county_status_is_refused_too(tmp_path):
    said = run("county", str(tmp_path), "--status", "欠进度", code=2).output
    assert "plan county --pace 欠进度" in said


@pytest.mark.parametrize("typed", ["已完成", "done", "已取消", "完成", "推进中"])
def test_a_status_that_is_a_pace_too_or_a_status_word_is_still_a_status(small_plan, typed):
    run("list", "--status", typed)
