"""Session 25 (J): report wording leftovers (two brackets back to back, a target with its
own comma in a list) and a campaign that is not a calendar year."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan


def run(*args: str) -> Any:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


DONE_WITHOUT_FIGURE = [
    {"id": "1", "title": "乡村振兴"},
    {
        "id": "1.1",
        "title": "改造农村公厕",
        "measure": "座",
        "target": 12,
        "status": "done",
        "done_on": dt.date(2023, 10, 28),
    },
]


def test_no_figure_and_the_done_date_share_one_bracket(tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "plan.toml", DONE_WITHOUT_FIGURE)
    out = run("-f", str(plan), "report", "--format", "txt").stdout
    assert "（未记录完成值）（" not in out
    assert "（未记录完成值，2023年10月28日完成）" in out


def test_no_figure_and_the_done_date_share_one_bracket_in_english(tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "plan.toml", DONE_WITHOUT_FIGURE, lang="en")
    out = run("-f", str(plan), "report", "--format", "txt").stdout
    assert "recorded) (done" not in out
    assert "(no actual figure recorded; done 2023-10-28)" in out


# ---------------------------------------------------------------- a 秋冬季 campaign


def _workbook(path: Path, title: str, dues: list[Any]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([title])
    sheet.append(["序号", "工作任务", "牵头单位", "完成时限"])
    for n, due in enumerate(dues, 1):
        sheet.append([n, f"任务{n}", "农业农村办", due])
    book.save(path)
    return path


def _period(path: Path) -> tuple[Any, Any, Any]:
    import tomllib

    plan = tomllib.loads(path.read_text(encoding="utf-8"))["plan"]
    return plan["year"], plan.get("start"), plan.get("end")


AUTUMN_DUES = ["2024年9月底前", "2024年12月底前", "2025年3月底前"]


def test_an_autumn_and_winter_campaign_runs_from_september_to_its_last_deadline(
    tmp_path: Path,
) -> None:
    table = _workbook(tmp_path / "t.xlsx", "镇罗镇2024年秋冬季“两大工程”任务分解表", AUTUMN_DUES)
    dry = run("import", str(table), "--dry-run")
    said = dry.stdout + dry.stderr
    assert "2024-09-01" in said and "2025-03-31" in said
    assert "plan header --start" in said  # how to change it
    out = tmp_path / "plan.toml"
    run("import", str(table), "-o", str(out))
    assert _period(out) == (2024, dt.date(2024, 9, 1), dt.date(2025, 3, 31))


def test_a_title_stating_its_months_gives_the_period(tmp_path: Path) -> None:
    table = _workbook(
        tmp_path / "t.xlsx", "某镇2024年9月至2025年3月重点工作任务分解表", AUTUMN_DUES
    )
    out = tmp_path / "plan.toml"
    run("import", str(table), "-o", str(out))
    assert _period(out) == (2024, dt.date(2024, 9, 1), dt.date(2025, 3, 31))


def test_a_two_year_title_takes_its_deadlines(tmp_path: Path) -> None:
    table = _workbook(tmp_path / "t.xlsx", "某镇2024—2025年度冬春季任务分解表", AUTUMN_DUES)
    out = tmp_path / "plan.toml"
    run("import", str(table), "-o", str(out))
    assert _period(out) == (2024, dt.date(2024, 9, 1), dt.date(2025, 3, 31))


def test_deadlines_running_past_the_year_move_its_end(tmp_path: Path) -> None:
    table = _workbook(tmp_path / "t.xlsx", "某镇2024年“两大工程”任务分解表", AUTUMN_DUES)
    out = tmp_path / "plan.toml"
    result = run("import", str(table), "-o", str(out))
    assert _period(out) == (2024, dt.date(2024, 9, 1), dt.date(2025, 3, 31))
    assert "plan header" in result.stdout + result.stderr


def _imported_as_the_calendar_year_2024(tmp_path: Path, title: str) -> None:
    table = _workbook(tmp_path / "t.xlsx", title, ["2024年3月底前", "2024年12月底前"])
    out = tmp_path / "plan.toml"
    run("import", str(table), "-o", str(out))
    year, start, end = _period(out)
    assert (
        year == 2024
        and start in (None, dt.date(2024, 1, 1))
        and end in (None, dt.date(2024, 12, 31))
    )


def test_a_calendar_year_table_stays_the_calendar_year(tmp_path: Path) -> None:
    _imported_as_the_calendar_year_2024(tmp_path, "某镇2024年重点工作任务分解表")


def test_a_year_of_deadlines_past_a_year_is_not_guessed(tmp_path: Path) -> None:
    table = _workbook(
        tmp_path / "t.xlsx", "某镇2024年任务分解表", ["2024年2月底前", "2025年3月底前"]
    )
    out = tmp_path / "plan.toml"
    run("import", str(table), "-o", str(out))
    year, start, end = _period(out)
    assert start in (None, dt.date(2024, 1, 1)) and end in (None, dt.date(2024, 12, 31))


# ---------------------------------------------------------------- a target with its own comma

OWN_COMMA = [
    {"id": "1", "title": "文旅"},
    {
        "id": "1.1",
        "title": "发展民宿",
        "target_text": "新增民宿3家，创建金宿1家",
        "status": "done",
        "done_on": dt.date(2023, 10, 28),
    },
    {
        "id": "1.2",
        "title": "发展农家乐",
        "target_text": "新增农家乐2家, 创建星级1家",
        "progress": 40,
        "due": dt.date(2023, 6, 30),
    },
]


def test_a_target_with_its_own_comma_is_quoted_in_the_reports_sentences(tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "plan.toml", OWN_COMMA)
    out = run("-f", str(plan), "report", "--format", "md").stdout
    assert "发展民宿，目标“新增民宿3家，创建金宿1家”（未记录完成值，2023年10月28日完成）" in out
    assert "目标“新增农家乐2家, 创建星级1家”" in out
    assert "| 新增民宿3家，创建金宿1家/— |" in out  # the ledger's cell is as written


def test_a_target_with_its_own_comma_is_quoted_in_english(tmp_path: Path) -> None:
    plan = write_plan(tmp_path / "plan.toml", OWN_COMMA, lang="en")
    out = run("-f", str(plan), "report", "--format", "md").stdout
    assert 'target "新增民宿3家，创建金宿1家"' in out


# ---------------------------------------------------------------- a corrected period


def _campaign_plan(path: Path) -> Path:
    path.write_text(
        '[plan]\ntitle = "镇罗镇2024年秋冬季任务"\norganisation = "镇罗镇人民政府"\nyear = 2024\n'
        'lang = "zh"\n\n[[item]]\nid = "1"\ntitle = "修塘"\ndue = 2025-03-31\nprogress = 10\n',
        encoding="utf-8",
    )
    return path


def test_a_corrected_period_applies_to_every_day_as_a_hand_edit_does(tmp_path: Path) -> None:
    typed = _campaign_plan(tmp_path / "typed.toml")
    run("-f", str(typed), "header", "--start", "2024-09-01", "--end", "2025-03-31")
    hand = _campaign_plan(tmp_path / "hand.toml")
    text = hand.read_text(encoding="utf-8")
    hand.write_text(
        text.replace("year = 2024\n", "year = 2024\nstart = 2024-09-01\nend = 2025-03-31\n"),
        encoding="utf-8",
    )
    for args in (("show", "1"), ("status",), ("report", "--format", "txt")):
        by_header = run("-f", str(typed), *args, "--as-of", "2024-10-31").stdout
        by_hand = run("-f", str(hand), *args, "--as-of", "2024-10-31").stdout
        assert by_header == by_hand
    assert "28%" in run("-f", str(typed), "show", "1", "--as-of", "2024-10-31").stdout
    log = run("-f", str(typed), "log").stdout  # who corrected it, and when, still said
    assert "2024-09-01" in log


def test_months_within_one_year_in_a_title_are_what_it_reports_on(tmp_path: Path) -> None:
    _imported_as_the_calendar_year_2024(tmp_path, "某镇2024年1月至6月重点工作推进情况")


def test_the_chosen_period_is_said_in_english_too(tmp_path: Path) -> None:
    table = _workbook(tmp_path / "t.xlsx", "镇罗镇2024年秋冬季“两大工程”任务分解表", AUTUMN_DUES)
    dry = run("--lang", "en", "import", str(table), "--dry-run")
    said = dry.stdout + dry.stderr
    assert "The plan's period is 2024-09-01 to 2025-03-31" in said
    assert "header --start 2024-09-01 --end 2025-03-31" in said
