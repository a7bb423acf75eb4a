"""The report's problem line of a milestone set as a figure, session 25 D: it says the figure
that was due (2.4万亩), as status and show say it, in Chinese and English alike, not only the
share of the task it stands for."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan

ITEMS = [
    {"id": "1", "title": "农业"},
    {
        "id": "1.1",
        "title": "建设高标准农田",
        "measure": "万亩",
        "target": 3,
        "start": "2023-03",
        "due": "2023-Q4",
        "milestone": [{"due": "2023-08", "value": 2.4}],
    },
]


@pytest.mark.parametrize("warm", [False, True])
@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("zh", "未达到2023年8月底时间节点要求（应达2.4万亩，即80%，届时完成0%）"),
        ("en", "milestone 2023-08 (2.4万亩 (80%) due, 0% done by then) missed"),
    ],
)
def test_a_missed_figure_milestone_says_its_figure(
    plan_file: Path,
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    said: str,
    warm: bool,
) -> None:
    write_plan(plan_file, ITEMS)
    monkeypatch.setenv("COLUMNS", "400")
    args = ["report", "--lang", lang, "--as-of", "2023-09-15"]
    if warm:
        runner.invoke(app, args)
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert said in result.output, result.output
    status = runner.invoke(app, ["status", "--lang", lang, "--as-of", "2023-09-15"])
    assert "2.4万亩" in status.output  # (as status says it)
