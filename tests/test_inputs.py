"""Forgiving input: dates, deadlines, ids and numbers typed the way offices write them are taken
(and written to the plan as the file keeps them); ambiguous or impossible ones are refused with
exit 2, a message that lists the forms that work, and nothing written."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan.cli import app
from quanhu_plan.inputs import InputError, plan_year, read_date, read_id, read_period
from quanhu_plan.typed_numbers import read_number

from .conftest import SMALL_ITEMS, write_plan

TODAY = dt.date.today()
PLAN_2023 = plan_year(2023, dt.date(2023, 1, 1), dt.date(2023, 12, 31))
FULL_WIDTH = str.maketrans("0123456789-/.%,", "０１２３４５６７８９－／．％，")


def run(*args: str, code: int = 0) -> Any:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result


def item(path: Path, item_id: str) -> dict[str, Any]:
    items = tomllib.loads(path.read_text(encoding="utf-8"))["item"]
    return next(table for table in items if table["id"] == item_id)


def refused(plan: Path, *args: str) -> str:
    """Run a command that must be refused as a usage error, leaving the file as it was."""
    before = plan.read_bytes()
    result = run(*args, code=2)
    assert plan.read_bytes() == before
    return result.output


# ---------------------------------------------------------------- dates


DAYS_TYPED = [
    "2023-06-30",
    "2023-6-30",
    "2023/6/30",
    "2023.6.30",
    "20230630",
    "2023年6月30日",
    "2023年6月30号",
    "2023 年 6 月 30 日",
    "6月30日",
    "6-30",
    "六月三十日",
    "２０２３－０６－３０",
    "２０２３／６／３０",
    "６月３０日",
    "2023–06–30",  # an en dash from a word processor
]


@pytest.mark.parametrize("typed", DAYS_TYPED)
def test_done_on_takes_every_form_of_a_day_offices_type(small_plan, typed):
    run("done", "1.3", "--on", typed)
    assert item(small_plan, "1.3")["done_on"] == dt.date(2023, 6, 30)


@pytest.mark.parametrize(
    ("typed", "days_ago"),
    [("今天", 0), ("today", 0), ("Today", 0), ("昨天", 1), ("yesterday", 1), ("前天", 2)],
)
def test_today_and_yesterday_are_days_counted_from_today(small_plan, typed, days_ago):
    before = dt.date.today()  # (a run across midnight: either day the command may have seen)
    run("note", "1.3", "已开工", "--on", typed)
    on = item(small_plan, "1.3")["log"][-1]["on"]
    assert on in {day - dt.timedelta(days=days_ago) for day in (before, dt.date.today())}


def test_a_day_without_a_year_is_in_the_plans_year_not_this_year(small_plan):
    # The small plan is 2023's; whatever year it is now, 6月30日 is the plan's 30 June.
    result = run("status", "--as-of", "6月30日")
    assert "截至 2023-06-30" in result.output
    run("log", "--since", "3-1", "--until", "３月１日")  # --since/--until take them too


@pytest.mark.parametrize("with_year", [True, False])
def test_a_plan_across_the_new_year_puts_a_day_without_a_year_inside_its_period(
    plan_file, with_year
):
    write_plan(
        plan_file,
        [{"id": "1", "title": "修塘"}, {"id": "2", "title": "修路"}],
        start=dt.date(2023, 7, 1),
        end=dt.date(2024, 6, 30),
    )
    if not with_year:
        text = plan_file.read_text(encoding="utf-8").replace("year = 2023\n", "")
        plan_file.write_text(text, encoding="utf-8")
    run("done", "1", "--on", "3月1日")
    run("done", "2", "--on", "9-1")
    assert item(plan_file, "1")["done_on"] == dt.date(2024, 3, 1)
    assert item(plan_file, "2")["done_on"] == dt.date(2023, 9, 1)


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("6/7", "“6/7”没有年份，也可能是7月6日"),
        ("6.30", "“6.30”没有年份"),
        ("30/6/2023", "请把四位年份写在前面"),
        ("23-6-30", "请把四位年份写在前面"),
        ("2023-2-30", "不是有效日期：2023年2月没有 30 日"),
        ("2-29", "2023年2月没有 29 日"),
        ("13月1日", "没有 13 月"),
        ("1800-01-01", "年份 1800 不在 1900 到 2999 之间"),
        ("周一", "“周一”没有说是哪一周的"),  # 上周一, 下周一 are read (test_arguments_s34G)
        ("下下周一", "“下下周一”不是日期"),
        ("2023-06", "“2023-06”不是日期"),  # a month is no day for --on
    ],
)
def test_an_ambiguous_or_impossible_day_is_refused_with_the_forms_that_work(small_plan, typed, why):
    output = refused(small_plan, "done", "1.3", "--on", typed)
    assert why in output
    assert "可以写：2023-06-30、2023/6/30、2023.6.30、20230630、2023年6月30日" in output
    assert "6月30日、6-30" in output and "今天" in output


def test_a_refused_day_is_explained_in_english_for_an_english_run(small_plan):
    output = refused(small_plan, "--lang", "en", "done", "1.3", "--on", "6/7")
    assert "'6/7' has no year (it could be month 7 day 6 too)" in output
    assert "Write 2023-06-30, 2023/6/30" in output and "不是" not in output


def test_as_of_refuses_an_ambiguous_day_before_reading_anything(small_plan):
    output = refused(small_plan, "report", "--as-of", "6/7")
    assert "--as-of" in output and "没有年份" in output


# ---------------------------------------------------------------- deadlines and starts


@pytest.mark.parametrize(
    ("option", "typed", "written"),
    [
        ("--due", "2023年6月", "2023-06"),
        ("--due", "2023/6", "2023-06"),
        ("--due", "2023.10", "2023-10"),
        ("--due", "6月", "2023-06"),
        ("--due", "６月", "2023-06"),
        ("--due", "6月底", "2023-06"),
        ("--due", "2023年二季度", "2023-Q2"),
        ("--due", "2023年第二季度", "2023-Q2"),
        ("--due", "二季度", "2023-Q2"),
        ("--due", "Q2", "2023-Q2"),
        ("--due", "2023 q2", "2023-Q2"),
        ("--due", "二季度末", "2023-Q2"),
        ("--due", "上半年", dt.date(2023, 6, 30)),
        ("--due", "下半年", dt.date(2023, 12, 31)),
        ("--due", "年底", dt.date(2023, 12, 31)),
        ("--due", "6月30日", dt.date(2023, 6, 30)),
        ("--due", "6月30日前", dt.date(2023, 6, 30)),
        ("--due", "2023年6月30日之前", dt.date(2023, 6, 30)),
        ("--due", "6月底前", "2023-06"),
        ("--due", "年底前", dt.date(2023, 12, 31)),
        ("--start", "3月", "2023-03"),
        ("--start", "一季度", "2023-Q1"),
        ("--start", "上半年", dt.date(2023, 1, 1)),
        ("--start", "下半年", dt.date(2023, 7, 1)),
        ("--start", "2023/3/1", dt.date(2023, 3, 1)),
    ],
)
def test_due_and_start_take_months_quarters_and_halves_as_offices_write_them(
    small_plan, option, typed, written
):
    run("edit", "2.3", option, typed)
    assert item(small_plan, "2.3")[option.removeprefix("--")] == written


def test_add_takes_the_same_forms(small_plan):
    run("add", "1", "修桥", "--due", "三季度", "--start", "7月")
    assert (item(small_plan, "1.4")["due"], item(small_plan, "1.4")["start"]) == (
        "2023-Q3",
        "2023-07",
    )


@pytest.mark.parametrize(
    ("option", "typed", "why"),
    [
        ("--due", "13月", "没有 13 月"),
        ("--due", "五季度", "“五季度”不是日期、月份或季度"),
        ("--due", "Q5", "“Q5”不是日期、月份或季度"),
        ("--due", "6/7", "没有年份"),
        ("--due", "6月前", "“6月前”看不出是这段时间开始之前还是结束之前"),
        ("--due", "二季度前", "看不出是这段时间开始之前还是结束之前"),
        ("--start", "6月底", "“6月底”是期限的说法"),
        ("--start", "年底", "是期限的说法"),
    ],
)
def test_a_bad_deadline_or_start_is_refused_with_the_forms_that_work(
    small_plan, option, typed, why
):
    output = refused(small_plan, "edit", "2.3", option, typed)
    assert why in output and "月份（如 2023-06、2023年6月、6月）" in output


def test_due_before_takes_a_half_year_as_the_day_it_begins(small_plan):
    listed = run("list", "--flat", "--due-before", "下半年").output  # before 1 July
    assert "修机耕道" in listed and "禁毒讲座" not in listed
    assert "修机耕道" not in run("list", "--flat", "--due-before", "２月").output


def test_import_on_takes_a_day_without_a_year_in_the_plans_year_and_says_it(tmp_path, plan_file):
    """(Session 25: refused before without --year.) A table naming no year: the year the
    import takes (this year, said as the deadlines' is), --on said back in it."""
    table = tmp_path / "表.csv"
    table.write_text("工作任务,进展情况\n修塘,已开工\n", encoding="utf-8")
    said = run("import", str(table), "--on", "3月15日", "-o", "guessed.toml").stderr
    assert f"--on 3月15日 读作 {TODAY.year}-03-15" in said and "--year" in said
    run("import", str(table), "--year", "2023", "--on", "3月15日")
    assert item(plan_file, "1")["log"] == [{"on": dt.date(2023, 3, 15), "note": "已开工"}]


# ---------------------------------------------------------------- ids


@pytest.mark.parametrize("typed", ["１．３", "１.３", "1。3", " 1.3 "])
def test_an_id_typed_with_full_width_digits_or_dots_finds_the_item(small_plan, typed):
    run("done", typed, "--on", "2023-06-30")
    assert item(small_plan, "1.3")["status"] == "done"


def test_every_command_that_names_an_item_takes_a_full_width_id(small_plan):
    assert "修塘" in run("show", "１．１").output
    assert "禁毒讲座" in run("list", "--part", "２").output
    run("add", "２", "修桥")
    assert item(small_plan, "2.4")["title"] == "修桥"
    run("move", "２．４", "１")
    assert item(small_plan, "2.4")["parent"] == "1"
    assert "修桥" in run("log", "２．４").output


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("typed", "figure"),
    [
        ("35", 35),
        ("３５", 35),
        ("1,800", 1800),
        ("1，800", 1800),
        ("１，８００", 1800),
        ("35处", 35),
        ("35 处", 35),
        ("３５处", 35),
        ("12.5处", 12.5),
    ],
)
def test_record_takes_separators_full_width_digits_and_the_tasks_own_unit(
    small_plan, typed, figure
):
    run("record", "1.1", typed, "--yes")
    assert item(small_plan, "1.1")["actual"] == figure


