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
import sys
import tempfile

from timing import compare, office_env, plan_command

TARGET = 1.3


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
    env = office_env()
    with tempfile.TemporaryDirectory() as empty:  # no plan.toml here: the embedded plan is used
        within = compare(pairs, args.runs, TARGET, empty, env)
    return 0 if within or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
