"""The office's monthly loop: `plan export` of the 推进情况表, the table opened and saved in a
spreadsheet program (Excel, WPS, LibreOffice), and `plan import` of what comes back."""

from __future__ import annotations

import tomllib
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from quanhu_plan.cli import app

PLAN = """\
[plan]
title = "石桥镇2023年工作计划"
organisation = "石桥镇人民政府"
year = 2023
start = 2023-01-01
end = 2023-12-31
lang = "zh"

[[item]]
id = "1"
title = "抓好农业生产"
{tasks}
[[item]]
id = "2"
title = "安全生产"

[[item]]
id = "2.1"
title = "常态化开展安全检查"
"""


def _plan(tmp_path: Path, numbers: list[int]) -> Path:
    tasks = "".join(f'\n[[item]]\nid = "1.{n}"\ntitle = "任务{n}"\n' for n in numbers)
    path = tmp_path / "plan.toml"
    path.write_text(PLAN.format(tasks=tasks), encoding="utf-8")
    return path


def _ids(path: Path) -> list[str]:
    return [item["id"] for item in tomllib.loads(path.read_text(encoding="utf-8"))["item"]]


def _import(tmp_path: Path, table: Path) -> tuple[int, str, list[str]]:
    out = tmp_path / "back.toml"
    result = CliRunner().invoke(app, ["import", str(table), "--out", str(out)])
    return result.exit_code, result.output, _ids(out) if out.exists() else []


def test_ids_1_10_that_a_spreadsheet_saved_as_the_number_1_1_come_back_as_1_10_in_csv(tmp_path):
    # Excel and LibreOffice open a CSV's 1.10 as the number 1.1 and save it so: the task
    # must keep its id (a gap before it, from a task removed, included).
    plan = _plan(tmp_path, [1, 2, 3, 5, 6, 7, 8, 10, 11, 20])
    table = tmp_path / "推进情况表.csv"
    result = CliRunner().invoke(app, ["-f", str(plan), "export", "--out", str(table)])
    assert result.exit_code == 0, result.output
    lines = table.read_text(encoding="utf-8-sig").splitlines()
    saved = [line.replace("1.10,", "1.1,", 1).replace("1.20,", "1.2,", 1) for line in lines]
    assert saved != lines
    table.write_text("\n".join(saved) + "\n", encoding="utf-8")
    code, output, ids = _import(tmp_path, table)
    assert code == 0, output
    assert ids == _ids(plan)
    assert "按位置重新编排" not in output
    assert "1.10" in output and "1.20" in output  # said, with the rows
    assert "按位置重新编排" not in output


