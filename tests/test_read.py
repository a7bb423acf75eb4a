"""The read-only commands through the CLI: status, list, show, init, check; which file; language."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.trace import sort_time

from .conftest import REPO_PLAN, SMALL_ITEMS, write_plan

AS_OF = ["--as-of", "2023-04-01"]


def invoke(runner: CliRunner, *args: str):
    return runner.invoke(app, list(args))


def lines_with(output: str, text: str) -> list[str]:
    return [line for line in output.splitlines() if text in line]


def cells(line: str) -> list[str]:
    return line.split()


# ---------------------------------------------------------------- status


def test_status_shows_a_row_per_part_with_counts_completion_and_pace(runner, small_plan):
    result = invoke(runner, "status", *AS_OF)
    assert result.exit_code == 0, result.output
    assert "测试镇2023年工作计划 · 截至 2023-04-01" in result.output
    header = lines_with(result.output, "完成/总数")[0]
    assert cells(header) == [
        "编号",
        "事项",
        "完成/总数",
        "完成率",
        "超进度",
        "达进度",
        "欠进度",
        "逾期",
        "红/黄",
    ]
    assert cells(lines_with(result.output, "基础设施")[0]) == [
        "1",
        "基础设施",
        "1/3",
        "67%",
        "███░",
        "1",
        "0",
        "0",
        "1",
        "1/0",  # 1.3 overdue: red
    ]
    assert cells(lines_with(result.output, "社会事业")[0]) == [
        "2",
        "社会事业",
        "0/2",
        "40%",
        "██░░",
        "1",
        "0",
        "1",
        "0",
        "1/0",  # 2.2 blocked at 0 % with 25 % due: more than 20 points behind, red
    ]
    assert cells(lines_with(result.output, "合计")[0]) == [
        "合计",
        "1/5",
        "53%",
        "██░░",
        "2",
        "0",
        "1",
        "1",
        "2/0",
    ]


def test_status_columns_line_up_with_cjk_titles(runner, small_plan):
    from rich.cells import cell_len

    result = invoke(runner, "status", *AS_OF)
    rows = [line for line in result.output.splitlines() if re.search("[█░]", line)]
    ends = {cell_len(line.rstrip()) for line in rows}
    bar_columns = {cell_len(line[: re.search("[█░]", line).start()]) for line in rows}
    assert len(ends) == 1 and len(bar_columns) == 1, result.output


def test_status_lists_goals_under_their_part(runner, plan_file):
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "部分"},
            {"id": "1.1", "title": "目标甲"},
            {"id": "1.1.1", "title": "任务", "status": "done"},
        ],
    )
    result = invoke(runner, "status")
    assert result.exit_code == 0
    rows = [cells(line) for line in result.output.splitlines() if re.search("[█░]", line)]
    assert [row[:4] for row in rows[:2]] == [
        ["1", "部分", "1/1", "100%"],
        ["1.1", "目标甲", "1/1", "100%"],
    ]


def test_status_by_unit_groups_tasks_by_lead_unit(runner, small_plan):
    result = invoke(runner, "status", "--by", "unit", *AS_OF)
    assert result.exit_code == 0, result.output
    assert "按牵头单位" in result.output
    assert cells(lines_with(result.output, "规划办")[0])[:3] == ["规划办", "0/1", "0%"]
    assert cells(lines_with(result.output, "综治办")[0])[:3] == ["综治办", "0/1", "80%"]
    assert cells(lines_with(result.output, "（未指定）")[0])[:3] == ["（未指定）", "1/3", "67%"]


def test_status_by_lead_and_owner(runner, small_plan):
    assert "王五" in invoke(runner, "status", "--by", "owner").output
    result = invoke(runner, "status", "--by", "lead")
    assert result.exit_code == 0 and "按责任领导" in result.output


def test_status_json_carries_the_same_figures(runner, small_plan):
    result = invoke(runner, "status", "--json", *AS_OF)
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["as_of"] == "2023-04-01" and data["plan"]["title"] == "测试镇2023年工作计划"
    first = data["rows"][0]
    assert (first["id"], first["done"], first["total"], first["completion"]) == ("1", 1, 3, 0.6667)
    assert first["pace"] == {
        "done": 1,
        "ahead": 1,
        "on_pace": 0,
        "behind": 0,
        "overdue": 1,
        "dropped": 0,
        "ongoing": 0,
    }
    assert data["total"]["done"] == 1 and data["total"]["total"] == 5


def test_status_defaults_to_the_plans_end_for_a_past_plan(runner, small_plan):
    result = invoke(runner, "status")
    assert "截至 2023-12-31" in result.output


def test_status_in_english(runner, small_plan):
    result = invoke(runner, "status", "--lang", "en", *AS_OF)
    assert result.exit_code == 0
    assert (
        "As of 2023-04-01" in result.output
        and "Overdue" in result.output
        and "Total" in result.output
    )
    env_result = runner.invoke(app, ["status"], env={"PLAN_LANG": "en"})
    assert "As of" in env_result.output
    before_command = invoke(runner, "--lang", "en", "status")
    assert "As of" in before_command.output


def test_status_of_the_embedded_2023_plan(runner, monkeypatch, tmp_path):
    monkeypatch.delenv("PLAN_FILE")
    result = invoke(runner, "status")
    assert result.exit_code == 0, result.output
    assert "泉湖镇2023年工作计划" in result.output
    for part in ("打牢一个基础", "培育两大产业", "巩固三项改革", "守住四条底线", "抓好五项重点"):
        assert part in result.output
    assert cells(lines_with(result.output, "合计")[0])[:2] == ["合计", "0/24"]


def test_output_to_a_pipe_has_no_colour_codes(small_plan):
    env = {**os.environ, "PLAN_FILE": str(small_plan)}
    env.pop("NO_COLOR", None)
    env.pop("TERM", None)
    done = subprocess.run(
        [sys.executable, "-m", "quanhu_plan", "status"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert "\x1b[" not in done.stdout and "基础设施" in done.stdout


@pytest.mark.parametrize("command", ["status", "list", "log"])
def test_status_list_and_log_to_a_pipe_are_written_without_loading_riches_console(
    small_plan, command
):
    """status, list and log, the commands started most often, write plain text to a pipe or a
    file themselves: rich's console (a fifth of a start) is not loaded; the characters are
    rich's (see tests/test_view_output.py)."""
    noted = CliRunner().invoke(app, ["--file", str(small_plan), "note", "1.1", "基础设施进展"])
    assert noted.exit_code == 0, noted.output
    env = {**os.environ, "PLAN_FILE": str(small_plan), "COLUMNS": "100"}
    for name in ("NO_COLOR", "TERM", "FORCE_COLOR", "TTY_COMPATIBLE"):
        env.pop(name, None)
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "quanhu_plan", command],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert "基础设施" in done.stdout and "\x1b[" not in done.stdout
    assert max(len(line) for line in done.stdout.splitlines()) <= 100
    rich_console = re.compile(r"\|\s+rich\.console$", re.MULTILINE)  # -X importtime's lines
    assert not rich_console.search(done.stderr)
    view = "trace" if command == "log" else command
    assert f"quanhu_plan.terminal.{view}_view" in done.stderr
    forced = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "quanhu_plan", command],
        capture_output=True,
        text=True,
        env={**env, "FORCE_COLOR": "1"},
        check=True,
    )
    # Colour forced (as at a terminal): drawn without rich too (terminal/ansi.py)
    assert "\x1b[" in forced.stdout and not rich_console.search(forced.stderr)


