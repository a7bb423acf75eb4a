"""Session 24 trial (K): two more real plans run through a year with the CLI.

The plans: 大雁塔街道's 2025年工作总结及2026年工作计划 (雁塔区, 西安, 陕西; published by 西安市雁塔区
人民政府 at http://www.yanta.gov.cn/xxgk/jcxxgk/ghjh/jbjhzj/2014198590738120706.html: 已超预期完成
固定资产投资35.93亿元，同比增长168%; 累计策划项目14个、签约项目19个，总投资额41.14亿元; 累计
走访243家企业，对83家近限企业实施跟踪培育，成功推动18家企业升规达限), kept as the 年度目标任务
分解表 a big city's 街道 keeps for such a year: 序号 | 目标任务 | 指标属性 (约束性/预期性) | 单位 |
年度目标 | 牵头领导 | 责任科室 | 责任人 | then the figure due by each quarter's end, cumulative as
the district's 目标考核 counts it: 1-3月 | 1-6月 | 1-9月 | 1-12月; its 民生实事 with a 12345热线
按时办结率 of ≥98%, 老旧小区改造 and 社区食堂; and 胜利乡's 2025年经济工作会议和农村牧区重点工作
推进会 (内蒙古; reported by 掌中商务 at http://www.zzswgk.cn/article/51947.html, 2025-03-09: 会议就
我乡玉米单产提升、中幼林抚育、嘎查村环境卫生整治等工作任务以清单化方式进行了安排部署, 乡党委书记
王国华主持, 林业站、动防站、农服中心负责人和各嘎查村书记参会), kept as the 清单 a 乡 hands its
嘎查村 and 站所, saved from Excel as a GBK CSV: 序号 | 工作任务 | 嘎查村 | 包联领导 | 责任站所 |
任务量 | 单位 | 完成时限 | 完成情况, a 嘎查村's share under the 乡's task. Each test shows one defect an office met, through
the command it ran: what was printed, the exit code and what is on disk."""

from __future__ import annotations

import tomllib
from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app


