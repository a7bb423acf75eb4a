"""What the top level of a plan file may hold besides [plan] and [[item]]: the ``[[removed]]``
archive of removed items (each record's fields, its item tables checked as items are) and
tables of one's own, kept as they are. Pure: no I/O; ``building.build_plan`` gathers these
problems with validate's."""

from __future__ import annotations

from typing import Any

from .errors import Problem
from .validate import (
    _MOMENT_WORDS,
    ARCHIVE,
    Texts,
    _allowed,
    _in_limit,
    check_item,
    is_moment,
    odd_value,
)


def check_archive(records: Any) -> list[Problem]:
    """The ``[[removed]]`` archive: records of removed items, each with its item tables."""
    wanted = (
        "应写成 [[removed]] 表（删除的事项存档，由 plan rm 写入）；如不需要，可连同其下的 "
        "[[removed.item]] 一起删去。",
        "must be [[removed]] tables (the archive of removed items, written by plan rm); "
        "delete it with its [[removed.item]] tables if it is not wanted.",
    )
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        return [Problem(None, ARCHIVE, records, _allowed(wanted), None, None, (("", 0),))]
    problems: list[Problem] = []
    for number, record in enumerate(records):
        place = ((ARCHIVE, number),)

        def bad(
            field: str,
            texts: Texts,
            place: tuple[tuple[str, int], ...] = place,
            record: dict[str, Any] = record,
        ) -> None:
            found = record.get(field)
            problems.append(Problem(None, field, found, _allowed(texts), None, None, place))

        for key, value in record.items():
            if key == "at":
                if not is_moment(value):
                    bad(key, _MOMENT_WORDS)
            elif key in ("by", "action", "parent"):
                if not isinstance(value, str):
                    bad(key, ("应为文字（加引号）。", "must be text (in quotes)."))
            elif key == "position":
                if not (_in_limit(value) and isinstance(value, int) and value >= 0):
                    bad(
                        key,
                        (
                            "应为不小于 0 的整数（在原上级下的位置，0 为第一个）。",
                            "must be a whole number, 0 or more (the old place, 0 = first).",
                        ),
                    )
            elif key != "item":
                texts = odd_value(value)
                if texts:
                    bad(key, texts)
        tables = record.get("item")
        if (
            not isinstance(tables, list)
            or not tables
            or not all(isinstance(t, dict) for t in tables)
        ):
            bad(
                "item",
                (
                    "每条删除存档需要至少一个 [[removed.item]] 表（被删除的事项）。",
                    "each archive record needs one or more [[removed.item]] tables "
                    "(the items removed).",
                ),
            )
            continue
        for k, table in enumerate(tables):
            problems.extend(check_item(table, None, (*place, ("item", k))))
    return problems


def check_top_level(doc: dict[str, Any]) -> list[Problem]:
    """Top-level keys other than [plan], [[item]] and [[removed]]: kept as they are."""
    problems = []
    for key, value in doc.items():
        if key in ("plan", "item"):
            continue
        if key == ARCHIVE:
            problems += check_archive(value)
            continue
        texts = odd_value(value)
        if texts:
            problems.append(Problem(None, key, value, _allowed(texts), None, None, (("", 0),)))
    return problems