def test_status_loads_neither_the_toml_reader_nor_the_merge_nor_the_change_machinery(small_plan):
    """plan status on a plan read before (in the parse cache) parses no TOML and changes
    nothing: it does not load the TOML reader, the merge code (the three-way merge, nor the
    conflicts: its sketches say it holds none) or what a change needs (delta, the TOML
    writer)."""
    env = {**os.environ, "PLAN_FILE": str(small_plan)}
    run = [sys.executable, "-X", "importtime", "-m", "quanhu_plan", "status"]
    subprocess.run(run, capture_output=True, env=env, check=True)  # the cache filled
    done = subprocess.run(run, capture_output=True, text=True, env=env, check=True)
    assert "基础设施" in done.stdout
    loaded = set(re.findall(r"\|\s+([\w.]+)$", done.stderr, re.MULTILINE))
    assert "quanhu_plan.records" in loaded  # (what it draws: the importtime lines are read)
    # No conflict in the plan's sketches: the code that finds them is not loaded either.
    assert not loaded & {"tomli", "tomllib", "tomli_w", "quanhu_plan.merging.three_way"}
    assert "quanhu_plan.merging.conflicts" not in loaded
    assert "quanhu_plan.delta" not in loaded


def test_a_long_output_written_to_a_file_is_whole_when_plan_has_exited(plan_file, tmp_path):
    """plan leaves without tearing the interpreter down (entry.leave): what it printed is
    flushed first, to the last line, and the exit code is the command's."""
    items = [{"id": str(n), "title": f"第{n}部分"} for n in range(1, 801)]
    items += [{"id": f"{n}.1", "title": "任务", "progress": n % 100} for n in range(1, 801)]
    write_plan(plan_file, items)
    env = {**os.environ, "PLAN_FILE": str(plan_file), "QUANHU_PLAN_CACHE": "off"}
    env.pop("PYTHONUNBUFFERED", None)  # stdout to a file buffered, as on an office PC
    for args, whole in (
        (["status"], lambda text: "合计" in text.splitlines()[-1]),
        # print()ed: the JSON goes out at once, its line end is what stays in the buffer
        (["list", "--json"], lambda text: text.endswith("]\n") and len(json.loads(text)) == 1600),
    ):
        out = tmp_path / "out.txt"
        with out.open("w", encoding="utf-8") as handle:
            command = [sys.executable, "-m", "quanhu_plan", *args]
            assert subprocess.run(command, stdout=handle, env=env).returncode == 0
        assert whole(out.read_text(encoding="utf-8")), args
    refused = subprocess.run(
        [sys.executable, "-m", "quanhu_plan", "show", "no-such-item"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert refused.returncode == 1 and "no-such-item" in refused.stderr


def test_status_piped_into_a_reader_that_stops_exits_quietly(plan_file):
    """``plan status | head -3`` on a long status table: the reader goes away after three
    lines; plan stops without a traceback or a word on stderr."""
    items = [{"id": str(n), "title": f"第{n}部分"} for n in range(1, 1501)]
    items += [{"id": f"{n}.1", "title": "任务", "progress": n % 100} for n in range(1, 1501)]
    write_plan(plan_file, items)
    env = {**os.environ, "PLAN_FILE": str(plan_file), "QUANHU_PLAN_CACHE": "off"}
    done = subprocess.run(
        f"{sys.executable} -m quanhu_plan status | head -3",
        shell=True,
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert len(done.stdout.splitlines()) == 3 and done.stderr == ""


# ---------------------------------------------------------------- list


def test_list_shows_the_tree_with_check_marks_status_and_responsible(runner, small_plan):
    result = invoke(runner, "list", *AS_OF)
    assert result.exit_code == 0
    out = result.output
    assert "├── 1 基础设施  1/3 · 67%" in out
    assert "[x] 1.2 安装路灯  已完成" in out
    assert "[~] 1.3 修机耕道  红灯  进行中 · 逾期 · 50% · 完成时限：2023-03-31" in out
    assert "[!] 2.2 [x] 自建房排查  红灯  受阻 · 欠进度 · 责任：规划办 / 王五" in out
    assert "[-] 2.1 花鼓戏下乡  已取消" in out
    # A done or dropped task's pace class is its status: the word is said once, not twice.
    assert out.count("已完成") == 1 and out.count("已取消") == 1, out
    english = invoke(runner, "list", "--lang", "en", *AS_OF).output
    assert "[x] 1.2 安装路灯  done\n" in english and "done · done" not in english
    assert "[~] 1.3 修机耕道  red  in progress · overdue · 50% · Due: 2023-03-31" in english


@pytest.mark.parametrize(
    ("args", "kept"),
    [
        (["--status", "done"], ["1.2"]),
        (["--status", "已取消"], ["2.1"]),
        (["--status", "blocked", "--status", "dropped"], ["2.1", "2.2"]),
        (["--pace", "overdue"], ["1.3"]),
        (["--pace", "超进度"], ["1.1", "2.3"]),
        (["--who", "王"], ["2.2"]),
        (["--who", "综治"], ["2.3"]),
        (["--due-before", "2023-06-01"], ["1.3"]),
        (["--part", "2"], ["2.1", "2.2", "2.3"]),
        (["--part", "基础"], ["1.1", "1.2", "1.3"]),
        (["--part", "2", "--status", "doing"], ["2.3"]),  # progress, no status: 进行中
    ],
)
def test_list_filters(runner, small_plan, args, kept):
    result = invoke(runner, "list", "--json", *AS_OF, *args)
    assert result.exit_code == 0, result.output
    tasks = [item["id"] for item in json.loads(result.output) if item["kind"] == "task"]
    assert tasks == kept
    flat = invoke(runner, "list", "--flat", *AS_OF, *args)
    shown = [
        m.group(1)
        for line in flat.output.splitlines()
        if (m := re.match(r"\s*\[.\]\s+(\S+)", line))
    ]
    assert shown == kept


def test_list_keeps_goals_above_the_tasks_it_shows(runner, small_plan):
    result = invoke(runner, "list", "--status", "done")
    assert "1 基础设施" in result.output and "社会事业" not in result.output


def test_list_with_nothing_matching_says_so(runner, small_plan):
    result = invoke(runner, "list", "--who", "没有这个人")
    assert result.exit_code == 0 and "没有符合条件的事项。" in result.output


def test_list_flat_is_a_table_of_tasks(runner, small_plan):
    result = invoke(runner, "list", "--flat", *AS_OF)
    assert result.exit_code == 0
    assert cells(lines_with(result.output, "修机耕道")[0]) == [
        "[~]",
        "1.3",
        "修机耕道",
        "进行中",  # progress 50, no status written (model.task_status)
        "逾期",
        "50%",
        "红灯",
        "2023-03-31",
    ]
    assert cells(lines_with(result.output, "自建房排查")[0])[:5] == [
        "[!]",
        "2.2",
        "[x]",
        "自建房排查",
        "受阻",
    ]


def test_list_rejects_an_unknown_status_with_usage_error(runner, small_plan):
    result = invoke(runner, "list", "--status", "finished")
    assert result.exit_code == 2 and "finished" in result.output


# ---------------------------------------------------------------- show


def test_show_prints_every_field_and_the_computed_pace(runner, small_plan):
    result = invoke(runner, "show", "1.1", *AS_OF)
    assert result.exit_code == 0
    out = result.output
    assert "1.1 修塘（任务）" in out
    for label, value in [
        ("上级", "1 基础设施"),
        ("计量单位", "处"),
        ("基数", "30"),
        ("目标值", "40"),
        ("完成值", "20"),
        ("完成率", "50%"),
        ("序时进度", "超进度"),
    ]:
        assert any(cells(line)[:1] == [label] and value in line for line in out.splitlines()), label


def test_show_by_title_fragment(runner, small_plan):
    result = invoke(runner, "show", "机耕")
    assert result.exit_code == 0 and "1.3 修机耕道" in result.output


def test_show_keeps_brackets_in_titles(runner, small_plan):
    result = invoke(runner, "show", "自建房")
    assert "2.2 [x] 自建房排查" in result.output and "资料不全" in result.output


def test_show_lists_the_log_and_unknown_fields(runner, plan_file):
    import datetime as dt

    log = [{"on": dt.date(2023, 2, 1), "by": "李四", "action": "note", "note": "[重要] 已开工"}]
    write_plan(plan_file, [{"id": "1", "title": "任务", "colour": "红", "log": log}])
    result = invoke(runner, "show", "1")
    assert "colour" in result.output and "红" in result.output
    assert (
        "2023-02-01" in result.output
        and "[重要] 已开工" in result.output
        and "李四" in result.output
    )


def test_show_of_a_task_lists_its_newest_50_entries_and_all_with_all(runner, plan_file):
    """A task noted on every day of a year has hundreds of entries: show lists the newest 50
    (as plan log does) and says how to see every one; --all lists them all."""
    import datetime as dt

    log = [
        {"on": dt.date(2023, 1, 1) + dt.timedelta(days=n), "action": "note", "note": f"第{n}天"}
        for n in range(60)
    ]
    write_plan(plan_file, [{"id": "1", "title": "每日巡查", "log": log}])
    cut = invoke(runner, "show", "1")
    assert "第59天" in cut.output and "第10天" in cut.output and "第9天" not in cut.output
    assert "（共 60 条，只显示了最新的 50 条；plan show 1 --all 列出全部记录。）" in cut.output
    everything = invoke(runner, "show", "1", "--all")
    assert "第0天" in everything.output and "只显示了" not in everything.output
    assert plan_file.read_text(encoding="utf-8").count("[[item.log]]") == 60


def test_show_goal_lists_its_children(runner, small_plan):
    result = invoke(runner, "show", "2", *AS_OF)
    assert "（目标）" in result.output
    assert cells(lines_with(result.output, "2.3")[0]) == ["2.3", "[~]", "禁毒讲座", "80%"]


def test_show_json(runner, small_plan):
    data = json.loads(invoke(runner, "show", "1.3", "--json", *AS_OF).output)
    assert (
        data["id"] == "1.3"
        and data["pace"] == "overdue"
        and data["due"] == "2023-03-31"
        and data["parent"] == "1"
    )


def test_ambiguous_name_lists_candidates_and_fails(runner, small_plan):
    write_plan(small_plan, [*SMALL_ITEMS, {"id": "1.4", "title": "修塘护坡"}])
    result = invoke(runner, "show", "修塘")
    assert result.exit_code == 1
    assert (
        "与 2 个事项相符" in result.output
        and "1.1  修塘" in result.output
        and "1.4  修塘护坡" in result.output
    )
    assert "Traceback" not in result.output


def test_unknown_name_fails_with_a_hint(runner, small_plan):
    result = invoke(runner, "show", "9.9")
    assert result.exit_code == 1
    assert "没有编号或名称为“9.9”的事项" in result.output and "plan list" in result.output


# ---------------------------------------------------------------- init and check


def test_init_writes_the_embedded_plan_and_refuses_to_overwrite(runner, tmp_path):
    target = tmp_path / "new" / "plan.toml"
    target.parent.mkdir()
    result = invoke(runner, "init", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == REPO_PLAN.read_bytes()
    assert "已写入" in result.output and "34 个事项" in result.output
    target.write_text("mine", encoding="utf-8")
    again = invoke(runner, "init", str(target))
    assert again.exit_code == 1 and "已经存在" in again.output
    assert target.read_text(encoding="utf-8") == "mine"


def test_init_into_a_folder_writes_plan_toml_there(runner, tmp_path):
    folder = tmp_path / "office"
    folder.mkdir()
    assert invoke(runner, "init", str(folder)).exit_code == 0
    assert (folder / "plan.toml").read_bytes() == REPO_PLAN.read_bytes()


def test_init_into_a_new_folder_named_with_a_slash_makes_it_and_writes_plan_toml(
    runner, tmp_path, monkeypatch
):
    # plan init 2024/ means a folder: not a file named 2024 that no plan command then finds.
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "init", "2024 计划/")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "2024 计划" / "plan.toml").read_bytes() == REPO_PLAN.read_bytes()
    assert result.stdout.startswith("已写入 2024 计划/plan.toml（34 个事项）。")
    deeper = invoke(runner, "init", "没有/这个/")
    assert deeper.exit_code == 1
    assert "所在的文件夹不存在" in deeper.stderr
    assert not (tmp_path / "没有").exists()


def test_init_then_status_uses_the_copy(runner, tmp_path, monkeypatch):
    monkeypatch.delenv("PLAN_FILE")
    assert invoke(runner, "init").exit_code == 0
    assert (tmp_path / "plan.toml").is_file()
    assert "泉湖镇2023年工作计划" in invoke(runner, "status").output


def test_init_under_another_name_says_to_use_it_with_f(runner, tmp_path, monkeypatch):
    # Only plan.toml is found by itself: a plan written under another name is used with -f,
    # and the advice it gives works as said.
    monkeypatch.delenv("PLAN_FILE")
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "init", "2024计划.toml")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "已写入 2024计划.toml（34 个事项）。只有名为 plan.toml 的计划会被自动找到：使用这份计划时"
        "请加 -f，如 plan -f 2024计划.toml status，或把环境变量 PLAN_FILE 设为这个文件。\n"
    )
    assert "泉湖镇2023年工作计划" in invoke(runner, "-f", "2024计划.toml", "status").stdout
    english = invoke(runner, "--lang", "en", "init", "my plan.toml")
    assert 'use this one with -f, as in plan -f "my plan.toml" status' in english.stdout
    # plan.toml: found by itself (--force: beside the plans just written, plain init refuses)
    assert "即使用这份计划" in invoke(runner, "init", "--force").stdout


