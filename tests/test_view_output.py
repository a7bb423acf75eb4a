"""The drawn views of status, list (tree and --flat), log and show stay the same characters, byte for
byte, at every width, with colour and without: each is compared with the output the views gave
when they were drawn through rich (kept in tests/golden/views.json.gz).

The plans: the repo's plan with a trace of log entries, a generated plan, the small and the
hostile plans of the other tests, and a plan of awkward titles (long, CJK and Latin mixed, a
line break, markup-like brackets, emoji joined by ZWJ, deep ids, many names).

After an intended change of the drawing, write the reference again with
``UPDATE_GOLDEN=1 pytest tests/test_view_output.py`` and look at the diff of what it prints."""

from __future__ import annotations

import datetime as dt
import difflib
import gzip
import importlib.util
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quanhu_plan.canonical import dumps
from quanhu_plan.cli import app

from .conftest import SMALL_ITEMS, plan_doc
from .test_hostile_text import HOSTILE, TERMINAL_ENV, hostile_items

REPO = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden" / "views.json.gz"
WIDTHS = (40, 60, 80, 120)


def _benchmark(name: str) -> Any:
    path = REPO / "benchmarks" / f"{name}.py"
    sys.path.insert(0, str(path.parent))
    try:
        spec = importlib.util.spec_from_file_location(f"_bench_{name}", path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(path.parent))
    return module


AWKWARD_ITEMS: list[dict[str, Any]] = [
    {"id": "1", "title": "基础设施建设与农村人居环境整治提升行动" * 3, "lead": "张三、李四"},
    {
        "id": "1.1",
        "title": "[bold]修塘[/bold] 3.2万亩高标准农田建设（含水利配套1,800户）",
        "lead_unit": "镇农业综合服务中心（农业股、水利站）",
        "support_units": ["水利站", "国土所", "财政所", "规划办"],
        "owner": "王五；赵六",
        "due": dt.date(2023, 6, 30),
        "progress": 45,
    },
    {"id": "1.2", "title": "Install 200 street lights along the county road", "progress": 100},
    {
        "id": "1.3",
        "title": "第一行\n第二行：换行的标题",
        "status": "doing",
        "progress": 10,
        "log": [
            {
                "at": dt.datetime(2023, 3, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=8))),
                "action": "note",
                "note": "第一段\n\n第三段：空行之后",
            },
            {
                "at": dt.datetime(2023, 3, 2, 9, tzinfo=dt.timezone(dt.timedelta(hours=8))),
                "action": "note",
                "note": "  缩进的\n\n说明",
                "by": "",
            },
        ],
    },
    {"id": "1.4", "title": "家庭👨‍👩‍👧 与 ❤️ 标记", "status": "blocked", "reason": "资料"},
    {"id": "1.5", "title": "子目标"},
    {"id": "1.5.1", "title": "深层目标"},
    {
        "id": "1.5.1.1",
        "title": "很深的任务" * 12,
        "owner": "一个名字非常非常长的责任单位名称" * 2,
        "due": "2023-Q3",
    },
    {"id": "1.5.1.2", "title": "完成", "status": "done", "done_on": dt.date(2023, 2, 1)},
    {"id": "2", "title": "空的部分"},
    {"id": "3", "title": "Part three", "owner": "Alice"},
    {"id": "3.1", "title": "Dropped", "status": "dropped", "reason": "no money"},
    {"id": "3.2", "title": "Metric", "measure": "km", "target": 12, "actual": 3},
]


# Missed milestones are listed under the status table.
MILESTONE_ITEMS: list[dict[str, Any]] = [
    {"id": "1", "title": "项目建设", "lead_unit": "规划办"},
    {
        "id": "1.1",
        "title": "[x] 修建村道",
        "progress": 20,
        "milestone": [
            {"due": dt.date(2023, 3, 31), "progress": 30, "note": "完成设计"},
            {"due": "2023-Q3", "progress": 80},
        ],
    },
    {"id": "1.2", "title": "安装路灯", "status": "done", "done_on": dt.date(2023, 2, 1)},
]


def plans() -> dict[str, str]:
    """name -> plan file text."""
    as_of = _benchmark("as_of")
    generate = _benchmark("generate")
    return {
        "trace": as_of.plan_with_a_trace(60),
        "generated": dumps(generate.plan_doc(60)),
        "small": dumps(plan_doc(SMALL_ITEMS)),
        "small_en": dumps(plan_doc(SMALL_ITEMS, lang="en")),
        "hostile": dumps(
            plan_doc(hostile_items(), title=f"泉湖镇{HOSTILE}计划", organisation=f"{HOSTILE}政府")
        ),
        "awkward": dumps(plan_doc(AWKWARD_ITEMS)),
        "milestones": dumps(plan_doc(MILESTONE_ITEMS)),
    }


COMMANDS: dict[str, list[list[str]]] = {
    "trace": [
        ["list"],
        ["list", "--flat"],
        ["log"],
        ["log", "--all"],
        ["log", "1.1"],
        ["show", "1"],
        ["show", "1", "--all"],
        ["show", "1.1.1"],
    ],
    "generated": [
        ["list"],
        ["list", "--flat"],
        ["list", "--status", "doing"],
        ["show", "1"],
        ["status"],
        ["status", "--by", "owner"],
    ],
    "small": [["list"], ["list", "--flat"], ["show", "1.1"], ["show", "2"], ["status"]],
    "small_en": [["list"], ["list", "--flat"], ["show", "2"], ["status"]],
    "hostile": [["list"], ["list", "--flat"], ["show", "1"], ["show", "1.1"], ["status"]],
    "milestones": [["status"], ["status", "--by", "unit"]],
    "awkward": [
        ["status"],
        ["status", "--by", "unit"],
        ["list"],
        ["list", "--flat"],
        ["show", "1", "--all"],
        ["show", "1.1"],
        ["show", "1.3"],
        ["log", "--all"],
    ],
}

