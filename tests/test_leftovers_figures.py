"""Figures and dates left wrong by earlier sessions: a task added mid-year paced from 1 January,
a July–June plan's report titled by its first calendar year, Excel day numbers of a 1904
workbook read as 1900 ones, a new plan with nothing kept written with ``item = []``, and two
towns' plans without an organisation folded into one by plan county."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tomllib
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan
from .test_county import county_json, town_doc, write
from .test_import import items_of, run, workbook

runner = CliRunner()
CHINA = dt.timezone(dt.timedelta(hours=8))


def _added(day: dt.date) -> dict[str, Any]:
    return {
        "at": dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=CHINA),
        "by": "张三",
        "action": "add",
        "after": {"id": "x", "title": "x"},
    }


def _progress(day: dt.date, value: int) -> dict[str, Any]:
    return {
        "at": dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=CHINA),
        "by": "张三",
        "action": "progress",
        "before": {},
        "after": {"progress": value, "status": "doing"},
    }


def _listed(*args: str) -> dict[str, dict[str, Any]]:
    result = runner.invoke(app, ["list", "--json", *args])
    assert result.exit_code == 0, result.output
    return {row["id"]: row for row in json.loads(result.stdout)}


# ---------------------------------------------------------------- 1. pacing of a task added mid-year


def _mid_year_plan(plan_file: Path) -> None:
    july = dt.date(2023, 7, 1)
    added = [_added(july), _progress(dt.date(2023, 9, 1), 50)]
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "重点工作"},
            # Added on 1 July, no start: half of July–December has passed by 30 September.
            {"id": "1.1", "title": "年中新增", "status": "doing", "progress": 50, "log": added},
            # Its own start wins: paced from January, three quarters are due.
            {
                "id": "1.2",
                "title": "年中新增但写明开工",
                "start": "2023-01",
                "status": "doing",
                "progress": 50,
                "log": [_added(july), _progress(dt.date(2023, 9, 1), 50)],
            },
            # In the plan from the start (no trace of its adding): paced from 1 January.
            {"id": "1.3", "title": "年初任务", "status": "doing", "progress": 50},
            # Added with a date: --on 2023-06-01.
            {
                "id": "1.4",
                "title": "补记新增",
                "status": "doing",
                "progress": 50,
                "log": [{**_added(july), "on": dt.date(2023, 6, 1)}],
            },
            # Added while the plan was drawn up, before its year: paced from 1 January.
            {
                "id": "1.5",
                "title": "年前新增",
                "status": "doing",
                "progress": 50,
                "log": [_added(dt.date(2022, 12, 15))],
            },
        ],
    )


def test_a_task_added_mid_year_is_paced_from_the_day_it_was_added(plan_file):
    _mid_year_plan(plan_file)
    for _ in range(2):  # read afresh, then from the parse cache (the items' sketches)
        rows = _listed("--as-of", "2023-09-30")
        assert rows["1.1"]["pace"] == "on_pace"
        assert rows["1.1"]["expected"] == round(91 / 183, 4)
        assert rows["1.2"]["pace"] == "behind"
        assert rows["1.3"]["pace"] == "behind"
        assert rows["1.4"]["expected"] == round(121 / 213, 4)
        assert rows["1.5"]["expected"] == rows["1.3"]["expected"] == round(272 / 364, 4)
        status = runner.invoke(app, ["status", "--json", "--as-of", "2023-09-30"])
        assert status.exit_code == 0, status.output
        assert json.loads(status.stdout)["total"]["pace"]["on_pace"] == 1
    shown = runner.invoke(app, ["show", "1.1", "--json", "--as-of", "2023-09-30"])
    assert json.loads(shown.stdout)["pace"] == "on_pace", shown.output
    # Without --as-of (the plan as it is, judged at its end here): the same task, no replay.
    rows = _listed()
    assert rows["1.1"]["pace"] == "behind" and rows["1.1"]["expected"] == 1.0


def test_the_report_paces_a_task_added_mid_year_from_its_adding(plan_file):
    _mid_year_plan(plan_file)
    result = runner.invoke(app, ["report", "--as-of", "2023-09-30"])
    assert result.exit_code == 0, result.output
    problems = result.stdout.split("三、存在的问题")[1].split("四、")[0]
    assert "年中新增但写明开工" in problems and "年初任务" in problems
    assert "年中新增：" not in problems, problems


def test_an_export_says_from_when_a_task_added_mid_year_is_paced_and_reads_back(
    plan_file, tmp_path
):
    _mid_year_plan(plan_file)
    first, second, back = tmp_path / "1.xlsx", tmp_path / "2.xlsx", tmp_path / "back.toml"
    exported = runner.invoke(app, ["export", "--as-of", "2023-09-30", "--out", str(first)])
    assert exported.exit_code == 0, exported.output
    imported = runner.invoke(app, ["import", str(first), "--out", str(back)])
    assert imported.exit_code == 0, imported.output
    items = items_of(back)
    assert items["1.1"]["start"] == dt.date(2023, 7, 1)  # the day it was added
    assert items["1.2"]["start"] == "2023-01"  # its own
    assert "start" not in items["1.3"] and "start" not in items["1.5"]
    again = runner.invoke(
        app, ["--file", str(back), "export", "--as-of", "2023-09-30", "--out", str(second)]
    )
    assert again.exit_code == 0, again.output

    def values(path: Path) -> list[list[Any]]:
        sheet = openpyxl.load_workbook(path).active
        return [[cell.value for cell in row] for row in sheet.iter_rows()]

    assert values(first) == values(second)


# ---------------------------------------------------------------- 2. a July–June plan's report


def _july_june_plan(plan_file: Path, title: str) -> None:
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "部分一"},
            {"id": "1.1", "title": "任务甲", "status": "done", "done_on": dt.date(2023, 10, 1)},
            {"id": "1.2", "title": "任务乙"},
        ],
        title=title,
        organisation="泉湖镇人民政府",
        year=2023,
        start=dt.date(2023, 7, 1),
        end=dt.date(2024, 6, 30),
    )


def test_a_july_to_june_plans_report_names_its_period_as_the_plan_does(plan_file, tmp_path):
    _july_june_plan(plan_file, "泉湖镇2023-2024年度工作计划")
    result = runner.invoke(app, ["report"])
    assert result.exit_code == 0, result.output
    said = result.stdout
    assert "泉湖镇2023-2024年度工作计划完成情况总结" in said
    assert "2023年工作计划" not in said
    # What is left goes on into the next plan year, 2024-2025年度, not into "2025年".
    assert "结转2024-2025年度继续推进" in said and "结转2025年" not in said
    midway = runner.invoke(app, ["report", "--as-of", "2023-12-31"])
    assert "泉湖镇2023-2024年度工作计划阶段性完成情况总结" in midway.stdout, midway.output
    for fmt in ("md", "json"):
        out = runner.invoke(app, ["report", "--format", fmt])
        assert "泉湖镇2023-2024年度工作计划完成情况总结" in out.stdout, out.output
        assert "2023年工作计划" not in out.stdout
    docx = tmp_path / "r.docx"
    assert runner.invoke(app, ["report", "--out", str(docx)]).exit_code == 0
    import docx as python_docx

    paragraphs = [p.text for p in python_docx.Document(str(docx)).paragraphs]
    assert "泉湖镇2023-2024年度工作计划完成情况总结" in paragraphs


def test_a_july_to_june_plan_whose_title_names_no_span_is_named_by_its_months(plan_file):
    _july_june_plan(plan_file, "泉湖镇工作计划")
    result = runner.invoke(app, ["report"])
    assert result.exit_code == 0, result.output
    assert "泉湖镇2023年7月—2024年6月工作计划完成情况总结" in result.stdout
    assert "结转2024年7月—2025年6月继续推进" in result.stdout
    english = runner.invoke(app, ["report", "--lang", "en"])
    assert "July 2023 – June 2024 work plan: completion report" in english.stdout, english.output


def test_a_calendar_year_plans_report_is_titled_as_before(plan_file):
    write_plan(plan_file, [{"id": "1", "title": "任务", "status": "done"}])
    result = runner.invoke(app, ["report"])
    assert "测试镇2023年工作计划完成情况总结" in result.stdout, result.output


def test_next_years_plan_of_a_july_to_june_plan_moves_both_years_of_its_title(plan_file, tmp_path):
    for title, expected in [
        ("泉湖镇2023-2024年度工作计划", "泉湖镇2024-2025年度工作计划"),
        ("泉湖镇2023年7月—2024年6月工作计划", "泉湖镇2024年7月—2025年6月工作计划"),
    ]:
        _july_june_plan(plan_file, title)
        out = tmp_path / "next.toml"
        result = runner.invoke(app, ["new", "2024", "-o", str(out), "--force"])
        assert result.exit_code == 0, result.output
        plan = tomllib.loads(out.read_text(encoding="utf-8"))["plan"]
        assert plan["title"] == expected
        assert (plan["start"], plan["end"]) == (dt.date(2024, 7, 1), dt.date(2025, 6, 30))


# ---------------------------------------------------------------- 3. a 1904 workbook's day numbers


def test_day_numbers_of_a_1904_workbook_are_read_by_its_own_calendar(tmp_path, plan_file):
    # 2024-06-30 is day 45473 in the 1900 date system and 44011 in the 1904 one (a workbook
    # made on an old Mac, or set so in Excel's options).
    rows: list[list[Any]] = [
        ["工作台账"],
        ["序号", "工作任务", "完成时限", "完成日期", "状态"],
        [1, "修塘", 44011, None, "进行中"],
        [2, "修路", "44195", 43938, "已完成"],
    ]
    path = workbook(tmp_path / "台账.xlsx", rows)
    book = openpyxl.load_workbook(path)
    book.epoch = CALENDAR_MAC_1904
    book.save(path)
    result = run(str(path))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["due"] == dt.date(2024, 6, 30)
    assert items["2"]["due"] == dt.date(2024, 12, 31)
    assert items["2"]["done_on"] == dt.date(2024, 4, 18)
    # The plan's year is guessed from those days too.
    plan = tomllib.loads(plan_file.read_text(encoding="utf-8"))["plan"]
    assert plan["year"] == 2024
    assert "Sheet1!C3 44011 → 2024-06-30" in result.stderr


# ---------------------------------------------------------------- 5. plan new keeping nothing


def test_a_new_plan_with_nothing_kept_is_written_in_the_canonical_layout(plan_file, tmp_path):
    write_plan(plan_file, [{"id": "1", "title": "部分"}, {"id": "1.1", "title": "任务"}])
    out = tmp_path / "new.toml"
    result = runner.invoke(app, ["new", "2024", "--no-structure", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("[plan]\n"), text
    assert "item = []" not in text
    assert runner.invoke(app, ["--file", str(out), "check"]).exit_code == 0
    # A task added to it goes in as into any plan.
    added = runner.invoke(app, ["--file", str(out), "add", "top", "新部分"])
    assert added.exit_code == 0, added.output
    assert tomllib.loads(out.read_text(encoding="utf-8"))["item"][0]["title"] == "新部分"


def test_fmt_of_a_plan_without_items_writes_no_empty_item_array(plan_file):
    plan_file.write_text('item = []\n\n[plan]\ntitle = "测试计划"\nyear = 2023\n', "utf-8")
    result = runner.invoke(app, ["fmt"])
    assert result.exit_code == 0, result.output
    assert plan_file.read_text(encoding="utf-8") == '[plan]\ntitle = "测试计划"\nyear = 2023\n'


# ---------------------------------------------------------------- 6. towns without an organisation


def _unnamed_town(seed: int, last_record: dt.date | None) -> dict[str, Any]:
    doc = town_doc("甲镇", tasks=12, seed=seed, last_record=last_record)
    del doc["plan"]["organisation"]
    doc["plan"]["title"] = "2023年乡镇工作计划"  # the county's starting plan, as handed out
    return doc


def test_two_towns_without_an_organisation_sharing_the_countys_plan_both_count(tmp_path):
    folder = tmp_path / "county"
    east = write(folder / "东区" / "plan.toml", _unnamed_town(1, None))
    (folder / "西区").mkdir()
    shutil.copyfile(east, folder / "西区" / "plan.toml")
    record = county_json(str(folder), "--as-of", "2023-06-30")
    assert record["plans"] == 2, record["skipped"]
    assert not [left for left in record["skipped"] if left["why"] == "copy"]
    assert sorted(Path(row["file"]).parent.name for row in record["rows"]) == ["东区", "西区"]
    shown = runner.invoke(app, ["county", str(folder), "--as-of", "2023-06-30"])
    assert shown.exit_code == 0, shown.output
    said = "".join(shown.output.split())
    assert said.count("planheader--organisation") == 1, shown.output
    assert "没有写明单位" in said
    # Each row named by its folder and file, as two towns' plans of one name are.
    assert "2023年乡镇工作计划（东区/plan.toml）" in said
    assert "2023年乡镇工作计划（西区/plan.toml）" in said
    assert record["unnamed_note"].count("plan header --organisation") == 1
    markdown = runner.invoke(
        app, ["county", str(folder), "--as-of", "2023-06-30", "--format", "md"]
    )
    assert markdown.stdout.count("plan header --organisation") == 1, markdown.output
    for suffix in ("docx", "xlsx"):
        out = runner.invoke(
            app,
            [
                "county",
                str(folder),
                "--as-of",
                "2023-06-30",
                "--out",
                str(tmp_path / f"c.{suffix}"),
            ],
        )
        assert out.exit_code == 0, out.output


def test_a_town_that_recorded_on_the_countys_plan_does_not_swallow_one_that_did_not(tmp_path):
    folder = tmp_path / "county"
    quiet = _unnamed_town(1, None)
    busy = _unnamed_town(1, None)
    task = next(item for item in busy["item"] if item["id"].count(".") == 2)
    task["progress"] = 30
    task["log"] = [_progress(dt.date(2023, 5, 10), 30)]
    # The county's plan came with an entry in its trace (both towns have it); one town then
    # recorded more: every entry of the quiet town's trace is in the busy one's.
    quiet["item"][0]["log"] = [_progress(dt.date(2023, 1, 5), 0)]
    busy["item"][0]["log"] = [_progress(dt.date(2023, 1, 5), 0)]
    write(folder / "东区" / "plan.toml", quiet)
    write(folder / "西区" / "plan.toml", busy)
    record = county_json(str(folder), "--as-of", "2023-06-30")
    assert record["plans"] == 2, record["skipped"]


def test_a_copy_in_the_same_folder_still_counts_once(tmp_path):
    folder = tmp_path / "county"
    plan = write(folder / "plan.toml", _unnamed_town(1, None))
    shutil.copyfile(plan, folder / "plan - 副本.toml")
    record = county_json(str(folder), "--as-of", "2023-06-30")
    assert record["plans"] == 1
    assert [left["why"] for left in record["skipped"]] == ["copy"]


def test_a_july_to_june_plans_ledger_says_the_year_of_every_day(plan_file):
    """The ledger left the year off the days of the plan's first calendar year (10月1日) and
    said it of the second's (2024年3月31日): in a plan over two years, each day says its year."""
    _july_june_plan(plan_file, "泉湖镇2023-2024年度工作计划")
    edit = runner.invoke(app, ["edit", "1.2", "--due", "2024-03-31"])
    assert edit.exit_code == 0, edit.output
    result = runner.invoke(app, ["report", "--format", "md"])
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if "任务甲" in line or "任务乙" in line]
    ledger = "\n".join(row for row in rows if row.startswith("|"))
    assert "2023年10月1日" in ledger and "2024年3月31日" in ledger, ledger
    # A plan of one calendar year still leaves its year off, as its title states it.
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "部分一"},
            {"id": "1.1", "title": "任务甲", "due": dt.date(2023, 6, 30)},
        ],
        title="泉湖镇2023年工作计划",
        year=2023,
    )
    rows = runner.invoke(app, ["report", "--format", "md"]).stdout.splitlines()
    assert any("| 6月30日 |" in row for row in rows if "任务甲" in row), rows
