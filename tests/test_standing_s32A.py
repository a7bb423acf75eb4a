"""Standing work (完成时限 长期坚持, 常态化: ``standing_work.is_ongoing``) and untouched plans (s32A):
standing work is counted apart (常态推进), never late, in every view that counts lateness."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan

# A town's standing work (长期坚持, 常态化), beside a task due in October.
STANDING: list[dict[str, Any]] = [
    {"id": "1", "title": "安全生产"},
    {
        "id": "1.1",
        "title": "安全生产巡查",
        "完成时限原文": "长期坚持",
        "status": "doing",
        "progress": 60,
    },
    {
        "id": "1.2",
        "title": "河长制巡河",
        "完成时限原文": "常态化",
        "status": "doing",
        "progress": 30,
    },
    {
        "id": "1.3",
        "title": "修机耕道",
        "due": dt.date(2023, 10, 31),
        "status": "doing",
        "progress": 50,
    },
]


def _json(runner: CliRunner, *args: str) -> Any:
    result = runner.invoke(app, [*args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


# ---------------------------------------------------------------- 1. counted apart, never late


def test_status_counts_standing_work_apart_not_behind(runner: CliRunner, plan_file: Path) -> None:
    write_plan(plan_file, STANDING)
    for day in ("2023-07-01", "2023-12-31"):
        total = _json(runner, "status", "--as-of", day, "--json")["rows"][0]
        assert total["pace"]["ongoing"] == 2, day
        paced = sum(total["pace"][k] for k in ("ahead", "on_pace", "behind", "overdue"))
        assert paced == 1 and total["total"] == 3, day  # 修机耕道 alone is paced
    # at the year's end only the task due in October is late, and red
    total = _json(runner, "status", "--as-of", "2023-12-31", "--json")["rows"][0]
    assert total["pace"]["overdue"] == 1 and total["light"]["red"] == 1
    shown = runner.invoke(app, ["status", "--as-of", "2023-12-31"])
    assert shown.exit_code == 0, shown.output
    assert (
        "另有常态推进 2 项（长期坚持、常态化的工作，没有完成时限，不计序时进度）。" in shown.output
    )


def test_list_and_show_say_standing_work_goes_on(runner: CliRunner, plan_file: Path) -> None:
    write_plan(plan_file, STANDING)
    listed = runner.invoke(app, ["list", "--as-of", "2023-12-31"])
    assert listed.exit_code == 0, listed.output
    line = next(line for line in listed.output.splitlines() if "安全生产巡查" in line)
    assert "常态推进" in line and "欠进度" not in line and "红灯" not in line
    shown = runner.invoke(app, ["show", "1.1", "--as-of", "2023-12-31"])
    assert shown.exit_code == 0, shown.output
    assert "常态推进" in shown.output
    assert "欠进度" not in shown.output and "红灯" not in shown.output
    assert "序时应完成" not in shown.output  # (no window to have done a share of)


def test_ledger_export_does_not_draw_standing_work_red(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    write_plan(plan_file, STANDING)
    result = runner.invoke(app, ["export", "--as-of", "2023-12-31", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.output.lstrip("\ufeff"))))
    header = rows[2]
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in rows[3:]}
    assert by_id["1.1"]["序时进度"] == "常态推进"
    assert by_id["1.1"]["红黄绿灯"] == ""
    assert by_id["1.3"]["红黄绿灯"] == "红灯（逾期）"
    assert by_id["1"]["红黄绿灯"] == "红灯1项"
    out = tmp_path / "台账.xlsx"
    result = runner.invoke(app, ["export", "--as-of", "2023-12-31", "--out", str(out)])
    assert result.exit_code == 0, result.output
    import openpyxl

    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    header = [cell.value for cell in sheet[3]]
    at = header.index("红黄绿灯")
    fills = {
        str(row[0].value): (row[at].fill.fgColor.rgb if row[at].fill.fill_type else "")
        for row in sheet.iter_rows(min_row=4)
        if row[0].value
    }
    assert fills["1.1"] == fills["1.2"] == "" != fills["1.3"]


def test_mid_year_report_does_not_call_standing_work_late(
    runner: CliRunner, plan_file: Path
) -> None:
    write_plan(plan_file, STANDING)
    result = runner.invoke(app, ["report", "--as-of", "2023-09-30"])
    assert result.exit_code == 0, result.output
    assert "其中欠进度1项，常态推进2项；无逾期、受阻、已取消的任务。" in result.output
    late = [line for line in result.output.splitlines() if "进度滞后" in line]
    assert late and all("修机耕道" in line for line in late)
    report = _json(runner, "report", "--as-of", "2023-09-30", "--format", "json")
    assert [p["id"] for p in report["problems"]] == ["1.3"]
    assert report["overview"]["behind"] == 1 and report["overview"]["ongoing"] == 2
    assert "安全生产：任务3项，已完成0项，完成率47%，欠进度1项，常态推进2项。" in result.output
    ledger = {row["id"]: row for row in report["ledger"]}
    assert ledger["1.1"]["light"] is None and ledger["1.1"]["status_text"] == "进行中"
    # (at the year's end: 逾期1项，常态推进2项, the standing work none of the 欠进度)
    said = runner.invoke(app, ["report", "--as-of", "2023-12-31"]).output
    assert "其中逾期1项，常态推进2项；无欠进度、受阻、已取消的任务。" in said


# ---------------------------------------------------------------- 2. plan new --carry


def test_new_plan_continues_standing_work_ticked_done(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    import tomllib

    items = [dict(item) for item in STANDING]
    items[1].update(status="done", progress=100, done_on=dt.date(2023, 12, 20), evidence=["台账"])
    items.append({"id": "1.4", "title": "修村部", "status": "done", "done_on": dt.date(2023, 5, 1)})
    items.append(
        {
            "id": "1.5",
            "title": "禁毒宣传",
            "完成时限原文": "常态化",
            "status": "dropped",
            "reason": "并入",
        }
    )
    write_plan(plan_file, items)
    out = tmp_path / "plan-2024.toml"
    result = runner.invoke(app, ["new", "2024", "--carry", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "结转 1 项未完成任务（1.3）" in result.output
    assert "延续 2 项常态化工作（1.1、1.2）" in result.output
    made = {item["id"]: item for item in tomllib.loads(out.read_text("utf-8"))["item"]}
    assert set(made) == {"1", "1.1", "1.2", "1.3"}  # not the task done, nor the dropped
    going_on = made["1.1"]
    # last year's tick-off is last year's: the work starts again, as the office does it
    assert "status" not in going_on and "progress" not in going_on
    assert "done_on" not in going_on and "evidence" not in going_on
    assert going_on["完成时限原文"] == "长期坚持"
    note = going_on["log"][0]["note"]
    assert note == "常态化工作，延续自2023年计划 1.1（测试镇2023年工作计划），2023年已完成"
    assert "after" not in going_on["log"][0]
    # unfinished standing work keeps how far it got, as before
    assert made["1.2"]["progress"] == 30
    # without --carry the note names it among what was left behind
    result = runner.invoke(app, ["new", "2024", "--out", str(tmp_path / "bare.toml")])
    assert result.exit_code == 0, result.output
    assert "2 项常态化工作（1.1、1.2）没有延续" in " ".join(result.output.split())
    helped = "".join(runner.invoke(app, ["new", "--help"]).output.split())
    assert "常态化工作（完成时限为长期坚持、常态化等）不论状态都延续过来" in helped


# ---------------------------------------------------------------- 3. which words say standing work

# As an office reads a 完成时限 cell: 长期, 持续, 常年 (and 每年 in a plan of one year: it
# comes again each year) have no deadline, the work goes on; 全年 is the year's work, due by
# its end. Words with why in brackets after them are standing work as the words before them.
STANDING_WORDS = ["长期", "持续", "常年", "每年", "常态", "长期任务", "长期坚持（汛期重点）"]
DEADLINE_WORDS = {"全年": dt.date(2023, 12, 31), "全年持续推进": dt.date(2023, 12, 31)}


def test_which_deadline_words_say_standing_work(runner: CliRunner, plan_file: Path) -> None:
    items: list[dict[str, Any]] = [{"id": "1", "title": "常规工作"}]
    words = [*STANDING_WORDS, *DEADLINE_WORDS]
    items += [
        {"id": f"1.{n}", "title": f"工作{n}", "完成时限原文": w, "progress": 10}
        for n, w in enumerate(STANDING_WORDS, 1)
    ]
    write_plan(plan_file, items)
    listed = runner.invoke(app, ["list", "--as-of", "2023-12-31", "--json"])
    assert listed.exit_code == 0, listed.output
    tasks = _tasks_of(json.loads(listed.output))
    assert {task["expected"] for task in tasks} == {None}  # (no window: no share expected)
    paces = {task["id"]: task["pace"] for task in tasks}
    assert paces == {f"1.{n}": "ongoing" for n in range(1, len(STANDING_WORDS) + 1)}
    # typed with add --due, the same words are no deadline, kept as written
    write_plan(plan_file, [{"id": "1", "title": "常规工作"}])
    for n, w in enumerate(words, 1):
        added = runner.invoke(app, ["add", "1", f"工作{n}", "--due", w, "--on", "2023-03-01"])
        assert added.exit_code == 0, (w, added.output)
    import tomllib

    made = {i["id"]: i for i in tomllib.loads(plan_file.read_text("utf-8"))["item"]}
    for n, w in enumerate(words, 1):
        task = made[f"1.{n}"]
        if w in DEADLINE_WORDS:
            assert task.get("due") == DEADLINE_WORDS[w], w
        else:
            assert "due" not in task and task["完成时限原文"] == w, w
    shown = runner.invoke(app, ["list", "--as-of", "2023-12-31", "--json"])
    paces = {task["id"]: task["pace"] for task in _tasks_of(json.loads(shown.output))}
    for n, w in enumerate(words, 1):
        assert (paces[f"1.{n}"] == "ongoing") is (w not in DEADLINE_WORDS), w


def _tasks_of(listed: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [item for item in listed if item["kind"] == "task"]


# ---------------------------------------------------------------- 4. 春节前 in a plan for a year


def test_spring_festival_with_no_year_is_the_one_the_plan_runs_up_to(
    runner: CliRunner, tmp_path: Path, plan_file: Path
) -> None:
    """A 2023 plan's 春节前 (慰问, 工资清零) is before 2024's 春节 (2024-02-10): 2023's fell on
    22 January, before such a plan is adopted; it read 2023-01-21, overdue from the start."""
    from .test_import import items_of, workbook
    from .test_import import run as run_import

    rows = [
        ["测试镇2023年重点工作任务分解表"],
        ["序号", "工作任务", "牵头单位", "完成时限"],
        [1, "走访慰问困难群众", "民政办", "春节前"],
        [2, "农民工工资清零", "人社所", "2023年春节前"],
    ]
    result = run_import(str(workbook(tmp_path / "台账.xlsx", rows, ("A1:D1",))))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert [str(items[i]["due"]) for i in "12"] == ["2024-02-09", "2023-01-21"]
    # typed after the plan's year (today, past it): the same
    result = runner.invoke(app, ["edit", "2", "--due", "春节前", "--by", "x"])
    assert result.exit_code == 0, result.output
    assert "完成时限 2023-01-21 → 2024-02-09" in result.output


# ---------------------------------------------------------------- 5. an untouched plan's next steps


def _untouched_plan() -> list[dict[str, Any]]:
    return [
        {"id": "1", "title": "基础设施"},
        {"id": "1.1", "title": "修塘"},
        {"id": "1.2", "title": "修路"},
        {"id": "1.3", "title": "装路灯"},
        {"id": "2", "title": "社会事业"},
        {"id": "2.1", "title": "禁毒讲座"},
        {"id": "2.2", "title": "义诊", "status": "doing", "progress": 40},
    ]


def test_next_steps_of_untouched_tasks_are_said_together_per_part(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    write_plan(plan_file, _untouched_plan())
    result = runner.invoke(app, ["report", "--as-of", "2023-06-30"])
    assert result.exit_code == 0, result.output
    steps = result.output.split("四、下半年工作打算")[1].split("附表")[0]
    assert "1. 修塘、修路、装路灯：目前均尚未开始，完成率0%。" in steps
    assert "2. " not in steps.split("（二）")[0]  # one line for the three
    assert "1. 禁毒讲座：目前尚未开始，完成率0%。" in steps  # alone in its part: as before
    report = _json(runner, "report", "--as-of", "2023-06-30", "--format", "json")
    first = report["next_steps"][0]
    assert [step["id"] for step in first["steps"]] == ["1.1", "1.2", "1.3"]  # per task
    assert first["steps"][0]["sentence"] == "修塘：目前尚未开始，完成率0%。"
    assert [line["sentence"] for line in first["lines"]] == [
        "修塘、修路、装路灯：目前均尚未开始，完成率0%。"
    ]
    out = tmp_path / "r.md"
    assert runner.invoke(app, ["report", "--as-of", "2023-06-30", "-o", str(out)]).exit_code == 0
    assert "1\\. 修塘、修路、装路灯：目前均尚未开始，完成率0%。" in out.read_text("utf-8")
    docx_out = tmp_path / "r.docx"
    made = runner.invoke(app, ["report", "--as-of", "2023-06-30", "-o", str(docx_out)])
    assert made.exit_code == 0, made.output
    import docx

    said = [p.text for p in docx.Document(str(docx_out)).paragraphs]
    assert "1. 修塘、修路、装路灯：目前均尚未开始，完成率0%。" in said
    assert not any(text.startswith("2. 修路") for text in said)


# ---------------------------------------------------------------- 6. a bare target, no unit

# With no unit an office says which figure is which: 完成值1，目标值2 (as the ledger's columns
# name them), never 新建村级活动中心1 (read as a name) nor （目标2）; no unit is made up (项? 个?).
BARE: list[dict[str, Any]] = [
    {"id": "1", "title": "基础设施"},
    {"id": "1.1", "title": "新建村级活动中心", "target": 2, "actual": 1},
    {"id": "1.2", "title": "培训", "target": 2, "status": "doing"},
    {"id": "1.3", "title": "修塘", "target": 40, "measure": "处", "actual": 20},
]


def test_a_target_with_no_unit_is_named_as_the_target_value(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    write_plan(plan_file, BARE)
    result = runner.invoke(app, ["report", "--as-of", "2023-06-30"])
    assert result.exit_code == 0, result.output
    said = "".join(result.output.split())
    assert "新建村级活动中心，完成值1，目标值2，完成率50%" in said
    assert "培训：进度滞后于序时进度，目前完成率为0%（目标值2）" in said
    assert "修塘20处，目标40处" in said  # a unit: as before
    assert "（目标2）" not in said and "目标2，" not in said
    report = _json(runner, "report", "--as-of", "2023-06-30", "--format", "json")
    problem = next(p for p in report["problems"] if p["id"] == "1.2")
    assert "（目标值2）" in problem["sentence"]
    for suffix in ("md", "docx"):
        out = tmp_path / f"r.{suffix}"
        made = runner.invoke(app, ["report", "--as-of", "2023-06-30", "-o", str(out)])
        assert made.exit_code == 0, made.output
        if suffix == "md":
            text = out.read_text("utf-8")
        else:
            import docx

            text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
        assert "（目标值2）" in text and "（目标2）" not in text, suffix


def test_list_pace_filter_takes_standing_work_and_english_status_says_it(
    runner: CliRunner, plan_file: Path
) -> None:
    write_plan(plan_file, STANDING)
    for pace in ("ongoing", "常态推进"):
        listed = runner.invoke(app, ["list", "--pace", pace, "--as-of", "2023-12-31"])
        assert listed.exit_code == 0, listed.output
        assert "安全生产巡查" in listed.output and "修机耕道" not in listed.output
    said = runner.invoke(app, ["status", "--as-of", "2023-12-31", "--lang", "en"])
    assert said.exit_code == 0, said.output
    assert "Also 2 ongoing tasks (standing work, no deadline: not paced)." in said.output
