"""Hostile plan files and arguments, as an adversarial review found them mishandled: each gets
one clear paragraph (what is wrong, where, how to fix it) and a non-zero exit, never a
traceback, and the file is left as it was."""

from __future__ import annotations

from typer.testing import CliRunner

from quanhu_plan.cli import app

runner = CliRunner()

PLAN = (
    '[plan]\ntitle = "测试镇2023年工作计划"\nyear = 2023\n\n'
    '[[item]]\nid = "1"\ntitle = "发展“四香”特色农业产业"\nowner = "张三"\n'
)


def one_paragraph(text: str) -> str:
    return " ".join(text.split())


def refused(plan_file, text: str, *args: str) -> str:
    """What ``plan --lang en ARGS`` says of a plan file holding ``text``; it refuses the file
    and leaves it as it was."""
    plan_file.write_text(text, encoding="utf-8")
    before = plan_file.read_bytes()
    result = runner.invoke(app, ["--lang", "en", *args])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert plan_file.read_bytes() == before
    return one_paragraph(result.output)


# ---------------------------------------------------------------- curly quotes inside a string


def test_curly_quotes_inside_a_string_are_not_blamed_for_a_missing_straight_quote(plan_file):
    # Chinese titles quote with “ ”; the straight quote that ends the string is what is missing:
    # changing the curly quotes to straight ones, as the message said, breaks the line further.
    cut = PLAN.replace('特色农业产业"', "特色农业产业")
    for args in (["check"], ["note", "1", "x"]):
        said = refused(plan_file, cut, *args)
        assert "line 7" in said and "straight quotes only" not in said
        assert "unbalanced quotes" in said


def test_curly_quotes_inside_a_string_are_not_blamed_for_text_after_it(plan_file):
    said = refused(plan_file, PLAN.replace('特色农业产业"', '特色农业产业" 2'), "check")
    assert "line 7" in said and "straight quotes only" not in said


def test_curly_quotes_that_stand_for_straight_ones_are_still_named(plan_file):
    for line in ("title = “发展四香产业”", 'title = "发展四香产业”', "title = ‘发展’"):
        said = refused(plan_file, PLAN.replace('title = "发展“四香”特色农业产业"', line), "check")
        assert "line 7" in said and "straight quotes only" in said, line
