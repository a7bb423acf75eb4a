"""The blocks of a plan's text found directly (``toml_blocks.simple_blocks``, the shortcut of
``patch_bytes.patch_changed_bytes``) are those ``Layout`` cuts it into, and the shortcut says "laid out
simply" only where ``Layout`` finds the text laid out as ``patch_changed`` follows: for
canonical, hand-written, CRLF, odd and generated texts, and texts made of header lines of every
kind in any order."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from quanhu_plan import toml_blocks
from quanhu_plan.canonical import dumps
from quanhu_plan.model import ITEM_FIELDS
from quanhu_plan.patch import _CannotPatch, _changed_blocks, patch_changed
from quanhu_plan.patch_bytes import patch_changed_bytes
from quanhu_plan.store import plan_file
from quanhu_plan.toml_blocks import simple_blocks
from quanhu_plan.toml_text import Layout, Unreadable

from .conftest import SMALL_ITEMS, plan_doc
from .test_change_delta import ODD, TEXTS, TURNS
from .test_hand_layouts import NO_FINAL_LINE_END, PLAN
from .test_long_trace_changes import ODD_FLAT, long_items


def reference(data: bytes, counts: tuple[int, int]) -> tuple[list[tuple[int, int]], Any] | None:
    """The spans of every item's block and the [plan] block as ``Layout`` finds them, once
    ``_changed_blocks`` takes the layout; None where it does not (or cannot read it)."""
    try:
        layout = Layout(data.decode("latin-1"), flat_only=True)
        items, plan = _changed_blocks(layout, counts)
    except (Unreadable, _CannotPatch):
        return None
    spans = [(layout.start(n), layout.end(n)) for n in items]
    return spans, (layout.start(plan), layout.end(plan))


def compared(text: str) -> bool:
    """Whether ``simple_blocks`` took the text (its spans then checked against ``Layout``'s);
    a text it does not take must be one ``Layout`` does not take either, or one it leaves to
    ``Layout`` (then the shortcut is only not taken)."""
    data = text.encode("utf-8")
    read = tomllib.loads(text)
    items = read.get("item", [])
    records = read.get("removed")
    counts = (len(items), len(records) if isinstance(records, list) else 0)
    found = simple_blocks(data, counts)
    expected = reference(data, counts)
    if found is None:
        return False
    assert expected is not None, text
    spans, plan = expected
    assert [found.item(n, table.get("id")) for n, table in enumerate(items)] == spans
    assert found.span(found.plan) == plan
    # by counting the [[item]] lines too, where the id does not find it
    assert [found.item(n, None) for n in range(len(items))] == spans
    return True


GENERATED = dumps(plan_doc(long_items(60)))
RECORDS = (
    '\n[[removed]]\nat = 2023-05-01T09:00:00+08:00\nby = "甲"\n\n'
    '[[removed.item]]\nid = "9"\ntitle = "旧"\n\n[[removed.item.log]]\nat = 2023-01-01\n'
)


@pytest.mark.parametrize(
    ("name", "simple"),
    [
        ("canonical", True),
        ("hand-written, flat", True),
        ("crlf and bom", True),
        ("hand-written", False),  # multi-line strings: Layout's
        ("plan", True),
        ("no final line end", True),
        ("odd flat", True),
        ("generated with a trace", True),
        ("records at the end", True),
        ("turns", True),  # items and archive records taking turns
        ("odd", False),  # [[ item ]]: an item's header written otherwise
    ],
)
def test_the_blocks_found_directly_are_the_layouts(name: str, simple: bool) -> None:
    text = {
        "plan": PLAN,
        "no final line end": NO_FINAL_LINE_END,
        "odd flat": ODD_FLAT,
        "generated with a trace": GENERATED,
        "records at the end": GENERATED + RECORDS,
        "turns": "[plan]\ntitle = 't'\n\n" + TURNS,
        "odd": ODD,
    }.get(name) or TEXTS[name]
    text = text.lstrip("\ufeff")
    taken = []
    for variant in (
        text,
        text.rstrip("\r\n"),
        text + "\n# 尾注\n\n",
        text.replace("\n\n", "\n"),
        text.replace("\r\n", "\n").replace("\n", "\r\n"),
        "# 开头的注释\n\n" + text,
    ):
        taken.append(compared(variant))
    assert all(taken) if simple else not any(taken), taken


# Texts the shortcut must leave to Layout, or read as Layout does.
ODD_LAYOUTS = {
    "a sub-table of [plan] after the items": ("\n[plan.warning]\nyellow = 5\n", None),
    "an item's sub-table after the items": ('\n[item.contact]\nname = "甲"\n', True),
    "an item's sub-table after a record": (RECORDS + '\n[item.contact]\nname = "甲"\n', None),
    "a log entry after an archive record": (RECORDS + "\n[[item.log]]\nat = 2023-02-01\n", None),
    "an indented log entry after a record": (RECORDS + "\n  [[item.log]]\nat = 2023-02-01\n", None),
    "an unknown table at the end": ("\n[other]\nx = 1\n", True),
    "an unknown table with a sub-table": ("\n[other]\nx = 1\n[other.more]\ny = 2\n", True),
    "records and an unknown table": (RECORDS + "\n[other]\nx = 1\n", True),
}


@pytest.mark.parametrize("name", ODD_LAYOUTS)
def test_odd_layouts_are_read_as_the_layout_reads_them(name: str) -> None:
    added, simple = ODD_LAYOUTS[name]
    text = dumps(plan_doc([dict(item) for item in SMALL_ITEMS])) + added
    assert compared(text) is bool(simple)


@pytest.mark.parametrize(
    "text",
    [
        # an item's sub-table written among its lines, indented, quoted, with a comment
        '[plan]\ntitle = "t"\n[[item]]\nid = "1"\ntitle = "a"\n  [item.contact]\nname = "甲"\n'
        '[[item]]\nid = "2"\ntitle = "b"\n[ "item" . extra ] # 附\nx = 1\n',
        # an array over lines whose lines start with [: no header, Layout cannot read it
        '[plan]\ntitle = "t"\nx = [\n  [1, 2],\n]\n[[item]]\nid = "1"\ntitle = "a"\n',
        '[plan]\ntitle = "t"\n[[item]]\nid = "1"\ntitle = "a"\ntags = [\n["x"],\n]\n',
        # arrays after a key: a [ after a space is no header
        '[plan]\ntitle = "t"\n[[item]]\nid = "1"\ntitle = "a"\nevidence = ["a", "b"]\n'
        "x =  [ [1], [2] ]\ny =\t[1]\n",
        # the [plan] block after the items, and an indented [plan]
        '[[item]]\nid = "1"\ntitle = "a"\n\n[plan]\ntitle = "t"\n',
        '# 注\n[[item]]\nid = "1"\ntitle = "a"\n\n  [plan]\ntitle = "t"\n',
        '  [plan]\ntitle = "t"\n[[item]]\nid = "1"\ntitle = "a"\n',
        # a first line that is an item's header
        '[[item]]\nid = "1"\ntitle = "a"\n[plan]\ntitle = "t"\n',
        # ids that are found by counting: escaped, with a quote, not first
        '[plan]\ntitle = "t"\n[[item]]\nid = "\\u0031"\ntitle = "a"\n[[item]]\ntitle = "b"\n'
        'id = "2"\n[[item]]   # 三\nid = "3"\ntitle = "c"\n[[item]]\nid = \'4\'\ntitle = "d"\n',
        # an archive record written [removed]: no array
        '[plan]\ntitle = "t"\n[[item]]\nid = "1"\ntitle = "a"\n[removed]\nat = 1\n',
        # no [plan]
        '[[item]]\nid = "1"\ntitle = "a"\n[other]\nx = 1\n',
        # the id of an item in a string elsewhere, written as a block would start
        '[plan]\ntitle = "t"\nnote = "[[item]]\\nid = \\"2\\"\\n"\n[[item]]\nid = "1"\ntitle = "a"\n'
        '[[item]]\nid = "2"\ntitle = "b"\n',
    ],
)
def test_hand_made_layouts_are_read_as_the_layout_reads_them(text: str) -> None:
    for variant in (text, text.replace("\n", "\r\n"), text.rstrip("\n")):
        compared(variant)


HEADER_LINES = [
    "[plan]",
    "  [plan]",
    "[plan.warning]",
    "[[item]]",
    "[[item]] # 注",
    "  [[item]]",
    "[[ item ]]",
    "[[item.log]]",
    "\t[[item.log]]",
    '[["item".log]]',
    "[item.contact]",
    "[[removed]]",
    "[removed]",
    "[[removed.item]]",
    "[[removed.item.log]]",
    "[other]",
    "[other.sub]",
]


# The usual lines more often than the odd ones.
LIKELY = [
    *HEADER_LINES,
    *["[[item]]"] * 6,
    *["[[item.log]]"] * 3,
    "[[removed]]",
    "[[removed.item]]",
]


@settings(max_examples=400, deadline=None)
@given(
    lines=st.lists(st.sampled_from(LIKELY), min_size=1, max_size=14),
    plan_first=st.booleans(),
    comments=st.lists(st.booleans(), min_size=15, max_size=15),
    crlf=st.booleans(),
)
def test_any_sequence_of_header_lines_is_read_as_the_layout_reads_it(
    lines: list[str], plan_first: bool, comments: list[bool], crlf: bool
) -> None:
    if plan_first:
        lines = ["[plan]", *lines]
    parts, n = [], 0
    for k, line in enumerate(lines):
        if comments[k]:
            parts.append("# 注释\n")
        parts.append(line + "\n")
        if "item" in line and "log" not in line and "removed" not in line and "." not in line:
            n += 1
            parts.append(f'id = "{n}"\ntitle = "事项{n}"\n')
        elif "log" in line:
            parts.append("at = 2023-01-01\n")
        else:
            parts.append('x = "值"\n')
    text = "".join(parts)
    if crlf:
        text = text.replace("\n", "\r\n")
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return
    compared(text)


def test_a_change_on_a_long_plan_takes_the_shortcut_and_writes_what_the_text_way_writes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every tenth item of a generated plan with a trace, and the last, changed with the header:
    the bytes' patch (by the shortcut) is the text's."""
    from quanhu_plan import patch_bytes as patch_module

    taken = []
    real = patch_module.simple_blocks
    monkeypatch.setattr(
        patch_module, "simple_blocks", lambda *a: taken.append(real(*a)) or taken[-1]
    )
    text = GENERATED + RECORDS
    read = tomllib.loads(text)
    counts = (len(read["item"]), len(read["removed"]))
    meta = (read["plan"], dict(read["plan"], organisation="镇"))
    entry = {"at": dt.datetime(2023, 6, 1, 9, tzinfo=dt.UTC), "by": "甲", "action": "note"}
    indexes = [*range(0, counts[0], 10), counts[0] - 1]
    for index in indexes:
        old = read["item"][index]
        new = plan_file._in_order(
            dict(old, owner="甲", log=[*old.get("log", []), entry]), ITEM_FIELDS
        )
        changes = [(index, old, new)]
        by_text = patch_changed(text, counts, changes, meta)
        by_bytes = patch_changed_bytes(text.encode("utf-8"), counts, changes, meta)
        assert by_text is not None and by_bytes is not None
        assert by_bytes.data == by_text.text.encode("utf-8")
        assert (by_bytes.checks, by_bytes.pieces) == (by_text.checks, by_text.pieces)
    assert len(taken) == len(indexes) and all(found is not None for found in taken)


# The pattern ``toml_blocks._MAY_START_A_HEADER`` was written as before its assertions were put
# in another order (for speed): the same [s must be found.
_AS_FIRST_WRITTEN = re.compile(
    rb"\[(?<=[\n \t]\[)(?<![^\n \t][ \t]\[)(?<![^\n \t][ \t][ \t]\[)"
    rb"(?!(?<=\n\[)\[item(?:\.log)?\]\])"
)
_PIECES = [b"\n", b"\r", b" ", b"\t", b"[", b"]", b"x", b"[[item]]", b"[[item.log]]", b"[item",
           "事".encode()]  # fmt: skip


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
@example([b"x", b" ", b" ", b"["])
@example([b"x", b" ", b"["])
@example([b"\n", b" ", b"[[item.log]]"])
@example([b"\n", b"[[item]]", b"\n", b"[", b"[item"])
def test_a_header_may_start_where_the_pattern_first_written_says(pieces: list[bytes]) -> None:
    data = b"".join(pieces)
    found = [m.start() for m in toml_blocks._MAY_START_A_HEADER.finditer(data)]
    assert found == [m.start() for m in _AS_FIRST_WRITTEN.finditer(data)]
