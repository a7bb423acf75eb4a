"""Session 25 (E): plan export, then plan import of the workbook, keeps every field of random
plans: targets with their words, milestones, deadline words kept beside due (完成时限原文),
progress notes with line breaks, units and owners joined by a slash or several of them."""

from __future__ import annotations

import datetime as dt
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan.canonical import dumps
from quanhu_plan.cli import app
from quanhu_plan.names import split_names

UNITS = st.sampled_from(
    ["农业办", "党政办/综治办", "经发办／财政所", "综治办", "镇农业综合服务中心（农业股、水利站）"]
)
OWNERS = st.sampled_from(["王五", "李四", "张三/李四"])
NOTES = st.sampled_from(
    ["已完成土地平整", "第一行\n第二行", "　　已开工。\n\n　　下一步：验收", "完成60%，正在推进"]
)
STEPS = st.sampled_from(["完成选址", "完成设计（一期）", "招标\n开工"])
DUES = st.sampled_from([dt.date(2023, 6, 30), "2023-09", "2023-Q3", dt.date(2023, 12, 31)])
TARGETS = st.sampled_from(
    [(2000, "亩", None), (95, "%", "不低于95%"), (3.3, "万亩", "3.3万亩以上"), (None, None, None)]
)


@st.composite
def tasks(draw: Any, number: int) -> dict[str, Any]:
    task: dict[str, Any] = {"id": f"1.{number}", "title": f"任务{number}"}
    if draw(st.booleans()):
        unit = draw(st.lists(UNITS, min_size=1, max_size=2, unique=True))
        task["lead_unit"] = unit[0] if len(unit) == 1 else unit
    if draw(st.booleans()):
        task["owner"] = draw(OWNERS)
    kept_words = draw(st.sampled_from([None, "长期坚持", "持续推进"]))
    if kept_words is None and draw(st.booleans()):
        task["due"] = draw(DUES)
    target, measure, words = draw(TARGETS)
    if target is not None:
        task["measure"], task["target"] = measure, target
        if words:
            task["target_text"] = words
        if draw(st.booleans()):  # (in %: written 达到47.5%, not read back as progress)
            task["milestone"] = [{"due": "2023-06", "value": target / 2}]
            if draw(st.booleans()):
                task["milestone"][0]["note"] = draw(STEPS)
    elif draw(st.booleans()):
        task["milestone"] = [{"due": "2023-Q2", "progress": 40}]
        if draw(st.booleans()):  # a step with no share (session 27), its words alone
            task["milestone"].insert(0, {"due": "2023-Q1", "note": draw(STEPS)})
    if kept_words is not None:
        task["完成时限原文"] = kept_words
    if draw(st.booleans()):
        task["log"] = [{"on": dt.date(2023, 6, 30), "note": draw(NOTES)}]
    return task


@st.composite
def plans(draw: Any) -> list[dict[str, Any]]:
    count = draw(st.integers(1, 5))
    return [{"id": "1", "title": "重点工作"}] + [draw(tasks(n)) for n in range(1, count + 1)]


def _names(value: Any) -> list[str]:
    written = [value] if isinstance(value, str) else value or []
    return list(dict.fromkeys(name for text in written for name in split_names(text)))


def _fields(item: dict[str, Any]) -> dict[str, Any]:
    """What the round trip must keep of an item, names as the names they give."""
    kept = {key: item.get(key) for key in ("title", "due", "target", "measure", "target_text")}
    kept["完成时限原文"] = item.get("完成时限原文")
    kept["milestone"] = [
        {key: value for key, value in m.items() if key in ("due", "value", "progress", "note")}
        for m in item.get("milestone", [])
    ]
    kept["notes"] = [(e.get("on"), e.get("note")) for e in item.get("log", []) if "note" in e]
    for role in ("lead_unit", "owner"):
        kept[role] = _names(item.get(role))
    return kept


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items=plans())
def test_export_then_import_keeps_every_field(items: list[dict[str, Any]]) -> None:
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as folder:
        plan = Path(folder) / "plan.toml"
        doc = {"plan": {"title": "泉湖镇2023年重点工作", "year": 2023}, "item": items}
        plan.write_text(dumps(doc), encoding="utf-8")
        check = runner.invoke(app, ["--file", str(plan), "check"])
        assert check.exit_code == 0, (check.output, plan.read_text("utf-8"))
        table = Path(folder) / "表.xlsx"
        result = runner.invoke(
            app, ["--file", str(plan), "export", "--out", str(table), "--as-of", "2023-06-30"]
        )
        assert result.exit_code == 0, result.output
        back = Path(folder) / "back.toml"
        result = runner.invoke(app, ["import", str(table), "--out", str(back)])
        assert result.exit_code == 0, result.output
        before = {i["id"]: _fields(i) for i in tomllib.loads(plan.read_text("utf-8"))["item"]}
        after = {i["id"]: _fields(i) for i in tomllib.loads(back.read_text("utf-8"))["item"]}
        assert after == before, (plan.read_text("utf-8"), back.read_text("utf-8"))
