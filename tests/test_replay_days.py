"""``replay._counted_days``, the days a year's log counts on looked at in C, says what
``trace.effective_day`` says of each entry not undone, or None where it cannot (then each entry
is asked, as before)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from quanhu_plan.replay import _counted_days
from quanhu_plan.trace import effective_day

ZONES = [dt.timezone(dt.timedelta(hours=h)) for h in (-5, 0, 8)]
days = st.dates(dt.date(2022, 12, 1), dt.date(2024, 1, 31))
moments = st.builds(
    lambda d, h, z: dt.datetime(d.year, d.month, d.day, h, tzinfo=z),
    days,
    st.integers(0, 23),
    st.sampled_from(ZONES),
)
entry = st.fixed_dictionaries(
    {"action": st.just("note"), "at": moments},
    optional={"on": days, "undone": moments},
)
odd_entry = st.one_of(
    st.fixed_dictionaries({"action": st.just("note"), "on": days}),  # no at
    st.fixed_dictionaries({"action": st.just("note"), "at": moments, "on": moments}),
    st.fixed_dictionaries({"action": st.just("note"), "at": days}),
    st.just("not a table"),
)


@given(st.lists(entry, max_size=30))
def test_the_days_are_each_entrys_effective_day_but_for_those_undone(log):
    assert _counted_days(log) == [effective_day(e) for e in log if "undone" not in e]


@given(st.lists(entry, max_size=10), odd_entry, st.lists(entry, max_size=10))
def test_a_log_with_an_entry_it_cannot_read_so_is_left_to_each_entry(before, odd, after):
    assert _counted_days([*before, odd, *after]) is None
