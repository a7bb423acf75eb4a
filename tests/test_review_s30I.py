"""Review of session 30's merges, part 2 (helper I): the rare paths of D, E, F and G's work
taken in real use, each defect found kept here as the test that caught it."""

from __future__ import annotations

import datetime as dt

import pytest

from quanhu_plan.cli import app

from .conftest import write_plan
from .test_import import items_of, run, workbook

# ---------------------------------------------------------------- E: a holiday's eve, as 公文 write it


def test_a_deadline_before_a_quoted_holiday_or_followed_by_its_work_is_its_eve(tmp_path, plan_file):
    """“七一”前 (a 公文 quotes the holiday), 国庆前完成 (as 6月底前完成 is read): refused,
    though 七一前 and 国庆前 were read as their eves."""
    rows = [
        ["测试镇2025年重点工作任务分解表"],
        ["序号", "工作任务", "牵头单位", "完成时限"],
        [1, "召开党员大会", "组织办", "“七一”前"],
        [2, "完成村史馆布展", "宣传办", "2025年国庆前完成"],
        [3, "完成春耕物资储备", "农业办", "“五一”前全面完成"],
        [4, "开展慰问活动", "民政办", "2025年“国庆”之前"],
    ]
    result = run(str(workbook(tmp_path / "时限.xlsx", rows, ("A1:D1",))))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert [str(items[i]["due"]) for i in "1234"] == [
        "2025-06-30",
        "2025-09-30",
        "2025-04-30",
        "2025-09-30",
    ]


# ---------------------------------------------------------------- F: less is better, short of it


def test_a_figure_where_less_is_better_ticked_off_over_its_target_is_not_said_completed(
    runner, plan_file
):
    """安全生产事故：已完成，但未达到目标，完成1起，目标0起: 完成1起 read as one accident achieved,
    as 完成105吨 of an energy use kept within 100吨; a figure where less is better is what
    there was (实际), not work done."""
    done = {"status": "done", "done_on": dt.date(2023, 12, 20)}
    down = {"direction": "down"} | done
    items = [
        {"id": "1", "title": "抓好安全生产"},
        {"id": "1.1", "title": "安全生产事故", "measure": "起", "target": 0, "actual": 1} | down,
        {"id": "1.2", "title": "降低能耗", "measure": "吨", "target": 100, "actual": 105} | down,
        {"id": "1.3", "title": "清理河道", "measure": "公里", "target": 90, "actual": 87} | done,
    ]
    write_plan(plan_file, items)
    out = plan_file.parent / "r.md"
    result = runner.invoke(app, ["report", "--as-of", "2023-12-31", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    problems = text[text.index("## 三、存在的问题") : text.index("## 四、下一步打算")]
    assert "一是安全生产事故：已销号，但未达到目标，实际1起，目标0起，高于目标1起。" in problems
    assert "二是降低能耗：已销号，但未达到目标，实际105吨，目标100吨" in problems
    assert "三是清理河道：已销号，但未达到目标，完成87公里，目标90公里" in problems  # as before


# ---------------------------------------------------------------- D: a time zone TOML does not take


def _log_at(plan_file, written: str) -> None:
    plan_file.write_text(
        '[plan]\ntitle = "t"\nyear = 2023\n\n[[item]]\nid = "1"\ntitle = "a"\n\n'
        f'[[item.log]]\nat = 2023-05-27T00:32:00{written}\non = 2023-05-27\nnote = "x"\n',
        encoding="utf-8",
    )


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        (" +08:00", "+08:00"),  # a space between: said to be no time zone (-23:59 to +23:59)
        ("+0800", "+08:00"),  # as strftime's %z writes it: said to be a remark
        ("+08", "+08:00"),
        ("+8:00", "+08:00"),
        ("-0530", "-05:30"),
        ("+０８:００", "+08:00"),  # full-width digits: said to be no time zone
    ],
)
def test_a_time_zone_written_in_a_form_toml_does_not_take_is_said_so_with_the_form_it_takes(
    runner, plan_file, written, meant
):
    """s30D's message for an offset past 23:59 took +08:00 written a space after the time for
    one (时区 +08:00 不存在：时区在 -23:59 到 +23:59 之间); +0800 and +8:00 were still called a
    remark to put after a #, which would read the time in another zone."""
    _log_at(plan_file, written)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1, result.output
    assert "不存在" not in result.output and "#" not in result.output, result.output
    assert f"at = 2023-05-27T00:32:00{meant}" in result.output, result.output
    assert "±时:分" in result.output
    assert "Traceback" not in result.output