@pytest.mark.parametrize("typed", ["95", "95%", "９５％", "95 %"])
def test_progress_takes_a_percent_sign(small_plan, typed):
    run("progress", "1.3", typed)
    assert item(small_plan, "1.3")["progress"] == 95


@pytest.mark.parametrize(
    ("args", "why"),
    [
        (["record", "1.1", "35个"], "“35个”的单位是“个”，而 1.1 修塘 的计量单位是“处”"),
        (["record", "1.3", "5亩"], "1.3 修机耕道 还没有计量单位"),
        (["progress", "1.3", "95亩"], "进度按百分比填写，“95亩”的单位却是“亩”"),
        (["edit", "1.1", "--target", "40米"], "而 1.1 修塘 的计量单位是“处”"),
        (["edit", "1.1", "--target", "40个", "--measure", "处"], "而计量单位是“处”"),
        (["add", "1", "修桥", "--target", "3万亩", "--baseline", "2亩"], "“2亩”的单位是“亩”"),
        (["edit", "1.1", "--weight", "2个"], "这里只填数字"),
    ],
)
def test_a_number_in_another_unit_is_refused_naming_both_units(small_plan, args, why):
    assert why in refused(small_plan, *args)


@pytest.mark.parametrize("typed", ["1,80", "3,3", "1 800", "亩", "三十五"])
def test_what_is_not_a_number_is_still_refused(small_plan, typed):
    assert "不是数字" in refused(small_plan, "record", "1.1", typed)


