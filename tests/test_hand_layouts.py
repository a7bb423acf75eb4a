"""Plan files laid out by hand (Notepad, WPS, VS Code) and then changed with the CLI: a change
rewrites only the lines of the items it touches, and undo gives every line back byte for byte."""

from __future__ import annotations

import datetime as dt
import difflib
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import CST, Clock
from .test_minimal_edit import run


@pytest.fixture(autouse=True)
def _changes_within_the_plans_year(clock: Clock) -> None:
    """Changes dated today inside the 2023 plans here, at its end (after every --on), so that
    none is said to be dated outside the plan's period or after today (session 25 D): nothing
    but a rewrite whole is to be said on stderr."""
    clock.now = dt.datetime(2023, 12, 31, 9, tzinfo=CST)


PLAN = """\
# 测试镇2023年工作计划
[plan]
title = "测试镇2023年工作计划"   # 计划名称
organisation = "测试镇人民政府"
year = 2023
lang = "zh"

# 一、基础设施
[[item]]
title = '基础设施'      # 部分
id = "1"

[[item]]
id = "1.1"
title = "修塘"
owner = "王五"

[[item]]
id = "1.2"
title = "安装路灯"
status = 'doing'

# 二、社会事业
[[item]]
id = "2"
title = "社会事业"
"""


def lines_lost(before: bytes, after: bytes) -> list[bytes]:
    """The lines (with their line ends) of ``before`` that ``after`` no longer has."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [
        line for tag, i, j, _, _ in matcher.get_opcodes() if tag != "equal" for line in old[i:j]
    ]


def write(path: Path, text: str) -> bytes:
    raw = text.encode("utf-8")
    path.write_bytes(raw)
    return raw


@pytest.mark.parametrize("args", [["rm", "1.1", "--yes"], ["rm", "1", "--recursive", "--yes"]])
def test_an_item_removed_and_brought_back_by_undo_keeps_the_comment_on_its_header_line(
    plan_file, args
):
    text = PLAN.replace('[[item]]\nid = "1.1"', '[[item]]   # 修塘一项\nid = "1.1"')
    raw = write(plan_file, text)
    run(plan_file, *args)
    removed = plan_file.read_bytes()
    assert "[[removed.item]]   # 修塘一项\n" in removed.decode("utf-8")
    run(plan_file, "undo")
    assert lines_lost(raw, plan_file.read_bytes()) == []


def test_a_removed_item_keeps_its_header_line_end_in_a_file_with_some_crlf_lines(plan_file):
    text = PLAN.replace("year = 2023\n", "year = 2023\r\n")  # [[item]] lines end in LF
    raw = write(plan_file, text)
    run(plan_file, "rm", "1.1", "--yes")
    run(plan_file, "undo")
    assert lines_lost(raw, plan_file.read_bytes()) == []
    assert tomllib.loads(plan_file.read_text(encoding="utf-8"))["item"][1]["id"] == "1.1"


def test_an_item_header_written_with_spaces_inside_its_brackets_comes_back_so_after_rm_and_undo(
    plan_file,
):
    raw = write(plan_file, PLAN.replace('[[item]]\nid = "1.1"', '[[ item ]]\nid = "1.1"'))
    run(plan_file, "rm", "1.1", "--yes")
    assert '\n[[ removed.item ]]\nid = "1.1"' in plan_file.read_text(encoding="utf-8")
    run(plan_file, "undo")
    assert lines_lost(raw, plan_file.read_bytes()) == []


@pytest.mark.parametrize("last_line", ['owner = "王五"', 'owner = "王五"   # 责任人'])
def test_a_field_added_to_the_last_item_of_a_file_without_a_final_line_end_goes_on_a_line_of_its_own(
    plan_file, last_line
):
    text = (
        PLAN.replace('owner = "王五"\n', "")
        .rstrip("\n")
        .replace('title = "社会事业"', f'title = "社会事业"\n{last_line}')
    )
    raw = write(plan_file, text)
    run(plan_file, "edit", "2", "--due", "2023-06-30")
    written = plan_file.read_bytes()
    assert written.startswith(raw + b"\ndue = 2023-06-30\n")
    assert tomllib.loads(written.decode("utf-8"))["item"][-1]["due"].isoformat() == "2023-06-30"
    run(plan_file, "undo")
    assert lines_lost(raw, plan_file.read_bytes()) == [f"{last_line}".encode()]
    assert plan_file.read_bytes().startswith(raw + b"\n")


def test_in_a_file_with_crlf_in_some_lines_only_undo_gives_each_line_its_own_line_end(plan_file):
    """A block pasted from Notepad (CRLF) into a file written on Linux (LF): a line a change
    writes takes the line end of the lines around it, and a string over lines keeps its own."""
    text = PLAN.replace("year = 2023\n", "year = 2023\r\n").replace(
        'owner = "王五"\n', 'detail = """\n第一行\n第二行"""\nowner = "王五"\nstatus = "done"\n'
    )
    raw = write(plan_file, text)
    for args in (["reopen", "1.1"], ["edit", "1.1", "--detail", "甲\n乙"]):
        run(plan_file, *args)
        block = plan_file.read_bytes().split(b'id = "1.1"')[1].split(b"[[item.log]]")[0]
        assert b"\r\n" not in block.rstrip(b"\r\n")
        run(plan_file, "undo")
        assert lines_lost(raw, plan_file.read_bytes()) == []


DOTTED_ITEM = PLAN.replace('owner = "王五"\n', 'owner = "王五"\ncontact.name = "王五"  # 联系人\n')
DOTTED_PLAN = PLAN.replace('lang = "zh"\n', 'lang = "zh"\nwarning.yellow = 10  # 黄灯\n')


@pytest.mark.parametrize(
    ("text", "args"),
    [
        (DOTTED_ITEM, ["edit", "1.1", "--owner", "赵六"]),
        (DOTTED_ITEM, ["note", "1.1", "进展"]),
        (DOTTED_PLAN, ["header", "--title", "新计划"]),
    ],
)
def test_a_change_to_a_table_with_a_dotted_key_it_leaves_alone_rewrites_only_its_lines(
    plan_file, text, args
):
    raw = write(plan_file, text)
    run(plan_file, *args)  # no notice of a canonical rewrite, which drops the comments
    lost = lines_lost(raw, plan_file.read_bytes())
    assert lost in (
        [],
        ['owner = "王五"\n'.encode()],
        ['title = "测试镇2023年工作计划"   # 计划名称\n'.encode()],
    )
    run(plan_file, "undo")
    assert lines_lost(raw, plan_file.read_bytes()) == []


def test_an_element_added_to_a_list_written_over_lines_leaves_the_other_elements_lines_as_written(
    plan_file,
):
    evidence = "evidence = [\n\t\"a#1.pdf\", # 验收单\n\t'b, c.pdf',\n\t# 其余待补\n]\n"
    raw = write(plan_file, PLAN.replace("status = 'doing'\n", "status = 'doing'\n" + evidence))
    run(plan_file, "done", "1.2", "--on", "2023-05-01", "--evidence", "x.pdf")
    written = plan_file.read_text(encoding="utf-8")
    assert (
        'evidence = [\n\t"a#1.pdf", # 验收单\n\t\'b, c.pdf\',\n\t"x.pdf",\n\t# 其余待补\n]\n'
        in written
    )
    assert tomllib.loads(written)["item"][2]["evidence"] == ["a#1.pdf", "b, c.pdf", "x.pdf"]
    run(plan_file, "undo")
    assert lines_lost(raw, plan_file.read_bytes()) == []


NO_FINAL_LINE_END = """\
[plan]
title = "测试镇2023年工作计划"
year = 2023

