"""plan import of the ledgers county and town offices keep (工作台账, 推进情况表, 督查台账) as
Excel and WPS leave them: deadlines written the way such ledgers word them, dates an Excel cell
holds as a bare number (a date cell formatted as General, 45291), years in full-width or
Chinese digits."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from .test_import import items_of, read_plan, run, workbook

LEDGER_DEADLINES: list[tuple[Any, Any]] = [
    ("全年持续推进", dt.date(2024, 12, 31)),
    ("全年持续开展", dt.date(2024, 12, 31)),
    ("长期坚持", None),
    ("常态化", None),
    ("年底前", dt.date(2024, 12, 31)),
    ("6月底前", "2024-06"),
    ("三季度", "2024-Q3"),
    ("2023年12月", "2023-12"),
    ("今年底", dt.date(2024, 12, 31)),
    ("今年年底前", dt.date(2024, 12, 31)),
    ("二〇二四年六月底前", "2024-06"),
    ("20240630", dt.date(2024, 6, 30)),
    (20240930, dt.date(2024, 9, 30)),
]


def test_the_deadlines_ledgers_write_are_read(tmp_path, plan_file):
    rows: list[list[Any]] = [["2024年工作台账"], ["序号", "工作任务", "完成时限"]]
    rows += [[n, f"任务{n}", written] for n, (written, _) in enumerate(LEDGER_DEADLINES, 1)]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    for n, (written, expected) in enumerate(LEDGER_DEADLINES, start=1):
        assert items[str(n)].get("due") == expected, written


def test_a_date_excel_holds_as_a_bare_number_is_read_as_that_day_and_said(tmp_path, plan_file):
    # A date cell formatted as General shows (and holds) 45291; a CSV Excel wrote holds it
    # as the text "45291"; a date with a time, 45473.5.
    rows: list[list[Any]] = [
        ["2024年工作台账"],
        ["序号", "工作任务", "完成时限", "完成日期", "状态"],
        [1, "修塘", 45473, None, "进行中"],
        [2, "修路", "45657", 45400, "已完成"],
        [3, "建馆", 45473.5],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    assert items["1"]["due"] == dt.date(2024, 6, 30)
    assert items["2"]["due"] == dt.date(2024, 12, 31)
    assert items["2"]["done_on"] == dt.date(2024, 4, 18)
    assert items["3"]["due"] == dt.date(2024, 6, 30)
    assert (
        "注意：这些单元格是一个数字，按 Excel 的日期序号读作日期（单元格设为“常规”格式的日期就是"
        "这样）：Sheet1!C3 45473 → 2024-06-30、Sheet1!C4 '45657' → 2024-12-31、"
        "Sheet1!D4 45400 → 2024-04-18、Sheet1!C5 45473.5 → 2024-06-30；请核对。"
    ) in result.stderr


def test_a_number_in_a_deadline_cell_that_is_no_date_is_still_refused(tmp_path, plan_file):
    rows = [["序号", "工作任务", "完成时限"], [1, "修塘", 2024], [2, "修路", 123]]
    result = run(str(workbook(tmp_path / "2024.xlsx", rows)))
    assert result.exit_code == 1, result.output
    assert "Sheet1!C2（完成时限）：发现 2024；应为完成时限" in result.stderr
    assert "Sheet1!C3（完成时限）：发现 123；应为完成时限" in result.stderr
    assert not plan_file.exists()


@pytest.mark.parametrize(
    "title", ["泉湖镇２０２４年重点工作推进情况表", "泉湖镇二〇二四年重点工作推进情况表"]
)
def test_a_title_with_its_year_in_full_width_or_chinese_digits_gives_the_plans_year(
    tmp_path, plan_file, title
):
    rows = [
        [title],
        ["序号", "工作任务", "完成时限"],
        [1, "修塘", "年底前"],
    ]
    result = run(str(workbook(tmp_path / "t.xlsx", rows)))
    assert result.exit_code == 0, result.output
    assert read_plan(plan_file)["plan"]["year"] == 2024
    assert items_of(plan_file)["1"]["due"] == dt.date(2024, 12, 31)


def test_a_deadline_cell_over_two_lines_is_quoted_on_one_line_in_the_error(tmp_path, plan_file):
    rows = [["序号", "工作任务", "完成时限"], [1, "修塘", "6月底前\n（第一阶段3月底前）"]]
    result = run(str(workbook(tmp_path / "2024.xlsx", rows)))
    assert result.exit_code == 1, result.output
    line = next(x for x in result.stderr.splitlines() if "Sheet1!C2（完成时限）" in x)
    assert "一个单元格里有几个时限（“6月底前（第一阶段3月底前）”）：请只写最终的完成时限" in line
