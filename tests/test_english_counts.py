"""English messages say a count with its word in the right number: "1 item", "2 items",
"1 file is", "2 files are"; never "item(s)"."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, write_plan


def invoke(*args: str, input: str | None = None):
    return CliRunner().invoke(app, ["--lang", "en", *args], input=input)


def test_removing_a_goal_counts_the_items_under_it_in_their_number(
    plan_file: Path, at_terminal: None
) -> None:
    write_plan(plan_file, SMALL_ITEMS[:2] + SMALL_ITEMS[4:])  # goal 1 with one task left
    asked = invoke("rm", "1", "--recursive", input="n\n")
    assert "and 1 item under it?" in asked.output
    refused = invoke("rm", "2")
    assert refused.exit_code == 1
    assert "has 3 items under it. Add --recursive" in refused.stderr
    removed = invoke("rm", "1", "--recursive", "--yes")
    assert removed.exit_code == 0, removed.output
    assert "(with 1 item under it)" in removed.stdout
    assert "(s)" not in asked.output + refused.output + removed.output


def test_a_broken_plan_counts_one_problem_as_one(plan_file: Path) -> None:
    write_plan(plan_file, SMALL_ITEMS)
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(text + '\n[[item]]\nid = "9.1"\ntitle = "x"\n', encoding="utf-8")
    result = invoke("status")
    assert result.exit_code == 1
    assert "is not a valid plan (1 problem):" in result.stderr
