"""Leftovers noticed in earlier sessions and left alone: a goal's own target an import keeps
without a word, a July-June ledger's deadlines without a year, 约/近 on a recorded figure, CJK
headings broken inside a word, an escaped escape sequence split by a wrap, the English Word
ledger's narrow task column, and the ``--`` hint's example order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import openpyxl.styles
import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan
from .test_import import items_of, run, workbook

runner = CliRunner()


def indented_workbook(path: Path, rows: list[list[Any]], indents: dict[str, int]) -> Path:
    """A ledger whose titles nest by their indents (the 序号 column then gives the ids)."""
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    for cell, indent in indents.items():
        book.active[cell].alignment = openpyxl.styles.Alignment(indent=indent)
    book.save(path)
    return path


# ---------------------------------------------------------------- 1. a goal's own target


GIVEN_IDS: list[list[Any]] = [
    ["泉湖镇2024年重点工作台账"],
    ["序号", "工作任务", "目标值", "计量单位", "责任单位", "完成时限"],
    ["1", "农业农村"],
    ["1.1", "农田建设", 3.35, "万亩"],
    ["1.1.1", "完成招标", None, None, "农业办", "3月底前"],
    ["1.1.2", "完成主体", None, None, "农业办", "8月底前"],
    ["1.2", "安全生产", "确保完成"],
    ["1.2.1", "隐患排查", None, None, "安监办", "6月底前"],
]
GIVEN_INDENTS = {"B4": 1, "B7": 1, "B5": 2, "B6": 2, "B8": 2}


def test_a_goals_own_target_kept_where_the_sequence_gives_the_ids_is_said_and_shown(
    tmp_path, plan_file
):
    path = indented_workbook(tmp_path / "台账.xlsx", GIVEN_IDS, GIVEN_INDENTS)
    result = run(str(path))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert (items["1.1"]["target"], items["1.1"]["measure"]) == (3.35, "万亩")
    assert items["1.2"]["target_text"] == "确保完成"
    said = result.stderr
    assert "第 4 行（1.1）" in said and "3.35万亩" in said, said
    assert "第 7 行（1.2）" in said and "确保完成" in said, said
    assert "plan show 1.1" in said, said
    shown = runner.invoke(app, ["show", "1.1"])
    assert shown.exit_code == 0 and "3.35" in shown.stdout and "万亩" in shown.stdout
    worded = runner.invoke(app, ["show", "1.2"])
    assert worded.exit_code == 0 and "确保完成" in worded.stdout, worded.stdout


def test_a_goals_target_in_words_only_over_numbered_rows_is_said(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["泉湖镇2024年重点工作台账"],
        ["序号", "工作任务", "目标值", "责任单位", "完成时限"],
        ["1", "安全生产", "确保不发生较大事故"],
        ["1.1", "隐患排查", None, "安监办", "6月底前"],
        ["2", "修路", "力争完成"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["target_text"] == "确保不发生较大事故"
    assert "第 3 行（1）" in result.stderr and "确保不发生较大事故" in result.stderr
    assert "第 5 行" not in result.stderr  # a task's own target is its own: nothing to say


# ---------------------------------------------------------------- 2. a July-to-June ledger


SCHOOL_YEAR: list[list[Any]] = [
    ["泉湖中学2024-2025学年工作台账"],
    ["年度：2024  计划期：2024-07-01至2025-06-30"],
    ["序号", "工作任务", "责任单位", "完成时限", "一季度"],
    [1, "秋季招生", "教务处", "9月底前"],
    [2, "期末考试", "教务处", "1月中旬"],
    [3, "春季运动会", "体育组", "4月底", "30%"],
    [4, "毕业典礼", "校办", "6月30日"],
    [5, "寒假安全", "校办", "2025年1月"],
    [6, "暑期培训", "校办", "2024年6月"],  # a year of its own: as written, and said
]


def test_deadlines_without_a_year_fall_in_a_july_to_june_plans_period(tmp_path, plan_file):
    result = run(str(workbook(tmp_path / "台账.xlsx", SCHOOL_YEAR)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    dues = {i: str(item["due"]) for i, item in items.items()}
    assert dues == {
        "1": "2024-09",
        "2": "2025-01-20",
        "3": "2025-04",
        "4": "2025-06-30",
        "5": "2025-01",
        "6": "2024-06",
    }, dues
    assert items["3"]["milestone"] == [{"due": "2025-Q1", "progress": 30}]
    # Only the deadline written with a year before the plan starts is said.
    said = result.stderr
    assert "早于计划开始" in said and said.count("早于计划开始") == 1, said


# ---------------------------------------------------------------- 3. 约/近 on a recorded figure


@pytest.mark.parametrize(
    ("typed", "word", "figure"),
    [("约28处", "约", 28), ("近30", "近", 30), ("28余处", "余", 28), ("30多", "多", 30)],
)
def test_a_figure_typed_as_about_so_much_is_kept_as_the_number_and_said(
    small_plan, typed, word, figure
):
    result = runner.invoke(app, ["record", "1.1", typed])
    assert result.exit_code == 0, result.output
    assert items_of(small_plan)["1.1"]["actual"] == figure
    assert f"完成值 20处 → {figure}处" in result.stdout, result.stdout
    assert f"“{typed}”是约数" in result.stderr and f"“{word}”" in result.stderr, result.stderr
    english = runner.invoke(app, ["--lang", "en", "record", "1.1", "25"])
    assert english.exit_code == 0 and "approximate" not in english.output


def test_an_approximate_figure_is_said_in_english_too(small_plan):
    result = runner.invoke(app, ["--lang", "en", "record", "1.1", "约28"])
    assert result.exit_code == 0, result.output
    assert "'约28' is an approximate figure, recorded as 28处" in result.stderr, result.stderr


# ---------------------------------------------------------------- 4. a heading's words whole


@pytest.mark.parametrize("columns", range(44, 101, 4))
def test_a_status_heading_folds_between_its_parts_not_inside_a_word(
    plan_file, monkeypatch, columns
):
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "农业"},
            {"id": "1.1", "title": "修塘", "owner": "王五"},
            {"id": "1.2", "title": "修路", "owner": "欧阳建国"},
        ],
        title="泉湖镇2023年度重点工作任务分解暨推进情况台账",
    )
    monkeypatch.setenv("COLUMNS", str(columns))
    for by, words in (("owner", "按责任人"), ("unit", "按牵头单位")):
        result = runner.invoke(app, ["status", "--by", by, "--as-of", "2023-06-30"])
        assert result.exit_code == 0, result.output
        heading = "".join(line.strip() for line in result.stdout.split(" ─")[0].splitlines()[:-1])
        assert heading.endswith(f"· {words}") or heading.endswith(f"·{words}"), result.stdout
        lines = [line.strip() for line in result.stdout.splitlines()]
        assert any(words in line for line in lines), result.stdout


# ---------------------------------------------------------------- 5. an escape shown whole


@pytest.mark.parametrize("columns", range(40, 81, 3))
def test_an_escape_shown_in_a_title_folds_as_one_unit(plan_file, monkeypatch, columns):
    title = (
        "修缮村级活动中心并安装\x1b[31m红色警示标识\x1b[0m和应急照明设施以及配套的消防器材\u202e"
    )
    write_plan(plan_file, [{"id": "1", "title": "基础设施"}, {"id": "1.1", "title": title}])
    monkeypatch.setenv("COLUMNS", str(columns))
    for command in (["list"], ["list", "--flat"], ["show", "1"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.stdout
        for escape in ("\\x1b[31m", "\\x1b[0m", "\\u202e"):
            assert escape in result.stdout, (command, result.stdout)


# ---------------------------------------------------------------- 6. the English Word ledger


def test_the_english_word_ledgers_columns_follow_their_text(plan_file):
    import datetime as dt

    import docx

    from quanhu_plan.report.docx_layout import bold_width_mm, fitting_width_mm, text_lines

    title = (
        "Upgrade the village roads between Quanhu and Baisha, including drainage, "
        "lighting and the bus shelters"
    )
    assert len(title) >= 100
    items: list[dict[str, Any]] = [{"id": "1", "title": "Infrastructure"}]
    for n in range(1, 5):
        items.append(
            {
                "id": f"1.{n}",
                "title": title,
                "lead": "Deputy Mayor Wang",
                "lead_unit": "Transport Office",
                "owner": "Li Ming",
                "due": dt.date(2023, 12, 31),
                "status": "done" if n == 1 else "doing",
                "measure": "km",
                "target": 12.5,
                "actual": 3.2 * n,
                **({"done_on": dt.date(2023, 10, 1)} if n == 1 else {}),
            }
        )
    write_plan(plan_file, items, title="Quanhu Town 2023 Work Plan", lang="en")
    out = plan_file.parent / "report.docx"
    result = runner.invoke(app, ["report", "--out", str(out), "--as-of", "2023-11-30"])
    assert result.exit_code == 0, result.output
    table = docx.Document(str(out)).tables[-1]
    widths = [cell.width.mm for cell in table.rows[0].cells]
    header = [cell.text.replace("\n", "") for cell in table.rows[0].cells]
    assert abs(sum(widths) - 225) < 1, widths
    task = widths[header.index("Task")]
    # It was 33 mm (eight lines) beside columns half empty, every column filled here.
    assert task >= 40 and text_lines(title, task) <= 6, (round(task, 1), widths)
    for n, row in enumerate(table.rows[:-1]):  # and no word broken in a cell (-1: the note)
        measure = bold_width_mm if n == 0 else fitting_width_mm
        for cell, width_mm in zip(row.cells, widths, strict=False):  # (the hidden column)
            for word in cell.text.split():
                assert measure(word) <= width_mm + 0.1, (word, round(width_mm, 1))