def test_check_reports_every_problem_with_line_and_item(runner, plan_file):
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "甲", "status": "finished"},
            {"id": "1.1", "title": "乙", "progress": 150},
            {"id": "1.1", "title": "丙"},
        ],
    )
    result = invoke(runner, "check")
    assert result.exit_code == 1
    assert "发现 3 个问题" in result.output
    assert "事项 1，字段 status" in result.output
    assert "事项 1.1，字段 progress：发现 150" in result.output
    assert "编号重复" in result.output
    assert all("第 " in line and " 行" in line for line in result.output.splitlines()[1:])


def test_check_a_good_file(runner, small_plan):
    result = invoke(runner, "check", str(small_plan))
    # The dropped task said apart, as status counts the tasks (session 20).
    assert result.exit_code == 0
    said = "".join(result.output.split())  # folded at the terminal's width
    assert "没有发现问题（8个事项，5项任务，另有1项已取消）" in said


def test_check_a_syntax_error(runner, plan_file):
    plan_file.write_text('[plan]\ntitle = "x\n', encoding="utf-8")
    result = invoke(runner, "check")
    assert result.exit_code == 1
    assert f"{plan_file} 第 2 行第" in result.output and "不是有效的 TOML" in result.output


def test_a_bad_plan_fails_every_command_with_one_message(runner, plan_file):
    write_plan(plan_file, [{"id": "1", "title": "甲", "progress": 150}])
    for command in (["status"], ["list"], ["show", "1"]):
        result = invoke(runner, *command)
        assert result.exit_code == 1
        assert "不是有效的计划文件" in result.output and "progress" in result.output
        assert "Traceback" not in result.output


