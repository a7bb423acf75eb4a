"""Small plans whose every figure is computed by hand, against what each output says of them:
the report (terminal, Markdown, JSON, Word), status, list, show and export."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan


def _run(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


# ---------------------------------------------------------------- percentages next to whole

# 19999 of 20000 is 99.995 %, a progress of 99.5 % too: half up, both would be 100 % (and
# 1.0 in JSON, to 4 places), which in a report says 已完成 (完成率100%) of a task that is not,
# beside its own 尚差1万元.
ALMOST_WHOLE = [
    {"id": "1", "title": "基础设施"},
    {
        "id": "1.1",
        "title": "修路",
        "measure": "万元",
        "target": 20000,
        "actual": 19999,
        "status": "doing",
    },
    {"id": "1.2", "title": "修塘", "progress": 99.5, "status": "doing"},
]


def test_a_task_not_done_never_shows_a_completion_of_100_percent(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    """A completion below 100 % that rounds half up to 100 % (99.995 %, 99.5 %) showed as 100 % in
    every view — the report's 修路：目前进行中，完成率100%，尚差1万元, status, list, show, the
    ledger, the export, and 1.0 in JSON — of tasks and a part none of whose tasks is done. It
    shows as 99 % (0.9999 in JSON): 100 % is what is whole."""
    write_plan(plan_file, ALMOST_WHOLE)
    as_of = ("--as-of", "2023-06-30")
    report = _run(runner, "report", "--format", "md", *as_of)
    body = "\n".join(line for line in report.splitlines() if not line.startswith("注："))
    assert "100%" not in body, report
    assert "修路：目前进行中，完成率99%，尚差1万元" in report
    assert "综合完成率99%" in report
    for args in (("status",), ("list",), ("show", "1"), ("show", "1.1"), ("show", "1.2")):
        output = _run(runner, *args, *as_of)
        assert "100%" not in output, (args, output)
        assert "99%" in output, (args, output)
    data = json.loads(_run(runner, "report", "--format", "json", *as_of))
    assert [row["completion"] for row in data["ledger"]] == [0.9999, 0.995]
    status = json.loads(_run(runner, "status", "--json", *as_of))
    assert status["total"]["completion"] == 0.9975  # (99.995 % + 99.5 %) / 2
    table = tmp_path / "表.csv"
    _run(runner, "export", "--out", str(table), *as_of)
    with table.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    header = rows[2]
    shares = [row[header.index("完成率")] for row in rows[3:]]
    assert shares == ["99%", "99%", "99%"], shares


def test_a_done_task_and_a_task_over_its_target_still_show_100_percent(
    runner: CliRunner, plan_file: Path
) -> None:
    """What is whole stays 100 %: a task ticked off, one whose figure passed its target."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "基础设施"},
            {"id": "1.1", "title": "修路", "status": "done", "done_on": dt.date(2023, 5, 1)},
            {"id": "1.2", "title": "修塘", "measure": "处", "target": 40, "actual": 41},
        ],
    )
    status = _run(runner, "status", "--as-of", "2023-06-30")
    assert "100%" in status
    data = json.loads(_run(runner, "report", "--format", "json", "--as-of", "2023-06-30"))
    assert [row["completion"] for row in data["ledger"]] == [1.0, 1.0]


# ---------------------------------------------------------------- nothing done, nothing left


def test_next_steps_do_not_call_tasks_done_that_were_all_dropped(
    runner: CliRunner, plan_file: Path
) -> None:
    """A plan (or the part, or the owner, a report is made of) whose every task was dropped has
    nothing left to do, but nothing was done either: 四、下一步打算 said 全部任务均已完成 (Every
    task is done) under an overview of 已完成0项 and a problem 已取消."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "基础设施"},
            {"id": "1.1", "title": "修路", "status": "done", "done_on": dt.date(2023, 5, 1)},
            {"id": "2", "title": "民生保障"},
            {"id": "2.1", "title": "修塘", "status": "dropped", "reason": "县里调整"},
        ],
    )
    whole = _run(runner, "report", "--format", "md", "--as-of", "2023-12-31")
    assert "全部任务均已完成，下一步巩固工作成效。" in whole  # 修路 is done, 修塘 dropped
    for args, words in (
        (("--part", "2"), "全部任务均已完成"),
        (("--part", "2", "--lang", "en"), "Every task is done"),
    ):
        report = _run(runner, "report", "--format", "md", "--as-of", "2023-12-31", *args)
        assert words not in report, report
        assert "已完成0项" in report or "0 done" in report


# ---------------------------------------------------------------- a fall named by its title


def test_a_fall_whose_title_says_down_is_not_said_down_twice(
    runner: CliRunner, plan_file: Path
) -> None:
    """A task titled as the fall it aims at (单位GDP能耗下降, target −10 %, less is better) was
    said with its figure after the title, which says 下降 again: 单位GDP能耗下降下降12%. The
    title's 下降 carries the figure (单位GDP能耗下降12%); a rise is set apart (…下降，上升1%)."""
    fall = {"measure": "%", "target": -10, "direction": "down", "status": "done"}
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "绿色发展"},
            {"id": "1.1", "title": "单位GDP能耗下降", "actual": -12, **fall},
            {"id": "1.2", "title": "化肥使用量减少", "actual": 1, **fall},
        ],
    )
    report = _run(runner, "report", "--format", "md", "--as-of", "2023-12-31")
    assert "1\\. 单位GDP能耗下降12%，目标下降10%，优于目标2个百分点。" in report, report
    assert "2\\. 化肥使用量减少，上升1%，目标下降10%" in report, report
    assert "下降下降" not in report and "减少上升" not in report


