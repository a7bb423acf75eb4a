"""Reading a plan fast gives what reading it slowly gives: the compiled tomli reads every file as
the standard library's tomllib does (the same documents, the same errors), and the quick checks
of items and log entries (validate._plain_fields, _plain_entry) find the very problems the
detailed checks find, in the same order, with the same messages."""

from __future__ import annotations

import tomllib
import types
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quanhu_plan import model
from quanhu_plan.errors import PlanError
from quanhu_plan.store import plan_file

from .test_bad_files import BAD_FILES
from .test_fuzz_files import plan_files

REPO = Path(__file__).resolve().parent.parent
PLANS = [REPO / "plan.toml", REPO / "examples" / "quanhu-2022.toml"]

MANY = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def same(a: Any, b: Any) -> bool:
    """Equal and of the same types all the way down (1 is not 1.0; nan is nan)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[key], b[key]) for key in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, float):
        return repr(a) == repr(b)
    return bool(a == b)


# ---------------------------------------------------------------- tomli and tomllib


def read(text: str) -> tuple[str, Any]:
    """What parse_toml makes of a text: the document, or the error as both languages say it."""
    try:
        return "doc", plan_file.parse_toml(text, "plan.toml")
    except PlanError as exc:
        return "error", (type(exc).__name__, exc.message("zh"), exc.message("en"))


def too_deep(result: tuple[str, Any]) -> bool:
    return result[0] == "error" and "nest too deeply" in result[1][2]


def read_with_tomllib(text: str) -> tuple[str, Any]:
    with mock.patch.object(plan_file, "_toml_reader", lambda: tomllib):
        return read(text)


def assert_read_alike(text: str) -> None:
    fast, slow = read(text), read_with_tomllib(text)
    if too_deep(fast) or too_deep(slow):
        # Where Python's stack runs out depends on the reader and on how deep the call already
        # is: past a few hundred levels either refuses the file, the other may read it; the
        # checks then refuse it (values nest at most 16 levels).
        for other in (fast, slow):
            assert too_deep(other) or model.build_plan(other[1])[1]
        return
    assert fast[0] == slow[0], (fast, slow)
    if fast[0] == "doc":
        assert same(fast[1], slow[1])
    else:
        assert fast == slow


def test_plan_files_are_read_with_the_compiled_tomli_here():
    import tomli

    assert plan_file._toml_reader() is tomli
    assert not isinstance(tomli.loads, types.FunctionType)  # compiled


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
    assert plan_file._fast_toml_1_0(module) is chosen


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
