"""A block's tables as ``Layout.located`` gives them (sub-tables known by their header lines,
each made when asked for: what a change of an item with a long log reads of its block) are the
tables ``Layout.tables`` made one after the other before: the same header, lead, end and
statements for every sub-table, the same paths and the same end of the last, on hand-written,
odd, CRLF and canonical texts, and on any sequence of header, blank, comment and key lines."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quanhu_plan.canonical import dumps
from quanhu_plan.toml_text import _HEADER_LINE, Layout, Table, Unreadable, _header_at, _lead, scan

from .conftest import SMALL_ITEMS, plan_doc
from .test_change_delta import ODD, TEXTS, TURNS
from .test_long_trace_changes import ODD_FLAT, long_items


def tables_as_first_made(layout: Layout, index: int) -> list[Table]:
    """``Layout.tables`` of a text without multi-line strings as it was written before
    ``Layout.located``: every sub-table made, one after the other."""
    start, stop = layout.start(index), layout.end(index)
    text, header = layout.text, layout.header(index)
    heads = [m.start(1) for m in _HEADER_LINE.finditer(text, header.end - 1, stop)]
    tables = scan(text, start, heads[0] if heads else stop)
    if len(tables) != 1 or tables[0].header is None:
        raise Unreadable("a block without its header")
    for k, head in enumerate(heads, 1):
        sub = _header_at(text, head)
        end = max(_lead(text, heads[k]) if k < len(heads) else stop, sub.end)
        tables.append(Table(sub, None, tables[-1].end, end, (text, head, end)))
    return tables


def seen(table: Table) -> tuple[Any, ...]:
    try:
        statements: Any = table.statements
    except Unreadable:  # (a line ``scan`` does not follow: alike either way)
        statements = Unreadable
    return (table.header, table.lead, table.end, table.path, statements)


def compared(text: str) -> None:
    try:
        layout = Layout(text, flat_only=True)
    except Unreadable:
        return
    for index in range(len(layout)):
        try:
            want = tables_as_first_made(layout, index)
        except Unreadable:
            with pytest.raises(Unreadable):
                layout.located(index).tables()
            continue
        located = layout.located(index)
        assert located.paths == [t.path for t in want[1:]]
        assert seen(located.main) == seen(want[0])
        assert located.end == want[-1].end
        assert [seen(t) for t in located.tables()] == [seen(t) for t in want]
        assert [seen(t) for t in layout.tables(index)] == [seen(t) for t in want]
        for k in reversed(range(len(want) - 1)):  # each asked for alone, in any order
            assert seen(layout.located(index).sub(k)) == seen(want[k + 1])


CORPUS = {
    **TEXTS,
    "odd": ODD,
    "turns": TURNS,
    "odd flat": ODD_FLAT,
    "long trace": dumps(plan_doc(long_items(300))),
    "long trace, crlf": dumps(plan_doc(long_items(60))).replace("\n", "\r\n"),
    "small": dumps(plan_doc(SMALL_ITEMS)),
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_the_located_tables_are_those_made_one_after_the_other(name: str) -> None:
    compared(CORPUS[name].removeprefix("\ufeff"))


LINES = [
    "[[item]]",
    "[[item.log]]",
    "  [[item.log]]  # 注释",
    "[item.extra]",
    "[plan]",
    "[[removed]]",
    "",
    "   ",
    "\u3000",
    "\x0c",
    "# 注释",
    "  #",
    '\u00a0# "不是键"',
    'x = "值"',
    "y = [1, 2]",
    "at = 2023-01-01",
]


@settings(max_examples=400, deadline=None)
@given(lines=st.lists(st.sampled_from(LINES), min_size=1, max_size=25), crlf=st.booleans())
def test_any_lines_are_located_as_they_were_made(lines: list[str], crlf: bool) -> None:
    text = "\n".join(["[[item]]", *lines])
    compared(text.replace("\n", "\r\n") if crlf else text)
