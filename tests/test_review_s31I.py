"""Review of session 31's report and import changes (s31I): what broke, each pinned here."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan

# A town's standing work: deadlines that say there is none (长期坚持, 常态化), beside one due.
ONGOING_ITEMS: list[dict[str, Any]] = [
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


def test_year_end_report_says_ongoing_work_continues_not_unfinished(
    runner: CliRunner, plan_file: Path
) -> None:
    write_plan(plan_file, ONGOING_ITEMS)
    result = runner.invoke(app, ["report", "--as-of", "2023-12-31"])
    assert result.exit_code == 0, result.output
    problems = result.output.split("三、存在的问题")[1].split("四、下一步打算")[0]
    # The task due in October is a problem; standing work has no deadline to miss.
    assert "修机耕道" in problems
    assert "安全生产巡查" not in problems and "河长制巡河" not in problems
    assert "年内未能完成" not in result.output
    steps = result.output.split("四、下一步打算")[1].split("附表")[0]
    assert (
        "以下3项任务尚未完成，其中2项为常态化工作、2024年继续推进，其余结转2024年继续推进："
        in steps
    )
    assert "安全生产巡查：目前进行中，完成率60%；2024年作为常态化工作继续推进。" in steps


def test_year_end_report_of_ongoing_work_alone(runner: CliRunner, plan_file: Path) -> None:
    write_plan(plan_file, ONGOING_ITEMS[:3])
    result = runner.invoke(app, ["report", "--as-of", "2023-12-31", "--format", "json"])
    assert result.exit_code == 0, result.output
    import json

    report = json.loads(result.output)
    assert report["problems"] == [] or all(
        p.get("id") not in ("1.1", "1.2") for p in report["problems"]
    )
    assert report["next_steps_intro"] == "以下2项为常态化工作，2024年继续推进："


def test_english_year_end_report_of_ongoing_work(runner: CliRunner, plan_file: Path) -> None:
    write_plan(plan_file, ONGOING_ITEMS, lang="en")
    result = runner.invoke(app, ["report", "--as-of", "2023-12-31"])
    assert result.exit_code == 0, result.output
    assert "not finished within the year" not in result.output
    assert "continue as ongoing work in 2024" in result.output
    said = " ".join(result.output.split())
    assert (
        "These 3 tasks are not done; 2 of them are ongoing work, continued in 2024; the rest:"
        in said
    )


def test_blocked_ongoing_work_is_still_a_problem(runner: CliRunner, plan_file: Path) -> None:
    items = [dict(item) for item in ONGOING_ITEMS]
    items[1].update(status="blocked", reason="人手不足")
    write_plan(plan_file, items)
    result = runner.invoke(app, ["report", "--as-of", "2023-12-31"])
    assert result.exit_code == 0, result.output
    problems = result.output.split("三、存在的问题")[1].split("四、下一步打算")[0]
    assert "安全生产巡查" in problems and "人手不足" in problems


def test_new_plan_continues_ongoing_work_rather_than_carrying_it(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    write_plan(plan_file, ONGOING_ITEMS)
    out = tmp_path / "plan-2024.toml"
    result = runner.invoke(app, ["new", "2024", "--carry", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "结转 1 项未完成任务（1.3）" in result.output
    assert "延续 2 项常态化工作（1.1、1.2）" in result.output
    items = {item["id"]: item for item in tomllib.loads(out.read_text("utf-8"))["item"]}
    assert items["1.1"]["完成时限原文"] == "长期坚持"
    assert items["1.1"]["log"][0]["note"].startswith("常态化工作，延续自2023年计划 1.1")
    assert items["1.3"]["log"][0]["note"].startswith("结转自2023年计划 1.3")


# ---------------------------------------------------------------- targets read from titles


def _titles_imported(tmp_path: Path, titles: list[str]) -> tuple[Any, dict[str, Any]]:
    from .test_import import items_of, run, workbook

    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限"],
        *([n, title, "经发办", "12月底"] for n, title in enumerate(titles, 1)),
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    return result, items_of(tmp_path / "plan.toml")


def test_a_duration_in_a_title_is_no_target(tmp_path: Path, plan_file: Path) -> None:
    # 3个月内, 3个工作日内: how long the work may take, not three of anything to make
    result, items = _titles_imported(
        tmp_path,
        ["确保3个月内完成危房改造", "3个工作日内办结信访件", "覆盖10个行政村", "3个多月内完成改造"],
    )
    assert "target" not in items["4"]
    assert "target" not in items["1"] and "measure" not in items["1"]
    assert "target" not in items["2"] and "measure" not in items["2"]
    assert (items["3"]["target"], items["3"]["measure"]) == (10, "个行政村")  # (s33B: 个村)
    assert "“3个”" not in result.stderr


def test_a_figure_per_period_or_per_place_is_no_target_for_the_year(
    tmp_path: Path, plan_file: Path
) -> None:
    # 每周2次 is a hundred a year, 每村1个 as many as there are villages: not the year's target
    titles = ["每周开展2次巡河", "每季度召开1次联席会议", "每户补助500元", "按季度开展1次督查"]
    result, items = _titles_imported(tmp_path, [*titles, "全年开展4次培训"])
    for n in ("1", "2", "3", "4"):
        assert "target" not in items[n] and "measure" not in items[n], items[n]
    assert (items["5"]["target"], items["5"]["measure"]) == (4, "次")
    assert "第 7 行“4次”" in result.stderr and "“2次”" not in result.stderr


def test_ongoing_work_nothing_was_recorded_of_is_still_a_problem(
    runner: CliRunner, plan_file: Path
) -> None:
    items = [*ONGOING_ITEMS, {"id": "1.4", "title": "扫黑除恶", "完成时限原文": "长期"}]
    write_plan(plan_file, items)
    result = runner.invoke(app, ["report", "--as-of", "2023-12-31"])
    assert result.exit_code == 0, result.output
    problems = result.output.split("三、存在的问题")[1].split("四、下一步打算")[0]
    assert "二是扫黑除恶：全年未见进展记录，目前尚未开始，完成率为0%。" in problems
    assert "年内未能完成" not in result.output and "进度偏慢" not in result.output
    # with two more of them, it is among the tasks said together
    items += [
        {"id": "1.5", "title": "禁毒宣传", "完成时限原文": "常态化开展"},
        {"id": "1.6", "title": "护林防火", "due": dt.date(2023, 12, 31)},
    ]
    write_plan(plan_file, items)
    result = runner.invoke(app, ["report", "--as-of", "2023-12-31"])
    problems = result.output.split("三、存在的问题")[1].split("四、下一步打算")[0]
    assert "以下3项工作全年未见进展记录：扫黑除恶、禁毒宣传、护林防火。" in problems


# ---------------------------------------------------------------- progress columns per period


def _ledger(tmp_path: Path, periods: list[str], notes: list[str]) -> tuple[Any, dict[str, Any]]:
    from .test_import import items_of, run, workbook

    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限", *periods],
        [1, "修建村道", "交通办", "12月底", *notes],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    return result, items_of(tmp_path / "plan.toml")


def test_progress_columns_that_state_the_year_become_notes_too(
    tmp_path: Path, plan_file: Path
) -> None:
    periods = ["2024年一季度进展", "2024年二季度进展", "2024年三季度进展"]
    result, items = _ledger(tmp_path, periods, ["完成设计", "完成招标", "完成路基"])
    assert items["1"]["log"] == [
        {"on": dt.date(2024, 3, 31), "note": "完成设计"},
        {"on": dt.date(2024, 6, 30), "note": "完成招标"},
        {"on": dt.date(2024, 9, 30), "note": "完成路基"},
    ]
    assert not any("进展" in key for key in items["1"])
    assert "不认得的列" not in result.stderr


def test_progress_columns_of_two_years_are_left_as_written(tmp_path: Path, plan_file: Path) -> None:
    # 2023年四季度 is last year's: not a note of this plan's year
    periods = ["2023年四季度进展", "2024年一季度进展", "2024年二季度进展"]
    _, items = _ledger(tmp_path, periods, ["完成设计", "完成招标", "完成路基"])
    assert "log" not in items["1"]
    assert items["1"]["2023年四季度进展"] == "完成设计"


# ---------------------------------------------------------------- 千 and 百 before 万元


def test_a_thousand_or_hundred_before_wan_yuan_is_counted_in_wan_yuan(
    runner: CliRunner, plan_file: Path
) -> None:
    # 3千万元 is 3000 万元 (its 元 was lost: measure 千万, target 3); 0.5百万元 is 50 万元
    write_plan(plan_file, [{"id": "1", "title": "项目建设"}])
    for title, typed in (("招商引资", "3千万元"), ("争取资金", "0.5百万元")):
        result = runner.invoke(app, ["add", "1", title, "--target", typed])
        assert result.exit_code == 0, result.output
    items = {item["id"]: item for item in tomllib.loads(plan_file.read_text("utf-8"))["item"]}
    assert (items["1.1"]["target"], items["1.1"]["measure"]) == (3000, "万元")
    assert (items["1.2"]["target"], items["1.2"]["measure"]) == (50, "万元")
    assert "target_text" not in items["1.1"]  # (3000万元 says no more, as 2千亩 keeps none)


def test_a_title_of_a_thousand_wan_yuan_is_read_as_its_target(
    tmp_path: Path, plan_file: Path
) -> None:
    _, items = _titles_imported(tmp_path, ["完成固定资产投资3千万元"])
    assert (items["1"]["target"], items["1"]["measure"]) == (3000, "万元")


def test_new_plan_without_carry_names_ongoing_work_apart(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    write_plan(plan_file, ONGOING_ITEMS)
    out = tmp_path / "plan-2024.toml"
    result = runner.invoke(app, ["new", "2024", "--out", str(out)])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert (
        "原计划还有 1 项未完成的任务（1.3）没有结转、2 项常态化工作（1.1、1.2）没有延续；" in said
    )


def test_quarter_notes_of_a_july_to_june_plan_are_in_the_order_of_their_days(
    tmp_path: Path, plan_file: Path
) -> None:
    # 三季度 is 2023's, 一季度 and 二季度 2024's: 二季度 is the newest, not 四季度
    from .test_import import items_of, run, workbook

    rows: list[list[Any]] = [
        ["城关镇2023年7月至2024年6月重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限", *(f"{q}季度完成情况" for q in "三四一二")],
        [1, "修建村道", "交通办", "2024年6月底", "完成设计", "完成招标", "完成路基", "已完成"],
        [2, "建文化站", "文化站", "2024年6月底", "完成选址", "已完成", "正在验收", None],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["log"] == [
        {"on": dt.date(2023, 9, 30), "note": "完成设计"},
        {"on": dt.date(2023, 12, 31), "note": "完成招标"},
        {"on": dt.date(2024, 3, 31), "note": "完成路基"},
        {"on": dt.date(2024, 6, 30), "note": "已完成"},
    ]
    assert items["1"]["status"] == "done"  # from the newest, 二季度's 已完成
    assert items["2"].get("status") != "done"  # 四季度 said 已完成, but 一季度 after it 正在验收
    said = " ".join(result.stderr.split())
    assert "“三季度完成情况”、“四季度完成情况”、“一季度完成情况”、“二季度完成情况”" in said
    assert "9月30日、12月31日、3月31日、6月30日" in said
    # the status read from the newest note names its columns first to last
    assert "“三季度完成情况…二季度完成情况”只写了状态" in said


def test_summary_form_says_ongoing_work_nothing_was_recorded_of_so(
    runner: CliRunner, plan_file: Path
) -> None:
    # 200 tasks: the summary form. Half are standing work; 30 of them untouched all year.
    items: list[dict[str, Any]] = []
    for part in range(1, 6):
        items.append({"id": f"{part}", "title": f"第{part}部分"})
        for n in range(1, 41):
            task: dict[str, Any] = {"id": f"{part}.{n}", "title": f"任务{part}-{n}"}
            if n % 2:
                task["完成时限原文"] = "长期坚持"
            else:
                task["due"] = dt.date(2023, 11, 30)
            if n % 7 == 0:
                task.update(status="done", done_on=dt.date(2023, 5, 1))
            elif n % 3:
                task.update(status="doing", progress=n * 2)
            items.append(task)
    write_plan(plan_file, items)
    result = runner.invoke(app, ["report", "--as-of", "2023-12-31"])
    assert result.exit_code == 0, result.output
    problems = result.output.split("三、存在的问题")[1].split("四、下一步打算")[0]
    assert "一是逾期未完成的任务90项" in problems
    assert "二是全年未见进展记录的任务30项：任务1-3、任务1-9" in " ".join(problems.split()).replace(
        " ", ""
    )
    assert "欠进度" not in problems


def test_a_title_with_a_figure_too_large_is_imported_as_words(
    tmp_path: Path, plan_file: Path
) -> None:
    # (found by test_import's fuzzing: a traceback from reading the title's figure as a target)
    result, items = _titles_imported(tmp_path, ["新增999999999999999999999999999999户"])
    assert "target" not in items["1"] and "Traceback" not in result.output
