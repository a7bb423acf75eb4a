"""Who answers for an item: the names each role (``ROLES``) states on it or, where it states
none, on the nearest goal or part above it (``responsible_names``, ``stated_above``),
everyone who answers (``everyone_responsible``), whether a name typed answers
(``is_responsible``: units kept beside the lead too, as ``plan import`` keeps them), and a
count a title states (``stated_count``: 10个村). Pure: no I/O."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from .names import answers_as, split_names

if TYPE_CHECKING:
    from .model import Item


ROLES = ("lead_unit", "lead", "owner", "support_units")


def responsible_names(item: Item, role: str) -> list[str]:
    """The names in ``role`` that answer for an item: the nearest ones stated on the item or on
    a goal or part above it (a 任务分解表 states the unit on the goal's row). Names written
    together are several ("李四、王五": 李四 and 王五). Every grouping, filter and table uses
    this one rule, so a task is in the same groups wherever it appears."""
    node: Item | None = item
    while node is not None:
        value = node.data.get(role)
        written = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        names = [name for text in written if isinstance(text, str) for name in split_names(text)]
        if names:
            return list(dict.fromkeys(names))
        node = node.parent
    return []


def stated_above(item: Item, role: str) -> Item | None:
    """The goal or part above an item whose ``role`` (牵头单位…) the item answers to, where the
    item states none of its own (``responsible_names``' rule); else None."""
    if responsible_names(item, role):
        node = item.parent
        while node is not None:
            if responsible_names(node, role) and node.data.get(role):
                return node
            node = node.parent
    return None


_COUNT: re.Pattern[str] | None = None


def stated_count(title: str) -> re.Match[str] | None:
    """（8项）, (共12项) at the end of a category's title (县示范区管委会牵头工作（8项）), or
    with the money they share after it (基础设施建设项目（3项，938万元）, as a 衔接资金 分配计划表
    heads its kinds): the number of tasks it says are under it, in group 1. (Compiled when
    first used.)"""
    global _COUNT
    if _COUNT is None:
        _COUNT = re.compile(
            r"[（(]\s*(?:共|计)?\s*(?:分解)?(?:任务)?\s*(\d{1,4})\s*项\s*(?:任务)?"
            r"(?:\s*[，,、；;]\s*(?:共|计|资金|投资|总投资)?\s*[\d.]+\s*[万亿]?元)?\s*[）)]\s*$"
        )
    return _COUNT.search(title)


def everyone_responsible(item: Item) -> list[str]:
    """Every name that answers for an item, in any role (lead, lead unit, owner, supporting
    units), each once."""
    names = [
        name
        for role in ("lead", "lead_unit", "owner", "support_units")
        for name in responsible_names(item, role)
    ]
    return list(dict.fromkeys(names))


def is_responsible(item: Item, text: str) -> bool:
    """Whether ``text`` is part of a name that answers for the item (``list --who``,
    ``report --owner``), the two compared as ``name_key`` writes them (``answers_as``); a text
    of several names (王五、赵六, 张三;李四: ``typed_names``), whether any of them is."""
    typed = typed_names(text)
    if any(answers_as(one, name) for name in everyone_responsible(item) for one in typed):
        return True
    return any(answers_as(one, name) for name in _kept_beside(item) for one in typed)


def typed_names(text: str) -> list[str]:
    """The names a filter typed gives, read as the file's are (``split_names``): 王五、赵六
    copied from a task's 责任人 is 王五 and 赵六, as the task and ``status --by owner`` count
    them, not one name that no task has. One name, or none to split, is the text itself."""
    return split_names(text) or [text]


def _kept_beside(item: Item) -> list[str]:
    """The names of a unit or person column kept beside the one read (责任单位 beside 牵头单位,
    as ``plan import`` keeps a second: 县林业局、各乡镇), on the item or on a goal above it."""
    names: list[str] = []
    node: Item | None = item
    while node is not None:
        for key, value in node.data.items():
            if isinstance(value, str) and not key.isascii() and _names_a_role(key):
                names += split_names(value)
        node = node.parent
    return names


@functools.cache
def _names_a_role(name: str) -> bool:
    """Whether a field's name is a header ``plan import`` reads as one of ``ROLES``."""
    from .importing.headers import recognise  # (names alone: no openpyxl)

    return recognise(name)[0] in ROLES
