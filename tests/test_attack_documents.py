"""Hostile plans against the documents the tool writes (report in Word, export and import of
the 推进情况表): what an earlier review of them found."""

from __future__ import annotations

import datetime as dt
import tomllib
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan

ITEMS = [
    {"id": "1", "title": "基础设施"},
    {"id": "1.1", "title": "修塘", "measure": "处", "target": 40, "actual": 20},
]


def _core(path: Path) -> str:
    with zipfile.ZipFile(path) as docx:
        return docx.read("docProps/core.xml").decode("utf-8")


# ---------------------------------------------------------------- Word: the core properties

LONG_NAME = "某" * 300 + "镇人民政府"
# 70 ESC show as 280 characters of escapes (\x1b): long only once made visible.
ESCAPED_NAME = "\x1b" * 70 + "镇人民政府"


@pytest.mark.parametrize("organisation", [LONG_NAME, ESCAPED_NAME], ids=["long", "escapes"])
def test_word_report_of_an_organisation_longer_than_a_property_holds_is_written(
    runner: CliRunner, plan_file: Path, tmp_path: Path, organisation: str
) -> None:
    """The title and author of a .docx hold at most 255 characters (python-docx refuses more
    with a ValueError): a longer organisation, which names the report and signs it, used to
    end the report in a traceback and write nothing."""
    import docx

    write_plan(plan_file, ITEMS, organisation=organisation)
    target = tmp_path / "总结.docx"
    result = runner.invoke(app, ["report", "--out", str(target)])
    assert result.exit_code == 0, result.output
    properties = docx.Document(str(target)).core_properties
    assert len(properties.title) <= 255 and len(properties.author) <= 255
    assert properties.author.startswith(organisation[:20].replace("\x1b", "\\x1b"))
    assert properties.author.endswith("…")
    body = docx.Document(str(target)).paragraphs
    assert any(organisation.replace("\x1b", "\\x1b") in p.text for p in body)  # whole there


