"""Session 23: what the CLI says without rich (a change's message, an error, a question) reaches
the console of Chinese Windows through ``sys.stdout``, as the views do, so that its wide signs
are written narrow there too (``terminal.cjk_console``). Click, left to choose, writes such a line
to a Windows console by the console's own handle, past any wrapper of ``sys.stdout``: emulated
here by giving Click a console of its own to choose."""

from __future__ import annotations

import io

import pytest
from typer._click import _compat

from quanhu_plan.cli import app


class _ClickConsole(io.StringIO):
    """What Click would write to a Windows console by the console's handle."""


@pytest.fixture
def clicks_own_console(monkeypatch: pytest.MonkeyPatch) -> _ClickConsole:
    console = _ClickConsole()
    monkeypatch.setattr(_compat, "_get_windows_console_stream", lambda *_: console)
    return console


def test_a_change_message_goes_through_stdout_not_clicks_console(
    small_plan, runner, clicks_own_console
):
    result = runner.invoke(app, ["done", "1.3", "--on", "2023-03-01"])
    assert result.exit_code == 0, result.output
    assert "1.3" in result.output  # said where stdout's wrapper narrows it
    assert clicks_own_console.getvalue() == ""


def test_an_error_goes_through_stderr_not_clicks_console(small_plan, runner, clicks_own_console):
    result = runner.invoke(app, ["done", "9.9.9"])
    assert result.exit_code != 0
    assert "9.9.9" in result.output
    assert clicks_own_console.getvalue() == ""


def test_a_question_goes_through_stdout_not_clicks_console(
    small_plan, runner, clicks_own_console, at_terminal
):
    result = runner.invoke(app, ["rm", "1.3"], input="n\n")
    assert "修机耕道" in result.output
    assert clicks_own_console.getvalue() == ""
    assert "修机耕道" in small_plan.read_text(encoding="utf-8")  # not removed
