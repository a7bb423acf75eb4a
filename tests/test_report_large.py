"""The year-end report of a large plan (a county 重点工作任务分解表 of 150 tasks and a year's
trace), read as the 镇长 and the county's 督查室 read it: the body summarises — counts, the
figures of what was done, the problems by kind — in about the length of the seed's 2022 summary,
and every task's detail is in the ledger (附表). A plan as small as the seed's keeps its report
in full (tests/test_report*.py, tests/test_word.py)."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan

VILLAGES = ["龙秀村", "八塘村", "先锋村", "大星村", "红湖村", "建伟村"]
PARTS = ["党的建设", "乡村振兴", "产业发展", "改革攻坚", "民生保障", "安全稳定"]
WORKS = [
    ("建设标准化阵地", "个"),
    ("开展屋场恳谈会", "场"),
    ("新建改建农村户厕", "户"),
    ("修建机耕道", "条"),
    ("治理耕地抛荒", "亩"),
    ("发放补助资金", "万元"),
]
BLOCKED = ("上级配套资金未到位", "征地拆迁未完成，尚有3户未签订协议")
FATES = ("done",) * 7 + ("doing", "blocked", "dropped")
NOTE = "已召开专题部署会，明确责任分工，县督查室实地督查后按期完成并通过县级验收"


def _log(day: dt.date, note: str) -> dict[str, Any]:
    at = dt.datetime(2023, day.month, day.day, 9, 0, tzinfo=dt.UTC)
    return {"at": at, "on": day, "by": "党政办", "action": "note", "note": note}


def large_plan(plan_file: Any) -> None:
    """6 parts × 4 goals × 6 tasks: 144 tasks, most done with a figure and a note, some
    overdue, blocked (two reasons) or dropped; one goal is a task in each of six villages."""
    items: list[dict[str, Any]] = []
    n = 0
    for p, part in enumerate(PARTS, 1):
        items.append({"id": f"{p}", "title": part})
        for g in range(1, 5):
            goal = f"{p}.{g}"
            village = p == 2 and g == 1
            title = "推进幸福屋场建设" if village else f"抓好{part}第{g}项重点工作"
            items.append({"id": goal, "title": title, "lead": "刘建国"})
            for t in range(1, 7):
                n += 1
                work, measure = WORKS[t - 1]
                task: dict[str, Any] = {
                    "id": f"{goal}.{t}",
                    "title": f"{VILLAGES[t - 1]}幸福屋场建设" if village else work,
                    "lead_unit": "乡村振兴办",
                    "owner": "邓小军",
                    "due": "2023-10",
                    "measure": "个" if village else measure,
                    "target": 2 if village else 10 * t,
                }
                fate = "done" if village else FATES[n % 10]
                items.append(task)
                if fate == "done":
                    task |= {
                        "status": "done",
                        "done_on": dt.date(2023, 9, t),
                        "actual": task["target"],
                        "log": [_log(dt.date(2023, 9, t), NOTE)],
                    }
                elif fate == "doing":
                    task |= {"status": "doing", "actual": task["target"] / 2}
                elif fate == "blocked":
                    task |= {"status": "blocked", "reason": BLOCKED[p % 2]}
                else:
                    task |= {"status": "dropped", "reason": "县里调整年度任务"}
    write_plan(plan_file, items, title="泉湖镇2023年重点工作任务分解表")


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def section(markdown: str, start: str, end: str) -> list[str]:
    """The paragraphs of a section of the Markdown report, its ### headings left out."""
    body = markdown.split(f"## {start}")[1].split(f"## {end}")[0]
    paragraphs = [p.strip() for p in body.split("\n\n")[1:] if p.strip()]
    return [p for p in paragraphs if not p.startswith("###")]


def test_a_large_plans_achievements_are_a_paragraph_per_goal_with_its_figures(plan_file):
    """主要成绩 of 150 tasks was a paragraph per done task, each with its date, its note and its
    target (32 of a 74-page Word report for a 280-task plan): now a paragraph per goal, its
    count and the figures of its done tasks, a task done in each village said once with its
    total; the dates and notes are the ledger's and the full form's."""
    large_plan(plan_file)
    markdown = run("report", "--format", "md", "--as-of", "2023-12-31")
    achievements = section(markdown, "二、主要成绩", "三、")
    assert len(achievements) == 24  # the goals, not the 144 tasks
    assert achievements[0] == (
        "1\\. 抓好党的建设第1项重点工作：6项任务全部完成。建设标准化阵地10个，开展屋场恳谈会20场，"
        "新建改建农村户厕30户，修建机耕道40条，治理耕地抛荒50亩，发放补助资金60万元。"
    )
    assert achievements[4] == (
        "1\\. 推进幸福屋场建设：6项任务全部完成。幸福屋场建设共12个（龙秀村2个、八塘村2个、"
        "先锋村2个、大星村2个、红湖村2个、建伟村2个）。"
    )
    assert "2023年9月" not in "".join(achievements) and NOTE not in markdown
    data = json.loads(run("report", "--format", "json", "--as-of", "2023-12-31"))
    assert data["form"] == "summary"
    said = [t for part in data["achievements"] for goal in part["entries"] for t in goal["tasks"]]
    assert said == [row["id"] for row in data["ledger"] if row["status"] == "done"]
    assert len(data["ledger"]) == 144


