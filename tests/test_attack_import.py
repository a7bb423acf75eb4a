"""plan import of town work-plan ledgers (工作台账, 任务分解表, 重点工作清单) as real offices
save them from Excel, WPS and LibreOffice: what an adversarial read of such workbooks found."""

from __future__ import annotations

from typing import Any

from .test_import import items_of, run, workbook


def test_a_line_break_excel_saved_as_its_escape_reads_as_a_line_break(tmp_path, plan_file):
    # Excel saves a carriage return in a cell (text pasted with CRLF line breaks) as the
    # escape _x000D_, and a typed "_x" as _x005F_x; openpyxl hands both over as written.
    rows: list[list[Any]] = [
        ["2023年重点工作台账"],
        ["序号", "工作任务", "牵头单位", "配合单位", "完成时限", "备注"],
        [
            1,
            "新建产业路_x000D_\n（续建）",
            "交通站",
            "财政所_x000D_\n自然资源所",
            "6月底前",
            "县督办_x000D_\n编号_x005F_x0041_",
        ],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    item = items_of(plan_file)["1"]
    assert "_x" not in item["title"]
    assert item["support_units"] == ["财政所", "自然资源所"]
    assert item["备注"].replace("\r", "") == "县督办\n编号_x0041_"
