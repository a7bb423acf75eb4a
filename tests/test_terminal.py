"""Wrapping Chinese paragraphs in the terminal: numbers stay whole, no line starts with 。."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from quanhu_plan.terminal.paragraphs import Paragraph, wrap_lines

SENTENCE = "截至2022年12月31日，泉湖镇2022年工作计划共安排任务60项，已完成59项，综合完成率98.4%。（一）“三室两栏”整理整顿6个村。"


@pytest.mark.parametrize("width", range(8, 61))
def test_wrapping_keeps_numbers_whole_and_punctuation_off_line_starts(width):
    lines = [SENTENCE[a:b] for a, b in wrap_lines(SENTENCE, width)]
    assert "".join(lines) == SENTENCE
    assert all(cell_len(line) <= width for line in lines)
    assert not any(line[0] in "，。、；：）”%" for line in lines)
    assert not any(line[-1] in "（“" for line in lines)
    for number in re.findall(r"[0-9.%]+", SENTENCE):
        assert any(number in line for line in lines), (number, lines)


def test_a_unit_longer_than_the_line_is_cut():
    text = "x" * 25
    assert [text[a:b] for a, b in wrap_lines(text, 10)] == ["x" * 10, "x" * 10, "x" * 5]


def test_paragraph_keeps_styles_indent_and_typed_newlines():
    console = Console(width=24, record=True, color_system=None)
    text = Text("[x] 修塘", style="bold") + Text("\n第二行：完成率100%。")
    console.print(Paragraph(text, indent=2))
    assert console.export_text().splitlines() == ["  [x] 修塘", "  第二行：完成率100%。"]


CHANGE = "日期 2026-11-30; 接待游客12.5万人次，旅游收入3,600万元，涉及农户1,800户; 目标值: — → 0"


@pytest.mark.parametrize("width", range(10, 41))  # 2026-11-30 fits
def test_wrapping_keeps_thousands_whole_and_no_line_ends_or_starts_in_a_space(width):
    lines = [CHANGE[a:b] for a, b in wrap_lines(CHANGE, width)]
    assert all(cell_len(line) <= width for line in lines)
    assert not any(line != line.strip() for line in lines), lines
    for number in ("2026-11-30", "12.5", "3,600", "1,800"):
        assert any(number in line for line in lines), (number, lines)
    assert "".join(lines).replace(" ", "") == CHANGE.replace(" ", "")


@settings(max_examples=200, deadline=None)
@example(words=["高标准农田", "高标准农田", "高标准农田", "Wi-Fi", " "], width=45, phrases=True)
@given(
    words=st.lists(
        st.sampled_from(
            ["新建", "高标准农田", "3.3万亩", "1,800户", "95%", "2023-06-30", "，", "Wi-Fi", " "]
        ),
        min_size=1,
        max_size=30,
    ),
    width=st.integers(12, 60),
    phrases=st.booleans(),
)
def test_no_width_splits_a_number_with_its_unit_or_a_latin_word(words, width, phrases):
    text = "".join("项" + word for word in words)  # two numbers side by side make one run
    lines = [text[a:b] for a, b in wrap_lines(text, width, phrases)]
    assert all(cell_len(line) <= width for line in lines)
    assert all(line == line.strip() for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for piece in ("3.3万亩", "1,800户", "95%", "2023-06-30", "Wi-Fi"):
        assert text.count(piece) == sum(line.count(piece) for line in lines), (piece, lines)


def test_phrases_fold_after_a_separator_and_never_start_a_line_with_one():
    change = "日期 2023-05-20; 状态: 未开始 → 已完成; 完成日期: — → 2023-05-20"
    lines = [change[a:b] for a, b in wrap_lines(change, 52, phrases=True)]
    assert lines == ["日期 2023-05-20; 状态: 未开始 → 已完成;", "完成日期: — → 2023-05-20"]
    names = "刘书记 / 镇经济发展办 / 赵强 / 镇财政所"
    for width in range(12, 40):
        lines = [names[a:b] for a, b in wrap_lines(names, width, phrases=True)]
        assert not any(line.startswith("/") for line in lines), lines


@settings(max_examples=300, deadline=None)
@given(
    shares=st.lists(st.tuples(st.integers(-50, 400), st.integers(1, 400)), min_size=2, max_size=30),
    width=st.sampled_from([0, 4, 6]),
)
def test_status_rows_alike_in_percent_and_bar_share_a_completion_cell(shares, width):
    """The status table makes one completion cell for the rows that show the same percent and
    bar (status_view._share_key); it must be the cell each of them would have had."""
    from fractions import Fraction

    from quanhu_plan.terminal.status_view import _share, _share_key

    made: dict[object, list[tuple[str, str]]] = {}
    # 1/12 and 0.083 show 8%, and 5/12 and 0.415 42%, with bars of 6 filled differently.
    for top, below in [*shares, (1, 12), (83, 1000), (5, 12), (83, 200), (1, 200), (3, 8)]:
        share = Fraction(top, below)
        key = _share_key(share.as_integer_ratio(), width)
        cell = list(_share(share.as_integer_ratio(), width))
        assert made.setdefault(key, cell) == cell, share
    assert _share_key(None, width) == ("share", None)  # every wholly dropped row: "—"
