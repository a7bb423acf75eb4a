"""Standing work (常态推进, s32A) in the county view: counted in none of the four pace columns, it
is said apart in the overview, and it does not count against a town's 序时达标率."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan

runner = CliRunner()


def _town(path: Path, name: str, standing: int) -> None:
    """A town with one task on pace in June (half done, due at the year's end) and
    ``standing`` tasks of standing work (长期坚持) under way."""
    items = [
        {"id": "1", "title": "重点工作"},
        {
            "id": "1.1",
            "title": "修机耕道",
            "due": dt.date(2023, 12, 31),
            "status": "doing",
            "progress": 60,
        },
    ]
    for n in range(standing):
        items.append(
            {
                "id": f"1.{n + 2}",
                "title": f"安全生产巡查{n + 1}",
                "完成时限原文": "长期坚持",
                "status": "doing",
                "progress": 30,
            }
        )
    write_plan(path, items, title=f"{name}2023年工作计划", organisation=name)


def test_standing_work_is_said_apart_and_not_held_against_a_town(tmp_path: Path) -> None:
    folder = tmp_path / "county"
    folder.mkdir()
    _town(folder / "a.toml", "甲镇", 0)
    _town(folder / "b.toml", "乙镇", 3)
    args = ["county", str(folder), "--as-of", "2023-06-30"]
    result = runner.invoke(app, [*args, "--json", "--weights", "on_pace=1"])
    assert result.exit_code == 0, result.output
    rows = {row["organisation"]: row for row in json.loads(result.stdout)["rows"]}
    assert rows["乙镇"]["pace"]["ongoing"] == 3
    # Both towns have their one paced task on pace: the same 序时达标率, standing work or not.
    assert rows["甲镇"]["on_pace_share"] == rows["乙镇"]["on_pace_share"] == 1
    assert rows["甲镇"]["score"] == rows["乙镇"]["score"]
    md = runner.invoke(app, [*args, "--format", "md"])
    assert md.exit_code == 0, md.output
    assert "常态推进 3 项" in md.stdout
    en = runner.invoke(app, [*args, "--format", "md", "--lang", "en"])
    assert en.exit_code == 0, en.output
    assert "3" in en.stdout and "ongoing" in en.stdout.lower()


def test_no_standing_work_no_word_of_it(tmp_path: Path) -> None:
    folder = tmp_path / "county"
    folder.mkdir()
    _town(folder / "a.toml", "甲镇", 0)
    md = runner.invoke(app, ["county", str(folder), "--as-of", "2023-06-30", "--format", "md"])
    assert md.exit_code == 0, md.output
    assert "常态推进" not in md.stdout