[[item]]
id = "1"
title = "基础设施"
[[item]]
id = "1.1"
title = "修塘"

[[item]]
id = "2"
title = "社会事业"

[[item]]
id = "2.1"
title = "禁毒讲座\""""


@pytest.mark.parametrize("args", [["move", "1.1", "2"], ["add", "2", "新任务"]])
def test_an_item_placed_after_the_last_line_of_a_file_without_a_final_line_end_starts_a_line_of_its_own(
    plan_file, args
):
    raw = write(plan_file, NO_FINAL_LINE_END)
    run(plan_file, *args)
    written = plan_file.read_text(encoding="utf-8")
    assert 'title = "禁毒讲座"\n' in written  # not 'title = "禁毒讲座"[[item]]'
    assert [t["id"] for t in tomllib.loads(written)["item"]][-1] in ("1.1", "2.2")
    run(plan_file, "undo")
    lost = lines_lost(raw, plan_file.read_bytes())
    assert lost == ['title = "禁毒讲座"'.encode()]  # the last line, which now has its line end


def test_a_part_moved_takes_its_tasks_blocks_with_it_and_undo_puts_it_back_above_them(plan_file):
    """Found by the model-based walk (tests/stateful_changes.py): moving a part left its tasks'
    blocks where they were, and undo then put the part's block after its own tasks (修塘 above
    基础设施), so the file no longer read as it was written."""
    raw = write(plan_file, PLAN)
    result = CliRunner().invoke(app, ["--file", str(plan_file), "move", "1", "2"])
    assert result.exit_code == 0, result.output
    # 社会事业 had no tasks: the one notice is that it becomes a goal (no rewrite whole).
    assert result.stderr.count("\n") == 1 and "2 社会事业 原是任务" in result.stderr
    moved = plan_file.read_text(encoding="utf-8")
    order = [moved.index(f'id = "{i}"') for i in ("2", "1", "1.1", "1.2")]
    assert order == sorted(order), moved  # the part, then its tasks, after 社会事业
    assert tomllib.loads(moved)["item"][1]["parent"] == "2"
    run(plan_file, "undo")
    assert lines_lost(raw, plan_file.read_bytes()) == []
    undone = plan_file.read_text(encoding="utf-8")
    assert undone.index('id = "1"') < undone.index('id = "1.1"') < undone.index('id = "2"')


def test_undo_gives_back_a_literal_quoted_value_after_one_that_could_not_be_literal(plan_file):
    raw = write(plan_file, PLAN.replace('owner = "王五"', "owner = '王五'   # 责任人"))
    run(plan_file, "edit", "1.1", "--owner", "O'Brien")
    run(plan_file, "undo")
    assert lines_lost(raw, plan_file.read_bytes()) == []