def test_word_report_of_a_long_plan_title_without_organisation_is_written(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    write_plan(plan_file, ITEMS, title="长" * 300 + "2023年工作计划", organisation="")
    target = tmp_path / "总结.docx"
    result = runner.invoke(app, ["report", "--out", str(target)])
    assert result.exit_code == 0, result.output
    assert "<dc:title>长长" in _core(target)


def test_county_notice_in_word_with_a_long_issuer_name_is_written(
    runner: CliRunner, tmp_path: Path
) -> None:
    towns = tmp_path / "towns"
    towns.mkdir()
    write_plan(towns / "a.toml", ITEMS, organisation="甲镇人民政府")
    (towns / "county.toml").write_text(f'[county]\nname = "{LONG_NAME}"\n', encoding="utf-8")
    target = tmp_path / "通报.docx"
    result = runner.invoke(app, ["county", str(towns), "--out", str(target)])
    assert result.exit_code == 0, result.output
    assert "<dc:creator>某某" in _core(target)


# ---------------------------------------------------------------- export -> import


def exported_and_imported(runner: CliRunner, tmp_path: Path, suffix: str) -> Path:
    """The plan exported as a table of this kind and imported from it: the new plan file."""
    table = tmp_path / f"推进情况表.{suffix}"
    assert runner.invoke(app, ["export", "--out", str(table)]).exit_code == 0
    back = tmp_path / "back.toml"
    result = runner.invoke(app, ["import", str(table), "--out", str(back)])
    assert result.exit_code == 0, result.output
    return back


NUMBERED_TITLES = ["一是加强组织领导", "1、完成验收", "（1）清理河道", "①环境整治", "1. 编号"]


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_a_title_starting_with_a_numbering_comes_back_whole(
    runner: CliRunner, plan_file: Path, tmp_path: Path, suffix: str
) -> None:
    items = [{"id": "1", "title": "基础设施"}, {"id": "1.1", "title": "修塘"}]
    items += [{"id": f"1.{n}", "title": t} for n, t in enumerate(NUMBERED_TITLES, 2)]
    write_plan(plan_file, items)
    back = exported_and_imported(runner, tmp_path, suffix)
    titles = {item["id"]: item["title"] for item in tomllib.loads(back.read_text())["item"]}
    assert titles == {item["id"]: item["title"] for item in items}


# ---------------------------------------------------------------- Markdown: the county notice


def test_county_notice_in_markdown_lists_a_name_starting_like_a_list_as_written(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A list item's text starts a line of its own in Markdown: an organisation "- 乙镇" or
    "1. 甲镇" in the list of those not reporting made a list inside the item, its - or 1.
    gone from the text."""
    from markdown_it import MarkdownIt

    towns = tmp_path / "towns"
    towns.mkdir()
    names = ["1. 甲镇人民政府", "- 乙镇人民政府", "+ 丙镇人民政府"]
    for n, name in enumerate(names):  # at 50%, 30% and 10%: one ahead, one behind (s30A)
        items = [ITEMS[0], {**ITEMS[1], "actual": 20 - 8 * n}]
        write_plan(towns / f"{n}.toml", items, organisation=name)
    # Within the plans' year: plans that ended before the reporting period owe no report.
    result = runner.invoke(app, ["county", str(towns), "--format", "md", "--as-of", "2023-06-30"])
    assert result.exit_code == 0, result.output
    html = MarkdownIt("commonmark").render(result.stdout)
    assert "<ol>" not in html and "<ul>\n<li>\n<ul>" not in html
    assert html.count("<li>") == 2 + len(names)  # ahead and behind, and not reporting
    for name in names:
        assert f"<li>{name}（没有任何填报记录）</li>" in html


def test_county_notice_in_excel_with_a_control_character_in_the_issuer_name_is_written(
    runner: CliRunner, tmp_path: Path
) -> None:
    """The [county] name signs the notice and is its workbook's author: raw, an ESC or NUL
    in it made openpyxl refuse the document property (a ValueError traceback, no file)."""
    towns = tmp_path / "towns"
    towns.mkdir()
    write_plan(towns / "a.toml", ITEMS, organisation="甲镇人民政府")
    settings = '[county]\nname = "县\\u001b[31m政府\\u0000"\n'
    (towns / "county.toml").write_text(settings, encoding="utf-8")
    target = tmp_path / "通报.xlsx"
    result = runner.invoke(app, ["county", str(towns), "--out", str(target)])
    assert result.exit_code == 0, result.output
    import openpyxl

    with zipfile.ZipFile(target) as book:
        core = book.read("docProps/core.xml").decode("utf-8")
    assert ">县\\x1b[31m政府\\x00</dc:creator>" in core
    values = [c.value for row in openpyxl.load_workbook(target).active.iter_rows() for c in row]
    assert "县\\x1b[31m政府\\x00" in values  # the signature


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_a_target_of_zero_is_judged_the_same_after_export_and_import(
    runner: CliRunner, plan_file: Path, tmp_path: Path, suffix: str
) -> None:
    """实现0火情 with no fire so far: the plan (no ``direction``: more is better, format.md)
    has it at 0 % (0 of 0); the plan imported from its table says ``direction = "down"``, and
    100 %."""
    items = [
        {"id": "1", "title": "平安建设"},
        {"id": "1.1", "title": "实现0火情", "measure": "起", "target": 0, "actual": 0},
    ]
    write_plan(plan_file, items)
    back = exported_and_imported(runner, tmp_path, suffix)
    before = runner.invoke(app, ["export", "--format", "csv"]).stdout
    after = runner.invoke(app, ["--file", str(back), "export", "--format", "csv"]).stdout
    completion = 11  # 完成率
    assert (
        after.splitlines()[-1].split(",")[completion]
        == before.splitlines()[-1].split(",")[completion]
    )


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_a_goals_deadline_stays_the_goals_after_export_and_import(
    runner: CliRunner, plan_file: Path, tmp_path: Path, suffix: str
) -> None:
    """A plan's items do not inherit a deadline: a task with none under a goal due in June is
    behind in August, not overdue. A table ``plan export`` wrote is the plan's own: its goal
    row's deadline is not written onto the task (as a category row's is in an office's
    ledger), and the task is judged the same after the round trip."""
    items = [
        {"id": "1", "title": "基础设施"},
        {"id": "1.1", "title": "修塘", "due": dt.date(2023, 6, 30)},
        {"id": "1.1.1", "title": "清淤"},
        {"id": "1.1.2", "title": "护坡", "due": dt.date(2023, 9, 30)},
    ]
    write_plan(plan_file, items)
    back = exported_and_imported(runner, tmp_path, suffix)
    tasks = {item["id"]: item for item in tomllib.loads(back.read_text())["item"]}
    assert "due" not in tasks["1.1.1"]
    assert str(tasks["1.1"]["due"]) == "2023-06-30"
    assert str(tasks["1.1.2"]["due"]) == "2023-09-30"
    listed = ["list", "--as-of", "2023-08-01"]
    before = runner.invoke(app, listed).stdout
    after = runner.invoke(app, ["--file", str(back), *listed]).stdout
    assert "逾期" not in after and after == before


def test_a_progress_note_comes_back_through_the_workbook_as_written(
    runner: CliRunner, plan_file: Path, tmp_path: Path
) -> None:
    note = "　　一是完成验收。\n\n　　二是：\n  1. 资金到位\n  2. 开工"
    items = [
        {"id": "1", "title": "基础设施"},
        {"id": "1.1", "title": "修塘", "status": "blocked", "reason": note},
    ]
    write_plan(plan_file, items)
    assert runner.invoke(app, ["note", "1.1", note]).exit_code == 0
    table = tmp_path / "推进情况表.xlsx"
    assert runner.invoke(app, ["export", "--out", str(table)]).exit_code == 0
    back = tmp_path / "back.toml"
    assert runner.invoke(app, ["import", str(table), "--out", str(back)]).exit_code == 0
    task = tomllib.loads(back.read_text(encoding="utf-8"))["item"][1]
    assert task["reason"] == note
    # (plan note takes the spaces off the ends of what it is given: the note as the plan holds it)
    held = tomllib.loads(plan_file.read_text(encoding="utf-8"))["item"][1]["log"][-1]["note"]
    assert held == note.strip() and task["log"][-1]["note"] == held


# ---------------------------------------------------------------- Markdown: the report


def test_markdown_report_keeps_a_line_separator_from_breaking_a_row_or_starting_a_list(
    runner: CliRunner, plan_file: Path
) -> None:
    """A line separator (U+2028, pasted from Word) in a name or a note is a line break: it
    was turned into one after the text's line breaks were joined, so it split the ledger's
    row and started a list ("1. 验收", "- 李四") in the Markdown."""
    from markdown_it import MarkdownIt

    items = [
        {"id": "1", "title": "基础设施"},
        {"id": "1.1", "title": "修塘", "owner": "张三\u2028- 李四", "lead": "王五\u2029|x|"},
        {
            "id": "1.2",
            "title": "路灯",
            "status": "done",
            "done_on": dt.date(2023, 3, 1),
            "log": [{"on": dt.date(2023, 3, 1), "note": "已完成\u20281. 验收"}],
        },
    ]
    write_plan(plan_file, items)
    result = runner.invoke(app, ["report", "--format", "md"])
    assert result.exit_code == 0, result.output
    markdown = result.stdout
    assert "\u2028" not in markdown and "\u2029" not in markdown
    rows = [line for line in markdown.splitlines() if line.startswith("| 1.")]
    assert len(rows) == 2 and "张三 - 李四" in rows[0] and "王五 \\|x\\|" in rows[0]
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "<ol>" not in html and "<li>李四" not in html
    assert "已完成 1. 验收" in html
