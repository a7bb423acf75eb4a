"""Undo gives a field's line back in its own spelling (``patch_values``) on odd spellings an
adversarial review of it tried: one-line triple-quoted strings holding their own quote, in an
item and in [plan] (CRLF, BOM), lists in 'literal' quotes; a field written over lines that a
change removed comes back on one line (docs/format.md says so)."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from unittest import mock

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

PLAN = (
    '[plan]\ntitle = "t"\nyear = 2023\n\n[[item]]\nid = "1"\ntitle = "部"\n\n'
    '[[item]]\nid = "1.1"\n{title}\n{field}\nstatus = "doing"\n'
    '\n[[item]]\nid = "1.2"\ntitle = "灯"\nprogress = 30\n'
)


def _text(title: str = "title = '修塘'", field: str = "owner = '王五'") -> str:
    return PLAN.replace("{title}", title).replace("{field}", field)


def _run(plan_file: Path, cache: str, *args: str) -> tuple[int, str]:
    with mock.patch.dict(os.environ, {"QUANHU_PLAN_CACHE": cache}):
        result = CliRunner().invoke(app, ["--file", str(plan_file), *args])
    return result.exit_code, result.output


def _written(tmp_path: Path, text: str, warm: bool) -> tuple[Path, str]:
    """The plan file holding ``text``, and the cache to run with: on and filled (``warm``),
    else off."""
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(text, encoding="utf-8")
    cache = str(tmp_path / "cache") if warm else "off"
    if warm:
        assert _run(plan_file, cache, "status")[0] == 0
    return plan_file, cache


def _read(plan_file: Path) -> dict:
    return tomllib.loads(plan_file.read_bytes().decode("utf-8-sig"))


@pytest.mark.parametrize("warm", [False, True], ids=["cold", "warm"])
@pytest.mark.parametrize(
    "title",
    ["title = '''修'塘'''", 'title = """修"塘"""'],
    ids=["literal-triple", "basic-triple"],
)
def test_undo_of_two_fields_after_a_one_line_triple_quoted_value(tmp_path, title, warm):
    """A one-line ''' or \"\"\" string holding its own quote (the way to write 修'塘 in
    literal quotes) goes into ``before`` as written; ``inline_values`` once took the triple
    quotes for single ones and ``spells`` a value with another key after it, and undo was
    refused."""
    text = _text(title)
    plan_file, cache = _written(tmp_path, text, warm)
    code, output = _run(plan_file, cache, "edit", "1.1", "--title", "B", "--owner", "A")
    assert code == 0, output
    code, output = _run(plan_file, cache, "undo")
    assert code == 0, output
    item = _read(plan_file)["item"][1]
    assert (item["title"], item["owner"]) == (title.split(" = ")[1][3:-3], "王五")
    lines = plan_file.read_text(encoding="utf-8").splitlines()
    assert all(line in lines for line in text.splitlines())  # every line back as written


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("'''修'塘''', owner = '王五'", "修'塘"),
        ('"""修"塘""", owner = "王五"', '修"塘'),
        ("30, y = 1", 30),
    ],
)
def test_spells_is_one_value_with_nothing_after_it(text, value):
    """``spells`` says yes to one value with nothing after it only (inside ``{ x = … }`` the
    text after a comma would read as another key of the braces)."""
    from quanhu_plan.patch_values import spells

    assert not spells(text, value)


@pytest.mark.parametrize("warm", [False, True], ids=["cold", "warm"])
def test_a_triple_quoted_spelling_comes_back_when_the_new_value_cannot_be_so_quoted(tmp_path, warm):
    """``before = { title = '''修'塘''', owner = '王五' }`` gives the title's spelling back
    after a change that made the line basic ("x'''y" cannot go in ''')."""
    title = "title = '''修'塘'''"
    plan_file, cache = _written(tmp_path, _text(title), warm)
    code, output = _run(plan_file, cache, "edit", "1.1", "--title", "x'''y", "--owner", "A")
    assert code == 0, output
    assert "before = { title = '''修'塘''', owner = '王五' }" in plan_file.read_text("utf-8")
    code, output = _run(plan_file, cache, "undo")
    assert code == 0, output
    lines = plan_file.read_text(encoding="utf-8").splitlines()
    assert title in lines and "owner = '王五'" in lines


