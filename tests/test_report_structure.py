"""The summary's structure in every format (terminal, md, json, docx): 公文 numbering by place
in the report, tasks named with their goal where their title is not enough, nothing said over
and over, the notes that belong in it, the period its day closes, and the 落款."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from quanhu_plan.building import plan_from_doc
from quanhu_plan.cli import app
from quanhu_plan.report import GoalEntry, Report, number_label, numbered, year_end_report
from quanhu_plan.report.title import period_of
from quanhu_plan.report.words import DEEPEST_LEVEL

from .conftest import REPO, REPO_PLAN, plan_doc, write_plan

EXAMPLE = REPO / "examples" / "quanhu-2022.toml"
YEAR_END = dt.date(2023, 12, 31)


def report_of(items: list[dict[str, Any]], as_of: dt.date = YEAR_END, **meta: Any) -> Report:
    return year_end_report(plan_from_doc(plan_doc(items, **meta)), as_of, "zh")


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    return result.output


# ---------------------------------------------------------------- the numbering rule

# The 公文 hierarchy: 一、 → （一） → 1. → （1）, then ①. Each level has its own form.
LEVELS = [
    re.compile(r"^([一二三四五六七八九十百千零]+)、"),
    re.compile(r"^（([一二三四五六七八九十百千零]+)）"),
    re.compile(r"^(\d+)\. "),
    re.compile(r"^（(\d+)）"),
    re.compile(r"^([\u2460-\u2473\u3251-\u325f\u32b1-\u32bf])"),
]
_CHINESE = {number_label("zh", 0, n)[:-1]: n for n in range(1, 200)}
_CIRCLED = {number_label("zh", 4, n): n for n in range(1, 51)}


def numbered_lines(lines: list[str]) -> list[tuple[int, int, str]]:
    """(level, position, line) of every numbered line, in order."""
    found = []
    for line in lines:
        line = line.strip()
        for level, pattern in enumerate(LEVELS):
            match = pattern.match(line)
            if match:
                number = match.group(1)
                if level in (0, 1):
                    position = _CHINESE[number]
                elif level == 4:
                    position = _CIRCLED[number]
                else:
                    position = int(number)
                found.append((level, position, line))
                break
    return found


def check_numbering(lines: list[str]) -> list[tuple[int, int, str]]:
    """The rule, on the lines as the reader sees them: a level comes only right below the one
    above it (no （二） without a part above), each number is the one after the previous at its
    level since its parent (no gap, no repeat), and the report's sections are 一、 to 四、."""
    found = numbered_lines(lines)
    last: list[int] = []  # the last position at each level open now
    for level, position, line in found:
        assert level <= len(last), f"level {level} without the one above it: {line}"
        expected = last[level] + 1 if level < len(last) else 1
        assert position == expected, f"expected number {expected} at level {level}: {line}"
        last = [*last[:level], position]
    sections = [position for level, position, _ in found if level == 0]
    assert sections == [1, 2, 3, 4]
    return found


def body(text: str) -> list[str]:
    """The lines before the ledger (its rows hold ids such as "1.1", not numbers)."""
    return text.split("附表：任务完成情况台账")[0].splitlines()


def markdown_lines(text: str) -> list[str]:
    return [re.sub(r"^#+ ", "", line).replace("\\.", ".") for line in body(text)]


def docx_lines(plan: Path, tmp_path: Path, *args: str) -> list[str]:
    import docx

    out = tmp_path / "总结.docx"
    run("-f", str(plan), "report", *args, "--out", str(out), "--force")
    return body("\n".join(p.text for p in docx.Document(str(out)).paragraphs))


def check_content(report: dict[str, Any]) -> None:
    """The same rule on the JSON: each entry's number is the one its level and place give."""

    def entries(items: list[dict[str, Any]], level: int) -> None:
        numbered_items = [item for item in items if item["number"]]
        for position, item in enumerate(numbered_items, 1):
            assert item["level"] == level
            assert item["number"] == number_label("zh", level, position), item
            if item.get("kind") == "goal":
                entries(item["entries"], level + 1)

    entries(report["achievements"], 1)
    for position, group in enumerate(report["next_steps"], 1):
        assert group["number"] == number_label("zh", 1, position)
        entries(group["steps"], 2)
    assert [report["headings"][key][:2] for key in ("overview", "achievements")] == ["一、", "二、"]


def check_every_format(plan: Path, tmp_path: Path, *args: str) -> list[tuple[int, int, str]]:
    terminal = run("-f", str(plan), "report", *args)
    assert max(cell_len(line) for line in terminal.splitlines()) <= 80
    found = check_numbering(body(terminal))
    outline = [(level, position) for level, position, _ in found]
    markdown = run("-f", str(plan), "report", *args, "--format", "md")
    word = docx_lines(plan, tmp_path, *args)
    for lines in (markdown_lines(markdown), word):  # the same outline in every format
        assert [(level, position) for level, position, _ in check_numbering(lines)] == outline
    check_content(json.loads(run("-f", str(plan), "report", *args, "--format", "json")))
    return found


