"""The year-end report written as text (plan report --out 总结.txt) is opened by the office in
Notepad on a Chinese Windows: without a BOM, Notepad before Windows 10 (1903) and other editors
reading the system's code page (GBK) show UTF-8 as mojibake. The file starts with a BOM, as the
CSV export does; printed to a pipe, the text has none."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan.cli import app

REPO_PLAN = Path(__file__).resolve().parent.parent / "plan.toml"


def test_a_text_report_written_to_a_file_starts_with_a_bom(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    shutil.copy(REPO_PLAN, plan)
    runner = CliRunner()
    out = tmp_path / "2023年终总结.txt"
    written = runner.invoke(
        app, ["-f", str(plan), "report", "--as-of", "2023-12-31", "--out", str(out)]
    )
    assert written.exit_code == 0, written.output
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), data[:20]
    assert data.count(b"\xef\xbb\xbf") == 1
    piped = runner.invoke(
        app, ["-f", str(plan), "report", "--as-of", "2023-12-31", "--format", "txt"]
    )
    assert piped.exit_code == 0, piped.output
    assert not piped.stdout.startswith("\ufeff")
    # (the file's lines end in CRLF, for Windows 7's Notepad: test_office_pc_s30G)
    assert data.decode("utf-8-sig").replace("\r\n", "\n") == piped.stdout
    assert "泉湖镇" in piped.stdout
