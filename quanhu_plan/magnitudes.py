"""千 and 百 before a unit as the multipliers they are (2千亩 is 2000 亩), and 万 and 亿 as part
of the unit (1.5万元, 3万亩: units ledgers count in, and the county adds up in): one reading
for plan add, edit, record and import alike (pure). A figure written in the task's own
measure is that measure's, whatever it is called (2千亩 of a task measured in 千亩)."""

from __future__ import annotations

_MULTIPLIERS = {"百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
# 千米, 千瓦, 千克, 千伏…: units of their own, not a thousand 米; 百分点 no hundred 分点.
_OWN_UNITS = ("米", "瓦", "克", "伏", "焦", "帕", "卡", "赫", "字节", "兆", "分")


def scaled(number: int | float, unit: str) -> tuple[int | float, str]:
    """The number and unit a figure means: 2千亩 → 2000 亩, 5百户 → 500 户, 3千万元 → 3000
    万元; 1.5万元, 3万亩, 2千米 and 2千 with no unit after it stay as written. Exact (2.3千 is 2300, not
    the 2299.9999999999995 a float product gives); a whole result is an int."""
    rest = unit[1:]
    if not rest or unit[0] not in "百千" or rest.startswith(_OWN_UNITS):
        # (2千 alone stays as typed: against a measure of 千米 it is no 2000 of anything)
        return number, unit
    if rest[0] in "百千万亿" and not (rest[0] in "万亿" and rest[1:]):
        return number, unit  # (3千万 with no unit after it: as typed; 3千万元 is 3000 万元)
    times = _MULTIPLIERS[unit[0]]
    if type(number) is int:
        return number * times, rest
    from .rollup import exact_ratio  # (the decimal a float is written as: 2.3 is 23/10)

    top, below = exact_ratio(number)
    top *= times
    # (an int's true division is rounded once, as the float of the exact decimal product is)
    return (top // below if top % below == 0 else top / below), rest


def whole_if_exponent(number: int | float, typed: str) -> int | float:
    """A figure typed in exponent notation (1e3, 2.5E4) that is a whole number, kept as the
    whole number it is (1000, not the 1000.0 a float writes to the file)."""
    if (
        isinstance(number, float)
        and number.is_integer()
        and abs(number) < 2**53
        and "e" in typed.lower()
    ):
        return int(number)
    return number


def in_measure(number: int | float, unit: str, measure: str | None) -> tuple[int | float, str]:
    """The figure as ``scaled`` reads it, unless its unit is the measure as written (a task
    measured in 千亩 takes 1.5千亩 as 1.5 of them)."""
    from .typed_numbers import same_unit

    if measure and same_unit(unit, measure):
        return number, unit
    return scaled(number, unit)