def test_a_report_on_one_part_of_the_large_plan_stays_in_full(plan_file):
    """24 tasks (the report on one part) are as many as the seed's: a paragraph per done task,
    with its date and its note, as before."""
    large_plan(plan_file)
    markdown = run("report", "--format", "md", "--as-of", "2023-12-31", "--part", "1")
    achievements = section(markdown, "二、主要成绩", "三、")
    assert achievements[1] == (
        f"（1）建设标准化阵地10个，目标10个，完成率100%（2023年9月1日完成）。进展情况：{NOTE}。"
    )
    assert json.loads(run("report", "--format", "json", "--part", "1"))["form"] == "full"


def test_a_large_plans_problems_are_grouped_by_kind_and_reason(plan_file):
    """存在的问题 was a paragraph per task (72 paragraphs, 13 pages for a 280-task plan), each
    with its status, completion, deadline, who and its reason: now a paragraph per kind — 受阻,
    逾期, 已取消 — naming its tasks, those blocked or dropped for one reason named before it once;
    who, when and how far is the ledger's."""
    large_plan(plan_file)
    markdown = run("report", "--format", "md", "--as-of", "2023-12-31")
    problems = section(markdown, "三、存在的问题", "四、")
    assert [p.split("：")[0] for p in problems] == [
        "一是受阻的任务13项",
        "二是逾期未完成的任务13项（受阻的除外）",
        "三是已取消的任务13项",
        "各项任务的责任单位、完成时限和完成情况见附表。",
    ]
    blocked = problems[0]
    # Seven blocked for one reason, six for the other: each reason said once, after its tasks;
    # twelve named, the thirteenth in the ledger.
    assert blocked.count(BLOCKED[0]) == 1 and blocked.count(BLOCKED[1]) == 1
    assert "抓好党的建设第2项重点工作·开展屋场恳谈会、" in blocked
    assert f"修建机耕道（{BLOCKED[1]}）；抓好乡村振兴" in blocked
    assert blocked.endswith(f"（{BLOCKED[0]}），另有1项见附表。")
    overdue = problems[1]
    assert overdue.startswith(
        "二是逾期未完成的任务13项（受阻的除外）：抓好党的建设第2项重点工作·建设标准化阵地（完成率50%）、"
    )
    assert overdue.count("（完成率50%）") == 12 and overdue.endswith("，另有1项见附表。")
    assert problems[2].endswith("（县里调整年度任务），另有1项见附表。")
    assert "责任：" not in "".join(problems)  # the ledger says who


def test_a_large_plans_next_steps_are_a_paragraph_per_part(plan_file):
    """下一步打算 was a paragraph per unfinished task, its status, completion and who again (the
    problems had just said them): now a paragraph per part naming what is left, the blocked
    ones together with what is to be done about them."""
    large_plan(plan_file)
    markdown = run("report", "--format", "md", "--as-of", "2023-12-31")
    steps = section(markdown, "四、下一步打算", "附表")
    assert steps[0] == "以下26项任务尚未完成，结转2024年继续推进："
    assert steps[1] == (
        "尚有4项任务未完成：抓好党的建设第2项重点工作·建设标准化阵地、"
        "抓好党的建设第3项重点工作·治理耕地抛荒；抓好党的建设第2项重点工作·开展屋场恳谈会、"
        "抓好党的建设第3项重点工作·发放补助资金，协调解决受阻问题后继续推进。"
    )
    assert len(steps) == 1 + 6 + 1  # the opening line, a paragraph per part, the 落款
    assert "完成率" not in "".join(steps)


def test_the_word_report_of_a_large_plan_keeps_its_body_short(plan_file):
    """The Word body of 144 tasks: about as many paragraphs as the seed's 2022 summary, the
    ledger a row per task."""
    from docx import Document

    large_plan(plan_file)
    run("report", "--as-of", "2023-12-31", "--out", "总结.docx")
    document = Document(io.BytesIO((plan_file.parent / "总结.docx").read_bytes()))
    paragraphs = [p.text for p in document.paragraphs]
    body = paragraphs[: paragraphs.index("附表：任务完成情况台账")]
    assert len(body) < 80  # 300 and more in full
    assert len(document.tables[0].rows) == 1 + 144 + 6 + 24 + 1  # the parts and goals, the note
    assert sum(len(text) for text in body) < 10 * 22 * 28  # ten pages of 三号 at most


