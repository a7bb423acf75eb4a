"""Session 39's adversarial review of undo's multi-line spelling (0c196e19: a change's
``before`` keeps a multi-line string over lines, so that undo writes its lines back) and of
the patch of an item with a long log (434c524c). Issue 9: after each change a diff against
the hand-written original shows only the changed item's lines and its new log entry; after
undo, only trace lines. Each defect found, as a failing test first; the rest are the proof
of what was tried."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

_TWO_TASKS = (
    '[plan]\ntitle = "t"\nyear = 2023\nstart = 2023-01-01\nend = 2023-12-31\n\n'
    '[[item]]\nid = "1"\ntitle = "一"\n\n[[item]]\nid = "1.1"\ntitle = "一一"\n'
)


def _ok(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (args, result.output)
    return result.output


@pytest.mark.parametrize(
    "text",
    [
        # A CRLF file (Notepad) with a string pasted in with LF line ends,
        (_TWO_TASKS + 'detail = """\n').replace("\n", "\r\n") + 'a\nb\n"""\r\n',
        # an LF file with one pasted with CRLF,
        _TWO_TASKS + 'detail = """\r\na\r\nb\r\n"""\n',
        _TWO_TASKS + "detail = '''a\r\nb'''\n",
        # one whose lines end both ways.
        _TWO_TASKS + 'detail = """\na\r\nb\n\\t"""\n',
    ],
    ids=["lf-in-crlf", "crlf-in-lf", "crlf-literal-in-lf", "mixed-in-one"],
)
def test_undo_gives_a_multi_line_string_its_own_line_ends_back(
    runner: CliRunner, plan_file: Path, text: str
) -> None:
    """The edit keeps a multi-line string's own line ends (``newline_of`` of the value, not the
    file's), but its log entry's ``before`` had them made the file's: undo wrote the string's
    lines back with the file's line ends, bytes the original did not have (the diff shows
    every line of it changed, for a Windows user's editor too)."""
    original = text.encode("utf-8")
    plan_file.write_bytes(original)
    _ok(runner, "edit", "1.1", "--detail", "换", "--on", "2023-03-01")
    _ok(runner, "undo")
    after = plan_file.read_bytes()
    assert after.startswith(original), after.decode("utf-8")
    entries = tomllib.loads(after.decode("utf-8"))["item"][1]["log"]
    assert entries[0]["before"]["detail"] == tomllib.loads(text)["item"][1]["detail"]
    for args in (["show", "1.1"], ["log", "--json"], ["check"]):
        _ok(runner, *args)
