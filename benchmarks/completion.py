"""Shell completion time of `plan` on the embedded 2023 plan, through Typer's completion entry
point as a shell calls it (a new process, `_PLAN_COMPLETE=complete_<shell>` and the words typed).

    python benchmarks/completion.py [--runs 20] [--check]

Cases: command names (bash), item ids with titles (bash, zsh, fish, PowerShell), option names,
statuses. Each is run interleaved with the reference `python -c "import typer"`, so that machine
load hits both alike. Prints the median and the fastest wall time of each, and the ratio of the
medians to the reference's. The target is a median of at most 150 ms for every case: a shell
waits for the answer while the user waits for the shell. With --check, exits 1 when a case is
over it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile

from timing import office_env, plan_command, timed

TARGET_MS = 150.0

CASES: dict[str, dict[str, str]] = {
    "bash: command names (plan s)": {
        "_PLAN_COMPLETE": "complete_bash",
        "COMP_WORDS": "plan s",
        "COMP_CWORD": "1",
    },
    "bash: ids (plan show 5.)": {
        "_PLAN_COMPLETE": "complete_bash",
        "COMP_WORDS": "plan show 5.",
        "COMP_CWORD": "2",
    },
    "bash: options (plan list --)": {
        "_PLAN_COMPLETE": "complete_bash",
        "COMP_WORDS": "plan list --",
        "COMP_CWORD": "2",
    },
    "bash: statuses (plan list --status)": {
        "_PLAN_COMPLETE": "complete_bash",
        "COMP_WORDS": "plan list --status ",
        "COMP_CWORD": "3",
    },
    "zsh: ids with titles (plan done )": {
        "_PLAN_COMPLETE": "complete_zsh",
        "_TYPER_COMPLETE_ARGS": "plan done ",
    },
    "fish: ids with titles (plan show 2)": {
        "_PLAN_COMPLETE": "complete_fish",
        "_TYPER_COMPLETE_FISH_ACTION": "get-args",
        "_TYPER_COMPLETE_ARGS": "plan show 2",
    },
    "powershell: ids (plan log 3)": {
        "_PLAN_COMPLETE": "complete_powershell",
        "_TYPER_COMPLETE_ARGS": "plan log 3",
        "_TYPER_COMPLETE_WORD_TO_COMPLETE": "3",
    },
}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--check", action="store_true", help="exit 1 when a case is over 150 ms")
    args = parser.parse_args()

    plan = plan_command()
    reference = [sys.executable, "-c", "import typer"]
    base = office_env()
    times: dict[str, list[float]] = {name: [] for name in CASES}
    ref: list[float] = []
    with tempfile.TemporaryDirectory() as empty:  # no plan.toml here: the embedded plan is used
        for case in CASES.values():  # warm the file and parse caches once
            timed(plan, empty, {**base, **case})
        timed(reference, empty, base)
        for _ in range(args.runs):
            for name, case in CASES.items():
                times[name].append(timed(plan, empty, {**base, **case}))
                ref.append(timed(reference, empty, base))
    reference_ms = statistics.median(ref) * 1000
    print(f"(target: median <= {TARGET_MS:.0f} ms; {args.runs} interleaved runs each; times in ms)")
    width = max(len(name) for name in CASES)
    print(f"{'':{width}} {'median':>7} {'fastest':>7} {'÷ ref':>6}")
    within = True
    for name, found in times.items():
        median, fastest = statistics.median(found) * 1000, min(found) * 1000
        within &= median <= TARGET_MS
        print(f"{name:{width}} {median:7.1f} {fastest:7.1f} {median / reference_ms:6.2f}")
    shown = 'reference: python -c "import typer"'
    print(f"{shown:{width}} {reference_ms:7.1f} {min(ref) * 1000:7.1f}")
    return 0 if within or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
