"""Attacks on session 39's arrays of arrays written over lines (test_array_items_s39): an
array's item that reads as a header but is not its last (the comma on the next line:
``[\n  ["y"]\n  , ["z"]\n]``), and one that reads as an item's header (``[["item"]]``,
``["item"]``). A change beside such an array was refused as "not valid TOML" (the log written
into the array) or rewrote the whole file without its comments."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.toml_blocks import simple_blocks
from quanhu_plan.toml_text import Layout, closes_an_array

from .test_array_items_s39 import _HEAD, _TAIL, _TRACE_KEYS, _changed_lines, written_with_cache

ARRAYS = {
    "the comma on the next line": 'other = [\n  ["y"]\n  # 注\n  , ["z"]\n]\n',
    "a number's item, the comma below": "other = [\n  [1]\n  , [2]\n]\n",
    "an item's header": 'other = [\n  [["item"]]\n]\n',
    "an item's table": "other = [\n  [ 'item' ]\n]\n",
    "an item's header, the comma below": 'other = [\n  [["item"]]\n  ,["item"]\n]\n',
    "the plan's header, the comma below": 'other = [\n  ["plan"]\n  ,["x"]\n]\n',
}


def _placed(array: str, where: str) -> str:
    if where == "item":
        return _HEAD + array + _TAIL
    if where == "plan":
        return _HEAD.replace("year = 2023\n", "year = 2023\n" + array) + _TAIL
    return _HEAD + _TAIL + array.rstrip("\n")  # the file's end, no last line end


@pytest.mark.parametrize("array", list(ARRAYS.values()), ids=list(ARRAYS))
@pytest.mark.parametrize("where", ["item", "plan", "end"])
@pytest.mark.parametrize("cache", ["off", "cold", "warm"])
@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
def test_a_change_beside_such_an_array_patches_its_item_alone(
    runner: CliRunner,
    plan_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    array: str,
    where: str,
    cache: str,
    crlf: bool,
) -> None:
    text = _placed(array, where)
    text, original = written_with_cache(runner, plan_file, monkeypatch, text, crlf, cache)

    done = runner.invoke(app, ["done", "1.2", "--on", "2023-05-01"])
    assert done.exit_code == 0, done.output
    assert "整个重写" not in done.output and "rewritten" not in done.output
    after = plan_file.read_bytes().decode("utf-8")
    read = tomllib.loads(after)
    assert read["plan"] == original["plan"]
    for before_item, item in zip(original["item"], read["item"], strict=True):
        changed = {k for k, v in item.items() if before_item.get(k) != v}
        assert changed == ({"status", "done_on", "log"} if item["id"] == "1.2" else set())
    added = _changed_lines(text, after)
    assert all(line.startswith("+") for line in added), added
    assert "# 手写注释" in after and "# 另一条注释" in after

    undo = runner.invoke(app, ["undo"])
    assert undo.exit_code == 0, undo.output
    left = _changed_lines(text, plan_file.read_bytes().decode("utf-8"))
    assert all(line.startswith("+") for line in left), left
    assert all(line[1:].lstrip().startswith(_TRACE_KEYS) or not line[1:].strip() for line in left)


@pytest.mark.parametrize("array", list(ARRAYS.values()), ids=list(ARRAYS))
def test_the_layout_does_not_cut_a_block_at_such_an_array_s_line(array: str) -> None:
    for where in ("item", "plan", "end"):
        text = _placed(array, where)
        layout = Layout(text)
        assert [h.path for h in layout.headers] == [("plan",), ("item",), ("item",), ("item",)]
        blocks = simple_blocks(text.encode("utf-8"), (3, 0))
        assert blocks is None or blocks.starts == [text.encode().index(b"[plan]")]


def test_an_item_above_a_comma_is_told_from_a_header() -> None:
    text = 'x = [\n  ["y"]  # 注\n\n  # 又一行\n  , ["z"]\n]\n[plan]\ntitle = "t"\n'
    y = text.index('  ["y"]')
    assert closes_an_array(text, y) and closes_an_array(text.encode(), y)
    assert not closes_an_array(text, text.index("[plan]"))
    crlf = text.replace("\n", "\r\n")
    assert closes_an_array(crlf, crlf.index('  ["y"]'))


def test_status_reads_such_arrays_alike_with_the_cache_off_and_warm(
    runner: CliRunner, plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _HEAD + _TAIL.replace(
        '"修塘"',
        '"修塘"\n' + "".join(a.replace("other", f"o{n}") for n, a in enumerate(ARRAYS.values())),
        1,
    )
    plan_file.write_text(text, encoding="utf-8")
    shown = [runner.invoke(app, ["show", "1.2", "--json"]).output for _ in range(2)]
    monkeypatch.setenv("QUANHU_PLAN_CACHE", "off")
    shown.append(runner.invoke(app, ["show", "1.2", "--json"]).output)
    assert shown[0] == shown[1] == shown[2]
    assert '"o0"' in shown[0] and '"o5"' in shown[0]


HELD = {
    "a comment with ] and [plan] in the array": 'other = [\n  ["y"], # ] [plan]\n  # ]\n  ["z"]\n]\n',
    "a comment with [[item]]": "other = [\n  [1, 2], # [[item]]\n  [3] # [\n]\n",
    "strings holding # and [[item]]": 'other = [\n  ["#", \'#]\'],\n  [ "[[item]]" ]\n]\n',
    "inline tables holding brackets": 'other = [\n  [{a = "]"}, {b = [1]}],\n  [{c = "[plan]"}]\n]\n',
    "tabs": 'other = [\n\t["y"]\n\t,\t["z"]\n\t]\n',
    "no indent": 'other = [\n[["item"]]\n,[["plan"]]\n]\n',
    "empty arrays": "other = [\n  []\n  ,[[]]\n]\n",
    "nested four deep": 'd = [\n[\n[\n[\n["x"]\n]\n]\n]\n]\n',
}


@pytest.mark.parametrize("array", list(HELD.values()), ids=list(HELD))
@pytest.mark.parametrize("where", ["item", "plan", "end"])
def test_attacks_that_held(runner: CliRunner, plan_file: Path, array: str, where: str) -> None:
    text = _placed(array, where)
    plan_file.write_text(text, encoding="utf-8")
    assert runner.invoke(app, ["status"]).exit_code == 0
    note = runner.invoke(app, ["note", "1.2", "进展", "--on", "2023-05-01"])
    assert note.exit_code == 0, note.output
    assert "整个重写" not in note.output
    after = plan_file.read_text(encoding="utf-8")
    assert all(line.startswith("+") for line in _changed_lines(text, after))
    read, original = tomllib.loads(after), tomllib.loads(text)
    assert read["plan"] == original["plan"]
    assert [{k: v for k, v in i.items() if k != "log"} for i in read["item"]] == original["item"]
    assert runner.invoke(app, ["undo"]).exit_code == 0
    left = _changed_lines(text, plan_file.read_text(encoding="utf-8"))
    assert all(line.startswith("+") for line in left), left
