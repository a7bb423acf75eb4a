"""Session 32, I: an adversary's review of s32C's folding, quoting and county order and of
s32F's dates kept whole in the Word report."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.terminal.folding import cells, wrap_unbroken

runner = CliRunner()

_CLOSING = tuple("。，；、）」")
_LONG_COMMANDS = (
    "plan import 任务分解表.xlsx",
    "plan new 2024 --from 上一年的计划.toml --out plan.toml",
)


def _missing_plan_hint(tmp_path, monkeypatch, width: int) -> list[str]:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("PLAN_FILE", raising=False)
    folder = tmp_path / "空"
    folder.mkdir()
    monkeypatch.chdir(folder)
    result = runner.invoke(
        app, ["add", "1", "修路"], env={"COLUMNS": str(width), "TTY_COMPATIBLE": "1"}
    )
    assert result.exit_code == 1, result.output
    assert list(folder.iterdir()) == []
    return result.stderr.splitlines()


@pytest.mark.parametrize("width", [20, 24, 40, 60, 80, 120])
def test_the_missing_plan_hint_folds_with_no_lone_character_and_no_prose_in_a_command(
    tmp_path, monkeypatch, width
):
    lines = _missing_plan_hint(tmp_path, monkeypatch, width)
    for n, line in enumerate(lines[1:], 1):
        # (at 40 columns 或 stood alone above plan new …: the line before ended on ，)
        assert len(line.strip()) > 1, (width, n, lines)
        assert not line.startswith(_CLOSING), (width, lines)
    for line in lines:
        # plan init's line took the prose after it as its words (plan init 在当前目录生成
        # plan.toml, 34 columns at 20), copied as a command that fails
        if cells(line) > width:
            assert line.rstrip("，；。") in _LONG_COMMANDS, (width, line, lines)
    joined = "".join(lines).replace(" ", "")
    assert "请先运行planinit" in joined and "修改。" in joined, joined


def test_a_line_of_one_character_before_a_long_command_takes_one_from_a_line_ending_in_a_comma():
    text = "内置计划作为起点），或 plan import 任务分解表.xlsx 从表格生成，或 plan new 2024 --from 上一年的计划.toml --out plan.toml 从上一年的计划新建。"
    for width in (20, 24, 40, 60):
        lines = wrap_unbroken(text, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", ""), lines
        assert all(len(line) > 1 for line in lines[1:]), (width, lines)
        assert not any(line.startswith(_CLOSING) for line in lines), (width, lines)
