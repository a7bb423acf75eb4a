"""plan log (and show's log), session 25 D: several changes of one entry joined with Chinese
punctuation in a Chinese log; an undo that changed no field (of a note) says what it undid."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, write_plan


@pytest.fixture
def edited(plan_file: Path, runner: CliRunner, clock) -> Path:
    write_plan(plan_file, SMALL_ITEMS)
    result = runner.invoke(
        app, ["edit", "1.3", "--title", "修机耕道路", "--due", "2023-04-30", "--on", "2023-03-01"]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["note", "1.1", "完成选址", "--on", "2023-03-02"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["undo"])
    assert result.exit_code == 0, result.output
    return plan_file


@pytest.mark.parametrize("warm", [False, True])
def test_wide_chinese_log_joins_changes_with_chinese_semicolons(
    edited: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, warm: bool
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    if warm:
        runner.invoke(app, ["log"])
    result = runner.invoke(app, ["log"])
    assert result.exit_code == 0, result.output
    assert "; " not in result.output
    assert "日期 2023-03-01；事项：修机耕道 → 修机耕道路；完成时限：2023-03-31 → 2023-04-30" in (
        result.output
    )
    english = runner.invoke(app, ["log", "--lang", "en"])
    assert "Date 2023-03-01; Title: 修机耕道 → 修机耕道路; Due: 2023-03-31 → 2023-04-30" in (
        english.output
    )


@pytest.mark.parametrize("columns", ["80", "200"])
@pytest.mark.parametrize("warm", [False, True])
def test_the_undo_of_a_note_says_what_it_undid(
    edited: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, columns: str, warm: bool
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    if warm:
        runner.invoke(app, ["log"])
    for lang, said in (
        ("zh", r"撤销 +2023-01-01 \d\d:00 的进展：完成选址"),
        ("en", r"undo +the note of 2023-01-01 \d\d:00: 完成选址"),
    ):
        for args in (["log"], ["log", "-n", "1"], ["show", "1.1"]):
            result = runner.invoke(app, [*args, "--lang", lang])
            assert result.exit_code == 0, result.output
            if columns == "200":
                assert re.search(said, result.output), (args, result.output)
            else:  # (the narrow log folds the words in their column: the undone note, twice;
                # 完成 / 选址, no character alone on its line)
                assert result.output.count("选址") == (1 if "-n" in args else 2), result.output
                assert ("的进展" if lang == "zh" else "the note of") in result.output
