"""The cells a character takes are rich's, whether counted in ``terminal.widths`` (the ranges a
plan is mostly written in, without loading rich) or asked of rich; ``plan status`` to a pipe
on a plan of Chinese titles does not load rich at all."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import _SINGLE_CELLS, cell_len, get_character_cell_size

from quanhu_plan.terminal import widths
from quanhu_plan.terminal.grid import text_width
from quanhu_plan.terminal.paragraphs import wrap_lines


def test_every_character_counted_without_rich_takes_the_cells_rich_gives_it():
    for first, last, cells in widths.KNOWN_RANGES:
        for code in range(first, last + 1):
            character = chr(code)
            assert get_character_cell_size(character) == cells, hex(code)
            assert widths._width(character) == cells, hex(code)


def test_the_ranges_are_in_order_and_do_not_overlap():
    """``_width`` stops at the first range that starts after the character."""
    ends = [edge for first, last, _ in widths.KNOWN_RANGES for edge in (first, last)]
    assert ends == sorted(ends) and len(set(ends)) == len(ends)


def test_riches_single_cell_characters_take_one_cell_in_its_table():
    """Text of printable ASCII alone is taken as one cell a character (``single_cell``), rich
    takes a few more characters so (``_SINGLE_CELLS``): the widths agree only because each of
    those takes one cell in rich's table too."""
    assert all(get_character_cell_size(character) == 1 for character in _SINGLE_CELLS)


def test_characters_outside_the_ranges_are_measured_by_rich():
    for character in ("\u00ad", "\u0300", "\u200b", "😀", "한", "ｱ", "\x00", "\x1b", "\u3099"):
        assert widths._width(character) == get_character_cell_size(character), repr(character)


ALPHABET = st.sampled_from(
    list("aZ09 .,%-/·—…“”─│█░中文，。（）：；！？《》【】、ｓ　")
    + ["é", "ñ", "α", "Ж", "한", "ｱ", "😀", "❤", "\u0301", "\u200b", "\x07", "\u00ad", "①", "㎡"]
)


@settings(max_examples=300, deadline=None)
@given(st.text(ALPHABET, max_size=40))
def test_text_measures_as_rich_measures_it(text):
    assert text_width(text) == cell_len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(ALPHABET, min_size=1, max_size=60), st.integers(1, 30))
def test_lines_are_broken_at_rich_widths(text, width):
    """wrap_lines' cell counts are rich's: each line fits, and one more unit would not."""
    for start, end in wrap_lines(text, width):
        line = text[start:end]
        if cell_len(line) > width:  # only a single character wider than the line
            assert len(line) == 1 or cell_len(line[:-1]) < width


def test_status_to_a_pipe_loads_no_rich(tmp_path):
    """A plan of Chinese titles, figures and bars is measured without rich's tables."""
    env = {**os.environ, "COLUMNS": "80", "QUANHU_PLAN_CACHE": str(tmp_path / "cache")}
    env.pop("PLAN_FILE", None)
    for name in ("NO_COLOR", "TERM", "FORCE_COLOR", "TTY_COMPATIBLE", "UNICODE_VERSION"):
        env.pop(name, None)
    run = [sys.executable, "-X", "importtime", "-m", "quanhu_plan", "status"]
    done = subprocess.run(run, capture_output=True, text=True, env=env, check=True, cwd=tmp_path)
    assert "泉湖镇" in done.stdout and "░" in done.stdout
    loaded = set(re.findall(r"\|\s+([\w.]+)$", done.stderr, re.MULTILINE))
    assert "quanhu_plan.terminal.status_view" in loaded
    assert not {name for name in loaded if name == "rich" or name.startswith("rich.")}


def test_another_unicode_version_is_measured_by_rich_alone(tmp_path):
    """UNICODE_VERSION chooses another of rich's tables (4.1 counts U+9FBC-U+9FFF one cell):
    rich measures every character then."""
    code = (
        "from quanhu_plan.terminal.grid import text_width\n"
        "from rich.cells import cell_len\n"
        "text = '\\u9fbc\\u4e2d x'\n"
        "print(text_width(text), cell_len(text))\n"
    )
    env = {**os.environ, "UNICODE_VERSION": "4.1.0"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.split() == ["5", "5"]
