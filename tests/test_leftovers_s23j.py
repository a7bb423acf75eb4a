"""Session 23 leftovers (J): what the morning's helpers noticed and left alone. Each test shows
what an office met, through the command it ran: what was printed, the exit code and what is on
disk."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, write_plan


def _run(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _relief_plan(path: Path) -> Path:
    return write_plan(
        path,
        [
            {"id": "1", "title": "民生保障"},
            {"id": "1.1", "title": "修塘", "due": dt.date(2023, 6, 30)},
            {"id": "1.2", "title": "临时救助"},
        ],
    )


def test_a_task_started_again_after_a_block_keeps_why_it_was_held_up_in_the_report(
    runner: CliRunner, isolated: Path
) -> None:
    """修塘 was blocked two months (资金未到位), then started and still late: plan start
    cleared the reason, and the report's 存在的问题 said 以上各项均未记录原因, as if nobody had
    said why. The report now reads the block from the trace: 2023年3月1日曾受阻，原因：…"""
    _relief_plan(isolated)
    _run(runner, "block", "1.1", "--reason", "资金未到位", "--on", "2023-03-01")
    _run(runner, "start", "1.1", "--on", "2023-05-01")
    assert (
        "reason"
        not in isolated.read_text(encoding="utf-8").split('id = "1.2"')[0].split("[[item.log]]")[0]
    )  # (the task's own reason is cleared, as start does)
    report = _run(runner, "report", "--as-of", "2023-12-31", "--format", "md")
    problems = report.split("存在的问题")[1].split("下一步打算")[0]
    line = next(row for row in problems.splitlines() if "修塘" in row)
    assert "2023年3月1日曾受阻，原因是资金未到位" in line
    # (临时救助 has none, left for the drafter in place; 修塘 has one)
    assert problems.count("主要原因是【待补充】") == 1
    assert "主要原因是【待补充】" in next(row for row in problems.splitlines() if "临时救助" in row)
    english = _run(runner, "report", "--as-of", "2023-12-31", "--lang", "en", "--format", "md")
    assert "It was blocked on 2023-03-01: 资金未到位" in english
    # Before the block, the report of that day knows nothing of it.
    early = _run(runner, "report", "--as-of", "2023-02-01", "--format", "md")
    assert "曾受阻" not in early


def test_a_block_undone_is_not_said_as_a_past_block(runner: CliRunner, isolated: Path) -> None:
    _relief_plan(isolated)
    _run(runner, "block", "1.1", "--reason", "资金未到位", "--on", "2023-03-01")
    _run(runner, "undo")
    report = _run(runner, "report", "--as-of", "2023-12-31", "--format", "md")
    assert "曾受阻" not in report and "资金未到位" not in report


def test_a_note_on_a_task_not_started_does_not_read_as_not_started_beside_its_progress(
    runner: CliRunner, isolated: Path
) -> None:
    """plan note on a task 未开始 left it 未开始, and the report read 临时救助：未开始…最新进展：
    发放临时救助资金12万元. A note is no status change (the file keeps the status as it was:
    a note may be of preparations), but the report now says what the records know: 未标记开始,
    beside the note, and 未开始 where there is none."""
    _relief_plan(isolated)
    bare = _run(runner, "report", "--as-of", "2023-12-31", "--format", "md")
    assert "临时救助：年内未能完成，目前尚未开始" in bare
    _run(runner, "note", "1.2", "发放临时救助资金12万元", "--on", "2023-05-02")
    on_disk = isolated.read_text(encoding="utf-8").split('id = "1.2"')[1]
    assert "status" not in on_disk
    report = _run(runner, "report", "--as-of", "2023-12-31", "--format", "md")
    line = next(row for row in report.splitlines() if "12万元" in row)
    assert "临时救助：年内未能完成，已有进展但未标记开始" in line
    assert "尚未开始" not in line
    english = _run(runner, "report", "--as-of", "2023-12-31", "--format", "md", "--lang", "en")
    assert "under way but not marked as started" in english
    # Before the note, the report of that day has neither the note nor the words.
    early = _run(runner, "report", "--as-of", "2023-04-30", "--format", "md")
    assert "临时救助：进度滞后于序时进度，目前尚未开始" in early and "未标记开始" not in early


def test_the_past_block_is_said_from_a_long_trace_read_from_the_cache(
    runner: CliRunner, isolated: Path
) -> None:
    """A task's log of more than a few entries is read in part where the cache holds it: the
    block is one of the entries the report keeps."""
    _relief_plan(isolated)
    _run(runner, "block", "1.1", "--reason", "资金未到位", "--on", "2023-03-01")
    _run(runner, "start", "1.1", "--on", "2023-05-01")
    for day in range(1, 11):
        _run(runner, "note", "1.1", f"第{day}次调度", "--on", f"2023-06-{day:02d}")
    for _ in range(2):  # the first reads the file and fills the cache; the second reads it
        report = _run(runner, "report", "--format", "md")
        assert "2023年3月1日曾受阻，原因是资金未到位" in report


def test_show_json_says_the_lead_unit_a_task_answers_to_through_its_part(
    runner: CliRunner, isolated: Path
) -> None:
    """plan show 1.1 says 牵头单位 县示范区管委会（上级 1 的）; plan show 1.1 --json left it out,
    so a tool reading the JSON had the task answer to nobody. The JSON now carries it under
    inherited, with whose it is; the task's own fields stay as in the file."""
    write_plan(
        isolated,
        [
            {"id": "1", "title": "县示范区管委会牵头工作（3项）", "lead_unit": "县示范区管委会"},
            {"id": "1.1", "title": "打造食用菌酵素生产基地", "owner": "王宇靖"},
            {"id": "1.2", "title": "建设产业园", "lead_unit": "县工信局"},
        ],
    )
    shown = _run(runner, "show", "1.1")
    assert "县示范区管委会（上级 1 的）" in shown
    record = json.loads(_run(runner, "show", "1.1", "--json"))
    assert record["inherited"] == {"lead_unit": {"value": "县示范区管委会", "from": "1"}}
    assert "lead_unit" not in record and record["owner"] == "王宇靖"
    own = json.loads(_run(runner, "show", "1.2", "--json"))
    assert own["lead_unit"] == "县工信局" and "inherited" not in own
    listed = json.loads(_run(runner, "list", "--json"))
    assert [row.get("inherited", {}).get("lead_unit", {}).get("from") for row in listed] == [
        None,
        "1",
        None,
    ]


