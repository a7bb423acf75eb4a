"""The 推进情况表 as an office round-trips it: `plan export`, a colleague's edits in Excel / WPS /
LibreOffice (rows sorted, inserted and deleted, dates typed both ways, a formula, merged cells,
a column of their own), and `plan import` of what comes back."""

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

[[item]]
id = "1.1"
title = "落实粮食播种面积"
lead_unit = "农业股"
due = 2023-10-31

[[item]]
id = "1.2"
title = "整治耕地抛荒"
lead_unit = "自然资源所"
due = 2023-06-30

[[item]]
id = "1.3"
title = "建设高标准农田"
lead_unit = "农业股"
due = 2023-12-31
"""


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def _plan_with_a_record(tmp_path: Path) -> Path:
    plan = tmp_path / "plan.toml"
    plan.write_text(PLAN, encoding="utf-8")
    code, output = _run("-f", str(plan), "done", "1.2", "--on", "2023-05-20", "--note", "已整治")
    assert code == 0, output
    return plan


def _exported(plan: Path, tmp_path: Path) -> Path:
    table = tmp_path / "推进情况表.xlsx"
    code, output = _run("-f", str(plan), "export", "--as-of", "2023-06-30", "--out", str(table))
    assert code == 0, output
    return table


def _rows_deleted(table: Path, ids: set[str]) -> None:
    book = openpyxl.load_workbook(table)
    sheet = book.active
    for row in reversed(range(4, sheet.max_row + 1)):
        if sheet.cell(row, 1).value in ids:
            sheet.delete_rows(row)
    book.save(table)


# ---------------------------------------------------------------- the table over the plan


def test_a_table_with_a_row_deleted_does_not_replace_the_plan_with_force_alone(tmp_path):
    # The colleague deleted 1.3's row (not theirs to report). Imported with --force over the
    # plan, the task and the plan's record of changes would go without a word.
    plan = _plan_with_a_record(tmp_path)
    before = plan.read_bytes()
    table = _exported(plan, tmp_path)
    _rows_deleted(table, {"1.3"})
    code, output = _run("-f", str(plan), "import", str(table), "--force")
    assert code == 1, output
    assert plan.read_bytes() == before
    assert "1.3 建设高标准农田" in output
    assert "1 条修改记录" in output
    assert "plan rm" in output and "--replace" in output
    assert "没有写入任何文件" in output
    assert "Traceback" not in output


def test_replace_is_the_flag_that_drops_what_the_table_lacks(tmp_path):
    plan = _plan_with_a_record(tmp_path)
    table = _exported(plan, tmp_path)
    _rows_deleted(table, {"1.3"})
    code, output = _run("-f", str(plan), "import", str(table), "--force", "--replace")
    assert code == 0, output
    ids = [item["id"] for item in tomllib.loads(plan.read_text(encoding="utf-8"))["item"]]
    assert ids == ["1", "1.1", "1.2"]


def test_force_alone_still_overwrites_a_plan_the_table_holds_all_of(tmp_path):
    # A plan made by importing a table, imported again after an edit: nothing is lost, so
    # --force is enough, as it was.
    plan = tmp_path / "plan.toml"
    plan.write_text(PLAN, encoding="utf-8")
    table = _exported(plan, tmp_path)
    code, output = _run("-f", str(plan), "import", str(table), "--force")
    assert code == 0, output
    code, output = _run("-f", str(plan), "import", str(table), "--force")
    assert code == 0, output


def test_the_english_words_of_the_refusal(tmp_path):
    plan = _plan_with_a_record(tmp_path)
    table = _exported(plan, tmp_path)
    _rows_deleted(table, {"1.3"})
    code, output = _run("--lang", "en", "-f", str(plan), "import", str(table), "--force")
    assert code == 1, output
    assert "1.3 建设高标准农田" in output
    assert "1 change recorded" in output and "--replace" in output


def test_a_dry_run_over_the_plan_says_what_the_import_would_lose(tmp_path):
    plan = _plan_with_a_record(tmp_path)
    before = plan.read_bytes()
    table = _exported(plan, tmp_path)
    _rows_deleted(table, {"1.3"})
    code, output = _run("-f", str(plan), "import", str(table), "--dry-run")
    assert code == 0, output
    assert plan.read_bytes() == before
    assert "表格里没有的 1 项（1.3 建设高标准农田）和 1 条修改记录" in output


def test_another_table_over_a_plan_never_worked_on_needs_force_alone(tmp_path):
    # The wrong table imported first, the right one over it: a new plan, as --force says.
    plan = tmp_path / "plan.toml"
    plan.write_text(PLAN, encoding="utf-8")
    other = tmp_path / "其他.csv"
    other.write_text("序号,工作任务,牵头单位\n1,推进污水治理,环保站\n", encoding="utf-8")
    code, output = _run("-f", str(plan), "import", str(other), "--year", "2023", "--force")
    assert code == 0, output
    items = tomllib.loads(plan.read_text(encoding="utf-8"))["item"]
    assert [item["title"] for item in items] == ["推进污水治理"]


# ---------------------------------------------------------------- figures from formulas


def _with_saved_formulas(table: Path, formulas: dict[str, tuple[str, str]]) -> None:
    """Cells given a formula and the value a spreadsheet program saved for it (as Excel, WPS
    and LibreOffice save one: openpyxl writes no value), by address."""
    import re
    import zipfile

    book = openpyxl.load_workbook(table)
    for address, (formula, _) in formulas.items():
        book.active[address].value = formula
    book.save(table)
    with zipfile.ZipFile(table) as zipped:
        parts = {name: zipped.read(name) for name in zipped.namelist()}
    name = "xl/worksheets/sheet1.xml"
    xml = parts[name].decode("utf-8")
    for address, (formula, saved) in formulas.items():
        xml, count = re.subn(
            rf'(<c r="{address}"[^>]*>)<f>{re.escape(formula[1:])}</f><v></v>',
            rf"\1<f>{formula[1:]}</f><v>{saved}</v>",
            xml,
        )
        assert count == 1, address
    parts[name] = xml.encode("utf-8")
    with zipfile.ZipFile(table, "w") as zipped:
        for part, data in parts.items():
            zipped.writestr(part, data)


def _cell_of(table: Path, task: str, header: str) -> str:
    sheet = openpyxl.load_workbook(table).active
    row = next(r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 1).value == task)
    column = next(
        c
        for c in range(1, sheet.max_column + 1)
        if str(sheet.cell(3, c).value).replace("\n", "") == header
    )
    return sheet.cell(row, column).coordinate


def test_a_figure_a_formula_gives_comes_in_as_its_saved_value_and_is_said(tmp_path):
    # =B2*2 over the 填报单位 line: LibreOffice saves 0 (Excel #VALUE!); a 完成值 of 0 taken
    # without a word would undo the task's figure unseen.
    plan = tmp_path / "plan.toml"
    plan.write_text(PLAN.replace("due = 2023-10-31\n", "due = 2023-10-31\ntarget = 100\n"))
    table = _exported(plan, tmp_path)
    actual = _cell_of(table, "1.1", "完成值")
    _with_saved_formulas(table, {actual: ("=B2*2", "0")})
    out = tmp_path / "back.toml"
    code, output = _run("import", str(table), "--out", str(out))
    assert code == 0, output
    [item] = [i for i in tomllib.loads(out.read_text(encoding="utf-8"))["item"] if i["id"] == "1.1"]
    assert item["actual"] == 0
    assert f"推进情况表!{actual} =B2*2 → 0" in output
    assert "公式" in output and "请核对" in output


# ---------------------------------------------------------------- the headers an office reads


def _headers_and_rows(table: Path) -> tuple[list[str], dict[str, list[object]]]:
    sheet = openpyxl.load_workbook(table).active
    headers = [str(c.value).replace("\n", "") for c in sheet[3] if c.value is not None]
    rows = {
        str(row[0]): list(row[: len(headers)])
        for row in sheet.iter_rows(min_row=4, values_only=True)
        if row[0] is not None
    }
    return headers, rows


def test_a_deadline_with_its_reason_goes_out_in_完成时限_as_the_office_wrote_it(tmp_path):
    # plan edit --due "6月底（视天气）" keeps the words as 完成时限原文, the tool's name for them:
    # the table sent back said 6月底 under 完成时限 and the words again in a column of that name.
    plan = tmp_path / "plan.toml"
    plan.write_text(PLAN, encoding="utf-8")
    code, output = _run(
        "-f", str(plan), "edit", "1.2", "--due", "6月底（视天气）", "--on", "2023-01-05"
    )
    assert code == 0, output
    assert '"完成时限原文" = "6月底（视天气）"' in plan.read_text(encoding="utf-8")
    table = _exported(plan, tmp_path)
    headers, rows = _headers_and_rows(table)
    assert "完成时限原文" not in headers
    assert rows["1.2"][headers.index("完成时限")] == "6月底（视天气）"
    out = tmp_path / "back.toml"
    code, output = _run("import", str(table), "--out", str(out))
    assert code == 0, output
    [item] = [i for i in tomllib.loads(out.read_text(encoding="utf-8"))["item"] if i["id"] == "1.2"]
    assert (item["due"], item["完成时限原文"]) == ("2023-06", "6月底（视天气）")


def test_days_counted_from_the_start_keep_the_day_in_完成时限_and_their_words_beside(tmp_path):
    # 10个工作日内 alone reads back only beside the 开工时间 it counts from: the day stays.
    plan = tmp_path / "plan.toml"
    plan.write_text(PLAN, encoding="utf-8")
    code, output = _run(
        "-f", str(plan), "edit", "1.2", "--due", "10个工作日内", "--start", "2023-03-01",
        "--on", "2023-01-05",
    )  # fmt: skip
    assert code == 0, output
    headers, rows = _headers_and_rows(_exported(plan, tmp_path))
    assert rows["1.2"][headers.index("完成时限原文")] == "10个工作日内"


def test_a_column_deleted_to_fit_the_page_is_no_field_cleared_with_force_alone(tmp_path):
    # The colleague deleted the 具体内容 column so that the table fits an A4 page: imported
    # over the plan, every task's detail went without a word.
    plan = tmp_path / "plan.toml"
    plan.write_text(
        PLAN.replace('title = "整治耕地抛荒"\n', 'title = "整治耕地抛荒"\ndetail = "复耕撂荒地"\n'),
        encoding="utf-8",
    )
    before = plan.read_bytes()
    table = _exported(plan, tmp_path)
    book = openpyxl.load_workbook(table)
    headers = [str(c.value).replace("\n", "") for c in book.active[3]]
    book.active.delete_cols(headers.index("具体内容") + 1)
    book.save(table)
    code, output = _run("-f", str(plan), "import", str(table), "--force")
    assert code == 1, output
    assert plan.read_bytes() == before
    assert "1 项的“具体内容”（表格里没有这一列）" in output
    code, output = _run("-f", str(plan), "import", str(table), "--force", "--replace")
    assert code == 0, output
    assert "复耕撂荒地" not in plan.read_text(encoding="utf-8")


def test_a_countys_table_trimmed_and_imported_again_over_its_plan_needs_force_alone(tmp_path):
    # 使用说明: a row not to be handed in is deleted in Excel and the table imported again.
    # The county's table is the source there, not a report of the plan: its rows are the plan.
    table = tmp_path / "任务分解表.csv"
    lines = ["序号,工作任务,牵头单位,完成时限", "1,修塘,水利站,6月底", "2,修路,交通站,10月底"]
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    plan = tmp_path / "plan.toml"
    code, output = _run("-f", str(plan), "import", str(table), "--year", "2023")
    assert code == 0, output
    table.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    code, output = _run("-f", str(plan), "import", str(table), "--year", "2023", "--force")
    assert code == 0, output
    assert [i["title"] for i in tomllib.loads(plan.read_text(encoding="utf-8"))["item"]] == ["修塘"]


def test_a_dry_run_over_the_plan_lists_what_the_table_changes_in_it(tmp_path):
    # Before the table replaces the plan, the office sees its colleague's edits as the plan
    # will take them: a new deadline, a figure, a task added.
    import datetime as dt

    plan = tmp_path / "plan.toml"
    plan.write_text(PLAN, encoding="utf-8")
    table = _exported(plan, tmp_path)
    book = openpyxl.load_workbook(table)
    sheet = book.active
    headers = [str(c.value).replace("\n", "") for c in sheet[3]]
    rows = {sheet.cell(r, 1).value: r for r in range(4, sheet.max_row + 1)}
    sheet.cell(rows["1.1"], headers.index("完成时限") + 1).value = dt.datetime(2023, 11, 30)
    sheet.cell(rows["1.3"], headers.index("牵头单位") + 1).value = "农业综合服务中心"
    new = sheet.max_row + 1
    sheet.cell(new, 1).value = "1.4"
    sheet.cell(new, 2).value = "　建设育秧工厂"
    book.save(table)
    before = plan.read_bytes()
    code, output = _run("-f", str(plan), "import", str(table), "--dry-run")
    assert code == 0, output
    assert plan.read_bytes() == before
    assert "与计划相比，表格改动了 3 处" in output, output
    assert "1.1 完成时限 2023-10-31 → 2023-11-30" in output
    assert "1.3 牵头单位 农业股 → 农业综合服务中心" in output
    assert "新增 1.4 建设育秧工厂" in output
