"""The tool used end to end as an English-speaking office uses it: an English plan
(``lang = "en"``), a Chinese plan read with ``--lang en``, and what they print, write and refuse."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .test_county import town_doc, write

runner = CliRunner()


# ------------------------------------------------------------- the English Word 通报's table


@pytest.mark.parametrize("weights", [None, "completion=0.6,on_pace=0.4,overdue=2"])
def test_english_word_notice_breaks_no_word_inside_a_cell(tmp_path, weights):
    # LibreOffice showed "Ran k", "Compl etion", "Yell ow", "Report ed" in the header and
    # "not reporte d" in the cells: the widths were set for the Chinese words.
    import docx

    from quanhu_plan.report.docx import bold_width_mm, fitting_width_mm

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
    for n, row in enumerate(table.rows):
        measure = bold_width_mm if n == 0 else fitting_width_mm  # the header is bold
        for cell, width_mm in zip(row.cells, widths, strict=True):
            for word in cell.text.split():
                assert measure(word) <= width_mm, (word, round(width_mm, 1))
