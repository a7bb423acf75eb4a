"""Fuzzing plan files: random TOML within and beyond the schema, and every command on it.

Whatever the file holds (wrong types in every known field, huge and odd numbers, dates from year
1 to 9999, deep trees and deep values, unknown fields, archive records and log entries with odd
``before``/``after``), every command exits 0, 1 or 2 without a traceback; a command that exits
non-zero leaves the file's bytes as they were; and a change that succeeds leaves a file that
``plan check`` accepts, with no item lost. In CI (``CI`` set) the examples are derandomized.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quanhu_plan import store
from quanhu_plan.canonical import dumps
from quanhu_plan.cli import app
from quanhu_plan.errors import PlanError
from quanhu_plan.guard import item_counts

UTC8 = dt.timezone(dt.timedelta(hours=8))

# ---------------------------------------------------------------- values
# Every strategy comes in two kinds: ``wild`` values may be anything TOML holds; the others are
# what the format allows, at its edges (years 1900 and 2999, numbers just under 10^15, weights
# of 1e-300, values nested 15 deep), so that about half the files are valid plans and every
# command really runs on them.

texts = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12
) | st.sampled_from(["", " ", "1", "1.1", "top", "修塘", "\x1b[2J", "a\nb", "[x]", "nan"])
integers = st.integers(-5, 200) | st.sampled_from(
    [0, 1, 10**15, -(10**15), 10**15 - 1, 2**63 - 1, -(2**63), 10**40, -(10**400)]
)
floats = st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from(
    [0.5, 33.3, 1e-300, 1e300, 5e-324, math.nan, math.inf, -math.inf, 99.99999999]
)
any_dates = st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))
any_moments = st.datetimes(
    dt.datetime(1, 1, 2), dt.datetime(9999, 12, 30), timezones=st.none() | st.just(UTC8)
)
dates = st.sampled_from([dt.date(1900, 1, 1), dt.date(2999, 12, 31)]) | st.dates(
    dt.date(2022, 12, 1), dt.date(2024, 1, 31)
)
moments = st.sampled_from(
    [dt.datetime(1900, 1, 1, 0, 0, 1), dt.datetime(2999, 12, 31, 23, 59, tzinfo=UTC8)]
) | st.datetimes(dt.datetime(2023, 1, 1), dt.datetime(2023, 12, 31), timezones=st.just(UTC8))
scalars = texts | integers | floats | st.booleans() | any_dates | any_moments | st.times()
finite = (
    texts
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.booleans()
    | any_dates
    | any_moments
)


def _nest(kind: str, depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value] if kind == "list" else {"k": value}
    return value


def nested(low: int, high: int) -> Any:
    """A value nested ``low`` to ``high`` levels deep, in arrays or inline tables."""
    return st.builds(_nest, st.sampled_from(["list", "table"]), st.integers(low, high))


def containers(inner: Any) -> Any:
    return st.recursive(
        inner,
        lambda more: st.lists(more, max_size=3) | st.dictionaries(texts, more, max_size=3),
        max_leaves=6,
    )


anything = containers(scalars) | nested(14, 40)  # nan, 10^400, year 1, 40 levels…
kept = containers(finite) | nested(1, 15)  # what an unknown field may hold


def either(valid: Any, wild: bool) -> Any:
    """What is allowed; when ``wild``, now and then anything at all."""
    return st.one_of(valid, valid, valid, anything) if wild else valid


# ---------------------------------------------------------------- fields, within and beyond

IDS = ["1", "1.1", "1.2", "1.1.1", "2", "2.1", "x", "0", ""]
STATUSES = ["todo", "doing", "done", "blocked", "dropped"]
ACTIONS = ["note", "done", "reopen", "start", "block", "drop", "progress", "record", "add"]
ACTIONS += ["edit", "move", "remove", "undo"]
UNDER_LIMIT = 10**15 - 1


def shown_floats(most: float) -> Any:
    """Floats from 0 to ``most`` but those every view shows as 0 (5e-324, 1e-300: a file that
    holds one is refused); the smallest shown, 1e-15, is among the edges."""
    return st.floats(0, most).filter(lambda x: x == 0 or x >= 1e-15)


VALID = {
    "id": st.sampled_from(IDS[:-1]),
    "title": st.sampled_from(["修塘", "Road", "[x] 排查", "a\x1b[2Jb", "修" * 300]),
    "parent": st.sampled_from(IDS),
    "detail": texts,
    "lead": texts,
    "lead_unit": texts,
    "support_units": st.lists(texts, max_size=2),
    "owner": texts,
    "due": dates,
    "status": st.sampled_from(STATUSES),
    "progress": st.integers(0, 100) | shown_floats(100) | st.just(99.99999999),
    "measure": st.sampled_from(["处", "万亩", "位", "名次"]),
    "baseline": st.integers(0, UNDER_LIMIT) | shown_floats(1e6),
    "target": st.integers(0, UNDER_LIMIT) | shown_floats(1e6) | st.just(1e-15),
    "actual": st.integers(0, UNDER_LIMIT) | shown_floats(1e6) | st.just(0.1),
    "done_on": dates,
    "evidence": st.lists(texts, max_size=2),
    "reason": texts,
    "weight": st.integers(1, UNDER_LIMIT) | st.floats(0.01, 100) | st.just(1e-15),
}
OPTIONAL = [name for name in VALID if name not in ("id", "title", "parent")]


@st.composite
def changed_fields(draw: Any, wild: bool) -> dict[str, Any]:
    names = draw(st.lists(st.sampled_from([*OPTIONAL, "x"]), max_size=3, unique=True))
    return {n: draw(either(VALID[n], wild) if n in VALID else kept) for n in names}


@st.composite
def log_entries(draw: Any, wild: bool) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    if draw(st.booleans()):
        entry["at"] = draw(either(moments | dates, wild))  # a hand-written one: a date
    if draw(st.booleans()):
        entry["on"] = draw(either(dates, wild))
    entry["action"] = draw(either(st.sampled_from(ACTIONS), wild))
    for key in ("note", "by"):
        if draw(st.booleans()):
            entry[key] = draw(either(texts, wild))
    for key in ("before", "after"):
        if draw(st.integers(0, 3)):
            entry[key] = draw(either(changed_fields(wild), wild))
    if draw(st.integers(0, 4)) == 0:
        entry["undone"] = draw(either(moments, wild))
    if draw(st.integers(0, 4)) == 0:
        entry["position"] = draw(either(st.integers(0, 5), wild))
    if draw(st.integers(0, 6)) == 0:
        entry[draw(texts)] = draw(either(kept, wild))
    return entry


@st.composite
def item_tables(draw: Any, wild: bool, item_id: str, parents: list[str]) -> dict[str, Any]:
    table: dict[str, Any] = {
        "id": draw(either(st.just(item_id), wild)),
        "title": draw(either(VALID["title"], wild)),
    }
    if wild and draw(st.integers(0, 6)) == 0:
        del table[draw(st.sampled_from(["id", "title"]))]
    if draw(st.integers(0, 4)) == 0:
        table["parent"] = draw(either(st.sampled_from(parents), wild))
    for name in draw(st.lists(st.sampled_from(OPTIONAL), max_size=6, unique=True)):
        table[name] = draw(either(VALID[name], wild))
    if draw(st.integers(0, 5)) == 0:
        table[draw(texts)] = draw(either(kept, wild))
    if draw(st.integers(0, 2)) == 0:
        table["log"] = draw(either(st.lists(log_entries(wild), min_size=1, max_size=3), wild))
    return table


@st.composite
def archives(draw: Any, wild: bool, ids: list[str]) -> Any:
    records = []
    for n in range(draw(st.integers(1, 2))):
        record: dict[str, Any] = {
            "at": draw(either(moments, wild)),
            "by": "测",
            "action": draw(st.sampled_from(["remove", "undo"])),
            "parent": draw(either(st.sampled_from(["", *ids]), wild)),
            "position": draw(either(st.integers(0, 3), wild)),
        }
        record["item"] = draw(either(st.just([draw(item_tables(wild, f"{n + 7}", [""]))]), wild))
        records.append(record)
    return draw(either(st.just(records), wild))


@st.composite
def plan_tables(draw: Any, wild: bool) -> dict[str, Any]:
    meta: dict[str, Any] = {"title": draw(either(st.just("测试镇计划"), wild))}
    for name, valid in (
        ("year", st.sampled_from([2023, 1900, 2999])),
        ("start", st.just(dt.date(2023, 1, 1))),
        ("end", st.sampled_from([dt.date(2023, 12, 31), dt.date(2999, 12, 31)])),
        ("lang", st.sampled_from(["zh", "en"])),
        ("organisation", texts),
    ):
        if draw(st.integers(0, 2)):
            meta[name] = draw(either(valid, wild))
    if draw(st.integers(0, 6)) == 0:
        meta[draw(texts)] = draw(either(kept, wild))
    return meta


@st.composite
def deep_trees(draw: Any) -> list[dict[str, Any]]:
    """A chain of items around the depth limit (64 levels), by ids or by parent fields."""
    depth = draw(st.integers(60, 70))
    if draw(st.booleans()):
        return [{"id": ".".join(["1"] * n), "title": "层"} for n in range(1, depth + 1)]
    return [
        {"id": f"x{n}", "title": "层", "parent": f"x{n - 1}" if n else ""} for n in range(depth)
    ]


@st.composite
def plan_files(draw: Any) -> str:
    """The text of a plan file: a document written as TOML, sometimes cut or spoiled."""
    wild = draw(st.booleans())
    doc: dict[str, Any] = {"plan": draw(plan_tables(wild))}
    ids = draw(st.lists(st.sampled_from(IDS[:-1]), max_size=6, unique=True))
    if not wild:  # with the parents their ids name
        ids = list(dict.fromkeys(i.rsplit(".", n)[0] for i in ids for n in range(3)))
    ids.sort(key=lambda i: (i.count("."), i))  # parents first, as plan files have them
    doc["item"] = [draw(item_tables(wild, i, ["", *ids])) for i in ids]
    if draw(st.integers(0, 8)) == 0:
        doc["item"] += draw(deep_trees())
    if draw(st.integers(0, 3)) == 0:
        doc["removed"] = draw(archives(wild, ids))
    if draw(st.integers(0, 8)) == 0:
        doc[draw(texts)] = draw(either(kept, wild))
    try:
        text = dumps(doc)
    except (ValueError, TypeError):  # a value TOML cannot write
        text = tomli_w.dumps({"plan": {"title": "t"}})
    spoil = draw(st.integers(0, 16)) if wild else -1
    if spoil == 0:  # cut anywhere
        text = text[: draw(st.integers(0, len(text)))]
    elif spoil == 1:  # numbers and nesting beyond what TOML readers take
        text += draw(
            st.sampled_from(
                [
                    '\n[[item]]\nid = "9"\ntitle = "t"\ntarget = ' + "9" * 5000 + "\n",
                    '\n[[item]]\nid = "9"\ntitle = "t"\ntarget = ' + "9" * 400 + "\n",
                    "\nz = " + "[" * 3000 + "]" * 3000 + "\n",
                    "\nz = " + "{a=" * 600 + "1" + "}" * 600 + "\n",
                    '\n[[item]]\nid = "9"\ntitle = "t"\nfoo = nan\n',
                ]
            )
        )
    return text


def _valid_file(text: str) -> bool:
    try:
        _, problems = store.inspect_text(text, "f")
    except PlanError:
        return False
    return not problems


# ---------------------------------------------------------------- commands


def commands(item_id: str, out: Path, other: str = "top") -> list[list[str]]:
    return [
        ["check"],
        ["status"],
        ["status", "--as-of", "2023-06-30", "--by", "unit"],
        ["status", "--json"],
        ["list"],
        ["list", "--flat", "--as-of", "2023-03-01"],
        ["show", item_id],
        ["show", item_id, "--as-of", "2023-02-01", "--json"],
        ["log"],
        ["log", item_id, "--json", "--since", "2023-01-01"],
        ["report"],
        ["report", "--format", "md", "--as-of", "2023-06-30"],
        ["report", "--format", "json"],
        ["report", "--format", "docx", "--out", str(out), "--force"],
        ["fmt", "--force"],
        ["note", item_id, "进展"],
        ["start", item_id],
        ["block", item_id, "--reason", "缺资金"],
        ["drop", item_id, "--reason", "取消"],
        ["reopen", item_id],
        ["done", item_id, "--on", "2023-05-01"],
        ["progress", item_id, "50"],
        ["record", item_id, "3", "--yes"],
        ["edit", item_id, "--title", "改", "--weight", "2"],
        ["move", item_id, other],
        ["rm", item_id, "-y", "-r"],
        ["undo"],
        ["add", item_id, "新任务", "--target", "5"],
        ["export", "--as-of", "2023-06-30"],
        ["export", "--out", str(out.with_name("out.xlsx")), "--force", "--part", item_id],
        ["header", "--title", "改", "--year", "2024"],
        ["undo"],
        ["new", "2024", "--carry", "--out", str(out.with_name("new.toml")), "--force"],
    ]


CHANGES = {"fmt", "note", "done", "progress", "record", "edit", "move", "rm", "undo", "add"}
CHANGES |= {"start", "block", "drop", "reopen", "header"}


def _ids(text: str) -> tuple[str, str]:
    """The first item's id, and the last one's (or top) to move it to."""
    try:
        doc = store.parse_toml(text, "f")
    except PlanError:
        return "1", "top"
    items = doc.get("item")
    ids = [
        table["id"]
        for table in (items if isinstance(items, list) else [])
        if isinstance(table, dict) and isinstance(table.get("id"), str) and table["id"]
    ]
    return (ids[0], ids[-1] if len(ids) > 1 else "top") if ids else ("1", "top")


def run_every_command(plan_file: Path, text: str) -> None:
    data = text.encode("utf-8")
    item_id, other = _ids(text)
    valid = _valid_file(text)
    runner = CliRunner()
    for args in commands(item_id, plan_file.with_name("out.docx"), other):
        plan_file.write_bytes(data)
        result = runner.invoke(app, args)
        shown = f"{args}: exit {result.exit_code}\n{result.output}"
        assert result.exit_code in (0, 1, 2), shown
        assert result.exception is None or isinstance(result.exception, SystemExit), shown + repr(
            result.exception
        )
        assert "Traceback" not in result.output, shown
        after = plan_file.read_bytes()
        if result.exit_code != 0 or args[0] not in CHANGES:
            assert after == data, shown  # nothing written
            continue
        # A change made: to a valid plan (a refused file is never changed), which the next
        # command reads, with every item still there, live or archived.
        assert valid, shown
        assert _valid_file(after.decode("utf-8")), shown
        before_counts = item_counts(store.plan_from_text(text, "before"))
        after_counts = item_counts(store.plan_from_text(after.decode("utf-8"), "after"))
        assert not before_counts - after_counts, shown


FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
        HealthCheck.large_base_example,
    ],
)


@FUZZ
@given(text=plan_files())
def test_every_command_on_any_file_exits_0_1_or_2_and_writes_only_a_valid_plan(
    plan_file: Path, text: str
) -> None:
    run_every_command(plan_file, text)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=plan_files())
def test_check_on_any_file_lists_problems_or_refuses_it_never_crashes(text: str) -> None:
    try:
        plan, problems = store.inspect_text(text, "f")
    except PlanError as exc:  # not TOML, or beyond what TOML readers take: one message
        for lang in ("zh", "en"):
            assert exc.message(lang)
        return
    for problem in problems:
        for lang in ("zh", "en"):
            message = problem.message(lang)
            assert len(message) < 2000  # found values are shown short
    assert plan is not None
    if not problems:  # the tree is whole and walkable, every id once
        assert max(Counter(item.id for item in plan.items()).values(), default=1) == 1


# A valid plan that changes can work on, with a trace, an archive and a hand edit or two: the
# random files above are mostly refused, so the changes are fuzzed here on files they accept.
@pytest.fixture
def good_text() -> str:
    at = dt.datetime(2023, 3, 1, 9, tzinfo=UTC8)
    doc = {
        "plan": {"title": "测试镇计划", "year": 2023, "lang": "zh"},
        "item": [
            {"id": "1", "title": "基础"},
            {
                "id": "1.1",
                "title": "修塘",
                "target": 40,
                "actual": 20,
                "status": "doing",
                "log": [
                    {
                        "at": at,
                        "by": "甲",
                        "action": "record",
                        "before": {"actual": 10},
                        "after": {"actual": 20, "status": "doing"},
                    }
                ],
            },
            {"id": "1.2", "title": "路灯", "parent": "2"},
            {"id": "2", "title": "社会", "x": {"y": [1, 2]}},
        ],
        "removed": [
            {
                "at": at,
                "by": "乙",
                "action": "remove",
                "parent": "1",
                "position": 1,
                "item": [{"id": "1.3", "title": "旧"}],
            }
        ],
    }
    return dumps(doc)


@FUZZ
@given(
    ops=st.lists(st.sampled_from(range(len(commands("1", Path("o"))))), min_size=1, max_size=6),
    ids=st.lists(st.sampled_from(["1", "1.1", "1.2", "2", "1.3", "9"]), min_size=6, max_size=6),
)
def test_changes_in_any_order_on_a_valid_plan_keep_it_valid(
    plan_file: Path, good_text: str, ops: list[int], ids: list[str]
) -> None:
    plan_file.write_text(good_text, encoding="utf-8")
    runner = CliRunner()
    for op, item_id in zip(ops, ids, strict=False):
        args = commands(item_id, plan_file.with_name("out.docx"))[op]
        before = plan_file.read_bytes()
        result = runner.invoke(app, args)
        shown = f"{args}: exit {result.exit_code}\n{result.output}"
        assert result.exit_code in (0, 1, 2), shown
        assert result.exception is None or isinstance(result.exception, SystemExit), shown
        after = plan_file.read_bytes()
        if result.exit_code != 0:
            assert after == before, shown
        assert _valid_file(after.decode("utf-8")), shown
        lost = item_counts(store.plan_from_text(before.decode(), "b")) - item_counts(
            store.plan_from_text(after.decode(), "a")
        )
        assert not lost, shown
