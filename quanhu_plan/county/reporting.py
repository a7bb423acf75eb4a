"""未按要求报送: whether a town recorded anything in the plan in the reporting period. Pure.

A town reports by recording changes (progress, figures, notes, tick-offs) in its plan; each
entry of the trace says when it was written (its ``at``; a hand-written one its ``on``). The
newest such day, up to the day of the view, is the plan's 最近填报. Entries taken back by
``plan undo`` (and the undo entries themselves) are not reports.

The rule is one of:

- ``每月N日前`` (the default: N = 25): the report for a month is due by its N-th day (the last
  day of a shorter month). At the day of the view, the latest such deadline is on or before it;
  the period for it began the day after the deadline before. A plan with no entry written in
  that period or since is flagged. On 2023-06-10 the latest deadline is 2023-05-25, so a plan
  whose newest entry is of 2023-04-25 or earlier is flagged;
- ``--stale-days N``: a plan with no entry written in the last N days (the day of the view and
  the N-1 before it) is flagged.

A plan that began after the deadline (after the first of the N days) owes no report yet, and
one that ended before the period owes none any more.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ..model import Plan
from ..trace import archived_tables, counts_by, log_of, stamped_instants, written_day

DEFAULT_REPORT_DAY = 25


class ReportingRule:
    """When towns must have reported: by a day of each month, or within the last N days."""

    __slots__ = ("day_of_month", "stale_days", "origin")

    def __init__(
        self,
        day_of_month: int | None = DEFAULT_REPORT_DAY,
        stale_days: int | None = None,
        origin: str = "default",  # where it was stated: "default", "settings" or "option"
    ):
        self.day_of_month, self.stale_days, self.origin = day_of_month, stale_days, origin

    def deadline(self, day: dt.date) -> dt.date | None:
        """The latest monthly deadline on or before ``day`` (None under --stale-days)."""
        if self.day_of_month is None:
            return None
        this_month = _deadline_in(day.year, day.month, self.day_of_month)
        if this_month <= day:
            return this_month
        year, month = (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)
        return _deadline_in(year, month, self.day_of_month)

    def since(self, day: dt.date) -> dt.date:
        """The first day an entry may be written on to count as reported at ``day``."""
        if self.stale_days is not None:
            return day - dt.timedelta(days=self.stale_days - 1)
        deadline = self.deadline(day)
        assert deadline is not None and self.day_of_month is not None
        year, month = (
            (deadline.year, deadline.month - 1) if deadline.month > 1 else (deadline.year - 1, 12)
        )
        return _deadline_in(year, month, self.day_of_month) + dt.timedelta(days=1)

    def due(self, start: dt.date | None, end: dt.date | None, day: dt.date) -> bool:
        """Whether a plan that runs from ``start`` to ``end`` owes a report at ``day``: it had
        begun by the latest deadline (under --stale-days, by the first day of the last N) and
        not ended before the period for it. The plans of a new year handed out on 1 January
        owe none on 10 January for the deadline of 25 December, nor last year's in March."""
        since = self.since(day)
        first = since if self.stale_days is not None else self.deadline(day)
        began = start is None or first is None or start <= first
        return began and (end is None or end >= since)

    def reported(
        self,
        newest: dt.date | None,
        day: dt.date,
        start: dt.date | None = None,
        end: dt.date | None = None,
    ) -> bool:
        if not self.due(start, end, day):
            return True
        return newest is not None and newest >= self.since(day)

    def to_dict(self, day: dt.date) -> dict[str, object]:
        deadline = self.deadline(day)
        return {
            "day_of_month": self.day_of_month,
            "stale_days": self.stale_days,
            "deadline": deadline.isoformat() if deadline else None,
            "since": self.since(day).isoformat(),
        }


def _deadline_in(year: int, month: int, day_of_month: int) -> dt.date:
    return dt.date(year, month, min(day_of_month, calendar.monthrange(year, month)[1]))


_MONTH_END = ("月底", "月末", "end")
_DAY = re.compile(r"(\d{1,2})")


def parse_report_day(text: str) -> int | None:
    """The day of the month a rule names: "每月25日前", "25", "monthly 25" -> 25; "月底" (the
    month's last day) -> 31; None when it names no day from 1 to 31."""
    text = text.strip()
    if any(word in text.lower() for word in _MONTH_END):
        return 31
    match = _DAY.search(text)
    if match is None or not 1 <= int(match.group(1)) <= 31:
        return None
    return int(match.group(1))


def newest_change(plan: Plan, until: dt.date | None = None) -> dt.date | None:
    """The day the newest entry of the plan's trace (archive included) was written, up to
    ``until`` (of the entries that count by then, as the replay of that day keeps them);
    entries undone, and undo entries, left out. ``plan`` is the plan as read: its whole trace
    tells which entries were written after one stamped later (``trace.written_day``)."""
    tables = [item.data for item in plan.items()] + [table for _, table in archived_tables(plan)]
    entries = [entry for table in tables if table.get("log") for entry in log_of(table)]
    # Every entry a change is stamped after (``trace.newest_at``): the header's too.
    stamped = [*log_of(plan.meta), *entries]
    instants = stamped_instants(stamped)
    newest: dt.date | None = None
    for entry in entries:
        if "undone" in entry or entry.get("action") == "undo":
            continue
        if until is not None and not counts_by(entry, until):
            continue
        day = written_day(entry, instants)
        if day is None or (until is not None and day > until):
            continue
        if newest is None or day > newest:
            newest = day
    return newest