def test_a_unit_on_a_target_gives_an_item_without_a_measure_its_measure(small_plan):
    run("add", "1", "复垦", "--target", "3.3万亩", "--baseline", "3万亩")
    added = item(small_plan, "1.4")
    assert (added["target"], added["baseline"], added["measure"]) == (3.3, 3, "万亩")
    run("edit", "1.3", "--target", "1，800米")
    assert (item(small_plan, "1.3")["target"], item(small_plan, "1.3")["measure"]) == (1800, "米")
    run("edit", "1.1", "--target", "50处")  # the measure it has
    assert item(small_plan, "1.1")["target"] == 50


def test_an_english_run_names_both_units_in_english(small_plan):
    output = refused(small_plan, "--lang", "en", "record", "1.1", "35个")
    assert "'35个' is in 个, but 1.1 修塘 is measured in 处" in output


# ---------------------------------------------------------------- the parser itself


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31)))
def test_every_written_form_of_a_day_reads_back_as_that_day(day):
    y, m, d = day.year, day.month, day.day
    forms = [
        day.isoformat(),
        f"{y}-{m}-{d}",
        f"{y}/{m}/{d}",
        f"{y}.{m}.{d}",
        f"{y:04d}{m:02d}{d:02d}",
        f"{y}年{m}月{d}日",
        f" {y} 年 {m} 月 {d} 号 ",
        day.isoformat().translate(FULL_WIDTH),
    ]
    in_its_year = plan_year(y, dt.date(y, 1, 1), dt.date(y, 12, 31))
    forms_without_year = [f"{m}月{d}日", f"{m}-{d}", f"{m}月{d}日".translate(FULL_WIDTH)]
    for form in forms:
        assert read_date(form, TODAY, None) == day, form
    for form in forms_without_year:
        assert read_date(form, TODAY, in_its_year) == day, form


