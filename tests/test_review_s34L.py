"""Review of the real-plans work of session 34 (helper A), with the ledgers offices keep.

Titles that open with their year and name a work of places (2023年老旧小区改造工作任务分解表, a
county's 住建局 ledger; 2023年文明城区创建工作任务分解表), and a 任务分解表 whose 6月底前 and 12月底前
columns state a rate (参保率达到90%以上) where the plan's 完成年度工程量50%以上 states a share."""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .test_import import items_of, read_plan, run, workbook


def test_a_work_of_places_after_the_year_is_no_organisation(tmp_path):
    """2023年老旧小区改造工作任务分解表 was signed by 老旧小区: the words after the year name the
    work (old residential quarters), not whose plan it is."""
    rows = [["2023年老旧小区改造工作任务分解表"],
            ["序号", "工作任务", "目标值", "责任单位", "完成时限"],
            [1, "改造老旧小区", "12个", "县住建局", "2023-12-31"]]  # fmt: skip
    out = tmp_path / "plan.toml"
    result = run(str(workbook(tmp_path / "小区.xlsx", rows)), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "老旧小区”" not in result.output
    assert "organisation" not in read_plan(out)["plan"]
    report = CliRunner().invoke(app, ["-f", str(out), "report", "--as-of", "2023-06-30"])
    assert report.exit_code == 0, report.output
    assert not report.output.split()[0].startswith("老旧小区2023年")


def test_which_words_after_a_year_name_a_work_not_a_place():
    from quanhu_plan.importing.above import place_after_year, place_of_title

    for title in (
        "2023年老旧小区改造工作任务分解表",
        "2023年文明城区创建工作任务分解表",
        "2023年工业园区建设任务清单",
        "2023年特色小镇建设任务分解表",
        "2023年美丽城镇建设工作台账",
        "2023年小城镇建设工作计划",
        "2023年卫生城市创建工作任务分解表",
        "2023年无废城市建设台账",
        "2023年美丽乡村示范村建设任务清单",
        "2023年生态示范县创建任务分解表",
        "2023年中心城区提质任务清单",
    ):
        assert place_after_year(title) is None, title
    assert place_of_title("老旧小区2023年改造计划") is None
    assert place_after_year("2025年东风路街道重点工作清单") == "东风路街道"
    assert place_after_year("2023年高新区重点工作任务分解表") == "高新区"
    assert place_after_year("2023年金山工业园区重点工作") == "金山工业园区"
    assert place_of_title("石景山区2023年重点工作") == "石景山区"


def test_a_rate_in_a_period_column_is_no_share_of_the_work(tmp_path):
    """参保率达到90%以上 under 6月底前 of a task aiming at 参保率95% was read as 90 % of the work
    done by June (and 群众满意度达到90%以上 as 90 % of the work by December): a rate is a level
    the task reaches, kept as written as before, not its share of the work."""
    rows = [["泉湖镇2023年重点工作任务分解表"],
            ["序号", "工作任务", "目标值", "6月底前", "12月底前", "责任单位"],
            [1, "城乡居民医保参保", "参保率95%", "参保率达到90%以上", "参保率达到95%以上", "社保所"],
            [2, "群众满意度测评", "满意度90%", None, "群众满意度达到90%以上", "党政办"],
            [3, "项目建设", "完成投资2亿元", "完成投资额的60%左右", "全面完成", "经发办"]]  # fmt: skip
    out = tmp_path / "plan.toml"
    result = run(str(workbook(tmp_path / "分解.xlsx", rows)), "--out", str(out))
    assert result.exit_code == 0, result.output
    items = items_of(out)
    assert "milestone" not in items["1"]
    assert items["1"]["6月底前"] == "参保率达到90%以上"
    assert items["1"]["12月底前"] == "参保率达到95%以上"
    assert items["2"]["12月底前"] == "群众满意度达到90%以上"
    assert items["3"]["milestone"][0] == {
        "due": "2023-06",
        "progress": 60,
        "note": "完成投资额的60%左右",
    }


def test_a_plan_of_months_is_the_towns_work_plan_not_a_named_work(tmp_path):
    """XX镇2023年1-6月工作计划 was reported as XX镇2023年上半年1-6月工作完成情况总结 (the period
    read as the name of a work, and said twice); before session 34 it was the town's 工作计划."""
    plan = tmp_path / "plan.toml"
    plan.write_text(
        '[plan]\ntitle = "XX镇2023年1-6月工作计划"\norganisation = "XX镇"\nyear = 2023\n'
        'start = 2023-01-01\nend = 2023-12-31\n\n[[item]]\nid = "1"\ntitle = "任务一"\n',
        encoding="utf-8",
    )
    for as_of, title in (
        ("2023-06-30", "XX镇2023年上半年工作计划完成情况总结"),
        ("2023-12-31", "XX镇2023年工作计划完成情况总结"),
    ):
        args = ["-f", str(plan), "report", "--as-of", as_of, "--format", "md"]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        assert result.output.splitlines()[0] == f"# {title}"


def test_which_periods_open_a_named_work():
    from quanhu_plan.report.title import named_work_kind

    for title in ("XX镇2023年1-6月工作计划", "XX镇2023年1月-6月工作计划", "XX镇2023年7至12月工作"):
        assert named_work_kind(title) is None, title
    assert named_work_kind("XX镇2023年1-6月安全生产工作计划") == "安全生产工作"


def test_a_county_leader_first_in_a_titles_bracket_is_read_with_the_units(tmp_path):
    """A county's 政府工作报告 分解 writes （牵头县领导：张三；牵头单位：县发改委；责任单位：…）: the
    tail was cut at 牵头单位, leaving the title 财政总收入增长10%（牵头县领导：张三 with its bracket
    open and the 责任单位 ending in ）. The leader is read as the 责任领导, the units as the lead
    and the second unit; a bracket opened in the title never is cut in two."""
    rows = [["2023年章镇镇政府主要工作安排和任务分解"], ["序号", "工作任务"],
            [1, "财政总收入增长10%（牵头县领导：张三；牵头单位：县发改委；责任单位：各乡镇人民政府、"
                "县直各单位）"],
            [2, "推进“两山”转化（联络员：李四；牵头单位：县林业局）"]]  # fmt: skip
    out = tmp_path / "plan.toml"
    result = run(str(workbook(tmp_path / "分解.xlsx", rows)), "--out", str(out))
    assert result.exit_code == 0, result.output
    items = items_of(out)
    first = items["1"]
    assert first["title"] == "财政总收入增长10%"
    assert first["lead"] == "张三"
    assert first["lead_unit"] == "县发改委"
    assert first["责任单位"] == "各乡镇人民政府、县直各单位"
    # (an unknown label opens the bracket: the title is left as written, whole)
    assert items["2"]["title"] == "推进“两山”转化（联络员：李四；牵头单位：县林业局）"
    assert "lead_unit" not in items["2"]


def test_the_steps_beside_a_column_of_targets_do_not_name_the_tasks(tmp_path):
    """目标任务 | 具体任务 where 具体任务 lists the steps (1.完成项目选址；2.完成招投标…): the steps
    became the tasks' titles (完成项目选址；2.完成招投标；3.12月底前完工验收) and 新建高标准农田1万亩
    its target only; before session 34 the 目标任务 named the task and the steps were its detail."""
    rows = [["泉湖镇2023年重点工作台账"], ["序号", "目标任务", "具体任务", "责任单位"],
            [1, "新建高标准农田1万亩", "1.完成项目选址；2.完成招投标；3.12月底前完工验收", "农业办"],
            [2, "完成改厕500户", "1.摸底排查；2.组织施工", "农业办"]]  # fmt: skip
    out = tmp_path / "plan.toml"
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)), "--out", str(out))
    assert result.exit_code == 0, result.output
    first = items_of(out)["1"]
    assert first["title"] == "新建高标准农田1万亩"
    assert first["detail"] == "1.完成项目选址；2.完成招投标；3.12月底前完工验收"
    assert (first["target"], first["measure"]) == (1, "万亩")


