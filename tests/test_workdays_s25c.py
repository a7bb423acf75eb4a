"""[plan.workdays] (session 25, task C): an office's own days add to the public calendar.

One day off of its own in a year without a State Council notice here (a 三月三 in 2027) made the
year "known": its public holidays were counted as 工作日 and nothing said so. A plan now says
it typed a year's whole notice in (``notice_years = [2027]``). And ``plan new`` copied last
year's days into next year's plan: it keeps those of the new period alone."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.merging.sides import MISSING
from quanhu_plan.merging.workdays import merged_workdays


def _with_workdays(path: Path, table: str) -> None:
    text = path.read_text("utf-8").replace("\n[[item]]", f"\n[plan.workdays]\n{table}\n[[item]]", 1)
    path.write_text(text, "utf-8")


def _plan_of(path: Path, year: int, **meta: Any) -> Path:
    from .conftest import write_plan

    return write_plan(
        path,
        [{"id": "1", "title": "督查督办事项"}],
        title=f"测试镇{year}年工作计划",
        year=year,
        start=meta.pop("start", dt.date(year, 1, 1)),
        end=meta.pop("end", dt.date(year, 12, 31)),
        **meta,
    )


def test_an_own_day_off_does_not_make_a_year_without_its_notice_known(
    runner: CliRunner, isolated: Path
) -> None:
    """2027's notice is not in this version. A plan naming one day off of its own in 2027 (a
    三月三) counted 2027 as known: its 国庆 counted as 工作日 and nothing said so. Now the day
    off is counted besides, and the missing notice is still said, until the plan names 2027 in
    notice_years (its days are then the year's whole notice)."""
    _plan_of(isolated, 2027)
    _with_workdays(isolated, "off = [2027-04-09]\n")
    result = runner.invoke(
        app, ["add", "1", "整改问题", "--start", "2027-04-07", "--due", "3个工作日内"]
    )
    assert result.exit_code == 0, result.output
    assert "本版本没有 2027 年的节假日安排" in result.output, result.output
    assert "notice_years" in result.output, result.output
    item = tomllib_items(isolated)["1.1"]
    assert str(item["due"]) == "2027-04-13"  # Thursday 8, (Friday 9 off), Monday 12, Tuesday 13
    english = runner.invoke(app, ["--lang", "en", "edit", "1.1", "--due", "4个工作日内"])
    assert english.exit_code == 0, english.output
    assert "no State Council holiday notice for 2027" in english.output, english.output
    assert "notice_years" in english.output, english.output
    text = isolated.read_text("utf-8").replace(
        "off = [2027-04-09]", "off = [2027-04-09]\nnotice_years = [2027]"
    )
    isolated.write_text(text, "utf-8")
    typed = runner.invoke(
        app, ["add", "1", "再整改", "--start", "2027-04-07", "--due", "3个工作日内"]
    )
    assert typed.exit_code == 0 and "节假日安排" not in typed.output, typed.output
    assert runner.invoke(app, ["check"]).exit_code == 0


def test_notice_years_that_are_not_years_are_named_with_the_fix(
    runner: CliRunner, isolated: Path
) -> None:
    _plan_of(isolated, 2027)
    _with_workdays(isolated, 'notice_years = ["2027年"]\n')
    checked = runner.invoke(app, ["check"])
    assert checked.exit_code == 1, checked.output
    assert "notice_years = [2027]" in checked.output and "Traceback" not in checked.output


def test_plan_new_keeps_only_the_workdays_of_the_new_period(
    runner: CliRunner, isolated: Path
) -> None:
    """plan new copied last year's [plan.workdays] whole: days of the old year in the new plan.
    Now only days on or after the new start, and notice years from its year on, come along;
    with none left there is no table."""
    _plan_of(isolated, 2025)
    _with_workdays(
        isolated,
        "off = [2025-03-31, 2026-04-20]\nworked = [2025-04-06]\nnotice_years = [2025, 2027]\n",
    )
    out = isolated.parent / "plan-2026.toml"
    result = runner.invoke(app, ["new", "2026", "-o", str(out)])
    assert result.exit_code == 0, result.output
    meta = tomllib.loads(out.read_text("utf-8"))["plan"]
    assert meta["workdays"] == {"off": [dt.date(2026, 4, 20)], "notice_years": [2027]}
    again = isolated.parent / "plan-2028.toml"
    result = runner.invoke(app, ["new", "2028", "-o", str(again)])
    assert result.exit_code == 0, result.output
    assert "workdays" not in tomllib.loads(again.read_text("utf-8"))["plan"]


def test_plan_new_of_a_july_year_keeps_the_days_from_its_july(
    runner: CliRunner, isolated: Path
) -> None:
    _plan_of(isolated, 2023, start=dt.date(2023, 7, 1), end=dt.date(2024, 6, 30))
    _with_workdays(isolated, "off = [2024-04-11, 2024-10-08]\n")
    out = isolated.parent / "next.toml"
    result = runner.invoke(app, ["new", "2024", "-o", str(out)])
    assert result.exit_code == 0, result.output
    meta = tomllib.loads(out.read_text("utf-8"))["plan"]
    assert meta["start"] == dt.date(2024, 7, 1), meta
    assert meta["workdays"] == {"off": [dt.date(2024, 10, 8)]}


def tomllib_items(path: Path) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in tomllib.loads(path.read_text("utf-8"))["item"]}


def test_notice_years_merge_year_by_year() -> None:
    base = {"off": [dt.date(2027, 4, 9)]}
    ours = {**base, "notice_years": [2027]}
    theirs = {"off": [dt.date(2027, 4, 9), dt.date(2027, 4, 12)]}
    assert merged_workdays(base, ours, theirs) == {
        "off": [dt.date(2027, 4, 9), dt.date(2027, 4, 12)],
        "notice_years": [2027],
    }
    assert merged_workdays(MISSING, {"notice_years": [True]}, MISSING) is None
