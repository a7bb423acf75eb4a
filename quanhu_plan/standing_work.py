"""Standing work (长期坚持, 常态化, 持续推进): a task whose deadline, as worded, says it has none.
It is 常态推进 in every view that counts lateness (never behind nor overdue, lit no light), and
goes on into the next year (the report's 下一步打算, ``plan new``)."""

from __future__ import annotations

from typing import Any

from .model import deadline_words


def is_ongoing(data: dict[str, Any]) -> bool:
    """Whether an item is standing work: no ``due``, and its deadline as worded says it has
    none (长期坚持, 常态化, 持续推进) or comes round too often to have one (每周, 每天, which
    ``plan import`` reads as standing work). It is not late at the year's end, nor unfinished then: the
    office continues it the next year (the report's 下一步打算, ``plan new``)."""
    words = deadline_words(data)
    if not words:
        return False
    said = _ONGOING_WORDS.get(words)
    if said is None:
        said = _ONGOING_WORDS[words] = _says_ongoing(words)
    return said


# Whether deadline words say standing work, by the words: the most common known without the
# import's reader (a status of a first read loads it only for words it has not met).
_ONGOING_WORDS: dict[str, bool] = dict.fromkeys(("长期坚持", "常态化", "长期", "持续推进"), True)


def _says_ongoing(words: str) -> bool:
    from .inputs import says_no_deadline  # (the words import reads as no deadline)

    if says_no_deadline(words):
        return True
    from .importing.dates import deadline_and_reason  # 长期坚持（汛期重点）: the words before

    found = deadline_and_reason(words) if words.endswith(("）", ")")) else None
    if found is not None and says_no_deadline(found[0]):
        return True
    return _recurs_with_no_last_time(words)


def _recurs_with_no_last_time(words: str) -> bool:
    """每周, 每天, 定期: work done over and over, which the import (and add, edit) read as
    standing work, no last time to be late by (``importing.recurring_dues``); 每季度 has one."""
    if not any(mark in words for mark in "每按逐定") and not words.isascii():
        return False
    import datetime as dt

    from .importing.recurring_dues import recurring_due

    year = (dt.date(2000, 1, 1), dt.date(2000, 12, 31))  # (whether it has a last time: any year)
    return recurring_due(words, year) == (None,)


# What a sketch's key holds for the due of standing work (``sketches``): no deadline a plan
# can hold reads so, and the roll-up judges it 常态推进 by the key alone.
STANDING_DUE = "ongoing"


def standing(data: dict[str, Any]) -> bool:
    """``is_ongoing``, asked quickly: only a table with no ``due`` and a key that may hold
    deadline words (原文, "… (as written)") reads any words (the roll-up asks every task)."""
    return "due" not in data and any(k.endswith(("原文", ")")) for k in data) and is_ongoing(data)
