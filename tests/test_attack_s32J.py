"""Attacks of session 32 (J): hostile text through this session's new paths (the words of a
recurring deadline kept as 完成时限原文, the ledger's 亮灯 column, 县级编号 keys, progress
notes, the report's grouped problems, standing work, hints naming paths and keys), put there by
``plan import``, ``plan add/edit/note`` or a plan written by hand, then shown by every view. The
rule: nothing lost ([x] stays [x]), nothing read as markup, no raw control character out."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan

runner = CliRunner()


def test_a_unit_named_with_a_slash_is_shown_whole_in_the_reports_ledger(plan_file: Path) -> None:
    """The terminal's ledger split 责任单位/责任人 at every slash, also one the names keep (a
    slash between Latin letters: [/b], Transport office/Police): 红[/b] came out 红[ / b],
    or 红[ over b] on a line of its own."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "经济发展"},
            {
                "id": "1.1",
                "title": "签约项目",
                "lead_unit": "经发办[b]红[/b]",
                "owner": "李明",
                "progress": 10,
            },
            {
                "id": "1.2",
                "title": "引进企业",
                "lead_unit": "Transport office/Police",
                "progress": 10,
            },
        ],
    )
    for width in ("80", "160"):
        result = runner.invoke(app, ["report"], env={"COLUMNS": width})
        assert result.exit_code == 0, result.output
        ledger = result.output[result.output.index("附表") :]
        assert "经发办[b]红[/b]" in ledger and "Transport office/Police" in ledger, ledger
        assert "李明" in ledger, ledger
