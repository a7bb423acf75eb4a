"""Titles are CJK text: tables must line up. Every view that prints a table (or a tree) is drawn
at several widths over the 2023 plan and over a plan of hostile titles and names (CJK mixed with
Latin, fullwidth digits and brackets, emoji and flags, combining accents, zero-width joiners and
spaces, tabs, markup-like text, 200-character runs, URLs, deep ids, wide figures), and its lines
are checked by ``misaligned``: no line wider than the terminal, no row past the table's rule, and
between each two columns of the header a boundary blank on every row, continuation lines included.
Widths are counted as the tool counts them (``terminal.cells.joined_widths``)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.terminal.cells import joined_widths
from quanhu_plan.terminal.paragraphs import command_spans

from .conftest import REPO_PLAN, write_plan

RULE = "─"
# The paragraphs a view prints under its table: not rows of it.
NOTES = ("注：", "Note:", "Notes:", "排名规则：", "报送要求：", "Ranking:", "Reporting:")
WIDTHS = (40, 60, 80, 100, 132, 200)


def _columns(line: str) -> list[tuple[int, str, int]]:
    """Each character of ``line`` with the terminal column it starts at and the cells it takes."""
    placed, column = [], 0
    for character, cells in zip(line, joined_widths(line), strict=True):
        placed.append((column, character, cells))
        column += cells
    return placed


def line_width(line: str) -> int:
    return sum(joined_widths(line))


def _ink(line: str) -> set[int]:
    """The terminal columns a character that is not blank stands in."""
    return {
        column + i
        for column, character, cells in _columns(line)
        if not character.isspace()
        for i in range(cells)
    }


def _cells(line: str) -> list[tuple[int, int]]:
    """(start, end) of each run of ink two or more blank cells apart: a header's column labels."""
    spans: list[list[int]] = []
    for position in sorted(_ink(line)):
        if spans and position - spans[-1][1] < 2:
            spans[-1][1] = position + 1
        else:
            spans.append([position, position + 1])
    return [(start, end) for start, end in spans]


def _is_rule(line: str) -> bool:
    return bool(line.strip()) and set(line.strip()) == {RULE}


def _tables(lines: list[str]) -> list[tuple[str, str, list[str]]]:
    """Each table: its header (the line over a rule of ─), the rule, and its rows (to the next
    rule, a note under the table, or a line of one piece after a blank line: a paragraph)."""
    found = []
    for at, line in enumerate(lines):
        if at and _is_rule(line):
            rows = []
            for row in lines[at + 1 :]:
                if _is_rule(row) or row.lstrip().startswith(NOTES):
                    break
                if rows and not rows[-1].strip() and len(_cells(row)) == 1:
                    break  # a paragraph after the table (a row after a blank has columns)
                rows.append(row)
            found.append((lines[at - 1], line, rows))
    return found


def _kept_whole(line: str, width: int) -> bool:
    """Whether ``line`` is wider than ``width`` for a command to copy that is kept whole (by
    design: a pasted line break runs half of it; ``paragraphs.command_spans``)."""
    return any(line_width(line[:end]) > width for _, end in command_spans(line))


def misaligned(text: str, width: int) -> list[str]:
    """What is out of line in a view's printed lines at ``width`` (none: it lines up)."""
    lines = text.split("\n")
    problems = [
        f"wider than {width} ({line_width(line)}): {line!r}"
        for line in lines
        if line_width(line) > width and not _kept_whole(line, width)
    ]
    for header, rule, rows in _tables(lines):
        drawn = _ink(rule)
        left, right = min(drawn), max(drawn) + 1
        for row in [header, *rows]:
            inked = _ink(row)
            if inked and (min(inked) < left or max(inked) >= right) and not _kept_whole(row, width):
                problems.append(f"past the rule ({left}-{right}): {row!r}")
        body = [(row, _ink(row)) for row in rows if row.strip()]
        labels = _cells(header)
        for (_, end), (start, _) in zip(labels, labels[1:], strict=False):
            if not any(all(p not in inked for _, inked in body) for p in range(end, start)):
                crossing = [row for row, inked in body if inked & set(range(end, start))]
                problems.append(f"no boundary at {end}-{start} under {header!r}: {crossing[:2]!r}")
    return problems


def test_the_checker_sees_a_row_out_of_line() -> None:
    """The checker itself: a row a CJK character off (counted as one cell) is caught, as is a
    row past the rule; lines counted as the tool counts them are not."""
    good = " 编号  事项    完成率\n ────────────────────\n 1     修塘       60%\n 1.1   路灯 🇨🇳    5%\n"
    assert misaligned(good, 40) == []
    shifted = good.replace(" 1     修塘       60%", " 1     修塘修塘    60%")
    assert any("no boundary" in problem for problem in misaligned(shifted, 40))
    assert any("past the rule" in p for p in misaligned(good + " 2     " + "镇" * 10 + "\n", 40))
    assert any("wider than" in problem for problem in misaligned("镇" * 21, 40))