def test_a_missing_file_is_a_clear_error(runner, plan_file):
    result = invoke(runner, "status")
    assert result.exit_code == 1
    assert f"无法读取 {plan_file}" in result.output


# ---------------------------------------------------------------- which file


def test_file_option_wins_over_plan_file_env(runner, small_plan, tmp_path):
    other = write_plan(
        tmp_path / "other.toml", [{"id": "1", "title": "另一份计划的任务"}], title="另一份计划"
    )
    for args in (
        ["-f", str(other), "status"],
        ["status", "--file", str(other)],
        ["status", f"--file={other}"],
    ):
        assert "另一份计划" in invoke(runner, *args).output


def test_plan_toml_is_found_in_a_folder_above(runner, tmp_path, monkeypatch):
    monkeypatch.delenv("PLAN_FILE")
    write_plan(
        tmp_path / "plan.toml", [{"id": "1", "title": "上级目录的任务"}], title="上级目录的计划"
    )
    deeper = tmp_path / "a" / "b"
    deeper.mkdir(parents=True)
    monkeypatch.chdir(deeper)
    assert "上级目录的计划" in invoke(runner, "status").output


def test_bad_dates_and_languages_are_usage_errors(runner, small_plan):
    bad_date = invoke(runner, "status", "--as-of", "2023-02-30")
    assert (
        bad_date.exit_code == 2
        and "2023-02-30" in bad_date.output
        and "不是有效日期" in bad_date.output
        and "2023/6/30" in bad_date.output  # the forms that work
    )
    in_english = invoke(runner, "status", "--as-of", "2023-02-30", "--lang", "en")
    assert in_english.exit_code == 2 and "2023-06-30, 2023/6/30" in in_english.output
    bad_lang = invoke(runner, "status", "--lang", "fr")
    assert bad_lang.exit_code == 2 and "zh" in bad_lang.output


