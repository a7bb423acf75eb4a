"""Session 18 attacks: hostile plan files, text and arguments where earlier attacks did not go.

Each test shows one defect found, through the command a user runs: what it printed, its exit
code and what is on disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

BASE = """\
[plan]
title = "测试镇2023年工作计划"
organisation = "测试镇人民政府"
year = 2023
start = 2023-01-01
end = 2023-12-31
lang = "zh"

[[item]]
id = "1"
title = "第一部分"

[[item]]
id = "1.1"
title = "修路"
owner = "张三"
measure = "公里"
target = 10
actual = 3

[[item]]
id = "1.2"
title = "建桥"
progress = 40
"""


def _refused(runner: CliRunner, plan_file: Path, text: str, lang: str = "zh") -> str:
    """The error a change gives on ``text`` (exit 1, the file as it was), with no traceback."""
    plan_file.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["--lang", lang, "note", "1.1", "进展"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert plan_file.read_text(encoding="utf-8") == text
    return result.output


# ---------------------------------------------------------------- TOML errors said plainly
# A log or milestone list written inline (as `plan fmt` writes it) and then one more entry
# added by hand as a [[item.log]] block: tomllib says "Cannot mutate immutable namespace
# ('item', 'log')" — English jargon with a Python tuple in the Chinese message.


@pytest.mark.parametrize("field", ["log", "milestone"])
def test_an_inline_list_then_a_block_of_it_is_said_plainly(
    runner: CliRunner, plan_file: Path, field: str
) -> None:
    entry = 'on = 2023-02-01\nnote = "b"' if field == "log" else 'due = "2023-Q3"\nprogress = 80'
    inline = (
        '[{ on = 2023-01-02, note = "a" }]'
        if field == "log"
        else '[{ due = "2023-Q2", progress = 50 }]'
    )
    text = BASE.replace("progress = 40", f"progress = 40\n{field} = {inline}")
    text += f"\n[[item.{field}]]\n{entry}\n"
    zh = _refused(runner, plan_file, text)
    assert "immutable" not in zh and "('item'" not in zh, zh
    assert f"item.{field}" in zh and "第 27 行" in zh, zh  # the line of the [[item.x]] header
    en = _refused(runner, plan_file, text, "en")
    assert "immutable namespace" not in en and "('item'" not in en, en
    assert f"item.{field}" in en, en


def test_a_table_declared_twice_is_named_as_toml_writes_it(
    runner: CliRunner, plan_file: Path
) -> None:
    text = BASE.replace('lang = "zh"', 'lang = "zh"\nwarning = { yellow = 10 }\n[plan.warning]')
    zh = _refused(runner, plan_file, text)
    assert "('plan'" not in zh and "plan.warning" in zh, zh
    en = _refused(runner, plan_file, text, "en")
    assert "('plan'" not in en and "plan.warning" in en, en


# A quote left open: TOML stops at the line's end ("Illegal character '\n'") — the message
# blamed an invisible disallowed character. A single quote with no other one after it in the
# whole file was placed at the end of the file, in another item.


@pytest.mark.parametrize(
    "line", ['owner = "张三', "owner = '张三"], ids=["double", "single_with_later_quote"]
)
def test_a_quote_left_open_is_said_to_be_open(
    runner: CliRunner, plan_file: Path, line: str
) -> None:
    text = BASE.replace('owner = "张三"', line).replace('title = "建桥"', "title = '建桥'")
    zh = _refused(runner, plan_file, text)
    assert "不允许出现的字符" not in zh and "引号没有结束" in zh, zh
    assert "第 16 行" in zh and "事项 1.1" in zh, zh
    en = _refused(runner, plan_file, text, "en")
    assert "Illegal character" not in en and "invalid character" not in en, en
    assert "line 16" in en and "item 1.1" in en, en


@pytest.mark.parametrize(
    ("opened", "rest"),
    [("owner = '张三", ""), ("detail = '''张三", ""), ('detail = """张三', "")],
    ids=["single", "multi_line_literal", "multi_line_basic"],
)
def test_a_quote_never_closed_is_placed_where_it_opens(
    runner: CliRunner, plan_file: Path, opened: str, rest: str
) -> None:
    text = BASE.replace('owner = "张三"', opened + rest)
    zh = _refused(runner, plan_file, text)
    assert "第 16 行" in zh and "事项 1.1" in zh and "引号没有结束" in zh, zh
    assert "Expected" not in zh, zh
    en = _refused(runner, plan_file, text, "en")
    assert "line 16" in en and "item 1.1" in en, en
