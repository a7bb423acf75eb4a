"""Session 25, helper H: a hostile or careless user, through the CLI and real processes.

Ids pasted with what cannot be seen (WeChat and Word leave zero-width spaces, a BOM or a
direction mark beside them) or typed in another script's digits; a change killed by SIGTERM or
SIGHUP (a closed terminal window, a shutdown) while it holds the plan's lock."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

# ---------------------------------------------------------------- ids as pasted


@pytest.mark.parametrize(
    "typed",
    [
        "1.3\u200b",  # a zero-width space after it, copied from a WeChat message
        "\ufeff1.3",  # a BOM before it, the first word of a pasted Notepad file
        "\u200e1.3",  # a left-to-right mark, from a web page
        "1\u200b.3",  # a zero-width space inside
        "\u0661.\u0663",  # Arabic-Indic digits, as figures and dates already read them
        "\u06f1.\u06f3",  # Eastern Arabic-Indic (Persian) digits
    ],
)
def test_an_id_typed_with_invisible_characters_or_other_digits_names_the_task(
    runner: CliRunner, small_plan: Path, typed: str
) -> None:
    shown = runner.invoke(app, ["show", typed])
    assert shown.exit_code == 0, shown.output
    assert shown.output.startswith("1.3 修机耕道（任务）")

    done = runner.invoke(app, ["done", typed, "--on", "2023-03-20"])
    assert done.exit_code == 0, done.output
    assert "已销号 1.3 修机耕道（2023-03-20）" in done.output
    assert 'id = "1.3"' in small_plan.read_text(encoding="utf-8")


def test_an_id_of_invisible_characters_alone_is_still_no_id(
    runner: CliRunner, small_plan: Path
) -> None:
    result = runner.invoke(app, ["show", "\u200b"])
    assert result.exit_code == 1
    assert "计划中没有编号或名称为" in result.output
    assert "Traceback" not in result.output


def test_figures_and_dates_in_arabic_indic_digits_are_read_as_ids_now_are(
    runner: CliRunner, small_plan: Path
) -> None:
    """The three agree: an id, a percent and a day typed in the same digits."""
    result = runner.invoke(
        app, ["progress", "\u0661.\u0663", "\u0666\u0660", "--on", "\u0662\u0660\u0662\u0663-03-01"]
    )
    assert result.exit_code == 0, result.output
    assert "已填报进度 1.3 修机耕道（2023-03-01）：进度 50% → 60%" in result.output
