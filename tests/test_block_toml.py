"""The reader of the blocks a change wrote (store/block_toml.py), used by the check before the
disk is touched: it reads a block as the TOML reader does, or declines it (and the TOML reader
reads it): never another document, never a document for a text the TOML reader refuses.

Compared value by value (types, key order, time offsets) with tomllib and compiled tomli on the
blocks of fuzzed plans, on blocks with odd and spoiled lines written in, and through ``done``:
the block of a regular change is read here, one it declines by the TOML reader, and a block
that does not read back as its table is still refused with nothing written."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.store import block_toml, plan_text
from quanhu_plan.store.plan_text import _toml_reader

from .test_fuzz_files import plan_files
from .test_quick_toml import PLAN, SPOILERS, odd_lines, quick_settings, same

runner = CliRunner()
READERS = [tomllib, _toml_reader()]


def read_alike(text: str) -> dict[str, Any] | None:
    """The block reader's document for ``text`` after checking it against each TOML reader."""
    quick = block_toml.loads(text)
    for reader in READERS:
        try:
            expected = reader.loads(text)
        except (reader.TOMLDecodeError, ValueError, RecursionError):
            assert quick is None, f"read a text {reader.__name__} refuses: {text!r}"
            continue
        if quick is not None:
            assert same(quick, expected), (text, quick, expected)
    return quick


def blocks(text: str) -> list[str]:
    """A plan's text cut before each header, as a change's blocks are: each alone, and each
    ``[[item]]`` with the ``[[item.log]]`` entries below it (a block with its log)."""
    cut = re.split(r"\n(?=\[)", text)
    whole = re.split(r"\n(?=\[\[item\]\]|\[plan\])", text)
    return [*cut, *whole, "[[item]]\n\n" + "\n".join(c for c in cut if c.startswith("[[item.l"))]


BLOCK = """\

[[item]]
id = "5.3.4"
title = "完成第484项任务：修缮村级道路和水利设施 [x] # 不是注释"
owner = ""
due = 2023-03-28
status = "done"
progress = 65
target = -123456789012345678
open = true
done_on = 2023-06-30

[[item.log]]
at = 2023-06-30 21:54:13.142066+00:00
on = 2023-06-30
by = "root"
action = "done"
before = { status = "doing" }
after = { status = "done", done_on = 2023-06-30, at = 2023-06-30T10:00:00Z }

[[item.log]]
at = 2023-07-01 09:30:00+08:00
action = "note"
note = "\t引号"
extra = {}
"""


def test_reads_the_blocks_a_change_writes_as_the_toml_reader_does() -> None:
    doc = read_alike(BLOCK)
    assert doc is not None and doc["item"][0]["log"][0]["after"]["done_on"].day == 30
    assert read_alike('[plan]\ntitle = "计划"\nyear = 2023\n\n[[plan.log]]\nx = 1\n')
    assert read_alike("") == {}


@pytest.mark.parametrize(
    "line",
    [
        *SPOILERS,
        "x = 1.5",  # floats, arrays, escapes: left to the TOML reader
        'x = ["a"]',
        "x = []",
        'x = "\\"q\\""',
        "x = { a = { b = 1 } }",
        "x = { a = 1, a = 2 }",
        "x = { a = 1 , b = 2 }",
        "x = {a = 1}",
        "x = { a = 1, }",
        "x = { a = 1 } ",
        "x = 2023-06-30T10:30:00.5+08:00",  # a fraction of another length
        "x = 2023-06-30T10:30:00.1234567+08:00",
        "x = 2023-06-30 10:30:00+08:60",  # the ranges of a day and a time
        "x = { a = 2023-06-30 10:30:00+08:99 }",
        "x = 2023-06-30 10:30:00+24:00",
        "x = 2023-06-30 10:30:00-23:59",
        "x = 2023-06-30T10:30:00.123456-00:00",
        "x = 2023-06-30 24:00:00Z",
        "x = 2023-06-30 23:60:00Z",
        "x = 2023-06-30 23:59:60Z",
        "x = 2023-13-01",
        "x = 2023-00-01",
        "x = 2023-01-00",
        "x = 2023-01-32",
        "x = 0000-01-01",
        "x = 2024-02-29",
        "x = 2023-06-30 10:30:00",
        "x = 2023-02-30",
        "x = 0123",
        "x = truex",
        "x = True",
        "x = " + "9" * 19,
        "[ plan ]",
        "[[ item ]]",
        "[[item]] # c",
        "[[a.b.c]]",
        "[a.b]",
        "[[]]",
        "[]",
        "[x]]",
        "[[x]",
        "\ufeffx = 1",
    ],
)
def test_an_odd_or_wrong_line_is_declined_or_read_as_the_toml_reader_does(line: str) -> None:
    for text in (
        BLOCK + line + "\n",
        line + "\n" + BLOCK,
        BLOCK.replace("\nopen", f"\n{line}\nopen"),
    ):
        read_alike(text)


