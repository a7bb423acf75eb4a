"""Leftovers found in earlier sessions (session 28, task D): each test fails on the code as it
was."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
from pathlib import Path
from typing import Any

import openpyxl
from typer.testing import CliRunner

from quanhu_plan.cli import app
from tests.conftest import CST, Clock, write_plan

runner = CliRunner()


def run(*args: str) -> Any:
    return runner.invoke(app, list(args))


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


# 1. A finished plan (every task done, its latest record long past) exported today was dated
# today, while its year-end report is dated at its latest record: the two tables of one plan
# disagreed on the day they stand at.

FINISHED = [
    {"id": "1", "title": "基础设施"},
    {"id": "1.1", "title": "修塘", "due": dt.date(2023, 10, 31)},
    {"id": "1.2", "title": "安装路灯", "status": "done", "done_on": dt.date(2023, 3, 1)},
]


def test_an_export_of_a_finished_plan_is_dated_at_its_latest_record_as_the_report_is(
    plan_file: Path, clock: Clock, tmp_path: Path
) -> None:
    write_plan(plan_file, FINISHED)
    clock.now = dt.datetime(2024, 1, 15, 10, tzinfo=CST)  # ticked off after the plan's end
    assert run("done", "1.1").exit_code == 0
    assert dt.date.today() > dt.date(2024, 1, 15)  # the records are long past
    report = run("report")
    assert report.exit_code == 0, report.output
    assert "截至2024年1月15日" in report.output
    exported = run("export")
    assert exported.exit_code == 0, exported.output
    rows = csv_rows(exported.stdout_bytes)
    assert rows[0][0] == "测试镇2023年工作计划（截至2024年1月15日）"
    workbook = tmp_path / "表.xlsx"
    written = run("export", "--out", str(workbook))
    assert written.exit_code == 0, written.output
    assert "截至 2024-01-15" in written.output
    sheet = openpyxl.load_workbook(workbook).active
    assert sheet["A1"].value == "测试镇2023年工作计划（截至2024年1月15日）"
    # With --as-of the day asked for, as before.
    rows = csv_rows(run("export", "--as-of", "2023-12-31").stdout_bytes)
    assert rows[0][0] == "测试镇2023年工作计划（截至2023年12月31日）"


# 2. Ctrl-C once a new file was written, before the line saying so: plan import, new, init and
# a document written with --out exited 130 in silence, and a clerk who ran the import again
# was told the plan exists (or, with --force, wrote it over a first day's changes).


def _interrupted(*args: object, **kwargs: object) -> None:
    raise KeyboardInterrupt


SHEET = "序号,工作任务,牵头单位,完成时限\n一、基础设施,,,\n1,修塘,农业股,10月底\n"


def test_a_ctrl_c_after_import_wrote_the_plan_says_it_was_written(
    tmp_path: Path, monkeypatch: Any
) -> None:
    from quanhu_plan.cli import importing

    sheet = tmp_path / "任务分解表.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    target = tmp_path / "新计划.toml"
    monkeypatch.setattr(importing, "print_after_save", _interrupted)
    result = run("import", str(sheet), "-o", str(target), "--year", "2023")
    assert result.exit_code == 130
    assert "修塘" in target.read_text(encoding="utf-8")
    assert f"已中断，但 {target} 在中断前已经写好：无需再运行 plan import" in result.stderr
    assert "Traceback" not in result.output


def test_a_ctrl_c_before_import_wrote_says_nothing_of_a_file(
    tmp_path: Path, monkeypatch: Any
) -> None:
    from quanhu_plan import store

    sheet = tmp_path / "任务分解表.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    target = tmp_path / "新计划.toml"
    monkeypatch.setattr(store, "create", _interrupted)
    result = run("import", str(sheet), "-o", str(target), "--year", "2023")
    assert result.exit_code == 130
    assert not target.exists()
    assert "已中断，但" not in result.output


def test_a_ctrl_c_after_new_wrote_next_years_plan_says_it_was_written(
    small_plan: Path, monkeypatch: Any
) -> None:
    from quanhu_plan.cli import new_year

    monkeypatch.setattr(new_year, "print_after_save", _interrupted)
    result = run("--lang", "en", "new", "2024")
    assert result.exit_code == 130
    target = small_plan.parent / "plan-2024.toml"
    assert "year = 2024" in target.read_text(encoding="utf-8")
    assert (
        "Interrupted, but plan-2024.toml had been written before it: no need to run plan new "
        "again" in " ".join(result.stderr.split())
    )


def test_a_ctrl_c_after_init_wrote_the_plan_says_it_was_written(
    plan_file: Path, monkeypatch: Any
) -> None:
    from quanhu_plan.cli import read

    monkeypatch.delenv("PLAN_FILE")
    monkeypatch.setattr(read, "say", _interrupted)
    result = run("init")
    assert result.exit_code == 130
    assert (plan_file.parent / "plan.toml").exists()
    assert "已中断，但 plan.toml 在中断前已经写好：无需再运行 plan init" in result.stderr


def test_a_ctrl_c_after_a_report_was_written_says_it_is_whole(
    small_plan: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    # (deliver, of report, export and county, imports it from the app module when it writes)
    app_module = sys.modules["quanhu_plan.cli.app"]
    monkeypatch.setattr(app_module, "print_after_save", _interrupted)
    for command, name in (("report", "总结.md"), ("export", "表.xlsx")):
        out = tmp_path / name
        result = run(command, "-o", str(out))
        assert result.exit_code == 130, result.output
        assert out.stat().st_size > 0
        assert f"已中断，但 {out} 在中断前已经写好，内容完整。" in result.stderr


# 3. --due 长期坚持 (常态化, 持续推进: a task with no deadline, as a 工作要点 words it) was
# refused on add and edit, though the same words in an imported 完成时限 column are kept.

DATED = [
    {"id": "1", "title": "基础设施"},
    {"id": "1.1", "title": "修塘", "due": dt.date(2023, 10, 31)},
]


def _item(plan_file: Path, item_id: str) -> dict[str, Any]:
    import tomllib

    items = tomllib.loads(plan_file.read_text(encoding="utf-8"))["item"]
    return next(item for item in items if item["id"] == item_id)


def test_due_words_of_no_deadline_are_kept_on_add_as_the_import_keeps_them(
    plan_file: Path, clock: Clock
) -> None:
    write_plan(plan_file, DATED)
    clock.now = dt.datetime(2023, 3, 1, 9, tzinfo=CST)
    added = run("add", "1", "扫黑除恶", "--due", "长期坚持")
    assert added.exit_code == 0, added.output
    item = _item(plan_file, "1.2")
    assert "due" not in item
    assert item["完成时限原文"] == "长期坚持"
    for words in ("常态化开展", "持续推进", "长效"):
        assert run("add", "1", f"任务{words}", "--due", words).exit_code == 0, words
    assert [_item(plan_file, i)["完成时限原文"] for i in ("1.3", "1.4", "1.5")] == [
        "常态化开展",
        "持续推进",
        "长效",
    ]
    shown = run("show", "1.2")
    assert "长期坚持" in shown.output, shown.output
    # With why in brackets, as the import keeps such a cell: no deadline, the words whole.
    bracketed = run("add", "1", "防汛巡查", "--due", "长期坚持（汛期重点）")
    assert bracketed.exit_code == 0, bracketed.output
    item = _item(plan_file, "1.6")
    assert "due" not in item and item["完成时限原文"] == "长期坚持（汛期重点）"
    # Not every word is one: a slip is still refused.
    refused = run("add", "1", "别的", "--due", "长期吧")
    assert refused.exit_code == 2


def test_due_words_of_no_deadline_on_edit_replace_the_deadline_and_undo_brings_it_back(
    plan_file: Path, clock: Clock
) -> None:
    write_plan(plan_file, DATED)
    clock.now = dt.datetime(2023, 3, 1, 9, tzinfo=CST)
    edited = run("edit", "1.1", "--due", "常态化")
    assert edited.exit_code == 0, edited.output
    assert "2023-10-31 → —" in edited.output, edited.output
    item = _item(plan_file, "1.1")
    assert "due" not in item and item["完成时限原文"] == "常态化"
    again = run("edit", "1.1", "--due", "常态化")
    assert again.exit_code == 1 and "已是这些值" in again.output
    # A date again: the words of no deadline go with it.
    assert run("edit", "1.1", "--due", "2023-11-30").exit_code == 0
    item = _item(plan_file, "1.1")
    assert item["due"] == dt.date(2023, 11, 30) and "完成时限原文" not in item
    assert run("undo").exit_code == 0
    item = _item(plan_file, "1.1")
    assert "due" not in item and item["完成时限原文"] == "常态化"
    assert run("undo").exit_code == 0
    item = _item(plan_file, "1.1")
    assert item["due"] == dt.date(2023, 10, 31) and "完成时限原文" not in item


def test_an_english_plan_keeps_no_deadline_words_under_its_own_key(
    plan_file: Path, clock: Clock
) -> None:
    write_plan(plan_file, DATED, lang="en")
    clock.now = dt.datetime(2023, 3, 1, 9, tzinfo=CST)
    assert run("edit", "1.1", "--due", "长期坚持").exit_code == 0
    item = _item(plan_file, "1.1")
    assert "due" not in item and item["Deadline (as written)"] == "长期坚持"
    # The English words an English sheet's import reads so (ongoing, long-term).
    added = run("add", "1", "Patrols", "--due", "Ongoing")
    assert added.exit_code == 0, added.output
    assert _item(plan_file, "1.2")["Deadline (as written)"] == "Ongoing"


# 4. plan edit ID --due "" removed the deadline and kept the words of it (完成时限原文 =
# "6月底（视天气）"): every view still said a deadline the task no longer had.


def test_an_empty_due_removes_the_deadline_and_its_words_and_undo_brings_both_back(
    plan_file: Path, clock: Clock
) -> None:
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "基础设施"},
            {"id": "1.1", "title": "修塘", "due": "2023-06", "完成时限原文": "6月底（视天气）"},
            {"id": "1.2", "title": "扫黑除恶", "办结时限原文": "长期坚持"},
        ],
    )
    clock.now = dt.datetime(2023, 3, 1, 9, tzinfo=CST)
    edited = run("edit", "1.1", "--due", "")
    assert edited.exit_code == 0, edited.output
    assert "完成时限原文 6月底（视天气） → —" in edited.output.replace("：", " "), edited.output
    item = _item(plan_file, "1.1")
    assert "due" not in item and "完成时限原文" not in item
    # Words of no deadline alone (an import's 办结时限原文): --due "" takes them away too.
    assert run("edit", "1.2", "--due", "").exit_code == 0
    assert "办结时限原文" not in _item(plan_file, "1.2")
    # Nothing left to remove: said, nothing written.
    before = plan_file.read_bytes()
    again = run("edit", "1.2", "--due", "")
    assert again.exit_code == 1 and "已是这些值" in again.output
    assert plan_file.read_bytes() == before
    assert run("undo").exit_code == 0
    assert _item(plan_file, "1.2")["办结时限原文"] == "长期坚持"
    assert run("undo").exit_code == 0
    item = _item(plan_file, "1.1")
    assert item["due"] == "2023-06" and item["完成时限原文"] == "6月底（视天气）"


# 5. plan list --json (and show --json) left out the milestones that are a note alone (a step
# with no share, 一季度：完成选址), which plan show lists among the others.


def test_json_lists_note_only_milestones_in_the_shape_of_the_others(plan_file: Path) -> None:
    import json

    write_plan(
        plan_file,
        [
            {"id": "1", "title": "基础设施"},
            {
                "id": "1.1",
                "title": "修塘",
                "due": dt.date(2023, 10, 31),
                "milestone": [
                    {"due": "2023-06", "progress": 50, "note": "主体完工"},
                    {"due": "2023-Q1", "note": "完成选址"},
                ],
            },
        ],
    )
    listed = run("list", "--json", "--as-of", "2023-04-30")
    assert listed.exit_code == 0, listed.output
    task = next(record for record in json.loads(listed.stdout) if record["id"] == "1.1")
    assert task["milestones"] == [
        {
            "due": "2023-Q1",
            "day": "2023-03-31",
            "expected": None,
            "value": None,
            "note": "完成选址",
            "state": "step",
            "done": None,
        },
        {
            "due": "2023-06",
            "day": "2023-06-30",
            "expected": 0.5,
            "value": None,
            "note": "主体完工",
            "state": "next",
            "done": None,
        },
    ]
    shown = json.loads(run("show", "1.1", "--json", "--as-of", "2023-04-30").stdout)
    assert shown["milestones"] == task["milestones"]
    # The terminal shows the step as before.
    assert "2023-Q1 完成选址" in run("show", "1.1", "--as-of", "2023-04-30").output


# 6. The 推进情况表's 完成时限 wrote a month or quarter as the plan file does (2023-10,
# 2023-Q2) where the Word report's ledger says 10月底, 第二季度 for the same task.

DEADLINES = [
    {"id": "1", "title": "基础设施"},
    {"id": "1.1", "title": "修塘", "due": "2023-10"},
    {"id": "1.2", "title": "二季度任务", "due": "2023-Q2"},
    {"id": "1.3", "title": "跨年任务", "due": "2024-03"},
    {"id": "1.4", "title": "日期任务", "due": dt.date(2023, 6, 30)},
    {"id": "1.5", "title": "扫黑除恶", "完成时限原文": "长期坚持"},
]


def test_the_export_writes_a_month_or_quarter_deadline_as_the_word_report_does(
    plan_file: Path, tmp_path: Path
) -> None:
    write_plan(plan_file, DEADLINES)
    markdown = run("report", "--format", "md", "--as-of", "2023-06-30").output
    assert "| 10月底 |" in markdown and "| 第二季度 |" in markdown
    workbook = tmp_path / "表.xlsx"
    assert run("export", "--as-of", "2023-06-30", "-o", str(workbook)).exit_code == 0
    sheet = openpyxl.load_workbook(workbook).active
    header = [str(cell.value).replace("\n", "") for cell in sheet[3]]  # (headers fold)
    due = header.index("完成时限")
    rows = {row[0]: row for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert [rows[i][due] for i in ("1.1", "1.2", "1.3")] == ["10月底", "第二季度", "2024年3月底"]
    assert rows["1.4"][due] == dt.datetime(2023, 6, 30)  # a day stays a date Excel sorts
    # Words with no day are the deadline, said in its column (session 29), and not again.
    assert rows["1.5"][due] == "长期坚持" and "完成时限原文" not in header
    rows_csv = {
        row[0]: row for row in csv_rows(run("export", "--as-of", "2023-06-30").stdout_bytes)
    }
    assert rows_csv["1.1"][due] == "10月底"
    # Read back, the same deadlines.
    assert run("import", str(workbook), "-o", "back.toml").exit_code == 0
    back = Path("back.toml")
    assert [_item(back, i).get("due") for i in ("1.1", "1.2", "1.3", "1.4")] == [
        "2023-10",
        "2023-Q2",
        "2024-03",
        dt.date(2023, 6, 30),
    ]
    # In English, as the file writes them (the English report's ledger does too).
    write_plan(plan_file, DEADLINES, lang="en")
    english = {row[0]: row for row in csv_rows(run("export", "--as-of", "2023-06-30").stdout_bytes)}
    assert english["1.1"][due] == "2023-10"


# 7. --out naming a symbolic link. Decided: a link to a file is written through, to its target,
# atomically (a temporary file beside the target, renamed over it), and stays a link: the link
# is how a clerk points a fixed name (a shared folder's 年终总结) at the file, so replacing it
# by a file would leave the target stale, and refusing would make the link useless. A link to
# nothing is refused, as plan import, new and county refuse it: where it would write is not
# where the user looks.


def test_report_force_onto_a_link_writes_its_target_atomically_and_keeps_the_link(
    small_plan: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "共享"
    folder.mkdir()
    target = folder / "总结.md"
    target.write_text("去年的旧稿\n", encoding="utf-8")
    link = tmp_path / "年终总结.md"
    link.symlink_to(target)
    (tmp_path / "cache").mkdir()  # (the parse cache's folder, made by the first read)
    before = sorted(p.name for p in folder.iterdir()), sorted(p.name for p in tmp_path.iterdir())
    refused = run("report", "-o", str(link))  # (no terminal to ask: refused without --force)
    assert refused.exit_code == 1 and "已经存在" in refused.output
    assert target.read_text(encoding="utf-8") == "去年的旧稿\n"
    written = run("report", "-o", str(link), "--force")
    assert written.exit_code == 0, written.output
    assert written.stdout == f"已写入 {link}。\n"
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert target.read_text(encoding="utf-8").startswith("# 测试镇2023年工作计划")
    after = sorted(p.name for p in folder.iterdir()), sorted(p.name for p in tmp_path.iterdir())
    assert after == before  # no temporary file left in either folder


def test_export_through_a_chain_of_links_writes_the_file_at_its_end(
    small_plan: Path, tmp_path: Path
) -> None:
    target = tmp_path / "表" / "推进情况表.xlsx"
    target.parent.mkdir()
    target.write_bytes(b"old")
    middle = tmp_path / "中间.xlsx"
    middle.symlink_to(target)
    link = tmp_path / "本月.xlsx"
    link.symlink_to(middle)
    result = run("export", "-o", str(link), "--force")
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and middle.is_symlink()
    assert openpyxl.load_workbook(target).active["A3"].value == "序号"


def test_report_onto_a_link_to_nothing_is_refused_and_nothing_is_made(
    small_plan: Path, tmp_path: Path
) -> None:
    (tmp_path / "别处").mkdir()
    link = tmp_path / "年终总结.md"
    link.symlink_to(tmp_path / "别处" / "总结.md")
    result = run("report", "-o", str(link), "--force")
    assert result.exit_code == 1
    assert "指向不存在文件的符号链接" in result.output, result.output
    assert "Traceback" not in result.output
    assert link.is_symlink() and not (tmp_path / "别处" / "总结.md").exists()
    assert run("export", "-o", str(link.with_suffix(".csv")), "--force").exit_code == 0
    link.with_suffix(".csv").unlink()
    link.with_suffix(".csv").symlink_to(tmp_path / "别处" / "表.csv")
    assert run("export", "-o", str(link.with_suffix(".csv")), "--force").exit_code == 1
    assert not (tmp_path / "别处" / "表.csv").exists()


# 8. The report's entry of a task under 主要成绩 was built twice over (a task done, a task whose
# figure is reached and still going): one construction now; both entries as they were.


def test_the_achievement_entries_of_a_done_and_a_still_going_task(plan_file: Path) -> None:
    import json

    write_plan(
        plan_file,
        [
            {"id": "1", "title": "基础设施"},
            {"id": "1.1", "title": "修塘", "measure": "处", "target": 10, "actual": 10},
            {
                "id": "1.2",
                "title": "安装路灯",
                "status": "done",
                "done_on": dt.date(2023, 3, 1),
                "evidence": ["验收单.pdf"],
                "log": [
                    {
                        "at": dt.datetime(2023, 3, 2, 9, tzinfo=CST),
                        "on": dt.date(2023, 3, 2),
                        "by": "王五",
                        "action": "note",
                        "note": "已验收",
                    }
                ],
            },
        ],
    )
    report = json.loads(run("report", "--format", "json").stdout)
    going, done = report["achievements"][0]["entries"]
    assert going["sentence"] == "修塘10处，目标10处，完成率100%（目前进行中）。"
    assert (going["done_on"], going["note"], going["evidence"]) == (None, None, [])
    assert going["metric"]["actual"] == 10 and going["level"] == 2
    assert (
        done["sentence"] == "安装路灯（2023年3月1日完成）。进展情况：已验收。销号依据：验收单.pdf。"
    )
    assert (done["done_on"], done["note"], done["evidence"]) == (
        "2023-03-01",
        "已验收",
        ["验收单.pdf"],
    )
    assert done["metric"] is None and (done["number"], done["id"]) == ("2.", "1.2")
