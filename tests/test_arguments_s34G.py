"""Arguments typed the way an office clerk gets them wrong (session 34, G): each is read as
meant, or refused with a message that says what was wrong and what to type, in the plan's
language and in English, and nothing is written on a refusal."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app


def run(*args: str, code: int = 0) -> Any:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result


def item(path: Path, item_id: str) -> dict[str, Any]:
    items = tomllib.loads(path.read_text(encoding="utf-8"))["item"]
    return next(table for table in items if table["id"] == item_id)


# ---------------------------------------------------------------- ids


@pytest.mark.parametrize("typed", ["1.3.", "1.3。", "１．３．", "1.3..", " 1.3. "])
def test_an_id_with_a_final_dot_as_a_document_numbers_headings_finds_the_item(small_plan, typed):
    run("done", typed, "--on", "2023-06-30")
    assert item(small_plan, "1.3")["status"] == "done"


def test_every_command_that_names_an_item_takes_an_id_with_a_final_dot(small_plan):
    assert "修塘" in run("show", "1.1.").output
    run("note", "1.1。", "已开工", "--on", "2023-06-30")
    assert item(small_plan, "1.1")["log"][-1]["note"] == "已开工"
    run("add", "2.", "修桥", "--on", "2023-06-30")
    assert item(small_plan, "2.4")["title"] == "修桥"
    run("move", "2.4.", "1.")
    assert item(small_plan, "2.4")["parent"] == "1"
    assert "修桥" in run("log", "2.4.").output


def test_a_final_dot_on_a_goal_still_says_it_is_a_goal(small_plan):
    before = small_plan.read_bytes()
    said = run("done", "1.", code=1).output
    assert "1 基础设施 是目标" in said and "--all" in said
    assert small_plan.read_bytes() == before


def test_a_dot_alone_or_dots_inside_are_still_no_id(small_plan):
    before = small_plan.read_bytes()
    for typed in ("1..3", ".1.3"):
        assert f"没有编号或名称为“{typed}”的事项" in run("done", typed, code=1).output
    assert small_plan.read_bytes() == before


# ---------------------------------------------------------------- progress


@pytest.mark.parametrize(("typed", "meant"), [("0.5", "50"), ("0.85", "85"), ("０．５", "50")])
def test_a_progress_typed_as_a_fraction_is_kept_and_said_with_the_percent_meant(
    small_plan, typed, meant
):
    said = run("progress", "2.3", typed, "--on", "2023-06-30").output
    assert item(small_plan, "2.3")["progress"] == float(meant) / 100
    assert f"进度按百分数填写（0 到 100），{float(meant) / 100:g} 记为 " in said
    assert f"如果是 {meant}%，用 plan progress 2.3 {meant} 改过来" in said


def test_a_fraction_of_a_percent_typed_with_its_sign_is_not_questioned(small_plan):
    said = run("progress", "2.3", "0.5%", "--on", "2023-06-30").output
    assert item(small_plan, "2.3")["progress"] == 0.5
    assert "如果是" not in said


def test_a_progress_typed_as_a_fraction_is_said_in_english(small_plan):
    said = run("--lang", "en", "progress", "禁毒", "0.5", "--on", "2023-06-30").output
    assert "a progress is a percent (0 to 100), so 0.5 is recorded as 0.5%" in said
    assert "for 50%, run plan progress 2.3 50." in said


@pytest.mark.parametrize("typed", ["1", "0", "50", "100"])
def test_a_whole_percent_is_not_questioned(small_plan, typed):
    said = run("progress", "2.3", typed, "--on", "2023-06-30").output
    assert "如果是" not in said


# ---------------------------------------------------------------- help


@pytest.mark.parametrize("columns", ["80", "60"])
def test_a_chinese_command_summary_cut_short_ends_at_a_phrase(small_plan, columns):
    import typer

    from quanhu_plan.cli.help import paragraphs
    from quanhu_plan.cli.help_zh import translate

    group = typer.main.get_command(app)
    said = CliRunner().invoke(app, ["--help"], env={"COLUMNS": columns})
    assert said.exit_code == 0, said.output
    listed = said.stdout.split("命令：\n")[1].split("\n\n")[0].splitlines()
    cut = 0
    for line in listed:
        name, summary = line.split(maxsplit=1)
        full = paragraphs(translate(group.commands[name].help or ""))[0]  # type: ignore[attr-defined]
        if not summary.endswith("…"):
            assert summary == full
            continue
        cut += 1
        kept = summary[:-1]
        assert full.startswith(kept), line
        after = full[len(kept)]
        assert kept.endswith(("，", "、", "；", "：", "。", "）")) or after in "，、；：。（ ", line
        assert kept.count("（") == kept.count("）"), line
    assert cut >= 3  # (the test looks at summaries cut short)


# ---------------------------------------------------------------- days said as a clerk says them


def _monday() -> dt.date:
    today = dt.date.today()
    return today - dt.timedelta(days=today.weekday())


@pytest.mark.parametrize(
    ("typed", "days"),
    [
        ("上周五", -3),
        ("上星期一", -7),
        ("上个礼拜天", -1),
        ("本周三", 2),
        ("这周1", 0),
        ("上上周二", -13),
    ],
)
def test_a_day_of_last_or_this_week_is_read_from_today(small_plan, typed, days):
    run("done", "1.3", "--on", typed)
    assert item(small_plan, "1.3")["done_on"] == _monday() + dt.timedelta(days=days)


@pytest.mark.parametrize(("typed", "days"), [("明天", 1), ("后天", 2), ("tomorrow", 1)])
def test_tomorrow_is_a_day_too_and_said_to_be_later_than_today(small_plan, typed, days):
    said = run("done", "1.3", "--on", typed).output
    day = dt.date.today() + dt.timedelta(days=days)
    assert item(small_plan, "1.3")["done_on"] == day
    assert f"{day.isoformat()} 晚于今天" in said


def test_a_day_of_the_week_without_its_week_is_refused_with_the_days_it_could_be(small_plan):
    before = small_plan.read_bytes()
    said = run("done", "1.3", "--on", "周五", code=2).output
    last, this = _monday() - dt.timedelta(days=3), _monday() + dt.timedelta(days=4)
    assert f"“周五”没有说是哪一周的：请写日期，如上周五是 {last}，本周五是 {this}" in said
    said = run("--lang", "en", "done", "1.3", "--on", "星期五", code=2).output
    assert f"'星期五' does not say which week: write the date; last week's is {last}" in said
    assert small_plan.read_bytes() == before


def test_a_weekday_is_read_wherever_a_day_is(small_plan):
    day = _monday() - dt.timedelta(days=3)
    assert f"截至 {day.isoformat()}" in run("status", "--as-of", "上周五").output
    run("note", "1.1", "开会", "--on", "上周五")
    assert item(small_plan, "1.1")["log"][-1]["on"] == day


@pytest.mark.parametrize("typed", ["上周五", "明天", "周五"])
def test_plan_check_advises_no_day_for_a_day_a_file_counts_from_today(small_plan, typed):
    text = small_plan.read_text(encoding="utf-8")
    assert "done_on = 2023-03-01" in text
    small_plan.write_text(text.replace("done_on = 2023-03-01", f'done_on = "{typed}"'), "utf-8")
    said = run("check", code=1).output
    assert f"发现 '{typed}'" in said and "有效日期" in said
    assert "是不是要写" not in said


@pytest.mark.parametrize(
    ("typed", "percent"), [("五成", 50), ("5成", 50), ("七成半", 75), ("十成", 100), ("９成", 90)]
)
def test_a_progress_said_in_tenths_is_that_percent(small_plan, typed, percent):
    said = run("progress", "2.3", typed, "--on", "2023-06-30").output
    assert item(small_plan, "2.3")["progress"] == percent
    assert f"进度 80% → {percent}%" in said


@pytest.mark.parametrize("typed", ["十一成", "五成多", "成"])  # (十成半: test_review_s34K)
def test_what_is_no_tenths_of_a_progress_is_still_no_number(small_plan, typed):
    before = small_plan.read_bytes()
    said = run("progress", "2.3", typed, code=2).output
    assert f"PERCENT（进度）的值“{typed}”不对：不是数字" in said
    assert small_plan.read_bytes() == before


@pytest.mark.parametrize(
    ("typed", "apart"),
    [
        ("1-3", True),
        ("1、3", True),
        ("1/3", True),
        ("1. 3", True),
        ("1，3", True),
        ("第1.3项", False),
        ("1.3项", False),
        ("1.03", False),
        ("01.3", False),
        ("1.3、", False),
    ],
)
def test_an_id_written_otherwise_is_refused_with_the_id_it_may_mean(small_plan, typed, apart):
    before = small_plan.read_bytes()
    said = run("done", typed, "--on", "2023-06-30", code=1).output
    assert f"计划中没有编号或名称为“{typed}”的事项。是不是要写 1.3（修机耕道）？" in said
    assert ("编号的各级之间用点（.）隔开" in said) is apart
    assert "半角空格" not in said  # one id written otherwise, not two run together
    said = run("--lang", "en", "show", typed, code=1).output
    assert f"'{typed}'. Did you mean 1.3 (修机耕道)?" in said
    assert small_plan.read_bytes() == before


def test_ids_run_together_still_get_that_advice_and_no_id_is_made_up(small_plan):
    said = run("done", "1.3，2.3", code=1).output
    assert "是不是要写" not in said and "全角逗号（，）" in said
    said = run("show", "9-9", code=1).output
    assert "是不是要写" not in said


def test_a_bracket_before_chinese_words_is_never_left_at_a_lines_end():
    from quanhu_plan.inputs import DATE_FORMS
    from quanhu_plan.terminal.folding import cells, wrap

    text = f"Error: Invalid value for --on: '周五' does not say which week. Write {DATE_FORMS[1]}."
    for width in range(20, 81):
        lines = wrap(text, width)
        assert all(cells(line) <= width for line in lines), (width, lines)
        assert not any(line.endswith(("(", "[")) for line in lines), (width, lines)
        assert "".join(lines).replace(" ", "") == text.replace(" ", ""), width


# ---------------------------------------------------------------- the parsers, fuzzed

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from quanhu_plan import inputs, typed_numbers  # noqa: E402

# What a clerk's keyboard puts in a date, an id or a figure, and anything else besides.
_TYPED = st.one_of(
    st.text(
        st.sampled_from(
            list(
                "0123456789０１２３４５６７８９.。/-－年月日号底末季度上下半前内第一二三四五六七八九十"
            )
            + list(
                "qQ%％,，、 \u3000()（）今昨明后天周星期礼拜本这个成项条长期持续亩元万e+_xo²㎡约余"
            )
            + ["\u200b", "\x1b", "\ufeff", "١", "𝟙", "Ⅻ", "⑤", "½"]
        ),
        max_size=16,
    ),
    st.text(max_size=10),
)
_TODAY = dt.date(2023, 6, 15)
_YEAR_OF = inputs.plan_year(2023, dt.date(2023, 1, 1), dt.date(2023, 12, 31))


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(_TYPED)
def test_no_text_typed_makes_a_parser_fail_other_than_by_saying_why(text):
    for read in (
        lambda: inputs.read_date(text, _TODAY, _YEAR_OF),
        lambda: inputs.read_date(text, _TODAY, None),
        lambda: inputs.read_period(text, _TODAY, _YEAR_OF, "due"),
        lambda: inputs.read_period(text, _TODAY, _YEAR_OF, "start"),
        lambda: typed_numbers.read_number(text),
    ):
        try:
            read()
        except inputs.InputError as refused:
            assert refused.zh and refused.en
    dotted = inputs.id_as_dotted(text)
    assert dotted is None or inputs.read_id(dotted) == dotted
    digits = typed_numbers.in_digits(text)
    assert digits is None or typed_numbers.read_number(digits)[0] >= 0
    tenths = typed_numbers.percent_in_tenths(text)
    assert tenths is None or 0 <= tenths < 110  # (十成半, 105: refused as past 100)
    inputs.read_id(text), inputs.run_together(text), inputs.same_key(text), inputs.from_today(text)


@given(st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2998, 12, 31)))
def test_a_day_of_last_this_or_next_week_is_in_that_week(today):
    monday = today - dt.timedelta(days=today.weekday())
    for week, offset in (("上", -7), ("本", 0), ("下", 7)):
        for number, name in enumerate("一二三四五六日"):
            day = inputs.read_date(f"{week}周{name}", today, None)
            assert day == monday + dt.timedelta(days=offset + number)
            assert day.weekday() == number


# ---------------------------------------------------------------- years


@pytest.mark.parametrize("typed", ["2024年", "２０２４", "二〇二四年", "二零二四", " 2024年度 "])
def test_a_year_is_read_as_an_office_types_it(small_plan, tmp_path, typed):
    out = tmp_path / "next.toml"
    run("new", typed, "--out", str(out))
    assert tomllib.loads(out.read_text(encoding="utf-8"))["plan"]["year"] == 2024
    run("header", "--year", typed)
    assert tomllib.loads(small_plan.read_text(encoding="utf-8"))["plan"]["year"] == 2024


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("明年", "明年"),
        ("2024年x", "2024年x"),
        ("24", "24"),
        ("1800年", "1800"),
        ("二〇二四五年", "20245"),
    ],
)
def test_what_is_no_year_is_still_refused(small_plan, typed, read):
    before = small_plan.read_bytes()
    said = run("header", "--year", typed, code=2).output
    assert f"--year 的值“{read}”不对：要写 1900 到 2999 之间的整数" in said
    said = run("--lang", "en", "new", typed, code=2).output
    assert f"YEAR cannot be '{read}': write a whole number from 1900 to 2999" in said
    assert small_plan.read_bytes() == before


# ---------------------------------------------------------------- --lang


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("EN", "Completion"),
        ("English", "Completion"),
        ("英文", "Completion"),
        ("en-US", "Completion"),
        ("cn", "完成率"),
        ("ZH", "完成率"),
        ("中文", "完成率"),
        ("zh_CN.UTF-8", "完成率"),
    ],
)
def test_lang_takes_a_language_as_people_and_locales_name_it(small_plan, typed, words):
    assert words in run("--lang", typed, "status").output
    assert words in run("status", f"--lang={typed}").output  # after the command name too
    help_words = "Usage:" if words == "Completion" else "用法："
    assert run("--lang", typed, "--help").output.startswith(help_words)


@pytest.mark.parametrize("typed", ["fr", "", "e n"])
def test_lang_still_refuses_a_language_the_tool_does_not_speak(small_plan, typed):
    said = run("--lang", typed, "status", code=2).output
    assert "不可用：只能是 zh（中文）或 en（英文）" in said


# ---------------------------------------------------------------- units


@pytest.mark.parametrize(
    ("typed", "measure", "figure"),
    [
        ("3300亩", "万亩", "0.33"),
        ("33,000亩", "万亩", "3.3"),
        ("1.2亿元", "万元", "12000"),
        ("2.5万元", "元", "25000"),
        ("500千克", "吨", None),  # another unit, not another scale: no figure made up
        ("3.3公顷", "万亩", None),
    ],
)
def test_a_figure_in_the_measures_unit_at_another_scale_is_worked_out(
    small_plan, typed, measure, figure
):
    run("edit", "1.1", "--measure", measure, "--on", "2023-06-30")
    before = small_plan.read_bytes()
    said = run("record", "1.1", typed, code=2).output
    unit = typed.lstrip("0123456789.,")
    assert f"“{typed}”的单位是“{unit}”，而 1.1 修塘 的计量单位是“{measure}”" in said
    if figure is None:
        assert f"请换算成{measure}后再填" in said
    else:
        assert f"即 {figure}{measure}，请写 {figure} 或 {figure}{measure}。" in said
        said = run("--lang", "en", "record", "1.1", typed, code=2).output
        assert f"is {figure} {measure}, so write {figure} (or {figure}{measure})." in said
    assert small_plan.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "digits"),
    [
        (["record", "1.1", "三十五"], "35"),
        (["record", "1.1", "三十五处"], "35处"),
        (["progress", "2.3", "八十"], "80"),
        (["edit", "1.1", "--target", "一百零五"], "105"),
        (["add", "1", "复垦", "--target", "五万亩"], "5万亩"),
    ],
)
def test_a_figure_in_chinese_numerals_is_refused_with_its_digits(small_plan, args, digits):
    before = small_plan.read_bytes()
    said = run(*args, code=2).output
    assert f"不是数字，要用阿拉伯数字写，如 {digits}。" in said
    said = run("--lang", "en", *args, code=2).output
    assert f"is not a number: write it in digits, {digits}." in said
    assert small_plan.read_bytes() == before


@pytest.mark.parametrize("typed", ["十十", "三五", "百", "亩"])
def test_chinese_numerals_that_make_no_number_are_refused_plainly(small_plan, typed):
    said = run("record", "1.1", typed, code=2).output
    assert "不是数字" in said and "阿拉伯数字" not in said


# ---------------------------------------------------------------- --status


@pytest.mark.parametrize(
    ("typed", "shown", "hidden"),
    [
        ("完成", "安装路灯", "禁毒讲座"),
        ("已销号", "安装路灯", "禁毒讲座"),
        ("DONE", "安装路灯", "禁毒讲座"),
        ("推进中", "禁毒讲座", "安装路灯"),
        ("In Progress", "禁毒讲座", "安装路灯"),
        ("取消", "花鼓戏下乡", "安装路灯"),
    ],
)
def test_list_status_takes_the_words_a_table_writes_for_a_status(small_plan, typed, shown, hidden):
    said = run("list", "--status", typed).output
    assert shown in said and hidden not in said
    said = run("county", str(small_plan), "--status", typed).output
    assert "Traceback" not in said


@pytest.mark.parametrize("typed", ["foo", "完成了吗", ""])
def test_list_status_still_refuses_a_word_for_no_status(small_plan, typed):
    said = run("list", "--status", typed, code=2).output
    assert f"--status 的值“{typed}”不可用：可以写 未开始、进行中、已完成、受阻、已取消" in said


# ---------------------------------------------------------------- dates as typed


@pytest.mark.parametrize("typed", ["2023 6 30", "2023-6-30日", "2023/06/30号", "2023.6.30日"])
def test_a_full_date_with_spaces_or_a_final_day_mark_is_read(small_plan, typed):
    run("done", "1.3", "--on", typed)
    assert item(small_plan, "1.3")["done_on"] == dt.date(2023, 6, 30)


@pytest.mark.parametrize(
    ("typed", "whole"), [("23年6月30日", "2023年6月30日"), ("23年6月30号", "2023年6月30日")]
)
def test_a_year_in_two_digits_is_refused_with_the_year_in_four(small_plan, typed, whole):
    before = small_plan.read_bytes()
    said = run("done", "1.3", "--on", typed, code=2).output
    assert f"“{typed}”的年份只写了两位：请写四位年份，如 {whole}。" in said
    said = run("--lang", "en", "edit", "1.3", "--due", typed, code=2).output
    assert f"'{typed}' gives the year in two digits: write all four, e.g. {whole}." in said
    assert small_plan.read_bytes() == before


@pytest.mark.parametrize("typed", ["", "  ", "\u3000"])
def test_blank_evidence_on_done_is_refused_not_passed_over(small_plan, typed):
    before = small_plan.read_bytes()
    said = run("done", "1.3", "--evidence", typed, "--on", "2023-06-30", code=2).output
    assert "--evidence 不能为空：请写上内容" in said
    said = run("--lang", "en", "done", "1.2", "-e", typed, code=2).output  # 1.2 is done already
    assert "--evidence: must not be empty" in said
    assert small_plan.read_bytes() == before


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("落后", "自建房排查"),
        ("滞后", "自建房排查"),
        ("BEHIND", "自建房排查"),
        ("超期", "修机耕道"),
        ("Overdue", "修机耕道"),
        ("超前", "禁毒讲座"),
        ("On Pace", "修塘"),
    ],
)
def test_list_pace_takes_the_words_an_office_says_for_a_pace(small_plan, typed, shown):
    said = run("list", "--pace", typed, "--as-of", "2023-06-30").output
    paced = {"自建房排查", "修机耕道", "禁毒讲座", "修塘"}
    assert shown in said and not any(other in said for other in paced - {shown})