def test_numbering_of_the_2023_plan_follows_the_hierarchy(tmp_path):
    found = check_every_format(REPO_PLAN, tmp_path)
    # Under 四、下一步打算 the parts are （一）…（五）, never 一、 again.
    assert [line for level, _, line in found if level == 1][:2] == ["（一）打牢一个基础", "（二）培育两大产业"]  # fmt: skip
    check_every_format(REPO_PLAN, tmp_path, "--as-of", "2023-06-30")


def test_numbering_of_the_2022_example_follows_the_hierarchy(tmp_path):
    found = check_every_format(EXAMPLE, tmp_path)
    lines = [line for _, _, line in found]
    # The bug this replaces: "四、下一步打算" followed by "四、基础设施全面改善".
    after = next(lines[n + 1] for n, line in enumerate(lines) if line.startswith("四、下一步打算"))
    assert after == "（一）基础设施全面改善"
    assert "（一）“党建引领”凝心聚力" in lines and "2. 推进“党建+五个到户”" in lines
    assert "（1）收集群众意见102条。" in lines


def generated_plan(seed: int, depth: int) -> list[dict[str, Any]]:
    """A plan with parts, goals and tasks down to ``depth`` levels, some done, some not."""
    rng = random.Random(seed)
    items: list[dict[str, Any]] = []

    def grow(parent: str, level: int) -> None:
        for n in range(1, rng.randint(1, 4) + 1):
            item_id = f"{parent}.{n}" if parent else str(n)
            item: dict[str, Any] = {"id": item_id, "title": f"事项{item_id}"}
            items.append(item)
            if level < depth and (level == 1 or rng.random() < 0.7):
                grow(item_id, level + 1)
            else:
                item["status"] = rng.choice(["done", "done", "todo", "doing", "blocked"])
                if rng.random() < 0.3:
                    item["title"] = "预计2022年12月开工建设"  # a title that does not stand alone

    grow("", 1)
    return items


@pytest.mark.parametrize(("seed", "depth"), [(1, 4), (2, 4), (3, 4), (4, 5), (5, 6)])
def test_numbering_of_a_generated_deep_plan_follows_the_hierarchy(seed, depth, tmp_path):
    plan = write_plan(tmp_path / "deep.toml", generated_plan(seed, depth))
    found = check_every_format(plan, tmp_path)
    assert max(level for level, _, _ in found) <= DEEPEST_LEVEL


def test_a_four_level_plan_uses_all_four_levels_and_circled_numbers_below():
    items = [
        {"id": "1", "title": "重点项目"},
        {"id": "1.1", "title": "交通"},
        {"id": "1.1.1", "title": "衡永高速"},
        {"id": "1.1.1.1", "title": "征地拆迁", "status": "done"},
        {"id": "1.1.1.2", "title": "路基施工", "status": "done"},
        {"id": "1.1.2", "title": "通组公路"},
        {"id": "1.1.2.1", "title": "硬化"},  # a goal at the fifth level: not numbered itself
        {"id": "1.1.2.1.1", "title": "一期3公里", "status": "done"},
        {"id": "1.1.2.1.2", "title": "二期"},
    ]
    report = report_of(items)
    (part,) = report.achievements
    assert (part.number, part.level) == ("（一）", 1)
    (goal,) = part.entries
    assert isinstance(goal, GoalEntry) and (goal.number, goal.level) == ("1.", 2)
    highway, road = goal.entries
    assert isinstance(highway, GoalEntry) and isinstance(road, GoalEntry)
    assert (highway.number, road.number) == ("（1）", "（2）")
    assert [(e.number, e.sentence) for e in highway.entries] == [("①", "征地拆迁。"), ("②", "路基施工。")]  # fmt: skip
    # Below ① there is no fifth form: the task deeper down is named with its goal.
    assert [(e.number, e.sentence) for e in road.entries] == [("①", "硬化·一期3公里。")]


@pytest.mark.parametrize(
    ("level", "numbers"),
    [
        (0, ["一、", "二、", "十、", "十一、"]),
        (1, ["（一）", "（二）", "（十）", "（十一）"]),
        (2, ["1.", "2.", "10.", "11."]),
        (3, ["（1）", "（2）", "（10）", "（11）"]),
        (4, ["①", "②", "⑩", "⑪"]),
    ],
)
def test_number_labels_follow_the_gbt_9704_levels(level, numbers):
    assert [number_label("zh", level, n) for n in (1, 2, 10, 11)] == numbers
    # "1." takes a space, so that "3." before "18个村" cannot read as 3.18.
    assert numbered(numbers[0], "18个村") == ("1. 18个村" if level == 2 else f"{numbers[0]}18个村")


