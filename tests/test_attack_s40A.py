"""Attacks of session 40 (A): hostile plan files through read and change commands, each
expected to be told the same way by both (what, where, how to fix), with a non-zero exit and
the file and its folder as they were."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

_PLAN = """[plan]
title = "测试镇2023年工作计划"
organisation = "测试镇人民政府"
year = 2023
start = 2023-01-01
end = 2023-12-31

[[item]]
id = "1"
title = "第一部分"

[[item]]
id = "1.1"
title = "任务一"

[[item]]
id = "1.1"
title = "任务二"
"""


def _folder(plan_file: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in plan_file.parent.iterdir() if p.is_file()}


@pytest.mark.parametrize(
    "text",
    [
        "# 注释\n" + _PLAN,  # an invalid plan (a duplicate id) with a comment
        "# just a comment\n",  # comments alone: no [plan] table
    ],
    ids=["duplicate id", "comments alone"],
)
@pytest.mark.parametrize("cache", ["cold", "warm"])
def test_fmt_of_a_bad_file_with_comments_names_its_fault_not_the_comments(
    runner: CliRunner, plan_file: Path, text: str, cache: str
) -> None:
    """``plan fmt`` told of a bad file with a # comment that its comments would be dropped
    (add --force), as if the file were fine; every other command, and fmt --force, named the
    fault. fmt names it too, whatever --force."""
    plan_file.write_text(text, encoding="utf-8")
    if cache == "warm":
        assert runner.invoke(app, ["--lang", "en", "status"]).exit_code == 1
    before = _folder(plan_file)
    status = runner.invoke(app, ["--lang", "en", "status"])
    assert status.exit_code == 1
    for args in (["fmt"], ["fmt", "--force"]):
        result = runner.invoke(app, ["--lang", "en", *args])
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        assert "comments" not in result.output, result.output
        assert result.output == status.output
        assert _folder(plan_file) == before
