"""Layout left over after session 16 (s17B): the lines ``plan header`` and ``plan check`` print
without rich ran past a narrow terminal's edge; a word of words joined by slashes
(Ahead/On/Behind/Late, a path) was cut by characters rather than after a slash; a path after a
space (文件: /tmp/plan.toml) was taken for a separator (李明 / 赵强) and pushed a character of
its label onto a line of its own."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.terminal.cells import joined_width
from quanhu_plan.terminal.paragraphs import wrap_lines

from .conftest import REPO_PLAN

runner = CliRunner()


def run(args: list[str], columns: int) -> str:
    result = runner.invoke(app, args, env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.stdout


def too_wide(output: str, columns: int) -> list[str]:
    """The lines of ``output`` wider than ``columns`` (East Asian wide characters 2 cells)."""
    return [line for line in output.splitlines() if joined_width(line) > columns]


def squeezed(output: str) -> str:
    """The output's text without the spaces and line ends a layout adds."""
    return "".join(output.split())


@pytest.fixture
def repo_plan(plan_file: Path) -> Path:
    plan_file.write_text(REPO_PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    return plan_file


@pytest.mark.parametrize("columns", [20, 30, 40])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("command", ["header", "check"])
def test_header_and_check_fold_to_a_narrow_terminal(
    repo_plan: Path, command: str, lang: str, columns: int
) -> None:
    wide = run(["--lang", lang, command], 400)
    narrow = run(["--lang", lang, command], columns)
    assert too_wide(narrow, columns) == [], narrow
    assert squeezed(narrow) == squeezed(wide)  # nothing lost
    assert str(repo_plan) in squeezed(narrow)  # the path folds after a slash, whole


def test_a_path_after_a_label_is_not_taken_for_a_separator() -> None:
    text = "文件: /tmp/wtB/plan.toml"
    assert [text[a:b] for a, b in wrap_lines(text, 20)] == ["文件:", "/tmp/wtB/plan.toml"]
    names = "李明 / 赵强"  # a separator still ends a line rather than start one
    assert [names[a:b] for a, b in wrap_lines(names, 6)] == ["李明 /", "赵强"]


@pytest.mark.parametrize("columns", [20, 30])
def test_english_status_breaks_its_labels_between_words(repo_plan: Path, columns: int) -> None:
    output = run(["--lang", "en", "status"], columns)
    assert too_wide(output, columns) == []
    # Ahead/On/Behind/L | ate 0/0/2/0 (or | /Late) was cut inside its last word.
    cut = [line for line in output.splitlines() if line.strip()[:1].islower()]
    assert cut + [line for line in output.splitlines() if line.strip().startswith("/")] == []
    assert "Ahead/On/Behind/Overdue" in squeezed(output)


@pytest.mark.parametrize(
    "text, width, lines",
    [
        ("2023年工作计划（a/town/plan.toml）", 18, ["2023年工作计划", "（a/town/", "plan.toml）"]),
        ("（Comprehensive）", 16, ["（Comprehensiv", "e）"]),
        # a number stays whole where it fits: the bracket goes alone rather than split it
        ("截至2026-11-30）", 10, ["截至", "2026-11-30", "）"]),
        ("Ahead/On/Behind/Late 0/0/2/0", 17, ["Ahead/On/Behind/", "Late 0/0/2/0"]),
    ],
)
def test_a_cut_unit_breaks_after_a_slash_and_keeps_closing_punctuation_company(
    text: str, width: int, lines: list[str]
) -> None:
    assert [text[a:b] for a, b in wrap_lines(text, width)] == lines


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_show_at_20_columns_puts_values_under_their_names(repo_plan: Path, lang: str) -> None:
    """Beside the names a value had 10 columns: Completi | on, and (as of 2023-12-31 | ) with
    its bracket alone on a line."""
    output = run(["--lang", lang, "show", "1.1.1"], 20)
    assert too_wide(output, 20) == []
    lines = [line.strip() for line in output.splitlines()]
    assert not [line for line in lines if line[:1] in tuple("）)，,;；")]
    wide = run(["--lang", lang, "show", "1.1.1"], 400)
    assert squeezed(output) == squeezed(wide)  # nothing lost (no log yet: the fields alone)
    if lang == "en":
        assert "Completion" in lines and "Expected by now" in lines


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_log_at_20_columns_puts_an_entry_under_its_time(repo_plan: Path, lang: str) -> None:
    """Beside its time an entry had 8 columns: a date in it was cut (2026-12- | 01)."""
    note = "督查组（县委办）反馈：已整改完毕（2023-06-30）。"
    noted = runner.invoke(app, ["note", "3.1", note, "--on", "2023-07-01", "--by", "张三"])
    assert noted.exit_code == 0, noted.output
    output = run(["--lang", lang, "log"], 20)
    assert too_wide(output, 20) == [], output
    lines = [line.strip() for line in output.splitlines()]
    assert any("2023-07-01" in line for line in lines), output
    assert any("（2023-06-30）。" in line for line in lines), output
    assert squeezed(note) in squeezed(output)


@pytest.mark.parametrize("columns", [40, 41, 44])
def test_the_reports_ledger_never_cuts_a_date_under_a_task(repo_plan: Path, columns: int) -> None:
    """At 40 columns the task column had 9: 完成日期：2026-12-0 | 1."""
    done = runner.invoke(app, ["done", "1.1.1", "--on", "2023-06-30", "--by", "张三"])
    assert done.exit_code == 0, done.output
    output = run(["report", "--as-of", "2023-12-31"], columns)
    assert too_wide(output, columns) == [], output
    ledger = output[output.index("附表") :]
    assert "6月30日" in ledger, ledger  # the report's year goes without saying (s30F)


@pytest.mark.parametrize(
    "lang, heading", [("zh", "附表：任务完成情况台账"), ("en", "Appendix: task ledger")]
)
def test_a_report_heading_too_long_for_its_rule_folds_whole(
    repo_plan: Path, lang: str, heading: str
) -> None:
    """rich's rule cut its title: 附表：任务完成情 … ─ at 20 columns."""
    output = run(["--lang", lang, "report"], 20)
    assert too_wide(output, 20) == [], output
    assert squeezed(heading) in squeezed(output)
    assert "…" not in output


@pytest.mark.parametrize(
    "text, width, lines",
    [
        ("a/town/plan.toml)：未开始", 18, ["a/town/", "plan.toml)：未开始"]),
        ("Flower-drum opera", 10, ["Flower-", "drum opera"]),
    ],
)
def test_a_cut_word_breaks_at_its_joints_before_closing_punctuation_too(
    text: str, width: int, lines: list[str]
) -> None:
    """a/town/plan.tom | l)：, Flower-dru | m."""
    assert [text[a:b] for a, b in wrap_lines(text, width)] == lines


def test_the_reports_ledger_keeps_a_latin_word_whole_or_stacks(plan_file: Path) -> None:
    """At 40 columns the ledger's task column (10) cut streetligh | ts and 40reservoi | rs; its
    owners came out as Li Xianjun  /  Wang Fang."""
    from .conftest import write_plan

    items = [
        {"id": "1", "title": "Infrastructure"},
        {
            "id": "1.1",
            "title": "Install streetlights along the road",
            "measure": "reservoirs",
            "target": 40,
            "owner": "Li Xianjun / Wang Fang",
        },
    ]
    write_plan(plan_file, items)
    for columns in (40, 44, 50):
        output = run(["report", "--as-of", "2023-12-31"], columns)
        ledger = output[output.index("附表") :]
        assert too_wide(ledger, columns) == [], ledger
        lines = ledger.splitlines()
        for word in ("streetlights", "40reservoirs"):
            assert any(word in line for line in lines), (columns, ledger)
        assert "Li Xianjun / Wang Fang" in " ".join(" ".join(lines).split()), ledger
        assert "  /  " not in ledger


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_help_breaks_an_option_too_long_for_its_line_after_a_hyphen(lang: str) -> None:
    """--install-comple | tion at 20 columns."""
    output = runner.invoke(app, ["--help"], env={"COLUMNS": "20", "PLAN_LANG": lang}).output
    assert too_wide(output, 20) == []
    lines = [line.strip() for line in output.splitlines()]
    assert "--install-" in lines and "completion" in lines, output


def test_a_run_of_closing_punctuation_alone_still_fills_its_lines() -> None:
    """Backing off before closing punctuation finds no place in ））））…: cut where it fills."""
    text = "）" * 50
    assert [text[a:b] for a, b in wrap_lines(text, 10)] == ["）" * 5] * 10
