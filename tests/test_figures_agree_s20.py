"""Session 20, helper D: do all the views say the same figures? Each test shows a place where
two views that state the same figure (or state) disagreed, through the CLI."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan


def _flat(text: str) -> str:
    """The output without the line breaks and spaces a narrow terminal folds it with."""
    return re.sub(r"\s+", "", text)


# ------------------------------------------------ a status typed on a goal by hand


GOAL_WITH_STATUS = [
    {"id": "1", "title": "基础设施", "status": "done", "progress": 30},
    {"id": "1.1", "title": "修塘", "progress": 20},
    {"id": "2", "title": "社会事业", "status": "dropped", "reason": "合并"},
    {"id": "2.1", "title": "禁毒讲座", "progress": 50},
    {"id": "3", "title": "花鼓戏下乡", "status": "done"},  # a task: its status counts
]


def test_a_status_typed_on_a_goal_is_pointed_out_by_check(
    runner: CliRunner, plan_file: Path
) -> None:
    """status = "done" typed on a part read 状态 已完成 in plan show, while status, the report
    and the export counted its task as 进行中 at 20% (a goal's figures come from its tasks, and
    plan done/drop refuse a goal for that reason); plan check found nothing. It is a likely
    slip, pointed out (exit 0) as the status todo beside a progress is."""
    write_plan(plan_file, GOAL_WITH_STATUS)
    status = runner.invoke(app, ["status", "--as-of", "2023-06-30"])
    assert status.exit_code == 0, status.output
    assert re.search(r"1\s+基础设施\s+0/1\s+20%", status.output)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    flat = _flat(result.output)
    assert "事项1，字段status：发现'done'；" in flat
    assert "事项1是目标（其下有事项），它自己的状态、进度不起作用" in flat
    assert "事项2，字段status：发现'dropped'；" in flat
    assert "事项2是目标（其下有事项），它自己的状态不起作用" in flat
    assert "事项3" not in flat
    english = runner.invoke(app, ["--lang", "en", "check"])
    assert "item 1 is a goal (items are under it): its own status and progress do nothing" in (
        " ".join(english.output.split())
    )
