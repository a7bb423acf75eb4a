"""Attacks on the command line itself: bad arguments and options of every kind, in a Chinese and
an English plan, the help at narrow widths, and shell completion over a hostile plan. Each test
here failed before its fix."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from typer.testing import CliRunner

from .conftest import write_plan
from .test_completion import bash, shell


def test_completion_of_recorders_and_measures_shows_no_control_sequence(
    runner: CliRunner, plan_file: Path
) -> None:
    """A `by` in the trace and a measure are plan text like a name: a shell's menu of
    candidates prints them raw, so ESC, BEL or a line break in one must not reach it (a `by`
    with a line break was two candidates, neither of them the name)."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "基础设施"},
            {
                "id": "1.1",
                "title": "修塘",
                "measure": "\x1b]0;evil\x07处",
                "target": 40,
                "log": [
                    {"at": dt.datetime(2023, 3, 1, 10), "by": "\x1b[2J王五", "action": "note"},
                    {"at": dt.datetime(2023, 3, 2, 10), "by": "李\n四", "action": "note"},
                    {"at": dt.datetime(2023, 3, 3, 10), "by": "张三", "action": "note"},
                ],
            },
        ],
    )
    for line in ("plan done 1.1 --by ", "plan add 1 新任务 --measure "):
        for output in (
            "\n".join(bash(runner, line)),
            shell(runner, "zsh", line),
            shell(runner, "fish", line, _TYPER_COMPLETE_FISH_ACTION="get-args"),
            shell(runner, "powershell", line),
        ):
            assert "\x1b" not in output and "\x07" not in output, output
            assert "李\n四" not in output, output
    assert "张三" in bash(runner, "plan done 1.1 --by ")
