"""Session 30 (A): the county view as a county office uses it: the plans listed in the order a
person sorts their files (乡镇2 before 乡镇10), ties ranked as a reader of the 通报 expects, the
通报's 四 saying once that no plan owed a report, CJK names folded without an orphan character,
and twenty to forty towns' plans as they are mailed in. Each test runs the command and checks
what was printed, the exit code and what is on disk."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan

runner = CliRunner()


def tasks_done(done: int, total: int) -> list[dict[str, Any]]:
    """A part with ``total`` tasks due at the year's end, ``done`` of them ticked off."""
    items: list[dict[str, Any]] = [{"id": "1", "title": "重点工作"}]
    for n in range(1, total + 1):
        task: dict[str, Any] = {"id": f"1.{n}", "title": f"任务{n}", "due": dt.date(2023, 12, 31)}
        if n <= done:
            task.update(status="done", done_on=dt.date(2023, 3, 1))
        items.append(task)
    return items


def town(folder: Path, file: str, organisation: str, done: int = 1, total: int = 2) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return write_plan(folder / file, tasks_done(done, total), organisation=organisation)


def county_json(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["county", *args, "--as-of", "2023-06-30", "--json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


# ---------------------------------------------------------------- 1. the order of the files


def test_a_folders_plans_are_listed_with_their_numbers_by_value(tmp_path: Path) -> None:
    """乡镇1…乡镇12 in a folder were listed 乡镇1, 乡镇10, 乡镇11, 乡镇12, 乡镇2: plans sharing a
    place (all at 50% here) are listed in file order, and a person reads 乡镇2 before 乡镇10."""
    folder = tmp_path / "各镇"
    for n in (1, 2, 3, 10, 11, 12):
        town(folder, f"乡镇{n}.toml", f"第{n}镇")
    record = county_json(str(folder))
    assert [Path(row["file"]).name for row in record["rows"]] == [
        f"乡镇{n}.toml" for n in (1, 2, 3, 10, 11, 12)
    ]
    shown = runner.invoke(app, ["county", str(folder), "--as-of", "2023-06-30"])
    assert shown.exit_code == 0, shown.output
    rows = [line.split() for line in shown.stdout.splitlines()]
    names = [words[1] for words in rows if words and words[0].isdigit()]
    assert names == [f"第{n}镇" for n in (1, 2, 3, 10, 11, 12)], shown.stdout


def test_folders_too_and_names_with_their_numbers_in_the_middle(tmp_path: Path) -> None:
    folder = tmp_path / "各镇"
    for sub, file in (("片区2", "b9.toml"), ("片区10", "a1.toml"), ("片区2", "b10.toml")):
        town(folder / sub, file, f"{sub}{file}")
    record = county_json(str(folder))
    assert [Path(row["file"]).relative_to(folder).as_posix() for row in record["rows"]] == [
        "片区2/b9.toml",
        "片区2/b10.toml",
        "片区10/a1.toml",
    ]


def test_files_named_on_the_command_line_keep_the_order_they_were_given(tmp_path: Path) -> None:
    """An office that names the files in its own order (the county's list of towns) gets that
    order; files given in plain sorted order (what a shell's 乡镇*.toml expands to) are listed
    as a person sorts them, since no one chose t1, t10, t2."""
    folder = tmp_path / "各镇"
    files = [str(town(folder, f"t{n}.toml", f"镇{n}")) for n in (1, 2, 10)]
    chosen = [files[2], files[0], files[1]]
    assert [row["file"] for row in county_json(*chosen)["rows"]] == chosen
    globbed = sorted(files)  # t1, t10, t2
    assert [row["file"] for row in county_json(*globbed)["rows"]] == files
