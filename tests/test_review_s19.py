"""Review of the s19 changes on main (roll-up split, import leftovers, CLI figures, top-level
tasks in status and report, plan new's note on the tasks left behind): what a tester with real
plans and hostile inputs found."""

from __future__ import annotations

import datetime as dt
import shlex
import tomllib
from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, write_plan


def invoke(runner: CliRunner, *args: str):
    return runner.invoke(app, list(args))


# ---------------------------------------------------------------- plan new: the way to carry


def _carry_command(output: str) -> list[str]:
    """The command plan new's note says to run to carry the tasks left behind."""
    line = next(line for line in output.splitlines() if "--carry" in line)
    command = line.split("用 ", 1)[1].rsplit(" 重新新建", 1)[0]
    words = shlex.split(command)
    named = 3 if words[1] == "-f" else 1  # (the plan named with -f: tests/test_advice_file.py)
    assert words[0] == "plan" and words[named] == "new", command
    return words[1:]


def test_new_says_to_carry_from_the_plan_it_was_made_from_not_the_one_found(
    runner, plan_file, tmp_path
):
    # The plan in use (PLAN_FILE) is another town's; this year's plan is named with -f. The
    # command the note gives, run as it is, made next year's plan from the plan in use and
    # overwrote the file just made (--force), under another title.
    write_plan(plan_file, [{"id": "9", "title": "别的镇的任务"}], title="别的镇2023年工作计划")
    mine = write_plan(tmp_path / "mine.toml", SMALL_ITEMS)
    made = invoke(runner, "-f", str(mine), "new", "2024", "-o", "next.toml", "--title", "新计划")
    assert made.exit_code == 0, made.output
    again = invoke(runner, *_carry_command(made.output))
    assert again.exit_code == 0, again.output
    doc = tomllib.loads(Path("next.toml").read_text(encoding="utf-8"))
    assert doc["plan"]["title"] == "新计划"
    ids = [item["id"] for item in doc["item"]]
    assert "9" not in ids
    assert {"1.1", "1.3", "2.2", "2.3"} <= set(ids)  # carried over this time


def test_new_says_to_carry_with_no_structure_as_it_was_asked(runner, plan_file, tmp_path):
    write_plan(plan_file, SMALL_ITEMS)
    made = invoke(runner, "new", "2024", "--no-structure", "-o", "next.toml")
    assert made.exit_code == 0, made.output
    assert "--no-structure" in _carry_command(made.output)


# ---------------------------------------------------------------- a title that shows nothing


def test_a_title_of_hangul_fillers_is_refused_as_invisible(runner, plan_file):
    # U+3164 HANGUL FILLER, U+115F, U+FFA0 and U+034F (a combining grapheme joiner) are
    # printable to Python but draw nothing: the row is blank, as with a zero-width space.
    write_plan(plan_file, SMALL_ITEMS)
    before = plan_file.read_bytes()
    for title in ("\u3164", "\u115f\u1160", "\uffa0", "\u034f", "\u3164\u200b"):
        result = invoke(runner, "add", "1", title)
        assert result.exit_code != 0, (repr(title), result.output)
        assert "看不见的字符" in result.output
        assert plan_file.read_bytes() == before


def test_a_hangul_filler_title_in_the_file_is_a_problem_plan_check_names(runner, plan_file):
    write_plan(plan_file, [*SMALL_ITEMS, {"id": "3", "title": "\u3164"}])
    result = invoke(runner, "check")
    assert result.exit_code != 0, result.output
    assert "看不见的字符" in result.output


# ---------------------------------------------------------------- 其他任务 in the ledger


def _loose_around_parts(loose_before: int, loose_after: int) -> list[dict]:
    """Tasks at the top of the plan before and after four parts of five tasks each: enough
    tasks for the report's summary form."""
    items: list[dict] = []
    number = 1
    for _ in range(loose_before):
        items.append({"id": str(number), "title": f"散任务{number}", "progress": 10})
        number += 1
    for _ in range(4):
        items.append({"id": str(number), "title": f"部分{number}"})
        items += [
            {"id": f"{number}.{k}", "title": f"任务{number}.{k}", "progress": 10}
            for k in range(1, 6)
        ]
        number += 1
    for _ in range(loose_after):
        items.append({"id": str(number), "title": f"散任务{number}", "progress": 10})
        number += 1
    return items


