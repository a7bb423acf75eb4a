"""Session 24 (M): wording and layout leftovers of the audit of every command in both
languages. Each test runs a command as the office did and checks what was printed, the exit
code and what is on disk."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import CST, Clock


def test_chinese_show_and_log_bracket_and_colon_in_full_width(
    town_plan: Path, clock: Clock, runner: CliRunner
) -> None:
    """`plan show 1.1` read 1.1 全力实施乡村振兴战略  (目标) and `plan log` read 销号 (已撤销) and
    状态: 未开始 → 已完成: half-width brackets and colons inside Chinese text, where every other
    Chinese view writes （）and ：. They now read （目标）, （已撤销） and 状态：未开始 → 已完成;
    English keeps (goal), (undone) and Status: not started → done."""
    clock.now = dt.datetime(2023, 3, 1, 9, tzinfo=CST)
    assert runner.invoke(app, ["done", "1.1.1"]).exit_code == 0
    assert runner.invoke(app, ["undo"]).exit_code == 0
    before = town_plan.read_text(encoding="utf-8")

    show = runner.invoke(app, ["show", "1.1"])
    assert show.exit_code == 0, show.output
    assert show.stdout.splitlines()[0].rstrip() == "1.1 全力实施乡村振兴战略（目标）"
    task = runner.invoke(app, ["show", "1.1.1"])
    assert task.stdout.splitlines()[0].rstrip() == "1.1.1 因地制宜发展优势产业（任务）"

    for width in ("120", "80", "60", "36"):
        log = runner.invoke(app, ["log"], env={"COLUMNS": width})
        assert log.exit_code == 0, log.output
        assert "（已撤销）" in log.stdout, (width, log.stdout)
        assert "(已撤销)" not in log.stdout and "状态:" not in log.stdout, (width, log.stdout)
        assert "完成日期:" not in log.stdout, (width, log.stdout)
    wide = runner.invoke(app, ["log"])
    assert "状态：未开始 → 已完成" in wide.stdout

    english = runner.invoke(app, ["--lang", "en", "show", "1.1"])
    assert english.stdout.splitlines()[0].rstrip() == "1.1 全力实施乡村振兴战略  (goal)"
    english_log = runner.invoke(app, ["--lang", "en", "log"])
    assert "(undone)" in english_log.stdout
    assert "Status: not started → done" in english_log.stdout
    assert town_plan.read_text(encoding="utf-8") == before  # views write nothing


def test_chinese_list_and_header_write_a_full_width_colon(
    town_plan: Path, runner: CliRunner
) -> None:
    """`plan list` read 责任: 李明 · 完成时限: 2023-06-30 and `plan header` 计划名称: 泉湖镇…;
    now 责任：李明, 完成时限：2023-06-30, 计划名称：…, 文件：…; English keeps Owner: and Title:."""
    edit = runner.invoke(app, ["edit", "1.1.1", "--owner", "李明", "--due", "2023-06-30"])
    assert edit.exit_code == 0, edit.output
    for width in ("120", "60"):
        listed = runner.invoke(app, ["list"], env={"COLUMNS": width})
        assert listed.exit_code == 0, listed.output
        assert "责任：李明" in listed.stdout and "完成时限：2023-06-30" in listed.stdout
        assert "责任:" not in listed.stdout and "完成时限:" not in listed.stdout
    header = runner.invoke(app, ["header"])
    assert header.exit_code == 0, header.output
    assert "计划名称：泉湖镇2023年工作计划" in header.stdout
    assert f"文件：{town_plan}" in header.stdout.replace("\n  ", "")
    english = runner.invoke(app, ["--lang", "en", "header"])
    assert "Title: 泉湖镇2023年工作计划" in english.stdout
    assert "李明" in town_plan.read_text(encoding="utf-8")


def test_the_english_report_writes_a_chinese_unit_after_its_number_as_the_other_views_do(
    town_plan: Path, clock: Clock, runner: CliRunner
) -> None:
    """`plan report --lang en` wrote 3.1 万亩 done (a space before a Chinese unit) where show,
    log and import write 3.1万亩: the English report now writes 3.1万亩 too, in its sentences
    and its ledger."""
    clock.now = dt.datetime(2023, 6, 1, 9, tzinfo=CST)
    assert runner.invoke(app, ["record", "5.5.1", "3.1"]).exit_code == 0
    for form in ("md", "txt", "json"):
        report = runner.invoke(app, ["--lang", "en", "report", "--format", form])
        assert report.exit_code == 0, report.output
        assert "3.1万亩" in report.stdout, (form, report.stdout)
        assert "3.1 万亩" not in report.stdout, form
    show = runner.invoke(app, ["--lang", "en", "show", "5.5.1"])
    assert "3.1万亩" in show.stdout
    assert not list(town_plan.parent.glob("*.md"))  # printed, not written


def test_a_log_cut_to_one_entry_reads_as_english(
    town_plan: Path, clock: Clock, runner: CliRunner
) -> None:
    """`plan log --limit 1 --lang en` said (1 newest of 3 entries shown; …): it now says (The
    newest 1 of 3 entries shown; …), which reads for one entry and for several."""
    for day in (1, 2, 3):
        clock.now = dt.datetime(2023, 3, day, 9, tzinfo=CST)
        assert runner.invoke(app, ["note", "1.1.1", f"第{day}次调度"]).exit_code == 0
    one = runner.invoke(app, ["--lang", "en", "log", "--limit", "1"])
    assert one.exit_code == 0, one.output
    assert "(The newest 1 of 3 entries shown;" in one.stderr
    assert "1 newest of" not in one.stderr
    two = runner.invoke(app, ["--lang", "en", "log", "--limit", "2"])
    assert "(The newest 2 of 3 entries shown;" in two.stderr
    assert town_plan.read_text(encoding="utf-8").count("第") >= 3  # the notes stay


def test_the_english_report_names_one_problem_without_a_reason_in_a_sentence(
    plan_file: Path, runner: CliRunner
) -> None:
    """An English report with problems, the first with a reason, said No reason is recorded
    for 1). or … for 2).: a bracket where a sentence ends. It now says No reason is recorded for
    problem 2. (problems 2 and 3 for several); Chinese keeps 以上第二项未记录原因."""
    from .conftest import write_plan

    write_plan(
        plan_file,
        [
            {"id": "1", "title": "修路", "progress": 10, "reason": "雨季停工"},
            {"id": "2", "title": "建污水管网", "progress": 20},
            {"id": "3", "title": "修桥", "progress": 30},
        ],
    )
    # The text leaves each gap in place (s30J); the JSON names them in a sentence.
    args = ["report", "--format", "json", "--as-of", "2023-06-30"]
    en = runner.invoke(app, ["--lang", "en", *args])
    assert en.exit_code == 0, en.output
    assert json.loads(en.stdout)["problems_unexplained"] == (
        "No reason is recorded for problems 2 and 3."
    )
    assert "3)." not in en.stdout
    md = runner.invoke(app, ["--lang", "en", "report", "--format", "md", "--as-of", "2023-06-30"])
    assert md.stdout.count("The main reason: \\[to be added\\].") == 2, md.stdout
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "修路", "progress": 10, "reason": "雨季停工"},
            {"id": "2", "title": "建污水管网", "progress": 20},
            {"id": "3", "title": "修桥", "progress": 30, "reason": "设计变更"},
        ],
    )
    en = runner.invoke(app, ["--lang", "en", *args])
    assert json.loads(en.stdout)["problems_unexplained"] == "No reason is recorded for problem 2."
    zh = runner.invoke(app, args)
    assert json.loads(zh.stdout)["problems_unexplained"] == "以上第二项未记录原因。"


def test_the_english_status_names_overdue_one_way_and_abbreviates_only_when_narrow(
    town_plan: Path, runner: CliRunner
) -> None:
    """The narrow English status headed its paces Ahead/On/Behind/Late where the wide one says
    Overdue, and headed the lights Red/Yel even at 120 columns. Now Ahead/On/Behind/Overdue,
    and Red/Yellow wherever the table has the room of its wide form."""
    wide = runner.invoke(app, ["--lang", "en", "status"], env={"COLUMNS": "120"})
    assert wide.exit_code == 0, wide.output
    assert "Overdue" in wide.stdout and "Red/Yellow" in wide.stdout, wide.stdout
    for width in ("80", "60", "40"):
        narrow = runner.invoke(app, ["--lang", "en", "status"], env={"COLUMNS": width})
        assert narrow.exit_code == 0, narrow.output
        flat = "".join(narrow.stdout.split())
        assert "Ahead/On/Behind/Overdue" in flat, (width, narrow.stdout)
        assert "Late" not in narrow.stdout, (width, narrow.stdout)
        assert all(len(line) <= int(width) for line in narrow.stdout.splitlines())


def test_check_says_a_weights_limits_in_one_bracket(plan_file: Path, runner: CliRunner) -> None:
    """`plan check` of weight = -1 said weight must be a number above 0 (default 1) (below
    10^15 in size). — two brackets in a row (权重应为大于 0 的数字（默认 1）（绝对值小于…）). Now
    one sentence with one bracket, in both languages; the file is left as it was."""
    plan_file.write_text(
        '[plan]\ntitle = "测试镇2023年工作计划"\nyear = 2023\nlang = "zh"\n\n'
        '[[item]]\nid = "1"\ntitle = "修路"\nweight = -1\n',
        encoding="utf-8",
    )
    before = plan_file.read_text(encoding="utf-8")
    zh = runner.invoke(app, ["check"])
    assert zh.exit_code != 0
    said = "".join(zh.output.split())
    assert "权重应为大于0、小于10的15次方的数字（默认1）。" in said, zh.output
    en = runner.invoke(app, ["--lang", "en", "check"])
    assert en.exit_code != 0
    said = " ".join(en.output.split())
    assert "weight must be a number above 0 and below 10^15 (default 1)." in said, en.output
    assert ") (" not in said
    assert plan_file.read_text(encoding="utf-8") == before


def test_the_english_log_keeps_a_status_word_whole_at_60_columns(
    town_plan: Path, clock: Clock, runner: CliRunner
) -> None:
    """At 60 columns `plan log --lang en` set Status: not / started → in / progress: a status
    split across lines. Each status label now stays on one line (Status: not started / → in
    progress), and what is printed has plain spaces (nothing for a copy to trip on)."""
    clock.now = dt.datetime(2023, 3, 1, 9, tzinfo=CST)
    assert runner.invoke(app, ["progress", "5.5.1", "40"]).exit_code == 0
    assert runner.invoke(app, ["done", "1.1.1"]).exit_code == 0
    for width in ("60", "50", "80", "120"):
        log = runner.invoke(app, ["--lang", "en", "log"], env={"COLUMNS": width})
        assert log.exit_code == 0, log.output
        lines = [line.rstrip() for line in log.stdout.splitlines()]
        assert not [line for line in lines if line.endswith((" not", " in", "Status: not"))], (
            width,
            log.stdout,
        )
        assert "\xa0" not in log.stdout
        assert all(len(line) <= int(width) for line in lines)
        flat = " ".join(log.stdout.split())
        assert "not started" in flat and "in progress" in flat, (width, log.stdout)
    zh = runner.invoke(app, ["log"], env={"COLUMNS": "60"})
    assert "状态：未开始 →" in zh.stdout
    assert 'status = "done"' in town_plan.read_text(encoding="utf-8")
