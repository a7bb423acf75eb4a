"""Review of the s14 session's fixes: each test shows a defect left by (or next to) one of them."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, write_plan
from .test_done_path import _modules_after


@pytest.fixture(autouse=True)
def login_name(monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "clerk")


def _new_title(tmp_path: Path, title: str) -> str:
    plan = write_plan(tmp_path / "plan.toml", SMALL_ITEMS, title=title, year=2023)
    out = tmp_path / "plan-2024.toml"
    result = CliRunner().invoke(app, ["-f", str(plan), "new", "2024", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return tomllib.loads(out.read_text(encoding="utf-8"))["plan"]["title"]


@pytest.mark.parametrize(
    ("title", "moved"),
    [
        # c7dbee8 moved 2023/2024 whole; the same split year in the numerals 公文 write
        # (which next_title moves for a single year) still came out 二〇二四/二〇二四.
        ("石桥镇二〇二三/二〇二四学年工作计划", "石桥镇二〇二四/二〇二五学年工作计划"),
        ("石桥镇二零二二／二零二三年度工作计划", "石桥镇二零二三／二零二四年度工作计划"),
        # the second year written short, as school years often are: not 2024/24
        ("石桥镇2023/24学年工作计划", "石桥镇2024/25学年工作计划"),
    ],
)
def test_new_moves_a_split_year_whole_in_numerals_and_short_form_too(tmp_path, title, moved):
    assert _new_title(tmp_path, title) == moved


# ------------------------------------------------- ids of thousands of digits (e9d7e9b, 021bc7d)

_BASE = '[plan]\ntitle = "t"\nyear = 2023\n\n[[item]]\nid = "1"\ntitle = "部分"\n'
_LONG = "9" * 5000  # a paste gone wrong: more digits than int() reads (4,300)


def _merge(tmp_path: Path, ours: str, theirs: str):
    paths = {name: tmp_path / f"{name}.toml" for name in ("base", "ours", "theirs")}
    paths["base"].write_text(_BASE, encoding="utf-8")
    paths["ours"].write_text(_BASE + ours, encoding="utf-8")
    paths["theirs"].write_text(_BASE + theirs, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["merge", *(str(paths[n]) for n in ("base", "ours", "theirs")), "plan.toml"]
    )
    return result, paths["ours"]


def test_merge_of_an_id_of_thousands_of_digits_added_on_both_sides_is_no_traceback(tmp_path):
    """plan add was made to step over such an id (next_id); the merge driver, which sorts the
    clashing ids and counts on from their numbers the same way, still died in int()."""
    item = '\n[[item]]\nid = "1.{}"\ntitle = "{}"\n'
    result, merged = _merge(tmp_path, item.format(_LONG, "我方"), item.format(_LONG, "对方"))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 0, result.output
    tables = tomllib.loads(merged.read_text("utf-8"))["item"]
    assert sorted(t["title"] for t in tables) == ["对方", "我方", "部分"]
    assert len({t["id"] for t in tables}) == 3


def test_merge_of_clashing_ids_beside_an_id_of_thousands_of_digits_is_no_traceback(tmp_path):
    """A clash at 1.1 renumbers the later one after the highest number under 1: an id of 5,000
    digits there is no numbering to count on from (as plan add takes it)."""
    long_item = f'\n[[item]]\nid = "1.{_LONG}"\ntitle = "粘贴错了"\n'
    ours_text = long_item + '\n[[item]]\nid = "1.1"\ntitle = "我方"\n'
    theirs_text = long_item + '\n[[item]]\nid = "1.1"\ntitle = "对方"\n'
    result, merged = _merge(tmp_path, ours_text, theirs_text)
    assert result.exit_code == 0, result.output
    tables = tomllib.loads(merged.read_text("utf-8"))["item"]
    assert {t["id"] for t in tables} >= {"1.1", "1.2"}


# ------------------------------------------------- ids typed the Chinese way (ae316bf)

_FULL_WIDTH_IDS = """[plan]
title = "测试镇2024年工作计划"
year = 2024

[[item]]
id = "（一）"
title = "基础"

[[item]]
id = "（一）.1"
title = "修路"
parent = "（一）"