def test_a_target_of_two_numbers_apart_by_a_space_or_comma_is_said_to_be_two(
    runner: CliRunner, isolated: Path
) -> None:
    """--target "6%、9%" is refused as two numbers (分别增长6%、9%以上); "6% 9%" was taken as 6
    in a unit "%9%", written to the file, and "6%，9%" got the unit message. Both are now
    said to be two numbers, and the file is as it was."""
    _relief_plan(isolated)
    before = isolated.read_text(encoding="utf-8")
    for typed in ("6% 9%", "6%，9%", "6%  9%"):
        result = runner.invoke(app, ["edit", "1.2", "--target", typed])
        assert result.exit_code == 2, (typed, result.output)
        assert "有 2 个数（6、9），不知道是哪一个" in result.output
        assert isolated.read_text(encoding="utf-8") == before
    one = runner.invoke(app, ["edit", "1.2", "--target", "1 800"])  # one number, badly spaced
    assert one.exit_code == 2 and "不是数字" in one.output
    _run(runner, "edit", "1.2", "--target", "1,800")
    assert "target = 1800" in isolated.read_text(encoding="utf-8")


def test_import_does_not_hint_a_tick_off_for_a_step_or_a_share_done(
    runner: CliRunner, isolated: Path
) -> None:
    """A 完成情况 of 已完成招标 or 已完成投资3000万元 got the hint 确已完成的，用 plan done 1 2
    --on 完成日期 销号, as if the task were done: a tender or a share of the money is a step.
    The hint now names only the tasks whose words speak of the task finished."""
    table = isolated.parent / "清单.csv"
    table.write_text(
        "序号,工作任务,责任单位,完成时限,完成情况\n"
        "1,建设产业园,工信局,2025年12月底,已完成招标，正在施工\n"
        "2,新建高标准农田,农业局,2025年11月底,已完成投资3000万元\n"
        "3,整治人居环境,农业局,2025年11月底,已完成年度任务的60%\n"
        "4,修建公厕,城管局,2025年10月底,已全部完成，待验收\n",
        encoding="utf-8",
    )
    output = _run(runner, "import", str(table))
    assert "plan done 4 --on 完成日期" in output
    assert "plan done 1" not in output and "plan done 2" not in output
    assert "plan done 3" not in output
    written = isolated.read_text(encoding="utf-8")
    assert "已完成招标，正在施工" in written and 'status = "done"' not in written


