"""Session 29 (D): leftovers found by using the tool — a deadline in words alone (长期坚持) shown
wherever a deadline is."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tomllib
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app
from tests.conftest import CST, write_plan


def _items(path: Path) -> dict[str, dict[str, Any]]:
    return {i["id"]: i for i in tomllib.loads(path.read_text(encoding="utf-8"))["item"]}


def _cells(path: Path) -> list[tuple[Any, ...]]:
    import openpyxl

    return list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))


# ---------------------------------------------------------------- 1. deadline words alone

WORDS_PLAN: list[dict[str, Any]] = [
    {"id": "1", "title": "重点工作"},
    {"id": "1.1", "title": "安全生产巡查", "完成时限原文": "长期坚持"},
    {"id": "1.2", "title": "修机耕道", "due": dt.date(2023, 6, 30)},
    # words beside a day (as an import keeps 11月20日前（土地封冻前）): the day is the deadline
    {"id": "1.3", "title": "冬修水利", "due": dt.date(2023, 11, 20), "完成时限原文": "封冻前"},
]


SMALL_PLAN: list[dict[str, Any]] = [
    {"id": "1", "title": "重点工作"},
    {"id": "1.1", "title": "修塘"},
]


def _row_of(rows: list[tuple[Any, ...]], task_id: str) -> dict[str, Any]:
    header = next(row for row in rows if row and row[0] in ("序号", "No."))
    row = next(row for row in rows if row and row[0] == task_id)
    return dict(zip([str(h).replace("\n", "") for h in header], row, strict=False))


def test_export_xlsx_shows_deadline_words_in_the_deadline_column(
    runner: CliRunner, plan_file: Path
) -> None:
    write_plan(plan_file, WORDS_PLAN)
    table = plan_file.parent / "表.xlsx"
    result = runner.invoke(app, ["export", "--as-of", "2023-06-30", "--out", str(table)])
    assert result.exit_code == 0, result.output
    rows = _cells(table)
    assert _row_of(rows, "1.1")["完成时限"] == "长期坚持"
    assert _row_of(rows, "1.2")["完成时限"] == dt.datetime(2023, 6, 30)
    assert _row_of(rows, "1.3")["完成时限"] == dt.datetime(2023, 11, 20)
    # Said once: the words in 完成时限 are not said again beside it (where a day is, they are).
    assert _row_of(rows, "1.1").get("完成时限原文") is None
    assert _row_of(rows, "1.3")["完成时限原文"] == "封冻前"
    # ...and the table imports back to the same plan: no due, the words kept.
    result = runner.invoke(app, ["import", str(table), "-o", "back.toml"])
    assert result.exit_code == 0, result.output
    back = _items(plan_file.parent / "back.toml")
    assert back["1.1"]["完成时限原文"] == "长期坚持" and "due" not in back["1.1"]
    assert back["1.3"]["完成时限原文"] == "封冻前"
    assert back["1.3"]["due"] == dt.date(2023, 11, 20)


def test_export_csv_shows_deadline_words(runner: CliRunner, plan_file: Path) -> None:
    write_plan(plan_file, WORDS_PLAN)
    result = runner.invoke(app, ["export", "--as-of", "2023-06-30", "--format", "csv"])
    assert result.exit_code == 0, result.output
    import csv

    rows = [tuple(r) for r in csv.reader(result.stdout.lstrip("\ufeff").splitlines())]
    assert _row_of(rows, "1.1")["完成时限"] == "长期坚持"


def test_added_with_deadline_words_then_exported(
    runner: CliRunner, plan_file: Path, clock: Any
) -> None:
    write_plan(plan_file, WORDS_PLAN[:3])
    result = runner.invoke(app, ["add", "1", "河长巡河", "--due", "常态化", "--on", "2023-02-01"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["export", "--as-of", "2023-06-30", "--format", "csv"])
    assert result.exit_code == 0, result.output
    import csv

    rows = [tuple(r) for r in csv.reader(result.stdout.lstrip("\ufeff").splitlines())]
    assert _row_of(rows, "1.3")["完成时限"] == "常态化"


def test_docx_ledger_shows_deadline_words(runner: CliRunner, plan_file: Path) -> None:
    import docx

    write_plan(plan_file, WORDS_PLAN)
    out = plan_file.parent / "总结.docx"
    result = runner.invoke(app, ["report", "--as-of", "2023-06-30", "--out", str(out)])
    assert result.exit_code == 0, result.output
    ledger = docx.Document(str(out)).tables[-1]
    header = [cell.text for cell in ledger.rows[0].cells]
    due = header.index("完成时限")
    rows = {row.cells[0].text: row.cells[due].text for row in ledger.rows[1:]}
    assert rows["1.1"] == "长期坚持"
    assert rows["1.2"] == "6月30日"


def test_markdown_and_text_ledgers_show_deadline_words(runner: CliRunner, plan_file: Path) -> None:
    write_plan(plan_file, WORDS_PLAN)
    result = runner.invoke(app, ["report", "--as-of", "2023-06-30", "--format", "md"])
    assert result.exit_code == 0, result.output
    line = next(line for line in result.stdout.splitlines() if line.startswith("| 1.1 |"))
    assert "| 长期坚持 |" in line, line
    result = runner.invoke(app, ["report", "--as-of", "2023-06-30", "--format", "txt"])
    assert result.exit_code == 0, result.output
    assert "完成时限：长期坚持" in result.stdout, result.stdout
    # The JSON keeps due as the file writes it (none) and says the words beside it.
    result = runner.invoke(app, ["report", "--as-of", "2023-06-30", "--format", "json"])
    ledger = {row["id"]: row for row in json.loads(result.stdout)["ledger"]}
    assert (ledger["1.1"]["due"], ledger["1.1"]["due_day"]) == ("", None)
    assert ledger["1.1"]["due_words"] == "长期坚持"


def test_list_shows_deadline_words(runner: CliRunner, plan_file: Path) -> None:
    write_plan(plan_file, WORDS_PLAN)
    result = runner.invoke(app, ["list", "--as-of", "2023-06-30"])
    assert result.exit_code == 0, result.output
    line = next(line for line in result.stdout.splitlines() if "1.1 安全生产巡查" in line)
    assert "完成时限：长期坚持" in line, result.stdout
    result = runner.invoke(app, ["list", "--flat", "--as-of", "2023-06-30"])
    line = next(line for line in result.stdout.splitlines() if "安全生产巡查" in line)
    assert line.rstrip().endswith("长期坚持"), result.stdout
    result = runner.invoke(app, ["show", "1.1"])
    assert "长期坚持" in result.stdout, result.stdout


def test_english_list_shows_deadline_words(runner: CliRunner, plan_file: Path) -> None:
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "Safety"},
            {"id": "1.1", "title": "Patrols", "Deadline (as written)": "ongoing"},
        ],
        lang="en",
    )
    result = runner.invoke(app, ["list", "--as-of", "2023-06-30"])
    assert result.exit_code == 0, result.output
    line = next(line for line in result.stdout.splitlines() if "1.1 Patrols" in line)
    assert "ongoing" in line, result.stdout


# ---------------------------------------------------------------- 2. 记录至 the latest record


def test_status_and_list_say_recorded_to_the_latest_record_as_report_and_export_do(
    runner: CliRunner, plan_file: Path, clock: Any
) -> None:
    """A finished plan whose latest record is long past: status and list said 记录至 <today>,
    while the report and the export are dated at that record. All say the record's day."""
    write_plan(plan_file, [{"id": "1", "title": "重点工作"}, {"id": "1.1", "title": "修塘"}])
    clock.now = dt.datetime(2024, 1, 10, 9, tzinfo=CST)
    assert runner.invoke(app, ["done", "1.1", "--on", "2024-01-10"]).exit_code == 0
    today = dt.date.today().isoformat()
    assert today != "2024-01-10"  # (the wall clock: the views are judged today)
    for command in (["status"], ["list"], ["list", "--flat"], ["show", "1.1"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 0, result.output
        assert "现状（记录至 2024-01-10，序时按 2023-12-31 计）" in result.stdout, result.stdout
        assert today not in result.stdout, result.stdout
    report = runner.invoke(app, ["report"]).stdout
    assert "截至2024年1月10日" in report, report
    export = runner.invoke(app, ["export", "--format", "csv"]).stdout
    assert "截至2024年1月10日" in export, export
    english = runner.invoke(app, ["status", "--lang", "en"]).stdout
    assert "now (recorded to 2024-01-10; pace judged at 2023-12-31)" in english, english


# ---------------------------------------------------------------- 3. a relative cache folder


def _files_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def test_a_relative_cache_folder_is_ignored_and_nothing_lands_beside_the_plan(
    runner: CliRunner, tmp_path: Path, monkeypatch: Any
) -> None:
    """QUANHU_PLAN_CACHE=cache (or XDG_CACHE_HOME=.cache) was taken from the current folder: the
    cache landed beside the plan, into its git or its mail. A relative path is ignored, as the
    XDG spec says of its variables: the default folder is used."""
    plans, home = tmp_path / "台账", tmp_path / "home"
    plans.mkdir()
    home.mkdir()
    plan = write_plan(plans / "plan.toml", SMALL_PLAN)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(plans)
    for variables in (
        {"QUANHU_PLAN_CACHE": "cache"},
        {"QUANHU_PLAN_CACHE": "./.cache"},
        {"QUANHU_PLAN_CACHE": "", "XDG_CACHE_HOME": ".cache"},
    ):
        monkeypatch.delenv("QUANHU_PLAN_CACHE")
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
        for name, value in variables.items():
            if value:
                monkeypatch.setenv(name, value)
        for command in (["status"], ["note", "1.1", "已开工", "--on", "2023-03-01"], ["list"]):
            result = runner.invoke(app, ["-f", str(plan), *command])
            assert result.exit_code == 0, result.output
        assert _files_under(plans) == {"plan.toml"}, (variables, _files_under(plans))
        assert any((home / ".cache" / "quanhu-plan").iterdir()), variables  # the default's
        shutil.rmtree(home / ".cache")


def test_an_absolute_cache_folder_is_still_used(
    runner: CliRunner, tmp_path: Path, monkeypatch: Any
) -> None:
    plan = write_plan(tmp_path / "plan.toml", SMALL_PLAN)
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "my-cache"))
    assert runner.invoke(app, ["-f", str(plan), "status"]).exit_code == 0
    assert any((tmp_path / "my-cache").iterdir())


