"""What a change did, told in one line: ``Outcome`` (the items, the fields with their old and
new values, the new completion of the parts they belong to), the ``Notice``s that go with it,
and how a field's value reads there. Pure: no I/O. The changes themselves are ``changes``'s.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .model import METRIC_FIELDS
from .rollup import Rollup
from .slotted import Frozen, Plain
from .texts import (
    SHOWN_VALUE_LIMIT,
    counted,
    format_clock_time,
    format_value,
    label,
    percent_of,
    title_in_line,
)
from .texts_changes import action_label


class Notice(Frozen):
    """Something the user should know about a change that was nonetheless made."""

    __slots__ = ("key", "params")
    key: str  # a label in texts.py with {placeholders}
    params: dict[str, str]

    def __init__(self, key: str, params: dict[str, str]):
        self._set(key=key, params=params)

    def message(self, lang: str) -> str:
        params = self.params
        if "id" in params and "{typed}" in label(lang, self.key):  # the id in a command advised
            from .shell_words import quote

            params = {**params, "typed": quote(params["id"])}
        return label(lang, self.key).format(**params)


class PartFigures(Frozen):
    __slots__ = ("id", "title", "figures")
    id: str  # '' for the whole plan
    title: str
    figures: Rollup

    def __init__(self, id: str, title: str, figures: Rollup):  # noqa: A002 - the item's id
        self._set(id=id, title=title, figures=figures)


class Outcome(Plain):
    """What a change did, for the one line the command prints. (Plain classes, not
    dataclasses: every change command loads this module, and a dataclass takes about half a
    millisecond to make.)"""

    __slots__ = (
        "action",
        "items",
        "fields",
        "on",
        "parent",
        "under",
        "undone",
        "measure",
        "parts",
        "warnings",
        "evidence_added",
        "header",
    )

    def __init__(
        self,
        action: str,
        items: list[tuple[str, str]],  # (id, title) of the items changed
        fields: dict[str, tuple[Any, Any]] | None = None,  # field -> (old, new)
        on: dt.date | None = None,
        parent: tuple[str, str] | None = None,  # add: where; ('', '') = top level
        under: int = 0,  # remove: how many items went with it
        undone: dict[str, Any] | None = None,  # undo: the entry reverted
        measure: str = "",
        parts: list[PartFigures] | None = None,
        warnings: list[Notice] | None = None,
        evidence_added: list[tuple[str, str]] | None = None,  # done: to done tasks
        header: bool = False,  # undo: of a change to the plan's header (the item ('', ''))
    ):
        self.action, self.items = action, items
        self.fields = {} if fields is None else fields
        self.on, self.parent, self.under, self.undone = on, parent, under, undone
        self.measure = measure
        self.parts = [] if parts is None else parts
        self.warnings = [] if warnings is None else warnings
        self.evidence_added = [] if evidence_added is None else evidence_added
        self.header = header

    def message(self, lang: str) -> str:
        """One line: what changed, then the new completion of the part(s) it belongs to."""
        zh = lang == "zh"
        items = ("、" if zh else ", ").join(self._item(i, t, lang) for i, t in self.items)
        params: dict[str, str] = {"items": items}
        if self.on:
            params["on"] = self.on.isoformat()
        if self.parent is not None:
            params["parent"] = _place(self.parent, lang)
        if self.undone is not None:
            at = self.undone.get("at")
            params["action"] = action_label(lang, str(self.undone.get("action", "")))
            params["by"] = str(self.undone.get("by", ""))
            params["at"] = format_clock_time(at) if isinstance(at, dt.datetime) else ""
        template = label(lang, "did_" + self.action)
        if self.on and "{on}" not in template:  # the day beside what it is the day of, not
            # beside the parent after it (已添加 1.3 安装路灯（2023-05-10），上级 1 基础设施)
            template = template.replace("{items}", "{items}（{on}）" if zh else "{items} ({on})", 1)
        text = template.format(**params)
        if self.under:
            text += label(lang, "did_remove_under").format(
                count=self.under, items=counted(self.under, "item")
            )
        if self.evidence_added:
            more = ("、" if zh else ", ").join(
                f"{i} {title_in_line(t)}" for i, t in self.evidence_added
            )
            text += ("；" if zh else "; ") + label(lang, "did_evidence").format(items=more)
        shown = [f for f in self.fields if f in _SHOWN_FIELDS.get(self.action, self.fields)]
        if shown:
            changes = [
                f"{self._field(f, lang)} {self._value(f, old, lang, True)} → "
                f"{self._value(f, new, lang)}"
                for f in shown
                for old, new in [self.fields[f]]
            ]
            text += ("：" if zh else ": ") + ("；" if zh else "; ").join(changes)
        tails = [_part_text(part, lang) for part in self.parts]
        if tails:
            text = _ended(text, zh) + ("" if zh else " ") + ("；" if zh else "; ").join(tails)
        return text if zh else _ended(text, zh)

    def _item(self, item_id: str, title: str, lang: str) -> str:
        if self.header and not item_id:
            from .header import HEADER_NAME

            return HEADER_NAME[lang]
        return f"{item_id} {title_in_line(title)}"

    def _field(self, name: str, lang: str) -> str:
        if self.header:
            from .header import field_name

            return field_name(name, lang)
        return _field_name(name, lang)

    def _value(self, field_name: str, value: Any, lang: str, old: bool = False) -> str:
        unit = self.measure if field_name in METRIC_FIELDS else ""
        if old and field_name in METRIC_FIELDS and "measure" in self.fields:  # in the old unit
            unit = str(self.fields["measure"][0] or "")
        if value is None:
            return show_value(field_name, value, lang)
        from .texts import with_unit

        return with_unit(lang, show_value(field_name, value, lang, header=self.header), unit)


_SHOWN_FIELDS: dict[str, tuple[str, ...]] = {
    "done": (),
    "evidence": ("evidence",),
    "reopen": ("status",),
    "start": (),
    "block": ("reason",),
    "drop": ("reason",),
    "progress": ("progress", "status"),
    "record": ("actual", "status"),
    "note": (),
    "add": (),
    "move": ("parent",),
    "remove": (),
}


# What a value quoted last may end with that is no end of a sentence (a reason typed as
# 资金未到位，): the stop goes in its place.
_CLAUSE_ENDS = "，,、：:；;"


def _ended(text: str, zh: bool) -> str:
    """The sentence ended once: a reason quoted last that ends in a stop of its own (本镇不再单列
    任务。) is not given a second (。。)."""
    text = text.rstrip(_CLAUSE_ENDS) or text
    return text if text[-1] in "。！？!?." else text + ("。" if zh else ".")


def _field_name(name: str, lang: str) -> str:
    try:
        return label(lang, "title_field" if name == "title" else name)
    except KeyError:
        return name


def _place(parent: tuple[str, str], lang: str) -> str:
    parent_id, title = parent
    return f"{parent_id} {title_in_line(title)}" if parent_id else label(lang, "top_level")


def _part_text(part: PartFigures, lang: str) -> str:
    figures = part.figures
    share = percent_of(figures.ratio)
    name = f"{part.id} {title_in_line(part.title)}" if part.id else label(lang, "whole_plan")
    if lang == "zh":
        return f"{name} 完成率 {share}（{figures.done}/{figures.total}）"
    return f"{name}: completion {share} ({figures.done}/{figures.total})"


def show_value(
    field_name: str,
    value: Any,
    lang: str,
    limit: int | None = SHOWN_VALUE_LIMIT,
    *,
    header: bool = False,
) -> str:
    """A field's value as a short one-line text ('—' when absent); ``header``: of the plan's
    header (a field in conflict there is named as the header names it)."""
    return format_value(field_name, value, lang, limit, header=header)