def test_an_imported_table_without_a_reporting_office_takes_the_place_of_its_title(
    runner: CliRunner, isolated: Path
) -> None:
    """东风路街道's 分解表 has a title and no 填报单位 line: the plan had no organisation, and
    the county's 通报 named the town by the table's title. The place before the year is now
    the plan's organisation, and the import says so and how to change it."""
    table = isolated.parent / "分解表.csv"
    table.write_text(
        "东风路街道2023年重点工作任务分解表\n"
        "序号,工作任务,责任单位,完成时限\n"
        "1,建设产业园,工信局,2023年12月底\n",
        encoding="utf-8",
    )
    output = _run(runner, "import", str(table))
    assert "计划的单位取标题中年份前的“东风路街道”" in output
    assert "plan header --organisation" in output
    assert 'organisation = "东风路街道"' in isolated.read_text(encoding="utf-8")
    report = _run(runner, "report", "--format", "md", "--as-of", "2023-12-31")
    assert report.rstrip().splitlines()[-1] != "" and "东风路街道" in report.split("附表")[0][-80:]
    # A title naming no place before its year gives none.
    other = isolated.parent / "任务表.csv"
    other.write_text(
        "关于印发2023年重点工作的通知\n序号,工作任务,完成时限\n1,建设产业园,2023年12月底\n",
        encoding="utf-8",
    )
    plain = isolated.parent / "other.toml"
    said = _run(runner, "import", str(other), "--file", str(plain))
    assert "取标题" not in said
    assert "organisation" not in plain.read_text(encoding="utf-8")


def _livelihood_plan(path: Path) -> Path:
    return write_plan(
        path,
        [{"id": "1", "title": "建设农贸市场", "lead_unit": "经发办"}],
        title="暨阳街道2023年民生实事项目推进表",
        organisation="暨阳街道",
        **{"填报单位": "暨阳街道党政办"},
    )


