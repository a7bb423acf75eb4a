"""What every command pays before its own work: Typer's building of the one command a run
invokes (``cli._build_only_the_invoked_command``). A command module keeping ``from __future__
import annotations`` (change.py, structure.py…) has its annotations as strings, which typer
evaluated twice, compiling each every time (``inspect.signature(eval_str=True)``, then
``typing.get_type_hints``): 86 evaluations under ``plan done``, 5 M instructions of its 499 M
at 10,000 tasks (callgrind). They are evaluated once, a name without compiling it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
import typer.utils

from .conftest import RUN_PLAN, SMALL_ITEMS, write_plan

# The run, with every text evaluated in one of our modules noted (typer's evaluations of
# annotations: ``eval(str)`` in inspect, ``eval`` of what ``typing.ForwardRef`` compiled).
_RUN = (
    "import builtins, sys\n"
    "seen, sources = [], {}\n"
    "real_eval, real_compile = builtins.eval, builtins.compile\n"
    "def ours(names):\n"
    "    return str((names or {}).get('__name__', '')).startswith('quanhu_plan')\n"
    "def eval_(source, names=None, *rest):\n"
    "    if ours(names):\n"
    "        seen.append(sources.get(id(source), source))\n"
    "    return real_eval(source, names, *rest)\n"
    "def compile_(source, *rest, **kw):\n"
    "    code = real_compile(source, *rest, **kw)\n"
    "    if isinstance(source, str):\n"
    "        sources[id(code)] = source\n"
    "    return code\n"
    "builtins.eval, builtins.compile = eval_, compile_\n"
    "from quanhu_plan.cli import main\n"
    "sys.argv = ['plan', *sys.argv[1:]]\n"
    "try:\n"
    "    main()\n"
    "except SystemExit as done:\n"
    "    code = done.code\n"
    "else:\n"
    "    code = 0\n"
    "print(repr((code, seen)), file=sys.stderr)\n"
)


def _run(plan_file: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], object, list]:
    env = {
        **os.environ,
        "PLAN_FILE": str(plan_file),
        "QUANHU_PLAN_CACHE": str(plan_file.parent / "cache"),
        "COLUMNS": "80",
    }
    run = subprocess.run(
        [sys.executable, "-c", _RUN, *args],
        env=env,
        capture_output=True,
        text=True,
        cwd=plan_file.parent,
    )
    code, seen = eval(run.stderr.strip().splitlines()[-1])
    return run, code, seen


@pytest.mark.parametrize(
    "args",
    [
        ["done", "1.3", "--on", "2023-06-30"],
        ["--lang", "en", "note", "1.3", "进展顺利"],
        ["block", "1.3", "--reason", "等资金"],
        ["status"],
        ["edit", "1.3", "--title", "新的名称"],
        ["--help"],
        ["report", "--format", "md", "-o", "-"],
    ],
)
def test_each_annotation_of_the_invoked_command_is_evaluated_once_and_a_name_not_compiled(
    tmp_path: Path, args: list[str]
) -> None:
    plan_file = write_plan(tmp_path / "plan.toml", SMALL_ITEMS)
    before = plan_file.read_text(encoding="utf-8")
    run, code, seen = _run(plan_file, *args)
    assert code == 0, run.stderr
    assert len(seen) == len(set(seen)), seen  # (each was evaluated twice)
    names = {"On", "By", "Note", "ItemArg", "AsOf", "Json", "typer.Context", "None"}
    assert not names & set(seen), seen
    changed = plan_file.read_text(encoding="utf-8")
    assert (changed == before) == (args[0] in ("status", "--help", "report"))
    if args[0] == "done":
        assert "已销号 1.3" in run.stdout and "done_on = 2023-06-30" in changed


def test_a_command_whose_annotation_names_nothing_fails_as_typer_says_it(tmp_path: Path) -> None:
    """An annotation that does not evaluate is left to typer: its error, as before."""
    from quanhu_plan.cli import _annotations_evaluated

    def command(when: typer.Context, ctx: NoSuchType) -> None:  # type: ignore[name-defined]  # noqa: F821
        pass

    _annotations_evaluated(command, {})
    assert command.__annotations__["ctx"] == "NoSuchType"
    assert command.__annotations__["when"] is typer.Context
    with pytest.raises(NameError, match="NoSuchType"):
        typer.utils.get_params_from_function(command)


_MODULES = RUN_PLAN + "print(repr(sorted({'dataclasses'} & set(sys.modules))), file=sys.stderr)\n"


@pytest.mark.parametrize(
    "args", [["status"], ["done", "1.3"], ["note", "1.3", "进展顺利"], ["block", "1.3", "-r", "等"]]
)
def test_a_status_and_a_change_load_no_dataclasses(tmp_path: Path, args: list[str]) -> None:
    """Every change asks whether git holds the plan unmerged (``cli.git_unmerged``): its
    record of what stopped on it was a dataclass, whose module and methods (compiled as the
    class is made) cost every change 6 M instructions of its 493 M at 10,000 tasks."""
    plan_file = write_plan(tmp_path / "plan.toml", SMALL_ITEMS)
    env = {**os.environ, "PLAN_FILE": str(plan_file), "QUANHU_PLAN_CACHE": str(tmp_path / "c")}
    run = subprocess.run(
        [sys.executable, "-c", _MODULES, *args], env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip().splitlines()[-1] == "[]", run.stderr
    before = write_plan(tmp_path / "before.toml", SMALL_ITEMS).read_text(encoding="utf-8")
    assert (plan_file.read_text(encoding="utf-8") == before) == (args == ["status"])


def test_what_holds_the_plan_unmerged_is_a_record_as_before() -> None:
    from quanhu_plan.cli.git_unmerged import Stopped

    stopped = Stopped("merge", name="plan.toml")
    assert stopped == Stopped("merge", False, "", "plan.toml") != Stopped("rebase")
    assert hash(stopped) == hash(Stopped("merge", name="plan.toml"))
    assert repr(Stopped(None)) == "Stopped(operation=None, git_missing=False, marker='', name='')"
    with pytest.raises(AttributeError):
        stopped.operation = "rebase"  # type: ignore[misc]
