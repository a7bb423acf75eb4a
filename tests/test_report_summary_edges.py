"""The summary form of a large plan's report (report/summary.py) against what an office's own
plan holds: titles where a word only looks like a place (党组织, 乡村), tasks beside goals, and
the English plan. tests/test_report_large.py has the plan and its ordinary reading."""

from __future__ import annotations

import datetime as dt

from .test_report_large import large_plan, run, section


def _append(plan_file, text: str) -> None:
    plan_file.write_text(plan_file.read_text(encoding="utf-8") + text, encoding="utf-8")


def _done(item_id: str, title: str, actual: int, measure: str = "个") -> str:
    return (
        f'\n[[item]]\nid = "{item_id}"\ntitle = "{title}"\nstatus = "done"\n'
        f'done_on = {dt.date(2023, 9, 1)}\nmeasure = "{measure}"\ntarget = {actual}\n'
        f"actual = {actual}\n"
    )


def test_three_kinds_of_party_organisation_are_no_village_series(plan_file):
    """村级党组织, 社区党组织 and 两新党组织 are not three places doing one work 织标准化建设:
    组 there begins 组织, not a 村民小组. Each is said with its own figure."""
    large_plan(plan_file)
    _append(plan_file, '\n[[item]]\nid = "1.5"\ntitle = "推进党组织标准化建设"\n')
    for n, kind in enumerate(("村级", "社区", "两新"), 1):
        _append(plan_file, _done(f"1.5.{n}", f"{kind}党组织标准化建设", 4 + n))
    markdown = run("report", "--format", "md", "--as-of", "2023-12-31")
    achievements = section(markdown, "二、主要成绩", "三、")
    assert achievements[4] == (
        "5\\. 推进党组织标准化建设：3项任务全部完成。村级党组织标准化建设5个，"
        "社区党组织标准化建设6个，两新党组织标准化建设7个。"
    )


def test_the_english_next_steps_say_what_to_do_about_several_tasks_in_the_plural(plan_file):
    """An English large plan's 下一步打算 named two blocked tasks, then 'resolve what blocks it'
    as if one, in a list the action read as one more item of: "C, D, resolve what blocks it,
    then carry on". The tasks are listed, then what to do about them."""
    large_plan(plan_file)
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(text.replace('lang = "zh"', 'lang = "en"', 1), encoding="utf-8")
    markdown = run("report", "--format", "md", "--as-of", "2023-12-31")
    steps = section(markdown, "4. Next steps", "Appendix")
    assert steps[1] == (
        "4 tasks not done: 抓好党的建设第2项重点工作 / 建设标准化阵地 and "
        "抓好党的建设第3项重点工作 / 治理耕地抛荒; 抓好党的建设第2项重点工作 / 开展屋场恳谈会 and "
        "抓好党的建设第3项重点工作 / 发放补助资金: resolve what blocks them, then carry on."
    )


def test_the_ledger_heads_again_the_part_of_a_task_that_follows_a_goals_tasks(plan_file):
    """A task of part 1 itself (1.5) after goal 1.4's six tasks, and tasks at the top of the plan
    after the last part's: the ledger had them under the bold row of 1.4 and of 6.4, as if that
    goal's (the body counts 1.4 as six tasks, 其他任务 apart). Their part's row is said again
    above them, and 其他任务 above the plan's own."""
    large_plan(plan_file)
    _append(plan_file, _done("1.5", "落实党建工作责任制", 1, "项"))
    _append(plan_file, _done("7", "抓好森林防火", 1, "项"))
    markdown = run("report", "--format", "md", "--as-of", "2023-12-31")
    rows = [line.split(" | ")[:2] for line in markdown.split("## 附表")[1].splitlines()]
    rows = [[cell.strip("| ") for cell in row] for row in rows if len(row) == 2]
    at = rows.index(["1.5", "落实党建工作责任制"])
    assert rows[at - 2 : at] == [
        ["1.4.6", "抓好党的建设第4项重点工作·发放补助资金"],
        ["**1**", "**党的建设**"],
    ]
    at = rows.index(["7", "抓好森林防火"])
    assert rows[at - 1] == ["", "**其他任务**"]
