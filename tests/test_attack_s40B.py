"""Session 40B's hostile text inside valid plans: what a title, a name or a note holds as it is
typed (a flag emoji, …) drawn as it was written in every view, through the commands a user
runs (typer's CliRunner), the plan file read back as written."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.terminal.cells import joined_width

from .conftest import write_plan

runner = CliRunner()

# A flag is two regional indicator letters (🇨🇳 is C N); a line that ends after the first
# letter leaves one letter alone there and pairs the next line's letters the other way round:
# 🇨🇳🇨 / 🇳🇨🇳… shows New Caledonia's flags (N C) on the next line.
FLAGS = "🇨🇳" * 45


def _regional(character: str) -> bool:
    return 0x1F1E6 <= ord(character) <= 0x1F1FF


def _flags_split(output: str) -> list[str]:
    """The lines holding an odd number of regional indicator letters: a flag cut in two."""
    return [line for line in output.splitlines() if sum(map(_regional, line)) % 2]


@pytest.fixture
def flag_plan(plan_file):
    items = [
        {"id": "1", "title": "基础设施"},
        {
            "id": "1.1",
            "title": f"国旗{FLAGS}",
            "owner": f"王五{FLAGS}",
            "due": dt.date(2023, 6, 30),
        },
    ]
    return write_plan(plan_file, items)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    "args",
    [
        ["show", "1.1"],
        ["list"],
        ["list", "--flat"],
        ["status", "--by", "owner"],
        ["report"],
        ["report", "--format", "txt"],
    ],
)
def test_a_line_folds_between_flags_never_inside_one(flag_plan, args, lang):
    result = runner.invoke(
        app, [*args, "--as-of", "2023-06-30", "--lang", lang], env={"COLUMNS": "80"}
    )
    assert result.exit_code == 0, result.output
    assert not _flags_split(result.output), result.output
    assert FLAGS in result.output.replace("\n", "").replace(" ", ""), result.output
    assert max(map(joined_width, result.output.splitlines())) <= 80, result.output


@pytest.mark.parametrize("width", [31, 40, 57, 77])
def test_a_run_of_flags_wider_than_the_line_is_cut_between_flags(width):
    from quanhu_plan.terminal.paragraphs import wrap_lines

    text = "甲" + FLAGS + "乙"
    spans = wrap_lines(text, width)
    assert "".join(text[a:b] for a, b in spans) == text
    for a, b in spans:
        assert sum(map(_regional, text[a:b])) % 2 == 0, (a, b, text[a:b])
        assert joined_width(text[a:b]) <= width


def test_a_flag_title_typed_through_the_commands_reads_back_as_typed(plan_file):
    write_plan(plan_file, [{"id": "1", "title": "基础设施"}])
    title = f"升旗{FLAGS}"
    result = runner.invoke(app, ["add", "1", title, "--on", "2023-03-01"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert not _flags_split(result.output), result.output
    with open(plan_file, "rb") as file:
        items = tomllib.load(file)["item"]
    assert [item["title"] for item in items if item["id"] == "1.1"] == [title]


@pytest.mark.parametrize("width", [27, 33])
def test_a_change_line_folded_at_a_terminal_parts_no_flag(plan_file, width):
    """The tool's own line on a terminal (``folding``) folds a title too long for it by
    columns: 已添加 1.1 升 / 🇨🇳…🇨 / 🇳🇨…"""
    write_plan(plan_file, [{"id": "1", "title": "基础设施"}])
    env = {"COLUMNS": str(width), "TTY_COMPATIBLE": "1"}
    result = runner.invoke(app, ["add", "1", f"升{FLAGS}", "--on", "2023-03-01"], env=env)
    assert result.exit_code == 0, result.output
    assert "\n🇨🇳" in result.output, result.output  # (folded by columns, as meant)
    assert not _flags_split(result.output), result.output
