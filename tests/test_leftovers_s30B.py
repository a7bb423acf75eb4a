"""Leftovers in the CLI and terminal layers found in earlier sessions (session 30, B): each
reproduced here and fixed where its concern lives."""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import REPO

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
