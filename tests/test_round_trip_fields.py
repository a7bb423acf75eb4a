"""`plan export` then `plan import` gives back every field an office puts in a plan: a task's
开工时间 (start), its 时间节点 (milestones), 权重 (weight), 具体内容 (detail), 销号依据
(evidence), 县级任务编号 (key), a direction the target's words do not say, and the plan's
period and year. Compared as the commands show them: `show --json` of each item, `status
--json`, `report --format json`."""

from __future__ import annotations

import csv
import json
import tomllib
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

FULL = """\
[plan]
title = "泉湖镇2023年工作计划"
organisation = "衡南县泉湖镇人民政府"
year = 2023
start = 2023-01-01
end = 2023-12-31
lang = "zh"

[[item]]
id = "5"
title = "抓好五项重点"
detail = "部分工作要求"
lead = "张三"

[[item]]
id = "5.5"
title = "抓好粮食生产，守好耕地红线"
weight = 2

[[item]]
id = "5.5.1"
title = "落实粮食播种面积"
key = "X-1"
detail = "稳定面积，提高单产"
lead = ["张三", "李四"]
lead_unit = "农业股"
support_units = ["财政所", "自然资源所"]
owner = "王五"
status = "done"
measure = "万亩"
baseline = 3.2
target = 3.3
actual = 3.3
done_on = 2023-10-20
evidence = ["验收报告.pdf", "http://example.org/a、b"]
weight = 3

[[item]]
id = "5.5.2"
title = "建设高标准农田"
lead_unit = ["农田建设管理股", "农业股"]
owner = ["孙永峰", "李先俊"]
start = "2023-07"
due = "2023-Q4"
status = "doing"
measure = "万亩"
target = 3
target_text = "3万亩以上"
actual = 1.2

[[item.milestone]]
due = "2023-09"
progress = 50
note = "完成招投标（含监理）"

[[item.milestone]]
due = 2023-11-15
value = 2.4

[[item]]
id = "5.5.3"
title = "人口自然增长率"
status = "blocked"
measure = "‰"
target = 5
target_text = "控制在5‰以内"
direction = "down"
reason = "数据未出"

[[item]]
id = "5.5.4"
title = "环境整治"
start = 2023-03-15
due = 2023-11-30
status = "doing"
progress = 40
target = 0
direction = "up"
weight = 0.5
"""

AS_OF = "2023-08-31"


def _run(args: list[str]) -> Any:
    result = CliRunner().invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def _round_trip(tmp_path: Path, text: str, suffix: str) -> tuple[Path, Path, Path]:
    """The plan written, exported (as of AS_OF) and imported: (plan, table, imported plan)."""
    plan = tmp_path / "plan.toml"
    plan.write_text(text, encoding="utf-8")
    table = tmp_path / f"推进情况表{suffix}"
    exported = _run(["-f", str(plan), "export", "--as-of", AS_OF, "--out", str(table)])
    assert exported.exit_code == 0, exported.output
    assert table.is_file()
    back = tmp_path / "new.toml"
    imported = _run(["import", str(table), "--out", str(back)])
    assert imported.exit_code == 0, imported.output
    assert back.is_file()
    checked = _run(["-f", str(back), "check"])
    assert checked.exit_code == 0, checked.output
    return plan, table, back


def _items(path: Path) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in tomllib.loads(path.read_text("utf-8"))["item"]}


def _json(plan: Path, *args: str) -> Any:
    result = _run(["-f", str(plan), *args, "--as-of", AS_OF])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _headers(table: Path) -> list[str]:
    if table.suffix == ".csv":
        rows = list(csv.reader(table.read_text("utf-8-sig").splitlines()))
        return next(row for row in rows if row and row[0] in ("序号", "No."))
    sheet = openpyxl.load_workbook(table).active
    for row in sheet.iter_rows(values_only=True):
        if row and row[0] in ("序号", "No."):
            # (an English word hyphened at a line's end, Mile- / stones, read whole)
            return [str(v).replace("-\n", "").replace("\n", "") for v in row]
    raise AssertionError("no header")