def test_a_large_plans_ledger_shows_the_parts_and_goals_above_their_tasks(plan_file):
    """The body of the summary form says "1. 推进幸福屋场建设：6项任务全部完成" by its place, not
    by id, and the ledger was 144 rows of ids (2.1.1, 2.1.2…) with no goal named: which rows
    were that goal's the reader could not tell. Now each part and goal is a row above its
    tasks, as in the county's 任务分解表: its id, its title across the row, in bold."""
    from docx import Document

    large_plan(plan_file)
    markdown = run("report", "--format", "md", "--as-of", "2023-12-31")
    ledger = markdown.split("## 附表")[1]
    assert "| **2** | **乡村振兴** |  |  |  |  |  |  |  |\n" in ledger
    assert (
        "| **2.1** | **推进幸福屋场建设** |  |  |  |  |  |  |  |\n| 2.1.1 | 龙秀村幸福屋场建设 |"
    ) in ledger
    run("report", "--as-of", "2023-12-31", "--out", "总结.docx")
    table = Document(io.BytesIO((plan_file.parent / "总结.docx").read_bytes())).tables[0]
    assert len(table.rows) == 1 + 144 + 6 + 24 + 1  # (and the note's row)
    heading = table.rows[1 + 1 + 4 * (1 + 6)]  # the header, part 1, its goals and tasks
    assert heading.cells[0].text == "2" and heading.cells[1].text == "乡村振兴"
    assert heading.cells[1]._tc is heading.cells[-1]._tc  # one cell across the row
    assert heading.cells[1].paragraphs[0].runs[0].font.bold
    assert [c.text for c in table.rows[2].cells][:2] == ["1.1", "抓好党的建设第1项重点工作"]
    assert table.rows[3].cells[0].text == "1.1.1"


def test_the_terminals_ledger_of_a_large_plan_shows_the_parts_and_goals_too(plan_file):
    """As the Word and Markdown ledgers do, wide and narrow."""
    large_plan(plan_file)
    for width in ("120", "80"):
        result = CliRunner().invoke(
            app, ["report", "--as-of", "2023-12-31"], env={"COLUMNS": width}
        )
        ledger = result.stdout.split("附表：任务完成情况台账")[1].splitlines()
        starts = [line.split()[:2] for line in ledger if line.strip()]
        at = starts.index(["2.1", "推进幸福屋场建设"])
        assert starts[at - 1] == ["2", "乡村振兴"] and starts[at + 1][0] == "2.1.1", width


def test_a_large_plan_of_tasks_alone_is_not_a_heading_per_task(plan_file):
    """A 工作台账 numbered 1, 2, 3… without categories imports as tasks at the top of the plan,
    each its own part: the summary form gave each a line of the overview (任务1项，已完成1项),
    a heading under 主要成绩 and one under 下一步打算 — 150 headings. They are said together."""
    items: list[dict[str, Any]] = []
    for n in range(1, 151):
        task = {
            "id": str(n),
            "title": f"重点工作{n}",
            "measure": "个",
            "target": 10,
            "due": "2023-10",
        }
        if n % 5:
            task |= {"status": "done", "done_on": dt.date(2023, 9, 1), "actual": 10}
        items.append(task)
    write_plan(plan_file, items)
    markdown = run("report", "--format", "md", "--as-of", "2023-12-31")
    body = markdown.split("## 附表")[0]
    assert "###" not in body and "- " not in body  # no headings, no line per part
    assert section(markdown, "二、主要成绩", "三、") == [
        "150项任务完成120项。重点工作1，完成10个；重点工作2，完成10个；重点工作3，完成10个；"
        "重点工作4，完成10个；重点工作6，完成10个；重点工作7，完成10个；重点工作8，完成10个；"
        "重点工作9，完成10个；重点工作11，完成10个；重点工作12，完成10个；重点工作13，完成10个；"
        "重点工作14，完成10个，另完成108项（见附表）。"
    ]
    steps = section(markdown, "四、下一步打算", "附表")
    assert steps[1].startswith("尚有30项任务未完成：重点工作5、重点工作10、") and len(steps) == 3


def test_tasks_at_the_top_of_a_large_plan_with_parts_are_its_other_tasks(plan_file):
    """Beside parts, the tasks at the top of the plan are one more part: （七）其他任务."""
    large_plan(plan_file)
    text = plan_file.read_text(encoding="utf-8")
    extra = (
        '\n[[item]]\nid = "7"\ntitle = "抓好森林防火"\nstatus = "done"\ndone_on = 2023-09-01\n'
        '\n[[item]]\nid = "8"\ntitle = "办好民生实事"\nstatus = "doing"\ndue = "2023-10"\n'
    )
    plan_file.write_text(text + extra, encoding="utf-8")
    markdown = run("report", "--format", "md", "--as-of", "2023-12-31")
    assert "### （七）其他任务\n\n2项任务完成1项。抓好森林防火。\n" in markdown
    assert "### （七）其他任务\n\n尚有1项任务未完成：办好民生实事。\n" in markdown
    assert "- 抓好森林防火" not in markdown
