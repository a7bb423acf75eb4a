"""The tree an import would create, as indented lines (``plan import --dry-run``): each item
by id and title, a task with who answers for it, its deadline and its target. Plain text from
the document itself, so it shows whatever the sheet held, before any plan is built from it."""

from __future__ import annotations

import datetime as dt
from typing import Any

_LABELS = {
    "zh": {"who": "责任", "due": "完成时限", "no_due": "无（长期）", "target": "目标"},
    "en": {"who": "responsible", "due": "due", "no_due": "none (ongoing)", "target": "target"},
}
_ROLES = ("lead_unit", "lead", "owner")


def outline(doc: dict[str, Any], lang: str) -> list[str]:
    words = _LABELS.get(lang, _LABELS["en"])
    items = doc["item"]
    parents = {item["id"].rpartition(".")[0] for item in items}
    lines = []
    for item in items:
        depth = item["id"].count(".")
        text = f"{'  ' * depth}{item['id']} {_one_line(item['title'])}"
        if item["id"] not in parents:
            details = []
            who = [name for role in _ROLES for name in _names(item.get(role))]
            if who:
                details.append(f"{words['who']}: {'、'.join(dict.fromkeys(who))}")
            if "due" in item:
                details.append(f"{words['due']}: {_when(item['due'])}")
            target = _target(item)
            if target:
                details.append(f"{words['target']}: {target}")
            if details:
                text += "  · " + " · ".join(details)
        lines.append(text)
    return lines


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value]
    return []


def _when(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _target(item: dict[str, Any]) -> str:
    if "target_text" in item:
        return _one_line(str(item["target_text"]))
    if "target" in item:
        return f"{item['target']}{item.get('measure', '')}"
    return ""


def _one_line(text: str) -> str:
    return " ".join(text.split())