def test_a_time_zone_past_23_59_with_a_remark_after_it_is_said_to_be_none(runner, plan_file):
    """at = …-24:00  # 北京时间: the remark after it sent the offset back to the message that
    calls it a remark."""
    _log_at(plan_file, "+24:00  # 北京时间")
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1, result.output
    assert "时区 +24:00 不存在" in result.output, result.output
    assert "at = 2023-05-27T00:32:00+08:00" in result.output


# ---------------------------------------------------------------- E: the lead unit's ★


def test_a_lead_unit_marked_on_both_sides_is_the_unit_without_its_marks(tmp_path, plan_file):
    """★农业办★ (the mark typed twice, before and after): imported as the unit 农业办★, which
    plan list --who 农业办 and the county's units did not find as 农业办."""
    rows = [
        ["测试镇2025年重点工作任务分解表"],
        ["序号", "工作任务", "牵头单位", "完成时限"],
        [1, "完成春耕物资储备", "林业站、★农业办★", "6月底前"],
        [2, "修建村道", "建设办★、交通站", "6月底前"],
    ]
    result = run(str(workbook(tmp_path / "分解.xlsx", rows, ("A1:D1",))))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["lead_unit"] == ["农业办", "林业站"]
    assert items["2"]["lead_unit"] == ["建设办", "交通站"]


# ---------------------------------------------------------------- D's marks in a county key


@pytest.mark.parametrize("hidden", ["\u034f", "\u200b", "\u3164", "\ufe00"])
def test_a_county_key_with_a_mark_that_prints_as_nothing_is_that_key(runner, tmp_path, hidden):
    """key = "县-12<U+034F>" (the mark s30D refuses in an id: 1.1<U+034F> reads as 1.1) was
    another county task: plan county --key 县-12 listed 乙镇 among the towns without it, though
    its plan shows 县-12."""
    (tmp_path / "county").mkdir()
    for town, key in (("甲镇", "县-12"), ("乙镇", f"县-12{hidden}")):
        plan = tmp_path / "county" / f"{town}.toml"
        items = [{"id": "1", "title": "基础设施"}, {"id": "1.1", "title": "修塘", "key": key}]
        write_plan(plan, items)
    result = runner.invoke(
        app, ["county", str(tmp_path / "county"), "--key", "县-12", "--as-of", "2023-06-30"]
    )
    assert result.exit_code == 0, result.output
    assert "没有这项任务的单位" not in result.output, result.output
    assert result.output.count("修塘") == 2


def test_a_star_before_a_heading_s_numbering_keeps_the_heading_s_place(tmp_path, plan_file):
    """★（二）民生 (a 重点 mark before the numbering, as ★ marks a lead unit): the numbering went
    unseen, and the goal became a task under （一）交通 with 慰问 after it; ★1. 修建桥梁 kept
    its 1. in the title."""
    rows = [
        ["测试镇2025年重点工作任务分解表"],
        ["工作任务", "牵头单位", "完成时限"],
        ["一、重点项目"],
        ["（一）交通"],
        ["★1. 修建桥梁", "建设办", "6月底前"],
        ["2. 修路", "交通站", "6月底前"],
        ["★（二）民生"],
        ["1. 慰问", "民政办", "6月底前"],
    ]
    result = run(str(workbook(tmp_path / "分解.xlsx", rows, ("A1:C1",))))
    assert result.exit_code == 0, result.output
    titles = {item: fields["title"] for item, fields in items_of(plan_file).items()}
    assert titles == {
        "1": "重点项目",
        "1.1": "交通",
        "1.1.1": "★修建桥梁",
        "1.1.2": "修路",
        "1.2": "★民生",
        "1.2.1": "慰问",
    }
