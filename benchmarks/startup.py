"""Start-up time of `plan`, as ratios against the floor of its stack, measured in one run.

    python benchmarks/startup.py [--runs 20] [--check]

Pairs, run interleaved so that machine load hits both sides alike:
  plan status (embedded 2023 plan)  vs  python -c "import typer, rich.console, rich.table"
  plan --help                       vs  python -c "import typer"
Prints the median and the fastest wall time of each and their ratios; the target is a median
ratio of at most 1.3 for both (the fastest runs show the cost without machine noise).
With --check, exits 1 when a ratio is over the target.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 1.3


def plan_command() -> list[str]:
    """The installed console script next to this interpreter, as users start it."""
    script = Path(sys.executable).with_name("plan")
    if script.exists():
        return [str(script)]
    found = shutil.which("plan")
    if found:
        return [found]
    return [sys.executable, "-c", "from quanhu_plan.cli import main; main()"]


def timed(command: list[str], cwd: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when a ratio is over the target"
    )
    args = parser.parse_args()

    plan = plan_command()
    pairs = {
        "plan status": (
            plan + ["status"],
            [sys.executable, "-c", "import typer, rich.console, rich.table"],
        ),
        "plan --help": (plan + ["--help"], [sys.executable, "-c", "import typer"]),
    }
    # Users run an installed package whose bytecode pip compiled; let the warm-up write it too.
    unset = ("PLAN_FILE", "PLAN_LANG", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in unset}
    with tempfile.TemporaryDirectory() as empty:  # no plan.toml here: the embedded plan is used
        times: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in pairs}
        for command, reference in pairs.values():  # warm the file cache once
            timed(command, empty, env)
            timed(reference, empty, env)
        for _ in range(args.runs):
            for name, (command, reference) in pairs.items():
                times[name][0].append(timed(command, empty, env))
                times[name][1].append(timed(reference, empty, env))

    over = False
    print(f"(target: median ratio <= {TARGET}; {args.runs} interleaved runs each; times in ms)")
    print(f"{'':14} {'median':>7} {'ref':>7} {'ratio':>6}   {'fastest':>7} {'ref':>7} {'ratio':>6}")
    for name, (ours, reference) in times.items():
        mine, base = statistics.median(ours), statistics.median(reference)
        best, best_base = min(ours), min(reference)
        ratio = mine / base
        over |= ratio > TARGET
        verdict = "ok" if ratio <= TARGET else "OVER"
        print(
            f"{name:14} {mine * 1000:7.1f} {base * 1000:7.1f} {ratio:6.2f}   "
            f"{best * 1000:7.1f} {best_base * 1000:7.1f} {best / best_base:6.2f}  {verdict}"
        )
    return 1 if over and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
