"""A table's rows written without colour (a pipe, a file) are made a column at a time
(``grid._plain_rows``): they are the same characters as the rows made a line at a time, the
way a terminal's are, on generated tables of every shape: titles that fold, indented titles,
wide and ambiguous characters, line breaks, empty cells, sections, every width."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quanhu_plan.terminal import grid as grid_module
from quanhu_plan.terminal.grid import Cell, Column, Grid, styled
from quanhu_plan.terminal.plain import PlainOutput

PIECES = [
    "a",
    "Z",
    "0",
    "9",
    " ",
    "  ",
    ".",
    ",",
    "%",
    "-",
    "/",
    "·",
    "|",
    "中",
    "文",
    "乡村振兴",
    "，",
    "。",
    "（",
    "）",
    "《",
    "》",
    "1,800户",
    "3.2万亩",
    "ｓ",
    "é",
    "ж",
    "─",
    "█",
    "░",
    "😀",
    "❤️",
    "👨\u200d👩",
    "\u0301",
    "\u00ad",
    "\u200b",
    "\x1b[31m",
    "[bold]",
    "[/]",
    "\n",
    "目标1.10：推进乡村振兴重点项目建设",
    "Install street lights along the county road",
]

text = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
indented = st.tuples(st.integers(0, 12), text).map(lambda pair: " " * pair[0] + pair[1])
styles = st.sampled_from(["", "bold", "dim", "green", "bold red"])


@st.composite
def a_cell(draw):  # type: ignore[no-untyped-def]
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return draw(indented)
    if kind == 1:
        return styled(draw(indented), draw(styles))
    if kind == 2:
        return ""
    runs = draw(st.lists(st.tuples(text, styles), min_size=1, max_size=3))
    return Cell([run for run in runs if run[0]])


@st.composite
def a_table(draw):  # type: ignore[no-untyped-def]
    count = draw(st.integers(1, 5))
    columns = [
        Column(
            draw(st.sampled_from(["", "编号", "事项", "完成/总数", "Title", "超/达/欠/逾"])),
            justify=draw(st.sampled_from(["left", "right"])),
            wrap=draw(st.booleans()),
            min_width=draw(st.integers(1, 14)),
            max_width=draw(st.none() | st.integers(1, 40)),
            ratio=draw(st.integers(1, 3)),
            phrases=draw(st.booleans()),
        )
        for _ in range(count)
    ]
    table = Grid(
        columns,
        title=draw(st.none() | text),
        indent=draw(st.integers(0, 2)),
        header=draw(st.booleans()),
    )
    for _ in range(draw(st.integers(0, 30))):
        if draw(st.integers(0, 6)) == 0:
            table.add_section()
            continue
        table.add_row(*[draw(a_cell()) for _ in range(count)])
    if draw(st.booleans()):
        table.set_footer(*[draw(a_cell()) for _ in range(count)])
    return table


def drawn(table: Grid, width: int, plain_rows: bool, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(grid_module, "PLAIN_ROWS", plain_rows)
    out = io.StringIO()
    table.stream(PlainOutput(out, width))  # type: ignore[arg-type]
    table.measured = None  # measured again for the other way
    return out.getvalue()


@settings(max_examples=400, deadline=None)
@given(a_table(), st.integers(1, 130))
def test_rows_made_a_column_at_a_time_are_the_rows_made_a_line_at_a_time(table, width):
    with pytest.MonkeyPatch.context() as monkeypatch:
        fast = drawn(table, width, True, monkeypatch)
        general = drawn(table, width, False, monkeypatch)
    assert fast == general


@pytest.mark.parametrize("width", [30, 59, 80, 100, 160])
@pytest.mark.parametrize("by", [None, "unit"])
def test_a_big_status_table_is_the_same_either_way(width, by, monkeypatch):
    """A generated plan of 6,000 tasks (hundreds of rows, titles folding), as ``plan status``
    draws it: more rows than are made at once (``Runs.LINES_PER_WRITE``)."""
    import sys
    from pathlib import Path

    from quanhu_plan.building import plan_from_doc
    from quanhu_plan.records import status_rows
    from quanhu_plan.terminal.status_view import status_table

    benchmarks = Path(__file__).resolve().parent.parent / "benchmarks"
    sys.path.insert(0, str(benchmarks))
    try:
        from generate import plan_doc
    finally:
        sys.path.remove(str(benchmarks))
    plan = plan_from_doc(plan_doc(6000))
    day = dt.date(2023, 12, 31)
    rows, total = status_rows(plan, day, by)
    assert by or len(rows) > 256
    outputs = []
    for plain_rows in (True, False):
        table = status_table(plan, rows, total, day, "zh", by, width=width)
        outputs.append(drawn(table, width, plain_rows, monkeypatch))  # type: ignore[arg-type]
    assert outputs[0] == outputs[1] and "合计" in outputs[0]