# ---------------------------------------------------------------- 4. the layout bound to its entry


def test_the_layout_kept_with_an_entry_is_taken_and_a_planted_one_is_not(
    runner: CliRunner, plan_file: Path, clock: Any
) -> None:
    """The layout (.blocks) is taken only where the entry's token says one was kept with it and
    gives its CRC-32: one planted with the token and a right CRC of its own is not (the text
    of tests/test_attack_s28E.py's multi-line string is where following one wrote the wrong
    place)."""
    import zlib
    from _pickle import loads
    from array import array

    from quanhu_plan.store.cache_files import stored_layout

    write_plan(plan_file, SMALL_PLAN)
    assert runner.invoke(app, ["status"]).exit_code == 0
    assert runner.invoke(app, ["note", "1.1", "开工", "--on", "2023-03-01"]).exit_code == 0
    (entry,) = (plan_file.parent / "cache").glob("*.pickle")
    token = loads(entry.read_bytes())[3]
    kept = stored_layout(entry, token)
    assert kept is not None  # kept by the change, and taken
    blocks = entry.with_suffix(".blocks")
    planted = array("q", [0, *kept]).tobytes()
    blocks.write_bytes(token + zlib.crc32(planted).to_bytes(4, "little") + planted)
    assert stored_layout(entry, token) is None