# ---------------------------------------------------------------- context

PROJECTS = [
    {"id": "1", "title": "重点项目"},
    {"id": "1.1", "title": "抓好泉水湖项目建设"},
    {"id": "1.1.1", "title": "预计2022年12月开工建设", "status": "blocked"},
    {"id": "1.2", "title": "抓好体验馆项目建设"},
    {"id": "1.2.1", "title": "预计2022年12月开工建设", "status": "blocked"},
    {"id": "1.2.2", "title": "完成主体工程"},
    {"id": "1.3", "title": "抓好泉湖馆项目建设"},
    {"id": "1.3.1", "title": "预计2022年12月开工建设", "status": "done"},
]


def test_a_task_whose_title_is_not_enough_is_named_with_its_project():
    report = report_of(PROJECTS)
    problems = [p.sentence for p in report.problems]
    assert problems[0].startswith("一是抓好泉水湖项目建设·预计2022年12月开工建设：推进受阻")
    assert problems[1].startswith("二是抓好体验馆项目建设·预计2022年12月开工建设：推进受阻")
    # A title that stands alone is left as it is.
    assert problems[2].startswith("三是完成主体工程：")
    steps = [s.sentence for g in report.next_steps for s in g.steps]
    assert steps[0].startswith("抓好泉水湖项目建设·预计2022年12月开工建设：目前受阻")
    names = {row.id: row.name for row in report.ledger}
    assert names["1.3.1"] == "抓好泉湖馆项目建设·预计2022年12月开工建设"
    assert names["1.2.2"] == "完成主体工程"
    # Under 主要成绩 the project is the heading above it: no need to say it again.
    (part,) = report.achievements
    (project,) = part.entries
    assert isinstance(project, GoalEntry) and project.title == "抓好泉湖馆项目建设"
    assert [e.sentence for e in project.entries] == ["预计2022年12月开工建设。"]


def test_the_same_title_under_goals_of_the_same_title_goes_up_until_it_differs():
    items = [
        {"id": "1", "title": "东片"},
        {"id": "1.1", "title": "道路"},
        {"id": "1.1.1", "title": "硬化"},
        {"id": "2", "title": "西片"},
        {"id": "2.1", "title": "道路"},
        {"id": "2.1.1", "title": "硬化"},
    ]
    names = {row.id: row.name for row in report_of(items).ledger}
    assert names == {"1.1.1": "东片·道路·硬化", "2.1.1": "西片·道路·硬化"}


# ---------------------------------------------------------------- no repetition, notes


def test_the_2023_plan_says_each_thing_once(tmp_path):
    text = run("-f", str(REPO_PLAN), "report", "--format", "md")
    assert "未记录原因" not in text  # (each gap is left in place: 主要原因是【待补充】)
    # nothing recorded of any task: one problem naming them all, its gap once (s31A)
    assert text.count("主要原因是【待补充】") == 1 and "年内未能完成" not in text
    assert "以下24项工作全年未见进展记录：" in text
    assert text.count("结转2024年继续推进") == 1
    assert "本部分暂无已完成的任务" not in text


def test_a_goal_note_appears_under_its_goal():
    note = {"at": dt.datetime(2023, 8, 1, tzinfo=dt.UTC), "action": "note", "note": "全镇统筹推进"}
    items = [
        {"id": "1", "title": "基础设施", "log": [note]},
        {"id": "1.1", "title": "水利", "log": [dict(note, note="三处已开工")]},
        {"id": "1.1.1", "title": "修塘"},
    ]
    report = report_of(items)
    (part,) = report.achievements
    assert part.note == "进展情况：全镇统筹推进。"
    (goal,) = part.entries
    assert isinstance(goal, GoalEntry) and goal.note == "进展情况：三处已开工。"
    markdown = run_markdown(report)
    assert markdown.index("1\\. 水利") < markdown.index("进展情况：三处已开工。")


def run_markdown(report: Report) -> str:
    from quanhu_plan.report import to_markdown

    return to_markdown(report)


def test_a_note_from_before_the_completion_is_not_quoted_as_its_progress():
    def note(day: int, text: str) -> dict[str, Any]:
        return {"at": dt.datetime(2023, 5, day, tzinfo=dt.UTC), "action": "note", "note": text}

    items = [
        {
            "id": "1",
            "title": "修塘",
            "status": "done",
            "done_on": dt.date(2023, 5, 20),
            "log": [note(1, "正在清淤")],
        },
        {
            "id": "2",
            "title": "清淤",
            "status": "done",
            "done_on": dt.date(2023, 5, 20),
            "log": [note(1, "正在清淤"), note(20, "验收合格")],
        },
    ]
    said = {e.id: e.sentence for part in report_of(items).achievements for e in part.entries}
    assert said["1"] == "修塘（2023年5月20日完成）。"
    assert said["2"] == "清淤（2023年5月20日完成）。进展情况：验收合格。"


