"""How ``plan status`` makes its view: the figures and the table's rows are made with the cyclic
collector paused (they live until the table is drawn; collecting while they are made would only
walk them again), and the collector is back as it was afterwards."""

from __future__ import annotations

import gc

from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.terminal import status_view


def test_the_status_table_is_made_with_the_collector_paused(small_plan, monkeypatch):
    seen: list[bool] = []
    make = status_view.status_table

    def watched(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return make(*args, **kwargs)

    monkeypatch.setattr(status_view, "status_table", watched)
    was_on = gc.isenabled()
    result = CliRunner().invoke(app, ["status"])
    assert result.exit_code == 0, result.output
    assert "基础设施" in result.output
    assert seen == [False]
    assert gc.isenabled() == was_on


def _group_options(args: list[str], env: dict[str, str] | None = None) -> tuple[list[str], str]:
    """The options of the group ``plan`` makes for a run of ``args`` (cli.main), and stderr."""
    import os
    import subprocess
    import sys

    code = (
        "import sys, typer.main\n"
        "from quanhu_plan import cli\n"
        "made = typer.main.get_command\n"
        "def spy(app):\n"
        "    command = made(app)\n"
        "    print(sorted(p.name for p in command.params), file=sys.stderr)\n"
        "    return command\n"
        "typer.main.get_command = spy\n"
        f"sys.argv = ['plan', *{args!r}]\n"
        "try:\n"
        "    cli.main()\n"
        "except SystemExit:\n"
        "    pass\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=True,
    )
    first, _, rest = done.stderr.partition("\n")
    return eval(first), rest  # noqa: S307 - a list of names printed above


def test_a_command_run_makes_the_group_without_the_completion_options(small_plan):
    """``--install-completion`` and ``--show-completion`` come before a command name: a run of
    a command with nothing else there (or --file, --lang) does not make them; a word that
    could be one of them, help without a command, and completion keep them."""
    plain = ["file", "lang", "version"]
    assert _group_options(["status"])[0] == plain
    assert _group_options(["--lang", "en", "-f", str(small_plan), "status"])[0] == plain
    assert _group_options(["--lang=en", "show", "1"])[0] == plain
    every = ["file", "install_completion", "lang", "show_completion", "version"]
    options, err = _group_options(["--show-compl", "status"])
    assert options == every and "--show-completion" in err  # click's "did you mean"
    assert _group_options(["--help"])[0] == every
    assert _group_options(["status"], {"_PLAN_COMPLETE": "bash_complete"})[0] == every
