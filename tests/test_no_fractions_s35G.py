"""A status (warm, and the first read of a plan) and a change's completion line work in
whole-number ratios: ``fractions`` (and ``decimal``, ``numbers`` with it: some 9 M instructions,
1.5-2 ms of every warm status at 10,000 tasks) is not imported, to a pipe or a terminal. The
report, export and county code still asks for Fractions (``rollup.task_completion`` …): the
ratios give the same percents, bars, paces and lights as the Fractions did."""

from __future__ import annotations

import datetime as dt
import os
import pty
import subprocess
import sys
import threading
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from quanhu_plan import rollup
from quanhu_plan.lights import PACE_TOLERANCE, _classified, classify, lit, thresholds
from quanhu_plan.model import Item
from quanhu_plan.terminal.styles import BAR_DONE, bar_runs
from quanhu_plan.texts import format_percent, percent_of, ratio_half_up

from .conftest import RUN_PLAN, write_plan

_HEAVY = ("fractions", "decimal", "_decimal", "_pydecimal", "numbers")

# Every kind of task a status judges: progress whole and not, figures towards a target (floats,
# a fall, a limit held all year, a negative hand-typed figure), milestones by progress and by
# value (one missed), standing work, blocked, dropped, done; thresholds typed as decimals.
_ITEMS = [
    {"id": "1", "title": "基础设施"},
    {"id": "1.1", "title": "道路", "weight": 2, "lead_unit": "镇交通办"},
    {
        "id": "1.1.1",
        "title": "修路",
        "status": "doing",
        "progress": 33.3,
        "due": dt.date(2023, 9, 30),
    },
    {"id": "1.1.2", "title": "修桥", "status": "doing", "progress": 50, "weight": 0.5},
    {"id": "1.1.3", "title": "修渠", "measure": "公里", "target": 12.5, "actual": 3.3},
    {"id": "1.1.4", "title": "降损", "measure": "%", "target": -10, "actual": -2.5},
    {"id": "1.1.5", "title": "负数", "measure": "处", "target": 8, "actual": -3},
    {
        "id": "1.1.6",
        "title": "节点",
        "status": "doing",
        "progress": 10,
        "milestone": [
            {"due": dt.date(2023, 3, 31), "progress": 40},
            {"due": dt.date(2023, 6, 30), "progress": 66.7},
        ],
    },
    {
        "id": "1.1.7",
        "title": "按值",
        "measure": "户",
        "target": 30,
        "actual": 7,
        "milestone": [{"due": dt.date(2023, 4, 30), "value": 20}],
    },
    {"id": "1.2", "title": "常态"},
    {"id": "1.2.1", "title": "巡河", "完成时限原文": "长期坚持", "progress": 20},
    {"id": "1.2.2", "title": "卡住", "status": "blocked", "progress": 2},
    {"id": "1.2.3", "title": "取消", "status": "dropped", "dropped_reason": "并入"},
    {"id": "1.2.4", "title": "完成", "status": "done", "done_on": dt.date(2023, 2, 1)},
    {
        "id": "1.2.5",
        "title": "出生率",
        "measure": "‰",
        "target": 5,
        "actual": 6.2,
        "target_words": "控制在5‰以内",
    },
]


def _plan(folder: Path) -> Path:
    return write_plan(
        folder / "plan.toml", _ITEMS, warning={"yellow": 7.5, "red": 20, "red_share": 0.5}
    )


_PROBE = RUN_PLAN + f"print(sorted(m for m in {_HEAVY!r} if m in sys.modules), file=sys.stderr)\n"


