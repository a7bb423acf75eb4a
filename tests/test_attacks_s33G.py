"""Attacks on every command (session 33, G): plan files that are valid TOML but odd, files that
are not plans, and hostile arguments. The rule: one clear paragraph, a non-zero exit, never a
traceback, never a half-written file, unknown fields kept on rewrite."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, write_plan

runner = CliRunner()

# A file name longer than a file system holds (255 bytes on Linux, 255 UTF-16 units on Windows):
# a pasted title, a path typed twice. Python 3.11's Path.exists/is_dir raise ENAMETOOLONG.
TOO_LONG = "乡镇" * 60  # 360 bytes


def _said_once(result, name: str) -> str:  # type: ignore[no-untyped-def]
    said = result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), said
    assert "Traceback" not in said and "OSError" not in said, said
    assert result.exit_code != 0, said
    return said


@pytest.mark.parametrize(
    "args",
    [
        ["county", f"{TOO_LONG}.toml"],
        ["county", f"{TOO_LONG}/甲镇.toml"],
        ["county", ".", f"{TOO_LONG}.toml"],
        ["import", f"{TOO_LONG}.xlsx"],
        ["import", f"{TOO_LONG}/任务分解表.xlsx"],
        ["import", "任务分解表.xlsx", "--out", f"{TOO_LONG}/"],
    ],
    ids=[
        "county-file",
        "county-folder",
        "county-beside-a-folder",
        "import",
        "import-folder",
        "out",
    ],
)
def test_a_file_name_too_long_for_the_disk_is_named_not_a_traceback(
    plan_file: Path, args: list[str]
) -> None:
    """county and import stat the paths typed (is it a folder? is it there?) before reading
    them, and a name too long made that stat raise: a traceback ending in OSError."""
    write_plan(plan_file, SMALL_ITEMS)
    before = plan_file.read_bytes()
    result = runner.invoke(app, args)
    said = _said_once(result, TOO_LONG)
    assert "文件名或路径太长" in said, said
    assert plan_file.read_bytes() == before
    assert {p.name for p in plan_file.parent.iterdir()} - {"cache"} == {"plan.toml"}
