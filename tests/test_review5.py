"""Fifth review round: a town office walking a year of its own plan (imported from its 任务分解表)
through every command, with hostile text in titles and names. Each test here failed before the
fix it protects."""

from __future__ import annotations

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan


def run(*args: str, width: int = 80, code: int = 0) -> str:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": str(width)})
    assert result.exit_code == code, result.output
    return result.output


def test_check_names_the_right_line_after_a_title_holding_a_unicode_line_separator(plan_file):
    """U+2028, U+2029 and U+0085 (pasted from Word or a web page) stand raw in a TOML string,
    on one line of the file; Python's splitlines breaks lines there too, so every problem after
    such a title was named two or three lines too far down."""
    plan_file.write_text(
        '[plan]\ntitle = "测试"\nyear = 2024\n\n'
        '[[item]]\nid = "1"\ntitle = "甲\u2028乙\u2029丙\u0085丁"\n\n'
        '[[item]]\nid = "2"\ntitle = "戊"\nprogress = 150\n',
        encoding="utf-8",
    )
    output = run("check", code=1)
    assert "第 12 行，事项 2，字段 progress" in output
