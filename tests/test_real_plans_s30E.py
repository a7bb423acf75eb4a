"""Real plans of other towns and counties, run for a year (session 30, helper E).

平湖市 (浙江) reports its 2025 政府工作报告 tasks each quarter in a table headed 分管市长 | 序号 |
主要工作任务 | 一季度重点工作完成情况 | 责任单位, the 分管市长 merged down over his tasks and the
lead unit marked with a ★ among the units (★财政局、税务局;
http://www.pinghu.gov.cn/art/2025/4/18/art_1229591437_5499334.html). The deadlines, the 备注 and
the second leader's tasks are made up here in the shape such ledgers have."""

from __future__ import annotations

import datetime as dt

from .test_import import items_of, run, workbook

# fmt: off
PINGHU = [
    ["平湖市2025年政府工作报告主要工作任务推进表"],
    ["分管市长", "序号", "主要工作任务", "一季度重点工作完成情况", "责任单位", "完成时限", "备注"],
    ["周军波", 1, "一般公共预算收入增长2.5%。",
     "1-3月份全市一般公共预算收入完成37.58亿元，同比增长1.9%", "★财政局、税务局",
     "2025年12月底前", None],
    [None, 2, "编制公布重大行政决策目录，实现市镇两级全覆盖。", "已审查行政规范性文件13件",
     "★司法局", dt.date(2025, 6, 30), None],
    [None, None, None, None, None, None, None],
    ["王某某", 3, "改造农村户厕120户。", "已摸底", "卫健局、★农业农村局、各镇街道", "2025.10",
     "季度通报"],
]
PINGHU_MERGES = ("A1:G1", "A3:A4", "A6:A6")
# fmt: on


def test_a_main_tasks_column_under_a_leader_by_post_is_read(tmp_path, plan_file):
    """主要工作任务 named no column the import knew, nor 分管市长: the whole table was refused
    (找不到表头行) though every other header was a known one."""
    result = run(str(workbook(tmp_path / "平湖.xlsx", PINGHU, PINGHU_MERGES)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["title"] == "一般公共预算收入增长2.5%。"
    assert (items["1"]["lead"], items["2"]["lead"], items["3"]["lead"]) == (
        "周军波",
        "周军波",
        "王某某",
    )
    assert items["1"]["log"][0]["note"].startswith("1-3月份全市一般公共预算收入")
    assert items["3"]["备注"] == "季度通报"


def test_the_starred_unit_leads_and_its_star_is_no_part_of_its_name(tmp_path, plan_file):
    """★ marks the 牵头单位 among a task's units. It was kept in the name (★财政局), so that
    plan list --who 财政局 missed it, and a starred unit written second stayed second."""
    result = run(str(workbook(tmp_path / "平湖.xlsx", PINGHU, PINGHU_MERGES)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["lead_unit"] == ["财政局", "税务局"]
    assert items["2"]["lead_unit"] == "司法局"
    assert items["3"]["lead_unit"] == ["农业农村局", "卫健局", "各镇街道"]
    assert "★" not in plan_file.read_text(encoding="utf-8")