@given(st.integers(min_value=1, max_value=12), st.integers(min_value=1, max_value=12))
def test_a_slashed_day_without_a_year_is_never_guessed(month, day):
    with pytest.raises(InputError):
        read_date(f"{month}/{day}", TODAY, PLAN_2023)


@given(st.integers(min_value=1900, max_value=2999), st.integers(min_value=1, max_value=12))
def test_every_written_form_of_a_month_reads_as_the_files_month(year, month):
    written = f"{year:04d}-{month:02d}"
    for form in (f"{year}-{month}", f"{year}/{month}", f"{year}年{month}月", written):
        assert read_period(form, TODAY, None, "due") == written
    in_its_year = plan_year(year, dt.date(year, 1, 1), dt.date(year, 12, 31))
    assert read_period(f"{month}月", TODAY, in_its_year, "start") == written


@given(st.integers(min_value=0, max_value=10**14))
def test_a_whole_number_reads_back_with_or_without_thousands_separators(number):
    for form in (str(number), f"{number:,}", f"{number:,}".replace(",", "，"), f"{number:,}亩"):
        assert read_number(form)[0] == number


@pytest.mark.parametrize(
    ("typed", "read"),
    [("５．５．１", "5.5.1"), ("３.３", "3.3"), ("5。5。1", "5.5.1"), ("修塘", None), ("1.", None)],
)
def test_an_id_is_read_from_full_width_digits_and_dots(typed, read):
    assert read_id(typed) == read


def test_the_small_plan_is_the_one_these_tests_expect():
    # The ids and measures the tests above name.
    ids = {table["id"]: table.get("measure") for table in SMALL_ITEMS}
    assert ids["1.1"] == "处" and ids["1.3"] is None and "2.3" in ids
