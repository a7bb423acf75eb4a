"""A status of a plan in the parse cache loads only what it shows the plan with: not the modules
that read a plan from its text (``store.plan_text``, ``building``) or write one (``spliced``,
``toml_comments``), nor ``replay`` and ``trace`` where the plan's header and archive hold no
log (``recorded_days``). Each is start-up time of every warm status (callgrind at 10,000
tasks: 513 M instructions before, of which these some 9 M)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from quanhu_plan import trace
from quanhu_plan.cli import app
from quanhu_plan.recorded_days import ARCHIVE, latest_after
from quanhu_plan.store import PlanSource, load

from .conftest import RUN_PLAN, SMALL_ITEMS, write_plan

_NOT_FOR_A_WARM_STATUS = {
    "quanhu_plan.store.plan_text",
    "quanhu_plan.building",
    "quanhu_plan.store.spliced",
    "quanhu_plan.store.toml_comments",
    "quanhu_plan.replay",
    "quanhu_plan.trace",
}

_STATUS = (
    RUN_PLAN
    + "print(sorted(m for m in sys.modules if m.startswith('quanhu_plan')), file=sys.stderr)\n"
)


def _statuses(plan_file: Path, cache: Path, *args: str) -> list[subprocess.CompletedProcess[str]]:
    env = {**os.environ, "PLAN_FILE": str(plan_file), "QUANHU_PLAN_CACHE": str(cache)}
    return [
        subprocess.run(
            [sys.executable, "-c", _STATUS, "status", *args],
            env=env,
            capture_output=True,
            text=True,
            cwd=plan_file.parent,
        )
        for _ in range(2)
    ]


def _loaded(run: subprocess.CompletedProcess[str]) -> set[str]:
    return set(eval(run.stderr.strip().splitlines()[-1]))  # (the list printed last)


def test_a_warm_status_loads_neither_the_text_reader_nor_the_trace(tmp_path: Path) -> None:
    plan_file = write_plan(tmp_path / "plan.toml", SMALL_ITEMS)
    first, warm = _statuses(plan_file, tmp_path / "cache")
    assert first.returncode == warm.returncode == 0, first.stderr + warm.stderr
    assert warm.stdout == first.stdout and "基础设施" in warm.stdout
    assert {"quanhu_plan.store.plan_text", "quanhu_plan.building"} <= _loaded(first)
    assert _loaded(warm) & _NOT_FOR_A_WARM_STATUS == set()
    off = _statuses(plan_file, Path("off"))[0]
    assert off.stdout == warm.stdout


def test_a_status_of_a_plan_whose_header_holds_a_log_reads_it(tmp_path: Path) -> None:
    """The header's log (a change of the plan's own fields) dated after today is still found:
    ``trace`` is loaded for it."""
    ahead = dt.date.today() + dt.timedelta(days=40)
    plan_file = write_plan(tmp_path / "plan.toml", SMALL_ITEMS)
    with plan_file.open("a", encoding="utf-8") as handle:
        handle.write(f'\n[[plan.log]]\non = {ahead}\nat = 2023-01-02T08:00:00+08:00\nnote = "x"\n')
    plan = load(PlanSource(plan_file))
    assert latest_after(plan, dt.date(2023, 1, 1)) == ahead
    first, warm = _statuses(plan_file, tmp_path / "cache")
    assert first.returncode == warm.returncode == 0, first.stderr + warm.stderr
    assert warm.stdout == first.stdout
    assert "quanhu_plan.trace" in _loaded(warm)


def test_the_archive_is_named_as_trace_names_it(plan_file: Path, runner: CliRunner) -> None:
    assert ARCHIVE == trace.ARCHIVE
    write_plan(plan_file, SMALL_ITEMS)
    assert runner.invoke(app, ["rm", "1.3", "--yes"]).exit_code == 0
    assert ARCHIVE in load(PlanSource(plan_file)).extra