def test_ids_1_10_saved_as_number_cells_come_back_as_1_10_in_a_workbook(tmp_path):
    plan = _plan(tmp_path, [1, 2, 4, 5, 6, 7, 8, 9, 10, 11])
    table = tmp_path / "推进情况表.xlsx"
    result = CliRunner().invoke(app, ["-f", str(plan), "export", "--out", str(table)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(table)
    sheet = book.active
    for row in sheet.iter_rows(min_row=4, max_col=1):  # the 序号 as a CSV opened in Excel holds it
        text = str(row[0].value)
        if "." in text:
            row[0].value = float(text)
    book.save(table)
    code, output, ids = _import(tmp_path, table)
    assert code == 0, output
    assert ids == _ids(plan)
    assert "按位置重新编排" not in output


# ---------------------------------------------------------------- next year's plan


def _new_title(tmp_path: Path, title: str) -> tuple[str, str]:
    plan = _plan(tmp_path, [1, 2])
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("石桥镇2023年工作计划", title), encoding="utf-8"
    )
    out = tmp_path / "plan-2024.toml"
    result = CliRunner().invoke(app, ["-f", str(plan), "new", "2024", "--out", str(out), "--force"])
    assert result.exit_code == 0, result.output
    return tomllib.loads(out.read_text(encoding="utf-8"))["plan"]["title"], result.output


def test_a_title_with_its_year_in_chinese_numerals_gets_next_years_in_them(tmp_path):
    # 公文 write the year 二〇二三年: the new plan is not titled 二〇二三年…（2024年）.
    title, output = _new_title(tmp_path, "石桥镇二〇二三年工作计划")
    assert title == "石桥镇二〇二四年工作计划"
    assert "已新建 石桥镇二〇二四年工作计划（2024-01-01 至 2024-12-31）" in output
    assert _new_title(tmp_path, "石桥镇二零二三年工作要点")[0] == "石桥镇二零二四年工作要点"


def test_a_years_range_in_the_title_stays_and_only_the_plans_own_year_moves(tmp_path):
    # A three-year action's yearly plan: 2023—2025年 is the action's span, not this plan's year.
    title, output = _new_title(tmp_path, "石桥镇乡村振兴2023—2025年三年行动2023年度计划")
    assert title == "石桥镇乡村振兴2023—2025年三年行动2024年度计划"
    assert title in output
    assert _new_title(tmp_path, "2021-2023年三年行动2023年度计划")[0] == (
        "2021-2023年三年行动2024年度计划"
    )
    assert _new_title(tmp_path, "2023至2025年规划")[0] == "2023至2025年规划（2024年）"


# ---------------------------------------------------------------- deadlines Excel made dates


def test_a_month_that_excel_keeps_as_a_date_shown_without_its_day_is_that_month(tmp_path):
    # Excel and WPS turn a typed 2023年10月 (and a CSV's 2023-10 opened in them) into the date
    # 2023-10-01 shown as 2023年10月 or Oct-23: the deadline is the month, not its first day.
    import datetime as dt

    plan = _plan(tmp_path, [1, 2, 3])
    table = tmp_path / "推进情况表.xlsx"
    result = CliRunner().invoke(app, ["-f", str(plan), "export", "--out", str(table)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(table)
    sheet = book.active
    formats = {"1.1": 'yyyy"年"m"月"', "1.2": "mmm-yy", "1.3": "yyyy/m/d"}
    for row in sheet.iter_rows(min_row=4):
        if row[0].value in formats:
            row[6].value = dt.datetime(2023, 10, 1)
            row[6].number_format = formats[row[0].value]
    book.save(table)
    out = tmp_path / "back.toml"
    result = CliRunner().invoke(app, ["import", str(table), "--out", str(out)])
    assert result.exit_code == 0, result.output
    due = {i["id"]: i.get("due") for i in tomllib.loads(out.read_text(encoding="utf-8"))["item"]}
    assert due["1.1"] == "2023-10"
    assert due["1.2"] == "2023-10"
    assert due["1.3"] == dt.date(2023, 10, 1)  # a format that shows the day: the day


def test_a_percent_a_spreadsheet_saved_with_decimals_comes_back_a_whole_progress(tmp_path):
    # LibreOffice saves the CSV's 40% as 40.00%: the plan says progress = 40, not 40.0.
    plan = _plan(tmp_path, [1, 2])
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(
            'title = "任务2"\n', 'title = "任务2"\nstatus = "doing"\nprogress = 40\n'
        ),
        encoding="utf-8",
    )
    table = tmp_path / "推进情况表.csv"
    result = CliRunner().invoke(app, ["-f", str(plan), "export", "--out", str(table)])
    assert result.exit_code == 0, result.output
    text = table.read_text(encoding="utf-8-sig")
    assert ",40%," in text
    table.write_text(text.replace(",40%,", ",40.00%,"), encoding="utf-8")
    out = tmp_path / "back.toml"
    result = CliRunner().invoke(app, ["import", str(table), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "progress = 40\n" in out.read_text(encoding="utf-8")


def test_dotted_numbers_that_start_again_under_each_category_are_not_read_as_lost_zeros(tmp_path):
    # A 任务分解表 numbering 1, 1.1, 1.2 afresh under 一、 and 二、: the second 1.1 is no 1.10.
    table = tmp_path / "任务分解表.csv"
    table.write_text(
        "序号,工作任务,牵头单位,完成时限\n,一、产业发展,,\n1,油茶,,\n1.1,新建基地,林业站,年底前\n"
        "1.2,扩建基地,林业站,年底前\n,二、民生保障,,\n1,养老,,\n1.1,建敬老院,民政办,年底前\n",
        encoding="utf-8",
    )
    out = tmp_path / "plan.toml"
    result = CliRunner().invoke(app, ["import", str(table), "--out", str(out), "--year", "2023"])
    assert result.exit_code == 0, result.output
    assert "1.10" not in result.output
    items = tomllib.loads(out.read_text(encoding="utf-8"))["item"]
    assert {i["id"]: i["title"] for i in items} == {
        "1": "产业发展",
        "1.1": "油茶",
        "1.1.1": "新建基地",
        "1.1.2": "扩建基地",
        "2": "民生保障",
        "2.1": "养老",
        "2.1.1": "建敬老院",
    }


def test_rows_sorted_out_of_order_keep_their_ids_and_are_not_read_as_lost_zeros(tmp_path):
    # A table sorted by unit in Excel: 1.5 above 1.3 is no 1.30; only a 序号 two rows share
    # (1.1 and the 1.10 saved as 1.1) can have lost its zero.
    table = tmp_path / "推进情况表.csv"
    table.write_text(
        "序号,工作任务,牵头单位,完成时限\n1,产业发展,,\n1.5,任务五,林业站,年底前\n"
        "1.3,任务三,农业股,年底前\n1.4,任务四,农业股,年底前\n",
        encoding="utf-8",
    )
    out = tmp_path / "plan.toml"
    result = CliRunner().invoke(app, ["import", str(table), "--out", str(out), "--year", "2023"])
    assert result.exit_code == 0, result.output
    assert "1.30" not in result.output
    assert _ids(out) == ["1", "1.5", "1.3", "1.4"]


def test_a_split_year_in_the_title_moves_whole(tmp_path):
    # A school or fiscal year written 2023/2024 (or 2022/2023 for a plan of 2023) is next year
    # 2024/2025 (2023/2024), not 2024/2024.
    assert _new_title(tmp_path, "石桥镇2023/2024学年工作计划")[0] == "石桥镇2024/2025学年工作计划"
    assert _new_title(tmp_path, "石桥镇2022／2023年度工作计划")[0] == (
        "石桥镇2023／2024年度工作计划"
    )
