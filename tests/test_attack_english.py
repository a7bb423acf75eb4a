"""The tool used end to end as an English-speaking office uses it: an English plan
(``lang = "en"``), a Chinese plan read with ``--lang en``, and what they print, write and refuse."""

from __future__ import annotations

import datetime as dt

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import plan_doc
from .test_county import town_doc, write

runner = CliRunner()


# ------------------------------------------------------------- the English Word 通报's table


@pytest.mark.parametrize("weights", [None, "completion=0.6,on_pace=0.4,overdue=2"])
def test_english_word_notice_breaks_no_word_inside_a_cell(tmp_path, weights):
    # LibreOffice showed "Ran k", "Compl etion", "Yell ow", "Report ed" in the header and
    # "not reporte d" in the cells: the widths were set for the Chinese words.
    import docx

    from quanhu_plan.report.docx_layout import bold_width_mm, fitting_width_mm

    folder = tmp_path / "county"
    for n, name in enumerate(("Hill Town", "River Town", "Oak")):
        write(folder / f"{n}.toml", town_doc(name, tasks=6, seed=n, lang="en"))
    out = tmp_path / "notice.docx"
    args = ["county", str(folder), "--as-of", "2024-03-01", "--out", str(out)]
    result = runner.invoke(app, args + (["--weights", weights] if weights else []))
    assert result.exit_code == 0, result.output
    table = docx.Document(str(out)).tables[0]
    widths = [cell.width.mm for cell in table.rows[0].cells]
    assert sum(widths) <= 225.5, widths
    for n, row in enumerate(table.rows[:-1]):  # (the last: the ranking rule across the table)
        measure = bold_width_mm if n == 0 else fitting_width_mm  # the header is bold
        # (the last town's row has the hidden column's empty cell after the others: docx_note)
        for cell, width_mm in zip(row.cells, widths, strict=False):
            for word in cell.text.split():
                assert measure(word) <= width_mm, (word, round(width_mm, 1))


# ------------------------------------------------- the county's refusals over English plans


def english_towns(tmp_path):
    folder = tmp_path / "county"
    for n, name in enumerate(("Hill Town", "River Town")):
        write(folder / f"{n}.toml", town_doc(name, tasks=4, seed=n, lang="en"))
    return folder


def test_county_of_english_plans_refuses_to_overwrite_in_english(tmp_path, monkeypatch):
    # The 通报 of English plans is English, but running it again over the same --out said
    # 错误：notice.docx 已经存在，没有覆盖。 (the language of the plan in the current folder,
    # or of the embedded Chinese plan, not of the plans counted).
    monkeypatch.chdir(tmp_path)
    folder = english_towns(tmp_path)
    out = tmp_path / "notice.docx"
    out.write_bytes(b"kept")
    result = runner.invoke(app, ["county", str(folder), "--out", str(out)])
    assert result.exit_code == 1
    assert "already exists" in result.output, result.output
    assert "已经存在" not in result.output
    assert out.read_bytes() == b"kept"


@pytest.mark.parametrize(
    ("option", "value"),
    [("--weights", "speed=1"), ("--report-day", "40"), ("--as-of", "2024-13-01")],
)
def test_county_of_english_plans_explains_a_bad_option_in_english(
    tmp_path, monkeypatch, option, value
):
    monkeypatch.chdir(tmp_path)
    folder = english_towns(tmp_path)
    result = runner.invoke(app, ["county", str(folder), option, value])
    assert result.exit_code == 2
    # (the Chinese forms it also takes, 每月25日前 or 6月30日, may be named as examples)
    assert result.output.startswith("Error: "), result.output
    assert "不对" not in result.output and "不是" not in result.output, result.output


# ------------------------------------------------- an English table imported