@pytest.mark.parametrize(
    "text",
    [
        BLOCK.replace("\n", "\r\n"),  # CRs: the TOML reader reads them
        BLOCK.replace('owner = ""', 'id = "again"'),  # a key twice
        BLOCK + "[[item.log]]\n[item]\n",
        "x = { a = 1 }\n[[x.b]]\n",  # an inline table added to
        "log = []\n[[log]]\n",  # a static array added to
        "[a]\n[[a]]\n",
        "[a]\nx = 1\n[a]\n",  # a table twice
        '[[item]]\nnote = """\n[[item]]\n"""\n',
    ],
)
def test_declines_what_it_does_not_read_itself(text: str) -> None:
    assert block_toml.loads(text) is None
    read_alike(text)


@quick_settings
@given(plan_files())
def test_reads_the_blocks_of_fuzzed_plans_as_the_toml_reader_does(text: str) -> None:
    for block in blocks(text):
        read_alike(block)


@quick_settings
@given(plan_files(), st.data())
def test_reads_blocks_with_odd_and_spoiled_lines_as_the_toml_reader_does(
    text: str, data: st.DataObject
) -> None:
    lines = text.split("\n")
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(lines)))
        lines.insert(at, data.draw(odd_lines() | st.sampled_from(SPOILERS)))
    for block in blocks("\n".join(lines)):
        read_alike(block)


# ---------------------------------------------------------------- through the command


@pytest.fixture
def plan_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "plan.toml"
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("PLAN_FILE", str(path))
    return path


def toml_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts given to the TOML reader's path (``plan_text.parse_toml``) from now on."""
    seen: list[str] = []
    real = plan_text.parse_toml

    def counted(text: str, label: str) -> dict[str, Any]:
        seen.append(text)
        return real(text, label)

    monkeypatch.setattr(plan_text, "parse_toml", counted)
    return seen


ITEMS = '[[item]]\nid = "1"\ntitle = "党建"\n\n[[item]]\nid = "1.1"\ntitle = "修路"\n'


def test_done_reads_its_block_back_without_the_toml_reader(
    plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan_path.write_text(PLAN.split("\n[[item]]")[0] + "\n" + ITEMS, encoding="utf-8")
    assert runner.invoke(app, ["status"]).exit_code == 0
    seen = toml_reads(monkeypatch)
    result = runner.invoke(app, ["done", "1.1", "--on", "2023-06-30"])
    assert result.exit_code == 0, result.output
    assert "1.1" in result.output
    assert seen == []  # (read back by the block reader)
    doc = tomllib.loads(plan_path.read_text(encoding="utf-8"))
    assert doc["item"][1]["status"] == "done" and doc["item"][1]["log"][0]["action"] == "done"


def test_a_block_it_declines_is_read_back_by_the_toml_reader(
    plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A float and an escaped string in the item: its block is the TOML reader's to read."""
    items = ITEMS + 'weight = 2.5\ndetail = "第一行\\n第二行"\n'
    plan_path.write_text(PLAN.split("\n[[item]]")[0] + "\n" + items, encoding="utf-8")
    assert runner.invoke(app, ["status"]).exit_code == 0
    seen = toml_reads(monkeypatch)
    result = runner.invoke(app, ["done", "1.1", "--on", "2023-06-30"])
    assert result.exit_code == 0, result.output
    assert any("weight = 2.5" in text for text in seen), seen
    item = tomllib.loads(plan_path.read_text(encoding="utf-8"))["item"][1]
    assert (item["weight"], item["detail"], item["status"]) == (2.5, "第一行\n第二行", "done")


def test_a_block_that_would_not_read_back_is_still_refused(
    plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Were the block reader to read a block otherwise than its table, the check still sees it:
    the block as read is compared with the table, and nothing is written."""
    text = PLAN.split("\n[[item]]")[0] + "\n" + ITEMS
    plan_path.write_text(text, encoding="utf-8")
    assert runner.invoke(app, ["status"]).exit_code == 0
    real = block_toml.loads

    def misread(block: str) -> dict[str, Any] | None:
        doc = real(block)
        if doc and doc.get("item") and "status" in doc["item"][0]:
            doc["item"][0]["status"] = "doing"
        return doc

    monkeypatch.setattr(block_toml, "loads", misread)
    result = runner.invoke(app, ["done", "1.1", "--on", "2023-06-30"])
    assert result.exit_code != 0
    assert "Traceback" not in result.output and "status" in result.output, result.output
    assert plan_path.read_text(encoding="utf-8") == text
