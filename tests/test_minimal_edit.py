"""A change rewrites only what it changed: a plan file written by hand keeps its comments, blank
lines, key order, quoting, multi-line strings, BOM and CRLF line ends, and undo gives every field's
line back as it was written."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan import store
from quanhu_plan.cli import app
from quanhu_plan.patch import patch, value_like
from quanhu_plan.store.plan_file import copy_tables

from .conftest import CST, Clock

HAND_WRITTEN = """\
# 测试镇2023年工作计划 —— 党政办手工整理，请勿删除本行
[plan]
title = "测试镇2023年工作计划"   # 计划名称
organisation = "测试镇人民政府"
year = 2023
lang = "zh"


# ================= 一、基础设施 =================
[[item]]
title = '基础设施'      # 部分
id = "1"

[[item]]
id = "1.1"
title = "修塘"
detail = \"\"\"
修缮山塘40处，
含清淤（[x] 已立项）。\"\"\"
measure = '处'
target = 40    # 县里下达
owner = "王五"

# 路灯：财政所配合
[[item]]
progress = 30 # 三成
id = "1.2"
title = "安装路灯"
status = 'doing'
lead_unit = "规划办"
custom_note = '手写的字段'

[[item]]
id = "1.3"
title = "修机耕道"
due = 2023-03-31

[[item]]
id = "1.4"
title = "清淤"
status = "done"
done_on = 2023-04-01

# ================= 二、社会事业 =================
[[item]]
id = "2"
title = "社会事业"

