"""The patch of an item with a long log takes two shortcuts (session 38): a block whose
sub-tables are all log entries is known so from its paths at once (``list.count``), and entries
a change left alone (the very objects read) are told apart without comparing each by value. Both
give what comparing every sub-table and entry gave: the same text, checks and pieces, for a
note appended, an entry edited in the middle, both, and a block with a sub-table of its own."""

from __future__ import annotations

import datetime as dt
import tomllib
from typing import Any

import pytest

from quanhu_plan import patch
from quanhu_plan.canonical import dumps
from quanhu_plan.model import ITEM_FIELDS
from quanhu_plan.patch import patch_changed
from quanhu_plan.patch_bytes import patch_changed_bytes
from quanhu_plan.store import plan_file

from .conftest import plan_doc
from .test_long_trace_changes import ZONE, long_items


class _Uncounted(list):  # type: ignore[type-arg]
    """Paths whose ``count`` finds nothing: the patch compares each sub-table's path."""

    def count(self, value: Any) -> int:
        return -1


def _every_one_compared(monkeypatch: pytest.MonkeyPatch) -> None:
    """The patch as it was before the shortcuts: every path and every entry compared."""
    monkeypatch.setattr(patch, "is_", lambda a, b: False)
    real = patch._Patcher._edit_tables

    def edit_tables(self: Any, located: Any, *args: Any) -> str:
        located.paths = _Uncounted(located.paths)
        return real(self, located, *args)

    monkeypatch.setattr(patch._Patcher, "_edit_tables", edit_tables)


def _texts() -> dict[str, str]:
    plain = dumps(plan_doc(long_items(600)))
    # A table of the item's own between its lines and its log (a sub-table not a log entry).
    first_log = plain.index("\n[[item.log]]")
    own = plain[:first_log] + '\n[item.extra]\nremark = "手写"\n' + plain[first_log:]
    return {"long log": plain, "a table of its own": own}


def _changes(text: str, how: str) -> tuple[tuple[int, int], list[Any]]:
    read = tomllib.loads(text)
    at = max(range(len(read["item"])), key=lambda n: len(read["item"][n].get("log", [])))
    old = read["item"][at]
    new = dict(old)
    log = list(old["log"])  # (the entries left alone are the very objects read)
    assert len(log) > 50
    if how in ("edited", "both"):
        log[len(log) // 2] = dict(log[len(log) // 2], note="改过的进展")
    if how in ("appended", "both"):
        log.append(
            {
                "at": dt.datetime(2023, 6, 30, 9, tzinfo=ZONE),
                "by": "李四",
                "action": "note",
                "on": dt.date(2023, 6, 30),
                "note": "进展",
            }
        )
    new["log"] = log
    return (len(read["item"]), 0), [(at, old, plan_file._in_order(new, ITEM_FIELDS))]


@pytest.mark.parametrize("name", ["long log", "a table of its own"])
@pytest.mark.parametrize("how", ["appended", "edited", "both", "none"])
def test_the_shortcuts_patch_as_every_one_compared(
    name: str, how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _texts()[name]
    counts, changes = _changes(text, how)
    quick = patch_changed(text, counts, changes)
    quick_bytes = patch_changed_bytes(text.encode("utf-8"), counts, changes, None)
    with monkeypatch.context() as slow:
        _every_one_compared(slow)
        compared = patch_changed(text, counts, changes)
        compared_bytes = patch_changed_bytes(text.encode("utf-8"), counts, changes, None)
    assert quick is not None and compared is not None
    assert quick.text == compared.text
    assert quick.checks == compared.checks
    assert quick.pieces == compared.pieces
    assert quick_bytes is not None and compared_bytes is not None
    assert quick_bytes.data == compared_bytes.data == quick.text.encode("utf-8")
    if how != "none":
        assert quick.text != text
    if how in ("appended", "both"):
        assert quick.text.count("\n[[item.log]]") == text.count("\n[[item.log]]") + 1
    if how in ("edited", "both"):
        assert "改过的进展" in quick.text
    if name == "a table of its own":
        assert '[item.extra]\nremark = "手写"\n' in quick.text