# Four figures where less is the aim, recorded by June (a county's 任务分解表's words).
LESS = """[plan]
title = "泉湖镇2023年工作计划"
organisation = "泉湖镇"
year = 2023
start = 2023-01-01
end = 2023-12-31

[[item]]
id = "1"
title = "违建存量"
measure = "平方米"
target = 500
target_text = "降至500平方米以下"
direction = "down"

[[item]]
id = "2"
title = "单位GDP能耗"
measure = "%"
target = -3
target_text = "下降3%"
direction = "down"

[[item]]
id = "3"
title = "信访总量"
measure = "起"
target = 5
target_text = "控制在5起以内"
direction = "down"

[[item]]
id = "4"
title = "较大以上安全生产事故"
measure = "起"
target = 0
"""


def test_a_fall_not_yet_reached_is_no_limit_gone_over(tmp_path):
    """违建存量 at 800平方米 aiming to 降至500平方米 was 超出控制目标 in June and December, as was
    单位GDP能耗 short of 下降3%: a fall to reach is work behind or unfinished, as it was before
    session 34; only a limit (控制在5起以内, 0起) is gone over."""
    plan = tmp_path / "plan.toml"
    plan.write_text(LESS, encoding="utf-8")
    for task, figure in (("1", "800"), ("2", "-1"), ("3", "6"), ("4", "1")):
        result = CliRunner().invoke(
            app, ["-f", str(plan), "record", task, figure, "--on", "2023-06-20"]
        )
        assert result.exit_code == 0, result.output
    for as_of, verdict, lang in (
        ("2023-06-30", "进度滞后于序时进度", "zh"),
        ("2023-12-31", "年内未能完成", "zh"),
        ("2023-12-31", "not finished within the year", "en"),
    ):
        args = ["-f", str(plan), "--lang", lang, "report", "--as-of", as_of, "--format", "md"]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        over = "超出控制目标" if lang == "zh" else "over its limit"
        # (the problems: 一是… in Chinese, 1) … in English)
        problems = [line for line in result.output.splitlines()
                    if re.match(r"(?:[一二三四五]是|\d\\?\) )", line)]  # fmt: skip
        said = "\n".join(problems)
        for title in ("违建存量", "单位GDP能耗"):
            line = next(text for text in problems if title in text)
            assert verdict in line and over not in line, said
        for title in ("信访总量", "较大以上安全生产事故"):
            line = next(text for text in problems if title in text)
            assert over in line, said


