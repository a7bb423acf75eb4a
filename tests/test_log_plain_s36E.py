"""plan log of a plan with no history writes its one sentence (没有修改记录。) without loading
rich, to a pipe and to a terminal, the bytes rich wrote (s36E): as status, list, show and a log
with entries do (terminal/ansi.py, s35E)."""

from __future__ import annotations

from pathlib import Path

from .conftest import RUN_PLAN


def _log_probe(
    plan_file: Path, *args: str, terminal: bool, columns: str = "80"
) -> tuple[str, bool]:
    """What ``plan log`` printed (to a terminal, or a pipe) and whether rich was loaded."""
    import os
    import pty
    import subprocess
    import sys

    probe = RUN_PLAN + "print('rich' in sys.modules, file=sys.stderr)\n"
    env = {**os.environ, "PLAN_FILE": str(plan_file), "COLUMNS": columns, "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    command = [sys.executable, "-c", probe, *args]
    if not terminal:
        run = subprocess.run(command, env=env, capture_output=True, text=True)
        return run.stdout, run.stderr.strip().endswith("True")
    master, slave = pty.openpty()
    run = subprocess.run(command, env=env, stdout=slave, stderr=subprocess.PIPE, text=True)
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    return shown.decode("utf-8"), run.stderr.strip().endswith("True")


def test_a_log_with_no_history_is_written_without_rich(plan_file: Path) -> None:
    from .conftest import SMALL_ITEMS, write_plan

    write_plan(plan_file, SMALL_ITEMS)
    for terminal, end in ((False, "\n"), (True, "\r\n")):
        shown, rich = _log_probe(plan_file, "log", terminal=terminal)
        assert shown == "没有修改记录。" + end and not rich, (terminal, shown)
        shown, rich = _log_probe(plan_file, "--lang", "en", "log", "1.1", terminal=terminal)
        assert shown == "No history." + end and not rich, (terminal, shown)
    # a width too narrow for the sentence: rich folds it, as ever
    shown, rich = _log_probe(plan_file, "log", terminal=False, columns="10")
    assert rich and shown.count("\n") > 1, shown


def test_a_log_of_changes_and_a_show_with_them_are_written_without_rich(plan_file: Path) -> None:
    """Each change reads old → new: the arrow is counted without rich's tables
    (terminal.widths), as the characters of a plan's titles are."""
    from typer.testing import CliRunner

    from quanhu_plan.cli import app

    from .conftest import SMALL_ITEMS, write_plan

    write_plan(plan_file, SMALL_ITEMS)
    said = CliRunner().invoke(app, ["progress", "1.3", "60", "--on", "2023-06-30"])
    assert said.exit_code == 0, said.output
    for args in (("log",), ("show", "1.3")):
        shown, rich = _log_probe(plan_file, *args, terminal=False)
        assert "50% → 60%" in shown and not rich, (args, shown)
