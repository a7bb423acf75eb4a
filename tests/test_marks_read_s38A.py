"""What a read asks of every item of a long plan just read (``sketches.sketched_marks``:
milestones, merge conflicts, the latest day recorded) is said of each piece of its items as it
is read, by the process that reads them ahead and by the program (``store.read_ahead``), and
taken by the read instead of a walk of the plan's items (``Session.sketched``): always what the
walk says, and only for the plan built of those very tables, with no problem."""

from __future__ import annotations

import datetime as dt
import random
from itertools import accumulate
from typing import Any

import pytest
import tomli

from quanhu_plan.canonical import dumps
from quanhu_plan.sketches import SKETCH_ASK, SKETCH_CONFLICT, SKETCH_MILESTONES, sketched_marks
from quanhu_plan.store import plan_text, quick_toml, read_ahead
from quanhu_plan.table_marks import tables_marks, tables_marks_together

from .test_status_rollups import generated

ZONE = dt.timezone(dt.timedelta(hours=8))
AT = dt.datetime(2023, 5, 1, 9, tzinfo=ZONE)
CONFLICT = {"field": "progress", "ours": 10, "theirs": 20, "ours_at": AT, "theirs_at": AT}


def _old_tables_marks(tables: list[Any]) -> tuple[int, dt.date | None]:
    """``sketched_marks`` of loaded tables as it was written before it was split in parts."""
    marks, latest = 0, None
    marks |= SKETCH_MILESTONES if any(t.get("milestone") for t in tables) else 0
    marks |= SKETCH_CONFLICT if any("conflict" in t for t in tables) else 0
    done = [t["done_on"] for t in tables if t.get("done_on")]
    if any("log" in t for t in tables) or {type(d) for d in done} - {dt.date}:
        marks |= SKETCH_ASK
    elif done:
        latest = max(done)
    return marks, latest


def _some_tables(seed: int, count: int) -> list[dict[str, Any]]:
    pick = random.Random(seed)
    tables: list[dict[str, Any]] = []
    for n in range(count):
        table: dict[str, Any] = {"id": f"1.{n + 1}", "title": "事"}
        kind = pick.randrange(12)
        if kind < 5:
            table["done_on"] = dt.date(2023, 1 + pick.randrange(12), 1 + pick.randrange(28))
        elif kind == 5:
            table["milestone"] = [{"due": dt.date(2023, 6, 30), "progress": 50}]
        elif kind == 6:
            table["milestone"] = []  # (none: not a mark)
        elif kind == 7:
            table["conflict"] = [CONFLICT]
        elif kind == 8 and pick.random() < 0.2:
            table["log"] = [{"at": AT, "action": "note"}]
        elif kind == 9 and pick.random() < 0.2:
            table["done_on"] = AT  # (a time, not a day: the table answers)
        tables.append(table)
    return tables


@pytest.mark.parametrize("seed", range(40))
def test_the_marks_of_parts_together_are_those_of_all_their_tables(seed):
    tables = _some_tables(seed, random.Random(seed).randrange(0, 60))
    pick = random.Random(-seed)
    cuts = sorted(pick.sample(range(len(tables) + 1), min(4, len(tables) + 1)))
    parts = [tables[a:b] for a, b in zip([0, *cuts], [*cuts, len(tables)], strict=True)]
    assert tables_marks(tables) == _old_tables_marks(tables)
    assert tables_marks_together([tables_marks(part) for part in parts]) == tables_marks(tables)
    assert tables_marks_together([]) == (0, None)


def test_a_log_in_one_part_leaves_no_day_said_of_the_others():
    dated = [{"id": "1", "title": "t", "done_on": dt.date(2023, 5, 5)}]
    logged = [{"id": "2", "title": "t", "log": [{"at": AT, "action": "note"}]}]
    assert tables_marks(dated) == (0, dt.date(2023, 5, 5))
    assert tables_marks_together([tables_marks(dated), tables_marks(logged)]) == (SKETCH_ASK, None)
    assert tables_marks(dated + logged) == (SKETCH_ASK, None)


class _Sending:
    """A copy that sends ``values`` (what ``read_ahead._sent`` sends), ``at_once`` at a time
    (0: only when waited for), and ends after ``ends_after`` of them."""

    pid = 0

    def __init__(self, values: list[Any], at_once: int = 0, ends_after: int | None = None):
        self.values = values[:ends_after]
        self.at_once, self.ended = at_once, False

    def received(self, wait: bool) -> tuple[list[Any], bool]:
        n = self.at_once or int(wait)
        given, self.values = self.values[:n], self.values[n:]
        self.ended = not self.values and (wait or not given)
        return given, self.ended

    def end(self, reap: bool = True) -> None:
        self.ended = True


def _reader() -> Any:
    return tomli


def _text(seed: int, tasks: int = 2000) -> str:
    """A long plan, with marks of every kind among the items of its pieces."""
    doc = generated(tasks, 3)
    pick = random.Random(seed)
    items = [t for t in doc["item"] if t["id"].count(".") == 2]
    for table in pick.sample(items, 3):
        table["done_on"], table["status"] = dt.date(2023, 11, pick.randrange(1, 28)), "done"
    if seed % 3 == 1:
        pick.choice(items)["milestone"] = [{"due": dt.date(2023, 6, 30), "progress": 50}]
    if seed % 4 == 2:
        pick.choice(items)["conflict"] = [CONFLICT]
    if seed % 5 == 3:
        pick.choice(items)["log"] = [{"at": AT, "by": "王五", "action": "note", "note": "进展"}]
    return dumps(doc)