# ---------------------------------------------------------------- 5. a unit glued to the number


def _sheet(path: Path, rows: list[list[Any]]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_an_imported_target_in_sessions_keeps_its_unit_whole(
    runner: CliRunner, isolated: Path
) -> None:
    """12场次 was read as 12 场 with 次 left as words (10批次: 批), so that plan record 8场次
    was then refused: 单位是“场次”，而计量单位是“场”. A measure word and 次 is the unit."""
    table = _sheet(
        isolated.parent / "表.xlsx",
        [
            ["泉湖镇2023年重点工作推进表"],
            ["序号", "工作任务", "目标值", "完成值"],
            [1, "开展培训", "12场次", "8场次"],
            [2, "招商引资", "3.5万元", "2万元"],
            [3, "建设公厕", "完成10个", "完成5个"],
            [4, "巡河", "10批次", "3批次"],
            [5, "义诊", "服务500人次", "200人次"],
        ],
    )
    result = runner.invoke(app, ["import", str(table), "-o", "plan.toml"])
    assert result.exit_code == 0, result.output
    items = _items(isolated)
    said = {
        i: (t.get("target"), t.get("measure"), t.get("target_text"), t.get("actual"))
        for i, t in items.items()
    }
    assert said["1"] == (12, "场次", None, 8)
    assert said["2"] == (3.5, "万元", None, 2)
    assert said["3"] == (10, "个", "完成10个", 5)
    assert said["4"] == (10, "批次", None, 3)
    assert said["5"] == (500, "人次", "服务500人次", 200)
    # ...and plan record takes a figure in that unit, as the import did
    result = runner.invoke(app, ["record", "1", "9场次", "--on", "2023-03-01"])
    assert result.exit_code == 0, result.output
    assert _items(isolated)["1"]["actual"] == 9


def test_add_target_and_record_split_the_number_from_its_unit(
    runner: CliRunner, plan_file: Path, clock: Any
) -> None:
    write_plan(plan_file, SMALL_PLAN)
    for title, typed in (("培训", "12场次"), ("招商", "3.5万元"), ("公厕", "完成10个")):
        result = runner.invoke(app, ["add", "1", title, "--target", typed, "--on", "2023-02-01"])
        assert result.exit_code == 0, result.output
    items = _items(plan_file)
    assert (items["1.2"]["target"], items["1.2"]["measure"]) == (12, "场次")
    assert "target_text" not in items["1.2"]  # (the number and its unit alone)
    assert (items["1.3"]["target"], items["1.3"]["measure"]) == (3.5, "万元")
    assert (items["1.4"]["target"], items["1.4"]["measure"]) == (10, "个")
    assert items["1.4"]["target_text"] == "完成10个"
    # A figure recorded as an office writes it: 8场次, 2万元, 完成5个 (done so many).
    for task, typed, figure in (("1.2", "8场次", 8), ("1.3", "2万元", 2), ("1.4", "完成5个", 5)):
        result = runner.invoke(app, ["record", task, typed, "--on", "2023-03-01"])
        assert result.exit_code == 0, result.output
        assert _items(plan_file)[task]["actual"] == figure
    # Another unit is refused, naming the argument and the unit to write.
    before = plan_file.read_bytes()
    result = runner.invoke(app, ["record", "1.2", "9个", "--on", "2023-03-02"])
    assert result.exit_code == 2  # (a value the argument does not take)
    assert "“9个”的单位是“个”" in result.output and "“场次”" in result.output, result.output
    assert "Traceback" not in result.output
    assert plan_file.read_bytes() == before


# ---------------------------------------------------------------- 6. a --due the reader does not know


def test_edit_due_in_unknown_words_says_the_way_out(
    runner: CliRunner, plan_file: Path, clock: Any
) -> None:
    """plan edit --due 下月底 listed the dates, months and quarters, but not that a limit from
    --start (15个工作日内) is taken, nor that words of no deadline (长期坚持) are kept as words:
    the way out for a task with none. One paragraph, in Chinese and in English."""
    write_plan(plan_file, SMALL_PLAN)
    before = plan_file.read_bytes()
    result = runner.invoke(app, ["edit", "1.1", "--due", "下月底"])
    assert result.exit_code == 2
    message = result.output.strip()
    assert "\n" not in message and "Traceback" not in message, message
    assert "“下月底”" in message and "2023-06-30" in message and "6月底" in message
    assert "15个工作日内" in message and "--start" in message
    assert "长期坚持" in message and "原文" in message
    assert "具体" in message  # (下月底: relative to today, write the day or month it means)
    assert plan_file.read_bytes() == before
    result = runner.invoke(app, ["edit", "1.1", "--due", "下月底", "--lang", "en"])
    assert result.exit_code == 2
    message = result.output.strip()
    assert "\n" not in message, message
    assert "'下月底'" in message and "15个工作日内" in message and "长期坚持" in message
    assert "kept as words" in message, message
    # plan add says the same; a start (--start) is no deadline and is not told of deadline words.
    result = runner.invoke(app, ["add", "1", "新任务", "--due", "尽快"])
    assert result.exit_code == 2 and "长期坚持" in result.output, result.output
    result = runner.invoke(app, ["edit", "1.1", "--start", "下月初"])
    assert result.exit_code == 2 and "长期坚持" not in result.output, result.output
    # and the words it names are taken as it says
    result = runner.invoke(app, ["edit", "1.1", "--due", "长期坚持"])
    assert result.exit_code == 0, result.output
    assert _items(plan_file)["1.1"]["完成时限原文"] == "长期坚持"