SUFFIXES = pytest.mark.parametrize("suffix", [".xlsx", ".csv"])


@SUFFIXES
def test_every_item_shows_the_same_after_the_round_trip(tmp_path: Path, suffix: str) -> None:
    plan, _, back = _round_trip(tmp_path, FULL, suffix)
    for item_id in _items(plan):
        assert _json(back, "show", item_id, "--json") == _json(plan, "show", item_id, "--json")
    assert _json(back, "status", "--json") == _json(plan, "status", "--json")
    assert _json(back, "report", "--format", "json") == _json(plan, "report", "--format", "json")


@SUFFIXES
def test_start_milestones_weight_detail_evidence_and_key_come_back(
    tmp_path: Path, suffix: str
) -> None:
    _, _, back = _round_trip(tmp_path, FULL, suffix)
    items = _items(back)
    assert items["5.5.2"]["start"] == "2023-07"
    assert items["5.5.4"]["start"].isoformat() == "2023-03-15"
    assert items["5.5.2"]["milestone"] == [
        {"due": "2023-09", "progress": 50, "note": "完成招投标（含监理）"},
        {"due": __import__("datetime").date(2023, 11, 15), "value": 2.4},
    ]
    assert items["5.5"]["weight"] == 2
    assert items["5.5.1"]["weight"] == 3
    assert items["5.5.4"]["weight"] == 0.5
    assert items["5"]["detail"] == "部分工作要求"
    assert items["5.5.1"]["detail"] == "稳定面积，提高单产"
    assert items["5.5.1"]["evidence"] == ["验收报告.pdf", "http://example.org/a、b"]
    assert items["5.5.1"]["key"] == "X-1"
    assert items["5.5.4"]["direction"] == "up"


@SUFFIXES
def test_the_new_columns_have_chinese_headers_and_english_ones_for_an_english_plan(
    tmp_path: Path, suffix: str
) -> None:
    _, table, _ = _round_trip(tmp_path, FULL, suffix)
    headers = _headers(table)
    for name in ("具体内容", "开工时间", "时间节点安排", "销号依据", "权重", "县级任务编号"):
        assert name in headers
    assert headers.index("开工时间") + 1 == headers.index("完成时限")
    english = FULL.replace('lang = "zh"', 'lang = "en"')
    (tmp_path / "en").mkdir()
    _, table, back = _round_trip(tmp_path / "en", english, suffix)
    headers = _headers(table)
    for name in ("Detail", "Start", "Milestones", "Evidence", "Weight", "County key"):
        assert name in headers
    items = _items(back)
    assert items["5.5.2"]["milestone"][0] == {
        "due": "2023-09",
        "progress": 50,
        "note": "完成招投标（含监理）",
    }
    assert items["5.5.1"]["evidence"] == ["验收报告.pdf", "http://example.org/a、b"]
    assert tomllib.loads(back.read_text("utf-8"))["plan"]["lang"] == "en"


PLAIN = """\
[plan]
title = "石桥镇2023年工作计划"
year = 2023

[[item]]
id = "1"
title = "抓好农业生产"

[[item]]
id = "1.1"
title = "任务"
due = 2023-06-30
"""


@SUFFIXES
def test_a_plan_without_those_fields_exports_the_countys_columns_as_before(
    tmp_path: Path, suffix: str
) -> None:
    _, table, _ = _round_trip(tmp_path, PLAIN, suffix)
    assert _headers(table) == [
        "序号", "工作任务", "责任领导", "牵头单位", "配合单位", "责任人", "完成时限",
        "计量单位", "基数", "目标值", "完成值", "完成率", "序时进度", "状态", "红黄绿灯",
        "进展情况", "存在问题", "下一步措施",
    ]  # fmt: skip


