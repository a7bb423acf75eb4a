"""Session 25 (L): adversarial review of the campaign period (import) and the header replay."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .test_campaign_s25j import AUTUMN_DUES, _period, _workbook


def run(*args: str) -> Any:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def _imported(tmp_path: Path, title: str, dues: list[Any]) -> tuple[Any, list[Any], str]:
    """The period a table imports as, its items' deadlines and what the import said."""
    table = _workbook(tmp_path / "t.xlsx", title, dues)
    out = tmp_path / "plan.toml"
    said = run("import", str(table), "-o", str(out)).output
    items = tomllib.loads(out.read_text(encoding="utf-8"))["item"]
    return _period(out), [item.get("due") for item in items], said


CAMPAIGN = (2024, dt.date(2024, 9, 1), dt.date(2025, 3, 31))


def test_a_document_number_in_the_title_is_not_the_plans_year(tmp_path: Path) -> None:
    # 镇委发〔2023〕15号 is when the notice was numbered, not the campaign's year: the plan is
    # the 2024 秋冬季 its deadlines give, not 2023 with every deadline after its end.
    title = "关于印发《镇罗镇秋冬季“两大工程”任务分解表》的通知（镇委发〔2023〕15号）"
    period, _, said = _imported(tmp_path, title, AUTUMN_DUES)
    assert period == CAMPAIGN, said
    assert "晚于计划结束" not in said


def test_a_span_of_years_before_the_campaigns_own_year_is_not_its_year(tmp_path: Path) -> None:
    # 2024—2026年 is the three-year action's span; the table is its 2024年秋冬季 part, not 2026.
    title = "镇罗镇2024—2026年三年行动2024年秋冬季任务分解表"
    period, _, said = _imported(tmp_path, title, AUTUMN_DUES)
    assert period == CAMPAIGN, said


def _campaign_plan(path: Path, period: str = "start = 2024-09-01\nend = 2025-03-31\n") -> Path:
    """A 镇罗镇2024年秋冬季 plan, its period corrected (or, given "", the calendar year)."""
    path.write_text(
        '[plan]\ntitle = "镇罗镇2024年秋冬季“两大工程”任务"\norganisation = "镇罗镇人民政府"\n'
        f'year = 2024\n{period}lang = "zh"\n\n[[item]]\nid = "1"\ntitle = "修塘"\n'
        "due = 2025-03-31\nprogress = 10\n",
        encoding="utf-8",
    )
    return path


def test_a_campaign_is_followed_by_the_next_one(tmp_path: Path) -> None:
    # plan new after a corrected 秋冬季 period: the next campaign, 2025-09-01..2026-03-31.
    plan = _campaign_plan(tmp_path / "plan.toml")
    new = tmp_path / "next.toml"
    run("-f", str(plan), "new", "2025", "--carry", "-o", str(new))
    assert _period(new) == (2025, dt.date(2025, 9, 1), dt.date(2026, 3, 31))
    assert "镇罗镇2025年秋冬季“两大工程”任务" in new.read_text(encoding="utf-8")


def test_an_undone_period_correction_is_undone_on_every_day(tmp_path: Path) -> None:
    plan = _campaign_plan(tmp_path / "plan.toml", period="")
    calendar = run("-f", str(plan), "show", "1", "--as-of", "2024-10-31").stdout
    run("-f", str(plan), "header", "--start", "2024-09-01", "--end", "2025-03-31")
    assert "28%" in run("-f", str(plan), "show", "1", "--as-of", "2024-10-31").stdout
    run("-f", str(plan), "undo")
    assert run("-f", str(plan), "show", "1", "--as-of", "2024-10-31").stdout == calendar


def test_a_campaigns_report_names_its_season_as_its_title_does(tmp_path: Path) -> None:
    # Not 镇罗镇2024年9月—2025年3月工作计划…, months the title does not write: its 2024年秋冬季,
    # and what is left goes into the next one, 2025年秋冬季.
    plan = _campaign_plan(tmp_path / "plan.toml")
    out = run("-f", str(plan), "report", "--format", "txt", "--as-of", "2025-03-31").stdout
    assert "镇罗镇2024年秋冬季工作计划完成情况总结" in out, out
    assert "结转2025年秋冬季继续推进" in out, out
    english = run("-f", str(plan), "--lang", "en", "report", "--format", "txt").stdout
    assert "September 2024 – March 2025" in english  # (English: by its months, as before)


def test_a_seasons_deadlines_without_years_run_into_the_next_spring(tmp_path: Path) -> None:
    # 10月底前, 12月底前, 3月底前 in a 2024年秋冬季 table: the 3月 is March 2025, the campaign's
    # end, not March 2024, before the campaign began (imported as such without a word).
    dues = ["10月底前", "12月底前", "3月底前"]
    period, read, said = _imported(tmp_path, "镇罗镇2024年秋冬季任务分解表", dues)
    assert period == CAMPAIGN, said
    assert read == ["2024-10", "2024-12", "2025-03"]
    assert "plan header --start 2024-09-01" in said


def test_a_seasons_deadlines_within_the_year_leave_the_calendar_year(tmp_path: Path) -> None:
    period, _, _ = _imported(tmp_path, "镇罗镇2024年秋冬季任务分解表", ["10月底前", "12月底前"])
    assert period == (2024, dt.date(2024, 1, 1), dt.date(2024, 12, 31))


def test_next_years_month_is_read(tmp_path: Path) -> None:
    # 次年4月底前 (明年, 翌年), as a 冬春季 table writes its spring, was a cell it could not read
    # (nothing imported).
    dues = ["11月底前", "12月底前", "次年4月底前", "明年3月"]
    period, read, said = _imported(tmp_path, "镇罗镇2024年冬春季农田水利建设任务", dues)
    assert period == (2024, dt.date(2024, 11, 1), dt.date(2025, 4, 30)), said
    assert read == ["2024-11", "2024-12", "2025-04", "2025-03"]


def test_next_years_month_runs_a_plain_titles_campaign_into_the_next_year(tmp_path: Path) -> None:
    dues = ["2024年9月底前", "次年3月底前"]
    period, _, said = _imported(tmp_path, "某镇2024年“两大工程”任务分解表", dues)
    assert period == CAMPAIGN, said


def test_a_season_without_a_year_starts_in_the_year_before_its_spring(tmp_path: Path) -> None:
    # No year in the title, only the spring deadline's: 2025年3月底前 ends the 2024 秋冬季, the
    # plan is not the calendar 2025 (with 9月底前 read as 2025-09, after the campaign).
    dues = ["9月底前", "12月底前", "2025年3月底前"]
    period, _, said = _imported(tmp_path, "镇罗镇秋冬季任务分解表", dues)
    assert period == CAMPAIGN, said


def test_an_english_autumn_and_winter_campaign(tmp_path: Path) -> None:
    # An English table: its season and its deadlines in words (end of March 2025) were not
    # read for the period, so the campaign was the calendar 2024 with March 2025 past its end.
    dues = ["end of September", "end of 2024", "end of March 2025"]
    title = "Zhenluo Town 2024 Autumn and Winter Campaign Tasks"
    period, read, said = _imported(tmp_path, title, dues)
    assert period == CAMPAIGN, said
    assert read[-1] == "2025-03"