def test_import_of_an_english_table_speaks_english(tmp_path):
    # An English export read back makes an English plan (lang = "en"), but with no English
    # plan in the folder (or a Chinese one) its summary and notes came out in Chinese:
    # 已从 e.xlsx（工作表“Progress”，表头在第 3 行）导入 9 个事项… / 注意：第 10 行的任务…
    import tomllib

    from .test_english_plan import english_plan

    plan = english_plan(tmp_path / "en.toml")
    table = tmp_path / "progress.xlsx"
    exported = runner.invoke(app, ["-f", str(plan), "export", "--out", str(table)])
    assert exported.exit_code == 0, exported.output
    back = tmp_path / "back.toml"
    result = runner.invoke(app, ["import", str(table), "--out", str(back)])
    assert result.exit_code == 0, result.output
    assert tomllib.loads(back.read_text("utf-8"))["plan"]["lang"] == "en"
    assert "Imported" in result.stdout or "imported" in result.stdout, result.stdout
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in result.output), result.output


# ------------------------------------------------- one plan, one task: the singular


def test_county_of_one_english_plan_says_plan_and_task_in_the_singular(tmp_path):
    # "Wrote notice.docx (1 plans)." and "1 plans counted (1 ranked), 1 tasks (not counting
    # dropped ones)".
    folder = tmp_path / "county"
    one_task = [{"id": "1", "title": "Roads"}, {"id": "1.1", "title": "Fix the road"}]
    write(folder / "oak.toml", plan_doc(one_task, organisation="Oak", title="Oak", lang="en"))
    for name in ("notice.docx", "notice.xlsx", "notice.md"):
        result = runner.invoke(app, ["county", str(folder), "--out", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        assert f"Wrote {tmp_path / name} (1 plan)." in result.output, result.output
    notice = (tmp_path / "notice.md").read_text("utf-8")
    assert "1 plan counted (1 ranked), 1 task (not counting dropped ones)" in notice, notice


# ------------------------------------------------- an English plan with a mistake in it


@pytest.mark.parametrize(
    "args", [["list"], ["status"], ["done", "1.1"], ["report"], ["status", "--by", "nobody"]]
)
def test_an_english_plan_with_a_problem_is_refused_in_english(plan_file, args):
    # plan check said "plan.toml: 1 problem found: ... field status: found 'finished'" in
    # English, but every other command refused the same file in Chinese (错误：plan.toml
    # 不是有效的计划文件（1 个问题）), the language of the locale: the plan's lang = "en" was
    # read and ignored.
    from .test_english_plan import english_plan

    english_plan(plan_file)
    text = plan_file.read_text("utf-8").replace("progress = 80", 'status = "finished"')
    plan_file.write_text(text, "utf-8")
    checked = runner.invoke(app, ["check"])
    assert checked.exit_code == 1 and "found 'finished'" in checked.output, checked.output
    result = runner.invoke(app, args)
    assert result.exit_code in (1, 2)
    assert result.output.startswith("Error: "), result.output
    assert "不是" not in result.output and "错误" not in result.output, result.output
    assert plan_file.read_text("utf-8") == text


def test_english_help_of_reopen_names_the_statuses_in_english():
    # "It goes back to 进行中 if it has progress or a figure, else to 未开始": the English help
    # named the statuses only in Chinese, where every output says in progress / not started.
    result = runner.invoke(app, ["--lang", "en", "reopen", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "back to in progress" in text and "else to not started" in text, text


# ------------------------------------------------- a stacked view at 80 columns


def test_county_key_view_at_80_columns_folds_a_long_title_under_itself(tmp_path, monkeypatch):
    # At 80 columns the English --key table does not fit and is stacked, each plan's item
    # fields under its name; a title too long for the line went on at the left edge:
    #    Item Harden village roads connecting the northern hamlets to the county
    #  highway
    monkeypatch.setenv("COLUMNS", "80")
    folder = tmp_path / "county"
    title = "Harden village roads connecting the northern hamlets to the county highway"
    items = [
        {"id": "1", "title": "Roads"},
        {"id": "1.1", "title": title, "key": "K-01", "due": dt.date(2023, 10, 31)},
    ]
    for name in ("Hill Town People's Government", "Riverside Town People's Government"):
        write(folder / f"{name[:4]}.toml", plan_doc(items, organisation=name, lang="en"))
    result = runner.invoke(app, ["county", str(folder), "--key", "K-01"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= 80, result.output
    for n, line in enumerate(lines):
        if line.lstrip().startswith("Item "):
            assert lines[n + 1].startswith("   ") and lines[n + 1].strip() == "highway", lines


def test_english_report_for_an_owner_with_no_task_heads_its_scope_like_the_others(plan_file):
    # With tasks found the scope line reads "Owner: Wang Fang"; with none it read
    # "responsible: Nobody", in small letters, under the title of the report.
    from .test_english_plan import english_plan

    english_plan(plan_file)
    found = runner.invoke(app, ["report", "--owner", "Li Ming", "--as-of", "2023-07-15"])
    assert found.exit_code == 0 and "Owner: Li Ming" in found.stdout, found.output
    for fmt in ("terminal", "md"):
        result = runner.invoke(app, ["report", "--owner", "Nobody", "--format", fmt])
        assert result.exit_code == 0, result.output
        assert "Responsible: Nobody" in result.stdout, result.stdout
        assert "responsible: Nobody" not in result.stdout


@pytest.mark.parametrize(
    ("option", "value", "named"),
    [("--status", "started", "in progress"), ("--pace", "late", "overdue")],
)
def test_english_list_names_the_values_a_filter_takes(plan_file, option, value, named):
    # The Chinese message lists the values and gives an example; the English one said only
    # "'late' is not one of the allowed values; see plan list --help."
    from .test_english_plan import english_plan

    english_plan(plan_file)
    result = runner.invoke(app, ["list", option, value])
    assert result.exit_code == 2
    assert named in result.output and "For example: plan list" in result.output, result.output


# ------------------------------------------------- a change of the header in the log


def test_log_lines_a_header_change_up_under_item_and_names_its_field_like_the_others(
    plan_file, monkeypatch
):
    # At 80 columns the header's row began its title one column right of the Item column
    # (" Riverside Town", the id it has not followed by a space), and its change read
    # "title: A → B" where every item's reads "Owner: A → B".
    from .test_english_plan import english_plan

    monkeypatch.setenv("COLUMNS", "80")
    english_plan(plan_file)
    assert runner.invoke(app, ["header", "--title", "Riverside 2023"]).exit_code == 0
    assert runner.invoke(app, ["edit", "1.1", "--owner", "Sun Li"]).exit_code == 0
    result = runner.invoke(app, ["log"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    column = lines[1].index("Item")
    header_row = next(line for line in lines if " edit " in line and "Riverside" in line)
    assert header_row.index("Riverside") == column, result.output
    assert "Title: Riverside Town 2023 Work" in header_row, result.output
    assert "Owner: Li Ming → Sun Li" in result.output


def test_english_help_of_export_names_its_columns_in_english():
    # "...target and figure, 完成率, 序时进度, status, 红黄绿灯 and the latest progress note":
    # the columns an English export heads Completion, Expected by now and Light.
    result = runner.invoke(app, ["--lang", "en", "export", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "completion (完成率)" in text and "light (红黄绿灯)" in text, text


def test_import_dry_run_of_an_english_table_sets_a_space_before_an_english_unit(tmp_path):
    # The dry run's tree said "target: 12km", "target: 1bridge", "target: 3sites": an English
    # unit is written after a space (12 km) everywhere else, a Chinese one against its number.
    from .test_english_plan import english_plan

    plan = english_plan(tmp_path / "en.toml")
    table = tmp_path / "progress.csv"
    assert runner.invoke(app, ["-f", str(plan), "export", "--out", str(table)]).exit_code == 0
    result = runner.invoke(app, ["import", str(table), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Target: 12 km" in result.stdout, result.stdout
    assert "12km" not in result.stdout


def test_english_edit_with_nothing_to_change_says_so_in_a_sentence(plan_file):
    # "Error: Invalid value for options: say what to change, e.g. ...": no option named
    # "options" was given; the Chinese says 请指定要修改的字段，例如 plan edit 1.1.1 --owner 张三.
    from .test_english_plan import english_plan

    english_plan(plan_file)
    before = plan_file.read_text("utf-8")
    result = runner.invoke(app, ["edit", "1.1"])
    assert result.exit_code == 2
    assert "Invalid value for options" not in result.output, result.output
    assert "For example: plan edit 1.1.1 --owner" in result.output, result.output
    assert plan_file.read_text("utf-8") == before