def _with_ahead(monkeypatch: Any, text: str, copy: _Sending) -> None:
    ahead = read_ahead._Ahead(copy, b"")  # type: ignore[arg-type]
    ahead.text = text
    monkeypatch.setattr(read_ahead, "_AHEAD", ahead)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize(("at_once", "ends_after"), [(100, None), (1, None), (0, None), (0, 1)])
def test_the_marks_said_of_the_pieces_are_those_of_the_whole_document(
    monkeypatch, seed, at_once, ends_after
):
    """However the pieces were shared between the two processes (all sent, some read here),
    what is said of them together is what the walk of the document's tables says."""
    monkeypatch.setattr(read_ahead, "_PIECE", 1 << 14)
    text = _text(seed)
    sent: list[Any] = []
    read_ahead._sent(text.encode("utf-8"), sent.append)
    assert all(len(value) == 4 for value in sent)
    _with_ahead(monkeypatch, text, _Sending(sent, at_once, ends_after))
    cut = read_ahead.halfway(text)
    doc = quick_toml.loads(text, _reader, (cut, read_ahead._received))  # type: ignore[arg-type]
    assert doc is not None and doc == quick_toml.loads(text, _reader)
    assert (
        read_ahead.found_marks(doc) == tables_marks(doc["item"]) == _old_tables_marks(doc["item"])
    )
    assert read_ahead.found_marks(doc) is None  # (taken once)


def test_a_piece_said_nothing_of_says_nothing_of_them_all(monkeypatch):
    monkeypatch.setattr(read_ahead, "_PIECE", 1 << 14)
    text = _text(0)
    sent: list[Any] = []
    read_ahead._sent(text.encode("utf-8"), sent.append)
    sent[1] = (*sent[1][:3], None)
    _with_ahead(monkeypatch, text, _Sending(sent, 100))
    doc = quick_toml.loads(text, _reader, (read_ahead.halfway(text), read_ahead._received))
    assert doc is not None and doc == quick_toml.loads(text, _reader)
    assert read_ahead.found_marks(doc) is None


def test_marks_are_said_only_of_the_document_read_of_those_tables(monkeypatch):
    tables = _some_tables(1, 30)
    said = (tables[-1], len(tables), tables_marks(tables))
    monkeypatch.setattr(read_ahead, "_SAID", said)
    assert read_ahead.found_marks({"item": [*tables, {"id": "9", "title": "t"}]}) is None
    monkeypatch.setattr(read_ahead, "_SAID", said)
    assert read_ahead.found_marks({"item": tables[1:]}) is None  # (one table fewer)
    monkeypatch.setattr(read_ahead, "_SAID", said)
    assert read_ahead.found_marks({"item": tables}) == tables_marks(tables)


@pytest.mark.parametrize("seed", range(4))
def test_the_plan_built_of_the_tables_read_takes_their_marks(monkeypatch, seed):
    """The store's read of a text read ahead: the plan built keeps the marks said as it was
    read, which are what the walk of its items says; a plan of another read keeps none."""
    monkeypatch.setattr(read_ahead, "_PIECE", 1 << 14)
    text = _text(seed)
    sent: list[Any] = []
    read_ahead._sent(text.encode("utf-8"), sent.append)
    _with_ahead(monkeypatch, text, _Sending(sent, 1))
    monkeypatch.setattr(read_ahead, "_MARKS_READ", None)
    plan, problems = plan_text.inspect_text(text, "plan.toml")
    assert plan is not None and not problems
    assert read_ahead.marks_as_read(plan) == sketched_marks(plan.roots)
    again, _ = plan_text.inspect_text(text, "plan.toml")  # (read whole: nothing read ahead)
    assert again is not None and read_ahead.marks_as_read(again) is None


def test_a_plan_with_a_problem_keeps_no_marks(monkeypatch):
    monkeypatch.setattr(read_ahead, "_PIECE", 1 << 14)
    text = _text(0)
    at = text.index("progress = ", len(text) * 3 // 4)  # (in the part read ahead)
    text = text[:at] + 'progress = "三十"\n' + text[text.index("\n", at) + 1 :]
    sent: list[Any] = []
    read_ahead._sent(text.encode("utf-8"), sent.append)
    _with_ahead(monkeypatch, text, _Sending(sent, 100))
    monkeypatch.setattr(read_ahead, "_MARKS_READ", None)
    plan, problems = plan_text.inspect_text(text, "plan.toml")
    assert problems and read_ahead._MARKS_READ is None
    assert plan is None or read_ahead.marks_as_read(plan) is None


def test_the_pieces_share_their_marks_as_their_lengths_add_up():
    text = _text(5)
    cut = read_ahead.halfway(text)
    assert cut is not None
    starts = read_ahead.pieces(text, cut)
    ends = [*starts[1:], len(text)]
    parts = [read_ahead._piece_tables(text, a, b) for a, b in zip(starts, ends, strict=True)]
    assert all(part is not None for part in parts)
    lengths = list(accumulate(len(part) for part in parts if part is not None))
    every = [t for part in parts if part is not None for t in part]
    assert lengths[-1] == len(every)
    said = [read_ahead._marks_said(part) for part in parts]
    assert tables_marks_together([s for s in said if s is not None]) == tables_marks(every)
