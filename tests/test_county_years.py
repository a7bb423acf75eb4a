"""plan county over plans of more than one year: a town's plan of last year (or already of next
year) beside this year's is not ranked or added up with them but named as left out; the view
is of --as-of's year when a plan is of it, else of the year most plans are of. Plans of one
year that end on different days are each judged at their own end, and the heading says so."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from quanhu_plan.cli import app

from .test_county import county_json, town_doc, write

runner = CliRunner()


def of_year(doc: dict[str, Any], year: int, end: dt.date | None = None) -> dict[str, Any]:
    meta = doc["plan"]
    meta.update(year=year, start=dt.date(year, 1, 1), end=end or dt.date(year, 12, 31))
    return doc


def test_a_plan_of_another_year_is_left_out_of_the_ranking_and_totals_and_named(tmp_path):
    folder = tmp_path / "county"
    write(folder / "jia.toml", town_doc("甲镇", tasks=30, seed=1))
    write(folder / "yi.toml", town_doc("乙镇", tasks=12, seed=2))
    alone = county_json(str(folder))
    # 丙镇 never made its 2023 plan: last year's file is still there, every task done.
    old = of_year(town_doc("丙镇", tasks=20, seed=3, last_record=None), 2022)
    for item in old["item"]:
        if item["id"].count(".") == 2:
            item.update(status="done", done_on=dt.date(2022, 6, 1))
    write(folder / "bing.toml", old)
    record = county_json(str(folder))
    assert record["year"] == 2023 and record["plans"] == 2
    assert record["total"] == alone["total"]
    assert [row["organisation"] for row in record["rows"]] == [
        row["organisation"] for row in alone["rows"]
    ]
    [left] = record["skipped"]
    assert (Path(left["file"]).name, left["why"]) == ("bing.toml", "other_year")
    shown = runner.invoke(app, ["county", str(folder)])
    assert shown.exit_code == 0, shown.output
    said = "".join(shown.output.split())
    assert "1个文件是其他年度的计划，未计入" in said
    assert "是2022年度的计划，本次汇总的是2023年度的计划，未计入" in said
    assert "丙镇" not in said
    assert "2022-12-31" not in said  # no plan in the table is judged at 2022's end
    english = runner.invoke(app, ["--lang", "en", "county", str(folder)])
    assert "1 file is a plan of another year and was not counted" in " ".join(
        english.output.split()
    )


def test_the_view_is_of_as_ofs_year_else_of_the_year_most_plans_are_of(tmp_path):
    folder = tmp_path / "county"
    write(folder / "jia.toml", town_doc("甲镇", tasks=10, seed=1))
    write(folder / "yi.toml", of_year(town_doc("乙镇", tasks=10, seed=2, last_record=None), 2024))
    write(folder / "bing.toml", of_year(town_doc("丙镇", tasks=10, seed=3, last_record=None), 2024))
    assert county_json(str(folder))["year"] == 2024
    as_of = county_json(str(folder), "--as-of", "2023-12-31")
    assert as_of["year"] == 2023
    assert [row["organisation"] for row in as_of["rows"]] == ["甲镇"]
    assert {Path(left["file"]).name for left in as_of["skipped"]} == {"yi.toml", "bing.toml"}
    (folder / "bing.toml").unlink()  # one plan of each year: the later
    assert county_json(str(folder), "--as-of", "2025-01-31")["year"] == 2024


def test_plans_of_one_year_ending_on_different_days_are_each_named_in_the_heading(tmp_path):
    folder = tmp_path / "county"
    write(folder / "jia.toml", town_doc("甲镇", tasks=10, seed=1))
    write(
        folder / "yi.toml",
        of_year(town_doc("乙镇", tasks=10, seed=2), 2023, end=dt.date(2023, 6, 30)),
    )
    shown = runner.invoke(app, ["county", str(folder)])
    assert shown.exit_code == 0, shown.output
    assert "已结束的计划按各自的结束日2023-06-30、2023-12-31计" in "".join(shown.output.split())


def test_the_notices_summary_says_how_many_plans_of_another_year_and_copies_are_not_counted(
    tmp_path,
):
    folder = tmp_path / "county"
    jia = write(folder / "jia.toml", town_doc("甲镇", tasks=10, seed=1))
    write(folder / "jia-copy.toml", town_doc("甲镇", tasks=10, seed=1))
    assert jia.read_bytes() == (folder / "jia-copy.toml").read_bytes()
    write(folder / "yi.toml", of_year(town_doc("乙镇", tasks=10, seed=2), 2022))
    write(folder / "bing.toml", town_doc("丙镇", tasks=10, seed=3))
    notice = runner.invoke(app, ["county", str(folder), "--format", "md"])
    assert notice.exit_code == 0, notice.output
    assert "另有 1 个其他年度的计划、1 个已计入的计划的副本未计入本次汇总（见第五部分）。" in (
        notice.stdout
    )
    assert "本次汇总计划 2 个" in notice.stdout
    english = runner.invoke(app, ["--lang", "en", "county", str(folder), "--format", "md"])
    assert "Not counted (see 5): 1 plan of another year, 1 copy of plans already " in (
        english.stdout
    )
