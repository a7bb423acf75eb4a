"""An adversarial walk through the commands that change the plan's tree (add, edit, move, rm,
fmt, check) on the shapes real towns' plans have: ids typed by hand that are not the tool's
numbering (二.3, 2.1a, ①), parts holding tasks directly, deep trees. Each test is a defect
such a walk found."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from .test_change import invoke, item, ok


@pytest.fixture(autouse=True)
def login_name(monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "clerk")


HAND_NUMBERED = """\
[plan]
title = "测试镇2023年工作计划"
year = 2023

[[item]]
id = "二"
title = "社会事业"

[[item]]
id = "二.3"
title = "禁毒讲座"

[[item]]
id = "2.1a"
title = "手写编号"
parent = "二"
"""


@pytest.mark.parametrize("typed", ["二。3", "二．3", "二.３"])
def test_a_hand_written_id_typed_with_chinese_punctuation_is_found(runner, plan_file, typed):
    """An id such as 二.3 typed as a Chinese input method gives it (二。3, 二．3, 二.３): the
    reference says full-width digits and punctuation are the same as ASCII. Only ids made
    wholly of digits were read so; 二。3 was "no item 二。3" in every command."""
    plan_file.write_text(HAND_NUMBERED, encoding="utf-8")
    result = ok(runner, "progress", typed, "40")
    assert "二.3 禁毒讲座" in result.stdout
    assert item(plan_file, "二.3")["progress"] == 40
    ok(runner, "move", "2.1ａ", typed)  # a full-width letter, too
    assert item(plan_file, "2.1a")["parent"] == "二.3"


def test_add_beside_an_id_of_thousands_of_digits_is_no_traceback(runner, plan_file):
    """An id whose last part is a number longer than Python turns into an int (4,300 digits:
    a paste gone wrong) passes plan check; plan add under its parent then died with a
    ValueError traceback while working out the next free number."""
    plan_file.write_text(
        '[plan]\ntitle = "t"\nyear = 2023\n\n[[item]]\nid = "1"\ntitle = "部分"\n\n'
        f'[[item]]\nid = "1.{"9" * 5000}"\ntitle = "粘贴错了"\n\n'
        '[[item]]\nid = "1.2"\ntitle = "任务"\n',
        encoding="utf-8",
    )
    ok(runner, "check")
    result = invoke(runner, "add", "1", "新任务")
    assert result.exit_code == 0, result.output
    ids = [t["id"] for t in tomllib.loads(plan_file.read_text("utf-8"))["item"]]
    assert ids[-1] == "1.3" and len(set(ids)) == len(ids) == 4


def test_merge_of_circled_number_ids_added_on_both_sides_is_no_traceback(runner, tmp_path: Path):
    """Two clerks each add an item ①, as Chinese documents number them, under the same part:
    plan merge (git's merge driver) sorted the clashing ids with int() on every part that
    str.isdigit() accepts — '①' is one — and died with a ValueError traceback."""
    base = '[plan]\ntitle = "t"\nyear = 2023\n\n[[item]]\nid = "1"\ntitle = "部分"\n'
    paths = {name: tmp_path / f"{name}.toml" for name in ("base", "ours", "theirs")}
    paths["base"].write_text(base, encoding="utf-8")
    paths["ours"].write_text(base + '\n[[item]]\nid = "1.①"\ntitle = "我方"\n', "utf-8")
    paths["theirs"].write_text(base + '\n[[item]]\nid = "1.①"\ntitle = "对方"\n', "utf-8")
    result = invoke(
        runner, "merge", *(str(paths[n]) for n in ("base", "ours", "theirs")), "plan.toml"
    )
    assert result.exit_code == 0, result.output
    merged = tomllib.loads(paths["ours"].read_text("utf-8"))["item"]
    assert sorted(t["title"] for t in merged) == ["对方", "我方", "部分"]


@pytest.mark.parametrize("invisible", ["\\u200b", "\\u00ad", "\\ufeff\\u200b"])
def test_an_id_of_nothing_but_invisible_characters_is_not_advised_to_be_empty(
    runner, plan_file, invisible
):
    """An id holding only a zero-width space (a cell pasted from Word) was named by plan check
    with the advice 'write id = ""' — an empty id, which plan check refuses in turn. It needs
    an id that can be seen: the message says so, as for an empty id."""
    plan_file.write_text(
        f'[plan]\ntitle = "t"\nyear = 2023\n\n[[item]]\nid = "{invisible}"\ntitle = "任务"\n',
        encoding="utf-8",
    )
    result = invoke(runner, "check")
    assert result.exit_code == 1
    assert 'id = ""' not in result.output
    assert "非空的文字编号" in result.output


# Parts numbered as Chinese documents number them (一, 二), a task right under a part, a goal
# holding goals and tasks, four levels deep, an item moved away from its id's parent.
CHINESE_PARTS = [
    {"id": "一", "title": "基础设施"},
    {"id": "一.1", "title": "修塘", "progress": 30},
    {"id": "一.2", "title": "农田水利"},
    {"id": "一.2.1", "title": "高标准农田"},
    {"id": "一.2.1.1", "title": "完成验收", "owner": "张三"},
    {"id": "一.2.2", "title": "修渠"},
    {"id": "二", "title": "社会事业"},
    {"id": "二.1", "title": "一是加强禁毒宣传"},
    {"id": "2.1a", "title": "手写编号", "parent": "二"},
    {"id": "三", "title": "第三部分 其他工作"},
    {"id": "三.1", "title": "（一）档案整理"},
]


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_a_plan_whose_parts_are_numbered_一_二_comes_back_from_its_export(
    runner, plan_file, tmp_path, suffix
):
    """plan export writes each item's id in 序号 and its level in the title's indent; the
    reference promises plan import of that table gives back the same ids and tree. With parts
    whose ids are 一 and 二, the importer took those 序号 for category markers of a hand-made
    台账, so the indents were not read: the ids came back renumbered (1, 1.1…), the old ones
    kept as an unknown field 序号, and the deeper levels flattened. A title starting as a
    heading's numbering (第三部分, 一是) did the same to a plan of any ids not dotted."""
    from .conftest import write_plan
    from .test_attack_documents import exported_and_imported

    write_plan(plan_file, CHINESE_PARTS)
    back = exported_and_imported(runner, tmp_path, suffix)
    items = tomllib.loads(back.read_text("utf-8"))["item"]
    assert [(t["id"], t["title"], t.get("parent")) for t in items] == [
        (t["id"], t["title"], t.get("parent")) for t in CHINESE_PARTS
    ]
    assert not any("序号" in t for t in items)


def test_moving_an_item_under_a_task_says_that_task_becomes_a_goal(runner, small_plan):
    """plan add under a task warns that the task becomes a goal whose own status no longer
    counts; plan move under a task has the same effect — a done task's tick-off silently left
    the part's completion (1 基础设施 from 1 of 3 done to none of 2) — and said nothing."""
    from .test_change import item as item_of

    result = ok(runner, "move", "1.3", "1.2")  # 1.2 安装路灯 is done
    assert "1.2 安装路灯 原是任务，现在成为目标" in result.stderr
    assert item_of(small_plan, "1.3")["parent"] == "1.2"
    result = ok(runner, "move", "1.3", "1")  # back under a goal: nothing to say
    assert "成为目标" not in result.stderr