def test_the_units_kept_beside_the_lead_are_found_by_who_and_owner(tmp_path):
    """（牵头单位：县林业局；责任单位：县林业局、各乡镇） keeps 各乡镇 under 责任单位 beside the lead
    (session 34): plan list --who 各乡镇 and plan report --owner 各乡镇 then found nothing, where
    before the 责任单位 had been the task's units and were found."""
    rows = [["泉湖镇2023年重点工作任务分解表"], ["序号", "工作任务"],
            [1, "推进“两山”转化（牵头单位：县林业局；责任单位：县林业局、各乡镇）"],
            [2, "发展村集体经济（牵头单位：经管站）"]]  # fmt: skip
    out = tmp_path / "plan.toml"
    result = run(str(workbook(tmp_path / "分解.xlsx", rows)), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert items_of(out)["1"]["责任单位"] == "县林业局、各乡镇"
    listed = CliRunner().invoke(
        app, ["-f", str(out), "list", "--who", "各乡镇"], env={"COLUMNS": "80"}
    )
    assert listed.exit_code == 0, listed.output
    assert "推进“两山”转化" in listed.output
    assert "发展村集体经济" not in listed.output
    report = CliRunner().invoke(
        app, ["-f", str(out), "report", "--owner", "各乡镇", "--format", "json"]
    )
    assert report.exit_code == 0, report.output
    assert json.loads(report.output)["overview"]["total"] == 1


def test_a_ledger_of_the_towns_work_keeps_its_work_in_the_reports_sentences(tmp_path):
    """XX镇2023年重点工作台账 was named XX镇2023年重点 in the report (共安排任务…), the 工作 taken
    off with the 台账 (session 34 took 任务台账 off 工作计划任务台账); only the ledger word goes."""
    for title, named in (
        ("XX镇2023年重点工作台账", "XX镇2023年重点工作共安排任务1项"),
        ("XX镇2023年信访工作台账", "XX镇2023年信访工作共安排任务1项"),
        ("XX镇2023年重点任务台账", "XX镇2023年重点任务共安排任务1项"),
        ("XX镇2023年度工作计划任务台账", "XX镇2023年度工作计划共安排任务1项"),
    ):
        plan = tmp_path / "plan.toml"
        plan.write_text(
            f'[plan]\ntitle = "{title}"\norganisation = "XX镇"\nyear = 2023\n'
            'start = 2023-01-01\nend = 2023-12-31\n\n[[item]]\nid = "1"\ntitle = "任务一"\n',
            encoding="utf-8",
        )
        args = ["-f", str(plan), "report", "--as-of", "2023-06-30", "--format", "md"]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        assert named in result.output, title


def test_the_towns_whole_work_is_its_work_plan_not_a_named_work():
    """XX镇2023年全镇重点工作任务清单 was reported as XX镇2023年全镇重点工作完成情况总结, a work
    named 全镇重点工作; the town's whole work (全镇, 镇政府, 镇党委政府) is its 工作计划, as
    before session 34. A work of its own is still named (党建工作, 安全生产工作)."""
    from quanhu_plan.report.title import named_work_kind

    for title in (
        "XX镇2023年全镇重点工作任务清单",
        "XX乡2023年全乡工作任务分解表",
        "XX镇2023年镇政府工作计划",
        "XX镇2023年镇党委政府重点工作推进表",
        "XX镇2023年党委政府重点工作",
        "XX镇2023年镇村工作任务清单",
    ):
        assert named_work_kind(title) is None, title
    assert named_work_kind("XX镇2023年党建工作计划") == "党建工作"
    assert named_work_kind("XX镇2023年全镇安全生产工作方案") == "全镇安全生产工作"
