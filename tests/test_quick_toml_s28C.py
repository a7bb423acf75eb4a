"""The quick reader (store/quick_toml.py) with fewer matches a file: the leading blanks of a
line taken once, its line end taken with it and blank lines with the header below them. It
must see every line as the pattern before it did (the same values, keys, headers and lines
it declines), so reading what it read and declining what it declined; checked here against a
copy of that pattern on texts made of the lines hand edits leave, and against tomllib."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.store import quick_toml

from .test_quick_toml import read_alike

runner = CliRunner()

_KEY = r"[A-Za-z0-9_-]+"
_COMMENT = r"(?:#[^\x00-\x08\x0a-\x1f\x7f]*)?"
_DAY = r"[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
_HOURS, _SIXTY = r"(?:[01][0-9]|2[0-3])", r"[0-5][0-9]"
_MOMENT = _DAY + r"[T ]" + f"{_HOURS}:{_SIXTY}:{_SIXTY}(?:Z|[+-]{_HOURS}:{_SIXTY})"
# The pattern of session 27 (a match a line), as it was.
BEFORE = re.compile(
    r"^(?:[ \t]*(" + _KEY + r")[ \t]*=[ \t]*(?:"
    r'"([^"\\\x00-\x08\x0a-\x1f\x7f]*+)"[ \t]*$'
    r"|(" + _DAY + r")[ \t]*$"
    r"|(-?(?:0|[1-9][0-9]{0,17}))[ \t]*$"
    r"|(" + _MOMENT + r")[ \t]*$"
    r"|(.+))"
    r"|[ \t]*\[\[[ \t]*(" + _KEY + r"(?:[ \t]*\.[ \t]*" + _KEY + r"){0,15})[ \t]*\]\]"
    r"[ \t]*" + _COMMENT + r"$"
    r"|[ \t]*\[[ \t]*(" + _KEY + r")[ \t]*\][ \t]*" + _COMMENT + r"$"
    r"|[ \t]*" + _COMMENT + r"(?:\n[ \t]*" + _COMMENT + r")*$"
    r"|(.+))",
    re.M,
)


def what_the_loop_sees(pattern: re.Pattern[str], text: str) -> list[tuple[str, ...]]:
    """The matches the reader's loop acts on (a blank one does nothing), the declined line
    (group 9) as whether there is one: the new pattern leaves its leading blanks out."""
    return [
        (*found[:8], "bad" if found[8] else "") for found in pattern.findall(text) if any(found)
    ]


LINES = [
    "",
    " ",
    "\t \t",
    "#",
    "  # 注释 [[item]]",
    "[plan]",
    " [ plan ] # c",
    "[[item]]",
    "  [[ item ]]",
    "\t[[item . log]]  # c",
    "[[item.log.x]]",
    "[[ item.]]",
    "[ [item]]",
    "[[item]",
    "[item]]",
    "[[plan]]",
    "[a]",
    'id = "1.1"',
    '  title = "修缮 [x] # 不是注释"',
    '\towner\t=\t"张三"\t',
    'x = ""',
    "due = 2023-06-30",
    "due = 2023-06-30 ",
    "x = 2023-02-30",
    "at = 2023-03-01 09:30:00+08:00",
    "at = 2023-03-01T09:30:00Z  ",
    "progress = -0",
    "progress = 100",
    "target = 123456789012345678",
    "target = 1234567890123456789",
    "weight = 2.5",
    "x = [1, 2]",
    "x = { a = 1 }",
    "x = 1 # c",
    'x = "a" # c',
    'x = "\\u00e9"',
    "x=1",
    "a.b = 1",
    '"a" = 1',
    "x = ",
    "= 1",
    "x = [",
    "]",
    "\x0c",
    "  \x0c",
    " x",
    "log = []",
]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(LINES), max_size=24),
    st.sampled_from(["", "\n"]),
    st.integers(0, 4),
)
def test_the_loop_sees_each_line_as_it_did_before(lines: list[str], end: str, start: int) -> None:
    text = "\n".join(lines) + end
    assert what_the_loop_sees(quick_toml._LINE, text) == what_the_loop_sees(BEFORE, text)
    # and a stretch at a time, as ``loads`` reads a long text (from a line's start)
    at = text.find("\n", start) + 1 if start else 0
    stretch = (text, at, len(text))
    found = [f for f in quick_toml._LINE.findall(*stretch) if any(f)]
    before = [f for f in BEFORE.findall(*stretch) if any(f)]
    assert [f[:8] for f in found] == [f[:8] for f in before]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(LINES), max_size=24), st.sampled_from(["\n", "\r\n"]))
def test_it_reads_as_tomllib_reads_or_declines(lines: list[str], ending: str) -> None:
    text = ending.join(["[plan]", 'title = "t"', *lines, ""])
    read_alike(text)  # (the same document as tomllib and tomli, or None where either refuses)


def test_blank_lines_before_headers_are_read_as_before(tmp_path: Path) -> None:
    """A long plan laid out by hand (blank lines and blanks before its headers, indented keys)
    reads, through ``plan list``, as the TOML reader reads it."""
    parts = ['[plan]\ntitle = "长计划"\nyear = 2023\n\n \n\t\n', '  [[item]]\n  id = "1"\n']
    parts.append('  title = "第一部分"\n')
    for n in range(1, 81):
        parts.append(
            f'\n\n   \n [[ item ]]\nid = "1.{n}"\n\ttitle = "任务{n}"\ndue = 2023-06-30\n'
            f"progress = {n % 100}\n"
        )
    text = "".join(parts)
    quick = quick_toml.loads(text, lambda: tomllib)
    assert quick == tomllib.loads(text)
    assert [t["id"] for t in quick["item"]][:3] == ["1", "1.1", "1.2"]
    plan = tmp_path / "plan.toml"
    plan.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["-f", str(plan), "--lang", "zh", "list"])
    assert result.exit_code == 0, result.output
    assert "任务80" in result.output and "任务1 " in result.output
    assert plan.read_text(encoding="utf-8") == text  # (a read writes nothing)
