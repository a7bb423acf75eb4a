"""A plan file edited by hand in Notepad, WPS or VS Code, the way a clerk types: each slip is
said in one paragraph (what, where: file, line, item; how to fix), in Chinese, with a non-zero
exit and the file left as it was; put right as the message says, every command works."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, write_plan


def _said(result: object) -> str:
    return " ".join(result.output.split())  # type: ignore[attr-defined]


def _edit(path: Path, old: str, new: str) -> bytes:
    """The plan with ``old`` replaced by ``new`` once; the bytes written."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    data = text.replace(old, new, 1).encode("utf-8")
    path.write_bytes(data)
    return data


def _line_of(data: bytes, line: str) -> int:
    return data.decode("utf-8").split("\n").index(line) + 1


def _refused_everywhere(runner: CliRunner, path: Path, data: bytes, *words: str) -> None:
    """check, status and a change all refuse the file with ``words``, no traceback, the file
    as it was."""
    for command in (["check"], ["status"], ["list"], ["done", "1.3"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 1, (command, result.output)
        assert "Traceback" not in result.output
        said = _said(result)
        for word in words:
            assert word in said, (command, said)
        assert path.read_bytes() == data


def _works(runner: CliRunner) -> None:
    for command in (["check"], ["status"], ["list"], ["show", "1.3"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 0, (command, result.output)
    assert runner.invoke(app, ["done", "1.3", "--on", "2023-03-20"]).exit_code == 0
    assert runner.invoke(app, ["undo"]).exit_code == 0


# ---------------------------------------------------------------- an item at the wrong depth


def test_an_item_pasted_at_an_items_depth_is_refused_not_lost(
    runner: CliRunner, plan_file: Path
) -> None:
    """[[item.item]] (an item pasted under the one above, as [[item.log]] is): TOML reads it as
    a table inside item 1.2, and the plan read on without 1.3: 没有发现问题, 7 items, and
    1.3 in no view. Now refused at its header's line, with the header to write."""
    write_plan(plan_file, SMALL_ITEMS)
    data = _edit(plan_file, '[[item]]\nid = "1.3"', '[[item.item]]\nid = "1.3"')
    line = _line_of(data, "[[item.item]]")
    _refused_everywhere(
        runner,
        plan_file,
        data,
        f"第 {line} 行",
        "事项 1.2",
        "其中的事项 1.3",
        "请把 [[item.item]] 改成 [[item]]",
    )
    # as the message says
    plan_file.write_bytes(data.replace(b"[[item.item]]", b"[[item]]"))
    _works(runner)
    listed = runner.invoke(app, ["list"])
    assert "1.3 修机耕道" in listed.output


def test_an_item_under_the_header_is_named_with_the_header_to_write(
    runner: CliRunner, plan_file: Path
) -> None:
    """[[plan.item]]: item 1 went into the header, and the message said only that its tasks'
    parent 1 did not exist (请先添加它): it exists, one header up."""
    write_plan(plan_file, SMALL_ITEMS)
    data = _edit(plan_file, '[[item]]\nid = "1"\n', '[[plan.item]]\nid = "1"\n')
    _refused_everywhere(
        runner,
        plan_file,
        data,
        f"第 {_line_of(data, '[[plan.item]]')} 行",
        "计划表头 [plan] 里面",
        "请把 [[plan.item]] 改成 [[item]]",
    )
    plan_file.write_bytes(data.replace(b"[[plan.item]]", b"[[item]]"))
    _works(runner)


def test_a_single_item_table_inside_an_item_is_refused(runner: CliRunner, plan_file: Path) -> None:
    write_plan(plan_file, SMALL_ITEMS)
    data = _edit(plan_file, '[[item]]\nid = "1.3"', '[item.item]\nid = "1.3"')
    _refused_everywhere(runner, plan_file, data, "请把 [item.item] 改成 [[item]]")


def test_a_field_of_ones_own_named_item_is_kept(runner: CliRunner, plan_file: Path) -> None:
    """Only tables under item are refused: a text field named item is a field of one's own."""
    write_plan(plan_file, SMALL_ITEMS)
    _edit(plan_file, 'title = "修塘"', 'title = "修塘"\nitem = "一期"')
    assert runner.invoke(app, ["check"]).exit_code == 0


# ---------------------------------------------------------------- values as a clerk types them


def test_a_number_with_a_full_width_comma_says_the_number_to_write(
    runner: CliRunner, plan_file: Path
) -> None:
    """target = 1，200: the message said to type the comma half-width, which gives 1,200, which
    TOML refuses next (千位分隔符). Now it says target = 1200 at once."""
    write_plan(plan_file, SMALL_ITEMS)
    data = _edit(plan_file, "target = 40", "target = 1，200")
    _refused_everywhere(
        runner,
        plan_file,
        data,
        f"第 {_line_of(data, 'target = 1，200')} 行",
        "（事项 1.1）",
        "target = 1，200 要写成 target = 1200",
    )
    plan_file.write_bytes(data.replace("target = 1，200".encode(), b"target = 1200"))
    _works(runner)


def test_a_full_width_comma_between_array_items_is_still_named(
    runner: CliRunner, plan_file: Path
) -> None:
    write_plan(plan_file, SMALL_ITEMS)
    data = _edit(plan_file, 'lead_unit = "规划办"', 'lead_unit = ["规划办"，"综治办"]')
    _refused_everywhere(runner, plan_file, data, "全角字符 ，", "改成 ,")


def test_progress_in_tenths_says_the_percent_to_write(runner: CliRunner, plan_file: Path) -> None:
    """八成 (eight tenths) is how an office says 80%: bare, TOML's own words were all it got
    (等号后面的值写得不对); quoted, only that progress is a number. Both now say progress =
    80, and plan import reads such a cell as 80 too."""
    write_plan(plan_file, SMALL_ITEMS)
    data = _edit(plan_file, "progress = 50", "progress = 八成")
    _refused_everywhere(runner, plan_file, data, "progress = 八成 要写成 progress = 80")
    data = _edit(plan_file, "progress = 八成", 'progress = "七成半"')
    _refused_everywhere(runner, plan_file, data, "“七成半”是不是要写 progress = 75？")
    plan_file.write_bytes(data.replace('progress = "七成半"'.encode(), b"progress = 75"))
    _works(runner)


def test_tenths_read_as_percents() -> None:
    from quanhu_plan.importing.values import read_progress

    assert [read_progress(t) for t in ("八成", "七成半", "9成", "十成", "2.5成")] == [
        80,
        75,
        90,
        100,
        25,
    ]


# ---------------------------------------------------------------- a field misspelled


def test_a_misspelled_deadline_is_pointed_out(runner: CliRunner, plan_file: Path) -> None:
    """dealine = 2023-06-30: kept and read by nothing, and plan check said 没有发现问题 (owners
    got 是不是要写 owner？, a deadline's English name misspelled got nothing)."""
    write_plan(plan_file, SMALL_ITEMS)
    data = _edit(plan_file, 'title = "修塘"', 'title = "修塘"\ndealine = 2023-06-30')
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0
    said = _said(result)
    line = _line_of(data, "dealine = 2023-06-30")
    assert f"第 {line} 行，事项 1.1，字段 dealine" in said
    assert "是不是要写 due？" in said
    assert plan_file.read_bytes() == data


# ---------------------------------------------------------------- a trace entry typed by hand


def _traced(runner: CliRunner, plan_file: Path) -> None:
    write_plan(plan_file, SMALL_ITEMS)
    assert runner.invoke(app, ["done", "2.3", "--on", "2023-05-03"]).exit_code == 0


def test_a_trace_entry_with_an_action_no_command_writes_is_pointed_out(
    runner: CliRunner, plan_file: Path
) -> None:
    """action = "完成" for "done": plan check said nothing, and plan undo passed the entry by
    and undid the change before it."""
    _traced(runner, plan_file)
    data = _edit(plan_file, 'action = "done"', 'action = "完成"')
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0
    said = _said(result)
    line = _line_of(data, 'action = "完成"')
    assert f"第 {line} 行，事项 2.3，第 1 条进展记录（log），字段 action" in said
    assert 'plan undo 不认它（撤销不了）；是不是要写 action = "done"？' in said
    assert plan_file.read_bytes() == data
    # as the message says: undo undoes it
    plan_file.write_bytes(data.replace('action = "完成"'.encode(), b'action = "done"'))
    undone = runner.invoke(app, ["undo"])
    assert undone.exit_code == 0
    assert "的销号：2.3 禁毒讲座" in _said(undone)


def test_a_trace_entry_with_a_misspelled_field_is_pointed_out(
    runner: CliRunner, plan_file: Path
) -> None:
    """A note typed by hand as notes = "…" (or date = for on): the entry showed with no note
    and plan check said nothing."""
    write_plan(plan_file, SMALL_ITEMS)
    entry = '\n[[item.log]]\ndate = 2023-06-01\nby = "张三"\nnotes = "已完成招标"\n'
    data = _edit(plan_file, "progress = 80", "progress = 80\n" + entry)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0
    said = _said(result)
    line = _line_of(data, 'notes = "已完成招标"')
    assert f"第 {line} 行，事项 2.3" in said
    assert "字段 notes 不是记录的字段，原样保留但不起作用；是不是要写 note？" in said
    assert "字段 date 不是记录的字段，原样保留但不起作用；是不是要写 on？" in said
    fixed = data.replace(b"date = ", b"on = ").replace(b"notes = ", b"note = ")
    plan_file.write_bytes(fixed)
    checked = runner.invoke(app, ["check"])
    assert checked.exit_code == 0 and "值得留意" not in checked.output
    shown = runner.invoke(app, ["show", "2.3"])
    assert "已完成招标" in shown.output
    assert dt.date(2023, 6, 1).isoformat() in shown.output


# ---------------------------------------------------------------- an item or an id twice


def test_an_item_pasted_twice_says_to_delete_one(runner: CliRunner, plan_file: Path) -> None:
    """An [[item]] block pasted twice: the message said 请改用未使用的编号, which done as said
    makes the same task twice, counted twice."""
    write_plan(plan_file, SMALL_ITEMS)
    block = '[[item]]\nid = "1.2"\ntitle = "安装路灯"\nstatus = "done"\ndone_on = 2023-03-01\n\n'
    data = _edit(plan_file, block, block + block)
    second = data.decode().split("\n").index('id = "1.2"', _line_of(data, 'id = "1.2"')) + 1
    _refused_everywhere(
        runner,
        plan_file,
        data,
        f"第 {second} 行，事项 1.2，字段 id",
        "这个事项和上面第 3 个事项“安装路灯”一字不差，像是多粘贴了一份，请删去其中一份",
    )
    assert "改用没有用过的编号" not in _said(runner.invoke(app, ["check"]))
    plan_file.write_bytes(data.replace(block.encode() * 2, block.encode()))
    _works(runner)


def test_an_id_given_to_two_items_names_the_first(runner: CliRunner, plan_file: Path) -> None:
    write_plan(plan_file, SMALL_ITEMS)
    data = _edit(plan_file, 'id = "1.3"', 'id = "1.2"')
    _refused_everywhere(
        runner,
        plan_file,
        data,
        "上面第 3 个事项“安装路灯”已使用该编号，请给这一项改用没有用过的编号",
    )
    plan_file.write_bytes(
        data.replace(b'id = "1.2"\ntitle = "\xe4\xbf\xae', b'id = "1.3"\ntitle = "\xe4\xbf\xae')
    )
    _works(runner)


# ---------------------------------------------------------------- quotes and brackets


def test_a_string_left_open_says_where_to_add_the_quote(runner: CliRunner, plan_file: Path) -> None:
    """title = "修塘 (the closing quote left out): the message said 引号没有结束 and then the
    common causes (日期写错、同一字段写了两次), not what to add where."""
    write_plan(plan_file, SMALL_ITEMS)
    data = _edit(plan_file, 'title = "修塘"', 'title = "修塘')
    line = _line_of(data, 'title = "修塘')
    _refused_everywhere(
        runner,
        plan_file,
        data,
        f"第 {line} 行第 12 列（事项 1.1）",
        '引号没有结束。title 的文字缺少结尾的英文双引号 "：请在这一行文字的末尾补上 "',
    )
    assert "常见原因" not in _said(runner.invoke(app, ["check"]))
    plan_file.write_bytes(data.replace('title = "修塘'.encode(), 'title = "修塘"'.encode()))
    _works(runner)


def test_a_multi_line_text_whose_last_line_was_deleted_says_to_close_it(
    runner: CliRunner, plan_file: Path
) -> None:
    write_plan(plan_file, SMALL_ITEMS)
    _edit(plan_file, 'reason = "场地未落实"', 'reason = """场地未落实\n第二行\n第三行"""')
    assert runner.invoke(app, ["check"]).exit_code == 0
    data = _edit(plan_file, '第三行"""\n', "")  # the last line deleted, its quotes with it
    opened = _line_of(data, 'reason = """场地未落实')
    _refused_everywhere(
        runner,
        plan_file,
        data,
        f"第 {opened} 行",
        "（事项 2.1）",
        '从这里开始的多行文字没有结尾的 """（可能连同最后一行被删掉了）：请在这段文字的最后补上 """',
    )
    plan_file.write_bytes(data.replace("第二行\n".encode(), '第二行"""\n'.encode()))
    _works(runner)


def test_a_straight_quote_inside_a_text_is_named(runner: CliRunner, plan_file: Path) -> None:
    write_plan(plan_file, SMALL_ITEMS)
    data = _edit(plan_file, 'title = "修塘"', 'title = "修"一期"塘"')
    _refused_everywhere(
        runner, plan_file, data, 'title 的文字里有英文双引号 "，TOML 把它当作文字的结尾'
    )
    plan_file.write_bytes(data.replace('"修"一期"塘"'.encode(), '"修“一期”塘"'.encode()))
    _works(runner)


def test_an_item_header_with_single_brackets_says_to_write_two(
    runner: CliRunner, plan_file: Path
) -> None:
    """[item] for [[item]] said 表 item 写了两次 and the common causes."""
    write_plan(plan_file, SMALL_ITEMS)
    for header in ("[item]", "[item]]", "[[item]"):
        plan_file.write_bytes(write_plan(plan_file, SMALL_ITEMS).read_bytes())
        data = _edit(plan_file, '[[item]]\nid = "2.3"', f'{header}\nid = "2.3"')
        _refused_everywhere(
            runner,
            plan_file,
            data,
            f"第 {_line_of(data, header)} 行",
            f"表头 {header} 写得不对：每个事项的表头是 [[item]]，前后各两个方括号",
        )
    plan_file.write_bytes(data.replace(b"[[item]\n", b"[[item]]\n"))
    _works(runner)


# ---------------------------------------------------------------- remarks, spaces, values left out


def test_a_remark_after_a_value_says_to_begin_it_with_a_hash(
    runner: CliRunner, plan_file: Path
) -> None:
    """target = 40；县里下达: the message said to type ； half-width, which TOML refuses as
    well; 17:00 after a deadline and // 目标 got the common causes."""
    write_plan(plan_file, SMALL_ITEMS)
    for line, rest, before in (
        ("target = 40；县里下达", "；县里下达", "target = 40"),
        ("target = 40 // 县里下达", "// 县里下达", "target = 40"),
    ):
        data = _edit(plan_file, "target = 40", line)
        _refused_everywhere(
            runner,
            plan_file,
            data,
            f"第 {_line_of(data, line)} 行",
            f"值后面的 {rest} 不是值的一部分：要写说明，请在说明前加 #（如 {before} # 说明）",
        )
        assert "改成 ;" not in _said(runner.invoke(app, ["check"]))
        plan_file.write_bytes(data.replace(line.encode(), f"{before}  # 县里下达".encode()))
        _works(runner)
        data = _edit(plan_file, "target = 40  # 县里下达", "target = 40")
    data = _edit(plan_file, "due = 2023-03-31", "due = 2023-03-31 17:00")
    _refused_everywhere(runner, plan_file, data, "值后面的 17:00 不是值的一部分")


def test_a_remark_line_begun_with_slashes_says_to_begin_it_with_a_hash(
    runner: CliRunner, plan_file: Path
) -> None:
    write_plan(plan_file, SMALL_ITEMS)
    data = _edit(plan_file, "target = 40", "// 县里下达\ntarget = 40")
    _refused_everywhere(
        runner,
        plan_file,
        data,
        f"第 {_line_of(data, '// 县里下达')} 行",
        "说明（注释）以 # 开头，不是 //：请把 // 改成 #",
    )
    plan_file.write_bytes(data.replace(b"// ", b"# "))
    _works(runner)


def test_a_key_with_a_space_and_a_value_left_out_are_named(
    runner: CliRunner, plan_file: Path
) -> None:
    write_plan(plan_file, SMALL_ITEMS)
    data = _edit(plan_file, 'lead_unit = "规划办"', 'lead unit = "规划办"')
    _refused_everywhere(runner, plan_file, data, "字段名 lead unit 中间有空格", "请把空格改成 _")
    plan_file.write_bytes(data.replace(b"lead unit", b"lead_unit"))
    _works(runner)
    data = _edit(plan_file, "progress = 50", "progress =")
    _refused_everywhere(
        runner,
        plan_file,
        data,
        f"第 {_line_of(data, 'progress =')} 行",
        "progress 的等号后面没有值：请写上值（如 progress = 50），或删去这一行",
    )
    plan_file.write_bytes(data.replace(b"progress =\n", b""))
    _works(runner)


# ---------------------------------------------------------------- kept, but likely a slip


def test_a_progress_note_typed_as_a_field_of_the_item_is_pointed_out(
    runner: CliRunner, plan_file: Path
) -> None:
    """note = "5月已开工" on the item: kept, shown by plan show as a field of its own, but in
    no 进展情况 column, report or plan log; plan check said 没有发现问题."""
    write_plan(plan_file, SMALL_ITEMS)
    for name in ("note", '"进展情况"'):
        data = _edit(plan_file, 'title = "修塘"', f'title = "修塘"\n{name} = "5月已开工"')
        result = runner.invoke(app, ["check"])
        assert result.exit_code == 0
        said = _said(result)
        line = _line_of(data, f'{name} = "5月已开工"')
        field = name.strip('"')
        assert f"第 {line} 行，事项 1.1，字段 {field}" in said
        assert "它不是进展情况" in said and 'plan note 1.1 "…" --on 日期 记下' in said
        assert plan_file.read_bytes() == data
        plan_file.write_bytes(data.replace(f'\n{name} = "5月已开工"'.encode(), b""))
    noted = runner.invoke(app, ["note", "1.1", "5月已开工", "--on", "2023-05-31"])
    assert noted.exit_code == 0
    checked = runner.invoke(app, ["check"])
    assert checked.exit_code == 0 and "值得留意" not in checked.output


def test_a_progress_written_as_a_fraction_is_pointed_out(
    runner: CliRunner, plan_file: Path
) -> None:
    """progress = 0.8 (a percent cell copied from a spreadsheet) is 0.8%, silently."""
    write_plan(plan_file, SMALL_ITEMS)
    data = _edit(plan_file, "progress = 50", "progress = 0.8")
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0
    said = _said(result)
    assert f"第 {_line_of(data, 'progress = 0.8')} 行，事项 1.3，字段 progress" in said
    assert "进度 0.8 是 0.8%（进度按百分数写，0 到 100）；如果是 80%，请写 progress = 80。" in said


# ---------------------------------------------------------------- an id changed by hand


def _renumbered(plan_file: Path, old: str, new: str) -> bytes:
    """Item ``old`` and its tasks given the id ``new`` by hand, as a clerk renumbers a part."""
    text, archive, rest = plan_file.read_text(encoding="utf-8").partition("[[removed]]")
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if line == f'id = "{old}"' or line.startswith(f'id = "{old}.'):
            lines[number] = line.replace(f'"{old}', f'"{new}', 1)
    plan_file.write_text("\n".join(lines) + archive + rest, encoding="utf-8")
    return plan_file.read_bytes()


def test_undoing_a_move_whose_old_parent_was_renumbered_says_what_to_do(
    runner: CliRunner, plan_file: Path
) -> None:
    """The old parent renumbered by hand: undo said only 原上级 1 已不在计划中, and every undo
    after stopped there."""
    write_plan(plan_file, SMALL_ITEMS)
    assert runner.invoke(app, ["move", "1.3", "2"]).exit_code == 0
    data = _renumbered(plan_file, "1", "9").replace(b'id = "9.3"', b'id = "1.3"')  # (now in 2)
    plan_file.write_bytes(data)
    assert runner.invoke(app, ["check"]).exit_code == 0
    result = runner.invoke(app, ["undo"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    said = _said(result)
    assert (
        "不能撤销移动：原上级 1 已不在计划中（已删除，或在计划文件里改了编号），没有改动任何内容"
        in said
    )
    assert "把它改回 1 后再撤销" in said and "plan move 1.3 新上级的编号" in said
    assert plan_file.read_bytes() == data
    # as the message says
    plan_file.write_bytes(data.replace(b'id = "9"', b'id = "1"').replace(b'id = "9.', b'id = "1.'))
    undone = runner.invoke(app, ["undo"])
    assert undone.exit_code == 0, undone.output
    assert "1.3 修机耕道" in runner.invoke(app, ["list", "--part", "1"]).output


def test_undoing_a_removal_whose_old_parent_was_renumbered_says_what_to_do(
    runner: CliRunner, plan_file: Path
) -> None:
    write_plan(plan_file, SMALL_ITEMS)
    assert runner.invoke(app, ["rm", "1.2", "--yes"]).exit_code == 0
    data = _renumbered(plan_file, "1", "9")
    result = runner.invoke(app, ["undo"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    said = _said(result)
    assert "不能撤销删除：1.2 的原上级 1 已不在计划中（已删除，或在计划文件里改了编号）" in said
    assert "把它改回 1 后再撤销" in said and "[[removed]] 记录里" in said
    assert plan_file.read_bytes() == data
    plan_file.write_bytes(data.replace(b'id = "9"', b'id = "1"').replace(b'id = "9.', b'id = "1.'))
    assert runner.invoke(app, ["undo"]).exit_code == 0
    assert "1.2 安装路灯" in runner.invoke(app, ["list"]).output


def test_a_plan_pasted_twice_and_a_line_of_prose_say_what_to_do(
    runner: CliRunner, plan_file: Path
) -> None:
    """Both got TOML's words (表 plan 写了两次, 字段名后面缺少等号 =) and the common causes."""
    text = write_plan(plan_file, SMALL_ITEMS).read_text(encoding="utf-8")
    plan_file.write_text(text + "\n" + text, encoding="utf-8")
    data = plan_file.read_bytes()
    second = text.count("\n") + 2
    _refused_everywhere(
        runner,
        plan_file,
        data,
        f"第 {second} 行",
        "一个计划文件只有一个 [plan]，这里又有一个：多半是整份计划（或另一份计划）被粘贴了进来",
    )
    plan_file.write_text(text, encoding="utf-8")
    data = _edit(plan_file, "target = 40", "target = 40\n5月已完成验收")
    _refused_everywhere(
        runner,
        plan_file,
        data,
        f"第 {_line_of(data, '5月已完成验收')} 行",
        "这一行“5月已完成验收”是一段文字，不是“字段 = 值”：要留作说明的，在前面加 #",
    )
    plan_file.write_bytes(data.replace("\n5月".encode(), "\n# 5月".encode()))
    _works(runner)


def test_an_id_with_a_soft_hyphen_is_named_escaped(runner: CliRunner, plan_file: Path) -> None:
    """id = "1.\\xad3" (pasted from Word): the message named the item 1.­3, the soft hyphen
    sent to the terminal and the id looking like 1.3."""
    write_plan(plan_file, SMALL_ITEMS)
    data = _edit(plan_file, 'id = "1.3"', 'id = "1.\u00ad3"')
    _refused_everywhere(runner, plan_file, data, "事项 '1.\\xad3'", "软连字符")
    assert "\u00ad" not in runner.invoke(app, ["check"]).output


def test_a_file_cut_inside_a_log_entry_is_said_to_be_cut_not_a_month_unquoted(
    runner: CliRunner, plan_file: Path
) -> None:
    """A plan saved or synced only in part, cut at after = { status = "done", done_on =
    2023-05: the message said 月份和季度要加引号, as if 2023-05 were a month written so."""
    _traced(runner, plan_file)
    text = plan_file.read_text(encoding="utf-8")
    data = text[: text.rindex("-03 }")].encode("utf-8")  # ends in done_on = 2023-05
    plan_file.write_bytes(data)
    lines = data.decode().count("\n") + 1
    _refused_everywhere(
        runner,
        plan_file,
        data,
        f"第 {lines} 行",
        f"文件在第 {lines} 行中途结束，可能保存、复制或同步时被中断",
    )
    assert "月份和季度要加引号" not in _said(runner.invoke(app, ["check"]))


def test_the_actions_a_hand_typed_entry_is_checked_against_are_those_the_commands_write() -> None:
    from quanhu_plan.changes import CHANGE_ACTIONS
    from quanhu_plan.plan_warnings import _ACTIONS
    from quanhu_plan.texts_changes import ACTION_LABELS

    assert _ACTIONS == {*ACTION_LABELS["zh"], "merge"}
    assert set(CHANGE_ACTIONS) <= _ACTIONS


def test_an_action_that_is_not_text_is_refused_without_a_traceback(
    runner: CliRunner, plan_file: Path
) -> None:
    _traced(runner, plan_file)
    data = _edit(plan_file, 'action = "done"', 'action = ["done"]')
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "字段 action" in _said(result) and plan_file.read_bytes() == data


def test_a_bare_field_named_fu_ze_ren_says_owner(runner: CliRunner, plan_file: Path) -> None:
    """负责人 = "张三" (the commonest name of the column): the message said only that field
    names are English (各字段的名字见 docs/format.md), where 责任人 got 请写作 owner."""
    write_plan(plan_file, SMALL_ITEMS)
    data = _edit(plan_file, 'title = "修塘"', 'title = "修塘"\n负责人 = "张三"')
    line = _line_of(data, '负责人 = "张三"')
    _refused_everywhere(
        runner,
        plan_file,
        data,
        f"第 {line} 行",
        "负责人 请写作 owner（如 owner = …）",
    )
    plan_file.write_bytes(data.replace("负责人".encode(), b"owner"))
    _works(runner)


def test_a_hand_typed_entrys_day_written_as_people_write_it_gets_the_line_to_write(
    runner: CliRunner, plan_file: Path
) -> None:
    """on = "6月1日" in a [[item.log]] entry typed by hand: the message said what a date is,
    not on = 2023-06-01, as it does for a task's due; bare, TOML's own words."""
    write_plan(plan_file, SMALL_ITEMS)
    entry = '\n[[item.log]]\non = "6月1日"\nnote = "已完成招标"\n'
    data = _edit(plan_file, "progress = 80", "progress = 80\n" + entry)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    said = _said(result)
    line = _line_of(data, 'on = "6月1日"')
    assert f"第 {line} 行，事项 2.3，第 1 条进展记录（log），字段 on" in said
    assert "“6月1日”是不是要写 on = 2023-06-01？" in said
    data = _edit(plan_file, 'on = "6月1日"', "on = 6月1日")
    _refused_everywhere(runner, plan_file, data, "on = 6月1日 要写成 on = 2023-06-01")
    plan_file.write_bytes(data.replace("on = 6月1日".encode(), b"on = 2023-06-01"))
    _works(runner)
    assert "已完成招标" in runner.invoke(app, ["show", "2.3"]).output


def test_a_text_pasted_with_its_line_break_says_to_use_three_quotes_or_one_line(
    runner: CliRunner, plan_file: Path
) -> None:
    """reason = "场地未落实 / 还没定" (a cell pasted with its line break): the message said to
    add " at the end of the first line, which leaves 还没定" a line of its own, refused next."""
    write_plan(plan_file, SMALL_ITEMS)
    data = _edit(plan_file, 'reason = "场地未落实"', 'reason = "场地未落实\n还没定"')
    _refused_everywhere(
        runner,
        plan_file,
        data,
        f"第 {_line_of(data, 'reason = ' + chr(34) + '场地未落实')} 行",
        "reason 的文字分成了两行",
        '把开头和结尾的 " 都改成三个英文双引号 """',
    )
    fixed = data.replace('"场地未落实\n还没定"'.encode(), '"""场地未落实\n还没定"""'.encode())
    plan_file.write_bytes(fixed)
    _works(runner)
    assert "还没定" in runner.invoke(app, ["show", "2.1"]).output


def test_names_spaced_or_pasted_with_a_non_breaking_space_are_found_as_typed(
    runner: CliRunner, plan_file: Path
) -> None:
    """owner = "王　五" (a two-character name spaced to line up, as Chinese tables do) and
    lead_unit = "规划\\xa0办" (pasted from Word): list --who 王五 and --who 规划办 found
    nothing, and plan check said nothing either."""
    write_plan(plan_file, SMALL_ITEMS)
    _edit(plan_file, 'owner = "王五"', 'owner = "王\u3000五"')
    _edit(plan_file, 'lead_unit = "规划办"', 'lead_unit = "规划\u00a0办"')
    for who in ("王五", "规划办", "王 五"):
        listed = runner.invoke(app, ["list", "--who", who])
        assert listed.exit_code == 0
        assert "2.2 [x] 自建房排查" in listed.output, (who, listed.output)
    # words of other scripts keep their space
    from quanhu_plan.names import name_key

    assert name_key("Li\u00a0Si") == "li si" and name_key("王 Li") == "王 li"


# ---------------------------------------------------------------- a change after a hand edit


def _hand_edited(text: str) -> str:
    """The plan as an office leaves it after a valid hand edit: comments above and beside, keys
    reordered and indented, a field of its own, blank lines, a remark at the end."""
    text = "# 泉湖镇手写的说明\n\n" + text
    text = text.replace(
        '[[item]]\nid = "1.3"\ntitle = "修机耕道"\ndue = 2023-03-31\nprogress = 50',
        '# 机耕道归农办管\n[[item]]\n  progress = 50   # 5月报\n\ttitle = "修机耕道"   \n'
        '  id = "1.3"\n  due = 2023-03-31 # 县里定的\n"自定" = "保留"',
    )
    return text + "\n# 文件末尾的说明\n"


def _changes_keep_every_hand_written_line(runner: CliRunner, plan_file: Path) -> None:
    """progress, note, done and undo each leave every line as it was but the ones they
    change; the only lines changed at all are the progress's."""
    written = plan_file.read_bytes().decode("utf-8").splitlines(keepends=True)
    for command in (
        ["progress", "1.3", "70", "--on", "2023-05-01"],
        ["note", "1.3", "进展", "--on", "2023-05-02"],
        ["done", "1.3", "--on", "2023-05-03"],
        ["undo"],
    ):
        result = runner.invoke(app, command)
        assert result.exit_code == 0, (command, result.output)
    now = plan_file.read_bytes().decode("utf-8").splitlines(keepends=True)
    gone = [line for line in written if line not in now]
    assert [line.rstrip("\r\n") for line in gone] == ["  progress = 50   # 5月报"]
    assert any(line.rstrip("\r\n") == "  progress = 70   # 5月报" for line in now)


def test_a_change_after_a_hand_edit_keeps_every_hand_written_line(
    runner: CliRunner, plan_file: Path
) -> None:
    text = write_plan(plan_file, SMALL_ITEMS).read_text(encoding="utf-8")
    plan_file.write_bytes(_hand_edited(text).encode("utf-8"))
    _changes_keep_every_hand_written_line(runner, plan_file)
    assert b"\r" not in plan_file.read_bytes()


def test_lines_written_into_a_file_of_mixed_line_ends_end_as_most_of_its_lines(
    runner: CliRunner, plan_file: Path
) -> None:
    """A few lines pasted with CRLF into an LF plan (the header, from a Windows file): every line
    a change wrote after them ended in CRLF, the file more mixed with each change (a git diff
    of ^M). They end as most of the file's lines do; the lines kept keep their own ends."""
    text = write_plan(plan_file, SMALL_ITEMS).read_text(encoding="utf-8")
    mixed = _hand_edited(text).replace("\n", "\r\n", 5)
    plan_file.write_bytes(mixed.encode("utf-8"))
    _changes_keep_every_hand_written_line(runner, plan_file)
    data = plan_file.read_bytes()
    assert data.count(b"\r\n") == 5  # the five pasted lines alone
    # and a Notepad plan (CRLF) with a line or two in LF gets CRLF lines
    crlf = _hand_edited(text).replace("\n", "\r\n").replace("\r\n", "\n", 2)
    plan_file.write_bytes(crlf.encode("utf-8"))
    _changes_keep_every_hand_written_line(runner, plan_file)
    data = plan_file.read_bytes()
    assert data.count(b"\n") - data.count(b"\r\n") == 2


def test_a_first_item_header_with_single_brackets_is_named_at_its_own_line(
    runner: CliRunner, plan_file: Path
) -> None:
    """[item] for the first item: TOML refuses the next [[item]] (同一个字段写了两次) and the
    message named that line, a header written right, with the common causes."""
    write_plan(plan_file, SMALL_ITEMS)
    data = _edit(plan_file, '[[item]]\nid = "1"\n', '[item]\nid = "1"\n')
    _refused_everywhere(
        runner,
        plan_file,
        data,
        f"第 {_line_of(data, '[item]')} 行",
        "表头 [item] 写得不对：每个事项的表头是 [[item]]",
    )
    assert "同一个字段写了两次" not in _said(runner.invoke(app, ["check"]))
    plan_file.write_bytes(data.replace(b"[item]\n", b"[[item]]\n"))
    _works(runner)


def test_a_plan_header_with_double_brackets_says_to_write_one(
    runner: CliRunner, plan_file: Path
) -> None:
    """[[plan]]: the message said only that a [plan] table is needed."""
    write_plan(plan_file, SMALL_ITEMS)
    data = _edit(plan_file, "[plan]\n", "[[plan]]\n")
    _refused_everywhere(
        runner, plan_file, data, "计划表头要写成 [plan]（前后各一个方括号），不是 [[plan]]"
    )
    plan_file.write_bytes(data.replace(b"[[plan]]\n", b"[plan]\n"))
    _works(runner)


def test_names_written_without_the_brackets_of_a_list_say_the_list_to_write(
    runner: CliRunner, plan_file: Path
) -> None:
    """owner = "张三"，"李四": the message said to type the comma half-width, which then got
    a straight quote inside the text (or a remark after the value): neither says a list."""
    write_plan(plan_file, SMALL_ITEMS)
    for written in ('"张三"，"李四"', '"张三", "李四"', '"张三"、"李四"'):
        data = _edit(plan_file, 'owner = "王五"', f"owner = {written}")
        _refused_everywhere(
            runner,
            plan_file,
            data,
            f"第 {_line_of(data, f'owner = {written}')} 行",
            'owner 写了几个名称：几个名称要放在方括号里，用英文逗号隔开，写成 owner = ["张三", "李四"]',
        )
        plan_file.write_bytes(
            data.replace(f"owner = {written}".encode(), 'owner = "王五"'.encode())
        )
    _edit(plan_file, 'owner = "王五"', 'owner = ["张三", "李四"]')
    _works(runner)
    assert "2.2" in runner.invoke(app, ["list", "--who", "李四"]).output


def test_a_month_unquoted_and_unpadded_gets_the_line_to_write(
    runner: CliRunner, plan_file: Path
) -> None:
    """due = 2023-6: the message said to quote months (due = "2023-05"); done as said, "2023-6"
    was refused next (是不是要写 due = "2023-06"？). Now the line to write at once."""
    write_plan(plan_file, SMALL_ITEMS)
    data = _edit(plan_file, "due = 2023-03-31", "due = 2023-6")
    _refused_everywhere(runner, plan_file, data, 'due = 2023-6 要写成 due = "2023-06"')
    plan_file.write_bytes(data.replace(b"due = 2023-6", b'due = "2023-06"'))
    _works(runner)


def test_an_items_field_typed_below_its_trace_entry_is_refused_not_lost(
    runner: CliRunner, plan_file: Path
) -> None:
    """A [[item.log]] entry pasted between an item's fields: the lines below it belong to the
    entry, and due = 2023-03-31 was read as the entry's, the task without its deadline, while
    plan check said 没有发现问题."""
    write_plan(plan_file, SMALL_ITEMS)
    entry = '\n[[item.log]]\non = 2023-06-01\nnote = "已招标"\n\n'
    data = _edit(plan_file, 'title = "修机耕道"\n', 'title = "修机耕道"\n' + entry)
    _refused_everywhere(
        runner,
        plan_file,
        data,
        f"第 {_line_of(data, 'due = 2023-03-31')} 行，事项 1.3，第 1 条进展记录（log），字段 due",
        "due 是事项的字段，却写在了 [[item.log]] 的下面",
        "请把这一行移到事项的 [[item]] 下、第一个 [[item.log]] 之前",
    )
    # as the message says: the entry below the item's fields
    plan_file.write_bytes(
        data.replace(entry.encode(), b"").replace(
            b"progress = 50\n", b"progress = 50\n" + entry.rstrip("\n").encode() + b"\n", 1
        )
    )
    _works(runner)
    shown = runner.invoke(app, ["show", "1.3"]).output
    assert "2023-03-31" in shown and "已招标" in shown
