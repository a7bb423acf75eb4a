"""Session 32 (B): ledger import leftovers and hostile cells. Recurring deadlines (每季度,
每月底前) read as the year's last occurrence; the headers a 工作台账 adds (亮灯情况, 推进状态,
县级编号); a task 已完成 with no date; a dry run's wording; progress in a 进展 column; figures
in a 工作标准 column; and cells built to hurt (formulas, huge text, escapes, odd dates). Each
test checks what was printed, the exit code and what is on disk."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .test_import import items_of, run, workbook

LEDGER_HEAD = ["序号", "工作任务", "责任单位", "完成时限"]

# ---------------------------------------------------------------- recurring deadlines


def test_recurring_deadlines_read_as_the_years_last_occurrence_with_the_words_kept(
    tmp_path, plan_file
):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        LEDGER_HEAD,
        [1, "安全生产检查", "应急办", "每季度"],
        [2, "河长制巡河", "水利站", "每季度末、年底前"],
        [3, "报送工作动态", "党政办", "每月底前"],
        [4, "防汛演练", "应急办", "按季度"],
        [5, "网格巡查", "综治办", "每周"],
        [6, "信访研判", "信访办", "每月10日前"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["due"] == "2024-Q4"
    assert items["2"]["due"] == dt.date(2024, 12, 31)
    assert items["3"]["due"] == "2024-12"
    assert items["4"]["due"] == "2024-Q4"
    assert "due" not in items["5"]  # weekly work is standing work: no deadline of its own
    assert items["6"]["due"] == dt.date(2024, 12, 10)
    words = {key: item["完成时限原文"] for key, item in items.items()}
    assert words == {
        "1": "每季度",
        "2": "每季度末、年底前",
        "3": "每月底前",
        "4": "按季度",
        "5": "每周",
        "6": "每月10日前",
    }
    assert "周期性" in result.stderr and "最后一次" in result.stderr
    assert "第 3 行“每季度”→ 2024-Q4" in " ".join(result.stderr.split())


def test_a_recurring_deadline_in_a_july_year_is_the_periods_last(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇重点工作台账"],
        ["计划期：2024年7月至2025年6月"],
        LEDGER_HEAD,
        [1, "安全生产检查", "应急办", "每季度"],
        [2, "报送工作动态", "党政办", "每月底前"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["due"] == "2025-Q2"
    assert items["2"]["due"] == "2025-06"
