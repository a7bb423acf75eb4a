"""Long model-based walks over the change commands (tests/stateful_changes.py): many more
examples and steps than the suite runs. ``python benchmarks/stateful.py --examples 200``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, Phase, settings  # noqa: E402
from hypothesis.stateful import run_state_machine_as_test  # noqa: E402

from tests.stateful_changes import ChangeWalk  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=int, default=50)
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--derandomize", action="store_true")
    parser.add_argument("--no-shrink", action="store_true", help="report the first failure found")
    args = parser.parse_args()
    run_state_machine_as_test(
        ChangeWalk,
        settings=settings(
            max_examples=args.examples,
            stateful_step_count=args.steps,
            deadline=None,
            derandomize=args.derandomize,
            suppress_health_check=list(HealthCheck),
            database=None,
            phases=[Phase.generate] if args.no_shrink else list(Phase),
            print_blob=True,
        ),
    )
    print("ok")


if __name__ == "__main__":
    main()
