"""Session 24, task L: a new office following the README and the user guide from a clean clone."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.store import embedded_plan_path


@pytest.fixture
def no_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    """No plan file anywhere: plan reads the embedded 2023 plan, as in a fresh folder."""
    monkeypatch.delenv("PLAN_FILE")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("zh", "内置的2023年计划（只读）：没有发现问题"),
        ("en", "The embedded 2023 plan (read-only): no problems"),
    ],
)
def test_check_of_the_embedded_plan_names_it_not_its_path_inside_the_install(
    runner: CliRunner, no_plan: None, tmp_path, lang: str, said: str
) -> None:
    # A clerk who ran `plan check` before `plan init` was shown a file deep in the install
    # (…/.venv/lib/python3.11/site-packages/quanhu_plan/plan.toml) as "the plan", a file
    # no command changes and an upgrade replaces; `plan header` calls it the embedded plan.
    result = runner.invoke(app, ["--lang", lang, "check"])
    assert result.exit_code == 0, result.output
    assert said in result.output.replace("\n", "")
    assert str(embedded_plan_path()) not in result.output.replace("\n", "")
    assert not (tmp_path / "plan.toml").exists()


COMMANDS = ["status", "list", "show", "import", "new", "report", "export", "county", "log"]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_names_what_each_option_takes_not_a_python_type(
    runner: CliRunner, command: str
) -> None:
    # `plan status --help` showed `--as-of <str>` where `plan export --help` showed
    # `--as-of DATE`, and `plan --help` `-f, --file <str>`: <str> is Python's word for text,
    # which a clerk reading the help cannot know.
    for lang in ("zh", "en"):
        result = runner.invoke(app, ["--lang", lang, command, "--help"])
        assert result.exit_code == 0, result.output
        assert "<str>" not in result.output
        assert "<int>" not in result.output
    top = runner.invoke(app, ["--help"])
    assert "<str>" not in top.output
    assert "-f, --file FILE" in top.output


@pytest.mark.parametrize("command", ["status", "list", "show", "report", "export", "county"])
def test_help_calls_as_of_a_date_in_every_command(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "--as-of DATE" in result.output


@pytest.mark.parametrize(
    "command", ["done", "progress", "record", "note", "add", "header", "import"]
)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_help_on_dates_says_the_ways_the_guide_writes_them(
    runner: CliRunner, command: str, lang: str
) -> None:
    # The guide says 日期怎么习惯怎么写 and runs `plan record … --on 3月28日`; `plan done --help`
    # said the day was to be written YYYY-MM-DD (写成 YYYY-MM-DD), which it need not be.
    result = runner.invoke(app, ["--lang", lang, command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "YYYY-MM-DD" not in result.output
    assert "2023/" in result.output  # a day as the guide writes one, 2023/6/30


def test_a_date_written_as_the_help_now_shows_is_taken(runner: CliRunner, tmp_path) -> None:
    assert runner.invoke(app, ["init"]).exit_code == 0
    result = runner.invoke(app, ["done", "5.5.1", "--on", "2023/6/30"])
    assert result.exit_code == 0, result.output
    assert "（2023-06-30）" in result.output
    assert "done_on = 2023-06-30" in (tmp_path / "plan.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ("show", "plan show [选项] {ID}"),
        ("check", "plan check [选项] [PATH]"),
        ("import", "plan import [选项] {FILE}"),
    ],
)
def test_usage_line_names_arguments_as_the_other_commands_do(
    runner: CliRunner, command: str, usage: str
) -> None:
    # `plan show --help` read 用法：plan show [选项] {item} beside plan done [选项] {ID...}, and
    # its error for a missing one said ITEM: the usage line now says what the error says.
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert usage in result.output


def _shell(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    import shellingham

    monkeypatch.setattr(shellingham, "detect_shell", lambda: (name, f"/bin/{name}"))


def test_install_completion_says_in_chinese_where_it_was_installed(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    # The guide's 命令补全: `plan --install-completion`, then a new terminal. It answered in
    # English only: "bash completion installed in …/plan.sh / Completion will take effect
    # once you restart the terminal".
    monkeypatch.setenv("HOME", str(tmp_path))
    _shell(monkeypatch, "bash")
    result = runner.invoke(app, ["--install-completion"])
    assert result.exit_code == 0, result.output
    script = tmp_path / ".bash_completions" / "plan.sh"
    assert script.is_file()
    assert "_PLAN_COMPLETE" in script.read_text(encoding="utf-8")
    assert "已为 bash 安装命令补全" in result.output
    assert "重新打开终端" in result.output
    assert "installed in" not in result.output
    english = runner.invoke(app, ["--lang", "en", "--install-completion"])
    assert english.exit_code == 0, english.output
    assert "Completion for bash installed" in english.output


def test_install_completion_in_cmd_says_to_use_powershell(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    # The guide sends Windows offices to 命令提示符 (cmd), where `plan --install-completion`
    # said only "Shell cmd is not supported." (exit 1), with no word of PowerShell.
    monkeypatch.setenv("HOME", str(tmp_path))
    _shell(monkeypatch, "cmd")
    result = runner.invoke(app, ["--install-completion"])
    assert result.exit_code == 1
    assert "is not supported" not in result.output
    assert "PowerShell" in result.output
    assert "命令提示符" in result.output
    assert list(tmp_path.iterdir()) == []


def test_advice_on_git_conflict_markers_leaves_git_status_clean(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    # Followed as written in a clone that never ran plan git-setup: plan git-setup (which
    # writes .gitattributes and .gitignore), ..., git add FILE .gitattributes, git commit;
    # the .gitignore it wrote stayed untracked (git status: ?? .gitignore) in every clone.
    import re
    import shlex
    import subprocess

    monkeypatch.delenv("PLAN_FILE")
    monkeypatch.setenv("QUANHU_PLAN_CACHE", "off")  # the tests' cache is in tmp_path
    git = ["git", "-c", "user.name=王五", "-c", "user.email=w@example.com"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    assert runner.invoke(app, ["init"]).exit_code == 0
    plan = tmp_path / "plan.toml"
    text = plan.read_text(encoding="utf-8")
    subprocess.run([*git, "add", "plan.toml"], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "计划"], cwd=tmp_path, check=True)
    marked = text.replace(
        'title = "严厉打击乱占耕地建房行为"\n',
        'title = "严厉打击乱占耕地建房行为"\n<<<<<<< HEAD\nprogress = 60\n=======\n'
        "progress = 70\n>>>>>>> origin/main\n",
    )
    assert marked != text
    plan.write_text(marked, encoding="utf-8")
    refused = runner.invoke(app, ["status"])
    assert refused.exit_code == 1
    said = " ".join(refused.output.split())
    assert "*.toml" in said
    assert runner.invoke(app, ["git-setup"]).exit_code == 0
    plan.write_text(text, encoding="utf-8")  # as git checkout --merge leaves it, merged
    added = re.search(r"检查后 git add (.+?) 并 git commit", said)
    assert added, said
    subprocess.run([*git, "add", *shlex.split(added.group(1))], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "合并"], cwd=tmp_path, check=True)
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=tmp_path, capture_output=True, text=True
    )
    assert status.stdout == ""
