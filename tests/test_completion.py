"""Shell completion through Typer's own entry point, as a shell calls it: `_PLAN_COMPLETE` names
the shell, COMP_WORDS/COMP_CWORD (bash) or _TYPER_COMPLETE_ARGS (zsh, fish, PowerShell) hold
what is typed, and the candidates come back on stdout."""

from __future__ import annotations

import os
import subprocess
import sys

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import REPO, SMALL_ITEMS, write_plan


def bash(runner: CliRunner, line: str) -> list[str]:
    """The candidates bash gets for the last word of ``line`` (a trailing space: a new word)."""
    words = line.split()
    cword = len(words) if line.endswith(" ") else len(words) - 1
    result = runner.invoke(
        app,
        [],
        prog_name="plan",
        env={"_PLAN_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(cword)},
    )
    assert result.exit_code == 0, result.output
    return result.output.splitlines() if result.output.strip() else []


def shell(runner: CliRunner, name: str, line: str, **env: str) -> str:
    result = runner.invoke(
        app,
        [],
        prog_name="plan",
        env={"_PLAN_COMPLETE": f"complete_{name}", "_TYPER_COMPLETE_ARGS": line, **env},
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_bash_completes_item_ids(runner, small_plan):
    assert bash(runner, "plan show 1") == ["1", "1.1", "1.2", "1.3"]
    assert bash(runner, "plan done 2.") == ["2.1", "2.2", "2.3"]
    assert bash(runner, "plan list --part 1") == ["1", "1.1", "1.2", "1.3"]


def test_zsh_completes_ids_with_their_titles_as_written(runner, small_plan):
    out = shell(runner, "zsh", "plan show 2.")
    assert out == (
        '_arguments \'*: :(("2.1":"花鼓戏下乡"\n"2.2":"[x] 自建房排查"\n"2.3":"禁毒讲座"))\'\n'
    )


def test_fish_and_powershell_complete_ids_with_titles(runner, small_plan):
    fish = shell(runner, "fish", "plan show 1.", _TYPER_COMPLETE_FISH_ACTION="get-args")
    assert fish.splitlines() == ["1.1\t修塘", "1.2\t安装路灯", "1.3\t修机耕道"]
    powershell = shell(runner, "powershell", "plan show 1.", _TYPER_COMPLETE_WORD_TO_COMPLETE="1.")
    assert powershell.splitlines() == ["1.1:::修塘", "1.2:::安装路灯", "1.3:::修机耕道"]


def test_ids_come_from_the_file_named_with_f(runner, small_plan, tmp_path):
    other = write_plan(tmp_path / "other.toml", [{"id": "9", "title": "别的计划"}])
    assert bash(runner, f"plan -f {other} show ") == ["9"]
    assert bash(runner, f"plan show --file {other} ") == ["9"]


def test_names_complete_for_who_owner_unit_with_their_roles(runner, small_plan):
    assert bash(runner, "plan list --who ") == ["规划办", "王五", "综治办"]
    assert bash(runner, "plan report --owner 王") == ["王五"]
    assert bash(runner, "plan edit 1.1 --unit ") == ["规划办", "综治办"]
    fish = shell(runner, "fish", "plan export --who ", _TYPER_COMPLETE_FISH_ACTION="get-args")
    assert fish.splitlines() == ["规划办\t牵头单位", "王五\t责任人", "综治办\t牵头单位"]


def test_statuses_complete_by_key_or_by_chinese_label(runner, small_plan):
    assert bash(runner, "plan list --status ") == ["todo", "doing", "done", "blocked", "dropped"]
    assert bash(runner, "plan list --status d") == ["doing", "done", "dropped"]
    assert bash(runner, "plan list -s 已") == ["已完成", "已取消"]
    zsh = shell(runner, "zsh", "plan list --status do")
    assert '"doing":"进行中"' in zsh and '"done":"已完成"' in zsh


def test_commands_and_options_complete(runner, small_plan):
    assert bash(runner, "plan n") == ["new", "note"]
    assert "--carry" in bash(runner, "plan new 2024 --")
    assert bash(runner, "plan --lang ") == ["zh", "en"]
    assert bash(runner, "plan status --by ") == ["unit", "lead", "owner"]  # its own choices


def test_chinese_command_names_complete_and_so_do_their_words(runner, small_plan):
    assert bash(runner, "plan 状") == ["状态"]
    assert bash(runner, "plan 完成") == ["完成情况", "完成", "完成值"]
    assert bash(runner, "plan 查看 2.") == ["2.1", "2.2", "2.3"]
    options = bash(runner, "plan 查看 1.1 --")
    assert "--as-of" in options and "--install-completion" not in options  # show's, not plan's
    assert bash(runner, "plan 销号 --by ")  # done's --by: who made changes


def test_an_option_begun_with_chinese_dashes_completes_as_one_begun_with_hyphens(
    runner, small_plan
):
    hyphens = bash(runner, "plan show 1.1 --")
    assert hyphens and bash(runner, "plan show 1.1 ——") == hyphens
    assert (
        bash(runner, "plan show 1.1 —a")
        == bash(runner, "plan show 1.1 --a")
        == ["--as-of", "--all"]
    )
    assert bash(runner, "plan list －－ｗｈ") == ["--who"]
    assert bash(runner, "plan list ——who 王") == ["王五"]
    zsh = shell(runner, "zsh", "plan list ——wh")
    assert '"--who"' in zsh


def test_completion_of_an_unreadable_plan_offers_nothing_and_does_not_fail(runner, plan_file):
    plan_file.write_text("这不是 TOML\n", encoding="utf-8")
    assert bash(runner, "plan show ") == []


def test_the_plan_program_completes_ids_building_only_the_command_completed(small_plan):
    """The console script's path: cli.main builds only the command being completed."""

    def complete(line: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "_PLAN_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": line}
        return subprocess.run(
            [sys.executable, "-m", "quanhu_plan"],
            capture_output=True,
            text=True,
            env=env,
            cwd=small_plan.parent,
            check=True,
        )

    out = complete("plan -f plan.toml done 1.")
    assert out.stdout == (
        '_arguments \'*: :(("1.1":"修塘"\n"1.2":"安装路灯"\n"1.3":"修机耕道"))\'\n'
    )
    assert out.stderr == ""
    again = complete("plan -f plan.toml 销号 1.")  # a Chinese name: the same
    assert again.stdout == out.stdout
    assert str(REPO)  # the package runs from the checkout the tests import


def test_words_before_reads_each_shells_protocol(monkeypatch):
    from quanhu_plan.cli.completion import words_before

    monkeypatch.setenv("_PLAN_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", "plan -f x.toml show 5.")
    monkeypatch.setenv("COMP_CWORD", "4")
    assert words_before() == ["-f", "x.toml", "show"]
    monkeypatch.setenv("_PLAN_COMPLETE", "complete_zsh")
    monkeypatch.setenv("_TYPER_COMPLETE_ARGS", "plan show ")
    assert words_before() == ["show"]
    monkeypatch.setenv("_TYPER_COMPLETE_ARGS", "plan sh")
    assert words_before() == []
    monkeypatch.setenv("_PLAN_COMPLETE", "complete_powershell")
    monkeypatch.setenv("_TYPER_COMPLETE_ARGS", "plan log 3")
    monkeypatch.setenv("_TYPER_COMPLETE_WORD_TO_COMPLETE", "3")
    assert words_before() == ["log"]
    monkeypatch.setenv("_PLAN_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_CWORD", "not a number")
    assert words_before() is None


def test_small_plan_names_are_what_these_tests_assume():
    assert {t.get("lead_unit") for t in SMALL_ITEMS} == {None, "规划办", "综治办"}
