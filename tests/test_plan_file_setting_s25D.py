"""PLAN_FILE naming a file that is not there, session 25 D: the error says the path came from
PLAN_FILE and how to fix it (the clerk may not know the variable is set); a path given with
--file is not said to come from it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app


@pytest.mark.parametrize("args", [["status"], ["list"], ["done", "1.1"], ["note", "1.1", "x"]])
def test_a_missing_plan_file_named_by_plan_file_says_so(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    missing = tmp_path / "镇计划.toml"
    monkeypatch.setenv("PLAN_FILE", str(missing))
    zh = runner.invoke(app, [*args, "--lang", "zh"])
    assert zh.exit_code == 1, zh.output
    assert "Traceback" not in zh.output
    text = "".join(zh.output.split())  # (folded at the terminal's width)
    assert f"无法读取{missing}：文件不存在。" in text
    assert "这个路径来自环境变量PLAN_FILE" in text
    assert "unsetPLAN_FILE" in text and "-f" in text
    assert "请检查路径是否正确后重试" not in text  # (which path? the clerk typed none)
    en = runner.invoke(app, [*args, "--lang", "en"])
    assert en.exit_code == 1, en.output
    words = " ".join(en.output.split())
    assert f"Cannot read {missing}: no such file." in words
    assert "This path comes from the environment variable PLAN_FILE" in words
    assert "unset PLAN_FILE" in words


def test_a_dangling_link_named_by_plan_file_says_so(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    link = tmp_path / "link.toml"
    link.symlink_to(tmp_path / "gone.toml")
    monkeypatch.setenv("PLAN_FILE", str(link))
    result = runner.invoke(app, ["status", "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert "environment variable PLAN_FILE" in " ".join(result.output.split())


def test_a_missing_file_named_with_file_does_not_blame_plan_file(
    runner: CliRunner, tmp_path: Path
) -> None:
    missing = tmp_path / "other.toml"
    result = runner.invoke(app, ["-f", str(missing), "status", "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert "PLAN_FILE" not in result.output
    assert "Check the path" in result.output