@SUFFIXES
def test_a_plan_from_july_to_june_keeps_its_period(tmp_path: Path, suffix: str) -> None:
    text = PLAIN.replace("year = 2023", "year = 2023\nstart = 2023-07-01\nend = 2024-06-30")
    text = text.replace("2023-06-30", "2024-03-31")
    plan, _, back = _round_trip(tmp_path, text, suffix)
    meta = tomllib.loads(back.read_text("utf-8"))["plan"]
    assert (meta["year"], meta["start"].isoformat(), meta["end"].isoformat()) == (
        2023,
        "2023-07-01",
        "2024-06-30",
    )
    assert _json(back, "status", "--json") == _json(plan, "status", "--json")


@SUFFIXES
def test_a_title_without_its_year_keeps_the_plans_year(tmp_path: Path, suffix: str) -> None:
    text = PLAIN.replace("石桥镇2023年工作计划", "石桥镇工作计划")
    plan = tmp_path / "plan.toml"
    plan.write_text(text, encoding="utf-8")
    table = tmp_path / f"t{suffix}"
    # as of a day of the next year (the year's last report, made in January)
    exported = _run(["-f", str(plan), "export", "--as-of", "2024-01-10", "--out", str(table)])
    assert exported.exit_code == 0, exported.output
    back = tmp_path / "new.toml"
    assert _run(["import", str(table), "--out", str(back)]).exit_code == 0
    assert tomllib.loads(back.read_text("utf-8"))["plan"]["year"] == 2023


def test_a_ledgers_milestone_column_in_words_is_kept_as_written(tmp_path: Path) -> None:
    """An office's own 时间节点安排 written in words is no export's: kept as it was."""
    table = tmp_path / "台账.csv"
    table.write_text(
        "序号,工作任务,完成时限,时间节点安排\n1,修路,2023-12-31,6月底前完成招投标\n",
        encoding="utf-8",
    )
    back = tmp_path / "new.toml"
    result = _run(["import", str(table), "--out", str(back), "--year", "2023"])
    assert result.exit_code == 0, result.output
    item = _items(back)["1"]
    assert "milestone" not in item
    assert item["时间节点安排"] == "6月底前完成招投标"


HOSTILE = """\
[plan]
title = "Quanhu 2023 plan"
year = 2023
lang = "en"

[[item]]
id = "1"
title = "Part"
key = "=K1"

[[item]]
id = "1.1"
title = "Task"
detail = "=SUM(A1)\\nsecond para\\n\\n　　third"
start = "2023-Q2"
due = 2023-12-31
measure = "km (paved)"
target = 10
evidence = ["'quoted", "a,b", "=HYPERLINK(1)"]

[[item.milestone]]
due = "2023-Q3"
value = 4.5
note = "line one\\n2023-09: 5 (x)"

[[item.milestone]]
due = 2023-10-31
progress = 80.5
note = "=evil()"

[[item]]
id = "1.2"
title = "Task 2"
target = 3.3
direction = "up"

[[item]]
id = "1.3"
title = "Task 3"
target = 0
direction = "down"
"""


@SUFFIXES
def test_a_task_titled_task_formula_like_text_and_a_unit_in_brackets_come_back(
    tmp_path: Path, suffix: str
) -> None:
    """A task titled as the header (Task) is no repeated header when its 序号 is an id; text
    that starts with = comes back as written; a milestone note with a line break and a unit
    with brackets are read as written."""
    plan, _, back = _round_trip(tmp_path, HOSTILE, suffix)
    original, imported = _items(plan), _items(back)
    assert list(imported) == ["1", "1.1", "1.2", "1.3"]
    for field in ("detail", "start", "evidence", "milestone", "measure", "target"):
        assert imported["1.1"][field] == original["1.1"][field], field
    assert imported["1"]["key"] == "=K1"
    assert (imported["1.2"]["direction"], imported["1.3"]["direction"]) == ("up", "down")
    assert "target_text" not in imported["1.2"] and "target_text" not in imported["1.3"]
    assert _json(back, "status", "--json") == _json(plan, "status", "--json")