COLOURS = {
    "plain": {},
    "colour": TERMINAL_ENV,
    "no_color": {**TERMINAL_ENV, "NO_COLOR": "1"},  # a terminal: bold and dim, no colours
}


def drawn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Every view of every plan at every width and colour: key -> output."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")  # plan log shows local times
    if hasattr(time, "tzset"):
        time.tzset()
    runner = CliRunner()
    out: dict[str, str] = {}
    try:
        for name, text in plans().items():
            path = tmp_path / f"{name}.toml"
            path.write_text(text, encoding="utf-8")
            monkeypatch.setenv("PLAN_FILE", str(path))
            for args in COMMANDS[name]:
                for width in WIDTHS:
                    for colour, env in COLOURS.items():
                        if colour == "no_color" and width != 80:
                            continue
                        settings = {**env, "COLUMNS": str(width)}
                        for key, value in settings.items():
                            if value is None:
                                monkeypatch.delenv(key, raising=False)
                            else:
                                monkeypatch.setenv(key, value)
                        result = runner.invoke(app, [*args, "--as-of", "2023-12-31"])
                        if args[0] == "log":
                            result = runner.invoke(app, args)
                        assert result.exit_code == 0, result.output
                        out[f"{name} | {' '.join(args)} | {width} | {colour}"] = result.stdout
                        for key in settings:
                            monkeypatch.delenv(key, raising=False)
                        monkeypatch.setenv("NO_COLOR", "1")
                        monkeypatch.setenv("TERM", "dumb")
    finally:
        monkeypatch.undo()
        if hasattr(time, "tzset"):
            time.tzset()
    return out


def test_list_log_and_show_draw_the_same_characters_as_before(tmp_path, monkeypatch):
    now = drawn(tmp_path, monkeypatch)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        payload = json.dumps(now, ensure_ascii=False, indent=0, sort_keys=True)
        GOLDEN.write_bytes(gzip.compress(payload.encode("utf-8"), mtime=0))
    expected = json.loads(gzip.decompress(GOLDEN.read_bytes()).decode("utf-8"))
    assert sorted(now) == sorted(expected)
    differ = [key for key in expected if now[key] != expected[key]]
    report = []
    for key in differ[:3]:
        diff = difflib.unified_diff(
            expected[key].splitlines(), now[key].splitlines(), "before", "now", lineterm=""
        )
        report.append(f"{key}:\n" + "\n".join(list(diff)[:40]))
    assert not differ, f"{len(differ)} views differ:\n" + "\n\n".join(report)
    assert any("\x1b[" in now[key] for key in now if key.endswith("| colour"))


@pytest.mark.parametrize("colour", [None, "256", "truecolor"])
@pytest.mark.parametrize("width", [40, 80, 120])
def test_long_views_written_as_drawn_are_what_rich_prints(colour, width):
    """Hundreds of lines written straight to the output, a few hundred at a time with their
    colour codes (``Grid.stream``, ``Tree.stream``: what a pipe or a terminal gets), are the
    same characters rich prints from the same view's segments (``--pager``, a recording
    console); NO_COLOR keeps bold and dim alone, as rich does."""
    import io

    from quanhu_plan.records import ListFilter
    from quanhu_plan.store import plan_from_text
    from quanhu_plan.terminal.console import PlanConsole
    from quanhu_plan.terminal.list_view import list_table, list_tree
    from quanhu_plan.terminal.trace_view import trace_table
    from quanhu_plan.terminal.views import show_item
    from quanhu_plan.trace import history_rows, newest_first

    doc = _benchmark("generate").plan_doc(600)
    doc["item"][3]["title"] = f"[x] 修塘{HOSTILE}" + "很长的标题" * 20
    plan = plan_from_text(dumps(doc), "plan.toml")
    traced = plan_from_text(_benchmark("as_of").plan_with_a_trace(400), "plan.toml")
    day = dt.date(2023, 12, 31)
    keep = ListFilter()
    views = [
        list_tree(plan, day, "zh", keep),
        list_table(plan, day, "zh", keep),
        trace_table(newest_first(history_rows(traced)), "zh"),
        show_item(traced.find("1"), traced, day, "zh", everything=True),
    ]
    for no_color in (False, True) if colour else (False,):
        for view in views:

            def console(out: io.StringIO, no_color: bool = no_color) -> PlanConsole:
                return PlanConsole(
                    file=out,
                    width=width,
                    color_system=colour,
                    force_terminal=colour is not None,
                    no_color=no_color,
                    highlight=False,
                    emoji=False,
                )

            printed, written = io.StringIO(), io.StringIO()
            console(printed).print(view)
            view.stream(console(written))
            assert written.getvalue() == printed.getvalue()
            assert written.getvalue().count("\n") > (300 if view is not views[-1] else 20)
            assert ("\x1b[" in written.getvalue()) == (colour is not None)
