"""Layout left over from earlier sessions: no line wider than a narrow terminal (20 and 30
columns, below the documented 40), a COLUMNS of 0 or garbage taken as unknown (80), Latin names
cut at a word, no blank-looking line before a word longer than its line, capitalised labels in
an English dry run, and Excel headers as wide as their text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.terminal.cells import joined_width

from .conftest import REPO_PLAN, write_plan

runner = CliRunner()

ENGLISH_ITEMS = [
    {"id": "1", "title": "Infrastructure and Rural Revitalisation"},
    {
        "id": "1.1",
        "title": "Repair the reservoirs of Quanhu",
        "measure": "reservoirs",
        "target": 40,
        "actual": 20,
        "lead_unit": "Town Water Affairs Station",
        "owner": "Li Xianjun",
        "due": dt.date(2023, 6, 30),
    },
    {"id": "1.2", "title": "Install streetlights along the county road", "progress": 30},
    {"id": "2", "title": "社会事业 Social undertakings"},
    {"id": "2.1", "title": "花鼓戏下乡 Flower-drum opera tours", "progress": 80},
]


def too_wide(output: str, columns: int) -> list[str]:
    """The lines of ``output`` wider than ``columns`` (East Asian wide characters 2 cells)."""
    return [line for line in output.splitlines() if joined_width(line) > columns]


def invoke(args: list[str], columns: str, **env: str) -> str:
    result = runner.invoke(app, args, env={"COLUMNS": columns, **env})
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def repo_plan(plan_file: Path) -> Path:
    plan_file.write_text(REPO_PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    return plan_file


# ---------------------------------------------------------------- 1. narrow terminals


COMMANDS = (
    "status list show init check fmt import new done reopen start block drop progress record "
    "note add edit move rm undo log header report export county merge resolve git-setup"
).split()


@pytest.mark.parametrize("columns", [20, 30])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("args", [["--help"], *[[name, "--help"] for name in COMMANDS]])
def test_help_fits_a_narrow_terminal(args: list[str], lang: str, columns: int) -> None:
    output = invoke(args, str(columns), PLAN_LANG=lang)
    assert too_wide(output, columns) == []


@pytest.mark.parametrize("columns", [20, 30])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("args", [["status"], ["show", "1"], ["show", "2.2"], ["list"]])
def test_read_views_fit_a_narrow_terminal(
    repo_plan: Path, args: list[str], lang: str, columns: int
) -> None:
    output = invoke(["--lang", lang, *args], str(columns))
    assert too_wide(output, columns) == []


@pytest.mark.parametrize("columns", [20, 30])
@pytest.mark.parametrize("args", [["status"], ["show", "1"], ["show", "1.1"], ["show", "2"]])
def test_english_plan_fits_a_narrow_terminal(
    plan_file: Path, args: list[str], columns: int
) -> None:
    write_plan(plan_file, ENGLISH_ITEMS, lang="en", title="Quanhu Town 2023 Work Plan")
    output = invoke(args, str(columns))
    assert too_wide(output, columns) == []


def test_show_of_a_part_keeps_its_items_figures_when_narrow(repo_plan: Path) -> None:
    output = invoke(["show", "2.2"], "20")
    assert "2.2.1" in output and "0%" in output


@pytest.mark.parametrize("columns", ["0", "00", "-5", "abc", ""])
@pytest.mark.parametrize("args", [["status"], ["show", "1"], ["list"], ["--help"]])
def test_unknown_columns_lay_out_at_80(repo_plan: Path, args: list[str], columns: str) -> None:
    """COLUMNS of 0, negative or not a number says nothing of the width: 80, as rich and
    shutil take it when it is unset (0 drew status one character a line)."""
    expected = invoke(args, "80")
    assert invoke(args, columns) == expected


# ---------------------------------------------------------------- 2. Latin names cut at words

NAMES = [
    "Quanhu Town Comprehensive Administrative Law Enforcement Brigade",
    "Lǐ Xiānjūn Agricultural Comprehensive Service Centre",
    "Town Water Affairs Station",
]


def latin_words_split(output: str, texts: list[str]) -> list[str]:
    """The words of ``texts`` that no line of ``output`` holds whole (cut inside the word)."""
    lines = output.splitlines()
    words = {word.strip("（）(),") for text in texts for word in text.split()}
    return sorted(word for word in words if not any(word in line for line in lines))


@pytest.fixture
def county_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "county"
    folder.mkdir()
    for n, name in enumerate(["花桥镇人民政府", *NAMES]):
        items = [
            {"id": "1", "title": "基础设施"},
            {
                "id": "1.1",
                "title": "Repair the reservoirs and irrigation canals of the Water Affairs Station",
                "key": "X-1",
                "progress": 50,
            },
        ]
        write_plan(folder / f"town{n}.toml", items, organisation=name)
    return folder


@pytest.mark.parametrize("args", [[], ["--key", "X-1"]])
def test_county_view_keeps_latin_names_whole(county_folder: Path, args: list[str]) -> None:
    output = invoke(["county", str(county_folder), *args], "80")
    assert latin_words_split(output, NAMES) == []
    assert too_wide(output, 80) == []


@pytest.mark.parametrize("width", range(8, 30))
def test_accented_latin_words_break_at_their_ends(width: int) -> None:
    """Pinyin with its tones (Lǐ Xiānjūn) and accented names are Latin words too."""
    from quanhu_plan.terminal.paragraphs import wrap_lines

    text = "Lǐ Xiānjūn and Wáng Wǔ of Quánhú, Town’s Café"
    lines = [text[start:end] for start, end in wrap_lines(text, width)]
    assert latin_words_split("\n".join(lines), [text]) == []


# ---------------------------------------------------------------- 3. no blank-looking lines


@pytest.mark.parametrize("width", range(4, 16))
@pytest.mark.parametrize("spaces", [2, 3, 6])
@pytest.mark.parametrize("joiner", ["", "\u200d"])  # measured unit by unit where it has one
def test_an_indent_never_makes_a_line_of_its_own(width: int, spaces: int, joiner: str) -> None:
    """Spaces a line starts with, then a word longer than the line: the word is cut after
    them, not pushed under a line of spaces alone."""
    from quanhu_plan.terminal.paragraphs import wrap_lines

    text = " " * spaces + f"Agriculturalcomprehensive{joiner}servicecentre first"
    lines = [text[start:end] for start, end in wrap_lines(text, width + spaces)]
    assert all(line.strip() for line in lines), lines
    assert all(joined_width(line) <= width + spaces for line in lines), lines


@pytest.mark.parametrize("width", range(4, 30))
@pytest.mark.parametrize("spaces", [2, 4, 8])
def test_a_hanging_indent_never_leaves_a_blank_line(width: int, spaces: int) -> None:
    """A cell's lines under its first (a stacked view's figures, a note's indented line) keep
    their indent as far as the column has room; its spaces never fill a line alone."""
    from quanhu_plan.terminal.grid import _lines_of

    cell = "Steps:\n" + " " * spaces + "Agriculturalcomprehensiveservicecentre first"
    lines = [str(line) for line in _lines_of(cell, width, True)]
    assert all(line.strip() for line in lines), lines
    assert all(joined_width(line) <= width for line in lines), lines


# ---------------------------------------------------------------- 4. the dry run's labels


def test_english_dry_run_capitalises_its_labels_as_list_does(tmp_path: Path) -> None:
    """``plan list`` names a task's details Responsible: and Due:; the dry run's tree said
    responsible:, due: and target: in small letters."""
    plan = write_plan(tmp_path / "en.toml", ENGLISH_ITEMS, lang="en")
    table = tmp_path / "progress.xlsx"
    exported = runner.invoke(app, ["-f", str(plan), "export", "--out", str(table)])
    assert exported.exit_code == 0, exported.output
    output = invoke(["--lang", "en", "import", str(table), "--dry-run"], "200")
    assert "Responsible: Town Water Affairs Station / Li Xianjun" in output, output
    assert "Due: 2023-06-30" in output and "Target: 40 reservoirs" in output, output
    assert "responsible:" not in output and "due:" not in output and "target:" not in output
    listed = invoke(["-f", str(plan), "list"], "200")
    assert "Responsible: Town Water Affairs Station / Li Xianjun" in listed, listed


# ---------------------------------------------------------------- 5. Excel headers


def test_excel_headers_break_between_words_and_fit_their_columns(plan_file: Path) -> None:
    """县级任务编号 showed as 县级任 / 务编号 in LibreOffice: a header on two lines breaks
    between its words, and each line fits its column (a wide character 2 units)."""
    from openpyxl import load_workbook

    from quanhu_plan.exporting.xlsx import PADDING, display_width

    from .conftest import SMALL_ITEMS

    items = [dict(item) for item in SMALL_ITEMS]
    items[1]["key"] = "县-12"
    write_plan(plan_file, items)
    out = plan_file.parent / "out.xlsx"
    result = runner.invoke(app, ["export", "--out", str(out)])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out).active
    header_row = next(row for row in sheet.iter_rows() if any(cell.value == "序号" for cell in row))
    headers = {cell.value: cell.column_letter for cell in header_row if cell.value}
    assert "县级任务\n编号" in headers, list(headers)
    for text, letter in headers.items():
        width = sheet.column_dimensions[letter].width
        for line in str(text).split("\n"):
            assert display_width(line) + PADDING <= width, (text, width)


@pytest.mark.parametrize("args", [["status"], ["show", "1"], ["list"], ["log"], ["report"]])
def test_a_terminal_too_narrow_for_any_layout_is_said_once(
    repo_plan: Path, args: list[str]
) -> None:
    """Below 20 columns some lines cannot keep within the width: the view says so, once, on
    stderr, instead of silently running past the edge; at 20 it fits and says nothing."""
    narrow = runner.invoke(app, args, env={"COLUMNS": "12"})
    assert narrow.exit_code == 0, narrow.output
    assert narrow.stderr.count("too narrow") == 1, narrow.stderr
    fitting = runner.invoke(app, args, env={"COLUMNS": "20"})
    assert "too narrow" not in fitting.stderr
