"""Session 21: the year-end summary (`plan report`) read as the 镇长 and a county reviewer
read it — on the embedded 2023 plan with a year of changes and on imported plans. Each test
shows one defect through the command the office ran: what was printed, the exit code and the
file written."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan


@pytest.mark.parametrize(
    "organisation",
    [
        "中共泉湖镇委员会、泉湖镇人民政府",
        "中共泉湖镇委员会 泉湖镇人民政府",
        "泉湖镇党委、泉湖镇人民政府",
        "泉湖镇党委、政府",
        "泉湖镇党委政府",
        "中共泉湖镇委员会",
        "泉湖镇党委",
    ],
)
def test_the_report_title_names_the_town_of_a_plan_signed_by_the_party_and_the_government(
    runner: CliRunner, isolated: Path, organisation: str
) -> None:
    """A plan signed jointly, as the town's own 2022 summary is (中共…泉湖镇委员会 and
    …泉湖镇人民政府), was titled 委员会、泉湖镇2023年工作计划完成情况总结 (党委、泉湖镇…,
    泉湖镇党委、2023年…, 中共泉湖镇2023年…): the short place name was cut from the two names as
    if they were one. The title names the town; the 落款 keeps the names as written."""
    write_plan(
        isolated,
        [{"id": "1", "title": "修塘", "status": "done", "done_on": dt.date(2023, 5, 1)}],
        organisation=organisation,
    )
    title = "泉湖镇2023年工作计划完成情况总结"
    result = runner.invoke(app, ["report"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].strip() == title, result.output
    markdown = runner.invoke(app, ["report", "--format", "md"])
    assert markdown.output.startswith(f"# {title}\n"), markdown.output
    english = runner.invoke(app, ["report", "--lang", "en"])
    assert english.output.splitlines()[0].strip() == "泉湖镇 2023 work plan: completion report"
    written = runner.invoke(app, ["report", "--out", "总结.docx"])
    assert written.exit_code == 0, written.output
    document = Document(str(isolated.parent / "总结.docx"))
    assert document.paragraphs[0].text == title
    assert organisation in [p.text for p in document.paragraphs]  # the 落款, as written


def test_the_english_next_steps_say_one_task_at_100_percent_in_the_singular(
    runner: CliRunner, isolated: Path
) -> None:
    """Two tasks unfinished, one of them at 100% and not ticked off: the English next steps
    said "1 of them are at 100% but not ticked off"."""
    write_plan(
        isolated,
        [
            {"id": "1", "title": "修塘", "progress": 100},
            {"id": "2", "title": "修机耕道", "progress": 40},
        ],
    )
    result = runner.invoke(app, ["report", "--lang", "en", "--format", "md"])
    assert result.exit_code == 0, result.output
    said = "These 2 tasks are not done; 1 of them is at 100% but not ticked off; for the rest,"
    assert said in result.output, result.output
    chinese = runner.invoke(app, ["report", "--format", "md"])
    assert "以下2项任务尚未完成，其中1项完成率已达100%、尚未销号，其余" in chinese.output


def test_a_part_whose_every_task_is_dropped_is_not_said_to_have_none_done_yet(
    runner: CliRunner, isolated: Path
) -> None:
    """A part whose tasks were all dropped (the overview: 任务2项，均已取消) was named under
    主要成绩 among the parts with 暂无已完成的任务, as if its work were still to be done."""
    write_plan(
        isolated,
        [
            {"id": "1", "title": "招商引资"},
            {"id": "1.1", "title": "引进企业", "status": "dropped", "reason": "并入县里统筹"},
            {"id": "1.2", "title": "建设园区", "status": "dropped", "reason": "并入县里统筹"},
            {"id": "2", "title": "基础设施"},
            {"id": "2.1", "title": "修塘", "status": "done", "done_on": dt.date(2023, 5, 1)},
            {"id": "3", "title": "社会事业"},
            {"id": "3.1", "title": "花鼓戏下乡", "progress": 50},
        ],
    )
    result = runner.invoke(app, ["report"])
    assert result.exit_code == 0, result.output
    assert "招商引资：任务2项，均已取消。" in result.output, result.output
    assert "以下部分暂无已完成的任务：社会事业。" in result.output, result.output
    english = runner.invoke(app, ["report", "--lang", "en"])
    assert "No task is done yet in: 社会事业." in english.output, english.output


def test_the_word_next_steps_sentence_that_opens_the_list_stays_with_it(
    runner: CliRunner, isolated: Path
) -> None:
    """The embedded plan after a year: the Word report set 四、下一步打算 and its opening
    sentence, 以下15项任务尚未完成，结转2024年继续推进：, alone at the foot of page 4, the
    list it introduces on page 5. The sentence is kept with the list, as the headings are."""
    write_plan(
        isolated,
        [
            {"id": "1", "title": "基础设施"},
            {"id": "1.1", "title": "修塘", "progress": 40},
            {"id": "1.2", "title": "修机耕道", "progress": 60},
        ],
    )
    result = runner.invoke(app, ["report", "--out", "总结.docx"])
    assert result.exit_code == 0, result.output
    paragraphs = Document(str(isolated.parent / "总结.docx")).paragraphs
    intro = next(p for p in paragraphs if p.text.startswith("以下2项任务尚未完成"))
    assert intro.paragraph_format.keep_with_next is True


def test_the_english_report_title_names_the_town_not_its_government(
    runner: CliRunner, isolated: Path
) -> None:
    """An English plan of Riverside Town People's Government was reported as "Riverside Town
    People's Government 2023 work plan: completion report", where the Chinese report names
    the town (衡南县泉湖镇人民政府 -> 泉湖镇). The 落款 keeps the organisation as written."""
    write_plan(
        isolated,
        [{"id": "1", "title": "Repair the bridge", "progress": 40}],
        title="Riverside Town 2023 Work Plan",
        organisation="Riverside Town People's Government",
        lang="en",
    )
    result = runner.invoke(app, ["report"])
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.output.splitlines()]
    assert lines[0] == "Riverside Town 2023 work plan: completion report", result.output
    assert "Riverside Town People's Government" in lines[1:], result.output


def test_the_mid_year_next_steps_say_what_most_tasks_are_to_do_once(
    runner: CliRunner, isolated: Path
) -> None:
    """The embedded plan at the end of June: 四、下半年工作打算 listed 22 tasks, 17 of them
    ending 加快进度，确保按期完成 (the opening line said only 下半年抓紧推进), because one was on
    pace, one blocked and one overdue. What most are to do is said once, in the opening line;
    the others say their own."""
    behind = [{"id": f"1.{n}", "title": f"修塘{n}"} for n in range(1, 6)]
    write_plan(
        isolated,
        [
            {"id": "1", "title": "基础设施"},
            *behind,
            {"id": "1.6", "title": "修机耕道", "progress": 60},
            {"id": "1.7", "title": "安装路灯", "due": dt.date(2023, 5, 31)},
            {"id": "1.8", "title": "花鼓戏下乡", "status": "blocked", "reason": "场地未落实"},
        ],
    )
    result = runner.invoke(app, ["report", "--as-of", "2023-06-30", "--format", "md"])
    assert result.exit_code == 0, result.output
    steps = result.output.split("## 四、下半年工作打算")[1].split("\n\n")
    assert steps[1] == "以下8项任务尚未完成，下半年加快进度，确保按期完成：", steps
    assert result.output.count("加快进度，确保按期完成") == 1, result.output
    # (the five untouched alike said in one line: s32A)
    assert "1\\. 修塘1、修塘2、修塘3、修塘4、修塘5：目前均尚未开始，完成率0%。" in steps
    assert "2\\. 修机耕道：目前进行中，完成率60%；按计划推进，确保按期完成。" in steps
    assert "3\\. 安装路灯：目前尚未开始，完成率0%；抓紧推进，尽快完成。" in steps
    english = runner.invoke(app, ["report", "--as-of", "2023-06-30", "--lang", "en"])
    assert english.output.count("speed up to finish on time") == 1, english.output


def test_a_note_or_reason_typed_ending_in_a_comma_ends_its_sentence_with_a_stop(
    runner: CliRunner, isolated: Path
) -> None:
    """A note typed as an office types a clause, 已完成前期摸底，, and a reason 并入县里项目，
    were set as 最新进展：已完成前期摸底，。 and 取消原因：并入县里项目，。 (a comma dangling
    before the stop); a note 验收合格； ended its paragraph with the semicolon. Titles so
    typed already lost the comma; notes and reasons end with the stop in its place."""
    write_plan(
        isolated,
        [
            {"id": "1", "title": "基础设施"},
            {"id": "1.1", "title": "修塘", "progress": 10},
            {"id": "1.2", "title": "建桥", "status": "dropped", "reason": "并入县里项目，"},
            {"id": "1.3", "title": "修路", "status": "blocked", "reason": "资金未到位、"},
            {"id": "1.4", "title": "安装路灯"},
        ],
    )
    for item, text in (("1.1", "已完成前期摸底，"), ("1.4", "验收合格；")):
        noted = runner.invoke(app, ["note", item, text, "--on", "2023-05-01"])
        assert noted.exit_code == 0, noted.output
    assert runner.invoke(app, ["done", "1.4", "--on", "2023-05-01"]).exit_code == 0
    result = runner.invoke(app, ["report", "--format", "md"])
    assert result.exit_code == 0, result.output
    assert "最新进展：已完成前期摸底。" in result.output, result.output
    assert "取消原因：并入县里项目。" in result.output, result.output
    assert "主要原因是资金未到位。" in result.output, result.output
    assert "进展情况：验收合格。" in result.output, result.output
    for dangling in ("，。", "、。", "；\n"):
        assert dangling not in result.output, result.output
    english = runner.invoke(app, ["report", "--lang", "en", "--format", "md"])
    assert "Latest progress: 已完成前期摸底." in english.output, english.output


def test_a_target_typed_as_its_bare_number_is_said_with_its_unit(
    runner: CliRunner, isolated: Path
) -> None:
    """`plan edit 1 --target-text 500` on a task measured in 万元 (the 目标值 column of the
    office's table held 500, its unit in a column of its own): the report said 已完成300万元，
    目标500 and the ledger 目标值：500, the 万元 lost from the target."""
    write_plan(
        isolated,
        [
            {"id": "1", "title": "招商引资", "measure": "万元", "target": 500, "actual": 300},
            {
                "id": "2",
                "title": "修建道路",
                "measure": "公里",
                "target": 6,
                "actual": 6.5,
                "status": "done",
                "done_on": dt.date(2023, 9, 1),
            },
        ],
    )
    for item, text in (("1", "500"), ("2", "6")):
        edited = runner.invoke(app, ["edit", item, "--target-text", text])
        assert edited.exit_code == 0, edited.output
    result = runner.invoke(app, ["report", "--format", "md"])
    assert result.exit_code == 0, result.output
    assert "（已完成300万元，目标500万元）" in result.output, result.output
    assert "| 500万元/300万元 |" in result.output, result.output
    assert "修建道路6.5公里，目标6公里，完成率108%" in result.output, result.output
    assert "目标500，" not in result.output and "| 500/" not in result.output


def test_the_english_report_joins_its_last_two_names_with_and(plan_file: Path) -> None:
    """The English report named some lists as the Chinese one does with 、, all by commas:
    "No task is done yet in: A, B, C" and, in a large plan's problems, "11 tasks overdue:
    A (completion 50%), …, K (completion 50%)", where its other lists (the blocked tasks,
    the next steps) say "… and K"."""
    import json

    from .test_report_large import large_plan, run, section

    large_plan(plan_file)
    text = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(text.replace('lang = "zh"', 'lang = "en"', 1), encoding="utf-8")
    report = json.loads(run("report", "--format", "json"))
    (overdue,) = [p for p in report["problems"] if p.get("group") == "overdue"]
    assert len(overdue["tasks"]) == 13
    run("done", *overdue["tasks"][:2], "--on", "2023-12-20")  # 11 left: all of them named
    markdown = run("report", "--format", "md")
    (said,) = [p for p in section(markdown, "3. Problems", "4. ") if "tasks overdue" in p]
    assert said.startswith("2\\) 11 tasks overdue (besides the blocked ones): "), said
    assert re.search(r"\(completion \d+%\) and [^,]+ \(completion \d+%\)\.$", said), said

    write_plan(
        plan_file,
        [
            {"id": "1", "title": "Roads"},
            {"id": "1.1", "title": "Repair the bridge", "progress": 40},
            {"id": "2", "title": "Water"},
            {"id": "2.1", "title": "Dig ponds", "progress": 40},
            {"id": "3", "title": "Schools"},
            {"id": "3.1", "title": "Paint the school", "progress": 40},
            {"id": "4", "title": "Health"},
            {"id": "4.1", "title": "Open the clinic", "status": "done"},
        ],
        lang="en",
    )
    english = run("report")
    assert "No task is done yet in: Roads, Water and Schools." in english, english