def test_inline_values_reads_triple_quoted_strings():
    from quanhu_plan.patch_values import inline_values

    assert inline_values("{ title = '''修'塘''', owner = '王五' }") == {
        "title": "'''修'塘'''",
        "owner": "'王五'",
    }
    assert inline_values('{ title = """a"b""", owner = "c, d" }') == {
        "title": '"""a"b"""',
        "owner": '"c, d"',
    }


@pytest.mark.parametrize(
    ("field", "change"),
    [
        ("evidence = ['甲', '乙']", ["edit", "1.1", "--evidence", "丙"]),
        ("support_units = ['甲', '乙']", ["edit", "1.1", "--support", "丙"]),
        ("support_units = ['甲', '乙']  # 配合", ["edit", "1.1", "--support", ""]),
    ],
    ids=["list-in-place", "support-in-place", "list-removed"],
)
def test_a_list_on_one_line_comes_back_in_its_quotes(tmp_path, field, change):
    text = _text(field=field)
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(text, encoding="utf-8")
    assert _run(plan_file, "off", *change)[0] == 0
    code, output = _run(plan_file, "off", "undo")
    assert code == 0, output
    block = plan_file.read_text(encoding="utf-8").split("[[item.log]]")[0]
    assert field.split("  #")[0] in block.splitlines()[-3:] or field in block, block


def test_a_string_over_lines_a_change_removed_comes_back_over_lines(tmp_path):
    """As docs/format.md says: a removed field comes back in its spelling, a value written
    over lines over lines (the trace's ``before`` keeps them: s39E; it came back on one line
    when ``before`` held one-line spellings only)."""
    text = _text(field='detail = """\n甲\n乙"""')
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(text, encoding="utf-8")
    assert _run(plan_file, "off", "edit", "1.1", "--detail", "")[0] == 0
    assert _run(plan_file, "off", "undo")[0] == 0
    block = plan_file.read_text(encoding="utf-8").split("[[item.log]]")[0]
    assert 'detail = """\n甲\n乙"""\n' in block
    assert _read(plan_file)["item"][1]["detail"] == "甲\n乙"


HEADER = (
    "\ufeff[plan]\r\ntitle = '''t'x''' # 名\r\norganisation = \"\"\"镇\"府\"\"\"\r\n"
    'year = 2_023\r\nlang = \'zh\'\r\n\r\n[[item]]\r\nid = "1"\r\ntitle = "部"\r\n\r\n'
    '[[item]]\r\nid = "1.1"\r\ntitle = \'修塘\'\r\nstatus = "doing"\r\n'
)


@pytest.mark.parametrize("warm", [False, True], ids=["cold", "warm"])
@pytest.mark.parametrize(
    "change",
    [
        ["header", "--title", "a", "--organisation", "b", "--language", "en"],
        ["header", "--year", "2024", "--title", "z"],
    ],
    ids=["title-organisation-lang", "year-title"],
)
def test_header_undo_after_a_one_line_triple_quoted_title(tmp_path, change, warm):
    """The same in [plan] (CRLF, BOM): the spellings in ``before`` were once taken apart
    wrong, and undo was refused ("line 2, column 18 is not valid TOML")."""
    plan_file = tmp_path / "plan.toml"
    plan_file.write_bytes(HEADER.encode("utf-8"))
    cache = str(tmp_path / "cache") if warm else "off"
    if warm:
        assert _run(plan_file, cache, "status")[0] == 0
    assert _run(plan_file, cache, *change)[0] == 0
    code, output = _run(plan_file, cache, "undo")
    assert code == 0, output
    lines = plan_file.read_bytes().decode("utf-8-sig").split("\r\n")
    assert all(line in lines for line in HEADER.lstrip("\ufeff").split("\r\n"))
