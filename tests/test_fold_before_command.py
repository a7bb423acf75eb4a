"""A paragraph folded before a command to copy that is wider than the terminal (the command
gets a line of its own) leaves no character alone on the line before it: the line above
gives it its last (请先 / 用 / plan -f … → 请 / 先用 / plan -f …). Found when s31C's rule (keep
a command whole) met s31G's (no lone character): plan county's copies advice, whose command
holds the town's path, failed at 44 columns when pytest's folder name was long."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.terminal.paragraphs import unbroken

from .conftest import REPO_PLAN

CJK = re.compile(r"^\s*[\u4e00-\u9fff]\s*$")


@pytest.mark.parametrize("width", range(40, 81, 2))
def test_no_lone_character_before_a_long_command_in_county_advice(tmp_path, width):
    folder = tmp_path / ("很长的文件夹名字" * 3) / "towns-of-the-county-folder"
    folder.mkdir(parents=True)
    for town in ("甲镇", "乙镇"):  # (the same plan twice: the copies advice names a command)
        (folder / f"{town}.toml").write_bytes(REPO_PLAN.read_bytes())
    result = CliRunner().invoke(
        app,
        ["county", str(folder), "--as-of", "2023-06-30", "--status", "todo", "--lang", "zh"],
        env={"COLUMNS": str(width)},
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    at = [n for n, line in enumerate(lines) if line.lstrip().startswith("plan -f ")]
    assert at, result.stdout  # (the advice is there, its command on a line of its own)
    for n in at:
        assert not CJK.match(lines[n - 1]), (width, lines[n - 2 : n + 1])
        assert lines[n - 1].rstrip().endswith("先用"), (width, lines[n - 2 : n + 1])


def test_the_line_above_keeps_two_and_gives_no_closing_mark():
    command = "plan -f " + "/很长/" * 20 + "甲镇.toml check"

    def fold(text: str, width: int) -> list[tuple[int, int]]:  # (as CJK text folds: 2 a cell)
        spans, start = [], 0
        while start < len(text):
            spans.append((start, min(start + width // 2, len(text))))
            start = spans[-1][1]
        return spans

    text = "一二三四五六七八九十甲 " + command
    lines = [text[a:b] for a, b in unbroken(text, 20, fold)]
    assert lines[:2] == ["一二三四五六七八九", "十甲"], lines
    assert lines[2] == command
    # a mark that starts no line goes down with the character before it (九，甲), not alone
    # nor leaving 甲 alone (s32I: 或 stood alone above plan new … at 40 columns)
    text = "一二三四五六七八九，甲 " + command
    lines = [text[a:b] for a, b in unbroken(text, 20, fold)]
    assert lines[:2] == ["一二三四五六七八", "九，甲"], lines
