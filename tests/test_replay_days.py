"""``recorded_days._counted_days``, the days a year's log counts on looked at in C, says what
``trace.effective_day`` says of each entry not undone, or None where it cannot (then each entry
is asked, as before)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from quanhu_plan.model import ADDED, pace_start
from quanhu_plan.recorded_days import _counted_days
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


def pace_start_one_by_one(data):
    """``model.pace_start`` as first written: each entry looked at in turn."""
    start = data.get("start")
    if start is not None or "log" not in data:
        return start
    for entry in data["log"]:
        if type(entry) is dict and entry.get("action") == "add" and "undone" not in entry:
            day = entry.get("on")
            if type(day) is not dt.date:
                at = entry.get("at")
                day = at.date() if isinstance(at, dt.datetime) else at
            return (ADDED, day) if type(day) is dt.date else None
    return None


added = st.fixed_dictionaries(
    {"action": st.sampled_from(["add", "note", "progress"]), "at": moments},
    optional={"on": days, "undone": moments},
)


@given(st.lists(st.one_of(added, odd_entry), max_size=12), st.one_of(st.none(), days))
def test_pace_start_is_the_first_add_entry_not_undone_as_one_by_one(log, start):
    data = {"log": log} if start is None else {"log": log, "start": start}
    assert pace_start(data) == pace_start_one_by_one(data)
