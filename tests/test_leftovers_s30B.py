"""Leftovers in the CLI and terminal layers found in earlier sessions (session 30, B): each
reproduced here and fixed where its concern lives."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import REPO

runner = CliRunner()
PACKAGE = REPO / "quanhu_plan"


# ------------------------------------------- 1. the terminal folds its own notices


def _imports(path: Path) -> list[tuple[str, str]]:
    """(module, name) for each name ``path`` imports, the module absolute (``..cli.app`` in
    terminal/console.py: quanhu_plan.cli.app)."""
    parts = path.relative_to(REPO).with_suffix("").parts[:-1]
    found: list[tuple[str, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = list(parts[: len(parts) - node.level + 1]) if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found += [(module, alias.name) for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [(alias.name, "") for alias in node.names]
    return found


def test_the_terminal_layer_and_the_output_streams_import_nothing_from_the_cli() -> None:
    below_the_cli = [*sorted((PACKAGE / "terminal").glob("*.py")), PACKAGE / "output_streams.py"]
    upward = [
        (path.name, module)
        for path in below_the_cli
        for module, _ in _imports(path)
        if module == "quanhu_plan.cli" or module.startswith("quanhu_plan.cli.")
    ]
    assert upward == []


def test_every_notice_folds_with_the_one_fold_in_the_terminal_layer() -> None:
    """entry's notice (the folder gone), the pager's, the lost characters', the CLI's errors:
    one ``folded_on_terminal``, the terminal layer's."""
    sources = {
        (path.relative_to(PACKAGE).as_posix(), module)
        for path in PACKAGE.rglob("*.py")
        for module, name in _imports(path)
        if name == "folded_on_terminal"
    }
    assert {module for _, module in sources} == {"quanhu_plan.terminal.folding"}, sources
    assert {"entry.py", "output_streams.py", "terminal/console.py", "cli/app.py"} <= {
        path for path, _ in sources
    }


# ------------------------------------------- 2. an unknown command shown as typed, escaped


@pytest.mark.parametrize(
    ("typed", "zh_shown", "en_shown"),
    [
        ("销", "“销”", "'销'"),
        ("st[red]atus", "“st[red]atus”", "'st[red]atus'"),
        ("\x1b[2Jx", "“\\x1b[2Jx”", "'\\x1b[2Jx'"),
        ("a\tb", "“a\\tb”", "'a\\tb'"),  # (a tab, not shown as a space)
        ("a\\tb", "“a\\\\tb”", "'a\\\\tb'"),  # (a backslash typed, told apart from a tab)
        ("\u202eplan", "“\\u202eplan”", "'\\u202eplan'"),
    ],
)
def test_an_unknown_command_is_shown_escaped_as_an_unknown_id_is(
    small_plan: Path, typed: str, zh_shown: str, en_shown: str
) -> None:
    for lang, shown in (("zh", zh_shown), ("en", en_shown)):
        result = runner.invoke(app, [typed, "1.1"], env={"PLAN_LANG": lang})
        assert result.exit_code == 2, result.output
        assert shown in result.stderr, result.stderr
        assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    shown_for_an_id = runner.invoke(app, ["show", typed], env={"PLAN_LANG": "zh"}).stderr
    assert zh_shown in shown_for_an_id or typed == "销", shown_for_an_id
