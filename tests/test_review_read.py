"""Review of the fast read path (issue 9): cases where the fast code gives another result than
the plain definition or the drawing it replaced."""

from __future__ import annotations

import datetime as dt

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan

TZ = dt.timezone(dt.timedelta(hours=8))


def run(*args: str, width: int = 80) -> str:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    return result.output


def columns_after(line: str, text: str) -> str:
    """What a table line shows after ``text`` (the cells right of the title)."""
    return line.split(text, 1)[1]


@pytest.mark.parametrize("tail", [" " * 40, "\u3000" * 30], ids=["spaces", "ideographic"])
@pytest.mark.parametrize("width", [80, 120])
def test_status_rows_stay_in_their_columns_when_a_title_ends_in_spaces(plan_file, tail, width):
    """A title that ends in spaces (pasted from Word or Excel, often the ideographic space) is
    folded to fit its column; the cells after it must still line up under their headers. The
    fast grid padded the folded line by the unfolded title's width, so every figure of that row
    moved left, under the wrong header (0/1 under 事项, 50% under 完成/总数)."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "基础设施" + tail},
            {"id": "1.1", "title": "修塘", "progress": 50},
            {"id": "2", "title": "基础设施"},
            {"id": "2.1", "title": "讲座", "progress": 50},
        ],
    )
    lines = run("status", "--as-of", "2023-06-30", width=width).splitlines()
    one = next(line for line in lines if line.startswith(" 1 "))
    two = next(line for line in lines if line.startswith(" 2 "))
    assert columns_after(one, "基础设施").rstrip() == columns_after(two, "基础设施").rstrip()


def test_log_rows_stay_in_their_columns_when_a_note_or_title_ends_in_spaces(plan_file):
    """The same in plan log and plan show: a note or an item title ending in spaces moved the
    cells after it (记录人) left."""
    at = dt.datetime(2023, 5, 1, 9, 0, tzinfo=TZ)
    write_plan(
        plan_file,
        [
            {
                "id": "1",
                "title": "修塘" + " " * 70,
                "log": [
                    {"at": at, "by": "张三", "action": "note", "note": "开工" + " " * 80},
                    {"at": at.replace(day=2), "by": "张三", "action": "note", "note": "开工"},
                ],
            },
        ],
    )
    for args in (["log"], ["show", "1"]):
        lines = [line for line in run(*args).splitlines() if "开工" in line]
        assert len(lines) == 2, args
        assert [line.rstrip()[-2:] for line in lines] == ["张三", "张三"], args
        assert len({line.rstrip().index("张三") for line in lines}) == 1, (args, lines)