def _run(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _target_table(isolated: Path, months: list[str]) -> Path:
    """大雁塔街道's 年度目标任务分解表, its quarters headed as ``months``."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "目标任务"
    sheet.append(["雁塔区大雁塔街道2025年度目标任务分解表"])
    sheet.merge_cells("A1:L1")
    sheet.append(["序号", "目标任务", "指标属性", "单位", "年度目标", "牵头领导", "责任科室",
                  "责任人", *months])  # fmt: skip
    sheet.append(["一、经济发展"])
    sheet.merge_cells("A3:L3")
    sheet.append([1, "完成固定资产投资", "约束性", "亿元", 30, "张伟", "经济发展办", "李明",
                  5, 12, 20, 30])  # fmt: skip
    sheet.append([2, "培育升规达限企业", "预期性", "家", 15, "张伟", "经济发展办", "李明",
                  3, 6, 10, 15])  # fmt: skip
    sheet.append(["二、民生实事"])
    sheet.merge_cells("A6:L6")
    sheet.append([3, "老旧小区改造", "约束性", "个", 6, "刘洋", "城建办", "周强",
                  "启动2个", "完成2个", "完成4个", "完成6个"])  # fmt: skip
    table = isolated.parent / "大雁塔街道2025年目标任务分解表.xlsx"
    book.save(table)
    return table


def test_the_figures_due_from_january_to_a_quarters_end_are_its_milestones(
    runner: CliRunner, isolated: Path
) -> None:
    """大雁塔街道's table gives the figure due by each quarter's end as the district counts it,
    from January: 1-3月 | 1-6月 | 1-9月 | 1-12月 (5, 12, 20, 30亿元 of 固定资产投资). Headed
    3月底 | 6月底 … they were read as milestones; headed 1-3月 … they were kept as four columns
    of unknown meaning, so the pace ran straight to December and `plan status` in July named no
    quarter missed, though 6.2亿元 was half the 12 due. A header counting from January to a
    month (1-6月, 1—6月, 1月-6月, 1-6月目标) now names that month's milestone; 1-6月完成 is still
    the figure reached, and 4-6月 (one quarter's share alone) is no such column."""
    table = _target_table(isolated, ["1-3月", "1-6月", "1月-9月", "1—12月目标"])
    said = _run(runner, "import", str(table), "--on", "2025-01-20")
    unknown = said.split("不认得的列")[-1].split("。")[0]
    assert "1-3月" not in unknown and "1-6月" not in unknown
    # 启动2个 beside 2.1's figures is its step by March (session 27: kept as written before)
    assert "不是进度百分数" not in said
    items = {i["id"]: i for i in tomllib.loads(isolated.read_text("utf-8"))["item"]}
    assert items["1.1"]["milestone"] == [
        {"due": "2025-03", "value": 5},
        {"due": "2025-06", "value": 12},
        {"due": "2025-09", "value": 20},
        {"due": "2025-12", "value": 30},
    ]
    assert not any(key.startswith("1") for key in items["1.1"])
    assert items["2.1"]["milestone"][:2] == [
        {"due": "2025-03", "note": "启动2个"},
        {"due": "2025-06", "value": 2},
    ]
    _run(runner, "record", "1.1", "6.2", "--on", "2025-06-28")
    status = _run(runner, "status", "--as-of", "2025-07-05")
    assert "1.1 完成固定资产投资：2025-06（应达 12亿元 40%）未达到" in status
    # the figure reached and one quarter's share are not milestones
    other = _target_table(isolated, ["1-3月完成", "1-6月完成", "4-6月", "7-9月"])
    isolated.unlink()
    _run(runner, "import", str(other), "--on", "2025-07-20")
    items = {i["id"]: i for i in tomllib.loads(isolated.read_text("utf-8"))["item"]}
    assert "milestone" not in items["1.1"] and items["1.1"]["4-6月"] == 20


def test_the_words_of_a_quarter_go_back_in_the_exported_table(
    runner: CliRunner, isolated: Path
) -> None:
    """大雁塔街道's 老旧小区改造 is to be 启动2个 by March, and its 社区食堂 选址 by March, 建成1个
    by June: words, not a figure the pace can follow, so `plan import` kept them under the
    column's name (and said so). `plan export` left those columns out (read back, it thought,
    they would be milestones), so the table sent to the 街道's 分管领导 and imported back had lost
    选址, 建成1个… for good. They now go back under their headers, and the import keeps them as
    words again: the plan imported from the export has them as the first import had."""
    table = _target_table(isolated, ["1-3月", "1-6月", "1-9月", "1-12月"])
    _run(runner, "import", str(table), "--on", "2025-01-20")
    _run(runner, "add", "2", "新建社区食堂（老年助餐点）", "--target", "3", "--measure", "个",
         "--on", "2025-01-21")  # fmt: skip
    text = isolated.read_text("utf-8")
    text = text.replace(
        'measure = "个"\ntarget = 3\n',
        'measure = "个"\ntarget = 3\n"1-3月" = "选址"\n"1-6月" = "建成1个"\n',
    )
    isolated.write_text(text, encoding="utf-8")
    first = {i["id"]: i for i in tomllib.loads(isolated.read_text("utf-8"))["item"]}
    assert first["2.2"]["1-6月"] == "建成1个"
    assert first["2.1"]["milestone"][0] == {"due": "2025-03", "note": "启动2个"}
    out = isolated.parent / "推进情况表.xlsx"
    _run(runner, "export", "--out", str(out), "--as-of", "2025-06-30")
    isolated.unlink()
    _run(runner, "import", str(out))
    again = {i["id"]: i for i in tomllib.loads(isolated.read_text("utf-8"))["item"]}
    assert again["2.2"]["1-3月"] == "选址" and again["2.2"]["1-6月"] == "建成1个"
    assert again["2.1"]["milestone"] == first["2.1"]["milestone"]
    assert again["1.1"]["milestone"] == first["1.1"]["milestone"]


_QINGDAN = [
    "胜利乡2025年农村牧区重点工作任务清单",
    "序号,工作任务,嘎查村,包联领导,责任站所,任务量,单位,完成时限,完成情况",
    "1,玉米单产提升,,王国华,农服中心,3.2,万亩,2025年10月底,",
    "1.1,玉米单产提升,哈日干图嘎查,李树林,农服中心,1.2,万亩,2025年10月底,",
    "1.2,玉米单产提升,胜利村,张海,农服中心,2,万亩,2025年10月底,",
    "2,中幼林抚育,,巴特尔,林业站,5000,亩,2025年11月,",
    "3,嘎查村环境卫生整治,各嘎查村,王国华,乡村建设办,12,个,常态化推进,",
]


def _qingdan(isolated: Path) -> Path:
    table = isolated.parent / "胜利乡重点工作清单.csv"
    table.write_bytes(("\r\n".join(_QINGDAN) + "\r\n").encode("gbk"))
    return table


def test_the_task_amount_and_the_leader_who_answers_for_a_village_are_read(
    runner: CliRunner, isolated: Path
) -> None:
    """胜利乡's 清单 gives each task its 任务量 (3.2万亩 of 玉米单产提升, 5000亩 of 中幼林抚育) and
    the 包联领导 who answers for it. Both were kept as columns of unknown meaning: no task had a
    target, so `plan record 2 3000` counted nothing (未设目标值) and the report gave no 完成率
    of an area; and `plan list --who 巴特尔` found nothing. 任务量 (年度任务量, 目标任务量) is
    now the target, and 包联领导 (包村领导, 包抓领导, 包片领导) the leader, as 包保领导 was."""
    said = _run(runner, "import", str(_qingdan(isolated)), "--on", "2025-03-10")
    assert "任务量" not in said and "包联领导" not in said
    items = {i["id"]: i for i in tomllib.loads(isolated.read_text("utf-8"))["item"]}
    assert (items["2"]["target"], items["2"]["measure"], items["2"]["lead"]) == (
        5000,
        "亩",
        "巴特尔",
    )
    assert (items["1.1"]["target"], items["1.1"]["lead"]) == (1.2, "李树林")
    assert not any(key in item for item in items.values() for key in ("任务量", "包联领导"))
    recorded = _run(runner, "record", "2", "3000", "--on", "2025-08-30")
    assert "完成值 — → 3000亩" in recorded
    shown = _run(runner, "show", "2", "--as-of", "2025-08-31")
    assert "60%" in shown and "巴特尔" in shown
    listed = _run(runner, "list", "--who", "巴特尔", "--flat")
    assert "中幼林抚育" in listed and "玉米单产提升" not in listed


def test_a_villages_share_of_a_task_is_named_by_its_village(
    runner: CliRunner, isolated: Path
) -> None:
    """胜利乡's 玉米单产提升 (3.2万亩) is shared among its 嘎查村: 哈日干图嘎查 1.2万亩, 胜利村 2万亩,
    each row titled 玉米单产提升 as its 清单 writes it, the village in the 嘎查村 column. Imported,
    `plan list` showed two tasks 1.1 玉米单产提升 and 1.2 玉米单产提升, and the year-end report
    said 玉米单产提升·玉米单产提升（1.1）逾期 — which village, nobody could tell. A share whose
    title repeats its goal's (or a sibling's) is now titled with its village, 玉米单产提升（哈日
    干图嘎查）, the column kept as written beside it; a title of its own is left as it is."""
    _run(runner, "import", str(_qingdan(isolated)), "--on", "2025-03-10")
    items = {i["id"]: i for i in tomllib.loads(isolated.read_text("utf-8"))["item"]}
    assert items["1.1"]["title"] == "玉米单产提升（哈日干图嘎查）"
    assert items["1.2"]["title"] == "玉米单产提升（胜利村）"
    assert items["1.1"]["嘎查村"] == "哈日干图嘎查"
    assert items["1"]["title"] == "玉米单产提升"
    assert items["3"]["title"] == "嘎查村环境卫生整治"  # 各嘎查村: its own title
    _run(runner, "record", "1.1", "1.25", "--on", "2025-10-20")
    listed = _run(runner, "list", "--as-of", "2025-11-05")
    assert "1.1 玉米单产提升（哈日干图嘎查）" in listed and "1.2 玉米单产提升（胜利村）" in listed
    report = _run(runner, "report", "--as-of", "2025-12-31")
    assert "玉米单产提升·玉米单产提升" not in report
    assert "玉米单产提升（哈日干图嘎查）：完成时限为2025年10月底，逾期未完成" in "".join(
        report.split()
    ), report


_HOTLINE_PLAN = """\
[plan]
title = "雁塔区大雁塔街道2025年度目标任务分解表"
organisation = "雁塔区大雁塔街道"
year = 2025

[[item]]
id = "1"
title = "民生实事"

[[item]]
id = "1.1"
title = "12345热线工单按时办结率"
lead_unit = "综治中心"
measure = "%"
target = 98
target_text = "≥98%"

[[item]]
id = "1.2"
title = "老旧小区改造"
lead_unit = "城建办"
measure = "个"
target = 6
"""


def test_a_rate_to_hold_all_year_is_not_offered_for_tick_off_in_spring(
    runner: CliRunner, isolated: Path, at_terminal
) -> None:
    """大雁塔街道's 12345热线工单按时办结率 is to be ≥98% all year, month by month. April's 98.6%
    made `plan record` ask 是否同时销号 — answered 是, the rate was ticked off in April and no
    month after it counted; unanswered, `plan status` and the half-year report said 1项完成率已达
    100%、尚未销号 and 下一步核实后及时销号. A rate held at or above a floor (≥98%, 不低于95%, a
    percent) is now held all year as a limit is: no tick-off offered before its deadline, counted
    as held so far, not as waiting to be ticked off; from its deadline on it is asked as before."""
    isolated.write_text(_HOTLINE_PLAN, encoding="utf-8")
    said = runner.invoke(app, ["record", "1.1", "98.6", "--on", "2025-04-30"], input="是\n")
    assert said.exit_code == 0, said.output
    assert "是否同时销号" not in said.output
    item = tomllib.loads(isolated.read_text("utf-8"))["item"][1]
    assert item.get("status") != "done" and item["actual"] == 98.6
    status = _run(runner, "status", "--as-of", "2025-06-30")
    assert "尚未销号" not in status
    report = "".join(_run(runner, "report", "--as-of", "2025-06-30").split())
    assert "尚未销号" not in report and "核实后及时销号" not in report
    assert "另有1项指标目前保持在目标范围内" in report
    # at the year's end the rate held is done: asked, and ticked off
    said = runner.invoke(app, ["record", "1.1", "98.9", "--on", "2025-12-31"], input="是\n")
    assert "是否同时销号" in said.output
    assert tomllib.loads(isolated.read_text("utf-8"))["item"][1]["status"] == "done"


def test_an_imported_rate_at_its_floor_is_not_advised_for_tick_off(
    runner: CliRunner, isolated: Path
) -> None:
    """大雁塔街道's 1-6月 台账, imported in July, has 12345热线工单按时办结率 at 98.6% of ≥98%:
    `plan import` advised 1 的完成值已达到目标值…核实后用 plan done 1 --on 2025-07-05 销号, as
    for 老旧小区改造 done — a rate held all year ticked off in July. A rate at or above its floor
    is now left out of that advice, as a limit kept (控制在…以内) is; a figure reached is still
    named."""
    table = isolated.parent / "1-6月台账.csv"
    table.write_text(
        "序号,工作任务,单位,目标值,完成值\n"
        "1,12345热线工单按时办结率,%,≥98%,98.6%\n"
        "2,老旧小区改造,个,6,6\n",
        encoding="utf-8",
    )
    said = _run(runner, "import", str(table), "--year", "2025", "--on", "2025-07-05")
    assert "2 的完成值已达到目标值" in said and "plan done 2 --on 2025-07-05" in said
    assert "plan done 1" not in said and "1、2 的完成值" not in said
    items = tomllib.loads(isolated.read_text("utf-8"))["item"]
    assert items[0]["actual"] == 98.6 and items[0].get("status") != "done"
