"""What ``plan done`` (the change path of every status command) does without: code it loads
only for what a run does not meet."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _modules_after(tmp_path: Path, args: list[str], names: list[str]) -> list[bool]:
    """Run the command in a process of its own (as a user does) on a copy of the example
    plan: whether each of ``names`` was loaded."""
    target = tmp_path / "plan.toml"
    target.write_bytes((REPO / "plan.toml").read_bytes())
    program = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from quanhu_plan.cli import app\n"
        f"result = CliRunner().invoke(app, ['--file', {str(target)!r}, *{args!r}])\n"
        "assert result.exit_code == 0, result.output\n"
        f"print([name in sys.modules for name in {names!r}])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO), "QUANHU_PLAN_CACHE": str(tmp_path / "c")}
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    return eval(done.stdout)  # noqa: S307 - a list of booleans printed just above


def test_a_day_typed_right_loads_no_usage_error_code(tmp_path: Path) -> None:
    """``--on 2023-06-30`` is read without ``cli.usage``, which only a day it cannot read needs
    (``app.typed``)."""
    assert _modules_after(
        tmp_path, ["done", "1.1.1", "--on", "2023-06-30"], ["quanhu_plan.cli.usage"]
    ) == [False]
