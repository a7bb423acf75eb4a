"""Session 33 (K): a review of s33B's ledger import leftovers. Each test checks what was printed,
the exit code and what is on disk."""

from __future__ import annotations

from typing import Any

from .test_import import items_of, run, workbook

# ---------------------------------------------------------------- a ledger's own lights


def test_english_light_words_inside_other_words_are_no_light(tmp_path, plan_file):
    # "deferred", "registered", "required" hold "red"; "evergreen" "green": no light named,
    # nothing to compare (the plan's is green for a task done)
    rows: list[list[Any]] = [
        ["城关镇2024年重点工作台账"],
        ["序号", "工作任务", "责任单位", "完成时限", "完成进度", "亮灯情况"],
        [1, "Build road", "交通办", "12月底", "100%", "deferred"],
        [2, "Plant trees", "林业站", "12月底", "100%", "registered"],
        [3, "Fix canal", "水利站", "12月底", "100%", "Red"],
    ]
    result = run(str(workbook(tmp_path / "台账.xlsx", rows)), "--on", "2024-06-30", "--lang", "en")
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())
    assert (
        "row 5 'Fix canal': the ledger's red, the plan's green (100% done where 50% was due)"
        in said
    )
    assert "Build road" not in said and "Plant trees" not in said
    assert items_of(plan_file)["1"]["亮灯情况"] == "deferred"  # kept as written
