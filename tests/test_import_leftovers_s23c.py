"""Session 23 (C): what was left of the 民生实事 台账 an office imports, through the commands it
runs: 暨阳街道's 推进表 (tests/test_trial_s22h.py: 序号 | 项目名称 | 建设内容 | 总投资（万元） |
资金来源 | 责任科室 | 完成时限 | 形象进度 over 一季度…四季度, a project merged over a row per road,
a 合计 row), as a workbook and as the CSV Excel saves of it. Each test checks what was printed,
the exit code and what is on disk."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app
from tests.test_trial_s22h import _livelihood_table, _saved_as_csv

TABLE = "暨阳街道2023年民生实事项目推进表.xlsx"


def _items(path: Path) -> dict[str, dict[str, Any]]:
    return {i["id"]: i for i in tomllib.loads(path.read_text(encoding="utf-8"))["item"]}


def _table(isolated: Path) -> Path:
    table = isolated.parent / TABLE
    _livelihood_table(table)
    return table


def test_merged_funding_source_reads_the_same_from_the_csv_as_from_the_workbook(
    runner: CliRunner, isolated: Path
) -> None:
    """资金来源 街道负责，交通局补助部分, merged over both roads of the 农村公路大中修工程, stands on
    the first road's row alone in the CSV: 大埂头—清水潭公路 came in with no 资金来源 from the
    CSV and with it from the workbook, the same sheet giving two plans. A text of a column the
    plan keeps as written, beside a title merged back and blank on every row under it, is
    merged back as the sheet had it; a figure stays each row's own."""
    table = _table(isolated)
    from_book = runner.invoke(app, ["import", str(table), "-o", "book.toml"])
    assert from_book.exit_code == 0, from_book.output
    from_csv = runner.invoke(app, ["import", str(_saved_as_csv(table)), "-o", "csv.toml"])
    assert from_csv.exit_code == 0, from_csv.output
    book, csv = _items(isolated.parent / "book.toml"), _items(isolated.parent / "csv.toml")
    assert csv["2.2"]["资金来源"] == "街道负责，交通局补助部分", csv["2.2"]
    assert book == csv
    assert csv["2.2"]["总投资（万元）"] == 100 and csv["2.1"]["总投资（万元）"] == 250
    # Said, with what the road under the first was given.
    assert "同行的“责任科室”、“完成时限”、“资金来源”也一并补上" in from_csv.stderr, from_csv.stderr


def test_quarterly_words_are_said_once_with_their_count(runner: CliRunner, isolated: Path) -> None:
    """The notice of 形象进度 cells kept as words listed ten addresses, each with the CSV's long
    sheet name (暨阳街道2023年民生实事项目推进表.csv!H5、…!I5、… 等 11 个), three lines of
    stderr saying one thing. It is now said once: the columns, how many cells, one of them as
    an example and the rows."""
    table = _saved_as_csv(_table(isolated))
    result = runner.invoke(app, ["import", str(table)])
    assert result.exit_code == 0, result.output
    said = [line for line in result.stderr.splitlines() if "形象进度" in line]
    assert len(said) == 1, result.stderr
    line = said[0]
    assert "11 格" in line and "“完成设计”" in line and "第 5、6、7 行" in line, line
    assert ".csv!" not in line and len(line) < 160, line
    assert _items(isolated)["1"]["形象进度/一季度"] == "完成设计"
    english = runner.invoke(app, ["import", str(table), "-o", "en.toml", "--lang", "en"])
    assert english.exit_code == 0, english.output
    said = [line for line in english.stderr.splitlines() if "形象进度" in line]
    assert len(said) == 1 and "11 cells" in said[0] and "rows 5, 6 and 7" in said[0], said


def _finished_table(path: Path) -> Path:
    """A 民生实事 完成情况表 at the year's end: each project's 完成情况 in the words offices use."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["暨阳街道2023年民生实事项目完成情况表"])
    sheet.append(["序号", "项目名称", "总投资（万元）", "已完成投资（万元）", "责任科室"])
    sheet["F2"], sheet["G2"] = "完成时限", "完成情况"
    sheet.append(
        [1, "校舍维修建设及设施设备提升工程", 260, 250, "社会事务办", "9月1日前", "已完工"]
    )
    sheet.append([2, "张庄—董村公路", 250, None, "城建办", "10月中旬", "未开工"])
    sheet.append([3, "大埂头—清水潭公路", 100, 40, "城建办", "10月中旬", "正在施工"])
    sheet.append([4, "文化礼堂", 80, 60, "宣传办", "12月底", "主体已完工，正在装修"])
    sheet.append(["合计", None, 690, 350])
    book.save(path)
    return path


def test_completion_words_of_construction_set_a_status_only_when_they_say_nothing_else(
    runner: CliRunner, isolated: Path
) -> None:
    """完成情况 未开工 and 正在施工 were kept as notes and changed nothing, where 已完工 beside
    them gave its task 已完成 and said only "第 3、6 行…已读作任务的状态", not which task was
    ticked off. A cell that is a status word alone (未开工 is 未开始, 正在施工 进行中) is read
    so, each task read as done named with the way back; a cell with more words than a status
    (主体已完工，正在装修) sets nothing, its words stay the task's note, and the office is told
    to tick it off itself if it is done. Nothing is marked done by a reading of more words."""
    table = _finished_table(isolated.parent / "完成情况表.xlsx")
    result = runner.invoke(app, ["import", str(table)])
    assert result.exit_code == 0, result.output
    items = _items(isolated)
    assert items["1"]["status"] == "done" and items["1"]["log"][0]["note"] == "已完工"
    assert items["2"].get("status", "todo") == "todo" and items["2"]["log"][0]["note"] == "未开工"
    assert items["3"]["status"] == "doing" and items["3"]["log"][0]["note"] == "正在施工"
    # (not done; 进行中 since session 24 by its 已完成投资 60, tests/test_trial_s24a.py)
    assert (
        items["4"].get("status") == "doing"
        and items["4"]["log"][0]["note"] == "主体已完工，正在装修"
    )
    said = result.stderr
    assert "1 已完成（“已完工”）" in said and "plan reopen 1" in said, said
    assert "第 6 行" in said and "plan done 4" in said, said
    english = runner.invoke(app, ["--lang", "en", "import", str(table), "-o", "en.toml"])
    assert english.exit_code == 0, english.output
    assert "1 done ('已完工')" in english.stderr and "done 4 --on" in english.stderr, english.stderr
    assert _items(isolated.parent / "en.toml") == items


def _same_plan(items: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Items as the plan reads them: a status of todo written or left out is the same."""
    return {
        key: {k: v for k, v in item.items() if not (k == "status" and v == "todo")}
        for key, item in items.items()
    }


