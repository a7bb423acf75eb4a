"""plan import of the ledgers county and town offices keep (工作台账, 推进情况表, 督查台账) as
Excel and WPS leave them: deadlines written the way such ledgers word them, dates an Excel cell
holds as a bare number (a date cell formatted as General, 45291), years in full-width or
Chinese digits."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .test_import import items_of, run, workbook

LEDGER_DEADLINES: list[tuple[Any, Any]] = [
    ("全年持续推进", dt.date(2024, 12, 31)),
    ("全年持续开展", dt.date(2024, 12, 31)),
    ("长期坚持", None),
    ("常态化", None),
    ("年底前", dt.date(2024, 12, 31)),
    ("6月底前", "2024-06"),
    ("三季度", "2024-Q3"),
    ("2023年12月", "2023-12"),
    ("今年底", dt.date(2024, 12, 31)),
    ("今年年底前", dt.date(2024, 12, 31)),
    ("二〇二四年六月底前", "2024-06"),
    ("20240630", dt.date(2024, 6, 30)),
    (20240930, dt.date(2024, 9, 30)),
]


def test_the_deadlines_ledgers_write_are_read(tmp_path, plan_file):
    rows: list[list[Any]] = [["2024年工作台账"], ["序号", "工作任务", "完成时限"]]
    rows += [[n, f"任务{n}", written] for n, (written, _) in enumerate(LEDGER_DEADLINES, 1)]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)))
    assert result.exit_code == 0, result.output
    items = items_of(plan_file)
    for n, (written, expected) in enumerate(LEDGER_DEADLINES, start=1):
        assert items[str(n)].get("due") == expected, written
