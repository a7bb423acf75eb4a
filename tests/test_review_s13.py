"""Adversarial review of session 13's fixes: each test is a defect the review found."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from .conftest import SMALL_ITEMS, write_plan
from .test_change import invoke, item, ok


def test_undo_does_not_take_a_colleagues_logged_change_for_a_hand_revert(runner, small_plan):
    """alice sets the owner of 2.2 to 王五, bob sets it back to 李四 with a command. alice's undo
    must not mark her change undone as "set back in the file": bob's undo would then give 王五,
    with both changes undone (the plan said 李四 before either). Refused, as before the
    hand-revert fix: bob's change stands on the field."""
    ok(runner, "edit", "2.2", "--owner", "李四", "--by", "clerk")
    ok(runner, "edit", "2.2", "--owner", "王五", "--by", "alice")
    ok(runner, "edit", "2.2", "--owner", "李四", "--by", "bob")
    result = invoke(runner, "undo", "--by", "alice")
    assert "已经是修改前的值" not in result.output
    assert result.exit_code == 1, result.output
    ok(runner, "undo", "--by", "bob")
    ok(runner, "undo", "--by", "alice")
    assert item(small_plan, "2.2")["owner"] == "李四"


ZERO_TARGET_ITEMS: list[dict[str, Any]] = [
    {"id": "1", "title": "安全生产"},
    {"id": "1.1", "title": "实现0火情", "measure": "起", "target": 0},
    {"id": "1.2", "title": "零事故", "measure": "起", "target": 0, "direction": "down"},
]


@pytest.mark.parametrize("task", ["1.1", "1.2"])
def test_a_zero_target_is_a_limit_held_all_year_with_or_without_a_direction(
    runner, plan_file, task
):
    """A target of 0 with no direction is less-is-better now, as direction = "down" is: 0 fires
    recorded in March is no reason to tick the task off (reaches_target: a limit held all
    year). It asked, and with --yes ticked 实现0火情 off in March, while 零事故 with its
    direction stated stayed open."""
    write_plan(plan_file, ZERO_TARGET_ITEMS)
    result = ok(runner, "record", task, "0", "--on", "2023-03-10", "--yes")
    assert item(plan_file, task)["status"] == "doing", result.output
    assert "done_on" not in item(plan_file, task)


def test_a_change_dated_ahead_and_undone_leaves_the_heading_as_of_today(runner, plan_file):
    """plan progress --on a day ahead (a slip, warned), then plan undo: the plan as it is now is
    the plan as of today again (an undone entry counts on no day), so status and show are
    headed 截至 today, not 现状（记录至 that day…） for ever."""
    today = dt.date.today()
    write_plan(
        plan_file,
        SMALL_ITEMS,
        title=f"测试镇{today.year}年工作计划",
        year=today.year,
        start=dt.date(today.year, 1, 1),
        end=dt.date(today.year, 12, 31),
    )
    ahead = (today + dt.timedelta(days=5)).isoformat()
    ok(runner, "progress", "2.3", "90", "--on", ahead)
    assert f"记录至 {ahead}" in ok(runner, "status").stdout
    ok(runner, "undo")
    for command in (["status"], ["show", "2.3"], ["list"]):
        shown = ok(runner, *command).stdout
        assert "记录至" not in shown and f"截至 {today.isoformat()}" in shown, shown


def _small_plan_text(plan_file: Path) -> str:
    write_plan(plan_file, SMALL_ITEMS)
    return plan_file.read_text(encoding="utf-8")


def test_a_stray_cr_in_a_line_is_not_called_a_file_of_lone_cr_line_ends(runner, plan_file):
    """One CR inside a title of an LF file (pasted text): the file's lines end as they should,
    so the message is not "this file ends its lines with a lone CR … the whole file reads as one
    line" (VS Code shows LF, and converting line ends cuts the title in two); the CR is named as
    the invisible character it is."""
    text = _small_plan_text(plan_file).replace('title = "禁毒讲座"', 'title = "禁毒\r讲座"')
    plan_file.write_bytes(text.encode("utf-8"))
    result = invoke(runner, "status")
    assert result.exit_code == 1
    assert "行尾是单独的 CR" not in result.output
    assert "U+000D" in result.output


def test_a_file_of_lone_cr_line_ends_is_named_so_before_what_its_first_line_holds(
    runner, plan_file
):
    """A whole plan with lone CR line ends reads to TOML as one line: what that line holds (a
    due = 2023-05 written without quotes somewhere, curly quotes in a title) is not the cause
    to name, the line ends are."""
    text = _small_plan_text(plan_file).replace(
        'title = "禁毒讲座"', 'title = "禁毒讲座"\nowner = “张三”\ndue = 2023-05'
    )
    plan_file.write_bytes(text.replace("\n", "\r").encode("utf-8"))
    result = invoke(runner, "status")
    assert result.exit_code == 1
    assert "行尾是单独的 CR" in result.output, result.output


