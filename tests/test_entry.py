"""The ``plan`` process around a command (quanhu_plan/entry.py): a Ctrl-C is a quiet exit 130
however Python reports it."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

import quanhu_plan.cli
from quanhu_plan import entry


class _SetsItsName:
    def __set_name__(self, owner: type, name: str) -> None:
        raise KeyboardInterrupt  # Ctrl-C while a class of a module being imported is made


def _ctrl_c_while_a_class_is_made() -> None:
    class Loading:  # Python 3.11 reports it as a RuntimeError caused by the KeyboardInterrupt
        field = _SetsItsName()


def test_ctrl_c_while_python_makes_a_class_exits_130_without_a_traceback(monkeypatch, capsys):
    monkeypatch.setattr(quanhu_plan.cli, "main", _ctrl_c_while_a_class_is_made)
    monkeypatch.setattr(signal, "signal", lambda *args: None)  # not this test run's own Ctrl-C
    with pytest.raises(SystemExit) as leaving:
        entry.main()
    assert leaving.value.code == 130
    assert capsys.readouterr().err == ""


def test_an_error_that_is_not_ctrl_c_is_not_taken_for_one(monkeypatch):
    def broken() -> None:
        try:
            raise ValueError("inner")
        except ValueError as exc:
            raise RuntimeError("outer") from exc

    monkeypatch.setattr(quanhu_plan.cli, "main", broken)
    with pytest.raises(RuntimeError, match="outer"):
        entry.main()


# ---------------------------------------------------------------- one command's module


def test_each_command_is_in_the_module_a_run_of_it_imports():
    """A run imports only the module of the command it runs (cli.MODULE_OF): every command
    must be found there, and the table names no command that is not one."""
    from quanhu_plan.cli import COMMAND_MODULES, MODULE_OF, _command_name, app

    found = {
        _command_name(info): info.callback.__module__.rsplit(".", 1)[1]
        for info in app.registered_commands
    }
    assert found == MODULE_OF
    assert set(MODULE_OF.values()) == set(COMMAND_MODULES)


def _run_python(code: str, *args: str) -> str:
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_a_run_of_status_imports_no_other_commands_module():
    code = (
        "import sys\n"
        "from quanhu_plan import cli\n"
        "cli._build_only_the_invoked_command(sys.argv[1:])\n"
        "print([cli._command_name(i) for i in cli.app.registered_commands])\n"
        "print(sorted(m[16:] for m in sys.modules\n"
        "             if m.startswith('quanhu_plan.cli.') and m[16:] in cli.COMMAND_MODULES))\n"
    )
    assert _run_python(code, "status").splitlines() == ["['status']", "['read']"]
    assert _run_python(code, "--lang", "en", "销号", "1.1").splitlines() == [
        "['done']",
        "['change']",
    ]


def test_commands_keep_the_order_of_help_whichever_module_was_imported_first():
    code = (
        "import quanhu_plan.cli.git, quanhu_plan.cli.change\n"
        "from quanhu_plan import cli\n"
        "print(' '.join(cli._command_name(i) for i in cli.app.registered_commands))\n"
    )
    names = _run_python(code).split()
    assert names[:3] == ["status", "list", "show"]
    assert names[-3:] == ["merge", "resolve", "git-setup"]
    assert names.index("import") < names.index("done") < names.index("add")


@pytest.mark.parametrize("lang", [[], ["--lang", "en"]])
def test_version_prints_the_packages_version_and_reads_no_plan(tmp_path, lang):
    # Asked for by an office reporting a problem: which version is this? No plan is read, so a
    # broken one does not stop it.
    import tomllib

    from typer.testing import CliRunner

    from quanhu_plan.cli import app

    (tmp_path / "plan.toml").write_text("not toml [", encoding="utf-8")
    result = CliRunner().invoke(app, [*lang, "--version"])
    assert result.exit_code == 0, result.output
    project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    version = quanhu_plan.__version__
    assert result.stdout == f"quanhu-plan {version}\n"
    assert "version" in project["project"]["dynamic"]  # written once: in __init__.py
    assert (tmp_path / "plan.toml").read_text(encoding="utf-8") == "not toml ["