def test_summary_ledger_heads_every_top_level_task_as_its_body_counts_them(runner, plan_file):
    # 其他任务 in the body counts the tasks at the top of the plan before the parts too; in the
    # ledger they stood first under no heading, and 其他任务 headed only those after the parts.
    write_plan(plan_file, _loose_around_parts(30, 30))
    result = invoke(runner, "report", "--as-of", "2023-09-30", "--format", "json")
    assert result.exit_code == 0, result.output
    import json

    report = json.loads(result.output)
    assert report["form"] == "summary"
    assert "其他任务：任务60项" in report["overview"]["parts"][-1]["sentence"]
    loose = [group for group in report["ledger_groups"] if group["title"] == "其他任务"]
    assert [group["before"] for group in loose] == [0, 50]  # above task 1, and after the parts


def test_summary_ledger_of_tasks_alone_or_owned_alone_has_no_other_tasks_heading(runner, plan_file):
    write_plan(plan_file, _loose_around_parts(90, 0)[:90])
    result = invoke(runner, "report", "--as-of", "2023-09-30", "--format", "json")
    assert result.exit_code == 0, result.output
    import json

    report = json.loads(result.output)
    assert report["form"] == "summary"
    assert report["ledger_groups"] == []


# ---------------------------------------------------------------- 填报单位 a village's own body


def test_a_villages_committee_filling_in_its_own_ledger_is_its_organisation(tmp_path, plan_file):
    # 村委会 (居委会) is the village's own government, as 人民政府 is the town's: not a
    # department of it. The report was signed 泉湖镇泉湖村, and the notice called the committee
    # a 部门 of its own village.
    from .test_import import read_plan, run, workbook

    for office in ("村委会", "村民委员会", "居委会"):
        rows = [
            ["泉湖镇泉湖村2024年工作台账"],
            [f"填报单位：泉湖镇泉湖村{office}"],
            ["序号", "工作任务", "责任单位", "完成时限"],
            [1, "修塘", "水利站", "6月底前"],
        ]
        result = run(str(workbook(tmp_path / "台账.xlsx", rows)), "--force")
        assert result.exit_code == 0, result.output
        plan = read_plan(plan_file)["plan"]
        assert plan["organisation"] == f"泉湖镇泉湖村{office}", plan
        assert "填报单位" not in plan and "部门" not in result.output, result.output


# ---------------------------------------------------------------- --due in a July-to-June plan


def test_due_read_as_import_reads_it_falls_in_the_plans_period_as_other_forms_do(runner, plan_file):
    # In a plan from July to next June, 3月底 is next March: so must 3月中旬 be (it was this
    # March, before the plan starts, written with a warning), and 2月下旬 its last day then.
    write_plan(
        plan_file,
        [{"id": "1", "title": "甲"}],
        title="测试镇2024-2025年度工作计划",
        year=2024,
        start=dt.date(2024, 7, 1),
        end=dt.date(2025, 6, 30),
    )
    for typed, due in (
        ("3月底", "2025-03"),
        ("3月中旬", "2025-03-20"),
        ("2月下旬", "2025-02-28"),
        ("8月中旬", "2024-08-20"),
        ("2025年3月中旬", "2025-03-20"),
        ("2024年3月中旬", "2024-03-20"),  # as typed, with a year of its own
    ):
        result = invoke(runner, "edit", "1", "--due", typed)
        assert result.exit_code == 0, (typed, result.output)
        table = tomllib.loads(plan_file.read_text(encoding="utf-8"))["item"][0]
        assert str(table["due"]) == due, (typed, table["due"])


# ---------------------------------------------------------------- status: tasks at 100% at the top


def test_tasks_at_the_top_at_full_not_ticked_off_are_one_note_not_a_line_each(runner, plan_file):
    # A 台账 of tasks alone, 14 of them at 100% not ticked off, had a note each (14 lines).
    items = [{"id": str(n), "title": f"工程{n}", "progress": 100} for n in range(1, 15)]
    items.append({"id": "15", "title": "工程15", "progress": 40})
    items.append({"id": "16", "title": "农业"})
    items.append({"id": "16.1", "title": "粮食", "progress": 100})
    write_plan(plan_file, items)
    result = invoke(runner, "status", "--as-of", "2023-06-30")
    assert result.exit_code == 0, result.output
    notes = "".join(line.strip() for line in result.output.split("\n\n")[-1].splitlines())
    assert notes == (
        "注：16 农业 的1项任务完成率已达100%，尚未销号。"
        "注：1 工程1、2 工程2、3 工程3、4 工程4、5 工程5、6 工程6、7 工程7、8 工程8、9 工程9、"
        "10 工程10等14项 完成率已达100%，尚未销号。"
    ), result.output
    english = invoke(runner, "--lang", "en", "status", "--as-of", "2023-06-30")
    flat = " ".join(english.output.split())
    assert flat.count("Note:") == 2, english.output
    assert "9 工程9, 10 工程10 and 4 more (14 tasks) are at 100% but not ticked off yet." in flat
