"""Reading a plan fast gives what reading it slowly gives: the compiled tomli reads every file as
the standard library's tomllib does (the same documents, the same errors), and the quick checks
of items and log entries (validate._plain_fields, _plain_entry) find the very problems the
detailed checks find, in the same order, with the same messages."""

from __future__ import annotations

import datetime as dt
import math
import tomllib
import types
from contextlib import ExitStack
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quanhu_plan import building, model, validate
from quanhu_plan.canonical import dumps
from quanhu_plan.errors import PlanError, Problem
from quanhu_plan.store import plan_text

from .conftest import plan_doc
from .test_bad_files import BAD_FILES
from .test_fuzz_files import item_tables, plan_files
from .test_hostile_text import hostile_items

REPO = Path(__file__).resolve().parent.parent
PLANS = [REPO / "plan.toml", REPO / "examples" / "quanhu-2022.toml"]
DAY = dt.date(2023, 5, 1)

MANY = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def same(a: Any, b: Any) -> bool:
    """Equal and of the same types all the way down (1 is not 1.0; nan is nan; 09:00+08:00 is
    not 01:00+00:00)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[key], b[key]) for key in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, float | dt.date | dt.time):  # nan; the offset of a date-time
        return repr(a) == repr(b)
    return bool(a == b)


# ---------------------------------------------------------------- tomli and tomllib


def read(text: str) -> tuple[str, Any]:
    """What parse_toml makes of a text: the document, or the error as both languages say it."""
    try:
        return "doc", plan_text.parse_toml(text, "plan.toml")
    except PlanError as exc:
        return "error", (type(exc).__name__, exc.message("zh"), exc.message("en"))


def too_deep(result: tuple[str, Any]) -> bool:
    return result[0] == "error" and "nest too deeply" in result[1][2]


def read_with_tomllib(text: str) -> tuple[str, Any]:
    with mock.patch.object(plan_text, "_toml_reader", lambda: tomllib):
        return read(text)


def assert_read_alike(text: str) -> None:
    fast, slow = read(text), read_with_tomllib(text)
    if too_deep(fast) or too_deep(slow):
        # Where Python's stack runs out depends on the reader and on how deep the call already
        # is: past a few hundred levels either refuses the file, the other may read it; the
        # checks then refuse it (values nest at most 16 levels).
        for other in (fast, slow):  # refused too deep, or as another error, or by the checks
            assert too_deep(other) or other[0] == "error" or building.build_plan(other[1])[1]
        return
    assert fast[0] == slow[0], (fast, slow)
    if fast[0] == "doc":
        assert same(fast[1], slow[1])
    else:
        assert fast == slow


def test_plan_files_are_read_with_the_compiled_tomli_here():
    import tomli

    assert plan_text._toml_reader() is tomli
    assert not isinstance(tomli.loads, types.FunctionType)  # compiled


def test_without_tomli_plan_files_are_read_with_tomllib():
    text = PLANS[0].read_text(encoding="utf-8")
    with_tomli = plan_text.parse_toml(text, "f")
    with mock.patch.dict("sys.modules", {"tomli": None}):  # import tomli: ImportError
        assert plan_text._toml_reader() is tomllib
        assert same(plan_text.parse_toml(text, "f"), with_tomli)


@pytest.mark.parametrize(
    ("version", "compiled", "chosen"),
    [
        ("2.3.2", True, True),
        ("2.2.1", True, True),
        ("2.4.0", True, False),  # TOML 1.1: reads what tomllib refuses
        ("2.5.0", True, False),
        ("3.0", True, False),
        ("2.3.2", False, False),  # pure Python: no faster than tomllib
    ],
)
def test_tomli_is_used_only_compiled_and_reading_toml_1_0(version, compiled, chosen):
    loads = len if compiled else (lambda text: {})  # a builtin stands for compiled code
    module = types.SimpleNamespace(__version__=version, loads=loads)
    assert plan_text._fast_toml_1_0(module) is chosen


@pytest.mark.parametrize("path", PLANS, ids=lambda path: path.name)
def test_tomli_reads_the_real_plans_as_tomllib_does(path):
    assert_read_alike(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("name", "text", "said"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_tomli_reads_the_bad_files_as_tomllib_does(name, text, said):
    assert_read_alike(text)


@pytest.mark.parametrize(
    "text",
    [
        "at = 2023-05-01T09:00\n",  # TOML 1.1 only: no seconds
        "at = 2023-05-01 09:00+08:00\n",
        'title = "\\e[2J"\n',  # TOML 1.1 only: \e and \xHH
        'title = "\\x41"\n',
        "t = {a = 1,\n b = 2}\n",  # TOML 1.1 only: an inline table over lines
        "t = {a = 1, }\n",
        "z = " + "[" * 300 + "]" * 300 + "\n",
        "z = " + "{a=" * 300 + "1" + "}" * 300 + "\n",
    ],
)
def test_what_only_toml_1_1_allows_is_refused_alike(text):
    assert_read_alike(text)


@MANY
@given(text=plan_files(), cut=st.floats(0, 1))
def test_tomli_reads_any_file_or_part_of_one_as_tomllib_does(text, cut):
    assert_read_alike(text)
    assert_read_alike(text[: int(len(text) * cut)])


# ---------------------------------------------------------------- quick and detailed checks


def detailed() -> ExitStack:
    """Every item and log entry checked in detail, as before the quick checks."""
    stack = ExitStack()
    stack.enter_context(mock.patch.object(validate, "_plain_fields", lambda *a, **k: False))
    stack.enter_context(mock.patch.object(validate, "_plain_entry", lambda entry: False))
    return stack


def said(problems: list[Problem]) -> list[tuple[Any, ...]]:
    return [
        (p.item_id, p.field, repr(p.found), p.allowed, p.index, p.line, p.place) for p in problems
    ]


def tree(plan: model.Plan | None) -> list[tuple[str, list[str]]]:
    return [] if plan is None else [(i.id, [c.id for c in i.children]) for i in plan.items()]


def assert_checked_alike(text: str) -> None:
    try:
        quick_doc, slow_doc = plan_text.parse_toml(text, "f"), plan_text.parse_toml(text, "f")
    except PlanError:
        return
    quick_plan, quick = building.build_plan(quick_doc)
    with detailed():
        slow_plan, slow = building.build_plan(slow_doc)
    assert said(quick) == said(slow)
    assert tree(quick_plan) == tree(slow_plan)


@pytest.mark.parametrize("path", PLANS, ids=lambda path: path.name)
def test_the_real_plans_are_checked_alike_quick_and_in_detail(path):
    assert_checked_alike(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("name", "text", "told"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_the_bad_files_are_checked_alike_quick_and_in_detail(name, text, told):
    assert_checked_alike(text)


def test_the_hostile_plan_is_checked_alike_quick_and_in_detail():
    assert_checked_alike(dumps(plan_doc(hostile_items(), title="泉湖镇计划")))


@MANY
@given(text=plan_files())
def test_any_file_is_checked_alike_quick_and_in_detail(text):
    assert_checked_alike(text)


def check_both(tables: list[dict[str, Any]], place: tuple[tuple[str, int], ...] = ()) -> None:
    quick = [validate.check_item(table, 3, place) for table in tables]
    with detailed():
        slow = [validate.check_item(table, 3, place) for table in tables]
    for table, found, wanted in zip(tables, quick, slow, strict=True):
        assert said(found) == said(wanted), table


@MANY
@given(wild=st.booleans(), data=st.data())
def test_any_item_table_is_checked_alike_quick_and_in_detail(wild, data):
    table = data.draw(item_tables(wild, "1.2", ["", "1"]))
    check_both([table])
    check_both([table], (("removed", 0), ("item", 1)))


NEAR = 10**15
# Values at the edges of what each quick check lets through, in every field.
EDGES: list[Any] = [
    *("", " ", "x", "todo", "done", "Done", "up", "down", "Up", "2023-05", "2023-Q2", "log"),
    *(0, 1, -1, 100, 101, NEAR - 1, NEAR, -(NEAR - 1), -NEAR, 10**400, True, False),
    *(0.0, -0.0, 1e-300, 99.99999999, 100.0, 100.5, 1e15, math.nan, math.inf, -math.inf),
    *(dt.date(1899, 12, 31), dt.date(1900, 1, 1), dt.date(2999, 12, 31), dt.date(3000, 1, 1)),
    *(dt.datetime(1900, 1, 1, 0, 0), dt.datetime(3000, 1, 1), dt.time(9, 30)),
    *([], [""], ["a", "b"], ["a", 1], [["a"]], {}, {"a": 1}, {"a": math.nan}),
    [{"due": dt.date(2023, 5, 1), "progress": 50}],
]
FIELDS = [*model.ITEM_FIELDS, "x", "notes"]


@pytest.mark.parametrize("field", FIELDS)
def test_every_field_at_its_edges_is_checked_alike_quick_and_in_detail(field):
    tables = [{"id": "1", "title": "t", field: value} for value in EDGES]
    tables += [{"id": "1", "title": "t", "done_on": DAY, field: v, "x": 1} for v in EDGES]
    tables += [{"id": value, "title": "t", field: value} for value in EDGES]
    tables += [{"title": value, field: "t", "id": "1"} for value in EDGES]
    check_both(tables)


LOG_KEYS = [*model.LOG_FIELDS, "x"]


@pytest.mark.parametrize("key", LOG_KEYS)
def test_every_log_key_at_its_edges_is_checked_alike_quick_and_in_detail(key):
    at = dt.datetime(2023, 5, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    entries: list[Any] = [{"at": at, "by": "王", "action": "note", key: value} for value in EDGES]
    entries += [
        {"at": at, "action": "progress", key: {field: value}} for field in FIELDS for value in EDGES
    ]
    check_both([{"id": "1", "title": "t", "log": [entry]} for entry in entries])
    check_both([{"id": "1", "title": "t", "log": [e, {"at": at, "note": 5}]} for e in entries])


@given(ids=st.lists(st.from_regex(r"[0-9a-c]{1,2}(\.[0-9a-c]{1,2}){0,4}", fullmatch=True)))
def test_parents_implied_by_ids_never_loop(ids):
    """_link breaks loops only where an item names its parent: ids alone cannot loop."""
    doc = {"plan": {"title": "t"}, "item": [{"id": i, "title": "t"} for i in ids]}
    plan, problems = building.build_plan(doc)
    assert plan is not None
    items = list(plan.items())
    roots, found = list(plan.roots), len(problems)
    building._break_loops(items, plan.roots, problems)
    assert len(problems) == found
    assert plan.roots == roots


@pytest.mark.parametrize(
    "text", ['[plan]\ntitle = "t"\n', "x = \n", "z = " + "[" * 5000 + "]" * 5000]
)
def test_reading_pauses_the_garbage_collector_only_while_it_reads(text):
    import gc

    for was in (True, False):
        (gc.enable if was else gc.disable)()
        try:
            try:
                building.build_plan(plan_text.parse_toml(text, "f"))
            except PlanError:
                pass
            assert gc.isenabled() is was
        finally:
            gc.enable()
