"""Shared fixtures: no test touches the repo's plan.toml or the user's environment."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import typer.main
import typer.testing
from hypothesis import settings
from typer.testing import CliRunner

from quanhu_plan.canonical import dumps
from quanhu_plan.changes import Stamp
from quanhu_plan.cli import app

# Typer's CliRunner turns the whole app into a click command on every invoke (about 30 ms for
# twenty commands, most of a test's time). The command holds no state between runs, so the
# tests build it once; `plan` itself builds only the command it runs (cli.main).
_COMMAND = typer.main.get_command(app)
_get_command = typer.testing._get_command
typer.testing._get_command = lambda typer_app: (  # type: ignore[assignment]
    _COMMAND if typer_app is app else _get_command(typer_app)
)

# CI is a gate: the property tests run the same examples each time there (derandomize), while
# local runs keep exploring new ones.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
REPO_PLAN = REPO / "plan.toml"

# A child process's program: ``plan`` run with the child's arguments as the console script runs
# it, then whatever is added (what it loaded: ``sys.modules``).
RUN_PLAN = (
    "import sys\n"
    "from quanhu_plan.cli import main\n"
    "sys.argv = ['plan', *sys.argv[1:]]\n"
    "try:\n"
    "    main()\n"
    "except SystemExit:\n"
    "    pass\n"
)


CST = dt.timezone(dt.timedelta(hours=8))


@dataclass
class Clock:
    now: dt.datetime = field(default_factory=lambda: dt.datetime(2023, 1, 1, 9, tzinfo=CST))


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """Change commands write the time of this clock instead of the wall clock's."""
    the_clock = Clock()
    monkeypatch.setattr(Stamp, "current", classmethod(lambda cls, by: cls(by, the_clock.now)))
    return the_clock


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point PLAN_FILE at a (not yet existing) file in tmp_path; pin width and language."""
    plan_file = tmp_path / "plan.toml"
    monkeypatch.setenv("PLAN_FILE", str(plan_file))
    monkeypatch.setenv("QUANHU_PLAN_CACHE", str(tmp_path / "cache"))
    # (a program run by a test stores a first read's cache entry before it leaves, not after
    # in a process of its own: tests look at the cache folder right after; test_cache_later)
    monkeypatch.setenv("QUANHU_PLAN_CACHE_DETACH", "0")
    monkeypatch.delenv("PLAN_LANG", raising=False)
    for name in ("LC_ALL", "LC_MESSAGES"):  # no plan applies: the locale's language, here zh
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.chdir(tmp_path)
    return plan_file


@pytest.fixture(autouse=True)
def collector_as_found() -> Iterator[None]:
    """The collector on after a test if it was before: the read-ahead's own function called in
    a test (``read_ahead._sent``) turns it off, as in the process it runs in, which leaves with
    os._exit; a later test in the same worker found it off (test_long_trace_changes)."""
    import gc

    was = gc.isenabled()
    yield
    if was and not gc.isenabled():
        gc.enable()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@contextlib.contextmanager
def terminal_input(typed: bytes = b"") -> Iterator[int]:
    """A pseudo-terminal's end for a child process's standard input, ``typed`` waiting in it as
    keys typed ahead (a program run from a test asks only at a terminal: cli.prompts.can_ask)."""
    import pty

    master, slave = pty.openpty()
    try:
        os.write(master, typed)
        yield slave
    finally:
        os.close(slave)
        os.close(master)


@pytest.fixture
def at_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """A question asked as at a terminal, CliRunner's input the answers typed: plan asks only
    when standard input is a terminal (``cli.prompts.can_ask``), never in a script."""
    monkeypatch.setattr("quanhu_plan.cli.prompts.can_ask", lambda: True)


@pytest.fixture
def plan_file(isolated: Path) -> Path:
    return isolated


def plan_doc(items: list[dict[str, Any]], **meta: Any) -> dict[str, Any]:
    """A small plan document: a 2023 plan with the given items."""
    plan = {
        "title": "测试镇2023年工作计划",
        "organisation": "测试镇人民政府",
        "year": 2023,
        "start": dt.date(2023, 1, 1),
        "end": dt.date(2023, 12, 31),
        "lang": "zh",
    }
    plan.update(meta)
    return {"plan": plan, "item": items}


def write_plan(path: Path, items: list[dict[str, Any]], **meta: Any) -> Path:
    path.write_text(dumps(plan_doc(items, **meta)), encoding="utf-8")
    return path


SMALL_ITEMS: list[dict[str, Any]] = [
    {"id": "1", "title": "基础设施"},
    {"id": "1.1", "title": "修塘", "measure": "处", "baseline": 30, "target": 40, "actual": 20},
    {"id": "1.2", "title": "安装路灯", "status": "done", "done_on": dt.date(2023, 3, 1)},
    {"id": "1.3", "title": "修机耕道", "due": dt.date(2023, 3, 31), "progress": 50},
    {"id": "2", "title": "社会事业"},
    {"id": "2.1", "title": "花鼓戏下乡", "status": "dropped", "reason": "场地未落实"},
    {
        "id": "2.2",
        "title": "[x] 自建房排查",
        "lead_unit": "规划办",
        "owner": "王五",
        "status": "blocked",
        "reason": "资料不全",
    },
    {"id": "2.3", "title": "禁毒讲座", "lead_unit": "综治办", "progress": 80},
]


def towns_with_a_july_year(folder: Path) -> Path:
    """A county's folder: 甲镇 on the calendar year 2023; 三塘镇 on a July–June year, 2023-07-01
    to 2024-06-30 (its plan not begun in a June notice)."""
    folder.mkdir()
    write_plan(folder / "甲镇.toml", SMALL_ITEMS, organisation="甲镇人民政府")
    write_plan(
        folder / "三塘镇.toml",
        [{"id": "1", "title": "修路", "due": dt.date(2024, 3, 31), "progress": 10}],
        organisation="三塘镇人民政府",
        title="三塘镇2023—2024年度工作计划",
        start=dt.date(2023, 7, 1),
        end=dt.date(2024, 6, 30),
    )
    return folder


@pytest.fixture
def town_plan(plan_file: Path) -> Path:
    """The real 2023 plan of 泉湖镇, as `plan init` writes it (5.5.1 落实粮食播种面积 is measured
    in 万亩)."""
    shutil.copyfile(REPO_PLAN, plan_file)
    return plan_file


@pytest.fixture
def small_plan(plan_file: Path) -> Path:
    """Two parts, six tasks: a metric half done, one done, one due in March at 50%, one dropped,
    one blocked with a bracketed title, one at 80%."""
    return write_plan(plan_file, SMALL_ITEMS)
