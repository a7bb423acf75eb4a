"""Store and trace leftovers (session 23, N): status changes dated before their task existed
or on a day it was a goal, ``--as-of`` JSON logs, ``plan init`` beside a plan of another name,
surrogate bytes in a plan file, a crash's leftovers shown to git."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan
from .test_as_of import t
from .test_backfill_s23b import invoke, run


def small(path: Path) -> Path:
    return write_plan(
        path,
        [
            {"id": "1", "title": "基础设施"},
            {"id": "1.1", "title": "修塘"},
            {"id": "1.2", "title": "修路", "measure": "公里", "target": 8},
            {"id": "2", "title": "社会事业"},
            {"id": "2.1", "title": "禁毒讲座"},
        ],
    )


# ---------------------------------------------------------------- 1. status changes --on


STATUS_CHANGES = [
    (["done", "2.2"], "销号 2.2 新任务"),
    (["progress", "2.2", "50"], "填报 2.2 新任务 的进度"),
    (["record", "2.2", "3"], "填报 2.2 新任务 的完成值"),
    (["start", "2.2"], "开始 2.2 新任务"),
    (["block", "2.2", "--reason", "缺资金"], "把 2.2 新任务 标记受阻"),
    (["drop", "2.2", "--reason", "不再需要"], "取消 2.2 新任务"),
    (["note", "2.2", "已开会"], "给 2.2 新任务 写进展情况"),
]


@pytest.mark.parametrize("change,named", STATUS_CHANGES, ids=[c[0][0] for c in STATUS_CHANGES])
def test_a_status_change_dated_before_its_task_was_added_is_refused(
    plan_file, clock, change, named
):
    """A task added on 20 June had no status in May: a tick-off --on May would be in the trace
    and in no view of May (the replay has no 2.2 then), as add/rm/move/edit refuse it."""
    small(plan_file)
    clock.now = t(6, 20)
    run(plan_file, "add", "2", "新任务", "--measure", "场", "--target", "5")
    before = plan_file.read_bytes()
    clock.now = t(6, 21)
    refused = invoke(plan_file, *change, "--on", "2023-05-10")
    assert refused.exit_code == 1, refused.output
    assert (
        f"不能在 2023-05-10 {named}：那天它还不在计划中（它是 2023-06-20 才新增的）"
        in refused.stderr
    )
    assert "没有写入任何内容" in refused.stderr and "--on 改为 2023-06-20 或以后" in refused.stderr
    assert "Traceback" not in refused.output
    assert plan_file.read_bytes() == before
    english = invoke(plan_file, "--lang", "en", *change, "--on", "2023-05-10")
    assert english.exit_code == 1
    assert "it was not in the plan on that day (it was added on 2023-06-20)" in english.stderr
    assert plan_file.read_bytes() == before
    # from the day it was added on, it is taken
    run(plan_file, *change, "--on", "2023-06-20")


def test_a_goal_ticked_off_with_all_before_one_of_its_tasks_was_added_is_refused(plan_file, clock):
    small(plan_file)
    clock.now = t(6, 20)
    run(plan_file, "add", "2", "新任务")
    before = plan_file.read_bytes()
    refused = invoke(plan_file, "done", "2", "--all", "--on", "2023-05-10")
    assert refused.exit_code == 1, refused.output
    assert "不能在 2023-05-10 销号 2.2 新任务：那天它还不在计划中" in refused.stderr
    assert plan_file.read_bytes() == before
    run(plan_file, "done", "2", "--all", "--on", "2023-06-20")


def test_a_task_added_under_a_goal_added_later_names_the_goal(plan_file, clock):
    small(plan_file)
    clock.now = t(6, 20)
    run(plan_file, "add", "top", "新部分")
    run(plan_file, "add", "3", "新任务")
    refused = invoke(plan_file, "progress", "3.1", "20", "--on", "2023-06-01")
    assert refused.exit_code == 1
    assert "不能在 2023-06-01 填报 3.1 新任务 的进度：那天它还不在计划中" in refused.stderr


def test_a_status_change_dated_on_a_day_the_task_was_a_goal_is_refused(plan_file, clock):
    """1.1 had a task under it from March to June (added and removed --on): a tick-off of 1.1
    --on April would show in no view of April (a goal's status comes from its tasks)."""
    small(plan_file)
    clock.now = t(3, 1)
    run(plan_file, "add", "1.1", "清淤")
    clock.now = t(6, 20)
    run(plan_file, "rm", "1.1.1", "-y")
    before = plan_file.read_bytes()
    refused = invoke(plan_file, "done", "1.1", "--on", "2023-04-01")
    assert refused.exit_code == 1, refused.output
    assert "不能在 2023-04-01 销号 1.1 修塘：那天它是目标（其下有 1.1.1）" in refused.stderr
    assert "没有写入任何内容" in refused.stderr and "plan log 1.1" in refused.stderr
    assert plan_file.read_bytes() == before
    english = invoke(plan_file, "--lang", "en", "progress", "1.1", "30", "--on", "2023-04-01")
    assert english.exit_code == 1
    assert "Cannot give 1.1 修塘 a progress on 2023-04-01: it was a goal on that day" in (
        english.stderr
    )
    # a note on a goal is fine
    run(plan_file, "note", "1.1", "开了会", "--on", "2023-04-01")
    # before the task was added under it, and after it was removed, 1.1 was a task
    run(plan_file, "progress", "1.1", "30", "--on", "2023-02-01")
    run(plan_file, "done", "1.1", "--on", "2023-06-20")
    listed = run(plan_file, "show", "1.1", "--as-of", "2023-06-20", "--json").stdout
    assert '"done"' in listed


def test_a_status_change_of_an_item_in_the_plan_from_the_start_is_taken_on_any_day(
    plan_file, clock
):
    small(plan_file)
    clock.now = t(6, 20)
    run(plan_file, "done", "1.1", "--on", "2023-01-02")
    table = {x["id"]: x for x in tomllib.loads(plan_file.read_text("utf-8"))["item"]}
    assert table["1.1"]["done_on"] == dt.date(2023, 1, 2)


# ---------------------------------------------------------------- 2. --as-of JSON logs


def test_an_item_whose_log_all_came_later_has_no_log_key_as_of_an_earlier_day(plan_file, clock):
    """The file as it stood on 31 May held no log for 1.1 (its first change was in June), as
    for 1.2, which never had one: the JSON of that day says so the same way (no ``log``),
    as it gives every field as the file held it."""
    import json

    small(plan_file)
    clock.now = t(6, 20)
    run(plan_file, "progress", "1.1", "30")
    run(plan_file, "note", "2.1", "开了会", "--on", "2023-05-02")
    rows = {
        r["id"]: r
        for r in json.loads(run(plan_file, "list", "--as-of", "2023-05-31", "--json").stdout)
    }
    assert "log" not in rows["1.2"]
    assert "log" not in rows["1.1"], rows["1.1"]
    assert rows["1.1"].get("progress") is None
    assert [e["action"] for e in rows["2.1"]["log"]] == ["note"]  # what had happened stays
    shown = json.loads(run(plan_file, "show", "1.1", "--as-of", "2023-05-31", "--json").stdout)
    assert "log" not in shown
    shown = json.loads(run(plan_file, "show", "1.1", "--as-of", "2023-06-20", "--json").stdout)
    assert [e["action"] for e in shown["log"]] == ["progress"]
    # the day's header has no log either where its changes all came later
    run(plan_file, "header", "--title", "泉湖镇2023年计划")
    status = json.loads(run(plan_file, "status", "--as-of", "2023-05-31", "--json").stdout)
    assert '"log": []' not in json.dumps(status, ensure_ascii=False)


# ---------------------------------------------------------------- 3. plan init beside a plan


@pytest.mark.parametrize("name", ["泉湖镇2023年工作计划.toml", "plan (1).toml"])
def test_init_beside_a_plan_of_another_name_refuses_and_says_how_to_use_it(
    tmp_path, monkeypatch, name
):
    """An office whose plan came by mail as plan (1).toml ran plan init: a built-in plan.toml
    was written without a word, and every later command used it, not the office's plan."""
    monkeypatch.delenv("PLAN_FILE")
    theirs = small(tmp_path / name)
    before = theirs.read_bytes()
    result = CliRunner().invoke(app, ["init"])
    assert result.exit_code == 1, result.output
    assert not (tmp_path / "plan.toml").exists()
    assert theirs.read_bytes() == before
    said = " ".join(result.stderr.split())
    assert f"这个文件夹里已有计划 {name}" in said, said
    assert "plan -f " in said and "status" in said and "--force" in said
    assert "Traceback" not in result.output
    english = CliRunner().invoke(app, ["--lang", "en", "init"])
    assert english.exit_code == 1
    assert f"{name} in this folder is a plan already" in " ".join(english.stderr.split())
    # asked for all the same, it is written, and the plan beside it is left alone
    done = CliRunner().invoke(app, ["init", "--force"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "plan.toml").is_file() and theirs.read_bytes() == before


def test_init_under_a_name_of_its_own_beside_a_plan_is_written(tmp_path, monkeypatch):
    monkeypatch.delenv("PLAN_FILE")
    small(tmp_path / "plan (1).toml")
    done = CliRunner().invoke(app, ["init", "2024计划.toml"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "2024计划.toml").is_file()
    # a folder with no other plan: as before
    (tmp_path / "new").mkdir()
    monkeypatch.chdir(tmp_path / "new")
    done = CliRunner().invoke(app, ["init"])
    assert done.exit_code == 0, done.output


# ---------------------------------------------------------------- 4. surrogate bytes


def cesu8(text: str) -> bytes:
    """``text`` as CESU-8 (Java's modified UTF-8 does the same): a character beyond U+FFFF
    written as its two UTF-16 halves, each encoded as if it were a character (ED A0..BF xx)."""
    out = b""
    for char in text:
        if ord(char) > 0xFFFF:
            units = char.encode("utf-16-be")
            for n in (0, 2):
                half = chr(int.from_bytes(units[n : n + 2], "big"))
                out += half.encode("utf-8", "surrogatepass")
        else:
            out += char.encode("utf-8")
    return out


def test_a_plan_with_a_rare_character_in_cesu8_is_named_so_not_gbk(plan_file):
    """A Java tool wrote 张𠀾 (a name with a character beyond U+FFFF) as CESU-8: the file is
    UTF-8 Chinese but for those six bytes, which the error blamed on GBK added by echo."""
    small(plan_file)
    text = plan_file.read_text("utf-8").replace('title = "修塘"', 'title = "修塘"\nowner = "张𠀾"')
    data = text.encode("utf-8").replace("𠀾".encode(), cesu8("𠀾"))
    plan_file.write_bytes(data)
    line = text.splitlines().index('owner = "张𠀾"') + 1
    at = data.index(b"\xed")
    result = invoke(plan_file, "status")
    assert result.exit_code == 1, result.output
    said = " ".join(result.stderr.split())
    assert "（GBK）加进来" not in said and "不是 GBK" in said, said
    assert f"第 {line} 行第 11 列" in said and f"第 {at + 1} 个字节" in said, said
    assert "CESU-8" in said and "ED A1 80 ED B0 BE" in said and "U+2003E" in said
    assert "Traceback" not in result.output
    english = " ".join(invoke(plan_file, "--lang", "en", "status").stderr.split())
    assert "encoding (GBK)" not in english and "CESU-8" in english
    assert f"line {line}, column 11 (byte {at + 1})" in english, english
    assert plan_file.read_bytes() == data  # read only


def test_a_lone_surrogate_in_an_english_plan_is_named_so_not_windows_1252(plan_file):
    small(plan_file)
    text = plan_file.read_text("utf-8").replace('title = "修塘"', 'title = "Pond"')
    data = text.encode("utf-8").replace(b"Pond", b"Po\xed\xa0\x80nd")
    plan_file.write_bytes(data)
    result = invoke(plan_file, "--lang", "en", "check")
    assert result.exit_code == 1, result.output
    said = " ".join(result.stderr.split())
    assert "Windows-1252" not in said and "encoding (GBK)" not in said, said
    assert "ED A0 80" in said and "half of a character" in said, said
    # with a BOM (Notepad's UTF-8), the same line, column and byte
    plan_file.write_bytes(b"\xef\xbb\xbf" + data)
    with_bom = " ".join(invoke(plan_file, "--lang", "en", "check").stderr.split())
    where = said.split("at line ")[1].split(" (byte")[0]
    byte = data.index(b"\xed") + 1 + 3
    assert f"at line {where} (byte {byte})" in with_bom, with_bom


# ---------------------------------------------------------------- 5. a crash's leftovers


def leftovers(plan: Path) -> tuple[Path, Path]:
    """What a change killed mid-write leaves beside the plan: its lock file (no one holds it)
    and its temporary file, named as atomic_write names them."""
    from quanhu_plan.store.file_names import TEMP_SUFFIX, _temp_prefix, lock_path

    lock = lock_path(plan.resolve())
    lock.write_bytes(b"\x00zhangsan\tPC-03\t4242")
    temp = plan.parent / f"{_temp_prefix(plan.resolve())}k3j_x9a2{TEMP_SUFFIX}"
    temp.write_bytes(plan.read_bytes()[:40])
    return lock, temp


@pytest.mark.parametrize("view", [["status"], ["list"], ["show", "1.1"], ["check"]])
def test_a_read_command_removes_what_a_killed_change_left_beside_the_plan(plan_file, view):
    """A clone where plan git-setup never ran: after a crash mid-write, plan.toml.lock and
    .plan.toml.*.quanhu-tmp showed in git status until the next change; a view now tidies
    them, as a change does, taking the lock as a change would (so no live writer's)."""
    small(plan_file)
    before = plan_file.read_bytes()
    lock, temp = leftovers(plan_file)
    mine = plan_file.parent / ".plan.toml.backup.quanhu-tmp"  # not a name the tool gives
    mine.write_text("mine", encoding="utf-8")
    result = invoke(plan_file, *view)
    assert result.exit_code == 0, result.output
    assert not lock.exists() and not temp.exists()
    assert mine.read_text(encoding="utf-8") == "mine"
    assert plan_file.read_bytes() == before
    assert sorted(p.name for p in plan_file.parent.iterdir() if p.name != "cache") == sorted(
        ["plan.toml", mine.name]
    )


def test_a_read_command_leaves_a_live_writers_lock_and_temp_file_alone(plan_file):
    from quanhu_plan import store

    small(plan_file)
    lock, temp = leftovers(plan_file)
    with store.locked(plan_file.resolve()):  # a change being made this very moment
        result = invoke(plan_file, "status")
        assert result.exit_code == 0, result.output  # a view does not wait for it
        assert temp.exists() and lock.exists()
    assert not lock.exists()  # its holder lets go and removes it
    assert temp.exists()  # the writer's own (it removes it or renames it): a view took nothing