def _run(plan_file: Path, *args: str, terminal: bool = False) -> tuple[str, list[str]]:
    env = {
        **os.environ,
        "PLAN_FILE": str(plan_file),
        "QUANHU_PLAN_CACHE": str(plan_file.parent / "cache"),
        "COLUMNS": "80",
    }
    env.pop("NO_COLOR", None)
    command = [sys.executable, "-c", _PROBE, *args]
    if not terminal:
        run = subprocess.run(command, env=env, capture_output=True, text=True, cwd=plan_file.parent)
        assert run.returncode == 0, run.stderr
        return run.stdout, eval(run.stderr.strip().splitlines()[-1])
    master, slave = pty.openpty()
    shown: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            shown.append(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    run = subprocess.run(
        command, env=env, stdout=slave, stderr=subprocess.PIPE, text=True, cwd=plan_file.parent
    )
    os.close(slave)
    reader.join(10)
    os.close(master)
    assert run.returncode == 0, run.stderr
    return b"".join(shown).decode("utf-8", "replace"), eval(run.stderr.strip().splitlines()[-1])


def test_a_status_first_and_warm_imports_neither_fractions_nor_decimal(tmp_path: Path) -> None:
    plan_file = _plan(tmp_path)
    first, loaded_first = _run(plan_file, "status", "--as-of", "2023-07-15")
    warm, loaded_warm = _run(plan_file, "status", "--as-of", "2023-07-15")
    assert warm == first and "基础设施" in warm and "%" in warm
    assert loaded_first == loaded_warm == []
    for by in ("unit", "owner"):  # by who is responsible: the plan's weights as ratios
        grouped, loaded_by = _run(plan_file, "status", "--by", by, "--as-of", "2023-07-15")
        assert "%" in grouped and loaded_by == []
    assert "镇交通办" in grouped or "镇交通办" in _run(plan_file, "status", "--by", "unit")[0]
    # to a terminal (rich draws it) too
    drawn, loaded_drawn = _run(plan_file, "status", "--as-of", "2023-07-15", terminal=True)
    assert "基础设施" in drawn and BAR_DONE in drawn
    assert loaded_drawn == []


def test_a_done_says_its_completion_line_without_fractions(tmp_path: Path) -> None:
    plan_file = _plan(tmp_path)
    _run(plan_file, "status")
    said, loaded = _run(plan_file, "done", "1.1.2", "--on", "2023-06-30")
    assert "1.1.2" in said and "完成率" in said
    assert loaded == []
    assert 'status = "done"' in plan_file.read_text(encoding="utf-8")


def test_the_report_still_has_its_fractions(tmp_path: Path) -> None:
    """The Fraction callers keep them (the report, ``task_completion``)."""
    plan_file = _plan(tmp_path)
    _, loaded = _run(plan_file, "report", "--format", "md")
    assert "fractions" in loaded
    task = Item({"id": "1", "title": "t", "status": "doing", "progress": 33.3})
    assert rollup.task_completion(task) == Fraction(333, 1000)


# ---------------------------------------------------------------- the Fraction oracle


def _old_percent(share: Fraction) -> str:
    """format_percent as it was: Decimal, ROUND_HALF_UP, 100 % only when whole."""
    with localcontext() as context:
        context.prec = 60
        shown = (Decimal(share.numerator) * 100 / Decimal(share.denominator)).quantize(
            Decimal(1), rounding=ROUND_HALF_UP
        )
    shown = shown - 1 if shown == 100 and share < 1 else shown
    # (-1/201 was "-0%": a Decimal's negative zero; the ratio says 0%)
    return f"{int(shown)}%"


def _old_filled(share: Fraction, width: int) -> int:
    with localcontext() as context:
        context.prec = 60
        filled = int(
            (Decimal(share.numerator) * width / Decimal(share.denominator)).quantize(
                Decimal(1), rounding=ROUND_HALF_UP
            )
        )
    return filled - 1 if filled == width and share < 1 else filled


_shares = st.one_of(
    st.fractions(min_value=-3, max_value=3),
    st.tuples(st.integers(-(10**30), 10**30), st.integers(1, 10**30)).map(lambda p: Fraction(*p)),
    # the .5 boundaries: k/200 (a percent's half) and k/12 (a bar of 6's half), 2/3
    st.integers(-400, 400).map(lambda k: Fraction(k, 200)),
    st.integers(-24, 24).map(lambda k: Fraction(k, 12)),
    st.sampled_from([Fraction(0), Fraction(1), Fraction(2, 3), Fraction(1, 3), Fraction(199, 200)]),
)


@settings(max_examples=400, deadline=None)
@given(share=_shares, width=st.sampled_from([1, 4, 6, 10]))
def test_the_ratio_percents_and_bars_are_the_fraction_ones(share: Fraction, width: int) -> None:
    ratio = share.as_integer_ratio()
    assert percent_of(ratio) == format_percent(share) == _old_percent(share)
    filled = _old_filled(share, width)
    runs = bar_runs(ratio, width)
    assert runs == bar_runs(share, width)
    assert runs[0][0] == BAR_DONE * min(max(filled, 0), width)
    assert len(runs[0][0] + runs[1][0]) == width
    assert ratio_half_up(*ratio, 100) == _old_raw(share, 100)


def _old_raw(share: Fraction, scale: int) -> int:
    with localcontext() as context:
        context.prec = 80
        return int(
            (Decimal(share.numerator) * scale / Decimal(share.denominator)).quantize(
                Decimal(1), rounding=ROUND_HALF_UP
            )
        )


def test_percent_edges() -> None:
    assert percent_of(None) == format_percent(None) == "—"
    assert percent_of((1, 200)) == "1%" and percent_of((-1, 200)) == "-1%"
    assert percent_of((2, 3)) == "67%" and percent_of((199, 200)) == "99%"
    assert percent_of((1, 1)) == "100%" and percent_of((3, 2)) == "150%"
    assert bar_runs((0, 1), 6)[0][0] == "" and bar_runs((1, 1), 6)[1][0] == ""


def _old_classify(status, overdue, done, expected, rules):  # type: ignore[no-untyped-def]
    """lights.classify as it was, in Fractions."""
    if status == "dropped":
        return None
    if status == "done":
        return "green"
    if overdue:
        return "red"
    yellow, red, red_share = rules
    behind = expected - done
    if behind > red:
        return "red"
    if red_share is not None and behind > Fraction(5, 100) and done < red_share * expected:
        return "red"
    if behind > yellow:
        return "yellow"
    return "green"


_unit = st.fractions(min_value=-1, max_value=2, max_denominator=1000)


@settings(max_examples=400, deadline=None)
@given(
    done=_unit,
    expected=st.fractions(min_value=0, max_value=1, max_denominator=1000),
    yellow=st.fractions(min_value=0, max_value=1, max_denominator=200),
    red=st.fractions(min_value=0, max_value=1, max_denominator=200),
    red_share=st.none() | st.fractions(min_value=0, max_value=1, max_denominator=200),
    status=st.sampled_from(["todo", "doing", "blocked", "done", "dropped"]),
    overdue=st.booleans(),
)
def test_the_ratio_lights_are_the_fraction_ones(
    done, expected, yellow, red, red_share, status, overdue
):  # type: ignore[no-untyped-def]
    rules = (yellow, red, red_share)
    want = _old_classify(status, overdue, done, expected, rules)
    assert classify(status, overdue, done, expected, rules) == want
    pairs = tuple(None if r is None else r.as_integer_ratio() for r in rules)
    ratios = (done.as_integer_ratio(), expected.as_integer_ratio())
    assert _classified(status, overdue, *ratios, pairs) == want  # type: ignore[arg-type]
    # the pace classes, against the tolerance in Fractions
    gap = done - expected
    tolerance = Fraction(*PACE_TOLERANCE)
    old = "ahead" if gap > tolerance else "on_pace" if gap >= -tolerance else "behind"
    assert rollup._pace_class(*ratios) == old
    assert lit is not None


@settings(max_examples=300, deadline=None)
@given(
    value=st.one_of(
        st.floats(allow_nan=False, allow_infinity=False, min_value=-1e30, max_value=1e30),
        st.floats(min_value=1e-320, max_value=1e-5),
        st.integers(-(10**40), 10**40),
        st.sampled_from([33.3, 0.1, 1e-05, 1.5e20, -0.0, 0.0, 2.675, True]),
    )
)
def test_exact_ratio_is_the_decimal_written(value) -> None:  # type: ignore[no-untyped-def]
    want = Fraction(repr(value)) if isinstance(value, float) else Fraction(value)
    assert rollup.exact_ratio(value) == want.as_integer_ratio()
    assert rollup.exact(value) == want
    assert rollup.percent_ratio(value) == (want / 100).as_integer_ratio()


def test_thresholds_are_whole_number_ratios(tmp_path: Path) -> None:
    from quanhu_plan.store import PlanSource, load

    plan = load(PlanSource(_plan(tmp_path)), whole=True)
    assert thresholds(plan) == ((3, 40), (1, 5), (1, 2))


def test_the_ratio_expected_share_is_the_fraction_one(tmp_path: Path) -> None:
    """expected_completion (a Fraction, for the report) and expected_ratio agree on every day of
    the year for every task, milestones and all, and so do completion and pace."""
    from quanhu_plan.store import PlanSource, load

    plan = load(PlanSource(_plan(tmp_path)), whole=True)
    tasks = list(plan.tasks())
    day = dt.date(2022, 12, 25)
    while day <= dt.date(2024, 1, 5):
        for task in tasks:
            ratio = rollup.expected_ratio(task, plan, day)
            assert rollup.expected_completion(task, plan, day) == Fraction(*ratio)
            assert ratio == Fraction(*ratio).as_integer_ratio()  # reduced
        day += dt.timedelta(days=9)
    for task in tasks:
        done = rollup.task_ratio(task)
        assert rollup.task_completion(task) == (None if done is None else Fraction(*done))
        for day, share, _ in rollup.milestones(task):
            assert 0 <= share <= 1 and isinstance(day, dt.date)
    assert isinstance(tasks[0], Item)


def _old_task_shares(plan, figures):  # type: ignore[no-untyped-def]
    """rollup_groups.task_shares as it was, in Fractions."""
    shares = {}

    def visit(items, share):  # type: ignore[no-untyped-def]
        counted = [
            (item, rollup.exact(item.weight))
            for item in items
            if figures[item.id].completion is not None
        ]
        weights = sum((weight for _, weight in counted), Fraction(0))
        for item, weight in counted:
            mine = share * weight / weights
            if item.is_task:
                shares[item.id] = mine
            else:
                visit(item.children, mine)

    visit(plan.roots, Fraction(1))
    return shares


def test_the_ratio_task_shares_are_the_fraction_ones(tmp_path: Path) -> None:
    from quanhu_plan.rollup_groups import group_rollup, task_share_ratios, task_shares
    from quanhu_plan.rollup_tree import rollups
    from quanhu_plan.store import PlanSource, load

    plan = load(PlanSource(_plan(tmp_path)), whole=True)
    figures = rollups(plan, plan.end)
    old = _old_task_shares(plan, figures)
    assert task_shares(plan, figures) == old and sum(old.values()) == 1
    ratios = task_share_ratios(plan, figures)
    assert ratios == {key: share.as_integer_ratio() for key, share in old.items()}
    tasks = list(plan.tasks())
    day = dt.date(2023, 7, 15)
    everything = group_rollup(tasks, plan, day, ratios, figures)
    assert everything == group_rollup(tasks, plan, day, old, figures)
