"""Work that grows faster than the plan: found by timing every command on generated plans of
10,000 and 100,000 tasks, and held here by what makes it slow (how often a search of the whole
plan is made), never by a time."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from quanhu_plan.store import cache_stale

from .test_stale_entry import assert_recalled_alike, items_text


class _CountedList(list):  # type: ignore[type-arg]
    """A list that counts the searches made of it (``index``)."""

    searches = 0

    def index(self, *args: Any) -> int:  # type: ignore[override]
        _CountedList.searches += 1
        return super().index(*args)


def test_a_pull_that_changed_many_items_does_not_search_the_entry_once_an_item(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A file whose items were edited in place (a ``git pull`` that changed an eighth of the
    tasks, ``plan fmt``) is recalled from its stale entry with the changed tables put into
    their chunks (``cache_stale.edited_entry``). Where each changed table sits in the entry's
    order was found by searching that order once a table: 12,000 tables changed in 100,000
    made 600 million comparisons. The plan is the one a whole read gives."""
    opened_stale = cache_stale.opened_stale

    def counted(real: Path) -> Any:
        opened = opened_stale(real)
        if opened is not None:
            head = list(opened.head)
            head[2] = _CountedList(head[2])
            opened.head = tuple(head)
        return opened

    monkeypatch.setattr(cache_stale, "opened_stale", counted)
    _CountedList.searches = 0
    text = items_text(600)
    edited = re.sub(r"(?m)^progress = ([1-9])$", r"progress = \g<1>0", text)  # 54 tasks
    changed = sum(
        a != b for a, b in zip(text.split("[[item]]"), edited.split("[[item]]"), strict=True)
    )
    assert 40 < changed < 600 // 8
    assert assert_recalled_alike(text.encode(), edited.encode(), False, False) is not None
    assert _CountedList.searches <= 16  # (a few changed tables are searched for)


def test_a_few_changed_items_are_still_recalled_alike() -> None:
    """The few-items way (a search each) and the many-items way give the same plan."""
    text = items_text(300)
    for count in (1, 16, 17, 30):
        edited = re.sub(r"(?m)^progress = ([1-9])$", r"progress = \g<1>0", text, count=count)
        assert assert_recalled_alike(text.encode(), edited.encode(), False, False) is not None
