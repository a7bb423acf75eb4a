"""How long the report and the views take on a megabyte of text in one field (issue 8: under
2 s in every format), and that the time grows in proportion to the text, not faster.

    python benchmarks/long_text.py [--check]

A title, a detail and a note of about 1 MB each: Chinese on one line, mixed words on one line,
and a hundred thousand short lines. Each command runs once after a warm-up.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

from timing import plan_command

TARGET = 2.0
MEGABYTE = 1_000_000
COMMANDS = [
    ["report"],
    ["report", "--format", "md"],
    ["report", "--format", "json"],
    ["report", "--format", "docx", "--out", "{folder}/r.docx", "--force"],
    ["status"],
    ["list", "--flat"],
    ["show", "1.1"],
    ["log"],
]


def write_plan(path: Path, text: str) -> None:
    from quanhu_plan.canonical import dumps

    doc = {
        "plan": {"title": "长文本", "year": 2023, "lang": "zh"},
        "item": [
            {"id": "1", "title": text},
            {
                "id": "1.1",
                "title": text,
                "detail": text,
                "status": "done",
                "done_on": dt.date(2023, 2, 1),
                "log": [{"on": dt.date(2023, 2, 1), "note": text}],
            },
        ],
    }
    path.write_text(dumps(doc), encoding="utf-8")


def timed(args: list[str], env: dict[str, str]) -> float:
    import subprocess

    start = time.perf_counter()
    subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 when over the target")
    args = parser.parse_args()
    plan = plan_command()
    within = True
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        env = {**os.environ, "PLAN_FILE": str(folder / "plan.toml")}
        env["QUANHU_PLAN_CACHE"] = str(folder / "cache")
        print(f"(target: each under {TARGET} s; seconds)")
        for kind, unit in (("one line, Chinese", "修塘"), ("one line, mixed", "ab 。"),
                           ("100,000+ lines", "中文\n")):  # fmt: skip
            write_plan(folder / "plan.toml", unit * (MEGABYTE // len(unit)))
            for command in COMMANDS:
                full = plan + [part.format(folder=folder) for part in command]
                timed(full, env)  # warm-up: fills the parse cache
                took = timed(full, env)
                within &= took < TARGET
                verdict = "ok" if took < TARGET else "OVER"
                print(f"{kind:18} {' '.join(command[:3]):28} {took:6.2f}  {verdict}")
        sizes = {}
        for size in (50_000, 200_000):
            write_plan(folder / "plan.toml", "修塘，" * (size // 3))
            timed(plan + ["report"], env)
            sizes[size] = timed(plan + ["report"], env)
        growth = sizes[200_000] / sizes[50_000]
        print(f"report at 4x the text: {growth:.1f}x the time (linear: about 4x or less)")
        within &= growth < 8
    return 0 if within or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
