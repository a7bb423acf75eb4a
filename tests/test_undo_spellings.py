"""Undo gives a field's line back as it was written, whatever spelling of its value the line
had (3_0, 0x1E, +30, 1e2, an escaped or 'literal' string): the change writes its log entry's
``before`` in that spelling (the same value to any TOML reader), and undo writes it back so.
Run with the parse cache cold and warm, on LF and CRLF files with a BOM; a hand-edited
``before`` whose spelling does not read as the value it restores is not written on the line."""

from __future__ import annotations

import difflib
import json
import os
import tomllib
from pathlib import Path
from unittest import mock

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

PLAN = (
    '[plan]\ntitle = "t"\nyear = 2023\n\n[[item]]\nid = "1"\ntitle = "部"\n\n'
    '[[item]]\nid = "1.1"\ntitle = \'修塘\'\n{field}\nstatus = "doing"\n'
    '\n[[item]]\nid = "1.2"\ntitle = "灯"\nprogress = 30\n'
)

# (the field's line as written, the change that rewrites it, what the value reads as)
SPELLINGS = {
    "progress 3_0": ("progress = 3_0   # 三成", ["progress", "1.1", "60"], 30),
    "progress 0x1E": ("progress = 0x1E", ["progress", "1.1", "60"], 30),
    "progress +30": ("progress = +30", ["progress", "1.1", "60"], 30),
    "target 1e2": ("target = 1e2", ["edit", "1.1", "--target", "50"], 100.0),
    "target 1_000": ("target = 1_000  # 亩", ["edit", "1.1", "--target", "50"], 1000),
    "actual 0o17": ("target = 40\nactual = 0o17", ["record", "1.1", "20"], 15),
    "owner literal": ("owner = '王五'   # 责任人", ["edit", "1.1", "--owner", "O'Brien"], "王五"),
    "owner escaped": ('owner = "\\u738B\\u4E94"', ["edit", "1.1", "--owner", "李四"], "王五"),
    "owner removed": ("owner = '王五'", ["edit", "1.1", "--owner", ""], "王五"),
    "title literal": (None, ["edit", "1.1", "--title", "修 'x' 塘"], "修塘"),
    "detail literal tab": ("detail = '甲\t乙'", ["edit", "1.1", "--detail", "丙"], "甲\t乙"),
}


TRACE_KEYS = {"at", "by", "action", "before", "after", "undone", "undoes"}


def _text(field: str | None, crlf: bool) -> str:
    text = PLAN.replace("{field}\n", f"{field}\n" if field else "")
    return "\ufeff" + text.replace("\n", "\r\n") if crlf else text


def _run(plan_file: Path, cache: str, *args: str) -> tuple[int, str]:
    with mock.patch.dict(os.environ, {"QUANHU_PLAN_CACHE": cache}):
        result = CliRunner().invoke(app, ["--file", str(plan_file), *args])
    return result.exit_code, result.output


def _lines_gone(before: str, after: str) -> list[str]:
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm="")
    return [line[1:] for line in diff if line.startswith("-") and not line.startswith("---")]


def _read(plan_file: Path) -> dict:
    return tomllib.loads(plan_file.read_bytes().decode("utf-8-sig"))


@pytest.mark.parametrize("warm", [False, True], ids=["cold", "warm"])
@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf-bom"])
@pytest.mark.parametrize("name", list(SPELLINGS))
def test_undo_gives_the_line_back_in_its_own_spelling(tmp_path, name, crlf, warm):
    field, change, value = SPELLINGS[name]
    text = _text(field, crlf)
    plan_file = tmp_path / "plan.toml"
    plan_file.write_bytes(text.encode("utf-8"))
    cache = str(tmp_path / "cache") if warm else "off"
    if warm:
        assert _run(plan_file, cache, "status")[0] == 0
    key = {"progress": "progress", "record": "actual"}.get(change[0]) or change[2][2:]

    code, output = _run(plan_file, cache, *change)
    assert code == 0, output
    changed = plan_file.read_bytes().decode("utf-8")
    entry = _read(plan_file)["item"][1]["log"][-1]
    assert entry["before"] == {key: value}  # the log keeps the value, whatever its spelling
    assert _lines_gone(text, changed) != []  # (the change did rewrite the line)

    code, output = _run(plan_file, cache, "undo")
    assert code == 0, output
    undone = plan_file.read_bytes().decode("utf-8")
    gone = _lines_gone(text, undone)
    if field and "removed" in name:  # a removed line's comment cannot come back; its quotes do
        assert gone == [] and field in undone
    else:
        assert gone == [], gone
    added = _lines_gone(undone, text)  # only trace lines came: blank, headers, entries' keys
    assert all(
        not line.strip() or line == "[[item.log]]" or line.split(" = ")[0] in TRACE_KEYS
        for line in added
    ), added
    item = _read(plan_file)["item"][1]
    assert item.get(key) == value
    assert _run(plan_file, cache, "show", "1.1", "--json")[0] == 0


def test_the_log_says_the_value_not_its_spelling(tmp_path):
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(_text("progress = 3_0", False), encoding="utf-8")
    assert _run(plan_file, "off", "progress", "1.1", "60")[0] == 0
    assert "before = { progress = 3_0 }" in plan_file.read_text(encoding="utf-8")
    code, output = _run(plan_file, "off", "log", "--json")
    assert code == 0, output
    entry = next(e for e in json.loads(output) if e.get("action") == "progress")
    assert entry["before"] == {"progress": 30} and entry["after"] == {"progress": 60}


def test_a_change_then_another_then_two_undos_give_back_the_first_spelling(tmp_path):
    text = _text("progress = 3_0   # 三成", True)
    plan_file = tmp_path / "plan.toml"
    plan_file.write_bytes(text.encode("utf-8"))
    cache = str(tmp_path / "cache")
    for args in (["progress", "1.1", "60"], ["progress", "1.1", "70"], ["undo"], ["undo"]):
        assert _run(plan_file, cache, *args)[0] == 0, args
    assert _lines_gone(text, plan_file.read_bytes().decode("utf-8")) == []


@pytest.mark.parametrize(
    ("before", "line"),
    [
        ("{ progress = 0x2D }", "progress = 0x2D"),  # 45, spelled so: the value it restores
        ("{ progress = 30 # c }", None),  # not TOML: the file does not read
        ("{ progress = 30.0 }", "progress = 30.0"),  # a float: restored as what it reads as
        ("{ progress = 1_5, owner = '张三' }", "progress = 1_5"),
        ('{ progress = "30" }', None),  # text where a number goes: refused
        ('{ "progress" = 3_0 }', "progress = 30"),  # a quoted key: the value, plain
    ],
)
def test_a_hand_edited_before_is_written_back_only_as_what_it_reads_as(tmp_path, before, line):
    """Undo restores the value ``before`` reads as; its spelling goes on the line only where it
    reads as exactly that value, else the value is written plain; a file that does not read, or
    a value the field cannot hold, is refused with nothing written."""
    text = _text("progress = 3_0", False)
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(text, encoding="utf-8")
    assert _run(plan_file, "off", "progress", "1.1", "60")[0] == 0
    edited = plan_file.read_text(encoding="utf-8").replace("{ progress = 3_0 }", before)
    plan_file.write_text(edited, encoding="utf-8")
    code, output = _run(plan_file, "off", "undo")
    after = plan_file.read_text(encoding="utf-8")
    if line is None:
        assert code != 0 and after == edited and "Traceback" not in output, output
        return
    assert code == 0, output
    assert line in after.split("[[item.log]]")[0].splitlines()
