"""Attacks on the commands that make or describe a plan as a whole (plan new, plan init, plan
header), with a town office's year-end in mind: each test shows a defect found and now fixed."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, write_plan


@pytest.fixture(autouse=True)
def login_name(monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "clerk")


def invoke(runner: CliRunner, *args: str):
    return runner.invoke(app, list(args))


def read(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- plan new


def test_new_refuses_a_plan_with_merge_conflicts_not_settled(runner, plan_file):
    """A merge conflict left in this year's plan must not be carried into next year's: the
    header's (resolving --ours would give the 2024 plan its 2023 title back), a goal's about a
    deadline the new plan does not have, a task's about whether it is done at all (so whether it
    is carried). plan new says so and writes nothing, as a change to an item in conflict does."""
    items = [dict(table) for table in SMALL_ITEMS]
    items[3]["conflict"] = [
        {"field": "status", "ours": "doing", "theirs": "done", "theirs_by": "李四"}
    ]
    write_plan(
        plan_file,
        items,
        conflict=[{"field": "title", "ours": "测试镇2023年工作计划", "theirs": "测试镇2023年计划"}],
    )
    before = plan_file.read_bytes()
    result = invoke(runner, "new", "2024", "--carry")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "2 处合并冲突未解决" in result.output
    assert "plan resolve [plan] title" in result.output
    assert "plan check" in result.output
    assert not Path("plan-2024.toml").exists()
    assert plan_file.read_bytes() == before


def test_new_out_to_a_folder_not_there_yet_makes_the_folder_as_init_does(runner, small_plan):
    """--out 2024/ (a trailing slash: a folder) wrote a file named 2024, which a later plan new
    -o 2024/ then refused as existing; plan init 2024/ makes the folder with plan.toml in it."""
    result = invoke(runner, "new", "2024", "--out", "2024年/")
    assert result.exit_code == 0, result.output
    assert Path("2024年").is_dir()
    written = Path("2024年") / "plan.toml"
    assert read(written)["plan"]["year"] == 2024
    assert f"写入 {written}" in result.output


def test_new_out_onto_a_device_or_a_broken_link_is_said_of_a_plan_not_a_report(runner, small_plan):
    """plan new -o /dev/null said a report is written to a regular file only, e.g.
    2023年终总结.md: words of plan report, and a Markdown file to write a plan to."""
    Path("dangling.toml").symlink_to("nowhere/plan.toml")
    for out in ("/dev/null", "dangling.toml"):
        result = invoke(runner, "new", "2024", "--out", out)
        assert result.exit_code == 1, result.output
        assert "报告" not in result.output and ".md" not in result.output, result.output
        assert f"--out {out} 是" in result.output and "plan-2024.toml" in result.output
    english = invoke(runner, "--lang", "en", "new", "2024", "--out", "/dev/null")
    assert "report" not in english.output and "plan-2024.toml" in english.output
    assert not Path("nowhere").exists()


def test_a_period_ending_with_february_ends_with_it_in_a_leap_year_too(runner, plan_file):
    """A plan from March to February (2022-03-01 to 2023-02-28): next year's ran to 2024-02-28,
    so 29 February 2024 fell in no plan; the same when plan header --year moves the period."""
    write_plan(
        plan_file,
        [{"id": "1", "title": "修塘", "progress": 10}],
        title="测试镇2022年度计划",
        year=2022,
        start=dt.date(2022, 3, 1),
        end=dt.date(2023, 2, 28),
    )
    result = invoke(runner, "new", "2023", "--carry")
    assert result.exit_code == 0, result.output
    assert read(Path("plan-2023.toml"))["plan"]["end"] == dt.date(2024, 2, 29)
    result = invoke(runner, "-f", "plan-2023.toml", "header", "--year", "2024")
    assert result.exit_code == 0, result.output
    header = read(Path("plan-2023.toml"))["plan"]
    assert (header["start"], header["end"]) == (dt.date(2024, 3, 1), dt.date(2025, 2, 28))
    result = invoke(runner, "-f", "plan-2023.toml", "header", "--year", "2023")
    assert result.exit_code == 0, result.output
    assert read(Path("plan-2023.toml"))["plan"]["end"] == dt.date(2024, 2, 29)


# ---------------------------------------------------------------- plan header


def test_header_day_typed_without_a_year_falls_in_the_new_year_given_with_it(runner, small_plan):
    """plan header --year 2024 --start 7月1日 read 7月1日 in the old year: the period became
    2023-07-01 to 2025-06-30; and with --end 6月30日 the end fell before the start, refused
    with a command that swapped them (--start 2023-06-30 --end 2024-07-01)."""
    result = invoke(runner, "header", "--year", "2024", "--start", "7月1日", "--end", "2025-06-30")
    assert result.exit_code == 0, result.output
    header = read(small_plan)["plan"]
    assert (header["year"], header["start"]) == (2024, dt.date(2024, 7, 1))
    assert invoke(runner, "undo").exit_code == 0
    result = invoke(runner, "header", "--year", "2024", "--start", "2024-07-01", "--end", "6-30")
    assert result.exit_code == 0, result.output
    header = read(small_plan)["plan"]
    assert (header["start"], header["end"]) == (dt.date(2024, 7, 1), dt.date(2025, 6, 30))
    assert invoke(runner, "undo").exit_code == 0
    # a calendar-year plan moved: 6月30日 is the new year's
    result = invoke(runner, "header", "--year", "2025", "--end", "6月30日")
    assert result.exit_code == 0, result.output
    header = read(small_plan)["plan"]
    assert (header["start"], header["end"]) == (dt.date(2025, 1, 1), dt.date(2025, 6, 30))


def test_header_of_the_embedded_plan_names_it_not_a_file_inside_the_installation(
    runner, monkeypatch
):
    """With no plan found, plan header showed 文件：…/site-packages/quanhu_plan/plan.toml, a file
    of the installation to take for one's own plan (and edit by hand), not the read-only
    embedded plan it is."""
    monkeypatch.delenv("PLAN_FILE")
    result = invoke(runner, "header")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "文件：内置的2023年计划（只读）"
    english = invoke(runner, "--lang", "en", "header")
    assert english.output.splitlines()[-1] == "File: the embedded 2023 plan (read-only)"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_init_where_plan_toml_is_a_folder_refuses_instead_of_writing_inside_it(
    runner, tmp_path, monkeypatch, lang
):
    # plan init in a folder whose plan.toml is a folder (an unzipped attachment) wrote
    # plan.toml/plan.toml and said plan would use it here, where plan then stops at that folder.
    monkeypatch.delenv("PLAN_FILE")
    (tmp_path / "plan.toml").mkdir()
    result = invoke(runner, "--lang", lang, "init")
    assert result.exit_code == 1, result.output
    said = " ".join(result.output.split())
    assert (
        ("是一个文件夹" in said and "plan init" in said)
        if lang == "zh"
        else ("is a folder" in said and "plan init" in said)
    )
    assert list((tmp_path / "plan.toml").iterdir()) == []
    assert "Traceback" not in result.output
    # A folder named outright is still where plan.toml goes.
    assert invoke(runner, "init", "plan.toml").exit_code == 0
    assert (tmp_path / "plan.toml" / "plan.toml").is_file()


def test_header_end_typed_without_a_year_after_a_leap_day_start_ends_a_year_on(runner, plan_file):
    # --start 2024-02-29 --end 2月28日: the year from 29 February ends on 28 February 2025; the
    # end was read in 2024, before the start, and refused with an example that swapped them.
    write_plan(plan_file, SMALL_ITEMS)
    result = invoke(runner, "header", "--year", "2024", "--start", "2024-02-29", "--end", "2月28日")
    assert result.exit_code == 0, result.output
    meta = read(plan_file)["plan"]
    assert (meta["start"], meta["end"]) == (dt.date(2024, 2, 29), dt.date(2025, 2, 28))
