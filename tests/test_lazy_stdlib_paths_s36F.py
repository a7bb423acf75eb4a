"""The rare paths that run a deferred standard-library module (quanhu_plan/lazy_stdlib.py) in
the real program, a process of its own (a CliRunner test imports Typer first: nothing is
deferred there): a crash's traceback and a warning with their source lines (``linecache`` and
``tokenize`` run then), and a SIGTERM or Ctrl-C that comes while ``subprocess`` runs at its
first use (``git-setup``): a quiet 143 or 130, nothing written."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# The program as the console script runs it (a file, not ``python -c``: Python 3.13 loads
# linecache for -c), with HOOK run once the deferral is in place (``entry._folder_gone``
# is called just after ``defer``), before Typer and the commands are loaded.
_PROGRAM = """
import os, sys
from quanhu_plan import entry

def _kind(name):
    return type(sys.modules[name]).__name__ if name in sys.modules else "absent"

_gone = entry._folder_gone
def _hooked():
    exec(os.environ["HOOK"], {"sys": sys, "os": os, "kind": _kind})
    return _gone()
entry._folder_gone = _hooked
sys.argv = ["plan", *sys.argv[1:]]
entry.main()
"""

# A warning from inside the drawing (its caller's line shown), then an internal error.
_CRASH = """
import warnings
import quanhu_plan.terminal.plain as plain
def broken(*args, **kwargs):
    sys.stderr.write("linecache was " + kind("linecache") + "\\n")
    warnings.warn("a warning [x]", UserWarning, stacklevel=2)
    1 / 0
plain.draw = broken
"""

# The signal sent the moment subprocess's own code starts running.
_SIGNAL_IN_SUBPROCESS = """
import signal
number = getattr(signal, os.environ["SIGNAL"])
def trace(frame, event, arg):
    code = frame.f_code
    if event == "call" and code.co_name == "<module>" and code.co_filename.endswith(
        os.sep + "subprocess.py"
    ):
        sys.settrace(None)
        sys.stderr.write("subprocess was " + kind("subprocess") + "\\n")
        os.kill(os.getpid(), number)
    return None
sys.settrace(trace)
"""


def _run(tmp_path: Path, hook: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    program = tmp_path / "program" / "plan_program.py"
    program.parent.mkdir(exist_ok=True)
    program.write_text(_PROGRAM, encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(program), *args],
        capture_output=True,
        text=True,
        env=dict(os.environ, HOOK=hook, COLUMNS="80", **env),
    )


def test_a_crash_and_a_warning_show_their_source_lines_read_by_a_deferred_linecache(
    small_plan, tmp_path
):
    done = _run(tmp_path, _CRASH, "list")
    assert done.returncode == 1
    err = done.stderr
    assert "linecache was _Deferred" in err  # (the deferral was in place: run for this)
    assert "UserWarning: a warning [x]" in err
    said = err.splitlines()
    warned = next(n for n, line in enumerate(said) if "UserWarning" in line)
    assert said[warned + 1].strip().startswith("draw(view(")  # the caller's line, as read
    shown = err[err.index("Traceback (most recent call last):") :].replace(os.sep, "/")
    assert shown.rstrip().endswith("ZeroDivisionError: division by zero")
    at = shown.index('quanhu_plan/cli/read.py", line')  # its frame, and its line read
    assert shown[at:].splitlines()[1].strip().startswith("draw(view(")


@pytest.mark.skipif(shutil.which("git") is None, reason="needs the git program")
@pytest.mark.parametrize(("signal_name", "code"), [("SIGTERM", 143), ("SIGINT", 130)])
def test_a_signal_while_subprocess_first_runs_ends_the_command_quietly(
    small_plan, tmp_path, signal_name, code
):
    subprocess.run(["git", "init", "-q", str(small_plan.parent)], check=True)
    done = _run(tmp_path, _SIGNAL_IN_SUBPROCESS, "git-setup", SIGNAL=signal_name)
    assert "subprocess was _Deferred" in done.stderr  # (run at git-setup's first use of it)
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert not (small_plan.parent / ".gitattributes").exists()
    assert not (small_plan.parent / ".gitignore").exists()
