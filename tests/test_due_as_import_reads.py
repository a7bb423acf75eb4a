"""``--due`` reads a deadline in every form ``plan import`` reads it in (2023年度, 本年度, 年终,
8月中旬…): an office that typed it in its 台账 types it so at the terminal too. Earlier,
``plan edit 5.1 --due 2023年度`` was refused while the same cell imported."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.importing.dates import read_text

runner = CliRunner()


def _due_of(path: Path, item_id: str):
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    return next(item for item in doc["item"] if item["id"] == item_id).get("due")


@pytest.mark.parametrize("typed", ["2023年度", "2023年", "本年度", "年终", "本年度内", "当年"])
def test_the_years_words_an_import_reads_are_the_years_end(town_plan, typed):
    assert read_text(typed, 2023) == (dt.date(2023, 12, 31), None)  # as plan import reads it
    result = runner.invoke(app, ["edit", "5.1", "--due", typed])
    assert result.exit_code == 0, result.output
    assert _due_of(town_plan, "5.1") == dt.date(2023, 12, 31)


def test_a_part_of_a_month_an_import_reads_is_read_as_it_reads_it(town_plan):
    wanted, _ = read_text("8月中旬", 2023)
    assert isinstance(wanted, dt.date) and wanted.month == 8
    result = runner.invoke(app, ["edit", "5.1", "--due", "8月中旬"])
    assert result.exit_code == 0, result.output
    assert _due_of(town_plan, "5.1") == wanted


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("3月至6月", "不是日期、月份或季度"),  # a range: a start and a deadline, not one deadline
        # (每月底, recurring, is read as its last time: tests/test_review_s32H.py)
        # (常态化, no deadline, is kept as the words: tests/test_leftovers_s28D.py)
        ("年前", "不是日期、月份或季度"),  # before the Spring Festival, or the year's end
    ],
)
def test_what_is_no_single_deadline_is_still_refused_and_nothing_written(town_plan, typed, said):
    before = town_plan.read_bytes()
    result = runner.invoke(app, ["edit", "5.1", "--due", typed])
    assert result.exit_code != 0, result.output
    assert said in result.output, result.output
    assert town_plan.read_bytes() == before


def test_a_start_is_not_read_as_a_deadline(town_plan):
    before = town_plan.read_bytes()
    result = runner.invoke(app, ["edit", "5.1", "--start", "2023年度"])
    assert result.exit_code != 0, result.output
    assert town_plan.read_bytes() == before
