"""Review of session 33's print changes (s33F) as an office would use the files: the Word
report's 附表 with its 注 as the table's last row (read back by ``plan import``, copied, read
aloud) and the Excel ledger's own page breaks (plans of tall rows, a thousand tasks, English,
rows the clerk adds after export, read back by ``plan import``)."""

from __future__ import annotations

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