# ---------------------------------------------------------------- a negative figure's rate


def test_a_growth_aimed_at_that_fell_has_done_0_percent_not_a_negative_share(
    runner: CliRunner, plan_file: Path
) -> None:
    """A growth rate aimed at 6 % that stands at −1 % has done 0 % (docs/reference.md, 完成率与
    序时进度), as status and the ledger count it; the report's sentence said 完成率-17%, and
    JSON a rate of −0.1667, a share below nothing."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "经济发展"},
            {
                "id": "1.1",
                "title": "地区生产总值增长",
                "measure": "%",
                "baseline": 2,
                "target": 6,
                "actual": -1,
                "status": "done",
                "done_on": dt.date(2023, 12, 20),
            },
        ],
    )
    report = _run(runner, "report", "--format", "md", "--as-of", "2023-12-31")
    assert "地区生产总值增长-1%，目标6%，完成率0%，距目标差7个百分点" in report, report
    data = json.loads(_run(runner, "report", "--format", "json", "--as-of", "2023-12-31"))
    assert data["achievements"][0]["entries"][0]["metric"]["rate"] == 0.0


# ---------------------------------------------------------------- the Word ledger's figures


def test_word_ledger_breaks_a_target_and_figure_too_wide_for_one_line_after_the_slash(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    """目标值/完成值 too wide for its column ran on and broke where the line was full, inside
    a figure: 下降10%/下 over 降5%, 3万亩以上/3.2万 over 亩. As the header does, the cell
    breaks after the slash: the target on one line, the figure reached under it."""
    import docx

    write_plan(
        plan_file,
        [
            {"id": "1", "title": "绿色发展"},
            {
                "id": "1.1",
                "title": "能耗",
                "measure": "%",
                "target": -10,
                "actual": -5,
                "direction": "down",
            },
            {
                "id": "1.2",
                "title": "粮食",
                "measure": "万亩",
                "target": 3,
                "target_text": "3万亩以上",
                "actual": 3.2,
            },
            {"id": "1.3", "title": "修塘", "measure": "处", "target": 40, "actual": 35},
        ],
    )
    target = tmp_path / "总结.docx"
    _run(runner, "report", "--as-of", "2023-06-30", "--out", str(target))
    (table,) = docx.Document(str(target)).tables
    header = [cell.text.replace("\n", "") for cell in table.rows[0].cells]
    column = header.index("目标值/完成值")
    cells = [
        row.cells[column].text for row in table.rows[1:-1]
    ]  # (-1: the note's row, report/docx_note.py)
    # Where the page has room, each on one line (the column as wide as the longest figure);
    # where it has not, broken after the slash.
    assert cells == ["下降10%/下降5%", "3万亩以上/3.2万亩", "40处/35处"]
    from types import SimpleNamespace

    from quanhu_plan.report.docx import figure_lines

    row = SimpleNamespace(figures="3万亩以上/3.2万亩", actual_figure="3.2万亩")
    squeezed = figure_lines(row, 20)  # type: ignore[arg-type]
    assert squeezed == "3万亩以上/\n3.2万亩"


# ---------------------------------------------------------------- figures below a millionth


def test_a_figure_below_a_millionth_is_not_written_as_its_target(
    runner: CliRunner, plan_file: Path
) -> None:
    """Figures were written to 6 decimals at most, so half of a target of 0.000001 showed as
    0.000001 too: 完成0.000001万元，目标0.000001万元，完成率50%，距目标差0.000001万元 — a task at
    its target said to be half done. A figure keeps its first digits however small."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "财政"},
            {
                "id": "1.1",
                "title": "补贴",
                "measure": "万元",
                "target": 0.000001,
                "actual": 0.0000005,
                "status": "done",
                "done_on": dt.date(2023, 5, 1),
            },
        ],
    )
    report = _run(runner, "report", "--format", "md", "--as-of", "2023-12-31")
    assert "补贴0.0000005万元，目标0.000001万元，完成率50%，距目标差0.0000005万元" in report
    assert "0.000001万元/0.0000005万元" in report
