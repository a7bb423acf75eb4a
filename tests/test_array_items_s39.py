"""An array written over lines whose items are arrays (an unknown field a hand or another tool
wrote: ``grid = [\n  [1, 2],\n]``, ``other = [\n  ["y"]\n]``). A line of it starts with [ as a
header's does, and ``["y"]`` even reads as one: a change of the item that holds it was refused
as "not valid TOML" (the item's block cut there), or rewrote the whole file without its
comments. Each change now patches the item's lines alone, with the cache off, cold or warm."""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.toml_blocks import simple_blocks
from quanhu_plan.toml_text import Layout, closes_an_array

_HEAD = """\
# 手写的计划：数组写在多行里
[plan]
title = "测试镇2023年工作计划"
year = 2023

[[item]]
id = "1"
title = "基础设施"

[[item]]
id = "1.1"
title = "修机耕道"   # 手写注释
"""
_TAIL = """
[[item]]
id = "1.2"
title = "修塘"  # 另一条注释
"""

ARRAYS = {
    "a header-like last item": 'other = [\n  ["y"]\n]\n',
    "a header-like item, a comment and a blank line before ]": (
        "other = [\n  [ 'y' ]  # 注\n\n  # 又一行注释\n]\n"
    ),
    "items with commas": "grid = [\n  [1, 2],\n  [3, 4],\n]\n",
    "the first item on the key's line": 'grid = [[1, 2],\n  [3, 4]]\nmore = [\n  ["a", "b"]\n]\n',
    "nested deeper": 'deep = [\n  [\n    ["z"]\n  ]\n]\n',
}


def _changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


_TRACE_KEYS = ("at", "on", "by", "action", "after", "before", "undoes", "undone", "[[item.log]]")


def written_with_cache(
    runner: CliRunner,
    plan_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    text: str,
    crlf: bool,
    cache: str,
) -> tuple[str, dict]:
    """The plan file written as ``text`` (its line ends CRLF with ``crlf``), the cache "off",
    "cold" (no entry) or "warm" (a status read first): the text written and what it reads as."""
    if crlf:
        text = text.replace("\n", "\r\n")
    plan_file.write_bytes(text.encode("utf-8"))
    if cache == "off":
        monkeypatch.setenv("QUANHU_PLAN_CACHE", "off")
    elif cache == "warm":
        assert runner.invoke(app, ["status"]).exit_code == 0
    return text, tomllib.loads(text)


@pytest.mark.parametrize("array", list(ARRAYS.values()), ids=list(ARRAYS))
@pytest.mark.parametrize("cache", ["off", "cold", "warm"])
@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
@pytest.mark.parametrize("target", ["1.1", "1.2"])
def test_a_change_beside_an_array_of_arrays_patches_its_item_alone(
    runner: CliRunner,
    plan_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    array: str,
    cache: str,
    crlf: bool,
    target: str,
) -> None:
    text = _HEAD + array + _TAIL
    text, original = written_with_cache(runner, plan_file, monkeypatch, text, crlf, cache)

    done = runner.invoke(app, ["done", target, "--on", "2023-05-01"])
    assert done.exit_code == 0, done.output
    assert "整个重写" not in done.output and "rewritten" not in done.output
    after = plan_file.read_bytes().decode("utf-8")
    assert ("\r\n" in after) == crlf
    read = tomllib.loads(after)
    for before_item, item in zip(original["item"], read["item"], strict=True):
        changed = {k: v for k, v in item.items() if before_item.get(k) != v}
        if item["id"] == target:
            assert changed.keys() == {"status", "done_on", "log"}
        else:
            assert changed == {}, item["id"]
    added = _changed_lines(text, after)
    assert all(line.startswith("+") for line in added), added  # nothing else moved
    assert "# 手写注释" in after and "# 另一条注释" in after and after.startswith("# 手写的计划")

    undo = runner.invoke(app, ["undo"])
    assert undo.exit_code == 0, undo.output
    undone = plan_file.read_bytes().decode("utf-8")
    left = _changed_lines(text, undone)
    assert all(line[1:].lstrip().startswith(_TRACE_KEYS) or not line[1:].strip() for line in left)
    assert all(line.startswith("+") for line in left), left  # every line written is back


@pytest.mark.parametrize("array", list(ARRAYS.values()), ids=list(ARRAYS))
def test_the_layout_does_not_cut_an_item_at_an_array_s_line(array: str) -> None:
    text = _HEAD + array + _TAIL
    layout = Layout(text)
    assert [h.path for h in layout.headers] == [("plan",), ("item",), ("item",), ("item",)]
    data = text.encode("utf-8")
    blocks = simple_blocks(data, (3, 0))
    assert blocks is None or len(blocks.starts) == 4


def test_an_array_s_last_item_is_told_from_a_header() -> None:
    text = 'x = [\n  ["y"]\n  # 注\n\n]\n[plan]\ntitle = "t"\n[[item]]\n'
    y = text.index('  ["y"]')
    assert closes_an_array(text, y) and closes_an_array(text.encode(), y)
    assert not closes_an_array(text, text.index("[plan]"))
    assert not closes_an_array(text, text.index("[[item]]"))  # the last line, nothing below
    crlf = text.replace("\n", "\r\n")
    assert closes_an_array(crlf, crlf.index('  ["y"]'))


def test_a_long_plan_with_such_arrays_reads_as_the_toml_reader_reads_it(
    runner: CliRunner, plan_file: Path
) -> None:
    """Past the length from which the plan is read by the quick reader (``quick_toml``)."""
    items = "".join(
        f'\n[[item]]\nid = "1.{n}"\ntitle = "任务{n}"\nprogress = {n % 100}\n'
        + (ARRAYS["a header-like last item"] if n % 50 == 0 else "")
        for n in range(1, 1200)
    )
    text = _HEAD.split('[[item]]\nid = "1.1"')[0] + items
    assert len(text.encode()) > 1 << 16
    plan_file.write_text(text, encoding="utf-8")
    for _ in range(2):  # cold, then warm
        shown = runner.invoke(app, ["show", "1.50", "--json"])
        assert shown.exit_code == 0, shown.output
        assert '"other"' in shown.output and '"y"' in shown.output
    done = runner.invoke(app, ["done", "1.50", "--on", "2023-05-01"])
    assert done.exit_code == 0, done.output
    assert tomllib.loads(plan_file.read_text(encoding="utf-8"))["item"][50]["other"] == [["y"]]
