"""plan progress and plan record (the figure typed, whether it reaches the target), status
--json, list --json and show (the terminal view and --json) work in whole numbers: neither
``decimal`` nor ``fractions`` is imported where the result is the one they gave (s36E). The
oracles below are the Decimal and Fraction forms those commands used."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from quanhu_plan.magnitudes import scaled
from quanhu_plan.texts import format_number, ratio_value, share_value

from .test_no_fractions_s35G import _plan, _run

# ---------------------------------------------------------------- no decimal, no fractions


def test_progress_and_record_import_neither(tmp_path: Path) -> None:
    plan_file = _plan(tmp_path)
    _run(plan_file, "status")
    said, loaded = _run(plan_file, "progress", "1.1.2", "60", "--on", "2023-06-30")
    assert "1.1.2" in said and loaded == []
    said, loaded = _run(plan_file, "record", "1.1.3", "5.5", "--on", "2023-06-30")
    assert "5.5公里" in said and loaded == []
    # reaching the target (the question's check) and a figure typed with 千 before its unit
    said, loaded = _run(plan_file, "record", "1.1.7", "0.03千户", "--yes", "--on", "2023-07-01")
    assert "30户" in said and "已完成" in said and loaded == []
    assert "actual = 30\n" in plan_file.read_text(encoding="utf-8")


def test_status_json_list_json_and_show_import_neither(tmp_path: Path) -> None:
    plan_file = _plan(tmp_path)
    on = ("--as-of", "2023-07-15")
    for args in (
        ("status", "--json", *on),
        ("list", "--json", *on),
        ("show", "1", *on),
        ("show", "1.1.3", *on),
        ("show", "1.1.6", *on),
        ("show", "1.1.7", "--json", *on),
        ("show", "1", "--json", *on),
    ):
        said, loaded = _run(plan_file, *args)
        assert said and loaded == [], args
    drawn, loaded = _run(plan_file, "show", "1.1", *on, terminal=True)
    assert "修路" in drawn and loaded == []


# ---------------------------------------------------------------- the Decimal and Fraction forms


def _old_format_number(value: float) -> str:
    """format_number of a float as it was: its repr as a Decimal, rounded half up."""
    exact = Decimal(repr(value))
    places = max(6, min(15, 5 - exact.adjusted())) if exact else 6
    with localcontext() as context:
        context.prec = max(28, exact.adjusted() + places + 2)
        rounded = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    rounded = rounded.normalize()
    if rounded == rounded.to_integral_value():
        return str(int(rounded))
    return format(rounded, "f")


@given(st.floats(allow_nan=False, allow_infinity=False))
@example(0.01)
@example(-0.01)
@example(0.1)
@example(1e-7)
@example(3.3000000000000003)
@example(0.0000005)
@example(0.00000049999999999999)
@example(1e22)
@example(123456.0000005)
@example(-2.5e-16)
@example(5e-324)
@example(-0.0)
def test_a_float_is_shown_as_the_decimal_form_showed_it(value: float) -> None:
    assert format_number(value) == _old_format_number(value)


@given(
    st.integers(min_value=1, max_value=10**6).flatmap(
        lambda d: st.tuples(st.integers(min_value=-3 * d, max_value=3 * d), st.just(d))
    )
)
@example((99995, 100000))
@example((1, 20000))
@example((-1, 20000))
@example((1, 3))
def test_a_ratio_in_json_is_the_share_the_fraction_gave(ratio: tuple[int, int]) -> None:
    top, below = ratio
    divisor = math.gcd(top, below)
    reduced = (top // divisor, below // divisor)
    assert ratio_value(reduced) == share_value(Fraction(top, below))
    assert ratio_value(reduced, 6) == share_value(Fraction(top, below), 6)
    assert ratio_value(None) is None


def _old_scaled(number: float, unit: str) -> tuple[int | float, str]:
    times = {"百": 100, "千": 1000}[unit[0]]
    value = Decimal(str(number)) * times
    return (int(value) if value == value.to_integral_value() else float(value)), unit[1:]


@given(
    st.one_of(
        st.integers(min_value=-(10**15), max_value=10**15),
        st.floats(min_value=-1e15, max_value=1e15, allow_nan=False),
        st.decimals(min_value=-(10**6), max_value=10**6, places=4).map(float),
    ),
    st.sampled_from(["千亩", "百户", "千万元"]),
)
@example(2.3, "千亩")
@example(0.001, "千亩")
@example(1e-7, "百户")
def test_a_multiplier_scales_as_the_decimal_form_did(number: float, unit: str) -> None:
    got = scaled(number, unit)
    assert got == _old_scaled(number, unit)
    assert type(got[0]) is type(_old_scaled(number, unit)[0])
