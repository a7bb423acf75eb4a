"""No question without a terminal (s36E): a script that feeds plan its figures line by line
(`while read id n; do plan record $id $n; done < figures.txt`) must not have its next lines
read as answers. plan asks only when standard input is a terminal, as gh and terraform do;
elsewhere `record` records the figure and says it did not tick the task off, `rm` removes
nothing without --yes, and `--no` answers no without asking, at a terminal too."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan

ITEMS: list[dict[str, Any]] = [
    {"id": "1", "title": "基础设施"},
    {"id": "1.1", "title": "修塘[x]", "measure": "处", "target": 40, "actual": 20},
    {"id": "1.2", "title": "安装路灯", "measure": "盏", "target": 100, "actual": 10},
    {"id": "1.3", "title": "修机耕道", "progress": 50},
]


def items(path: Path) -> dict[str, dict[str, Any]]:
    return {i["id"]: i for i in tomllib.loads(path.read_text("utf-8"))["item"]}


@pytest.fixture
def plan(plan_file: Path) -> Path:
    return write_plan(plan_file, ITEMS)


def test_record_without_a_terminal_reads_no_answer_and_says_it_did_not_tick(plan: Path) -> None:
    said = CliRunner().invoke(app, ["record", "1.1", "40"], input="是\n1.2 100\n")
    assert said.exit_code == 0, said.output
    assert "是否同时销号" not in said.output  # not asked: the "是" is another line's
    task = items(plan)["1.1"]
    assert task["actual"] == 40 and task.get("status") != "done"
    assert "注意：1.1 修塘[x] 的完成值已达到目标值 40处；不在终端上运行，没有询问是否销号" in (
        said.stderr
    )
    assert "plan done 1.1" in said.stderr and "--yes" in said.stderr


def test_record_without_a_terminal_in_english(plan_file: Path) -> None:
    write_plan(plan_file, ITEMS, lang="en")
    said = CliRunner().invoke(app, ["record", "1.1", "40"], input="y\n")
    assert said.exit_code == 0, said.output
    assert "Tick it off" not in said.output
    assert "not run at a terminal, so not asked" in said.stderr
    assert items(plan_file)["1.1"].get("status") != "done"


def test_record_at_a_terminal_still_asks(plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("quanhu_plan.cli.prompts.can_ask", lambda: True)
    said = CliRunner().invoke(app, ["record", "1.1", "40"], input="是\n")
    assert said.exit_code == 0, said.output
    assert "1.1 修塘[x] 的完成值已达到目标值 40处，是否同时销号？" in said.stdout
    assert items(plan)["1.1"]["status"] == "done"
    assert "不在终端上运行" not in said.stderr


def test_record_no_neither_asks_nor_ticks_nor_says(
    plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("quanhu_plan.cli.prompts.can_ask", lambda: True)
    said = CliRunner().invoke(app, ["record", "1.1", "40", "--no"], input="是\n")
    assert said.exit_code == 0, said.output
    assert "是否" not in said.output and "销号" not in said.output
    task = items(plan)["1.1"]
    assert task["actual"] == 40 and task.get("status") != "done"


def test_record_yes_and_no_together_is_a_usage_error(plan: Path) -> None:
    before = plan.read_bytes()
    said = CliRunner().invoke(app, ["record", "1.1", "40", "--yes", "--no"])
    assert said.exit_code == 2
    assert "--yes" in said.output and "--no" in said.output
    assert plan.read_bytes() == before


def test_record_short_of_the_target_says_nothing_of_ticking(plan: Path) -> None:
    said = CliRunner().invoke(app, ["record", "1.1", "30"])
    assert said.exit_code == 0, said.output
    assert "销号" not in said.output


def test_rm_without_a_terminal_removes_nothing_and_says_why(plan: Path) -> None:
    before = plan.read_bytes()
    said = CliRunner().invoke(app, ["rm", "1.3"], input="y\n")
    assert said.exit_code != 0
    assert "未删除：不在终端上运行，没有询问确认。要删除，加 --yes。" in said.stderr
    assert plan.read_bytes() == before


def test_rm_at_a_terminal_still_asks(plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("quanhu_plan.cli.prompts.can_ask", lambda: True)
    said = CliRunner().invoke(app, ["rm", "1.3"], input="y\n")
    assert said.exit_code == 0, said.output
    assert "删除 1.3 修机耕道？" in said.stdout
    assert "1.3" not in items(plan)


def _script(tmp_path: Path, loop: str, lines: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "lines.txt").write_text(lines, encoding="utf-8")
    plan = f"{sys.executable} -m quanhu_plan"
    return subprocess.run(
        ["sh", "-c", loop.replace("PLAN", plan)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_script_reading_figures_line_by_line_has_every_line_recorded(
    plan: Path, tmp_path: Path
) -> None:
    done = _script(
        tmp_path,
        'while read id n; do PLAN record "$id" "$n" || exit 9; done < lines.txt',
        "1.1 40\n1.2 100\n",
    )
    assert done.returncode == 0, done.stderr
    now = items(plan)
    assert (now["1.1"]["actual"], now["1.2"]["actual"]) == (40, 100)  # 1.2 not eaten as an answer
    assert done.stderr.count("没有询问是否销号") == 2


def test_a_script_removing_line_by_line_reads_no_line_as_an_answer(
    plan: Path, tmp_path: Path
) -> None:
    done = _script(
        tmp_path, 'while read id; do PLAN rm "$id"; echo "rc=$?"; done < lines.txt', "1.3\n1.2\n"
    )
    assert done.stdout.count("rc=1") == 2, done.stdout + done.stderr  # two lines, two refusals
    assert {"1.2", "1.3"} <= set(items(plan))


class _Input:
    """Standard input as a program of Windows sees it: no console (``isatty`` False)."""

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return 0


@pytest.mark.parametrize(
    ("name", "asked"),
    [
        ("\\msys-dd50a72ab4668b33-pty0-from-master", True),  # Git Bash's mintty
        ("\\cygwin-e022582115c10879-pty3-from-master", True),  # Cygwin's
        ("\\msys-dd50a72ab4668b33-13420-pipe-0x1", False),  # a pipe of the shell's: a script
        (None, False),  # a file (< figures.txt), or no answer
    ],
)
def test_git_bash_is_a_terminal_though_not_a_console(
    monkeypatch: pytest.MonkeyPatch, name: str | None, asked: bool
) -> None:
    from quanhu_plan.cli import prompts

    monkeypatch.setattr(sys, "stdin", _Input())
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(prompts, "_pipe_name", lambda fd: name)
    assert prompts.can_ask() is asked
    monkeypatch.setattr(sys, "platform", "linux")  # (a pipe elsewhere is a pipe)
    assert prompts.can_ask() is False


def test_no_pipe_name_where_there_is_no_windows() -> None:
    from quanhu_plan.cli import prompts

    assert prompts._pipe_name(0) is None  # (no msvcrt here: None, never an error)
