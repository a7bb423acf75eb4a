"""A town office walking a year of its own plan (imported from its 任务分解表) through every
command, with hostile text in titles and names: what that walk found wrong, each pinned here."""

from __future__ import annotations

import datetime as dt
import json

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import write_plan


def run(*args: str, width: int = 80, code: int = 0) -> str:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": str(width)})
    assert result.exit_code == code, result.output
    return result.output


def test_check_names_the_right_line_after_a_title_holding_a_unicode_line_separator(plan_file):
    """U+2028, U+2029 and U+0085 (pasted from Word or a web page) stand raw in a TOML string,
    on one line of the file; Python's splitlines breaks lines there too, so every problem after
    such a title was named two or three lines too far down."""
    plan_file.write_text(
        '[plan]\ntitle = "测试"\nyear = 2024\n\n'
        '[[item]]\nid = "1"\ntitle = "甲\u2028乙\u2029丙\u0085丁"\n\n'
        '[[item]]\nid = "2"\ntitle = "戊"\nprogress = 150\n',
        encoding="utf-8",
    )
    output = run("check", code=1)
    assert "第 12 行，事项 2，字段 progress" in output


def test_export_says_the_day_its_table_is_titled_with_for_a_plan_past_its_end(plan_file):
    """Past the plan's end, the table holds every change recorded up to today and its title
    says so (…（截至 today）); the closing line said the plan's last day instead, so the office
    was told one day and handed in a table titled with another."""
    import re

    write_plan(plan_file, [{"id": "1", "title": "修塘", "progress": 50}])
    run("progress", "1", "80")  # recorded today, after the plan's end
    output = run("export", "--out", "表.csv")
    title = (plan_file.parent / "表.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    # The title writes the day as a Chinese heading does (2026年11月30日), the closing line as
    # the terminal does (2026-11-30): the same day.
    day = re.search(r"截至(\d{4})年(\d{1,2})月(\d{1,2})日", title)
    assert day is not None
    said = f"{int(day.group(1)):04d}-{int(day.group(2)):02d}-{int(day.group(3)):02d}"
    assert said != "2023-12-31"
    assert f"截至 {said}）" in output


def test_report_gives_a_rankings_target_in_the_documents_words(plan_file):
    """进入前5名 (the top five) was reported as 第5名 (fifth place) in the summary's sentences
    and its ledger, while every other target keeps the document's words (the export, too)."""
    rank = {"measure": "名", "target": 5, "target_text": "进入前5名", "direction": "down"}
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "平安建设"},
            {"id": "1.1", "title": "全县平安建设考评排名", **rank, "actual": 3},
            {"id": "1.2", "title": "全县营商环境考评排名", **rank, "actual": 7},
            {
                "id": "1.3",
                "title": "全县综治考评排名",
                **rank,
                "actual": 2,
                "status": "done",
                "done_on": dt.date(2023, 12, 20),
            },
        ],
    )
    output = run("report", "--format", "md", "--as-of", "2023-12-31")
    assert "第5名" not in output
    assert "目前第7名，目标进入前5名" in output
    # 1.1 has reached its rank: no problem (not listed), its target in the ledger below.
    problems = output.split("## 三、存在的问题")[1].split("## 四、")[0]
    assert "全县平安建设考评排名" not in problems
    assert "全县综治考评排名位列第2名，达到进入前5名的目标" in output
    assert "| 进入前5名/第3名 |" in output


def test_recording_zero_where_zero_is_the_aim_starts_the_task(plan_file):
    """零就业家庭动态清零 (0 households, less is better): recording 0 met the target, so the
    task counted 100 % complete, yet it stayed 未开始 — the report then said 目前未开始，完成率
    100%. A 0 towards a target of more (0 of 600 jobs) still leaves a task not started."""
    write_plan(
        plan_file,
        [
            {"id": "1", "title": "民生"},
            {
                "id": "1.1",
                "title": "零就业家庭动态清零",
                "measure": "户",
                "target": 0,
                "direction": "down",
            },
            {"id": "1.2", "title": "新增城镇就业", "measure": "人", "target": 600},
        ],
    )
    assert "状态 未开始 → 进行中" in run("record", "1.1", "0")
    assert "状态" not in run("record", "1.2", "0")
    listed = json.loads(run("list", "--flat", "--json"))
    statuses = {row["id"]: row["status"] for row in listed if row["kind"] == "task"}
    assert statuses == {"1.1": "doing", "1.2": "todo"}


def test_show_does_not_nest_the_day_of_a_plan_past_its_end_in_another_pair_of_brackets(
    plan_file,
):
    """序时应完成 read 100% (现状（记录至 …，序时按 2023-12-31 计）): a half-width pair around a
    full-width one (in English, now (recorded to …) inside another pair)."""
    write_plan(plan_file, [{"id": "1", "title": "修塘", "progress": 50}])
    run("progress", "1", "80")  # recorded today, after the plan's end
    line = next(x for x in run("show", "1").splitlines() if x.startswith("序时应完成"))
    assert line.split(maxsplit=1)[1].startswith("100% · 现状（记录至 ")
    assert "(" not in line and ")" not in line
    line = next(x for x in run("--lang", "en", "show", "1").splitlines() if "Expected" in x)
    assert "100% · now (recorded to " in line and "((" not in line
    at_end = run("show", "1", "--as-of", "2023-12-31")
    assert "100%（截至 2023-12-31）" in at_end


def test_english_report_ledger_names_target_and_actual_without_a_stray_space(plan_file):
    """The English ledger split its header "Target / actual" at the slash and kept the
    spaces: "Target : 40 ponds   actual: 20 ponds" under each task at 80 columns, and a header
    whose second line " actual" stood one cell right of its column."""
    write_plan(
        plan_file,
        [{"id": "1", "title": "Ponds", "measure": "ponds", "target": 40, "actual": 20}],
        lang="en",
    )
    narrow = run("report", "--as-of", "2023-06-30", width=80)
    assert "Target: 40 ponds  Actual: 20 ponds" in narrow and "Target :" not in narrow
    wide = run("report", "--as-of", "2023-06-30", width=120).splitlines()
    header = next(n for n, line in enumerate(wide) if line.startswith("No."))
    start = wide[header].index("Target/")
    assert wide[header + 1][start:].startswith("actual")