HOSTILE: list[dict[str, Any]] = [
    {"id": "1", "title": "基础设施ABC混合（全角）【括号】"},
    {
        "id": "1.1",
        "title": "修塘🇨🇳国旗👨\u200d👩\u200d👧家庭",
        "measure": "处",
        "baseline": 30,
        "target": 4000000,
        "actual": 99999999,
        "owner": "王五🇨🇳",
        "lead_unit": "規劃辦（１２３）",
    },
    {
        "id": "1.2",
        "title": "安装路灯café ńó e\u0301\u0301",
        "status": "done",
        "done_on": dt.date(2023, 3, 1),
        "owner": "Zoë Ångström",
    },
    {"id": "1.3", "title": "修\u200b机\u200d耕\u200c道\ttab\there", "due": dt.date(2023, 3, 31)},
    {"id": "1.4", "title": "镇" * 200, "progress": 33, "lead_unit": "综治办" * 10},
    {"id": "1.5", "title": "https://example.com/a/very/long/path/with/no/spaces/index.html?x=1"},
    {"id": "1.6", "title": "[x] [bold]粗体[/bold] \\[red] 标记", "owner": "[b]张三[/b]"},
    {
        "id": "1.7",
        "title": "１２３４５６７８９０全角数字％",
        "measure": "％",
        "baseline": 0,
        "target": 100,
        "actual": 99.5,
    },
    {"id": "5", "title": "社会事业"},
    {"id": "5.5", "title": "a"},
    {"id": "5.5.3", "title": "b"},
    {"id": "5.5.3.12", "title": "c"},
    {"id": "5.5.3.12.7", "title": "深层级事项Deep", "progress": 10, "lead": "李四"},
]

# Line breaks typed in a title, fullwidth spaces, control characters, rare CJK (extension B),
# kana with a combining mark, Hangul, skin tones and keycaps, soft hyphens, English words
# longer than a line, a figure a hundred million times its target, line and paragraph
# separators, bidi overrides.
ODD: list[dict[str, Any]] = [
    {"id": "1", "title": "第一行\n第二行换行标题"},
    {
        "id": "1.1",
        "title": "①②③全角\u3000空格\u3000标题👍🏽1️⃣",
        "measure": "亩",
        "baseline": 1,
        "target": 40,
        "actual": 99999999,
        "owner": "张\u3000三",
    },
    {"id": "1.2", "title": "控制\x1b[31m红\x7f字\r回车", "owner": "李四\u00ad", "progress": 5},
    {"id": "1.3", "title": "𠀀𬌗生僻字ｶﾀｶﾅ한글テスト\u3099", "lead_unit": "党政办\t综治办"},
    {
        "id": "1.4",
        "title": "Supercalifragilisticexpialidocious-Antidisestablishmentarianism-word",
        "lead": "Mr. Very-Long-Name-Without-Spaces",
        "progress": 45,
    },
    {"id": "1.5", "title": "百分比", "measure": "%", "target": 0.001, "actual": 123456.789},
    # line separators, NEL, file separators, bidi overrides and isolates, form feed
    {
        "id": "1.6",
        "title": "行分隔\u2028符号\x85NEL\x1c符\u202e反向\u202c\x0c页",
        "owner": "段\u2029落",
    },
    {"id": "1.7", "title": "隔离", "lead_unit": "\u2066隔离\u2069办\x0b", "progress": 7},
]

COMMANDS = [
    ["status"],
    ["status", "--by", "owner"],
    ["status", "--by", "unit"],
    ["status", "--by", "lead"],
    ["list"],
    ["list", "--flat"],
    ["check"],
    ["log"],
    ["show", "1.1"],
    ["show", "1.4"],
    ["show", "1.6"],
    ["show", "5.5.1"],
    ["show", "5.5.3.12.7"],
    ["report"],
    ["county", "county"],
    ["county", "county", "--status", "doing"],
    ["county", "county", "--pace", "behind"],
]


@pytest.fixture
def hostile_plan(plan_file: Path, runner: CliRunner) -> Path:
    """The hostile plan, with a log of changes (a figure, a long note, a progress)."""
    write_plan(plan_file, HOSTILE)
    for change in (["record", "1.1", "123456789"], ["note", "1.4", "备注" * 50]):
        assert runner.invoke(app, [*change, "--on", "2023-06-01"]).exit_code == 0
    return plan_file


