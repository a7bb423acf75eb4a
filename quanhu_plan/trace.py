"""Reading the trace: every ``[[item.log]]`` entry of the plan and of its archive of removed
items, when each one was written and on which day it counts. Pure: no I/O.

An entry counts on its ``on`` (the day the fact happened: ``plan done --on``) where it has one,
else on the day of its ``at`` (the day it was written, in the writer's own time zone). An entry
with neither (written by hand) counts from the plan's start. An entry marked ``undone`` never
counts: an undo says the change was a mistake. Neither it nor the undo entry that took it back
is a record of anything (``is_record``): no day of theirs is a day recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from .errors import UnknownItem
from .local_zone import local
from .model import Plan, implied_parent, json_value

# The top-level array of removed items (see changes.py).
ARCHIVE = "removed"


class TraceRow:
    """One log entry with the item it belongs to (``removed``: the item is in the archive;
    ``header``: an entry of ``[[plan.log]]``, a change to the plan's header, whose item id is
    '' and title the plan's)."""

    # A plain class, not a dataclass: making one runs its generated code through the compiler
    # on every start (about half a millisecond, paid by every command that reads a plan).
    __slots__ = ("item_id", "item_title", "removed", "entry", "header")

    def __init__(
        self,
        item_id: str,
        item_title: str,
        removed: bool,
        entry: dict[str, Any],
        header: bool = False,
    ):
        self.item_id, self.item_title, self.removed = item_id, item_title, removed
        self.entry, self.header = entry, header

    def __repr__(self) -> str:
        return f"TraceRow({self.item_id!r}, {self.item_title!r}, {self.entry!r})"

    def to_dict(self) -> dict[str, Any]:
        shown = {
            "item_id": self.item_id,
            "item_title": self.item_title,
            "removed": self.removed,
            **{key: json_value(value) for key, value in self.entry.items()},
        }
        if self.header:
            shown["header"] = True
        return shown


def entry_time(entry: dict[str, Any]) -> dt.datetime | None:
    """When an entry was written, as an aware date-time (a hand-written date counts as midnight,
    a time without offset as local time); None when it says neither ``at`` nor ``on``."""
    when = entry.get("at", entry.get("on"))
    if isinstance(when, dt.datetime):
        return when if when.tzinfo else local(when)
    if isinstance(when, dt.date):
        return local(dt.datetime.combine(when, dt.time()))
    return None


def recorded_day(entry: dict[str, Any]) -> dt.date | None:
    """The day an entry was written (its ``at``, in the writer's time zone), else its ``on``."""
    when = entry.get("at", entry.get("on"))
    if isinstance(when, dt.datetime):
        return when.date()
    return when if isinstance(when, dt.date) else None


_ONE_MICROSECOND = dt.timedelta(microseconds=1)


def _aware(at: dt.datetime) -> dt.datetime:
    return at if at.tzinfo else local(at)


def stamped_instants(entries: Iterable[dict[str, Any]]) -> set[dt.datetime]:
    """The ``at`` of each entry (aware): what ``written_day`` looks a stamp up among. A change
    is stamped after every entry of the plan (``changes._entry_at``), so they are the whole
    trace's, the header's and the archive's too."""
    return {_aware(entry["at"]) for entry in entries if isinstance(entry.get("at"), dt.datetime)}


def written_day(entry: dict[str, Any], instants: set[dt.datetime]) -> dt.date | None:
    """The day an entry was written: the day of its ``at`` (``recorded_day``), but where that
    ``at`` is one microsecond after another entry's (``instants``: ``stamped_instants``) and
    later than its ``on``, the change was stamped after an entry written later than its clock
    (a colleague's fast clock, a year typed wrong: ``changes._entry_at``), and its ``on`` is
    the day it was made (``changes.day_made``)."""
    at, on = entry.get("at"), entry.get("on")
    if (
        isinstance(at, dt.datetime)
        and isinstance(on, dt.date)
        and not isinstance(on, dt.datetime)
        and on < at.date()
        and _aware(at) - _ONE_MICROSECOND in instants
    ):
        return on
    return recorded_day(entry)


def effective_day(entry: dict[str, Any]) -> dt.date | None:
    """The day an entry counts on: its ``on`` where it has one, else the day of its ``at``;
    None for a hand-written entry with neither (it counts from the plan's start)."""
    on = entry.get("on")
    if isinstance(on, dt.date) and not isinstance(on, dt.datetime):
        return on
    return recorded_day(entry)


def is_record(entry: dict[str, Any]) -> bool:
    """Whether an entry records something done: not a change undone, nor the undo that took
    one back (an undo says the change was a mistake, so neither's day is a day recorded, the
    latest day, or a report's date). ``recorded_days`` and ``sketches`` ask it in their own way."""
    return "undone" not in entry and entry.get("action") != "undo"


def in_trace_by(entry: dict[str, Any], day: dt.date) -> bool:
    """Whether an entry is in the trace of the plan as at the end of ``day`` (an ``--as-of``
    view's log): it counts on that day or earlier, undone or not, or on none (written by hand
    with neither ``on`` nor ``at``). Not ``counts_by``: an undone change stays in the trace."""
    happened = effective_day(entry)
    return happened is None or happened <= day


def counts_by(entry: dict[str, Any], day: dt.date) -> bool:
    """Whether an entry is part of the plan as it stood at the end of ``day``."""
    if "undone" in entry:
        return False
    happened = effective_day(entry)
    return happened is None or happened <= day


def changed_fields(item_id: str, entry: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """``field -> (before, after)`` for every field an entry changed. A move names the parent
    on both sides; where an older version left one unsaid, it was the parent the id implies."""
    before, after = (entry.get(key) for key in ("before", "after"))
    before = before if isinstance(before, dict) else {}
    after = after if isinstance(after, dict) else {}
    fields = {
        name: (before.get(name), after.get(name)) for name in dict.fromkeys([*before, *after])
    }
    if entry.get("action") == "move":
        implied = implied_parent(item_id)
        fields["parent"] = (before.get("parent", implied), after.get("parent", implied))
    return fields


def statuses_read(table: dict[str, Any]) -> dict[int, tuple[str, str]]:
    """The status a task read as just before and just after each entry of its log (by the
    entry's ``id``): where a change's ``before`` or ``after`` has no status, the task had none
    written, and read 进行中 or 未开始 by its progress and figure then (``model.task_status``),
    as every view read it — not 未开始 whatever they said. Found by taking the entries back
    from the table as it is, newest first (a value typed by hand since is taken as it is)."""
    from .model import task_status

    state = {name: value for name, value in table.items() if name != "log"}
    read: dict[int, tuple[str, str]] = {}
    for entry in reversed(log_of(table)):
        before, after = (entry.get(side) for side in ("before", "after"))
        before = before if isinstance(before, dict) else {}
        after = after if isinstance(after, dict) else {}
        now = task_status(state)
        for name in after:
            if name not in before:
                state.pop(name, None)  # the change made the field: it was not there before
        state.update(before)
        read[id(entry)] = (task_status(state), now)
    return read


# The fields that say how the work went (as opposed to what the plan asks).
STATE_FIELDS = ("status", "progress", "actual", "done_on", "evidence", "reason")


def untraced_fields(table: dict[str, Any]) -> list[str]:
    """The state fields an item has that no log entry ever set: typed into the file by hand,
    they count from the plan's start in every as-of view. A change undone, or its undo, sets
    nothing (``is_record``): the replay passes them by, so the value typed stands all year."""
    touched: set[str] = set()
    for entry in log_of(table):
        if not is_record(entry):
            continue
        for side in ("before", "after"):
            value = entry.get(side)
            if isinstance(value, dict):
                touched.update(value)
    return [name for name in STATE_FIELDS if name in table and name not in touched]


_EARLIEST = dt.datetime.min.replace(tzinfo=dt.UTC)


def sort_time(entry: dict[str, Any]) -> dt.datetime:
    return entry_time(entry) or _EARLIEST


def newest_at(plan: Plan) -> dt.datetime | None:
    """The newest ``at`` in the plan's trace, archive included: read once, then kept on the
    plan (and with it in the parse cache); ``wrote_at`` keeps it up to date."""
    if not plan.newest_at_known:
        # The entries of ``trace``, looked at where they are (no row made for each: a read
        # that fills the cache looks it up in a year's trace); of equal times, the first.
        logs = [log_of(plan.meta)]
        for item in plan.items():
            log = item.data.get("log")
            if log:
                logs.append(log)
        logs += [log_of(table) for _, table in archived_tables(plan)]
        plan.newest_at = newest_of(entry.get("at") for log in logs for entry in log)
        plan.newest_at_known = True
    return plan.newest_at


def newest_of(times: Iterable[Any]) -> dt.datetime | None:
    """The newest of these entries' ``at`` that are date-times (one without an offset read in
    the local time zone, as ``entry_time`` reads it); None when none is."""
    newest: dt.datetime | None = None
    datetime = dt.datetime
    for at in times:
        if isinstance(at, datetime):
            if at.tzinfo is None:
                at = local(at)
            if newest is None or at > newest:
                newest = at
    return newest


def wrote_at(plan: Plan, at: dt.datetime) -> None:
    """A change wrote an entry at ``at`` (after every other: see ``changes``)."""
    plan.newest_at, plan.newest_at_known = at, True


# ---------------------------------------------------------------- where entries are


def archive(plan: Plan) -> list[dict[str, Any]]:
    records = plan.extra.get(ARCHIVE, [])
    return records if isinstance(records, list) else []


def archived_tables(plan: Plan) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(record, item table) for every item in the archive."""
    for record in archive(plan):
        if isinstance(record, dict) and isinstance(record.get("item"), list):
            for table in record["item"]:
                if isinstance(table, dict):
                    yield record, table


def log_of(table: dict[str, Any]) -> list[dict[str, Any]]:
    log = table.get("log", [])
    return [e for e in log if isinstance(e, dict)] if isinstance(log, list) else []


def trace(plan: Plan, ids: set[str] | None = None) -> list[TraceRow]:
    """Every log entry of the plan, archive included, in file order; the header's first. With
    ``ids``, only the entries of the items with those ids (the other entries are not looked
    at: ``plan show`` of one task in a plan with a long trace)."""
    title = plan.meta.get("title")
    rows = (
        [TraceRow("", str(title), False, entry, True) for entry in log_of(plan.meta)]
        if ids is None or "" in ids
        else []
    )
    for item in plan.items():
        if ids is not None and item.sketch is not None and item.sketch[0] not in ids:
            continue  # not asked for, and its table not loaded (model.Item): left so
        data = item.data
        log = data.get("log")
        if log and (ids is None or data["id"] in ids):  # id and title looked up once an item
            key, title = data["id"], data["title"]
            rows += [TraceRow(key, title, False, entry) for entry in log]
    archived = ((str(table.get("id", "")), table) for _, table in archived_tables(plan))
    rows += [
        TraceRow(key, str(table.get("title", "")), True, entry)
        for key, table in archived
        if ids is None or key in ids
        for entry in log_of(table)
    ]
    return rows


def history_rows(
    plan: Plan,
    name: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    *,
    recorded: bool = False,
) -> list[TraceRow]:
    """The history of the whole plan, or of one item and everything under it (items removed
    from under it included), in file order (``newest_first`` orders it). A removed item is
    found by its exact id.

    ``since``/``until`` keep the entries whose fact happened on those days or between them
    (``effective_day``), or, with ``recorded``, that were written then (``written_day``: a
    change stamped after a later entry, by the day it was made)."""
    rows = trace(plan) if name is None else trace(plan, _history_ids(plan, name))
    if since is not None or until is not None:
        day_of = effective_day
        if recorded:  # (an item's: looked up among the whole trace's stamps)
            whole = rows if name is None else trace(plan)
            instants = stamped_instants(row.entry for row in whole)

            def day_of(entry: dict[str, Any]) -> dt.date | None:
                return written_day(entry, instants)

        rows = [
            row
            for row in rows
            if (day := day_of(row.entry)) is not None
            and (since is None or day >= since)
            and (until is None or day <= until)
        ]
    return rows


def newest_first(rows: list[TraceRow], limit: int | None = None) -> list[TraceRow]:
    """Rows in file order, newest first; of entries written at the same time, the later in the
    file first. With ``limit``, the newest ``limit`` of them, found without ordering the rest
    (``nlargest`` keeps the order ``sorted`` gives)."""
    rows = rows[::-1]  # then a stable order by time alone: the later in the file first
    if limit is not None and limit < len(rows):
        from heapq import nlargest

        return nlargest(limit, rows, key=_row_time)
    rows.sort(key=_row_time, reverse=True)
    return rows


def newest_rows(plan: Plan, limit: int) -> tuple[list[TraceRow], int]:
    """``newest_first(trace(plan), limit)`` and how many entries the trace holds, loading only
    the tables that can hold one of the newest ``limit`` entries (``plan log``). Of an item
    not loaded, its sketch (``sketches.trace_sketch``) tells how many entries it has, when the
    newest was written and holds its newest ``TRACE_TAIL``: its other entries are no newer
    than the oldest of those. An item, or the rest of one, whose entries are all older than
    ``limit`` entries already found holds none of the newest and is not loaded; an item whose
    entries' times its sketch cannot say is. The header's log and the archive are read as they
    are (they come with the plan's header)."""
    from heapq import heappush, heappushpop

    title = plan.meta.get("title")
    header = [TraceRow("", str(title), False, entry, True) for entry in log_of(plan.meta)]
    archived = [
        TraceRow(str(table.get("id", "")), str(table.get("title", "")), True, entry)
        for _, table in archived_tables(plan)
        for entry in log_of(table)
    ]
    total = len(header) + len(archived)
    items = list(plan.items())
    groups: list[list[TraceRow] | None] = [None] * len(items)  # each item's rows looked at
    tails: dict[int, list[int]] = {}  # item -> where in its log each of its rows is
    # (how new its entries not looked at may be, item): those whose sketch cannot say first.
    unknown: list[tuple[None, int]] = []
    waiting: list[tuple[dt.datetime, int]] = []
    for at, item in enumerate(items):
        sketch = item.sketch
        if sketch is None:  # its table is loaded
            rows = groups[at] = _item_rows(item.data)
            total += len(rows)
        elif len(sketch) > 5:  # (an item without entries has no sixth place)
            count, newest, tail = sketch[5]
            if newest is None:  # its table answers, for the count too
                unknown.append((None, at))
                continue
            total += count
            if tail is None:
                waiting.append((newest, at))
                continue
            name, where, entries = tail.read()
            groups[at] = [TraceRow(sketch[0], name, False, entry) for entry in entries]
            tails[at] = where
            waiting.append((min(entry["at"] for entry in entries), at))
    # The newest ``limit`` times found so far, the oldest of them first (a heap).
    times: list[dt.datetime] = []

    def found(rows: Iterable[TraceRow]) -> None:
        for row in rows:
            if len(times) < limit:
                heappush(times, _row_time(row))
            else:
                heappushpop(times, _row_time(row))

    if waiting or unknown:
        found(header)
        found(archived)
        for group in groups:
            if group:
                found(group)
    waiting.sort(reverse=True)
    for newest, at in [*unknown, *waiting]:
        if newest is not None and len(times) == limit and newest < times[0]:
            break  # it and every one after it: older than the newest ``limit`` entries
        rows = _item_rows(items[at].data)
        if newest is None:
            total += len(rows)
        where = tails.pop(at, None)
        if where is None:
            found(rows)
        else:  # the rest of its log: its newest entries are in ``times`` already
            looked = set(where)
            found(row for n, row in enumerate(rows) if n not in looked)
        groups[at] = rows
    chosen = header + [row for rows in groups if rows for row in rows] + archived
    shown = newest_first(chosen, limit)
    if tails:
        _as_in_tables(shown, [(items[at], where, groups[at] or []) for at, where in tails.items()])
    return shown, total


def _item_rows(data: dict[str, Any]) -> list[TraceRow]:
    """An item's rows, as ``trace`` makes them."""
    log = data.get("log")
    if not log:
        return []
    key, title = data["id"], data["title"]
    return [TraceRow(key, title, False, entry) for entry in log]


def _as_in_tables(
    shown: list[TraceRow], tails: list[tuple[Any, list[int], list[TraceRow]]]
) -> None:
    """The rows of ``shown`` taken from a sketch's copy of an entry that the view reads with
    the item's table get the entry of the table, which the view looks its answers up by: a
    figure's unit, found by walking back through the table's log (``terminal.trace_view.
    entry_units``), and a status a change left unsaid, read as the task's work said then
    (``statuses_read``)."""
    wanted = {id(row) for row in shown if _read_with_its_table(row.entry)}
    if not wanted:
        return
    for item, where, rows in tails:
        for row, at in zip(rows, where, strict=True):
            if id(row) in wanted:
                row.entry = item.data["log"][at]


def _read_with_its_table(entry: dict[str, Any]) -> bool:
    """Whether the trace's view reads an entry with its item's table (``_as_in_tables``): it
    changes a figure, or a status on one side of it only."""
    from .model import METRIC_FIELDS

    before, after = entry.get("before"), entry.get("after")
    before = before if isinstance(before, dict) else {}
    after = after if isinstance(after, dict) else {}
    if any(name in before or name in after for name in METRIC_FIELDS):
        return True
    return ("status" in before) != ("status" in after)


def _row_time(row: TraceRow) -> dt.datetime:
    at = row.entry.get("at")
    if type(at) is dt.datetime and at.tzinfo is not None:  # most entries: no more to work out
        return at
    return sort_time(row.entry)


def _history_ids(plan: Plan, name: str) -> set[str]:
    try:
        item = plan.find(name)
    except UnknownItem:
        from .inputs import typed_id

        keys = {name.strip(), typed_id(name)}  # ５．５ or 二。3 as typed with a Chinese IME
        archived = [(r, t) for r, t in archived_tables(plan) if t.get("id") in keys]
        if not archived:
            raise
        record, table = archived[-1]
        tables = record["item"]
        start = tables.index(table)
        return {str(t.get("id")) for t in subtree_tables(tables, start)}
    ids = {i.id for i in item.walk()}
    # Items removed from under it: their record names the parent they had.
    grew = True
    while grew:
        grew = False
        for record in archive(plan):
            if isinstance(record, dict) and record.get("parent") in ids:
                new = {str(t.get("id")) for t in record.get("item", []) if isinstance(t, dict)}
                if not new <= ids:
                    ids |= new
                    grew = True
    return ids


def subtree_tables(tables: list[dict[str, Any]], start: int) -> list[dict[str, Any]]:
    """The table at ``start`` and those after it that hang below it (tree order)."""
    ids = {tables[start].get("id")}
    out = [tables[start]]
    for table in tables[start + 1 :]:
        parent = table.get("parent", implied_parent(str(table.get("id", ""))))
        if parent in ids:
            ids.add(table.get("id"))
            out.append(table)
    return out


# ---------------------------------------------------------------- progress notes

# Actions whose log note tells how the work went (not edits of the plan itself); the same set
# in the report and the exports alike.
NOTE_ACTIONS = frozenset(("note", "done", "progress", "record", "start", "block", "drop", "reopen"))


def latest_note(
    table: dict[str, Any], since: dt.date | None = None, *, indented: bool = False
) -> tuple[dt.date | None, str] | None:
    """An item's latest progress note (进展情况) and the day it is about: the note of the
    latest day (a note written later about an earlier day is not the latest), of entries not
    undone. In an item of ``replay.plan_as_of`` the log holds the entries up to that day, so
    this is the latest note up to it. ``since``: only a note about that day or later (a done
    task's progress is what was said at or after its completion). None when there is none.
    ``indented``: the 　　 its first paragraph starts with kept (an export's cell, which the
    import reads back as written)."""
    found = _latest_note_entry(log_of(table), since)
    if found is None:
        return None
    note = found["note"]
    text = note.strip() if not indented else note.rstrip().lstrip("\r\n \t")
    return effective_day(found), text


def _latest_note_entry(
    entries: list[dict[str, Any]], since: dt.date | None
) -> dict[str, Any] | None:
    """The entry ``latest_note`` reads its note from, of ``entries`` (tables)."""
    # One pass over a trace that may hold thousands of entries: the latest day wins, and of
    # one day the entry written last.
    best: tuple[dt.date, dict[str, Any]] | None = None
    for entry in entries:
        note = entry.get("note")
        if "undone" in entry or not isinstance(note, str) or not note.strip():
            continue
        if entry.get("action", "note") not in NOTE_ACTIONS:  # a hand-written note may say none
            continue
        day = effective_day(entry)
        if since is None or (day is not None and day >= since):
            if best is None or (day or dt.date.min) >= best[0]:
                best = (day or dt.date.min, entry)
    return None if best is None else best[1]


def last_block(table: dict[str, Any]) -> tuple[dt.date | None, str] | None:
    """The day and reason of the latest time an item was blocked (受阻) with a reason, of
    entries not undone: ``plan start`` or ``plan done`` after a block clears the item's
    reason, and the report still says why the task was held up. None when it never was."""
    found = _last_block_entry(log_of(table))
    return None if found is None else (effective_day(found), found["after"]["reason"].strip())


def _last_block_entry(entries: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The entry ``last_block`` reads, of ``entries`` (tables): the latest day wins, and of
    one day the entry written last."""
    best: tuple[dt.date, dict[str, Any]] | None = None
    for entry in entries:
        after = entry.get("after")
        if "undone" in entry or not isinstance(after, dict) or after.get("status") != "blocked":
            continue
        reason = after.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            continue
        day = effective_day(entry) or dt.date.min
        if best is None or day >= best[0]:
            best = (day, entry)
    return None if best is None else best[1]


# A log of this many entries or fewer is kept whole where a report is made of a few of them.
_FEW_ENTRIES = 8


def entries_a_report_reads(table: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The entries of an item's log that the year-end report of the plan as it is now reads,
    in their order: its latest progress note (``latest_note``: the latest since its tick-off
    too, where that is any); the latest block with its reason (``last_block``); the entry that added it (``model.pace_start``); an entry
    counting on the latest day (``recorded_days.latest_after``). Each of these picks, of these
    entries, the entry it picks of the whole log, so a report made of them is the report made
    of the year's trace: the parse cache keeps them beside the tables for it
    (``store/cache_chunks``). None where the log is to be read whole (short, or not a list of
    tables, or of a task with milestones: the report judges each past one by the task
    replayed to its day from the whole log, ``records.Milestones``)."""
    log = table.get("log")
    if type(log) is not list or len(log) <= _FEW_ENTRIES or set(map(type, log)) != {dict}:
        return None
    if table.get("milestone"):
        return None
    kept: set[int] = set()
    noted = _latest_note_entry(log, None)  # (the latest since a day, if any, is this one)
    if noted is not None:
        kept.add(id(noted))
    blocked = _last_block_entry(log)  # (why a task now under way was held up)
    if blocked is not None:
        kept.add(id(blocked))
    latest: tuple[dt.date, dict[str, Any]] | None = None
    added = False
    for entry in log:
        if not is_record(entry):  # (as ``latest_after`` passes them by)
            continue
        if not added and entry.get("action") == "add":
            kept.add(id(entry))
            added = True
        day = effective_day(entry)
        if day is not None and (latest is None or day > latest[0]):
            latest = (day, entry)
    if latest is not None:
        kept.add(id(latest[1]))
    return [entry for entry in log if id(entry) in kept]
