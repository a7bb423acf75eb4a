"""plan report's prose, session 31 (A): a blocked task at year end said once with what is known,
an untouched plan's problems grouped as an office groups them, a task ticked off short of its
target flagged in the JSON, the deadline words in the help."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import Clock, write_plan


def cli(runner: CliRunner, *args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def problems_of(text: str) -> str:
    return text[text.index("三、存在的问题") : text.index("四、下一步打算")]


BLOCKED_ITEMS: list[dict[str, Any]] = [
    {"id": "1", "title": "基础设施"},
    {"id": "1.1", "title": "修塘", "measure": "处", "target": 40, "lead_unit": "水利站"},
    {"id": "1.2", "title": "渠道护砌", "due": dt.date(2023, 9, 30)},
]


def test_a_task_blocked_at_year_end_is_said_blocked_once_since_its_day(
    runner: CliRunner, tmp_path: Path, clock: Clock
):
    path = write_plan(tmp_path / "plan.toml", BLOCKED_ITEMS)
    cli(runner, "record", "1.1", "12", "--on", "2023-04-01", "-f", str(path))
    cli(runner, "block", "1.1", "-r", "征地未完成", "--on", "2023-06-01", "-f", str(path))
    cli(runner, "block", "1.2", "-r", "上级配套资金未到位", "--on", "2023-05-10", "-f", str(path))
    before = path.read_bytes()
    result = cli(runner, "report", "-f", str(path), "--as-of", "2023-12-31", "--format", "md")
    problems = problems_of(result.output)
    assert "年内未能完成" not in problems
    assert (
        "修塘：自2023年6月1日起推进受阻，目前完成率为30%（已完成12处，目标40处），由水利站负责。"
        "主要原因是征地未完成。" in problems
    ), problems
    # overdue as well: the deadline passed is news of its own, said once, after the block
    assert (
        "渠道护砌：自2023年5月10日起推进受阻，完成时限为2023年9月30日，逾期未完成，"
        "目前完成率为0%。主要原因是上级配套资金未到位。" in problems
    ), problems
    assert path.read_bytes() == before
    english = cli(runner, "report", "-f", str(path), "--as-of", "2023-12-31", "--lang", "en")
    flat = " ".join(english.output.split())
    assert "blocked since 2023-06-01, so far completion 30%" in flat, flat
    assert "not finished within the year" not in flat


def test_a_task_blocked_by_hand_has_no_day_and_is_said_blocked_once(
    runner: CliRunner, tmp_path: Path
):
    items = [
        {"id": "1", "title": "基础设施"},
        {"id": "1.1", "title": "修塘", "status": "blocked", "reason": "征地未完成"},
    ]
    path = write_plan(tmp_path / "plan.toml", items)
    result = cli(runner, "report", "-f", str(path), "--as-of", "2023-12-31", "--format", "md")
    problems = problems_of(result.output)
    assert "一是修塘：推进受阻，目前完成率为0%。主要原因是征地未完成。" in problems, problems