def test_export_of_an_imported_table_carries_its_columns_not_the_empty_template(
    runner: CliRunner, isolated: Path
) -> None:
    """`plan export` of the imported 推进表 wrote 25 columns, eleven of them empty on every row
    (责任领导, 配合单位, 责任人, 计量单位, 基数, 目标值, 完成值, 进展情况, 存在问题, 下一步措施…)
    that the table never had, its own 总投资, 资金来源 and 形象进度 pushed past them. A plan that
    keeps columns of its own table gets the columns its rows fill, with the 完成率, 序时进度,
    状态 and 红黄绿灯 the plan computes; imported again, the table gives the same plan."""
    table = _table(isolated)
    assert runner.invoke(app, ["import", str(table)]).exit_code == 0
    result = runner.invoke(app, ["export", "--as-of", "2023-06-30"])
    assert result.exit_code == 0, result.output
    header = next(line for line in result.output.splitlines() if line.startswith("序号"))
    assert header.split(",") == [
        "序号",
        "工作任务",
        "具体内容",
        "牵头单位",
        "完成时限",
        "完成率",
        "序时进度",
        "状态",
        "红黄绿灯",
        "总投资（万元）",
        "资金来源",
        "形象进度/一季度",
        "形象进度/二季度",
        "形象进度/三季度",
        "形象进度/四季度",
    ], header
    for lang in ("zh", "en"):
        sent = isolated.parent / f"sent-{lang}.xlsx"
        written = runner.invoke(app, ["--lang", lang, "export", "--out", str(sent)])
        assert written.exit_code == 0, written.output
        back = isolated.parent / f"back-{lang}.toml"
        again = runner.invoke(app, ["import", str(sent), "--out", str(back)])
        assert again.exit_code == 0, again.output
        assert _same_plan(_items(back)) == _same_plan(_items(isolated)), lang


def test_report_states_the_investment_the_table_gave_and_what_was_spent(
    runner: CliRunner, isolated: Path
) -> None:
    """The year-end report of the imported 完成情况表 never named a project's 总投资 (260万元 for
    the 校舍 project), though the table had it, nor the 已完成投资: a 民生实事 完成情况报告
    always states them. The overview now says what the tasks' 总投资 come to (and how many
    state one: no figure made up for the others), how much of it the done tasks hold, and
    the 已完成投资 where the table gave it; each task's entry states its own. In Markdown,
    JSON, Word and plain text alike, and in English."""
    table = _finished_table(isolated.parent / "完成情况表.xlsx")
    assert runner.invoke(app, ["import", str(table)]).exit_code == 0
    result = runner.invoke(app, ["report", "--as-of", "2023-12-31"])
    assert result.exit_code == 0, result.output
    said = result.output.replace("\n", "")
    flat = "".join(said.split())
    assert "4项任务列有总投资，合计690万元，其中已完成的1项260万元" in flat, said
    assert "已完成投资350万元（3项任务填报）" in flat, said
    assert "校舍维修建设及设施设备提升工程" in flat and "总投资260万元，已完成投资250万元" in flat
    assert "总投资250万元" in flat  # 张庄—董村公路, under 存在的问题
    for kind, shape in (("md", "md"), ("json", "json")):  # (plain text: the output above)
        out = isolated.parent / f"总结.{kind}"
        written = runner.invoke(
            app, ["report", "--as-of", "2023-12-31", "--format", shape, "--out", str(out)]
        )
        assert written.exit_code == 0, written.output
        text = "".join(out.read_text(encoding="utf-8").split())
        assert "合计690万元" in text and "总投资260万元，已完成投资250万元" in text, kind
    from docx import Document

    word = isolated.parent / "总结.docx"
    written = runner.invoke(app, ["report", "--as-of", "2023-12-31", "--out", str(word)])
    assert written.exit_code == 0, written.output
    text = "".join(p.text for p in Document(str(word)).paragraphs)
    assert "合计690万元" in text and "已完成投资350万元" in text, text
    english = runner.invoke(app, ["--lang", "en", "report", "--as-of", "2023-12-31"])
    assert english.exit_code == 0, english.output
    words = " ".join(english.output.split())
    assert "4 tasks state a total investment, 6.9 million yuan in all" in words, words
    assert "2.6 million yuan of it in the 1 done" in words, words
    assert "investment made: 3.5 million yuan (3 tasks reporting)" in words, words