def _county(plan: Path) -> None:
    county = plan.parent / "county"
    county.mkdir()
    shutil.copyfile(plan, county / ("甲镇🇨🇳" + "镇" * 20 + ".toml"))
    shutil.copyfile(REPO_PLAN, county / "泉湖镇.toml")


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# At a terminal (colour forced) the views are drawn by rich, not written as plain lines
# (``terminal.plain``): the same columns either way.
_COLOUR = {"FORCE_COLOR": "1", "TERM": "xterm-256color", "NO_COLOR": None}


def _draw(runner: CliRunner, args: list[str], width: int, colour: bool = False) -> str:
    env: dict[str, str | None] = {"COLUMNS": str(width), **(_COLOUR if colour else {})}
    result = runner.invoke(app, args, env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    out = _ANSI.sub("", result.stdout)
    assert "\x1b" not in out, repr(out)
    return out


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_hostile_titles_line_up(
    hostile_plan: Path, runner: CliRunner, args: list[str], lang: str, colour: bool
) -> None:
    _county(hostile_plan)
    for width in WIDTHS:
        drawn = _draw(runner, [*args, "--lang", lang], width, colour)
        assert misaligned(drawn, width) == [], (width, drawn)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("args", [c for c in COMMANDS if c[0] != "county"], ids=" ".join)
def test_odd_characters_line_up(
    plan_file: Path, runner: CliRunner, args: list[str], lang: str
) -> None:
    """The odd plan, an English one (its own lang) as well as a Chinese one."""
    write_plan(plan_file, ODD, lang=lang)
    for width in WIDTHS:
        drawn = _draw(runner, args, width)
        assert misaligned(drawn, width) == [], (width, drawn)


@pytest.mark.parametrize("make", ["hostile", "odd", "2023"])
def test_the_text_report_lines_up(plan_file: Path, runner: CliRunner, make: str) -> None:
    """report --format txt: a file's report, drawn 80 columns wide whatever the terminal."""
    if make == "2023":
        shutil.copyfile(REPO_PLAN, plan_file)
    else:
        write_plan(plan_file, HOSTILE if make == "hostile" else ODD)
    for width in (40, 80, 200):
        drawn = _draw(runner, ["report", "--format", "txt"], width)
        assert misaligned(drawn, 80) == [], drawn


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_the_2023_plan_lines_up(
    town_plan: Path, runner: CliRunner, args: list[str], lang: str
) -> None:
    _county(town_plan)
    for width in WIDTHS:
        drawn = _draw(runner, [*args, "--lang", lang], width)
        assert misaligned(drawn, width) == [], (width, drawn)


_GUIDES = re.compile(r"^[│├└─ ]*")


@pytest.mark.parametrize("width", WIDTHS)
def test_no_title_is_cut_or_loses_its_brackets(
    hostile_plan: Path, runner: CliRunner, width: int
) -> None:
    """The tree shows every title whole, wrapped but not cut (no …), [x] and [bold] kept as
    typed; a zero-width or tab character shown as an escape or a space."""
    drawn = _draw(runner, ["list"], width)
    assert "…" not in drawn
    joined = "".join(_GUIDES.sub("", line) for line in drawn.split("\n")).replace(" ", "")
    for item in HOSTILE:
        title = item["title"].replace("\t", " ").replace(" ", "")
        for invisible in ("\u200b", "\u200c"):
            title = title.replace(invisible, f"\\u{ord(invisible):04x}")
        title = title.replace("机\u200d耕", "机\\u200d耕")
        assert title in joined, (item["id"], drawn)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("listed", [["--status", "todo"], ["--pace", "behind"]])
def test_a_note_under_a_county_list_is_apart_from_its_rows(
    plan_file: Path, runner: CliRunner, listed: list[str], lang: str
) -> None:
    """plan county --status/--pace/--key with a copy left out: the note (1 个文件是已计入的
    计划的副本…) stood right under the table's last row, its lines read as rows of it (the
    checker found its words across the columns). A blank line parts them now, as under the
    ranked table."""
    shutil.copyfile(REPO_PLAN, plan_file)
    _county(plan_file)  # the 2023 plan twice: one file is a copy
    for width in (80, 132):
        drawn = _draw(runner, ["county", "county", *listed, "--lang", lang], width)
        lines = drawn.split("\n")
        heading = next(n for n, line in enumerate(lines) if "副本" in line or " a copy " in line)
        assert lines[heading - 1] == "", drawn
        assert misaligned(drawn, width) == [], drawn