def test_python_dash_m_help_lists_every_command_with_its_help():
    import typer.main

    done = subprocess.run(
        [sys.executable, "-m", "quanhu_plan", "--help", "--lang", "en"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Usage: plan" in done.stdout
    listed = {
        m.group(1): m.group(2)
        for m in re.finditer(r"^  (\S+)\s+(\S.*)$", done.stdout.split("Commands:")[1], re.M)
    }
    for name, command in typer.main.get_command(app).commands.items():  # type: ignore[attr-defined]
        assert listed[name][:20] == command.help.split("\n")[0][:20]


def test_a_mistyped_command_suggests_the_right_one():
    done = subprocess.run(
        [sys.executable, "-m", "quanhu_plan", "stauts", "--lang", "en"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "Did you mean status" in done.stderr


def test_help_does_not_import_rich():
    code = "import sys; from quanhu_plan.cli import main; sys.argv=['plan','--help']\ntry:\n    main()\nexcept SystemExit:\n    pass\nprint('rich' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().endswith("False")


def test_repo_plan_path_is_what_tests_protect():
    assert Path(os.environ["PLAN_FILE"]).parent != REPO_PLAN.parent


def test_pager_is_used_on_a_terminal_only(runner, small_plan, tmp_path, monkeypatch):
    """Through a pipe --pager changes nothing; on a terminal the view goes to $PAGER."""
    assert runner.invoke(app, ["list", "--pager"]).output == runner.invoke(app, ["list"]).output
    if sys.platform == "win32":
        return
    from .test_hostile_text import run_on_a_terminal

    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("PAGER", f"cat > {paged}")
    monkeypatch.setenv("PLAN_FILE", str(small_plan))
    code, shown = run_on_a_terminal(["log", "--pager"])
    assert code == 0, shown
    code, shown = run_on_a_terminal(["list", "--pager"])
    assert code == 0, shown
    assert "修机耕道" in paged.read_text(encoding="utf-8")
    assert "修机耕道" not in shown  # it went to the pager, not straight to the terminal


def test_a_cell_shows_its_first_200_lines_and_says_how_many_there_are(runner, plan_file):
    note = "\n".join(f"第{n}行" for n in range(1, 1001))
    write_plan(
        plan_file,
        [{"id": "1", "title": "修塘", "log": [{"on": dt.date(2023, 5, 1), "note": note}]}],
    )
    shown = runner.invoke(app, ["log"]).output
    assert "第200行" in shown and "第201行" not in shown
    assert "…（共 1,000 行 / 1,000 lines）" in shown
    full = json.loads(runner.invoke(app, ["log", "--json"]).output)
    assert full[0]["note"] == note  # JSON keeps every line


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["at", "naive", "on", "none"]),
            st.integers(0, 5),  # few times: many entries written at the same time
        ),
        max_size=40,
    ),
    st.integers(1, 45),
)
@settings(max_examples=300, deadline=None)
def test_the_newest_entries_of_a_trace_are_its_first_in_newest_first_order(stamps, limit):
    """plan log and plan show list the newest N entries without ordering the whole trace:
    the same entries, in the same order, as the whole trace newest first, cut at N; of entries
    written at the same time, the later in the file first."""
    from quanhu_plan.trace import TraceRow, newest_first

    base = dt.datetime(2023, 5, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    rows = []
    for n, (kind, hour) in enumerate(stamps):
        when = base + dt.timedelta(hours=hour)
        entry: dict[str, Any] = {"action": "note", "note": str(n)}
        if kind == "at":
            entry["at"] = when
        elif kind == "naive":
            entry["at"] = when.replace(tzinfo=None)
        elif kind == "on":
            entry["on"] = when.date()
        rows.append(TraceRow(str(n % 3), "t", False, entry))
    whole = newest_first(rows)
    assert [r.entry["note"] for r in newest_first(rows, limit)] == [
        r.entry["note"] for r in whole[:limit]
    ]
    # newest first; the later in the file first among entries written at the same time
    ordered = sorted(range(len(rows)), key=lambda n: n, reverse=True)
    ordered.sort(key=lambda n: sort_time(rows[n].entry), reverse=True)
    assert [r.entry["note"] for r in whole] == [str(n) for n in ordered]


def test_ambiguous_name_lists_the_candidates_titles_in_one_column(runner, small_plan):
    """Ids of different lengths (and a wide one) before them: the titles still start in one
    column, so the office can read the list as a table."""
    extra = [{"id": "1.4", "title": "修塘护坡"}, {"id": "2.3.甲", "title": "修塘清淤"}]
    extra.insert(0, {"id": "2.3", "title": "修塘工程"})
    write_plan(small_plan, [*SMALL_ITEMS[:-1], *extra])
    result = invoke(runner, "show", "修塘")
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if "修塘" in line and "相符" not in line]
    assert len(lines) == 4, result.output
    from rich.cells import cell_len

    starts = {cell_len(line[: line.index("修塘")]) for line in lines}
    assert len(starts) == 1, result.output
