"""Next year's plan (plan new) and the plan's header (plan header): what the new file holds, that
the old one is untouched and never overwritten; a header change traced, logged and undone."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.store import embedded_plan_path

from .conftest import SMALL_ITEMS, write_plan


@pytest.fixture(autouse=True)
def login_name(monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "clerk")


def invoke(runner: CliRunner, *args: str):
    return runner.invoke(app, list(args))


def ok(runner: CliRunner, *args: str):
    result = invoke(runner, *args)
    assert result.exit_code == 0, result.output
    return result


def read(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def items(path: Path) -> dict[str, dict[str, Any]]:
    return {table["id"]: table for table in read(path)["item"]}


# ---------------------------------------------------------------- plan new


def test_new_sets_the_header_for_the_year_and_keeps_the_parts_not_the_tasks(runner, small_plan):
    before = small_plan.read_bytes()
    result = ok(runner, "new", "2024")
    new = Path("plan-2024.toml")
    assert (
        result.output == "已新建 测试镇2024年工作计划（2024-01-01 至 2024-12-31），写入 "
        "plan-2024.toml：保留 2 个部分和目标；原计划 "
        f"{small_plan} 没有改动。用 plan -f plan-2024.toml status 查看。\n"
        # Without --carry the unfinished tasks stay behind: said, with the way to carry them
        # (the old plan's report says 结转2024年继续推进 of them).
        "注意：原计划还有 4 项未完成的任务（1.1、1.3、2.2、2.3）没有结转；要结转，用 "
        "plan new 2024 --carry --force 重新新建。\n"
        '注意：1、2 下还没有任务，在新计划中暂按任务计；用 plan -f plan-2024.toml add 1 "…" 添加任务。\n'
    )
    assert small_plan.read_bytes() == before
    doc = read(new)
    assert doc["plan"] == {
        "title": "测试镇2024年工作计划",
        "organisation": "测试镇人民政府",
        "year": 2024,
        "start": dt.date(2024, 1, 1),
        "end": dt.date(2024, 12, 31),
        "lang": "zh",
    }
    assert [t["id"] for t in doc["item"]] == ["1", "2"]
    assert all("log" not in t for t in doc["item"])
    assert ok(runner, "-f", str(new), "check").output.startswith("plan-2024.toml：没有发现问题")


def test_new_with_carry_brings_the_unfinished_tasks_with_their_figures_and_a_carry_entry(
    runner, small_plan
):
    before = small_plan.read_bytes()
    result = ok(runner, "new", "2024", "--carry", "--out", "next.toml")
    assert "结转 4 项未完成任务（1.1、1.3、2.2、2.3）" in result.output
    assert small_plan.read_bytes() == before
    new = Path("next.toml")
    tables = items(new)
    assert list(tables) == ["1", "1.1", "1.3", "2", "2.2", "2.3"]  # 1.2 done, 2.1 dropped
    metric = tables["1.1"]
    assert (metric["measure"], metric["baseline"], metric["target"], metric["actual"]) == (
        "处",
        30,
        40,
        20,
    )
    assert "due" not in tables["1.3"] and tables["1.3"]["progress"] == 50
    blocked = tables["2.2"]
    assert (blocked["status"], blocked["reason"], blocked["owner"]) == (
        "blocked",
        "资料不全",
        "王五",
    )
    [entry] = tables["1.3"]["log"]
    assert {k: v for k, v in entry.items() if k != "at"} == {
        "on": dt.date(2024, 1, 1),
        "by": "clerk",
        "action": "carry",
        "note": "结转自2023年计划 1.3（测试镇2023年工作计划），原完成时限 2023-03-31",
        "after": {"progress": 50},
    }
    assert ok(runner, "-f", "next.toml", "check").exit_code == 0
    shown = ok(runner, "-f", "next.toml", "show", "2.2").output
    assert "结转  结转自2023年计划 2.2（测试镇2023年工作计划）" in shown
    assert "没有修改记录" not in shown  # the carried state is traced by its carry entry
    # A carry is where the new plan begins, not a change to take back.
    undone = invoke(runner, "-f", "next.toml", "undo")
    assert undone.exit_code == 1
    assert "没有可以撤销的修改" in undone.output


def test_new_without_structure_keeps_only_what_carried_tasks_hang_under(runner, plan_file):
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "基础设施"},
            {"id": "1.1", "title": "修塘", "status": "done", "done_on": dt.date(2023, 5, 1)},
            {"id": "2", "title": "社会事业"},
            {"id": "2.1", "title": "民生实事"},
            {"id": "2.1.1", "title": "禁毒讲座", "progress": 30},
        ],
        warning={"yellow": 10, "red": 20},
        source="某某文件",
    )
    ok(runner, "new", "2024", "--carry", "--no-structure", "--title", "测试镇2024年重点工作")
    doc = read(Path("plan-2024.toml"))
    assert [t["id"] for t in doc["item"]] == ["2", "2.1", "2.1.1"]
    assert doc["plan"]["title"] == "测试镇2024年重点工作"
    assert doc["plan"]["warning"] == {"yellow": 10, "red": 20}  # the office's thresholds stay
    assert "source" not in doc["plan"]  # the document the old plan came from is not the new one's


def test_new_refuses_to_overwrite_a_file_without_force(runner, small_plan):
    existing = Path("plan-2024.toml")
    existing.write_text("别的文件\n", encoding="utf-8")
    result = invoke(runner, "new", "2024")
    assert result.exit_code == 1
    assert "plan-2024.toml 已经存在，没有覆盖。如需覆盖请加 --force" in result.output
    assert existing.read_text(encoding="utf-8") == "别的文件\n"
    ok(runner, "new", "2024", "--force")
    assert read(existing)["plan"]["year"] == 2024


def test_new_never_writes_onto_the_old_plan_or_the_plan_in_use_even_with_force(
    runner, small_plan, tmp_path
):
    before = small_plan.read_bytes()
    onto_old = invoke(runner, "new", "2024", "--out", str(small_plan), "--force")
    assert onto_old.exit_code == 1
    assert "就是原计划文件" in onto_old.output and "plan new 从不覆盖它" in onto_old.output
    other = write_plan(tmp_path / "other.toml", SMALL_ITEMS)
    in_use = invoke(runner, "new", "2024", "--from", str(other), "--out", "plan.toml", "--force")
    assert in_use.exit_code == 1
    assert "就是正在使用的计划文件" in in_use.output
    assert small_plan.read_bytes() == before
    onto_embedded = invoke(runner, "new", "2024", "--out", str(embedded_plan_path()), "--force")
    assert onto_embedded.exit_code == 1
    assert "就是内置的2023年计划文件" in onto_embedded.output


def test_new_from_the_embedded_plan_when_no_plan_is_found(runner, monkeypatch):
    monkeypatch.delenv("PLAN_FILE")
    before = embedded_plan_path().read_bytes()
    ok(runner, "new", "2024", "--carry")
    doc = read(Path("plan-2024.toml"))
    assert doc["plan"]["title"] == "泉湖镇2024年工作计划"
    assert len([t for t in doc["item"] if "log" in t]) == 24  # nothing of 2023 is done there
    assert embedded_plan_path().read_bytes() == before


def test_new_needs_a_later_year(runner, small_plan):
    result = invoke(runner, "new", "2023")
    assert result.exit_code == 1
    assert "新计划的年度应晚于原计划的 2023 年，收到 2023。" in result.output
    assert not Path("plan-2023.toml").exists()


def test_new_says_it_in_english_for_an_english_plan(runner, plan_file):
    write_plan(plan_file, SMALL_ITEMS, title="Test town work plan 2023", lang="en")
    result = ok(runner, "new", "2024", "--carry")
    assert result.output.startswith(
        "Made Test town work plan 2024 (2024-01-01 to 2024-12-31) in plan-2024.toml: 2 parts "
        "and goals kept, 4 unfinished tasks carried over (1.1, 1.3, 2.2, 2.3)"
    )
    note = items(Path("plan-2024.toml"))["1.1"]["log"][0]["note"]
    assert note == "Carried over from the 2023 plan, 1.1 (Test town work plan 2023)"
    assert "not carried" not in result.output  # (all of them were)


def test_new_without_carry_says_which_unfinished_tasks_stayed_behind(runner, plan_file):
    write_plan(plan_file, SMALL_ITEMS, title="Test town work plan 2023", lang="en")
    result = ok(runner, "new", "2024", "--from", str(plan_file), "-o", "next.toml")
    assert (
        "Note: 4 unfinished tasks of the old plan (1.1, 1.3, 2.2, 2.3) were not carried over; to "
        f"carry them, make it again with plan new 2024 --carry --force --from {plan_file} -o "
        "next.toml." in " ".join(result.output.split())
    )
    assert "1.1" not in items(Path("next.toml"))
    again = ok(
        runner, "new", "2024", "--carry", "--force", "--from", str(plan_file), "-o", "next.toml"
    )
    assert {"1.1", "1.3", "2.2", "2.3"} <= set(items(Path("next.toml")))
    assert "not carried" not in again.output


# ---------------------------------------------------------------- plan header


def test_header_change_is_traced_logged_and_undone(runner, small_plan):
    original = read(small_plan)
    result = ok(
        runner, "header", "--title", "测试镇2024年工作计划", "--year", "2024", "--by", "王五"
    )
    assert result.stdout == (  # stderr: 1.3's deadline is now before the period
        "已修改 计划表头：计划名称 测试镇2023年工作计划 → 测试镇2024年工作计划；年度 2023 → 2024；"
        "开始日期 2023-01-01 → 2024-01-01；结束日期 2023-12-31 → 2024-12-31\n"
    )
    meta = read(small_plan)["plan"]
    assert (meta["title"], meta["year"], meta["start"], meta["end"]) == (
        "测试镇2024年工作计划",
        2024,
        dt.date(2024, 1, 1),
        dt.date(2024, 12, 31),
    )
    [entry] = meta["log"]
    assert (entry["action"], entry["by"]) == ("edit", "王五")
    assert entry["before"] == {
        "title": "测试镇2023年工作计划",
        "year": 2023,
        "start": dt.date(2023, 1, 1),
        "end": dt.date(2023, 12, 31),
    }
    assert read(small_plan)["item"] == original["item"]  # no item touched
    assert ok(runner, "check").exit_code == 0

    logged = ok(runner, "log").output
    assert "计划名称：测试镇2023年工作计划 → 测试镇2024年工作计划" in " ".join(logged.split())
    [row] = json.loads(ok(runner, "log", "--json").output)
    assert (row["header"], row["item_id"], row["after"]["year"]) == (True, "", 2024)

    undone = ok(runner, "undo", "--anyone")  # 王五's change, not the login name's
    assert undone.output.startswith(
        "已撤销 王五 于 "
        + entry["at"].astimezone().strftime("%Y-%m-%d %H:%M")
        + " 的修改：计划表头：计划名称 测试镇2024年工作计划 → 测试镇2023年工作计划；年度 2024 → 2023"
    )
    meta = read(small_plan)["plan"]
    assert {k: v for k, v in meta.items() if k != "log"} == original["plan"]
    assert [e["action"] for e in meta["log"]] == ["edit", "undo"]
    assert "undone" in meta["log"][0]
    assert invoke(runner, "undo").exit_code == 1  # nothing else was changed


def test_header_change_keeps_fields_it_does_not_know(runner, plan_file):
    write_plan(
        plan_file,
        SMALL_ITEMS,
        source="某某文件",
        county="衡南县",
        warning={"yellow": 10, "red": 20},
    )
    ok(runner, "header", "--organisation", "测试镇人民政府（新）")
    meta = read(plan_file)["plan"]
    assert (meta["source"], meta["county"], meta["warning"]) == (
        "某某文件",
        "衡南县",
        {"yellow": 10, "red": 20},
    )
    ok(runner, "undo")
    assert read(plan_file)["plan"]["organisation"] == "测试镇人民政府"


def test_header_undo_refuses_to_overwrite_a_later_hand_edit(runner, small_plan):
    ok(runner, "header", "--title", "新名称")
    text = small_plan.read_text(encoding="utf-8")
    small_plan.write_text(
        text.replace('title = "新名称"', 'title = "手改名称"', 1), encoding="utf-8"
    )
    before = small_plan.read_bytes()
    result = invoke(runner, "undo")
    assert result.exit_code == 1
    assert "不能撤销：计划表头的计划名称在这次修改之后又被改过（现在是 手改名称" in result.output
    assert "plan header --title 测试镇2023年工作计划" in result.output
    assert small_plan.read_bytes() == before


def test_header_refuses_a_period_that_ends_before_it_starts(runner, small_plan):
    before = small_plan.read_bytes()
    result = invoke(runner, "header", "--end", "2022-12-31")
    assert result.exit_code == 1
    assert "没有修改计划表头" in result.output
    assert small_plan.read_bytes() == before
    assert invoke(runner, "header", "--title", " ").exit_code == 2
    assert invoke(runner, "header", "--language", "fr").exit_code == 2


def test_header_without_options_shows_it(runner, small_plan):
    assert ok(runner, "header").output == (
        "计划名称：测试镇2023年工作计划\n单位：测试镇人民政府\n年度：2023\n"
        f"开始日期：2023-01-01\n结束日期：2023-12-31\n语言：zh\n文件：{small_plan}\n"
    )


def test_header_as_of_a_day_before_the_change_is_the_old_header(runner, small_plan):
    ok(runner, "header", "--title", "新名称")
    assert "新名称" in ok(runner, "status").output
    earlier = ok(runner, "status", "--as-of", "2023-06-30").output
    assert "测试镇2023年工作计划" in earlier and "新名称" not in earlier


def test_header_log_entry_is_checked_like_an_items(runner, small_plan):
    ok(runner, "header", "--title", "新名称")
    text = small_plan.read_text(encoding="utf-8")
    small_plan.write_text(text.replace('by = "clerk"', "by = 5", 1), encoding="utf-8")
    result = invoke(runner, "check")
    assert result.exit_code == 1
    assert "[plan]，第 1 条进展记录（log），字段 by" in result.output


def test_header_year_moves_a_period_written_without_a_year(runner, plan_file):
    write_plan(plan_file, SMALL_ITEMS)
    text = plan_file.read_text(encoding="utf-8").replace("year = 2023\n", "", 1)
    plan_file.write_text(text, encoding="utf-8")
    ok(runner, "header", "--year", "2024", "--end", "2024-06-30")
    meta = read(plan_file)["plan"]
    assert (meta["year"], meta["start"], meta["end"]) == (
        2024,
        dt.date(2024, 1, 1),
        dt.date(2024, 6, 30),
    )
