"""``plan county`` over 30 plans of 1,000 tasks each, on a cold and on a warm parse cache.

    python benchmarks/county.py [--plans 30] [--tasks 1000] [--runs 7] [--check]

Each plan is a generated town plan (``generate.plan_doc``: parts, goals of 20 tasks, varied
status, progress and figures) with the trace the change commands would have written for it: a
``done`` entry for each task ticked off, a ``progress`` entry for each task in progress, and a
monthly progress note, some 700 entries a plan. Timed, as users start it:

  cold  plan county DIR   with QUANHU_PLAN_CACHE set to a new, empty folder: no parse-cache
                          entry exists, so every plan is read, parsed, checked and cached.
                          The plan files themselves are in the operating system's page cache
                          (they were just written; dropping it needs root and a quiet
                          machine), so "cold" is the parse cache, not the disk.
  warm  plan county DIR   the same run again, on the cache the run before made.
  as-of plan county DIR --as-of 2023-06-30   warm; every plan replayed from its trace
                          (shown for information, no target).

Targets: cold at most 2 s, warm at most 0.5 s (medians of the wall-clock time). With --check,
exits 1 when over. The processor time of each run (both processes) is printed beside it.
The machine has 2 cores; ``plan county`` reads the plans in two processes from 8 plans on.
Other programs running at the same time slow it down: the load average is printed with the
figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from generate import plan_doc
from timing import office_env, plan_command

COLD_TARGET = 2.0
WARM_TARGET = 0.5


def town_plan(tasks: int, seed: int) -> dict[str, Any]:
    doc = plan_doc(tasks, seed=seed)
    doc["plan"]["organisation"] = f"第{seed + 1}镇人民政府"
    rng = random.Random(seed)
    zone = dt.timezone(dt.timedelta(hours=8))
    for item in doc["item"]:
        status = item.get("status")
        if status == "done":
            day = item["done_on"]
            item["log"] = [
                {
                    "at": dt.datetime(day.year, day.month, day.day, 9, tzinfo=zone),
                    "by": "张三",
                    "action": "done",
                    "after": {"status": "done", "done_on": day},
                }
            ]
        elif status == "doing":
            day = dt.date(2023, rng.randint(1, 11), rng.randint(1, 28))
            item["log"] = [
                {
                    "at": dt.datetime(day.year, day.month, day.day, 9, tzinfo=zone),
                    "by": "李四",
                    "action": "progress",
                    "after": {"progress": item["progress"]},
                }
            ]
    first = next(item for item in doc["item"] if item["id"].count(".") == 2)
    for month in range(1, 13):
        day = dt.date(2023, month, 20)
        first.setdefault("log", []).append(
            {
                "at": dt.datetime(2023, month, 20, 17, tzinfo=zone),
                "on": day,
                "by": "王五",
                "action": "note",
                "note": f"{month}月推进情况：按计划推进",
            }
        )
    return doc


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock seconds, and the processor seconds (user and system, the worker processes
    included) the run took: the second tells how much a busy machine slowed the first."""
    import resource

    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - used.ru_utime) + (after.ru_stime - used.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--plans", type=int, default=30)
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()

    from quanhu_plan.canonical import dumps

    work = Path(tempfile.mkdtemp(prefix="county-bench-"))
    try:
        folder = work / "towns"
        folder.mkdir()
        for n in range(args.plans):
            (folder / f"town{n:02d}.toml").write_text(
                dumps(town_plan(args.tasks, n)), encoding="utf-8"
            )
        size = sum(path.stat().st_size for path in folder.iterdir())
        print(
            f"{args.plans} plans x {args.tasks} tasks ({size / 1e6:.1f} MB), {args.runs} runs, "
            f"{os.cpu_count()} cores"
        )
        command = [*plan_command(), "county", str(folder)]
        env = office_env()
        env.pop("PLAN_FILE", None)
        cold: list[tuple[float, float]] = []
        warm: list[tuple[float, float]] = []
        as_of: list[tuple[float, float]] = []
        for run in range(args.runs):
            cache = work / f"cache{run}"
            env["QUANHU_PLAN_CACHE"] = str(cache)  # a new folder: no entry yet
            cold.append(timed(command, env))
            warm.append(timed(command, env))
            as_of.append(timed([*command, "--as-of", "2023-06-30"], env))
            shutil.rmtree(cache, ignore_errors=True)
        load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
        print(f"(times in s; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f})")
        print(f"{'':6} {'median':>7} {'fastest':>8} {'target':>7}  {'cpu (median)':>12}")
        within = True
        for name, times, target in (
            ("cold", cold, COLD_TARGET),
            ("warm", warm, WARM_TARGET),
            ("as-of", as_of, None),
        ):
            median = statistics.median(wall for wall, _ in times)
            fastest = min(wall for wall, _ in times)
            cpu = statistics.median(used for _, used in times)
            verdict = ""
            if target is not None:
                ok = median <= target
                within &= ok
                verdict = "ok" if ok else "OVER"
            shown_target = f"{target:.1f}" if target is not None else "-"
            print(
                f"{name:6} {median:7.3f} {fastest:8.3f} {shown_target:>7}  {cpu:12.3f}  {verdict}"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if within or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
