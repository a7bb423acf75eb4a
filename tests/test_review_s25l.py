"""Session 25 (L): adversarial review of the campaign period (import) and the header replay."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app


def run(*args: str) -> Any:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def _workbook(path: Path, title: str, dues: list[Any]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([title])
    sheet.append(["序号", "工作任务", "牵头单位", "完成时限"])
    for n, due in enumerate(dues, 1):
        sheet.append([n, f"任务{n}", "农业农村办", due])
    book.save(path)
    return path


def _period(path: Path) -> tuple[Any, Any, Any]:
    plan = tomllib.loads(path.read_text(encoding="utf-8"))["plan"]
    return plan["year"], plan.get("start"), plan.get("end")


AUTUMN_DUES = ["2024年9月底前", "2024年12月底前", "2025年3月底前"]


def test_a_document_number_in_the_title_is_not_the_plans_year(tmp_path: Path) -> None:
    # 镇委发〔2023〕15号 is when the notice was numbered, not the campaign's year: the plan is
    # the 2024 秋冬季 its deadlines give, not 2023 with every deadline after its end.
    title = "关于印发《镇罗镇秋冬季“两大工程”任务分解表》的通知（镇委发〔2023〕15号）"
    table = _workbook(tmp_path / "t.xlsx", title, AUTUMN_DUES)
    out = tmp_path / "plan.toml"
    result = run("import", str(table), "-o", str(out))
    assert _period(out) == (2024, dt.date(2024, 9, 1), dt.date(2025, 3, 31)), result.output
    assert "晚于计划结束" not in result.output
