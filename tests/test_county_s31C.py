"""Session 31 (C): which files plan county takes and in what order: 乡镇 before 乡镇1 (a person
puts the bare name first), and a wildcard with no suffix (乡镇*, as cmd passes it on or a shell
expands it) takes only the files plan would open as plans, naming the others once; then the
county view with thirty towns' plans of mixed shapes at 60, 80 and 120 columns and as JSON.
Each test runs the command and checks what was printed, the exit code and what is on disk."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan

runner = CliRunner()


def town(folder: Path, file: str, organisation: str, done: int = 1, total: int = 2) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    items: list[dict[str, Any]] = [{"id": "1", "title": "重点工作"}]
    for n in range(1, total + 1):
        task: dict[str, Any] = {"id": f"1.{n}", "title": f"任务{n}", "due": dt.date(2023, 12, 31)}
        if n <= done:
            task.update(status="done", done_on=dt.date(2023, 3, 1))
        items.append(task)
    return write_plan(folder / file, items, organisation=organisation)


def county(*args: str) -> Any:
    return runner.invoke(app, ["county", *args, "--as-of", "2023-06-30"])


def county_json(*args: str, code: int = 0) -> dict[str, Any]:
    result = county(*args, "--json")
    assert result.exit_code == code, result.output
    return json.loads(result.stdout)


# ---------------------------------------------------------------- 1. the bare name first


def test_the_bare_name_is_listed_before_the_same_name_with_a_number(tmp_path: Path) -> None:
    """乡镇.toml was listed after 乡镇1.toml and 乡镇10.toml: the key compared 乡镇.toml with
    乡镇 then 1, and 乡镇 is the shorter. A person puts 乡镇 first, as Explorer does."""
    folder = tmp_path / "各镇"
    for name in ("乡镇10", "乡镇", "乡镇2", "乡镇1"):
        town(folder, f"{name}.toml", name)
    record = county_json(str(folder))
    in_order = ["乡镇", "乡镇1", "乡镇2", "乡镇10"]
    assert [Path(row["file"]).stem for row in record["rows"]] == in_order
    files = sorted(str(path) for path in folder.iterdir())  # as a shell's 乡镇*.toml
    assert [Path(row["file"]).stem for row in county_json(*files)["rows"]] == in_order