[[item]]
id = "（一）.2"
title = "修塘"
parent = "（一）"
"""


def test_an_id_written_with_full_width_brackets_still_gets_its_archive_and_near_ids(tmp_path):
    """Plan.find reads what is typed the way an input method writes it (NFKC: （一） is (一)),
    and then looked for the removed item and the near ids under that reading alone: an id the
    plan writes （一）.2 itself was no longer said to be in the archive, nor （一）.1 offered."""
    plan = tmp_path / "plan.toml"
    plan.write_text(_FULL_WIDTH_IDS, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["-f", str(plan), "rm", "（一）.2", "--yes"]).exit_code == 0
    shown = runner.invoke(app, ["-f", str(plan), "show", "（一）.2"])
    assert shown.exit_code != 0
    assert "已删除" in shown.output and "plan log （一）.2" in shown.output, shown.output
    near = runner.invoke(app, ["-f", str(plan), "show", "（一"])
    assert near.exit_code != 0
    assert "相近的有：（一） 基础; （一）.1 修路" in near.output, near.output


# ------------------------------------------------- plan add's date slips (adf7a54)

REPO = Path(__file__).resolve().parent.parent


def test_header_loads_no_calendar_for_the_last_day_of_february(tmp_path):
    """header.shifted (d54d8fd, 52919f5) asked calendar for February's last day: plan header,
    plan new and plan add --due loaded it, and locale with it, for a sum of days."""
    assert _modules_after(tmp_path, ["header"], ["calendar"]) == [False]
    assert _modules_after(
        tmp_path, ["add", "1.1", "新任务", "--due", "2023-06-30"], ["calendar"]
    ) == [False]


def test_add_with_no_deadline_or_start_loads_no_plan_check_code(tmp_path):
    """plan add says at once a deadline or start plan check would point out; an add that
    types neither has none to say, and loaded plan check's warnings, the header module and
    calendar (with locale) for nothing: some 8 ms on every plan add."""
    names = ["quanhu_plan.plan_warnings", "quanhu_plan.header", "calendar"]
    assert _modules_after(tmp_path, ["add", "1.1", "新任务"], names) == [False, False, False]


# ------------------------------------------------- county files named in capitals (a6ccdb1)


def test_county_settings_named_in_capitals_are_the_settings_not_a_plan_skipped(tmp_path):
    """plan county reads a town's 甲镇.TOML now (Windows and mail programs write suffixes in
    capitals); the county's own COUNTY.TOML, written the same way, became a candidate plan and
    was skipped as 'not a plan file' while its settings went unused (on Windows, where the name
    finds it, they were used and it was still listed as not a plan)."""
    folder = tmp_path / "towns"
    folder.mkdir()
    (folder / "甲镇.TOML").write_bytes((REPO / "plan.toml").read_bytes())
    (folder / "COUNTY.TOML").write_text(
        '[county]\nname = "衡南县人民政府"\nreport_day = 20\n', encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["county", str(folder), "--as-of", "2023-06-30", "--json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["skipped"] == [], record["skipped"]
    assert record["issuer"] == "衡南县人民政府"
    assert record["reporting"]["day_of_month"] == 20


# ------------------------------------------------- an export of a plan of one level (472166d)


def test_an_export_of_a_plan_of_tasks_alone_keeps_its_ids_and_titles(tmp_path):
    """472166d: a table plan export wrote keeps its 序号 as ids and its titles whole (第三部分,
    一是) — but only for a tree; a plan of top-level tasks came back as 1, 2, 3 with 一是 and
    第三部分 cut off its titles."""
    plan = write_plan(
        tmp_path / "plan.toml",
        [
            {"id": "一", "title": "修路"},
            {"id": "二", "title": "一是加强修塘"},
            {"id": "三", "title": "第三部分 建馆"},
        ],
        title="测试镇2024年工作计划",
        year=2024,
    )
    table = tmp_path / "表.xlsx"
    runner = CliRunner()
    assert runner.invoke(app, ["-f", str(plan), "export", "--out", str(table)]).exit_code == 0
    back = tmp_path / "back.toml"
    result = runner.invoke(app, ["import", str(table), "--out", str(back), "--year", "2024"])
    assert result.exit_code == 0, result.output
    items = tomllib.loads(back.read_text("utf-8"))["item"]
    assert [(t["id"], t["title"]) for t in items] == [
        ("一", "修路"),
        ("二", "一是加强修塘"),
        ("三", "第三部分 建馆"),
    ]


# ------------------------------------------------- 截至 a month alone (2a0f742)


@pytest.mark.parametrize(
    "text", ["截至6月上旬，已完成60%", "截至2024年6月中旬", "截至6月初完成招标"]
)
def test_a_note_as_of_early_or_mid_month_is_not_dated_at_the_months_end(text):
    """截至2024年6月 dates a note at the month's last day (the figures through June); 截至6月
    上旬 (or 中旬, 初) says early June, and was dated 30 June too, three weeks after it was
    written: such a note is left undated, as it was."""
    from quanhu_plan.importing.above import as_of

    assert as_of(text, year=2024) is None
    assert as_of("截至6月下旬", year=2024) == as_of("截至6月", year=2024)


@pytest.mark.parametrize("text", ["截至6.5万亩", "截至3.2亿元", "截至6.5%"])
def test_a_figure_after_as_of_is_not_read_as_a_day(text):
    # 截至6.5万亩 (so far 65,000 mu) was read as 5 June.
    from quanhu_plan.importing.above import as_of

    assert as_of(text, year=2024) is None
    assert as_of("截至6.5，完成6.5万亩", year=2024) == dt.date(2024, 6, 5)
