"""The ID a command is given: one typed empty (a script's unset ``$ID``) is a usage error."""

from __future__ import annotations

from typing import Any

import typer


def refuse_blank_id(ctx: typer.Context, value: Any) -> Any:
    """A typer callback for an ID argument (or several): ``plan show ""`` named no item, and
    was told that the plan has none called “”, as if one were missing (exit 1); it is the
    command line that lacks one (exit 2)."""
    ids = [value] if isinstance(value, str) else value or []
    if any(not item_id.strip() for item_id in ids):
        from .usage import UsageProblem

        example = f"plan {ctx.command.name or 'show'} 1.2"
        raise UsageProblem(
            f"ID（编号）是空的：请写出事项的编号或名称片段，如 {example}；"
            "在脚本里用变量时，先确认变量已赋值。用 plan list 查看全部编号。",
            f"the ID is empty: give an item's id or a fragment of its title, as in {example} "
            "(in a script, check that the variable is set). plan list shows every id.",
            "ID",
        )
    return value