# ---------------------------------------------------------------- periods

CALENDAR = [{"id": "1", "title": "修塘"}, {"id": "2", "title": "路灯", "status": "done"}]


@pytest.mark.parametrize(
    ("day", "period", "title", "achievements", "next_steps"),
    [
        ("2023-12-31", "year", "测试镇2023年工作计划完成情况总结", "二、主要成绩", "四、下一步打算"),
        ("2023-03-31", "q1", "测试镇2023年一季度工作计划完成情况总结", "二、一季度主要成绩", "四、下一步打算"),
        ("2023-06-30", "h1", "测试镇2023年上半年工作计划完成情况总结", "二、上半年主要成绩", "四、下半年工作打算"),
        ("2023-09-30", "q3", "测试镇2023年前三季度工作计划完成情况总结", "二、前三季度主要成绩", "四、四季度工作打算"),
        ("2023-05-31", "months", "测试镇2023年1—5月工作计划完成情况总结", "二、1—5月主要成绩", "四、下一步打算"),
        ("2023-01-31", "months", "测试镇2023年1月工作计划完成情况总结", "二、1月主要成绩", "四、下一步打算"),
        ("2023-06-15", "to_date", "测试镇2023年工作计划阶段性完成情况总结", "二、主要成绩", "四、下一步打算"),
    ],
)  # fmt: skip
def test_the_title_and_headings_follow_the_period_the_day_closes(
    day, period, title, achievements, next_steps
):
    report = report_of(CALENDAR, as_of=dt.date.fromisoformat(day))
    assert (report.period, report.title) == (period, title)
    assert report.headings["achievements"] == achievements
    assert report.headings["next_steps"] == next_steps


def test_a_plan_that_is_not_a_calendar_year_has_no_half_year():
    meta = {"start": dt.date(2023, 7, 1), "end": dt.date(2024, 6, 30), "year": 2023}
    plan = plan_from_doc(plan_doc(CALENDAR, **meta))
    assert period_of(plan, dt.date(2023, 12, 31)) == "to_date"
    assert period_of(plan, dt.date(2024, 6, 30)) == "year"


def test_a_half_year_report_of_the_2023_plan_is_a_half_year_summary():
    text = run("-f", str(REPO_PLAN), "report", "--as-of", "2023-06-30")
    assert text.splitlines()[0].strip() == "泉湖镇2023年上半年工作计划完成情况总结"
    assert "二、上半年主要成绩" in text and "四、下半年工作打算" in text
    assert "以下24项任务尚未完成，下半年加快进度，确保按期完成：" in text
    assert "结转" not in text
    # The figures are the plan's as it stood that day (replayed): pace is judged at 30 June.
    data = json.loads(
        run("-f", str(REPO_PLAN), "report", "--as-of", "2023-06-30", "--format", "json")
    )
    assert (data["period"], data["as_of"], data["overview"]["behind"]) == ("h1", "2023-06-30", 24)


# ---------------------------------------------------------------- --owner and the 落款


def test_the_owner_filter_shows_the_names_it_matched_with_their_role():
    items = [
        {"id": "1", "title": "基础设施", "lead": "王五"},
        {"id": "1.1", "title": "修塘", "lead_unit": "水利站", "owner": "王小明"},
        {"id": "1.2", "title": "路灯", "lead": "李四"},
    ]
    plan = plan_from_doc(plan_doc(items))
    report = year_end_report(plan, YEAR_END, "zh", owner="王")
    assert report.scope == "责任领导：王五；责任人：王小明"
    assert [row.id for row in report.ledger] == ["1.1"]
    assert year_end_report(plan, YEAR_END, "zh", owner="李四").scope == "责任领导：李四"
    assert year_end_report(plan, YEAR_END, "zh", owner="赵").scope == "责任：赵"


def test_every_format_ends_the_body_with_the_organisation_and_the_date(plan_file):
    write_plan(plan_file, CALENDAR)
    terminal = run("report")
    before_ledger = body(terminal)
    signed = [line for line in before_ledger if line.strip()][-2:]
    assert [line.strip() for line in signed] == ["测试镇人民政府", "2023年12月31日"]
    assert all(cell_len(line) == 80 for line in signed)  # right-aligned at 80 columns
    markdown = run("report", "--format", "md")
    assert "测试镇人民政府\\\n2023年12月31日\n\n## 附表" in markdown
    data = json.loads(run("report", "--format", "json"))
    assert data["signature"] == ["测试镇人民政府", "2023年12月31日"]
