"""`plan` against Taskwarrior on the same generated work plans, and against itself over a year's
trace: the targets of issue 9, measured as ratios in one run.

    python benchmarks/taskwarrior.py [--tasks 10000 100000] [--runs 7] [--check]
        [--memory-all [--memory-runs 3]]

- N tasks (10 parts, goals of 20): `plan status` / `plan list` / `plan done ID` against
  `task summary` / `task list` / `task ID done` on the same tasks (`task import`), with
  Taskwarrior 2.6 when `task` is installed (Debian: apt-get install taskwarrior);
- the first `plan status` after a change: after `plan done` (the change stored the plan in the
  parse cache) and with no cache entry at all (the cache folder deleted: the first read of a
  file), against `task summary`;
- the first `plan status` after a hand edit (or a `git pull`) changed a few tasks in the file,
  its stale cache entry still there, against `task summary`;
- the peak memory (max RSS) of each of those commands, against Taskwarrior's (the target is
  at 100,000 tasks);
- with --memory-all, the peak memory of every other command that reads or changes one task,
  against the Taskwarrior command that does the same to the same task (``MEMORY_PAIRS``; the
  target at 100,000 tasks, ``--memory-runs`` rounds, each on fresh copies):
  `show ID` / `task ID info`, `start ID` / `task ID start`, `reopen ID` (a task done) /
  `task UUID modify status:pending` (a task completed), `block ID --reason` /
  `task ID modify +blocked`, `drop ID --reason` / `task ID delete`, `progress ID N` /
  `task ID modify priority:H`, `record ID N` / `task ID modify priority:H`, `note ID text` /
  `task ID annotate text`, `add PARENT title` / `task add title project:PARENT`,
  `edit ID --due` / `task ID modify due:`, `move ID PARENT` / `task ID modify project:PARENT`,
  `rm ID --yes` / `task ID delete` (confirmation off), `undo` / `task undo` (each after a
  `done` / `task ID done`);
- the floor: Python starting and importing Typer, which every `plan` command does first,
  against `task summary` (no target: it shows what is left for reading and drawing the plan);
- the cold floor: the floor plus the plan file parsed as `plan` parses it (a long plan by
  `store/quick_toml`, what it declines by compiled tomli), and nothing else, against `task
  summary` (no target: no read without a cache entry can be faster on one core; `plan` reads
  a long file's last part on a second one while Python starts, `store/read_ahead`);
- the 2023 plan with 2,000 and 10,000 log entries: `status`, `show`, `note`, `report` against
  the same on the plan with none, and `plan log` against `plan status` at 10,000.

Every pair runs interleaved (one of ours, one reference, again), so machine load hits both
alike; the table gives medians and the ratio of medians, and the spread of the per-round ratios.
A change (`done`, `note`) is timed on a fresh copy each round. With --check, exit 1 when a ratio
is over its target.
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

from as_of import plan_with_a_trace
from generate import plan_doc, taskwarrior_json
from timing import adopt_what_is_left, left_running, office_env, plan_command

REPO = Path(__file__).resolve().parent.parent


# The cold floor's program: start, import Typer, read and parse the plan, nothing more.
_PARSE_ONLY = (
    "import sys, typer; from quanhu_plan.store.plan_text import parse_toml; "
    "parse_toml(open(sys.argv[1], encoding='utf-8').read(), 'plan.toml')"
)

TIME = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)


def measured(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, int, float, int]:
    """Wall time and peak memory (KiB) of one run, until the command leaves (its answer out:
    what its user waits for), then the time and peak memory of what it left running after
    (``timing.left_running``: a first read's cache entry stored detached), (0, 0) if nothing.
    The memory comes from GNU time, a small program, when it is there: a child forked from
    this (large) Python would otherwise count this process's memory as its own."""
    left_running()  # (what the reset before left: not to run beside the command timed)
    with tempfile.NamedTemporaryFile("r") as report:
        wrapped = [TIME, "-f", "%M", "-o", report.name, *command] if TIME else command
        start = time.perf_counter()
        child = subprocess.Popen(
            wrapped, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"failed: {' '.join(command)}")
        text = report.read().strip()
    after, after_kib = left_running()
    peak = int(text.splitlines()[-1]) if TIME and text else usage.ru_maxrss
    return elapsed, peak, after, after_kib


class Row:
    """A pair of commands timed against each other; ``target``: the ratio the issue asks for,
    None for a row that only shows something (the floor, memory at 10,000 tasks)."""

    def __init__(self, name: str, target: float | None, memory: bool = False):
        self.name, self.target, self.memory = name, target, memory
        self.ours: list[tuple[float, int]] = []
        self.reference: list[tuple[float, int]] = []

    def ratio(self) -> float:
        index = 1 if self.memory else 0
        return statistics.median(v[index] for v in self.ours) / statistics.median(
            v[index] for v in self.reference
        )

    def spread(self) -> tuple[float, float]:
        index = 1 if self.memory else 0
        ratios = [o[index] / r[index] for o, r in zip(self.ours, self.reference, strict=True)]
        return min(ratios), max(ratios)

    def line(self) -> str:
        index = 1 if self.memory else 0
        unit, scale = ("MiB", 1 / 1024) if self.memory else ("ms", 1000)
        mine = statistics.median(v[index] for v in self.ours) * scale
        base = statistics.median(v[index] for v in self.reference) * scale
        low, high = self.spread()
        if self.target is None:
            verdict = "(no target)"
        else:
            verdict = f"<= {self.target:<4} " + ("ok" if self.within() else "OVER")
        line = (
            f"{self.name:58} {mine:8.1f} {base:8.1f} {unit:3} {self.ratio():5.2f} "
            f"[{low:4.2f}-{high:4.2f}] {verdict}"
        )
        left = [v[2 + index] for v in self.ours]
        if any(left):  # (not in the figure: after the answer, while its user goes on)
            after = statistics.median(left) * scale
            line += f"\n    then, detached after it: its cache entry stored, {after:.1f} {unit} (median)"
        return line

    def within(self) -> bool:
        return self.target is None or self.ratio() <= self.target


def tasks_rows(
    count: int, folder: Path, env: dict[str, str], task: str | None, memory_all: list | None = None
) -> list:
    """The Taskwarrior comparison on ``count`` tasks; with ``memory_all`` (a list), the rows of
    ``memory_rows`` are added to it."""
    from quanhu_plan.canonical import dumps

    plan = plan_command()
    work = folder / f"tasks-{count}"
    work.mkdir()
    doc = plan_doc(count)
    pristine = work / "pristine.toml"
    pristine.write_text(dumps(doc), encoding="utf-8")
    plan_file = work / "plan.toml"
    shutil.copy(pristine, plan_file)
    cache = work / "cache"
    ours_env = {**env, "PLAN_FILE": str(plan_file), "QUANHU_PLAN_CACHE": str(cache)}
    middle = next(
        t["id"]
        for t in doc["item"][len(doc["item"]) // 2 :]
        if t["id"].count(".") == 2 and t.get("status") != "done"
    )

    def warm() -> None:  # a plan in use has its parse cache: fill it, untimed
        subprocess.run(plan + ["status"], env=ours_env, cwd=work, capture_output=True, check=True)

    def fresh_plan() -> None:
        shutil.copy(pristine, plan_file)
        warm()

    def cold() -> None:  # no cache entry at all: the first read of this file, or none kept
        shutil.copy(pristine, plan_file)
        shutil.rmtree(cache, ignore_errors=True)

    edited = work / "edited.toml"
    edited.write_text(hand_edited(pristine.read_text(encoding="utf-8")), encoding="utf-8")

    def after_done() -> None:  # the plan in use, then a task ticked off with plan done
        fresh_plan()
        subprocess.run(
            plan + ["done", middle, "--on", "2023-06-30"], env=ours_env, cwd=work,
            capture_output=True, check=True,
        )  # fmt: skip

    def stale() -> None:  # the plan in use, then ten tasks' progress edited in the file
        fresh_plan()
        shutil.copy(edited, plan_file)

    if task is None:
        print(f"(task not installed: the {count}-task comparison with Taskwarrior is skipped)")
        return []
    data = work / "taskdata"
    data.mkdir()
    rc = work / "taskrc"
    rc.write_text(
        f"data.location={data}\nconfirmation=off\nverbose=nothing\ngc=off\nrecurrence=off\n"
        "hooks=off\n",
        encoding="utf-8",
    )
    tw_env = {**env, "TASKRC": str(rc), "TASKDATA": str(data)}
    (work / "tasks.json").write_text(taskwarrior_json(doc), encoding="utf-8")
    subprocess.run(
        [task, "import", str(work / "tasks.json")], env=tw_env, check=True, capture_output=True
    )
    saved = work / "taskdata-pristine"
    shutil.copytree(data, saved)

    def fresh_tasks() -> None:
        shutil.rmtree(data)
        shutil.copytree(saved, data)

    def fresh_both() -> None:
        fresh_plan()
        fresh_tasks()

    def done_both() -> None:  # a task ticked off on both sides, for undo
        fresh_both()
        subprocess.run(
            plan + ["done", middle, "--on", "2023-06-30"], env=ours_env, cwd=work,
            capture_output=True, check=True,
        )  # fmt: skip
        subprocess.run([task, "10", "done"], env=tw_env, capture_output=True, check=True)

    if memory_all is not None:
        later = memory_rows(count, doc, work, plan, ours_env, tw_env, task, fresh_both, done_both)
        memory_all.extend(later)
    n = f"{count:,}"
    rows = [
        (Row(f"{n} tasks: plan status vs task summary", 1.0 if count >= 100_000 else 1.2),
         plan + ["status"], [task, "summary"], work, ours_env, warm),
        (Row(f"{n} tasks: plan list vs task list", 1.0 if count >= 100_000 else 1.2),
         plan + ["list"], [task, "list"], work, ours_env, warm),
        (Row(f"{n} tasks: plan done ID vs task ID done", 1.0 if count >= 100_000 else 1.2),
         plan + ["done", middle, "--on", "2023-06-30"], [task, "10", "done"], work, ours_env, fresh_both),
        (Row(f"{n} tasks: first plan status after plan done vs task summary", 2.0),
         plan + ["status"], [task, "summary"], work, ours_env, after_done),
        (Row(f"{n} tasks: first plan status with no cache entry (cache deleted) vs task summary",
             2.0),
         plan + ["status"], [task, "summary"], work, ours_env, cold),
        (Row(f"{n} tasks: first plan status after a hand edit (stale entry) vs task summary", 2.0),
         plan + ["status"], [task, "summary"], work, ours_env, stale),
        # What no plan command can be faster than: Python starting and importing Typer.
        (Row(f"{n} tasks: the floor, python -c 'import typer', vs task summary", None),
         [sys.executable, "-c", "import typer"], [task, "summary"], work, ours_env, None),
        # What no read without a cache entry can be faster than: the floor, then the file
        # parsed as the store parses it (store/quick_toml.py, else compiled tomli), nothing else.
        (Row(f"{n} tasks: the cold floor, import typer + parse the file, vs task summary", None),
         [sys.executable, "-c", _PARSE_ONLY, str(plan_file)], [task, "summary"], work, ours_env,
         None),
    ]  # fmt: skip
    # The reference's environment differs: run its command with its own.
    return [
        (row, ours, reference, cwd, ours_env, reset, tw_env)
        for row, ours, reference, cwd, ours_env, reset in rows
    ]


# Every other command that reads or changes one task, and the Taskwarrior command nearest to
# it, on the same task: ``{id}`` a task neither done nor started, ``{done}`` one done (in
# Taskwarrior: completed, named by its uuid), ``{figure}`` one with a target, ``{goal}`` its
# goal (a project) and ``{other}`` another goal. ``undo`` undoes a ``done`` on both sides.
MEMORY_PAIRS = [
    ("show ID vs task ID info", ["show", "{id}"], ["{tw}", "info"]),
    ("start ID vs task ID start", ["start", "{id}", "--on", "2023-06-30"], ["{tw}", "start"]),
    ("reopen ID vs task UUID modify status:pending",
     ["reopen", "{done}", "--on", "2023-06-30"], ["{done_uuid}", "modify", "status:pending"]),
    ("block ID vs task ID modify +blocked",
     ["block", "{id}", "--reason", "等资金", "--on", "2023-06-30"], ["{tw}", "modify", "+blocked"]),
    ("drop ID vs task ID delete",
     ["drop", "{id}", "--reason", "不再需要", "--on", "2023-06-30"], ["{tw}", "delete"]),
    ("progress ID vs task ID modify",
     ["progress", "{id}", "70", "--on", "2023-06-30"], ["{tw}", "modify", "priority:H"]),
    ("record ID vs task ID modify",
     ["record", "{figure}", "5", "--on", "2023-06-30"], ["{tw}", "modify", "priority:H"]),
    ("note ID vs task ID annotate",
     ["note", "{id}", "进展顺利", "--on", "2023-06-30"], ["{tw}", "annotate", "进展顺利"]),
    ("add vs task add", ["add", "{goal}", "新增的任务"], ["add", "新增的任务", "project:{goal}"]),
    ("edit ID vs task ID modify due:",
     ["edit", "{id}", "--due", "2023-09-30"], ["{tw}", "modify", "due:2023-09-30"]),
    ("move ID vs task ID modify project:",
     ["move", "{id}", "{other}"], ["{tw}", "modify", "project:{other}"]),
    ("rm ID vs task ID delete", ["rm", "{id}", "--yes"], ["{tw}", "delete"]),
    ("undo vs task undo", ["undo"], ["undo"]),
]  # fmt: skip


def memory_rows(
    count: int,
    doc: dict,
    work: Path,
    plan: list[str],
    ours_env: dict[str, str],
    tw_env: dict[str, str],
    task: str,
    fresh_both,
    done_both,
) -> list:
    """The ``MEMORY_PAIRS`` on ``count`` tasks, each run on fresh copies (``undo`` after a
    ``done`` on both sides): rows of peak memory only."""
    tasks = [t for t in doc["item"] if t["id"].count(".") == 2]
    uuids = {t["id"]: f"00000000-0000-4000-8000-{n:012d}" for n, t in enumerate(tasks)}
    half = tasks[len(tasks) // 2 :]
    todo = next(t for t in half if "status" not in t)
    names = {
        "id": todo["id"],
        "done": next(t["id"] for t in half if t.get("status") == "done"),
        "figure": next(t["id"] for t in half if "target" in t and t.get("status") != "done"),
        "goal": todo["id"].rsplit(".", 1)[0],
        "other": next(t["id"] for t in doc["item"][::-1] if t["id"].count(".") == 1),
        "tw": "10",
    }
    names["done_uuid"] = uuids[names["done"]]
    n = f"{count:,}"
    rows = []
    for name, ours, reference in MEMORY_PAIRS:
        row = Row(f"{n} tasks: peak memory, plan {name}", 1.0 if count >= 100_000 else None,
                  memory=True)  # fmt: skip
        ours = [a.format(**names) for a in ours]
        reference = [a.format(**names) for a in reference]
        reset = done_both if name.startswith("undo") else fresh_both
        rows.append((row, plan + ours, [task, *reference], work, ours_env, reset, tw_env))
    return rows


def trace_rows(folder: Path, env: dict[str, str]) -> list:
    """The 2023 plan with a year's trace against the same plan without one."""
    plan = plan_command()
    rows = []
    plain = folder / "trace-0"
    plain.mkdir()
    shutil.copy(REPO / "plan.toml", plain / "pristine.toml")
    for entries in (2_000, 10_000):
        traced = folder / f"trace-{entries}"
        traced.mkdir()
        (traced / "pristine.toml").write_text(plan_with_a_trace(entries), encoding="utf-8")
        for place in (plain, traced):
            shutil.copy(place / "pristine.toml", place / "plan.toml")

        def env_for(place: Path) -> dict[str, str]:
            return {
                **env,
                "PLAN_FILE": str(place / "plan.toml"),
                "QUANHU_PLAN_CACHE": str(place / "cache"),
            }

        def warm(places=(plain, traced)) -> None:  # a plan in use has its parse cache
            for place in places:
                subprocess.run(plan + ["status"], env=env_for(place), capture_output=True)

        def fresh(places=(plain, traced)) -> None:
            for place in places:
                shutil.copy(place / "pristine.toml", place / "plan.toml")
            warm(places)

        for name, args, reset in (
            ("status", ["status"], warm),
            ("show", ["show", "1.1.1"], warm),
            ("note", ["note", "1.1.1", "进展", "--on", "2023-06-30"], fresh),
            ("report", ["report"], warm),
        ):
            row = Row(f"2023 plan, {entries:,} log entries: plan {name} vs none", 1.2)
            rows.append(
                (row, plan + args, plan + args, folder, env_for(traced), reset, env_for(plain))
            )
        if entries == 10_000:
            row = Row("2023 plan, 10,000 log entries: plan log vs plan status", 1.2)
            rows.append(
                (
                    row,
                    plan + ["log"],
                    plan + ["status"],
                    folder,
                    env_for(traced),
                    warm,
                    env_for(traced),
                )
            )
    return rows


def hand_edited(text: str) -> str:
    """The plan with the progress of ten tasks, spread over the file, changed by hand."""
    import re

    found = list(re.finditer(r"\nprogress = (\d+)\n", text))
    for match in reversed(found[:: max(1, len(found) // 10)][:10]):
        figure = (int(match.group(1)) + 5) % 101
        text = text[: match.start()] + f"\nprogress = {figure}\n" + text[match.end() :]
    return text


def _memory_measured(row: Row) -> bool:
    """A Taskwarrior pair whose memory is compared too (not a first read, not the floor)."""
    return (
        "tasks:" in row.name
        and "cold" not in row.name
        and "stale" not in row.name
        and row.target is not None
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tasks", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-trace", action="store_true", help="skip the year's-trace rows")
    parser.add_argument("--check", action="store_true", help="exit 1 when a ratio is over")
    parser.add_argument(
        "--memory-all",
        action="store_true",
        help="also the peak memory of every command that reads or changes one task",
    )
    parser.add_argument("--memory-runs", type=int, default=3, help="rounds of --memory-all")
    args = parser.parse_args()

    env = office_env()
    env["COLUMNS"] = "120"
    adopt_what_is_left()
    task = shutil.which("task")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        rows = []
        every: list | None = [] if args.memory_all else None
        for count in args.tasks:
            rows += tasks_rows(count, folder, env, task, every)
        if not args.no_trace:
            rows += trace_rows(folder, env)
        timed_rows = [r for r in rows if _memory_measured(r[0])]
        memory = [
            (
                Row(
                    row.name.split(":")[0] + ": peak memory, " + row.name.split(": ", 1)[1],
                    1.0 if row.name.startswith("100,000") else None,  # the issue's: at 100,000
                    memory=True,
                ),
                *rest,
            )
            for row, *rest in timed_rows
        ]
        for _row, ours, reference, cwd, ours_env, reset, ref_env in rows:
            for command, environment in ((ours, ours_env), (reference, ref_env)):
                if callable(reset):
                    reset()
                measured(command, cwd, environment)  # warm-up
        for _ in range(args.runs):
            for row, ours, reference, cwd, ours_env, reset, ref_env in rows:
                if callable(reset):
                    reset()
                row.ours.append(measured(ours, cwd, ours_env))
                if callable(reset):
                    reset()
                row.reference.append(measured(reference, cwd, ref_env))
        for (row, *_), (memory_row, *_) in zip(timed_rows, memory, strict=True):
            memory_row.ours, memory_row.reference = row.ours, row.reference
        for _ in range(args.memory_runs if every else 0):
            for row, ours, reference, cwd, ours_env, reset, ref_env in every:
                reset()
                row.ours.append(measured(ours, cwd, ours_env))
                reset()
                row.reference.append(measured(reference, cwd, ref_env))
        memory += every or []
    print(f"({args.runs} interleaved rounds; median ours, median reference, ratio [spread])")
    within = True
    for row, *_ in [*rows, *memory]:
        print(row.line())
        within &= row.within()
    return 0 if within or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