def test_export_then_import_keeps_the_office_that_filled_the_ledger_in(
    runner: CliRunner, isolated: Path
) -> None:
    """A 民生实事 推进表 filled in by 暨阳街道党政办 was imported as 暨阳街道's plan with
    填报单位 = 暨阳街道党政办 kept in [plan]; plan export wrote 填报单位：暨阳街道 (the
    organisation) and plan import of that table lost the office. The export now says both
    (单位：暨阳街道　　填报单位：暨阳街道党政办), and import reads both back, quietly."""
    _livelihood_plan(isolated)
    for lang, name in (("zh", "推进表.xlsx"), ("zh", "推进表.csv"), ("en", "progress.csv")):
        _run(runner, "export", "-o", name, "--lang", lang)
        back = isolated.parent / f"back-{name}.toml"
        result = runner.invoke(app, ["import", name, "-o", str(back)])
        assert result.exit_code == 0, result.output
        assert "一个部门" not in result.output and "is part of" not in result.output
        meta = tomllib.loads(back.read_text(encoding="utf-8"))["plan"]
        assert meta["organisation"] == "暨阳街道", (name, meta)
        assert meta["填报单位"] == "暨阳街道党政办", (name, meta)
    lines = (isolated.parent / "推进表.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[1].startswith("单位：暨阳街道\u3000\u3000填报单位：暨阳街道党政办")


def test_the_report_of_a_livelihood_plan_is_titled_for_its_projects(
    runner: CliRunner, isolated: Path
) -> None:
    """暨阳街道's 民生实事项目推进表 got a report titled 暨阳街道2023年工作计划完成情况总结, as
    if it were the town's 工作计划; it is now 暨阳街道2023年民生实事项目完成情况总结."""
    _livelihood_plan(isolated)
    report = _run(runner, "report", "--as-of", "2023-12-31", "--format", "md")
    assert "暨阳街道2023年民生实事项目完成情况总结" in report.splitlines()[0]
    assert "工作计划完成情况总结" not in report
    half = _run(runner, "report", "--as-of", "2023-06-30", "--format", "md")
    assert "暨阳街道2023年上半年民生实事项目完成情况总结" in half.splitlines()[0]
    english = _run(runner, "report", "--as-of", "2023-12-31", "--format", "md", "--lang", "en")
    assert "livelihood projects: completion report" in english.splitlines()[0]
    _run(runner, "report", "--as-of", "2023-12-31", "-o", "总结.docx")
    from docx import Document

    first = Document(str(isolated.parent / "总结.docx")).paragraphs[0].text
    assert "民生实事项目完成情况总结" in first


def test_a_part_counting_its_tasks_in_its_title_is_said_to_count_wrong_after_an_add(
    runner: CliRunner, isolated: Path
) -> None:
    """沁县's parts were imported from headings that count their tasks (县示范区管委会牵头工作
    （2项）). After plan add under one, the title still said 2项 over three tasks, and the
    printed 任务清单 said so, with no word from plan add or plan check. The title is the
    office's words and stays as it is, but plan add and plan check now say the count is
    off and give the command that sets it."""
    write_plan(
        isolated,
        [
            {"id": "1", "title": "县示范区管委会牵头工作（2项）", "lead_unit": "县示范区管委会"},
            {"id": "1.1", "title": "建设基地"},
            {"id": "1.2", "title": "建设产业园"},
            {"id": "2", "title": "县农业农村局牵头工作（共1项）"},
            {"id": "2.1", "title": "新建高标准农田"},
        ],
    )
    assert "项数" not in _run(runner, "check")
    added = _run(runner, "add", "1", "打造食用菌酵素生产基地")
    assert "1 县示范区管委会牵头工作（2项） 的名称里的项数已不对，其下现有 3 项任务" in added
    assert "plan edit 1 --title 县示范区管委会牵头工作（3项）" in added
    written = isolated.read_text(encoding="utf-8")
    assert 'title = "县示范区管委会牵头工作（2项）"' in written  # (not changed for it)
    checked = runner.invoke(app, ["check"])
    assert checked.exit_code == 0
    assert "名称写明 2 项，其下现有 3 项任务" in checked.output
    assert "共1项" not in checked.output  # (its count is right)
    _run(runner, "edit", "1", "--title", "县示范区管委会牵头工作（3项）")
    assert "名称写明" not in _run(runner, "check")


def _county(folder: Path) -> Path:
    """Three 2023 plans, two under one name (each a town's file that names the county's
    泉湖镇), their periods ended."""
    folder.mkdir()
    for town, items in (("乙镇", SMALL_ITEMS[:3]), ("丙镇", SMALL_ITEMS[:4])):
        (folder / town).mkdir()
        write_plan(folder / town / "plan.toml", items, organisation="衡南县泉湖镇人民政府")
    write_plan(folder / "甲镇.toml", SMALL_ITEMS, organisation="甲镇人民政府")
    return folder


def test_county_of_plans_all_ended_says_none_owes_a_report_not_this_years_deadline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """plan county over last year's plans, every one ended, said 最近一次期限为 2026-11-25 and
    which plans had nothing since 2026-10-26, though no plan owes a report (the 报送 column
    was empty). It now says the periods have ended and none owes one; the JSON says how
    many owe (0). A day within the plans keeps the rule and its deadline."""
    folder = _county(tmp_path / "towns")
    monkeypatch.setenv("COLUMNS", "120")
    runner = CliRunner()
    result = runner.invoke(app, ["county", str(folder)])
    assert result.exit_code == 0, result.output
    assert "各计划的计划期均已结束，没有计划需要报送" in result.output
    assert "最近一次期限" not in result.output and "未按要求报送" not in result.output
    data = json.loads(_run(runner, "county", str(folder), "--json"))
    assert data["reporting"]["owing"] == 0
    assert "没有计划需要报送" in data["reporting"]["rule"]
    english = _run(runner, "county", str(folder), "--lang", "en").replace("\n ", " ")
    assert "every plan's period has ended: none owes a report" in english
    within = _run(runner, "county", str(folder), "--as-of", "2023-06-30")
    assert "最近一次期限为 2023-06-25" in within and "没有计划需要报送" not in within
    markdown = _run(runner, "county", str(folder), "--format", "md")
    assert "没有计划需要报送" in markdown


def test_county_table_puts_the_file_after_a_shared_name_on_a_line_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two towns' files both name 衡南县泉湖镇人民政府, so each row tells its file; the narrow
    name column broke it wherever it ended (衡南县泉湖镇人民 / 政府（乙镇 / /plan.toml）).
    The file now goes on the line under the name, whole."""
    folder = _county(tmp_path / "towns")
    monkeypatch.setenv("COLUMNS", "90")
    shown = _run(CliRunner(), "county", str(folder), "--as-of", "2023-06-30")
    lines = shown.split("\n\n")[0].splitlines()  # (the table)
    named = [n for n, line in enumerate(lines) if "衡南县泉湖镇人民政府" in line]
    assert len(named) == 2 and "排名" in shown  # (the table, not its stacked form)
    for n in named:
        assert "（" not in lines[n]
        assert lines[n + 1].strip() in ("（乙镇/plan.toml）", "（丙镇/plan.toml）")
