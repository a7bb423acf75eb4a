"""``plan status --pager``: the status of a long plan pages on a terminal as list, show, log
and report do (issue 9: long output may go through a pager, as git does)."""

from __future__ import annotations

import sys

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app


@pytest.mark.parametrize("extra", [[], ["--by", "owner"], ["--as-of", "2023-04-01"]])
def test_through_a_pipe_the_pager_changes_nothing(
    runner: CliRunner, small_plan, extra: list[str]
) -> None:
    plain = runner.invoke(app, ["status", *extra])
    paged = runner.invoke(app, ["status", *extra, "--pager"])
    assert plain.exit_code == paged.exit_code == 0
    assert paged.output == plain.output
    assert "测试镇2023年工作计划" in plain.output


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty (POSIX)")
@pytest.mark.parametrize("extra", [[], ["--by", "owner"]])
def test_on_a_terminal_the_status_goes_to_the_pager(
    small_plan, tmp_path, monkeypatch, extra: list[str]
) -> None:
    from .test_hostile_text import run_on_a_terminal

    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("PAGER", f"cat > {paged}")
    monkeypatch.setenv("PLAN_FILE", str(small_plan))
    for round_ in ("no cache entry", "warm"):  # the first read and the one of the goals alone
        paged.unlink(missing_ok=True)
        code, shown = run_on_a_terminal(["status", *extra, "--pager"])
        assert code == 0, (round_, shown)
        text = paged.read_text(encoding="utf-8")
        assert "测试镇2023年工作计划" in text, round_
        assert "测试镇2023年工作计划" not in shown, (
            round_
        )  # it went to the pager, not to the terminal


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty (POSIX)")
def test_a_pager_that_fails_is_an_error(small_plan, monkeypatch) -> None:
    from .test_hostile_text import run_on_a_terminal

    # (having read the view: one that reads none of it, false, leaves the view printed
    # without it: test_attack_s41D)
    monkeypatch.setenv("PAGER", "sh -c 'cat >/dev/null; false'")
    monkeypatch.setenv("PLAN_FILE", str(small_plan))
    code, shown = run_on_a_terminal(["status", "--pager"])
    assert code == 1, shown
    assert "Traceback" not in shown


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty (POSIX)")
@pytest.mark.parametrize(
    ("command", "said"),
    [(["status"], "测试镇2023年工作计划"), (["list"], "修机耕道"), (["log"], "没有修改记录")],
)
def test_an_empty_pager_pages_nothing_as_git_takes_it(
    small_plan, tmp_path, monkeypatch, command: list[str], said: str
) -> None:
    """``PAGER=`` names no pager: the view is printed to the terminal as without --pager
    (pydoc would run less instead), and nothing is said about it."""
    from .test_hostile_text import run_on_a_terminal

    monkeypatch.setenv("PAGER", "")
    monkeypatch.setenv("PLAN_FILE", str(small_plan))
    paged = tmp_path / "paged.txt"
    for name in ("less", "more"):  # pydoc's own choice, found first: it would get the view
        program = tmp_path / name
        # (pydoc tries ``less`` on the terminal first: that try ends at once)
        program.write_text(f"#!/bin/sh\n[ -t 0 ] && exit 0\ncat > {paged}\n", encoding="utf-8")
        program.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    code, shown = run_on_a_terminal([*command, "--pager"])
    assert code == 0, shown
    assert said in shown
    assert not paged.exists()
    assert "分页器" not in shown and "pager" not in shown
