"""periods reads a month or quarter as a file writes it (2023-05, 2023-Q2) without a regular
expression (none is compiled at start-up): it reads exactly what the expressions did."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from quanhu_plan import periods
from quanhu_plan.texts import chinese_numeral

MONTH = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])")
QUARTER = re.compile(r"([0-9]{4})-Q([1-4])")


def span_by_expression(text: str) -> tuple[dt.date, dt.date] | None:
    month = MONTH.fullmatch(text)
    if month:
        year, number = int(month.group(1)), int(month.group(2))
        if year < dt.MINYEAR:
            return None
        return dt.date(year, number, 1), periods._month_end(year, number)
    quarter = QUARTER.fullmatch(text)
    if quarter:
        year, number = int(quarter.group(1)), int(quarter.group(2))
        if year < dt.MINYEAR:
            return None
        return dt.date(year, 3 * number - 2, 1), periods._month_end(year, 3 * number)
    return None


def long_form_by_expression(text: str) -> str:
    month = MONTH.fullmatch(text)
    quarter = QUARTER.fullmatch(text)
    if month:
        return f"{month.group(1)}年{int(month.group(2))}月底"
    if quarter:
        return f"{quarter.group(1)}年第{chinese_numeral(int(quarter.group(2)))}季度"
    return text


# Texts near a period: digits (ASCII, full-width, Arabic-Indic, superscript), Q and q, dashes,
# spaces and line ends, in and around the 7 characters of 2023-05.
near = st.text(alphabet="0123456789０２３٣²-–Qq \n", min_size=0, max_size=9)
periodish = st.builds(
    lambda year, sep, rest: f"{year}{sep}{rest}",
    st.text(alphabet="0123456789０٣", min_size=3, max_size=5),
    st.sampled_from(["-", "–", "", "--"]),
    st.sampled_from(["01", "09", "10", "12", "00", "13", "1", "5", "Q1", "Q4", "Q0", "Q5", "q2"])
    | near,
)

SAMPLES = ["2023-05", "2023-12", "2023-Q2", "0000-01", "0000-Q1", "9999-Q4", "2023-13", "2023-5"]


@settings(max_examples=3000, deadline=None)
@given(st.one_of(near, periodish) | st.sampled_from(SAMPLES))
def test_a_written_month_or_quarter_is_read_as_the_expressions_read_it(text):
    assert periods.span_of(text) == span_by_expression(text)
    assert periods.long_form(text, "zh") == long_form_by_expression(text.strip())
    assert periods.long_form(" " + text + "\n", "zh") == long_form_by_expression(text.strip())
