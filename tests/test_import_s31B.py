"""Session 31 (B): what an office's 工作台账 still lost on the way in: a progress column per
quarter or month (only the first became a note), a target written only in the title
(新增市场主体3000户以上), a target typed with 千/万 or in exponent notation, and ledgers in the
shapes 镇/街道 offices keep them. Each test checks what was printed, the exit code and what is
on disk."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .test_import import items_of, run, workbook

# ---------------------------------------------------------------- a progress column per period


def test_each_quarters_progress_column_becomes_a_note_dated_at_the_quarters_end(
    tmp_path, plan_file
):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        [
            "序号",
            "工作任务",
            "责任单位",
            "完成时限",
            "一季度完成情况",
            "二季度完成情况",
            "三季度完成情况",
        ],
        [1, "修建村道", "交通办", "12月底", "完成设计", "完成招标", "完成路基"],
        [2, "招商引资", "经发办", "12月底", "签约2家", None, "签约5家"],
        [3, "建文化站", "文化站", "12月底", "完成选址", "已完成", None],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["log"] == [
        {"on": dt.date(2024, 3, 31), "note": "完成设计"},
        {"on": dt.date(2024, 6, 30), "note": "完成招标"},
        {"on": dt.date(2024, 9, 30), "note": "完成路基"},
    ]
    assert items["2"]["log"] == [
        {"on": dt.date(2024, 3, 31), "note": "签约2家"},
        {"on": dt.date(2024, 9, 30), "note": "签约5家"},
    ]
    # the newest note is the progress the other paths read: 已完成 in 二季度 marks it done
    assert items["3"]["status"] == "done"
    assert [e["note"] for e in items["3"]["log"]] == ["完成选址", "已完成"]
    for item in items.values():
        assert not any("完成情况" in key for key in item), item
    assert "读作同一项" not in result.stderr
    assert "二季度完成情况" in result.stderr and "各自的期末" in result.stderr


def test_month_progress_columns_and_a_half_year_become_notes_in_order(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "责任单位", "1月进展", "上半年工作进展", "10月份进展情况"],
        [1, "修建村道", "交通办", "完成设计", "完成招标", "完成路基"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    assert items_of(plan_file)["1"]["log"] == [
        {"on": dt.date(2024, 1, 31), "note": "完成设计"},
        {"on": dt.date(2024, 6, 30), "note": "完成招标"},
        {"on": dt.date(2024, 10, 31), "note": "完成路基"},
    ]
    assert "不认得的列" not in result.stderr


def test_month_columns_under_a_merged_monthly_progress_header_become_notes(tmp_path, plan_file):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "责任单位", "月度进展", None, None],
        [None, None, None, "1月", "2月", "3月"],
        [1, "修建村道", "交通办", "完成设计", "完成招标", "开工"],
    ]
    path = workbook(tmp_path / "台账.xlsx", rows, merges=("D2:F2", "A2:A3", "B2:B3", "C2:C3"))
    result = run(str(path))
    assert result.exit_code == 0, result.output
    assert items_of(plan_file)["1"]["log"] == [
        {"on": dt.date(2024, 1, 31), "note": "完成设计"},
        {"on": dt.date(2024, 2, 29), "note": "完成招标"},
        {"on": dt.date(2024, 3, 31), "note": "开工"},
    ]


def test_quarter_columns_of_figures_stay_milestones_and_one_progress_column_as_before(
    tmp_path, plan_file
):
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "目标值", "计量单位", "一季度完成", "二季度完成", "上半年完成情况"],
        [1, "植树造林", 1200, "亩", 300, 600, "已完成600亩"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    item = items_of(plan_file)["1"]
    assert [m["due"] for m in item["milestone"]] == ["2024-Q1", "2024-Q2"]
    assert item["log"] == [{"on": dt.date(2024, 6, 30), "note": "已完成600亩"}]
    assert "各自的期末" not in result.stderr
