"""The cost of ``--as-of`` on a plan with a year's trace, as a ratio against the same command
without it, measured in one run.

    python benchmarks/as_of.py [--runs 15] [--entries 10000] [--check]

The 2023 plan gets ``--entries`` log entries spread over the year (notes, progress, figures,
back-dated facts, undone changes and their undos), written as the change commands write them.
Then, interleaved:
  plan status --as-of 2023-06-30   (replayed from the trace: half of it is after that day)
  plan status                      (the plan as it is, no replay)
The target is a median ratio of at most 1.5. With --check, exits 1 when it is over.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from timing import compare, office_env, plan_command

TARGET = 1.5
REPO = Path(__file__).resolve().parent.parent


def plan_with_a_trace(entries: int, seed: int = 2023) -> str:
    from quanhu_plan.canonical import dumps

    doc: dict[str, Any] = tomllib.loads((REPO / "plan.toml").read_text(encoding="utf-8"))
    items = doc["item"]
    ids = {item["id"] for item in items}
    tasks = [item for item in items if not any(i.startswith(item["id"] + ".") for i in ids)]
    rng = random.Random(seed)
    zone = dt.timezone(dt.timedelta(hours=8))
    start = dt.datetime(2023, 1, 2, 9, tzinfo=zone)
    step = dt.timedelta(seconds=(365 * 24 * 3600) // entries)
    progress = {task["id"]: 0 for task in tasks}
    for n in range(entries):
        at = start + n * step
        task = rng.choice(tasks)
        log = task.setdefault("log", [])
        entry: dict[str, Any] = {"at": at, "by": rng.choice(["张三", "李四", "王五"])}
        kind = rng.random()
        if kind < 0.5:
            entry.update(action="note", on=at.date(), note=f"第{n}条进展：按计划推进")
        elif kind < 0.9:
            new = min(100, progress[task["id"]] + rng.randint(0, 3))
            on = at.date() - dt.timedelta(days=rng.choice([0, 0, 0, 20]))  # some told late
            entry.update(action="progress", on=on)
            entry["before"] = {"progress": progress[task["id"]]} if progress[task["id"]] else {}
            entry["after"] = {"progress": new}
            if not entry["before"]:
                del entry["before"]
            progress[task["id"]] = new
            task["progress"] = new
        else:
            entry.update(action="note", on=at.date(), note="记错了", undone=at + step / 2)
            log.append(entry)
            entry = {"at": at + step / 2, "by": entry["by"], "action": "undo", "undoes": at}
        log.append(entry)
    return dumps(doc)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--check", action="store_true", help="exit 1 when over the target")
    args = parser.parse_args()

    plan = plan_command()
    env = office_env()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.toml"
        path.write_text(plan_with_a_trace(args.entries), encoding="utf-8")
        size = path.stat().st_size
        print(f"plan.toml: {args.entries} log entries, {size / 1e6:.1f} MB")
        pairs = {
            "status --as-of 2023-06-30 vs status": (
                plan + ["status", "--as-of", "2023-06-30"],
                plan + ["status"],
            ),
        }
        within = compare(pairs, args.runs, TARGET, folder, env)
    return 0 if within or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
