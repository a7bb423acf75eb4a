"""plan init under another name than plan.toml says how to use it (plan -f PATH status): the path
is quoted so that the shell gives the program that very path, whatever it holds."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from quanhu_plan import shell_words, store
from quanhu_plan.cli import app
from quanhu_plan.store import files

NAMES = [
    "2024计划.toml",
    "泉湖镇 2024 计划.toml",
    "a $HOME `echo x` 计划.toml",
    "it's (ours) 100%.toml",
    "wow!计划 $1.toml",
]  # (no " nor \\: plan writes no name a Windows PC cannot hold, test_leftovers_files)


def advised_path(output: str) -> str:
    """The PATH of 'plan -f PATH status' in the advice."""
    return " ".join(output.split()).split("plan -f ", 1)[1].rsplit(" status", 1)[0]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize("name", NAMES)
def test_the_path_init_advises_is_read_by_bash_as_the_file_written(runner, plan_file, name):
    result = runner.invoke(app, ["init", name])
    assert result.exit_code == 0, result.output
    assert (plan_file.parent / name).is_file()
    typed = advised_path(result.output)
    # bash -i: as typed in a terminal, where ! is history expansion
    done = subprocess.run(
        ["bash", "--norc", "-i", "-c", f"printf %s {typed}"],
        capture_output=True,
        text=True,
        check=False,
        env={"HOME": "/nonexistent", "PATH": "/usr/bin:/bin"},
    )
    assert done.stdout == name, (typed, done.stderr)


def test_on_windows_the_advised_path_keeps_single_backslashes(runner, plan_file, monkeypatch):
    monkeypatch.setattr(shell_words, "_windows", lambda: True)
    # One file name here, a path there: its backslashes and colon are no mistake on Windows.
    for module in (store, files):
        monkeypatch.setattr(module, "refuse_unportable_name", lambda path: None)
    name = "C:\\Users\\张三\\My Plans\\2024计划.toml"
    result = runner.invoke(app, ["init", name])
    assert result.exit_code == 0, result.output
    assert advised_path(result.output) == f'"{name}"'
    assert shell_words.quote("D:\\计划 新\\") == '"D:\\计划 新\\\\"'
    assert shell_words.quote("2024计划.toml") == "2024计划.toml"
