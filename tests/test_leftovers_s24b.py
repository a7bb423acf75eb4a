"""Trace and import leftovers (session 24, B): a change dated ``--on`` before a later change of
the same field, ``plan check``'s day-ahead warning on entries with a time, dated imports
against structure history, finished-words in a 完成情况 cell, titles with their own colon in
the report."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

from .conftest import write_plan
from .test_as_of import t
from .test_backfill_s23b import invoke, run


def small(path: Path, **meta: Any) -> Path:
    return write_plan(
        path,
        [
            {"id": "1", "title": "基础设施"},
            {"id": "1.1", "title": "修塘", "measure": "处", "target": 40},
            {"id": "1.2", "title": "修路", "measure": "公里", "target": 8},
            {"id": "2", "title": "社会事业"},
            {"id": "2.1", "title": "禁毒讲座"},
        ],
        **meta,
    )


def table(path: Path, item_id: str) -> dict[str, Any]:
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    return next(item for item in doc["item"] if item["id"] == item_id)


def task_as_of(path: Path, item_id: str, day: str) -> dict[str, Any]:
    """The task as ``show --as-of`` has it, checked against ``list --as-of`` and the parts'
    figures of ``status --as-of``."""
    shown = json.loads(run(path, "show", item_id, "--as-of", day, "--json").stdout)
    listed = json.loads(run(path, "list", "--as-of", day, "--json").stdout)
    row = next(row for row in listed if row["id"] == item_id)
    assert (row["completion"], row.get("status")) == (shown["completion"], shown.get("status"))
    parts = json.loads(run(path, "status", "--as-of", day, "--json").stdout)["rows"]
    for part in parts:  # (a task at the top is a part of its own)
        if part["id"] == shown["parent"]:
            done = sum(1 for r in listed if r["parent"] == part["id"] and r["status"] == "done")
            assert part["done"] == done, (day, part)
    return shown


# ---------------------------------------------------------------- 1. --on before a later change

LATER_THEN_EARLIER = [
    (["edit", "1.1", "--target", "50"], ["edit", "1.1", "--target", "45"], "目标值", "target"),
    (["progress", "2.1", "60"], ["progress", "2.1", "30"], "进度", "progress"),
    (["record", "1.2", "6"], ["record", "1.2", "3"], "完成值", "actual"),
    (["block", "2.1", "--reason", "缺资金"], ["start", "2.1"], "状态", "status"),
    (["start", "2.1"], ["block", "2.1", "--reason", "缺资金"], "状态", "status"),
    (["drop", "2.1", "--reason", "不再需要"], ["done", "2.1"], "状态", "status"),
    (["edit", "2.1", "--owner", "王五"], ["edit", "2.1", "--owner", "李四"], "责任人", "owner"),
]


@pytest.mark.parametrize(
    "later,earlier,named,field", LATER_THEN_EARLIER, ids=[c[1][0] for c in LATER_THEN_EARLIER]
)
def test_a_change_dated_before_a_later_change_of_the_same_field_is_refused(
    plan_file, clock, later, earlier, named, field
):
    """Written after, the earlier change was the last that counts on every day from its own:
    target 45 from March on though the trace says 50 from June, the current value 45."""
    small(plan_file)
    clock.now = t(6, 20)
    run(plan_file, *later, "--on", "2023-06-01")
    now = table(plan_file, later[1]).get(field)
    before = plan_file.read_bytes()
    refused = invoke(plan_file, *earlier, "--on", "2023-03-01")
    assert refused.exit_code == 1, refused.output
    assert "不能在 2023-03-01" in refused.stderr and named in refused.stderr
    assert "更晚的 2023-06-01" in refused.stderr and "没有写入任何内容" in refused.stderr
    assert "Traceback" not in refused.output
    assert plan_file.read_bytes() == before
    assert table(plan_file, later[1]).get(field) == now
    # On the later day or after it, it is the latest change: taken
    run(plan_file, *earlier, "--on", "2023-06-01")


def test_undone_the_later_change_the_earlier_is_taken_and_every_view_agrees(plan_file, clock):
    small(plan_file)
    clock.now = t(6, 20)
    run(plan_file, "progress", "2.1", "60", "--on", "2023-06-01")
    assert invoke(plan_file, "progress", "2.1", "30", "--on", "2023-03-01").exit_code == 1
    run(plan_file, "undo")
    run(plan_file, "progress", "2.1", "30", "--on", "2023-03-01")
    run(plan_file, "progress", "2.1", "60", "--on", "2023-06-01")
    assert task_as_of(plan_file, "2.1", "2023-02-01").get("progress") is None
    assert task_as_of(plan_file, "2.1", "2023-04-01")["progress"] == 30
    assert task_as_of(plan_file, "2.1", "2023-07-01")["progress"] == 60
    assert table(plan_file, "2.1")["progress"] == 60
    report = json.loads(
        run(plan_file, "report", "--as-of", "2023-04-01", "--format", "json").stdout
    )
    assert report["overview"]["doing"] == 1


def test_a_tick_off_told_late_is_taken_before_a_later_start(plan_file, clock):
    """Progress reported today on a task done in March, told late: done is where a start
    leads; every view from March on has it done."""
    small(plan_file)
    clock.now = t(6, 20)
    run(plan_file, "progress", "2.1", "70")
    run(plan_file, "done", "2.1", "--on", "2023-03-02")
    assert task_as_of(plan_file, "2.1", "2023-03-01")["status"] == "todo"
    assert task_as_of(plan_file, "2.1", "2023-04-01")["status"] == "done"
    assert task_as_of(plan_file, "2.1", "2023-06-20")["status"] == "done"
    # A later block is no start: refused
    run(plan_file, "undo")
    run(plan_file, "block", "2.1", "--reason", "缺资金")
    refused = invoke(plan_file, "done", "2.1", "--on", "2023-03-02")
    assert refused.exit_code == 1 and "更晚的 2023-06-20" in refused.stderr


def test_a_change_without_on_or_a_note_before_a_later_change_is_taken(plan_file, clock):
    small(plan_file)
    clock.now = t(6, 20)
    run(plan_file, "edit", "1.1", "--target", "50", "--on", "2023-06-01")
    run(plan_file, "note", "1.1", "开了会", "--on", "2023-03-01")
    run(plan_file, "edit", "1.1", "--owner", "王五", "--on", "2023-03-01")  # another field
    run(plan_file, "edit", "1.1", "--target", "55")  # today, after June
    assert table(plan_file, "1.1")["target"] == 55


def test_the_refusal_in_english_and_in_a_july_to_june_year(plan_file, clock):
    small(plan_file, start=dt.date(2023, 7, 1), end=dt.date(2024, 6, 30), lang="en", year=2024)
    clock.now = dt.datetime(2024, 3, 5, 10, tzinfo=t(1, 1).tzinfo)
    run(plan_file, "edit", "1.1", "--target", "50", "--on", "2024-02-01")
    refused = invoke(plan_file, "edit", "1.1", "--target", "45", "--on", "2023-09-01")
    assert refused.exit_code == 1
    assert "Cannot edit 1.1 修塘 on 2023-09-01" in refused.stderr
    assert "target changed on 2024-02-01" in refused.stderr
    assert "Nothing was written" in refused.stderr


# ---------------------------------------------------------------- 4. finished-words on import

FINISHED_ALONE = ["已投入使用", "已投产", "已竣工", "已通车", "已交付使用", "已投用", "已竣工验收"]


def test_a_completion_cell_of_one_finished_word_is_read_as_done(plan_file, tmp_path):
    """已投入使用 alone in a 完成情况 cell (the 农贸市场 in use) was left 未开始 in every view,
    as 已建成 was before session 23; each such word alone is now done, named with the way back
    (plan reopen). One inside more words (厂房已投产，正在扩建) ticks nothing off."""
    lines = ["序号,项目名称,完成时限,完成情况"]
    lines += [f"{n},项目{n},6月底,{word}" for n, word in enumerate(FINISHED_ALONE, 1)]
    last = len(FINISHED_ALONE) + 1
    lines += [
        f"{last},厂房扩建,9月底,一期已投产，二期正在建设",
        f"{last + 1},公园,9月底,未投入使用",
    ]
    sheet = tmp_path / "完成情况表.csv"
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = invoke(plan_file, "import", str(sheet), "--year", "2023", "--on", "2023-06-30")
    assert result.exit_code == 0, result.output
    for n, word in enumerate(FINISHED_ALONE, 1):
        assert f"{n} 已完成（“{word}”）" in result.stderr, (word, result.stderr)
    assert "plan reopen" in result.stderr
    listed = {
        row["id"]: row["status"] for row in json.loads(run(plan_file, "list", "--json").stdout)
    }
    assert listed == {
        **{str(n): "done" for n in range(1, last)},
        str(last): "todo",
        str(last + 1): "todo",
    }, listed
    assert f"plan done {last} --on" in result.stderr  # more words: said, not ticked off
    # The way back the notice gives works
    run(plan_file, "reopen", "1")
    assert table(plan_file, "1").get("status") is None


def test_a_finished_word_with_its_day_in_brackets_dates_the_tick_off(plan_file, tmp_path):
    sheet = tmp_path / "完成情况表.csv"
    sheet.write_text(
        "序号,项目名称,完成时限,完成情况\n1,通村公路,6月底,已通车（2023-05-18）\n", "utf-8"
    )
    run(plan_file, "import", str(sheet), "--year", "2023", "--on", "2023-06-30")
    assert table(plan_file, "1")["done_on"] == dt.date(2023, 5, 18)
    assert task_as_of(plan_file, "1", "2023-05-17")["status"] != "done"
    assert task_as_of(plan_file, "1", "2023-05-18")["status"] == "done"


# ---------------------------------------------------------------- 2. check's day-ahead warning


def test_check_warns_of_a_command_s_entry_dated_a_month_ahead_or_past_the_plan(plan_file):
    """Check kept quiet on every entry a command recorded ahead, since the command warned of it
    once (a tick-off due next week, on purpose). A month typed wrong (--on 9-20 for 6-20) or a
    year (past the plan's end) skews every view until that day, and only the one warning,
    scrolled away, ever said so: check says it of those."""
    today = dt.date.today()
    start, end = today - dt.timedelta(days=100), today + dt.timedelta(days=100)
    write_plan(
        plan_file,
        [{"id": "1", "title": "修塘"}, {"id": "2", "title": "修路"}, {"id": "3", "title": "讲座"}],
        year=start.year,
        start=start,
        end=end,
    )
    week, months, past_end = (today + dt.timedelta(days=n) for n in (7, 45, 130))
    run(plan_file, "done", "1", "--on", week.isoformat())
    checked = run(plan_file, "check")
    assert "晚于今天" not in checked.output, checked.output  # a week ahead: said once, enough
    run(plan_file, "progress", "2", "40", "--on", months.isoformat())
    run(plan_file, "note", "3", "开了会", "--on", past_end.isoformat())
    checked = run(plan_file, "check")
    assert checked.output.count("晚于今天") == 2, checked.output
    assert f"比录入那天（{today}）晚 45 天" in checked.output, checked.output
    assert f"也在计划期结束（{end}）之后" in checked.output, checked.output
    assert "事项 2，第 1 条进展记录（log），字段 on" in checked.output, checked.output
    english = run(plan_file, "--lang", "en", "check")
    assert f"45 days after the day it was recorded ({today})" in english.output, english.output
    assert f"after the plan's period ends ({end})" in english.output, english.output
    # The way out it names: undone, the entry is no longer said
    run(plan_file, "undo")
    run(plan_file, "undo")
    checked = run(plan_file, "check")
    assert "晚于今天" not in checked.output, checked.output


# ---------------------------------------------------------------- 5. a title with its own colon


def colon_plan(path: Path, **meta: Any) -> Path:
    return write_plan(
        path,
        [
            {"id": "1", "title": "基础设施：补短板"},
            {
                "id": "1.1",
                "title": "道路硬化：完成5公里",
                "status": "blocked",
                "reason": "资金未到位",
            },
            {"id": "1.2", "title": "改厕:100户", "status": "dropped", "reason": "政策调整"},
            {
                "id": "1.3",
                "title": "发展“四香”：特色产业",
                "progress": 40,
                "due": dt.date(2023, 6, 30),
            },
            {"id": "2", "title": "社会事业"},
            {"id": "2.1", "title": "禁毒讲座", "status": "done", "done_on": dt.date(2023, 3, 1)},
        ],
        **meta,
    )


ZH_HEADS = [
    "“基础设施：补短板”：任务",
    "是“道路硬化：完成5公里”：推进受阻",
    "暂无已完成的任务：“基础设施：补短板”。",
    "“改厕:100户”：已取消",
    "“发展‘四香’：特色产业”：完成时限为",
    "“发展‘四香’：特色产业”：目前进行中",
]


def _docx_text(path: Path) -> str:
    from docx import Document

    return "\n".join(paragraph.text for paragraph in Document(str(path)).paragraphs)


def test_a_title_with_its_own_colon_is_quoted_where_the_report_follows_it_with_one(
    plan_file, tmp_path
):
    """一是道路硬化：完成5公里：受阻 read as if the task were 道路硬化 and 完成5公里 its state; the
    name is now in quotes wherever the report's sentence follows it with a colon, in md, docx,
    the terminal and the JSON's sentences; elsewhere (a heading, the ledger) it is as written."""
    colon_plan(plan_file)
    md = run(plan_file, "report", "--format", "md").stdout
    terminal = run(plan_file, "report").stdout.replace("\n", "")
    report = json.loads(run(plan_file, "report", "--format", "json").stdout)
    run(plan_file, "report", "-o", str(tmp_path / "总结.docx"))
    word = _docx_text(tmp_path / "总结.docx")
    for head in ZH_HEADS:
        assert head in md, (head, md)
        assert head in word, (head, word)
        assert head in terminal.replace(" ", ""), (head, terminal)
    assert "道路硬化：完成5公里：" not in md and "道路硬化：完成5公里：" not in word
    assert "### （一）基础设施：补短板" in md  # a heading: nothing follows it
    assert "| 1.1 | 道路硬化：完成5公里 |" in md  # the ledger: a cell of its own
    sentences = json.dumps(report, ensure_ascii=False)
    assert "是“道路硬化：完成5公里”：推进受阻" in sentences
    assert any(p["title"] == "道路硬化：完成5公里" for p in report["problems"])
    # No colon: as before
    assert "- 社会事业：任务1项" in md


def test_a_title_with_its_own_colon_in_an_english_report(plan_file):
    colon_plan(plan_file, lang="en")
    md = run(plan_file, "report", "--format", "md").stdout
    assert '"道路硬化：完成5公里": blocked' in md, md
    assert '"发展“四香”：特色产业": due 2023-06-30, overdue' in md, md
    assert '"改厕:100户": dropped' in md and 'No task is done yet in: "基础设施：补短板".' in md
    assert '- "基础设施：补短板": ' in md, md


def test_the_summary_form_quotes_a_title_with_its_own_colon(plan_file, monkeypatch):
    """A large plan's report (its body summarised) names goals and tasks after a colon too."""
    from quanhu_plan.report import summary

    monkeypatch.setattr(summary, "too_long", lambda report: True)
    colon_plan(plan_file)
    md = run(plan_file, "report", "--format", "md").stdout
    assert "“基础设施：补短板”：" in md, md
    assert "“道路硬化：完成5公里”" in md, md
    assert "道路硬化：完成5公里（" not in md and "道路硬化：完成5公里、" not in md, md


def test_a_done_date_changed_by_reopen_then_done_on_an_earlier_day_is_taken(plan_file, clock):
    """plan done's own refusal of a task done says: to change the date, plan reopen, then tick
    it off again; the reopen is today, the right day earlier."""
    small(plan_file)
    clock.now = t(6, 20)
    run(plan_file, "done", "2.1", "--on", "2023-06-10")
    clock.now = t(6, 21)
    run(plan_file, "reopen", "2.1")
    run(plan_file, "done", "2.1", "--on", "2023-06-05")
    assert table(plan_file, "2.1")["done_on"] == dt.date(2023, 6, 5)
    assert task_as_of(plan_file, "2.1", "2023-06-21")["status"] == "done"
    assert task_as_of(plan_file, "2.1", "2023-06-04")["status"] == "todo"


# ---------------------------------------------------------------- 3. dated imports


def test_an_import_says_the_done_dates_outside_the_plan_s_period(plan_file, tmp_path):
    """plan done --on a day outside the plan's period or after today is warned of; a table's
    完成日期 was taken without a word (已完成（2024-05-01） on a 2023 plan: 未完成 in every view
    of the year). The rule that refuses a status change before its task was added, or on a day
    it was a goal, has nothing to hold in an import: the plan is new, every item in it from its
    start (no add, move or rm in its trace), and a goal's own status is check's to say."""
    sheet = tmp_path / "台账.csv"
    sheet.write_text(
        "序号,工作任务,完成时限,完成情况\n"
        "1,修路,6月底,已完成（2022-11-30）\n"
        "2,修塘,6月底,已完成（2023-05-01）\n"
        "3,建桥,6月底,已通车（2024-05-01）\n",
        encoding="utf-8",
    )
    result = invoke(plan_file, "import", str(sheet), "--year", "2023", "--on", "2023-06-30")
    assert result.exit_code == 0, result.output
    assert "完成日期不在计划期 2023-01-01 至 2023-12-31 内" in result.stderr, result.stderr
    assert "1（2022-11-30）、3（2024-05-01）" in result.stderr, result.stderr
    assert "2（2023-05-01）" not in result.stderr
    assert "plan reopen 1，再 plan done 1 --on" in result.stderr
    doc = tomllib.loads(plan_file.read_text(encoding="utf-8"))
    assert not [e for i in doc["item"] for e in i.get("log", []) if e.get("action")]
    # Every item is there from the plan's start: a tick-off on its first day is taken, and the
    # way out the notice gives works
    run(plan_file, "reopen", "3")
    run(plan_file, "done", "3", "--on", "2023-05-01")
    assert task_as_of(plan_file, "3", "2023-05-01")["status"] == "done"
    assert task_as_of(plan_file, "3", "2023-04-30")["status"] != "done"


def test_an_import_says_a_done_date_after_today(plan_file, tmp_path):
    today = dt.date.today()
    ahead = today + dt.timedelta(days=10)
    sheet = tmp_path / "台账.csv"
    sheet.write_text(f"序号,工作任务,完成情况\n1,修路,已完成（{ahead.isoformat()}）\n", "utf-8")
    result = invoke(plan_file, "--lang", "en", "import", str(sheet), "--year", str(today.year))
    assert result.exit_code == 0, result.output
    assert f"after today ({today}): 1 ({ahead})" in result.stderr, result.stderr


def test_a_figure_told_late_that_ticks_the_task_off_is_taken_before_a_later_start(plan_file, clock):
    small(plan_file)
    clock.now = t(6, 20)
    run(plan_file, "start", "1.2")
    run(plan_file, "record", "1.2", "8", "--on", "2023-03-01", "--yes")
    assert table(plan_file, "1.2")["status"] == "done"
    assert task_as_of(plan_file, "1.2", "2023-03-01")["status"] == "done"
    assert task_as_of(plan_file, "1.2", "2023-02-28")["status"] == "todo"
