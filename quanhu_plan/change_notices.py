"""What a status change says beside what it did: a task done while 受阻, a task 受阻 at 100%, a
progress typed where a figure measures the task, a progress typed as a fraction (0.5 for 50%). Notices only (the change is made as asked);
the words are texts_changes.py's."""

from __future__ import annotations

import datetime as dt

from .model import Item, is_number
from .outcome import Notice
from .texts import format_number


def blocked_warning(tasks: list[Item]) -> list[Notice]:
    tasks = [t for t in tasks if t.status == "blocked"]
    if not tasks:
        return []
    return [
        Notice(
            "warn_done_blocked",
            {
                "zh": "、".join(f"{t.id}（{t.get('reason') or '受阻'}）" for t in tasks),
                "en": ", ".join(f"{t.id} ({t.get('reason') or 'blocked'})" for t in tasks),
            },
        )
    ]


def blocked_at_full(item: Item, day: dt.date) -> list[Notice]:
    """A task 受阻 whose progress is 100% or whose figure has reached its target, once a change
    leaves it so (block, progress, record): the status is the office's to set (acceptance or
    funds may still be missing), but said, as plan check and plan show say it."""
    if item.status != "blocked":
        return []
    from .plan_warnings import work_done_words

    reached = work_done_words(item.data, day)
    if reached is None:
        return []
    params = {"id": item.id, "title": item.title, "zh": reached[0], "en": reached[1]}
    return [Notice("warn_block_at_full", params)]


def figure_measures(item: Item, percent: float) -> list[Notice]:
    """A progress typed where a figure measures the task (its completion): said to count not."""
    target, actual, unit = item.get("target"), item.get("actual"), item.get("measure", "")
    if not (is_number(target) and is_number(actual)):
        return []
    said = {"target": format_number(target) + unit, "actual": format_number(actual) + unit}
    said.update(id=item.id, percent=format_number(percent))
    return [Notice("warn_figure_measures", said)]


def fraction_progress(item_id: str, percent: float) -> list[Notice]:
    """A progress typed between 0 and 1 (0.5, as a spreadsheet cell shown as 50% holds it): kept
    as typed, 0.5%, and said, as plan check says it of a file's, with the figure it may have
    meant."""
    if not 0 < percent < 1:
        return []
    said = {"id": item_id, "shown": format_number(percent), "percent": format_number(percent * 100)}
    return [Notice("warn_fraction_progress", said)]
