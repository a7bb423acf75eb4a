"""plan report: the year-end summary's content on small plans, escaping, and every format."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from quanhu_plan import store
from quanhu_plan.building import plan_from_doc
from quanhu_plan.cli import app
from quanhu_plan.report import (
    GoalEntry,
    Report,
    TaskEntry,
    md_escape,
    numbered,
    place_name,
    to_markdown,
    year_end_report,
)
from quanhu_plan.texts import chinese_numeral

from .conftest import plan_doc, write_plan

YEAR_END = dt.date(2023, 12, 31)

ITEMS: list[dict[str, Any]] = [
    {"id": "1", "title": "基础设施"},
    {
        "id": "1.1",
        "title": "修塘",
        "measure": "处",
        "baseline": 30,
        "target": 40,
        "actual": 40,
        "status": "done",
        "done_on": dt.date(2023, 10, 20),
        "evidence": ["修塘验收表.pdf"],
    },
    {
        "id": "1.2",
        "title": "安装路灯",
        "measure": "盏",
        "target": 100,
        "actual": 150,
        "status": "done",
    },
    {
        "id": "1.3",
        "title": "修机耕道",
        "measure": "条",
        "target": 20,
        "actual": 15,
        "status": "done",
    },
    {"id": "1.4", "title": "渠道清淤", "measure": "公里", "actual": 87, "status": "done"},
    {
        "id": "1.5",
        "title": "落实粮食播种面积",
        "measure": "万亩",
        "baseline": 3.2,
        "target": 3.3,
        "actual": 3.3000000000000003,
        "status": "done",
    },
    {"id": "2", "title": "社会事业"},
    {
        "id": "2.1",
        "title": "综治民调全市排名",
        "measure": "位",
        "baseline": 149,
        "actual": 36,
        "status": "done",
    },
    {
        "id": "2.2",
        "title": "[x] 自建房排查",
        "lead_unit": "规划办",
        "owner": "王五",
        "status": "blocked",
        "reason": "资料不全",
        "due": dt.date(2023, 6, 30),
    },
    {"id": "2.3", "title": "花鼓戏下乡", "status": "dropped", "reason": "场地未落实"},
    {
        "id": "2.4",
        "title": "禁毒讲座",
        "lead_unit": "综治办",
        "measure": "场",
        "target": 10,
        "actual": 4,
        "status": "doing",
        "due": YEAR_END,
        "log": [
            {
                "at": dt.datetime(2023, 9, 1, 9, 0, tzinfo=dt.UTC),
                "by": "李四",
                "action": "note",
                "note": "已在4个村开讲",
            }
        ],
    },
    {"id": "3", "title": "改革", "lead_unit": "党政办"},
    {"id": "3.1", "title": "宅基地改革", "progress": 20},
    {"id": "4", "title": "空的部分"},
]


def build(items: list[dict[str, Any]] = ITEMS, **meta: Any):
    return plan_from_doc(plan_doc(items, **meta))


def report_of(
    items: list[dict[str, Any]] = ITEMS,
    as_of: dt.date = YEAR_END,
    lang: str = "zh",
    part: str | None = None,
    owner: str | None = None,
    **meta: Any,
) -> Report:
    plan = build(items, **meta)
    return year_end_report(plan, as_of, lang, part=plan.find(part) if part else None, owner=owner)


def sentences(report: Report) -> dict[str, str]:
    """Achievement sentences by task id."""
    found: dict[str, str] = {}

    def walk(entry: GoalEntry | TaskEntry) -> None:
        if isinstance(entry, TaskEntry):
            found[entry.id] = entry.sentence
        else:
            for sub in entry.entries:
                walk(sub)

    for part in report.achievements:
        walk(part)
    return found


def invoke(runner: CliRunner, *args: str, **kwargs: Any):
    return runner.invoke(app, ["report", *args], **kwargs)


@pytest.fixture
def report_plan(plan_file: Path) -> Path:
    return write_plan(plan_file, ITEMS)


# ---------------------------------------------------------------- title and numbering


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (1, "一"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (19, "十九"),
        (20, "二十"),
        (21, "二十一"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
    ],
)
def test_chinese_numerals_number_sections(number, text):
    assert chinese_numeral(number) == text


@pytest.mark.parametrize(
    ("organisation", "title", "place"),
    [
        ("衡南县泉湖镇人民政府", "x", "泉湖镇"),
        ("湖南省衡阳市衡南县泉湖镇人民政府", "x", "泉湖镇"),
        ("中共衡南县泉湖镇委员会", "x", "泉湖镇"),
        ("泉湖镇龙秀村村民委员会", "x", "龙秀村"),
        ("衡南县农业农村局", "x", "衡南县农业农村局"),
        ("", "测试镇2023年工作计划", "测试镇"),
    ],
)
def test_the_title_uses_the_organisations_short_place_name(organisation, title, place):
    meta = {"organisation": organisation, "title": title}
    plan = plan_from_doc(plan_doc([{"id": "1", "title": "t"}], **meta))
    assert place_name(plan) == place


def test_report_title_is_place_year_and_completion_summary():
    report = report_of()
    assert report.title == "测试镇2023年工作计划完成情况总结"
    assert report.organisation == "测试镇人民政府"
    assert report.as_of_text == "截至2023年12月31日"
    assert report.scope is None


def test_report_title_in_english():
    assert report_of(lang="en").title == "测试镇 2023 work plan: completion report"


# ---------------------------------------------------------------- 总体情况


def test_overview_counts_done_dropped_blocked_behind_and_overdue():
    overview = report_of().overview
    # 宅基地改革 has progress 20 and no status: 进行中 (model.task_status)
    assert (overview.total, overview.done, overview.doing, overview.todo) == (10, 6, 2, 1)
    assert (overview.blocked, overview.dropped, overview.behind, overview.overdue) == (1, 1, 3, 1)
    assert overview.paragraphs == [
        "截至2023年12月31日，测试镇2023年工作计划共安排任务10项（另有1项已取消），"
        "已完成6项，进行中2项，未开始1项，受阻1项，综合完成率42%。",
        "其中欠进度3项，逾期1项。",
    ]


def test_overview_has_a_line_per_part_with_its_completion():
    # Not numbered: 一、 is the report's own section, and the parts are numbered under 主要成绩.
    lines = [line.sentence for line in report_of().overview.parts]
    assert lines == [
        "基础设施：任务5项，已完成5项，完成率100%。",
        # The dropped task beside the count it is not in, as the overview says it: at the end,
        # 受阻1项，已取消1项 read as two of the three.
        "社会事业：任务3项（另有1项已取消），已完成1项，完成率47%，欠进度1项，逾期1项，受阻1项。",
        "改革：任务1项，已完成0项，完成率20%，欠进度1项。",
        # 空的部分 has nothing under it: a task at the top of the plan, said among 其他任务
        # after the parts, as a 台账's tasks numbered 1, 2, 3 are (no part of their own).
        "其他任务：任务1项，已完成0项，完成率0%，欠进度1项。",
    ]


def test_a_part_line_in_english_says_its_dropped_tasks_beside_its_count():
    lines = [line.sentence for line in report_of(lang="en").overview.parts]
    assert any("1 of 3 tasks done (and 1 dropped), completion 47%" in line for line in lines), lines
    assert not any(line.endswith("1 dropped.") for line in lines), lines


def test_overview_of_a_finished_plan_says_everything_is_done():
    items = [{"id": "1", "title": "修塘", "status": "done"}]
    assert report_of(items).overview.paragraphs[1] == "全部任务均已完成。"


def test_overview_names_the_kinds_of_trouble_there_are_none_of():
    items = [{"id": "1", "title": "修塘", "status": "done"}, {"id": "2", "title": "安装路灯"}]
    report = report_of(items, as_of=dt.date(2023, 1, 2))
    assert report.overview.paragraphs[1] == "无欠进度、逾期、受阻、已取消的任务。"


# ---------------------------------------------------------------- 主要成绩


def test_a_met_target_is_said_with_target_rate_change_and_date():
    said = sentences(report_of())
    assert said["1.1"] == (
        "修塘40处，目标40处，完成率100%，较上年增加10处（2023年10月20日完成）。"
        "销号依据：修塘验收表.pdf。"
    )


def test_above_and_below_target_are_said_plainly():
    said = sentences(report_of())
    assert said["1.2"] == "安装路灯150盏，目标100盏，完成率150%，超出目标50盏。"
    assert said["1.3"] == "修机耕道15条，目标20条，完成率75%，距目标差5条。"


def test_a_figure_without_target_or_baseline_is_just_stated():
    assert sentences(report_of())["1.4"] == "渠道清淤87公里。"


def test_figures_have_no_float_noise():
    sentence = sentences(report_of())["1.5"]
    assert sentence == "落实粮食播种面积3.3万亩，目标3.3万亩，完成率100%，较上年增加0.1万亩。"


def test_a_rank_that_moved_up_says_from_which_place_to_which_and_by_how_many():
    sentence = sentences(report_of())["2.1"]
    assert sentence == "综治民调全市排名由上年第149位上升至第36位，前进113位。"


def test_a_rank_that_fell_and_a_count_that_fell():
    items = [
        {"id": "1", "title": "绩效考核排名", "measure": "名", "baseline": 20, "actual": 25},
        {"id": "2", "title": "秸秆焚烧", "measure": "起", "baseline": 12, "actual": 3},
        {"id": "3", "title": "慰问老人", "measure": "位", "baseline": 30, "actual": 36},
    ]
    items = [dict(item, status="done") for item in items]
    said = sentences(report_of(items))
    assert said["1"] == "绩效考核排名由上年第20名下降至第25名，后退5名。"
    assert said["2"] == "秸秆焚烧3起，较上年减少9起。"
    assert said["3"] == "慰问老人36位，较上年增加6位。"  # 位 of people, not a rank


def test_a_title_that_already_states_its_figure_is_not_repeated():
    items = [
        {"id": "1", "title": "实现0火情", "measure": "火情", "target": 0, "actual": 0},
        {"id": "2", "title": "修塘40余处", "measure": "处", "actual": 40},
        {"id": "3", "title": "修塘40处", "measure": "处", "target": 40, "actual": 35},
        {"id": "4", "title": "率先实现三个“100%”", "measure": "%", "baseline": 90, "actual": 100},
    ]
    items = [dict(item, status="done") for item in items]
    said = sentences(report_of(items))
    assert said["1"] == "实现0火情，达到目标。"
    assert said["2"] == "修塘40余处。"
    assert said["3"] == "修塘40处，完成35处，目标40处，完成率88%，距目标差5处。"
    assert said["4"] == "率先实现三个“100%”，较上年增加10个百分点。"


def test_done_tasks_quote_their_latest_progress_note():
    items = [
        {
            "id": "1",
            "title": "修塘",
            "status": "done",
            "log": [
                {"at": dt.datetime(2023, 5, 1, tzinfo=dt.UTC), "action": "note", "note": "开工"},
                {
                    "at": dt.datetime(2023, 9, 1, tzinfo=dt.UTC),
                    "action": "note",
                    "note": "验收合格",
                },
                {"at": dt.datetime(2023, 9, 2, tzinfo=dt.UTC), "action": "edit", "note": "改名"},
            ],
        }
    ]
    assert sentences(report_of(items))["1"] == "修塘。进展情况：验收合格。"


def test_a_note_taken_back_with_undo_is_not_quoted():
    undone_at = dt.datetime(2023, 9, 3, tzinfo=dt.UTC)
    log = [
        {"at": dt.datetime(2023, 5, 1, tzinfo=dt.UTC), "action": "note", "note": "开工"},
        {
            "at": dt.datetime(2023, 9, 1, tzinfo=dt.UTC),
            "action": "note",
            "note": "写错了",
            "undone": undone_at,
        },
    ]
    items = [{"id": "1", "title": "修塘", "status": "done", "log": log}]
    assert sentences(report_of(items))["1"] == "修塘。进展情况：开工。"


def test_achievements_are_numbered_under_their_section_by_place_in_the_report():
    report = report_of()
    parts = [(part.number, part.title) for part in report.achievements]
    # Under 二、主要成绩 the parts are （一）（二）…, never 一、 again.
    assert parts == [("（一）", "基础设施"), ("（二）", "社会事业")]
    first = report.achievements[0]
    assert [(e.number, e.id) for e in first.entries] == [
        ("1.", "1.1"),
        ("2.", "1.2"),
        ("3.", "1.3"),
        ("4.", "1.4"),
        ("5.", "1.5"),
    ]
    # Done tasks, and tasks going on with a figure reached (禁毒讲座 4场 of 10), numbered by
    # their place in the report: no gaps (2.2 blocked with no figure, 2.3 dropped).
    assert [(e.number, e.id) for e in report.achievements[1].entries] == [
        ("1.", "2.1"),
        ("2.", "2.4"),
    ]


def test_goals_nest_with_their_own_numbering():
    items = [
        {"id": "1", "title": "基础设施"},
        {"id": "1.1", "title": "水利"},
        {"id": "1.1.1", "title": "修塘", "status": "done"},
        {"id": "1.1.2", "title": "清淤"},
        {"id": "1.1.3", "title": "护砌", "status": "done"},
        {"id": "1.2", "title": "亮化"},
        {"id": "1.2.1", "title": "路灯", "status": "done"},
    ]
    part = report_of(items).achievements[0]
    assert [(g.number, g.title) for g in part.entries] == [("1.", "水利"), ("2.", "亮化")]
    water = part.entries[0]
    assert isinstance(water, GoalEntry)
    assert [(t.number, t.title) for t in water.entries] == [("（1）", "修塘"), ("（2）", "护砌")]


def test_the_parts_with_nothing_done_are_named_once_together():
    report = report_of()
    assert [part.title for part in report.achievements] == ["基础设施", "社会事业"]
    # 空的部分 has nothing under it: a task at the top of the plan, no part to name here.
    assert report.achievements_note == "以下部分暂无已完成的任务：改革。"


def test_nothing_done_at_all_is_one_sentence():
    report = report_of([{"id": "1", "title": "修塘"}, {"id": "2", "title": "路灯"}])
    assert report.achievements == []
    assert report.achievements_note == "截至2023年12月31日，尚无已完成的任务。"


def test_tasks_at_the_top_of_the_plan_are_said_together_as_other_tasks():
    # A 工作台账 numbered 1, 2, 3… without categories: no heading of its own for each task (it
    # was （一）修塘 over 修塘40处。), and none at all in a plan of tasks alone.
    items = [
        {"id": "1", "title": "修塘", "measure": "处", "actual": 40, "status": "done"},
        {"id": "2", "title": "修路", "status": "done"},
    ]
    part = report_of(items).achievements[0]
    assert part.note is None
    assert (part.number, part.title) == ("", "")
    assert [(e.number, e.sentence) for e in part.entries] == [
        ("1.", "修塘40处。"),
        ("2.", "修路。"),
    ]
    beside = [{"id": "1", "title": "农业"}, {"id": "1.1", "title": "修渠", "status": "done"}]
    report = report_of(beside + [{**items[0], "id": "2"}])
    assert [(p.number, p.title) for p in report.achievements] == [
        ("（一）", "农业"),
        ("（二）", "其他任务"),
    ]
    assert [line.title for line in report.overview.parts] == ["农业", "其他任务"]


# ---------------------------------------------------------------- 存在的问题 and 下一步打算


def test_problems_are_numbered_worst_first_with_status_completion_and_reason():
    report = report_of()
    problems = [p.sentence for p in report.problems]
    assert problems == [
        "一是[x] 自建房排查：推进受阻，完成时限为2023年6月30日，逾期未完成，目前完成率为0%，"
        "由规划办/王五负责。主要原因是资料不全。",
        "二是禁毒讲座：年内未能完成，目前完成率为40%（已完成4场，目标10场），"
        "完成时限为2023年12月31日，由综治办负责。主要原因是【待补充】。最新进展：已在4个村开讲。",
        "三是宅基地改革：年内未能完成，目前完成率为20%，由党政办负责。主要原因是【待补充】。",
        "四是空的部分：年内未能完成，目前尚未开始，完成率为0%。主要原因是【待补充】。",
        # ticked off short of its figure (s30F): after the unfinished, before the dropped
        "五是修机耕道：已销号，但未达到目标，完成15条，目标20条，完成率75%，距目标差5条。"
        "主要原因是【待补充】。",
        "六是花鼓戏下乡：已取消。取消原因：场地未落实。",
    ]
    # The tasks without a reason are named once, together, in the data; three in a row as a
    # range (第…项: 一是 numbers a problem in its sentence, "二是至四是" does not read). The
    # text leaves the gap in place (主要原因是【待补充】).
    assert report.problems_unexplained == "以上第二至五项未记录原因。"


@pytest.mark.parametrize(
    ("reasons", "said"),
    [
        ([None, "资料不全", None], "以上第一、三项未记录原因。"),
        ([None, None, None, None, "x", None], "以上第一至四、六项未记录原因。"),
        ([None, None, None], "以上各项均未记录原因。"),
        ([None], "未记录原因。"),
        (["资料不全"], None),
    ],
)
def test_missing_reasons_are_said_in_one_sentence(reasons, said):
    items = [
        {"id": str(n), "title": f"任务{n}", "status": "blocked", **({"reason": r} if r else {})}
        for n, r in enumerate(reasons, 1)
    ]
    report = report_of(items)
    assert report.problems_unexplained == said
    assert not any("未记录" in p.sentence for p in report.problems)


def test_no_problems_is_said_too():
    report = report_of([{"id": "1", "title": "修塘", "status": "done"}])
    assert report.problems == []
    assert report.problems_note == "未发现欠进度、逾期、受阻或未完成的任务。"


def test_a_draft_before_the_years_end_leaves_tasks_on_pace_out_of_the_problems(runner, plan_file):
    items = [
        {"id": "1", "title": "基础设施"},
        {"id": "1.1", "title": "修塘", "progress": 80, "status": "doing"},  # ahead at mid-year
        {"id": "1.2", "title": "安装路灯", "progress": 10, "status": "doing"},  # behind
        {"id": "1.3", "title": "修机耕道", "progress": 60, "status": "blocked", "reason": "缺资金"},
    ]
    write_plan(plan_file, items)
    result = runner.invoke(app, ["report", "--format", "md", "--as-of", "2023-06-30"])
    assert result.exit_code == 0, result.output
    problems = result.stdout.split("## 三、存在的问题")[1].split("## 四、")[0]
    assert "修机耕道：推进受阻" in problems and "安装路灯：进度滞后于序时进度" in problems
    assert "修塘" not in problems  # ahead of its pace: no problem yet
    steps = result.stdout.split("## 四、")[1]  # 下半年工作打算 in a draft at mid-year
    assert "修塘：目前进行中，完成率80%" in steps  # still carried forward
    # At the year's end an unfinished task is due, and behind: a problem like the others.
    year_end = runner.invoke(app, ["report", "--format", "md"]).stdout
    assert "修塘：年内未能完成" in year_end.split("## 三、存在的问题")[1].split("## 四、")[0]
    # Every task not done is on pace: said so, not that nothing is unfinished.
    write_plan(plan_file, items[:2])
    on_pace = runner.invoke(app, ["report", "--format", "md", "--as-of", "2023-06-30"]).stdout
    assert "未发现欠进度、逾期或受阻的任务；尚未完成的1项任务按序时推进。" in on_pace
    english = runner.invoke(
        app, ["report", "--format", "md", "--as-of", "2023-06-30", "--lang", "en"]
    ).stdout
    assert "No task is behind, overdue or blocked; the one task not yet done is on pace." in english
    assert "This task is not done; " in english and "These 1 tasks" not in english
    # Two: all of them (均), plural.
    write_plan(plan_file, [*items[:2], {"id": "1.4", "title": "修桥", "progress": 50}])
    two = runner.invoke(app, ["report", "--format", "md", "--as-of", "2023-06-30"]).stdout
    assert "尚未完成的2项任务均按序时推进。" in two


def test_a_missed_milestone_is_a_problem_even_when_the_task_has_caught_up_with_its_pace(
    runner, plan_file
):
    # 50 % was due by 31 March and nothing was done by then; 80 % came in May: ahead of pace
    # at the end of June, but the milestone was missed, and the report says so.
    items = [
        {"id": "1", "title": "基础设施"},
        {
            "id": "1.1",
            "title": "修塘",
            "status": "doing",
            "progress": 80,
            "milestone": [{"due": dt.date(2023, 3, 31), "progress": 50}],
            "log": [
                {
                    "at": dt.datetime(2023, 5, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=8))),
                    "by": "张三",
                    "action": "progress",
                    "on": dt.date(2023, 5, 1),
                    "before": {"progress": 0, "status": "todo"},
                    "after": {"progress": 80, "status": "doing"},
                }
            ],
        },
        {"id": "1.2", "title": "安装路灯", "status": "doing", "progress": 70},
    ]
    write_plan(plan_file, items)
    result = runner.invoke(app, ["report", "--format", "md", "--as-of", "2023-06-30"])
    assert result.exit_code == 0, result.output
    problems = result.stdout.split("## 三、存在的问题")[1].split("## 四、")[0]
    assert (
        "一是修塘：未达到2023年3月31日时间节点要求（应达50%，届时完成0%），目前完成率为80%。"
        in problems
    )
    assert "安装路灯" not in problems


def test_next_steps_carry_unfinished_tasks_into_next_year_by_part():
    report = report_of()
    # Carrying over is said once, in the opening line; an item says only what differs.
    assert report.next_steps_intro == (
        "以下4项任务尚未完成，结转2024年继续推进；另有1项任务已销号但未达到目标，一并列出："
    )
    groups = [
        (g.number, g.title, [numbered(s.number, s.sentence) for s in g.steps])
        for g in report.next_steps
    ]
    assert groups == [
        # ticked off short of its figure: the gap is still to close (s30J)
        ("（一）", "基础设施", ["1. 修机耕道：已销号，尚差5条；下一步继续跟进，补齐差距。"]),
        (
            "（二）",
            "社会事业",
            [
                "1. [x] 自建房排查：目前受阻，完成率0%，由规划办/王五负责；协调解决受阻问题后继续推进。",
                "2. 禁毒讲座：目前进行中，完成率40%，尚差6场，由综治办负责。",
            ],
        ),
        ("（三）", "改革", ["1. 宅基地改革：目前进行中，完成率20%，由党政办负责。"]),
        # A task at the top of the plan (空的部分 has nothing under it): among 其他任务.
        ("（四）", "其他任务", ["1. 空的部分：目前尚未开始，完成率0%。"]),
    ]
    markdown = to_markdown(report)
    assert markdown.count("结转2024年继续推进") == 1


def test_next_steps_in_mid_year_push_to_finish_on_time():
    report = report_of(as_of=dt.date(2023, 7, 1))
    # Three of the four behind: what they are to do is said once, in the opening line; the
    # blocked one says its own.
    assert report.next_steps_intro == (
        "以下4项任务尚未完成，下一步加快进度，确保按期完成；另有1项任务已销号但未达到目标，一并列出："
    )
    steps = {s.id: s.sentence for g in report.next_steps for s in g.steps}
    assert steps["2.2"].endswith("协调解决受阻问题后继续推进。")
    assert "加快进度" not in steps["2.4"]
    on_pace = [{"id": "1", "title": "修塘"}, {"id": "1.1", "title": "清淤", "progress": 50}]
    report = report_of(on_pace, as_of=dt.date(2023, 7, 1))
    # What every task is to do is said once, in the opening line.
    assert report.next_steps_intro == "以下1项任务尚未完成，下一步按计划推进，确保按期完成："
    (group,) = report.next_steps
    assert group.steps[0].sentence == "清淤：目前进行中，完成率50%。"


# ---------------------------------------------------------------- ledger and filters


def test_ledger_has_a_row_per_task_with_lead_responsible_figures_due_status_and_completion():
    report = report_of()
    assert report.ledger_columns == [
        "序号",
        "任务",
        "责任领导",
        "责任单位/责任人",
        "目标值/完成值",
        "完成时限",
        "状态",
        "完成率",
        "完成日期",
    ]
    rows = {row.id: row.cells() for row in report.ledger}
    assert list(rows) == ["1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.2", "2.3", "2.4", "3.1", "4"]
    assert rows["1.1"] == ["1.1", "修塘", "", "", "40处/40处", "", "已完成", "100%", "2023-10-20"]
    assert rows["2.2"] == [
        "2.2",
        "[x] 自建房排查",
        "",
        "规划办/王五",
        "",
        "2023-06-30",
        "受阻（逾期，红灯）",
        "0%",
        "",
    ]
    assert rows["1.4"][4] == "—/87公里"  # no target: a dash
    assert rows["2.1"][4] == "—/第36位"
    assert rows["2.3"][6:8] == ["已取消", "—"]
    assert rows["3.1"][3] == "党政办"  # the unit set on the goal


def test_ledger_names_the_lead_in_its_own_column():
    items = [
        {"id": "1", "title": "基础设施", "lead": "张三"},
        {"id": "1.1", "title": "修塘", "lead_unit": "水利站", "owner": "李四"},
        {"id": "1.2", "title": "路灯", "lead": "王五、赵六", "target_text": "100盏以上"},
    ]
    rows = {row.id: row.cells() for row in report_of(items).ledger}
    assert rows["1.1"][1:5] == ["修塘", "张三", "水利站/李四", ""]
    assert rows["1.2"][1:5] == ["路灯", "王五、赵六", "", "100盏以上/—"]


def test_ledger_figures_are_empty_for_a_task_with_only_last_years_figure():
    items = [{"id": "1", "title": "粮食播种面积", "measure": "万亩", "baseline": 3.2}]
    (row,) = report_of(items).ledger
    assert (row.figures, row.target_figure, row.actual_figure) == ("", "", "")


def test_part_filter_reports_one_part_numbered_in_the_report():
    report = report_of(part="2")
    assert report.scope == "范围：2 社会事业"
    assert [p.number + p.title for p in report.achievements] == ["（一）社会事业"]
    assert report.overview.total == 3 and report.overview.dropped == 1
    assert report.overview.paragraphs[0].startswith(
        "截至2023年12月31日，测试镇2023年工作计划中在本范围内的任务共3项（另有1项已取消）"
    )
    assert [row.id for row in report.ledger] == ["2.1", "2.2", "2.3", "2.4"]


def test_owner_filter_keeps_the_tasks_of_a_unit_or_person_also_set_on_goals():
    report = report_of(owner="党政办")
    assert report.scope == "牵头单位：党政办"
    assert [row.id for row in report.ledger] == ["3.1"]
    assert [p.title for p in report.overview.parts] == ["改革"]
    assert [row.id for row in report_of(owner="王五").ledger] == ["2.2"]


def test_an_owner_matching_nothing_gives_an_empty_report_that_says_so():
    report = report_of(owner="不存在")
    assert report.overview.paragraphs == ["截至2023年12月31日，没有符合条件的任务。"]
    assert report.achievements == [] and report.ledger == []


def test_report_in_english():
    report = report_of(lang="en")
    said = sentences(report)
    assert said["1.1"] == (
        "修塘: 40处, target 40处, 100% of target, up 10处 on last year (done 2023-10-20). "
        "Evidence: 修塘验收表.pdf."
    )
    assert said["2.1"] == "综治民调全市排名: from #149 last year to #36, up 113 places."
    assert report.headings["problems"] == "3. Problems"
    assert report.problems[0].sentence.startswith(
        "1) [x] 自建房排查: blocked, due 2023-06-30, overdue"
    )
    assert report.problems_unexplained == "No reason is recorded for problems 2 to 5."
    assert [part.number for part in report.achievements] == ["(1)", "(2)"]


# ---------------------------------------------------------------- Markdown escaping

NASTY = "# 标题 | 竖线 [x] *星*"


def test_markdown_escapes_headings_tables_links_and_emphasis():
    items = [
        {"id": "1", "title": NASTY},
        {"id": "1.1", "title": "第一行\n# 第二行 `代码` <b>粗</b> _斜_", "status": "done"},
        {"id": "1.2", "title": "- 不是列表", "status": "done", "owner": "张|三"},
    ]
    text = to_markdown(report_of(items, title=NASTY + "计划", organisation="- 单位"))
    escaped = r"\# 标题 \| 竖线 \[x\] \*星\*"
    assert f"### （一）{escaped}" in text.splitlines()
    # "1." at the start of a line would start a Markdown list: escaped.
    # The title over two lines reads on one (``words.one_line``): Chinese joined without a space.
    assert r"1\. 第一行\# 第二行 \`代码\` \<b\>粗\</b\> \_斜\_。" in text
    assert r"2\. - 不是列表。" in text.splitlines()  # mid-line: no list, nothing more to escape
    assert "\\- 单位\\" in text.splitlines()  # at the start of a line it would be a list
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert all(re.match(r"#{1,6} ", line) for line in headings)
    assert not any("第二行" in line for line in headings)
    assert len([line for line in headings if line.startswith("# ")]) == 1
    table = [line for line in text.splitlines() if line.startswith("|")]
    assert all(len(re.split(r"(?<!\\)\|", row)) == 11 for row in table)  # 9 cells, every row


def test_md_escape_leaves_figures_and_dates_readable():
    assert md_escape("修塘40处，98.4万元，2022-12-26") == "修塘40处，98.4万元，2022-12-26"
    assert md_escape("1. 修塘") == r"1\. 修塘"


# ---------------------------------------------------------------- the command and its formats


def test_report_prints_every_section_in_the_terminal(runner, report_plan):
    result = invoke(runner)
    assert result.exit_code == 0, result.output
    out = result.output
    for text in (
        "测试镇2023年工作计划完成情况总结",
        "截至2023年12月31日",
        "一、总体情况",
        "二、主要成绩",
        "三、存在的问题",
        "四、下一步打算",
        "附表：任务完成情况台账",
        "一是[x] 自建房排查",
    ):
        assert text in out


def test_terminal_keeps_brackets_in_titles(runner, report_plan):
    out = invoke(runner).output
    assert "[x] 自建房排查" in out
    assert "2.2" in out


def test_terminal_report_fits_80_columns(runner, report_plan):
    result = invoke(runner, env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert max(cell_len(line.rstrip()) for line in result.output.splitlines()) <= 80


def test_markdown_goes_to_stdout(runner, report_plan):
    result = invoke(runner, "--format", "md")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# 测试镇2023年工作计划完成情况总结\n")
    assert "## 一、总体情况" in result.output
    assert (
        "| 2.2 | \\[x\\] 自建房排查 |  | 规划办/王五 |  | 6月30日 | 受阻（逾期，红灯） | 0% |  |"
        in (result.output)
    )


def test_json_parses_and_carries_the_same_figures(runner, report_plan):
    result = invoke(runner, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    md = invoke(runner, "--format", "md").output
    assert data["title"] == "测试镇2023年工作计划完成情况总结"
    assert data["as_of"] == "2023-12-31"
    assert data["overview"]["done"] == 6 and data["overview"]["completion"] == 0.4167
    pond = data["achievements"][0]["entries"][0]
    assert pond["metric"] == {
        "measure": "处",
        "actual": 40,
        "target": 40,
        "baseline": 30,
        "rate": 1.0,
        "change": 10,
        "rank": False,
        "down": False,
        "target_text": None,
    }
    assert pond["done_on"] == "2023-10-20"
    assert data["achievements"][0]["entries"][4]["metric"]["change"] == 0.1
    for part in data["achievements"]:
        for entry in part["entries"]:
            assert entry["sentence"] in md
    for problem in data["problems"]:
        assert md_escape(problem["sentence"]) in md
    assert [row["id"] for row in data["ledger"]][:2] == ["1.1", "1.2"]


def test_options_filter_the_report(runner, report_plan):
    part = invoke(runner, "--format", "json", "--part", "社会事业")
    assert [row["id"] for row in json.loads(part.output)["ledger"]] == ["2.1", "2.2", "2.3", "2.4"]
    owner = invoke(runner, "--format", "json", "--owner", "王五")
    assert [row["id"] for row in json.loads(owner.output)["ledger"]] == ["2.2"]
    mid = json.loads(invoke(runner, "--format", "json", "--as-of", "2023-07-01").output)
    assert mid["as_of"] == "2023-07-01"
    english = invoke(runner, "--lang", "en", "--format", "md")
    assert "## 1. Overview" in english.output


def test_bad_options_are_usage_errors(runner, report_plan, tmp_path):
    assert invoke(runner, "--format", "docx").exit_code == 2
    assert invoke(runner, "--format", "pdf").exit_code == 2
    assert invoke(runner, "--out", str(tmp_path / "r.pdf")).exit_code == 2
    assert invoke(runner, "--format", "terminal", "--out", str(tmp_path / "r.md")).exit_code == 2
    assert invoke(runner, "--as-of", "2023-02-30").exit_code == 2
    assert not list(tmp_path.glob("r.*"))


def test_an_unknown_part_is_a_domain_error(runner, report_plan):
    result = invoke(runner, "--part", "9.9")
    assert result.exit_code == 1
    assert "9.9" in result.output


def test_out_writes_the_file_and_says_so(runner, report_plan, tmp_path):
    target = tmp_path / "总结.md"
    result = invoke(runner, "--format", "md", "--out", str(target))
    assert result.exit_code == 0, result.output
    assert result.output == f"已写入 {target}。\n"
    assert target.read_text(encoding="utf-8") == invoke(runner, "--format", "md").output
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".quanhu-tmp")]


def test_out_takes_the_format_from_the_suffix(runner, report_plan, tmp_path):
    assert invoke(runner, "--out", str(tmp_path / "r.json")).exit_code == 0
    assert (
        json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["kind"] == "year_end_report"
    )
    assert invoke(runner, "--out", str(tmp_path / "r.docx")).exit_code == 0
    assert (tmp_path / "r.docx").read_bytes()[:2] == b"PK"


def test_existing_file_is_not_overwritten_without_a_terminal_or_force(
    runner, report_plan, tmp_path
):
    target = tmp_path / "r.md"
    target.write_text("旧内容", encoding="utf-8")
    result = invoke(runner, "--out", str(target))
    assert result.exit_code == 1
    assert "已经存在，没有覆盖" in result.output and "--force" in result.output
    assert target.read_text(encoding="utf-8") == "旧内容"
    forced = invoke(runner, "--out", str(target), "--force")
    assert forced.exit_code == 0, forced.output
    assert target.read_text(encoding="utf-8").startswith("# 测试镇")


@pytest.mark.parametrize(("answer", "code", "kept"), [("y\n", 0, False), ("n\n", 1, True)])
def test_existing_file_is_overwritten_when_the_user_says_yes(
    runner, report_plan, tmp_path, monkeypatch, answer, code, kept
):
    monkeypatch.setattr("quanhu_plan.cli.prompts.can_ask", lambda: True)
    target = tmp_path / "r.md"
    target.write_text("旧内容", encoding="utf-8")
    result = invoke(runner, "--out", str(target), input=answer)
    assert result.exit_code == code, result.output
    assert "已经存在，要覆盖吗？" in result.output
    assert (target.read_text(encoding="utf-8") == "旧内容") is kept


def test_out_into_a_missing_folder_fails_cleanly(runner, report_plan, tmp_path):
    result = invoke(runner, "--out", str(tmp_path / "没有" / "r.md"))
    assert result.exit_code == 1
    assert "无法创建" in result.output and "所在的文件夹不存在" in result.output


def test_atomic_write_takes_bytes_as_well_as_text(tmp_path):
    target = tmp_path / "a.bin"
    store.atomic_write(target, b"\x00\xffPK")
    assert target.read_bytes() == b"\x00\xffPK"
    store.atomic_write(target, "泉湖")
    assert target.read_bytes() == "泉湖".encode()


def test_markdown_and_json_need_neither_rich_nor_docx(report_plan):
    code = (
        "import sys; from quanhu_plan.cli import main\n"
        f"sys.argv = ['plan', '-f', {str(report_plan)!r}, 'report', '--format', 'md']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('rich' in sys.modules, 'docx' in sys.modules, file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip().endswith("False False")
    assert "二、主要成绩" in done.stdout


def test_a_ratio_too_large_for_a_decimal_is_still_said(plan_file):
    """A hand-typed target of 5e-324 made a ratio of about 2e323, said as 目标0处: the file
    is refused since session 22 (every view showed that target as 0). The largest ratio a file
    may hold (1e-15 against 999999999999999) is said, the command does not fail on it."""
    write_plan(
        plan_file,
        [{"id": "1", "title": "修塘", "measure": "处", "target": 5e-324, "actual": 1,
          "status": "done"}],
    )  # fmt: skip
    result = CliRunner().invoke(app, ["report", "--format", "md"])
    assert result.exit_code == 1 and "显示出来都是 0" in result.output
    write_plan(
        plan_file,
        [{"id": "1", "title": "修塘", "measure": "处", "target": 1e-15,
          "actual": 999999999999999, "status": "done"}],
    )  # fmt: skip
    result = CliRunner().invoke(app, ["report", "--format", "md"])
    assert result.exit_code == 0, result.output
    assert "修塘999999999999999处，目标0.000000000000001处，完成率" in result.stdout


def test_markdown_ledger_right_aligns_the_completion_rate(runner, plan_file):
    """As the Word ledger and the workbook do: the 完成率 column is right-aligned (---:), so
    100%, 30% and 5% line up when the Markdown is rendered or converted."""
    from .conftest import write_plan

    write_plan(
        plan_file,
        [
            {"id": "1", "title": "修塘", "status": "done"},
            {"id": "2", "title": "清淤", "status": "doing", "progress": 5},
        ],
    )
    markdown = runner.invoke(app, ["report", "--format", "md"]).output
    lines = markdown.splitlines()
    header = next(n for n, line in enumerate(lines) if line.startswith("| 序号 |"))
    names = [cell.strip() for cell in lines[header].strip("|").split("|")]
    rule = lines[header + 1].strip("|").split("|")
    assert rule[names.index("完成率")] == "---:"
    assert all(mark == "---" for n, mark in enumerate(rule) if names[n] != "完成率")
