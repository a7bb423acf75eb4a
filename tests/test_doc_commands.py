"""Every ``plan`` command the README and docs/ show names a command and options that exist: a
reader who types what a document says gets that command, not "no such option".

Looked at: each inline code span and console line that starts with ``plan`` (global options
``-f FILE``/``--lang`` may come first; a Chinese command name counts as its command), and each
inline code span that starts with a command's name followed by an option (``status --by unit``).
docs/commands.md is the program's own help (tests/test_docs.py)."""

from __future__ import annotations

import functools
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.cli.aliases import ALIASES

from .conftest import REPO

DOCUMENTS = [
    REPO / "README.md",
    *(path for path in sorted((REPO / "docs").glob("*.md")) if path.name != "commands.md"),
]
SHELL = {">", ">>", "|", "&&", "||", ";"}  # what follows is another program's
OPTION = re.compile(r"--?[A-Za-z][\w-]*")


def options(command: Any) -> set[str]:
    return {name for param in command.params for name in (*param.opts, *param.secondary_opts)}


def split(command: str) -> list[str]:
    """The words of a command as cmd, PowerShell and sh read it: "D:\\2023 台账\\a.toml" is one."""
    lexer = shlex.shlex(command, posix=False)
    lexer.whitespace_split = True
    lexer.commenters = ""
    try:
        return list(lexer)
    except ValueError:  # an unclosed quote: a fragment of a command
        return command.split()


def shown_commands(text: str) -> list[tuple[int, list[str], bool]]:
    """(line, words, starts with plan) of every command ``text`` shows."""
    found: list[tuple[int, list[str], bool]] = []
    for match in re.finditer(r"`([^`\n]+)`", text):
        words = split(match.group(1))
        line = text.count("\n", 0, match.start()) + 1
        found.append((line, words, bool(words) and words[0] == "plan"))
    for match in re.finditer(r"^\$ (plan .*)$", text, re.M):
        line = text.count("\n", 0, match.start()) + 1
        found.append((line, split(match.group(1).split("  #")[0]), True))
    return found


@functools.cache
def program() -> Any:
    return typer.main.get_command(app)


def wrong_words(words: list[str], with_plan: bool) -> list[str]:
    """The command or option names in ``words`` that ``plan`` does not have."""
    group = program()
    commands: dict[str, Any] = group.commands
    known = options(group) | {"--help", "-h"}
    at = 1 if with_plan else 0
    while with_plan and at < len(words) and words[at].startswith("-"):
        at += 2 if words[at] in ("-f", "--file", "--lang") else 1
    rest = words[at:]
    for i, word in enumerate(rest):
        if word in SHELL:
            rest = rest[:i]
            break
    if rest and not rest[0].startswith("-"):
        name = ALIASES.get(rest[0], rest[0])
        if "…" in name:  # plan …: any command
            return []
        if name not in commands:
            return [rest[0]] if with_plan else []
        known |= options(commands[name])
        rest = rest[1:]
    elif not with_plan:
        return []
    wrong = []
    for word in rest:
        for part in re.split(r"[|\[\]]", word):
            name = part.split("=")[0]
            if OPTION.fullmatch(name) and name not in known:
                wrong.append(name)
    return wrong


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.name)
def test_every_command_a_document_shows_has_the_options_it_names(document: Path):
    text = document.read_text(encoding="utf-8")
    problems = []
    for line, words, with_plan in shown_commands(text):
        if not with_plan and not (len(words) > 1 and words[1].startswith("-")):
            continue
        for word in wrong_words(words, with_plan):
            problems.append(f"{document.name}:{line}: {' '.join(words)}: no {word}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("shown", "wrong"),
    [
        ("plan done 1.1 --on 2023-05-20", []),
        ("plan done 1.1 --when 2023-05-20", ["--when"]),
        ("plan -f x.toml 销号 1.1 --note a", []),
        ("plan finish 1.1", ["finish"]),
        ("plan resolve 5.5.2 progress --ours|--theirs|值", []),
        ("plan --show-completion >> $PROFILE", []),
        ('plan -f "D:\\2023 台账\\a.toml" status --by unit', []),
        ('plan -f "D:\\2023 台账\\a.toml" stats', ["stats"]),
    ],
)
def test_a_named_option_the_command_lacks_is_found(shown, wrong):
    assert wrong_words(split(shown), True) == wrong


def test_a_span_that_starts_with_a_command_name_is_checked_too():
    assert wrong_words(["status", "--by", "unit"], False) == []
    assert wrong_words(["list", "--flatten"], False) == ["--flatten"]


SUGGESTED = re.compile(r"用 (plan -f .+?) (?:查看|添加任务)")


def run_suggested(message: str) -> None:
    """Each ``plan -f …`` a message tells the reader to type runs as typed."""
    suggested = SUGGESTED.findall(message)
    assert suggested, message
    for command in suggested:
        words = shlex.split(command.replace("…", "x"))
        result = CliRunner().invoke(app, words[1:])
        assert result.exit_code == 0, (command, result.output)


def test_the_command_plan_new_says_to_type_runs_for_a_file_name_with_a_space(isolated):
    CliRunner().invoke(app, ["init"], catch_exceptions=False)
    result = CliRunner().invoke(app, ["new", "2024", "--out", "2024年 计划.toml"])
    assert result.exit_code == 0, result.output
    assert 'plan -f "2024年 计划.toml" status' in result.output
    assert 'plan -f "2024年 计划.toml" add' in result.output
    assert (isolated.parent / "2024年 计划.toml").exists()
    run_suggested(result.output)


def test_the_command_plan_import_says_to_type_runs_for_a_file_name_with_a_space(isolated):
    table = REPO / "examples" / "花桥镇2023年任务分解表.xlsx"
    result = CliRunner().invoke(app, ["import", str(table), "--out", "花桥 镇.toml"])
    assert result.exit_code == 0, result.output
    assert 'plan -f "花桥 镇.toml" list' in result.output
    assert (isolated.parent / "花桥 镇.toml").exists()
    run_suggested(result.output)


def test_plan_new_from_the_embedded_plan_names_it_not_a_path_inside_the_program(isolated):
    """The guide's 六、新的一年 shows 原计划 …/plan.toml 没有改动; from the embedded plan (no
    plan.toml here yet) the line named the file inside the installed package."""
    result = CliRunner().invoke(app, ["new", "2024"], env={"PLAN_FILE": ""})
    assert result.exit_code == 0, result.output
    assert "原计划（内置的2023年计划）没有改动。" in result.output
    assert "site-packages" not in result.output and "quanhu_plan" not in result.output
    assert (isolated.parent / "plan-2024.toml").exists()
