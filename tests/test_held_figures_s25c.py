"""Figures held all year (session 25, task C): a floor or limit is held or breached.

A floor breached within the 5-point pace tolerance (95% against ≥98%) read 达进度 with a green
light; it is 欠进度 and at least 黄灯 now, in every view, the cache cold or warm. A plan whose
limits are all held in March said 全部任务完成率均已达100%，其中3项尚未销号 under its status;
those are held before their deadline (the report's 保持在目标范围内), not awaiting a tick-off."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from .test_held_pace_s24o import MARCH, _column, _limits, _run, _views, _write

NEAR = {"1.1": 4, "1.2": 95, "1.3": 1}  # 95% against ≥98%: 97%, within 5 points


@pytest.mark.parametrize("cache", ["off", "cold", "warm"])
def test_floor_breached_within_the_tolerance_is_behind_and_lit(tmp_path: Path, cache: str) -> None:
    path = _write(tmp_path / "plan", _limits(NEAR))
    folder = "" if cache == "off" else str(tmp_path / "cache")
    if cache == "warm":
        assert _run(path, ["status"], folder)[0] == 0
    said = _views(path, folder, tmp_path)
    assert "0/2/1/0    0/1" in said["status"], said["status"]
    assert said["list"].count("欠进度") == 1 and said["list"].count("达进度") == 2, said["list"]
    assert "黄灯" in said["list"].split("1.2")[1].split("1.3")[0], said["list"]
    code, shown = _run(path, ["show", "1.2", "--as-of", MARCH], folder)
    assert code == 0 and "序时进度      欠进度" in shown and "预警          黄灯" in shown, shown
    assert said["report"]["overview"]["behind"] == 1, said["report"]["overview"]
    assert "热线按时办结率" in said["md"].split("存在的问题")[1], said["md"]
    assert _column(said, "红黄绿灯", "1.2") == "黄灯", said["export"]
    assert "黄灯" in said["xlsx"]["1.2"], said["xlsx"]
    code, listed = _run(path, ["list", "--pace", "behind", "--as-of", MARCH], folder)
    assert code == 0 and "1.2" in listed and "1.1" not in listed, listed


def test_floor_breached_far_below_keeps_the_red_light(tmp_path: Path) -> None:
    """The lights' rules still say how bad a breach is: 70% against ≥98% is 红灯."""
    path = _write(tmp_path / "plan", _limits({**NEAR, "1.2": 70}))
    code, shown = _run(path, ["show", "1.2", "--as-of", MARCH])
    assert code == 0 and "欠进度" in shown and "预警          红灯" in shown, shown


def test_floor_breached_on_its_deadline_is_behind(tmp_path: Path) -> None:
    path = _write(tmp_path / "plan", _limits(NEAR))
    code, shown = _run(path, ["show", "1.2", "--as-of", "2023-12-31"])
    assert code == 0 and "欠进度" in shown and "黄灯" in shown, shown


def test_floor_breached_before_its_window_is_not_judged(tmp_path: Path) -> None:
    items = _limits(NEAR)
    items[2]["start"] = dt.date(2023, 6, 1)
    path = _write(tmp_path / "plan", items)
    code, shown = _run(path, ["show", "1.2", "--as-of", MARCH])
    assert code == 0 and "欠进度" not in shown and "黄灯" not in shown, shown


def test_english_and_july_year_plans_call_a_near_breach_behind(tmp_path: Path) -> None:
    path = _write(tmp_path / "en", _limits(NEAR), lang="en")
    code, listed = _run(path, ["list", "--as-of", MARCH])
    assert code == 0 and listed.lower().count("behind") == 1, listed
    assert "yellow" in listed.lower(), listed
    items = _limits(NEAR)
    for item in items[1:]:
        item["due"] = dt.date(2024, 6, 30)
    july = _july(tmp_path / "july", items)
    code, shown = _run(july, ["show", "1.2", "--as-of", "2023-10-31"])
    assert code == 0 and "欠进度" in shown and "黄灯" in shown, shown


def _july(root: Path, items: list[dict[str, Any]], lang: str = "zh") -> Path:
    from quanhu_plan.canonical import dumps

    from .conftest import plan_doc

    doc = plan_doc(
        items,
        lang=lang,
        title="测试镇2023—2024年度工作计划",
        start=dt.date(2023, 7, 1),
        end=dt.date(2024, 6, 30),
    )
    root.mkdir(parents=True, exist_ok=True)
    path = root / "plan.toml"
    path.write_text(dumps(doc), encoding="utf-8")
    return path