@pytest.mark.parametrize(
    "line",
    [
        'owner = "张三”  # 负责人',  # a closing curly quote, then a comment
        'evidence = ["照片”, "台账"]',  # a closing curly quote in an array
        'support_units = ["a", "b”]',
    ],
)
def test_a_curly_quote_closing_a_string_before_more_of_the_line_is_blamed(runner, plan_file, line):
    """A curly quote that stands for the straight one closing a string is the cause to name
    even when the line goes on after it (a comment, the array's next value): the hint was lost
    when curly quotes inside a string stopped being blamed (they were only looked for last on
    the line)."""
    text = _small_plan_text(plan_file).replace(
        'title = "禁毒讲座"\n', f'title = "禁毒讲座"\n{line}\n'
    )
    plan_file.write_text(text, encoding="utf-8")
    result = invoke(runner, "status")
    assert result.exit_code == 1
    assert "弯引号" in result.output, result.output


def test_county_key_narrow_keeps_a_title_holding_the_separator_on_its_lines(
    runner, tmp_path, monkeypatch
):
    """plan county --key below 60 columns puts each item's fields under its plan, lines broken
    between fields joined by " · ". A title holding " · " itself (修路 · 建桥) was counted as
    several fields: the fields after it slid onto the wrong lines, one of them past the edge
    and unindented, and an empty line was left under the plan."""
    monkeypatch.setenv("COLUMNS", "50")
    for town in ("东村", "西村"):
        items = [
            {"id": "1", "title": "安全"},
            {"id": "1.1", "title": "修路 · 建桥 · 通水 · 通电", "key": "X1", "progress": 40},
        ]
        write_plan(tmp_path / f"{town}.toml", items, title=f"{town}2023年工作计划")
    result = ok(runner, "county", "--key", "X1", str(tmp_path))
    lines = result.stdout.splitlines()
    fields = [line for line in lines if "状态" in line or "完成率" in line]
    assert fields and all(line.startswith("   ") for line in fields), result.stdout
    assert all(len(line) <= 50 for line in lines)
    first = next(n for n, line in enumerate(lines) if "东村" in line)
    second = next(n for n, line in enumerate(lines) if "西村" in line)
    assert all(line.strip() for line in lines[first:second]), result.stdout


def test_a_day_after_today_and_outside_the_plan_period_is_warned_of_both(runner, small_plan):
    """--on a day typed a year off (2027 for a plan of 2023) is both after today and outside
    the plan's period: the warning about the period, given before days after today were warned
    of, is still given (it is the likelier slip)."""
    ahead = (dt.date.today() + dt.timedelta(days=400)).isoformat()
    result = ok(runner, "progress", "2.3", "90", "--on", ahead)
    assert "晚于今天" in result.output
    assert "不在计划期" in result.output, result.output


def test_undo_after_a_hand_revert_that_writes_status_todo_instead_of_deleting_it(
    runner, small_plan
):
    """plan progress 2.3 60 gave 2.3 (no status: 未开始) status = "doing". Set back by hand as
    progress = 80 and status = "todo" (the status it had, written out rather than the line
    deleted), undo has nothing to overwrite: it records itself, as for a line deleted, instead
    of refusing for ever ("it already holds 未开始, nothing to do") and stopping every later
    undo."""
    ok(runner, "progress", "2.3", "60")
    text = small_plan.read_text(encoding="utf-8")
    text = text.replace('status = "doing"\nprogress = 60\n', 'status = "todo"\nprogress = 80\n', 1)
    small_plan.write_text(text, encoding="utf-8")
    assert item(small_plan, "2.3")["status"] == "todo"
    result = ok(runner, "undo")
    assert "已经是修改前的值" in result.stderr
    assert "undone" in item(small_plan, "2.3")["log"][0]


def test_undo_of_a_reopen_after_status_todo_was_typed_in_by_hand(runner, small_plan):
    """plan reopen 1.2 leaves it with no status (未开始); status = "todo" typed in by hand says
    the same, so undo takes the reopen back, not refuse saying it "is 未开始 now, this change
    made it 未开始"."""
    ok(runner, "reopen", "1.2")
    text = small_plan.read_text(encoding="utf-8")
    text = text.replace('title = "安装路灯"\n', 'title = "安装路灯"\nstatus = "todo"\n', 1)
    small_plan.write_text(text, encoding="utf-8")
    ok(runner, "undo")
    assert item(small_plan, "1.2")["status"] == "done"


def test_curly_quotes_inside_a_title_before_an_ascii_comma_are_not_blamed(runner, plan_file):
    """A title quoting two phrases with an ASCII comma between them (“放管服”, “最多跑一次”) on a
    line refused for what follows the string is not blamed on its curly quotes."""
    text = _small_plan_text(plan_file).replace(
        'title = "禁毒讲座"', 'title = "推进“放管服”, “最多跑一次”改革" 备注'
    )
    plan_file.write_text(text, encoding="utf-8")
    result = invoke(runner, "status")
    assert result.exit_code == 1
    assert "弯引号" not in result.output, result.output


def test_a_gbk_plan_with_a_line_added_in_utf8_is_to_be_saved_anew(runner, plan_file):
    """A plan saved in GBK (Notepad's ANSI) with one line of Chinese added in UTF-8 (echo … >>
    from a UTF-8 terminal) is a GBK file: the way out is to save it as UTF-8, not to type every
    Chinese line again and "not save the whole file in another encoding"."""
    text = _small_plan_text(plan_file)
    plan_file.write_bytes(text.encode("gbk") + "# 这一行是后加的\n".encode())
    result = invoke(runner, "status")
    assert result.exit_code == 1
    assert "另存为" in result.output
    assert "不要把整个文件另存为" not in result.output, result.output
