"""Shared by the benchmarks: run commands interleaved, so that machine load hits both sides of
a pair alike, and print median and fastest times with their ratios against a target."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

# What the environment must not say when plan is timed as an office PC runs it: which plan or
# language to use, to store a first read's cache entry before leaving (the tests' setting), and
# (as some shells and CI runners set) not to write bytecode, which makes every start compile
# plan's modules, or to write output unbuffered, a system call per write.
NOT_ON_AN_OFFICE_PC = (
    "PLAN_FILE",
    "PLAN_LANG",
    "PYTHONDONTWRITEBYTECODE",
    "PYTHONUNBUFFERED",
    "QUANHU_PLAN_CACHE_DETACH",
)


def office_env() -> dict[str, str]:
    """This process's environment as an office PC's: see NOT_ON_AN_OFFICE_PC."""
    import os

    return {k: v for k, v in os.environ.items() if k not in NOT_ON_AN_OFFICE_PC}


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
    left_running()  # (what an earlier command left, not to run beside this one)
    start = time.perf_counter()
    subprocess.run(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
    )
    return time.perf_counter() - start


def adopt_what_is_left() -> bool:
    """Make this process the one a command's detached process is handed to when the command
    leaves (Linux's "child subreaper"): the first ``plan status`` of a plan with no cache entry
    leaves a process storing the entry after its answer (quanhu_plan/store/cache_later.py),
    which ``left_running`` then waits for and measures. False where that cannot be done."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        return (
            ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0) == 0
        )  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


def left_running() -> tuple[float, int]:
    """Wait for the processes the commands run so far left running (handed to this process:
    ``adopt_what_is_left``), so that none runs beside the next command timed: the seconds
    waited and the largest peak memory (KiB) among them, (0, 0) where there were none."""
    import os

    start, peak, waited = time.perf_counter(), 0, False
    while True:
        try:
            _, _, usage = os.wait4(-1, 0)
        except ChildProcessError:
            break
        waited, peak = True, max(peak, usage.ru_maxrss)
    return (time.perf_counter() - start if waited else 0.0), peak


def compare(
    pairs: dict[str, tuple[list[str], list[str]]],
    runs: int,
    target: float,
    cwd: str,
    env: dict[str, str],
) -> bool:
    """Time each (command, reference) pair ``runs`` times, interleaved, after one warm-up run;
    print the table; return whether every median ratio is within ``target``."""
    adopt_what_is_left()
    times: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in pairs}
    for command, reference in pairs.values():  # warm the file cache once
        timed(command, cwd, env)
        timed(reference, cwd, env)
    for _ in range(runs):
        for name, (command, reference) in pairs.items():
            times[name][0].append(timed(command, cwd, env))
            times[name][1].append(timed(reference, cwd, env))
    within = True
    print(f"(target: median ratio <= {target}; {runs} interleaved runs each; times in ms)")
    width = max(len(name) for name in pairs)
    print(
        f"{'':{width}} {'median':>7} {'ref':>7} {'ratio':>6}   {'fastest':>7} {'ref':>7} {'ratio':>6}"
    )
    for name, (ours, reference) in times.items():
        mine, base = statistics.median(ours), statistics.median(reference)
        best, best_base = min(ours), min(reference)
        ratio = mine / base
        within &= ratio <= target
        verdict = "ok" if ratio <= target else "OVER"
        print(
            f"{name:{width}} {mine * 1000:7.1f} {base * 1000:7.1f} {ratio:6.2f}   "
            f"{best * 1000:7.1f} {best_base * 1000:7.1f} {best / best_base:6.2f}  {verdict}"
        )
    return within