[[item]]
id = "2.1"
title = "禁毒讲座"
owner = '李四'   # 综治办
# 文件到此为止
"""

# (command, the item it changes)
CHANGES = [
    (["done", "1.2", "--on", "2023-05-01", "--evidence", "验收单.pdf"], "1.2"),
    (["start", "1.3", "--on", "2023-02-01"], "1.3"),
    (["block", "1.2", "--reason", "缺资金"], "1.2"),
    (["drop", "2.1", "--reason", "并入其他工作"], "2.1"),
    (["progress", "1.2", "55"], "1.2"),
    (["record", "1.1", "25"], "1.1"),
    (["note", "1.1", "完成清淤"], "1.1"),
    (["edit", "1.1", "--owner", "赵六", "--target", "45"], "1.1"),
    (["edit", "2.1", "--title", "禁毒宣传讲座"], "2.1"),
    # A string written over lines stays over lines, and undo gives its lines back.
    (["edit", "1.1", "--detail", "修缮山塘45处，\n全部清淤。"], "1.1"),
    (["edit", "1.1", "--detail", "一行"], "1.1"),
    # Fields a change removes come back on undo where the canonical order puts them: here, where
    # they were (a file in another order gets them back among the same fields, in that order).
    (["reopen", "1.4"], "1.4"),
]


@pytest.fixture(autouse=True)
def _changes_within_the_plans_year(clock: Clock) -> None:
    """Changes dated today inside the 2023 plans here, at its end (after every --on), so that
    none is said to be dated outside the plan's period or after today (session 25 D): nothing
    but a rewrite whole is to be said on stderr."""
    clock.now = dt.datetime(2023, 12, 31, 9, tzinfo=CST)


def run(path: Path, *args: str) -> str:
    result = CliRunner().invoke(app, ["--file", str(path), *args])
    assert result.exit_code == 0, result.output
    assert result.stderr == "", result.stderr  # no notice: nothing was rewritten whole
    return result.stdout


def diff(before: str, after: str) -> tuple[list[str], list[str]]:
    """(lines removed, lines added)."""
    removed, added = [], []
    for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm=""):
        if line.startswith("-") and not line.startswith("---"):
            removed.append(line[1:])
        elif line.startswith("+") and not line.startswith("+++"):
            added.append(line[1:])
    return removed, added


def block_lines(text: str, item_id: str) -> list[str]:
    """The lines of an item's block: from its [[item]] header to the next [[item]] or top
    table (its log entries included)."""
    lines = text.splitlines()
    starts = [n for n, line in enumerate(lines) if line.startswith("[[item]]")]
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        if any(line.startswith("id = ") and f'"{item_id}"' in line for line in lines[start:end]):
            return lines[start:end]
    raise AssertionError(f"no block for {item_id}")


def trace_lines(text: str) -> set[str]:
    """Lines that belong to the trace: inside [[item.log]] and [[removed...]] blocks."""
    out, inside = set(), False
    for line in text.splitlines():
        if line.startswith("[["):
            inside = line.startswith(("[[item.log]]", "[[plan.log]]", "[[removed"))
        elif line.startswith("["):
            inside = False
        if inside:
            out.add(line)
    return out


@pytest.fixture
def hand(plan_file: Path) -> Path:
    plan_file.write_text(HAND_WRITTEN, encoding="utf-8")
    return plan_file


@pytest.mark.parametrize(("args", "item_id"), CHANGES, ids=[c[0][0] + c[1] for c in CHANGES])
def test_a_change_rewrites_only_its_items_lines_and_undo_puts_them_back(hand, args, item_id):
    run(hand, *args)
    changed = hand.read_text(encoding="utf-8")
    removed, added = diff(HAND_WRITTEN, changed)
    mine = block_lines(changed, item_id)
    original_block = block_lines(HAND_WRITTEN, item_id)
    assert all(line in original_block for line in removed), removed
    assert all(line in mine or not line.strip() for line in added), added
    assert any(line == "[[item.log]]" for line in added)
    # Comments, quoting and the multi-line string elsewhere are untouched.
    for kept in (
        "# 文件到此为止",
        "# 路灯：财政所配合",
        'title = "测试镇2023年工作计划"   # 计划名称',
    ):
        assert kept in changed
    assert tomllib.loads(changed)  # still TOML

    run(hand, "undo")
    undone = hand.read_text(encoding="utf-8")
    removed, added = diff(HAND_WRITTEN, undone)
    assert removed == []  # every line written by hand is back, as it was written
    trace = trace_lines(undone)
    assert all(line in trace or not line.strip() for line in added), added


def test_a_field_removed_and_put_back_by_undo_comes_back_in_its_quotes(hand):
    """A removed field's line goes with the comment after it; undo puts the value back in the
    quotes it was written in (its log entry's ``before`` keeps them) but cannot know the
    comment."""
    run(hand, "edit", "2.1", "--owner", "")
    assert "李四" not in "\n".join(block_lines(hand.read_text(encoding="utf-8"), "2.1")[:4])
    assert "before = { owner = '李四' }" in hand.read_text(encoding="utf-8")
    run(hand, "undo")
    removed, added = diff(HAND_WRITTEN, hand.read_text(encoding="utf-8"))
    assert removed == ["owner = '李四'   # 综治办"]
    assert "owner = '李四'" in added


def test_a_string_written_over_lines_stays_so_in_its_quotes_and_line_ends(plan_file):
    written = HAND_WRITTEN.replace('detail = """\n', "detail = '''").replace('。"""', "。'''")
    assert "detail = '''修缮山塘40处，\n含清淤（[x] 已立项）。'''\n" in written
    plan_file.write_bytes(written.replace("\n", "\r\n").encode("utf-8"))
    run(plan_file, "edit", "1.1", "--detail", "第一行\n第二行 'x' 完")
    raw = plan_file.read_bytes().decode("utf-8")
    assert "detail = '''第一行\r\n第二行 'x' 完'''\r\n" in raw
    run(plan_file, "undo")
    removed, _ = diff(written, plan_file.read_bytes().decode("utf-8").replace("\r\n", "\n"))
    assert removed == []
    # A quote next to the closing ones cannot stand in literal quotes: basic ones, escaped.
    run(plan_file, "edit", "1.1", "--detail", "说明\"\\\n引号'")
    raw = plan_file.read_bytes().decode("utf-8")
    assert 'detail = """说明"\\\\\r\n引号\'"""\r\n' in raw
    assert store.load(store.PlanSource(plan_file)).find("1.1").get("detail") == "说明\"\\\n引号'"


def test_a_changed_value_keeps_its_quotes_and_the_comment_after_it(hand):
    run(hand, "progress", "1.2", "60")
    text = hand.read_text(encoding="utf-8")
    assert "progress = 60 # 三成" in text
    run(hand, "done", "1.2", "--on", "2023-06-01")
    text = hand.read_text(encoding="utf-8")
    assert "status = 'done'" in text
    assert "target = 40    # 县里下达" in text


def test_move_and_its_undo_keep_the_block_with_its_comment(hand):
    run(hand, "move", "1.2", "2")
    moved = hand.read_text(encoding="utf-8")
    lines = moved.splitlines()
    # The block goes last under its new parent, with the comment above it.
    assert lines.index("# 路灯：财政所配合") > lines.index('title = "禁毒讲座"')
    assert 'parent = "2"' in block_lines(moved, "1.2")
    removed, _ = diff(HAND_WRITTEN, moved)
    assert set(removed) <= set(block_lines(HAND_WRITTEN, "1.2")) | {"# 路灯：财政所配合", ""}
    run(hand, "undo")
    removed, added = diff(HAND_WRITTEN, hand.read_text(encoding="utf-8"))
    assert removed == []
    assert all(
        line in trace_lines(hand.read_text(encoding="utf-8")) or not line.strip() for line in added
    )


def test_rm_keeps_the_items_text_in_the_archive_and_undo_brings_it_back(hand):
    run(hand, "rm", "1.1", "--yes")
    removed_text = hand.read_text(encoding="utf-8")
    assert "[[removed.item]]" in removed_text
    assert 'detail = """\n修缮山塘40处，' in removed_text  # the multi-line string as written
    assert "target = 40    # 县里下达" in removed_text
    assert "[[removed.item]]" not in HAND_WRITTEN
    run(hand, "undo")
    removed, _ = diff(HAND_WRITTEN, hand.read_text(encoding="utf-8"))
    assert removed == []


def test_add_writes_a_canonical_block_under_its_parent(hand):
    run(hand, "add", "1", "清理垃圾", "--owner", "张三")
    text = hand.read_text(encoding="utf-8")
    removed, added = diff(HAND_WRITTEN, text)
    assert removed == []
    assert '[[item]]\nid = "1.5"\ntitle = "清理垃圾"\nowner = "张三"' in text
    lines = text.splitlines()
    assert lines.index('id = "1.5"') < lines.index(
        "# ================= 二、社会事业 ================="
    )


def test_bom_and_crlf_are_kept(plan_file):
    plan_file.write_bytes(b"\xef\xbb\xbf" + HAND_WRITTEN.replace("\n", "\r\n").encode("utf-8"))
    run(plan_file, "done", "1.2", "--on", "2023-06-01")
    run(plan_file, "note", "1.1", "进展", "--on", "2023-06-02")
    raw = plan_file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\n" not in raw.replace(b"\r\n", b"")  # every line end is still CRLF
    assert store.load(store.PlanSource(plan_file)).find("1.2").status == "done"
    run(plan_file, "undo")
    run(plan_file, "undo")
    text = plan_file.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    removed, _ = diff(HAND_WRITTEN, text)
    assert removed == []


def _byte_lines_gone(before: bytes, after: bytes) -> list[bytes]:
    """The lines of ``before`` (each with its line end) not in ``after`` in their order."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    opcodes = matcher.get_opcodes()
    return [
        line for tag, i, j, _, _ in opcodes if tag in ("replace", "delete") for line in old[i:j]
    ]


STRUCTURAL = [
    (["move", "1.3", "2"], "1.3"),
    (["rm", "1.3", "--yes"], "1.3"),
    (["add", "2", "新任务", "--owner", "孙七"], "2.2"),
    (["header", "--title", "测试镇2023年工作计划（修订）"], ""),
]


@pytest.mark.parametrize(
    ("args", "item_id"), CHANGES + STRUCTURAL, ids=[c[0][0] + c[1] for c in CHANGES + STRUCTURAL]
)
@pytest.mark.parametrize("warm", [False, True], ids=["cold", "warm"])
def test_in_a_file_with_a_bom_and_crlf_a_change_and_its_undo_keep_every_byte_of_every_line(
    plan_file, args, item_id, warm
):
    """The hand-written file with a BOM and CRLF line ends: after each change, only its item's
    lines (or the header's) and the new trace differ, every line still ends in CRLF; after
    undo, every line written by hand is back byte for byte, line end included. With the parse
    cache cold and warm."""
    raw = b"\xef\xbb\xbf" + HAND_WRITTEN.replace("\n", "\r\n").encode("utf-8")
    plan_file.write_bytes(raw)
    if warm:  # (the plan in the parse cache before the change)
        run(plan_file, "status")
    run(plan_file, *args)
    changed = plan_file.read_bytes()
    assert changed.startswith(b"\xef\xbb\xbf") and b"\n" not in changed.replace(b"\r\n", b"")
    gone = _byte_lines_gone(raw, changed)
    if args[0] == "add":  # a new block: nothing written by hand goes
        assert gone == []
    elif item_id and args[0] not in ("move", "rm"):
        block = {line + "\r\n" for line in block_lines(raw.decode("utf-8-sig"), item_id)}
        assert all(line.decode("utf-8") in block for line in gone), gone
    elif not item_id:
        assert [line.decode("utf-8") for line in gone] == [
            'title = "测试镇2023年工作计划"   # 计划名称\r\n'
        ]
    assert tomllib.loads(changed.decode("utf-8-sig"))
    run(plan_file, "undo")
    undone = plan_file.read_bytes()
    assert undone.startswith(b"\xef\xbb\xbf") and b"\n" not in undone.replace(b"\r\n", b"")
    assert _byte_lines_gone(raw, undone) == []  # every hand-written line back, as written
    trace = trace_lines(undone.decode("utf-8-sig").replace("\r\n", "\n"))
    added = _byte_lines_gone(undone, raw)
    assert all(
        line.decode("utf-8").rstrip("\r\n") in trace or not line.strip() for line in added
    ), added


@pytest.mark.parametrize("quote", ["'''", '"""'])
def test_a_multi_line_string_whose_line_starts_with_a_bracket_is_not_a_header(plan_file, quote):
    # With no double-quoted one in the file, a literal (\'\'\') string is what says that a line
    # starting with [ may be inside a string: the search for it must not miss it.
    written = HAND_WRITTEN.replace('"""', "'''") if quote == "'''" else HAND_WRITTEN
    written = written.replace("含清淤（[x] 已立项）。", "[[item]]\n[x] 已立项")
    assert ('"""' in written) == (quote == '"""')
    plan_file.write_text(written, encoding="utf-8")
    run(plan_file, "note", "1.2", "进展", "--on", "2023-06-02")
    text = plan_file.read_text(encoding="utf-8")
    removed, added = diff(written, text)
    assert removed == [] and "[[item.log]]" in added
    assert set(added) <= set(block_lines(text, "1.2"))
    assert (
        store.load(store.PlanSource(plan_file))
        .find("1.1")
        .get("detail")
        .endswith("[[item]]\n[x] 已立项")
    )


def test_a_change_to_a_canonical_file_is_a_small_diff(plan_file):
    original = (Path(__file__).resolve().parent.parent / "plan.toml").read_text(encoding="utf-8")
    plan_file.write_text(original, encoding="utf-8")
    run(plan_file, "progress", "2.2.1", "40")
    removed, added = diff(original, plan_file.read_text(encoding="utf-8"))
    assert removed == []
    assert added[:2] == ['status = "doing"', "progress = 40"]
    assert len(added) <= 12


# ---------------------------------------------------------------- the pure pieces


@pytest.mark.parametrize(
    ("value", "written", "expected"),
    [
        ("done", "'doing'", "'done'"),
        ("it's", "'doing'", '"it\'s"'),
        ("done", '"doing"', '"done"'),
        ("两行\n文字", "'x'", '"两行\\n文字"'),
        (50, "30", "50"),
    ],
)
def test_a_value_keeps_literal_quotes_where_it_can(value, written, expected):
    assert value_like(value, written) == expected


def test_patch_declines_a_layout_it_cannot_follow_and_the_text_is_written_canonically():
    text = 'title = "keys before any table"\n[plan]\nyear = 2023\n'
    doc = tomllib.loads(text)
    new = copy_tables(doc)
    new["plan"]["year"] = 2024
    assert patch(text, doc, new) is None


def test_every_block_patch_writes_is_listed_for_checking():
    doc = tomllib.loads(HAND_WRITTEN)
    new = copy_tables(doc)
    new["item"][2]["progress"] = 80
    edit = patch(HAND_WRITTEN, doc, new)
    assert edit is not None
    assert [tomllib.loads(block) for block, _ in edit.checks] == [{"item": [new["item"][2]]}]
    assert tomllib.loads(edit.text) == new
    assert re.search(r"^progress = 80 # 三成$", edit.text, re.M)


LISTED = """\
[plan]
title = "测试镇2023年工作计划"
year = 2023

[[item]]
id = "1"
title = "产业"
support_units = [
  "农业股",  # 主要
  "水利站",
  "林业站",  # 新增
]
"""


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_list_written_over_lines_stays_so_with_each_comment_by_its_element(plan_file, newline):
    plan_file.write_bytes(LISTED.replace("\n", newline).encode("utf-8"))
    run(plan_file, "edit", "1", "--support", "林业站", "--support", "农业股", "--support", "文化站")
    text = plan_file.read_bytes().decode("utf-8")
    assert (
        'support_units = [\n  "林业站",  # 新增\n  "农业股",  # 主要\n  "文化站",\n]\n'.replace(
            "\n", newline
        )
        in text
    )
    assert tomllib.loads(text)["item"][0]["support_units"] == ["林业站", "农业股", "文化站"]
    run(plan_file, "undo")
    removed, _ = diff(LISTED, plan_file.read_bytes().decode("utf-8").replace("\r\n", "\n"))
    assert removed == []  # undo gives the list back as it was written, comments and all


def test_a_removed_elements_comment_stays_on_a_line_of_its_own(plan_file):
    plan_file.write_text(LISTED, encoding="utf-8")
    run(plan_file, "edit", "1", "--support", "水利站")
    text = plan_file.read_text(encoding="utf-8")
    assert 'support_units = [\n  "水利站",\n  # 主要\n  # 新增\n]\n' in text
    assert tomllib.loads(text)["item"][0]["support_units"] == ["水利站"]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_comment_above_the_plan_holding_a_unicode_line_separator_is_kept(plan_file, newline):
    # U+2028 (pasted from Word) is not a line end in TOML: the comment is one line, not a
    # comment line and a line of keys before the first table (which made the change rewrite
    # the file whole, every comment in it lost).
    written = f"# 党政办整理\u2028 请勿删除{newline}" + LISTED.replace("\n", newline)
    plan_file.write_bytes(written.encode("utf-8"))
    run(plan_file, "note", "1", "进展", "--on", "2023-06-02")
    text = plan_file.read_bytes().decode("utf-8")
    assert text.startswith(f"# 党政办整理\u2028 请勿删除{newline}[plan]{newline}")
    assert f'  "农业股",  # 主要{newline}' in text
    removed, _ = diff(written.replace(newline, "\n"), text.replace(newline, "\n"))
    assert removed == []


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_an_elements_comment_holding_a_unicode_line_separator_is_kept_whole(plan_file, newline):
    written = LISTED.replace("# 主要", "# 主要\u2028 牵头").replace("\n", newline)
    plan_file.write_bytes(written.encode("utf-8"))
    run(plan_file, "edit", "1", "--support", "林业站", "--support", "农业股", "--support", "文化站")
    text = plan_file.read_bytes().decode("utf-8")
    assert f'  "农业股",  # 主要\u2028 牵头{newline}' in text
    assert tomllib.loads(text)["item"][0]["support_units"] == ["林业站", "农业股", "文化站"]


@settings(max_examples=300, deadline=None)
@given(
    value=st.text(alphabet=st.characters(codec="utf-8"), max_size=30),
    written=st.sampled_from(['"""\nx"""', '"""x"""', "'''\nx'''", "'''x'''", "'''\r\nx'''"]),
)
def test_a_string_replacing_one_written_over_lines_reads_back_as_itself(value, written):
    text = value_like(value, written)
    assert tomllib.loads(f"v = {text}")["v"] == value
    assert text.startswith(('"""', "'''"))  # still over lines, not one line of escapes
