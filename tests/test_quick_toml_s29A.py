"""The quick reader's pattern (store/quick_toml.py) with the layout the store writes tried
first: " = " between a key and its value, a value or header at the line's very end, a header
of one part. It must see every line as the pattern of session 28 did (each run of blanks
``[ \\t]*`` there), so reading what it read and declining what it declined: checked against a
copy of that pattern on lines of blanks in every place the new branches meet, and through the
commands on a long plan written with such lines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.store import plan_text, quick_toml
from quanhu_plan.store.plan_text import _toml_reader

from .test_quick_toml import long_plan, read_alike

runner = CliRunner()

_KEY = r"[A-Za-z0-9_-]+"
_COMMENT = r"(?:#[^\x00-\x08\x0a-\x1f\x7f]*)?"
_DAY = r"[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
_HOURS, _SIXTY = r"(?:[01][0-9]|2[0-3])", r"[0-5][0-9]"
_MOMENT = _DAY + r"[T ]" + f"{_HOURS}:{_SIXTY}:{_SIXTY}(?:Z|[+-]{_HOURS}:{_SIXTY})"
# The pattern of session 28, as it was.
BEFORE = re.compile(
    r"^[ \t]*(?:(" + _KEY + r")[ \t]*=[ \t]*(?:"
    r'"([^"\\\x00-\x08\x0a-\x1f\x7f]*+)"[ \t]*$'
    r"|(" + _DAY + r")[ \t]*$"
    r"|(-?(?:0|[1-9][0-9]{0,17}))[ \t]*$"
    r"|(" + _MOMENT + r")[ \t]*$"
    r"|(.+))"
    r"|(?:\n[ \t]*)*\[\[[ \t]*(" + _KEY + r"(?:[ \t]*\.[ \t]*" + _KEY + r"){0,15})[ \t]*\]\]"
    r"[ \t]*" + _COMMENT + r"$"
    r"|\[[ \t]*(" + _KEY + r")[ \t]*\][ \t]*" + _COMMENT + r"$"
    r"|" + _COMMENT + r"(?:\n[ \t]*" + _COMMENT + r")*$"
    r"|(.+))\n?",
    re.M,
)

BLANKS = st.sampled_from(["", " ", "  ", "\t", " \t "])
VALUES = st.sampled_from(
    ['"修缮"', '""', "2023-06-30", "58", "-0", "2023-03-01T09:30:00+08:00", "[1, 2]", "x", ""]
)


@st.composite
def lines(draw: st.DrawFn) -> str:
    """A line where a run of blanks may stand before or after each part the new branches
    take: the key's " = ", the value's line end, a header's dots, brackets and comment."""
    b = [draw(BLANKS) for _ in range(6)]
    kind = draw(st.sampled_from(["key", "array", "table", "comment", "blank"]))
    if kind == "key":
        return (
            f"{b[0]}{draw(st.sampled_from(['id', 'due', 'x-1']))}{b[1]}={b[2]}{draw(VALUES)}{b[3]}"
        )
    comment = draw(st.sampled_from(["", "# 注", "#"]))
    if kind == "array":
        parts = draw(st.lists(st.sampled_from(["item", "log", "a"]), min_size=1, max_size=17))
        return f"{b[0]}[[{b[1]}{f'{b[2]}.{b[3]}'.join(parts)}{b[4]}]]{b[5]}{comment}"
    if kind == "table":
        return f"{b[0]}[{b[1]}{draw(st.sampled_from(['plan', 'a']))}{b[2]}]{b[3]}{comment}"
    return f"{b[0]}{comment}" if kind == "comment" else b[0]


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(lines(), max_size=16), st.sampled_from(["", "\n"]))
def test_each_line_is_seen_as_the_pattern_before_saw_it(found: list[str], end: str) -> None:
    text = "\n".join(found) + end
    assert quick_toml._LINE.findall(text) == BEFORE.findall(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(lines(), max_size=16))
def test_a_text_of_such_lines_reads_as_the_toml_reader_reads_it_or_is_declined(
    found: list[str],
) -> None:
    read_alike("\n".join(["[plan]", 'title = "t"', *found, ""]))  # (it asserts as it reads)


@pytest.mark.parametrize("spaced", [False, True])
def test_status_reads_a_long_plan_of_odd_blanks_as_the_toml_reader_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spaced: bool
) -> None:
    """A long plan with a blank after " = ", blanks at line ends and comments after headers:
    the quick reader reads it itself, and every command shows what the TOML reader's plan
    shows."""
    text = long_plan(700)
    if spaced:
        text = text.replace(" = ", " =  ").replace("[[item]]", "[[ item ]]  # 事项")
        text = text.replace('"\n', '"\t\n')
    assert quick_toml.loads(text, _toml_reader) is not None
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(text, encoding="utf-8")

    def outputs(cache: str) -> list[tuple[int, str]]:
        monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / cache))
        commands = [["status", "--as-of", "2023-06-30"], ["show", "1.35", "--json"], ["check"]]
        results = [runner.invoke(app, ["--file", str(plan_file), *c]) for c in commands]
        return [(r.exit_code, r.output) for r in results]

    quick = outputs("quick")
    monkeypatch.setattr(plan_text, "_QUICK_FROM", 10**12)  # the TOML reader alone
    assert quick == outputs("reader")
    assert [code for code, _ in quick] == [0, 0, 0], quick
    assert "任务35" in quick[1][1]
    assert plan_file.read_text(encoding="utf-8") == text
