"""Review of session 33's print changes (s33F) as an office would use the files: the Word
report's 附表 with its 注 as the table's last row (read back by ``plan import``, copied, read
aloud) and the Excel ledger's own page breaks (plans of tall rows, a thousand tasks, English,
rows the clerk adds after export, read back by ``plan import``)."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def english_plan() -> list[dict[str, object]]:
    items: list[dict[str, object]] = [{"id": "1", "title": "Roads and water"}]
    items += [
        {"id": f"1.{n}", "title": f"Resurface village road {n}", "lead_unit": "Works Office"}
        for n in range(1, 6)
    ]
    return items


def test_plan_import_of_an_english_report_reads_no_task_from_its_note_row(
    plan_file: Path, tmp_path: Path
) -> None:
    """The 附表's note is now the table's last row: ``plan import`` of a Chinese report skips
    its 注：… row, but read the English report's "Note: a done task counts 100%; …" as one
    more task (item 2, its title the note)."""
    write_plan(plan_file, english_plan(), lang="en")
    report = tmp_path / "report.docx"
    run("report", "--as-of", "2023-12-31", "-o", str(report))
    back = tmp_path / "back.toml"
    run("import", str(report), "-o", str(back), "--map", "Status=keep")
    items = tomllib.loads(back.read_text("utf-8"))["item"]
    titles = [str(item["title"]) for item in items]
    assert not any("Note" in title or "100%" in title for title in titles), titles
    assert sum(1 for t in titles if "Resurface village road" in t) == 5


def crowded_english_plan() -> list[dict[str, object]]:
    """Tasks filling every column an English ledger has, and two columns of the plan's own
    whose names hold a hyphen of their own (Follow-up, Co-funded) over one-word cells."""
    items: list[dict[str, object]] = [{"id": "1", "title": "Roads and water"}]
    for n in range(1, 4):
        items.append(
            {
                "id": f"1.{n}",
                "title": f"Resurface village road {n} before the rainy season and keep it in repair",
                "detail": "Lay 3 km of asphalt from the school to the market",
                "lead": "Wang Jianguo",
                "lead_unit": "Town Works Office",
                "support_units": ["Finance Office"],
                "owner": "Li Ming",
                "due": dt.date(2023, 6, 30),
                "unit": "km",
                "baseline": 1,
                "target": 5,
                "actual": 2,
                "problems": "Funds came late",
                "next_steps": "Ask the county for the rest",
                "Follow-up": "no",
                "Co-funded": "yes",
            }
        )
    return items


def test_an_english_column_of_the_plans_own_with_a_hyphen_reads_back_under_its_name(
    plan_file: Path, tmp_path: Path
) -> None:
    """Over the width budget an English ledger breaks a long header word at its hyphen
    (Comple- / tion) and ``plan import`` joins a word so broken. A name of the plan's own
    that has a hyphen (Follow-up) was broken at it too, Follow- / up, and read back as one
    word: the import gave the plan a field Followup, no longer the plan's Follow-up."""
    import openpyxl

    write_plan(plan_file, crowded_english_plan(), lang="en")
    out = tmp_path / "ledger.xlsx"
    run("export", "--as-of", "2023-12-31", "-o", str(out))
    ws = openpyxl.load_workbook(out).active
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == "No.")
    cells = [str(ws.cell(header, c).value) for c in range(1, ws.max_column + 1)]
    assert any("-\n" in text for text in cells), cells  # (over the budget: hyphened)
    # The plan's own names whole, in columns as wide as them.
    for name in ("Follow-up", "Co-funded"):
        column = openpyxl.utils.get_column_letter(cells.index(name) + 1)
        assert ws.column_dimensions[column].width >= len(name) + 2
    back = tmp_path / "back.toml"
    run("import", str(out), "-o", str(back))
    task = tomllib.loads(back.read_text("utf-8"))["item"][1]
    assert task.get("Follow-up") == "no" and task.get("Co-funded") == "yes", task


def test_the_county_tables_rule_is_kept_with_its_last_row_as_the_reports_note_is(
    tmp_path: Path,
) -> None:
    """The county 通报's 附表 of 47 towns fills its last page to the foot: LibreOffice printed
    the 排名规则 under it alone on a twelfth page, the very thing s33F mended in the report's
    附表 (a note after a table that has broken across pages is not kept with its last row).
    The rule is now the table's last row there too, merged down with the last town's row."""
    from docx import Document
    from docx.oxml.ns import qn

    towns = tmp_path / "towns"
    towns.mkdir()
    for n in range(1, 48):
        write_plan(
            towns / f"t{n:02d}.toml",
            [{"id": "1", "title": "产业"}, {"id": "1.1", "title": "抓好项目建设"}],
            organisation=f"第{n}号镇人民政府（一个名字较长的乡镇）",
            title=f"第{n}号镇2023年工作计划",
        )
    out = tmp_path / "通报.docx"
    run("county", str(towns), "--as-of", "2023-12-31", "-o", str(out))
    document = Document(str(out))
    (table,) = document.tables
    *_, town_before, last_town, rule = table._tbl.tr_lst
    assert "排名规则" in "".join(rule.itertext())
    assert "第47号镇" in "".join(last_town.itertext())
    # (merged down from the town before the last since s34E: no lone row above the rule)
    hidden = town_before.tc_lst[-1].tcPr.find(qn("w:vMerge"))
    assert hidden is not None and hidden.get(qn("w:val")) == "restart"
    hidden = last_town.tc_lst[-1].tcPr.find(qn("w:vMerge"))
    assert hidden is not None and hidden.get(qn("w:val")) in (None, "continue")
    after_table = [p.text for p in document.paragraphs if "排名规则" in p.text]
    assert after_table == []  # (not a paragraph under the table as well)
