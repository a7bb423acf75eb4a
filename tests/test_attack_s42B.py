"""Session 42, helper B: six small defects left from earlier sessions, each through the CLI.

1. An --as-of before the plan starts showed what the file holds as done already.
2. plan check warned of a July–June period whose year is the one it ends in.
3. A key with a line break ("自评得分\\n") was taken for the report's 自评得分 column.
4. A --who/--owner typed as the file writes several names (王五、赵六) found nothing.
5. A lone carriage return showed as a space in the Markdown report and messages, \\x0d elsewhere.
6. ``plan -f nope/ done 1.1`` advised ``plan -f nope init``, which makes a file ``nope``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import towns_with_a_july_year, write_plan


def words(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- 1. --as-of before the start

ITEMS = [
    {"id": "1", "title": "基础设施"},
    {"id": "1.1", "title": "修塘", "measure": "处", "target": 40, "actual": 20},
    {"id": "1.2", "title": "安装路灯", "status": "done", "done_on": dt.date(2023, 3, 1)},
    {"id": "1.3", "title": "修机耕道", "progress": 50},
]


def test_an_as_of_before_the_start_shows_nothing_done_in_every_view(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    write_plan(plan_file, ITEMS)
    before = plan_file.read_bytes()
    on = ["--as-of", "2022-12-01"]
    status = runner.invoke(app, ["status", "--json", *on])
    assert status.exit_code == 0, status.output
    assert "注意：截至日期 2022-12-01 早于计划开始（2023-01-01）" in words(status.stderr)
    total = json.loads(status.stdout)["rows"][-1]
    assert (total["completion"], total["done"], total["total"]) == (0, 0, 3)
    listed = json.loads(runner.invoke(app, ["list", "--json", *on]).stdout)
    tasks = [item for item in listed if item["id"] != "1"]
    assert {item["status"] for item in tasks} == {"todo"}
    assert all(not item.get("progress") and not item.get("actual") for item in tasks)
    shown = runner.invoke(app, ["show", "1.1", *on]).stdout
    assert "未开始" in shown and "完成值" not in shown and "50%" not in shown
    report = json.loads(runner.invoke(app, ["report", "--format", "json", *on]).stdout)
    assert report["overview"]["total"] == 3 and report["overview"]["done"] == 0
    md = runner.invoke(app, ["report", "--format", "md", *on]).stdout
    assert "已销号" not in md and "已完成1项" not in md and "完成率50%" not in md
    out = tmp_path / "进度.csv"
    exported = runner.invoke(app, ["export", "--out", str(out), *on])
    assert exported.exit_code == 0, exported.output
    rows = out.read_text(encoding="utf-8-sig")
    assert "已完成" not in rows and "进行中" not in rows and "未开始" in rows
    assert plan_file.read_bytes() == before


def test_a_july_to_june_plan_a_day_before_july_shows_nothing_done_in_english(
    runner: CliRunner, plan_file: Path
) -> None:
    write_plan(
        plan_file,
        [{"id": "1", "title": "Roads", "progress": 40}],
        start=dt.date(2023, 7, 1),
        end=dt.date(2024, 6, 30),
        lang="en",
    )
    result = runner.invoke(app, ["status", "--as-of", "2023-06-30"])
    assert result.exit_code == 0, result.output
    assert "was --as-of 2024-06-30 meant?" in words(result.stderr)
    assert "40%" not in result.stdout and "0%" in result.stdout
    # its first day is within it: what the file holds counts from then
    assert "40%" in runner.invoke(app, ["status", "--as-of", "2023-07-01"]).stdout


def test_a_county_row_of_a_plan_not_begun_shows_nothing_done(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = towns_with_a_july_year(tmp_path / "各镇")  # 三塘镇: July–June, progress 10 typed
    result = runner.invoke(app, ["county", str(folder), "--as-of", "2023-06-30", "--json"])
    assert result.exit_code == 0, result.output
    rows = {row["organisation"]: row for row in json.loads(result.stdout)["rows"]}
    late = rows["三塘镇人民政府"]
    assert late["rank"] is None
    assert late["completion"] == 0 and late["done"] == 0 and late["total"] == 1
    assert rows["甲镇人民政府"]["rank"] == 1
    # from its first day on, what its file holds counts
    result = runner.invoke(app, ["county", str(folder), "--as-of", "2023-07-01", "--json"])
    rows = {row["organisation"]: row for row in json.loads(result.stdout)["rows"]}
    assert rows["三塘镇人民政府"]["completion"] == 0.1


# ---------------------------------------------------------------- 2. a July–June year


def test_check_takes_a_july_to_june_period_as_of_either_year_it_meets(
    runner: CliRunner, plan_file: Path
) -> None:
    for year in (2024, 2023):  # named by the year it ends in, or starts in
        write_plan(
            plan_file,
            [{"id": "1", "title": "修路", "due": dt.date(2024, 3, 31)}],
            year=year,
            start=dt.date(2023, 7, 1),
            end=dt.date(2024, 6, 30),
        )
        result = runner.invoke(app, ["check"])
        assert result.exit_code == 0, result.output
        assert "不在年度" not in result.output and "值得留意" not in result.output, year


def test_check_names_a_year_that_disagrees_with_the_command_that_keeps_the_period(
    runner: CliRunner, plan_file: Path
) -> None:
    write_plan(
        plan_file,
        [{"id": "1", "title": "修路", "due": dt.date(2024, 3, 31)}],
        year=2022,
        start=dt.date(2023, 7, 1),
        end=dt.date(2024, 6, 30),
        title="三塘镇2023—2024年度工作计划",
    )
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    said = words(result.output)
    assert "计划期 2023-07-01 至 2024-06-30 不在年度 2022 之内" in said
    advised = "plan header --year 2023 --start 2023-07-01 --end 2024-06-30"
    assert advised in said
    assert "或用 plan header --year 改年度" not in said  # (--year alone moves the period)
    fixed = runner.invoke(app, advised.split()[1:])
    assert fixed.exit_code == 0, fixed.output
    # the title names the period kept: not said to name the old year (to be renamed 2024—2025)
    assert "写的还是" not in fixed.output and "2024—2025" not in fixed.output
    meta = tomllib.loads(plan_file.read_text(encoding="utf-8"))["plan"]
    assert (meta["year"], meta["start"], meta["end"]) == (
        2023,
        dt.date(2023, 7, 1),
        dt.date(2024, 6, 30),
    )
    assert "不在年度" not in runner.invoke(app, ["check"]).output


# ---------------------------------------------------------------- 3. exact column keys


def test_a_key_with_a_line_break_is_not_the_points_earned_column(
    runner: CliRunner, plan_file: Path
) -> None:
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "党建"},
            {"id": "1.1", "title": "修路", "weight": 10, "自评得分\n": 8},
            {"id": "1.2", "title": "修桥", "weight": 20, "完成时限原文\n": "长期坚持"},
        ],
        weight_header="分值",
    )
    result = runner.invoke(app, ["report", "--format", "md"])
    assert result.exit_code == 0, result.output
    assert "分值合计30分" in result.stdout
    assert "自评得分" not in result.stdout
    listed = runner.invoke(app, ["list"])
    assert "长期坚持" not in listed.stdout  # no deadline's words: a field of its own
    # the exact key is the column, as before
    write_plan(
        plan_file,
        [{"id": "1", "title": "党建"}, {"id": "1.1", "title": "修路", "weight": 10, "自评得分": 8}],
        weight_header="分值",
    )
    result = runner.invoke(app, ["report", "--format", "md"])
    assert "自评得分合计8分" in result.stdout.replace(" ", "")


# ---------------------------------------------------------------- 4. several names typed

OWNED = [
    {"id": "1", "title": "党建"},
    {"id": "1.1", "title": "修路", "owner": "张三;李四", "progress": 50},
    {"id": "1.2", "title": "修桥", "owner": "王五；赵六"},
    {"id": "1.3", "title": "修塘", "owner": "孙七"},
]


@pytest.mark.parametrize("typed", ["王五、赵六", "王五；赵六", "赵六;王五"])
def test_list_who_finds_the_tasks_of_names_typed_together(
    runner: CliRunner, plan_file: Path, typed: str
) -> None:
    write_plan(plan_file, OWNED)
    result = runner.invoke(app, ["list", "--who", typed])
    assert result.exit_code == 0, result.output
    assert "1.2 修桥" in result.stdout
    assert "1.1 修路" not in result.stdout and "1.3 修塘" not in result.stdout


def test_report_owner_and_export_who_read_several_names_as_status_by_owner_does(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    write_plan(plan_file, OWNED)
    grouped = runner.invoke(app, ["status", "--by", "owner", "--json"])
    titles = [row["title"] for row in json.loads(grouped.stdout)["rows"]]
    assert titles[:5] == ["张三", "李四", "王五", "赵六", "孙七"]
    result = runner.invoke(app, ["report", "--owner", "张三;李四", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["overview"]["total"] == 1
    md = runner.invoke(app, ["report", "--owner", "张三、孙七", "--format", "md"])
    assert "责任人：张三、孙七" in md.stdout  # whom it matched, by role
    assert (
        json.loads(
            runner.invoke(app, ["report", "--owner", "张三、孙七", "--format", "json"]).stdout
        )["overview"]["total"]
        == 2
    )
    out = tmp_path / "赵六.xlsx"
    result = runner.invoke(app, ["export", "--who", "王五；赵六", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists() and "1 项任务" in result.output


# ---------------------------------------------------------------- 5. a lone carriage return

CR = [{"id": "1", "title": "党\r建"}, {"id": "1.1", "title": "修\r路", "owner": "张\r三"}]


def test_a_carriage_return_shows_as_its_escape_in_markdown_as_on_the_terminal(
    runner: CliRunner, plan_file: Path
) -> None:
    write_plan(plan_file, CR)
    terminal = runner.invoke(app, ["report"])
    assert "修\\x0d路" in terminal.stdout
    md = runner.invoke(app, ["report", "--format", "md"])
    assert md.exit_code == 0, md.output
    assert "修 路" not in md.stdout and "张 三" not in md.stdout
    assert "修\\\\x0d路" in md.stdout  # (\x0d, its backslash escaped for Markdown)
    assert "\r" not in md.stdout
    # a Windows line end is a line break still: the title on one line, as a line feed
    write_plan(plan_file, [{"id": "1", "title": "党建"}, {"id": "1.1", "title": "修\r\n路"}])
    md = runner.invoke(app, ["report", "--format", "md"])
    assert "| 1.1 | 修路 |" in md.stdout and "x0d" not in md.stdout


def test_a_carriage_return_shows_as_its_escape_in_a_changes_message(
    runner: CliRunner, plan_file: Path, clock: object
) -> None:
    write_plan(plan_file, CR)
    result = runner.invoke(app, ["done", "1.1", "--on", "2023-01-01"])
    assert result.exit_code == 0, result.output
    assert "已销号 1.1 修\\x0d路" in result.output
    listed = runner.invoke(app, ["list"])
    assert "修\\x0d路" in listed.stdout


def test_a_conflicts_title_on_one_line_keeps_a_carriage_return_for_its_escape() -> None:
    from quanhu_plan.merging.conflicts import one_line

    assert one_line("修\r路  东\n段\r\n二") == "修\r路 东 段 二"


# ---------------------------------------------------------------- 6. a folder as the plan


def test_a_folder_not_there_is_said_so_and_the_advice_makes_its_plan_toml(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PLAN_FILE")
    result = runner.invoke(app, ["-f", "nope/", "done", "1.1"])
    assert result.exit_code == 1
    said = words(result.stderr)
    assert "无法读取 nope/" in said and "没有这个文件夹" in said and "nope/plan.toml" in said
    assert "plan -f nope init" not in said and "--out nope " not in said
    assert "plan -f nope/ init" in said
    assert "--out nope/ " in said
    advised = ["-f", "nope/", "init"]
    assert runner.invoke(app, advised).exit_code == 0
    assert (tmp_path / "nope" / "plan.toml").is_file()
    done = runner.invoke(app, ["-f", "nope/plan.toml", "done", "1.1.1", "--on", "2023-05-01"])
    assert done.exit_code == 0, done.output


def test_a_folder_not_there_read_by_a_view_and_set_in_plan_file(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["--lang", "en", "-f", "gone/", "status"])
    assert result.exit_code == 1
    said = words(result.stderr)
    assert "Cannot read gone/" in said and "no such folder" in said
    assert "gone/plan.toml" in said
    monkeypatch.setenv("PLAN_FILE", "away/")
    result = runner.invoke(app, ["done", "1.1"])
    said = words(result.stderr)
    assert "无法读取 away/" in said and "plan -f away/ init" in said
    assert "plan -f away init" not in said
    assert not os.path.exists(tmp_path / "away")
